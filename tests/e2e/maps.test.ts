/**
 * Journey: the Provinces map draws all 38 provinces as separate areas (the six Papua provinces
 * included) and a click on Papua Selatan opens its page; the Nusa Tenggara Barat page colours
 * its 10 regencies and a click on one filters the page. Boundaries are fetched once per page and a
 * metric switch recolours the map without sending its geometry to MapLibre again. Borders are
 * drawn as white lines, and the world's cuts (at 180° and through Antarctica) are not.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { NO_DATA_COLOR } from '../../web/src/lib/color-scale.ts';
import { screenshot } from '../support/browser.ts';
import { cubeLoad } from '../support/cube-client.ts';
import {
	type EdgeReading,
	legendColorOf,
	mapPoint,
	openAs,
	readEdge,
	readMap,
	renderedAreas,
	testBrowser,
	waitUntilRendered,
} from '../support/journey.ts';

const web = inject('web')!;
const cube = inject('cube')!;
let browser: Browser;

beforeAll(async () => {
	browser = await testBrowser();
});
afterAll(async () => {
	await browser?.close();
});

describe('maps', () => {
	it('shows 38 separate provinces and opens Papua Selatan on click', async () => {
		const journey = await openAs(browser, web.url, 'menteri');
		const { page } = journey;
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
		const journey = await openAs(browser, web.url, 'kepala-ntb');
		const { page } = journey;
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

	it('fetches boundaries once per page and recolours on a metric switch without sending the geometry again', async () => {
		const journey = await openAs(browser, web.url, 'menteri');
		const { page } = journey;
		/** requests for boundary files, by file name (the browser's own, cache hits included) */
		const geo: string[] = [];
		page.on('request', (request) => {
			const path = new URL(request.url()).pathname;
			if (path.startsWith('/geo/')) geo.push(path.slice('/geo/'.length));
		});
		await page.goto(`${web.url}/markets?metric=demand`);
		await waitUntilRendered(page);
		// Count what the world map's area source is given after it was first drawn.
		await page.locator('[data-chart-id="markets-map"] .canvas').evaluate((element) => {
			type Source = { setData(data: unknown): unknown; updateData?(diff: unknown): unknown };
			const map = (element as HTMLElement & { slmiMap?: { getSource(id: string): Source | undefined } }).slmiMap;
			const source = map?.getSource('areas');
			if (!source) throw new Error('no area source');
			const calls = { count: 0 };
			Object.assign(window, { geometryCalls: calls });
			const setData = source.setData.bind(source);
			source.setData = (data) => {
				calls.count++;
				return setData(data);
			};
			if (source.updateData) {
				const updateData = source.updateData.bind(source);
				source.updateData = (diff) => {
					calls.count++;
					return updateData(diff);
				};
			}
		});
		const colours = new Set<string>();
		for (const metric of ['wage', 'fill_rate', 'placements', 'demand']) {
			const label = ((await page.locator(`[data-testid="metric-${metric}"]`).textContent()) ?? '').trim();
			await page.click(`[data-testid="metric-${metric}"]`);
			await page.waitForURL(new RegExp(`metric=${metric}`));
			await expect.poll(() => page.locator('[data-chart-id="markets-map"] h2').first().textContent()).toContain(label);
			await waitUntilRendered(page);
			// Recoloured: Saudi Arabia is drawn in the legend class of its value for this metric.
			const reading = await readMap(page, 'markets-map', [45.0, 24.0]);
			expect(reading?.id).toBe('SA');
			if (!reading) continue;
			expect(reading.featureColor, `${metric}: ${reading.label}`).toBe(legendColorOf(reading));
			expect(reading.pixel, `${metric}: ${reading.label}`).toBe(legendColorOf(reading));
			colours.add(`${metric}:${reading.value}`);
		}
		expect(colours.size, 'each metric gave Saudi Arabia its own value').toBe(4);
		expect
			.soft(
				await page.evaluate(() => (window as unknown as { geometryCalls: { count: number } }).geometryCalls.count),
				'geometry sent again',
			)
			.toBe(0);
		// The table and back: the map is drawn again from the boundaries already decoded.
		await page.click('[data-chart-id="markets-map"] [data-testid="toggle-table"]');
		await page.click('[data-chart-id="markets-map"] [data-testid="toggle-table"]');
		await waitUntilRendered(page);
		expect((await renderedAreas(page, '[data-chart-id="markets-map"] .canvas')).length).toBeGreaterThan(100);
		expect
			.soft(
				geo.filter((file) => file === 'world.topo.json'),
				'world boundaries requested once',
			)
			.toHaveLength(1);
		// /public draws two province maps from one file: one request for both.
		geo.length = 0;
		await page.goto(`${web.url}/public`);
		await waitUntilRendered(page);
		expect(await page.locator('figure.map').count(), 'maps on /public').toBeGreaterThanOrEqual(2);
		expect
			.soft(
				geo.filter((file) => file === 'provinces.topo.json'),
				'province boundaries requested once',
			)
			.toHaveLength(1);
		expect(journey.foreign).toEqual([]);
		await journey.close();
	});

	it('draws borders as white lines, and no line where the world file cuts an area', async () => {
		/** a pixel on the line lighter, in every channel, than the fills at both ends: an outline is drawn there */
		const outlined = ({ pixels }: EdgeReading) => {
			const [first, last] = [pixels[0], pixels.at(-1)];
			if (!first || !last) return false;
			return pixels.some((p) => p.every((c, i) => c > Math.max(first[i] ?? 0, last[i] ?? 0)));
		};
		const journey = await openAs(browser, web.url, 'menteri');
		const { page } = journey;
		await page.goto(`${web.url}/provinces`);
		await waitUntilRendered(page);
		// Across the border of Jawa Barat and Jawa Tengah, near Cilacap: both provinces are stroked there.
		const java = await readEdge(page, 'provinces-map', { center: [108.57, -7.2], zoom: 7 }, [108.47, -7.2], [108.67, -7.2]);
		expect(outlined(java), JSON.stringify(java.pixels)).toBe(true);
		expect(java.outlines.length, 'MapLibre strokes the border').toBeGreaterThan(0);

		await page.goto(`${web.url}/markets?metric=demand`);
		await waitUntilRendered(page);
		// Across the border of Saudi Arabia and Yemen.
		const arabia = await readEdge(page, 'markets-map', { center: [44.55, 17.4], zoom: 5 }, [44.55, 17.0], [44.55, 17.8]);
		expect(outlined(arabia), JSON.stringify(arabia.pixels)).toBe(true);
		// Across the cut through Antarctica at 0° (web/geo/README.md, "Antimeridian"): one colour, no line.
		const antarctica = await readEdge(page, 'markets-map', { center: [0, -78], zoom: 3 }, [-1.5, -80], [1.5, -80]);
		expect(new Set(antarctica.pixels.map((p) => p.join(','))).size, JSON.stringify(antarctica.pixels)).toBe(1);
		expect(antarctica.outlines).toEqual([]);
		// Across Russia's Arctic coast on the Taymyr peninsula: a cut area's real edges are still drawn.
		// Russia, one of the areas with a cut (at 180°), still has its coast stroked.
		const taymyr = await readEdge(page, 'markets-map', { center: [100, 76.5], zoom: 4 }, [100, 75.5], [100, 77.5]);
		expect(taymyr.outlines.length, 'a line along the coast').toBeGreaterThan(0);
		expect(journey.foreign).toEqual([]);
		await journey.close();
	});
});
