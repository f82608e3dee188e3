/**
 * Downloads for a briefing: a chart card's table as a CSV that Excel in an Indonesian locale opens
 * correctly, as an XLSX workbook, and the chart itself as a PNG or PDF with its title, active
 * filters, data date and source. Everything is built in the browser from what the card shows (no
 * request to the server, nothing from other hosts); this module is the pure part (no DOM).
 *
 * CSV choice (docs/exports.md): UTF-8 with a byte-order mark, ';' between cells and ',' as the
 * decimal mark, no thousands separator, and no `sep=;` first line. Excel takes the list separator
 * and decimal mark from Windows' regional settings; for id-ID those are ';' and ',', so this file
 * opens in columns with numbers as numbers. A `sep=;` line would make Excel ignore the byte-order
 * mark (names such as "Côte d'Ivoire" or "Türkiye" would come out garbled) and is a stray data row
 * for every other reader. For any other locale the XLSX is the locale-independent choice.
 */
import { toCsv } from './csv.ts';
import type { ValueFormat } from './format.ts';
import type { Lang } from './i18n/index.ts';
import { escapeHtml } from './option-tags.ts';
import { cellOf, type DataTable, isSuppressed } from './table.ts';

/** SDMX observation-confidentiality code "C" (confidential), as Eurostat and BPS tables flag it. */
export const SUPPRESSED_FLAG = 'C';

/** What a download says about itself, in the reader's language. */
export interface ExportMeta {
	/** the card's title, e.g. "Permintaan dan penempatan per bulan" */
	title: string;
	/** the page's subject, e.g. "Arab Saudi: Konstruksi" (absent on national pages) */
	subject?: string | null;
	/** one line per active filter, label and value, e.g. "Periode: Jan 2026 – Nov 2026" */
	filters: string[];
	/** "Data sampai: 2026-11-30" */
	dataDate: string | null;
	/** "Sumber: SLMI — KP2MI …" */
	source: string;
	/** the flag legend, in both languages (a file travels between readers) */
	flagLegend: string;
	/** header suffix of a suppression flag column, e.g. "status" */
	flagLabel: string;
}

/** `slmi_<dataset>_<scope>_<period…>_<lang>.<ext>`: what, where, when and in which language. */
export function exportFileName(parts: {
	dataset: string;
	scope?: string | null;
	period: (string | null | undefined)[];
	lang: Lang;
	ext: string;
}): string {
	const clean = (s: string) => s.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
	const pieces = ['slmi', parts.dataset, parts.scope ?? '', ...parts.period.map((p) => p ?? ''), parts.lang].map(clean).filter(Boolean);
	return `${pieces.join('_')}.${clean(parts.ext)}`;
}

/** Decimals each display format shows (format.ts); percentages count in fractions of 1. */
const DECIMALS: Record<ValueFormat, number> = { number: 0, currency: 0, decimal: 1, percent: 3 };

/**
 * A value rounded to what the page shows, half away from zero on the value's exact decimal
 * expansion, as Intl.NumberFormat rounds (toFixed does the same).
 */
export function roundAsShown(value: number, format: ValueFormat): number {
	const rounded = Number(value.toFixed(DECIMALS[format]));
	return Object.is(rounded, -0) ? 0 : rounded;
}

const UNIT: Partial<Record<ValueFormat, string>> = { percent: '%', currency: 'USD' };

/** A cell of an export sheet: text, a number shown in a display format, or nothing. */
export type SheetCell = { text: string; bold?: boolean } | { number: number; format: ValueFormat } | null;

/**
 * The sheet both files hold: a header block (title, subject, filters, data date, source), a blank
 * row, the table (numbers rounded as shown; a withheld cell empty, with a flag column after each
 * column that has one), a blank row and the flag legend.
 */
