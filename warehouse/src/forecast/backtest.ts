/**
 * Rolling-origin back-test of the forecasting method (pure): at each origin the hierarchy is
 * rebuilt from the months up to the origin only, forecast and reconciled exactly as
 * refreshForecasts() does, and compared with what happened next; the seasonal naive is scored on
 * the same cases. Also the Quick Win year-end projection against the old "seasonal shares" method
 * (cube/model/quick_win.js). Run by `npm run bench -- --forecast` (scripts/bench-forecast.ts).
 *
 * MASE: |error| / the mean absolute seasonal difference (|y(t) − y(t − 12)|) of the series' own
 * training data at that origin, averaged over origins and horizons. sMAPE: 200 |F − A| / (|F| + |A|)
 * (0 when both are 0). Volume-weighted: each series weighted by its actual total over the test cases.
 */
import { type Actual, buildHierarchy, forecastHierarchy, keyOf, type Level } from './hierarchy.ts';
import { type EtsFit, type MonthlySeries, monthOfIndex, projectYearEnd, SEASON, seasonalNaive, seriesDriver } from './model.ts';

export interface SeriesScore {
	key: string;
	level: Level;
	volume: number;
	cases: number;
	mase: number;
	maseNaive: number;
	smape: number;
	smapeNaive: number;
	in80: number;
	in95: number;
}

export interface LevelSummary {
	level: Level;
	series: number;
	/** series with a MASE (a non-zero seasonal difference in training) */
	scored: number;
	cases: number;
	weightedMase: number;
	weightedMaseNaive: number;
	/** 1 − weightedMase / weightedMaseNaive */
	improvement: number;
	/** share of scored series where the method's MASE is below the seasonal naive's */
	betterShare: number;
	meanSmape: number;
	meanSmapeNaive: number;
	weightedSmape: number;
	weightedSmapeNaive: number;
	coverage80: number;
	coverage95: number;
}

export interface MeasureBacktest {
	measure: string;
	origins: string[];
	horizon: number;
	levels: LevelSummary[];
	/** coverage of the 80 % interval by horizon (all levels) */
	coverage80ByHorizon: number[];
	series: SeriesScore[];
	/** the same scores over a subset of the origins (e.g. the selection and held-out origins) */
	periods: { name: string; origins: string[]; levels: LevelSummary[]; coverage80ByHorizon: number[] }[];
}

/** A subset of the origins scored on its own: origins from..to (month indices, inclusive). */
export interface OriginPeriod {
	name: string;
	from: number;
	to: number;
}

const isoMonth = (index: number) => {
	const { year, month } = monthOfIndex(index);
	return `${year}-${String(month).padStart(2, '0')}`;
};

/** The in-sample MASE scale: mean |y(t) − y(t − 12)| over the training values. */
export function maseScale(values: readonly number[]): number {
	let sum = 0;
	let n = 0;
	for (let t = SEASON; t < values.length; t++) {
		sum += Math.abs(values[t]! - values[t - SEASON]!);
		n++;
	}
	return n ? sum / n : 0;
}

export function smape(forecast: number, actual: number): number {
	const d = Math.abs(forecast) + Math.abs(actual);
	return d === 0 ? 0 : (200 * Math.abs(forecast - actual)) / d;
}

interface Accumulator {
	level: Level;
	volume: number;
	cases: number;
	scaledCases: number;
	ase: number;
	aseNaive: number;
	smape: number;
	smapeNaive: number;
	in80: number;
	in95: number;
}

