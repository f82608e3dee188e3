import { describe, expect, it } from 'vitest';
import {
	AccessError,
	Catalog,
	CUBE_RULES,
	checkPublicQuery,
	disclosureOf,
	type MetaCube,
	publicDateRange,
	type Query,
	queryMembers,
	rewriteQuery,
	rewriteRegional,
	visibleCubes,
} from './access.ts';
import type { SecurityContext } from './auth.ts';

const measure = (name: string, aggType = 'count', isVisible = true) => ({
	name,
	type: aggType === 'number' ? 'number' : 'number',
	aggType,
	isVisible,
});
const dimension = (name: string, type = 'string', isVisible = true) => ({ name, type, isVisible });

const META: MetaCube[] = [
	{
		config: {
			name: 'placements',
			measures: [measure('placements.placements'), measure('placements.p_placements', 'count', false)],
			dimensions: [
				dimension('placements.placement_id', 'string', false),
				dimension('placements.province'),
				dimension('placements.regency'),
				dimension('placements.country'),
				dimension('placements.departure_date', 'time'),
			],
		},
	},
	{
		config: {
			name: 'supply',
			measures: [measure('supply.candidates')],
			dimensions: [dimension('supply.province'), dimension('supply.regency')],
		},
	},
	{ config: { name: 'job_orders', measures: [measure('job_orders.demand_slots', 'sum')], dimensions: [dimension('job_orders.country')] } },
	{
		config: { name: 'regencies', dimensions: [dimension('regencies.code'), dimension('regencies.province'), dimension('regencies.name')] },
	},
	{ config: { name: 'mystery', measures: [measure('mystery.count')] } },
	{
		config: {
			name: 'public_placements',
			measures: [
				measure('public_placements.placements'),
				measure('public_placements.medium_high_placements'),
				measure('public_placements.medium_high_share', 'number'),
				measure('public_placements.avg_wage', 'number'),
			],
			dimensions: [
				dimension('public_placements.country'),
				dimension('public_placements.province'),
				dimension('public_placements.gender'),
				dimension('public_placements.age_band'),
				dimension('public_placements.departure_date', 'time'),
			],
		},
	},
	{ config: { name: 'data_freshness', dimensions: [dimension('data_freshness.last_loaded_at', 'time')] } },
];
const catalog = Catalog.fromMeta(META);
const limits = {};
const options = { publicLimits: limits, publicPipeline: true };

const MINISTER: SecurityContext = { role: 'minister' };
const NTB: SecurityContext = { role: 'regional', province: '52' };
const PUBLIC: SecurityContext = { role: 'public' };

function refusal(run: () => unknown): AccessError {
	try {
		run();
	} catch (error) {
		if (error instanceof AccessError) return error;
		throw error;
	}
	throw new Error('expected a refusal');
}

describe('queryMembers', () => {
	it('collects members from every part of a query, granularity and filter groups included', () => {
		const q: Query = {
			measures: ['a.m'],
			dimensions: ['a.d', 'a.t.month'],
			timeDimensions: [{ dimension: 'a.t2' }],
			filters: [{ or: [{ member: 'b.x', operator: 'equals', values: ['1'] }, { and: [{ dimension: 'c.y', operator: 'set' }] }] }],
			order: [['a.o', 'asc']],
			segments: ['a.s'],
		};
		expect(queryMembers(q).sort()).toEqual(['a.d', 'a.m', 'a.o', 'a.s', 'a.t', 'a.t2', 'b.x', 'c.y']);
	});

	it('refuses members that are not names', () => {
		expect(refusal(() => queryMembers({ measures: [{ expression: 'x' }] })).status).toBe(400);
	});
});

describe('every role', () => {
	it('lets minister and director read everything visible', () => {
		const q: Query = { measures: ['supply.candidates'], dimensions: ['supply.regency'] };
		expect(rewriteQuery(q, MINISTER, catalog, options)).toEqual(q);
		expect(rewriteQuery(q, { role: 'director' }, catalog, options)).toEqual(q);
	});

	it('refuses people row-level results and internal members, but not the loader', () => {
		expect(refusal(() => rewriteQuery({ dimensions: ['placements.country'], ungrouped: true }, MINISTER, catalog, options)).status).toBe(
			403,
		);
		expect(refusal(() => rewriteQuery({ dimensions: ['placements.placement_id'] }, MINISTER, catalog, options)).message).toMatch(
			/internal/,
		);
		expect(refusal(() => rewriteQuery({ measures: ['placements.p_placements'] }, NTB, catalog, options)).status).toBe(403);
		const system: SecurityContext = { role: 'system' };
		expect(rewriteQuery({ dimensions: ['placements.placement_id'], ungrouped: true }, system, catalog, options)).toBeTruthy();
	});
});

