/**
 * Who may ask what: the access rules of every role, as pure functions over a Cube query. The
 * server applies them in Cube's queryRewrite (so they hold for /load, /sql and /dry-run alike)
 * and, for the public, once more before its suppression pipeline (public-load.ts). Readers'
 * version: docs/access.md.
 */
import { provinceByCode } from '../../common/reference/index.ts';
import type { SecurityContext } from './auth.ts';

/** A refusal with the HTTP status it becomes and a message for the person asking. */
export class AccessError extends Error {
	constructor(
		readonly status: 400 | 403,
		message: string,
	) {
		super(message);
	}
}

// ---------------------------------------------------------------------------------------------
// Queries, as the REST API accepts them (before Cube normalises them).

export interface SimpleFilter {
	member?: string;
	dimension?: string;
	operator: string;
	values?: unknown[];
}
export type Filter = SimpleFilter | { and: Filter[] } | { or: Filter[] };

export interface TimeDimension {
	dimension: string;
	granularity?: string | null;
	dateRange?: string | string[];
	compareDateRange?: unknown;
}

export interface Query {
	measures?: unknown[];
	dimensions?: unknown[];
	segments?: unknown[];
	timeDimensions?: TimeDimension[];
	filters?: Filter[];
	order?: Record<string, 'asc' | 'desc'> | [string, 'asc' | 'desc'][];
	limit?: number;
	offset?: number;
	total?: boolean;
	ungrouped?: boolean;
	timezone?: string;
	renewQuery?: boolean;
	responseFormat?: string;
}

export function isSimpleFilter(filter: Filter): filter is SimpleFilter {
	return !('and' in filter) && !('or' in filter);
}

export function filterMember(filter: SimpleFilter): string {
	return String(filter.member ?? filter.dimension ?? '');
}

/** Every simple filter, also inside and/or groups. */
export function simpleFilters(filters: Filter[] | undefined): SimpleFilter[] {
	return (filters ?? []).flatMap((f) => (isSimpleFilter(f) ? [f] : simpleFilters('and' in f ? f.and : f.or)));
}

/** `cube.member`, also from `cube.member.granularity`. */
export function baseMember(name: string): string {
	return name.split('.').slice(0, 2).join('.');
}

export function cubeOf(member: string): string {
	return member.split('.')[0]!;
}

export function shortName(member: string): string {
	return member.split('.')[1] ?? '';
}

/** Every member a query names, wherever it names it. */
export function queryMembers(query: Query): string[] {
	const names = new Set<string>();
	const add = (m: unknown) => {
		if (typeof m !== 'string') throw new AccessError(400, 'Query members must be names like "cube.member"');
		names.add(baseMember(m));
	};
	for (const list of [query.measures, query.dimensions, query.segments]) for (const m of list ?? []) add(m);
	for (const td of query.timeDimensions ?? []) add(td.dimension);
	for (const f of simpleFilters(query.filters)) add(filterMember(f));
	const order = query.order;
	if (order) for (const key of Array.isArray(order) ? order.map(([k]) => k) : Object.keys(order)) add(key);
	return [...names];
}

// ---------------------------------------------------------------------------------------------
// What the compiled model says about each member and cube (built from Cube's metaConfig). The
// access rules are declared in the model, beside the data (docs/access.md, "Declaring access"):
// - each cube has a hidden dimension `access` whose meta holds the cube's rule (Cube 0.33 has no
//   cube-level meta); a view includes `access` and so carries the rule of the cube it reads;
// - a member whose meta says `internal: true` (`access`, `people`) is never queryable by people,
//   also where a view shows it (views make their members visible whatever the cube says);
// - each measure of a public view says how it is protected in its meta `disclosure`.

export type Detail = 'candidate' | 'aggregate' | 'reference';

export interface CubeRule {
	/**
	 * candidate: built from prospective workers' own records (registrations, applications,
	 * trainings, certification attempts): any query on it is candidate-level detail.
	 * aggregate: counts and rates that may be compared across provinces.
	 * reference: names and codes.
	 */
	detail: Detail;
	/** the member holding the province of origin, when the cube has one (short name) */
	province?: string;
	/**
	 * the hidden measure counting the distinct people a row describes (short name), or false when
	 * the cube's rows do not count people (demand, capacity, reference data)
	 */
	people: string | false;
}

