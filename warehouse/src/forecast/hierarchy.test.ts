import { describe, expect, it } from 'vitest';
import { buildHierarchy, forecastHierarchy, keyOf, LEVEL_CALIBRATION } from './hierarchy.ts';
import { DEFAULT_CALIBRATION, forecastSeries, monthIndex, seededRandom } from './model.ts';

describe('forecastHierarchy: each level has its own interval calibration', () => {
	// two countries × two sectors, five years of seasonal counts with noise
	const random = seededRandom(31);
	const start = monthIndex(2019, 1);
	const end = monthIndex(2023, 12);
	const actuals = ['HK', 'TW'].flatMap((country, c) =>
		['domestic', 'manufacturing'].flatMap((sector, s) =>
			Array.from({ length: end - start + 1 }, (_, i) => ({
				country,
				sector,
				month: start + i,
				value: Math.round((200 + 150 * c + 80 * s) * (1 + 0.3 * Math.sin((2 * Math.PI * i) / 12)) * Math.exp(0.25 * (random() - 0.5))),
			})),
		),
	);
	const h = buildHierarchy(actuals, start, end);
	const nodes = forecastHierarchy(h, 6, [], { naiveWeight: 0.5, select: true });

	it("every node's own (unreconciled) forecast is its series' forecast with its level's calibration", () => {
		for (const n of nodes) {
			const own = forecastSeries(h.series.get(keyOf(n.key))!.series, {
				horizon: 6,
				breakYears: [],
				naiveWeight: 0.5,
				select: true,
				calibration: LEVEL_CALIBRATION[n.key.level],
			});
			expect(n.base).toEqual(own.steps);
		}
	});

	it('the countries and country × sectors get wider 95 % intervals than the default calibration gives', () => {
		for (const n of nodes.filter((x) => x.key.level !== 'national')) {
			const plain = forecastSeries(h.series.get(keyOf(n.key))!.series, {
				horizon: 6,
				breakYears: [],
				naiveWeight: 0.5,
				select: true,
				calibration: DEFAULT_CALIBRATION,
			});
			n.base.forEach((step, k) => {
				expect(step.hi95 - step.lo95).toBeGreaterThan(plain.steps[k]!.hi95 - plain.steps[k]!.lo95);
				expect(step.hi80 - step.lo80).toBeGreaterThanOrEqual(plain.steps[k]!.hi80 - plain.steps[k]!.lo80 - 1e-9);
			});
		}
	});
});
