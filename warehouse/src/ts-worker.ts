/**
 * A worker thread running a TypeScript module (the matching engine's worker, the forecasts' worker).
 * Node 20 does not pass the `--import tsx` loader of the main thread on to workers, so every such
 * thread starts in ts-worker-entry.mjs, which loads the module named in its argv through tsx's API.
 */
import { Worker } from 'node:worker_threads';

export function tsWorker(module: URL, workerData: unknown): Worker {
	return new Worker(new URL('./ts-worker-entry.mjs', import.meta.url), { workerData, argv: [module.href] });
}
