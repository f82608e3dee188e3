/**
 * The disclosure auditor: what a statistical office's audit (τ-ARGUS, sdcTable) does to a set of
 * published tables, run against the real public surface. It collects every table the public can
 * get for a year (every public view × no attribute or each of its attributes × the year's months,
 * quarters and the year — every filtered answer is a cut of one of these),
 * and builds the attacker's linear program:
 *
 * - variables: every cell (quantity, attribute, value, period) of every family at every level;
 *   non-negative reals (integrality relaxed, which only widens intervals);
 * - constraints: every shown value; every hierarchy sum (attribute values add up to the table
 *   without the attribute, countries to regions, provinces to island groups, occupations to
 *   sectors, months to quarters to the year); a row Cube leaves out is zero; a quantity
 *   shown by two views is one variable; relations the public knows (medium-high ≤ placements,
 *   = for skill levels 3–4, 0 for level 1);
 *
 * and, with HiGHS, bounds every small hidden cell. A primary cell (true value from 1 to T − 1) is
 * protected when the attacker cannot prove it small (upper bound ≥ T) and cannot pin it near its
 * value from below (lower bound ≤ value / 2). A protection is proven only by a solution of the
 * attacker's program (a table the attacker cannot rule out) that reaches it, found many cells at a
 * time; a cell no such solution protects gets its exact minimum or maximum, so every violation is
 * found, with the attacker's exact bound. docs/access.md ("The disclosure auditor").
 */
import highsLoader from 'highs';
import { Catalog, disclosureOf, type MetaCube, type Query } from './access.ts';
import { ALL_TIME_QUANTITIES, ancestorsOf, PUBLIC_ATTRIBUTES, PUBLIC_TIME, QUANTITY_RELATIONS, quantityOf } from './public-families.ts';
import { cubeRest } from './rest.ts';
import { SUPPRESSED } from './suppression.ts';

/** a period breakdown; 'all' is the table without a period (all time) */
export type Granularity = 'month' | 'quarter' | 'year' | 'all';
export const AUDIT_GRANULARITIES: readonly Granularity[] = ['month', 'quarter', 'year'];

/**
 * Views whose rows are not additive over all time (the Quick Win view covers its target years
 * only): audited for the year, not through their all-time tables.
 */
const YEAR_ONLY_VIEWS = new Set(['public_quick_win']);

type Value = string | number | boolean | null;
export type AuditRow = Record<string, Value>;

/** One public table as the public got it, with the true values beside it. */
export interface AuditTable {
	view: string;
	/** the attribute's short name (country, province, …), or null for the table without one */
	attribute: string | null;
	granularity: Granularity;
	/** the year the table is cut to (a date range), if it is */
	year?: string;
	/** measure member → its quantity */
	measures: Record<string, string>;
	/** the public answer */
	rows: AuditRow[];
	/** the same query unsuppressed (an internal role) */
	truth: AuditRow[];
}

export interface PublicMeta {
	cubes: { name: string; measures: { name: string; type: string; aggType?: string }[]; dimensions: { name: string; type: string }[] }[];
}

export type Ask = (audience: 'public' | 'truth', query: Query) => Promise<{ status: number; body: { data?: AuditRow[]; error?: string } }>;

/** Additive counts of a view the auditor can model: sums and counts (maxima and ratios are not). */
function auditedMeasures(view: PublicMeta['cubes'][number], catalog: Catalog): Record<string, string> {
	const out: Record<string, string> = {};
	for (const m of view.measures) {
		const d = disclosureOf(m.name, catalog);
		const agg = m.aggType ?? m.type;
		if (d?.kind === 'count' && ['count', 'sum', 'countDistinct', 'count_distinct'].includes(agg)) out[m.name] = quantityOf(m.name);
	}
	return out;
}

/**
 * Every table of the public surface for one year, as the public and as the truth: every public
 * view by nothing or by one of its attributes, for the year's months, quarters and the year.
 */
