/**
 * The public datasets: one definition per dataset serves the public page's chart, its open-data
 * CSV and its embeddable chart, so the three always show the same numbers. Queries go to the
 * public views only; Cube withholds small cells and returns them as markers.
 */
import type { Lang } from '$lib/i18n';
import { translator } from '$lib/i18n';
import type { TableColumn } from '$lib/table';
import type { MeasureMember } from '../cube-members.ts';
import { PUBLIC_DATASETS, type PublicDataset, type PublicTable } from '../public-datasets.ts';
import { type CubeContext, type CubeQuery, type CubeRowKey, cubeLoad, describeFailure } from './cube.ts';
import type { Names } from './dashboard.ts';
import { publicDatasetQuery } from './queries.ts';

export { PUBLIC_DATASETS, type PublicDataset, type PublicTable };

export const PUBLIC_CONTEXT: CubeContext = { role: 'public' };

/** The first year of public data. */
export const FIRST_PUBLIC_YEAR = 2019;

/**
 * The year a public request asks for: `year` when the data have it; with no `year`, the latest;
 * a year the data do not have is `refused` (with the sentence saying which years exist), never
 * silently answered with another year.
 */
export function publicYear(
	requested: string | null,
	latestYear: string,
	lang: Lang,
): { year: string; years: string[]; refused: string | null } {
	const years: string[] = [];
	for (let y = Number(latestYear); y >= FIRST_PUBLIC_YEAR; y--) years.push(String(y));
	if (requested === null || requested === '' || years.includes(requested)) return { year: requested || latestYear, years, refused: null };
	const shown = requested.replace(/[^\w-]/g, '').slice(0, 12);
	return {
		year: latestYear,
		years,
		refused: translator(lang)('public.noYear').replace('{year}', shown).replace('{years}', `${FIRST_PUBLIC_YEAR}–${latestYear}`),
	};
}

export function isPublicDataset(value: string): value is PublicDataset {
	return (PUBLIC_DATASETS as readonly string[]).includes(value);
}

interface Definition {
	query: (year: string) => CubeQuery;
	/** the dimension that labels rows, and how to name it */
	key: {
		member: CubeRowKey;
		column: string;
		label: (t: (k: never) => string) => string;
		name?: (code: string, names: Names, lang: Lang) => string;
	};
	measures: { member: MeasureMember; label: (t: (k: never) => string) => string; format: TableColumn['format'] }[];
	titleKey: string;
}

const tr = (t: (k: never) => string, key: string) => (t as (k: string) => string)(key);

const DEFINITIONS: Record<PublicDataset, Definition> = {
	'placements-by-month': {
		query: (year) => publicDatasetQuery('placements-by-month', year),
		key: { member: 'public_placements.departure_date.month', column: 'month', label: (t) => tr(t, 'table.month') },
		measures: [{ member: 'public_placements.placements', label: (t) => tr(t, 'metric.placements'), format: 'number' }],
		titleKey: 'public.byMonth',
	},
	'placements-by-country': {
		query: (year) => publicDatasetQuery('placements-by-country', year),
		key: { member: 'public_placements.country', column: 'country', label: (t) => tr(t, 'dim.country'), name: (c, n) => n.country[c] ?? c },
		measures: [{ member: 'public_placements.placements', label: (t) => tr(t, 'metric.placements'), format: 'number' }],
		titleKey: 'public.byCountry',
	},
	'placements-by-province': {
		query: (year) => publicDatasetQuery('placements-by-province', year),
		key: {
			member: 'public_placements.province',
			column: 'province',
			label: (t) => tr(t, 'dim.province'),
			name: (c, n) => n.province[c] ?? c,
		},
		measures: [{ member: 'public_placements.placements', label: (t) => tr(t, 'metric.placements'), format: 'number' }],
		titleKey: 'public.byProvince',
	},
	'demand-by-country': {
		query: (year) => publicDatasetQuery('demand-by-country', year),
		key: { member: 'public_demand.country', column: 'country', label: (t) => tr(t, 'dim.country'), name: (c, n) => n.country[c] ?? c },
		measures: [
			{ member: 'public_demand.demand_slots', label: (t) => tr(t, 'markets.metric.demand'), format: 'number' },
			{ member: 'public_demand.fill_rate', label: (t) => tr(t, 'markets.metric.fill_rate'), format: 'percent' },
		],
		titleKey: 'public.demandByCountry',
	},
	'provinces-per-capita': {
		query: (year) => publicDatasetQuery('provinces-per-capita', year),
		key: {
			member: 'public_provinces.province',
			column: 'province',
			label: (t) => tr(t, 'dim.province'),
			name: (c, n) => n.province[c] ?? c,
		},
		measures: [{ member: 'public_provinces.placements_per_100k', label: (t) => tr(t, 'provinces.metric.per_capita'), format: 'decimal' }],
		titleKey: 'public.perCapita',
	},
};

/** Runs a public dataset and shapes it as a table with names in the reader's language. */
export async function publicTable(dataset: PublicDataset, year: string, lang: Lang, names: Names): Promise<PublicTable> {
	const def = DEFINITIONS[dataset];
	const t = translator(lang) as (k: never) => string;
	const columns: TableColumn[] = [
		{ key: def.key.column, label: def.key.label(t) },
		...(def.key.name ? [{ key: 'code', label: tr(t, 'public.code') }] : []),
		...def.measures.map((m) => ({ key: m.member, label: m.label(t), format: m.format })),
	];
	try {
		const result = await cubeLoad(def.query(year), PUBLIC_CONTEXT);
		const codes = result.data.map((row) => String(row[def.key.member] ?? '').slice(0, def.key.column === 'month' ? 7 : undefined));
		const rows = result.data.map((row, i) => {
			const code = codes[i] ?? '';
			const out: Record<string, string | number | null> = { [def.key.column]: def.key.name ? def.key.name(code, names, lang) : code };
			if (def.key.name) out.code = code;
			for (const m of def.measures) {
				const v = row[m.member];
				out[m.member] = v === null || v === undefined || v === 'suppressed' ? null : Number(v);
			}
			return out;
		});
		return {
			dataset,
			title: tr(t, def.titleKey),
			table: { columns, rows, suppressed: result.suppressed },
			codes,
			error: null,
			threshold: result.threshold ?? null,
		};
	} catch (error) {
		return {
			dataset,
			title: tr(t, def.titleKey),
			table: { columns, rows: [] },
			codes: [],
			error: describeFailure(error, { role: 'public' }),
			threshold: null,
		};
	}
}
