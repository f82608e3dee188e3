/**
 * Builds Cube's pre-aggregations on demand, through Cube's public jobs API
 * (POST /cubejs-api/v1/pre-aggregations/jobs): `post` queues a build of every pre-aggregation
 * (or the ones named) and returns a token per partition, `get` reports each token's status until
 * all are `done`. Cube runs as a plain API instance with no refresh timer, so queries never build
 * or wait; the loader calls this after every load (after refreshRollups), and when it resolves,
 * the next query is answered from the new tables.
 *
 * Cube's jobs API always builds a new version of every pre-aggregation it is given (it forces the
 * build), so call this after a load that changed data, and at start only when no pre-aggregation
 * has been built yet: after a restart Cube finds and serves the tables already in ClickHouse. With
 * `dateRanges` only the partitions in those ranges of the cubes named there are built (the rest
 * of the partitioned pre-aggregations is kept): SLMI's extension of the route (partition-jobs.ts).
 * Versions no query used for CUBEJS_DB_QUERY_TIMEOUT (default 10 minutes) are dropped at the next
 * build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import { BUILD_TIMEOUT_SECONDS } from './config.ts';
import { cubeRest } from './rest.ts';

const modelDir = fileURLToPath(new URL('../model/', import.meta.url));
const CUBE_NAME = /\bcube\(\s*['`"]([a-z0-9_]+)['`"]/g;
const TABLE_NAME = /\b(?:fct|agg|dim|ops)_[a-z0-9_]+\b/g;

/**
 * The cubes whose model file reads any of `tables` (found by name in the file: `sql_table`, `sql`
 * and refresh keys), for rebuilding only the pre-aggregations a load can have changed. A file
 * defines one cube (model.test.ts); a file with several counts every table for each of them.
 */
export function cubesReading(tables: Iterable<string>, dir: string = modelDir): string[] {
	const wanted = new Set(tables);
	const cubes: string[] = [];
	for (const name of readdirSync(dir).sort()) {
		if (!name.endsWith('.js')) continue;
		const text = readFileSync(`${dir}/${name}`, 'utf8');
		const reads = new Set(text.match(TABLE_NAME) ?? []);
		if (![...reads].some((t) => wanted.has(t))) continue;
		for (const m of text.matchAll(CUBE_NAME)) cubes.push(m[1] as string);
	}
	return cubes;
}

/** The cubes that have pre-aggregations (a `type: 'rollup'` one in their model file). */
export function preAggregatedCubes(dir: string = modelDir): Set<string> {
	const cubes = new Set<string>();
	for (const name of readdirSync(dir).sort()) {
		if (!name.endsWith('.js')) continue;
		const text = readFileSync(`${dir}/${name}`, 'utf8');
		if (!/\btype:\s*'rollup'/.test(text)) continue;
		for (const m of text.matchAll(CUBE_NAME)) cubes.add(m[1] as string);
	}
	return cubes;
}

export interface RebuildOptions {
	/** Cube's base URL, e.g. http://127.0.0.1:14000 */
	cubeUrl: string;
	/** CUBEJS_API_SECRET: a `system` token is signed with it (only that role has the jobs scope) */
	apiSecret: string;
	/** pre-aggregation ids (`cube.name`) to build; all when omitted */
	preAggregations?: string[];
	/** only the pre-aggregations of these cubes (cubesReading); all when omitted */
	cubes?: string[];
	/**
	 * per cube, the date ranges whose partitions to build (the others are kept): only the
	 * partitioned pre-aggregations of the cubes named here; every other one is built whole
	 * (partition-jobs.ts, answered by our server.ts — Cube 0.33.65's own route has no such selector)
	 */
	dateRanges?: Record<string, [string, string][]>;
	/**
	 * how long the build may go without a partition finishing (default: a minute more than Cube
	 * lets one build run, config.ts BUILD_TIMEOUT_SECONDS): a full build at 10× scale takes longer
	 * than any fixed limit in all (its partitions are built two at a time, config.ts
	 * buildConcurrency) but finishes partitions all along
	 */
	timeoutMs?: number;
	pollMs?: number;
	/**
	 * how long a job may report `missing_partition` before it counts as lost and is queued again
	 * (default 10 s; see LOST)
	 */
	lostAfterMs?: number;
	log?: (line: string) => void;
}

export interface BuiltPartition {
	preAggregation: string;
	table: string;
	status: string;
}

interface JobStatus {
	token: string;
	table: string;
	status: string;
	selector?: { preAggregations?: string[] };
}

/**
 * A token of Cube's `system` role (cube/src/auth.ts): the jobs API, and the benches' queries. `sub`
 * names who asks; the builder signs one per request, a bench one for its whole run.
 */
