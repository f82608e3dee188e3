/**
 * What every page's query module shares: a query with a name (for the benchmark and test output),
 * the filter bar applied where the cube can, and what it cannot apply said plainly.
 */
import { type CubeName, type LocalName, type TimeMember, timeMember } from '../../cube-members.ts';
import { cubeFilters, dateRange, type Filters } from '../../filters.ts';
import type { CubeQuery } from '../cube.ts';

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
