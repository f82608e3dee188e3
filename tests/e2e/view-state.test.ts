/**
 * Journey: the view a reader has set up survives moving between pages (issue #12 item 11). The
 * menu, the brand and the breadcrumbs keep the language and the filters that apply on the page
 * they lead to (page-only state such as the map metric stays behind), the filter bar's reset clears
 * the filters but keeps the language, and logging in from an English page stays English.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { en } from '../../web/src/lib/i18n/en.ts';
import { screenshot } from '../support/browser.ts';
import { DEMO_PASSWORD, openAs, openJourney, testBrowser, waitUntilLaidOut } from '../support/journey.ts';

const web = inject('web')!;
let browser: Browser;

beforeAll(async () => {
	browser = await testBrowser();
});
afterAll(async () => {
	await browser?.close();
});

const params = (page: Page) => Object.fromEntries(new URL(page.url()).searchParams);
const menuLink = (page: Page, label: string) =>
	page.getByRole('navigation', { name: en['nav.label'] }).getByRole('link', { name: label, exact: true });

describe('view state between pages', () => {
	it('logging in from an English page lands in English', async () => {
		const journey = await openJourney(browser);
		const { page } = journey;
		await page.goto(`${web.url}/public?lang=en`);
		await Promise.all([page.waitForURL(/\/login/), page.getByRole('link', { name: en['nav.login'], exact: true }).click()]);
		await page.fill('input[name=username]', 'direktur');
		await page.fill('input[name=password]', DEMO_PASSWORD);
		await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.click('button[type=submit]')]);
		expect(params(page).lang).toBe('en');
		expect(await page.getAttribute('html', 'lang')).toBe('en');
		expect(await page.locator('h1').first().textContent()).not.toBe('');
		expect(await menuLink(page, en['nav.overview']).count()).toBe(1);
		await journey.close();
	});

	it('the menu, brand and breadcrumbs keep the language and the filters that apply there; reset clears them', async () => {
		const journey = await openAs(browser, web.url, 'direktur');
		const { page } = journey;
		const filters = { lang: 'en', from: '2025-01', to: '2025-06', sector: 'domestic' };
		await page.goto(`${web.url}/markets?${new URLSearchParams({ ...filters, metric: 'placements' })}`);

		await Promise.all([page.waitForURL(/\/provinces/), menuLink(page, en['nav.provinces']).click()]);
		expect(params(page), 'the filters follow; the markets map metric does not').toEqual(filters);
		const chips = page.locator('[data-testid="filter-bar"] .chips');
		await expect.poll(() => chips.textContent()).toContain(en['dim.sector']);

		await Promise.all([page.waitForURL((url) => url.pathname === '/matching'), menuLink(page, en['nav.matching']).click()]);
		expect(params(page)).toEqual(filters);

		await page.goto(`${web.url}/markets/SA?${new URLSearchParams(filters)}`);
		await Promise.all([
			page.waitForURL((url) => url.pathname === '/markets'),
			page.getByRole('navigation', { name: en['country.breadcrumb'] }).getByRole('link', { name: en['markets.title'] }).click(),
		]);
		expect(params(page), 'breadcrumb up from a country').toEqual(filters);

		await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.locator('header a.brand').click()]);
		expect(params(page), 'the brand link to the overview').toEqual(filters);
		for (const [tile, path] of [
			['kpi-open-slots', '/markets'],
			['kpi-qualified', '/matching'],
		] as const) {
			const href = new URL((await page.getByTestId(tile).getAttribute('href')) ?? '', web.url);
			expect([href.pathname, Object.fromEntries(href.searchParams)], `the ${tile} tile's link`).toEqual([path, filters]);
		}

		await Promise.all([page.waitForURL((url) => url.pathname === '/public'), menuLink(page, en['nav.public']).click()]);
		expect(params(page), 'the public page applies none of these filters').toEqual({ lang: 'en' });

		await page.goto(`${web.url}/provinces?${new URLSearchParams({ ...filters, metric: 'per_capita' })}`);
		const reset = page.locator('[data-testid="filter-bar"]').getByRole('link', { name: en['filter.reset'], exact: true });
		expect(await reset.isVisible()).toBe(true);
		await waitUntilLaidOut(page);
		await screenshot(page, 'view-state-filters-kept-en');
		await Promise.all([page.waitForURL((url) => !url.searchParams.has('sector')), reset.click()]);
		expect(params(page), 'reset clears the filters, keeps the language and the page state').toEqual({ lang: 'en', metric: 'per_capita' });
		await journey.close();
	});
});
