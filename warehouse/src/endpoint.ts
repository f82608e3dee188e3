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
