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
 *
 * The map component leaves performance marks (`slmi-map:<file>:<step>`, ChoroplethMap.svelte): the
 * report prints, per page, when each map had its geometry, had parsed it, was created and was drawn.
 * Never part of `npm test`: timings are measured here, not asserted there.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
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
				const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, storageState });
				const page = await context.newPage();
				const runTransfer = recordTransfer(page);
				await page.goto(`${webUrl}${target.path}`, { waitUntil: 'commit' });
				first.push(await readyAt(page));
				await page.waitForLoadState('networkidle');
				transfer = runTransfer;
				marks = await mapMarks(page);
				// The same profile again: a new document with a warm HTTP cache.
				await page.goto(`${webUrl}${target.path}`, { waitUntil: 'commit' });
				repeat.push(await readyAt(page));
				await context.close();
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
	const switches = [await measureSwitch(browser, webUrl, sessions.get('menteri'), runs, log)];
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
	doc: string;
	outDir: string;
	log: (line: string) => void;
}): Promise<void> {
	const stack = options.url
		? null
		: await startStack({ instance: 'bench', scale: options.scale, until: options.until, matching: 'await', log: options.log });
	const webUrl = options.url ?? stack?.web?.url;
	if (!webUrl) throw new Error('no web app to measure');
	const browser = await launchBrowser();
	try {
		const report = await measurePageTimings(browser, webUrl, { runs: options.runs, log: options.log });
		writeFileSync(join(options.outDir, 'pages.json'), `${JSON.stringify(report, null, 2)}\n`);
		const lines = pagesMarkdown(report, `### Pages drawn in headless Chromium (scale \`${options.scale}\`, software GL)`);
		writeFileSync(join(projectRoot, options.doc), `${lines.join('\n')}\n`);
		options.log(`wrote ${options.doc} and bench-output/pages.json`);
	} finally {
		await browser.close();
		await stack?.stop();
	}
}
