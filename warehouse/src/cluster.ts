/**
 * The cluster variant of the schema (docs/cluster.md): the single-node migrations turned into
 * sharded fact tables behind Distributed tables, so the two schemas can never drift apart.
 *
 *   npx tsx warehouse/src/cluster.ts --cluster slmi --database slmi --replicated   prints the DDL
 *   npx tsx warehouse/src/cluster.ts --write          regenerates warehouse/cluster/schema.sql
 *
 * Every table of the migrations gets one of three roles, by its prefix:
 * - fct_*: sharded. `<table>_local` holds each shard's rows ((Replicated)MergeTree, the migration's
 *   columns, partitioning and sort order), and `<table>` is a Distributed table over it, under the
 *   migration's name, so the loader, the rollups and Cube read and write the same names as on one
 *   node. The sharding key of each fact is chosen in SHARDING_KEYS (a new fact table must be added
 *   there, or generation fails).
 * - dim_*: on every node, not replicated. Reference data comes from the code (common/reference), is
 *   small, and the loader replaces it on every node at each load; every shard can then join it
 *   locally.
 * - ops_*: the batch registry and quarantine, on every node; replicated across all nodes in the
 *   replicated variant. The loader uses the coordinator's copy (load/cluster-target.ts).
 * - match_*: the matching engine's runs (migration 0011), written by one process after each load
 *   and small: placed like the registry, on every node, replicated across all nodes.
 * - audit_*: the audit of the officer's detail views (migration 0013), written by the web app: placed
 *   like the registry.
 * Tables a migration creates in `{audit_database}` (0016: what the web app writes) go to
 * `<database>_audit` with the role of their name; `INSERT … SELECT` (rows moved by a migration: a new
 * cluster has none) is skipped, `DROP TABLE IF EXISTS t` removes t from the schema, and
 * `CREATE VIEW IF NOT EXISTS t AS SELECT …` becomes a view on every node.
 * `ALTER TABLE t ADD COLUMN c …` (0017) adds the column at the end of t's CREATE (t not sharded).
 * A statement the generator does not recognise (another ALTER, engine, SETTINGS …) is an error, so
 * a new kind of migration forces a decision here instead of a silently wrong cluster schema.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { queryRows, type Warehouse } from './client.ts';
import { auditDatabase } from './endpoint.ts';
import { ADD_COLUMN, type Migration, readMigrations } from './migrate.ts';
import { sqlString } from './sql-literal.ts';
import { splitStatements } from './sql-statements.ts';

export interface ClusterDdlOptions {
	/** the cluster's name in the servers' <remote_servers> */
	cluster: string;
	database: string;
	/** ReplicatedMergeTree (needs ClickHouse Keeper or ZooKeeper), or plain MergeTree: one node per shard */
	replicated: boolean;
	/**
	 * Add `ON CLUSTER` (default): run the DDL once, on any node, and ClickHouse runs it on every node
	 * (needs Keeper). false: statements to run on each node yourself (a cluster without Keeper).
	 */
	onCluster?: boolean;
}

/** What warehouse/cluster/schema.sql holds. */
export const PRODUCTION: ClusterDdlOptions = { cluster: 'slmi', database: 'slmi', replicated: true };

export const schemaPath = fileURLToPath(new URL('../cluster/schema.sql', import.meta.url));

export type TableRole = 'sharded' | 'every-node' | 'registry';

/**
 * Where each fact's rows live. A candidate's own row and every fact about them (trainings,
 * certifications, applications, placements) share a shard, so a per-candidate join can stay on
 * the shard; job-order lines spread by their own key. Why, and what it costs: docs/cluster.md.
 */
export const SHARDING_KEYS: Readonly<Record<string, string>> = {
	fct_job_order_lines: 'cityHash64(line_id)',
	fct_candidates: 'cityHash64(candidate_id)',
	fct_trainings: 'cityHash64(candidate_id)',
	fct_certifications: 'cityHash64(candidate_id)',
	fct_applications: 'cityHash64(candidate_id)',
	fct_placements: 'cityHash64(candidate_id)',
};

/** The shard-local table behind a sharded table's Distributed table. */
export function localTable(table: string): string {
	return `${table}_local`;
}

export function roleOf(table: string): TableRole {
	if (table.startsWith('fct_')) {
		if (!(table in SHARDING_KEYS)) {
			throw new Error(
				`Fact table ${table} has no sharding key: choose one in SHARDING_KEYS (warehouse/src/cluster.ts) and explain it in docs/cluster.md`,
			);
		}
		return 'sharded';
	}
	if (table.startsWith('dim_')) return 'every-node';
	// derived results computed once by the coordinator's after-load path (matching runs, forecasts,
	// alerts and their acknowledgements):
	// replicated to every node like the bookkeeping
	if (table.startsWith('ops_') || table.startsWith('match_') || table.startsWith('forecast') || table.startsWith('alert'))
		return 'registry';
	// the officer's detail views (migration 0013): written by the web app, one small row per look,
	// read by the minister's audit page; kept like the registry so every node holds the whole audit
	if (table.startsWith('audit_')) return 'registry';
	throw new Error(`Table ${table} has no cluster role: name it fct_, dim_ or ops_, or give it a role in warehouse/src/cluster.ts`);
}

