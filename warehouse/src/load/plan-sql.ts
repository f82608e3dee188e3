/**
 * The SQL that decides what happens to every staged row of a batch — the plan. It runs once per
 * batch, before anything visible changes, and is kept (table stp_…) until the batch commits: a
 * load killed after this point finishes from the plan instead of deciding again against a fact
 * table it has half changed. That is what makes the counts of a recovered load equal those of
 * a clean one.
 *
 * Per row, in this order (the first that applies wins):
 * 1. a later row of the file with a key seen on an earlier line → quarantine ("duplicate of line N");
 * 2. a reference that does not resolve (unknown candidate or job-order line; a placement or
 *    application dated before its line was issued or its candidate registered) → quarantine;
 * 3. against the version in the fact table: none → insert; newer updated_at → update; older →
 *    superseded (counted, not applied); same updated_at and same _row_hash → unchanged; same
 *    updated_at but different values → quarantine ("conflicts with …");
 * 4. placements only: inserts and updates beyond a line's slots → quarantine.
 *
 * The decision pass reads a narrow projection of the stage and records flags only; the words of
 * each reason are built in a second pass over the quarantined rows alone. (Building them for
 * every row — ClickHouse evaluates both branches of if() — cost more than all the joins.)
 */
import { type Entity, entitySpecs } from '../../../common/formats.ts';
import { chainLookups, ident, inOp, keysIn, type Lookup, lineOf, reason, seqOf, str } from './sql.ts';

export interface BatchTables {
	/** the delivered rows that passed the field checks: every field as its normal-form text, + _line */
	stage: string;
	/** the raw text of the rows the plan quarantines, read again from the file (line, raw) */
	raws: string;
	/** quarantine entries of the batch until publish: line, field, reason, raw */
	quarantine: string;
	/** classification before the slots rule */
	classified: string;
	/** the plan while it is being written */
	planTmp: string;
	/** the finished plan: _line, _key, _row_hash, _action, and the flags that say why a row is quarantined */
	plan: string;
	/** cluster mode only: the keys the batch updates, copied to every node for its delete (cluster-target.ts) */
	keys: string;
	/** the batch's lookups, each a Join-engine table read with joinGet (lookupTablesSql): the referenced candidates … */
	candidates: string;
	/** … job-order lines … */
	lines: string;
	/** … and candidates' earliest passed certification (placements) */
	passes: string;
	/** a group's batches (group.ts): seq, batch_id, source; made before its plan counts */
	members: string;
}

export const STAGING_PREFIXES = ['stg', 'stq', 'stc', 'stp', 'stw', 'stjc', 'stjl', 'stjp', 'stm'] as const;

export function batchTables(entity: Entity, batchId: string): BatchTables {
	const h = batchId.slice(0, 16);
	if (!/^[0-9a-f]{16}$/.test(h)) throw new Error(`Batch id ${batchId} is not hex`);
	return {
		stage: `stg_${entity}_${h}`,
		raws: `stw_${entity}_${h}`,
		quarantine: `stq_${entity}_${h}`,
		classified: `stc_${entity}_${h}`,
		planTmp: `stp_${entity}_${h}_tmp`,
		plan: `stp_${entity}_${h}`,
		keys: `stk_${entity}_${h}`,
		candidates: `stjc_${entity}_${h}`,
		lines: `stjl_${entity}_${h}`,
		passes: `stjp_${entity}_${h}`,
		members: `stm_${entity}_${h}`,
	};
}

/** Reads a staging table's name back: which entity and batch it belongs to. */
export function parseStagingTable(name: string): { kind: string; entity: Entity; hash16: string; tmp: boolean } | undefined {
	const m = /^(stg|stq|stc|stp|stw|stjc|stjl|stjp|stm)_([a-z_]+)_([0-9a-f]{16})(_tmp)?$/.exec(name);
	if (!m) return undefined;
	const entity = m[2] as Entity;
	if (!(entity in entitySpecs)) return undefined;
	return { kind: m[1] as string, entity, hash16: m[3] as string, tmp: m[4] !== undefined };
}

export function stageDdl(entity: Entity, table: string): string {
	const columns = entitySpecs[entity].fields.map((f) => `${ident(f.name)} String`);
	// The raw text is not staged: only quarantined rows need it, and the plan reads those few lines
	// again from the file (stw_…), which halves what is sent to ClickHouse.
	return `CREATE TABLE ${ident(table)} (${columns.join(', ')}, _line UInt64) ENGINE = Log`;
}

