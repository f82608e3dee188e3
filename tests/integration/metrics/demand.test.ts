/**
 * Demand through Cube equals the definitions computed on the facts (docs/metrics.md): demand
 * slots, application rate and fill rate on the lines issued in a period, open slots at the end of
 * a period, and the days it takes to fill a line.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cubeRequest, tokenFor } from '../../support/cube-client.ts';
import {
	AS_OF_SQL,
	cube,
	cubeRow,
	cubeRows,
	d,
	dataReady,
	expectBreakdown,
	expectRow,
	expectSame,
	K,
	pickSlices,
	type Slices,
	sqlRow,
	sqlRows,
	standardSlices,
} from './harness.ts';

const s: Slices = await pickSlices();

beforeAll(dataReady);

/** The median of the column `days` (SQL, from the sorted values): the middle one, or the mean of the two middle ones. */
const TRUE_MEDIAN = '(arraySort(groupArray(days))[intDiv(count() + 1, 2)] + arraySort(groupArray(days))[intDiv(count(), 2) + 1]) / 2';

/** The last day of the month that starts on `first` (YYYY-MM-01). */
function lastDay(first: string): string {
	const [y, m] = first.split('-').map(Number) as [number, number];
	return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Lines of a slice with their applications and placements to date, and whether open at the as-of date. */
function linesSql(where: string): string {
	return `
		SELECT
			count() AS lines,
			sum(slots) AS demand_slots,
			sum(apps) AS applications,
			sum(apps) / sum(slots) AS application_rate,
			sum(placed) AS placements,
			sum(placed) / sum(slots) AS fill_rate,
			sum(if(issued_date <= as_of AND as_of <= expiry_date AND (status = 'open' OR as_of < ifNull(status_date, toDate(updated_at))) AND placed < slots,
				slots - placed, 0)) AS open_slots_now,
			sum((wage_min_usd + wage_max_usd) / 2 * slots) / sum(slots) AS avg_wage_usd
		FROM
		(
			SELECT *
			FROM
			(
				SELECT line_id, slots, wage_min_usd, wage_max_usd, issued_date, expiry_date, status, status_date, updated_at, ${AS_OF_SQL} AS as_of
				FROM fct_job_order_lines
				WHERE ${where}
			)
			ANY LEFT JOIN (SELECT line_id, count() AS apps FROM fct_applications GROUP BY line_id) USING line_id
		)
		ANY LEFT JOIN (SELECT line_id, count() AS placed FROM fct_placements GROUP BY line_id) USING line_id`;
}

/** Open slots and lines at day `t`, straight from the lines and the departures up to that day. */
function openAtSql(t: string, where = '1'): string {
	return `
		SELECT sum(greatest(toInt64(slots) - toInt64(departed), 0)) AS open_slots, countIf(departed < slots) AS open_lines
		FROM
		(
			SELECT line_id, slots
			FROM fct_job_order_lines
			WHERE issued_date <= ${t} AND ${t} <= expiry_date AND (status = 'open' OR ${t} < ifNull(status_date, toDate(updated_at))) AND ${where}
		)
		ANY LEFT JOIN (SELECT line_id, count() AS departed FROM fct_placements WHERE departure_date <= ${t} GROUP BY line_id) USING line_id`;
}

/** Open slots at date t, and the part of them on lines with at least one application on or before t (by country). */
function openAppliedAtSql(t: string): string {
	return `
		SELECT country_iso2, sum(open) AS open_slots, sumIf(open, applied_by_t > 0) AS open_slots_applied,
			sumIf(open, applied_by_t > 0) / sum(open) AS applied_share
		FROM
		(
			SELECT line_id, country_iso2, greatest(toInt64(slots) - toInt64(departed), 0) AS open
			FROM
			(
				SELECT line_id, country_iso2, slots
				FROM fct_job_order_lines
				WHERE issued_date <= ${t} AND ${t} <= expiry_date AND (status = 'open' OR ${t} < ifNull(status_date, toDate(updated_at)))
			)
			ANY LEFT JOIN (SELECT line_id, count() AS departed FROM fct_placements WHERE departure_date <= ${t} GROUP BY line_id) USING line_id
		)
		ANY LEFT JOIN (SELECT line_id, count() AS applied_by_t FROM fct_applications WHERE applied_date <= ${t} GROUP BY line_id) USING line_id
		GROUP BY country_iso2`;
}

describe('job orders: demand, application rate, fill rate', () => {
	const measures = [
		'lines',
		'demand_slots',
		'applications',
		'application_rate',
		'placements',
		'fill_rate',
		'open_slots_now',
		'avg_wage_usd',
	];
	for (const slice of standardSlices(s, { province: false })) {
		it(`on the lines issued in the slice, as the facts say: ${slice.name}`, async () => {
			const actual = await cubeRow({
				measures: measures.map((m) => `job_orders.${m}`),
				...slice.cube('job_orders.issued_date', 'job_orders'),
			});
			const expected = await sqlRow(linesSql(slice.where('issued_date')));
			expect(Number(expected.lines), `${slice.name} has lines`).toBeGreaterThan(0);
			expectRow(actual, expected, slice.name);
		});
	}

	it('by sector, as the facts say', async () => {
		const actual = await cubeRows({ measures: ['job_orders.demand_slots', 'job_orders.fill_rate'], dimensions: ['job_orders.sector'] });
		const expected = await sqlRows(`
			SELECT sector, sum(slots) AS demand, sum(placed) / sum(slots) AS fill
			FROM fct_job_order_lines ANY LEFT JOIN (SELECT line_id, count() AS placed FROM fct_placements GROUP BY line_id) USING line_id
			GROUP BY sector`);
		expectBreakdown(
			actual,
			expected,
			{ cube: (r) => String(r.sector), sql: (r) => String(r.sector) },
			{ demand_slots: 'demand', fill_rate: 'fill' },
			'sector',
		);
	});
});

describe('joins to the name cubes never fan out', () => {
	it('demand and fill rate by country name equal demand and fill rate by country code', async () => {
		const byCode = await cubeRows({ measures: ['job_orders.demand_slots', 'job_orders.fill_rate'], dimensions: ['job_orders.country'] });
		const byName = await cubeRows({
			measures: ['job_orders.demand_slots', 'job_orders.fill_rate'],
			dimensions: ['job_orders.country', 'countries.name_en', 'countries.name_id'],
		});
		expect(byName.length).toBe(byCode.length);
		for (const row of byName) {
			const code = byCode.find((r) => r.country === row.country);
			expect(row.name_en, `${row.country} has an English name`).toBeTruthy();
			expectSame(row.demand_slots, code?.demand_slots, `${row.country} demand`);
			expectSame(row.fill_rate, code?.fill_rate, `${row.country} fill rate`);
		}
	});
});

describe('open slots (a stock)', () => {
	it('with no date range: the stock at the as-of date, equal to job_orders.open_slots_now', async () => {
		const actual = await cubeRow({ measures: ['open_slots.open_slots', 'open_slots.open_lines'] });
		const expected = await sqlRow(openAtSql(d(s.asOf)));
		expect(Number(expected.open_slots), 'slots are open at the as-of date').toBeGreaterThan(0);
		expectRow(actual, expected, 'now');
		const lines = await cubeRow({ measures: ['job_orders.open_slots_now', 'job_orders.open_lines_now'] });
		expectSame(lines.open_slots_now, expected.open_slots, 'job_orders.open_slots_now');
		expectSame(lines.open_lines_now, expected.open_lines, 'job_orders.open_lines_now');
	});

	it(`for a country now: ${s.country}`, async () => {
		const actual = await cubeRow({
			measures: ['open_slots.open_slots'],
			filters: [{ member: 'open_slots.country', operator: 'equals', values: [s.country] }],
		});
		expectSame(actual.open_slots, (await sqlRow(openAtSql(d(s.asOf), `country_iso2 = '${s.country}'`))).open_slots, s.country);
	});

	it(`over a multi-month range without granularity: the stock at the range's last month end (${s.range[1]})`, async () => {
		const actual = await cubeRow({
			measures: ['open_slots.open_slots'],
			timeDimensions: [{ dimension: 'open_slots.as_of', dateRange: s.range }],
		});
		const atEnd = await sqlRow(openAtSql(d(s.range[1])));
		expectSame(actual.open_slots, atEnd.open_slots, 'end of range');
		const months = await sqlRows(
			`SELECT toString(addDays(addMonths(toStartOfMonth(${d(s.range[0])}), number + 1), -1)) AS t FROM system.numbers LIMIT 3`,
		);
		let sumOverMonths = 0;
		for (const m of months) sumOverMonths += Number((await sqlRow(openAtSql(d(String(m.t))))).open_slots);
		expect(Number(actual.open_slots), 'not the sum of the month ends').not.toBe(sumOverMonths);
	});

	// The ministry's "applied" figure: a share of the vacancies open at a date (at most 100 %), not
	// applications per slot issued (job_orders.application_rate, which reaches 500 %).
	it('applied share: open slots on lines with at least one application by the period end / open slots', async () => {
		const [from, to] = s.range;
		const end = lastDay(`${to.slice(0, 7)}-01`);
		const actual = await cubeRows({
			measures: ['open_slots.open_slots', 'open_slots.open_slots_applied', 'open_slots.applied_share'],
			dimensions: ['open_slots.country'],
			timeDimensions: [{ dimension: 'open_slots.as_of', dateRange: [from, end] }],
		});
		const t = `least(${d(end)}, ${d(s.asOf)})`;
		const expected = (await sqlRows(openAppliedAtSql(t))).filter((r) => Number(r.open_slots) > 0);
		expect(
			expected.some((r) => Number(r.applied_share) > 0 && Number(r.applied_share) < 1),
			'some market has open slots both applied for and not',
		).toBe(true);
		expectBreakdown(
			actual.filter((r) => Number(r.open_slots) > 0),
			expected,
			{ cube: (r) => String(r.country), sql: (r) => String(r.country_iso2) },
			{ open_slots: 'open_slots', open_slots_applied: 'open_slots_applied', applied_share: 'applied_share' },
			'country',
		);
		const total = await cubeRow({
			measures: ['open_slots.applied_share'],
			timeDimensions: [{ dimension: 'open_slots.as_of', dateRange: [from, end] }],
		});
		const all = expected.reduce((a, r) => [a[0]! + Number(r.open_slots_applied), a[1]! + Number(r.open_slots)], [0, 0]);
		expectSame(total.applied_share, all[0]! / all[1]!, 'national applied share');
		expect(Number(total.applied_share)).toBeLessThanOrEqual(1);
	});

	it('by month: one month-end stock per month', async () => {
		const actual = await cubeRows({
			measures: ['open_slots.open_slots', 'open_slots.open_lines'],
			timeDimensions: [{ dimension: 'open_slots.as_of', dateRange: s.range, granularity: 'month' }],
		});
		expect(actual.length).toBe(3);
		for (const row of actual) {
			const month = String(row['as_of.month']).slice(0, 10);
			const t = `addDays(addMonths(${d(month)}, 1), -1)`;
			expectRow(row, await sqlRow(openAtSql(t)), `month end of ${month}`);
		}
	});

	it('by quarter: the stock at the last month end of each quarter (or the as-of date)', async () => {
		const from = `${s.year}-01-01`;
		const actual = await cubeRows({
			measures: ['open_slots.open_slots'],
			timeDimensions: [{ dimension: 'open_slots.as_of', dateRange: [from, lastDay(`${s.asOf.slice(0, 7)}-01`)], granularity: 'quarter' }],
		});
		expect(actual.length).toBeGreaterThanOrEqual(4);
		for (const row of actual) {
			const quarter = String(row['as_of.quarter']).slice(0, 10);
			const t = `least(addDays(addMonths(${d(quarter)}, 3), -1), ${d(s.asOf)})`;
			expectSame(row.open_slots, (await sqlRow(openAtSql(t))).open_slots, `quarter ${quarter}`);
		}
	});

	it('by country now, including markets whose lines have all closed (they read 0, not an old value)', async () => {
		const actual = await cubeRows({ measures: ['open_slots.open_slots'], dimensions: ['open_slots.country'] });
		const expected = await sqlRows(`
			SELECT country_iso2, toInt64(ifNull(open_slots, 0)) AS open_slots
			FROM (SELECT DISTINCT country_iso2 FROM fct_job_order_lines)
			ANY LEFT JOIN (SELECT country_iso2, sum(greatest(toInt64(slots) - toInt64(departed), 0)) AS open_slots
				FROM (SELECT line_id, country_iso2, slots FROM fct_job_order_lines
					WHERE issued_date <= ${d(s.asOf)} AND ${d(s.asOf)} <= expiry_date AND (status = 'open' OR ${d(s.asOf)} < ifNull(status_date, toDate(updated_at))))
				ANY LEFT JOIN (SELECT line_id, count() AS departed FROM fct_placements GROUP BY line_id) USING line_id
				GROUP BY country_iso2) USING country_iso2`);
		expect(
			expected.some((r) => Number(r.open_slots) === 0),
			'some market has nothing open now',
		).toBe(true);
		expectBreakdown(
			actual,
			expected,
			{ cube: (r) => String(r.country), sql: (r) => String(r.country_iso2) },
			{ open_slots: 'open_slots' },
			'country',
		);
	});
});

describe('days to fill', () => {
	for (const slice of standardSlices(s)) {
		it(`median and quartiles as the facts say: ${slice.name}`, async () => {
			const actual = await cubeRow({
				measures: [
					'fill_time.median_days_to_fill',
					'fill_time.p25_days_to_fill',
					'fill_time.p75_days_to_fill',
					'fill_time.mean_days_to_fill',
					'fill_time.placements',
				],
				...slice.cube('fill_time.departure_month', 'fill_time'),
			});
			const facts = await sqlRow(`
				SELECT
					count() AS n, avg(days) AS mean,
					quantileExact(0.5)(days) AS e50, quantileExact(0.25)(days) AS e25, quantileExact(0.75)(days) AS e75,
					quantileTiming(0.25)(days) AS t25, quantileTiming(0.75)(days) AS t75,
					${TRUE_MEDIAN} AS median
				FROM (SELECT toUInt32(departure_date - line_issued_date) AS days, * FROM fct_placements WHERE ${slice.where('departure_date')})`);
			expect(Number(facts.n), `${slice.name} has placements`).toBeGreaterThan(0);
			// The definition is quantileTiming's (docs/metrics.md); up to 5,670 placements it is the exact median.
			if (Number(facts.n) <= 5670) {
				expect([facts.t25, facts.t75], 'quantileTiming is exact at this size').toEqual([facts.e25, facts.e75]);
			}
			expectSame(actual.median_days_to_fill, facts.median, 'median');
			expectSame(actual.p25_days_to_fill, facts.t25, 'p25');
			expectSame(actual.p75_days_to_fill, facts.t75, 'p75');
			expectSame(actual.mean_days_to_fill, facts.mean, 'mean');
			expectSame(actual.placements, facts.n, 'placements');
		});
	}

	it('by occupation, each median as the facts say', async () => {
		const actual = await cubeRows({ measures: ['fill_time.median_days_to_fill'], dimensions: ['fill_time.occupation'] });
		const expected = await sqlRows(`
			SELECT occupation_isco4, count() AS n, ${TRUE_MEDIAN} AS median
			FROM (SELECT toUInt32(departure_date - line_issued_date) AS days, * FROM fct_placements)
			GROUP BY occupation_isco4 HAVING uniqExact(candidate_id) >= ${K}`);
		expectBreakdown(
			actual,
			expected,
			{ cube: (r) => String(r.occupation), sql: (r) => String(r.occupation_isco4) },
			{ median_days_to_fill: 'median' },
			'occupation',
		);
	});

	// Hand-picked cells (country x departure month) of at least k people: an even count whose two
	// middle values differ (quantileTiming, the old definition, returned the upper one) and an odd count.
	for (const parity of ['even', 'odd'] as const) {
		it(`a cell with an ${parity} count: the median is ${parity === 'even' ? 'the mean of the two middle values' : 'the middle value'}`, async () => {
			const cell = await sqlRow(`
				SELECT country_iso2, toString(toStartOfMonth(departure_date)) AS month, count() AS n, ${TRUE_MEDIAN} AS median,
					arraySort(groupArray(days)) AS sorted, toString(sorted) AS sorted_text
				FROM (SELECT toUInt32(departure_date - line_issued_date) AS days, * FROM fct_placements)
				GROUP BY country_iso2, month
				HAVING uniqExact(candidate_id) >= ${K} AND n % 2 = ${parity === 'even' ? 0 : 1}
					${parity === 'even' ? 'AND sorted[intDiv(n, 2)] != sorted[intDiv(n, 2) + 1]' : ''}
				ORDER BY n, country_iso2, month LIMIT 1`);
			const sorted = (JSON.parse(String(cell.sorted_text)) as number[]).map(Number);
			const n = sorted.length;
			// the definition, by hand: the middle of the sorted list
			const byHand = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
			expect(Number(cell.median), `SQL median of ${sorted.join(', ')}`).toBe(byHand);
			const month = String(cell.month);
			const actual = await cubeRow({
				measures: ['fill_time.median_days_to_fill', 'fill_time.placements'],
				timeDimensions: [{ dimension: 'fill_time.departure_month', dateRange: [month, lastDay(month)] }],
				filters: [{ member: 'fill_time.country', operator: 'equals', values: [String(cell.country_iso2)] }],
			});
			expectSame(actual.placements, n, `${cell.country_iso2} ${month} placements`);
			expectSame(actual.median_days_to_fill, byHand, `${cell.country_iso2} ${month} median of ${sorted.join(', ')}`);
		});
	}
});

// Monthly data (open slots at month ends, days to fill by departure month, province rates and the
// Quick Win path by month) cannot answer a period that cuts a month: 1-15 June once read 0 open
// slots, 10 March-20 April counted April only. Such a period is refused, naming the field.
describe('periods that cut a month, on monthly data', () => {
	const cuts: [string, string][] = [
		['open_slots.open_slots', 'open_slots.as_of'],
		['fill_time.median_days_to_fill', 'fill_time.departure_month'],
		['province_rates.placements', 'province_rates.month'],
		['quick_win.projected_cumulative', 'quick_win.month'],
	];
	for (const [measure, dimension] of cuts) {
		for (const range of [
			['2025-06-01', '2025-06-15'],
			['2025-03-10', '2025-04-20'],
			['2025-03-01', '2025-04-20'],
		] as [string, string][]) {
			it(`${dimension} over ${range.join('..')}: refused with 400 naming the field`, async () => {
				for (const role of ['minister', 'regional'] as const) {
					const claims = role === 'regional' ? { role, province: s.province } : { role };
					const { status, body } = await cubeRequest(cube, 'load', await tokenFor(cube, claims), {
						measures: [measure],
						timeDimensions: [{ dimension, dateRange: range }],
					});
					expect(status, `${role}: ${JSON.stringify(body).slice(0, 300)}`).toBe(400);
					expect(String(body.error)).toContain('timeDimensions[0].dateRange');
					expect(String(body.error)).toContain(`${dimension} is monthly data`);
				}
			});
		}
		it(`${dimension}: a filter that cuts a month is refused too; whole months are answered`, async () => {
			const token = await tokenFor(cube, { role: 'minister' });
			const cut = await cubeRequest(cube, 'load', token, {
				measures: [measure],
				filters: [{ member: dimension, operator: 'inDateRange', values: ['2025-06-01', '2025-06-15'] }],
			});
			expect(cut.status).toBe(400);
			expect(String(cut.body.error)).toContain(`${dimension} is monthly data`);
			const whole = await cubeRequest(cube, 'load', token, {
				measures: [measure],
				timeDimensions: [{ dimension, dateRange: ['2025-03-01', '2025-04-30'] }],
			});
			expect(whole.status, JSON.stringify(whole.body).slice(0, 300)).toBe(200);
		});
	}
});

// What /meta says a member is must be what it computes (the audit found four that did not).
describe('descriptions in /meta match the computation', () => {
	it('application rate, the applied share, open slots, medium-high placements, the competency gap', async () => {
		const { body } = await cubeRequest(cube, 'meta', await tokenFor(cube, { role: 'minister' }));
		type Described = { name: string; description?: string; meta?: { description_id?: string } };
		const members = new Map<string, Described>();
		for (const c of body.cubes as { measures: Described[]; dimensions: Described[] }[])
			for (const m of [...c.measures, ...c.dimensions]) members.set(m.name, m);
		const text = (name: string) => `${members.get(name)?.description ?? ''} | ${members.get(name)?.meta?.description_id ?? ''}`;
		// applications per slot issued can exceed 100 %: it is not the ministry's share of open vacancies
		expect(text('job_orders.application_rate')).toMatch(/Not the ministry's "19\.46 % applied"/);
		expect(text('open_slots.applied_share')).toMatch(/open slots applied for \/ open slots, at the end of the period/);
		expect(text('open_slots.open_slots')).toMatch(/last month end inside the date range/);
		expect(text('placements.medium_high_placements')).toMatch(/any certification passed/);
		expect(text('placements.medium_high_placements')).not.toMatch(/recognised/);
		for (const m of ['competency_gap.gap', 'competency_gap.qualified_supply'])
			expect(text(m), m).toMatch(/occupation x destination x sector[^|]*\|.*sektor/);
	});
});
