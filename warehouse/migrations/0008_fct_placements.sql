-- Placements (departures): the fact the Quick Win is counted on. Both sides' attributes are
-- copied in at load time, plus what the metrics need per row: days from job-order issue to
-- departure, the wage in USD, and whether the placement counts as medium-to-high skill.
CREATE TABLE IF NOT EXISTS fct_placements
(
    placement_id String COMMENT 'natural key',
    candidate_id String,
    line_id String,
    updated_at DateTime,
    departure_date Date,
    wage Float64 COMMENT 'agreed monthly wage, line currency',
    wage_currency String,
    wage_usd Float64 COMMENT 'at the fixed dim_currencies rate',
    contract_months UInt16,
    line_issued_date Date,
    days_to_fill UInt32 COMMENT 'departure_date − line_issued_date',
    country_iso2 String,
    region_code String,
    scheme String,
    agency_code String,
    sector String,
    occupation_isco4 String,
    skill_level UInt8,
    formal UInt8,
    certified UInt8 COMMENT '1 = held a passed certification before departure',
    medium_high_skill UInt8 COMMENT '1 = skill level ≥ 3, or ≥ 2 with a recognised certificate (SPEC glossary)',
    province_code String COMMENT 'origin',
    regency_code String,
    gender String,
    age_band String COMMENT 'at registration',
    education String,
    smk UInt8 COMMENT '1 = vocational-school (SMK) graduate, the Quick Win 300k sub-target',
    _batch_id String,
    _line UInt64,
    _row_hash UInt64,
    _loaded_at DateTime DEFAULT now()
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(departure_date)
ORDER BY (country_iso2, occupation_isco4, province_code, departure_date, placement_id);
