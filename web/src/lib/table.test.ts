import { describe, expect, it } from 'vitest';
import { type DataTable, displayCell, tableCsv } from './table.ts';

const table: DataTable = {
	columns: [
		{ key: 'province', label: 'Provinsi' },
		{ key: 'placements', label: 'Penempatan', format: 'number' },
	],
	rows: [
		{ province: 'Jawa Timur', placements: 69925 },
		{ province: 'Papua Selatan', placements: null },
	],
	suppressed: { 1: ['placements'] },
};

describe('tables', () => {
	it('format numbers for display and show a marker for suppressed cells', () => {
		expect(displayCell(table, 0, table.columns[1]!, 'id', 'disembunyikan')).toBe('69.925');
		expect(displayCell(table, 1, table.columns[1]!, 'id', 'disembunyikan')).toBe('disembunyikan');
		expect(displayCell(table, 1, table.columns[0]!, 'en', 'suppressed')).toBe('Papua Selatan');
	});

	it('export raw numbers and the marker, never a zero for a suppressed cell', () => {
		expect(tableCsv(table, 'suppressed')).toBe('\uFEFFProvinsi,Penempatan\r\nJawa Timur,69925\r\nPapua Selatan,suppressed\r\n');
	});
});
