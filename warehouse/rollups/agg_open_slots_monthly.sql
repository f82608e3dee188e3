-- Open slots as a stock, snapshotted at every month end and at the as-of date (the snapshot of
-- the as-of month is taken at the as-of date, so every month has exactly one snapshot). A line
-- is open at T when issued_date <= T < stop_date (see agg_job_order_lines) and it still has
-- slots nobody has departed on by T.
--
-- The table is dense in time on purpose: every combination of the dimensions below has a row at
-- every snapshot from the month its first line was issued to the as-of month, with open_slots = 0
-- when nothing is open. Cube's open_slots measure sums the rows at the latest snapshot inside each
-- time bucket (a stock is "last value" over time, "sum" over everything else); the zero rows make
-- "latest snapshot in the bucket" the same for every group, so a market whose lines all closed
-- reads 0 rather than its last non-zero month.
--
-- open_slots_applied is the part of open_slots on lines that had at least one application (any
-- outcome) on or before the snapshot date: the ministry's "applied" share of open vacancies is
-- open_slots_applied / open_slots at a date (Cube open_slots.applied_share).
--
-- Every row belongs to one destination country, so the table is split into 32 partitions by
-- country and a batch recomputes only the partitions of the countries whose lines, placements or
-- applications changed (warehouse/rollups/README.md). A placement's or application's country is
-- its line's when it was loaded: its rows are fingerprinted by it, and joined to the lines whole.
-- A new as-of date changes every line row (as_of), so then every partition is recomputed.
-- partitions: cityHash64(country_iso2) % 32 of agg_job_order_lines, fct_placements, fct_applications
-- reads of agg_job_order_lines: line_id, issued_date, stop_date, slots, as_of, country_iso2, region_code, sector, occupation_isco4, skill_level, scheme, required_certificate, required_language
CREATE TABLE agg_open_slots_monthly
(
    snapshot_date Date COMMENT 'last day of the month, or the as-of date in the as-of month',
    country_iso2 String,
    region_code String,
    sector String,
    occupation_isco4 String,
    skill_level UInt8,
    scheme String,
    required_certificate String COMMENT 'empty = none',
    required_language String COMMENT 'empty = none',
    open_slots UInt64 COMMENT 'slots on lines open at snapshot_date not yet departed on',
    open_lines UInt64 COMMENT 'lines open at snapshot_date with at least one slot left',
    open_slots_applied UInt64 COMMENT 'open_slots on lines with at least one application applied on or before snapshot_date',
    open_lines_applied UInt64 COMMENT 'open_lines with at least one application applied on or before snapshot_date'
)
ENGINE = MergeTree()
PARTITION BY cityHash64(country_iso2) % 32
ORDER BY (snapshot_date, country_iso2, sector, occupation_isco4);

INSERT INTO agg_open_slots_monthly
SELECT
    snapshot_date, country_iso2, region_code, sector, occupation_isco4, skill_level, scheme, required_certificate, required_language,
    sum(line_open_slots),
    sum(line_open_slots > 0),
    sum(line_open_slots_applied),
    sum(line_open_slots_applied > 0)
FROM
(
    SELECT
        snapshot_date, country_iso2, region_code, sector, occupation_isco4, skill_level, scheme, required_certificate, required_language,
        if(issued_date <= snapshot_date AND snapshot_date < stop_date,
           greatest(toInt64(slots) - toInt64(arrayCount(d -> d <= snapshot_date, departures)), 0), 0) AS line_open_slots,
        if(ifNull(applied, 0) = 1 AND first_applied_date <= snapshot_date, line_open_slots, 0) AS line_open_slots_applied
    FROM
    (
        -- one JOIN per SELECT (18.16): departures first, then the first application of each line
        SELECT
            line_id, issued_date, stop_date, slots, as_of, country_iso2, region_code, sector, occupation_isco4, skill_level, scheme,
            required_certificate, required_language, departures, first_applied_date, applied
        FROM
        (
            SELECT
                line_id, issued_date, stop_date, slots, as_of, country_iso2, region_code, sector, occupation_isco4, skill_level, scheme,
                required_certificate, required_language, departures
            FROM
            (
                SELECT *
                FROM agg_job_order_lines
                WHERE {in_partitions}
            )
            ANY LEFT JOIN
            (
                SELECT line_id, groupArray(departure_date) AS departures
                FROM fct_placements
                GROUP BY line_id
            ) USING line_id
        )
        ANY LEFT JOIN
        (
            SELECT line_id, min(applied_date) AS first_applied_date, toUInt8(1) AS applied
            FROM fct_applications
            GROUP BY line_id
        ) USING line_id
    )
    ARRAY JOIN arrayMap(
        i -> least(addDays(addMonths(toStartOfMonth(issued_date), i + 1), -1), as_of),
        range(toUInt32(greatest(dateDiff('month', toStartOfMonth(issued_date), toStartOfMonth(as_of)) + 1, 0)))
    ) AS snapshot_date
)
GROUP BY snapshot_date, country_iso2, region_code, sector, occupation_isco4, skill_level, scheme, required_certificate, required_language;
