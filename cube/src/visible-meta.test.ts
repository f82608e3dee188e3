import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { memoizeGatewayVisibleMeta, type VisibleMetaFilter } from './visible-meta.ts';

// Cube's own gateway, so the test reads the filter the server memoises (not a copy of it).
const { ApiGateway } = createRequire(import.meta.url)('@cubejs-backend/api-gateway') as { ApiGateway: { prototype: object } };

function meta(suffix = '') {
	const member = (name: string, isVisible: boolean) => ({ name: `jobs.${name}${suffix}`, isVisible });
	return [
		{
			isVisible: true,
			config: {
				name: 'jobs',
				measures: [member('slots', true), member('people', false)],
				dimensions: [member('country', true), member('id', false)],
				segments: [],
			},
		},
		{ isVisible: false, config: { name: 'helpers', measures: [{ name: 'helpers.hidden', isVisible: false }], dimensions: [] } },
	];
}

const names = (cubes: readonly object[]) =>
	(cubes as { config: { measures?: { name: string }[]; dimensions?: { name: string }[] } }[]).flatMap((c) =>
		[...(c.config.measures ?? []), ...(c.config.dimensions ?? [])].map((m) => m.name),
	);

function gateway(): { filterVisibleItemsInMeta: VisibleMetaFilter } {
	const g = Object.create(ApiGateway.prototype) as { filterVisibleItemsInMeta: VisibleMetaFilter };
	memoizeGatewayVisibleMeta(g);
	return g;
}

describe('the visible part of the model, once per compiled model (visible-meta.ts)', () => {
	it("answers what Cube's own filter answers, for every request in any order", () => {
		const cube = Object.create(ApiGateway.prototype) as { filterVisibleItemsInMeta: VisibleMetaFilter };
		const g = gateway();
		const model = meta();
		const people = {};
		const playground = { signedWithPlaygroundAuthSecret: true };
		for (const context of [people, playground, people, playground]) {
			expect(g.filterVisibleItemsInMeta(context, model)).toEqual(cube.filterVisibleItemsInMeta(context, model));
		}
		expect(names(g.filterVisibleItemsInMeta(people, model))).toEqual(['jobs.slots', 'jobs.country']);
		// hidden members only where Cube shows them (a playground token), never to the next request
		expect(names(g.filterVisibleItemsInMeta(playground, model))).toContain('jobs.people');
		expect(names(g.filterVisibleItemsInMeta(people, model))).not.toContain('jobs.people');
	});

	it('follows a recompiled model', () => {
		const g = gateway();
		expect(names(g.filterVisibleItemsInMeta({}, meta()))).toEqual(['jobs.slots', 'jobs.country']);
		expect(names(g.filterVisibleItemsInMeta({}, meta('_v2')))).toEqual(['jobs.slots_v2', 'jobs.country_v2']);
	});

	it('cannot be changed by one request for the next', () => {
		const g = gateway();
		const model = meta();
		const first = g.filterVisibleItemsInMeta({}, model) as { config: { measures: unknown[] } }[];
		expect(() => first[0]!.config.measures.push({ name: 'jobs.people', isVisible: false })).toThrow(TypeError);
		expect(() => {
			(first as unknown[]).push({ config: { name: 'extra' } });
		}).toThrow(TypeError);
		expect(names(g.filterVisibleItemsInMeta({}, model))).toEqual(['jobs.slots', 'jobs.country']);
	});
});
