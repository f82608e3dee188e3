/**
 * Loading into a sharded cluster (docs/cluster.md; the schema comes from warehouse/src/cluster.ts).
 *
 * The loader talks to one node, the coordinator, which must be the first replica of the first
 * shard in the cluster's <remote_servers>: every loader, wherever it runs, then talks to the same
 * server, so that server's ops_load_lock is the cluster's load lock and its ops_batches the batch
 * registry, and exactly-once holds as on one node. The staging tables live there too. What changes:
 * - the facts are Distributed tables: subqueries over the staging tables become GLOBAL IN
 *   (sql.ts inOp), and the publish INSERT waits until every shard has its rows
 *   (insert_distributed_sync), so the next batch's plan, and a recovery's guard, see them;
 * - a Distributed table takes no mutations: the versions a batch replaces are deleted from the
 *   `_local` table of every node, each reading its own copy of the batch's updated keys;
 * - reference data (dim_*) is not replicated: it is reloaded on every node.
 * For that the loader needs a connection to every node, checked here against system.clusters: a
 * node left out would keep replaced versions.
 */
import type { ClickHouseSettings } from '@clickhouse/client';
import { type Entity, entitySpecs } from '../../../common/formats.ts';
import { queryRows, type Warehouse } from '../client.ts';
import { localTable } from '../cluster.ts';
import type { BatchTables } from './plan-sql.ts';
import { deleteReplacedSql } from './publish-sql.ts';
import { type Log, Session } from './session.ts';
import { ident, str } from './sql.ts';

export interface ClusterTarget {
	/** the cluster's name in the servers' <remote_servers> */
	name: string;
	/** a connection to every node of the cluster (every replica of every shard; the coordinator too), to the same database */
	nodes: readonly Warehouse[];
}

export interface ClusterNode {
	session: Session;
	shard: number;
	replica: number;
	/** settings for the delete of replaced versions on this node */
	mutationSettings: ClickHouseSettings;
}

export interface Cluster {
	name: string;
	nodes: ClusterNode[];
	/** the facts' local tables are ReplicatedMergeTree: a shard's first replica takes the mutation for all */
	replicated: boolean;
}

interface Member {
	shard_num: string | number;
	replica_num: string | number;
}

const KEYS_PER_INSERT = 100_000;

async function members(db: Warehouse, cluster: string, localOnly: boolean): Promise<{ shard: number; replica: number }[]> {
	const rows = await queryRows<Member>(
		db,
		`SELECT shard_num, replica_num FROM system.clusters WHERE cluster = ${str(cluster)}${localOnly ? ' AND is_local = 1' : ''} ORDER BY shard_num, replica_num`,
	);
	return rows.map((r) => ({ shard: Number(r.shard_num), replica: Number(r.replica_num) }));
}

async function settingValue(db: Warehouse, name: string): Promise<string | undefined> {
	const [row] = await queryRows<{ value: string }>(db, `SELECT value FROM system.settings WHERE name = ${str(name)}`);
	return row?.value;
}

