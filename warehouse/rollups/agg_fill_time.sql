-- Days to fill (departure date - job-order issue date) as a mergeable distribution, by departure
-- month and the filter-bar dimensions, so the median (and quartiles) are answered from this table
-- at any grain: quantileTimingMerge(0.5)(days_to_fill_state) over any set of rows is the median of
-- all their placements. quantileTiming keeps an exact histogram for values under 1,024 (days: 2.8
-- years); beyond, values are rounded to 16. For up to 5,670 placements it returns exactly what
-- quantileExact does; above that, the placement at rank ceil(level * n) instead of floor(level * n) + 1
-- (the two middle values of an even count differ by at most one rank). The quartiles use it; the
-- median does not: for an even count quantileTiming returns one of the two middle values, not their
-- mean. days_to_fill_histogram keeps the exact count of placements per number of days
-- (sumMapMerge of any set of rows is their histogram), from which the fill_time cube takes the true
-- median: the mean of the two middle values for an even count. docs/metrics.md says more.
--
-- A plain MergeTree: an AggregatingMergeTree would merge rows that share its sorting key, and the
-- sorting key here is not the full grain.
-- months: partitioned by month of fct_placements.departure_date
CREATE TABLE agg_fill_time
(
    departure_month Date COMMENT 'first day of the month',
    country_iso2 String,
    region_code String,
    province_code String COMMENT 'origin',
    sector String,
    occupation_isco4 String,
    skill_level UInt8,
    scheme String,
    gender String,
    placements UInt64,
    days_to_fill_sum UInt64,
    days_to_fill_state AggregateFunction(quantileTiming, UInt32),
    days_to_fill_histogram AggregateFunction(sumMap, Array(UInt32), Array(UInt64)) COMMENT '(days to fill, placements) pairs, keys sorted'
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(departure_month)
ORDER BY (departure_month, country_iso2, province_code, occupation_isco4);

INSERT INTO agg_fill_time
SELECT
    toStartOfMonth(departure_date), country_iso2, region_code, province_code, sector, occupation_isco4, skill_level, scheme, gender,
    count(),
    sum(days_to_fill),
    quantileTimingState(days_to_fill),
    sumMapState([toUInt32(days_to_fill)], [toUInt64(1)])
FROM fct_placements
WHERE {in_months}
GROUP BY toStartOfMonth(departure_date), country_iso2, region_code, province_code, sector, occupation_isco4, skill_level, scheme, gender;
