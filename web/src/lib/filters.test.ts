import { describe, expect, it } from 'vitest';
import { CUBE_MEMBERS } from '../../../common/cube-members.generated.ts';
import {
	activeFilterCount,
	cubeFilters,
	dateRange,
	FILTER_DIMENSIONS,
	isValidFilterParam,
	linkKeepingView,
	monthEnd,
	monthsBetween,
	parseFilters,
	withFilter,
	writeFilters,
} from './filters.ts';

const defaults = { from: '2026-01', to: '2026-10' };

describe('parseFilters', () => {
	it('reads the period and every dimension from the URL', () => {
		const f = parseFilters(new URLSearchParams('from=2025-03&to=2025-12&country=TW,HK&province=52&gender=F&lang=en'), defaults);
		expect(f.from).toBe('2025-03');
		expect(f.to).toBe('2025-12');
		expect(f.values.country).toEqual(['HK', 'TW']);
		expect(f.values.province).toEqual(['52']);
		expect(f.values.gender).toEqual(['F']);
		expect(f.values.sector).toEqual([]);
	});

	it('falls back to the default period for malformed months and swaps a reversed range', () => {
		expect(parseFilters(new URLSearchParams('from=2025-13&to=soon'), defaults)).toMatchObject(defaults);
		expect(parseFilters(new URLSearchParams('from=2026-05&to=2026-02'), defaults)).toMatchObject({ from: '2026-02', to: '2026-05' });
	});

	it('drops values that could not be codes (quotes, spaces, SQL) and duplicates', () => {
		const f = parseFilters(new URLSearchParams("country=TW,TW,x' OR 1=1,,HK&sector=a b"), defaults);
		expect(f.values.country).toEqual(['HK', 'TW']);
		expect(f.values.sector).toEqual([]);
	});
});

describe('writeFilters', () => {
	it('round-trips through the URL and keeps other parameters', () => {
		const params = new URLSearchParams('lang=en&view=table');
		const filters = parseFilters(new URLSearchParams('from=2024-01&country=SA&occupation=5322'), defaults);
		const written = writeFilters(params, filters, defaults);
		expect(written.get('lang')).toBe('en');
		expect(written.get('view')).toBe('table');
		expect(parseFilters(written, defaults)).toEqual(filters);
	});

	it('leaves defaults and empty dimensions out of the link', () => {
		const written = writeFilters(new URLSearchParams(), parseFilters(new URLSearchParams(), defaults), defaults);
		expect(written.toString()).toBe('');
	});
});

describe('withFilter', () => {
	it('sets one dimension and keeps the rest', () => {
		expect(withFilter(new URLSearchParams('lang=en&country=HK'), 'country', 'SA').toString()).toBe('lang=en&country=SA');
	});
});

describe('cubeFilters', () => {
	const filters = parseFilters(new URLSearchParams('country=TW&province=52&gender=F'), defaults);

	it('maps each filter to the cube dimension of the same name', () => {
		const members = new Set(['placements.country', 'placements.province', 'placements.gender']);
		expect(cubeFilters(filters, 'placements', members)).toEqual({
			filters: [
				{ member: 'placements.country', operator: 'equals', values: ['TW'] },
				{ member: 'placements.province', operator: 'equals', values: ['52'] },
				{ member: 'placements.gender', operator: 'equals', values: ['F'] },
			],
			ignored: [],
		});
	});

	it("applies the bar's scheme only to placement schemes: a certification scheme is another thing of the same name", () => {
		const all = parseFilters(new URLSearchParams(FILTER_DIMENSIONS.map((d) => `${d}=x`).join('&')), defaults);
		const members = new Set(Object.keys(CUBE_MEMBERS));
		const cubes = [...new Set(Object.values(CUBE_MEMBERS).map((m) => m.cube))];
		const schemes = cubes.flatMap((cube) => cubeFilters(all, cube, members).filters.filter((f) => f.member.endsWith('.scheme')));
		expect(schemes.length).toBeGreaterThan(3);
		for (const { member } of schemes) expect(CUBE_MEMBERS[member].title, member).toMatch(/^(Placement scheme|Scheme)$/);
		expect(cubeFilters(all, 'certifications', members).ignored).toContain('scheme');
	});

	it('reports the filters a cube cannot apply instead of dropping them silently', () => {
		const members = new Set(['job_orders.country']);
		expect(cubeFilters(filters, 'job_orders', members)).toEqual({
			filters: [{ member: 'job_orders.country', operator: 'equals', values: ['TW'] }],
			ignored: ['province', 'gender'],
		});
	});
});

describe('dates', () => {
	it('knows month ends, leap years included', () => {
		expect(monthEnd('2024-02')).toBe('2024-02-29');
		expect(monthEnd('2025-02')).toBe('2025-02-28');
		expect(monthEnd('2026-12')).toBe('2026-12-31');
		expect(dateRange(parseFilters(new URLSearchParams(), defaults))).toEqual(['2026-01-01', '2026-10-31']);
	});

	it('counts active dimensions', () => {
		expect(activeFilterCount(parseFilters(new URLSearchParams('country=TW&gender=F'), defaults))).toBe(2);
	});
});

describe('monthsBetween', () => {
	it('lists every month across a year boundary', () => {
		expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
		expect(monthsBetween('2026-03', '2026-03')).toEqual(['2026-03']);
		expect(monthsBetween('2026-04', '2026-03')).toEqual([]);
	});
});

describe('linkKeepingView', () => {
	const current = new URLSearchParams('lang=en&from=2025-01&to=2025-06&sector=domestic&metric=placements&regency=52.01');

	it('keeps the language and the filters on a dashboard page, not page-only state', () => {
		expect(linkKeepingView('/provinces', current)).toBe('/provinces?lang=en&from=2025-01&to=2025-06&sector=domestic');
		expect(linkKeepingView('/', current)).toBe('/?lang=en&from=2025-01&to=2025-06&sector=domestic');
		expect(linkKeepingView('/markets/SA', current)).toBe('/markets/SA?lang=en&from=2025-01&to=2025-06&sector=domestic');
	});

	it('keeps only the language where the filters do not apply', () => {
		expect(linkKeepingView('/public', current)).toBe('/public?lang=en');
		expect(linkKeepingView('/login', current)).toBe('/login?lang=en');
		expect(linkKeepingView('/public', new URLSearchParams('sector=domestic'))).toBe('/public');
	});
});

describe('isValidFilterParam', () => {
	it('accepts months and code lists as parseFilters reads them', () => {
		expect(isValidFilterParam('from', '2026-01')).toBe(true);
		expect(isValidFilterParam('country', 'SAU,TWN')).toBe(true);
		expect(isValidFilterParam('gender', 'F')).toBe(true);
	});
	it('refuses what parseFilters would drop or is no filter', () => {
		expect(isValidFilterParam('from', '2026-13')).toBe(false);
		expect(isValidFilterParam('to', "2026-01' OR 1=1")).toBe(false);
		expect(isValidFilterParam('country', 'SAU,<script>')).toBe(false);
		expect(isValidFilterParam('country', '')).toBe(false);
		expect(isValidFilterParam('country', Array.from({ length: 21 }, (_, i) => `C${i}`).join(','))).toBe(false);
		expect(isValidFilterParam('__proto__', 'x')).toBe(false);
		expect(isValidFilterParam('lang', 'en')).toBe(false);
	});
});
