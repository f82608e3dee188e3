/**
 * The loader's connection to one warehouse database. Every statement it sends carries a query id
 * `slmi-load:<database>:<uuid>`, so a loader that takes over after one was killed can find and
 * stop whatever the dead one left running on the server (see lock.ts, publish.ts `recover`).
 * What runs beside loads rather than under the load lock — the after-load refresh and its lock,
 * the forecasts' lock, the ingest API's status reads — opens its session with a purpose of its
 * own (`slmi-refresh:…`, `slmi-derived:…`, `slmi-read:…`): a loader taking the lock stops only
 * loaders' statements. (Before, it also stopped those: a push landing while a refresh waited for
 * its lock killed the refresh's look at the lock, and the refresh failed and was retried.)
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { ClickHouseSettings } from '@clickhouse/client';
import { systemCatalogRows, type Warehouse } from '../client.ts';
import type { Cluster } from './cluster-target.ts';
import { ident, str } from './sql.ts';

export type Log = (line: string) => void;

/** What a session's statements are for: only `load` statements are stopped by a loader taking over. */
export type SessionPurpose = 'load' | 'refresh' | 'derived' | 'read';

/**
 * SLMI_LOAD_DEBUG=1 prints every statement with its duration (profiling a slow load). With
 * SLMI_LOAD_DEBUG_PID=<pid of a ClickHouse server on this host> it also prints the CPU seconds that
 * server spent meanwhile (/proc/<pid>/stat): the statement's own cost when nothing else runs on
 * that server (18.16 has no system.query_log unless its config enables one).
 */
