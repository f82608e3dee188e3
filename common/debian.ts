/**
 * Installs the Debian packages the project runs (ClickHouse, Chromium) when they are missing.
 * CI's machine and a fresh clone have only Node.js and npm; these two come from Debian's apt,
 * the only package source besides npm that this network reaches.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface DebianPackage {
	/** Absolute path of the executable that proves the package is installed. */
	binary: string;
	/** Debian package name to install when the binary is missing. */
	name: string;
	/** What to tell a user who cannot install it (not root, no apt). */
	alternative: string;
}

export class MissingPackageError extends Error {}

export function missingPackages(packages: readonly DebianPackage[]): DebianPackage[] {
	return packages.filter((p) => !existsSync(p.binary));
}

function canUseApt(): boolean {
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	return isRoot && existsSync('/usr/bin/apt-get');
}

/**
 * Installs every missing package in one apt-get call: apt holds a global lock, so two concurrent
 * installs (e.g. ClickHouse and Chromium from parallel test workers) would fail.
 */
export function ensureDebianPackages(packages: readonly DebianPackage[], log: (line: string) => void = console.log): void {
	const missing = missingPackages(packages);
	if (missing.length === 0) return;
	if (!canUseApt()) {
		const lines = missing.map((p) => `  - ${p.name} (${p.binary} is missing): ${p.alternative}`);
		throw new MissingPackageError(
			`This machine lacks packages SLMI needs, and cannot install them (needs root and apt-get):\n${lines.join('\n')}`,
		);
	}
	const names = missing.map((p) => p.name);
	log(`Installing Debian packages: ${names.join(', ')} (apt-get, once per machine) …`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	// Package lists on a fresh machine are empty or stale; installing without an update fails.
	execFileSync('apt-get', ['update', '-q'], { stdio: 'ignore', env });
	const result = spawnSync('apt-get', ['install', '-y', '-q', ...names], {
		encoding: 'utf8',
		env,
	});
	if (result.status !== 0) {
		throw new MissingPackageError(`apt-get install ${names.join(' ')} failed:\n${result.stderr || result.stdout}`);
	}
	const stillMissing = missingPackages(missing);
	if (stillMissing.length > 0) {
		throw new MissingPackageError(`apt-get reported success but ${stillMissing.map((p) => p.binary).join(', ')} is still missing`);
	}
}

export const clickhousePackage: DebianPackage = {
	binary: '/usr/sbin/clickhouse-server',
	name: 'clickhouse-server',
	alternative:
		'run `sudo apt-get install clickhouse-server`, or set CLICKHOUSE_URL (and CLICKHOUSE_USER, CLICKHOUSE_PASSWORD) to a running server',
};

export const chromiumPackage: DebianPackage = {
	binary: '/usr/bin/chromium',
	name: 'chromium',
	alternative: 'run `sudo apt-get install chromium`, or set CHROMIUM_PATH to a Chromium or Chrome executable',
};

/** The local proxy of the two-instance setup (scripts/scale-out.ts); only the bench and its test need it. */
export const haproxyPackage: DebianPackage = {
	binary: '/usr/sbin/haproxy',
	name: 'haproxy',
	alternative: 'run `sudo apt-get install haproxy` (any HAProxy 2.x at /usr/sbin/haproxy)',
};
