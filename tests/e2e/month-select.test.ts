/**
 * The filter bar's period speaks the page's language (issue #12, item 9): its months are named
 * as the page names them ("Januari 2026", not the browser's "January 2026" that a native
 * <input type="month"> draws), only months with data are offered, and choosing a month changes
 * the URL (from/to=YYYY-MM) and a tile to the facts' count for that period — with JavaScript, at
 * 390×844, and without JavaScript (the bar is a plain GET form).
 *
 * Expected numbers come from SQL on fct_placements; the month names from format.ts's MONTH_NAMES.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { monthEnd, monthsBetween } from '../../web/src/lib/filters.ts';
import { formatMonthLong, MONTH_NAMES } from '../../web/src/lib/format.ts';
import { translator } from '../../web/src/lib/i18n/index.ts';
import { AS_OF_SQL, sqlValue } from '../integration/metrics/harness.ts';
import { screenshot } from '../support/browser.ts';
import { DEMO_PASSWORD, openAs, testBrowser, waitUntilRendered } from '../support/journey.ts';

const web = inject('web')!;
let browser: Browser;
let asOf: string;

beforeAll(async () => {
	browser = await testBrowser();
	asOf = String(await sqlValue(`SELECT toString(${AS_OF_SQL})`));
});
afterAll(async () => {
	await browser?.close();
});

type Lang = 'id' | 'en';
const fmt = (lang: Lang, v: unknown) =>
	new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 0 }).format(Number(v));

/** What the two period fields show and offer. */
async function readPeriod(page: Page) {
	return page.evaluate(() => {
		const read = (testid: string) => {
			const field = document.querySelector<HTMLSelectElement | HTMLInputElement>(`[data-testid="${testid}"]`);
			if (!field) return null;
			if (!(field instanceof HTMLSelectElement))
				return { tag: field.tagName, type: field.type, shown: field.value, value: field.value, options: [] };
			return {
				tag: field.tagName,
				type: 'select',
				shown: field.selectedOptions[0]?.textContent?.trim() ?? '',
				value: field.value,
				options: [...field.options].map((o) => ({ value: o.value, text: o.textContent?.trim() ?? '' })),
			};
		};
		return { from: read('filter-from'), to: read('filter-to') };
	});
}

/** The country page's placements tile, found by its label. */
async function placementsTile(page: Page, lang: Lang): Promise<string> {
	const label = translator(lang)('markets.metric.placements');
	const tile = page.locator('.tile').filter({ has: page.locator('.label', { hasText: label }) });
	return ((await tile.locator('.value').textContent()) ?? '').trim();
}

async function placementsSql(country: string, from: string, to: string): Promise<number> {
	return Number(
		await sqlValue(
			`SELECT count() FROM fct_placements WHERE country_iso2 = '${country}' AND departure_date BETWEEN toDate('${from}-01') AND toDate('${monthEnd(to)}')`,
		),
	);
}

function expectInLanguage(period: Awaited<ReturnType<typeof readPeriod>>, lang: Lang, from: string, to: string, where: string): void {
	const other: Lang = lang === 'id' ? 'en' : 'id';
	const named = new RegExp(`^(${MONTH_NAMES[lang].join('|')}) \\d{4}$`);
	for (const [end, field, month] of [
		['from', period.from, from],
		['to', period.to, to],
	] as const) {
		expect(field?.type, `${where}: the ${end} field is a select the page fills, not a browser-drawn month input`).toBe('select');
		expect(field?.value, `${where}: ${end} value`).toBe(month);
		expect(field?.shown, `${where}: ${end} shows the month in the page's language`).toBe(formatMonthLong(month, lang));
		for (const option of field?.options ?? []) {
			expect(option.text, `${where}: ${end} option ${option.value}`).toMatch(named);
			expect(option.text, `${where}: ${end} option ${option.value}`).toBe(formatMonthLong(option.value, lang));
			for (const foreign of MONTH_NAMES[other]) {
				if (!MONTH_NAMES[lang].includes(foreign)) expect(option.text).not.toContain(foreign);
			}
		}
		// the months with data: none after the data date's month, each once, in order
		const values = (field?.options ?? []).map((o) => o.value);
		expect(values.at(-1), `${where}: ${end} ends at the data's latest month`).toBe(asOf.slice(0, 7));
		expect(values, `${where}: ${end} offers every month in order`).toEqual(monthsBetween(values[0] ?? '', asOf.slice(0, 7)));
	}
}

