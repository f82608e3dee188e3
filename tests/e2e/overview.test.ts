/**
 * The overview page in a real browser: the chart and both maps render from real Cube data, and
 * nothing is requested from any host but the app itself.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, recordForeignRequests, screenshot } from '../support/browser.ts';

const web = inject('web')!;
let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});

afterAll(async () => {
	await browser?.close();
});

describe('overview page', () => {
	it('renders the monthly chart, the province map and the world map from local assets only', async () => {
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		const foreign = recordForeignRequests(context);
		const page = await context.newPage();
		await page.goto(web.url);
		await page.locator('.chart[data-rendered="true"]').first().waitFor({ timeout: 30_000 });
		await page.waitForFunction(() => document.querySelectorAll('.canvas[data-rendered="true"]').length >= 2, null, { timeout: 60_000 });
		await screenshot(page, 'overview');
		expect(foreign).toEqual([]);
		await context.close();
	});
});
