/**
 * What every page's query module shares: a query with a name (for the benchmark and test output),
 * the filter bar applied where the cube can, and what it cannot apply said plainly.
 */
import { type CubeName, type LocalName, type MeasureMember, type TimeMember, timeMember } from '../../cube-members.ts';
import { cubeFilters, dateRange, type Filters } from '../../filters.ts';
import type { LabelKey } from '../../labels.ts';
import type { CubeQuery, CubeRow } from '../cube.ts';

export interface NamedQuery {
	/** stable name, used by the benchmark and in test output */
	name: string;
	query: CubeQuery;
	/** filter-bar dimensions this query cannot apply */
	ignored: string[];
}

export function filtered<C extends CubeName>(
	name: string,
	cube: C,
	filters: Filters,
	members: ReadonlySet<string>,
	query: CubeQuery,
	withPeriod: LocalName<C, TimeMember> | null,
): NamedQuery {
	const { filters: memberFilters, ignored } = cubeFilters(filters, cube, members);
	const timeDimensions = withPeriod
		? [{ dimension: timeMember(cube, withPeriod), dateRange: dateRange(filters) }, ...(query.timeDimensions ?? [])]
		: query.timeDimensions;
	// A snapshot ("now": the competency gap, waiting candidates) reads no date range at all: it
	// ignores the period, and says so like any other filter.
	const snapshot = !withPeriod && !(query.timeDimensions ?? []).some((d) => d.dateRange);
	return {
		name,
		query: { ...query, filters: [...(query.filters ?? []), ...memberFilters], timeDimensions },
		ignored: snapshot ? [...ignored, 'period'] : ignored,
	};
}

/**
 * Qualified and waiting candidates now, counted as distinct people (a stock, no period). The
 * overview and matching tiles both read this one query, so "qualified candidates" is one number.
 */
export function qualifiedPeopleQuery(name: string, filters: Filters, members: ReadonlySet<string>): NamedQuery {
	return filtered(name, 'supply', filters, members, { measures: ['supply.waiting', 'supply.qualified'] }, null);
}

/** Period filter for province_rates (monthly rollup, `month` time dimension). */
export function ratesQuery(name: string, filters: Filters, members: ReadonlySet<string>, query: CubeQuery): NamedQuery {
	return filtered(name, 'province_rates', filters, members, query, 'month');
}

/**
 * A number a tile shows: read from the first row of one of the page's queries, through the one
 * member its label is bound to in `LABELS` (lib/labels.ts). `member` is written out so that a page
 * reading a label from another definition is visible here and fails labels.test.ts.
 */
export interface Tile<Q extends string = string> {
	query: Q;
	label: LabelKey;
	member: MeasureMember;
}

export function num(value: unknown): number | null {
	if (value === null || value === undefined || value === '') return null;
	const n = Number(value);
	return Number.isFinite(n) ? n : null;
}

/** A page's query results by query key (Cube rows; an errored query has none). */
export type QueryResults<Q extends string> = Record<Q, { data: CubeRow[] }>;

/** The tiles' numbers, by field, from the page's query results. */
export function readTiles<Q extends string, F extends string>(
	tiles: Record<F, Tile<Q>>,
	results: QueryResults<Q>,
): Record<F, number | null> {
	const out = {} as Record<F, number | null>;
	for (const field of Object.keys(tiles) as F[]) {
		const tile = tiles[field];
		out[field] = num(results[tile.query].data[0]?.[tile.member]);
	}
	return out;
}

/**
 * A table column (or the chart series drawn from it) that shows a metric: like a tile, its label is
 * bound to one member in `LABELS`, and the page reads the column's numbers through that member and
 * heads the column with that label (`labels.test.ts` holds tiles and columns to one catalogue).
 */
export type Column<Q extends string = string> = Tile<Q>;

/** A row's numbers for the columns of one table, read through each column's member. */
export function readColumns<F extends string>(columns: Record<F, Column>, row: CubeRow | undefined): Record<F, number | null> {
	const out = {} as Record<F, number | null>;
	for (const field of Object.keys(columns) as F[]) out[field] = num(row?.[columns[field].member]);
	return out;
}

/** The columns of a table that one query's rows fill (a table may join several queries by a key). */
export function fromQuery<Q extends string, C extends Record<string, Column<Q>>, K extends Q>(
	columns: C,
	query: K,
): { [F in keyof C as C[F]['query'] extends K ? F : never]: C[F] } {
	return Object.fromEntries(Object.entries(columns).filter(([, c]) => c.query === query)) as never;
}

/** The column label keys of every table of a page, by table and field (what the page heads each column with). */
export function columnLabels<T extends Record<string, Record<string, Column>>>(
	tables: T,
): { [K in keyof T]: Record<keyof T[K], LabelKey> } {
	const out: Record<string, Record<string, LabelKey>> = {};
	for (const [table, columns] of Object.entries(tables)) out[table] = tileLabels(columns);
	return out as { [K in keyof T]: Record<keyof T[K], LabelKey> };
}

/** The tiles' label keys, by field: the page shows each number under the label it was read for. */
export function tileLabels<F extends string>(tiles: Record<F, Tile>): Record<F, LabelKey> {
	const out = {} as Record<F, LabelKey>;
	for (const field of Object.keys(tiles) as F[]) out[field] = tiles[field].label;
	return out;
}
