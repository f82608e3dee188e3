/** The provinces page (`/provinces`): placements and rates by province, and the province comparison. */
import { type Filters, monthsBetween } from '../../filters.ts';
import { filtered, ratesQuery } from './query-kit.ts';

export const PROVINCE_METRICS = ['placements', 'per_capita', 'candidates'] as const;
export type ProvinceMetric = (typeof PROVINCE_METRICS)[number];
/**
 * The comparison trend is by month for periods up to two years (a one-year period by year would be
 * a single point) and by year for longer ones.
 */
export function compareTrendGranularity(filters: Filters): 'month' | 'year' {
	return monthsBetween(filters.from, filters.to).length <= 24 ? 'month' : 'year';
}

export function provincesQueries(filters: Filters, members: ReadonlySet<string>, compare: string[]) {
	const queries = {
		placements: filtered(
			'provinces.placements_by_province',
			'placements',
			filters,
			members,
			{
				measures: ['placements.placements', 'placements.medium_high_share', 'placements.female_share'],
				dimensions: ['placements.province'],
				limit: 100,
			},
			'departure_date',
		),
		rates: ratesQuery('provinces.rates_by_province', filters, members, {
			measures: [
				'province_rates.placements_per_100k',
				'province_rates.candidates',
				'province_rates.candidates_per_100k',
				'province_rates.medium_high_per_100k',
			],
			dimensions: ['province_rates.province'],
			limit: 100,
		}),
		compareDestinations: filtered(
			'provinces.compare_destinations',
			'placements',
			{ ...filters, values: { ...filters.values, province: compare } },
			members,
			{
				measures: ['placements.placements'],
				dimensions: ['placements.province', 'placements.country'],
				order: { 'placements.placements': 'desc' },
				limit: 200,
			},
			'departure_date',
		),
		compareTrend: filtered(
			'provinces.compare_trend',
			'province_rates',
			{ ...filters, values: { ...filters.values, province: compare } },
			members,
			{
				measures: ['province_rates.placements_per_100k'],
				dimensions: ['province_rates.province'],
				timeDimensions: [{ dimension: 'province_rates.month', granularity: compareTrendGranularity(filters) }],
			},
			'month',
		),
	};
	return queries;
}
