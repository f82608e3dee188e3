import { requestLang, translator } from '$lib/i18n';
import { errorsOf, ignoredOf, loadNames, num, pageContext, runQueries, scopesOf, staticOptions } from '$lib/server/dashboard';
import { OVERVIEW_TILES, overviewQueries, quickWinYear } from '$lib/server/pages/overview';
import { readTiles, tileLabels } from '$lib/server/pages/query-kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const page = await pageContext(locals.user, url);
	const queries = overviewQueries(page.filters, page.members, page.freshness.dataAsOf);
	const [names, byKey] = await Promise.all([loadNames(page.context, requestLang(url)), runQueries(queries, page.context)]);
	const first = (key: keyof typeof queries) => byKey[key].data[0] ?? {};

	const qw = first('quickWin');
	return {
		year: quickWinYear(page.filters),
		filters: page.filters,
		bounds: page.bounds,
		freshness: page.freshness,
		options: { ...names.options, ...staticOptions(translator(requestLang(url)) as never) },
		ignored: ignoredOf(queries),
		scope: scopesOf(queries, page.context, names.names.province, translator(requestLang(url))),
		errors: errorsOf(byKey),
		labels: tileLabels(OVERVIEW_TILES),
		kpi: {
			...readTiles(OVERVIEW_TILES, byKey),
			target: num(qw['quick_win.target']),
			achieved: num(qw['quick_win.achieved']),
			forecast: num(qw['quick_win.forecast']),
			forecastLow: num(qw['quick_win.forecast_low']),
			forecastHigh: num(qw['quick_win.forecast_high']),
			paceNeededPerDay: num(qw['quick_win.pace_needed_per_day']),
			remaining: num(qw['quick_win.remaining']),
			monthsToGo: num(qw['quick_win.months_to_go']),
			daysToGo: num(qw['quick_win.days_to_go']),
			quickWinAsOf: qw['quick_win.as_of'] ? String(qw['quick_win.as_of']).slice(0, 10) : null,
			paceSoFar: num(qw['quick_win.pace_so_far_per_month']),
			forecastMethod: qw['quick_win.forecast_method'] ? String(qw['quick_win.forecast_method']) : null,
		},
		monthly: byKey.quickWinMonthly.data.map((r) => ({
			month: Number(r['quick_win.month_number']),
			inMonth: num(r['quick_win.medium_high_in_month']),
			cumulative: num(r['quick_win.cumulative_achieved']),
			path: num(r['quick_win.seasonal_path']),
			projected: num(r['quick_win.projected_cumulative']),
			projectedLow: num(r['quick_win.projected_low']),
			projectedHigh: num(r['quick_win.projected_high']),
		})),
		topCountries: byKey.topCountries.data.map((r) => ({
			code: String(r['placements.country']),
			name: names.names.country[String(r['placements.country'])] ?? String(r['placements.country']),
			placements: num(r['placements.placements']),
		})),
		topProvinces: byKey.topProvinces.data.map((r) => ({
			code: String(r['placements.province']),
			name: names.names.province[String(r['placements.province'])] ?? String(r['placements.province']),
			placements: num(r['placements.placements']),
		})),
		unfilled: byKey.unfilledMarkets.data.map((r) => ({
			code: String(r['competency_gap.country']),
			name: names.names.country[String(r['competency_gap.country'])] ?? String(r['competency_gap.country']),
			openSlots: num(r['competency_gap.open_slots']),
			qualified: num(r['competency_gap.qualified_supply']),
			gap: num(r['competency_gap.gap']),
		})),
	};
};
