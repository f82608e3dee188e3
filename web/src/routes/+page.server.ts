import { type CubeContext, cubeLoad } from '$lib/server/cube';
import type { PageServerLoad } from './$types';

const context: CubeContext = { role: 'minister', sub: 'skeleton' };

export const load: PageServerLoad = async () => {
	const [byMonth, byProvince, byCountry] = await Promise.all([
		cubeLoad(
			{
				measures: ['placements.placements'],
				timeDimensions: [{ dimension: 'placements.departure_date', granularity: 'month' }],
				order: { 'placements.departure_date': 'asc' },
			},
			context,
		),
		cubeLoad({ measures: ['placements.placements'], dimensions: ['placements.province'] }, context),
		cubeLoad({ measures: ['placements.placements'], dimensions: ['placements.country'] }, context),
	]);
	const toRecord = (rows: typeof byProvince.data, key: string) =>
		Object.fromEntries(rows.map((r) => [String(r[key]), Number(r['placements.placements'])]));
	return {
		months: byMonth.data.map((r) => String(r['placements.departure_date.month']).slice(0, 7)),
		monthValues: byMonth.data.map((r) => Number(r['placements.placements'])),
		byProvince: toRecord(byProvince.data, 'placements.province'),
		byCountry: toRecord(byCountry.data, 'placements.country'),
		lastRefreshTime: byMonth.lastRefreshTime ?? null,
	};
};
