/**
 * Rollups: the agg_* tables, derived from the facts and rebuilt after every load. They are not
 * migrations — nothing in them is ever edited by hand or kept across rebuilds — so each lives in
 * `warehouse/rollups/agg_<name>.sql` as exactly two statements: the CREATE TABLE of agg_<name>
 * (with COMMENTs) and the INSERT … SELECT that fills it.
 *
 * refreshRollups() builds every rollup whose inputs or definition changed into agg_<name>__new,
 * and only when all of them built, swaps each into place with one
 * `RENAME TABLE agg_x TO agg_x__old, agg_x__new TO agg_x` (valid on 18.16 and current releases)
 * and drops the old table. A failed build leaves the previous tables untouched, so the dashboard
 * never sees a half-built set. Rollups that read other rollups are ordered after them (the
 * dependency is read from the SQL) and read their freshly built __new table.
 *
 * A rollup too big to build in one query's memory at 10× national scale declares buckets in its
 * header, `-- buckets: one per 4000000 rows of fct_candidates`, and uses `{bucket:UInt32}` and
 * `{buckets:UInt32}` in its INSERT to keep only one bucket of its key in every source it reads
 * (e.g. `cityHash64(candidate_id) % {buckets:UInt32} = {bucket:UInt32}`). The INSERT then runs once
 * per bucket, ceil(rows of that table / rows per bucket) of them (one below that size), so its
 * memory no longer grows with the data; the result is the same because every row depends on one
 * key only. The placeholders have the syntax of ClickHouse query parameters, but the runner
 * substitutes them itself: 18.16 has no query parameters.
 *
 * A partitioned rollup may also declare that its rows read only part of an input read whole,
 * `-- scope of <table>: the <key> whose <column> is in <expression>` (agg_candidate_profile reads
 * one row of agg_occupation_demand per candidate occupation): that input is then fingerprinted per
 * value of the expression, and when it alone changed, only the keys holding a changed value are
 * recomputed, every other row kept (warehouse/rollups/README.md).
 *
 * The one eligibility of the matching (matching/eligibility.ts) reaches the rollups through
 * `{eligibility:name(args)}` placeholders, expanded when a file is read, before anything else; so a
 * change of that definition changes the rollup's hash and rebuilds it.
 *
 * Whether a rollup needs rebuilding is decided by a key: the sha256 of its SQL (placeholders expanded), of a fingerprint
 * of every fct_/dim_ table it reads (row count and a sum of row hashes), and of the keys of the
 * rollups it reads. Each build appends a row to ops_rollups; Cube's refresh keys for rollup-based
 * cubes read `count()` of that table, so a rebuild is what invalidates Cube's caches.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { queryRows, systemCatalogRows, type Warehouse, withSettings } from './client.ts';
import { expandEligibility } from './matching/eligibility.ts';
import { sqlString } from './sql-literal.ts';
import { splitStatements } from './sql-statements.ts';

export const rollupsDir = fileURLToPath(new URL('../rollups/', import.meta.url));

export interface Rollup {
	/** table name, agg_<name>, also the file name without .sql */
	name: string;
	createSql: string;
	insertSql: string;
	/** other rollups its INSERT reads, in no particular order */
	dependsOn: string[];
	/** fct_/dim_ tables its INSERT reads */
	sources: string[];
	/** sha256 of the file */
	definitionHash: string;
	/** built in buckets of its key: one per `rowsPerBucket` rows of `table` */
	buckets?: { table: string; rowsPerBucket: number };
	/**
	 * partitioned (a `months:` or `partitions:` line): only the partitions whose source rows changed
	 * are rebuilt, the others are copied
	 */
	partitions?: PartitionSpec;
	/**
	 * keyed on its rows (a `-- key: its rows` line): its key is the hash of what its SELECT returns
	 * now, not of its inputs' fingerprints, so it and the rollups reading it are rebuilt only when
	 * its rows would change (agg_as_of: one row, which most batches leave as it is)
	 */
	keyedOnRows?: boolean;
}

/**
 * `-- scope of <table>: the <key> whose <column> is in <expression>`: a row of the rollup, whose
 * `key` has rows of the first split table with `column` = v, reads only the rows of `table` for
 * which `expression` (over `table`, may arrayJoin several values) gives v. So when `table` changes
 * only for some values, only the keys holding one of them can change.
 */
export interface ScopeSpec {
	/** the input read whole (one of `rest`) */
	table: string;
	/** the column of the first split table a row's value is read from */
	column: string;
	/** the key the rollup's rows and its split tables share (candidate_id, capability_key) */
	key: string;
	/** over `table`: the value(s) of `column` its row is read for */
	expression: string;
}

/** How a partitioned rollup's rows depend on its inputs. */
export interface PartitionSpec {
	/** the integer a source row of `tables` belongs to, the same expression as the rollup's PARTITION BY */
	expression: string;
	/**
	 * the same integer for a split table whose columns are named otherwise (a `partition of <table>:`
	 * line), e.g. the line's issue date as a placement carries it; absent = `expression`
	 */
	expressions?: Record<string, string>;
	/** the sources whose rows are split by `expression`: a row of the rollup reads only its own partition of them */
	tables: string[];
	/**
	 * of those, the columns that count in a partition's fingerprint (a `reads of` line; absent = a
	 * fact's _row_hash, or every column of a rollup)
	 */
	columns?: Record<string, string[]>;
	/** replaced in the INSERT by `expression IN (…)`, or by `1` for a whole build */
	placeholder: string;
	/** every other input, read whole: when one changes (in the columns read; null = all), everything is rebuilt */
	rest: { table: string; columns: string[] | null }[];
	/**
	 * one of `rest` whose rows each row of the rollup reads only some of (a `scope of` line): when
	 * only it changed, the rows of the keys it can change are recomputed and the others kept
	 */
	scope?: ScopeSpec;
	/**
	 * rollups this one reads instead of some of its split tables (`through` lines): each holds those
	 * tables' rows per key, and is read only for the keys of the partitions rebuilt, so it is not an
	 * input read whole; its definition hash counts with the other inputs (a changed definition
	 * rebuilds this one whole)
	 */
	through?: { table: string; tables: string[]; definition?: string }[];
	/**
	 * a `new keys` line: a row of the first split table whose `key` the rollup has not read yet adds
	 * rows of its own and changes no other row, so a partition whose only change is such rows gets
	 * their rows added to its copy (newKeysOnly) instead of being recomputed
	 */
	newKeys?: NewKeysSpec;
	/**
	 * a `changed keys` line: one row per key (or, over rollups, per group of rows sharing the key),
	 * which depends only on that key's rows of the split tables and on the inputs read whole; a
	 * changed partition is then recomputed only for the keys whose rows changed — over facts, when
	 * the sums stored per key prove that the others' did not (changedKeysOnly); over rollups, when
	 * those rollups were built by recomputing some keys only (upstreamKeysOnly)
	 */
	changedKeys?: ChangedKeysSpec;
	/** 'month' for the months: line (logs say "months") */
	unit: 'month' | 'partition';
}

/**
 * `-- new keys: <key> of <table>` (<table> its first split table): the rollup is a sum over that
 * table's rows, each row's part depending on that row, on what the other split tables hold for its
 * `key` and on the inputs read whole — so rows added to a partition of <table>, with the other
 * split tables and the inputs read whole unchanged there, add their own part and change nothing
 * else. Which rows are new: for a fct_/dim_ table, those whose key the rollup's table does not hold
 * in that partition (the rollup has a `key` column); for a rollup, the keys that rollup added in
 * this refresh the same way. Either is only a guess that the fingerprints then prove (newKeysOnly).
 */
export interface NewKeysSpec {
	key: string;
	table: string;
}

/**
 * `-- changed keys: <key>, its inputs counted in <rows column> and hashed in <hash column>` (split
 * tables that are facts): each row of the rollup is one `key`'s, computed from that key's rows of
 * the split tables alone (and the inputs read whole), and holds in those two columns the count and
 * the sum of `_row_hash` of all of them (every row of every split table, whatever the INSERT
 * filters). So the rows of the other keys of a partition are what a recompute would give exactly
 * when their stored sums equal what the split tables hold for them now.
 * `-- changed keys: <key>` (split tables that are rollups, each with a `key` column): the rows of a
 * key are computed from the split tables' rows of that key alone.
 */
export interface ChangedKeysSpec {
	key: string;
	/** split tables that are facts: the columns the sums are stored in (absent for rollup split tables) */
	rows?: string;
	hash?: string;
}

export interface RollupBuild {
	name: string;
	rebuilt: boolean;
	/** why it was rebuilt, or 'unchanged' */
	reason: string;
	rows: number;
	durationMs: number;
	/** how many INSERTs built it (1 unless the rollup declares buckets); 0 when unchanged */
	buckets: number;
	/** a partitioned rollup rebuilt incrementally: the partitions (months) rebuilt (the others were copied) */
	partitionsRebuilt?: number[];
	/**
	 * a rollup with a `scope of` line rebuilt for the changed values of that input only: how many
	 * values changed, how many keys were recomputed and in how many partitions (the rest kept)
	 */
	scoped?: { values: number; keys: number; partitions: number };
	/**
	 * of `partitionsRebuilt`, those whose only change was new rows of the rollup's `new keys` table:
	 * copied, with those rows' part added (newKeysOnly), and how many keys the rows had
	 */
	newKeys?: { keys: number; partitions: number[] };
	/**
	 * of `partitionsRebuilt`, those recomputed only for the keys whose split-table rows changed, the
	 * other rows kept (changedKeysOnly), and how many keys that was
	 */
	changedKeys?: { keys: number; partitions: number[] };
}

export interface RefreshOptions {
	/** rebuild every rollup even when nothing changed */
	force?: boolean;
	/** where the rollup files are (tests use a copy) */
	dir?: string;
	/** rows per bucket for every bucketed rollup, instead of what each file declares (tests) */
	rowsPerBucket?: number;
	/** rebuild partitioned rollups whole instead of only their changed partitions (tests compare the two) */
	wholeMonths?: boolean;
	/** tests: run after a `new keys` rollup's fingerprints were taken, before its new keys are guessed (a batch committing between) */
	beforeNewKeysGuess?: (rollup: string) => Promise<void>;
	/** tests: the margin of the `changed keys` guess instead of CHANGED_KEYS_MARGIN_S (0: only rows loaded since the last build started) */
	changedKeysMarginSeconds?: number;
	/** tests: changed partitions recomputed whole, also where only some keys changed (as when a `changed keys` guess does not add up) */
	wholePartitions?: boolean;
}

const FILE_PATTERN = /^(agg_[a-z0-9_]+)\.sql$/;
const TABLE_REFERENCE = /\b((?:agg|fct|dim)_[a-z0-9_]+)\b/g;
const BUCKETS_DIRECTIVE = /^--\s*buckets:\s*one per (\d+) rows of ((?:fct|dim)_[a-z0-9_]+)\s*$/m;
const BUCKET_PLACEHOLDERS = /\{(bucket|buckets):UInt32\}/g;
const MONTHS_DIRECTIVE = /^--\s*months:\s*partitioned by month of (fct_[a-z0-9_]+)\.([a-z0-9_]+)\s*$/m;
const MONTHS_PLACEHOLDER = '{in_months}';
const PARTITIONS_DIRECTIVE = /^--\s*partitions:\s*(.+?) of ((?:agg|fct|dim)_[a-z0-9_]+(?:\s*,\s*(?:agg|fct|dim)_[a-z0-9_]+)*)\s*$/m;
const READS_DIRECTIVE = /^--\s*reads of ((?:agg|fct|dim)_[a-z0-9_]+):\s*([a-z0-9_]+(?:\s*,\s*[a-z0-9_]+)*)\s*$/gm;
const PARTITIONS_PLACEHOLDER = '{in_partitions}';
const KEY_ON_ROWS_DIRECTIVE = /^--\s*key:\s*its rows\s*$/m;
const PARTITION_OF_DIRECTIVE = /^--\s*partition of ((?:agg|fct|dim)_[a-z0-9_]+):\s*(.+?)\s*$/gm;
/**
 * `-- through <rollup>: <table>, …`: the INSERT reads those split tables only through <rollup>, which
 * holds their rows per key (agg_line_activity: applications and placements per line_id), for the
 * keys of the rebuilt partitions ({keys_in_partitions:<key>}). The tables are fingerprinted per
 * partition as if read directly; the rollup is not an input read whole.
 */
