/**
 * One way to talk to the warehouse: the official HTTP client, which works against both 18.16 and
 * current releases (query, JSONEachRow insert, command).
 */
import { type ClickHouseClient, ClickHouseLogLevel, createClient } from '@clickhouse/client';
import type { ClickHouseEndpoint } from './endpoint.ts';

export type Warehouse = ClickHouseClient;

export function connect(endpoint: ClickHouseEndpoint, options: { database?: boolean } = {}): Warehouse {
	return createClient({
		url: endpoint.url,
		username: endpoint.username,
		password: endpoint.password,
		// Creating the database needs a connection that does not name it yet.
		database: options.database === false ? 'default' : endpoint.database,
		request_timeout: 600_000,
		compression: { request: false, response: false },
		// The client warns about the long timeout on every connect and logs, with a stack, every
		// error we catch and report ourselves (e.g. a missing table during migration checks).
		log: { level: ClickHouseLogLevel.OFF },
	});
}

export async function ensureDatabase(endpoint: ClickHouseEndpoint): Promise<void> {
	if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(endpoint.database)) {
		throw new Error(`Database name '${endpoint.database}' must be a plain identifier`);
	}
	const admin = connect(endpoint, { database: false });
	try {
		await admin.command({ query: `CREATE DATABASE IF NOT EXISTS ${endpoint.database}` });
	} finally {
		await admin.close();
	}
}

/** Runs a SELECT and returns its rows. Quote values with sqlString(): 18.16 has no query parameters. */
export async function queryRows<T>(db: Warehouse, query: string): Promise<T[]> {
	const result = await db.query({ query, format: 'JSONEachRow' });
	return result.json<T>();
}
