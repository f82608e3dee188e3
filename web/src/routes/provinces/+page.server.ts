import { monthsBetween } from '$lib/filters';
import { requestLang, translator } from '$lib/i18n';
import { errorsOf, ignoredOf, loadNames, num, pageContext, runQueries, staticOptions } from '$lib/server/dashboard';
import { compareTrendGranularity, PROVINCE_METRICS, type ProvinceMetric, provincesQueries } from '$lib/server/pages/provinces';
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
	const rates = new Map(r.rates.data.map((d) => [String(d['province_rates.province']), d]));
	const rows = Object.entries(names.names.province)
		.map(([code, name]) => {
			const p = r.placements.data.find((d) => String(d['placements.province']) === code);
			const rate = rates.get(code);
			return {
				code,
				name,
				placements: num(p?.['placements.placements']) ?? 0,
				perCapita: num(rate?.['province_rates.placements_per_100k']),
				candidates: num(rate?.['province_rates.candidates']),
				candidatesPerCapita: num(rate?.['province_rates.candidates_per_100k']),
				mediumHighShare: num(p?.['placements.medium_high_share']),
				femaleShare: num(p?.['placements.female_share']),
			};
		})
		.sort((a, b) => b.placements - a.placements || a.name.localeCompare(b.name));
	const destinations = compare.map((code) => ({
		code,
		top: r.compareDestinations.data
			.filter((d) => String(d['placements.province']) === code)
			.slice(0, 5)
			.map((d) => ({
				country: names.names.country[String(d['placements.country'])] ?? String(d['placements.country']),
				placements: num(d['placements.placements']),
			})),
	}));
	const granularity = compareTrendGranularity(page.filters);
	const periodKey = `province_rates.month.${granularity}`;
	const periodOf = (d: Record<string, unknown>) => String(d[periodKey]).slice(0, granularity === 'month' ? 7 : 4);
	// Every month of a short period is on the axis (a month without data is a gap, not a missing label).
	const years =
		granularity === 'month' ? monthsBetween(page.filters.from, page.filters.to) : [...new Set(r.compareTrend.data.map(periodOf))].sort();
	const trend = compare.map((code) => ({
		code,
		values: years.map((y) =>
			num(
				r.compareTrend.data.find((d) => String(d['province_rates.province']) === code && periodOf(d) === y)?.[
					'province_rates.placements_per_100k'
				],
			),
		),
	}));
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
		filters: page.filters,
		bounds: page.bounds,
		freshness: page.freshness,
		options: { ...names.options, ...staticOptions(translator(requestLang(url)) as never) },
		ignored: ignoredOf(queries),
		errors: errorsOf(r),
	};
};
