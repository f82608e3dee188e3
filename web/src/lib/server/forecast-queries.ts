/**
 * The forecast a country page draws after its trend (cube `forecasts`, docs/forecasting.md):
 * demand slots and placements of the latest forecast run for the country, or for the country ×
 * sector when one sector is selected. Forecasts exist per destination country and sector only, so
 * with any other filter (province, occupation, …) the query is not made (`ignored` says which).
 */
import { cubeFilters, type Filters } from '../filters.ts';
import type { NamedQuery } from './queries.ts';

export function countryForecastQuery(filters: Filters, members: ReadonlySet<string>, sector: string | null): NamedQuery {
	const { filters: memberFilters, ignored } = cubeFilters(filters, 'forecasts', members);
	// bounds describe one series: several sectors at once would need their sum's own interval
	if (filters.values.sector.length > 1) ignored.push('sector');
	return { name: 'country.forecast', query: forecastQuery(memberFilters, sector ? 'country_sector' : 'country'), ignored };
}

/** Demand slots and placements of the latest run at one level, month by month, with the 80 % bounds. */
function forecastQuery(memberFilters: ReturnType<typeof cubeFilters>['filters'], level: string): NamedQuery['query'] {
	return {
		measures: ['forecasts.point', 'forecasts.lo80', 'forecasts.hi80'],
		dimensions: ['forecasts.measure', 'forecasts.partial'],
		timeDimensions: [{ dimension: 'forecasts.month', granularity: 'month' }],
		filters: [
			...memberFilters,
			{ member: 'forecasts.measure', operator: 'equals', values: ['slots', 'placements'] },
			{ member: 'forecasts.level', operator: 'equals', values: [level] },
		],
		order: { 'forecasts.month': 'asc' },
	};
}

/**
 * The forecast the markets page (`/markets`) draws after its trend: nationally with no country
 * selected, the country with one, the country × sector with one country and one sector. A sector
 * without a country has no stored series (nation × sector is not a level), nor have several
 * countries at once (their sum's interval is not stored): then `ignored` names the filter and the
 * query is not made.
 */
export function marketsForecastQuery(filters: Filters, members: ReadonlySet<string>): NamedQuery & { level: string } {
	const { filters: memberFilters, ignored } = cubeFilters(filters, 'forecasts', members);
	const countries = filters.values.country.length;
	const sectors = filters.values.sector.length;
	if (countries > 1) ignored.push('country');
	if (sectors > 1 || (sectors === 1 && countries === 0)) ignored.push('sector');
	const level = countries === 0 ? 'national' : sectors === 1 ? 'country_sector' : 'country';
	return { name: 'markets.forecast', level, query: forecastQuery(memberFilters, level), ignored };
}

/** Forecast months from `from` on: demand and placements points, the placements 80 % band, partial month. */
export function forecastMonths(rows: Record<string, unknown>[], from: string) {
	const label = (v: unknown) => (v === null || v === undefined ? '' : String(v));
	const num = (v: unknown) => (v === null || v === undefined || v === '' ? null : Number(v));
	const months = new Map<
		string,
		{ month: string; partial: boolean; demand: number | null; placements: number | null; low: number | null; high: number | null }
	>();
	for (const d of rows) {
		const month = label(d['forecasts.month.month']).slice(0, 7);
		if (month < from) continue;
		const m = months.get(month) ?? { month, partial: false, demand: null, placements: null, low: null, high: null };
		if (String(d['forecasts.partial']) === '1') m.partial = true;
		if (d['forecasts.measure'] === 'slots') m.demand = num(d['forecasts.point']);
		else {
			m.placements = num(d['forecasts.point']);
			m.low = num(d['forecasts.lo80']);
			m.high = num(d['forecasts.hi80']);
		}
		months.set(month, m);
	}
	return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}
