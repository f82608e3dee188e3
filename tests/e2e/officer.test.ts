/**
 * Journey: a placement officer (petugas-ntb) logs in, lands on their page (never a dashboard),
 * opens a job-order line and one of its candidates, in Indonesian then English, on a desktop and
 * at phone width (390 px: nothing scrolls sideways). Every requirement is shown with a mark and a
 * word, not colour only; the minister finds the officer's views on /audit.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, queryRows } from '../../warehouse/src/client.ts';
import { screenshot } from '../support/browser.ts';
import { DEMO_PASSWORD, logIn, openJourney, testBrowser } from '../support/journey.ts';

const web = inject('web')!;
const db = connect(inject('clickhouse'));
let browser: Browser;
/** a line the engine recommended a Nusa Tenggara Barat candidate for */
let lineId = '';
let candidateId = '';

beforeAll(async () => {
	browser = await testBrowser();
	const [row] = await queryRows<{ line_id: string; candidate_id: string }>(
		db,
		`SELECT line_id, candidate_id FROM match_recommendations
		WHERE run_id = (SELECT max(run_id) FROM match_runs)
			AND candidate_id IN (SELECT candidate_id FROM agg_candidate_profile WHERE province_code = '52' AND available = 1)
		ORDER BY line_id, rank LIMIT 1`,
	);
	lineId = row?.line_id ?? '';
	candidateId = row?.candidate_id ?? '';
});
afterAll(async () => {
	await browser?.close();
});

const noSideways = async (page: import('playwright-core').Page, what: string) => {
	const { scrollWidth, clientWidth } = await page.evaluate(() => ({
		scrollWidth: document.documentElement.scrollWidth,
		clientWidth: document.documentElement.clientWidth,
	}));
	expect(scrollWidth, `${what} scrolls sideways`).toBeLessThanOrEqual(clientWidth);
};

