import { describe, expect, it } from 'vitest';
import { escapeHtml, monthOptionTags, optionTags, packOptions, unpackOptions } from './option-tags.ts';

/** The options a string offers, in order: value, label, and whether it is the chosen one. */
function offered(tags: string): { value: string; label: string; selected: boolean }[] {
	return [...tags.matchAll(/<option value="([^"]*)"( selected)?>([^<]*)<\/option>/g)].map((m) => ({
		value: m[1] as string,
		label: m[3] as string,
		selected: m[2] !== undefined,
	}));
}

describe('optionTags', () => {
	const countries = [
		{ value: 'JP', label: 'Jepang' },
		{ value: 'TW', label: 'Taiwan' },
	];

	it('writes every list in order and marks the chosen value, so a page without JavaScript shows it', () => {
		const tags = optionTags([[{ value: '', label: 'Semua' }], countries], 'TW');
		expect(offered(tags)).toEqual([
			{ value: '', label: 'Semua', selected: false },
			{ value: 'JP', label: 'Jepang', selected: false },
			{ value: 'TW', label: 'Taiwan', selected: true },
		]);
	});

	it('marks "all" when nothing is chosen, and nothing for a value no option has', () => {
		expect(offered(optionTags([[{ value: '', label: 'Semua' }], countries], '')).filter((o) => o.selected)).toEqual([
			{ value: '', label: 'Semua', selected: true },
		]);
		expect(offered(optionTags([countries], 'XX')).some((o) => o.selected)).toBe(false);
	});

	it('marks only the first option of a value, and a later call is not marked by an earlier one', () => {
		const twice = [
			{ value: 'JP', label: 'a' },
			{ value: 'JP', label: 'b' },
		];
		expect(offered(optionTags([twice], 'JP')).map((o) => o.selected)).toEqual([true, false]);
		expect(offered(optionTags([countries], 'JP')).map((o) => o.selected)).toEqual([true, false]);
		expect(offered(optionTags([countries], 'TW')).map((o) => o.selected)).toEqual([false, true]);
	});

	it('escapes names and values, so a name cannot open markup', () => {
		const tags = optionTags([[{ value: 'a"b', label: 'Tom & <Jerry>' }]], 'a"b');
		expect(tags).toBe('<option value="a&quot;b" selected>Tom &amp; &lt;Jerry&gt;</option>');
		expect(escapeHtml('plain')).toBe('plain');
	});
});

describe('packOptions', () => {
	it('carries a list as one string and back, in order', () => {
		const list = [
			{ value: '52', label: 'Nusa Tenggara Barat' },
			{ value: '5322', label: 'Perawat & pengasuh "lansia"' },
		];
		expect(packOptions(list)).toBe('52\tNusa Tenggara Barat\n5322\tPerawat & pengasuh "lansia"');
		expect(unpackOptions(packOptions(list))).toEqual(list);
		expect(unpackOptions(packOptions([]))).toEqual([]);
	});

	it('a tab or line break in a name cannot split an option in two', () => {
		expect(unpackOptions(packOptions([{ value: 'X', label: 'two\nlines\tand a tab' }]))).toEqual([
			{ value: 'X', label: 'two lines and a tab' },
		]);
	});

	it('writes a packed list as the same tags as the list itself', () => {
		const list = [
			{ value: 'JP', label: 'Jepang' },
			{ value: 'TW', label: 'Taiwan <TW>' },
		];
		expect(optionTags([packOptions(list)], 'TW')).toBe(optionTags([list], 'TW'));
	});
});

describe('monthOptionTags', () => {
	it('names every month of the period in the language, grouped by year', () => {
		const tags = monthOptionTags('id', '2025-11', '2026-02', '2026-01');
		expect(tags).toBe(
			'<optgroup label="2025"><option value="2025-11">November 2025</option><option value="2025-12">Desember 2025</option></optgroup>' +
				'<optgroup label="2026"><option value="2026-01" selected>Januari 2026</option><option value="2026-02">Februari 2026</option></optgroup>',
		);
		expect(offered(monthOptionTags('en', '2025-11', '2026-02', '2025-11')).map((o) => o.label)).toEqual([
			'November 2025',
			'December 2025',
			'January 2026',
			'February 2026',
		]);
	});

	it('offers a chosen month outside the bounds too (a hand-edited link), so the select shows the page’s period', () => {
		const before = offered(monthOptionTags('en', '2026-01', '2026-03', '2025-12'));
		expect(before[0]).toEqual({ value: '2025-12', label: 'December 2025', selected: true });
		expect(before).toHaveLength(4);
		const after = offered(monthOptionTags('en', '2026-01', '2026-03', '2026-05'));
		expect(after.at(-1)).toEqual({ value: '2026-05', label: 'May 2026', selected: true });
		expect(after).toHaveLength(5);
	});

	it('a kept list is marked for each call anew', () => {
		expect(offered(monthOptionTags('id', '2026-01', '2026-03', '2026-02')).map((o) => o.selected)).toEqual([false, true, false]);
		expect(offered(monthOptionTags('id', '2026-01', '2026-03', '2026-03')).map((o) => o.selected)).toEqual([false, false, true]);
	});
});
