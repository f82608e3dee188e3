-- Early-warning alerts (warehouse/src/forecast/alerts.ts, refresh-alerts.ts; docs/forecasting.md
-- "Early warning"): written by refreshAlerts() after the forecasts in the after-load path, one run
-- per data version; Cube reads the latest run (cube/model/alerts.js). Old runs are deleted by the
-- same function, keeping the last few. Acknowledgements are written by the web app (minister and
-- directors) and kept for good: they refer to an alert by its stable alert_id.
CREATE TABLE IF NOT EXISTS alert_runs
(
    run_id String,
    data_version String COMMENT 'the data version of the forecasts (forecast_runs.data_version)',
    method_version String COMMENT 'alertMethod() of warehouse/src/forecast/alerts.ts: the rules'' version and settings',
    as_of Date,
    last_complete_month Date COMMENT 'the last month checked',
    alerts UInt32,
    duration_ms UInt32,
    computed_at DateTime COMMENT 'UTC',
    build_ms UInt64
)
ENGINE = MergeTree()
ORDER BY (build_ms, run_id);

CREATE TABLE IF NOT EXISTS alerts
(
    run_id String,
    alert_id String COMMENT 'sha256 of market, measure, rule, direction and since: stable across runs',
    level String COMMENT 'country | country_sector',
    country_iso2 String,
    sector String COMMENT 'empty at country level',
    measure String COMMENT 'slots | applications | placements | fill_rate (placements per 100 demand slots of the month)',
    rule String COMMENT 'interval (2 consecutive months outside the forecast interval) | change_point (CUSUM)',
    direction String COMMENT 'up | down',
    since Date COMMENT 'first month of the movement',
    through Date COMMENT 'last month of the movement',
    detected Date COMMENT 'the month in which the rule fired',
    months UInt8 COMMENT 'months since..through',
    actual Float64 COMMENT 'sum over since..through (fill rate: mean)',
    expected Float64 COMMENT 'sum of the one-month-ahead forecasts over since..through (fill rate: mean)',
    lo80 Float64 COMMENT '80 % interval of the month through',
    hi80 Float64,
    occupations String COMMENT 'JSON [[isco4, change]]: the occupations that moved most, since..through against a year earlier',
    provinces String COMMENT 'JSON [[province_code, change]]: origin provinces that moved most (applications, placements, fill rate)',
    requirements String COMMENT 'JSON [[requirement, slots]]: the competency gap of the market now by missing requirement (agg_competency_gap)',
    as_of Date
)
ENGINE = MergeTree()
ORDER BY (run_id, alert_id);

CREATE TABLE IF NOT EXISTS alert_acks
(
    alert_id String,
    acknowledged_by String COMMENT 'user name of the minister or director',
    role String,
    acknowledged_at DateTime COMMENT 'UTC',
    acknowledged_ms UInt64
)
ENGINE = MergeTree()
ORDER BY (alert_id, acknowledged_ms);
