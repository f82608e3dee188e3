/**
 * Per-capita rates, the Quick Win progress and year-end projection (the latest forecast run's), and data freshness through Cube equal the
 * definitions (docs/metrics.md) computed here from the facts, dim_provinces and dim_targets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
	AS_OF_SQL,
	cubeRow,
	cubeRows,
	d,
	dataReady,
	expectBreakdown,
	expectSame,
	K,
	pickSlices,
	type Slices,
	sqlRow,
	sqlRows,
	sqlValue,
} from './harness.ts';

const s: Slices = await pickSlices();

beforeAll(dataReady);

describe('per-capita rates', () => {
	const year = s.year;
	const yearRange: [string, string] = [`${year}-01-01`, `${year}-12-31`];

	it(`per province for ${year}: events per 100,000 working-age residents`, async () => {
		const actual = await cubeRows({
			measures: ['province_rates.placements_per_100k', 'province_rates.candidates_per_100k', 'province_rates.working_age_population'],
			dimensions: ['province_rates.province'],
			timeDimensions: [{ dimension: 'province_rates.month', dateRange: yearRange }],
		});
		const all = await sqlRows(`
			SELECT province_code, working_age_population AS wap,
				ifNull(placed, 0) / working_age_population * 100000 AS placements_rate,
				ifNull(registered, 0) / working_age_population * 100000 AS candidates_rate,
				greatest(ifNull(placed_people, 0), ifNull(registered, 0)) AS people
			FROM
			(
				SELECT * FROM dim_provinces
				ANY LEFT JOIN (SELECT province_code, count() AS placed, uniqExact(candidate_id) AS placed_people FROM fct_placements WHERE toYear(departure_date) = ${year} GROUP BY province_code) USING province_code
			)
			ANY LEFT JOIN (SELECT province_code, count() AS registered FROM fct_candidates WHERE toYear(registered_date) = ${year} GROUP BY province_code) USING province_code`);
		expect(all.length, 'all 38 provinces').toBe(38);
		// a province's row describes its departing workers and its registered candidates: at least
		// the larger group (the k rule, docs/access.md)
		const expected = all.filter((r) => Number(r.people) >= K);
		expectBreakdown(
			actual,
			expected,
			{ cube: (r) => String(r.province), sql: (r) => String(r.province_code) },
			{ placements_per_100k: 'placements_rate', candidates_per_100k: 'candidates_rate', working_age_population: 'wap' },
			'province',
		);
	});

	it(`nationally for ${year}: all provinces' events over all provinces' population`, async () => {
		const actual = await cubeRow({
			measures: ['province_rates.placements_per_100k', 'province_rates.placements', 'province_rates.working_age_population'],
			timeDimensions: [{ dimension: 'province_rates.month', dateRange: yearRange }],
		});
		const expected = await sqlRow(`
			SELECT (SELECT count() FROM fct_placements WHERE toYear(departure_date) = ${year}) AS placements,
				(SELECT sum(working_age_population) FROM dim_provinces) AS wap`);
		expectSame(actual.placements, expected.placements, 'placements');
		expectSame(actual.working_age_population, expected.wap, 'working_age_population');
		expectSame(actual.placements_per_100k, (Number(expected.placements) / Number(expected.wap)) * 100000, 'placements_per_100k');
	});

	it('for the as-of year so far: annualised over the days covered', async () => {
		const asOfYear = Number(s.asOf.slice(0, 4));
		const actual = await cubeRow({
			measures: ['province_rates.placements_per_100k'],
			timeDimensions: [{ dimension: 'province_rates.month', dateRange: [`${asOfYear}-01-01`, `${asOfYear}-12-31`] }],
		});
		const expected = await sqlRow(`
			SELECT
				(SELECT count() FROM fct_placements WHERE toYear(departure_date) = ${asOfYear}) AS placements,
				(SELECT sum(working_age_population) FROM dim_provinces) AS wap,
				toDayOfYear(${d(s.asOf)}) / toDayOfYear(toDate('${asOfYear}-12-31')) AS covered`);
		expectSame(
			actual.placements_per_100k,
			(Number(expected.placements) / (Number(expected.wap) * Number(expected.covered))) * 100000,
			'annualised rate',
		);
	});
});

describe('Quick Win', () => {
	let facts: {
		year: number;
		target: number;
		smkTarget: number;
		achieved: number;
		smkAchieved: number;
		shares: number[];
		monthly: number[];
		meanCumulative: number[];
		doy: number;
		daysInYear: number;
	};

	beforeAll(async () => {
		const year = Number(s.asOf.slice(0, 4));
		const targets = await sqlRow(`
			SELECT sumIf(value, scope = 'national') AS target, sumIf(value, scope = 'education' AND scope_code = 'smk') AS smk
			FROM dim_targets WHERE metric = 'medium_high_placements' AND year = ${year}`);
		const achieved = await sqlRow(`
			SELECT sum(medium_high_skill) AS all, sumIf(medium_high_skill, smk = 1) AS smk FROM fct_placements WHERE toYear(departure_date) = ${year}`);
		const doy = Number(await sqlValue(`SELECT toDayOfYear(${d(s.asOf)})`));
		const daysInYear = Number(await sqlValue(`SELECT toDayOfYear(toDate('${year}-12-31'))`));
		// normal years: complete (placements in all 12 months), before the as-of year, not 2020-2021
		const normal = await sqlRows(`
			SELECT toYear(departure_date) AS y, sumIf(medium_high_skill, toDayOfYear(departure_date) <= ${doy}) / sum(medium_high_skill) AS share
			FROM fct_placements
			WHERE toYear(departure_date) < ${year} AND toYear(departure_date) NOT IN (2020, 2021)
			GROUP BY y
			HAVING uniqExact(toMonth(departure_date)) = 12 AND sum(medium_high_skill) > 0`);
		const monthlyRows = await sqlRows(
			`SELECT toMonth(departure_date) AS m, sum(medium_high_skill) AS n FROM fct_placements WHERE toYear(departure_date) = ${year} GROUP BY m`,
		);
		const monthly = Array.from({ length: 12 }, (_, i) => Number(monthlyRows.find((r) => Number(r.m) === i + 1)?.n ?? 0));
		const cumulativeByYear = await sqlRows(`
			SELECT toYear(departure_date) AS y, toMonth(departure_date) AS m, sum(medium_high_skill) AS n
			FROM fct_placements
			WHERE toYear(departure_date) IN (${normal.map((r) => r.y).join(',') || '0'})
			GROUP BY y, m`);
		const meanCumulative = Array.from({ length: 12 }, (_, i) => {
			const perYear = normal.map((r) => {
				const rows = cumulativeByYear.filter((c) => c.y === r.y);
				const total = rows.reduce((t, c) => t + Number(c.n), 0);
				return rows.filter((c) => Number(c.m) <= i + 1).reduce((t, c) => t + Number(c.n), 0) / total;
			});
			return perYear.reduce((t, v) => t + v, 0) / perYear.length;
		});
		facts = {
			year,
			target: Number(targets.target),
			smkTarget: Number(targets.smk),
			achieved: Number(achieved.all),
			smkAchieved: Number(achieved.smk),
			shares: normal.map((r) => Number(r.share)),
			monthly,
			meanCumulative,
			doy,
			daysInYear,
		};
	});

	it('progress against the target of the as-of year', async () => {
		expect(facts.target, 'dim_targets has a Quick Win target for the as-of year').toBeGreaterThan(0);
		const actual = await cubeRow({
			measures: [
				'quick_win.target',
				'quick_win.achieved',
				'quick_win.progress',
				'quick_win.smk_target',
				'quick_win.smk_achieved',
				'quick_win.smk_progress',
			],
			filters: [{ member: 'quick_win.year', operator: 'equals', values: [String(facts.year)] }],
		});
		expectSame(actual.target, facts.target, 'target');
		expectSame(actual.achieved, facts.achieved, 'achieved');
		expectSame(actual.progress, facts.achieved / facts.target, 'progress');
		expectSame(actual.smk_target, facts.smkTarget, 'smk_target');
		expectSame(actual.smk_achieved, facts.smkAchieved, 'smk_achieved');
		expectSame(actual.smk_progress, facts.smkAchieved / facts.smkTarget, 'smk_progress');
	});

	// The year-end projection is the forecast method's (docs/forecasting.md): the latest forecast
	// run's stored forecast_year_end row of medium_high_placements, read here by SQL on the table; the
	// seasonal-shares projection it replaced is gone (issue #16).
	it("the year-end projection and its 80 % band are the latest forecast run's, and the paces", async () => {
		const stored = await latestYearEnd();
		expect(stored, 'a forecast run projects the as-of year').toBeTruthy();
		expect(Number(stored!.year)).toBe(facts.year);
		const actual = await cubeRow({
			measures: [
				'quick_win.forecast',
				'quick_win.forecast_low',
				'quick_win.forecast_high',
				'quick_win.pace_needed_per_month',
				'quick_win.pace_so_far_per_month',
				'quick_win.months_elapsed',
				'quick_win.months_remaining',
				'quick_win.normal_years',
				'quick_win.remaining',
				'quick_win.pace_needed_per_day',
				'quick_win.months_to_go',
				'quick_win.days_to_go',
			],
			dimensions: ['quick_win.forecast_method', 'quick_win.as_of'],
			filters: [{ member: 'quick_win.year', operator: 'equals', values: [String(facts.year)] }],
		});
		const elapsed = (facts.doy / facts.daysInYear) * 12;
		expect(actual.forecast_method).toBe('model');
		expect(String(actual.as_of).slice(0, 10)).toBe(s.asOf);
		expectSame(actual.normal_years, facts.shares.length, 'normal years (of the seasonal target path)');
		expectSame(stored!.achieved, facts.achieved, "the run's achieved = the facts'");
		expectSame(actual.forecast, stored!.point, 'forecast = stored point');
		expectSame(actual.forecast_low, stored!.lo80, 'forecast_low = stored lo80');
		expectSame(actual.forecast_high, stored!.hi80, 'forecast_high = stored hi80');
		expect(Number(actual.forecast)).toBeGreaterThanOrEqual(facts.achieved);
		expect(Number(actual.forecast_low)).toBeLessThanOrEqual(Number(actual.forecast));
		expect(Number(actual.forecast)).toBeLessThanOrEqual(Number(actual.forecast_high));
		expectSame(actual.months_elapsed, elapsed, 'months_elapsed');
		expectSame(actual.months_remaining, 12 - elapsed, 'months_remaining');
		// The pace needed spreads the gap over the months not yet complete, the running month counted
		// whole, and over the days left after the as-of date: pace x what is left = the gap, so it never
		// exceeds the gap (it once divided by the fractional months remaining: 395,557 a month in
		// December against a gap of 364,129).
		const gap = Math.max(facts.target - facts.achieved, 0);
		const asOfMonth = Number(s.asOf.slice(5, 7));
		const asOfDay = Number(s.asOf.slice(8, 10));
		const monthEnds = asOfDay === new Date(Date.UTC(facts.year, asOfMonth, 0)).getUTCDate();
		const monthsToGo = 12 - (monthEnds ? asOfMonth : asOfMonth - 1);
		const daysToGo = facts.daysInYear - facts.doy;
		expectSame(actual.remaining, gap, 'remaining');
		expectSame(actual.months_to_go, monthsToGo, 'months to go (the running month included)');
		expectSame(actual.days_to_go, daysToGo, 'days to go');
		expectSame(actual.pace_needed_per_month, gap / monthsToGo, 'pace needed per month');
		expectSame(actual.pace_needed_per_day, gap / daysToGo, 'pace needed per day');
		expect(Number(actual.pace_needed_per_month), 'the monthly pace is at most the gap').toBeLessThanOrEqual(gap);
		expectSame(actual.pace_so_far_per_month, facts.achieved / elapsed, 'pace so far');
	});

	it('the monthly trend against the paths to the target', async () => {
		const rows = await cubeRows({
			measures: ['quick_win.medium_high_in_month', 'quick_win.cumulative_achieved', 'quick_win.linear_path', 'quick_win.seasonal_path'],
			timeDimensions: [{ dimension: 'quick_win.month', granularity: 'month' }],
			filters: [{ member: 'quick_win.year', operator: 'equals', values: [String(facts.year)] }],
			order: { 'quick_win.month': 'asc' },
		});
		expect(rows.length).toBe(12);
		const asOfMonth = Number(s.asOf.slice(5, 7));
		let cumulative = 0;
		rows.forEach((row, i) => {
			cumulative += facts.monthly[i] as number;
			expectSame(row.medium_high_in_month, facts.monthly[i], `month ${i + 1}`);
			expectSame(row.cumulative_achieved, i + 1 <= asOfMonth ? cumulative : null, `cumulative ${i + 1}`);
			expectSame(row.linear_path, (facts.target * (i + 1)) / 12, `linear ${i + 1}`);
			expectSame(row.seasonal_path, facts.target * (facts.meanCumulative[i] as number), `seasonal ${i + 1}`);
		});
	});

	// The projected path ends at the year-end projection the tile shows: complete months are what was
	// achieved; from the running month on, the complete months' total + (projection - that total) x
	// the share of the rest of the year's stored monthly forecasts (forecasts, national
	// medium_high_placements) reached by the end of the month, never below what is achieved.
	it("the projected path: achieved in complete months, then the stored monthly forecasts' shape, the projection and its band in December", async () => {
		const stored = (await latestYearEnd())!;
		const points = await sqlRows(`
			SELECT toMonth(month) AS m, point FROM forecasts
			WHERE run_id = (SELECT argMax(run_id, build_ms) FROM forecast_runs) AND measure = 'medium_high_placements' AND level = 'national'
				AND toYear(month) = ${facts.year}`);
		const fc = Array.from({ length: 12 }, (_, i) => Number(points.find((r) => Number(r.m) === i + 1)?.point ?? 0));
		const rows = await cubeRows({
			measures: ['quick_win.projected_cumulative', 'quick_win.projected_low', 'quick_win.projected_high', 'quick_win.cumulative_achieved'],
			timeDimensions: [{ dimension: 'quick_win.month', granularity: 'month' }],
			filters: [{ member: 'quick_win.year', operator: 'equals', values: [String(facts.year)] }],
			order: { 'quick_win.month': 'asc' },
		});
		expect(rows.length).toBe(12);
		const asOfMonth = Number(s.asOf.slice(5, 7));
		const asOfDay = Number(s.asOf.slice(8, 10));
		const monthComplete = (m: number) =>
			m < asOfMonth || (m === asOfMonth && asOfDay === new Date(Date.UTC(facts.year, m, 0)).getUTCDate());
		expect(monthComplete(asOfMonth), 'the as-of month of the test data is still running').toBe(false);
		const completeMonths = asOfMonth - 1;
		const completeTotal = facts.monthly.slice(0, completeMonths).reduce((t, v) => t + v, 0);
		const rest = fc.slice(completeMonths).reduce((t, v) => t + v, 0);
		expect(rest, 'the run forecasts the rest of the year').toBeGreaterThan(0);
		let cumulative = 0;
		rows.forEach((row, i) => {
			const m = i + 1;
			cumulative += facts.monthly[i] as number;
			const share = fc.slice(completeMonths, m).reduce((t, v) => t + v, 0) / rest;
			const at = (end: number) => (m <= completeMonths ? cumulative : Math.max(cumulative, completeTotal + (end - completeTotal) * share));
			expectSame(row.projected_cumulative, at(Number(stored.point)), `projected ${m}`);
			expectSame(row.projected_low, at(Number(stored.lo80)), `projected low ${m}`);
			expectSame(row.projected_high, at(Number(stored.hi80)), `projected high ${m}`);
			expect(Number(row.projected_low)).toBeLessThanOrEqual(Number(row.projected_cumulative) + 1e-6);
			expect(Number(row.projected_high)).toBeGreaterThanOrEqual(Number(row.projected_cumulative) - 1e-6);
		});
		expectSame(rows[11]!.projected_cumulative, stored.point, 'December: the year-end projection');
		expectSame(rows[11]!.projected_low, stored.lo80, 'December: the 80 % low');
		expectSame(rows[11]!.projected_high, stored.hi80, 'December: the 80 % high');
	});

	// The public view answers the same national year-end as the officials' cube, and nothing of the
	// per-market forecasts (their cubes stay refused to the public).
	it('the public view shows the same year-end projection, band and paces', async () => {
		const stored = (await latestYearEnd())!;
		const [pub] = await cubeRows(
			{
				measures: [
					'public_quick_win.forecast',
					'public_quick_win.forecast_low',
					'public_quick_win.forecast_high',
					'public_quick_win.pace_needed_per_month',
					'public_quick_win.pace_needed_per_day',
				],
				filters: [{ member: 'public_quick_win.year', operator: 'equals', values: [String(facts.year)] }],
			},
			{ role: 'public' },
		);
		expect(pub, 'one public row').toBeTruthy();
		expectSame(pub!.forecast, stored.point, 'public forecast = stored point');
		expectSame(pub!.forecast_low, stored.lo80, 'public low = stored lo80');
		expectSame(pub!.forecast_high, stored.hi80, 'public high = stored hi80');
		const gap = Math.max(facts.target - facts.achieved, 0);
		expectSame(pub!.pace_needed_per_day, gap / (facts.daysInYear - facts.doy), 'public pace per day');
	});
});

/** The latest forecast run's Quick Win year-end row (SQL on forecast_year_end). */
async function latestYearEnd() {
	const rows = await sqlRows(`
		SELECT year, achieved, point, lo80, hi80 FROM forecast_year_end
		WHERE run_id = (SELECT argMax(run_id, build_ms) FROM forecast_runs) AND measure = 'medium_high_placements'`);
	return rows[0];
}

describe('data freshness', () => {
	it('last load time, batches and the as-of date come from ops_batches and the facts', async () => {
		const actual = await cubeRows({
			measures: ['data_freshness.committed_batches'],
			dimensions: ['data_freshness.last_loaded_at', 'data_freshness.data_as_of'],
		});
		const expected = await sqlRow(`
			SELECT toString(max(at)) AS at, uniqExact(batch_id) AS batches, toString(${AS_OF_SQL}) AS as_of
			FROM ops_batches WHERE state = 'committed'`);
		expect(actual.length).toBe(1);
		const row = actual[0]!;
		expect(Number(expected.batches), 'batches were loaded').toBeGreaterThan(0);
		expectSame(row.committed_batches, expected.batches, 'batches');
		expect(String(row.last_loaded_at).slice(0, 19).replace('T', ' ')).toBe(String(expected.at));
		expect(String(row.data_as_of).slice(0, 10)).toBe(String(expected.as_of));
	});
});
