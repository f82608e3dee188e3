/**
 * Pages drawn in headless Chromium (issue #13): for each page, the time from navigation until every
 * chart and map says it has drawn (`data-rendered="true"`, web/src/lib/*.svelte), on a first visit
 * (a fresh browser profile: empty cache, logged in) and on a repeat visit (same profile, warm HTTP
 * cache), with the bytes a first visit transfers (JS, data, the rest); and the time a client-side
 * metric switch takes to redraw a map. Chromium draws WebGL with SwiftShader (software), as in the
 * browser tests (tests/support/browser.ts).
 *
 *   npm run bench -- --pages                          # starts the 'bench' stack on tiny data
 *   npm run bench -- --pages --url http://127.0.0.1:3501 --doc bench-output/pages.md
 *   npm run bench -- --pages --url http://127.0.0.1:8050,http://127.0.0.1:8051 --page-paths /public
 *                                                     # builds compared, visits alternating
 *
 * The map component leaves performance marks (`slmi-map:<file>:<step>`, ChoroplethMap.svelte): the
 * report prints, per page, when each map had its geometry, had parsed it, was created and was drawn.
 * Never part of `npm test`: timings are measured here, not asserted there.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../tests/support/browser.ts';
import { DEMO_PASSWORD } from '../web/src/lib/server/demo-users.ts';
import { type Percentiles, percentiles } from './measure.ts';
import { projectRoot, type Scale, startStack } from './stack.ts';

export interface PageTarget {
	name: string;
	path: string;
	/** log in as this user first (absent: the anonymous public) */
	user?: string;
}

export const PAGE_TARGETS: PageTarget[] = [
	{ name: 'overview', path: '/', user: 'menteri' },
	{ name: 'markets, demand', path: '/markets?metric=demand', user: 'menteri' },
	{ name: 'markets, placements', path: '/markets?metric=placements', user: 'menteri' },
	{ name: 'markets, fill rate', path: '/markets?metric=fill_rate', user: 'menteri' },
	{ name: 'markets, wage', path: '/markets?metric=wage', user: 'menteri' },
	{ name: 'country (Saudi Arabia)', path: '/markets/SA', user: 'menteri' },
	{ name: 'provinces', path: '/provinces', user: 'menteri' },
	{ name: 'provinces, per capita', path: '/provinces?metric=per_capita', user: 'menteri' },
	{ name: 'province (Nusa Tenggara Barat)', path: '/provinces/52', user: 'menteri' },
	{ name: 'public', path: '/public' },
	{ name: 'embed, placements by province', path: '/embed/placements-by-province' },
	{ name: 'embed, per capita', path: '/embed/provinces-per-capita' },
];

export interface Transfer {
	js: number;
	data: number;
	other: number;
	requests: number;
}

export interface PageTiming {
	name: string;
	path: string;
	/** fresh profile each run (empty HTTP cache) */
	firstMs: Percentiles;
	/** same profile again (warm HTTP cache, new document) */
	repeatMs: Percentiles;
	/** a first visit's transfer: JS (scripts, the map worker), data (JSON: page data, /geo), the rest */
	first: Transfer;
	/** the map component's marks of the last first visit, ms after navigation start */
	marks: Record<string, number>;
	error?: string;
}

export interface SwitchTiming {
	name: string;
	ms: Percentiles;
	error?: string;
}

export interface PagesReport {
	date: string;
	loadAverage: { before: string; after: string };
	runs: number;
	pages: PageTiming[];
	switches: SwitchTiming[];
}

const loadAverageNow = () =>
	loadavg()
		.map((l) => l.toFixed(2))
		.join(', ');

/** A session cookie for `user`, so fresh profiles start logged in (the log-in is not measured). */
async function sessionState(browser: Browser, webUrl: string, user: string): Promise<Awaited<ReturnType<BrowserContext['storageState']>>> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(`${webUrl}/login`);
	await page.fill('input[name=username]', user);
	await page.fill('input[name=password]', DEMO_PASSWORD);
	const [answer] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login', { timeout: 90_000 }),
		page.click('button[type=submit]'),
	]);
	if (answer.status() !== 303) throw new Error(`log-in of ${user} answered ${answer.status()}`);
	const state = await context.storageState();
	await context.close();
	return state;
}

