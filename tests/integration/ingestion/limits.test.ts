/**
 * The loader's limits against hostile or broken input (docs/ingestion.md §7), over HTTP and from
 * files: a gzip bomb is refused while it is read, before the load lock is taken; a batch whose
 * rows mostly fail the checks is refused as a whole (nothing loaded, a handful of reasons kept)
 * instead of filling ops_quarantine; a corrupt gzip is the sender's error (400), not "send it
 * again". A refused batch stores no facts and, corrected, loads normally.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IngestServer, startIngestServer } from '../../../warehouse/src/ingest/server.ts';
import { loadFiles } from '../../../warehouse/src/load/index.ts';
import { MAX_GZIP_RATIO, QUARANTINE_MAX_ROWS, QUARANTINE_SHARE_AFTER_ROWS } from '../../../warehouse/src/load/limits.ts';
import { type Scratch, scratchWarehouse, tempDir } from './support.ts';

const token = 'limits-token-0123456789abcdef';
let s: Scratch;
let server: IngestServer;

beforeAll(async () => {
	s = await scratchWarehouse('limits');
	server = await startIngestServer({ db: s.db, port: 0, token, maxBodyBytes: 2 * 1024 * 1024 });
});
afterAll(async () => {
	await server?.close();
	await s?.drop();
});

function post(entity: string, body: Buffer | string, headers: Record<string, string> = {}): Promise<Response> {
	return fetch(`${server.url}/v1/batches/${entity}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', ...headers },
		body: typeof body === 'string' ? body : new Uint8Array(body),
	});
}

const HEADER =
	'candidate_id,updated_at,registered_date,province_code,regency_code,gender,age,education,smk_major,preferred_occupation_isco4,preferred_countries,language_code,language_level,experience_years';
const candidate = (id: string) => `${id},2024-01-02T00:00:00Z,2023-11-01,32,32.12,F,23,smk,caregiver,5321,JP;KR,ja,2,1`;

/** A gzip body of about `compressed` bytes that decompresses ~1,000 times larger: concatenated members. */
function gzipBomb(compressed: number): Buffer {
	const member = gzipSync(Buffer.alloc(10 * 1024 * 1024), { level: 9 });
	return Buffer.concat(Array.from({ length: Math.max(1, Math.round(compressed / member.length)) }, () => member));
}

async function quarantineRows(batchId: string): Promise<number> {
	return s.value(`SELECT count() FROM ops_quarantine WHERE batch_id = '${batchId}'`);
}

describe('gzip bombs and corrupt gzip', () => {
	it('refuses a 1 MB gzip bomb with 413 within seconds, without taking the load lock', async () => {
		const bomb = gzipBomb(1024 * 1024);
		expect(bomb.length).toBeGreaterThan(900 * 1024);
		let sawLock = false;
		let polling = true;
		const poll = (async () => {
			while (polling) {
				if ((await s.value("SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = 'ops_load_lock'")) > 0)
					sawLock = true;
				await new Promise((r) => setTimeout(r, 20));
			}
		})();
		const started = Date.now();
		const res = await post('candidates', bomb, { 'content-encoding': 'gzip' });
		const seconds = (Date.now() - started) / 1000;
		polling = false;
		await poll;
		expect(res.status).toBe(413);
		const { error } = (await res.json()) as { error: string };
		expect(error).toMatch(
			new RegExp(`decompresses to more than [\\d,]+ bytes \\(the limit is ${MAX_GZIP_RATIO} times the compressed size`),
		);
		expect(seconds).toBeLessThan(5);
		expect(sawLock).toBe(false);
		expect(await s.value('SELECT count() FROM ops_batches')).toBe(0);
	});

	it('answers 400 for a corrupt or truncated gzip body, naming the problem', async () => {
		const good = gzipSync(`${HEADER}\n${candidate('Z1')}\n`);
		const corrupt = Buffer.from(good);
		corrupt.fill(0x41, 10, 30);
		for (const body of [corrupt, good.subarray(0, good.length - 12), Buffer.from('not gzip at all')]) {
			const res = await post('candidates', body, { 'content-encoding': 'gzip' });
			expect(res.status).toBe(400);
			const { error } = (await res.json()) as { error: string };
			expect(error).toMatch(/^The body is not valid gzip: the gzip data is corrupt \(.+\); compress the file again and resend it\.$/);
		}
		expect(await s.value("SELECT count() FROM fct_candidates WHERE candidate_id = 'Z1'")).toBe(0);
	});

	it('refuses a gzip bomb from a file too: the batch is rejected, nothing loaded', async () => {
		const dir = tempDir('limits-bomb');
		writeFileSync(join(dir, 'candidates.csv.gz'), gzipBomb(200 * 1024));
		const started = Date.now();
		const report = await loadFiles(s.db, [dir]);
		expect((Date.now() - started) / 1000).toBeLessThan(10);
		expect(report.batches[0]).toMatchObject({ status: 'rejected', message: expect.stringMatching(/decompresses to more than/) });
	});
});

