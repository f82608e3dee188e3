/**
 * Cube 0.33's ClickHouse SQL dialect, with LIKE filters that match the user's text literally.
 * Cube builds `contains`, `startsWith`, `endsWith` (and their `not…` forms) as
 * `lower(col) LIKE CONCAT('%', lower(?), '%')` with the value as a parameter, but escapes the
 * wildcards `%` and `_` for `contains` only and never the escape character itself, so
 * `startsWith "%"` matched every row and `contains "\"` looked for a literal `%` at the end.
 * Here every LIKE value has `\`, `%` and `_` escaped with a backslash, which ClickHouse's LIKE
 * reads as literal characters (18.16 and current releases alike; tests/integration/access/
 * injection.test.ts checks it on the real warehouse).
 */
import { createRequire } from 'node:module';

// Cube's schema compiler is CommonJS and not a direct dependency: take the copy server-core uses.
const require = createRequire(import.meta.url);
const requireFromCore = createRequire(require.resolve('@cubejs-backend/server-core'));
const { queryClass } = requireFromCore('@cubejs-backend/schema-compiler') as {
	queryClass(dbType: string): new (...args: never[]) => object;
};

/** The value of a LIKE pattern that matches `text` literally. */
export function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, '\\$&');
}

interface LikeFilter {
	likeIgnoreCase(column: string, not: boolean, param: unknown, type?: string): string;
	escapeWildcardChars(param: unknown): unknown;
}

const ClickHouseQuery = queryClass('clickhouse') as unknown as new (...args: never[]) => { newFilter(filter: unknown): LikeFilter };

export class SlmiClickHouseQuery extends ClickHouseQuery {
	override newFilter(filter: unknown): LikeFilter {
		const f = super.newFilter(filter);
		const like = f.likeIgnoreCase.bind(f);
		// Cube's own escaping (contains only, without the backslash) would escape twice.
		f.escapeWildcardChars = (param) => param;
		f.likeIgnoreCase = (column, not, param, type) => like(column, not, typeof param === 'string' ? escapeLike(param) : param, type);
		return f;
	}
}
