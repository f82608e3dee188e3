/**
 * Journey: the Provinces map draws all 38 provinces as separate areas (the six Papua provinces
 * included) and a click on Papua Selatan opens its page; the Nusa Tenggara Barat page colours
 * its 10 regencies and a click on one filters the page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { NO_DATA_COLOR } from '../../web/src/lib/color-scale.ts';
import { launchBrowser, screenshot } from '../support/browser.ts';
import { cubeLoad } from '../support/cube-client.ts';
import { logIn, mapPoint, openJourney, renderedAreas, waitUntilRendered } from '../support/journey.ts';

const web = inject('web')!;
const cube = inject('cube')!;
let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

describe('maps', () => {
	it('shows 38 separate provinces and opens Papua Selatan on click', async () => {
		const journey = await openJourney(browser);
		const { page } = journey;
		await logIn(page, web.url, 'menteri');
		await page.goto(`${web.url}/provinces`);
		await waitUntilRendered(page);
		const areas = await renderedAreas(page, '[data-chart-id="provinces-map"] .canvas');
		const codes = areas.map((a) => a.id).sort();
		expect(codes).toHaveLength(38);
		expect(codes).toEqual(expect.arrayContaining(['91', '92', '93', '94', '95', '96']));
		await screenshot(page, 'provinces-map');
		// Near Merauke, inside Papua Selatan.
		const merauke = await mapPoint(page, '[data-chart-id="provinces-map"] .canvas', [140.0, -7.9]);
		await Promise.all([page.waitForURL(/\/provinces\/93/), page.mouse.click(merauke.x, merauke.y)]);
		await expect.poll(() => page.locator('h1').textContent()).toBe('Papua Selatan');
		await waitUntilRendered(page);
		await screenshot(page, 'province-papua-selatan');
		expect(journey.foreign).toEqual([]);
		await journey.close();
	});

	it('colours the 10 regencies of Nusa Tenggara Barat and filters the page by one', async () => {
		const journey = await openJourney(browser);
		const { page } = journey;
		await logIn(page, web.url, 'kepala-ntb');
		await page.goto(`${web.url}/provinces/52?from=2019-01`);
		await waitUntilRendered(page);
		const areas = await renderedAreas(page, '[data-chart-id="regency-map"] .canvas');
		expect(areas).toHaveLength(10);
		for (const area of areas) expect(area.id).toMatch(/^52\.\d{2}$/);
		// Coloured by the data: a regency is grey exactly when the semantic layer has no placements for it.
		const freshness = await cubeLoad(cube, { role: 'minister' }, { dimensions: ['data_freshness.data_as_of'] });
		const until = String(freshness[0]?.['data_freshness.data_as_of']).slice(0, 10);
		const rows = await cubeLoad(
			cube,
			{ role: 'minister' },
			{
				measures: ['placements.placements'],
				dimensions: ['placements.regency'],
				filters: [{ member: 'placements.province', operator: 'equals', values: ['52'] }],
				timeDimensions: [{ dimension: 'placements.departure_date', dateRange: ['2019-01-01', until] }],
			},
		);
		const withPlacements = new Set(rows.map((r) => String(r['placements.regency'])));
		expect(withPlacements.size).toBeGreaterThanOrEqual(9);
		for (const area of areas) expect(area.color === NO_DATA_COLOR, area.id).toBe(!withPlacements.has(area.id));
		expect(new Set(areas.map((a) => a.color)).size, 'the colours tell regencies apart').toBeGreaterThan(2);
		await screenshot(page, 'province-ntb-regencies');
		// Praya, in Lombok Tengah (52.02).
		const praya = await mapPoint(page, '[data-chart-id="regency-map"] .canvas', [116.28, -8.7]);
		await Promise.all([page.waitForURL(/regency=52\.02/), page.mouse.click(praya.x, praya.y)]);
		await expect.poll(() => page.locator('h1').textContent()).toBe('Nusa Tenggara Barat: Lombok Tengah');
		expect(journey.foreign).toEqual([]);
		await journey.close();
	});
});
