/**
 * Group commit (load/group.ts): the pushes that wait for the load lock are loaded together as one
 * load — one plan, one publish, one commit for a group of small batches of one entity — and every
 * batch still has its own id, registry row, quarantine, counts and answer; a batch refused as a
 * whole is refused alone; a later batch's version of a row wins over an earlier one's; a group
 * killed half-way is finished by the next loader, each batch exactly once.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IngestServer, startIngestServer } from '../../../warehouse/src/ingest/server.ts';
import { BodyTooLargeError, type LoadReport, loadBatch, loadBatches, loadFiles } from '../../../warehouse/src/load/index.ts';
import { acquireLoadLock } from '../../../warehouse/src/load/lock.ts';
import { Session } from '../../../warehouse/src/load/session.ts';
import { runNode } from '../../support/process.ts';
import { projectRoot, type Scratch, scratchWarehouse, tempDir } from './support.ts';

const HEADER =
	'line_id,job_order_id,updated_at,issued_date,expiry_date,status,status_date,source,scheme,country_iso2,employer_id,agency_code,sector,occupation_isco4,slots,wage_min,wage_max,wage_currency,required_certificate,required_language,required_language_level,min_education,min_experience_years,gender_requirement,age_min,age_max';
const row = (id: string, updated = '2024-01-05T08:00:00Z', slots = '3') =>
	`${id},JO-${id},${updated},2024-01-05,2024-12-31,open,,siskop2mi,P2P,JP,EMP-JP-1,P3MI-0001,health_care,5321,${slots},180000,220000,JPY,caregiver,ja,2,sma,0,any,18,40`;
const body = (...rows: string[]) => `${HEADER}\n${rows.join('\n')}\n`;

const token = 'group-commit-token-0123456789';
let s: Scratch;
let server: IngestServer;
const logs: string[] = [];

beforeAll(async () => {
	s = await scratchWarehouse('group');
	server = await startIngestServer({ db: s.db, port: 0, token, log: (line) => logs.push(line) });
});
afterAll(async () => {
	await server?.close();
	await s?.drop();
});

interface Answer {
	status: number;
	json: {
		batch_id?: string;
		status?: string;
		error?: string;
		counts?: Record<string, number>;
		quarantine?: { line: number; field: string; reason: string }[];
	};
}

async function push(text: string): Promise<Answer> {
	const res = await fetch(`${server.url}/v1/batches/job_order_lines`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'x-slmi-source': 'group-test' },
		body: text,
	});
	return { status: res.status, json: (await res.json()) as Answer['json'] };
}

/** Pushes the bodies one after another while this test holds the load lock, each waiting in the server before the next is sent. */
async function pushWhileLocked(bodies: string[]): Promise<Answer[]> {
	const session = await Session.open(s.db);
	const lock = await acquireLoadLock(session);
	const answers: Promise<Answer>[] = [];
	try {
		// The first push starts a load that waits for the lock; the others wait in the server for the next load.
		answers.push(push(bodies[0] as string));
		await expect.poll(() => logs.some((l) => /Waiting for the load/.test(l)), { timeout: 20_000 }).toBe(true);
		for (const [i, b] of bodies.slice(1).entries()) {
			answers.push(push(b));
			await expect.poll(() => server.waiting(), { timeout: 20_000 }).toBe(i + 1);
		}
	} finally {
		await lock.release();
	}
	return Promise.all(answers);
}

const groupLines = () => logs.filter((l) => /group of \d+ job_order_lines batches: one plan/.test(l));

