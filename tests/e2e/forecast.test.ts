/**
 * The country page continues its trend with the forecast (docs/forecasting.md): the card's table
 * (what the chart draws) has the forecast months after the period, with demand and placements
 * forecasts and the 80 % range equal to the latest stored run in the warehouse, the running month
 * marked, and the chart's legend names the forecast lines and band.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, queryRows } from '../../warehouse/src/client.ts';
import { screenshot } from '../support/browser.ts';
import { chartLegends, openAs, testBrowser, waitUntilLaidOut } from '../support/journey.ts';

const web = inject('web')!;
const db = connect(inject('clickhouse'));
let browser: Browser;

beforeAll(async () => {
	browser = await testBrowser();
});
afterAll(async () => {
	await browser?.close();
	await db.close();
});

/** A number as the Indonesian interface writes it ("1.480"); null for "–" or empty. */
function parseId(text: string): number | null {
	const cleaned = text.replace(/\s/g, '');
	if (!/\d/.test(cleaned)) return null;
	return Number(cleaned.replace(/[^\d,-]/g, '').replace(',', '.'));
}

const MONTHS_ID = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];

describe('country page forecast', () => {
	it('continues the trend of Saudi Arabia with the stored forecast and its 80 % range', async () => {
		const stored = await queryRows<{ month: string; measure: string; point: number; lo80: number; hi80: number; partial: number }>(
			db,
			`SELECT toString(month) AS month, measure, point, lo80, hi80, partial FROM forecasts
			 WHERE run_id = (SELECT argMax(run_id, build_ms) FROM forecast_runs) AND level = 'country' AND country_iso2 = 'SA'
			   AND measure IN ('slots', 'placements') ORDER BY month, measure`,
		);
		expect(stored.length).toBe(24);
		const journey = await openAs(browser, web.url, 'direktur');
		const { page } = journey;
		await page.goto(`${web.url}/markets/SA`);
		await waitUntilLaidOut(page);
		// the chart (before the table replaces it)
		const legends = (await chartLegends(page)).filter((l) => l.chart === 'country-trend').map((l) => l.name);
		expect(legends).toEqual(expect.arrayContaining(['Prakiraan permintaan', 'Prakiraan penempatan', 'Prakiraan penempatan, rentang 80 %']));
		await screenshot(page, 'country-forecast');
		const card = page.locator('[data-chart-id="country-trend"]');
		const toggle = card.locator('.actions button[aria-pressed]');
		if ((await toggle.getAttribute('aria-pressed')) === 'false') await toggle.click();
		await card.locator('table').waitFor();
		const headers = (await card.locator('thead th').allTextContents()).map((h) => h.trim());
		const mine = [
			'Prakiraan permintaan',
			'Prakiraan penempatan',
			'Prakiraan penempatan, batas bawah 80 %',
			'Prakiraan penempatan, batas atas 80 %',
		];
		expect(headers.slice(3)).toEqual(mine);
		const [demandAt, placementsAt, lowAt, highAt] = mine.map((h) => headers.indexOf(h)) as [number, number, number, number];
		const rows = await card
			.locator('tbody tr')
			.evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim() ?? '')));
		const byLabel = new Map(rows.map((r) => [r[0]!, r]));
		for (const month of new Set(stored.map((s) => s.month))) {
			const [y, m] = month.split('-').map(Number) as [number, number];
			const slots = stored.find((s) => s.month === month && s.measure === 'slots')!;
			const placements = stored.find((s) => s.month === month && s.measure === 'placements')!;
			// the running month carries the partial-period mark of lib/periods.ts
			const label = `${MONTHS_ID[m - 1]} ${y}${Number(placements.partial) === 1 ? ' (belum lengkap)' : ''}`;
			const row = byLabel.get(label);
			expect(row, `a table row for ${label} (rows: ${[...byLabel.keys()].join(', ')})`).toBeDefined();
			expect(parseId(row![demandAt]!), `${label} demand forecast`).toBe(Math.round(Number(slots.point)));
			expect(parseId(row![placementsAt]!), `${label} placements forecast`).toBe(Math.round(Number(placements.point)));
			expect(parseId(row![lowAt]!), `${label} 80 % low`).toBe(Math.round(Number(placements.lo80)));
			expect(parseId(row![highAt]!), `${label} 80 % high`).toBe(Math.round(Number(placements.hi80)));
		}
		// months after the data have no actuals yet: their actual cells are empty
		const last = rows.at(-1)!;
		expect(parseId(last[1]!)).toBeNull();
		expect(parseId(last[2]!)).toBeNull();
		expect(journey.foreign).toEqual([]);
		await journey.close();
	});
});

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A number as either interface writes it ("1.480" / "1,480"); null for "–" or empty. */
function parseNumber(text: string, lang: 'id' | 'en'): number | null {
	return lang === 'id' ? parseId(text) : /\d/.test(text) ? Number(text.replace(/[^\d.-]/g, '')) : null;
}

