/**
 * The matching engine and the training planner, run in a worker thread (see `solveInWorker` in
 * run.ts): HiGHS (WebAssembly) solves synchronously for seconds to minutes at national scale, and
 * in the process that also serves ingest requests and refreshes rollups it stopped everything else
 * (a refresh stalled for minutes while the engine solved, docs/performance-notes.md).
 *
 * The thread lives on between runs (one per nice value in a process) and takes one run at a time:
 * each message `{ id, input }` holds the lines, candidates, bodies and options — or, with `read`,
 * where to read them — and the thread posts `{ id, read }` (what it read), then `{ id, engine }`
 * (or `{ id, error }`) when the engine is done, then `{ id, plan }` (or `{ id, planError }`), then
 * `{ id, done }`. Between runs it keeps what the next run needs again (docs/matching.md "Scale",
 * seventh pass): the input it read (the next read re-reads only the candidates whose rows changed,
 * run.ts readWaitingCandidatesSince), each capability group's eligibility per line profile
 * (engine.ts NodeCache), and HiGHS, instantiated once from the caller's compiled module (its first
 * solve in a thread is the slowest).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { connect } from '../client.ts';
import { lowerThreadPriority } from '../thread-priority.ts';
import type { EngineCandidate, EngineLine } from './engine.ts';
import { newNodeCache, runEngine } from './engine.ts';
import { highs, useHighsModule } from './linear-model.ts';
import type { CertificationBody } from './planner.ts';
import { planTraining } from './planner.ts';
import {
	type CandidateReadCache,
	packResult,
	readAsOf,
	readCertificationBodies,
	readOpenLines,
	readWaitingCandidatesSince,
	type WorkerInput,
	type WorkerRead,
	type WorkerSetup,
} from './run.ts';

const setup = workerData as WorkerSetup;
const port = parentPort;
if (!port) throw new Error('warehouse/src/matching/worker.ts runs only as a worker thread');
// a lower CPU priority for this thread alone: on 2 cores the after-load refresh and the ingest API come first
lowerThreadPriority(setup.nice);
// HiGHS instantiated from the caller's compiled module while the first input is read, not on the solve's path
useHighsModule(setup.highs);
const solver = highs();
// (awaited before the engine runs; should the read fail first, that error is the one reported)
solver.catch(() => {});

/** kept between runs: the candidates read last, and the nodes' eligibility */
let readCache: CandidateReadCache | null = null;
const nodeCache = newNodeCache();

async function inputs(input: WorkerInput): Promise<{
	asOf: string;
	lines: EngineLine[];
	candidates: EngineCandidate[];
	bodies: CertificationBody[];
	seconds: number;
	candidatesRead: WorkerRead['candidatesRead'];
}> {
	if (!('read' in input)) return { ...input, asOf: input.engine.asOf, seconds: 0, candidatesRead: null };
	const started = performance.now();
	const db = connect(input.read);
	try {
		const asOf = await readAsOf(db);
		const source = `${input.read.url} ${input.read.database}`;
		// the cache is dropped while it is read anew: a failed read leaves none behind
		const previous = readCache;
		readCache = null;
		const [since, lines, bodies] = await Promise.all([
			readWaitingCandidatesSince(db, source, asOf, previous),
			readOpenLines(db),
			readCertificationBodies(db),
		]);
		readCache = since.cache;
		return {
			asOf,
			lines,
			candidates: since.cache.candidates,
			bodies,
			seconds: (performance.now() - started) / 1000,
			candidatesRead: { how: since.read, rows: since.rows, scanned: since.scanned },
		};
	} finally {
		await db.close();
	}
}

async function run(id: number, input: WorkerInput): Promise<void> {
	let data: Awaited<ReturnType<typeof inputs>> | null = null;
	try {
		data = await inputs(input);
		await solver;
		const read: WorkerRead = {
			asOf: data.asOf,
			lines: data.lines.length,
			candidates: data.candidates.length,
			seconds: data.seconds,
			candidatesRead: data.candidatesRead,
		};
		port?.postMessage({ id, read });
		const engine = await runEngine(data.candidates, data.lines, { ...input.engine, asOf: data.asOf }, nodeCache);
		// the recommendations as columns, their buffers transferred (run.ts packResult): not ≈ 200,000 objects cloned
		const packed = packResult(engine);
		if (packed) port?.postMessage({ id, engine: packed.packed }, packed.transfer);
		else port?.postMessage({ id, engine });
	} catch (error) {
		port?.postMessage({ id, error: (error as Error).message });
	}
	if (input.planner && data) {
		try {
			port?.postMessage({ id, plan: await planTraining(data.candidates, data.lines, data.bodies, input.planner) });
		} catch (error) {
			port?.postMessage({ id, planError: (error as Error).message });
		}
	}
	port?.postMessage({ id, done: true });
}

// one run at a time, in the order asked
let queue = Promise.resolve();
port.on('message', (m: { id: number; input: WorkerInput }) => {
	queue = queue.then(() => run(m.id, m.input));
});
