import { describe, expect, it } from 'vitest';
import { checkDateRange, checkQuery, RequestError } from './errors.ts';

function message(run: () => void): string {
	try {
		run();
	} catch (error) {
		if (error instanceof RequestError) return error.message;
		throw error;
	}
	return '';
}

describe('date ranges', () => {
	it('accept ISO dates and the relative ranges Cube knows', () => {
		for (const range of [
			['2024-01-01', '2024-12-31'],
			['2024-02-29'],
			['2024-01-01T00:00:00.000', '2024-01-31T23:59:59'],
			'today',
			'yesterday',
			'This Month',
			'last year',
			'next quarter',
			'last 7 days',
			'last 12 months',
			'from 2024-01-01 to 2024-03-31',
		]) {
			expect(() => checkDateRange(range, 'q'), JSON.stringify(range)).not.toThrow();
		}
	});

	it('refuse anything Cube would guess at, dates that do not exist, and ranges that run backwards', () => {
		for (const range of [
			'yesterdayish',
			'the day before',
			'last 7 fortnights',
			'from monday to friday',
			'from 2024-03-01 to 2024-01-01',
			['2024-02-30', '2024-03-31'],
			['2023-02-29'],
			['01/02/2024'],
			['2024-01-01', '2024-01-31', '2024-02-29'],
			[],
			42,
		]) {
			expect(() => checkDateRange(range, 'q'), JSON.stringify(range)).toThrow(RequestError);
		}
		expect(message(() => checkDateRange(['2024-03-01', '2024-01-31'], 'q'))).toMatch(/ends \(2024-01-31\) before it starts \(2024-03-01\)/);
	});
});

describe('queries', () => {
	it('refuse limits above the maximum and offsets below zero', () => {
		expect(message(() => checkQuery({ limit: 50_001 }, 50_000))).toMatch(/"limit" must be a whole number from 1 to 50000/);
		expect(message(() => checkQuery({ limit: 1.5 }, 50_000))).toMatch(/limit/);
		expect(message(() => checkQuery({ offset: -1 }, 50_000))).toMatch(/offset/);
		expect(() => checkQuery({ limit: 50_000, offset: 0 }, 50_000)).not.toThrow();
	});

	it('refuse unknown filter operators, also inside and/or groups, and bad date ranges in filters', () => {
		expect(message(() => checkQuery({ filters: [{ member: 'a.b', operator: 'like', values: ['x'] }] }, 10))).toMatch(
			/unknown filter operator "like"/,
		);
		expect(message(() => checkQuery({ filters: [{ or: [{ member: 'a.b', operator: 'between', values: [] }] }] }, 10))).toMatch(
			/filters\[0\]\.filters\[0\]/,
		);
		expect(message(() => checkQuery({ filters: [{ member: 'a.t', operator: 'inDateRange', values: ['soonish'] }] }, 10))).toMatch(
			/date range/,
		);
		expect(() => checkQuery({ filters: [{ and: [{ member: 'a.b', operator: 'equals', values: ['x'] }] }] }, 10)).not.toThrow();
	});

	it('check every query of a blended request and date ranges in timeDimensions', () => {
		expect(message(() => checkQuery([{}, { timeDimensions: [{ dimension: 'a.t', dateRange: 'someday' }] }], 10))).toMatch(
			/query\[1\]\.timeDimensions\[0\]/,
		);
		expect(message(() => checkQuery({ timeDimensions: [{ dimension: 'a.t', compareDateRange: ['last year', 'soon'] }] }, 10))).toMatch(
			/compareDateRange\[1\]/,
		);
		expect(message(() => checkQuery('x', 10))).toMatch(/must be a JSON object/);
	});
});
