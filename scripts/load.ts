/**
 * The load section of `npm run bench` (issue #13): many clients at once against the running web
 * app and Cube, with autocannon (a devDependency) on the same machine. Each target runs for a
 * fixed time with a fixed number of connections, each connection sending its next request as soon
 * as the last one was answered; every response time is kept and summarised as p50/p95/p99.
 *
 * Targets: logged-in users (the four demo accounts, in turn per connection) on each page of a
 * realistic mix and on the mix itself; the public page, a CSV and an embed for anonymous visitors
 * (accepting gzip, as browsers do), and once more as repeat visitors (If-None-Match: 304); Cube's /load for the overview's
 * top-countries query with a minister's token.
 */
import autocannon from 'autocannon';
import { DEMO_USERS } from '../web/src/lib/server/demo-users.ts';

export interface LoadTarget {
	name: string;
	/** e.g. 'web logged-in', 'public', 'cube' */
	group: string;
	connections: number;
	result: LoadFigures;
	/** the issue's target for this row, in words, and whether it was met */
	target?: { text: string; met: boolean };
}

export interface LoadFigures {
	requests: number;
	seconds: number;
	rps: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
	/** status code → count */
	statuses: Record<string, number>;
	/** connection errors, timeouts and answers ≥ 400 */
	errors: number;
	timeouts: number;
}

interface RequestSpec {
	method?: 'GET' | 'POST';
	path: string;
	headers?: Record<string, string>;
	body?: string;
}

function rank(sorted: number[], p: number): number {
	return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * One run: `connections` clients for `seconds`, connection i sending `perConnection(i)` in turn
 * (a list of requests it cycles through).
 */
export function runLoad(
	base: string,
	options: { connections: number; seconds: number; perConnection: (i: number) => RequestSpec[]; timeoutSeconds?: number },
): Promise<LoadFigures> {
	return new Promise((resolve, reject) => {
		const times: number[] = [];
		const statuses: Record<string, number> = {};
		let next = 0;
		const instance = autocannon(
			{
				url: base,
				connections: options.connections,
				duration: options.seconds,
				timeout: options.timeoutSeconds ?? 30,
				// each connection gets its own user / request list
				requests: [{ method: 'GET', path: '/' }],
				setupClient: (client: { setRequests(r: RequestSpec[]): void }) => {
					client.setRequests(options.perConnection(next++));
				},
			} as autocannon.Options,
			(error, result) => {
				if (error) return reject(error);
				const sorted = times.sort((a, b) => a - b);
				const failures = Object.entries(statuses)
					.filter(([code]) => Number(code) >= 400)
					.reduce((sum, [, n]) => sum + n, 0);
				resolve({
					requests: sorted.length,
					seconds: options.seconds,
					rps: sorted.length / options.seconds,
					p50: rank(sorted, 50),
					p95: rank(sorted, 95),
					p99: rank(sorted, 99),
					max: sorted.at(-1) ?? Number.NaN,
					statuses,
					errors: result.errors + failures,
					timeouts: result.timeouts,
				});
			},
		);
		instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
			times.push(responseTime);
			statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
		});
	});
}

/** The session cookie of a demo user, from a real log-in. */
export async function logInCookie(base: string, username: string, password: string): Promise<string> {
	const res = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ username, password }).toString(),
	});
	const line = res.headers.getSetCookie().find((c) => c.startsWith('slmi_session='));
	if (!line) throw new Error(`log-in as ${username} answered ${res.status} without a session`);
	return line.split(';')[0] as string;
}

/**
 * The logged-in pages. "A province" is Nusa Tenggara Barat for central leadership and a regional
 * head's own province for them (the NTB head 52, the Jawa Timur head 35): what a regional head
 * opens. Until 5 December 2026 every user asked for 52, so the Jawa Timur head's share of the row
 * was a page whose candidate cards Cube refuses (aggregates only; refusals are cached like answers).
 */
export const PAGE_MIX = [
	{ name: 'overview', path: '/' },
	{ name: 'markets', path: '/markets' },
	{ name: 'a country (Saudi Arabia)', path: '/markets/SA' },
	{ name: 'provinces', path: '/provinces' },
	{ name: 'a province (Nusa Tenggara Barat; a regional head their own)', path: '/provinces/52', ownProvince: true },
	{ name: 'matching', path: '/matching' },
] as const;

/** The path a user asks for a page of the mix: a regional head's own province for "a province". */
export function pathFor(page: (typeof PAGE_MIX)[number], username: string): string {
	const province = DEMO_USERS.find((u) => u.username === username && u.role === 'regional')?.province;
	return 'ownProvince' in page && province ? `/provinces/${province}` : page.path;
}

export const PUBLIC_MIX = [
	{ name: 'public page', path: '/public' },
	{ name: 'public CSV', path: '/public/data/placements-by-country.csv' },
	{ name: 'embed', path: '/embed/placements-by-month' },
] as const;

export interface LoadOptions {
	webUrl: string;
	cubeUrl: string;
	/** a minister's Cube token */
	cubeToken: string;
	/** the overview's top-countries query */
	cubeQuery: unknown;
	users: string[];
	password: string;
	/** session cookies already logged in (e.g. pinned to each web process behind a proxy); default: log in as each user */
	cookies?: string[];
	seconds: number;
	log: (line: string) => void;
}

