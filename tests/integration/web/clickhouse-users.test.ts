/**
 * The web app's two ClickHouse users (docs/access.md "The web app's ClickHouse users"), with the
 * credentials the test stack gave the web process, against the real ClickHouse 18.16: the detail
 * reader reads only the tables and columns the officer's detail path reads, and can change nothing;
 * the writer can only insert into (and read) the audit database. Every refusal is ClickHouse's own.
 * (Before, the web was given the loader's user: each refusal below was allowed.)
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, queryRows, type Warehouse } from '../../../warehouse/src/client.ts';
import { auditDatabase, type ClickHouseEndpoint } from '../../../warehouse/src/endpoint.ts';
import { DETAIL_TABLES } from '../../../warehouse/src/web-access.ts';

const users = inject('clickhouseUsers');
const given = inject('webClickHouse')!;
const { reader, writer } = given;
const { database } = users.admin;
const audit = auditDatabase(database);
const other = `webch_other_${randomBytes(3).toString('hex')}`;
const marker = `webch-${randomBytes(4).toString('hex')}`;
const opened: Warehouse[] = [];
let admin: Warehouse;

function as(endpoint: ClickHouseEndpoint): Warehouse {
	const db = connect(endpoint);
	opened.push(db);
	return db;
}

/** The error ClickHouse answers `sql` with as `endpoint` (fails the test if it runs). */
async function refusal(endpoint: ClickHouseEndpoint, sql: string): Promise<string> {
	try {
		await as(endpoint).command({ query: sql });
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error(`${endpoint.username} was allowed: ${sql}`);
}

async function count(db: Warehouse, table: string): Promise<number> {
	const [row] = await queryRows<{ n: string }>(db, `SELECT toString(count()) AS n FROM ${table}`);
	return Number(row?.n);
}

const DENIED = /Access denied to database|Not enough privileges/;
const READONLY = /readonly|Not enough privileges/i;
const NO_DDL = /DDL queries are prohibited|Not enough privileges/;

beforeAll(async () => {
	admin = as(users.admin);
	await admin.command({ query: `CREATE DATABASE ${other}` });
	await admin.command({ query: `CREATE TABLE ${other}.secret (x String) ENGINE = Memory` });
	await admin.command({ query: `INSERT INTO ${other}.secret VALUES ('not for you')` });
});
afterAll(async () => {
	await admin?.command({ query: `DROP DATABASE IF EXISTS ${other}` });
	await admin?.command({ query: `ALTER TABLE ${audit}.alert_acks DELETE WHERE alert_id = '${marker}'` });
	for (const db of opened) await db.close();
});

describe('the web app is given two users of its own', () => {
	it('neither is the admin, the loader or Cube, and they differ', () => {
		const others = [users.admin, users.loader, users.cube, users.cubeBuild].map((u) => u.username);
		expect(others).not.toContain(reader.username);
		expect(others).not.toContain(writer.username);
		expect(reader.username).not.toBe(writer.username);
		expect(writer.database).toBe(audit);
	});
});

describe("the web's detail reader", () => {
	it('reads every table the detail path reads, the same rows as the warehouse', async () => {
		const db = as(reader);
		for (const table of Object.keys(DETAIL_TABLES)) {
			expect({ table, rows: await count(db, table) }).toEqual({ table, rows: await count(admin, `${database}.${table}`) });
		}
		// and the columns it reads, value for value (the candidates' own order of destinations)
		const sum = (db: Warehouse, from: string) =>
			queryRows<{ h: string }>(
				db,
				`SELECT toString(sum(cityHash64(candidate_id, arrayStringConcat(preferred_countries, ',')))) AS h FROM ${from}`,
			);
		expect(await sum(db, 'fct_candidates')).toEqual(await sum(admin, `${database}.fct_candidates`));
	});

	it('is refused person-level data the detail path does not read: other tables, other columns, the audit', async () => {
		for (const table of [
			'fct_placements',
			'fct_applications',
			'fct_candidates',
			'fct_certifications',
			'agg_candidate_profile',
			'ops_batches',
		]) {
			expect(await refusal(reader, `SELECT * FROM ${database}.${table} LIMIT 1`)).toMatch(DENIED);
		}
		// the candidates' table has only the three columns the path reads
		expect(await refusal(reader, 'SELECT regency_code, age, smk_major FROM fct_candidates LIMIT 1')).toMatch(
			/Unknown identifier|Missing columns/,
		);
		expect(await refusal(reader, `SELECT * FROM ${audit}.audit_detail_views`)).toMatch(DENIED);
		expect(await refusal(reader, `SELECT * FROM ${other}.secret`)).toMatch(DENIED);
		// no way around it through table functions
		expect(await refusal(reader, `SELECT * FROM merge('${database}', '^fct_')`)).toMatch(READONLY);
		expect(await refusal(reader, `SELECT * FROM url('${users.admin.url}/ping', TSV, 'x String')`)).toMatch(READONLY);
		// nor by reading the Distributed tables' source locally (the setting that sends it to the source user)
		expect(await refusal(reader, 'SELECT count() FROM fct_candidates SETTINGS prefer_localhost_replica = 1')).toMatch(READONLY);
	});

	it('cannot insert, alter, truncate or drop anything', async () => {
		const before = await count(admin, `${database}.fct_placements`);
		const runs = await count(admin, `${database}.match_runs`);
		expect(await refusal(reader, `INSERT INTO ${database}.fct_placements SELECT * FROM ${database}.fct_placements LIMIT 1`)).toMatch(
			/readonly|Access denied/i,
		);
		expect(await refusal(reader, "INSERT INTO match_runs (run_id) VALUES ('x')")).toMatch(READONLY);
		expect(await refusal(reader, `INSERT INTO ${audit}.audit_detail_views (view_id) VALUES ('x')`)).toMatch(/readonly|Access denied/i);
		for (const sql of [
			`DROP TABLE ${database}.fct_placements`,
			`TRUNCATE TABLE ${database}.fct_placements`,
			`ALTER TABLE ${database}.fct_candidates DELETE WHERE 1`,
			`DROP DATABASE ${database}`,
			'DROP TABLE match_runs',
			'TRUNCATE TABLE match_runs',
			'ALTER TABLE match_runs DELETE WHERE 1',
			`CREATE TABLE ${database}.webch_probe (a UInt8) ENGINE = Memory`,
		]) {
			expect(await refusal(reader, sql)).toMatch(/readonly|Access denied|Not enough privileges/i);
		}
		expect(await count(admin, `${database}.fct_placements`)).toBe(before);
		expect(await count(admin, `${database}.match_runs`)).toBe(runs);
	});
});

describe("the web's writer", () => {
	it('inserts acknowledgements and audit rows, and reads them back', async () => {
		const db = as(writer);
		await db.insert({
			table: 'alert_acks',
			values: [{ alert_id: marker, acknowledged_by: marker, role: 'director', acknowledged_at: '2026-01-01 00:00:00', acknowledged_ms: 1 }],
			format: 'JSONEachRow',
		});
		expect(await count(admin, `${audit}.alert_acks WHERE alert_id = '${marker}'`)).toBe(1);
		// Cube reads them through the view in the project's database
		expect(await count(admin, `${database}.alert_acks WHERE alert_id = '${marker}'`)).toBe(1);
		expect(await count(db, 'audit_detail_views')).toBe(await count(admin, `${audit}.audit_detail_views`));
	});

	it('is refused everything outside the audit database', async () => {
		const before = await count(admin, `${database}.fct_placements`);
		for (const sql of [
			`SELECT * FROM ${database}.fct_candidates LIMIT 1`,
			`SELECT * FROM ${database}.match_recommendations LIMIT 1`,
			`SELECT * FROM ${database}.alert_acks`,
			`INSERT INTO ${database}.fct_placements SELECT * FROM ${database}.fct_placements LIMIT 1`,
			`SELECT * FROM merge('${database}', '^fct_')`,
			`SELECT * FROM ${other}.secret`,
		]) {
			expect(await refusal(writer, sql)).toMatch(DENIED);
		}
		for (const sql of [
			`DROP TABLE ${database}.fct_placements`,
			`TRUNCATE TABLE ${database}.fct_placements`,
			`ALTER TABLE ${database}.fct_candidates DELETE WHERE 1`,
			`DROP DATABASE ${database}`,
			`CREATE TABLE ${database}.webch_probe (a UInt8) ENGINE = Memory`,
		]) {
			expect(await refusal(writer, sql)).toMatch(/Access denied to database|DDL queries are prohibited|Not enough privileges/);
		}
		expect(await count(admin, `${database}.fct_placements`)).toBe(before);
	});

	it('cannot delete, alter, truncate or drop the audit itself, nor allow itself to', async () => {
		const rows = await count(admin, `${audit}.audit_detail_views`);
		for (const sql of [
			'DROP TABLE audit_detail_views',
			'TRUNCATE TABLE audit_detail_views',
			'ALTER TABLE audit_detail_views DELETE WHERE 1',
			'RENAME TABLE audit_detail_views TO gone',
			'DETACH TABLE audit_detail_views',
			'CREATE TABLE webch_probe (a UInt8) ENGINE = Memory',
			`DROP DATABASE ${audit}`,
			'SET allow_ddl = 1',
		]) {
			expect(await refusal(writer, sql)).toMatch(NO_DDL);
		}
		expect(await count(admin, `${audit}.audit_detail_views`)).toBe(rows);
	});
});
