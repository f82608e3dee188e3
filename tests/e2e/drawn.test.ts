/**
 * What is drawn tells the truth (issue #12, items 1 and 2). After every metric switch, toggle and
 * filter, the colour a map draws at a known place (MapLibre's rendered feature and the canvas pixel)
 * is the legend class of the value the table and the hover box show for that area; and every legend
 * swatch of a multi-series chart is the colour its series draws.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { screenshot } from '../support/browser.ts';
import { chartLegends, legendColorOf, mapPoint, openAs, readMap, readMapAt, testBrowser, waitUntilRendered } from '../support/journey.ts';

const web = inject('web')!;
let browser: Browser;

beforeAll(async () => {
	browser = await testBrowser();
});
afterAll(async () => {
	await browser?.close();
});

/** Places well inside large areas, so the pixel there is the area's fill. */
const COUNTRY_POINTS: Record<string, [number, number]> = {
	SA: [45.0, 24.0],
	MY: [102.3, 4.2],
	AE: [54.3, 23.6],
	OM: [56.5, 20.5],
	AU: [134.0, -25.0],
	JP: [138.3, 36.4],
	KR: [127.9, 36.3],
	TW: [120.95, 23.6],
};
const PROVINCE_POINTS: Record<string, [number, number]> = {
	'62': [113.4, -1.6],
	'64': [116.3, 0.6],
	'14': [101.8, 0.3],
	'35': [112.3, -7.6],
	'33': [110.0, -7.2],
	'32': [107.6, -6.9],
	'52': [117.5, -8.7],
	'73': [120.0, -3.7],
};

/**
 * Table cell columns (index within the row) of each metric. Markets ranking: #, country, demand,
 * placements on these job orders, fill rate, departures, wage, open slots, medium-high share.
 */
const MARKET_COLUMNS: Record<string, number> = { demand: 2, fill_rate: 4, placements: 5, wage: 6 };
const PROVINCE_COLUMNS: Record<string, number> = { placements: 2, per_capita: 3, candidates: 4 };

async function tableCell(page: Page, table: string, name: string, column: number): Promise<string> {
	const row = page.locator(`[data-testid="${table}"] tbody tr`).filter({ has: page.getByRole('link', { name, exact: true }) });
	expect(await row.count(), `one row for ${name} in ${table}`).toBe(1);
	return ((await row.first().locator('th, td').nth(column).textContent()) ?? '').trim();
}

/**
 * For each place: the drawn colour (feature and pixel) is the legend class of the area's value; the
 * value's label is the table's cell; the hover box says the same. Returns how many places had data.
 */
async function assertMapTruth(
	page: Page,
	card: string,
	points: Record<string, [number, number]>,
	table: string,
	column: number,
): Promise<number> {
	let withData = 0;
	// every place read from the same frame, before any hover
	const readings = await readMapAt(page, card, Object.values(points));
	for (const [i, [code, lngLat]] of Object.entries(points).entries()) {
		const reading = readings[i];
		if (!reading) continue;
		expect(reading.id, `${code} is where it should be`).toBe(code);
		const expected = legendColorOf(reading);
		expect(expected, `${code}: the legend has a class for ${reading.value}`).not.toBe('');
		expect(reading.featureColor, `${code} (${reading.label}): MapLibre's fill is its legend class`).toBe(expected);
		expect(reading.pixel, `${code} (${reading.label}): the pixel drawn is its legend class`).toBe(expected);
		const cell = await tableCell(page, table, reading.name, column);
		if (reading.value === null) {
			expect(cell === '' || cell === '–', `${code}: no data on the map, none in the table (${cell})`).toBe(true);
			continue;
		}
		withData++;
		expect(reading.label, `${code}: the map's value is the table's`).toBe(cell);
		const point = await mapPoint(page, `[data-chart-id="${card}"] .canvas`, lngLat);
		await page.mouse.move(point.x, point.y);
		await expect.poll(() => page.locator(`[data-chart-id="${card}"] .hover`).textContent()).toBe(`${reading.name}: ${cell}`);
		await page.mouse.move(0, 0);
	}
	return withData;
}

/** Waits for the card's heading to name the metric, then for everything to be drawn. */
async function settle(page: Page, card: string, heading: string): Promise<void> {
	await expect.poll(() => page.locator(`[data-chart-id="${card}"] h2`).first().textContent()).toContain(heading);
	await waitUntilRendered(page);
}