export function exportSheet(table: DataTable, meta: ExportMeta): SheetCell[][] {
	const text = (t: string, bold = false): SheetCell => ({ text: t, bold });
	const rows: SheetCell[][] = [[text(meta.title, true)]];
	if (meta.subject) rows.push([text(meta.subject)]);
	for (const line of meta.filters) rows.push([text(line)]);
	if (meta.dataDate) rows.push([text(meta.dataDate)]);
	rows.push([text(meta.source)], []);
	const flagged = new Set(table.columns.filter((c) => table.rows.some((_, i) => isSuppressed(table, i, c.key))).map((c) => c.key));
	const header: SheetCell[] = [];
	for (const column of table.columns) {
		const unit = column.format ? UNIT[column.format] : undefined;
		header.push(text(unit ? `${column.label} (${unit})` : column.label, true));
		if (flagged.has(column.key)) header.push(text(`${column.label} – ${meta.flagLabel}`, true));
	}
	rows.push(header);
	table.rows.forEach((_, i) => {
		const row: SheetCell[] = [];
		for (const column of table.columns) {
			const hidden = isSuppressed(table, i, column.key);
			const value = cellOf(table, i, column.key);
			if (hidden) row.push(null);
			else if (column.format) {
				const n = typeof value === 'number' ? value : value === null || value === '' ? Number.NaN : Number(value);
				row.push(Number.isFinite(n) ? { number: roundAsShown(n, column.format), format: column.format } : null);
			} else row.push(value === null ? null : text(String(value)));
			if (flagged.has(column.key)) row.push(hidden ? text(SUPPRESSED_FLAG) : null);
		}
		rows.push(row);
	});
	if (flagged.size > 0) rows.push([], [text(meta.flagLegend)]);
	return rows;
}

/** A number as the CSV writes it: percentages in points, ',' as the decimal mark, no grouping. */
export function csvNumber(value: number, format: ValueFormat): string {
	const shown = format === 'percent' ? Number((value * 100).toFixed(1)) : value;
	return String(shown).replace('.', ',');
}

/** The sheet as a CSV for Excel in an Indonesian locale (see the module comment). */
export function excelCsv(table: DataTable, meta: ExportMeta): string {
	const sheet = exportSheet(table, meta);
	const width = Math.max(...sheet.map((r) => r.length));
	return toCsv(
		sheet.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? null)),
		Array.from({ length: width }, (_, i) => ({
			header: '',
			value: (row: SheetCell[]) => {
				const c = row[i];
				if (!c) return null;
				return 'text' in c ? c.text : csvNumber(c.number, c.format);
			},
		})),
		{ separator: ';', header: false },
	);
}

// ---------------------------------------------------------------------------------------------
// XLSX: the Office Open XML zip written directly (a few files, stored uncompressed), so no
// dependency is needed. Numbers are numbers with a display format; Excel shows them with the
// reader's own separators.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

/** A zip archive of stored (uncompressed) files. */
export function zip(files: { name: string; data: Uint8Array }[]): Uint8Array {
	const encoder = new TextEncoder();
	const chunks: Uint8Array[] = [];
	const central: Uint8Array[] = [];
	let offset = 0;
	// 1 Jan 2026 00:00 in DOS format: a fixed stamp keeps identical exports byte-identical.
	const dosTime = 0;
	const dosDate = ((2026 - 1980) << 9) | (1 << 5) | 1;
	for (const file of files) {
		const name = encoder.encode(file.name);
		const crc = crc32(file.data);
		const local = new DataView(new ArrayBuffer(30));
		local.setUint32(0, 0x04034b50, true);
		local.setUint16(4, 20, true);
		local.setUint16(6, 0x0800, true); // UTF-8 names
		local.setUint16(8, 0, true); // stored
		local.setUint16(10, dosTime, true);
		local.setUint16(12, dosDate, true);
		local.setUint32(14, crc, true);
		local.setUint32(18, file.data.length, true);
		local.setUint32(22, file.data.length, true);
		local.setUint16(26, name.length, true);
		local.setUint16(28, 0, true);
		const entry = new DataView(new ArrayBuffer(46));
		entry.setUint32(0, 0x02014b50, true);
		entry.setUint16(4, 20, true);
		entry.setUint16(6, 20, true);
		entry.setUint16(8, 0x0800, true);
		entry.setUint16(10, 0, true);
		entry.setUint16(12, dosTime, true);
		entry.setUint16(14, dosDate, true);
		entry.setUint32(16, crc, true);
		entry.setUint32(20, file.data.length, true);
		entry.setUint32(24, file.data.length, true);
		entry.setUint16(28, name.length, true);
		entry.setUint32(42, offset, true);
		chunks.push(new Uint8Array(local.buffer), name, file.data);
		central.push(new Uint8Array(entry.buffer), name);
		offset += 30 + name.length + file.data.length;
	}
	const centralSize = central.reduce((s, c) => s + c.length, 0);
	const end = new DataView(new ArrayBuffer(22));
	end.setUint32(0, 0x06054b50, true);
	end.setUint16(8, files.length, true);
	end.setUint16(10, files.length, true);
	end.setUint32(12, centralSize, true);
	end.setUint32(16, offset, true);
	return concat([...chunks, ...central, new Uint8Array(end.buffer)]);
}

function concat(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

function xml(text: string): string {
	// characters XML 1.0 cannot hold at all are removed; the rest is escaped as in HTML
	// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
	return escapeHtml(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ''));
}

