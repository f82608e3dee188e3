/**
 * The load lock against the real ClickHouse when its holder releases it at the worst moment: after
 * a waiting loader saw the table but before it read the heartbeat. The waiting loader must take
 * the lock, not fail (the race the two-loader test in recovery.test.ts hit now and then).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
