/**
 * Stored forecasts (warehouse/src/forecast/, docs/forecasting.md) on the tiny data: the latest run
 * is reconciled (checked by SQL on the stored table, independently of the code that reconciled
 * it), its intervals are ordered, its series are the markets of the facts, its months follow the
 * as-of date, an unchanged data version is not recomputed, and Cube serves exactly the table.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { refreshForecasts } from '../../../warehouse/src/forecast/index.ts';
import { cubeRequest, tokenFor } from '../../support/cube-client.ts';
import { AS_OF_SQL, cube, cubeRows, dataReady, db, expectSame, num, sqlRow, sqlRows, sqlValue } from './harness.ts';

const LATEST = '(SELECT argMax(run_id, build_ms) FROM forecast_runs)';

beforeAll(async () => {
	await dataReady();
	await refreshForecasts(db);
});

describe('stored forecasts', () => {
	it('add up: sectors to their country and countries to the nation, every measure and month', async () => {
		const byCountry = await sqlRows(`
			SELECT measure, month, country_iso2, c.point AS country_point, s.parts AS parts
			FROM (SELECT measure, month, country_iso2, point FROM forecasts WHERE run_id = ${LATEST} AND level = 'country') AS c
			ANY LEFT JOIN (SELECT measure, month, country_iso2, sum(point) AS parts FROM forecasts WHERE run_id = ${LATEST} AND level = 'country_sector'
				GROUP BY measure, month, country_iso2) AS s USING measure, month, country_iso2`);
		const byNation = await sqlRows(`
			SELECT measure, month, n.point AS national, c.parts AS parts
			FROM (SELECT measure, month, point FROM forecasts WHERE run_id = ${LATEST} AND level = 'national' AND measure != 'medium_high_placements') AS n
			ANY LEFT JOIN (SELECT measure, month, sum(point) AS parts FROM forecasts WHERE run_id = ${LATEST} AND level = 'country'
				GROUP BY measure, month) AS c USING measure, month`);
		expect(byCountry.length).toBeGreaterThan(0);
		expect(byNation.length).toBe(3 * 12);
		for (const r of byCountry) expect(num(r.parts)!, `${r.measure} ${r.month} ${r.country_iso2}`).toBeCloseTo(num(r.country_point)!, 6);
		for (const r of byNation) expect(num(r.parts)!, `${r.measure} ${r.month}`).toBeCloseTo(num(r.national)!, 6);
	});

	it('has ordered, non-negative intervals', async () => {
		const bad = await sqlValue(`SELECT count() FROM forecasts WHERE run_id = ${LATEST}
			AND NOT (0 <= lo95 AND lo95 <= lo80 AND lo80 <= point + 1e-9 AND point <= hi80 + 1e-9 AND hi80 <= hi95)`);
		expect(Number(bad)).toBe(0);
		const yearEnd = await sqlValue(`SELECT count() FROM forecast_year_end WHERE run_id = ${LATEST}
			AND NOT (achieved <= lo95 AND lo95 <= lo80 AND lo80 <= point AND point <= hi80 AND hi80 <= hi95)`);
		expect(Number(yearEnd)).toBe(0);
	});

	it('forecasts every market of the facts, 12 months from the month after the last complete one', async () => {
		const pairs = await sqlRows(
			`SELECT DISTINCT country_iso2, sector FROM fct_placements WHERE departure_date <= ${AS_OF_SQL} ORDER BY country_iso2, sector`,
		);
		const stored = await sqlRows(
			`SELECT DISTINCT country_iso2, sector FROM forecasts WHERE run_id = ${LATEST} AND measure = 'placements' AND level = 'country_sector' ORDER BY country_iso2, sector`,
		);
		expect(stored).toEqual(pairs);
		const asOf = String(await sqlValue(`SELECT toString(${AS_OF_SQL})`));
		const months = await sqlRows(
			`SELECT toString(month) AS month, horizon, partial FROM forecasts WHERE run_id = ${LATEST} AND measure = 'placements' AND level = 'national' ORDER BY horizon`,
		);
		expect(months.map((m) => Number(m.horizon))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
		const endOfMonth = new Date(Date.UTC(Number(asOf.slice(0, 4)), Number(asOf.slice(5, 7)), 0)).toISOString().slice(0, 10);
		const first = new Date(Date.UTC(Number(asOf.slice(0, 4)), Number(asOf.slice(5, 7)) - (endOfMonth === asOf ? 0 : 1), 1));
		months.forEach((m, k) => {
			const expected = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + k, 1)).toISOString().slice(0, 10);
			expect(m.month).toBe(expected);
			expect(Number(m.partial)).toBe(expected === `${asOf.slice(0, 7)}-01` && endOfMonth !== asOf ? 1 : 0);
		});
	});

	it("year-end achieved is the year's placements up to the as-of date", async () => {
		const rows = await sqlRows(`SELECT measure, year, achieved FROM forecast_year_end WHERE run_id = ${LATEST} ORDER BY measure`);
		expect(rows.map((r) => r.measure)).toEqual(['medium_high_placements', 'placements']);
		const facts = await sqlRow(`SELECT count() AS placements, sum(medium_high_skill) AS medium_high_placements FROM fct_placements
			WHERE toYear(departure_date) = ${Number(rows[0]!.year)} AND departure_date <= ${AS_OF_SQL}`);
		for (const r of rows) expectSame(r.achieved, facts[String(r.measure)], `${r.measure} achieved`);
	});

	it('is not recomputed for an unchanged data version; a forced run becomes the one served', async () => {
		const before = String(await sqlValue(`SELECT ${LATEST}`));
		const again = await refreshForecasts(db);
		expect(again.computed).toBe(false);
		expect(again.runId).toBe(before);
		const forced = await refreshForecasts(db, () => {}, { force: true });
		expect(forced.computed).toBe(true);
		expect(forced.runId).not.toBe(before);
		expect(String(await sqlValue(`SELECT ${LATEST}`))).toBe(forced.runId);
	});
});

describe('forecasts through Cube', () => {
	it('equal the stored table, nationally and per country', async () => {
		const stored = await sqlRows(`SELECT toString(month) AS month, point, lo80, hi80, lo95, hi95 FROM forecasts
			WHERE run_id = ${LATEST} AND measure = 'placements' AND level = 'national' ORDER BY month`);
		const served = await cubeRows({
			measures: ['forecasts.point', 'forecasts.lo80', 'forecasts.hi80', 'forecasts.lo95', 'forecasts.hi95'],
			timeDimensions: [{ dimension: 'forecasts.month', granularity: 'month' }],
			filters: [
				{ member: 'forecasts.measure', operator: 'equals', values: ['placements'] },
				{ member: 'forecasts.level', operator: 'equals', values: ['national'] },
			],
			order: { 'forecasts.month': 'asc' },
		});
		expect(served.length).toBe(stored.length);
		served.forEach((r, k) => {
			expect(String(r['month.month']).slice(0, 10)).toBe(stored[k]!.month);
			for (const m of ['point', 'lo80', 'hi80', 'lo95', 'hi95']) expect(num(r[m])!, m).toBeCloseTo(num(stored[k]![m])!, 6);
		});

		const country = String(
			await sqlValue(`SELECT country_iso2 FROM forecasts WHERE run_id = ${LATEST} AND level = 'country' ORDER BY point DESC LIMIT 1`),
		);
		const storedCountry =
			await sqlRows(`SELECT measure, sum(point) AS point FROM forecasts WHERE run_id = ${LATEST} AND level = 'country_sector'
			AND country_iso2 = '${country}' GROUP BY measure ORDER BY measure`);
		const servedCountry = await cubeRows({
			measures: ['forecasts.point'],
			dimensions: ['forecasts.measure'],
			filters: [
				{ member: 'forecasts.level', operator: 'equals', values: ['country_sector'] },
				{ member: 'forecasts.country', operator: 'equals', values: [country] },
			],
			order: { 'forecasts.measure': 'asc' },
		});
		expect(servedCountry.map((r) => r.measure)).toEqual(storedCountry.map((r) => r.measure));
		servedCountry.forEach((r, k) => {
			expect(num(r.point)!).toBeCloseTo(num(storedCountry[k]!.point)!, 6);
		});
	});

	it('serves the Quick Win year-end projection as stored, with the target', async () => {
		const stored = await sqlRow(`SELECT year, achieved, point, lo80, hi80, lo95, hi95 FROM forecast_year_end
			WHERE run_id = ${LATEST} AND measure = 'medium_high_placements'`);
		const [served] = await cubeRows({
			measures: [
				'forecast_year_end.achieved',
				'forecast_year_end.projection',
				'forecast_year_end.projection_lo80',
				'forecast_year_end.projection_hi80',
				'forecast_year_end.projection_lo95',
				'forecast_year_end.projection_hi95',
				'forecast_year_end.target',
			],
			dimensions: ['forecast_year_end.year'],
			filters: [{ member: 'forecast_year_end.measure', operator: 'equals', values: ['medium_high_placements'] }],
		});
		expect(Number(served!.year)).toBe(Number(stored.year));
		expect(num(served!.achieved)!).toBeCloseTo(num(stored.achieved)!, 6);
		expect(num(served!.projection)!).toBeCloseTo(num(stored.point)!, 6);
		expect(num(served!.projection_lo80)!).toBeCloseTo(num(stored.lo80)!, 6);
		expect(num(served!.projection_hi95)!).toBeCloseTo(num(stored.hi95)!, 6);
		const target = await sqlValue(
			`SELECT sum(value) FROM dim_targets WHERE metric = 'medium_high_placements' AND scope = 'national' AND year = ${Number(stored.year)}`,
		);
		expectSame(served!.target, target, 'target');
	});

	it('is not available to the public', async () => {
		const { status } = await cubeRequest(cube, 'load', await tokenFor(cube, { role: 'public' }), { measures: ['forecasts.point'] });
		expect(status).toBe(403);
	});
});
