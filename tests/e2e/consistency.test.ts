/**
 * One label, one number (issue #12, items 3, 5 and 13c): the numbers are read as a user sees them
 * in the browser — tiles, and card tables after "show table" — and compared across pages, roles and
 * the card's own table, and with SQL on the warehouse:
 * - a label shown on two pages with the same filters shows the same number;
 * - a tile equals the sum of the table column with the same label (unless the card says the table
 *   is cut to its top rows);
 * - a fill rate is the row's own numerator ÷ its demand, and the departures column is the facts';
 * - a card titled as a funnel (→) has nested stages;
 * - "closable" counts every slot once; every percentage is within 0–100 %;
 * - a regional head's tiles and cards each say their scope, and the number is that scope's.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, queryRows } from '../../warehouse/src/client.ts';
import { downloadedFile, screenshot } from '../support/browser.ts';
import { type Journey, openAs, testBrowser, waitUntilLaidOut } from '../support/journey.ts';
import { TEST_UNTIL } from '../support/test-data.ts';

const web = inject('web')!;
const db = connect(inject('clickhouse'));
let browser: Browser;
/** One director's session for every page (each log-in counts against the log-in throttle). */
let director: Journey;

/** The default period of every page: January of the data's last year to its last month. */
const PERIOD = { from: `${TEST_UNTIL.slice(0, 4)}-01-01`, to: TEST_UNTIL };

beforeAll(async () => {
	browser = await testBrowser();
	director = await openAs(browser, web.url, 'direktur');
});
afterAll(async () => {
	await director?.close();
	await browser?.close();
});

interface Tile {
	label: string;
	value: string;
	detail: string;
	scope: string | null;
}

/** A number as the Indonesian interface writes it ("1.480", "29,2 %", "US$483"); null for "–" or a hidden cell. */
function parseId(text: string): number | null {
	const cleaned = text.replace(/\s/g, '');
	if (!/\d/.test(cleaned)) return null;
	const n = Number(cleaned.replace(/[^\d,-]/g, '').replace(',', '.'));
	if (!Number.isFinite(n)) return null;
	return cleaned.includes('%') ? n / 100 : n;
}

/**
 * Loads a page until its charts have drawn and its maps exist: every check here reads tiles, tables
 * and downloads, none a map's pixels (a map's first drawing is software GL, 1.3–1.9 s in CI).
 */
async function open(page: Page, path: string): Promise<void> {
	await page.goto(`${web.url}${path}`);
	await waitUntilLaidOut(page).catch(() => undefined); // table-only pages draw nothing
}

async function tiles(page: Page): Promise<Tile[]> {
	return page.$$eval('.tile', (elements) =>
		elements.map((e) => ({
			label: e.querySelector('.label')?.textContent?.trim() ?? '',
			value: e.querySelector('.value')?.textContent?.trim() ?? '',
			detail: e.querySelector('.detail')?.textContent?.trim() ?? '',
			scope: e.querySelector('[data-testid="scope"]')?.textContent?.trim() ?? null,
		})),
	);
}

/** The director's tiles on a page (from the page's one visit, `directorView`). */
async function directorTiles(path: string): Promise<Tile[]> {
	return (await directorView(path)).tiles;
}

/** Every "label → shown value" a page's tiles state: the tile itself and each "label: value" of its detail line. */
function statements(list: Tile[]): Map<string, string> {
	const out = new Map<string, string>();
	for (const tile of list) {
		out.set(tile.label, tile.value);
		for (const part of tile.detail.split(' · ')) {
			const m = /^(.+?):\s*(.+)$/.exec(part.trim());
			if (m?.[1] && m[2] && /\d/.test(m[2])) out.set(m[1].trim(), m[2].trim());
		}
	}
	return out;
}

interface Table {
	title: string;
	note: string;
	headers: string[];
	rows: string[][];
}

/** A card's table as the user sees it after pressing "show table" (or at once on a table-only card). */
async function cardTable(page: Page, id: string): Promise<Table> {
	const card = page.locator(`[data-chart-id="${id}"]`);
	const toggle = card.locator('.actions button[aria-pressed]');
	if ((await toggle.count()) > 0 && (await toggle.getAttribute('aria-pressed')) === 'false') await toggle.click();
	await card.locator('table').waitFor();
	return {
		title: (await card.locator('h2').textContent())?.trim() ?? '',
		note: (await card.locator(':scope > p.muted').allTextContents()).join(' '),
		headers: (await card.locator('thead th').allTextContents()).map((h) => h.trim()),
		rows: await card.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim() ?? ''))),
	};
}

