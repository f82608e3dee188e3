/**
 * The HTTP ingest API against a real ClickHouse: authentication, routing, content types, the
 * size limit, and the batch semantics (the same body twice changes nothing).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { connect as connectSocket } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IngestServer, startIngestServer, tokenMatches } from '../../../warehouse/src/ingest/server.ts';
import { loadFiles } from '../../../warehouse/src/load/index.ts';
import { fixture, type Scratch, scratchWarehouse, tempDir } from './support.ts';

const token = 'test-token-0123456789abcdef';
let s: Scratch;
let server: IngestServer;
const afterLoads: string[] = [];

beforeAll(async () => {
	s = await scratchWarehouse('http');
	server = await startIngestServer({
		db: s.db,
		port: 0,
		token,
		maxBodyBytes: 64 * 1024,
		afterLoad: async (report) => {
			afterLoads.push(report.batches.map((b) => `${b.entity}:${b.status}`).join(','));
		},
	});
});
afterAll(async () => {
	await server?.close();
	await s?.drop();
});

function post(entity: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<Response> {
	return fetch(`${server.url}/v1/batches/${entity}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'x-slmi-source': 'test-suite', ...headers },
		// A Buffer is sent as its bytes; TypeScript's DOM types only know Uint8Array.
		body: typeof body === 'string' ? body : new Uint8Array(body),
	});
}

const csv = (name: string) => readFileSync(fixture('valid', name));

describe('ingest API', () => {
	it('binds to loopback by default', () => {
		expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
	});

	it('answers 401 without a token or with a wrong one, before looking at anything else', async () => {
		const none = await fetch(`${server.url}/v1/batches/placements`, { method: 'POST', body: 'x' });
		expect(none.status).toBe(401);
		expect(none.headers.get('www-authenticate')).toBe('Bearer');
		const wrong = await post('no_such_entity', 'x', { authorization: 'Bearer nope' });
		expect(wrong.status).toBe(401);
		const get = await fetch(`${server.url}/v1/batches/0123456789ab`, { headers: { authorization: `Bearer ${token}x` } });
		expect(get.status).toBe(401);
	});

	it('compares tokens exactly', () => {
		expect(tokenMatches(`Bearer ${token}`, token)).toBe(true);
		expect(tokenMatches(`bearer ${token}`, token)).toBe(true);
		expect(tokenMatches(`Bearer ${token.slice(0, -1)}`, token)).toBe(false);
		expect(tokenMatches('Bearer ', token)).toBe(false);
		expect(tokenMatches(undefined, token)).toBe(false);
	});

	it('answers 404 for an unknown entity, 415 for a wrong content type, 413 over the size limit', async () => {
		expect((await post('workers', 'x')).status).toBe(404);
		const wrongType = await post('placements', 'x', { 'content-type': 'application/json' });
		expect(wrongType.status).toBe(415);
		expect(await wrongType.json()).toEqual({ error: "Content-Type must be text/csv or application/x-ndjson, got 'application/json'" });
		const big = await post('placements', Buffer.alloc(65 * 1024, 0x61));
		expect(big.status).toBe(413);
		expect(((await big.json()) as { error: string }).error).toMatch(/the limit is 65,536 bytes/);
		// Streamed without a Content-Length, the limit is enforced while reading.
		const chunk = new Uint8Array(16 * 1024).fill(0x61);
		let sent = 0;
		const stream = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (sent >= 80 * 1024) controller.close();
				else {
					sent += chunk.length;
					controller.enqueue(chunk);
				}
			},
		});
		const streamed = await fetch(`${server.url}/v1/batches/placements`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
			body: stream,
			duplex: 'half',
		} as RequestInit);
		expect(streamed.status).toBe(413);
		expect(((await streamed.json()) as { error: string }).error).toBe('the body is larger than 65,536 bytes; split the batch.');
	});

	it('loads a CSV batch and reports counts and quarantine reasons', async () => {
		for (const name of ['job_order_lines.csv', 'candidates.csv']) {
			const res = await post(name.replace('.csv', ''), csv(name));
			expect(res.status).toBe(200);
		}
		const body =
			'placement_id,candidate_id,line_id,updated_at,departure_date,wage,contract_months\nP1,C1,L1,2024-04-01T00:00:00Z,2024-04-01,200000,36\nP9,C9,L1,2024-04-01T00:00:00Z,2024-04-01,200000,36\n';
		const res = await post('placements', body);
		expect(res.status).toBe(200);
		const report = (await res.json()) as Record<string, unknown>;
		expect(report).toMatchObject({
			entity: 'placements',
			status: 'committed',
			source: expect.stringMatching(/^http 127\.0\.0\.1 test-suite$/),
			counts: { read: 2, inserted: 1, updated: 0, unchanged: 0, superseded: 0, quarantined: 1 },
			quarantine: [
				{
					line: 3,
					field: 'candidate_id',
					reason:
						"line 3, field candidate_id: unknown candidate 'C9': no such candidate_id in the warehouse; load the candidates file that registers it first",
				},
			],
		});
		expect(afterLoads).toContain('placements:committed');

		// The same body again: nothing changes, and the answer says so.
		const before = await s.value('SELECT count() FROM ops_batches');
		const quarantined = await s.value('SELECT count() FROM ops_quarantine');
		const loads = afterLoads.length;
		const again = await post('placements', body);
		expect(again.status).toBe(200);
		expect(await again.json()).toMatchObject({
			status: 'skipped',
			batch_id: report.batch_id,
			counts: { read: 2, inserted: 1, quarantined: 1 },
		});
		expect(await s.value('SELECT count() FROM ops_batches')).toBe(before);
		expect(await s.value('SELECT count() FROM ops_quarantine')).toBe(quarantined);
		expect(await s.value('SELECT count() FROM fct_placements')).toBe(1);
		expect(afterLoads.length).toBe(loads);

		const state = await fetch(`${server.url}/v1/batches/${String(report.batch_id).slice(0, 16)}`, {
			headers: { authorization: `Bearer ${token}` },
		});
		expect(state.status).toBe(200);
		expect(await state.json()).toMatchObject({
			batch_id: report.batch_id,
			entity: 'placements',
			state: 'committed',
			counts: { inserted: 1 },
		});
	});

	it('loads NDJSON, gzip-compressed too', async () => {
		const body = gzipSync(readFileSync(fixture('valid', 'trainings.ndjson')));
		const res = await post('trainings', body, { 'content-type': 'application/x-ndjson; charset=utf-8', 'content-encoding': 'gzip' });
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ status: 'committed', counts: { read: 3, inserted: 3 } });
	});

	it('answers 422 for a batch rejected as a whole, and 404 for an unknown batch id', async () => {
		const res = await post('certifications', '');
		expect(res.status).toBe(422);
		expect(await res.json()).toMatchObject({ status: 'rejected', message: 'file is empty (no header row)' });
		const unknown = await fetch(`${server.url}/v1/batches/${'f'.repeat(64)}`, { headers: { authorization: `Bearer ${token}` } });
		expect(unknown.status).toBe(404);
	});
});

/** Nothing a server keeps to itself: paths, SQL, ClickHouse's exception words, stack frames. */
function expectNoServerInternals(text: string): void {
	expect(text).not.toMatch(/(^|[\s'"(])\/(tmp|var|srv|home|root|work|etc|usr|opt|data|mnt)\//);
	expect(text).not.toMatch(
		/slmi-batch-|\bSELECT\b|\bINSERT\b|\bFROM\b|DB::Exception|Code: \d+|doesn't exist|ops_batches|ingest_http_|\n\s+at /,
	);
}

describe('answers never show server internals', () => {
	it('names a file the server loaded by its name only, in the skipped answer and the batch state', async () => {
		const dir = tempDir('http-paths');
		const name = 'certifications-from-cli.csv';
		writeFileSync(join(dir, name), readFileSync(fixture('valid', 'certifications.csv')));
		const loaded = await loadFiles(s.db, [join(dir, name)]);
		expect(loaded.batches[0]?.status).toBe('committed');
		const res = await post('certifications', readFileSync(join(dir, name)));
		expect(res.status).toBe(200);
		const text = await res.text();
		const body = JSON.parse(text) as { status: string; message: string; source: string; batch_id: string };
		expect(body.status).toBe('skipped');
		expect(body.message).toMatch(new RegExp(`^already loaded from ${name} at `));
		expect(text).not.toContain(dir);
		expectNoServerInternals(text);
		const state = await fetch(`${server.url}/v1/batches/${body.batch_id}`, { headers: { authorization: `Bearer ${token}` } });
		const stateText = await state.text();
		expect(JSON.parse(stateText)).toMatchObject({ source: name, state: 'committed' });
		expect(stateText).not.toContain(dir);
	});

	it('answers a failure inside the warehouse with 500 and a reference, no SQL, table name or path', async () => {
		const logs: string[] = [];
		const failing = await startIngestServer({ db: s.db, port: 0, token, log: (line) => logs.push(line) });
		await s.db.command({ query: 'RENAME TABLE ops_batches TO ops_batches_aside' });
		try {
			const res = await fetch(`${failing.url}/v1/batches/candidates`, {
				method: 'POST',
				headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
				body: readFileSync(fixture('valid', 'candidates.csv')),
			});
			expect(res.status).toBe(500);
			const text = await res.text();
			const body = JSON.parse(text) as { error: string; message: string };
			expect(body.error).toMatch(
				/^The load failed on the server; nothing of this batch was loaded\. Send it again; if it fails again, give the operator the reference [0-9a-f]{8}\.$/,
			);
			expectNoServerInternals(text);
			const ref = /reference ([0-9a-f]{8})/.exec(body.error)?.[1];
			// The detail is in the server's log, under the same reference.
			expect(logs.some((l) => l.includes(`[ref ${ref}]`) && /ops_batches/.test(l))).toBe(true);

			const get = await fetch(`${failing.url}/v1/batches/${'a'.repeat(16)}`, { headers: { authorization: `Bearer ${token}` } });
			expect(get.status).toBe(500);
			expectNoServerInternals(await get.text());
		} finally {
			await s.db.command({ query: 'RENAME TABLE ops_batches_aside TO ops_batches' });
			await failing.close();
		}
	});
});

describe('slow and stalled uploads', () => {
	let slow: IngestServer;
	beforeAll(async () => {
		slow = await startIngestServer({ db: s.db, port: 0, token, idleTimeoutMs: 1000, headersTimeoutMs: 1500 });
	});
	afterAll(async () => {
		await slow?.close();
	});

	/** Opens a raw connection, sends `data`, then waits without sending more; resolves with what came back and when it closed. */
	function stallWith(data: string): Promise<{ answer: string; seconds: number }> {
		const { port } = new URL(slow.url);
		return new Promise((resolve, reject) => {
			const started = Date.now();
			const socket = connectSocket(Number(port), '127.0.0.1');
			let answer = '';
			socket.on('data', (chunk) => {
				answer += chunk.toString();
			});
			socket.on('error', reject);
			socket.on('close', () => resolve({ answer, seconds: (Date.now() - started) / 1000 }));
			socket.setTimeout(20_000, () => {
				socket.destroy();
				reject(new Error(`still open after 20 s; got: ${answer}`));
			});
			socket.write(data);
		});
	}

	it('answers a body that stops arriving with 408 and closes the connection', async () => {
		const half = 'candidate_id,updated_at\nC1,2024-01-02T00:00:00Z\n';
		const { answer, seconds } = await stallWith(
			`POST /v1/batches/candidates HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: text/csv\r\nContent-Length: 1000\r\n\r\n${half}`,
		);
		expect(answer).toMatch(/^HTTP\/1\.1 408 /);
		expect(answer).toMatch(/connection: close/i);
		expect(answer).toContain('"error": "The request body stopped arriving (nothing for 1 s); nothing was loaded. Send it again."');
		expect(seconds).toBeGreaterThanOrEqual(0.9);
		expect(seconds).toBeLessThan(6);
	});

	it('closes a connection whose headers stop arriving', async () => {
		const { answer, seconds } = await stallWith('POST /v1/batches/candidates HTTP/1.1\r\nHost: x\r\n');
		expect(answer === '' || /^HTTP\/1\.1 408 /.test(answer)).toBe(true);
		expect(seconds).toBeLessThan(6);
	});
});
