import { describe, expect, it } from 'vitest';
import { type Entity, entitySpecs } from '../../../common/formats.ts';
import { csvLayout, csvValues, type Issue, jsonValues, rowValidator } from './validate.ts';

/** Checks one row given as field → value (absent fields are empty). */
function check(entity: Entity, row: Record<string, string>): { out?: Record<string, string>; issues?: Issue[] } {
	const v = rowValidator(entity);
	const values = v.fields.map((f) => row[f.name]);
	const out: string[] = [];
	const issues = v.check(values, out);
	if (issues) return { issues };
	return { out: Object.fromEntries(v.fields.map((f, i) => [f.name, out[i] as string])) };
}

const line = {
	line_id: 'L1',
	job_order_id: 'J1',
	updated_at: '2024-01-05T08:00:00Z',
	issued_date: '2024-01-05',
	expiry_date: '2024-12-31',
	status: 'open',
	source: 'siskop2mi',
	scheme: 'P2P',
	country_iso2: 'JP',
	employer_id: 'E1',
	agency_code: 'P3MI-0001',
	sector: 'health_care',
	occupation_isco4: '5322',
	slots: '3',
	wage_min: '1000',
	wage_max: '2000',
	wage_currency: 'JPY',
	min_education: 'sma',
	min_experience_years: '0',
	gender_requirement: 'any',
	age_min: '18',
	age_max: '40',
};
const candidate = {
	candidate_id: 'C1',
	updated_at: '2024-01-02T00:00:00Z',
	registered_date: '2023-11-01',
	province_code: '32',
	regency_code: '32.12',
	gender: 'F',
	age: '23',
	education: 'smk',
	preferred_occupation_isco4: '5322',
	experience_years: '1',
};
const training = {
	training_id: 'T1',
	candidate_id: 'C1',
	updated_at: '2024-01-10T00:00:00Z',
	start_date: '2023-11-10',
	end_date: '2024-01-10',
	kind: 'language',
	institution_kind: 'LPK',
	institution_province: '32',
	language_code: 'ja',
	result: 'completed',
};
const application = {
	application_id: 'A1',
	candidate_id: 'C1',
	line_id: 'L1',
	updated_at: '2024-02-20T00:00:00Z',
	applied_date: '2024-01-20',
	outcome: 'accepted',
	outcome_date: '2024-02-20',
};

const issues = (entity: Entity, row: Record<string, string>) => check(entity, row).issues ?? [];

