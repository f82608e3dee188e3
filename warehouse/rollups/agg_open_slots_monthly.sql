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
-- its line's when it was loaded: its rows are fingerprinted by it, and read for the lines of the
-- rebuilt partitions by line_id ({keys_in_partitions:line_id}), so one whose line moved to another
-- country since is still joined to it, as in a whole build. They are read through
-- agg_line_activity (one row per line, sorted by line_id: the departures and the first application
-- date), so that read costs the rebuilt lines only. A new as-of date changes every line row
-- (as_of), so then every partition is recomputed.
--
-- Each line is expanded only over the snapshots of the months it is open in; the zero rows come
-- from one row per slice and snapshot since the slice's first issue month (the UNION ALL below).
-- Expanding every line over every month since its issue (a 2018 line: 100 snapshots) took 13-32 s
-- for a whole build at national scale; this takes 3-5 s, with the same rows.
--
-- Every measure is a sum over lines, and the zero rows of a slice start at its first issue month:
-- so the lines agg_job_order_lines added to its copy in this refresh (new lines, the `new keys`
-- line) add their own rows — their expansion, and zero rows from their own issue months — to the
-- copy of their country's partition, when nothing else of that partition changed (the fingerprints
-- prove it). The table then holds more than one row for some keys until the partition is next
-- recomputed; the sum per key is what a rebuild gives, and every reader sums (Cube's open_slots
-- measures sum the rows at the latest snapshot).
-- partitions: cityHash64(country_iso2) % 32 of agg_job_order_lines, fct_placements, fct_applications
-- through agg_line_activity: fct_applications, fct_placements
-- new keys: line_id of agg_job_order_lines
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
    -- each line at the snapshots of the months it is open in (from its issue month to the month of
    -- its last open day, capped at the as-of date): where it is not open it adds nothing
    SELECT
        snapshot_date, country_iso2, region_code, sector, occupation_isco4, skill_level, scheme, required_certificate, required_language,
        toInt64(if(issued_date <= snapshot_date AND snapshot_date < stop_date,
           greatest(toInt64(slots) - toInt64(arrayCount(d -> d <= snapshot_date, departures)), 0), 0)) AS line_open_slots,
        toInt64(if(ifNull(applied, 0) = 1 AND first_applied_date <= snapshot_date, line_open_slots, 0)) AS line_open_slots_applied
    FROM
    (
        SELECT
            line_id, issued_date, stop_date, slots, as_of, country_iso2, region_code, sector, occupation_isco4, skill_level, scheme, required_certificate, required_language, departures, first_applied_date, applied
        FROM
        (
            SELECT *
            FROM agg_job_order_lines
            WHERE {in_partitions}
        )
        ANY LEFT JOIN
        (
            -- the line's departures and first application (applied = 0 when nobody applied)
            SELECT line_id, departures, first_applied_date, toUInt8(applications > 0) AS applied
            FROM agg_line_activity
            WHERE {keys_in_partitions:line_id}
        ) USING line_id
    )
    ARRAY JOIN arrayMap(
        i -> least(addDays(addMonths(toStartOfMonth(issued_date), i + 1), -1), as_of),
        range(toUInt32(greatest(dateDiff('month', toStartOfMonth(issued_date), toStartOfMonth(least(stop_date - 1, as_of))) + 1, 0)))
    ) AS snapshot_date
    UNION ALL
    -- the zero rows that make the table dense: every slice at every snapshot from the month its
    -- first line was issued to the as-of month
    SELECT
        snapshot_date, country_iso2, region_code, sector, occupation_isco4, skill_level, scheme, required_certificate, required_language, toInt64(0) AS line_open_slots, toInt64(0) AS line_open_slots_applied
    FROM
    (
        SELECT country_iso2, region_code, sector, occupation_isco4, skill_level, scheme, required_certificate, required_language, min(issued_date) AS first_issued, any(as_of) AS slice_as_of
        FROM agg_job_order_lines
        WHERE {in_partitions}
        GROUP BY country_iso2, region_code, sector, occupation_isco4, skill_level, scheme, required_certificate, required_language
    )
    ARRAY JOIN arrayMap(
        i -> least(addDays(addMonths(toStartOfMonth(first_issued), i + 1), -1), slice_as_of),
        range(toUInt32(greatest(dateDiff('month', toStartOfMonth(first_issued), toStartOfMonth(slice_as_of)) + 1, 0)))
    ) AS snapshot_date
)
GROUP BY snapshot_date, country_iso2, region_code, sector, occupation_isco4, skill_level, scheme, required_certificate, required_language;
