import { describe, expect, it } from 'vitest';
import { CsvParser, parseCsvText, type RawRecord } from './csv.ts';
import { splitLines } from './lines.ts';

async function parseBytes(bytes: Buffer, chunkSize = 7, maxLineBytes?: number): Promise<RawRecord[]> {
	async function* chunks() {
		for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
	}
	const parser = new CsvParser();
	const out: RawRecord[] = [];
	for await (const event of splitLines(chunks(), { maxLineBytes })) out.push(...parser.push(event));
	out.push(...parser.end());
	return out;
}

const summary = (records: RawRecord[]) => records.map((r) => ({ line: r.line, fields: r.fields, problem: r.problem }));

describe('CSV parser', () => {
	it('splits plain lines and numbers them', () => {
		expect(summary(parseCsvText('a,b,c\n1,2,3\n'))).toEqual([
			{ line: 1, fields: ['a', 'b', 'c'], problem: undefined },
			{ line: 2, fields: ['1', '2', '3'], problem: undefined },
		]);
	});

	it('reads quoted fields with commas, doubled quotes and line breaks, and keeps physical line numbers', () => {
		const text = 'id,note\n1,"a, b"\n2,"say ""hi"""\n3,"two\nlines"\n4,x\n';
		expect(summary(parseCsvText(text))).toEqual([
			{ line: 1, fields: ['id', 'note'], problem: undefined },
			{ line: 2, fields: ['1', 'a, b'], problem: undefined },
			{ line: 3, fields: ['2', 'say "hi"'], problem: undefined },
			{ line: 4, fields: ['3', 'two\nlines'], problem: undefined },
			{ line: 6, fields: ['4', 'x'], problem: undefined },
		]);
	});

	it('accepts CRLF line ends, inside quotes too, and empty fields', () => {
		expect(summary(parseCsvText('a,b\r\n1,\r\n"x\r\ny",""\r\n'))).toEqual([
			{ line: 1, fields: ['a', 'b'], problem: undefined },
			{ line: 2, fields: ['1', ''], problem: undefined },
			{ line: 3, fields: ['x\r\ny', ''], problem: undefined },
		]);
	});

	it('skips blank lines but counts them', () => {
		expect(summary(parseCsvText('a\n\n\r\nb\n'))).toEqual([
			{ line: 1, fields: ['a'], problem: undefined },
			{ line: 4, fields: ['b'], problem: undefined },
		]);
	});

	it('drops a UTF-8 byte-order mark, even split across chunks', async () => {
		const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id,x\n1,2\n')]);
		for (const size of [1, 2, 3, 64]) {
			expect(summary(await parseBytes(bytes, size))[0]).toEqual({ line: 1, fields: ['id', 'x'], problem: undefined });
		}
	});

	it('gives the same records whatever the chunking', async () => {
		const text = 'id,note\r\n1,"a,\r\n""b"""\r\n2,plain\r\n3,"x"\r\n';
		const whole = summary(parseCsvText(text));
		for (const size of [1, 2, 5, 13]) expect(summary(await parseBytes(Buffer.from(text), size))).toEqual(whole);
	});

	it('reads a last line without a line break and marks it', () => {
		const records = parseCsvText('a,b\n1,2');
		expect(records[1]).toMatchObject({ line: 2, fields: ['1', '2'], unterminated: true });
	});

	it('reports a file that ends inside quotes (truncated last line)', () => {
		const records = parseCsvText('a,b\n1,2\n3,"unfinished\nmore');
		expect(records).toHaveLength(3);
		expect(records[2]).toMatchObject({ line: 3, unterminated: true });
		expect(records[2]?.problem).toMatch(/^line 3: the file ends inside a quoted field/);
		expect(records[2]?.raw).toBe('3,"unfinished\nmore');
	});

	it('rejects a stray quote and text after a closing quote, and carries on with the next line', () => {
		const records = parseCsvText('a,b\n1,ab"c\n2,"x"y\n3,ok\n');
		expect(records[1]?.problem).toMatch(/^line 2: a quote \("\) inside a field/);
		expect(records[2]?.problem).toMatch(/^line 3: unexpected character 'y' after a closing quote/);
		expect(records[3]).toMatchObject({ line: 4, fields: ['3', 'ok'] });
	});

	it('quarantines only the lines that are not valid UTF-8', async () => {
		const bytes = Buffer.concat([Buffer.from('id,name\n1,ok\n2,caf'), Buffer.from([0xe9]), Buffer.from('\n3,fine\n')]);
		const records = await parseBytes(bytes, 4);
		expect(records[1]).toMatchObject({ line: 2, fields: ['1', 'ok'] });
		expect(records[2]?.problem).toBe('line 3 is not valid UTF-8 (byte 0xE9 at byte 6 of the line); save the file as UTF-8');
		expect(records[2]?.raw).toBe('2,caf\uFFFD');
		expect(records[3]).toMatchObject({ line: 4, fields: ['3', 'fine'] });
	});

	it('rejects an overlong line without holding it, and reads on', async () => {
		const long = 'x'.repeat(5000);
		const bytes = Buffer.from(`id,v\n1,${long}\n2,short\n`);
		const records = await parseBytes(bytes, 100, 1000);
		expect(records[1]?.line).toBe(2);
		expect(records[1]?.problem).toMatch(/^line 2 is 5,002 bytes long; lines longer than/);
		expect(records[1]?.raw.length).toBeLessThanOrEqual(2000);
		expect(records[2]).toMatchObject({ line: 3, fields: ['2', 'short'] });
	});

	it('handles a 3 MB line in bounded memory', async () => {
		const bytes = Buffer.concat([Buffer.from('id,v\n1,'), Buffer.alloc(3 * 1024 * 1024, 0x61), Buffer.from('\n2,b\n')]);
		const records = await parseBytes(bytes, 64 * 1024);
		expect(records.map((r) => r.line)).toEqual([1, 2, 3]);
		expect(records[1]?.problem).toMatch(/^line 2 is 3,145,730 bytes long/);
		expect(records[2]?.fields).toEqual(['2', 'b']);
	});

	it('rejects a quoted record that never closes within the limit', async () => {
		const body = Array.from({ length: 50 }, () => 'y'.repeat(50)).join('\n');
		const bytes = Buffer.from(`id,v\n1,"${body}\n`);
		const parser = new CsvParser({ maxRecordChars: 1000 });
		const records: RawRecord[] = [];
		for await (const event of splitLines([bytes])) records.push(...parser.push(event));
		records.push(...parser.end());
		expect(records[1]?.problem).toMatch(/^line 2: the record runs over more than/);
	});
});
