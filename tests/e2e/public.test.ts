/**
 * Journey: anyone, without logging in, reads the public page: small cells are withheld and
 * marked, and the open-data CSV holds exactly the numbers the chart's table shows.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { downloadedFile, screenshot } from '../support/browser.ts';
import { openJourney, testBrowser, waitUntilLaidOut } from '../support/journey.ts';

const web = inject('web')!;
let browser: Browser;

beforeAll(async () => {
	browser = await testBrowser();
});
afterAll(async () => {
	await browser?.close();
});

/** The CSV's rows as cell arrays (no quoted commas occur in these datasets' names). */
function csvRows(text: string): string[][] {
	return text
		.replace(/^\uFEFF/, '')
		.trim()
		.split(/\r\n/)
		.map((line) => line.split(','));
}

describe('public page', () => {
	it('marks suppressed cells and offers a CSV with the chart table numbers', async () => {
		const journey = await openJourney(browser);
		const { page } = journey;
		await page.goto(`${web.url}/public`);
		expect(new URL(page.url()).pathname, 'no log-in needed').toBe('/public');
		await waitUntilLaidOut(page);
		await screenshot(page, 'public');

		const card = page.locator('[data-chart-id="public-placements-by-country"]');
		await card.getByRole('button', { name: 'Tampilkan tabel' }).click();
		const rows = card.locator('tbody tr');
		const table = await rows.evaluateAll((trs) =>
			trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
		);
		const suppressed = table.filter((r) => r.includes('disembunyikan'));
		expect(suppressed.length, 'some countries have fewer placements than the threshold').toBeGreaterThan(0);
		await card.scrollIntoViewIfNeeded();
		await screenshot(page, 'public-suppressed-table');

		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('open-data-placements-by-country').click()]);
		const csv = csvRows(readFileSync(await downloadedFile(download), 'utf8'));
		expect(csv[0]).toEqual(['Negara tujuan', 'Kode', 'Penempatan']);
		const fromCsv = csv.slice(1).map(([name, , value]) => [name, value]);
		const fromTable = table.map(([name, , value]) => [
			name,
			value === 'disembunyikan' ? 'disembunyikan' : String(Number((value ?? '').replace(/\./g, ''))),
		]);
		expect(fromCsv).toEqual(fromTable);
		expect(journey.foreign).toEqual([]);
		await journey.close();
	});

	it('serves an embeddable chart without the site navigation', async () => {
		const journey = await openJourney(browser, { width: 640, height: 480 });
		const { page } = journey;
		await page.goto(`${web.url}/embed/placements-by-month?lang=en`);
		await waitUntilLaidOut(page);
		expect(await page.locator('header.top').count()).toBe(0);
		await expect.poll(() => page.locator('h1').first().textContent()).toMatch(/^Placements by month \d{4}$/);
		await screenshot(page, 'public-embed');
		expect(journey.foreign).toEqual([]);
		await journey.close();
	});

	it('downloads ECharts on a page that draws a chart, and not on one that draws only a map', async () => {
		// A chart asks for ECharts' chunk when it is created (web/src/lib/echarts-load.ts); a page that
		// imports a chart component without drawing one (the map embeds, /provinces without a
		// comparison) must not pay its ~190 KB on a first visit. The chunk is known by ECharts'
		// own dependency record (`zrender`), which no other script carries.
		const echartsDownloads = async (path: string) => {
			const journey = await openJourney(browser, { width: 640, height: 480 });
			const { page } = journey;
			const bodies: Promise<string>[] = [];
			page.on('response', (response) => {
				if (new URL(response.url()).pathname.endsWith('.js')) bodies.push(response.text().catch(() => ''));
			});
			await page.goto(`${web.url}${path}`);
			await waitUntilLaidOut(page);
			const charts = await page.locator('.chart').count();
			const scripts = await Promise.all(bodies);
			await journey.close();
			return { charts, echarts: scripts.filter((text) => text.includes('zrender')).length };
		};
		expect(await echartsDownloads('/embed/placements-by-province')).toEqual({ charts: 0, echarts: 0 });
		expect(await echartsDownloads('/embed/placements-by-month')).toEqual({ charts: 1, echarts: 1 });
	});
});
