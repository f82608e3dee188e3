/**
 * ClickHouse 18.16 compares a Date with a DateTime as raw numbers, so a Cube time dimension over
 * a bare Date column makes every date-range query return nothing. This test fails if a time
 * dimension loses its toDateTime() cast: Cube's count for a date range must equal ClickHouse's.
 */
import { describe, expect, inject, it } from 'vitest';
import { connect, queryRows } from '../../warehouse/src/client.ts';
import { cubeLoad } from '../support/cube-client.ts';

const cube = inject('cube')!;
const db = connect(inject('clickhouse'));

describe('date-range filters through Cube', () => {
	it('count the placements of a month exactly as SQL does', async () => {
		const [busiest] = await queryRows<{ month: string; n: string }>(
			db,
			`SELECT toString(toStartOfMonth(departure_date)) AS month, count() AS n
			 FROM fct_placements GROUP BY month ORDER BY n DESC, month LIMIT 1`,
		);
		expect(busiest, 'the test data set has placements').toBeDefined();
		const from = busiest!.month;
		const to = (await queryRows<{ d: string }>(db, `SELECT toString(addDays(addMonths(toDate('${from}'), 1), -1)) AS d`))[0]!.d;
		const rows = await cubeLoad(
			cube,
			{ role: 'minister' },
			{
				measures: ['placements.placements'],
				timeDimensions: [{ dimension: 'placements.departure_date', dateRange: [from, to] }],
			},
		);
		expect(Number(rows[0]?.['placements.placements'])).toBe(Number(busiest!.n));
		expect(Number(busiest!.n)).toBeGreaterThan(0);
	});
});
