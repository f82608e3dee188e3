/**
 * The matching back-test at every quarter end of the given years (default 2024-2025), against the
 * warehouse CLICKHOUSE_URL names (its rollups built): prints one line per date and a JSON summary.
 *   CLICKHOUSE_URL=http://127.0.0.1:18123 CLICKHOUSE_PASSWORD=… npx tsx warehouse/src/matching/backtest-cli.ts 2024 2025
 */
import { connect } from '../client.ts';
import { endpointFromEnv } from '../endpoint.ts';
import { backtest, quarterEnds, solveNote } from './backtest.ts';

const endpoint = endpointFromEnv();
if (!endpoint)
	throw new Error('Set CLICKHOUSE_URL (and CLICKHOUSE_USER, CLICKHOUSE_PASSWORD, CLICKHOUSE_DATABASE) to the warehouse to back-test');
const [from = '2024', to = '2025'] = process.argv.slice(2);
const db = connect(endpoint);
const points = await backtest(db, quarterEnds(Number(from), Number(to)), (line) => console.log(line));
await db.close();
const sum = (f: (p: (typeof points)[number]) => number) => points.reduce((t, p) => t + f(p), 0);
console.log(
	JSON.stringify(
		{
			dates: points.length,
			fillableOptimal: sum((p) => p.fillableOptimal),
			fillableGreedy: sum((p) => p.fillableGreedy),
			fillableUnconstrained: sum((p) => p.fillableUnconstrained),
			outcomes: sum((p) => p.outcomes),
			recallEngine:
				sum((p) => p.recallEngine * p.outcomes) /
				Math.max(
					1,
					sum((p) => p.outcomes),
				),
			recallFcfs:
				sum((p) => p.recallFcfs * p.outcomes) /
				Math.max(
					1,
					sum((p) => p.outcomes),
				),
			seconds: sum((p) => p.seconds),
			// dates whose fair fill is not proven optimal: their best fair assignment is counted above
			notOptimal: points.filter((p) => p.status !== 'Optimal').map((p) => `${p.date}: ${solveNote(p)}`),
		},
		null,
		1,
	),
);
