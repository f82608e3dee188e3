import { describe, expect, it } from 'vitest';
import type { LineSummary } from '../../../warehouse/src/matching/detail.ts';
import { detailPageHref, LineChoiceError, linePageHref, selectLines } from './officer-lines.ts';

const line = (i: number, country: string, occupation: string): LineSummary => ({
	id: `JL${String(i).padStart(5, '0')}`,
	country,
	occupation,
	sector: 'S',
	issued: '2026-01-01',
	open: 1000 - i,
	wageUsd: 500,
});
// 7 Malaysian lines (5 of occupation 9211), 3 Taiwanese
const lines = [
	...[0, 1, 2, 3, 4].map((i) => line(i, 'MY', '9211')),
	line(5, 'MY', '5414'),
	line(6, 'MY', '5414'),
	...[7, 8, 9].map((i) => line(i, 'TW', '8189')),
];
const p = (q: string) => new URLSearchParams(q);

describe('selectLines', () => {
	it('cuts all lines in pages, in the order given', () => {
		const first = selectLines(lines, p(''), 4);
		expect(first.rows.map((l) => l.id)).toEqual(['JL00000', 'JL00001', 'JL00002', 'JL00003']);
		expect([first.total, first.all, first.page, first.pages]).toEqual([10, 10, 1, 3]);
		const last = selectLines(lines, p('page=3'), 4);
		expect(last.rows.map((l) => l.id)).toEqual(['JL00008', 'JL00009']);
	});

	it('filters by country, then by an occupation of that country', () => {
		const my = selectLines(lines, p('country=MY'), 4);
		expect([my.total, my.pages]).toEqual([7, 2]);
		expect(my.occupations).toEqual([
			{ code: '5414', lines: 2 },
			{ code: '9211', lines: 5 },
		]);
		const cooks = selectLines(lines, p('country=MY&occupation=5414'), 4);
		expect(cooks.rows.map((l) => l.id)).toEqual(['JL00005', 'JL00006']);
		expect(selectLines(lines, p('occupation=8189'), 4).rows.every((l) => l.country === 'TW')).toBe(true);
	});

	it.each([
		['country=XX', 'country'],
		["country=MY'--", 'country'],
		['country=MY&occupation=8189', 'occupation'],
		['page=0', 'page'],
		['page=4', 'page'],
		['page=1.5', 'page'],
		['page=-1', 'page'],
		['page=1e3', 'page'],
	])('refuses %s, naming the field', (query, field) => {
		expect(() => selectLines(lines, p(query), 4)).toThrowError(LineChoiceError);
		try {
			selectLines(lines, p(query), 4);
		} catch (e) {
			expect((e as LineChoiceError).field).toBe(field);
		}
	});

	it('writes the link of another page keeping the choice and the language', () => {
		expect(linePageHref({ country: 'MY', occupation: '', page: 2 }, 'en')).toBe('/officer?country=MY&page=2&lang=en');
		expect(linePageHref({ country: '', occupation: '', page: 1 }, 'id')).toBe('/officer');
	});

	it("writes a detail view's page link keeping the language", () => {
		expect(detailPageHref(2, 'en')).toBe('?page=2&lang=en');
		expect(detailPageHref(1, 'id')).toBe('?');
	});
});
