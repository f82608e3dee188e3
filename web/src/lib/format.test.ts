import { describe, expect, it } from 'vitest';
import { LANGUAGE_LEVEL_CEFR } from '../../../common/reference/index.ts';
import {
	cubeTimeIso,
	formatCompact,
	formatDate,
	formatLanguageLevel,
	formatMonth,
	formatMonthLong,
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
