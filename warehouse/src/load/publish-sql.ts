/**
 * Publishing a planned batch: the INSERT … SELECT that writes the plan's inserts and updates into
 * the fact table with every denormalised column filled (the migrations' COMMENTs say where each
 * comes from), and the one mutation that removes the versions those updates replace.
 *
 * Attributes of other facts (a placement's candidate and line) come from the batch's lookup tables,
 * made with the plan and read here with joinGet (plan-sql.ts lookupTablesSql); here only the small
 * dimensions are joined.
 */
import { type Entity, entitySpecs } from '../../../common/formats.ts';
import { ageBandSql, certifiedSql, mediumHighSkillSql, smkSql } from './derived.ts';
import { type BatchTables, lookedUpAttributes, lookedUpSql, PACK_SEPARATOR, PACKED, type PackedColumn, packSql } from './plan-sql.ts';
import { chainLookups, ident, inOp, type Lookup, lineOf, seqOf, str } from './sql.ts';

interface PublishSpec {
	lookups: Lookup[];
	/** fact column → SQL over the stage columns and the lookups' columns */
	columns: [string, string][];
}

const date = (f: string) => `toDate(${f})`;
const nullableDate = (f: string) => `if(${f} = '', NULL, toDateOrZero(${f}))`;
const updatedAt = 'toDateTime(toUInt32(updated_at))';
const optionalUInt8 = (f: string) => `toUInt8OrZero(${f})`;

const dims = {
	region: (using: string): Lookup => ({
		sql: `SELECT country_iso2 AS ${using}, region_code AS d_region_code FROM dim_countries`,
		using,
		columns: ['d_region_code'],
	}),
	occupation: (using: string): Lookup => ({
		sql: `SELECT occupation_isco4 AS ${using}, skill_level AS o_skill_level, sector_code AS o_sector FROM dim_occupations`,
		using,
		columns: ['o_skill_level', 'o_sector'],
	}),
	formal: (using: string): Lookup => ({
		sql: `SELECT sector_code AS ${using}, formal AS s_formal FROM dim_sectors`,
		using,
		columns: ['s_formal'],
	}),
	household: (using: string): Lookup => ({
		sql: `SELECT occupation_isco4 AS ${using}, toUInt8(1) AS h_household FROM dim_household_occupations`,
		using,
		columns: ['h_household'],
	}),
	usdRate: (using: string): Lookup => ({
		sql: `SELECT currency AS ${using}, usd_per_unit AS fx_usd_per_unit FROM dim_currencies`,
		using,
		columns: ['fx_usd_per_unit'],
	}),
	educationRank: (using: string): Lookup => ({
		sql: `SELECT education_code AS ${using}, rank AS e_rank FROM dim_education_levels`,
		using,
		columns: ['e_rank'],
	}),
};

const candidateOrigin: [string, string][] = [
	['province_code', 'c_province_code'],
	['regency_code', 'c_regency_code'],
	['gender', 'c_gender'],
];