function column(table: Table, header: string): (number | null)[] {
	const i = table.headers.indexOf(header);
	return table.rows.map((r) => parseId(r[i] ?? ''));
}

/** What the director's session read on one page, from one visit (`directorView`). */
interface DirectorView {
	tiles: Tile[];
	/** the text of every tile value, tile detail and table cell as the page loaded (before any table is shown) */
	percentages: string[];
	/** the cards with actions (download, table/chart switch) */
	actionCards: string[];
	/** card tables after "show table", by card id */
	tables: Map<string, Table>;
	/** the CSV downloaded from a card, by card id */
	csv: Map<string, string>;
	/** the markets ranking (`markets-table`) */
	ranking?: { headers: string[]; rows: { code: string; cells: string[] }[] };
}

/**
 * What the tests below read on each of the director's pages. `tables`: read on every visit (a test
 * needs them); `sumTables`: read where the card has actions (the tile-sum test compares only those);
 * `csv`: downloaded after the tables are read.
 */
const DIRECTOR_PAGES: Record<
	string,
	{ percentages?: true; ranking?: true; tables?: string[]; sumTables?: string[]; csv?: string[]; shot?: string }
> = {
	'/': { percentages: true },
	'/matching': { percentages: true, tables: ['closable'], csv: ['closable'] },
	'/?province=52': {},
	'/?province=32': {},
	'/provinces/52': { percentages: true, tables: ['pipeline-funnel', 'regencies-ranked'], csv: ['regencies-ranked'] },
	'/matching?province=52': {},
	'/markets/TW': {
		percentages: true,
		tables: ['country-breakdown'],
		sumTables: ['country-breakdown', 'country-lines'],
		csv: ['country-breakdown'],
		shot: 'consistency-country-TW',
	},
	'/markets/SA?occupation=9111': { sumTables: ['country-breakdown', 'country-lines'], shot: 'consistency-country-SA' },
	'/markets': { percentages: true, ranking: true, shot: 'consistency-markets' },
	'/provinces': { percentages: true },
};

/**
 * Each of the director's pages is loaded once for the file and everything the tests compare is read
 * from that visit (they loaded the same ten pages 21 times): tiles and percentages as the page
 * loaded, then the card tables (which showing changes), then the CSV downloads. Nothing here
 * changes the warehouse, and no test of this file pushes data, so what a later test reads is what a
 * fresh load would show.
 */
const directorViews = new Map<string, DirectorView>();
async function directorView(path: string): Promise<DirectorView> {
	const cached = directorViews.get(path);
	if (cached) return cached;
	const plan = DIRECTOR_PAGES[path];
	if (!plan) throw new Error(`${path} is not among the director's pages (DIRECTOR_PAGES)`);
	const { page } = director;
	await open(page, path);
	const view: DirectorView = { tiles: await tiles(page), percentages: [], actionCards: [], tables: new Map(), csv: new Map() };
	if (plan.percentages)
		view.percentages = await page.$$eval('.tile .value, .tile .detail, table td', (els) => els.map((e) => e.textContent ?? ''));
	view.actionCards = await page.$$eval('[data-chart-id]', (cards) =>
		cards.filter((c) => c.querySelector('.actions')).map((c) => c.getAttribute('data-chart-id') ?? ''),
	);
	if (plan.ranking) {
		const table = page.getByTestId('markets-table');
		view.ranking = {
			headers: (await table.locator('thead th').allTextContents()).map((h) => h.trim()),
			rows: await table.locator('tbody tr').evaluateAll((trs) =>
				trs.map((tr) => ({
					code: (tr.querySelector('a')?.getAttribute('href') ?? '').split('/')[2]?.slice(0, 2) ?? '',
					cells: [...tr.children].map((c) => c.textContent?.trim() ?? ''),
				})),
			),
		};
	}
	const wanted = [...(plan.tables ?? []), ...(plan.sumTables ?? []).filter((id) => view.actionCards.includes(id))];
	for (const id of new Set(wanted)) view.tables.set(id, await cardTable(page, id));
	if (plan.shot) await screenshot(page, plan.shot);
	for (const id of plan.csv ?? []) {
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page
				.locator(`[data-chart-id="${id}"] [data-testid="downloads"]`)
				.first()
				.click()
				.then(() => page.locator(`[data-chart-id="${id}"] [data-testid="download-csv"]`).first().click()),
		]);
		view.csv.set(id, await readFile(await downloadedFile(download), 'utf8'));
	}
	directorViews.set(path, view);
	return view;
}

