/**
 * A ClickHouse string literal. ClickHouse 18.16 has no query parameters ({name:Type} is 19.x+),
 * so values that reach SQL are quoted here, in one place.
 */
export function sqlString(value: string): string {
	return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
