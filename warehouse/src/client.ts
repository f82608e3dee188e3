/**
 * One way to talk to the warehouse: the official HTTP client, which works against both 18.16 and
 * current releases (query, JSONEachRow insert, command).
 */
import { type ClickHouseClient, ClickHouseLogLevel, type ClickHouseSettings, createClient } from '@clickhouse/client';
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

const withSettingsOf = new WeakMap<Warehouse, Map<string, Warehouse>>();

/**
 * The same client, with `settings` added to every query, command and insert it sends (a call's own
 * settings win). The same object for the same client and settings, so what is kept per client
 * (rollups.ts keeps its scans per client) stays found. The user must be allowed to change them
 * (not `readonly = 1`): the rollup refresh's users are, as they write.
 */
export function withSettings(db: Warehouse, settings: ClickHouseSettings): Warehouse {
	const key = JSON.stringify(settings);
	const known = withSettingsOf.get(db) ?? new Map<string, Warehouse>();
	withSettingsOf.set(db, known);
	const found = known.get(key);
	if (found) return found;
	const wrapped = new Proxy(db, {
		get(target, property) {
			const value = Reflect.get(target, property, target) as unknown;
			if (typeof value !== 'function') return value;
			if (property !== 'query' && property !== 'command' && property !== 'insert' && property !== 'exec') return value.bind(target);
			return (params: { clickhouse_settings?: ClickHouseSettings }) =>
				value.call(target, { ...params, clickhouse_settings: { ...settings, ...params.clickhouse_settings } });
		},
	});
	known.set(key, wrapped);
	return wrapped;
}

/** Runs a SELECT and returns its rows. Quote values with sqlString(): 18.16 has no query parameters. */
export async function queryRows<T>(db: Warehouse, query: string): Promise<T[]> {
	const result = await db.query({ query, format: 'JSONEachRow' });
	return result.json<T>();
}

/**
 * A read of `system.columns` or `system.tables` that survives another table of the database being
 * dropped meanwhile. ClickHouse 18.16 opens every table of the database for either, whatever the
 * WHERE says (`SELECT count() FROM system.tables WHERE name = 'ops_load_lock'` too: 1.5 % of such
 * reads failed while a loop created and dropped three staging tables), and fails
 * ("Code: 60 … Table slmi.stg_… doesn't exist") when one is dropped during the read — a loader's
 * staging table, the load lock, a rollup's `__old` — so the load lock's release and the refresh
 * failed now and then under sustained pushes (docs/ingestion.md §5). Current releases skip such a
 * table. Retried a few times, briefly; any other error is thrown at once.
 */
export async function systemCatalogRows<T>(read: () => Promise<T[]>, attempts = 8): Promise<T[]> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await read();
		} catch (error) {
			const message = (error as Error).message;
			if (attempt >= attempts || !/Code: 60\b|UNKNOWN_TABLE/.test(message) || !/doesn't exist/.test(message)) throw error;
			await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
		}
	}
}
