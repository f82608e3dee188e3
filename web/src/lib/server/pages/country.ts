/** A country page (`/markets/<country>`). */
import type { Filters } from '../../filters.ts';
import type { Names } from '../dashboard.ts';
import {
	type Column,
	columnLabels,
	filtered,
	fromQuery,
	num,
	type QueryResults,
	readColumns,
	readTiles,
	type Tile,
	tileLabels,
} from './query-kit.ts';

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

type CountryQuery = keyof ReturnType<typeof countryQueries>['queries'];

/** The country page's tiles (and the numbers their detail lines name): each label read through its one member. */
export const COUNTRY_TILES = {
	demand: { query: 'totals', label: 'markets.metric.demand', member: 'job_orders.demand_slots' },
	placements: { query: 'placements', label: 'markets.metric.placements', member: 'placements.placements' },
	mediumHighShare: { query: 'placements', label: 'kpi.mediumHighShare', member: 'placements.medium_high_share' },
	fillRate: { query: 'totals', label: 'markets.metric.fill_rate', member: 'job_orders.fill_rate' },
	applicationRate: { query: 'totals', label: 'kpi.applicationRate', member: 'job_orders.application_rate' },
	medianDays: { query: 'fillTime', label: 'country.medianDays', member: 'fill_time.median_days_to_fill' },
	wage: { query: 'totals', label: 'markets.metric.wage', member: 'job_orders.avg_wage_usd' },
	lines: { query: 'totals', label: 'country.lines', member: 'job_orders.lines' },
	applications: { query: 'totals', label: 'country.applications', member: 'job_orders.applications' },
	placementsOnLines: { query: 'totals', label: 'metric.placementsOnLines', member: 'job_orders.placements' },
	femaleShare: { query: 'placements', label: 'country.female', member: 'placements.female_share' },
} as const satisfies Record<string, Tile<CountryQuery>>;

/**
 * The country page's tables (and the chart series drawn from them): each column's label read
 * through its one member. Placements in the breakdown, lines and agencies tables are those on the
 * period's lines (the fill rate's numerator), under a label of their own; open slots beside the gap
 * are the competency gap's, now.
 */
export const COUNTRY_TABLES = {
	breakdown: {
		demand: { query: 'breakdown', label: 'markets.metric.demand', member: 'job_orders.demand_slots' },
		placements: { query: 'breakdown', label: 'metric.placementsOnLines', member: 'job_orders.placements' },
		fillRate: { query: 'breakdown', label: 'markets.metric.fill_rate', member: 'job_orders.fill_rate' },
		wage: { query: 'breakdown', label: 'markets.metric.wage', member: 'job_orders.avg_wage_usd' },
		openSlots: { query: 'gap', label: 'matching.openSlotsNow', member: 'competency_gap.open_slots' },
		qualified: { query: 'gap', label: 'metric.qualifiedPerMarket', member: 'competency_gap.qualified_supply' },
		gap: { query: 'gap', label: 'metric.gap', member: 'competency_gap.gap' },
	},
	trend: {
		demand: { query: 'demandTrend', label: 'markets.metric.demand', member: 'job_orders.demand_slots' },
		placements: { query: 'placementTrend', label: 'markets.metric.placements', member: 'placements.placements' },
	},
	gap: {
		openSlots: { query: 'gap', label: 'matching.openSlotsNow', member: 'competency_gap.open_slots' },
		qualified: { query: 'gap', label: 'metric.qualifiedPerMarket', member: 'competency_gap.qualified_supply' },
		gap: { query: 'gap', label: 'metric.gap', member: 'competency_gap.gap' },
		certificate: { query: 'gap', label: 'gap.certificate', member: 'competency_gap.gap_certificate' },
		language: { query: 'gap', label: 'gap.language', member: 'competency_gap.gap_language' },
		education: { query: 'gap', label: 'gap.education', member: 'competency_gap.gap_education' },
		experience: { query: 'gap', label: 'gap.experience', member: 'competency_gap.gap_experience' },
	},
	lines: {
		lines: { query: 'lines', label: 'country.lines', member: 'job_orders.lines' },
		demand: { query: 'lines', label: 'markets.metric.demand', member: 'job_orders.demand_slots' },
		applications: { query: 'lines', label: 'country.applications', member: 'job_orders.applications' },
		placements: { query: 'lines', label: 'metric.placementsOnLines', member: 'job_orders.placements' },
		fillRate: { query: 'lines', label: 'markets.metric.fill_rate', member: 'job_orders.fill_rate' },
		wage: { query: 'lines', label: 'markets.metric.wage', member: 'job_orders.avg_wage_usd' },
	},
	agencies: {
		demand: { query: 'agencies', label: 'markets.metric.demand', member: 'job_orders.demand_slots' },
		placements: { query: 'agencies', label: 'metric.placementsOnLines', member: 'job_orders.placements' },
		fillRate: { query: 'agencies', label: 'markets.metric.fill_rate', member: 'job_orders.fill_rate' },
	},
	rejections: {
		rejected: { query: 'rejections', label: 'country.rejected', member: 'applications.rejected' },
	},
} as const satisfies Record<string, Record<string, Column<CountryQuery>>>;

