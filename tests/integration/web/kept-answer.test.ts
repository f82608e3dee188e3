/**
 * Kept public answers given at the Node http layer, before SvelteKit (web/server.js,
 * web/src/lib/server/kept-answer.ts): for every request they answer, exactly what SvelteKit's path
 * gives from the same cache entry — status, headers (security headers, validators, Vary,
 * Cache-Control, Content-Encoding), bytes, 304s, both languages; and every request they must not
 * answer (HEAD, a session, a body, a hostile spelling of the path or query, a profile of "Peluang
 * untuk saya") goes to SvelteKit. The SvelteKit path is asked with a cookie that is no session
 * (`theme=dark`): `handle` answers such a visitor from the same cache, the http layer leaves them to
 * it. A web process of its own, on the test stack's Cube, says how many answers it gave at the http
 * layer (its `[cache]` log line, `public.kept`), so each request is known to have taken the path it
 * should.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { keptAnswerTestWebPort } from '../../../scripts/instances.ts';
import { startWeb } from '../../../scripts/stack.ts';
import { logIn, type WebResponse, webRequest } from './web-client.ts';

const cube = inject('cube')!;
let base = '';
let stop: () => Promise<void> = async () => {};
const lines: string[] = [];

beforeAll(async () => {
	const web = await startWeb(
		{
			port: keptAnswerTestWebPort,
			cubeUrl: cube.url,
			cubeApiSecret: cube.apiSecret,
			sessionSecret: randomBytes(32).toString('hex'),
			name: 'web-kept',
			// the data version read once (a file before may leave refreshes that change it) and its answers
			// kept 10 min: none changes or expires between two requests of a test. The shared web process
			// drops them when the version changes (public-cache.test.ts), through this path too.
			env: {
				SLMI_CACHE_STATS_SECONDS: '1',
				SLMI_RESULT_CACHE_SECONDS: '600',
				SLMI_DATA_SETTLE_SECONDS: '0',
				SLMI_DATA_VERSION_MS: '3600000',
			},
		},
		(line) => lines.push(line),
	);
	base = web.url;
	stop = web.stop;
}, 120_000);

afterAll(() => stop());

/**
 * Answers given at the http layer so far: from the second `[cache]` line that arrives after this
 * call (the first may have been written before the last request was answered, and read late).
 */
async function keptSoFar(): Promise<number> {
	const from = lines.length;
	let kept: number | undefined;
	await expect
		.poll(
			() => {
				const line = lines.slice(from).filter((l) => l.includes('[cache]'))[1];
				const match = line && /public (\{[^}]*\})/.exec(line);
				kept = match ? (JSON.parse(match[1] as string) as { kept: number }).kept : undefined;
				return kept;
			},
			{ timeout: 10_000, interval: 100 },
		)
		.toBeTypeOf('number');
	return kept as number;
}

/** SvelteKit's path: a cookie, but no session. */
const NOT_A_SESSION = 'theme=dark';

/** The answer as the wire has it: status, every header but Date, the bytes. */
function wire(res: WebResponse) {
	const { date: _date, ...headers } = res.headers;
	return { status: res.status, headers, raw: res.raw.toString('base64') };
}

const PATHS = [
	'/public',
	'/public?lang=en',
	'/public/__data.json',
	'/public/__data.json?lang=en&x-sveltekit-invalidated=01',
	'/public/data/demand-by-country.csv',
	'/public/data/demand-by-country.csv?lang=en',
	'/embed/placements-by-month',
	'/embed/placements-by-month?lang=en',
	'/embed/placements-by-month/__data.json',
	'/public/peluang',
];

