import { describe, expect, it } from 'vitest';
import {
	continueVersionsAfter,
	isPreAggregationStatement,
	LegacyClickHouseDriver,
	versionOfTableName,
} from './legacy-clickhouse-driver.ts';

describe('pre-aggregation version timestamps', () => {
	it('decode the base-32 seconds at the end of a table name', () => {
		const seconds = 1_795_400_000;
		expect(versionOfTableName(`placements_national_monthly_abc12_def34_${seconds.toString(32)}`)).toBe(seconds * 1000);
		expect(versionOfTableName('not_a_pre_aggregation')).toBeUndefined();
	});

	it('continue strictly after the newest existing table, even when it is ahead of the clock', () => {
		const ahead = Math.floor(Date.now() / 1000) + 60;
		continueVersionsAfter([`a_b_c_${ahead.toString(32)}`, `a_b_c_${(ahead - 5).toString(32)}`]);
		const driver = new LegacyClickHouseDriver({ host: '127.0.0.1', port: '1', database: 'x', preAggregationsSchema: 'x_pre_aggregations' });
		const first = driver.nowTimestamp();
		expect(first).toBe((ahead + 1) * 1000);
		expect(driver.nowTimestamp()).toBe(first + 1000);
	});
});

describe('the pre-aggregation build path', () => {
	const schema = 'slmi_pre_aggregations';
	it('takes the orchestrator statements on tables of the pre-aggregations schema', () => {
		for (const sql of [
			'CREATE TABLE slmi_pre_aggregations.placements_monthly_abc_def_ghi1234 ENGINE = MergeTree() ORDER BY a AS SELECT 1 AS a',
			'DROP TABLE slmi_pre_aggregations.placements_monthly_abc_def_ghi1234',
			'DROP TABLE IF EXISTS `slmi_pre_aggregations`.x',
			'CREATE DATABASE IF NOT EXISTS slmi_pre_aggregations',
			'RENAME TABLE slmi_pre_aggregations.a TO slmi_pre_aggregations.b',
		]) {
			expect(isPreAggregationStatement(sql, schema), sql).toBe(true);
		}
	});
	it('sends everything else the read-only way', () => {
		for (const sql of [
			'INSERT INTO slmi.fct_placements SELECT * FROM slmi.fct_placements',
			'DROP TABLE slmi.fct_placements',
			'DROP DATABASE slmi_pre_aggregations',
			'ALTER TABLE slmi.fct_candidates DELETE WHERE 1',
			'RENAME TABLE slmi_pre_aggregations.a TO slmi.fct_placements',
			'CREATE TABLE slmi_pre_aggregations_x.t (a UInt8) ENGINE = Memory',
			'SELECT 1',
		]) {
			expect(isPreAggregationStatement(sql, schema), sql).toBe(false);
		}
	});
});
