/**
 * The public's /load: every answer goes through small-cell suppression (suppression.ts) before it
 * leaves the semantic layer. A public query is not passed to Cube as it is:
 *
 * - it is answered from its *base table*: the same measures broken down by the query's
 *   dimensions, by every member it filters on, and by its period (at the granularity the query
 *   asks for, or the coarsest one its date range is made of), with no filters and over all time.
 *   Suppression runs on that whole table, and the answer is then cut out of it. So a filtered
 *   query hides exactly what the unfiltered one hides in the same cells: asking "women only" or
 *   "2024 only" and subtracting from the unfiltered answer gives nothing away that suppression
 *   withholds in the full table;
 * - when a cell of the answer is a sum of several base cells (a filter with several values on a
 *   member the answer does not break down by, or a date range of several months without a
 *   breakdown by month), its value comes from Cube directly and it is hidden if any of its base
 *   cells is;
 * - ordering, limit and offset are applied after suppression, so a hidden value never decides
 *   a row's place (hidden cells sort last).
 *
 * The pure parts (planning, answering) are exported for unit tests; `runPublicLoad` does the I/O.
 */
import {
	AccessError,
	type Catalog,
	checkPublicQuery,
	cubeOf,
	type Disclosure,
	disclosureOf,
	filterMember,
	isPublicCube,
	PUBLIC_GRANULARITIES,
	type PublicGranularity,
	type PublicLimits,
	publicDateRange,
	type Query,
	type SimpleFilter,
	shortName,
} from './access.ts';
import { DEFAULT_SUPPRESSION_THRESHOLD, wholeNumber } from './config.ts';
import { ALL_TIME_QUANTITIES, ancestorsOf, CANONICAL_VIEW, childOf, PUBLIC_TIME, quantityOf } from './public-families.ts';
import { type CellValue, type Row, SUPPRESSED, type SuppressionSpec, suppressWithMarginals } from './suppression.ts';

/** Read once at start; a bad value stops the server rather than publishing with a wrong setting. */
export function publicSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): PublicSettings {
	const integer = (name: string, fallback: number, min: number, max: number): number => wholeNumber(env, name, fallback, min, max);
	const cubeLimit = integer('CUBEJS_DB_QUERY_LIMIT', 50_000, 1, 10_000_000);
	if ((env.SLMI_PUBLIC_MAX_BREAKDOWN ?? '') !== '') {
		throw new Error(
			'SLMI_PUBLIC_MAX_BREAKDOWN is no longer a setting: a public query breaks down by one attribute plus the period (docs/access.md); unset it',
		);
	}
	return {
		threshold: integer('SLMI_SUPPRESSION_THRESHOLD', DEFAULT_SUPPRESSION_THRESHOLD, 1, 1000),
		maxRows: integer('SLMI_PUBLIC_MAX_ROWS', Math.min(50_000, cubeLimit), 2, cubeLimit),
	};
}

export interface PublicSettings extends PublicLimits {
	readonly threshold: number;
	/** the most rows a base table may have; more and the query is refused as too detailed */
	readonly maxRows: number;
}

export interface PublicPlan {
	/** the base table's query: no filters, no date range, no limit */
	base: Query;
	/** the query whose values are shown when answer cells are sums of base cells; else null */
	direct: Query | null;
	/** row keys of a cell in the base table */
	baseKeys: string[];
	/** row keys of a cell in the answer */
	answerKeys: string[];
	/** the period: base row key, the range's bounds (inclusive, as bucket starts) */
	time?: { key: string; granularity: PublicGranularity; answerKey?: string; from?: string; to?: string };
	/** filtered members → allowed values */
	filters: Map<string, Set<string>>;
	/** measures asked for, and those added only to decide suppression */
	measures: string[];
	helpers: string[];
	disclosure: Map<string, Disclosure>;
}

function granularityOf(range: [string, string]): PublicGranularity {
	const [from, to] = range;
	const fromMonth = Number(from.slice(5, 7));
	const toMonth = Number(to.slice(5, 7));
	if (fromMonth === 1 && toMonth === 12) return 'year';
	if (fromMonth % 3 === 1 && toMonth % 3 === 0) return 'quarter';
	return 'month';
}

