/**
 * The generator's contract with the loader: same options ⇒ same bytes; every row of every file
 * (CSV and NDJSON) valid against the field specs of common/formats.ts; files named and split as
 * documented; the manifest last and complete.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES, entitySpecs } from '../../common/formats.ts';
import { type GenerateReport, generate } from './generate.ts';
import { checkRow, type Output, readManifest, readOutput } from './read-output.ts';

const UNTIL = '2026-11-15';
const root = mkdtempSync(join(tmpdir(), 'slmi-seeds-'));
const dir = (name: string) => join(root, name);

let csv: GenerateReport;
let ndjson: GenerateReport;
let csvOut: Output;
let ndjsonOut: Output;

beforeAll(async () => {
	csv = await generate({ scale: 'tiny', until: UNTIL, outDir: dir('csv'), format: 'csv' });
	ndjson = await generate({ scale: 'tiny', until: UNTIL, outDir: dir('ndjson'), format: 'ndjson' });
	csvOut = readOutput(dir('csv'));
	ndjsonOut = readOutput(dir('ndjson'));
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const hashes = (report: GenerateReport) => Object.fromEntries(report.files.map((f) => [f.path, f.sha256]));

describe('determinism', () => {
	it('gives byte-identical files for the same options', async () => {
		const again = await generate({ scale: 'tiny', until: UNTIL, outDir: dir('again'), format: 'csv' });
		expect(hashes(again)).toEqual(hashes(csv));
		expect(readFileSync(join(dir('again'), 'manifest.json'), 'utf8')).toBe(readFileSync(join(dir('csv'), 'manifest.json'), 'utf8'));
	}, 30_000);

	it('gives the same bytes with worker threads as in one thread', async () => {
		const parallel = await generate({ scale: 'tiny', until: UNTIL, outDir: dir('parallel'), format: 'csv', workers: 2 });
		expect(hashes(parallel)).toEqual(hashes(csv));
	}, 60_000);

	it('gives different data for a different seed', async () => {
		const other = await generate({ scale: 'tiny', until: UNTIL, outDir: dir('seed7'), format: 'csv', seed: 7 });
		const a = hashes(csv);
		const changed = Object.entries(hashes(other)).filter(([path, sha]) => a[path] !== sha);
		expect(changed.length).toBeGreaterThan(other.files.length * 0.9);
	}, 30_000);
});

describe('files and manifest', () => {
	it('names files <entity>-<YYYY> by the year of the partition date, with every entity present', () => {
		for (const out of [csvOut, ndjsonOut]) {
			const ext = out.manifest.options.format;
			for (const f of out.manifest.files) {
				expect(f.path).toMatch(new RegExp(`^${f.entity}-\\d{4}\\.${ext}$`));
				const year = f.path.slice(f.entity.length + 1, f.entity.length + 5);
				const field = entitySpecs[f.entity].partitionDate;
				const rows = out.rows[f.entity].filter((r) => r[field]?.startsWith(year));
				expect(rows.length).toBeGreaterThan(0);
			}
			for (const entity of ENTITIES) {
				expect(out.rows[entity].length).toBe(out.manifest.rows[entity]);
				expect(out.rows[entity].length).toBeGreaterThan(100);
			}
			for (const f of out.manifest.files) {
				const text = readFileSync(join(dir(ext), f.path), 'utf8');
				expect(text.endsWith('\n')).toBe(true);
				expect(text.includes('\r')).toBe(false);
			}
		}
	});

	it('keeps each row in the file of its partition year', () => {
		const out = readOutput(dir('csv'));
		for (const f of out.manifest.files) {
			const year = f.path.slice(f.entity.length + 1, f.entity.length + 5);
			const field = entitySpecs[f.entity].partitionDate;
			const text = readFileSync(join(dir('csv'), f.path), 'utf8');
			const [header, ...lines] = text.trimEnd().split('\n');
			const column = (header as string).split(',').indexOf(field);
			for (const line of lines) expect(line.split(',')[column]?.slice(0, 4)).toBe(year);
		}
	});

	it('writes the manifest last, with counts and hashes of every file and nothing else left behind', () => {
		const manifest = readManifest(dir('csv'));
		expect(manifest.totalRows).toBe(csv.totalRows);
		expect(manifest.options).toEqual({ scale: 'tiny', seed: 2026, until: UNTIL, format: 'csv' });
		const onDisk = readdirSync(dir('csv')).sort();
		expect(onDisk).toEqual([...manifest.files.map((f) => f.path), 'manifest.json'].sort());
		expect(existsSync(join(dir('csv'), 'manifest.json.tmp'))).toBe(false);
	});

	it('is a tiny data set: 30–60k rows, generated in seconds', () => {
		expect(csv.totalRows).toBeGreaterThan(30_000);
		expect(csv.totalRows).toBeLessThan(60_000);
		expect(csv.seconds).toBeLessThan(20);
	});
});

describe('format', () => {
	it.each(['csv', 'ndjson'] as const)('every %s row validates against common/formats.ts', (format) => {
		const out = format === 'csv' ? csvOut : ndjsonOut;
		expect(out.problems).toEqual([]);
		const problems: string[] = [];
		for (const entity of ENTITIES) {
			for (const row of out.rows[entity]) for (const p of checkRow(entitySpecs[entity], row)) problems.push(`${entity}: ${p}`);
		}
		expect(problems.slice(0, 20)).toEqual([]);
	});

	it('writes the CSV header in the field order of formats.ts', () => {
		for (const f of csvOut.manifest.files) {
			const header = readFileSync(join(dir('csv'), f.path), 'utf8').split('\n', 1)[0];
			expect(header).toBe(entitySpecs[f.entity].fields.map((x) => x.name).join(','));
		}
	});

	it('writes NDJSON keys in the field order of formats.ts, omitting absent optional fields', () => {
		for (const f of ndjsonOut.manifest.files.slice(0, 12)) {
			const order = entitySpecs[f.entity].fields.map((x) => x.name);
			const first = readFileSync(join(dir('ndjson'), f.path), 'utf8').split('\n', 1)[0] as string;
			const keys = Object.keys(JSON.parse(first) as object);
			expect(keys).toEqual(order.filter((k) => keys.includes(k)));
			for (const field of entitySpecs[f.entity].fields) if (field.required) expect(keys).toContain(field.name);
		}
	});

	it('holds the same data in CSV and NDJSON', () => {
		for (const entity of ENTITIES) expect(ndjsonOut.rows[entity]).toEqual(csvOut.rows[entity]);
		expect(ndjson.totalRows).toBe(csv.totalRows);
	});

	it('contains no personal data: ids only, no names, phone numbers or national id numbers', () => {
		for (const row of csvOut.rows.candidates) {
			expect(Object.keys(row)).not.toContain('name');
			expect(row.candidate_id).toMatch(/^C[0-9A-Z]{8}$/);
		}
		// Candidate ids do not follow registration order.
		const ids = csvOut.rows.candidates.slice(0, 50).map((r) => r.candidate_id as string);
		expect([...ids].sort()).not.toEqual(ids);
		expect(new Set(csvOut.rows.candidates.map((r) => r.candidate_id)).size).toBe(csvOut.rows.candidates.length);
	});
});
