/**
 * Journey: a placement officer (petugas-ntb) logs in, lands on their page (never a dashboard),
 * opens a job-order line and one of its candidates, in Indonesian then English, on a desktop and
 * at phone width (390 px: nothing scrolls sideways). Every requirement is shown with a mark and a
 * word, not colour only; the minister finds the officer's views on /audit.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, queryRows } from '../../warehouse/src/client.ts';
import { launchBrowser, screenshot } from '../support/browser.ts';
import { DEMO_PASSWORD, logIn, openJourney } from '../support/journey.ts';

const web = inject('web')!;
const db = connect(inject('clickhouse'));
let browser: Browser;
/** a line the engine recommended a Nusa Tenggara Barat candidate for */
let lineId = '';
let candidateId = '';

beforeAll(async () => {
	browser = await launchBrowser();
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