/** ms after navigation start when every chart and map on the page had drawn. */
async function readyAt(page: Page): Promise<number> {
	const handle = await page.waitForFunction(
		() => {
			const drawn = [...document.querySelectorAll('[data-rendered]')];
			return drawn.length > 0 && drawn.every((e) => e.getAttribute('data-rendered') === 'true') ? performance.now() : false;
		},
		null,
		{ timeout: 120_000, polling: 'raf' },
	);
	return (await handle.jsonValue()) as number;
}

function recordTransfer(page: Page): Transfer {
	const transfer: Transfer = { js: 0, data: 0, other: 0, requests: 0 };
	page.on('requestfinished', async (request) => {
		const sizes = await request.sizes().catch(() => null);
		if (!sizes) return;
		const bytes = sizes.responseBodySize + sizes.responseHeadersSize;
		transfer.requests++;
		const type = request.resourceType();
		const path = new URL(request.url()).pathname;
		if (type === 'script' || path.endsWith('.js') || path.endsWith('.mjs')) transfer.js += bytes;
		else if (type === 'fetch' || type === 'xhr' || path.endsWith('.json')) transfer.data += bytes;
		else transfer.other += bytes;
	});
	return transfer;
}

async function mapMarks(page: Page): Promise<Record<string, number>> {
	return page.evaluate(() =>
		Object.fromEntries(
			performance
				.getEntriesByType('mark')
				.filter((m) => m.name.startsWith('slmi-map:'))
				.map((m) => [m.name.slice('slmi-map:'.length), Math.round(m.startTime)]),
		),
	);
}

type SessionState = Awaited<ReturnType<typeof sessionState>>;

/**
 * One first visit in a fresh profile (logged in with `storageState`) and a repeat visit in the same
 * profile: when each was ready, the first visit's transfer and the map component's marks.
 */
async function visitTwice(
	browser: Browser,
	webUrl: string,
	path: string,
	storageState: SessionState | undefined,
): Promise<{ first: number; repeat: number; transfer: Transfer; marks: Record<string, number> }> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, storageState });
	try {
		const page = await context.newPage();
		const transfer = recordTransfer(page);
		await page.goto(`${webUrl}${path}`, { waitUntil: 'commit' });
		const first = await readyAt(page);
		await page.waitForLoadState('networkidle');
		const marks = await mapMarks(page);
		// The same profile again: a new document with a warm HTTP cache.
		await page.goto(`${webUrl}${path}`, { waitUntil: 'commit' });
		const repeat = await readyAt(page);
		return { first, repeat, transfer: { ...transfer }, marks };
	} finally {
		await context.close();
	}
}

/** Several builds of the app compared page by page, visits alternating between them (`--url a,b`). */
export interface PagesComparison {
	date: string;
	loadAverage: { before: string; after: string };
	runs: number;
	urls: string[];
	pages: {
		name: string;
		path: string;
		/** per URL, in the order given */
		byUrl: { firstMs: Percentiles; repeatMs: Percentiles; marks: Record<string, number> }[];
	}[];
}

/**
 * The same measurement as `measurePageTimings`, on several running builds at once: for each page and
 * run, one first and repeat visit of each URL in turn, the order rotated every run, so that a busy
 * machine's load falls on all of them alike (a shared machine's load moves within minutes). Marks
 * are the p50 of each map step over the first visits.
 */