describe('maps draw what the legend and table say', () => {
	it('markets: metric switch and a filter recolour the world map (English)', async () => {
		const journey = await openAs(browser, web.url, 'menteri');
		const { page } = journey;
		await page.goto(`${web.url}/markets?metric=demand&lang=en`);
		await waitUntilRendered(page);
		expect(
			await assertMapTruth(page, 'markets-map', COUNTRY_POINTS, 'markets-table', MARKET_COLUMNS.demand as number),
		).toBeGreaterThanOrEqual(3);
		for (const metric of ['fill_rate', 'wage', 'placements'] as const) {
			const label = ((await page.locator(`[data-testid="metric-${metric}"]`).textContent()) ?? '').trim();
			await page.click(`[data-testid="metric-${metric}"]`);
			await page.waitForURL(new RegExp(`metric=${metric}`));
			await settle(page, 'markets-map', label);
			const withData = await assertMapTruth(page, 'markets-map', COUNTRY_POINTS, 'markets-table', MARKET_COLUMNS[metric] as number);
			expect(withData, `${metric}: places with data`).toBeGreaterThanOrEqual(2);
			await screenshot(page, `drawn-markets-${metric}-en`);
		}
		// A filter: one year instead of the default period.
		const before = await readMap(page, 'markets-map', COUNTRY_POINTS.SA as [number, number]);
		await page.selectOption('[data-testid="filter-bar"] select[name=from]', '2025-01');
		await page.selectOption('[data-testid="filter-bar"] select[name=to]', '2025-12');
		await Promise.all([page.waitForURL(/from=2025-01/), page.click('[data-testid="filter-bar"] button[type=submit]')]);
		await waitUntilRendered(page);
		const after = await readMap(page, 'markets-map', COUNTRY_POINTS.SA as [number, number]);
		expect(after?.label, 'the filter changed what Saudi Arabia shows').not.toBe(before?.label);
		expect(
			await assertMapTruth(page, 'markets-map', COUNTRY_POINTS, 'markets-table', MARKET_COLUMNS.placements as number),
		).toBeGreaterThanOrEqual(2);
		await screenshot(page, 'drawn-markets-filtered-en');
		expect(journey.foreign).toEqual([]);
		await journey.close();
	});

	it('provinces: the per-capita toggle and a filter recolour the province map (Indonesian)', async () => {
		const journey = await openAs(browser, web.url, 'menteri');
		const { page } = journey;
		await page.goto(`${web.url}/provinces?metric=placements`);
		await waitUntilRendered(page);
		expect(
			await assertMapTruth(page, 'provinces-map', PROVINCE_POINTS, 'provinces-table', PROVINCE_COLUMNS.placements as number),
		).toBeGreaterThanOrEqual(5);
		for (const metric of ['per_capita', 'candidates', 'placements'] as const) {
			const label = ((await page.locator(`[data-testid="metric-${metric}"]`).textContent()) ?? '').trim();
			await page.click(`[data-testid="metric-${metric}"]`);
			await page.waitForURL(new RegExp(`metric=${metric}`));
			await settle(page, 'provinces-map', label);
			expect(
				await assertMapTruth(page, 'provinces-map', PROVINCE_POINTS, 'provinces-table', PROVINCE_COLUMNS[metric] as number),
			).toBeGreaterThanOrEqual(5);
			await screenshot(page, `drawn-provinces-${metric}-id`);
		}
		// A filter: women only.
		const before = await readMap(page, 'provinces-map', PROVINCE_POINTS['35'] as [number, number]);
		await page.locator('[data-testid="filter-gender"]').selectOption({ index: 2 });
		await Promise.all([page.waitForURL(/gender=/), page.click('[data-testid="filter-bar"] button[type=submit]')]);
		await waitUntilRendered(page);
		const after = await readMap(page, 'provinces-map', PROVINCE_POINTS['35'] as [number, number]);
		expect(after?.label, 'the filter changed what Jawa Timur shows').not.toBe(before?.label);
		expect(
			await assertMapTruth(page, 'provinces-map', PROVINCE_POINTS, 'provinces-table', PROVINCE_COLUMNS.placements as number),
		).toBeGreaterThanOrEqual(3);
		await screenshot(page, 'drawn-provinces-filtered-id');
		expect(journey.foreign).toEqual([]);
		await journey.close();
	});

	it('at phone width the province map still draws its legend classes', async () => {
		const journey = await openAs(browser, web.url, 'menteri', { width: 390, height: 844 });
		const { page } = journey;
		await page.goto(`${web.url}/provinces?metric=per_capita&lang=en`);
		await waitUntilRendered(page);
		await page.locator('[data-chart-id="provinces-map"]').scrollIntoViewIfNeeded();
		expect(
			await assertMapTruth(page, 'provinces-map', PROVINCE_POINTS, 'provinces-table', PROVINCE_COLUMNS.per_capita as number),
		).toBeGreaterThanOrEqual(3);
		// Then the toggle back to placements, at this width too.
		await page.click('[data-testid="metric-placements"]');
		await page.waitForURL(/metric=placements/);
		await settle(page, 'provinces-map', ((await page.locator('[data-testid="metric-placements"]').textContent()) ?? '').trim());
		expect(
			await assertMapTruth(page, 'provinces-map', PROVINCE_POINTS, 'provinces-table', PROVINCE_COLUMNS.placements as number),
		).toBeGreaterThanOrEqual(3);
		await screenshot(page, 'drawn-provinces-phone-en');
		await journey.close();
	});
});

describe('legend swatches are the series colours', () => {
	it('on every page with multi-series charts, in both languages', async () => {
		const journey = await openAs(browser, web.url, 'menteri');
		const { page } = journey;
		const pages = ['/', '/matching', '/markets/SA', '/markets/SA?lang=en', '/provinces?compare=35&compare=33', '/matching?lang=en'];
		const charts = new Set<string>();
		for (const path of pages) {
			await page.goto(`${web.url}${path}`);
			await waitUntilRendered(page);
			const legends = await chartLegends(page);
			expect(legends.length, `charts with a legend on ${path}`).toBeGreaterThan(0);
			for (const entry of legends) {
				charts.add(entry.chart);
				expect(entry.drawn.length, `${path} ${entry.chart} / ${entry.name} draws something`).toBeGreaterThan(0);
				expect(entry.drawn, `${path} ${entry.chart} / ${entry.name}: legend ${entry.legend}, drawn ${entry.drawn.join(' ')}`).toEqual([
					entry.legend,
				]);
			}
			await screenshot(page, `drawn-legends-${path.replace(/[^a-z0-9]+/gi, '-')}`);
		}
		// The charts users reported: unfilled markets, country breakdown, competency gap, matching.
		expect([...charts]).toEqual(
			expect.arrayContaining(['quick-win-trend', 'unfilled-markets', 'country-breakdown', 'gap-by-occupation', 'gap-by-country']),
		);
		await journey.close();
	});
});