/** A card table the director's visit of `path` read. */
async function directorTable(path: string, id: string): Promise<Table> {
	const table = (await directorView(path)).tables.get(id);
	if (!table) throw new Error(`${path}: the card ${id} has no table`);
	return table;
}

async function journeyAs(user: string): Promise<Journey> {
	return openAs(browser, web.url, user);
}

describe('a label shown on two pages with the same filters shows the same number', () => {
	const groups = [
		['/', '/matching'],
		['/?province=52', '/provinces/52', '/matching?province=52'],
	];
	for (const group of groups) {
		it(`agrees across ${group.join(', ')} (director)`, async () => {
			const seen = new Map<string, { path: string; value: string }[]>();
			for (const path of group) {
				for (const [label, value] of statements(await directorTiles(path))) seen.set(label, [...(seen.get(label) ?? []), { path, value }]);
			}
			const shared = [...seen.entries()].filter(([, v]) => new Set(v.map((x) => x.path)).size > 1);
			expect(
				shared.map(([label]) => label),
				'the pages share labels (else this test proves nothing)',
			).toContain('Calon PMI yang memenuhi syarat');
			for (const [label, values] of shared) {
				expect(new Set(values.map((v) => v.value)).size, `"${label}": ${JSON.stringify(values)}`).toBe(1);
			}
		});
	}

	it('the minister and the director read the same numbers under the same labels', async () => {
		const minister = await journeyAs('menteri');
		for (const path of ['/', '/matching', '/markets/TW']) {
			await open(minister.page, path);
			const theirs = statements(await tiles(minister.page));
			const ours = statements(await directorTiles(path));
			expect(theirs.size, path).toBeGreaterThan(3);
			for (const [label, value] of theirs) if (ours.has(label)) expect(value, `${path} "${label}"`).toBe(ours.get(label));
		}
		await minister.close();
	});

	it('counts qualified candidates as distinct people, as many as SQL counts, never more than those waiting', async () => {
		const [people] = await queryRows<{ qualified: string; waiting: string }>(
			db,
			'SELECT uniqExactIf(candidate_id, qualified = 1) AS qualified, uniqExactIf(candidate_id, available = 1) AS waiting FROM agg_candidate_state',
		);
		for (const path of ['/', '/matching']) {
			const said = statements(await directorTiles(path));
			const qualified = parseId(said.get('Calon PMI yang memenuhi syarat') ?? '');
			expect(qualified, `${path}: qualified candidates are distinct people`).toBe(Number(people?.qualified));
			expect(qualified as number, path).toBeLessThanOrEqual(Number(people?.waiting));
		}
	});
});

describe('a tile equals the sum of the table column with its label', () => {
	for (const path of ['/markets/TW', '/markets/SA?occupation=9111']) {
		it(path, async () => {
			const view = await directorView(path);
			const said = statements(view.tiles);
			let compared = 0;
			for (const id of view.actionCards.filter((i) => ['country-breakdown', 'country-lines'].includes(i))) {
				const table = await directorTable(path, id);
				if (/teratas/.test(table.note)) continue; // the card says its table is cut to its top rows
				for (const header of table.headers) {
					const tile = said.get(header);
					if (tile === undefined) continue;
					const cells = column(table, header);
					if (cells.some((c) => c === null) || /%|US\$/.test(tile)) continue; // a hidden cell, or not a count
					expect(
						cells.reduce<number>((a, b) => a + (b ?? 0), 0),
						`${path} ${id}: column "${header}" vs the tile`,
					).toBe(parseId(tile));
					compared++;
				}
			}
			expect(compared, 'at least one tile has its table column').toBeGreaterThan(0);
		});
	}
});

