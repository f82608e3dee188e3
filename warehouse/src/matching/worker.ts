/**
 * The matching engine and the training planner, run in a worker thread (see `solveInWorker` in
 * run.ts): HiGHS (WebAssembly) solves synchronously for seconds to minutes at national scale, and
 * in the process that also serves ingest requests and refreshes rollups it stopped everything else
 * (a refresh stalled for minutes while the engine solved, docs/performance-notes.md). Receives the
 * lines, candidates, bodies and options as workerData — or, with `read`, where to read them (at
 * national scale 16–83 s of JSON parsing, which held the caller's event loop up to 0.6 s at a
 * time) — and posts `{ read }` (what it read), then `{ engine }` (or `{ error }`) when the engine
 * is done, then `{ plan }` (or `{ planError }`). HiGHS comes compiled from the caller
 * (linear-model.ts `highsModule`) and is instantiated while the input is read.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { connect } from '../client.ts';
import { lowerThreadPriority } from '../thread-priority.ts';
import type { EngineCandidate, EngineLine } from './engine.ts';
import { runEngine } from './engine.ts';
import { highs, useHighsModule } from './linear-model.ts';
import type { CertificationBody } from './planner.ts';
import { planTraining } from './planner.ts';
import { readCertificationBodies, readMatchingInput, type WorkerData, type WorkerRead } from './run.ts';

const { highs: compiled, ...input } = workerData as WorkerData;
const port = parentPort;
if (!port) throw new Error('warehouse/src/matching/worker.ts runs only as a worker thread');
// a lower CPU priority for this thread alone: on 2 cores the after-load refresh and the ingest API come first
lowerThreadPriority(input.nice);
// HiGHS instantiated from the caller's compiled module while the input is read, not on the solve's path
useHighsModule(compiled);
const solver = highs();
// (awaited before the engine runs; should the read fail first, that error is the one reported)
solver.catch(() => {});

async function inputs(): Promise<{
	asOf: string;
	lines: EngineLine[];
	candidates: EngineCandidate[];
	bodies: CertificationBody[];
	seconds: number;
}> {
	if (!('read' in input)) return { ...input, asOf: input.engine.asOf, seconds: 0 };
	const started = performance.now();
	const db = connect(input.read);
	try {
		const [matching, bodies] = await Promise.all([readMatchingInput(db), readCertificationBodies(db)]);
		return { ...matching, bodies, seconds: (performance.now() - started) / 1000 };
	} finally {
		await db.close();
	}
}

let data: Awaited<ReturnType<typeof inputs>> | null = null;
try {
	data = await inputs();
	await solver;
	const read: WorkerRead = { asOf: data.asOf, lines: data.lines.length, candidates: data.candidates.length, seconds: data.seconds };
	port.postMessage({ read });
	port.postMessage({ engine: await runEngine(data.candidates, data.lines, { ...input.engine, asOf: data.asOf }) });
} catch (error) {
	port.postMessage({ error: (error as Error).message });
}
if (input.planner && data) {
	try {
		port.postMessage({ plan: await planTraining(data.candidates, data.lines, data.bodies, input.planner) });
	} catch (error) {
		port.postMessage({ planError: (error as Error).message });
	}
}
