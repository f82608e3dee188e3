/**
 * The Quick Win projection on the forecast method (issue #16, docs/forecasting.md): the overview's
 * and the public page's year-end projection and 80 % band are the latest forecast run's stored
 * forecast_year_end row (SQL on the table), the public page shows the same year-end as the
 * overview for the same data version, the pace still needed is shown per month and per day, and
 * the what-if ("N more placements a month") equals its documented formula on the stored rows:
 * projection + N × months_remaining, months_remaining = 12 − day of year of the as-of date / days in
 * the year × 12 (computed here in SQL). In Indonesian and English, on a desk and on a phone.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, queryRows } from '../../warehouse/src/client.ts';
import { screenshot } from '../support/browser.ts';
import { openAs, openJourney, testBrowser, waitUntilLaidOut } from '../support/journey.ts';

const web = inject('web')!;
const db = connect(inject('clickhouse'));
let browser: Browser;

interface Stored {
	year: number;
	achieved: number;
	point: number;
	lo80: number;
	hi80: number;
	target: number;
	monthsRemaining: number;
	daysToGo: number;
}
let stored: Stored;

beforeAll(async () => {
	browser = await testBrowser();
	const [row] = await queryRows<Record<string, string | number>>(
		db,
		`SELECT year, achieved, point, lo80, hi80,
			(SELECT max(as_of) FROM agg_as_of) AS a,
			toDayOfYear(toDate(concat(toString(year), '-12-31'))) AS days_in_year,
			12 - toDayOfYear(a) / days_in_year * 12 AS months_remaining,
			days_in_year - toDayOfYear(a) AS days_to_go
		 FROM forecast_year_end
		 WHERE run_id = (SELECT argMax(run_id, build_ms) FROM forecast_runs) AND measure = 'medium_high_placements'`,
	);
	expect(row, 'a stored Quick Win year-end').toBeTruthy();
	const [target] = await queryRows<{ target: string | number }>(
		db,
		`SELECT sumIf(value, scope = 'national') AS target FROM dim_targets WHERE metric = 'medium_high_placements' AND year = ${Number(row!.year)}`,
	);
	stored = {
		year: Number(row!.year),
		achieved: Number(row!.achieved),
		point: Number(row!.point),
		lo80: Number(row!.lo80),
		hi80: Number(row!.hi80),
		target: Number(target!.target),
		monthsRemaining: Number(row!.months_remaining),
		daysToGo: Number(row!.days_to_go),
	};
});
afterAll(async () => {
	await browser?.close();
	await db.close();
});

const fmt = (lang: 'id' | 'en', v: number) =>
	new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 0 }).format(v);
const text = async (page: Page, testid: string) => ((await page.getByTestId(testid).textContent()) ?? '').replace(/\s+/g, ' ');

/** "projection … X (a–b)" as the tiles write it, from the stored row. */
function projectionText(lang: 'id' | 'en'): string {
	const label = lang === 'id' ? 'proyeksi 31 Des (pita 80 %)' : 'projection to 31 Dec (80 % band)';
	return `${label} ${fmt(lang, stored.point)} (${fmt(lang, stored.lo80)}–${fmt(lang, stored.hi80)})`;
}

