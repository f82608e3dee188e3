/**
 * ClickHouse's TabSeparated output, read without JSON: for reads of hundreds of thousands of rows
 * (the matching engine's waiting candidates), where JSONEachRow's per-row objects cost seconds of
 * parsing (docs/matching.md "Scale"). A row per line, fields split by tabs; inside a field a tab,
 * newline or backslash is escaped with a backslash. An array is `[…]` with its strings in single
 * quotes (a quote or backslash inside escaped), its numbers bare.
 */
import type { Warehouse } from './client.ts';

/**
 * Each row of a SELECT as fields (strings, still escaped: read them with tsvString, tsvStrings,
 * tsvNumbers), handed to `each` as the answer streams in; the number of rows. Never the whole answer
 * as one string: at 10× scale the waiting candidates' answer passed V8's longest string (512 MiB,
 * "The response length exceeds the maximum allowed size of a string"), and the engine's worker failed.
 */
export async function forEachTsvRow(db: Warehouse, query: string, each: (fields: string[]) => void): Promise<number> {
	const result = await db.query({ query, format: 'TabSeparated' });
	let n = 0;
	for await (const rows of result.stream()) {
		for (const row of rows) {
			each(row.text.split('\t'));
			n++;
		}
	}
	return n;
}

/** The rows of a SELECT as fields (forEachTsvRow), all of them. */
export async function queryTsv(db: Warehouse, query: string): Promise<string[][]> {
	const rows: string[][] = [];
	await forEachTsvRow(db, query, (fields) => rows.push(fields));
	return rows;
}

const ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', '0': '\0', a: '\x07', v: '\v' };

const undoEscapes = (v: string) => v.replace(/\\(.)/gs, (_, c: string) => ESCAPES[c] ?? c);

/** A String field. */
export function tsvString(field: string): string {
	return field.includes('\\') ? undoEscapes(field) : field;
}

/** An Array(String) field. */
export function tsvStrings(field: string): string[] {
	if (field === '[]') return [];
	if (!field.startsWith("['") || !field.endsWith("']")) throw new Error(`Not an array of strings in TabSeparated: ${field.slice(0, 80)}`);
	// without a backslash no element holds a quote, so "','" only separates elements
	if (!field.includes('\\')) return field.slice(2, -2).split("','");
	const out: string[] = [];
	let i = 1;
	while (i < field.length - 1) {
		if (field[i] !== "'") throw new Error(`Not an array of strings in TabSeparated: ${field.slice(0, 80)}`);
		let value = '';
		i++;
		while (field[i] !== "'") {
			if (i >= field.length) throw new Error(`Unterminated string in TabSeparated array: ${field.slice(0, 80)}`);
			if (field[i] === '\\') {
				const c = field[i + 1] as string;
				value += ESCAPES[c] ?? c;
				i += 2;
			} else value += field[i++];
		}
		out.push(value);
		i++;
		if (field[i] === ',') i++;
	}
	return out;
}

/** An Array of numbers field. */
export function tsvNumbers(field: string): number[] {
	return field === '[]' ? [] : field.slice(1, -1).split(',').map(Number);
}