/** Back-tests one measure at the given origins (month indices of the last training month). */
export function backtestMeasure(
	measure: string,
	actuals: readonly Actual[],
	start: number,
	end: number,
	origins: readonly number[],
	horizon: number,
	breakYears?: readonly number[],
	method: { naiveWeight?: number; select?: boolean; driverActuals?: readonly Actual[] } = {},
	periods: readonly OriginPeriod[] = [],
): MeasureBacktest {
	const full = buildHierarchy(actuals, start, end);
	const groups = [{ name: 'all', from: -Infinity, to: Infinity }, ...periods].map((p) => ({
		...p,
		acc: new Map<string, Accumulator>(),
		byHorizon: Array.from({ length: horizon }, () => ({ in80: 0, cases: 0 })),
	}));
	for (const origin of origins) {
		if (origin + horizon > end) continue;
		const into = groups.filter((g) => origin >= g.from && origin <= g.to);
		const train = buildHierarchy(actuals, start, origin);
		const forecasts = forecastHierarchy(train, horizon, breakYears, {
			naiveWeight: method.naiveWeight,
			select: method.select,
			driver: method.driverActuals ? buildHierarchy(method.driverActuals, start, origin) : undefined,
		});
		for (const f of forecasts) {
			const k = keyOf(f.key);
			const trainSeries = train.series.get(k)!.series;
			const naive = seasonalNaive(trainSeries, horizon);
			const scale = maseScale(trainSeries.values);
			const truth = full.series.get(k)?.series;
			for (const g of into) {
				let a = g.acc.get(k);
				if (!a) {
					a = { level: f.key.level, volume: 0, cases: 0, scaledCases: 0, ase: 0, aseNaive: 0, smape: 0, smapeNaive: 0, in80: 0, in95: 0 };
					g.acc.set(k, a);
				}
				for (let h = 1; h <= horizon; h++) {
					const actual = truth ? truth.values[origin + h - start]! : 0;
					const step = f.steps[h - 1]!;
					a.volume += actual;
					a.cases++;
					if (scale > 0) {
						a.scaledCases++;
						a.ase += Math.abs(step.point - actual) / scale;
						a.aseNaive += Math.abs(naive[h - 1]! - actual) / scale;
					}
					a.smape += smape(step.point, actual);
					a.smapeNaive += smape(naive[h - 1]!, actual);
					const in80 = actual >= step.lo80 - 1e-9 && actual <= step.hi80 + 1e-9;
					if (in80) a.in80++;
					if (actual >= step.lo95 - 1e-9 && actual <= step.hi95 + 1e-9) a.in95++;
					g.byHorizon[h - 1]!.cases++;
					if (in80) g.byHorizon[h - 1]!.in80++;
				}
			}
		}
	}
	const [all, ...rest] = groups.map((g) => scoreGroup(g.acc, g.byHorizon));
	return {
		measure,
		origins: origins.filter((o) => o + horizon <= end).map(isoMonth),
		horizon,
		levels: all!.levels,
		coverage80ByHorizon: all!.coverage80ByHorizon,
		series: all!.series,
		periods: rest.map((r, i) => ({
			name: periods[i]!.name,
			origins: origins.filter((o) => o + horizon <= end && o >= periods[i]!.from && o <= periods[i]!.to).map(isoMonth),
			levels: r.levels,
			coverage80ByHorizon: r.coverage80ByHorizon,
		})),
	};
}

function scoreGroup(acc: Map<string, Accumulator>, byHorizon: { in80: number; cases: number }[]) {
	const series: SeriesScore[] = [...acc].map(([key, a]) => ({
		key,
		level: a.level,
		volume: a.volume,
		cases: a.cases,
		mase: a.scaledCases ? a.ase / a.scaledCases : Number.NaN,
		maseNaive: a.scaledCases ? a.aseNaive / a.scaledCases : Number.NaN,
		smape: a.smape / a.cases,
		smapeNaive: a.smapeNaive / a.cases,
		in80: a.in80,
		in95: a.in95,
	}));
	const levels = (['national', 'country', 'country_sector'] as const).map((level) =>
		summarise(
			level,
			series.filter((s) => s.level === level),
		),
	);
	return { levels, series, coverage80ByHorizon: byHorizon.map((b) => (b.cases ? b.in80 / b.cases : Number.NaN)) };
}

