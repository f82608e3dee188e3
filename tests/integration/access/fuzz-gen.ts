/**
 * The query fuzzer's pure half: a seeded generator of attacks on the semantic layer (random Cube
 * queries, hostile values, path spellings, endpoints) and the checks of each role's promises on
 * an answer. No I/O here: fuzz.test.ts sends the requests and feeds the answers back, and
 * fuzz-gen.test.ts checks that a seed always gives the same attacks.
 *
 * The promises come from issue #11 and the contracts between its parts (docs/access.md), not from
 * today's behaviour: what an attacker may not get, whatever the code does.
 */

export const DEFAULT_SEED = 1104;

// ---------------------------------------------------------------------------------------------
// Randomness: mulberry32, small and the same on every machine.

export class Rng {
	private state: number;
	constructor(seed: number) {
		this.state = seed >>> 0;
	}
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}
	chance(p: number): boolean {
		return this.next() < p;
	}
	pick<T>(items: readonly T[]): T {
		if (!items.length) throw new Error('pick from an empty list');
		return items[Math.floor(this.next() * items.length)]!;
	}
	some<T>(items: readonly T[], n: number): T[] {
		const pool = [...items];
		const out: T[] = [];
		while (out.length < n && pool.length) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
		return out;
	}
}

/** A seed per role, so adding queries to one role does not change another's. */
export function roleSeed(seed: number, role: string): number {
	let h = seed >>> 0;
	for (const c of role) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
	return h;
}

// ---------------------------------------------------------------------------------------------
// What the attacker knows: the whole member catalogue (hidden members too) and some real values.

export interface FuzzMember {
	name: string;
	cube: string;
	kind: 'measure' | 'dimension' | 'segment';
	/** dimension type (string, number, time) or measure type */
	type: string;
	aggType?: string;
	visible: boolean;
	meta?: Record<string, unknown>;
}

export interface FuzzCatalog {
	cubes: string[];
	views: string[];
	members: FuzzMember[];
	/** real values of string dimensions, for filters that hit data */
	values: Record<string, string[]>;
}

export function membersOf(catalog: FuzzCatalog, cube: string, kind?: FuzzMember['kind']): FuzzMember[] {
	return catalog.members.filter((m) => m.cube === cube && (!kind || m.kind === kind));
}

/** Cubes built from prospective workers' own records (issue #11, docs/access.md). */
export const CANDIDATE_CUBES = ['supply', 'applications', 'trainings', 'certifications'] as const;

/** Public reference cubes the public may read as they are (docs/access.md). */
export const PUBLIC_PLAIN = ['data_freshness', 'countries', 'regions', 'provinces', 'sectors', 'occupations', 'placement_schemes'];

export function isPublicMember(member: string): boolean {
	const cube = member.split('.')[0] ?? '';
	return cube.startsWith('public_') || PUBLIC_PLAIN.includes(cube);
}

/**
 * The people measure of each cube that counts people: `<cube>.people` where the model declares
 * one (contract of issue #11); until any cube does, a row count (at least the number of people,
 * so fewer than k rows is fewer than k people) on the cubes the issue names.
 */
export const FALLBACK_PEOPLE: Readonly<Record<string, string>> = {
	placements: 'placements.placements',
	supply: 'supply.candidates',
	applications: 'applications.applications',
	trainings: 'trainings.trainings',
	certifications: 'certifications.attempts',
	public_placements: 'public_placements.placements',
};

export function peopleMeasures(catalog: FuzzCatalog): Record<string, string> {
	const declared = catalog.members.filter((m) => m.kind === 'measure' && m.name === `${m.cube}.people`);
	if (!declared.length) return { ...FALLBACK_PEOPLE };
	return Object.fromEntries(declared.map((m) => [m.cube, m.name]));
}

/**
 * The member holding the province of origin of a cube, as a regional rule reads it. Agencies and
 * certification capacity have a province of their own (the agency's, the body's), not the
 * candidates'.
 */
export function originProvinceMember(catalog: FuzzCatalog, cube: string): string | undefined {
	if (cube === 'provinces') return 'provinces.code';
	if (cube === 'agencies' || cube === 'certification_capacity') return undefined;
	return catalog.members.find((m) => m.name === `${cube}.province` && m.kind === 'dimension')?.name;
}

export function isRegencyMember(member: string): boolean {
	const [cube, short = ''] = member.split('.');
	return cube === 'regencies' || short.includes('regency');
}

const OPEN_PUBLIC = new Set(['target', 'smk_target', 'population', 'working_age_population', 'working_age_person_years', 'linear_path']);

