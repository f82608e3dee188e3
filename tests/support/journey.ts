/**
 * What the browser journeys share: a logged-in page that records every request leaving
 * 127.0.0.1, waiting until every chart and map on a page has drawn, and clicking a place on a
 * map by its longitude and latitude (through MapLibre's own projection).
 */
import type { Browser, BrowserContext, Cookie, Locator, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { connectBrowser, launchBrowser, recordForeignRequests, screenshotsWanted } from './browser.ts';

/**
 * The browser of a test file: the one Chromium the `system` project's global setup started for
 * every browser file (tests/support/global-setup.ts), or one of its own when there is none. Each
 * file still works only in contexts it opens (`openJourney`, `openAs`): cookies, storage, cache
 * and viewport are a context's own, and `close()` closes this file's contexts and its connection,
 * not the shared browser.
 */
export async function testBrowser(): Promise<Browser> {
	const endpoint = inject('browser');
	return endpoint ? connectBrowser(endpoint) : launchBrowser();
}

export const DEMO_PASSWORD = 'slmi-demo';

export interface Journey {
	context: BrowserContext;
	page: Page;
	foreign: string[];
	close(): Promise<void>;
}

export async function openJourney(browser: Browser, options: { width?: number; height?: number } = {}): Promise<Journey> {
	const context = await browser.newContext({
		viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
		acceptDownloads: true,
	});
	const foreign = recordForeignRequests(context);
	await context.addInitScript(definePixelReader);
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	return {
		context,
		page,
		foreign,
		close: async () => {
			expect(errors, 'no uncaught errors in the page').toEqual([]);
			await context.close();
		},
	};
}

/**
 * Logs in through the form. `next`: the page to land on (the overview when not given), e.g.
 * '/public', which the server renders far faster than the overview with its maps and charts.
 */
export async function logIn(page: Page, baseUrl: string, username: string, next?: string): Promise<void> {
	await page.goto(`${baseUrl}/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
	await page.fill('input[name=username]', username);
	await page.fill('input[name=password]', DEMO_PASSWORD);
	// Logged in once the server has answered the log-in with its redirect (the session cookie is
	// set): the landing page's own loading is each test's to wait for (waitUntilRendered, or its own
	// goto). Waiting for the landing overview to commit outlasted 90 s several times in CI
	// (2026-12-04; closing note "a log-in that waits 90 s").
	const [answer] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login', { timeout: 90_000 }),
		page.click('button[type=submit]'),
	]);
	if (answer.status() !== 303) throw new Error(`log-in of ${username} answered ${answer.status()}, not a redirect`);
	// ... and the browser has started on the redirect's page (committed: its answer has begun), so
	// a test's own goto next is not cut short by it ("navigation interrupted by another navigation
	// to /": CI on d5368b8, month-select.test.ts).
	await page.waitForURL((url) => url.pathname !== '/login', { waitUntil: 'commit', timeout: 90_000 });
}

/**
 * Session cookies of the users logged in by `openAs`, per test file: the `system` files share one
 * module cache (`isolate: false`, vite.config.ts), so the key names the file, and every file still
 * logs each of its users in once, as when each file had modules of its own.
 */
const sessions = new Map<string, Cookie[]>();

/**
 * A fresh context and page (as `openJourney`: its own viewport, request record and error check)
 * logged in as `username`. The first call for a user in a test file logs in through the form,
 * landing on the light public page; later calls give the new context that session's cookie. A
 * log-in costs a form, a password hash, the landing page's rendering and a place in the log-in
 * throttle: tests that are not about logging in need one per user and file, not one per test.
 */
export async function openAs(
	browser: Browser,
	baseUrl: string,
	username: string,
	options: { width?: number; height?: number } = {},
): Promise<Journey> {
	const journey = await openJourney(browser, options);
	const key = `${expect.getState().testPath} ${baseUrl} ${username}`;
	const cookies = sessions.get(key);
	if (cookies) await journey.context.addCookies(cookies);
	else {
		await logIn(journey.page, baseUrl, username, '/public');
		sessions.set(key, await journey.context.cookies());
	}
	return journey;
}

/**
 * Holds the app's scripts back `ms` on every request, as on a slow phone connection (what a person
 * types before hydration must survive it); returns how many were held so far.
 */
export async function delayAppScripts(page: Page, ms = 1500): Promise<() => number> {
	let delayed = 0;
	await page.route('**/_app/immutable/entry/**', async (route) => {
		delayed++;
		await new Promise((resolve) => setTimeout(resolve, ms));
		await route.continue();
	});
	return () => delayed;
}

/** Resolves when every chart and map on the page reports that it has drawn. */
export async function waitUntilRendered(page: Page, timeout = 60_000): Promise<void> {
	await page.waitForFunction(
		() => {
			const drawn = [...document.querySelectorAll('[data-rendered]')];
			return drawn.length > 0 && drawn.every((element) => element.getAttribute('data-rendered') === 'true');
		},
		null,
		{ timeout },
	);
}

/**
 * Resolves when what a check of the page's words or layout reads is there: every chart has drawn
 * and every map has been created (its canvas, controls, name and legend are in the page, at their
 * final size), though MapLibre may still be drawing its areas. A map's first drawing is software GL
 * on the CI machine (1.3–1.9 s for the world map), and no such check reads a map's pixels; pictures
 * do, so with `SLMI_SCREENSHOTS` set it waits for the maps' drawing too (as `waitUntilRendered`).
 * `empty`: a page without any chart or map (the log-in page, a refused page) counts as laid out.
 */
export async function waitUntilLaidOut(page: Page, options: { empty?: boolean; timeout?: number } = {}): Promise<void> {
	await page.waitForFunction(
		({ empty, drawing }) => {
			const marked = [...document.querySelectorAll('[data-rendered]')];
			return (
				(empty || marked.length > 0) &&
				// a map's element holds its MapLibre instance (`slmiMap`) from the map's creation on, its SVG's
				// projection (`slmiSvg`) once the SVG is drawn
				marked.every(
					(element) => element.getAttribute('data-rendered') === 'true' || (!drawing && ('slmiMap' in element || 'slmiSvg' in element)),
				)
			);
		},
		{ empty: options.empty ?? false, drawing: screenshotsWanted() },
		{ timeout: options.timeout ?? 60_000 },
	);
}

/** Reads a picture's pixels in the page, at CSS-pixel positions of what it shows: `[r, g, b]`. */
type PixelAt = (x: number, y: number) => [number, number, number];
declare global {
	interface Window {
		/** defined in every page of a journey: `definePixelReader` */
		slmiPixels: (source: HTMLCanvasElement | string) => Promise<PixelAt>;
	}
}

/**
 * Run in every page of a journey (`addInitScript`): `window.slmiPixels(source)` copies a map's
 * MapLibre canvas, or a screenshot of it (a data URL), into a 2D canvas and reads pixels there. A
 * WebGL canvas cannot be read directly; the copy of a canvas is taken at once (before any await), so
 * it holds the frame the caller has just waited for.
 */
function definePixelReader(): void {
	window.slmiPixels = async (source) => {
		let picture: CanvasImageSource;
		let ratio = 1;
		if (typeof source === 'string') {
			const image = new Image();
			image.src = source;
			await image.decode();
			picture = image;
		} else {
			picture = source;
			// the canvas's device pixels per CSS pixel
			ratio = source.width / source.clientWidth;
		}
		const { width, height } = picture as HTMLCanvasElement | HTMLImageElement;
		const copy = Object.assign(document.createElement('canvas'), { width, height });
		const context = copy.getContext('2d');
		if (!context) throw new Error('no 2d context');
		context.drawImage(picture, 0, 0);
		return (x, y) => {
			const [r = 0, g = 0, b = 0] = context.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data;
			return [r, g, b];
		};
	};
}

/** Screen position of a longitude/latitude on the map inside `selector`, in page coordinates. */
export async function mapPoint(page: Page, selector: string, lngLat: [number, number]): Promise<{ x: number; y: number }> {
	const locator = page.locator(selector).first();
	const point = await locator.evaluate((element, position) => {
		type Projecting = { project(p: [number, number]): { x: number; y: number } };
		// whichever renderer draws the map: MapLibre after the takeover, else the SVG (ChoroplethMap.svelte)
		const holder = element as HTMLElement & { slmiMap?: Projecting; slmiSvg?: Projecting };
		const map = element.getAttribute('data-renderer') === 'maplibre' ? holder.slmiMap : holder.slmiSvg;
		if (!map) throw new Error('map not ready');
		return map.project(position);
	}, lngLat);
	const box = await locator.boundingBox();
	if (!box) throw new Error(`${selector} is not visible`);
	return { x: box.x + point.x, y: box.y + point.y };
}

/**
 * Ids of the areas MapLibre has drawn on the map inside `selector`, with their fill colours. The map
 * colours areas by feature state (ChoroplethMap.svelte), which MapLibre returns with each rendered
 * feature; a property of the same name counts where there is no state.
 */
export async function renderedAreas(page: Page, selector: string): Promise<{ id: string; color: string }[]> {
	return page
		.locator(selector)
		.first()
		.evaluate((element) => {
			if (element.getAttribute('data-renderer') !== 'maplibre') {
				// the SVG: every area with a path inside the view, and the fill it is drawn with
				const svg = element.querySelector('svg.choropleth');
				if (!svg) throw new Error('map not ready');
				const view = svg.getBoundingClientRect();
				const inView = (path: SVGPathElement) => {
					const box = path.getBoundingClientRect();
					return (
						box.width + box.height > 0 && box.right > view.left && box.left < view.right && box.bottom > view.top && box.top < view.bottom
					);
				};
				return [...svg.querySelectorAll<SVGPathElement>('path[data-id]')]
					.filter(inView)
					.map((path) => ({ id: path.getAttribute('data-id') ?? '', color: path.getAttribute('fill') ?? '' }));
			}
			type Feature = { properties: { id: string; color?: string }; state?: { color?: string } };
			const map = (element as HTMLElement & { slmiMap?: { queryRenderedFeatures(o: { layers: string[] }): Feature[] } }).slmiMap;
			if (!map) throw new Error('map not ready');
			const seen = new Map<string, string>();
			for (const f of map.queryRenderedFeatures({ layers: ['areas'] }))
				seen.set(f.properties.id, String(f.state?.color ?? f.properties.color));
			return [...seen].map(([id, color]) => ({ id, color }));
		});
}

/** What a map shows at one place: MapLibre's feature there, the canvas pixel and the legend beside it. */
export interface MapReading {
	id: string;
	name: string;
	/** the value the area was coloured by (null: no data) and its label in the hover box */
	value: number | null;
	label: string;
	/** fill colour in MapLibre's rendered feature, and the pixel read from the canvas, both `rgb(r, g, b)` */
	featureColor: string;
	pixel: string;
	/** the legend as drawn: each class's colour and lower bound (none for the first class) */
	legend: { color: string; min: number | null; noData: boolean }[];
}

/** Reads the map inside the chart card `cardId` at a longitude/latitude (after the map is idle). */
export async function readMap(page: Page, cardId: string, lngLat: [number, number]): Promise<MapReading | null> {
	return (await readMapAt(page, cardId, [lngLat]))[0] ?? null;
}

/**
 * `readMap` at several places, from one fresh frame: each reading is what `readMap` would give
 * there (one repaint and one copy of the canvas for all of them, instead of one per place: a frame
 * of a MapLibre map is software-rendered on the CI machine).
 */
export async function readMapAt(page: Page, cardId: string, lngLats: [number, number][]): Promise<(MapReading | null)[]> {
	const figure = page.locator(`[data-chart-id="${cardId}"] figure.map`).first();
	if ((await figure.locator('.canvas').getAttribute('data-renderer')) !== 'maplibre') return readSvgAt(page, figure, lngLats);
	return figure.evaluate(async (figure, positions) => {
		type Drawn = { id: string; name: string; color: string; value: number | null; label: string };
		type Feature = { properties: Drawn; state?: Partial<Drawn> };
		type MapLike = {
			project(p: [number, number]): { x: number; y: number };
			queryRenderedFeatures(point: [number, number], o: { layers: string[] }): Feature[];
			getCanvas(): HTMLCanvasElement;
			loaded(): boolean;
			once(event: string, listener: () => void): void;
			triggerRepaint(): void;
		};
		const canvasElement = figure.querySelector('.canvas') as HTMLElement & { slmiMap?: MapLike };
		const map = canvasElement.slmiMap;
		if (!map) throw new Error('map not ready');
		// A fresh frame, so the pixel is what is drawn now.
		await new Promise<void>((resolve) => {
			map.once('idle', () => resolve());
			map.triggerRepaint();
		});
		const pixelAt = await window.slmiPixels(map.getCanvas());
		const rgb = (css: string) => {
			const probe = document.createElement('span');
			probe.style.color = css;
			document.body.append(probe);
			const out = getComputedStyle(probe).color;
			probe.remove();
			return out;
		};
		const legend = [...figure.querySelectorAll<HTMLElement>('.legend .swatch')].map((swatch) => ({
			color: getComputedStyle(swatch).backgroundColor,
			min: swatch.dataset.min === undefined ? null : Number(swatch.dataset.min),
			noData: swatch.hasAttribute('data-no-data'),
		}));
		return positions.map((position) => {
			const point = map.project(position);
			const feature = map.queryRenderedFeatures([point.x, point.y], { layers: ['areas'] })[0];
			if (!feature) return null;
			const [r, g, b] = pixelAt(point.x, point.y);
			// what MapLibre draws the area with: its feature state (the map's colours), else its properties
			const p = { ...feature.properties, ...feature.state };
			return {
				id: p.id,
				name: p.name,
				value: p.value === null || p.value === undefined ? null : Number(p.value),
				label: p.label,
				featureColor: rgb(p.color),
				pixel: `rgb(${r}, ${g}, ${b})`,
				legend: legend.map((l) => ({ ...l })),
			};
		});
	}, lngLats);
}

/**
 * The screen's pixels of a map's box, in CSS pixels, as an image the page can read: what the browser
 * shows, whichever renderer drew it (the mouse is moved off the page first, so no hover box covers it).
 */
async function mapPicture(page: Page, canvas: Locator): Promise<string> {
	await canvas.scrollIntoViewIfNeeded();
	await page.mouse.move(0, 0);
	await expect.poll(() => page.locator('figure.map .hover').count()).toBe(0);
	const shot = await canvas.screenshot({ scale: 'css', animations: 'disabled' });
	return `data:image/png;base64,${shot.toString('base64')}`;
}

/** `readMapAt` for a map drawn as SVG: the area under each place (hit test), its fill and what the map holds for it, and the pixel on screen. */
async function readSvgAt(page: Page, figure: Locator, lngLats: [number, number][]): Promise<(MapReading | null)[]> {
	const src = await mapPicture(page, figure.locator('.canvas'));
	return figure.evaluate(
		async (figure, { positions, src }) => {
			type Drawn = { name: string; color: string; value: number | null; label: string };
			type Svg = { project(p: [number, number]): { x: number; y: number }; stateOf(id: string): Drawn | undefined };
			const holder = figure.querySelector('.canvas') as HTMLElement & { slmiSvg?: Svg };
			const svg = holder.slmiSvg;
			if (!svg) throw new Error('map not ready');
			const pixelAt = await window.slmiPixels(src);
			const rgb = (css: string) => {
				const probe = document.createElement('span');
				probe.style.color = css;
				document.body.append(probe);
				const out = getComputedStyle(probe).color;
				probe.remove();
				return out;
			};
			const legend = [...figure.querySelectorAll<HTMLElement>('.legend .swatch')].map((swatch) => ({
				color: getComputedStyle(swatch).backgroundColor,
				min: swatch.dataset.min === undefined ? null : Number(swatch.dataset.min),
				noData: swatch.hasAttribute('data-no-data'),
			}));
			const box = holder.getBoundingClientRect();
			return positions.map((position) => {
				const point = svg.project(position);
				const path = document
					.elementsFromPoint(box.left + point.x, box.top + point.y)
					.find((element) => element.matches('svg.choropleth path[data-id]'));
				const id = path?.getAttribute('data-id');
				const state = id ? svg.stateOf(id) : undefined;
				if (!path || !id || !state) return null;
				const [r, g, b] = pixelAt(point.x, point.y);
				return {
					id,
					name: state.name,
					value: state.value,
					label: state.label,
					// the fill the SVG draws the area with
					featureColor: rgb(path.getAttribute('fill') ?? ''),
					pixel: `rgb(${r}, ${g}, ${b})`,
					legend: legend.map((l) => ({ ...l })),
				};
			});
		},
		{ positions: lngLats, src },
	);
}

/** Which renderer draws the map in card `cardId`: 'svg' (the first picture) or 'maplibre' (after the takeover). */
export async function mapRenderer(page: Page, cardId: string): Promise<string | null> {
	return page.locator(`[data-chart-id="${cardId}"] figure.map .canvas`).first().getAttribute('data-renderer');
}

/**
 * Hands the map in card `cardId` over to MapLibre as a person does: one turn of the mouse wheel
 * (zooming in, by default at the map's centre; `at`: that pixel of the map). The SVG zooms at once
 * and MapLibre is started at the SVG's view. Resolves when MapLibre draws it.
 */
export async function takeOverMap(page: Page, cardId: string, at?: { x: number; y: number }): Promise<void> {
	const canvas = page.locator(`[data-chart-id="${cardId}"] figure.map .canvas`).first();
	await canvas.scrollIntoViewIfNeeded();
	const box = await canvas.boundingBox();
	if (!box) throw new Error(`${cardId}: map not visible`);
	await page.mouse.move(box.x + (at?.x ?? box.width / 2), box.y + (at?.y ?? box.height / 2));
	await page.mouse.wheel(0, -100);
	await expect.poll(() => canvas.getAttribute('data-renderer'), { timeout: 60_000 }).toBe('maplibre');
	await waitUntilRendered(page);
}

/** Where a map looks, as MapLibre's `center` and `zoom`. */
export interface MapView {
	center: [number, number];
	zoom: number;
}

/**
 * Where the map in card `cardId` looks: `svg` is the SVG's camera (the last it showed, also after
 * the takeover), `maplibre` MapLibre's (null before the takeover).
 */
export async function mapViews(page: Page, cardId: string): Promise<{ svg: MapView; maplibre: MapView | null }> {
	return page
		.locator(`[data-chart-id="${cardId}"] figure.map .canvas`)
		.first()
		.evaluate((element) => {
			type Holder = HTMLElement & {
				slmiSvg?: { view(): { center: [number, number]; zoom: number } };
				slmiMap?: { getCenter(): { lng: number; lat: number }; getZoom(): number };
			};
			const { slmiSvg, slmiMap } = element as Holder;
			if (!slmiSvg) throw new Error('map not ready');
			const center = slmiMap?.getCenter();
			return {
				svg: slmiSvg.view(),
				maplibre: slmiMap && center ? { center: [center.lng, center.lat] as [number, number], zoom: slmiMap.getZoom() } : null,
			};
		});
}

/** Moves MapLibre's map in card `cardId` to `view` and waits until it has drawn it there. */
export async function jumpMap(page: Page, cardId: string, view: MapView): Promise<void> {
	await page
		.locator(`[data-chart-id="${cardId}"] figure.map .canvas`)
		.first()
		.evaluate(async (element, view) => {
			type MapLike = { jumpTo(o: MapView): void; once(event: string, listener: () => void): void; triggerRepaint(): void };
			const map = (element as HTMLElement & { slmiMap?: MapLike }).slmiMap;
			if (!map) throw new Error('MapLibre has not taken over');
			await new Promise<void>((resolve) => {
				map.once('idle', () => resolve());
				map.jumpTo(view);
				map.triggerRepaint();
			});
		}, view);
}

/** What a map draws across one edge: the pixels along a short line, and the outlines MapLibre has there. */
export interface EdgeReading {
	/** canvas pixels at evenly spaced points from one end to the other, `[r, g, b]` */
	pixels: [number, number, number][];
	/** the features the map's outline layer draws within a few pixels of the line (their properties) */
	outlines: Record<string, unknown>[];
}

/**
 * Moves the map inside the chart card `cardId` to `view` (once drawn there) and reads the pixels
 * across an edge, from `from` to `to` (longitude/latitude), `steps` + 1 of them, from one fresh frame.
 * The map's outlines are thin white lines (ChoroplethMap.svelte): where one is drawn, a pixel on
 * the line is lighter than the fills on both sides.
 */
export async function readEdge(
	page: Page,
	cardId: string,
	view: { center: [number, number]; zoom: number } | null,
	from: [number, number],
	to: [number, number],
	steps = 40,
): Promise<EdgeReading> {
	if (view === null) return readSvgEdge(page, cardId, from, to, steps);
	return page
		.locator(`[data-chart-id="${cardId}"] figure.map .canvas`)
		.first()
		.evaluate(
			async (element, { view, from, to, steps }) => {
				type MapLike = {
					jumpTo(o: { center: [number, number]; zoom: number }): void;
					project(p: [number, number]): { x: number; y: number };
					queryRenderedFeatures(
						box: [[number, number], [number, number]],
						o: { layers: string[] },
					): { properties: Record<string, unknown> }[];
					getCanvas(): HTMLCanvasElement;
					once(event: string, listener: () => void): void;
					triggerRepaint(): void;
				};
				const map = (element as HTMLElement & { slmiMap?: MapLike }).slmiMap;
				if (!map) throw new Error('map not ready');
				await new Promise<void>((resolve) => {
					map.once('idle', () => resolve());
					map.jumpTo(view);
					map.triggerRepaint();
				});
				const pixelAt = await window.slmiPixels(map.getCanvas());
				const a = map.project(from);
				const b = map.project(to);
				const pixels: [number, number, number][] = [];
				for (let i = 0; i <= steps; i++) pixels.push(pixelAt(a.x + ((b.x - a.x) * i) / steps, a.y + ((b.y - a.y) * i) / steps));
				const outlines = map
					.queryRenderedFeatures(
						[
							[Math.min(a.x, b.x) - 2, Math.min(a.y, b.y) - 2],
							[Math.max(a.x, b.x) + 2, Math.max(a.y, b.y) + 2],
						],
						{ layers: ['outlines'] },
					)
					.map((f) => ({ ...f.properties }));
				return { pixels, outlines };
			},
			{ view, from, to, steps },
		);
}

/**
 * `readEdge` on a map drawn as SVG, at the view it shows: the
 * screen's pixels along the line; `outlines` is empty (there are no MapLibre features to query).
 */
async function readSvgEdge(page: Page, cardId: string, from: [number, number], to: [number, number], steps: number): Promise<EdgeReading> {
	const canvas = page.locator(`[data-chart-id="${cardId}"] figure.map .canvas`).first();
	if ((await canvas.getAttribute('data-renderer')) === 'maplibre') throw new Error(`${cardId}: drawn by MapLibre, give readEdge a view`);
	const src = await mapPicture(page, canvas);
	return canvas.evaluate(
		async (element, { from, to, steps, src }) => {
			type Svg = { project(p: [number, number]): { x: number; y: number } };
			const svg = (element as HTMLElement & { slmiSvg?: Svg }).slmiSvg;
			if (!svg) throw new Error('map not ready');
			const pixelAt = await window.slmiPixels(src);
			const [a, b] = [svg.project(from), svg.project(to)];
			const pixels: [number, number, number][] = [];
			for (let i = 0; i <= steps; i++) pixels.push(pixelAt(a.x + ((b.x - a.x) * i) / steps, a.y + ((b.y - a.y) * i) / steps));
			return { pixels, outlines: [] };
		},
		{ from, to, steps, src },
	);
}

/** The legend class colour for a value, from the legend as drawn. */
export function legendColorOf(reading: MapReading): string {
	const noData = reading.legend.find((l) => l.noData)?.color ?? '';
	if (reading.value === null) return noData;
	let color = '';
	for (const entry of reading.legend) if (!entry.noData && (entry.min === null || reading.value >= entry.min)) color = entry.color;
	return color;
}

/**
 * For every multi-series ECharts chart on the page: each legend entry's colour as the legend draws
 * it, and the colours its series draws (bar fills, line strokes, band areas).
 */
export async function chartLegends(page: Page): Promise<{ chart: string; name: string; legend: string; drawn: string[] }[]> {
	return page.evaluate(() => {
		type Data = {
			getVisual(key: string): unknown;
			getItemVisual(i: number, key: string): unknown;
			count(): number;
		};
		type Series = { name: string; subType: string; visualDrawType: string; getData(): Data; get(path: string[]): unknown };
		type Chart = {
			getModel(): { getComponent(type: string): { get(key: string): unknown } | undefined; getSeries(): Series[] };
		};
		const out: { chart: string; name: string; legend: string; drawn: string[] }[] = [];
		const norm = (css: unknown) => {
			if (typeof css !== 'string' || !CSS.supports('color', css)) return `not a colour: ${String(css)}`;
			const probe = document.createElement('span');
			probe.style.color = String(css);
			document.body.append(probe);
			const value = getComputedStyle(probe).color;
			probe.remove();
			return value;
		};
		for (const element of document.querySelectorAll<HTMLElement & { slmiChart?: Chart }>('.chart')) {
			const chart = element.slmiChart;
			if (!chart) continue;
			const model = chart.getModel();
			const legendModel = model.getComponent('legend');
			if (!legendModel) continue;
			const names = ((legendModel.get('data') as ({ name: string } | string)[] | undefined) ?? []).map((d) =>
				typeof d === 'string' ? d : d.name,
			);
			const where = element.closest('[data-chart-id]')?.getAttribute('data-chart-id') ?? element.getAttribute('aria-label') ?? '?';
			for (const series of model.getSeries()) {
				if (!names.includes(series.name)) continue;
				const data = series.getData();
				const style = (data.getVisual('style') ?? {}) as Record<string, unknown>;
				// As LegendView draws it: the icon is filled with the series' visual colour of its draw
				// type (fill for bars, stroke for lines); a line's icon also draws its line style.
				const lineStyle = (data.getVisual('legendLineStyle') ?? {}) as Record<string, unknown>;
				const icon = [style[series.visualDrawType]];
				if (series.subType === 'line' && lineStyle.stroke) icon.push(lineStyle.stroke);
				const legend = [...new Set(icon.map(norm))].join(' ');
				const drawn = new Set<string>();
				if (series.subType === 'bar') {
					for (let i = 0; i < data.count(); i++) drawn.add(norm((data.getItemVisual(i, 'style') as Record<string, unknown>).fill));
				} else {
					// As LineView draws it: the line's own lineStyle colour, else the visual colour; a band
					// (an area without a line) in its areaStyle colour, else the visual colour.
					const visual = style[series.visualDrawType];
					const area = series.get(['areaStyle']) as { color?: string } | undefined;
					if (area && series.get(['lineStyle', 'opacity']) === 0) drawn.add(norm(area.color ?? visual));
					else drawn.add(norm((series.get(['lineStyle', 'color']) as string | undefined) ?? visual));
				}
				out.push({ chart: where, name: series.name, legend, drawn: [...drawn] });
			}
		}
		return out;
	});
}

/** What an ECharts trend draws for one chart: categories, marked areas and each series' points. */
export interface DrawnTrend {
	/** the chart card's id (or the chart's aria label) */
	chart: string;
	labels: string[];
	/** categories marked by a vertical mark line, with its label text */
	marked: { at: string; label: string }[];
	series: {
		name: string;
		type: string;
		stack: string | null;
		values: (number | null)[];
		/** indices drawn differently from the rest: a hollow symbol (lines) or a faded, dashed-outline bar */
		distinct: number[];
	}[];
	/** the partial-period note under the chart, if any */
	note: string | null;
}

/** Every ECharts trend (category x axis) on the page, read from the instance (`slmiChart`). */
export async function drawnTrends(page: Page): Promise<DrawnTrend[]> {
	return page.evaluate(() => {
		type Item = { value?: unknown; symbol?: string; itemStyle?: { opacity?: number; borderType?: string } } | number | null;
		type Option = {
			xAxis?: { type?: string; data?: unknown[] }[];
			series?: {
				name?: string;
				type?: string;
				stack?: string;
				data?: Item[];
				markLine?: { data?: { xAxis?: unknown }[]; label?: { formatter?: unknown } };
			}[];
		};
		const out: DrawnTrend[] = [];
		for (const element of document.querySelectorAll<HTMLElement & { slmiChart?: { getOption(): Option } }>('.chart')) {
			const chart = element.slmiChart;
			if (!chart) continue;
			const option = chart.getOption();
			const axis = option.xAxis?.[0];
			if (axis?.type !== 'category') continue;
			const labels = (axis.data ?? []).map(String);
			const value = (item: Item) => {
				const v = item !== null && typeof item === 'object' ? item.value : item;
				return v === null || v === undefined || v === '-' ? null : Number(v);
			};
			const distinct = (item: Item) =>
				item !== null &&
				typeof item === 'object' &&
				(item.symbol === 'emptyCircle' || (item.itemStyle?.opacity ?? 1) < 1 || item.itemStyle?.borderType === 'dashed');
			const marked: DrawnTrend['marked'] = [];
			for (const s of option.series ?? []) {
				for (const line of s.markLine?.data ?? [])
					marked.push({ at: String(line.xAxis), label: String(s.markLine?.label?.formatter ?? '') });
			}
			const card = element.closest('[data-chart-id]');
			out.push({
				chart: card?.getAttribute('data-chart-id') ?? element.getAttribute('aria-label') ?? '?',
				labels,
				marked,
				series: (option.series ?? []).map((s) => ({
					name: String(s.name ?? ''),
					type: String(s.type ?? ''),
					stack: s.stack ?? null,
					values: (s.data ?? []).map(value),
					distinct: (s.data ?? []).flatMap((item, i) => (distinct(item) ? [i] : [])),
				})),
				note: element.parentElement?.querySelector('[data-testid="partial-note"]')?.textContent?.trim() ?? null,
			});
		}
		return out;
	});
}
