/**
 * What Cube adds to one warm dashboard query (issue #13, docs/performance.md "Cube per-request
 * overhead"), against a running stack (`SLMI_SCALE=tiny npm start`, or any Cube on the same
 * warehouse with --cube):
 * 1. the query one after another through Cube's /load and, as the SQL Cube sends (from /sql, with
 *    the newest table of each pre-aggregation), straight to ClickHouse's HTTP interface as Cube's
 *    read-only user: p50/p95 of each and their difference;
 * 2. `--connections` clients on /load for `--seconds` (autocannon, scripts/load.ts), with the
 *    Cube process's CPU seconds per answer when `--pid` names it.
 *
 *   npx tsx scripts/bench-cube-overhead.ts [--cube URL] [--pid N] [--query overview.top_countries]
 *     [--role minister] [--runs 200] [--seconds 20] [--connections 50] [--month 2026-11]
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { versionOfTableName } from '../cube/src/legacy-clickhouse-driver.ts';
import { cubeRest } from '../cube/src/rest.ts';
import { USER_NAMES } from '../warehouse/src/endpoint.ts';
import { localPasswords } from '../warehouse/src/local-server.ts';
import { dashboardCatalogue } from '../web/src/lib/server/queries.ts';
import { instances } from './instances.ts';
import { runLoad } from './load.ts';
import { percentiles } from './measure.ts';
import { loadSecrets, stateDir } from './stack.ts';

const { values: args } = parseArgs({
	options: {
		cube: { type: 'string', default: `http://127.0.0.1:${instances.demo.cube}` },
		clickhouse: { type: 'string', default: `http://127.0.0.1:${instances.demo.clickhouseHttp}` },
		database: { type: 'string', default: 'slmi' },
		pid: { type: 'string' },
		query: { type: 'string', default: 'overview.top_countries' },
		role: { type: 'string', default: 'minister' },
		runs: { type: 'string', default: '200' },
		seconds: { type: 'string', default: '20' },
		connections: { type: 'string', default: '50' },
		month: { type: 'string', default: new Date().toISOString().slice(0, 7) },
	},
});

const secret = new TextEncoder().encode(loadSecrets().cubeApiSecret);
const sign = (claims: Record<string, unknown>) =>
	new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('1h').sign(secret);
const minister = await sign({ role: 'minister', sub: 'bench-cube-overhead' });
const token = await sign({ role: args.role, sub: 'bench-cube-overhead', ...(args.role === 'regional' ? { province: '52' } : {}) });

async function cube(path: 'load' | 'sql', query: unknown, bearer: string): Promise<Record<string, unknown>> {
	const { status, body } = await cubeRest({ url: args.cube, bearer, path, body: { query } });
	if (status !== 200) throw new Error(`/${path} answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
	return body;
}

const cubePassword = localPasswords(stateDir).cube;
async function clickhouse(sql: string): Promise<string> {
	const res = await fetch(`${args.clickhouse}/?database=${args.database}&readonly=1`, {
		method: 'POST',
		headers: { 'X-ClickHouse-User': USER_NAMES.cube, 'X-ClickHouse-Key': cubePassword },
		body: sql,
	});
	const text = await res.text();
	if (res.status !== 200) throw new Error(text.slice(0, 300));
	return text;
}

const meta = (await (await fetch(`${args.cube}/cubejs-api/v1/meta`, { headers: { authorization: `Bearer ${minister}` } })).json()) as {
	cubes: { measures: { name: string }[]; dimensions: { name: string }[] }[];
};
const members = new Set(meta.cubes.flatMap((c) => [...c.measures, ...c.dimensions].map((m) => m.name)));
const entry = dashboardCatalogue(members, args.month).find((q) => q.query.name === args.query);
if (!entry) throw new Error(`No dashboard query named ${args.query}`);
const query = entry.query.query;

// The SQL as Cube runs it: parameters inlined by the driver's formatter, newest pre-aggregation tables.
const requireFromDriver = createRequire(createRequire(import.meta.url).resolve('@cubejs-backend/clickhouse-driver'));
const SqlString = requireFromDriver('sqlstring') as { format(sql: string, values: unknown[]): string };
const [text, params] = ((await cube('sql', query, minister)).sql as { sql: [string, unknown[]] }).sql;
let sql = SqlString.format(text, params ?? []);
for (const [name, schema, table] of new Set([...sql.matchAll(/\b([a-z0-9_]+_pre_aggregations)\.([a-z0-9_]+)\b/g)])) {
	const tables = (await clickhouse(`SELECT name FROM system.tables WHERE database = '${schema}' FORMAT TSV`)).split('\n');
	const newest = tables
		.filter((t) => t.startsWith(`${table}_`))
		.sort((a, b) => (versionOfTableName(b) ?? 0) - (versionOfTableName(a) ?? 0))[0];
	if (newest) sql = sql.replaceAll(name, `${schema}.${newest}`);
}

const runs = Number(args.runs);
const direct: number[] = [];
const throughCube: number[] = [];
for (let i = 0; i < runs + 20; i++) {
	let started = performance.now();
	await clickhouse(`${sql} FORMAT JSON`);
	const ch = performance.now() - started;
	started = performance.now();
	await cube('load', query, token);
	// the first 20 of each warm the caches
	if (i >= 20) {
		direct.push(ch);
		throughCube.push(performance.now() - started);
	}
}
const d = percentiles(direct);
const c = percentiles(throughCube);
const ms = (v: number) => v.toFixed(1);
console.log(`${args.query} as ${args.role}, ${runs} runs one after another:`);
console.log(`  ClickHouse directly: p50 ${ms(d.p50)} ms, p95 ${ms(d.p95)} ms`);
console.log(`  Cube /load:          p50 ${ms(c.p50)} ms, p95 ${ms(c.p95)} ms (Cube adds ${ms(c.p50 - d.p50)} ms at p50)`);

const seconds = Number(args.seconds);
if (seconds > 0) {
	const connections = Number(args.connections);
	const before = loadavg()
		.map((l) => l.toFixed(2))
		.join(', ');
	const cpuSeconds = () => {
		if (!args.pid) return 0;
		// utime and stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 a second)
		const fields = readFileSync(`/proc/${args.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100;
	};
	const spec = () => [
		{
			method: 'POST' as const,
			path: '/cubejs-api/v1/load',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ query }),
		},
	];
	await runLoad(args.cube, { connections: 10, seconds: 1, perConnection: spec });
	const cpu = cpuSeconds();
	const r = await runLoad(args.cube, { connections, seconds, perConnection: spec });
	const used = cpuSeconds() - cpu;
	console.log(
		`${connections} clients for ${seconds} s (load average before ${before}): ${r.rps.toFixed(0)} answers/s, p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms, max ${r.max.toFixed(0)} ms, ${r.errors} errors, ${r.timeouts} timeouts`,
	);
	if (args.pid) console.log(`  Cube's CPU: ${used.toFixed(1)} s, ${((used * 1000) / r.requests).toFixed(2)} ms per answer`);
}