export interface MemberInfo {
	name: string;
	kind: 'measure' | 'dimension' | 'segment';
	/** dimension type (string, number, time) or measure type as Cube reports it */
	type: string;
	/** the aggregation of a measure (count, sum, number, max, …); for view members, the source's */
	aggType?: string;
	/** shown in /meta and queryable by people: not primary keys, `public: false` or `internal` members */
	visible: boolean;
	/** the member's meta in the model (for view members, the source member's) */
	meta?: Record<string, unknown>;
}

/** The member of every cube and view that carries its access rule. */
export const ACCESS_MEMBER = 'access';
const DETAILS: readonly string[] = ['candidate', 'aggregate', 'reference'];

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class Catalog {
	readonly members = new Map<string, MemberInfo>();
	readonly cubes = new Set<string>();
	/** cubes and views with a valid declared rule; the others are refused to every role but the system */
	readonly rules = new Map<string, CubeRule>();
	/** why a cube has no rule (for the model's test and the refusal message) */
	readonly problems = new Map<string, string>();

	static fromMeta(cubes: readonly MetaCube[]): Catalog {
		const catalog = new Catalog();
		const add = (info: MemberInfo) => {
			if (info.meta?.internal === true) info.visible = false;
			catalog.members.set(info.name, info);
		};
		for (const { config } of cubes) {
			catalog.cubes.add(config.name);
			for (const m of config.measures ?? [])
				add({ name: m.name, kind: 'measure', type: m.type, aggType: m.aggType, visible: m.isVisible !== false, meta: m.meta });
			for (const d of config.dimensions ?? [])
				add({ name: d.name, kind: 'dimension', type: d.type, visible: d.isVisible !== false, meta: d.meta });
			for (const s of config.segments ?? [])
				add({ name: s.name, kind: 'segment', type: 'segment', visible: s.isVisible !== false, meta: s.meta });
		}
		for (const cube of catalog.cubes) {
			const rule = catalog.readRule(cube);
			if (typeof rule === 'string') catalog.problems.set(cube, rule);
			else catalog.rules.set(cube, rule);
		}
		return catalog;
	}

	/** The rule declared in `<cube>.access`, or what is wrong with it. */
	private readRule(cube: string): CubeRule | string {
		const declared = this.members.get(`${cube}.${ACCESS_MEMBER}`)?.meta?.access;
		if (!isRecord(declared)) return `${cube} declares no access rule (a hidden dimension "${ACCESS_MEMBER}" with meta.access)`;
		const { detail, province, people } = declared;
		if (typeof detail !== 'string' || !DETAILS.includes(detail)) return `${cube}: access.detail must be one of ${DETAILS.join(', ')}`;
		if (province !== undefined && (typeof province !== 'string' || this.members.get(`${cube}.${province}`)?.kind !== 'dimension'))
			return `${cube}: access.province must name a dimension of ${cube}`;
		if (people !== false && (typeof people !== 'string' || this.members.get(`${cube}.${people}`)?.kind !== 'measure'))
			return `${cube}: access.people must name a measure of ${cube} (the distinct people a row describes), or be false`;
		return {
			detail: detail as Detail,
			...(province === undefined ? {} : { province: province as string }),
			people: people as string | false,
		};
	}

	/** The rule of a cube or view; undefined when it has none (fail closed). */
	ruleOf(cube: string): CubeRule | undefined {
		return this.rules.get(cube);
	}
}

/** The part of Cube's metaConfig this module reads. */
export interface MetaCube {
	config: {
		name: string;
		measures?: { name: string; type: string; aggType?: string; isVisible?: boolean; meta?: Record<string, unknown> }[];
		dimensions?: { name: string; type: string; isVisible?: boolean; meta?: Record<string, unknown> }[];
		segments?: { name: string; isVisible?: boolean; meta?: Record<string, unknown> }[];
	};
}

function noRule(cube: string): AccessError {
	return new AccessError(403, `${cube} has no access rule yet; ask the SLMI team to classify it`);
}

