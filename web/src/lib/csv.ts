/**
 * CSV for downloads (chart tables, open data): RFC 4180 quoting, UTF-8 with BOM so spreadsheet
 * programs read Indonesian text correctly, and cells that a spreadsheet would run as a formula
 * (starting with = + - @) neutralised — a country or agency name must never execute.
 */
export interface CsvColumn<Row> {
	header: string;
	value: (row: Row) => string | number | null | undefined;
}

export interface CsvOptions {
	/** cell separator: ',' (RFC 4180, the default) or ';' (Excel in locales with a decimal comma) */
	separator?: ',' | ';';
	/** write the columns' headers as the first line (default true) */
	header?: boolean;
}

function cell(value: string | number | null | undefined, separator: string): string {
	if (value === null || value === undefined) return '';
	let text = String(value);
	if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\n\r]/.test(text) || text.includes(separator) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv<Row>(rows: readonly Row[], columns: readonly CsvColumn<Row>[], options: CsvOptions = {}): string {
	const separator = options.separator ?? ',';
	const lines = options.header === false ? [] : [columns.map((c) => cell(c.header, separator)).join(separator)];
	for (const row of rows) lines.push(columns.map((c) => cell(c.value(row), separator)).join(separator));
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}
