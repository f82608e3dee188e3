/**
 * `npm run bench`: what users wait for, measured on this machine at national and 10× scale.
 *
 *   npm run bench                         # both scales
 *   npm run bench -- --scales national    # one scale
 *   npm run bench -- --runs 30 --keep     # more repetitions; keep the benchmark warehouse afterwards
 *   npm run bench -- --forecast           # only the forecast back-test (national data, in memory; docs/forecasting.md)
 *   npm run bench -- --alerts             # only the alert back-test (national data, in memory; docs/forecasting.md)
 *   npm run bench -- --serving            # only the load section, on the running `npm start` stack (e.g. national data):
 *                                         # one web process and one Cube, then two of each behind HAProxy
 *   npm run bench -- --matching           # only the matching engine: live solve and back-test 2024-2025 on the
 *                                         # warehouse CLICKHOUSE_URL names (the national demo; docs/matching.md)
 *   npm run bench -- --pages              # only the pages drawn in headless Chromium (scripts/bench-pages.ts), on the
 *                                         # 'bench' stack with tiny data (--scale), or on a running app (--url); --url a,b
 *                                         # compares running builds, visits alternating (--page-paths: only these pages)
 *   npm run bench -- --scales tiny --skip queries,audit,pages --load-seconds 10 --doc bench-output/tiny.md
 *                                         # the load section only, on the tiny data set, into another file
 *                                         # (--doc: a path from the project root, or an absolute one)
 *
 * For each scale, on its own ClickHouse data folder (.slmi/clickhouse/bench-<scale>):
 * generator rows/s and peak memory; loader rows/s and peak memory (a fresh database); rollup and
 * pre-aggregation build times; every dashboard query (web/src/lib/server/queries.ts) through Cube
 * cold and warm (p50/p95) and the same SQL straight on ClickHouse, with their ratio; three pages
 * in headless Chromium (time until every chart and map has drawn, bytes transferred), and every map
 * page on a first and a repeat visit with what a first visit transfers (scripts/bench-pages.ts); peak memory
 * of ClickHouse, Cube and the web server; the load section (scripts/load.ts: 50 logged-in users
 * per page and on a page mix, 200 public visitors, 50 clients of Cube's /load, with autocannon),
 * once against one web process and one Cube, and once more against two of each behind a local
 * HAProxy (scripts/scale-out.ts; `--skip scale-out` leaves that out).
 * Writes bench-output/<scale>.json and
 * docs/performance.md. Never part of `npm test`: timings are measured here, not asserted there.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import type { Browser } from 'playwright-core';
import { auditCube, describeFinding } from '../cube/src/disclosure-audit.ts';
import { versionOfTableName } from '../cube/src/legacy-clickhouse-driver.ts';
import { rebuildPreAggregations } from '../cube/src/refresh.ts';
import { cubeRest } from '../cube/src/rest.ts';
import { DEFAULT_SEED } from '../seeds/src/generate.ts';
import { launchBrowser } from '../tests/support/browser.ts';
import { connect, queryRows, type Warehouse } from '../warehouse/src/client.ts';
import type { ClickHouseEndpoint } from '../warehouse/src/endpoint.ts';
import { factQuarterPlan } from '../warehouse/src/fact-quarters.ts';
import { localPasswords, localUsers } from '../warehouse/src/local-server.ts';
import { refreshRollups } from '../warehouse/src/rollups.ts';
import { sqlString } from '../warehouse/src/sql-literal.ts';
import type { CubeQuery } from '../web/src/lib/server/cube.ts';
import { DEMO_PASSWORD } from '../web/src/lib/server/demo-users.ts';
import { dashboardCatalogue } from '../web/src/lib/server/queries.ts';
import { measurePageTimings, type PagesReport, pagesMarkdown } from './bench-pages.ts';
import {
	type CliFreshnessResult,
	type FreshnessResult,
	measureCliFreshness,
	measureFreshness,
	measureRawInsert,
	measureSustained,
	type RawInsertResult,
	type SustainedResult,
} from './bench-realtime.ts';
import { emptyWarehouse, loaderProcess } from './bench-warehouse.ts';
import { instances, type ScaleOutPorts, scaleOutInstances } from './instances.ts';
import { type LoadTarget, loadMarkdown, measureLoad } from './load.ts';
import { type MeasuredRun, type Percentiles, peakRss, percentiles, runMeasured, timed } from './measure.ts';
import { pinnedLogIns, startScaleOut } from './scale-out.ts';
import { loadSecrets, projectRoot, type Scale, startCube, startWarehouse, startWeb, stateDir } from './stack.ts';

const { values: args } = parseArgs({
	options: {
		scales: { type: 'string', default: 'national,large' },
		runs: { type: 'string', default: '20' },
		until: { type: 'string', default: '2026-11-15' },
		keep: { type: 'boolean', default: false },
		// the forecast back-test only (scripts/bench-forecast.ts): no warehouse, no browser
		forecast: { type: 'boolean', default: false },
		// the alert back-test only (scripts/bench-alerts.ts): no warehouse, no browser
		alerts: { type: 'boolean', default: false },
		// the matching engine only (scripts/bench-matching.ts): on the warehouse CLICKHOUSE_URL names
		matching: { type: 'boolean', default: false },
		// the load section only, on the running `npm start` stack (one of each, then two of each behind HAProxy)
		serving: { type: 'boolean', default: false },
		// the pages drawn in headless Chromium only (scripts/bench-pages.ts)
		pages: { type: 'boolean', default: false },
		url: { type: 'string' },
		'page-runs': { type: 'string', default: '5' },
		/** --pages: only these pages (comma-separated paths of scripts/bench-pages.ts' PAGE_TARGETS) */
		'page-paths': { type: 'string' },
		years: { type: 'string', default: '2024-2025' },
		/** one scale for --forecast, --alerts (default national) and --pages (default tiny) */
		scale: { type: 'string' },
		'origin-step': { type: 'string', default: '2' },
		/** sections to leave out: queries, audit, pages, load, scale-out (the load section's second configuration), realtime (freshness and sustained pushes) */
		skip: { type: 'string', default: '' },
		'load-seconds': { type: 'string', default: '30' },
		/** where the report goes (a partial run elsewhere keeps docs/performance.md's figures) */
		doc: { type: 'string', default: 'docs/performance.md' },
	},
});
const scales = (args.scales ?? '').split(',').filter(Boolean) as Scale[];
const RUNS = Number(args.runs);
const SKIP = new Set((args.skip ?? '').split(',').filter(Boolean));
const LOAD_SECONDS = Number(args['load-seconds']);
const UNTIL = args.until ?? '2026-11-15';
const outDir = join(projectRoot, 'bench-output');
const log = (line: string) => console.log(`[bench] ${line}`);
/** the demo accounts the load section logs in as (web/src/lib/server/demo-users.ts) */
const LOAD_USERS = ['menteri', 'direktur', 'kepala-ntb', 'kepala-jatim'];
// the web app logs its caches' hit counts during the load section (web/src/hooks.server.ts)
process.env.SLMI_CACHE_STATS_SECONDS ??= '10';

