/**
 * Journey: the regional head of Nusa Tenggara Barat compares the province with Jawa Timur, sees
 * the own province's candidate detail, and is refused Jawa Timur's candidate detail.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { id } from '../../web/src/lib/i18n/id.ts';
import { screenshot } from '../support/browser.ts';
import { openAs, testBrowser, waitUntilLaidOut } from '../support/journey.ts';

const web = inject('web')!;
let browser: Browser;

beforeAll(async () => {
	browser = await testBrowser();
});
afterAll(async () => {
	await browser?.close();
});

describe('regional head of Nusa Tenggara Barat', () => {
	it('compares with Jawa Timur and is refused its candidate detail', async () => {
		const journey = await openAs(browser, web.url, 'kepala-ntb');
		const { page } = journey;
		await page.goto(`${web.url}/provinces`);
		await waitUntilLaidOut(page);
		const form = page.getByTestId('compare-form');
		await form.getByLabel('Nusa Tenggara Barat').check();
		await form.getByLabel('Jawa Timur').check();
		await Promise.all([page.waitForURL(/compare=/), form.getByRole('button').click()]);
		await waitUntilLaidOut(page);
		const table = page.getByTestId('compare-table');
		// One row per province; the per-capita column (the second number) holds a number in each.
		await expect
			.poll(async () => (await table.locator('tbody th[scope=row]').allTextContents()).map((n) => n.trim()).sort())
			.toEqual(['Jawa Timur', 'Nusa Tenggara Barat']);
		const cells = await table
			.locator('tbody tr')
			.evaluateAll((rows) => rows.map((row) => row.querySelectorAll('td')[1]?.textContent ?? ''));
		expect(cells).toHaveLength(2);
		for (const cell of cells) expect(cell).toMatch(/\d/);
		await screenshot(page, 'regional-compare');

		// Own province: candidate detail is there.
		await page.goto(`${web.url}/provinces/52`);
		await waitUntilLaidOut(page);
		expect(await page.getByTestId('detail-refused').count()).toBe(0);
		expect(await page.locator('[data-chart-id="pipeline-funnel"] .error').count()).toBe(0);

		// Another province: aggregates yes, candidate detail refused by the semantic layer.
		await page.goto(`${web.url}/provinces/35`);
		await waitUntilLaidOut(page);
		await expect.poll(() => page.getByTestId('detail-refused').isVisible()).toBe(true);
		const refusal = (await page.locator('[data-chart-id="pipeline-funnel"] .error').textContent()) ?? '';
		// Worded for the reader in the page's language; Cube's English text with member names stays in the server log.
		expect(refusal.trim()).toBe(id['error.refused']);
		expect(await page.locator('[data-chart-id="pipeline-funnel"] .error').getAttribute('data-error')).toBe('refused');
		expect(await page.locator('[data-chart-id="province-destinations"] .error').count(), 'aggregates stay visible').toBe(0);
		await screenshot(page, 'regional-refused-jawa-timur');
		expect(journey.foreign).toEqual([]);
		await journey.close();
	});
});