export function rawsDdl(table: string): string {
	return `CREATE TABLE ${ident(table)} (_line UInt64, _raw String) ENGINE = Log`;
}

export function quarantineStageDdl(table: string): string {
	return `CREATE TABLE ${ident(table)} (line UInt64, field String, reason String, raw String) ENGINE = Log`;
}

/** The fingerprint of a row's delivered values (normal forms), stored as _row_hash. Strings only: stable across versions. */
export function rowHashSql(entity: Entity): string {
	return `cityHash64(${entitySpecs[entity].fields.map((f) => ident(f.name)).join(', ')})`;
}

const refersToCandidate = (e: Entity) => e === 'trainings' || e === 'certifications' || e === 'applications' || e === 'placements';
const refersToLine = (e: Entity) => e === 'applications' || e === 'placements';
/** the date of an application or placement, checked against its line and its candidate */
const datedField = (e: Entity) => (e === 'placements' ? 'departure_date' : e === 'applications' ? 'applied_date' : undefined);

/** One reference check: a flag computed for every row, a reason written for flagged rows only. */
interface RefCheck {
	flag: string;
	/** condition over the decision pass's columns */
	when: string;
	field: string;
	/** concat() parts over the reason pass's columns (stage values and plan columns) */
	reason: string;
}

function referenceChecks(entity: Entity): RefCheck[] {
	const checks: RefCheck[] = [];
	if (refersToCandidate(entity)) {
		checks.push({
			flag: '_no_candidate',
			when: 'c_present = 0',
			field: 'candidate_id',
			reason: `'unknown candidate ''', candidate_id, ''': no such candidate_id in the warehouse; load the candidates file that registers it first'`,
		});
	}
	if (refersToLine(entity)) {
		checks.push({
			flag: '_no_line',
			when: 'l_present = 0',
			field: 'line_id',
			reason: `'unknown job-order line ''', line_id, ''': no such line_id in the warehouse; load its job_order_lines file first'`,
		});
	}
	const dated = datedField(entity);
	if (dated) {
		const what = entity === 'placements' ? 'departure' : 'application';
		checks.push({
			flag: '_before_issue',
			when: `l_present = 1 AND toDate(${dated}) < l_issued_date`,
			field: dated,
			reason: `'${what} date ', ${dated}, ' is before the job-order line''s issued_date ', toString(l_issued_date)`,
		});
		checks.push({
			flag: '_before_registration',
			when: `c_present = 1 AND toDate(${dated}) < c_registered_date`,
			field: dated,
			reason: `'${what} date ', ${dated}, ' is before the candidate''s registered_date ', toString(c_registered_date)`,
		});
	}
	return checks;
}

/** Stage columns the decision pass needs besides the key. */
function carriedColumns(entity: Entity): string[] {
	const dated = datedField(entity);
	return [...(refersToCandidate(entity) ? ['candidate_id'] : []), ...(refersToLine(entity) ? ['line_id'] : []), ...(dated ? [dated] : [])];
}

/**
 * The attributes of other facts a row is enriched with at publish (its candidate's origin, its
 * line's destination …). They are looked up once, here, with the reference checks, and kept in
 * the plan: publishing then joins only the small dimensions, and a recovered publish enriches
 * from the same snapshot the checks saw.
 *
 * The String attributes of each lookup travel packed in one column (`c_attrs`, `l_attrs`: the
 * values joined by the unit separator, byte 0x1F, PACK_SEPARATOR as SQL; publish-sql.ts unpacks them): on 18.16 a join's cost is mostly
 * copying each looked-up value to its row, one random access into the lookup per value, so one
 * packed value instead of five or seven cut the plan's CPU by a quarter and publishing's by a
 * third (docs/ingestion.md §8). The separator cannot occur in them: they are codes the field
 * checks let through (letters, digits, '.', '_', '-', '+').
 */
export const PACK_SEPARATOR = "'\\x1F'";

/** The packed attributes: plan column → the fact columns packed into it, in order, and the names publish gives them. */
export const PACKED = {
	c_attrs: {
		from: ['province_code', 'regency_code', 'gender', 'age_band', 'education'],
		as: ['c_province_code', 'c_regency_code', 'c_gender', 'c_age_band', 'c_education'],
	},
	l_attrs: {
		from: ['country_iso2', 'region_code', 'scheme', 'agency_code', 'sector', 'occupation_isco4', 'wage_currency'],
		as: ['l_country_iso2', 'l_region_code', 'l_scheme', 'l_agency_code', 'l_sector', 'l_occupation_isco4', 'l_wage_currency'],
	},
} as const;