/** The rule of every cube a query touches, or a refusal when one has none. */
export function rulesOf(query: Query, catalog: Catalog): Map<string, CubeRule> {
	const rules = new Map<string, CubeRule>();
	for (const cube of new Set(queryMembers(query).map(cubeOf))) {
		// a name the model does not have: Cube's own answer, for every role
		if (!catalog.cubes.has(cube)) throw new AccessError(400, `Cube '${cube}' not found`);
		const rule = catalog.ruleOf(cube);
		if (!rule) throw noRule(cube);
		rules.set(cube, rule);
	}
	return rules;
}

// ---------------------------------------------------------------------------------------------
// Person-level rows (every role but the system and the public pipeline).

/**
 * Every result row of a query on a cube that counts people describes at least k people: the
 * query gets a filter `<cube>.people >= k` for every such cube it touches, which Cube turns into
 * HAVING, so rows under k never leave ClickHouse — also a one-row answer narrowed by filters.
 */
export function requireMinPeople(query: Query, catalog: Catalog, minPeople: number): Query {
	const added: Filter[] = [];
	for (const [cube, rule] of rulesOf(query, catalog)) {
		if (rule.people !== false) added.push({ member: `${cube}.${rule.people}`, operator: 'gte', values: [String(minPeople)] });
	}
	return added.length ? { ...query, filters: [...(query.filters ?? []), ...added] } : query;
}

// ---------------------------------------------------------------------------------------------
// Regional heads: national aggregates, candidate-level detail of their own province only.

/** A regency (kabupaten/kota) level member: the regency name cube, or a regency column anywhere. */
export function isRegencyLevel(member: string): boolean {
	return cubeOf(member) === 'regencies' || shortName(member).includes('regency');
}

/** Members holding regency codes (PP.RR, the province's code first). */
const REGENCY_CODE_MEMBER = /^(regencies\.code|[a-z_0-9]+\.regency)$/;

export function provinceLabel(code: string): string {
	const province = provinceByCode.get(code);
	return province ? `${code} (${province.name})` : code;
}

function regionalLimit(province: string): string {
	return `Regional access is limited to candidate detail of province ${provinceLabel(province)}`;
}

/**
 * Candidate-level detail: a query that touches a candidate cube, or names any regency-level
 * member. Such a query must stay within the token's province: a filter naming another province
 * (or another province's regency) is refused, and every cube of the query that has a province
 * gets `province = own` added, so an unfiltered query answers for the own province only.
 */
export function rewriteRegional(query: Query, province: string, catalog: Catalog): Query {
	const members = queryMembers(query);
	const rules = rulesOf(query, catalog);
	const cubes = [...rules.keys()];
	const detail = cubes.some((c) => rules.get(c)!.detail === 'candidate') || members.some(isRegencyLevel);
	if (!detail) return query;

	for (const filter of simpleFilters(query.filters)) {
		if (!['equals', 'in'].includes(filter.operator)) continue; // other operators only narrow the own-province answer
		const member = baseMember(filterMember(filter));
		const values = (filter.values ?? []).map(String);
		const rule = rules.get(cubeOf(member));
		if (rule?.province === shortName(member)) {
			const other = values.find((v) => v !== province);
			if (other !== undefined)
				throw new AccessError(403, `${regionalLimit(province)}; this query asks for province ${provinceLabel(other)} in ${member}`);
		}
		if (REGENCY_CODE_MEMBER.test(member)) {
			const other = values.find((v) => !v.startsWith(`${province}.`));
			if (other !== undefined) throw new AccessError(403, `${regionalLimit(province)}; regency ${other} in ${member} is outside it`);
		}
	}
	const restricted = cubes.filter((c) => rules.get(c)!.detail === 'candidate' || rules.get(c)!.province);
	const added: Filter[] = [];
	for (const cube of restricted) {
		const rule = rules.get(cube)!;
		if (!rule.province) throw new AccessError(403, `${regionalLimit(province)}, and ${cube} cannot be limited to a province`);
		added.push({ member: `${cube}.${rule.province}`, operator: 'equals', values: [province] });
	}
	return { ...query, filters: [...(query.filters ?? []), ...added] };
}

