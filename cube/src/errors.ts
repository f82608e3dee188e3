/**
 * Error hygiene in front of Cube's routes. Cube 0.33 puts stack traces into error bodies whatever
 * NODE_ENV says, and answers a `?query=` that is not JSON with a 500; users and the web app must
 * get a 4xx with a message instead, and no internals.
 */
import type { NextFunction, Request, Response } from 'express';

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
			if (res.statusCode >= 500) {
				console.error(`[cube] ${req.method} ${req.path} → ${res.statusCode}: ${String((body as { error: unknown }).error).slice(0, 500)}`);
				return json({ error: 'Internal error in the semantic layer; the details are in its log.' });
			}
			const { stack: _stack, plainError: _plain, ...rest } = body as Record<string, unknown>;
			return json(rest);
		}
		return json(body);
	};
	next();
}

export function notFound(req: Request, res: Response): void {
	res.status(404).json({ error: `Not found: ${req.method} ${req.path}` });
}
