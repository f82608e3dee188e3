/**
 * The freshness part of `npm run bench` on its own, on a warehouse kept between runs (issue #14):
 *
 *   npx tsx scripts/bench-freshness.ts --load <seed folder>   # a fresh own ClickHouse (.slmi/clickhouse/<name>),
 *                                                            # migrated, loaded with the CLI, rollups built
 *   npx tsx scripts/bench-freshness.ts [--sizes 1,10,100,1000,1,1000] [--until 2026-11-15] [--sustained]
 *                                     [--sustained-mode open|closed] [--rate 10] [--seconds 60]
 *                                     [--cli 1,100,1000] [--entities job_order_lines,applications] [--built]
 *                                                            # start that ClickHouse and Cube, build the
 *                                                            # pre-aggregations, then measureFreshness
 *                                                            # (and measureSustained with --sustained;
 *                                                            # measureCliFreshness with --cli: files of
 *                                                            # those sizes loaded with the CLI;
 *                                                            # --entities: pushes of new lines (default),
 *                                                            # of new applications, or a series of each)
 *
 * `--name` names the data folder (default bench-freshness-national). `--matching background` (default)
 * re-solves the matching engine in the background after each refresh, as the stack's ingest API does (its
 * worker reading its input as the loader's user); `--matching skip` leaves it out, and the forecasts and
 * alerts then run after each refresh, before the next one (the refresh path alone, docs/performance-notes.md). Uses the 'bench' instance's ports (SLMI_PORT_OFFSET).
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { rebuildPreAggregations } from '../cube/src/refresh.ts';
import { connect, queryRows } from '../warehouse/src/client.ts';
import { factQuarterPlan } from '../warehouse/src/fact-quarters.ts';
import { migrate } from '../warehouse/src/migrate.ts';
import { refreshRollups } from '../warehouse/src/rollups.ts';
import { type FreshnessEntity, measureCliFreshness, measureFreshness, measureSustained } from './bench-realtime.ts';
import { emptyWarehouse, loaderProcess } from './bench-warehouse.ts';
import { instances } from './instances.ts';
import { timed } from './measure.ts';
import { loadSecrets, projectRoot, startCube, startWarehouse } from './stack.ts';

const { values: args } = parseArgs({
	options: {
		load: { type: 'string' },
		name: { type: 'string', default: 'bench-freshness-national' },
		sizes: { type: 'string', default: '1,10,100,1000,1,1000' },
		// what the freshness runs push, one series each: new job-order lines, new applications, or both
		entities: { type: 'string', default: 'job_order_lines' },
		// the pre-aggregations as an earlier run on the same data and model built them: no whole build
		// first (15 min at 10× scale); the first batch's refresh catches up with what changed since
		built: { type: 'boolean', default: false },
		sustained: { type: 'boolean', default: false },
		// files of these sizes loaded with the command-line loader, each timed until visible
		cli: { type: 'string' },
		// open: each push sent at its time without waiting for earlier answers; closed: 4 clients each wait for theirs
		'sustained-mode': { type: 'string', default: 'open' },
		seconds: { type: 'string', default: '60' },
		rate: { type: 'string', default: '10' },
		until: { type: 'string', default: '2026-11-15' },
		// the matching engine after each refresh: in the background as in the stack, or left out
		// ('skip': the forecasts and alerts then run after each refresh, before the next one)
		matching: { type: 'string', default: 'background' },
	},
});
if (args.matching !== 'background' && args.matching !== 'skip')
	throw new Error(`--matching must be background or skip, not ${args.matching}`);
const engineMode: 'background' | 'skip' = args.matching;
const entities = (args.entities ?? '').split(',') as FreshnessEntity[];
for (const e of entities)
	if (e !== 'job_order_lines' && e !== 'applications') throw new Error(`--entities: job_order_lines and/or applications, not ${e}`);
const sustainedMode = args['sustained-mode'];
if (sustainedMode !== 'open' && sustainedMode !== 'closed')
	throw new Error(`--sustained-mode must be open or closed, not ${sustainedMode}`);
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const load = () =>
	loadavg()
		.map((l) => l.toFixed(1))
		.join(', ');
const warehouse = await startWarehouse('bench', log, args.name);
const { endpoint } = warehouse;
try {
	if (args.load) {
		const db = await emptyWarehouse(endpoint);
		log(`loading ${args.load} (load average ${load()}) …`);
		const loader = loaderProcess(endpoint, warehouse.users.loader, args.load);
		execFileSync(process.execPath, loader.args, { cwd: projectRoot, stdio: 'inherit', env: { ...process.env, ...loader.env } });
		const rollups = await timed(() => refreshRollups(db, log));
		log(`rollups in ${(rollups.ms / 1000).toFixed(1)} s (load average ${load()})`);
		await db.close();
	} else {
		const secrets = loadSecrets();
		const db = connect(endpoint);
		await migrate(db);
		const rollups = await timed(() => refreshRollups(db, log));
		log(`rollups brought up to date in ${(rollups.ms / 1000).toFixed(1)} s`);
		const preAggregationsSchema = `${endpoint.database}_pre_aggregations`;
		await db.command({ query: `CREATE DATABASE IF NOT EXISTS ${preAggregationsSchema}` });
		const cube = await startCube(
			warehouse.users.cube,
			{ port: instances.bench.cube, apiSecret: secrets.cubeApiSecret, preAggregationsSchema, build: warehouse.users.cubeBuild },
			log,
		);
		try {
			// the fact cubes' quarters recorded first, as the stack's start does (refreshAfterLoad): the keys of
			// their partitions; otherwise the first batch of such a fact finds nothing recorded and rebuilds them whole
			if (args.built) log('pre-aggregations kept as an earlier run built them (--built)');
			else {
				await (await factQuarterPlan(db, undefined, true)).record();
				const preAggs = await timed(() => rebuildPreAggregations({ cubeUrl: cube.url, apiSecret: secrets.cubeApiSecret, log }));
				log(`pre-aggregations in ${(preAggs.ms / 1000).toFixed(1)} s`);
			}
			const [lines] = await queryRows<{ n: string }>(db, 'SELECT count() AS n FROM fct_job_order_lines');
			log(`fct_job_order_lines: ${lines?.n} rows; load average before: ${load()}`);
			const loaderDb = connect(warehouse.users.loader);
			try {
				for (const entity of entities) {
					const result = await measureFreshness({
						loaderDb,
						cube: { url: cube.url, apiSecret: secrets.cubeApiSecret },
						port: instances.bench.ingest,
						until: args.until ?? '2026-11-15',
						sizes: (args.sizes ?? '').split(',').map(Number),
						matching: engineMode,
						read: warehouse.users.loader,
						entity,
						log,
					});
					log(`load average after: ${load()}`);
					console.log(JSON.stringify({ entity, ...result }, null, 2));
				}
				if (args.sustained) {
					log(`sustained pushes; load average before: ${load()}`);
					const sustained = await measureSustained({
						loaderDb,
						cube: { url: cube.url, apiSecret: secrets.cubeApiSecret },
						port: instances.bench.ingest,
						until: args.until ?? '2026-11-15',
						mode: sustainedMode,
						seconds: Number(args.seconds),
						batchesPerSecond: Number(args.rate),
						matching: engineMode,
						read: warehouse.users.loader,
						log,
					});
					log(`load average after: ${load()}`);
					console.log(JSON.stringify(sustained, null, 2));
				}
				if (args.cli) {
					log(`files loaded with the CLI; load average before: ${load()}`);
					const cli = await measureCliFreshness({
						loader: warehouse.users.loader,
						cube: { url: cube.url, apiSecret: secrets.cubeApiSecret },
						until: args.until ?? '2026-11-15',
						sizes: args.cli.split(',').map(Number),
						cwd: projectRoot,
						log,
					});
					log(`load average after: ${load()}`);
					console.log(JSON.stringify(cli, null, 2));
				}
			} finally {
				await loaderDb.close();
			}
		} finally {
			await cube.stop();
			await db.close();
		}
	}
} finally {
	await warehouse.stop();
}
