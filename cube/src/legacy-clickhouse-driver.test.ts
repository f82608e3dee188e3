import { describe, expect, it } from 'vitest';
import { continueVersionsAfter, LegacyClickHouseDriver, versionOfTableName } from './legacy-clickhouse-driver.ts';

describe('pre-aggregation version timestamps', () => {
	it('decode the base-32 seconds at the end of a table name', () => {
		const seconds = 1_795_400_000;
		expect(versionOfTableName(`placements_national_monthly_abc12_def34_${seconds.toString(32)}`)).toBe(seconds * 1000);
		expect(versionOfTableName('not_a_pre_aggregation')).toBeUndefined();
	});

	it('continue strictly after the newest existing table, even when it is ahead of the clock', () => {
		const ahead = Math.floor(Date.now() / 1000) + 60;
		continueVersionsAfter([`a_b_c_${ahead.toString(32)}`, `a_b_c_${(ahead - 5).toString(32)}`]);
		const driver = new LegacyClickHouseDriver({ host: '127.0.0.1', port: '1', database: 'x' });
		const first = driver.nowTimestamp();
		expect(first).toBe((ahead + 1) * 1000);
		expect(driver.nowTimestamp()).toBe(first + 1000);
	});
});
