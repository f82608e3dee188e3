-- What open demand asks of the candidates of each occupation, at the as-of date: for every
-- occupation a candidate may prefer, what the open requirement profiles of every occupation they
-- can serve ask about (the related set is symmetric, so the candidate occupations that can serve a
-- line's occupation are servable_occupations of it; eligibility.ts). agg_candidate_profile reduces
-- each candidate's capabilities to this row (its cap_* columns), so a candidate's cap_* change
-- only when the row of their occupation does: its `scope of` line recomputes only the candidates
-- of the occupations whose row changed. A requirement profile new to open demand that asks nothing
-- new of an occupation (a destination, certificate, language, age boundary it already had; lower
-- education or experience) changes no row. Arrays are sorted, so equal demand hashes equal.
CREATE TABLE agg_occupation_demand
(
    preferred_occupation_isco4 String COMMENT 'a candidate occupation (one row for each occupation some open profile can be served by)',
    demand_countries Array(String) COMMENT 'destinations with open demand it can serve, sorted',
    demand_certificates Array(String) COMMENT 'certificates some such open profile requires, sorted',
    demand_languages Array(String) COMMENT 'languages some such open profile requires, sorted',
    demand_max_education_rank UInt8 COMMENT 'highest minimum education rank asked',
    demand_max_experience UInt8 COMMENT 'highest minimum experience asked (years)',
    demand_gender_required UInt8 COMMENT '1 = some such open profile asks for a gender',
    demand_age_bounds Array(UInt32) COMMENT 'age_min and age_max + 1 of every such profile, sorted: the boundaries of its age ranges'
)
ENGINE = MergeTree()
ORDER BY preferred_occupation_isco4;

INSERT INTO agg_occupation_demand
SELECT
    preferred_occupation_isco4,
    arraySort(groupUniqArray(country_iso2)),
    arraySort(groupUniqArrayIf(required_certificate, required_certificate != '')),
    arraySort(groupUniqArrayIf(required_language, required_language != '')),
    max(min_education_rank),
    max(min_experience_years),
    max(gender_requirement IN ('F', 'M')),
    arraySort(groupUniqArrayArray([toUInt16(age_min), toUInt16(age_max) + 1]))
FROM
(
    SELECT arrayJoin({eligibility:servable_occupations(occupation_isco4)}) AS preferred_occupation_isco4, *
    FROM agg_open_requirement_profiles
)
GROUP BY preferred_occupation_isco4;
