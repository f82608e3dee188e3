-- Reference data (dim_*), reloaded from common/reference/ by the loader on every start: the CSVs
-- and npm packages there are the source, these tables are copies that Cube joins for names.
CREATE TABLE IF NOT EXISTS dim_regions
(
    region_code String COMMENT 'world region used in SLMI reporting (east_asia, middle_east, …)',
    name_en String,
    name_id String
)
ENGINE = MergeTree() ORDER BY region_code;

CREATE TABLE IF NOT EXISTS dim_countries
(
    country_iso2 String COMMENT 'ISO 3166-1 alpha-2',
    country_iso3 String COMMENT 'ISO 3166-1 alpha-3',
    country_numeric String COMMENT 'ISO 3166-1 numeric, 3 digits (world-atlas feature id)',
    name_en String,
    name_id String COMMENT 'Indonesian name',
    region_code String
)
ENGINE = MergeTree() ORDER BY country_iso2;

CREATE TABLE IF NOT EXISTS dim_provinces
(
    province_code String COMMENT 'Kemendagri code, 11–96 (Kepmendagri 100.1.1-6117/2022: six Papua provinces 91–96)',
    province_bps String COMMENT 'BPS code (differs from Kemendagri for the Papua provinces)',
    province_iso String COMMENT 'ISO 3166-2:ID',
    name String,
    island_group String,
    population UInt64 COMMENT 'mid-2024 population (BPS projection)',
    working_age_population UInt64 COMMENT 'population aged 15–64, the per-capita denominator'
)
ENGINE = MergeTree() ORDER BY province_code;

CREATE TABLE IF NOT EXISTS dim_regencies
(
    regency_code String COMMENT 'Kemendagri code PP.RR (e.g. 32.12 Indramayu), from idn-area-data',
    province_code String,
    name String,
    short_name String,
    kind String COMMENT 'kabupaten or kota'
)
ENGINE = MergeTree() ORDER BY regency_code;

CREATE TABLE IF NOT EXISTS dim_sectors
(
    sector_code String,
    name_en String,
    name_id String,
    formal UInt8 COMMENT '1 = formal-sector employment, 0 = informal (e.g. domestic work for households)'
)
ENGINE = MergeTree() ORDER BY sector_code;

CREATE TABLE IF NOT EXISTS dim_occupations
(
    occupation_isco4 String COMMENT 'KBJI 2014 = ISCO-08 4-digit unit group',
    title_en String COMMENT 'ISCO-08 title',
    title_id String COMMENT 'KBJI 2014 title',
    skill_level UInt8 COMMENT 'ISCO-08 skill level 1–4',
    sector_code String COMMENT 'usual SISKOP2MI sector',
    priority_quick_win UInt8 COMMENT '1 = a Quick Win 2026 priority occupation'
)
ENGINE = MergeTree() ORDER BY occupation_isco4;

CREATE TABLE IF NOT EXISTS dim_education_levels
(
    education_code String,
    rank UInt8 COMMENT 'order for minimum-education comparisons (SMA and SMK share a rank)',
    name_en String,
    name_id String
)
ENGINE = MergeTree() ORDER BY education_code;

CREATE TABLE IF NOT EXISTS dim_languages
(
    language_code String COMMENT 'ISO 639-1',
    name_en String,
    name_id String,
    test_name String COMMENT 'usual proficiency test (JLPT, EPS-TOPIK, Goethe, …)'
)
ENGINE = MergeTree() ORDER BY language_code;

CREATE TABLE IF NOT EXISTS dim_certification_schemes
(
    scheme_code String,
    title_en String,
    title_id String,
    kind String COMMENT 'bnsp (competency certificate), professional (registration), licence'
)
ENGINE = MergeTree() ORDER BY scheme_code;

CREATE TABLE IF NOT EXISTS dim_scheme_occupations
(
    scheme_code String,
    occupation_isco4 String
)
ENGINE = MergeTree() ORDER BY (scheme_code, occupation_isco4);

CREATE TABLE IF NOT EXISTS dim_certification_bodies
(
    body_code String,
    name String COMMENT 'synthetic name (demo data)',
    province_code String COMMENT 'Kemendagri province where the body assesses',
    kind String,
    annual_capacity UInt32 COMMENT 'assessments a year'
)
ENGINE = MergeTree() ORDER BY body_code;

CREATE TABLE IF NOT EXISTS dim_agencies
(
    agency_code String COMMENT 'P3MI licence code (synthetic in demo data)',
    name String,
    province_code String,
    licensed_since Date
)
ENGINE = MergeTree() ORDER BY agency_code;

CREATE TABLE IF NOT EXISTS dim_schemes
(
    scheme String COMMENT 'P2P, G2G, UKPS, MANDIRI',
    name_en String,
    name_id String
)
ENGINE = MergeTree() ORDER BY scheme;

CREATE TABLE IF NOT EXISTS dim_currencies
(
    currency String COMMENT 'ISO 4217',
    usd_per_unit Float64 COMMENT 'fixed conversion rate used for wage_usd columns',
    rate_source String
)
ENGINE = MergeTree() ORDER BY currency;

CREATE TABLE IF NOT EXISTS dim_targets
(
    year UInt16,
    scope String COMMENT 'national, education, occupation, country',
    scope_code String COMMENT 'code within the scope (empty for national)',
    metric String COMMENT 'medium_high_placements (Quick Win) or placements',
    value UInt64,
    source String
)
ENGINE = MergeTree() ORDER BY (year, scope, scope_code, metric);
