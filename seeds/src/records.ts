/**
 * One row of each entity as the generator builds it, and its CSV and NDJSON text. Field names are
 * those of common/formats.ts. Dates are day numbers here (dates.ts) and become 'YYYY-MM-DD' only
 * when written; an absent optional value is -1 (numbers, dates) or '' (codes).
 *
 * The formatters write the fields in the order of formats.ts straight into bytes: per-field code
 * is several times faster than a generic loop over the specs, and seeds/src/format.test.ts checks
 * every file against the specs, so a field out of order fails a test. No value the generator
 * writes contains a comma, quote, line break, backslash or non-ASCII character (ids, codes,
 * numbers, dates only), so CSV needs no quoting and JSON no escaping; the format test guards it.
 */
import { type Entity, entitySpecs } from '../../common/formats.ts';
import { dateString, FIRST_DAY } from './dates.ts';

export class LineRow {
	line_id = '';
	job_order_id = '';
	updated_day = 0;
	updated_second = 0;
	issued_date = 0;
	expiry_date = 0;
	status: 'open' | 'filled' | 'closed' | 'cancelled' = 'open';
	status_date = -1;
	source: 'siskop2mi' | 'embassy' | 'g2g' = 'siskop2mi';
	scheme = '';
	country_iso2 = '';
	employer_id = '';
	agency_code = '';
	sector = '';
	occupation_isco4 = '';
	slots = 0;
	wage_min = 0;
	wage_max = 0;
	wage_currency = '';
	required_certificate = '';
	required_language = '';
	required_language_level = -1;
	min_education = '';
	min_experience_years = 0;
	gender_requirement: 'any' | 'F' | 'M' = 'any';
	age_min = 0;
	age_max = 0;
	/** generator-only: last day the line accepted applications (its true close, even after `until`) */
	window_end = 0;
	/** generator-only: skill level of the occupation */
	skill_level = 0;
}

export class CandidateRow {
	candidate_id = '';
	updated_day = 0;
	updated_second = 0;
	registered_date = 0;
	province_code = '';
	regency_code = '';
	gender: 'F' | 'M' = 'F';
	age = 0;
	education = '';
	smk_major = '';
	preferred_occupation_isco4 = '';
	preferred_countries = '';
	language_code = '';
	language_level = -1;
	experience_years = 0;
}

export class TrainingRow {
	training_id = '';
	candidate_id = '';
	updated_day = 0;
	updated_second = 0;
	start_date = 0;
	end_date = 0;
	kind: 'language' | 'skill' | 'orientation' = 'orientation';
	institution_kind: 'LPK' | 'BLK' | 'SMK' = 'LPK';
	institution_province = '';
	language_code = '';
	language_level = -1;
	occupation_isco4 = '';
	result: 'completed' | 'dropped' = 'completed';
}

export class CertificationRow {
	certification_id = '';
	candidate_id = '';
	updated_day = 0;
	updated_second = 0;
	exam_date = 0;
	scheme_code = '';
	body_code = '';
	result: 'passed' | 'failed' | 'absent' = 'passed';
}

export class ApplicationRow {
	application_id = '';
	candidate_id = '';
	line_id = '';
	updated_day = 0;
	updated_second = 0;
	applied_date = 0;
	outcome: 'pending' | 'shortlisted' | 'accepted' | 'rejected' | 'withdrawn' = 'pending';
	outcome_date = -1;
	rejection_reason = '';
}

export class PlacementRow {
	placement_id = '';
	candidate_id = '';
	line_id = '';
	updated_day = 0;
	updated_second = 0;
	departure_date = 0;
	wage = 0;
	contract_months = 0;
}

