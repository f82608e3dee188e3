import { describe, expect, it } from 'vitest';
import { BOUNDS, checkQuery as check, checkDataRequest, checkDateRange, type QueryOptions, RequestError } from './query-schema.ts';

const OPTIONS: QueryOptions = { rowLimit: 50_000, role: 'minister' };

function checkQuery(query: unknown, rowLimit: number, role: QueryOptions['role'] = 'minister'): void {
	check(query, { rowLimit, role });
}

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
		expect(message(() => checkQuery({ limit: '10' }, 50_000))).toMatch(/limit/);
		expect(message(() => checkQuery({ offset: -1 }, 50_000))).toMatch(/offset/);
		expect(message(() => checkQuery({ offset: '0 OR 1' }, 50_000))).toMatch(/offset/);
		expect(message(() => checkQuery({ offset: 2 ** 60 }, 50_000))).toMatch(/offset/);
		expect(() => checkQuery({ limit: 50_000, offset: 0 }, 50_000)).not.toThrow();
	});

	it('refuse unknown filter operators, also inside and/or groups, and bad date ranges in filters', () => {
		expect(message(() => checkQuery({ filters: [{ member: 'a.b', operator: 'like', values: ['x'] }] }, 10))).toMatch(
			/unknown filter operator "like"/,
		);
		expect(message(() => checkQuery({ filters: [{ or: [{ member: 'a.b', operator: 'between', values: [] }] }] }, 10))).toMatch(
			/filters\[0\]\.or\[0\]/,
		);
		expect(message(() => checkQuery({ filters: [{ member: 'a.t', operator: 'inDateRange', values: ['soonish'] }] }, 10))).toMatch(
			/date range/,
		);
		expect(message(() => checkQuery({ filters: [{ member: 'a.b', operator: 'measureFilter' }] }, 10))).toMatch(/measureFilter/);
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

const GOOD = {
	measures: ['placements.placements', 'placements.medium_high_share'],
	dimensions: ['placements.province', 'placements.departure_date.month'],
	segments: ['placements.smk'],
	timeDimensions: [
		{ dimension: 'placements.departure_date', granularity: 'quarter', dateRange: ['2024-01-01', '2024-12-31'] },
		{ dimension: 'placements.departure_date', compareDateRange: ['this year', 'last year'] },
	],
	filters: [
		{ member: 'placements.country', operator: 'equals', values: ['TW', 'HK'] },
		{ dimension: 'placements.province', operator: 'notIn', values: ['52'] },
		{
			or: [
				{ member: 'placements.occupation', operator: 'startsWith', values: ['51'] },
				{ and: [{ member: 'placements.gender', operator: 'set' }] },
			],
		},
		{ member: 'placements.departure_date', operator: 'beforeDate', values: ['2025-01-01'] },
		{ member: 'placements.departure_date', operator: 'inDateRange', values: ['2024-01-01', '2024-06-30'] },
		{ member: 'placements.placements', operator: 'gte', values: [10] },
		{ member: 'placements.medium_high_share', operator: 'lt', values: ['0.5'] },
		{ member: 'placements.agency', operator: 'notSet', values: [] },
	],
	order: { 'placements.placements': 'desc', 'placements.province': 'asc' },
	limit: 100,
	offset: 0,
	total: true,
	ungrouped: false,
	timezone: 'UTC',
	renewQuery: false,
	responseFormat: 'compact',
};

describe('the allowlist', () => {
	it('accepts every field it knows, in every form it allows', () => {
		expect(() => check(GOOD, OPTIONS)).not.toThrow();
		expect(() => check({ ...GOOD, order: [['placements.placements', 'asc']] }, OPTIONS)).not.toThrow();
		expect(() => check([GOOD, { measures: ['supply.candidates'] }], OPTIONS)).not.toThrow();
		expect(() => check({ ...GOOD, renewQuery: true }, { rowLimit: 100, role: 'system' })).not.toThrow();
	});

	it('refuses unknown keys anywhere, naming them', () => {
		for (const [query, key] of [
			[{ ...GOOD, sql: 'SELECT 1' }, 'sql'],
			[{ ...GOOD, __proto__x: 1 }, '__proto__x'],
			[JSON.parse('{"measures":["a.b"],"__proto__":{"timezone":"x"}}'), '__proto__'],
			[{ measures: ['a.b'], timeDimensions: [{ dimension: 'a.t', granularity: 'day', timezone: 'x' }] }, 'timezone'],
			[{ measures: ['a.b'], filters: [{ member: 'a.b', operator: 'equals', values: ['x'], sql: '1' }] }, 'sql'],
			[{ measures: ['a.b'], filters: [{ or: [], not: [] }] }, 'not'],
		] as [unknown, string][]) {
			expect(
				message(() => check(query, OPTIONS)),
				key,
			).toMatch(new RegExp(`unknown key "${key}"`));
		}
	});

	it('takes the time zone "UTC" or none, nothing else', () => {
		expect(() => check({ measures: ['a.b'] }, OPTIONS)).not.toThrow();
		for (const timezone of ["UTC' || (SELECT 1) || '", 'Asia/Jakarta', 'utc', 'UTC ', '', null, 0, ['UTC']]) {
			expect(
				message(() => check({ measures: ['a.b'], timezone }, OPTIONS)),
				String(timezone),
			).toMatch(/"timezone" must be "UTC"/);
		}
	});

	it('takes member names and nothing that could be SQL', () => {
		for (const name of ["a.b'", 'a.b c', 'A.b', 'a', 'a.b.c.d', '1a.b', 'a.b;', 'a.b--', '`a`.b', 'a.b\u0000', 7, null, { a: 1 }]) {
			for (const key of ['measures', 'dimensions', 'segments'])
				expect(
					message(() => check({ [key]: [name] }, OPTIONS)),
					`${key} ${String(name)}`,
				).toMatch(/member name/);
			expect(message(() => check({ measures: ['a.b'], order: [[name, 'asc']] }, OPTIONS))).toMatch(/member name/);
			expect(message(() => check({ measures: ['a.b'], timeDimensions: [{ dimension: name }] }, OPTIONS))).toMatch(/member name/);
			expect(message(() => check({ measures: ['a.b'], filters: [{ member: name, operator: 'set' }] }, OPTIONS))).toMatch(/member name/);
		}
		expect(message(() => check({ measures: ['a.b'], order: { "a.b'": 'asc' } }, OPTIONS))).toMatch(/member name/);
	});

	it('takes the granularities of calendar dates', () => {
		for (const granularity of ['hour', 'minute', 'second', 'Month', 'decade', null, 1]) {
			const query = { measures: ['a.b'], timeDimensions: [{ dimension: 'a.t', granularity }] };
			expect(
				message(() => check(query, OPTIONS)),
				String(granularity),
			).toMatch(/granularity must be one of day, week, month, quarter, year/);
		}
		expect(message(() => check({ dimensions: ['a.t.hour'] }, OPTIONS))).toMatch(/granularity/);
		expect(message(() => check({ dimensions: ['a.t.quarter'] }, OPTIONS))).toMatch(/granularity/);
	});

	it('takes an order as an object or a list of pairs, asc or desc', () => {
		for (const order of [{ 'a.b': 'DESC' }, { 'a.b': 'desc, 1' }, [['a.b']], [['a.b', 'asc', 'x']], ['a.b'], 'a.b', 1]) {
			expect(
				message(() => check({ measures: ['a.b'], order }, OPTIONS)),
				JSON.stringify(order),
			).toMatch(/"order"/);
		}
	});

	it('takes booleans as booleans, and renewQuery from the loader only', () => {
		for (const key of ['total', 'ungrouped', 'renewQuery']) {
			expect(
				message(() => check({ measures: ['a.b'], [key]: 'true' }, OPTIONS)),
				key,
			).toMatch(new RegExp(`"${key}" must be true or false`));
		}
		for (const role of ['minister', 'director', 'regional', 'public', undefined] as const) {
			expect(
				message(() => check({ measures: ['a.b'], renewQuery: true }, { rowLimit: 10, role })),
				String(role),
			).toMatch(/renewQuery/);
		}
		expect(message(() => check({ measures: ['a.b'], responseFormat: 'csv' }, OPTIONS))).toMatch(/responseFormat/);
	});

	it('takes filter values of sane types and sizes', () => {
		const f = (operator: string, values: unknown) => ({ measures: ['a.b'], filters: [{ member: 'a.c', operator, values }] });
		for (const [operator, values, text] of [
			['equals', [null], /string or a number/],
			['equals', [true], /string or a number/],
			['equals', [['x']], /string or a number/],
			['equals', [{ x: 1 }], /string or a number/],
			['equals', [Number.NaN], /string or a number|finite/],
			['equals', [], /at least one value/],
			['equals', undefined, /must be an array/],
			['equals', 'x', /must be an array/],
			['equals', ['x'.repeat(BOUNDS.valueLength + 1)], /longer than/],
			['in', Array.from({ length: BOUNDS.values + 1 }, (_, i) => String(i)), /at most/],
			['set', ['x'], /takes no values/],
			['notSet', [null], /takes no values/],
			['beforeDate', ['soon'], /one date/],
			['afterDate', ['2024-01-01', '2024-02-01'], /one date/],
			['onTheDate', ['2024-02-30'], /date range/],
			['inDateRange', "2024-01-01' OR 1", /date range/],
			['gt', ['1 OR 1'], /one number/],
			['lte', [1, 2], /one number/],
		] as [string, unknown, RegExp][]) {
			expect(
				message(() => check(f(operator, values), OPTIONS)),
				`${operator} ${JSON.stringify(values)?.slice(0, 40)}`,
			).toMatch(text);
		}
		expect(() => check(f('contains', ["'; DROP TABLE x; --", '%', '_', '\\']), OPTIONS)).not.toThrow();
		expect(message(() => check({ measures: ['a.b'], filters: [{ member: 'a.c', dimension: 'a.c', operator: 'set' }] }, OPTIONS))).toMatch(
			/"member"/,
		);
	});

	it('bounds and/or nesting and the number of filters', () => {
		let deep: unknown = { member: 'a.b', operator: 'set' };
		for (let i = 0; i <= BOUNDS.filterDepth; i++) deep = { and: [deep] };
		expect(message(() => check({ measures: ['a.b'], filters: [deep] }, OPTIONS))).toMatch(/nest at most/);
		const many = Array.from({ length: 60 }, () => ({ or: [{ member: 'a.b', operator: 'set' }] }));
		expect(message(() => check({ measures: ['a.b'], filters: many }, OPTIONS))).toMatch(/at most 100 filters/);
		expect(message(() => check({ measures: ['a.b'], filters: [{ and: [], or: [] }] }, OPTIONS))).toMatch(/not both/);
	});

	it('bounds the number of queries and members in one request', () => {
		expect(
			message(() =>
				check(
					Array.from({ length: BOUNDS.queries + 1 }, () => ({ measures: ['a.b'] })),
					OPTIONS,
				),
			),
		).toMatch(/at most 50 queries/);
		expect(message(() => check([], OPTIONS))).toMatch(/empty/);
		expect(message(() => check([[{ measures: ['a.b'] }]], OPTIONS))).toMatch(/JSON object/);
		expect(message(() => check({ measures: Array.from({ length: 51 }, () => 'a.b') }, OPTIONS))).toMatch(/at most 50/);
		const tds = Array.from({ length: BOUNDS.timeDimensions + 1 }, () => ({ dimension: 'a.t' }));
		expect(message(() => check({ measures: ['a.b'], timeDimensions: tds }, OPTIONS))).toMatch(/at most/);
	});
});

describe('a data request', () => {
	const q = JSON.stringify({ measures: ['a.b'] });
	it('carries a query and maybe queryType "multi", nothing else', () => {
		expect(checkDataRequest('GET', { query: q }, undefined, OPTIONS)).toEqual({ measures: ['a.b'] });
		expect(checkDataRequest('GET', { query: `[${q}]`, queryType: 'multi' }, undefined, OPTIONS)).toEqual([{ measures: ['a.b'] }]);
		expect(checkDataRequest('POST', {}, { query: { measures: ['a.b'] } }, OPTIONS)).toEqual({ measures: ['a.b'] });
		expect(message(() => checkDataRequest('GET', { query: q, cache: 'no' }, undefined, OPTIONS))).toMatch(
			/unknown request parameter "cache"/,
		);
		expect(message(() => checkDataRequest('POST', { x: '1' }, { query: {} }, OPTIONS))).toMatch(/unknown URL parameter "x"/);
		expect(message(() => checkDataRequest('POST', {}, { query: {}, renew: true }, OPTIONS))).toMatch(/"renew"/);
		expect(message(() => checkDataRequest('GET', { query: q, queryType: 'blendingQuery' }, undefined, OPTIONS))).toMatch(/queryType/);
		expect(message(() => checkDataRequest('GET', {}, undefined, OPTIONS))).toMatch(/no query/);
		expect(message(() => checkDataRequest('GET', { query: [q, q] }, undefined, OPTIONS))).toMatch(/once/);
		expect(message(() => checkDataRequest('GET', { query: { measures: ['a.b'] } }, undefined, OPTIONS))).toMatch(/once, as JSON/);
		expect(message(() => checkDataRequest('GET', { query: '{' }, undefined, OPTIONS))).toMatch(/not valid JSON/);
		expect(message(() => checkDataRequest('POST', {}, [q], OPTIONS))).toMatch(/JSON object/);
	});

	it('refuses a list of queries Cube cannot blend (it answered 500), and keeps those it can', () => {
		const byMonth = (m: string) => ({ measures: [m], timeDimensions: [{ dimension: 'a.day', granularity: 'month' }] });
		const noTime = { measures: ['a.b'], dimensions: ['a.c'] };
		expect(message(() => checkDataRequest('POST', {}, { query: [noTime, byMonth('x.y')] }, OPTIONS))).toMatch(/blended query/);
		expect(message(() => checkDataRequest('POST', {}, { query: [byMonth('a.b'), noTime] }, OPTIONS))).toMatch(/blended query/);
		const byYear = { measures: ['x.y'], timeDimensions: [{ dimension: 'x.day', granularity: 'year' }] };
		expect(message(() => checkDataRequest('POST', {}, { query: [byMonth('a.b'), byYear] }, OPTIONS))).toMatch(/same granularity/);
		expect(checkDataRequest('POST', {}, { query: [byMonth('a.b'), byMonth('x.y')] }, OPTIONS)).toHaveLength(2);
		// "multi" only shapes Cube's answer: the list is blended all the same
		expect(message(() => checkDataRequest('POST', {}, { query: [noTime, byMonth('x.y')], queryType: 'multi' }, OPTIONS))).toMatch(
			/blended query/,
		);
		// a list of one query is that query
		expect(checkDataRequest('POST', {}, { query: [noTime], queryType: 'multi' }, OPTIONS)).toHaveLength(1);
	});
});

describe('error messages', () => {
	it('echo short plain values, never text that reads like SQL', () => {
		expect(message(() => check({ measures: ['a.b'], timezone: 'Asia/Jakarta' }, OPTIONS))).toMatch(/not "Asia\/Jakarta"/);
		const injected = message(() => check({ measures: ['a.b'], timezone: "UTC' || (SELECT if(1, '', 'X')) || '" }, OPTIONS));
		expect(injected).toMatch(/"timezone" must be "UTC"/);
		expect(injected).not.toMatch(/SELECT|'/);
		expect(message(() => check({ measures: ["a.b') OR (1"] }, OPTIONS))).not.toMatch(/OR/);
	});
});
