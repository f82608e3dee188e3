/**
 * The cluster variant (docs/cluster.md) on two real ClickHouse processes: two shards of one
 * replica each on 127.0.0.1, MergeTree locals behind Distributed tables (no Keeper runs here, so
 * no replication and no ON CLUSTER: the per-node DDL is applied to each node). The tiny data set
 * is generated the way the global setup generates it and loaded through the real loader in
 * cluster mode; everything is then compared with the single-node warehouse the global setup
 * loaded (inject('clickhouse'), database slmi).
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { clusterShardPorts } from '../../../scripts/instances.ts';
import { DEFAULT_SEED, generate } from '../../../seeds/src/generate.ts';
import { connect, queryRows, type Warehouse } from '../../../warehouse/src/client.ts';
import { clusterDdl, clusterSchemaProblems, localTable, macrosXml, remoteServersXml } from '../../../warehouse/src/cluster.ts';
import type { ClickHouseEndpoint } from '../../../warehouse/src/endpoint.ts';
import { USER_NAMES } from '../../../warehouse/src/endpoint.ts';
import { type LoadReport, loadFiles } from '../../../warehouse/src/load/index.ts';
import { type LocalServer, localPasswords, startLocalServer, stopPid } from '../../../warehouse/src/local-server.ts';
import { readMigrations } from '../../../warehouse/src/migrate.ts';
import { refreshRollups } from '../../../warehouse/src/rollups.ts';
import { TEST_UNTIL } from '../../support/test-data.ts';
import { projectRoot, runCli, tempDir } from '../ingestion/support.ts';

const CLUSTER = 'slmi';
const DATABASE = 'slmi';
const stateDir = join(projectRoot, '.slmi');
const FACTS = {
	fct_job_order_lines: 'line_id',
	fct_candidates: 'candidate_id',
	fct_trainings: 'training_id',
	fct_certifications: 'certification_id',
	fct_applications: 'application_id',
	fct_placements: 'placement_id',
} as const;
type Fact = keyof typeof FACTS;
const facts = Object.keys(FACTS) as Fact[];

// The shards have no passwordless user either: they reach each other as the admin.
const login = { user: USER_NAMES.admin, password: localPasswords(stateDir).admin };
const servers: LocalServer[] = [];
const endpoints: ClickHouseEndpoint[] = [];
/** one connection per node; nodes[0] is the coordinator (shard 1, replica 1) */
const nodes: Warehouse[] = [];
let single: Warehouse;
let dataDir: string;
let load: LoadReport;
const scratchDirs: string[] = [];
function scratchDir(label: string): string {
	const dir = tempDir(label);
	scratchDirs.push(dir);
	return dir;
}

const rows = <T = Record<string, string>>(db: Warehouse, sql: string) => queryRows<T>(db, sql);
async function value(db: Warehouse, sql: string): Promise<number> {
	const [row] = await rows<Record<string, string>>(db, sql);
	return Number(Object.values(row ?? {})[0]);
}

/** Every column but _loaded_at, hashed and summed: equal fingerprints = the same rows. */
async function fingerprint(db: Warehouse, table: string): Promise<{ rows: number; hash: string }> {
	const columns = await rows<{ name: string; type: string }>(
		db,
		`SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = '${table}' AND name != '_loaded_at' ORDER BY name`,
	);
	const list = columns.map((c) =>
		c.type.startsWith('AggregateFunction') ? `toString(finalizeAggregation(${c.name}))` : `ifNull(toString(${c.name}), 'NULL')`,
	);
	const [row] = await rows<{ n: string; h: string }>(
		db,
		`SELECT count() AS n, toString(sum(cityHash64(${list.join(', ')}))) AS h FROM ${table}`,
	);
	return { rows: Number(row?.n), hash: String(row?.h) };
}

