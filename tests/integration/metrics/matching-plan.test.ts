/**
 * The training and certification planner stored with the matching run (issue #15 §3,
 * docs/matching.md "Training planner"):
 * - the stored plan equals the planner run here on the stack's own reads of the same data (the
 *   run's lines, candidates and certification bodies) with the stored budget;
 * - its base (no seat) equals the engine's own optimum without fairness, stored by the engine; its
 *   bound (planBound: no plan fills more) equals the planner's own and lies between the plan's fill
 *   and the upper bound;
 * - by independent SQL: the rows add up to the stored gains, the plan is at least the proportional
 *   allocation and at most the upper bound and the budget, certificate exams stay within the
 *   capacity of the bodies assessing the scheme (dim tables), and no province gets more seats of a
 *   kind than it has waiting candidates lacking it for an open line that asks for it;
 * - Cube serves exactly the stored rows to the minister, directors and regional heads get them,
 *   the public neither sees nor queries them.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { planTraining, type SeatRow } from '../../../warehouse/src/matching/planner.ts';
import { readCertificationBodies, readMatchingInput } from '../../../warehouse/src/matching/run.ts';
import { settleRefreshes } from '../../support/refresh.ts';
import { ask, DIRECTOR, PUBLIC, REGIONAL_52 } from '../access/access-client.ts';
import { cubeRows, dataReady, db, expectSame, type Row, sqlRow, sqlRows } from './harness.ts';

const ingest = inject('ingest');
let runId = '';
let planRun: Row = {};
let stored: Row[] = [];

const key = (r: Row) => `${r.province_code}|${r.kind}|${r.code}|${Number(r.level)}`;

beforeAll(async () => {
	await dataReady();
	// an earlier file's batch starts a run in the background: compare with the run stored after it
	await settleRefreshes(ingest);
	runId = String((await sqlRow('SELECT max(run_id) AS run_id FROM match_runs')).run_id);
	planRun = await sqlRow(`SELECT * FROM match_plan_runs WHERE run_id = '${runId}'`);
	stored = await sqlRows(`SELECT * FROM match_plan WHERE run_id = '${runId}' ORDER BY province_code, kind, code, level`);
});

describe('the stored training plan', () => {
	it('exists for the latest run, makes slots fillable, and its base is the engine optimum without fairness', async () => {
		expect(planRun.run_id).toBe(runId);
		expect(stored.length).toBeGreaterThan(0);
		const run = await sqlRow(`SELECT fillable_unconstrained FROM match_runs WHERE run_id = '${runId}'`);
		expectSame(planRun.base_fillable, run.fillable_unconstrained, 'base fill = the engine optimum without fairness');
		expect(Number(planRun.plan_fillable)).toBeGreaterThan(Number(planRun.base_fillable));
	});

	it('equals the planner run on the same data with the stored budget', async () => {
		const [{ lines, candidates }, bodies] = await Promise.all([readMatchingInput(db), readCertificationBodies(db)]);
		const plan = await planTraining(candidates, lines, bodies, {
			seats: JSON.parse(String(planRun.seats)) as SeatRow[],
			capacityShare: Number(planRun.capacity_share),
		});
		expectSame(plan.nearCandidates, planRun.near_candidates, 'near candidates');
		expectSame(plan.baseFillable, planRun.base_fillable, 'base');
		expectSame(plan.planFillable, planRun.plan_fillable, 'plan');
		expectSame(plan.proportionalFillable, planRun.proportional_fillable, 'proportional');
		expectSame(plan.upperBoundFillable, planRun.upper_bound_fillable, 'upper bound');
		// the planner's own bound (the relaxation's fill, rounded down): no plan fills more
		expectSame(plan.planBound, planRun.plan_bound, 'plan bound');
		const mine = plan.rows.map((r) =>
			[
				`${r.province}|${r.kind}|${r.code}|${r.level}`,
				r.plan.seats,
				r.plan.candidates,
				r.plan.slots,
				r.proportional.seats,
				r.proportional.candidates,
				r.proportional.slots,
			].join(' '),
		);
		const theirs = stored.map((r) =>
			[key(r), r.plan_seats, r.plan_candidates, r.plan_slots, r.proportional_seats, r.proportional_candidates, r.proportional_slots]
				.map((v) => (typeof v === 'string' && v.includes('|') ? v : Number(v)))
				.join(' '),
		);
		expect(theirs.sort()).toEqual(mine.sort());
	});

	it('by SQL: rows add up to the gains; plan ≥ proportional; ≤ upper bound and budget', async () => {
		const sums = await sqlRow(
			`SELECT sum(plan_seats) AS plan_seats, sum(plan_slots) AS plan_slots, sum(proportional_seats) AS proportional_seats,
				sum(proportional_slots) AS proportional_slots, sum(plan_candidates) AS plan_candidates
			 FROM match_plan WHERE run_id = '${runId}'`,
		);
		const base = Number(planRun.base_fillable);
		expectSame(sums.plan_slots, Number(planRun.plan_fillable) - base, 'plan rows add up to its gain');
		expectSame(sums.proportional_slots, Number(planRun.proportional_fillable) - base, 'proportional rows add up to its gain');
		expect(Number(planRun.plan_fillable)).toBeGreaterThanOrEqual(Number(planRun.proportional_fillable));
		expect(Number(planRun.plan_fillable)).toBeLessThanOrEqual(Number(planRun.upper_bound_fillable));
		// the bound lies between what the plan fills and what training everyone would
		expect(Number(planRun.plan_bound)).toBeGreaterThanOrEqual(Number(planRun.plan_fillable));
		expect(Number(planRun.plan_bound)).toBeLessThanOrEqual(Number(planRun.upper_bound_fillable));
		expect(Number(sums.plan_seats)).toBeLessThanOrEqual(Number(planRun.budget));
		expect(Number(sums.proportional_seats)).toBeLessThanOrEqual(Number(planRun.budget));
		expectSame(sums.plan_candidates, sums.plan_seats, 'one seat, one candidate');
	});

	it('by SQL: certificate exams stay within the capacity of the bodies assessing the scheme', async () => {
		const rows = await sqlRows(
			`SELECT code, planned, capacity FROM
			 (SELECT code, sum(plan_candidates) AS planned FROM match_plan WHERE run_id = '${runId}' AND kind = 'certificate' GROUP BY code)
			 ANY LEFT JOIN
			 (
				SELECT scheme_code AS code, sum(toUInt64(floor(annual_capacity * ${Number(planRun.capacity_share)}))) AS capacity
				FROM dim_certification_body_schemes ANY INNER JOIN dim_certification_bodies USING body_code
				GROUP BY scheme_code
			 ) USING code`,
		);
		for (const r of rows) expect(Number(r.planned), String(r.code)).toBeLessThanOrEqual(Number(r.capacity ?? 0));
	});

	it('by SQL: no province gets more seats of a kind than it has waiting candidates lacking it for an open line asking it', async () => {
		const lacking = await sqlRows(
			`SELECT province_code, kind, code, level, count() AS lacking FROM
			 (
				SELECT province_code, cap_certificates, cap_languages, cap_language_levels FROM agg_candidate_profile WHERE available = 1
			 )
			 CROSS JOIN
			 (
				SELECT DISTINCT 'certificate' AS kind, required_certificate AS code, toUInt8(0) AS level
				FROM agg_job_order_lines WHERE open_now > 0 AND required_certificate != ''
				UNION ALL
				SELECT DISTINCT 'language' AS kind, required_language AS code, toUInt8(greatest(required_language_level, 1)) AS level
				FROM agg_job_order_lines WHERE open_now > 0 AND required_language != ''
			 )
			 WHERE (kind = 'certificate' AND NOT has(cap_certificates, code))
				OR (kind = 'language' AND cap_language_levels[indexOf(cap_languages, code)] < level)
			 GROUP BY province_code, kind, code, level`,
		);
		const limit = new Map(lacking.map((r) => [key(r), Number(r.lacking)]));
		for (const r of stored.filter((s) => Number(s.plan_seats) > 0)) {
			expect(Number(r.plan_seats), key(r)).toBeLessThanOrEqual(limit.get(key(r)) ?? 0);
		}
	});
});

describe('the plan through Cube', () => {
	it('serves the stored rows by province to the minister', async () => {
		const expected = await sqlRows(
			`SELECT province_code, sum(plan_seats) AS plan_seats, sum(plan_slots) AS plan_slots,
				sum(proportional_seats) AS proportional_seats, sum(proportional_slots) AS proportional_slots
			 FROM match_plan WHERE run_id = '${runId}' GROUP BY province_code`,
		);
		const served = await cubeRows({
			measures: [
				'matching_plan.plan_seats',
				'matching_plan.plan_slots',
				'matching_plan.proportional_seats',
				'matching_plan.proportional_slots',
			],
			dimensions: ['matching_plan.province'],
		});
		const by = new Map(served.map((s) => [String(s.province), s]));
		expect(served.length).toBe(expected.length);
		for (const e of expected) {
			const s = by.get(String(e.province_code));
			for (const m of ['plan_seats', 'plan_slots', 'proportional_seats', 'proportional_slots'])
				expectSame(s?.[m], e[m], `${e.province_code} ${m}`);
		}
		const [run] = await cubeRows({
			measures: [
				'matching_plan_runs.budget',
				'matching_plan_runs.base_fillable',
				'matching_plan_runs.plan_fillable',
				'matching_plan_runs.plan_bound',
			],
		});
		expectSame(run?.budget, planRun.budget, 'budget');
		expectSame(run?.base_fillable, planRun.base_fillable, 'base');
		expectSame(run?.plan_fillable, planRun.plan_fillable, 'plan fill');
		expectSame(run?.plan_bound, planRun.plan_bound, 'plan bound');
	});

	it('directors and regional heads get it; the public neither sees nor queries it', async () => {
		const query = { measures: ['matching_plan.plan_slots'], dimensions: ['matching_plan.province'] };
		expect((await ask(DIRECTOR, 'load', query)).status).toBe(200);
		expect((await ask(REGIONAL_52, 'load', query)).status).toBe(200);
		const meta = await ask(PUBLIC, 'meta');
		const names = ((meta.body.cubes ?? []) as { name: string }[]).map((c) => c.name);
		expect(names.filter((n) => n.startsWith('matching_plan'))).toEqual([]);
		expect((await ask(PUBLIC, 'load', query)).status).toBe(403);
		expect((await ask(PUBLIC, 'load', { measures: ['matching_plan_runs.budget'] })).status).toBe(403);
	});
});