/** Receives every row as it is made; rows are reused after the call returns, so copy what you keep. */
export interface RowSink {
	line(row: LineRow): void;
	candidate(row: CandidateRow): void;
	training(row: TrainingRow, candidate: CandidateRow): void;
	certification(row: CertificationRow, candidate: CandidateRow): void;
	application(row: ApplicationRow, line: LineRow, candidate: CandidateRow): void;
	/** `certified`: the candidate passed a certification for the occupation before departure. */
	placement(row: PlacementRow, line: LineRow, candidate: CandidateRow, certified: boolean): void;
	/** When set and true, the generator awaits `drain()` before making more rows (backpressure). */
	readonly congested?: boolean;
	drain?(): Promise<void>;
}

export function csvHeader(entity: Entity): string {
	return `${entitySpecs[entity].fields.map((f) => f.name).join(',')}\n`;
}

/**
 * Writes ASCII text straight into a byte buffer. Formatting rows field by field into bytes, rather
 * than concatenating a string per row, keeps the writer free of garbage: at millions of rows the
 * garbage collector, not the formatting, was the bottleneck.
 */
export class ByteWriter {
	buffer: Buffer;
	pos = 0;

	constructor(size: number) {
		this.buffer = Buffer.allocUnsafe(size);
	}

	str(s: string): void {
		const b = this.buffer;
		let p = this.pos;
		for (let i = 0; i < s.length; i++) b[p++] = s.charCodeAt(i);
		this.pos = p;
	}

	char(code: number): void {
		this.buffer[this.pos++] = code;
	}

	/** A non-negative integer (wages, counts, ages, levels). */
	int(n: number): void {
		if (!(n >= 0 && Number.isInteger(n))) throw new Error(`ByteWriter.int: ${n} is not a non-negative integer`);
		if (n < 10) {
			this.buffer[this.pos++] = 48 + n;
			return;
		}
		const b = this.buffer;
		let digits = 0;
		for (let v = n; v >= 1; v = Math.floor(v / 10)) digits++;
		let p = this.pos + digits;
		this.pos = p;
		for (let v = n; v >= 1; v = Math.floor(v / 10)) b[--p] = 48 + (v % 10);
	}

	date(day: number): void {
		const src = DATE_BYTES;
		const o = (day - FIRST_DAY) * 10;
		if (o < 0 || o + 10 > src.length) throw new Error(`day ${day} outside the date table`);
		const b = this.buffer;
		const p = this.pos;
		for (let i = 0; i < 10; i++) b[p + i] = src[o + i] as number;
		this.pos = p + 10;
	}

	/** 'YYYY-MM-DDTHH:MM:SSZ' */
	timestamp(day: number, second: number): void {
		this.date(day);
		const h = Math.floor(second / 3600);
		const m = Math.floor((second % 3600) / 60);
		const s = second % 60;
		const b = this.buffer;
		const p = this.pos;
		b[p] = 84; // T
		b[p + 1] = 48 + Math.floor(h / 10);
		b[p + 2] = 48 + (h % 10);
		b[p + 3] = 58;
		b[p + 4] = 48 + Math.floor(m / 10);
		b[p + 5] = 48 + (m % 10);
		b[p + 6] = 58;
		b[p + 7] = 48 + Math.floor(s / 10);
		b[p + 8] = 48 + (s % 10);
		b[p + 9] = 90; // Z
		this.pos = p + 10;
	}
}

const DATE_BYTES: Uint8Array = (() => {
	const out: number[] = [];
	for (let day = FIRST_DAY; ; day++) {
		let text: string;
		try {
			text = dateString(day);
		} catch {
			break;
		}
		for (let i = 0; i < 10; i++) out.push(text.charCodeAt(i));
	}
	return Uint8Array.from(out);
})();

const COMMA = 44;
const NEWLINE = 10;

/** The longest row any formatter writes, with room to spare (a buffer flushes when less is left). */
export const MAX_ROW_BYTES = 1024;

export type Formatter<R> = (w: ByteWriter, r: R) => void;

function optInt(w: ByteWriter, n: number): void {
	if (n >= 0) w.int(n);
}
function optDate(w: ByteWriter, day: number): void {
	if (day >= 0) w.date(day);
}

