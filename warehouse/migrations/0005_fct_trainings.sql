-- Training enrolments (language, skill, pre-departure orientation) at LPK / BLK / SMK, with the
-- candidate's origin copied in so the pipeline funnel filters by province without a join.
CREATE TABLE IF NOT EXISTS fct_trainings
(
    training_id String COMMENT 'natural key',
    candidate_id String,
    updated_at DateTime,
    start_date Date,
    end_date Date,
    kind String COMMENT 'language | skill | orientation',
    institution_kind String COMMENT 'LPK | BLK | SMK',
    institution_province String,
    language_code String,
    language_level UInt8,
    occupation_isco4 String COMMENT 'skill trainings: the occupation trained for',
    result String COMMENT 'completed | dropped',
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
PARTITION BY toYYYYMM(end_date)
ORDER BY (province_code, kind, end_date, training_id);
