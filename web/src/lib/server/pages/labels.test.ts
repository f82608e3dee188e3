/**
 * One label, one definition (issue #12, item 3): walks every page module's tiles, table columns and
 * queries and the label catalogue (lib/labels.ts). A label key read through two different members
 * fails, whether on two tiles, two columns or a tile and a column (the overview's "open vacancies"
 * tile and the unfilled-markets column once read two definitions under one label); so does a tile or
 * column whose query does not ask for the member it reads, a catalogue member the model does not
 * have (common/cube-members.generated.ts), and a page that writes a catalogue label itself instead
 * of showing the label its numbers were read for.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CUBE_MEMBERS } from '../../../../../common/cube-members.generated.ts';
import { parseFilters } from '../../filters.ts';
import { definitionOf, LABELS } from '../../labels.ts';
import { COUNTRY_TABLES, COUNTRY_TILES, countryQueries } from './country.ts';
import { MARKETS_TABLES, marketsQueries } from './markets.ts';
import { MATCHING_TABLES, MATCHING_TILES, matchingQueries } from './matching.ts';
import { OVERVIEW_TABLES, OVERVIEW_TILES, overviewQueries } from './overview.ts';
import { PROVINCE_TABLES, PROVINCE_TILES, provinceQueries } from './province.ts';
import { PROVINCES_TABLES, provincesQueries } from './provinces.ts';
import { PUBLIC_TABLES, PUBLIC_TILES, publicQuickWinMonthlyQuery, publicQuickWinQuery } from './public.ts';
import type { Column, NamedQuery, Tile } from './query-kit.ts';

const members = new Set(Object.keys(CUBE_MEMBERS));
const filters = parseFilters(new URLSearchParams(), { from: '2026-01', to: '2026-10' });
const inCountry = { ...filters, values: { ...filters.values, country: ['SA'] } };

const PAGES: {
	page: string;
	tiles: Record<string, Tile>;
	tables: Record<string, Record<string, Column>>;
	queries: Record<string, NamedQuery>;
}[] = [
	{ page: 'overview', tiles: OVERVIEW_TILES, tables: OVERVIEW_TABLES, queries: overviewQueries(filters, members) },
	{ page: 'markets', tiles: {}, tables: MARKETS_TABLES, queries: marketsQueries(filters, members) },
	{
		page: 'country',
		tiles: COUNTRY_TILES,
		tables: COUNTRY_TABLES,
		queries: countryQueries(inCountry, members, { sector: null, occupation: null }).queries,
	},
	{ page: 'provinces', tiles: {}, tables: PROVINCES_TABLES, queries: provincesQueries(filters, members, ['52']) },
	{ page: 'province', tiles: PROVINCE_TILES, tables: PROVINCE_TABLES, queries: provinceQueries(filters, members, '52', null) },
	{ page: 'matching', tiles: MATCHING_TILES, tables: MATCHING_TABLES, queries: matchingQueries(filters, members) },
	{
		page: 'public',
		tiles: PUBLIC_TILES,
		tables: PUBLIC_TABLES,
		queries: {
			quickWin: { name: 'public.quick_win', query: publicQuickWinQuery('2026'), ignored: [] },
			quickWinMonthly: { name: 'public.quick_win_monthly', query: publicQuickWinMonthlyQuery('2026'), ignored: [] },
		},
	},
];

/** Every tile and table column of every page, with where it is shown. */
const shown = PAGES.flatMap(({ page, tiles, tables, queries }) => [
	...Object.entries(tiles).map(([field, tile]) => ({ where: `${page} tile ${field}`, item: tile, queries })),
	...Object.entries(tables).flatMap(([table, columns]) =>
		Object.entries(columns).map(([field, column]) => ({ where: `${page} table ${table}, column ${field}`, item: column, queries })),
	),
]);

const routes = join(import.meta.dirname, '../../../routes');
const svelteFiles = (dir: string): string[] =>
	readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? svelteFiles(path) : name.endsWith('.svelte') ? [path] : [];
	});