function publishSpec(entity: Entity): PublishSpec {
	switch (entity) {
		case 'job_order_lines':
			return {
				lookups: [
					dims.region('country_iso2'),
					dims.occupation('occupation_isco4'),
					dims.formal('sector'),
					dims.household('occupation_isco4'),
					dims.usdRate('wage_currency'),
					dims.educationRank('min_education'),
				],
				columns: [
					['line_id', 'line_id'],
					['job_order_id', 'job_order_id'],
					['updated_at', updatedAt],
					['issued_date', date('issued_date')],
					['expiry_date', date('expiry_date')],
					['status', 'status'],
					['status_date', nullableDate('status_date')],
					['source', 'source'],
					['scheme', 'scheme'],
					['country_iso2', 'country_iso2'],
					['region_code', 'd_region_code'],
					['employer_id', 'employer_id'],
					['agency_code', 'agency_code'],
					['sector', 'sector'],
					['occupation_isco4', 'occupation_isco4'],
					['skill_level', 'o_skill_level'],
					// Formal: a formal sector and an occupation not usually employed by households
					// (a missing household match reads 0).
					['formal', 's_formal * (1 - h_household)'],
					['slots', 'toUInt32(slots)'],
					['wage_min', 'toFloat64(wage_min)'],
					['wage_max', 'toFloat64(wage_max)'],
					['wage_currency', 'wage_currency'],
					['wage_min_usd', 'toFloat64(wage_min) * fx_usd_per_unit'],
					['wage_max_usd', 'toFloat64(wage_max) * fx_usd_per_unit'],
					['required_certificate', 'required_certificate'],
					['required_language', 'required_language'],
					['required_language_level', optionalUInt8('required_language_level')],
					['min_education', 'min_education'],
					['min_education_rank', 'e_rank'],
					['min_experience_years', 'toUInt8(min_experience_years)'],
					['gender_requirement', 'gender_requirement'],
					['age_min', 'toUInt8(age_min)'],
					['age_max', 'toUInt8(age_max)'],
				],
			};
		case 'candidates':
			return {
				lookups: [dims.educationRank('education'), dims.occupation('preferred_occupation_isco4')],
				columns: [
					['candidate_id', 'candidate_id'],
					['updated_at', updatedAt],
					['registered_date', date('registered_date')],
					['province_code', 'province_code'],
					['regency_code', 'regency_code'],
					['gender', 'gender'],
					['age', 'toUInt8(age)'],
					['age_band', ageBandSql('toUInt8(age)')],
					['education', 'education'],
					['education_rank', 'e_rank'],
					['smk_major', 'smk_major'],
					['preferred_occupation_isco4', 'preferred_occupation_isco4'],
					['preferred_sector', 'o_sector'],
					['preferred_skill_level', 'o_skill_level'],
					['preferred_countries', "if(preferred_countries = '', emptyArrayString(), splitByChar(';', preferred_countries))"],
					['language_code', 'language_code'],
					['language_level', optionalUInt8('language_level')],
					['experience_years', 'toUInt8(experience_years)'],
				],
			};
		case 'trainings':
			return {
				lookups: [],
				columns: [
					['training_id', 'training_id'],
					['candidate_id', 'candidate_id'],
					['updated_at', updatedAt],
					['start_date', date('start_date')],
					['end_date', date('end_date')],
					['kind', 'kind'],
					['institution_kind', 'institution_kind'],
					['institution_province', 'institution_province'],
					['language_code', 'language_code'],
					['language_level', optionalUInt8('language_level')],
					['occupation_isco4', 'occupation_isco4'],
					['result', 'result'],
					...candidateOrigin,
					['education', 'c_education'],
				],
			};
		case 'certifications':
			return {
				lookups: [
					{
						sql: 'SELECT scheme_code, kind AS k_kind FROM dim_certification_schemes',
						using: 'scheme_code',
						columns: ['k_kind'],
					},
					{
						sql: 'SELECT body_code, province_code AS b_province FROM dim_certification_bodies',
						using: 'body_code',
						columns: ['b_province'],
					},
				],
				columns: [
					['certification_id', 'certification_id'],
					['candidate_id', 'candidate_id'],
					['updated_at', updatedAt],
					['exam_date', date('exam_date')],
					['scheme_code', 'scheme_code'],
					['scheme_kind', 'k_kind'],
					['body_code', 'body_code'],
					['body_province', 'b_province'],
					['result', 'result'],
					...candidateOrigin,
					['education', 'c_education'],
				],
			};
		case 'applications':
			return {
				lookups: [],
				columns: [
					['application_id', 'application_id'],
					['candidate_id', 'candidate_id'],
					['line_id', 'line_id'],
					['updated_at', updatedAt],
					['applied_date', date('applied_date')],
					['outcome', 'outcome'],
					['outcome_date', nullableDate('outcome_date')],
					['rejection_reason', 'rejection_reason'],
					['line_issued_date', 'l_issued_date'],
					['country_iso2', 'l_country_iso2'],
					['region_code', 'l_region_code'],
					['scheme', 'l_scheme'],
					['agency_code', 'l_agency_code'],
					['sector', 'l_sector'],
					['occupation_isco4', 'l_occupation_isco4'],
					['skill_level', 'l_skill_level'],
					...candidateOrigin,
					['age_band', 'c_age_band'],
					['education', 'c_education'],
				],
			};
		case 'placements': {
			const certified = certifiedSql('p_has_pass', 'p_first_pass', 'toDate(departure_date)');
			return {
				lookups: [dims.usdRate('l_wage_currency')],
				columns: [
					['placement_id', 'placement_id'],
					['candidate_id', 'candidate_id'],
					['line_id', 'line_id'],
					['updated_at', updatedAt],
					['departure_date', date('departure_date')],
					['wage', 'toFloat64(wage)'],
					['wage_currency', 'l_wage_currency'],
					['wage_usd', 'toFloat64(wage) * fx_usd_per_unit'],
					['contract_months', 'toUInt16(contract_months)'],
					['line_issued_date', 'l_issued_date'],
					// The plan has checked departure ≥ issue, so the difference is never negative.
					['days_to_fill', 'toUInt32(toDate(departure_date) - l_issued_date)'],
					['country_iso2', 'l_country_iso2'],
					['region_code', 'l_region_code'],
					['scheme', 'l_scheme'],
					['agency_code', 'l_agency_code'],
					['sector', 'l_sector'],
					['occupation_isco4', 'l_occupation_isco4'],
					['skill_level', 'l_skill_level'],
					['formal', 'l_formal'],
					['certified', certified],
					['medium_high_skill', mediumHighSkillSql('l_skill_level', certified)],
					...candidateOrigin,
					['age_band', 'c_age_band'],
					['education', 'c_education'],
					['smk', smkSql('c_education')],
				],
			};
		}
	}
}

/** The fact columns the loader writes (all but _loaded_at, which defaults to now()). */
export function publishedColumns(entity: Entity): string[] {
	return [...publishSpec(entity).columns.map(([c]) => c), '_batch_id', '_line', '_row_hash'];
}