describe('group commit of pushes waiting for the load lock', () => {
	it('loads them as one group, each batch committed once with its own rows, quarantine and answer', async () => {
		const run = randomBytes(3).toString('hex').toUpperCase();
		const id = (n: string) => `G${run}-${n}`;
		logs.length = 0;
		const first = body(row(id('first')));
		const a = body(row(id('a1')), row(id('a2')), row(id('a3')));
		// a duplicate key inside B: quarantined by the plan's SQL checks, named by B's own line 3
		const b = body(row(id('b1')), row(id('b1'), '2024-01-05T08:00:00Z', '4'));
		// D is refused as a whole (its header names no line_id); it alone
		const d = `${HEADER.replace('line_id', 'line_ident')}\n${row(id('d1'))}\n`;
		// every row of F fails a field check: F commits nothing and harms nobody
		const f = body(row(id('f1'), '2024-01-05T08:00:00Z', 'x'), row(id('f2'), '2024-01-05T08:00:00Z', 'y'));
		// A again, inside the same wait: answered as the first time, never loaded twice
		const answers = await pushWhileLocked([first, a, b, d, f, a]);
		const [ansFirst, ansA, ansB, ansD, ansF, ansA2] = answers as [Answer, Answer, Answer, Answer, Answer, Answer];

		expect(ansFirst.json.status).toBe('committed');
		expect(ansA.status).toBe(200);
		expect(ansA.json).toMatchObject({ status: 'committed', counts: { read: 3, inserted: 3, quarantined: 0 } });
		expect(ansB.json).toMatchObject({ status: 'committed', counts: { read: 2, inserted: 1, quarantined: 1 } });
		expect(ansB.json.quarantine).toEqual([
			{ line: 3, field: 'line_id', reason: expect.stringMatching(/^line 3, field line_id: .*line 2/) },
		]);
		expect(ansD.status).toBe(422);
		expect(ansD.json.status).toBe('rejected');
		expect(ansD.json.error).toMatch(/line 1 \(the header\)/);
		expect(ansD.json.error).toMatch(/line_id/);
		expect(ansF.json).toMatchObject({ status: 'committed', counts: { read: 2, inserted: 0, quarantined: 2 } });
		expect(ansF.json.quarantine?.map((q) => [q.line, q.field])).toEqual([
			[2, 'slots'],
			[3, 'slots'],
		]);
		expect(ansA2.status).toBe(200);
		expect(ansA2.json).toMatchObject({ status: 'skipped', batch_id: ansA.json.batch_id, counts: { inserted: 3 } });

		// one group: A, B and F planned and committed together (D was refused while staging; A's twin waits for A's commit)
		expect(groupLines()).toHaveLength(1);
		expect(groupLines()[0]).toMatch(/group of 3 job_order_lines batches/);

		// every row once, under its own batch id and its own line
		const facts = await s.rows<{ line_id: string; _batch_id: string; _line: number }>(
			`SELECT line_id, _batch_id, toUInt32(_line) AS _line FROM fct_job_order_lines WHERE startsWith(line_id, 'G${run}-') ORDER BY line_id`,
		);
		expect(facts.map((r) => [r.line_id, r._batch_id, Number(r._line)])).toEqual([
			[id('a1'), ansA.json.batch_id, 2],
			[id('a2'), ansA.json.batch_id, 3],
			[id('a3'), ansA.json.batch_id, 4],
			[id('b1'), ansB.json.batch_id, 2],
			[id('first'), ansFirst.json.batch_id, 2],
		]);
		// one committed registry row per batch, and each batch's own quarantine
		const ids = [ansFirst, ansA, ansB, ansF].map((x) => `'${x.json.batch_id}'`).join(', ');
		const committed = await s.rows<{ batch_id: string; n: number }>(
			`SELECT batch_id, toUInt32(count()) AS n FROM ops_batches WHERE state = 'committed' AND batch_id IN (${ids}) GROUP BY batch_id`,
		);
		expect(committed).toHaveLength(4);
		expect(committed.every((r) => Number(r.n) === 1)).toBe(true);
		const quarantine = await s.rows<{ batch_id: string; line: number; field: string }>(
			`SELECT batch_id, toUInt32(line) AS line, field FROM ops_quarantine WHERE batch_id IN (${ids}) ORDER BY batch_id, line`,
		);
		expect(quarantine.map((q) => [q.batch_id, Number(q.line), q.field]).sort()).toEqual(
			[
				[ansB.json.batch_id, 3, 'line_id'],
				[ansF.json.batch_id, 2, 'slots'],
				[ansF.json.batch_id, 3, 'slots'],
			].sort(),
		);
	});

	it('lets a later batch’s version of a row win over an earlier one’s in the same wait', async () => {
		const run = randomBytes(3).toString('hex').toUpperCase();
		const key = `V${run}`;
		logs.length = 0;
		const answers = await pushWhileLocked([
			body(row(`${key}-lead`)),
			body(row(key, '2024-02-01T00:00:00Z', '3')),
			body(row(key, '2024-03-01T00:00:00Z', '5')),
			body(row(key, '2024-01-15T00:00:00Z', '7'), row(`${key}-z`)),
		]);
		expect(answers.map((x) => x.json.counts)).toMatchObject([
			{ inserted: 1 },
			{ inserted: 1 },
			{ updated: 1 },
			{ superseded: 1, inserted: 1 },
		]);
		const rows = await s.rows<{ slots: number }>(`SELECT toUInt32(slots) AS slots FROM fct_job_order_lines WHERE line_id = '${key}'`);
		expect(rows.map((r) => Number(r.slots))).toEqual([5]);
	});

	it('tells a push beyond the bounded wait to come back (503, Retry-After), loads nothing of it, and takes it when sent again', async () => {
		const run = randomBytes(3).toString('hex').toUpperCase();
		const id = (n: string) => `Q${run}-${n}`;
		const small = await startIngestServer({ db: s.db, port: 0, token, maxWaiting: 2, log: (line) => logs.push(line) });
		const pushTo = async (text: string) => {
			const res = await fetch(`${small.url}/v1/batches/job_order_lines`, {
				method: 'POST',
				headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'x-slmi-source': 'group-test' },
				body: text,
			});
			return { status: res.status, retryAfter: res.headers.get('retry-after'), json: (await res.json()) as Answer['json'] };
		};
		try {
			logs.length = 0;
			const session = await Session.open(s.db);
			const lock = await acquireLoadLock(session);
			const answers: ReturnType<typeof pushTo>[] = [];
			let refused: Awaited<ReturnType<typeof pushTo>>;
			try {
				// the first push's load waits for the lock; two more wait in the server: the wait is full
				answers.push(pushTo(body(row(id('lead')))));
				await expect.poll(() => logs.some((l) => /Waiting for the load/.test(l)), { timeout: 20_000 }).toBe(true);
				for (const n of [1, 2]) {
					answers.push(pushTo(body(row(id(`w${n}`)))));
					await expect.poll(() => small.waiting(), { timeout: 20_000 }).toBe(n);
				}
				refused = await pushTo(body(row(id('over'))));
				expect(small.waiting()).toBe(2);
			} finally {
				await lock.release();
			}
			expect(refused.status).toBe(503);
			expect(refused.retryAfter).toBe('10');
			expect(refused.json.error).toMatch(/^2 batches are waiting to be loaded; nothing of this one was loaded\. Send it again in 10 s\.$/);
			expect((await Promise.all(answers)).map((a) => [a.status, a.json.status])).toEqual([
				[200, 'committed'],
				[200, 'committed'],
				[200, 'committed'],
			]);
			const loaded = async () =>
				(await s.rows<{ line_id: string }>(`SELECT line_id FROM fct_job_order_lines WHERE line_id LIKE 'Q${run}-%' ORDER BY line_id`)).map(
					(r) => r.line_id,
				);
			expect(await loaded()).toEqual([id('lead'), id('w1'), id('w2')]);
			// sent again once the wait has room: loaded, once
			const again = await pushTo(body(row(id('over'))));
			expect([again.status, again.json.status]).toEqual([200, 'committed']);
			expect(await loaded()).toEqual([id('lead'), id('over'), id('w1'), id('w2')]);
		} finally {
			await small.close();
		}
	});
});

