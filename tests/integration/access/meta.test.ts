/**
 * /meta shows each role what it may ask for: the public only its views (and data freshness),
 * people the whole model; and every cube of the model has an access rule, every measure of a
 * public view a way of being protected — a new cube or measure without one fails here first.
 */
import { describe, expect, it } from 'vitest';
import { Catalog, CUBE_RULES, disclosureOf, isPublicCube, type MetaCube } from '../../../cube/src/access.ts';
import { ask, DIRECTOR, MINISTER, PUBLIC, REGIONAL_52 } from './access-client.ts';

interface MetaBody {
	cubes: { name: string; measures: { name: string; type: string; aggType?: string }[]; dimensions: { name: string; type: string }[] }[];
}

async function meta(claims: Record<string, unknown>): Promise<MetaBody['cubes']> {
	const { status, body } = await ask(claims, 'meta');
	expect(status).toBe(200);
	return (body as unknown as MetaBody).cubes;
}

describe('/meta per role', () => {
	it('lists only the public views and data freshness to the public', async () => {
		const names = (await meta(PUBLIC)).map((c) => c.name).sort();
		expect(names).toEqual(
			expect.arrayContaining(['data_freshness', 'public_demand', 'public_placements', 'public_provinces', 'public_quick_win']),
		);
		for (const name of names) expect(isPublicCube(name), name).toBe(true);
		const members = (await meta(PUBLIC)).flatMap((c) => [...c.measures, ...c.dimensions].map((m) => m.name));
		expect(members.some((m) => /regency|age_band|education|agency/.test(m))).toBe(false);
	});

	it('lists the whole model to minister, director and regional heads (they may read its aggregates)', async () => {
		for (const claims of [MINISTER, DIRECTOR, REGIONAL_52]) {
			const names = (await meta(claims)).map((c) => c.name);
			expect(names).toEqual(expect.arrayContaining(['placements', 'supply', 'applications', 'job_orders', 'public_placements']));
		}
	});

	it('has an access rule for every cube and view of the model', async () => {
		const unclassified = (await meta(MINISTER)).map((c) => c.name).filter((name) => !CUBE_RULES[name]);
		expect(unclassified, 'add them to CUBE_RULES in cube/src/access.ts').toEqual([]);
	});

	it('knows how to protect every measure of every public view', async () => {
		const cubes = await meta(PUBLIC);
		const catalog = Catalog.fromMeta(
			cubes.map((c) => ({ config: { name: c.name, measures: c.measures, dimensions: c.dimensions } })) as MetaCube[],
		);
		const unprotected = cubes
			.filter((c) => c.name.startsWith('public_'))
			.flatMap((c) => c.measures.map((m) => m.name))
			.filter((m) => !disclosureOf(m, catalog));
		expect(unprotected, 'add them to PUBLIC_MEASURES in cube/src/access.ts').toEqual([]);
	});
});
