/**
 * `npm run bench -- --matching [--years 2024-2025]`: the matching engine at national scale (issue
 * #15), against the warehouse CLICKHOUSE_URL (CLICKHOUSE_USER, CLICKHOUSE_PASSWORD,
 * CLICKHOUSE_DATABASE) names — the national demo warehouse, its rollups built. Reads only.
 *
 * 1. The live solve: the lines open and the candidates waiting now (readMatchingInput), the engine
 *    run on them (not stored): wall and CPU seconds, problem and model size, solver status, load
 *    average before and after (the machine is shared: wall time under load is not a measurement).
 * 2. The back-test (warehouse/src/matching/backtest.ts) at every quarter end of the years: slots
 *    fillable by the fair optimum, first come first served and the optimum without fairness;
 *    recall@10 of the engine and of first come first served; the exposure Gini over provinces.
 * 3. The training planner (warehouse/src/matching/planner.ts) on the live state and at every
 *    quarter end, at budgets of 5, 10 (the default) and 25 % of the candidates one training away:
 *    slots made fillable and slots per seat, the plan against proportional allocation (goal ≥ 1.5×).
 * Writes bench-output/matching.json and prints a summary against the issue's goals (docs/matching.md).
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { connect } from '../warehouse/src/client.ts';
import { endpointFromEnv } from '../warehouse/src/endpoint.ts';
import { type BacktestPoint, backtestAt, quarterEnds, readMatchingInputAt, solveNote, TOP_K } from '../warehouse/src/matching/backtest.ts';
import { type EngineCandidate, type EngineLine, runEngine } from '../warehouse/src/matching/engine.ts';
import {
	type CertificationBody,
	DEFAULT_SEAT_SHARE,
	defaultSeats,
	nearCandidates,
	type PlanResult,
	perSeat,
	planTraining,
} from '../warehouse/src/matching/planner.ts';
import { readCertificationBodies, readMatchingInput } from '../warehouse/src/matching/run.ts';

/** Seat budgets the planner is measured at: shares of the candidates one training away (the default is DEFAULT_SEAT_SHARE). */
export const PLANNER_SHARES = [0.05, DEFAULT_SEAT_SHARE, 0.25] as const;

export interface PlannerPoint {
	date: string;
	share: number;
	budget: number;
	nearCandidates: number;
	baseFillable: number;
	planGain: number;
	proportionalGain: number;
	planSeats: number;
	proportionalSeats: number;
	/** slots made fillable per seat used (candidates trained) */
	planPerSeat: number;
	proportionalPerSeat: number;
	upperBoundGain: number;
	seconds: number;
	status: string;
}

/** The planner at each budget share on one date's lines and candidates. */
export async function plannerPoints(
	date: string,
	candidates: readonly EngineCandidate[],
	lines: readonly EngineLine[],
	bodies: readonly CertificationBody[],
): Promise<PlannerPoint[]> {
	const out: PlannerPoint[] = [];
	const near = nearCandidates(candidates, lines);
	for (const share of PLANNER_SHARES) {
		// the budget: a national pool of seats, the share of the candidates one training away
		const seats =
			share === DEFAULT_SEAT_SHARE
				? defaultSeats(near)
				: [{ province: '*', kind: '*' as const, code: '*', seats: Math.max(1, Math.round(share * near)) }];
		out.push(point(date, share, await planTraining(candidates, lines, bodies, { seats })));
	}
	return out;
}

function point(date: string, share: number, r: PlanResult): PlannerPoint {
	const planSeats = r.rows.reduce((t, x) => t + x.plan.candidates, 0);
	const proportionalSeats = r.rows.reduce((t, x) => t + x.proportional.candidates, 0);
	const planGain = r.planFillable - r.baseFillable;
	const proportionalGain = r.proportionalFillable - r.baseFillable;
	return {
		date,
		share,
		budget: r.budget,
		nearCandidates: r.nearCandidates,
		baseFillable: r.baseFillable,
		planGain,
		proportionalGain,
		planSeats,
		proportionalSeats,
		planPerSeat: perSeat(planGain, planSeats),
		proportionalPerSeat: perSeat(proportionalGain, proportionalSeats),
		upperBoundGain: r.upperBoundFillable - r.baseFillable,
		seconds: r.seconds,
		status: r.status,
	};
}

const plannerLine = (p: PlannerPoint) =>
	`planner ${p.date} budget ${p.budget} (${(p.share * 100).toFixed(0)} % of ${p.nearCandidates} one training away): ` +
	`plan +${p.planGain} slots with ${p.planSeats} seats (${p.planPerSeat.toFixed(2)}/seat), proportional +${p.proportionalGain} with ${p.proportionalSeats} ` +
	`(${p.proportionalPerSeat.toFixed(2)}/seat); upper bound +${p.upperBoundGain}; ${p.status}; ${p.seconds.toFixed(2)} s`;

