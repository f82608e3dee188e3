/**
 * The load lock against the real ClickHouse when its holder releases it at the worst moment: after
 * a waiting loader saw the table but before it read the heartbeat. The waiting loader must take
 * the lock, not fail (the race the two-loader test in recovery.test.ts hit now and then). And a
 * waiting loader's looks at the catalogue while the holder creates and drops its staging tables.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCatalogRows } from '../../../warehouse/src/client.ts';
import { acquireLoadLock, formatHolder, LOCK_TABLE } from '../../../warehouse/src/load/lock.ts';
import { Session } from '../../../warehouse/src/load/session.ts';
import { type Scratch, scratchWarehouse } from './support.ts';

let s: Scratch;

beforeAll(async () => {
	s = await scratchWarehouse('lock');
});

afterAll(async () => {
	await s.drop();
});

describe('the load lock', () => {
	it('is taken when its live holder drops it between the waiting loader’s looks', async () => {
		// A live holder: this very process, so it is neither dead here nor stale.
		const holder = formatHolder({ id: 'other-loader', host: 'elsewhere', pid: process.pid, since: '2026-01-01T00:00:00' });
		await s.db.command({
			query: `CREATE TABLE ${LOCK_TABLE} (holder String DEFAULT '${holder}', beat DateTime DEFAULT now()) ENGINE = Memory`,
		});

		const session = await Session.open(s.db);
		// The holder finishes right after the waiting loader read who holds the lock: what the other
		// loader's release does, at the moment that used to fail with "Table … doesn't exist".
		const rows = session.rows.bind(session);
		let dropped = false;
		session.rows = async <T>(query: string): Promise<T[]> => {
			const result = await rows<T>(query);
			if (!dropped && query.includes("name = 'holder'")) {
				dropped = true;
				await s.db.command({ query: `DROP TABLE ${LOCK_TABLE}` });
			}
			return result;
		};
		const logged: string[] = [];
		const lock = await acquireLoadLock(session, { waitMs: 5_000, log: (line) => logged.push(line) });
		expect(dropped).toBe(true);
		expect(lock.holder.pid).toBe(process.pid);
		expect(logged.filter((l) => /Waiting|Taking over/.test(l))).toEqual([]);
		await lock.assertHeld();
		await lock.release();
		expect(await s.value(`SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = '${LOCK_TABLE}'`)).toBe(0);
	});
});

describe('a waiting loader’s looks at the catalogue', () => {
	it('answer right while the holder creates and drops staging tables', async () => {
		// What the holder does all through a load; on 18.16 any read of system.tables fails now and
		// then while it does (the CI failure of the two-loader test: the waiting loader exited 2).
		const holder = formatHolder({ id: 'other-loader', host: 'elsewhere', pid: process.pid, since: '2026-01-01T00:00:00' });
		await s.db.command({
			query: `CREATE TABLE ${LOCK_TABLE} (holder String DEFAULT '${holder}', beat DateTime DEFAULT now()) ENGINE = Memory`,
		});
		let churning = true;
		let churned = 0;
		const churn = (async () => {
			for (let i = 0; churning; i++) {
				await s.db.command({ query: `CREATE TABLE stg_churn_${i % 3} (a UInt32) ENGINE = MergeTree ORDER BY a` });
				await s.db.command({ query: `DROP TABLE stg_churn_${i % 3}` });
				churned++;
			}
		})();
		const session = await Session.open(s.db);
		const answers = new Set<string>();
		try {
			for (let i = 0; i < 400; i++) {
				const [exists, staging, lockTables] = await Promise.all([
					session.tableExists(LOCK_TABLE),
					session.tables('stg_churn_%'),
					session.tables(`${LOCK_TABLE}%`),
				]);
				answers.add(`${exists} ${staging.length <= 1} ${lockTables.join(',')}`);
			}
		} finally {
			churning = false;
			await churn;
		}
		// The reads met the churn (else this test proves nothing), and every answer was right.
		expect(churned).toBeGreaterThan(50);
		expect([...answers]).toEqual([`true true ${LOCK_TABLE}`]);
		await s.db.command({ query: `DROP TABLE ${LOCK_TABLE}` });
	});

	it('gives up on any other error at once', async () => {
		let calls = 0;
		await expect(
			systemCatalogRows(async () => {
				calls++;
				throw new Error('Code: 241, e.displayText() = DB::Exception: Memory limit exceeded');
			}),
		).rejects.toThrow(/Memory limit/);
		expect(calls).toBe(1);
	});
});

describe('a loader taking the lock stops what a killed loader left running', () => {
	it('and nothing that runs beside loads: the refresh, the forecasts’ lock, the ingest API’s status reads', async () => {
		// A statement of about 2 s that stops between rows when killed (one row a block).
		const slow = 'SELECT sum(sleepEachRow(0.05)) AS s FROM numbers(40) SETTINGS max_block_size = 1';
		const purposes = ['load', 'refresh', 'derived', 'read'] as const;
		const running = await Promise.all(
			purposes.map(async (purpose) => {
				const session = await Session.open(s.db, undefined, purpose);
				const answer = session.rows(slow).then(
					() => 'answered',
					(error: Error) => error.message,
				);
				return { purpose, prefix: session.queryPrefix, answer };
			}),
		);
		// Each purpose has its own prefix, the loader's as before (docs/ingestion.md §4).
		expect(new Set(running.map((r) => r.prefix)).size).toBe(purposes.length);
		expect(running[0]?.prefix).toBe(`slmi-load:${s.endpoint.database}:`);
		const inFlight = async () =>
			s.value(
				`SELECT count() FROM system.processes WHERE position(query_id, ':${s.endpoint.database}:') > 0 AND query LIKE '%sleepEachRow%' AND query NOT LIKE '%system.processes%'`,
			);
		for (let i = 0; i < 100 && (await inFlight()) < purposes.length; i++) await new Promise((r) => setTimeout(r, 20));
		expect(await inFlight()).toBe(purposes.length);

		// What recover() (publish.ts) does first when a loader has taken the lock.
		const taker = await Session.open(s.db);
		expect(await taker.killLeftoverQueries()).toBe(1);
		const answers = Object.fromEntries(await Promise.all(running.map(async (r) => [r.purpose, await r.answer])));
		expect(answers.load).toMatch(/cancelled/i);
		expect({ ...answers, load: 'cancelled' }).toEqual({ load: 'cancelled', refresh: 'answered', derived: 'answered', read: 'answered' });
	});
});
