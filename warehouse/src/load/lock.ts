/**
 * One loader at a time per warehouse database, wherever the loaders run (a CLI on one machine,
 * the ingest API on another): the lock is the table `ops_load_lock` in that database.
 *
 * - Taking it is `CREATE TABLE ops_load_lock …` without IF NOT EXISTS, which ClickHouse runs
 *   atomically: of two loaders, exactly one succeeds. The holder (a random id, host, pid, start
 *   time) is written into the table definition itself (a column DEFAULT), so it exists the moment
 *   the table does and survives a server restart.
 * - The holder inserts a heartbeat row every HEARTBEAT_MS (server clock, so client clocks do not
 *   matter) and drops the table when done.
 * - A holder is dead when it ran on this host and its pid is gone (a killed CLI: detected at
 *   once), or when it has not beaten for STALE_AFTER_S (another host). A dead holder's lock is
 *   broken by renaming the table away — RENAME is atomic too, so only one breaker wins — and
 *   checking that the renamed table is the one judged dead before dropping it.
 * - Before a batch commits, the loader checks it still holds the lock (assertHeld).
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { systemCatalogRows } from '../client.ts';
import type { Log, Session } from './session.ts';

export const LOCK_TABLE = 'ops_load_lock';
const HEARTBEAT_MS = 10_000;
export const STALE_AFTER_S = 90;

export interface Holder {
	id: string;
	host: string;
	pid: number;
	since: string;
}

export function formatHolder(h: Holder): string {
	return `id=${h.id} host=${h.host} pid=${h.pid} since=${h.since}`;
}

export function parseHolder(text: string): Holder | undefined {
	const m = /id=([^'\s]+) host=([^'\s]+) pid=(\d+) since=([^'\s]+)/.exec(text);
	return m ? { id: m[1] as string, host: m[2] as string, pid: Number(m[3]), since: m[4] as string } : undefined;
}

function describe(h: Holder | undefined): string {
	return h ? `pid ${h.pid} on ${h.host} since ${h.since}` : 'an unknown loader';
}

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

const thisHost = hostname().replace(/[^A-Za-z0-9._-]/g, '_') || 'localhost';

async function readHolder(session: Session, table: string): Promise<Holder | undefined> {
	// 18.16 fails this read when any table of the database is dropped meanwhile (systemCatalogRows):
	// unretried, a release that met a staging table's drop left the lock behind for 90 s, and the
	// next push waited 60 s for it and was refused with 503.
	const rows = await systemCatalogRows(() =>
		session.rows<{ default_expression: string }>(
			`SELECT default_expression FROM system.columns WHERE database = currentDatabase() AND table = '${table}' AND name = 'holder'`,
		),
	);
	const expr = rows[0]?.default_expression;
	return expr === undefined ? undefined : parseHolder(expr);
}

/**
 * The holder dropped the lock table between two of our looks (or during the read: 18.16 then says
 * "Table is dropped", code 218): ask again from the top.
 */
const UNKNOWN_TABLE = /doesn't exist|does not exist|UNKNOWN_TABLE|Table is dropped|TABLE_IS_DROPPED/i;

/**
 * Seconds since the holder last showed life (heartbeat row, or the table's creation); undefined
 * when the lock table is gone (released while we looked).
 */
async function silentFor(session: Session, table: string): Promise<number | undefined> {
	let beat: { n: string | number; age: string | number } | undefined;
	try {
		[beat] = await session.rows<{ n: string | number; age: string | number }>(
			`SELECT count() AS n, toUInt32(now()) - toUInt32(max(beat)) AS age FROM ${table}`,
		);
	} catch (error) {
		if (UNKNOWN_TABLE.test((error as Error).message)) return undefined;
		throw error;
	}
	if (beat && Number(beat.n) > 0) return Number(beat.age);
	const [created] = await systemCatalogRows(() =>
		session.rows<{ age: string | number }>(
			`SELECT toUInt32(now()) - toUInt32(metadata_modification_time) AS age FROM system.tables WHERE database = currentDatabase() AND name = '${table}'`,
		),
	);
	return created ? Number(created.age) : undefined;
}

export interface LoadLock {
	readonly holder: Holder;
	/** throws when another loader has taken the lock over (this one was judged dead) */
	assertHeld(): Promise<void>;
	release(): Promise<void>;
}

