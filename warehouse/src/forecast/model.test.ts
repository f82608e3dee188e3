import { describe, expect, it } from 'vitest';
import {
	driverLag,
	fitEts,
	forecastSeries,
	type MonthlySeries,
	monthIndex,
	pastErrorCalibration,
	projectYearEnd,
	quantile,
	recalibrate,
	seasonalNaive,
	seededRandom,
	simulatePaths,
	yearEndBandScale,
	Z80,
	Z95,
} from './model.ts';

/** A series with a known multiplicative seasonal pattern, growth and log-normal noise. */
function synthetic(options: { months: number; level: number; growth: number; noise: number; seed: number; start?: number }): MonthlySeries {
	const random = seededRandom(options.seed);
	const normal = () => Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
	const start = options.start ?? monthIndex(2019, 1);
	const values: number[] = [];
	for (let i = 0; i < options.months; i++) {
		const m = (start + i) % 12;
		const season = 1 + 0.4 * Math.sin((2 * Math.PI * m) / 12);
		values.push(Math.round(options.level * (1 + options.growth) ** i * season * Math.exp(options.noise * normal())));
	}
	return { start, values };
}

describe('ETS on log counts', () => {
	it('follows a known seasonal pattern more closely than the seasonal naive does on noisy data', () => {
		let etsError = 0;
		let naiveError = 0;
		for (let seed = 1; seed <= 20; seed++) {
			const full = synthetic({ months: 96, level: 1000, growth: 0.005, noise: 0.1, seed, start: monthIndex(2016, 1) });
			const train = { start: full.start, values: full.values.slice(0, 84) };
			const f = forecastSeries(train, { horizon: 12, breakYears: [] });
			const naive = seasonalNaive(train, 12);
			for (let h = 0; h < 12; h++) {
				etsError += Math.abs(f.steps[h]!.point - full.values[84 + h]!);
				naiveError += Math.abs(naive[h]! - full.values[84 + h]!);
			}
		}
		expect(etsError).toBeLessThan(naiveError);
	});

	it('recovers the seasonal peak month of the generating pattern', () => {
		const s = synthetic({ months: 72, level: 500, growth: 0, noise: 0.05, seed: 3 });
		const fit = fitEts(s, { breakYears: [] })!;
		// sin peaks in the fourth calendar month (index 3) and troughs in the tenth (index 9)
		const peak = fit.seasonal.indexOf(Math.max(...fit.seasonal));
		const trough = fit.seasonal.indexOf(Math.min(...fit.seasonal));
		expect(peak).toBe(3);
		expect(trough).toBe(9);
	});

	it('gives ordered, non-negative intervals that widen with the horizon', () => {
		const s = synthetic({ months: 70, level: 50, growth: 0.01, noise: 0.3, seed: 9 });
		const f = forecastSeries(s, { horizon: 12 });
		for (const step of f.steps) {
			expect(step.lo95).toBeGreaterThanOrEqual(0);
			expect(step.lo95).toBeLessThanOrEqual(step.lo80);
			expect(step.lo80).toBeLessThanOrEqual(step.point);
			expect(step.point).toBeLessThanOrEqual(step.hi80);
			expect(step.hi80).toBeLessThanOrEqual(step.hi95);
		}
		for (let h = 1; h < 12; h++) expect(f.sd[h]!).toBeGreaterThanOrEqual(f.sd[h - 1]!);
	});

	it('80 % and 95 % intervals cover simulated futures at about their nominal rate', () => {
		let in80 = 0;
		let in95 = 0;
		let cases = 0;
		for (let seed = 100; seed < 160; seed++) {
			const full = synthetic({ months: 90, level: 800, growth: 0.004, noise: 0.15, seed, start: monthIndex(2016, 1) });
			const train = { start: full.start, values: full.values.slice(0, 84) };
			const f = forecastSeries(train, { horizon: 6, breakYears: [] });
			f.steps.forEach((step, h) => {
				const actual = full.values[84 + h]!;
				if (actual >= step.lo80 && actual <= step.hi80) in80++;
				if (actual >= step.lo95 && actual <= step.hi95) in95++;
				cases++;
			});
		}
		expect(in80 / cases).toBeGreaterThan(0.7);
		expect(in80 / cases).toBeLessThan(0.92);
		expect(in95 / cases).toBeGreaterThan(0.88);
	});

	it('starts after the break years, so a collapse does not drag the level', () => {
		const s = synthetic({ months: 84, level: 1000, growth: 0, noise: 0.05, seed: 5 });
		// 2020-2021 (months 12..35) collapse to a tenth
		const broken = { start: s.start, values: s.values.map((v, i) => (i >= 12 && i < 36 ? Math.round(v / 10) : v)) };
		const withBreaks = forecastSeries(broken, { horizon: 6, breakYears: [2020, 2021] });
		const truth = forecastSeries(s, { horizon: 6, breakYears: [] });
		withBreaks.steps.forEach((step, h) => {
			expect(Math.abs(step.point - truth.steps[h]!.point) / truth.steps[h]!.point).toBeLessThan(0.15);
		});
	});

	it('falls back to the seasonal naive under two years and to the mean under one', () => {
		const s = synthetic({ months: 18, level: 100, growth: 0, noise: 0.1, seed: 2 });
		expect(forecastSeries(s, { horizon: 3 }).method).toBe('seasonal_naive');
		expect(forecastSeries({ start: s.start, values: s.values.slice(0, 6) }, { horizon: 3 }).method).toBe('mean');
		expect(forecastSeries({ start: s.start, values: [] }, { horizon: 2 }).steps[0]!.point).toBe(0);
	});
});

