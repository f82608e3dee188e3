import { describe, expect, it } from 'vitest';
import { splitStatements } from './sql-statements.ts';

describe('splitStatements', () => {
	it('cuts at the semicolons that end statements', () => {
		expect(splitStatements('CREATE TABLE a (x UInt8) ENGINE = Log;\nCREATE TABLE b (y UInt8) ENGINE = Log;\n')).toEqual([
			'CREATE TABLE a (x UInt8) ENGINE = Log',
			'CREATE TABLE b (y UInt8) ENGINE = Log',
		]);
	});

	it('keeps semicolons inside strings, identifiers and escaped quotes', () => {
		const sql = "CREATE TABLE t (x String COMMENT 'a; b', `c;d` UInt8, e String COMMENT 'it\\'s; fine') ENGINE = Log";
		expect(splitStatements(sql)).toEqual([sql]);
	});

	it('drops comments, including ones that contain semicolons', () => {
		expect(splitStatements('-- first; not a statement\nSELECT 1; /* x; y */ SELECT 2')).toEqual(['SELECT 1', 'SELECT 2']);
	});

	it('returns nothing for an empty or comment-only file', () => {
		expect(splitStatements('\n-- nothing here\n')).toEqual([]);
	});

	it('reports an unterminated quote instead of swallowing the rest of the file', () => {
		expect(() => splitStatements("SELECT 'oops; SELECT 2")).toThrow(/Unterminated ' quote/);
	});
});
