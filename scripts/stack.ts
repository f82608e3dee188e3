/**
 * Starts the whole system in dependency order — warehouse, data, semantic layer, web — and stops
 * it in reverse. Used by `npm start` (instance 'demo'), the test global setup ('test') and the
 * benchmark ('bench'). Each layer runs as its own process so it can be stopped, restarted and
 * measured on its own.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED, GENERATOR_VERSION, generate, type Scale } from '../seeds/src/generate.ts';
import {
	AfterLoadRefresher,
	BackgroundMatching,
	batchesOf,
	refreshAfterLoad,
	refreshDerived,
	rematch,
} from '../warehouse/src/after-load.ts';
import { connect, ensureDatabase, queryRows, type Warehouse } from '../warehouse/src/client.ts';
import { auditDatabase, type ClickHouseEndpoint, type ClickHouseUsers, usersFromEnv } from '../warehouse/src/endpoint.ts';
import { startIngestServer } from '../warehouse/src/ingest/server.ts';
import { type LoadReport, loadFiles, loadReferenceData } from '../warehouse/src/load/index.ts';
import { localPasswords, startLocalServer, stopPid } from '../warehouse/src/local-server.ts';
import { migrate } from '../warehouse/src/migrate.ts';
import { refreshRollups } from '../warehouse/src/rollups.ts';
import { sqlString } from '../warehouse/src/sql-literal.ts';
import { DETAIL_SOURCE_CLUSTER, detailDatabase, ensureDetailDatabase } from '../warehouse/src/web-access.ts';
import { type InstanceName, instances } from './instances.ts';
import { buildWebIfStale } from './web-build.ts';

export type { Scale };

export const projectRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const stateDir = join(projectRoot, '.slmi');

export interface StackOptions {
	instance: InstanceName;
	scale: Scale;
	log?: (line: string) => void;
	/** start Cube (default true) */
	cube?: boolean;
	/** build and start the web app (default true) */
	web?: boolean;
	/** last day of generated demo data (default: today, UTC); tests pin it so their data never changes */
	until?: string;
	/**
	 * the matching engine's first run: in the 'background' once the stack serves (default: minutes at
	 * national scale), or 'await'ed before startStack returns (the tests read its stored run)
	 */
	matching?: 'await' | 'background';
	/**
	 * drop the instance's database (facts, batches, rollups, runs, audit, acknowledgements) and its
	 * pre-aggregations, then generate and load the demo data again (`npm start -- --reload-demo`).
	 * Refused for a ClickHouse the project did not start (CLICKHOUSE_URL).
	 */
	reloadDemo?: boolean;
}

export interface Secrets {
	cubeApiSecret: string;
	sessionSecret: string;
	ingestToken: string;
}

export interface Stack {
	/** the admin's endpoint (migrations, rollups, tests) */
	clickhouse: ClickHouseEndpoint;
	/** every component's ClickHouse user (docs/access.md "ClickHouse users") */
	clickhouseUsers: ClickHouseUsers;
	cube: { url: string; apiSecret: string } | null;
	web: { url: string } | null;
	/** the ClickHouse users the web app was given (its detail reader and its writer), for their tests */
	webClickHouse: { reader: ClickHouseEndpoint; writer: ClickHouseEndpoint } | null;
	ingest: { url: string; token: string } | null;
	secrets: Secrets;
	/** process ids, for the benchmark's memory readings */
	pids: { clickhouse?: number; cube?: number; web?: number };
	/** what this start loaded (null when the warehouse already held data) */
	demoLoad: LoadReport | null;
	stop(): Promise<void>;
}

/**
 * Secrets are generated once per checkout and kept in the ignored state folder; the environment
 * overrides them (CUBEJS_API_SECRET, SESSION_SECRET, INGEST_TOKEN) for real deployments. The
 * project's own ClickHouse server's passwords live there too (key `clickhouse`, local-server.ts).
 */
