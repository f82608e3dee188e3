/**
 * The migration runner against the real ClickHouse: every migration is recorded once, a second
 * run applies nothing, and an edited landed migration is refused rather than silently re-run.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, ensureDatabase, queryRows, type Warehouse } from '../../warehouse/src/client.ts';
import { auditDatabase } from '../../warehouse/src/endpoint.ts';
import { migrate, migrationSql, migrationsDir, readMigrations } from '../../warehouse/src/migrate.ts';
import { sqlString } from '../../warehouse/src/sql-literal.ts';
import { splitStatements } from '../../warehouse/src/sql-statements.ts';

const endpoint = { ...inject('clickhouse'), database: `slmi_migrations_${process.pid}` };
let db: Warehouse;

beforeAll(async () => {
	await ensureDatabase(endpoint);
	db = connect(endpoint);
});

afterAll(async () => {
	// the audit database first: the connection names the other
	await db.command({ query: `DROP DATABASE IF EXISTS ${auditDatabase(endpoint.database)}` });
	await db.command({ query: `DROP DATABASE IF EXISTS ${endpoint.database}` });
	await db.close();
});

describe('migrations', () => {
	it('apply every file once, in order, and record them', async () => {
		const applied = await migrate(db);
		expect(applied.length).toBe(readMigrations().length);
		const rows = await queryRows<{ version: number }>(db, 'SELECT version FROM ops_migrations ORDER BY version');
		expect(rows.map((r) => Number(r.version))).toEqual(readMigrations().map((m) => m.version));
		const [undated] = await queryRows<{ n: string }>(db, 'SELECT count() AS n FROM ops_migrations WHERE toYear(applied_at) < 2020');
		expect(Number(undated?.n), 'applied_at is recorded, not left at zero').toBe(0);
		const tables = await queryRows<{ name: string }>(db, `SELECT name FROM system.tables WHERE database = ${sqlString(endpoint.database)}`);
		expect(tables.map((t) => t.name)).toEqual(
			expect.arrayContaining(['fct_placements', 'fct_job_order_lines', 'dim_provinces', 'ops_batches']),
		);
	});

	it('apply nothing the second time', async () => {
		expect(await migrate(db)).toEqual([]);
		const [count] = await queryRows<{ c: string }>(db, 'SELECT count() AS c FROM ops_migrations');
		expect(Number(count?.c)).toBe(readMigrations().length);
	});

	it('refuse a landed migration that was edited', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'slmi-migrations-'));
		cpSync(migrationsDir, dir, { recursive: true });
		const first = readMigrations(dir)[0]!;
		writeFileSync(join(dir, `${String(first.version).padStart(4, '0')}_${first.name}.sql`), `${first.sql}\n-- edited\n`);
		await expect(migrate(db, () => {}, dir)).rejects.toThrow(/was edited after it was applied/);
	});
});

describe('migration 0016: what the web writes moves to the audit database', () => {
	const moved = { ...inject('clickhouse'), database: `slmi_mig16_${process.pid}` };
	const audit = auditDatabase(moved.database);
	let m: Warehouse;
	const rows = async (sql: string) => queryRows<Record<string, string>>(m, sql);
	const auditSql = `SELECT view_id, toString(viewed_at) AS at, username, role, province_code, subject, subject_id, found FROM ${audit}.audit_detail_views ORDER BY view_id`;
	const acksSql = (db: string) =>
		`SELECT alert_id, acknowledged_by, role, toString(acknowledged_at) AS at, toString(acknowledged_ms) AS ms FROM ${db}.alert_acks ORDER BY alert_id, acknowledged_ms`;

	beforeAll(async () => {
		await ensureDatabase(moved);
		m = connect(moved);
	});
	afterAll(async () => {
		await m.command({ query: `DROP DATABASE IF EXISTS ${audit}` });
		await m.command({ query: `DROP DATABASE IF EXISTS ${moved.database}` });
		await m.close();
	});

	it("keeps an existing installation's audit rows and acknowledgements, each once, also when run again", async () => {
		// an installation migrated before 0016, with an audit and acknowledgements
		const before = mkdtempSync(join(tmpdir(), 'slmi-migrations-'));
		cpSync(migrationsDir, before, { recursive: true });
		for (const later of readMigrations().filter((x) => x.version >= 16)) {
			rmSync(join(before, `${String(later.version).padStart(4, '0')}_${later.name}.sql`));
		}
		await migrate(m, () => {}, before);
		await m.command({
			query: `INSERT INTO audit_detail_views (view_id, viewed_at, username, role, province_code, subject, subject_id, found)
				VALUES ('v1', '2026-01-02 03:04:05', 'petugas-ntb', 'officer', '52', 'line', 'JL1', 1),
				('v2', '2026-01-02 03:04:06', 'petugas-jatim', 'officer', '35', 'candidate', 'C0000001', 0)`,
		});
		await m.command({
			query: `INSERT INTO alert_acks (alert_id, acknowledged_by, role, acknowledged_at, acknowledged_ms)
				VALUES ('a1', 'menteri', 'minister', '2026-01-03 00:00:00', 1767398400000), ('a1', 'direktur', 'director', '2026-01-04 00:00:00', 1767484800000)`,
		});
		const views = await rows(auditSql.replace(`${audit}.audit_detail_views`, 'audit_detail_views'));
		const acks = await rows(acksSql(moved.database));
		expect(views.length).toBe(2);
		expect(acks.length).toBe(2);

		// 0016 and every migration after it
		expect(await migrate(m)).toEqual(
			readMigrations()
				.filter((x) => x.version >= 16)
				.map((x) => `${String(x.version).padStart(4, '0')}_${x.name}`),
		);
		expect(await rows(auditSql)).toEqual(views);
		expect(await rows(acksSql(audit))).toEqual(acks);
		// the old audit table is gone; Cube reads acknowledgements through the view in its place
		const left = await rows(
			`SELECT name, engine FROM system.tables WHERE database = ${sqlString(moved.database)} AND name IN ('audit_detail_views', 'alert_acks')`,
		);
		expect(left).toEqual([{ name: 'alert_acks', engine: 'View' }]);
		expect(await rows(acksSql(moved.database))).toEqual(acks);

		// a run killed half-way runs every statement again: nothing is copied twice
		const m16 = readMigrations().find((x) => x.version === 16)!;
		for (const statement of splitStatements(migrationSql(m16.sql, moved.database))) await m.command({ query: statement });
		expect(await rows(auditSql)).toEqual(views);
		expect(await rows(acksSql(audit))).toEqual(acks);
		expect(await rows(acksSql(moved.database))).toEqual(acks);
		// and migrating again changes nothing
		expect(await migrate(m)).toEqual([]);
		expect(await rows(auditSql)).toEqual(views);
		expect(await rows(acksSql(audit))).toEqual(acks);
	});
});
