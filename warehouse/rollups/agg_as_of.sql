-- The data's as-of date: the latest event date anywhere in the facts. Every "now" in the rollups
-- (open slots now, candidates waiting now, Quick Win progress so far) is read at this date, not at
-- the server's clock, so the same data always gives the same numbers (and a test data set
-- generated up to a fixed day stays valid whatever day the tests run). Expiry dates are not
-- events (they lie in the future), so they do not count.
--
-- Keyed on its rows: most batches change a fact without moving any of these dates, and then
-- neither this table nor any rollup reading it (agg_province_month, the candidate rollups' as-of)
-- is rebuilt for it (warehouse/rollups/README.md).
-- key: its rows
CREATE TABLE agg_as_of
(
    as_of Date COMMENT 'latest of the four dates below',
    lines_issued_until Date COMMENT 'max(fct_job_order_lines.issued_date)',
    applications_until Date COMMENT 'max(fct_applications.applied_date)',
    placements_until Date COMMENT 'max(fct_placements.departure_date)',
    registrations_until Date COMMENT 'max(fct_candidates.registered_date)'
)
ENGINE = MergeTree()
ORDER BY as_of;

INSERT INTO agg_as_of
SELECT greatest(greatest(l, a), greatest(p, c)) AS as_of, l, a, p, c
FROM
(
    SELECT
        (SELECT max(issued_date) FROM fct_job_order_lines) AS l,
        (SELECT max(applied_date) FROM fct_applications) AS a,
        (SELECT max(departure_date) FROM fct_placements) AS p,
        (SELECT max(registered_date) FROM fct_candidates) AS c
);