export const lineCsv: Formatter<LineRow> = (w, r) => {
	w.str(r.line_id);
	w.char(COMMA);
	w.str(r.job_order_id);
	w.char(COMMA);
	w.timestamp(r.updated_day, r.updated_second);
	w.char(COMMA);
	w.date(r.issued_date);
	w.char(COMMA);
	w.date(r.expiry_date);
	w.char(COMMA);
	w.str(r.status);
	w.char(COMMA);
	optDate(w, r.status_date);
	w.char(COMMA);
	w.str(r.source);
	w.char(COMMA);
	w.str(r.scheme);
	w.char(COMMA);
	w.str(r.country_iso2);
	w.char(COMMA);
	w.str(r.employer_id);
	w.char(COMMA);
	w.str(r.agency_code);
	w.char(COMMA);
	w.str(r.sector);
	w.char(COMMA);
	w.str(r.occupation_isco4);
	w.char(COMMA);
	w.int(r.slots);
	w.char(COMMA);
	w.int(r.wage_min);
	w.char(COMMA);
	w.int(r.wage_max);
	w.char(COMMA);
	w.str(r.wage_currency);
	w.char(COMMA);
	w.str(r.required_certificate);
	w.char(COMMA);
	w.str(r.required_language);
	w.char(COMMA);
	optInt(w, r.required_language_level);
	w.char(COMMA);
	w.str(r.min_education);
	w.char(COMMA);
	w.int(r.min_experience_years);
	w.char(COMMA);
	w.str(r.gender_requirement);
	w.char(COMMA);
	w.int(r.age_min);
	w.char(COMMA);
	w.int(r.age_max);
	w.char(NEWLINE);
};

export const candidateCsv: Formatter<CandidateRow> = (w, r) => {
	w.str(r.candidate_id);
	w.char(COMMA);
	w.timestamp(r.updated_day, r.updated_second);
	w.char(COMMA);
	w.date(r.registered_date);
	w.char(COMMA);
	w.str(r.province_code);
	w.char(COMMA);
	w.str(r.regency_code);
	w.char(COMMA);
	w.str(r.gender);
	w.char(COMMA);
	w.int(r.age);
	w.char(COMMA);
	w.str(r.education);
	w.char(COMMA);
	w.str(r.smk_major);
	w.char(COMMA);
	w.str(r.preferred_occupation_isco4);
	w.char(COMMA);
	w.str(r.preferred_countries);
	w.char(COMMA);
	w.str(r.language_code);
	w.char(COMMA);
	optInt(w, r.language_level);
	w.char(COMMA);
	w.int(r.experience_years);
	w.char(NEWLINE);
};

export const trainingCsv: Formatter<TrainingRow> = (w, r) => {
	w.str(r.training_id);
	w.char(COMMA);
	w.str(r.candidate_id);
	w.char(COMMA);
	w.timestamp(r.updated_day, r.updated_second);
	w.char(COMMA);
	w.date(r.start_date);
	w.char(COMMA);
	w.date(r.end_date);
	w.char(COMMA);
	w.str(r.kind);
	w.char(COMMA);
	w.str(r.institution_kind);
	w.char(COMMA);
	w.str(r.institution_province);
	w.char(COMMA);
	w.str(r.language_code);
	w.char(COMMA);
	optInt(w, r.language_level);
	w.char(COMMA);
	w.str(r.occupation_isco4);
	w.char(COMMA);
	w.str(r.result);
	w.char(NEWLINE);
};

export const certificationCsv: Formatter<CertificationRow> = (w, r) => {
	w.str(r.certification_id);
	w.char(COMMA);
	w.str(r.candidate_id);
	w.char(COMMA);
	w.timestamp(r.updated_day, r.updated_second);
	w.char(COMMA);
	w.date(r.exam_date);
	w.char(COMMA);
	w.str(r.scheme_code);
	w.char(COMMA);
	w.str(r.body_code);
	w.char(COMMA);
	w.str(r.result);
	w.char(NEWLINE);
};

