/**
 * Staging: the batch's bytes are read once, as a stream, through the parser and the field checks.
 * Rows that pass are streamed to the stage table as TabSeparated text (one INSERT for the whole
 * batch, with back-pressure, so memory stays flat whatever the file size); rows that fail go to
 * the batch's quarantine stage with the reason. Nothing visible changes here.
 */
import { PassThrough } from 'node:stream';
import { type Entity, entitySpecs } from '../../../common/formats.ts';
import { CsvParser, type RawRecord } from './csv.ts';
import { QUARANTINE_FLUSH_ROWS, quarantineOverCap, REPORT_QUARANTINE_SAMPLE } from './limits.ts';
import { splitLines } from './lines.ts';
import { NdjsonParser } from './ndjson.ts';
import type { BatchTables } from './plan-sql.ts';
import type { Progress } from './progress.ts';
import { tooManyQuarantined } from './refusals.ts';
import type { Session } from './session.ts';
import { type CsvLayout, csvLayout, csvValues, type Issue, jsonValues, rowValidator } from './validate.ts';

export type Format = 'csv' | 'ndjson';

export interface QuarantineEntry {
	line: number;
	field: string;
	reason: string;
	raw: string;
}

export type StageResult =
	/** the batch as a whole is unusable: nothing staged, these entries explain why */
	{ kind: 'rejected'; entries: QuarantineEntry[]; message: string } | { kind: 'staged'; read: number; staged: number };

function issueReason(line: number, issue: Issue): string {
	return issue.field ? `line ${line}, field ${issue.field}: ${issue.message}` : `line ${line}: ${issue.message}`;
}

const WRITE_CHUNK_CHARS = 1 << 20;

export interface StageOptions {
	entity: Entity;
	format: Format;
	open: (onBytes: (n: number) => void) => AsyncIterable<Buffer | Uint8Array | string>;
	tables: BatchTables;
	progress: Progress;
	/** called once the batch is known not to be rejected as a whole, before any row is staged */
	begin: () => Promise<void>;
}

