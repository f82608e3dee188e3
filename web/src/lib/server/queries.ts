/**
 * Every query the dashboard sends to Cube, by page. Pages build their queries here and nowhere
 * else, so the benchmark and the pre-aggregation test can run exactly what users run.
 */
import { type CubeName, type DimensionMember, type LocalName, type MeasureMember, type TimeMember, timeMember } from '../cube-members.ts';
import { cubeFilters, dateRange, type Filters, monthEnd, monthsBetween, parseFilters } from '../filters.ts';
import { PUBLIC_DATASETS, type PublicDataset } from '../public-datasets.ts';
import type { CubeQuery, CubeQueryFilter } from './cube.ts';

export interface NamedQuery {
	/** stable name, used by the benchmark and in test output */
	name: string;
	query: CubeQuery;
	/** filter-bar dimensions this query cannot apply */
	ignored: string[];
}

function filtered<C extends CubeName>(
	name: string,
	cube: C,
	filters: Filters,
	members: ReadonlySet<string>,
	query: CubeQuery,
	withPeriod: LocalName<C, TimeMember> | null,
): NamedQuery {
	const { filters: memberFilters, ignored } = cubeFilters(filters, cube, members);
	const timeDimensions = withPeriod
		? [{ dimension: timeMember(cube, withPeriod), dateRange: dateRange(filters) }, ...(query.timeDimensions ?? [])]
		: query.timeDimensions;
	// A snapshot ("now": the competency gap, waiting candidates) reads no date range at all: it
	// ignores the period, and says so like any other filter.
	const snapshot = !withPeriod && !(query.timeDimensions ?? []).some((d) => d.dateRange);
	return {
		name,
		query: { ...query, filters: [...(query.filters ?? []), ...memberFilters], timeDimensions },
		ignored: snapshot ? [...ignored, 'period'] : ignored,
	};
}

/** The year the Quick Win tiles follow: the year of the period's last month. */
export function quickWinYear(filters: Filters): string {
	return filters.to.slice(0, 4);
}

/**
 * Qualified and waiting candidates now, counted as distinct people (a stock, no period). The
 * overview and matching tiles both read this one query, so "qualified candidates" is one number.
 */
export function qualifiedPeopleQuery(name: string, filters: Filters, members: ReadonlySet<string>): NamedQuery {
	return filtered(name, 'supply', filters, members, { measures: ['supply.waiting', 'supply.qualified'] }, null);
}

/**
 * What the Quick Win cards cannot apply: the target is national and yearly (SPEC.md), so every
 * filter-bar dimension the quick_win cube lacks, and the period unless it is the year's whole
 * period so far (January to the as-of month, or to December for a past year).
 */
export function quickWinIgnored(filters: Filters, members: ReadonlySet<string>, asOf: string | null): string[] {
	const year = quickWinYear(filters);
	const lastMonth = asOf && asOf.slice(0, 4) === year ? asOf.slice(0, 7) : `${year}-12`;
	const wholeYear = filters.from === `${year}-01` && filters.to === lastMonth;
	return [...cubeFilters(filters, 'quick_win', members).ignored, ...(wholeYear ? [] : ['period'])];
}

