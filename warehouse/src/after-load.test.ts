/**
 * Which Cube pre-aggregations a load can change (after-load.ts), read from the rollup SQL and the
 * data model: a batch of one entity rebuilds the cubes over its facts and over the rollups built
 * from them, and none of the others.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cubesToRebuild } from './after-load.ts';
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
