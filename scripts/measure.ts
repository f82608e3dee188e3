/**
 * Measuring helpers for the benchmark: run a process and read its peak memory from /proc, and
 * summarise timings as percentiles.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Peak resident memory (VmHWM) of a live process in bytes, or undefined once it is gone. */
export function peakRss(pid: number): number | undefined {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

export interface MeasuredRun {
	code: number | null;
	stdout: string;
	stderr: string;
	seconds: number;
	peakRssBytes: number;
}

/** Runs a command to completion, sampling its peak memory until it exits. */
export function runMeasured(
	command: string,
	args: string[],
	options: { cwd: string; env?: NodeJS.ProcessEnv; echo?: boolean },
): Promise<MeasuredRun> {
	return new Promise((resolve, reject) => {
		const started = process.hrtime.bigint();
		const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		let peak = 0;
		const sample = () => {
			if (child.pid !== undefined) peak = Math.max(peak, peakRss(child.pid) ?? 0);
		};
		const timer = setInterval(sample, 100);
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk;
			if (options.echo) process.stdout.write(chunk);
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk;
			if (options.echo) process.stderr.write(chunk);
		});
		child.on('error', reject);
		child.on('exit', (code) => {
			clearInterval(timer);
			resolve({ code, stdout, stderr, seconds: Number(process.hrtime.bigint() - started) / 1e9, peakRssBytes: peak });
		});
	});
}

export interface Percentiles {
	n: number;
	p50: number;
	p95: number;
	max: number;
}

/** Nearest-rank percentiles of a list of durations (ms). */
export function percentiles(values: readonly number[]): Percentiles {
	const sorted = [...values].sort((a, b) => a - b);
	const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
	return { n: sorted.length, p50: rank(50), p95: rank(95), max: sorted[sorted.length - 1] ?? Number.NaN };
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const started = process.hrtime.bigint();
	const value = await fn();
	return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}
