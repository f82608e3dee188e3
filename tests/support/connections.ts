/**
 * Connections as the project's ClickHouse users, for tests of what ClickHouse itself allows each
 * of them: `as(endpoint)` opens one (closed by `closeAll()`), `refusal(endpoint, sql)` returns the
 * error ClickHouse answers `sql` with and fails the test when it runs instead.
 */
import { connect, type Warehouse } from '../../warehouse/src/client.ts';
import type { ClickHouseEndpoint } from '../../warehouse/src/endpoint.ts';

export function connections() {
	const opened: Warehouse[] = [];
	const as = (endpoint: ClickHouseEndpoint): Warehouse => {
		const db = connect(endpoint);
		opened.push(db);
		return db;
	};
	const refusal = async (endpoint: ClickHouseEndpoint, sql: string): Promise<string> => {
		try {
			await as(endpoint).command({ query: sql });
		} catch (error) {
			return (error as Error).message;
		}
		throw new Error(`${endpoint.username} was allowed: ${sql}`);
	};
	const closeAll = async () => {
		for (const db of opened.splice(0)) await db.close();
	};
	return { as, refusal, closeAll };
}
