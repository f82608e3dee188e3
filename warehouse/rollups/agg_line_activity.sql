-- What happened on each job-order line: its applications and placements to date, one row per line
-- that has any, sorted by line_id. agg_job_order_lines and agg_open_slots_monthly read it for the
-- lines of the partitions they rebuild (`line_id IN (…)`, which the sort key narrows to the granules
-- holding those lines) instead of fct_applications and fct_placements, whose sort keys start with
-- the country and occupation: there `line_id IN (…)` read both tables whole, 1-1.4 s per refresh at
-- national scale even for a batch of job-order lines that no application or placement touched.
--
-- Every row depends on one line's applications and placements, so the table is split in 16
-- partitions by a hash of line_id and a batch of applications or placements recomputes the
-- partitions of the lines it touched (warehouse/rollups/README.md); a batch of lines only leaves it
-- unchanged. Both sides are aggregated apart and added up by line (at most one row of each per
-- line): counts add, and the dates of the side a line has none of are 1970-01-01, so max() keeps
-- the other side's. Within a changed partition, only the lines whose applications or placements
-- changed are recomputed when the fingerprints prove the others' did not (the `changed keys` line:
-- input_rows and input_hash hold the count and sum of _row_hash of the line's rows of both tables),
-- so a batch of 1,000 applications to 1,000 lines recomputes those lines, not all 16 partitions.
-- partitions: cityHash64(line_id) % 16 of fct_applications, fct_placements
-- changed keys: line_id, its inputs counted in input_rows and hashed in input_hash
CREATE TABLE agg_line_activity
(
    line_id String,
    applications UInt64 COMMENT 'applications to this line, any outcome',
    applicants UInt64 COMMENT 'distinct candidates who applied to this line',
    accepted_applications UInt64 COMMENT 'applications with outcome accepted',
    first_applied_date Date COMMENT 'earliest applied_date; 1970-01-01 when nobody applied',
    placements UInt64 COMMENT 'departures on this line',
    medium_high_placements UInt64 COMMENT 'of which medium-to-high skill',
    days_to_fill_sum UInt64 COMMENT 'sum of days from issue to departure over the placements',
    first_departure_date Date COMMENT '1970-01-01 when nobody has departed',
    last_departure_date Date COMMENT '1970-01-01 when nobody has departed',
    departures Array(Date) COMMENT 'the departure date of every placement, sorted (one order whatever the shards or threads: equal rows compare equal)',
    input_rows UInt32 COMMENT 'the line''s rows in fct_applications and fct_placements: what the row was computed from (the runner''s changed keys proof)',
    input_hash UInt64 COMMENT 'sum of _row_hash of those rows (modulo 2^64)'
)
ENGINE = MergeTree()
PARTITION BY cityHash64(line_id) % 16
ORDER BY line_id;

INSERT INTO agg_line_activity
SELECT
    line_id,
    sum(side_applications), sum(side_applicants), sum(side_accepted), max(side_first_applied),
    sum(side_placements), sum(side_medium_high), sum(side_days_to_fill), max(side_first_departure), max(side_last_departure),
    arraySort(groupArrayArray(side_departures)),
    toUInt32(sum(side_rows)), sum(side_hash)
FROM
(
    SELECT
        line_id,
        count() AS side_applications,
        uniqExact(candidate_id) AS side_applicants,
        countIf(outcome = 'accepted') AS side_accepted,
        min(applied_date) AS side_first_applied,
        toUInt64(0) AS side_placements,
        toUInt64(0) AS side_medium_high,
        toUInt64(0) AS side_days_to_fill,
        toDate(0) AS side_first_departure,
        toDate(0) AS side_last_departure,
        emptyArrayDate() AS side_departures,
        count() AS side_rows,
        sum(_row_hash) AS side_hash
    FROM fct_applications
    WHERE {in_partitions}
    GROUP BY line_id
    UNION ALL
    SELECT
        line_id,
        toUInt64(0) AS side_applications,
        toUInt64(0) AS side_applicants,
        toUInt64(0) AS side_accepted,
        toDate(0) AS side_first_applied,
        count() AS side_placements,
        sum(medium_high_skill) AS side_medium_high,
        sum(days_to_fill) AS side_days_to_fill,
        min(departure_date) AS side_first_departure,
        max(departure_date) AS side_last_departure,
        groupArray(departure_date) AS side_departures,
        count() AS side_rows,
        sum(_row_hash) AS side_hash
    FROM fct_placements
    WHERE {in_partitions}
    GROUP BY line_id
)
GROUP BY line_id;
