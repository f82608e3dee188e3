/**
 * Runs a Node.js command line of the project as a child process (one process: a SIGKILL hits the
 * command itself, not a wrapper) and collects what it printed — for the tests of the command lines
 * (the loader's, the seat budget's).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

/** `node <args>` in the project's root with `env` added; `killAfterMs`: SIGKILL after that delay. */
export function runNode(args: readonly string[], env: Record<string, string>, options: { killAfterMs?: number } = {}): Promise<CliResult> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(process.execPath, [...args], {
			cwd: projectRoot,
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (c: Buffer) => {
			stdout += c.toString();
		});
		child.stderr.on('data', (c: Buffer) => {
			stderr += c.toString();
		});
		const timer = options.killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			if (timer) clearTimeout(timer);
			resolvePromise({ code, signal, stdout, stderr });
		});
	});
}