export type PackedColumn = keyof typeof PACKED;

/** `concat(a, sep, b, …)` of the given String columns. */
export function packSql(columns: readonly string[]): string {
	return `concat(${columns.map((c) => ident(c)).join(`, ${PACK_SEPARATOR}, `)})`;
}

const candidateAttributes = ['c_attrs'];
const lineAttributes = ['l_issued_date', 'l_attrs', 'l_skill_level', 'l_formal', 'l_slots'];

/**
 * The facts a batch refers to, looked up once per batch for the keys its stage mentions, each into
 * a Join-engine table of its own (`stjc_…`, `stjl_…`, `stjp_…`, made by lookupTablesSql before the
 * plan). The plan's checks and publishing's enrichment read them with `joinGet(table, column, key)`
 * instead of joining: on 18.16 every join of the plan's chain copies each column it carries to every
 * row, and the plan then wrote the looked-up attributes out and publishing joined them back in
 * (docs/ingestion.md §8 measured it: the plan and the publish of a yearly applications file a fifth
 * cheaper in ClickHouse CPU). The tables live until the batch commits, so a recovered publish enriches from the
 * same snapshot the checks saw, as before.
 */
export type LookupName = 'candidates' | 'lines' | 'passes';

interface RefLookup {
	key: string;
	/** the looked-up columns (besides the key) */
	columns: readonly string[];
	sql: (stage: string, global: boolean) => string;
}

const REF_LOOKUPS: Record<LookupName, RefLookup> = {
	candidates: {
		key: 'candidate_id',
		columns: ['c_present', 'c_registered_date', ...candidateAttributes],
		sql: (stage, global) =>
			`SELECT candidate_id, toUInt8(1) AS c_present, registered_date AS c_registered_date, ${packSql(PACKED.c_attrs.from)} AS c_attrs FROM fct_candidates WHERE ${keysIn('candidate_id', stage, global)}`,
	},
	lines: {
		key: 'line_id',
		columns: ['l_present', ...lineAttributes],
		sql: (stage, global) =>
			`SELECT line_id, toUInt8(1) AS l_present, issued_date AS l_issued_date, ${packSql(PACKED.l_attrs.from)} AS l_attrs, skill_level AS l_skill_level, formal AS l_formal, toUInt64(slots) AS l_slots FROM fct_job_order_lines WHERE ${keysIn('line_id', stage, global)}`,
	},
	/** The candidate's earliest passed certification, for placements' `certified`. */
	passes: {
		key: 'candidate_id',
		columns: ['p_has_pass', 'p_first_pass'],
		sql: (stage, global) =>
			`SELECT candidate_id, toUInt8(1) AS p_has_pass, min(exam_date) AS p_first_pass FROM fct_certifications WHERE result = 'passed' AND ${keysIn('candidate_id', stage, global)} GROUP BY candidate_id`,
	},
};

function lookupsOf(entity: Entity): LookupName[] {
	return [
		...(refersToCandidate(entity) ? (['candidates'] as const) : []),
		...(refersToLine(entity) ? (['lines'] as const) : []),
		...(entity === 'placements' ? (['passes'] as const) : []),
	];
}

/**
 * CREATE TABLE … ENGINE = Join(ANY, LEFT, key) AS SELECT …: the batch's lookup tables, in order.
 * ANY LEFT: one row per key, and joinGet of a key that is not there gives the column type's default
 * (0, ''), as the ANY LEFT JOIN it replaces did.
 */
export function lookupTablesSql(entity: Entity, t: BatchTables, global = false): { table: string; sql: string }[] {
	return lookupsOf(entity).map((name) => {
		const l = REF_LOOKUPS[name];
		return {
			table: t[name],
			sql: `CREATE TABLE ${ident(t[name])} ENGINE = Join(ANY, LEFT, ${ident(l.key)}) AS ${l.sql(ident(t.stage), global)}`,
		};
	});
}

