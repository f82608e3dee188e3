/**
 * Journey: a filtered view is a link. Reloading a copied URL restores the same view, and the
 * browser's back button returns to the unfiltered one.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { screenshot } from '../support/browser.ts';
import { logIn, openJourney, testBrowser, waitUntilRendered } from '../support/journey.ts';

const web = inject('web')!;
let browser: Browser;

beforeAll(async () => {
	browser = await testBrowser();
});
afterAll(async () => {
	await browser?.close();
});

async function view(page: Page): Promise<{ kpis: string; country: string; gender: string; from: string }> {
	return {
		kpis: ((await page.getByTestId('kpis').textContent()) ?? '').replace(/\s+/g, ' ').trim(),
		country: await page.getByTestId('filter-country').inputValue(),
		gender: await page.getByTestId('filter-gender').inputValue(),
		from: await page.locator('select[name=from]').inputValue(),
	};
}

describe('shareable views', () => {
	it('restores a filtered view from its URL, and back/forward work', async () => {
		const journey = await openJourney(browser);
		const { page } = journey;
		await logIn(page, web.url, 'menteri');
		await waitUntilRendered(page);
		const unfiltered = await view(page);

		await page.getByTestId('filter-country').selectOption('TW');
		await page.getByTestId('filter-gender').selectOption('F');
		await page.locator('select[name=from]').selectOption('2026-03');
		await Promise.all([page.waitForURL(/country=TW/), page.getByTestId('filter-bar').getByRole('button', { name: 'Terapkan' }).click()]);
		await waitUntilRendered(page);
		const filtered = await view(page);
		expect(filtered).toMatchObject({ country: 'TW', gender: 'F', from: '2026-03' });
		expect(filtered.kpis).not.toBe(unfiltered.kpis);
		const link = page.url();

		const other = await openJourney(browser);
		await logIn(other.page, web.url, 'menteri');
		await other.page.goto(link);
		await waitUntilRendered(other.page);
		expect(await view(other.page)).toEqual(filtered);
		await screenshot(other.page, 'shareable-filtered-link');
		await other.close();

		// Back and forward are client-side navigations: wait for the view to change, not for a load.
		await page.goBack();
		await expect.poll(() => view(page), { timeout: 30_000 }).toEqual(unfiltered);
		await page.goForward();
		await expect.poll(() => view(page), { timeout: 30_000 }).toEqual(filtered);
		expect(journey.foreign).toEqual([]);
		await journey.close();
	});
});