/** Targets from the benchmark issue, reported against each figure. */
const TARGETS = {
	warmP95Ms: { national: 100, large: 300, tiny: 100 } as Record<Scale, number>,
	cubeOverSql: 2,
	overviewMs: 1500,
	loadRowsPerSecond: 300_000,
	/** the loader's rows/s over clickhouse-client's own insert of the same kind of file */
	loaderOverRawInsert: 0.5,
	freshnessP95Ms: { national: 5_000, large: 15_000, tiny: 5_000 } as Record<Scale, number>,
	generatorRowsPerSecond: 1_000_000,
};

interface QueryResult {
	name: string;
	cube: { cold: number; warm: Percentiles; role: string };
	sql: Percentiles | null;
	ratio: number | null;
	preAggregated: boolean;
	rawFacts: boolean;
	error?: string;
}

interface PageResult {
	name: string;
	path: string;
	renderedMs: Percentiles;
	transferredBytes: number;
	requests: number;
}

interface ScaleResult {
	scale: Scale;
	rows: Record<string, number>;
	generator: { rowsPerSecond: number; seconds: number; peakRssBytes: number; rows: number } | null;
	loader: { rowsPerSecond: number; seconds: number; peakRssBytes: number; rows: number } | null;
	rollupsSeconds: number;
	preAggregationsSeconds: number;
	queries: QueryResult[];
	pages: PageResult[];
	/** every map page, first and repeat visit, and the metric switch (scripts/bench-pages.ts) */
	pageTimings?: PagesReport;
	memory: { clickhouse?: number; cube?: number; web?: number };
	/** the load section (scripts/load.ts), with the load average before it ran */
	load?: { targets: LoadTarget[]; seconds: number; loadAverage: string };
	/**
	 * the same through HAProxy in front of two web processes and two Cubes (scripts/scale-out.ts):
	 * HTTP answers per `<backend>/<server>` during it, peak memory of the added processes
	 */
	loadScaleOut?: {
		targets: LoadTarget[];
		seconds: number;
		loadAverage: string;
		answers: Record<string, number>;
		memory: { webs: (number | undefined)[]; cube2?: number };
	};
	/** the disclosure auditor on the public surface of one year (cube/src/disclosure-audit.ts) */
	audit?: AuditSummary;
	/** push → dashboard query answering with it (scripts/bench-realtime.ts) */
	freshness?: FreshnessResult;
	/** files of new job-order lines loaded with the command-line loader, each timed until visible */
	cliFreshness?: CliFreshnessResult;
	/** clickhouse-client's own CSV insert of the same files, for the loader's ratio */
	rawInsert?: RawInsertResult | null;
	/** 10 small batches a second for 60 s (scripts/bench-realtime.ts) */
	sustained?: SustainedResult;
}

interface AuditSummary {
	year: string;
	threshold?: number;
	tables?: number;
	cells?: number;
	suppressed?: number;
	primary?: number;
	violations?: number;
	exact?: number;
	narrowest?: string;
	firstViolations?: string[];
	linearPrograms?: number;
	seconds?: number;
	error?: string;
}

/**
 * The attacker of docs/access.md ("The disclosure auditor") at this scale: every public table of
 * the last complete year before --until, solved with HiGHS for every small hidden cell.
 */
async function measureAudit(cubeUrl: string, secret: string): Promise<AuditSummary> {
	const year = String(Number(UNTIL.slice(0, 4)) - 1);
	log(`disclosure audit of ${year} …`);
	try {
		const { report, threshold } = await auditCube(
			cubeUrl,
			{ public: await token(secret, { role: 'public' }), truth: await token(secret, { role: 'system', sub: 'bench-audit' }) },
			year,
		);
		log(`audit: ${report.primary} small hidden cells, ${report.violations.length} under-protected, ${report.seconds.toFixed(0)} s`);
		return {
			year,
			threshold,
			tables: report.tables,
			cells: report.cells,
			suppressed: report.suppressed,
			primary: report.primary,
			violations: report.violations.length,
			exact: report.exact.length,
			narrowest: report.narrowest ? describeFinding(report.narrowest) : undefined,
			firstViolations: report.violations.slice(0, 10).map(describeFinding),
			linearPrograms: report.linearPrograms,
			seconds: report.seconds,
		};
	} catch (error) {
		log(`audit failed: ${(error as Error).message}`);
		return { year, error: (error as Error).message };
	}
}

