/**
 * RFC 4180 CSV, read incrementally from the line runs of lines.ts: comma separator, fields
 * optionally in double quotes, a quote inside a quoted field doubled (""), commas and line
 * breaks allowed inside quotes, CRLF or LF line ends. Each record carries the physical line it
 * starts on, so a clerk can find it in an editor.
 *
 * Speed matters (a national load is ~13 million records): a line without any quote character —
 * nearly all of them — is cut with String#split; only lines with quotes go through the
 * character scanner.
 */

import { MAX_LINE_BYTES, MAX_RAW_CHARS } from './limits.ts';
import type { LineEvent } from './lines.ts';

export interface RawRecord {
	/** physical line the record starts on (1-based) */
	line: number;
	/** the record as delivered, without its line break, cut to MAX_RAW_CHARS */
	raw: string;
	/** the fields, when the record could be read */
	fields?: string[];
	/** why the record could not be read (then `fields` is absent) */
	problem?: string;
	/** true for a last line that has no line break (a file cut off mid-write often looks like this) */
	unterminated?: boolean;
}

const FAR = Number.MAX_SAFE_INTEGER;

function cut(text: string): string {
	return text.length > MAX_RAW_CHARS ? text.slice(0, MAX_RAW_CHARS) : text;
}

function countNewlines(text: string, from: number, to: number): number {
	let n = 0;
	let i = text.indexOf('\n', from);
	while (i !== -1 && i < to) {
		n++;
		i = text.indexOf('\n', i + 1);
	}
	return n;
}

export class CsvParser {
	/** physical line number of the first line of the next run */
	private nextLine = 1;
	/** a quoted record still open at the end of the previous run */
	private pending: { text: string; line: number } | undefined;
	/** absolute numbers of lines that were not valid UTF-8, with the detail */
	private badLines = new Map<number, string>();
	private readonly maxRecordChars: number;

	constructor(options: { maxRecordChars?: number } = {}) {
		this.maxRecordChars = options.maxRecordChars ?? MAX_LINE_BYTES;
	}

	push(event: LineEvent): RawRecord[] {
		if (event.kind === 'overlong') {
			const out: RawRecord[] = [];
			if (this.pending) {
				out.push(this.tooLong(this.pending.line, this.pending.text));
				this.pending = undefined;
			}
			out.push({
				line: this.nextLine,
				raw: cut(event.preview),
				problem: `line ${this.nextLine} is ${event.bytes.toLocaleString('en')} bytes long; lines longer than ${MAX_LINE_BYTES.toLocaleString('en')} bytes are not read`,
			});
			this.nextLine++;
			return out;
		}
		for (const bad of event.bad) this.badLines.set(this.nextLine + bad.index, bad.detail);
		if (this.pending) {
			const { text, line } = this.pending;
			this.pending = undefined;
			return this.scan(text + event.text, line, false);
		}
		return this.scan(event.text, this.nextLine, false);
	}

	/** Call at the end of input: reports a record left open by an unterminated quote. */
	end(): RawRecord[] {
		if (!this.pending) return [];
		const { text, line } = this.pending;
		this.pending = undefined;
		return this.scan(text, line, true);
	}

	private tooLong(line: number, text: string): RawRecord {
		return {
			line,
			raw: cut(text),
			problem: `line ${line}: the record runs over more than ${MAX_LINE_BYTES.toLocaleString('en')} bytes — probably a quote (") that is never closed`,
		};
	}

	private checkUtf8(record: RawRecord, firstLine: number, lastLine: number): RawRecord {
		if (this.badLines.size === 0) return record;
		for (let l = firstLine; l <= lastLine; l++) {
			const detail = this.badLines.get(l);
			if (detail !== undefined) {
				for (let k = firstLine; k <= lastLine; k++) this.badLines.delete(k);
				return {
					line: record.line,
					raw: record.raw,
					problem: `line ${l} is not valid UTF-8 (${detail}); save the file as UTF-8`,
				};
			}
		}
		return record;
	}

