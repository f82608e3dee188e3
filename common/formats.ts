/**
 * The interchange format: what a ministry system export (SISKOP2MI, G2G desks, BNSP/LSP,
 * LPK/BLK) must contain, one file per entity, as CSV (header row, RFC 4180) or NDJSON (one JSON
 * object per line) with these field names. The data generator writes exactly this and the loader
 * accepts exactly this, so the demo exercises the real ingestion path. `docs/ingestion.md`
 * explains it for the people who produce the exports.
 *
 * Only what the source knows is here. The warehouse adds the attributes users slice by (a
 * placement's origin province comes from its candidate, its country from its job-order line)
 * at load time, so one fact is never told two different ways.
 */

export type FieldType =
	| { kind: 'id' } // [A-Za-z0-9._-]{1,64}
	| { kind: 'date' } // YYYY-MM-DD
	| { kind: 'datetime' } // YYYY-MM-DDTHH:MM:SSZ (UTC) or YYYY-MM-DD HH:MM:SS
	| { kind: 'int'; min: number; max: number }
	| { kind: 'decimal'; min: number; max: number }
	| { kind: 'enum'; values: readonly string[] }
	/** a code that must exist in a reference list (countries, provinces, occupations, …) */
	| { kind: 'code'; list: ReferenceList }
	/** `;`-separated codes from a reference list, at most `max` */
	| { kind: 'codes'; list: ReferenceList; max: number };

export type ReferenceList =
	| 'country'
	| 'province'
	| 'regency'
	| 'occupation'
	| 'sector'
	| 'education'
	| 'language'
	| 'certification_scheme'
	| 'certification_body'
	| 'agency'
	| 'currency'
	| 'smk_major';

export interface FieldSpec {
	name: string;
	type: FieldType;
	required: boolean;
	description: string;
}

export const ENTITIES = ['job_order_lines', 'candidates', 'trainings', 'certifications', 'applications', 'placements'] as const;
export type Entity = (typeof ENTITIES)[number];

export interface EntitySpec {
	entity: Entity;
	/** the fact table the entity lands in */
	table: string;
	/** natural key: unique per entity across all loads */
	key: string;
	/** source's last-change time; a newer version of a key replaces the older one */
	version: string;
	/** the date that places a row in a monthly partition */
	partitionDate: string;
	/** entities whose rows must already be loaded (or in the same batch) for references to resolve */
	dependsOn: readonly Entity[];
	fields: readonly FieldSpec[];
	description: string;
}

const id = { kind: 'id' } as const;
const date = { kind: 'date' } as const;
const datetime = { kind: 'datetime' } as const;

export const SCHEMES = ['P2P', 'G2G', 'UKPS', 'MANDIRI'] as const;
export const GENDERS = ['F', 'M'] as const;
export const LINE_STATUSES = ['open', 'filled', 'closed', 'cancelled'] as const;
export const LINE_SOURCES = ['siskop2mi', 'embassy', 'g2g'] as const;
export const APPLICATION_OUTCOMES = ['pending', 'shortlisted', 'accepted', 'rejected', 'withdrawn'] as const;
/** Why an application failed; the first four are the competency-gap requirements. */
export const REJECTION_REASONS = [
	'certificate',
	'language',
	'education',
	'experience',
	'age',
	'gender',
	'medical',
	'employer_choice',
	'withdrawn',
] as const;
export const TRAINING_KINDS = ['language', 'skill', 'orientation'] as const;
export const TRAINING_INSTITUTIONS = ['LPK', 'BLK', 'SMK'] as const;
export const TRAINING_RESULTS = ['completed', 'dropped'] as const;
export const CERTIFICATION_RESULTS = ['passed', 'failed', 'absent'] as const;

const updatedAt: FieldSpec = {
	name: 'updated_at',
	type: datetime,
	required: true,
	description: 'When the source system last changed this row (UTC). A later version of the same key replaces an earlier one.',
};

