/**
 * Back-test of the early-warning alerts (alerts.ts) against documented events in the data (pure).
 * The refresh is replayed at the end of every month: the alerts of month t are the rules on the
 * WINDOW months up to t (windowSignals), and an alert counts from the first month it is seen
 * (its key: market, measure, rule, direction, since). Readers' version: docs/forecasting.md.
 */
import { type AlertSignal, alertKey, fillRateSeries, type MarketChecks, windowSignals } from './alerts.ts';
import { type Actual, buildHierarchy, keyOf, type SeriesKey } from './hierarchy.ts';
import { monthIndex } from './model.ts';

/** A documented event: from `month` on, the markets it names moved (down). */
export interface AlertEvent {
	name: string;
	/** first month of the movement */
	month: number;
	/** the direction the event moved the markets in */
	direction: 'up' | 'down';
	/** which markets: a predicate on the market's key */
	markets: (key: SeriesKey) => boolean;
	/** months (from `month`) in which alerts on these markets belong to the event, not counted as false */
	covers: [number, number];
	/** where it is documented */
	source: string;
}

/** The events the demo data carries (docs/data.md §5.1, seeds/src/plan.ts spreadOverMonths). */
export const DOCUMENTED_EVENTS: AlertEvent[] = [
	{
		name: 'COVID suspension of placements (18 Mar – 29 Jul 2020): March 2020 half of February, April–July near zero',
		month: monthIndex(2020, 3),
		direction: 'down',
		markets: () => true,
		// the collapse, the slow 2021 and the 2022 ramp-up are one documented episode
		covers: [monthIndex(2020, 1), monthIndex(2022, 12)],
		source: 'docs/data.md §5.1 (2020 row), seeds/src/plan.ts (2020: Jan–Mar like 2019, the rest like 2021)',
	},
	{
		name: 'Malaysia closed recruitment in manufacturing, construction and agriculture (Mar–May 2024: non-domestic cells at 45 %, made up in the other months)',
		month: monthIndex(2024, 3),
		direction: 'down',
		markets: (k) => k.country === 'MY' && k.sector !== 'domestic',
		covers: [monthIndex(2024, 1), monthIndex(2024, 12)],
		source: 'docs/data.md §5.1 (below the table), seeds/src/plan.ts spreadOverMonths',
	},
];

export interface FiredAlert extends AlertSignal {
	key: SeriesKey;
	measure: MarketChecks['measure'];
	/** the month-end refresh that first showed it */
	seen: number;
}

/** Every alert the month-end refreshes from..to would have shown, each once (when first seen). */
export function replayAlerts(markets: readonly MarketChecks[], from: number, to: number): FiredAlert[] {
	const out: FiredAlert[] = [];
	for (const m of markets) {
		const seen = new Set<string>();
		for (let t = from; t <= to; t++) {
			for (const s of windowSignals(m.checks, t)) {
				const k = alertKey(m.key, m.measure, s);
				if (seen.has(k)) continue;
				seen.add(k);
				out.push({ ...s, key: m.key, measure: m.measure, seen: t });
			}
		}
	}
	return out;
}

export interface EventCase {
	event: string;
	market: string;
	/** first month-end refresh that showed an alert in the event's direction on the market, or null */
	detected: number | null;
	/** detected − event month (0 = in the month of the event) */
	delay: number | null;
	/** first month the fixed fill-rate threshold fired on the market, or null (within 12 months) */
	threshold: number | null;
	/** threshold − detected: months by which the alert came earlier (null when either is missing) */
	lead: number | null;
}

export interface AlertBacktest {
	events: { name: string; source: string; month: number; markets: number; detectedWithinOneMonth: number; cases: EventCase[] }[];
	/** alerts outside every event's cover, per market-year, by year */
	falseAlerts: { year: number; marketYears: number; alerts: number; perMarketYear: number; marketMonths: number }[];
	alerts: number;
}

/** Share of a market's slots that is filled, monthly (placements per 100 slots): the threshold's input. */
export const FILL_THRESHOLD_SHARE = 0.5;

/**
 * The fixed fill-rate threshold a dashboard without a model would use: the month's fill rate
 * (placements per 100 demand slots) under FILL_THRESHOLD_SHARE of the market's mean over the 12
 * months before the event. Returns the first month from the event's month on where it fires.
 */
