/**
 * Early-warning alert rules (pure, no I/O). Readers' version: docs/forecasting.md "Early warning".
 *
 * For a market's monthly series (a destination country, or country × sector; demand slots,
 * applications, placements, or the fill rate), every month m is compared with the forecast made
 * at the end of month m − 1 from the months before it only (the same model as the stored
 * forecasts, model.ts forecastSeries, one month ahead, but without the COVID episode's years,
 * ALERT_BREAK_YEARS): its 80 % interval and its standardised error
 * z = (log(1 + actual) − log(1 + point)) / sd on the model's log scale.
 *
 * Two rules, evaluated at the end of each complete month on the last LOOKBACK months (a refresh
 * shows the alerts still moving in its last WINDOW months; one alert per episode, `episodes`):
 * - `interval`: the actual is outside the RULES.interval (95 %) interval on the same side in
 *   CONSECUTIVE (2) consecutive months; the alert runs from the first month of that run (`since`) to the last
 *   (`through`) and fires (`detected`) in the second month;
 * - `change_point`: a two-sided CUSUM (Page 1954) of z over the window, S⁺ = max(0, S⁺ + z − K),
 *   S⁻ = max(0, S⁻ − z − K), passes H (RULES.cusumK, RULES.cusumH); `since` is the month after S last stood at 0 (the estimated
 *   change point), `detected` the month it passed H; the sum restarts after an alarm.
 * A month only counts when the market is large enough for the rule to mean something
 * (`eligible`: a mean of at least MIN_VOLUME over the 12 months before it) and the miss is at
 * least MIN_CHANGE in the measure's own unit and RULES.minShare (25 %) of the forecast.
 */
import { type Actual, buildHierarchy, type SeriesKey } from './hierarchy.ts';
import { driverLag, forecastSeries, MEASURE_METHODS, type MonthlySeries } from './model.ts';

export type AlertMeasure = 'slots' | 'applications' | 'placements' | 'fill_rate';
export type AlertRule = 'interval' | 'change_point';
export const ALERT_MEASURES: readonly AlertMeasure[] = ['slots', 'applications', 'placements', 'fill_rate'];

/** Bump when a change to the rules changes the alerts for the same data. */
export const ALERT_METHOD_VERSION = 'alerts-5';
/** months evaluated at each refresh (the latest complete month and the 5 before it) */
export const WINDOW = 6;
/**
 * Months of checks the rules read at each refresh (the CUSUM and the episodes run over them; a
 * refresh shows the episodes still moving in its last WINDOW months). Long enough that the CUSUM
 * has stood at 0 since its start, so an alert's `since` (its id) does not move with the window.
 */
export const LOOKBACK = 24;
/**
 * An alert continues an open one of the same market, measure and direction (any rule) when it
 * starts at most EPISODE_GAP months after the open one's last month: one alert per episode.
 */
export const EPISODE_GAP = 1;
/** months outside the 80 % interval, on the same side, in a row */
export const CONSECUTIVE = 2;
/**
 * The rules' settings: the interval the `interval` rule uses (80 or 95 %), the least relative miss
 * of a month (|actual − point| / point), and the CUSUM's reference value K and decision threshold
 * H in standard deviations. Chosen on the back-test (docs/forecasting.md); the bench's sensitivity
 * table changes them, nothing else does.
 */
export const RULES = { interval: 95 as 80 | 95, minShare: 0.25, cusumK: 0.75, cusumH: 4 };

/**
 * Years the alerts' one-month-ahead forecasts leave out of the fit and the seasonal pattern: the
 * COVID collapse (2020), the slow 2021 and the 2022 ramp-up (27 % of the year by June against
 * 49–55 % in normal years, #16's audit). The three years are one documented episode (the
 * back-test's cover); reading 2022 as a normal year made every market "grow unexpectedly" in 2023.
 * The stored forecasts keep DEFAULT_BREAK_YEARS (their own back-test).
 */
export const ALERT_BREAK_YEARS: readonly number[] = [2020, 2021, 2022];

/**
 * The alerts' month checks never narrow the model's interval (the forecasts' calibration may, to
 * SCALE_FLOOR): chosen by the alerts' own selection rule (COVID detection and the false alerts of
 * 2023–2024) between 1 and SCALE_FLOOR (docs/forecasting.md, "Early warning").
 */
