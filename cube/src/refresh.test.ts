import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rebuildPreAggregations, rebuildSelector } from './refresh.ts';

/**
 * The builder's side of Cube's pre-aggregation jobs protocol: a local HTTP server plays Cube's
 * answers (the real Cube builds through this function in every system test and `npm start`); what
 * is checked here is what must hold when Cube is slow: "Continue wait" is waited out, not taken
 * for an answer, and a Cube that never stops saying it ends in a clear error at the time limit.
 */
describe('rebuildPreAggregations against a slow Cube', () => {
	let answer: (body: { action: string }) => { status: number; json: unknown } = () => ({ status: 500, json: {} });
	const seen: string[] = [];
	/** requests whose connection the server drops without an answer (a Cube busy enough to reset it) */
	let drops = 0;
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		let raw = '';
		req.on('data', (chunk) => {
			raw += chunk;
		});
		req.on('end', () => {
			const body = JSON.parse(raw || '{}') as { action: string };
			seen.push(`${req.url} ${body.action}`);
			if (drops > 0) {
				drops--;
				req.socket.destroy();
				return;
			}
			const { status, json } = answer(body);
			res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
		});
	});
	let cubeUrl = '';
	beforeAll(async () => {
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		cubeUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
	beforeEach(() => {
		seen.length = 0;
		drops = 0;
	});
	const apiSecret = 'a-secret-of-at-least-32-characters!!';
	const started = { status: 200, json: ['t1'] };
	const done = { status: 200, json: [{ token: 't1', table: 'pre.jobs_x', status: 'done', selector: { preAggregations: ['jobs.x'] } }] };
	const built = [{ preAggregation: 'jobs.x', table: 'pre.jobs_x', status: 'done' }];

	it('waits out "Continue wait" on starting and on polling the jobs', async () => {
		let posts = 0;
		let gets = 0;
		answer = ({ action }) => {
			if (action === 'post') return ++posts < 3 ? { status: 200, json: { error: 'Continue wait' } } : started;
			return ++gets < 2 ? { status: 200, json: { error: 'Continue wait' } } : done;
		};
		expect(await rebuildPreAggregations({ cubeUrl, apiSecret, pollMs: 10 })).toEqual(built);
		expect(seen).toEqual([
			'/cubejs-api/v1/pre-aggregations/jobs post',
			'/cubejs-api/v1/pre-aggregations/jobs post',
			'/cubejs-api/v1/pre-aggregations/jobs post',
			'/cubejs-api/v1/pre-aggregations/jobs get',
			'/cubejs-api/v1/pre-aggregations/jobs get',
		]);
	});

	it("asks again when Cube drops the connection, and gives up with fetch's error when it keeps doing so", async () => {
		answer = ({ action }) => (action === 'post' ? started : done);
		drops = 1;
		expect(await rebuildPreAggregations({ cubeUrl, apiSecret, pollMs: 10 })).toEqual(built);
		expect(seen).toEqual([
			'/cubejs-api/v1/pre-aggregations/jobs post',
			'/cubejs-api/v1/pre-aggregations/jobs post',
			'/cubejs-api/v1/pre-aggregations/jobs get',
		]);
		drops = 10;
		await expect(rebuildPreAggregations({ cubeUrl, apiSecret, pollMs: 10 })).rejects.toThrow(/fetch failed/);
	});

	it('gives up with a clear error when Cube keeps saying "Continue wait" past the time limit', async () => {
		answer = () => ({ status: 200, json: { error: 'Continue wait' } });
		await expect(rebuildPreAggregations({ cubeUrl, apiSecret, timeoutMs: 600, pollMs: 10 })).rejects.toThrow(
			/Cube \/pre-aggregations\/jobs: still "Continue wait" after \d+ ms/,
		);
	});
});