/** Checks the coordinator and the node list against the cluster's definition; opens a session per node. */
export async function openCluster(coordinator: Warehouse, target: ClusterTarget): Promise<Cluster> {
	const where = `cluster '${target.name}'`;
	const all = await members(coordinator, target.name, false);
	if (all.length === 0) throw new Error(`The ClickHouse server the loader talks to knows no ${where} (<remote_servers> in its config)`);
	const [self] = await members(coordinator, target.name, true);
	if (self?.shard !== 1 || self.replica !== 1) {
		throw new Error(
			`In cluster mode the loader must talk to the first replica of the first shard of ${where}: its load lock and batch registry are the cluster's (docs/cluster.md). This server is ${self ? `shard ${self.shard}, replica ${self.replica}` : 'not in the cluster'}.`,
		);
	}
	const [coordinatorDb] = await queryRows<{ db: string }>(coordinator, 'SELECT currentDatabase() AS db');
	const nodes: ClusterNode[] = [];
	for (const db of target.nodes) {
		const session = await Session.open(db);
		const mine = await members(db, target.name, true);
		if (mine.length !== 1) throw new Error(`A node given for ${where} is ${mine.length === 0 ? 'not in it' : 'in it more than once'}`);
		if (session.database !== coordinatorDb?.db) {
			throw new Error(`Every node must use the coordinator's database '${coordinatorDb?.db}'; one uses '${session.database}'`);
		}
		const { shard, replica } = mine[0] as { shard: number; replica: number };
		if (nodes.some((n) => n.shard === shard && n.replica === replica))
			throw new Error(`Shard ${shard}, replica ${replica} of ${where} is given twice`);
		// Current releases refuse a mutation on a Replicated table whose condition reads another table
		// unless told it may; 18.16 does not know the setting.
		const mutationSettings: ClickHouseSettings =
			(await settingValue(db, 'allow_nondeterministic_mutations')) === undefined ? {} : { allow_nondeterministic_mutations: 1 };
		nodes.push({ session, shard, replica, mutationSettings });
	}
	const missing = all.filter((m) => !nodes.some((n) => n.shard === m.shard && n.replica === m.replica));
	if (missing.length > 0) {
		throw new Error(
			`The loader needs a connection to every node of ${where}; missing: ${missing.map((m) => `shard ${m.shard} replica ${m.replica}`).join(', ')}`,
		);
	}
	const locals = Object.values(entitySpecs).map((s) => str(localTable(s.table)));
	const [engines] = await queryRows<{ replicated: string | number }>(
		coordinator,
		`SELECT countIf(engine LIKE 'Replicated%') AS replicated FROM system.tables WHERE database = currentDatabase() AND name IN (${locals.join(', ')})`,
	);
	const replicated = Number(engines?.replicated) > 0;
	const replicasPerShard = Math.max(...all.map((m) => m.replica));
	if (replicated && replicasPerShard > 1) {
		// The plan reads through the Distributed tables, from any replica: it must see every row the
		// previous batch wrote, or it would insert a key a second time.
		const quorum = Number(await settingValue(coordinator, 'insert_quorum'));
		const sequential = Number(await settingValue(coordinator, 'select_sequential_consistency'));
		if (!(quorum >= 2) || sequential !== 1) {
			throw new Error(
				`The loader's user needs insert_quorum ≥ 2 and select_sequential_consistency = 1 on a replicated cluster (now ${quorum} and ${sequential}): set them in its profile (docs/cluster.md)`,
			);
		}
	}
	return { name: target.name, nodes, replicated };
}

/** The node sessions reference data is loaded through: every node on a cluster, else the one. */
export function referenceSessions(session: Session): Session[] {
	return session.cluster ? session.cluster.nodes.map((n) => n.session) : [session];
}

/**
 * Step 3 of publishing (publish.ts) on a cluster: the batch's updated keys go to every node
 * (t.keys), each node deletes the replaced versions from its local table, and the copies are
 * dropped once every node has finished. Safe to repeat, like the single-node delete.
 */
export async function deleteReplacedOnCluster(
	session: Session,
	cluster: Cluster,
	entity: Entity,
	t: BatchTables,
	batchId: string,
	log: Log,
): Promise<void> {
	const local = localTable(entitySpecs[entity].table);
	const keys = await session.rows<{ _key: string }>(`SELECT _key FROM ${ident(t.plan)} WHERE _action = 'update'`);
	for (const { session: node } of cluster.nodes) {
		// A killed loader's delete may still be running here, reading the keys: let it finish first.
		await node.waitForMutations(local, log);
		await node.dropTable(t.keys);
		await node.command(`CREATE TABLE ${ident(t.keys)} (_key String) ENGINE = Log`);
		for (let i = 0; i < keys.length; i += KEYS_PER_INSERT) await node.insertJson(t.keys, keys.slice(i, i + KEYS_PER_INSERT));
	}
	for (const node of cluster.nodes) {
		// A replicated table shares its mutations through Keeper: once per shard is enough.
		if (!cluster.replicated || node.replica === 1)
			await node.session.command(deleteReplacedSql(entity, t, batchId, local), node.mutationSettings);
	}
	for (const { session: node } of cluster.nodes) await node.waitForMutations(local, log);
	for (const { session: node } of cluster.nodes) await node.dropTable(t.keys);
}
