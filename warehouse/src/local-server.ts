/**
 * The project's own ClickHouse process: Debian's clickhouse-server started on loopback with a
 * config and data folder inside the ignored state folder (`.slmi/`), on non-default ports so it
 * never collides with a server the machine already runs.
 *
 * Its users (docs/access.md "ClickHouse users"): no `default` user and no user without a
 * password; one user per component with the least rights 18.16's users.xml can express —
 * slmi_admin (everything: migrations, rollups, tests), slmi_loader (the project's database only),
 * slmi_cube (read-only: Cube's queries), slmi_cube_build (Cube's pre-aggregation builds), and the
 * web app's two: slmi_web_reader (read-only, only the detail database's Distributed tables, which
 * read as slmi_detail_source, a user whose password only the server's config holds) and
 * slmi_web_writer (no DDL, the audit database only).
 * Passwords are generated once into `<stateDir>/secrets.json` (key `clickhouse`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { clickhousePackage, ensureDebianPackages } from '../../common/debian.ts';
import { BUILD_TIMEOUT_SECONDS } from '../../cube/src/config.ts';
import { auditDatabase, type ClickHouseEndpoint, type ClickHouseUsers, USER_NAMES, type UserRole } from './endpoint.ts';
import { DETAIL_SOURCE_CLUSTER, DETAIL_SOURCE_USER, detailDatabase } from './web-access.ts';

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
	/** the users' passwords (default: localPasswords(stateDir)) */
	passwords?: LocalPasswords;
	/** the project's database, the one the loader and Cube may use (default slmi) */
	database?: string;
}

/** Every user's password; detailSource's is given to no component, only to the server's own config. */
export type LocalPasswords = Record<UserRole | 'detailSource', string>;

const PASSWORD_KEYS = [...(Object.keys(USER_NAMES) as UserRole[]), 'detailSource'] as const;

/**
 * The local server's passwords, generated once and kept in `<stateDir>/secrets.json` under
 * `clickhouse` (the file scripts/stack.ts keeps its other secrets in; mode 0600).
 */
export function localPasswords(stateDir: string): LocalPasswords {
	const file = join(stateDir, 'secrets.json');
	const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { clickhouse?: Partial<LocalPasswords> }) : {};
	const current = stored.clickhouse ?? {};
	const passwords = Object.fromEntries(
		PASSWORD_KEYS.map((role) => [role, current[role] || randomBytes(24).toString('hex')]),
	) as LocalPasswords;
	if (PASSWORD_KEYS.some((role) => current[role] !== passwords[role])) {
		mkdirSync(stateDir, { recursive: true });
		writeFileSync(file, `${JSON.stringify({ ...stored, clickhouse: passwords }, null, 2)}\n`, { mode: 0o600 });
	}
	return passwords;
}

/** The endpoint of each user on a server at `url`, for `database`. */
export function localUsers(url: string, database: string, passwords: LocalPasswords): ClickHouseUsers {
	const at = (role: UserRole, db = database): ClickHouseEndpoint => ({
		url,
		username: USER_NAMES[role],
		password: passwords[role],
		database: db,
	});
	return {
		admin: at('admin'),
		loader: at('loader'),
		cube: at('cube'),
		cubeBuild: at('cubeBuild'),
		webReader: at('webReader', detailDatabase(database)),
		webWriter: at('webWriter', auditDatabase(database)),
	};
}

