/**
 * Sets the training planner's seat budget (budget-file.ts, budget.ts; docs/matching.md "Setting the seat budget"):
 *
 *   npx tsx warehouse/src/matching/budget-cli.ts --file seats.csv [--by NAME] [--no-run]
 *   npx tsx warehouse/src/matching/budget-cli.ts --default [--by NAME] [--no-run]
 *   npx tsx warehouse/src/matching/budget-cli.ts --show
 *
 * The warehouse is CLICKHOUSE_URL (+ CLICKHOUSE_USER, CLICKHOUSE_PASSWORD, CLICKHOUSE_DATABASE), or
 * --url / --database, as for the loader. The file is checked first (every problem named by file,
 * line and field; nothing is stored when one is found), stored as a new version, and then the
 * matching engine and the planner run once on the current data with it (runMatching, as after a
 * load), so /matching shows the new plan when the command returns; --no-run leaves that to the next
 * load or start. Exit code 0 on success, 1 when the file was refused or the run failed, 2 for a
 * usage or connection error.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from '../client.ts';
import { endpointForCommand } from '../endpoint.ts';
import { migrate } from '../migrate.ts';
import { readBudget, storeBudget } from './budget.ts';
import { BudgetError, parseBudgetCsv } from './budget-file.ts';
import type { SeatRow } from './planner.ts';
import { runMatching } from './run.ts';

const USAGE = `Usage: npx tsx warehouse/src/matching/budget-cli.ts [--url http://host:8123] [--database slmi]
         (--file seats.csv | --default | --show) [--by NAME] [--no-run]

Sets the training planner's seat budget (docs/matching.md "Setting the seat budget"). The file has
the header province,kind,code,seats and one row per budget row: province a province code or * (any),
kind certificate, language or * (either), code a certification scheme or language code or * (any),
seats a whole number. Rows must not overlap (one row per seat). --default goes back to the
planner's default (one national pool, one seat per ten candidates one training away). After storing,
the matching engine and the planner run once with it (--no-run: at the next load or start instead).`;

const parse = () =>
	parseArgs({
		options: {
			url: { type: 'string' },
			database: { type: 'string' },
			file: { type: 'string' },
			default: { type: 'boolean', default: false },
			show: { type: 'boolean', default: false },
			by: { type: 'string' },
			'no-run': { type: 'boolean', default: false },
			help: { type: 'boolean', short: 'h', default: false },
		},
	});

async function main(): Promise<number> {
	let values: ReturnType<typeof parse>['values'];
	try {
		values = parse().values;
	} catch (error) {
		console.error(`${(error as Error).message}\n\n${USAGE}`);
		return 2;
	}
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	const actions = [values.file !== undefined, values.default, values.show].filter(Boolean).length;
	if (actions !== 1) {
		console.error(`Give exactly one of --file, --default and --show.\n\n${USAGE}`);
		return 2;
	}
	// Checked before anything is asked of the warehouse: a refused file stores nothing.
	let seats: SeatRow[] | null = null;
	if (values.file !== undefined) {
		let text: string;
		try {
			text = readFileSync(values.file, 'utf8');
		} catch (error) {
			console.error(`Cannot read ${values.file}: ${(error as Error).message}`);
			return 2;
		}
		try {
			seats = parseBudgetCsv(text, values.file);
		} catch (error) {
			if (!(error instanceof BudgetError)) throw error;
			console.error(`The budget was not stored:\n${error.message}`);
			return 1;
		}
	}
	const endpoint = endpointForCommand(process.env, values);
	if (!endpoint) return 2;
	const log = (line: string) => console.error(line);
	const db = connect(endpoint);
	try {
		try {
			await migrate(db, log);
		} catch (error) {
			console.error(`Cannot reach or migrate ClickHouse at ${endpoint.url}: ${(error as Error).message}`);
			return 2;
		}
		if (values.show) {
			const budget = await readBudget(db);
			console.log(
				budget
					? `Budget from ${budget.source}, stored ${budget.setAt} UTC by ${budget.setBy}:\nprovince,kind,code,seats\n${budget.seats.map((r) => `${r.province},${r.kind},${r.code},${r.seats}`).join('\n')}`
					: 'The default budget: one national pool, one seat per ten candidates one training away (none stored).',
			);
			return 0;
		}
		const setBy = values.by ?? userInfo().username;
		await storeBudget(db, { seats, setBy, source: seats ? basename(values.file as string) : 'default' });
		log(
			seats
				? `Stored a budget of ${seats.length} row(s), ${seats.reduce((a, r) => a + r.seats, 0).toLocaleString('en')} seats.`
				: 'Back to the default budget.',
		);
		if (values['no-run']) return 0;
		log('Running the matching engine and the training planner with it …');
		const run = await runMatching(db, log);
		if (!run.plan) {
			console.error(`The budget is stored, but the planner failed on it in run ${run.runId} (above); the next run plans with it again.`);
			return 1;
		}
		console.log(`Matching run ${run.runId}: the plan gives ${run.plan.budget.toLocaleString('en')} seats of budget.`);
		return 0;
	} catch (error) {
		console.error(`Failed: ${(error as Error).message}`);
		return 1;
	} finally {
		await db.close();
	}
}

process.exitCode = await main();
