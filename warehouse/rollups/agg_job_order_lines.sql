-- Demand, applications and placements at ONE grain: the job-order line. Each line carries its
-- slicing attributes and its outcomes to date, so "application rate" and "fill rate" are ratios
-- of sums over the same set of lines (the lines issued in the period) and can never fan out:
-- there is no join at query time, and a line's applications and placements are counted once,
-- whatever it is grouped by. See docs/metrics.md, "The common grain".
--
-- Every row depends on one line: its source row, its applications and its placements (joined by
-- line_id), and the as-of date. So the table is split by the quarter the line was issued in
-- (yyyyq, about 36 partitions) and a batch recomputes only the quarters of the lines whose rows,
-- applications or placements changed, copying the others (warehouse/rollups/README.md); a new
-- as-of date rebuilds it whole. By quarter, not by a hash of line_id: a batch's lines are new or
-- recent ones, so even a batch of 1,000 lines touches one or two quarters, where it touched all 16
-- hash partitions. Applications and placements are fingerprinted by the issue date of their line
-- as they carry it (copied at load time), and read for the lines of the rebuilt quarters by
-- line_id ({keys_in_partitions:line_id}), so one carrying a stale date (its line's date corrected
-- later) is still counted with its line, as in a whole build. They are read through
-- agg_line_activity (one row per line, sorted by line_id), so that read costs the rebuilt lines
-- only; their own sort keys start with the country, where line_id IN (…) read both tables whole.
--
-- A row is one line's: a batch of new lines (line ids the quarter does not hold yet, nothing else of
-- the quarter changed) adds their rows alone to the quarter's copy instead of recomputing it (the
-- `new keys` line; the fingerprints prove the change is only those rows, else the quarter is
-- recomputed: warehouse/rollups/README.md).
-- partitions: toYear(issued_date) * 10 + toQuarter(issued_date) of fct_job_order_lines, fct_applications, fct_placements
-- partition of fct_applications: toYear(line_issued_date) * 10 + toQuarter(line_issued_date)
-- partition of fct_placements: toYear(line_issued_date) * 10 + toQuarter(line_issued_date)
-- through agg_line_activity: fct_applications, fct_placements
-- new keys: line_id of fct_job_order_lines
-- reads of agg_as_of: as_of
CREATE TABLE agg_job_order_lines
(
    line_id String,
    job_order_id String,
    issued_date Date,
    expiry_date Date COMMENT 'last day the line accepts candidates',
    status String COMMENT 'open | filled | closed | cancelled, as in the latest source version',
    stop_date Date COMMENT 'first day the line is no longer open: the day after expiry, or the status date of a filled / closed / cancelled line (its version date when the source gave none), whichever is earlier',
    source String,
    scheme String,
    country_iso2 String,
    region_code String,
    agency_code String,
    employer_id String,
    sector String,
    occupation_isco4 String,
    skill_level UInt8,
    formal UInt8,
    slots UInt32 COMMENT 'workers demanded',
    wage_min_usd Float64,
    wage_max_usd Float64,
    wage_mid_usd Float64 COMMENT 'midpoint of the offered monthly wage range, USD',
    required_certificate String COMMENT 'certification scheme code, empty = none',
    required_language String COMMENT 'ISO 639-1, empty = none',
    required_language_level UInt8 COMMENT '0 when no language is required; at least 1 when one is (a named language at level 0 means "some")',
    min_education String,
    min_education_rank UInt8,
    min_experience_years UInt8,
    gender_requirement String,
    age_min UInt8,
    age_max UInt8,
    applications UInt32 COMMENT 'applications to this line up to the as-of date',
    applicants UInt32 COMMENT 'distinct candidates who applied to this line',
    accepted_applications UInt32 COMMENT 'applications with outcome accepted',
    placements UInt32 COMMENT 'departures on this line up to the as-of date',
    medium_high_placements UInt32 COMMENT 'of which medium-to-high skill',
    days_to_fill_sum UInt64 COMMENT 'sum of days from issue to departure over the placements',
    first_departure_date Date COMMENT '1970-01-01 when nobody has departed',
    last_departure_date Date COMMENT '1970-01-01 when nobody has departed',
    open_now UInt32 COMMENT 'slots still open at the as-of date: slots - placements if the line is open then, else 0',
    as_of Date COMMENT 'agg_as_of.as_of at build time'
)
ENGINE = MergeTree()
PARTITION BY toYear(issued_date) * 10 + toQuarter(issued_date)
ORDER BY (country_iso2, sector, occupation_isco4, issued_date, line_id);

INSERT INTO agg_job_order_lines
SELECT
    line_id, job_order_id, issued_date, expiry_date, status, stop_date, source, scheme, country_iso2, region_code, agency_code, employer_id,
    sector, occupation_isco4, skill_level, formal, slots, wage_min_usd, wage_max_usd, (wage_min_usd + wage_max_usd) / 2,
    required_certificate, required_language, norm_language_level, min_education, min_education_rank, min_experience_years,
    gender_requirement, age_min, age_max,
    line_applications, line_applicants, line_accepted,
    line_placements, line_medium_high, line_days_to_fill, line_first_departure, line_last_departure,
    if(issued_date <= line_as_of AND line_as_of < stop_date AND line_placements < slots, slots - line_placements, 0),
    line_as_of
FROM
(
    SELECT
        line_id, job_order_id, issued_date, expiry_date, status,
        least(expiry_date + 1, if(status = 'open', expiry_date + 1, ifNull(status_date, toDate(updated_at)))) AS stop_date,
        source, scheme, country_iso2, region_code, agency_code, employer_id, sector, occupation_isco4, skill_level, formal, slots,
        wage_min_usd, wage_max_usd, required_certificate, required_language,
        if(required_language = '', 0, greatest(required_language_level, 1)) AS norm_language_level,
        min_education, min_education_rank, min_experience_years, gender_requirement, age_min, age_max,
        (SELECT as_of FROM agg_as_of) AS line_as_of
    FROM fct_job_order_lines
    WHERE {in_partitions}
)
ANY LEFT JOIN
(
    SELECT
        line_id,
        applications AS line_applications,
        applicants AS line_applicants,
        accepted_applications AS line_accepted,
        placements AS line_placements,
        medium_high_placements AS line_medium_high,
        days_to_fill_sum AS line_days_to_fill,
        first_departure_date AS line_first_departure,
        last_departure_date AS line_last_departure
    FROM agg_line_activity
    WHERE {keys_in_partitions:line_id}
) USING line_id;
