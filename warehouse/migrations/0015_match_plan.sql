-- The training and certification planner (warehouse/src/matching/planner.ts, docs/matching.md
-- "Training planner"), stored with each matching run by runMatching(): which seats (language
-- courses, certification exams) the plan gives to the candidates one requirement away, by the
-- candidates' province and the seat, against seats given in proportion to each gap's size. Counts
-- only (no candidate ids); read by the Cube cube matching_plan.
CREATE TABLE IF NOT EXISTS match_plan
(
    run_id String COMMENT 'match_runs.run_id',
    province_code String COMMENT 'origin province of the candidates trained',
    kind String COMMENT 'certificate | language',
    code String COMMENT 'certification scheme code, or ISO 639-1 language code',
    level UInt8 COMMENT 'language level the course leads to (0 for certificates)',
    plan_seats UInt32 COMMENT 'seats the plan gives (each to one candidate)',
    plan_candidates UInt32 COMMENT 'candidates the plan trains',
    plan_slots UInt32 COMMENT 'slots made fillable by the plan, shared over its rows (the rows add up to the gain)',
    proportional_seats UInt32 COMMENT 'seats of the budget given to this gap in proportion to its size',
    proportional_candidates UInt32 COMMENT 'candidates those seats train (fewer when certification capacity runs out)',
    proportional_slots UInt32 COMMENT 'slots made fillable by the proportional allocation, shared the same way'
)
ENGINE = MergeTree()
ORDER BY (run_id, province_code, kind, code, level);

-- Per run: the budget and the totals.
CREATE TABLE IF NOT EXISTS match_plan_runs
(
    run_id String COMMENT 'match_runs.run_id',
    budget UInt32 COMMENT 'seats of the budget (all rows)',
    seats String COMMENT 'the budget rows, JSON',
    capacity_share Float64 COMMENT 'share of each certification body''s annual assessments available to the plan',
    near_candidates UInt32 COMMENT 'waiting candidates one certificate or language level away from an open line',
    base_fillable UInt32 COMMENT 'slots fillable with no seat (optimum without fairness)',
    plan_fillable UInt32,
    proportional_fillable UInt32,
    upper_bound_fillable UInt32 COMMENT 'every near-miss candidate trained, no budget, no capacity',
    seconds Float64 COMMENT 'planner wall time (four solves)',
    solver_status String
)
ENGINE = MergeTree()
ORDER BY run_id;