const DEBUG = process.env.SLMI_LOAD_DEBUG === '1';
const DEBUG_PID = Number(process.env.SLMI_LOAD_DEBUG_PID ?? 0);
function serverCpu(): number {
	if (!DEBUG || !(DEBUG_PID > 0)) return 0;
	try {
		// Fields 14 and 15 (utime, stime) in clock ticks (100 a second on Linux), after the ')' that ends the command name.
		const after = readFileSync(`/proc/${DEBUG_PID}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
		return (Number(after[11]) + Number(after[12])) / 100;
	} catch {
		return 0;
	}
}
function debug(started: number, query: string, cpu0 = 0): void {
	if (!DEBUG) return;
	const cpu = DEBUG_PID > 0 ? `, server CPU ${(serverCpu() - cpu0).toFixed(2)} s` : '';
	process.stderr.write(`[sql ${((Date.now() - started) / 1000).toFixed(2)} s${cpu}] ${query.replace(/\s+/g, ' ').slice(0, 160)}\n`);
}

export class Session {
	private constructor(
		readonly db: Warehouse,
		readonly database: string,
		/** settings for INSERT … SELECT into partitioned facts (feature-detected, see open) */
		readonly publishSettings: ClickHouseSettings,
		/** set when loading into a sharded cluster through this node, its coordinator (cluster-target.ts) */
		readonly cluster?: Cluster,
		/** the query ids' prefix names it (queryPrefix) */
		readonly purpose: SessionPurpose = 'load',
	) {}

	static async open(db: Warehouse, cluster?: Cluster, purpose: SessionPurpose = 'load'): Promise<Session> {
		const [info] = await (await db.query({ query: 'SELECT currentDatabase() AS db', format: 'JSONEachRow' })).json<{ db: string }>();
		if (!info) throw new Error('Could not read the current database');
		// Current releases refuse an insert block that spans more than 100 partitions (months) unless
		// told otherwise; 18.16 has no such limit and does not know the setting.
		const [setting] = await (
			await db.query({
				query: "SELECT count() AS n FROM system.settings WHERE name = 'max_partitions_per_insert_block'",
				format: 'JSONEachRow',
			})
		).json<{ n: string | number }>();
		const publishSettings: ClickHouseSettings = Number(setting?.n) > 0 ? { max_partitions_per_insert_block: '0' } : {};
		// Into a Distributed table, an INSERT returns only once every shard holds its rows (else they
		// would wait in a queue on this node, unseen by the next plan and by a recovery's guard).
		if (cluster) publishSettings.insert_distributed_sync = 1;
		return new Session(db, ident(info.db), publishSettings, cluster, purpose);
	}

	get queryPrefix(): string {
		return `slmi-${this.purpose}:${this.database}:`;
	}

	private queryId(): string {
		return `${this.queryPrefix}${randomUUID()}`;
	}

	async command(query: string, settings: ClickHouseSettings = {}): Promise<void> {
		const t0 = Date.now();
		const cpu0 = serverCpu();
		await this.db.command({ query, query_id: this.queryId(), clickhouse_settings: settings });
		debug(t0, query, cpu0);
	}

	async rows<T>(query: string): Promise<T[]> {
		const t0 = Date.now();
		const cpu0 = serverCpu();
		const result = await this.db.query({ query, format: 'JSONEachRow', query_id: this.queryId() });
		const rows = await result.json<T>();
		debug(t0, query, cpu0);
		return rows;
	}

	/**
	 * JSONEachRow insert naming its columns: 18.16 fills a column missing from a JSON row with the
	 * type's zero, not its DEFAULT (ops_batches.at would read 0000-00-00); a column missing from
	 * the INSERT's column list does get its DEFAULT, on every version.
	 */
	async insertJson(table: string, values: readonly object[]): Promise<void> {
		const first = values[0];
		if (!first) return;
		await this.db.insert({
			table: ident(table),
			values: [...values],
			columns: Object.keys(first) as [string, ...string[]],
			format: 'JSONEachRow',
			query_id: this.queryId(),
		});
	}

	async insertTsv(table: string, stream: Readable): Promise<void> {
		const t0 = Date.now();
		const cpu0 = serverCpu();
		await this.db.insert({ table: ident(table), values: stream, format: 'TabSeparated', query_id: this.queryId() });
		debug(t0, `INSERT INTO ${table} FORMAT TabSeparated`, cpu0);
	}

	// Both read system.tables, which another loader's (or the refresh's) drop of any table fails on 18.16 (systemCatalogRows).
	async tableExists(table: string): Promise<boolean> {
		const [row] = await systemCatalogRows(() =>
			this.rows<{ n: string | number }>(
				`SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name = ${str(table)}`,
			),
		);
		return Number(row?.n) > 0;
	}

	async tables(like: string): Promise<string[]> {
		const rows = await systemCatalogRows(() =>
			this.rows<{ name: string }>(
				`SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE ${str(like)} ORDER BY name`,
			),
		);
		return rows.map((r) => r.name);
	}

	async dropTable(table: string): Promise<void> {
		await this.command(`DROP TABLE IF EXISTS ${ident(table)}`);
	}

	/**
	 * ALTER … DELETE is asynchronous on every version (18.16 has no mutations_sync): wait until the
	 * table has no unfinished mutation, so the next step reads the result.
	 */
	async waitForMutations(table: string, log?: Log): Promise<void> {
		const started = Date.now();
		let delay = 50;
		let told = 0;
		for (;;) {
			const [row] = await this.rows<{ n: string | number }>(
				`SELECT count() AS n FROM system.mutations WHERE database = currentDatabase() AND table = ${str(table)} AND is_done = 0`,
			);
			if (Number(row?.n) === 0) return;
			const waited = Date.now() - started;
			if (log && waited - told > 30_000) {
				told = waited;
				log(`  still waiting for ClickHouse to finish deleting replaced rows in ${table} (${Math.round(waited / 1000)} s)`);
			}
			await new Promise((r) => setTimeout(r, delay));
			delay = Math.min(delay * 2, 1000);
		}
	}

	/** Stops statements a killed loader left running against this database. */
	async killLeftoverQueries(): Promise<number> {
		const running = await this.rows<{ query_id: string }>(
			`SELECT query_id FROM system.processes WHERE startsWith(query_id, ${str(this.queryPrefix)}) AND query NOT LIKE '%system.processes%'`,
		);
		if (running.length === 0) return 0;
		await this.command(`KILL QUERY WHERE startsWith(query_id, ${str(this.queryPrefix)}) AND query NOT LIKE '%KILL QUERY%' SYNC`);
		return running.length;
	}
}
