import { describe, expect, it } from 'vitest';
import { LANGUAGE_LEVEL_CEFR } from '../../../common/reference/index.ts';
import {
	cubeTimeIso,
	formatCompact,
	formatDate,
	formatLanguageLevel,
	formatMonth,
	formatMonthLong,
	formatPer100,
	formatRatio,
	formatTimestamp,
	formatValue,
} from './format.ts';

describe('formatValue', () => {
	it('uses Indonesian separators by default and English ones in English', () => {
		expect(formatValue(296948, 'number', 'id')).toBe('296.948');
		expect(formatValue(296948, 'number', 'en')).toBe('296,948');
	});

	it('formats shares, dollars and missing values', () => {
		expect(formatValue(0.1946, 'percent', 'id')).toBe('19,5%');
		expect(formatValue(0.1946, 'percent', 'en')).toBe('19.5%');
		// one decimal always, so a column reads evenly ("3,0%" beside "29,7%", not "3%")
		expect(formatValue(0.03, 'percent', 'id')).toBe('3,0%');
		expect(formatValue(1, 'percent', 'en')).toBe('100.0%');
		expect(formatValue(1234.4, 'currency', 'en')).toBe('US$1,234');
		expect(formatValue(null, 'number', 'id')).toBe('–');
		expect(formatValue(Number.NaN, 'percent', 'en')).toBe('–');
	});
});

describe('numbers written by hand, as Intl.NumberFormat writes them', () => {
	// The oracle: Node's Intl (ICU) with the options the formatters replaced (format.ts).
	const INTL_OPTIONS: Record<string, Intl.NumberFormatOptions> = {
		percent: { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 },
		currency: { style: 'currency', currency: 'USD', maximumFractionDigits: 0 },
		decimal: { maximumFractionDigits: 1 },
		number: { maximumFractionDigits: 0 },
		per100: { minimumFractionDigits: 1, maximumFractionDigits: 1 },
		ratio: { minimumFractionDigits: 2, maximumFractionDigits: 2 },
		compact: { notation: 'compact', maximumFractionDigits: 1 },
	};
	const ours: Record<string, (value: number, lang: 'id' | 'en') => string> = {
		percent: (v, l) => formatValue(v, 'percent', l),
		currency: (v, l) => formatValue(v, 'currency', l),
		decimal: (v, l) => formatValue(v, 'decimal', l),
		number: (v, l) => formatValue(v, 'number', l),
		per100: formatPer100,
		ratio: formatRatio,
		compact: formatCompact,
	};
	// Edges: zero and negative zero, halves at every rounding position (and doubles just beside them,
	// 1.005 is 1.00499… in binary), the unit steps of the compact form, grouping, exponent notation.
	const edges = [
		0,
		-0,
		0.04,
		-0.04,
		0.05,
		0.15,
		0.25,
		0.35,
		0.45,
		0.5,
		1.5,
		2.5,
		-2.5,
		1.005,
		1.015,
		2.675,
		0.0105,
		0.1234,
		0.99951,
		0.9995,
		0.00049,
		0.0005,
		0.00051,
		999,
		999.4,
		999.5,
		999.94,
		999.95,
		999.96,
		1000,
		1234.56,
		-1234.56,
		9999.95,
		99_999.95,
		999_499,
		999_500,
		999_949,
		999_950,
		999_999.9,
		1e6,
		1_234_567,
		-1_234_567,
		12_345_678.95,
		999_950_000,
		999_999_999,
		1e9,
		1.5e12,
		999.95e12,
		1e15,
		1e16,
		1.234e17,
		1e21,
		1.5e22,
		1e-7,
		-1e-7,
		5e-324,
		Number.MAX_SAFE_INTEGER,
		296_948,
		0.1946,
		0.03,
		1,
	];
	// Random values of every magnitude: 1–17 significant digits, 10^-6 to 10^16, both signs, and
	// values that end in 5 one place past a rounding position.
	let seed = 20261207;
	const random = () => {
		seed = (seed * 1103515245 + 12345) % 2 ** 31;
		return seed / 2 ** 31;
	};
	const values = [...edges];
	for (let i = 0; i < 15_000; i++) {
		const digits = 1 + Math.floor(random() * 17);
		const mantissa = Math.floor(random() * 10 ** digits);
		const exponent = Math.floor(random() * 23) - 6 - digits;
		const sign = random() < 0.2 ? -1 : 1;
		values.push(sign * Number(`${mantissa}e${exponent}`));
		const places = Math.floor(random() * 8);
		values.push(sign * Number(`${Math.floor(random() * 10 ** 6)}5e-${places + 1}`));
	}

	for (const lang of ['id', 'en'] as const) {
		for (const style of Object.keys(INTL_OPTIONS)) {
			it(`${style} in ${lang === 'id' ? 'id-ID' : 'en-GB'}: ${values.length} values to the character`, () => {
				const intl = new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', INTL_OPTIONS[style]);
				const mismatches = values.filter((v) => ours[style]?.(v, lang) !== intl.format(v)).slice(0, 5);
				expect(mismatches.map((v) => [v, ours[style]?.(v, lang), intl.format(v)])).toEqual([]);
			});
		}
	}

	it('reads as the ministry writes numbers (fixed strings, not the oracle)', () => {
		expect(formatCompact(296_948, 'id')).toBe('296,9\u00a0rb');
		expect(formatCompact(999_950, 'id')).toBe('1\u00a0jt');
		expect(formatCompact(1_234_567, 'en')).toBe('1.2m');
		expect(formatValue(-0.04, 'number', 'id')).toBe('-0');
		expect(formatValue(1.005e6, 'currency', 'id')).toBe('US$1.005.000');
		expect(formatRatio(1.005, 'en')).toBe('1.01');
		expect(formatValue(0.0105, 'percent', 'id')).toBe('1,1%');
	});
});