beforeAll(async () => {
	single = connect(inject('clickhouse'));
	const shards = clusterShardPorts.map((p) => [{ host: '127.0.0.1', port: p.clickhouseTcp }]);
	for (const [i, ports] of clusterShardPorts.entries()) {
		const server = await startLocalServer({
			name: `shard${i + 1}`,
			stateDir,
			httpPort: ports.clickhouseHttp,
			tcpPort: ports.clickhouseTcp,
			interserverPort: ports.clickhouseInterserver,
			extraConfig: `${remoteServersXml(CLUSTER, shards, login)}\n${macrosXml(`0${i + 1}`, 'r1')}`,
		});
		servers.push(server);
		const endpoint = { ...server.endpoint, database: DATABASE };
		endpoints.push(endpoint);
		// A fresh cluster database on every run: the per-node variant of the cluster DDL, on each node.
		const admin = connect(endpoint, { database: false });
		await admin.command({ query: `DROP DATABASE IF EXISTS ${DATABASE}` });
		for (const statement of clusterDdl(readMigrations(), { cluster: CLUSTER, database: DATABASE, replicated: false, onCluster: false })) {
			await admin.command({ query: statement });
		}
		await admin.close();
		nodes.push(connect(endpoint));
	}
	// The same files the global setup loads (scripts/stack.ts loadDemoData): deterministic.
	dataDir = scratchDir('cluster-tiny');
	await generate({ scale: 'tiny', seed: DEFAULT_SEED, until: TEST_UNTIL, outDir: dataDir, format: 'csv' });
	load = await loadFiles(nodes[0] as Warehouse, [dataDir], { cluster: { name: CLUSTER, nodes } });
}, 180_000);

