/**
 * Building only some partitions of Cube's pre-aggregations, for the refresh after a batch
 * (warehouse/src/after-load.ts → cube/src/refresh.ts).
 *
 * Cube 0.33.65's jobs API (POST /cubejs-api/v1/pre-aggregations/jobs, action `post`) builds every
 * partition of every pre-aggregation it selects: its gateway passes `partitions: undefined` to the
 * refresh scheduler's postBuildJobs. The scheduler itself takes a list of partition tables per
 * pre-aggregation (it filters the partitions it expands by table name), so server.ts answers a
 * `post` whose selector carries `dateRanges` here, with the same scheduler call and the partitions
 * filled in; the tokens it returns are ordinary job tokens, polled with Cube's own `get`.
 *
 *   selector.dateRanges: { job_orders: [['2025-01-01T00:00:00.000', '2025-03-31T23:59:59.999']] }
 *
 * For each cube named there, a partitioned pre-aggregation is built in the partitions that overlap
 * one of its ranges (none overlapping: it is left out); every other pre-aggregation the selector
 * names is built whole, as Cube's own route does. Later Cube releases take a `dateRange` in the jobs
 * selector themselves (docs/ingestion.md §10).
 *
 * Before expanding the partitions it forgets Cube's cached build range (the min and max the range
 * queries return are cached for 24 hours and renewed only when a boundary partition's refresh key
 * changes): a batch that adds a quarter before or after every other one would otherwise find no
 * partition of that quarter to build, and queries would not read it.
 */
import { randomUUID } from 'node:crypto';

export type DateRange = [string, string];

/** How a partition table name ends (Cube: the partition's first day, `YYYYMMDD`, `YYYYMMDDHH` for hours). */
const SUFFIX = /(\d{8})(\d{2})?$/;

const MONTHS: Record<string, number> = { month: 1, quarter: 3, year: 12 };
const DAYS: Record<string, number> = { day: 1, week: 7 };

/** The time span `[start, end)` in ms of a partition table, from its name and the granularity. */
export function partitionSpan(tableName: string, granularity: string): [number, number] {
	const m = SUFFIX.exec(tableName);
	if (!m) throw new Error(`${tableName} does not end with a partition date`);
	const [y, mo, d] = [Number(m[1]!.slice(0, 4)), Number(m[1]!.slice(4, 6)) - 1, Number(m[1]!.slice(6, 8))];
	const h = granularity === 'hour' ? Number(m[2] ?? 0) : 0;
	const start = Date.UTC(y, mo, d, h);
	if (granularity === 'hour') return [start, start + 3_600_000];
	if (MONTHS[granularity]) return [start, Date.UTC(y, mo + MONTHS[granularity], d)];
	if (DAYS[granularity]) return [start, start + DAYS[granularity] * 86_400_000];
	throw new Error(`Unknown partition granularity '${granularity}'`);
}

/** A Cube date-range bound (`YYYY-MM-DDTHH:mm:ss.SSS`, UTC) in ms. */
function instant(value: string): number {
	const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
	if (Number.isNaN(ms)) throw new Error(`Not a date: '${value}'`);
	return ms;
}

/** Whether a partition overlaps any of `ranges` (each inclusive at both ends, as Cube's are). */
export function overlapsAny(span: [number, number], ranges: readonly DateRange[]): boolean {
	return ranges.some(([from, to]) => instant(from) < span[1] && instant(to) >= span[0]);
}

/** The selector's `dateRanges`, checked: cube name → a non-empty list of [from, to]. */
export function parseDateRanges(value: unknown): Record<string, DateRange[]> {
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		throw new Error('selector.dateRanges must be an object: cube name → [[from, to], …]');
	const out: Record<string, DateRange[]> = {};
	for (const [cube, ranges] of Object.entries(value)) {
		if (!Array.isArray(ranges) || ranges.length === 0)
			throw new Error(`selector.dateRanges.${cube} must be a non-empty list of [from, to]`);
		out[cube] = ranges.map((r) => {
			if (!Array.isArray(r) || r.length !== 2 || r.some((v) => typeof v !== 'string'))
				throw new Error(`selector.dateRanges.${cube}: every range is [from, to], two dates`);
			instant(r[0]);
			instant(r[1]);
			return [r[0], r[1]] as DateRange;
		});
	}
	return out;
}

