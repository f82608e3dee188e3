-- Supply: one row per registered prospective migrant worker (CPMI). Pseudonymous by design: no
-- name, national id (NIK), phone or address exists anywhere in the warehouse. Sorted by origin,
-- the first thing a regional head filters on.
CREATE TABLE IF NOT EXISTS fct_candidates
(
    candidate_id String COMMENT 'pseudonymous id, natural key',
    updated_at DateTime,
    registered_date Date,
    province_code String COMMENT 'origin, Kemendagri code',
    regency_code String COMMENT 'origin, Kemendagri PP.RR',
    gender String COMMENT 'F | M',
    age UInt8 COMMENT 'age at registration',
    age_band String COMMENT '17-24, 25-29, 30-34, 35-39, 40-44, 45+ (at registration)',
    education String,
    education_rank UInt8,
    smk_major String COMMENT 'SMK major for vocational-school graduates, else empty',
    preferred_occupation_isco4 String,
    preferred_sector String COMMENT 'sector of the preferred occupation (from dim_occupations)',
    preferred_skill_level UInt8,
    preferred_countries Array(String) COMMENT 'up to 3 ISO alpha-2 codes; empty = any destination',
    language_code String COMMENT 'declared at registration',
    language_level UInt8 COMMENT '0–6 scale',
    experience_years UInt8,
    _batch_id String,
    _line UInt64,
    _row_hash UInt64,
    _loaded_at DateTime DEFAULT now()
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(registered_date)
ORDER BY (province_code, regency_code, registered_date, candidate_id);
