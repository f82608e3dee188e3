import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bucketSql, newKeysSql, parseRollup, partitionsSql, readRollups, renameTables, scopedKeysSql } from './rollups.ts';

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

describe('buckets', () => {
	const bucketed = (header: string, where: string) =>
		`${header}\nCREATE TABLE agg_b (x UInt8) ENGINE = MergeTree() ORDER BY x;\nINSERT INTO agg_b SELECT x FROM fct_candidates WHERE ${where};\n`;
	const both = 'cityHash64(x) % {buckets:UInt32} = {bucket:UInt32}';

	it('reads the bucket table and size from the header', () => {
		const r = parseRollup('agg_b.sql', bucketed('-- buckets: one per 1000 rows of fct_candidates', both));
		expect(r.buckets).toEqual({ table: 'fct_candidates', rowsPerBucket: 1000 });
		expect(parseRollup('agg_b.sql', rollup('agg_b', 'fct_placements')).buckets).toBeUndefined();
	});

	it('refuses a header without placeholders, placeholders without a header, and a table the INSERT does not read', () => {
		expect(() => parseRollup('agg_b.sql', bucketed('-- buckets: one per 1000 rows of fct_candidates', '1'))).toThrow(/does not use both/);
		expect(() => parseRollup('agg_b.sql', bucketed('-- buckets: one per 1000 rows of fct_candidates', 'x % {buckets:UInt32} = 0'))).toThrow(
			/does not use both/,
		);
		expect(() => parseRollup('agg_b.sql', bucketed('-- no header', both))).toThrow(/without a '-- buckets/);
		expect(() => parseRollup('agg_b.sql', bucketed('-- buckets: one per 1000 rows of fct_placements', both))).toThrow(
			/a table its INSERT reads/,
		);
		expect(() => parseRollup('agg_b.sql', bucketed('-- buckets: one per 0 rows of fct_candidates', both))).toThrow(/at least 1 row/);
	});

	it('substitutes the bucket and the bucket count', () => {
		expect(bucketSql(`SELECT 1 WHERE ${both} AND y = {bucket:UInt32}`, 2, 8)).toBe('SELECT 1 WHERE cityHash64(x) % 8 = 2 AND y = 2');
	});

	it('builds agg_candidate_profile in buckets of candidate_id', () => {
		const profile = readRollups().find((r) => r.name === 'agg_candidate_profile');
		expect(profile?.buckets?.table).toBe('fct_candidates');
	});
});

describe('partitions', () => {
	const partitioned = (header: string, partitionBy: string, where = '{in_partitions}') =>
		`${header}\nCREATE TABLE agg_b (x UInt8) ENGINE = MergeTree() PARTITION BY ${partitionBy} ORDER BY x;\nINSERT INTO agg_b SELECT x FROM fct_candidates ANY LEFT JOIN (SELECT x, y FROM agg_a) USING x WHERE ${where};\n`;
	const header = '-- partitions: cityHash64(x) % 8 of fct_candidates\n-- reads of agg_a: y';

	it('reads the expression, the split tables and the columns read of the other inputs', () => {
		const r = parseRollup('agg_b.sql', partitioned(header, 'cityHash64(x) % 8'));
		expect(r.partitions).toEqual({
			expression: 'cityHash64(x) % 8',
			tables: ['fct_candidates'],
			placeholder: '{in_partitions}',
			rest: [{ table: 'agg_a', columns: ['y'] }],
			unit: 'partition',
		});
		expect(partitionsSql('WHERE {in_partitions} AND {in_partitions}', r.partitions!, [3, 5])).toBe(
			'WHERE (cityHash64(x) % 8) IN (3, 5) AND (cityHash64(x) % 8) IN (3, 5)',
		);
		expect(partitionsSql('WHERE {in_partitions}', r.partitions!)).toBe('WHERE 1');
	});

	it('refuses another PARTITION BY, a missing placeholder, and a placeholder without the header', () => {
		expect(() => parseRollup('agg_b.sql', partitioned(header, 'cityHash64(x) % 16'))).toThrow(/PARTITION BY cityHash64\(x\) % 8/);
		expect(() => parseRollup('agg_b.sql', partitioned(header, 'cityHash64(x) % 8', '1'))).toThrow(/keep \{in_partitions\}/);
		expect(() => parseRollup('agg_b.sql', partitioned('-- none', 'cityHash64(x) % 8'))).toThrow(/without a '-- partitions/);
	});

	it('reads the fingerprinted columns of a split rollup, and refuses a reads line for a table the INSERT does not read', () => {
		const split = '-- partitions: cityHash64(x) % 8 of fct_candidates, agg_a\n-- reads of agg_a: x, y';
		const r = parseRollup('agg_b.sql', partitioned(split, 'cityHash64(x) % 8'));
		expect(r.partitions?.tables).toEqual(['fct_candidates', 'agg_a']);
		expect(r.partitions?.columns).toEqual({ agg_a: ['x', 'y'] });
		expect(r.partitions?.rest).toEqual([]);
		expect(() => parseRollup('agg_b.sql', partitioned(`${header}\n-- reads of agg_z: y`, 'cityHash64(x) % 8'))).toThrow(
			/reads of' line for agg_z/,
		);
	});

	it('splits agg_candidate_profile by candidate over its five fact tables; the month rollups by month', () => {
		const rollups = new Map(readRollups().map((r) => [r.name, r]));
		expect(rollups.get('agg_candidate_profile')?.partitions?.tables).toEqual([
			'fct_candidates',
			'fct_certifications',
			'fct_trainings',
			'fct_applications',
			'fct_placements',
		]);
		expect(rollups.get('agg_quick_win_daily')?.partitions?.expression).toBe('toYYYYMM(departure_date)');
	});

	it('reads per-table partition expressions and expands {keys_in_partitions:…} over the first split table', () => {
		const split = `-- partitions: toYYYYMM(d) of fct_candidates, fct_placements\n-- partition of fct_placements: toYYYYMM(line_d)`;
		const sql = `${split}\nCREATE TABLE agg_b (x UInt8) ENGINE = MergeTree() PARTITION BY toYYYYMM(d) ORDER BY x;\nINSERT INTO agg_b SELECT x FROM fct_candidates ANY LEFT JOIN (SELECT x FROM fct_placements WHERE {keys_in_partitions:x}) USING x WHERE {in_partitions};\n`;
		const r = parseRollup('agg_b.sql', sql);
		expect(r.partitions?.expressions).toEqual({ fct_placements: 'toYYYYMM(line_d)' });
		expect(partitionsSql('A {keys_in_partitions:x} B {in_partitions}', r.partitions!, [202601])).toBe(
			'A x IN (SELECT x FROM fct_candidates WHERE (toYYYYMM(d)) IN (202601)) B (toYYYYMM(d)) IN (202601)',
		);
		expect(partitionsSql('A {keys_in_partitions:x} B {in_partitions}', r.partitions!)).toBe('A 1 B 1');
		expect(() => parseRollup('agg_b.sql', sql.replace('partition of fct_placements', 'partition of fct_trainings'))).toThrow(
			/partition of' line for fct_trainings/,
		);
	});

	it('reads a rollup keyed on its rows (agg_as_of), and refuses the line on a rollup reading another rollup', () => {
		expect(readRollups().find((r) => r.name === 'agg_as_of')?.keyedOnRows).toBe(true);
		expect(readRollups().find((r) => r.name === 'agg_province_month')?.keyedOnRows).toBeUndefined();
		const sql = '-- key: its rows\nCREATE TABLE agg_b (x UInt8) ENGINE = MergeTree() ORDER BY x;\nINSERT INTO agg_b SELECT x FROM agg_a;\n';
		expect(() => parseRollup('agg_b.sql', sql)).toThrow(/keyed on its rows/);
	});

	it('reads a scope of an input read whole, and recomputes the keys holding its changed values besides the changed partitions', () => {
		const scoped = `${header}\n-- scope of agg_a: the x whose occupation is in arrayJoin([y, z])`;
		const r = parseRollup('agg_b.sql', partitioned(scoped, 'cityHash64(x) % 8'));
		expect(r.partitions?.scope).toEqual({ table: 'agg_a', key: 'x', column: 'occupation', expression: 'arrayJoin([y, z])' });
		const keys = { key: 'x', sql: scopedKeysSql(r.partitions!.scope!, 'fct_candidates', ['5321', "o'k"]) };
		expect(keys.sql).toBe("SELECT x FROM fct_candidates WHERE occupation IN ('5321', 'o\\'k')");
		expect(partitionsSql('WHERE {in_partitions}', r.partitions!, [3], (t) => t, keys)).toBe(
			`WHERE ((cityHash64(x) % 8) IN (3) OR x IN (${keys.sql}))`,
		);
		expect(partitionsSql('WHERE {in_partitions}', r.partitions!, [], (t) => t, keys)).toBe(`WHERE x IN (${keys.sql})`);
		expect(() => parseRollup('agg_b.sql', partitioned(`${header}\n-- scope of agg_z: the x whose o is in y`, 'cityHash64(x) % 8'))).toThrow(
			/scope of' line for agg_z/,
		);
	});

	it('scopes the candidate rollups to the occupations whose demand or open profiles changed, related occupations included', () => {
		const rollups = new Map(readRollups().map((r) => [r.name, r]));
		const servable = /^arrayJoin\(arraySort\(arrayConcat\(\[occupation_isco4\], multiIf\(.*occupation_isco4 = '5321', \['5322'\]/;
		expect(rollups.get('agg_candidate_profile')?.partitions?.scope).toEqual({
			table: 'agg_occupation_demand',
			key: 'candidate_id',
			column: 'preferred_occupation_isco4',
			expression: 'preferred_occupation_isco4',
		});
		expect(rollups.get('agg_occupation_demand')?.insertSql).toMatch(
			/SELECT arrayJoin\(arraySort\(arrayConcat\(\[occupation_isco4\], multiIf\(.*\) AS preferred_occupation_isco4, \*\s+FROM agg_open_requirement_profiles/,
		);
		expect(rollups.get('agg_capability_match')?.partitions?.scope).toMatchObject({
			table: 'agg_open_requirement_profiles',
			key: 'capability_key',
			expression: expect.stringMatching(servable),
		});
		expect(rollups.get('agg_candidate_state')?.partitions?.scope).toEqual({
			table: 'agg_modal_requirements',
			key: 'capability_key',
			column: 'preferred_occupation_isco4',
			expression: 'occupation_isco4',
		});
	});

	it('reads split tables through another rollup: fingerprinted per partition, the rollup not an input read whole, its definition counted', () => {
		const via = `-- partitions: cityHash64(line_id) % 4 of fct_applications
CREATE TABLE agg_act (line_id String) ENGINE = MergeTree() PARTITION BY cityHash64(line_id) % 4 ORDER BY line_id;
INSERT INTO agg_act SELECT line_id FROM fct_applications WHERE {in_partitions} GROUP BY line_id;
`;
		const reader = (through: string, keys = '{keys_in_partitions:line_id}') => `-- partitions: toYYYYMM(d) of fct_lines, fct_applications
${through}
CREATE TABLE agg_reader (line_id String) ENGINE = MergeTree() PARTITION BY toYYYYMM(d) ORDER BY line_id;
INSERT INTO agg_reader SELECT line_id FROM (SELECT line_id FROM fct_lines WHERE {in_partitions}) ANY LEFT JOIN (SELECT line_id FROM agg_act WHERE ${keys}) USING line_id;
`;
		const r = parseRollup('agg_reader.sql', reader('-- through agg_act: fct_applications'));
		expect(r.sources).toEqual(['fct_applications', 'fct_lines']);
		expect(r.dependsOn).toEqual(['agg_act']);
		expect(r.partitions?.tables).toEqual(['fct_lines', 'fct_applications']);
		expect(r.partitions?.rest).toEqual([]);
		expect(r.partitions?.through).toEqual([{ table: 'agg_act', tables: ['fct_applications'] }]);
		// without the line the split table it does not read is refused
		expect(() => parseRollup('agg_reader.sql', reader(''))).toThrow(/declares partitions/);
		expect(() => parseRollup('agg_reader.sql', reader('-- through agg_act: fct_applications, fct_placements'))).toThrow(
			/must name split tables/,
		);
		expect(() => parseRollup('agg_reader.sql', reader('-- through agg_act: fct_applications', '1'))).toThrow(/keys_in_partitions/);
		expect(() => parseRollup('agg_reader.sql', reader('-- through agg_other: fct_applications'))).toThrow(/does not read/);
		const rollups = readRollups(dirWith({ 'agg_act.sql': via, 'agg_reader.sql': reader('-- through agg_act: fct_applications') }));
		const act = rollups.find((x) => x.name === 'agg_act');
		expect(rollups.find((x) => x.name === 'agg_reader')?.partitions?.through).toEqual([
			{ table: 'agg_act', tables: ['fct_applications'], definition: act?.definitionHash },
		]);
		// the rollup read through must hold exactly the tables named: the per-partition fingerprints then tell every change of it
		const wider = via.replace(
			'FROM fct_applications WHERE {in_partitions} GROUP BY line_id',
			'FROM fct_applications WHERE {in_partitions} AND line_id IN (SELECT line_id FROM fct_placements) GROUP BY line_id',
		);
		expect(() => readRollups(dirWith({ 'agg_act.sql': wider, 'agg_reader.sql': reader('-- through agg_act: fct_applications') }))).toThrow(
			/must read exactly those tables/,
		);
	});

	it('reads the applications and placements of the line rollups through agg_line_activity', () => {
		const rollups = new Map(readRollups().map((r) => [r.name, r]));
		for (const name of ['agg_job_order_lines', 'agg_open_slots_monthly']) {
			const spec = rollups.get(name)?.partitions;
			expect(
				spec?.through?.map((t) => [t.table, [...t.tables].sort()]),
				name,
			).toEqual([['agg_line_activity', ['fct_applications', 'fct_placements']]]);
			expect(spec?.tables, name).toEqual(expect.arrayContaining(['fct_applications', 'fct_placements']));
			expect(
				spec?.rest.map((t) => t.table),
				name,
			).not.toContain('agg_line_activity');
			expect(rollups.get(name)?.insertSql, name).not.toMatch(/\bfct_(applications|placements)\b/);
		}
	});

	it('reads a new keys line: the line rollups add new lines to their copies, and the INSERT reads those rows only', () => {
		const rollups = new Map(readRollups().map((r) => [r.name, r]));
		expect(rollups.get('agg_job_order_lines')?.partitions?.newKeys).toEqual({ key: 'line_id', table: 'fct_job_order_lines' });
		expect(rollups.get('agg_open_slots_monthly')?.partitions?.newKeys).toEqual({ key: 'line_id', table: 'agg_job_order_lines' });
		const split = (extra: string, columns = 'k String, p UInt8') =>
			`${extra}\n-- partitions: p of fct_a, fct_b\nCREATE TABLE agg_n (${columns}) ENGINE = MergeTree() PARTITION BY p ORDER BY k;\nINSERT INTO agg_n SELECT k, p FROM fct_a WHERE {in_partitions} AND k IN (SELECT k FROM fct_b WHERE {keys_in_partitions:k});\n`;
		const r = parseRollup('agg_n.sql', split('-- new keys: k of fct_a'));
		expect(
			newKeysSql(
				r.insertSql,
				{ ...r.partitions!, newKeys: r.partitions!.newKeys! },
				{ partitions: [3], keys: ["a'1"], rows: "(p) IN (3) AND k IN ('a\\'1')" },
			),
		).toBe(
			"INSERT INTO agg_n SELECT k, p FROM fct_a WHERE (p) IN (3) AND k IN ('a\\'1') AND k IN (SELECT k FROM fct_b WHERE k IN ('a\\'1'))",
		);
		// the first split table only; a key column in the rollup; a rollup's new keys only from a rollup that adds its own
		expect(() => parseRollup('agg_n.sql', split('-- new keys: k of fct_b'))).toThrow(/first split table/);
		expect(() => parseRollup('agg_n.sql', split('-- new keys: k of fct_a', 'x String, p UInt8'))).toThrow(/needs a k column/);
		const dir = dirWith({
			'agg_up.sql': split('-- new keys: k of fct_a').replaceAll('agg_n', 'agg_up'),
			'agg_down.sql':
				'-- partitions: p of agg_up\n-- new keys: j of agg_up\nCREATE TABLE agg_down (p UInt8) ENGINE = MergeTree() PARTITION BY p ORDER BY p;\nINSERT INTO agg_down SELECT p FROM agg_up WHERE {in_partitions};\n',
		});
		expect(() => readRollups(dir)).toThrow(/agg_down takes new js of agg_up/);
	});

	it("reads a changed keys line: over facts with the columns holding each row's sums, over rollups with the key alone", () => {
		const rollups = new Map(readRollups().map((r) => [r.name, r]));
		expect(rollups.get('agg_candidate_profile')?.partitions?.changedKeys).toEqual({
			key: 'candidate_id',
			rows: 'input_rows',
			hash: 'input_hash',
		});
		for (const name of ['agg_capability_match', 'agg_candidate_state'])
			expect(rollups.get(name)?.partitions?.changedKeys, name).toEqual({ key: 'capability_key' });
		const split = (extra: string, tables = 'fct_a, fct_b', columns = 'k String, n UInt32, h UInt64') =>
			`${extra}\n-- partitions: cityHash64(k) % 4 of ${tables}\nCREATE TABLE agg_n (${columns}) ENGINE = MergeTree() PARTITION BY cityHash64(k) % 4 ORDER BY k;\nINSERT INTO agg_n SELECT k, 1, 2 FROM fct_a WHERE {in_partitions} AND k IN (SELECT k FROM fct_b WHERE {in_partitions});\n`;
		expect(parseRollup('agg_n.sql', split('-- changed keys: k, its inputs counted in n and hashed in h')).partitions?.changedKeys).toEqual({
			key: 'k',
			rows: 'n',
			hash: 'h',
		});
		// the sums' columns in the rollup; over facts, the columns with them; a partition of the key
		expect(() => parseRollup('agg_n.sql', split('-- changed keys: k, its inputs counted in n and hashed in x'))).toThrow(/changed keys/);
		expect(() => parseRollup('agg_n.sql', split('-- changed keys: k'))).toThrow(/changed keys/);
		expect(() =>
			parseRollup(
				'agg_n.sql',
				split('-- changed keys: j, its inputs counted in n and hashed in h', 'fct_a, fct_b', 'k String, j String, n UInt32, h UInt64'),
			),
		).toThrow(/partition expression of j/);
	});

	it('splits the job-order lines by issue quarter, the capability groups and candidate states by capability group', () => {
		const rollups = new Map(readRollups().map((r) => [r.name, r]));
		expect(rollups.get('agg_job_order_lines')?.partitions).toMatchObject({
			expression: 'toYear(issued_date) * 10 + toQuarter(issued_date)',
			expressions: {
				fct_applications: 'toYear(line_issued_date) * 10 + toQuarter(line_issued_date)',
				fct_placements: 'toYear(line_issued_date) * 10 + toQuarter(line_issued_date)',
			},
			tables: ['fct_job_order_lines', 'fct_applications', 'fct_placements'],
			rest: [{ table: 'agg_as_of', columns: ['as_of'] }],
		});
		expect(rollups.get('agg_capability_match')?.partitions).toMatchObject({
			expression: 'capability_key % 16',
			tables: ['agg_candidate_profile'],
		});
		expect(rollups.get('agg_candidate_state')?.partitions).toMatchObject({
			expression: 'capability_key % 16',
			tables: ['agg_candidate_profile', 'agg_capability_match'],
			columns: { agg_capability_match: ['capability_key', 'qualified'] },
			rest: [{ table: 'agg_modal_requirements', columns: null }],
		});
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