/**
 * A leading series and a follower: the follower's year-on-year growth is the leader's `lag` months
 * earlier (level steps up by 40 % in the leader at `stepAt`, and in the follower `lag` months later),
 * on a fixed seasonal pattern with small noise.
 */
function leaderAndFollower(lag: number, stepAt: number, months: number, seed: number) {
	const random = seededRandom(seed);
	const start = monthIndex(2019, 1);
	const leader: number[] = [];
	const follower: number[] = [];
	for (let i = 0; i < months; i++) {
		const season = 1 + 0.3 * Math.sin((2 * Math.PI * i) / 12);
		const noise = () => 1 + 0.04 * (random() - 0.5);
		leader.push(Math.round(1000 * season * (i >= stepAt ? 1.4 : 1) * noise()));
		follower.push(Math.round(400 * season * (i >= stepAt + lag ? 1.4 : 1) * noise()));
	}
	return { leader: { start, values: leader }, follower: { start, values: follower } };
}

describe('a leading series (applications leading placements)', () => {
	it('finds the lead at which year-on-year changes correlate best', () => {
		// several steps up and down in the leader, followed 3 months later
		const random = seededRandom(8);
		const start = monthIndex(2019, 1);
		const level = Array.from({ length: 72 }, (_, i) => 1 + 0.3 * Math.sin(i / 5) + 0.2 * Math.sin(i / 2.3));
		const leader = {
			start,
			values: level.map((l, i) => Math.round(1000 * l * (1 + 0.02 * random()) * (1 + 0.2 * Math.sin((2 * Math.PI * i) / 12)))),
		};
		const follower = {
			start,
			values: level.map((_, i) =>
				Math.round(300 * (level[Math.max(0, i - 3)] ?? 1) * (1 + 0.02 * random()) * (1 + 0.2 * Math.sin((2 * Math.PI * i) / 12))),
			),
		};
		expect(driverLag(follower, leader, [])).toBe(3);
		// no driver without a positive correlation: a leader moving against the follower
		const against = { start, values: follower.values.map((v) => Math.round(1e6 / v)) };
		expect(driverLag(follower, { start, values: against.values.slice() }, [])).toBe(null);
	});

	it("moves the seasonal naive by the leader's growth, so a step the leader took is forecast before it shows", () => {
		// the leader steps up 40 % at month 60; at origin 61 the follower has not moved yet (lead 3)
		const { leader, follower } = leaderAndFollower(3, 60, 62, 4);
		const train = { start: follower.start, values: follower.values.slice(0, 62) };
		const truth = leaderAndFollower(3, 60, 68, 4).follower.values;
		const driver = { values: leader.values.map((v) => Math.log1p(v)), lag: 3 };
		const without = forecastSeries(train, { horizon: 6, breakYears: [], naiveWeight: 0.7 });
		const withDriver = forecastSeries(train, { horizon: 6, breakYears: [], naiveWeight: 0.7, driver });
		// months 63..67 (h = 2..6) are after the follower's step
		let errorWithout = 0;
		let errorWith = 0;
		for (let h = 2; h <= 6; h++) {
			errorWithout += Math.abs(without.steps[h - 1]!.point - truth[61 + h]!);
			errorWith += Math.abs(withDriver.steps[h - 1]!.point - truth[61 + h]!);
		}
		expect(errorWith).toBeLessThan(errorWithout * 0.8);
		// h = 1 (month 62) is before the follower's step: the driver reads the leader 3 months earlier (59), before its step
		expect(Math.abs(withDriver.steps[0]!.point - without.steps[0]!.point) / without.steps[0]!.point).toBeLessThan(0.05);
	});
});

