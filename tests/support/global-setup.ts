/**
 * Starts the real stack once for the integration and browser tests: the project's own ClickHouse
 * ('test' instance, separate from the demo's), the schema, the `tiny` data set loaded through the
 * real loader, Cube, and the web app, and one Chromium for the browser files. Tests read the
 * addresses with `inject(...)`.
 *
 * Two projects use it (vite.config.ts): `system` and `cluster`. Vitest runs each project's global
 * setup in a module of its own, so the one start is kept on `globalThis` (this process): the second
 * project's setup finds it, and the last teardown stops it.
 */
import type { BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { type Stack, startStack } from '../../scripts/stack.ts';
import { launchBrowserServer } from './browser.ts';
import { TEST_UNTIL } from './test-data.ts';

interface Shared {
	started: Promise<{ stack: Stack; browser: BrowserServer }>;
	users: number;
}

const key = Symbol.for('slmi.test-stack');
const shared = globalThis as typeof globalThis & { [key]?: Shared };

async function start(): Promise<{ stack: Stack; browser: BrowserServer }> {
	// One Chromium for all browser files (each connects and keeps to contexts of its own): launched
	// per file it cost ≈ 1.3 s each, 26 times a run. Started while the stack starts.
	const browser = launchBrowserServer();
	browser.catch(() => {});
	let stack: Stack;
	try {
		stack = await startStack({
			instance: 'test',
			scale: 'tiny',
			until: TEST_UNTIL,
			// the matching tests read the engine's stored run
			matching: 'await',
			log: (line) => console.log(`[stack] ${line}`),
		});
	} catch (error) {
		await (await browser.catch(() => undefined))?.close();
		throw error;
	}
	try {
		return { stack, browser: await browser };
	} catch (error) {
		await stack.stop();
		throw error;
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	shared[key] ??= { started: start(), users: 0 };
	const mine = shared[key];
	mine.users++;
	const { stack, browser } = await mine.started;
	project.provide('clickhouse', stack.clickhouse);
	project.provide('clickhouseUsers', stack.clickhouseUsers);
	project.provide('cube', stack.cube);
	project.provide('web', stack.web);
	project.provide('webClickHouse', stack.webClickHouse);
	project.provide('ingest', stack.ingest);
	project.provide('browser', browser.wsEndpoint());
	return async () => {
		if (--mine.users > 0) return;
		delete shared[key];
		await browser.close();
		await stack.stop();
	};
}