const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

describe('the period in the filter bar', () => {
	for (const viewport of ['desktop', 'phone'] as const) {
		for (const lang of ['id', 'en'] as const) {
			it(`names months in the page's language and choosing one changes the URL and the tile to the facts (${lang}, ${viewport})`, async () => {
				const journey = await openAs(browser, web.url, 'menteri', VIEWPORTS[viewport]);
				const { page } = journey;
				await page.goto(`${web.url}/markets/SA${lang === 'en' ? '?lang=en' : ''}`);
				await waitUntilRendered(page);
				const year = asOf.slice(0, 4);
				expectInLanguage(await readPeriod(page), lang, `${year}-01`, asOf.slice(0, 7), `${lang} ${viewport} default`);
				expect(await placementsTile(page, lang)).toBe(fmt(lang, await placementsSql('SA', `${year}-01`, asOf.slice(0, 7))));

				if (viewport === 'phone') await page.getByTestId('filter-toggle').click();
				const from = `${Number(year) - 1}-04`;
				const to = `${Number(year) - 1}-09`;
				await page.getByTestId('filter-from').selectOption(from);
				await page.getByTestId('filter-to').selectOption(to);
				await Promise.all([
					page.waitForURL((url) => url.searchParams.get('from') === from && url.searchParams.get('to') === to),
					page.getByRole('button', { name: translator(lang)('filter.apply') }).click(),
				]);
				await waitUntilRendered(page);
				const url = new URL(page.url());
				expect(url.searchParams.get('lang')).toBe(lang === 'en' ? 'en' : null);
				expect(await placementsTile(page, lang), `${lang} ${viewport}: the tile is the facts' count for ${from}…${to}`).toBe(
					fmt(lang, await placementsSql('SA', from, to)),
				);
				if (viewport === 'phone' && !(await page.getByTestId('filter-from').isVisible())) await page.getByTestId('filter-toggle').click();
				expectInLanguage(await readPeriod(page), lang, from, to, `${lang} ${viewport} chosen`);
				await screenshot(page, `month-select-${viewport}-${lang}`);
				await journey.close();
			});
		}
	}

	it('works without JavaScript: the form submits from/to=YYYY-MM and the server answers the period', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false, viewport: VIEWPORTS.desktop });
		const page = await context.newPage();
		// logged in through the form, landing on the country page (not on the overview first)
		await page.goto(`${web.url}/login?next=${encodeURIComponent('/markets/SA')}`);
		await page.fill('input[name=username]', 'menteri');
		await page.fill('input[name=password]', DEMO_PASSWORD);
		await Promise.all([page.waitForURL((url) => url.pathname === '/markets/SA', { timeout: 90_000 }), page.click('button[type=submit]')]);
		const year = asOf.slice(0, 4);
		expectInLanguage(await readPeriod(page), 'id', `${year}-01`, asOf.slice(0, 7), 'no JS default');
		const from = `${Number(year) - 1}-02`;
		const to = `${Number(year) - 1}-11`;
		await page.getByTestId('filter-from').selectOption(from);
		await page.getByTestId('filter-to').selectOption(to);
		await Promise.all([
			page.waitForURL((url) => url.searchParams.get('from') === from && url.searchParams.get('to') === to),
			page.getByRole('button', { name: translator('id')('filter.apply') }).click(),
		]);
		expect(await placementsTile(page, 'id')).toBe(fmt('id', await placementsSql('SA', from, to)));
		expectInLanguage(await readPeriod(page), 'id', from, to, 'no JS chosen');
		await context.close();
	});
});
