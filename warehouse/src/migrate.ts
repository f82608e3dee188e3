/**
 * Versioned migrations: `warehouse/migrations/NNNN_name.sql`, applied in order, each recorded in
 * `ops_migrations` with a checksum. A landed migration is never edited (a change is a new file),
 * so a checksum mismatch is an error, not something to re-apply. Statements are written to be
 * idempotent (IF NOT EXISTS), so a run killed half-way through a file is simply run again.
 * `{audit_database}` in a migration stands for the audit database of the database migrated
 * (`<db>_audit`, endpoint.ts auditDatabase): the tables the web app writes (migration 0016).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { queryRows, type Warehouse } from './client.ts';
import { auditDatabase } from './endpoint.ts';
import { sqlString } from './sql-literal.ts';
import { splitStatements } from './sql-statements.ts';

export const migrationsDir = fileURLToPath(new URL('../migrations/', import.meta.url));

export interface Migration {
	version: number;
	name: string;
	sql: string;
	checksum: string;
}

/** A migration's SQL for the database `database`: its placeholders filled in. */
export function migrationSql(sql: string, database: string): string {
	return sql.replaceAll('{audit_database}', auditDatabase(database));
}

/** `ALTER TABLE t ADD COLUMN c …` (one column): 18.16 knows no `IF NOT EXISTS` there. */
export const ADD_COLUMN = /^ALTER\s+TABLE\s+([a-z][a-z0-9_]*)\s+ADD\s+COLUMN\s+([a-z][a-z0-9_]*)\s+([\s\S]+)$/i;

/**
 * Whether `statement` adds a column the table already has: such a statement is skipped, so a
 * migration killed after its ALTER runs again (DESCRIBE, not system.columns: that opens every table
 * of the database and fails while another is dropped).
 */
async function columnExists(db: Warehouse, statement: string): Promise<boolean> {
	const add = ADD_COLUMN.exec(statement.trim());
	if (!add) return false;
	const columns = await queryRows<{ name: string }>(db, `DESCRIBE TABLE ${add[1]}`);
	return columns.some((c) => c.name === add[2]);
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export function readMigrations(dir: string = migrationsDir): Migration[] {
	const files = readdirSync(dir)
		.filter((f) => f.endsWith('.sql'))
		.sort();
	const migrations = files.map((file) => {
		const match = FILE_PATTERN.exec(file);
		if (!match) throw new Error(`Migration file name '${file}' must look like 0001_snake_case.sql`);
		const sql = readFileSync(`${dir}/${file}`, 'utf8');
		return {
			version: Number(match[1]),
			name: match[2] as string,
			sql,
			checksum: createHash('sha256').update(sql).digest('hex'),
		};
	});
	migrations.forEach((m, i) => {
		if (m.version !== i + 1)
			throw new Error(`Migrations must be numbered 0001, 0002, … without gaps; found ${m.version} at position ${i + 1}`);
	});
	return migrations;
}

interface AppliedRow {
	version: number;
	name: string;
	checksum: string;
}

export async function migrate(db: Warehouse, log: (line: string) => void = () => {}, dir: string = migrationsDir): Promise<string[]> {
	await db.command({
		query: `CREATE TABLE IF NOT EXISTS ops_migrations (
			version UInt32 COMMENT 'number in the file name',
			name String,
			checksum String COMMENT 'sha256 of the file as applied',
			applied_at DateTime DEFAULT now()
		) ENGINE = MergeTree() ORDER BY version`,
	});
	const applied = new Map(
		(await queryRows<AppliedRow>(db, 'SELECT version, name, checksum FROM ops_migrations')).map((r) => [Number(r.version), r]),
	);
	const [current] = await queryRows<{ db: string }>(db, 'SELECT currentDatabase() AS db');
	const database = String(current?.db);
	const done: string[] = [];
	for (const m of readMigrations(dir)) {
		const previous = applied.get(m.version);
		if (previous) {
			if (previous.checksum !== m.checksum) {
				throw new Error(
					`Migration ${m.version} (${m.name}) was edited after it was applied. Landed migrations are never edited: revert it and add a new migration.`,
				);
			}
			continue;
		}
		for (const statement of splitStatements(migrationSql(m.sql, database))) {
			try {
				if (await columnExists(db, statement)) continue;
				await db.command({ query: statement });
			} catch (error) {
				throw new Error(`Migration ${m.version} (${m.name}) failed on:\n${statement.slice(0, 300)}\n${(error as Error).message}`);
			}
		}
		// Columns named and applied_at given: 18.16 fills a column missing from the inserted row
		// with zero, not with its DEFAULT.
		await db.command({
			query: `INSERT INTO ops_migrations (version, name, checksum, applied_at) VALUES (${m.version}, ${sqlString(m.name)}, ${sqlString(m.checksum)}, now())`,
		});
		done.push(`${String(m.version).padStart(4, '0')}_${m.name}`);
		log(`  migration ${String(m.version).padStart(4, '0')}_${m.name} applied`);
	}
	return done;
}
