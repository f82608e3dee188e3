-- Which certification schemes each body assesses (common/reference/data/certification_body_schemes.csv),
-- so certification capacity can be read per scheme and per province.
CREATE TABLE IF NOT EXISTS dim_certification_body_schemes
(
    body_code String COMMENT 'dim_certification_bodies.body_code',
    scheme_code String COMMENT 'dim_certification_schemes.scheme_code'
)
ENGINE = MergeTree()
ORDER BY (body_code, scheme_code);