describe('interval calibration', () => {
	it('follows the typical in-sample error, not the root mean square of rare shocks: the factor may be below 1', () => {
		// small noise with a shock of ±60 % in one month a year: the shocks inflate σ (a root mean
		// square), while 80 % of the errors are small
		const random = seededRandom(21);
		const start = monthIndex(2016, 1);
		const values = Array.from({ length: 84 }, (_, i) => {
			const shock = i % 12 === 5 ? (random() < 0.5 ? 0.4 : 1.6) : 1;
			return Math.round(1000 * (1 + 0.3 * Math.sin((2 * Math.PI * i) / 12)) * (1 + 0.04 * (random() - 0.5)) * shock);
		});
		const fit = fitEts({ start, values }, { breakYears: [] })!;
		expect(fit.scale).toBeLessThan(1);
		// and an interval never narrower than the model's own when asked (the alerts)
		expect(fitEts({ start, values }, { breakYears: [], scaleFloor: 1 })!.scale).toBe(1);
	});
});

describe('seasonal naive', () => {
	it('repeats the same calendar month of the last year', () => {
		const values = Array.from({ length: 30 }, (_, i) => i);
		expect(seasonalNaive({ start: 0, values }, 14)).toEqual([18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 18, 19]);
	});
});

describe('year-end projection', () => {
	it('is the achieved total plus simulated months, with bands that hold the simulated truth about as often as they say', () => {
		let in80 = 0;
		let cases = 0;
		for (let seed = 200; seed < 240; seed++) {
			const full = synthetic({ months: 96, level: 2000, growth: 0.003, noise: 0.12, seed, start: monthIndex(2016, 1) });
			// as of the end of June of the last year
			const cut = 84 + 6;
			const train = { start: full.start, values: full.values.slice(0, cut) };
			const y = projectYearEnd(train, null, { breakYears: [], paths: 500 });
			const achieved = full.values.slice(84, cut).reduce((a, b) => a + b, 0);
			const actual = full.values.slice(84, 96).reduce((a, b) => a + b, 0);
			expect(y.achieved).toBe(achieved);
			expect(y.lo95).toBeLessThanOrEqual(y.lo80);
			expect(y.lo80).toBeLessThanOrEqual(y.point);
			expect(y.point).toBeLessThanOrEqual(y.hi80);
			expect(y.hi80).toBeLessThanOrEqual(y.hi95);
			expect(y.lo95).toBeGreaterThanOrEqual(achieved);
			if (actual >= y.lo80 && actual <= y.hi80) in80++;
			cases++;
		}
		expect(in80 / cases).toBeGreaterThan(0.6);
		expect(in80 / cases).toBeLessThan(0.97);
	});

	it('calibrates the band on in-sample rest-of-year errors: 1 without a year of them, narrower when the fit erred less than it simulates', () => {
		// July 2019 - June 2021: after the first year, only five month ends see their year end (under 6)
		const short = synthetic({ months: 24, level: 2000, growth: 0, noise: 0.1, seed: 5, start: monthIndex(2019, 7) });
		expect(yearEndBandScale(short, fitEts(short, { breakYears: [] })!, [])).toBe(1);
		// i.i.d. month noise: rest-of-year sums average it out, while the simulated paths carry each
		// month's error into the level (α > 0), so the calibrated factor is below 1
		const long = synthetic({ months: 84, level: 2000, growth: 0, noise: 0.15, seed: 9 });
		const fit = fitEts(long, { breakYears: [] })!;
		const scale = yearEndBandScale(long, fit, []);
		expect(scale).toBeGreaterThanOrEqual(0.3);
		expect(scale).toBeLessThanOrEqual(3);
		const wide = projectYearEnd({ ...long, values: long.values.slice(0, 78) }, null, {
			breakYears: [],
			paths: 500,
			sdScale: (f) => f.scale,
		});
		const calibrated = projectYearEnd({ ...long, values: long.values.slice(0, 78) }, null, { breakYears: [], paths: 500 });
		const ratio = (calibrated.hi80 - calibrated.lo80) / (wide.hi80 - wide.lo80);
		const own = yearEndBandScale(
			{ ...long, values: long.values.slice(0, 78) },
			fitEts({ ...long, values: long.values.slice(0, 78) }, { breakYears: [] })!,
			[],
		);
		// the band's width follows the factor (about linearly for bands this narrow)
		expect(ratio).toBeGreaterThan(own * 0.8);
		expect(ratio).toBeLessThan(own * 1.25);
	});

	it('never projects the running month below what it already has', () => {
		const s = synthetic({ months: 70, level: 100, growth: 0, noise: 0.1, seed: 11 });
		const huge = 1e6;
		const y = projectYearEnd(s, huge, { paths: 200 });
		expect(y.lo95).toBeGreaterThanOrEqual(huge);
	});

	it('simulated paths are the same for the same seed', () => {
		const fit = fitEts(synthetic({ months: 60, level: 100, growth: 0, noise: 0.1, seed: 4 }))!;
		expect(simulatePaths(fit, 3, 5, 1)).toEqual(simulatePaths(fit, 3, 5, 1));
		expect(quantile([3, 1, 2], 0.5)).toBe(2);
	});
});