export const applicationCsv: Formatter<ApplicationRow> = (w, r) => {
	w.str(r.application_id);
	w.char(COMMA);
	w.str(r.candidate_id);
	w.char(COMMA);
	w.str(r.line_id);
	w.char(COMMA);
	w.timestamp(r.updated_day, r.updated_second);
	w.char(COMMA);
	w.date(r.applied_date);
	w.char(COMMA);
	w.str(r.outcome);
	w.char(COMMA);
	optDate(w, r.outcome_date);
	w.char(COMMA);
	w.str(r.rejection_reason);
	w.char(NEWLINE);
};

export const placementCsv: Formatter<PlacementRow> = (w, r) => {
	w.str(r.placement_id);
	w.char(COMMA);
	w.str(r.candidate_id);
	w.char(COMMA);
	w.str(r.line_id);
	w.char(COMMA);
	w.timestamp(r.updated_day, r.updated_second);
	w.char(COMMA);
	w.date(r.departure_date);
	w.char(COMMA);
	w.int(r.wage);
	w.char(COMMA);
	w.int(r.contract_months);
	w.char(NEWLINE);
};

// NDJSON: every field of formats.ts as a key, in the same order; an absent optional field is
// omitted (not written as ""), so a consumer can tell "not given" from an empty string.
// Keys are written with their quotes and separators as one ASCII run: ',"key":'.
const QUOTE = 34;
function key(w: ByteWriter, k: string): void {
	w.str(k);
}
function jStr(w: ByteWriter, k: string, v: string): void {
	key(w, k);
	w.char(QUOTE);
	w.str(v);
	w.char(QUOTE);
}
function jOptStr(w: ByteWriter, k: string, v: string): void {
	if (v !== '') jStr(w, k, v);
}
function jInt(w: ByteWriter, k: string, v: number): void {
	key(w, k);
	w.int(v);
}
function jOptInt(w: ByteWriter, k: string, v: number): void {
	if (v >= 0) jInt(w, k, v);
}
function jDate(w: ByteWriter, k: string, day: number): void {
	key(w, k);
	w.char(QUOTE);
	w.date(day);
	w.char(QUOTE);
}
function jOptDate(w: ByteWriter, k: string, day: number): void {
	if (day >= 0) jDate(w, k, day);
}
function jTime(w: ByteWriter, k: string, day: number, second: number): void {
	key(w, k);
	w.char(QUOTE);
	w.timestamp(day, second);
	w.char(QUOTE);
}
function end(w: ByteWriter): void {
	w.char(125); // }
	w.char(NEWLINE);
}

export const lineJson: Formatter<LineRow> = (w, r) => {
	jStr(w, '{"line_id":', r.line_id);
	jStr(w, ',"job_order_id":', r.job_order_id);
	jTime(w, ',"updated_at":', r.updated_day, r.updated_second);
	jDate(w, ',"issued_date":', r.issued_date);
	jDate(w, ',"expiry_date":', r.expiry_date);
	jStr(w, ',"status":', r.status);
	jOptDate(w, ',"status_date":', r.status_date);
	jStr(w, ',"source":', r.source);
	jStr(w, ',"scheme":', r.scheme);
	jStr(w, ',"country_iso2":', r.country_iso2);
	jStr(w, ',"employer_id":', r.employer_id);
	jOptStr(w, ',"agency_code":', r.agency_code);
	jStr(w, ',"sector":', r.sector);
	jStr(w, ',"occupation_isco4":', r.occupation_isco4);
	jInt(w, ',"slots":', r.slots);
	jInt(w, ',"wage_min":', r.wage_min);
	jInt(w, ',"wage_max":', r.wage_max);
	jStr(w, ',"wage_currency":', r.wage_currency);
	jOptStr(w, ',"required_certificate":', r.required_certificate);
	jOptStr(w, ',"required_language":', r.required_language);
	jOptInt(w, ',"required_language_level":', r.required_language_level);
	jStr(w, ',"min_education":', r.min_education);
	jInt(w, ',"min_experience_years":', r.min_experience_years);
	jStr(w, ',"gender_requirement":', r.gender_requirement);
	jInt(w, ',"age_min":', r.age_min);
	jInt(w, ',"age_max":', r.age_max);
	end(w);
};

