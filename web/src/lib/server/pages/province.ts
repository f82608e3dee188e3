/** A province page (`/provinces/<code>`). */
import { cubeFilters, type Filters } from '../../filters.ts';
import type { CubeQueryFilter } from '../cube.ts';
import type { Names } from '../dashboard.ts';
import {
	type Column,
	columnLabels,
	filtered,
	fromQuery,
	type NamedQuery,
	num,
	type QueryResults,
	ratesQuery,
	readColumns,
	readTiles,
	type Tile,
	tileLabels,
} from './query-kit.ts';

/**
 * A province page. Everything is filtered to the province; `regency` narrows the page further
 * (clicking a regency on the map) where a cube has regencies.
 */
export function provinceQueries(filters: Filters, members: ReadonlySet<string>, province: string, regency: string | null) {
	const here: Filters = { ...filters, values: { ...filters.values, province: [province] } };
	const regencyFilter = (cube: 'placements' | 'supply' | 'certifications'): CubeQueryFilter[] =>
		regency && members.has(`${cube}.regency`) ? [{ member: `${cube}.regency`, operator: 'equals', values: [regency] }] : [];
	return {
		placements: filtered(
			'province.placements_totals',
			'placements',
			here,
			members,
			{
				measures: ['placements.placements', 'placements.medium_high_share', 'placements.female_share'],
				filters: regencyFilter('placements'),
			},
			'departure_date',
		),
		rates: ratesQuery('province.rates', here, members, {
			measures: ['province_rates.placements_per_100k', 'province_rates.candidates_per_100k'],
		}),
		byRegency: filtered(
			'province.placements_by_regency',
			'placements',
			here,
			members,
			{ measures: ['placements.placements'], dimensions: ['placements.regency'], limit: 100 },
			'departure_date',
		),
		candidatesByRegency: filtered(
			'province.candidates_by_regency',
			'supply',
			here,
			members,
			{ measures: ['supply.candidates'], dimensions: ['supply.regency'], limit: 100 },
			'registered_date',
		),
		// waiting and qualified now (a stock, as on the overview), not of the period's registrations
		supplyNow: filtered(
			'province.supply_now',
			'supply',
			here,
			members,
			{ measures: ['supply.waiting', 'supply.qualified'], filters: regencyFilter('supply') },
			null,
		),
		supplyNowByRegency: filtered(
			'province.supply_now_by_regency',
			'supply',
			here,
			members,
			{ measures: ['supply.waiting', 'supply.qualified'], dimensions: ['supply.regency'], limit: 100 },
			null,
		),
		funnel: filtered(
			'province.pipeline_funnel',
			'supply',
			here,
			members,
			{
				measures: ['supply.candidates', 'supply.trained', 'supply.certified', 'supply.applied', 'supply.placed'],
				filters: regencyFilter('supply'),
			},
			'registered_date',
		),
		destinations: filtered(
			'province.destinations',
			'placements',
			here,
			members,
			{
				measures: ['placements.placements'],
				dimensions: ['placements.country'],
				order: { 'placements.placements': 'desc' },
				limit: 12,
				filters: regencyFilter('placements'),
			},
			'departure_date',
		),
		occupations: filtered(
			'province.occupations',
			'placements',
			here,
			members,
			{
				measures: ['placements.placements'],
				dimensions: ['placements.occupation'],
				order: { 'placements.placements': 'desc' },
				limit: 12,
				filters: regencyFilter('placements'),
			},
			'departure_date',
		),
		lacking: filtered(
			'province.certificates_lacking',
			'supply',
			here,
			members,
			{
				measures: ['supply.waiting'],
				dimensions: ['supply.missing_certificate'],
				order: { 'supply.waiting': 'desc' },
				limit: 15,
				filters: regencyFilter('supply'),
			},
			null,
		),
		certifications: filtered(
			'province.certifications',
			'certifications',
			here,
			members,
			{
				measures: ['certifications.attempts', 'certifications.pass_rate', 'certifications.travelled_share'],
				filters: regencyFilter('certifications'),
			},
			'exam_date',
		),
		certifiedWhere: filtered(
			'province.certified_where',
			'certifications',
			here,
			members,
			{
				measures: ['certifications.attempts'],
				dimensions: ['certifications.body_province'],
				order: { 'certifications.attempts': 'desc' },
				limit: 10,
			},
			'exam_date',
		),
		// capacity per year of every province (its rows are provinces; no period), beside the attempts
		// of this one; the bar's other filters apply where the cube has them (a scheme filter was
		// neither applied nor said to be ignored)
		capacity: capacityQuery({ ...filters, values: { ...filters.values, province: [] } }, members),
	};
}