/** A stand-in for Cube's jobs route on a local port for the tests of one describe block: `answer` gives the JSON (status 200). */
function localCube(
	answer: (body: { action: string; tokens?: string[]; selector?: { preAggregations?: string[] } }, req: IncomingMessage) => unknown,
): { readonly url: string } {
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		let raw = '';
		req.on('data', (chunk) => {
			raw += chunk;
		});
		req.on('end', () => {
			const json = answer(JSON.parse(raw || '{}'), req);
			res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(json));
		});
	});
	let url = '';
	beforeAll(async () => {
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
	return {
		get url() {
			return url;
		},
	};
}

describe('rebuildPreAggregations: the time limit counts from the last partition finished', () => {
	let gets = 0;
	let finishing: (poll: number) => number = () => 0;
	/** when each request's bearer token was issued (its `iat`, seconds) */
	const issued: number[] = [];
	const cube = localCube((body, req) => {
		const jwt = (req.headers.authorization ?? '').replace(/^Bearer /, '').split('.')[1] ?? '';
		issued.push((JSON.parse(Buffer.from(jwt, 'base64url').toString('utf8')) as { iat: number }).iat);
		const tokens = ['t1', 't2', 't3', 't4', 't5'];
		if (body.action === 'post') return tokens;
		const poll = ++gets;
		return tokens.map((token, i) => ({
			token,
			table: `pre.p${i}`,
			status: i < finishing(poll) ? 'done' : 'processing',
			selector: { preAggregations: [`c.p${i}`] },
		}));
	});
	const apiSecret = 'a-secret-of-at-least-32-characters!!';

	it('signs its token for each request: a build may outlast the token (15 minutes)', async () => {
		// one partition every 15 polls of 50 ms: the five take ≈ 3.75 s, the requests span several seconds
		gets = 0;
		issued.length = 0;
		finishing = (poll) => Math.floor(poll / 15);
		await rebuildPreAggregations({ cubeUrl: cube.url, apiSecret, timeoutMs: 5000, pollMs: 50 });
		expect(issued.length).toBeGreaterThan(50);
		expect((issued.at(-1) as number) - (issued[0] as number)).toBeGreaterThanOrEqual(3);
	});

	it('goes on past the limit while partitions keep finishing, and stops once none has for the limit', async () => {
		// one more partition every 10 polls of 20 ms (≈ 200 ms apart); five take ≈ 1 s, the limit is 500 ms
		const t0 = Date.now();
		gets = 0;
		finishing = (poll) => Math.floor(poll / 10);
		const built = await rebuildPreAggregations({ cubeUrl: cube.url, apiSecret, timeoutMs: 500, pollMs: 20 });
		expect(built.map((b) => b.preAggregation)).toEqual(['c.p0', 'c.p1', 'c.p2', 'c.p3', 'c.p4']);
		expect(Date.now() - t0).toBeGreaterThan(500);
		// two partitions finish, then nothing more
		gets = 0;
		finishing = (poll) => Math.min(2, Math.floor(poll / 10));
		await expect(rebuildPreAggregations({ cubeUrl: cube.url, apiSecret, timeoutMs: 300, pollMs: 20 })).rejects.toThrow(
			/no partition finished for 300 ms \(2 of 5 done in \d+ ms\); still pre\.p2: processing/,
		);
	});
});

describe('rebuildPreAggregations: a job Cube lost (missing_partition) is queued again', () => {
	const posts: unknown[] = [];
	/** the status of each token Cube hands out; a token not listed is done */
	let lostTokens = new Set<string>();
	let next = 0;
	const cube = localCube((body) => {
		if (body.action === 'post') {
			posts.push(body.selector?.preAggregations ?? null);
			// c.b has two partitions; building it again drops the old version of the second (c.b#3)
			if (body.selector?.preAggregations) lostTokens.add('c.b#3');
			const ids = body.selector?.preAggregations ?? ['c.a', 'c.b', 'c.b'];
			return ids.map((id) => `${id}#${++next}`);
		}
		return (body.tokens ?? []).map((token) => ({
			token,
			table: `pre.${token.split('#')[0]}`,
			status: lostTokens.has(token) ? 'missing_partition' : 'done',
			selector: { preAggregations: [token.split('#')[0]] },
		}));
	});
	const apiSecret = 'a-secret-of-at-least-32-characters!!';

	it('posts the lost pre-aggregation again once it has been missing for lostAfterMs, in place of all its old jobs, and finishes', async () => {
		posts.length = 0;
		next = 0;
		// the first build of c.b's first partition is lost; the new jobs build both partitions
		lostTokens = new Set(['c.b#2']);
		const built = await rebuildPreAggregations({ cubeUrl: cube.url, apiSecret, pollMs: 10, lostAfterMs: 200, timeoutMs: 5000 });
		// once: the old job of c.b's second partition, whose table the new build dropped, is not waited for
		expect(posts).toEqual([null, ['c.b']]);
		expect(built.map((b) => `${b.preAggregation} ${b.status}`).sort()).toEqual(['c.a done', 'c.b done']);
	});

	it('fails with a clear error when Cube keeps losing it', async () => {
		posts.length = 0;
		next = 0;
		lostTokens = new Set(['c.b#2', 'c.b#4', 'c.b#5']);
		await expect(rebuildPreAggregations({ cubeUrl: cube.url, apiSecret, pollMs: 10, lostAfterMs: 100, timeoutMs: 5000 })).rejects.toThrow(
			/Pre-aggregation build lost: Cube neither builds nor has built pre\.c\.b \(missing_partition for 100 ms\)/,
		);
		expect(posts).toEqual([null, ['c.b'], ['c.b']]);
	});
});

describe('rebuildSelector: what is built again after a job failed on a table dropped meanwhile', () => {
	it('the failed pre-aggregations by id when the build had no date ranges', () => {
		expect(rebuildSelector(['job_orders.monthly', 'placements.by_country', 'job_orders.monthly'])).toEqual({
			preAggregations: ['job_orders.monthly', 'placements.by_country'],
		});
	});

	it("their cubes with those cubes' date ranges when the build was scoped to ranges", () => {
		const ranges: Record<string, [string, string][]> = {
			job_orders: [['2026-10-01T00:00:00.000', '2026-12-31T23:59:59.999']],
			placements: [['2026-01-01T00:00:00.000', '2026-03-31T23:59:59.999']],
		};
		expect(rebuildSelector(['job_orders.monthly'], ranges)).toEqual({
			cubes: ['job_orders'],
			dateRanges: { job_orders: ranges.job_orders },
		});
		// a cube the ranges do not name is built whole, as in the first build
		expect(rebuildSelector(['trainings.monthly'], ranges)).toEqual({ preAggregations: ['trainings.monthly'] });
	});
});