describe('regional heads', () => {
	it('read aggregates of every province unchanged', () => {
		const q: Query = { measures: ['placements.placements'], dimensions: ['placements.province'] };
		expect(rewriteRegional(q, '52')).toEqual(q);
		const demand: Query = { measures: ['job_orders.demand_slots'], dimensions: ['job_orders.country'] };
		expect(rewriteRegional(demand, '52')).toEqual(demand);
		const compared: Query = { ...q, filters: [{ member: 'placements.province', operator: 'equals', values: ['32', '52'] }] };
		expect(rewriteRegional(compared, '52')).toEqual(compared);
	});

	it('get candidate detail limited to their province when they do not name one', () => {
		const q = rewriteRegional({ measures: ['supply.candidates'], dimensions: ['supply.province'] }, '52');
		expect(q.filters).toEqual([{ member: 'supply.province', operator: 'equals', values: ['52'] }]);
	});

	it('get regency detail of any cube limited to their province', () => {
		const q = rewriteRegional({ measures: ['placements.placements'], dimensions: ['placements.regency'] }, '52');
		expect(q.filters).toEqual([{ member: 'placements.province', operator: 'equals', values: ['52'] }]);
		const names = rewriteRegional({ dimensions: ['regencies.name'] }, '52');
		expect(names.filters).toEqual([{ member: 'regencies.province', operator: 'equals', values: ['52'] }]);
	});

	it('keep their own filters, and the limit is added to them', () => {
		const q = rewriteRegional(
			{ measures: ['supply.candidates'], filters: [{ member: 'supply.province', operator: 'equals', values: ['52'] }] },
			'52',
		);
		expect(q.filters).toHaveLength(2);
		const narrowed = rewriteRegional(
			{ measures: ['supply.candidates'], filters: [{ member: 'supply.province', operator: 'notEquals', values: ['32'] }] },
			'52',
		);
		expect(narrowed.filters).toContainEqual({ member: 'supply.province', operator: 'equals', values: ['52'] });
	});

	it('are refused, with a message naming their province, when they ask for another province’s detail', () => {
		for (const filters of [
			[{ member: 'supply.province', operator: 'equals', values: ['32'] }],
			[{ member: 'supply.province', operator: 'in', values: ['52', '32'] }],
			[{ or: [{ member: 'supply.province', operator: 'equals', values: ['32'] }] }],
		]) {
			const e = refusal(() => rewriteRegional({ measures: ['supply.candidates'], filters }, '52'));
			expect(e.status).toBe(403);
			expect(e.message).toBe(
				'Regional access is limited to candidate detail of province 52 (Nusa Tenggara Barat); this query asks for province 32 (Jawa Barat) in supply.province',
			);
		}
	});

	it('are refused regencies of another province', () => {
		const e = refusal(() =>
			rewriteRegional(
				{ measures: ['placements.placements'], filters: [{ member: 'placements.regency', operator: 'equals', values: ['32.12'] }] },
				'52',
			),
		);
		expect(e.message).toMatch(/province 52 \(Nusa Tenggara Barat\); regency 32\.12/);
		expect(
			refusal(() =>
				rewriteRegional(
					{ dimensions: ['regencies.name'], filters: [{ member: 'regencies.code', operator: 'equals', values: ['32.01'] }] },
					'52',
				),
			).status,
		).toBe(403);
		const own = rewriteRegional(
			{ measures: ['placements.placements'], filters: [{ member: 'placements.regency', operator: 'equals', values: ['52.01'] }] },
			'52',
		);
		expect(own.filters).toHaveLength(2);
	});

	it('are refused cubes without an access rule', () => {
		expect(CUBE_RULES.mystery).toBeUndefined();
		expect(refusal(() => rewriteRegional({ measures: ['mystery.count'] }, '52')).message).toMatch(/no access rule/);
	});
});