function capacityQuery(everyProvince: Filters, members: ReadonlySet<string>): NamedQuery {
	const { filters, ignored } = cubeFilters(everyProvince, 'certification_capacity', members);
	return {
		name: 'province.certification_capacity',
		query: {
			measures: ['certification_capacity.bodies', 'certification_capacity.annual_capacity'],
			dimensions: ['certification_capacity.province'],
			filters,
			limit: 100,
		},
		ignored: [...ignored, 'period'],
	};
}

type ProvinceQuery = keyof ReturnType<typeof provinceQueries>;

/** A province page's tiles (and the numbers their detail lines name): each label read through its one member. */
export const PROVINCE_TILES = {
	placements: { query: 'placements', label: 'metric.placements', member: 'placements.placements' },
	mediumHighShare: { query: 'placements', label: 'kpi.mediumHighShare', member: 'placements.medium_high_share' },
	perCapita: { query: 'rates', label: 'provinces.metric.per_capita', member: 'province_rates.placements_per_100k' },
	candidatesPerCapita: { query: 'rates', label: 'provinces.candidatesPerCapita', member: 'province_rates.candidates_per_100k' },
	waiting: { query: 'supplyNow', label: 'province.waiting', member: 'supply.waiting' },
	qualified: { query: 'supplyNow', label: 'kpi.qualifiedSupply', member: 'supply.qualified' },
	passRate: { query: 'certifications', label: 'province.passRate', member: 'certifications.pass_rate' },
} as const satisfies Record<string, Tile<ProvinceQuery>>;

/**
 * A province page's tables (and the chart series drawn from them): each column's label read through
 * its one member. The regencies table joins placements (in the period), people registered in the
 * period, and people waiting and qualified now, by regency.
 */
export const PROVINCE_TABLES = {
	regencies: {
		placements: { query: 'byRegency', label: 'metric.placements', member: 'placements.placements' },
		candidates: { query: 'candidatesByRegency', label: 'province.registeredInPeriod', member: 'supply.candidates' },
		waiting: { query: 'supplyNowByRegency', label: 'province.waiting', member: 'supply.waiting' },
		qualified: { query: 'supplyNowByRegency', label: 'kpi.qualifiedSupply', member: 'supply.qualified' },
	},
	destinations: { placements: { query: 'destinations', label: 'metric.placements', member: 'placements.placements' } },
	occupations: { placements: { query: 'occupations', label: 'metric.placements', member: 'placements.placements' } },
	lacking: { waiting: { query: 'lacking', label: 'province.waiting', member: 'supply.waiting' } },
	capacity: {
		bodies: { query: 'capacity', label: 'province.bodies', member: 'certification_capacity.bodies' },
		capacity: { query: 'capacity', label: 'province.annualCapacity', member: 'certification_capacity.annual_capacity' },
		attempts: { query: 'certifiedWhere', label: 'province.attemptsHere', member: 'certifications.attempts' },
	},
} as const satisfies Record<string, Record<string, Column<ProvinceQuery>>>;

