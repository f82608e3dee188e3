/**
 * The semantic layer's HTTP surface: exactly the routes SLMI uses, each spelled one way. Express
 * matches routes case-insensitively and forgives a trailing slash, while the access checks
 * compared paths exactly, so `/Cubejs-api/v1/meta?extended` reached Cube's route past the public
 * gate. Every request whose method and raw path (as sent, before any decoding) is not one of these
 * answers 404 before any other middleware runs, so every later decision sees canonical paths only.
 */
import type { NextFunction, Request, Response } from 'express';

/**
 * Cube 0.33 also mounts /readyz, /livez, /, /cubejs-api/graphql, /v1/subscribe,
 * /v1/run-scheduled-refresh, /v1/pre-aggregations/can-use and, with a playground secret,
 * /cubejs-system/…: nothing in SLMI uses them.
 */
export const ROUTES: ReadonlySet<string> = new Set([
	'GET /cubejs-api/v1/load',
	'POST /cubejs-api/v1/load',
	'GET /cubejs-api/v1/sql',
	'POST /cubejs-api/v1/sql',
	'GET /cubejs-api/v1/dry-run',
	'POST /cubejs-api/v1/dry-run',
	'GET /cubejs-api/v1/meta',
	// the loader's pre-aggregation builds (cube/src/refresh.ts); Cube allows it to the system role only
	'POST /cubejs-api/v1/pre-aggregations/jobs',
]);

/** The path of a request target as it was sent: no decoding, no dot-segment or slash clean-up. */
export function rawPath(originalUrl: string): string {
	const end = originalUrl.search(/[?#]/);
	return end === -1 ? originalUrl : originalUrl.slice(0, end);
}

export function isRoute(method: string, originalUrl: string): boolean {
	return ROUTES.has(`${method} ${rawPath(originalUrl)}`);
}

/** First in the chain: anything but a known route is a JSON 404 that reaches no handler. */
export function exactRoutes(req: Request, res: Response, next: NextFunction): void {
	if (isRoute(req.method, req.originalUrl)) {
		next();
		return;
	}
	res.status(404).json({ error: `Not found: ${req.method} ${rawPath(req.originalUrl).slice(0, 200)}` });
}
