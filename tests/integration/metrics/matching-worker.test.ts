/**
 * The matching run's worker thread reads its own input (issue #15; warehouse/src/matching/run.ts,
 * solveInWorker with `read`): at national scale reading is 16–83 s of JSON parsing, which in the
 * ingest process held up its event loop up to 0.6 s at a time. Against the stack's warehouse:
 * - what the worker reads and answers equals what this process reads (readMatchingInput,
 *   readCertificationBodies) and solves (runEngine, planTraining) on the same data;
 * - this process's timers run while the worker reads and solves.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runEngine } from '../../../warehouse/src/matching/engine.ts';
import { planTraining } from '../../../warehouse/src/matching/planner.ts';
import { readCertificationBodies, readMatchingInput, solveInWorker } from '../../../warehouse/src/matching/run.ts';
import { settleRefreshes } from '../../support/refresh.ts';
import { dataReady, db } from './harness.ts';

const ingest = inject('ingest');

beforeAll(async () => {
	await dataReady();
	// no refresh may change the data between the worker's read and this process's
	await settleRefreshes(ingest);
});

describe('the matching worker reads its input', () => {
	it('answers what reading and solving in this process answer, while this process keeps running', async () => {
		let ticks = 0;
		const timer = setInterval(() => ticks++, 1);
		const solving = solveInWorker({ read: inject('clickhouse'), engine: {}, planner: {} });
		const read = await solving.read;
		const ticksWhileReading = ticks;
		const [engine, plan] = await Promise.all([solving.engine, solving.plan]);
		clearInterval(timer);
		// this thread's timers ran while the worker read the input (reading here blocks them while it parses)
		expect(ticksWhileReading).toBeGreaterThan(0);

		const [input, bodies] = await Promise.all([readMatchingInput(db), readCertificationBodies(db)]);
		expect(read.asOf).toBe(input.asOf);
		expect([read.lines, read.candidates]).toEqual([input.lines.length, input.candidates.length]);
		expect(read.candidates).toBeGreaterThan(0);
		const here = await runEngine(input.candidates, input.lines, { asOf: input.asOf });
		expect({ ...engine, seconds: 0, steps: null }).toEqual({ ...here, seconds: 0, steps: null });
		const planHere = await planTraining(input.candidates, input.lines, bodies, {});
		expect({ ...plan, seconds: 0 }).toEqual({ ...planHere, seconds: 0 });
	});
});