export const candidateJson: Formatter<CandidateRow> = (w, r) => {
	jStr(w, '{"candidate_id":', r.candidate_id);
	jTime(w, ',"updated_at":', r.updated_day, r.updated_second);
	jDate(w, ',"registered_date":', r.registered_date);
	jStr(w, ',"province_code":', r.province_code);
	jStr(w, ',"regency_code":', r.regency_code);
	jStr(w, ',"gender":', r.gender);
	jInt(w, ',"age":', r.age);
	jStr(w, ',"education":', r.education);
	jOptStr(w, ',"smk_major":', r.smk_major);
	jStr(w, ',"preferred_occupation_isco4":', r.preferred_occupation_isco4);
	jOptStr(w, ',"preferred_countries":', r.preferred_countries);
	jOptStr(w, ',"language_code":', r.language_code);
	jOptInt(w, ',"language_level":', r.language_level);
	jInt(w, ',"experience_years":', r.experience_years);
	end(w);
};

export const trainingJson: Formatter<TrainingRow> = (w, r) => {
	jStr(w, '{"training_id":', r.training_id);
	jStr(w, ',"candidate_id":', r.candidate_id);
	jTime(w, ',"updated_at":', r.updated_day, r.updated_second);
	jDate(w, ',"start_date":', r.start_date);
	jDate(w, ',"end_date":', r.end_date);
	jStr(w, ',"kind":', r.kind);
	jStr(w, ',"institution_kind":', r.institution_kind);
	jStr(w, ',"institution_province":', r.institution_province);
	jOptStr(w, ',"language_code":', r.language_code);
	jOptInt(w, ',"language_level":', r.language_level);
	jOptStr(w, ',"occupation_isco4":', r.occupation_isco4);
	jStr(w, ',"result":', r.result);
	end(w);
};

export const certificationJson: Formatter<CertificationRow> = (w, r) => {
	jStr(w, '{"certification_id":', r.certification_id);
	jStr(w, ',"candidate_id":', r.candidate_id);
	jTime(w, ',"updated_at":', r.updated_day, r.updated_second);
	jDate(w, ',"exam_date":', r.exam_date);
	jStr(w, ',"scheme_code":', r.scheme_code);
	jStr(w, ',"body_code":', r.body_code);
	jStr(w, ',"result":', r.result);
	end(w);
};

export const applicationJson: Formatter<ApplicationRow> = (w, r) => {
	jStr(w, '{"application_id":', r.application_id);
	jStr(w, ',"candidate_id":', r.candidate_id);
	jStr(w, ',"line_id":', r.line_id);
	jTime(w, ',"updated_at":', r.updated_day, r.updated_second);
	jDate(w, ',"applied_date":', r.applied_date);
	jStr(w, ',"outcome":', r.outcome);
	jOptDate(w, ',"outcome_date":', r.outcome_date);
	jOptStr(w, ',"rejection_reason":', r.rejection_reason);
	end(w);
};

export const placementJson: Formatter<PlacementRow> = (w, r) => {
	jStr(w, '{"placement_id":', r.placement_id);
	jStr(w, ',"candidate_id":', r.candidate_id);
	jStr(w, ',"line_id":', r.line_id);
	jTime(w, ',"updated_at":', r.updated_day, r.updated_second);
	jDate(w, ',"departure_date":', r.departure_date);
	jInt(w, ',"wage":', r.wage);
	jInt(w, ',"contract_months":', r.contract_months);
	end(w);
};