describe('markets page forecast', () => {
	// nationally with no filter, then one country (SA), then one country and one sector (its largest)
	const cases = [
		{ lang: 'id', query: '', level: 'national', where: '', width: 1280 },
		{ lang: 'en', query: '?lang=en&country=SA', level: 'country', where: `AND country_iso2 = 'SA'`, width: 1280 },
		{
			lang: 'id',
			query: '?country=SA&sector={sector}',
			level: 'country_sector',
			where: `AND country_iso2 = 'SA' AND sector = '{sector}'`,
			width: 390,
		},
	] as const;
	for (const c of cases) {
		it(`continues the ${c.level} trend with the stored forecast and its 80 % band (${c.lang}, ${c.width} px)`, async () => {
			const [top] = await queryRows<{ sector: string }>(
				db,
				`SELECT sector FROM forecasts WHERE run_id = (SELECT argMax(run_id, build_ms) FROM forecast_runs)
				 AND level = 'country_sector' AND country_iso2 = 'SA' AND measure = 'slots' GROUP BY sector ORDER BY sum(point) DESC LIMIT 1`,
			);
			const sector = top!.sector;
			const stored = await queryRows<{ month: string; measure: string; point: number; lo80: number; hi80: number; partial: number }>(
				db,
				`SELECT toString(month) AS month, measure, point, lo80, hi80, partial FROM forecasts
				 WHERE run_id = (SELECT argMax(run_id, build_ms) FROM forecast_runs) AND level = '${c.level}' ${c.where.replaceAll('{sector}', sector)}
				   AND measure IN ('slots', 'placements') ORDER BY month, measure`,
			);
			expect(stored.length).toBe(24);
			const journey = await openAs(browser, web.url, 'direktur', { width: c.width, height: c.width < 500 ? 844 : 900 });
			const { page } = journey;
			await page.goto(`${web.url}/markets${c.query.replaceAll('{sector}', sector)}`);
			await waitUntilLaidOut(page);
			// legends name the forecast lines and band, each in the colour its series draws
			const legends = (await chartLegends(page)).filter((l) => l.chart === 'markets-trend');
			const names =
				c.lang === 'id'
					? ['Prakiraan permintaan', 'Prakiraan penempatan', 'Prakiraan penempatan, rentang 80 %']
					: ['Demand forecast', 'Placements forecast', 'Placements forecast, 80 % range'];
			expect(legends.map((l) => l.name)).toEqual(expect.arrayContaining(names));
			for (const l of legends) expect(l.drawn, `${l.name}: legend ${l.legend}`).toEqual([l.legend]);
			await screenshot(page, `markets-forecast-${c.level}-${c.lang}`);
			const card = page.locator('[data-chart-id="markets-trend"]');
			const toggle = card.locator('.actions button[aria-pressed]');
			if ((await toggle.getAttribute('aria-pressed')) === 'false') await toggle.click();
			await card.locator('table').waitFor();
			const headers = (await card.locator('thead th').allTextContents()).map((h) => h.trim());
			const mine =
				c.lang === 'id'
					? [
							'Prakiraan permintaan',
							'Prakiraan penempatan',
							'Prakiraan penempatan, batas bawah 80 %',
							'Prakiraan penempatan, batas atas 80 %',
						]
					: ['Demand forecast', 'Placements forecast', 'Placements forecast, 80 % low', 'Placements forecast, 80 % high'];
			const [demandAt, placementsAt, lowAt, highAt] = mine.map((h) => headers.indexOf(h)) as [number, number, number, number];
			expect(Math.min(demandAt, placementsAt, lowAt, highAt)).toBeGreaterThan(0);
			const rows = await card
				.locator('tbody tr')
				.evaluateAll((trs) => trs.map((tr) => [...tr.children].map((x) => x.textContent?.trim() ?? '')));
			const byLabel = new Map(rows.map((r) => [r[0]!, r]));
			const months = c.lang === 'id' ? MONTHS_ID : MONTHS_EN;
			const mark = c.lang === 'id' ? ' (belum lengkap)' : ' (incomplete)';
			for (const month of new Set(stored.map((s) => s.month))) {
				const [y, m] = month.split('-').map(Number) as [number, number];
				const slots = stored.find((s) => s.month === month && s.measure === 'slots')!;
				const placements = stored.find((s) => s.month === month && s.measure === 'placements')!;
				const label = `${months[m - 1]} ${y}${Number(placements.partial) === 1 ? mark : ''}`;
				const row = byLabel.get(label);
				expect(row, `a table row for ${label} (rows: ${[...byLabel.keys()].join(', ')})`).toBeDefined();
				expect(parseNumber(row![demandAt]!, c.lang), `${label} demand forecast`).toBe(Math.round(Number(slots.point)));
				expect(parseNumber(row![placementsAt]!, c.lang), `${label} placements forecast`).toBe(Math.round(Number(placements.point)));
				expect(parseNumber(row![lowAt]!, c.lang), `${label} 80 % low`).toBe(Math.round(Number(placements.lo80)));
				expect(parseNumber(row![highAt]!, c.lang), `${label} 80 % high`).toBe(Math.round(Number(placements.hi80)));
			}
			expect(journey.foreign).toEqual([]);
			await journey.close();
		});
	}
});