describe('the markets ranking: each row is consistent in itself and with the facts', () => {
	it('shows the fill rate beside its own numerator, departures as the facts count them, percentages in range', async () => {
		const ranking = (await directorView('/markets')).ranking;
		if (!ranking) throw new Error('/markets: the ranking was not read');
		const { headers, rows } = ranking;
		const at = (label: string) => headers.indexOf(label);
		const demandAt = at('Permintaan (slot)');
		const fillAt = at('Tingkat keterisian');
		expect(demandAt).toBeGreaterThan(0);
		expect(fillAt).toBeGreaterThan(0);
		const countColumns = headers.map((_, i) => i).filter((i) => i !== fillAt && i > 1);
		let checked = 0;
		for (const row of rows) {
			for (const [i, cell] of row.cells.entries()) {
				if (cell.includes('%')) {
					const p = parseId(cell) as number;
					expect(p, `${row.code} ${headers[i]}`).toBeGreaterThanOrEqual(0);
					expect(p, `${row.code} ${headers[i]}`).toBeLessThanOrEqual(1);
				}
			}
			const demand = parseId(row.cells[demandAt] ?? '');
			const fill = parseId(row.cells[fillAt] ?? '');
			if (!demand || fill === null) continue;
			// The fill rate is one of the row's counts ÷ the row's demand (to the shown precision).
			const numerators = countColumns
				.filter((i) => !/%|\$/.test(row.cells[i] ?? ''))
				.map((i) => ({ header: headers[i], value: parseId(row.cells[i] ?? '') }))
				.filter((c) => c.value !== null);
			const match = numerators.find((c) => Math.abs((c.value as number) / demand - fill) <= 0.0005 + 0.5 / demand);
			expect(
				match,
				`${row.code}: fill rate ${row.cells[fillAt]} is no count of the row ÷ ${row.cells[demandAt]}: ${JSON.stringify(numerators)}`,
			).toBeDefined();
			checked++;
		}
		expect(checked).toBeGreaterThan(3);

		// The departures column: departures in the period, as the facts count them (hidden small cells skipped).
		const departuresAt = at('Penempatan (berangkat dalam periode)');
		expect(departuresAt, 'the departures column names its period basis').toBeGreaterThan(0);
		const facts = await queryRows<{ country: string; placements: string }>(
			db,
			`SELECT country_iso2 AS country, count() AS placements FROM fct_placements
			 WHERE departure_date BETWEEN toDate('${PERIOD.from}') AND toDate('${PERIOD.to}') GROUP BY country_iso2`,
		);
		const byCountry = new Map(facts.map((f) => [f.country, Number(f.placements)]));
		let departures = 0;
		for (const row of rows) {
			const shown = parseId(row.cells[departuresAt] ?? '');
			if (shown === null) continue;
			expect(shown, row.code).toBe(byCountry.get(row.code) ?? 0);
			departures++;
		}
		expect(departures).toBeGreaterThan(3);
	});
});

describe('a province page: the funnel and the stock of waiting candidates', () => {
	it('a card titled as a funnel has nested stages; tiles and table agree on the label they share', async () => {
		const funnel = await directorTable('/provinces/52', 'pipeline-funnel');
		const values = funnel.rows.map((r) => parseId(r[1] ?? ''));
		if (funnel.title.includes('→')) {
			for (let i = 1; i < values.length; i++) {
				expect(values[i] as number, `${funnel.rows[i]?.[0]} ≤ ${funnel.rows[i - 1]?.[0]} in "${funnel.title}"`).toBeLessThanOrEqual(
					values[i - 1] as number,
				);
			}
		} else {
			expect(funnel.note, 'a card of stages that is no funnel says so').toMatch(/bukan corong/);
		}
		const said = statements(await directorTiles('/provinces/52'));
		for (const row of funnel.rows) {
			const tile = said.get(row[0] ?? '');
			if (tile !== undefined) expect(row[1], `stage "${row[0]}" vs the tile of that label`).toBe(tile);
		}
	});
});

