/**
 * Turns a byte stream into runs of complete physical lines, decoded as UTF-8, without ever
 * holding more than one chunk plus one line. Splitting on the newline byte is safe before
 * decoding: 0x0A never occurs inside a multi-byte UTF-8 sequence.
 *
 * - a UTF-8 byte-order mark at the start is dropped;
 * - a run that is valid UTF-8 (nearly always) is decoded in one call; otherwise each line is
 *   checked and the invalid ones are reported by their index in the run, so the parser can
 *   quarantine exactly those lines;
 * - a line longer than MAX_LINE_BYTES is not accumulated: the scanner keeps its first bytes for
 *   the quarantine entry and skips to the next newline.
 */
import { isUtf8 } from 'node:buffer';
import { CHUNK_BYTES, MAX_LINE_BYTES, MAX_RAW_CHARS } from './limits.ts';

export interface BadLine {
	/** 0-based index of the line within its text run */
	index: number;
	/** where and what the first invalid byte is */
	detail: string;
}

export type LineEvent =
	/** complete lines; every line ends with '\n' except the very last line of the input */
	| { kind: 'text'; text: string; bad: BadLine[] }
	/** one physical line that exceeded MAX_LINE_BYTES; it was skipped, not held */
	| { kind: 'overlong'; bytes: number; preview: string };

export interface SplitOptions {
	/** called with the number of bytes consumed, for progress reports */
	onBytes?: (bytes: number) => void;
	/** override for tests */
	maxLineBytes?: number;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const PREVIEW_BYTES = MAX_RAW_CHARS * 4;

/** Offset of the first byte that breaks UTF-8 in `bytes`, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
	let i = 0;
	while (i < bytes.length) {
		const b = bytes[i] as number;
		if (b < 0x80) {
			i++;
			continue;
		}
		let need: number;
		let min: number;
		if (b >= 0xc2 && b <= 0xdf) {
			need = 1;
			min = 0x80;
		} else if (b >= 0xe0 && b <= 0xef) {
			need = 2;
			min = 0x800;
		} else if (b >= 0xf0 && b <= 0xf4) {
			need = 3;
			min = 0x10000;
		} else {
			return i;
		}
		let cp = b & (0x3f >> need);
		for (let k = 1; k <= need; k++) {
			const c = bytes[i + k];
			if (c === undefined || (c & 0xc0) !== 0x80) return i;
			cp = (cp << 6) | (c & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
		i += need + 1;
	}
	return -1;
}

function describeInvalid(line: Uint8Array): string {
	const at = firstInvalidUtf8(line);
	const byte = line[at] ?? 0;
	return `byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} at byte ${at + 1} of the line`;
}

function textEvent(bytes: Buffer): LineEvent {
	if (isUtf8(bytes)) return { kind: 'text', text: bytes.toString('utf8'), bad: [] };
	const bad: BadLine[] = [];
	let start = 0;
	let index = 0;
	while (start < bytes.length) {
		const nl = bytes.indexOf(10, start);
		const end = nl === -1 ? bytes.length : nl;
		const line = bytes.subarray(start, end);
		if (!isUtf8(line)) bad.push({ index, detail: describeInvalid(line) });
		start = end + 1;
		index++;
	}
	// Invalid bytes become U+FFFD, so the kept raw text shows where the damage is.
	return { kind: 'text', text: bytes.toString('utf8'), bad };
}

function toBuffer(chunk: Buffer | Uint8Array | string): Buffer {
	if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
	return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Splits `source` into line runs; see the module comment. */
export async function* splitLines(
	source: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>,
	options: SplitOptions = {},
): AsyncGenerator<LineEvent> {
	const maxLine = options.maxLineBytes ?? MAX_LINE_BYTES;
	// With pieces no longer than a line may be, only a line that grew from carried bytes can be too long.
	const pieceBytes = Math.min(CHUNK_BYTES, maxLine);
	let carry: Buffer | undefined;
	let atStart = true;
	let skipping = false;
	let skippedBytes = 0;
	let skipPreview = '';

	function startSkipping(buf: Buffer): void {
		skipping = true;
		skippedBytes = buf.length;
		skipPreview = buf.subarray(0, PREVIEW_BYTES).toString('utf8');
		carry = undefined;
	}

	function* piece(input: Buffer): Generator<LineEvent> {
		let bytes = input;
		if (skipping) {
			const nl = bytes.indexOf(10);
			if (nl === -1) {
				skippedBytes += bytes.length;
				return;
			}
			skippedBytes += nl;
			skipping = false;
			yield { kind: 'overlong', bytes: skippedBytes, preview: skipPreview };
			bytes = bytes.subarray(nl + 1);
			if (bytes.length === 0) return;
		}
		let buf = carry ? Buffer.concat([carry, bytes]) : bytes;
		const hadCarry = carry !== undefined;
		carry = undefined;
		if (atStart) {
			if (buf.length < BOM.length && BOM.subarray(0, buf.length).equals(buf)) {
				carry = Buffer.from(buf);
				return;
			}
			atStart = false;
			if (buf.subarray(0, 3).equals(BOM)) buf = buf.subarray(3);
		}
		let lastNl = buf.lastIndexOf(10);
		if (lastNl === -1) {
			if (buf.length > maxLine) startSkipping(buf);
			else carry = Buffer.from(buf);
			return;
		}
		if (hadCarry) {
			let start = 0;
			let nl = buf.indexOf(10);
			while (nl !== -1 && nl - start > maxLine) {
				yield { kind: 'overlong', bytes: nl - start, preview: buf.subarray(start, start + PREVIEW_BYTES).toString('utf8') };
				start = nl + 1;
				nl = buf.indexOf(10, start);
			}
			if (start > 0) {
				buf = buf.subarray(start);
				lastNl -= start;
			}
			if (lastNl < 0) {
				if (buf.length > maxLine) startSkipping(buf);
				else if (buf.length > 0) carry = Buffer.from(buf);
				return;
			}
		}
		if (lastNl + 1 < buf.length) {
			const rest = buf.subarray(lastNl + 1);
			if (rest.length > maxLine) startSkipping(rest);
			else carry = Buffer.from(rest);
		}
		yield textEvent(buf.subarray(0, lastNl + 1));
	}

	for await (const chunk of source) {
		const buf = toBuffer(chunk);
		options.onBytes?.(buf.length);
		for (let off = 0; off < buf.length; off += pieceBytes) {
			yield* piece(buf.subarray(off, Math.min(off + pieceBytes, buf.length)));
		}
	}
	if (skipping) {
		yield { kind: 'overlong', bytes: skippedBytes, preview: skipPreview };
	} else if (carry && carry.length > 0) {
		let last: Buffer = carry;
		if (atStart && last.equals(BOM.subarray(0, last.length))) return;
		if (last.length > maxLine) {
			yield { kind: 'overlong', bytes: last.length, preview: last.subarray(0, PREVIEW_BYTES).toString('utf8') };
		} else {
			if (atStart && last.subarray(0, 3).equals(BOM)) last = last.subarray(3);
			yield textEvent(last);
		}
	}
}
