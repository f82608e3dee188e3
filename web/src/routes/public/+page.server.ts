import { requestLang } from '$lib/i18n';
import { cubeLoadSafe } from '$lib/server/cube';
import { loadFreshness, loadNames, num } from '$lib/server/dashboard';
import { PUBLIC_TABLES, PUBLIC_TILES, publicQuickWinMonthlyQuery, publicQuickWinQuery } from '$lib/server/pages/public';
import { columnLabels, readColumns, readTiles, tileLabels } from '$lib/server/pages/query-kit';
import { INCOMPLETE_HEADER } from '$lib/server/public-cache';
import { PUBLIC_CONTEXT, PUBLIC_DATASETS, publicTable, publicYear } from '$lib/server/public-data';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, setHeaders }) => {
	const freshness = await loadFreshness(PUBLIC_CONTEXT);
	const latestYear = (freshness.dataAsOf ?? new Date().toISOString()).slice(0, 4);
	// a year without data is said plainly (and the latest year shown below, titled with its year)
	const { year, years, refused } = publicYear(url.searchParams.get('year'), latestYear, requestLang(url));
	const { names } = await loadNames(PUBLIC_CONTEXT, requestLang(url));
	const [tables, quickWin, quickWinMonthly] = await Promise.all([
		Promise.all(PUBLIC_DATASETS.map((d) => publicTable(d, year, requestLang(url), names))),
		cubeLoadSafe(publicQuickWinQuery(latestYear), PUBLIC_CONTEXT),
		cubeLoadSafe(publicQuickWinMonthlyQuery(latestYear), PUBLIC_CONTEXT),
	]);
	const qw = quickWin.data[0] ?? {};
	// an answer missing a table is not kept for other visitors (public-cache.ts)
	if (!freshness.dataAsOf || quickWin.error || quickWinMonthly.error || tables.some((t) => t.error))
		setHeaders({ [INCOMPLETE_HEADER]: '1' });
	return {
		year,
		years,
		latestYear,
		refused,
		freshness,
		tables: Object.fromEntries(tables.map((t) => [t.dataset, t])) as Record<(typeof PUBLIC_DATASETS)[number], (typeof tables)[number]>,
		labels: tileLabels(PUBLIC_TILES),
		columns: columnLabels(PUBLIC_TABLES),
		quickWin: {
			...readTiles(PUBLIC_TILES, { quickWin }),
			error: quickWin.error,
			target: num(qw['public_quick_win.target']),
			achieved: num(qw['public_quick_win.achieved']),
			forecast: num(qw['public_quick_win.forecast']),
			forecastLow: num(qw['public_quick_win.forecast_low']),
			forecastHigh: num(qw['public_quick_win.forecast_high']),
			paceNeededPerDay: num(qw['public_quick_win.pace_needed_per_day']),
			remaining: num(qw['public_quick_win.remaining']),
			monthsToGo: num(qw['public_quick_win.months_to_go']),
			daysToGo: num(qw['public_quick_win.days_to_go']),
			monthlyError: quickWinMonthly.error,
			monthly: quickWinMonthly.data.map((r) => ({
				month: Number(String(r['public_quick_win.month.month']).slice(5, 7)),
				...readColumns(PUBLIC_TABLES.monthly, r),
				projectedLow: num(r['public_quick_win.projected_low']),
				projectedHigh: num(r['public_quick_win.projected_high']),
			})),
		},
	};
};