/** A CREATE TABLE of a migration, taken apart. */
export interface MigrationTable {
	name: string;
	/** e.g. 0008_fct_placements */
	migration: string;
	role: TableRole;
	/** 'audit': created in `{audit_database}` (the web app's writes, `<database>_audit`) */
	database: 'main' | 'audit';
	/** the column list as written in the migration, without the surrounding parentheses */
	columns: string;
	partitionBy?: string;
	orderBy: string;
}

const CREATE =
	/^CREATE\s+TABLE\s+IF\s+NOT\s+EXISTS\s+(\{audit_database\}\.)?([a-z][a-z0-9_]*)\s*\(([\s\S]*)\)\s*ENGINE\s*=\s*MergeTree\(\)\s*([\s\S]*)$/i;
// PARTITION BY, then ORDER BY a column or a list of columns, and nothing else (no PRIMARY KEY,
// SAMPLE BY, TTL or SETTINGS: the generator would have to decide where each belongs).
const KEYS = /^(?:PARTITION\s+BY\s+((?:(?!\b(?:PRIMARY|SAMPLE|TTL|SETTINGS)\b)[\s\S])+?)\s+)?ORDER\s+BY\s+(\([\w\s,]*\)|\w+)$/i;

const AUDIT_DATABASE = /^CREATE\s+DATABASE\s+IF\s+NOT\s+EXISTS\s+\{audit_database\}$/i;
const MOVE_ROWS = /^INSERT\s+INTO\s+[\s\S]*\bSELECT\b/i;
const DROP = /^DROP\s+TABLE\s+IF\s+EXISTS\s+([a-z][a-z0-9_]*)$/i;
const VIEW = /^CREATE\s+VIEW\s+IF\s+NOT\s+EXISTS\s+([a-z][a-z0-9_]*)\s+AS\s+(SELECT\b[\s\S]*)$/i;

const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim();

/** A view of a migration (in the main database; its SELECT as written). */
export interface MigrationView {
	name: string;
	migration: string;
	select: string;
}

export function migrationViews(migrations: readonly Migration[]): MigrationView[] {
	const views: MigrationView[] = [];
	for (const m of migrations) {
		for (const statement of splitStatements(m.sql)) {
			const view = VIEW.exec(statement);
			if (view)
				views.push({
					name: view[1] as string,
					migration: `${String(m.version).padStart(4, '0')}_${m.name}`,
					select: oneLine(view[2] as string),
				});
		}
	}
	return views;
}

export function migrationTables(migrations: readonly Migration[]): MigrationTable[] {
	let tables: MigrationTable[] = [];
	for (const m of migrations) {
		const migration = `${String(m.version).padStart(4, '0')}_${m.name}`;
		for (const statement of splitStatements(m.sql)) {
			if (AUDIT_DATABASE.test(statement) || MOVE_ROWS.test(statement) || VIEW.test(statement)) continue;
			// A column added to a table of the main database (0017): the cluster's table is created with
			// it. A cluster whose table exists already gets it by hand, once (docs/cluster.md §5).
			const add = ADD_COLUMN.exec(statement.trim());
			if (add) {
				const table = tables.find((t) => t.database === 'main' && t.name === add[1]);
				if (!table || table.role === 'sharded' || /\b(AFTER|FIRST)\b/i.test(add[3] as string))
					throw new Error(
						`Migration ${migration}: the cluster variant cannot translate this statement (ADD COLUMN only at the end of a table created before, not sharded): ${oneLine(statement).slice(0, 120)}`,
					);
				table.columns = `${table.columns},\n    ${add[2]} ${oneLine(add[3] as string)}`;
				continue;
			}
			const drop = DROP.exec(statement);
			if (drop) {
				tables = tables.filter((t) => t.database !== 'main' || t.name !== drop[1]);
				continue;
			}
			const create = CREATE.exec(statement);
			const keys = create && KEYS.exec((create[4] as string).trim());
			if (!create || !keys) {
				throw new Error(
					`Migration ${migration}: the cluster variant cannot translate this statement (only CREATE TABLE IF NOT EXISTS … ENGINE = MergeTree() [PARTITION BY …] ORDER BY …): ${oneLine(statement).slice(0, 120)}. Teach warehouse/src/cluster.ts how, and document it in docs/cluster.md.`,
				);
			}
			const name = create[2] as string;
			tables.push({
				name,
				migration,
				role: roleOf(name),
				database: create[1] ? 'audit' : 'main',
				columns: (create[3] as string).replace(/^\s*\n/, '').trimEnd(),
				partitionBy: keys[1] === undefined ? undefined : oneLine(keys[1]),
				orderBy: oneLine(keys[2] as string),
			});
		}
	}
	return tables;
}