export const ALERT_SCALE_FLOOR = 1;

/** The most sensitive settings the back-test scored (the tests use them: the tiny data has no alert under RULES). */
export const SENSITIVE_RULES: typeof RULES = { interval: 80, minShare: 0, cusumK: 0.5, cusumH: 4 };

/** What a stored run records as its method: the version and the settings (other settings = another run). */
export const alertMethod = (): string => `${ALERT_METHOD_VERSION} ${RULES.interval}/${RULES.minShare}/${RULES.cusumK}/${RULES.cusumH}`;
/** the least mean monthly volume over the 12 months before a month for it to be checked */
export const MIN_VOLUME: Record<AlertMeasure, number> = { slots: 20, applications: 20, placements: 20, fill_rate: 20 };
/** the least |actual − expected| of a month (counts; percentage points for the fill rate) */
export const MIN_CHANGE: Record<AlertMeasure, number> = { slots: 5, applications: 5, placements: 5, fill_rate: 5 };

/** One month compared with its one-month-ahead forecast. */
export interface MonthCheck {
	month: number;
	actual: number;
	point: number;
	lo80: number;
	hi80: number;
	/** standardised error on the log scale */
	z: number;
	/** -1 below the rules' interval, 1 above, 0 inside (or the miss is too small, or not eligible) */
	outside: -1 | 0 | 1;
	/** the market was large enough in the 12 months before */
	eligible: boolean;
	/** |actual − point| ≥ MIN_CHANGE of the measure and ≥ RULES.minShare × point */
	big: boolean;
}

/**
 * The one-month-ahead check of month `month` of `series` (forecast from the months before it).
 * `volume`: the series whose 12-month mean decides eligibility (the slots for the fill rate);
 * null when there is no history or no actual for the month.
 */
export function checkMonth(
	series: MonthlySeries,
	month: number,
	measure: AlertMeasure,
	options: { breakYears?: readonly number[]; volume?: MonthlySeries; driver?: { series: MonthlySeries; lag: number | null } } = {},
): MonthCheck | null {
	const i = month - series.start;
	if (i < 1 || i >= series.values.length) return null;
	const actual = series.values[i]!;
	const vol = options.volume ?? series;
	const vi = month - vol.start;
	const last12 = vol.values.slice(Math.max(0, vi - 12), Math.max(0, vi));
	const eligible = last12.length > 0 && last12.reduce((a, b) => a + b, 0) / last12.length >= MIN_VOLUME[measure];
	// a market too small to check: no forecast needed (the rules skip the month)
	if (!eligible) return { month, actual, point: actual, lo80: actual, hi80: actual, z: 0, outside: 0, eligible, big: false };
	const history: MonthlySeries = { start: series.start, values: series.values.slice(0, i) };
	// the stored forecasts' method (MEASURE_METHODS: the naive's weight, applications leading placements)
	const d = options.driver;
	const f = forecastSeries(history, {
		horizon: 1,
		breakYears: options.breakYears ?? ALERT_BREAK_YEARS,
		naiveWeight: MEASURE_METHODS[measure]?.naiveWeight,
		select: MEASURE_METHODS[measure]?.select,
		scaleFloor: ALERT_SCALE_FLOOR,
		driver:
			d && d.lag !== null && d.series.start === series.start
				? { values: d.series.values.slice(0, i).map((v) => Math.log1p(Math.max(0, v))), lag: d.lag }
				: undefined,
	});
	const step = f.steps[0]!;
	const sd = f.sd[0]!;
	const z = sd > 0 ? (Math.log1p(Math.max(0, actual)) - Math.log1p(step.point)) / sd : 0;
	const big = Math.abs(actual - step.point) >= Math.max(MIN_CHANGE[measure], RULES.minShare * step.point);
	const [lo, hi] = RULES.interval === 95 ? [step.lo95, step.hi95] : [step.lo80, step.hi80];
	const outside: -1 | 0 | 1 = !big ? 0 : actual < lo ? -1 : actual > hi ? 1 : 0;
	return { month, actual, point: step.point, lo80: step.lo80, hi80: step.hi80, z, outside, eligible, big };
}

