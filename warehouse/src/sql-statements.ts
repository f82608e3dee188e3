/**
 * Splits a migration file into statements. ClickHouse's HTTP interface takes one statement per
 * request, so a file with several CREATE TABLEs has to be cut at the semicolons that end them —
 * not at those inside string literals, quoted identifiers or comments (COMMENT 'a; b' is common).
 */
export function splitStatements(sql: string): string[] {
	const statements: string[] = [];
	let current = '';
	let i = 0;
	while (i < sql.length) {
		const ch = sql[i];
		const next = sql[i + 1];
		if (ch === '-' && next === '-') {
			const end = sql.indexOf('\n', i);
			i = end === -1 ? sql.length : end + 1;
			current += '\n';
			continue;
		}
		if (ch === '/' && next === '*') {
			const end = sql.indexOf('*/', i + 2);
			if (end === -1) throw new Error('Unterminated /* comment in SQL');
			i = end + 2;
			current += ' ';
			continue;
		}
		if (ch === "'" || ch === '"' || ch === '`') {
			const start = i;
			i++;
			while (i < sql.length && sql[i] !== ch) i += sql[i] === '\\' ? 2 : 1;
			if (i >= sql.length) throw new Error(`Unterminated ${ch} quote in SQL starting at offset ${start}`);
			i++;
			current += sql.slice(start, i);
			continue;
		}
		if (ch === ';') {
			if (current.trim()) statements.push(current.trim());
			current = '';
			i++;
			continue;
		}
		current += ch;
		i++;
	}
	if (current.trim()) statements.push(current.trim());
	return statements;
}
