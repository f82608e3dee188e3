/**
 * A service spawned the way stack.ts spawns Cube and the web app exits when its parent is killed
 * (SIGKILL runs no handler: the child notices its parent pid change). Real processes, no mocks.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { processAlive as alive } from '../warehouse/src/local-server.ts';
import { exitWithParent } from './stack.ts';

/** Starts a parent that spawns a never-ending child (with or without the preload); resolves both pids. */
function parentAndChild(preload: boolean): Promise<{ parent: number; child: number }> {
	const childArgs = [...(preload ? ['--require', exitWithParent] : []), '-e', 'setInterval(() => {}, 1000)'];
	const parentCode = `
		const { spawn } = require('node:child_process');
		const c = spawn(process.execPath, ${JSON.stringify(childArgs)}, { stdio: ['ignore', 'ignore', 'ignore'], env: { ...process.env, SLMI_EXIT_WITH_PARENT: String(process.pid) } });
		console.log(c.pid);
		setInterval(() => {}, 1000);`;
	const parent = spawn(process.execPath, ['-e', parentCode], { stdio: ['ignore', 'pipe', 'inherit'] });
	return new Promise((resolve) => {
		parent.stdout.once('data', (d: Buffer) => resolve({ parent: parent.pid!, child: Number(d.toString().trim()) }));
	});
}

async function untilGone(pid: number, ms: number): Promise<boolean> {
	for (let waited = 0; waited < ms; waited += 100) {
		if (!alive(pid)) return true;
		await new Promise((r) => setTimeout(r, 100));
	}
	return !alive(pid);
}

describe('exit-with-parent', () => {
	it('a service with the preload exits when its parent is SIGKILLed', async () => {
		const { parent, child } = await parentAndChild(true);
		expect(alive(child)).toBe(true);
		process.kill(parent, 'SIGKILL');
		expect(await untilGone(child, 20_000), `child ${child} still running`).toBe(true);
	}, 30_000);

	it('without it the same child outlives its parent (what the preload fixes)', async () => {
		const { parent, child } = await parentAndChild(false);
		process.kill(parent, 'SIGKILL');
		expect(await untilGone(child, 1_500)).toBe(false);
		process.kill(child, 'SIGKILL');
	}, 30_000);
});
