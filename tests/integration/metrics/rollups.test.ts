/**
 * refreshRollups against the real ClickHouse, on a scratch database: it builds every agg_* table
 * (even from empty facts), skips what has not changed, rebuilds a rollup whose definition or
 * inputs changed together with the rollups that read it, and leaves the previous tables in place
 * when a build fails.
 */
import { appendFileSync, cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, ensureDatabase, queryRows, type Warehouse } from '../../../warehouse/src/client.ts';
import { migrate } from '../../../warehouse/src/migrate.ts';
import { readRollups, refreshRollups, rollupsDir } from '../../../warehouse/src/rollups.ts';

const endpoint = { ...inject('clickhouse'), database: `slmi_rollups_${process.pid}` };
let db: Warehouse;
let dir: string;

const tables = async () =>
	(await queryRows<{ name: string }>(db, `SELECT name FROM system.tables WHERE database = currentDatabase() AND match(name, '^agg_')`))
		.map((t) => t.name)
		.sort();
const rebuilt = async () =>
	(await refreshRollups(db, () => {}, { dir }))
		.filter((r) => r.rebuilt)
		.map((r) => r.name)
		.sort();

/**
 * The rollups a refresh took up because their inputs changed: rebuilt, or — a partitioned rollup
 * none of whose partitions' inputs changed — kept as it was (rebuilt false, no partition rebuilt).
 */
const takenUp = async () =>
	(await refreshRollups(db, () => {}, { dir }))
		.filter((r) => r.rebuilt || r.partitionsRebuilt?.length === 0)
		.map((r) => r.name)
		.sort();

/** A rollup and every rollup that reads it, directly or not. */
function withDependents(name: string): string[] {
	const rollups = readRollups(dir);
	const out = new Set([name]);
	for (const r of rollups) if (r.dependsOn.some((dep) => out.has(dep))) out.add(r.name);
	return [...out].sort();
}

beforeAll(async () => {
	await ensureDatabase(endpoint);
	db = connect(endpoint);
	await migrate(db);
	dir = mkdtempSync(join(tmpdir(), 'slmi-rollups-'));
	cpSync(rollupsDir, dir, { recursive: true });
});

afterAll(async () => {
	await db.command({ query: `DROP DATABASE IF EXISTS ${endpoint.database}` });
	await db.close();
});