describe('Quick Win projection and what-if', () => {
	for (const lang of ['id', 'en'] as const) {
		it(`overview (${lang}): the stored year-end and band, the paces, and the what-if from the stored rows`, async () => {
			const journey = await openAs(browser, web.url, 'menteri');
			const { page } = journey;
			const n = 5000;
			await page.goto(`${web.url}/?whatif=${n}${lang === 'en' ? '&lang=en' : ''}`);
			await waitUntilLaidOut(page);
			expect(await text(page, 'kpi-quick-win')).toContain(projectionText(lang));
			expect(await text(page, 'kpi-pace')).toContain(
				`${fmt(lang, Math.max(stored.target - stored.achieved, 0) / stored.daysToGo)} ${lang === 'id' ? 'per hari' : 'a day'}`,
			);
			// the what-if: projection + N x months remaining, the band moved by the same amount
			const result = page.getByTestId('what-if-result');
			const yearEnd = stored.point + n * stored.monthsRemaining;
			expect(Number(await result.getAttribute('data-year-end'))).toBeCloseTo(yearEnd, 6);
			const shown = (await result.textContent())?.replace(/\s+/g, ' ') ?? '';
			expect(shown).toContain(fmt(lang, yearEnd));
			expect(shown).toContain(
				`${fmt(lang, stored.lo80 + n * stored.monthsRemaining)}–${fmt(lang, stored.hi80 + n * stored.monthsRemaining)}`,
			);
			const met = yearEnd >= stored.target;
			expect(await page.getByTestId('what-if-verdict').getAttribute('data-met')).toBe(String(met));
			if (!met) expect(shown).toContain(fmt(lang, (stored.target - stored.point) / stored.monthsRemaining));
			expect(shown).toContain(lang === 'id' ? 'per bulan sampai 31 Desember' : 'a month until 31 December');
			// the input stays in the URL and in the field, the filters are kept by the form
			expect(await page.locator('#what-if-input').inputValue()).toBe(String(n));
			await page.locator('#what-if-input').fill('12000');
			await Promise.all([page.waitForURL(/whatif=12000/), page.getByTestId('what-if').getByRole('button').click()]);
			if (lang === 'en') expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
			await expect
				.poll(async () => Number(await page.getByTestId('what-if-result').getAttribute('data-year-end')))
				.toBeCloseTo(stored.point + 12000 * stored.monthsRemaining, 6);
			// invalid input is said, in the page's language, and computes nothing
			await page.goto(`${web.url}/?whatif=-3${lang === 'en' ? '&lang=en' : ''}`);
			expect(await text(page, 'what-if-invalid')).toContain(lang === 'id' ? 'Masukkan bilangan bulat' : 'Enter a whole number');
			expect(await page.getByTestId('what-if-result').count()).toBe(0);
			await screenshot(page, `quick-win-what-if-${lang}`);
			await journey.close();
		});

		it(`public (${lang}): the same year-end as the overview, the paces and the projected trend`, async () => {
			const journey = await openJourney(browser);
			const { page } = journey;
			await page.goto(`${web.url}/public${lang === 'en' ? '?lang=en' : ''}`);
			await waitUntilLaidOut(page);
			expect(await text(page, 'public-quick-win')).toContain(projectionText(lang));
			expect(await text(page, 'public-pace')).toContain(
				`${fmt(lang, Math.max(stored.target - stored.achieved, 0) / stored.daysToGo)} ${lang === 'id' ? 'per hari' : 'a day'}`,
			);
			// the overview's tile for the same data version says the same
			const official = await openAs(browser, web.url, 'direktur');
			await official.page.goto(`${web.url}/${lang === 'en' ? '?lang=en' : ''}`);
			await waitUntilLaidOut(official.page);
			const overviewTile = await text(official.page, 'kpi-quick-win');
			const publicTile = await text(page, 'public-quick-win');
			const projectionOf = (s: string) => s.slice(s.indexOf(lang === 'id' ? 'proyeksi' : 'projection'));
			expect(projectionOf(publicTile)).toContain(projectionOf(overviewTile).split(')')[0]!);
			await official.close();
			// the public trend card's table ends in December at the stored projection and band
			const card = page.locator('[data-chart-id="public-quick-win-trend"]');
			const toggle = card.locator('.actions button[aria-pressed]');
			if ((await toggle.getAttribute('aria-pressed')) === 'false') await toggle.click();
			const last = (await card.locator('tbody tr').last().locator('td, th').allTextContents()).map((c) => c.trim());
			expect(last.slice(2, 5)).toEqual([fmt(lang, stored.point), fmt(lang, stored.lo80), fmt(lang, stored.hi80)]);
			expect(journey.foreign).toEqual([]);
			await journey.close();
		});
	}

	it('phone (390×844): the what-if fits the screen, tap targets are 44 px; a regional head has no what-if', async () => {
		const journey = await openAs(browser, web.url, 'direktur', { width: 390, height: 844 });
		const { page } = journey;
		await page.goto(`${web.url}/?whatif=1000`);
		await waitUntilLaidOut(page);
		const box = (await page.getByTestId('what-if').boundingBox())!;
		expect(box.x).toBeGreaterThanOrEqual(0);
		expect(box.x + box.width).toBeLessThanOrEqual(390);
		for (const target of [page.locator('#what-if-input'), page.getByTestId('what-if').getByRole('button')]) {
			const b = (await target.boundingBox())!;
			expect(b.height).toBeGreaterThanOrEqual(44);
			expect(b.x + b.width).toBeLessThanOrEqual(390);
		}
		expect(Number(await page.getByTestId('what-if-result').getAttribute('data-year-end'))).toBeCloseTo(
			stored.point + 1000 * stored.monthsRemaining,
			6,
		);
		await screenshot(page, 'quick-win-what-if-phone');
		await journey.close();
		const regional = await openAs(browser, web.url, 'kepala-ntb');
		await regional.page.goto(`${web.url}/?whatif=1000`);
		await waitUntilLaidOut(regional.page);
		expect(await regional.page.getByTestId('what-if').count()).toBe(0);
		await regional.close();
	});
});
