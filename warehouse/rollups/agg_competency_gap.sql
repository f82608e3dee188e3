-- The competency gap per market cell (occupation x destination x sector) at the as-of date:
-- open slots, qualified supply (available candidates who meet at least one open line's
-- requirements in the cell), the gap = max(0, open - qualified), and how the gap splits by what
-- the nearest candidates lack.
--
-- Near misses: candidates in the cell who are not qualified but would be with one more
-- requirement met (certificate, language level, education or experience) on some open line.
-- - near_miss_* count each requirement independently (a candidate can be a near miss on two);
-- - gap_certificate, gap_language, gap_experience, gap_education split the gap without double
--   counting: the gap is covered first by candidates who lack only a certificate (the quickest to
--   close: one assessment), then only a language level, then experience, then education; what is
--   left, gap_no_near_supply, has no near-miss candidate at all and needs new recruitment;
-- - closable_by_certification = min(gap, near_miss_certificate): the part of the gap that
--   certifying those candidates would close on its own (likewise for language training).
-- Qualified supply is per cell: a candidate who accepts two destinations counts in both, so a sum
-- across cells counts candidates once per market they could serve (the distinct count is
-- supply.qualified). The gap itself is additive: it is computed per cell, then summed.
CREATE TABLE agg_competency_gap
(
    occupation_isco4 String,
    country_iso2 String,
    sector String,
    region_code String,
    skill_level UInt8,
    open_slots UInt64,
    open_lines UInt64,
    qualified_supply UInt64,
    near_miss_certificate UInt64,
    near_miss_language UInt64,
    near_miss_education UInt64,
    near_miss_experience UInt64,
    gap UInt64 COMMENT 'max(0, open_slots - qualified_supply)',
    gap_certificate UInt64 COMMENT 'part of the gap covered by candidates who lack only a certificate',
    gap_language UInt64 COMMENT 'then by those who lack only a language level',
    gap_experience UInt64 COMMENT 'then only experience',
    gap_education UInt64 COMMENT 'then only education',
    gap_no_near_supply UInt64 COMMENT 'the rest: no candidate one requirement away',
    closable_by_certification UInt64 COMMENT 'min(gap, near_miss_certificate)',
    closable_by_language UInt64 COMMENT 'min(gap, near_miss_language)',
    as_of Date
)
ENGINE = MergeTree()
ORDER BY (occupation_isco4, country_iso2, sector);

INSERT INTO agg_competency_gap
SELECT
    occupation_isco4, country_iso2, sector, region_code, skill_level, cell_open_slots, cell_open_lines,
    cell_qualified, cell_nm_certificate, cell_nm_language, cell_nm_education, cell_nm_experience,
    greatest(toInt64(cell_open_slots) - toInt64(cell_qualified), 0) AS cell_gap,
    least(cell_gap, toInt64(cell_class_certificate)) AS g_certificate,
    least(cell_gap - g_certificate, toInt64(cell_class_language)) AS g_language,
    least(cell_gap - g_certificate - g_language, toInt64(cell_class_experience)) AS g_experience,
    least(cell_gap - g_certificate - g_language - g_experience, toInt64(cell_class_education)) AS g_education,
    cell_gap - g_certificate - g_language - g_experience - g_education,
    least(cell_gap, toInt64(cell_nm_certificate)),
    least(cell_gap, toInt64(cell_nm_language)),
    (SELECT as_of FROM agg_as_of)
FROM
(
    SELECT
        occupation_isco4, country_iso2, sector, any(region_code) AS region_code, any(skill_level) AS skill_level,
        sum(open_slots) AS cell_open_slots, sum(open_lines) AS cell_open_lines
    FROM agg_open_requirement_profiles
    GROUP BY occupation_isco4, country_iso2, sector
)
ANY LEFT JOIN
(
    SELECT
        occupation_isco4, country_iso2, sector,
        sum(candidates * qualified) AS cell_qualified,
        sum(candidates * near_miss_certificate) AS cell_nm_certificate,
        sum(candidates * near_miss_language) AS cell_nm_language,
        sum(candidates * near_miss_education) AS cell_nm_education,
        sum(candidates * near_miss_experience) AS cell_nm_experience,
        sumIf(candidates, near_miss_class = 'certificate') AS cell_class_certificate,
        sumIf(candidates, near_miss_class = 'language') AS cell_class_language,
        sumIf(candidates, near_miss_class = 'experience') AS cell_class_experience,
        sumIf(candidates, near_miss_class = 'education') AS cell_class_education
    FROM agg_capability_match
    GROUP BY occupation_isco4, country_iso2, sector
) USING occupation_isco4, country_iso2, sector;