export async function stageBatch(session: Session, o: StageOptions): Promise<StageResult> {
	const spec = entitySpecs[o.entity];
	const validator = rowValidator(o.entity);
	const fieldIndex = new Map(spec.fields.map((f, i) => [f.name, i]));
	const values: (string | undefined)[] = new Array(spec.fields.length);
	const out: string[] = new Array(spec.fields.length);

	const pass = new PassThrough({ highWaterMark: 4 << 20 });
	let insertError: unknown;
	const inserting = session.insertTsv(o.tables.stage, pass).catch((error: unknown) => {
		insertError = error;
		pass.destroy();
	});

	let parts: string[] = [];
	let partChars = 0;
	let staged = 0;
	let read = 0;
	let quarantine: QuarantineEntry[] = [];
	/** rows (not reasons) quarantined so far, and the first reasons, for a refusal */
	let badRows = 0;
	const firstEntries: QuarantineEntry[] = [];
	let begun = false;
	let layout: CsvLayout | undefined;
	let rejected: StageResult | undefined;

	const flushRows = async () => {
		if (parts.length === 0) return;
		const chunk = parts.join('');
		parts = [];
		partChars = 0;
		if (insertError) throw insertError;
		if (!pass.write(chunk)) {
			await new Promise<void>((resolve) => {
				const done = () => {
					pass.off('drain', done);
					pass.off('close', done);
					resolve();
				};
				pass.on('drain', done);
				pass.on('close', done);
			});
			if (insertError) throw insertError;
		}
	};
	const quarantineRow = (entries: QuarantineEntry[]) => {
		badRows++;
		for (const e of entries) {
			quarantine.push(e);
			if (firstEntries.length < REPORT_QUARANTINE_SAMPLE) firstEntries.push(e);
		}
	};
	const flushQuarantine = async () => {
		if (quarantine.length === 0) return;
		const rows = quarantine;
		quarantine = [];
		await session.insertJson(o.tables.quarantine, rows);
	};
	const reject = (entries: QuarantineEntry[]) => {
		const first = entries[0]?.reason ?? 'rejected';
		const more = entries.length > 1 ? ` (and ${entries.length - 1} more problem${entries.length > 2 ? 's' : ''})` : '';
		rejected = { kind: 'rejected', entries, message: `${first}${more}` };
	};

	const stageRow = (line: number, raw: string, issues: Issue[] | undefined) => {
		if (issues) {
			quarantineRow(issues.map((issue) => ({ line, field: issue.field, reason: issueReason(line, issue), raw })));
			return;
		}
		// The values passed fields.ts — ids, codes, enums, dates, numbers — so none holds a tab, a line
		// break or a backslash and TabSeparated needs no escaping. (A free-text field would.)
		const row = `${out.join('\t')}\t${line}\n`;
		parts.push(row);
		partChars += row.length;
		staged++;
	};

	const csvRecord = (r: RawRecord) => {
		if (!layout) {
			if (r.problem || !r.fields) {
				reject([{ line: r.line, field: '', reason: `${r.problem ?? `line ${r.line}: unreadable header`} (the header row)`, raw: r.raw }]);
				return;
			}
			const header = csvLayout(o.entity, r.fields);
			if (!header.layout) {
				reject(
					header.issues.map((i) => ({ line: r.line, field: i.field, reason: `line ${r.line} (the header): ${i.message}`, raw: r.raw })),
				);
				return;
			}
			layout = header.layout;
			return;
		}
		read++;
		if (r.problem || !r.fields) {
			quarantineRow([{ line: r.line, field: '', reason: r.problem ?? `line ${r.line}: unreadable`, raw: r.raw }]);
			return;
		}
		const shape = csvValues(layout, r.fields, r.unterminated === true, values);
		if (shape) {
			quarantineRow([{ line: r.line, field: '', reason: `line ${r.line}: ${shape}`, raw: r.raw }]);
			return;
		}
		stageRow(r.line, r.raw, validator.check(values, out));
	};

	const csv = new CsvParser();
	const ndjson = new NdjsonParser();
	let sawRecord = false;
	const handle = async (records: { line: number; raw: string }[]) => {
		for (const record of records) {
			if (rejected) return;
			if (o.format === 'csv') {
				csvRecord(record as RawRecord);
				if (layout && !begun) {
					begun = true;
					await o.begin();
				}
			} else {
				if (!begun) {
					begun = true;
					await o.begin();
				}
				read++;
				const r = record as { line: number; raw: string; object?: Record<string, unknown>; problem?: string };
				if (!r.object) {
					quarantineRow([{ line: r.line, field: '', reason: r.problem ?? `line ${r.line}: unreadable`, raw: r.raw }]);
					if (quarantineOverCap(badRows, read)) throw tooManyQuarantined(badRows, read, firstEntries);
					continue;
				}
				const shapeIssues = jsonValues(spec.fields, fieldIndex, r.object, values);
				stageRow(r.line, r.raw, shapeIssues ?? validator.check(values, out));
			}
			sawRecord = true;
			// Refused at once: a batch of garbage holds the load lock no longer than it takes to see that.
			if (quarantineOverCap(badRows, read)) throw tooManyQuarantined(badRows, read, firstEntries);
		}
		o.progress.addRows(records.length);
		if (partChars >= WRITE_CHUNK_CHARS) await flushRows();
		if (quarantine.length >= QUARANTINE_FLUSH_ROWS) await flushQuarantine();
	};

	try {
		for await (const event of splitLines(o.open((n) => o.progress.addBytes(n)))) {
			await handle(o.format === 'csv' ? csv.push(event) : ndjson.push(event));
			if (rejected) break;
		}
		if (!rejected) await handle(o.format === 'csv' ? csv.end() : []);
		if (!rejected && !sawRecord) {
			reject([
				{
					line: 0,
					field: '',
					reason: o.format === 'csv' ? 'file is empty (no header row)' : 'file is empty (no JSON objects)',
					raw: '',
				},
			]);
		}
		if (!rejected) {
			await flushRows();
			await flushQuarantine();
		}
	} finally {
		if (!pass.destroyed) pass.end();
		await inserting;
	}
	if (insertError) throw insertError;
	return rejected ?? { kind: 'staged', read, staged };
}

/**
 * The raw text of the given lines, read again from the batch's bytes: the plan quarantines rows
 * the stage holds only in normal form, and a clerk needs them as delivered.
 */
export async function* rawLines(
	open: StageOptions['open'],
	format: Format,
	lines: ReadonlySet<number>,
): AsyncGenerator<{ _line: number; _raw: string }> {
	const csv = new CsvParser();
	const ndjson = new NdjsonParser();
	let left = lines.size;
	for await (const event of splitLines(open(() => {}))) {
		for (const r of format === 'csv' ? csv.push(event) : ndjson.push(event)) {
			if (lines.has(r.line)) {
				yield { _line: r.line, _raw: r.raw };
				left--;
			}
		}
		if (left <= 0) return;
	}
	for (const r of format === 'csv' ? csv.end() : []) if (lines.has(r.line)) yield { _line: r.line, _raw: r.raw };
}
