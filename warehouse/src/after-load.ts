/**
 * The one after-load path: what every entry point that loads facts (the ingest API, the loader's
 * command line, `npm start`) runs once a load has committed, so every load becomes visible on the
 * dashboards the same way.
 *
 *   refreshAfterLoad(target, batchesOf(report))   one refresh, awaited (the CLI, npm start)
 *   new AfterLoadRefresher(target).request(report) coalesced, in the background (the ingest API)
 *
 * A refresh brings the rollups up to date (refreshRollups: only what a batch touched), then has
 * Cube rebuild the pre-aggregations over what changed (cube/src/refresh.ts, Cube's jobs API; of a
 * cube partitioned like its rollup, PARTITIONED_CUBES, only the partitions over the rollup
 * partitions rebuilt), then records, for
 * every batch it covered, when it became visible (`ops_batch_visibility`, read by
 * `GET /v1/batches/{id}` as `visible_at`). A batch counts as covered when it committed before the
 * refresh started: the rollups and pre-aggregations are rebuilt from the facts as they are then.
 * Once it has released its lock, what is derived from the data follows (refreshDerived): the
 * forecasts and the alerts over them (forecast/index.ts: skipped when the data version is
 * unchanged), under a lock of their own, then the matching engine — awaited (the CLI) or in the
 * background, coalesced (the ingest API, BackgroundMatching). So the next batch's refresh never
 * waits for them (at national scale they take tens of seconds).
 *
 * It runs outside the load lock, under a lock of its own (`ops_refresh_lock`, load/lock.ts): a
 * load never waits for a refresh, and two processes never refresh one database at once (a CLI
 * load while the ingest API refreshes waits for that refresh, then runs its own).
 *
 * The refresher coalesces: while a refresh runs, every batch that commits joins the next one, so
 * N batches landing during a refresh cause one more refresh, not N.
 */
import { type BuiltPartition, cubesReading, preAggregatedCubes, rebuildPreAggregations } from '../../cube/src/refresh.ts';
import type { Warehouse } from './client.ts';
import type { ClickHouseEndpoint } from './endpoint.ts';
import { factQuarterPlan, quarterRange } from './fact-quarters.ts';
import { refreshDerived, refreshDerivedInWorker } from './forecast/derived.ts';
import type { LoadReport } from './load/index.ts';
import { acquireLoadLock, REFRESH_LOCK_TABLE } from './load/lock.ts';
import { Session } from './load/session.ts';
import { runMatching } from './matching/run.ts';
import { type RollupBuild, refreshRollups, rollupsReading, VISIBILITY_DDL, VISIBILITY_TABLE } from './rollups.ts';

export interface CubeTarget {
	/** Cube's base URL, e.g. http://127.0.0.1:4000 */
	url: string;
	/** CUBEJS_API_SECRET (a system token is signed with it) */
	apiSecret: string;
}

export interface AfterLoadTarget {
	/** the warehouse the load wrote to (the loader's user may build rollups) */
	db: Warehouse;
	/** the Cube whose pre-aggregations to rebuild; null = rollups only (said in the log) */
	cube: CubeTarget | null;
	log?: (line: string) => void;
	/** how long to wait for another process's refresh (default 30 minutes) */
	lockWaitMs?: number;
	/**
	 * what is derived from the data, after the refresh (refreshDerived): 'await' the forecasts, alerts
	 * and the matching engine (default: the CLI, whose process ends); a BackgroundMatching runs them
	 * coalesced in the background (the ingest API); 'skip' awaits the forecasts and alerts only
	 */
	matching?: 'await' | 'skip' | BackgroundMatching;
}

/** A batch a refresh makes visible. */
export interface BatchRef {
	batchId: string;
	entity: string;
}

export interface Refreshed {
	batches: BatchRef[];
	rollups: RollupBuild[];
	/** pre-aggregation partitions Cube rebuilt (0 without a Cube) */
	preAggregationPartitions: number;
	/** which: the pre-aggregation and its table (a partition's ends with its first day) */
	preAggregations: BuiltPartition[];
	/** the date ranges whose partitions were rebuilt, per partitioned cube (absent: every partition) */
	dateRanges?: Record<string, [string, string][]>;
	/** when the refresh finished: what was committed before it started is visible from then on */
	visibleAt: Date;
	durationMs: number;
}

/** The batches of a load that changed facts: committed with rows inserted or updated, and recovered ones. */
export function batchesOf(report: LoadReport): BatchRef[] {
	return [...report.recovered, ...report.batches.filter((b) => b.status === 'committed' && b.counts.inserted + b.counts.updated > 0)].map(
		(b) => ({ batchId: b.batchId, entity: b.entity ?? '' }),
	);
}

