/**
 * CSV for downloads (chart tables, open data): RFC 4180 quoting, UTF-8 with BOM so spreadsheet
 * programs read Indonesian text correctly, and cells that a spreadsheet would run as a formula
 * (starting with = + - @) neutralised — a country or agency name must never execute.
 */
export interface CsvColumn<Row> {
	header: string;
	value: (row: Row) => string | number | null | undefined;
}

function cell(value: string | number | null | undefined): string {
	if (value === null || value === undefined) return '';
	let text = String(value);
	if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv<Row>(rows: readonly Row[], columns: readonly CsvColumn<Row>[]): string {
	const lines = [columns.map((c) => cell(c.header)).join(',')];
	for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(','));
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}
