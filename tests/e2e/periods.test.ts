/**
 * Periods tell the truth (issue #12, items 4, 7 and 13a). The month (or year) the data reach only
 * in part is marked on every trend, after loading and after a filter change; the Quick Win
 * projection draws its points and its band, ending at the forecast and band the semantic layer
 * gives; the pace is per remaining month and per day, consistent with the gap; Quick Win cards say
 * they ignore the filters they cannot apply; labels name the period they show and the data date
 * when the period's end is still to come; a public year without data is refused, not replaced.
 *
 * Expectations come from the facts (the as-of date, the placements of a slice, in SQL) and from
 * Cube (the forecast and its band, themselves checked against SQL in rates-and-targets.test.ts).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatDate, formatMonth } from '../../web/src/lib/format.ts';
import { translator } from '../../web/src/lib/i18n/index.ts';
import { AS_OF_SQL, sqlValue } from '../integration/metrics/harness.ts';
import { elementScreenshot, screenshot } from '../support/browser.ts';
import { cubeLoad } from '../support/cube-client.ts';
import { type DrawnTrend, drawnTrends, openAs, openJourney, testBrowser, waitUntilLaidOut } from '../support/journey.ts';

const web = inject('web')!;
const cube = inject('cube')!;
let browser: Browser;
let asOf: string;

beforeAll(async () => {
	browser = await testBrowser();
	asOf = String(await sqlValue(`SELECT toString(${AS_OF_SQL})`));
});
afterAll(async () => {
	await browser?.close();
});

const lastDayOf = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
/** the running month of the data, YYYY-MM (the tests' data stop mid-month) */
const runningMonth = () => asOf.slice(0, 7);
const id = (v: unknown) => new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }).format(Number(v));

/**
 * The trend `chart` marks exactly the category `label` as partial: one labelled mark line on it,
 * its points drawn distinctly at that index only, and the note naming the data date.
 */
function expectMarked(trend: DrawnTrend | undefined, label: string, lang: 'id' | 'en', where: string): void {
	expect(trend, `${where}: the trend is drawn`).toBeDefined();
	if (!trend) return;
	const index = trend.labels.indexOf(label);
	expect(index, `${where}: ${label} is on the x axis of ${trend.chart}`).toBeGreaterThanOrEqual(0);
	expect(trend.marked, `${where}: ${trend.chart} marks the running period ${label}, and only it`).toEqual([
		{ at: label, label: lang === 'en' ? 'incomplete' : 'belum lengkap' },
	]);
	for (const series of trend.series) {
		if (series.stack?.startsWith('band-')) continue;
		const drawnThere = series.values[index] !== null && series.values[index] !== undefined;
		expect(series.distinct, `${where}: ${trend.chart} / ${series.name} draws the partial point distinctly`).toEqual(
			drawnThere ? [index] : [],
		);
	}
	expect(trend.note, `${where}: ${trend.chart} says why`).toContain(formatDate(asOf, lang));
}

function trendOf(trends: DrawnTrend[], chart: string): DrawnTrend | undefined {
	return trends.find((t) => t.chart === chart);
}

