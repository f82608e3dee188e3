import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8, type LineEvent, splitLines } from './lines.ts';
import { NdjsonParser } from './ndjson.ts';

async function events(bytes: Buffer, chunk = 5, maxLineBytes?: number): Promise<LineEvent[]> {
	const pieces: Buffer[] = [];
	for (let i = 0; i < bytes.length; i += chunk) pieces.push(bytes.subarray(i, i + chunk));
	const out: LineEvent[] = [];
	for await (const e of splitLines(pieces, { maxLineBytes })) out.push(e);
	return out;
}

const text = (es: LineEvent[]) => es.map((e) => (e.kind === 'text' ? e.text : `<overlong ${e.bytes}>`)).join('');

describe('splitLines', () => {
	it('hands out complete lines only, whatever the chunk size, and keeps the last line without a break', async () => {
		const input = 'one\ntwo\r\nthree';
		for (const size of [1, 2, 3, 7, 100]) expect(text(await events(Buffer.from(input), size))).toBe(input);
		for (const e of await events(Buffer.from(input), 2))
			if (e.kind === 'text' && !e.text.endsWith('three')) expect(e.text.endsWith('\n')).toBe(true);
	});

	it('keeps multi-byte characters split across chunks intact', async () => {
		const input = 'Bogor — Jawa Barat ✓\nUTF-8 ok\n';
		expect(text(await events(Buffer.from(input), 1))).toBe(input);
		expect((await events(Buffer.from(input), 1)).every((e) => e.kind === 'text' && e.bad.length === 0)).toBe(true);
	});

	it('flags exactly the lines that are not UTF-8, by index in their run', async () => {
		const bytes = Buffer.concat([Buffer.from('ok\nbad '), Buffer.from([0xc3, 0x28]), Buffer.from('\nok\n')]);
		const [run] = await events(bytes, 1000);
		expect(run).toEqual({ kind: 'text', text: 'ok\nbad \uFFFD(\nok\n', bad: [{ index: 1, detail: 'byte 0xC3 at byte 5 of the line' }] });
	});

	it('reports an overlong line by its size and a preview, and goes on after it', async () => {
		const bytes = Buffer.from(`a\n${'x'.repeat(50)}\nb\n`);
		const es = await events(bytes, 4, 20);
		expect(text(es)).toBe('a\n<overlong 50>b\n');
		const overlong = es.find((e) => e.kind === 'overlong');
		expect(overlong?.kind === 'overlong' && overlong.preview.startsWith('xxxx')).toBe(true);
	});

	it('reports an overlong last line without a line break', async () => {
		expect(text(await events(Buffer.from(`a\n${'x'.repeat(30)}`), 4, 20))).toBe('a\n<overlong 30>');
	});

	it('treats a file of only a byte-order mark as empty', async () => {
		expect(await events(Buffer.from([0xef, 0xbb, 0xbf]), 1)).toEqual([]);
	});
});

describe('firstInvalidUtf8', () => {
	it('finds stray continuation bytes, truncated sequences, overlong encodings and surrogates', () => {
		expect(firstInvalidUtf8(Buffer.from('plain ✓'))).toBe(-1);
		expect(firstInvalidUtf8(Buffer.from([0x61, 0x80]))).toBe(1);
		expect(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x9c]))).toBe(1);
		expect(firstInvalidUtf8(Buffer.from([0xc0, 0xaf]))).toBe(0);
		expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
		expect(firstInvalidUtf8(Buffer.from([0xe9, 0x61]))).toBe(0);
	});
});

describe('NDJSON parser', () => {
	const parse = (input: string) => new NdjsonParser().push({ kind: 'text', text: input, bad: [] });

	it('reads one object per line, skipping blank lines but counting them', () => {
		expect(parse('{"a":1}\n\n  \n{"b":"x"}\n').map((r) => [r.line, r.object])).toEqual([
			[1, { a: 1 }],
			[4, { b: 'x' }],
		]);
	});

	it('reports lines that are not JSON objects, and a last line cut off', () => {
		const [bad, list, cut] = parse('{"a":\n[1]\n{"a":1');
		expect(bad?.problem).toMatch(/^line 1 is not valid JSON: /);
		expect(list?.problem).toBe('line 2 is not a JSON object ({"field": value, …})');
		expect(cut?.problem).toMatch(/^line 3 is not valid JSON: .* \(the last line has no line break: is the file cut off\?\)$/);
	});
});
