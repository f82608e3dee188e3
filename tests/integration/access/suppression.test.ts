/**
 * Public results hide small cells, checked against the warehouse's own counts: every count
 * from 1 to threshold − 1 is replaced by the marker (never by a number), complements are hidden
 * where a lone hidden cell could be recovered from a total, ratios built on hidden counts are
 * hidden, a filtered answer hides what the unfiltered one hides in the same cells, and shown
 * cells are exact.
 */
import { describe, expect, it } from 'vitest';
import { ask, PUBLIC, sqlCounts } from './access-client.ts';

interface PublicBody {
	data: Record<string, string | null>[];
	slmi: { threshold: number; marker: string; suppressed: { row: number; member: string }[] };
	error?: string;
}

async function publicLoad(query: unknown): Promise<PublicBody> {
	const { status, body } = await ask(PUBLIC, 'load', query);
	expect(status, `${JSON.stringify(query)}: ${body.error}`).toBe(200);
	return body as unknown as PublicBody;
}

const M = 'public_placements.placements';

/** SQL columns behind public_placements dimensions. */
const COLUMN: Record<string, string> = {
	'public_placements.scheme': 'scheme',
	'public_placements.sector': 'sector',
	'public_placements.gender': 'gender',
	'public_placements.occupation': 'occupation_isco4',
	'public_placements.province': 'province_code',
};

function checkMarkers(body: PublicBody, measures: string[]): void {
	const marked = new Set<string>();
	body.data.forEach((row, i) => {
		for (const m of measures) if (row[m] === body.slmi.marker) marked.add(`${i}/${m}`);
	});
	expect(new Set(body.slmi.suppressed.map((s) => `${s.row}/${s.member}`))).toEqual(marked);
	expect(body.slmi.marker).toBe('suppressed');
}

