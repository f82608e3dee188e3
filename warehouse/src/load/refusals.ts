/**
 * Batches refused as a whole because of what was delivered (not because the server failed), and
 * the checked gzip decoder. A refused batch loads nothing and is recorded as `rejected`; the same
 * bytes are refused the same way every time, corrected bytes are a new batch. Their messages speak
 * about the sender's data only (line, field, size): never a server path or SQL.
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import {
	MAX_DECOMPRESSED_BYTES,
	MAX_GZIP_RATIO,
	MIN_DECOMPRESSED_ALLOWANCE,
	QUARANTINE_MAX_ROWS,
	QUARANTINE_MAX_SHARE,
	QUARANTINE_SHARE_AFTER_ROWS,
} from './limits.ts';

export interface RefusalEntry {
	line: number;
	field: string;
	reason: string;
	raw: string;
}

export class BatchRefused extends Error {
	constructor(
		message: string,
		/** the first problems, to record and report (at most a handful) */
		readonly entries: RefusalEntry[] = [],
	) {
		super(message);
	}
}

/** More bytes than a batch may have (as sent, or once decompressed): HTTP 413. */
export class BodyTooLargeError extends BatchRefused {}

/** The gzip data cannot be decoded: HTTP 400. */
export class CorruptGzipError extends BatchRefused {}

/** Too many rows fail the checks (limits.ts tooManyQuarantined): HTTP 422. */
export class TooManyQuarantinedError extends BatchRefused {}

const n = (x: number) => x.toLocaleString('en');

/** How many bytes `compressedBytes` of gzip may decompress to. */
export function decompressedLimit(compressedBytes: number): number {
	return Math.min(MAX_DECOMPRESSED_BYTES, Math.max(MIN_DECOMPRESSED_ALLOWANCE, compressedBytes * MAX_GZIP_RATIO));
}

export function decompressedTooLarge(compressedBytes: number): BodyTooLargeError {
	const limit = decompressedLimit(compressedBytes);
	return new BodyTooLargeError(
		`the gzip data decompresses to more than ${n(limit)} bytes (the limit is ${MAX_GZIP_RATIO} times the compressed size, at least ${n(MIN_DECOMPRESSED_ALLOWANCE)} and at most ${n(MAX_DECOMPRESSED_BYTES)} bytes)`,
	);
}

export function corruptGzip(detail: string): CorruptGzipError {
	// zlib's own words ("incorrect header check", "unexpected end of file") name no path.
	const why = detail.replace(/[^\x20-\x7e]/g, '').slice(0, 120);
	return new CorruptGzipError(`the gzip data is corrupt (${why || 'cannot be decoded'}); compress the file again and resend it`);
}

export function tooManyQuarantined(bad: number, read: number, entries: RefusalEntry[]): TooManyQuarantinedError {
	const first = entries[0]?.reason;
	return new TooManyQuarantinedError(
		`too many rows fail the checks: ${n(bad)} of ${n(read)} rows read (a batch is refused as a whole when more than ${n(QUARANTINE_MAX_ROWS)} rows, or more than ${Math.round(QUARANTINE_MAX_SHARE * 100)} % of the rows once ${n(QUARANTINE_SHARE_AFTER_ROWS)} have been read, fail); nothing was loaded: correct the data and send it again${first ? `. First problem: ${first}` : ''}`,
		entries,
	);
}

/**
 * Decompresses a gzip stream of `compressedBytes`, refusing it (BodyTooLargeError) as soon as the
 * output passes decompressedLimit, and turning zlib's errors into CorruptGzipError.
 */
export async function* gunzipChecked(source: AsyncIterable<Buffer | Uint8Array | string>, compressedBytes: number): AsyncGenerator<Buffer> {
	const limit = decompressedLimit(compressedBytes);
	const gunzip = createGunzip();
	const input = Readable.from(source, { objectMode: false });
	input.on('error', (error) => gunzip.destroy(error));
	input.pipe(gunzip);
	let out = 0;
	try {
		for await (const chunk of gunzip as AsyncIterable<Buffer>) {
			out += chunk.length;
			if (out > limit) throw decompressedTooLarge(compressedBytes);
			yield chunk;
		}
	} catch (error) {
		if (error instanceof BatchRefused) throw error;
		if ((error as NodeJS.ErrnoException).code?.startsWith('Z_')) throw corruptGzip((error as Error).message);
		throw error;
	} finally {
		input.unpipe(gunzip);
		input.destroy();
		gunzip.destroy();
	}
}
