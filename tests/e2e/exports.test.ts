/**
 * Journey: a director briefs from a country page, a journalist from the public page, in both
 * languages. Every export of a card is clicked and the downloaded file read back by other code
 * than the one that wrote it (tests/support/spreadsheet.ts, the browser's own PNG decoder):
 * - file names say dataset, place, period (as the filter bar / year select shows it) and language;
 * - the PNG is the chart plus a header (title, filters) and footer (data date, source); the map's
 *   PNG also holds its legend, in the legend's exact colours;
 * - the PDF holds that picture;
 * - the CSV parses with ';' and decimal ',' (Excel, id-ID), its numbers equal the card's table on
 *   the page as shown, and a suppressed cell is empty with a "C" in its status column;
 * - the XLSX opens (zip + sheet XML) and its numbers are numbers equal to the same table.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { downloadedFile, elementScreenshot, screenshot, screenshotDir } from '../support/browser.ts';
import { openAs, openJourney, testBrowser, waitUntilRendered } from '../support/journey.ts';
import { parseCsv, pngSize, xlsxRows } from '../support/spreadsheet.ts';

const web = inject('web')!;
let browser: Browser;

beforeAll(async () => {
	browser = await testBrowser();
});
afterAll(async () => {
	await browser?.close();
});

type Lang = 'id' | 'en';
const SUPPRESSED: Record<Lang, string> = { id: 'disembunyikan', en: 'suppressed' };
const SHOW_TABLE: Record<Lang, string> = { id: 'Tampilkan tabel', en: 'Show table' };

async function download(page: Page, card: Locator, testid: string): Promise<{ name: string; bytes: Buffer }> {
	// the formats are in the card's download menu: open it as a reader does
	await card.getByTestId('downloads').click();
	const [file] = await Promise.all([page.waitForEvent('download'), card.getByTestId(testid).click()]);
	const bytes = readFileSync(await downloadedFile(file));
	// kept beside the screenshots, to look at
	mkdirSync(screenshotDir, { recursive: true });
	writeFileSync(join(screenshotDir, `export-${file.suggestedFilename()}`), bytes);
	return { name: file.suggestedFilename(), bytes };
}

/** A number as the page shows it in a language ("1.234,5%", "US$1,235") → 1234.5 / 1235; '–' → null. */
function shownNumber(text: string, lang: Lang): number | null {
	const t = text.trim();
	if (t === '–' || t === '') return null;
	const digits = lang === 'id' ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, '');
	return Number(digits.replace(/[^\d.-]/g, '')) + 0;
}

/** The card's table as shown: header texts, and each row's cell texts. */
async function shownTable(card: Locator, lang: Lang): Promise<{ headers: string[]; numeric: boolean[]; rows: string[][] }> {
	await card.getByRole('button', { name: SHOW_TABLE[lang] }).click();
	const table = card.locator('table');
	const headers = (await table.locator('thead th').allTextContents()).map((s) => s.trim());
	const numeric = await table.locator('thead th').evaluateAll((ths) => ths.map((th) => th.classList.contains('num')));
	const rows = await table
		.locator('tbody tr')
		.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
	await card.getByRole('button', { name: lang === 'id' ? 'Tampilkan grafik' : 'Show chart' }).click();
	return { headers, numeric, rows };
}