function machine(): Record<string, string> {
	const cpu = cpus()[0]?.model ?? 'unknown';
	let clickhouse = 'unknown';
	try {
		// biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax, not a template
		clickhouse = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'clickhouse-server'], { encoding: 'utf8' });
	} catch {}
	return {
		cpu: `${cpus().length} × ${cpu}`,
		memory: `${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
		node: process.version,
		clickhouse,
		date: new Date().toISOString().slice(0, 10),
	};
}

async function token(secret: string, claims: Record<string, unknown>): Promise<string> {
	return new SignJWT(claims)
		.setProtectedHeader({ alg: 'HS256' })
		.setIssuedAt()
		.setExpirationTime('2h')
		.sign(new TextEncoder().encode(secret));
}

async function cubeCall(
	url: string,
	bearer: string,
	path: string,
	query: CubeQuery,
): Promise<{ status: number; body: Record<string, unknown> }> {
	return cubeRest({ url, bearer, path, body: { query } });
}

// The parent driver's formatter: the SQL Cube generates uses `?` placeholders.
const requireFromDriver = createRequire(createRequire(import.meta.url).resolve('@cubejs-backend/clickhouse-driver'));
const SqlString = requireFromDriver('sqlstring') as { format(sql: string, values: unknown[]): string };

/**
 * Cube's /sql names a pre-aggregation by its logical name; the table it reads is the newest
 * version of it (`<name>_<content>_<structure>_<stamp>`). Substitute that, so the SQL timed on
 * ClickHouse reads what Cube reads.
 */
async function physicalTables(db: Warehouse, sql: string): Promise<string> {
	const logical = [...new Set([...sql.matchAll(/\b([a-z0-9_]+_pre_aggregations)\.([a-z0-9_]+)\b/g)].map((m) => `${m[1]}.${m[2]}`))];
	let out = sql;
	for (const name of logical) {
		const [schema, table] = name.split('.') as [string, string];
		const rows = await queryRows<{ name: string }>(db, `SELECT name FROM system.tables WHERE database = ${sqlString(schema)}`);
		const versions = rows
			.map((r) => r.name)
			.filter((n) => n.startsWith(`${table}_`) && /^[a-z0-9]+_[a-z0-9]+_[a-z0-9]+$/.test(n.slice(table.length + 1)))
			.map((n) => ({ n, v: versionOfTableName(n) ?? 0 }))
			.sort((a, b) => b.v - a.v);
		if (versions[0]) out = out.replaceAll(new RegExp(`\\b${name.replace('.', '\\.')}\\b`, 'g'), `${schema}.${versions[0].n}`);
	}
	return out;
}

async function measureQueries(cubeUrl: string, secret: string, endpoint: ClickHouseEndpoint, db: Warehouse): Promise<QueryResult[]> {
	const minister = await token(secret, { role: 'minister', sub: 'bench' });
	const publicToken = await token(secret, { role: 'public' });
	const metaRes = await fetch(`${cubeUrl}/cubejs-api/v1/meta`, { headers: { authorization: `Bearer ${minister}` } });
	const meta = (await metaRes.json()) as { cubes: { measures: { name: string }[]; dimensions: { name: string }[] }[] };
	const members = new Set(meta.cubes.flatMap((c) => [...c.measures, ...c.dimensions].map((m) => m.name)));
	const results: QueryResult[] = [];
	for (const { query, role } of dashboardCatalogue(members, UNTIL.slice(0, 7))) {
		const bearer = role === 'public' ? publicToken : minister;
		const cold = await timed(() => cubeCall(cubeUrl, bearer, 'load', query.query));
		if (cold.value.status !== 200) {
			results.push({
				name: query.name,
				cube: { cold: cold.ms, warm: percentiles([]), role },
				sql: null,
				ratio: null,
				preAggregated: false,
				rawFacts: false,
				error: String(cold.value.body.error),
			});
			continue;
		}
		const warm: number[] = [];
		for (let i = 0; i < RUNS; i++) warm.push((await timed(() => cubeCall(cubeUrl, bearer, 'load', query.query))).ms);
		// The SQL Cube runs, asked as the minister (the public pipeline runs the same view query).
		const sqlRes = await cubeCall(cubeUrl, minister, 'sql', query.query);
		const sqlPair = (sqlRes.body.sql as { sql?: [string, unknown[]] } | undefined)?.sql;
		let sql: Percentiles | null = null;
		let text = '';
		let sqlError: string | undefined;
		if (sqlPair) {
			text = await physicalTables(db, SqlString.format(sqlPair[0], sqlPair[1] ?? []));
			try {
				const times: number[] = [];
				for (let i = 0; i < RUNS + 1; i++) {
					const run = await timed(() => db.query({ query: text, format: 'JSONEachRow' }).then((r) => r.json()));
					if (i > 0) times.push(run.ms);
				}
				sql = percentiles(times);
			} catch (error) {
				sqlError = (error as Error).message.slice(0, 200);
			}
		}
		const warmP = percentiles(warm);
		results.push({
			name: query.name,
			cube: { cold: cold.ms, warm: warmP, role },
			sql,
			ratio: sql ? warmP.p95 / sql.p95 : null,
			preAggregated: /_pre_aggregations\./.test(text),
			rawFacts: /\bfct_/.test(text),
			...(sqlError ? { error: `SQL: ${sqlError}` } : {}),
		});
		log(`  ${query.name}: cold ${cold.ms.toFixed(0)} ms, warm p95 ${warmP.p95.toFixed(1)} ms, SQL p95 ${sql?.p95.toFixed(1) ?? '–'} ms`);
	}
	void endpoint;
	return results;
}

async function measurePages(browser: Browser, webUrl: string): Promise<PageResult[]> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const page = await context.newPage();
	await page.goto(`${webUrl}/login`);
	await page.fill('input[name=username]', 'menteri');
	await page.fill('input[name=password]', DEMO_PASSWORD);
	await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
	const pages = [
		{ name: 'overview', path: '/' },
		{ name: 'country (Saudi Arabia)', path: '/markets/SA' },
		{ name: 'province (Nusa Tenggara Barat)', path: '/provinces/52' },
	];
	const results: PageResult[] = [];
	for (const p of pages) {
		const times: number[] = [];
		let bytes = 0;
		let requests = 0;
		for (let i = 0; i < 6; i++) {
			let runBytes = 0;
			let runRequests = 0;
			const onFinished = async (request: import('playwright-core').Request) => {
				const sizes = await request.sizes().catch(() => null);
				if (sizes) runBytes += sizes.responseBodySize + sizes.responseHeadersSize;
				runRequests++;
			};
			page.on('requestfinished', onFinished);
			// A fresh document each time (no client-side navigation), warm server.
			const started = Date.now();
			await page.goto(`${webUrl}${p.path}`, { waitUntil: 'commit' });
			await page.waitForFunction(
				() => {
					const drawn = [...document.querySelectorAll('[data-rendered]')];
					return drawn.length > 0 && drawn.every((e) => e.getAttribute('data-rendered') === 'true');
				},
				null,
				{ timeout: 120_000 },
			);
			const ms = Date.now() - started;
			await page.waitForLoadState('networkidle');
			page.off('requestfinished', onFinished);
			// The first visit warms the server and the browser cache; it is not counted.
			if (i > 0) times.push(ms);
			bytes = runBytes;
			requests = runRequests;
		}
		results.push({ name: p.name, path: p.path, renderedMs: percentiles(times), transferredBytes: bytes, requests });
		log(`  page ${p.path}: p50 ${percentiles(times).p50} ms, ${(bytes / 1024).toFixed(0)} KiB in ${requests} requests (cached run)`);
	}
	// Transfer of a first visit with an empty cache, the number users on a new device see.
	const cold = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const coldPage = await cold.newPage();
	let coldBytes = 0;
	coldPage.on('requestfinished', async (request) => {
		const sizes = await request.sizes().catch(() => null);
		if (sizes) coldBytes += sizes.responseBodySize + sizes.responseHeadersSize;
	});
	await coldPage.goto(`${webUrl}/public`);
	await coldPage.waitForLoadState('networkidle');
	results.push({
		name: 'public (first visit, empty cache)',
		path: '/public',
		renderedMs: percentiles([]),
		transferredBytes: coldBytes,
		requests: 0,
	});
	await cold.close();
	await context.close();
	return results;
}

function generatorRows(run: MeasuredRun): number {
	const match = /total\s+([\d,]+)/.exec(run.stdout);
	return match ? Number(match[1]?.replaceAll(',', '')) : 0;
}

async function factRows(db: Warehouse): Promise<Record<string, number>> {
	const rows: Record<string, number> = {};
	for (const table of [
		'fct_job_order_lines',
		'fct_candidates',
		'fct_trainings',
		'fct_certifications',
		'fct_applications',
		'fct_placements',
	]) {
		const [r] = await queryRows<{ n: string }>(db, `SELECT count() AS n FROM ${table}`);
		rows[table] = Number(r?.n ?? 0);
	}
	return rows;
}

/**
 * The load section (scripts/load.ts): every target against one web process and one Cube, then, with
 * `scaleOut`, the same through HAProxy in front of two web processes and two Cubes on the same
 * ClickHouse (scripts/scale-out.ts; the first Cube is the one at `cubeUrl`). Used on the bench's own
 * stack and, with --serving, on a running `npm start` stack.
 */
async function loadSections(o: {
	webUrl: string;
	cubeUrl: string;
	cubeApiSecret: string;
	sessionSecret: string;
	cubeUser: ClickHouseEndpoint;
	cubeBuild: ClickHouseEndpoint;
	preAggregationsSchema: string;
	scaleOut: boolean;
	scaleOutPorts?: ScaleOutPorts;
}): Promise<Pick<ScaleResult, 'load' | 'loadScaleOut'>> {
	const cubeToken = await token(o.cubeApiSecret, { role: 'minister', sub: 'bench-load' });
	const meta = (await (await fetch(`${o.cubeUrl}/cubejs-api/v1/meta`, { headers: { authorization: `Bearer ${cubeToken}` } })).json()) as {
		cubes: { measures: { name: string }[]; dimensions: { name: string }[] }[];
	};
	const members = new Set(meta.cubes.flatMap((c) => [...c.measures, ...c.dimensions].map((m) => m.name)));
	const topCountries = dashboardCatalogue(members, UNTIL.slice(0, 7)).find((q) => q.query.name === 'overview.top_countries');
	const measureAt = async (what: string, webUrl: string, cubeUrl: string, cookies?: string[]) => {
		const loadAverage = loadavg()
			.map((l) => l.toFixed(2))
			.join(', ');
		log(`load section, ${what} (${LOAD_SECONDS} s per target; load average ${loadAverage}) …`);
		const targets = await measureLoad({
			webUrl,
			cubeUrl,
			cubeToken,
			cubeQuery: topCountries?.query.query,
			users: LOAD_USERS,
			password: DEMO_PASSWORD,
			cookies,
			seconds: LOAD_SECONDS,
			log,
		});
		return { targets, seconds: LOAD_SECONDS, loadAverage };
	};
	const load = await measureAt('one web process and one Cube', o.webUrl, o.cubeUrl);
	if (!o.scaleOut) return { load };
	// The same targets through a local proxy in front of two web processes and two Cubes
	// (scripts/scale-out.ts), on the same ClickHouse; the first Cube is this one.
	const out = await startScaleOut({
		instance: 'bench',
		ports: o.scaleOutPorts ?? scaleOutInstances.bench,
		cubeUser: o.cubeUser,
		cubeBuild: o.cubeBuild,
		preAggregationsSchema: o.preAggregationsSchema,
		cubeApiSecret: o.cubeApiSecret,
		sessionSecret: o.sessionSecret,
		log,
	});
	try {
		// each web process holds some of the users' sessions, and keeps them (throws if not)
		const cookies = await pinnedLogIns(out.webUrl, LOAD_USERS, DEMO_PASSWORD);
		const before = await out.answers();
		const measured = await measureAt('two web processes and two Cubes behind HAProxy', out.webUrl, out.cubeUrl, cookies);
		const after = await out.answers();
		const answers = Object.fromEntries(Object.entries(after).map(([k, n]) => [k, n - (before[k] ?? 0)]));
		log(`answers per process during the load: ${JSON.stringify(answers)}`);
		return {
			load,
			loadScaleOut: {
				...measured,
				answers,
				memory: {
					webs: out.webs.map((w) => (w.pid ? peakRss(w.pid) : undefined)),
					cube2: out.cube2.pid ? peakRss(out.cube2.pid) : undefined,
				},
			},
		};
	} finally {
		await out.stop();
	}
}

/** The load section's tables (one of each; two of each behind HAProxy) as the report prints them. */
function loadSectionsMarkdown(r: Pick<ScaleResult, 'load' | 'loadScaleOut'>): string[] {
	const out: string[] = [];
	if (r.load) out.push('', ...loadMarkdown(r.load.targets, r.load.seconds, r.load.loadAverage, 'one web process, one Cube'));
	if (r.loadScaleOut) {
		const so = r.loadScaleOut;
		out.push(
			...loadMarkdown(so.targets, so.seconds, so.loadAverage, 'two web processes and two Cubes behind HAProxy (scripts/scale-out.ts)'),
			`HTTP answers per process during it (HAProxy's counters): ${Object.entries(so.answers)
				.map(([k, n]) => `${k} ${n.toLocaleString('en')}`)
				.join(', ')}. Peak memory of the added processes: web ${so.memory.webs.map(mib).join(', ')}, second Cube ${mib(so.memory.cube2)}.`,
			'',
		);
	}
	return out;
}

async function benchScale(scale: Scale, browser: Browser): Promise<ScaleResult> {
	log(`=== scale ${scale} ===`);
	const secrets = loadSecrets();
	const ports = instances.bench;
	const warehouse = await startWarehouse('bench', log, `bench-${scale}`);
	const { endpoint } = warehouse;
	const tsx = ['--import', 'tsx'];
	const dataDir = join(stateDir, 'seeds', `bench-${scale}-${UNTIL}-s${DEFAULT_SEED}`);
	try {
		// Generator: a fresh output folder every run, measured as its own process.
		log(`generating ${scale} …`);
		const gen = await runMeasured(process.execPath, [...tsx, 'seeds/src/cli.ts', '--scale', scale, '--until', UNTIL, '--out', dataDir], {
			cwd: projectRoot,
		});
		if (gen.code !== 0) throw new Error(`generator failed:\n${gen.stderr}`);
		const generated = generatorRows(gen);

		// Loader: into an emptied database, as its own process.
		const db = await emptyWarehouse(endpoint);
		log(`loading ${generated.toLocaleString('en')} rows …`);
		// the after-load refresh is measured below (rollups, pre-aggregations), not as loading
		const loader = loaderProcess(endpoint, warehouse.users.loader, dataDir);
		const load = await runMeasured(process.execPath, loader.args, { cwd: projectRoot, env: loader.env });
		if (load.code !== 0) throw new Error(`loader failed:\n${load.stderr.slice(-3000)}`);
		const rows = await factRows(db);
		const loaded = Object.values(rows).reduce((a, b) => a + b, 0);
		log(`loaded ${loaded.toLocaleString('en')} rows in ${load.seconds.toFixed(1)} s`);
		const rawInsert = warehouse.pid ? measureRawInsert(warehouse.users.admin, ports.clickhouseTcp, dataDir) : null;
		if (rawInsert)
			log(
				`clickhouse-client inserted the same ${rawInsert.files} files raw: ${rawInsert.rows.toLocaleString('en')} rows in ${rawInsert.seconds.toFixed(1)} s, ${Math.round(rawInsert.rowsPerSecond).toLocaleString('en')} rows/s (loader / raw = ${(loaded / load.seconds / rawInsert.rowsPerSecond).toFixed(2)})`,
			);

		const rollups = await timed(() => refreshRollups(db, () => {}));
		log(`rollups in ${(rollups.ms / 1000).toFixed(1)} s`);
		const preAggregationsSchema = `${endpoint.database}_pre_aggregations`;
		await db.command({ query: `CREATE DATABASE IF NOT EXISTS ${preAggregationsSchema}` });
		const cube = await startCube(
			warehouse.users.cube,
			{ port: ports.cube, apiSecret: secrets.cubeApiSecret, preAggregationsSchema, build: warehouse.users.cubeBuild },
			log,
		);
		try {
			// the fact cubes' quarters recorded first, as the stack's start does (refreshAfterLoad): the keys of
			// their partitions; otherwise the first batch of such a fact finds nothing recorded and rebuilds them whole
			await (await factQuarterPlan(db, undefined, true)).record();
			const preAggs = await timed(() => rebuildPreAggregations({ cubeUrl: cube.url, apiSecret: secrets.cubeApiSecret, log }));
			log(`pre-aggregations in ${(preAggs.ms / 1000).toFixed(1)} s`);
			const queries = SKIP.has('queries') ? [] : await measureQueries(cube.url, secrets.cubeApiSecret, endpoint, db);
			const audit = SKIP.has('audit') ? undefined : await measureAudit(cube.url, secrets.cubeApiSecret);
			const web = await startWeb(
				{ port: ports.web, cubeUrl: cube.url, cubeApiSecret: secrets.cubeApiSecret, sessionSecret: secrets.sessionSecret },
				log,
			);
			try {
				const pages = SKIP.has('pages') ? [] : await measurePages(browser, web.url);
				const pageTimings = SKIP.has('pages') ? undefined : await measurePageTimings(browser, web.url, { runs: 5, log });
				const { load: loadSection, loadScaleOut } = SKIP.has('load')
					? {}
					: await loadSections({
							webUrl: web.url,
							cubeUrl: cube.url,
							cubeApiSecret: secrets.cubeApiSecret,
							sessionSecret: secrets.sessionSecret,
							cubeUser: warehouse.users.cube,
							cubeBuild: warehouse.users.cubeBuild,
							preAggregationsSchema,
							scaleOut: !SKIP.has('scale-out'),
						});
				// Last: it adds job-order lines, so nothing else is measured on changed data.
				let freshness: FreshnessResult | undefined;
				let sustained: SustainedResult | undefined;
				let cliFreshness: CliFreshnessResult | undefined;
				if (!SKIP.has('realtime')) {
					const loaderDb = connect(warehouse.users.loader);
					try {
						const realtime = {
							loaderDb,
							cube: { url: cube.url, apiSecret: secrets.cubeApiSecret },
							port: ports.ingest,
							until: UNTIL,
							log,
							// the engine's worker reads its input itself, as in the stack
							read: warehouse.users.loader,
						};
						freshness = await measureFreshness(realtime);
						sustained = await measureSustained(realtime);
						cliFreshness = await measureCliFreshness({
							loader: warehouse.users.loader,
							cube: realtime.cube,
							until: UNTIL,
							cwd: projectRoot,
							log,
						});
					} finally {
						await loaderDb.close();
					}
				}
				return {
					freshness,
					sustained,
					cliFreshness,
					rawInsert,
					scale,
					rows,
					generator: { rows: generated, seconds: gen.seconds, rowsPerSecond: generated / gen.seconds, peakRssBytes: gen.peakRssBytes },
					loader: { rows: loaded, seconds: load.seconds, rowsPerSecond: loaded / load.seconds, peakRssBytes: load.peakRssBytes },
					rollupsSeconds: rollups.ms / 1000,
					preAggregationsSeconds: preAggs.ms / 1000,
					queries,
					pages,
					pageTimings,
					load: loadSection,
					loadScaleOut,
					audit,
					memory: {
						clickhouse: warehouse.pid ? peakRss(warehouse.pid) : undefined,
						cube: cube.pid ? peakRss(cube.pid) : undefined,
						web: web.pid ? peakRss(web.pid) : undefined,
					},
				};
			} finally {
				await web.stop();
			}
		} finally {
			await cube.stop();
			await db.close();
		}
	} finally {
		await warehouse.stop();
		if (!args.keep) execFileSync('rm', ['-rf', dataDir]);
	}
}

const mib = (bytes?: number) => (bytes === undefined ? '–' : `${(bytes / 2 ** 20).toFixed(0)} MiB`);
const ms = (v?: number | null) => (v === undefined || v === null || Number.isNaN(v) ? '–' : v < 10 ? v.toFixed(1) : v.toFixed(0));
const mark = (ok: boolean) => (ok ? '✓' : '✗');

function markdown(results: ScaleResult[], env: Record<string, string>): string {
	const out: string[] = [];
	out.push('# Performance', '');
	out.push('Measured by `npm run bench` (scripts/bench.ts); timings are never asserted in `npm test`.', '');
	out.push(
		`Warm runs per query: ${RUNS}. Targets: warm p95 ≤ 100 ms per dashboard query at national scale, ≤ 300 ms at 10×; Cube ≤ 2× the same SQL on ClickHouse when warm; overview complete ≤ 1.5 s; load ≥ 300k rows/s; generator ≥ 1M rows/s.`,
		'',
	);
	out.push('## Machine', '');
	for (const [k, v] of Object.entries(env)) out.push(`- ${k}: ${v}`);
	out.push('');
	for (const r of results) {
		const target = TARGETS.warmP95Ms[r.scale];
		out.push(`## Scale \`${r.scale}\``, '');
		out.push('| step | rows | time | rows/s | target | peak memory |', '|---|---:|---:|---:|---|---:|');
		if (r.generator)
			out.push(
				`| generator | ${r.generator.rows.toLocaleString('en')} | ${r.generator.seconds.toFixed(1)} s | ${Math.round(r.generator.rowsPerSecond).toLocaleString('en')} | ≥ 1,000,000 ${mark(r.generator.rowsPerSecond >= TARGETS.generatorRowsPerSecond)} | ${mib(r.generator.peakRssBytes)} |`,
			);
		if (r.loader)
			out.push(
				`| loader | ${r.loader.rows.toLocaleString('en')} | ${r.loader.seconds.toFixed(1)} s | ${Math.round(r.loader.rowsPerSecond).toLocaleString('en')} | ≥ 300,000 ${mark(r.loader.rowsPerSecond >= TARGETS.loadRowsPerSecond)} | ${mib(r.loader.peakRssBytes)} |`,
			);
		if (r.loader && r.rawInsert)
			out.push(
				`| clickhouse-client raw CSV insert of the same ${r.rawInsert.files} files (String columns, no checks) | ${r.rawInsert.rows.toLocaleString('en')} | ${r.rawInsert.seconds.toFixed(2)} s | ${Math.round(r.rawInsert.rowsPerSecond).toLocaleString('en')} | loader / raw = ${(r.loader.rowsPerSecond / r.rawInsert.rowsPerSecond).toFixed(2)}, ≥ 0.5 ${mark(r.loader.rowsPerSecond / r.rawInsert.rowsPerSecond >= TARGETS.loaderOverRawInsert)} | |`,
			);
		out.push(`| rollups (agg_*) | | ${r.rollupsSeconds.toFixed(1)} s | | | |`);
		out.push(`| Cube pre-aggregations | | ${r.preAggregationsSeconds.toFixed(1)} s | | | |`);
		out.push('');
		out.push(
			`Peak memory of the services: ClickHouse ${mib(r.memory.clickhouse)}, Cube ${mib(r.memory.cube)}, web ${mib(r.memory.web)}.`,
			'',
		);
		if (r.freshness) {
			const f = r.freshness;
			const target = TARGETS.freshnessP95Ms[r.scale];
			out.push(
				`### Freshness (a batch of new job-order lines pushed to the ingest API → the dashboard's Cube query answers with it; target p95 ≤ ${target / 1000} s)`,
				'',
			);
			if (f.error) out.push(`Did not complete: ${f.error}`, '');
			out.push('| rows | HTTP answer ms | visible_at after ms | on the dashboard query after ms |', '|---:|---:|---:|---:|');
			for (const run of f.runs) out.push(`| ${run.rows} | ${run.answerMs} | ${run.visibleMs ?? '–'} | ${run.freshMs} |`);
			out.push(
				'',
				`p95: answer ${ms(f.answerMs.p95)} ms, fresh ${ms(f.freshMs.p95)} ms ${mark(f.runs.length > 0 && f.freshMs.p95 <= target)}.`,
				'',
			);
		}
		if (r.sustained) {
			const u = r.sustained;
			const ok =
				u.refused === 0 &&
				u.committed === u.sent &&
				u.rowsLoaded === u.rowsSent &&
				u.rowsDistinct === u.rowsLoaded &&
				u.sentPerSecond >= 0.95 * u.batchesPerSecond &&
				u.visibleMs.p95 <= TARGETS.freshnessP95Ms[r.scale];
			const loop = u.mode === 'open' ? 'open loop: each sent at its time' : 'closed loop: each client waits for its answer';
			out.push(
				`### Sustained pushes (${u.batchesPerSecond} batches of 5 job-order lines a second for ${u.seconds} s over ${u.clients} connections, ${loop})`,
				'',
				'| sent (per s achieved) | committed | refused | rows loaded (distinct) / sent | answer p50 / p95 ms | visible after p50 / p95 ms | refreshes (p50 ms) | target |',
				'|---:|---:|---:|---:|---:|---:|---:|---|',
				`| ${u.sent} (${u.sentPerSecond}) | ${u.committed} | ${u.refused} | ${u.rowsLoaded} (${u.rowsDistinct}) / ${u.rowsSent} | ${ms(u.answerMs.p50)} / ${ms(u.answerMs.p95)} | ${ms(u.visibleMs.p50)} / ${ms(u.visibleMs.p95)} | ${u.refreshes} (${ms(u.refreshMs.p50)}) | ${mark(ok)} |`,
				'',
			);
			if (u.error) out.push(`Did not complete: ${u.error}`, '');
		}
		if (r.cliFreshness) {
			const c = r.cliFreshness;
			const target = TARGETS.freshnessP95Ms[r.scale];
			out.push(
				`### The command-line loader (a file of new job-order lines loaded with \`warehouse/src/load/cli.ts\`, Cube given → the dashboard's Cube query answers with it; target p95 ≤ ${target / 1000} s)`,
				'',
			);
			if (c.error) out.push(`Did not complete: ${c.error}`, '');
			out.push('| rows | on the dashboard query after ms | the command returned after ms |', '|---:|---:|---:|');
			for (const run of c.runs) out.push(`| ${run.rows} | ${run.freshMs} | ${run.exitMs} |`);
			out.push('', `p95: fresh ${ms(c.freshMs.p95)} ms ${mark(c.runs.length > 0 && c.freshMs.p95 <= target)}.`, '');
		}
		out.push(`### Dashboard queries (target warm p95 ≤ ${target} ms, Cube ≤ 2× SQL)`, '');
		out.push(
			'| query | role | served from | Cube cold ms | Cube warm p50 | Cube warm p95 | SQL p50 | SQL p95 | Cube/SQL p95 | targets |',
			'|---|---|---|---:|---:|---:|---:|---:|---:|---|',
		);
		for (const q of r.queries) {
			const served = q.error
				? `error: ${q.error.slice(0, 60)}`
				: q.preAggregated
					? 'pre-aggregation'
					: q.rawFacts
						? 'raw facts'
						: 'rollup / reference';
			const ok = q.cube.warm.p95 <= target && (q.ratio === null || q.ratio <= TARGETS.cubeOverSql);
			out.push(
				`| ${q.name} | ${q.cube.role} | ${served} | ${ms(q.cube.cold)} | ${ms(q.cube.warm.p50)} | ${ms(q.cube.warm.p95)} | ${ms(q.sql?.p50)} | ${ms(q.sql?.p95)} | ${q.ratio === null ? '–' : q.ratio.toFixed(2)} | ${mark(ok)} |`,
			);
		}
		const slowest = [...r.queries].sort((a, b) => b.cube.warm.p95 - a.cube.warm.p95)[0];
		if (slowest)
			out.push('', `Slowest warm query: \`${slowest.name}\` (p95 ${ms(slowest.cube.warm.p95)} ms, cold ${ms(slowest.cube.cold)} ms).`);
		out.push('', '### Pages (warm server; time from navigation until every chart and map has drawn)', '');
		out.push('| page | p50 ms | p95 ms | transferred | requests | target |', '|---|---:|---:|---:|---:|---|');
		for (const p of r.pages) {
			const target = p.name === 'overview' ? ` ≤ 1,500 ms ${mark(p.renderedMs.p50 <= TARGETS.overviewMs)}` : '';
			out.push(
				`| ${p.name} | ${ms(p.renderedMs.p50)} | ${ms(p.renderedMs.p95)} | ${(p.transferredBytes / 1024).toFixed(0)} KiB | ${p.requests || '–'} | ${target} |`,
			);
		}
		if (r.pageTimings)
			out.push(
				'',
				...pagesMarkdown(r.pageTimings, '### Every map page drawn in headless Chromium (software GL; `npm run bench -- --pages` alone)'),
			);
		out.push(...loadSectionsMarkdown(r));
		if (r.audit) {
			const a = r.audit;
			out.push(`### Disclosure audit (public surface of ${a.year}; docs/access.md, "The disclosure auditor")`, '');
			if (a.error) out.push(`The audit did not complete: ${a.error}`, '');
			else {
				out.push(
					'| tables | cells | hidden | small hidden (1 … T − 1) | under-protected | computed exactly | linear programs | seconds |',
					'|---:|---:|---:|---:|---:|---:|---:|---:|',
					`| ${a.tables} | ${a.cells} | ${a.suppressed} | ${a.primary} | ${a.violations} ${mark(a.violations === 0)} | ${a.exact} | ${a.linearPrograms} | ${a.seconds?.toFixed(0)} |`,
					'',
					`Narrowest interval of a small cell: ${a.narrowest ?? '–'}.`,
				);
				for (const v of a.firstViolations ?? []) out.push(`- ${v}`);
				out.push('');
			}
		}
		out.push('');
	}
	return out.join('\n');
}