describe('one label, one member', () => {
	it('every member in the catalogue is a measure the model has', () => {
		for (const [label, member] of Object.entries(LABELS)) {
			expect(CUBE_MEMBERS[member as keyof typeof CUBE_MEMBERS]?.kind, `${label} → ${member}`).toBe('measure');
		}
	});

	it('no label key is read through two members, on any page, tile or table column', () => {
		const readAs = new Map<string, Set<string>>();
		for (const { where, item } of shown) {
			const what = `${where} shows "${item.label}" read from ${item.member}`;
			expect(item.label in LABELS, `${what}: the label is in the catalogue`).toBe(true);
			expect(definitionOf(item.member), `${what}: the catalogue binds "${item.label}" to ${LABELS[item.label]}`).toBe(LABELS[item.label]);
			readAs.set(item.label, new Set([...(readAs.get(item.label) ?? []), `${definitionOf(item.member)} (${where})`]));
		}
		for (const [label, read] of readAs) {
			expect(new Set([...read].map((r) => r.split(' ')[0])).size, `"${label}" is read through one member: ${[...read].join('; ')}`).toBe(1);
		}
	});

	it("each tile's and column's query asks for the member it reads", () => {
		for (const { where, item, queries } of shown) {
			const query = queries[item.query];
			expect(query, `${where}: query "${item.query}" exists`).toBeDefined();
			expect(query?.query.measures ?? [], `${where}: ${query?.name} asks for ${item.member}`).toContain(item.member);
		}
	});

	it('pages head tiles, columns and series with the label their numbers were read for, not a label of their own', () => {
		// a catalogue label written on the page itself (a tile, a <th>, a table column, a series name)
		// could head numbers read from another member; the page shows the label key its module read for
		const prefixes = new Set(Object.keys(LABELS).map((key) => key.slice(0, key.lastIndexOf('.') + 1)));
		const found: string[] = [];
		for (const file of svelteFiles(routes)) {
			const source = readFileSync(file, 'utf8');
			for (const [, key] of source.matchAll(/\bt\('([a-zA-Z_.]+)'\)/g)) {
				if (key && key in LABELS) found.push(`${file.slice(routes.length)}: t('${key}')`);
			}
			// a key built from a template (t(`markets.metric.${id}`)) of a prefix the catalogue binds
			for (const [, prefix] of source.matchAll(/\bt\(`([a-zA-Z_.]+)\$\{/g)) {
				if (prefix && prefixes.has(prefix) && Object.keys(LABELS).some((key) => key.startsWith(prefix))) {
					found.push(`${file.slice(routes.length)}: t(\`${prefix}\${…}\`)`);
				}
			}
		}
		expect(found).toEqual([]);
	});

	it("a page's table column is formatted as the contract formats its member (a percent as a percent)", () => {
		const tablesOf: Record<string, Record<string, Record<string, Column>>> = {
			'/+page.svelte': OVERVIEW_TABLES,
			'/markets/[country]/+page.svelte': COUNTRY_TABLES,
			'/provinces/[code]/+page.svelte': PROVINCE_TABLES,
			'/matching/+page.svelte': { ...MATCHING_TABLES, gc: MATCHING_TABLES.gap },
		};
		const fits: Record<string, string[]> = { percent: ['percent'], currency: ['currency'], number: ['number', 'decimal'] };
		let checked = 0;
		for (const [file, tables] of Object.entries(tablesOf)) {
			const source = readFileSync(join(routes, file), 'utf8');
			const entries = /\{\s*key:\s*'\w+',\s*label:\s*t\((?:data\.columns\.(\w+)|(gc))\.(\w+)\),\s*format:\s*'(\w+)'/g;
			for (const [entry, table, gc, field, format] of source.matchAll(entries)) {
				const column = tables[(table ?? gc) as string]?.[field as string];
				expect(column, `${file}: ${entry}`).toBeDefined();
				const contract = CUBE_MEMBERS[column?.member as keyof typeof CUBE_MEMBERS]?.format ?? 'number';
				expect(fits[contract] ?? [contract], `${file}: ${entry} shows ${column?.member} (${contract})`).toContain(format);
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(20);
	});

	it("a page's table column is headed with the label of the field it shows", () => {
		// { key: 'gap', label: t(data.columns.unfilled.openSlots) } would show gaps under another column's label
		const found: string[] = [];
		for (const file of svelteFiles(routes)) {
			const source = readFileSync(file, 'utf8');
			for (const [entry, key, field] of source.matchAll(/\{\s*key:\s*'(\w+)',\s*label:\s*t\((?:data\.columns\.\w+|gc)\.(\w+)\)/g)) {
				if (key !== field) found.push(`${file.slice(routes.length)}: ${entry}`);
			}
		}
		expect(found).toEqual([]);
	});
});
