/**
 * Where the warehouse lives. With CLICKHOUSE_URL the project uses that server and starts nothing;
 * without it, the project runs its own (see local-server.ts).
 */
export interface ClickHouseEndpoint {
	url: string;
	username: string;
	password: string;
	database: string;
}

/**
 * The components that talk to ClickHouse, each as its own user (docs/access.md "ClickHouse users").
 * webReader: the web app's audited detail path, read-only; webWriter: the web app's writes (the audit
 * of detail views, alert acknowledgements), confined to the audit database (auditDatabase()).
 */
export type UserRole = 'admin' | 'loader' | 'cube' | 'cubeBuild' | 'webReader' | 'webWriter';

/** The users the project's own server has (local-server.ts); on a ministry's server, any names. */
export const USER_NAMES: Record<UserRole, string> = {
	admin: 'slmi_admin',
	loader: 'slmi_loader',
	cube: 'slmi_cube',
	cubeBuild: 'slmi_cube_build',
	webReader: 'slmi_web_reader',
	webWriter: 'slmi_web_writer',
};

/**
 * The database of what the web app writes (audit_detail_views, alert_acks; migration 0016): the
 * only one its writer user may use, so no credential the web holds can write to or drop a
 * warehouse table.
 */
export function auditDatabase(database: string): string {
	return `${database}_audit`;
}

export type ClickHouseUsers = Record<UserRole, ClickHouseEndpoint>;

/**
 * Which variables name each component's credentials on a ministry's server; a component whose
 * variables are absent uses CLICKHOUSE_USER / CLICKHOUSE_PASSWORD (the admin's), except Cube's
 * builds, which use Cube's user when that is given.
 */
export const USER_ENV: Record<Exclude<UserRole, 'admin'>, { user: string; password: string }> = {
	loader: { user: 'CLICKHOUSE_LOADER_USER', password: 'CLICKHOUSE_LOADER_PASSWORD' },
	cube: { user: 'CLICKHOUSE_CUBE_USER', password: 'CLICKHOUSE_CUBE_PASSWORD' },
	cubeBuild: { user: 'CLICKHOUSE_CUBE_BUILD_USER', password: 'CLICKHOUSE_CUBE_BUILD_PASSWORD' },
	webReader: { user: 'CLICKHOUSE_WEB_READER_USER', password: 'CLICKHOUSE_WEB_READER_PASSWORD' },
	webWriter: { user: 'CLICKHOUSE_WEB_WRITER_USER', password: 'CLICKHOUSE_WEB_WRITER_PASSWORD' },
};

/**
 * Every component's endpoint on the server CLICKHOUSE_URL names (undefined without it), and which
 * components fell back to the admin's credentials (least privilege is then not in force for them).
 */
export function usersFromEnv(env: NodeJS.ProcessEnv = process.env): { users: ClickHouseUsers; shared: UserRole[] } | undefined {
	const admin = endpointFromEnv(env);
	if (!admin) return undefined;
	const shared: UserRole[] = [];
	const own = (role: Exclude<UserRole, 'admin'>, fallback: ClickHouseEndpoint): ClickHouseEndpoint => {
		const names = USER_ENV[role];
		const user = env[names.user]?.trim();
		if (!user) {
			if (fallback === admin) shared.push(role);
			return fallback;
		}
		return { ...admin, username: user, password: env[names.password] ?? '' };
	};
	const cube = own('cube', admin);
	const loader = own('loader', admin);
	// the web's writer writes only in the audit database
	const webWriter = { ...own('webWriter', admin), database: auditDatabase(admin.database) };
	// On a current release one Cube user with GRANTs can do both (docs/access.md).
	return { users: { admin, loader, cube, cubeBuild: own('cubeBuild', cube), webReader: own('webReader', admin), webWriter }, shared };
}

/**
 * The warehouse a command line works on: CLICKHOUSE_URL (and the other CLICKHOUSE_* variables) of
 * `env`, with `--url` / `--database` given on the command line taking their place. A missing or bad
 * address is reported on stderr for the user and gives undefined (the command exits with 2).
 */
export function endpointForCommand(
	env: NodeJS.ProcessEnv,
	given: { url?: string | undefined; database?: string | undefined },
): ClickHouseEndpoint | undefined {
	const merged = { ...env };
	if (given.url) merged.CLICKHOUSE_URL = given.url;
	if (given.database) merged.CLICKHOUSE_DATABASE = given.database;
	let endpoint: ClickHouseEndpoint | undefined;
	try {
		endpoint = endpointFromEnv(merged);
	} catch (error) {
		console.error((error as Error).message);
		return undefined;
	}
	if (!endpoint) console.error('No warehouse: set CLICKHOUSE_URL (e.g. http://127.0.0.1:8123) or pass --url.');
	return endpoint;
}

export function endpointFromEnv(env: NodeJS.ProcessEnv = process.env): ClickHouseEndpoint | undefined {
	const url = env.CLICKHOUSE_URL?.trim();
	if (!url) return undefined;
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new Error(`CLICKHOUSE_URL is not a URL: '${url}' (expected e.g. http://127.0.0.1:8123)`);
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new Error(`CLICKHOUSE_URL must use http or https (the HTTP interface), got '${parsed.protocol}'`);
	}
	return {
		url: `${parsed.protocol}//${parsed.host}`,
		username: env.CLICKHOUSE_USER ?? 'default',
		password: env.CLICKHOUSE_PASSWORD ?? '',
		database: env.CLICKHOUSE_DATABASE ?? 'slmi',
	};
}
