/**
 * What every metric test needs: the warehouse (to ask the facts directly), Cube (to ask the
 * semantic layer), and a fair comparison of the two. The expected value of a metric is always
 * computed in the test from the fct_* facts (never from the agg_* rollups or Cube's
 * pre-aggregations), so a test fails when a rollup, a pre-aggregation or a member's SQL drifts
 * from the definition in docs/metrics.md.
 */
import { expect, inject } from 'vitest';
import { DEFAULT_MIN_PEOPLE_PER_ROW } from '../../../cube/src/config.ts';
import { rebuildPreAggregations } from '../../../cube/src/refresh.ts';
import { connect, queryRows, type Warehouse } from '../../../warehouse/src/client.ts';
import { refreshRollups } from '../../../warehouse/src/rollups.ts';
import { cubeRequest, type TestCube, tokenFor } from '../../support/cube-client.ts';

export const cube: TestCube = inject('cube')!;
export const db: Warehouse = connect(inject('clickhouse'));

/**
 * k: Cube drops every row that describes fewer than k people (docs/access.md, person-level rows).
 * A breakdown computed from the facts keeps the same rows: those of at least k distinct people
 * (HAVING uniqExact(candidate_id) >= K), never fewer, so a row Cube drops wrongly still fails.
 */
export const K = Number(process.env.SLMI_MIN_PEOPLE_PER_ROW || DEFAULT_MIN_PEOPLE_PER_ROW);

/** A value as ClickHouse or Cube hands it over: numbers often arrive as strings. */
export type Cell = string | number | null;
export type Row = Record<string, Cell>;

function cell(v: unknown): Cell {
	return v === null || v === undefined ? null : typeof v === 'number' ? v : String(v);
}

/** Rows of a SQL query on the warehouse. */
export async function sqlRows(query: string): Promise<Row[]> {
	const rows = await queryRows<Record<string, unknown>>(db, query);
	return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, cell(v)])));
}

export async function sqlRow(query: string): Promise<Row> {
	const [row] = await sqlRows(query);
	if (!row) throw new Error(`No row from: ${query}`);
	return row;
}

/** The first value of the first row. */
export async function sqlValue(query: string): Promise<Cell> {
	return Object.values(await sqlRow(query))[0] ?? null;
}

export interface CubeQuery {
	measures?: string[];
	dimensions?: string[];
	timeDimensions?: { dimension: string; dateRange?: [string, string] | string; granularity?: string }[];
	filters?: { member: string; operator: string; values?: string[] }[];
	order?: Record<string, 'asc' | 'desc'>;
	limit?: number;
}

/**
 * Rows from Cube's /load, keyed by the member's name without the cube (`placements.placements` →
 * `placements`, `placements.departure_date.month` → `departure_date.month`).
 */
export async function cubeRows(query: CubeQuery, claims: Record<string, unknown> = { role: 'minister' }): Promise<Row[]> {
	const { status, body } = await cubeRequest(cube, 'load', await tokenFor(cube, claims), query);
	if (status !== 200) throw new Error(`Cube ${status}: ${body.error} for ${JSON.stringify(query)}`);
	return (body.data ?? []).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.slice(k.indexOf('.') + 1), cell(v)])));
}

export async function cubeRow(query: CubeQuery): Promise<Row> {
	const rows = await cubeRows(query);
	if (rows.length !== 1) throw new Error(`Expected one row from Cube, got ${rows.length} for ${JSON.stringify(query)}`);
	return rows[0] as Row;
}

export function num(value: Cell | undefined): number | null {
	if (value === null || value === undefined || value === '') return null;
	const n = Number(value);
	if (Number.isNaN(n)) throw new Error(`Not a number: ${value}`);
	return n;
}

/** Equal up to floating-point noise (ClickHouse and Cube may sum in a different order). */
export function expectSame(actual: Cell | undefined, expected: Cell | undefined, label: string): void {
	const e = num(expected);
	const a = num(actual);
	if (e === null) {
		expect(a, label).toBeNull();
		return;
	}
	expect(a, `${label}: Cube gave nothing, the facts ${e}`).not.toBeNull();
	const tolerance = Math.max(1e-9, Math.abs(e) * 1e-9);
	expect(Math.abs((a as number) - e), `${label}: Cube ${a}, facts ${e}`).toBeLessThanOrEqual(tolerance);
}

/** Compares every key of `expected` with the same key of `actual`. */
export function expectRow(actual: Row, expected: Row, label: string): void {
	for (const [key, value] of Object.entries(expected)) expectSame(actual[key], value, `${label}: ${key}`);
}

/**
 * Compares a breakdown: the same set of keys on both sides, and equal measures for each key.
 * `key` builds a row's key from the Cube row and from the SQL row.
 */
export function expectBreakdown(
	actual: Row[],
	expected: Row[],
	key: { cube: (r: Row) => string; sql: (r: Row) => string },
	measures: Record<string, string>,
	label: string,
): void {
	expect(expected.length, `${label}: the facts have rows`).toBeGreaterThan(0);
	const byKey = new Map(actual.map((r) => [key.cube(r), r]));
	expect([...byKey.keys()].sort(), `${label}: keys`).toEqual(expected.map(key.sql).sort());
	for (const e of expected) {
		const a = byKey.get(key.sql(e)) as Row;
		for (const [cubeName, sqlName] of Object.entries(measures)) expectSame(a[cubeName], e[sqlName], `${label} ${key.sql(e)} ${cubeName}`);
	}
}

export interface MetaMember {
	name: string;
	type: string;
}
export interface MetaCube {
	name: string;
	measures: MetaMember[];
	dimensions: MetaMember[];
}

