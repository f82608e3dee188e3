import { afterEach, describe, expect, it, vi } from 'vitest';
import { cubeQueryModule, memoizeCubeNormalizeQuery, memoizeNormalizeQuery, type NormalizeQuery } from './normalize-query.ts';

// The module Cube's gateway normalises queries with; each test gets it back as it was.
const cube = cubeQueryModule();
const own = cube.normalizeQuery;
afterEach(() => {
	cube.normalizeQuery = own;
	vi.useRealTimers();
});

const queries: Record<string, unknown>[] = [
	{
		measures: ['placements.placements'],
		dimensions: ['placements.destination_country'],
		timeDimensions: [{ dimension: 'placements.departure_date', dateRange: ['2026-01-01', '2026-11-30'] }],
		order: { 'placements.placements': 'desc' },
		limit: 10,
	},
	{
		measures: ['job_orders.slots'],
		dimensions: ['job_orders.sector', 'job_orders.departure_month.month'],
		filters: [{ member: 'job_orders.province', operator: 'equals', values: ['52'] }],
		timeDimensions: [{ dimension: 'job_orders.order_date', granularity: 'quarter', dateRange: ['2025-01-01'] }],
	},
	{
		measures: ['placements.placements'],
		filters: [{ or: [{ member: 'placements.sex', operator: 'set' }] }],
		order: [['placements.placements', 'asc']],
	},
];

/** A normalisation that counts how often Cube's own one runs. */
function counted(): { normalize: NormalizeQuery; runs: () => number } {
	let runs = 0;
	return {
		normalize: (query, persistent) => {
			runs++;
			return own(query, persistent);
		},
		runs: () => runs,
	};
}

describe("Cube's query normalisation, kept per query (normalize-query.ts)", () => {
	it("answers exactly what Cube's own normalizeQuery answers, each time, in any order", () => {
		const kept = memoizeNormalizeQuery(own);
		for (let round = 0; round < 3; round++) {
			for (const query of round === 1 ? [...queries].reverse() : queries) {
				for (const persistent of [false, true])
					expect(kept(structuredClone(query), persistent)).toEqual(own(structuredClone(query), persistent));
			}
		}
	});

	it('runs the normalisation (and its joi validation) once per query, where the gateway ran it on every /load', () => {
		const { normalize, runs } = counted();
		const kept = memoizeNormalizeQuery(normalize);
		for (let i = 0; i < 10; i++) for (const query of queries) kept(structuredClone(query), false);
		expect(runs()).toBe(queries.length);
		// through Cube's module, as the gateway calls it (`(0, query_1.normalizeQuery)(…)`)
		const before = counted();
		cube.normalizeQuery = before.normalize;
		memoizeCubeNormalizeQuery(cube);
		for (let i = 0; i < 10; i++) cube.normalizeQuery(structuredClone(queries[0] ?? {}), false);
		expect(before.runs()).toBe(1);
	});

	it("gives every caller its own copy: a change to one answer is not the next caller's", () => {
		const kept = memoizeNormalizeQuery(own);
		const first = kept(structuredClone(queries[0] ?? {}), false);
		(first.dimensions as string[]).push('placements.sex');
		(first.timeDimensions as { dateRange: string[] }[])[0]!.dateRange[0] = '1999-01-01T00:00:00.000';
		expect(kept(structuredClone(queries[0] ?? {}), false)).toEqual(own(structuredClone(queries[0] ?? {}), false));
	});

	it('refuses what Cube refuses, every time', () => {
		const kept = memoizeNormalizeQuery(own);
		for (const query of [{ measures: 'not a list' }, { dimensions: [] }, { measures: ['a.b'], limit: 10_000_000 }]) {
			expect(() => own(structuredClone(query) as Record<string, unknown>, false)).toThrow();
			for (let i = 0; i < 2; i++) expect(() => kept(structuredClone(query) as Record<string, unknown>, false)).toThrow();
		}
	});

	it('normalises a relative date range anew every time: it depends on the day', () => {
		const { normalize, runs } = counted();
		const kept = memoizeNormalizeQuery(normalize);
		const query = {
			measures: ['placements.placements'],
			timeDimensions: [{ dimension: 'placements.departure_date', dateRange: 'last 7 days' }],
		};
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date('2026-12-06T12:00:00Z'));
		const today = kept(structuredClone(query), false);
		vi.setSystemTime(new Date('2026-12-20T12:00:00Z'));
		const later = kept(structuredClone(query), false);
		expect(runs()).toBe(2);
		expect(later).not.toEqual(today);
		expect(later).toEqual(own(structuredClone(query), false));
	});

	it('keeps at most the given number of queries', () => {
		const { normalize, runs } = counted();
		const kept = memoizeNormalizeQuery(normalize, 2);
		for (const query of [...queries, queries[0], queries[2]]) kept(structuredClone(query ?? {}), false);
		// queries 0, 1, 2 normalised; 0 was dropped for 2 and normalised again; 2 is kept
		expect(runs()).toBe(4);
	});
});