export async function collectPublicSurface(meta: PublicMeta, ask: Ask, year: string, limit = 50_000): Promise<AuditTable[]> {
	const catalog = Catalog.fromMeta(meta.cubes.map((c) => ({ config: c }) as MetaCube));
	const tables: AuditTable[] = [];
	for (const view of meta.cubes.filter((c) => c.name.startsWith('public_'))) {
		const measures = auditedMeasures(view, catalog);
		if (Object.keys(measures).length === 0) continue;
		const time = PUBLIC_TIME[view.name];
		const attributes = view.dimensions.map((d) => d.name).filter((d) => PUBLIC_ATTRIBUTES[d.split('.')[1]!] !== undefined);
		for (const attribute of [null, ...attributes]) {
			if (!time) continue;
			// the year's months, quarters and the year; then every year, and all time, which tie
			// the year to the others
			const periods: [Granularity, Query['timeDimensions']][] = AUDIT_GRANULARITIES.map((granularity) => [
				granularity,
				[{ dimension: time, granularity, dateRange: [`${year}-01-01`, `${year}-12-31`] }],
			]);
			if (!YEAR_ONLY_VIEWS.has(view.name)) periods.push(['year', [{ dimension: time, granularity: 'year' }]], ['all', []]);
			for (const [granularity, timeDimensions] of periods) {
				const query: Query = {
					measures: Object.keys(measures),
					dimensions: attribute ? [attribute] : [],
					timeDimensions,
					limit,
				};
				const [pub, truth] = await Promise.all([ask('public', query), ask('truth', query)]);
				// a table refused as too detailed is not published: nothing to audit
				if (pub.status === 400 && /too detailed/.test(pub.body.error ?? '')) continue;
				for (const [who, r] of [
					['public', pub],
					['truth', truth],
				] as const) {
					if (r.status !== 200) throw new Error(`${who} ${JSON.stringify(query)}: ${r.status} ${r.body.error}`);
				}
				const rename = (rows: AuditRow[]) =>
					rows.map((row) => {
						const out: AuditRow = {};
						if (attribute) out.attribute = row[attribute] ?? null;
						out.period = granularity === 'all' ? null : (row[`${time}.${granularity}`] ?? null);
						for (const m of Object.keys(measures)) out[m] = row[m] ?? null;
						return out;
					});
				tables.push({
					view: view.name,
					attribute: attribute ? attribute.split('.')[1]! : null,
					granularity,
					year: timeDimensions?.[0]?.dateRange ? year : undefined,
					measures,
					rows: rename(pub.body.data ?? []),
					truth: rename(truth.body.data ?? []),
				});
			}
		}
	}
	return tables;
}

// ---------------------------------------------------------------------------------------------
// The attacker's linear program.

/** A period key: m2024-01, q2024-1, y2024. */
function periodKey(value: Value, granularity: Granularity): string {
	if (granularity === 'all') return '*';
	const s = String(value);
	const year = s.slice(0, 4);
	const month = Number(s.slice(5, 7));
	if (granularity === 'year') return `y${year}`;
	if (granularity === 'quarter') return `q${year}-${Math.floor((month - 1) / 3) + 1}`;
	return `m${year}-${String(month).padStart(2, '0')}`;
}

interface Cell {
	key: string;
	/** the shown value, when some table shows it */
	shown?: number;
	/** where it is hidden, for the report */
	hiddenIn: string[];
	truth?: number;
}

interface Constraint {
	terms: Map<string, number>;
	/** '=' or '<=' 0 */
	sense: '=' | '<=';
	why: string;
}

export interface AuditFinding {
	cell: string;
	where: string;
	value: number;
	lower: number;
	upper: number;
}

export interface AuditReport {
	tables: number;
	/** cells of every collected table */
	cells: number;
	/** distinct cells hidden somewhere */
	suppressed: number;
	/** hidden cells whose true value is 1 … T − 1 */
	primary: number;
	/** primary cells whose interval is narrower than the protection */
	violations: AuditFinding[];
	/** small hidden cells the attacker computes exactly */
	exact: AuditFinding[];
	/**
	 * cells one table hides and another shows: by design when a view hides a whole row for a
	 * count another view does not carry (public_provinces hides placements beside hidden
	 * registrations; public_placements shows them); a violation when small
	 */
	shownElsewhere: AuditFinding[];
	/**
	 * the small cell with the narrowest interval; intervals are solved only as far as needed to
	 * prove the protection, so this is the narrowest range of values seen in the attacker's
	 * solutions (the true interval is at least as wide)
	 */
	narrowest?: AuditFinding;
	/** shown values two tables disagree on, or that break a sum */
	inconsistent: string[];
	linearPrograms: number;
	seconds: number;
}