/** `joinGet('<the batch's lookup table>', 'column', key) AS column` for a looked-up column. */
export function lookedUpSql(entity: Entity, t: BatchTables, column: string): string {
	const name = lookupsOf(entity).find((n) => REF_LOOKUPS[n].columns.includes(column));
	if (!name) throw new Error(`No lookup of ${entity} gives ${column}`);
	return `joinGet(${str(t[name])}, ${str(column)}, ${ident(REF_LOOKUPS[name].key)}) AS ${ident(column)}`;
}

/** Looked-up attributes publish enriches the rows with (see publish-sql.ts). */
export function lookedUpAttributes(entity: Entity): string[] {
	return [
		...(refersToLine(entity) ? lineAttributes : []),
		...(refersToCandidate(entity) ? candidateAttributes : []),
		...(entity === 'placements' ? ['p_has_pass', 'p_first_pass'] : []),
	];
}

/** What the checks of the plan read from the lookups (the rest only publish reads). */
function checkedLookups(entity: Entity): string[] {
	const dated = datedField(entity) !== undefined;
	return [
		...(refersToCandidate(entity) ? ['c_present', ...(dated ? ['c_registered_date'] : [])] : []),
		...(refersToLine(entity) ? ['l_present', 'l_issued_date', ...(entity === 'placements' ? ['l_slots'] : [])] : []),
	];
}

/** Looked-up values the plan keeps: for the reasons (a line's issue date) and the slots rule. */
function plannedLookups(entity: Entity): string[] {
	return refersToLine(entity) ? ['l_issued_date', ...(entity === 'placements' ? ['l_slots'] : [])] : [];
}

/** Columns the plan keeps besides _line, _key, _row_hash and _action: what the reasons, the slots rule and publish need. */
function flagColumns(entity: Entity): string[] {
	const cols = [
		'_dup_line',
		'_dup_same',
		...referenceChecks(entity).map((c) => c.flag),
		'_conflict',
		'cur_batch_id',
		'cur_line',
		'cur_version',
	];
	if (refersToCandidate(entity) && datedField(entity)) cols.push('c_registered_date');
	if (entity === 'placements') cols.push('line_id', 'departure_date');
	return [...new Set([...cols, ...plannedLookups(entity)])];
}

export interface ClassifyOptions {
	/** some key occurs more than once in the stage (else the duplicate lookup is left out) */
	duplicates: boolean;
	/** the fact table holds rows (else no key can have an earlier version, and that lookup is left out) */
	factRows: boolean;
	/** the facts are Distributed tables of a cluster: subqueries over the stage become GLOBAL IN */
	global?: boolean;
}

/**
 * CREATE TABLE … AS …: steps 1–3 of the module comment, as flags. For placements the result is
 * the classified table the slots rule reads (decision in `_cls`); for every other entity it is
 * the unfinished plan itself (decision in `_action`), which saves a copy.
 */
