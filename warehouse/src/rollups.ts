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
import { queryRows, type Warehouse } from './client.ts';
import { expandEligibility } from './matching/eligibility.ts';
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
	/** partitioned by month of `table`.`column`: only the months whose source rows changed are rebuilt */
	months?: { table: string; column: string };
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
	/** a month-partitioned rollup rebuilt incrementally: the months rebuilt (the others were copied) */
	monthsRebuilt?: number[];
}

export interface RefreshOptions {
	/** rebuild every rollup even when nothing changed */
	force?: boolean;
	/** where the rollup files are (tests use a copy) */
	dir?: string;
	/** rows per bucket for every bucketed rollup, instead of what each file declares (tests) */
	rowsPerBucket?: number;
	/** rebuild month-partitioned rollups whole instead of only their changed months (tests compare the two) */
	wholeMonths?: boolean;
}

const FILE_PATTERN = /^(agg_[a-z0-9_]+)\.sql$/;
const TABLE_REFERENCE = /\b((?:agg|fct|dim)_[a-z0-9_]+)\b/g;
const BUCKETS_DIRECTIVE = /^--\s*buckets:\s*one per (\d+) rows of ((?:fct|dim)_[a-z0-9_]+)\s*$/m;
const BUCKET_PLACEHOLDERS = /\{(bucket|buckets):UInt32\}/g;
const MONTHS_DIRECTIVE = /^--\s*months:\s*partitioned by month of (fct_[a-z0-9_]+)\.([a-z0-9_]+)\s*$/m;
const MONTHS_PLACEHOLDER = '{in_months}';

