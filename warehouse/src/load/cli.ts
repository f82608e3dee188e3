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
 */
import { parseArgs } from 'node:util';
import { connect, ensureDatabase } from '../client.ts';
import { clusterSchemaProblems } from '../cluster.ts';
import { type ClickHouseEndpoint, endpointFromEnv } from '../endpoint.ts';
import { migrate } from '../migrate.ts';
import { formatReport, loadFiles } from './index.ts';

const USAGE = `Usage: npx tsx warehouse/src/load/cli.ts [--url http://host:8123] [--database slmi] [--no-progress]
         [--cluster NAME --node http://node1:8123 --node http://node2:8123 …] <file|directory> …

Loads interchange files (docs/ingestion.md): job_order_lines, candidates, trainings, certifications,
applications, placements — .csv, .ndjson or .jsonl, optionally .gz. Directories are read recursively;
files are loaded in dependency order. Without --url, CLICKHOUSE_URL is used. --cluster: load into the
cluster variant of the schema through --url, its first shard's first replica, with a --node for
every node (the same user, password and database); docs/cluster.md.`;

async function main(): Promise<number> {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: {
			url: { type: 'string' },
			database: { type: 'string' },
			progress: { type: 'boolean', default: true },
			'no-progress': { type: 'boolean', default: false },
			cluster: { type: 'string' },
			node: { type: 'string', multiple: true, default: [] },
			help: { type: 'boolean', short: 'h', default: false },
		},
	});
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	if (positionals.length === 0) {
		console.error(USAGE);
		return 2;
	}
	const env = { ...process.env };
	if (values.url) env.CLICKHOUSE_URL = values.url;
	if (values.database) env.CLICKHOUSE_DATABASE = values.database;
	let endpoint: ClickHouseEndpoint | undefined;
	try {
		endpoint = endpointFromEnv(env);
	} catch (error) {
		console.error((error as Error).message);
		return 2;
	}
	if (!endpoint) {
		console.error('No warehouse: set CLICKHOUSE_URL (e.g. http://127.0.0.1:8123) or pass --url.');
		return 2;
	}
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
		const cluster = values.cluster ? { name: values.cluster, nodes } : undefined;
		const report = await loadFiles(db, positionals, { log, progress: values.progress && !values['no-progress'], cluster });
		console.log(formatReport(report));
		return report.ok ? 0 : 1;
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
