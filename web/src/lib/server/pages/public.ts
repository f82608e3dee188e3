/** The public page (`/public`) and its embeds: public views only. */
import type { PublicDataset } from '../../public-datasets.ts';
import type { CubeQuery } from '../cube.ts';
import type { Column, Tile } from './query-kit.ts';

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

/** The public Quick Win tile: national progress of the data's latest year, through the public view. */
export function publicQuickWinQuery(year: string): CubeQuery {
	return {
		measures: [
			'public_quick_win.target',
			'public_quick_win.achieved',
			'public_quick_win.progress',
			'public_quick_win.forecast',
			'public_quick_win.forecast_low',
			'public_quick_win.forecast_high',
			'public_quick_win.pace_needed_per_month',
			'public_quick_win.pace_needed_per_day',
			'public_quick_win.remaining',
			'public_quick_win.months_to_go',
			'public_quick_win.days_to_go',
		],
		filters: [{ member: 'public_quick_win.year', operator: 'equals', values: [year] }],
	};
}

/** The public Quick Win trend: achieved, the projection with its 80 % band and the path to the target, by month. */
export function publicQuickWinMonthlyQuery(year: string): CubeQuery {
	return {
		measures: [
			'public_quick_win.cumulative_achieved',
			'public_quick_win.seasonal_path',
			'public_quick_win.projected_cumulative',
			'public_quick_win.projected_low',
			'public_quick_win.projected_high',
		],
		// by month over the year (a year filter and a month dimension would be two attributes to the public)
		timeDimensions: [{ dimension: 'public_quick_win.month', granularity: 'month', dateRange: yearRange(year) }],
		order: { 'public_quick_win.month': 'asc' },
	};
}

/** The public page's tiles: the overview's Quick Win labels, read through the same definition (a view of quick_win). */
export const PUBLIC_TILES = {
	progress: { query: 'quickWin', label: 'kpi.quickWin', member: 'public_quick_win.progress' },
	paceNeeded: { query: 'quickWin', label: 'kpi.paceNeeded', member: 'public_quick_win.pace_needed_per_month' },
} as const satisfies Record<string, Tile<'quickWin'>>;

/** The public Quick Win trend's columns (and chart series): the overview's labels, through the same definitions. */
export const PUBLIC_TABLES = {
	monthly: {
		cumulative: { query: 'quickWinMonthly', label: 'overview.cumulative', member: 'public_quick_win.cumulative_achieved' },
		path: { query: 'quickWinMonthly', label: 'overview.pathToTarget', member: 'public_quick_win.seasonal_path' },
		projected: { query: 'quickWinMonthly', label: 'overview.projected', member: 'public_quick_win.projected_cumulative' },
	},
} as const satisfies Record<string, Record<string, Column<'quickWinMonthly'>>>;
