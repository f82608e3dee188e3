/** The provinces page (`/provinces`): placements and rates by province, and the province comparison. */
import { type Filters, monthsBetween } from '../../filters.ts';
import type { Names } from '../dashboard.ts';
import { type Column, columnLabels, filtered, num, type QueryResults, ratesQuery, readColumns } from './query-kit.ts';

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

type ProvincesQuery = keyof ReturnType<typeof provincesQueries>;

/** The provinces table (and the map's metrics) and the comparison's top destinations: each label read through its one member. */
export const PROVINCES_TABLES = {
	placements: {
		placements: { query: 'placements', label: 'provinces.metric.placements', member: 'placements.placements' },
		mediumHighShare: { query: 'placements', label: 'kpi.mediumHighShare', member: 'placements.medium_high_share' },
		femaleShare: { query: 'placements', label: 'country.female', member: 'placements.female_share' },
	},
	rates: {
		perCapita: { query: 'rates', label: 'provinces.metric.per_capita', member: 'province_rates.placements_per_100k' },
		candidates: { query: 'rates', label: 'provinces.metric.candidates', member: 'province_rates.candidates' },
		candidatesPerCapita: { query: 'rates', label: 'provinces.candidatesPerCapita', member: 'province_rates.candidates_per_100k' },
	},
	compareDestinations: {
		placements: { query: 'compareDestinations', label: 'metric.placements', member: 'placements.placements' },
	},
} as const satisfies Record<string, Record<string, Column<ProvincesQuery>>>;

/** What the provinces page shows, read from its queries' rows: the table, and the comparison of `compare`. */
export function readProvinces(r: QueryResults<ProvincesQuery>, names: Names, compare: string[], filters: Filters) {
	const rates = new Map(r.rates.data.map((d) => [String(d['province_rates.province']), d]));
	const rows = Object.entries(names.province)
		.map(([code, name]) => {
			const p = r.placements.data.find((d) => String(d['placements.province']) === code);
			const rate = rates.get(code);
			const placed = readColumns(PROVINCES_TABLES.placements, p);
			return { code, name, ...placed, placements: placed.placements ?? 0, ...readColumns(PROVINCES_TABLES.rates, rate) };
		})
		.sort((a, b) => b.placements - a.placements || a.name.localeCompare(b.name));
	const destinations = compare.map((code) => ({
		code,
		top: r.compareDestinations.data
			.filter((d) => String(d['placements.province']) === code)
			.slice(0, 5)
			.map((d) => ({
				country: names.country[String(d['placements.country'])] ?? String(d['placements.country']),
				...readColumns(PROVINCES_TABLES.compareDestinations, d),
			})),
	}));
	const granularity = compareTrendGranularity(filters);
	const periodKey = `province_rates.month.${granularity}`;
	const periodOf = (d: Record<string, unknown>) => String(d[periodKey]).slice(0, granularity === 'month' ? 7 : 4);
	// Every month of a short period is on the axis (a month without data is a gap, not a missing label).
	const years = granularity === 'month' ? monthsBetween(filters.from, filters.to) : [...new Set(r.compareTrend.data.map(periodOf))].sort();
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
	return { granularity, rows, destinations, years, trend, columns: columnLabels(PROVINCES_TABLES) };
}