/** A smooth wandering level with no seasonality (like the national slots), log-normal noise. */
function wandering(options: { months: number; seed: number; start?: number }): MonthlySeries {
	const random = seededRandom(options.seed);
	const start = options.start ?? monthIndex(2019, 1);
	const values: number[] = [];
	let level = Math.log(1000);
	let slope = 0;
	for (let i = 0; i < options.months; i++) {
		// the slope itself wanders (months of growth, then of decline), as the national demand does
		slope = 0.9 * slope + 0.02 * (random() - 0.5);
		level += slope;
		values.push(Math.round(Math.exp(level) * (1 + 0.02 * (random() - 0.5))));
	}
	return { start, values };
}

describe('model choice on in-sample errors (select)', () => {
	it('picks the non-seasonal damped trend for a smooth series without seasonality, and it forecasts closer', () => {
		let chosen = 0;
		let errorSelect = 0;
		let errorSeasonal = 0;
		for (let seed = 1; seed <= 12; seed++) {
			const full = wandering({ months: 84, seed, start: monthIndex(2016, 1) });
			const train = { start: full.start, values: full.values.slice(0, 78) };
			const selected = forecastSeries(train, { horizon: 6, breakYears: [], select: true });
			const seasonal = forecastSeries(train, { horizon: 6, breakYears: [] });
			if (selected.method === 'damped_trend') chosen++;
			for (let h = 0; h < 6; h++) {
				errorSelect += Math.abs(selected.steps[h]!.point - full.values[78 + h]!);
				errorSeasonal += Math.abs(seasonal.steps[h]!.point - full.values[78 + h]!);
			}
		}
		expect(chosen).toBeGreaterThanOrEqual(9);
		expect(errorSelect).toBeLessThan(errorSeasonal);
	});

	it('keeps the seasonal model for a seasonal series', () => {
		for (let seed = 1; seed <= 5; seed++) {
			const s = synthetic({ months: 72, level: 1000, growth: 0.002, noise: 0.05, seed });
			const f = forecastSeries(s, { horizon: 6, breakYears: [], select: true });
			expect(f.method).toBe('ets');
			expect(f.fit!.seasonalModel).toBe(true);
		}
	});
});

