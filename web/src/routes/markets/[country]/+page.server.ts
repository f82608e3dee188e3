import { error } from '@sveltejs/kit';
import { monthsBetween } from '$lib/filters';
import { requestLang, translator } from '$lib/i18n';
import {
	dropFilterOfPlace,
	errorsOf,
	filterOptions,
	ignoredOf,
	loadNames,
	pageContext,
	runQueries,
	scopesOf,
	staticOptions,
	unknownPlace,
} from '$lib/server/dashboard';
import { countryForecastQuery, forecastMonths } from '$lib/server/forecast-queries';
import { countryQueries, readCountry } from '$lib/server/pages/country';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params, setHeaders }) => {
	const code = params.country.toUpperCase();
	if (!/^[A-Z]{2}$/.test(code)) error(404, 'Unknown country');
	dropFilterOfPlace(url, 'country');
	const page = await pageContext(locals.user, url);
	// The country of this page is a filter like any other: every query applies it.
	const filters = { ...page.filters, values: { ...page.filters.values, country: [code] } };
	const sector = filters.values.sector.length === 1 ? (filters.values.sector[0] ?? null) : null;
	const occupation = filters.values.occupation.length === 1 ? (filters.values.occupation[0] ?? null) : null;
	const { level, breakdown, queries } = countryQueries(filters, page.members, { sector, occupation });
	const forecastQuery = countryForecastQuery(filters, page.members, sector);
	const [names, r, f] = await Promise.all([
		loadNames(page.context, requestLang(url)),
		runQueries(queries, page.context),
		forecastQuery.ignored.length ? null : runQueries({ forecast: forecastQuery }, page.context),
	]);
	if (!names.names.country[code]) unknownPlace(names, 'countries', requestLang(url), setHeaders, `Unknown country ${code}`);
	return {
		code,
		name: names.names.country[code],
		level,
		breakdown,
		sector,
		sectorName: sector ? (names.names.sector[sector] ?? sector) : null,
		occupation,
		occupationName: occupation ? (names.names.occupation[occupation] ?? occupation) : null,
		filters: page.filters,
		bounds: page.bounds,
		freshness: page.freshness,
		options: filterOptions({ ...names.options, ...staticOptions(requestLang(url)) }),
		ignored: ignoredOf(queries),
		errors: errorsOf(r),
		scope: scopesOf(queries, page.context, names.names.province, translator(requestLang(url))),
		limits: { breakdown: queries.breakdown.query.limit ?? null, lines: queries.lines.query.limit ?? null },
		...readCountry(r, names.names, breakdown, monthsBetween(page.filters.from, page.filters.to)),
		// the forecast continuing the trend, when it applies to the filters (forecast-queries.ts)
		forecast: forecastMonths(f?.forecast.data ?? [], page.filters.from),
	};
};