afterAll(async () => {
	await single?.close();
	for (const node of nodes) await node.close();
	for (const [i, server] of servers.entries()) {
		if (server.startedHere) {
			await server.stop();
		} else {
			// Left running by an earlier, killed run and reused: stop it all the same.
			const pidFile = join(stateDir, 'clickhouse', `shard${i + 1}`, 'server.pid');
			if (existsSync(pidFile)) await stopPid(Number(readFileSync(pidFile, 'utf8')));
		}
	}
	for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

describe('the cluster variant on two shards', () => {
	it('has the whole cluster schema on both nodes, from the same migrations', async () => {
		for (const node of nodes) expect(await clusterSchemaProblems(node)).toEqual([]);
		const [self] = await rows(
			nodes[1] as Warehouse,
			`SELECT shard_num, is_local FROM system.clusters WHERE cluster = '${CLUSTER}' AND is_local = 1`,
		);
		expect(self).toEqual({ shard_num: 2, is_local: 1 });
	});

	it('loaded the same files the single-node warehouse holds, every batch committed', async () => {
		expect(load.ok).toBe(true);
		expect(load.totals.read).toBeGreaterThan(30_000);
		const batches = (db: Warehouse) =>
			rows<{ batch_id: string }>(db, "SELECT DISTINCT batch_id FROM ops_batches WHERE state = 'committed' ORDER BY batch_id");
		expect(await batches(nodes[0] as Warehouse)).toEqual(await batches(single));
	});

	it('holds exactly the facts of the single-node warehouse, row for row', async () => {
		for (const table of facts) {
			const clustered = await fingerprint(nodes[0] as Warehouse, table);
			expect(clustered.rows, table).toBeGreaterThan(1000);
			expect(clustered, table).toEqual(await fingerprint(single, table));
		}
	});

	it('gives the same totals: slots, placements by country and province, medium-high, applications by outcome', async () => {
		const queries = [
			...facts.map((t) => `SELECT '${t}' AS fact, count() AS n FROM ${t}`),
			'SELECT sum(slots) AS slots FROM fct_job_order_lines',
			'SELECT country_iso2, count() AS n FROM fct_placements GROUP BY country_iso2 ORDER BY country_iso2',
			'SELECT province_code, count() AS n FROM fct_placements GROUP BY province_code ORDER BY province_code',
			'SELECT sum(medium_high_skill) AS medium_high, countIf(smk = 1) AS smk FROM fct_placements',
			'SELECT outcome, count() AS n FROM fct_applications GROUP BY outcome ORDER BY outcome',
		];
		for (const sql of queries) {
			const clustered = await rows(nodes[0] as Warehouse, sql);
			expect(clustered.length, sql).toBeGreaterThan(0);
			expect(clustered, sql).toEqual(await rows(single, sql));
		}
		expect(
			await value(nodes[0] as Warehouse, 'SELECT count() FROM (SELECT country_iso2 FROM fct_placements GROUP BY country_iso2)'),
		).toBeGreaterThan(5);
	});

	it('spreads every fact over both shards by its sharding key, each key on one shard, a candidate with all their facts', async () => {
		const other = `remote('127.0.0.1:${clusterShardPorts[1].clickhouseTcp}', ${DATABASE}, `;
		for (const table of facts) {
			const key = FACTS[table];
			const local = localTable(table);
			const counts = await Promise.all(nodes.map((n) => value(n, `SELECT count() FROM ${local}`)));
			const total = counts.reduce((a, b) => a + b, 0);
			expect(Math.min(...counts), table).toBeGreaterThan(0.3 * total);
			expect(total, table).toBe(await value(single, `SELECT count() FROM ${table}`));
			// Shard i (0-based) holds the rows whose sharding key is i modulo the two shards' weights.
			const shardingColumn = table === 'fct_job_order_lines' ? 'line_id' : 'candidate_id';
			for (const [i, node] of nodes.entries()) {
				expect(
					await value(node, `SELECT count() FROM ${local} WHERE cityHash64(${shardingColumn}) % 2 != ${i}`),
					`${table} on shard ${i + 1}`,
				).toBe(0);
			}
			expect(
				await value(
					nodes[0] as Warehouse,
					`SELECT count() FROM ${local} WHERE ${key} IN (SELECT ${key} FROM ${other}${local}, '${login.user}', '${login.password}'))`,
				),
				table,
			).toBe(0);
		}
		for (const node of nodes) {
			for (const table of ['fct_trainings', 'fct_certifications', 'fct_applications', 'fct_placements']) {
				expect(
					await value(
						node,
						`SELECT count() FROM ${localTable(table)} WHERE candidate_id NOT IN (SELECT candidate_id FROM fct_candidates_local)`,
					),
					table,
				).toBe(0);
			}
		}
	});

	it('has the same reference data on every node as on the single node', async () => {
		const dims = await rows<{ name: string }>(
			single,
			"SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE 'dim\\_%' ORDER BY name",
		);
		expect(dims.length).toBeGreaterThan(15);
		for (const { name } of dims) {
			const expected = await fingerprint(single, name);
			for (const node of nodes) expect(await fingerprint(node, name), name).toEqual(expected);
		}
	});

	it('builds every rollup from the Distributed facts, equal to the single node', async () => {
		const builds = await refreshRollups(nodes[0] as Warehouse);
		expect(builds.length).toBeGreaterThan(5);
		for (const { name } of builds) expect(await fingerprint(nodes[0] as Warehouse, name), name).toEqual(await fingerprint(single, name));
	});

	it('applies updates exactly once, after a crash too: replaced versions leave every shard, a moved row lives on its new shard only', async () => {
		const [coordinator, second] = nodes as [Warehouse, Warehouse];
		// A training of a shard-1 candidate, moved to a shard-2 candidate; three placements per shard with a new wage.
		const [moved] = await rows<{ training_id: string }>(
			coordinator,
			'SELECT training_id FROM fct_trainings_local ORDER BY training_id LIMIT 1',
		);
		const [target] = await rows<{ candidate_id: string }>(
			second,
			'SELECT candidate_id FROM fct_candidates_local ORDER BY candidate_id LIMIT 1',
		);
		const placements = [
			...(await rows<{ placement_id: string }>(coordinator, 'SELECT placement_id FROM fct_placements_local ORDER BY placement_id LIMIT 3')),
			...(await rows<{ placement_id: string }>(second, 'SELECT placement_id FROM fct_placements_local ORDER BY placement_id LIMIT 3')),
		].map((p) => p.placement_id);
		const later = '2026-11-20T00:00:00Z';
		const lineOf = (entity: string, id: string) => {
			for (const file of readdirSync(dataDir).filter((f) => f.startsWith(`${entity}-`))) {
				const [header, ...lines] = readFileSync(join(dataDir, file), 'utf8').trimEnd().split('\n');
				const line = lines.find((l) => l.startsWith(`${id},`));
				if (line && !line.includes('"')) return { header: header as string, fields: line.split(',') };
			}
			throw new Error(`${id} not found in the ${entity} files`);
		};
		const training = lineOf('trainings', moved?.training_id as string);
		training.fields[1] = target?.candidate_id as string;
		training.fields[2] = later;
		const placementLines = placements.map((id) => lineOf('placements', id));
		for (const p of placementLines) {
			p.fields[3] = later;
			p.fields[5] = String(Number(p.fields[5]) + 1);
		}
		const updates = scratchDir('cluster-updates');
		writeFileSync(join(updates, 'trainings-update.csv'), `${training.header}\n${training.fields.join(',')}\n`);
		writeFileSync(
			join(updates, 'placements-update.csv'),
			`${placementLines[0]?.header}\n${placementLines.map((p) => p.fields.join(',')).join('\n')}\n`,
		);

		const cli = ['--cluster', CLUSTER, ...endpoints.flatMap((e) => ['--node', e.url]), updates];
		const crashed = await runCli(endpoints[0] as ClickHouseEndpoint, cli, { env: { SLMI_LOAD_FAIL_AT: 'trainings:mid-publish' } });
		expect(crashed.signal, crashed.stderr).toBe('SIGKILL');
		// Killed between writing the new version (now on shard 2) and deleting the old one (shard 1).
		const copies = `SELECT count() FROM fct_trainings WHERE training_id = '${moved?.training_id}'`;
		expect(await value(coordinator, copies)).toBe(2);

		const rerun = await runCli(endpoints[0] as ClickHouseEndpoint, cli);
		expect(rerun.code, rerun.stderr).toBe(0);
		expect(rerun.stderr).toContain('Finishing batch');
		const again = await runCli(endpoints[0] as ClickHouseEndpoint, cli);
		expect(again.code, again.stderr).toBe(0);

		expect(await value(coordinator, copies)).toBe(1);
		const where = `training_id = '${moved?.training_id}'`;
		expect(await value(coordinator, `SELECT count() FROM fct_trainings_local WHERE ${where}`)).toBe(0);
		expect(await rows(second, `SELECT candidate_id FROM fct_trainings_local WHERE ${where}`)).toEqual([
			{ candidate_id: target?.candidate_id },
		]);
		const wages = await rows<{ placement_id: string; wage: number; n: string }>(
			coordinator,
			`SELECT placement_id, any(wage) AS wage, count() AS n FROM fct_placements WHERE placement_id IN (${placements.map((p) => `'${p}'`).join(', ')}) GROUP BY placement_id ORDER BY placement_id`,
		);
		expect(wages).toEqual(
			placementLines
				.map((p) => ({ placement_id: p.fields[0], wage: Number(p.fields[5]), n: '1' }))
				.sort((a, b) => String(a.placement_id).localeCompare(String(b.placement_id))),
		);
		for (const table of facts) {
			expect(await value(coordinator, `SELECT count() FROM ${table}`), table).toBe(await value(single, `SELECT count() FROM ${table}`));
			expect(await value(coordinator, `SELECT count() - uniqExact(${FACTS[table]}) FROM ${table}`), table).toBe(0);
		}
		const committed = await rows<{ entity: string; rows_updated: string; n: string }>(
			coordinator,
			"SELECT entity, any(rows_updated) AS rows_updated, count() AS n FROM ops_batches WHERE state = 'committed' AND source LIKE '%-update.csv' GROUP BY entity ORDER BY entity",
		);
		expect(committed).toEqual([
			{ entity: 'placements', rows_updated: '6', n: '1' },
			{ entity: 'trainings', rows_updated: '1', n: '1' },
		]);
		for (const node of nodes)
			expect(await value(node, "SELECT count() FROM system.tables WHERE database = currentDatabase() AND name LIKE 'st%'")).toBe(0);
	});

	it('refuses to load unless it talks to the first shard and reaches every node', async () => {
		await expect(loadFiles(nodes[1] as Warehouse, [], { cluster: { name: CLUSTER, nodes } })).rejects.toThrow(
			/first replica of the first shard/,
		);
		await expect(loadFiles(nodes[0] as Warehouse, [], { cluster: { name: CLUSTER, nodes: [nodes[0] as Warehouse] } })).rejects.toThrow(
			/every node .*missing: shard 2 replica 1/,
		);
		await expect(loadFiles(nodes[0] as Warehouse, [], { cluster: { name: 'elsewhere', nodes } })).rejects.toThrow(
			/knows no cluster 'elsewhere'/,
		);
	});
});
