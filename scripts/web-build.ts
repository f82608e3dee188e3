/**
 * Builds the web app (vite build → build/web) when its sources changed since the last build, so a
 * later `npm start` or `npm test` skips the ~30 s build.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// common/ and warehouse/src/ too: the web bundles code from them (e.g. the officer's detail read,
// warehouse/src/matching/detail.ts and run.ts), and a build left stale by a change there serves the
// old code (a query of a column the detail view does not allow: 500s)
const INPUTS = [
	'web/src',
	'web/static',
	'web/server.js',
	'common',
	'warehouse/src',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json',
];

function listFiles(root: string, path: string, out: string[]): void {
	const full = join(root, path);
	if (!existsSync(full)) return;
	if (statSync(full).isDirectory()) {
		for (const entry of readdirSync(full).sort()) listFiles(root, join(path, entry), out);
	} else {
		out.push(path);
	}
}

export function webSourceHash(root: string): string {
	const hash = createHash('sha256');
	const files: string[] = [];
	for (const input of INPUTS) listFiles(root, input, files);
	for (const file of files) {
		hash.update(relative(root, join(root, file)));
		hash.update(readFileSync(join(root, file)));
	}
	return hash.digest('hex');
}

/** `signal` stops the build (the stack's start failed meanwhile: no Vite left running after it). */
export async function buildWebIfStale(root: string, log: (line: string) => void, signal?: AbortSignal): Promise<void> {
	const stamp = join(root, 'build', 'web', '.source-hash');
	const hash = webSourceHash(root);
	if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash && existsSync(join(root, 'build', 'web', 'server.js'))) return;
	log('Building the web app (vite build) …');
	const started = Date.now();
	// A child process, awaited without blocking: the stack starts the warehouse and loads data meanwhile.
	const child = spawn(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
		cwd: root,
		env: { ...process.env, NODE_ENV: 'production' },
		stdio: ['ignore', 'pipe', 'pipe'],
		signal,
		// a Vite that ignored SIGTERM would run on after the failed start
		killSignal: 'SIGKILL',
	});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});
	child.stderr.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});
	const status = await new Promise<number | null>((resolve, reject) => {
		// Settled once the process is gone (and reaped), also when stopped: on abort Node emits
		// 'error' as soon as it has sent the signal, before the process exits.
		let failure: Error | undefined;
		child.once('error', (error) => {
			if (child.pid === undefined) reject(error);
			else failure = error;
		});
		// stopped: once it exited (an esbuild child may hold the pipes a moment longer)
		child.once('exit', () => failure && reject(failure));
		child.once('close', (code) => (failure ? reject(failure) : resolve(code)));
	});
	if (status !== 0) throw new Error(`vite build failed:\n${output}`);
	// the server entry around adapter-node's (web/server.js), beside the index.js it imports
	copyFileSync(join(root, 'web', 'server.js'), join(root, 'build', 'web', 'server.js'));
	writeFileSync(stamp, hash);
	log(`Web app built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
