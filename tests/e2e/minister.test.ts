/**
 * Journey: the minister logs in and reads Quick Win progress and the year-end forecast on the
 * overview; the numbers on the tile are the semantic layer's, and every chart draws.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { screenshot } from '../support/browser.ts';
import { cubeLoad } from '../support/cube-client.ts';
import { logIn, openJourney, testBrowser, waitUntilRendered } from '../support/journey.ts';

const web = inject('web')!;
const cube = inject('cube')!;
let browser: Browser;

beforeAll(async () => {
	browser = await testBrowser();
});
afterAll(async () => {
	await browser?.close();
});

describe('minister', () => {
	it('reads Quick Win progress and forecast on the overview', async () => {
		const journey = await openJourney(browser);
		const { page } = journey;
		await logIn(page, web.url, 'menteri');
		expect(new URL(page.url()).pathname).toBe('/');
		await waitUntilRendered(page);

		const [freshness] = await cubeLoad(cube, { role: 'minister' }, { dimensions: ['data_freshness.data_as_of'] });
		const year = String(freshness?.['data_freshness.data_as_of']).slice(0, 4);
		const [qw] = await cubeLoad(
			cube,
			{ role: 'minister' },
			{
				measures: ['quick_win.achieved', 'quick_win.target', 'quick_win.forecast', 'quick_win.forecast_low', 'quick_win.forecast_high'],
				filters: [{ member: 'quick_win.year', operator: 'equals', values: [year] }],
			},
		);
		const id = (v: unknown) => new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }).format(Number(v));
		const tile = page.getByTestId('kpi-quick-win');
		await expect.poll(() => tile.textContent()).toContain(`Capaian Quick Win ${year}`);
		const text = (await tile.textContent()) ?? '';
		expect(text).toContain(`${id(qw?.['quick_win.achieved'])} / ${id(qw?.['quick_win.target'])}`);
		expect(text).toContain(
			`proyeksi 31 Des (pita 80 %) ${id(qw?.['quick_win.forecast'])} (${id(qw?.['quick_win.forecast_low'])}–${id(qw?.['quick_win.forecast_high'])})`,
		);
		expect(Number(qw?.['quick_win.target'])).toBe(500_000);
		await expect.poll(() => page.getByTestId('kpi-pace').textContent()).toMatch(/Laju yang dibutuhkan per bulan\s*[\d.]+/);
		await expect.poll(() => page.locator('#quick-win-trend-title').textContent()).toContain(year);
		await screenshot(page, 'minister-overview');
		expect(journey.foreign).toEqual([]);
		await journey.close();
	});
});
