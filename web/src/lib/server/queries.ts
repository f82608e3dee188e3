/**
 * Every query the dashboard sends to Cube. Each page's queries live in its own module
 * (`pages/<page>.ts`, with the code that reads their rows); this module gathers them, so the
 * benchmark and the pre-aggregation test can run exactly what users run.
 */
import { parseFilters } from '../filters.ts';
import { PUBLIC_DATASETS } from '../public-datasets.ts';
import { countryQueries } from './pages/country.ts';
import { marketsQueries } from './pages/markets.ts';
import { matchingQueries } from './pages/matching.ts';
import { overviewQueries } from './pages/overview.ts';
import { provinceQueries } from './pages/province.ts';
import { provincesQueries } from './pages/provinces.ts';
import { publicDatasetQuery } from './pages/public.ts';
import type { NamedQuery } from './pages/query-kit.ts';

export { countryQueries } from './pages/country.ts';
export { MARKET_METRICS, type MarketMetric, marketsQueries } from './pages/markets.ts';
export { matchingQueries } from './pages/matching.ts';
export { overviewQueries, quickWinIgnored, quickWinYear } from './pages/overview.ts';
export { provinceQueries } from './pages/province.ts';
export { compareTrendGranularity, PROVINCE_METRICS, type ProvinceMetric, provincesQueries } from './pages/provinces.ts';
export { publicDatasetQuery } from './pages/public.ts';
export { type NamedQuery, qualifiedPeopleQuery } from './pages/query-kit.ts';

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
