import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseCsv, xlsxRows } from '../../../tests/support/spreadsheet.ts';
import { type ExportMeta, excelCsv, exportFileName, exportSheet, pdfWithImage, roundAsShown, SUPPRESSED_FLAG, xlsx } from './export.ts';
import { formatValue, type ValueFormat } from './format.ts';
import { type DataTable, displayCell } from './table.ts';

const table: DataTable = {
	columns: [
		{ key: 'name', label: 'Negara; tujuan' },
		{ key: 'placements', label: 'Penempatan', format: 'number' },
		{ key: 'fillRate', label: 'Tingkat keterisian', format: 'percent' },
		{ key: 'wage', label: 'Upah', format: 'currency' },
		{ key: 'days', label: 'Hari', format: 'decimal' },
	],
	rows: [
		{ name: 'Côte d\'Ivoire, "CI"', placements: 69925.4, fillRate: 0.42349, wage: 512.5, days: 12.25 },
		{ name: 'Papua Selatan', placements: 3, fillRate: null, wage: 430.49, days: 7 },
		{ name: '=HYPERLINK("x")', placements: 1234567, fillRate: 1, wage: null, days: -0.04 },
	],
	suppressed: { 1: ['placements'] },
};
const meta: ExportMeta = {
	title: 'Penempatan menurut negara',
	subject: 'Arab Saudi: Konstruksi',
	filters: ['Periode: Jan 2026 – Nov 2026', 'Sektor: Konstruksi; Manufaktur'],
	dataDate: 'Data sampai: 2026-11-30',
	source: 'Sumber: SLMI — KP2MI, http://127.0.0.1/markets/SA (diunduh 4 Des 2026)',
	flagLegend: 'C = disembunyikan (suppressed)',
	flagLabel: 'status',
};

/** A number as Indonesian display shows it ("69.925", "42,3%", "US$512") read back as a number. */
function shownId(text: string): number {
	return Number(text.replace(/[^\d,-]/g, '').replace(',', '.'));
}

describe('export file names', () => {
	it('say dataset, place, period and language, with nothing a file system would mangle', () => {
		expect(exportFileName({ dataset: 'country-trend', scope: 'SA', period: ['2026-01', '2026-11'], lang: 'id', ext: 'csv' })).toBe(
			'slmi_country-trend_SA_2026-01_2026-11_id.csv',
		);
		expect(exportFileName({ dataset: 'public-placements-by-country', scope: 'IDN', period: ['2026'], lang: 'en', ext: 'xlsx' })).toBe(
			'slmi_public-placements-by-country_IDN_2026_en.xlsx',
		);
		expect(exportFileName({ dataset: 'a/b c', scope: null, period: [undefined], lang: 'en', ext: 'png' })).toBe('slmi_a-b-c_en.png');
	});
});

describe('rounding as shown', () => {
	it('equals what the page displays, in both languages, for every format', () => {
		const formats: ValueFormat[] = ['number', 'percent', 'currency', 'decimal'];
		let seed = 7;
		const random = () => {
			seed = (seed * 16807) % 2147483647;
			return seed / 2147483647;
		};
		for (let i = 0; i < 400; i++) {
			const value = (random() - 0.2) * 10 ** Math.floor(random() * 6);
			for (const format of formats) {
				const rounded = roundAsShown(value, format);
				// the rounded number displays exactly as the raw one: no digit the reader did not see
				// (a tiny negative shows as "-0" on the page; the export writes 0)
				const shown = (lang: 'id' | 'en') => formatValue(value, format, lang).replace(rounded === 0 ? '-' : '', '');
				expect(formatValue(rounded, format, 'id'), `${value} ${format}`).toBe(shown('id'));
				expect(formatValue(rounded, format, 'en'), `${value} ${format}`).toBe(shown('en'));
			}
		}
	});
});

