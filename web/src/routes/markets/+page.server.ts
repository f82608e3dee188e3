import { monthsBetween } from '$lib/filters';
import { requestLang, translator } from '$lib/i18n';
import { errorsOf, filterOptions, ignoredOf, loadNames, pageContext, runQueries, scopesOf, staticOptions } from '$lib/server/dashboard';
import { forecastMonths, marketsForecastQuery } from '$lib/server/forecast-queries';
import { MARKET_METRICS, type MarketMetric, marketsColumns, marketsQueries, readMarkets } from '$lib/server/pages/markets';
import { filtered, num } from '$lib/server/pages/query-kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const page = await pageContext(locals.user, url);
	const requested = url.searchParams.get('metric');
	const metric: MarketMetric = (MARKET_METRICS as readonly string[]).includes(requested ?? '') ? (requested as MarketMetric) : 'demand';
	const queries = marketsQueries(page.filters, page.members);
	// the monthly trend of demand and placements, continued by the forecast where one is stored for the filters
	const trendQueries = {
		demandTrend: filtered(
			'markets.demand_trend',
			'job_orders',
			page.filters,
			page.members,
			{ measures: ['job_orders.demand_slots'], timeDimensions: [{ dimension: 'job_orders.issued_date', granularity: 'month' }] },
			'issued_date',
		),
		placementTrend: filtered(
			'markets.placement_trend',
			'placements',
			page.filters,
			page.members,
			{ measures: ['placements.placements'], timeDimensions: [{ dimension: 'placements.departure_date', granularity: 'month' }] },
			'departure_date',
		),
	};
	const forecastQuery = marketsForecastQuery(page.filters, page.members);
	const [names, results, trend, forecast] = await Promise.all([
		loadNames(page.context, requestLang(url)),
		runQueries(queries, page.context),
		runQueries(trendQueries, page.context),
		forecastQuery.ignored.length ? null : runQueries({ forecast: forecastQuery }, page.context),
	]);
	const demandBy = new Map(
		trend.demandTrend.data.map((d) => [String(d['job_orders.issued_date.month']).slice(0, 7), num(d['job_orders.demand_slots'])]),
	);
	const placementsBy = new Map(
		trend.placementTrend.data.map((d) => [String(d['placements.departure_date.month']).slice(0, 7), num(d['placements.placements'])]),
	);
	return {
		metric,
		rows: readMarkets(results, names.names, metric),
		columns: marketsColumns(),
		filters: page.filters,
		bounds: page.bounds,
		freshness: page.freshness,
		options: filterOptions({ ...names.options, ...staticOptions(requestLang(url)) }),
		ignored: ignoredOf(queries),
		errors: errorsOf(results),
		scope: scopesOf(queries, page.context, names.names.province, translator(requestLang(url))),
		trend: monthsBetween(page.filters.from, page.filters.to).map((month) => ({
			month,
			demand: demandBy.get(month) ?? 0,
			placements: placementsBy.get(month) ?? 0,
		})),
		trendErrors: errorsOf(trend),
		trendIgnored: ignoredOf(trendQueries),
		trendScope: scopesOf(trendQueries, page.context, names.names.province, translator(requestLang(url))),
		forecast: forecastMonths(forecast?.forecast.data ?? [], page.filters.from),
		forecastLevel: forecastQuery.ignored.length ? null : forecastQuery.level,
		forecastIgnored: forecastQuery.ignored,
	};
};

export type { MarketRow } from '$lib/server/pages/markets';
