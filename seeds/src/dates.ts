/**
 * Dates as integers. The generator works in day numbers (days since 1970-01-01, UTC) and month
 * indices (year × 12 + month − 1), and turns them into 'YYYY-MM-DD' strings through a lookup
 * table, because formatting a Date per row would dominate the run time.
 */

const MS_PER_DAY = 86_400_000;

/** The table covers these years; dates outside are a bug in the generator. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2040;

export const FIRST_DAY = Date.UTC(FIRST_YEAR, 0, 1) / MS_PER_DAY;
const LAST_DAY = Date.UTC(LAST_YEAR, 11, 31) / MS_PER_DAY;

const dateStrings: string[] = [];
const yearOfDayTable = new Int16Array(LAST_DAY - FIRST_DAY + 1);
const monthOfDayTable = new Int32Array(LAST_DAY - FIRST_DAY + 1);
for (let day = FIRST_DAY; day <= LAST_DAY; day++) {
	const d = new Date(day * MS_PER_DAY);
	const y = d.getUTCFullYear();
	const m = d.getUTCMonth() + 1;
	const dd = d.getUTCDate();
	dateStrings.push(`${y}-${m < 10 ? '0' : ''}${m}-${dd < 10 ? '0' : ''}${dd}`);
	yearOfDayTable[day - FIRST_DAY] = y;
	monthOfDayTable[day - FIRST_DAY] = y * 12 + m - 1;
}

function checkRange(day: number): number {
	const i = day - FIRST_DAY;
	if (!(i >= 0 && i < dateStrings.length) || !Number.isInteger(day))
		throw new Error(`Day number ${day} outside ${FIRST_YEAR}–${LAST_YEAR}`);
	return i;
}

/** 'YYYY-MM-DD' → day number. */
export function dayOf(iso: string): number {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
	if (!m) throw new Error(`Not a YYYY-MM-DD date: ${iso}`);
	const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
	if (dateString(day) !== iso) throw new Error(`Not a calendar date: ${iso}`);
	return day;
}

export function dateString(day: number): string {
	return dateStrings[checkRange(day)] as string;
}

export function yearOfDay(day: number): number {
	return yearOfDayTable[checkRange(day)] as number;
}

/** Month index (year × 12 + month − 1) of a day. */
export function monthOfDay(day: number): number {
	return monthOfDayTable[checkRange(day)] as number;
}

export function monthIndex(year: number, month1: number): number {
	return year * 12 + month1 - 1;
}

export function yearOfMonth(mi: number): number {
	return Math.floor(mi / 12);
}

const FIRST_MONTH = FIRST_YEAR * 12;
const monthStarts = new Int32Array((LAST_YEAR - FIRST_YEAR + 2) * 12);
for (let i = 0; i < monthStarts.length; i++) monthStarts[i] = Date.UTC(FIRST_YEAR + Math.floor(i / 12), i % 12, 1) / MS_PER_DAY;

export function monthStartDay(mi: number): number {
	const v = monthStarts[mi - FIRST_MONTH];
	if (v === undefined) throw new Error(`Month index ${mi} outside ${FIRST_YEAR}–${LAST_YEAR}`);
	return v;
}

export function daysInMonth(mi: number): number {
	return monthStartDay(mi + 1) - monthStartDay(mi);
}

/** Adds whole months to a day, clamping to the end of a shorter month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: number, months: number): number {
	const mi = monthOfDay(day);
	const dom = day - monthStartDay(mi);
	const target = mi + months;
	return monthStartDay(target) + Math.min(dom, daysInMonth(target) - 1);
}

/** Whole years between two days, as the age rule counts them (365.25-day years, rounded down). */
export function wholeYears(fromDay: number, toDay: number): number {
	return Math.floor((toDay - fromDay) / 365.25);
}

const TIMES: string[] = [];
for (let i = 0; i < 1440; i++) {
	const h = Math.floor(i / 60);
	const m = i % 60;
	TIMES.push(`T${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:`);
}
const SECONDS: string[] = [];
for (let s = 0; s < 60; s++) SECONDS.push(`${s < 10 ? '0' : ''}${s}Z`);

/** 'YYYY-MM-DDTHH:MM:SSZ' from a day and a second of the day (0–86399). */
export function timestamp(day: number, secondOfDay: number): string {
	const minute = Math.floor(secondOfDay / 60);
	return `${dateString(day)}${TIMES[minute]}${SECONDS[secondOfDay - minute * 60]}`;
}
