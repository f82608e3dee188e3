import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildWebIfStale } from './web-build.ts';

const roots: string[] = [];
afterEach(() => {
	for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A checkout whose "vite" writes its pid, then runs for a minute (or exits with `code` at once). */
function checkout(code?: number): string {
	const root = mkdtempSync(join(tmpdir(), 'slmi-web-build-'));
	roots.push(root);
	mkdirSync(join(root, 'node_modules', 'vite', 'bin'), { recursive: true });
	mkdirSync(join(root, 'web', 'src'), { recursive: true });
	writeFileSync(join(root, 'web', 'src', 'app.html'), '<html></html>');
	writeFileSync(
		join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
		`require('node:fs').writeFileSync(${JSON.stringify(join(root, 'pid'))}, String(process.pid));
		 ${code === undefined ? 'setTimeout(() => {}, 60_000);' : `console.error('broken'); process.exit(${code});`}`,
	);
	return root;
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

describe('the web build', () => {
	it('stops its Vite when the stack start it runs beside fails', async () => {
		const root = checkout();
		const stop = new AbortController();
		const build = buildWebIfStale(root, () => {}, stop.signal);
		build.catch(() => {});
		for (let i = 0; i < 200 && !existsSync(join(root, 'pid')); i++) await new Promise((r) => setTimeout(r, 25));
		const pid = Number(readFileSync(join(root, 'pid'), 'utf8'));
		expect(alive(pid)).toBe(true);
		stop.abort();
		await expect(build).rejects.toThrow(/abort/i);
		// settled only once the process is gone
		expect(alive(pid)).toBe(false);
		// Not marked as built.
		expect(existsSync(join(root, 'build', 'web', '.source-hash'))).toBe(false);
	});

	it('says what Vite printed when it fails', async () => {
		await expect(buildWebIfStale(checkout(1), () => {})).rejects.toThrow(/vite build failed:\nbroken/);
	});
});
