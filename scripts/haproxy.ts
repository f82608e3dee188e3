/**
 * The local proxy in front of several web and Cube processes (issue #13; docs/performance.md "How
 * serving scales past one machine"): HAProxy from Debian's apt, installed by the project when the
 * bench or its test first needs it (never by `npm start` or the stack), configured from a file this
 * module writes anew at every start.
 *
 * Why HAProxy and not nginx: a session lives in the memory of the web process that created it
 * (web/src/lib/server/session.ts), so a user must stay on that process. HAProxy's `cookie … prefix`
 * does exactly that without any change to the app: when a web process sets `slmi_session`, the
 * proxy puts that process's name in front of the value (`web1~<value>`), routes every later request
 * carrying it to that process and removes the prefix before the process sees it. Open-source
 * nginx can only hash the cookie (`hash $cookie_slmi_session consistent`), which sends a user to the
 * process the hash picks, not to the one that created the session: the request after the log-in
 * would land on the other process half of the time and find no session.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect, createConnection } from 'node:net';
import { join } from 'node:path';
import { ensureDebianPackages, haproxyPackage } from '../common/debian.ts';
import { stopPid } from '../warehouse/src/local-server.ts';

export interface Upstream {
	/** the server's name in the config; for a web process also the prefix of its users' session cookie */
	name: string;
	port: number;
}

export interface ProxyPlan {
	/** where browsers connect: every web process, a user pinned to the one holding their session */
	web: { port: number; servers: readonly Upstream[] };
	/** where Cube's API clients connect: every Cube, the least busy first */
	cube: { port: number; servers: readonly Upstream[] };
	/**
	 * one address per web process for its own Cube calls: web process i asks Cube i (i modulo the
	 * number of Cubes), and the others only while that one is down
	 */
	cubeForWeb: readonly number[];
	/** a Unix socket for HAProxy's counters (`proxyStats`), readable by this user only */
	statsSocket?: string;
}

/** The session cookie the web app sets (web/src/lib/server/session.ts SESSION_COOKIE). */
export const SESSION_COOKIE = 'slmi_session';

const NAME = /^[a-z][a-z0-9_-]*$/;

/** HAProxy's configuration for a plan: every listener on 127.0.0.1 only, every upstream on loopback. */
export function haproxyConfig(plan: ProxyPlan): string {
	const { web, cube } = plan;
	if (web.servers.length === 0 || cube.servers.length === 0) throw new Error('a proxy plan needs at least one web process and one Cube');
	if (plan.cubeForWeb.length !== web.servers.length) throw new Error('a proxy plan needs one Cube address per web process');
	for (const s of [...web.servers, ...cube.servers]) if (!NAME.test(s.name)) throw new Error(`not a server name: ${s.name}`);
	const ports = [web.port, cube.port, ...plan.cubeForWeb];
	if (new Set(ports).size !== ports.length) throw new Error(`the proxy's listeners need distinct ports: ${ports.join(', ')}`);
	const server = (s: Upstream, extra = '') => `\tserver ${s.name} 127.0.0.1:${s.port} check inter 2s${extra}`;
	const lines = [
		'# Written by scripts/haproxy.ts at every start; edits are lost (issue #13, docs/performance.md).',
		'global',
		// one thread: the web and Cube processes need the cores; one thread relays thousands of requests/s
		'\tnbthread 1',
		'\tmaxconn 4096',
		...(plan.statsSocket ? [`\tstats socket ${plan.statsSocket} mode 600 level user`] : []),
		'',
		'defaults',
		'\tmode http',
		'\ttimeout connect 5s',
		'\ttimeout http-request 15s',
		// above the web's 25 s comment interval on the new-data stream (/data-events)
		'\ttimeout client 60s',
		'\ttimeout server 60s',
		'\ttimeout http-keep-alive 10s',
		'\ttimeout queue 15s',
		// a request for a process that is down goes to another (a user pinned to it must log in again)
		'\toption redispatch',
		'\tretries 2',
		'',
		'frontend web',
		`\tbind 127.0.0.1:${web.port}`,
		// the client's address, replacing whatever the client sent: the log-in throttle counts by it
		// (the web processes read it with ADDRESS_HEADER=x-forwarded-for, XFF_DEPTH=1)
		'\thttp-request set-header X-Forwarded-For %[src]',
		'\tdefault_backend web',
		'',
		'backend web',
		'\tbalance leastconn',
		// pins a user to the web process that holds their session (see the top of scripts/haproxy.ts)
		`\tcookie ${SESSION_COOKIE} prefix`,
		...web.servers.map((s) => server(s, ` cookie ${s.name}`)),
		'',
		'frontend cube',
		`\tbind 127.0.0.1:${cube.port}`,
		'\tdefault_backend cube',
		'',
		'backend cube',
		'\tbalance leastconn',
		...cube.servers.map((s) => server(s)),
	];
	plan.cubeForWeb.forEach((port, i) => {
		const own = cube.servers[i % cube.servers.length] as Upstream;
		const name = `cube_for_${(web.servers[i] as Upstream).name}`;
		lines.push(
			'',
			`frontend ${name}`,
			`\tbind 127.0.0.1:${port}`,
			`\tdefault_backend ${name}`,
			'',
			`backend ${name}`,
			server(own),
			...cube.servers.filter((s) => s !== own).map((s) => server(s, ' backup')),
		);
	});
	return `${lines.join('\n')}\n`;
}

