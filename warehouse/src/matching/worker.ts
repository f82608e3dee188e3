/**
 * The matching engine and the training planner, run in a worker thread (see `solveInWorker` in
 * run.ts): HiGHS (WebAssembly) solves synchronously for seconds to minutes at national scale, and
 * in the process that also serves ingest requests and refreshes rollups it stopped everything else
 * (a refresh stalled for minutes while the engine solved, docs/performance-notes.md). Receives the
 * lines, candidates, bodies and options as workerData; posts `{ engine }` (or `{ error }`) when
 * the engine is done, then `{ plan }` (or `{ planError }`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runEngine } from './engine.ts';
import { planTraining } from './planner.ts';
import type { WorkerInput } from './run.ts';

const input = workerData as WorkerInput;
const port = parentPort;
if (!port) throw new Error('warehouse/src/matching/worker.ts runs only as a worker thread');
try {
	port.postMessage({ engine: await runEngine(input.candidates, input.lines, input.engine) });
} catch (error) {
	port.postMessage({ error: (error as Error).message });
}
if (input.planner) {
	try {
		port.postMessage({ plan: await planTraining(input.candidates, input.lines, input.bodies, input.planner) });
	} catch (error) {
		port.postMessage({ planError: (error as Error).message });
	}
}
