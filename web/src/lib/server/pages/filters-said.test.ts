/**
 * Every card either applies the filters or says plainly which it ignores (issue #12, item 4): with
 * every filter of the bar set and a period that is not the default, each query of every page module
 * either filters on the dimension (a member of its cube, with the chosen values) or lists the
 * dimension in `ignored` (what the card's "Tidak mengikuti filter" line names), and either reads a
 * date range or lists the period as ignored. The pages hand each tile and card its query's list.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CUBE_MEMBERS } from '../../../../../common/cube-members.generated.ts';
import { FILTER_DIMENSIONS, type Filters, parseFilters } from '../../filters.ts';
import { countryQueries } from './country.ts';
import { marketsQueries } from './markets.ts';
import { matchingQueries } from './matching.ts';
import { overviewQueries } from './overview.ts';
import { provinceQueries } from './province.ts';
import { provincesQueries } from './provinces.ts';
import type { NamedQuery } from './query-kit.ts';

const members = new Set(Object.keys(CUBE_MEMBERS));
const params = new URLSearchParams({ from: '2025-03', to: '2025-08' });
for (const dimension of FILTER_DIMENSIONS) params.set(dimension, `x-${dimension}`);
const filters: Filters = parseFilters(params, { from: '2025-01', to: '2025-12' });

/**
 * Each page's queries, and the queries that read the page's own subject instead of the bar's value
 * for one dimension (a province page reads its province, the comparison the provinces chosen for
 * it); the certification capacity card is a table of every province (its rows are provinces).
 */
type Subject = { dimension: string; values: string[]; queries: string[] };
const PAGES: Record<string, { queries: Record<string, NamedQuery>; subject?: Subject }> = {
	overview: { queries: overviewQueries(filters, members, '2025-08-20') },
	markets: { queries: marketsQueries(filters, members) },
	country: { queries: countryQueries(filters, members, { sector: null, occupation: null }).queries },
	'country (lines)': { queries: countryQueries(filters, members, { sector: 'x-sector', occupation: 'x-occupation' }).queries },
	provinces: {
		queries: provincesQueries(filters, members, ['52']),
		subject: { dimension: 'province', values: ['52'], queries: ['compareDestinations', 'compareTrend'] },
	},
	province: {
		queries: provinceQueries(filters, members, '52', null),
		subject: { dimension: 'province', values: ['52'], queries: ['*'] },
	},
	matching: { queries: matchingQueries(filters, members) },
};

describe('every card applies the filters or says which it ignores', () => {
	it('the test sets every filter of the bar', () => {
		for (const dimension of FILTER_DIMENSIONS) expect(filters.values[dimension], dimension).toHaveLength(1);
		expect([filters.from, filters.to]).toEqual(['2025-03', '2025-08']);
	});

	for (const [page, { queries, subject }] of Object.entries(PAGES)) {
		it(page, () => {
			for (const [key, { name, query, ignored }] of Object.entries(queries)) {
				const filtersOn = (dimension: string) =>
					(query.filters ?? []).filter((f) => 'member' in f && typeof f.member === 'string' && f.member.endsWith(`.${dimension}`));
				for (const dimension of FILTER_DIMENSIONS) {
					const values = (f: object) => ('values' in f ? (f.values as unknown[]).map(String) : []);
					const own = subject?.dimension === dimension && (subject.queries.includes(key) || subject.queries.includes('*'));
					const expected = own ? (subject?.values ?? []) : [`x-${dimension}`];
					const applied = filtersOn(dimension).some((f) => expected.every((v) => values(f).includes(v)));
					if (own && key === 'capacity') continue; // rows are provinces: every province's capacity
					const said = ignored.includes(dimension);
					expect(applied || said, `${page}.${key} (${name}): ${dimension} applied or said to be ignored`).toBe(true);
					expect(applied && said, `${page}.${key} (${name}): ${dimension} both applied and said to be ignored`).toBe(false);
				}
				const readsRange = (query.timeDimensions ?? []).some((d) => d.dateRange !== undefined);
				const yearOnly = filtersOn('year').length > 0;
				expect(
					readsRange || ignored.includes('period') || (yearOnly && ignored.includes('period')),
					`${page}.${key} (${name}): the period applied or said to be ignored`,
				).toBe(true);
			}
		});
	}

	it("every tile and card of a dashboard page shows its query's ignored filters", () => {
		const routes = join(import.meta.dirname, '../../../routes');
		const files = (dir: string): string[] =>
			readdirSync(dir).flatMap((name) => {
				const path = join(dir, name);
				return statSync(path).isDirectory() ? files(path) : name.endsWith('.svelte') ? [path] : [];
			});
		const missing: string[] = [];
		// the public page and its embeds follow their own year select only, and say so in their notes
		for (const file of files(routes).filter((f) => !/[/\\](public|embed|login)[/\\]/.test(f))) {
			const source = readFileSync(file, 'utf8');
			for (const [element, tag] of source.matchAll(
				/<(KpiTile|ChartCard)\b(?:[^>"'{]|"[^"]*"|'[^']*'|\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\})*>/g,
			)) {
				const prop = tag === 'KpiTile' ? /\bignored=\{/ : /\bignoredFilters=\{/;
				if (!prop.test(element)) missing.push(`${file.slice(routes.length)}: ${element.slice(0, 80).replace(/\s+/g, ' ')}`);
			}
		}
		expect(missing).toEqual([]);
	});
});
