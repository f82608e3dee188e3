import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRollup, readRollups, renameTables } from './rollups.ts';

const rollup = (name: string, reads: string) =>
	`-- a comment naming agg_not_a_dependency\nCREATE TABLE ${name} (x UInt8) ENGINE = MergeTree() ORDER BY x;\nINSERT INTO ${name} SELECT x FROM ${reads};\n`;

function dirWith(files: Record<string, string>): string {
	const dir = mkdtempSync(join(tmpdir(), 'slmi-rollups-'));
	for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
	return dir;
}

describe('parseRollup', () => {
	it('reads the table, its rollup dependencies and its sources from the INSERT, ignoring comments', () => {
		const r = parseRollup(
			'agg_b.sql',
			rollup('agg_b', '(SELECT x FROM agg_a UNION ALL SELECT x FROM fct_placements) JOIN dim_provinces USING x'),
		);
		expect(r.name).toBe('agg_b');
		expect(r.dependsOn).toEqual(['agg_a']);
		expect(r.sources).toEqual(['dim_provinces', 'fct_placements']);
		expect(r.definitionHash).toMatch(/^[0-9a-f]{64}$/);
	});

	it('refuses a file that is not exactly CREATE TABLE + INSERT INTO of the table its name says', () => {
		expect(() => parseRollup('agg_b.sql', rollup('agg_c', 'fct_placements'))).toThrow(/exactly two statements/);
		expect(() => parseRollup('agg_b.sql', `${rollup('agg_b', 'fct_placements')}DROP TABLE x;`)).toThrow(/exactly two statements/);
		expect(() => parseRollup('rollup_b.sql', rollup('rollup_b', 'fct_placements'))).toThrow(/agg_snake_case/);
	});
});

describe('readRollups', () => {
	it('orders every rollup after the rollups it reads', () => {
		const dir = dirWith({
			'agg_a.sql': rollup('agg_a', 'agg_c'),
			'agg_b.sql': rollup('agg_b', 'fct_placements'),
			'agg_c.sql': rollup('agg_c', 'agg_b'),
		});
		expect(readRollups(dir).map((r) => r.name)).toEqual(['agg_b', 'agg_c', 'agg_a']);
	});

	it('refuses a cycle and a dependency that is not a rollup', () => {
		expect(() => readRollups(dirWith({ 'agg_a.sql': rollup('agg_a', 'agg_b'), 'agg_b.sql': rollup('agg_b', 'agg_a') }))).toThrow(/cycle/);
		expect(() => readRollups(dirWith({ 'agg_a.sql': rollup('agg_a', 'agg_missing') }))).toThrow(/not a rollup/);
	});

	it("the project's rollups parse, and each comes after what it reads", () => {
		const rollups = readRollups();
		const position = new Map(rollups.map((r, i) => [r.name, i]));
		expect(rollups.length).toBeGreaterThan(0);
		for (const r of rollups) for (const dep of r.dependsOn) expect(position.get(dep)).toBeLessThan(position.get(r.name) as number);
	});
});

describe('renameTables', () => {
	it('renames whole table names only', () => {
		const renames = new Map([['agg_x', 'agg_x__new']]);
		expect(renameTables('SELECT * FROM agg_x JOIN agg_x_y USING k WHERE t = agg_x.k', renames)).toBe(
			'SELECT * FROM agg_x__new JOIN agg_x_y USING k WHERE t = agg_x__new.k',
		);
	});
});