describe('the 95 % interval is calibrated on its own quantile', () => {
	it('is wider than the 80 % one scaled by z95 / z80 when the errors have heavy tails (rare large errors)', () => {
		// mostly small noise, with a large error one month in twenty: tails heavier than normal
		const random = seededRandom(5);
		const start = monthIndex(2016, 1);
		const values = Array.from({ length: 96 }, (_, i) => {
			const shock = random() < 0.05 ? Math.exp((random() < 0.5 ? -1 : 1) * 0.5) : 1;
			return Math.round(1000 * (1 + 0.3 * Math.sin((2 * Math.PI * i) / 12)) * Math.exp(0.03 * (random() - 0.5)) * shock);
		});
		const fit = fitEts({ start, values }, { breakYears: [] })!;
		expect(fit.scale95).toBeGreaterThan(fit.scale * 1.2);
		const f = forecastSeries({ start, values }, { horizon: 1, breakYears: [] });
		const step = f.steps[0]!;
		const half80 = Math.log1p(step.hi80) - Math.log1p(step.point);
		const half95 = Math.log1p(step.hi95) - Math.log1p(step.point);
		expect(half95 / half80).toBeGreaterThan((1.96 / 1.2816) * 1.2);
	});

	it('a calibration asks for its quantiles: a higher 80 % quantile widens the 80 % interval, widen95 only the 95 %', () => {
		const s = synthetic({ months: 84, level: 300, growth: 0, noise: 0.2, seed: 8 });
		const base = forecastSeries(s, { horizon: 3, breakYears: [], calibration: { q80: 0.8, q95: 0.95 } });
		const wider80 = forecastSeries(s, { horizon: 3, breakYears: [], calibration: { q80: 0.9, q95: 0.95 } });
		const wider95 = forecastSeries(s, { horizon: 3, breakYears: [], calibration: { q80: 0.8, q95: 0.95, widen95: 1.3 } });
		for (let h = 0; h < 3; h++) {
			expect(wider80.steps[h]!.hi80).toBeGreaterThan(base.steps[h]!.hi80);
			expect(wider95.steps[h]!.hi80).toBeCloseTo(base.steps[h]!.hi80, 9);
			expect(wider95.steps[h]!.hi95).toBeGreaterThan(base.steps[h]!.hi95);
			expect(wider95.steps[h]!.lo95).toBeLessThan(base.steps[h]!.lo95 + 1e-9);
		}
	});
});

