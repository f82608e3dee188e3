#!/usr/bin/env node
// First step of `npm start` and `npm test` on a fresh clone: install the npm dependencies when
// node_modules is missing or older than package-lock.json. Plain JavaScript with no imports
// beyond Node itself, because it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
	console.error(`SLMI needs Node.js 20.19 or newer (Vite 8); this is ${process.versions.node}.`);
	process.exit(1);
}

const lock = readFileSync(join(root, 'package-lock.json'));
const lockHash = createHash('sha256').update(lock).digest('hex');
const stamp = join(root, 'node_modules', '.slmi-installed');
const installed = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
if (installed !== lockHash) {
	console.log('Installing npm dependencies (npm ci; first run only, ~1 minute) …');
	// .npmrc sets ignore-scripts: Cube's post-install steps download binaries from GitHub,
	// which this network cannot reach, and nothing SLMI uses needs them.
	const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) {
		console.error('npm ci failed; see the messages above.');
		process.exit(result.status ?? 1);
	}
	writeFileSync(stamp, lockHash);
}