describe('the placement officer', () => {
	for (const [width, height, name] of [
		[1280, 900, 'desktop'],
		[390, 844, 'phone'],
	] as const) {
		it(`opens a line and a candidate in Indonesian and English (${name})`, async () => {
			expect(lineId, 'the engine recommended an NTB candidate on the tiny data').not.toBe('');
			const journey = await openJourney(browser, { width, height });
			const { page } = journey;
			await logIn(page, web.url, 'petugas-ntb');
			await page.waitForURL((url) => url.pathname === '/officer');
			await expect(page.locator('h1').textContent()).resolves.toContain('petugas penempatan');
			// the officer's menu has no dashboard
			await expect(page.locator('nav a').allTextContents()).resolves.toEqual(['Petugas', 'Data publik']);
			await noSideways(page, `/officer ${name}`);
			await page.click(`a[data-line="${lineId}"]`);
			await page.waitForURL((url) => url.pathname === `/officer/lines/${lineId}`);
			const row = page.locator(`tr[data-candidate="${candidateId}"]`);
			await expect(row.count()).resolves.toBe(1);
			await expect(row.locator('[data-requirement="occupation"]').textContent()).resolves.toMatch(/✓\s*Jabatan\s*terpenuhi/);
			await expect(page.getByRole('note').textContent()).resolves.toContain('dicatat');
			await noSideways(page, `line ${name}`);
			await screenshot(page, `officer-line-id-${name}`);

			await page.click('[data-testid="lang-switch"]');
			await page.waitForURL((url) => url.searchParams.get('lang') === 'en');
			await expect(page.locator('h2#eligible-title').textContent()).resolves.toContain('Eligible candidates');
			await expect(row.locator('[data-requirement="occupation"]').textContent()).resolves.toMatch(/✓\s*Occupation\s*met/);
			await noSideways(page, `line en ${name}`);
			await screenshot(page, `officer-line-en-${name}`);

			await row.locator('a').first().click();
			await page.waitForURL((url) => url.pathname === `/officer/candidates/${candidateId}`);
			await expect(page.locator(`tr[data-line="${lineId}"][data-missing=""]`).count()).resolves.toBe(1);
			await expect(page.locator('h1').textContent()).resolves.toContain('Candidate');
			await noSideways(page, `candidate en ${name}`);
			await screenshot(page, `officer-candidate-en-${name}`);

			// a dashboard sends the officer back to their page
			await page.goto(`${web.url}/matching`);
			await page.waitForURL((url) => url.pathname === '/officer');
			expect(journey.foreign).toEqual([]);
			await journey.close();
		});
	}

	it('chooses lines by destination and occupation, with names, in both languages; a forged choice is refused', async () => {
		const journey = await openJourney(browser);
		const { page } = journey;
		await logIn(page, web.url, 'petugas-ntb');
		await page.waitForURL((url) => url.pathname === '/officer');
		const [province] = await queryRows<{ name: string }>(db, "SELECT name FROM dim_provinces WHERE province_code = '52'");
		await expect(page.getByTestId('officer-province').textContent()).resolves.toBe(province!.name);
		const rowsOf = () =>
			page.locator('table[data-testid="officer-lines"] tbody tr').evaluateAll((trs) =>
				trs.map((tr) => ({
					id: tr.querySelector('a')!.textContent!.trim(),
					country: tr.children[1]!.getAttribute('data-code')!,
					countryText: tr.children[1]!.textContent!.trim(),
					occupation: tr.children[2]!.getAttribute('data-code')!,
					occupationText: tr.children[2]!.textContent!.trim(),
				})),
			);
		const all = await rowsOf();
		expect(all.length).toBeGreaterThan(0);
		// the line of the recommended NTB candidate: choose its destination, then its occupation
		const target = all.find((r) => r.id === lineId)!;
		expect(target, 'the recommended line is on the first page').toBeDefined();
		const [names] = await queryRows<{ country: string; occupation: string }>(
			db,
			`SELECT (SELECT name_id FROM dim_countries WHERE country_iso2 = '${target.country}') AS country,
				(SELECT title_id FROM dim_occupations WHERE occupation_isco4 = '${target.occupation}') AS occupation`,
		);
		expect(target.countryText).toBe(names!.country);
		expect(target.occupationText).toBe(`${target.occupation} ${names!.occupation}`);

		const filters = page.getByTestId('line-filters');
		await filters.locator('select[name=country]').selectOption(target.country);
		await Promise.all([
			page.waitForURL((url) => url.searchParams.get('country') === target.country),
			filters.locator('button[type=submit]').click(),
		]);
		const inCountry = await rowsOf();
		// exactly the unfiltered list's lines of that destination, in the same order (all fit one page on the test data)
		expect(inCountry.map((r) => r.id)).toEqual(all.filter((r) => r.country === target.country).map((r) => r.id));
		await expect(page.getByTestId('lines-count').textContent()).resolves.toContain(`${inCountry.length} dari ${all.length}`);
		// the occupations offered are those of that destination's lines
		const offered = await filters
			.locator('select[name=occupation] option')
			.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
		expect(offered).toEqual([...new Set(inCountry.map((r) => r.occupation))].sort());
		await filters.locator('select[name=occupation]').selectOption(target.occupation);
		await Promise.all([
			page.waitForURL((url) => url.searchParams.get('occupation') === target.occupation),
			filters.locator('button[type=submit]').click(),
		]);
		const chosen = await rowsOf();
		expect(chosen.map((r) => r.id)).toEqual(inCountry.filter((r) => r.occupation === target.occupation).map((r) => r.id));
		await noSideways(page, '/officer filtered');

		// English keeps the choice and names the destination in English
		await page.click('[data-testid="lang-switch"]');
		await page.waitForURL((url) => url.searchParams.get('lang') === 'en' && url.searchParams.get('country') === target.country);
		const [en] = await queryRows<{ name: string }>(
			db,
			`SELECT name_en AS name FROM dim_countries WHERE country_iso2 = '${target.country}'`,
		);
		expect((await rowsOf()).every((r) => r.countryText === en!.name)).toBe(true);
		await expect(page.getByTestId('lines-page').textContent()).resolves.toBe('Page 1 of 1');
		await screenshot(page, 'officer-lines-filtered-en');

		// forged choices: 400 with the field named, in the page's language; nothing else shown
		for (const [query, field] of [
			['country=XX', 'negara tujuan'],
			[`country=${target.country}&occupation=0000`, 'jabatan'],
			['page=2', 'halaman'],
			["page=1'", 'halaman'],
		] as const) {
			const response = await page.goto(`${web.url}/officer?${query}`);
			expect(response?.status(), query).toBe(400);
			await expect(page.locator('body').textContent()).resolves.toContain(`"${field}"`);
			await expect(page.locator('table[data-testid="officer-lines"]').count()).resolves.toBe(0);
		}
		expect(journey.foreign).toEqual([]);
		await journey.close();
	});

	it("the minister's audit page lists the officer's views", async () => {
		const journey = await openJourney(browser);
		const { page } = journey;
		// straight to /audit after log-in (the overview is not what this test reads)
		await page.goto(`${web.url}/login?next=%2Faudit`);
		await page.fill('input[name=username]', 'menteri');
		await page.fill('input[name=password]', DEMO_PASSWORD);
		await Promise.all([page.waitForURL((url) => url.pathname === '/audit', { timeout: 90_000 }), page.click('button[type=submit]')]);
		const views = page.locator('table[data-testid="audit"] tbody tr', { hasText: candidateId }).filter({ hasText: 'petugas-ntb' });
		// the desktop and the phone journey each opened the candidate once
		await expect(views.count()).resolves.toBeGreaterThanOrEqual(2);
		await screenshot(page, 'audit-minister');
		await journey.close();
	});
});
