/**
 * The ministry's seat budget for the training planner, as stored (migration 0018,
 * `match_plan_budgets`): a new version per change, the latest in use by every matching run
 * (runMatching). The file it comes from is checked by budget-file.ts; the command line is
 * budget-cli.ts; docs/matching.md "Setting the seat budget". No reference data here: run.ts imports
 * this, and the web app's bundle reaches run.ts through the officer's detail path.
 */
import { queryRows, type Warehouse } from '../client.ts';
import type { SeatRow } from './planner.ts';

/** The budget in use: the latest stored version; null when none is stored or the latest says "default". */
export interface StoredBudget {
	setAt: string;
	setBy: string;
	source: string;
	seats: SeatRow[];
}

/** Stores a new version of the budget; `seats` null goes back to the planner's default. */
export async function storeBudget(
	db: Warehouse,
	budget: { seats: readonly SeatRow[] | null; setBy: string; source: string },
	now = new Date(),
): Promise<void> {
	await db.insert({
		table: 'match_plan_budgets',
		values: [
			{
				set_at: now.toISOString().slice(0, 19).replace('T', ' '),
				set_ms: now.getTime(),
				set_by: budget.setBy,
				source: budget.source,
				seats: budget.seats ? JSON.stringify(budget.seats) : '',
			},
		],
		format: 'JSONEachRow',
	});
}

/** The latest stored budget, or null for the planner's default (none stored, or the latest is a `--default`). */
export async function readBudget(db: Warehouse): Promise<StoredBudget | null> {
	const [latest] = await queryRows<{ set_at: string; set_by: string; source: string; seats: string }>(
		db,
		'SELECT toString(set_at) AS set_at, set_by, source, seats FROM match_plan_budgets ORDER BY set_ms DESC LIMIT 1',
	);
	if (!latest || latest.seats === '') return null;
	return { setAt: latest.set_at, setBy: latest.set_by, source: latest.source, seats: JSON.parse(latest.seats) as SeatRow[] };
}
