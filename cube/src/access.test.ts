import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	AccessError,
	Catalog,
	checkMonthlyPeriods,
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
import { compiledMeta, MODEL_DIR } from './model-meta.ts';

type Meta = Record<string, unknown>;
const measure = (name: string, aggType = 'count', isVisible = true, meta?: Meta) => ({
	name,
	type: 'number',
	aggType,
	isVisible,
	...(meta ? { meta } : {}),
});
const dimension = (name: string, type = 'string', isVisible = true, meta?: Meta) => ({ name, type, isVisible, ...(meta ? { meta } : {}) });
/** the hidden member carrying a cube's access rule, as the model declares it */
const access = (cube: string, rule: Meta) => dimension(`${cube}.access`, 'number', false, { internal: true, access: rule });
/** the internal measure counting people per row */
const people = (cube: string, aggType = 'countDistinctApprox', isVisible = false) =>
	measure(`${cube}.people`, aggType, isVisible, { internal: true });

const META: MetaCube[] = [
	{
		config: {
			name: 'placements',
			measures: [measure('placements.placements'), measure('placements.p_placements', 'count', false), people('placements')],
			dimensions: [
				access('placements', { detail: 'aggregate', province: 'province', people: 'people' }),
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
			measures: [measure('supply.candidates'), people('supply', 'count')],
			dimensions: [
				access('supply', { detail: 'candidate', province: 'province', people: 'people' }),
				dimension('supply.province'),
				dimension('supply.regency'),
			],
		},
	},
	{
		config: {
			name: 'job_orders',
			measures: [measure('job_orders.demand_slots', 'sum')],
			dimensions: [access('job_orders', { detail: 'aggregate', people: false }), dimension('job_orders.country')],
		},
	},
	{
		config: {
			name: 'regencies',
			dimensions: [
				access('regencies', { detail: 'reference', province: 'province', people: false }),
				dimension('regencies.code'),
				dimension('regencies.province'),
				dimension('regencies.name'),
			],
		},
	},
	{ config: { name: 'mystery', measures: [measure('mystery.count')] } },
	{
		// a view: its members are visible whatever the cube says; meta comes from the cube's members
		config: {
			name: 'public_placements',
			measures: [
				measure('public_placements.placements', 'count', true, { disclosure: { kind: 'count' } }),
				measure('public_placements.medium_high_placements', 'sum', true, { disclosure: { kind: 'count', subset_of: 'placements' } }),
				measure('public_placements.medium_high_share', 'number', true, {
					disclosure: { kind: 'derived', from: ['placements', 'medium_high_placements'] },
				}),
				measure('public_placements.avg_wage', 'number'),
				measure('public_placements.broken_share', 'number', true, { disclosure: { kind: 'derived', from: ['placements', 'wages'] } }),
				measure('public_placements.population', 'max', true, { disclosure: { kind: 'open' } }),
				people('public_placements', 'countDistinctApprox', true),
			],
			dimensions: [
				{ ...access('public_placements', { detail: 'aggregate', province: 'province', people: 'people' }), isVisible: true },
				dimension('public_placements.country'),
				dimension('public_placements.province'),
				dimension('public_placements.gender'),
				dimension('public_placements.age_band'),
				dimension('public_placements.departure_date', 'time'),
			],
		},
	},
	{
		config: {
			name: 'data_freshness',
			dimensions: [access('data_freshness', { detail: 'reference', people: false }), dimension('data_freshness.last_loaded_at', 'time')],
		},
	},
];
const catalog = Catalog.fromMeta(META);
const limits = {};
const K = 5;
const options = { publicLimits: limits, publicPipeline: true, minPeoplePerRow: K };
const atLeastK = (cube: string) => ({ member: `${cube}.people`, operator: 'gte', values: [String(K)] });

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
	it('lets minister and director read everything visible, in rows of at least k people', () => {
		const q: Query = { measures: ['supply.candidates'], dimensions: ['supply.regency'] };
		const withK = { ...q, filters: [atLeastK('supply')] };
		expect(rewriteQuery(q, MINISTER, catalog, options)).toEqual(withK);
		expect(rewriteQuery(q, { role: 'director' }, catalog, options)).toEqual(withK);
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

describe('person-level rows: every row of a cube that counts people describes at least k people', () => {
	const roles: [string, SecurityContext][] = [
		['minister', MINISTER],
		['director', { role: 'director' }],
		['regional', NTB],
	];

	it('adds people >= k for every people-counting cube a query touches, for every role with a login', () => {
		const q: Query = {
			measures: ['placements.placements'],
			dimensions: ['placements.country', 'placements.province'],
			timeDimensions: [{ dimension: 'placements.departure_date', granularity: 'day' }],
		};
		for (const [name, context] of roles)
			expect(rewriteQuery(q, context, catalog, options).filters, name).toContainEqual(atLeastK('placements'));
		// a dimensions-only query and a one-row total narrowed by filters alike
		const narrowed: Query = {
			measures: ['placements.placements'],
			filters: [{ member: 'placements.country', operator: 'equals', values: ['JP'] }],
		};
		expect(rewriteQuery(narrowed, MINISTER, catalog, options).filters).toEqual([...narrowed.filters!, atLeastK('placements')]);
		expect(rewriteQuery({ dimensions: ['placements.country'] }, MINISTER, catalog, options).filters).toEqual([atLeastK('placements')]);
	});

	it('keeps the user’s filters and the regional limit beside it', () => {
		const q = rewriteQuery({ measures: ['supply.candidates'], dimensions: ['supply.regency'] }, NTB, catalog, options);
		expect(q.filters).toEqual([{ member: 'supply.province', operator: 'equals', values: ['52'] }, atLeastK('supply')]);
	});

	it('uses the k it is given', () => {
		const q = rewriteQuery({ measures: ['placements.placements'] }, MINISTER, catalog, { ...options, minPeoplePerRow: 11 });
		expect(q.filters).toEqual([{ member: 'placements.people', operator: 'gte', values: ['11'] }]);
	});

	it('leaves cubes whose rows do not count people (demand, reference data) as they are', () => {
		const q: Query = { measures: ['job_orders.demand_slots'], dimensions: ['job_orders.country'] };
		expect(rewriteQuery(q, MINISTER, catalog, options)).toEqual(q);
		expect(rewriteQuery({ dimensions: ['regencies.name'] }, MINISTER, catalog, options)).toEqual({ dimensions: ['regencies.name'] });
	});

	it('counts people in a view through the view’s own people member', () => {
		const q: Query = { measures: ['public_placements.placements'], dimensions: ['public_placements.country'] };
		expect(rewriteQuery(q, MINISTER, catalog, options).filters).toEqual([atLeastK('public_placements')]);
	});

	it('is not applied to the loader nor inside the public pipeline (which has its own threshold)', () => {
		const q: Query = { measures: ['placements.placements'], dimensions: ['placements.country'] };
		expect(rewriteQuery(q, { role: 'system' }, catalog, options)).toEqual(q);
		const pub: Query = { measures: ['public_placements.placements'], dimensions: ['public_placements.country'] };
		expect(rewriteQuery(pub, PUBLIC, catalog, options)).toEqual(pub);
	});

	it('cannot be asked for nor undone: the people measure and the access member are internal, even in a view', () => {
		for (const member of ['placements.people', 'public_placements.people']) {
			for (const [, context] of roles)
				expect(refusal(() => rewriteQuery({ measures: [member] }, context, catalog, options)).status).toBe(403);
			// nor used in a filter of one's own (e.g. people < k)
			const q: Query = { measures: ['placements.placements'], filters: [{ member, operator: 'lt', values: ['5'] }] };
			expect(refusal(() => rewriteQuery(q, MINISTER, catalog, options)).message).toMatch(/internal/);
		}
		expect(refusal(() => rewriteQuery({ dimensions: ['public_placements.access'] }, MINISTER, catalog, options)).status).toBe(403);
		expect(refusal(() => checkPublicQuery({ measures: ['public_placements.people'] }, catalog, limits)).status).toBe(403);
	});

	it('refuses a cube without a declared rule to every role with a login (fail closed)', () => {
		for (const [name, context] of [...roles, ['public', PUBLIC] as [string, SecurityContext]]) {
			const e = refusal(() => rewriteQuery({ measures: ['mystery.count'] }, context, catalog, options));
			expect(e.status, name).toBe(403);
		}
		expect(rewriteQuery({ measures: ['mystery.count'] }, { role: 'system' }, catalog, options)).toBeTruthy();
		// a name the model lacks altogether is Cube's usual 400
		const unknown = refusal(() => rewriteQuery({ measures: ['nocube.count'] }, NTB, catalog, options));
		expect([unknown.status, unknown.message]).toEqual([400, "Cube 'nocube' not found"]);
	});
});

describe('access rules declared in the model', () => {
	const cube = (name: string, rule: unknown, members: Record<string, unknown>[] = []): MetaCube => ({
		config: {
			name,
			measures: [measure(`${name}.n`), people(name), ...members.filter((m) => m.aggType)] as never,
			dimensions: [
				dimension(`${name}.province`),
				...(rule === undefined ? [] : [dimension(`${name}.access`, 'number', false, { internal: true, access: rule })]),
			],
		},
	});

	it('reads detail, province of origin and people from the `access` member', () => {
		const c = Catalog.fromMeta([cube('x', { detail: 'candidate', province: 'province', people: 'people' })]);
		expect(c.ruleOf('x')).toEqual({ detail: 'candidate', province: 'province', people: 'people' });
		expect(Catalog.fromMeta([cube('y', { detail: 'reference', people: false })]).ruleOf('y')).toEqual({
			detail: 'reference',
			people: false,
		});
	});

	it('has no rule, and says why, for a missing or wrong declaration', () => {
		const wrong: [unknown, RegExp][] = [
			[undefined, /declares no access rule/],
			[{ detail: 'secret', people: false }, /detail must be one of/],
			[{ detail: 'aggregate', province: 'origin', people: false }, /province must name a dimension/],
			[{ detail: 'aggregate', people: 'persons' }, /people must name a measure/],
			[{ detail: 'aggregate' }, /people must name a measure/],
			[{ detail: 'aggregate', province: 'province', people: 'province' }, /people must name a measure/],
		];
		for (const [rule, why] of wrong) {
			const c = Catalog.fromMeta([cube('z', rule)]);
			expect(c.ruleOf('z'), JSON.stringify(rule)).toBeUndefined();
			expect(c.problems.get('z')).toMatch(why);
		}
	});

	it('makes internal members invisible wherever they appear', () => {
		expect(catalog.members.get('public_placements.people')?.visible).toBe(false);
		expect(catalog.members.get('public_placements.access')?.visible).toBe(false);
		expect(catalog.members.get('public_placements.placements')?.visible).toBe(true);
	});
});

describe('regional heads', () => {
	it('read aggregates of every province unchanged', () => {
		const q: Query = { measures: ['placements.placements'], dimensions: ['placements.province'] };
		expect(rewriteRegional(q, '52', catalog)).toEqual(q);
		const demand: Query = { measures: ['job_orders.demand_slots'], dimensions: ['job_orders.country'] };
		expect(rewriteRegional(demand, '52', catalog)).toEqual(demand);
		const compared: Query = { ...q, filters: [{ member: 'placements.province', operator: 'equals', values: ['32', '52'] }] };
		expect(rewriteRegional(compared, '52', catalog)).toEqual(compared);
	});

	it('get candidate detail limited to their province when they do not name one', () => {
		const q = rewriteRegional({ measures: ['supply.candidates'], dimensions: ['supply.province'] }, '52', catalog);
		expect(q.filters).toEqual([{ member: 'supply.province', operator: 'equals', values: ['52'] }]);
	});

	it('get regency detail of any cube limited to their province', () => {
		const q = rewriteRegional({ measures: ['placements.placements'], dimensions: ['placements.regency'] }, '52', catalog);
		expect(q.filters).toEqual([{ member: 'placements.province', operator: 'equals', values: ['52'] }]);
		const names = rewriteRegional({ dimensions: ['regencies.name'] }, '52', catalog);
		expect(names.filters).toEqual([{ member: 'regencies.province', operator: 'equals', values: ['52'] }]);
	});

	it('keep their own filters, and the limit is added to them', () => {
		const q = rewriteRegional(
			{ measures: ['supply.candidates'], filters: [{ member: 'supply.province', operator: 'equals', values: ['52'] }] },
			'52',
			catalog,
		);
		expect(q.filters).toHaveLength(2);
		const narrowed = rewriteRegional(
			{ measures: ['supply.candidates'], filters: [{ member: 'supply.province', operator: 'notEquals', values: ['32'] }] },
			'52',
			catalog,
		);
		expect(narrowed.filters).toContainEqual({ member: 'supply.province', operator: 'equals', values: ['52'] });
	});

	it('are refused, with a message naming their province, when they ask for another province’s detail', () => {
		for (const filters of [
			[{ member: 'supply.province', operator: 'equals', values: ['32'] }],
			[{ member: 'supply.province', operator: 'in', values: ['52', '32'] }],
			[{ or: [{ member: 'supply.province', operator: 'equals', values: ['32'] }] }],
		]) {
			const e = refusal(() => rewriteRegional({ measures: ['supply.candidates'], filters }, '52', catalog));
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
				catalog,
			),
		);
		expect(e.message).toMatch(/province 52 \(Nusa Tenggara Barat\); regency 32\.12/);
		expect(
			refusal(() =>
				rewriteRegional(
					{ dimensions: ['regencies.name'], filters: [{ member: 'regencies.code', operator: 'equals', values: ['32.01'] }] },
					'52',
					catalog,
				),
			).status,
		).toBe(403);
		const own = rewriteRegional(
			{ measures: ['placements.placements'], filters: [{ member: 'placements.regency', operator: 'equals', values: ['52.01'] }] },
			'52',
			catalog,
		);
		expect(own.filters).toHaveLength(2);
	});

	it('are refused cubes without an access rule', () => {
		expect(catalog.ruleOf('mystery')).toBeUndefined();
		expect(refusal(() => rewriteRegional({ measures: ['mystery.count'] }, '52', catalog)).message).toMatch(/no access rule/);
	});
});

describe('the public', () => {
	const ok: Query = { measures: ['public_placements.placements'], dimensions: ['public_placements.country'] };

	it('reads public views through the pipeline only', () => {
		expect(rewriteQuery(ok, PUBLIC, catalog, options)).toEqual(ok);
		expect(refusal(() => rewriteQuery(ok, PUBLIC, catalog, { publicLimits: limits, minPeoplePerRow: K })).message).toMatch(
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
		expect(disclosureOf('public_placements.medium_high_share', catalog)).toEqual({
			kind: 'derived',
			from: ['public_placements.placements', 'public_placements.medium_high_placements'],
		});
		expect(disclosureOf('public_placements.population', catalog)).toEqual({ kind: 'open' });
		// undeclared and not a count, declared from a member the view lacks, or internal: not public
		expect(disclosureOf('public_placements.avg_wage', catalog)).toBeUndefined();
		expect(disclosureOf('public_placements.broken_share', catalog)).toBeUndefined();
		expect(disclosureOf('public_placements.people', catalog)).toBeUndefined();
	});

	it('sees only public views in /meta, without their internal members', () => {
		const cubes = META.map((c) => ({ name: c.config.name }));
		expect(visibleCubes(cubes, PUBLIC).map((c) => c.name)).toEqual(['public_placements', 'data_freshness']);
		expect(visibleCubes(cubes, NTB)).toHaveLength(cubes.length);
		const full = META.map((c) => ({ ...c.config }));
		const view = visibleCubes(full, PUBLIC).find((c) => c.name === 'public_placements')!;
		expect(view.measures!.map((m) => m.name)).not.toContain('public_placements.people');
		expect(view.dimensions!.map((m) => m.name)).not.toContain('public_placements.access');
		expect(view.measures!.map((m) => m.name)).toContain('public_placements.placements');
		// people with a login see every cube, and no internal member either
		const theirs = visibleCubes(full, MINISTER).find((c) => c.name === 'public_placements')!;
		expect(theirs.measures!.map((m) => m.name)).not.toContain('public_placements.people');
		expect(theirs.dimensions!.map((m) => m.name)).not.toContain('public_placements.access');
	});
});

describe('the model itself', () => {
	it('declares an access rule for every cube and view; a new one without a rule has none, and is refused', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'slmi-model-'));
		try {
			cpSync(MODEL_DIR, dir, { recursive: true });
			writeFileSync(
				join(dir, 'newcomer.js'),
				"cube('newcomer', { sql_table: 'fct_placements', measures: { n: { type: 'count' } }, dimensions: { province: { sql: 'province_code', type: 'string' } } });\n",
			);
			const model = Catalog.fromMeta(await compiledMeta(`${dir}/`));
			expect(model.cubes.size).toBeGreaterThan(20);
			expect([...model.cubes].filter((c) => !model.ruleOf(c))).toEqual(['newcomer']);
			expect(model.problems.get('newcomer')).toMatch(/declares no access rule/);
			for (const context of [MINISTER, NTB, PUBLIC])
				expect(refusal(() => rewriteQuery({ measures: ['newcomer.n'] }, context, model, options)).status).toBe(403);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}, 30_000);
});

describe('monthly data: periods that cut a month are refused, naming the field', () => {
	const monthly = ['open_slots.as_of', 'fill_time.departure_month', 'province_rates.month', 'quick_win.month'];
	let model: Catalog;
	const check = (query: Query) => () => checkMonthlyPeriods(query, model);

	it('the model marks its monthly time dimensions (and only those of monthly rollups)', async () => {
		model = Catalog.fromMeta(await compiledMeta());
		const marked = [...model.members.values()].filter((m) => m.meta?.period === 'month').map((m) => m.name);
		for (const name of monthly) expect(marked, name).toContain(name);
		expect(marked).not.toContain('placements.departure_date');
	}, 30_000);

	it('refuses part of a month in a dateRange, a compareDateRange or an inDateRange filter; accepts whole months', () => {
		for (const dimension of monthly) {
			for (const dateRange of [['2025-06-01', '2025-06-15'], ['2025-03-10', '2025-04-20'], ['2025-06-01'], 'last 7 days', 'today']) {
				const error = refusal(check({ timeDimensions: [{ dimension, dateRange }] }));
				expect(error.status).toBe(400);
				expect(error.message).toMatch(new RegExp(`^timeDimensions\\[0\\]\\.dateRange: ${dimension.replace('.', '\\.')} is monthly data`));
			}
			expect(
				refusal(
					check({
						timeDimensions: [
							{
								dimension,
								compareDateRange: [
									['2025-01-01', '2025-01-31'],
									['2025-02-01', '2025-02-14'],
								],
							},
						],
					}),
				).status,
			).toBe(400);
			expect(
				refusal(check({ filters: [{ member: dimension, operator: 'inDateRange', values: ['2025-06-01', '2025-06-15'] }] })).message,
			).toMatch(/^filters:/);
			expect(refusal(check({ filters: [{ member: dimension, operator: 'beforeDate', values: ['2025-06-15'] }] })).status).toBe(400);
			for (const dateRange of [
				['2025-03-01', '2025-04-30'],
				['2024-02-01T00:00:00.000', '2024-02-29T23:59:59.999'],
				'this year',
				'last month',
			])
				expect(check({ timeDimensions: [{ dimension, dateRange, granularity: 'month' }] })).not.toThrow();
			expect(check({ filters: [{ member: dimension, operator: 'inDateRange', values: ['2025-01-01', '2025-12-31'] }] })).not.toThrow();
		}
		// daily data answers any range
		expect(check({ timeDimensions: [{ dimension: 'placements.departure_date', dateRange: ['2025-06-01', '2025-06-15'] }] })).not.toThrow();
	});

	it('applies to every role but the loader', () => {
		const q: Query = {
			measures: ['open_slots.open_slots'],
			timeDimensions: [{ dimension: 'open_slots.as_of', dateRange: ['2025-06-01', '2025-06-15'] }],
		};
		for (const context of [MINISTER, NTB]) expect(refusal(() => rewriteQuery(q, context, model, options)).status).toBe(400);
		expect(rewriteQuery(q, { role: 'system' }, model, options)).toBe(q);
	});
});
