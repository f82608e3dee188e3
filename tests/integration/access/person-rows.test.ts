/**
 * No person-level rows, for any role with a login (issue #11, item 2): every result row of a query
 * on a cube that counts people describes at least k people (SLMI_MIN_PEOPLE_PER_ROW, default 5).
 * Checked against the facts themselves: the distinct candidates behind each group, counted in SQL
 * on fct_* (uniqExact(candidate_id)), never with Cube's own `people` measure.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MIN_PEOPLE_PER_ROW } from '../../../cube/src/config.ts';
import { queryRows } from '../../../warehouse/src/client.ts';
import { ask, type Claims, DIRECTOR, db, load, MINISTER, REGIONAL_52, SYSTEM } from './access-client.ts';

const K = Number(process.env.SLMI_MIN_PEOPLE_PER_ROW || DEFAULT_MIN_PEOPLE_PER_ROW);
const ROLES: [string, Claims][] = [
	['minister', MINISTER],
	['director', DIRECTOR],
	['regional head of 52', REGIONAL_52],
];

/** Distinct candidates per group, keyed by the group's values joined with '|'. */
async function peopleByGroup(table: string, columns: string[], where = '1'): Promise<Map<string, { rows: number; people: number }>> {
	const list = columns.join(', ');
	const rows = await queryRows<Record<string, string>>(
		db,
		`SELECT ${list}, count() AS rows, uniqExact(candidate_id) AS people FROM ${table} WHERE ${where} GROUP BY ${list}`,
	);
	return new Map(rows.map((r) => [columns.map((c) => String(r[c])).join('|'), { rows: Number(r.rows), people: Number(r.people) }]));
}

function keyOf(row: Record<string, unknown>, members: string[], day?: string): string {
	const values = members.map((m) => String(row[m]));
	if (day) values.push(String(row[day]).slice(0, 10));
	return values.join('|');
}

// The grouping of the issue: every personal attribute of a departure, by day.
const ISSUE_DIMENSIONS = ['province', 'gender', 'age_band', 'education', 'occupation', 'country', 'agency', 'certified', 'smk'];
const ISSUE_COLUMNS = [
	'province_code',
	'gender',
	'age_band',
	'education',
	'occupation_isco4',
	'country_iso2',
	'agency_code',
	'certified',
	'smk',
	'departure_date',
];
const issueQuery = {
	measures: ['placements.placements'],
	dimensions: ISSUE_DIMENSIONS.map((d) => `placements.${d}`),
	timeDimensions: [{ dimension: 'placements.departure_date', granularity: 'day' }],
	limit: 50_000,
};

describe('the grouping of the issue (placements by every personal attribute and departure day)', () => {
	it('has person-level groups in the test data (what the rule must stop)', async () => {
		const groups = await peopleByGroup('fct_placements', ISSUE_COLUMNS);
		const small = [...groups.values()].filter((g) => g.people < K).length;
		expect(small / groups.size, 'most groups of this grouping are one or a few people').toBeGreaterThan(0.9);
		// the loader's system token is not limited: it is how the rule's absence would look
		const all = await load(SYSTEM, issueQuery);
		expect(all.length).toBe(groups.size);
	});

	for (const [name, claims] of ROLES) {
		it(`${name}: no row describes fewer than ${K} people`, async () => {
			const groups = await peopleByGroup('fct_placements', ISSUE_COLUMNS);
			const rows = await load(claims, issueQuery);
			const members = ISSUE_DIMENSIONS.map((d) => `placements.${d}`);
			const small = rows.filter((r) => (groups.get(keyOf(r, members, 'placements.departure_date.day'))?.people ?? 0) < K);
			expect(small).toEqual([]);
			const expected = [...groups.values()].filter((g) => g.people >= K).length;
			expect(rows.length).toBe(expected);
		});
	}
});