describe('partial periods are marked on every trend', () => {
	it('the running month of the data is not the last day of its month (else nothing here is partial)', () => {
		expect(Number(asOf.slice(8, 10))).toBeLessThan(lastDayOf(runningMonth()));
	});

	for (const lang of ['id', 'en'] as const) {
		it(`overview, country, provinces and public trends, after load and after a filter change (${lang})`, async () => {
			const journey = await openAs(browser, web.url, 'menteri');
			const { page } = journey;
			const q = lang === 'en' ? '?lang=en' : '';
			const month = formatMonth(runningMonth(), lang);
			const year = asOf.slice(0, 4);

			await page.goto(`${web.url}/${q}`);
			await waitUntilLaidOut(page);
			expectMarked(trendOf(await drawnTrends(page), 'quick-win-trend'), month, lang, 'overview');

			// a filter change through the filter bar (client-side navigation: the chart is updated, not rebuilt)
			await page.locator('[data-testid="filter-gender"]').selectOption({ index: 2 });
			await Promise.all([page.waitForURL(/gender=/), page.click('[data-testid="filter-bar"] button[type=submit]')]);
			await waitUntilLaidOut(page);
			expectMarked(trendOf(await drawnTrends(page), 'quick-win-trend'), month, lang, 'overview, filtered');
			await screenshot(page, `periods-overview-filtered-${lang}`);

			await page.goto(`${web.url}/markets/SA${q}`);
			await waitUntilLaidOut(page);
			expectMarked(trendOf(await drawnTrends(page), 'country-trend'), month, lang, 'country');
			// a period ending before the running month: nothing is partial any more, and nothing stays marked
			const previousYear = String(Number(year) - 1);
			await page.selectOption('[data-testid="filter-bar"] select[name=from]', `${previousYear}-01`);
			await page.selectOption('[data-testid="filter-bar"] select[name=to]', `${previousYear}-12`);
			await Promise.all([page.waitForURL(/to=/), page.click('[data-testid="filter-bar"] button[type=submit]')]);
			await waitUntilLaidOut(page);
			const complete = trendOf(await drawnTrends(page), 'country-trend');
			expect(complete?.labels.at(-1), 'the country trend now ends in December').toBe(formatMonth(`${previousYear}-12`, lang));
			expect(complete?.marked, 'a complete year has no partial mark').toEqual([]);
			expect(complete?.series.flatMap((s) => s.distinct)).toEqual([]);
			expect(complete?.note).toBeNull();
			// back to a period reaching the running month
			await page.selectOption('[data-testid="filter-bar"] select[name=to]', runningMonth());
			await Promise.all([
				page.waitForURL((url) => !url.search.includes(`to=${previousYear}-12`)),
				page.click('[data-testid="filter-bar"] button[type=submit]'),
			]);
			await waitUntilLaidOut(page);
			expectMarked(trendOf(await drawnTrends(page), 'country-trend'), month, lang, 'country, filtered');

			// the default period (≤ 24 months) compares by month, named as the page's language names months
			await page.goto(`${web.url}/provinces?compare=35&compare=52${lang === 'en' ? '&lang=en' : ''}`);
			await waitUntilLaidOut(page);
			const monthly = (await drawnTrends(page)).find((t) => t.labels.includes(month));
			expectMarked(monthly, month, lang, 'provinces comparison (monthly)');
			// a longer period compares by year
			await page.goto(
				`${web.url}/provinces?compare=35&compare=52&from=${Number(year) - 3}-01&to=${runningMonth()}${lang === 'en' ? '&lang=en' : ''}`,
			);
			await waitUntilLaidOut(page);
			const yearly = (await drawnTrends(page)).find((t) => t.labels.includes(year));
			expectMarked(yearly, year, lang, 'provinces comparison (yearly)');

			await page.goto(`${web.url}/public${q}`);
			await waitUntilLaidOut(page);
			expectMarked(trendOf(await drawnTrends(page), 'public-placements-by-month'), month, lang, 'public');
			await screenshot(page, `periods-public-${lang}`);
			await journey.close();
		});
	}

	it('at phone width the mark and its note are there too', async () => {
		const journey = await openAs(browser, web.url, 'menteri', { width: 390, height: 844 });
		const { page } = journey;
		await page.goto(`${web.url}/`);
		await waitUntilLaidOut(page);
		expectMarked(trendOf(await drawnTrends(page), 'quick-win-trend'), formatMonth(runningMonth(), 'id'), 'id', 'overview, phone');
		await expect.poll(() => page.locator('[data-chart-id="quick-win-trend"] [data-testid="partial-note"]').isVisible()).toBe(true);
		await elementScreenshot(page.locator('[data-chart-id="quick-win-trend"]'), 'periods-quick-win-phone-id');
		await journey.close();
	});
});

const FORECAST = ['quick_win.achieved', 'quick_win.forecast', 'quick_win.forecast_low', 'quick_win.forecast_high'];
const PACE = ['quick_win.remaining', 'quick_win.pace_needed_per_month', 'quick_win.pace_needed_per_day', 'quick_win.months_to_go'];

