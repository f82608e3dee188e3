/**
 * Journey: a director opens the world map, clicks Saudi Arabia, reaches its country page and
 * drills down sector → occupation to the aggregated job-order lines.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { screenshot } from '../support/browser.ts';
import { mapPoint, openAs, testBrowser, waitUntilRendered } from '../support/journey.ts';

const web = inject('web')!;
let browser: Browser;

beforeAll(async () => {
	browser = await testBrowser();
});
afterAll(async () => {
	await browser?.close();
});

describe('director', () => {
	it('clicks Saudi Arabia on the world map and drills to an occupation', async () => {
		const journey = await openAs(browser, web.url, 'direktur');
		const { page } = journey;
		await page.goto(`${web.url}/markets?metric=placements`);
		await waitUntilRendered(page);
		await screenshot(page, 'director-markets');

		// Riyadh, well inside Saudi Arabia.
		const riyadh = await mapPoint(page, '[data-chart-id="markets-map"] .canvas', [46.7, 24.7]);
		await Promise.all([page.waitForURL(/\/markets\/SA/), page.mouse.click(riyadh.x, riyadh.y)]);
		await expect.poll(() => page.locator('h1').textContent()).toBe('Arab Saudi');
		await waitUntilRendered(page);
		await screenshot(page, 'director-saudi-arabia');

		// Drill: the first sector, then the first occupation (the bars' keyboard path).
		const drill = async () => {
			const first = page.locator('[data-chart-id="country-breakdown"] .keyboard-list button').first();
			const name = (await first.textContent())?.trim() ?? '';
			const before = page.url();
			await first.focus();
			await Promise.all([page.waitForURL((url) => url.toString() !== before), page.keyboard.press('Enter')]);
			await waitUntilRendered(page);
			return name;
		};
		const sector = await drill();
		expect(page.url()).toMatch(/[?&]sector=/);
		await expect.poll(() => page.locator('nav.crumbs').textContent()).toContain(sector);
		const occupation = await drill();
		expect(page.url()).toMatch(/[?&]occupation=/);
		await expect.poll(() => page.locator('h1').textContent()).toBe(`Arab Saudi: ${occupation}`);
		const lines = page.locator('[data-chart-id="country-lines"] table tbody tr');
		expect(await lines.count()).toBeGreaterThan(0);
		await screenshot(page, 'director-occupation-lines');
		expect(journey.foreign).toEqual([]);
		await journey.close();
	});
});
