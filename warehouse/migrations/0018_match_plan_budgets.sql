-- The training planner's seat budget as the ministry sets it (warehouse/src/matching/budget.ts,
-- budget-cli.ts; docs/matching.md "Setting the seat budget"): every version stored, the latest one
-- in use by the next matching run. `seats` empty = back to the planner's default (an assumption of
-- the demo, planner.ts defaultSeats). Counts only: no candidate appears here.
CREATE TABLE IF NOT EXISTS match_plan_budgets
(
    set_at DateTime COMMENT 'when this version was stored (UTC)',
    set_ms UInt64 COMMENT 'the same in milliseconds: orders versions stored within one second',
    set_by String COMMENT 'who stored it (the command line''s --by, else the operating-system user)',
    source String COMMENT 'the file it was read from, or default',
    seats String COMMENT 'the budget rows as JSON [{province, kind, code, seats}], or empty for the default budget'
)
ENGINE = MergeTree()
ORDER BY set_ms;

-- Which budget each plan used: the version's set_at and source (1970-01-01 00:00:00 and 'default'
-- for the planner's default; runs stored before this migration read the same, which they used).
-- 18.16 has no ADD COLUMN IF NOT EXISTS: migrate.ts skips an ADD COLUMN whose column exists.
ALTER TABLE match_plan_runs ADD COLUMN budget_set_at DateTime;
ALTER TABLE match_plan_runs ADD COLUMN budget_source String DEFAULT 'default'
