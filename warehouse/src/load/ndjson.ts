/**
 * NDJSON (newline-delimited JSON): one JSON object per line, read from the line runs of
 * lines.ts. Blank lines are skipped; everything else must be one complete object.
 */

import { MAX_LINE_BYTES, MAX_RAW_CHARS } from './limits.ts';
import type { LineEvent } from './lines.ts';

export interface JsonRecord {
	/** physical line (1-based) */
	line: number;
	/** the line as delivered, cut to MAX_RAW_CHARS */
	raw: string;
	object?: Record<string, unknown>;
	problem?: string;
}

function cut(text: string): string {
	return text.length > MAX_RAW_CHARS ? text.slice(0, MAX_RAW_CHARS) : text;
}

function isBlank(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c !== 32 && c !== 9 && c !== 13) return false;
	}
	return true;
}

export class NdjsonParser {
	private nextLine = 1;

	push(event: LineEvent): JsonRecord[] {
		if (event.kind === 'overlong') {
			const line = this.nextLine++;
			return [
				{
					line,
					raw: cut(event.preview),
					problem: `line ${line} is ${event.bytes.toLocaleString('en')} bytes long; lines longer than ${MAX_LINE_BYTES.toLocaleString('en')} bytes are not read`,
				},
			];
		}
		const out: JsonRecord[] = [];
		const bad = new Map(event.bad.map((b) => [b.index, b.detail]));
		const text = event.text;
		let pos = 0;
		let index = 0;
		while (pos < text.length) {
			const nl = text.indexOf('\n', pos);
			const end = nl === -1 ? text.length : nl;
			const lineText = text.slice(pos, end);
			const line = this.nextLine + index;
			const detail = bad.get(index);
			if (detail !== undefined) {
				out.push({ line, raw: cut(lineText), problem: `line ${line} is not valid UTF-8 (${detail}); save the file as UTF-8` });
			} else if (!isBlank(lineText)) {
				out.push(parseObjectLine(lineText, line, nl === -1));
			}
			pos = end + 1;
			index++;
		}
		this.nextLine += index;
		return out;
	}
}

function parseObjectLine(lineText: string, line: number, unterminated: boolean): JsonRecord {
	let value: unknown;
	try {
		value = JSON.parse(lineText);
	} catch (error) {
		const hint = unterminated ? ' (the last line has no line break: is the file cut off?)' : '';
		return { line, raw: cut(lineText), problem: `line ${line} is not valid JSON: ${(error as Error).message}${hint}` };
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return { line, raw: cut(lineText), problem: `line ${line} is not a JSON object ({"field": value, …})` };
	}
	return { line, raw: cut(lineText), object: value as Record<string, unknown> };
}
