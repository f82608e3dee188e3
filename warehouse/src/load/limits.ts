/**
 * The loader's documented limits (docs/ingestion.md lists them for the people who send files).
 * They bound memory: no single line, field or quarantine entry can make the loader hold more
 * than a few megabytes, whatever arrives.
 */

/** A field longer than this (in characters) is rejected: no interchange field is legitimately longer. */
export const MAX_FIELD_CHARS = 4096;

/**
 * A physical line longer than this (in bytes) is rejected without being held in memory; the
 * loader skips to the next newline. A quoted CSV record spanning several lines has the same cap
 * in total (a longer one is almost always an unterminated quote).
 */
export const MAX_LINE_BYTES = 1024 * 1024;

/** The raw text kept with a quarantined row (ops_quarantine.raw). */
export const MAX_RAW_CHARS = 2000;

/** Read size for files; larger chunks from other streams are cut to this, which keeps the line scanner simple. */
export const CHUNK_BYTES = 64 * 1024;

/** Quarantine entries found while parsing are written to ClickHouse in groups of this many. */
export const QUARANTINE_FLUSH_ROWS = 5000;

/** How many quarantine reasons a batch report (and an HTTP response) carries. */
export const REPORT_QUARANTINE_SAMPLE = 20;

/**
 * Decompressed size of a gzip batch (HTTP body or .gz file): at most MAX_GZIP_RATIO times its
 * compressed size (but always at least MIN_DECOMPRESSED_ALLOWANCE), and never more than
 * MAX_DECOMPRESSED_BYTES. Interchange files compress 3–5 times; a gzip "bomb" compresses up to
 * about 1,000 times. Checked while decompressing, so a bomb is refused after reading the allowance,
 * never expanded in full.
 */
export const MAX_GZIP_RATIO = 20;
export const MIN_DECOMPRESSED_ALLOWANCE = 1024 * 1024;
export const MAX_DECOMPRESSED_BYTES = 1024 * 1024 * 1024;

/**
 * Quarantined rows per batch. A batch is refused as a whole (nothing loaded, status `rejected`)
 * when more than QUARANTINE_MAX_ROWS of its rows fail the checks, or, once at least
 * QUARANTINE_SHARE_AFTER_ROWS rows have been read, when more than QUARANTINE_MAX_SHARE of the rows
 * read so far fail: such a file is the wrong file or garbage, and quarantining it row by row only
 * fills ops_quarantine. Checked while parsing (stage.ts), and again after the checks that need the
 * warehouse (publish.ts makePlan: unknown references, duplicates, slots).
 */
export const QUARANTINE_MAX_ROWS = 10_000;
export const QUARANTINE_MAX_SHARE = 0.5;
export const QUARANTINE_SHARE_AFTER_ROWS = 1_000;

/** The caps above: true when `bad` quarantined rows out of `read` rows read must refuse the batch. */
export function quarantineOverCap(bad: number, read: number): boolean {
	return bad > QUARANTINE_MAX_ROWS || (read >= QUARANTINE_SHARE_AFTER_ROWS && bad > read * QUARANTINE_MAX_SHARE);
}