function columnName(index: number): string {
	let name = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
	return name;
}

/** cellXfs indexes in styles.xml below */
const STYLE: Record<ValueFormat | 'bold', number> = { number: 1, currency: 1, decimal: 2, percent: 3, bold: 4 };

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.0"/><numFmt numFmtId="165" formatCode="0.0%"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>`;

/** The sheet as an .xlsx workbook with one worksheet. */
export function xlsx(sheet: SheetCell[][], sheetName: string, title: string): Uint8Array {
	const rows = sheet
		.map((row, r) => {
			const cells = row
				.map((c, i) => {
					if (!c) return '';
					const ref = `${columnName(i)}${r + 1}`;
					if ('number' in c) return `<c r="${ref}" s="${STYLE[c.format]}"><v>${c.number}</v></c>`;
					return `<c r="${ref}" t="inlineStr"${c.bold ? ` s="${STYLE.bold}"` : ''}><is><t xml:space="preserve">${xml(c.text)}</t></is></c>`;
				})
				.join('');
			return `<row r="${r + 1}">${cells}</row>`;
		})
		.join('');
	const name = xml(sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'SLMI');
	const encoder = new TextEncoder();
	const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
	const files: [string, string][] = [
		[
			'[Content_Types].xml',
			`${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
		],
		[
			'_rels/.rels',
			`${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
		],
		[
			'docProps/core.xml',
			`${head}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${xml(title)}</dc:title><dc:creator>SLMI</dc:creator></cp:coreProperties>`,
		],
		[
			'xl/workbook.xml',
			`${head}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		],
		[
			'xl/_rels/workbook.xml.rels',
			`${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
		],
		['xl/styles.xml', STYLES],
		[
			'xl/worksheets/sheet1.xml',
			`${head}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols><col min="1" max="1" width="36" customWidth="1"/><col min="2" max="16" width="16" customWidth="1"/></cols><sheetData>${rows}</sheetData></worksheet>`,
		],
	];
	return zip(files.map(([n, text]) => ({ name: n, data: encoder.encode(text) })));
}

// ---------------------------------------------------------------------------------------------
// PDF: one A4 landscape page holding the same picture as the PNG export (title, filters, chart,
// legend, data date and source drawn into it), lossless: its RGB pixels zlib-compressed, which PDF
// reads as they are (FlateDecode). A few objects written by hand instead of a PDF library:
// nothing to download at run time.

/** A PDF text string: UTF-16BE with a byte-order mark, so Indonesian and English titles survive. */
function pdfText(text: string): string {
	let hex = 'FEFF';
	for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
	return `<${hex}>`;
}

/** `pixels`: width × height × 3 bytes of RGB, zlib-compressed (CompressionStream('deflate')). */
export function pdfWithImage(pixels: Uint8Array, width: number, height: number, title: string): Uint8Array {
	const page = { w: 842, h: 595, margin: 28 };
	const scale = Math.min((page.w - 2 * page.margin) / width, (page.h - 2 * page.margin) / height);
	const [w, h] = [width * scale, height * scale];
	const [x, y] = [(page.w - w) / 2, page.h - page.margin - h];
	const draw = `q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} ${x.toFixed(2)} ${y.toFixed(2)} cm /Im1 Do Q`;
	const encoder = new TextEncoder();
	const parts: Uint8Array[] = [];
	const offsets: number[] = [];
	let length = 0;
	const push = (p: string | Uint8Array) => {
		const bytes = typeof p === 'string' ? encoder.encode(p) : p;
		parts.push(bytes);
		length += bytes.length;
	};
	const object = (n: number, body: string | Uint8Array[]) => {
		offsets[n] = length;
		if (typeof body === 'string') push(`${n} 0 obj\n${body}\nendobj\n`);
		else {
			push(`${n} 0 obj\n`);
			for (const b of body) push(b);
			push('\nendobj\n');
		}
	};
	push('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n');
	object(1, '<< /Type /Catalog /Pages 2 0 R >>');
	object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
	object(
		3,
		`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${page.w} ${page.h}] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>`,
	);
	object(4, [
		encoder.encode(
			`<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /Length ${pixels.length} >>\nstream\n`,
		),
		pixels,
		encoder.encode('\nendstream'),
	]);
	object(5, `<< /Length ${draw.length} >>\nstream\n${draw}\nendstream`);
	object(6, `<< /Title ${pdfText(title)} /Producer (SLMI) >>`);
	const xref = length;
	push(
		`xref\n0 7\n0000000000 65535 f \n${offsets
			.slice(1)
			.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)
			.join('')}`,
	);
	push(`trailer\n<< /Size 7 /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
	return concat(parts);
}