export function overviewQueries(filters: Filters, members: ReadonlySet<string>, asOf: string | null = null) {
	const year = quickWinYear(filters);
	const ytd: Filters = { ...filters, from: `${year}-01` };
	const quickWinIgnores = quickWinIgnored(filters, members, asOf);
	return {
		placementsYtd: filtered(
			'overview.placements_ytd',
			'placements',
			ytd,
			members,
			{ measures: ['placements.placements', 'placements.medium_high_placements', 'placements.medium_high_share'] },
			'departure_date',
		),
		quickWin: {
			name: 'overview.quick_win',
			query: {
				measures: [
					'quick_win.target',
					'quick_win.achieved',
					'quick_win.progress',
					'quick_win.forecast',
					'quick_win.forecast_low',
					'quick_win.forecast_high',
					'quick_win.pace_needed_per_month',
					'quick_win.pace_needed_per_day',
					'quick_win.pace_so_far_per_month',
					'quick_win.remaining',
					'quick_win.months_to_go',
					'quick_win.days_to_go',
				],
				dimensions: ['quick_win.forecast_method', 'quick_win.as_of'],
				filters: [{ member: 'quick_win.year', operator: 'equals', values: [year] }],
			},
			ignored: quickWinIgnores,
		} satisfies NamedQuery,
		quickWinMonthly: {
			name: 'overview.quick_win_monthly',
			query: {
				measures: [
					'quick_win.medium_high_in_month',
					'quick_win.cumulative_achieved',
					'quick_win.seasonal_path',
					'quick_win.projected_cumulative',
					'quick_win.projected_low',
					'quick_win.projected_high',
				],
				dimensions: ['quick_win.month_number'],
				filters: [{ member: 'quick_win.year', operator: 'equals', values: [year] }],
				order: { 'quick_win.month_number': 'asc' },
			},
			ignored: quickWinIgnores,
		} satisfies NamedQuery,
		fillRate: filtered(
			'overview.fill_rate',
			'job_orders',
			filters,
			members,
			{ measures: ['job_orders.demand_slots', 'job_orders.fill_rate', 'job_orders.application_rate'] },
			'issued_date',
		),
		openSlots: filtered(
			'overview.open_slots',
			'open_slots',
			filters,
			members,
			{
				measures: ['open_slots.open_slots'],
				timeDimensions: [{ dimension: 'open_slots.as_of', dateRange: [`${filters.to}-01`, monthEnd(filters.to)] }],
			},
			null,
		),
		qualifiedSupply: qualifiedPeopleQuery('overview.qualified_supply', filters, members),
		topCountries: filtered(
			'overview.top_countries',
			'placements',
			filters,
			members,
			{ measures: ['placements.placements'], dimensions: ['placements.country'], order: { 'placements.placements': 'desc' }, limit: 10 },
			'departure_date',
		),
		topProvinces: filtered(
			'overview.top_provinces',
			'placements',
			filters,
			members,
			{ measures: ['placements.placements'], dimensions: ['placements.province'], order: { 'placements.placements': 'desc' }, limit: 10 },
			'departure_date',
		),
		unfilledMarkets: filtered(
			'overview.unfilled_markets',
			'competency_gap',
			filters,
			members,
			{
				measures: ['competency_gap.open_slots', 'competency_gap.qualified_supply', 'competency_gap.gap'],
				dimensions: ['competency_gap.country'],
				order: { 'competency_gap.gap': 'desc' },
				limit: 10,
			},
			null,
		),
	};
}

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

export const PROVINCE_METRICS = ['placements', 'per_capita', 'candidates'] as const;
export type ProvinceMetric = (typeof PROVINCE_METRICS)[number];

/** Period filter for province_rates (monthly rollup, `month` time dimension). */
function ratesQuery(name: string, filters: Filters, members: ReadonlySet<string>, query: CubeQuery): NamedQuery {
	return filtered(name, 'province_rates', filters, members, query, 'month');
}

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

/**
 * A province page. Everything is filtered to the province; `regency` narrows the page further
 * (clicking a regency on the map) where a cube has regencies.
 */