describe('a group load killed half-way', () => {
	const points = ['after-plan', 'mid-publish', 'before-commit', 'after-commit'] as const;
	for (const point of points) {
		it(`is finished by the next loader, each batch exactly once (${point})`, async () => {
			const run = randomBytes(3).toString('hex').toUpperCase();
			const id = (n: string) => `K${run}-${n}`;
			// an existing line the group updates: old and new versions side by side until the mutation
			await loadBatches(s.db, [{ entity: 'job_order_lines', body: Buffer.from(body(row(id('old')))), format: 'csv', source: 'http test' }]);
			const dir = tempDir('group-crash');
			const files = [
				body(row(id('a1')), row(id('old'), '2024-06-01T00:00:00Z', '9')),
				body(row(id('b1')), row(id('b1'))),
				body(row(id('c1')), row(id('c2'), '2024-01-05T08:00:00Z', 'x')),
			].map((text, i) => {
				const file = join(dir, `job_order_lines-${i}.csv`);
				writeFileSync(file, text);
				return file;
			});
			const crashed = await runNode(
				['--import', 'tsx', join(projectRoot, 'tests/integration/ingestion/group-load.mts'), 'job_order_lines', ...files],
				{ GROUP_LOAD_ENDPOINT: JSON.stringify(s.endpoint), SLMI_LOAD_FAIL_AT: `job_order_lines:${point}` },
			);
			expect(crashed.signal, crashed.stderr).toBe('SIGKILL');
			expect(crashed.stderr).toMatch(/group of 3 job_order_lines batches/);
			const next = await loadFiles(s.db, []);
			expect(next.recovered.map((r) => r.counts)).toEqual(
				point === 'after-commit'
					? []
					: [
							expect.objectContaining({ inserted: 1, updated: 1, quarantined: 0 }),
							expect.objectContaining({ inserted: 1, quarantined: 1 }),
							expect.objectContaining({ inserted: 1, quarantined: 1 }),
						],
			);
			const facts = await s.rows<{ line_id: string; n: number; slots: number }>(
				`SELECT line_id, toUInt32(count()) AS n, toUInt32(max(slots)) AS slots FROM fct_job_order_lines WHERE startsWith(line_id, 'K${run}-') GROUP BY line_id ORDER BY line_id`,
			);
			expect(facts.map((f) => [f.line_id, Number(f.n), Number(f.slots)])).toEqual([
				[id('a1'), 1, 3],
				[id('b1'), 1, 3],
				[id('c1'), 1, 3],
				[id('old'), 1, 9],
			]);
			const committed = await s.value(
				`SELECT count() FROM ops_batches WHERE state = 'committed' AND startsWith(source, 'http test job_order_lines-') AND batch_id IN (SELECT DISTINCT _batch_id FROM fct_job_order_lines WHERE startsWith(line_id, 'K${run}-') AND line_id != '${id('old')}')`,
			);
			expect(committed).toBe(3);
			const quarantined = await s.rows<{ line: number; field: string }>(
				`SELECT toUInt32(line) AS line, field FROM ops_quarantine WHERE batch_id IN (SELECT DISTINCT _batch_id FROM fct_job_order_lines WHERE startsWith(line_id, 'K${run}-') AND line_id != '${id('old')}') ORDER BY field, line`,
			);
			expect(quarantined.map((q) => [Number(q.line), q.field])).toEqual([
				[3, 'line_id'],
				[3, 'slots'],
			]);
			expect(await s.value("SELECT count() FROM system.tables WHERE database = currentDatabase() AND name LIKE 'st%'")).toBe(0);
		});
	}
});