describe('quarantine cap per batch', () => {
	it('refuses a tiny gzip body of 10,000 garbage rows as a whole: 422, first reasons, almost nothing stored', async () => {
		const garbage = `${HEADER}\n${'x,y\n'.repeat(10_000)}`;
		const body = gzipSync(garbage, { level: 9 });
		expect(body.length).toBeLessThan(300);
		const res = await post('candidates', body, { 'content-encoding': 'gzip' });
		expect(res.status).toBe(422);
		const answer = (await res.json()) as { status: string; error: string; batch_id: string; quarantine: { line: number }[] };
		expect(answer.status).toBe('rejected');
		expect(answer.error).toMatch(
			/^too many rows fail the checks: [\d,]+ of [\d,]+ rows read .*nothing was loaded: correct the data and send it again\. First problem: line 2: /,
		);
		expect(answer.quarantine[0]?.line).toBe(2);
		// Stopped once the share rule applied, not after reading all 10,000 rows.
		expect(answer.error).toMatch(new RegExp(`of ${QUARANTINE_SHARE_AFTER_ROWS.toLocaleString('en')} rows read`));
		expect(await quarantineRows(answer.batch_id)).toBeLessThanOrEqual(20);
		expect(await s.value('SELECT count() FROM fct_candidates')).toBe(0);
		// The same bytes again: refused the same way, nothing more recorded.
		const again = await post('candidates', body, { 'content-encoding': 'gzip' });
		expect(again.status).toBe(422);
		expect(await quarantineRows(answer.batch_id)).toBeLessThanOrEqual(20);
	});

	it('refuses a batch whose rows the warehouse quarantines (duplicates) past the cap, and loads it corrected', async () => {
		const rows = Array.from({ length: 3000 }, () => candidate('DUP1'));
		const res = await post('candidates', `${HEADER}\n${rows.join('\n')}\n`);
		expect(res.status).toBe(422);
		const answer = (await res.json()) as { error: string; batch_id: string; quarantine: { line: number; reason: string }[] };
		expect(answer.error).toMatch(
			/^too many rows fail the checks: 2,999 of 3,000 rows read .* First problem: line 3, field candidate_id: .*duplicate of line 2/,
		);
		expect(answer.quarantine).toHaveLength(20);
		expect(await quarantineRows(answer.batch_id)).toBe(20);
		expect(await s.value("SELECT count() FROM fct_candidates WHERE candidate_id = 'DUP1'")).toBe(0);
		expect(await s.value("SELECT count() FROM system.tables WHERE database = currentDatabase() AND name LIKE 'st%'")).toBe(0);

		const corrected = await post('candidates', `${HEADER}\n${candidate('DUP1')}\n`);
		expect(corrected.status).toBe(200);
		expect(await corrected.json()).toMatchObject({ status: 'committed', counts: { read: 1, inserted: 1 } });
	});

	it('refuses a file with more than the absolute number of bad rows, and keeps loading files with a few', async () => {
		const dir = tempDir('limits-cap');
		const good = Array.from({ length: QUARANTINE_MAX_ROWS + 10 }, (_, i) => candidate(`OK${i}`));
		const bad = Array.from({ length: QUARANTINE_MAX_ROWS + 1 }, (_, i) => `BAD${i},not-a-date,2023-11-01,32,32.12,F,23,smk,,5321,,,,1`);
		writeFileSync(join(dir, 'candidates-a.csv'), `${HEADER}\n${[...good, ...bad].join('\n')}\n`);
		writeFileSync(
			join(dir, 'candidates-b.csv'),
			`${HEADER}\n${candidate('FEW1')}\nBAD,not-a-date,2023-11-01,32,32.12,F,23,smk,,5321,,,,1\n`,
		);
		const report = await loadFiles(s.db, [dir]);
		const [a, b] = report.batches;
		expect(a).toMatchObject({
			status: 'rejected',
			message: expect.stringMatching(/^too many rows fail the checks: 10,001 of 20,011 rows read/),
		});
		expect(b).toMatchObject({ status: 'committed', counts: { inserted: 1, quarantined: 1 } });
		expect(await s.value("SELECT count() FROM fct_candidates WHERE startsWith(candidate_id, 'OK')")).toBe(0);
	});
});
