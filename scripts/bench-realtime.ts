/**
 * The real-time part of `npm run bench` (issue #14), kept apart from scripts/bench.ts:
 *
 * - freshness: batches of 1 to 1,000 new job-order lines pushed to the ingest API (in this process,
 *   with the stack's after-load path: warehouse/src/after-load.ts), timed from the push until the
 *   dashboard's Cube query on them (job_orders.lines of their month, from a pre-aggregation) answers
 *   with them; the HTTP answer's time and the batch's `visible_at` beside it; or batches of new
 *   applications (applications.applications of their month: the cube read straight off a fact);
 * - sustained pushes: 10 small batches a second for 60 s from several clients (all committed? none
 *   refused, lost or doubled? how long until visible);
 * - the command-line loader: a file of 1 to 1,000 new job-order lines loaded with
 *   `warehouse/src/load/cli.ts` as a data engineer runs it (its own process, the one after-load path,
 *   Cube given), timed from the command's start until the dashboard's query answers with the file
 *   and until the command returns;
 * - ClickHouse's own insert speed: `clickhouse-client … FORMAT CSV` of the largest interchange file
 *   into a plain MergeTree table, for the loader's rows/s to be read against.
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemToken } from '../cube/src/refresh.ts';
import { cubeRest } from '../cube/src/rest.ts';
import { AfterLoadRefresher, BackgroundMatching, type CubeTarget } from '../warehouse/src/after-load.ts';
import { connect, queryRows, type Warehouse } from '../warehouse/src/client.ts';
import type { ClickHouseEndpoint } from '../warehouse/src/endpoint.ts';
import { startIngestServer } from '../warehouse/src/ingest/server.ts';
import { loaderProcess } from './bench-warehouse.ts';
import { type Percentiles, percentiles } from './measure.ts';

export interface FreshnessRun {
	rows: number;
	/** push → HTTP answer (committed) */
	answerMs: number;
	/** push → the Cube query answers with the batch */
	freshMs: number;
	/** push → the batch's visible_at */
	visibleMs: number | null;
}

export interface FreshnessResult {
	runs: FreshnessRun[];
	freshMs: Percentiles;
	answerMs: Percentiles;
	error?: string;
}

const LINE_HEADER =
	'line_id,job_order_id,updated_at,issued_date,expiry_date,status,status_date,source,scheme,country_iso2,employer_id,agency_code,sector,occupation_isco4,slots,wage_min,wage_max,wage_currency,required_certificate,required_language,required_language_level,min_education,min_experience_years,gender_requirement,age_min,age_max';

function linesBatch(tag: string, count: number, issued: string, expiry: string): string {
	const rows = [LINE_HEADER];
	for (let i = 0; i < count; i++) {
		rows.push(
			`BENCH-${tag}-${i},BENCHJ-${tag}-${i >> 2},${issued}T00:00:00Z,${issued},${expiry},open,,siskop2mi,G2G,JP,BENCH-E${i % 7},,health_care,5322,${1 + (i % 5)},1000,1500,JPY,,,,sd,0,any,18,45`,
		);
	}
	return `${rows.join('\n')}\n`;
}

/**
 * What a freshness run pushes, and the dashboard's Cube query that must count it: new job-order
 * lines (job_orders.lines of the month they were issued in, a pre-aggregation over
 * agg_job_order_lines), or new applications on existing lines (applications.applications of the
 * month applied in, a pre-aggregation over fct_applications) — the two ways a batch reaches Cube.
 */
export type FreshnessEntity = 'job_order_lines' | 'applications';

const COUNTED: Record<FreshnessEntity, { measure: string; dimension: string; table: string; column: string }> = {
	job_order_lines: {
		measure: 'job_orders.lines',
		dimension: 'job_orders.issued_date',
		table: 'agg_job_order_lines',
		column: 'issued_date',
	},
	applications: {
		measure: 'applications.applications',
		dimension: 'applications.applied_date',
		table: 'fct_applications',
		column: 'applied_date',
	},
};

/**
 * The month's count in the table the cube reads (its measure counts that table's rows): the count
 * before a batch, from the warehouse — Cube's answer from a pre-aggregation cannot be renewed
 * (`renewQuery` on a serving Cube with externalRefresh: HTTP 400), and a cached one may be older.
 */