describe('formatRatio', () => {
	it('writes a ratio with two decimals in the reader language, above 1 too, and a dash for none', () => {
		expect(formatRatio(1.0059, 'id')).toBe('1,01');
		expect(formatRatio(1.0059, 'en')).toBe('1.01');
		expect(formatRatio(0.8, 'id')).toBe('0,80');
		expect(formatRatio(1234.5, 'en')).toBe('1,234.50');
		expect(formatRatio(null, 'en')).toBe('–');
		expect(formatRatio(Number.POSITIVE_INFINITY, 'id')).toBe('–');
	});
});

describe('formatCompact / formatMonth / formatTimestamp', () => {
	it('shortens large numbers per language', () => {
		expect(formatCompact(500000, 'en')).toMatch(/^500[kK]$/);
		expect(formatCompact(500000, 'id')).toMatch(/^500\s?rb$/);
	});

	it('names months in the reader language', () => {
		expect(formatMonth('2026-05', 'id')).toBe('Mei 2026');
		expect(formatMonth('2026-05', 'en')).toBe('May 2026');
		expect(formatMonthLong('2026-01', 'id')).toBe('Januari 2026');
		expect(formatMonthLong('2026-08', 'id')).toBe('Agustus 2026');
		expect(formatMonthLong('2026-01', 'en')).toBe('January 2026');
		expect(formatMonth('2026-08', 'id')).toBe('Agu 2026');
		expect(formatMonth('2026-12', 'id')).toBe('Des 2026');
		expect(formatMonth('2026-09', 'en')).toBe('Sep 2026');
	});

	it('shows load times in WIB', () => {
		expect(formatTimestamp('2026-11-22T03:00:00Z', 'en')).toBe('22 Nov 2026, 10:00 WIB');
		expect(formatTimestamp('2026-11-22T03:00:00Z', 'id')).toBe('22 Nov 2026, 10.00 WIB');
		// past midnight in Jakarta while still the day before in UTC; a named offset is honoured
		expect(formatTimestamp('2026-12-31T17:05:00Z', 'id')).toBe('1 Jan 2027, 00.05 WIB');
		expect(formatTimestamp('2026-05-02T10:04:00+07:00', 'id')).toBe('2 Mei 2026, 10.04 WIB');
		expect(formatTimestamp('not a time', 'en')).toBe('not a time');
	});
});

describe('cubeTimeIso', () => {
	it('reads a zone-less Cube time as UTC, keeps a named zone, refuses what is not a time', () => {
		// Cube's time dimensions come without a zone; read as local time they would shift by the
		// server's offset (WIB is UTC+7), so the page would say 11:44 for a load at 04:44 UTC.
		expect(cubeTimeIso('2026-12-06T04:44:00.000')).toBe('2026-12-06T04:44:00.000Z');
		expect(cubeTimeIso('2026-12-06T04:44:00Z')).toBe('2026-12-06T04:44:00.000Z');
		expect(cubeTimeIso('2026-12-06T11:44:00+07:00')).toBe('2026-12-06T04:44:00.000Z');
		expect(cubeTimeIso(null)).toBeNull();
		expect(cubeTimeIso('')).toBeNull();
		expect(cubeTimeIso('not a time')).toBeNull();
	});
});

describe('formatDate', () => {
	it("writes a day in the reader's language, never as an ISO date", () => {
		expect(formatDate('2026-12-04', 'id')).toBe('4 Des 2026');
		expect(formatDate('2026-12-04', 'en')).toBe('4 Dec 2026');
		expect(formatDate('2026-09-15', 'en')).toBe('15 Sep 2026');
		expect(formatDate('2026-05-01', 'id')).toBe('1 Mei 2026');
	});
});

describe('formatLanguageLevel', () => {
	it('names every level of the reference scale by its CEFR band', () => {
		LANGUAGE_LEVEL_CEFR.forEach((band, level) => {
			if (level > 0) expect(formatLanguageLevel(level)).toBe(band);
		});
		expect(formatLanguageLevel(null)).toBe('–');
	});
});
