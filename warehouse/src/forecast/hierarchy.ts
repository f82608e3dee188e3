/**
 * From monthly actuals at the bottom of the hierarchy (destination country × sector) to
 * reconciled forecasts of every node: the nation, each country, each country × sector. Pure.
 */
import {
	type Calibration,
	DEFAULT_BREAK_YEARS,
	type Driver,
	driverLag,
	type Forecast,
	forecastSeries,
	type Interval,
	type MonthlySeries,
} from './model.ts';
import { type HierarchyNode, reconcileHierarchy } from './reconcile.ts';

export type Level = 'national' | 'country' | 'country_sector';

/** One bottom-level actual: a country × sector's count in a month (month index). */
export interface Actual {
	country: string;
	sector: string;
	month: number;
	value: number;
}

export interface SeriesKey {
	level: Level;
	country: string;
	sector: string;
}

export const keyOf = (k: SeriesKey): string => `${k.level}|${k.country}|${k.sector}`;

export interface HierarchyActuals {
	/** first and last month of every series (zeros where a cell had nothing) */
	start: number;
	end: number;
	series: Map<string, { key: SeriesKey; series: MonthlySeries }>;
	root: HierarchyNode;
}

/** Builds the series of every node from bottom-level actuals in months start..end. */
export function buildHierarchy(actuals: readonly Actual[], start: number, end: number): HierarchyActuals {
	const length = end - start + 1;
	const series = new Map<string, { key: SeriesKey; series: MonthlySeries }>();
	const get = (key: SeriesKey) => {
		const k = keyOf(key);
		let s = series.get(k);
		if (!s) {
			s = { key, series: { start, values: new Array<number>(length).fill(0) } };
			series.set(k, s);
		}
		return s.series.values;
	};
	get({ level: 'national', country: '', sector: '' });
	for (const a of actuals) {
		if (a.month < start || a.month > end) continue;
		const i = a.month - start;
		get({ level: 'national', country: '', sector: '' })[i]! += a.value;
		get({ level: 'country', country: a.country, sector: '' })[i]! += a.value;
		get({ level: 'country_sector', country: a.country, sector: a.sector })[i]! += a.value;
	}
	const countries = [...series.values()].filter((s) => s.key.level === 'country').map((s) => s.key.country);
	countries.sort();
	const root: HierarchyNode = {
		key: keyOf({ level: 'national', country: '', sector: '' }),
		children: countries.map((country) => ({
			key: keyOf({ level: 'country', country, sector: '' }),
			children: [...series.values()]
				.filter((s) => s.key.level === 'country_sector' && s.key.country === country)
				.map((s) => s.key.sector)
				.sort()
				.map((sector) => ({ key: keyOf({ level: 'country_sector', country, sector }), children: [] })),
		})),
	};
	return { start, end, series, root };
}

export interface NodeForecast {
	key: SeriesKey;
	/** first forecast month */
	start: number;
	/** reconciled */
	steps: Interval[];
	/** before reconciliation */
	base: Interval[];
	method: Forecast['method'];
}

/** How a measure is forecast (model.ts MEASURE_METHODS): the naive's weight, and its leading series' actuals. */
export interface HierarchyMethod {
	naiveWeight?: number;
	/** choose the seasonal or non-seasonal model per series on in-sample errors (model.ts fitEts) */
	select?: boolean;
	/** the leading measure's hierarchy over the same months (applications for placements) */
	driver?: HierarchyActuals;
}

/** The leading series of every node (same key), with the lead read on the national series. */
export function hierarchyDrivers(
	h: HierarchyActuals,
	driver: HierarchyActuals | undefined,
	breakYears: readonly number[],
): Map<string, Driver> {
	const out = new Map<string, Driver>();
	const national = keyOf({ level: 'national', country: '', sector: '' });
	if (!driver || driver.start !== h.start || !h.series.has(national) || !driver.series.has(national)) return out;
	const lag = driverLag(h.series.get(national)!.series, driver.series.get(national)!.series, breakYears);
	if (lag === null) return out;
	for (const k of h.series.keys()) {
		const d = driver.series.get(k)?.series;
		if (d) out.set(k, { values: d.values.map((v) => Math.log1p(Math.max(0, v))), lag });
	}
	return out;
}

/**
 * The interval calibration of each level (model.ts `Calibration`): which quantile of a series'
 * in-sample standardised errors sets its 80 % interval, and how much wider than its in-sample 95th
 * percentile its 95 % interval is. In-sample errors are optimistic (the parameters were fitted on
 * the same months), more so in the tails and for the countries; chosen per level on the back-test's
 * selection origins (docs/forecasting.md, "How the `-select-5` changes were chosen").
 */
export const LEVEL_CALIBRATION: Record<Level, Calibration> = {
	national: { q80: 0.8, q95: 0.95, widen95: 1 },
	country: { q80: 0.85, q95: 0.95, widen95: 1.2 },
	country_sector: { q80: 0.8, q95: 0.95, widen95: 1.3 },
};

/** Forecasts every node h = 1..horizon after `end` and reconciles them. */
export function forecastHierarchy(
	h: HierarchyActuals,
	horizon: number,
	breakYears?: readonly number[],
	method: HierarchyMethod = {},
): NodeForecast[] {
	const base = new Map<string, Forecast>();
	const drivers = hierarchyDrivers(h, method.driver, breakYears ?? DEFAULT_BREAK_YEARS);
	for (const [k, s] of h.series)
		base.set(
			k,
			forecastSeries(s.series, {
				horizon,
				breakYears,
				naiveWeight: method.naiveWeight,
				driver: drivers.get(k),
				select: method.select,
				calibration: LEVEL_CALIBRATION[s.key.level],
			}),
		);
	const reconciled = reconcileHierarchy(h.root, base);
	return [...h.series].map(([k, s]) => ({
		key: s.key,
		start: h.end + 1,
		steps: reconciled.get(k)!,
		base: base.get(k)!.steps,
		method: base.get(k)!.method,
	}));
}