// The parts of Cube 0.33.65's server core this uses (checked in tests/integration/ingestion/after-load.test.ts).
interface PreAggregationRef {
	id: string;
	cube: string;
	preAggregation: { partitionGranularity?: string };
}
interface PreAggregationDescription {
	preAggregationId: string;
	tableName: string;
	preAggregationStartEndQueries?: [string, unknown[]][];
	invalidateKeyQueries?: [string, unknown[]][];
}
interface Scheduler {
	baseQueryForPreAggregation(compilerApi: unknown, preAggregation: PreAggregationRef, options: unknown): Promise<unknown>;
	preAggregationPartitions(
		context: unknown,
		options: { timezones: string[]; preAggregations: { id: string }[] },
	): Promise<{ preAggregation: PreAggregationRef; partitions: { tableName: string }[] }[]>;
	postBuildJobs(context: unknown, options: Record<string, unknown>): Promise<string[]>;
}
interface QueryCacheLike {
	queryRedisKey(cacheKey: unknown): string;
	getCacheDriver(): { remove(key: string): Promise<unknown> };
	memoryCache: { del(key: string): void };
}
export interface CoreLike {
	getCompilerApi(context: unknown): Promise<{
		preAggregations(filter: { cubes?: string[] }): Promise<PreAggregationRef[]>;
		getSql(query: unknown): Promise<{ preAggregations: PreAggregationDescription[] }>;
	}>;
	getOrchestratorApi(context: unknown): Promise<{ getQueryOrchestrator(): { getQueryCache(): QueryCacheLike } }>;
	getRefreshScheduler(): Scheduler;
}

/**
 * Forgets the cached results of a partitioned pre-aggregation's build-range queries, under the key
 * Cube's PreAggregationPartitionRangeLoader.loadRangeQuery stores them (QueryCache.queryCacheKey of
 * the query, its values and the first refresh key query), in the cache driver and in memory.
 */
async function forgetBuildRange(
	core: CoreLike,
	context: { securityContext: unknown },
	preAggregation: PreAggregationRef,
	timezone: string,
): Promise<number> {
	const compilerApi = await core.getCompilerApi(context);
	const scheduler = core.getRefreshScheduler();
	const baseQuery = await scheduler.baseQueryForPreAggregation(compilerApi, preAggregation, {
		timezone,
		contextSymbols: { securityContext: context.securityContext },
	});
	const description = (await compilerApi.getSql(baseQuery)).preAggregations.find((p) => p.preAggregationId === preAggregation.id);
	if (!description?.preAggregationStartEndQueries) return 0;
	const cache = (await core.getOrchestratorApi(context)).getQueryOrchestrator().getQueryCache();
	const first = description.invalidateKeyQueries?.[0];
	const invalidate = first ? first.slice(0, 2) : false;
	let forgotten = 0;
	for (const [query, values] of description.preAggregationStartEndQueries) {
		// QueryCache.queryCacheKey({ query, values, invalidate })
		const key = cache.queryRedisKey(invalidate ? [query, values, [], invalidate] : [query, values, []]);
		cache.memoryCache.del(key);
		await cache.getCacheDriver().remove(key);
		forgotten++;
	}
	return forgotten;
}

/**
 * Queues forced builds of the partitions `dateRanges` selects (and of every other pre-aggregation
 * of `cubes`, whole) and returns Cube's job tokens.
 */
export async function postPartitionJobs(
	core: CoreLike,
	securityContext: Record<string, unknown>,
	selector: { cubes?: string[]; timezones?: string[]; dateRanges: Record<string, DateRange[]> },
): Promise<string[]> {
	const timezones = selector.timezones?.length ? selector.timezones : ['UTC'];
	const context = {
		securityContext,
		authInfo: securityContext,
		signedWithPlaygroundAuthSecret: false,
		requestId: `${randomUUID()}-span-1`,
	};
	const compilerApi = await core.getCompilerApi(context);
	const cubes = selector.cubes ?? Object.keys(selector.dateRanges);
	const preAggregations = await compilerApi.preAggregations({ cubes });
	const scoped = preAggregations.filter((p) => selector.dateRanges[p.cube] && p.preAggregation.partitionGranularity);
	for (const p of scoped) for (const timezone of timezones) await forgetBuildRange(core, context, p, timezone);
	const scheduler = core.getRefreshScheduler();
	const expanded = scoped.length
		? await scheduler.preAggregationPartitions(context, { timezones, preAggregations: scoped.map((p) => ({ id: p.id })) })
		: [];
	const selected: { id: string; partitions?: string[] }[] = [];
	for (const p of preAggregations) {
		const ranges = p.preAggregation.partitionGranularity ? selector.dateRanges[p.cube] : undefined;
		if (!ranges) {
			selected.push({ id: p.id });
			continue;
		}
		const granularity = p.preAggregation.partitionGranularity as string;
		const partitions = (expanded.find((e) => e.preAggregation.id === p.id)?.partitions ?? [])
			.map((partition) => partition.tableName)
			.filter((table) => overlapsAny(partitionSpan(table, granularity), ranges));
		// none overlapping: nothing of it to build (an empty list would make Cube build them all)
		if (partitions.length > 0) selected.push({ id: p.id, partitions: [...new Set(partitions)] });
	}
	if (selected.length === 0) return [];
	return scheduler.postBuildJobs(context, {
		metadata: undefined,
		timezones,
		preAggregations: selected.map((s) => ({ id: s.id, cacheOnly: undefined, partitions: s.partitions })),
		forceBuildPreAggregations: undefined,
		throwErrors: false,
	});
}
