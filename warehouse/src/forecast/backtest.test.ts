import { describe, expect, it } from 'vitest';
import { backtestMeasure, backtestYearEnd, maseScale, smape } from './backtest.ts';
import type { Actual } from './hierarchy.ts';
import { monthIndex, seededRandom } from './model.ts';

describe('scores', () => {
	it('MASE scale is the mean absolute seasonal difference; sMAPE is symmetric and 0 for 0/0', () => {
		const values = Array.from({ length: 24 }, (_, i) => (i < 12 ? 10 : 13));
		expect(maseScale(values)).toBe(3);
		expect(maseScale(values.slice(0, 12))).toBe(0);
		expect(smape(0, 0)).toBe(0);
		expect(smape(50, 150)).toBeCloseTo(100, 9);
		expect(smape(150, 50)).toBeCloseTo(100, 9);
	});
});

function market(seed: number, end: number): Actual[] {
	const random = seededRandom(seed);
	const out: Actual[] = [];
	for (const [country, size] of [
		['MY', 800],
		['HK', 300],
	] as const)
		for (const sector of ['A', 'B'])
			for (let m = monthIndex(2019, 1); m <= end; m++)
				out.push({
					country,
					sector,
					month: m,
					value: Math.round(size * (1 + 0.4 * Math.sin((2 * Math.PI * m) / 12)) * (0.9 + 0.2 * random())),
				});
	return out;
}

describe('rolling-origin back-test', () => {
	it('only uses data up to each origin: changing later months beyond the scored window changes nothing', () => {
		const end = monthIndex(2026, 10);
		const origins = [monthIndex(2024, 1), monthIndex(2024, 6)];
		const a = market(1, end);
		const b = a.map((x) => (x.month > monthIndex(2024, 12) ? { ...x, value: x.value * 5 } : x));
		const ra = backtestMeasure('x', a, monthIndex(2019, 1), end, origins, 6);
		const rb = backtestMeasure('x', b, monthIndex(2019, 1), end, origins, 6);
		expect(rb.levels).toEqual(ra.levels);
		expect(ra.origins).toEqual(['2024-01', '2024-06']);
		expect(ra.levels.map((l) => l.series)).toEqual([1, 2, 4]);
		expect(ra.levels[0]!.cases).toBe(12);
	});

	it('scores each origin period on its own origins only: the same as a back-test of those origins', () => {
		const end = monthIndex(2026, 10);
		const origins = [monthIndex(2023, 3), monthIndex(2024, 1), monthIndex(2025, 2), monthIndex(2025, 8)];
		const a = market(5, end);
		const periods = [
			{ name: 'selection', from: monthIndex(2023, 1), to: monthIndex(2024, 6) },
			{ name: 'held out', from: monthIndex(2025, 1), to: monthIndex(2100, 1) },
		];
		const r = backtestMeasure('x', a, monthIndex(2019, 1), end, origins, 6, [], {}, periods);
		expect(r.periods.map((p) => [p.name, p.origins])).toEqual([
			['selection', ['2023-03', '2024-01']],
			['held out', ['2025-02', '2025-08']],
		]);
		const selection = backtestMeasure('x', a, monthIndex(2019, 1), end, origins.slice(0, 2), 6, []);
		const held = backtestMeasure('x', a, monthIndex(2019, 1), end, origins.slice(2), 6, []);
		expect(r.periods[0]!.levels).toEqual(selection.levels);
		expect(r.periods[1]!.levels).toEqual(held.levels);
		expect(r.periods[1]!.coverage80ByHorizon).toEqual(held.coverage80ByHorizon);
		expect(r.levels[0]!.cases).toBe(selection.levels[0]!.cases + held.levels[0]!.cases);
	});

	it('beats the seasonal naive on noisy seasonal markets, with sensible coverage', () => {
		const end = monthIndex(2026, 10);
		const origins = Array.from({ length: 12 }, (_, k) => monthIndex(2024, 1) + 2 * k);
		const r = backtestMeasure('x', market(3, end), monthIndex(2019, 1), end, origins, 6, []);
		for (const l of r.levels) expect(l.improvement).toBeGreaterThan(0);
		expect(r.levels[2]!.coverage80).toBeGreaterThan(0.6);
	});
});

describe('year-end back-test', () => {
	it('the old shares method is exact when every year has the same seasonal shape, and skips December origins', () => {
		const start = monthIndex(2019, 1);
		const values = Array.from({ length: 96 }, (_, i) =>
			Math.round(100 * (1 + Math.floor(i / 12) * 0.1) * (1 + 0.5 * Math.sin((2 * Math.PI * i) / 12 + 1))),
		);
		const series = { start, values };
		const cases = backtestYearEnd(series, [monthIndex(2024, 6), monthIndex(2024, 12)], []);
		expect(cases.length).toBe(1);
		const c = cases[0]!;
		const actual = values.slice(60, 72).reduce((a, b) => a + b, 0);
		expect(c.actual).toBe(actual);
		expect(c.achieved).toBe(values.slice(60, 66).reduce((a, b) => a + b, 0));
		expect(Math.abs(c.shares!.point - actual) / actual).toBeLessThan(0.01);
	});
});
