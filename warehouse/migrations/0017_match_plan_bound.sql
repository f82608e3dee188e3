-- The training plan's upper bound (warehouse/src/matching/planner.ts planBound, docs/matching.md
-- "Training planner"): the most slots any plan within the run's budget and the certification bodies'
-- capacity could make fillable (the plan model's LP relaxation, rounded down; = plan_fillable when
-- the plan is proven optimal). Stored with the plan's run so the page can say "the plan fills X of
-- at most Y". Rows stored before this migration read 0: not recorded.
-- 18.16 has no ADD COLUMN IF NOT EXISTS (nor stores a COMMENT given here): migrate.ts skips an ADD
-- COLUMN whose column exists, so the file may run again after a run killed half-way.
ALTER TABLE match_plan_runs ADD COLUMN plan_bound UInt32
