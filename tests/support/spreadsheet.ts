/**
 * Reading downloaded files the way another program would, without our own writers: a zip reader
 * (central directory, stored or deflated entries, as Excel and LibreOffice write them), the cells
 * of an .xlsx worksheet, a CSV parser with a chosen separator, and the size of a PNG.
 */
import { inflateRawSync } from 'node:zlib';

export function unzip(bytes: Uint8Array): Map<string, Buffer> {
	const buffer = Buffer.from(bytes);
	let end = buffer.length - 22;
	while (end >= 0 && buffer.readUInt32LE(end) !== 0x06054b50) end--;
	if (end < 0) throw new Error('not a zip: no end of central directory');
	const count = buffer.readUInt16LE(end + 10);
	let at = buffer.readUInt32LE(end + 16);
	const files = new Map<string, Buffer>();
	for (let i = 0; i < count; i++) {
		if (buffer.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry');
		const method = buffer.readUInt16LE(at + 10);
		const size = buffer.readUInt32LE(at + 20);
		const nameLength = buffer.readUInt16LE(at + 28);
		const extra = buffer.readUInt16LE(at + 30);
		const comment = buffer.readUInt16LE(at + 32);
		const local = buffer.readUInt32LE(at + 42);
		const name = buffer.subarray(at + 46, at + 46 + nameLength).toString('utf8');
		if (buffer.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
		const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
		const data = buffer.subarray(start, start + size);
		files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
		at += 46 + nameLength + extra + comment;
	}
	return files;
}

export type XlsxCell = { ref: string; type: string | null; style: string | null; value: string | number };

const decode = (s: string) =>
	s
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&amp;/g, '&');

/** The first worksheet of an .xlsx as rows of cells (row index from 0; missing cells are absent). */
export function xlsxRows(bytes: Uint8Array): { rows: (XlsxCell | undefined)[][]; numFmts: Record<string, string>; cellFormats: string[] } {
	const files = unzip(bytes);
	const sheet = files.get('xl/worksheets/sheet1.xml')?.toString('utf8');
	if (!sheet) throw new Error('no xl/worksheets/sheet1.xml');
	for (const required of ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels']) {
		if (!files.has(required)) throw new Error(`missing ${required}`);
	}
	const shared = [...(files.get('xl/sharedStrings.xml')?.toString('utf8') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
		decode([...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')),
	);
	const rows: (XlsxCell | undefined)[][] = [];
	for (const row of sheet.matchAll(/<row [^>]*r="(\d+)"[^>]*>([\s\S]*?)<\/row>|<row [^>]*r="(\d+)"[^>]*\/>/g)) {
		const r = Number(row[1] ?? row[3]) - 1;
		const cells: (XlsxCell | undefined)[] = [];
		for (const c of (row[2] ?? '').matchAll(/<c ([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
			const attrs = Object.fromEntries([...c[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
			const ref = attrs.r ?? '';
			const column = [...ref.replace(/\d+/g, '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
			const body = c[2] ?? '';
			const type = attrs.t ?? null;
			let value: string | number;
			if (type === 'inlineStr') value = decode([...body.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''));
			else if (type === 's') value = shared[Number(/<v>([^<]*)<\/v>/.exec(body)?.[1])] ?? '';
			else if (type === 'str') value = decode(/<v>([^<]*)<\/v>/.exec(body)?.[1] ?? '');
			else value = Number(/<v>([^<]*)<\/v>/.exec(body)?.[1]);
			cells[column] = { ref, type, style: attrs.s ?? null, value };
		}
		rows[r] = cells;
	}
	const styles = files.get('xl/styles.xml')?.toString('utf8') ?? '';
	const numFmts = Object.fromEntries(
		[...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((m) => [m[1], decode(m[2]!)]),
	);
	const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
	const cellFormats = [...cellXfs.matchAll(/<xf [^>]*numFmtId="(\d+)"/g)].map((m) => m[1]!);
	return { rows, numFmts, cellFormats };
}

/** RFC 4180 parsing with a chosen separator (quotes, doubled quotes, separators and line ends inside quotes). */
export function parseCsv(text: string, separator: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	const input = text.replace(/^\uFEFF/, '');
	for (let i = 0; i < input.length; i++) {
		const ch = input[i]!;
		if (quoted) {
			if (ch === '"' && input[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else cell += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === separator) {
			row.push(cell);
			cell = '';
		} else if (ch === '\r' && input[i + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			i++;
		} else if (ch === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += ch;
	}
	if (cell !== '' || row.length > 0) {
		row.push(cell);
		rows.push(row);
	}
	return rows;
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
	const buffer = Buffer.from(bytes);
	if (buffer.readUInt32BE(0) !== 0x89504e47 || buffer.toString('ascii', 12, 16) !== 'IHDR') throw new Error('not a PNG');
	return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}
