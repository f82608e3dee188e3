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
