import { requestLang, translator } from '$lib/i18n';
import { errorsOf, ignoredOf, loadNames, pageContext, runQueries, scopesOf, staticOptions } from '$lib/server/dashboard';
import { MARKET_METRICS, type MarketMetric, marketsColumns, marketsQueries, readMarkets } from '$lib/server/pages/markets';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const page = await pageContext(locals.user, url);
	const requested = url.searchParams.get('metric');
	const metric: MarketMetric = (MARKET_METRICS as readonly string[]).includes(requested ?? '') ? (requested as MarketMetric) : 'demand';
	const queries = marketsQueries(page.filters, page.members);
	const [names, results] = await Promise.all([loadNames(page.context, requestLang(url)), runQueries(queries, page.context)]);
	return {
		metric,
		rows: readMarkets(results, names.names, metric),
		columns: marketsColumns(),
		filters: page.filters,
		bounds: page.bounds,
		freshness: page.freshness,
		options: { ...names.options, ...staticOptions(translator(requestLang(url)) as never) },
		ignored: ignoredOf(queries),
		errors: errorsOf(results),
		scope: scopesOf(queries, page.context, names.names.province, translator(requestLang(url))),
	};
};

export type { MarketRow } from '$lib/server/pages/markets';
