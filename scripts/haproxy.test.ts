import { describe, expect, it } from 'vitest';
import { haproxyConfig, type ProxyPlan } from './haproxy.ts';
import { scaleOutInstances } from './instances.ts';

const ports = scaleOutInstances.bench;
const plan: ProxyPlan = {
	web: {
		port: ports.proxyWeb,
		servers: [
			{ name: 'web1', port: ports.webs[0] },
			{ name: 'web2', port: ports.webs[1] },
		],
	},
	cube: {
		port: ports.proxyCube,
		servers: [
			{ name: 'cube1', port: ports.cubes[0] },
			{ name: 'cube2', port: ports.cubes[1] },
		],
	},
	cubeForWeb: ports.cubeFor,
	statsSocket: '/tmp/slmi-test/haproxy.sock',
};

/** The config's sections: `frontend web` → its lines, trimmed. */
function sections(config: string): Map<string, string[]> {
	const out = new Map<string, string[]>();
	let current: string[] = [];
	for (const line of config.split('\n')) {
		if (line.trim() === '' || line.startsWith('#')) continue;
		if (!/^\s/.test(line)) {
			current = [];
			out.set(line.trim(), current);
		} else current.push(line.trim());
	}
	return out;
}

describe('haproxyConfig', () => {
	const config = haproxyConfig(plan);
	const parts = sections(config);

	it('listens on 127.0.0.1 only, on the ports of instances.ts', () => {
		const binds = [...config.matchAll(/^\s*bind\s+(\S+)/gm)].map((m) => m[1]);
		expect(binds.sort((a, b) => (a ?? '').localeCompare(b ?? ''))).toEqual(
			[ports.proxyWeb, ports.proxyCube, ...ports.cubeFor].map((p) => `127.0.0.1:${p}`).sort((a, b) => a.localeCompare(b)),
		);
		// every server it forwards to is on loopback too
		for (const m of config.matchAll(/^\s*server\s+\S+\s+(\S+)/gm)) expect(m[1]).toMatch(/^127\.0\.0\.1:\d+$/);
	});

	it('sends browsers to both web processes, pinned by the session cookie the web process set', () => {
		expect(parts.get('frontend web')).toContain(`bind 127.0.0.1:${ports.proxyWeb}`);
		const web = parts.get('backend web') ?? [];
		expect(web).toContain('cookie slmi_session prefix');
		expect(web).toContain(`server web1 127.0.0.1:${ports.webs[0]} check inter 2s cookie web1`);
		expect(web).toContain(`server web2 127.0.0.1:${ports.webs[1]} check inter 2s cookie web2`);
		// the client's address for the log-in throttle, never the one a client claims
		expect(parts.get('frontend web')).toContain('http-request set-header X-Forwarded-For %[src]');
	});

	it('sends Cube clients to both Cubes, and each web process to its own Cube with the other as backup', () => {
		expect(parts.get('backend cube')).toEqual([
			'balance leastconn',
			`server cube1 127.0.0.1:${ports.cubes[0]} check inter 2s`,
			`server cube2 127.0.0.1:${ports.cubes[1]} check inter 2s`,
		]);
		expect(parts.get('frontend cube_for_web1')).toContain(`bind 127.0.0.1:${ports.cubeFor[0]}`);
		expect(parts.get('backend cube_for_web1')).toEqual([
			`server cube1 127.0.0.1:${ports.cubes[0]} check inter 2s`,
			`server cube2 127.0.0.1:${ports.cubes[1]} check inter 2s backup`,
		]);
		expect(parts.get('backend cube_for_web2')).toEqual([
			`server cube2 127.0.0.1:${ports.cubes[1]} check inter 2s`,
			`server cube1 127.0.0.1:${ports.cubes[0]} check inter 2s backup`,
		]);
	});

	it('keeps its counters on a socket only its user can read', () => {
		expect(parts.get('global')).toContain('stats socket /tmp/slmi-test/haproxy.sock mode 600 level user');
	});

	it('refuses a plan it cannot serve', () => {
		expect(() => haproxyConfig({ ...plan, cubeForWeb: [ports.cubeFor[0]] })).toThrow(/one Cube address per web process/);
		expect(() => haproxyConfig({ ...plan, cubeForWeb: [ports.proxyWeb, ports.cubeFor[1]] })).toThrow(/distinct ports/);
		expect(() =>
			haproxyConfig({ ...plan, web: { ...plan.web, servers: [{ name: 'web 1; bind *:80', port: 1 }] }, cubeForWeb: [1] }),
		).toThrow(/not a server name/);
	});
});