export interface RunningProxy {
	pid: number;
	configFile: string;
	stop(): Promise<void>;
}

function listening(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/**
 * Installs HAProxy if it is missing (Debian's apt), writes the plan's config under `dir`, checks it
 * with `haproxy -c` and starts HAProxy in the foreground; resolves once every listener accepts.
 * HAProxy is not a Node process, so exit-with-parent.cjs cannot stop it: it runs under `setpriv
 * --pdeathsig`, which kills it when this process ends, however it ends.
 */
export async function startHaproxy(plan: ProxyPlan, dir: string, log: (line: string) => void): Promise<RunningProxy> {
	ensureDebianPackages([haproxyPackage], log);
	mkdirSync(dir, { recursive: true });
	const configFile = join(dir, 'haproxy.cfg');
	writeFileSync(configFile, haproxyConfig(plan));
	const binary = haproxyPackage.binary;
	const check = spawnSync(binary, ['-c', '-q', '-f', configFile], { encoding: 'utf8' });
	if (check.status !== 0) throw new Error(`haproxy -c refused ${configFile}:\n${check.stderr}${check.stdout}`);
	const withParent = existsSync('/usr/bin/setpriv') ? ['/usr/bin/setpriv', '--pdeathsig', 'SIGKILL', binary] : [binary];
	const [command, ...prefix] = withParent as [string, ...string[]];
	const child = spawn(command, [...prefix, '-db', '-f', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
	const output: string[] = [];
	child.stdout?.on('data', (c: Buffer) => output.push(c.toString()));
	child.stderr?.on('data', (c: Buffer) => output.push(c.toString()));
	const pid = child.pid;
	if (pid === undefined) throw new Error(`could not start ${binary}`);
	const ports = [plan.web.port, plan.cube.port, ...plan.cubeForWeb];
	const deadline = Date.now() + 15_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`haproxy exited with code ${child.exitCode}:\n${output.join('').slice(-3000)}`);
		if ((await Promise.all(ports.map(listening))).every(Boolean)) break;
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`haproxy did not listen on ${ports.join(', ')} within 15 s:\n${output.join('').slice(-3000)}`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	log(`HAProxy ${pid} on 127.0.0.1:${plan.web.port} (web) and :${plan.cube.port} (Cube), config ${configFile}`);
	return {
		pid,
		configFile,
		stop: async () => {
			if (child.exitCode === null) await stopPid(pid);
		},
	};
}

/**
 * How many HTTP answers each server behind the proxy gave so far, keyed `<backend>/<server>`
 * (e.g. `web/web1`), from HAProxy's counters on its stats socket (`show stat`: the sum of the
 * hrsp_1xx … hrsp_other columns).
 */
export function proxyStats(statsSocket: string): Promise<Record<string, number>> {
	return new Promise((resolve, reject) => {
		const socket = createConnection(statsSocket);
		let text = '';
		socket.on('connect', () => socket.write('show stat\n'));
		socket.on('data', (chunk) => {
			text += chunk.toString();
		});
		socket.on('error', reject);
		socket.on('end', () => {
			const [header, ...rows] = text.trim().split('\n');
			const columns = (header ?? '').replace(/^# /, '').split(',');
			const answers = columns.flatMap((c, i) => (/^hrsp_/.test(c) ? [i] : []));
			const out: Record<string, number> = {};
			for (const row of rows) {
				const cells = row.split(',');
				const [backend, server] = cells;
				if (!backend || !server || server === 'FRONTEND' || server === 'BACKEND') continue;
				out[`${backend}/${server}`] = answers.reduce((sum, i) => sum + Number(cells[i] || 0), 0);
			}
			resolve(out);
		});
	});
}
