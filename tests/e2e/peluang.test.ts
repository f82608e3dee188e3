/**
 * Journey: a prospective worker from West Kalimantan, without logging in, opens "Peluang untuk
 * saya" from the public page, fills in a profile and reads what fits — in Indonesian and English,
 * on a desk (1280×900) and a phone (390×844). The values shown equal the cells hand-written SQL
 * finds on the rollup, as Cube's public table shows them (tests/support/peluang.ts); the browser
 * keeps no cookie; the page fits the screen and passes axe.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type Warehouse } from '../../warehouse/src/client.ts';
import { screenshot } from '../support/browser.ts';
import { delayAppScripts, openJourney, testBrowser } from '../support/journey.ts';
import { axeViolations, smallTapTargets } from '../support/layout.ts';
import { expected, publicTable, readPage, sqlCells, type TestProfile } from '../support/peluang.ts';

const web = inject('web')!;
const cube = inject('cube')!;
let browser: Browser;
let db: Warehouse;
let profile: TestProfile;

beforeAll(async () => {
	browser = await testBrowser();
	db = connect(inject('clickhouse'));
	const { pickProfiles } = await import('../support/peluang.ts');
	// from West Kalimantan, the first of the hand-built profiles (the fullest first) with answers the
	// public table shows: in the tiny data a profile's every cell may be withheld (small counts)
	const table = await publicTable(cube);
	const [none, cert, woman, man] = await pickProfiles(table);
	for (const p of [woman, man, cert, none]) {
		const candidate = { ...p!, province: '61' };
		const fits = expected(await sqlCells(db, candidate, 0, table), table);
		const near = expected(await sqlCells(db, candidate, 1, table), table);
		if (fits.items.length + near.items.length > 0) {
			profile = candidate;
			break;
		}
	}
	expect(profile, 'a hand-built profile with answers the public table shows').toBeDefined();
});
afterAll(async () => {
	await browser?.close();
});

const WORDS = {
	id: { link: 'Peluang untuk saya', submit: 'Tampilkan peluang', slots: 'slot terbuka cocok', locale: 'id-ID' },
	en: { link: 'Opportunities for me', submit: 'Show opportunities', slots: 'open slots fit your profile', locale: 'en-GB' },
} as const;

describe('Peluang untuk saya in the browser', () => {
	for (const lang of ['id', 'en'] as const) {
		for (const [width, height] of [
			[1280, 900],
			[390, 844],
		] as const) {
			it(`shows what fits a profile entered in the form (${lang}, ${width}×${height})`, async () => {
				const words = WORDS[lang];
				const journey = await openJourney(browser, { width, height });
				const { page } = journey;
				await page.goto(`${web.url}/public${lang === 'en' ? '?lang=en' : ''}`);
				await page.getByTestId('public-peluang-link').click();
				await page.waitForURL((url) => url.pathname === '/public/peluang');
				await expect.poll(() => page.locator('h1').textContent()).toBe(words.link);

				await page.getByTestId('peluang-occupation').selectOption(profile.occupation);
				await page.getByTestId('peluang-education').selectOption(profile.education!);
				await page.getByTestId('peluang-province').selectOption(profile.province!);
				await page.getByTestId('peluang-experience').fill(String(profile.experience));
				if (profile.language) await page.getByTestId('peluang-language').selectOption(profile.language);
				if (profile.level) await page.getByTestId('peluang-level').selectOption(String(profile.level));
				if (profile.gender) await page.getByTestId('peluang-gender').selectOption(profile.gender);
				if (profile.age) await page.getByTestId('peluang-age').fill(String(profile.age));
				await page.locator('form.profile summary').click();
				for (const cert of profile.certs ?? []) await page.locator(`input[name=cert][value="${cert}"]`).check();
				await page.getByRole('button', { name: words.submit }).click();
				await page.waitForURL((url) => url.searchParams.get('occupation') === profile.occupation);
				const url = new URL(page.url());
				expect(url.searchParams.get('province')).toBe(profile.province);
				expect(url.searchParams.get('lang')).toBe(lang === 'en' ? 'en' : null);
				await page.getByTestId('peluang-fit-total').waitFor();
				await screenshot(page, `peluang-${lang}-${width}`);

				// the values shown: SQL's cells as the public table shows them
				const table = await publicTable(cube);
				const fits = expected(await sqlCells(db, profile, 0, table), table);
				const near = expected(await sqlCells(db, profile, 1, table), table);
				expect(fits.items.length + near.items.length, 'the profile has shown answers to read').toBeGreaterThan(0);
				const fmt = (v: number) => new Intl.NumberFormat(words.locale).format(v);
				const totalText = (await page.getByTestId('peluang-fit-total').textContent()) ?? '';
				expect(totalText).toContain(`${fmt(fits.total)} ${words.slots}`);
				const shownSlots = await page.getByTestId('peluang-slots').allTextContents();
				expect(shownSlots.map((s) => s.trim()).sort()).toEqual(fits.items.map((k) => fmt(Number(k.split('|')[2]))).sort());
				expect(await page.getByTestId('peluang-near').count()).toBe(near.items.length);
				const fromHtml = readPage(await page.content());
				expect(fromHtml.nearTotal).toBe(near.total);

				// nothing kept in the browser: no cookie, nothing in storage
				expect(await journey.context.cookies()).toEqual([]);
				// (SvelteKit's router keeps scroll positions per history entry in sessionStorage: numbers, not the profile)
				const stored = await page.evaluate(() => ({
					local: Object.keys(localStorage),
					session: Object.entries(sessionStorage),
				}));
				expect(stored.local).toEqual([]);
				for (const [name, value] of stored.session) {
					expect(name).toMatch(/^sveltekit:/);
					expect(value).not.toMatch(/occupation|province|education|experience/);
				}
				// fits the screen, operable, accessible
				expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
				if (width === 390) expect(await smallTapTargets(page, 44)).toEqual([]);
				const reported = ['scrollable-region-focusable', 'landmark-unique', 'landmark-one-main', 'page-has-heading-one'];
				const violations = (await axeViolations(page)).filter(
					(v) => reported.includes(v.id) || v.impact === 'serious' || v.impact === 'critical',
				);
				expect(violations).toEqual([]);
				expect(journey.foreign).toEqual([]);
				await journey.close();
			}, 180_000);
		}
	}
});

describe('Peluang untuk saya on a slow phone connection', () => {
	it('keeps what was entered before the page had loaded its scripts, and answers for it', async () => {
		const journey = await openJourney(browser, { width: 390, height: 844 });
		const { page } = journey;
		// the profile may name no age (the fullest profile with shown answers, above)
		const age = String(profile.age ?? 30);
		// the app's scripts arrive 1.5 s late, as on a slow phone connection
		const delayed = await delayAppScripts(page);
		// the layout opens its data stream once the page has hydrated
		const hydrated = page.waitForRequest((r) => new URL(r.url()).pathname === '/data-events', { timeout: 30_000 });
		await page.goto(`${web.url}/public/peluang`, { waitUntil: 'domcontentloaded' });
		await page.getByTestId('peluang-occupation').selectOption(profile.occupation);
		await page.getByTestId('peluang-province').selectOption(profile.province!);
		await page.getByTestId('peluang-experience').fill(String(profile.experience));
		await page.getByTestId('peluang-age').fill(age);
		await page.locator('form.profile summary').click();
		const cert = (await page.locator('input[name=cert]').first().getAttribute('value')) ?? '';
		await page.locator(`input[name=cert][value="${cert}"]`).check();
		expect(delayed(), 'the scripts were still on their way').toBeGreaterThan(0);
		await hydrated;
		// Svelte's own work after hydration runs in microtasks and an idle callback
		await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300))));
		expect(await page.getByTestId('peluang-occupation').inputValue(), 'occupation').toBe(profile.occupation);
		expect(await page.getByTestId('peluang-province').inputValue(), 'province').toBe(profile.province);
		expect(await page.getByTestId('peluang-experience').inputValue(), 'experience').toBe(String(profile.experience));
		expect(await page.getByTestId('peluang-age').inputValue(), 'age').toBe(age);
		expect(await page.locator(`input[name=cert][value="${cert}"]`).isChecked(), 'certificate').toBe(true);
		await page.getByTestId('peluang-submit').click();
		await page.waitForURL((url) => url.searchParams.get('occupation') === profile.occupation);
		const url = new URL(page.url());
		expect(url.searchParams.get('province')).toBe(profile.province);
		expect(url.searchParams.get('age')).toBe(age);
		expect(url.searchParams.getAll('cert')).toContain(cert);
		// after the search the form shows the profile the answers are for; "start again" empties it
		await page.getByTestId('peluang-fit-total').waitFor();
		expect(await page.getByTestId('peluang-age').inputValue()).toBe(age);
		await page.locator('form.profile .actions a').click();
		await page.waitForURL((u) => u.pathname === '/public/peluang' && !u.searchParams.has('occupation'));
		expect(await page.getByTestId('peluang-age').inputValue(), 'age after starting again').toBe('');
		expect(await page.getByTestId('peluang-experience').inputValue(), 'experience after starting again').toBe('');
		expect(await page.locator(`input[name=cert][value="${cert}"]`).isChecked(), 'certificate after starting again').toBe(false);
		await journey.close();
	});
});
