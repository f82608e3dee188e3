/**
 * One label, one definition (issue #12, item 3): walks every page module's tiles and queries and
 * the label catalogue (lib/labels.ts). A label key read through two different members fails; so
 * does a tile whose query does not ask for the member it reads, a catalogue member the model does
 * not have (common/cube-members.generated.ts), and a page that writes a catalogue label on a tile
 * itself instead of showing the label its number was read for.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CUBE_MEMBERS } from '../../../../../common/cube-members.generated.ts';
import { parseFilters } from '../../filters.ts';
import { definitionOf, LABELS } from '../../labels.ts';
import { COUNTRY_TILES, countryQueries } from './country.ts';
import { MATCHING_TILES, matchingQueries } from './matching.ts';
import { OVERVIEW_TILES, overviewQueries } from './overview.ts';
import { PROVINCE_TILES, provinceQueries } from './province.ts';
import { PUBLIC_TILES, publicQuickWinQuery } from './public.ts';
import type { NamedQuery, Tile } from './query-kit.ts';

const members = new Set(Object.keys(CUBE_MEMBERS));
const filters = parseFilters(new URLSearchParams(), { from: '2026-01', to: '2026-10' });
const inCountry = { ...filters, values: { ...filters.values, country: ['SA'] } };

const PAGES: { page: string; tiles: Record<string, Tile>; queries: Record<string, NamedQuery> }[] = [
	{ page: 'overview', tiles: OVERVIEW_TILES, queries: overviewQueries(filters, members) },
	{ page: 'country', tiles: COUNTRY_TILES, queries: countryQueries(inCountry, members, { sector: null, occupation: null }).queries },
	{ page: 'province', tiles: PROVINCE_TILES, queries: provinceQueries(filters, members, '52', null) },
	{ page: 'matching', tiles: MATCHING_TILES, queries: matchingQueries(filters, members) },
	{
		page: 'public',
		tiles: PUBLIC_TILES,
		queries: { quickWin: { name: 'public.quick_win', query: publicQuickWinQuery('2026'), ignored: [] } },
	},
];

describe('one label, one member', () => {
	it('every member in the catalogue is a measure the model has', () => {
		for (const [label, member] of Object.entries(LABELS)) {
			expect(CUBE_MEMBERS[member as keyof typeof CUBE_MEMBERS]?.kind, `${label} → ${member}`).toBe('measure');
		}
	});

	it('no label key is read through two members, on any page', () => {
		const readAs = new Map<string, Set<string>>();
		for (const { page, tiles } of PAGES) {
			for (const [field, tile] of Object.entries(tiles)) {
				const where = `${page}.${field} shows "${tile.label}" read from ${tile.member}`;
				expect(tile.label in LABELS, `${where}: the label is in the catalogue`).toBe(true);
				expect(definitionOf(tile.member), `${where}: the catalogue binds "${tile.label}" to ${LABELS[tile.label]}`).toBe(
					LABELS[tile.label],
				);
				readAs.set(tile.label, new Set([...(readAs.get(tile.label) ?? []), definitionOf(tile.member)]));
			}
		}
		for (const [label, read] of readAs) expect([...read], `"${label}" is read through one member`).toHaveLength(1);
	});

	it("each tile's query asks for the member the tile reads", () => {
		for (const { page, tiles, queries } of PAGES) {
			for (const [field, tile] of Object.entries(tiles)) {
				const query = queries[tile.query];
				expect(query, `${page}.${field}: query "${tile.query}" exists`).toBeDefined();
				expect(query?.query.measures ?? [], `${page}.${field}: ${query?.name} asks for ${tile.member}`).toContain(tile.member);
			}
		}
	});

	it('pages show a tile under the label its number was read for, not a label of their own', () => {
		const routes = join(import.meta.dirname, '../../../routes');
		const svelteFiles = (dir: string): string[] =>
			readdirSync(dir).flatMap((name) => {
				const path = join(dir, name);
				return statSync(path).isDirectory() ? svelteFiles(path) : name.endsWith('.svelte') ? [path] : [];
			});
		const found: string[] = [];
		for (const file of svelteFiles(routes)) {
			const source = readFileSync(file, 'utf8');
			for (const tile of source.matchAll(/<KpiTile\b[\s\S]*?\/>/g)) {
				for (const [, key] of tile[0].matchAll(/\bt\('([a-zA-Z_.]+)'\)/g)) {
					if (key && key in LABELS) found.push(`${file.slice(routes.length)}: t('${key}')`);
				}
			}
		}
		expect(found).toEqual([]);
	});
});