// ---------------------------------------------------------------------------------------------
// The public: only the public views, coarse enough to publish.

export const PUBLIC_VIEW_PREFIX = 'public_';
/**
 * Cubes the public reads as they are: when the data was loaded, and the names of countries,
 * regions, provinces, sectors, occupations and schemes (public reference data, no measures), so
 * public pages label their numbers in both languages.
 */
export const PUBLIC_PLAIN_CUBES: readonly string[] = [
	'data_freshness',
	'countries',
	'regions',
	'provinces',
	'sectors',
	'occupations',
	'placement_schemes',
];

export function isPublicCube(cube: string): boolean {
	return cube.startsWith(PUBLIC_VIEW_PREFIX) || PUBLIC_PLAIN_CUBES.includes(cube);
}

/**
 * How each measure of a public view is protected (docs/access.md, "Suppression"), declared in the
 * measure's meta in the model as `disclosure` (view members carry their source member's meta;
 * member names in it are short names of the same cube or view):
 * - `{ kind: 'count' }`: a number of people (or of vacancies); small values are hidden;
 *   `subset_of: '<measure>'` when it counts part of what another measure counts;
 * - `{ kind: 'derived', from: ['<measure>', …] }`: a ratio or average computed from counts;
 *   hidden wherever one of them is;
 * - `{ kind: 'open' }`: not about people (a target, a population, months of the year); never hidden.
 * Sum and count measures without a declaration are counts; any other measure without one, or with
 * one naming a member the view lacks, cannot be asked for by the public.
 */
export type Disclosure = { kind: 'count'; subsetOf?: string } | { kind: 'derived'; from: string[] } | { kind: 'open' };

const COUNT_AGG_TYPES = new Set(['count', 'sum', 'countDistinct', 'count_distinct', 'countDistinctApprox', 'count_distinct_approx']);

/** The disclosure declared in a member's meta, with member names made full; undefined when absent or invalid. */
function declaredDisclosure(member: string, declared: unknown, catalog: Catalog): Disclosure | undefined {
	if (!isRecord(declared)) return undefined;
	const cube = cubeOf(member);
	const full = (name: unknown): string | undefined => {
		if (typeof name !== 'string') return undefined;
		const m = `${cube}.${name}`;
		const info = catalog.members.get(m);
		return info?.kind === 'measure' && info.visible ? m : undefined;
	};
	switch (declared.kind) {
		case 'open':
			return { kind: 'open' };
		case 'count': {
			if (declared.subset_of === undefined) return { kind: 'count' };
			const subsetOf = full(declared.subset_of);
			return subsetOf ? { kind: 'count', subsetOf } : undefined;
		}
		case 'derived': {
			if (!Array.isArray(declared.from) || declared.from.length === 0) return undefined;
			const from = declared.from.map(full);
			return from.every((m) => m !== undefined) ? { kind: 'derived', from: from as string[] } : undefined;
		}
		default:
			return undefined;
	}
}

export function disclosureOf(member: string, catalog: Catalog): Disclosure | undefined {
	const info = catalog.members.get(member);
	if (info?.kind !== 'measure' || !info.visible) return undefined;
	if (info.meta?.disclosure !== undefined) return declaredDisclosure(member, info.meta.disclosure, catalog);
	if (COUNT_AGG_TYPES.has(info.aggType ?? info.type)) return { kind: 'count' };
	return undefined;
}

/**
 * Public views published as one fixed table with two attributes (an exception to "one attribute
 * at a time"): asked for only with exactly these dimensions, no filter and no period, so every
 * answer is the same table, suppressed as a whole with both margins treated as public (each
 * attribute's hierarchy in public-families.ts). A page that shows part of it (a visitor's profile
 * in /public/peluang) cuts rows from this one answer: no cut, nor two, can show a hidden cell.
 * docs/access.md, "Opportunities for me".
 */
export const PUBLIC_FIXED_TABLES: Readonly<Record<string, readonly string[]>> = {
	public_openings: ['public_openings.country', 'public_openings.opening'],
};