/** Checks of the months from..to (inclusive) that have one. */
export function checkMonths(
	series: MonthlySeries,
	from: number,
	to: number,
	measure: AlertMeasure,
	options: {
		breakYears?: readonly number[];
		volume?: MonthlySeries;
		/** the leading series, and its lead as known before each month */
		driver?: { series: MonthlySeries; lagAt: (month: number) => number | null };
	} = {},
): MonthCheck[] {
	const out: MonthCheck[] = [];
	for (let m = from; m <= to; m++) {
		const { driver, ...rest } = options;
		const c = checkMonth(series, m, measure, { ...rest, driver: driver ? { series: driver.series, lag: driver.lagAt(m) } : undefined });
		if (c) out.push(c);
	}
	return out;
}

/** What an alert says: what moved, by how much, since when. */
export interface AlertSignal {
	rule: AlertRule;
	direction: 'up' | 'down';
	/** first month of the movement */
	since: number;
	/** last month of the movement (the run of outside months, or the month the CUSUM passed H) */
	through: number;
	/** the month in which the rule fired */
	detected: number;
	/** sums over since..through */
	actual: number;
	expected: number;
	/** the 80 % interval of the last month (through) */
	lo80: number;
	hi80: number;
}

function summed(checks: readonly MonthCheck[], since: number, through: number) {
	const run = checks.filter((c) => c.month >= since && c.month <= through);
	return {
		actual: run.reduce((a, c) => a + c.actual, 0),
		expected: run.reduce((a, c) => a + c.point, 0),
	};
}

/**
 * The alerts the rules give on consecutive month checks (sorted by month; gaps break runs). For
 * the fill rate the sums over months are sums of monthly rates: callers divide by the months.
 */
export function alertSignals(checks: readonly MonthCheck[]): AlertSignal[] {
	const out: AlertSignal[] = [];
	// interval: runs of same-side outside months
	let runStart = -1;
	let runSide = 0;
	let prev = Number.NaN;
	let open: AlertSignal | null = null;
	for (const c of checks) {
		const contiguous = c.month === prev + 1;
		prev = c.month;
		if (c.outside !== 0 && contiguous && c.outside === runSide) {
			// the run continues
		} else if (c.outside !== 0) {
			runStart = c.month;
			runSide = c.outside;
			open = null;
		} else {
			runSide = 0;
			open = null;
			continue;
		}
		const length = c.month - runStart + 1;
		if (length === CONSECUTIVE) {
			open = {
				rule: 'interval',
				direction: runSide > 0 ? 'up' : 'down',
				since: runStart,
				through: c.month,
				detected: c.month,
				...summed(checks, runStart, c.month),
				lo80: c.lo80,
				hi80: c.hi80,
			};
			out.push(open);
		} else if (open && length > CONSECUTIVE) {
			Object.assign(open, { through: c.month, ...summed(checks, runStart, c.month), lo80: c.lo80, hi80: c.hi80 });
		}
	}
	// change point: two-sided CUSUM of z over eligible contiguous months
	let up = 0;
	let down = 0;
	let upFrom = -1;
	let downFrom = -1;
	prev = Number.NaN;
	for (const c of checks) {
		if (c.month !== prev + 1 || !c.eligible) {
			up = 0;
			down = 0;
		}
		prev = c.month;
		if (!c.eligible) continue;
		if (up === 0) upFrom = c.month;
		if (down === 0) downFrom = c.month;
		up = Math.max(0, up + c.z - RULES.cusumK);
		down = Math.max(0, down - c.z - RULES.cusumK);
		for (const [side, s, from] of [
			['up', up, upFrom],
			['down', down, downFrom],
		] as const) {
			if (s <= RULES.cusumH) continue;
			// the movement must also be material in the measure's unit (a month missing by MIN_CHANGE)
			if (checks.some((k) => k.month >= from && k.month <= c.month && k.big))
				out.push({
					rule: 'change_point',
					direction: side,
					since: from,
					through: c.month,
					detected: c.month,
					...summed(checks, from, c.month),
					lo80: c.lo80,
					hi80: c.hi80,
				});
			if (side === 'up') up = 0;
			else down = 0;
		}
	}
	return episodes(
		out.sort((a, b) => a.detected - b.detected || a.rule.localeCompare(b.rule)),
		checks,
	);
}

/**
 * One alert per episode: a signal that starts within EPISODE_GAP months after the last month of
 * an earlier one in the same direction (either rule) continues it (its through and sums grow);
 * the episode keeps the rule, since and detected of its first signal (its id).
 */
