/**
 * Cube 0.33's gateway normalises every query twice per /load (`normalizeQuery` in api-gateway's
 * query.js: before queryRewrite and again after it), and each time validates it against its joi
 * schema: ≈ 15 % of Cube's CPU per warm /load (docs/performance.md, "Cube per-request overhead"),
 * the largest single part, though a dashboard asks the same few hundred queries again and again.
 * The normalised query depends only on the query, on `persistent`, on Cube's query limits (read from
 * the environment, fixed for the process) and, for a relative date range (`"last 7 days"`), on the
 * clock. So the normalisation of a query without a relative date range is kept (by its JSON) and
 * each request gets its own copy of it; a query Cube refuses is refused by Cube again every time.
 */
import { createRequire } from 'node:module';

export type NormalizeQuery = (query: Record<string, unknown>, persistent?: boolean) => Record<string, unknown>;

/** How many normalised queries are kept: far more than the dashboard's distinct queries. */
export const KEPT_QUERIES = 2_000;

/** A relative date range or a comparison: its normalisation depends on today's date, so it is not kept. */
function dependsOnTheClock(query: Record<string, unknown>): boolean {
	const timeDimensions = query.timeDimensions;
	if (!Array.isArray(timeDimensions)) return false;
	return timeDimensions.some(
		(td) =>
			typeof td !== 'object' || td === null || typeof (td as { dateRange?: unknown }).dateRange === 'string' || 'compareDateRange' in td,
	);
}

/** `normalize` with its answers kept per query (by JSON) and `persistent`, each caller getting a copy. */
export function memoizeNormalizeQuery(normalize: NormalizeQuery, kept = KEPT_QUERIES): NormalizeQuery {
	const answers = new Map<string, Record<string, unknown>>();
	return (query, persistent) => {
		if (typeof query !== 'object' || query === null || dependsOnTheClock(query)) return normalize(query, persistent);
		let key: string;
		try {
			key = `${persistent ? 1 : 0}${JSON.stringify(query)}`;
		} catch {
			return normalize(query, persistent);
		}
		let answer = answers.get(key);
		if (!answer) {
			// refused queries throw here, every time
			answer = structuredClone(normalize(query, persistent));
			if (answers.size >= kept) answers.delete(answers.keys().next().value as string);
			answers.set(key, answer);
		}
		return structuredClone(answer);
	};
}

/** The query.js module Cube's gateway calls `normalizeQuery` through. */
export function cubeQueryModule(): { normalizeQuery: NormalizeQuery } {
	const requireFromGateway = createRequire(createRequire(import.meta.url).resolve('@cubejs-backend/api-gateway'));
	return requireFromGateway('./query') as { normalizeQuery: NormalizeQuery };
}

/**
 * Replaces the `normalizeQuery` of Cube 0.33.65's api-gateway with the kept one. The gateway calls
 * it as `(0, query_1.normalizeQuery)(…)`, reading the module's export at each call; after an
 * upgrade, check that it still does and that the function still depends only on these inputs (the
 * test beside this file compares the kept answers with Cube's own).
 */
export function memoizeCubeNormalizeQuery(module = cubeQueryModule()): void {
	if (typeof module.normalizeQuery !== 'function') throw new Error("Cube's api-gateway has no normalizeQuery: check normalize-query.ts");
	module.normalizeQuery = memoizeNormalizeQuery(module.normalizeQuery);
}