async function countInWarehouse(db: Warehouse, entity: FreshnessEntity, month: string): Promise<number> {
	const { table, column } = COUNTED[entity];
	const [row] = await queryRows<{ n: string }>(
		db,
		`SELECT toString(count()) AS n FROM ${table} WHERE toStartOfMonth(${column}) = toDate('${month}-01')`,
	);
	return Number(row?.n ?? 0);
}

/**
 * `size` new applications applied on the 2nd of `month` (pending), on lines issued by then, each the
 * first of a candidate registered by then: a first application changes the candidate's row of
 * supply (applied, pipeline stage), so the candidate rollups and supply's pre-aggregations take
 * part — the harder case. Until 7 December the first candidates by id, who after earlier runs had
 * all applied: their rows stayed as they were, and supply was not on the path.
 */
async function applicationsBatch(db: Warehouse, tag: string, size: number, month: string): Promise<string> {
	const ids = async (sql: string) => (await queryRows<{ id: string }>(db, sql)).map((r) => r.id);
	const applied = `${month}-02`;
	// registered and issued by then: the loader quarantines an application dated before its
	// candidate's registration or its line's issue (a kept warehouse holds the lines earlier runs
	// pushed, `BENCH-…`, issued later in the month; 2 of the first 1,000 candidates registered later)
	const candidates = await ids(
		`SELECT candidate_id AS id FROM agg_candidate_state WHERE registered_date <= toDate('${applied}') AND applied = 0 AND placed = 0 ORDER BY candidate_id LIMIT ${size}`,
	);
	const lines = await ids(
		`SELECT line_id AS id FROM fct_job_order_lines WHERE issued_date <= toDate('${applied}') ORDER BY line_id LIMIT ${size}`,
	);
	if (candidates.length < size || lines.length < size)
		throw new Error(`${size} applications need ${size} candidates registered by ${applied} who never applied, and lines issued by then`);
	const rows = ['application_id,candidate_id,line_id,updated_at,applied_date,outcome,outcome_date,rejection_reason'];
	for (let i = 0; i < size; i++) rows.push(`BENCHA-${tag}-${i},${candidates[i]},${lines[i]},${applied}T00:00:00Z,${applied},pending,,`);
	return `${rows.join('\n')}\n`;
}

/** The count `entity`'s dashboard query gives for `month` (monthQuery), as Cube answers it. */
async function countInMonth(cubeUrl: string, bearer: string, month: string, entity: FreshnessEntity = 'job_order_lines'): Promise<number> {
	const { status, body } = await cubeRest<{ data?: Record<string, unknown>[] }>({
		url: cubeUrl,
		bearer,
		path: 'load',
		body: { query: monthQuery(entity, month) },
	});
	if (status !== 200) throw new Error(`Cube: HTTP ${status} ${body.error ?? ''}`);
	return Number(body.data?.[0]?.[COUNTED[entity].measure] ?? 0);
}

/**
 * The month's count as a dashboard asks it: the whole month, so a monthly pre-aggregation can answer
 * (until 7 December 2026 the range ended on the 28th, which no monthly rollup covers: Cube read the
 * rollup agg_job_order_lines and the fact table fct_applications instead — the lines' series timed
 * the rollup, the batch's `visible_at` the pre-aggregations).
 */
function monthQuery(entity: FreshnessEntity, month: string) {
	const { measure, dimension } = COUNTED[entity];
	const [y, m] = month.split('-').map(Number) as [number, number];
	const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
	return { measures: [measure], timeDimensions: [{ dimension, granularity: 'month', dateRange: [`${month}-01`, last] }] };
}

/** Fails unless Cube answers the month's count from a pre-aggregation (what the series must time). */
async function assertPreAggregated(cubeUrl: string, bearer: string, month: string, entity: FreshnessEntity): Promise<void> {
	const { status, body } = await cubeRest<{ sql?: { preAggregations?: { tableName: string }[] } }>({
		url: cubeUrl,
		bearer,
		path: `sql?query=${encodeURIComponent(JSON.stringify(monthQuery(entity, month)))}`,
	});
	if (status !== 200 || !body.sql?.preAggregations?.length)
		throw new Error(`Cube does not answer ${COUNTED[entity].measure} of ${month} from a pre-aggregation (HTTP ${status})`);
}

