/**
 * Starts the whole system in dependency order — warehouse, data, semantic layer, web — and stops
 * it in reverse. Used by `npm start` (instance 'demo'), the test global setup ('test') and the
 * benchmark ('bench'). Each layer runs as its own process so it can be stopped, restarted and
 * measured on its own.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect, ensureDatabase, type Warehouse } from '../warehouse/src/client.ts';
import { type ClickHouseEndpoint, endpointFromEnv } from '../warehouse/src/endpoint.ts';
import { startLocalServer, stopPid } from '../warehouse/src/local-server.ts';
import { migrate } from '../warehouse/src/migrate.ts';
import { type InstanceName, instances } from './instances.ts';
import { buildWebIfStale } from './web-build.ts';

export const projectRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const stateDir = join(projectRoot, '.slmi');

export type Scale = 'tiny' | 'national' | 'large';

export interface StackOptions {
	instance: InstanceName;
	scale: Scale;
	log?: (line: string) => void;
	/** start Cube (default true) */
	cube?: boolean;
	/** build and start the web app (default true) */
	web?: boolean;
}

export interface Secrets {
	cubeApiSecret: string;
	sessionSecret: string;
	ingestToken: string;
}

export interface Stack {
	clickhouse: ClickHouseEndpoint;
	cube: { url: string; apiSecret: string } | null;
	web: { url: string } | null;
	secrets: Secrets;
	/** process ids, for the benchmark's memory readings */
	pids: { clickhouse?: number; cube?: number; web?: number };
	stop(): Promise<void>;
}

/**
 * Secrets are generated once per checkout and kept in the ignored state folder; the environment
 * overrides them (CUBEJS_API_SECRET, SESSION_SECRET, INGEST_TOKEN) for real deployments.
 */
export function loadSecrets(env: NodeJS.ProcessEnv = process.env): Secrets {
	const file = join(stateDir, 'secrets.json');
	let stored: Partial<Secrets> = {};
	if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>;
	const secrets: Secrets = {
		cubeApiSecret: stored.cubeApiSecret ?? randomBytes(32).toString('hex'),
		sessionSecret: stored.sessionSecret ?? randomBytes(32).toString('hex'),
		ingestToken: stored.ingestToken ?? randomBytes(24).toString('hex'),
	};
	mkdirSync(stateDir, { recursive: true });
	writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
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
		const child = spawn(process.execPath, args, { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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

const tsxCli = join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');

export async function startWarehouse(
	instance: InstanceName,
	log: (line: string) => void,
): Promise<{ endpoint: ClickHouseEndpoint; db: Warehouse; pid?: number; stop: () => Promise<void> }> {
	const fromEnv = endpointFromEnv();
	const ports = instances[instance];
	const server = fromEnv
		? undefined
		: await startLocalServer({
				name: instance,
				stateDir,
				httpPort: ports.clickhouseHttp,
				tcpPort: ports.clickhouseTcp,
				interserverPort: ports.clickhouseInterserver,
				log,
			});
	const endpoint = fromEnv ?? server!.endpoint;
	if (fromEnv) log(`Using the ClickHouse server at ${endpoint.url} (CLICKHOUSE_URL); starting none.`);
	await ensureDatabase(endpoint);
	const db = connect(endpoint);
	const applied = await migrate(db, log);
	log(applied.length ? `Applied ${applied.length} migration(s).` : 'Schema is up to date.');
	const pidFile = join(stateDir, 'clickhouse', instance, 'server.pid');
	const pid = !fromEnv && existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : undefined;
	return {
		endpoint,
		db,
		pid,
		stop: async () => {
			await db.close();
			await server?.stop();
		},
	};
}

export async function startStack(options: StackOptions): Promise<Stack> {
	const log = options.log ?? console.log;
	const ports = instances[options.instance];
	const secrets = loadSecrets();
	const stops: Array<() => Promise<void>> = [];
	const stop = async () => {
		for (const s of stops.reverse()) await s().catch((e: Error) => log(`stop: ${e.message}`));
	};
	try {
		const warehouse = await startWarehouse(options.instance, log);
		stops.push(warehouse.stop);

		let cube: Stack['cube'] = null;
		let cubePid: number | undefined;
		if (options.cube !== false) {
			const cubeEnv = {
				CUBE_PORT: String(ports.cube),
				CUBEJS_API_SECRET: secrets.cubeApiSecret,
				CLICKHOUSE_URL: warehouse.endpoint.url,
				CLICKHOUSE_USER: warehouse.endpoint.username,
				CLICKHOUSE_PASSWORD: warehouse.endpoint.password,
				CLICKHOUSE_DATABASE: warehouse.endpoint.database,
			};
			const service = await startService('cube', [tsxCli, 'cube/src/server.ts'], cubeEnv, /cube ready on/, log);
			stops.push(service.stop);
			cube = { url: `http://127.0.0.1:${ports.cube}`, apiSecret: secrets.cubeApiSecret };
			cubePid = service.child.pid;
			log(`Cube ready on ${cube.url}`);
		}

		let web: Stack['web'] = null;
		let webPid: number | undefined;
		if (options.web !== false && cube) {
			await buildWebIfStale(projectRoot, log);
			const webEnv = {
				PORT: String(ports.web),
				HOST: '127.0.0.1',
				ORIGIN: `http://127.0.0.1:${ports.web}`,
				CUBE_URL: cube.url,
				CUBEJS_API_SECRET: secrets.cubeApiSecret,
				SESSION_SECRET: secrets.sessionSecret,
			};
			const service = await startService('web', ['build/web/index.js'], webEnv, /Listening on/, log);
			stops.push(service.stop);
			web = { url: `http://127.0.0.1:${ports.web}` };
			webPid = service.child.pid;
		}

		return {
			clickhouse: warehouse.endpoint,
			cube,
			web,
			secrets,
			pids: { clickhouse: warehouse.pid, cube: cubePid, web: webPid },
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
