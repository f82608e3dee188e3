/**
 * The ministry's seat budget for the training planner (issue #15 §3 "given seats per province or
 * nationally"; warehouse/src/matching/budget.ts, budget-cli.ts; docs/matching.md "Setting the seat
 * budget"), through the real command line against the test warehouse:
 * - a refused file stores nothing, and the message names the file, the line and the field;
 * - a budget file is stored and the run the command starts plans with exactly its rows: the stored
 *   plan's budget is their sum, every seat the plan gives is covered by a row, and no row gives more
 *   seats than it holds (independent SQL over match_plan);
 * - Cube serves where the budget came from to the minister;
 * - `--default` goes back to the planner's default (one national row), and the file leaves the
 *   warehouse as the other files expect it (a default-budget run last).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SeatRow } from '../../../warehouse/src/matching/planner.ts';
import { runNode } from '../../support/process.ts';
import { settleRefreshes } from '../../support/refresh.ts';
import { cubeRows, dataReady, type Row, sqlRow, sqlRows, sqlValue } from './harness.ts';

const clickhouse = inject('clickhouse');
const ingest = inject('ingest');
const dir = mkdtempSync(join(tmpdir(), 'slmi-budget-'));

function budgetCli(args: string[]) {
	return runNode(['--import', 'tsx', 'warehouse/src/matching/budget-cli.ts', ...args], {
		CLICKHOUSE_URL: clickhouse.url,
		CLICKHOUSE_USER: clickhouse.username,
		CLICKHOUSE_PASSWORD: clickhouse.password,
		CLICKHOUSE_DATABASE: clickhouse.database,
	});
}

/** The plan of the run the command started (it prints the run's id). */
const planRunOf = (stdout: string) => {
	const runId = /Matching run (\S+):/.exec(stdout)?.[1];
	if (!runId) throw new Error(`budget-cli.ts printed no run: ${stdout}`);
	return sqlRow(`SELECT * FROM match_plan_runs WHERE run_id = '${runId}'`);
};

beforeAll(async () => {
	await dataReady();
	// an earlier file's batch may have started a run in the background: let it finish first
	await settleRefreshes(ingest);
});

afterAll(async () => {
	// whatever happened above, the warehouse ends on the default budget
	await budgetCli(['--default', '--no-run']);
});

describe('the seat budget, set with budget-cli.ts', () => {
	it('refuses a bad file, naming file, line and field, and stores nothing', async () => {
		const before = Number(await sqlValue('SELECT count() FROM match_plan_budgets'));
		const file = join(dir, 'bad.csv');
		writeFileSync(file, 'province,kind,code,seats\n52,certificate,caregiver,10\n\n99,language,ja,5\n*,*,ja,3\n');
		const result = await budgetCli(['--file', file]);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain(`${file}, line 4, field province: '99' is not a province code`);
		expect(result.stderr).toContain(`${file}, line 5, field code: 'ja' needs a kind`);
		expect(Number(await sqlValue('SELECT count() FROM match_plan_budgets'))).toBe(before);
	});

	it('plans with exactly the stored rows: budget = their sum, every seat under a row, no row exceeded', async () => {
		// what the default plan gives, so the budget below has seats the plan can use
		const defaultRows = await sqlRows(
			`SELECT province_code, kind, code, sum(plan_seats) AS seats FROM match_plan
			 WHERE run_id = (SELECT max(run_id) FROM match_runs) GROUP BY province_code, kind, code ORDER BY seats DESC, province_code, kind, code`,
		);
		expect(defaultRows.length, 'the default plan gives seats').toBeGreaterThan(0);
		const top = defaultRows[0] as Row;
		const rows: SeatRow[] = [
			{ province: String(top.province_code), kind: top.kind as SeatRow['kind'], code: String(top.code), seats: 2 },
			// a national row of the other kind: budget rows must not overlap
			{ province: '*', kind: top.kind === 'language' ? 'certificate' : 'language', code: '*', seats: 3 },
		];
		const file = join(dir, 'seats-test.csv');
		writeFileSync(file, `province,kind,code,seats\n${rows.map((r) => `${r.province},${r.kind},${r.code},${r.seats}`).join('\n')}\n`);
		const result = await budgetCli(['--file', file, '--by', 'test']);
		expect(result.code, result.stderr).toBe(0);
		const run = await planRunOf(result.stdout);

		const stored = await sqlRow('SELECT set_by, source, seats FROM match_plan_budgets ORDER BY set_ms DESC LIMIT 1');
		expect(stored.set_by).toBe('test');
		expect(stored.source).toBe('seats-test.csv');
		expect(JSON.parse(String(stored.seats))).toEqual(rows);

		expect(run.budget_source).toBe('seats-test.csv');
		expect(JSON.parse(String(run.seats))).toEqual(rows);
		expect(Number(run.budget)).toBe(5);
		// independent SQL over the plan's rows: each seat against the one row that covers it
		const given = await sqlRows(
			`SELECT province_code, kind, code, sum(plan_seats) AS seats, sum(proportional_seats) AS proportional FROM match_plan
			 WHERE run_id = '${run.run_id}' GROUP BY province_code, kind, code`,
		);
		const used = rows.map(() => ({ plan: 0, proportional: 0 }));
		for (const g of given) {
			const index = rows.findIndex(
				(r) =>
					(r.province === '*' || r.province === g.province_code) &&
					(r.kind === '*' || r.kind === g.kind) &&
					(r.code === '*' || r.code === g.code),
			);
			if (Number(g.seats) + Number(g.proportional) === 0) continue;
			expect(index, `seats for ${g.province_code} ${g.kind} ${g.code} are covered by a budget row`).toBeGreaterThanOrEqual(0);
			(used[index] as { plan: number }).plan += Number(g.seats);
			(used[index] as { proportional: number }).proportional += Number(g.proportional);
		}
		rows.forEach((r, i) => {
			expect(used[i]?.plan, `plan seats under row ${i + 1}`).toBeLessThanOrEqual(r.seats);
			expect(used[i]?.proportional, `proportional seats under row ${i + 1}`).toBeLessThanOrEqual(r.seats);
		});
		// the specific row's seats are used (the default plan gave that gap seats)
		expect(used[0]?.plan).toBeGreaterThan(0);
	});

	it('Cube tells the minister where the budget came from', async () => {
		const [row] = await cubeRows({ dimensions: ['matching_plan_runs.budget_source'], measures: ['matching_plan_runs.budget'] });
		expect(row?.budget_source).toBe('seats-test.csv');
		expect(Number(row?.budget)).toBe(5);
	});

	it('--default goes back to the planner default: one national row, source default', async () => {
		const shown = await budgetCli(['--show']);
		expect(shown.stdout).toContain('Budget from seats-test.csv');
		const result = await budgetCli(['--default']);
		expect(result.code, result.stderr).toBe(0);
		const run = await planRunOf(result.stdout);
		expect(run.budget_source).toBe('default');
		const seats = JSON.parse(String(run.seats)) as SeatRow[];
		expect(seats).toEqual([{ province: '*', kind: '*', code: '*', seats: Number(run.budget) }]);
		// the default: one seat per ten candidates one training away, at least 10
		expect(Number(run.budget)).toBe(Math.max(10, Math.round(Number(run.near_candidates) / 10)));
	});
});
