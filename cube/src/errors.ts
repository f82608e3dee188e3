/**
 * Error hygiene in front of Cube's routes. Cube 0.33 puts stack traces into error bodies whatever
 * NODE_ENV says, answers a `?query=` that is not JSON with a 500, reads a date range like
 * "yesterdayish" as "yesterday", a too-large limit as an internal error, and pastes a query's time
 * zone into SQL; users and the web app must get a 4xx with a message instead, and no internals.
 * What a query may contain is decided in query-schema.ts.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Role } from './auth.ts';
import { checkDataRequest, RequestError } from './query-schema.ts';

export { RequestError };

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

const DATA_PATHS = new Set(['/cubejs-api/v1/load', '/cubejs-api/v1/sql', '/cubejs-api/v1/dry-run']);

/**
 * Checks what every request (any role) carries before Cube reads it: the query of a data request
 * against the allowlist (query-schema.ts); no parameters on /meta (`?extended` would add every
 * member's SQL); only UTC builds of pre-aggregations. Paths are canonical here (routes.ts).
 * @param roleOf the asker's role when the token is valid (Cube's checkAuth answers the others)
 */
export function queryChecks(rowLimit: number, roleOf: (req: Request) => Promise<Role | undefined>) {
	return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
		try {
			if (DATA_PATHS.has(req.path)) {
				checkDataRequest(req.method, req.query, req.body, { rowLimit, role: await roleOf(req) });
			} else if (req.path === '/cubejs-api/v1/meta') {
				for (const key of Object.keys(req.query)) {
					if (key === 'extended') throw new RequestError(400, 'Extended metadata ("extended", with member SQL) is not available');
					throw new RequestError(400, `/meta takes no parameters, not ${JSON.stringify(key)}`);
				}
			} else if (req.path === '/cubejs-api/v1/pre-aggregations/jobs') {
				const timezones = (req.body as { selector?: { timezones?: unknown } } | undefined)?.selector?.timezones;
				if (timezones !== undefined && !(Array.isArray(timezones) && timezones.every((t) => t === 'UTC'))) {
					throw new RequestError(400, 'Pre-aggregations are built for "timezones": ["UTC"] only');
				}
			}
		} catch (error) {
			if (!(error instanceof RequestError)) {
				next(error);
				return;
			}
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