/** Every target of the load section, one after another. */
export async function measureLoad(options: LoadOptions): Promise<LoadTarget[]> {
	const { webUrl, seconds, log } = options;
	const cookies = options.cookies ?? (await Promise.all(options.users.map((u) => logInCookie(webUrl, u, options.password))));
	const userOf = (i: number) => ({ cookie: cookies[i % cookies.length] as string });
	const usernameOf = (i: number) => options.users[i % options.users.length] as string;
	const out: LoadTarget[] = [];
	const run = async (
		group: string,
		name: string,
		base: string,
		connections: number,
		perConnection: (i: number) => RequestSpec[],
		target?: (r: LoadFigures) => { text: string; met: boolean },
	) => {
		// a short warm-up fills the caches, as a server that has been up a while has them
		await runLoad(base, { connections: Math.min(connections, 10), seconds: 1, perConnection });
		const result = await runLoad(base, { connections, seconds, perConnection });
		out.push({ group, name, connections, result, target: target?.(result) });
		log(
			`  load ${group} ${name} ×${connections}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50.toFixed(0)} ms, p95 ${result.p95.toFixed(0)} ms, p99 ${result.p99.toFixed(0)} ms, ${result.errors} errors, ${result.timeouts} timeouts`,
		);
	};
	const loggedInTarget = (r: LoadFigures) => ({
		text: 'p95 ≤ 500 ms, p99 ≤ 1 s, no errors',
		met: r.p95 <= 500 && r.p99 <= 1000 && r.errors === 0 && r.timeouts === 0,
	});
	for (const page of PAGE_MIX) {
		await run('logged in', page.name, webUrl, 50, (i) => [{ path: pathFor(page, usernameOf(i)), headers: userOf(i) }], loggedInTarget);
	}
	await run(
		'logged in',
		'page mix (all six, each user in turn)',
		webUrl,
		50,
		(i) => {
			// each connection starts elsewhere in the mix, as users do
			const pages = PAGE_MIX.map((p) => ({ path: pathFor(p, usernameOf(i)), headers: userOf(i) }));
			return [...pages.slice(i % pages.length), ...pages.slice(0, i % pages.length)];
		},
		loggedInTarget,
	);
	const publicTarget = (r: LoadFigures) => ({
		text: 'p95 ≤ 100 ms, ≥ 1,000 responses/s',
		met: r.p95 <= 100 && r.rps >= 1000 && r.errors === 0 && r.timeouts === 0,
	});
	// What every browser sends: the public answers come gzipped then (public-cache.ts).
	const browser = { 'accept-encoding': 'gzip, deflate, br, zstd' };
	for (const page of PUBLIC_MIX) {
		await run('public', `${page.name} (first visit)`, webUrl, 200, () => [{ path: page.path, headers: browser }], publicTarget);
		const etag = (await fetch(`${webUrl}${page.path}`, { headers: browser })).headers.get('etag');
		if (etag) {
			await run(
				'public',
				`${page.name} (repeat visit, 304)`,
				webUrl,
				200,
				() => [{ path: page.path, headers: { ...browser, 'if-none-match': etag } }],
				publicTarget,
			);
		}
	}
	await run(
		'Cube',
		'/load, the overview’s top countries (minister)',
		options.cubeUrl,
		50,
		() => [
			{
				method: 'POST',
				path: '/cubejs-api/v1/load',
				headers: { authorization: `Bearer ${options.cubeToken}`, 'content-type': 'application/json' },
				body: JSON.stringify({ query: options.cubeQuery }),
			},
		],
		(r) => ({ text: 'p95 ≤ 150 ms, no errors', met: r.p95 <= 150 && r.errors === 0 && r.timeouts === 0 }),
	);
	return out;
}

/** The load section of docs/performance.md. */
export function loadMarkdown(targets: LoadTarget[], seconds: number, loadAverage: string, configuration: string): string[] {
	const out: string[] = [];
	out.push(
		`### Load, ${configuration} (autocannon on the same machine; ${seconds} s per row after a 1 s warm-up; load average before: ${loadAverage})`,
		'',
		'| group | target | clients | req/s | p50 ms | p95 ms | p99 ms | max ms | statuses | errors | timeouts | issue #13 target |',
		'|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---|',
	);
	for (const t of targets) {
		const r = t.result;
		const statuses = Object.entries(r.statuses)
			.map(([code, n]) => `${code}: ${n}`)
			.join(', ');
		// a row with no answer has NaN percentiles, which the bench's JSON file keeps as null
		const ms = (v: number | null) => (v === null || Number.isNaN(v) ? '–' : v < 10 ? v.toFixed(1) : v.toFixed(0));
		out.push(
			`| ${t.group} | ${t.name} | ${t.connections} | ${r.rps.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${statuses} | ${r.errors} | ${r.timeouts} | ${t.target ? `${t.target.text} ${t.target.met ? '✓' : '✗'}` : ''} |`,
		);
	}
	out.push('');
	return out;
}
