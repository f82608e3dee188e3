/**
 * The cubes read straight off a fact table — applications, certifications, placements, trainings —
 * have their pre-aggregations partitioned by the year of a date (cube/model/*.js,
 * partition_granularity 'year'), so a batch rebuilds only the years it changed: at 10× scale the
 * applications cube's widest pre-aggregation took more than 7 minutes whole. So has `supply`, over
 * the rollup agg_candidate_state (one row per candidate, by registration date), whose rows carry a
 * `_row_hash` as the facts' do: a first application changes one candidate's row, one year of its
 * three pre-aggregations instead of all of them (15–20 s nationally, 158 s at 10×, built whole).
 *
 * Which parts a batch changed is told by the facts themselves, not by the batch: per quarter, the
 * count and sum of `_row_hash` of the fact's rows (a new row, a corrected one, and the version a
 * correction replaced all change it — also when a correction moves a row to another year, whose
 * old quarter loses the row). The refresh compares them with what `ops_fact_quarters` recorded at
 * the last build, asks Cube for the partitions over the quarters that differ (each quarter lies in
 * one year), and records the new fingerprints before Cube builds, so each partition's refresh key
 * (its quarters' rows, cube/model/shared.js factQuarterKey) is stamped on the build that holds
 * those rows; a Cube build that then fails leaves keys that differ from the built partitions',
 * which Cube rebuilds on the next query, and the refresher's retry rebuilds them whole. Kept per
 * quarter, finer than the partitions: a cube can be split by quarter too (as job_orders' are)
 * without a new record.
 */
import { type Entity, entitySpecs } from '../../common/formats.ts';
import { queryRows, type Warehouse } from './client.ts';

/** A quarter numbered yyyyq (20251 = January to March 2025) as a Cube date range, UTC. */
export function quarterRange(yyyyq: number): [string, string] {
	const year = Math.floor(yyyyq / 10);
	const quarter = yyyyq % 10;
	if (!Number.isInteger(yyyyq) || quarter < 1 || quarter > 4) throw new Error(`${yyyyq} is not a quarter numbered yyyyq`);
	const iso = (ms: number) => new Date(ms).toISOString().slice(0, 23);
	return [iso(Date.UTC(year, (quarter - 1) * 3, 1)), iso(Date.UTC(year, quarter * 3, 1) - 1)];
}

/**
 * Per cube: the table it reads whose rows carry `_row_hash`, and the date its pre-aggregations are
 * partitioned by the year of. For a fact table (an entity) the date the table is partitioned by
 * (common/formats.ts `partitionDate`); `supply` reads the rollup agg_candidate_state, whose rows get
 * their hash from ClickHouse as they are written (warehouse/rollups/agg_candidate_state.sql), by
 * registration date.
 */
export const FACT_PARTITIONED_CUBES: Readonly<Record<string, Entity | { table: string; column: string }>> = {
	applications: 'applications',
	certifications: 'certifications',
	placements: 'placements',
	trainings: 'trainings',
	supply: { table: 'agg_candidate_state', column: 'registered_date' },
};

/** The table a date-partitioned cube reads (a fact's, or agg_candidate_state) and the date column it is partitioned by. */
export function factOf(cube: string): { table: string; column: string } {
	const spec = FACT_PARTITIONED_CUBES[cube];
	if (!spec) throw new Error(`${cube} is not partitioned by the year of a date of the table it reads`);
	return typeof spec === 'string' ? { table: entitySpecs[spec].table, column: entitySpecs[spec].partitionDate } : spec;
}

export const FACT_QUARTERS_TABLE = 'ops_fact_quarters';

/** A quarter with no rows (left, or never there). */
const EMPTY = '0:0';

/** Per quarter (yyyyq), a fact table's fingerprint: `count:sum(_row_hash)`. */
export type QuarterFingerprints = ReadonlyMap<number, string>;

/** The quarters whose fingerprint differs between `before` and `now` (appeared, left or changed), ascending. */
export function changedQuarters(before: QuarterFingerprints, now: QuarterFingerprints): number[] {
	const quarters = new Set([...before.keys(), ...now.keys()]);
	return [...quarters].filter((q) => (before.get(q) ?? EMPTY) !== (now.get(q) ?? EMPTY)).sort((a, b) => a - b);
}

/** The fact table's fingerprint per quarter of `column`, now. */
async function scan(db: Warehouse, table: string, column: string): Promise<Map<number, string>> {
	const rows = await queryRows<{ q: string | number; f: string }>(
		db,
		`SELECT toUInt32(toYear(${column}) * 10 + toQuarter(${column})) AS q, concat(toString(count()), ':', toString(sum(_row_hash))) AS f
		FROM ${table} GROUP BY q`,
	);
	return new Map(rows.map((r) => [Number(r.q), r.f]));
}

/** What the last refresh recorded per quarter of `table` (the latest row of each). */
async function recorded(db: Warehouse, table: string): Promise<Map<number, string>> {
	const rows = await queryRows<{ q: string | number; f: string }>(
		db,
		`SELECT quarter AS q, argMax(fingerprint, recorded_ms) AS f FROM ${FACT_QUARTERS_TABLE} WHERE fact_table = '${table}' GROUP BY quarter`,
	);
	return new Map(rows.map((r) => [Number(r.q), r.f]));
}

export interface FactQuarterPlan {
	/** per cube whose quarters are known and some changed: the date ranges of those quarters; Cube builds the partitions over them */
	dateRanges: Record<string, [string, string][]>;
	/** the cubes whose quarters are known and none changed: nothing of theirs to build */
	unchanged: string[];
	/** writes the fingerprints taken: call before Cube builds, so the partitions carry the new keys */
	record(): Promise<void>;
}

/**
 * For the fact-partitioned cubes among `cubes` (every one when undefined): which of their quarters
 * changed since the last build. A cube in neither `dateRanges` nor `unchanged` is built whole:
 * nothing was recorded for it yet, or `whole` asked for it (a start, a retry after a failure) — the
 * fingerprints are recorded all the same.
 */
export async function factQuarterPlan(db: Warehouse, cubes: readonly string[] | undefined, whole = false): Promise<FactQuarterPlan> {
	const selected = Object.keys(FACT_PARTITIONED_CUBES).filter((c) => !cubes || cubes.includes(c));
	const dateRanges: Record<string, [string, string][]> = {};
	const unchanged: string[] = [];
	const rows: { fact_table: string; quarter: number; fingerprint: string; recorded_ms: number }[] = [];
	const at = Date.now();
	for (const cube of selected) {
		const { table, column } = factOf(cube);
		const [now, before] = [await scan(db, table, column), await recorded(db, table)];
		const changed = changedQuarters(before, now);
		const buildWhole = whole || before.size === 0;
		if (!buildWhole && changed.length === 0) unchanged.push(cube);
		else if (!buildWhole) dateRanges[cube] = changed.map(quarterRange);
		for (const quarter of buildWhole ? [...new Set([...now.keys(), ...changed])] : changed)
			rows.push({ fact_table: table, quarter, fingerprint: now.get(quarter) ?? EMPTY, recorded_ms: at });
	}
	return {
		dateRanges,
		unchanged,
		async record() {
			if (rows.length > 0) await db.insert({ table: FACT_QUARTERS_TABLE, values: rows, format: 'JSONEachRow' });
		},
	};
}
