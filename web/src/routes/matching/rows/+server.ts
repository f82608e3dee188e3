/**
 * The rows of one long table of /matching beyond its first view (`?table=gap-cells`, with the
 * page's filters and language): the page's own queries and reading — the same answers of the
 * result cache, kept per data version and role scope, and the same Cube context, so a regional
 * head gets what their page shows and every number equals the page's. The hooks send anyone not
 * logged in to log in and officers to their own pages, as for /matching. Anything but the page's
 * parameters is refused with 400 and a message in both languages.
 */
import { json } from '@sveltejs/kit';
import { isValidFilterParam } from '$lib/filters';
import { isLang, type Lang, type MessageKey, translator } from '$lib/i18n';
import { isMatchingLongTable, MATCHING_LONG_TABLES, MATCHING_ROWS_PARAMS, type MatchingLongTable } from '$lib/matching-tables';
import { errorsOf, loadNames, pageContext, runQueries } from '$lib/server/dashboard';
import { longTableQuery, longTableRows, matchingQueries, readMatching } from '$lib/server/pages/matching';
import type { RequestHandler } from './$types';

const NO_STORE = { 'cache-control': 'private, no-store' };

/** What is wrong with the query string, as a message key and its values, or null. */
function problemOf(params: URLSearchParams): { key: MessageKey; values: Record<string, string> } | null {
	// shown back inside a JSON string only, and cut short
	const quoted = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
	const seen = new Set<string>();
	for (const [key, value] of params) {
		if (!MATCHING_ROWS_PARAMS.includes(key))
			return { key: 'matching.rowsUnknownParam', values: { key: quoted(key), accepted: MATCHING_ROWS_PARAMS.join(', ') } };
		if (seen.has(key)) return { key: 'matching.rowsRepeatedParam', values: { key: quoted(key) } };
		seen.add(key);
		const valid = key === 'table' ? isMatchingLongTable(value) : key === 'lang' ? isLang(value) : isValidFilterParam(key, value);
		if (!valid) return { key: 'matching.rowsBadValue', values: { key: quoted(key), value: quoted(value) } };
	}
	if (!seen.has('table')) return { key: 'matching.rowsNoTable', values: { tables: MATCHING_LONG_TABLES.join(', ') } };
	return null;
}

export const GET: RequestHandler = async ({ locals, url }) => {
	if (!locals.user) return json({ error: 'unauthorised' }, { status: 401, headers: NO_STORE });
	const problem = problemOf(url.searchParams);
	if (problem) {
		const say = (lang: Lang) =>
			Object.entries(problem.values).reduce((text, [name, value]) => text.replace(`{${name}}`, value), translator(lang)(problem.key));
		return json({ error: 'bad_request', message: { id: say('id'), en: say('en') } }, { status: 400, headers: NO_STORE });
	}
	const table = url.searchParams.get('table') as MatchingLongTable;
	const lang: Lang = url.searchParams.get('lang') === 'en' ? 'en' : 'id';
	const page = await pageContext(locals.user, url);
	const queries = matchingQueries(page.filters, page.members);
	const [names, r] = await Promise.all([loadNames(page.context, lang), runQueries(queries, page.context)]);
	const rows = longTableRows(readMatching(r, names.names), table);
	return json({ table, rows, total: rows.length, error: errorsOf(r)[longTableQuery(table)] }, { headers: NO_STORE });
};
