/**
 * Journey: the Provinces map draws all 38 provinces as separate areas (the six Papua provinces
 * included) and a click on Papua Selatan opens its page; the Nusa Tenggara Barat page colours
 * its 10 regencies and a click on one filters the page. Boundaries are fetched once per page and a
 * metric switch recolours the map without sending its geometry to MapLibre again. Borders are
 * drawn as white lines, and the world's cuts (at 180° and through Antarctica) are not. A map is
 * first drawn as SVG; MapLibre takes over when the person zooms or pans, and then draws the same
 * picture: the same area, colour and pixel at every place read, at the same spot on screen.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { NO_DATA_COLOR } from '../../web/src/lib/color-scale.ts';
import { screenshot } from '../support/browser.ts';
import { cubeLoad } from '../support/cube-client.ts';
import {
	type EdgeReading,
	jumpMap,
	legendColorOf,
	type MapReading,
	mapPoint,
	mapRenderer,
	mapViews,
	openAs,
	readEdge,
	readMap,
	readMapAt,
	renderedAreas,
	takeOverMap,
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

	/**
	 * Every map box on the page and the areas drawn in it (the SVG's paths, the first picture), in
	 * CSS pixels: how much sea is left above and below, and beside, the areas.
	 */
	async function mapFits(page: Page): Promise<{ card: string; box: { width: number; height: number }; sea: { y: number; x: number } }[]> {
		return page.locator('figure.map .canvas').evaluateAll((canvases) =>
			canvases.map((canvas) => {
				const box = canvas.getBoundingClientRect();
				const areas = [...canvas.querySelectorAll('svg.choropleth path[data-id]')].map((path) => path.getBoundingClientRect());
				const [top, bottom] = [Math.min(...areas.map((a) => a.top)), Math.max(...areas.map((a) => a.bottom))];
				const [left, right] = [Math.min(...areas.map((a) => a.left)), Math.max(...areas.map((a) => a.right))];
				return {
					card: canvas.closest('[data-chart-id]')?.getAttribute('data-chart-id') ?? '',
					box: { width: box.width, height: box.height },
					sea: { y: box.height - (bottom - top), x: box.width - (right - left) },
				};
			}),
		);
	}

	it('sizes a map box to its map on a phone (390 px): no band of sea above and below, no sideways scroll', async () => {
		for (const { width, lang } of [
			{ width: 390, lang: 'id' },
			{ width: 390, lang: 'en' },
			{ width: 1280, lang: 'id' },
			{ width: 1280, lang: 'en' },
		]) {
			const journey = await openAs(browser, web.url, 'menteri', { width, height: 844 });
			const { page } = journey;
			for (const path of ['/provinces', '/provinces/52', '/public']) {
				await page.goto(`${web.url}${path}?lang=${lang}`);
				await waitUntilRendered(page);
				const fits = await mapFits(page);
				expect(fits.length, `${path}: maps`).toBeGreaterThan(0);
				for (const { card, box, sea } of fits) {
					const where = `${path} ${card} (${width} px)`;
					if (width > 600) {
						// the desktop's box is as before: 360 px high, the map fitted inside it
						expect(box.height, where).toBe(360);
						continue;
					}
					expect(box.width, `${where}: the card's width`).toBeGreaterThan(300);
					// fitted with 8 px around the areas (FIT_PADDING) on all four sides, and the bounds' own margin
					// of ≈ 0.1° beyond the provinces (2–3 px at this width); before, a 360 px box held 119 px of them
					expect(sea.y, `${where}: sea above and below`).toBeLessThanOrEqual(24);
					expect(sea.x, `${where}: sea beside`).toBeLessThanOrEqual(24);
				}
				const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
				expect(scroll, `${path} (${width} px): no sideways scroll`).toBe(0);
				await screenshot(page, `map-fit-${path.replace(/\//g, '-').slice(1)}-${width}-${lang}`);
			}
			expect(journey.foreign).toEqual([]);
			await journey.close();
		}
	});

	it("gives a province's regency map its height from the first paint on a phone: nothing moves when the boundaries arrive", async () => {
		for (const lang of ['id', 'en']) {
			const journey = await openAs(browser, web.url, 'menteri', { width: 390, height: 844 });
			const { page } = journey;
			// Every frame from the first one, the regency map's box height (before each paint), until the map says it has drawn.
			await page.addInitScript(() => {
				const heights: number[] = [];
				(window as unknown as { slmiRegencyBoxHeights: number[] }).slmiRegencyBoxHeights = heights;
				const frame = () => {
					const canvas = document.querySelector('[data-chart-id="regency-map"] figure.map .canvas');
					if (canvas) heights.push(canvas.getBoundingClientRect().height);
					if (canvas?.getAttribute('data-rendered') !== 'true') requestAnimationFrame(frame);
				};
				requestAnimationFrame(frame);
			});
			// The boundary file arrives 1.5 s late, well after the page has been painted and hydrated.
			let held = 0;
			await page.route('**/geo/regencies-52.topo.json', async (route) => {
				held++;
				await new Promise((resolve) => setTimeout(resolve, 1500));
				await route.continue();
			});
			await page.goto(`${web.url}/provinces/52?lang=${lang}`);
			await waitUntilRendered(page);
			expect(held, `${lang}: the boundary file was held`).toBeGreaterThan(0);
			const heights = await page.evaluate(() => (window as unknown as { slmiRegencyBoxHeights: number[] }).slmiRegencyBoxHeights);
			// many frames painted while the file was held: the box before the boundaries, and after
			expect(heights.length, `${lang}: frames seen`).toBeGreaterThan(10);
			const [before] = heights;
			const after = heights.at(-1);
			expect(after, `${lang}: the box's height before and after the boundaries arrive`).toBe(before);
			expect([...new Set(heights)], `${lang}: every height the box had`).toEqual([before]);
			// and the map fills that box: no band of sea above and below (the regencies' extent, not a square)
			const fit = (await mapFits(page)).find((f) => f.card === 'regency-map');
			expect(fit, lang).toBeDefined();
			expect(fit?.box.height, lang).toBe(before);
			expect(fit?.sea.y, `${lang}: sea above and below`).toBeLessThanOrEqual(24);
			expect(fit?.sea.x, `${lang}: sea beside`).toBeLessThanOrEqual(24);
			await screenshot(page, `map-fit-provinces-52-first-paint-390-${lang}`);
			expect(journey.foreign).toEqual([]);
			await journey.close();
		}
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
		// The first picture (SVG) is recoloured by a metric switch: Saudi Arabia in its legend class.
		const switchMetric = async (metric: string) => {
			const label = ((await page.locator(`[data-testid="metric-${metric}"]`).textContent()) ?? '').trim();
			await page.click(`[data-testid="metric-${metric}"]`);
			await page.waitForURL(new RegExp(`metric=${metric}`));
			await expect.poll(() => page.locator('[data-chart-id="markets-map"] h2').first().textContent()).toContain(label);
			await waitUntilRendered(page);
			const reading = await readMap(page, 'markets-map', [45.0, 24.0]);
			expect(reading?.id).toBe('SA');
			return reading;
		};
		const svgValues = new Set<string>();
		for (const metric of ['wage', 'demand']) {
			expect(await mapRenderer(page, 'markets-map')).toBe('svg');
			const reading = await switchMetric(metric);
			if (!reading) continue;
			expect(reading.featureColor, `SVG, ${metric}: ${reading.label}`).toBe(legendColorOf(reading));
			expect(reading.pixel, `SVG, ${metric}: ${reading.label}`).toBe(legendColorOf(reading));
			svgValues.add(`${metric}:${reading.value}`);
		}
		expect(svgValues.size, 'each metric gave Saudi Arabia its own value').toBe(2);
		// MapLibre takes over; count what its area source is given after it was first drawn.
		await takeOverMap(page, 'markets-map');
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
			// Recoloured: Saudi Arabia is drawn in the legend class of its value for this metric.
			const reading = await switchMetric(metric);
			expect(await mapRenderer(page, 'markets-map')).toBe('maplibre');
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
		// The table and back: the map is drawn again (as SVG) from the boundaries already decoded.
		await page.click('[data-chart-id="markets-map"] [data-testid="toggle-table"]');
		await page.click('[data-chart-id="markets-map"] [data-testid="toggle-table"]');
		await waitUntilRendered(page);
		expect((await renderedAreas(page, '[data-chart-id="markets-map"] .canvas')).length).toBeGreaterThan(100);
		expect
			.soft(
				geo.filter((file) => file === 'world.topo.json'),
				'world boundaries requested once (for MapLibre)',
			)
			.toHaveLength(1);
		expect
			.soft(
				geo.filter((file) => file === 'world.paths.json'),
				"the world's SVG paths requested once",
			)
			.toHaveLength(1);
		// /public draws two province maps from one file: one request for both, and the SVG needs only
		// the paths the build made (web/geo/build.ts), not the boundaries.
		geo.length = 0;
		await page.goto(`${web.url}/public`);
		await waitUntilRendered(page);
		expect(await page.locator('figure.map').count(), 'maps on /public').toBeGreaterThanOrEqual(2);
		expect
			.soft(
				geo.filter((file) => file === 'provinces.paths.json'),
				'province paths requested once',
			)
			.toHaveLength(1);
		expect.soft(geo, 'nothing else from /geo/').toEqual(['provinces.paths.json']);
		expect(journey.foreign).toEqual([]);
		await journey.close();
	});

	/** Places well inside areas large enough at the view each map opens with (1280 and 390 px wide). */
	const WORLD: [number, number][] = [
		[45.0, 24.0],
		[134.0, -25.0],
		[104.0, 35.0],
		[79.0, 22.0],
		[85.0, 53.0],
		[67.0, 48.0],
		[113.5, -1.0],
		[29.0, 26.0],
		[54.0, 33.0],
		[103.0, 46.0],
		[3.0, 28.0],
		[23.0, -3.0],
		[138.3, 36.4],
	];
	const PROVINCES: [number, number][] = [
		[113.4, -1.6],
		[116.3, 0.6],
		[101.8, 0.3],
		[112.3, -7.6],
		[110.0, -7.2],
		[107.6, -6.9],
		[117.5, -8.7],
		[120.0, -3.7],
		[138.5, -4.0],
		[140.0, -7.9],
		[97.0, 4.3],
		[121.2, -9.7],
	];
	/**
	 * The map's picture as the SVG draws it, then as MapLibre draws it after the takeover: the same at
	 * every place. The wheel turn that starts the takeover zooms the map: MapLibre opens where the SVG
	 * had got to, and is then moved back to the view the SVG opened with to be read.
	 */
	async function samePictureAfterTakeover(page: Page, card: string, places: [number, number][]): Promise<void> {
		const selector = `[data-chart-id="${card}"] .canvas`;
		expect(await mapRenderer(page, card)).toBe('svg');
		const svg = await readMapAt(page, card, places);
		const svgPoints = await Promise.all(places.map((place) => mapPoint(page, selector, place)));
		const opening = (await mapViews(page, card)).svg;
		await takeOverMap(page, card);
		const views = await mapViews(page, card);
		expect(views.svg.zoom, `${card}: the wheel turn zoomed the SVG in`).toBeGreaterThan(opening.zoom + 0.1);
		expect(views.maplibre?.zoom, `${card}: MapLibre opens at the SVG's zoom`).toBeCloseTo(views.svg.zoom, 6);
		expect(views.maplibre?.center[0], `${card}: … and centre`).toBeCloseTo(views.svg.center[0], 6);
		expect(views.maplibre?.center[1], `${card}: … and centre`).toBeCloseTo(views.svg.center[1], 6);
		await jumpMap(page, card, opening);
		const gl = await readMapAt(page, card, places);
		const glPoints = await Promise.all(places.map((place) => mapPoint(page, selector, place)));
		let compared = 0;
		const colours = new Set<string>();
		places.forEach((place, i) => {
			const [a, b] = [svg[i], gl[i]] as [MapReading | null, MapReading | null];
			const where = `${card} at ${place.join(',')}`;
			// the same spot on screen (the SVG is drawn at MapLibre's camera)
			expect(Math.abs((svgPoints[i]?.x ?? 0) - (glPoints[i]?.x ?? 0)), where).toBeLessThan(0.5);
			expect(Math.abs((svgPoints[i]?.y ?? 0) - (glPoints[i]?.y ?? 0)), where).toBeLessThan(0.5);
			expect(a?.id, where).toBe(b?.id);
			if (!a || !b) return;
			expect(a.featureColor, `${where}: the SVG's fill is the area's legend class`).toBe(legendColorOf(a));
			expect(a.pixel, `${where}: the SVG's pixel`).toBe(a.featureColor);
			expect(b.featureColor, `${where}: MapLibre's fill is the SVG's`).toBe(a.featureColor);
			expect(b.pixel, `${where}: MapLibre's pixel is the SVG's`).toBe(a.pixel);
			expect(b.label, where).toBe(a.label);
			compared++;
			colours.add(a.pixel);
		});
		expect(compared, `${card}: places compared`).toBeGreaterThanOrEqual(places.length - 2);
		expect(colours.size, `${card}: the places have different colours`).toBeGreaterThan(1);
	}

	for (const { width, lang } of [
		{ width: 1280, lang: 'id' },
		{ width: 390, lang: 'en' },
	]) {
		it(`draws one picture with two renderers: the SVG first, MapLibre after a zoom (${width} px, ${lang})`, async () => {
			const journey = await openAs(browser, web.url, 'menteri', { width, height: 844 });
			const { page } = journey;
			await page.goto(`${web.url}/markets?metric=placements&lang=${lang}`);
			await waitUntilRendered(page);
			// The hover box of the SVG names the area and its value, as MapLibre's does.
			const sa = await readMap(page, 'markets-map', [45.0, 24.0]);
			const point = await mapPoint(page, '[data-chart-id="markets-map"] .canvas', [45.0, 24.0]);
			await page.mouse.move(point.x, point.y);
			await expect.poll(() => page.locator('[data-chart-id="markets-map"] .hover').textContent()).toBe(`${sa?.name}: ${sa?.label}`);
			await samePictureAfterTakeover(page, 'markets-map', WORLD);
			await page.mouse.move(point.x, point.y);
			await expect.poll(() => page.locator('[data-chart-id="markets-map"] .hover').textContent()).toBe(`${sa?.name}: ${sa?.label}`);

			await page.goto(`${web.url}/provinces?lang=${lang}`);
			await waitUntilRendered(page);
			await samePictureAfterTakeover(page, 'provinces-map', PROVINCES);
			expect(journey.foreign).toEqual([]);
			await journey.close();
		});
	}

	it('zooms on the first wheel turn and pans on the first drag, and MapLibre takes over where they left the map', async () => {
		const journey = await openAs(browser, web.url, 'menteri');
		const { page } = journey;
		const selector = '[data-chart-id="provinces-map"] .canvas';
		const map = page.locator(selector).first();
		/** the place under a pixel of the map (the SVG's camera, before the takeover) */
		const placeAt = (x: number, y: number) =>
			map.evaluate(
				(element, { x, y }) => {
					type Svg = { view(): { center: [number, number]; zoom: number }; project(p: [number, number]): { x: number; y: number } };
					const svg = (element as HTMLElement & { slmiSvg?: Svg }).slmiSvg;
					if (!svg) throw new Error('map not ready');
					// Mercator, from two projected places (MapLibre's unproject)
					const [a, b] = [svg.project([0, 0]), svg.project([90, 0])];
					const perDegree = (b.x - a.x) / 90;
					const lng = (x - a.x) / perDegree;
					const mercatorY = (y - a.y) / (perDegree * (180 / Math.PI));
					const lat = (Math.atan(Math.exp(-mercatorY)) * 360) / Math.PI - 90;
					return [lng, lat] as [number, number];
				},
				{ x, y },
			);

		// One wheel turn over Jawa Tengah: the map zooms in around the pointer, as MapLibre's wheel does.
		await page.goto(`${web.url}/provinces`);
		await waitUntilRendered(page);
		const before = (await mapViews(page, 'provinces-map')).svg;
		const box = await map.boundingBox();
		if (!box) throw new Error('map not visible');
		const pointer = { x: box.width * 0.4, y: box.height * 0.7 };
		const place = await placeAt(pointer.x, pointer.y);
		await takeOverMap(page, 'provinces-map', pointer);
		const zoomed = await mapViews(page, 'provinces-map');
		expect(zoomed.maplibre?.zoom, 'one wheel turn zoomed in').toBeGreaterThan(before.zoom + 0.1);
		// the place under the pointer stayed under it (MapLibre draws it there)
		const stayed = await mapPoint(page, selector, place);
		expect(Math.abs(stayed.x - (box.x + pointer.x)), 'x').toBeLessThan(0.5);
		expect(Math.abs(stayed.y - (box.y + pointer.y)), 'y').toBeLessThan(0.5);

		// One drag: the map pans with the pointer, at the same zoom.
		await page.goto(`${web.url}/provinces`);
		await waitUntilRendered(page);
		expect(await mapRenderer(page, 'provinces-map')).toBe('svg');
		const start = { x: box.width * 0.5, y: box.height * 0.5 };
		const grabbed = await placeAt(start.x, start.y);
		await map.scrollIntoViewIfNeeded();
		const at = await map.boundingBox();
		if (!at) throw new Error('map not visible');
		await page.mouse.move(at.x + start.x, at.y + start.y);
		await page.mouse.down();
		for (let step = 1; step <= 5; step++) await page.mouse.move(at.x + start.x + 16 * step, at.y + start.y - 6 * step);
		await page.mouse.up();
		await expect.poll(() => mapRenderer(page, 'provinces-map'), { timeout: 60_000 }).toBe('maplibre');
		await waitUntilRendered(page);
		const panned = await mapViews(page, 'provinces-map');
		expect(panned.maplibre?.zoom, 'a drag does not zoom').toBeCloseTo(before.zoom, 6);
		const moved = await mapPoint(page, selector, grabbed);
		expect(Math.abs(moved.x - (at.x + start.x + 80)), 'the grabbed place followed the pointer (x)').toBeLessThan(0.5);
		expect(Math.abs(moved.y - (at.y + start.y - 30)), 'the grabbed place followed the pointer (y)').toBeLessThan(0.5);
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
		// The SVG at the view the map opens with: the border of Jawa Barat and Jawa Tengah is stroked.
		const javaSvg = await readEdge(page, 'provinces-map', null, [107.9, -7.2], [109.2, -7.2]);
		expect(outlined(javaSvg), JSON.stringify(javaSvg.pixels)).toBe(true);
		await takeOverMap(page, 'provinces-map');
		// Across the border of Jawa Barat and Jawa Tengah, near Cilacap: both provinces are stroked there.
		const java = await readEdge(page, 'provinces-map', { center: [108.57, -7.2], zoom: 7 }, [108.47, -7.2], [108.67, -7.2]);
		expect(outlined(java), JSON.stringify(java.pixels)).toBe(true);
		expect(java.outlines.length, 'MapLibre strokes the border').toBeGreaterThan(0);

		await page.goto(`${web.url}/markets?metric=demand`);
		await waitUntilRendered(page);
		const arabiaSvg = await readEdge(page, 'markets-map', null, [44.55, 15.5], [44.55, 19.5]);
		expect(outlined(arabiaSvg), JSON.stringify(arabiaSvg.pixels)).toBe(true);
		await takeOverMap(page, 'markets-map');
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