	private scan(text: string, startLine: number, final: boolean): RawRecord[] {
		const out: RawRecord[] = [];
		const n = text.length;
		let pos = 0;
		let line = startLine;
		let nextQuote = -1;
		while (pos < n) {
			const nl = text.indexOf('\n', pos);
			const lineEnd = nl === -1 ? n : nl;
			if (nextQuote !== FAR && nextQuote < pos) {
				nextQuote = text.indexOf('"', pos);
				if (nextQuote === -1) nextQuote = FAR;
			}
			if (nextQuote >= lineEnd) {
				let end = lineEnd;
				if (end > pos && text.charCodeAt(end - 1) === 13) end--;
				if (end > pos) {
					const lineText = text.slice(pos, end);
					const record: RawRecord = { line, raw: cut(lineText), fields: lineText.split(',') };
					if (nl === -1) record.unterminated = true;
					out.push(this.checkUtf8(record, line, line));
				} else if (this.badLines.size > 0) {
					this.badLines.delete(line);
				}
				pos = lineEnd + 1;
				line++;
				continue;
			}
			const result = this.scanQuoted(text, pos, line, final);
			if (result === undefined) {
				const rest = text.slice(pos);
				if (rest.length > this.maxRecordChars) {
					out.push(this.tooLong(line, rest));
				} else {
					this.pending = { text: rest, line };
				}
				line += countNewlines(text, pos, n);
				break;
			}
			out.push(this.checkUtf8(result.record, line, result.lastLine));
			pos = result.next;
			line = result.lastLine + 1;
		}
		this.nextLine = line;
		return out;
	}

	/**
	 * Reads one record that has a quote somewhere on its first line. Returns undefined when the
	 * text ends inside quotes and more may follow.
	 */
	private scanQuoted(
		text: string,
		start: number,
		line: number,
		final: boolean,
	): { record: RawRecord; next: number; lastLine: number } | undefined {
		const n = text.length;
		const fields: string[] = [];
		let i = start;
		let current = line;
		const finish = (end: number, next: number, extra: Partial<RawRecord> = {}) => {
			let rawEnd = end;
			if (rawEnd > start && text.charCodeAt(rawEnd - 1) === 13) rawEnd--;
			const record: RawRecord = { line, raw: cut(text.slice(start, rawEnd)), ...extra };
			return { record, next, lastLine: current };
		};
		const fail = (problem: string) => {
			// Skip to the end of the physical line where reading stopped.
			const nl = text.indexOf('\n', i);
			const end = nl === -1 ? n : nl;
			return finish(end, end + 1, { problem });
		};
		for (;;) {
			if (text.charCodeAt(i) === 34) {
				const open = i;
				i++;
				let value = '';
				let segment = i;
				for (;;) {
					const q = text.indexOf('"', i);
					if (q === -1) {
						if (!final) return undefined;
						current += countNewlines(text, open, n);
						return finish(n, n, {
							problem: `line ${line}: the file ends inside a quoted field — a quote (") opened in this record is never closed (is the file cut off?)`,
							unterminated: true,
						});
					}
					if (text.charCodeAt(q + 1) === 34) {
						value += text.slice(segment, q + 1);
						i = q + 2;
						segment = i;
						continue;
					}
					value += text.slice(segment, q);
					i = q + 1;
					break;
				}
				current += countNewlines(text, open, i);
				const c = text.charCodeAt(i);
				if (c === 44) {
					fields.push(value);
					i++;
					continue;
				}
				if (i >= n || c === 10 || (c === 13 && text.charCodeAt(i + 1) === 10) || (c === 13 && i + 1 >= n)) {
					fields.push(value);
					const nl = i >= n ? n : text.indexOf('\n', i);
					const end = nl === -1 ? n : nl;
					return finish(end, end + 1, nl === -1 ? { fields, unterminated: true } : { fields });
				}
				return fail(
					`line ${current}: unexpected character '${text[i]}' after a closing quote; inside quotes write a quote as two quotes ("")`,
				);
			}
			const comma = text.indexOf(',', i);
			const nl = text.indexOf('\n', i);
			const lineEnd = nl === -1 ? n : nl;
			const end = comma !== -1 && comma < lineEnd ? comma : lineEnd;
			let value = text.slice(i, end);
			if (end === lineEnd && value.charCodeAt(value.length - 1) === 13) value = value.slice(0, -1);
			if (value.includes('"')) {
				return fail(
					`line ${current}: a quote (") inside a field that does not start with a quote; quote the whole field and double the quote ("")`,
				);
			}
			fields.push(value);
			if (end === comma && comma < lineEnd) {
				i = comma + 1;
				continue;
			}
			return finish(lineEnd, lineEnd + 1, nl === -1 ? { fields, unterminated: true } : { fields });
		}
	}
}

/** Parses a whole CSV text (tests and small inputs). */
export function parseCsvText(text: string): RawRecord[] {
	const parser = new CsvParser();
	const out = parser.push({ kind: 'text', text, bad: [] });
	out.push(...parser.end());
	return out;
}