/** Compares the CSV and XLSX of a card with the card's table as the page shows it. */
async function checkTables(page: Page, card: Locator, lang: Lang, namePattern: RegExp): Promise<{ suppressed: number }> {
	const shown = await shownTable(card, lang);
	expect(shown.rows.length, 'the card has rows').toBeGreaterThan(0);

	const csv = await download(page, card, 'download-csv');
	expect(csv.name).toMatch(namePattern);
	expect(csv.name.endsWith(`_${lang}.csv`)).toBe(true);
	const text = csv.bytes.toString('utf8');
	expect(text.startsWith('\uFEFF'), 'UTF-8 byte-order mark').toBe(true);
	const rows = parseCsv(text, ';');
	const headerAt = rows.findIndex((r) => r[0] === shown.headers[0]);
	expect(headerAt, 'the table header after the title block').toBeGreaterThan(0);
	expect(rows[0]?.[0]?.length, 'a title first').toBeGreaterThan(3);
	const header = rows[headerAt]!;
	const columnOf = (label: string) => header.findIndex((h) => h === label || h.startsWith(`${label} (`));
	const flagOf = (label: string) => header.findIndex((h) => h.startsWith(`${label} – `));

	const sheet = xlsxRows((await download(page, card, 'download-xlsx')).bytes);
	const sheetHeaderAt = sheet.rows.findIndex((r) => r?.[0]?.value === shown.headers[0]);
	expect(sheetHeaderAt).toBeGreaterThan(0);
	const sheetHeader = (sheet.rows[sheetHeaderAt] ?? []).map((c) => String(c?.value ?? ''));

	let suppressed = 0;
	let compared = 0;
	shown.rows.forEach((cells, i) => {
		const line = rows[headerAt + 1 + i]!;
		const sheetLine = sheet.rows[sheetHeaderAt + 1 + i] ?? [];
		shown.headers.forEach((label, k) => {
			const at = columnOf(label);
			expect(at, `CSV column for ${label}`).toBeGreaterThanOrEqual(0);
			const cell = line[at] ?? '';
			const sheetCell = sheetLine[sheetHeader.indexOf(header[at]!)];
			const where = `${label}, row ${i} (${cells[0]})`;
			if (!shown.numeric[k]) {
				expect(cell.replace(/^'/, ''), where).toBe(cells[k]);
				return;
			}
			expect(cell, `${where}: a plain number with a decimal comma`).toMatch(/^(-?\d+(,\d+)?)?$/);
			if (cells[k] === SUPPRESSED[lang]) {
				suppressed++;
				expect(cell, `${where}: suppressed is empty`).toBe('');
				expect(line[flagOf(label)], `${where}: flagged`).toBe('C');
				expect(sheetCell, `${where}: empty in XLSX`).toBeUndefined();
				expect(sheetLine[sheetHeader.indexOf(header[flagOf(label)]!)]?.value).toBe('C');
				return;
			}
			const value = shownNumber(cells[k]!, lang);
			if (value === null) {
				expect(cell, where).toBe('');
				return;
			}
			expect(Number(cell.replace(',', '.')) + 0, `${where}: CSV = page (${cells[k]})`).toBe(value);
			expect(sheetCell?.type ?? null, `${where}: an XLSX number cell`).toBeNull();
			const percent = cells[k]!.includes('%');
			expect(Number(sheetCell?.value) * (percent ? 100 : 1), `${where}: XLSX = page (${cells[k]})`).toBeCloseTo(value, 6);
			compared++;
		});
	});
	expect(compared).toBeGreaterThan(0);
	return { suppressed };
}

/** The PNG and PDF of a card's chart: bigger than the chart by a header and a footer. */
async function checkPicture(
	page: Page,
	card: Locator,
	namePattern: RegExp,
): Promise<{ png: Buffer; chart: { width: number; height: number } }> {
	// the chart's size in pixels: its canvas, or a map's SVG (drawn before MapLibre takes over) at the screen's pixel ratio
	const chart = await card
		.locator('svg.choropleth, canvas')
		.first()
		.evaluate((c) =>
			c instanceof HTMLCanvasElement
				? { width: c.width, height: c.height }
				: { width: Math.round(c.clientWidth * devicePixelRatio), height: Math.round(c.clientHeight * devicePixelRatio) },
		);
	const png = await download(page, card, 'download-png');
	expect(png.name).toMatch(namePattern);
	const size = pngSize(png.bytes);
	expect(size.width, 'at least as wide as the chart').toBeGreaterThanOrEqual(chart.width);
	expect(size.height, 'taller than the chart by a header and a footer').toBeGreaterThan(chart.height + 60);
	// text above the chart (title) and below it (source): dark pixels in the top and bottom bands
	const bands = await page.evaluate(
		async (src) => {
			const image = new Image();
			image.src = src;
			await image.decode();
			const canvas = Object.assign(document.createElement('canvas'), { width: image.width, height: image.height });
			const context = canvas.getContext('2d')!;
			context.drawImage(image, 0, 0);
			const dark = (y0: number, y1: number) => {
				const data = context.getImageData(0, y0, image.width, y1 - y0).data;
				let n = 0;
				for (let i = 0; i < data.length; i += 4) if (data[i]! + data[i + 1]! + data[i + 2]! < 450) n++;
				return n;
			};
			return { top: dark(0, 30), bottom: dark(image.height - 32, image.height) };
		},
		`data:image/png;base64,${png.bytes.toString('base64')}`,
	);
	expect(bands.top, 'a title above the chart').toBeGreaterThan(20);
	expect(bands.bottom, 'a source line below the chart').toBeGreaterThan(20);

	const pdf = await download(page, card, 'download-pdf');
	expect(pdf.name).toMatch(new RegExp(namePattern.source.replace(/png\$$/, 'pdf$')));
	const text = pdf.bytes.toString('latin1');
	expect(text.startsWith('%PDF-')).toBe(true);
	expect(text, 'the PDF holds the same picture').toContain(`/Subtype /Image /Width ${size.width} /Height ${size.height} `);
	// its image inflates to the picture's RGB pixels, with the title's dark pixels on top
	const length = Number(/\/FlateDecode \/Length (\d+)/.exec(text)?.[1]);
	const start = text.indexOf('stream\n', text.indexOf('/Subtype /Image')) + 7;
	const rgb = inflateSync(pdf.bytes.subarray(start, start + length));
	expect(rgb.length).toBe(size.width * size.height * 3);
	let dark = 0;
	for (let i = 0; i < size.width * 30 * 3; i += 3) if (rgb[i]! + rgb[i + 1]! + rgb[i + 2]! < 450) dark++;
	expect(dark, 'the PDF picture has the title').toBeGreaterThan(20);
	return { png: png.bytes, chart };
}

/** Every legend colour of the map in `card` appears in its picture more often than on the map itself: the swatches. */
async function expectLegendInPicture(map: Locator, png: Buffer): Promise<void> {
	const counts = await map.evaluate(
		async (figure, src) => {
			const rgb = (css: string) => (css.match(/\d+/g) ?? []).slice(0, 3).map(Number);
			const legend = [...figure.querySelectorAll<HTMLElement>('.legend .swatch')].map((s) => rgb(getComputedStyle(s).backgroundColor));
			const count = (data: Uint8ClampedArray) =>
				legend.map(([r, g, b]) => {
					let n = 0;
					for (let i = 0; i < data.length; i += 4) if (data[i] === r && data[i + 1] === g && data[i + 2] === b) n++;
					return n;
				});
			// the map as drawn: MapLibre's canvas, or the SVG drawn by the browser as an image (not by the export's own code)
			const svg = figure.querySelector('svg.choropleth');
			let drawn: CanvasImageSource | null = figure.querySelector('canvas');
			let [width, height] = drawn ? [(drawn as HTMLCanvasElement).width, (drawn as HTMLCanvasElement).height] : [0, 0];
			if (svg) {
				[width, height] = [Math.round(svg.clientWidth * devicePixelRatio), Math.round(svg.clientHeight * devicePixelRatio)];
				const copy = svg.cloneNode(true) as SVGSVGElement;
				copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
				copy.setAttribute('width', String(width));
				copy.setAttribute('height', String(height));
				const image = new Image();
				image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(copy.outerHTML)}`;
				await image.decode();
				drawn = image;
			}
			const copy = Object.assign(document.createElement('canvas'), { width, height });
			const c1 = copy.getContext('2d')!;
			c1.drawImage(drawn!, 0, 0, width, height);
			const onMap = count(c1.getImageData(0, 0, copy.width, copy.height).data);
			const image = new Image();
			image.src = src;
			await image.decode();
			const out = Object.assign(document.createElement('canvas'), { width: image.width, height: image.height });
			const c2 = out.getContext('2d')!;
			c2.drawImage(image, 0, 0);
			const inPicture = count(c2.getImageData(0, 0, out.width, out.height).data);
			return legend.map((colour, i) => ({ colour: colour.join(','), onMap: onMap[i]!, inPicture: inPicture[i]! }));
		},
		`data:image/png;base64,${png.toString('base64')}`,
	);
	expect(counts.length, 'the map has a legend').toBeGreaterThan(2);
	for (const c of counts) expect(c.inPicture - c.onMap, `legend swatch ${c.colour} drawn in the picture`).toBeGreaterThanOrEqual(100);
}

describe('exports', () => {
	for (const lang of ['id', 'en'] as const) {
		it(`from a country page (${lang}): names, pictures with header and footer, CSV and XLSX equal to the table`, async () => {
			const journey = await openAs(browser, web.url, 'direktur');
			const { page } = journey;
			await page.goto(`${web.url}/markets/SA${lang === 'en' ? '?lang=en' : ''}`);
			await waitUntilRendered(page);
			const from = await page.locator('select[name=from]').inputValue();
			const to = await page.locator('select[name=to]').inputValue();
			expect(from).toMatch(/^\d{4}-\d{2}$/);
			for (const id of ['country-breakdown', 'country-trend']) {
				const card = page.locator(`[data-chart-id="${id}"]`);
				await card.scrollIntoViewIfNeeded();
				const pattern = (ext: string) => new RegExp(`^slmi_${id}_SA_${from}_${to}_${lang}\\.${ext}$`);
				await checkPicture(page, card, pattern('png'));
				await checkTables(page, card, lang, pattern('csv'));
			}
			await screenshot(page, `exports-country-${lang}`);
			expect(journey.foreign).toEqual([]);
			await journey.close();
		});

		it(`from the public page (${lang}): suppressed cells empty and flagged; the map picture holds its legend`, async () => {
			const journey = await openJourney(browser);
			const { page } = journey;
			await page.goto(`${web.url}/public${lang === 'en' ? '?lang=en' : ''}`);
			await waitUntilRendered(page);
			const year = await page.getByTestId('public-year').inputValue();
			const card = page.locator('[data-chart-id="public-placements-by-country"]');
			const { suppressed } = await checkTables(
				page,
				card,
				lang,
				new RegExp(`^slmi_public-placements-by-country_IDN_${year}_${lang}\\.csv$`),
			);
			expect(suppressed, 'some countries are withheld on the tiny data').toBeGreaterThan(0);

			// The open-data CSV for machines keeps its documented format (',' and the marker); its name says year and language.
			const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('open-data-placements-by-country').click()]);
			expect(file.suggestedFilename()).toBe(`slmi_placements-by-country_IDN_${year}_${lang}.csv`);
			const machine = parseCsv(readFileSync(await downloadedFile(file), 'utf8'), ',');
			expect(
				machine.some((r) => r.includes(SUPPRESSED[lang])),
				'the machine CSV still carries the marker',
			).toBe(true);

			const map = page.locator('[data-chart-id="public-placements-by-province"]');
			await map.scrollIntoViewIfNeeded();
			await waitUntilRendered(page);
			const { png } = await checkPicture(page, map, new RegExp(`^slmi_public-placements-by-province_IDN_${year}_${lang}\\.png$`));
			await expectLegendInPicture(map, png);
			await screenshot(page, `exports-public-${lang}`);
			expect(journey.foreign).toEqual([]);
			await journey.close();
		});
	}

	it('at phone width (390×844): a regional head exports the regency map with its legend', async () => {
		const journey = await openAs(browser, web.url, 'kepala-ntb', { width: 390, height: 844 });
		const { page } = journey;
		await page.goto(`${web.url}/provinces/52`);
		await waitUntilRendered(page);
		const from = await page.locator('select[name=from]').inputValue();
		const to = await page.locator('select[name=to]').inputValue();
		const map = page.locator('[data-chart-id="regency-map"]');
		await map.scrollIntoViewIfNeeded();
		const { png } = await checkPicture(page, map, new RegExp(`^slmi_regency-map_prov-52_${from}_${to}_id\\.png$`));
		await expectLegendInPicture(map, png);
		await screenshot(page, 'exports-phone-regency-map');
		await elementScreenshot(map.locator('header'), 'exports-phone-card-header');
		expect(journey.foreign).toEqual([]);
		await journey.close();
	});
});
