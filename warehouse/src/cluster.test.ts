import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	clusterDdl,
	clusterSchemaSql,
	clusterStatements,
	localTable,
	macrosXml,
	migrationTables,
	PRODUCTION,
	remoteServersXml,
	roleOf,
	SHARDING_KEYS,
	schemaPath,
} from './cluster.ts';
import { type Migration, readMigrations } from './migrate.ts';
import { splitStatements } from './sql-statements.ts';

const migrations = readMigrations();
const migration = (sql: string): Migration => ({ version: 1, name: 'x', sql, checksum: '' });

describe('a column added by a migration', () => {
	it('is the last column of the table the cluster creates (a table that is not sharded)', () => {
		const [table] = migrationTables([
			migration(
				'CREATE TABLE IF NOT EXISTS match_x\n(\n    x UInt8\n)\nENGINE = MergeTree()\nORDER BY x;\nALTER TABLE match_x ADD COLUMN y UInt32',
			),
		]);
		expect(table?.columns).toBe('    x UInt8,\n    y UInt32');
	});
});

describe('warehouse/cluster/schema.sql', () => {
	const committed = readFileSync(schemaPath, 'utf8');

	it('is exactly what the generator makes of the migrations (regenerate: npx tsx warehouse/src/cluster.ts --write)', () => {
		expect(committed).toBe(clusterSchemaSql(migrations, PRODUCTION));
	});

	it('holds the same statements as clusterDdl, so applying the file or the statements is the same', () => {
		expect(splitStatements(committed)).toEqual(clusterDdl(migrations, PRODUCTION));
	});
});

describe('clusterDdl', () => {
	const tables = migrationTables(migrations);
	const production = clusterStatements(migrations, PRODUCTION);
	const sqlOf = (table: string) => production.find((s) => s.table === table)?.sql ?? '';

	it('covers every table of the migrations, facts sharded by the chosen key', () => {
		expect(tables.length).toBeGreaterThan(20);
		for (const t of tables) {
			if (t.role === 'sharded') {
				expect(sqlOf(localTable(t.name))).toContain(`ReplicatedMergeTree('/clickhouse/tables/{shard}/slmi/${t.name}_local', '{replica}')`);
				expect(sqlOf(t.name)).toBe(
					`CREATE TABLE IF NOT EXISTS slmi.${t.name} ON CLUSTER slmi AS slmi.${t.name}_local\nENGINE = Distributed(slmi, slmi, ${t.name}_local, ${SHARDING_KEYS[t.name]})`,
				);
			} else {
				const db = t.database === 'audit' ? 'slmi_audit' : 'slmi';
				expect(production.find((s) => s.table === t.name && s.sql.startsWith('CREATE TABLE'))?.sql).toMatch(
					new RegExp(`^CREATE TABLE IF NOT EXISTS ${db}\\.${t.name} ON CLUSTER slmi\\n\\(`),
				);
			}
		}
		expect(Object.keys(SHARDING_KEYS).sort()).toEqual(
			tables
				.filter((t) => t.role === 'sharded')
				.map((t) => t.name)
				.sort(),
		);
	});

	it('keeps each table exactly as the migration defines it: columns, partitioning, sort order', () => {
		const placements = sqlOf('fct_placements_local');
		const source = migrations.find((m) => m.name === 'fct_placements')?.sql ?? '';
		for (const line of source.split('\n').filter((l) => /^ {4}\w/.test(l))) expect(placements).toContain(line);
		expect(placements).toMatch(
			/\nPARTITION BY toYYYYMM\(departure_date\)\nORDER BY \(country_iso2, occupation_isco4, province_code, departure_date, placement_id\)$/,
		);
		expect(sqlOf('dim_regions')).toMatch(/\)\nENGINE = MergeTree\(\)\nORDER BY region_code$/);
	});

	it('puts reference data on every node unreplicated, and the registry in one replica set of all nodes', () => {
		expect(sqlOf('dim_countries')).not.toContain('Replicated');
		expect(sqlOf('ops_batches')).toContain(`ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/slmi/ops_batches', '{shard}-{replica}')`);
	});

	it('without replication and ON CLUSTER: plain MergeTree statements to run on each node', () => {
		const perNode = clusterDdl(migrations, { cluster: 'c1', database: 'w', replicated: false, onCluster: false });
		expect(perNode.join('\n')).not.toMatch(/ON CLUSTER|Replicated/);
		expect(perNode[0]).toBe('CREATE DATABASE IF NOT EXISTS w');
		expect(perNode).toContain(
			'CREATE TABLE IF NOT EXISTS w.fct_candidates AS w.fct_candidates_local\nENGINE = Distributed(c1, w, fct_candidates_local, cityHash64(candidate_id))',
		);
	});

	it('puts what the web app writes in the audit database, moved there by 0016, with a view for Cube in its place', () => {
		const audit = tables.filter((t) => t.database === 'audit').map((t) => t.name);
		expect(audit.sort()).toEqual(['alert_acks', 'audit_detail_views']);
		expect(tables.filter((t) => t.database === 'main' && audit.includes(t.name))).toEqual([]);
		expect(production.map((s) => s.sql)).toContain('CREATE DATABASE IF NOT EXISTS slmi_audit ON CLUSTER slmi');
		expect(sqlOf('alert_acks')).toContain(`ReplicatedMergeTree('/clickhouse/tables/all/slmi_audit/alert_acks'`);
		expect(production.find((s) => s.sql.startsWith('CREATE VIEW'))?.sql).toBe(
			'CREATE VIEW IF NOT EXISTS slmi.alert_acks ON CLUSTER slmi AS SELECT alert_id, acknowledged_by, role, acknowledged_at, acknowledged_ms FROM slmi_audit.alert_acks',
		);
	});

	it('refuses what it cannot translate, instead of guessing', () => {
		expect(() => clusterDdl([migration('ALTER TABLE fct_placements ADD COLUMN x UInt8')], PRODUCTION)).toThrow(/cannot translate/);
		expect(() => clusterDdl([migration('CREATE TABLE IF NOT EXISTS t (x UInt8) ENGINE = Log')], PRODUCTION)).toThrow(/cannot translate/);
		const sharded =
			'CREATE TABLE IF NOT EXISTS fct_placements (x UInt8) ENGINE = MergeTree() ORDER BY x;\nALTER TABLE fct_placements ADD COLUMN y UInt8';
		expect(() => clusterDdl([migration(sharded)], PRODUCTION)).toThrow(/cannot translate/);
		const after =
			'CREATE TABLE IF NOT EXISTS match_x (x UInt8) ENGINE = MergeTree() ORDER BY x;\nALTER TABLE match_x ADD COLUMN y UInt8 AFTER x';
		expect(() => clusterDdl([migration(after)], PRODUCTION)).toThrow(/cannot translate/);
		expect(() =>
			clusterDdl(
				[migration('CREATE TABLE IF NOT EXISTS dim_x (x UInt8) ENGINE = MergeTree() ORDER BY x SETTINGS index_granularity = 1')],
				PRODUCTION,
			),
		).toThrow(/cannot translate/);
		expect(() => roleOf('fct_new_fact')).toThrow(/no sharding key/);
		expect(() => roleOf('raw_files')).toThrow(/no cluster role/);
		expect(() => clusterDdl(migrations, { ...PRODUCTION, database: 'slmi; DROP' })).toThrow(/plain identifier/);
	});
});