describe('public small-cell suppression', () => {
	it('hides every small count and, when it is alone, the next-smallest cell of the same total', async () => {
		let complementary = 0;
		for (const [dimension, column] of Object.entries(COLUMN)) {
			if (dimension.endsWith('province')) continue; // provinces nest in island groups: checked below
			const body = await publicLoad({ measures: [M], dimensions: [dimension] });
			const T = body.slmi.threshold;
			checkMarkers(body, [M]);
			const sql = await sqlCounts(`SELECT ${column} AS k, count() AS n FROM fct_placements GROUP BY k`);
			const mh = await sqlCounts(`SELECT ${column} AS k, sum(medium_high_skill) AS n FROM fct_placements GROUP BY k`);
			const shown = new Map(body.data.filter((r) => r[M] !== 'suppressed').map((r) => [String(r[dimension]), Number(r[M])]));
			const hidden = body.data.filter((r) => r[M] === 'suppressed').map((r) => String(r[dimension]));
			for (const [k, n] of shown) expect(n, `${dimension} = ${k}`).toBe(sql.get(k));
			// joint: a row is small when placements, medium-high placements or their difference is
			const small = (n: number) => n > 0 && n < T;
			const primary = [...sql].filter(([k, n]) => small(n) || small(mh.get(k) ?? 0) || small(n - (mh.get(k) ?? 0))).map(([k]) => k);
			expect(hidden).toEqual(expect.arrayContaining(primary));
			for (const n of shown.values()) expect(n === 0 || n >= T).toBe(true);
			const total = [...sql.values()].reduce((a, b) => a + b, 0);
			if (primary.length === 1 && total >= T && sql.size > 1) {
				// the total is public: one hidden cell would be total − shown. Another non-zero cell
				// is hidden too, and the hidden cells together are not small.
				expect(hidden.length).toBeGreaterThanOrEqual(2);
				expect(hidden.reduce((s, k) => s + (sql.get(k) ?? 0), 0)).toBeGreaterThanOrEqual(T);
				complementary++;
			} else {
				expect(hidden.length === 0 || hidden.length >= 2 || total < T).toBe(true);
			}
		}
		expect(complementary, 'the test data has a breakdown with exactly one small cell').toBeGreaterThan(0);
	});

	it('protects rows and columns of a time × attribute table, and a filter hides exactly what the full table hides', async () => {
		const rows = 'public_placements.sector';
		const month = 'public_placements.departure_date.month';
		const body = await publicLoad({
			measures: [M],
			dimensions: [rows],
			timeDimensions: [{ dimension: 'public_placements.departure_date', granularity: 'month' }],
		});
		const T = body.slmi.threshold;
		checkMarkers(body, [M]);
		const sql = await sqlCounts(
			"SELECT concat(sector, '/', toString(toStartOfMonth(departure_date))) AS k, count() AS n FROM fct_placements GROUP BY k",
		);
		expect(
			[...sql.values()].some((n) => n > 0 && n < T),
			'the test data has a small sector × month cell',
		).toBe(true);
		const cell = (r: Record<string, string | null>) => `${r[rows]}/${String(r[month]).slice(0, 10)}`;
		for (const r of body.data) {
			const n = sql.get(cell(r)) ?? 0;
			if (r[M] === 'suppressed') continue;
			expect(Number(r[M]), cell(r)).toBe(n);
			expect(n === 0 || n >= T).toBe(true);
		}
		for (const [k, n] of sql) if (n > 0 && n < T) expect(body.data.find((r) => cell(r) === k)?.[M], k).toBe('suppressed');
		// months add up to years: along the months of a year, and along the sectors of a month
		const year = (r: Record<string, string | null>) => String(r[month]).slice(0, 4);
		for (const [name, lineOf] of [
			['sector and year', (r: Record<string, string | null>) => `${r[rows]}/${year(r)}`],
			['month', (r: Record<string, string | null>) => String(r[month])],
		] as const) {
			const groups = new Map<string, Record<string, string | null>[]>();
			for (const r of body.data) groups.set(lineOf(r), [...(groups.get(lineOf(r)) ?? []), r]);
			for (const [key, group] of groups) {
				const total = group.reduce((s, r) => s + (sql.get(cell(r)) ?? 0), 0);
				const hidden = group.filter((r) => r[M] === 'suppressed').length;
				if (total >= T) expect(hidden, `${name} ${key}: a lone hidden cell is total − shown`).not.toBe(1);
			}
		}
		const bySector = await publicLoad({ measures: [M], dimensions: [rows] });
		for (const sector of ['domestic', 'agriculture']) {
			const slice = await publicLoad({ measures: [M], filters: [{ member: rows, operator: 'equals', values: [sector] }] });
			expect(slice.data.map((r) => r[M])).toEqual(bySector.data.filter((r) => r[rows] === sector).map((r) => r[M]));
		}
	});

	it('hides a ratio wherever a count it is built from is hidden', async () => {
		const body = await publicLoad({
			measures: [M, 'public_placements.medium_high_placements', 'public_placements.medium_high_share'],
			dimensions: ['public_placements.occupation'],
		});
		checkMarkers(body, [M, 'public_placements.medium_high_placements', 'public_placements.medium_high_share']);
		let hiddenRatios = 0;
		for (const r of body.data) {
			const countsHidden = r[M] === 'suppressed' || r['public_placements.medium_high_placements'] === 'suppressed';
			expect(r['public_placements.medium_high_share'] === 'suppressed', String(r['public_placements.occupation'])).toBe(countsHidden);
			if (countsHidden) hiddenRatios++;
		}
		expect(hiddenRatios).toBeGreaterThan(0);
	});

	it('answers a year as a slice of the table by year, and several values of a filter as a sum hidden if a part is', async () => {
		const years = await sqlCounts('SELECT toString(toYear(departure_date)) AS k, count() AS n FROM fct_placements GROUP BY k');
		const year = [...years.keys()].sort().at(-2)!;
		const byYear = await publicLoad({
			measures: [M],
			dimensions: ['public_placements.scheme'],
			timeDimensions: [{ dimension: 'public_placements.departure_date', granularity: 'year' }],
		});
		const oneYear = await publicLoad({
			measures: [M],
			dimensions: ['public_placements.scheme'],
			timeDimensions: [{ dimension: 'public_placements.departure_date', dateRange: [`${year}-01-01`, `${year}-12-31`] }],
		});
		const expected = new Map(
			byYear.data
				.filter((r) => String(r['public_placements.departure_date.year']).startsWith(year))
				.map((r) => [String(r['public_placements.scheme']), r[M]]),
		);
		expect(new Map(oneYear.data.map((r) => [String(r['public_placements.scheme']), r[M]]))).toEqual(expected);

		const sql = await sqlCounts(
			"SELECT toString(toYear(departure_date)) AS k, count() AS n FROM fct_placements WHERE scheme IN ('G2G', 'UKPS') GROUP BY k",
		);
		const YEAR = 'public_placements.departure_date.year';
		const period = [{ dimension: 'public_placements.departure_date', granularity: 'year' }];
		const both = await publicLoad({
			measures: [M],
			timeDimensions: period,
			filters: [{ member: 'public_placements.scheme', operator: 'equals', values: ['G2G', 'UKPS'] }],
		});
		const bySchemeYear = await publicLoad({ measures: [M], dimensions: ['public_placements.scheme'], timeDimensions: period });
		for (const r of both.data) {
			const y = String(r[YEAR]).slice(0, 4);
			const parts = bySchemeYear.data.filter(
				(p) => String(p[YEAR]).startsWith(y) && ['G2G', 'UKPS'].includes(String(p['public_placements.scheme'])),
			);
			if (parts.some((p) => p[M] === 'suppressed')) {
				expect(r[M], y).toBe('suppressed');
			} else expect(Number(r[M]), y).toBe(sql.get(y));
		}
		expect(both.data.length).toBeGreaterThan(0);
	});

	it('orders and cuts after suppression, hidden cells last', async () => {
		const body = await publicLoad({ measures: [M], dimensions: ['public_placements.occupation'], order: { [M]: 'asc' }, limit: 500 });
		const values = body.data.map((r) => r[M]);
		const firstHidden = values.indexOf('suppressed');
		expect(firstHidden).toBeGreaterThan(0);
		expect(values.slice(firstHidden).every((v) => v === 'suppressed')).toBe(true);
		const shown = values.slice(0, firstHidden).map(Number);
		expect(shown).toEqual([...shown].sort((a, b) => a - b));
		const top = await publicLoad({ measures: [M], dimensions: ['public_placements.occupation'], order: { [M]: 'desc' }, limit: 3 });
		const sql = await sqlCounts('SELECT occupation_isco4 AS k, count() AS n FROM fct_placements GROUP BY k ORDER BY n DESC LIMIT 3');
		expect(top.data.map((r) => Number(r[M]))).toEqual([...sql.values()]);
	});
});