export async function comparePageTimings(
	browser: Browser,
	urls: string[],
	options: { runs?: number; targets?: PageTarget[]; log?: (line: string) => void } = {},
): Promise<PagesComparison> {
	const runs = options.runs ?? 5;
	const log = options.log ?? console.log;
	const before = loadAverageNow();
	const sessions = new Map<string, SessionState>();
	const targets = options.targets ?? PAGE_TARGETS;
	for (const url of urls)
		for (const target of targets) {
			const key = `${url}|${target.user ?? ''}`;
			if (target.user && !sessions.has(key)) sessions.set(key, await sessionState(browser, url, target.user));
			const page = await (await browser.newContext({ storageState: sessions.get(key) })).newPage();
			await page.goto(`${url}${target.path}`);
			await readyAt(page).catch(() => 0);
			await page.context().close();
		}
	const pages: PagesComparison['pages'] = [];
	for (const target of targets) {
		const visits = urls.map(() => ({ first: [] as number[], repeat: [] as number[], marks: [] as Record<string, number>[] }));
		for (let i = 0; i < runs; i++)
			for (let k = 0; k < urls.length; k++) {
				const u = (k + i) % urls.length;
				const url = urls[u] as string;
				const visit = await visitTwice(browser, url, target.path, sessions.get(`${url}|${target.user ?? ''}`));
				visits[u]?.first.push(visit.first);
				visits[u]?.repeat.push(visit.repeat);
				visits[u]?.marks.push(visit.marks);
			}
		const byUrl = visits.map((v) => {
			const steps = new Map<string, number[]>();
			for (const marks of v.marks) for (const [step, at] of Object.entries(marks)) steps.set(step, [...(steps.get(step) ?? []), at]);
			const marks = Object.fromEntries([...steps].map(([step, at]) => [step, Math.round(percentiles(at).p50)]));
			return { firstMs: percentiles(v.first), repeatMs: percentiles(v.repeat), marks };
		});
		pages.push({ name: target.name, path: target.path, byUrl });
		log(
			`page ${target.path}: first p50 ${byUrl.map((b) => b.firstMs.p50.toFixed(0)).join(' / ')} ms, repeat p50 ${byUrl.map((b) => b.repeatMs.p50.toFixed(0)).join(' / ')} ms`,
		);
	}
	return { date: new Date().toISOString(), loadAverage: { before, after: loadAverageNow() }, runs, urls, pages };
}

export function comparisonMarkdown(report: PagesComparison, heading: string): string[] {
	const names = report.urls.map((url, i) => `${String.fromCharCode(65 + i)} (${url})`);
	const out = [
		heading,
		'',
		`${report.date.slice(0, 16).replace('T', ' ')} UTC; ${report.runs} runs per page and build, visits alternating between ${names.join(', ')}; load average before ${report.loadAverage.before}, after ${report.loadAverage.after}. Ready (ms after navigation start, p50): first visit in a fresh profile, repeat in the same profile.`,
		'',
		`| page | ${report.urls.map((_, i) => `first ${String.fromCharCode(65 + i)}`).join(' | ')} | ${report.urls.map((_, i) => `repeat ${String.fromCharCode(65 + i)}`).join(' | ')} | map steps, first visit p50 (${report.urls.map((_, i) => String.fromCharCode(65 + i)).join(' / ')}) |`,
		`|---|${report.urls.map(() => '---:|').join('')}${report.urls.map(() => '---:|').join('')}---|`,
	];
	for (const p of report.pages) {
		const steps = Object.keys(p.byUrl[0]?.marks ?? {})
			.map((step) => `${step} ${p.byUrl.map((b) => b.marks[step] ?? '–').join(' / ')}`)
			.join('; ');
		out.push(
			`| ${p.name} (\`${p.path}\`) | ${p.byUrl.map((b) => ms(b.firstMs.p50)).join(' | ')} | ${p.byUrl.map((b) => ms(b.repeatMs.p50)).join(' | ')} | ${steps || '–'} |`,
		);
	}
	return [...out, ''];
}

