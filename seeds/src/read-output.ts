/**
 * Reads a generated folder back, for the tests: every file of the manifest, parsed with the
 * project's own CSV reader (common/reference/csv.ts) or JSON.parse per NDJSON line, and a checker
 * that holds each row to the field specs of common/formats.ts (types, enums, required fields,
 * codes that must exist in common/reference). Small data sets only: it keeps every row in memory.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENTITIES, type Entity, type EntitySpec, entitySpecs, type FieldSpec, type ReferenceList } from '../../common/formats.ts';
import { parseCsvRecords } from '../../common/reference/csv.ts';
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
} from '../../common/reference/index.ts';

export interface Manifest {
	generator: string;
	version: string;
	options: { scale: string; seed: number; until: string; format: 'csv' | 'ndjson' };
	files: { entity: Entity; path: string; rows: number; sha256: string }[];
	rows: Record<Entity, number>;
	totalRows: number;
}

/** One row with every field of its entity as text ('' = absent). */
export type Row = Record<string, string>;

export interface Output {
	manifest: Manifest;
	rows: Record<Entity, Row[]>;
	/** problems found while parsing (JSON types, unknown keys) */
	problems: string[];
}

export function readManifest(dir: string): Manifest {
	return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

export function readOutput(dir: string): Output {
	const manifest = readManifest(dir);
	const rows = Object.fromEntries(ENTITIES.map((e) => [e, [] as Row[]])) as Record<Entity, Row[]>;
	const problems: string[] = [];
	for (const file of manifest.files) {
		const spec = entitySpecs[file.entity];
		const names = spec.fields.map((f) => f.name);
		const text = readFileSync(join(dir, file.path), 'utf8');
		if (manifest.options.format === 'csv') {
			for (const record of parseCsvRecords(text, names)) rows[file.entity].push(record);
			continue;
		}
		const lines = text.split('\n');
		if (lines.pop() !== '') problems.push(`${file.path}: last line not terminated`);
		lines.forEach((line, i) => {
			const object = JSON.parse(line) as Record<string, unknown>;
			const row: Row = {};
			for (const key of Object.keys(object)) if (!names.includes(key)) problems.push(`${file.path}:${i + 1}: unknown key ${key}`);
			for (const field of spec.fields) {
				const value = object[field.name];
				if (value === undefined) {
					row[field.name] = '';
					continue;
				}
				const numeric = field.type.kind === 'int' || field.type.kind === 'decimal';
				if (numeric ? typeof value !== 'number' : typeof value !== 'string') {
					problems.push(`${file.path}:${i + 1}: ${field.name} has JSON type ${typeof value}`);
				}
				if (value === '') problems.push(`${file.path}:${i + 1}: ${field.name} is "" (absent optionals are omitted)`);
				row[field.name] = String(value);
			}
			rows[file.entity].push(row);
		});
	}
	return { manifest, rows, problems };
}

const LISTS: Readonly<Record<ReferenceList, ReadonlyMap<string, unknown>>> = {
	country: countryByIso2,
	province: provinceByCode,
	regency: regencyByCode,
	occupation: occupationByIsco4,
	sector: sectorByCode as ReadonlyMap<string, unknown>,
	education: educationByCode as ReadonlyMap<string, unknown>,
	language: languageByCode,
	certification_scheme: certificationSchemeByCode,
	certification_body: certificationBodyByCode,
	agency: agencyByCode,
	currency: currencyByCode,
	smk_major: smkMajorByCode,
};

function validDate(text: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
	const d = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** Problems of one value against its field spec ('' = none). */
export function checkField(field: FieldSpec, value: string): string {
	if (value === '') return field.required ? 'required but empty' : '';
	const t = field.type;
	switch (t.kind) {
		case 'id':
			return /^[A-Za-z0-9._-]{1,64}$/.test(value) ? '' : 'not an id';
		case 'date':
			return validDate(value) ? '' : 'not a YYYY-MM-DD date';
		case 'datetime': {
			const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2}):(\d{2})Z?$/.exec(value);
			return m && validDate(m[1] as string) && Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[4]) < 60 ? '' : 'not a datetime';
		}
		case 'int':
			return /^-?\d+$/.test(value) && Number(value) >= t.min && Number(value) <= t.max ? '' : `not an integer in ${t.min}–${t.max}`;
		case 'decimal':
			return /^-?\d+(\.\d+)?$/.test(value) && Number(value) >= t.min && Number(value) <= t.max ? '' : `not a decimal in ${t.min}–${t.max}`;
		case 'enum':
			return t.values.includes(value) ? '' : `not one of ${t.values.join('/')}`;
		case 'code':
			return LISTS[t.list].has(value) ? '' : `unknown ${t.list} code`;
		case 'codes': {
			const codes = value.split(';');
			if (codes.length > t.max) return `more than ${t.max} codes`;
			if (new Set(codes).size !== codes.length) return 'repeated code';
			return codes.every((c) => LISTS[t.list].has(c)) ? '' : `unknown ${t.list} code`;
		}
	}
}

/** Every spec problem of a row, plus the conditional rules the field descriptions state. */
export function checkRow(spec: EntitySpec, row: Row): string[] {
	const out: string[] = [];
	for (const field of spec.fields) {
		const problem = checkField(field, row[field.name] ?? '');
		if (problem) out.push(`${field.name}=${JSON.stringify(row[field.name])}: ${problem}`);
	}
	const both = (a: string, b: string) => {
		if ((row[a] === '') !== (row[b] === '')) out.push(`${a} and ${b} must be given together`);
	};
	switch (spec.entity) {
		case 'job_order_lines':
			if ((row.status === 'closed' || row.status === 'cancelled') && row.status_date === '')
				out.push('closed/cancelled line without status_date');
			both('required_language', 'required_language_level');
			break;
		case 'candidates':
			both('language_code', 'language_level');
			break;
		case 'trainings':
			if ((row.kind === 'language') !== (row.language_code !== '')) out.push('language_code only (and always) on language trainings');
			break;
		case 'applications':
			if (row.outcome !== 'pending' && row.outcome_date === '') out.push('outcome_date missing');
			if ((row.outcome === 'rejected' || row.outcome === 'withdrawn') !== (row.rejection_reason !== '')) {
				out.push('rejection_reason only (and always) on rejected/withdrawn applications');
			}
			break;
	}
	return out;
}