describe('public query limits', () => {
	const refusals: [string, unknown, number, RegExp][] = [
		[
			'two attributes',
			{ measures: [M], dimensions: ['public_placements.country', 'public_placements.gender'] },
			400,
			/one attribute at a time .*uses 2: public_placements.country, public_placements.gender/,
		],
		[
			'an attribute and a filter on another',
			{
				measures: [M],
				dimensions: ['public_placements.occupation'],
				filters: [{ member: 'public_placements.province', operator: 'equals', values: ['52'] }],
				timeDimensions: [{ dimension: 'public_placements.departure_date', granularity: 'year' }],
			},
			400,
			/one attribute at a time/,
		],
		[
			'a day-by-day series',
			{ measures: [M], timeDimensions: [{ dimension: 'public_placements.departure_date', granularity: 'day' }] },
			400,
			/month, quarter, year/,
		],
		['a raw date column', { measures: [M], dimensions: ['public_placements.departure_date'] }, 400, /timeDimensions/],
		[
			'part of a month',
			{ measures: [M], timeDimensions: [{ dimension: 'public_placements.departure_date', dateRange: ['2024-01-05', '2024-01-31'] }] },
			400,
			/whole months/,
		],
		['a filter on a measure', { measures: [M], filters: [{ member: M, operator: 'lt', values: ['10'] }] }, 400, /dimensions only/],
		[
			'a filter that is not "equals"',
			{ measures: [M], filters: [{ member: 'public_placements.country', operator: 'notEquals', values: ['JP'] }] },
			400,
			/equals/,
		],
		[
			'or-groups',
			{ measures: [M], filters: [{ or: [{ member: 'public_placements.country', operator: 'equals', values: ['JP'] }] }] },
			400,
			/simple filters/,
		],
		['another time zone', { measures: [M], dimensions: ['public_placements.gender'], timezone: 'Asia/Jakarta' }, 400, /UTC/],
		['no measure', { dimensions: ['public_placements.country'] }, 400, /at least one measure/],
		['row-level results', { measures: [M], dimensions: ['public_placements.country'], ungrouped: true }, 403, /Ungrouped/],
		['two views at once', { measures: [M, 'public_demand.demand_slots'] }, 400, /one view at a time/],
	];
	for (const [name, query, status, message] of refusals) {
		it(`refuses ${name}`, async () => {
			const res = await ask(PUBLIC, 'load', query);
			expect(res.status).toBe(status);
			expect(res.body.error).toMatch(message);
		});
	}

	it('refuses a blended (multi) query', async () => {
		const res = await ask(PUBLIC, 'load', [{ measures: [M] }, { measures: [M] }]);
		expect(res.status).toBe(400);
	});
});
