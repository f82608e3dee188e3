/**
 * The web app attacked over HTTP, as a penetration tester would: where a log-in may send the
 * browser, how fast passwords may be guessed, whether a session ends when the user logs out,
 * who may frame the pages, what caches may keep, and that no hostile request gets a 500 or a
 * look at the server's insides. Rules and their reasons: docs/access.md ("The web app").
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { cookieAttributes, DEMO_PASSWORD, LEAK, logIn, postLogin, sessionCookie, type WebResponse, webRequest } from './web-client.ts';

const web = inject('web');
if (!web) throw new Error('the web app is not running');
const base = web.url;
const get = (path: string, cookie?: string) => webRequest(base, path, { cookie });

function expectRedirectToLogin(response: WebResponse): void {
	expect(response.status).toBe(303);
	expect(response.header('location')).toMatch(/^\/login\?next=/);
}

describe('where a log-in may send the browser', () => {
	// Each is what the server reads from ?next= after decoding the query string once.
	const hostile = [
		'/\\evil.example',
		'/\t/evil.example',
		'/\\/evil.example',
		'\\\\evil.example',
		'//evil.example',
		'///evil.example',
		'/.//evil.example',
		'/./\\evil.example',
		'/%2F%2Fevil.example',
		'/%2f/evil.example',
		'/%5Cevil.example',
		'/%255Cevil.example',
		'/%09/evil.example',
		'/\n/evil.example',
		'/\r\nSet-Cookie:x=1',
		'/ /evil.example',
		'/\u3000/evil.example',
		'/\u0000/evil.example',
		'https:evil.example',
		'https://evil.example',
		'http:/evil.example',
		'javascript:alert(1)',
		'evil.example',
		'/%',
		'/../',
		'',
	];

	it('sends every hostile ?next= of a log-in to the overview, on this site', async () => {
		for (const next of hostile) {
			const response = await postLogin(
				base,
				{ username: 'direktur', password: DEMO_PASSWORD },
				{ query: `?next=${encodeURIComponent(next)}` },
			);
			expect(response.status, JSON.stringify(next)).toBe(303);
			expect(response.header('location'), JSON.stringify(next)).toBe('/');
		}
	});

	it('keeps the spellings from the issue, sent raw, on this site', async () => {
		for (const query of ['?next=/%5Cevil.example', '?next=/%09/evil.example', '?next=/\\evil.example', '?next=%2F%5C%2Fevil.example']) {
			const response = await postLogin(base, { username: 'direktur', password: DEMO_PASSWORD }, { query });
			expect(response.header('location'), query).toBe('/');
		}
	});

	it('does the same for a user who is already logged in and opens /login?next=…', async () => {
		const cookie = await logIn(base, 'direktur');
		for (const next of hostile) {
			const response = await get(`/login?next=${encodeURIComponent(next)}`, cookie);
			expect(response.status, JSON.stringify(next)).toBe(303);
			expect(response.header('location'), JSON.stringify(next)).toBe('/');
		}
	});

	it('still returns to the page that asked for the log-in, with its query', async () => {
		for (const next of ['/markets?year=2025&lang=en', '/provinces/52?regency=52.01', '/markets/SA']) {
			const response = await postLogin(
				base,
				{ username: 'direktur', password: DEMO_PASSWORD },
				{ query: `?next=${encodeURIComponent(next)}` },
			);
			expect(response.header('location')).toBe(next);
		}
		const anonymous = await get('/markets?metric=placements');
		expect(anonymous.header('location')).toBe('/login?next=%2Fmarkets%3Fmetric%3Dplacements');
	});
});

describe('password guessing', () => {
	// kepala-jatim is locked by this test; no browser journey logs in as it.
	it('locks a user name after 5 wrong passwords, whatever the address, even for the right one', async () => {
		// The burst from the issue: 50 guesses at once, then the right password from elsewhere.
		const answers = await Promise.all(
			Array.from({ length: 50 }, (_, i) => postLogin(base, { username: 'kepala-jatim', password: `guess-${i}` }, { from: '127.0.0.11' })),
		);
		expect(answers.filter((a) => a.status === 401)).toHaveLength(5);
		expect(answers.filter((a) => a.status === 429)).toHaveLength(45);
		const right = await postLogin(base, { username: 'kepala-jatim', password: DEMO_PASSWORD }, { from: '127.0.0.12' });
		expect(right.status).toBe(429);
		expect(right.cookies.filter((c) => c.startsWith('slmi_session='))).toEqual([]);
		const retryAfter = Number(right.header('retry-after'));
		expect(retryAfter).toBeGreaterThan(0);
		expect(retryAfter).toBeLessThanOrEqual(15 * 60);
		expect(right.body).toContain('Terlalu banyak percobaan masuk yang gagal');
		const english = await postLogin(base, { username: 'kepala-jatim', password: DEMO_PASSWORD }, { from: '127.0.0.12', query: '?lang=en' });
		expect(english.status).toBe(429);
		expect(english.body).toContain('Too many failed log-in attempts');
	});

	it('locks an address after 20 failures across user names, for every user name', async () => {
		for (let i = 0; i < 20; i++) {
			const wrong = await postLogin(base, { username: `nobody-${i}`, password: 'x' }, { from: '127.0.0.13' });
			expect(wrong.status).toBe(401);
		}
		const locked = await postLogin(base, { username: 'direktur', password: DEMO_PASSWORD }, { from: '127.0.0.13' });
		expect(locked.status).toBe(429);
		expect(Number(locked.header('retry-after'))).toBeGreaterThan(0);
		const elsewhere = await postLogin(base, { username: 'direktur', password: DEMO_PASSWORD }, { from: '127.0.0.14' });
		expect(elsewhere.status).toBe(303);
	});
});

describe('sessions', () => {
	it('sets the session cookie http-only, same-site, for 8 hours, and Secure only over https', async () => {
		const response = await postLogin(base, { username: 'direktur', password: DEMO_PASSWORD });
		const line = response.cookies.find((c) => c.startsWith('slmi_session=')) ?? '';
		const attributes = cookieAttributes(line);
		expect(attributes).toHaveProperty('httponly');
		expect(attributes.samesite?.toLowerCase()).toBe('lax');
		expect(attributes.path).toBe('/');
		expect(attributes['max-age']).toBe(String(8 * 3600));
		expect(attributes).not.toHaveProperty('secure');
		expect(response.header('cache-control')).toMatch(/no-store/);
	});

	it('ends the session on log-out: the old cookie no longer opens a page', async () => {
		const cookie = await logIn(base, 'direktur');
		expect((await get('/matching', cookie)).status).toBe(200);
		const out = await webRequest(base, '/logout', {
			method: 'POST',
			cookie,
			headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
			body: '',
		});
		expect(out.status).toBe(303);
		expect(out.header('location')).toBe('/login');
		expectRedirectToLogin(await get('/matching', cookie));
		expectRedirectToLogin(await get('/', cookie));
	});

	it('deletes the cookie with the attributes it was set with, so a browser on http accepts the deletion', async () => {
		const cookie = await logIn(base, 'direktur');
		const out = await webRequest(base, '/logout', { method: 'POST', cookie, headers: { origin: base } });
		const line = out.cookies.find((c) => c.startsWith('slmi_session=')) ?? '';
		expect(line).toMatch(/^slmi_session=;/);
		const attributes = cookieAttributes(line);
		expect(attributes).not.toHaveProperty('secure');
		expect(attributes).toHaveProperty('httponly');
		expect(attributes.samesite?.toLowerCase()).toBe('lax');
		expect(attributes.path).toBe('/');
		expect(attributes['max-age']).toBe('0');
	});

	it('refuses a log-out from another site, with or without a form body', async () => {
		const cookie = await logIn(base, 'direktur');
		const formPost = await webRequest(base, '/logout', {
			method: 'POST',
			cookie,
			headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
			body: '',
		});
		expect(formPost.status).toBe(403);
		const bare = await webRequest(base, '/logout', { method: 'POST', cookie, headers: { origin: 'http://evil.example' } });
		expect(bare.status).toBe(403);
		const noOrigin = await webRequest(base, '/logout', { method: 'POST', cookie });
		expect(noOrigin.status).toBe(403);
		expect((await get('/matching', cookie)).status).toBe(200);
	});

	it('refuses a log-in posted from another site', async () => {
		const response = await webRequest(base, '/login', {
			method: 'POST',
			headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
			body: `username=direktur&password=${DEMO_PASSWORD}`,
		});
		expect(response.status).toBe(403);
		expect(response.cookies).toEqual([]);
	});

	it('replaces the session on every log-in, and a made-up or tampered cookie opens nothing', async () => {
		const first = await logIn(base, 'direktur');
		const again = await postLogin(base, { username: 'direktur', password: DEMO_PASSWORD }, { cookie: first });
		const second = sessionCookie(again);
		expect(second).not.toBe(first);
		expectRedirectToLogin(await get('/matching', first));
		expect((await get('/matching', second)).status).toBe(200);
		const [name, value] = second.split('=') as [string, string];
		const [id, signature] = value.split('.') as [string, string];
		expectRedirectToLogin(await get('/matching', `${name}=${id}x.${signature}`));
		expectRedirectToLogin(await get('/matching', `${name}=${id}.${signature.slice(0, -2)}AA`));
		expectRedirectToLogin(
			await get('/matching', `${name}=${Buffer.from('{"u":"menteri","exp":9e15}').toString('base64url')}.${signature}`),
		);
	});
});

describe('headers', () => {
	let cookie: string;
	beforeAll(async () => {
		cookie = await logIn(base, 'direktur');
	});

	const anonymous = [
		['/public', 200],
		['/public?lang=en', 200],
		['/public/__data.json', 200],
		['/login', 200],
		['/', 303],
		['/markets', 303],
		['/nope', 303],
		['/public/nope', 404],
		['/public/data/placements-by-month.csv', 200],
		['/public/data/nope.csv', 404],
	] as const;
	const loggedIn = [
		['/', 200],
		['/markets', 200],
		['/markets/SA', 200],
		['/markets/ZZ', 404],
		['/provinces', 200],
		['/provinces/52', 200],
		['/provinces/5x', 404],
		['/matching', 200],
		['/matching/__data.json', 200],
		['/public', 200],
		['/nope', 404],
		['/login', 303],
		['/logout', 405],
	] as const;

	function expectNotFramable(response: WebResponse, path: string): void {
		expect(response.header('x-frame-options'), path).toBe('DENY');
		expect(response.header('content-security-policy'), path).toContain("frame-ancestors 'none'");
		expect(response.header('x-content-type-options'), path).toBe('nosniff');
		expect(response.header('referrer-policy'), path).toBe('same-origin');
	}

	it('forbids framing of every page outside /embed, answers, redirects and errors alike', async () => {
		for (const [path, status] of anonymous) {
			const response = await get(path);
			expect(response.status, path).toBe(status);
			expectNotFramable(response, path);
		}
		for (const [path, status] of loggedIn) {
			const response = await get(path, cookie);
			expect(response.status, path).toBe(status);
			expectNotFramable(response, path);
		}
		const malformed = await webRequest(base, '/login?/default', { method: 'POST', headers: { origin: base } });
		expectNotFramable(malformed, 'POST /login?/default');
	});

	it('lets other sites frame /embed, and keeps its content policy strict otherwise', async () => {
		for (const [path, status] of [
			['/embed/placements-by-month', 200],
			['/embed/provinces-per-capita?lang=en', 200],
			['/embed/nope', 404],
		] as const) {
			const response = await get(path);
			expect(response.status, path).toBe(status);
			expect(response.header('x-frame-options'), path).toBeUndefined();
			const csp = response.header('content-security-policy') ?? '';
			expect(csp, path).toContain('frame-ancestors *');
			expect(csp, path).not.toContain("frame-ancestors 'none'");
			expect(csp, path).toContain("default-src 'self'");
			// inline scripts by hash: the same bytes go to every visitor of a public page (public-cache.ts)
			expect(csp, path).toMatch(/script-src 'self' 'sha256-/);
			expect(response.header('x-content-type-options'), path).toBe('nosniff');
		}
	});

	it('keeps pages of a logged-in user out of every cache but the browser’s own memory', async () => {
		for (const [path] of loggedIn) {
			const response = await get(path, cookie);
			expect(response.header('cache-control'), path).toMatch(/(^|, *)private(,|$)/);
			expect(response.header('cache-control'), path).toMatch(/(^|, *)no-store(,|$)/);
		}
		for (const path of ['/public', '/public/data/placements-by-month.csv', '/embed/placements-by-month']) {
			expect((await get(path, cookie)).header('cache-control'), path).toMatch(/no-store/);
		}
	});

	it('renders those pages without an ETag (nothing keeps them to ask again); other pages keep theirs and the 304', async () => {
		for (const [path, status] of loggedIn) {
			if (status !== 200) continue;
			const response = await get(path, cookie);
			expect(response.status, path).toBe(200);
			expect(response.header('etag'), path).toBeUndefined();
		}
		// a page SvelteKit renders for everyone (the public pages carry the public cache's tags: public-cache.test.ts)
		const login = await get('/login');
		const etag = login.header('etag') ?? '';
		expect(etag).toMatch(/^"\w+"$/);
		const repeat = await webRequest(base, '/login', { headers: { 'if-none-match': etag } });
		expect(repeat.status).toBe(304);
	});
});

describe('malformed and hostile requests', () => {
	const loginCases: [string, { query?: string; type?: string; body: string }][] = [
		['broken multipart', { type: 'multipart/form-data; boundary=XYZ', body: 'this is not multipart' }],
		['multipart without boundary', { type: 'multipart/form-data', body: '--x\r\n\r\n' }],
		['plain text', { type: 'text/plain', body: 'username=menteri&password=slmi-demo' }],
		['JSON', { type: 'application/json', body: '{"username":"menteri","password":"slmi-demo"}' }],
		['no content type', { body: 'username=menteri&password=slmi-demo' }],
		['no fields', { type: 'application/x-www-form-urlencoded', body: '' }],
		['no password', { type: 'application/x-www-form-urlencoded', body: 'username=menteri' }],
		['no user name', { type: 'application/x-www-form-urlencoded', body: `password=${DEMO_PASSWORD}` }],
		['a huge user name', { type: 'application/x-www-form-urlencoded', body: `username=${'a'.repeat(100_000)}&password=x` }],
		['a huge password', { type: 'application/x-www-form-urlencoded', body: `username=menteri&password=${'a'.repeat(100_000)}` }],
		['?/default', { query: '?/default', type: 'application/x-www-form-urlencoded', body: `username=menteri&password=${DEMO_PASSWORD}` }],
		['?/anything', { query: '?/anything', type: 'application/x-www-form-urlencoded', body: `username=menteri&password=${DEMO_PASSWORD}` }],
		['?/', { query: '?/', type: 'application/x-www-form-urlencoded', body: `username=menteri&password=${DEMO_PASSWORD}` }],
	];

	it.each(loginCases)('answers a log-in with %s with 400 and a message', async (_name, { query, type, body }) => {
		const response = await webRequest(base, `/login${query ?? ''}`, {
			method: 'POST',
			headers: { origin: base, ...(type ? { 'content-type': type } : {}) },
			body,
			from: '127.0.0.17',
		});
		expect(response.status).toBe(400);
		expect(response.body).not.toMatch(LEAK);
		expect(response.body).toMatch(/invalid|tidak valid/i);
		expect(response.cookies).toEqual([]);
	});

	it('answers a log-in body over the size limit with a 4xx', async () => {
		const response = await webRequest(base, '/login', {
			method: 'POST',
			headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
			body: `username=menteri&password=${'a'.repeat(2_000_000)}`,
			from: '127.0.0.17',
		});
		expect(response.status).toBeGreaterThanOrEqual(400);
		expect(response.status).toBeLessThan(500);
	});

	const hostileParams = [
		'year=abc',
		'year=99999999999999999999',
		'year=-1',
		'lang=xx',
		'lang=..%2F..%2Fetc',
		'metric=nope',
		'metric=__proto__',
		'from=2020-13&to=0000-00',
		'from=9999-12&to=1000-01',
		'country=XX,..%2F..,%00',
		'province=%27%20OR%201%3D1',
		'regency=52.01%27',
		'sector=__proto__&occupation=constructor',
		`gender=${'x'.repeat(4000)}`,
		'next=//evil.example',
		'year[]=1&year=2&lang=en&lang=id',
	];

	const pages = {
		anonymous: ['/public', '/embed/placements-by-month', '/public/data/placements-by-month.csv', '/login'],
		loggedIn: ['/', '/markets', '/markets/SA', '/provinces', '/provinces/52', '/matching', '/public'],
	};

	it('answers hostile query parameters on open pages with a 2xx or 4xx, never a 500 or a stack trace', async () => {
		for (const path of pages.anonymous) {
			for (const params of hostileParams) {
				const response = await get(`${path}?${params}`);
				expect(response.status, `${path}?${params}`).toBeLessThan(500);
				expect(response.body, `${path}?${params}`).not.toMatch(LEAK);
			}
		}
	});

	it('answers hostile query parameters on internal pages with a 2xx or 4xx, never a 500 or a stack trace', async () => {
		const cookie = await logIn(base, 'menteri');
		for (const path of pages.loggedIn) {
			for (const params of hostileParams) {
				const response = await get(`${path}?${params}`, cookie);
				expect(response.status, `${path}?${params}`).toBeLessThan(500);
				expect(response.body, `${path}?${params}`).not.toMatch(LEAK);
			}
		}
	});

	it('answers path traversal spellings with a 404, and dot segments stay inside the site', async () => {
		const cookie = await logIn(base, 'menteri');
		const encodedSlashes = [
			'/public/data/..%2F..%2F..%2Fpackage.json',
			'/public/data/%2e%2e%2f%2e%2e%2fsecrets.csv',
			'/public/data/placements-by-month.csv%00',
			'/public/data/..%5C..%5Cpackage.json.csv',
			'/embed/..%2Flogin',
			'/geo/..%2F..%2F..%2Fpackage.json',
			'/_app/..%2F..%2F..%2Fpackage.json',
			'/_app/immutable/..%2F..%2F..%2F..%2F.slmi%2Fsecrets.json',
		];
		// URL parsing resolves these to another page of the site (/embed/%2e%2e is /), never a file.
		const dotSegments = [
			'/embed/%2e%2e',
			'/provinces/%2e%2e',
			'/markets/%00',
			'/geo/../../package.json',
			'/_app/%2e%2e/%2e%2e/%2e%2e/.slmi/secrets.json',
		];
		for (const session of [undefined, cookie]) {
			for (const path of [...encodedSlashes, ...dotSegments]) {
				const response = await get(path, session);
				if (encodedSlashes.includes(path)) expect(response.status, path).toBe(404);
				expect(response.status, path).toBeLessThan(500);
				expect(response.body, path).not.toMatch(/"sessionSecret"|"devDependencies"|cubeApiSecret/);
				expect(response.body, path).not.toMatch(LEAK);
			}
		}
	});
});