/** Breakdowns that would single out people even at province level. */
export const PUBLIC_FORBIDDEN_TOGETHER: readonly (readonly string[])[] = [
	['province', 'age_band'],
	['province', 'education'],
];

export const PUBLIC_GRANULARITIES = ['month', 'quarter', 'year'] as const;
export type PublicGranularity = (typeof PUBLIC_GRANULARITIES)[number];

/**
 * Settings of the public surface the checks read (none today: the shape of a public query is
 * fixed, see checkPublicQuery). Kept so callers pass their settings through unchanged.
 */
export type PublicLimits = Readonly<Record<string, unknown>>;

function notPublic(member: string): AccessError {
	return new AccessError(403, `${member} is not available to the public`);
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(T00:00:00(\.000)?|T23:59:59(\.999)?)?$/;

function lastDayOfMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The public's date ranges are whole months: [first day, last day], explicit dates (Cube's
 * normalised form, with times of day, is read too).
 */
export function publicDateRange(range: unknown): [string, string] {
	const message = 'Public date ranges are two dates [from, to] in YYYY-MM-DD that cover whole months (from the 1st to the last day)';
	if (!Array.isArray(range) || range.length !== 2 || !range.every((d) => typeof d === 'string')) throw new AccessError(400, message);
	const a = ISO_DAY.exec(range[0] as string);
	const b = ISO_DAY.exec(range[1] as string);
	if (!a || !b) throw new AccessError(400, message);
	const from = `${a[1]}-${a[2]}-${a[3]}`;
	const to = `${b[1]}-${b[2]}-${b[3]}`;
	if (a[3] !== '01' || Number(b[3]) !== lastDayOfMonth(Number(b[1]), Number(b[2])) || Number(b[2]) > 12 || from > to) {
		throw new AccessError(400, message);
	}
	return [from, to];
}

/**
 * Checks a public query against the rules: public members only, coarse enough (see
 * PublicLimits), simple filters, whole-month periods. Throws an AccessError otherwise.
 */