const cellKey = (quantity: string, attribute: string | null, value: Value, period: string) =>
	`${quantity}|${attribute ?? '-'}|${attribute ? String(value) : '*'}|${period}`;

/** The system of cells and constraints built from the collected tables. */
export function buildSystem(tables: AuditTable[]): { cells: Map<string, Cell>; constraints: Constraint[]; inconsistent: string[] } {
	const cells = new Map<string, Cell>();
	const inconsistent: string[] = [];
	const cell = (key: string): Cell => {
		let c = cells.get(key);
		if (!c) {
			c = { key, hiddenIn: [] };
			cells.set(key, c);
		}
		return c;
	};
	// the domain of each (quantity, attribute): values and months seen anywhere
	const values = new Map<string, Set<string>>();
	const months = new Set<string>();
	const tablesOf = new Map<string, Set<string>>(); // quantity|attribute → granularities collected
	for (const t of tables) {
		for (const row of [...t.rows, ...t.truth]) {
			if (t.granularity === 'month') months.add(periodKey(row.period ?? null, 'month'));
			for (const q of Object.values(t.measures)) {
				const k = `${q}|${t.attribute ?? '-'}`;
				if (!values.has(k)) values.set(k, new Set());
				values.get(k)!.add(t.attribute ? String(row.attribute) : '*');
			}
		}
		for (const q of Object.values(t.measures)) {
			const k = `${q}|${t.attribute ?? '-'}`;
			if (!tablesOf.has(k)) tablesOf.set(k, new Set());
			tablesOf.get(k)!.add(String(t.granularity));
			if (!values.has(k)) values.set(k, new Set(t.attribute ? [] : ['*']));
		}
	}
	const monthList = [...months].sort();
	const quarterOf = (m: string) => `q${m.slice(1, 5)}-${Math.floor((Number(m.slice(6, 8)) - 1) / 3) + 1}`;
	const yearOf = (p: string) => `y${p.slice(1, 5)}`;
	const quarters = [...new Set(monthList.map(quarterOf))].sort();
	const audited = new Set(quarters.map(yearOf));
	const years = [
		...new Set([
			...audited,
			...tables
				.filter((t) => t.granularity === 'year')
				.flatMap((t) => [...t.rows, ...t.truth].map((r) => periodKey(r.period ?? null, 'year'))),
		]),
	].sort();
	const allTime = tables.some((t) => t.granularity === 'all');
	const periodsOf = (g: Granularity) => (g === 'all' ? ['*'] : g === 'year' ? years : g === 'quarter' ? quarters : monthList);

	// every cell of every collected table: shown, hidden, or absent (zero)
	for (const t of tables) {
		const where = `${t.view} by ${t.attribute ?? 'nothing'} and ${t.granularity === 'all' ? 'all time' : t.granularity}`;
		const truthOf = new Map(t.truth.map((r) => [`${r.attribute ?? '*'}|${periodKey(r.period ?? null, t.granularity)}`, r]));
		const seen = new Set<string>();
		for (const row of t.rows) {
			const id = `${row.attribute ?? '*'}|${periodKey(row.period ?? null, t.granularity)}`;
			seen.add(id);
			for (const [member, q] of Object.entries(t.measures)) {
				const c = cell(cellKey(q, t.attribute, row.attribute ?? null, periodKey(row.period ?? null, t.granularity)));
				const v = row[member];
				const truth = Number(truthOf.get(id)?.[member] ?? 0);
				c.truth = truth;
				if (v === SUPPRESSED) c.hiddenIn.push(where);
				else {
					const n = Number(v ?? 0);
					if (c.shown !== undefined && c.shown !== n) inconsistent.push(`${c.key}: ${c.shown} and ${n} (${where})`);
					c.shown = n;
				}
			}
		}
		// Cube leaves empty combinations out, so an absent row is a zero — in a table that has rows
		// at all (the Quick Win view has rows for its target years only)
		if (t.rows.length === 0 && t.truth.length === 0) continue;
		for (const [member, q] of Object.entries(t.measures)) {
			for (const value of values.get(`${q}|${t.attribute ?? '-'}`) ?? []) {
				for (const period of periodsOf(t.granularity).filter((p) => t.year === undefined || p.slice(1, 5) === t.year)) {
					if (seen.has(`${t.attribute ? value : '*'}|${period}`)) continue;
					const c = cell(cellKey(q, t.attribute, value, period));
					c.truth ??= 0;
					if (c.shown !== undefined && c.shown !== 0) inconsistent.push(`${c.key}: ${c.shown} and absent (${where}, ${member})`);
					c.shown = 0;
				}
			}
		}
	}

	const constraints: Constraint[] = [];
	const sum = (whole: string, parts: string[], why: string) => {
		const terms = new Map<string, number>([[whole, -1]]);
		for (const p of parts) {
			cell(p);
			terms.set(p, (terms.get(p) ?? 0) + 1);
		}
		cell(whole);
		constraints.push({ terms, sense: '=', why });
	};
	const quantities = new Set([...values.keys()].map((k) => k.split('|')[0]!));
	for (const q of quantities) {
		const attrs = [...values.keys()].filter((k) => k.startsWith(`${q}|`)).map((k) => k.split('|')[1]!);
		const allPeriods = [...(allTime ? ['*'] : []), ...years, ...quarters, ...monthList];
		for (const a of attrs) {
			const attribute = a === '-' ? null : a;
			const vals = [...(values.get(`${q}|${a}`) ?? [])];
			// time: months → quarters → the year
			for (const v of vals) {
				for (const quarter of quarters)
					sum(
						cellKey(q, attribute, v, quarter),
						monthList.filter((m) => quarterOf(m) === quarter).map((m) => cellKey(q, attribute, v, m)),
						'months of a quarter',
					);
				for (const year of audited)
					sum(
						cellKey(q, attribute, v, year),
						quarters.filter((x) => yearOf(x) === year).map((x) => cellKey(q, attribute, v, x)),
						'quarters of a year',
					);
				if (allTime)
					sum(
						cellKey(q, attribute, v, '*'),
						years.map((y) => cellKey(q, attribute, v, y)),
						'years of all time',
					);
			}
			if (attribute === null) continue;
			// the attribute's values add up to the table without it, and to each coarser attribute
			for (const period of allPeriods) {
				if (attrs.includes('-'))
					sum(
						cellKey(q, null, '*', period),
						vals.map((v) => cellKey(q, attribute, v, period)),
						`${attribute} values add up`,
					);
				for (const { attribute: parent, of } of ancestorsOf(attribute)) {
					if (!attrs.includes(parent)) continue;
					const groups = new Map<string, string[]>();
					for (const v of vals) groups.set(of(v), [...(groups.get(of(v)) ?? []), cellKey(q, attribute, v, period)]);
					for (const pv of values.get(`${q}|${parent}`) ?? []) if (!groups.has(pv)) groups.set(pv, []);
					for (const [pv, parts] of groups) sum(cellKey(q, parent, pv, period), parts, `${attribute} → ${parent}`);
				}
			}
		}
	}
	// counts that are another quantity over all time
	for (const [member, q] of Object.entries(ALL_TIME_QUANTITIES)) {
		for (const key of [...cells.keys()]) {
			const [k, a, v, p] = key.split('|') as [string, string, string, string];
			if (k !== member || p !== '*' || !cells.has(`${q}|${a}|${v}|*`)) continue;
			constraints.push({
				terms: new Map([
					[key, 1],
					[`${q}|${a}|${v}|*`, -1],
				]),
				sense: '=',
				why: `${member} = ${q} over all time`,
			});
		}
	}
	// relations between quantities
	for (const rel of QUANTITY_RELATIONS) {
		for (const key of [...cells.keys()]) {
			const [q, a, v, p] = key.split('|') as [string, string, string, string];
			if (q !== rel.part) continue;
			const whole = `${rel.whole}|${a}|${v}|${p}`;
			if (!cells.has(whole)) continue;
			const kind = rel.by && rel.by.attribute === a ? rel.by.rule(v) : 'between';
			if (kind === 'zero') constraints.push({ terms: new Map([[key, 1]]), sense: '=', why: `${rel.part} is 0 here` });
			else
				constraints.push({
					terms: new Map([
						[key, 1],
						[whole, -1],
					]),
					sense: kind === 'equal' ? '=' : '<=',
					why: `${rel.part} ${kind === 'equal' ? '=' : '≤'} ${rel.whole}`,
				});
		}
	}
	return { cells, constraints, inconsistent };
}

