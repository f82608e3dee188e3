/**
 * The table behind every chart: what the "show table" alternative lists and what the CSV
 * download contains, so the three always agree.
 */
import { type CsvColumn, toCsv } from './csv.ts';
import { formatValue, type ValueFormat } from './format.ts';
import type { Lang } from './i18n/index.ts';

export type Cell = string | number | null;

export interface TableColumn {
	key: string;
	label: string;
	/** numbers get a format and right alignment; absent = text */
	format?: ValueFormat;
}

export interface DataTable {
	columns: TableColumn[];
	/** plain objects whose values are cells (typed loosely so page row types need no index signature) */
	rows: readonly object[];
	/** keys of cells withheld for privacy, per row index: shown as a marker, never as 0 */
	suppressed?: Record<number, string[]>;
}

export function cellOf(table: DataTable, rowIndex: number, key: string): Cell {
	const row = table.rows[rowIndex] as Record<string, Cell> | undefined;
	return row?.[key] ?? null;
}

export function isSuppressed(table: DataTable, rowIndex: number, key: string): boolean {
	return table.suppressed?.[rowIndex]?.includes(key) ?? false;
}

export function displayCell(table: DataTable, rowIndex: number, column: TableColumn, lang: Lang, marker: string): string {
	if (isSuppressed(table, rowIndex, column.key)) return marker;
	const value = cellOf(table, rowIndex, column.key);
	if (column.format) return formatValue(typeof value === 'number' ? value : value === null ? null : Number(value), column.format, lang);
	return value === null ? '' : String(value);
}

/** CSV with raw numbers (not formatted) so spreadsheets can compute; suppressed cells carry the marker. */
export function tableCsv(table: DataTable, marker: string): string {
	const columns: CsvColumn<number>[] = table.columns.map((c) => ({
		header: c.label,
		value: (i) => (isSuppressed(table, i, c.key) ? marker : cellOf(table, i, c.key)),
	}));
	return toCsv(
		table.rows.map((_, i) => i),
		columns,
	);
}