export async function systemToken(apiSecret: string, sub = 'pre-aggregation-builder', expiresIn = '15m'): Promise<string> {
	return new SignJWT({ role: 'system', sub })
		.setProtectedHeader({ alg: 'HS256' })
		.setIssuedAt()
		.setExpirationTime(expiresIn)
		.sign(new TextEncoder().encode(apiSecret));
}

/**
 * How often a jobs request Cube answered with a server error, or whose connection it dropped, is
 * asked again; and how often build jobs that failed on a table gone meanwhile are queued again.
 */
const SERVER_ERROR_RETRIES = 2;

/**
 * A job Cube 0.33 reports `missing_partition`: no longer in its queue, no table, no error
 * (PreAggregations.js `isPartitionExist` via the gateway's job status). Seen at 10× scale after
 * the race below: the job never finishes, and the builder polled until its time limit. Such a job,
 * when it stays so for `lostAfterMs`, is queued again, up to LOST_RETRIES times in a build.
 */
const LOST = 'missing_partition';
const LOST_RETRIES = 2;

/** ClickHouse's "table doesn't exist" (code 60) in a failed build job's status. */
const TABLE_GONE = /Code: 60\b|doesn't exist/;

/**
 * The selector that builds `ids` (pre-aggregation ids, `cube.name`) again: with the date ranges of
 * the build their cubes have (partition-jobs.ts selects by cube then, building the cube's
 * partitioned pre-aggregations in those ranges and its others whole), else the ids alone.
 */
export function rebuildSelector(ids: string[], dateRanges?: Record<string, [string, string][]>): Record<string, unknown> {
	const unique = [...new Set(ids)];
	const cubes = [...new Set(unique.map((id) => id.split('.')[0] as string))];
	const ranges = Object.fromEntries(cubes.filter((c) => dateRanges?.[c]).map((c) => [c, dateRanges?.[c] as [string, string][]]));
	return Object.keys(ranges).length > 0 ? { cubes, dateRanges: ranges } : { preAggregations: unique };
}

