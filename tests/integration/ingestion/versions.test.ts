/**
 * Batch identity and versions: a batch loaded twice changes nothing (facts, ops_batches,
 * ops_quarantine); a newer updated_at replaces a row, an older one is superseded, the same one
 * with the same values is unchanged, and the same one with other values is a conflict.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BatchReport, loadFiles } from '../../../warehouse/src/load/index.ts';
import { fixture, type Scratch, scratchWarehouse } from './support.ts';

let s: Scratch;

beforeAll(async () => {
	s = await scratchWarehouse('versions');
});
afterAll(async () => {
	await s?.drop();
});

async function snapshot(): Promise<Record<string, number>> {
	const tables = [
		'fct_job_order_lines',
		'fct_candidates',
		'fct_trainings',
		'fct_certifications',
		'fct_applications',
		'fct_placements',
		'ops_batches',
		'ops_quarantine',
	];
	const out: Record<string, number> = {};
	for (const t of tables) out[t] = await s.value(`SELECT count() FROM ${t}`);
	return out;
}

describe('reloading a batch', () => {
	it('skips every batch of a directory loaded before, and changes nothing', async () => {
		const hooks: number[] = [];
		const afterLoad = async (report: { totals: { inserted: number } }) => {
			hooks.push(report.totals.inserted);
		};
		const first = await loadFiles(s.db, [fixture('valid')], { afterLoad });
		expect(first.batches.every((b) => b.status === 'committed')).toBe(true);
		const before = await snapshot();
		const second = await loadFiles(s.db, [fixture('valid')], { afterLoad });
		// The hook runs after a load that changed facts, and only then.
		expect(hooks).toEqual([24]);
		expect(second.batches.map((b) => b.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped']);
		expect(second.batches[0]?.message).toMatch(/^already loaded at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, nothing changed$/);
		expect(second.totals.read).toBe(0);
		expect(await snapshot()).toEqual(before);
	});

	it('does not quarantine a batch’s rows again, nor record a rejected batch twice', async () => {
		const bad = fixture('malformed', 'job_order_lines-bad-values.csv');
		const empty = fixture('malformed', 'certifications-empty.csv');
		const first = await loadFiles(s.db, [bad, empty]);
		expect(first.batches.map((b) => b.status)).toEqual(['committed', 'rejected']);
		const before = await snapshot();
		const second = await loadFiles(s.db, [bad, empty]);
		expect(second.batches.map((b) => b.status)).toEqual(['skipped', 'rejected']);
		// The skipped batch still reports what it quarantined the first time.
		expect(second.batches[0]?.counts.quarantined).toBe(13);
		expect(second.batches[0]?.quarantine[0]?.reason).toBe("line 3, field issued_date: '2024-02-30' is not a valid date (YYYY-MM-DD)");
		expect(await snapshot()).toEqual(before);
	});
});

describe('versions of a key', () => {
	let batch: BatchReport;

	beforeAll(async () => {
		const report = await loadFiles(s.db, [fixture('versions', 'job_order_lines-v2.csv')]);
		batch = report.batches[0] as BatchReport;
	});

	it('counts an update, an unchanged resend, a conflict, a superseded row and an insert', () => {
		expect(batch.status).toBe('committed');
		expect(batch.counts).toEqual({ read: 5, inserted: 1, updated: 1, unchanged: 1, superseded: 1, quarantined: 1 });
	});

	it('explains the conflict with where the loaded version came from', async () => {
		const [valid] = await s.rows<{ batch_id: string }>(
			`SELECT batch_id FROM ops_batches WHERE entity = 'job_order_lines' AND source = '${fixture('valid', 'job_order_lines.csv')}' LIMIT 1`,
		);
		expect(batch.quarantine).toEqual([
			{
				line: 4,
				field: 'line_id',
				reason: `line 4, field line_id: conflicts with the row loaded from ${fixture('valid', 'job_order_lines.csv')} (batch ${valid?.batch_id.slice(0, 12)}…, line 4): same updated_at 2024-02-01T00:00:00Z but different values; send the change with a later updated_at`,
			},
		]);
	});

	it('keeps exactly one row per key, the newest version', async () => {
		expect(
			await s.rows(
				"SELECT line_id, count() AS n, any(slots) AS slots, any(toString(updated_at)) AS updated_at FROM fct_job_order_lines WHERE line_id IN ('L1', 'L2', 'L3', 'L4', 'L5') GROUP BY line_id ORDER BY line_id",
			),
		).toEqual([
			{ line_id: 'L1', n: '1', slots: 4, updated_at: '2024-03-01 00:00:00' },
			{ line_id: 'L2', n: '1', slots: 2, updated_at: '2024-01-10 09:30:00' },
			{ line_id: 'L3', n: '1', slots: 5, updated_at: '2024-02-01 00:00:00' },
			{ line_id: 'L4', n: '1', slots: 2, updated_at: '2024-02-15 12:00:00' },
			{ line_id: 'L5', n: '1', slots: 3, updated_at: '2024-03-02 00:00:00' },
		]);
		const [l1] = await s.rows<{ _batch_id: string; _line: string }>(
			"SELECT _batch_id, _line FROM fct_job_order_lines WHERE line_id = 'L1'",
		);
		expect(l1).toEqual({ _batch_id: batch.batchId, _line: '2' });
	});
});
