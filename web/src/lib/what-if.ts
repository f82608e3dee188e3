/**
 * The Quick Win what-if (docs/forecasting.md, "What-if"): "N more placements a month in the
 * priority occupations/markets" on top of the stored year-end projection (quick_win.forecast and
 * its 80 % band, from the latest forecast run). The extra placements are assumed to be
 * medium-to-high-skill (the priority occupations are) and to add to the months left, counted as
 * quick_win.months_remaining = 12 − days elapsed / days in year × 12 (the running month only for
 * its days still to come):
 *
 *   year-end(N) = forecast + N × months_remaining   (band: low and high moved by the same amount)
 *   target met  ⇔ year-end(N) ≥ target
 *
 * The model's own projection has no knowledge of the extra placements, so this is a shift of
 * the stored projection, not a new forecast.
 */

/** Largest N accepted (placements a month): above the whole target a year, the question is moot. */
export const WHAT_IF_MAX = 1_000_000;

/** The `whatif` URL parameter: a whole number 0..WHAT_IF_MAX, else invalid; absent = null. */
export function parseWhatIf(raw: string | null): { value: number | null; invalid: boolean } {
	if (raw === null || raw.trim() === '') return { value: null, invalid: false };
	const text = raw.trim();
	if (!/^\d{1,7}$/.test(text)) return { value: null, invalid: true };
	const value = Number(text);
	return value > WHAT_IF_MAX ? { value: null, invalid: true } : { value, invalid: false };
}

export interface WhatIf {
	extraPerMonth: number;
	/** placements added by 31 December */
	added: number;
	yearEnd: number;
	low: number | null;
	high: number | null;
	target: number | null;
	/** year-end(N) ≥ target (null without a target) */
	targetMet: boolean | null;
	/** target − year-end(N) when short, else 0 */
	shortfall: number | null;
	/** extra placements a month that would bring the projection to the target (0 when it already does) */
	neededPerMonth: number | null;
}

export function whatIf(
	stored: {
		forecast: number | null;
		forecastLow: number | null;
		forecastHigh: number | null;
		monthsRemaining: number | null;
		target: number | null;
	},
	extraPerMonth: number,
): WhatIf | null {
	const { forecast, monthsRemaining, target } = stored;
	if (forecast === null || monthsRemaining === null || !Number.isFinite(forecast) || !Number.isFinite(monthsRemaining)) return null;
	const added = extraPerMonth * Math.max(0, monthsRemaining);
	const yearEnd = forecast + added;
	return {
		extraPerMonth,
		added,
		yearEnd,
		low: stored.forecastLow === null ? null : stored.forecastLow + added,
		high: stored.forecastHigh === null ? null : stored.forecastHigh + added,
		target,
		targetMet: target === null ? null : yearEnd >= target,
		shortfall: target === null ? null : Math.max(0, target - yearEnd),
		neededPerMonth: target === null || monthsRemaining <= 0 ? null : Math.max(0, (target - forecast) / monthsRemaining),
	};
}