export function checkPublicQuery(query: Query, catalog: Catalog, _limits: PublicLimits = {}): void {
	const members = queryMembers(query);
	for (const member of members) {
		const cube = cubeOf(member);
		if (!isPublicCube(cube) || !catalog.cubes.has(cube)) throw notPublic(member);
		const info = catalog.members.get(member);
		if (!info) throw new AccessError(400, `${member} is not a member of ${cube}`);
		if (!info.visible) throw notPublic(member);
		if (isRegencyLevel(member)) throw notPublic(member);
	}
	const cubes = new Set(members.map(cubeOf));
	if (cubes.size > 1) throw new AccessError(400, `Public queries read one view at a time (this one names ${[...cubes].join(', ')})`);
	const plain = [...cubes].some((c) => PUBLIC_PLAIN_CUBES.includes(c));

	if (query.ungrouped) throw new AccessError(403, 'Ungrouped (row-level) results are not available to the public');
	if (query.timezone !== undefined && query.timezone !== 'UTC') throw new AccessError(400, 'Public queries are answered in UTC');
	if (query.responseFormat !== undefined && query.responseFormat !== 'default') {
		throw new AccessError(400, 'Public queries are answered in the default response format');
	}
	if (plain) return;

	for (const m of query.measures ?? []) {
		if (!disclosureOf(String(m), catalog)) throw notPublic(String(m));
	}
	for (const d of query.dimensions ?? []) {
		const name = String(d);
		if (name.split('.').length > 2 || catalog.members.get(name)?.type === 'time') {
			throw new AccessError(
				400,
				`Public queries break down by time with timeDimensions and a granularity (month, quarter or year), not ${name}`,
			);
		}
		if (catalog.members.get(name)?.kind !== 'dimension') throw new AccessError(400, `${name} is not a dimension`);
	}
	if ((query.segments ?? []).length) throw notPublic(String(query.segments![0]));

	const tds = query.timeDimensions ?? [];
	if (tds.length > 1) throw new AccessError(400, 'Public queries take at most one time dimension');
	for (const td of tds) {
		if (td.compareDateRange !== undefined) throw new AccessError(400, 'Public queries do not take compareDateRange');
		if (td.granularity != null && !(PUBLIC_GRANULARITIES as readonly string[]).includes(td.granularity)) {
			throw new AccessError(400, `Public time breakdowns are by ${PUBLIC_GRANULARITIES.join(', ')}; not by ${td.granularity}`);
		}
		if (td.dateRange !== undefined) publicDateRange(td.dateRange);
	}

	const fixed = PUBLIC_FIXED_TABLES[[...cubes][0] ?? ''];
	if (fixed) {
		const asked = (query.dimensions ?? []).map(String);
		if (asked.length !== fixed.length || !fixed.every((d) => asked.includes(d)) || (query.filters ?? []).length || tds.length) {
			throw new AccessError(
				400,
				`${[...cubes][0]} is one fixed table: break it down by exactly ${fixed.join(' and ')}, without filters or a period`,
			);
		}
		return;
	}

	const filtered = new Set<string>();
	for (const filter of query.filters ?? []) {
		if (!isSimpleFilter(filter))
			throw new AccessError(400, 'Public queries take simple filters (a member equal to one or more values), not and/or groups');
		const member = filterMember(filter);
		const info = catalog.members.get(member);
		if (info?.kind !== 'dimension' || info.type === 'time') {
			throw new AccessError(
				400,
				`Public queries filter on dimensions only (${member} is ${info?.kind === 'measure' ? 'a measure' : 'a time dimension: use a dateRange'})`,
			);
		}
		if (!['equals', 'in'].includes(filter.operator)) {
			throw new AccessError(
				400,
				`Public queries filter with "equals" only (a member equal to one or more values), not "${filter.operator}"`,
			);
		}
		if (!filter.values?.length || filter.values.some((v) => typeof v !== 'string' && typeof v !== 'number')) {
			throw new AccessError(400, `The filter on ${member} needs one or more values`);
		}
		filtered.add(member);
	}

	// One attribute at a time, plus the period: every public table is then "time × one attribute",
	// the tables form a star around time, and protecting each attribute's family (its hierarchy
	// and the time hierarchy) protects them all (docs/access.md, "The public").
	const breakdown = new Set<string>([...(query.dimensions ?? []).map(String), ...filtered]);
	const names = new Set([...breakdown].map(shortName));
	for (const together of PUBLIC_FORBIDDEN_TOGETHER) {
		if (together.every((n) => names.has(n))) throw new AccessError(403, `${together.join(' with ')} is not available to the public`);
	}
	if (breakdown.size > 1) {
		throw new AccessError(
			400,
			`Public statistics break down by one attribute at a time (a dimension or a filtered member), plus the period; this query uses ${breakdown.size}: ${[...breakdown].join(', ')}`,
		);
	}
}

// ---------------------------------------------------------------------------------------------
// Monthly data (every role but the system): a time dimension whose meta says `period: 'month'`
// (open_slots.as_of, fill_time.departure_month, province_rates.month, quick_win.month) only knows
// month starts or month ends, so a range that cuts a month would be answered for the wrong days
// (1-15 June read 0 open slots; 10 March-20 April counted April only). Such ranges are refused.

const MONTH_ALIGNED_RELATIVE = /^(this|last|next) (month|quarter|year)$/;

/** A member whose data is monthly (its meta says so). */
export function isMonthlyTimeDimension(member: string, catalog: Catalog): boolean {
	return catalog.members.get(baseMember(member))?.meta?.period === 'month';
}

function monthlyHelp(member: string): string {
	return `${member} is monthly data: its date range must cover whole months, [from, to] in YYYY-MM-DD from the 1st of a month to the last day of a month (e.g. ["2025-03-01", "2025-04-30"]), or "this month", "last month", "this quarter", "last quarter", "this year", "last year"`;
}

function checkWholeMonths(range: unknown, member: string, where: string): void {
	if (typeof range === 'string' && MONTH_ALIGNED_RELATIVE.test(range.trim().toLowerCase())) return;
	try {
		publicDateRange(range);
	} catch {
		throw new AccessError(400, `${where}: ${monthlyHelp(member)}; not ${JSON.stringify(range)}`);
	}
}