describe('out-of-sample calibration from past errors (pastErrorCalibration, a study; not the method)', () => {
	it('uses only the earlier origins of the same regime as the whole series (after the break years)', () => {
		// 2019-01 … 2024-12 with 2020–2021 as break years: the whole series' filter starts in 2022-01,
		// and a cut does too once it has 12 months after it (last month 2022-12, 48 months): the cuts
		// of 48..71 months, 24 origins, and min(6, 72 − cut) errors each
		const s = synthetic({ months: 72, level: 400, growth: 0, noise: 0.1, seed: 41 });
		const c = pastErrorCalibration(s, { breakYears: [2020, 2021] })!;
		expect(c.origins).toBe(24);
		expect(c.cases).toBe(1 + 2 + 3 + 4 + 5 + 6 * 19);
		expect(pastErrorCalibration(s, { breakYears: [2020, 2021] }, { minCases: 130 })).toBeNull();
		// a window keeps the last origins only
		expect(pastErrorCalibration(s, { breakYears: [2020, 2021] }, { window: 10 })!.origins).toBe(10);
	});

	it("is the 80th (95th) percentile of |log error| / the forecast's own sd at each earlier origin, over Z80 (Z95)", () => {
		const s = synthetic({ months: 60, level: 300, growth: 0.005, noise: 0.2, seed: 43 });
		const options = { breakYears: [] as number[], naiveWeight: 0.5, select: true };
		const ratios: number[] = [];
		for (let cut = 24; cut < s.values.length; cut++) {
			const f = forecastSeries({ start: s.start, values: s.values.slice(0, cut) }, { ...options, horizon: 6 });
			for (let h = 1; h <= 6 && cut + h - 1 < s.values.length; h++)
				ratios.push(Math.abs(Math.log1p(s.values[cut + h - 1]!) - Math.log1p(f.steps[h - 1]!.point)) / f.sd[h - 1]!);
		}
		const c = pastErrorCalibration(s, options)!;
		expect(c.cases).toBe(ratios.length);
		expect(c.f80).toBeCloseTo(quantile(ratios, 0.8) / Z80, 10);
		expect(c.f95).toBeCloseTo(Math.max(c.f80, quantile(ratios, 0.95) / Z95), 10);
	});

	it('re-set intervals keep the point, stay ordered (80 % inside 95 %) and have the calibrated widths', () => {
		const s = synthetic({ months: 60, level: 200, growth: 0, noise: 0.15, seed: 47 });
		const f = forecastSeries(s, { horizon: 12, breakYears: [] });
		const r = recalibrate(f, { f80: 1.4, f95: 1.7, cases: 100, origins: 30 });
		r.steps.forEach((step, k) => {
			expect(step.point).toBeCloseTo(f.steps[k]!.point, 9);
			expect(step.lo95).toBeLessThanOrEqual(step.lo80);
			expect(step.lo80).toBeLessThanOrEqual(step.point);
			expect(step.hi80).toBeLessThanOrEqual(step.hi95);
			expect(Math.log1p(step.hi80) - Math.log1p(step.point)).toBeCloseTo(Z80 * f.sd[k]! * 1.4, 9);
			expect(Math.log1p(step.hi95) - Math.log1p(step.point)).toBeCloseTo(Z95 * f.sd[k]! * 1.7, 9);
		});
	});

	it('a series whose noise quadruples in its last years gets wider intervals than its in-sample quantile gives', () => {
		// in-sample errors mix the calm years and the noisy ones; the last two years of origins see only the noisy
		let wider = 0;
		let calmWider = 0;
		for (let seed = 60; seed < 70; seed++) {
			const calm = synthetic({ months: 84, level: 500, growth: 0, noise: 0.05, seed, start: monthIndex(2016, 1) });
			const noisy = synthetic({ months: 84, level: 500, growth: 0, noise: 0.2, seed: seed + 1000, start: monthIndex(2016, 1) });
			const s = { start: calm.start, values: calm.values.map((v, i) => (i < 48 ? v : noisy.values[i]!)) };
			const c = pastErrorCalibration(s, { breakYears: [] }, { window: 24 })!;
			if (c.f80 > 1.4) wider++;
			// the same series without the change: about its in-sample width
			if (pastErrorCalibration(calm, { breakYears: [] }, { window: 24 })!.f80 > 1.4) calmWider++;
		}
		expect(wider).toBeGreaterThanOrEqual(9);
		expect(calmWider).toBeLessThanOrEqual(1);
	});
});