describe('a coarser grouping keeps exactly the groups of at least k people', () => {
	const dims = ['province', 'gender', 'age_band'];
	const columns = ['province_code', 'gender', 'age_band'];
	for (const [name, claims] of ROLES) {
		it(`${name}: placements by province, gender and age band`, async () => {
			const groups = await peopleByGroup('fct_placements', columns);
			const kept = [...groups.entries()].filter(([, g]) => g.people >= K);
			expect(kept.length, 'some groups pass').toBeGreaterThan(0);
			expect(kept.length, 'and some do not').toBeLessThan(groups.size);
			const rows = await load(claims, { measures: ['placements.placements'], dimensions: dims.map((d) => `placements.${d}`) });
			const got = new Map(
				rows.map((r) => [
					keyOf(
						r,
						dims.map((d) => `placements.${d}`),
					),
					Number(r['placements.placements']),
				]),
			);
			expect([...got.keys()].sort()).toEqual(kept.map(([k]) => k).sort());
			for (const [key, g] of kept) expect(got.get(key), key).toBe(g.rows);
		});
	}

	it('regional head of 52: candidate detail of 52 only, and only groups of at least k people', async () => {
		const rows = await load(REGIONAL_52, {
			measures: ['supply.candidates'],
			dimensions: ['supply.gender', 'supply.age_band', 'supply.education'],
		});
		const fine = await peopleByGroup('fct_candidates', ['gender', 'age_band', 'education'], "province_code = '52'");
		expect(
			[...fine.values()].some((g) => g.people < K),
			'the test data has small groups in 52',
		).toBe(true);
		expect(
			[...fine.values()].some((g) => g.people >= K),
			'and groups that pass',
		).toBe(true);
		for (const r of rows) {
			const g = fine.get(keyOf(r, ['supply.gender', 'supply.age_band', 'supply.education']));
			expect(g?.people ?? 0).toBeGreaterThanOrEqual(K);
			expect(Number(r['supply.candidates'])).toBe(g?.people);
		}
		expect(rows.length).toBe([...fine.values()].filter((g) => g.people >= K).length);
	});
});

describe('people are counted exactly where one person has several rows', () => {
	// Applications by origin, gender, age band, education and occupation: groups with at least k
	// applications but fewer than k distinct applicants exist in the test data (checked below by
	// hand in SQL); a rule counting rows would let them through.
	const dims = ['province', 'regency', 'gender', 'age_band', 'occupation'];
	const columns = ['province_code', 'regency_code', 'gender', 'age_band', 'occupation_isco4'];

	it('drops a group of many applications from few applicants, also when read from a pre-aggregation', async () => {
		const groups = await peopleByGroup('fct_applications', columns);
		const repeated = [...groups.entries()].filter(([, g]) => g.rows >= K && g.people < K);
		expect(repeated.length, 'groups with >= k applications but < k applicants').toBeGreaterThan(0);
		const [key, group] = repeated[0]!;
		const [province, regency, gender, ageBand, occupation] = key.split('|');
		// by hand: the group's applications and who made them
		const byHand = await queryRows<{ candidate_id: string; n: string }>(
			db,
			`SELECT candidate_id, count() AS n FROM fct_applications WHERE regency_code = '${regency}' AND gender = '${gender}'
			 AND age_band = '${ageBand}' AND occupation_isco4 = '${occupation}' GROUP BY candidate_id`,
		);
		expect(byHand.length).toBe(group.people);
		expect(byHand.reduce((s, r) => s + Number(r.n), 0)).toBe(group.rows);

		const members = dims.map((d) => `applications.${d}`);
		for (const [, claims] of ROLES) {
			const query = {
				measures: ['applications.applications'],
				dimensions: members,
				filters: [{ member: 'applications.province', operator: 'equals', values: [province] }],
			};
			if (claims === REGIONAL_52 && province !== '52') continue; // refused: another province's candidate detail
			// answered from a pre-aggregation: the distinct count is merged from its stored states
			const planned = await ask(claims, 'sql', query);
			expect((planned.body.sql as { preAggregations: unknown[] }).preAggregations.length).toBeGreaterThan(0);
			const rows = await load(claims, query);
			const keys = rows.map((r) => keyOf(r, members));
			expect(keys).not.toContain(key);
			for (const k of keys) expect(groups.get(k)!.people).toBeGreaterThanOrEqual(K);
			expect(keys.length).toBe([...groups.entries()].filter(([k, g]) => k.startsWith(`${province}|`) && g.people >= K).length);
		}
	});

	it('drops a one-row answer narrowed by filters to fewer than k people', async () => {
		const groups = await peopleByGroup('fct_applications', columns);
		const [key, group] = [...groups.entries()].find(([, g]) => g.rows >= K && g.people < K)!;
		const values = key.split('|');
		const filters = dims.map((d, i) => ({ member: `applications.${d}`, operator: 'equals', values: [values[i]] }));
		const system = await load(SYSTEM, { measures: ['applications.applications'], filters });
		expect(Number(system[0]?.['applications.applications'])).toBe(group.rows);
		expect(await load(MINISTER, { measures: ['applications.applications'], filters })).toEqual([]);
		expect(await load(MINISTER, { dimensions: ['applications.province'], filters })).toEqual([]);
	});
});