/** The start of the bucket a date falls in, as Cube writes time values. */
export function bucketStart(day: string, granularity: PublicGranularity): string {
	const year = day.slice(0, 4);
	const month = Number(day.slice(5, 7));
	const start = granularity === 'year' ? 1 : granularity === 'quarter' ? month - ((month - 1) % 3) : month;
	return `${year}-${String(start).padStart(2, '0')}-01T00:00:00.000`;
}

/** The view whose suppression decides where a count is hidden (public-families.ts). */
export function canonicalView(member: string): string {
	return CANONICAL_VIEW[quantityOf(member)] ?? cubeOf(member);
}

export function planPublicQuery(query: Query, catalog: Catalog): PublicPlan {
	const measures = (query.measures ?? []).map(String);
	if (measures.length === 0) throw new AccessError(400, 'Public queries ask for at least one measure');
	const disclosure = new Map<string, Disclosure>();
	const helpers: string[] = [];
	const need = (member: string) => {
		if (disclosure.has(member)) return;
		const d = disclosureOf(member, catalog);
		if (!d) throw new AccessError(403, `${member} is not available to the public`);
		disclosure.set(member, d);
		if (!measures.includes(member)) helpers.push(member);
		if (d.kind === 'derived') for (const from of d.from) need(from);
		if (d.kind === 'count' && d.subsetOf) need(d.subsetOf);
	};
	for (const m of measures) need(m);
	// Suppression is joint across the counts of a row, so every count the view protects itself is
	// in the base table, asked for or not: the hidden rows never depend on what was asked.
	const view = cubeOf(measures[0]!);
	for (const info of [...catalog.members.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
		if (info.kind !== 'measure' || !info.visible || cubeOf(info.name) !== view) continue;
		if (disclosureOf(info.name, catalog)?.kind === 'count' && canonicalView(info.name) === view) need(info.name);
	}

	const dimensions = (query.dimensions ?? []).map(String);
	const filters = new Map<string, Set<string>>();
	for (const f of (query.filters ?? []) as SimpleFilter[]) {
		const member = filterMember(f);
		const values = new Set((f.values ?? []).map(String));
		const previous = filters.get(member);
		filters.set(member, previous ? new Set([...previous].filter((v) => values.has(v))) : values);
	}
	const expanded = [...filters.keys()].filter((m) => !dimensions.includes(m));

	let time: PublicPlan['time'];
	const td = query.timeDimensions?.find((t) => t.granularity != null || t.dateRange !== undefined);
	if (td) {
		const range = td.dateRange !== undefined ? publicDateRange(td.dateRange) : undefined;
		const granularity = (td.granularity ?? granularityOf(range!)) as PublicGranularity;
		// A bucket the range cuts would answer for part of it while its base cell holds all of it.
		if (range && PUBLIC_GRANULARITIES.indexOf(granularityOf(range)) < PUBLIC_GRANULARITIES.indexOf(granularity)) {
			throw new AccessError(400, `A date range for a breakdown by ${granularity} covers whole ${granularity}s`);
		}
		time = {
			key: `${td.dimension}.${granularity}`,
			granularity,
			answerKey: td.granularity ? `${td.dimension}.${granularity}` : undefined,
			from: range ? bucketStart(range[0], granularity) : undefined,
			to: range ? bucketStart(range[1], granularity) : undefined,
		};
	}

	const baseKeys = [...dimensions, ...expanded, ...(time ? [time.key] : [])];
	const answerKeys = [...dimensions, ...(time?.answerKey ? [time.answerKey] : [])];
	const allMeasures = [...measures, ...helpers];
	const base: Query = {
		measures: allMeasures,
		dimensions: [...dimensions, ...expanded],
		timeDimensions: time ? [{ dimension: td!.dimension, granularity: time.granularity }] : [],
		timezone: 'UTC',
	};
	// Each answer cell is one base cell unless a filter keeps several values of a member the answer
	// does not break down by, or the range spans several buckets and the answer has no time column.
	const singleCells = expanded.every((m) => filters.get(m)!.size === 1) && (!time || time.answerKey !== undefined || time.from === time.to);
	const direct: Query | null = singleCells
		? null
		: {
				measures: allMeasures,
				dimensions,
				timeDimensions: query.timeDimensions,
				filters: query.filters,
				timezone: 'UTC',
			};
	return { base, direct, baseKeys, answerKeys, time, filters, measures, helpers, disclosure };
}

/** Coarser public levels of a dimension's values, finest first (suppression.ts, `levels`). */
export function levelsFor(plan: PublicPlan): SuppressionSpec['levels'] {
	const levels: NonNullable<SuppressionSpec['levels']> = {};
	for (const key of plan.baseKeys) {
		if (key === plan.time?.key) continue;
		const ancestors = ancestorsOf(shortName(key));
		if (ancestors.length)
			levels[key] = ancestors.map(
				({ of }) =>
					(v: CellValue) =>
						of(String(v)),
			);
	}
	if (plan.time) {
		const quarter = (v: CellValue) => bucketStart(String(v).slice(0, 10), 'quarter');
		const year = (v: CellValue) => String(v).slice(0, 4);
		levels[plan.time.key] = plan.time.granularity === 'month' ? [quarter, year] : plan.time.granularity === 'quarter' ? [year] : [];
	}
	return levels;
}

export interface PublicAnswer {
	data: Row[];
	/** the hidden cells of `data` */
	suppressed: { row: number; member: string }[];
	/** rows before limit and offset */
	total: number;
}

function inSlice(row: Row, plan: PublicPlan): boolean {
	for (const [member, values] of plan.filters) if (!values.has(String(row[member] ?? ''))) return false;
	const t = plan.time;
	if (t?.from !== undefined) {
		const bucket = String(row[t.key] ?? '');
		if (bucket < t.from || bucket > t.to!) return false;
	}
	return true;
}

function answerKey(row: Row, keys: string[]): string {
	return JSON.stringify(keys.map((k) => row[k] ?? null));
}

/**
 * The answer: suppression on the base table, then the query's cells cut out (or, with `direct`
 * rows, matched to their base cells), then order, offset and limit.
 */
export function answerPublicQuery(
	query: Query,
	plan: PublicPlan,
	baseRows: Row[],
	directRows: Row[] | null,
	settings: PublicSettings,
	/** base rows another view hides for the counts it protects (canonicalHidden) */
	foreignHidden?: (row: Row) => boolean,
	/** levels of the base table's keys, when not those of the plan (a table coarsened by hand) */
	levels?: SuppressionSpec['levels'],
): PublicAnswer {
	const counts = [...plan.disclosure].filter(([member, d]) => d.kind === 'count' && canonicalView(member) === cubeOf(member));
	const spec: SuppressionSpec = {
		threshold: settings.threshold,
		dimensions: plan.baseKeys,
		counts: counts.map(([member, d]) => ({
			member,
			subsetOf:
				d.kind === 'count' && d.subsetOf && plan.disclosure.has(d.subsetOf) && canonicalView(d.subsetOf) === cubeOf(d.subsetOf)
					? d.subsetOf
					: undefined,
		})),
		levels: levelsFor(plan),
	};
	const outcome = suppressWithMarginals(baseRows, { ...spec, levels: levels ?? spec.levels });
	// A row is one cell of the table: hidden for one count, hidden for every count and everything
	// derived (open measures such as populations and targets stay).
	const rowHidden = outcome.rows.map(
		(row, index) => index >= baseRows.length || counts.some(([m]) => outcome.cells.get(m)?.has(index)) || (foreignHidden?.(row) ?? false),
	);
	const hiddenIn = (index: number, member: string) => plan.disclosure.get(member)?.kind !== 'open' && rowHidden[index]!;
	const shown = [...plan.measures];
	const timeAlias = plan.time?.answerKey ? plan.time.answerKey.split('.').slice(0, 2).join('.') : undefined;

	const rows: { row: Row; hidden: Set<string> }[] = [];
	if (!plan.direct) {
		outcome.rows.forEach((row, index) => {
			if (!inSlice(row, plan)) return;
			const out: Row = {};
			for (const key of plan.answerKeys) out[key] = row[key] ?? null;
			if (timeAlias) out[timeAlias] = row[plan.time!.key] ?? null;
			const hidden = new Set<string>();
			for (const m of shown) {
				out[m] = row[m] ?? null;
				if (hiddenIn(index, m) || index >= baseRows.length) hidden.add(m);
			}
			rows.push({ row: out, hidden });
		});
	} else {
		// Answer cells are sums of base cells: group the base cells in the slice by answer key.
		const components = new Map<string, number[]>();
		outcome.rows.forEach((row, index) => {
			if (!inSlice(row, plan)) return;
			const key = answerKey(
				row,
				plan.answerKeys.map((k) => (k === plan.time?.answerKey ? plan.time.key : k)),
			);
			components.set(key, [...(components.get(key) ?? []), index]);
		});
		const seen = new Set<string>();
		for (const direct of plan.direct ? (directRows ?? []) : []) {
			const key = answerKey(direct, plan.answerKeys);
			seen.add(key);
			const parts = components.get(key) ?? [];
			const out: Row = {};
			for (const k of plan.answerKeys) out[k] = direct[k] ?? null;
			if (timeAlias) out[timeAlias] = direct[plan.time!.answerKey!] ?? null;
			for (const m of shown) out[m] = direct[m] ?? null;
			// A base table read a moment apart from the direct query (a load in between) is not
			// trusted: a cell whose parts do not add up is hidden.
			const mismatch = [...plan.disclosure].some(
				([m, d]) => d.kind === 'count' && parts.reduce((s, i) => s + Number(outcome.rows[i]![m] ?? 0), 0) !== Number(direct[m] ?? 0),
			);
			const rowIsHidden = mismatch || parts.some((i) => rowHidden[i]);
			const hidden = new Set<string>(rowIsHidden ? [...plan.disclosure].flatMap(([m, d]) => (d.kind === 'open' ? [] : [m])) : []);
			rows.push({ row: out, hidden: new Set([...hidden].filter((m) => shown.includes(m))) });
		}
		// Base cells that became hidden complements without data still appear, hidden, as they
		// would in an answer cut from the base table.
		for (const [key, parts] of components) {
			if (seen.has(key) || !parts.every((i) => i >= baseRows.length)) continue;
			const first = outcome.rows[parts[0]!]!;
			const out: Row = {};
			for (const k of plan.answerKeys) out[k] = first[k === plan.time?.answerKey ? plan.time.key : k] ?? null;
			if (timeAlias) out[timeAlias] = out[plan.time!.answerKey!] ?? null;
			for (const m of shown) out[m] = null;
			rows.push({ row: out, hidden: new Set(shown) });
		}
	}

	sortRows(rows, query, plan);
	const total = rows.length;
	const offset = query.offset ?? 0;
	const page = rows.slice(offset, query.limit !== undefined ? offset + query.limit : undefined);
	const suppressed: PublicAnswer['suppressed'] = [];
	const data = page.map(({ row, hidden }, index) => {
		for (const member of shown) {
			if (!hidden.has(member)) continue;
			row[member] = SUPPRESSED;
			suppressed.push({ row: index, member });
		}
		return row;
	});
	return { data, suppressed, total };
}

function orderOf(query: Query, plan: PublicPlan): [string, 'asc' | 'desc'][] {
	const order = query.order;
	if (order && (Array.isArray(order) ? order.length : Object.keys(order).length)) {
		return (Array.isArray(order) ? order : Object.entries(order)).map(([k, d]) => [k, d]);
	}
	// Cube's default: by time, else by the first measure (largest first), else by the dimensions.
	if (plan.time?.answerKey) return [[plan.time.answerKey, 'asc']];
	if (plan.measures.length) return [[plan.measures[0]!, 'desc']];
	return plan.answerKeys.map((k) => [k, 'asc']);
}

function sortRows(rows: { row: Row; hidden: Set<string> }[], query: Query, plan: PublicPlan): void {
	const order = orderOf(query, plan).map(([member, direction]) => {
		const key = plan.answerKeys.includes(member) ? member : plan.time?.answerKey?.startsWith(`${member}.`) ? plan.time.answerKey : member;
		return { key, sign: direction === 'desc' ? -1 : 1, numeric: plan.measures.includes(key) };
	});
	const tieBreak = plan.answerKeys;
	rows.sort((a, b) => {
		for (const { key, sign, numeric } of order) {
			// Hidden values sort last in either direction: their size must not decide a place.
			const ha = a.hidden.has(key);
			const hb = b.hidden.has(key);
			if (ha !== hb) return ha ? 1 : -1;
			if (ha) continue;
			const va = a.row[key] ?? null;
			const vb = b.row[key] ?? null;
			if (va === vb) continue;
			if (va === null) return 1;
			if (vb === null) return -1;
			const c = numeric ? Number(va) - Number(vb) : String(va) < String(vb) ? -1 : 1;
			if (c !== 0) return sign * c;
		}
		for (const key of tieBreak) {
			const va = String(a.row[key] ?? '');
			const vb = String(b.row[key] ?? '');
			if (va !== vb) return va < vb ? -1 : 1;
		}
		return 0;
	});
}

// ---------------------------------------------------------------------------------------------
// I/O: run the base (and direct) query through Cube's own API gateway, in this process.

export interface CubeLoadResult {
	status: number;
	body: { data?: Row[]; error?: string; annotation?: Annotation; lastRefreshTime?: string; [key: string]: unknown };
}

interface Annotation {
	measures?: Record<string, unknown>;
	dimensions?: Record<string, unknown>;
	segments?: Record<string, unknown>;
	timeDimensions?: Record<string, unknown>;
}

export type RunQuery = (query: Query) => Promise<CubeLoadResult>;

/**
 * Counts another view protects (public_provinces.placements are public_placements.placements):
 * which base rows that view hides. Its table for the same attribute and period is suppressed
 * exactly as its own answers are (all its counts, jointly, top-down), so both views hide the
 * same cells; a cell whose values differ between the two (a load in between) is hidden too.
 */
export async function foreignHiddenFor(
	plan: PublicPlan,
	catalog: Catalog,
	settings: PublicSettings,
	run: RunQuery,
): Promise<((row: Row) => boolean) | undefined> {
	const view = cubeOf(plan.measures[0]!);
	// the quantity a count is in this table: over all time (no period) some counts are another
	// view's quantity too (ALL_TIME_QUANTITIES)
	const quantity = (m: string) => (plan.time ? undefined : ALL_TIME_QUANTITIES[m]) ?? quantityOf(m);
	const canonicalOf = (m: string) => CANONICAL_VIEW[quantity(m)] ?? cubeOf(m);
	const foreign = [...plan.disclosure].filter(([m, d]) => d.kind === 'count' && canonicalOf(m) !== view).map(([m]) => m);
	if (foreign.length === 0) return undefined;
	const canonical = canonicalOf(foreign[0]!);
	const inCanonical = (member: string) =>
		[...catalog.members.keys()].find((m) => cubeOf(m) === canonical && quantityOf(m) === quantity(member));
	const attrKey = plan.baseKeys.find((k) => k !== plan.time?.key);
	const attribute = attrKey ? shortName(attrKey) : undefined;
	let member: string | undefined;
	let coarsen: ((value: string) => string) | undefined;
	if (attribute) {
		const child = childOf(attribute);
		if (catalog.members.has(`${canonical}.${attribute}`)) member = `${canonical}.${attribute}`;
		else if (child && catalog.members.has(`${canonical}.${child}`)) {
			member = `${canonical}.${child}`;
			coarsen = ancestorsOf(child).find((a) => a.attribute === attribute)?.of;
		}
	}
	const time = PUBLIC_TIME[canonical];
	// An attribute the canonical view does not have, or several views in one: hide those counts.
	if (
		(attribute && !coarsen && !member) ||
		(plan.time && !time) ||
		foreign.some((m) => canonicalView(m) !== canonical || !inCanonical(m))
	) {
		return () => true;
	}
	const cquery: Query = {
		measures: foreign.map((m) => inCanonical(m)!),
		dimensions: member ? [member] : [],
		timeDimensions: plan.time ? [{ dimension: time!, granularity: plan.time.granularity }] : [],
	};
	const cplan = planPublicQuery(cquery, catalog);
	const base = await run({ ...cplan.base, limit: settings.maxRows });
	if (base.status !== 200 || base.body.error) return () => true;
	let rows = base.body.data ?? [];
	if (rows.length >= settings.maxRows) return () => true;
	let levels: SuppressionSpec['levels'];
	if (coarsen && member) {
		const cells = new Map<string, Row>();
		const counts = [...cplan.disclosure].filter(([, d]) => d.kind === 'count').map(([m]) => m);
		for (const row of rows) {
			const out: Row = { ...row, [member]: coarsen(String(row[member])) };
			const key = JSON.stringify(cplan.baseKeys.map((k) => out[k] ?? null));
			const cell = cells.get(key);
			if (!cell) cells.set(key, out);
			else for (const m of counts) cell[m] = String(Number(cell[m] ?? 0) + Number(out[m] ?? 0));
		}
		rows = [...cells.values()];
		levels = {
			...levelsFor(cplan),
			[member]: ancestorsOf(attribute!).map(
				({ of }) =>
					(v: CellValue) =>
						of(String(v)),
			),
		};
	}
	const answer = answerPublicQuery({ ...cquery, limit: undefined }, cplan, rows, null, settings, undefined, levels);
	const cells = new Map<string, { hidden: boolean; row: Row }>();
	const timeAlias = cplan.time?.answerKey;
	for (const [i, row] of answer.data.entries()) {
		const key = JSON.stringify([member ? (row[member] ?? null) : null, timeAlias ? (row[timeAlias] ?? null) : null]);
		cells.set(key, { hidden: answer.suppressed.some((s) => s.row === i), row });
	}
	return (row) => {
		const key = JSON.stringify([attrKey ? (row[attrKey] ?? null) : null, plan.time ? (row[plan.time.key] ?? null) : null]);
		const cell = cells.get(key);
		if (cell?.hidden) return true;
		return foreign.some((m) => Number(cell?.row[inCanonical(m)!] ?? 0) !== Number(row[m] ?? 0));
	};
}

/** The response body for a public /load, or an error status and message. */
export async function runPublicLoad(
	query: Query,
	catalog: Catalog,
	settings: PublicSettings,
	run: RunQuery,
): Promise<{ status: number; body: Record<string, unknown> }> {
	checkPublicQuery(query, catalog, settings);
	const cube = [...new Set([...(query.measures ?? []), ...(query.dimensions ?? [])].map((m) => String(m).split('.')[0]!))][0];
	if (cube !== undefined && !cube.startsWith('public_') && isPublicCube(cube)) {
		// Cubes without counts of people (data freshness) are answered as they are.
		return run(query);
	}
	const plan = planPublicQuery(query, catalog);
	const [base, direct] = await Promise.all([
		run({ ...plan.base, limit: settings.maxRows }),
		plan.direct ? run({ ...plan.direct, limit: settings.maxRows }) : null,
	]);
	for (const result of [base, direct]) if (result && (result.status !== 200 || result.body.error)) return result;
	const baseRows = base.body.data ?? [];
	if (baseRows.length >= settings.maxRows || (direct?.body.data?.length ?? 0) >= settings.maxRows) {
		throw new AccessError(
			400,
			`This breakdown is too detailed to publish (more than ${settings.maxRows - 1} cells); use fewer dimensions or a coarser period`,
		);
	}
	const foreign = await foreignHiddenFor(plan, catalog, settings, run);
	const answer = answerPublicQuery(query, plan, baseRows, direct?.body.data ?? null, settings, foreign);
	const annotation = base.body.annotation ?? {};
	const keep = (section: Record<string, unknown> | undefined, names: string[]) =>
		Object.fromEntries(Object.entries(section ?? {}).filter(([k]) => names.includes(k)));
	return {
		status: 200,
		body: {
			query,
			data: answer.data,
			lastRefreshTime: base.body.lastRefreshTime,
			annotation: {
				measures: keep(annotation.measures, plan.measures),
				dimensions: keep(annotation.dimensions, plan.answerKeys),
				segments: {},
				timeDimensions: keep(annotation.timeDimensions, plan.time?.answerKey ? [plan.time.answerKey] : []),
			},
			...(query.total ? { total: answer.total } : {}),
			slmi: { threshold: settings.threshold, marker: SUPPRESSED, suppressed: answer.suppressed },
		},
	};
}

/**
 * The one query of a public /load. Cube's own client (@cubejs-client/core 0.33, which the web
 * uses) always sends `queryType: "multi"`; a multi request that holds one query is still one
 * query, and is answered through the same suppression. Blends (two or more queries) stay refused:
 * suppression plans one view at a time.
 */
export function publicQueryOf(query: unknown, queryType: unknown): { query: Query; multi: boolean } {
	const multi = String(queryType ?? '') === 'multi';
	const one = multi && Array.isArray(query) && query.length === 1 ? query[0] : query;
	if (Array.isArray(one)) throw new AccessError(400, 'Public queries are sent one at a time (a "multi" request holds one query)');
	if (!one || typeof one !== 'object') throw new AccessError(400, 'Public queries are one JSON object');
	return { query: one as Query, multi };
}

/**
 * A public answer in the shape Cube's gateway gives a multi request (`results` of one regular
 * query, and the `pivotQuery` Cube's ResultSet pivots by); errors keep their shape.
 */
export function publicAnswer(body: Record<string, unknown>, multi: boolean): Record<string, unknown> {
	if (!multi || 'error' in body) return body;
	return { queryType: 'regularQuery', results: [body], pivotQuery: { ...(body.query as object), queryType: 'regularQuery' } };
}
