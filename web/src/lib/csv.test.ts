import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

describe('toCsv', () => {
	const columns = [
		{ header: 'Negara', value: (r: { name: string; n: number | null }) => r.name },
		{ header: 'Penempatan', value: (r: { name: string; n: number | null }) => r.n },
	];

	it('writes a BOM, a header and CRLF lines', () => {
		expect(toCsv([{ name: 'Hong Kong', n: 99773 }], columns)).toBe('\uFEFFNegara,Penempatan\r\nHong Kong,99773\r\n');
	});

	it('quotes commas, quotes and newlines, and leaves missing values empty', () => {
		expect(toCsv([{ name: 'Korea, "Selatan"\nX', n: null }], columns)).toBe('\uFEFFNegara,Penempatan\r\n"Korea, ""Selatan""\nX",\r\n');
	});

	it('neutralises text a spreadsheet would run as a formula, but not negative numbers', () => {
		expect(toCsv([{ name: '=HYPERLINK("x")', n: -5 }], columns)).toBe('\uFEFFNegara,Penempatan\r\n"\'=HYPERLINK(""x"")",-5\r\n');
	});

	it('with ";" between cells quotes cells holding ";" and can leave the header out', () => {
		expect(toCsv([{ name: 'Korea; Selatan', n: 5 }], columns, { separator: ';', header: false })).toBe('\uFEFF"Korea; Selatan";5\r\n');
		expect(toCsv([{ name: 'Korea, Selatan', n: 5 }], columns, { separator: ';' })).toBe(
			'\uFEFFNegara;Penempatan\r\n"Korea, Selatan";5\r\n',
		);
	});
});