export function classifySql(entity: Entity, t: BatchTables, o: ClassifyOptions): string {
	const [target, decision] = entity === 'placements' ? [t.classified, '_cls'] : [t.planTmp, '_action'];
	const spec = entitySpecs[entity];
	const key = ident(spec.key);
	const stage = ident(t.stage);
	const hash = rowHashSql(entity);
	const carried = carriedColumns(entity);
	const global = o.global === true;
	const lookups: Lookup[] = [];
	if (o.duplicates) {
		lookups.push({
			sql: `SELECT ${key}, min(_line) AS d_first_line, argMin(_row_hash, _line) AS d_first_hash FROM (SELECT ${key}, _line, ${hash} AS _row_hash FROM ${stage}) GROUP BY ${key}`,
			using: key,
			columns: ['d_first_line', 'd_first_hash'],
		});
	}
	if (o.factRows) {
		lookups.push({
			sql: `SELECT ${key}, toUInt8(1) AS cur_present, toUInt32(updated_at) AS cur_version, _row_hash AS cur_row_hash, _batch_id AS cur_batch_id, _line AS cur_line FROM ${ident(spec.table)} WHERE ${keysIn(key, stage, global)}`,
			using: key,
			columns: ['cur_present', 'cur_version', 'cur_row_hash', 'cur_batch_id', 'cur_line'],
		});
	}
	// The referenced facts' values the checks read, from the batch's lookup tables (made before this).
	const checked = checkedLookups(entity);
	const chain = chainLookups(
		{
			sql: `SELECT _line, ${key}, toUInt32(updated_at) AS _version, ${hash} AS _row_hash${carried.map((c) => `, ${c}`).join('')}${checked.map((c) => `, ${lookedUpSql(entity, t, c)}`).join('')} FROM ${stage}`,
			columns: ['_line', key, '_version', '_row_hash', ...carried, ...checked],
		},
		lookups,
	);
	const checks = referenceChecks(entity);
	const refProblem = checks.length ? checks.map((c) => c.flag).join(' OR ') : '0';
	const computed: string[] = [
		`${key} AS _key`,
		o.duplicates ? 'if(d_first_line != _line, d_first_line, toUInt64(0)) AS _dup_line' : 'toUInt64(0) AS _dup_line',
		o.duplicates ? 'toUInt8(d_first_line != _line AND d_first_hash = _row_hash) AS _dup_same' : 'toUInt8(0) AS _dup_same',
		...(o.factRows
			? []
			: [
					'toUInt8(0) AS cur_present',
					'toUInt32(0) AS cur_version',
					'toUInt64(0) AS cur_row_hash',
					"'' AS cur_batch_id",
					'toUInt64(0) AS cur_line',
				]),
		...checks.map((c) => `toUInt8(${c.when}) AS ${c.flag}`),
		`toUInt8(_dup_line = 0 AND NOT (${refProblem}) AND cur_present = 1 AND _version = cur_version AND _row_hash != cur_row_hash) AS _conflict`,
		`multiIf(_dup_line > 0 OR ${refProblem} OR _conflict = 1, 'quarantine', cur_present = 0, 'insert', _version > cur_version, 'update', _version < cur_version, 'superseded', 'unchanged') AS ${decision}`,
	];
	// Everything the outer SELECT keeps must exist in the inner one: computed above or passed through.
	const passThrough = flagColumns(entity).filter((c) => !computed.some((e) => e.endsWith(` AS ${c}`)));
	return `CREATE TABLE ${ident(target)} ENGINE = Log AS
SELECT _line, _key, _row_hash, ${decision}, ${flagColumns(entity).join(', ')} FROM (
	SELECT _line, _row_hash, ${[...computed, ...passThrough].join(',\n\t\t')}
	FROM (${chain.sql})
)`;
}

/** CREATE TABLE <planTmp> AS …: step 4, placements only. `global`: as in ClassifyOptions. */
export function slotsPlanSql(t: BatchTables, global = false): string {
	const entity: Entity = 'placements';
	const classified = ident(t.classified);
	const kept = flagColumns(entity).join(', ');
	const writes = `SELECT line_id FROM ${classified} WHERE _cls IN ('insert', 'update')`;
	const ranked = chainLookups(
		{
			sql: `SELECT line_id, departure_date, _key, _line, l_slots AS x_slots FROM ${classified} WHERE _cls IN ('insert', 'update')`,
			columns: ['line_id', 'departure_date', '_key', '_line', 'x_slots'],
		},
		[
			{
				// Placements already loaded on the line, except those this batch replaces (they count as the batch's own).
				// The hashed pre-filter narrows the rows first; the exact string conditions decide.
				sql: `SELECT line_id, count() AS x_existing FROM (SELECT line_id, placement_id FROM fct_placements WHERE ${keysIn('line_id', `(${writes})`, global)}) WHERE line_id ${inOp(global)} (${writes}) AND placement_id ${inOp(global, true)} (SELECT _key FROM ${classified} WHERE _cls IN ('insert', 'update')) GROUP BY line_id`,
				using: 'line_id',
				columns: ['x_existing'],
			},
		],
	);
	// In order of departure within a batch; the batches of a group (group.ts) one after another, as if loaded in turn.
	const excess = `SELECT tupleElement(p, 4) AS _line, toUInt8(1) AS _excess, x_slots, x_existing, x_existing + rank AS x_number
	FROM (
		SELECT line_id, x_slots, x_existing, arraySort(groupArray((${seqOf('_line')}, departure_date, _key, _line))) AS placed
		FROM (${ranked.sql})
		GROUP BY line_id, x_slots, x_existing
	)
	ARRAY JOIN placed AS p, arrayEnumerate(placed) AS rank
	WHERE x_existing + rank > x_slots`;
	return `CREATE TABLE ${ident(t.planTmp)} ENGINE = Log AS
SELECT _line, _key, _row_hash, if(_excess = 1, 'quarantine', _cls) AS _action, ${kept}, _excess, x_slots, x_existing, x_number
FROM ${classified} ANY LEFT JOIN (${excess}) USING _line`;
}

