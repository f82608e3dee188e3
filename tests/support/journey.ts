/**
 * What the browser journeys share: a logged-in page that records every request leaving
 * 127.0.0.1, waiting until every chart and map on a page has drawn, and clicking a place on a
 * map by its longitude and latitude (through MapLibre's own projection).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { recordForeignRequests } from './browser.ts';

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

export async function logIn(page: Page, baseUrl: string, username: string): Promise<void> {
	await page.goto(`${baseUrl}/login`);
	await page.fill('input[name=username]', username);
	await page.fill('input[name=password]', DEMO_PASSWORD);
	await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.click('button[type=submit]')]);
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

/** Screen position of a longitude/latitude on the map inside `selector`, in page coordinates. */
export async function mapPoint(page: Page, selector: string, lngLat: [number, number]): Promise<{ x: number; y: number }> {
	const locator = page.locator(selector).first();
	const point = await locator.evaluate((element, position) => {
		const map = (element as HTMLElement & { slmiMap?: { project(p: [number, number]): { x: number; y: number } } }).slmiMap;
		if (!map) throw new Error('map not ready');
		return map.project(position);
	}, lngLat);
	const box = await locator.boundingBox();
	if (!box) throw new Error(`${selector} is not visible`);
	return { x: box.x + point.x, y: box.y + point.y };
}

/** Ids of the areas MapLibre has drawn on the map inside `selector`, with their fill colours. */
export async function renderedAreas(page: Page, selector: string): Promise<{ id: string; color: string }[]> {
	return page
		.locator(selector)
		.first()
		.evaluate((element) => {
			type Feature = { properties: { id: string; color: string } };
			const map = (element as HTMLElement & { slmiMap?: { queryRenderedFeatures(o: { layers: string[] }): Feature[] } }).slmiMap;
			if (!map) throw new Error('map not ready');
			const seen = new Map<string, string>();
			for (const f of map.queryRenderedFeatures({ layers: ['areas'] })) seen.set(f.properties.id, f.properties.color);
			return [...seen].map(([id, color]) => ({ id, color }));
		});
}