export async function runMatchingBench(options: { years: string; outDir: string; log: (line: string) => void }): Promise<void> {
	const { log } = options;
	const endpoint = endpointFromEnv();
	if (!endpoint) throw new Error('--matching needs CLICKHOUSE_URL (and user, password, database) of a warehouse with its rollups built');
	const db = connect(endpoint);
	try {
		const load = () => loadavg().map((v) => Number(v.toFixed(1)));
		const loadBefore = load();
		const started = performance.now();
		const cpu0 = process.cpuUsage();
		const input = await readMatchingInput(db);
		const readSeconds = (performance.now() - started) / 1000;
		const result = await runEngine(input.candidates, input.lines, { asOf: input.asOf });
		const cpu = process.cpuUsage(cpu0);
		const live = {
			asOf: input.asOf,
			readSeconds,
			engineSeconds: result.seconds,
			cpuSeconds: (cpu.user + cpu.system) / 1e6,
			/** the engine's steps, wall and CPU seconds each (docs/matching.md "Scale") */
			steps: result.steps,
			status: result.status,
			size: result.size,
			fillableOptimal: result.fillableOptimal,
			fillableGreedy: result.fillableGreedy,
			fillableUnconstrained: result.fillableUnconstrained,
			loadBefore,
			loadAfter: load(),
		};
		log(
			`live solve: ${live.engineSeconds.toFixed(1)} s engine (${live.cpuSeconds.toFixed(1)} s CPU, reading ${readSeconds.toFixed(1)} s), ${result.status}; ` +
				`model ${result.size.rows} x ${result.size.columns}, ${result.size.nonzeros} nonzeros; load ${loadBefore.join('/')} → ${live.loadAfter.join('/')}; ` +
				`steps (wall/CPU s): ${Object.entries(result.steps)
					.map(([name, t]) => `${name} ${t.seconds.toFixed(1)}/${t.cpuSeconds.toFixed(1)}`)
					.join(', ')}`,
		);
		// the training planner on the live state, at three budgets (the issue's goal: ≥ 1.5× the
		// slots per seat of allocating seats in proportion to each gap's size)
		const bodies = await readCertificationBodies(db);
		const planner: PlannerPoint[] = await plannerPoints(input.asOf, input.candidates, input.lines, bodies);
		for (const p of planner) log(plannerLine(p));
		const [from, to] = options.years.split('-').map(Number) as [number, number];
		const points: BacktestPoint[] = [];
		for (const date of quarterEnds(from, to ?? from)) {
			// a date that fails (no fair assignment found, a read refused) is reported; the others still count
			const p = await backtestAt(db, date).catch((error: Error) => {
				log(`${date}: failed: ${error.message}`);
				return null;
			});
			if (!p) continue;
			points.push(p);
			// the planner on the lines open and candidates waiting at the date (the data as it stood then)
			const at = await readMatchingInputAt(db, date);
			for (const q of await plannerPoints(date, at.candidates, at.lines, bodies)) {
				planner.push(q);
				log(plannerLine(q));
			}
			log(
				`${date}: open ${p.openSlots}; fillable fair ${p.fillableOptimal} (${solveNote(p)}, bound ${p.fillBound}) / FCFS ${p.fillableGreedy} / no fairness ${p.fillableUnconstrained}; ` +
					`recall@${TOP_K} ${(p.recallEngine * 100).toFixed(1)} % vs FCFS ${(p.recallFcfs * 100).toFixed(1)} % of ${p.outcomes}; Gini ${p.exposureGini.toFixed(3)}; ${p.seconds.toFixed(0)} s`,
			);
		}
		const sum = (f: (p: BacktestPoint) => number) => points.reduce((t, p) => t + f(p), 0);
		const outcomes = Math.max(
			1,
			sum((p) => p.outcomes),
		);
		const summary = {
			optimalOverGreedy:
				sum((p) => p.fillableOptimal) /
				Math.max(
					1,
					sum((p) => p.fillableGreedy),
				),
			fairOverUnconstrained:
				sum((p) => p.fillableOptimal) /
				Math.max(
					1,
					sum((p) => p.fillableUnconstrained),
				),
			recallEngine: sum((p) => p.recallEngine * p.outcomes) / outcomes,
			recallFcfs: sum((p) => p.recallFcfs * p.outcomes) / outcomes,
			meanExposureGini: sum((p) => p.exposureGini) / Math.max(1, points.length),
			// the dates whose fair fill is not proven optimal, and how far from the bound (the figures
			// above count their best fair assignment found)
			notOptimal: points.filter((p) => p.status !== 'Optimal').map((p) => `${p.date}: ${solveNote(p)}`),
			// slots made fillable per seat, summed over every date at the default budget: plan ÷ proportional
			plannerPerSeatRatio: (() => {
				const at = planner.filter((p) => p.share === DEFAULT_SEAT_SHARE);
				const plan = perSeat(
					at.reduce((t, p) => t + p.planGain, 0),
					at.reduce((t, p) => t + p.planSeats, 0),
				);
				const prop = perSeat(
					at.reduce((t, p) => t + p.proportionalGain, 0),
					at.reduce((t, p) => t + p.proportionalSeats, 0),
				);
				return prop > 0 ? plan / prop : null;
			})(),
		};
		log(
			`goals: optimal/FCFS ${summary.optimalOverGreedy.toFixed(3)}x (>= 1.3), fair/unconstrained ${(summary.fairOverUnconstrained * 100).toFixed(1)} % (>= 98 %), ` +
				`recall@${TOP_K} ${(summary.recallEngine * 100).toFixed(1)} % vs ${(summary.recallFcfs * 100).toFixed(1)} % (>= 2x), mean exposure Gini ${summary.meanExposureGini.toFixed(3)}, ` +
				`planner slots per seat plan/proportional ${summary.plannerPerSeatRatio === null ? 'n/a' : `${summary.plannerPerSeatRatio.toFixed(2)}x`} (>= 1.5); ` +
				`${points.length} dates, not proven optimal: ${summary.notOptimal.length ? summary.notOptimal.join('; ') : 'none'}`,
		);
		writeFileSync(join(options.outDir, 'matching.json'), `${JSON.stringify({ live, points, planner, summary }, null, 2)}\n`);
		log('wrote bench-output/matching.json');
	} finally {
		await db.close();
	}
}