export { quarterRange, refreshDerived, VISIBILITY_TABLE };

/** Creates the visibility table when missing (the refresh does; readers call it before reading). */
export async function ensureVisibilityTable(db: Warehouse): Promise<void> {
	await db.command({ query: VISIBILITY_DDL });
}

/**
 * The cubes with pre-aggregations that a load of `batches` changed: those reading the fact tables of
 * the batches' entities, or a rollup built (directly or not) from them — of those, when the
 * refresh's `rollups` are given, only the ones it actually rebuilt: a rollup whose inputs changed
 * in no partition it reads was kept as it was (rollups.ts), and the cubes over it need nothing.
 * Every cube when no batch is named (a start, a --refresh-only, a changed model). Each is rebuilt
 * whole, except the partitioned cubes, whose partitions partitionDateRanges picks.
 */
export function cubesToRebuild(
	batches: readonly BatchRef[],
	rollups?: readonly Pick<RollupBuild, 'name' | 'rebuilt'>[],
): string[] | undefined {
	if (batches.length === 0) return undefined;
	const facts = [...new Set(batches.map((b) => `fct_${b.entity}`))];
	const rebuilt = rollups ? new Set(rollups.filter((r) => r.rebuilt).map((r) => r.name)) : undefined;
	const changed = rollupsReading(facts).filter((r) => !rebuilt || rebuilt.has(r));
	const preAggregated = preAggregatedCubes();
	return cubesReading([...facts, ...changed]).filter((c) => preAggregated.has(c));
}

/**
 * Cubes whose pre-aggregations are partitioned as a rollup they read is: after a refresh that
 * rebuilt only some partitions of that rollup, Cube rebuilds only the pre-aggregation partitions
 * over them (the others read rows the refresh copied unchanged). job_orders' three rollups
 * (cube/model/job_orders.js, partition_granularity 'quarter' on issued_date) read
 * agg_job_order_lines, split by the quarter a line was issued in (yyyyq).
 */
export const PARTITIONED_CUBES: Readonly<Record<string, { rollup: string; dateRange: (partition: number) => [string, string] }>> = {
	job_orders: { rollup: 'agg_job_order_lines', dateRange: quarterRange },
};

/**
 * Cubes built in a second request after the others a refresh builds by date range: `supply`'s
 * years are built from agg_candidate_state (3.0 M rows nationally, a year's up to 0.5 M), the
 * other cubes' partitions from a quarter or a year of a fact, which the counts a dashboard asks
 * right after a push read.
 */
const LATER_CUBES: ReadonlySet<string> = new Set(['supply']);

/**
 * For the partitioned cubes among `cubes`: the date ranges of the partitions of their rollup this
 * refresh rebuilt. A cube is left out (built whole) when its rollup was rebuilt whole, or when the
 * rollups are not known (a refresh that must rebuild everything reachable: after a failure, at start).
 */