export function loadSecrets(env: NodeJS.ProcessEnv = process.env): Secrets {
	const file = join(stateDir, 'secrets.json');
	const clickhouse = localPasswords(stateDir);
	let stored: Partial<Secrets> = {};
	if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>;
	const secrets: Secrets = {
		cubeApiSecret: stored.cubeApiSecret ?? randomBytes(32).toString('hex'),
		sessionSecret: stored.sessionSecret ?? randomBytes(32).toString('hex'),
		ingestToken: stored.ingestToken ?? randomBytes(24).toString('hex'),
	};
	mkdirSync(stateDir, { recursive: true });
	writeFileSync(file, `${JSON.stringify({ ...stored, ...secrets, clickhouse }, null, 2)}\n`, { mode: 0o600 });
	return {
		cubeApiSecret: env.CUBEJS_API_SECRET ?? secrets.cubeApiSecret,
		sessionSecret: env.SESSION_SECRET ?? secrets.sessionSecret,
		ingestToken: env.INGEST_TOKEN ?? secrets.ingestToken,
	};
}

interface ChildService {
	child: ChildProcess;
	stop(): Promise<void>;
}

/**
 * Spawns a Node service and resolves when it prints its ready line; rejects with its output if
 * it exits first, so a broken model or build fails the start with the real error.
 */
