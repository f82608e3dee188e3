/**
 * Which partitions a `dateRanges` selector picks (partition-jobs.ts): a partition table's span from
 * its name, and its overlap with ranges inclusive at both ends.
 */
import { describe, expect, it } from 'vitest';
import { overlapsAny, parseDateRanges, partitionSpan } from './partition-jobs.ts';

const table = 'slmi_pre_aggregations.job_orders_national_monthly20250401';

describe('partitionSpan', () => {
	it('reads the first day from the name and spans the granularity', () => {
		expect(partitionSpan(table, 'quarter')).toEqual([Date.UTC(2025, 3, 1), Date.UTC(2025, 6, 1)]);
		expect(partitionSpan(table, 'month')).toEqual([Date.UTC(2025, 3, 1), Date.UTC(2025, 4, 1)]);
		expect(partitionSpan(table, 'year')).toEqual([Date.UTC(2025, 3, 1), Date.UTC(2026, 3, 1)]);
		expect(partitionSpan(`${table}05`, 'hour')).toEqual([Date.UTC(2025, 3, 1, 5), Date.UTC(2025, 3, 1, 6)]);
		expect(() => partitionSpan('slmi_pre_aggregations.job_orders_national_monthly', 'quarter')).toThrow(/partition date/);
	});
});

describe('overlapsAny', () => {
	const q2 = partitionSpan(table, 'quarter');
	it('picks the partitions a range touches, and no neighbour', () => {
		expect(overlapsAny(q2, [['2025-04-01T00:00:00.000', '2025-06-30T23:59:59.999']])).toBe(true);
		expect(overlapsAny(q2, [['2025-06-30T23:59:59.999', '2025-07-31T00:00:00.000']])).toBe(true);
		expect(overlapsAny(q2, [['2025-01-01T00:00:00.000', '2025-03-31T23:59:59.999']])).toBe(false);
		expect(overlapsAny(q2, [['2025-07-01T00:00:00.000', '2025-09-30T23:59:59.999']])).toBe(false);
		expect(
			overlapsAny(q2, [
				['2025-07-01T00:00:00.000', '2025-09-30T23:59:59.999'],
				['2025-05-01', '2025-05-02'],
			]),
		).toBe(true);
	});
});

describe('parseDateRanges', () => {
	it('takes cube → [[from, to], …] and refuses anything else', () => {
		expect(parseDateRanges({ job_orders: [['2025-01-01T00:00:00.000', '2025-03-31T23:59:59.999']] })).toEqual({
			job_orders: [['2025-01-01T00:00:00.000', '2025-03-31T23:59:59.999']],
		});
		expect(() => parseDateRanges([])).toThrow(/must be an object/);
		expect(() => parseDateRanges({ job_orders: [] })).toThrow(/non-empty/);
		expect(() => parseDateRanges({ job_orders: [['2025-01-01']] })).toThrow(/two dates/);
		expect(() => parseDateRanges({ job_orders: [['2025-01-01', 'soon']] })).toThrow(/Not a date/);
	});
});
