/**
 * Open pages learn that new data arrived (issue #14): a batch pushed through the ingest API makes
 * every open page show, in its language, "New data available (as of …) — Reload" once the batch
 * is visible (its rollups and pre-aggregations rebuilt); the reload loads the page's data in place,
 * keeping its filters, and the tile then shows the facts with the new batch.
 *
 * Expected values come from SQL on the facts (fct_placements, ops_batches); the words from the
 * dictionaries.
 */
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { monthEnd } from '../../web/src/lib/filters.ts';
import { formatTimestamp } from '../../web/src/lib/format.ts';
import { translator } from '../../web/src/lib/i18n/index.ts';
import { sqlRows, sqlValue } from '../integration/metrics/harness.ts';
import { screenshot } from '../support/browser.ts';
import { openAs, testBrowser, waitUntilRendered } from '../support/journey.ts';
import { settleRefreshes } from '../support/refresh.ts';

const web = inject('web')!;
const ingest = inject('ingest')!;
let browser: Browser;

beforeAll(async () => {
	browser = await testBrowser();
});
afterAll(async () => {
	await browser?.close();
	// the pushed batch's matching run goes on in the background: the next file must not wait behind it
	await settleRefreshes(ingest);
});

type Lang = 'id' | 'en';
const fmt = (lang: Lang, v: unknown) =>
	new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 0 }).format(Number(v));

/** The country page's placements tile, found by its label. */
async function placementsTile(page: Page, lang: Lang): Promise<string> {
	const label = translator(lang)('markets.metric.placements');
	const tile = page.locator('.tile').filter({ has: page.locator('.label', { hasText: label }) });
	return ((await tile.locator('.value').textContent()) ?? '').trim();
}

describe('a batch pushed while pages are open', () => {
	it('shows every open page a notice with the new as-of, and its reload shows the new numbers with the same filters', async () => {
		// a copy of the latest placement on a line with slots left, under a new id: one more departure for that country and month
		const [latest] = await sqlRows(
			`SELECT line_id, candidate_id, toString(departure_date) AS day, country_iso2, wage, contract_months
			FROM fct_placements ANY INNER JOIN (SELECT line_id FROM agg_job_order_lines WHERE open_now > 0) USING line_id
			ORDER BY departure_date DESC, placement_id LIMIT 1`,
		);
		expect(latest, 'a placement in the test data').toBeDefined();
		const country = String(latest!.country_iso2);
		const month = String(latest!.day).slice(0, 7);
		const countSql = `SELECT count() FROM fct_placements WHERE country_iso2 = '${country}' AND departure_date BETWEEN toDate('${month}-01') AND toDate('${monthEnd(month)}')`;
		const before = Number(await sqlValue(countSql));
		const path = `/markets/${country}?from=${month}&to=${month}`;

		const journey = await openAs(browser, web.url, 'direktur');
		try {
			const pages: { lang: Lang; page: Page }[] = [
				{ lang: 'en', page: journey.page },
				{ lang: 'id', page: await journey.context.newPage() },
			];
			for (const { lang, page } of pages) {
				await page.goto(`${web.url}${path}&lang=${lang}`);
				await waitUntilRendered(page);
				expect(await placementsTile(page, lang), `${lang}: the tile before the batch`).toBe(fmt(lang, before));
				expect(await page.locator('[data-testid="new-data"]').count(), `${lang}: no notice before new data`).toBe(0);
			}

			const id = randomBytes(4).toString('hex');
			const body = [
				'placement_id,candidate_id,line_id,updated_at,departure_date,wage,contract_months',
				`P-LIVE-${id},${latest!.candidate_id},${latest!.line_id},${latest!.day}T00:00:00Z,${latest!.day},${latest!.wage},${latest!.contract_months}`,
			].join('\n');
			const res = await fetch(`${ingest.url}/v1/batches/placements`, {
				method: 'POST',
				headers: { authorization: `Bearer ${ingest.token}`, 'content-type': 'text/csv', 'x-slmi-source': 'new-data-test' },
				body: `${body}\n`,
			});
			const report = (await res.json()) as { status?: string; batch_id?: string; counts?: { inserted?: number } };
			expect(res.status, JSON.stringify(report)).toBe(200);
			expect(report).toMatchObject({ status: 'committed', counts: { inserted: 1 } });
			const after = Number(await sqlValue(countSql));
			expect(after).toBe(before + 1);
			// the as-of the notice names: when the latest batch (this one) was committed
			const committed = Number(await sqlValue("SELECT toUnixTimestamp(max(at)) FROM ops_batches WHERE state = 'committed'"));
			const ours = Number(await sqlValue(`SELECT toUnixTimestamp(max(at)) FROM ops_batches WHERE batch_id = '${report.batch_id}'`));
			expect(ours, 'the pushed batch is the latest').toBe(committed);

			// every open page is told, in its own language, without being reloaded
			for (const { lang, page } of pages) {
				const notice = page.locator('[data-testid="new-data"]');
				await notice.waitFor({ state: 'visible', timeout: 240_000 });
				const datetime = (await notice.locator('time').getAttribute('datetime')) ?? '';
				expect(Math.floor(Date.parse(datetime) / 1000), `${lang}: the notice's as-of is the batch's commit`).toBe(committed);
				const [head, tail] = translator(lang)('freshness.newData').split('{time}');
				const text = ((await notice.textContent()) ?? '').replace(/\s+/g, ' ').trim();
				expect(text, lang).toContain(`${head}${formatTimestamp(datetime, lang)}${tail}`);
				expect(text, lang).toContain(translator(lang)('freshness.reload'));
				// the page still shows what it was rendered with until the reader asks
				expect(await placementsTile(page, lang), `${lang}: not changed under the reader`).toBe(fmt(lang, before));
			}
			await screenshot(journey.page, 'new-data-notice-en');

			for (const { lang, page } of pages) {
				await page.locator('[data-testid="new-data-reload"]').click();
				await page.locator('[data-testid="new-data"]').waitFor({ state: 'detached', timeout: 60_000 });
				await waitUntilRendered(page);
				expect(await placementsTile(page, lang), `${lang}: the tile after the reload is the facts' count`).toBe(fmt(lang, after));
				const url = new URL(page.url());
				expect(`${url.pathname}?from=${url.searchParams.get('from')}&to=${url.searchParams.get('to')}`, `${lang}: filters kept`).toBe(path);
				expect(url.searchParams.get('lang') ?? 'id', `${lang}: language kept`).toBe(lang);
				// the freshness line now names the same load as the notice did
				expect(((await page.locator('[data-testid="freshness"]').textContent()) ?? '').replace(/\s+/g, ' ')).toContain(
					formatTimestamp(new Date(committed * 1000).toISOString(), lang),
				);
			}
			expect(journey.foreign, 'no request left the site').toEqual([]);
		} finally {
			await journey.close();
		}
		// against hangs only: the refresh after the push rebuilds rollups and pre-aggregations on a busy machine
	}, 480_000);
});
