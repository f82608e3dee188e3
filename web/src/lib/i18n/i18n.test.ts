import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { id } from './id.ts';
import { translator } from './index.ts';

describe('dictionaries', () => {
	it('have the same keys in both languages', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
	});

	it('translate every key to a non-empty text that differs between languages where it should', () => {
		for (const key of Object.keys(id) as (keyof typeof id)[]) {
			expect(id[key].trim(), key).not.toBe('');
			expect(en[key].trim(), key).not.toBe('');
		}
		expect(translator('id')('metric.placements')).toBe('Penempatan');
		expect(translator('en')('metric.placements')).toBe('Placements');
	});
});