const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** What a province page shows, read from its queries' rows. */
export function readProvince(r: QueryResults<ProvinceQuery>, names: Names) {
	// Regency names are reference data, read with the names of every other code: a regional head
	// looking at another province is refused its regency detail, not the names of its regencies.
	const regencyName = (rc: string) => names.regency[rc] ?? rc;
	const placementsByRegency = new Map(
		r.byRegency.data.map((d) => [s(d['placements.regency']), readColumns(PROVINCE_TABLES.regencies, d).placements]),
	);
	const candidatesByRegency = new Map(r.candidatesByRegency.data.map((d) => [s(d['supply.regency']), d]));
	const supplyNowByRegency = new Map(r.supplyNowByRegency.data.map((d) => [s(d['supply.regency']), d]));
	const regencyCodes = [...new Set([...placementsByRegency.keys(), ...candidatesByRegency.keys(), ...supplyNowByRegency.keys()])].filter(
		Boolean,
	);
	const totals = r.placements.data[0] ?? {};
	const funnel = r.funnel.data[0] ?? {};
	const cert = r.certifications.data[0] ?? {};
	const tiles = readTiles(PROVINCE_TILES, r);
	return {
		labels: tileLabels(PROVINCE_TILES),
		columns: columnLabels(PROVINCE_TABLES),
		kpi: {
			...tiles,
			femaleShare: num(totals['placements.female_share']),
			attempts: num(cert['certifications.attempts']),
			travelledShare: num(cert['certifications.travelled_share']),
		},
		funnel: [
			{ stage: 'registered', value: num(funnel['supply.candidates']) },
			{ stage: 'trained', value: num(funnel['supply.trained']) },
			{ stage: 'certified', value: num(funnel['supply.certified']) },
			{ stage: 'applied', value: num(funnel['supply.applied']) },
			{ stage: 'placed', value: num(funnel['supply.placed']) },
		],
		waiting: tiles.waiting,
		qualified: tiles.qualified,
		regencies: regencyCodes
			.map((rc) => {
				const c = candidatesByRegency.get(rc);
				const now = supplyNowByRegency.get(rc);
				return {
					code: rc,
					name: regencyName(rc),
					placements: placementsByRegency.get(rc) ?? null,
					...readColumns(fromQuery(PROVINCE_TABLES.regencies, 'candidatesByRegency'), c),
					...readColumns(fromQuery(PROVINCE_TABLES.regencies, 'supplyNowByRegency'), now),
				};
			})
			.sort((a, b) => (b.placements ?? 0) - (a.placements ?? 0)),
		destinations: r.destinations.data.map((d) => ({
			code: s(d['placements.country']),
			name: names.country[s(d['placements.country'])] ?? s(d['placements.country']),
			...readColumns(PROVINCE_TABLES.destinations, d),
		})),
		occupations: r.occupations.data.map((d) => ({
			code: s(d['placements.occupation']),
			name: names.occupation[s(d['placements.occupation'])] ?? s(d['placements.occupation']),
			...readColumns(PROVINCE_TABLES.occupations, d),
		})),
		lacking: r.lacking.data
			.filter((d) => s(d['supply.missing_certificate']) !== '')
			.map((d) => ({
				scheme: names.certificate[s(d['supply.missing_certificate'])] ?? s(d['supply.missing_certificate']),
				...readColumns(PROVINCE_TABLES.lacking, d),
			})),
		certifiedWhere: r.certifiedWhere.data.map((d) => ({
			province: names.province[s(d['certifications.body_province'])] ?? s(d['certifications.body_province']),
			...readColumns(fromQuery(PROVINCE_TABLES.capacity, 'certifiedWhere'), d),
		})),
		capacity: r.capacity.data.map((d) => ({
			code: s(d['certification_capacity.province']),
			province: names.province[s(d['certification_capacity.province'])] ?? s(d['certification_capacity.province']),
			...readColumns(fromQuery(PROVINCE_TABLES.capacity, 'capacity'), d),
		})),
	};
}
