/** A country page (`/markets/<country>`). */
import type { Filters } from '../../filters.ts';
import { filtered, type Tile } from './query-kit.ts';

/** Country page: the drill path country → sector → occupation → aggregated job-order lines. */
export function countryQueries(
	filters: Filters,
	members: ReadonlySet<string>,
	drill: { sector: string | null; occupation: string | null },
) {
	const here: Filters = {
		...filters,
		values: {
			...filters.values,
			sector: drill.sector ? [drill.sector] : filters.values.sector,
			occupation: drill.occupation ? [drill.occupation] : filters.values.occupation,
		},
	};
	const level = drill.occupation ? 'lines' : drill.sector ? 'occupation' : 'sector';
	const breakdown = level === 'sector' ? 'sector' : 'occupation';
	const queries = {
		totals: filtered(
			'country.demand_totals',
			'job_orders',
			here,
			members,
			{
				measures: [
					'job_orders.demand_slots',
					'job_orders.lines',
					'job_orders.applications',
					'job_orders.placements',
					'job_orders.fill_rate',
					'job_orders.application_rate',
					'job_orders.avg_wage_usd',
				],
			},
			'issued_date',
		),
		placements: filtered(
			'country.placements_totals',
			'placements',
			here,
			members,
			{ measures: ['placements.placements', 'placements.medium_high_share', 'placements.female_share'] },
			'departure_date',
		),
		fillTime: filtered(
			'country.fill_time',
			'fill_time',
			here,
			members,
			{ measures: ['fill_time.median_days_to_fill', 'fill_time.p25_days_to_fill', 'fill_time.p75_days_to_fill'] },
			'departure_month',
		),
		demandTrend: filtered(
			'country.demand_trend',
			'job_orders',
			here,
			members,
			{ measures: ['job_orders.demand_slots'], timeDimensions: [{ dimension: 'job_orders.issued_date', granularity: 'month' }] },
			'issued_date',
		),
		placementTrend: filtered(
			'country.placement_trend',
			'placements',
			here,
			members,
			{ measures: ['placements.placements'], timeDimensions: [{ dimension: 'placements.departure_date', granularity: 'month' }] },
			'departure_date',
		),
		breakdown: filtered(
			`country.demand_by_${breakdown}`,
			'job_orders',
			here,
			members,
			{
				measures: ['job_orders.demand_slots', 'job_orders.placements', 'job_orders.fill_rate', 'job_orders.avg_wage_usd'],
				dimensions: [`job_orders.${breakdown}`],
				order: { 'job_orders.demand_slots': 'desc' },
				limit: 30,
			},
			'issued_date',
		),
		lines: filtered(
			'country.job_order_lines',
			'job_orders',
			here,
			members,
			{
				measures: [
					'job_orders.lines',
					'job_orders.demand_slots',
					'job_orders.applications',
					'job_orders.placements',
					'job_orders.fill_rate',
					'job_orders.avg_wage_usd',
				],
				dimensions: [
					'job_orders.occupation',
					'job_orders.required_certificate',
					'job_orders.required_language',
					'job_orders.required_language_level',
					'job_orders.min_education',
					'job_orders.min_experience_years',
					'job_orders.gender_requirement',
				],
				order: { 'job_orders.demand_slots': 'desc' },
				limit: 50,
			},
			'issued_date',
		),
		gap: filtered(
			'country.competency_gap',
			'competency_gap',
			here,
			members,
			{
				measures: [
					'competency_gap.open_slots',
					'competency_gap.qualified_supply',
					'competency_gap.gap',
					'competency_gap.gap_certificate',
					'competency_gap.gap_language',
					'competency_gap.gap_education',
					'competency_gap.gap_experience',
				],
				dimensions: [`competency_gap.${breakdown}`],
				order: { 'competency_gap.gap': 'desc' },
				limit: 30,
			},
			null,
		),
		agencies: filtered(
			'country.agencies',
			'job_orders',
			here,
			members,
			{
				measures: ['job_orders.demand_slots', 'job_orders.placements', 'job_orders.fill_rate'],
				dimensions: ['job_orders.agency'],
				order: { 'job_orders.placements': 'desc' },
				limit: 10,
			},
			'issued_date',
		),
		rejections: filtered(
			'country.rejection_reasons',
			'applications',
			here,
			members,
			{ measures: ['applications.rejected'], dimensions: ['applications.rejection_reason'], order: { 'applications.rejected': 'desc' } },
			'applied_date',
		),
	};
	return { level, breakdown, queries } as const;
}

type CountryQuery = keyof ReturnType<typeof countryQueries>['queries'];

/** The country page's tiles (and the numbers their detail lines name): each label read through its one member. */
export const COUNTRY_TILES = {
	demand: { query: 'totals', label: 'markets.metric.demand', member: 'job_orders.demand_slots' },
	placements: { query: 'placements', label: 'markets.metric.placements', member: 'placements.placements' },
	mediumHighShare: { query: 'placements', label: 'kpi.mediumHighShare', member: 'placements.medium_high_share' },
	fillRate: { query: 'totals', label: 'markets.metric.fill_rate', member: 'job_orders.fill_rate' },
	applicationRate: { query: 'totals', label: 'kpi.applicationRate', member: 'job_orders.application_rate' },
	medianDays: { query: 'fillTime', label: 'country.medianDays', member: 'fill_time.median_days_to_fill' },
	wage: { query: 'totals', label: 'markets.metric.wage', member: 'job_orders.avg_wage_usd' },
} as const satisfies Record<string, Tile<CountryQuery>>;
