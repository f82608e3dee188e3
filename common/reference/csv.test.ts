import { describe, expect, it } from 'vitest';
import { CsvError, formatCsv, parseCsv, parseCsvRecords } from './csv.ts';

describe('parseCsv', () => {
	it('splits plain fields and rows', () => {
		expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([
			['a', 'b', 'c'],
			['1', '2', '3'],
		]);
	});

	it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
		const text = 'name,note\n"Kota Bima, NTB","say ""halo""\nand bye"\n';
		expect(parseCsv(text)).toEqual([
			['name', 'note'],
			['Kota Bima, NTB', 'say "halo"\nand bye'],
		]);
	});

	it('accepts CRLF line ends, including inside a quoted field', () => {
		expect(parseCsv('a,b\r\n"x\r\ny",z\r\n')).toEqual([
			['a', 'b'],
			['x\r\ny', 'z'],
		]);
	});

	it('drops a UTF-8 byte-order mark so the first column name stays clean', () => {
		expect(parseCsv('\uFEFFcode,name\n11,Aceh')).toEqual([
			['code', 'name'],
			['11', 'Aceh'],
		]);
	});

	it('keeps empty fields, an empty quoted field and a missing final line end', () => {
		expect(parseCsv('a,,c\n""\n,\nx,y')).toEqual([['a', '', 'c'], [''], ['', ''], ['x', 'y']]);
	});

	it('skips blank lines', () => {
		expect(parseCsv('a\n\n\nb\n\n')).toEqual([['a'], ['b']]);
	});

	it('keeps non-ASCII text as is', () => {
		expect(parseCsv('Türkiye,Åland Islands,Côte d’Ivoire')).toEqual([['Türkiye', 'Åland Islands', 'Côte d’Ivoire']]);
	});

	it('rejects an unterminated quote and names the line it opened on', () => {
		expect(() => parseCsv('a\n"open,\nmore')).toThrow(/Unterminated quoted field \(line 2\)/);
	});

	it('rejects a quote in the middle of an unquoted field', () => {
		expect(() => parseCsv('ab"c,d')).toThrow(CsvError);
	});

	it('rejects text after a closing quote', () => {
		expect(() => parseCsv('"ab"c,d')).toThrow(/after closing quote/);
	});
});

describe('parseCsvRecords', () => {
	it('keys fields by the header', () => {
		expect(parseCsvRecords('code,name\n11,Aceh\n12,Sumatera Utara\n')).toEqual([
			{ code: '11', name: 'Aceh' },
			{ code: '12', name: 'Sumatera Utara' },
		]);
	});

	it('enforces the expected column contract', () => {
		expect(() => parseCsvRecords('code,nama\n11,Aceh\n', ['code', 'name'])).toThrow(/expected "code,name"/);
		expect(parseCsvRecords('code,name\n', ['code', 'name'])).toEqual([]);
	});

	it('reports a row with the wrong number of fields by its line', () => {
		expect(() => parseCsvRecords('a,b\n1,2\n3\n')).toThrow(/Row has 1 fields, header has 2 \(line 3\)/);
	});

	it('rejects an empty file and a duplicated column', () => {
		expect(() => parseCsvRecords('')).toThrow(/Missing header/);
		expect(() => parseCsvRecords('a,a\n1,2\n')).toThrow(/Duplicate column/);
	});
});

describe('formatCsv', () => {
	it('quotes only the fields that need it and round-trips through parseCsv', () => {
		const rows = [
			['code', 'name', 'note'],
			['1', 'PT "Maju", Tbk', 'two\nlines'],
			['2', ' padded ', ''],
		];
		const text = formatCsv(rows);
		expect(text).toBe('code,name,note\n1,"PT ""Maju"", Tbk","two\nlines"\n2," padded ",\n');
		expect(parseCsv(text)).toEqual(rows);
	});

	it('writes nothing for no rows', () => {
		expect(formatCsv([])).toBe('');
	});
});