export interface LocalServer {
	/** the admin's endpoint (migrations, rollups, tests) */
	endpoint: ClickHouseEndpoint;
	/** every component's endpoint */
	users: ClickHouseUsers;
	/** True when this process started the server (and so must stop it). */
	startedHere: boolean;
	stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

/**
 * The cluster the detail database's Distributed tables read through (web-access.ts): this server
 * itself, logged in to as slmi_detail_source, whose password only this config holds. Merged into
 * the <remote_servers> of `extraConfig` when it has one (the cluster test's).
 */
export function detailSourceXml(o: Pick<LocalServerOptions, 'tcpPort' | 'database'>, password: string): string {
	return `    <${DETAIL_SOURCE_CLUSTER}><shard><replica><host>127.0.0.1</host><port>${o.tcpPort}</port><user>${DETAIL_SOURCE_USER}</user><password>${password}</password><default_database>${o.database ?? 'slmi'}</default_database></replica></shard></${DETAIL_SOURCE_CLUSTER}>`;
}

function remoteServers(o: LocalServerOptions, password: string): string {
	const own = detailSourceXml(o, password);
	const extra = o.extraConfig ?? '';
	if (extra.includes('<remote_servers>')) return extra.replace('<remote_servers>', `<remote_servers>\n${own}`);
	return `${extra}\n  <remote_servers>\n${own}\n  </remote_servers>`;
}

export function serverConfigXml(dir: string, o: LocalServerOptions, detailSourcePassword: string): string {
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
${remoteServers(o, detailSourcePassword)}
</yandex>
`;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Limits of Cube's read-only queries (profile slmi_cube). */
export const CUBE_QUERY_LIMITS = {
	/** a dashboard query that runs longer is stopped (seconds) */
	max_execution_time: 120,
	max_memory_usage: 4_000_000_000,
	/** rows read from tables per query: ~10 times the national warehouse (15 million fact rows) */
	max_rows_to_read: 200_000_000,
	/** Cube answers at most 50,000 rows; anything near a million is a runaway */
	max_result_rows: 1_000_000,
	result_overflow_mode: 'throw',
} as const;

/** Limits of Cube's pre-aggregation builds (profile slmi_cube_build): they read whole fact tables. */
export const CUBE_BUILD_LIMITS = {
	/** the time Cube itself gives a build (cube/src/config.ts), so that neither stops it first */
	max_execution_time: BUILD_TIMEOUT_SECONDS,
	max_memory_usage: 8_000_000_000,
	/** a GROUP BY past half of that spills to disk instead of failing the build (18.16 and current) */
	max_bytes_before_external_group_by: 4_000_000_000,
	max_rows_to_read: 2_000_000_000,
} as const;

/** Limits of the web's writer (profile slmi_web_writer): one-row inserts and the audit page's read. */
export const WEB_WRITER_LIMITS = {
	max_execution_time: 60,
	max_memory_usage: 2_000_000_000,
} as const;

function settingsXml(settings: Record<string, string | number>): string {
	return Object.entries(settings)
		.map(([k, v]) => `<${k}>${v}</${k}>`)
		.join('');
}

/**
 * users.xml for 18.16 (current releases read it too). 18.16 has no GRANT: a user is confined to
 * databases (allow_databases; `system` stays readable to all) and a profile's readonly level.
 * readonly=1 refuses every write, DDL, SET, and table function (url, file, remote); readonly=2
 * would still allow table functions, so Cube's query user has 1. allow_ddl=0 refuses CREATE,
 * DROP, TRUNCATE, ALTER (mutations too), RENAME, DETACH, OPTIMIZE and SET allow_ddl, but lets
 * INSERT through: the web's writer may only append to the audit database (measured on 18.16).
 */
export function usersXml(passwords: LocalPasswords, database = 'slmi'): string {
	const loopback = '<networks><ip>127.0.0.1</ip><ip>::1</ip></networks>';
	const dbs = (...names: string[]) => `<allow_databases>${names.map((n) => `<database>${n}</database>`).join('')}</allow_databases>`;
	const preAggregations = `${database}_pre_aggregations`;
	const audit = auditDatabase(database);
	const account = (name: string, password: string, profile: string, extra: string) =>
		`    <${name}><password_sha256_hex>${sha256(password)}</password_sha256_hex>${loopback}<profile>${profile}</profile><quota>default</quota>${extra}</${name}>`;
	const user = (role: UserRole, profile: string, extra = '') => account(USER_NAMES[role], passwords[role], profile, extra);
	return `<?xml version="1.0"?>
<!-- Generated by warehouse/src/local-server.ts; passwords in .slmi/secrets.json. docs/access.md "ClickHouse users". -->
<yandex>
  <profiles>
    <default>
      <max_memory_usage>8000000000</max_memory_usage>
      <use_uncompressed_cache>0</use_uncompressed_cache>
    </default>
    <slmi_cube>
      <readonly>1</readonly>
      <!-- the values the Cube driver sends with every query: equal values are allowed in readonly mode -->
      <join_use_nulls>1</join_use_nulls>
      <use_uncompressed_cache>0</use_uncompressed_cache>
      <!-- a query's WHERE pushed into its subqueries, as current releases do by default: a query of a
           partitioned pre-aggregation reads a UNION ALL of its partitions, which 18.16 otherwise reads
           whole (docs/performance.md, "Supply by year of registration") -->
      <enable_optimize_predicate_expression>1</enable_optimize_predicate_expression>
      ${settingsXml(CUBE_QUERY_LIMITS)}
    </slmi_cube>
    <slmi_cube_build>
      <use_uncompressed_cache>0</use_uncompressed_cache>
      ${settingsXml(CUBE_BUILD_LIMITS)}
    </slmi_cube_build>
    <slmi_web_reader>
      <readonly>1</readonly>
      <use_uncompressed_cache>0</use_uncompressed_cache>
      <!-- its tables are Distributed tables over this server: always send the query to the source
           user (reading them locally would check this user's rights on the project's database) -->
      <prefer_localhost_replica>0</prefer_localhost_replica>
      <!-- an IN subquery over a detail table runs on the source as the project's table -->
      <distributed_product_mode>local</distributed_product_mode>
      ${settingsXml(CUBE_QUERY_LIMITS)}
    </slmi_web_reader>
    <slmi_detail_source>
      <readonly>1</readonly>
      <use_uncompressed_cache>0</use_uncompressed_cache>
      ${settingsXml(CUBE_QUERY_LIMITS)}
    </slmi_detail_source>
    <slmi_web_writer>
      <allow_ddl>0</allow_ddl>
      <use_uncompressed_cache>0</use_uncompressed_cache>
      ${settingsXml(WEB_WRITER_LIMITS)}
    </slmi_web_writer>
  </profiles>
  <users>
${user('admin', 'default')}
${user('loader', 'default', dbs(database))}
${user('cube', 'slmi_cube', dbs(database, preAggregations, audit))}
${user('cubeBuild', 'slmi_cube_build', dbs(database, preAggregations))}
${user('webReader', 'slmi_web_reader', dbs(detailDatabase(database)))}
${account(DETAIL_SOURCE_USER, passwords.detailSource, 'slmi_detail_source', dbs(database))}
${user('webWriter', 'slmi_web_writer', dbs(audit))}
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

/** Writes a file only its owner may read (config.xml holds the detail source's password), also when it existed. */
function writeSecretFile(file: string, text: string): void {
	writeFileSync(file, text, { mode: 0o600 });
	chmodSync(file, 0o600);
}

/** True once the server has read users.xml and `who` can log in (it re-reads the file within seconds). */
async function canLogIn(httpPort: number, who: ClickHouseEndpoint): Promise<boolean> {
	try {
		const res = await fetch(`http://127.0.0.1:${httpPort}/?query=SELECT%201`, {
			headers: { 'X-ClickHouse-User': who.username, 'X-ClickHouse-Key': who.password },
			signal: AbortSignal.timeout(1000),
		});
		return res.ok;
	} catch {
		return false;
	}
}

/** True once the server has read the <remote_servers> of config.xml (it re-reads them within seconds). */
async function knowsDetailSource(httpPort: number, who: ClickHouseEndpoint): Promise<boolean> {
	try {
		const query = `SELECT count() FROM system.clusters WHERE cluster = '${DETAIL_SOURCE_CLUSTER}'`;
		const res = await fetch(`http://127.0.0.1:${httpPort}/?query=${encodeURIComponent(query)}`, {
			headers: { 'X-ClickHouse-User': who.username, 'X-ClickHouse-Key': who.password },
			signal: AbortSignal.timeout(1000),
		});
		return res.ok && Number((await res.text()).trim()) > 0;
	} catch {
		return false;
	}
}

async function ping(httpPort: number): Promise<boolean> {
	try {
		const res = await fetch(`http://127.0.0.1:${httpPort}/ping`, { signal: AbortSignal.timeout(1000) });
		return res.ok && (await res.text()).startsWith('Ok');
	} catch {
		return false;
	}
}

/** Whether a process with this pid exists (signal 0 checks without signalling). */
export function processAlive(pid: number): boolean {
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
	const passwords = options.passwords ?? localPasswords(options.stateDir);
	const database = options.database ?? 'slmi';
	const users = localUsers(`http://127.0.0.1:${options.httpPort}`, database, passwords);
	const endpoint = users.admin;

	const previous = readPid(pidFile);
	if (previous !== undefined && processAlive(previous) && (await ping(options.httpPort))) {
		log(`ClickHouse '${options.name}' already running (pid ${previous}) on ${endpoint.url}; reusing it.`);
		// Its users and clusters may predate this version (or the passwords changed): it re-reads
		// users.xml and the <remote_servers> of config.xml by itself.
		writeSecretFile(join(dir, 'config.xml'), serverConfigXml(dir, options, passwords.detailSource));
		writeSecretFile(join(dir, 'users.xml'), usersXml(passwords, database));
		const deadline = Date.now() + 15_000;
		while (!(await canLogIn(options.httpPort, endpoint)) || !(await knowsDetailSource(options.httpPort, endpoint))) {
			if (Date.now() > deadline)
				throw new Error(
					`ClickHouse '${options.name}' on ${endpoint.url} does not accept the admin user or lacks the cluster ${DETAIL_SOURCE_CLUSTER}`,
				);
			await new Promise((r) => setTimeout(r, 200));
		}
		return { endpoint, users, startedHere: false, stop: async () => {} };
	}
	if (await ping(options.httpPort)) {
		throw new Error(
			`Port ${options.httpPort} already answers as a ClickHouse server that this project did not start. ` +
				`Stop it, or set CLICKHOUSE_URL to use it.`,
		);
	}

	ensureDebianPackages([clickhousePackage], log);
	for (const sub of ['data', 'tmp', 'log', 'user_files', 'format_schemas']) mkdirSync(join(dir, sub), { recursive: true });
	writeSecretFile(join(dir, 'config.xml'), serverConfigXml(dir, options, passwords.detailSource));
	writeSecretFile(join(dir, 'users.xml'), usersXml(passwords, database));
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
		users,
		startedHere: true,
		stop: async () => {
			if (child.pid !== undefined) await stopPid(child.pid);
			rmSync(pidFile, { force: true });
		},
	};
}
