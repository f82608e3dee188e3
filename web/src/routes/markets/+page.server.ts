import { requestLang, translator } from '$lib/i18n';
import { errorsOf, ignoredOf, loadNames, num, pageContext, runQueries, scopesOf, staticOptions } from '$lib/server/dashboard';
import { MARKET_METRICS, type MarketMetric, marketsQueries } from '$lib/server/pages/markets';
import type { PageServerLoad } from './$types';

export interface MarketRow {
	code: string;
	name: string;
	demand: number | null;
	applications: number | null;
	/** departures in the period (placements cube, departure date) */
	placements: number | null;
	/** departures on the lines issued in the period: the fill rate's numerator (issued basis) */
	placementsOnLines: number | null;
	fillRate: number | null;
	wage: number | null;
	openSlots: number | null;
	mediumHighShare: number | null;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const page = await pageContext(locals.user, url);
	const requested = url.searchParams.get('metric');
	const metric: MarketMetric = (MARKET_METRICS as readonly string[]).includes(requested ?? '') ? (requested as MarketMetric) : 'demand';
	const queries = marketsQueries(page.filters, page.members);
	const [names, results] = await Promise.all([loadNames(page.context, requestLang(url)), runQueries(queries, page.context)]);

	const rows = new Map<string, MarketRow>();
	const row = (code: string): MarketRow => {
		let r = rows.get(code);
		if (!r) {
			r = {
				code,
				name: names.names.country[code] ?? code,
				demand: null,
				applications: null,
				placements: null,
				placementsOnLines: null,
				fillRate: null,
				wage: null,
				openSlots: null,
				mediumHighShare: null,
			};
			rows.set(code, r);
		}
		return r;
	};
	for (const d of results.demand.data) {
		const r = row(String(d['job_orders.country']));
		r.demand = num(d['job_orders.demand_slots']);
		r.applications = num(d['job_orders.applications']);
		r.placementsOnLines = num(d['job_orders.placements']);
		r.fillRate = num(d['job_orders.fill_rate']);
		r.wage = num(d['job_orders.avg_wage_usd']);
	}
	for (const p of results.placements.data) {
		const r = row(String(p['placements.country']));
		r.placements = num(p['placements.placements']);
		r.mediumHighShare = num(p['placements.medium_high_share']);
	}
	for (const o of results.openSlots.data) row(String(o['open_slots.country'])).openSlots = num(o['open_slots.open_slots']);

	const sortKey: Record<MarketMetric, keyof MarketRow> = {
		demand: 'demand',
		placements: 'placements',
		fill_rate: 'fillRate',
		wage: 'wage',
	};
	const ranked = [...rows.values()].sort(
		(a, b) => Number(b[sortKey[metric]] ?? -1) - Number(a[sortKey[metric]] ?? -1) || a.name.localeCompare(b.name),
	);
	return {
		metric,
		rows: ranked,
		filters: page.filters,
		bounds: page.bounds,
		freshness: page.freshness,
		options: { ...names.options, ...staticOptions(translator(requestLang(url)) as never) },
		ignored: ignoredOf(queries),
		errors: errorsOf(results),
		scope: scopesOf(queries, page.context, names.names.province, translator(requestLang(url))),
	};
};
