/**
 * The benches' empty warehouse: the project's database and what belongs to it (its Cube
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