export function thresholdMonth(fill: readonly number[], start: number, eventMonth: number): number | null {
	const i0 = eventMonth - start;
	const before = fill.slice(Math.max(0, i0 - 12), i0);
	if (before.length === 0) return null;
	const level = (FILL_THRESHOLD_SHARE * before.reduce((a, b) => a + b, 0)) / before.length;
	for (let i = i0; i < Math.min(fill.length, i0 + 12); i++) if (fill[i]! < level) return start + i;
	return null;
}

/**
 * The first month-end refresh from the event's month on (within its cover) that showed an alert in
 * the event's direction on one of the market's series whose months reach the event's month: a new
 * one, or an open episode that the event's months continue (alerts.ts `episodes`).
 */
function shownFrom(series: readonly MarketChecks[], e: AlertEvent): number | null {
	for (let t = e.month; t <= e.covers[1]; t++)
		for (const m of series) if (windowSignals(m.checks, t).some((s) => s.direction === e.direction && s.through >= e.month)) return t;
	return null;
}

/**
 * Scores the alerts against the events: an event's markets are those with an eligible check of any
 * measure in the event's month; it is detected within one month when a refresh at the end of the
 * event's month or the next showed an alert in its direction (any measure) on the market.
 * False alerts: every alert seen outside the covers of the events that name its market, per
 * market-year (markets with an eligible check that year).
 */
export function scoreAlerts(
	markets: readonly MarketChecks[],
	fired: readonly FiredAlert[],
	actuals: Record<'slots' | 'placements', readonly Actual[]>,
	start: number,
	end: number,
	events: readonly AlertEvent[] = DOCUMENTED_EVENTS,
	falseFrom: number = monthIndex(2020, 1),
): AlertBacktest {
	const slots = buildHierarchy(actuals.slots, start, end);
	const placements = buildHierarchy(actuals.placements, start, end);
	const eligibleIn = new Map<string, Set<number>>();
	const marketOf = new Map<string, SeriesKey>();
	for (const m of markets) {
		const k = keyOf(m.key);
		marketOf.set(k, m.key);
		const set = eligibleIn.get(k) ?? new Set<number>();
		for (const c of m.checks) if (c.eligible) set.add(c.month);
		eligibleIn.set(k, set);
	}
	const byMarket = new Map<string, FiredAlert[]>();
	for (const f of fired) {
		const k = keyOf(f.key);
		byMarket.set(k, [...(byMarket.get(k) ?? []), f]);
	}
	const result: AlertBacktest = { events: [], falseAlerts: [], alerts: fired.length };
	for (const e of events) {
		const cases: EventCase[] = [];
		for (const [k, key] of marketOf) {
			if (!e.markets(key) || !eligibleIn.get(k)!.has(e.month)) continue;
			const detected = shownFrom(
				markets.filter((m) => keyOf(m.key) === k),
				e,
			);
			const zero = { start, values: new Array<number>(end - start + 1).fill(0) };
			const fill = fillRateSeries(placements.series.get(k)?.series ?? zero, slots.series.get(k)?.series ?? zero).values;
			const threshold = thresholdMonth(fill, start, e.month);
			cases.push({
				event: e.name,
				market: k,
				detected,
				delay: detected === null ? null : detected - e.month,
				threshold,
				lead: detected !== null && threshold !== null ? threshold - detected : null,
			});
		}
		result.events.push({
			name: e.name,
			source: e.source,
			month: e.month,
			markets: cases.length,
			detectedWithinOneMonth: cases.filter((c) => c.delay !== null && c.delay <= 1).length,
			cases,
		});
	}
	const covered = (f: FiredAlert) => events.some((e) => e.markets(f.key) && f.seen >= e.covers[0] && f.seen <= e.covers[1]);
	for (let year = Math.floor(falseFrom / 12); year <= Math.floor(end / 12); year++) {
		let marketYears = 0;
		let marketMonths = 0;
		for (const [k, key] of marketOf) {
			const months = [...eligibleIn.get(k)!].filter(
				(m) => Math.floor(m / 12) === year && !events.some((e) => e.markets(key) && m >= e.covers[0] && m <= e.covers[1]),
			);
			if (months.length === 0) continue;
			marketYears += months.length / 12;
			marketMonths += months.length;
		}
		const alerts = fired.filter((f) => Math.floor(f.seen / 12) === year && f.seen >= falseFrom && !covered(f)).length;
		result.falseAlerts.push({ year, marketYears, alerts, perMarketYear: marketYears > 0 ? alerts / marketYears : 0, marketMonths });
	}
	return result;
}
