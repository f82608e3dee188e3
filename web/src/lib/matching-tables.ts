/**
 * The long tables of /matching (by card id): a first view shows each one's first
 * MATCHING_FIRST_ROWS rows and how many it has; the rest come on request — `?all=<card>` renders
 * them in the page (without JavaScript), `/matching/rows?table=<card>` sends them as JSON (the
 * card's "show all" with JavaScript). Nationally they held most of the page (docs/performance.md).
 */
import { FILTER_DIMENSIONS } from './filters.ts';

export const MATCHING_LONG_TABLES = ['engine-markets', 'engine-fairness', 'plan-by-province', 'gap-cells'] as const;
export type MatchingLongTable = (typeof MATCHING_LONG_TABLES)[number];

/** Rows of a long table on a first view: a phone's screen of a table, the largest first. */
export const MATCHING_FIRST_ROWS = 10;

export function isMatchingLongTable(value: string): value is MatchingLongTable {
	return (MATCHING_LONG_TABLES as readonly string[]).includes(value);
}

/** The long tables a page URL asks to show whole (`?all=gap-cells,plan-by-province`); unknown names are ignored. */
export function tablesShownWhole(params: URLSearchParams): MatchingLongTable[] {
	return [...new Set((params.get('all') ?? '').split(','))].filter(isMatchingLongTable);
}

/** The page's URL parameters with one more table shown whole (the "show all" link without JavaScript). */
export function withTableWhole(params: URLSearchParams, table: MatchingLongTable): URLSearchParams {
	const next = new URLSearchParams(params);
	next.set('all', [...new Set([...tablesShownWhole(params), table])].sort().join(','));
	return next;
}

/** The parameters `/matching/rows` accepts: the table, the page's language and its filters. */
export const MATCHING_ROWS_PARAMS: readonly string[] = ['table', 'lang', 'from', 'to', ...FILTER_DIMENSIONS];

/** The address of one long table's rows for the page at `params` (its filters and language). */
export function matchingRowsUrl(table: MatchingLongTable, params: URLSearchParams): string {
	const next = new URLSearchParams({ table });
	for (const key of MATCHING_ROWS_PARAMS) {
		const value = params.get(key);
		if (key !== 'table' && value) next.set(key, value);
	}
	return `/matching/rows?${next.toString()}`;
}

/** One long table's rows for the page at `params`, as /matching/rows answers them. */
export async function fetchMatchingRows<R>(table: MatchingLongTable, params: URLSearchParams): Promise<R[]> {
	const answer = await fetch(matchingRowsUrl(table, params));
	if (!answer.ok) throw new Error(`/matching/rows answered ${answer.status}`);
	return ((await answer.json()) as { rows: R[] }).rows;
}