mkdirSync(outDir, { recursive: true });
if (args.alerts) {
	const { runAlertsBench } = await import('./bench-alerts.ts');
	await runAlertsBench({ scale: (args.scale ?? 'national') as Scale, until: UNTIL, outDir, projectRoot, log });
	process.exit(0);
}
if (args.forecast) {
	const { runForecastBench } = await import('./bench-forecast.ts');
	await runForecastBench({
		scale: (args.scale ?? 'national') as Scale,
		until: UNTIL,
		originStep: Number(args['origin-step']),
		outDir,
		projectRoot,
		log,
	});
	process.exit(0);
}
if (args.pages) {
	const { runPagesBench } = await import('./bench-pages.ts');
	await runPagesBench({
		url: args.url,
		scale: (args.scale ?? 'tiny') as Scale,
		until: UNTIL,
		runs: Number(args['page-runs']),
		paths: args['page-paths']?.split(',').filter(Boolean),
		doc: args.doc === 'docs/performance.md' ? 'bench-output/pages.md' : (args.doc ?? 'bench-output/pages.md'),
		outDir,
		log,
	});
	process.exit(0);
}
if (args.matching) {
	const { runMatchingBench } = await import('./bench-matching.ts');
	await runMatchingBench({ years: args.years, outDir, log });
	process.exit(0);
}
if (args.serving) {
	// The load section against the running `npm start` stack of this checkout (its ports follow
	// SLMI_PORT_OFFSET; its own ClickHouse server and database), e.g. on national data, then the same
	// through HAProxy in front of two web processes and two Cubes (the stack's Cube the first).
	const demo = instances.demo;
	const secrets = loadSecrets();
	// the database of the project's own ClickHouse server (local-server.ts); --serving measures no other
	const database = 'slmi';
	const users = localUsers(`http://127.0.0.1:${demo.clickhouseHttp}`, database, localPasswords(stateDir));
	const result = await loadSections({
		webUrl: `http://127.0.0.1:${demo.web}`,
		cubeUrl: `http://127.0.0.1:${demo.cube}`,
		cubeApiSecret: secrets.cubeApiSecret,
		sessionSecret: secrets.sessionSecret,
		cubeUser: users.cube,
		cubeBuild: users.cubeBuild,
		preAggregationsSchema: `${database}_pre_aggregations`,
		scaleOut: !SKIP.has('scale-out'),
		scaleOutPorts: { ...scaleOutInstances.bench, cubes: [demo.cube, scaleOutInstances.bench.cubes[1]] },
	});
	writeFileSync(join(outDir, 'serving.json'), `${JSON.stringify({ machine: machine(), ...result }, null, 2)}\n`);
	const doc = args.doc === 'docs/performance.md' ? 'bench-output/serving.md' : (args.doc ?? 'bench-output/serving.md');
	writeFileSync(
		resolve(projectRoot, doc),
		`${[`### Serving the running stack (${new Date().toISOString().slice(0, 16)} UTC)`, ...loadSectionsMarkdown(result)].join('\n')}\n`,
	);
	log(`wrote ${doc} and bench-output/serving.json`);
	process.exit(0);
}
const env = machine();
const browser = await launchBrowser();
const results: ScaleResult[] = [];
try {
	for (const scale of scales) {
		const result = await benchScale(scale, browser);
		results.push(result);
		writeFileSync(join(outDir, `${scale}.json`), `${JSON.stringify({ machine: env, ...result }, null, 2)}\n`);
	}
} finally {
	await browser.close();
}
// The document covers every scale measured so far (a scale run alone keeps the other's figures).
const measured: ScaleResult[] = (['tiny', 'national', 'large'] as const).flatMap((scale) => {
	try {
		return [JSON.parse(readFileSync(join(outDir, `${scale}.json`), 'utf8')) as ScaleResult];
	} catch {
		return [];
	}
});
const analysis = (() => {
	try {
		return readFileSync(join(projectRoot, 'docs', 'performance-notes.md'), 'utf8');
	} catch {
		return '';
	}
})();
const doc = args.doc ?? 'docs/performance.md';
writeFileSync(resolve(projectRoot, doc), `${markdown(measured, env)}\n${analysis}`);
log(`wrote bench-output/*.json and ${doc} (scales: ${measured.map((r) => r.scale).join(', ')})`);
