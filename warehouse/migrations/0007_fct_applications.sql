-- Applications of candidates to job-order lines, carrying both sides' attributes.
CREATE TABLE IF NOT EXISTS fct_applications
(
    application_id String COMMENT 'natural key',
    candidate_id String,
    line_id String,
    updated_at DateTime,
    applied_date Date,
    outcome String COMMENT 'pending | shortlisted | accepted | rejected | withdrawn',
    outcome_date Nullable(Date),
    rejection_reason String COMMENT 'certificate | language | education | experience | age | gender | medical | employer_choice | withdrawn, or empty',
    line_issued_date Date,
    country_iso2 String,
    region_code String,
    scheme String,
    agency_code String,
    sector String,
    occupation_isco4 String,
    skill_level UInt8,
    province_code String COMMENT 'candidate origin',
    regency_code String,
    gender String,
    age_band String,
    education String,
    _batch_id String,
    _line UInt64,
    _row_hash UInt64,
    _loaded_at DateTime DEFAULT now()
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(applied_date)
ORDER BY (country_iso2, occupation_isco4, province_code, applied_date, application_id);