describe('the public', () => {
	const ok: Query = { measures: ['public_placements.placements'], dimensions: ['public_placements.country'] };

	it('reads public views through the pipeline only', () => {
		expect(rewriteQuery(ok, PUBLIC, catalog, options)).toEqual(ok);
		expect(refusal(() => rewriteQuery(ok, PUBLIC, catalog, { publicLimits: limits })).message).toMatch(
			/through \/cubejs-api\/v1\/load only/,
		);
	});

	it('is refused everything else as not available to the public', () => {
		for (const q of [
			{ measures: ['supply.candidates'] },
			{ measures: ['placements.placements'] },
			{ dimensions: ['regencies.name'] },
		] as Query[]) {
			const e = refusal(() => checkPublicQuery(q, catalog, limits));
			expect(e.status).toBe(403);
			expect(e.message).toMatch(/is not available to the public/);
		}
		expect(refusal(() => checkPublicQuery({ measures: ['public_placements.avg_wage'] }, catalog, limits)).status).toBe(403);
	});

	it('is refused province with age or education', () => {
		const q: Query = {
			measures: ['public_placements.placements'],
			dimensions: ['public_placements.province', 'public_placements.age_band'],
		};
		expect(refusal(() => checkPublicQuery(q, catalog, limits)).message).toMatch(/province with age_band/);
	});

	it('breaks down by one attribute (a dimension or a filtered member) plus the period', () => {
		const period = { dimension: 'public_placements.departure_date', dateRange: ['2024-01-01', '2024-12-31'] };
		const two: Query = {
			measures: ['public_placements.placements'],
			dimensions: ['public_placements.country'],
			filters: [{ member: 'public_placements.gender', operator: 'equals', values: ['F'] }],
			timeDimensions: [period],
		};
		expect(refusal(() => checkPublicQuery(two, catalog, limits)).message).toMatch(
			/one attribute at a time .* uses 2: public_placements.country, public_placements.gender/,
		);
		expect(
			refusal(() =>
				checkPublicQuery({ ...two, filters: [], dimensions: ['public_placements.country', 'public_placements.gender'] }, catalog, limits),
			).status,
		).toBe(400);
		expect(() => checkPublicQuery({ ...two, filters: [] }, catalog, limits)).not.toThrow();
		expect(() => checkPublicQuery({ ...two, dimensions: [] }, catalog, limits)).not.toThrow();
		const same: Query = { ...two, filters: [{ member: 'public_placements.country', operator: 'equals', values: ['JP'] }] };
		expect(() => checkPublicQuery(same, catalog, limits)).not.toThrow();
	});

	it('takes only simple equality filters on dimensions, whole-month periods, UTC, month and coarser', () => {
		const base: Query = { measures: ['public_placements.placements'] };
		const refused: Query[] = [
			{ ...base, filters: [{ member: 'public_placements.placements', operator: 'gt', values: ['5'] }] },
			{ ...base, filters: [{ member: 'public_placements.country', operator: 'contains', values: ['J'] }] },
			{ ...base, filters: [{ and: [{ member: 'public_placements.country', operator: 'equals', values: ['JP'] }] }] },
			{ ...base, filters: [{ member: 'public_placements.country', operator: 'equals', values: [] }] },
			{ ...base, timeDimensions: [{ dimension: 'public_placements.departure_date', granularity: 'week' }] },
			{ ...base, timeDimensions: [{ dimension: 'public_placements.departure_date', dateRange: 'last year' }] },
			{ ...base, timeDimensions: [{ dimension: 'public_placements.departure_date', dateRange: ['2024-01-02', '2024-01-31'] }] },
			{ ...base, timeDimensions: [{ dimension: 'public_placements.departure_date', dateRange: ['2024-01-01', '2024-01-30'] }] },
			{ ...base, dimensions: ['public_placements.departure_date'] },
			{ ...base, dimensions: ['public_placements.departure_date.month'] },
			{ ...base, timezone: 'Asia/Jakarta' },
			{ ...base, ungrouped: true },
			{ ...base, segments: ['public_placements.x'] },
		];
		for (const q of refused) expect(() => checkPublicQuery(q, catalog, limits), JSON.stringify(q)).toThrow(AccessError);
	});

	it('reads whole months in either the API’s or Cube’s normalised form', () => {
		expect(publicDateRange(['2024-02-01', '2024-02-29'])).toEqual(['2024-02-01', '2024-02-29']);
		expect(publicDateRange(['2024-01-01T00:00:00.000', '2024-03-31T23:59:59.999'])).toEqual(['2024-01-01', '2024-03-31']);
		expect(() => publicDateRange(['2023-02-01', '2023-02-29'])).toThrow(AccessError);
		expect(() => publicDateRange(['2024-03-01', '2024-01-31'])).toThrow(AccessError);
	});

	it('reads data freshness as it is', () => {
		expect(() => checkPublicQuery({ dimensions: ['data_freshness.last_loaded_at'] }, catalog, limits)).not.toThrow();
	});

	it('knows how each public measure is protected', () => {
		expect(disclosureOf('public_placements.placements', catalog)).toEqual({ kind: 'count' });
		expect(disclosureOf('public_placements.medium_high_placements', catalog)).toEqual({
			kind: 'count',
			subsetOf: 'public_placements.placements',
		});
		expect(disclosureOf('public_placements.medium_high_share', catalog)?.kind).toBe('derived');
		expect(disclosureOf('public_placements.avg_wage', catalog)).toBeUndefined();
	});

	it('sees only public views in /meta', () => {
		const cubes = META.map((c) => ({ name: c.config.name }));
		expect(visibleCubes(cubes, PUBLIC).map((c) => c.name)).toEqual(['public_placements', 'data_freshness']);
		expect(visibleCubes(cubes, NTB)).toHaveLength(cubes.length);
	});
});
