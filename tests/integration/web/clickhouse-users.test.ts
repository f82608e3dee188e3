/**
 * The web app's two ClickHouse users (docs/access.md "The web app's ClickHouse users"), with the
 * credentials the test stack gave the web process, against the real ClickHouse 18.16: the detail
 * reader reads only the tables and columns the officer's detail path reads, and can change nothing;
 * the writer can only insert into (and read) the audit database. Every refusal is ClickHouse's own.
 * (Before, the web was given the loader's user: each refusal below was allowed.)
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { queryRows, type Warehouse } from '../../../warehouse/src/client.ts';
import { auditDatabase } from '../../../warehouse/src/endpoint.ts';
import { DETAIL_SOURCE_CLUSTER, DETAIL_TABLES, detailDatabase, ensureDetailDatabase } from '../../../warehouse/src/web-access.ts';
import { connections } from '../../support/connections.ts';

const users = inject('clickhouseUsers');
const given = inject('webClickHouse')!;
const { reader, writer } = given;
const { database } = users.admin;
const audit = auditDatabase(database);
const other = `webch_other_${randomBytes(3).toString('hex')}`;
// what the write, ALTER, TRUNCATE and DROP attempts aim at: a table of the admin's in each database
// the web's users could reach, so a regression that lets one through destroys no test data
const victim = `webch_victim_${randomBytes(3).toString('hex')}`;
const victims = [database, audit, detailDatabase(database)].map((db) => `${db}.${victim}`);
const marker = `webch-${randomBytes(4).toString('hex')}`;
let admin: Warehouse;
const { as, refusal, closeAll } = connections();

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
	for (const table of victims) {
		await admin.command({ query: `CREATE TABLE ${table} (x UInt8) ENGINE = MergeTree() ORDER BY x` });
		await admin.command({ query: `INSERT INTO ${table} VALUES (1)` });
	}
});
afterAll(async () => {
	await admin?.command({ query: `DROP DATABASE IF EXISTS ${other}` });
	for (const table of victims) await admin?.command({ query: `DROP TABLE IF EXISTS ${table}` });
	await admin?.command({ query: `ALTER TABLE ${audit}.alert_acks DELETE WHERE alert_id = '${marker}'` });
	await closeAll();
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
				`SELECT toString(sum(cityHash64(candidate_id, arrayStringConcat(named_countries, ',')))) AS h FROM ${from}`,
			);
		expect(await sum(db, 'agg_candidate_profile')).toEqual(await sum(admin, `${database}.agg_candidate_profile`));
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
		// the candidates' profiles have only the columns the path reads; their registrations none
		expect(await refusal(reader, 'SELECT regency_code, age, smk_major FROM agg_candidate_profile LIMIT 1')).toMatch(
			/Unknown identifier|Missing columns/,
		);
		expect(await refusal(reader, 'SELECT candidate_id FROM fct_candidates LIMIT 1')).toMatch(/doesn't exist|Unknown table/);
		expect(await refusal(reader, `SELECT * FROM ${audit}.audit_detail_views`)).toMatch(DENIED);
		expect(await refusal(reader, `SELECT * FROM ${other}.secret`)).toMatch(DENIED);
		// no way around it through table functions
		expect(await refusal(reader, `SELECT * FROM merge('${database}', '^fct_')`)).toMatch(READONLY);
		expect(await refusal(reader, `SELECT * FROM url('${users.admin.url}/ping', TSV, 'x String')`)).toMatch(READONLY);
		// nor by reading the Distributed tables' source locally (the setting that sends it to the source user)
		expect(await refusal(reader, 'SELECT count() FROM agg_candidate_profile SETTINGS prefer_localhost_replica = 1')).toMatch(READONLY);
	});

	it('cannot insert, alter, truncate or drop anything', async () => {
		const [inMain, inAudit, inDetail] = victims as [string, string, string];
		// LIMIT 0: were it allowed, nothing would be added
		expect(await refusal(reader, `INSERT INTO ${database}.fct_placements SELECT * FROM ${database}.fct_placements LIMIT 0`)).toMatch(
			/readonly|Access denied/i,
		);
		for (const sql of [
			`INSERT INTO ${inMain} VALUES (2)`,
			`INSERT INTO ${inAudit} VALUES (2)`,
			`INSERT INTO ${inDetail} VALUES (2)`,
			'INSERT INTO match_runs (run_id) SELECT run_id FROM match_runs LIMIT 0',
			...[inMain, inDetail, inAudit].flatMap((t) => [`ALTER TABLE ${t} DELETE WHERE 1`, `TRUNCATE TABLE ${t}`, `DROP TABLE ${t}`]),
			`CREATE TABLE ${database}.webch_probe (a UInt8) ENGINE = Memory`,
			`CREATE TABLE ${detailDatabase(database)}.webch_probe (a UInt8) ENGINE = Memory`,
		]) {
			expect(await refusal(reader, sql)).toMatch(/readonly|Access denied|Not enough privileges/i);
		}
		for (const table of victims) expect(await count(admin, table)).toBe(1);
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
		for (const sql of [
			`SELECT * FROM ${database}.fct_candidates LIMIT 1`,
			`SELECT * FROM ${database}.match_recommendations LIMIT 1`,
			`SELECT * FROM ${database}.alert_acks`,
			`INSERT INTO ${database}.fct_placements SELECT * FROM ${database}.fct_placements LIMIT 0`,
			`INSERT INTO ${victims[0]} VALUES (2)`,
			`INSERT INTO ${victims[2]} VALUES (2)`,
			`SELECT * FROM merge('${database}', '^fct_')`,
			`SELECT * FROM ${other}.secret`,
		]) {
			expect(await refusal(writer, sql)).toMatch(DENIED);
		}
		for (const sql of [
			...[victims[0], victims[2]].flatMap((t) => [`ALTER TABLE ${t} DELETE WHERE 1`, `TRUNCATE TABLE ${t}`, `DROP TABLE ${t}`]),
			`CREATE TABLE ${database}.webch_probe (a UInt8) ENGINE = Memory`,
		]) {
			expect(await refusal(writer, sql)).toMatch(/Access denied to database|DDL queries are prohibited|Not enough privileges/);
		}
		expect(await count(admin, victims[0]!)).toBe(1);
		expect(await count(admin, victims[2]!)).toBe(1);
	});

	it('cannot delete, alter, truncate or drop anything in the audit database, nor allow itself to', async () => {
		const table = victims[1]!;
		for (const sql of [
			`TRUNCATE TABLE ${table}`,
			`ALTER TABLE ${table} DELETE WHERE 1`,
			`ALTER TABLE ${table} UPDATE x = 0 WHERE 1`,
			`RENAME TABLE ${table} TO ${audit}.webch_gone`,
			`DETACH TABLE ${table}`,
			`OPTIMIZE TABLE ${table} FINAL`,
			`DROP TABLE ${table}`,
			`CREATE TABLE ${audit}.webch_probe (a UInt8) ENGINE = Memory`,
			'SET allow_ddl = 1',
		]) {
			expect(await refusal(writer, sql)).toMatch(NO_DDL);
		}
		expect(await count(admin, table)).toBe(1);
	});
});

// Last: making the detail tables again drops every table of the detail database the path does not
// read (this file's victim there too, which the tests above have used).
describe('the detail tables made again (every stack start)', () => {
	it('drop a detail table the path no longer reads, so the reader loses it', async () => {
		const detail = detailDatabase(database);
		await admin.command({
			query: `CREATE TABLE ${detail}.no_longer_read (candidate_id String) ENGINE = Distributed(${DETAIL_SOURCE_CLUSTER}, ${database}, fct_candidates)`,
		});
		expect(await count(as(reader), 'no_longer_read')).toBe(await count(admin, `${database}.fct_candidates`));
		await ensureDetailDatabase(admin, database);
		expect(await refusal(reader, 'SELECT count() FROM no_longer_read')).toMatch(/doesn't exist|Unknown table/);
		// the tables it reads are all still there
		for (const table of Object.keys(DETAIL_TABLES)) expect(await count(as(reader), table)).toBe(await count(admin, `${database}.${table}`));
	});
});
