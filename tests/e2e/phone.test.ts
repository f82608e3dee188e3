/**
 * Journey: every page is usable at phone width (390 px): nothing scrolls sideways, and the
 * charts and maps still draw.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { screenshot } from '../support/browser.ts';
import { openAs, testBrowser, waitUntilRendered } from '../support/journey.ts';

const web = inject('web')!;
let browser: Browser;

beforeAll(async () => {
	browser = await testBrowser();
});
afterAll(async () => {
	await browser?.close();
});

describe('phone width', () => {
	it('has no horizontal scroll on any page', async () => {
		const journey = await openAs(browser, web.url, 'menteri', { width: 390, height: 844 });
		const { page } = journey;
		for (const path of ['/', '/markets', '/markets/SA', '/provinces', '/provinces/52', '/matching', '/public', '/login']) {
			await page.goto(`${web.url}${path}`);
			if (path !== '/login') await waitUntilRendered(page);
			const { scrollWidth, clientWidth } = await page.evaluate(() => ({
				scrollWidth: document.documentElement.scrollWidth,
				clientWidth: document.documentElement.clientWidth,
			}));
			expect(scrollWidth, `${path} scrolls sideways`).toBeLessThanOrEqual(clientWidth);
			await screenshot(page, `phone${path.replace(/\//g, '-') || '-overview'}`);
		}
		expect(journey.foreign).toEqual([]);
		await journey.close();
	});
});
