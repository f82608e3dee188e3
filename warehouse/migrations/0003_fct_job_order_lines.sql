-- Demand: one row per job-order line (a position with N slots). Source fields as delivered
-- (common/formats.ts), plus attributes the loader adds from the dimensions so that Cube slices
-- without joins. Sorted by the filters a country director uses first (country, sector,
-- occupation), then date; the natural key last keeps rows of one line together.
CREATE TABLE IF NOT EXISTS fct_job_order_lines
(
    line_id String COMMENT 'natural key',
    job_order_id String,
    updated_at DateTime COMMENT 'source version; a later version of a line replaces the earlier one',
    issued_date Date,
    expiry_date Date,
    status String COMMENT 'open | filled | closed | cancelled, as in the source at updated_at',
    status_date Nullable(Date) COMMENT 'when a closed or cancelled line stopped taking candidates',
    source String COMMENT 'siskop2mi | embassy | g2g',
    scheme String COMMENT 'P2P | G2G | UKPS | MANDIRI',
    country_iso2 String COMMENT 'destination, ISO 3166-1 alpha-2',
    region_code String COMMENT 'destination world region (from dim_countries)',
    employer_id String COMMENT 'pseudonymous employer id',
    agency_code String COMMENT 'P3MI agency, empty for G2G / MANDIRI',
    sector String COMMENT 'SISKOP2MI sector code',
    occupation_isco4 String COMMENT 'KBJI 2014 / ISCO-08 unit group',
    skill_level UInt8 COMMENT 'ISCO-08 skill level 1–4 (from dim_occupations)',
    formal UInt8 COMMENT '1 = formal sector (from dim_sectors)',
    slots UInt32 COMMENT 'workers demanded',
    wage_min Float64 COMMENT 'monthly, local currency',
    wage_max Float64,
    wage_currency String COMMENT 'ISO 4217',
    wage_min_usd Float64 COMMENT 'wage_min at the fixed dim_currencies rate',
    wage_max_usd Float64,
    required_certificate String COMMENT 'certification scheme code, empty = none',
    required_language String COMMENT 'ISO 639-1, empty = none',
    required_language_level UInt8 COMMENT '0–6 scale, 0 = none',
    min_education String COMMENT 'education code',
    min_education_rank UInt8 COMMENT 'rank of min_education (from dim_education_levels)',
    min_experience_years UInt8,
    gender_requirement String COMMENT 'any | F | M',
    age_min UInt8,
    age_max UInt8,
    _batch_id String COMMENT 'ops_batches.batch_id that delivered this version',
    _line UInt64 COMMENT 'line of the row in its batch',
    _row_hash UInt64 COMMENT 'hash of the delivered fields, to tell a resend from a conflicting change',
    _loaded_at DateTime DEFAULT now()
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(issued_date)
ORDER BY (country_iso2, sector, occupation_isco4, issued_date, line_id);
