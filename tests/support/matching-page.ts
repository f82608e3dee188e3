/**
 * Reading `/matching` in the browser tests of the engine and the training plan: the latest stored
 * run, a tile's whole number, and a card's table rows as the page shows them.
 */
import type { Page } from 'playwright-core';

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