const THROUGH_DIRECTIVE = /^--\s*through (agg_[a-z0-9_]+):\s*((?:fct|dim)_[a-z0-9_]+(?:\s*,\s*(?:fct|dim)_[a-z0-9_]+)*)\s*$/gm;
const NEW_KEYS_DIRECTIVE = /^--\s*new keys:\s*([a-z0-9_]+) of ((?:agg|fct|dim)_[a-z0-9_]+)\s*$/m;
/** At most this many new keys are added to a copy (they are spelled out in the INSERT); more: recomputed. */
export const NEW_KEYS_LIMIT = 2_000;
const CHANGED_KEYS_DIRECTIVE =
	/^--\s*changed keys:\s*([a-z0-9_]+)(?:, its inputs counted in ([a-z0-9_]+) and hashed in ([a-z0-9_]+))?\s*$/m;
/**
 * At most this many keys are recomputed one by one (changedKeysOnly, upstreamKeysOnly); more (a
 * large load), and their partitions are recomputed whole, as before (the keys are spelled out in
 * the SQL).
 */
export const CHANGED_KEYS_LIMIT = 5_000;
/**
 * The largest statement the refresh sends, for ClickHouse's `max_query_size` (256 KiB by default):
 * CHANGED_KEYS_LIMIT keys of up to 64 characters (the interchange format's longest id), quoted and
 * spelled out in each of a statement's twelve reads of the facts (about 4 MB), and the statement
 * itself fit with room to spare.
 */
export const MAX_QUERY_BYTES = 16 * 1024 * 1024;
/**
 * Which keys changed is guessed from the rows loaded since this many seconds before the last build
 * started (`_loaded_at`, second-resolution, written when a batch's INSERT started), then proven.
 */
const CHANGED_KEYS_MARGIN_S = 300;
const SCOPE_DIRECTIVE = /^--\s*scope of ((?:agg|fct|dim)_[a-z0-9_]+):\s*the ([a-z0-9_]+) whose ([a-z0-9_]+) is in (.+?)\s*$/m;
/**
 * `{keys_in_partitions:<column>}`: the rows whose <column> is among the first split table's rows in
 * the partitions rebuilt (`<column> IN (SELECT <column> FROM <table> WHERE {in_partitions})`), or
 * `1` for a whole build — for a table joined by that key, whose own partition column may be stale.
 */
const KEYS_PLACEHOLDER = /\{keys_in_partitions:([a-z0-9_]+)\}/g;
/**
 * The partition number under which the fingerprint of a partitioned rollup's other inputs is
 * recorded in ops_rollup_months (no toYYYYMM and no `% n` of a small n reaches it).
 */
const REST = 4_294_967_295;
/** …and, for a rollup with a `scope of` line, the per-value fingerprints of that input (JSON) */
const SCOPE = 4_294_967_294;

/** The INSERT restricted to `partitions`, or whole when `partitions` is undefined. */
export function partitionsSql(
	insertSql: string,
	spec: Pick<PartitionSpec, 'expression' | 'placeholder'> & { tables?: readonly string[] },
	partitions?: readonly number[],
	/** the table a split rollup is read from in this build (its __new table when rebuilt) */
	tableOf: (name: string) => string = (name) => name,
	/** besides the rows of `partitions`, those whose key is one of these (scopedKeysSql) */
	keys?: { key: string; sql: string },
): string {
	const inPartitions = partitions === undefined ? '1' : `(${spec.expression}) IN (${partitions.length ? partitions.join(', ') : 'NULL'})`;
	const filter = !keys
		? inPartitions
		: partitions?.length
			? `(${inPartitions} OR ${keys.key} IN (${keys.sql}))`
			: `${keys.key} IN (${keys.sql})`;
	const first = spec.tables?.[0];
	return insertSql
		.replace(KEYS_PLACEHOLDER, (_, column: string) =>
			partitions === undefined || !first ? '1' : keys ? '1' : `${column} IN (SELECT ${column} FROM ${tableOf(first)} WHERE ${filter})`,
		)
		.replaceAll(spec.placeholder, filter);
}

/** The keys of a scoped build: those with a row of the first split table whose scope column is one of `values`. */
export function scopedKeysSql(scope: Pick<ScopeSpec, 'key' | 'column'>, firstTable: string, values: readonly string[]): string {
	return `SELECT ${scope.key} FROM ${firstTable} WHERE ${scope.column} IN (${values.map(sqlString).join(', ')})`;
}

/** The INSERT of one bucket: the placeholders replaced by numbers. */
export function bucketSql(insertSql: string, bucket: number, buckets: number): string {
	return insertSql.replace(BUCKET_PLACEHOLDERS, (_, name: string) => String(name === 'bucket' ? bucket : buckets));
}

/** Replaces whole-word table names: `agg_x` but not `agg_x_y`. */
export function renameTables(sql: string, renames: ReadonlyMap<string, string>): string {
	return sql.replace(TABLE_REFERENCE, (name) => renames.get(name) ?? name);
}

function stripComments(sql: string): string {
	return splitStatements(sql).join(';\n');
}

export function parseRollup(fileName: string, fileSql: string): Rollup {
	// The one eligibility definition (matching/eligibility.ts) is spliced in first, so the hash
	// below changes, and the rollup rebuilds, when that definition changes.
	const sql = expandEligibility(fileSql);
	const match = FILE_PATTERN.exec(fileName);
	if (!match) throw new Error(`Rollup file name '${fileName}' must look like agg_snake_case.sql`);
	const name = match[1] as string;
	const statements = splitStatements(sql);
	const [createSql, insertSql] = statements;
	const createHead = new RegExp(`^CREATE\\s+TABLE\\s+${name}\\s*\\(`, 'i');
	const insertHead = new RegExp(`^INSERT\\s+INTO\\s+${name}\\s`, 'i');
	if (statements.length !== 2 || !createSql || !insertSql || !createHead.test(createSql) || !insertHead.test(insertSql)) {
		throw new Error(`${fileName} must hold exactly two statements: CREATE TABLE ${name} (…) and INSERT INTO ${name} SELECT …`);
	}
	const references = new Set(stripComments(insertSql).match(TABLE_REFERENCE) ?? []);
	references.delete(name);
	// the split tables read through another rollup (`through` lines) are inputs too: fingerprinted
	const through = [...sql.matchAll(THROUGH_DIRECTIVE)].map((m) => ({
		table: m[1] as string,
		tables: (m[2] as string).split(',').map((t) => t.trim()),
	}));
	for (const t of through) {
		if (!references.has(t.table)) throw new Error(`${fileName} has a 'through' line for ${t.table}, which its INSERT does not read`);
		for (const table of t.tables) references.add(table);
	}
	const sorted = [...references].sort();
	const directive = BUCKETS_DIRECTIVE.exec(sql);
	const placeholders = new Set([...insertSql.matchAll(BUCKET_PLACEHOLDERS)].map((m) => m[1]));
	if (directive && placeholders.size !== 2)
		throw new Error(`${fileName} declares buckets but its INSERT does not use both {bucket:UInt32} and {buckets:UInt32}`);
	if (!directive && placeholders.size > 0)
		throw new Error(`${fileName} uses bucket placeholders without a '-- buckets: one per <n> rows of <table>' line`);
	const buckets = directive ? { table: directive[2] as string, rowsPerBucket: Number(directive[1]) } : undefined;
	const partitions = partitionSpec(fileName, sql, createSql, insertSql, sorted, through);
	if (through.length > 0 && !partitions) throw new Error(`${fileName} has a 'through' line but no '-- partitions:' line`);
	const keyedOnRows = KEY_ON_ROWS_DIRECTIVE.test(sql);
	if (keyedOnRows && (buckets || partitions || sorted.some((t) => t.startsWith('agg_'))))
		throw new Error(`${fileName} is keyed on its rows: it must read no other rollup and have neither buckets nor partitions`);
	if (buckets && (buckets.rowsPerBucket < 1 || !sorted.includes(buckets.table)))
		throw new Error(`${fileName}: buckets must be counted on a table its INSERT reads, with at least 1 row per bucket`);
	return {
		name,
		createSql,
		insertSql,
		dependsOn: sorted.filter((t) => t.startsWith('agg_')),
		sources: sorted.filter((t) => !t.startsWith('agg_')),
		definitionHash: createHash('sha256').update(sql).digest('hex'),
		...(buckets ? { buckets } : {}),
		...(partitions ? { partitions } : {}),
		...(keyedOnRows ? { keyedOnRows } : {}),
	};
}