describe('loadBatch: one streamed batch, loaded as a load of one', () => {
	it('spools a gzip stream, commits it once, skips it when sent again and refuses one over maxBytes', async () => {
		const run = randomBytes(3).toString('hex').toUpperCase();
		const id = (n: string) => `S${run}-${n}`;
		const gz = gzipSync(body(row(id('a')), row(id('b')), row(id('c'), '2024-01-05T08:00:00Z', 'x')));
		const afterLoads: LoadReport[] = [];
		const options = {
			source: 'stream test',
			format: 'csv' as const,
			gzip: true,
			afterLoad: async (r: LoadReport) => void afterLoads.push(r),
		};
		// two chunks: the body arrives as a stream, not as one Buffer
		const stream = () => Readable.from([gz.subarray(0, 20), gz.subarray(20)]);
		const first = await loadBatch(s.db, 'job_order_lines', stream(), options);
		expect(first).toMatchObject({ status: 'committed', counts: expect.objectContaining({ inserted: 2, quarantined: 1 }) });
		const again = await loadBatch(s.db, 'job_order_lines', stream(), options);
		expect(again.status).toBe('skipped');
		expect(again.batchId).toBe(first.batchId);
		expect(afterLoads).toHaveLength(1);
		const facts = await s.value(`SELECT count() FROM fct_job_order_lines WHERE startsWith(line_id, 'S${run}-')`);
		expect(Number(facts)).toBe(2);
		await expect(loadBatch(s.db, 'job_order_lines', stream(), { ...options, maxBytes: 30 })).rejects.toBeInstanceOf(BodyTooLargeError);
	});
});
