import { requestLang } from '$lib/i18n';
import { errorsOf, filterOptions, ignoredOf, loadNames, pageContext, runQueries, staticOptions } from '$lib/server/dashboard';
import { PROVINCE_METRICS, type ProvinceMetric, provincesQueries, readProvinces } from '$lib/server/pages/provinces';
import type { PageServerLoad } from './$types';

/** Provinces side by side: as many as the table and the trend stay readable with on a phone. */
const MAX_COMPARE = 6;

export const load: PageServerLoad = async ({ locals, url }) => {
	const page = await pageContext(locals.user, url);
	const requested = url.searchParams.get('metric');
	const metric: ProvinceMetric = (PROVINCE_METRICS as readonly string[]).includes(requested ?? '')
		? (requested as ProvinceMetric)
		: 'placements';
	const chosen = [
		...new Set(
			url.searchParams
				.getAll('compare')
				.flatMap((v) => v.split(','))
				.filter((c) => /^\d{2}$/.test(c)),
		),
	];
	// Over the limit, a regional head's own province is kept first; the page names what it left out.
	const own = locals.user?.province;
	const ordered = own && chosen.includes(own) ? [own, ...chosen.filter((c) => c !== own)] : chosen;
	const compare = ordered.slice(0, MAX_COMPARE);
	const dropped = ordered.slice(MAX_COMPARE);
	const queries = provincesQueries(page.filters, page.members, compare.length > 0 ? compare : ['00']);
	const [names, r] = await Promise.all([loadNames(page.context, requestLang(url)), runQueries(queries, page.context)]);
	const { granularity, rows, destinations, years, trend, columns } = readProvinces(r, names.names, compare, page.filters);
	return {
		metric,
		compare,
		dropped,
		own: own && chosen.includes(own) ? own : null,
		maxCompare: MAX_COMPARE,
		granularity,
		rows,
		destinations,
		years,
		trend,
		columns,
		filters: page.filters,
		bounds: page.bounds,
		freshness: page.freshness,
		options: filterOptions({ ...names.options, ...staticOptions(requestLang(url)) }),
		ignored: ignoredOf(queries),
		errors: errorsOf(r),
	};
};
