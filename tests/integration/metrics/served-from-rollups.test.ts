/**
 * Every query the dashboard makes is answered from a Cube pre-aggregation or from an agg_* rollup,
 * never by scanning the fct_* facts (docs/metrics.md, "Where each metric is served from"); and
 * every member of the model answers at all (ClickHouse 18.16 has SQL traps that only show when a
 * member is asked for on its own or together with others).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type CubeQuery, cubeMeta, cubeRows, dataReady, pickSlices, type Slices, servedFrom } from './harness.ts';

const s: Slices = await pickSlices();
const cubes = await cubeMeta();
const year: [string, string] = [`${s.year}-01-01`, `${s.year}-12-31`];
const asOfYear: [string, string] = [`${s.asOf.slice(0, 4)}-01-01`, `${s.asOf.slice(0, 4)}-12-31`];
const eq = (member: string, value: string) => ({ member, operator: 'equals', values: [value] });

/** The filter bar with every dimension set, as a user who filtered everything would send it. */
function filterBar(cube: string, dims: Record<string, string>): CubeQuery['filters'] {
	return Object.entries(dims).map(([dim, value]) => eq(`${cube}.${dim}`, value));
}

const dashboard: Record<string, CubeQuery> = {
	'overview: placements this year': {
		measures: ['placements.placements', 'placements.medium_high_placements', 'placements.medium_high_share'],
		timeDimensions: [{ dimension: 'placements.departure_date', dateRange: asOfYear }],
	},
	'overview: monthly trend': {
		measures: ['placements.placements', 'placements.medium_high_placements'],
		timeDimensions: [{ dimension: 'placements.departure_date', dateRange: asOfYear, granularity: 'month' }],
	},
	'overview: top countries': {
		measures: ['placements.placements'],
		dimensions: ['placements.country'],
		timeDimensions: [{ dimension: 'placements.departure_date', dateRange: year }],
		order: { 'placements.placements': 'desc' },
		limit: 10,
	},
	'overview: top provinces': {
		measures: ['placements.placements'],
		dimensions: ['placements.province'],
		timeDimensions: [{ dimension: 'placements.departure_date', dateRange: year }],
		order: { 'placements.placements': 'desc' },
		limit: 10,
	},
	'overview: fill rate and application rate': {
		measures: ['job_orders.fill_rate', 'job_orders.application_rate', 'job_orders.demand_slots'],
		timeDimensions: [{ dimension: 'job_orders.issued_date', dateRange: year }],
	},
	'overview: open slots now': { measures: ['open_slots.open_slots'] },
	'overview: qualified supply now': { measures: ['supply.qualified', 'supply.waiting'] },
	'overview: Quick Win tiles': {
		measures: [
			'quick_win.target',
			'quick_win.achieved',
			'quick_win.progress',
			'quick_win.forecast',
			'quick_win.forecast_low',
			'quick_win.forecast_high',
		],
		filters: [eq('quick_win.year', s.asOf.slice(0, 4))],
	},
	'overview: trend against the pace needed': {
		measures: ['quick_win.cumulative_achieved', 'quick_win.linear_path', 'quick_win.seasonal_path', 'quick_win.projected_cumulative'],
		timeDimensions: [{ dimension: 'quick_win.month', granularity: 'month' }],
		filters: [eq('quick_win.year', s.asOf.slice(0, 4))],
	},
	'overview: largest unfilled demand': {
		measures: ['competency_gap.gap', 'competency_gap.open_slots'],
		dimensions: ['competency_gap.country'],
		order: { 'competency_gap.gap': 'desc' },
		limit: 10,
	},
	'every view: data freshness': { dimensions: ['data_freshness.last_loaded_at', 'data_freshness.data_as_of'] },
	'markets: world map of demand, placements, fill rate, wage': {
		measures: ['job_orders.demand_slots', 'job_orders.placements', 'job_orders.fill_rate', 'job_orders.avg_wage_usd'],
		dimensions: ['job_orders.country'],
		timeDimensions: [{ dimension: 'job_orders.issued_date', dateRange: year }],
	},
	'markets: placements by country with wages': {
		measures: ['placements.placements', 'placements.avg_wage_usd'],
		dimensions: ['placements.country'],
		timeDimensions: [{ dimension: 'placements.departure_date', dateRange: year }],
	},
	'country page: demand trend by sector': {
		measures: ['job_orders.demand_slots', 'job_orders.placements'],
		dimensions: ['job_orders.sector'],
		filters: [eq('job_orders.country', s.country)],
		timeDimensions: [{ dimension: 'job_orders.issued_date', dateRange: year, granularity: 'month' }],
	},
	'country page: lines aggregated by requirements': {
		measures: ['job_orders.lines', 'job_orders.demand_slots', 'job_orders.open_slots_now', 'job_orders.fill_rate'],
		dimensions: ['job_orders.occupation', 'job_orders.required_certificate', 'job_orders.required_language', 'job_orders.min_education'],
		filters: [eq('job_orders.country', s.country)],
	},
	'country page: agencies': {
		measures: ['job_orders.demand_slots', 'job_orders.placements'],
		dimensions: ['job_orders.agency'],
		filters: [eq('job_orders.country', s.country)],
	},
	'country page: days to fill': {
		measures: ['fill_time.median_days_to_fill', 'fill_time.p25_days_to_fill', 'fill_time.p75_days_to_fill'],
		dimensions: ['fill_time.occupation'],
		filters: [eq('fill_time.country', s.country)],
	},
	'country page: competency gap by occupation': {
		measures: [
			'competency_gap.open_slots',
			'competency_gap.qualified_supply',
			'competency_gap.gap',
			'competency_gap.gap_certificate',
			'competency_gap.gap_language',
		],
		dimensions: ['competency_gap.occupation'],
		filters: [eq('competency_gap.country', s.country)],
	},
	'country page: open slots by month': {
		measures: ['open_slots.open_slots'],
		filters: [eq('open_slots.country', s.country)],
		timeDimensions: [{ dimension: 'open_slots.as_of', dateRange: year, granularity: 'month' }],
	},
	'provinces: map of placements': {
		measures: ['placements.placements'],
		dimensions: ['placements.province'],
		timeDimensions: [{ dimension: 'placements.departure_date', dateRange: year }],
	},
	'provinces: per-capita map': {
		measures: ['province_rates.placements_per_100k', 'province_rates.candidates_per_100k'],
		dimensions: ['province_rates.province'],
		timeDimensions: [{ dimension: 'province_rates.month', dateRange: year }],
	},
	'province page: regencies': {
		measures: ['placements.placements'],
		dimensions: ['placements.regency'],
		filters: [eq('placements.province', s.province)],
		timeDimensions: [{ dimension: 'placements.departure_date', dateRange: year }],
	},
	'province page: pipeline funnel': {
		measures: [
			'supply.candidates',
			'supply.trained',
			'supply.certified',
			'supply.applied',
			'supply.placed',
			'supply.waiting',
			'supply.qualified',
		],
		filters: [eq('supply.province', s.province)],
	},
	'province page: destinations and occupations': {
		measures: ['placements.placements'],
		dimensions: ['placements.country', 'placements.occupation'],
		filters: [eq('placements.province', s.province)],
		timeDimensions: [{ dimension: 'placements.departure_date', dateRange: year }],
	},
	'province page: certificates lacking': {
		measures: ['supply.lacking_certificate'],
		dimensions: ['supply.missing_certificate'],
		filters: [eq('supply.province', s.province)],
	},
	'province page: regency funnel': {
		measures: ['supply.candidates', 'supply.placed', 'supply.waiting'],
		dimensions: ['supply.regency'],
		filters: [eq('supply.province', s.province)],
	},
	'province page: certification capacity': {
		measures: ['certification_capacity.bodies', 'certification_capacity.annual_capacity'],
		dimensions: ['certification_capacity.province', 'certification_capacity.island_group'],
	},
	'province page: who travels to certify': {
		measures: ['certifications.attempts', 'certifications.pass_rate', 'certifications.travelled_share'],
		dimensions: ['certifications.body_province'],
		filters: [eq('certifications.province', s.province)],
	},
	'province page: trainings': {
		measures: ['trainings.trainings', 'trainings.completion_rate'],
		dimensions: ['trainings.kind'],
		filters: [eq('trainings.province', s.province)],
	},
	'matching: gap by occupation and destination, split by requirement': {
		measures: [
			'competency_gap.open_slots',
			'competency_gap.qualified_supply',
			'competency_gap.gap',
			'competency_gap.gap_share',
			'competency_gap.gap_certificate',
			'competency_gap.gap_language',
			'competency_gap.gap_education',
			'competency_gap.gap_experience',
			'competency_gap.closable_by_certification',
			'competency_gap.closable_by_language',
		],
		dimensions: ['competency_gap.occupation', 'competency_gap.country'],
	},
	'matching: rejections by reason': {
		measures: ['applications.rejected'],
		dimensions: ['applications.rejection_reason'],
		timeDimensions: [{ dimension: 'applications.applied_date', dateRange: year }],
	},
	'filter bar, everything set: placements': {
		measures: ['placements.placements', 'placements.female_share', 'placements.avg_wage_usd'],
		filters: filterBar('placements', {
			country: s.country,
			region: 'east_asia',
			province: s.province,
			sector: 'manufacturing',
			occupation: '8189',
			skill_level: '2',
			scheme: 'P2P',
			gender: 'F',
		}),
		timeDimensions: [{ dimension: 'placements.departure_date', dateRange: year }],
	},
	'filter bar, everything set: demand': {
		measures: ['job_orders.demand_slots', 'job_orders.fill_rate'],
		filters: filterBar('job_orders', {
			country: s.country,
			region: 'east_asia',
			sector: 'manufacturing',
			occupation: '8189',
			skill_level: '2',
			scheme: 'P2P',
		}),
		timeDimensions: [{ dimension: 'job_orders.issued_date', dateRange: year }],
	},
	'filter bar, everything set: applications': {
		measures: ['applications.applications', 'applications.acceptance_rate'],
		filters: filterBar('applications', {
			country: s.country,
			region: 'east_asia',
			province: s.province,
			sector: 'manufacturing',
			occupation: '8189',
			skill_level: '2',
			scheme: 'P2P',
			gender: 'F',
		}),
		timeDimensions: [{ dimension: 'applications.applied_date', dateRange: year }],
	},
	'filter bar, everything set: supply': {
		measures: ['supply.candidates', 'supply.qualified'],
		filters: filterBar('supply', {
			province: s.province,
			preferred_occupation: '8189',
			preferred_sector: 'manufacturing',
			preferred_skill_level: '2',
			gender: 'F',
		}),
	},
	'labels: country names': { dimensions: ['countries.code', 'countries.name_id', 'countries.name_en'] },
	'labels: province names': { dimensions: ['provinces.code', 'provinces.name', 'provinces.island_group'] },
};

