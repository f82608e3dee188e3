/**
 * The web app's two ClickHouse users (docs/access.md "The web app's ClickHouse users"), on the
 * server WEB_CLICKHOUSE_URL:
 * - the reader (WEB_CLICKHOUSE_READER_USER / _PASSWORD / _DATABASE): the officer's detail data,
 *   read-only; on the project's own server it may use only the detail database, whose tables carry
 *   just the columns the detail path reads;
 * - the writer (WEB_CLICKHOUSE_WRITER_USER / _PASSWORD / _DATABASE): the audit of detail views and
 *   alert acknowledgements, and the minister's reading of the audit; it may use only the audit
 *   database, and only insert and read there.
 * Neither can write to, alter or drop a warehouse table. Without them the officer's pages answer 503
 * and acknowledging fails; nothing else changes.
 */
import { error } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { connect, type Warehouse } from '../../../../warehouse/src/client.ts';

export type WebUser = 'reader' | 'writer';

const connections = new Map<WebUser, Warehouse>();

/** The variables naming `who`'s credentials. */
export function webClickHouseEnv(who: WebUser): { user: string; password: string; database: string } {
	const prefix = `WEB_CLICKHOUSE_${who.toUpperCase()}`;
	return { user: `${prefix}_USER`, password: `${prefix}_PASSWORD`, database: `${prefix}_DATABASE` };
}

/** Whether the web has both of its users (WEB_CLICKHOUSE_URL and each user's name). */
export function webClickHouseConfigured(): boolean {
	return Boolean(env.WEB_CLICKHOUSE_URL && env.WEB_CLICKHOUSE_READER_USER && env.WEB_CLICKHOUSE_WRITER_USER);
}

/** The connection of the web's reader or writer; 503 when not configured. */
export function webClickHouse(who: WebUser): Warehouse {
	const open = connections.get(who);
	if (open) return open;
	const names = webClickHouseEnv(who);
	const url = env.WEB_CLICKHOUSE_URL;
	const username = env[names.user];
	if (!url || !username) error(503, `The web's ClickHouse ${who} is not configured (WEB_CLICKHOUSE_URL, ${names.user})`);
	const db = connect({ url, username, password: env[names.password] ?? '', database: env[names.database] ?? '' });
	connections.set(who, db);
	return db;
}