const label = (v: unknown) => (v === null || v === undefined ? '' : String(v));
/** The reader's name of a code ('' stays '': no requirement). */
const nameOf = (names: Record<string, string>, v: unknown) => (label(v) ? (names[label(v)] ?? label(v)) : '');

/** What a country page shows, read from its queries' rows; `months` are the period's, for the trend. */
export function readCountry(r: QueryResults<CountryQuery>, names: Names, breakdown: 'sector' | 'occupation', months: string[]) {
	const fill = r.fillTime.data[0] ?? {};
	const nameOfBreakdown = (v: string) => (breakdown === 'sector' ? names.sector[v] : names.occupation[v]) ?? v;
	const gapFor = new Map(r.gap.data.map((g) => [label(g[`competency_gap.${breakdown}`]), g]));
	return {
		labels: tileLabels(COUNTRY_TILES),
		columns: columnLabels(COUNTRY_TABLES),
		kpi: {
			...readTiles(COUNTRY_TILES, r),
			p25Days: num(fill['fill_time.p25_days_to_fill']),
			p75Days: num(fill['fill_time.p75_days_to_fill']),
		},
		trend: mergeMonths(
			months,
			r.demandTrend.data.map((d) => [label(d['job_orders.issued_date.month']).slice(0, 7), readColumns(COUNTRY_TABLES.trend, d).demand]),
			r.placementTrend.data.map((d) => [
				label(d['placements.departure_date.month']).slice(0, 7),
				readColumns(COUNTRY_TABLES.trend, d).placements,
			]),
		),
		breakdownRows: r.breakdown.data.map((d) => {
			const id = label(d[`job_orders.${breakdown}`]);
			const g = gapFor.get(id);
			return {
				id,
				name: nameOfBreakdown(id),
				...readColumns(fromQuery(COUNTRY_TABLES.breakdown, 'breakdown'), d),
				...readColumns(fromQuery(COUNTRY_TABLES.breakdown, 'gap'), g),
			};
		}),
		// open slots in the gap query: with none the card has no data, with some and no gap row it has no gap
		gapOpenSlots: r.gap.data.reduce((sum, g) => sum + (num(g['competency_gap.open_slots']) ?? 0), 0),
		gapRows: r.gap.data
			.filter((g) => (num(g['competency_gap.gap']) ?? 0) > 0)
			.map((g) => ({
				id: label(g[`competency_gap.${breakdown}`]),
				name: nameOfBreakdown(label(g[`competency_gap.${breakdown}`])),
				...readColumns(COUNTRY_TABLES.gap, g),
			})),
		lines: r.lines.data.map((d) => ({
			occupation: names.occupation[label(d['job_orders.occupation'])] ?? label(d['job_orders.occupation']),
			certificate: nameOf(names.certificate, d['job_orders.required_certificate']),
			language: nameOf(names.language, d['job_orders.required_language']),
			languageLevel: num(d['job_orders.required_language_level']),
			education: nameOf(names.education, d['job_orders.min_education']),
			experience: num(d['job_orders.min_experience_years']),
			gender: label(d['job_orders.gender_requirement']),
			...readColumns(COUNTRY_TABLES.lines, d),
		})),
		agencies: r.agencies.data.map((d) => ({
			code: label(d['job_orders.agency']) || null,
			...readColumns(COUNTRY_TABLES.agencies, d),
		})),
		rejections: r.rejections.data
			.filter((d) => label(d['applications.rejection_reason']) !== '')
			.map((d) => ({ reason: label(d['applications.rejection_reason']), ...readColumns(COUNTRY_TABLES.rejections, d) })),
	};
}

/** Two monthly count series on one axis of every month in the period; a month without rows is 0. */
function mergeMonths(months: string[], a: [string, number | null][], b: [string, number | null][]) {
	const ma = new Map(a);
	const mb = new Map(b);
	return months.map((m) => ({ month: m, demand: ma.get(m) ?? 0, placements: mb.get(m) ?? 0 }));
}
