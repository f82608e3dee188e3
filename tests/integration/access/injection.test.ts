/**
 * What a query may carry into SQL. Cube 0.33's ClickHouse SQL pastes the query's `timezone` into
 * the text unescaped (`toTimeZone(…, '<timezone>')`), so a regional head could read other
 * provinces' data one bit at a time by whether the query failed; every field is now checked
 * against an allowlist before Cube sees it (cube/src/query-schema.ts). LIKE operators match the
 * user's text literally, `%` and `_` included.
 */
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../../warehouse/src/client.ts';
import { ask, db, MINISTER, PUBLIC, post, REGIONAL_52, SYSTEM } from './access-client.ts';

const P = 'placements.placements';

/** A time zone that is 'UTC' when `condition` holds in the warehouse and 'UTCX' (an error) when not. */
function oracle(condition: string): string {
	return `UTC' || (SELECT if(${condition}, '', 'X')) || '`;
}

describe('the time zone', () => {
	// Shapes that put the time zone into SQL: a grouped time dimension, a date range, on a cube with
	// pre-aggregations and on one without.
	const shapes: [string, Record<string, unknown>][] = [
		['a grouped time dimension', { measures: [P], timeDimensions: [{ dimension: 'placements.departure_date', granularity: 'month' }] }],
		[
			'a date range',
			{ measures: [P], timeDimensions: [{ dimension: 'placements.departure_date', dateRange: ['2024-01-01', '2024-12-31'] }] },
		],
		[
			'a cube without pre-aggregations',
			{ measures: ['quick_win.target'], timeDimensions: [{ dimension: 'quick_win.month', granularity: 'month' }] },
		],
	];

	for (const [name, query] of shapes) {
		it(`cannot be used as a boolean oracle by a regional head (${name})`, async () => {
			const [other] = await queryRows<{ n: string }>(db, "SELECT count() AS n FROM fct_candidates WHERE province_code = '32'");
			expect(Number(other!.n), 'the test data has candidates in province 32').toBeGreaterThan(0);
			const yes = await ask(REGIONAL_52, 'load', {
				...query,
				timezone: oracle("(SELECT count() FROM fct_candidates WHERE province_code = '32') > 0"),
			});
			const no = await ask(REGIONAL_52, 'load', {
				...query,
				timezone: oracle("(SELECT count() FROM fct_candidates WHERE province_code = '32') > 1000000000"),
			});
			expect(yes.status).toBe(400);
			expect(yes.body.error).toMatch(/"timezone" must be "UTC"/);
			expect(no).toEqual(yes);
		});
	}

	it('is UTC or absent for every role; another zone is refused with a message, not Cube internals', async () => {
		// On a pre-aggregated query Cube 0.33 answered "No pre-aggregation partitions were built yet".
		const query = { measures: [P], timeDimensions: [{ dimension: 'placements.departure_date', granularity: 'month' }] };
		for (const claims of [MINISTER, REGIONAL_52, SYSTEM, PUBLIC]) {
			const members = claims === PUBLIC ? { measures: ['public_placements.placements'] } : query;
			for (const timezone of ['Asia/Jakarta', 'utc', 'Etc/UTC', '', 7]) {
				const res = await ask(claims, 'load', { ...members, timezone });
				expect(res.status, `${claims.role} ${timezone}`).toBe(400);
				expect(res.body.error).toMatch(/"timezone" must be "UTC"/);
				expect(res.body.error).not.toMatch(/pre-aggregation/i);
			}
			expect((await ask(claims, 'load', { ...members, timezone: 'UTC' })).status, String(claims.role)).toBe(200);
		}
	});

	it('is checked on every data endpoint, GET and POST, and in every query of a multi request', async () => {
		const bad = { measures: [P], timezone: oracle('1') };
		for (const path of ['load', 'sql', 'dry-run']) {
			expect((await ask(MINISTER, path, bad)).status, `GET ${path}`).toBe(400);
			expect((await post(MINISTER, path, JSON.stringify({ query: bad }))).status, `POST ${path}`).toBe(400);
		}
		const multi = await post(MINISTER, 'load', JSON.stringify({ queryType: 'multi', query: [{ measures: [P] }, bad] }));
		expect(multi.status).toBe(400);
		expect(multi.body.error).toMatch(/query\[1\]: "timezone"/);
	});
});

