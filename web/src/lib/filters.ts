/**
 * The filter bar's state. The URL is the single source of truth: every view is a shareable link,
 * and back/forward restore it. This module is the only place that reads or writes these
 * parameters, and the only place that turns them into Cube filters.
 */
import { type CubeMember, isMember } from './cube-members.ts';

/** Filter-bar dimensions, named as the cube dimensions they filter (`<cube>.<name>`). */
export const FILTER_DIMENSIONS = ['country', 'region', 'province', 'sector', 'occupation', 'skill_level', 'scheme', 'gender'] as const;
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];

export interface Filters {
	/** first month of the period, YYYY-MM */
	from: string;
	/** last month of the period, YYYY-MM (inclusive) */
	to: string;
	/** selected values per dimension; empty = all */
	values: Record<FilterDimension, string[]>;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const VALUE = /^[A-Za-z0-9_.-]{1,32}$/;
const MAX_VALUES = 20;

export function emptyValues(): Record<FilterDimension, string[]> {
	return Object.fromEntries(FILTER_DIMENSIONS.map((d) => [d, []])) as unknown as Record<FilterDimension, string[]>;
}

/**
 * Reads the filters from a URL. Anything malformed is ignored rather than trusted: the values end
 * up in Cube queries, and a hand-edited link must not break the page.
 */
export function parseFilters(params: URLSearchParams, defaults: { from: string; to: string }): Filters {
	let from = params.get('from') ?? '';
	let to = params.get('to') ?? '';
	if (!MONTH.test(from)) from = defaults.from;
	if (!MONTH.test(to)) to = defaults.to;
	if (from > to) [from, to] = [to, from];
	const values = emptyValues();
	for (const dimension of FILTER_DIMENSIONS) {
		const raw = params.get(dimension);
		if (!raw) continue;
		const list = [...new Set(raw.split(',').filter((v) => VALUE.test(v)))].sort().slice(0, MAX_VALUES);
		values[dimension] = list;
	}
	return { from, to, values };
}

/**
 * Whether a filter-bar URL parameter holds what parseFilters reads as given (a month; up to
 * MAX_VALUES codes): an endpoint refuses what a page silently drops.
 */
export function isValidFilterParam(key: string, raw: string): boolean {
	if (key === 'from' || key === 'to') return MONTH.test(raw);
	if (!(FILTER_DIMENSIONS as readonly string[]).includes(key)) return false;
	const list = raw.split(',');
	return list.length <= MAX_VALUES && list.every((v) => VALUE.test(v));
}

/**
 * Writes filters into a URL's search params, keeping every other parameter (language, page
 * state). Defaults are left out so links stay short.
 */
export function writeFilters(params: URLSearchParams, filters: Filters, defaults: { from: string; to: string }): URLSearchParams {
	const next = new URLSearchParams(params);
	if (filters.from === defaults.from) next.delete('from');
	else next.set('from', filters.from);
	if (filters.to === defaults.to) next.delete('to');
	else next.set('to', filters.to);
	for (const dimension of FILTER_DIMENSIONS) {
		const list = filters.values[dimension];
		if (list.length === 0) next.delete(dimension);
		else next.set(dimension, [...list].sort().join(','));
	}
	return next;
}

/** The language: every page keeps it. */
const KEPT_EVERYWHERE = ['lang'] as const;

/**
 * The URL parameters of the filter bar that a page applies: the dashboard pages apply all of them;
 * the public page (its own year), the log-in and the embeds none.
 */
export function filtersOfPage(pathname: string): readonly string[] {
	return pathname === '/' || /^\/(markets|provinces|matching)(\/|$)/.test(pathname) ? ['from', 'to', ...FILTER_DIMENSIONS] : [];
}

/**
 * A link to another page that keeps the reader's view: the language, and the filters that apply
 * on that page (menu, brand and breadcrumbs use it). Page-only state — the map metric, a regency,
 * a province comparison — stays behind.
 */
export function linkKeepingView(pathname: string, current: URLSearchParams): string {
	const next = new URLSearchParams();
	for (const key of [...KEPT_EVERYWHERE, ...filtersOfPage(pathname)]) {
		const value = current.get(key);
		if (value) next.set(key, value);
	}
	const search = next.toString();
	return search ? `${pathname}?${search}` : pathname;
}

/** A link with one filter value added (clicking a bar or map area). */
export function withFilter(params: URLSearchParams, dimension: FilterDimension, value: string): URLSearchParams {
	const next = new URLSearchParams(params);
	next.set(dimension, value);
	return next;
}

export function withoutFilter(params: URLSearchParams, dimension: FilterDimension): URLSearchParams {
	const next = new URLSearchParams(params);
	next.delete(dimension);
	return next;
}

/** Last day of a YYYY-MM month. */
export function monthEnd(month: string): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return `${month}-${String(last).padStart(2, '0')}`;
}

export interface CubeFilter {
	member: CubeMember;
	operator: 'equals';
	values: string[];
}

/**
 * Members named like a filter of the bar that mean something else: the bar's scheme is the
 * placement scheme (G to G, P to P, …); these are certification schemes. A placement scheme
 * applied to them matched nothing and emptied the province page's certification cards.
 */
export const NOT_THE_BARS: ReadonlySet<string> = new Set(['certifications.scheme', 'certification_capacity.scheme']);

/**
 * Cube filters for one cube: a filter applies where the cube has a dimension of that name and
 * meaning (not one of NOT_THE_BARS); the others are reported so the page can say "this chart ignores the province filter" instead of
 * showing numbers that silently ignore it.
 */
export function cubeFilters(
	filters: Filters,
	cube: string,
	members: ReadonlySet<string>,
): { filters: CubeFilter[]; ignored: FilterDimension[] } {
	const result: CubeFilter[] = [];
	const ignored: FilterDimension[] = [];
	for (const dimension of FILTER_DIMENSIONS) {
		const values = filters.values[dimension];
		if (values.length === 0) continue;
		const member = `${cube}.${dimension}`;
		if (isMember(member, members) && !NOT_THE_BARS.has(member)) result.push({ member, operator: 'equals', values });
		else ignored.push(dimension);
	}
	return { filters: result, ignored };
}

/** The date range of the filters, as Cube wants it. */
export function dateRange(filters: Filters): [string, string] {
	return [`${filters.from}-01`, monthEnd(filters.to)];
}

export function activeFilterCount(filters: Filters): number {
	return FILTER_DIMENSIONS.reduce((n, d) => n + (filters.values[d].length > 0 ? 1 : 0), 0);
}

/** Every month from `from` to `to` inclusive (YYYY-MM), so a series shows months without data as 0. */
export function monthsBetween(from: string, to: string): string[] {
	const months: string[] = [];
	let [y, m] = from.split('-').map(Number) as [number, number];
	const [ty, tm] = to.split('-').map(Number) as [number, number];
	while (y < ty || (y === ty && m <= tm)) {
		months.push(`${y}-${String(m).padStart(2, '0')}`);
		m += 1;
		if (m > 12) {
			m = 1;
			y += 1;
		}
	}
	return months;
}
