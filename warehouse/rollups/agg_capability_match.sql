-- The matching of waiting candidates to open demand, done between groups rather than people:
-- available candidates are grouped by capability_key (occupation, accepted destinations and
-- capabilities reduced to what open demand asks about: see agg_candidate_profile), open lines
-- by requirement profile (agg_open_requirement_profiles), and each capability group is compared
-- with the profiles of its occupation in the destinations it accepts. At national scale this is
-- tens of thousands of groups against a few hundred profiles per occupation, where comparing a
-- million candidates with 70,000 lines would explode.
--
-- One row per capability group x market cell (occupation, destination, sector) the group could
-- work in. A profile is met when every requirement is: the certificate is held (or none is
-- required), the level in the required language is at least the required level, the education
-- rank and the years of experience are at least the minimum. Gender and age requirements are left
-- out on purpose: they are employer preferences that no training closes, and SPEC §4.2 defines
-- qualified supply by occupation, certificate, language and education (experience added here).
CREATE TABLE agg_capability_match
(
    capability_key UInt64,
    occupation_isco4 String,
    country_iso2 String,
    sector String,
    region_code String,
    skill_level UInt8,
    candidates UInt64 COMMENT 'available candidates in the capability group',
    qualified UInt8 COMMENT '1 = the group meets every requirement of at least one open profile in the cell',
    near_miss_certificate UInt8 COMMENT '1 = not qualified, but meets every requirement except the certificate of some open profile',
    near_miss_language UInt8 COMMENT 'same, for the language level',
    near_miss_education UInt8 COMMENT 'same, for the minimum education',
    near_miss_experience UInt8 COMMENT 'same, for the minimum experience',
    near_miss_class String COMMENT 'the first of certificate, language, experience, education the group is a near miss on; empty when qualified or none'
)
ENGINE = MergeTree()
ORDER BY (occupation_isco4, country_iso2, sector, capability_key);

INSERT INTO agg_capability_match
SELECT
    capability_key, occupation_isco4, country_iso2, sector, any(region_code), any(skill_level), any(group_candidates),
    max(meets_certificate AND meets_language AND meets_education AND meets_experience) AS is_qualified,
    toUInt8(is_qualified = 0 AND max(meets_certificate = 0 AND meets_language AND meets_education AND meets_experience)) AS nm_certificate,
    toUInt8(is_qualified = 0 AND max(meets_certificate AND meets_language = 0 AND meets_education AND meets_experience)) AS nm_language,
    toUInt8(is_qualified = 0 AND max(meets_certificate AND meets_language AND meets_education = 0 AND meets_experience)) AS nm_education,
    toUInt8(is_qualified = 0 AND max(meets_certificate AND meets_language AND meets_education AND meets_experience = 0)) AS nm_experience,
    multiIf(nm_certificate, 'certificate', nm_language, 'language', nm_experience, 'experience', nm_education, 'education', '')
FROM
(
    SELECT
        capability_key, occupation_isco4, country_iso2, sector, region_code, skill_level, group_candidates,
        required_certificate = '' OR has(group_certificates, required_certificate) AS meets_certificate,
        required_language = '' OR group_language_levels[indexOf(group_languages, required_language)] >= required_language_level AS meets_language,
        group_education_rank >= min_education_rank AS meets_education,
        group_experience_years >= min_experience_years AS meets_experience
    FROM
    (
        SELECT
            capability_key,
            any(preferred_occupation_isco4) AS occupation_isco4,
            any(cap_countries) AS group_countries,
            any(cap_certificates) AS group_certificates,
            any(cap_languages) AS group_languages,
            any(cap_language_levels) AS group_language_levels,
            any(cap_education_rank) AS group_education_rank,
            any(cap_experience_years) AS group_experience_years,
            count() AS group_candidates
        FROM agg_candidate_profile
        WHERE available = 1
        GROUP BY capability_key
    )
    ALL INNER JOIN
    (
        SELECT
            occupation_isco4, country_iso2, sector, region_code, skill_level,
            required_certificate, required_language, required_language_level, min_education_rank, min_experience_years
        FROM agg_open_requirement_profiles
    ) USING occupation_isco4
    WHERE has(group_countries, '*') OR has(group_countries, country_iso2)
)
GROUP BY capability_key, occupation_isco4, country_iso2, sector;
