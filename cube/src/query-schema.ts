/**
 * What a request to the semantic layer may contain, checked field by field before Cube sees it,
 * for every role. Cube 0.33 validates queries loosely (any string as `timezone`, which its
 * ClickHouse SQL then pastes unescaped into `toTimeZone(…, '<timezone>')`; null and nested lists
 * as filter values; granularities we do not model) and guesses at what it does not understand;
 * here every key is on an allowlist and every value has a type and a range, so a query is either
 * one SLMI understands or a 400 naming the field. docs/access.md "Query validation" lists the rules.
 */
import type { Role } from './auth.ts';

/** A 4xx the request itself caused, with a message for whoever sent it. */
export class RequestError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

/** `cube.member`, snake_case as the model names them (docs/STYLE §3); nothing else reaches SQL. */
export const MEMBER = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;
/** Granularities of a time dimension; Cube's hour/minute/second are meaningless on calendar dates. */
export const GRANULARITIES = ['day', 'week', 'month', 'quarter', 'year'] as const;
/** Cube 0.33 reads a granularity suffix in `dimensions` (`cube.date.month`) without `quarter`. */
const SUFFIX_GRANULARITIES = ['day', 'week', 'month', 'year'] as const;
/**
 * Filter operators Cube 0.33 knows, less `measureFilter` (an internal operator that applies a
 * measure's own filters; no SLMI client needs it).
 */
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
] as const;
type Operator = (typeof FILTER_OPERATORS)[number];

/**
 * The keys a query may have. `timezone` must be "UTC": every SLMI date is a calendar date without
 * a time of day, so another zone would only shift days, and pre-aggregations are built in UTC.
 */
export const QUERY_KEYS = [
	'measures',
	'dimensions',
	'segments',
	'timeDimensions',
	'filters',
	'order',
	'limit',
	'offset',
	'total',
	'ungrouped',
	'timezone',
	'renewQuery',
	'responseFormat',
] as const;

/** Bounds on the size of one request; generous for the dashboard, small for a flood. */
export const BOUNDS = {
	/** queries in one request (queryType "multi" or an array) */
	queries: 50,
	/** members in measures, dimensions, segments or order */
	members: 50,
	timeDimensions: 5,
	/** filters in one query, counting those inside and/or groups */
	filters: 100,
	/** and/or groups inside and/or groups */
	filterDepth: 4,
	/** values of one filter (every regency of the country fits) */
	values: 1000,
	/** characters of one filter value */
	valueLength: 200,
	/** date ranges of a compareDateRange */
	compareRanges: 12,
} as const;

export interface QueryOptions {
	/** CUBEJS_DB_QUERY_LIMIT: the largest `limit` */
	rowLimit: number;
	/** the asker's role, when the token could be read; only `system` may renew a query */
	role?: Role;
}