export function provinceQueries(filters: Filters, members: ReadonlySet<string>, province: string, regency: string | null) {
	const here: Filters = { ...filters, values: { ...filters.values, province: [province] } };
	const regencyFilter = (cube: 'placements' | 'supply' | 'certifications'): CubeQueryFilter[] =>
		regency && members.has(`${cube}.regency`) ? [{ member: `${cube}.regency`, operator: 'equals', values: [regency] }] : [];
	return {
		placements: filtered(
			'province.placements_totals',
			'placements',
			here,
			members,
			{
				measures: ['placements.placements', 'placements.medium_high_share', 'placements.female_share'],
				filters: regencyFilter('placements'),
			},
			'departure_date',
		),
		rates: ratesQuery('province.rates', here, members, {
			measures: ['province_rates.placements_per_100k', 'province_rates.candidates_per_100k'],
		}),
		byRegency: filtered(
			'province.placements_by_regency',
			'placements',
			here,
			members,
			{ measures: ['placements.placements'], dimensions: ['placements.regency'], limit: 100 },
			'departure_date',
		),
		candidatesByRegency: filtered(
			'province.candidates_by_regency',
			'supply',
			here,
			members,
			{ measures: ['supply.candidates'], dimensions: ['supply.regency'], limit: 100 },
			'registered_date',
		),
		// waiting and qualified now (a stock, as on the overview), not of the period's registrations
		supplyNow: filtered(
			'province.supply_now',
			'supply',
			here,
			members,
			{ measures: ['supply.waiting', 'supply.qualified'], filters: regencyFilter('supply') },
			null,
		),
		supplyNowByRegency: filtered(
			'province.supply_now_by_regency',
			'supply',
			here,
			members,
			{ measures: ['supply.waiting', 'supply.qualified'], dimensions: ['supply.regency'], limit: 100 },
			null,
		),
		funnel: filtered(
			'province.pipeline_funnel',
			'supply',
			here,
			members,
			{
				measures: ['supply.candidates', 'supply.trained', 'supply.certified', 'supply.applied', 'supply.placed'],
				filters: regencyFilter('supply'),
			},
			'registered_date',
		),
		destinations: filtered(
			'province.destinations',
			'placements',
			here,
			members,
			{
				measures: ['placements.placements'],
				dimensions: ['placements.country'],
				order: { 'placements.placements': 'desc' },
				limit: 12,
				filters: regencyFilter('placements'),
			},
			'departure_date',
		),
		occupations: filtered(
			'province.occupations',
			'placements',
			here,
			members,
			{
				measures: ['placements.placements'],
				dimensions: ['placements.occupation'],
				order: { 'placements.placements': 'desc' },
				limit: 12,
				filters: regencyFilter('placements'),
			},
			'departure_date',
		),
		lacking: filtered(
			'province.certificates_lacking',
			'supply',
			here,
			members,
			{
				measures: ['supply.waiting'],
				dimensions: ['supply.missing_certificate'],
				order: { 'supply.waiting': 'desc' },
				limit: 15,
				filters: regencyFilter('supply'),
			},
			null,
		),
		certifications: filtered(
			'province.certifications',
			'certifications',
			here,
			members,
			{
				measures: ['certifications.attempts', 'certifications.pass_rate', 'certifications.travelled_share'],
				filters: regencyFilter('certifications'),
			},
			'exam_date',
		),
		certifiedWhere: filtered(
			'province.certified_where',
			'certifications',
			here,
			members,
			{
				measures: ['certifications.attempts'],
				dimensions: ['certifications.body_province'],
				order: { 'certifications.attempts': 'desc' },
				limit: 10,
			},
			'exam_date',
		),
		capacity: {
			name: 'province.certification_capacity',
			query: {
				measures: ['certification_capacity.bodies', 'certification_capacity.annual_capacity'],
				dimensions: ['certification_capacity.province'],
				limit: 100,
			},
			// capacity per year of every province (no period), beside the attempts of this one
			ignored: [...cubeFilters(filters, 'certification_capacity', members).ignored.filter((d) => d !== 'province'), 'period'],
		} satisfies NamedQuery,
	};
}

const GAP_MEASURES: MeasureMember[] = [
	'competency_gap.open_slots',
	'competency_gap.qualified_supply',
	'competency_gap.gap',
	'competency_gap.gap_share',
	'competency_gap.gap_certificate',
	'competency_gap.gap_language',
	'competency_gap.gap_education',
	'competency_gap.gap_experience',
	'competency_gap.gap_no_near_supply',
	'competency_gap.closable_by_certification',
	'competency_gap.closable_by_language',
	'competency_gap.closable_by_training',
];