function startService(
	name: string,
	args: string[],
	env: NodeJS.ProcessEnv,
	ready: RegExp,
	log: (line: string) => void,
	timeoutMs = 180_000,
): Promise<ChildService> {
	return new Promise((resolvePromise, reject) => {
		// the service exits when this process is gone (exit-with-parent.cjs)
		const child = spawn(process.execPath, ['--require', exitWithParent, ...args], {
			cwd: projectRoot,
			env: { ...process.env, ...env, SLMI_EXIT_WITH_PARENT: String(process.pid) },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const output: string[] = [];
		let settled = false;
		const timer = setTimeout(() => fail(new Error(`${name} did not become ready within ${timeoutMs / 1000}s`)), timeoutMs);
		const stop = async () => {
			if (child.pid !== undefined && child.exitCode === null) await stopPid(child.pid);
		};
		function fail(error: Error) {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			child.kill('SIGKILL');
			reject(new Error(`${error.message}\n--- ${name} output ---\n${output.join('').slice(-4000)}`));
		}
		const onData = (chunk: Buffer) => {
			const text = chunk.toString();
			output.push(text);
			if (output.length > 200) output.shift();
			for (const line of text.split('\n')) if (line.trim() && settled) log(`${name}: ${line}`);
			if (!settled && ready.test(output.join(''))) {
				settled = true;
				clearTimeout(timer);
				resolvePromise({ child, stop });
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.on('exit', (code) => fail(new Error(`${name} exited with code ${code} before it was ready`)));
	});
}

/** Makes a spawned service exit when this process ends, however it ends (scripts/exit-with-parent.cjs). */
export const exitWithParent = join(projectRoot, 'scripts', 'exit-with-parent.cjs');

export async function startWarehouse(
	instance: InstanceName,
	log: (line: string) => void,
	/** data folder name under .slmi/clickhouse/ (default: the instance name) */
	dataName: string = instance,
	/** drop the database and its pre-aggregations first (a project-started server only) */
	reset = false,
): Promise<{ endpoint: ClickHouseEndpoint; users: ClickHouseUsers; db: Warehouse; pid?: number; stop: () => Promise<void> }> {
	const fromEnv = usersFromEnv();
	const ports = instances[instance];
	const server = fromEnv
		? undefined
		: await startLocalServer({
				name: dataName,
				stateDir,
				httpPort: ports.clickhouseHttp,
				tcpPort: ports.clickhouseTcp,
				interserverPort: ports.clickhouseInterserver,
				log,
			});
	const users = fromEnv?.users ?? server!.users;
	const endpoint = users.admin;
	if (reset) {
		if (fromEnv) throw new Error('--reload-demo drops the database: refused for a ClickHouse SLMI did not start (CLICKHOUSE_URL).');
		const admin = connect({ ...endpoint, database: 'system' });
		try {
			const names = [
				endpoint.database,
				`${endpoint.database}_pre_aggregations`,
				auditDatabase(endpoint.database),
				detailDatabase(endpoint.database),
			];
			for (const name of names) {
				await admin.command({ query: `DROP DATABASE IF EXISTS ${name}` });
				log(`Dropped database ${name} (--reload-demo).`);
			}
		} finally {
			await admin.close();
		}
	}
	if (fromEnv) {
		log(`Using the ClickHouse server at ${endpoint.url} (CLICKHOUSE_URL); starting none.`);
		if (fromEnv.shared.length > 0) {
			log(
				`  ${fromEnv.shared.join(', ')} use${fromEnv.shared.length === 1 ? 's' : ''} the admin's credentials (CLICKHOUSE_USER): give each its own user for least privilege (docs/access.md "ClickHouse users").`,
			);
		}
	}
	await ensureDatabase(endpoint);
	const db = connect(endpoint);
	const applied = await migrate(db, log);
	log(applied.length ? `Applied ${applied.length} migration(s).` : 'Schema is up to date.');
	const pidFile = join(stateDir, 'clickhouse', dataName, 'server.pid');
	const pid = !fromEnv && existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : undefined;
	return {
		endpoint,
		users,
		db,
		pid,
		stop: async () => {
			await db.close();
			await server?.stop();
		},
	};
}

/**
 * Generates the demo data set as interchange files (kept under .slmi/seeds/ and reused while
 * the generator and its options are unchanged) and loads it through the real loader — the same
 * path a ministry export takes.
 */
export async function loadDemoData(db: Warehouse, scale: Scale, until: string, log: (line: string) => void): Promise<LoadReport> {
	const outDir = join(stateDir, 'seeds', `${scale}-${until}-s${DEFAULT_SEED}`);
	const manifestFile = join(outDir, 'manifest.json');
	const reusable =
		existsSync(manifestFile) &&
		(() => {
			const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { version?: string };
			return manifest.version === GENERATOR_VERSION;
		})();
	if (!reusable) {
		log(`Generating the ${scale} demo data set (January 2019 to ${until}) …`);
		const report = await generate({ scale, until, outDir, format: 'csv' });
		log(
			`  ${report.totalRows.toLocaleString('en')} rows in ${report.seconds.toFixed(1)} s (${Math.round(report.rowsPerSecond).toLocaleString('en')} rows/s)`,
		);
	}
	log('Loading the demo data through the loader …');
	return loadFiles(db, [outDir], { log, progress: process.stdout.isTTY === true });
}

/** What the demo load of an instance was generated with, kept beside its data (.slmi/). */
interface DemoStamp {
	generator: string;
	scale: Scale;
	until: string;
	seed: number;
	loadedAt: string;
}

function demoStampFile(instance: InstanceName): string {
	return join(stateDir, `demo-data-${instance}.json`);
}

/**
 * Says when the loaded demo data was generated by another generator version than this checkout's
 * (npm start keeps loaded data; a new generator only applies after `npm start -- --reload-demo`).
 */
export function demoDataNotice(stamp: DemoStamp | null, version: string = GENERATOR_VERSION): string | null {
	if (stamp?.generator === version) return null;
	const what = stamp ? `generator ${stamp.generator}` : 'an earlier version of SLMI (no record of its generator)';
	return `The demo data in this warehouse was made by ${what}; this checkout's generator is ${version}. It is kept as loaded: \`npm start -- --reload-demo\` drops the demo database (including pushed batches, audit and acknowledgements) and loads data of ${version}.`;
}

function readDemoStamp(instance: InstanceName): DemoStamp | null {
	const file = demoStampFile(instance);
	if (!existsSync(file)) return null;
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as DemoStamp;
	} catch {
		return null;
	}
}

async function factsLoaded(db: Warehouse): Promise<boolean> {
	const [row] = await queryRows<{ n: string }>(db, 'SELECT count() AS n FROM fct_placements');
	return Number(row?.n ?? 0) > 0;
}

/** A hash of every file of the data model, to tell when pre-aggregations must be rebuilt. */
function modelFingerprint(): string {
	const dir = join(projectRoot, 'cube', 'model');
	const hash = createHash('sha256');
	for (const name of readdirSync(dir).sort()) hash.update(name).update(readFileSync(join(dir, name)));
	return hash.digest('hex');
}

async function preAggregationTables(db: Warehouse, schema: string): Promise<number> {
	const [row] = await queryRows<{ n: string }>(db, `SELECT count() AS n FROM system.tables WHERE database = ${sqlString(schema)}`);
	return Number(row?.n ?? 0);
}

export interface RunningService {
	url: string;
	pid?: number;
	stop(): Promise<void>;
}

/** Starts the semantic layer on loopback against a warehouse. */
export async function startCube(
	endpoint: ClickHouseEndpoint,
	options: {
		port: number;
		apiSecret: string;
		preAggregationsSchema: string;
		env?: NodeJS.ProcessEnv;
		/** the user that builds pre-aggregations (default: `endpoint`'s) */
		build?: ClickHouseEndpoint;
		/** the name its output is logged under (default 'cube') */
		name?: string;
	},
	log: (line: string) => void,
): Promise<RunningService> {
	const env = {
		CUBE_PORT: String(options.port),
		CUBEJS_API_SECRET: options.apiSecret,
		CLICKHOUSE_URL: endpoint.url,
		CLICKHOUSE_USER: endpoint.username,
		CLICKHOUSE_PASSWORD: endpoint.password,
		CLICKHOUSE_BUILD_USER: (options.build ?? endpoint).username,
		CLICKHOUSE_BUILD_PASSWORD: (options.build ?? endpoint).password,
		CLICKHOUSE_DATABASE: endpoint.database,
		CUBE_PRE_AGGREGATIONS_SCHEMA: options.preAggregationsSchema,
		...options.env,
	};
	const service = await startService(
		options.name ?? 'cube',
		// tsx as a loader of this process, not its CLI: the CLI is a second process that relays signals
		// and SIGKILLs a child that does not confirm within 30 ms (on a loaded machine it does not)
		['--import', 'tsx', 'cube/src/server.ts'],
		env,
		/cube ready on/,
		log,
	);
	return { url: `http://127.0.0.1:${options.port}`, pid: service.child.pid, stop: service.stop };
}

/** Builds the web app when its sources changed, and starts it on loopback. */
export async function startWeb(
	options: {
		port: number;
		cubeUrl: string;
		cubeApiSecret: string;
		sessionSecret: string;
		/**
		 * the web's two ClickHouse users (docs/access.md "The web app's ClickHouse users"), on one server:
		 * `reader` reads the officer's detail data (read-only, its database only), `writer` writes the
		 * audit of detail views and alert acknowledgements (insert only, the audit database only). Without
		 * them the officer's pages answer 503 and acknowledging fails.
		 */
		clickhouse?: { reader: ClickHouseEndpoint; writer: ClickHouseEndpoint };
		/**
		 * the address browsers reach it at when it serves behind a proxy (scripts/haproxy.ts): its
		 * ORIGIN (log-in forms are checked against it), and the client's address read from the one
		 * X-Forwarded-For the proxy sets (the log-in throttle counts by it)
		 */
		behindProxy?: string;
		/** the name its output is logged under (default 'web') */
		name?: string;
		/** more environment for the process (e.g. the cache settings of hooks.server.ts and cube.ts) */
		env?: Record<string, string>;
	},
	log: (line: string) => void,
): Promise<RunningService> {
	await buildWebIfStale(projectRoot, log);
	const env: Record<string, string> = {
		PORT: String(options.port),
		HOST: '127.0.0.1',
		ORIGIN: options.behindProxy ?? `http://127.0.0.1:${options.port}`,
		...(options.behindProxy ? { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' } : {}),
		CUBE_URL: options.cubeUrl,
		CUBEJS_API_SECRET: options.cubeApiSecret,
		SESSION_SECRET: options.sessionSecret,
		...options.env,
	};
	const ch = options.clickhouse;
	if (ch) {
		if (ch.reader.url !== ch.writer.url) throw new Error('The web reads and writes through one ClickHouse server (WEB_CLICKHOUSE_URL)');
		Object.assign(env, {
			WEB_CLICKHOUSE_URL: ch.reader.url,
			WEB_CLICKHOUSE_READER_USER: ch.reader.username,
			WEB_CLICKHOUSE_READER_PASSWORD: ch.reader.password,
			WEB_CLICKHOUSE_READER_DATABASE: ch.reader.database,
			WEB_CLICKHOUSE_WRITER_USER: ch.writer.username,
			WEB_CLICKHOUSE_WRITER_PASSWORD: ch.writer.password,
			WEB_CLICKHOUSE_WRITER_DATABASE: ch.writer.database,
		});
	}
	const service = await startService(options.name ?? 'web', ['build/web/server.js'], env, /Listening on/, log);
	return { url: `http://127.0.0.1:${options.port}`, pid: service.child.pid, stop: service.stop };
}

/**
 * The endpoint of the web's detail reader: the detail database (web-access.ts), built here as the
 * admin. A ministry's server without the cluster DETAIL_SOURCE_CLUSTER cannot confine a reader on
 * 18.16 that way: the reader then reads the project's database (give it GRANTs on a current release).
 */
async function webReaderEndpoint(
	admin: Warehouse,
	reader: ClickHouseEndpoint,
	database: string,
	log: (line: string) => void,
): Promise<ClickHouseEndpoint> {
	const [cluster] = await queryRows<{ n: string }>(
		admin,
		`SELECT toString(count()) AS n FROM system.clusters WHERE cluster = ${sqlString(DETAIL_SOURCE_CLUSTER)}`,
	);
	if (Number(cluster?.n ?? 0) === 0) {
		log(
			`  The ClickHouse server has no cluster '${DETAIL_SOURCE_CLUSTER}': the web's detail reader reads ${database} directly; confine it with GRANTs (docs/access.md "The web app's ClickHouse users").`,
		);
		return { ...reader, database };
	}
	return { ...reader, database: await ensureDetailDatabase(admin, database) };
}

function today(): string {
	return new Date().toISOString().slice(0, 10);
}

export async function startStack(options: StackOptions): Promise<Stack> {
	const log = options.log ?? console.log;
	const ports = instances[options.instance];
	const secrets = loadSecrets();
	const stops: Array<() => Promise<void>> = [];
	const stop = async () => {
		for (const s of stops.reverse()) await s().catch((e: Error) => log(`stop: ${e.message}`));
	};
	// The web app's build (a minute of Vite on a fresh checkout) runs while the warehouse starts and
	// the data loads, which mostly wait on ClickHouse; startWeb below finds it done.
	const stopWebBuild = new AbortController();
	const webBuild =
		options.web !== false && options.cube !== false ? buildWebIfStale(projectRoot, log, stopWebBuild.signal) : Promise.resolve();
	webBuild.catch(() => {});
	try {
		const warehouse = await startWarehouse(options.instance, log, options.instance, options.reloadDemo === true);
		stops.push(warehouse.stop);
		const db = warehouse.db;
		// The loader and the ingest API write as the loader's user, not the admin.
		const loaderDb = connect(warehouse.users.loader);
		stops.push(() => loaderDb.close());
		await loadReferenceData(loaderDb);
		let demoLoad: LoadReport | null = null;
		if (!(await factsLoaded(db))) {
			const until = options.until ?? today();
			demoLoad = await loadDemoData(loaderDb, options.scale, until, log);
			const stamp: DemoStamp = {
				generator: GENERATOR_VERSION,
				scale: options.scale,
				until,
				seed: DEFAULT_SEED,
				loadedAt: new Date().toISOString(),
			};
			writeFileSync(demoStampFile(options.instance), `${JSON.stringify(stamp, null, 2)}\n`);
		} else {
			const notice = demoDataNotice(readDemoStamp(options.instance));
			if (notice) log(notice);
		}
		// Cube's rollup-based cubes read agg_* tables and ops_rollups: build them before it serves
		// (the after-load path's first half; its Cube half runs once Cube is up, below).
		const rollupBuilds = await refreshRollups(db, log);
		// The web's detail reader reads only the detail database's tables (over the rollups just built).
		const webReader = await webReaderEndpoint(db, warehouse.users.webReader, warehouse.endpoint.database, log);
		// Forecasts read the rollups (as-of date, demand lines; skipped when the data is unchanged),
		// then the early-warning alerts: the after-load path's own step, under its lock (an ingest API
		// of another process may run it too); a failure is logged and the stored run stays.
		await refreshDerived(db, log);
		// The matching engine runs once the stack serves (below): at national scale a run takes minutes.
		// Its worker thread reads the input too (16–83 s of parsing at national scale, which in this
		// process held up the ingest API's event loop up to 0.6 s at a time, docs/matching.md).
		const matching = new BackgroundMatching(db, log, warehouse.endpoint);
		const preAggregationsSchema = `${warehouse.endpoint.database}_pre_aggregations`;
		// Cube's build user may not create databases on a ministry's server: the admin does it.
		await db.command({ query: `CREATE DATABASE IF NOT EXISTS ${preAggregationsSchema}` });

		let cube: Stack['cube'] = null;
		let cubePid: number | undefined;
		if (options.cube !== false) {
			const service = await startCube(
				warehouse.users.cube,
				{ port: ports.cube, apiSecret: secrets.cubeApiSecret, preAggregationsSchema, build: warehouse.users.cubeBuild },
				log,
			);
			stops.push(service.stop);
			cube = { url: service.url, apiSecret: secrets.cubeApiSecret };
			cubePid = service.pid;
			log(`Cube ready on ${cube.url}`);
			// After a restart Cube serves the pre-aggregation tables already in ClickHouse; build
			// them when data changed, none exist yet, or the model changed since they were built
			// (a changed pre-aggregation has a new table Cube would otherwise never find).
			const modelStamp = join(stateDir, `pre-aggregations-${options.instance}.model`);
			const model = modelFingerprint();
			const modelChanged = !existsSync(modelStamp) || readFileSync(modelStamp, 'utf8') !== model;
			// A rebuilt rollup (changed definition, e.g. the eligibility) changes what they read, too.
			const rollupsRebuilt = rollupBuilds.some((b) => b.rebuilt);
			if (demoLoad || modelChanged || rollupsRebuilt || (await preAggregationTables(db, preAggregationsSchema)) === 0) {
				// The one after-load path (warehouse/src/after-load.ts), as the CLI and the ingest API run it.
				// The rollups were built above, before Cube was up: this refresh finds them up to date, so it
				// must rebuild every cube the load reaches, not only those over rollups it rebuilt itself
				// (CI on d5368b8: job_orders' pre-aggregations were never built and every query failed).
				const refreshed = await refreshAfterLoad({ db, cube, log, matching: 'skip' }, demoLoad ? batchesOf(demoLoad) : [], {
					everyReachableCube: true,
				});
				log(`Built ${refreshed.preAggregationPartitions} pre-aggregation partitions in ${(refreshed.durationMs / 1000).toFixed(1)} s.`);
				writeFileSync(modelStamp, model);
			}
		}

		let ingest: Stack['ingest'] = null;
		if (cube) {
			// A batch that changed facts is answered once committed; the after-load path then
			// refreshes the rollups and Cube in the background, coalesced (warehouse/src/after-load.ts).
			const refresher = new AfterLoadRefresher({ db: loaderDb, cube, log, matching });
			const server = await startIngestServer({
				db: loaderDb,
				port: ports.ingest,
				token: secrets.ingestToken,
				log,
				afterLoad: (report) => refresher.request(report),
				refreshState: () => refresher.state(),
			});
			stops.push(() => refresher.idle());
			stops.push(server.close);
			ingest = { url: server.url, token: secrets.ingestToken };
		}

		let web: Stack['web'] = null;
		let webPid: number | undefined;
		const webClickHouse = { reader: webReader, writer: warehouse.users.webWriter };
		if (options.web !== false && cube) {
			await webBuild;
			const service = await startWeb(
				{
					port: ports.web,
					cubeUrl: cube.url,
					cubeApiSecret: secrets.cubeApiSecret,
					sessionSecret: secrets.sessionSecret,
					// the web's own two users, never the loader's (docs/access.md "The web app's ClickHouse users")
					clickhouse: webClickHouse,
				},
				log,
			);
			stops.push(service.stop);
			web = { url: service.url };
			webPid = service.pid;
		}

		// The matching engine's first run on the data as started (warehouse/src/after-load.ts).
		if (options.matching === 'await') await rematch(db, log, warehouse.endpoint);
		else matching.request();

		return {
			clickhouse: warehouse.endpoint,
			clickhouseUsers: warehouse.users,
			cube,
			web,
			webClickHouse: web ? webClickHouse : null,
			ingest,
			secrets,
			pids: { clickhouse: warehouse.pid, cube: cubePid, web: webPid },
			demoLoad,
			stop,
		};
	} catch (error) {
		stopWebBuild.abort();
		await stop();
		throw error;
	}
}
