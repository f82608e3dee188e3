/**
 * Starts the real stack once for the integration and browser tests: the project's own ClickHouse
 * ('test' instance, separate from the demo's), the schema, the `tiny` data set loaded through the
 * real loader, Cube, and the web app, and one Chromium for the browser files. Tests read the
 * addresses with `inject(...)`.
 *
 * Two projects use it (vite.config.ts): `system` and `cluster`. Vitest runs each project's global
 * setup in a module of its own, so the one start is kept on `globalThis` (this process): the second
 * project's setup finds it, and the last teardown stops it.
 *
 * The stack starts in the background (about two minutes in CI: the web app's build, the data's load,
 * Cube): vitest runs every project's global setup before any test file, so a setup that waited for
 * it kept the unit and scratch files (which need none of it) waiting too. This setup provides
 * placeholder objects and a run id at once; when the stack is up it writes their contents to
 * `.slmi/test-stack/<run>.json`, and `stack-ready.ts` (a setup file of both projects) waits for that
 * file before a test file is imported and fills its copies of the placeholders in place. Only
 * Chromium (a second or two) is waited for here: its address is a string.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserServer } from 'playwright-core';
import type { ProvidedContext } from 'vitest';
import type { TestProject } from 'vitest/node';
import { type Stack, startStack, stateDir } from '../../scripts/stack.ts';
import { launchBrowserServer } from './browser.ts';
import { STACK_KEYS, type StackFile, stackFile } from './stack-file.ts';
import { TEST_UNTIL } from './test-data.ts';

interface Shared {
	run: string;
	browser: Promise<BrowserServer>;
	stack: Promise<Stack>;
	users: number;
}

const key = Symbol.for('slmi.test-stack');
const shared = globalThis as typeof globalThis & { [key]?: Shared };

function start(): Shared {
	const run = randomUUID();
	const file = stackFile(run);
	mkdirSync(join(stateDir, 'test-stack'), { recursive: true });
	// One Chromium for all browser files (each connects and keeps to contexts of its own): launched
	// per file it cost ≈ 1.3 s each, 26 times a run. Started while the stack starts.
	const browser = launchBrowserServer();
	browser.catch(() => {});
	const stack = startStack({
		instance: 'test',
		scale: 'tiny',
		until: TEST_UNTIL,
		// the matching tests read the engine's stored run
		matching: 'await',
		log: (line) => console.log(`[stack] ${line}`),
	});
	const write = (content: StackFile) => {
		// written whole, then renamed: a reader never sees half a file
		writeFileSync(`${file}.tmp`, JSON.stringify(content));
		renameSync(`${file}.tmp`, file);
	};
	stack.then(
		(s) =>
			write({
				clickhouse: s.clickhouse,
				clickhouseUsers: s.clickhouseUsers,
				cube: s.cube,
				web: s.web,
				webClickHouse: s.webClickHouse,
				ingest: s.ingest,
			}),
		(error: Error) => write({ error: error.stack ?? error.message }),
	);
	return { run, browser, stack, users: 0 };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	shared[key] ??= start();
	const mine = shared[key];
	mine.users++;
	const browser = await mine.browser.catch(async (error: Error) => {
		// the stack's start is under way: stop it, or its processes outlive this run
		await mine.stack.then((s) => s.stop()).catch(() => {});
		throw error;
	});
	project.provide('stackRun', mine.run);
	// placeholders, filled in place in each test file's process by stack-ready.ts
	for (const name of STACK_KEYS) project.provide(name, {} as ProvidedContext[typeof name]);
	project.provide('browser', browser.wsEndpoint());
	return async () => {
		if (--mine.users > 0) return;
		delete shared[key];
		await browser.close();
		const stack = await mine.stack.catch(() => null);
		await stack?.stop();
		rmSync(stackFile(mine.run), { force: true });
	};
}