/** Public measures that count people (or vacancies): their cells from 1 to T − 1 must be hidden. */
export function publicCountMeasures(catalog: FuzzCatalog): Set<string> {
	const counts = new Set<string>();
	for (const m of catalog.members) {
		if (m.kind !== 'measure' || !m.cube.startsWith('public_')) continue;
		const declared = JSON.stringify(m.meta ?? {});
		if (/disclos[^"]*":\s*"open"|"open"/.test(declared)) continue;
		if (OPEN_PUBLIC.has(m.name.split('.')[1] ?? '')) continue;
		if (['count', 'sum', 'countDistinct', 'countDistinctApprox'].includes(m.aggType ?? '')) counts.add(m.name);
	}
	return counts;
}

// ---------------------------------------------------------------------------------------------
// Hostile material.

export const FILTER_OPERATORS = [
	'equals',
	'notEquals',
	'contains',
	'notContains',
	'startsWith',
	'notStartsWith',
	'endsWith',
	'notEndsWith',
	'in',
	'notIn',
	'gt',
	'gte',
	'lt',
	'lte',
	'set',
	'notSet',
	'inDateRange',
	'notInDateRange',
	'onTheDate',
	'beforeDate',
	'beforeOrOnDate',
	'afterDate',
	'afterOrOnDate',
	'measureFilter',
] as const;
const JUNK_OPERATORS: unknown[] = ['like', 'EQUALS', '', 'equals ', 'eq', "equals' OR 1=1 --", null, 7, ['equals'], { op: 'equals' }];
export const GRANULARITIES = ['second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'] as const;
const JUNK_GRANULARITIES: unknown[] = ['decade', 'Month', 'month ', '', "month'); DROP TABLE x; --", 'day)', 5, true, { g: 'day' }];
const VALID_ZONES = ['UTC', 'Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura', 'Europe/London', 'America/New_York', 'Etc/GMT+12'];
const JUNK_ZONES: unknown[] = [
	'utc',
	'Mars/Olympus',
	'',
	'+07:00',
	"UTC'",
	"UTC\\'",
	"UTC') --",
	"UTC' || (SELECT name FROM system.tables LIMIT 1) || '",
	"UTC' || toString((SELECT count() FROM fct_candidates)) || '",
	'Asia/Jakarta\u0000',
	7,
	null,
	['UTC'],
];
export const HOSTILE_STRINGS = [
	'%',
	'_',
	'%%',
	'%_%',
	'\\',
	'\\%',
	"'",
	'"',
	'`',
	"' OR '1'='1",
	"52' OR province_code != '52",
	"x') UNION ALL SELECT candidate_id FROM fct_candidates --",
	"'; DROP TABLE fct_candidates; --",
	// a Cube model template, as text
	['$', '{CUBE}'].join(''),
	'{{ x }}',
	'../../etc/passwd',
	'\u0000',
	'漢字 ä ö 🙂',
	'\u202eevil',
	'x'.repeat(3000),
	' ',
	'',
	'NaN',
	'2024-01-01',
	'52',
	'32.12',
] as const;
const HOSTILE_VALUES: unknown[] = [...HOSTILE_STRINGS, 1, -1, 0, 1e308, 3.5, true, false, null, {}, [], ['52'], { $gt: '' }];
const JUNK_DATE_RANGES: unknown[] = [
	['2024-03-01', '2024-01-31'],
	['2024-13-01', '2024-12-31'],
	['2024-02-30', '2024-03-01'],
	['2024-01-01', '2024-02-01', '2024-03-01'],
	[],
	'yesterdayish',
	'last 99999 years',
	'from 2024-01-01 to 2023-01-01',
	'from x to y',
	"2024-01-01' OR 1=1 --",
	'today\u0000',
	20240101,
	{ from: '2024-01-01' },
	[null, null],
	['01/02/2024', '2024-03-31'],
	['2024-01-01T00:00:00.000Z', '2024-12-31T23:59:59.999'],
	['0001-01-01', '9999-12-31'],
];
const VALID_DATE_RANGES: unknown[] = [
	['2024-01-01', '2024-12-31'],
	['2025-01-01', '2025-06-30'],
	['2023-07-01', '2026-11-30'],
	'last year',
	'this year',
	'last 12 months',
	'from 2024-01-01 to 2024-03-31',
	['2024-05-01'],
];
const INVENTED_CUBES = ['nocube', 'fct_candidates', 'system', 'Placements', 'placements ', 'public_placements2', '__proto__'];
const INVENTED_SHORT = ['nope', 'candidate_id', 'nik', 'name', 'PLACEMENTS', 'count', 'people', 'sql', 'constructor', '__proto__'];
const UNKNOWN_KEYS = ['foo', 'sql', 'queryType', 'constructor', 'preAggregations', 'rowLimit', 'joinHints', 'cacheMode', 'dataSource'];

/** The condition of an injection canary: a hidden fact, asked both ways. */
export const CANARY_CONDITIONS = ['(SELECT count() FROM fct_candidates) > 0', '(SELECT count() FROM fct_candidates) < 0'] as const;

/** Timezone and value payloads whose truth would depend on hidden data if they reached SQL text. */
export function canaryPayloads(condition: string): { timezone: string[]; value: string[] } {
	return {
		timezone: [`UTC' || (SELECT if(${condition},'','X')) || '`, `UTC' || if(${condition},'','X') || '`],
		value: [`52' OR ${condition} OR '`, `x%' AND if(${condition},1,0) AND '%`],
	};
}

// ---------------------------------------------------------------------------------------------
// Requests.

export type Endpoint = 'load' | 'sql' | 'dry-run' | 'meta' | 'meta-extended' | 'graphql' | 'subscribe' | 'jobs';

const CANONICAL: Record<Endpoint, string> = {
	load: '/cubejs-api/v1/load',
	sql: '/cubejs-api/v1/sql',
	'dry-run': '/cubejs-api/v1/dry-run',
	meta: '/cubejs-api/v1/meta',
	'meta-extended': '/cubejs-api/v1/meta',
	graphql: '/cubejs-api/graphql',
	subscribe: '/cubejs-api/v1/subscribe',
	jobs: '/cubejs-api/v1/pre-aggregations/jobs',
};

export const SPELLINGS = [
	'canonical',
	'upper',
	'mixed',
	'double-slash',
	'trailing-slash',
	'percent-letter',
	'dot-segment',
	'dotdot',
] as const;
export type Spelling = (typeof SPELLINGS)[number];

/** A path spelled another way; the query string (if any) is left as it is. */
export function spellPath(rng: Rng, path: string, spelling: Spelling): string {
	const [base, search] = path.split('?') as [string, string | undefined];
	const slashes = [...base].flatMap((c, i) => (c === '/' && i > 0 ? [i] : []));
	const letters = [...base].flatMap((c, i) => (/[a-z]/i.test(c) ? [i] : []));
	let out = base;
	switch (spelling) {
		case 'canonical':
			break;
		case 'upper':
			out = base.toUpperCase();
			break;
		case 'mixed': {
			const chars = [...base];
			for (const i of letters) if (rng.chance(0.4)) chars[i] = chars[i]!.toUpperCase();
			const first = rng.pick(letters);
			chars[first] = chars[first]!.toUpperCase();
			out = chars.join('');
			break;
		}
		case 'double-slash': {
			const i = rng.pick(slashes);
			out = `${base.slice(0, i)}/${base.slice(i)}`;
			break;
		}
		case 'trailing-slash':
			out = `${base}/`;
			break;
		case 'percent-letter': {
			const i = rng.pick(letters);
			out = `${base.slice(0, i)}%${base.charCodeAt(i).toString(16).toUpperCase()}${base.slice(i + 1)}`;
			break;
		}
		case 'dot-segment': {
			const i = rng.pick(slashes);
			out = `${base.slice(0, i)}/.${base.slice(i)}`;
			break;
		}
		case 'dotdot': {
			const i = rng.pick(slashes);
			out = `${base.slice(0, i)}/x/..${base.slice(i)}`;
			break;
		}
	}
	return search === undefined ? out : `${out}?${search}`;
}

export interface FuzzRequest {
	/** position in its role's stream: with the seed, enough to replay it (SLMI_FUZZ_ONLY) */
	id: string;
	role: string;
	endpoint: Endpoint;
	method: 'GET' | 'POST';
	spelling: Spelling;
	/** the path as sent (spelled), with its query string */
	path: string;
	/** the canonical path for the same request */
	canonicalPath: string;
	/** the JSON body of a POST, or undefined */
	body?: string;
	/** the query the request carries (for reports and checks), if any */
	query?: unknown;
	/** the other half of an injection canary pair: same request, condition reversed */
	canary?: { kind: 'timezone' | 'value'; twin: FuzzRequest };
	/** a fixed case from the issue, by name */
	fixed?: string;
}

export function buildRequest(
	rng: Rng,
	base: Omit<FuzzRequest, 'path' | 'canonicalPath' | 'body' | 'method' | 'spelling'> & {
		method?: 'GET' | 'POST';
		spelling?: Spelling;
		rawBody?: string;
		multi?: boolean;
	},
): FuzzRequest {
	const endpoint = base.endpoint;
	let method =
		base.method ??
		(['meta', 'meta-extended'].includes(endpoint)
			? 'GET'
			: endpoint === 'jobs' || endpoint === 'graphql'
				? 'POST'
				: rng.pick(['GET', 'POST'] as const));
	// Node answers a request line over 16 KB itself (431, no body): long queries go as POST bodies
	if (method === 'GET' && base.query !== undefined && encodeURIComponent(JSON.stringify(base.query)).length > 6000) method = 'POST';
	const spelling = base.spelling ?? 'canonical';
	let search = endpoint === 'meta-extended' ? 'extended' : undefined;
	let body: string | undefined;
	if (base.rawBody !== undefined) body = base.rawBody;
	else if (endpoint === 'graphql') body = JSON.stringify({ query: base.query ?? '{ cube { placements { placements } } }' });
	else if (endpoint === 'jobs')
		body = JSON.stringify({ action: 'post', selector: { contexts: [{ securityContext: { role: 'system' } }] } });
	else if (base.query !== undefined) {
		if (method === 'GET') {
			search = `query=${encodeURIComponent(JSON.stringify(base.query))}${base.multi ? '&queryType=multi' : ''}`;
		} else {
			body = JSON.stringify(base.multi ? { query: base.query, queryType: 'multi' } : { query: base.query });
		}
	}
	const canonicalBase = CANONICAL[endpoint];
	const canonicalPath = search === undefined ? canonicalBase : `${canonicalBase}?${search}`;
	const path = spellPath(rng, canonicalPath, spelling);
	return { id: base.id, role: base.role, endpoint, method, spelling, path, canonicalPath, body, query: base.query, fixed: base.fixed };
}

// ---------------------------------------------------------------------------------------------
// Queries.

type Query = Record<string, unknown>;

function cubesFor(catalog: FuzzCatalog, role: string, rng: Rng): string {
	const people = Object.keys(FALLBACK_PEOPLE).filter((c) => catalog.cubes.includes(c));
	if (role === 'public') {
		const pub = catalog.cubes.filter((c) => isPublicMember(`${c}.x`));
		return rng.chance(0.85) && pub.length ? rng.pick(pub) : rng.pick(catalog.cubes);
	}
	if (role === 'regional' && rng.chance(0.4)) return rng.pick(CANDIDATE_CUBES.filter((c) => catalog.cubes.includes(c)));
	return rng.chance(0.5) ? rng.pick(people) : rng.pick(catalog.cubes);
}

function valueFor(rng: Rng, catalog: FuzzCatalog, member: FuzzMember | undefined, hostile: boolean): unknown {
	if (hostile || !member) return rng.pick(HOSTILE_VALUES);
	const pool = catalog.values[member.name];
	if (pool?.length && rng.chance(0.85)) return rng.pick(pool);
	if (member.type === 'number') return String(rng.int(0, 5));
	if (member.type === 'time') return rng.pick(['2024-01-01', '2025-06-30']);
	return rng.pick(['52', '35', '32', 'F', 'M', 'JP', 'MY', 'TW', '9111', 'G2G']);
}

function simpleFilter(rng: Rng, catalog: FuzzCatalog, dims: FuzzMember[], measures: FuzzMember[], hostile: boolean): Query {
	const onMeasure = measures.length > 0 && rng.chance(0.12);
	const member = onMeasure ? rng.pick(measures) : dims.length ? rng.pick(dims) : undefined;
	const name = member?.name ?? `${rng.pick(INVENTED_CUBES)}.${rng.pick(INVENTED_SHORT)}`;
	let operator: unknown;
	if (hostile && rng.chance(0.25)) operator = rng.pick(JUNK_OPERATORS);
	else if (member?.type === 'time' && rng.chance(0.7))
		operator = rng.pick(['inDateRange', 'notInDateRange', 'beforeDate', 'afterDate', 'onTheDate', 'set']);
	else if (onMeasure) operator = rng.pick(['gt', 'gte', 'lt', 'lte', 'equals']);
	else operator = rng.chance(0.6) ? rng.pick(['equals', 'in', 'notEquals', 'notIn']) : rng.pick(FILTER_OPERATORS);
	const filter: Query = { [rng.chance(0.85) ? 'member' : 'dimension']: name, operator };
	if (operator === 'set' || operator === 'notSet') {
		if (hostile && rng.chance(0.3)) filter.values = [rng.pick(HOSTILE_VALUES)];
		return filter;
	}
	if (operator === 'inDateRange' || operator === 'notInDateRange') {
		filter.values =
			hostile && rng.chance(0.5)
				? rng.pick(JUNK_DATE_RANGES)
				: rng.pick([
						['2024-01-01', '2024-12-31'],
						['2025-03-01', '2025-03-31'],
					]);
		return filter;
	}
	if (hostile && rng.chance(0.15)) {
		filter.values = rng.pick<unknown>(['52', 52, null, { a: 1 }, [['52']], 'x'.repeat(300)]);
		return filter;
	}
	const n = operator === 'in' || operator === 'notIn' ? rng.int(1, 4) : rng.chance(0.8) ? 1 : rng.int(0, 3);
	filter.values = Array.from({ length: n }, () => valueFor(rng, catalog, member, hostile && rng.chance(0.6)));
	return filter;
}

function filterTree(rng: Rng, catalog: FuzzCatalog, dims: FuzzMember[], measures: FuzzMember[], hostile: boolean, depth: number): Query {
	if (depth <= 0 || rng.chance(0.35)) return simpleFilter(rng, catalog, dims, measures, hostile);
	const key = rng.chance(0.5) ? 'and' : 'or';
	const n = hostile && rng.chance(0.1) ? rng.int(0, 1) : rng.int(1, 3);
	return { [key]: Array.from({ length: n }, () => filterTree(rng, catalog, dims, measures, hostile, depth - 1)) };
}

/** A time dimension entry, mostly valid, sometimes not. */
function timeDimension(rng: Rng, dim: string, hostile: boolean, role: string): Query {
	const td: Query = { dimension: dim };
	const publicish = role === 'public' && !hostile;
	if (rng.chance(0.8)) {
		td.granularity =
			hostile && rng.chance(0.3)
				? rng.pick(JUNK_GRANULARITIES)
				: publicish
					? rng.pick(['month', 'quarter', 'year'])
					: rng.pick(GRANULARITIES);
	}
	if (rng.chance(0.5)) {
		if (hostile && rng.chance(0.5)) td.dateRange = rng.pick(JUNK_DATE_RANGES);
		else if (publicish)
			td.dateRange = rng.pick([
				['2024-01-01', '2024-12-31'],
				['2025-01-01', '2025-06-30'],
			]);
		else td.dateRange = rng.pick(VALID_DATE_RANGES);
	}
	if (hostile && rng.chance(0.1)) td.compareDateRange = [rng.pick(VALID_DATE_RANGES), rng.pick(JUNK_DATE_RANGES)];
	return td;
}

/**
 * One Cube query for a role: most look like real questions on one cube (many dimensions, real
 * filter values: the person-level and other-province attacks), the rest are mutated with
 * hostile material (hidden and invented members, junk operators, values, granularities, date
 * ranges, time zones, limits, unknown keys, deep and/or trees).
 */
export function generateQuery(rng: Rng, catalog: FuzzCatalog, role: string): { query: Query; hostile: boolean } {
	const hostile = rng.chance(0.45);
	const cube = cubesFor(catalog, role, rng);
	const all = membersOf(catalog, cube);
	const visible = all.filter((m) => m.visible || (hostile && rng.chance(0.3)));
	const measures = visible.filter((m) => m.kind === 'measure');
	const dims = visible.filter((m) => m.kind === 'dimension' && m.type !== 'time');
	const times = all.filter((m) => m.kind === 'dimension' && m.type === 'time');
	const q: Query = {};
	const maxDims = role === 'public' && !hostile ? 2 : rng.chance(0.3) ? 10 : 3;
	if (measures.length && rng.chance(0.9)) q.measures = rng.some(measures, rng.int(1, 3)).map((m) => m.name);
	if (dims.length && rng.chance(0.75)) q.dimensions = rng.some(dims, rng.int(1, Math.min(maxDims, dims.length))).map((m) => m.name);
	if (role !== 'public' && rng.chance(0.15)) {
		// a reference dimension of another cube: joins, and regency-level detail
		const other = catalog.members.filter(
			(m) => ['provinces', 'regencies', 'countries', 'occupations'].includes(m.cube) && m.kind === 'dimension',
		);
		q.dimensions = [...((q.dimensions as string[]) ?? []), rng.pick(other).name];
	}
	if (times.length && rng.chance(0.45)) q.timeDimensions = [timeDimension(rng, rng.pick(times).name, hostile, role)];
	if (rng.chance(0.45)) {
		const n = rng.int(1, 2);
		q.filters = Array.from({ length: n }, () =>
			role === 'public' && !hostile
				? simpleFilter(rng, catalog, dims, [], false)
				: filterTree(rng, catalog, dims, measures, hostile, hostile ? rng.int(0, 8) : 1),
		);
	}
	if (!q.measures && !q.dimensions && !q.timeDimensions) q.measures = [rng.pick(catalog.members.filter((m) => m.kind === 'measure')).name];
	if (rng.chance(0.15)) q.limit = rng.pick([1, 10, 100, 5000, 50000]);
	const named = [...((q.measures as string[]) ?? []), ...((q.dimensions as string[]) ?? [])];
	if (named.length && rng.chance(0.1)) q.order = { [rng.pick(named)]: rng.pick(['asc', 'desc']) };
	if (rng.chance(0.08)) q.timezone = rng.pick(VALID_ZONES);
	if (rng.chance(0.05)) q.total = true;
	if (rng.chance(0.05)) q.renewQuery = true;
	if (hostile) mutate(rng, catalog, q, cube, rng.int(1, 3));
	return { query: q, hostile };
}

function list(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

function mutate(rng: Rng, catalog: FuzzCatalog, q: Query, cube: string, times: number): void {
	const hidden = catalog.members.filter((m) => !m.visible);
	const anyMember = () =>
		rng.chance(0.4)
			? rng.pick(hidden).name
			: rng.chance(0.5)
				? `${cube}.${rng.pick(INVENTED_SHORT)}`
				: rng.chance(0.5)
					? `${rng.pick(INVENTED_CUBES)}.${rng.pick(INVENTED_SHORT)}`
					: rng.pick(catalog.members).name;
	for (let i = 0; i < times; i++) {
		switch (rng.int(0, 15)) {
			case 0:
				q[rng.pick(UNKNOWN_KEYS)] = rng.pick<unknown>([1, 'x', true, { a: 1 }, 'SELECT 1']);
				break;
			case 1:
				q.measures = [...list(q.measures), rng.chance(0.7) ? anyMember() : rng.pick<unknown>([1, null, {}, ['x'], ''])];
				break;
			case 2:
				q.dimensions = [...list(q.dimensions), anyMember()];
				break;
			case 3:
				q.segments = [rng.chance(0.5) ? `${cube}.${rng.pick(INVENTED_SHORT)}` : anyMember()];
				break;
			case 4:
				q.timezone = rng.pick(JUNK_ZONES);
				break;
			case 5:
				q.limit = rng.pick<unknown>([0, -1, 100000, 1e9, '10', 1.5, null, 'all', [10]]);
				break;
			case 6:
				q.offset = rng.pick<unknown>([-1, 1e12, '5', 2.5, null, 10]);
				break;
			case 7:
				q.total = rng.pick<unknown>([true, 'yes', 1, null]);
				q.renewQuery = rng.pick<unknown>([true, 'x', 0]);
				break;
			case 8:
				q.ungrouped = rng.pick<unknown>([true, 'true', 1]);
				break;
			case 9:
				q.responseFormat = rng.pick<unknown>(['compact', 'default', 'csv', 'junk', 1]);
				break;
			case 10:
				q.order = rng.chance(0.5)
					? { [anyMember()]: rng.pick(['asc', 'desc', 'ASC', 'sideways', "asc'; --"]) }
					: [[anyMember(), rng.pick(['asc', 'desc', 'x'])]];
				break;
			case 11: {
				const dims = membersOf(catalog, cube, 'dimension');
				q.filters = [filterTree(rng, catalog, dims, membersOf(catalog, cube, 'measure'), true, rng.int(4, 12))];
				break;
			}
			case 12:
				q.timeDimensions = [
					{
						dimension: rng.chance(0.7) ? (membersOf(catalog, cube).find((m) => m.type === 'time')?.name ?? anyMember()) : anyMember(),
						granularity: rng.pick(JUNK_GRANULARITIES),
						dateRange: rng.pick(JUNK_DATE_RANGES),
					},
				];
				break;
			case 13:
				q.filters = [...list(q.filters), { member: anyMember(), operator: rng.pick(FILTER_OPERATORS), values: [rng.pick(HOSTILE_VALUES)] }];
				break;
			case 14:
				q[rng.pick(['measures', 'dimensions', 'filters', 'timeDimensions', 'segments'])] = rng.pick<unknown>(['x', 1, null, {}, [[]]]);
				break;
			default:
				q.filters = [
					...list(q.filters),
					{
						member: rng.pick(membersOf(catalog, cube, 'dimension').concat(catalog.members.filter((m) => m.kind === 'dimension'))).name,
						operator: rng.pick(['startsWith', 'contains', 'endsWith', 'notContains', 'equals']),
						values: [rng.pick(HOSTILE_STRINGS)],
					},
				];
		}
	}
}

/** The requests of one role: `count` of them, in a fixed order for a seed. */
export function generateRequests(seed: number, catalog: FuzzCatalog, role: string, roleLabel: string, count: number): FuzzRequest[] {
	const rng = new Rng(roleSeed(seed, roleLabel));
	const out: FuzzRequest[] = [];
	for (let i = 0; i < count; i++) {
		const id = `${roleLabel}#${i}`;
		const roll = rng.next();
		const endpoint: Endpoint =
			roll < 0.66
				? 'load'
				: roll < 0.74
					? 'sql'
					: roll < 0.8
						? 'dry-run'
						: roll < 0.86
							? 'meta'
							: roll < 0.9
								? 'meta-extended'
								: roll < 0.93
									? 'graphql'
									: roll < 0.96
										? 'subscribe'
										: 'jobs';
		const spelling: Spelling = rng.chance(0.75) ? 'canonical' : rng.pick(SPELLINGS.slice(1));
		if (['meta', 'meta-extended', 'jobs', 'graphql'].includes(endpoint)) {
			out.push(buildRequest(rng, { id, role, endpoint, spelling }));
			continue;
		}
		if (rng.chance(0.03)) {
			const raw = rng.pick(['{"query": {"measures": [', '[]', '"x"', '{"query": 5}', '{"query": "{\\"measures\\": 1}"}', 'null']);
			out.push(buildRequest(rng, { id, role, endpoint, spelling, method: 'POST', rawBody: raw }));
			continue;
		}
		const multi = rng.chance(0.06);
		const { query } = generateQuery(rng, catalog, role);
		const sent: unknown = multi ? [query, generateQuery(rng, catalog, role).query] : query;
		const request = buildRequest(rng, { id, role, endpoint, spelling, query: sent, multi });
		if (endpoint === 'load' && !multi && rng.chance(0.06)) {
			// an injection canary: the same query asking a hidden fact, true then false
			const kind = rng.chance(0.6) ? 'timezone' : 'value';
			const which = rng.int(0, 1);
			const cube = cubeOfQuery(query);
			const time = catalog.members.find((m) => m.cube === cube && m.type === 'time')?.name;
			const dim = catalog.members.find((m) => m.cube === cube && m.kind === 'dimension' && m.type === 'string' && m.visible)?.name;
			// Without a date range Cube does not parse the zone; by day no monthly rollup answers it.
			const granularity = rng.pick(['day', 'week']);
			const operator = rng.pick(['equals', 'startsWith', 'contains']);
			const arm = (condition: string): Query => {
				const payload = canaryPayloads(condition);
				const q: Query = structuredClone(query);
				if (kind === 'timezone') {
					q.timezone = payload.timezone[which];
					if (time) q.timeDimensions = [{ dimension: time, granularity }];
				} else if (dim) {
					q.filters = [{ member: dim, operator, values: [payload.value[which]] }];
				}
				return q;
			};
			const armRng = new Rng(roleSeed(seed, id));
			const yes = buildRequest(armRng, {
				id,
				role,
				endpoint,
				spelling: 'canonical',
				method: request.method,
				query: arm(CANARY_CONDITIONS[0]),
			});
			const no = buildRequest(new Rng(roleSeed(seed, id)), {
				id: `${id}~`,
				role,
				endpoint,
				spelling: 'canonical',
				method: request.method,
				query: arm(CANARY_CONDITIONS[1]),
			});
			out.push({ ...yes, canary: { kind, twin: no } });
			continue;
		}
		out.push(request);
	}
	return out;
}

export function cubeOfQuery(query: unknown): string {
	const q = (Array.isArray(query) ? query[0] : query) as Query | undefined;
	const first = [q?.measures, q?.dimensions].flatMap((l) => (Array.isArray(l) ? l : [])).find((m) => typeof m === 'string') as
		| string
		| undefined;
	return first?.split('.')[0] ?? '';
}

// ---------------------------------------------------------------------------------------------
// Checks: pure functions of an answer. Each returns what broke, or nothing.

/** Internals an error message must not show: SQL, warehouse errors, file paths, stack frames. */
const LEAKS: [string, RegExp][] = [
	['SQL text', /\b(SELECT|FROM|WHERE)\b/],
	['warehouse error', /DB::Exception|Code: \d+/],
	['SQL function', /toTimeZone/],
	['file path', /(^|[\s('"`])\/(work|root|home|usr|tmp)\//],
	['node_modules', /node_modules/],
	['source position', /\.[tj]s:\d+/],
	['stack trace', /\n\s+at \S/],
	['internal table name', /_pre_aggregations\.|\b(fct|agg|dim|ops)_[a-z_]+\b/],
];

/** Strings of a request (≥ 3 characters), so an error echoing the asker's own input is not a leak. */
export function sentStrings(request: { path: string; body?: string; query?: unknown }): string[] {
	const out = new Set<string>();
	const walk = (v: unknown) => {
		if (typeof v === 'string') {
			// a member name is echoed in parts too ("Cube 'x' not found for path 'x.y'")
			for (const part of [v, ...v.split('.')]) if (part.length >= 3) out.add(part);
		} else if (Array.isArray(v)) v.forEach(walk);
		else if (v && typeof v === 'object') {
			for (const [k, x] of Object.entries(v)) {
				walk(k);
				walk(x);
			}
		}
	};
	walk(request.query);
	try {
		if (request.body) walk(JSON.parse(request.body));
	} catch {
		/* a raw body that is not JSON */
	}
	return [...out].sort((a, b) => b.length - a.length);
}

export function leakIn(text: string, echoed: readonly string[] = []): string | undefined {
	let rest = text;
	for (const s of echoed) rest = rest.split(s).join(' ');
	for (const [name, pattern] of LEAKS) {
		const m = pattern.exec(rest);
		if (m) return `${name} (${JSON.stringify(rest.slice(Math.max(0, m.index - 40), m.index + 60))})`;
	}
	return undefined;
}

/** A non-2xx answer: JSON `{ error: string }`, nothing internal in it. */
export function checkErrorBody(status: number, text: string, echoed: readonly string[]): string | undefined {
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return `a ${status} whose body is not JSON: ${JSON.stringify(text.slice(0, 200))}`;
	}
	if (!body || typeof body !== 'object' || typeof (body as { error?: unknown }).error !== 'string') {
		return `a ${status} whose body is not {error}: ${text.slice(0, 200)}`;
	}
	if ('stack' in body) return `a ${status} with a stack`;
	const leak = leakIn(text, echoed);
	return leak ? `a ${status} showing ${leak}` : undefined;
}

export type Row = Record<string, unknown>;

/** Columns of a row that break it down (dimensions and time dimensions, not measures). */
export function keyColumns(row: Row, measures: ReadonlySet<string>): string[] {
	return Object.keys(row)
		.filter((k) => !measures.has(k))
		.sort();
}

export function rowKey(row: Row, columns: readonly string[]): string {
	return JSON.stringify(columns.map((c) => (row[c] === undefined ? null : row[c])));
}

/**
 * Rows of an answer that describe fewer than k people (at least one): `people` maps each row key
 * (the answer's breakdown columns) to the people of each people measure.
 */
export function personLevelRows(
	rows: readonly Row[],
	columns: readonly string[],
	people: ReadonlyMap<string, Record<string, number>>,
	k: number,
): { row: Row; people: Record<string, number> }[] {
	const out: { row: Row; people: Record<string, number> }[] = [];
	for (const row of rows) {
		const counts = people.get(rowKey(row, columns));
		if (!counts) continue;
		if (Object.values(counts).some((n) => n >= 1 && n < k)) out.push({ row, people: counts });
	}
	return out;
}

/** Cells of public count measures from 1 to T − 1 (a shown small count). */
export function smallPublicCells(
	rows: readonly Row[],
	counts: ReadonlySet<string>,
	threshold: number,
): { row: number; member: string; value: unknown }[] {
	const out: { row: number; member: string; value: unknown }[] = [];
	rows.forEach((row, i) => {
		for (const [member, value] of Object.entries(row)) {
			if (!counts.has(member) || value === null || value === 'suppressed') continue;
			const n = Number(value);
			if (Number.isFinite(n) && n >= 1 && n < threshold) out.push({ row: i, member, value });
		}
	});
	return out;
}

/**
 * Province and regency values of a candidate-level answer outside the regional token's own
 * province (origin province members; regency codes are PP.RR). Provinces of institutions or
 * bodies (`*_province`) are not the candidates'.
 */
export function otherProvinceCells(rows: readonly Row[], province: string): { row: number; member: string; value: unknown }[] {
	const out: { row: number; member: string; value: unknown }[] = [];
	rows.forEach((row, i) => {
		for (const [column, value] of Object.entries(row)) {
			const [cube = '', short = ''] = column.split('.');
			if (cube === 'agencies' || cube === 'certification_capacity') continue;
			const isProvince = short === 'province' || column === 'provinces.code';
			const isRegency = column === 'regencies.code' || short === 'regency';
			if (isProvince && String(value) !== province) out.push({ row: i, member: column, value });
			if (isRegency && !String(value).startsWith(`${province}.`)) out.push({ row: i, member: column, value });
		}
	});
	return out;
}

/** Every member a query names (measures, dimensions, segments, time dimensions, filters, order). */
export function queryMembers(query: unknown): string[] {
	const names = new Set<string>();
	const q = (query ?? {}) as Query;
	const add = (m: unknown) => {
		if (typeof m === 'string') names.add(m.split('.').slice(0, 2).join('.'));
	};
	for (const key of ['measures', 'dimensions', 'segments']) if (Array.isArray(q[key])) for (const m of q[key] as unknown[]) add(m);
	if (Array.isArray(q.timeDimensions)) for (const td of q.timeDimensions as Query[]) add(td?.dimension);
	const walk = (f: unknown) => {
		if (!f || typeof f !== 'object') return;
		const g = f as Query;
		if (Array.isArray(g.and)) g.and.forEach(walk);
		else if (Array.isArray(g.or)) g.or.forEach(walk);
		else add(g.member ?? g.dimension);
	};
	if (Array.isArray(q.filters)) q.filters.forEach(walk);
	if (q.order && typeof q.order === 'object') {
		for (const key of Array.isArray(q.order) ? (q.order as unknown[][]).map((o) => o?.[0]) : Object.keys(q.order)) add(key);
	}
	return [...names];
}

/** Does a query ask for candidate-level detail (a candidate cube, or a regency-level member)? */
export function isCandidateDetail(query: unknown): boolean {
	return queryMembers(query).some((m) => (CANDIDATE_CUBES as readonly string[]).includes(m.split('.')[0] ?? '') || isRegencyMember(m));
}

/** Anything in a /meta body that is not public: cube names, member SQL. */
export function publicMetaViolations(body: unknown): string[] {
	const out: string[] = [];
	const cubes = (body as { cubes?: { name?: string; sql?: unknown; measures?: Query[]; dimensions?: Query[]; segments?: Query[] }[] })
		?.cubes;
	if (!Array.isArray(cubes)) return out;
	const notPublic = cubes.map((c) => String(c.name)).filter((n) => !isPublicMember(`${n}.x`));
	if (notPublic.length) out.push(`lists ${notPublic.length} non-public cubes (${notPublic.slice(0, 5).join(', ')}…)`);
	const withSql = cubes.flatMap((c) => [...(c.measures ?? []), ...(c.dimensions ?? []), ...(c.segments ?? [])]).filter((m) => 'sql' in m);
	if (withSql.length)
		out.push(`shows member SQL (${withSql.length} members, e.g. ${String(withSql[0]?.name)}: ${String(withSql[0]?.sql).slice(0, 60)})`);
	if (cubes.some((c) => 'sql' in c || 'sqlTable' in c)) out.push('shows cube SQL or tables');
	return out;
}
