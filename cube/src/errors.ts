/**
 * Error hygiene in front of Cube's routes. Cube 0.33 puts stack traces into error bodies whatever
 * NODE_ENV says, answers a `?query=` that is not JSON with a 500, reads a date range like
 * "yesterdayish" as "yesterday" and a too-large limit as an internal error; users and the web app
 * must get a 4xx with a message instead, and no internals.
 */
import type { NextFunction, Request, Response } from 'express';

/** Cube's filter operators (api-gateway query.js). */
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

/** A 4xx the request itself caused, with a message for whoever sent it. */
export class RequestError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
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
		if (!match) throw new RequestError(400, `${help}; not "${range}"`);
		const explicit = RELATIVE[3]!.exec(text);
		if (explicit && (!validDay(explicit[1]!) || !validDay(explicit[2]!) || explicit[1]! > explicit[2]!)) {
			throw new RequestError(400, `${help}; not "${range}"`);
		}
		return;
	}
	if (!Array.isArray(range) || range.length < 1 || range.length > 2 || !range.every((d) => typeof d === 'string' && validDay(d))) {
		throw new RequestError(400, `${help}; not ${JSON.stringify(range)}`);
	}
	if (range.length === 2 && (range[0] as string).slice(0, 10) > (range[1] as string).slice(0, 10)) {
		throw new RequestError(400, `${where}: the date range ends (${range[1]}) before it starts (${range[0]})`);
	}
}

function checkFilters(filters: unknown, where: string): void {
	if (filters === undefined) return;
	if (!Array.isArray(filters)) throw new RequestError(400, `${where}: "filters" must be a list`);
	filters.forEach((filter, i) => {
		const here = `${where}.filters[${i}]`;
		if (!filter || typeof filter !== 'object') throw new RequestError(400, `${here} must be an object`);
		const f = filter as Record<string, unknown>;
		if ('and' in f || 'or' in f) {
			checkFilters(f.and ?? f.or, here);
			return;
		}
		if (typeof f.operator !== 'string' || !(FILTER_OPERATORS as readonly string[]).includes(f.operator)) {
			throw new RequestError(
				400,
				`${here}: unknown filter operator ${JSON.stringify(f.operator)} (use one of ${FILTER_OPERATORS.join(', ')})`,
			);
		}
		if (['inDateRange', 'notInDateRange'].includes(f.operator)) checkDateRange(f.values, here);
	});
}

/** What can be checked before Cube sees a query; the rest (unknown members, …) Cube reports itself. */
export function checkQuery(query: unknown, limit: number, where = 'query'): void {
	if (Array.isArray(query)) {
		query.forEach((q, i) => {
			checkQuery(q, limit, `${where}[${i}]`);
		});
		return;
	}
	if (!query || typeof query !== 'object') throw new RequestError(400, `${where} must be a JSON object`);
	const q = query as Record<string, unknown>;
	if (q.limit !== undefined && (!Number.isInteger(q.limit) || (q.limit as number) < 1 || (q.limit as number) > limit)) {
		throw new RequestError(400, `${where}: "limit" must be a whole number from 1 to ${limit}, not ${JSON.stringify(q.limit)}`);
	}
	if (q.offset !== undefined && (!Number.isInteger(q.offset) || (q.offset as number) < 0)) {
		throw new RequestError(400, `${where}: "offset" must be a whole number from 0`);
	}
	if (q.timeDimensions !== undefined) {
		if (!Array.isArray(q.timeDimensions)) throw new RequestError(400, `${where}: "timeDimensions" must be a list`);
		q.timeDimensions.forEach((td: unknown, i: number) => {
			const t = (td ?? {}) as Record<string, unknown>;
			if (t.dateRange !== undefined) checkDateRange(t.dateRange, `${where}.timeDimensions[${i}]`);
			if (Array.isArray(t.compareDateRange)) {
				t.compareDateRange.forEach((r: unknown, j: number) => {
					checkDateRange(r, `${where}.timeDimensions[${i}].compareDateRange[${j}]`);
				});
			}
		});
	}
	checkFilters(q.filters, where);
}

/** The query a data request carries: `?query=` (GET) or `{ query }` (POST), parsed; undefined if none. */
export function requestQuery(req: Request): unknown {
	const raw = req.method === 'GET' ? req.query.query : (req.body as { query?: unknown } | undefined)?.query;
	if (typeof raw !== 'string') return raw;
	try {
		return JSON.parse(raw);
	} catch {
		throw new RequestError(400, 'The query parameter is not valid JSON');
	}
}

const DATA_PATHS = /^\/cubejs-api\/v1\/(load|sql|dry-run|subscribe)$/;

/** Checks the query of every data request (any role) before Cube reads it. */
export function queryChecks(limit: number) {
	return (req: Request, res: Response, next: NextFunction): void => {
		if (!DATA_PATHS.test(req.path)) {
			next();
			return;
		}
		try {
			const query = requestQuery(req);
			if (query !== undefined) checkQuery(query, limit);
		} catch (error) {
			if (!(error instanceof RequestError)) throw error;
			res.status(error.status).json({ error: error.message });
			return;
		}
		next();
	};
}

// The warehouse's own error text names tables and columns: it goes to the log, not to users.
const WAREHOUSE_ERROR = /Query failed|Code: \d+|DB::Exception|ClickHouse/i;

export function errorHygiene(req: Request, res: Response, next: NextFunction): void {
	const raw = req.query.query;
	if (typeof raw === 'string') {
		try {
			JSON.parse(raw);
		} catch {
			res.status(400).json({ error: 'The query parameter is not valid JSON' });
			return;
		}
	}
	const json = res.json.bind(res);
	res.json = (body: unknown) => {
		if (body && typeof body === 'object' && 'error' in body) {
			const message = String((body as { error: unknown }).error);
			if (res.statusCode >= 500) {
				console.error(`[cube] ${req.method} ${req.path} → ${res.statusCode}: ${message.slice(0, 500)}`);
				return json({ error: 'Internal error in the semantic layer; the details are in its log.' });
			}
			if (WAREHOUSE_ERROR.test(message)) {
				console.error(`[cube] ${req.method} ${req.path} → ${res.statusCode}: ${message.slice(0, 500)}`);
				return json({ error: 'The warehouse could not answer this query; the details are in the semantic layer log.' });
			}
			const { stack: _stack, plainError: _plain, requestId: _id, ...rest } = body as Record<string, unknown>;
			return json(rest);
		}
		return json(body);
	};
	next();
}

export function notFound(req: Request, res: Response): void {
	res.status(404).json({ error: `Not found: ${req.method} ${req.path}` });
}

/** Last in the chain: a body that is not JSON is the sender's error; anything else is ours. */
export function errorResponse(error: unknown, req: Request, res: Response, _next: NextFunction): void {
	if (res.headersSent) return;
	const e = error as { type?: string; status?: number; message?: string };
	if (e?.type === 'entity.parse.failed') {
		res.status(400).json({ error: 'The request body is not valid JSON' });
		return;
	}
	if (e?.type === 'entity.too.large') {
		res.status(413).json({ error: 'The request body is too large' });
		return;
	}
	if (error instanceof RequestError) {
		res.status(error.status).json({ error: error.message });
		return;
	}
	console.error(`[cube] ${req.method} ${req.path} failed: ${e?.message ?? String(error)}`);
	res.status(500).json({ error: 'Internal error in the semantic layer; the details are in its log.' });
}
