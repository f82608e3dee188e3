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
 * Writes bench-output/matching.json and prints a summary against the goals (docs/matching.md).
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { connect } from '../warehouse/src/client.ts';
import { endpointFromEnv } from '../warehouse/src/endpoint.ts';
import { type BacktestPoint, backtestAt, quarterEnds, TOP_K } from '../warehouse/src/matching/backtest.ts';
import { runEngine } from '../warehouse/src/matching/engine.ts';
import { readMatchingInput } from '../warehouse/src/matching/run.ts';

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
				`model ${result.size.rows} x ${result.size.columns}, ${result.size.nonzeros} nonzeros; load ${loadBefore.join('/')} → ${live.loadAfter.join('/')}`,
		);
		const [from, to] = options.years.split('-').map(Number) as [number, number];
		const points: BacktestPoint[] = [];
		for (const date of quarterEnds(from, to ?? from)) {
			const p = await backtestAt(db, date);
			points.push(p);
			log(
				`${date}: open ${p.openSlots}; fillable fair ${p.fillableOptimal} / FCFS ${p.fillableGreedy} / no fairness ${p.fillableUnconstrained}; ` +
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
		};
		log(
			`goals: optimal/FCFS ${summary.optimalOverGreedy.toFixed(3)}x (>= 1.3), fair/unconstrained ${(summary.fairOverUnconstrained * 100).toFixed(1)} % (>= 98 %), ` +
				`recall@${TOP_K} ${(summary.recallEngine * 100).toFixed(1)} % vs ${(summary.recallFcfs * 100).toFixed(1)} % (>= 2x), mean exposure Gini ${summary.meanExposureGini.toFixed(3)}`,
		);
		writeFileSync(join(options.outDir, 'matching.json'), `${JSON.stringify({ live, points, summary }, null, 2)}\n`);
		log('wrote bench-output/matching.json');
	} finally {
		await db.close();
	}
}
