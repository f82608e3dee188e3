/**
 * `npm test` after the installs and checks: the test projects (vite.config.ts) in two vitest
 * processes at once — `system` (the shared stack's integration and browser files, one at a time)
 * in one, `unit` then `scratch` (the loader's files on a ClickHouse of their own) in the other.
 *
 * One vitest process cannot run them side by side: vitest 4 puts the files of every project
 * without file parallelism into one sequential group (`groupSpecs` in its pool), so `scratch`
 * and `system` took turns, and the `unit` project (its own group, one worker on 2 cores:
 * `availableParallelism() - 1`) ran before either. In the fresh-clone CI of `01f96a4` that put
 * 51 s of unit files and 145 s of scratch files on the critical path of the 924 s of system
 * files.
 *
 * The system run's output streams as it comes; the other run's is kept in
 * `test-output/unit-scratch.log` while it runs and printed after both have finished. The exit
 * code is the first non-zero one. With arguments (`npm test -- tests/e2e/layout.test.ts`, `-t …`),
 * one vitest run gets them all, as before.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

const vitest = join(projectRoot, 'node_modules', 'vitest', 'vitest.mjs');
const children: ChildProcess[] = [];

function run(args: string[], output?: string): Promise<number> {
	const child = spawn(process.execPath, [vitest, 'run', ...args], {
		cwd: projectRoot,
		stdio: output ? ['ignore', 'pipe', 'pipe'] : 'inherit',
	});
	children.push(child);
	const file = output ? createWriteStream(output) : undefined;
	if (file) {
		child.stdout?.pipe(file, { end: false });
		child.stderr?.pipe(file, { end: false });
	}
	return new Promise((resolve) => {
		child.once('error', (error) => {
			console.error(`Could not start vitest: ${error.message}`);
			resolve(1);
		});
		child.once('close', (code, signal) => {
			const status = code ?? (signal ? 1 : 0);
			if (file) file.end(() => resolve(status));
			else resolve(status);
		});
	});
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		for (const child of children) child.kill(signal);
	});
}

const args = process.argv.slice(2);
if (args.length > 0) {
	process.exitCode = await run(args);
} else {
	const dir = join(projectRoot, 'test-output');
	mkdirSync(dir, { recursive: true });
	const sideLog = join(dir, 'unit-scratch.log');
	console.log(`The unit and scratch projects run beside the system project; their output: ${sideLog} (printed at the end).`);
	const [system, side] = await Promise.all([run(['--project', 'system']), run(['--project', 'unit', '--project', 'scratch'], sideLog)]);
	console.log('\n──── unit and scratch projects (ran beside the system project) ────\n');
	process.stdout.write(readFileSync(sideLog, 'utf8'));
	console.log(
		`\nsystem project: ${system === 0 ? 'passed' : `failed (exit ${system})`}; unit and scratch projects: ${side === 0 ? 'passed' : `failed (exit ${side})`}`,
	);
	process.exitCode = system !== 0 ? system : side;
}