function identifier(what: string, name: string): string {
	if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`The ${what} name '${name}' must be a plain identifier`);
	return name;
}

/** One statement of the cluster schema, with the sentence schema.sql prints above it. */
export interface ClusterStatement {
	table: string;
	comment: string;
	sql: string;
}

export function clusterStatements(migrations: readonly Migration[], options: ClusterDdlOptions): ClusterStatement[] {
	const cluster = identifier('cluster', options.cluster);
	const db = identifier('database', options.database);
	const on = options.onCluster === false ? '' : ` ON CLUSTER ${cluster}`;
	const audit = auditDatabase(db);
	const dbOf = (t: MigrationTable) => (t.database === 'audit' ? audit : db);
	const table = (t: MigrationTable, name: string, engine: string) =>
		[
			`CREATE TABLE IF NOT EXISTS ${dbOf(t)}.${name}${on}`,
			'(',
			t.columns,
			')',
			`ENGINE = ${engine}`,
			...(t.partitionBy ? [`PARTITION BY ${t.partitionBy}`] : []),
			`ORDER BY ${t.orderBy}`,
		].join('\n');
	const statements: ClusterStatement[] = [
		{ table: db, comment: `The database, on every node.`, sql: `CREATE DATABASE IF NOT EXISTS ${db}${on}` },
	];
	const tables = migrationTables(migrations);
	if (tables.some((t) => t.database === 'audit')) {
		statements.push({
			table: audit,
			comment: `The database of what the web app writes (audit, acknowledgements; docs/access.md), on every node.`,
			sql: `CREATE DATABASE IF NOT EXISTS ${audit}${on}`,
		});
	}
	for (const t of tables) {
		const from = `(${t.migration}.sql)`;
		if (t.role === 'sharded') {
			const local = localTable(t.name);
			const key = SHARDING_KEYS[t.name] as string;
			const engine = options.replicated
				? `ReplicatedMergeTree(${sqlString(`/clickhouse/tables/{shard}/${db}/${local}`)}, '{replica}')`
				: 'MergeTree()';
			statements.push({
				table: local,
				comment: `${t.name}, the rows of one shard ${from}${options.replicated ? ', replicated within the shard' : ''}.`,
				sql: table(t, local, engine),
			});
			statements.push({
				table: t.name,
				comment: `${t.name}: every shard's rows, sharded by ${key}; reads and the loader's inserts go here.`,
				sql: `CREATE TABLE IF NOT EXISTS ${db}.${t.name}${on} AS ${db}.${local}\nENGINE = Distributed(${cluster}, ${db}, ${local}, ${key})`,
			});
		} else if (t.role === 'every-node') {
			statements.push({
				table: t.name,
				comment: `${t.name} ${from}: reference data, a full copy on every node, filled on each by the loader.`,
				sql: table(t, t.name, 'MergeTree()'),
			});
		} else {
			// One replica set spanning every node ('all' instead of a shard): the registry survives the
			// loss of any node, and any node can take over as the loaders' coordinator.
			const engine = options.replicated
				? `ReplicatedMergeTree(${sqlString(`/clickhouse/tables/all/${dbOf(t)}/${t.name}`)}, '{shard}-{replica}')`
				: 'MergeTree()';
			statements.push({
				table: t.name,
				comment: `${t.name} ${from}: load bookkeeping, on every node${options.replicated ? ', replicated across all nodes' : ''}; the loader uses the coordinator's.`,
				sql: table(t, t.name, engine),
			});
		}
	}
	for (const v of migrationViews(migrations)) {
		statements.push({
			table: v.name,
			comment: `${v.name} (${v.migration}.sql): a view, on every node.`,
			sql: `CREATE VIEW IF NOT EXISTS ${db}.${identifier('view', v.name)}${on} AS ${v.select.replaceAll('{audit_database}', audit)}`,
		});
	}
	return statements;
}

/** The cluster schema as statements, ready to send one by one. */
export function clusterDdl(migrations: readonly Migration[], options: ClusterDdlOptions): string[] {
	return clusterStatements(migrations, options).map((s) => s.sql);
}

