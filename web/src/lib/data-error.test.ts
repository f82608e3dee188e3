import { describe, expect, it } from 'vitest';
import { dataErrorOf } from './data-error.ts';
import { en } from './i18n/en.ts';
import { id } from './i18n/id.ts';

describe('dataErrorOf', () => {
	it('tells a refusal, a query the card cannot answer and an outage apart', () => {
		expect(dataErrorOf(403)).toBe('refused');
		expect(dataErrorOf(401)).toBe('refused');
		expect(dataErrorOf(400)).toBe('invalid');
		expect(dataErrorOf(500)).toBe('unavailable');
		expect(dataErrorOf(504)).toBe('unavailable');
		expect(dataErrorOf(undefined)).toBe('unavailable');
	});

	it('has a message in both languages for every kind, without member names', () => {
		for (const kind of ['refused', 'invalid', 'unavailable'] as const) {
			for (const dictionary of [id, en]) {
				const text = dictionary[`error.${kind}`];
				expect(text.length).toBeGreaterThan(10);
				expect(text).not.toMatch(/\b[a-z_]+\.[a-z_]+\b/);
			}
		}
	});
});
