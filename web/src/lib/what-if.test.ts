import { describe, expect, it } from 'vitest';
import { parseWhatIf, WHAT_IF_MAX, whatIf } from './what-if.ts';

describe('parseWhatIf', () => {
	it('accepts whole numbers 0..max and nothing else', () => {
		expect(parseWhatIf(null)).toEqual({ value: null, invalid: false });
		expect(parseWhatIf('')).toEqual({ value: null, invalid: false });
		expect(parseWhatIf('5000')).toEqual({ value: 5000, invalid: false });
		expect(parseWhatIf(' 0 ')).toEqual({ value: 0, invalid: false });
		expect(parseWhatIf(String(WHAT_IF_MAX))).toEqual({ value: WHAT_IF_MAX, invalid: false });
		for (const bad of ['-5', '1.5', '1e3', 'abc', '5000x', String(WHAT_IF_MAX + 1), '99999999'])
			expect(parseWhatIf(bad).invalid).toBe(true);
	});
});

describe('whatIf', () => {
	const stored = { forecast: 100_000, forecastLow: 95_000, forecastHigh: 106_000, monthsRemaining: 2.5, target: 120_000 };
	it('shifts the stored projection and its band by N x months remaining', () => {
		const w = whatIf(stored, 4000)!;
		expect(w.added).toBe(10_000);
		expect(w.yearEnd).toBe(110_000);
		expect([w.low, w.high]).toEqual([105_000, 116_000]);
		expect(w.targetMet).toBe(false);
		expect(w.shortfall).toBe(10_000);
		expect(w.neededPerMonth).toBe(8000);
		expect(whatIf(stored, 8000)!.targetMet).toBe(true);
	});
	it('has no answer without a projection', () => {
		expect(whatIf({ ...stored, forecast: null }, 10)).toBeNull();
	});
});
