/**
 * A setup file of the `system` and `cluster` projects (vite.config.ts): waits, before the test file
 * is imported, until the global setup's stack is up (global-setup.ts writes its addresses to
 * `.slmi/test-stack/<run>.json`), then fills this process's provided placeholders in place, so every
 * `inject('web')`, `inject('cube')`, … of the test file reads the running stack. A stack that failed to
 * start fails every file with its error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { STACK_KEYS, type StackFile, stackFile } from './stack-file.ts';

const file = stackFile(inject('stackRun'));
// no limit of its own: the global setup's start has its own time limits (ClickHouse, Cube, the
// web app), and writes the error when one is reached
while (!existsSync(file)) await new Promise((resolve) => setTimeout(resolve, 200));
const content = JSON.parse(readFileSync(file, 'utf8')) as StackFile;
if ('error' in content) throw new Error(`the test stack did not start: ${content.error}`);
for (const name of STACK_KEYS) {
	const placeholder = inject(name);
	if (placeholder === null || typeof placeholder !== 'object') throw new Error(`inject('${name}') is no placeholder object`);
	const value = content[name];
	// the test stack always starts Cube and the web app (global-setup.ts), so none of these is null
	if (value === null) throw new Error(`the test stack started without ${name}`);
	Object.assign(placeholder, value);
}
