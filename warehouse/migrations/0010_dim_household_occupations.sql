-- Occupations usually employed by private households (common/reference/data/household_occupations.csv):
-- a placement or line counts as formal only when its sector is formal and its occupation is not here.
CREATE TABLE IF NOT EXISTS dim_household_occupations
(
    occupation_isco4 String COMMENT 'ISCO-08 unit group usually employed by a private household'
)
ENGINE = MergeTree()
ORDER BY occupation_isco4;