type Highs = Awaited<ReturnType<typeof highsLoader>>;
type Model = ReturnType<Highs['createModel']>;
type Reduced = { terms: Map<string, number>; sense: '=' | '<='; rhs: number };

/** One HiGHS runtime for every audit of the process: loading compiles 3.5 MB of WASM (≈ 0.3 s). */
let runtime: Promise<Highs> | undefined;

/** Solves for every hidden cell's interval and checks the protection rule. */
export async function audit(tables: AuditTable[], threshold: number): Promise<AuditReport> {
	const started = Date.now();
	const { cells, constraints, inconsistent } = buildSystem(tables);
	const isFree = (key: string) => cells.get(key)!.shown === undefined;
	// substitute shown values; a constraint with nothing hidden left is a consistency check
	const reduced: Reduced[] = [];
	for (const c of constraints) {
		let rhs = 0;
		const terms = new Map<string, number>();
		for (const [k, coef] of c.terms) {
			if (isFree(k)) terms.set(k, (terms.get(k) ?? 0) + coef);
			else rhs -= coef * cells.get(k)!.shown!;
		}
		for (const [k, coef] of terms) if (coef === 0) terms.delete(k);
		if (terms.size === 0) {
			if (c.sense === '=' ? Math.abs(rhs) > 1e-6 : rhs < -1e-6)
				inconsistent.push(`${c.why}: ${[...c.terms.keys()].join(' ')} off by ${rhs}`);
			continue;
		}
		reduced.push({ terms, sense: c.sense, rhs });
	}
	// connected components of hidden cells: cells that share no constraint, even through other
	// hidden cells, bound each other in no way, so each component is a program of its own
	const free = [...cells.keys()].filter(isFree).sort();
	const index = new Map(free.map((k, i) => [k, i]));
	const parent = free.map((_, i) => i);
	const find = (i: number): number => {
		while (parent[i] !== i) {
			parent[i] = parent[parent[i]!]!;
			i = parent[i]!;
		}
		return i;
	};
	for (const c of reduced) {
		const ids = [...c.terms.keys()].map((k) => index.get(k)!);
		for (const i of ids) parent[find(i)] = find(ids[0]!);
	}
	const componentOf = new Map<number, { vars: string[]; rows: Reduced[] }>();
	free.forEach((k, i) => {
		const root = find(i);
		if (!componentOf.has(root)) componentOf.set(root, { vars: [], rows: [] });
		componentOf.get(root)!.vars.push(k);
	});
	for (const c of reduced) componentOf.get(find(index.get(c.terms.keys().next().value!)!))!.rows.push(c);

	runtime ??= highsLoader();
	let highs: Highs = await runtime;
	let programs = 0;
	const report: AuditReport = {
		tables: tables.length,
		cells: tables.reduce((s, t) => s + t.rows.length * Object.keys(t.measures).length, 0),
		suppressed: free.filter((k) => cells.get(k)!.hiddenIn.length > 0).length,
		primary: 0,
		violations: [],
		exact: [],
		shownElsewhere: [],
		inconsistent,
		linearPrograms: 0,
		seconds: 0,
	};
	// a cell one table hides and another shows is disclosed outright
	for (const c of cells.values()) {
		if (c.hiddenIn.length === 0 || c.shown === undefined) continue;
		const value = c.truth ?? c.shown;
		const finding: AuditFinding = { cell: c.key, where: c.hiddenIn[0]!, value, lower: c.shown, upper: c.shown };
		report.suppressed++;
		report.shownElsewhere.push(finding);
		if (value >= 1 && value < threshold) {
			report.primary++;
			report.violations.push(finding);
			report.narrowest = finding;
		}
	}
	for (const { vars, rows } of componentOf.values()) {
		// complements need no protection: only small cells are solved for
		const audited = vars.filter((k) => {
			const c = cells.get(k)!;
			return c.hiddenIn.length > 0 && (c.truth ?? 0) >= 1 && (c.truth ?? 0) < threshold;
		});
		if (audited.length === 0) continue;
		report.primary += audited.length;
		const column = new Map(vars.map((k, i) => [k, i]));
		const n = vars.length;
		// The component's program goes into HiGHS once, as a sparse matrix (one row per constraint,
		// variables non-negative); between solves only the objective and the column bounds change,
		// so each solve starts from the previous optimal basis instead of parsing LP text and
		// presolving from scratch (≈ 40 ms a program before; docs/access.md, "The auditor").
		const starts = [0];
		const columns: number[] = [];
		const coefficients: number[] = [];
		for (const r of rows) {
			for (const [k, c] of r.terms) {
				columns.push(column.get(k)!);
				coefficients.push(c);
			}
			starts.push(columns.length);
		}
		const data = {
			numCols: n,
			numRows: rows.length,
			colCost: new Float64Array(n),
			colLower: new Float64Array(n),
			colUpper: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
			rowLower: rows.map((r) => (r.sense === '=' ? r.rhs : Number.NEGATIVE_INFINITY)),
			rowUpper: rows.map((r) => r.rhs),
			matrix: { format: 'csr' as const, numRows: rows.length, numCols: n, starts, indices: columns, values: coefficients },
		};
		const all = { kind: 'range' as const, from: 0, to: n - 1 };
		const zeros = new Float64Array(n);
		let model: Model | undefined;
		let sense: 'min' | 'max' | undefined;
		/**
		 * Minimises or maximises the sum of `objective`, with `capped` cells held at most at `cap`.
		 * The WASM module is reloaded once if it fails (it can run out of memory).
		 */
		const solve = async (
			direction: 'min' | 'max',
			objective: string[],
			capped: string[] = [],
			cap = Number.POSITIVE_INFINITY,
		): Promise<{ status: string; value: number; primal?: Float64Array }> => {
			programs++;
			const cost = new Float64Array(n);
			for (const v of objective) cost[column.get(v)!] = 1;
			const upper = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
			for (const v of capped) upper[column.get(v)!] = cap;
			const run = (m: Model) => {
				m.changeColsCost(all, cost);
				m.changeColsBounds(all, zeros, upper);
				if (sense !== direction) m.changeObjectiveSense(highs.constants.objectiveSense[direction === 'min' ? 'minimize' : 'maximize']);
				sense = direction;
				let status = m.run().modelStatus;
				// not told apart from the previous basis: once more from scratch
				if (status === highs.constants.modelStatus.unboundedOrInfeasible) {
					m.clearSolver();
					status = m.run().modelStatus;
				}
				return status;
			};
			const load = () => {
				const m = highs.createModel(data);
				// presolve pays for one solve, not for the many warm starts after it (measured: the
				// test data's audit 9.1–10.7 s of solving with it, 6.3–7.2 s without, load 16–18)
				m.options.set('presolve', 'off');
				return m;
			};
			let status: number;
			try {
				model ??= load();
				status = run(model);
			} catch {
				try {
					model?.dispose();
				} catch {
					// the failed runtime goes with it
				}
				runtime = highsLoader();
				highs = await runtime;
				sense = undefined;
				model = load();
				status = run(model);
			}
			const names: Record<number, string> = {
				[highs.constants.modelStatus.optimal]: 'Optimal',
				[highs.constants.modelStatus.unbounded]: 'Unbounded',
				[highs.constants.modelStatus.infeasible]: 'Infeasible',
			};
			const name = names[status] ?? `HiGHS model status ${status}`;
			if (name !== 'Optimal') return { status: name, value: Number.NaN };
			return { status: name, value: model.getObjectiveValue(), primal: model.getSolution().colValue };
		};
		// Every solution is a table the attacker cannot rule out: a cell at or above T in one proves
		// its upper bound protected, a cell at or below half its value proves its lower bound.
		const value = (v: string) => cells.get(v)!.truth ?? 0;
		const upperOk = new Set<string>();
		const lowerOk = new Set<string>();
		const bounds = new Map<string, { lower?: number; upper?: number }>();
		// the values seen in solutions: a range the attacker cannot narrow (the true interval is wider)
		const seen = new Map<string, [number, number]>();
		const learn = (primal: Float64Array | undefined) => {
			if (!primal) return;
			for (const v of audited) {
				const x = primal[column.get(v)!]!;
				const [lo, hi] = seen.get(v) ?? [x, x];
				seen.set(v, [Math.min(lo, x), Math.max(hi, x)]);
				if (x >= threshold - 1e-6) upperOk.add(v);
				if (x <= value(v) / 2 + 1e-6) lowerOk.add(v);
			}
		};
		try {
			// First look for such tables many cells at a time: maximise the sum of the unproven
			// cells, each held at most at T (so the sum is bounded and no one cell takes it all), and
			// minimise the sum of the unproven ones; again with the cells still unproven, while that
			// proves more. A solution with some cells held at T is still a table of the attacker's
			// program (holding cells down only removes tables), so what it proves is proven.
			for (const side of ['upper', 'lower'] as const) {
				for (;;) {
					const proven = side === 'upper' ? upperOk : lowerOk;
					const todo = audited.filter((v) => !proven.has(v));
					if (todo.length === 0) break;
					const before = proven.size;
					learn((await (side === 'upper' ? solve('max', todo, todo, threshold) : solve('min', todo))).primal);
					if (proven.size === before) break;
				}
			}
			// Each cell still unproven: its exact bound, from a program of its own.
			for (const v of audited) {
				const b: { lower?: number; upper?: number } = {};
				if (!lowerOk.has(v)) {
					const r = await solve('min', [v]);
					if (r.status !== 'Optimal') inconsistent.push(`${v}: the attacker's program is ${r.status}`);
					else {
						b.lower = r.value;
						learn(r.primal);
					}
				}
				if (!upperOk.has(v)) {
					const r = await solve('max', [v]);
					if (r.status === 'Unbounded') {
						b.upper = Number.POSITIVE_INFINITY;
						upperOk.add(v);
					} else if (r.status === 'Optimal') {
						b.upper = r.value;
						learn(r.primal);
					} else inconsistent.push(`${v}: the attacker's program is ${r.status}`);
				}
				bounds.set(v, b);
			}
		} finally {
			model?.dispose();
		}
		for (const v of audited) {
			const c = cells.get(v)!;
			const b = bounds.get(v)!;
			const [lo, hi] = seen.get(v) ?? [0, Number.POSITIVE_INFINITY];
			const lower = b.lower ?? lo;
			const upper = b.upper ?? hi;
			const finding: AuditFinding = { cell: v, where: c.hiddenIn[0]!, value: value(v), lower, upper };
			if (upper - lower < 1e-6) report.exact.push(finding);
			if (!upperOk.has(v) || !lowerOk.has(v)) report.violations.push(finding);
			const width = (f: AuditFinding) => f.upper - f.lower;
			if (!report.narrowest || width(finding) < width(report.narrowest)) report.narrowest = finding;
		}
	}
	report.linearPrograms = programs;
	report.seconds = (Date.now() - started) / 1000;
	return report;
}

