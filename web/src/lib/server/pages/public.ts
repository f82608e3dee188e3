/** The public page (`/public`) and its embeds: public views only. */
import type { PublicDataset } from '../../public-datasets.ts';
import type { CubeQuery } from '../cube.ts';

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
