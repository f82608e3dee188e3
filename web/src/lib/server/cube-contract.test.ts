/**
 * The typed contract between the web and Cube (common/cube-members.generated.ts). The
 * `@ts-expect-error` lines are the proof that a wrong member name fails `npm run check`: if the
 * typing broke (members back to plain strings), each directive would be unused and svelte-check
 * would fail on it. The test itself checks what types cannot: the names built at run time.
 */
import { describe, expect, it } from 'vitest';
import { CUBE_MEMBERS } from '../../../../common/cube-members.generated.ts';
import { dimensionMember, timeMember } from '../cube-members.ts';
import type { CubeQuery, CubeRow } from './cube.ts';
import { dashboardCatalogue } from './queries.ts';

describe('the member contract', () => {
	it('refuses, at compile time, names the model does not have or of the wrong kind', () => {
		const refused: CubeQuery[] = [
			// @ts-expect-error a measure the model does not have
			{ measures: ['placements.placement'] },
			// @ts-expect-error a dimension is not a measure
			{ measures: ['placements.country'] },
			// @ts-expect-error a measure is not a dimension
			{ dimensions: ['placements.placements'] },
			// @ts-expect-error only time dimensions go in timeDimensions
			{ timeDimensions: [{ dimension: 'placements.country', granularity: 'month' }] },
			// @ts-expect-error a granularity Cube does not have
			{ timeDimensions: [{ dimension: 'placements.departure_date', granularity: 'fortnight' }] },
			// @ts-expect-error a filter on a member the model does not have
			{ filters: [{ member: 'placements.countr', operator: 'equals', values: ['SA'] }] },
			// @ts-expect-error an operator Cube does not have
			{ filters: [{ member: 'placements.country', operator: 'is', values: ['SA'] }] },
			// @ts-expect-error ordering by a member the model does not have
			{ order: { 'placements.placement': 'desc' } },
		];
		// @ts-expect-error the parts are checked too: placements has no time dimension `issued_date`
		timeMember('placements', 'issued_date');
		// @ts-expect-error nor a dimension `title_en`
		dimensionMember('placements', 'title_en');
		const row: CubeRow = { 'placements.placements': 3, 'placements.departure_date.month': '2026-01-01T00:00:00.000' };
		// @ts-expect-error reading a row by a name the model does not have
		const misread = row['placements.placement'];
		// @ts-expect-error a time dimension's row key carries one of Cube's granularities
		const badKey: CubeRow = { 'placements.departure_date.fortnight': '2026-01-01' };
		expect(refused).toHaveLength(8);
		expect([misread, badKey]).toHaveLength(2);
	});

	it('holds every member the dashboard and the public pages ask for, built at run time or not', () => {
		const members = new Set(Object.keys(CUBE_MEMBERS));
		const asked = new Set<string>();
		for (const { query } of dashboardCatalogue(members, '2026-08')) {
			const q = query.query;
			for (const m of [...(q.measures ?? []), ...(q.dimensions ?? [])]) asked.add(m);
			for (const t of q.timeDimensions ?? []) asked.add(t.dimension);
			for (const f of q.filters ?? []) asked.add(f.member);
			for (const o of Array.isArray(q.order) ? q.order.map(([m]) => m) : Object.keys(q.order ?? {})) asked.add(o);
		}
		expect(asked.size).toBeGreaterThan(50);
		expect([...asked].filter((m) => !members.has(m))).toEqual([]);
		for (const t of [...asked].filter((m) => m.endsWith('_date') || m.endsWith('.month'))) {
			expect(CUBE_MEMBERS[t as keyof typeof CUBE_MEMBERS].kind, t).toBe('time');
		}
	});
});
