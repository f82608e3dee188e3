/**
 * Two web processes and two Cube processes behind a local HAProxy, all on one ClickHouse (issue #13;
 * docs/performance.md "How serving scales past one machine"): the bench's second load configuration
 * (scripts/bench.ts) and the test that it serves (tests/integration/web/scale-out.test.ts).
 *
 * - Browsers reach both web processes at one address; a user is pinned to the process holding
 *   their session (HAProxy's cookie prefix, scripts/haproxy.ts); anonymous requests (the public
 *   crowd) go to the less busy process.
 * - Each web process asks its own Cube through the proxy (web i → Cube i), and the other Cube only
 *   while its own is down: its data version is always read from one Cube, so it never flips
 *   between two Cubes' readings in the second after a change, and a Cube that stops costs no
 *   errors. API clients of Cube reach both at one address.
 * - Only the first Cube (the instance's own, already running) builds pre-aggregations; the second
 *   serves the tables the first built (both run with `scheduledRefreshTimer: false`).
 */
import { join } from 'node:path';
import type { ClickHouseEndpoint } from '../warehouse/src/endpoint.ts';
import { proxyStats, type RunningProxy, SESSION_COOKIE, startHaproxy } from './haproxy.ts';
import type { ScaleOutPorts } from './instances.ts';
import { logInCookie } from './load.ts';
import { type RunningService, startCube, startWeb, stateDir } from './stack.ts';

export const WEB_NAMES = ['web1', 'web2'] as const;
export const CUBE_NAMES = ['cube1', 'cube2'] as const;

export interface ScaleOutOptions {
	/** name of the proxy's state folder under .slmi/ (its config file) */
	instance: 'test' | 'bench';
	ports: ScaleOutPorts;
	/** the ClickHouse users of the Cube already running on ports.cubes[0], for the second Cube */
	cubeUser: ClickHouseEndpoint;
	cubeBuild: ClickHouseEndpoint;
	preAggregationsSchema: string;
	cubeApiSecret: string;
	sessionSecret: string;
	log: (line: string) => void;
}

export interface ScaleOut {
	/** the proxy's address for browsers */
	webUrl: string;
	/** the proxy's address for Cube's API clients */
	cubeUrl: string;
	webs: RunningService[];
	/** the second Cube (the first is the caller's) */
	cube2: RunningService;
	proxy: RunningProxy;
	/** HTTP answers per `<backend>/<server>` so far (proxyStats) */
	answers(): Promise<Record<string, number>>;
	stop(): Promise<void>;
}

/** Starts the second Cube, both web processes and the proxy in front of them. */
export async function startScaleOut(options: ScaleOutOptions): Promise<ScaleOut> {
	const { ports, log } = options;
	const stops: Array<() => Promise<void>> = [];
	const stop = async () => {
		for (const s of stops.reverse()) await s().catch((e: Error) => log(`stop: ${e.message}`));
	};
	const webUrl = `http://127.0.0.1:${ports.proxyWeb}`;
	try {
		const cube2 = await startCube(
			options.cubeUser,
			{
				port: ports.cubes[1],
				apiSecret: options.cubeApiSecret,
				preAggregationsSchema: options.preAggregationsSchema,
				build: options.cubeBuild,
				name: CUBE_NAMES[1],
			},
			log,
		);
		stops.push(cube2.stop);
		const webs: RunningService[] = [];
		for (const [i, name] of WEB_NAMES.entries()) {
			const web = await startWeb(
				{
					port: ports.webs[i] as number,
					cubeUrl: `http://127.0.0.1:${ports.cubeFor[i]}`,
					cubeApiSecret: options.cubeApiSecret,
					sessionSecret: options.sessionSecret,
					behindProxy: webUrl,
					name,
				},
				log,
			);
			stops.push(web.stop);
			webs.push(web);
		}
		const proxyDir = join(stateDir, `proxy-${options.instance}`);
		const statsSocket = join(proxyDir, 'haproxy.sock');
		const proxy = await startHaproxy(
			{
				web: { port: ports.proxyWeb, servers: WEB_NAMES.map((name, i) => ({ name, port: ports.webs[i] as number })) },
				cube: { port: ports.proxyCube, servers: CUBE_NAMES.map((name, i) => ({ name, port: ports.cubes[i] as number })) },
				cubeForWeb: ports.cubeFor,
				statsSocket,
			},
			proxyDir,
			log,
		);
		stops.push(proxy.stop);
		const answers = () => proxyStats(statsSocket);
		return { webUrl, cubeUrl: `http://127.0.0.1:${ports.proxyCube}`, webs, cube2, proxy, answers, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/** The web process a session cookie through the proxy is pinned to (its prefix), or undefined. */
export function pinnedTo(cookie: string): string | undefined {
	const value = cookie.startsWith(`${SESSION_COOKIE}=`) ? cookie.slice(SESSION_COOKIE.length + 1) : cookie;
	const prefix = value.split('~')[0];
	return value.includes('~') ? prefix : undefined;
}

/**
 * Log-ins through the proxy until each web process holds at least one of them, in turn over the
 * users (the bench's load then spreads its logged-in users over both processes); throws if the
 * proxy does not spread them or a session is not kept over the next requests.
 */
export async function pinnedLogIns(webUrl: string, users: readonly string[], password: string): Promise<string[]> {
	const cookies: string[] = [];
	for (let i = 0; i < 8 && (cookies.length < users.length || new Set(cookies.map(pinnedTo)).size < WEB_NAMES.length); i++) {
		const cookie = await logInCookie(webUrl, users[i % users.length] as string, password);
		if (!pinnedTo(cookie)) throw new Error(`the proxy did not pin the session to a web process: ${cookie.slice(0, 30)}…`);
		cookies[i % users.length] = cookie;
	}
	const seen = new Set(cookies.map(pinnedTo));
	if (seen.size < WEB_NAMES.length) throw new Error(`log-ins through the proxy reached only ${[...seen].join(', ')}`);
	for (const cookie of cookies) {
		for (let n = 0; n < 3; n++) {
			const res = await fetch(`${webUrl}/`, { headers: { cookie }, redirect: 'manual' });
			await res.arrayBuffer();
			if (res.status !== 200) throw new Error(`a session pinned to ${pinnedTo(cookie)} answered ${res.status} on its request ${n + 1}`);
		}
	}
	return cookies;
}