/** The rollup's `months:` or `partitions:` line, checked against its SQL; undefined without one. */
function partitionSpec(
	fileName: string,
	sql: string,
	createSql: string,
	insertSql: string,
	sources: string[],
	through: { table: string; tables: string[] }[] = [],
): PartitionSpec | undefined {
	const months = MONTHS_DIRECTIVE.exec(sql);
	const keyed = PARTITIONS_DIRECTIVE.exec(sql);
	if (months && keyed) throw new Error(`${fileName} declares both months and partitions`);
	if (months) {
		const [, table, column] = months as unknown as [string, string, string];
		// Every row must come from one month of one source: then a month's rows can be rebuilt alone.
		if (
			sources.length !== 1 ||
			sources[0] !== table ||
			!insertSql.includes(MONTHS_PLACEHOLDER) ||
			!/PARTITION BY toYYYYMM\(/i.test(createSql)
		)
			throw new Error(
				`${fileName} declares months: it must read only ${table}, keep ${MONTHS_PLACEHOLDER} in its WHERE and be PARTITION BY toYYYYMM(…) of the same month`,
			);
		return { expression: `toYYYYMM(${column})`, tables: [table], placeholder: MONTHS_PLACEHOLDER, rest: [], unit: 'month' };
	}
	if (insertSql.includes(MONTHS_PLACEHOLDER))
		throw new Error(`${fileName} uses ${MONTHS_PLACEHOLDER} without a '-- months: partitioned by month of <table>.<column>' line`);
	if (!keyed) {
		if (insertSql.includes(PARTITIONS_PLACEHOLDER))
			throw new Error(`${fileName} uses ${PARTITIONS_PLACEHOLDER} without a '-- partitions: <expression> of <tables>' line`);
		return undefined;
	}
	const expression = (keyed[1] as string).trim();
	const tables = (keyed[2] as string).split(',').map((t) => t.trim());
	const partitionBy = /PARTITION BY\s+(.+?)\s*(?:ORDER BY|$)/is.exec(createSql)?.[1]?.trim();
	if (partitionBy !== expression || !insertSql.includes(PARTITIONS_PLACEHOLDER) || tables.some((t) => !sources.includes(t)))
		throw new Error(
			`${fileName} declares partitions: it must be PARTITION BY ${expression}, read ${tables.join(', ')} and keep ${PARTITIONS_PLACEHOLDER} in the WHERE of each of them`,
		);
	const reads = new Map([...sql.matchAll(READS_DIRECTIVE)].map((m) => [m[1] as string, (m[2] as string).split(',').map((c) => c.trim())]));
	const unknown = [...reads.keys()].filter((t) => !sources.includes(t));
	if (unknown.length > 0) throw new Error(`${fileName} has a 'reads of' line for ${unknown.join(', ')}, which its INSERT does not read`);
	const expressions = Object.fromEntries([...sql.matchAll(PARTITION_OF_DIRECTIVE)].map((m) => [m[1] as string, (m[2] as string).trim()]));
	const strays = Object.keys(expressions).filter((t) => !tables.includes(t));
	if (strays.length > 0)
		throw new Error(`${fileName} has a 'partition of' line for ${strays.join(', ')}, which is not one of its split tables`);
	const outside = through.flatMap((t) => t.tables).filter((t) => !tables.includes(t));
	if (outside.length > 0 || (through.length > 0 && !insertSql.includes('{keys_in_partitions:')))
		throw new Error(
			`${fileName}: a 'through' line must name split tables (not ${outside.join(', ')}) and the INSERT read its rollup with {keys_in_partitions:<key>}`,
		);
	const viaTables = new Set(through.map((t) => t.table));
	const rest = sources
		.filter((t) => !tables.includes(t) && !viaTables.has(t))
		.map((table) => ({ table, columns: reads.get(table) ?? null }));
	const columns = Object.fromEntries(tables.flatMap((t) => (reads.has(t) ? [[t, reads.get(t) as string[]]] : [])));
	const scoped = SCOPE_DIRECTIVE.exec(sql);
	const scope = scoped
		? { table: scoped[1] as string, key: scoped[2] as string, column: scoped[3] as string, expression: scoped[4] as string }
		: undefined;
	if (scope && !rest.some((r) => r.table === scope.table))
		throw new Error(`${fileName} has a 'scope of' line for ${scope.table}, which is not one of the inputs it reads whole`);
	const added = NEW_KEYS_DIRECTIVE.exec(sql);
	const newKeys = added ? { key: added[1] as string, table: added[2] as string } : undefined;
	if (newKeys && (newKeys.table !== tables[0] || scope))
		throw new Error(`${fileName}: a 'new keys' line must name its first split table (${tables[0]}), and goes with no 'scope of' line`);
	if (newKeys && !newKeys.table.startsWith('agg_') && !new RegExp(`(?:^|[(,])\\s*${newKeys.key}\\s`, 'm').test(createSql))
		throw new Error(`${fileName}: a 'new keys' line of ${newKeys.table} needs a ${newKeys.key} column in the rollup`);
	const changedKeysLine = CHANGED_KEYS_DIRECTIVE.exec(sql);
	const changedKeys = changedKeysLine
		? {
				key: changedKeysLine[1] as string,
				...(changedKeysLine[2] ? { rows: changedKeysLine[2] as string, hash: changedKeysLine[3] as string } : {}),
			}
		: undefined;
	if (changedKeys) {
		const column = (name: string) => new RegExp(`(?:^|[(,])\\s*${name}\\s`, 'm').test(createSql);
		// split tables that are all facts (their _row_hash and _loaded_at, fingerprinted whole) with the
		// sums stored per key, or all rollups (whose changed rows a build in the same refresh knows);
		// a key in one partition
		const facts = changedKeys.rows !== undefined;
		if (
			tables.some((t) => !t.startsWith(facts ? 'fct_' : 'agg_') || (facts && reads.has(t))) ||
			Object.keys(expressions).length > 0 ||
			newKeys ||
			through.length > 0 ||
			!new RegExp(`\\b${changedKeys.key}\\b`).test(expression) ||
			![changedKeys.key, ...(facts ? [changedKeys.rows as string, changedKeys.hash as string] : [])].every(column)
		)
			throw new Error(
				`${fileName}: a 'changed keys' line needs either fct_ split tables only (read whole) and the columns its inputs are counted and hashed in, or agg_ split tables only; no 'partition of', 'through' or 'new keys' line; a partition expression of ${changedKeys.key}, and a ${changedKeys.key} column`,
			);
	}
	return {
		expression,
		tables,
		...(changedKeys ? { changedKeys } : {}),
		...(Object.keys(expressions).length > 0 ? { expressions } : {}),
		...(Object.keys(columns).length > 0 ? { columns } : {}),
		placeholder: PARTITIONS_PLACEHOLDER,
		rest,
		...(scope ? { scope } : {}),
		...(through.length > 0 ? { through } : {}),
		...(newKeys ? { newKeys } : {}),
		unit: 'partition',
	};
}

/** Every rollup in `dir`, ordered so that each comes after the rollups it reads. */
export function readRollups(dir: string = rollupsDir): Rollup[] {
	const rollups = readdirSync(dir)
		.filter((f) => f.endsWith('.sql'))
		.sort()
		.map((f) => parseRollup(f, readFileSync(`${dir}/${f}`, 'utf8')));
	const byName = new Map(rollups.map((r) => [r.name, r]));
	const ordered: Rollup[] = [];
	const state = new Map<string, 'visiting' | 'done'>();
	const visit = (rollup: Rollup, path: string[]) => {
		if (state.get(rollup.name) === 'done') return;
		if (state.get(rollup.name) === 'visiting')
			throw new Error(`Rollups depend on each other in a cycle: ${[...path, rollup.name].join(' → ')}`);
		state.set(rollup.name, 'visiting');
		for (const dep of rollup.dependsOn) {
			const target = byName.get(dep);
			if (!target) throw new Error(`${rollup.name} reads ${dep}, which is not a rollup in ${dir}`);
			visit(target, [...path, rollup.name]);
		}
		state.set(rollup.name, 'done');
		ordered.push(rollup);
	};
	for (const rollup of rollups) visit(rollup, []);
	// A rollup read `through`: it must hold exactly those tables' rows (read nothing else), so that
	// their per-partition fingerprints tell every change of it; its definition joins the reader's
	// other inputs.
	for (const rollup of rollups)
		for (const via of rollup.partitions?.through ?? []) {
			const target = byName.get(via.table) as Rollup;
			if (target.dependsOn.length > 0 || [...target.sources].sort().join() !== [...via.tables].sort().join())
				throw new Error(`${rollup.name} reads ${[...via.tables].join(', ')} through ${via.table}, which must read exactly those tables`);
			via.definition = target.definitionHash;
		}
	// new keys of a rollup are the keys it added itself (its own 'new keys' line, same key)
	for (const rollup of rollups) {
		const added = rollup.partitions?.newKeys;
		const upstream = added?.table.startsWith('agg_') ? byName.get(added.table)?.partitions?.newKeys : undefined;
		if (added?.table.startsWith('agg_') && (upstream?.key !== added.key || upstream.table.startsWith('agg_')))
			throw new Error(
				`${rollup.name} takes new ${added.key}s of ${added.table}, which must have a 'new keys: ${added.key} of <fct_ or dim_ table>' line`,
			);
	}
	return ordered;
}

/**
 * The rollups that read any of `tables` (fct_/dim_/agg_ names), directly or through other rollups:
 * what a load of those tables can change (the after-load path rebuilds Cube's pre-aggregations on them).
 */
export function rollupsReading(tables: Iterable<string>, dir: string = rollupsDir): string[] {
	const changed = new Set(tables);
	const result: string[] = [];
	// readRollups orders each rollup after the ones it reads, so one pass sees every upstream change.
	for (const rollup of readRollups(dir)) {
		if ([...rollup.sources, ...rollup.dependsOn].some((t) => changed.has(t))) {
			changed.add(rollup.name);
			result.push(rollup.name);
		}
	}
	return result;
}

// Bookkeeping, append-only like ops_batches: a rollup's state is its latest row. Created here
// rather than in a migration because only the rollup runner writes it; IF NOT EXISTS keeps it
// compatible with a later migration that declares the same table.
const OPS_ROLLUPS_DDL = `CREATE TABLE IF NOT EXISTS ops_rollups
(
    rollup_name String COMMENT 'agg_* table name (a column called rollup would clash with GROUP BY ROLLUP)',
    definition_hash String COMMENT 'sha256 of warehouse/rollups/<rollup>.sql as built',
    input_key String COMMENT 'sha256 of the definition, the inputs'' fingerprints and the upstream rollups'' keys',
    rows UInt64 COMMENT 'rows in the table after the build',
    duration_ms UInt32,
    built_at DateTime COMMENT 'when the new table was swapped in (UTC)',
    build_ms UInt64 COMMENT 'the same instant in milliseconds: orders two builds within one second'
)
ENGINE = MergeTree()
ORDER BY (rollup_name, build_ms)`;

// When each batch became visible on the dashboards (written by after-load.ts, read by the ingest
// API's GET /v1/batches/{id} and by Cube's data_freshness, which tells open dashboards). Created
// with ops_rollups, so whenever Cube can read ops_rollups it can read this too.
export const VISIBILITY_TABLE = 'ops_batch_visibility';
export const VISIBILITY_DDL = `CREATE TABLE IF NOT EXISTS ${VISIBILITY_TABLE}
(
    batch_id String COMMENT 'sha256 of the batch (ops_batches.batch_id)',
    entity String,
    visible_at DateTime COMMENT 'when the refresh that covered it finished: dashboards answer with it from then on (UTC)',
    visible_ms UInt64 COMMENT 'the same instant in milliseconds',
    refresh_ms UInt32 COMMENT 'how long that refresh took'
)
ENGINE = MergeTree()
ORDER BY (batch_id, entity)`;

// The scans that decide a refresh (ScanCache), kept for the next refresh of any process: a new
// process (the loader's command line) reuses those of the tables no load touched since. One entry
// per scan, its latest (ReplacingMergeTree on saved_ms; read with argMax, as merges come when they
// come); an entry counts only while the signature of the tables it read is unchanged.
// 18.16 has no TTL: the table stays small because it holds one row per scan SQL once merged.
export const SCANS_TABLE = 'ops_rollup_scans';
const OPS_ROLLUP_SCANS_DDL = `CREATE TABLE IF NOT EXISTS ${SCANS_TABLE}
(
    scan_hash String COMMENT 'sha256 of the scan''s SQL',
    signature String COMMENT 'the signatures of the fct_/dim_ tables it read (definition and active parts, partsSignatures) when it was taken',
    rows String COMMENT 'its result rows, JSON',
    saved_ms UInt64 COMMENT 'when it was stored (milliseconds): the latest row of a scan_hash is its entry'
)
ENGINE = ReplacingMergeTree(saved_ms)
ORDER BY scan_hash`;

// The per-month fingerprints of a month-partitioned rollup's source as of each build (its input_key).
const OPS_ROLLUP_MONTHS_DDL = `CREATE TABLE IF NOT EXISTS ops_rollup_months
(
    rollup_name String,
    input_key String COMMENT 'the build (ops_rollups.input_key) these fingerprints were taken for',
    month UInt32 COMMENT 'YYYYMM of the source column',
    fingerprint String COMMENT 'count and sum of _row_hash of the source rows of that month'
)
ENGINE = MergeTree()
ORDER BY (rollup_name, input_key, month)`;

interface LastBuild {
	rollup_name: string;
	last_key: string;
	/** build_ms of the last build, as text */
	last_ms: string;
	last_rows: string;
	last_definition: string;
	/** duration_ms of the last build, as text */
	last_duration: string;
}

/** The sum of row hashes a split table is fingerprinted by, per partition (partitionFingerprints). */
function splitHash(spec: PartitionSpec, table: string): string {
	const columns = spec.columns?.[table];
	return columns ? `sum(cityHash64(${columns.join(', ')}))` : table.startsWith('agg_') ? 'sum(cityHash64(*))' : 'sum(_row_hash)';
}

/** The partition a split table's row belongs to (its `partition of` line, or the rollup's expression). */
function partitionOf(spec: PartitionSpec, table: string): string {
	return spec.expressions?.[table] ?? spec.expression;
}

/** A split table's part of a partition's fingerprint: its row count and sum of row hashes. */
interface PartSum {
	n: bigint;
	h: bigint;
}

/** Two parts together, as ClickHouse sums the UInt64 hashes (modulo 2^64). */
function plusPart(a: PartSum, b: PartSum): PartSum {
	return { n: a.n + b.n, h: (a.h + b.h) % 2n ** 64n };
}

/** A part less some of its rows (`b`, counted and hashed alike), modulo 2^64 as plusPart. */
function minusPart(a: PartSum, b: PartSum): PartSum {
	return { n: a.n - b.n, h: (a.h - b.h + 2n ** 64n) % 2n ** 64n };
}

/** Two parts equal: the same count and sum of hashes. */
function samePart(a: PartSum, b: PartSum): boolean {
	return a.n === b.n && a.h === b.h;
}

/** Whether `table`'s part of partition `m` is the same in two sets of fingerprints (before and now). */
function partUnchanged(
	fingerprints: { before: ReadonlyMap<number, string>; now: ReadonlyMap<number, string> },
	table: string,
	m: number,
): boolean {
	return samePart(fingerprintPart(fingerprints.before.get(m), table), fingerprintPart(fingerprints.now.get(m), table));
}

/** A part as a partition's fingerprint writes it: `table=count:sum`. */
function partText(table: string, part: PartSum): string {
	return `${table}=${part.n}:${part.h}`;
}

/**
 * Per partition, the part of `table`'s rows read from `from` (the table, or a table holding some of
 * its rows), optionally only `where` — or only `prewhere`, for a few keys of a MergeTree table: read
 * first, so the hashed columns are read only for the rows it picks (18.16 moved no `key IN (…)` on
 * agg_candidate_profile to PREWHERE by itself, and hashed 34 columns of 3 M rows: 1.2 s).
 */
async function partitionSums(
	db: Warehouse,
	spec: PartitionSpec,
	table: string,
	from: string,
	where = '1',
	prewhere?: string,
): Promise<Map<number, PartSum>> {
	const rows = await queryRows<{ m: string | number; n: string; h: string }>(
		db,
		`SELECT toUInt64(${partitionOf(spec, table)}) AS m, toString(count()) AS n, toString(${splitHash(spec, table)}) AS h FROM ${from}${prewhere ? ` PREWHERE ${prewhere}` : ''} WHERE ${where} GROUP BY m`,
	);
	return new Map(rows.map((r) => [Number(r.m), { n: BigInt(r.n), h: BigInt(r.h) }]));
}

/**
 * Per partition of `spec`, the row count and sum of row hashes of each of its split sources (a
 * rollup among them is read from its freshly built table when it was rebuilt, `tableOf`, and
 * hashed whole — rollups carry no _row_hash — or in the columns its `reads of` line names).
 */
async function partitionFingerprints(
	db: Warehouse,
	spec: PartitionSpec,
	tableOf: (name: string) => string,
	/** the fingerprints recorded at the last build, per partition, for the tables known unchanged since */
	reuse: {
		recorded: ReadonlyMap<number, string>;
		tables: ReadonlySet<string>;
		/** of those, rollups whose build in this refresh only adds rows, and the table holding them: recorded + those rows */
		added?: ReadonlyMap<string, string>;
		/**
		 * of those, rollups whose build in this refresh changed only the rows this condition picks
		 * (changedKeysOnly in every changed partition): recorded − those rows before + those rows now
		 */
		keyed?: ReadonlyMap<string, string>;
	} = { recorded: new Map(), tables: new Set() },
	cache?: ScanCache,
): Promise<Map<number, string>> {
	const parts = new Map<number, string[]>();
	for (const table of spec.tables) {
		if (reuse.tables.has(table)) {
			const plus = reuse.added?.get(table);
			const changedRows = reuse.keyed?.get(table);
			const more = plus
				? await partitionSums(db, spec, table, plus)
				: changedRows
					? await partitionSums(db, spec, table, tableOf(table), '1', changedRows)
					: new Map<number, PartSum>();
			const less = changedRows ? await partitionSums(db, spec, table, table, '1', changedRows) : new Map<number, PartSum>();
			for (const m of new Set([...reuse.recorded.keys(), ...more.keys(), ...less.keys()])) {
				if (m === REST || m === SCOPE) continue;
				const fingerprint = reuse.recorded.get(m);
				const part = fingerprint?.split(' ').find((p) => p.startsWith(`${table}=`));
				const [add, sub] = [more.get(m), less.get(m)];
				if (!add && !sub) {
					if (part) parts.set(m, [...(parts.get(m) ?? []), part]);
					continue;
				}
				const sum = plusPart(fingerprintPart(fingerprint, table), add ?? { n: 0n, h: 0n });
				const result = sub ? minusPart(sum, sub) : sum;
				// a partition left with no rows is absent, as a scan would find it
				if (result.n !== 0n) parts.set(m, [...(parts.get(m) ?? []), partText(table, result)]);
			}
			continue;
		}
		const rows = await scanOnce<{ m: string | number; f: string }>(
			db,
			cache,
			[tableOf(table)],
			`SELECT toUInt64(${partitionOf(spec, table)}) AS m, concat(toString(count()), ':', toString(${splitHash(spec, table)})) AS f FROM ${tableOf(table)} GROUP BY m`,
		);
		for (const r of rows) {
			const m = Number(r.m);
			parts.set(m, [...(parts.get(m) ?? []), `${table}=${r.f}`]);
		}
	}
	return new Map([...parts].map(([m, f]) => [m, f.join(' ')]));
}

/**
 * The fingerprint of a partitioned rollup's other inputs (read whole), as they are for this build:
 * a rollup it reads is taken from its freshly built table when it was rebuilt (`tableOf`). Only
 * the columns the rollup reads count, so e.g. open slots changing under an unchanged set of open
 * requirement profiles rebuild nothing whole.
 */
async function restFingerprint(db: Warehouse, spec: PartitionSpec, tableOf: (name: string) => string, cache?: ScanCache): Promise<string> {
	// a rollup read `through` counts by its definition: its rows are told by the split tables'
	const parts: string[] = (spec.through ?? []).map((t) => `${t.table}=definition:${t.definition}`);
	for (const { table, columns } of spec.rest) {
		// the scoped input is fingerprinted per value instead (scopeFingerprint)
		if (table === spec.scope?.table) continue;
		const hash = columns ? `sum(cityHash64(${columns.join(', ')}))` : 'sum(cityHash64(*))';
		const [row] = await scanOnce<{ f: string }>(
			db,
			cache,
			[tableOf(table)],
			`SELECT concat(toString(count()), ':', toString(${hash})) AS f FROM ${tableOf(table)}`,
		);
		parts.push(`${table}=${row?.f}`);
	}
	return parts.join(' ');
}

/**
 * The fingerprint of a `scope of` input per value of its expression (count and sum of the hashes of
 * the columns read, of the rows read for that value), as JSON sorted by value: the values whose
 * fingerprint differs from the last build's are those whose keys can change.
 */
async function scopeFingerprint(db: Warehouse, spec: PartitionSpec, tableOf: (name: string) => string): Promise<string> {
	const scope = spec.scope as ScopeSpec;
	const columns = spec.rest.find((r) => r.table === scope.table)?.columns;
	const hash = columns ? `sum(cityHash64(${columns.join(', ')}))` : 'sum(cityHash64(*))';
	const rows = await queryRows<{ v: string; f: string }>(
		db,
		`SELECT toString(scope_value) AS v, concat(toString(count()), ':', toString(${hash})) AS f
		FROM (SELECT ${scope.expression} AS scope_value, * FROM ${tableOf(scope.table)})
		GROUP BY scope_value ORDER BY v`,
	);
	return JSON.stringify(Object.fromEntries(rows.map((r) => [r.v, r.f])));
}

/** The values whose fingerprint differs between two scopeFingerprint()s (appeared, disappeared or changed), sorted. */
function changedValues(before: string, now: string): string[] {
	const a = JSON.parse(before) as Record<string, string>;
	const b = JSON.parse(now) as Record<string, string>;
	return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((v) => a[v] !== b[v]).sort();
}

interface TableFingerprint {
	rows: number;
	/** sum of the row hashes, as ClickHouse prints it */
	hash: string;
}

/**
 * The scans that decide what to rebuild (a fact table's row count and sum of row hashes, whole or
 * per partition; the rows of a rollup keyed on its rows) read millions of rows, and under sustained
 * pushes most of them read tables no batch touched since the last refresh (a batch of job-order
 * lines touches fct_job_order_lines only). So each such scan of fct_/dim_ tables is kept — per
 * connection in memory, and for any process in ops_rollup_scans (a new CLI process has no memory
 * of earlier refreshes) — with the signature of the active parts of the tables it read (system.parts: each
 * part's path, which names the database, table and part — partition, block numbers, merge level,
 * mutation version — with its rows, bytes and modification time), and reused while that signature
 * is unchanged. Parts never change once written: an INSERT adds one, a merge or a mutation (the
 * loader's ALTER … DELETE of superseded versions) replaces some, a DROP removes some; each of these
 * changes the signature, and the scan is taken again. The signatures are read before any scan of
 * the refresh, so a scan that saw rows inserted after them is stored under the older signature and
 * never reused. Only fct_/dim_ tables: an agg_ table is replaced by RENAME and its new parts may
 * carry the old ones' names.
 */
export interface ScanCache {
	/** per source table, the signature of its active parts (and of its definition) at the start of this refresh */
	signatures: ReadonlyMap<string, string>;
	/**
	 * the scans stored in ops_rollup_scans by earlier refreshes (of any process), by the sha256 of
	 * their SQL: read once, at the start of this refresh
	 */
	stored: ReadonlyMap<string, { signature: string; rows: unknown[] }>;
	/** scans taken in this refresh, to store at its end */
	fresh: { scanHash: string; signature: string; rows: unknown[] }[];
	/** scans reused / taken in this refresh (logged); of the reused, how many came from ops_rollup_scans */
	reused: number;
	reusedStored: number;
	taken: number;
}

const scans = new WeakMap<Warehouse, Map<string, { signature: string; rows: unknown[] }>>();

/**
 * The parts signature of each fct_/dim_ table among `tables` (an empty table has none: '0'), with
 * the table's definition (its CREATE statement and when its metadata last changed: an ALTER … ADD
 * COLUMN adds no part, yet changes what `cityHash64(*)` hashes; a table dropped and created again
 * restarts its part names); and the scans ops_rollup_scans holds (ScanCache).
 */
async function partsSignatures(db: Warehouse, tables: readonly string[]): Promise<ScanCache> {
	const sources = tables.filter((t) => /^(fct|dim)_[a-z0-9_]+$/.test(t));
	const signatures = new Map(sources.map((t) => [t, '0']));
	if (sources.length > 0) {
		const list = sources.map(sqlString).join(', ');
		const definitions = new Map(
			(
				await systemCatalogRows(() =>
					queryRows<{ name: string; d: string }>(
						db,
						`SELECT name, toString(cityHash64(create_table_query, toString(metadata_modification_time))) AS d
						FROM system.tables WHERE database = currentDatabase() AND name IN (${list})`,
					),
				)
			).map((r) => [r.name, r.d]),
		);
		const rows = await systemCatalogRows(() =>
			queryRows<{ table: string; s: string }>(
				db,
				`SELECT table, concat(toString(count()), ':', toString(sum(cityHash64(path, name, rows, bytes_on_disk, modification_time, data_version)))) AS s
				FROM system.parts WHERE database = currentDatabase() AND active AND table IN (${list}) GROUP BY table`,
			),
		);
		for (const t of sources) signatures.set(t, `${definitions.get(t) ?? '-'}/0`);
		for (const r of rows) signatures.set(r.table, `${definitions.get(r.table) ?? '-'}/${r.s}`);
	}
	// the latest entry of each scan (ReplacingMergeTree keeps one after merges; argMax until then)
	const entries = await queryRows<{ scan_hash: string; signature: string; rows: string }>(
		db,
		`SELECT scan_hash, argMax(signature, saved_ms) AS signature, argMax(rows, saved_ms) AS rows FROM ${SCANS_TABLE} GROUP BY scan_hash`,
	);
	const stored = new Map(entries.map((e) => [e.scan_hash, { signature: e.signature, rows: JSON.parse(e.rows) as unknown[] }]));
	return { signatures, stored, fresh: [], reused: 0, reusedStored: 0, taken: 0 };
}

/**
 * `sql`'s rows, reused from an earlier refresh when none of `tables` (all it reads) changed since
 * (ScanCache): this connection's own first, then what ops_rollup_scans holds (another process's).
 */
async function scanOnce<T>(db: Warehouse, cache: ScanCache | undefined, tables: readonly string[], sql: string): Promise<T[]> {
	const parts = tables.map((t) => cache?.signatures.get(t));
	if (!cache || parts.some((p) => p === undefined)) return queryRows<T>(db, sql);
	const signature = tables.map((t, i) => `${t}=${parts[i]}`).join(' ');
	const kept = scans.get(db) ?? new Map<string, { signature: string; rows: unknown[] }>();
	scans.set(db, kept);
	const hit = kept.get(sql);
	if (hit && hit.signature === signature) {
		cache.reused++;
		return hit.rows as T[];
	}
	const scanHash = createHash('sha256').update(sql).digest('hex');
	const stored = cache.stored.get(scanHash);
	if (stored && stored.signature === signature) {
		cache.reused++;
		cache.reusedStored++;
		kept.set(sql, stored);
		return stored.rows as T[];
	}
	const rows = await queryRows<T>(db, sql);
	cache.taken++;
	kept.set(sql, { signature, rows });
	cache.fresh.push({ scanHash, signature, rows });
	return rows;
}

/** Stores the scans a refresh took (ScanCache), so that a refresh of another process can reuse them. */
async function storeScans(db: Warehouse, cache: ScanCache): Promise<void> {
	if (cache.fresh.length === 0) return;
	const savedMs = Date.now();
	await db.insert({
		table: SCANS_TABLE,
		values: cache.fresh.map((f) => ({ scan_hash: f.scanHash, signature: f.signature, rows: JSON.stringify(f.rows), saved_ms: savedMs })),
		format: 'JSONEachRow',
	});
}

async function tableFingerprints(db: Warehouse, tables: string[], cache?: ScanCache): Promise<Map<string, TableFingerprint>> {
	const result = new Map<string, TableFingerprint>();
	if (tables.length === 0) return result;
	// Names come from TABLE_REFERENCE matches ([a-z0-9_] only), so inlining them is safe; 18.16
	// has no {name:Type} query parameters.
	const list = tables.map((t) => `'${t}'`).join(', ');
	const columns = await systemCatalogRows(() =>
		queryRows<{ table: string; name: string }>(
			db,
			`SELECT table, name FROM system.columns WHERE database = currentDatabase() AND table IN (${list}) AND name = '_row_hash'`,
		),
	);
	const withRowHash = new Set(columns.map((c) => c.table));
	for (const table of tables) {
		// Facts carry the loader's hash of each row; reference tables are small enough to hash whole.
		const hash = withRowHash.has(table) ? 'sum(_row_hash)' : 'sum(cityHash64(*))';
		const [row] = await scanOnce<{ n: string; h: string }>(
			db,
			cache,
			[table],
			`SELECT toString(count()) AS n, toString(${hash}) AS h FROM ${table}`,
		);
		result.set(table, { rows: Number(row?.n ?? 0), hash: String(row?.h) });
	}
	return result;
}

/**
 * How many INSERTs build `rollup`: 1, or one per `rowsPerBucket` rows of its bucket table (one of
 * its sources, so its row count is in the fingerprints taken to decide the rebuild).
 */
function bucketCount(rollup: Rollup, fingerprints: ReadonlyMap<string, TableFingerprint>, rowsPerBucket?: number): number {
	if (!rollup.buckets) return 1;
	const rows = fingerprints.get(rollup.buckets.table)?.rows ?? 0;
	return Math.max(1, Math.ceil(rows / (rowsPerBucket ?? rollup.buckets.rowsPerBucket)));
}

/**
 * For a partitioned rollup: the fingerprints now (per partition, and of the other inputs under
 * REST when it has any), and — when the last build had the same definition and recorded its
 * fingerprints — the partitions whose fingerprint changed (appeared, disappeared or differ);
 * `rebuild` is undefined when it must be built whole (also when the other inputs changed). When
 * of the other inputs only the one of a `scope of` line changed, `scoped` holds the values it
 * changed for: the keys holding them are recomputed too.
 */
async function partitionsToRebuild(
	db: Warehouse,
	rollup: Rollup,
	last: LastBuild | undefined,
	existing: ReadonlySet<string>,
	options: RefreshOptions,
	tableOf: (name: string) => string,
	lastBuilds: ReadonlyMap<string, LastBuild>,
	cache: ScanCache,
	/** rollups whose build in this refresh only adds rows to their table, and the table holding those rows */
	addOnly: ReadonlyMap<string, string> = new Map(),
	/** rollups whose build in this refresh changed only the rows a condition picks (changedKeysOnly), and that condition */
	keyedBuilt: ReadonlyMap<string, string> = new Map(),
): Promise<{ now: Map<number, string>; before: Map<number, string>; rebuild?: number[]; scoped?: string[] }> {
	const spec = rollup.partitions as PartitionSpec;
	const whole =
		options.force || options.wholeMonths || !last || !existing.has(rollup.name) || last.last_definition !== rollup.definitionHash;
	const recorded = whole
		? []
		: await queryRows<{ month: string | number; fingerprint: string }>(
				db,
				`SELECT month, fingerprint FROM ops_rollup_months WHERE rollup_name = '${rollup.name}' AND input_key = '${last.last_key.replace(/[^0-9a-f]/g, '')}'`,
			);
	const before = new Map(recorded.map((r) => [Number(r.month), r.fingerprint]));
	// A split rollup not rebuilt in this refresh (unchanged, or kept) whose last build came before
	// this rollup's last build is as it was then: its recorded fingerprints hold, no need to scan it
	// again (agg_candidate_profile: 3 M rows at national scale, seconds to hash).
	// So is one whose build in this refresh only adds rows (addOnly: its table is kept, the rows are
	// added at the swap): its fingerprints are the recorded ones plus those of the added rows.
	const unchanged = new Set(
		spec.tables.filter(
			(t) =>
				t.startsWith('agg_') &&
				before.size > 0 &&
				(tableOf(t) === t || addOnly.has(t) || keyedBuilt.has(t)) &&
				Number(lastBuilds.get(t)?.last_ms ?? Number.POSITIVE_INFINITY) <= Number(last?.last_ms ?? 0),
		),
	);
	const now = await partitionFingerprints(
		db,
		spec,
		tableOf,
		{ recorded: before, tables: unchanged, added: addOnly, keyed: keyedBuilt },
		cache,
	);
	if (spec.rest.length > 0 || spec.through) now.set(REST, await restFingerprint(db, spec, tableOf, cache));
	if (spec.scope) now.set(SCOPE, await scopeFingerprint(db, spec, tableOf));
	if (whole || recorded.length === 0) return { now, before };
	if (before.get(REST) !== now.get(REST)) return { now, before };
	// recorded before the scope line existed: no per-value fingerprints to compare with
	if (spec.scope && !before.has(SCOPE)) return { now, before };
	const partitions = [...new Set([...before.keys(), ...now.keys()])].filter((m) => m !== REST && m !== SCOPE).sort((a, b) => a - b);
	const rebuild = partitions.filter((m) => before.get(m) !== now.get(m));
	const scoped = spec.scope ? changedValues(before.get(SCOPE) as string, now.get(SCOPE) as string) : [];
	return { now, before, rebuild, ...(scoped.length > 0 ? { scoped } : {}) };
}

/**
 * A partition's fingerprint with `table`'s part replaced by `part` (count and sum of row hashes), the
 * parts in the order partitionFingerprints writes them (the split tables' order), so an unchanged
 * partition reads the same string at the next refresh.
 */
function withPart(spec: PartitionSpec, fingerprint: string | undefined, table: string, part: PartSum): string {
	const parts = (fingerprint ?? '').split(' ');
	return spec.tables
		.map((t) => (t === table ? partText(t, part) : parts.find((p) => p.startsWith(`${t}=`))))
		.filter((p) => p !== undefined)
		.join(' ');
}

/** One table's `count:sum` in a partition's fingerprint (`table=count:sum table=…`), as numbers; 0:0 when absent. */
function fingerprintPart(fingerprint: string | undefined, table: string): PartSum {
	const part = fingerprint?.split(' ').find((p) => p.startsWith(`${table}=`));
	const [n, h] = (part?.slice(table.length + 1) ?? '0:0').split(':');
	return { n: BigInt(n ?? 0), h: BigInt(h ?? 0) };
}

/**
 * Of the partitions a rollup with a `new keys` line must rebuild, those whose change is only new
 * rows of its first split table (NewKeysSpec), with those rows' keys: for each, its fingerprint
 * now must be its fingerprint at the last build plus the rows of that table whose key is one of the
 * new keys (count, and sum of the row hashes modulo 2^64, as ClickHouse sums a UInt64), every other
 * split table's must be unchanged — and the inputs read whole are (partitionsToRebuild gives no
 * partitions otherwise). The last build's rows of that partition are then those of the copy, and
 * the rollup being a sum over the rows, adding the new rows' part gives what a rebuild gives. An
 * updated or superseded row, a row moved out, or an application or placement in the partition fail
 * the sum: that partition is recomputed as before. Undefined when no partition qualifies.
 */
async function newKeysOnly(
	db: Warehouse,
	rollup: Rollup,
	/** `now` is what the refresh records for the rollup: a partition proved by a scan taken again (below) gets that scan's */
	changed: { before: ReadonlyMap<number, string>; now: Map<number, string>; rebuild: readonly number[] },
	tableOf: (name: string) => string,
	/** what each rollup added to its copy in this refresh (NewKeys) */
	addedBy: ReadonlyMap<string, NewKeys>,
	/** tests: runs after the fingerprints were taken, before the new keys are guessed (a batch committing between) */
	beforeGuess?: () => Promise<void>,
): Promise<NewKeys | undefined> {
	const spec = rollup.partitions as PartitionSpec;
	const added = spec.newKeys;
	if (!added || changed.rebuild.length === 0) return undefined;
	const table = added.table;
	const expression = partitionOf(spec, table);
	// a rollup's new rows are in the partitions it added them to: read those only
	const upstream = table.startsWith('agg_') ? addedBy.get(table) : undefined;
	const within = `(${expression}) IN (${changed.rebuild.join(', ')})${upstream ? ` AND ${upstream.rows}` : ''}`;
	await beforeGuess?.();
	const guessed = table.startsWith('agg_')
		? (upstream?.keys ?? [])
		: (
				await queryRows<{ k: string }>(
					db,
					`SELECT DISTINCT toString(${added.key}) AS k FROM ${tableOf(table)} WHERE ${within}
					AND ${added.key} NOT IN (SELECT ${added.key} FROM ${rollup.name} WHERE (${spec.expression}) IN (${changed.rebuild.join(', ')}))
					LIMIT ${NEW_KEYS_LIMIT + 1}`,
				)
			).map((r) => r.k);
	if (guessed.length === 0 || guessed.length > NEW_KEYS_LIMIT) return undefined;
	const rows = await queryRows<{ m: string | number; n: string; h: string; k: string[] }>(
		db,
		`SELECT toUInt64(${expression}) AS m, toString(count()) AS n, toString(${splitHash(spec, table)}) AS h, groupUniqArray(toString(${added.key})) AS k
		FROM ${upstream?.table ?? tableOf(table)} WHERE ${within} AND ${added.key} IN (${guessed.map(sqlString).join(', ')}) GROUP BY m`,
	);
	const others = spec.tables.filter((t) => t !== table);
	const addsUp = (m: number, row: { n: string; h: string }, now: PartSum) => {
		return samePart(plusPart(fingerprintPart(changed.before.get(m), table), { n: BigInt(row.n), h: BigInt(row.h) }), now);
	};
	const othersUnchanged = (m: number) => others.every((t) => partUnchanged(changed, t, m));
	// Under a stream of pushes a batch often commits between the fingerprint scan (the refresh's
	// start) and the guess: the guess then holds its lines too and the scan does not. The table's
	// partitions are scanned again, now, after the guess: if that scan adds up, the rollup is built from
	// the rows it counted and records it, so the next refresh starts from what the table holds.
	const failed = rows.filter(
		(row) => othersUnchanged(Number(row.m)) && !addsUp(Number(row.m), row, fingerprintPart(changed.now.get(Number(row.m)), table)),
	);
	const rescanned =
		failed.length > 0 && !table.startsWith('agg_')
			? await partitionSums(db, spec, table, tableOf(table), `(${expression}) IN (${failed.map((r) => Number(r.m)).join(', ')})`)
			: new Map<number, PartSum>();
	const partitions: number[] = [];
	const keys = new Set<string>();
	for (const row of rows) {
		const m = Number(row.m);
		if (!othersUnchanged(m)) continue;
		if (!addsUp(m, row, fingerprintPart(changed.now.get(m), table))) {
			const now = rescanned.get(m);
			if (!now || !addsUp(m, row, now)) continue;
			changed.now.set(m, withPart(spec, changed.now.get(m), table, now));
		}
		partitions.push(m);
		for (const k of row.k) keys.add(k);
	}
	if (partitions.length === 0) return undefined;
	partitions.sort((a, b) => a - b);
	const list = [...keys].sort();
	return {
		partitions,
		keys: list,
		rows: `(${expression}) IN (${partitions.join(', ')}) AND ${added.key} IN (${list.map(sqlString).join(', ')})${upstream ? ` AND ${upstream.rows}` : ''}`,
	};
}

/**
 * Of the partitions a rollup with a `changed keys` line must rebuild, those in which only some keys'
 * rows of the split tables changed, with those keys: they are recomputed alone and the partition's
 * other rows kept (a first application changes one candidate, not the 190,000 of a sixteenth).
 *
 * The keys are guessed — those with rows loaded (`_loaded_at`) since shortly before the last build
 * started, in the changed partitions — and then proven per partition: the count and sum of
 * `_row_hash` over the split tables' rows of every other key there must equal the sums the rollup
 * stored with those keys' rows (ChangedKeysSpec). Then no other key's rows changed since its row was
 * computed (up to a 64-bit hash collision), and a recompute of the guessed keys gives what a
 * recompute of the partition gives. A row corrected away from a key (its old key not guessed), a
 * guess over the limit, or a batch committing between the scans fails the proof: that partition is
 * recomputed whole, as before. The tables whose part of a partition's fingerprint did not change
 * since the last build are not scanned again: their other keys' sums are the fingerprint taken at
 * the start of this refresh less the guessed keys' rows (read by key).
 */
async function changedKeysOnly(
	db: Warehouse,
	rollup: Rollup,
	changed: { before: ReadonlyMap<number, string>; now: ReadonlyMap<number, string>; rebuild: readonly number[] },
	last: LastBuild | undefined,
	marginSeconds = CHANGED_KEYS_MARGIN_S,
): Promise<ChangedKeys | undefined> {
	const spec = rollup.partitions as PartitionSpec;
	const keyed = spec.changedKeys;
	if (!keyed?.rows || !last || changed.rebuild.length === 0) return undefined;
	const inChanged = `(${spec.expression}) IN (${changed.rebuild.join(', ')})`;
	const since = Math.floor((Number(last.last_ms) - Number(last.last_duration || 0)) / 1000) - marginSeconds;
	const guess = await queryRows<{ k: string; m: string | number }>(
		db,
		`SELECT DISTINCT toString(${keyed.key}) AS k, toUInt64(${spec.expression}) AS m FROM (${spec.tables
			.map((t) => `SELECT ${keyed.key} FROM ${t} WHERE _loaded_at >= toDateTime(${since}) AND ${inChanged}`)
			.join(' UNION ALL ')}) LIMIT ${CHANGED_KEYS_LIMIT + 1}`,
	);
	if (guess.length === 0 || guess.length > CHANGED_KEYS_LIMIT) return undefined;
	const list = guess
		.map((g) => g.k)
		.sort()
		.map(sqlString)
		.join(', ');
	const parts = new Map<number, PartSum>();
	const add = (m: number, part: PartSum) => parts.set(m, plusPart(parts.get(m) ?? { n: 0n, h: 0n }, part));
	for (const table of spec.tables) {
		const moved = changed.rebuild.some((m) => !partUnchanged(changed, table, m));
		if (moved) {
			// the table the batch touched: its other keys' rows summed in one scan, as they are now
			for (const [m, part] of await partitionSums(db, spec, table, table, `${inChanged} AND ${keyed.key} NOT IN (${list})`)) add(m, part);
			continue;
		}
		const ofKeys = await partitionSums(db, spec, table, table, `${keyed.key} IN (${list}) AND ${inChanged}`);
		for (const m of changed.rebuild) {
			add(m, minusPart(fingerprintPart(changed.now.get(m), table), ofKeys.get(m) ?? { n: 0n, h: 0n }));
		}
	}
	const stored = new Map(
		(
			await queryRows<{ m: string | number; n: string; h: string }>(
				db,
				`SELECT toUInt64(${spec.expression}) AS m, toString(sum(${keyed.rows})) AS n, toString(sum(${keyed.hash as string})) AS h
				FROM ${rollup.name} WHERE ${inChanged} AND ${keyed.key} NOT IN (${list}) GROUP BY m`,
			)
		).map((r) => [Number(r.m), { n: BigInt(r.n), h: BigInt(r.h) }]),
	);
	const partitions = changed.rebuild.filter((m) => samePart(parts.get(m) ?? { n: 0n, h: 0n }, stored.get(m) ?? { n: 0n, h: 0n }));
	if (partitions.length === 0) return undefined;
	const count = guess.filter((g) => partitions.includes(Number(g.m))).length;
	return { partitions, keys: { key: keyed.key, sql: list }, count };
}

/**
 * For a rollup with a `changed keys` line over rollups: when each split rollup either changed in no
 * partition this one reads or was built in this refresh by recomputing some keys only (its rows that
 * differ from the table before are exactly those `keyedBuilt` picks), and was last built before this
 * rollup was — so this rollup was computed from the table as it was before — the keys to recompute
 * are those of the rows picked, before and now, in the changed partitions; every changed partition
 * is recomputed for them alone, its other rows kept. A candidate's first application recomputes the
 * capability groups of that candidate, not a sixteenth of all of them. Undefined when a split rollup
 * changed otherwise (a whole partition recomputed), or more keys than CHANGED_KEYS_LIMIT.
 */
async function upstreamKeysOnly(
	db: Warehouse,
	rollup: Rollup,
	changed: { before: ReadonlyMap<number, string>; now: ReadonlyMap<number, string>; rebuild: readonly number[] },
	last: LastBuild | undefined,
	lastBuilds: ReadonlyMap<string, LastBuild>,
	keyedBuilt: ReadonlyMap<string, string>,
	tableOf: (name: string) => string,
): Promise<ChangedKeys | undefined> {
	const spec = rollup.partitions as PartitionSpec;
	const key = spec.changedKeys?.key;
	if (!key || spec.changedKeys?.rows || !last || changed.rebuild.length === 0) return undefined;
	const inChanged = `(${spec.expression}) IN (${changed.rebuild.join(', ')})`;
	const reads: string[] = [];
	for (const table of spec.tables) {
		const rows = keyedBuilt.get(table);
		if (changed.rebuild.every((m) => partUnchanged(changed, table, m))) continue;
		if (!rows || Number(lastBuilds.get(table)?.last_ms ?? Number.POSITIVE_INFINITY) > Number(last.last_ms)) return undefined;
		for (const from of [table, tableOf(table)]) reads.push(`SELECT ${key} FROM ${from} PREWHERE ${rows} WHERE ${inChanged}`);
	}
	if (reads.length === 0) return undefined;
	const found = await queryRows<{ k: string; t: string }>(
		db,
		`SELECT DISTINCT toString(${key}) AS k, toTypeName(${key}) AS t FROM (${reads.join(' UNION ALL ')}) LIMIT ${CHANGED_KEYS_LIMIT + 1}`,
	);
	if (found.length === 0 || found.length > CHANGED_KEYS_LIMIT) return undefined;
	// a number key (capability_key UInt64) is written as a number: ClickHouse compares no String with it
	const literal = (r: { k: string; t: string }) => (/^U?Int\d+$/.test(r.t) && /^-?\d+$/.test(r.k) ? r.k : sqlString(r.k));
	const list = found.map(literal).sort().join(', ');
	return { partitions: [...changed.rebuild], keys: { key, sql: list }, count: found.length };
}

/** The keys a `changed keys` rollup recomputes alone (changedKeysOnly), in which partitions. */
interface ChangedKeys {
	partitions: number[];
	/** as partitionsSql takes them: the key column and a list of its values */
	keys: { key: string; sql: string };
	/** how many of the keys are in `partitions` (logged) */
	count: number;
}

/** The rows a rollup's build added to its copy (newKeysOnly): in which partitions, of which keys. */
export interface NewKeys {
	partitions: number[];
	keys: string[];
	/**
	 * the condition that picks exactly those rows of its first split table: over the columns of its
	 * partition expression and the key, which a rollup whose first split table is a fct_/dim_ table
	 * has too (its PARTITION BY is that expression, and the key a column), so it also picks the rows
	 * they gave, for a rollup reading this one
	 */
	rows: string;
	/**
	 * the table holding exactly those rows when the build only added rows (its `__add` table, whose
	 * rows are inserted into the current table at the swap); a rollup reading this one reads the new
	 * rows from there
	 */
	table?: string;
}

/**
 * The INSERT of the rows `keys` add to `partitions` (newKeysOnly): the first split table read in
 * those partitions for those keys only, the tables read by key ({keys_in_partitions:<key>}) for
 * those keys.
 */
export function newKeysSql(
	insertSql: string,
	spec: Pick<PartitionSpec, 'placeholder' | 'tables'> & { newKeys: NewKeysSpec },
	added: NewKeys,
	tableOf: (name: string) => string = (name) => name,
): string {
	const key = spec.newKeys.key;
	const list = added.keys.map(sqlString).join(', ');
	const filter = added.rows;
	return insertSql
		.replace(KEYS_PLACEHOLDER, (_, column: string) =>
			column === key
				? `${column} IN (${list})`
				: `${column} IN (SELECT ${column} FROM ${tableOf(spec.tables[0] as string)} WHERE ${filter})`,
		)
		.replaceAll(spec.placeholder, filter);
}

let running: Promise<unknown> = Promise.resolve();

/**
 * Brings every agg_* table up to date with the facts. Safe to call after every load and at start
 * (unchanged rollups are skipped); calls within one process run one after another.
 */
export function refreshRollups(
	db: Warehouse,
	log: (line: string) => void = () => {},
	options: RefreshOptions = {},
): Promise<RollupBuild[]> {
	// The keyed recomputes spell their keys out, in several places of one statement (twelve in
	// agg_candidate_profile's): about 1,000 candidates passed 18.16's default max_query_size of
	// 256 KiB, and a refresh after 1,000 first applications failed on every retry with "Syntax
	// error: failed at position 262140" (8 December 2026), the batch committed but never visible.
	const large = withSettings(db, { max_query_size: String(MAX_QUERY_BYTES) });
	const next = running.then(
		() => refresh(large, log, options),
		() => refresh(large, log, options),
	);
	running = next.catch(() => {});
	return next;
}

async function refresh(db: Warehouse, log: (line: string) => void, options: RefreshOptions): Promise<RollupBuild[]> {
	const rollups = readRollups(options.dir);
	// Current releases refuse an INSERT block spanning more than 100 partitions (a month-partitioned
	// rollup's whole build covers every month since 2019); 18.16 has no such limit nor the setting.
	const [limit] = await queryRows<{ n: string | number }>(
		db,
		"SELECT count() AS n FROM system.settings WHERE name = 'max_partitions_per_insert_block'",
	);
	const insertSettings = Number(limit?.n) > 0 ? { max_partitions_per_insert_block: '0' } : {};
	await db.command({ query: OPS_ROLLUPS_DDL });
	await db.command({ query: OPS_ROLLUP_MONTHS_DDL });
	await db.command({ query: OPS_ROLLUP_SCANS_DDL });
	await db.command({ query: VISIBILITY_DDL });
	// system.tables reads retried: a loader may drop its staging tables meanwhile (systemCatalogRows).
	const leftovers = await systemCatalogRows(() =>
		queryRows<{ name: string }>(
			db,
			`SELECT name FROM system.tables WHERE database = currentDatabase() AND match(name, '^agg_.*__(new|old|add)$')`,
		),
	);
	for (const { name } of leftovers) await db.command({ query: `DROP TABLE IF EXISTS ${name}` });

	const existing = new Set(
		(
			await systemCatalogRows(() =>
				queryRows<{ name: string }>(db, `SELECT name FROM system.tables WHERE database = currentDatabase() AND match(name, '^agg_')`),
			)
		).map((t) => t.name),
	);
	const lastBuilds = new Map(
		(
			await queryRows<LastBuild>(
				db,
				'SELECT rollup_name, argMax(input_key, build_ms) AS last_key, toString(max(build_ms)) AS last_ms, toString(argMax(rows, build_ms)) AS last_rows, argMax(definition_hash, build_ms) AS last_definition, toString(argMax(duration_ms, build_ms)) AS last_duration FROM ops_rollups GROUP BY rollup_name',
			)
		).map((r) => [r.rollup_name, r]),
	);
	// Read before any scan (ScanCache): a scan of rows inserted after this point is never reused.
	const sources = [...new Set(rollups.flatMap((r) => r.sources))];
	const cache = await partsSignatures(db, sources);
	const fingerprints = await tableFingerprints(db, sources, cache);

	const keys = new Map<string, string>();
	const plan: { rollup: Rollup; key: string; reason: string }[] = [];
	for (const rollup of rollups) {
		// A rollup keyed on its rows: the hash of what its SELECT returns now (it reads facts only,
		// and is small: one query, as cheap as its build).
		const rows = rollup.keyedOnRows
			? await scanOnce<{ n: string; h: string }>(
					db,
					cache,
					rollup.sources,
					`SELECT toString(count()) AS n, toString(sum(cityHash64(*))) AS h FROM (${rollup.insertSql.replace(/^INSERT\s+INTO\s+[a-z0-9_]+\s+/i, '')})`,
				)
			: undefined;
		const key = createHash('sha256')
			.update(rollup.definitionHash)
			.update(
				rows
					? `rows=${rows[0]?.n}:${rows[0]?.h}`
					: rollup.sources
							.map((s) => {
								const f = fingerprints.get(s);
								return `${s}=${f?.rows}:${f?.hash}`;
							})
							.join('\n'),
			)
			.update(rollup.dependsOn.map((d) => `${d}=${keys.get(d)}`).join('\n'))
			.digest('hex');
		keys.set(rollup.name, key);
		const last = lastBuilds.get(rollup.name)?.last_key;
		const reason = options.force
			? 'forced'
			: !existing.has(rollup.name)
				? 'missing'
				: last === undefined
					? 'never recorded'
					: last !== key
						? 'inputs or definition changed'
						: '';
		if (reason) plan.push({ rollup, key, reason });
	}

	const rebuilt = new Map(plan.map((p) => [p.rollup.name, `${p.rollup.name}__new`]));
	const results = new Map<string, RollupBuild>();
	const partitionsBuilt = new Map<string, Map<number, string>>();
	/** partitioned rollups whose inputs changed, but in no partition they read: the table stays as it is */
	const kept = new Set<string>();
	/** the table a rollup is read from: its freshly built one when this refresh rebuilt it */
	const tableOf = (name: string) => rebuilt.get(name) ?? name;
	/** the rows a rollup's build added to its copy, instead of recomputing their partitions (newKeysOnly) */
	const addedBy = new Map<string, NewKeys>();
	/** rollups whose build only added rows: their table, the rows to add at the swap */
	const addOnly = new Map<string, string>();
	/** rollups whose build recomputed only some keys (changedKeysOnly in every changed partition): the condition picking their rows */
	const keyedBuilt = new Map<string, string>();
	try {
		for (const { rollup, reason } of plan) {
			const started = Date.now();
			const spec = rollup.partitions;
			const changed = spec
				? await partitionsToRebuild(
						db,
						rollup,
						lastBuilds.get(rollup.name),
						existing,
						options,
						tableOf,
						lastBuilds,
						cache,
						addOnly,
						keyedBuilt,
					)
				: undefined;
			if (changed) partitionsBuilt.set(rollup.name, changed.now);
			// A scoped input changed for some values: the keys holding one of them are recomputed in
			// whichever partition they are (none may hold one: e.g. no candidate prefers an occupation
			// whose most common open profile changed).
			let scope: { keys: { key: string; sql: string }; holding: number[]; info: NonNullable<RollupBuild['scoped']> } | undefined;
			let heldByNone = '';
			if (spec?.scope && changed?.rebuild && changed.scoped) {
				const keys = { key: spec.scope.key, sql: scopedKeysSql(spec.scope, tableOf(spec.tables[0] as string), changed.scoped) };
				const [found] = await queryRows<{ k: string; p: string[] }>(
					db,
					`SELECT toString(uniqExact(${keys.key})) AS k, arrayMap(x -> toString(x), groupUniqArray(toUInt64(${spec.expression}))) AS p FROM (${keys.sql})`,
				);
				const holding = (found?.p ?? []).map(Number).sort((a, b) => a - b);
				const info = { values: changed.scoped.length, keys: Number(found?.k ?? 0), partitions: holding.length };
				if (info.keys > 0) scope = { keys, holding, info };
				else heldByNone = `; ${spec.scope.table} changed for ${info.values} ${spec.scope.column} value(s), held by no ${spec.scope.key}`;
			}
			if (changed?.rebuild?.length === 0 && !scope) {
				// Nothing it reads changed (e.g. a placement of someone already placed, for the capability
				// groups): no copy, no swap; only the new fingerprints are recorded. Rollups after it
				// read the current table.
				kept.add(rollup.name);
				rebuilt.delete(rollup.name);
				const durationMs = Date.now() - started;
				results.set(rollup.name, {
					name: rollup.name,
					rebuilt: false,
					reason: `${reason}, but in no ${spec?.unit} it reads`,
					// the same table as at its last build (a kept rollup records the same count again)
					rows: Number(lastBuilds.get(rollup.name)?.last_rows ?? 0),
					durationMs,
					buckets: 0,
					partitionsRebuilt: [],
				});
				log(`  rollup ${rollup.name}: unchanged in ${durationMs} ms (${reason}, but in no ${spec?.unit} it reads${heldByNone})`);
				continue;
			}
			// Partitions whose only change is new rows of a `new keys` table: copied, and those rows' part added.
			const added =
				spec?.newKeys && changed?.rebuild && !scope && !options.wholeMonths
					? await newKeysOnly(
							db,
							rollup,
							{ ...changed, rebuild: changed.rebuild },
							tableOf,
							addedBy,
							options.beforeNewKeysGuess && (() => options.beforeNewKeysGuess?.(rollup.name) ?? Promise.resolve()),
						)
					: undefined;
			if (added) addedBy.set(rollup.name, added);
			// Partitions in which only some keys' rows changed: those keys recomputed, the other rows kept.
			const keyed =
				spec?.changedKeys && changed?.rebuild && !scope && !options.wholeMonths && !options.wholePartitions
					? spec.changedKeys.rows
						? await changedKeysOnly(
								db,
								rollup,
								{ ...changed, rebuild: changed.rebuild },
								lastBuilds.get(rollup.name),
								options.changedKeysMarginSeconds,
							)
						: await upstreamKeysOnly(
								db,
								rollup,
								{ ...changed, rebuild: changed.rebuild },
								lastBuilds.get(rollup.name),
								lastBuilds,
								keyedBuilt,
								tableOf,
							)
					: undefined;
			/** when the partitions to copy and to compute were known, and when the copy ended (logged for a build adding new keys) */
			const decidedAt = Date.now();
			let copiedAt = decidedAt;
			/** the partitions computed again */
			const recomputed = changed?.rebuild?.filter((p) => !added?.partitions.includes(p) && !keyed?.partitions.includes(p));
			// the new rows of a rollup that only added rows are read where they are (its __add table)
			const upstreamAdded = spec?.newKeys ? addedBy.get(spec.newKeys.table)?.table : undefined;
			const addedSql = (into: string) =>
				newKeysSql(
					renameTables(
						rollup.insertSql,
						new Map([
							...rebuilt,
							[rollup.name, into],
							...(upstreamAdded ? [[spec?.newKeys?.table as string, upstreamAdded] as const] : []),
						]),
					),
					{ ...(spec as PartitionSpec), newKeys: spec?.newKeys as NewKeysSpec },
					added as NewKeys,
					tableOf,
				);
			if (added && spec && recomputed?.length === 0) {
				// Only new rows: no copy of the table. They go to agg_x__add, inserted into agg_x at the swap;
				// until then this refresh reads agg_x with them through agg_x__new, a Merge table over both.
				await db.command({ query: `DROP TABLE IF EXISTS ${rollup.name}__new` });
				await db.command({ query: `DROP TABLE IF EXISTS ${rollup.name}__add` });
				await db.command({ query: renameTables(rollup.createSql, new Map([[rollup.name, `${rollup.name}__add`]])) });
				addOnly.set(rollup.name, `${rollup.name}__add`);
				await db.command({ query: addedSql(`${rollup.name}__add`), clickhouse_settings: insertSettings });
				const [{ database } = { database: '' }] = await queryRows<{ database: string }>(db, 'SELECT currentDatabase() AS database');
				await db.command({
					query: `CREATE TABLE ${rollup.name}__new AS ${rollup.name} ENGINE = Merge(${sqlString(database)}, ${sqlString(`^${rollup.name}(__add)?$`)})`,
				});
				added.table = `${rollup.name}__add`;
				const [count] = await queryRows<{ n: string }>(db, `SELECT toString(count()) AS n FROM ${rollup.name}__add`);
				const rows = Number(lastBuilds.get(rollup.name)?.last_rows ?? 0) + Number(count?.n ?? 0);
				const durationMs = Date.now() - started;
				results.set(rollup.name, {
					name: rollup.name,
					rebuilt: true,
					reason,
					rows,
					durationMs,
					buckets: 1,
					partitionsRebuilt: changed?.rebuild ?? [],
					newKeys: { keys: added.keys.length, partitions: added.partitions },
				});
				log(
					`  rollup ${rollup.name}: ${rows} rows in ${durationMs} ms (${reason}, ${added.partitions.length} changed ${spec.unit}(s), only by new rows of ${spec.newKeys?.table}: the rows of their ${added.keys.length} new ${spec.newKeys?.key}(s) added to the table, nothing copied; decided in ${decidedAt - started} ms, added in ${Date.now() - decidedAt} ms)`,
				);
				continue;
			}
			await db.command({ query: `DROP TABLE IF EXISTS ${rollup.name}__new` });
			await db.command({ query: renameTables(rollup.createSql, new Map([[rollup.name, `${rollup.name}__new`]])) });
			const buckets = bucketCount(rollup, fingerprints, options.rowsPerBucket);
			const insertSql = renameTables(rollup.insertSql, rebuilt);
			const scoped = scope?.info;
			let scopedPartitions: number[] = [];
			/** how many INSERTs recomputed the changed partitions (a partitioned rebuild) */
			let runs = 1;
			if (spec && changed?.rebuild) {
				// In a partition holding scoped keys (and not rebuilt for its split tables), the other
				// rows are kept: copied by an INSERT … SELECT, as 18.16 has no lightweight DELETE to
				// remove the scoped ones from a copied partition.
				// (so are those of a partition whose changed keys are recomputed alone: changedKeysOnly)
				const keys = scope?.keys ?? keyed?.keys;
				scopedPartitions = keyed ? keyed.partitions : (scope?.holding ?? []).filter((p) => !changed.rebuild?.includes(p));
				// The unchanged partitions are copied from the current table (REPLACE PARTITION … FROM:
				// hard links, no data copied); only the changed ones are computed again, in one INSERT
				// (a few partitions need no buckets).
				const parts = await queryRows<{ partition: string }>(
					db,
					`SELECT DISTINCT partition FROM system.parts WHERE database = currentDatabase() AND table = '${rollup.name}' AND active`,
				);
				// one ALTER for all of them (15 partitions of agg_candidate_profile: 259 ms, against 709 ms
				// for one ALTER each; both releases take several commands in one ALTER)
				const copies = parts
					.map(({ partition }) => Number(partition))
					.filter((p) => !recomputed?.includes(p) && !scopedPartitions.includes(p))
					.map((p) => `REPLACE PARTITION ${p} FROM ${rollup.name}`);
				if (copies.length > 0) await db.command({ query: `ALTER TABLE ${rollup.name}__new ${copies.join(', ')}` });
				copiedAt = Date.now();
				// The kept rows are copied while the changed ones are computed: two INSERTs into __new at
				// once, one per core (a sixteenth of agg_candidate_profile's rows takes about as long to
				// copy as one candidate's facts take to read again).
				const keptCopy =
					keys && scopedPartitions.length > 0
						? db.command({
								query: `INSERT INTO ${rollup.name}__new SELECT * FROM ${rollup.name} WHERE (${spec.expression}) IN (${scopedPartitions.join(', ')}) AND ${keys.key} NOT IN (${keys.sql})`,
								clickhouse_settings: insertSettings,
							})
						: Promise.resolve();
				// A scoped recompute may cover many keys (all the candidates of a large occupation): it runs
				// in the rollup's buckets, as a whole build does. Recomputed partitions run in as many of
				// its buckets as they hold rows of: at 10× scale a batch of 10 applications touched most of
				// agg_candidate_profile's 16 partitions, and recomputing them in one INSERT passed the
				// query's 7.45 GiB (the refresh failed again and again); one partition is 1/16 of the rows,
				// under half a bucket there.
				// (Only a rollup built in buckets: another's INSERT has no bucket to keep, each run would
				// insert every row again.)
				const share = (recomputed?.length ?? 0) / Math.max(1, parts.length);
				// (Keys recomputed one by one — at most CHANGED_KEYS_LIMIT — need no bucket of their own: at
				// 10× scale each bucket would read every fact table's key column again.)
				runs =
					scope || buckets === 1
						? buckets
						: (recomputed?.length ?? 0) === 0
							? 1
							: Math.min(buckets, Math.max(1, Math.ceil(buckets * share)));
				const computed = (async () => {
					if ((recomputed?.length ?? 0) > 0 || keys)
						for (let bucket = 0; bucket < runs; bucket++)
							await db.command({
								query: partitionsSql(bucketSql(insertSql, bucket, runs), spec, recomputed, tableOf, keys),
								clickhouse_settings: insertSettings,
							});
					if (added) await db.command({ query: addedSql(`${rollup.name}__new`), clickhouse_settings: insertSettings });
				})();
				// both settled before anything is dropped (the catch below drops __new)
				const failed = (await Promise.allSettled([keptCopy, computed])).find((r) => r.status === 'rejected');
				if (failed) throw failed.reason;
			} else {
				for (let bucket = 0; bucket < buckets; bucket++) {
					try {
						await db.command({
							query: spec ? partitionsSql(bucketSql(insertSql, bucket, buckets), spec) : bucketSql(insertSql, bucket, buckets),
							clickhouse_settings: insertSettings,
						});
					} catch (error) {
						const where = buckets > 1 ? ` (bucket ${bucket + 1} of ${buckets})` : '';
						throw new Error(`Rollup ${rollup.name} failed to build${where}: ${(error as Error).message}`);
					}
				}
			}
			const [count] = await queryRows<{ n: string }>(db, `SELECT toString(count()) AS n FROM ${rollup.name}__new`);
			const rows = Number(count?.n ?? 0);
			const durationMs = Date.now() - started;
			const incremental = changed?.rebuild && [...new Set([...changed.rebuild, ...scopedPartitions])].sort((a, b) => a - b);
			results.set(rollup.name, {
				name: rollup.name,
				rebuilt: true,
				reason,
				rows,
				durationMs,
				buckets: incremental ? runs : buckets,
				...(incremental ? { partitionsRebuilt: incremental } : {}),
				...(scoped ? { scoped } : {}),
				...(added ? { newKeys: { keys: added.keys.length, partitions: added.partitions } } : {}),
				...(keyed ? { changedKeys: { keys: keyed.count, partitions: keyed.partitions } } : {}),
			});
			// only these keys' rows differ from the table's: a rollup reading it fingerprints those rows only
			if (keyed && recomputed?.length === 0) keyedBuilt.set(rollup.name, `${keyed.keys.key} IN (${keyed.keys.sql})`);
			const inBuckets = incremental ? (runs > 1 ? `, ${runs} buckets` : '') : buckets > 1 ? `, ${buckets} buckets` : '';
			const inMonths = changed?.rebuild ? `, ${changed.rebuild.length} changed ${spec?.unit}(s) rebuilt, the others copied` : '';
			const inScope =
				scoped && spec?.scope
					? `; ${spec.scope.table} changed for ${scoped.values} ${spec.scope.column} value(s): ${scoped.keys} ${spec.scope.key}(s) recomputed in ${scoped.partitions} partition(s), the other rows kept`
					: heldByNone;
			const inNewKeys = added
				? `; of those, ${added.partitions.length} changed only by new rows of ${spec?.newKeys?.table}: copied, with the part of their ${added.keys.length} new ${spec?.newKeys?.key}(s) added`
				: '';
			const inChangedKeys = keyed
				? `; of those, ${keyed.partitions.length} recomputed only for their ${keyed.count} changed ${spec?.changedKeys?.key}(s), the other rows kept`
				: '';
			// where an incremental build's time went: deciding (fingerprints, proofs), copying, computing
			const phases = incremental
				? `; decided in ${decidedAt - started} ms, copied in ${copiedAt - decidedAt} ms, computed in ${Date.now() - copiedAt} ms`
				: '';
			log(
				`  rollup ${rollup.name}: ${rows} rows in ${durationMs} ms (${reason}${inBuckets}${inMonths}${inScope}${inNewKeys}${inChangedKeys}${phases})`,
			);
		}
	} catch (error) {
		for (const temporary of [...rebuilt.values(), ...addOnly.values()])
			await db.command({ query: `DROP TABLE IF EXISTS ${temporary}` }).catch(() => {});
		throw error;
	}

	for (const { rollup, key } of plan) {
		const result = results.get(rollup.name)!;
		if (kept.has(rollup.name)) {
			// the table is unchanged: nothing to swap
		} else if (addOnly.has(rollup.name)) {
			// only new rows: added to the table by one INSERT (a part in each partition it touches, usually one)
			await db.command({ query: `INSERT INTO ${rollup.name} SELECT * FROM ${rollup.name}__add`, clickhouse_settings: insertSettings });
			await db.command({ query: `DROP TABLE ${rollup.name}__new` });
			await db.command({ query: `DROP TABLE ${rollup.name}__add` });
		} else if (existing.has(rollup.name)) {
			await db.command({ query: `RENAME TABLE ${rollup.name} TO ${rollup.name}__old, ${rollup.name}__new TO ${rollup.name}` });
			await db.command({ query: `DROP TABLE ${rollup.name}__old` });
		} else {
			await db.command({ query: `RENAME TABLE ${rollup.name}__new TO ${rollup.name}` });
		}
		// Every column is given: 18.16 fills omitted JSONEachRow fields with the type's default, not
		// the column's DEFAULT expression.
		const now = new Date();
		const months = partitionsBuilt.get(rollup.name);
		if (months && months.size > 0) {
			await db.insert({
				table: 'ops_rollup_months',
				values: [...months].map(([month, fingerprint]) => ({ rollup_name: rollup.name, input_key: key, month, fingerprint })),
				format: 'JSONEachRow',
			});
		}
		await db.insert({
			table: 'ops_rollups',
			values: [
				{
					rollup_name: rollup.name,
					definition_hash: rollup.definitionHash,
					input_key: key,
					rows: result.rows,
					duration_ms: result.durationMs,
					built_at: now.toISOString().slice(0, 19).replace('T', ' '),
					build_ms: now.getTime(),
				},
			],
			format: 'JSONEachRow',
		});
	}

	await storeScans(db, cache);
	if (cache.reused + cache.taken > 0)
		log(
			`  rollup fingerprints: ${cache.reused} scan(s) of fct_/dim_ tables unchanged since an earlier refresh reused (${cache.reusedStored} of them stored by an earlier process), ${cache.taken} taken`,
		);
	return rollups.map(
		(r) =>
			results.get(r.name) ?? {
				name: r.name,
				rebuilt: false,
				reason: 'unchanged',
				rows: Number(lastBuilds.get(r.name)?.last_rows ?? 0),
				durationMs: 0,
				buckets: 0,
			},
	);
}
