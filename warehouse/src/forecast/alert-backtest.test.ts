import { describe, expect, it } from 'vitest';
import { type AlertEvent, replayAlerts, scoreAlerts, thresholdMonth } from './alert-backtest.ts';
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

	it('an event that continues an alert already open in its direction is detected in its month (the refresh shows the alert through it)', () => {
		// down from M + 1 on (the alert opens at M + 2); the event is dated M + 4 and the movement goes on
		const checks = [check(M, 0), ...Array.from({ length: 8 }, (_, i) => check(M + 1 + i, -1))];
		const key = { level: 'country' as const, country: 'MY', sector: '' };
		const markets = [{ key, measure: 'placements' as const, checks }];
		const fired = replayAlerts(markets, M, M + 8);
		// one alert, first seen before the event
		expect(fired.map((f) => f.seen)).toEqual([M + 2]);
		const event: AlertEvent = { name: 'e', month: M + 4, direction: 'down', markets: () => true, covers: [M, M + 8], source: '' };
		const scored = scoreAlerts(markets, fired, { slots: [], placements: [] }, M - 12, M + 8, [event], M);
		expect(scored.events[0]!.cases.map((c) => c.delay)).toEqual([0]);
		// an alert that ended before the event's month does not count
		const ended = [{ key, measure: 'placements' as const, checks: checks.map((c) => (c.month >= M + 4 ? check(c.month, 0) : c)) }];
		const late = scoreAlerts(ended, replayAlerts(ended, M, M + 8), { slots: [], placements: [] }, M - 12, M + 8, [event], M);
		expect(late.events[0]!.cases.map((c) => c.delay)).toEqual([null]);
	});
});