export const entitySpecs: Record<Entity, EntitySpec> = {
	job_order_lines: {
		entity: 'job_order_lines',
		table: 'fct_job_order_lines',
		key: 'line_id',
		version: 'updated_at',
		partitionDate: 'issued_date',
		dependsOn: [],
		description: 'Demand: one position line of a job order from a foreign employer (N slots for one occupation).',
		fields: [
			{ name: 'line_id', type: id, required: true, description: 'Job-order line id (unique).' },
			{ name: 'job_order_id', type: id, required: true, description: 'The job order the line belongs to.' },
			updatedAt,
			{ name: 'issued_date', type: date, required: true, description: 'Date the job order was issued / registered.' },
			{ name: 'expiry_date', type: date, required: true, description: 'Date after which the line no longer accepts candidates.' },
			{ name: 'status', type: { kind: 'enum', values: LINE_STATUSES }, required: true, description: 'Status in the source at updated_at.' },
			{
				name: 'status_date',
				type: date,
				required: false,
				description: 'Date the status was set (required for closed and cancelled lines).',
			},
			{ name: 'source', type: { kind: 'enum', values: LINE_SOURCES }, required: true, description: 'System the order came from.' },
			{ name: 'scheme', type: { kind: 'enum', values: SCHEMES }, required: true, description: 'Placement scheme.' },
			{
				name: 'country_iso2',
				type: { kind: 'code', list: 'country' },
				required: true,
				description: 'Destination country, ISO 3166-1 alpha-2.',
			},
			{ name: 'employer_id', type: id, required: true, description: 'Pseudonymous employer id.' },
			{
				name: 'agency_code',
				type: { kind: 'code', list: 'agency' },
				required: false,
				description: 'P3MI agency working the order (empty for G2G and MANDIRI).',
			},
			{ name: 'sector', type: { kind: 'code', list: 'sector' }, required: true, description: 'SISKOP2MI sector code.' },
			{
				name: 'occupation_isco4',
				type: { kind: 'code', list: 'occupation' },
				required: true,
				description: 'KBJI 2014 / ISCO-08 unit group.',
			},
			{ name: 'slots', type: { kind: 'int', min: 1, max: 100_000 }, required: true, description: 'Number of workers demanded.' },
			{
				name: 'wage_min',
				type: { kind: 'decimal', min: 0, max: 1e9 },
				required: true,
				description: 'Monthly wage, lower bound, local currency.',
			},
			{
				name: 'wage_max',
				type: { kind: 'decimal', min: 0, max: 1e9 },
				required: true,
				description: 'Monthly wage, upper bound, local currency.',
			},
			{ name: 'wage_currency', type: { kind: 'code', list: 'currency' }, required: true, description: 'ISO 4217 currency of the wage.' },
			{
				name: 'required_certificate',
				type: { kind: 'code', list: 'certification_scheme' },
				required: false,
				description: 'Certification scheme a candidate must hold (empty: none).',
			},
			{
				name: 'required_language',
				type: { kind: 'code', list: 'language' },
				required: false,
				description: 'Language required (empty: none).',
			},
			{
				name: 'required_language_level',
				type: { kind: 'int', min: 0, max: 6 },
				required: false,
				description: 'Minimum level on the 0–6 scale (CEFR-aligned; see docs/data.md).',
			},
			{ name: 'min_education', type: { kind: 'code', list: 'education' }, required: true, description: 'Minimum education level.' },
			{ name: 'min_experience_years', type: { kind: 'int', min: 0, max: 40 }, required: true, description: 'Minimum years of experience.' },
			{ name: 'gender_requirement', type: { kind: 'enum', values: ['any', ...GENDERS] }, required: true, description: 'any, F or M.' },
			{ name: 'age_min', type: { kind: 'int', min: 17, max: 70 }, required: true, description: 'Minimum age.' },
			{ name: 'age_max', type: { kind: 'int', min: 17, max: 70 }, required: true, description: 'Maximum age.' },
		],
	},
	candidates: {
		entity: 'candidates',
		table: 'fct_candidates',
		key: 'candidate_id',
		version: 'updated_at',
		partitionDate: 'registered_date',
		dependsOn: [],
		description: 'Supply: one registered prospective migrant worker (CPMI). Pseudonymous: no name, national id, phone or address.',
		fields: [
			{ name: 'candidate_id', type: id, required: true, description: 'Pseudonymous candidate id (never a national id number).' },
			updatedAt,
			{ name: 'registered_date', type: date, required: true, description: 'Registration date in SISKOP2MI.' },
			{
				name: 'province_code',
				type: { kind: 'code', list: 'province' },
				required: true,
				description: 'Province of origin, Kemendagri code (11–96).',
			},
			{
				name: 'regency_code',
				type: { kind: 'code', list: 'regency' },
				required: true,
				description: 'Regency/city of origin, Kemendagri code (e.g. 32.12); must lie in province_code.',
			},
			{ name: 'gender', type: { kind: 'enum', values: GENDERS }, required: true, description: 'F or M.' },
			{ name: 'age', type: { kind: 'int', min: 17, max: 70 }, required: true, description: 'Age in years at registration.' },
			{ name: 'education', type: { kind: 'code', list: 'education' }, required: true, description: 'Highest completed education.' },
			{
				name: 'smk_major',
				type: { kind: 'code', list: 'smk_major' },
				required: false,
				description: 'SMK (vocational school) major, for SMK graduates.',
			},
			{
				name: 'preferred_occupation_isco4',
				type: { kind: 'code', list: 'occupation' },
				required: true,
				description: 'Occupation the candidate registered for.',
			},
			{
				name: 'preferred_countries',
				type: { kind: 'codes', list: 'country', max: 3 },
				required: false,
				description: 'Up to three preferred destinations, `;`-separated ISO alpha-2 (empty: any).',
			},
			{
				name: 'language_code',
				type: { kind: 'code', list: 'language' },
				required: false,
				description: 'Foreign language declared at registration.',
			},
			{ name: 'language_level', type: { kind: 'int', min: 0, max: 6 }, required: false, description: 'Its level on the 0–6 scale.' },
			{
				name: 'experience_years',
				type: { kind: 'int', min: 0, max: 50 },
				required: true,
				description: 'Years of relevant work experience.',
			},
		],
	},
	trainings: {
		entity: 'trainings',
		table: 'fct_trainings',
		key: 'training_id',
		version: 'updated_at',
		partitionDate: 'end_date',
		dependsOn: ['candidates'],
		description: 'A training a candidate took at an LPK/BLK/SMK: language, skill, or pre-departure orientation.',
		fields: [
			{ name: 'training_id', type: id, required: true, description: 'Training enrolment id.' },
			{ name: 'candidate_id', type: id, required: true, description: 'Candidate (must be loaded).' },
			updatedAt,
			{ name: 'start_date', type: date, required: true, description: 'First day.' },
			{ name: 'end_date', type: date, required: true, description: 'Last day (completion or drop-out).' },
			{ name: 'kind', type: { kind: 'enum', values: TRAINING_KINDS }, required: true, description: 'language, skill or orientation.' },
			{
				name: 'institution_kind',
				type: { kind: 'enum', values: TRAINING_INSTITUTIONS },
				required: true,
				description: 'LPK (private), BLK (public) or SMK.',
			},
			{
				name: 'institution_province',
				type: { kind: 'code', list: 'province' },
				required: true,
				description: 'Province of the institution.',
			},
			{
				name: 'language_code',
				type: { kind: 'code', list: 'language' },
				required: false,
				description: 'For language training: the language.',
			},
			{
				name: 'language_level',
				type: { kind: 'int', min: 0, max: 6 },
				required: false,
				description: 'For language training: level reached.',
			},
			{
				name: 'occupation_isco4',
				type: { kind: 'code', list: 'occupation' },
				required: false,
				description: 'For skill training: the occupation.',
			},
			{ name: 'result', type: { kind: 'enum', values: TRAINING_RESULTS }, required: true, description: 'completed or dropped.' },
		],
	},
	certifications: {
		entity: 'certifications',
		table: 'fct_certifications',
		key: 'certification_id',
		version: 'updated_at',
		partitionDate: 'exam_date',
		dependsOn: ['candidates'],
		description: 'One certification attempt (BNSP competency test at an LSP, or a licence).',
		fields: [
			{ name: 'certification_id', type: id, required: true, description: 'Attempt id.' },
			{ name: 'candidate_id', type: id, required: true, description: 'Candidate (must be loaded).' },
			updatedAt,
			{ name: 'exam_date', type: date, required: true, description: 'Date of the assessment.' },
			{ name: 'scheme_code', type: { kind: 'code', list: 'certification_scheme' }, required: true, description: 'Certification scheme.' },
			{
				name: 'body_code',
				type: { kind: 'code', list: 'certification_body' },
				required: true,
				description: 'Certification body (LSP / test centre).',
			},
			{ name: 'result', type: { kind: 'enum', values: CERTIFICATION_RESULTS }, required: true, description: 'passed, failed or absent.' },
		],
	},
	applications: {
		entity: 'applications',
		table: 'fct_applications',
		key: 'application_id',
		version: 'updated_at',
		partitionDate: 'applied_date',
		dependsOn: ['candidates', 'job_order_lines'],
		description: 'A candidate applying to a job-order line, and its outcome.',
		fields: [
			{ name: 'application_id', type: id, required: true, description: 'Application id.' },
			{ name: 'candidate_id', type: id, required: true, description: 'Candidate (must be loaded).' },
			{ name: 'line_id', type: id, required: true, description: 'Job-order line (must be loaded).' },
			updatedAt,
			{ name: 'applied_date', type: date, required: true, description: 'Date of application.' },
			{ name: 'outcome', type: { kind: 'enum', values: APPLICATION_OUTCOMES }, required: true, description: 'Current outcome.' },
			{ name: 'outcome_date', type: date, required: false, description: 'Date of the outcome (required unless pending).' },
			{
				name: 'rejection_reason',
				type: { kind: 'enum', values: REJECTION_REASONS },
				required: false,
				description: 'For rejected/withdrawn applications: the main reason.',
			},
		],
	},
	placements: {
		entity: 'placements',
		table: 'fct_placements',
		key: 'placement_id',
		version: 'updated_at',
		partitionDate: 'departure_date',
		dependsOn: ['candidates', 'job_order_lines'],
		description: 'A departure: a candidate leaves to work on a job-order line and becomes a PMI.',
		fields: [
			{ name: 'placement_id', type: id, required: true, description: 'Placement id.' },
			{ name: 'candidate_id', type: id, required: true, description: 'Candidate (must be loaded).' },
			{ name: 'line_id', type: id, required: true, description: 'Job-order line (must be loaded).' },
			updatedAt,
			{ name: 'departure_date', type: date, required: true, description: 'Departure date (counts as the placement date).' },
			{
				name: 'wage',
				type: { kind: 'decimal', min: 0, max: 1e9 },
				required: true,
				description: 'Agreed monthly wage, in the line currency.',
			},
			{ name: 'contract_months', type: { kind: 'int', min: 1, max: 120 }, required: true, description: 'Contract length in months.' },
		],
	},
};

/** Orders entities so that what a file refers to is loaded before it. */
export function loadOrder(entities: readonly Entity[]): Entity[] {
	return ENTITIES.filter((e) => entities.includes(e));
}

/** The entity a file holds, from its name: `placements.csv`, `placements-2024-03.ndjson`, … */
export function entityOfFile(fileName: string): Entity | undefined {
	const base = fileName.split('/').pop() ?? fileName;
	return ENTITIES.find((e) => base === e || base.startsWith(`${e}.`) || base.startsWith(`${e}-`) || base.startsWith(`${e}_`));
}
