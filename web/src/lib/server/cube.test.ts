import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const env = vi.hoisted((): Record<string, string> => ({}));
vi.mock('$env/dynamic/private', () => ({ env }));

const { CUBE_TOKEN_SECONDS, CubeError, contextFor, cubeLoad, describeFailure, signCubeToken } = await import('./cube.ts');

const SECRET = 's'.repeat(40);

describe('Cube tokens the web signs', () => {
	it('carry iat and an exp minutes later, and verify with the shared secret', async () => {
		const now = Date.UTC(2026, 10, 15, 8, 0, 0);
		const token = await signCubeToken(contextFor({ username: 'kepala-ntb', role: 'regional', province: '52' }), SECRET, now);
		const claims = decodeJwt(token);
		expect(decodeProtectedHeader(token).alg).toBe('HS256');
		expect(claims.iat).toBe(now / 1000);
		expect(claims.exp).toBe(now / 1000 + CUBE_TOKEN_SECONDS);
		expect(CUBE_TOKEN_SECONDS).toBeLessThanOrEqual(30 * 60);
		expect(claims).toMatchObject({ role: 'regional', province: '52', sub: 'kepala-ntb' });
		const { payload } = await jwtVerify(token, new TextEncoder().encode(SECRET), { currentDate: new Date(now + 60_000) });
		expect(payload.role).toBe('regional');
		await expect(
			jwtVerify(token, new TextEncoder().encode(SECRET), { currentDate: new Date(now + (CUBE_TOKEN_SECONDS + 1) * 1000) }),
		).rejects.toThrow(/exp/);
	});

	it('give the public context nothing but its role', async () => {
		const claims = decodeJwt(await signCubeToken(contextFor(undefined), SECRET));
		expect(Object.keys(claims).sort()).toEqual(['exp', 'iat', 'role']);
		expect(claims.role).toBe('public');
	});
});

/**
 * The web's side of Cube's REST protocol, through @cubejs-client/core: a local HTTP server plays
 * Cube's /load answers (the real Cube is exercised by the system tests through every page); what
 * is checked here is what the client must keep doing for the pages: wait out "Continue wait"
 * with a limit, pass Cube's error and status on, read the public suppression annotation.
 */
