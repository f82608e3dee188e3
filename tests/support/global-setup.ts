/**
 * Starts the real stack once for the integration and browser tests: the project's own ClickHouse
 * ('test' instance, separate from the demo's), the schema, the `tiny` data set loaded through the
 * real loader, Cube, and the web app. Tests read the addresses with `inject(...)`.
 */
import type { TestProject } from 'vitest/node';
import { type Stack, startStack } from '../../scripts/stack.ts';
import { TEST_UNTIL } from './test-data.ts';

let stack: Stack | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	stack = await startStack({
		instance: 'test',
		scale: 'tiny',
		until: TEST_UNTIL,
		// the matching tests read the engine's stored run
		matching: 'await',
		log: (line) => console.log(`[stack] ${line}`),
	});
	project.provide('clickhouse', stack.clickhouse);
	project.provide('clickhouseUsers', stack.clickhouseUsers);
	project.provide('cube', stack.cube);
	project.provide('web', stack.web);
	project.provide('webClickHouse', stack.webClickHouse);
	project.provide('ingest', stack.ingest);
	return async () => {
		await stack?.stop();
	};
}