export function partitionDateRanges(
	cubes: readonly string[] | undefined,
	rollups: readonly Pick<RollupBuild, 'name' | 'rebuilt' | 'partitionsRebuilt'>[] | undefined,
): Record<string, [string, string][]> | undefined {
	if (!cubes || !rollups) return undefined;
	const out: Record<string, [string, string][]> = {};
	for (const cube of cubes) {
		const spec = PARTITIONED_CUBES[cube];
		const build = spec && rollups.find((r) => r.name === spec.rollup);
		if (!spec || !build?.rebuilt || !build.partitionsRebuilt?.length) continue;
		out[cube] = build.partitionsRebuilt.map(spec.dateRange);
	}
	return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * One refresh: rollups, Cube's pre-aggregations, then the batches' visibility, under the refresh
 * lock. `options.everyReachableCube`: rebuild the cubes over every rollup the batches can reach,
 * not only those over the rollups this refresh rebuilt — when the rollups may have been rebuilt
 * before it (it then finds them up to date): after a failed refresh (it may have swapped in rollups
 * before Cube rebuilt), and at `npm start`, which builds the rollups before Cube is up.
 */
export async function refreshAfterLoad(
	target: AfterLoadTarget,
	batches: readonly BatchRef[],
	options: { everyReachableCube?: boolean } = {},
): Promise<Refreshed> {
	const log = target.log ?? (() => {});
	const started = Date.now();
	const session = await Session.open(target.db, undefined, 'refresh');
	let refreshed: Date | undefined;
	const lock = await acquireLoadLock(session, {
		table: REFRESH_LOCK_TABLE,
		what: 'refresh',
		waitMs: target.lockWaitMs,
		log,
	});
	try {
		await ensureVisibilityTable(target.db);
		const rollups = await refreshRollups(target.db, log);
		const built: BuiltPartition[] = [];
		const cubes = cubesToRebuild(batches, options.everyReachableCube ? undefined : rollups);
		// only the partitions over the rollup partitions rebuilt (never after a failure: the rollups
		// may have been swapped in by the failed refresh, which this one then finds up to date)
		const rollupRanges = options.everyReachableCube ? undefined : partitionDateRanges(cubes, rollups);
		// the cubes read straight off a fact: only the quarters whose facts changed since their last
		// build (fact-quarters.ts), whole at a start or a retry; recorded before Cube builds (their
		// partitions' refresh keys), also with no Cube to tell: Cube then rebuilds them by their keys
		const facts = await factQuarterPlan(target.db, cubes, options.everyReachableCube === true || !cubes);
		await facts.record();
		const cubesToBuild = cubes?.filter((c) => !facts.unchanged.includes(c));
		const ranges = { ...rollupRanges, ...facts.dateRanges };
		const dateRanges = Object.keys(ranges).length > 0 ? ranges : undefined;
		if (target.cube && cubesToBuild?.length === 0) {
			log('  no pre-aggregation reads what this load changed');
		} else if (target.cube) {
			// The cubes whose partitions in a date range this refresh builds go first (the counts a
			// dashboard asks after a push: a quarter's partition builds in about a second), the cubes
			// built whole and supply's years after them (LATER_CUBES). In one request Cube queues them
			// all together, two at a time, and the fact partitions often waited behind supply's builds
			// (then whole, 15–20 s nationally): the bench's first application was on the dashboard 2 s
			// after the rollups in one run and 6 s in the next (7 December 2026).
			const ranged = cubesToBuild?.filter((c) => dateRanges?.[c] && !LATER_CUBES.has(c)) ?? [];
			const phases =
				cubesToBuild && ranged.length > 0 && ranged.length < cubesToBuild.length
					? [ranged, cubesToBuild.filter((c) => !ranged.includes(c))]
					: [cubesToBuild];
			for (const phase of phases) {
				const phaseRanges = Object.fromEntries(Object.entries(dateRanges ?? {}).filter(([c]) => !phase || phase.includes(c)));
				built.push(
					...(await rebuildPreAggregations({
						cubeUrl: target.cube.url,
						apiSecret: target.cube.apiSecret,
						log,
						cubes: phase,
						dateRanges: Object.keys(phaseRanges).length > 0 ? phaseRanges : undefined,
					})),
				);
			}
		} else {
			log(
				'  Cube pre-aggregations not rebuilt: no Cube given (set CUBE_URL and CUBEJS_API_SECRET); cubes served from pre-aggregations stay stale until the next refresh.',
			);
		}
		const visibleAt = new Date();
		const durationMs = visibleAt.getTime() - started;
		if (batches.length > 0) {
			await target.db.insert({
				table: VISIBILITY_TABLE,
				values: batches.map((b) => ({
					batch_id: b.batchId,
					entity: b.entity,
					visible_at: visibleAt.toISOString().slice(0, 19).replace('T', ' '),
					visible_ms: visibleAt.getTime(),
					refresh_ms: Math.min(durationMs, 2 ** 32 - 1),
				})),
				format: 'JSONEachRow',
			});
		}
		const rebuilt = rollups.filter((r) => r.rebuilt).length;
		const scoped = dateRanges
			? ` (${Object.entries(dateRanges)
					.map(([c, r]) => `${c}: ${r.length} date range(s)`)
					.join(', ')})`
			: '';
		log(
			`  refreshed after load in ${durationMs} ms: ${rebuilt} rollup(s) rebuilt, ${built.length} pre-aggregation partition(s)${scoped}; ${batches.length} batch(es) visible`,
		);
		refreshed = visibleAt;
		return {
			batches: [...batches],
			rollups,
			preAggregationPartitions: built.length,
			preAggregations: built,
			...(dateRanges ? { dateRanges } : {}),
			visibleAt,
			durationMs,
		};
	} finally {
		await lock.release();
		// What is derived from the data rather than the data itself — the forecasts and alerts, and
		// the matching engine's re-solve — after the batches are visible and outside the refresh
		// lock: neither the dashboards' freshness nor the next refresh waits for them (issues #14,
		// #15, #16; at national scale they take tens of seconds and minutes).
		if (target.matching instanceof BackgroundMatching) target.matching.request();
		else await deriveAwaited(target.db, log, refreshed, (target.matching ?? 'await') === 'await');
	}
}

/**
 * What is derived from the data, awaited (the CLI, npm start's first load): said before it starts —
 * the batches are on the dashboards already, and at national scale this takes tens of seconds
 * (the matching engine's first run in a process ≈ 18 s) — and when it ends, with its time.
 */
async function deriveAwaited(db: Warehouse, log: (line: string) => void, visibleAt: Date | undefined, matching: boolean): Promise<void> {
	const steps = [...(visibleAt ? ['the forecasts and alerts'] : []), ...(matching ? ['the matching engine'] : [])];
	if (steps.length === 0) return;
	const started = Date.now();
	if (visibleAt)
		log(
			`  visible on the dashboards since ${visibleAt.toISOString().slice(11, 19)} UTC; now ${steps.join(', then ')}, derived from the data (tens of seconds at national scale; the dashboards do not wait for them)`,
		);
	if (visibleAt) await refreshDerived(db, log);
	if (matching) await rematch(db, log);
	log(`  ${steps.join(', then ')} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * The matching engine re-solves after the rollups are refreshed (issue #15). A failed run is
 * logged, not fatal: the dashboards do not depend on it, and the previous run stays stored. With
 * `read` (the endpoint `db` connects to) its worker thread reads the input (runMatching); `nice`
 * lowers that thread's CPU priority (Linux).
 */
export async function rematch(db: Warehouse, log: (line: string) => void, read?: ClickHouseEndpoint, nice?: number): Promise<void> {
	await runMatching(db, log, { ...(read ? { read } : {}), ...(nice ? { nice } : {}) }).catch((error: Error) =>
		log(`Matching failed: ${error.message}`),
	);
}

/** When BackgroundMatching runs (docs/ingestion.md §5, "What is derived from the data"). */
export interface DerivedSchedule {
	/** a run starts once no refresh has run or waited for this long (default 2 s) */
	quietMs: number;
	/**
	 * while refreshes keep coming (sustained pushes), a run starts anyway once this long has passed
	 * since the previous run ended — or since the first request, when none ran yet (default 60 s)
	 */
	intervalMs: number;
	/** the nice value of the derived runs' worker threads (Linux; 0 = normal priority; default 10) */
	nice: number;
}

export const DERIVED_SCHEDULE: Readonly<DerivedSchedule> = { quietMs: 2_000, intervalMs: 60_000, nice: 10 };

/**
 * What is derived from the data, in the background: the forecasts and alerts (refreshDerived), then
 * the matching engine. `request` returns at once. The runs are debounced against the after-load
 * refresh so that they never take the CPU a refresh needs while batches keep arriving:
 *
 * - a run starts when a request is pending, none is running, and either the refresher (deferWhile,
 *   set by AfterLoadRefresher) has been idle for `quietMs` — so a lone batch gets its forecasts,
 *   alerts and engine run about `quietMs` after it is visible — or, while refreshes keep coming,
 *   `intervalMs` have passed since the previous run ended (the first request, if none ran): at most
 *   one run per `intervalMs` of sustained pushes, and never starved by them;
 * - requests while a run is pending or going cause one more run, not one each;
 * - given the endpoint (`read`), the forecasts and alerts run in a worker thread of their own
 *   (forecast/derived.ts) and the engine in its worker, both at a lower CPU priority (`nice`, Linux):
 *   the ingest API's thread stays free for answers and refreshes.
 */
export class BackgroundMatching {
	private running: Promise<void> | null = null;
	/** when the oldest request not yet served was made (null: none pending) */
	private requestedAt: number | null = null;
	private lastEnded: number | null = null;
	/** when the refresher was last seen busy */
	private refreshSeenAt = 0;
	private timer: NodeJS.Timeout | null = null;
	private refreshing: () => boolean = () => false;
	private readonly schedule: DerivedSchedule;
	/** runs started (tests, the bench) */
	runs = 0;
	/** the worker thread ids the forecasts and alerts ran in, one per run given an endpoint (tests) */
	readonly derivedThreads: number[] = [];

	constructor(
		private readonly db: Warehouse,
		private readonly log: (line: string) => void = () => {},
		/** where the run's worker thread reads its input (see rematch); undefined: read in this process */
		private readonly read?: ClickHouseEndpoint,
		schedule: Partial<DerivedSchedule> = {},
	) {
		this.schedule = { ...DERIVED_SCHEDULE, ...schedule };
	}

	/** Runs wait while `busy()` says a refresh runs or waits (AfterLoadRefresher calls it). */
	deferWhile(busy: () => boolean): void {
		this.refreshing = busy;
	}

	request(): void {
		const now = Date.now();
		this.requestedAt ??= now;
		// a request comes as a refresh ends: the quiet time counts from here
		this.refreshSeenAt = now;
		this.tick();
	}

	private tick(): void {
		if (this.timer) {
			clearTimeout(this.timer);
			this.timer = null;
		}
		if (this.requestedAt === null || this.running) return;
		const now = Date.now();
		if (this.refreshing()) this.refreshSeenAt = now;
		const quietAt = this.refreshing() ? Number.POSITIVE_INFINITY : this.refreshSeenAt + this.schedule.quietMs;
		const dueAt = (this.lastEnded ?? this.requestedAt) + this.schedule.intervalMs;
		const at = Math.min(quietAt, dueAt);
		if (at <= now) {
			this.start();
			return;
		}
		// look again in a while: the refresher does not say when it becomes idle
		this.timer = setTimeout(() => this.tick(), Math.min(at - now, 250));
	}

	private start(): void {
		this.requestedAt = null;
		this.runs++;
		this.running = (async () => {
			// in a worker thread at the engine's nice when the endpoint is known (the ingest API, the stack)
			if (this.read) this.derivedThreads.push(await refreshDerivedInWorker(this.read, this.log, this.schedule.nice));
			else await refreshDerived(this.db, this.log);
			await rematch(this.db, this.log, this.read, this.schedule.nice);
		})().finally(() => {
			this.running = null;
			this.lastEnded = Date.now();
			// requests while it ran: the next run, by the same rule
			this.tick();
		});
	}

	/** Resolves when no run is pending or going (tests, shutdown). */
	async idle(): Promise<void> {
		while (this.busy) {
			if (this.running) await this.running;
			else await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}

	/** A run is going, or pending (waiting for the refreshes to pause). */
	get busy(): boolean {
		return this.running !== null || this.requestedAt !== null;
	}
}

/**
 * Runs refreshAfterLoad in the background, coalesced: `request` returns at once; batches requested
 * while a refresh runs are covered by the single refresh that follows it.
 */
export class AfterLoadRefresher {
	private pending: BatchRef[] = [];
	private running: Promise<void> | null = null;
	private failures = 0;

	constructor(private readonly target: AfterLoadTarget) {
		// what is derived from the data waits while refreshes run or wait (BackgroundMatching)
		if (target.matching instanceof BackgroundMatching) target.matching.deferWhile(() => this.refreshing);
	}

	/** Whether a refresh runs or has batches waiting for it. */
	get refreshing(): boolean {
		return this.running !== null || this.pending.length > 0;
	}

	/** Queues the batches of a load that changed facts; never waits for the refresh. */
	request(report: LoadReport | readonly BatchRef[]): void {
		const batches = Array.isArray(report) ? (report as BatchRef[]) : batchesOf(report as LoadReport);
		if (batches.length === 0) return;
		this.pending.push(...batches);
		this.start();
	}

	private start(): void {
		if (this.running) return;
		this.running = this.drain().finally(() => {
			this.running = null;
			// A request that came while the last refresh was finishing has no drain to pick it up.
			if (this.pending.length > 0 && this.failures === 0) this.start();
		});
	}

	/** Whether a refresh runs or waits, and the matching run after it (GET /v1/refresh of the ingest API). */
	state(): { running: boolean; pending: number } {
		const matching = this.target.matching instanceof BackgroundMatching && this.target.matching.busy;
		return { running: this.running !== null || matching, pending: this.pending.length };
	}

	/** Resolves when nothing is pending or running (tests, shutdown). */
	async idle(): Promise<void> {
		while (this.running) await this.running;
	}

	private async drain(): Promise<void> {
		while (this.pending.length > 0) {
			const batches = this.pending;
			this.pending = [];
			try {
				await refreshAfterLoad(this.target, batches, { everyReachableCube: this.failures > 0 });
				this.failures = 0;
			} catch (error) {
				// The batches stay committed; they become visible with the next refresh that succeeds.
				this.failures++;
				(this.target.log ?? (() => {}))(`after-load refresh failed (attempt ${this.failures}): ${(error as Error).message}`);
				this.pending = [...batches, ...this.pending];
				// Give up for now after a few tries; the next request starts again.
				if (this.failures >= 5) return;
				await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** Math.min(this.failures, 5))));
			}
		}
	}
}

/** Cube's address from the environment (CUBE_URL, CUBEJS_API_SECRET), or null. */
export function cubeFromEnv(env: NodeJS.ProcessEnv = process.env): CubeTarget | null {
	const url = env.CUBE_URL;
	const apiSecret = env.CUBEJS_API_SECRET;
	return url && apiSecret ? { url: url.replace(/\/+$/, ''), apiSecret } : null;
}