describe('refreshRollups', () => {
	it('builds every rollup, even from empty facts, and leaves no temporary table', async () => {
		const names = readRollups(dir)
			.map((r) => r.name)
			.sort();
		expect(await rebuilt()).toEqual(names);
		expect(await tables()).toEqual(names);
	});

	it('rebuilds nothing when nothing changed', async () => {
		expect(await rebuilt()).toEqual([]);
	});

	it('rebuilds a rollup whose definition changed, and the rollups that read it', async () => {
		appendFileSync(join(dir, 'agg_job_order_lines.sql'), '\n-- changed\n');
		const expected = withDependents('agg_job_order_lines');
		expect(expected.length).toBeGreaterThan(1);
		expect(await takenUp()).toEqual(expected);
	});

	it('rebuilds the rollups that read a fact table when its rows change', async () => {
		await db.insert({
			table: 'fct_placements',
			values: [
				{
					placement_id: 'P-test',
					candidate_id: 'C-test',
					line_id: 'L-test',
					departure_date: '2026-01-15',
					line_issued_date: '2025-12-01',
					days_to_fill: 45,
					_row_hash: 42,
				},
			],
			columns: ['placement_id', 'candidate_id', 'line_id', 'departure_date', 'line_issued_date', 'days_to_fill', '_row_hash'],
			format: 'JSONEachRow',
		});
		const readers = readRollups(dir).filter((r) => r.sources.includes('fct_placements'));
		const expected = [...new Set(readers.flatMap((r) => withDependents(r.name)))].sort();
		expect(await takenUp()).toEqual(expected);
		const [row] = await queryRows<{ n: string }>(db, `SELECT toString(sum(placements)) AS n FROM agg_fill_time`);
		expect(Number(row?.n)).toBe(1);
	});

	it('keeps the previous tables when a build fails, and says which rollup failed', async () => {
		const before = await queryRows<{ n: string }>(db, 'SELECT toString(count()) AS n FROM agg_quick_win_daily');
		writeFileSync(
			join(dir, 'agg_quick_win_daily.sql'),
			'CREATE TABLE agg_quick_win_daily (x UInt8) ENGINE = MergeTree() ORDER BY x;\nINSERT INTO agg_quick_win_daily SELECT no_such_column FROM fct_placements;\n',
		);
		await expect(refreshRollups(db, () => {}, { dir })).rejects.toThrow(/agg_quick_win_daily/);
		expect(await tables()).toEqual(
			readRollups(dir)
				.map((r) => r.name)
				.sort(),
		);
		const after = await queryRows<{ n: string }>(db, 'SELECT toString(count()) AS n FROM agg_quick_win_daily');
		expect(after).toEqual(before);
		const columns = await queryRows<{ name: string }>(
			db,
			`SELECT name FROM system.columns WHERE database = currentDatabase() AND table = 'agg_quick_win_daily'`,
		);
		expect(columns.map((c) => c.name)).toContain('medium_high_placements');
	});

	it('records every build in ops_rollups', async () => {
		const rows = await queryRows<{ rollup_name: string; builds: string }>(
			db,
			'SELECT rollup_name, toString(count()) AS builds FROM ops_rollups GROUP BY rollup_name',
		);
		expect(rows.length).toBe(readRollups(dir).length);
		expect(Number(rows.find((r) => r.rollup_name === 'agg_job_order_lines')?.builds)).toBeGreaterThanOrEqual(2);
	});
});

describe('a rollup built in buckets', () => {
	// The tiny data set, copied from the test stack's database into a scratch one.
	const source = inject('clickhouse');
	const scratch = { ...source, database: `slmi_buckets_${process.pid}` };
	let bucketsDb: Warehouse;

	beforeAll(async () => {
		await ensureDatabase(scratch);
		bucketsDb = connect(scratch);
		await migrate(bucketsDb);
		const copied = await queryRows<{ name: string }>(
			bucketsDb,
			`SELECT name FROM system.tables WHERE database = '${source.database}' AND match(name, '^(fct|dim)_')`,
		);
		for (const { name } of copied) {
			await bucketsDb.command({ query: `TRUNCATE TABLE ${name}` });
			await bucketsDb.command({ query: `INSERT INTO ${name} SELECT * FROM ${source.database}.${name}` });
		}
	});

	afterAll(async () => {
		await bucketsDb.command({ query: `DROP DATABASE IF EXISTS ${scratch.database}` });
		await bucketsDb.close();
	});

	const fingerprint = async (table: string) =>
		queryRows<{ n: string; h: string }>(bucketsDb, `SELECT toString(count()) AS n, toString(sum(cityHash64(*))) AS h FROM ${table}`);

	it('holds exactly the rows of the same rollup built in one query', async () => {
		const whole = await refreshRollups(bucketsDb, () => {}, { force: true });
		const profile = whole.find((r) => r.name === 'agg_candidate_profile');
		expect(profile?.buckets).toBe(1);
		expect(profile?.rows).toBeGreaterThan(1000);
		const before = { profile: await fingerprint('agg_candidate_profile'), state: await fingerprint('agg_candidate_state') };

		const split = await refreshRollups(bucketsDb, () => {}, { force: true, rowsPerBucket: 300 });
		expect(split.find((r) => r.name === 'agg_candidate_profile')?.buckets).toBe(Math.ceil((profile?.rows ?? 0) / 300));
		expect({ profile: await fingerprint('agg_candidate_profile'), state: await fingerprint('agg_candidate_state') }).toEqual(before);
		// against hangs only: two forced builds of every rollup, one in dozens of buckets, on a busy machine
	}, 600_000);
});