describe('CSV for Excel in an Indonesian locale', () => {
	const text = excelCsv(table, meta);
	const rows = parseCsv(text, ';');
	const headerAt = rows.findIndex((r) => r[0] === 'Negara; tujuan');

	it('is UTF-8 with a byte-order mark, ";" between cells, CRLF lines, and no "sep=" line', () => {
		expect(text.startsWith('\uFEFF')).toBe(true);
		expect(text).not.toMatch(/^\uFEFF?sep=/);
		expect(text.split('\r\n').length).toBeGreaterThan(table.rows.length + 3);
		expect(rows[headerAt]).toEqual(['Negara; tujuan', 'Penempatan', 'Penempatan – status', 'Tingkat keterisian (%)', 'Upah (USD)', 'Hari']);
	});

	it('starts with title, subject, filters, data date and source', () => {
		expect(rows.slice(0, headerAt).map((r) => r[0])).toEqual([meta.title, meta.subject, ...meta.filters, meta.dataDate, meta.source, '']);
	});

	it('holds numbers with a decimal comma, rounded to what the table shows', () => {
		const body = rows.slice(headerAt + 1, headerAt + 1 + table.rows.length);
		body.forEach((row, i) => {
			const columns = table.columns.filter((c) => c.format);
			const cells = [row[1], row[3], row[4], row[5]];
			columns.forEach((column, k) => {
				const shown = displayCell(table, i, column, 'id', 'disembunyikan');
				const cell = cells[k]!;
				expect(cell, `row ${i} ${column.key}`).toMatch(/^(-?\d+(,\d+)?)?$/);
				if (shown === '–' || shown === 'disembunyikan') expect(cell).toBe('');
				else expect(Number(cell.replace(',', '.')) + 0, `row ${i} ${column.key}: ${shown}`).toBe(shownId(shown) + 0);
			});
		});
	});

	it('leaves a suppressed cell empty and flags it in its own column, with a legend', () => {
		const body = rows.slice(headerAt + 1, headerAt + 1 + table.rows.length);
		expect(body.map((r) => [r[1], r[2]])).toEqual([
			['69925', ''],
			['', SUPPRESSED_FLAG],
			['1234567', ''],
		]);
		expect(rows.at(-1)?.[0]).toBe(meta.flagLegend);
		expect(text).not.toContain('disembunyikan;');
	});

	it('keeps names whole and neutralises formulas', () => {
		const body = rows.slice(headerAt + 1, headerAt + 1 + table.rows.length);
		expect(body.map((r) => r[0])).toEqual(['Côte d\'Ivoire, "CI"', 'Papua Selatan', '\'=HYPERLINK("x")']);
	});
});

describe('XLSX', () => {
	const sheet = exportSheet(table, meta);
	const read = xlsxRows(xlsx(sheet, 'Penempatan: menurut [negara]', meta.title));
	const headerAt = read.rows.findIndex((r) => r?.[0]?.value === 'Negara; tujuan');
	const formatOf = (style: string | null) => {
		const id = read.cellFormats[Number(style ?? 0)] ?? '0';
		return read.numFmts[id] ?? { '0': 'General', '3': '#,##0' }[id];
	};

	it('has the header block and the table, numbers stored as numbers rounded as shown', () => {
		expect(read.rows.slice(0, headerAt).map((r) => r?.[0]?.value)).toEqual([
			meta.title,
			meta.subject,
			...meta.filters,
			meta.dataDate,
			meta.source,
			undefined,
		]);
		const body = read.rows.slice(headerAt + 1, headerAt + 1 + table.rows.length);
		body.forEach((row, i) => {
			const numeric = [
				['placements', 1],
				['fillRate', 3],
				['wage', 4],
				['days', 5],
			] as const;
			for (const [key, at] of numeric) {
				const column = table.columns.find((c) => c.key === key)!;
				const shown = displayCell(table, i, column, 'id', 'disembunyikan');
				const cell = row?.[at];
				if (shown === '–' || shown === 'disembunyikan') expect(cell, `row ${i} ${key}`).toBeUndefined();
				else {
					expect(cell?.type, `row ${i} ${key} is a number cell`).toBeNull();
					const expected = column.format === 'percent' ? shownId(shown) / 100 : shownId(shown);
					expect(cell?.value, `row ${i} ${key}: ${shown}`).toBeCloseTo(expected, 10);
				}
			}
		});
		expect(formatOf(body[0]?.[3]?.style ?? null)).toBe('0.0%');
		expect(formatOf(body[0]?.[1]?.style ?? null)).toBe('#,##0');
		expect(body.map((r) => r?.[2]?.value)).toEqual([undefined, SUPPRESSED_FLAG, undefined]);
		expect(read.rows.at(-1)?.[0]?.value).toBe(meta.flagLegend);
	});
});

describe('PDF', () => {
	it('is one page holding the picture, with a cross-reference table that points at its objects', () => {
		const [width, height] = [120, 70];
		const rgb = new Uint8Array(width * height * 3).map((_, i) => (i * 7) % 256);
		const bytes = pdfWithImage(deflateSync(rgb), width, height, 'Penempatan — Arab Saudi');
		const text = Buffer.from(bytes).toString('latin1');
		expect(text.startsWith('%PDF-1.4')).toBe(true);
		expect(text).toMatch(/\/Subtype \/Image \/Width 120 \/Height 70 .*\/Filter \/FlateDecode /);
		// the image stream inflates back to the pixels
		const length = Number(/\/FlateDecode \/Length (\d+)/.exec(text)?.[1]);
		const start = text.indexOf('stream\n', text.indexOf('/FlateDecode')) + 7;
		expect(new Uint8Array(inflateSync(Buffer.from(bytes.slice(start, start + length))))).toEqual(rgb);
		expect(text).toMatch(/\/Count 1 /);
		const xref = Number(/startxref\n(\d+)/.exec(text)?.[1]);
		expect(text.slice(xref, xref + 4)).toBe('xref');
		const offsets = [...text.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
		expect(offsets).toHaveLength(6);
		expect(offsets.map((offset) => text.slice(offset, offset + 8))).toEqual(offsets.map((_, i) => `${i + 1} 0 obj\n`));
	});
});