/**
 * The reason pass: for the quarantined rows of the unfinished plan, the words of every reason,
 * with the row's raw text, into the batch's quarantine stage. The plan only counts as made once
 * this is done too.
 */
export function planQuarantineSql(entity: Entity, t: BatchTables): string {
	const spec = entitySpecs[entity];
	const key = ident(spec.key);
	const plan = ident(t.planTmp);
	const checks = referenceChecks(entity);
	const flags = flagColumns(entity);
	const planCols = ['_line', ...flags, ...(entity === 'placements' ? ['_excess', 'x_slots', 'x_existing', 'x_number'] : [])];
	const stageCols = [...new Set([key, ...carriedColumns(entity)])].filter((c) => !flags.includes(c));
	const chain = chainLookups({ sql: `SELECT ${planCols.join(', ')} FROM ${plan} WHERE _action = 'quarantine'`, columns: planCols }, [
		{
			sql: `SELECT _line, ${stageCols.join(', ')} FROM ${ident(t.stage)} WHERE _line IN (SELECT _line FROM ${plan} WHERE _action = 'quarantine')`,
			using: '_line',
			columns: stageCols,
		},
		{
			sql: `SELECT _line, _raw FROM ${ident(t.raws)}`,
			using: '_line',
			columns: ['_raw'],
		},
		{
			sql: "SELECT batch_id AS cur_batch_id, any(source) AS cur_source FROM ops_batches WHERE state = 'committed' GROUP BY batch_id",
			using: 'cur_batch_id',
			columns: ['cur_source'],
		},
	]);
	const problems: { field: string; when: string; why: string }[] = [
		{
			field: spec.key,
			when: '_dup_line > 0',
			why: `if(_dup_same = 1, ${reason(key, `'duplicate of line ', toString(${lineOf('_dup_line')})`)}, ${reason(key, `'''', ${key}, ''' also appears on line ', toString(${lineOf('_dup_line')}), ' with different values; a file may hold only one row per ${key}'`)})`,
		},
		// A duplicate is reported as that alone: its other problems are the first occurrence's.
		...checks.map((c) => ({ field: c.field, when: `_dup_line = 0 AND ${c.flag} = 1`, why: reason(c.field, c.reason) })),
		{
			field: spec.key,
			when: '_conflict = 1',
			why: reason(
				key,
				`'conflicts with the row loaded from ', if(cur_source = '', '(unknown source)', cur_source), ' (batch ', substring(cur_batch_id, 1, 12), '…, line ', toString(cur_line), '): same updated_at ', formatDateTime(toDateTime(cur_version, 'UTC'), '%Y-%m-%dT%H:%M:%SZ'), ' but different values; send the change with a later updated_at'`,
			),
		},
	];
	if (entity === 'placements') {
		problems.push({
			field: 'line_id',
			when: '_excess = 1',
			why: reason(
				'line_id',
				`'job-order line ''', line_id, ''' has ', toString(x_slots), ' slots; this placement (departing ', departure_date, ') would be number ', toString(x_number), ' (', toString(x_existing), ' loaded before this file; the file''s own placements count in order of departure)'`,
			),
		});
	}
	const array = `[${problems.map((p) => `(${str(p.field)}, if(${p.when}, ${p.why}, ''))`).join(',\n\t\t')}]`;
	return `INSERT INTO ${ident(t.quarantine)} (line, field, reason, raw)
SELECT _line, tupleElement(q, 1), tupleElement(q, 2), _raw FROM (
	SELECT _line, _raw, arrayFilter(x -> x.2 != '', ${array}) AS problems
	FROM (${chain.sql})
) ARRAY JOIN problems AS q`;
}

/** Counts of the finished plan and the batch's quarantine. */
export function planCountsSql(t: BatchTables): string {
	return `SELECT
	(SELECT countIf(_action = 'insert') FROM ${ident(t.plan)}) AS inserted,
	(SELECT countIf(_action = 'update') FROM ${ident(t.plan)}) AS updated,
	(SELECT countIf(_action = 'unchanged') FROM ${ident(t.plan)}) AS unchanged,
	(SELECT countIf(_action = 'superseded') FROM ${ident(t.plan)}) AS superseded,
	(SELECT uniqExact(line) FROM ${ident(t.quarantine)} WHERE line > 0) AS quarantined`;
}
