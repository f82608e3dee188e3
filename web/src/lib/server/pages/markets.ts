/** The markets page (`/markets`): demand, placements and open slots by destination country. */
import { type Filters, monthEnd } from '../../filters.ts';
import { filtered } from './query-kit.ts';

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
