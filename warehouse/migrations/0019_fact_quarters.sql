-- What each quarter of a fact table held when the pre-aggregations over it were last built
-- (warehouse/src/fact-quarters.ts, docs/ingestion.md §5a "Years of a fact"). The cubes read straight
-- off a fact table (applications, certifications, placements, trainings) are partitioned by the
-- year of a date; the after-load refresh compares each quarter's fingerprint now with the one
-- recorded here and has Cube rebuild only the partitions over the quarters that differ. Each
-- partition's refresh key reads its quarters' rows here (cube/model/shared.js factQuarterKey), a
-- lookup instead of a scan.
-- Read with argMax(fingerprint, recorded_ms): a refresh adds a row per quarter that changed (a few
-- rows; a plain MergeTree, as the cluster variant takes it: docs/cluster.md §3).
CREATE TABLE IF NOT EXISTS ops_fact_quarters
(
    fact_table String COMMENT 'fct_applications, fct_certifications, fct_placements or fct_trainings',
    quarter UInt32 COMMENT 'yyyyq of the date the cube is partitioned by (20251 = January to March 2025)',
    fingerprint String COMMENT 'count and sum of _row_hash of the rows of that quarter (0:0: none)',
    recorded_ms UInt64 COMMENT 'when the refresh recorded it (milliseconds): the latest row of a quarter holds'
)
ENGINE = MergeTree()
ORDER BY (fact_table, quarter)
