-- What open demand asks for, at the as-of date: open lines grouped by requirement profile within
-- each market cell (occupation x destination x sector). This is the demand side of the matching;
-- a national data set has some 70,000 open lines but only a few thousand distinct profiles. The
-- profile is every requirement of the one eligibility (warehouse/src/matching/eligibility.ts),
-- gender and age range included.
CREATE TABLE agg_open_requirement_profiles
(
    occupation_isco4 String,
    country_iso2 String,
    sector String,
    region_code String,
    skill_level UInt8,
    required_certificate String COMMENT 'empty = none',
    required_language String COMMENT 'empty = none',
    required_language_level UInt8 COMMENT '0 = no language; else the minimum level (1-6)',
    min_education_rank UInt8,
    min_experience_years UInt8,
    gender_requirement String COMMENT 'any | F | M',
    age_min UInt8 COMMENT 'age_min = age_max = 0: no age range',
    age_max UInt8,
    open_slots UInt64 COMMENT 'agg_job_order_lines.open_now summed',
    open_lines UInt64
)
ENGINE = MergeTree()
ORDER BY (occupation_isco4, country_iso2, sector);

INSERT INTO agg_open_requirement_profiles
SELECT
    occupation_isco4, country_iso2, sector, any(region_code), any(skill_level),
    required_certificate, required_language, required_language_level, min_education_rank, min_experience_years,
    gender_requirement, age_min, age_max,
    sum(open_now),
    count()
FROM agg_job_order_lines
WHERE open_now > 0
GROUP BY occupation_isco4, country_iso2, sector, required_certificate, required_language, required_language_level, min_education_rank, min_experience_years,
    gender_requirement, age_min, age_max;