/** The cluster schema as one SQL file, with a sentence above each statement. */
export function clusterSchemaSql(migrations: readonly Migration[], options: ClusterDdlOptions): string {
	const flags = `--cluster ${options.cluster} --database ${options.database}${options.replicated ? ' --replicated' : ''}${options.onCluster === false ? ' --per-node' : ''}`;
	const head = [
		`-- SLMI warehouse, cluster variant (docs/cluster.md). GENERATED from warehouse/migrations/ by`,
		`--   npx tsx warehouse/src/cluster.ts ${flags}`,
		'-- Do not edit: change a migration or warehouse/src/cluster.ts and regenerate. Apply it once, on any',
		`-- node: clickhouse-client --multiquery < schema.sql${options.onCluster === false ? ' (on every node: no ON CLUSTER)' : ''}`,
	];
	const body = clusterStatements(migrations, options).map((s) => `-- ${s.comment}\n${s.sql};`);
	return `${[head.join('\n'), ...body].join('\n\n')}\n`;
}

/**
 * `<remote_servers>` for a cluster of one or more shards, each a list of replicas. `credentials`:
 * the user the nodes connect to each other as (without it, ClickHouse's `default`).
 */
export function remoteServersXml(
	cluster: string,
	shards: readonly (readonly { host: string; port: number }[])[],
	credentials?: { user: string; password: string },
): string {
	const login = credentials ? `<user>${credentials.user}</user><password>${credentials.password}</password>` : '';
	const shardXml = shards.map(
		(replicas) =>
			`      <shard>\n        <internal_replication>true</internal_replication>\n${replicas
				.map((r) => `        <replica><host>${r.host}</host><port>${r.port}</port>${login}</replica>`)
				.join('\n')}\n      </shard>`,
	);
	return `  <remote_servers>\n    <${identifier('cluster', cluster)}>\n${shardXml.join('\n')}\n    </${cluster}>\n  </remote_servers>`;
}

/** `<macros>` of one node: which shard it serves and its replica name there. */
export function macrosXml(shard: string, replica: string): string {
	return `  <macros>\n    <shard>${shard}</shard>\n    <replica>${replica}</replica>\n  </macros>`;
}

/**
 * What is wrong with the cluster schema in the database `db` is connected to: tables missing, or
 * of the single-node kind (a MergeTree where a Distributed table belongs). Empty when it is right.
 */
export async function clusterSchemaProblems(db: Warehouse, migrations: readonly Migration[] = readMigrations()): Promise<string[]> {
	const engines = new Map(
		(
			await queryRows<{ name: string; engine: string }>(db, 'SELECT name, engine FROM system.tables WHERE database = currentDatabase()')
		).map((t) => [t.name, t.engine]),
	);
	const problems: string[] = [];
	const expect = (table: string, allowed: string[]) => {
		const engine = engines.get(table);
		if (engine === undefined) problems.push(`${table} is missing`);
		else if (!allowed.includes(engine)) problems.push(`${table} is ${engine}, expected ${allowed.join(' or ')}`);
	};
	// the audit database's tables (the web app's writes) are not in `db`'s database
	for (const t of migrationTables(migrations).filter((x) => x.database === 'main')) {
		if (t.role === 'sharded') {
			expect(localTable(t.name), ['MergeTree', 'ReplicatedMergeTree']);
			expect(t.name, ['Distributed']);
		} else if (t.role === 'every-node') {
			expect(t.name, ['MergeTree']);
		} else {
			expect(t.name, ['MergeTree', 'ReplicatedMergeTree']);
		}
	}
	return problems;
}

const USAGE = `Usage: npx tsx warehouse/src/cluster.ts [--cluster slmi] [--database slmi] [--replicated] [--per-node]
       npx tsx warehouse/src/cluster.ts --write

Prints the cluster variant of the schema (docs/cluster.md), derived from warehouse/migrations/.
  --replicated  ReplicatedMergeTree tables (needs ClickHouse Keeper or ZooKeeper); else MergeTree
  --per-node    no ON CLUSTER: statements to run on every node yourself (a cluster without Keeper)
  --write       regenerate ${schemaPath} (--cluster slmi --database slmi --replicated)`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const { values } = parseArgs({
		options: {
			cluster: { type: 'string', default: 'slmi' },
			database: { type: 'string', default: 'slmi' },
			replicated: { type: 'boolean', default: false },
			'per-node': { type: 'boolean', default: false },
			write: { type: 'boolean', default: false },
			help: { type: 'boolean', short: 'h', default: false },
		},
	});
	if (values.help) {
		console.log(USAGE);
	} else if (values.write) {
		const sql = clusterSchemaSql(readMigrations(), PRODUCTION);
		const before = (() => {
			try {
				return readFileSync(schemaPath, 'utf8');
			} catch {
				return '';
			}
		})();
		writeFileSync(schemaPath, sql);
		console.log(before === sql ? `${schemaPath} is up to date` : `Wrote ${schemaPath}`);
	} else {
		const options = { cluster: values.cluster, database: values.database, replicated: values.replicated, onCluster: !values['per-node'] };
		process.stdout.write(clusterSchemaSql(readMigrations(), options));
	}
}