export async function rebuildPreAggregations(options: RebuildOptions): Promise<BuiltPartition[]> {
	const {
		cubeUrl,
		apiSecret,
		preAggregations,
		cubes,
		dateRanges,
		timeoutMs = (BUILD_TIMEOUT_SECONDS + 60) * 1000,
		pollMs = 100,
		lostAfterMs = 10_000,
		log = () => {},
	} = options;
	const started = Date.now();
	// when a partition last finished (or the build started): the time limit counts from there
	let progressed = started;
	let finished = 0;
	let reported = started;
	const timeLeft = () => Math.max(0, timeoutMs - (Date.now() - progressed));

	const call = async <T>(body: unknown): Promise<T> => {
		for (let attempt = 1; ; attempt++) {
			// Cube answers 200 with "Continue wait" when the request outlasts its own wait (listing the
			// partitions on a busy machine took longer): cubeRest asks again until this build's deadline.
			// A connection Cube closed or reset under load is fetch's TypeError "fetch failed" (seen
			// nationally at load 8–11, 5 December 2026): asked again like a server error; without that
			// the whole refresh failed and its retry rebuilt every cube's pre-aggregations (105
			// partitions, 70 s).
			const answer = await cubeRest<T>({
				url: cubeUrl,
				// signed for each request: the token lives 15 minutes, a full build at 10× scale longer
				bearer: await systemToken(apiSecret),
				path: 'pre-aggregations/jobs',
				body,
				timeoutMs: timeLeft(),
				pollMs: Math.max(pollMs, 250),
			}).catch((error: unknown) => {
				if (error instanceof TypeError) return error;
				throw error;
			});
			let failure: Error;
			if (answer instanceof TypeError) {
				if (attempt > SERVER_ERROR_RETRIES) throw answer;
				failure = new Error(`Cube pre-aggregation jobs: ${answer.message} (${String(answer.cause ?? '')})`);
			} else {
				const { status, body: json } = answer;
				if (status === 200) return json;
				failure = new Error(`Cube pre-aggregation jobs: HTTP ${status} ${json.error ?? JSON.stringify(json)}`);
				// Cube 0.33 answers 500 when a table it listed a moment ago is gone (it drops a partition's
				// old versions after building a new one, while another job reads its list): asked again a
				// moment later it lists the tables anew. Starting or polling jobs twice is harmless.
				if (status < 500 || attempt > SERVER_ERROR_RETRIES) throw failure;
			}
			log(`  ${failure.message}; asking again (${attempt} of ${SERVER_ERROR_RETRIES})`);
			await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
		}
	};

	const post = async (selector: Record<string, unknown>): Promise<string[]> => {
		const queued = await call<string[]>({
			action: 'post',
			selector: { contexts: [{ securityContext: { role: 'system' } }], timezones: ['UTC'], ...selector },
		});
		if (!Array.isArray(queued)) throw new Error(`Cube pre-aggregation jobs: not a list of tokens: ${JSON.stringify(queued).slice(0, 200)}`);
		return queued;
	};
	let tokens = await post({
		...(preAggregations ? { preAggregations } : {}),
		...(cubes ? { cubes } : {}),
		...(dateRanges ? { dateRanges } : {}),
	});
	if (tokens.length === 0) {
		// partitions selected by date: none of them exists (the ranges lie outside every build range)
		if (dateRanges && Object.keys(dateRanges).length > 0 && (cubes ?? []).every((c) => dateRanges[c])) {
			log('  pre-aggregations: no partition in the given date ranges');
			return [];
		}
		throw new Error('Cube queued no pre-aggregation builds (is the data model empty?)');
	}

	/**
	 * The jobs after `ids` (pre-aggregation ids) are queued again: their new jobs build every
	 * partition of those pre-aggregations (of their cubes, with date ranges) anew, so every old job
	 * of them is left — their tables may be dropped as old versions and would look lost.
	 */
	const requeue = async (ids: string[], statuses: JobStatus[]): Promise<string[]> => {
		const selector = rebuildSelector(ids, dateRanges);
		const cubesAgain = (selector.cubes as string[] | undefined) ?? [];
		const covered = (s: JobStatus) => {
			const id = s.selector?.preAggregations?.[0] ?? '';
			return cubesAgain.includes(id.split('.')[0] as string) || ids.includes(id);
		};
		return [...statuses.filter((s) => !covered(s)).map((s) => s.token), ...(await post(selector))];
	};

	let rebuilds = 0;
	let requeued = 0;
	/** since when each token has reported LOST without a break */
	const missingSince = new Map<string, number>();
	for (;;) {
		const statuses = await call<JobStatus[]>({ action: 'get', tokens });
		const failed = statuses.filter((s) => s.status.startsWith('failure'));
		if (failed.length > 0) {
			const what = failed.map((f) => `${f.selector?.preAggregations?.[0] ?? f.table}: ${f.status}`).join('; ');
			// Cube 0.33's race (above) also fails a build job itself: the build read a table another
			// job's build had just dropped. Built again a moment later, it lists the tables anew; the
			// other partitions' jobs go on. Any other failure, or the race again and again, fails the build.
			const again = failed.map((f) => f.selector?.preAggregations?.[0]);
			if (rebuilds >= SERVER_ERROR_RETRIES || !failed.every((f) => TABLE_GONE.test(f.status)) || again.some((id) => !id)) {
				throw new Error(`Pre-aggregation build failed: ${what}`);
			}
			rebuilds++;
			log(`  Pre-aggregation build failed: ${what}; building again (${rebuilds} of ${SERVER_ERROR_RETRIES})`);
			await new Promise((resolve) => setTimeout(resolve, 1000 * rebuilds));
			tokens = await requeue(again as string[], statuses);
			continue;
		}
		if (statuses.every((s) => s.status === 'done')) {
			log(`  pre-aggregations: ${statuses.length} partition(s) up to date in ${Date.now() - started} ms`);
			return statuses.map((s) => ({ preAggregation: s.selector?.preAggregations?.[0] ?? '', table: s.table, status: s.status }));
		}
		for (const s of statuses) {
			if (s.status !== LOST) missingSince.delete(s.token);
			else if (!missingSince.has(s.token)) missingSince.set(s.token, Date.now());
		}
		const lost = statuses.filter((s) => Date.now() - (missingSince.get(s.token) ?? Date.now()) >= lostAfterMs);
		if (lost.length > 0) {
			const ids = lost.map((l) => l.selector?.preAggregations?.[0]);
			const what = lost.map((l) => l.table).join(', ');
			if (requeued >= LOST_RETRIES || ids.some((id) => !id))
				throw new Error(`Pre-aggregation build lost: Cube neither builds nor has built ${what} (${LOST} for ${lostAfterMs} ms)`);
			requeued++;
			log(`  pre-aggregation jobs lost by Cube (${LOST}): ${what}; queued again (${requeued} of ${LOST_RETRIES})`);
			missingSince.clear();
			tokens = await requeue(ids as string[], statuses);
			continue;
		}
		const done = statuses.filter((s) => s.status === 'done').length;
		if (done > finished) {
			finished = done;
			progressed = Date.now();
			// a long build (25 min at 10× scale) says how far it is, at most once a minute
			if (progressed - reported >= 60_000) {
				reported = progressed;
				log(`  pre-aggregations: ${done} of ${statuses.length} partition(s) built after ${Math.round((progressed - started) / 1000)} s`);
			}
		}
		if (timeLeft() === 0) {
			const pending = statuses.filter((s) => s.status !== 'done');
			throw new Error(
				`Pre-aggregation build timed out: no partition finished for ${timeoutMs} ms (${done} of ${statuses.length} done in ${Date.now() - started} ms); still ${pending.map((p) => `${p.table}: ${p.status}`).join(', ')}`,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, pollMs));
	}
}
