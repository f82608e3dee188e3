/**
 * Every malformed-input case the loader must handle, each with the exact quarantine entry (line,
 * field, reason) it must produce, against a real ClickHouse. The valid fixture set is loaded
 * first so that reference checks have something to resolve against.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BatchReport, loadFiles } from '../../../warehouse/src/load/index.ts';
import { fixture, type Scratch, scratchWarehouse, tempDir } from './support.ts';

let s: Scratch;

beforeAll(async () => {
	s = await scratchWarehouse('malformed');
	const report = await loadFiles(s.db, [fixture('valid')]);
	expect(report.ok).toBe(true);
});
afterAll(async () => {
	await s?.drop();
});

async function load(path: string): Promise<BatchReport> {
	const report = await loadFiles(s.db, [path]);
	expect(report.batches).toHaveLength(1);
	return report.batches[0] as BatchReport;
}

async function quarantine(batch: BatchReport): Promise<{ line: number; field: string; reason: string }[]> {
	const rows = await s.rows<{ line: string; field: string; reason: string }>(
		`SELECT line, field, reason FROM ops_quarantine WHERE batch_id = '${batch.batchId}' ORDER BY line, field`,
	);
	return rows.map((r) => ({ line: Number(r.line), field: r.field, reason: r.reason }));
}

describe('field checks and row rules (job-order lines)', () => {
	it('quarantines each bad row with a reason a clerk can act on, and loads the good one', async () => {
		const batch = await load(fixture('malformed', 'job_order_lines-bad-values.csv'));
		expect(batch.status).toBe('committed');
		expect(batch.counts).toMatchObject({ read: 14, inserted: 1, quarantined: 13 });
		expect(await quarantine(batch)).toEqual([
			{ line: 3, field: 'issued_date', reason: "line 3, field issued_date: '2024-02-30' is not a valid date (YYYY-MM-DD)" },
			{
				line: 4,
				field: 'country_iso2',
				reason: "line 4, field country_iso2: 'XX' is not a known country code (ISO 3166-1 alpha-2, e.g. 'KR')",
			},
			{
				line: 5,
				field: 'occupation_isco4',
				reason:
					"line 5, field occupation_isco4: '9999' is not a known occupation code (KBJI 2014 / ISCO-08, 4 digits, from the SLMI list, e.g. '5322')",
			},
			{ line: 6, field: 'slots', reason: "line 6, field slots: '-3' is below the minimum 1" },
			{ line: 7, field: 'slots', reason: "line 7, field slots: 'ten' is not a whole number" },
			{ line: 8, field: 'expiry_date', reason: 'line 8, field expiry_date: expiry_date 2024-02-01 is before issued_date 2024-03-01' },
			{ line: 9, field: 'wage_max', reason: 'line 9, field wage_max: wage_max 1000 is less than wage_min 2000' },
			{ line: 10, field: 'status_date', reason: "line 10, field status_date: is required when status is 'closed'" },
			{
				line: 11,
				field: 'required_language_level',
				reason: 'line 11, field required_language_level: is given but required_language is empty; give both or neither',
			},
			{ line: 12, field: 'age_max', reason: 'line 12, field age_max: age_max 30 is less than age_min 40' },
			{ line: 13, field: 'expiry_date', reason: "line 13, field expiry_date: '2024-13-01' is not a valid date (YYYY-MM-DD)" },
			{ line: 13, field: 'sector', reason: "line 13, field sector: 'mining' is not a known sector code (e.g. 'manufacturing')" },
			{
				line: 14,
				field: 'country_iso2',
				reason: "line 14, field country_iso2: 'kr' is not a known country code (ISO 3166-1 alpha-2) — did you mean 'KR'?",
			},
			{ line: 15, field: 'agency_code', reason: 'line 15, field agency_code: must be empty for scheme G2G' },
		]);
		expect(await s.value("SELECT count() FROM fct_job_order_lines WHERE line_id LIKE 'L1_' OR line_id LIKE 'L2_'")).toBe(1);
	});

	it('keeps the raw line with each quarantined row', async () => {
		const [row] = await s.rows<{ raw: string; source: string }>(
			"SELECT raw, source FROM ops_quarantine WHERE reason LIKE 'line 6, field slots%'",
		);
		expect(row?.raw).toBe(
			'L14,JO10,2024-03-01T00:00:00Z,2024-03-01,2024-12-31,open,,siskop2mi,P2P,JP,EMP-1,P3MI-0001,health_care,5322,-3,1000,2000,JPY,,,,sma,0,any,18,40',
		);
		expect(row?.source).toBe(fixture('malformed', 'job_order_lines-bad-values.csv'));
	});
});

describe('field checks and row rules (candidates)', () => {
	it('checks codes, lists, ranges, enums, date-times and that the regency lies in the province', async () => {
		const batch = await load(fixture('malformed', 'candidates-bad-values.csv'));
		expect(batch.counts).toMatchObject({ read: 10, inserted: 1, quarantined: 9 });
		expect((await quarantine(batch)).map((q) => q.reason)).toEqual([
			'line 2, field regency_code: regency 32.12 (Indramayu) lies in province 32, not in province_code 33',
			"line 3, field province_code: '99' is not a known province code (Kemendagri, 11–96, e.g. '32')",
			"line 4, field smk_major: is given but education is 'sma', not 'smk'",
			"line 5, field preferred_countries: 'XX' is not a known country code (ISO 3166-1 alpha-2, e.g. 'KR')",
			"line 6, field preferred_countries: 'JP;KR;TW;HK' lists 4 codes; at most 3 are allowed",
			"line 7, field age: '15' is below the minimum 17",
			"line 8, field gender: 'X' is not one of: F, M",
			"line 9, field updated_at: '2024-03-01' is not a valid date-time (YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD HH:MM:SS, in UTC)",
			"line 10, field language_level: '7' is above the maximum 6",
		]);
	});
});

describe('encoding and file shape', () => {
	it('quarantines only the line with invalid UTF-8', async () => {
		const batch = await load(fixture('malformed', 'candidates-latin1.csv'));
		expect(batch.counts).toMatchObject({ read: 3, inserted: 2, quarantined: 1 });
		expect(await quarantine(batch)).toEqual([
			{ line: 3, field: '', reason: 'line 3 is not valid UTF-8 (byte 0xE9 at byte 3 of the line); save the file as UTF-8' },
		]);
	});

	it('reports a last line cut off mid-record (missing fields at end of file)', async () => {
		const batch = await load(fixture('malformed', 'applications-truncated.csv'));
		expect(batch.counts).toMatchObject({ read: 2, inserted: 1, quarantined: 1 });
		expect(await quarantine(batch)).toEqual([
			{
				line: 3,
				field: '',
				reason: 'line 3: has 4 fields, but the header has 8 columns — the last line has no line break: is the file cut off?',
			},
		]);
	});

	it('reports a last line with an unterminated quote', async () => {
		const batch = await load(fixture('malformed', 'applications-unterminated.csv'));
		expect(batch.counts).toMatchObject({ read: 2, inserted: 1, quarantined: 1 });
		expect(await quarantine(batch)).toEqual([
			{
				line: 3,
				field: '',
				reason: 'line 3: the file ends inside a quoted field — a quote (") opened in this record is never closed (is the file cut off?)',
			},
		]);
	});

	it('rejects an empty CSV file as a whole (no header), and an empty NDJSON file', async () => {
		const csv = await load(fixture('malformed', 'certifications-empty.csv'));
		expect(csv.status).toBe('rejected');
		expect(csv.message).toBe('file is empty (no header row)');
		expect(await quarantine(csv)).toEqual([{ line: 0, field: '', reason: 'file is empty (no header row)' }]);
		const ndjson = await load(fixture('malformed', 'trainings-empty.ndjson'));
		expect(ndjson.status).toBe('rejected');
		expect(ndjson.message).toBe('file is empty (no JSON objects)');
		const [state] = await s.rows<{ state: string; message: string }>(
			`SELECT state, message FROM ops_batches WHERE batch_id = '${csv.batchId}' AND entity = 'certifications'`,
		);
		expect(state).toEqual({ state: 'failed', message: 'rejected: file is empty (no header row)' });
	});

	it('rejects a file whose header names an unknown column or lacks a required one, naming line 1', async () => {
		const unknown = await load(fixture('malformed', 'placements-unknown-column.csv'));
		expect(unknown.status).toBe('rejected');
		expect(unknown.message).toBe(
			"line 1 (the header): unknown column 'wage_currency_note'; a placements file has the columns placement_id, candidate_id, line_id, updated_at, departure_date, wage, contract_months",
		);
		const missing = await load(fixture('malformed', 'placements-missing-column.csv'));
		expect(missing.status).toBe('rejected');
		expect(await quarantine(missing)).toEqual([
			{ line: 1, field: 'wage', reason: "line 1 (the header): required column 'wage' is missing" },
		]);
		expect(await s.value("SELECT count() FROM fct_placements WHERE placement_id = 'P10'")).toBe(0);
	});

	it('reads a BOM, CRLF line ends and quoted fields', async () => {
		const batch = await load(fixture('malformed', 'certifications-bom-crlf.csv'));
		expect(batch.counts).toMatchObject({ read: 2, inserted: 2, quarantined: 0 });
		expect(
			await s.rows(
				"SELECT certification_id, scheme_code, result FROM fct_certifications WHERE certification_id IN ('X10', 'X11') ORDER BY certification_id",
			),
		).toEqual([
			{ certification_id: 'X10', scheme_code: 'caregiver', result: 'passed' },
			{ certification_id: 'X11', scheme_code: 'domestic_worker', result: 'failed' },
		]);
	});

	it('quarantines a field longer than 4,096 characters, and a 2 MB line without holding it', async () => {
		// C42's line: 54 characters, 2 MiB of 'y', 10 characters = 2,097,216 bytes.
		const dir = tempDir('huge');
		const header =
			'candidate_id,updated_at,registered_date,province_code,regency_code,gender,age,education,smk_major,preferred_occupation_isco4,preferred_countries,language_code,language_level,experience_years';
		const row = (id: string, major = '') => `${id},2024-03-01T00:00:00Z,2024-01-01,32,32.12,F,25,smk,${major},5322,,,,0`;
		const path = join(dir, 'candidates-huge.csv');
		writeFileSync(
			path,
			[header, row('C40'), row('C41', 'x'.repeat(5000)), row('C42', 'y'.repeat(2 * 1024 * 1024)), row('C43'), ''].join('\n'),
		);
		const batch = await load(path);
		expect(batch.counts).toMatchObject({ read: 4, inserted: 2, quarantined: 2 });
		const q = await quarantine(batch);
		expect(q.map(({ line, field, reason }) => ({ line, field, reason }))).toEqual([
			{ line: 3, field: 'smk_major', reason: 'line 3, field smk_major: field too long: 5,000 characters (the limit is 4,096)' },
			{ line: 4, field: '', reason: 'line 4 is 2,097,216 bytes long; lines longer than 1,048,576 bytes are not read' },
		]);
		const [raw] = await s.rows<{ n: string }>(`SELECT max(length(raw)) AS n FROM ops_quarantine WHERE batch_id = '${batch.batchId}'`);
		expect(Number(raw?.n)).toBe(2000);
	});
});

describe('NDJSON', () => {
	it('quarantines invalid JSON, non-objects, unknown fields, wrong types, rule violations and unknown references', async () => {
		const batch = await load(fixture('malformed', 'trainings-bad.ndjson'));
		expect(batch.counts).toMatchObject({ read: 9, inserted: 2, quarantined: 7 });
		const q = await quarantine(batch);
		expect(q[0]?.line).toBe(2);
		expect(q[0]?.reason).toMatch(/^line 2 is not valid JSON: /);
		expect(q.slice(1)).toEqual([
			{ line: 3, field: '', reason: 'line 3 is not a JSON object ({"field": value, …})' },
			{
				line: 4,
				field: 'teacher',
				reason: "line 4, field teacher: unknown field 'teacher'; see docs/ingestion.md for the fields of this entity",
			},
			{ line: 5, field: 'language_level', reason: "line 5, field language_level: 'two' is not a whole number" },
			{ line: 6, field: 'language_code', reason: 'line 6, field language_code: is required for a language training' },
			{ line: 7, field: 'end_date', reason: 'line 7, field end_date: end_date 2024-02-01 is before start_date 2024-02-20' },
			{
				line: 8,
				field: 'candidate_id',
				reason:
					"line 8, field candidate_id: unknown candidate 'C99': no such candidate_id in the warehouse; load the candidates file that registers it first",
			},
		]);
	});
});

describe('references, dates against references, slots and duplicates (placements)', () => {
	it('quarantines what does not resolve or does not fit, and loads the rest', async () => {
		const batch = await load(fixture('malformed', 'placements-references.csv'));
		expect(batch.counts).toMatchObject({ read: 9, inserted: 2, quarantined: 7 });
		expect(await quarantine(batch)).toEqual([
			{
				line: 3,
				field: 'line_id',
				reason:
					"line 3, field line_id: unknown job-order line 'L99': no such line_id in the warehouse; load its job_order_lines file first",
			},
			{
				line: 4,
				field: 'candidate_id',
				reason:
					"line 4, field candidate_id: unknown candidate 'C99': no such candidate_id in the warehouse; load the candidates file that registers it first",
			},
			{
				line: 5,
				field: 'departure_date',
				reason: "line 5, field departure_date: departure date 2024-02-01 is before the job-order line's issued_date 2024-02-15",
			},
			{
				line: 6,
				field: 'departure_date',
				reason: "line 6, field departure_date: departure date 2024-01-10 is before the candidate's registered_date 2024-01-20",
			},
			{
				line: 7,
				field: 'line_id',
				reason:
					"line 7, field line_id: job-order line 'L2' has 2 slots; this placement (departing 2024-04-25) would be number 3 (1 loaded before this file; the file's own placements count in order of departure)",
			},
			{ line: 8, field: 'placement_id', reason: 'line 8, field placement_id: duplicate of line 2' },
			{
				line: 10,
				field: 'placement_id',
				reason:
					"line 10, field placement_id: 'P16' also appears on line 9 with different values; a file may hold only one row per placement_id",
			},
		]);
		expect(
			await s.rows("SELECT placement_id, departure_date FROM fct_placements WHERE placement_id IN ('P10', 'P16') ORDER BY placement_id"),
		).toEqual([
			{ placement_id: 'P10', departure_date: '2024-04-20' },
			{ placement_id: 'P16', departure_date: '2024-05-01' },
		]);
	});
});

describe('dependencies between batches of one load', () => {
	it('does not load placements when the candidates file they refer to was rejected', async () => {
		const dir = tempDir('deps');
		writeFileSync(join(dir, 'candidates.csv'), 'candidate_id,oops\n');
		writeFileSync(join(dir, 'placements.csv'), 'placement_id,candidate_id,line_id,updated_at,departure_date,wage,contract_months\n');
		const report = await loadFiles(s.db, [dir]);
		expect(report.ok).toBe(false);
		expect(report.batches.map((b) => [b.entity, b.status])).toEqual([
			['candidates', 'rejected'],
			['placements', 'not-loaded'],
		]);
		expect(report.batches[1]?.message).toBe(`it refers to candidates, and ${join(dir, 'candidates.csv')} was rejected`);
	});
});