/** Cubes whose queries must come from a Cube pre-aggregation (they sit on fct_* or on a large rollup). */
const PRE_AGGREGATED = ['placements', 'applications', 'certifications', 'trainings', 'job_orders', 'supply'];

beforeAll(dataReady);

describe('dashboard queries never scan the facts', () => {
	for (const [name, query] of Object.entries(dashboard)) {
		it(name, async () => {
			const { sql, preAggregations } = await servedFrom(query);
			expect(sql, 'reads no fct_* table').not.toMatch(/\bfct_/);
			const cubes = new Set([...(query.measures ?? []), ...(query.dimensions ?? [])].map((m) => m.split('.')[0]));
			if ([...cubes].some((c) => PRE_AGGREGATED.includes(c as string))) {
				expect(preAggregations.length, 'answered from a pre-aggregation').toBeGreaterThan(0);
				expect(sql).toMatch(/_pre_aggregations\./);
			}
			// and it answers
			await cubeRows(query);
		});
	}
});

describe('pre-aggregations are picked narrow to wide', () => {
	it('a national query reads the national rollup, a filtered one the filter-bar rollup, a regency breakdown the detailed one', async () => {
		const national = await servedFrom({
			measures: ['placements.placements'],
			timeDimensions: [{ dimension: 'placements.departure_date', dateRange: year }],
		});
		const filtered = await servedFrom({ measures: ['placements.placements'], filters: [eq('placements.province', s.province)] });
		const detailed = await servedFrom({ measures: ['placements.placements'], dimensions: ['placements.regency'] });
		expect(national.preAggregations).toEqual(['placements.national_monthly']);
		expect(filtered.preAggregations).toEqual(['placements.filter_bar_monthly']);
		expect(detailed.preAggregations).toEqual(['placements.detailed_monthly']);
	});
});

describe('every member of the model answers', () => {
	it('the model has the cubes the dashboard is written against', () => {
		const names = cubes.map((c) => c.name);
		for (const expected of [
			'placements',
			'job_orders',
			'applications',
			'open_slots',
			'fill_time',
			'supply',
			'competency_gap',
			'certifications',
			'certification_capacity',
			'trainings',
			'province_rates',
			'quick_win',
			'countries',
			'provinces',
			'regencies',
			'occupations',
			'sectors',
			'certification_schemes',
			'education_levels',
			'data_freshness',
		]) {
			expect(names).toContain(expected);
		}
	});

	for (const c of cubes) {
		it(`${c.name}: each measure alone, and each dimension with the first measure`, async () => {
			for (const m of c.measures) await cubeRows({ measures: [m.name] });
			const first = c.measures[0]?.name;
			for (const dim of c.dimensions) {
				const query: CubeQuery =
					dim.type === 'time'
						? { measures: first ? [first] : [], timeDimensions: [{ dimension: dim.name, granularity: 'month' }], limit: 5 }
						: { measures: first ? [first] : [], dimensions: [dim.name], limit: 5 };
				await cubeRows(query);
			}
		});
	}
});