describe('cluster config', () => {
	it('has templates for the production cluster: every shard replicating itself, macros per node', () => {
		const cluster = readFileSync(new URL('../cluster/config.d/slmi-cluster.xml', import.meta.url), 'utf8');
		expect(cluster).toContain(`<${PRODUCTION.cluster}>`);
		const shards = cluster.match(/<shard>[\s\S]*?<\/shard>/g) ?? [];
		expect(shards.length).toBeGreaterThanOrEqual(2);
		for (const shard of shards) expect(shard).toContain('<internal_replication>true</internal_replication>');
		expect(cluster).toMatch(/<zookeeper>[\s\S]*<node>/);
		const macros = readFileSync(new URL('../cluster/config.d/macros.xml', import.meta.url), 'utf8');
		expect(macros).toMatch(/<shard>\d+<\/shard>[\s\S]*<replica>[^<]+<\/replica>/);
	});

	it('writes <remote_servers> with one <shard> per shard and <macros>', () => {
		const xml = remoteServersXml('slmi', [[{ host: '127.0.0.1', port: 19031 }], [{ host: '127.0.0.1', port: 19032 }]]);
		expect(xml.match(/<shard>/g)).toHaveLength(2);
		expect(xml).toContain('<internal_replication>true</internal_replication>');
		expect(xml).toContain('<replica><host>127.0.0.1</host><port>19032</port></replica>');
		expect(xml).toMatch(/^ {2}<remote_servers>\n {4}<slmi>[\s\S]*<\/slmi>\n {2}<\/remote_servers>$/);
		expect(macrosXml('02', 'r1')).toContain('<shard>02</shard>');
	});
});