describe('every other field of a query', () => {
	const hostile: [string, Record<string, unknown>, RegExp][] = [
		['an unknown key', { measures: [P], sql: 'SELECT 1' }, /unknown key "sql"/],
		['a member that is not a name', { measures: ["placements.placements'"] }, /"measures\[0\]"/],
		[
			'a granularity outside the list',
			{ measures: [P], timeDimensions: [{ dimension: 'placements.departure_date', granularity: 'hour' }] },
			/granularity/,
		],
		['an order direction outside the list', { measures: [P], order: { [P]: 'desc; DROP' } }, /"order"/],
		['an offset that is not a whole number', { measures: [P], offset: '1 OR 1' }, /"offset"/],
		[
			'a filter value that is an object',
			{ measures: [P], filters: [{ member: 'placements.country', operator: 'equals', values: [{ a: 1 }] }] },
			/values/,
		],
		['renewQuery (it bypasses the cache)', { measures: [P], renewQuery: true }, /renewQuery/],
		['a response format outside the list', { measures: [P], responseFormat: 'csv' }, /responseFormat/],
	];
	for (const [name, query, message] of hostile) {
		it(`refuses ${name} with 400 naming the field`, async () => {
			for (const claims of [MINISTER, REGIONAL_52]) {
				const res = await ask(claims, 'load', query);
				expect(res.status, String(claims.role)).toBe(400);
				expect(res.body.error).toMatch(message);
			}
		});
	}

	it('refuses unknown request parameters next to the query', async () => {
		const res = await post(MINISTER, 'load', JSON.stringify({ query: { measures: [P] }, cache: 'no-cache' }));
		expect(res.status).toBe(400);
		expect(res.body.error).toMatch(/unknown request parameter "cache"/);
	});

	it('accepts every member name the model has (the name rule fits the model)', async () => {
		const meta = await ask(MINISTER, 'meta');
		const cubes = meta.body.cubes as { measures: { name: string }[]; dimensions: { name: string }[]; segments: { name: string }[] }[];
		const names = cubes.flatMap((c) => [...c.measures, ...c.dimensions, ...c.segments].map((m) => m.name));
		expect(names.length).toBeGreaterThan(100);
		expect(names.filter((n) => !/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/.test(n))).toEqual([]);
	});
});

describe('contains, startsWith and endsWith', () => {
	const M = 'applications.applications';
	const R = 'applications.rejection_reason';

	async function reasons(operator: string, value: string): Promise<string[]> {
		const res = await ask(SYSTEM, 'load', { measures: [M], dimensions: [R], filters: [{ member: R, operator, values: [value] }] });
		expect(res.status, `${operator} ${value}: ${res.body.error}`).toBe(200);
		return (res.body.data ?? []).map((r) => String(r[R])).sort();
	}

	async function warehouse(where: string): Promise<string[]> {
		const rows = await queryRows<{ r: string }>(db, `SELECT DISTINCT rejection_reason AS r FROM fct_applications WHERE ${where}`);
		return rows.map((r) => r.r).sort();
	}

	it('match % and _ literally', async () => {
		const withUnderscore = await warehouse("position(rejection_reason, '_') > 0");
		expect(withUnderscore.length, 'the test data has reasons with "_"').toBeGreaterThan(0);
		expect((await warehouse("position(rejection_reason, '_') = 0")).length).toBeGreaterThan(1);
		expect(await reasons('startsWith', '%')).toEqual([]);
		expect(await reasons('endsWith', '%')).toEqual([]);
		expect(await reasons('contains', '%')).toEqual([]);
		expect(await reasons('contains', '_')).toEqual(withUnderscore);
		expect(await reasons('startsWith', '_')).toEqual(await warehouse("startsWith(rejection_reason, '_')"));
		expect(await reasons('endsWith', '_')).toEqual([]);
		expect(await reasons('notStartsWith', '%')).toEqual(await warehouse('1'));
		expect(await reasons('notContains', '_')).toEqual(await warehouse("position(rejection_reason, '_') = 0"));
	});

	it('still match ordinary text, case-insensitively', async () => {
		const [first] = await warehouse("position(rejection_reason, '_') > 0");
		const prefix = first!.slice(0, 4);
		expect(await reasons('startsWith', prefix.toUpperCase())).toEqual(await warehouse(`startsWith(rejection_reason, '${prefix}')`));
		expect(await reasons('contains', first!)).toEqual([first]);
		expect(await reasons('endsWith', first!.slice(-3))).toEqual(await warehouse(`endsWith(rejection_reason, '${first!.slice(-3)}')`));
	});

	it('take a backslash and a quote as text', async () => {
		expect(await reasons('contains', '\\')).toEqual([]);
		expect(await reasons('contains', "'")).toEqual([]);
		expect(await reasons('startsWith', '\\%')).toEqual([]);
	});
});
