/**
 * The migration runner against the real ClickHouse: every migration is recorded once, a second
 * run applies nothing, and an edited landed migration is refused rather than silently re-run.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, ensureDatabase, queryRows, type Warehouse } from '../../warehouse/src/client.ts';
import { migrate, migrationsDir, readMigrations } from '../../warehouse/src/migrate.ts';
import { sqlString } from '../../warehouse/src/sql-literal.ts';

const endpoint = { ...inject('clickhouse'), database: `slmi_migrations_${process.pid}` };
let db: Warehouse;

beforeAll(async () => {
	await ensureDatabase(endpoint);
	db = connect(endpoint);
});

afterAll(async () => {
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