function summarise(level: Level, series: SeriesScore[]): LevelSummary {
	const scored = series.filter((s) => Number.isFinite(s.mase) && s.volume > 0);
	const w = scored.reduce((t, s) => t + s.volume, 0) || 1;
	const wAll = series.reduce((t, s) => t + s.volume, 0) || 1;
	const cases = series.reduce((t, s) => t + s.cases, 0) || 1;
	return {
		level,
		series: series.length,
		scored: scored.length,
		cases: series.reduce((t, s) => t + s.cases, 0),
		weightedMase: scored.reduce((t, s) => t + s.mase * s.volume, 0) / w,
		weightedMaseNaive: scored.reduce((t, s) => t + s.maseNaive * s.volume, 0) / w,
		improvement: 1 - scored.reduce((t, s) => t + s.mase * s.volume, 0) / (scored.reduce((t, s) => t + s.maseNaive * s.volume, 0) || 1),
		betterShare: scored.length ? scored.filter((s) => s.mase < s.maseNaive).length / scored.length : Number.NaN,
		meanSmape: series.reduce((t, s) => t + s.smape, 0) / (series.length || 1),
		meanSmapeNaive: series.reduce((t, s) => t + s.smapeNaive, 0) / (series.length || 1),
		weightedSmape: series.reduce((t, s) => t + s.smape * s.volume, 0) / wAll,
		weightedSmapeNaive: series.reduce((t, s) => t + s.smapeNaive * s.volume, 0) / wAll,
		coverage80: series.reduce((t, s) => t + s.in80, 0) / cases,
		coverage95: series.reduce((t, s) => t + s.in95, 0) / cases,
	};
}

export interface YearEndCase {
	/** last complete month of the origin, YYYY-MM */
	origin: string;
	year: number;
	actual: number;
	achieved: number;
	method: { point: number; lo80: number; hi80: number; lo95: number; hi95: number };
	/** the old seasonal-shares projection: achieved / mean share, band achieved / max .. / min share */
	shares: { point: number; low: number; high: number; normalYears: number } | null;
}

/**
 * Year-end projections at each month end of complete years (December excluded: nothing is left),
 * by the method and by the old seasonal shares (normal years = complete earlier years not in the
 * break years).
 */
export function backtestYearEnd(
	series: MonthlySeries,
	origins: readonly number[],
	breakYears: readonly number[],
	sdScale?: (fit: EtsFit) => number,
	method: { naiveWeight?: number; select?: boolean; driver?: MonthlySeries } = {},
): YearEndCase[] {
	const out: YearEndCase[] = [];
	const valueAt = (index: number) => series.values[index - series.start] ?? 0;
	const lastIndex = series.start + series.values.length - 1;
	for (const origin of origins) {
		const { year, month } = monthOfIndex(origin);
		if (month === 12) continue;
		const yearEnd = year * 12 + 11;
		if (yearEnd > lastIndex) continue;
		const train = { start: series.start, values: series.values.slice(0, origin - series.start + 1) };
		const driver = method.driver
			? seriesDriver(
					train,
					{ start: method.driver.start, values: method.driver.values.slice(0, origin - method.driver.start + 1) },
					breakYears,
				)
			: undefined;
		const y = projectYearEnd(train, null, {
			breakYears,
			paths: 1000,
			sdScale,
			naiveWeight: method.naiveWeight,
			select: method.select,
			driver,
		});
		let actual = 0;
		for (let m = year * 12; m <= yearEnd; m++) actual += valueAt(m);
		// old method: shares of earlier complete normal years reached by the end of the same month
		const shares: number[] = [];
		for (let ny = monthOfIndex(series.start).year; ny < year; ny++) {
			if (breakYears.includes(ny) || ny * 12 < series.start) continue;
			let total = 0;
			let upTo = 0;
			for (let m = 0; m < 12; m++) {
				total += valueAt(ny * 12 + m);
				if (m < month) upTo += valueAt(ny * 12 + m);
			}
			if (total > 0) shares.push(upTo / total);
		}
		const mean = shares.reduce((a, b) => a + b, 0) / (shares.length || 1);
		out.push({
			origin: isoMonth(origin),
			year,
			actual,
			achieved: y.achieved,
			method: { point: y.point, lo80: y.lo80, hi80: y.hi80, lo95: y.lo95, hi95: y.hi95 },
			shares: shares.length
				? {
						point: y.achieved / mean,
						low: y.achieved / Math.max(...shares),
						high: y.achieved / Math.min(...shares),
						normalYears: shares.length,
					}
				: null,
		});
	}
	return out;
}
