import { requestLang, translator } from '$lib/i18n';
import { tablesShownWhole } from '$lib/matching-tables';
import { errorsOf, filterOptions, ignoredOf, loadNames, pageContext, runQueries, scopesOf, staticOptions } from '$lib/server/dashboard';
import { ENGINE_MARKETS_TOP, firstRowsOf, matchingQueries, readMatching } from '$lib/server/pages/matching';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const page = await pageContext(locals.user, url);
	const queries = matchingQueries(page.filters, page.members);
	const [names, r] = await Promise.all([loadNames(page.context, requestLang(url)), runQueries(queries, page.context)]);
	return {
		filters: page.filters,
		bounds: page.bounds,
		freshness: page.freshness,
		options: filterOptions({ ...names.options, ...staticOptions(requestLang(url)) }),
		ignored: ignoredOf(queries),
		errors: errorsOf(r),
		scope: scopesOf(queries, page.context, names.names.province, translator(requestLang(url))),
		engineMarketsTop: ENGINE_MARKETS_TOP,
		// the long tables' first rows; the rest on request (/matching/rows, or ?all= without JavaScript)
		...firstRowsOf(readMatching(r, names.names), tablesShownWhole(url.searchParams)),
	};
};

export type { GapRow } from '$lib/server/pages/matching';
