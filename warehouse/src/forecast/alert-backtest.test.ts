import { describe, expect, it } from 'vitest';
import { replayAlerts, thresholdMonth } from './alert-backtest.ts';
import type { MonthCheck } from './alerts.ts';
import { monthIndex } from './model.ts';

const M = monthIndex(2024, 1);
const check = (month: number, outside: -1 | 0 | 1): MonthCheck => ({
	month,
	actual: outside ? 50 : 100,
	point: 100,
	lo80: 90,
	hi80: 110,
	z: 0,
	outside,
	eligible: true,
	big: outside !== 0,
});

describe('alert back-test', () => {
	it('the fixed threshold fires in the first month under half the mean of the 12 months before the event', () => {
		const fill = [...new Array<number>(12).fill(10), 10, 6, 4, 3];
		// mean 10 → threshold 5: month 12 (10) and 13 (6) stay above, month 14 (4) is under
		expect(thresholdMonth(fill, M, M + 12)).toBe(M + 14);
		expect(thresholdMonth(new Array<number>(16).fill(10), M, M + 12)).toBeNull();
	});

	it('a replayed alert counts once, from the first month-end refresh that shows it', () => {
		const checks = [check(M, 0), check(M + 1, -1), check(M + 2, -1), check(M + 3, -1), check(M + 4, 0)];
		const fired = replayAlerts([{ key: { level: 'country', country: 'MY', sector: '' }, measure: 'placements', checks }], M, M + 6);
		expect(fired.map((f) => ({ rule: f.rule, since: f.since, seen: f.seen }))).toEqual([{ rule: 'interval', since: M + 1, seen: M + 2 }]);
	});
});