describe("cubeLoad through Cube's client", () => {
	type Answer = (body: { query: unknown; queryType?: string }) => { status: number; json: unknown };
	let answer: Answer = () => ({ status: 500, json: { error: 'unset' } });
	const seen: { method?: string; authorization?: string; body: { query: unknown; queryType?: string } }[] = [];
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		let raw = '';
		req.on('data', (chunk) => {
			raw += chunk;
		});
		req.on('end', () => {
			const body = JSON.parse(raw || '{}');
			seen.push({ method: req.method, authorization: req.headers.authorization, body });
			const { status, json } = answer(body);
			res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
		});
	});
	const query = { measures: ['placements.placements' as const], dimensions: ['placements.country' as const] };
	const result = (data: Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({
		query,
		data,
		lastRefreshTime: '2026-12-01T00:00:00.000Z',
		annotation: {
			measures: { 'placements.placements': { title: 'Placements', shortTitle: 'Placements', type: 'number' } },
			dimensions: { 'placements.country': { title: 'Country', shortTitle: 'Country', type: 'string' } },
			segments: {},
			timeDimensions: {},
		},
		...extra,
	});
	const multi = (r: unknown) => ({ queryType: 'regularQuery', results: [r], pivotQuery: { ...query, queryType: 'regularQuery' } });

	beforeAll(async () => {
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		env.CUBE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		env.CUBEJS_API_SECRET = SECRET;
		// the transport itself, every call to the server (the result cache is result-cache.test.ts's)
		env.SLMI_RESULT_CACHE_MB = '0';
	});
	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

	it('posts the query with the role\'s token, waits out "Continue wait", and returns rows and a ResultSet', async () => {
		seen.length = 0;
		let calls = 0;
		answer = () => {
			calls += 1;
			if (calls < 3) return { status: 200, json: { error: 'Continue wait' } };
			return { status: 200, json: multi(result([{ 'placements.country': 'SA', 'placements.placements': '7' }])) };
		};
		const loaded = await cubeLoad(query, contextFor({ username: 'menteri', role: 'minister' }));
		expect(seen).toHaveLength(3);
		expect(seen.every((r) => r.method === 'POST' && r.body.queryType === 'multi')).toBe(true);
		expect(seen[0]!.body.query).toEqual(query);
		const token = seen[0]!.authorization!.replace(/^Bearer /, '');
		expect((await jwtVerify(token, new TextEncoder().encode(SECRET))).payload).toMatchObject({ role: 'minister', sub: 'menteri' });
		expect(loaded.data).toEqual([{ 'placements.country': 'SA', 'placements.placements': '7' }]);
		expect(loaded.lastRefreshTime).toBe('2026-12-01T00:00:00.000Z');
		expect(loaded.suppressed).toBeUndefined();
		expect(loaded.resultSet?.tablePivot()).toEqual([{ 'placements.country': 'SA', 'placements.placements': '7' }]);
		expect(loaded.resultSet?.series()[0]?.series.map((p) => [p.x, p.value])).toEqual([['SA', 7]]);
	});

	it('reads which cells a public answer withholds', async () => {
		const slmi = { threshold: 10, marker: '<10', suppressed: [{ row: 1, member: 'placements.placements' }] };
		const rows = [
			{ 'placements.country': 'SA', 'placements.placements': '70' },
			{ 'placements.country': 'QA', 'placements.placements': '<10' },
		];
		answer = () => ({ status: 200, json: multi(result(rows, { slmi })) });
		const loaded = await cubeLoad(query, contextFor(undefined));
		expect(loaded.suppressed).toEqual({ 1: ['placements.placements'] });
		expect(loaded.threshold).toBe(10);
	});

	it("passes Cube's error and status on as a CubeError", async () => {
		answer = () => ({ status: 403, json: { error: 'placements is not available to the public' } });
		const failure = await cubeLoad(query, contextFor(undefined)).catch((e: unknown) => e);
		expect(failure).toBeInstanceOf(CubeError);
		expect(failure).toMatchObject({ status: 403, message: 'placements is not available to the public' });
	});

	it('asks again when Cube chose a pre-aggregation table a refresh dropped meanwhile, and only then', async () => {
		const dropped =
			"Error: Query failed: Error: Code: 60, e.displayText() = DB::Exception: Table slmi_pre_aggregations.job_orders_filter_bar_monthly20251001_frybjt34_zg4h3rjb_1lh7lm9 doesn't exist., e.what() = DB::Exception";
		seen.length = 0;
		let calls = 0;
		answer = () => {
			calls += 1;
			if (calls === 1) return { status: 500, json: { error: dropped } };
			return { status: 200, json: multi(result([{ 'placements.country': 'SA', 'placements.placements': '7' }])) };
		};
		const loaded = await cubeLoad(query, contextFor({ username: 'menteri', role: 'minister' }));
		expect(seen).toHaveLength(2);
		expect(loaded.data).toEqual([{ 'placements.country': 'SA', 'placements.placements': '7' }]);

		// gone for good: given up after three attempts, Cube's error passed on
		seen.length = 0;
		answer = () => ({ status: 500, json: { error: dropped } });
		const failure = await cubeLoad(query, contextFor({ username: 'menteri', role: 'minister' })).catch((e: unknown) => e);
		expect(failure).toMatchObject({ status: 500 });
		expect(seen).toHaveLength(3);

		// any other failure, even code 60 on a table of the warehouse itself: once
		for (const error of [
			"Error: Query failed: Error: Code: 60, e.displayText() = DB::Exception: Table slmi.fct_placements doesn't exist.",
			'Internal error',
		]) {
			seen.length = 0;
			answer = () => ({ status: 500, json: { error } });
			expect(await cubeLoad(query, contextFor(undefined)).catch((e: unknown) => e)).toMatchObject({ status: 500 });
			expect(seen, error).toHaveLength(1);
		}
	});

	it('stops waiting after a limit and says the semantic layer did not answer in time', async () => {
		seen.length = 0;
		answer = () => ({ status: 200, json: { error: 'Continue wait' } });
		const failure = await cubeLoad(query, contextFor(undefined)).catch((e: unknown) => e);
		expect(failure).toMatchObject({ status: 504, message: 'The semantic layer did not answer in time' });
		expect(seen.length).toBeGreaterThan(1);
	});
});

describe('a failed query', () => {
	it("keeps Cube's message for the server log and gives the page only its kind", () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		const message = 'Regional access is limited to candidate detail of province 52; this query asks for province 35 in supply.province';
		const kind = describeFailure(new CubeError(message, 403), { role: 'regional', province: '52', sub: 'kepala-ntb' });
		expect(kind).toBe('refused');
		expect(log).toHaveBeenCalledOnce();
		expect(String(log.mock.calls[0]?.[0])).toContain(message);
		expect(describeFailure(new CubeError('Cube answered 500', 500), { role: 'minister' })).toBe('unavailable');
		expect(describeFailure(new Error('fetch failed'), { role: 'minister' })).toBe('unavailable');
		log.mockRestore();
	});
});
