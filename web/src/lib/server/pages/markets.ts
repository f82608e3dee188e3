/** The markets page (`/markets`): demand, placements and open slots by destination country. */
import { type Filters, monthEnd } from '../../filters.ts';
import type { Names } from '../dashboard.ts';
import { filtered, num, type QueryResults } from './query-kit.ts';

export const MARKET_METRICS = ['demand', 'placements', 'fill_rate', 'wage'] as const;
export type MarketMetric = (typeof MARKET_METRICS)[number];

export function marketsQueries(filters: Filters, members: ReadonlySet<string>) {
	return {
		demand: filtered(
			'markets.demand_by_country',
			'job_orders',
			filters,
			members,
			{
				measures: [
					'job_orders.demand_slots',
					'job_orders.applications',
					'job_orders.placements',
					'job_orders.fill_rate',
					'job_orders.avg_wage_usd',
				],
				dimensions: ['job_orders.country'],
				limit: 500,
			},
			'issued_date',
		),
		placements: filtered(
			'markets.placements_by_country',
			'placements',
			filters,
			members,
			{ measures: ['placements.placements', 'placements.medium_high_share'], dimensions: ['placements.country'], limit: 500 },
			'departure_date',
		),
		openSlots: filtered(
			'markets.open_slots_by_country',
			'open_slots',
			filters,
			members,
			{
				measures: ['open_slots.open_slots'],
				dimensions: ['open_slots.country'],
				timeDimensions: [{ dimension: 'open_slots.as_of', dateRange: [`${filters.to}-01`, monthEnd(filters.to)] }],
				limit: 500,
			},
			null,
		),
	};
}

type MarketsQuery = keyof ReturnType<typeof marketsQueries>;

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

/** The markets ranking, one row per country, sorted by `metric`, read from the page's queries' rows. */
export function readMarkets(results: QueryResults<MarketsQuery>, names: Names, metric: MarketMetric): MarketRow[] {
	const rows = new Map<string, MarketRow>();
	const row = (code: string): MarketRow => {
		let r = rows.get(code);
		if (!r) {
			r = {
				code,
				name: names.country[code] ?? code,
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
	return ranked;
}
