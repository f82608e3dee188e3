/**
 * One checker per field type of the interchange format (common/formats.ts). A checker takes the
 * delivered text (already trimmed, never empty) and returns either its normal form — what is
 * staged and hashed, so '007' and '7' are the same value — or a Problem whose message a data
 * clerk can act on. Messages name the value but not the line or field: the caller adds those.
 */
import type { FieldSpec, FieldType, ReferenceList } from '../../../common/formats.ts';
import {
	agencyByCode,
	certificationBodyByCode,
	certificationSchemeByCode,
	countryByIso2,
	currencyByCode,
	educationByCode,
	languageByCode,
	occupationByIsco4,
	provinceByCode,
	regencyByCode,
	sectorByCode,
	smkMajorByCode,
} from '../../../common/reference/index.ts';
import { MAX_FIELD_CHARS } from './limits.ts';

export class Problem {
	constructor(readonly message: string) {}
}

export type FieldCheck = (text: string) => string | Problem;

/** Shows a delivered value in a message: quoted, and shortened when long. */
export function show(value: string): string {
	const short = value.length > 60 ? `${value.slice(0, 57)}…` : value;
	return `'${short}'`;
}

interface ListInfo {
	has(code: string): boolean;
	/** what a code of the list is called in messages */
	noun: string;
	/** the standard it follows, if any */
	standard?: string;
	example: string;
	/** where the codes are listed */
	file: string;
}

const lists: Record<ReferenceList, ListInfo> = {
	country: {
		has: (c) => countryByIso2.has(c),
		noun: 'country code',
		standard: 'ISO 3166-1 alpha-2',
		example: 'KR',
		file: 'i18n-iso-countries',
	},
	province: {
		has: (c) => provinceByCode.has(c),
		noun: 'province code',
		standard: 'Kemendagri, 11–96',
		example: '32',
		file: 'provinces.csv',
	},
	regency: {
		has: (c) => regencyByCode.has(c),
		noun: 'regency code',
		standard: 'Kemendagri PP.RR',
		example: '32.12',
		file: 'idn-area-data',
	},
	occupation: {
		has: (c) => occupationByIsco4.has(c),
		noun: 'occupation code',
		standard: 'KBJI 2014 / ISCO-08, 4 digits, from the SLMI list',
		example: '5322',
		file: 'occupations.csv',
	},
	sector: {
		has: (c) => (sectorByCode as ReadonlyMap<string, unknown>).has(c),
		noun: 'sector code',
		example: 'manufacturing',
		file: 'sectors.csv',
	},
	education: {
		has: (c) => (educationByCode as ReadonlyMap<string, unknown>).has(c),
		noun: 'education code',
		example: 'smk',
		file: 'education_levels.csv',
	},
	language: { has: (c) => languageByCode.has(c), noun: 'language code', standard: 'ISO 639-1', example: 'ja', file: 'languages.csv' },
	certification_scheme: {
		has: (c) => certificationSchemeByCode.has(c),
		noun: 'certification scheme code',
		example: 'caregiver',
		file: 'certification_schemes.csv',
	},
	certification_body: {
		has: (c) => certificationBodyByCode.has(c),
		noun: 'certification body code',
		example: 'CB-001',
		file: 'certification_bodies.csv',
	},
	agency: { has: (c) => agencyByCode.has(c), noun: 'P3MI agency code', example: 'P3MI-0001', file: 'agencies.csv' },
	currency: {
		has: (c) => currencyByCode.has(c),
		noun: 'currency code',
		standard: 'ISO 4217, from the SLMI list',
		example: 'USD',
		file: 'currencies.csv',
	},
	smk_major: { has: (c) => smkMajorByCode.has(c), noun: 'SMK major code', example: 'perhotelan', file: 'smk_majors.csv' },
};

export function referenceList(list: ReferenceList): ListInfo {
	return lists[list];
}

const INT = /^-?\d{1,15}$/;
const DECIMAL = /^-?\d{1,15}(?:\.\d{1,9})?$/;

/** The range ClickHouse's Date and DateTime hold on every version. */
export const FIRST_DATE = '1970-01-01';
export const LAST_DATE = '2105-12-31';