/** Refuses a period on monthly data that is not whole months (never a silent wrong number). */
export function checkMonthlyPeriods(query: Query, catalog: Catalog): void {
	(query.timeDimensions ?? []).forEach((td, i) => {
		if (!isMonthlyTimeDimension(td.dimension, catalog)) return;
		const where = `timeDimensions[${i}].dateRange`;
		if (td.dateRange !== undefined) checkWholeMonths(td.dateRange, td.dimension, where);
		if (td.compareDateRange !== undefined) {
			const ranges = Array.isArray(td.compareDateRange) ? td.compareDateRange : [td.compareDateRange];
			for (const range of ranges) checkWholeMonths(range, td.dimension, `timeDimensions[${i}].compareDateRange`);
		}
	});
	for (const f of simpleFilters(query.filters)) {
		const member = filterMember(f);
		if (!isMonthlyTimeDimension(member, catalog) || f.operator === 'set' || f.operator === 'notSet') continue;
		if (f.operator !== 'inDateRange') {
			throw new AccessError(
				400,
				`filters: ${member} is monthly data: filter it with a timeDimensions dateRange (or inDateRange) of whole months, not ${f.operator}`,
			);
		}
		checkWholeMonths(f.values, member, 'filters');
	}
}

// ---------------------------------------------------------------------------------------------
// All roles.

export interface RewriteOptions {
	/** set by the public suppression pipeline on the queries it runs; nothing else may run public queries */
	publicPipeline?: boolean;
	publicLimits: PublicLimits;
	/** k: the fewest people a result row may describe (SLMI_MIN_PEOPLE_PER_ROW) */
	minPeoplePerRow: number;
}

/**
 * The query a role may run, or an AccessError. Roles: minister and director read everything,
 * regional heads see candidate-level detail of their own province only, the public only the
 * public views through the suppression pipeline, and the loader's system token anything (it
 * builds pre-aggregations). People (not the system) never get row-level results or hidden
 * members (identifiers, private helpers).
 */
export function rewriteQuery(query: Query, context: SecurityContext, catalog: Catalog, options: RewriteOptions): Query {
	if (context.role === 'system') return query;
	if (query.ungrouped) throw new AccessError(403, 'Ungrouped (row-level) results are not available');
	for (const member of queryMembers(query)) {
		const info = catalog.members.get(member);
		if (info && !info.visible) throw new AccessError(403, `${member} is internal to the semantic layer and cannot be queried`);
	}
	checkMonthlyPeriods(query, catalog);
	switch (context.role) {
		case 'minister':
		case 'director':
			return requireMinPeople(query, catalog, options.minPeoplePerRow);
		case 'regional':
			if (!context.province) throw new AccessError(403, 'A regional token must name its province');
			return requireMinPeople(rewriteRegional(query, context.province, catalog), catalog, options.minPeoplePerRow);
		case 'public':
			checkPublicQuery(query, catalog, options.publicLimits);
			if (!options.publicPipeline) throw new AccessError(403, 'Public queries are answered through /cubejs-api/v1/load only');
			rulesOf(query, catalog); // a public view without a declared rule is refused too
			// the pipeline protects its answers with its own threshold (>= k) after seeing every row
			return query;
		default:
			throw new AccessError(403, 'Unknown role');
	}
}

interface MetaListMember {
	meta?: unknown;
}

/**
 * The /meta a role sees: the public only its views; nobody the internal members (`access`,
 * `people`), which Cube lists wherever a view includes them.
 */
export function visibleCubes<
	T extends { name: string; measures?: MetaListMember[]; dimensions?: MetaListMember[]; segments?: MetaListMember[] },
>(cubes: T[], context: SecurityContext): T[] {
	const shown = (m: MetaListMember) => !(isRecord(m.meta) && m.meta.internal === true);
	return cubes
		.filter((c) => context.role !== 'public' || isPublicCube(c.name))
		.map((c) => {
			const out = { ...c };
			for (const key of ['measures', 'dimensions', 'segments'] as const) if (c[key]) out[key] = c[key].filter(shown) as T[typeof key];
			return out;
		});
}