export class LockBusyError extends Error {}

export interface AcquireOptions {
	/** how long to wait for a live holder to finish (default 30 minutes) */
	waitMs?: number;
	log?: Log;
	/** the lock's table (default ops_load_lock; the after-load refresh has its own, REFRESH_LOCK_TABLE) */
	table?: string;
	/** what the holder does, for the messages (default 'load') */
	what?: string;
}

/** The after-load refresh's lock: one refresh per database at a time, whoever loaded (warehouse/src/after-load.ts). */
export const REFRESH_LOCK_TABLE = 'ops_refresh_lock';

/** The forecasts' and alerts' lock: one run per database at a time, outside the refresh's (after-load.ts refreshDerived). */
export const DERIVED_LOCK_TABLE = 'ops_derived_lock';

export async function acquireLoadLock(session: Session, options: AcquireOptions = {}): Promise<LoadLock> {
	const log = options.log ?? (() => {});
	const waitMs = options.waitMs ?? 30 * 60_000;
	const table = options.table ?? LOCK_TABLE;
	const what = options.what ?? 'load';
	const me: Holder = { id: randomUUID(), host: thisHost, pid: process.pid, since: new Date().toISOString().slice(0, 19) };
	const started = Date.now();
	let toldWaiting = false;
	for (;;) {
		// Looking first only spares the log a failed CREATE in the common case; the CREATE decides.
		if (!(await session.tableExists(table))) {
			try {
				await session.command(
					`CREATE TABLE ${table} (holder String DEFAULT '${formatHolder(me)}', beat DateTime DEFAULT now()) ENGINE = Memory`,
				);
				break;
			} catch (error) {
				if (!/already exists/i.test((error as Error).message)) throw error;
			}
		}
		const other = await readHolder(session, table);
		const silent = await silentFor(session, table);
		// Released between tableExists and these reads: try to take it at once.
		if (silent === undefined) continue;
		const deadHere = other !== undefined && other.host === thisHost && !processAlive(other.pid);
		const stale = silent > STALE_AFTER_S;
		if (deadHere || stale) {
			log(
				`Taking over the ${what} lock from ${describe(other)}: ${deadHere ? 'that process no longer exists' : `no heartbeat for ${silent} s`}.`,
			);
			await breakLock(session, other, log, table);
			continue;
		}
		if (Date.now() - started > waitMs) {
			throw new LockBusyError(
				`Another ${what} is running against database ${session.database} (${describe(other)}); try again when it has finished.`,
			);
		}
		if (!toldWaiting) {
			log(`Waiting for the ${what} running against database ${session.database} (${describe(other)}) to finish …`);
			toldWaiting = true;
		}
		await new Promise((r) => setTimeout(r, 500));
	}

	let beatError: string | undefined;
	const timer = setInterval(() => {
		session.command(`INSERT INTO ${table} (beat) SELECT now()`).catch((error: Error) => {
			if (beatError !== error.message) log(`${what} lock heartbeat failed: ${error.message}`);
			beatError = error.message;
		});
	}, HEARTBEAT_MS);
	timer.unref();

	let released = false;
	return {
		holder: me,
		async assertHeld() {
			const current = await readHolder(session, table);
			if (current?.id !== me.id) {
				throw new Error(
					`This ${what} lost the ${what} lock to ${describe(current)} (it was judged dead); its work will be finished by that loader.`,
				);
			}
		},
		async release() {
			if (released) return;
			released = true;
			clearInterval(timer);
			const current = await readHolder(session, table);
			if (current?.id === me.id) await session.command(`DROP TABLE IF EXISTS ${table}`);
		},
	};
}

async function breakLock(session: Session, judged: Holder | undefined, log: Log, table: string): Promise<void> {
	const aside = `${table}_broken_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
	try {
		await session.command(`RENAME TABLE ${table} TO ${aside}`);
	} catch {
		return; // someone else broke it first; try to take it again
	}
	const moved = await readHolder(session, aside);
	if (judged && moved?.id !== judged.id) {
		// Between our look and our rename a live loader took the lock: give it back.
		log(`The lock ${table} changed hands while being taken over; restoring it for ${describe(moved)}.`);
		await session.command(`RENAME TABLE ${aside} TO ${table}`).catch(() => {});
		return;
	}
	await session.dropTable(aside);
}
