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
    as_of Date
)
ENGINE = MergeTree()
PARTITION BY capability_key % 16
ORDER BY (province_code, regency_code, candidate_id);

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
