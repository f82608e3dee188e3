/**
 * Which periods the data cover only in part. The data stop at their as-of date (the latest event
 * date); a month or year that contains it but ends later is still running, and its figures are
 * partial: charts mark it, labels name the as-of date instead of an end that has not come yet.
 */
import { monthEnd } from './filters.ts';
import { formatDate, formatMonth } from './format.ts';
import { type Lang, translator } from './i18n/index.ts';

/** The running month, YYYY-MM, when the as-of date is not its last day; otherwise null. */
export function partialMonth(asOf: string | null): string | null {
	if (!asOf) return null;
	const month = asOf.slice(0, 7);
	return monthEnd(month) === asOf.slice(0, 10) ? null : month;
}

/** The running year, YYYY, when the as-of date is not 31 December; otherwise null. */
export function partialYear(asOf: string | null): string | null {
	if (!asOf) return null;
	return asOf.slice(5, 10) === '12-31' ? null : asOf.slice(0, 4);
}

/**
 * The last day a period ending in month `to` (YYYY-MM) really covers: its month end, or the as-of
 * date when the month end is later (the data stop there). `cut` says the period was cut.
 */
export function coveredEnd(to: string, asOf: string | null): { date: string; cut: boolean } {
	const end = monthEnd(to);
	if (asOf && asOf.slice(0, 10) < end) return { date: asOf.slice(0, 10), cut: true };
	return { date: end, cut: false };
}

/**
 * The partial-period marking for a trend whose x axis lists `periods` (YYYY-MM months or YYYY
 * years, in order): from the running period on, with its label and the note "Nov 2026: running
 * month, data up to 15 Nov 2026". Null when no listed period is running.
 */
export function partialMarker(
	periods: readonly string[],
	asOf: string | null,
	lang: Lang,
): { from: number; mark: string; note: string } | null {
	if (!asOf || periods.length === 0) return null;
	const yearly = periods[0]?.length === 4;
	const running = yearly ? partialYear(asOf) : partialMonth(asOf);
	const from = running ? periods.indexOf(running) : -1;
	if (!running || from < 0) return null;
	const t = translator(lang);
	return {
		from,
		mark: t('chart.partialMark'),
		note: t(yearly ? 'chart.partialYear' : 'chart.partialMonth')
			.replace('{period}', yearly ? running : formatMonth(running, lang))
			.replace('{date}', formatDate(asOf, lang)),
	};
}
