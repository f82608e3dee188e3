/**
 * A small RFC 4180 CSV reader and writer for the reference tables. The files are tiny and read once
 * at start-up, so clarity beats speed; a dependency would be one more thing for the seeds and the
 * warehouse loader to agree on.
 *
 * Accepted beyond the RFC, because spreadsheet exports do it: a UTF-8 byte-order mark, bare LF line
 * ends, a missing final line end, and blank lines (skipped). Rejected loudly: an unterminated quote,
 * a quote inside an unquoted field, text after a closing quote, and rows whose field count differs
 * from the header — silent repair would hide a bad edit.
 */

export class CsvError extends Error {
	readonly line: number;

	constructor(message: string, line: number) {
		super(`${message} (line ${line})`);
		this.name = 'CsvError';
		this.line = line;
	}
}

/** Parses CSV text into rows of raw string fields. Blank lines are skipped. */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let line = 1;
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	// RFC 4180 lets a quote open a field only as its first character; elsewhere it is an error.
	let atFieldStart = true;
	// A line holding only `""` is one empty field, not a blank line, so track whether the row has begun.
	let rowStarted = false;

	while (i < text.length) {
		const ch = text[i];
		if (ch === '"') {
			if (!atFieldStart) throw new CsvError('Quote inside an unquoted field', line);
			const openedOn = line;
			i++;
			for (;;) {
				if (i >= text.length) throw new CsvError('Unterminated quoted field', openedOn);
				if (text[i] === '"') {
					if (text[i + 1] !== '"') break;
					field += '"';
					i += 2;
					continue;
				}
				if (text[i] === '\n') line++;
				field += text[i];
				i++;
			}
			i++;
			const after = text[i];
			if (after !== undefined && after !== ',' && after !== '\n' && after !== '\r') {
				throw new CsvError('Unexpected character after closing quote', line);
			}
			atFieldStart = false;
			rowStarted = true;
			continue;
		}
		if (ch === ',') {
			row.push(field);
			field = '';
			atFieldStart = true;
			rowStarted = true;
			i++;
			continue;
		}
		if (ch === '\r' || ch === '\n') {
			if (rowStarted) {
				row.push(field);
				rows.push(row);
			}
			row = [];
			field = '';
			atFieldStart = true;
			rowStarted = false;
			i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
			line++;
			continue;
		}
		field += ch;
		atFieldStart = false;
		rowStarted = true;
		i++;
	}
	if (rowStarted) {
		row.push(field);
		rows.push(row);
	}
	return rows;
}

/**
 * Parses CSV text whose first row is a header into records keyed by column name.
 * `expectedColumns`, when given, must equal the header exactly: the column names are the contract
 * between this folder, the data generator and the warehouse loader.
 */
export function parseCsvRecords(text: string, expectedColumns?: readonly string[]): Record<string, string>[] {
	const [header, ...body] = parseCsv(text);
	if (!header) throw new CsvError('Missing header row', 1);
	if (expectedColumns && header.join(',') !== expectedColumns.join(',')) {
		throw new CsvError(`Header is "${header.join(',')}", expected "${expectedColumns.join(',')}"`, 1);
	}
	if (new Set(header).size !== header.length) throw new CsvError('Duplicate column name in header', 1);
	return body.map((fields, index) => {
		if (fields.length !== header.length) {
			throw new CsvError(`Row has ${fields.length} fields, header has ${header.length}`, index + 2);
		}
		const record: Record<string, string> = {};
		header.forEach((name, column) => {
			record[name] = fields[column] ?? '';
		});
		return record;
	});
}

/** Formats rows as RFC 4180 CSV with LF line ends, quoting only the fields that need it. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
	return rows.map((fields) => fields.map(quoteIfNeeded).join(',')).join('\n') + (rows.length ? '\n' : '');
}

function quoteIfNeeded(field: string): string {
	return /[",\r\n]/.test(field) || field !== field.trim() ? `"${field.replaceAll('"', '""')}"` : field;
}