/** Matching (padupadan): open demand against qualified supply, now. */
export function matchingQueries(filters: Filters, members: ReadonlySet<string>) {
	const gap = (name: string, dimensions: DimensionMember[], limit: number) =>
		filtered(
			name,
			'competency_gap',
			filters,
			members,
			{ measures: GAP_MEASURES, dimensions, order: { 'competency_gap.gap': 'desc' }, limit },
			null,
		);
	return {
		totals: gap('matching.totals', [], 1),
		people: qualifiedPeopleQuery('matching.qualified_people', filters, members),
		byOccupation: gap('matching.by_occupation', ['competency_gap.occupation'], 20),
		byCountry: gap('matching.by_country', ['competency_gap.country'], 20),
		cells: gap('matching.occupation_by_country', ['competency_gap.occupation', 'competency_gap.country'], 60),
	};
}

const yearRange = (year: string): [string, string] => [`${year}-01-01`, `${year}-12-31`];

/** The public datasets' queries: public views only, one year each (docs/access.md limits). */
export function publicDatasetQuery(dataset: PublicDataset, year: string): CubeQuery {
	const queries: Record<PublicDataset, (year: string) => CubeQuery> = {
		'placements-by-month': (year) => ({
			measures: ['public_placements.placements'],
			timeDimensions: [{ dimension: 'public_placements.departure_date', granularity: 'month', dateRange: yearRange(year) }],
			order: { 'public_placements.departure_date': 'asc' },
		}),
		'placements-by-country': (year) => ({
			measures: ['public_placements.placements'],
			dimensions: ['public_placements.country'],
			timeDimensions: [{ dimension: 'public_placements.departure_date', dateRange: yearRange(year) }],
			order: { 'public_placements.placements': 'desc' },
		}),
		'placements-by-province': (year) => ({
			measures: ['public_placements.placements'],
			dimensions: ['public_placements.province'],
			timeDimensions: [{ dimension: 'public_placements.departure_date', dateRange: yearRange(year) }],
			order: { 'public_placements.placements': 'desc' },
		}),
		'demand-by-country': (year) => ({
			measures: ['public_demand.demand_slots', 'public_demand.fill_rate'],
			dimensions: ['public_demand.country'],
			timeDimensions: [{ dimension: 'public_demand.issued_date', dateRange: yearRange(year) }],
			order: { 'public_demand.demand_slots': 'desc' },
		}),
		'provinces-per-capita': (year) => ({
			measures: ['public_provinces.placements_per_100k'],
			dimensions: ['public_provinces.province'],
			timeDimensions: [{ dimension: 'public_provinces.month', dateRange: yearRange(year) }],
			order: { 'public_provinces.placements_per_100k': 'desc' },
		}),
	};
	return queries[dataset](year);
}

export interface CatalogueEntry {
	query: NamedQuery;
	role: 'minister' | 'public';
}

/**
 * Every query the dashboard makes for its default views (the period: January of the data's
 * latest year to its latest month), for the benchmark and the test that proves none of them
 * scans raw facts.
 */
export function dashboardCatalogue(members: ReadonlySet<string>, latestMonth: string): CatalogueEntry[] {
	const filters = parseFilters(new URLSearchParams(), { from: `${latestMonth.slice(0, 4)}-01`, to: latestMonth });
	const entries: CatalogueEntry[] = [];
	const add = (queries: Record<string, NamedQuery>) => {
		for (const query of Object.values(queries)) entries.push({ query, role: 'minister' });
	};
	add(overviewQueries(filters, members));
	add(marketsQueries(filters, members));
	add(countryQueries({ ...filters, values: { ...filters.values, country: ['SA'] } }, members, { sector: null, occupation: null }).queries);
	add(provincesQueries(filters, members, ['52', '35']));
	// the comparison trend of a period over two years is by year
	add({
		compareTrend: provincesQueries({ ...filters, from: `${Number(latestMonth.slice(0, 4)) - 3}-01` }, members, ['52', '35']).compareTrend,
	});
	add(provinceQueries(filters, members, '52', null));
	add(matchingQueries(filters, members));
	for (const dataset of PUBLIC_DATASETS) {
		entries.push({
			query: { name: `public.${dataset}`, query: publicDatasetQuery(dataset, latestMonth.slice(0, 4)), ignored: [] },
			role: 'public',
		});
	}
	return entries;
}
