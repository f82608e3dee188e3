/**
 * Starts the project's own ClickHouse ('scratch' instance) for the test files that create, fill
 * and drop databases of their own (tests/integration/ingestion/support.ts `scratchWarehouse`) and
 * need nothing of the shared 'test' stack. Being a server of their own, they run beside the unit
 * files, two files at a time, before the files that share that stack (vite.config.ts).
 */
import type { TestProject } from 'vitest/node';
import { startWarehouse } from '../../scripts/stack.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const warehouse = await startWarehouse('scratch', (line) => console.log(`[scratch] ${line}`));
	project.provide('clickhouse', warehouse.endpoint);
	project.provide('clickhouseUsers', warehouse.users);
	return () => warehouse.stop();
}
