/**
 * Issue #15 §3, the training plan on /matching: what the page shows — the seat budget, the slots
 * the plan and the proportional allocation make fillable, and per origin province the seats,
 * candidates trained and slots of both with their per-seat ratio — equals independent SQL on the
 * stored plan of the latest run (match_plan, match_plan_runs), with "the plan fills X of at most Y"
 * (plan_fillable, plan_bound), in Indonesian and English, and the
 * section fits a 390 px phone screen. The table shows its first provinces and how many there are;
 * "show all" brings the rest, in place with JavaScript and as a link without (issue #13).
 */
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, queryRows } from '../../warehouse/src/client.ts';
import { formatValue } from '../../web/src/lib/format.ts';
import { en } from '../../web/src/lib/i18n/en.ts';
import { id } from '../../web/src/lib/i18n/id.ts';
import { MATCHING_FIRST_ROWS } from '../../web/src/lib/matching-tables.ts';
import { downloadedFile, screenshot } from '../support/browser.ts';
import { openAs, testBrowser, waitUntilRendered } from '../support/journey.ts';
import { digits, firstRowsThenAll, LATEST_RUN, rowsShownText, tableRows, tileValue } from '../support/matching-page.ts';
import { settleRefreshes } from '../support/refresh.ts';

const web = inject('web')!;
const ingest = inject('ingest');
const db = connect(inject('clickhouse'));
let browser: Browser;

beforeAll(async () => {
	browser = await testBrowser();
});
afterAll(async () => {
	await browser?.close();
	await db.close();
});

/** A ratio as the page writes it (two decimals in the page's language). */
const ratioText = (v: number, lang: 'id' | 'en') =>
	new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);

