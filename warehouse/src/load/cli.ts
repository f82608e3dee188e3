/**
 * Loads interchange files into the warehouse:
 *
 *   npx tsx warehouse/src/load/cli.ts [options] <file|directory> …
 *
 * The warehouse is CLICKHOUSE_URL (+ CLICKHOUSE_USER, CLICKHOUSE_PASSWORD, CLICKHOUSE_DATABASE),
 * or --url / --database. The schema is migrated first (idempotent). Exit code 0 when every batch
 * was loaded or had been loaded before; 1 when a batch was rejected, failed or not loaded; 2 for
 * a usage or connection error.
 *
 * With --cluster NAME and one --node URL per node of the cluster (docs/cluster.md), it loads into
 * the cluster variant of the schema, talking to --url, the cluster's coordinator; the schema is
 * then checked, not migrated (apply warehouse/cluster/schema.sql).
 *
 * A load that changed facts then runs the one after-load path (warehouse/src/after-load.ts), as
 * the ingest API and `npm start` do: the rollups, then Cube's pre-aggregations when a Cube is given
 * (--cube-url or CUBE_URL, with CUBEJS_API_SECRET), so the dashboards show the file without a
 * restart. --no-refresh skips it (a series of loads refreshed once at the end, with --refresh-only).
 * Exit code 1 when the load succeeded but the refresh failed (the facts are loaded; the next refresh
 * shows them). Once the refresh ends it says since when the load is on the dashboards, then runs
 * what is derived from the data (the forecasts, the alerts, the matching engine) before it returns,
 * saying so: tens of seconds at national scale that the dashboards do not wait for.
 */
import { parseArgs } from 'node:util';
import { batchesOf, cubeFromEnv, refreshAfterLoad } from '../after-load.ts';
import { connect, ensureDatabase } from '../client.ts';
import { clusterSchemaProblems } from '../cluster.ts';
import { endpointForCommand } from '../endpoint.ts';
import { migrate } from '../migrate.ts';
import { formatReport, loadFiles } from './index.ts';

const USAGE = `Usage: npx tsx warehouse/src/load/cli.ts [--url http://host:8123] [--database slmi] [--no-progress]
         [--cube-url http://host:4000] [--no-refresh | --refresh-only]
         [--cluster NAME --node http://node1:8123 --node http://node2:8123 …] <file|directory> …

Loads interchange files (docs/ingestion.md): job_order_lines, candidates, trainings, certifications,
applications, placements — .csv, .ndjson or .jsonl, optionally .gz. Directories are read recursively;
files are loaded in dependency order. Without --url, CLICKHOUSE_URL is used. --cluster: load into the
cluster variant of the schema through --url, its first shard's first replica, with a --node for
every node (the same user, password and database); docs/cluster.md.
After a load that changed facts it refreshes the rollups and, with --cube-url (or CUBE_URL) and
CUBEJS_API_SECRET, Cube's pre-aggregations, so dashboards show the data; --no-refresh skips that,
--refresh-only runs only that (after loads with --no-refresh, or to retry a failed refresh).
Once the refresh ends it prints "visible on the dashboards since …", then updates what is derived
from the data (forecasts, alerts, the matching engine) before it returns: tens of seconds at
national scale, which the dashboards do not wait for.`;

async function main(): Promise<number> {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: {
			url: { type: 'string' },
			database: { type: 'string' },
			progress: { type: 'boolean', default: true },
			'no-progress': { type: 'boolean', default: false },
			'cube-url': { type: 'string' },
			'no-refresh': { type: 'boolean', default: false },
			'refresh-only': { type: 'boolean', default: false },
			cluster: { type: 'string' },
			node: { type: 'string', multiple: true, default: [] },
			help: { type: 'boolean', short: 'h', default: false },
		},
	});
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	if (positionals.length === 0 && !values['refresh-only']) {
		console.error(USAGE);
		return 2;
	}
	const env = { ...process.env };
	if (values['cube-url']) env.CUBE_URL = values['cube-url'];
	const endpoint = endpointForCommand(env, values);
	if (!endpoint) return 2;
	const log = (line: string) => console.error(line);
	if ((values.cluster === undefined) !== (values.node.length === 0)) {
		console.error('--cluster and --node go together: the cluster name, and a --node for every node of it.');
		return 2;
	}
	const db = connect(endpoint);
	const nodes = values.node.map((url) => connect({ ...endpoint, url }));
	try {
		try {
			if (values.cluster) {
				const problems = await clusterSchemaProblems(db);
				if (problems.length > 0) {
					console.error(
						`The cluster schema is not complete in ${endpoint.database} at ${endpoint.url}: ${problems.join('; ')}. Apply warehouse/cluster/schema.sql (docs/cluster.md).`,
					);
					return 2;
				}
			} else {
				// A loader's user may not create databases (nor name another): the admin made it then.
				await ensureDatabase(endpoint).catch(async (error: Error) => {
					if (!(await db.ping()).success) throw error;
					await db.query({ query: 'SELECT 1' });
				});
			}
		} catch (error) {
			console.error(`Cannot reach ClickHouse at ${endpoint.url}: ${(error as Error).message}`);
			return 2;
		}
		if (!values.cluster) await migrate(db, log);
		if (values['refresh-only']) {
			await refreshAfterLoad({ db, cube: cubeFromEnv(env), log }, []);
			return 0;
		}
		const cluster = values.cluster ? { name: values.cluster, nodes } : undefined;
		let refreshFailed = false;
		const refresh = !values['no-refresh'] && !cluster;
		if (cluster && !values['no-refresh']) log('Not refreshing after the load: the cluster variant has no rollups here (docs/cluster.md).');
		const report = await loadFiles(db, positionals, {
			log,
			progress: values.progress && !values['no-progress'],
			cluster,
			// The one after-load path (warehouse/src/after-load.ts), as the ingest API and npm start run it.
			afterLoad: refresh
				? async (load) => {
						await refreshAfterLoad({ db, cube: cubeFromEnv(env), log }, batchesOf(load)).catch((error: Error) => {
							refreshFailed = true;
							log(`The load is committed, but the refresh after it failed: ${error.message}. Retry with --refresh-only.`);
						});
					}
				: undefined,
		});
		console.log(formatReport(report));
		return report.ok && !refreshFailed ? 0 : 1;
	} finally {
		await db.close();
		for (const node of nodes) await node.close();
	}
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error: Error) => {
		console.error(`Load failed: ${error.message}`);
		process.exitCode = 2;
	},
);
