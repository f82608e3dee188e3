/**
 * Issue #12 item 13b. A competency-gap card says "no gap" when its open slots have no gap and
 * "no data" only when there is nothing to show; the country filter lists the destinations that
 * have data, not every ISO country.
 *
 * Which countries have no gap comes from Cube's own competency_gap (the measure the page reads):
 * the claim under test is the wording of the card, not the number. The countries with data come
 * from SQL on the facts.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, queryRows } from '../../warehouse/src/client.ts';
import { en } from '../../web/src/lib/i18n/en.ts';
import { id } from '../../web/src/lib/i18n/id.ts';
import { screenshot } from '../support/browser.ts';
import { cubeLoad } from '../support/cube-client.ts';
import { openAs, testBrowser } from '../support/journey.ts';

const web = inject('web')!;
const cube = inject('cube')!;
const db = connect(inject('clickhouse'));
let browser: Browser;

beforeAll(async () => {
	browser = await testBrowser();
});
afterAll(async () => {
	await browser?.close();
	await db.close();
});

async function gapByCountry(): Promise<{ country: string; open: number; gap: number }[]> {
	const rows = await cubeLoad(
		cube,
		{ role: 'minister', sub: 'test' },
		{ measures: ['competency_gap.open_slots', 'competency_gap.gap'], dimensions: ['competency_gap.country'], limit: 5000 },
	);
	return rows.map((r) => ({
		country: String(r['competency_gap.country']),
		open: Number(r['competency_gap.open_slots']),
		gap: Number(r['competency_gap.gap']),
	}));
}

const emptyText = (page: Page, card: string) => page.locator(`[data-chart-id="${card}"] [data-empty]`);

describe('gap cards: "no gap" is not "no data"', () => {
	it('says no gap where open slots have none, no data where there are no open slots, and draws the gap otherwise', async () => {
		const rows = await gapByCountry();
		const noGap = rows.find((r) => r.open > 0 && r.gap === 0);
		const withGap = rows.find((r) => r.gap > 0);
		if (!noGap || !withGap) throw new Error('the tiny data set needs a country with and one without a competency gap');
		const [noOpen] = await queryRows<{ country: string }>(
			db,
			`SELECT country_iso2 AS country FROM fct_job_order_lines
			 WHERE country_iso2 NOT IN (${rows.map((r) => `'${r.country}'`).join(', ')})
			 GROUP BY country_iso2 ORDER BY count() DESC LIMIT 1`,
		);
		if (!noOpen) throw new Error('the tiny data set needs a country with job orders and no open slot');

		const journey = await openAs(browser, web.url, 'direktur');
		const { page } = journey;
		for (const [lang, dictionary] of [
			['id', id],
			['en', en],
		] as const) {
			await page.goto(`${web.url}/markets/${noGap.country}?lang=${lang}`);
			await expect.poll(() => emptyText(page, 'country-gap').textContent()).toBe(dictionary['state.noGap']);
			await screenshot(page, `gap-none-${noGap.country}-${lang}`);

			await page.goto(`${web.url}/matching?country=${noGap.country}&lang=${lang}`);
			for (const card of ['gap-by-occupation', 'gap-by-country']) {
				await expect.poll(() => emptyText(page, card).textContent()).toBe(dictionary['state.noGap']);
			}

			await page.goto(`${web.url}/markets/${noOpen.country}?lang=${lang}`);
			await expect.poll(() => emptyText(page, 'country-gap').textContent()).toBe(dictionary['state.empty']);

			await page.goto(`${web.url}/markets/${withGap.country}?lang=${lang}`);
			expect(await emptyText(page, 'country-gap').count(), `${withGap.country} has a gap to draw`).toBe(0);
			expect(await page.locator('[data-chart-id="country-gap"] .chart').count()).toBe(1);
		}
		await journey.close();
	});
});

describe('country filter', () => {
	it('lists the destinations with job orders or placements, not all ISO countries', async () => {
		const withData = new Set(
			(
				await queryRows<{ country: string }>(
					db,
					`SELECT DISTINCT country_iso2 AS country FROM fct_job_order_lines
					 UNION ALL SELECT DISTINCT country_iso2 AS country FROM fct_placements`,
				)
			).map((r) => r.country),
		);
		const withJobOrders = (
			await queryRows<{ country: string }>(db, 'SELECT DISTINCT country_iso2 AS country FROM fct_job_order_lines')
		).map((r) => r.country);
		for (const user of ['menteri', 'kepala-ntb']) {
			const journey = await openAs(browser, web.url, user);
			const { page } = journey;
			for (const path of ['/', '/markets', '/matching']) {
				await page.goto(`${web.url}${path}`);
				const options = (
					await page.locator('[data-testid="filter-country"] option').evaluateAll((all) => all.map((o) => (o as HTMLOptionElement).value))
				).filter(Boolean);
				expect(options.length, `${user} ${path}`).toBeGreaterThan(0);
				expect(
					options.filter((c) => !withData.has(c)),
					`${user} ${path}: countries without data`,
				).toEqual([]);
				expect(
					withJobOrders.filter((c) => !options.includes(c)),
					`${user} ${path}: destinations with job orders missing`,
				).toEqual([]);
				expect(options).not.toContain('AQ');
				expect(options).not.toContain('BV');
			}
			await journey.close();
		}
	});
});
