/**
 * The forecasts and the early-warning alerts over them, as one run after the data changed
 * (after-load.ts calls it once the refresh has released its lock):
 *
 *   refreshDerived(db, log)                  in this thread (the CLI, `npm start`: awaited)
 *   refreshDerivedInWorker(endpoint, log, n) in a worker thread at nice n (the ingest API's
 *                                            background runs, BackgroundMatching)
 *
 * The model fits, reconciliation and alert rules are seconds of synchronous JavaScript at national
 * scale: in the ingest API's own thread they held up its answers and the next refresh's
 * orchestration (under sustained pushes a derived run falls every 60 s, docs/performance.md), so
 * there they run in a thread of their own with a lower CPU priority, reading and writing through
 * their own connection.
 */
import type { Warehouse } from '../client.ts';
import type { ClickHouseEndpoint } from '../endpoint.ts';
import { acquireLoadLock, DERIVED_LOCK_TABLE } from '../load/lock.ts';
import { Session } from '../load/session.ts';
import { tsWorker } from '../ts-worker.ts';
import { refreshForecasts } from './refresh.ts';
import { refreshAlerts } from './refresh-alerts.ts';

/**
 * The forecasts (they read the rollups and the facts; skipped when the data version is unchanged)
 * and the early-warning alerts over them, under their own lock (`ops_derived_lock`): one run per
 * database at a time, whichever process asks, and never holding up a refresh. A run reads the data
 * as it is then; a refresh that swaps rollups in meanwhile changes the data version, and the run
 * after it forecasts that. A failure is logged, not thrown: the batches are visible already, and
 * the previous forecasts and alerts stay stored (the dashboards say which data version they show).
 */
export async function refreshDerived(db: Warehouse, log: (line: string) => void = () => {}): Promise<void> {
	try {
		const session = await Session.open(db, undefined, 'derived');
		const lock = await acquireLoadLock(session, { table: DERIVED_LOCK_TABLE, what: 'forecast and alert refresh', log });
		try {
			await refreshForecasts(db, log);
			await refreshAlerts(db, log);
		} finally {
			await lock.release();
		}
	} catch (error) {
		log(`Forecasts and alerts failed: ${(error as Error).message}`);
	}
}

/** What the derived run's worker thread is given (worker.ts). */
export interface DerivedWorkerData {
	endpoint: ClickHouseEndpoint;
	/** the thread's nice value (Linux; 0 or absent: normal priority) */
	nice?: number;
}

/**
 * refreshDerived in a worker thread (worker.ts) connected to `endpoint`, its log lines passed to
 * `log` as they come; resolves when the thread has finished (never rejects: like refreshDerived, a
 * failure — also of the thread itself — is logged). Returns the worker's thread id (tests).
 */
export function refreshDerivedInWorker(endpoint: ClickHouseEndpoint, log: (line: string) => void, nice?: number): Promise<number> {
	const workerData: DerivedWorkerData = { endpoint, ...(nice ? { nice } : {}) };
	const worker = tsWorker(new URL('./worker.ts', import.meta.url), workerData);
	// (a worker's threadId reads -1 once it has exited)
	const { threadId } = worker;
	return new Promise((resolve) => {
		let failed = false;
		worker.on('message', (m: { log?: string }) => {
			if (typeof m.log === 'string') log(m.log);
		});
		worker.on('error', (error) => {
			failed = true;
			log(`Forecasts and alerts failed: ${error.message}`);
		});
		worker.on('exit', (code) => {
			if (code !== 0 && !failed) log(`Forecasts and alerts failed: their worker thread stopped with exit code ${code}`);
			resolve(threadId);
		});
	});
}