/** The public members of the model, as /meta lists them. */
export async function cubeMeta(): Promise<MetaCube[]> {
	const { status, body } = await cubeRequest(cube, 'meta', await tokenFor(cube, { role: 'minister' }));
	if (status !== 200) throw new Error(`Cube ${status}: ${body.error}`);
	return body.cubes as MetaCube[];
}

export interface ServedFrom {
	/** the SQL Cube runs for the query */
	sql: string;
	/** pre-aggregation ids used (empty when the query reads a table directly) */
	preAggregations: string[];
}

/** How Cube would answer a query: its SQL and the pre-aggregations it picked (/v1/sql). */
export async function servedFrom(query: CubeQuery): Promise<ServedFrom> {
	const { status, body } = await cubeRequest(cube, 'sql', await tokenFor(cube, { role: 'minister' }), query);
	if (status !== 200) throw new Error(`Cube ${status}: ${body.error} for ${JSON.stringify(query)}`);
	const sql = body.sql as { sql: [string, unknown[]]; preAggregations: { preAggregationId: string }[] };
	return { sql: sql.sql[0], preAggregations: sql.preAggregations.map((p) => p.preAggregationId) };
}

/**
 * The state the metrics are read in, as after every load: rollups rebuilt from the facts, and
 * Cube's pre-aggregations built from them. The global setup normally did both; this is the safety
 * net, cheap when it did: rollups rebuild only what changed, and Cube (whose jobs API always
 * rebuilds) is asked only when a rollup changed or no pre-aggregation exists yet.
 */
export async function dataReady(): Promise<void> {
	const rollupsChanged = (await refreshRollups(db)).some((r) => r.rebuilt);
	const probe = await cubeRequest(cube, 'load', await tokenFor(cube, { role: 'minister' }), { measures: ['placements.placements'] });
	const notBuilt = probe.status !== 200 && /pre-aggregation/i.test(String(probe.body.error));
	if (rollupsChanged || notBuilt) await rebuildPreAggregations({ cubeUrl: cube.url, apiSecret: cube.apiSecret });
}

/** A SQL date literal. */
export const d = (date: string): string => `toDate('${date}')`;

/**
 * The data's as-of date, from the facts: the latest issue, application, departure or
 * registration date (docs/metrics.md, "As-of date").
 */
export const AS_OF_SQL = `greatest(
	greatest((SELECT max(issued_date) FROM fct_job_order_lines), (SELECT max(applied_date) FROM fct_applications)),
	greatest((SELECT max(departure_date) FROM fct_placements), (SELECT max(registered_date) FROM fct_candidates)))`;

export interface Slices {
	asOf: string;
	/** the destination with the most placements */
	country: string;
	/** the origin province with the most placements */
	province: string;
	/** three whole months before the as-of month */
	range: [string, string];
	/** the last complete calendar year */
	year: number;
}

/** Slices picked from the data, so the tests follow whatever the generator produces. */
export async function pickSlices(): Promise<Slices> {
	const text = async (query: string) => String(await sqlValue(query));
	const asOf = await text(`SELECT toString(${AS_OF_SQL})`);
	const country = await text('SELECT country_iso2 FROM fct_placements GROUP BY country_iso2 ORDER BY count() DESC, country_iso2 LIMIT 1');
	const province = await text(
		'SELECT province_code FROM fct_placements GROUP BY province_code ORDER BY count() DESC, province_code LIMIT 1',
	);
	const from = await text(`SELECT toString(addMonths(toStartOfMonth(toDate('${asOf}')), -3))`);
	const to = await text(`SELECT toString(addDays(toStartOfMonth(toDate('${asOf}')), -1))`);
	return { asOf, country, province, range: [from, to], year: Number(asOf.slice(0, 4)) - 1 };
}

export interface Slice {
	name: string;
	/** Cube filters and time dimensions for the slice, given the cube's time dimension and name */
	cube: (timeDimension: string, cubeName: string) => Pick<CubeQuery, 'filters' | 'timeDimensions'>;
	/** the same slice as a SQL condition on a fact table, given its date column */
	where: (dateColumn: string) => string;
}

/** National, a country, a province, a month range, and a country within the range. */
export function standardSlices(s: Slices, options: { province?: boolean } = {}): Slice[] {
	const inRange = (col: string) => `${col} BETWEEN ${d(s.range[0])} AND ${d(s.range[1])}`;
	const slices: Slice[] = [
		{ name: 'national', cube: () => ({}), where: () => '1' },
		{
			name: `country ${s.country}`,
			cube: (_t, c) => ({ filters: [{ member: `${c}.country`, operator: 'equals', values: [s.country] }] }),
			where: () => `country_iso2 = '${s.country}'`,
		},
		{
			name: `months ${s.range.join('..')}`,
			cube: (t) => ({ timeDimensions: [{ dimension: t, dateRange: s.range }] }),
			where: inRange,
		},
		{
			name: `country ${s.country} in ${s.range.join('..')}`,
			cube: (t, c) => ({
				filters: [{ member: `${c}.country`, operator: 'equals', values: [s.country] }],
				timeDimensions: [{ dimension: t, dateRange: s.range }],
			}),
			where: (col) => `country_iso2 = '${s.country}' AND ${inRange(col)}`,
		},
	];
	if (options.province !== false) {
		slices.push({
			name: `province ${s.province}`,
			cube: (_t, c) => ({ filters: [{ member: `${c}.province`, operator: 'equals', values: [s.province] }] }),
			where: () => `province_code = '${s.province}'`,
		});
	}
	return slices;
}
