import { requestLang, translator } from '$lib/i18n';
import { errorsOf, filterOptions, ignoredOf, loadNames, pageContext, runQueries, scopesOf, staticOptions } from '$lib/server/dashboard';
import { overviewQueries, quickWinYear, readOverview } from '$lib/server/pages/overview';
import { parseWhatIf, whatIf } from '$lib/what-if';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const page = await pageContext(locals.user, url);
	const queries = overviewQueries(page.filters, page.members, page.freshness.dataAsOf);
	const [names, byKey] = await Promise.all([loadNames(page.context, requestLang(url)), runQueries(queries, page.context)]);
	const overview = readOverview(byKey, names.names);
	// the what-if (minister and directors): N more placements a month on the stored projection
	const whatIfAllowed = locals.user?.role === 'minister' || locals.user?.role === 'director';
	const whatIfInput = parseWhatIf(url.searchParams.get('whatif'));
	return {
		year: quickWinYear(page.filters),
		whatIf: whatIfAllowed
			? {
					input: url.searchParams.get('whatif') ?? '',
					invalid: whatIfInput.invalid,
					result: whatIfInput.value === null ? null : whatIf(overview.kpi, whatIfInput.value),
				}
			: null,
		filters: page.filters,
		bounds: page.bounds,
		freshness: page.freshness,
		options: filterOptions({ ...names.options, ...staticOptions(requestLang(url)) }),
		ignored: ignoredOf(queries),
		scope: scopesOf(queries, page.context, names.names.province, translator(requestLang(url))),
		errors: errorsOf(byKey),
		...overview,
	};
};
