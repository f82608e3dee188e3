-- Forecasts (warehouse/src/forecast/, docs/forecasting.md): written by refreshForecasts() after a
-- load, one run per data version; Cube reads the latest run (cube/model/forecasts.js). Old runs
-- are deleted by the same function, keeping the last few for comparison.
CREATE TABLE IF NOT EXISTS forecast_runs
(
    run_id String COMMENT 'data_version and method version hashed, plus the build instant',
    data_version String COMMENT 'sha256 of the as-of date and the fingerprints (rows, sum of row hashes) of the facts read',
    method_version String COMMENT 'FORECAST_METHOD_VERSION of warehouse/src/forecast/refresh.ts',
    as_of Date COMMENT 'agg_as_of.as_of when computed',
    last_complete_month Date COMMENT 'the last month the models were fitted on; horizon 1 is the month after',
    series UInt32 COMMENT 'series forecast',
    duration_ms UInt32,
    computed_at DateTime COMMENT 'UTC',
    build_ms UInt64 COMMENT 'the same instant in milliseconds: orders two runs within one second'
)
ENGINE = MergeTree()
ORDER BY (build_ms, run_id);

CREATE TABLE IF NOT EXISTS forecasts
(
    run_id String,
    measure String COMMENT 'slots | applications | placements | medium_high_placements',
    level String COMMENT 'national | country | country_sector (medium_high_placements: national only)',
    country_iso2 String COMMENT 'empty at national level',
    sector String COMMENT 'empty at national and country level',
    month Date COMMENT 'first day of the forecast month',
    horizon UInt8 COMMENT 'months after the last complete month, 1-12',
    partial UInt8 COMMENT '1 = the running (as-of) month, whose actual so far is incomplete',
    point Float64 COMMENT 'reconciled median forecast: country_sector rows add up to country rows, country rows to national',
    lo80 Float64,
    hi80 Float64,
    lo95 Float64,
    hi95 Float64,
    base_point Float64 COMMENT 'the series'' own forecast before reconciliation',
    method String COMMENT 'ets | seasonal_naive | mean (fallbacks for short series)'
)
ENGINE = MergeTree()
ORDER BY (run_id, measure, level, country_iso2, sector, month);

CREATE TABLE IF NOT EXISTS forecast_year_end
(
    run_id String,
    measure String COMMENT 'placements | medium_high_placements (the Quick Win count)',
    year UInt16,
    as_of Date,
    achieved Float64 COMMENT 'the year up to the as-of date',
    point Float64 COMMENT 'median of simulated year-end totals',
    lo80 Float64,
    hi80 Float64,
    lo95 Float64,
    hi95 Float64
)
ENGINE = MergeTree()
ORDER BY (run_id, measure, year);