async function quickWin(year: string, measures: string[] = FORECAST) {
	const [row] = await cubeLoad(
		cube,
		{ role: 'minister' },
		{ measures, filters: [{ member: 'quick_win.year', operator: 'equals', values: [year] }] },
	);
	return row ?? {};
}

describe('the Quick Win chart and tiles', () => {
	it('the projection draws points from the last complete month to December, with its band ending at the forecast band', async () => {
		const journey = await openAs(browser, web.url, 'menteri');
		const { page } = journey;
		await page.goto(`${web.url}/?lang=en`);
		await waitUntilLaidOut(page);
		const trend = trendOf(await drawnTrends(page), 'quick-win-trend');
		const qw = await quickWin(asOf.slice(0, 4));
		const projected = trend?.series.find((s) => s.name === 'Projected');
		const drawn = (projected?.values ?? []).flatMap((v, i) => (v === null ? [] : [i]));
		const asOfIndex = Number(asOf.slice(5, 7)) - 1;
		expect(drawn, 'the projection starts at the last complete month and runs to December').toEqual(
			Array.from({ length: 12 - (asOfIndex - 1) }, (_, k) => asOfIndex - 1 + k),
		);
		const cumulative = trend?.series.find((s) => s.name === 'Cumulative');
		expect(projected?.values[asOfIndex - 1], 'it starts where the achieved line is').toBeCloseTo(
			Number(cumulative?.values[asOfIndex - 1]),
			3,
		);
		expect(projected?.values[11]).toBeCloseTo(Number(qw['quick_win.forecast']), 3);
		// the band: a transparent base at the low path, and the area of high − low stacked on it
		const base = trend?.series.find((s) => s.stack === 'band-2' && s.name.endsWith('-base'));
		const band = trend?.series.find((s) => s.stack === 'band-2' && s.name === translator('en')('overview.projectedBand'));
		expect(base && band, 'the band is drawn').toBeTruthy();
		expect(base?.values[11]).toBeCloseTo(Number(qw['quick_win.forecast_low']), 3);
		expect(Number(base?.values[11]) + Number(band?.values[11])).toBeCloseTo(Number(qw['quick_win.forecast_high']), 3);
		expect(Number(band?.values[11]), 'the band has a width in December').toBeGreaterThan(0);
		// months after the running one have no placements yet: no bars of zero
		const inMonth = trend?.series.find((s) => s.name === translator('en')('overview.inMonth'));
		expect(inMonth?.values.slice(asOfIndex + 1).every((v) => v === null)).toBe(true);
		await elementScreenshot(page.locator('[data-chart-id="quick-win-trend"]'), 'periods-quick-win-en');
		await journey.close();
	});

	// (one visit of the overview for both: the pace tile and the open-slots tile are on the same page)
	it('the pace is per remaining month and per day, and the month pace never exceeds the gap; open slots in a running month are read at the data date, not at a month end still to come', async () => {
		const journey = await openAs(browser, web.url, 'menteri');
		const { page } = journey;
		await page.goto(`${web.url}/`);
		await waitUntilLaidOut(page);
		const text = (await page.getByTestId('kpi-pace').textContent()) ?? '';
		expect(text, 'the pace per day is shown').toContain('per hari');
		const qw = await quickWin(asOf.slice(0, 4), PACE);
		expect(text).toContain(id(qw['quick_win.pace_needed_per_month']));
		expect(text).toContain(`${id(qw['quick_win.pace_needed_per_day'])} per hari`);
		expect(text).toContain(`sisa ${id(qw['quick_win.remaining'])} dalam ${id(qw['quick_win.months_to_go'])} bulan`);
		expect(Number(qw['quick_win.pace_needed_per_month'])).toBeLessThanOrEqual(Number(qw['quick_win.remaining']));
		expect(Number(qw['quick_win.pace_needed_per_month']) * Number(qw['quick_win.months_to_go'])).toBeCloseTo(
			Number(qw['quick_win.remaining']),
			3,
		);
		const openSlots = (await page.getByTestId('kpi-open-slots').textContent()) ?? '';
		expect(openSlots).toContain(`pada ${formatDate(asOf, 'id')}`);
		expect(openSlots).not.toContain(`akhir ${formatMonth(runningMonth(), 'id')}`);
		await journey.close();
	});

	it('with filters it cannot apply, the Quick Win says so, and the placements tile names its period and applies the rest', async () => {
		const journey = await openAs(browser, web.url, 'menteri');
		const { page } = journey;
		const year = asOf.slice(0, 4);
		const province = String(
			await sqlValue(`SELECT province_code FROM fct_placements GROUP BY province_code ORDER BY count() DESC LIMIT 1`),
		);
		for (const lang of ['id', 'en'] as const) {
			await page.goto(`${web.url}/?province=${province}&from=${year}-03&to=${year}-08${lang === 'en' ? '&lang=en' : ''}`);
			await waitUntilLaidOut(page);
			const qw = await quickWin(year);
			const tile = (await page.getByTestId('kpi-quick-win').textContent()) ?? '';
			// the national figure, unchanged by the province filter, and said to be national
			expect(tile).toContain(id(qw['quick_win.achieved']));
			const ignored = (await page.getByTestId('kpi-quick-win').getByTestId('tile-ignored').textContent()) ?? '';
			expect(ignored).toContain(lang === 'en' ? 'National yearly target' : 'Target nasional tahunan');
			expect(ignored).toContain(`1 Jan–${formatDate(asOf, lang)}`);
			expect(ignored).toContain(translator(lang)('dim.province'));
			expect(ignored).toContain(translator(lang)('dim.period'));
			const trendCard = (await page.locator('[data-chart-id="quick-win-trend"]').textContent()) ?? '';
			expect(trendCard).toContain(lang === 'en' ? 'These filters do not apply' : 'Filter berikut tidak berlaku');
			// the placements tile: 1 January to the end of August in the province (the facts), labelled so
			const placements = await sqlValue(
				`SELECT count() FROM fct_placements WHERE province_code = '${province}' AND departure_date BETWEEN toDate('${year}-01-01') AND toDate('${year}-08-31')`,
			);
			const ytd = page.getByTestId('kpi-placements');
			expect((await ytd.locator('.label').textContent())?.trim()).toBe(
				`${lang === 'en' ? 'Placements' : 'Penempatan'} 1 Jan–${formatDate(`${year}-08-31`, lang)}`,
			);
			const fmt = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 0 });
			expect((await ytd.locator('.value').textContent())?.trim()).toBe(fmt.format(Number(placements)));
			expect(await ytd.getByTestId('tile-ignored').textContent()).toContain(formatMonth(`${year}-03`, lang));
			await screenshot(page, `periods-overview-ignored-${lang}`);
		}
		await journey.close();
	});
});

describe('public data for a year without data', () => {
	async function refused(page: Page, lang: 'id' | 'en') {
		await page.goto(`${web.url}/public?year=1999${lang === 'en' ? '&lang=en' : ''}`);
		const notice = page.getByTestId('public-year-refused');
		await expect.poll(() => notice.isVisible()).toBe(true);
		return (await notice.textContent()) ?? '';
	}

	it('says there is no data for 1999 and which years exist, in both languages; the CSV is refused', async () => {
		const journey = await openJourney(browser);
		const { page } = journey;
		const latest = asOf.slice(0, 4);
		expect(await refused(page, 'id')).toBe(`Tidak ada data untuk tahun 1999. Tahun yang tersedia: 2019–${latest}.`);
		expect(await refused(page, 'en')).toBe(`There is no data for 1999. Years available: 2019–${latest}.`);
		await screenshot(page, 'periods-public-1999-en');
		const csv = await fetch(`${web.url}/public/data/placements-by-month.csv?year=1999`);
		expect(csv.status).toBe(404);
		const ok = await fetch(`${web.url}/public/data/placements-by-month.csv?year=${latest}`);
		expect(ok.status).toBe(200);
		await journey.close();
	});
});
