import { requestLang, translator } from '$lib/i18n';
import { errorsOf, ignoredOf, loadNames, pageContext, runQueries, scopesOf, staticOptions } from '$lib/server/dashboard';
import { overviewQueries, quickWinYear, readOverview } from '$lib/server/pages/overview';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const page = await pageContext(locals.user, url);
	const queries = overviewQueries(page.filters, page.members, page.freshness.dataAsOf);
	const [names, byKey] = await Promise.all([loadNames(page.context, requestLang(url)), runQueries(queries, page.context)]);
	return {
		year: quickWinYear(page.filters),
		filters: page.filters,
		bounds: page.bounds,
		freshness: page.freshness,
		options: { ...names.options, ...staticOptions(translator(requestLang(url)) as never) },
		ignored: ignoredOf(queries),
		scope: scopesOf(queries, page.context, names.names.province, translator(requestLang(url))),
		errors: errorsOf(byKey),
		...readOverview(byKey, names.names),
	};
};
