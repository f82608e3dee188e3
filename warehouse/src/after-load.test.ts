/**
 * Which Cube pre-aggregations a load can change (after-load.ts), read from the rollup SQL and the
 * data model: a batch of one entity rebuilds the cubes over its facts and over the rollups built
 * from them, and none of the others.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cubesToRebuild, PARTITIONED_CUBES, partitionDateRanges, quarterRange } from './after-load.ts';
import { readRollups, rollupsDir } from './rollups.ts';

const modelDir = new URL('../../cube/model/', import.meta.url);

/** Every cube that has pre-aggregations, with the tables its file names (independently of the code under test). */
function cubesWithPreAggregations(): Map<string, string> {
	const out = new Map<string, string>();
	for (const name of readdirSync(modelDir)) {
		const text = readFileSync(new URL(name, modelDir), 'utf8');
		const cube = /cube\('([a-z_]+)'/.exec(text)?.[1];
		if (cube && text.includes("type: 'rollup'")) out.set(cube, text);
	}
	return out;
}

describe('cubesToRebuild', () => {
	it('rebuilds every cube when no batch is named', () => {
		expect(cubesToRebuild([])).toBeUndefined();
	});

	it('a trainings batch rebuilds the trainings cube and the cubes over rollups reading trainings, not placements', () => {
		const cubes = cubesToRebuild([{ batchId: 'x', entity: 'trainings' }]) ?? [];
		expect(cubes).toContain('trainings');
		expect(cubes).not.toContain('placements');
		expect(cubes).not.toContain('applications');
		// every pre-aggregated cube over a rollup that reads fct_trainings (transitively) is included
		const rollups = readRollups(rollupsDir);
		const reading = new Set<string>(['fct_trainings']);
		for (const r of rollups) if ([...r.sources, ...r.dependsOn].some((t) => reading.has(t))) reading.add(r.name);
		for (const [cube, text] of cubesWithPreAggregations()) {
			const touched = [...reading].some((t) => new RegExp(`\\b${t}\\b`).test(text));
			expect(cubes.includes(cube), cube).toBe(touched);
		}
	});

	it('a placements batch rebuilds placements, and the job-order and supply cubes built from rollups over placements', () => {
		const cubes = cubesToRebuild([{ batchId: 'x', entity: 'placements' }]) ?? [];
		expect(cubes).toEqual(expect.arrayContaining(['placements', 'job_orders', 'supply']));
		expect(cubes).not.toContain('trainings');
		expect(cubes).not.toContain('certifications');
	});

	it('leaves out the cubes over rollups the refresh kept, and names only cubes that have pre-aggregations', () => {
		const batch = [{ batchId: 'x', entity: 'job_order_lines' }];
		const rollups = readRollups(rollupsDir).map((r) => ({ name: r.name, rebuilt: true }));
		// every rollup rebuilt: the lines' cube and the supply cube (its candidate rollups read open demand)
		expect((cubesToRebuild(batch, rollups) ?? []).sort()).toEqual(['job_orders', 'supply']);
		// the candidate rollups kept (no partition they read changed): the supply cube needs no rebuild
		const kept = new Set(['agg_candidate_profile', 'agg_capability_match', 'agg_candidate_state']);
		const some = rollups.map((r) => ({ ...r, rebuilt: !kept.has(r.name) }));
		expect(cubesToRebuild(batch, some)).toEqual(['job_orders']);
		// cubes over changed rollups without pre-aggregations (open_slots, competency_gap) are never named
		const withPreAggregations = cubesWithPreAggregations();
		for (const cube of cubesToRebuild(batch, rollups) ?? []) expect(withPreAggregations.has(cube), cube).toBe(true);
	});
});

describe('partitionDateRanges', () => {
	it('names a quarter numbered yyyyq as its first and last instant, UTC', () => {
		expect(quarterRange(20251)).toEqual(['2025-01-01T00:00:00.000', '2025-03-31T23:59:59.999']);
		expect(quarterRange(20244)).toEqual(['2024-10-01T00:00:00.000', '2024-12-31T23:59:59.999']);
		expect(() => quarterRange(20255)).toThrow(/not a quarter/);
	});

	it('gives job_orders the quarters of agg_job_order_lines the refresh rebuilt, and nothing when it was rebuilt whole or not known', () => {
		const rebuilt = [{ name: 'agg_job_order_lines', rebuilt: true, partitionsRebuilt: [20243, 20252] }];
		expect(partitionDateRanges(['job_orders', 'supply'], rebuilt)).toEqual({ job_orders: [quarterRange(20243), quarterRange(20252)] });
		expect(partitionDateRanges(['job_orders'], [{ name: 'agg_job_order_lines', rebuilt: true }])).toBeUndefined();
		expect(partitionDateRanges(['job_orders'], undefined)).toBeUndefined();
		expect(partitionDateRanges(['supply'], rebuilt)).toBeUndefined();
	});

	it("matches the model and the rollups: each partitioned cube's pre-aggregations are split by its rollup's partitions", () => {
		const rollups = readRollups(rollupsDir);
		for (const [cube, spec] of Object.entries(PARTITIONED_CUBES)) {
			const text = readFileSync(new URL(`${cube}.js`, modelDir), 'utf8');
			const rollups_ = text.match(/type: 'rollup'/g)?.length ?? 0;
			// every rollup of the cube partitioned by quarter, over the rollup it reads
			expect((text.match(/partition_granularity: 'quarter'/g) ?? []).length, cube).toBe(rollups_);
			expect(text).toMatch(new RegExp(`sql_table: '${spec.rollup}'`));
			// the rollup is split by the quarter the cube's time dimension (issued_date) falls in
			const rollup = rollups.find((r) => r.name === spec.rollup);
			expect(rollup?.partitions?.expression.replace(/\s+/g, '')).toBe('toYear(issued_date)*10+toQuarter(issued_date)');
		}
	});
});
