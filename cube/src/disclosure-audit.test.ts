/**
 * The auditor's solving (audit() in disclosure-audit.ts) against a plain attacker: on seeded
 * random small public surfaces — one count by nothing, by gender and by scheme, by month, quarter
 * and year, from joint counts, small cells hidden and complements hidden at random, so on some a
 * small cell can be recovered or narrowed — the plain attacker solves the minimum and the maximum
 * of every small hidden cell over the whole system, one program per bound, with no shortcut. The
 * auditor must find exactly the cells the plain attacker can narrow below the protection (upper
 * bound < T or lower bound > value / 2) or compute exactly, with the same bound on the side that
 * fails. The integration test (tests/integration/access/disclosure-audit.test.ts) runs the
 * auditor on the real public surface.
 */
import highsLoader from 'highs';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../warehouse/src/forecast/model.ts';
import { type AuditRow, type AuditTable, audit, buildSystem, type Granularity } from './disclosure-audit.ts';
import { SUPPRESSED } from './suppression.ts';

const T = 5;
const YEAR = '2025';
const MEMBER = 'public_audit_probe.people';

function surface(seed: number): AuditTable[] {
	const random = seededRandom(seed); // the same surfaces every run
	const pick = (n: number) => Math.floor(random() * n);
	const genders = ['F', 'M'];
	const schemes = ['G2G', 'P2P', 'SELF'].slice(0, 2 + pick(2));
	const months = 2 + pick(4); // January to February … May: one or two quarters
	// people per gender, scheme and month: many small, some zero
	const joint: { gender: string; scheme: string; month: number; n: number }[] = [];
	for (const gender of genders)
		for (const scheme of schemes)
			for (let month = 1; month <= months; month++) joint.push({ gender, scheme, month, n: random() < 0.25 ? 0 : pick(9) });
	const hideComplement = 0.3 + random() * 0.6;
	const omitZeroRow = random() < 0.5;
	const period = (g: Granularity, month: number) => {
		const first = g === 'year' ? 1 : g === 'quarter' ? Math.floor((month - 1) / 3) * 3 + 1 : month;
		return `${YEAR}-${String(first).padStart(2, '0')}-01T00:00:00.000`;
	};
	const tables: AuditTable[] = [];
	for (const attribute of [null, 'gender', 'scheme'] as const) {
		for (const granularity of ['month', 'quarter', 'year'] as const) {
			const sums = new Map<string, AuditRow>();
			for (const j of joint) {
				const value = attribute ? j[attribute] : null;
				const p = period(granularity, j.month);
				const key = `${value}|${p}`;
				const row = sums.get(key) ?? { ...(attribute ? { attribute: value } : {}), period: p, [MEMBER]: 0 };
				row[MEMBER] = Number(row[MEMBER]) + j.n;
				sums.set(key, row);
			}
			const truth = [...sums.values()].filter((r) => !(omitZeroRow && r[MEMBER] === 0));
			const rows = truth.map((r) => {
				const n = Number(r[MEMBER]);
				const hidden = (n >= 1 && n < T) || random() < hideComplement;
				return { ...r, [MEMBER]: hidden ? SUPPRESSED : n };
			});
			tables.push({ view: 'public_audit_probe', attribute, granularity, year: YEAR, measures: { [MEMBER]: MEMBER }, rows, truth });
		}
	}
	return tables;
}

type Highs = Awaited<ReturnType<typeof highsLoader>>;

/**
 * The plain attacker: every cell a variable (shown ones fixed), every constraint of the system,
 * and for every small hidden cell its minimum and its maximum, one LP text each.
 */
function plainAttacker(highs: Highs, tables: AuditTable[]) {
	const { cells, constraints } = buildSystem(tables);
	const keys = [...cells.keys()];
	const name = new Map(keys.map((k, i) => [k, `x${i}`]));
	const subjectTo = constraints
		.map((c, i) => ` c${i}: ${[...c.terms].map(([k, a]) => `${a >= 0 ? '+' : '-'} ${Math.abs(a)} ${name.get(k)}`).join(' ')} ${c.sense} 0`)
		.join('\n');
	const bounds = keys
		.map((k) => (cells.get(k)!.shown === undefined ? ` ${name.get(k)} >= 0` : ` ${name.get(k)} = ${cells.get(k)!.shown}`))
		.join('\n');
	const violations = new Map<string, { lower?: number; upper?: number }>();
	const exact: string[] = [];
	for (const c of cells.values()) {
		const value = c.truth ?? 0;
		if (c.hiddenIn.length === 0 || value < 1 || value >= T) continue;
		if (c.shown !== undefined) {
			violations.set(c.key, {});
			continue;
		}
		const solve = (sense: 'Minimize' | 'Maximize') => {
			const r = highs.solve(`${sense}\n obj: + ${name.get(c.key)}\nSubject To\n${subjectTo}\nBounds\n${bounds}\nEnd\n`);
			if (sense === 'Maximize' && r.Status === 'Unbounded') return Number.POSITIVE_INFINITY;
			expect(r.Status, c.key).toBe('Optimal');
			return (r as { ObjectiveValue: number }).ObjectiveValue;
		};
		const lower = solve('Minimize');
		const upper = solve('Maximize');
		if (upper - lower < 1e-6) exact.push(c.key);
		const failing = {
			...(lower > value / 2 + 1e-6 ? { lower } : {}),
			...(upper < T - 1e-6 ? { upper } : {}),
		};
		if (Object.keys(failing).length > 0) violations.set(c.key, failing);
	}
	return { violations, exact: exact.sort() };
}

describe('the disclosure auditor', () => {
	it('finds exactly the small cells a plain attacker narrows or computes, on 40 seeded random surfaces', async () => {
		const highs = await highsLoader();
		let narrowed = 0;
		let computed = 0;
		let clean = 0;
		for (let seed = 1; seed <= 40; seed++) {
			const tables = surface(seed);
			const expected = plainAttacker(highs, tables);
			const report = await audit(tables, T);
			expect(report.inconsistent, `seed ${seed}`).toEqual([]);
			expect(report.violations.map((f) => f.cell).sort(), `seed ${seed}: under-protected cells`).toEqual(
				[...expected.violations.keys()].sort(),
			);
			expect(report.exact.map((f) => f.cell).sort(), `seed ${seed}: cells computed exactly`).toEqual(expected.exact);
			// the bound that fails is the attacker's exact bound
			for (const f of report.violations) {
				const failing = expected.violations.get(f.cell)!;
				if (failing.lower !== undefined) expect(f.lower, `seed ${seed} ${f.cell} lower`).toBeCloseTo(failing.lower, 6);
				if (failing.upper !== undefined) expect(f.upper, `seed ${seed} ${f.cell} upper`).toBeCloseTo(failing.upper, 6);
			}
			narrowed += expected.violations.size;
			computed += expected.exact.length;
			if (expected.violations.size === 0) clean++;
		}
		// the surfaces cover both outcomes: cells recovered or narrowed, and fully protected ones
		expect(computed).toBeGreaterThan(0);
		expect(narrowed).toBeGreaterThan(computed);
		expect(clean).toBeGreaterThan(0);
	}, 60_000);
});
