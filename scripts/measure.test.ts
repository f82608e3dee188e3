import { describe, expect, it } from 'vitest';
import { peakRss, percentiles, runMeasured } from './measure.ts';

describe('percentiles', () => {
	it('uses nearest rank', () => {
		expect(percentiles([5, 1, 4, 2, 3, 6, 7, 8, 9, 10])).toEqual({ n: 10, p50: 5, p95: 10, max: 10 });
		expect(percentiles([42])).toEqual({ n: 1, p50: 42, p95: 42, max: 42 });
	});
});

describe('process measurement', () => {
	it('reads this process peak memory and a child run', async () => {
		expect(peakRss(process.pid)).toBeGreaterThan(10 * 1024 * 1024);
		const run = await runMeasured(
			process.execPath,
			['-e', 'const a = Buffer.alloc(64 * 1024 * 1024, 1); setTimeout(() => console.log(a.length), 400)'],
			{ cwd: process.cwd() },
		);
		expect(run.code).toBe(0);
		expect(run.stdout.trim()).toBe(String(64 * 1024 * 1024));
		expect(run.peakRssBytes).toBeGreaterThan(64 * 1024 * 1024);
	});
});