export async function measurePageTimings(
	browser: Browser,
	webUrl: string,
	options: { runs?: number; targets?: PageTarget[]; log?: (line: string) => void } = {},
): Promise<PagesReport> {
	const runs = options.runs ?? 5;
	const log = options.log ?? console.log;
	const before = loadAverageNow();
	const sessions = new Map<string, Awaited<ReturnType<typeof sessionState>>>();
	const pages: PageTiming[] = [];
	// One unmeasured visit of every page first: the server's caches and Cube are warm, so what is
	// measured is the browser's part (a warm server is what most visitors meet).
	for (const target of options.targets ?? PAGE_TARGETS) {
		if (target.user && !sessions.has(target.user)) sessions.set(target.user, await sessionState(browser, webUrl, target.user));
		const page = await (await browser.newContext({ storageState: target.user ? sessions.get(target.user) : undefined })).newPage();
		await page.goto(`${webUrl}${target.path}`);
		await readyAt(page).catch(() => 0);
		await page.context().close();
	}
	for (const target of options.targets ?? PAGE_TARGETS) {
		const storageState = target.user ? sessions.get(target.user) : undefined;
		const first: number[] = [];
		const repeat: number[] = [];
		let transfer: Transfer = { js: 0, data: 0, other: 0, requests: 0 };
		let marks: Record<string, number> = {};
		let error: string | undefined;
		try {
			for (let i = 0; i < runs; i++) {
				const visit = await visitTwice(browser, webUrl, target.path, storageState);
				first.push(visit.first);
				repeat.push(visit.repeat);
				transfer = visit.transfer;
				marks = visit.marks;
			}
		} catch (e) {
			error = (e as Error).message.split('\n')[0];
		}
		const result: PageTiming = {
			name: target.name,
			path: target.path,
			firstMs: percentiles(first),
			repeatMs: percentiles(repeat),
			first: { ...transfer },
			marks,
			...(error ? { error } : {}),
		};
		pages.push(result);
		log(
			`page ${target.path}: first p50 ${result.firstMs.p50.toFixed(0)} ms, repeat p50 ${result.repeatMs.p50.toFixed(0)} ms, ` +
				`JS ${kib(transfer.js)}, data ${kib(transfer.data)}${error ? ` — ${error}` : ''}`,
		);
	}
	// the metric switch of /markets, unless the pages asked for leave /markets out (--page-paths)
	const switches = sessions.has('menteri') ? [await measureSwitch(browser, webUrl, sessions.get('menteri'), runs, log)] : [];
	return { date: new Date().toISOString(), loadAverage: { before, after: loadAverageNow() }, runs, pages, switches };
}

/** /markets: click another metric (a client-side navigation) until the world map has redrawn. */
async function measureSwitch(
	browser: Browser,
	webUrl: string,
	storageState: Awaited<ReturnType<typeof sessionState>> | undefined,
	runs: number,
	log: (line: string) => void,
): Promise<SwitchTiming> {
	const times: number[] = [];
	const name = '/markets: metric switch, click until the map has redrawn (demand → wage → fill rate → placements → demand)';
	try {
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, storageState });
		const page = await context.newPage();
		await page.goto(`${webUrl}/markets?metric=demand`);
		await readyAt(page);
		for (let i = 0; i < runs; i++) {
			for (const metric of ['wage', 'fill_rate', 'placements', 'demand']) {
				const label = ((await page.locator(`[data-testid="metric-${metric}"]`).textContent()) ?? '').trim();
				const started = await page.evaluate(() => performance.now());
				await page.click(`[data-testid="metric-${metric}"]`);
				await page.waitForURL(new RegExp(`metric=${metric}`));
				// the map's card names the new metric once the page has its data; the map then says when it has drawn
				await page.waitForFunction(
					(text) => document.querySelector('[data-chart-id="markets-map"] h2')?.textContent?.includes(text) ?? false,
					label,
					{ polling: 'raf' },
				);
				times.push((await readyAt(page)) - started);
			}
		}
		await context.close();
		log(`metric switch: p50 ${percentiles(times).p50.toFixed(0)} ms`);
		return { name, ms: percentiles(times) };
	} catch (e) {
		return { name, ms: percentiles(times), error: (e as Error).message.split('\n')[0] };
	}
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const ms = (v: number) => (Number.isNaN(v) ? '–' : v.toFixed(0));

