import { describe, expect, it } from 'vitest';
import { tsvNumbers, tsvString, tsvStrings } from './tsv.ts';

describe('TabSeparated fields', () => {
	it('reads strings with their escapes undone', () => {
		expect(tsvString('C-001')).toBe('C-001');
		expect(tsvString("a\\tb\\nc\\\\d\\'e")).toBe("a\tb\nc\\d'e");
	});

	it('reads arrays of strings, quotes and commas inside included', () => {
		expect(tsvStrings('[]')).toEqual([]);
		expect(tsvStrings("['JP']")).toEqual(['JP']);
		expect(tsvStrings("['TW','JP','KR']")).toEqual(['TW', 'JP', 'KR']);
		expect(tsvStrings("['a,b','c']")).toEqual(['a,b', 'c']);
		expect(tsvStrings("['it\\'s','x\\\\y','t\\tz']")).toEqual(["it's", 'x\\y', 't\tz']);
		expect(tsvStrings("['','x']")).toEqual(['', 'x']);
		expect(() => tsvStrings('[1,2]')).toThrow();
	});

	it('reads arrays of numbers', () => {
		expect(tsvNumbers('[]')).toEqual([]);
		expect(tsvNumbers('[3,0,6]')).toEqual([3, 0, 6]);
	});
});