export interface PublishOptions {
	/** skip keys this batch already wrote (a retry after a crash) */
	guard: boolean;
	/** only plan lines in [from, to] (publishing a huge batch in slices) */
	range?: [number, number];
	/** the fact table is a cluster's Distributed table: the guard's subquery is GLOBAL (sql.ts inOp) */
	global?: boolean;
	/**
	 * Where the looked-up attributes are (publish.ts planLayout): 'lookups' (this loader), the batch's
	 * lookup tables; 'packed', columns of the plan (`c_attrs`, `l_attrs` …: a plan a killed loader of
	 * 6 December 2026 or before left, finished by this one); 'legacy', columns of the plan, one per
	 * attribute (a loader from before the packed attributes), packed here as they are read.
	 */
	layout?: PlanLayout;
}

export type PlanLayout = 'lookups' | 'packed' | 'legacy';

const isPacked = (column: string): column is PackedColumn => column in PACKED;

/**
 * `batch`: the batch's id, or a group's ids in the order of their place in it (group.ts): each row
 * then gets the id of its own batch and its own line (sql.ts LINE_SPAN).
 */
export function publishSql(entity: Entity, t: BatchTables, batch: string | readonly string[], options: PublishOptions): string {
	const spec = entitySpecs[entity];
	const stage = ident(t.stage);
	const fields = spec.fields.map((f) => ident(f.name));
	const range = options.range ? ` AND _line >= ${options.range[0]} AND _line <= ${options.range[1]}` : '';
	const guard = options.guard
		? ` WHERE ${ident(spec.key)} ${inOp(options.global === true, true)} (SELECT ${ident(spec.key)} FROM ${ident(spec.table)} WHERE _batch_id ${batchIn(batch)})`
		: '';
	const carried = lookedUpAttributes(entity);
	const layout = options.layout ?? 'lookups';
	// The plan gives each row's fate; the attributes come from the lookup tables, or, in a plan of an older loader, from the plan.
	const fromPlan = ['_line', '_row_hash', ...(layout === 'lookups' ? [] : carried)];
	const planColumns = fromPlan.map((c) => (layout === 'legacy' && isPacked(c) ? `${packSql(PACKED[c].as)} AS ${c}` : c));
	const lookedUp = layout === 'lookups' ? carried.map((c) => `, ${lookedUpSql(entity, t, c)}`).join('') : '';
	const joined = `SELECT ${fields.join(', ')}, ${fromPlan.join(', ')}${lookedUp} FROM ${stage} ANY INNER JOIN (SELECT ${planColumns.join(', ')} FROM ${ident(t.plan)} WHERE _action IN ('insert', 'update')${range}) USING _line${guard}`;
	// The packed attributes unpacked under the names the columns below use (splitByChar once per row).
	const kept = [...fields, ...['_line', '_row_hash', ...carried].filter((c) => !isPacked(c))];
	const unpacked = carried
		.filter(isPacked)
		.flatMap((c) => PACKED[c].as.map((name, i) => ({ name, sql: `splitByChar(${PACK_SEPARATOR}, ${c})[${i + 1}] AS ${name}` })));
	const base = {
		sql: unpacked.length ? `SELECT ${[...kept, ...unpacked.map((u) => u.sql)].join(', ')} FROM (${joined})` : joined,
		columns: [...kept, ...unpacked.map((u) => u.name)],
	};
	const p = publishSpec(entity);
	const chain = chainLookups(base, p.lookups);
	const [batchId, line] =
		typeof batch === 'string' ? [str(batch), '_line'] : [`[${batch.map(str).join(', ')}][${seqOf('_line')} + 1]`, lineOf('_line')];
	const columns = [...p.columns, ['_batch_id', batchId], ['_line', line], ['_row_hash', '_row_hash']];
	return `INSERT INTO ${ident(spec.table)} (${columns.map(([c]) => ident(c as string)).join(', ')})
SELECT ${columns.map(([, e]) => e).join(',\n\t')}
FROM (${chain.sql})`;
}

/**
 * Removes the versions the batch's updates replace; the new versions carry this batch's id and stay.
 * On a cluster (`local`: the shard's own table, e.g. fct_placements_local) it runs on every node,
 * reading the keys from that node's copy of them (t.keys): a Distributed table takes no mutations.
 */
export function deleteReplacedSql(entity: Entity, t: BatchTables, batch: string | readonly string[], local?: string): string {
	const spec = entitySpecs[entity];
	const [table, keys] = local
		? [local, `SELECT _key FROM ${ident(t.keys)}`]
		: [spec.table, `SELECT _key FROM ${ident(t.plan)} WHERE _action = 'update'`];
	return `ALTER TABLE ${ident(table)} DELETE WHERE ${ident(spec.key)} IN (${keys}) AND ${typeof batch === 'string' ? `_batch_id != ${str(batch)}` : `_batch_id NOT IN (${batch.map(str).join(', ')})`}`;
}

/** `= 'id'` for a batch, `IN ('id1', …)` for a group's batches. */
function batchIn(batch: string | readonly string[]): string {
	return typeof batch === 'string' ? `= ${str(batch)}` : `IN (${batch.map(str).join(', ')})`;
}
