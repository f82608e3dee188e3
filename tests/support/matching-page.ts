/**
 * Reading `/matching` in the browser tests of the engine and the training plan: the latest stored
 * run, a tile's whole number, a card's table rows as the page shows them, and a long table's
 * first rows and "show all".
 */
import type { Page } from 'playwright-core';
import { formatValue } from '../../web/src/lib/format.ts';
import { MATCHING_FIRST_ROWS } from '../../web/src/lib/matching-tables.ts';
import { waitUntilRendered } from './journey.ts';

/** The latest matching run, in SQL (the run the page shows once it has caught up). */
export const LATEST_RUN = '(SELECT max(run_id) FROM match_runs)';

/** The whole number a text shows, separators dropped. */
export const digits = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

/** The value of a KPI tile, by its test id. */
export async function tileValue(page: Page, testid: string): Promise<number> {
	return digits(await page.getByTestId(testid).locator('.value').textContent());
}

/** The rows of a card's table, each cell's text. */
export async function tableRows(page: Page, card: string): Promise<string[][]> {
	return page
		.locator(`[data-chart-id="${card}"] table tbody tr`)
		.evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
}

/** What a long table's line under its first rows says ("Menampilkan 10 dari 25 baris."), in the page's language. */
export function rowsShownText(dictionary: Record<'card.rowsShown', string>, shown: number, total: number, lang: 'id' | 'en'): string {
	return dictionary['card.rowsShown']
		.replace('{shown}', formatValue(shown, 'number', lang))
		.replace('{total}', formatValue(total, 'number', lang));
}

/**
 * A long table's first view and its "show all": the card shows its first rows and says how many
 * there are of `total`; a click brings the rest into the card (with JavaScript: in place, the
 * address unchanged). Returns the first view's rows; afterwards the card shows all `total`.
 */
export async function firstRowsThenAll(
	page: Page,
	card: string,
	total: number,
	dictionary: Record<'card.rowsShown' | 'card.showAll', string>,
	lang: 'id' | 'en',
): Promise<string[][]> {
	const first = await tableRows(page, card);
	const line = page.locator(`[data-chart-id="${card}"] [data-testid="rows-shown"]`);
	if (total <= MATCHING_FIRST_ROWS) {
		if (first.length !== total) throw new Error(`${card}: ${first.length} rows shown of ${total}`);
		if ((await line.count()) !== 0) throw new Error(`${card}: a "show all" line under a whole table`);
		return first;
	}
	if (first.length !== MATCHING_FIRST_ROWS)
		throw new Error(`${card}: the first view shows ${first.length} rows, not ${MATCHING_FIRST_ROWS}`);
	const said = (await line.textContent())?.replace(/\s+/g, ' ').trim();
	const expected = `${rowsShownText(dictionary, MATCHING_FIRST_ROWS, total, lang)} ${dictionary['card.showAll']}`;
	if (said !== expected) throw new Error(`${card}: the line says "${said}", not "${expected}"`);
	const address = page.url();
	// hydrated (the charts draw in the browser), so the click loads in place rather than following the link
	await waitUntilRendered(page);
	await line.getByTestId('show-all').click();
	await line.waitFor({ state: 'detached', timeout: 30_000 });
	const all = await tableRows(page, card);
	if (all.length !== total) throw new Error(`${card}: "show all" shows ${all.length} rows, not ${total}`);
	if (page.url() !== address) throw new Error(`${card}: "show all" went to ${page.url()} instead of loading in place`);
	return first;
}
