/**
 * The ClickHouse users of the project's own server (docs/access.md "ClickHouse users"), against
 * the test stack's real server: nobody gets in without a password; Cube's query user can only
 * read the project's database (and its pre-aggregations), within limits; whatever SQL reaches
 * Cube's driver through its query path runs read-only, so ClickHouse refuses writes, DDL and
 * table functions; only pre-aggregation tables are built; the loader is confined to its database.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LegacyClickHouseDriver, QUERY_SETTINGS } from '../../cube/src/legacy-clickhouse-driver.ts';
import { queryRows, type Warehouse } from '../../warehouse/src/client.ts';
import type { ClickHouseEndpoint } from '../../warehouse/src/endpoint.ts';
import { CUBE_QUERY_LIMITS } from '../../warehouse/src/local-server.ts';
import { connections } from '../support/connections.ts';

const users = inject('clickhouseUsers');
const { database } = users.admin;
const preAggregations = `${database}_pre_aggregations`;
const other = `whsec_other_${randomBytes(3).toString('hex')}`;
let admin: Warehouse;
const { as, refusal, closeAll } = connections();

async function count(db: Warehouse, table: string): Promise<number> {
	const [row] = await queryRows<{ n: string }>(db, `SELECT count() AS n FROM ${table}`);
	return Number(row?.n);
}

beforeAll(async () => {
	admin = as(users.admin);
	await admin.command({ query: `CREATE DATABASE ${other}` });
	await admin.command({ query: `CREATE TABLE ${other}.secret (x String) ENGINE = Memory` });
	await admin.command({ query: `INSERT INTO ${other}.secret VALUES ('not for you')` });
});
afterAll(async () => {
	await admin?.command({ query: `DROP DATABASE IF EXISTS ${other}` });
	await admin?.command({ query: `DROP TABLE IF EXISTS ${preAggregations}.whsec_probe` });
	await closeAll();
});

describe('who may log in', () => {
	it('refuses default without a password, an unknown user and a wrong password', async () => {
		const at = users.admin.url;
		expect(await refusal({ url: at, username: 'default', password: '', database }, 'SELECT 1')).toMatch(
			/Unknown user default|Authentication failed/,
		);
		expect(await refusal({ url: at, username: 'nobody', password: '', database }, 'SELECT 1')).toMatch(
			/Unknown user nobody|Authentication failed/,
		);
		expect(await refusal({ ...users.admin, password: 'wrong' }, 'SELECT 1')).toMatch(
			/Wrong password|Password required|Authentication failed/,
		);
		expect(await refusal({ ...users.cube, password: '' }, 'SELECT 1')).toMatch(/Wrong password|Password required|Authentication failed/);
	});

	it('gives every component its own user with a password', () => {
		const names = Object.values(users).map((u) => u.username);
		expect(new Set(names).size).toBe(names.length);
		expect(names.length).toBe(6);
		for (const u of Object.values(users)) expect(u.password.length).toBeGreaterThanOrEqual(32);
	});
});

describe("Cube's query user", () => {
	it('reads the project database but cannot write it, change it or drop it', async () => {
		const cube = as(users.cube);
		expect(await count(cube, 'fct_placements')).toBeGreaterThan(0);
		const before = await count(admin, 'fct_placements');
		expect(await refusal(users.cube, 'INSERT INTO fct_placements SELECT * FROM fct_placements LIMIT 1')).toMatch(/readonly/i);
		expect(await refusal(users.cube, 'ALTER TABLE fct_candidates DELETE WHERE 1')).toMatch(/readonly/i);
		expect(await refusal(users.cube, 'DROP TABLE fct_placements')).toMatch(/readonly/i);
		expect(await refusal(users.cube, `CREATE TABLE ${preAggregations}.whsec_probe (a UInt8) ENGINE = Memory`)).toMatch(/readonly/i);
		expect(await count(admin, 'fct_placements')).toBe(before);
	});

	it('cannot read other databases, reach out with table functions, or lift its limits', async () => {
		expect(await refusal(users.cube, `SELECT * FROM ${other}.secret`)).toMatch(/Access denied to database|Not enough privileges/);
		expect(await refusal(users.cube, `SELECT * FROM url('${users.admin.url}/ping', TSV, 'x String')`)).toMatch(/readonly/i);
		expect(await refusal(users.cube, "SELECT * FROM file('x.tsv', TSV, 'x String')")).toMatch(/readonly/i);
		expect(await refusal(users.cube, 'SET max_result_rows = 0')).toMatch(/readonly/i);
		expect(await refusal(users.cube, 'SELECT count() FROM fct_placements SETTINGS max_execution_time = 100000')).toMatch(/readonly/i);
		// 18.16 has no system.users (users live in users.xml); current releases refuse it without a grant.
		expect(await refusal(users.cube, 'SELECT * FROM system.users')).toMatch(/doesn't exist|Not enough privileges|UNKNOWN_TABLE/);
		const settings = await queryRows<{ name: string; value: string }>(
			as(users.cube),
			"SELECT name, value FROM system.settings WHERE name IN ('readonly', 'max_execution_time', 'max_result_rows', 'result_overflow_mode', 'max_rows_to_read', 'max_memory_usage') ORDER BY name",
		);
		expect(Object.fromEntries(settings.map((s) => [s.name, s.value]))).toEqual({
			readonly: '1',
			max_execution_time: String(CUBE_QUERY_LIMITS.max_execution_time),
			max_memory_usage: String(CUBE_QUERY_LIMITS.max_memory_usage),
			max_result_rows: String(CUBE_QUERY_LIMITS.max_result_rows),
			max_rows_to_read: String(CUBE_QUERY_LIMITS.max_rows_to_read),
			result_overflow_mode: CUBE_QUERY_LIMITS.result_overflow_mode,
		});
		expect(await refusal(users.cube, 'SELECT number FROM system.numbers LIMIT 2000000 FORMAT Null')).toMatch(/Limit for result exceeded/);
	});
});

describe("Cube's driver", () => {
	const drivers: LegacyClickHouseDriver[] = [];
	/** The driver as the Cube process builds it (cube/src/server.ts), with `query` as its query user. */
	function driver(query: ClickHouseEndpoint): LegacyClickHouseDriver {
		const url = new URL(query.url);
		const d = new LegacyClickHouseDriver({
			host: url.hostname,
			port: url.port,
			protocol: url.protocol,
			username: query.username,
			password: query.password,
			database: query.database,
			readOnly: true,
			preAggregationsSchema: preAggregations,
			build: { username: users.cubeBuild.username, password: users.cubeBuild.password },
		});
		drivers.push(d);
		return d;
	}
	afterAll(async () => {
		for (const d of drivers) await d.release();
	});

	const injected = [
		'ALTER TABLE fct_candidates DELETE WHERE 1',
		'DROP TABLE fct_placements',
		`DROP DATABASE ${preAggregations}`,
		'RENAME TABLE fct_placements TO fct_placements_gone',
		"SELECT * FROM url('http://127.0.0.1:1/', TSV, 'x String')",
	];

	it('runs what reaches its query path read-only: ClickHouse refuses writes, DDL and table functions', async () => {
		// As Cube's own user, and as a user that could write (one set of credentials on a ministry's
		// server): the per-query readonly=1 holds either way.
		for (const d of [driver(users.cube), driver(users.cubeBuild)]) {
			const before = await count(admin, 'fct_placements');
			for (const sql of injected) {
				await expect(d.query(sql, []), sql).rejects.toThrow(/readonly|Not enough privileges/i);
			}
			// The query path asks for JSON, which 18.16 cannot parse after INSERT … SELECT: refused as a
			// syntax error before the read-only check (which the settings below show it would meet).
			await expect(d.query('INSERT INTO fct_placements SELECT * FROM fct_placements LIMIT 1', [])).rejects.toThrow(
				/readonly|Not enough privileges|Syntax error/i,
			);
			expect(await count(admin, 'fct_placements')).toBe(before);
			expect(await d.query<{ n: string }>('SELECT count() AS n FROM fct_placements', [])).toEqual([{ n: String(before) }]);
		}
	});

	it('sends settings with which ClickHouse refuses an INSERT even from a user that may write', async () => {
		const writer = as(users.cubeBuild);
		await expect(
			writer.command({ query: 'INSERT INTO fct_placements SELECT * FROM fct_placements LIMIT 1', clickhouse_settings: QUERY_SETTINGS }),
		).rejects.toThrow(/Cannot insert into table in readonly mode|readonly/i);
	});

	it('builds and drops pre-aggregation tables, and only those', async () => {
		const d = driver(users.cube);
		await d.query(
			`CREATE TABLE ${preAggregations}.whsec_probe ENGINE = MergeTree() ORDER BY n AS SELECT count() AS n FROM fct_placements`,
			[],
		);
		expect(await count(admin, `${preAggregations}.whsec_probe`)).toBe(1);
		await d.dropTable(`${preAggregations}.whsec_probe`);
		expect(await count(admin, `system.tables WHERE database = '${preAggregations}' AND name = 'whsec_probe'`)).toBe(0);
		await expect(d.dropTable(`${database}.fct_placements`)).rejects.toThrow(
			/Refused: Cube may only create or drop tables of its pre-aggregations schema/,
		);
		expect(await count(admin, 'fct_placements')).toBeGreaterThan(0);
	});
});

describe("the loader's user", () => {
	it('works in the project database only', async () => {
		const loader = as(users.loader);
		expect(await count(loader, 'fct_placements')).toBeGreaterThan(0);
		expect(await refusal(users.loader, `SELECT * FROM ${other}.secret`)).toMatch(/Access denied to database|Not enough privileges/);
		expect(await refusal(users.loader, `DROP TABLE ${other}.secret`)).toMatch(/Access denied to database|Not enough privileges/);
		expect(await refusal(users.loader, `DROP DATABASE ${other}`)).toMatch(/Access denied to database|Not enough privileges/);
		expect(await refusal(users.loader, `CREATE DATABASE whsec_loader_${randomBytes(3).toString('hex')}`)).toMatch(
			/Access denied to database|Not enough privileges/,
		);
		expect(await refusal(users.loader, `SELECT count() FROM ${preAggregations}.whsec_nothing`)).toMatch(
			/Access denied to database|Not enough privileges/,
		);
		expect(await count(admin, `${other}.secret`)).toBe(1);
	});
});
