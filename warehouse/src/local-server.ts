/**
 * The project's own ClickHouse process: Debian's clickhouse-server started on loopback with a
 * config and data folder inside the ignored state folder (`.slmi/`), on non-default ports so it
 * never collides with a server the machine already runs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { clickhousePackage, ensureDebianPackages } from '../../common/debian.ts';
import type { ClickHouseEndpoint } from './endpoint.ts';

export interface LocalServerOptions {
	/** Instance name: its folder under the state dir, so demo and test data never mix. */
	name: string;
	stateDir: string;
	httpPort: number;
	tcpPort: number;
	interserverPort: number;
	/** Extra XML inside <yandex> (e.g. <remote_servers> for the cluster test). */
	extraConfig?: string;
	log?: (line: string) => void;
}

export interface LocalServer {
	endpoint: ClickHouseEndpoint;
	/** True when this process started the server (and so must stop it). */
	startedHere: boolean;
	stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

export function serverConfigXml(dir: string, o: LocalServerOptions): string {
	// Root element <yandex> is what 18.16 reads; current releases still accept it.
	return `<?xml version="1.0"?>
<yandex>
  <logger>
    <level>warning</level>
    <log>${dir}/log/server.log</log>
    <errorlog>${dir}/log/error.log</errorlog>
    <size>50M</size>
    <count>2</count>
  </logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${o.httpPort}</http_port>
  <tcp_port>${o.tcpPort}</tcp_port>
  <interserver_http_port>${o.interserverPort}</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>1073741824</mark_cache_size>
  <uncompressed_cache_size>1073741824</uncompressed_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  <mlock_executable>false</mlock_executable>
${o.extraConfig ?? ''}
</yandex>
`;
}

export function usersXml(): string {
	// Only loopback may connect, so the default user needs no password on the local server.
	// 18.16 has no data-skipping indexes at all (the setting is unknown there and fails start-up).
	return `<?xml version="1.0"?>
<yandex>
  <profiles>
    <default>
      <max_memory_usage>8000000000</max_memory_usage>
      <use_uncompressed_cache>0</use_uncompressed_cache>
    </default>
  </profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas>
    <default>
      <interval>
        <duration>3600</duration>
        <queries>0</queries><errors>0</errors><result_rows>0</result_rows>
        <read_rows>0</read_rows><execution_time>0</execution_time>
      </interval>
    </default>
  </quotas>
</yandex>
`;
}

async function ping(httpPort: number): Promise<boolean> {
	try {
		const res = await fetch(`http://127.0.0.1:${httpPort}/ping`, { signal: AbortSignal.timeout(1000) });
		return res.ok && (await res.text()).startsWith('Ok');
	} catch {
		return false;
	}
}

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

function readPid(pidFile: string): number | undefined {
	if (!existsSync(pidFile)) return undefined;
	const pid = Number(readFileSync(pidFile, 'utf8').trim());
	return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function tailOf(file: string, lines = 15): string {
	if (!existsSync(file)) return '(no log)';
	return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (!processAlive(pid)) return true;
		await new Promise((r) => setTimeout(r, 100));
	}
	return !processAlive(pid);
}

export async function stopPid(pid: number): Promise<void> {
	if (!processAlive(pid)) return;
	process.kill(pid, 'SIGTERM');
	if (!(await waitForExit(pid, STOP_TIMEOUT_MS))) {
		process.kill(pid, 'SIGKILL');
		await waitForExit(pid, 5000);
	}
}

/**
 * Starts the instance, or reuses it when a previous run left it running (its pid file names a
 * live process that answers on our port): a killed `npm start` must not block the next one.
 */
export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
	const log = options.log ?? (() => {});
	const dir = resolve(options.stateDir, 'clickhouse', options.name);
	const pidFile = join(dir, 'server.pid');
	const endpoint: ClickHouseEndpoint = {
		url: `http://127.0.0.1:${options.httpPort}`,
		username: 'default',
		password: '',
		database: 'slmi',
	};

	const previous = readPid(pidFile);
	if (previous !== undefined && processAlive(previous) && (await ping(options.httpPort))) {
		log(`ClickHouse '${options.name}' already running (pid ${previous}) on ${endpoint.url}; reusing it.`);
		return { endpoint, startedHere: false, stop: async () => {} };
	}
	if (await ping(options.httpPort)) {
		throw new Error(
			`Port ${options.httpPort} already answers as a ClickHouse server that this project did not start. ` +
				`Stop it, or set CLICKHOUSE_URL to use it.`,
		);
	}

	ensureDebianPackages([clickhousePackage], log);
	for (const sub of ['data', 'tmp', 'log', 'user_files', 'format_schemas']) mkdirSync(join(dir, sub), { recursive: true });
	writeFileSync(join(dir, 'config.xml'), serverConfigXml(dir, options));
	writeFileSync(join(dir, 'users.xml'), usersXml());
	// A stale status file from a killed server makes the next start refuse to run.
	rmSync(join(dir, 'data', 'status'), { force: true });

	const child: ChildProcess = spawn(clickhousePackage.binary, [`--config-file=${join(dir, 'config.xml')}`], {
		cwd: dir,
		stdio: 'ignore',
		detached: false,
	});
	if (child.pid === undefined) throw new Error(`Could not start ${clickhousePackage.binary}`);
	writeFileSync(pidFile, String(child.pid));
	let exited = false;
	child.on('exit', () => {
		exited = true;
	});

	const deadline = Date.now() + READY_TIMEOUT_MS;
	while (!(await ping(options.httpPort))) {
		if (exited || Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(
				`ClickHouse '${options.name}' did not start on port ${options.httpPort}. Last lines of ${dir}/log/error.log:\n${tailOf(join(dir, 'log', 'error.log'))}`,
			);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	log(`ClickHouse '${options.name}' started (pid ${child.pid}) on ${endpoint.url}, data in ${dir}/data`);

	return {
		endpoint,
		startedHere: true,
		stop: async () => {
			if (child.pid !== undefined) await stopPid(child.pid);
			rmSync(pidFile, { force: true });
		},
	};
}
