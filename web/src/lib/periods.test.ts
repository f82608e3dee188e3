import { describe, expect, it } from 'vitest';
import { coveredEnd, partialMarker, partialMonth, partialYear } from './periods.ts';

describe('partial periods', () => {
	it('the as-of month is partial unless the data reach its last day', () => {
		expect(partialMonth('2026-11-15')).toBe('2026-11');
		expect(partialMonth('2026-11-30')).toBeNull();
		expect(partialMonth('2024-02-28')).toBe('2024-02');
		expect(partialMonth('2024-02-29')).toBeNull();
		expect(partialMonth(null)).toBeNull();
	});
	it('the as-of year is partial unless the data reach 31 December', () => {
		expect(partialYear('2026-11-15')).toBe('2026');
		expect(partialYear('2026-12-31')).toBeNull();
	});
	it('a period ending after the as-of date ends at the as-of date', () => {
		expect(coveredEnd('2026-12', '2026-11-15')).toEqual({ date: '2026-11-15', cut: true });
		expect(coveredEnd('2026-11', '2026-11-15')).toEqual({ date: '2026-11-15', cut: true });
		expect(coveredEnd('2026-10', '2026-11-15')).toEqual({ date: '2026-10-31', cut: false });
	});
});

describe('the partial-period marking of a trend', () => {
	it('marks the running month among monthly periods, and names the data date', () => {
		const marker = partialMarker(['2026-09', '2026-10', '2026-11'], '2026-11-15', 'id');
		expect(marker?.from).toBe(2);
		expect(marker?.note).toContain('15 Nov 2026');
		expect(partialMarker(['2026-09', '2026-10'], '2026-11-15', 'en')).toBeNull();
		expect(partialMarker(['2026-10', '2026-11'], '2026-11-30', 'en')).toBeNull();
	});
	it('marks the running year among yearly periods', () => {
		expect(partialMarker(['2025', '2026'], '2026-11-15', 'en')?.from).toBe(1);
	});
});