function daysInMonth(year: number, month: number): number {
	if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Value of `count` ASCII digits at `at`, or -1. Hand-rolled: dates are most of the per-row work. */
function digits(text: string, at: number, count: number): number {
	let n = 0;
	for (let i = at; i < at + count; i++) {
		const c = text.charCodeAt(i) - 48;
		if (c < 0 || c > 9) return -1;
		n = n * 10 + c;
	}
	return n;
}

/** Days since 1970-01-01 (negative before) of a YYYY-MM-DD at the start of `text`, or NaN when it is not a real date. */
function dayNumber(text: string): number {
	if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
	const y = digits(text, 0, 4);
	const m = digits(text, 5, 2);
	const d = digits(text, 8, 2);
	if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return Number.NaN;
	return daysFromCivil(y, m, d);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm; cheaper than Date.UTC per row). */
function daysFromCivil(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146_097 + doe - 719_468;
}

const FIRST_DAY = dayNumber(FIRST_DATE);
const LAST_DAY = dayNumber(LAST_DATE);

// Exports are sorted or grouped by time, so the same date or time often repeats row after row.
let lastDateIn = '';
let lastDateOut: string | Problem = '';

export function checkDate(text: string): string | Problem {
	if (text === lastDateIn) return lastDateOut;
	let result: string | Problem;
	const day = text.length === 10 ? dayNumber(text) : Number.NaN;
	if (Number.isNaN(day)) result = new Problem(`${show(text)} is not a valid date (YYYY-MM-DD)`);
	else if (day < FIRST_DAY || day > LAST_DAY) result = new Problem(`${show(text)} is outside ${FIRST_DATE} … ${LAST_DATE}`);
	else result = text;
	lastDateIn = text;
	lastDateOut = result;
	return result;
}

let lastTimeIn = '';
let lastTimeOut: string | Problem = '';

/** Normal form: seconds since 1970-01-01T00:00:00Z, so no server time zone is ever involved. */
export function checkDateTime(text: string): string | Problem {
	if (text === lastTimeIn) return lastTimeOut;
	let result: string | Problem;
	const t = text.charCodeAt(10);
	const shape =
		(text.length === 20 && t === 84 && text.charCodeAt(19) === 90) || // …T…Z
		(text.length === 19 && t === 32);
	const day = shape ? dayNumber(text) : Number.NaN;
	const h = shape && text.charCodeAt(13) === 58 && text.charCodeAt(16) === 58 ? digits(text, 11, 2) : -1;
	const mi = digits(text, 14, 2);
	const sec = digits(text, 17, 2);
	if (Number.isNaN(day) || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) {
		result = new Problem(`${show(text)} is not a valid date-time (YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD HH:MM:SS, in UTC)`);
	} else if (day < FIRST_DAY || day > LAST_DAY) {
		result = new Problem(`${show(text)} is outside ${FIRST_DATE} … ${LAST_DATE}`);
	} else {
		result = String(day * 86_400 + h * 3600 + mi * 60 + sec);
	}
	lastTimeIn = text;
	lastTimeOut = result;
	return result;
}

/** Value of a plain non-negative decimal integer of up to 9 digits (no sign, no zero padding), or -1. The common case, without a regex. */
function plainCount(text: string): number {
	const len = text.length;
	if (len === 0 || len > 9 || (len > 1 && text.charCodeAt(0) === 48)) return -1;
	let n = 0;
	for (let i = 0; i < len; i++) {
		const c = text.charCodeAt(i) - 48;
		if (c < 0 || c > 9) return -1;
		n = n * 10 + c;
	}
	return n;
}

function checkInt(min: number, max: number): FieldCheck {
	return (text) => {
		const plain = plainCount(text);
		if (plain >= min && plain <= max) return text;
		if (!INT.test(text)) return new Problem(`${show(text)} is not a whole number`);
		const n = Number(text);
		if (n < min) return new Problem(`${show(text)} is below the minimum ${min.toLocaleString('en')}`);
		if (n > max) return new Problem(`${show(text)} is above the maximum ${max.toLocaleString('en')}`);
		return String(n);
	};
}

function checkDecimal(min: number, max: number): FieldCheck {
	return (text) => {
		if (!DECIMAL.test(text)) {
			return new Problem(`${show(text)} is not a number (digits with an optional '.' decimal point, no thousands separators)`);
		}
		const n = Number(text);
		if (n < min) return new Problem(`${show(text)} is below the minimum ${min.toLocaleString('en')}`);
		if (n > max) return new Problem(`${show(text)} is above the maximum ${max.toLocaleString('en')}`);
		return String(n === 0 ? 0 : n);
	};
}

function checkEnum(values: readonly string[]): FieldCheck {
	const allowed = new Set(values);
	return (text) => (allowed.has(text) ? text : new Problem(`${show(text)} is not one of: ${values.join(', ')}`));
}

function unknownCode(info: ListInfo, code: string): Problem {
	const upper = code.toUpperCase();
	const lower = code.toLowerCase();
	const guess = upper !== code && info.has(upper) ? upper : lower !== code && info.has(lower) ? lower : undefined;
	const standard = info.standard ? ` (${info.standard})` : '';
	if (guess !== undefined) return new Problem(`${show(code)} is not a known ${info.noun}${standard} — did you mean '${guess}'?`);
	const detail = info.standard ? `${info.standard}, e.g. '${info.example}'` : `e.g. '${info.example}'`;
	return new Problem(`${show(code)} is not a known ${info.noun} (${detail})`);
}

function checkCode(list: ReferenceList): FieldCheck {
	const info = lists[list];
	return (text) => (info.has(text) ? text : unknownCode(info, text));
}

function checkCodes(list: ReferenceList, max: number): FieldCheck {
	const info = lists[list];
	// A ';'-list takes a handful of distinct values in a whole file (a candidate's preferred
	// countries): each distinct text is checked once. Bounded, so a file of all-different lists
	// holds no more than CODES_MEMO entries.
	const memo = new Map<string, string | Problem>();
	const check = (text: string): string | Problem => {
		const codes = text.split(';');
		let trimmed = false;
		for (let i = 0; i < codes.length; i++) {
			const code = codes[i] as string;
			const t = code.trim();
			if (t !== code) {
				codes[i] = t;
				trimmed = true;
			}
			if (t === '') return new Problem(`${show(text)} has an empty entry; separate codes with ';' (e.g. 'KR;JP')`);
		}
		if (codes.length > max) return new Problem(`${show(text)} lists ${codes.length} codes; at most ${max} are allowed`);
		for (let i = 0; i < codes.length; i++) {
			const code = codes[i] as string;
			if (codes.indexOf(code) !== i) return new Problem(`${show(text)} lists a code twice`);
			if (!info.has(code)) return unknownCode(info, code);
		}
		return trimmed ? codes.join(';') : text;
	};
	return (text) => {
		const known = memo.get(text);
		if (known !== undefined) return known;
		const result = check(text);
		if (memo.size < CODES_MEMO) memo.set(text, result);
		return result;
	};
}

/** Distinct ';'-lists remembered per field check (checkCodes). */
const CODES_MEMO = 10_000;

function checkId(text: string): string | Problem {
	const len = text.length;
	let ok = len > 0 && len <= 64;
	for (let i = 0; ok && i < len; i++) {
		const c = text.charCodeAt(i);
		// A–Z a–z 0–9 . _ -
		ok = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 45;
	}
	return ok ? text : new Problem(`${show(text)} is not a valid id (1–64 characters: letters, digits, '.', '_' or '-')`);
}

export function typeCheck(type: FieldType): FieldCheck {
	switch (type.kind) {
		case 'id':
			return checkId;
		case 'date':
			return checkDate;
		case 'datetime':
			return checkDateTime;
		case 'int':
			return checkInt(type.min, type.max);
		case 'decimal':
			return checkDecimal(type.min, type.max);
		case 'enum':
			return checkEnum(type.values);
		case 'code':
			return checkCode(type.list);
		case 'codes':
			return checkCodes(type.list, type.max);
	}
}

/**
 * The full check of one field: length limit, presence, then the type. Returns '' for an absent
 * optional field. Whitespace around a value is dropped (no field may contain it at its ends).
 */
export function fieldCheck(spec: FieldSpec): (text: string | undefined) => string | Problem {
	const check = typeCheck(spec.type);
	return (input) => {
		if (input === undefined || input === '') {
			return spec.required ? new Problem('is empty, but it is required') : '';
		}
		if (input.length > MAX_FIELD_CHARS) {
			return new Problem(
				`field too long: ${input.length.toLocaleString('en')} characters (the limit is ${MAX_FIELD_CHARS.toLocaleString('en')})`,
			);
		}
		let text = input;
		const first = text.charCodeAt(0);
		const last = text.charCodeAt(text.length - 1);
		if (first <= 32 || last <= 32) {
			text = text.trim();
			if (text === '') return spec.required ? new Problem('is empty, but it is required') : '';
		}
		return check(text);
	};
}