describe('kept public answers before SvelteKit', () => {
	it('are exactly what SvelteKit’s path gives: page, data, CSV, embed, gzip or not, 304, both languages', async () => {
		const browser = { 'accept-encoding': 'gzip, deflate, br, zstd' };
		let asked = 0;
		const before = await keptSoFar();
		for (const path of PATHS) {
			// SvelteKit renders it once and keeps it
			const first = await webRequest(base, path, { cookie: NOT_A_SESSION });
			expect(first.status, path).toBe(200);
			const gzipped = await webRequest(base, path, { cookie: NOT_A_SESSION, headers: browser });
			const variants: [string, Record<string, string>][] = [
				['plain', {}],
				['gzip', browser],
				['gzip refused', { 'accept-encoding': 'gzip;q=0, identity' }],
				['304 by tag', { 'if-none-match': first.header('etag') ?? '' }],
				['304 by the gzip tag', { ...browser, 'if-none-match': gzipped.header('etag') ?? '' }],
				['304 by date', { 'if-modified-since': first.header('last-modified') ?? '' }],
				['another tag', { ...browser, 'if-none-match': '"something-else"' }],
			];
			for (const [name, headers] of variants) {
				const sveltekit = await webRequest(base, path, { cookie: NOT_A_SESSION, headers });
				const kept = await webRequest(base, path, { headers });
				asked++;
				expect(wire(kept), `${path} ${name}`).toEqual(wire(sveltekit));
				expect(kept.status, `${path} ${name}`).toBe(name.startsWith('304') ? 304 : 200);
			}
			const en = path.includes('lang=en');
			const html = !path.includes('__data.json') && !path.includes('.csv');
			if (html) expect((await webRequest(base, path)).body, path).toContain(en ? 'lang="en"' : 'lang="id"');
			if (html) asked++;
		}
		// each of those, and only those, came from the http layer
		expect(await keptSoFar()).toBe(before + asked);
	});

	it('leave HEAD, sessions, bodies, profiles and every other spelling of a kept URL to SvelteKit', async () => {
		for (const path of ['/public', '/public?lang=en', '/public/data/demand-by-country.csv']) {
			expect((await webRequest(base, path, { cookie: NOT_A_SESSION })).status, path).toBe(200);
		}
		const session = await logIn(base, 'menteri', '127.0.0.41');
		const before = await keptSoFar();
		const asks: [string, Parameters<typeof webRequest>[2]][] = [
			['/public', { method: 'HEAD' }],
			['/public', { cookie: session }],
			['/public?lang=en', { cookie: session }],
			['/public', { headers: { 'content-type': 'text/plain' }, body: 'x' }],
			['/public/', {}],
			['/PUBLIC', {}],
			['//public', {}],
			['/./public', {}],
			['/public/.', {}],
			['/embed/../public', {}],
			['/%70ublic', {}],
			['/public%2F', {}],
			['/public%2f', {}],
			['/public?', {}],
			['/public#top', {}],
			['/public?lang=en#top', {}],
			['/public?lang=%65n', {}],
			['/public?lang=en&junk=1', {}],
			['/public/data/demand-by-country.csv?', {}],
			['/public/data/demand-by-country.csv/', {}],
			['/public\\data\\demand-by-country.csv', {}],
			['/public/peluang?sector=health_care', {}],
			['/public/peluang/__data.json?x-sveltekit-trailing-slash=1&sector=health_care', {}],
		];
		for (const [path, options] of asks) {
			const res = await webRequest(base, path, options);
			expect(res.status, path).not.toBe(500);
		}
		expect(await keptSoFar(), 'none of them answered at the http layer').toBe(before);
		// a made-up query is never kept: asked again, it is not an answer from the cache (the kept
		// entries do not grow with such queries), and unknown keys are dropped by a redirect
		const entries = async () => {
			const from = lines.length;
			await expect.poll(() => lines.slice(from).filter((l) => l.includes('[cache]')).length, { timeout: 10_000 }).toBeGreaterThan(1);
			const line = lines.slice(from).filter((l) => l.includes('[cache]'))[1] as string;
			return (JSON.parse((/public (\{[^}]*\})/.exec(line) as RegExpExecArray)[1] as string) as { entries: number }).entries;
		};
		const kept = await entries();
		for (let i = 0; i < 5; i++) {
			const res = await webRequest(base, `/public?year=20${10 + i}x`);
			expect(res.status).toBe(200);
		}
		expect(await entries(), 'no entry for a made-up year').toBe(kept);
		const moved = await webRequest(base, '/public?utm_source=berita&lang=en');
		expect(moved.status).toBe(301);
		expect(moved.header('location')).toBe('/public?lang=en');
		// and what SvelteKit gave the logged-in visitor is their own page, never a kept answer
		const mine = await webRequest(base, '/public', { cookie: session });
		expect(mine.status).toBe(200);
		expect(mine.header('cache-control')).toBe('private, no-store');
		expect(mine.header('etag')).toBeUndefined();
		expect(mine.header('last-modified')).toBeUndefined();
	});
});