describe('row rules', () => {
	it('passes valid rows of every entity with a rule', () => {
		expect(check('job_order_lines', line).issues).toBeUndefined();
		expect(check('candidates', candidate).issues).toBeUndefined();
		expect(check('trainings', training).issues).toBeUndefined();
		expect(check('applications', application).issues).toBeUndefined();
	});

	it('job-order lines: dates, wages, ages, status_date, language level, agency by scheme, destination', () => {
		expect(issues('job_order_lines', { ...line, expiry_date: '2024-01-04' })).toEqual([
			{ field: 'expiry_date', message: 'expiry_date 2024-01-04 is before issued_date 2024-01-05' },
		]);
		expect(issues('job_order_lines', { ...line, expiry_date: '2024-01-05' })).toEqual([]);
		expect(issues('job_order_lines', { ...line, status: 'cancelled', status_date: '2024-01-01' })).toEqual([
			{ field: 'status_date', message: 'status_date 2024-01-01 is before issued_date 2024-01-05' },
		]);
		expect(issues('job_order_lines', { ...line, wage_max: '999.99' })).toEqual([
			{ field: 'wage_max', message: 'wage_max 999.99 is less than wage_min 1000' },
		]);
		expect(issues('job_order_lines', { ...line, wage_max: '1000' })).toEqual([]);
		expect(issues('job_order_lines', { ...line, age_max: '17' })).toEqual([
			{ field: 'age_max', message: 'age_max 17 is less than age_min 18' },
		]);
		expect(issues('job_order_lines', { ...line, status: 'cancelled' })).toEqual([
			{ field: 'status_date', message: "is required when status is 'cancelled'" },
		]);
		expect(issues('job_order_lines', { ...line, status: 'filled' })).toEqual([]);
		expect(issues('job_order_lines', { ...line, required_language_level: '2' })).toEqual([
			{ field: 'required_language_level', message: 'is given but required_language is empty; give both or neither' },
		]);
		expect(issues('job_order_lines', { ...line, required_language: 'ja' })).toEqual([]);
		expect(issues('job_order_lines', { ...line, agency_code: '' })).toEqual([
			{ field: 'agency_code', message: 'is required for scheme P2P (the P3MI working the order)' },
		]);
		expect(issues('job_order_lines', { ...line, scheme: 'MANDIRI' })).toEqual([
			{ field: 'agency_code', message: 'must be empty for scheme MANDIRI' },
		]);
		expect(issues('job_order_lines', { ...line, scheme: 'UKPS' })).toEqual([]);
		expect(issues('job_order_lines', { ...line, country_iso2: 'ID' })).toEqual([
			{ field: 'country_iso2', message: "'ID' is Indonesia; give the destination country" },
		]);
		// the public tables by sector and by occupation nest: a welder coded to health care is refused
		expect(issues('job_order_lines', { ...line, sector: 'health_care', occupation_isco4: '7212' })).toEqual([
			{ field: 'sector', message: "is 'health_care', but occupation 7212 (Welders and flamecutters) belongs to sector 'engineering'" },
		]);
		expect(issues('job_order_lines', { ...line, sector: 'health_care', occupation_isco4: '5322' })).toEqual([]);
	});

	it('candidates: regency inside province, language level, SMK major, destinations', () => {
		expect(issues('candidates', { ...candidate, province_code: '33' })).toEqual([
			{ field: 'regency_code', message: 'regency 32.12 (Indramayu) lies in province 32, not in province_code 33' },
		]);
		expect(issues('candidates', { ...candidate, language_level: '3' })).toEqual([
			{ field: 'language_level', message: 'is given but language_code is empty; give both or neither' },
		]);
		expect(issues('candidates', { ...candidate, education: 'sma', smk_major: 'perhotelan' })).toEqual([
			{ field: 'smk_major', message: "is given but education is 'sma', not 'smk'" },
		]);
		expect(issues('candidates', { ...candidate, smk_major: 'perhotelan' })).toEqual([]);
		expect(issues('candidates', { ...candidate, preferred_countries: 'JP;ID' })).toEqual([
			{ field: 'preferred_countries', message: "lists 'ID' (Indonesia), which is not a destination" },
		]);
	});

	it('trainings: end after start, language fields only for language trainings, occupation only for skill trainings', () => {
		expect(issues('trainings', { ...training, end_date: '2023-11-09' })).toEqual([
			{ field: 'end_date', message: 'end_date 2023-11-09 is before start_date 2023-11-10' },
		]);
		expect(issues('trainings', { ...training, language_code: '' })).toEqual([
			{ field: 'language_code', message: 'is required for a language training' },
		]);
		expect(issues('trainings', { ...training, kind: 'skill' })).toEqual([
			{ field: 'language_code', message: "is only for language trainings (kind is 'skill')" },
		]);
		expect(issues('trainings', { ...training, kind: 'orientation', language_code: '', occupation_isco4: '5322' })).toEqual([
			{ field: 'occupation_isco4', message: "is only for skill trainings (kind is 'orientation')" },
		]);
		expect(issues('trainings', { ...training, kind: 'skill', language_code: '', occupation_isco4: '5322' })).toEqual([]);
	});

	it('applications: outcome_date unless pending and not before applied_date, rejection reason only when rejected/withdrawn', () => {
		expect(issues('applications', { ...application, outcome_date: '' })).toEqual([
			{ field: 'outcome_date', message: "is required when the outcome is 'accepted'" },
		]);
		expect(issues('applications', { ...application, outcome: 'pending' })).toEqual([
			{ field: 'outcome_date', message: "must be empty while the outcome is 'pending'" },
		]);
		expect(issues('applications', { ...application, outcome: 'pending', outcome_date: '' })).toEqual([]);
		expect(issues('applications', { ...application, outcome_date: '2024-01-19' })).toEqual([
			{ field: 'outcome_date', message: 'outcome_date 2024-01-19 is before applied_date 2024-01-20' },
		]);
		expect(issues('applications', { ...application, rejection_reason: 'language' })).toEqual([
			{ field: 'rejection_reason', message: "is only for rejected or withdrawn applications (outcome is 'accepted')" },
		]);
		expect(issues('applications', { ...application, outcome: 'rejected', rejection_reason: 'language' })).toEqual([]);
	});

	it('reports every field problem of a row at once, and runs rules only on rows whose fields are valid', () => {
		expect(issues('job_order_lines', { ...line, slots: '0', wage_currency: 'XXX', expiry_date: '2024-01-01' })).toEqual([
			{ field: 'slots', message: "'0' is below the minimum 1" },
			{ field: 'wage_currency', message: "'XXX' is not a known currency code (ISO 4217, from the SLMI list, e.g. 'USD')" },
		]);
	});
});

