import { describe, expect, it } from 'vitest';
import { sqlString } from './sql-literal.ts';

describe('sqlString', () => {
	it('quotes and escapes quotes and backslashes', () => {
		expect(sqlString("O'Brien")).toBe("'O\\'Brien'");
		expect(sqlString('a\\b')).toBe("'a\\\\b'");
		expect(sqlString("x' OR 1=1 --")).toBe("'x\\' OR 1=1 --'");
	});
});
