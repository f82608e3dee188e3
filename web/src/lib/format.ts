/**
 * Number formatting for both languages. Indonesian uses '.' for thousands and ',' for decimals.
 */
import type { Lang } from './i18n/index.ts';

const locales: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

export type ValueFormat = 'number' | 'percent' | 'currency' | 'decimal';

/**
 * One formatter per language and style, made once: building an Intl formatter costs far more than
 * formatting, and a page formats hundreds of numbers on every server render (issue #13). Looked
 * up by a short name of the style, not by its options as JSON: JSON.stringify for every number
 * formatted was ≈ 2 % of /matching's server time nationally (docs/performance.md).
 */
const formatters = new Map<string, Intl.NumberFormat>();
const NUMBER_STYLES = {
	percent: { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 },
	currency: { style: 'currency', currency: 'USD', maximumFractionDigits: 0 },
	decimal: { maximumFractionDigits: 1 },
	number: { maximumFractionDigits: 0 },
	per100: { minimumFractionDigits: 1, maximumFractionDigits: 1 },
	ratio: { minimumFractionDigits: 2, maximumFractionDigits: 2 },
	compact: { notation: 'compact', maximumFractionDigits: 1 },
} as const satisfies Record<string, Intl.NumberFormatOptions>;
function numberFormat(lang: Lang, style: keyof typeof NUMBER_STYLES): Intl.NumberFormat {
	const key = `n${lang}${style}`;
	let f = formatters.get(key) as Intl.NumberFormat | undefined;
	if (!f) {
		f = new Intl.NumberFormat(locales[lang], NUMBER_STYLES[style]);
		formatters.set(key, f);
	}
	return f;
}
export function formatValue(value: number | null | undefined, format: ValueFormat, lang: Lang): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '–';
	switch (format) {
		case 'percent':
			// always one decimal: "3,0 %" beside "29,7 %", not "3 %" (a reader compares them in a column)
			return numberFormat(lang, 'percent').format(value);
		case 'currency':
			return numberFormat(lang, 'currency').format(value);
		case 'decimal':
			return numberFormat(lang, 'decimal').format(value);
		default:
			return numberFormat(lang, 'number').format(value);
	}
}

/** A rate per 100 that may pass 100 (not a share): one decimal, no % sign — "766,7" / "766.7". */
export function formatPer100(value: number | null | undefined, lang: Lang): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '–';
	return numberFormat(lang, 'per100').format(value);
}

/** A ratio, not a percentage (it may pass 1): two decimals — "1,03" / "1.03". */
export function formatRatio(value: number | null | undefined, lang: Lang): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '–';
	return numberFormat(lang, 'ratio').format(value);
}

/** Short form for tiles and axes: 296.948 → "297 rb" / "297k". */
export function formatCompact(value: number | null | undefined, lang: Lang): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '–';
	return numberFormat(lang, 'compact').format(value);
}

/**
 * Month names in each language, written here rather than taken from the browser or Intl, so a
 * page shows its own language whatever the reader's browser speaks. The short names are the
 * first three letters of these ("Agu", "Okt", "Des"; not the locale's "Sept").
 */
export const MONTH_NAMES: Record<Lang, readonly string[]> = {
	id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
	en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

const monthNames: Record<Lang, string[]> = {
	id: MONTH_NAMES.id.map((name) => name.slice(0, 3)),
	en: MONTH_NAMES.en.map((name) => name.slice(0, 3)),
};

/** "2026-03" → "Mar 2026" / "Mar 2026"; "2026-05" → "Mei 2026" / "May 2026". */
export function formatMonth(month: string, lang: Lang): string {
	const [y, m] = month.split('-');
	return `${monthNames[lang][Number(m) - 1] ?? m} ${y}`;
}

/** "2026-05" → "Mei 2026" / "May 2026" in full: "2026-01" → "Januari 2026" / "January 2026". */
export function formatMonthLong(month: string, lang: Lang): string {
	const [y, m] = month.split('-');
	return `${MONTH_NAMES[lang][Number(m) - 1] ?? m} ${y}`;
}

/**
 * A 0–6 language level as its CEFR band ("≥ A2"): the scale of common/reference
 * (LANGUAGE_LEVEL_CEFR), which the web cannot import (it reads its CSVs from disk at start).
 */
export function formatLanguageLevel(level: number | null): string {
	const bands = ['–', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'];
	return level === null ? '–' : (bands[level] ?? String(level));
}

/** "2026-12-04" → "4 Des 2026" / "4 Dec 2026": the same month names as formatMonth (not the locale's "Sept"). */
export function formatDate(iso: string, lang: Lang): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
	const name = match ? monthNames[lang][Number(match[2]) - 1] : undefined;
	if (!match || !name) return iso;
	return `${Number(match[3])} ${name} ${match[1]}`;
}

/** "1 Jan–15 Nov 2026" (the year once when both days share it). */
export function formatDayRange(from: string, to: string, lang: Lang): string {
	const start = formatDate(from, lang);
	return from.slice(0, 4) === to.slice(0, 4) ? `${start.slice(0, -5)}–${formatDate(to, lang)}` : `${start}–${formatDate(to, lang)}`;
}

/**
 * A time from Cube as an ISO string: Cube returns time dimensions as UTC timestamps without a zone
 * suffix ('2026-12-06T04:44:00.000'), which `new Date` would read as local time. A value that
 * already names its zone is kept; nothing, or something that is not a time, gives null.
 */
export function cubeTimeIso(value: unknown): string | null {
	if (value === null || value === undefined || value === '') return null;
	const text = String(value);
	const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * A timestamp for "data last loaded" lines, in the reader's language, UTC+7 (WIB): "22 Nov 2026,
 * 10.00 WIB" / "22 Nov 2026, 10:00 WIB" (each language's time separator, formatDate's month names).
 * Written out by hand, not with Intl.DateTimeFormat: WIB has no daylight saving, the locale's
 * medium date wrote "2 Sept 2026" beside formatDate's "2 Sep 2026", and a formatter with a time
 * zone loads the zone data on a page's first visit (≈ 3–10 ms in Chromium here, besides the
 * 23–77 ms of the first Intl formatter of a page, which a number still pays).
 */
export function formatTimestamp(iso: string, lang: Lang): string {
	const time = new Date(iso).getTime();
	if (Number.isNaN(time)) return iso;
	const wib = new Date(time + 7 * 3_600_000).toISOString();
	return `${formatDate(wib, lang)}, ${wib.slice(11, 13)}${lang === 'id' ? '.' : ':'}${wib.slice(14, 16)} WIB`;
}