/**
 * Asks the dashboard's Cube query every 100 ms until it counts at least `atLeast` rows of `month`;
 * the milliseconds since `started`. `check` runs after each answer that is short (it throws to stop
 * waiting); after `timeoutMs` it fails naming `what`.
 */
async function waitUntilVisible(
	cube: { url: string; bearer: string; month: string; entity?: FreshnessEntity },
	atLeast: number,
	started: number,
	timeoutMs: number,
	what: string,
	check?: () => Promise<void>,
): Promise<number> {
	for (;;) {
		if ((await countInMonth(cube.url, cube.bearer, cube.month, cube.entity)) >= atLeast) return Date.now() - started;
		await check?.();
		if (Date.now() - started > timeoutMs) throw new Error(`${what} was not visible after ${timeoutMs / 1000} s`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/**
 * The ingest API as the stack runs it: the after-load refresh coalesced in the background and the
 * matching engine re-solving after it ('skip' leaves the engine out, to time the refresh path alone).
 */
async function benchIngest(
	loaderDb: Warehouse,
	cube: CubeTarget,
	port: number,
	token: string,
	engine: 'background' | 'skip' | undefined,
	log: (line: string) => void,
	read?: ClickHouseEndpoint,
) {
	// as in the stack (scripts/stack.ts): the engine's worker thread reads its input from `read`,
	// not this process, whose event loop serves the pushes
	const matching = new BackgroundMatching(loaderDb, (line) => log(`matching: ${line.trim()}`), read);
	const refresher = new AfterLoadRefresher({
		db: loaderDb,
		cube,
		log: (line) => log(`refresh: ${line.trim()}`),
		matching: engine === 'skip' ? 'skip' : matching,
	});
	const server = await startIngestServer({
		db: loaderDb,
		port,
		token,
		afterLoad: (r) => refresher.request(r),
		// what went wrong, not the hundreds of committed batches: a refused push names the lock's holder
		log: (line) => {
			if (/lock|refused|failed|503|500|Another|Waiting|Taking over|rejected/i.test(line)) log(`ingest: ${line.trim()}`);
		},
	});
	return { server, refresher, matching };
}

/**
 * Pushes batches of `sizes` rows one after another (each waits until the previous is visible) and
 * times each until Cube answers with it. `loaderDb` connects as the loader's user.
 */
export async function measureFreshness(options: {
	loaderDb: Warehouse;
	cube: CubeTarget;
	port: number;
	until: string;
	sizes?: number[];
	timeoutMs?: number;
	/** the matching engine after each refresh: in the background as in the stack (default), or left out */
	matching?: 'background' | 'skip';
	/** where the engine's worker reads its input (the loader's endpoint); unset: read in this process */
	read?: ClickHouseEndpoint;
	/** what is pushed: new job-order lines (default) or new applications */
	entity?: FreshnessEntity;
	log: (line: string) => void;
}): Promise<FreshnessResult> {
	const { loaderDb, cube, log } = options;
	const entity = options.entity ?? 'job_order_lines';
	const sizes = options.sizes ?? [1, 10, 100, 1000, 1, 1000];
	const timeoutMs = options.timeoutMs ?? 15 * 60_000;
	const token = `bench-${Date.now()}-freshness-token`;
	const { server, refresher, matching } = await benchIngest(loaderDb, cube, options.port, token, options.matching, log, options.read);
	const bearer = await systemToken(cube.apiSecret, 'bench-freshness', '2h');
	const month = options.until.slice(0, 7);
	const issued = `${month}-02`;
	const expiry = `${Number(month.slice(0, 4)) + 1}${month.slice(4)}-02`;
	const runs: FreshnessRun[] = [];
	try {
		await assertPreAggregated(cube.url, bearer, month, entity);
		for (const [k, size] of sizes.entries()) {
			const before = await countInWarehouse(loaderDb, entity, month);
			const tag = `${Date.now().toString(36)}${k}`;
			const body = entity === 'applications' ? await applicationsBatch(loaderDb, tag, size, month) : linesBatch(tag, size, issued, expiry);
			const started = Date.now();
			const res = await fetch(`${server.url}/v1/batches/${entity}`, {
				method: 'POST',
				headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'x-slmi-source': 'bench-freshness' },
				body,
			});
			const answerMs = Date.now() - started;
			const answer = (await res.json()) as { batch_id?: string; status?: string; counts?: { inserted: number } };
			if (res.status !== 200 || answer.status !== 'committed' || answer.counts?.inserted !== size)
				throw new Error(`push of ${size} rows: HTTP ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
			const freshMs = await waitUntilVisible(
				{ url: cube.url, bearer, month, entity },
				before + size,
				started,
				timeoutMs,
				`a batch of ${size} ${entity}`,
			);
			await refresher.idle();
			const [state] = await queryRows<{ ms: string }>(
				loaderDb,
				`SELECT toString(min(visible_ms)) AS ms FROM ops_batch_visibility WHERE batch_id = '${answer.batch_id}'`,
			);
			const visibleMs = state?.ms && Number(state.ms) > 0 ? Number(state.ms) - started : null;
			runs.push({ rows: size, answerMs, freshMs, visibleMs });
			log(`freshness: ${size} ${entity}: answered in ${answerMs} ms, on the dashboard query after ${freshMs} ms`);
		}
		return { runs, freshMs: percentiles(runs.map((r) => r.freshMs)), answerMs: percentiles(runs.map((r) => r.answerMs)) };
	} catch (error) {
		return {
			runs,
			freshMs: percentiles(runs.map((r) => r.freshMs)),
			answerMs: percentiles(runs.map((r) => r.answerMs)),
			error: (error as Error).message,
		};
	} finally {
		await server.close();
		await refresher.idle();
		await matching.idle();
	}
}

export interface CliFreshnessRun {
	rows: number;
	/** the command's start → the Cube query answers with the file */
	freshMs: number;
	/** the command's start → it returned (the load, the refresh and what runs after it in its process) */
	exitMs: number;
}

export interface CliFreshnessResult {
	runs: CliFreshnessRun[];
	freshMs: Percentiles;
	exitMs: Percentiles;
	error?: string;
}

/**
 * The command-line loader's freshness: for each of `sizes`, a file of that many new job-order lines
 * loaded with `warehouse/src/load/cli.ts` (a process of its own, as a data engineer runs it: migrate,
 * load, the one after-load path with Cube given — CUBE_URL and CUBEJS_API_SECRET), timed from the
 * command's start until the dashboard's Cube query answers with the file, and until it returns.
 * `loader`: the warehouse as the loader's ClickHouse user sees it (URL, database, user).
 */
export async function measureCliFreshness(options: {
	loader: ClickHouseEndpoint;
	cube: CubeTarget;
	until: string;
	sizes?: number[];
	timeoutMs?: number;
	cwd: string;
	log: (line: string) => void;
}): Promise<CliFreshnessResult> {
	const { loader, cube, log } = options;
	const sizes = options.sizes ?? [1, 100, 1000];
	const timeoutMs = options.timeoutMs ?? 15 * 60_000;
	const bearer = await systemToken(cube.apiSecret, 'bench-freshness', '2h');
	const month = options.until.slice(0, 7);
	const issued = `${month}-03`;
	const expiry = `${Number(month.slice(0, 4)) + 1}${month.slice(4)}-03`;
	const dir = mkdtempSync(join(tmpdir(), 'slmi-bench-cli-'));
	const runs: CliFreshnessRun[] = [];
	let error: string | undefined;
	const loaderDb = connect(loader);
	try {
		for (const [k, size] of sizes.entries()) {
			const file = join(dir, `job_order_lines-bench-cli-${k}.csv`);
			writeFileSync(file, linesBatch(`C${Date.now().toString(36)}${k}`, size, issued, expiry));
			const before = await countInWarehouse(loaderDb, 'job_order_lines', month);
			const started = Date.now();
			const command = loaderProcess(loader, loader, file, { refresh: true });
			const child = spawn(process.execPath, command.args, {
				cwd: options.cwd,
				env: { ...process.env, ...command.env, CUBE_URL: cube.url, CUBEJS_API_SECRET: cube.apiSecret },
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			// each line of what the command says, with the time since its start at which it arrived: where its time goes
			let output = '';
			const timedLines: string[] = [];
			let partial = '';
			const take = (d: Buffer) => {
				const text = d.toString('utf8');
				output += text;
				const lines = (partial + text).split('\n');
				partial = lines.pop() ?? '';
				for (const line of lines) timedLines.push(`+${((Date.now() - started) / 1000).toFixed(1)} s ${line.trim()}`);
			};
			child.stdout.on('data', take);
			child.stderr.on('data', take);
			let exitMs = 0;
			const exited = new Promise<number>((resolve) =>
				child.on('close', (code) => {
					exitMs = Date.now() - started;
					resolve(code ?? -1);
				}),
			);
			const freshMs = await waitUntilVisible(
				{ url: cube.url, bearer, month },
				before + size,
				started,
				timeoutMs,
				`a file of ${size} rows`,
				async () => {
					if (exitMs > 0 && (await exited) !== 0) throw new Error(`the CLI failed (exit code ${await exited}): ${output.slice(-600)}`);
				},
			);
			const code = await exited;
			if (partial.trim()) timedLines.push(`+${(exitMs / 1000).toFixed(1)} s ${partial.trim()}`);
			if (code !== 0) throw new Error(`the CLI failed (exit code ${code}): ${output.slice(-600)}`);
			runs.push({ rows: size, freshMs, exitMs });
			// what the command said, each line with when it came (the steps of its load, refresh and what follows)
			for (const line of timedLines) if (line.length > 0) log(`CLI: ${line}`);
			log(`CLI freshness: ${size} row(s): on the dashboard query after ${freshMs} ms, the command returned after ${exitMs} ms`);
		}
	} catch (e) {
		error = (e as Error).message;
	} finally {
		await loaderDb.close();
		rmSync(dir, { recursive: true, force: true });
	}
	return {
		runs,
		freshMs: percentiles(runs.map((r) => r.freshMs)),
		exitMs: percentiles(runs.map((r) => r.exitMs)),
		...(error === undefined ? {} : { error }),
	};
}

/** One POST over `agent`'s connections (node:http: the bench's clients each keep their own pool). */
function postBatch(url: string, headers: Record<string, string>, body: string, agent: Agent): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, agent }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(body);
	});
}

export interface SustainedResult {
	/** 'open': each push sent at its time, not waiting for earlier answers; 'closed': each client waits for its answer */
	mode: 'open' | 'closed';
	batchesPerSecond: number;
	seconds: number;
	clients: number;
	sent: number;
	/** pushes sent per second actually achieved: sent over the time from the first push to the last */
	sentPerSecond: number;
	/** most pushes waiting for their answer at once */
	maxInFlight: number;
	committed: number;
	refused: number;
	/** rows of the pushed batches in the facts afterwards, against the rows sent (lost or doubled otherwise) */
	rowsSent: number;
	rowsLoaded: number;
	/** distinct line ids among them: rowsLoaded > distinct means a row was doubled */
	rowsDistinct: number;
	/** push → HTTP answer */
	answerMs: Percentiles;
	/** push → the batch's visible_at */
	visibleMs: Percentiles;
	/** after-load refreshes during the run, and their durations (from ops_batch_visibility's refresh_ms) */
	refreshes: number;
	refreshMs: Percentiles;
	error?: string;
}

/**
 * Sustained pushes: `batchesPerSecond` small batches (5 new job-order lines each) for `seconds`,
 * then wait until every batch is visible. Open loop (default): push k is sent at k / rate seconds
 * after the start whatever happened to the earlier ones, spread over `clients` connections, so the
 * rate offered is the rate asked for (pushes may wait for their answers side by side). Closed loop:
 * `clients` senders each wait for their answer before sending the next, so a slow answer lowers the
 * rate sent (the bench's mode before 6 December 2026 14:30).
 */
export async function measureSustained(options: {
	loaderDb: Warehouse;
	cube: CubeTarget;
	port: number;
	until: string;
	batchesPerSecond?: number;
	seconds?: number;
	clients?: number;
	mode?: 'open' | 'closed';
	/** the matching engine after each refresh: in the background as in the stack (default), or left out */
	matching?: 'background' | 'skip';
	/** where the engine's worker reads its input (the loader's endpoint); unset: read in this process */
	read?: ClickHouseEndpoint;
	log: (line: string) => void;
}): Promise<SustainedResult> {
	const { loaderDb, cube, log } = options;
	const rate = options.batchesPerSecond ?? 10;
	const seconds = options.seconds ?? 60;
	const clients = options.clients ?? 4;
	const mode = options.mode ?? 'open';
	const rowsPerBatch = 5;
	const token = `bench-${Date.now()}-sustained-token`;
	const { server, refresher, matching } = await benchIngest(loaderDb, cube, options.port, token, options.matching, log, options.read);
	const month = options.until.slice(0, 7);
	const expiry = `${Number(month.slice(0, 4)) + 1}${month.slice(4)}-02`;
	const tag = `S${Date.now().toString(36)}`;
	const sent: { id?: string; at: number; status: number; answerMs: number }[] = [];
	// one keep-alive connection pool per client (open loop: a client opens more connections while pushes wait)
	const agents = Array.from({ length: clients }, () => new Agent({ keepAlive: true }));
	let inFlight = 0;
	let maxInFlight = 0;
	const push = async (k: number) => {
		const at = Date.now();
		inFlight++;
		maxInFlight = Math.max(maxInFlight, inFlight);
		const res = await postBatch(
			`${server.url}/v1/batches/job_order_lines`,
			{ authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'x-slmi-source': 'bench-sustained' },
			linesBatch(`${tag}-${k}`, rowsPerBatch, `${month}-03`, expiry),
			agents[k % clients] as Agent,
		).catch(() => null);
		let answer: { batch_id?: string; status?: string } = {};
		try {
			answer = res ? JSON.parse(res.body) : {};
		} catch {
			// a refusal's body need not be JSON
		}
		inFlight--;
		sent.push({ id: answer.status === 'committed' ? answer.batch_id : undefined, at, status: res?.status ?? 0, answerMs: Date.now() - at });
	};
	const started = Date.now();
	const total = rate * seconds;
	let lastSentAt = started;
	try {
		if (mode === 'open') {
			const pushes: Promise<void>[] = [];
			for (let k = 0; k < total; k++) {
				const due = started + (k * 1000) / rate;
				if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
				lastSentAt = Date.now();
				pushes.push(push(k));
			}
			await Promise.all(pushes);
		} else {
			let next = 0;
			await Promise.all(
				Array.from({ length: clients }, async () => {
					for (;;) {
						const k = next++;
						if (k >= total) return;
						// batch k is due at k / rate seconds after the start
						const due = started + (k * 1000) / rate;
						if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
						lastSentAt = Date.now();
						await push(k);
					}
				}),
			);
		}
		await refresher.idle();
		const visibility = await queryRows<{ batch_id: string; ms: string; refresh_ms: string }>(
			loaderDb,
			`SELECT batch_id, toString(min(visible_ms)) AS ms, toString(min(refresh_ms)) AS refresh_ms FROM ops_batch_visibility GROUP BY batch_id`,
		);
		const visible = new Map(visibility.map((r) => [r.batch_id, Number(r.ms)]));
		const committed = sent.filter((b) => b.id);
		// the refreshes that made this run's batches visible: one per distinct visible_ms
		const ours = new Set(committed.map((b) => b.id as string));
		const refreshes = new Map<string, number>();
		for (const r of visibility) if (ours.has(r.batch_id)) refreshes.set(r.ms, Number(r.refresh_ms));
		const [loaded] = await queryRows<{ n: string; d: string }>(
			loaderDb,
			`SELECT toString(count()) AS n, toString(uniqExact(line_id)) AS d FROM fct_job_order_lines WHERE startsWith(line_id, 'BENCH-${tag}-')`,
		);
		const result: SustainedResult = {
			mode,
			batchesPerSecond: rate,
			seconds,
			clients,
			sent: sent.length,
			sentPerSecond: Math.round((sent.length / ((lastSentAt - started) / 1000 + 1 / rate)) * 100) / 100,
			maxInFlight,
			committed: committed.length,
			refused: sent.filter((b) => b.status !== 200).length,
			rowsSent: sent.length * rowsPerBatch,
			rowsLoaded: Number(loaded?.n ?? 0),
			rowsDistinct: Number(loaded?.d ?? 0),
			answerMs: percentiles(sent.map((b) => b.answerMs)),
			visibleMs: percentiles(committed.map((b) => (visible.get(b.id as string) ?? Number.NaN) - b.at).filter((v) => !Number.isNaN(v))),
			refreshes: refreshes.size,
			refreshMs: percentiles([...refreshes.values()]),
		};
		log(
			`sustained (${mode} loop): ${result.sent} batches sent at ${result.sentPerSecond}/s, done after ${((Date.now() - started) / 1000).toFixed(0)} s, ${result.committed} committed, ${result.refused} refused, rows ${result.rowsLoaded} (${result.rowsDistinct} distinct)/${result.rowsSent}, answer p50 ${result.answerMs.p50} p95 ${result.answerMs.p95} ms, visible p50 ${result.visibleMs.p50} p95 ${result.visibleMs.p95} ms, ${result.refreshes} refreshes (p50 ${result.refreshMs.p50} ms)`,
		);
		return result;
	} catch (error) {
		return {
			mode,
			batchesPerSecond: rate,
			seconds,
			clients,
			sent: sent.length,
			sentPerSecond: 0,
			maxInFlight,
			committed: sent.filter((b) => b.id).length,
			refused: sent.filter((b) => b.status !== 200).length,
			rowsSent: sent.length * rowsPerBatch,
			rowsLoaded: 0,
			rowsDistinct: 0,
			answerMs: percentiles(sent.map((b) => b.answerMs)),
			visibleMs: percentiles([]),
			refreshes: 0,
			refreshMs: percentiles([]),
			error: (error as Error).message,
		};
	} finally {
		await server.close();
		await refresher.idle();
		await matching.idle();
		for (const a of agents) a.destroy();
	}
}

export interface RawInsertResult {
	/** the CSV files inserted: every one the loader loaded */
	files: number;
	rows: number;
	seconds: number;
	rowsPerSecond: number;
}

/**
 * ClickHouse's own speed on the same files the loader loaded: each CSV file sent with
 * `clickhouse-client --query "INSERT … FORMAT CSVWithNames"`, one after the other like the loader's
 * batches, into a plain MergeTree table of String columns per entity (no checks, no enrichment, no
 * sorting key): the ceiling the loader is compared with. Only the inserts are timed. Null when
 * clickhouse-client is not installed.
 */
export function measureRawInsert(endpoint: ClickHouseEndpoint, tcpPort: number, dataDir: string): RawInsertResult | null {
	const files = readdirSync(dataDir)
		.filter((f) => f.endsWith('.csv'))
		.sort();
	if (files.length === 0) return null;
	const client = (query: string, input?: string) => {
		const fd = input ? openSync(input, 'r') : undefined;
		try {
			return execFileSync(
				'clickhouse-client',
				['--host', '127.0.0.1', '--port', String(tcpPort), '--user', endpoint.username, '--password', endpoint.password, '--query', query],
				{ stdio: [fd ?? 'ignore', 'pipe', 'pipe'] },
			);
		} finally {
			if (fd !== undefined) closeSync(fd);
		}
	};
	const tables = new Set<string>();
	try {
		let seconds = 0;
		for (const file of files) {
			// placements-2025.csv → bench_raw_placements
			const table = `${endpoint.database}.bench_raw_${file.replace(/(-\d+)?\.csv$/, '').replace(/[^a-z_]/g, '_')}`;
			if (!tables.has(table)) {
				const header = execFileSync('head', ['-1', join(dataDir, file)], { encoding: 'utf8' })
					.trim()
					.split(',');
				client(`DROP TABLE IF EXISTS ${table}`);
				client(`CREATE TABLE ${table} (${header.map((c) => `${c} String`).join(', ')}) ENGINE = MergeTree() ORDER BY tuple()`);
				tables.add(table);
			}
			const started = process.hrtime.bigint();
			client(`INSERT INTO ${table} FORMAT CSVWithNames`, join(dataDir, file));
			seconds += Number(process.hrtime.bigint() - started) / 1e9;
		}
		let rows = 0;
		for (const table of tables) rows += Number(client(`SELECT count() FROM ${table}`).toString().trim());
		return { files: files.length, rows, seconds, rowsPerSecond: rows / seconds };
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	} finally {
		for (const table of tables) {
			try {
				client(`DROP TABLE IF EXISTS ${table}`);
			} catch {
				// best effort: the bench database is dropped at the next run anyway
			}
		}
	}
}
