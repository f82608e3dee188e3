-- Supply: one row per registered candidate with origin, profile, pipeline flags and dates (from
-- agg_candidate_profile), whether they are qualified for open demand now, and - for those waiting
-- but not qualified - what they lack against the most common open requirement profile of their
-- occupation.
--
-- qualified: available, and meets every requirement (certificate, language level, education,
-- experience) of at least one line open at the as-of date for their preferred occupation in a
-- destination they accept (agg_capability_match).
--
-- The most common profile of an occupation is the requirement combination with the most open
-- slots across all destinations (ties: the lowest requirements win, deterministically). The
-- lacking_* flags compare a waiting, not-qualified candidate with it one requirement at a time, so
-- "which certificates do my candidates lack" has an answer even where nobody is a near miss
-- (agg_modal_requirements).
--
-- Every row depends on one candidate's profile, the group_qualified of their capability group and
-- their occupation's most common profile. So the table is split into 16 partitions by
-- capability_key: a batch recomputes only the partitions whose candidate profiles or capability
-- groups' qualified flags changed, copying the others (warehouse/rollups/README.md); when some
-- occupations' most common open profile changes, only the capability groups of candidates
-- preferring one of them are recomputed, every other row kept (the `scope of` line; a group has
-- one preferred occupation, part of its capability_key). Only the columns of agg_candidate_profile it
-- reads count (the `reads of` line): a candidate's new fact row that changes none of them, e.g. a
-- failed exam before their latest activity, leaves its partition as it is. When the rollups it reads
-- recomputed only some candidates or groups, only the capability groups of those rows are
-- recomputed, the partition's other rows kept (the `changed keys` line).
-- Supply's pre-aggregations (cube/model/supply.js) are partitioned by the year of registered_date,
-- and a refresh has Cube rebuild only the years whose rows changed: each row carries _row_hash
-- (computed by ClickHouse as the row is written, also when a partition's rows are copied), so the
-- refresh tells the changed quarters from count() and sum(_row_hash) per quarter, a scan of two
-- columns (warehouse/src/fact-quarters.ts), and the table is sorted by registered_date first, so
-- a year's build reads that year's rows only (0.56 s instead of 1.1 s for 2025's 518 k of 3.0 M
-- rows nationally; the whole table 3.6-4.0 s either way).
-- partitions: capability_key % 16 of agg_candidate_profile, agg_capability_match
-- changed keys: capability_key
-- reads of agg_candidate_profile: candidate_id, registered_date, province_code, regency_code, gender, age_band, education, education_rank, smk, smk_major, preferred_occupation_isco4, preferred_sector, preferred_skill_level, preferred_countries, experience_years, language_codes, language_levels, best_language_code, best_language_level, certificates, valid_certificates, trained, first_trained_date, certified, first_certified_date, applied, first_applied_date, placed, first_placed_date, stale, available, pipeline_stage, capability_key, as_of
-- reads of agg_capability_match: capability_key, qualified
-- scope of agg_modal_requirements: the capability_key whose preferred_occupation_isco4 is in occupation_isco4
CREATE TABLE agg_candidate_state
(
    candidate_id String,
    registered_date Date,
    province_code String,
    regency_code String,
    gender String,
    age_band String COMMENT 'at registration',
    education String,
    education_rank UInt8,
    smk UInt8,
    smk_major String,
    preferred_occupation_isco4 String,
    preferred_sector String,
    preferred_skill_level UInt8,
    preferred_countries Array(String) COMMENT 'empty = any destination',
    accepts_any_country UInt8,
    best_language_code String,
    best_language_level UInt8,
    certificates Array(String),
    certificates_passed UInt16,
    experience_years UInt8,
    trained UInt8,
    first_trained_date Date COMMENT '1970-01-01 = never',
    certified UInt8,
    first_certified_date Date COMMENT '1970-01-01 = never',
    applied UInt8,
    first_applied_date Date COMMENT '1970-01-01 = never',
    placed UInt8,
    first_placed_date Date COMMENT '1970-01-01 = never',
    pipeline_stage String COMMENT 'registered, trained, certified, applied, placed (furthest reached)',
    stale UInt8 COMMENT 'no activity in the 730 days before the as-of date',
    available UInt8 COMMENT 'waiting: not placed and not stale',
    qualified UInt8 COMMENT 'available and meets every requirement of at least one open line of their occupation in a destination they accept',
    lacking_certificate UInt8 COMMENT 'available, not qualified, and lacks a valid certificate of the scheme the most common open profile of their occupation requires',
    lacking_language UInt8,
    lacking_education UInt8,
    lacking_experience UInt8,
    missing_certificate String COMMENT 'the certificate lacked (scheme code), empty when none',
    missing_language String COMMENT 'the language lacked (at the required level), empty when none',
    capability_key UInt64 COMMENT 'the candidate''s capability group (agg_candidate_profile); the table is partitioned by it',
    as_of Date,
    _row_hash UInt64 MATERIALIZED cityHash64(
        candidate_id, registered_date, province_code, regency_code, gender, age_band, education, education_rank, smk, smk_major,
        preferred_occupation_isco4, preferred_sector, preferred_skill_level, preferred_countries, accepts_any_country,
        best_language_code, best_language_level, certificates, certificates_passed, experience_years,
        trained, first_trained_date, certified, first_certified_date, applied, first_applied_date, placed, first_placed_date,
        pipeline_stage, stale, available, qualified, lacking_certificate, lacking_language, lacking_education, lacking_experience,
        missing_certificate, missing_language, capability_key, as_of) COMMENT 'the row''s fingerprint, per quarter of registered_date: which of supply''s year partitions a refresh rebuilds'
)
ENGINE = MergeTree()
PARTITION BY capability_key % 16
ORDER BY (registered_date, province_code, regency_code, candidate_id);

INSERT INTO agg_candidate_state
SELECT
    candidate_id, registered_date, province_code, regency_code, gender, age_band, education, education_rank, smk, smk_major,
    preferred_occupation_isco4, preferred_sector, preferred_skill_level, preferred_countries, toUInt8(empty(preferred_countries)),
    best_language_code, best_language_level, certificates, length(certificates), experience_years,
    trained, first_trained_date, certified, first_certified_date, applied, first_applied_date, placed, first_placed_date,
    pipeline_stage, stale, available,
    toUInt8(available AND group_qualified) AS is_qualified,
    toUInt8(available AND is_qualified = 0 AND has_profile AND modal_certificate != '' AND has(valid_certificates, modal_certificate) = 0) AS lacks_certificate,
    toUInt8(available AND is_qualified = 0 AND has_profile AND modal_language != ''
        AND language_levels[indexOf(language_codes, modal_language)] < modal_language_level) AS lacks_language,
    toUInt8(available AND is_qualified = 0 AND has_profile AND education_rank < modal_education_rank),
    toUInt8(available AND is_qualified = 0 AND has_profile AND experience_years < modal_experience_years),
    if(lacks_certificate, modal_certificate, ''),
    if(lacks_language, modal_language, ''),
    capability_key,
    as_of
FROM
(
    SELECT *
    FROM
    (
        SELECT *
        FROM
        (
            SELECT *
            FROM agg_candidate_profile
            WHERE {in_partitions}
        )
        ANY LEFT JOIN
        (
            SELECT capability_key, max(qualified) AS group_qualified
            FROM agg_capability_match
            WHERE {in_partitions}
            GROUP BY capability_key
        ) USING capability_key
    )
    ANY LEFT JOIN
    (
        SELECT
            occupation_isco4 AS preferred_occupation_isco4,
            1 AS has_profile,
            modal_certificate, modal_language, modal_language_level, modal_education_rank, modal_experience_years
        FROM agg_modal_requirements
    ) USING preferred_occupation_isco4
);
