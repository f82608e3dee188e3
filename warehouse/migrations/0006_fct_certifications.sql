-- Certification attempts. body_province against province_code shows who travels to certify:
-- capacity sits mostly on Java.
CREATE TABLE IF NOT EXISTS fct_certifications
(
    certification_id String COMMENT 'natural key',
    candidate_id String,
    updated_at DateTime,
    exam_date Date,
    scheme_code String,
    scheme_kind String COMMENT 'bnsp | professional | licence',
    body_code String,
    body_province String COMMENT 'province of the certification body',
    result String COMMENT 'passed | failed | absent',
    province_code String COMMENT 'candidate origin',
    regency_code String,
    gender String,
    education String,
    _batch_id String,
    _line UInt64,
    _row_hash UInt64,
    _loaded_at DateTime DEFAULT now()
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(exam_date)
ORDER BY (province_code, scheme_code, exam_date, certification_id);
