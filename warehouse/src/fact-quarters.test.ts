/**
 * The cubes partitioned by the year of a fact's date (fact-quarters.ts): which quarters changed,
 * and that the list matches the data model — every pre-aggregated cube read straight off a fact
 * table is in it, and supply over agg_candidate_state, every one of its pre-aggregations
 * partitioned by year over that table's column — and that agg_candidate_state has the _row_hash
 * the refresh sums.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { changedQuarters, FACT_PARTITIONED_CUBES, factOf } from './fact-quarters.ts';

const modelDir = new URL('../../cube/model/', import.meta.url);

describe('changedQuarters', () => {
	it('names the quarters that appeared, changed or lost all their rows, ascending, and none when equal', () => {
		const before = new Map([
			[20243, '10:99'],
			[20244, '5:7'],
			[20251, '3:1'],
		]);
		expect(changedQuarters(before, new Map(before))).toEqual([]);
		const now = new Map([
			[20252, '1:4'], // appeared
			[20244, '6:8'], // changed
			[20243, '10:99'], // as it was
		]);
		// 20251 lost all its rows (a correction moved them to another quarter)
		expect(changedQuarters(before, now)).toEqual([20244, 20251, 20252]);
		// a quarter recorded as empty and still empty is unchanged
		expect(changedQuarters(new Map([[20251, '0:0']]), new Map())).toEqual([]);
		expect(changedQuarters(new Map(), new Map([[20251, '1:2']]))).toEqual([20251]);
	});
});

describe('FACT_PARTITIONED_CUBES', () => {
	it('names every pre-aggregated cube read straight off a fact table, and supply, each pre-aggregation partitioned by year of its date column', () => {
		const found: string[] = [];
		for (const name of readdirSync(modelDir)) {
			const text = readFileSync(new URL(name, modelDir), 'utf8');
			const cube = /cube\('([a-z_]+)'/.exec(text)?.[1];
			// read straight off a fact, or supply's rollup (its rows carry _row_hash as the facts' do)
			const table = /sql_table: '(fct_[a-z_]+|agg_candidate_state)'/.exec(text)?.[1];
			if (!cube || !table || !text.includes("type: 'rollup'")) continue;
			found.push(cube);
			const spec = FACT_PARTITIONED_CUBES[cube] ? factOf(cube) : undefined;
			expect(spec?.table, cube).toBe(table);
			const rollups = text.match(/type: 'rollup'/g)?.length ?? 0;
			const count = (re: RegExp) => (text.match(re) ?? []).length;
			expect(count(/partition_granularity: 'year'/g), cube).toBe(rollups);
			const [t, c] = [spec?.table, spec?.column];
			expect(count(new RegExp(`build_range_start: \\{ sql: factRangeStart\\('${t}', '${c}'\\) \\}`, 'g')), cube).toBe(rollups);
			expect(count(new RegExp(`build_range_end: \\{ sql: factRangeEnd\\('${t}', '${c}'\\) \\}`, 'g')), cube).toBe(rollups);
			// the key of the partition's own quarters: the filter on the cube's time dimension, whose SQL is the column
			const key = new RegExp(
				`refresh_key: \\{ sql: factQuarterKey\\('${t}', FILTER_PARAMS\\.${cube}\\.(\\w+)\\.filter\\(quartersIn\\('quarter'\\)\\)\\) \\}`,
				'g',
			);
			const dimensions = [...text.matchAll(key)].map((m) => m[1]);
			expect(dimensions.length, cube).toBe(rollups);
			for (const d of new Set(dimensions)) {
				expect(text, `${cube}.${d}`).toMatch(new RegExp(`\\t\\t${d}: \\{\\n\\t\\t\\tsql: \`toDateTime\\(\\$\\{CUBE\\}\\.${c}\\)\``));
				expect(text).toMatch(new RegExp(`time_dimension: CUBE\\.${d},`));
			}
		}
		expect(found.sort()).toEqual(Object.keys(FACT_PARTITIONED_CUBES).sort());
	});

	it("finds agg_candidate_state's rows hashed whole, every column, and the table sorted by registration date first", () => {
		const sql = readFileSync(new URL('../rollups/agg_candidate_state.sql', import.meta.url), 'utf8');
		const create = sql.slice(sql.indexOf('CREATE TABLE'), sql.indexOf('INSERT INTO'));
		const columns = [...create.matchAll(/^ {4}([a-z0-9_]+) [A-Z]/gm)].map((m) => m[1]).filter((c) => c !== '_row_hash');
		const hashed = /_row_hash UInt64 MATERIALIZED cityHash64\(([^)]*)\)/
			.exec(create)?.[1]
			?.split(',')
			.map((c) => c.trim());
		// a column left out of the hash would change supply's rows without changing the quarter's fingerprint
		expect(hashed).toEqual(columns);
		expect(columns.length).toBeGreaterThan(30);
		expect(create).toMatch(/ORDER BY \(registered_date, /);
		expect(factOf('supply')).toEqual({ table: 'agg_candidate_state', column: 'registered_date' });
	});
});
