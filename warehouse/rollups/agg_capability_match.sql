-- The matching of waiting candidates to open demand, done between groups rather than people:
-- available candidates are grouped by capability_key (occupation, accepted destinations and
-- capabilities reduced to what open demand asks about: see agg_candidate_profile), open lines
-- by requirement profile (agg_open_requirement_profiles), and each capability group is compared
-- with the profiles of its occupation in the destinations it accepts. At national scale this is
-- tens of thousands of groups against a few hundred profiles per occupation, where comparing a
-- million candidates with 70,000 lines would explode.
--
-- One row per capability group x market cell (occupation, destination, sector) the group could
-- work in: an occupation the group can serve (its own or a related one) in a destination it
-- accepts. A profile is met when every requirement of the one eligibility is
-- (warehouse/src/matching/eligibility.ts, spliced in by the {eligibility:…} placeholders):
-- certificate held and valid, language level, education, experience, and the line's gender and
-- age range. Near misses are counted on certificate, language, education and experience only
-- (what training or time closes); a group short of a gender or age requirement is not a near
-- miss on that profile.
--
-- Every row depends on one capability group (its available candidates share a capability_key)
-- and on the open requirement profiles. So the table is split into 16 partitions by
-- capability_key: a batch recomputes only the partitions of the groups whose members or
-- capabilities changed, copying the others (warehouse/rollups/README.md). A group reads only the
-- open profiles of the occupations its members can serve, so a change of the open requirement
-- profiles (not of their slot counts) of some occupations recomputes only the groups of the
-- candidate occupations that can serve one of them, keeping every other row (the `scope of` line).
-- Only the columns read below count, so a candidate's dates or pipeline changing without changing
-- availability or capabilities change no partition. When agg_candidate_profile recomputed only some
-- candidates, only their groups (before and after) are recomputed, the partition's other rows kept
-- (the `changed keys` line).
-- partitions: capability_key % 16 of agg_candidate_profile
-- changed keys: capability_key
-- reads of agg_candidate_profile: capability_key, available, preferred_occupation_isco4, servable_occupations, cap_countries, cap_certificates, cap_languages, cap_language_levels, cap_education_rank, cap_experience_years, cap_gender, cap_age
-- reads of agg_open_requirement_profiles: occupation_isco4, country_iso2, sector, region_code, skill_level, required_certificate, required_language, required_language_level, min_education_rank, min_experience_years, gender_requirement, age_min, age_max
-- scope of agg_open_requirement_profiles: the capability_key whose preferred_occupation_isco4 is in arrayJoin({eligibility:servable_occupations(occupation_isco4)})
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
PARTITION BY capability_key % 16
ORDER BY (occupation_isco4, country_iso2, sector, capability_key);

INSERT INTO agg_capability_match
SELECT
    capability_key, occupation_isco4, country_iso2, sector, any(region_code), any(skill_level), any(group_candidates),
    max(meets_certificate AND meets_language AND meets_education AND meets_experience AND meets_person) AS is_qualified,
    toUInt8(is_qualified = 0 AND max(meets_certificate = 0 AND meets_language AND meets_education AND meets_experience AND meets_person)) AS nm_certificate,
    toUInt8(is_qualified = 0 AND max(meets_certificate AND meets_language = 0 AND meets_education AND meets_experience AND meets_person)) AS nm_language,
    toUInt8(is_qualified = 0 AND max(meets_certificate AND meets_language AND meets_education = 0 AND meets_experience AND meets_person)) AS nm_education,
    toUInt8(is_qualified = 0 AND max(meets_certificate AND meets_language AND meets_education AND meets_experience = 0 AND meets_person)) AS nm_experience,
    multiIf(nm_certificate, 'certificate', nm_language, 'language', nm_experience, 'experience', nm_education, 'education', '')
FROM
(
    SELECT
        capability_key, occupation_isco4, country_iso2, sector, region_code, skill_level, group_candidates,
        {eligibility:certificate(group_certificates, required_certificate)} AS meets_certificate,
        {eligibility:language(group_languages, group_language_levels, required_language, required_language_level)} AS meets_language,
        {eligibility:education(group_education_rank, min_education_rank)} AS meets_education,
        {eligibility:experience(group_experience_years, min_experience_years)} AS meets_experience,
        {eligibility:gender(group_gender, gender_requirement)} AND {eligibility:age(group_age, age_min, age_max)} AS meets_person
    FROM
    (
        -- one row per group and occupation it can serve
        SELECT arrayJoin(group_occupations) AS occupation_isco4, *
        FROM
        (
            SELECT
                capability_key,
                any(preferred_occupation_isco4) AS group_occupation,
                any(servable_occupations) AS group_occupations,
                any(cap_countries) AS group_countries,
                any(cap_certificates) AS group_certificates,
                any(cap_languages) AS group_languages,
                any(cap_language_levels) AS group_language_levels,
                any(cap_education_rank) AS group_education_rank,
                any(cap_experience_years) AS group_experience_years,
                any(cap_gender) AS group_gender,
                any(cap_age) AS group_age,
                count() AS group_candidates
            FROM agg_candidate_profile
            WHERE available = 1 AND {in_partitions}
            GROUP BY capability_key
        )
    )
    ALL INNER JOIN
    (
        SELECT
            occupation_isco4, country_iso2, sector, region_code, skill_level,
            required_certificate, required_language, required_language_level, min_education_rank, min_experience_years,
            gender_requirement, age_min, age_max
        FROM agg_open_requirement_profiles
    ) USING occupation_isco4
    WHERE {eligibility:occupation(group_occupation, occupation_isco4)} AND {eligibility:destination(group_countries, country_iso2)}
)
GROUP BY capability_key, occupation_isco4, country_iso2, sector;