function fail(message: string): never {
	throw new RequestError(400, message);
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A value for an error message: short plain values are echoed, anything else (quotes, brackets of
 * SQL, long text) is not, so an error never carries text that reads like SQL.
 */
function show(value: unknown): string {
	const text = JSON.stringify(value) ?? String(value);
	return text.length <= 60 && /^[\w .:/+,"[\]-]*$/.test(text) ? text : 'a value that is not allowed';
}

function checkKeys(object: Record<string, unknown>, allowed: readonly string[], where: string, what = 'key'): void {
	for (const key of Object.keys(object)) {
		if (!allowed.includes(key)) fail(`${where}: unknown ${what} ${show(key)} (allowed: ${allowed.join(', ')})`);
	}
}

function checkList(value: unknown, where: string, max: number): unknown[] {
	if (!Array.isArray(value)) fail(`${where} must be an array`);
	if (value.length > max) fail(`${where} has ${value.length} entries; at most ${max}`);
	return value;
}

function checkMember(value: unknown, where: string): string {
	if (typeof value !== 'string' || !MEMBER.test(value)) fail(`${where} must be a member name like "cube.member", not ${show(value)}`);
	return value;
}

function checkGranularity(value: unknown, where: string, allowed: readonly string[] = GRANULARITIES): void {
	if (typeof value !== 'string' || !allowed.includes(value))
		fail(`${where}: granularity must be one of ${allowed.join(', ')}, not ${show(value)}`);
}

/** A dimension, or a time dimension with a granularity suffix (`cube.date.month`). */
function checkDimension(value: unknown, where: string): void {
	if (typeof value === 'string') {
		const parts = value.split('.');
		if (parts.length === 3) {
			checkMember(`${parts[0]}.${parts[1]}`, where);
			checkGranularity(parts[2], where, SUFFIX_GRANULARITIES);
			return;
		}
	}
	checkMember(value, where);
}

const DAY = '\\d{4}-\\d{2}-\\d{2}';
const DATE = new RegExp(`^(${DAY})(T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?)?$`);
const UNIT = '(day|week|month|quarter|year)';
const RELATIVE = [
	/^(today|yesterday|tomorrow)$/,
	new RegExp(`^(this|last|next) ${UNIT}$`),
	new RegExp(`^(last|next) \\d{1,4} ${UNIT}s?$`),
	new RegExp(`^from (${DAY}) to (${DAY})$`),
];

function validDay(text: string): boolean {
	const match = DATE.exec(text);
	if (!match) return false;
	const [y, m, d] = match[1]!.split('-').map(Number) as [number, number, number];
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Accepts what Cube reads exactly: one or two ISO dates (from ≤ to), or one of the relative
 * ranges its parser knows. Anything else — which Cube would otherwise guess at — is refused.
 */
export function checkDateRange(range: unknown, where: string): void {
	const help = `${where}: a date range is [from, to] in YYYY-MM-DD, or one of "today", "yesterday", "this month", "last year", "last 7 days", "from 2024-01-01 to 2024-03-31"`;
	if (typeof range === 'string') {
		const text = range.trim().toLowerCase();
		const match = RELATIVE.find((r) => r.test(text));
		if (!match) fail(`${help}; not ${show(range)}`);
		const explicit = RELATIVE[3]!.exec(text);
		if (explicit && (!validDay(explicit[1]!) || !validDay(explicit[2]!) || explicit[1]! > explicit[2]!))
			fail(`${help}; not ${show(range)}`);
		return;
	}
	if (!Array.isArray(range) || range.length < 1 || range.length > 2 || !range.every((d) => typeof d === 'string' && validDay(d))) {
		fail(`${help}; not ${show(range)}`);
	}
	if (range.length === 2 && (range[0] as string).slice(0, 10) > (range[1] as string).slice(0, 10)) {
		fail(`${where}: the date range ends (${range[1]}) before it starts (${range[0]})`);
	}
}

function checkTimeDimension(value: unknown, where: string): void {
	if (!isObject(value)) fail(`${where} must be an object { dimension, granularity?, dateRange? }`);
	checkKeys(value, ['dimension', 'granularity', 'dateRange', 'compareDateRange'], where);
	checkMember(value.dimension, `${where}.dimension`);
	if (value.granularity !== undefined) checkGranularity(value.granularity, `${where}.granularity`);
	if (value.dateRange !== undefined && value.compareDateRange !== undefined) fail(`${where}: give dateRange or compareDateRange, not both`);
	if (value.dateRange !== undefined) checkDateRange(value.dateRange, `${where}.dateRange`);
	if (value.compareDateRange !== undefined) {
		const ranges = checkList(value.compareDateRange, `${where}.compareDateRange`, BOUNDS.compareRanges);
		ranges.forEach((range, j) => {
			checkDateRange(range, `${where}.compareDateRange[${j}]`);
		});
	}
}

function checkOrder(order: unknown, where: string): void {
	const direction = (value: unknown, here: string) => {
		if (value !== 'asc' && value !== 'desc') fail(`${here}: the direction must be "asc" or "desc", not ${show(value)}`);
	};
	if (isObject(order)) {
		const entries = Object.entries(order);
		if (entries.length > BOUNDS.members) fail(`${where} has ${entries.length} entries; at most ${BOUNDS.members}`);
		for (const [member, dir] of entries) {
			checkMember(member, `${where} key`);
			direction(dir, `${where} of ${member}`);
		}
		return;
	}
	if (!Array.isArray(order)) fail(`${where} must be an object { member: "asc" | "desc" } or a list of [member, "asc" | "desc"] pairs`);
	checkList(order, where, BOUNDS.members).forEach((pair, i) => {
		if (!Array.isArray(pair) || pair.length !== 2) fail(`${where}[${i}] must be a pair [member, "asc" | "desc"]`);
		checkMember(pair[0], `${where}[${i}][0]`);
		direction(pair[1], `${where}[${i}][1]`);
	});
}

const DATE_RANGE_OPERATORS: readonly Operator[] = ['inDateRange', 'notInDateRange', 'onTheDate'];
const ONE_DATE_OPERATORS: readonly Operator[] = ['beforeDate', 'beforeOrOnDate', 'afterDate', 'afterOrOnDate'];
const NUMBER_OPERATORS: readonly Operator[] = ['gt', 'gte', 'lt', 'lte'];
const NUMBER = /^-?\d{1,15}(\.\d{1,15})?$/;

function checkValues(values: unknown, operator: Operator, where: string): void {
	if (operator === 'set' || operator === 'notSet') {
		if (values !== undefined && !(Array.isArray(values) && values.length === 0)) fail(`${where}: "${operator}" takes no values`);
		return;
	}
	if (DATE_RANGE_OPERATORS.includes(operator)) {
		checkDateRange(values, `${where}.values`);
		return;
	}
	const list = checkList(values, `${where}.values`, BOUNDS.values);
	if (list.length === 0) fail(`${where}: "${operator}" needs at least one value`);
	list.forEach((value, i) => {
		const here = `${where}.values[${i}]`;
		if (typeof value === 'number') {
			if (!Number.isFinite(value)) fail(`${here} must be a finite number`);
		} else if (typeof value !== 'string') fail(`${here} must be a string or a number, not ${show(value)}`);
		else if (value.length > BOUNDS.valueLength) fail(`${here} is longer than ${BOUNDS.valueLength} characters`);
	});
	if (ONE_DATE_OPERATORS.includes(operator)) {
		if (list.length !== 1 || typeof list[0] !== 'string' || !validDay(list[0])) fail(`${where}: "${operator}" takes one date (YYYY-MM-DD)`);
	}
	if (NUMBER_OPERATORS.includes(operator)) {
		if (list.length !== 1 || !(typeof list[0] === 'number' || NUMBER.test(String(list[0]))))
			fail(`${where}: "${operator}" takes one number`);
	}
}

function checkFilters(filters: unknown, where: string, depth: number, count: { n: number }): void {
	checkList(filters, where, BOUNDS.filters).forEach((filter, i) => {
		const here = `${where}[${i}]`;
		if (!isObject(filter)) fail(`${here} must be an object`);
		if (++count.n > BOUNDS.filters) fail(`${here}: a query has at most ${BOUNDS.filters} filters`);
		if ('and' in filter || 'or' in filter) {
			checkKeys(filter, ['and', 'or'], here);
			if ('and' in filter && 'or' in filter) fail(`${here}: a group is either "and" or "or", not both`);
			if (depth >= BOUNDS.filterDepth) fail(`${here}: and/or groups nest at most ${BOUNDS.filterDepth} deep`);
			const key = 'and' in filter ? 'and' : 'or';
			checkFilters(filter[key], `${here}.${key}`, depth + 1, count);
			return;
		}
		checkKeys(filter, ['member', 'dimension', 'operator', 'values'], here);
		if ((filter.member === undefined) === (filter.dimension === undefined)) fail(`${here}: name the filtered member in "member"`);
		checkMember(filter.member ?? filter.dimension, `${here}.member`);
		const operator = filter.operator;
		if (typeof operator !== 'string' || !(FILTER_OPERATORS as readonly string[]).includes(operator)) {
			fail(`${here}: unknown filter operator ${show(operator)} (use one of ${FILTER_OPERATORS.join(', ')})`);
		}
		checkValues(filter.values, operator as Operator, here);
	});
}

/** One query object (not a list). */
function checkOneQuery(query: unknown, options: QueryOptions, where: string): void {
	if (!isObject(query)) fail(`${where} must be a JSON object`);
	checkKeys(query, QUERY_KEYS, where);
	const q = query;
	for (const key of ['measures', 'segments'] as const) {
		if (q[key] !== undefined)
			checkList(q[key], `${where}: "${key}"`, BOUNDS.members).forEach((m, i) => {
				checkMember(m, `${where}: "${key}[${i}]"`);
			});
	}
	if (q.dimensions !== undefined)
		checkList(q.dimensions, `${where}: "dimensions"`, BOUNDS.members).forEach((d, i) => {
			checkDimension(d, `${where}: "dimensions[${i}]"`);
		});
	if (q.timeDimensions !== undefined)
		checkList(q.timeDimensions, `${where}: "timeDimensions"`, BOUNDS.timeDimensions).forEach((td, i) => {
			checkTimeDimension(td, `${where}.timeDimensions[${i}]`);
		});
	if (q.filters !== undefined) checkFilters(q.filters, `${where}.filters`, 0, { n: 0 });
	if (q.order !== undefined) checkOrder(q.order, `${where}: "order"`);
	if (q.limit !== undefined && (!Number.isInteger(q.limit) || (q.limit as number) < 1 || (q.limit as number) > options.rowLimit)) {
		fail(`${where}: "limit" must be a whole number from 1 to ${options.rowLimit}, not ${show(q.limit)}`);
	}
	if (q.offset !== undefined && (!Number.isSafeInteger(q.offset) || (q.offset as number) < 0)) {
		fail(`${where}: "offset" must be a whole number from 0, not ${show(q.offset)}`);
	}
	for (const key of ['total', 'ungrouped', 'renewQuery'] as const) {
		if (q[key] !== undefined && typeof q[key] !== 'boolean') fail(`${where}: "${key}" must be true or false, not ${show(q[key])}`);
	}
	// A renewed query skips Cube's cache and goes to the warehouse every time: a lever for a flood.
	if (q.renewQuery === true && options.role !== 'system') fail(`${where}: "renewQuery" is for the loader only`);
	if (q.timezone !== undefined && q.timezone !== 'UTC') {
		fail(`${where}: "timezone" must be "UTC" or left out (SLMI dates are calendar dates), not ${show(q.timezone)}`);
	}
	if (q.responseFormat !== undefined && q.responseFormat !== 'default' && q.responseFormat !== 'compact') {
		fail(`${where}: "responseFormat" must be "default" or "compact", not ${show(q.responseFormat)}`);
	}
}

/**
 * Checks a query, or a list of queries (a blended or `queryType: "multi"` request).
 * @throws RequestError 400 naming the first field that is not allowed
 */
export function checkQuery(query: unknown, options: QueryOptions, where = 'query'): void {
	if (Array.isArray(query)) {
		if (query.length === 0) fail(`${where} is an empty list`);
		if (query.length > BOUNDS.queries) fail(`${where}: at most ${BOUNDS.queries} queries in one request, not ${query.length}`);
		query.forEach((q, i) => {
			if (Array.isArray(q)) fail(`${where}[${i}] must be a JSON object`);
			checkOneQuery(q, options, `${where}[${i}]`);
		});
		return;
	}
	checkOneQuery(query, options, where);
}

/** What a data request (/load, /sql, /dry-run) may carry besides the query: GET parameters or a POST body. */
const REQUEST_KEYS = ['query', 'queryType'] as const;

/**
 * The query of a data request, parsed and checked: `?query=<JSON>&queryType=multi` (GET) or a
 * JSON body `{ query, queryType? }` (POST); nothing else.
 * @throws RequestError 400 naming what is not allowed
 */
export function checkDataRequest(method: string, parameters: Record<string, unknown>, body: unknown, options: QueryOptions): unknown {
	let fields: Record<string, unknown>;
	if (method === 'GET') {
		fields = parameters;
	} else {
		checkKeys(parameters, [], 'The request', 'URL parameter');
		if (!isObject(body)) fail('The request body must be a JSON object { "query": … }');
		fields = body;
	}
	checkKeys(fields, REQUEST_KEYS, 'The request', 'request parameter');
	if (fields.queryType !== undefined && fields.queryType !== 'multi')
		fail(`"queryType" must be "multi" or left out, not ${show(fields.queryType)}`);
	let query = fields.query;
	if (query === undefined) fail('The request has no query (send ?query=<JSON> or a JSON body { "query": … })');
	if (typeof query === 'string') {
		try {
			query = JSON.parse(query);
		} catch {
			fail('The query parameter is not valid JSON');
		}
	} else if (method === 'GET') {
		fail('The query parameter must be given once, as JSON');
	}
	checkQuery(query, options);
	if (Array.isArray(query) && query.length > 1) checkBlending(query);
	return query;
}

/**
 * Cube 0.33 treats every list of queries as a data-blending query (api-gateway
 * `getNormalizedQueries`; `queryType: "multi"` only shapes the answer): it merges the answers on
 * the first time dimension's granularity and fails with a 500 (a TypeError in its
 * `getBlendingQueryKey`) when a query has none. Each query of a longer list needs one, the same in
 * all; a list of one query is answered as that query.
 */
function checkBlending(queries: unknown[]): void {
	const granularities = queries.map((q) => {
		const first = isObject(q) && Array.isArray(q.timeDimensions) ? q.timeDimensions[0] : undefined;
		return isObject(first) && typeof first.granularity === 'string' ? first.granularity : null;
	});
	if (granularities.some((g) => g === null) || new Set(granularities).size !== 1) {
		fail(
			'A list of queries is a blended query: each needs a first time dimension with the same granularity (send other queries one at a time)',
		);
	}
}
