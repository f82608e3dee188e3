/**
 * Two web processes and two Cubes behind the local HAProxy (scripts/scale-out.ts, issue #13), on the
 * test stack's ClickHouse, the stack's Cube being the first: a logged-in user keeps their session
 * across requests while both web processes serve, each request reaching the process that holds
 * the session (HAProxy's own counters); each web process asks its own Cube; the log-in throttle
 * counts the client's address, not the proxy's. HAProxy comes from Debian's apt (installed here
 * when missing, as the bench does); nothing here is timed.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { scaleOutInstances } from '../../../scripts/instances.ts';
import { type ScaleOut, startScaleOut } from '../../../scripts/scale-out.ts';
import { cubeLoad } from '../../support/cube-client.ts';
import { DEMO_PASSWORD, logIn, postLogin, webRequest } from './web-client.ts';

const clickhouse = inject('clickhouse');
const users = inject('clickhouseUsers');
const cube = inject('cube')!;
const ports = scaleOutInstances.test;

let out: ScaleOut;

beforeAll(async () => {
	out = await startScaleOut({
		instance: 'test',
		ports,
		cubeUser: users.cube,
		cubeBuild: users.cubeBuild,
		preAggregationsSchema: `${clickhouse.database}_pre_aggregations`,
		cubeApiSecret: cube.apiSecret,
		sessionSecret: randomBytes(32).toString('hex'),
		log: (line) => console.log(`[scale-out] ${line}`),
	});
});

afterAll(async () => {
	await out?.stop();
});

/** The web process a session cookie is pinned to: the proxy's prefix of its value (`web1~…`). */
function prefixOf(cookie: string): string {
	const match = /^slmi_session=([a-z0-9]+)~[^~]+$/.exec(cookie);
	if (!match) throw new Error(`not a session cookie pinned by the proxy: ${cookie.slice(0, 40)}`);
	return match[1] as string;
}

/** Answers per `<backend>/<server>` since `before`. */
async function answeredSince(before: Record<string, number>): Promise<Record<string, number>> {
	const now = await out.answers();
	return Object.fromEntries(Object.entries(now).map(([key, n]) => [key, n - (before[key] ?? 0)]));
}

const DISPLAY_NAMES: Record<string, string> = {
	menteri: 'Menteri / Minister',
	direktur: 'Direktur Penempatan / Director',
	'kepala-ntb': 'Kepala BP3MI Nusa Tenggara Barat',
	'kepala-jabar': 'Kepala BP3MI Jawa Barat',
};

describe('two web processes and two Cubes behind the proxy', () => {
	it('keeps each logged-in user on the web process holding their session, while both processes serve', async () => {
		// log-ins through the proxy until both processes hold sessions (the proxy balances log-ins)
		const sessions: { username: string; cookie: string }[] = [];
		const names = Object.keys(DISPLAY_NAMES);
		for (let i = 0; i < 12 && (sessions.length < names.length || new Set(sessions.map((s) => prefixOf(s.cookie))).size < 2); i++) {
			const username = names[i % names.length] as string;
			sessions.push({ username, cookie: await logIn(out.webUrl, username, '127.0.0.51') });
		}
		const pinned = sessions.map((s) => prefixOf(s.cookie));
		expect(new Set(pinned)).toEqual(new Set(['web1', 'web2']));

		const before = await out.answers();
		for (const { username, cookie } of sessions) {
			for (let n = 0; n < 4; n++) {
				const page = await webRequest(out.webUrl, '/', { cookie });
				expect(page.status, `${username}'s request ${n + 1}`).toBe(200);
				expect(page.body).toContain(`title="${DISPLAY_NAMES[username]}"`);
			}
		}
		const answered = await answeredSince(before);
		// every one of those requests reached the process its session was pinned to, and both served
		for (const web of ['web1', 'web2']) {
			expect(answered[`web/${web}`], web).toBe(4 * pinned.filter((p) => p === web).length);
			expect(answered[`web/${web}`], web).toBeGreaterThan(0);
		}
		// rendering asked Cube: web process i its own Cube i, never the backup while both are up
		expect(answered['cube_for_web1/cube1']).toBeGreaterThan(0);
		expect(answered['cube_for_web2/cube2']).toBeGreaterThan(0);
		expect(answered['cube_for_web1/cube2'] ?? 0).toBe(0);
		expect(answered['cube_for_web2/cube1'] ?? 0).toBe(0);

		// The session lives in one process only: the same session sent to the other process is not
		// logged in there. This is why the proxy pins users instead of balancing their requests.
		const first = sessions[0] as { cookie: string };
		const other = prefixOf(first.cookie) === 'web1' ? 'web2' : 'web1';
		const moved = first.cookie.replace(/^slmi_session=[a-z0-9]+~/, `slmi_session=${other}~`);
		const elsewhere = await webRequest(out.webUrl, '/', { cookie: moved });
		expect(elsewhere.status).toBe(303);
		expect(elsewhere.header('location')).toMatch(/^\/login/);
		// and the original still works after that
		expect((await webRequest(out.webUrl, '/', { cookie: first.cookie })).status).toBe(200);
	});

	it("answers Cube's API clients from both Cubes, with the same rows", async () => {
		// the overview's top destinations (a pre-aggregation), as the web asks it
		const query = {
			measures: ['placements.placements'],
			dimensions: ['placements.country'],
			order: { 'placements.placements': 'desc' },
			limit: 10,
		};
		const before = await out.answers();
		const answers: unknown[] = [];
		for (let n = 0; n < 4; n++) answers.push(await cubeLoad({ url: out.cubeUrl, apiSecret: cube.apiSecret }, { role: 'minister' }, query));
		const answered = await answeredSince(before);
		expect(answered['cube/cube1']).toBeGreaterThan(0);
		expect(answered['cube/cube2']).toBeGreaterThan(0);
		for (const answer of answers) expect(answer).toEqual(answers[0]);
		expect((answers[0] as unknown[]).length).toBeGreaterThan(0);
	});

	it("counts failed log-ins by the client's address, not the proxy's", async () => {
		// unknown user names, so only the address rule (20 failures a window) counts them
		const statuses: number[] = [];
		for (let n = 0; n < 45; n++) {
			const res = await postLogin(out.webUrl, { username: `nobody-${n}`, password: 'wrong' }, { from: '127.0.0.52' });
			statuses.push(res.status);
		}
		expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
		// each web process counts on its own (docs/performance.md): at most 20 failures per process
		expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(40);
		// another address behind the same proxy is not locked
		const other = await postLogin(out.webUrl, { username: 'direktur', password: DEMO_PASSWORD }, { from: '127.0.0.53' });
		expect(other.status).toBe(303);
	});
});
