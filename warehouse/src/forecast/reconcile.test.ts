import { describe, expect, it } from 'vitest';
import { type Actual, buildHierarchy, forecastHierarchy, keyOf } from './hierarchy.ts';
import { type Interval, monthIndex, seededRandom } from './model.ts';
import { reconcileStep } from './reconcile.ts';

const interval = (point: number, spread: number): Interval => ({
	point,
	lo80: point * (1 - spread * 0.65),
	hi80: point * (1 + spread * 0.65),
	lo95: point * (1 - spread),
	hi95: point * (1 + spread),
});

describe('reconcileStep', () => {
	it('makes the parts add up to the total, moving the uncertain ones most', () => {
		const r = reconcileStep(interval(100, 0.1), [interval(50, 0.1), interval(30, 0.8)]);
		const sum = r.parts.reduce((s, p) => s + p.point, 0);
		expect(sum).toBeCloseTo(r.total.point, 9);
		expect(r.parts[1]!.point - 30).toBeGreaterThan(r.parts[0]!.point - 50);
		expect(r.total.point).toBeLessThan(100);
		expect(r.total.point).toBeGreaterThan(80);
	});

	it('keeps a fixed total and never pushes a part below zero', () => {
		const r = reconcileStep(interval(10, 0.2), [interval(1, 2), interval(40, 0.5), interval(5, 0.1)], true);
		expect(r.total.point).toBe(10);
		for (const p of r.parts) expect(p.point).toBeGreaterThanOrEqual(0);
		expect(r.parts.reduce((s, p) => s + p.point, 0)).toBeCloseTo(10, 9);
	});

	it("keeps a small part's own interval when reconciliation lifts its point: its lower bound does not rise above zeros it allowed", () => {
		// the total's median is above the sum of the parts' medians; the uncertain small part takes
		// much of the difference
		const small: Interval = { point: 2, lo80: 0.5, hi80: 6, lo95: 0.1, hi95: 10 };
		const r = reconcileStep(interval(200, 0.1), [interval(150, 0.1), small]);
		const part = r.parts[1]!;
		expect(part.point).toBeGreaterThan(small.point * 1.5);
		expect(part.lo80).toBeLessThanOrEqual(small.lo80);
		expect(part.lo95).toBeLessThanOrEqual(small.lo95);
		// the upper bounds move up with the point
		expect(part.hi80).toBeGreaterThanOrEqual(small.hi80 * (part.point / small.point) - 1e-9);
		expect(part.lo80).toBeLessThanOrEqual(part.point);
		expect(part.point).toBeLessThanOrEqual(part.hi80);
	});

	it('moves interval bounds with their point, keeping them ordered', () => {
		const r = reconcileStep(interval(200, 0.2), [interval(50, 0.3), interval(60, 0.3)]);
		for (const p of [r.total, ...r.parts]) {
			expect(p.lo95).toBeLessThanOrEqual(p.lo80);
			expect(p.lo80).toBeLessThanOrEqual(p.point);
			expect(p.hi80).toBeLessThanOrEqual(p.hi95);
		}
	});
});

describe('forecastHierarchy', () => {
	it('forecasts every node so sectors add up to countries and countries to the nation, every month', () => {
		const random = seededRandom(7);
		const actuals: Actual[] = [];
		const start = monthIndex(2019, 1);
		const end = monthIndex(2026, 10);
		for (const [country, scale] of [
			['MY', 900],
			['HK', 500],
			['TW', 40],
		] as const)
			for (const sector of ['A', 'B', 'C'])
				for (let m = start; m <= end; m++)
					if (random() > 0.1) actuals.push({ country, sector, month: m, value: Math.round(scale * random() * (1 + 0.3 * Math.sin(m))) });
		const h = buildHierarchy(actuals, start, end);
		const out = forecastHierarchy(h, 12);
		expect(out.length).toBe(1 + 3 + 9);
		const by = new Map(out.map((f) => [keyOf(f.key), f]));
		for (let k = 0; k < 12; k++) {
			const national = by.get('national||')!.steps[k]!.point;
			const countries = out.filter((f) => f.key.level === 'country');
			expect(countries.reduce((s, f) => s + f.steps[k]!.point, 0)).toBeCloseTo(national, 6);
			for (const c of countries) {
				const sectors = out.filter((f) => f.key.level === 'country_sector' && f.key.country === c.key.country);
				expect(sectors.reduce((s, f) => s + f.steps[k]!.point, 0)).toBeCloseTo(c.steps[k]!.point, 6);
			}
		}
		// the actuals add up the same way (the nation is built from the cells)
		const national = h.series.get('national||')!.series.values;
		expect(national.reduce((a, b) => a + b, 0)).toBe(actuals.reduce((s, a) => s + a.value, 0));
	});
});
