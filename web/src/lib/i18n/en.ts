import type { Dictionary } from './index.ts';

/** English: the second language. Same keys as id.ts (checked by a test). */
export const en: Dictionary = {
	'app.title': 'SLMI — Smart Labour Market Information',
	'app.short': 'SLMI',
	'app.ministry': 'Ministry for the Protection of Indonesian Migrant Workers',
	'lang.switch': 'Bahasa Indonesia',
	'overview.title': 'Placements of Indonesian migrant workers',
	'chart.placementsByMonth': 'Placements by month',
	'map.provinces': 'Placements by province of origin',
	'map.world': 'Placements by destination country',
	'table.month': 'Month',
	'table.province': 'Province',
	'table.country': 'Country',
	'metric.placements': 'Placements',
	'state.loading': 'Loading…',
	'state.empty': 'No data for this selection.',
	'state.error': 'The data could not be loaded',
	'map.noData': 'no data',
};