describe('CSV header and record shape', () => {
	it('maps columns in any order and lets optional columns be left out', () => {
		const header = ['candidate_id', 'line_id', 'placement_id', 'updated_at', 'departure_date', 'wage', 'contract_months'];
		const { layout, issues: problems } = csvLayout('placements', header);
		expect(problems).toEqual([]);
		const values: (string | undefined)[] = [];
		expect(csvValues(layout!, ['C1', 'L1', 'P1', 'u', 'd', 'w', 'c'], false, values)).toBeUndefined();
		expect(values).toEqual(['P1', 'C1', 'L1', 'u', 'd', 'w', 'c']);
		const optional = csvLayout('candidates', [
			'candidate_id',
			'updated_at',
			'registered_date',
			'province_code',
			'regency_code',
			'gender',
			'age',
			'education',
			'preferred_occupation_isco4',
			'experience_years',
		]);
		expect(optional.issues).toEqual([]);
	});

	it('rejects unknown, repeated and missing columns', () => {
		expect(
			csvLayout('placements', [
				'placement_id',
				'Candidate_ID',
				'line_id',
				'updated_at',
				'departure_date',
				'wage',
				'contract_months',
				'placement_id',
			]).issues,
		).toEqual([
			{
				field: 'Candidate_ID',
				message: expect.stringMatching(
					/^unknown column 'Candidate_ID' \(did you mean 'candidate_id'\? names are lower case\); a placements file has the columns placement_id, /,
				),
			},
			{ field: 'placement_id', message: "column 'placement_id' appears twice (columns 1 and 8)" },
			{ field: 'candidate_id', message: "required column 'candidate_id' is missing" },
		]);
	});

	it('says when a record has the wrong number of fields, and when the file looks cut off', () => {
		const { layout } = csvLayout(
			'certifications',
			entitySpecs.certifications.fields.map((f) => f.name),
		);
		expect(csvValues(layout!, ['a', 'b'], false, [])).toBe('has 2 fields, but the header has 7 columns');
		expect(csvValues(layout!, ['a', 'b'], true, [])).toBe(
			'has 2 fields, but the header has 7 columns — the last line has no line break: is the file cut off?',
		);
		expect(csvValues(layout!, ['1', '2', '3', '4', '5', '6', '7', '8'], false, [])).toBe('has 8 fields, but the header has 7 columns');
	});
});

describe('NDJSON values', () => {
	const fields = entitySpecs.candidates.fields;
	const index = new Map(fields.map((f, i) => [f.name, i]));

	it('takes strings and numbers, treats null as absent, joins a list for a codes field', () => {
		const into: (string | undefined)[] = new Array(fields.length);
		expect(
			jsonValues(fields, index, { candidate_id: 'C1', age: 23, smk_major: null, preferred_countries: ['JP', 'KR'] }, into),
		).toBeUndefined();
		expect(into[index.get('candidate_id') as number]).toBe('C1');
		expect(into[index.get('age') as number]).toBe('23');
		expect(into[index.get('smk_major') as number]).toBeUndefined();
		expect(into[index.get('preferred_countries') as number]).toBe('JP;KR');
	});

	it('reports unknown keys and values of the wrong shape', () => {
		const into: (string | undefined)[] = new Array(fields.length);
		expect(jsonValues(fields, index, { nik: '3201…', gender: true, age: { years: 3 }, province_code: ['32'] }, into)).toEqual([
			{ field: 'nik', message: "unknown field 'nik'; see docs/ingestion.md for the fields of this entity" },
			{ field: 'gender', message: 'is boolean; expected a string or number' },
			{ field: 'age', message: 'is object; expected a string or number' },
			{ field: 'province_code', message: 'is a list; expected a string or number' },
		]);
	});
});
