/**
 * The benches' warehouse, loaded by the loader as the ministry runs it. The empty warehouse: the project's database and what belongs to it (its Cube
 * pre-aggregations, the web's audit and detail databases) dropped, then created, migrated and given
 * the reference data — the state the loader is measured from.
 */
import { connect, ensureDatabase, type Warehouse } from '../warehouse/src/client.ts';
import { auditDatabase, type ClickHouseEndpoint } from '../warehouse/src/endpoint.ts';
import { loadReferenceData } from '../warehouse/src/load/index.ts';
import { migrate } from '../warehouse/src/migrate.ts';
import { detailDatabase } from '../warehouse/src/web-access.ts';

export async function emptyWarehouse(endpoint: ClickHouseEndpoint): Promise<Warehouse> {
	const admin = connect(endpoint, { database: false });
	try {
		const { database } = endpoint;
		for (const db of [database, `${database}_pre_aggregations`, auditDatabase(database), detailDatabase(database)])
			await admin.command({ query: `DROP DATABASE IF EXISTS ${db}` });
	} finally {
		await admin.close();
	}
	await ensureDatabase(endpoint);
	const db = connect(endpoint);
	await migrate(db);
	await loadReferenceData(db);
	return db;
}

/**
 * The loader CLI (`node` arguments and environment) loading `dataDir` into `endpoint`'s database as
 * its own process, as the loader's user (it migrates too: on 18.16 it has every right on its
 * database), with --no-refresh: the after-load refresh is measured apart (rollups, pre-aggregations);
 * `refresh`: with it, as a data engineer runs it (measureCliFreshness).
 */
export function loaderProcess(
	endpoint: ClickHouseEndpoint,
	loader: ClickHouseEndpoint,
	dataDir: string,
	options: { refresh?: boolean } = {},
): { args: string[]; env: Record<string, string> } {
	return {
		args: [
			'--import',
			'tsx',
			'warehouse/src/load/cli.ts',
			'--no-progress',
			...(options.refresh ? [] : ['--no-refresh']),
			'--url',
			endpoint.url,
			'--database',
			endpoint.database,
			dataDir,
		],
		env: { CLICKHOUSE_USER: loader.username, CLICKHOUSE_PASSWORD: loader.password },
	};
}