/** The INSERT restricted to `months` (YYYYMM of the source column), or whole when `months` is undefined. */
export function monthsSql(insertSql: string, column: string, months?: readonly number[]): string {
	const filter = months === undefined ? '1' : `toYYYYMM(${column}) IN (${months.length ? months.join(', ') : '0'})`;
	return insertSql.replaceAll(MONTHS_PLACEHOLDER, filter);
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
	const sorted = [...references].sort();
	const directive = BUCKETS_DIRECTIVE.exec(sql);
	const placeholders = new Set([...insertSql.matchAll(BUCKET_PLACEHOLDERS)].map((m) => m[1]));
	if (directive && placeholders.size !== 2)
		throw new Error(`${fileName} declares buckets but its INSERT does not use both {bucket:UInt32} and {buckets:UInt32}`);
	if (!directive && placeholders.size > 0)
		throw new Error(`${fileName} uses bucket placeholders without a '-- buckets: one per <n> rows of <table>' line`);
	const buckets = directive ? { table: directive[2] as string, rowsPerBucket: Number(directive[1]) } : undefined;
	const monthsDirective = MONTHS_DIRECTIVE.exec(sql);
	const months = monthsDirective ? { table: monthsDirective[1] as string, column: monthsDirective[2] as string } : undefined;
	if (months) {
		// Every row must come from one month of one source: then a month's rows can be rebuilt alone.
		if (
			sorted.length !== 1 ||
			sorted[0] !== months.table ||
			!insertSql.includes(MONTHS_PLACEHOLDER) ||
			!/PARTITION BY toYYYYMM\(/i.test(createSql)
		)
			throw new Error(
				`${fileName} declares months: it must read only ${months.table}, keep ${MONTHS_PLACEHOLDER} in its WHERE and be PARTITION BY toYYYYMM(…) of the same month`,
			);
	} else if (insertSql.includes(MONTHS_PLACEHOLDER)) {
		throw new Error(`${fileName} uses ${MONTHS_PLACEHOLDER} without a '-- months: partitioned by month of <table>.<column>' line`);
	}
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
		...(months ? { months } : {}),
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
	last_rows: string;
	last_definition: string;
}

async function monthFingerprints(db: Warehouse, table: string, column: string): Promise<Map<number, string>> {
	const rows = await queryRows<{ m: string | number; f: string }>(
		db,
		`SELECT toYYYYMM(${column}) AS m, concat(toString(count()), ':', toString(sum(_row_hash))) AS f FROM ${table} GROUP BY m`,
	);
	return new Map(rows.map((r) => [Number(r.m), r.f]));
}

interface TableFingerprint {
	rows: number;
	/** sum of the row hashes, as ClickHouse prints it */
	hash: string;
}

async function tableFingerprints(db: Warehouse, tables: string[]): Promise<Map<string, TableFingerprint>> {
	const result = new Map<string, TableFingerprint>();
	if (tables.length === 0) return result;
	// Names come from TABLE_REFERENCE matches ([a-z0-9_] only), so inlining them is safe; 18.16
	// has no {name:Type} query parameters.
	const list = tables.map((t) => `'${t}'`).join(', ');
	const columns = await queryRows<{ table: string; name: string }>(
		db,
		`SELECT table, name FROM system.columns WHERE database = currentDatabase() AND table IN (${list}) AND name = '_row_hash'`,
	);
	const withRowHash = new Set(columns.map((c) => c.table));
	for (const table of tables) {
		// Facts carry the loader's hash of each row; reference tables are small enough to hash whole.
		const hash = withRowHash.has(table) ? 'sum(_row_hash)' : 'sum(cityHash64(*))';
		const [row] = await queryRows<{ n: string; h: string }>(db, `SELECT toString(count()) AS n, toString(${hash}) AS h FROM ${table}`);
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
 * For a month-partitioned rollup: the source's per-month fingerprints now, and — when the last
 * build had the same definition and recorded its months — the months whose fingerprint changed
 * (appeared, disappeared or differ); `rebuild` is undefined when it must be built whole.
 */
async function monthsToRebuild(
	db: Warehouse,
	rollup: Rollup,
	last: LastBuild | undefined,
	existing: ReadonlySet<string>,
	options: RefreshOptions,
): Promise<{ now: Map<number, string>; rebuild?: number[] }> {
	const { table, column } = rollup.months as { table: string; column: string };
	const now = await monthFingerprints(db, table, column);
	if (options.force || options.wholeMonths || !last || !existing.has(rollup.name) || last.last_definition !== rollup.definitionHash)
		return { now };
	const recorded = await queryRows<{ month: string | number; fingerprint: string }>(
		db,
		`SELECT month, fingerprint FROM ops_rollup_months WHERE rollup_name = '${rollup.name}' AND input_key = '${last.last_key.replace(/[^0-9a-f]/g, '')}'`,
	);
	if (recorded.length === 0) return { now };
	const before = new Map(recorded.map((r) => [Number(r.month), r.fingerprint]));
	const months = [...new Set([...before.keys(), ...now.keys()])].sort((a, b) => a - b);
	return { now, rebuild: months.filter((m) => before.get(m) !== now.get(m)) };
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
	const next = running.then(
		() => refresh(db, log, options),
		() => refresh(db, log, options),
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
	await db.command({ query: VISIBILITY_DDL });
	const leftovers = await queryRows<{ name: string }>(
		db,
		`SELECT name FROM system.tables WHERE database = currentDatabase() AND match(name, '^agg_.*__(new|old)$')`,
	);
	for (const { name } of leftovers) await db.command({ query: `DROP TABLE IF EXISTS ${name}` });

	const existing = new Set(
		(
			await queryRows<{ name: string }>(db, `SELECT name FROM system.tables WHERE database = currentDatabase() AND match(name, '^agg_')`)
		).map((t) => t.name),
	);
	const lastBuilds = new Map(
		(
			await queryRows<LastBuild>(
				db,
				'SELECT rollup_name, argMax(input_key, build_ms) AS last_key, toString(argMax(rows, build_ms)) AS last_rows, argMax(definition_hash, build_ms) AS last_definition FROM ops_rollups GROUP BY rollup_name',
			)
		).map((r) => [r.rollup_name, r]),
	);
	const fingerprints = await tableFingerprints(db, [...new Set(rollups.flatMap((r) => r.sources))]);

	const keys = new Map<string, string>();
	const plan: { rollup: Rollup; key: string; reason: string }[] = [];
	for (const rollup of rollups) {
		const key = createHash('sha256')
			.update(rollup.definitionHash)
			.update(
				rollup.sources
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
	const monthsBuilt = new Map<string, Map<number, string>>();
	try {
		for (const { rollup, reason } of plan) {
			const started = Date.now();
			await db.command({ query: `DROP TABLE IF EXISTS ${rollup.name}__new` });
			await db.command({ query: renameTables(rollup.createSql, new Map([[rollup.name, `${rollup.name}__new`]])) });
			const buckets = bucketCount(rollup, fingerprints, options.rowsPerBucket);
			const insertSql = renameTables(rollup.insertSql, rebuilt);
			const changedMonths = rollup.months ? await monthsToRebuild(db, rollup, lastBuilds.get(rollup.name), existing, options) : undefined;
			if (rollup.months && changedMonths) monthsBuilt.set(rollup.name, changedMonths.now);
			if (changedMonths?.rebuild) {
				// The unchanged months are copied from the current table (REPLACE PARTITION … FROM: hard
				// links, no data copied); only the changed ones are computed again.
				const parts = await queryRows<{ partition: string }>(
					db,
					`SELECT DISTINCT partition FROM system.parts WHERE database = currentDatabase() AND table = '${rollup.name}' AND active`,
				);
				for (const { partition } of parts) {
					if (changedMonths.rebuild.includes(Number(partition))) continue;
					await db.command({ query: `ALTER TABLE ${rollup.name}__new REPLACE PARTITION ${Number(partition)} FROM ${rollup.name}` });
				}
				if (changedMonths.rebuild.length > 0)
					await db.command({
						query: monthsSql(insertSql, (rollup.months as { column: string }).column, changedMonths.rebuild),
						clickhouse_settings: insertSettings,
					});
			} else {
				for (let bucket = 0; bucket < buckets; bucket++) {
					try {
						await db.command({
							query: monthsSql(bucketSql(insertSql, bucket, buckets), rollup.months?.column ?? ''),
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
			const incremental = changedMonths?.rebuild;
			results.set(rollup.name, {
				name: rollup.name,
				rebuilt: true,
				reason,
				rows,
				durationMs,
				buckets: incremental ? 1 : buckets,
				...(incremental ? { monthsRebuilt: incremental } : {}),
			});
			const inBuckets = buckets > 1 && !incremental ? `, ${buckets} buckets` : '';
			const inMonths = incremental ? `, ${incremental.length} changed month(s) rebuilt, the others copied` : '';
			log(`  rollup ${rollup.name}: ${rows} rows in ${durationMs} ms (${reason}${inBuckets}${inMonths})`);
		}
	} catch (error) {
		for (const temporary of rebuilt.values()) await db.command({ query: `DROP TABLE IF EXISTS ${temporary}` }).catch(() => {});
		throw error;
	}

	for (const { rollup, key } of plan) {
		const result = results.get(rollup.name)!;
		if (existing.has(rollup.name)) {
			await db.command({ query: `RENAME TABLE ${rollup.name} TO ${rollup.name}__old, ${rollup.name}__new TO ${rollup.name}` });
			await db.command({ query: `DROP TABLE ${rollup.name}__old` });
		} else {
			await db.command({ query: `RENAME TABLE ${rollup.name}__new TO ${rollup.name}` });
		}
		// Every column is given: 18.16 fills omitted JSONEachRow fields with the type's default, not
		// the column's DEFAULT expression.
		const now = new Date();
		const months = monthsBuilt.get(rollup.name);
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
