/**
 * Number formatting for both languages. Indonesian uses '.' for thousands and ',' for decimals.
 */
import type { Lang } from './i18n/index.ts';

export type ValueFormat = 'number' | 'percent' | 'currency' | 'decimal';

/**
 * Numbers written out by hand, to the character what `Intl.NumberFormat` of id-ID and en-GB writes
 * (format.test.ts compares them over 30,061 values per style and language): a page's first Intl number
 * formatter loads the locale's ICU data, and every style another part of it — in Chromium here
 * 50–72 ms of a first visit's hydration, the largest piece of script on /markets/SA besides ECharts
 * (docs/performance.md, "Numbers without Intl"). Rounding is Intl's: half away from zero, on the
 * shortest decimal that reads back as the same double (1.005 → "1,01", as ICU, not toFixed's "1.00").
 */
const SEPARATORS: Record<Lang, { group: string; decimal: string }> = {
	id: { group: '.', decimal: ',' },
	en: { group: ',', decimal: '.' },
};

/** A finite number as its shortest decimal: the digits without leading zeros and the exponent of the first. */
function decimalOf(value: number): { negative: boolean; digits: string; exponent: number } {
	const [mantissa = '0', exponent = '0'] = Math.abs(value).toExponential().split('e');
	const digits = mantissa.replace('.', '');
	return { negative: value < 0 || Object.is(value, -0), digits, exponent: Number(exponent) };
}

/** One more in the last digit of a string of decimal digits ("0999" → "1000"). */
function increment(digits: string): string {
	let i = digits.length - 1;
	while (i >= 0 && digits[i] === '9') i--;
	return i < 0 ? `1${'0'.repeat(digits.length)}` : `${digits.slice(0, i)}${Number(digits[i]) + 1}${'0'.repeat(digits.length - i - 1)}`;
}

/**
 * |value| × 10^shift rounded half away from zero to `fraction` decimals, as the digits of
 * |value| × 10^(shift + fraction) — exact, on the decimal digits, never on the binary double.
 */
function roundedDigits(digits: string, exponent: number, shift: number, fraction: number): string {
	const kept = exponent + shift + fraction + 1;
	if (digits === '0') return '0';
	if (kept <= 0) return kept === 0 && (digits[0] ?? '0') >= '5' ? '1' : '0';
	if (kept >= digits.length) return digits + '0'.repeat(kept - digits.length);
	const head = digits.slice(0, kept);
	return (digits[kept] ?? '0') >= '5' ? increment(head) : head;
}

/** Groups of three, as the locale writes them; `minimum`: the fewest digits before a first group (compact: 2). */
function grouped(integer: string, separator: string, minimum: number): string {
	if (integer.length < 3 + minimum) return integer;
	let out = integer.slice(-3);
	let rest = integer.slice(0, -3);
	while (rest.length > 3) {
		out = `${rest.slice(-3)}${separator}${out}`;
		rest = rest.slice(0, -3);
	}
	return `${rest}${separator}${out}`;
}

interface Style {
	/** powers of ten the value is scaled by (a percent: 2) */
	shift: number;
	minFraction: number;
	maxFraction: number;
}

/** The number (already scaled) written with the locale's separators, the sign kept as Intl keeps it ("-0"). */
function written(value: number, style: Style, lang: Lang, groupMinimum = 1): { sign: string; text: string; digits: string } {
	let negative: boolean;
	let n: string;
	if (Number.isInteger(value) && value !== 0 && style.shift >= 0 && Math.abs(value) < 1e21) {
		// the common case, a count: its digits as they are, nothing to round
		negative = value < 0;
		n = String(Math.abs(value)) + '0'.repeat(style.shift + style.maxFraction);
	} else {
		const decimal = decimalOf(value);
		negative = decimal.negative;
		n = roundedDigits(decimal.digits, decimal.exponent, style.shift, style.maxFraction).padStart(style.maxFraction + 1, '0');
	}
	const integer = n.slice(0, n.length - style.maxFraction);
	let fraction = n.slice(n.length - style.maxFraction);
	while (fraction.length > style.minFraction && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
	const { group, decimal } = SEPARATORS[lang];
	return {
		sign: negative ? '-' : '',
		text: `${grouped(integer, group, groupMinimum)}${fraction ? decimal + fraction : ''}`,
		digits: integer,
	};
}

const STYLES = {
	percent: { shift: 2, minFraction: 1, maxFraction: 1 },
	currency: { shift: 0, minFraction: 0, maxFraction: 0 },
	decimal: { shift: 0, minFraction: 0, maxFraction: 1 },
	number: { shift: 0, minFraction: 0, maxFraction: 0 },
	per100: { shift: 0, minFraction: 1, maxFraction: 1 },
	ratio: { shift: 0, minFraction: 2, maxFraction: 2 },
} as const satisfies Record<string, Style>;

const FORMATS: readonly string[] = ['number', 'percent', 'currency', 'decimal'] satisfies ValueFormat[];

function plain(value: number, style: keyof typeof STYLES, lang: Lang): string {
	const { sign, text } = written(value, STYLES[style], lang);
	if (style === 'percent') return `${sign}${text}%`;
	if (style === 'currency') return `${sign}US$${text}`;
	return `${sign}${text}`;
}

/** The compact units of each language, thousands to trillions (CLDR's short forms, Indonesian after a no-break space: "rb", "jt", "M", "T"; "k", "m", "bn", "tn"). */
const COMPACT_UNITS: Record<Lang, readonly string[]> = {
	id: ['', '\u00a0rb', '\u00a0jt', '\u00a0M', '\u00a0T'],
	en: ['', 'k', 'm', 'bn', 'tn'],
};

/** Short form, one decimal at most: the unit of the rounded value (999.950 → "1 jt", not "1.000 rb"). */
function compact(value: number, lang: Lang): string {
	const { exponent } = decimalOf(value);
	let unit = Math.max(0, Math.min(4, Math.floor(exponent / 3)));
	let out = written(value, { shift: -3 * unit, minFraction: 0, maxFraction: 1 }, lang, 2);
	if (out.digits.length > 3 && unit < 4) {
		unit++;
		out = written(value, { shift: -3 * unit, minFraction: 0, maxFraction: 1 }, lang, 2);
	}
	return `${out.sign}${out.text}${COMPACT_UNITS[lang][unit]}`;
}

export function formatValue(value: number | null | undefined, format: ValueFormat, lang: Lang): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '–';
	// a percentage always with one decimal: "3,0 %" beside "29,7 %", not "3 %" (a reader compares them in
	// a column); a format this does not know (from a caller outside TypeScript's reach) as a number
	return plain(value, FORMATS.includes(format) ? format : 'number', lang);
}

/** A rate per 100 that may pass 100 (not a share): one decimal, no % sign — "766,7" / "766.7". */
export function formatPer100(value: number | null | undefined, lang: Lang): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '–';
	return plain(value, 'per100', lang);
}

/** A ratio, not a percentage (it may pass 1): two decimals — "1,03" / "1.03". */
export function formatRatio(value: number | null | undefined, lang: Lang): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '–';
	return plain(value, 'ratio', lang);
}

/** Short form for tiles and axes: 296.948 → "297 rb" / "297k". */
export function formatCompact(value: number | null | undefined, lang: Lang): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '–';
	return compact(value, lang);
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
