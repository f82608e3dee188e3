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
-- "which certificates do my candidates lack" has an answer even where nobody is a near miss.
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
    as_of Date
)
ENGINE = MergeTree()
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
    as_of
FROM
(
    SELECT *
    FROM
    (
        SELECT *
        FROM agg_candidate_profile
        ANY LEFT JOIN
        (
            SELECT capability_key, max(qualified) AS group_qualified
            FROM agg_capability_match
            GROUP BY capability_key
        ) USING capability_key
    )
    ANY LEFT JOIN
    (
        SELECT
            occupation_isco4 AS preferred_occupation_isco4,
            1 AS has_profile,
            tupleElement(modal, 1) AS modal_certificate,
            tupleElement(modal, 2) AS modal_language,
            tupleElement(modal, 3) AS modal_language_level,
            tupleElement(modal, 4) AS modal_education_rank,
            tupleElement(modal, 5) AS modal_experience_years
        FROM
        (
            SELECT
                occupation_isco4,
                -- most open slots first; among equals the lowest requirements, so the choice never depends on row order
                argMax(
                    (required_certificate, required_language, required_language_level, min_education_rank, min_experience_years),
                    (profile_slots, -toInt32(required_language_level), -toInt32(min_education_rank), -toInt32(min_experience_years), required_certificate = '', required_certificate, required_language)
                ) AS modal
            FROM
            (
                SELECT
                    occupation_isco4, required_certificate, required_language, required_language_level, min_education_rank, min_experience_years,
                    sum(open_slots) AS profile_slots
                FROM agg_open_requirement_profiles
                GROUP BY occupation_isco4, required_certificate, required_language, required_language_level, min_education_rank, min_experience_years
            )
            GROUP BY occupation_isco4
        )
    ) USING preferred_occupation_isco4
);