describe('matching: what training and certification could close', () => {
	it('counts each slot once: the tile and every market are the certificate-then-language split of the gap', async () => {
		const said = statements(await directorTiles('/matching'));
		const closable = parseId(said.get('Dapat ditutup dengan pelatihan/sertifikasi') ?? '');
		const gap = parseId(said.get('Kesenjangan kompetensi') ?? '');
		const [split] = await queryRows<{ closable: string }>(
			db,
			'SELECT sum(gap_certificate + gap_language) AS closable FROM agg_competency_gap',
		);
		expect(closable).toBe(Number(split?.closable));
		expect(closable as number).toBeLessThanOrEqual(gap as number);
		const table = await directorTable('/matching', 'closable');
		const perMarket = await queryRows<{ occupation: string; country: string; closable: string; gap: string }>(
			db,
			`SELECT occupation_isco4 AS occupation, country_iso2 AS country, sum(gap_certificate + gap_language) AS closable, sum(gap) AS gap
			 FROM agg_competency_gap GROUP BY occupation_isco4, country_iso2 HAVING closable > 0 ORDER BY closable DESC`,
		);
		const closableAt = table.headers.findIndex((h) => /^Dapat ditutup/.test(h));
		const shown = table.rows.map((r) => parseId(r[closableAt >= 0 ? closableAt : 2] ?? '') ?? 0);
		const sumOfParts = table.rows.map((r) => (parseId(r[2] ?? '') ?? 0) + (closableAt >= 0 ? 0 : (parseId(r[3] ?? '') ?? 0)));
		expect(closableAt >= 0 ? shown : sumOfParts, 'the markets ranked by what they could close').toEqual(
			perMarket.slice(0, table.rows.length).map((m) => Number(m.closable)),
		);
	});
});

