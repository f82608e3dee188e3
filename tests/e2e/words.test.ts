/**
 * Every page, in both languages and as every role, shows words a reader can read: no raw codes
 * (snake_case such as `nurse_str`, Cube member names such as `placements.country`, regency codes
 * such as "35.07"), no unformatted ISO dates, no English dictionary text in the Indonesian
 * interface and no Indonesian in the English one (month names included), no date field that the
 * browser draws in its own language, no Cube error text (issue #12 items 8 and 9).
 * What is read: the page's visible text, every aria-label/title/alt, the filter options, and the
 * labels, legends and series names that the ECharts canvases draw (read from the chart instance).
 * The minister's pages that `layout.test.ts` loads at desktop width anyway (`WORDS_READ_BY_LAYOUT`)
 * are read there, on the same visits, with the same check (`support/words.ts`).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, queryRows } from '../../warehouse/src/client.ts';
import { screenshot } from '../support/browser.ts';
import { openAs, openJourney, testBrowser, waitUntilLaidOut } from '../support/journey.ts';
import { problems, readableTexts, WORDS_READ_BY_LAYOUT } from '../support/words.ts';

const web = inject('web')!;
const db = connect(inject('clickhouse'));
let browser: Browser;
/** A Saudi Arabian sector and occupation whose job-order lines name a certificate and a language. */
let linesPath = '';

beforeAll(async () => {
	browser = await testBrowser();
	const [line] = await queryRows<{ sector: string; occupation: string }>(
		db,
		`SELECT sector, occupation_isco4 AS occupation FROM fct_job_order_lines
		 WHERE country_iso2 = 'SA' AND required_certificate != '' AND required_language != ''
		 GROUP BY sector, occupation_isco4 ORDER BY count() DESC LIMIT 1`,
	);
	if (!line) throw new Error('the tiny data set has no Saudi job-order line with a certificate and a language');
	linesPath = `/markets/SA?from=2019-01&sector=${line.sector}&occupation=${line.occupation}`;
});
afterAll(async () => {
	await browser?.close();
	await db.close();
});

/**
 * Every chart has drawn and every map exists (the text is the server's; what a chart adds comes with
 * drawing, what a map adds, its canvas's name and controls, with its creation).
 */
async function settle(page: Page): Promise<void> {
	await waitUntilLaidOut(page, { empty: true });
}

const INTERNAL = [
	'/',
	'/markets',
	'/markets/SA',
	'lines',
	'/provinces',
	'/provinces/52',
	'/provinces/35?regency=35.07',
	'/matching',
	'/public',
];

describe('every page speaks the reader’s language', () => {
	for (const who of ['public', 'menteri', 'direktur', 'kepala-ntb'] as const) {
		it(`${who}: no raw codes, member names, ISO dates or the other language`, async () => {
			const journey = who === 'public' ? await openJourney(browser) : await openAs(browser, web.url, who);
			const { page } = journey;
			// the minister's pages that layout.test.ts reads (same check, same width, both languages)
			const paths =
				who === 'public' ? ['/public', '/login'] : who === 'menteri' ? INTERNAL.filter((p) => !WORDS_READ_BY_LAYOUT.includes(p)) : INTERNAL;
			const found: Record<string, string[]> = {};
			for (const lang of ['id', 'en'] as const) {
				for (const path of paths) {
					const target = path === 'lines' ? linesPath : path;
					const url = new URL(`${web.url}${target}`);
					if (lang === 'en') url.searchParams.set('lang', 'en');
					await page.goto(url.toString());
					await settle(page);
					const list = problems(await readableTexts(page), lang);
					if (list.length > 0) found[`${lang} ${target}`] = list;
					if (path === 'lines' || path.includes('regency')) {
						await screenshot(page, `words-${who}-${lang}-${path === 'lines' ? 'lines' : 'regency'}`);
					}
				}
			}
			expect(found).toEqual({});
			await journey.close();
		});
	}

	it('at phone width too (390×844): job-order requirements and a refused regency page', async () => {
		const found: Record<string, string[]> = {};
		for (const [who, path] of [
			['menteri', 'lines'],
			['kepala-ntb', '/provinces/35?regency=35.07'],
		] as const) {
			const journey = await openAs(browser, web.url, who, { width: 390, height: 844 });
			const { page } = journey;
			for (const lang of ['id', 'en'] as const) {
				const url = new URL(`${web.url}${path === 'lines' ? linesPath : path}`);
				if (lang === 'en') url.searchParams.set('lang', 'en');
				await page.goto(url.toString());
				await settle(page);
				const list = problems(await readableTexts(page), lang);
				if (list.length > 0) found[`${who} ${lang} ${path}`] = list;
				await screenshot(page, `words-phone-${who}-${lang}`);
			}
			await journey.close();
		}
		expect(found).toEqual({});
	});
});
