/**
 * Loads interchange files into the warehouse:
 *
 *   npx tsx warehouse/src/load/cli.ts [options] <file|directory> …
 *
 * The warehouse is CLICKHOUSE_URL (+ CLICKHOUSE_USER, CLICKHOUSE_PASSWORD, CLICKHOUSE_DATABASE),
 * or --url / --database. The schema is migrated first (idempotent). Exit code 0 when every batch
 * was loaded or had been loaded before; 1 when a batch was rejected, failed or not loaded; 2 for
 * a usage or connection error.
 */
import { parseArgs } from 'node:util';
import { connect, ensureDatabase } from '../client.ts';
import { type ClickHouseEndpoint, endpointFromEnv } from '../endpoint.ts';
import { migrate } from '../migrate.ts';
import { formatReport, loadFiles } from './index.ts';

const USAGE = `Usage: npx tsx warehouse/src/load/cli.ts [--url http://host:8123] [--database slmi] [--no-progress] <file|directory> …

Loads interchange files (docs/ingestion.md): job_order_lines, candidates, trainings, certifications,
applications, placements — .csv, .ndjson or .jsonl, optionally .gz. Directories are read recursively;
files are loaded in dependency order. Without --url, CLICKHOUSE_URL is used.`;

async function main(): Promise<number> {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: {
			url: { type: 'string' },
			database: { type: 'string' },
			progress: { type: 'boolean', default: true },
			'no-progress': { type: 'boolean', default: false },
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
	try {
		await ensureDatabase(endpoint);
	} catch (error) {
		console.error(`Cannot reach ClickHouse at ${endpoint.url}: ${(error as Error).message}`);
		return 2;
	}
	const db = connect(endpoint);
	try {
		await migrate(db, log);
		const report = await loadFiles(db, positionals, { log, progress: values.progress && !values['no-progress'] });
		console.log(formatReport(report));
		return report.ok ? 0 : 1;
	} finally {
		await db.close();
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