/** CSV rows (quoted fields, `,` or `;` as Excel in an Indonesian locale expects). */
function parseCsv(text: string): { rows: string[][]; delimiter: string } {
	const body = text.replace(/^\uFEFF/, '');
	const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
	const delimiter = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < body.length; i++) {
		const ch = body[i] as string;
		if (quoted) {
			if (ch === '"' && body[i + 1] === '"') {
				field += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else field += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === delimiter) {
			row.push(field);
			field = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && body[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += ch;
	}
	if (field !== '' || row.length > 0) rows.push([...row, field]);
	return { rows: rows.map((r) => r.map((c) => c.trim())), delimiter };
}

/** A CSV number: with `;` as the separator the decimal mark is `,` (Indonesian Excel), else `.`. */
function parseCsvNumber(text: string, delimiter: string): number | null {
	if (!/\d/.test(text)) return null;
	const t = text.replace(/[^\d,.-]/g, '');
	const n = Number(delimiter === ';' ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, ''));
	return Number.isFinite(n) ? n : null;
}

describe('every CSV equals its table; every percentage is within 0–100 %', () => {
	it("the CSV of a card has the table's header and, to the shown precision, its numbers", async () => {
		let compared = 0;
		for (const [path, id] of [
			['/markets/TW', 'country-breakdown'],
			['/matching', 'closable'],
			['/provinces/52', 'regencies-ranked'],
		] as const) {
			const table = await directorTable(path, id);
			const text = (await directorView(path)).csv.get(id);
			if (text === undefined) throw new Error(`${path} ${id}: no CSV was downloaded`);
			const parsed = parseCsv(text);
			const csv = parsed.rows.filter((r) => r.some((c) => c !== ''));
			// The export adds a unit to a heading ("Tingkat keterisian (%)") and a status column after a
			// column that can hold suppressed cells (docs/exports.md): find each of the table's headings.
			const columnOf = (r: string[], heading: string) =>
				r.findIndex((cell) => cell === heading || (cell.startsWith(`${heading} (`) && cell.endsWith(')')));
			const headerAt = csv.findIndex((r) => table.headers.every((h) => columnOf(r, h) >= 0));
			const columns = table.headers.map((h) => columnOf(csv[headerAt] ?? [], h));
			expect(
				headerAt,
				`${path} ${id}: the CSV has the table's header ${JSON.stringify(table.headers)}: ${JSON.stringify(csv[0])}`,
			).toBeGreaterThanOrEqual(0);
			const data = csv.slice(headerAt + 1, headerAt + 1 + table.rows.length);
			expect(data.length, `${path} ${id}: as many rows`).toBe(table.rows.length);
			for (const [r, row] of table.rows.entries()) {
				for (const [c, shownText] of row.entries()) {
					const shown = parseId(shownText);
					const inCsv = data[r]?.[columns[c] ?? -1] ?? '';
					if (shown === null) continue; // text, or a hidden cell
					const n = parseCsvNumber(inCsv, parsed.delimiter);
					expect(n, `${path} ${id} row ${r} "${table.headers[c]}": ${inCsv} vs ${shownText}`).not.toBeNull();
					const unit = shownText.includes('%') ? 0.0005 : 0.5;
					const close =
						Math.abs((n as number) - shown) <= unit + 1e-9 || (shownText.includes('%') && Math.abs((n as number) / 100 - shown) <= unit);
					expect(close, `${path} ${id} row ${r} "${table.headers[c]}": CSV ${inCsv} vs shown ${shownText}`).toBe(true);
					compared++;
				}
			}
		}
		expect(compared).toBeGreaterThan(10);
	});

	it('no tile or table on the dashboard shows a percentage outside 0–100 %', async () => {
		for (const path of ['/', '/markets', '/markets/TW', '/provinces', '/provinces/52', '/matching']) {
			const texts = (await directorView(path)).percentages;
			// a part whose label says the ratio can exceed 100 % is exempt ("lamaran per slot (bisa > 100%)")
			for (const text of texts.flatMap((t) => t.split(' · ')).filter((t) => !/>\s?100\s?%/.test(t))) {
				for (const m of text.matchAll(/(-?[\d.]+(?:,\d+)?)\s?%/g)) {
					const p = parseId(`${m[1]}%`) as number;
					expect(p, `${path}: "${text}"`).toBeGreaterThanOrEqual(0);
					expect(p, `${path}: "${text}"`).toBeLessThanOrEqual(1);
				}
			}
		}
	});
});

describe('a regional head sees the scope of every number', () => {
	for (const [user, code, name] of [
		['kepala-ntb', '52', 'Nusa Tenggara Barat'],
		// not kepala-jatim: security.test.ts locks it with the log-in throttle test (same web process)
		['kepala-jabar', '32', 'Jawa Barat'],
	] as const) {
		it(`${user}: every tile and card of the overview says national or own province, and shows that scope's number`, async () => {
			const regional = await journeyAs(user);
			await open(regional.page, '/');
			const mine = await tiles(regional.page);
			const cards = await regional.page.$$eval('section.chart-card', (cs) =>
				cs.map((c) => ({
					id: c.getAttribute('data-chart-id'),
					scope: c.querySelector('[data-testid="scope"]')?.textContent?.trim() ?? null,
				})),
			);
			await screenshot(regional.page, `consistency-scope-${user}`);
			const elsewhere: { path: string; what: string; scope: string | null }[] = [];
			for (const path of [`/provinces/${code}`, '/matching', '/markets', '/markets/TW']) {
				await open(regional.page, path);
				const found = await regional.page.$$eval('.tile, section.chart-card, section.card', (els) =>
					els.map((e) => ({
						what: e.querySelector('.label, h2')?.textContent?.trim() ?? '',
						scope: e.querySelector('[data-testid="scope"]')?.textContent?.trim() ?? null,
					})),
				);
				elsewhere.push(...found.map((f) => ({ path, ...f })));
			}
			await regional.close();
			const national = 'Nasional';
			const own = `Provinsi ${name}`;
			for (const t of mine) expect([national, own], `tile "${t.label}"`).toContain(t.scope);
			for (const c of cards) expect([national, own], `card ${c.id}`).toContain(c.scope);
			for (const e of elsewhere) expect(e.scope, `${e.path}: "${e.what}"`).toMatch(new RegExp(`^(${national}|${own})`));
			expect(
				mine.some((t) => t.scope === own),
				'the overview has own-province tiles',
			).toBe(true);
			expect(
				mine.some((t) => t.scope === national),
				'and national ones',
			).toBe(true);

			// What the badge says is true: the director sees the same number for that scope.
			const nationalTiles = new Map((await directorTiles('/')).map((t) => [t.label, t.value]));
			const provinceTiles = new Map((await directorTiles(`/?province=${code}`)).map((t) => [t.label, t.value]));
			for (const t of mine) {
				const expected = (t.scope === own ? provinceTiles : nationalTiles).get(t.label);
				expect(t.value, `"${t.label}" marked ${t.scope}`).toBe(expected);
			}
		});
	}
});
