/**
 * Rules that relate fields of one row (expiry after issue, wage_max ≥ wage_min, …). They run
 * only on rows whose fields each passed their own check, and see the normal forms: dates as
 * YYYY-MM-DD (so they compare as strings), numbers as plain decimals, absent fields as ''.
 * Rules that need other rows or other tables (unknown candidate, slots per line) are SQL, in
 * plan-sql.ts.
 */
import type { Entity } from '../../../common/formats.ts';
import { occupationByIsco4, regencyByCode } from '../../../common/reference/index.ts';

export interface RowRule {
	/** the fields the rule reads, in the order `test` receives them */
	fields: readonly string[];
	/** the field a violation is reported on */
	report: string;
	/** returns what is wrong, or undefined */
	test: (...values: string[]) => string | undefined;
	/** one line for docs/ingestion.md */
	doc: string;
}

const notBefore = (later: string, earlier: string): RowRule => ({
	fields: [later, earlier],
	report: later,
	test: (a, b) => (a !== '' && b !== '' && a < b ? `${later} ${a} is before ${earlier} ${b}` : undefined),
	doc: `${later} is not before ${earlier}`,
});

const atLeast = (high: string, low: string): RowRule => ({
	fields: [high, low],
	report: high,
	test: (a, b) => (a !== '' && b !== '' && Number(a) < Number(b) ? `${high} ${a} is less than ${low} ${b}` : undefined),
	doc: `${high} ≥ ${low}`,
});

const onlyWith = (field: string, other: string): RowRule => ({
	fields: [field, other],
	report: field,
	test: (a, b) => (a !== '' && b === '' ? `is given but ${other} is empty; give both or neither` : undefined),
	doc: `${field} only together with ${other}`,
});

export const rowRules: Record<Entity, readonly RowRule[]> = {
	job_order_lines: [
		notBefore('expiry_date', 'issued_date'),
		notBefore('status_date', 'issued_date'),
		atLeast('wage_max', 'wage_min'),
		atLeast('age_max', 'age_min'),
		{
			fields: ['status_date', 'status'],
			report: 'status_date',
			test: (date, status) =>
				date === '' && (status === 'closed' || status === 'cancelled') ? `is required when status is '${status}'` : undefined,
			doc: 'status_date is required for closed and cancelled lines',
		},
		onlyWith('required_language_level', 'required_language'),
		{
			fields: ['agency_code', 'scheme'],
			report: 'agency_code',
			test: (agency, scheme) => {
				if (scheme === 'P2P' && agency === '') return `is required for scheme P2P (the P3MI working the order)`;
				if ((scheme === 'G2G' || scheme === 'MANDIRI') && agency !== '') return `must be empty for scheme ${scheme}`;
				return undefined;
			},
			doc: 'agency_code is required for P2P and empty for G2G and MANDIRI',
		},
		{
			fields: ['country_iso2'],
			report: 'country_iso2',
			test: (country) => (country === 'ID' ? `'ID' is Indonesia; give the destination country` : undefined),
			doc: 'country_iso2 is not ID',
		},
		{
			// The published tables by sector and by occupation nest (a sector's slots are the sum of its
			// occupations'), and small-cell suppression protects them as such (docs/access.md): a line
			// coded to another sector would make a sector total minus its occupations a published cell.
			fields: ['sector', 'occupation_isco4'],
			report: 'sector',
			test: (sector, occupation) => {
				const o = occupationByIsco4.get(occupation);
				return o && o.sector !== sector
					? `is '${sector}', but occupation ${occupation} (${o.title_en}) belongs to sector '${o.sector}'`
					: undefined;
			},
			doc: "sector is occupation_isco4's sector (common/reference/data/occupations.csv)",
		},
	],
	candidates: [
		{
			fields: ['regency_code', 'province_code'],
			report: 'regency_code',
			test: (regency, province) => {
				const r = regencyByCode.get(regency);
				return r && r.province !== province
					? `regency ${regency} (${r.short_name}) lies in province ${r.province}, not in province_code ${province}`
					: undefined;
			},
			doc: 'regency_code lies in province_code',
		},
		onlyWith('language_level', 'language_code'),
		{
			fields: ['smk_major', 'education'],
			report: 'smk_major',
			test: (major, education) => (major !== '' && education !== 'smk' ? `is given but education is '${education}', not 'smk'` : undefined),
			doc: "smk_major only when education is 'smk'",
		},
		{
			fields: ['preferred_countries'],
			report: 'preferred_countries',
			test: (list) => (`;${list};`.includes(';ID;') ? `lists 'ID' (Indonesia), which is not a destination` : undefined),
			doc: 'preferred_countries does not list ID',
		},
	],
	trainings: [
		notBefore('end_date', 'start_date'),
		{
			fields: ['language_code', 'kind'],
			report: 'language_code',
			test: (language, kind) => {
				if (kind === 'language' && language === '') return 'is required for a language training';
				if (kind !== 'language' && language !== '') return `is only for language trainings (kind is '${kind}')`;
				return undefined;
			},
			doc: "language_code is required for kind 'language' and empty otherwise",
		},
		onlyWith('language_level', 'language_code'),
		{
			fields: ['occupation_isco4', 'kind'],
			report: 'occupation_isco4',
			test: (occupation, kind) => (occupation !== '' && kind !== 'skill' ? `is only for skill trainings (kind is '${kind}')` : undefined),
			doc: "occupation_isco4 only for kind 'skill'",
		},
	],
	certifications: [],
	applications: [
		{
			fields: ['outcome_date', 'outcome'],
			report: 'outcome_date',
			test: (date, outcome) => {
				if (outcome === 'pending' && date !== '') return `must be empty while the outcome is 'pending'`;
				if (outcome !== 'pending' && date === '') return `is required when the outcome is '${outcome}'`;
				return undefined;
			},
			doc: "outcome_date is required unless the outcome is 'pending' (then it is empty)",
		},
		notBefore('outcome_date', 'applied_date'),
		{
			fields: ['rejection_reason', 'outcome'],
			report: 'rejection_reason',
			test: (reason, outcome) =>
				reason !== '' && outcome !== 'rejected' && outcome !== 'withdrawn'
					? `is only for rejected or withdrawn applications (outcome is '${outcome}')`
					: undefined,
			doc: 'rejection_reason only for rejected and withdrawn applications',
		},
	],
	placements: [],
};
