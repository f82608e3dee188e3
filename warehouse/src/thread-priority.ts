/**
 * A lower CPU priority for the calling thread alone. Node's `os.setPriority()` without a pid calls
 * setpriority(PRIO_PROCESS, 0, …), which on Linux sets the *calling thread's* nice value (Linux keeps
 * a nice value per thread): called in a worker thread, the process's main thread — the ingest API,
 * the after-load refresh — keeps its priority, and on 2 cores comes first. Elsewhere it would renice
 * the whole process, so it is done on Linux only. Not allowed (a container's limits): the thread
 * goes on at the normal priority.
 */
import { setPriority } from 'node:os';

export function lowerThreadPriority(nice: number | undefined): void {
	if (!nice || process.platform !== 'linux') return;
	try {
		setPriority(nice);
	} catch {
		// the run goes on at the normal priority
	}
}
