/**
 * The decisions of cluster mode that need a replicated cluster (Keeper), which no test machine
 * runs: servers are stood in for by scripted answers to the few system-table queries the loader
 * asks. tests/integration/cluster/ runs the rest against two real ClickHouse processes.
 */
import { describe, expect, it } from 'vitest';
import type { Warehouse } from '../client.ts';
import { deleteReplacedOnCluster, openCluster } from './cluster-target.ts';
import { batchTables } from './plan-sql.ts';
import { Session } from './session.ts';

interface FakeNode {
	shard: number;
	replica: number;
	/** system.settings as the loader's user sees them */
	settings?: Record<string, string>;
}

interface Fake {
	db: Warehouse;
	/** every statement sent with command() */
	commands: string[];
}

function cluster(shape: FakeNode[], options: { replicated: boolean; updated?: string[] }): Fake[] {
	const members = shape.map((n) => ({ shard_num: n.shard, replica_num: n.replica }));
	return shape.map((node) => {
		const commands: string[] = [];
		const answer = (query: string): object[] => {
			if (query.includes('currentDatabase() AS db')) return [{ db: 'slmi' }];
			if (query.includes('system.clusters')) {
				if (query.includes("cluster = 'slmi'") === false) return [];
				return query.includes('is_local = 1') ? [{ shard_num: node.shard, replica_num: node.replica }] : members;
			}
			if (query.includes('max_partitions_per_insert_block')) return [{ n: 0 }];
			const setting = /system\.settings WHERE name = '(\w+)'/.exec(query)?.[1];
			if (setting) return setting in (node.settings ?? {}) ? [{ value: node.settings?.[setting] }] : [];
			if (query.includes("engine LIKE 'Replicated%'")) return [{ replicated: options.replicated ? 6 : 0 }];
			if (query.includes('system.mutations')) return [{ n: 0 }];
			if (query.startsWith('SELECT _key FROM stp_')) return (options.updated ?? []).map((k) => ({ _key: k }));
			throw new Error(`unexpected query: ${query}`);
		};
		const db = {
			query: async ({ query }: { query: string }) => ({ json: async () => answer(query) }),
			command: async ({ query }: { query: string }) => {
				commands.push(query);
			},
			insert: async ({ table, values }: { table: string; values: object[] }) => {
				commands.push(`INSERT INTO ${table} ${values.length} rows`);
			},
		};
		return { db: db as unknown as Warehouse, commands };
	});
}

const twoByTwo = (settings: Record<string, string> = {}): FakeNode[] => [
	{ shard: 1, replica: 1, settings },
	{ shard: 1, replica: 2, settings },
	{ shard: 2, replica: 1, settings },
	{ shard: 2, replica: 2, settings },
];

describe('openCluster on a replicated cluster', () => {
	it('refuses a loader whose user would read a lagging replica (no insert quorum, no sequential consistency)', async () => {
		const fakes = cluster(twoByTwo({ insert_quorum: '0', select_sequential_consistency: '0' }), { replicated: true });
		await expect(openCluster(fakes[0]?.db as Warehouse, { name: 'slmi', nodes: fakes.map((f) => f.db) })).rejects.toThrow(
			/insert_quorum ≥ 2 and select_sequential_consistency = 1/,
		);
	});

	it('accepts it with both set, and knows the tables are replicated', async () => {
		const fakes = cluster(twoByTwo({ insert_quorum: '2', select_sequential_consistency: '1' }), { replicated: true });
		const c = await openCluster(fakes[0]?.db as Warehouse, { name: 'slmi', nodes: fakes.map((f) => f.db) });
		expect(c.replicated).toBe(true);
		expect(c.nodes.map((n) => `${n.shard}.${n.replica}`)).toEqual(['1.1', '1.2', '2.1', '2.2']);
	});

	it('does not ask for a quorum when every shard has one replica', async () => {
		const fakes = cluster(
			[
				{ shard: 1, replica: 1 },
				{ shard: 2, replica: 1 },
			],
			{ replicated: true },
		);
		await expect(openCluster(fakes[0]?.db as Warehouse, { name: 'slmi', nodes: fakes.map((f) => f.db) })).resolves.toBeDefined();
	});

	it('refuses a node list with a node twice', async () => {
		const fakes = cluster(
			[
				{ shard: 1, replica: 1 },
				{ shard: 2, replica: 1 },
			],
			{ replicated: false },
		);
		const nodes = [fakes[0]?.db, fakes[0]?.db, fakes[1]?.db] as Warehouse[];
		await expect(openCluster(fakes[0]?.db as Warehouse, { name: 'slmi', nodes })).rejects.toThrow(/given twice/);
	});
});

describe('deleteReplacedOnCluster', () => {
	const t = batchTables('placements', 'ab'.repeat(32));

	async function run(shape: FakeNode[], replicated: boolean): Promise<Fake[]> {
		const fakes = cluster(shape, { replicated, updated: ['PL1', 'PL2'] });
		const c = await openCluster(fakes[0]?.db as Warehouse, { name: 'slmi', nodes: fakes.map((f) => f.db) });
		const coordinator = await Session.open(fakes[0]?.db as Warehouse, c);
		for (const f of fakes) f.commands.length = 0;
		await deleteReplacedOnCluster(coordinator, c, 'placements', t, 'ab'.repeat(32), () => {});
		return fakes;
	}
	const alters = (f: Fake) => f.commands.filter((c) => c.startsWith('ALTER'));

	it('copies the keys to every node and deletes on each shard once when the tables replicate', async () => {
		const fakes = await run(twoByTwo({ insert_quorum: '2', select_sequential_consistency: '1' }), true);
		expect(fakes.map((f) => alters(f).length)).toEqual([1, 0, 1, 0]);
		expect(alters(fakes[0] as Fake)[0]).toBe(
			`ALTER TABLE fct_placements_local DELETE WHERE placement_id IN (SELECT _key FROM ${t.keys}) AND _batch_id != '${'ab'.repeat(32)}'`,
		);
		for (const f of fakes) {
			expect(f.commands).toContain(`INSERT INTO ${t.keys} 2 rows`);
			expect(f.commands.at(-1)).toBe(`DROP TABLE IF EXISTS ${t.keys}`);
		}
	});

	it('deletes on every node when nothing replicates', async () => {
		const fakes = await run(
			[
				{ shard: 1, replica: 1 },
				{ shard: 2, replica: 1 },
			],
			false,
		);
		expect(fakes.map((f) => alters(f).length)).toEqual([1, 1]);
	});
});
