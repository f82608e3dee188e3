-- Per-capita rates: placements and registrations by province of origin and month, with the
-- province's population, dense (every province has a row in every month from the first month with
-- data to the as-of month), so that denominators include provinces with nothing to count.
--
-- The rate is per 100,000 working-age residents per year: sum of events / sum of person-years x
-- 100,000, where a month contributes working_age_population x (days covered / days in the year).
-- Person-years add up across provinces and months, so the rate of any set of provinces over any
-- run of months is a ratio of two sums; one whole year gives events per 100,000 residents, and
-- the as-of month counts only the days up to the as-of date. Populations are the BPS mid-2024
-- figures in dim_provinces for every year (no yearly series is loaded).
CREATE TABLE agg_province_month
(
    month Date COMMENT 'first day of the month',
    year UInt16,
    province_code String,
    island_group String,
    placements UInt64 COMMENT 'departures of people from the province',
    medium_high_placements UInt64,
    candidates_registered UInt64 COMMENT 'candidates registered from the province',
    population UInt64 COMMENT 'stock: the province population (dim_provinces)',
    working_age_population UInt64 COMMENT 'stock: population aged 15-64 (dim_provinces)',
    exposure_years Float64 COMMENT 'days of the month covered by the data / days in the year',
    working_age_person_years Float64 COMMENT 'working_age_population x exposure_years: the per-capita denominator'
)
ENGINE = MergeTree()
ORDER BY (month, province_code);

INSERT INTO agg_province_month
SELECT
    month, toYear(month), province_code, island_group,
    month_placements, month_medium_high, month_registered,
    population, working_age_population,
    covered_days / toDayOfYear(toDate(concat(toString(toYear(month)), '-12-31'))) AS exposure,
    working_age_population * exposure
FROM
(
    SELECT
        province_code, island_group, population, working_age_population, grid_month AS month,
        if(toStartOfMonth(grid_as_of) = grid_month, toDayOfMonth(grid_as_of), toDayOfMonth(addDays(addMonths(grid_month, 1), -1))) AS covered_days
    FROM
    (
        SELECT
            province_code, island_group, population, working_age_population,
            (SELECT as_of FROM agg_as_of) AS grid_as_of,
            (
                SELECT toStartOfMonth(least(min(departure_date), (SELECT min(registered_date) FROM fct_candidates))) FROM fct_placements
            ) AS first_month
        FROM dim_provinces
    )
    ARRAY JOIN arrayMap(
        i -> addMonths(first_month, i),
        range(toUInt32(greatest(dateDiff('month', first_month, toStartOfMonth(grid_as_of)) + 1, 0)))
    ) AS grid_month
)
ANY LEFT JOIN
(
    SELECT
        province_code, month,
        sum(is_placement) AS month_placements,
        sum(is_medium_high) AS month_medium_high,
        sum(is_registration) AS month_registered
    FROM
    (
        SELECT province_code, toStartOfMonth(departure_date) AS month, 1 AS is_placement, medium_high_skill AS is_medium_high, 0 AS is_registration
        FROM fct_placements
        UNION ALL
        SELECT province_code, toStartOfMonth(registered_date), 0, 0, 1
        FROM fct_candidates
    )
    GROUP BY province_code, month
) USING province_code, month;
