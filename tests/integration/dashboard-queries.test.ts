/**
 * Every query the dashboard makes (its query catalogue, web/src/lib/server/queries.ts) is
 * answered without scanning raw facts: queries on cubes with pre-aggregations are planned on them
 * (/sql) and report them in usedPreAggregations (/load), and the others read only the agg_* rollups
 * and dim_* reference tables.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { diagnosticCubePort } from '../../scripts/instances.ts';
import { type RunningService, startCube } from '../../scripts/stack.ts';
import { type CatalogueEntry, dashboardCatalogue } from '../../web/src/lib/server/queries.ts';
import { cubeRequest, tokenFor } from '../support/cube-client.ts';
import { TEST_UNTIL } from '../support/test-data.ts';

const cube = inject('cube')!;
const clickhouse = inject('clickhouse');
const modelDir = new URL('../../cube/model/', import.meta.url);

/** Cubes whose model defines pre-aggregations (views resolve to the cube they join). */
function cubesWithPreAggregations(): Set<string> {
	const names = new Set<string>();
	for (const file of readdirSync(modelDir)) {
		const source = readFileSync(new URL(file, modelDir), 'utf8');
		if (/pre_aggregations:\s*\{/.test(source)) names.add(file.replace(/\.js$/, ''));
	}
	return names;
}

function cubesOf(entry: CatalogueEntry): string[] {
	const q = entry.query.query;
	const members = [...(q.measures ?? []), ...(q.dimensions ?? []), ...(q.timeDimensions ?? []).map((t) => t.dimension)];
	return [...new Set(members.map((m) => m.split('.')[0] ?? ''))];
}

/** The cube a public view reads (public_placements → placements, …), from its model file. */
function underlyingCube(view: string): string {
	const source = readFileSync(new URL(`${view}.js`, modelDir), 'utf8');
	return /join_path:\s*([a-z_]+)/.exec(source)?.[1] ?? view;
}

let catalogue: CatalogueEntry[];
let minister: string;
const preAggregated = cubesWithPreAggregations();
// Same model, warehouse and pre-aggregation tables as the test stack's Cube; tokens signed with
// its playground secret make /load report usedPreAggregations.
const playgroundSecret = randomBytes(32).toString('hex');
let diagnostic: RunningService | undefined;
let diagnosticCube: { url: string; apiSecret: string };
let playground: string;

beforeAll(async () => {
	diagnostic = await startCube(
		clickhouse,
		{
			port: diagnosticCubePort,
			apiSecret: cube.apiSecret,
			preAggregationsSchema: `${clickhouse.database}_pre_aggregations`,
			env: { CUBEJS_PLAYGROUND_AUTH_SECRET: playgroundSecret, SLMI_DIAGNOSTIC_CUBE: 'yes' },
		},
		() => {},
	);
	diagnosticCube = { url: diagnostic.url, apiSecret: cube.apiSecret };
	playground = await tokenFor({ ...diagnosticCube, apiSecret: playgroundSecret }, { role: 'minister', sub: 'catalogue-test' });
	minister = await tokenFor(cube, { role: 'minister', sub: 'catalogue-test' });
	const meta = await cubeRequest(cube, 'meta', minister);
	const members = new Set(
		(meta.body.cubes as { measures: { name: string }[]; dimensions: { name: string }[] }[]).flatMap((c) =>
			[...c.measures, ...c.dimensions].map((m) => m.name),
		),
	);
	const [freshness] = (await cubeRequest(cube, 'load', minister, { dimensions: ['data_freshness.data_as_of'] })).body.data ?? [];
	const latest = String(freshness?.['data_freshness.data_as_of'] ?? TEST_UNTIL).slice(0, 7);
	catalogue = dashboardCatalogue(members, latest);
});

afterAll(async () => {
	await diagnostic?.stop();
});

describe('the dashboard query catalogue', () => {
	it('covers every page', () => {
		const pages = new Set(catalogue.map((e) => e.query.name.split('.')[0]));
		expect([...pages].sort()).toEqual(['country', 'markets', 'matching', 'overview', 'province', 'provinces', 'public']);
		expect(catalogue.length).toBeGreaterThan(40);
	});

	it('never scans a raw fact table, and uses a pre-aggregation wherever the cube has them', async () => {
		const failures: string[] = [];
		for (const entry of catalogue) {
			const sql = await cubeRequest(cube, 'sql', minister, entry.query.query);
			const text = JSON.stringify(sql.body.sql ?? '');
			if (sql.status !== 200) {
				failures.push(`${entry.query.name}: /sql answered ${sql.status} ${sql.body.error}`);
				continue;
			}
			const cubes = cubesOf(entry).map((c) => (c.startsWith('public_') ? underlyingCube(c) : c));
			if (cubes.some((c) => preAggregated.has(c))) {
				// Cube's compiler lists the pre-aggregations it reads the query from, and the query's
				// SQL names their tables (/load swaps in the versioned ones).
				const body = sql.body.sql as { sql: [string, unknown[]]; preAggregations?: { tableName: string }[] };
				const tables = (body.preAggregations ?? []).map((p) => p.tableName);
				if (tables.length === 0) failures.push(`${entry.query.name}: no pre-aggregation used (${cubes.join(', ')})`);
				else if (/\bfct_/.test(body.sql[0]) || !tables.some((t) => body.sql[0].includes(t)))
					failures.push(`${entry.query.name}: does not read its pre-aggregation ${tables.join(', ')}`);
				else {
					const load = await cubeRequest(diagnosticCube, 'load', playground, entry.query.query);
					const used = Object.keys((load.body.usedPreAggregations as Record<string, unknown> | undefined) ?? {});
					if (load.status !== 200) failures.push(`${entry.query.name}: /load answered ${load.status} ${load.body.error}`);
					else if (!tables.every((t) => used.includes(t)))
						failures.push(`${entry.query.name}: /load used [${used.join(', ')}], /sql planned [${tables.join(', ')}]`);
				}
			} else if (/\bfct_/.test(text)) {
				failures.push(`${entry.query.name}: reads a raw fact table`);
			} else if (!/agg_|dim_|ops_|match_/.test(text)) {
				// match_* hold the matching engine's stored runs: computed after a load, like a rollup
				failures.push(`${entry.query.name}: reads neither a rollup nor reference data`);
			}
		}
		expect(failures).toEqual([]);
	});

	it('answers the public queries to a public token', async () => {
		const publicToken = await tokenFor(cube, { role: 'public' });
		for (const entry of catalogue.filter((e) => e.role === 'public')) {
			const load = await cubeRequest(cube, 'load', publicToken, entry.query.query);
			expect(load.status, `${entry.query.name}: ${load.body.error}`).toBe(200);
		}
	});
});