/** One line per finding, for test messages and the benchmark. */
export function describeFinding(f: AuditFinding): string {
	return `${f.cell} (${f.where}): value ${f.value}, attacker's interval [${round(f.lower)}, ${round(f.upper)}]`;
}

function round(n: number): string {
	return Number.isFinite(n) ? String(Math.round(n * 100) / 100) : '∞';
}

/** GET or POST to a running Cube's REST API, waiting out "Continue wait". */
function cubeCall(cubeUrl: string, token: string, path: 'meta' | 'load', query?: Query) {
	return cubeRest<{ data?: AuditRow[]; [key: string]: unknown }>({
		url: cubeUrl,
		bearer: token,
		path,
		body: query ? { query } : undefined,
	});
}

/**
 * The whole audit against a running Cube: the public surface of `year` as a public token gets
 * it, the truth as an internal token (the loader's) reads it, solved. The test suite and the
 * benchmark both run this.
 */
export async function auditCube(
	cubeUrl: string,
	tokens: { public: string; truth: string },
	year: string,
): Promise<{ report: AuditReport; tables: AuditTable[]; threshold: number }> {
	const meta = (await cubeCall(cubeUrl, tokens.public, 'meta')).body as unknown as PublicMeta;
	const probe = await cubeCall(cubeUrl, tokens.public, 'load', { measures: ['public_placements.placements'] });
	const threshold = Number((probe.body.slmi as { threshold?: number } | undefined)?.threshold);
	if (!(threshold >= 1)) throw new Error(`The public answer carries no suppression threshold: ${probe.status} ${probe.body.error ?? ''}`);
	const tables = await collectPublicSurface(
		meta,
		(audience, query) => cubeCall(cubeUrl, audience === 'public' ? tokens.public : tokens.truth, 'load', query),
		year,
	);
	return { report: await audit(tables, threshold), tables, threshold };
}