function episodes(signals: AlertSignal[], checks: readonly MonthCheck[]): AlertSignal[] {
	const out: AlertSignal[] = [];
	const open: Partial<Record<AlertSignal['direction'], AlertSignal>> = {};
	for (const s of signals) {
		const o = open[s.direction];
		if (o && s.since <= o.through + 1 + EPISODE_GAP) {
			if (s.through > o.through)
				Object.assign(o, { through: s.through, ...summed(checks, o.since, s.through), lo80: s.lo80, hi80: s.hi80 });
			continue;
		}
		open[s.direction] = s;
		out.push(s);
	}
	return out;
}

/** Fill rate series (placements per 100 demand slots of the same month; 0 when no slots). */
export function fillRateSeries(placements: MonthlySeries, slots: MonthlySeries): MonthlySeries {
	return {
		start: placements.start,
		values: placements.values.map((p, i) => {
			const s = slots.values[i] ?? 0;
			return s > 0 ? (100 * p) / s : 0;
		}),
	};
}

/** A market's checks of one measure. */
export interface MarketChecks {
	key: SeriesKey;
	measure: AlertMeasure;
	checks: MonthCheck[];
}

/**
 * The month checks from..to of every market (country, and country × sector; not the nation) for
 * the four measures, from the bottom-level actuals of slots, applications and placements (months
 * start..to). The fill rate is placements per 100 demand slots of the same month.
 */
export function marketChecks(
	actuals: Record<'slots' | 'applications' | 'placements', readonly Actual[]>,
	start: number,
	from: number,
	to: number,
	breakYears: readonly number[] = ALERT_BREAK_YEARS,
): MarketChecks[] {
	const h = {
		slots: buildHierarchy(actuals.slots, start, to),
		applications: buildHierarchy(actuals.applications, start, to),
		placements: buildHierarchy(actuals.placements, start, to),
	};
	const out: MarketChecks[] = [];
	const keys = new Set([...h.slots.series.keys(), ...h.applications.series.keys(), ...h.placements.series.keys()]);
	const empty: MonthlySeries = { start, values: new Array<number>(to - start + 1).fill(0) };
	// the lead of applications over placements, read on the national series before each month (as the forecasts do)
	const nationalPlacements = h.placements.series.get('national||')?.series ?? empty;
	const nationalApplications = h.applications.series.get('national||')?.series ?? empty;
	const lags = new Map<number, number | null>();
	const lagAt = (month: number) => {
		if (!lags.has(month)) {
			const n = month - start;
			lags.set(
				month,
				driverLag(
					{ start, values: nationalPlacements.values.slice(0, n) },
					{ start, values: nationalApplications.values.slice(0, n) },
					breakYears,
				),
			);
		}
		return lags.get(month)!;
	};
	for (const k of [...keys].sort()) {
		const key = (h.slots.series.get(k) ?? h.applications.series.get(k) ?? h.placements.series.get(k))!.key;
		if (key.level === 'national') continue;
		const series = (m: 'slots' | 'applications' | 'placements') => h[m].series.get(k)?.series ?? empty;
		for (const measure of ['slots', 'applications', 'placements'] as const)
			out.push({
				key,
				measure,
				checks: checkMonths(series(measure), from, to, measure, {
					breakYears,
					driver: MEASURE_METHODS[measure]?.driver === 'applications' ? { series: series('applications'), lagAt } : undefined,
				}),
			});
		const fill = fillRateSeries(series('placements'), series('slots'));
		out.push({ key, measure: 'fill_rate', checks: checkMonths(fill, from, to, 'fill_rate', { breakYears, volume: series('slots') }) });
	}
	return out;
}

/**
 * The alerts of a refresh at the end of month `end`: the rules on the last LOOKBACK months, the
 * episodes that still moved in the last WINDOW months.
 */
export function windowSignals(checks: readonly MonthCheck[], end: number): AlertSignal[] {
	return alertSignals(checks.filter((c) => c.month > end - LOOKBACK && c.month <= end)).filter((s) => s.through > end - WINDOW);
}

/** The stable id of an alert: the same market, measure, rule, direction and start keep it across refreshes. */
export function alertKey(key: SeriesKey, measure: AlertMeasure, s: Pick<AlertSignal, 'rule' | 'direction' | 'since'>): string {
	return [key.level, key.country, key.sector, measure, s.rule, s.direction, s.since].join('|');
}
