import { describe, expect, it } from 'vitest';
import { escapeLike } from './clickhouse-query.ts';

describe('LIKE values', () => {
	it('escape the wildcards and the escape character, nothing else', () => {
		expect(escapeLike('%')).toBe('\\%');
		expect(escapeLike('employer_choice')).toBe('employer\\_choice');
		expect(escapeLike('a\\%b')).toBe('a\\\\\\%b');
		expect(escapeLike("it's 100% ok")).toBe("it's 100\\% ok");
		expect(escapeLike('plain')).toBe('plain');
	});
});
