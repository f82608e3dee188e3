/**
 * The forecasts and alerts run in a worker thread (derived.ts, refreshDerivedInWorker): a lower CPU
 * priority for this thread alone, its own connection, each log line posted to the caller.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { connect } from '../client.ts';
import { lowerThreadPriority } from '../thread-priority.ts';
import { type DerivedWorkerData, refreshDerived } from './derived.ts';

const port = parentPort;
if (!port) throw new Error('warehouse/src/forecast/worker.ts runs only as a worker thread');
const { endpoint, nice } = workerData as DerivedWorkerData;
lowerThreadPriority(nice);
const db = connect(endpoint);
try {
	await refreshDerived(db, (line) => port.postMessage({ log: line }));
} finally {
	await db.close();
}
