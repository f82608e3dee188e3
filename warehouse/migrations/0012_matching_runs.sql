-- The matching engine's runs (warehouse/src/matching/, docs/matching.md). Written by runMatching()
-- after every load, read by the Cube cubes matching_markets and matching_runs (aggregates only).
-- Recommendations name pseudonymous candidate ids and stay in the warehouse: no cube reads them.
CREATE TABLE IF NOT EXISTS match_runs
(
    run_id String COMMENT 'unique per run: the run time in milliseconds and a random suffix',
    run_at DateTime COMMENT 'when the run finished (UTC)',
    as_of Date COMMENT 'agg_as_of.as_of the run read: lines open and candidates waiting then',
    seconds Float64 COMMENT 'wall time of the run: reading, solving three times, ranking',
    solver_status String COMMENT 'HiGHS model status of the fair solve',
    fairness String COMMENT 'the fairness configuration, JSON (null = off)',
    recommendations_per_slot UInt8,
    lines UInt32 COMMENT 'open lines',
    open_slots UInt32,
    candidates UInt32 COMMENT 'waiting candidates',
    line_profiles UInt32 COMMENT 'requirement profiles of the open lines (the demand nodes of the problem)',
    candidate_profiles UInt32 COMMENT 'capability group x province x gender x education group (supply nodes)',
    eligible_pairs UInt32 COMMENT 'profile pairs that meet the eligibility (the variables of the problem)',
    eligible_candidates UInt32 COMMENT 'waiting candidates eligible for at least one open line (the pool)',
    fillable_optimal UInt32 COMMENT 'slots the assignment with fairness fills',
    fillable_greedy UInt32 COMMENT 'slots first-come-first-served fills on the same data',
    fillable_unconstrained UInt32 COMMENT 'slots the optimum without fairness fills',
    recommendations UInt32
)
ENGINE = MergeTree()
ORDER BY run_at;

-- Per run, per destination x occupation.
CREATE TABLE IF NOT EXISTS match_markets
(
    run_id String,
    country_iso2 String,
    occupation_isco4 String,
    open_slots UInt32,
    eligible_candidates UInt32 COMMENT 'waiting candidates eligible for at least one open line of the cell',
    fillable_optimal UInt32,
    fillable_greedy UInt32,
    fillable_unconstrained UInt32,
    recommendations UInt32
)
ENGINE = MergeTree()
ORDER BY (run_id, country_iso2, occupation_isco4);

-- Per run, per fairness group: its pool and its recommendations.
CREATE TABLE IF NOT EXISTS match_groups
(
    run_id String,
    dimension String COMMENT 'province | gender | education',
    group_code String COMMENT 'province code, F/M, or basic/secondary/higher',
    pool UInt32 COMMENT 'waiting candidates of the group eligible for at least one open line',
    recommendations UInt32
)
ENGINE = MergeTree()
ORDER BY (run_id, dimension, group_code);

-- Per run, the ranked recommendations of each line (pseudonymous candidate ids; never through
-- Cube). Partitioned by run so older runs are dropped whole (runMatching keeps the latest three).
CREATE TABLE IF NOT EXISTS match_recommendations
(
    run_id String,
    line_id String,
    candidate_id String COMMENT 'pseudonymous',
    rank UInt16 COMMENT '1 = first on the list of the line',
    is_primary UInt8 COMMENT '1 = within the open slots of the line (the assignment), 0 = a further recommendation',
    score Float64 COMMENT 'wage, destination preference and waiting time, 0-1'
)
ENGINE = MergeTree()
PARTITION BY run_id
ORDER BY (line_id, rank);
