/**
 * Journey: switching to English changes every label — navigation, headings, buttons, filter
 * labels, table headers, metric and country names — and switching back restores Indonesian.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { en } from '../../web/src/lib/i18n/en.ts';
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

/** Label text (hidden keyboard-path labels included): headings, navigation, buttons, form labels, legends, table headers, tiles. */
async function labels(page: Page): Promise<string> {
	return page.evaluate(() =>
		[...document.querySelectorAll('h1, h2, nav a, button, label, legend, th, option, .label, .detail, .muted, summary, figcaption')]
			.map((e) => e.textContent ?? '')
			.join('\n'),
	);
}

/** Indonesian texts of the dictionary that an English page must not show (acronyms like UKPS, kept inside their English label, excepted). */
const indonesianOnly = (Object.keys(id) as (keyof typeof id)[])
	.map((key) => [id[key].replace(/\{[a-z]+\}/g, '').trim(), en[key].trim()] as const)
	.filter(([idText, enText]) => idText.length > 3 && !enText.includes(idText))
	.map(([idText]) => idText);

/** Whether `text` appears in `shown` on its own, not as part of a longer word. */
function shownAsWords(shown: string, text: string): boolean {
	const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u').test(shown);
}

describe('language switch', () => {
	it('changes every label on the internal and public pages', async () => {
		const journey = await openAs(browser, web.url, 'direktur');
		const { page } = journey;
		for (const path of ['/', '/markets/SA', '/provinces/52', '/matching', '/public']) {
			await page.goto(`${web.url}${path}`);
			await waitUntilLaidOut(page);
			const before = await labels(page);
			expect(before).toContain(id['nav.overview']);
			await Promise.all([page.waitForURL(/lang=en/), page.getByTestId('lang-switch').click()]);
			await waitUntilLaidOut(page);
			await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
			await expect.poll(() => labels(page)).toContain(en['nav.overview']);
			await expect.poll(() => labels(page)).toContain(en['nav.overview']);
			const after = await labels(page);
			// whole words only: "dari" (of) inside "Mandarin" is not Indonesian left on the page
			const leftovers = indonesianOnly.filter((text) => shownAsWords(after, text));
			expect(leftovers, `${path}: Indonesian labels left in English`).toEqual([]);
			expect(after).toContain(en['nav.overview']);
			if (path === '/markets/SA') {
				await expect.poll(() => page.locator('h1').textContent()).toBe('Saudi Arabia');
				await screenshot(page, 'language-english-saudi-arabia');
			}
			await Promise.all([page.waitForURL((url) => url.searchParams.get('lang') === 'id'), page.getByTestId('lang-switch').click()]);
			await expect.poll(() => page.getAttribute('html', 'lang')).toBe('id');
		}
		expect(journey.foreign).toEqual([]);
		await journey.close();
	});
});