export function pagesMarkdown(report: PagesReport, heading: string): string[] {
	const out: string[] = [];
	out.push(
		heading,
		'',
		`${report.date.slice(0, 16).replace('T', ' ')} UTC; ${report.runs} runs per page; load average before ${report.loadAverage.before}, after ${report.loadAverage.after}. ` +
			'Ready = every chart and map on the page has drawn (`data-rendered`), ms after navigation start. ' +
			'First visit: a fresh browser profile (empty cache), logged in where the page needs it; repeat: the same profile again. ' +
			'Transfer: bytes on the wire (compressed bodies and headers) of a first visit.',
		'',
		'| page | first visit p50 ms | first p95 | repeat p50 ms | repeat p95 | ≤ 1,500 ms | JS | data (JSON, /geo) | other | requests | map steps (first visit, ms) |',
		'|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---|',
	);
	for (const p of report.pages) {
		const steps = Object.entries(p.marks)
			.map(([k, v]) => `${k} ${v}`)
			.join('; ');
		const ok = !p.error && p.firstMs.p50 <= 1500 && p.repeatMs.p50 <= 1500;
		out.push(
			`| ${p.name} (\`${p.path}\`) | ${ms(p.firstMs.p50)} | ${ms(p.firstMs.p95)} | ${ms(p.repeatMs.p50)} | ${ms(p.repeatMs.p95)} | ${p.error ? `error: ${p.error}` : ok ? '✓' : '✗'} | ${kib(p.first.js)} | ${kib(p.first.data)} | ${kib(p.first.other)} | ${p.first.requests} | ${steps || '–'} |`,
		);
	}
	out.push('');
	for (const s of report.switches)
		out.push(`${s.name}: p50 ${ms(s.ms.p50)} ms, p95 ${ms(s.ms.p95)} ms (n = ${s.ms.n})${s.error ? `; error: ${s.error}` : ''}.`, '');
	return out;
}

/** `npm run bench -- --pages`: the page timings alone, on a running web app or the 'bench' stack. */
export async function runPagesBench(options: {
	url?: string;
	scale: Scale;
	until: string;
	runs: number;
	/** only these pages (paths as in PAGE_TARGETS) */
	paths?: string[];
	doc: string;
	outDir: string;
	log: (line: string) => void;
}): Promise<void> {
	const urls = (options.url ?? '').split(',').filter(Boolean);
	const targets = options.paths ? PAGE_TARGETS.filter((t) => options.paths?.includes(t.path)) : PAGE_TARGETS;
	if (targets.length === 0) throw new Error(`--page-paths: none of ${options.paths?.join(', ')} is a page of PAGE_TARGETS`);
	if (urls.length > 1) {
		const browser = await launchBrowser();
		try {
			const report = await comparePageTimings(browser, urls, { runs: options.runs, targets, log: options.log });
			writeFileSync(join(options.outDir, 'pages-compare.json'), `${JSON.stringify(report, null, 2)}\n`);
			const lines = comparisonMarkdown(report, '### Pages drawn in headless Chromium, builds compared (software GL)');
			writeFileSync(resolve(projectRoot, options.doc), `${lines.join('\n')}\n`);
			options.log(`wrote ${options.doc} and bench-output/pages-compare.json`);
		} finally {
			await browser.close();
		}
		return;
	}
	const stack = options.url
		? null
		: await startStack({ instance: 'bench', scale: options.scale, until: options.until, matching: 'await', log: options.log });
	const webUrl = options.url ?? stack?.web?.url;
	if (!webUrl) throw new Error('no web app to measure');
	const browser = await launchBrowser();
	try {
		const report = await measurePageTimings(browser, webUrl, { runs: options.runs, targets, log: options.log });
		writeFileSync(join(options.outDir, 'pages.json'), `${JSON.stringify(report, null, 2)}\n`);
		// with --url the data is whatever that app serves: the heading names the app, not a scale
		const source = options.url ? `the app at ${options.url}` : `scale \`${options.scale}\``;
		const lines = pagesMarkdown(report, `### Pages drawn in headless Chromium (${source}, software GL)`);
		writeFileSync(resolve(projectRoot, options.doc), `${lines.join('\n')}\n`);
		options.log(`wrote ${options.doc} and bench-output/pages.json`);
	} finally {
		await browser.close();
		await stack?.stop();
	}
}
