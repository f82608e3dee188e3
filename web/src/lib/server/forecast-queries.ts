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
	return {
		name: 'country.forecast',
		query: {
			measures: ['forecasts.point', 'forecasts.lo80', 'forecasts.hi80'],
			dimensions: ['forecasts.measure', 'forecasts.partial'],
			timeDimensions: [{ dimension: 'forecasts.month', granularity: 'month' }],
			filters: [
				...memberFilters,
				{ member: 'forecasts.measure', operator: 'equals', values: ['slots', 'placements'] },
				{ member: 'forecasts.level', operator: 'equals', values: [sector ? 'country_sector' : 'country'] },
			],
			order: { 'forecasts.month': 'asc' },
		},
		ignored,
	};
}