describe('/matching: the training plan equals SQL on the stored plan', () => {
	it('budget, slots made fillable by plan and proportional, and every province row, in id and en, and on a phone', async () => {
		await settleRefreshes(ingest);
		const [run] = await queryRows<Record<string, string>>(
			db,
			`SELECT budget, near_candidates, base_fillable, plan_fillable, plan_bound, budget_source FROM match_plan_runs WHERE run_id = ${LATEST_RUN}`,
		);
		const provinces = await queryRows<Record<string, string>>(
			db,
			`SELECT province_code, sum(plan_seats) AS ps, sum(plan_candidates) AS pc, sum(plan_slots) AS pl,
				sum(proportional_seats) AS qs, sum(proportional_candidates) AS qc, sum(proportional_slots) AS ql
			 FROM match_plan WHERE run_id = ${LATEST_RUN} GROUP BY province_code
			 ORDER BY pl DESC, province_code`,
		);
		if (!run || provinces.length === 0) throw new Error('the test stack stores a training plan with the matching run');
		// a province's six numbers as stored and as a row shows them; in the table's order (the most
		// slots made fillable first, then the province's code: matching_plan.province)
		const numbersOf = (p: Record<string, string>) => [p.ps, p.pc, p.pl, p.qs, p.qc, p.ql].map(Number).join('|');
		const shownNumbers = (cells: string[]) => cells.slice(1, 7).map(digits).join('|');
		const ordered = provinces.map(numbersOf);
		const sum = (f: string) => provinces.reduce((t, p) => t + Number(p[f]), 0);
		const perSeat = (slots: number, seats: number) => (seats > 0 ? slots / seats : 0);
		const ratio = (pl: number, pc: number, ql: number, qc: number) => {
			const q = perSeat(ql, qc);
			return pc > 0 && q > 0 ? perSeat(pl, pc) / q : null;
		};

		const journey = await openAs(browser, web.url, 'menteri');
		const { page } = journey;
		for (const [lang, dictionary] of [
			['id', id],
			['en', en],
		] as const) {
			// the page follows the stored run within Cube's refresh check and the data version's; the
			// tiles can be equal from run to run (CI: 65 seats, 65 slots, 13 rows in two runs), so wait
			// until every province row is the stored run's
			const stored = provinces.map(numbersOf).sort();
			await expect
				.poll(
					async () => {
						await page.goto(`${web.url}/matching?lang=${lang}`);
						const more = page.locator('[data-chart-id="plan-by-province"] [data-testid="rows-shown"]');
						if ((await more.count()) > 0) {
							await waitUntilRendered(page);
							await more.getByTestId('show-all').click();
							await more.waitFor({ state: 'detached', timeout: 15_000 });
						}
						return (await tableRows(page, 'plan-by-province')).map(shownNumbers).sort();
					},
					{ timeout: 30_000, interval: 1000 },
				)
				.toEqual(stored);
			// a first view: the provinces whose plan makes the most slots fillable, in that order, and
			// how many there are; "show all" brings the others into the card
			await page.goto(`${web.url}/matching?lang=${lang}`);
			const first = await firstRowsThenAll(page, 'plan-by-province', provinces.length, dictionary, lang);
			expect(first.map(shownNumbers)).toEqual(ordered.slice(0, MATCHING_FIRST_ROWS));
			expect(await tileValue(page, 'kpi-plan-budget')).toBe(Number(run.budget));
			expect(await page.locator('#plan').textContent()).toBe(dictionary['matching.planTitle']);
			expect(await tileValue(page, 'kpi-plan-slots')).toBe(sum('pl'));
			expect(await tileValue(page, 'kpi-plan-proportional')).toBe(sum('ql'));
			const total = ratio(sum('pl'), sum('pc'), sum('ql'), sum('qc'));
			const detail = (await page.getByTestId('kpi-plan-proportional').textContent()) ?? '';
			expect(detail).toContain(dictionary['matching.planPerSeatRatio']);
			if (total !== null) expect(detail).toContain(ratioText(total, lang));
			expect(digits(await page.getByTestId('kpi-plan-budget').locator('.detail').textContent())).toBe(Number(run.near_candidates));
			// beside the plan: "the plan fills X of at most Y" (planBound, stored with the run)
			expect((await page.getByTestId('plan-bound').textContent())?.trim()).toBe(
				dictionary['matching.planBound']
					.replace('{x}', formatValue(Number(run.plan_fillable), 'number', lang))
					.replace('{y}', formatValue(Number(run.plan_bound), 'number', lang)),
			);

			// which budget: the test stack plans with the default (matching-budget.test.ts goes back to it)
			expect(run.budget_source).toBe('default');
			expect((await page.getByTestId('plan-budget-source').textContent())?.trim()).toBe(dictionary['matching.planBudgetDefault']);

			// every province: the six numbers as stored, and its ratio
			const shown = await tableRows(page, 'plan-by-province');
			expect(shown.length).toBe(provinces.length);
			expect(shown.map(shownNumbers).sort()).toEqual(stored);
			for (const cells of shown) {
				const p = provinces.find((x) => numbersOf(x) === shownNumbers(cells))!;
				const r = ratio(Number(p.pl), Number(p.pc), Number(p.ql), Number(p.qc));
				expect(cells[7]).toBe(r === null ? '–' : ratioText(r, lang));
			}
			await screenshot(page, `matching-plan-${lang}`);

			// a phone: the page does not scroll sideways, and the plan's card fits the screen
			await page.setViewportSize({ width: 390, height: 844 });
			await page.goto(`${web.url}/matching?lang=${lang}`);
			const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
			expect(scroll, 'no horizontal scrolling').toBeLessThanOrEqual(width + 1);
			const card = await page.locator('[data-chart-id="plan-by-province"]').boundingBox();
			expect(card).not.toBeNull();
			expect((card?.x ?? 0) + (card?.width ?? 999)).toBeLessThanOrEqual(391);
			for (const tile of ['kpi-plan-budget', 'kpi-plan-slots', 'kpi-plan-proportional']) {
				const box = await page.getByTestId(tile).boundingBox();
				expect((box?.x ?? 0) + (box?.width ?? 999), tile).toBeLessThanOrEqual(391);
			}
			await page.locator('#plan').scrollIntoViewIfNeeded();
			await screenshot(page, `matching-plan-phone-${lang}`);
			await page.setViewportSize({ width: 1280, height: 900 });
		}

		// without JavaScript: the same first rows, and "show all" is a link to the page with the
		// table whole (?all=plan-by-province), rendered by the server
		const plain = await browser.newContext({ javaScriptEnabled: false, storageState: await journey.context.storageState() });
		const bare = await plain.newPage();
		await bare.goto(`${web.url}/matching?lang=en`);
		expect((await tableRows(bare, 'plan-by-province')).map(shownNumbers)).toEqual(ordered.slice(0, MATCHING_FIRST_ROWS));
		if (provinces.length > MATCHING_FIRST_ROWS) {
			const line = bare.locator('[data-chart-id="plan-by-province"] [data-testid="rows-shown"]');
			expect((await line.textContent())?.replace(/\s+/g, ' ').trim()).toBe(
				`${rowsShownText(en, MATCHING_FIRST_ROWS, provinces.length, 'en')} ${en['card.showAll']}`,
			);
			await Promise.all([bare.waitForURL(/[?&]all=plan-by-province/), line.getByTestId('show-all').click()]);
			expect(new URL(bare.url()).searchParams.get('lang')).toBe('en');
		}
		expect((await tableRows(bare, 'plan-by-province')).map(shownNumbers).sort()).toEqual(ordered.slice().sort());
		await plain.close();

		// a download of the card while it shows its first rows holds every province (it loads the
		// rest first, and the card then shows them too: the table and its CSV agree)
		await page.goto(`${web.url}/matching?lang=en`);
		await waitUntilRendered(page);
		const card = page.locator('[data-chart-id="plan-by-province"]');
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			card
				.getByTestId('downloads')
				.click()
				.then(() => card.getByTestId('download-csv').click()),
		]);
		const csv = (await readFile(await downloadedFile(download), 'utf8'))
			.replace(/^\uFEFF/, '')
			.split(/\r?\n/)
			.map((line) => line.split(';').map((cell) => cell.replace(/^"|"$/g, '')));
		const header = csv.findIndex((cells) => cells[0] === en['matching.planProvince']);
		expect(header, 'the CSV has the table header').toBeGreaterThanOrEqual(0);
		const csvRows = csv.slice(header + 1).filter((cells) => cells.length > 6 && cells[0] !== '');
		expect(csvRows.map((cells) => cells.slice(1, 7).map(digits).join('|')).sort()).toEqual(ordered.slice().sort());
		expect((await tableRows(page, 'plan-by-province')).map(shownNumbers).sort()).toEqual(ordered.slice().sort());
		await journey.close();
	});
});
