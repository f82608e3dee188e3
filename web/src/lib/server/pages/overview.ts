/**
 * The overview (`/`): Quick Win progress and pace, placements of the year so far, fill rate, open
 * slots, qualified candidates, top destinations and provinces, unfilled markets.
 */
import { cubeFilters, type Filters, monthEnd } from '../../filters.ts';
import type { Names } from '../dashboard.ts';
import {
	type Column,
	columnLabels,
	filtered,
	type NamedQuery,
	num,
	type QueryResults,
	qualifiedPeopleQuery,
	readColumns,
	readTiles,
	type Tile,
	tileLabels,
} from './query-kit.ts';

/** The year the Quick Win tiles follow: the year of the period's last month. */
export function quickWinYear(filters: Filters): string {
	return filters.to.slice(0, 4);
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
					'quick_win.months_remaining',
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

type OverviewQuery = keyof ReturnType<typeof overviewQueries>;

/** The overview's tiles (and the numbers their detail lines name): each label read through its one member. */
export const OVERVIEW_TILES = {
	progress: { query: 'quickWin', label: 'kpi.quickWin', member: 'quick_win.progress' },
	paceNeeded: { query: 'quickWin', label: 'kpi.paceNeeded', member: 'quick_win.pace_needed_per_month' },
	placementsYtd: { query: 'placementsYtd', label: 'kpi.placementsYtd', member: 'placements.placements' },
	mediumHighYtd: { query: 'placementsYtd', label: 'kpi.mediumHigh', member: 'placements.medium_high_placements' },
	mediumHighShare: { query: 'placementsYtd', label: 'kpi.mediumHighShare', member: 'placements.medium_high_share' },
	fillRate: { query: 'fillRate', label: 'kpi.fillRate', member: 'job_orders.fill_rate' },
	applicationRate: { query: 'fillRate', label: 'kpi.applicationRate', member: 'job_orders.application_rate' },
	openSlots: { query: 'openSlots', label: 'kpi.openSlots', member: 'open_slots.open_slots' },
	qualified: { query: 'qualifiedSupply', label: 'kpi.qualifiedSupply', member: 'supply.qualified' },
	waiting: { query: 'qualifiedSupply', label: 'kpi.waiting', member: 'supply.waiting' },
} as const satisfies Record<string, Tile<OverviewQuery>>;

/**
 * The overview's tables (and the chart series drawn from them), by field: each column's label read
 * through its one member. The unfilled markets' open slots are the competency gap's, now: not the
 * "open vacancies" tile at the end of the period, so they carry the label of their own.
 */
export const OVERVIEW_TABLES = {
	monthly: {
		inMonth: { query: 'quickWinMonthly', label: 'overview.inMonth', member: 'quick_win.medium_high_in_month' },
		cumulative: { query: 'quickWinMonthly', label: 'overview.cumulative', member: 'quick_win.cumulative_achieved' },
		path: { query: 'quickWinMonthly', label: 'overview.pathToTarget', member: 'quick_win.seasonal_path' },
		projected: { query: 'quickWinMonthly', label: 'overview.projected', member: 'quick_win.projected_cumulative' },
	},
	topCountries: { placements: { query: 'topCountries', label: 'metric.placements', member: 'placements.placements' } },
	topProvinces: { placements: { query: 'topProvinces', label: 'metric.placements', member: 'placements.placements' } },
	unfilled: {
		openSlots: { query: 'unfilledMarkets', label: 'matching.openSlotsNow', member: 'competency_gap.open_slots' },
		qualified: { query: 'unfilledMarkets', label: 'metric.qualifiedPerMarket', member: 'competency_gap.qualified_supply' },
		gap: { query: 'unfilledMarkets', label: 'metric.gap', member: 'competency_gap.gap' },
	},
} as const satisfies Record<string, Record<string, Column<OverviewQuery>>>;

/** What the overview shows, read from its queries' rows. */
export function readOverview(byKey: QueryResults<OverviewQuery>, names: Names) {
	const qw = byKey.quickWin.data[0] ?? {};
	return {
		labels: tileLabels(OVERVIEW_TILES),
		columns: columnLabels(OVERVIEW_TABLES),
		kpi: {
			...readTiles(OVERVIEW_TILES, byKey),
			target: num(qw['quick_win.target']),
			achieved: num(qw['quick_win.achieved']),
			forecast: num(qw['quick_win.forecast']),
			forecastLow: num(qw['quick_win.forecast_low']),
			forecastHigh: num(qw['quick_win.forecast_high']),
			paceNeededPerDay: num(qw['quick_win.pace_needed_per_day']),
			remaining: num(qw['quick_win.remaining']),
			monthsToGo: num(qw['quick_win.months_to_go']),
			daysToGo: num(qw['quick_win.days_to_go']),
			monthsRemaining: num(qw['quick_win.months_remaining']),
			quickWinAsOf: qw['quick_win.as_of'] ? String(qw['quick_win.as_of']).slice(0, 10) : null,
			paceSoFar: num(qw['quick_win.pace_so_far_per_month']),
			forecastMethod: qw['quick_win.forecast_method'] ? String(qw['quick_win.forecast_method']) : null,
		},
		monthly: byKey.quickWinMonthly.data.map((r) => ({
			month: Number(r['quick_win.month_number']),
			...readColumns(OVERVIEW_TABLES.monthly, r),
			projectedLow: num(r['quick_win.projected_low']),
			projectedHigh: num(r['quick_win.projected_high']),
		})),
		topCountries: byKey.topCountries.data.map((r) => ({
			code: String(r['placements.country']),
			name: names.country[String(r['placements.country'])] ?? String(r['placements.country']),
			...readColumns(OVERVIEW_TABLES.topCountries, r),
		})),
		topProvinces: byKey.topProvinces.data.map((r) => ({
			code: String(r['placements.province']),
			name: names.province[String(r['placements.province'])] ?? String(r['placements.province']),
			...readColumns(OVERVIEW_TABLES.topProvinces, r),
		})),
		unfilled: byKey.unfilledMarkets.data.map((r) => ({
			code: String(r['competency_gap.country']),
			name: names.country[String(r['competency_gap.country'])] ?? String(r['competency_gap.country']),
			...readColumns(OVERVIEW_TABLES.unfilled, r),
		})),
	};
}
