/** The markets page (`/markets`): demand, placements and open slots by destination country. */
import { type Filters, monthEnd } from '../../filters.ts';
import type { Names } from '../dashboard.ts';
import { type Column, columnLabels, filtered, fromQuery, type QueryResults, readColumns } from './query-kit.ts';

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

/**
 * The markets ranking's columns (and the map's metrics), by field: each label read through its one
 * member. "Placements" are departures in the period; the placements on the period's lines (the fill
 * rate's numerator) carry a label of their own.
 */
export const MARKETS_TABLES = {
	ranking: {
		demand: { query: 'demand', label: 'markets.metric.demand', member: 'job_orders.demand_slots' },
		applications: { query: 'demand', label: 'country.applications', member: 'job_orders.applications' },
		placementsOnLines: { query: 'demand', label: 'metric.placementsOnLines', member: 'job_orders.placements' },
		fillRate: { query: 'demand', label: 'markets.metric.fill_rate', member: 'job_orders.fill_rate' },
		wage: { query: 'demand', label: 'markets.metric.wage', member: 'job_orders.avg_wage_usd' },
		placements: { query: 'placements', label: 'markets.metric.placements', member: 'placements.placements' },
		mediumHighShare: { query: 'placements', label: 'kpi.mediumHighShare', member: 'placements.medium_high_share' },
		openSlots: { query: 'openSlots', label: 'kpi.openSlots', member: 'open_slots.open_slots' },
	},
} as const satisfies Record<string, Record<string, Column<MarketsQuery>>>;

export const marketsColumns = () => columnLabels(MARKETS_TABLES);

const fromDemand = fromQuery(MARKETS_TABLES.ranking, 'demand');
const fromPlacements = fromQuery(MARKETS_TABLES.ranking, 'placements');
const fromOpenSlots = fromQuery(MARKETS_TABLES.ranking, 'openSlots');

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
		Object.assign(row(String(d['job_orders.country'])), readColumns(fromDemand, d));
	}
	for (const p of results.placements.data) {
		Object.assign(row(String(p['placements.country'])), readColumns(fromPlacements, p));
	}
	for (const o of results.openSlots.data) Object.assign(row(String(o['open_slots.country'])), readColumns(fromOpenSlots, o));

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
