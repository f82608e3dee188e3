/**
 * The 1.6.39 ClickHouse driver, adapted to what Cube 0.33's orchestrator asks of it on
 * ClickHouse 18.16 (measured in a lab; see docs/architecture.md "Semantic layer"):
 * - the orchestrator sends DDL (CREATE TABLE … AS SELECT, DROP, RENAME) through query(), which
 *   asks ClickHouse for JSON and fails on the empty answer: those go through command();
 * - 18.16 has no data-skipping indexes, so `ALTER TABLE … ADD INDEX` is skipped — pre-aggregation
 *   tables are already sorted by their first index's columns, the index that matters;
 * - tableColumnTypes reads information_schema, which 18.16 lacks: read system.columns;
 * - two builds within one second got the same version timestamp and the older table kept
 *   winning: version timestamps are made strictly increasing.
 *
 * Least privilege (docs/access.md "ClickHouse users"): every query Cube sends runs with
 * `readonly=1` — ClickHouse then refuses any write, DDL, SET or table function (url, file, remote)
 * whatever SQL reaches it — as the read-only user `options.username`. Only the orchestrator's
 * pre-aggregation statements (CREATE/DROP/ALTER/RENAME/INSERT of a table in the pre-aggregations
 * schema, CREATE DATABASE of that schema) run without it, as the build user `options.build`.
 */
import { createRequire } from 'node:module';
import { type ClickHouseClient, ClickHouseLogLevel, createClient } from '@clickhouse/client';

// Cube's packages are CommonJS whose named exports Node's ESM loader cannot see; require() them.
const require = createRequire(import.meta.url);
const { ClickHouseDriver } = require('@cubejs-backend/clickhouse-driver') as typeof import('@cubejs-backend/clickhouse-driver');
type DriverOptions = ConstructorParameters<typeof ClickHouseDriver>[0];

// The same formatter the parent driver uses to inline `?` parameters.
const requireFromDriver = createRequire(require.resolve('@cubejs-backend/clickhouse-driver'));
const SqlString = requireFromDriver('sqlstring') as { format(sql: string, values: unknown[]): string };

const NO_RESULT_SET = /^\s*(CREATE|DROP|ALTER|INSERT|RENAME|TRUNCATE|OPTIMIZE|ATTACH|DETACH|KILL|SYSTEM)\b/i;
const ADD_INDEX = /^\s*ALTER\s+TABLE\s+\S+\s+ADD\s+INDEX\b/i;

/** Settings every query of Cube's carries (readonly=1: see the module comment). */
export const QUERY_SETTINGS = { readonly: '1' } as const;

/**
 * True for a statement the orchestrator sends to build or drop a pre-aggregation: one that only
 * creates or changes a table of `schema` (or creates that database). Anything else that is not a
 * query goes the read-only way and ClickHouse refuses it.
 */
export function isPreAggregationStatement(sql: string, schema: string): boolean {
	if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) return false;
	const target = `\`?${schema}\`?\\.`;
	return (
		new RegExp(
			`^\\s*(CREATE\\s+TABLE|DROP\\s+TABLE|ALTER\\s+TABLE|INSERT\\s+INTO|TRUNCATE\\s+TABLE)\\s+(IF\\s+(NOT\\s+)?EXISTS\\s+)?${target}`,
			'i',
		).test(sql) ||
		new RegExp(`^\\s*RENAME\\s+TABLE\\s+${target}\\S+\\s+TO\\s+${target}\\S+\\s*$`, 'i').test(sql) ||
		new RegExp(`^\\s*CREATE\\s+DATABASE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?\`?${schema}\`?\\s*$`, 'i').test(sql)
	);
}

export interface LegacyDriverOptions extends NonNullable<DriverOptions> {
	/** the schema (database) pre-aggregation tables live in: the only one the build path may change */
	preAggregationsSchema: string;
	/** the user pre-aggregations are built as (default: the query user) */
	build?: { username: string; password: string };
}

let lastVersionMs = 0;

/**
 * Version timestamp (ms) encoded in a pre-aggregation table name: Cube 0.33 names tables
 * `<name>_<content>_<structure>_<seconds in base 32>`.
 */
export function versionOfTableName(name: string): number | undefined {
	const match = /^.+_.+_.+_([0-9a-v]{6,7})$/.exec(name);
	if (!match?.[1]) return undefined;
	const seconds = Number.parseInt(match[1], 32);
	// 2020-01-01 .. 2100-01-01: anything else is not a version stamp.
	return seconds >= 1_577_836_800 && seconds < 4_102_444_800 ? seconds * 1000 : undefined;
}

/**
 * Continues version timestamps after the newest pre-aggregation table already built. A burst of
 * builds runs the counter seconds ahead of the clock; a restarted process starting from the
 * clock would name its next table older than the one it replaces, and Cube serves the newest.
 */
export function continueVersionsAfter(tableNames: readonly string[]): void {
	for (const name of tableNames) {
		const version = versionOfTableName(name);
		if (version !== undefined) lastVersionMs = Math.max(lastVersionMs, version);
	}
}

export class LegacyClickHouseDriver extends ClickHouseDriver {
	private readonly preAggregationsSchema: string;
	private readonly buildClient: ClickHouseClient;

	constructor(options: LegacyDriverOptions) {
		super(options);
		this.preAggregationsSchema = options.preAggregationsSchema;
		// The parent sends config.clickhouseSettings with every query (query, stream, download);
		// its own client was created with the object as it was, so command() stays without them.
		const config = (this as unknown as { config: { clickhouseSettings: Record<string, unknown>; url: string; requestTimeout: number } })
			.config;
		config.clickhouseSettings = { ...config.clickhouseSettings, ...QUERY_SETTINGS };
		this.buildClient = createClient({
			url: config.url,
			username: options.build?.username ?? options.username,
			password: options.build?.password ?? options.password,
			database: options.database,
			request_timeout: config.requestTimeout,
			compression: { request: false, response: false },
			log: { level: ClickHouseLogLevel.OFF },
		});
	}

	/** Pre-aggregation statements only (isPreAggregationStatement), as the build user. */
	override async command(query: string): Promise<void> {
		if (!isPreAggregationStatement(query, this.preAggregationsSchema)) {
			throw new Error('Refused: Cube may only create or drop tables of its pre-aggregations schema');
		}
		await this.buildClient.command({ query });
	}

	override async release(): Promise<void> {
		await super.release();
		await this.buildClient.close();
	}

	override nowTimestamp(): number {
		const now = Math.floor(Date.now() / 1000) * 1000;
		lastVersionMs = Math.max(now, lastVersionMs + 1000);
		return lastVersionMs;
	}

	override async tableColumnTypes(table: string): Promise<{ name: string; type: string }[]> {
		const [schema, name] = table.split('.');
		const rows = await super.query<{ name: string; type: string }>(
			'SELECT name, type FROM system.columns WHERE database = ? AND table = ?',
			[schema, name],
		);
		return rows.map((c) => ({ name: c.name, type: this.toGenericType(c.type) }));
	}

	override async query<R = unknown>(query: string, values: unknown[]): Promise<R[]> {
		if (NO_RESULT_SET.test(query) && isPreAggregationStatement(query, this.preAggregationsSchema)) {
			if (ADD_INDEX.test(query)) return [];
			await this.command(SqlString.format(query, values ?? []));
			return [];
		}
		// Everything else, whatever its text, runs read-only: ClickHouse refuses what is not a query.
		return super.query<R>(query, values);
	}
}
