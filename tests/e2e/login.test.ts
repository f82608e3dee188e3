/**
 * Logging in on a slow connection: what a person types before the page's scripts have loaded is
 * still there once they have, and the log-in goes through. (The username field's `value` was set
 * again at hydration, which emptied it; the required field then stopped the form from being sent —
 * a log-in that "did nothing", and browser tests that waited 90 s for a log-in answer.)
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { DEMO_PASSWORD, delayAppScripts, openJourney, testBrowser } from '../support/journey.ts';

const web = inject('web')!;
let browser: Browser;

beforeAll(async () => {
	browser = await testBrowser();
});
afterAll(async () => {
	await browser?.close();
});

describe('log-in typed before the page has loaded its scripts', () => {
	for (const lang of ['id', 'en'] as const) {
		it(`keeps what was typed and logs in (${lang})`, async () => {
			const journey = await openJourney(browser, { width: 390, height: 844 });
			const { page } = journey;
			// the app's scripts arrive 1.5 s late, as on a slow phone connection
			const delayed = await delayAppScripts(page);
			await page.goto(`${web.url}/login${lang === 'en' ? '?lang=en' : ''}`, { waitUntil: 'domcontentloaded' });
			await page.fill('input[name=username]', 'menteri');
			await page.fill('input[name=password]', DEMO_PASSWORD);
			expect(delayed(), 'the scripts were still on their way').toBeGreaterThan(0);
			// every script has arrived (the log-in page keeps no connection open) and the page has hydrated
			await page.waitForLoadState('networkidle', { timeout: 30_000 });
			// Svelte's own work after hydration runs in microtasks and an idle callback
			await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
			expect(await page.inputValue('input[name=username]'), 'the name typed before hydration').toBe('menteri');
			expect(await page.inputValue('input[name=password]'), 'the password typed before hydration').toBe(DEMO_PASSWORD);
			const [answer] = await Promise.all([
				page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login', { timeout: 30_000 }),
				page.click('button[type=submit]'),
			]);
			expect(answer.status(), 'the log-in is answered with its redirect').toBe(303);
			await page.waitForURL((url) => url.pathname === '/', { timeout: 60_000 });
			expect(await page.locator('h1').first().textContent()).toBeTruthy();
			await journey.close();
		});
	}
});
