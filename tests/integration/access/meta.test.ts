/**
 * /meta shows each role what it may ask for: the public only its views (and data freshness),
 * people the whole model; and every cube and view of the model declares its access rule in the
 * model (the hidden `access` member's meta), every measure of a public view a way of being
 * protected (its meta `disclosure`) — a new cube, view or measure without one fails here first.
 */
import { describe, expect, it } from 'vitest';
import { Catalog, disclosureOf, isPublicCube, type MetaCube } from '../../../cube/src/access.ts';
import { compiledMeta } from '../../../cube/src/model-meta.ts';
import { ask, DIRECTOR, MINISTER, PUBLIC, REGIONAL_52 } from './access-client.ts';

type MetaMember = { name: string; type: string; aggType?: string; isVisible?: boolean; meta?: Record<string, unknown> };
interface MetaBody {
	cubes: { name: string; measures: MetaMember[]; dimensions: MetaMember[] }[];
}

function catalogOf(cubes: MetaBody['cubes']): Catalog {
	return Catalog.fromMeta(cubes.map((c) => ({ config: { name: c.name, measures: c.measures, dimensions: c.dimensions } })) as MetaCube[]);
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
		// views show the members they include, hidden or not: the internal ones are taken out
		expect(members.filter((m) => /\.(people|access)$/.test(m))).toEqual([]);
	});

	it('lists the whole model to minister, director and regional heads (they may read its aggregates)', async () => {
		for (const claims of [MINISTER, DIRECTOR, REGIONAL_52]) {
			const cubes = await meta(claims);
			expect(cubes.map((c) => c.name)).toEqual(
				expect.arrayContaining(['placements', 'supply', 'applications', 'job_orders', 'public_placements']),
			);
			// nor to them the internal members a view shows (they could not query them)
			const members = cubes.flatMap((c) => [...c.measures, ...c.dimensions].map((m) => m.name));
			expect(members.filter((m) => /\.(people|access)$/.test(m))).toEqual([]);
		}
	});

	// The rules are read from the compiled model, hidden members included (/meta leaves those out).
	it('has an access rule declared in the model for every cube and view', async () => {
		const compiled = await compiledMeta();
		const catalog = Catalog.fromMeta(compiled);
		const names = (await meta(MINISTER)).map((c) => c.name);
		expect(compiled.map((c) => c.config.name).sort()).toEqual(expect.arrayContaining(names));
		const unclassified = compiled.filter((c) => !catalog.ruleOf(c.config.name)).map((c) => catalog.problems.get(c.config.name));
		expect(unclassified, 'declare them in the model: a hidden dimension `access` with meta.access (docs/access.md)').toEqual([]);
	});

	it('counts the people of every row where a cube says its rows count people, with an internal measure', async () => {
		const catalog = Catalog.fromMeta(await compiledMeta());
		const counting = [...catalog.rules].filter(([, rule]) => rule.people).map(([cube]) => cube);
		expect(counting).toEqual(
			expect.arrayContaining(['placements', 'supply', 'applications', 'trainings', 'certifications', 'public_placements']),
		);
		for (const cube of counting) {
			const people = catalog.members.get(`${cube}.${catalog.ruleOf(cube)!.people}`);
			expect(people?.kind, cube).toBe('measure');
			expect(people?.visible, `${cube}: the people measure is internal`).toBe(false);
		}
	});

	it('knows how to protect every measure of every public view', async () => {
		const cubes = await meta(PUBLIC);
		const catalog = catalogOf(cubes);
		const unprotected = cubes
			.filter((c) => c.name.startsWith('public_'))
			.flatMap((c) => c.measures.map((m) => m.name))
			.filter((m) => !disclosureOf(m, catalog));
		expect(unprotected, 'declare meta.disclosure on the measure in the model (docs/access.md)').toEqual([]);
	});
});
