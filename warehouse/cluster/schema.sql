-- SLMI warehouse, cluster variant (docs/cluster.md). GENERATED from warehouse/migrations/ by
--   npx tsx warehouse/src/cluster.ts --cluster slmi --database slmi --replicated
-- Do not edit: change a migration or warehouse/src/cluster.ts and regenerate. Apply it once, on any
-- node: clickhouse-client --multiquery < schema.sql

-- The database, on every node.
CREATE DATABASE IF NOT EXISTS slmi ON CLUSTER slmi;

-- The database of what the web app writes (audit, acknowledgements; docs/access.md), on every node.
CREATE DATABASE IF NOT EXISTS slmi_audit ON CLUSTER slmi;

-- ops_batches (0001_ops_batches.sql): load bookkeeping, on every node, replicated across all nodes; the loader uses the coordinator's.
CREATE TABLE IF NOT EXISTS slmi.ops_batches ON CLUSTER slmi
(
    batch_id String COMMENT 'sha256 of the file or request body, hex',
    entity String COMMENT 'interchange entity (job_order_lines, candidates, …), see common/formats.ts',
    source String COMMENT 'file path or HTTP client that delivered the batch',
    state String COMMENT 'started | committed | failed',
    rows_read UInt64 COMMENT 'data lines in the batch (header excluded)',
    rows_inserted UInt64 COMMENT 'new keys written to the fact table',
    rows_updated UInt64 COMMENT 'keys replaced by a newer version',
    rows_unchanged UInt64 COMMENT 'keys already loaded with the same version and values',
    rows_quarantined UInt64 COMMENT 'rows rejected to ops_quarantine',
    message String COMMENT 'error text for failed batches',
    at DateTime DEFAULT now() COMMENT 'time of this state change (UTC)'
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/slmi/ops_batches', '{shard}-{replica}')
ORDER BY (batch_id, at);

-- ops_quarantine (0001_ops_batches.sql): load bookkeeping, on every node, replicated across all nodes; the loader uses the coordinator's.
CREATE TABLE IF NOT EXISTS slmi.ops_quarantine ON CLUSTER slmi
(
    batch_id String,
    entity String,
    source String COMMENT 'file path or HTTP client',
    line UInt64 COMMENT '1-based physical line in the file (the header is line 1 for CSV); 0 = the batch as a whole',
    field String COMMENT 'offending field, empty when the row as a whole is wrong',
    reason String COMMENT 'why the row was rejected, in words a data clerk can act on',
    raw String COMMENT 'the rejected line as delivered, cut to 2,000 characters',
    at DateTime DEFAULT now()
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/slmi/ops_quarantine', '{shard}-{replica}')
ORDER BY (batch_id, line, field);

-- dim_regions (0002_dimensions.sql): reference data, a full copy on every node, filled on each by the loader.
CREATE TABLE IF NOT EXISTS slmi.dim_regions ON CLUSTER slmi
(
    region_code String COMMENT 'world region used in SLMI reporting (east_asia, middle_east, …)',
    name_en String,
    name_id String
)
ENGINE = MergeTree()
ORDER BY region_code;

-- dim_countries (0002_dimensions.sql): reference data, a full copy on every node, filled on each by the loader.
CREATE TABLE IF NOT EXISTS slmi.dim_countries ON CLUSTER slmi
(
    country_iso2 String COMMENT 'ISO 3166-1 alpha-2',
    country_iso3 String COMMENT 'ISO 3166-1 alpha-3',
    country_numeric String COMMENT 'ISO 3166-1 numeric, 3 digits (world-atlas feature id)',
    name_en String,
    name_id String COMMENT 'Indonesian name',
    region_code String
)
ENGINE = MergeTree()
ORDER BY country_iso2;

-- dim_provinces (0002_dimensions.sql): reference data, a full copy on every node, filled on each by the loader.
CREATE TABLE IF NOT EXISTS slmi.dim_provinces ON CLUSTER slmi
(
    province_code String COMMENT 'Kemendagri code, 11–96 (Kepmendagri 100.1.1-6117/2022: six Papua provinces 91–96)',
    province_bps String COMMENT 'BPS code (differs from Kemendagri for the Papua provinces)',
    province_iso String COMMENT 'ISO 3166-2:ID',
    name String,
    island_group String,
    population UInt64 COMMENT 'mid-2024 population (BPS projection)',
    working_age_population UInt64 COMMENT 'population aged 15–64, the per-capita denominator'
)
ENGINE = MergeTree()
ORDER BY province_code;

-- dim_regencies (0002_dimensions.sql): reference data, a full copy on every node, filled on each by the loader.
CREATE TABLE IF NOT EXISTS slmi.dim_regencies ON CLUSTER slmi
(
    regency_code String COMMENT 'Kemendagri code PP.RR (e.g. 32.12 Indramayu), from idn-area-data',
    province_code String,
    name String,
    short_name String,
    kind String COMMENT 'kabupaten or kota'
)
ENGINE = MergeTree()
ORDER BY regency_code;

-- dim_sectors (0002_dimensions.sql): reference data, a full copy on every node, filled on each by the loader.
CREATE TABLE IF NOT EXISTS slmi.dim_sectors ON CLUSTER slmi
(
    sector_code String,
    name_en String,
    name_id String,
    formal UInt8 COMMENT '1 = formal-sector employment, 0 = informal (e.g. domestic work for households)'
)
ENGINE = MergeTree()
ORDER BY sector_code;

-- dim_occupations (0002_dimensions.sql): reference data, a full copy on every node, filled on each by the loader.
CREATE TABLE IF NOT EXISTS slmi.dim_occupations ON CLUSTER slmi
(
    occupation_isco4 String COMMENT 'KBJI 2014 = ISCO-08 4-digit unit group',
    title_en String COMMENT 'ISCO-08 title',
    title_id String COMMENT 'KBJI 2014 title',
    skill_level UInt8 COMMENT 'ISCO-08 skill level 1–4',
    sector_code String COMMENT 'usual SISKOP2MI sector',
    priority_quick_win UInt8 COMMENT '1 = a Quick Win 2026 priority occupation'
)
ENGINE = MergeTree()
ORDER BY occupation_isco4;

-- dim_education_levels (0002_dimensions.sql): reference data, a full copy on every node, filled on each by the loader.
CREATE TABLE IF NOT EXISTS slmi.dim_education_levels ON CLUSTER slmi
(
    education_code String,
    rank UInt8 COMMENT 'order for minimum-education comparisons (SMA and SMK share a rank)',
    name_en String,
    name_id String
)
ENGINE = MergeTree()
ORDER BY education_code;

-- dim_languages (0002_dimensions.sql): reference data, a full copy on every node, filled on each by the loader.
CREATE TABLE IF NOT EXISTS slmi.dim_languages ON CLUSTER slmi
(
    language_code String COMMENT 'ISO 639-1',
    name_en String,
    name_id String,
    test_name String COMMENT 'usual proficiency test (JLPT, EPS-TOPIK, Goethe, …)'
)
ENGINE = MergeTree()
ORDER BY language_code;

-- dim_certification_schemes (0002_dimensions.sql): reference data, a full copy on every node, filled on each by the loader.
CREATE TABLE IF NOT EXISTS slmi.dim_certification_schemes ON CLUSTER slmi
(
    scheme_code String,
    title_en String,
    title_id String,
    kind String COMMENT 'bnsp (competency certificate), professional (registration), licence'
)
ENGINE = MergeTree()
ORDER BY scheme_code;

-- dim_scheme_occupations (0002_dimensions.sql): reference data, a full copy on every node, filled on each by the loader.
CREATE TABLE IF NOT EXISTS slmi.dim_scheme_occupations ON CLUSTER slmi
(
    scheme_code String,
    occupation_isco4 String
)
ENGINE = MergeTree()
ORDER BY (scheme_code, occupation_isco4);

-- dim_certification_bodies (0002_dimensions.sql): reference data, a full copy on every node, filled on each by the loader.
CREATE TABLE IF NOT EXISTS slmi.dim_certification_bodies ON CLUSTER slmi
(
    body_code String,
    name String COMMENT 'synthetic name (demo data)',
    province_code String COMMENT 'Kemendagri province where the body assesses',
    kind String,
    annual_capacity UInt32 COMMENT 'assessments a year'
)
ENGINE = MergeTree()
ORDER BY body_code;

-- dim_agencies (0002_dimensions.sql): reference data, a full copy on every node, filled on each by the loader.
CREATE TABLE IF NOT EXISTS slmi.dim_agencies ON CLUSTER slmi
(
    agency_code String COMMENT 'P3MI licence code (synthetic in demo data)',
    name String,
    province_code String,
    licensed_since Date
)
ENGINE = MergeTree()
ORDER BY agency_code;

-- dim_schemes (0002_dimensions.sql): reference data, a full copy on every node, filled on each by the loader.
CREATE TABLE IF NOT EXISTS slmi.dim_schemes ON CLUSTER slmi
(
    scheme String COMMENT 'P2P, G2G, UKPS, MANDIRI',
    name_en String,
    name_id String
)
ENGINE = MergeTree()
ORDER BY scheme;

-- dim_currencies (0002_dimensions.sql): reference data, a full copy on every node, filled on each by the loader.
CREATE TABLE IF NOT EXISTS slmi.dim_currencies ON CLUSTER slmi
(
    currency String COMMENT 'ISO 4217',
    usd_per_unit Float64 COMMENT 'fixed conversion rate used for wage_usd columns',
    rate_source String
)
ENGINE = MergeTree()
ORDER BY currency;

-- dim_targets (0002_dimensions.sql): reference data, a full copy on every node, filled on each by the loader.
CREATE TABLE IF NOT EXISTS slmi.dim_targets ON CLUSTER slmi
(
    year UInt16,
    scope String COMMENT 'national, education, occupation, country',
    scope_code String COMMENT 'code within the scope (empty for national)',
    metric String COMMENT 'medium_high_placements (Quick Win) or placements',
    value UInt64,
    source String
)
ENGINE = MergeTree()
ORDER BY (year, scope, scope_code, metric);

-- fct_job_order_lines, the rows of one shard (0003_fct_job_order_lines.sql), replicated within the shard.
CREATE TABLE IF NOT EXISTS slmi.fct_job_order_lines_local ON CLUSTER slmi
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
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/slmi/fct_job_order_lines_local', '{replica}')
PARTITION BY toYYYYMM(issued_date)
ORDER BY (country_iso2, sector, occupation_isco4, issued_date, line_id);

-- fct_job_order_lines: every shard's rows, sharded by cityHash64(line_id); reads and the loader's inserts go here.
CREATE TABLE IF NOT EXISTS slmi.fct_job_order_lines ON CLUSTER slmi AS slmi.fct_job_order_lines_local
ENGINE = Distributed(slmi, slmi, fct_job_order_lines_local, cityHash64(line_id));

-- fct_candidates, the rows of one shard (0004_fct_candidates.sql), replicated within the shard.
CREATE TABLE IF NOT EXISTS slmi.fct_candidates_local ON CLUSTER slmi
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
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/slmi/fct_candidates_local', '{replica}')
PARTITION BY toYYYYMM(registered_date)
ORDER BY (province_code, regency_code, registered_date, candidate_id);

-- fct_candidates: every shard's rows, sharded by cityHash64(candidate_id); reads and the loader's inserts go here.
CREATE TABLE IF NOT EXISTS slmi.fct_candidates ON CLUSTER slmi AS slmi.fct_candidates_local
ENGINE = Distributed(slmi, slmi, fct_candidates_local, cityHash64(candidate_id));

-- fct_trainings, the rows of one shard (0005_fct_trainings.sql), replicated within the shard.
CREATE TABLE IF NOT EXISTS slmi.fct_trainings_local ON CLUSTER slmi
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
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/slmi/fct_trainings_local', '{replica}')
PARTITION BY toYYYYMM(end_date)
ORDER BY (province_code, kind, end_date, training_id);

-- fct_trainings: every shard's rows, sharded by cityHash64(candidate_id); reads and the loader's inserts go here.
CREATE TABLE IF NOT EXISTS slmi.fct_trainings ON CLUSTER slmi AS slmi.fct_trainings_local
ENGINE = Distributed(slmi, slmi, fct_trainings_local, cityHash64(candidate_id));

-- fct_certifications, the rows of one shard (0006_fct_certifications.sql), replicated within the shard.
CREATE TABLE IF NOT EXISTS slmi.fct_certifications_local ON CLUSTER slmi
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
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/slmi/fct_certifications_local', '{replica}')
PARTITION BY toYYYYMM(exam_date)
ORDER BY (province_code, scheme_code, exam_date, certification_id);

-- fct_certifications: every shard's rows, sharded by cityHash64(candidate_id); reads and the loader's inserts go here.
CREATE TABLE IF NOT EXISTS slmi.fct_certifications ON CLUSTER slmi AS slmi.fct_certifications_local
ENGINE = Distributed(slmi, slmi, fct_certifications_local, cityHash64(candidate_id));

-- fct_applications, the rows of one shard (0007_fct_applications.sql), replicated within the shard.
CREATE TABLE IF NOT EXISTS slmi.fct_applications_local ON CLUSTER slmi
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
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/slmi/fct_applications_local', '{replica}')
PARTITION BY toYYYYMM(applied_date)
ORDER BY (country_iso2, occupation_isco4, province_code, applied_date, application_id);

-- fct_applications: every shard's rows, sharded by cityHash64(candidate_id); reads and the loader's inserts go here.
CREATE TABLE IF NOT EXISTS slmi.fct_applications ON CLUSTER slmi AS slmi.fct_applications_local
ENGINE = Distributed(slmi, slmi, fct_applications_local, cityHash64(candidate_id));

-- fct_placements, the rows of one shard (0008_fct_placements.sql), replicated within the shard.
CREATE TABLE IF NOT EXISTS slmi.fct_placements_local ON CLUSTER slmi
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
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/slmi/fct_placements_local', '{replica}')
PARTITION BY toYYYYMM(departure_date)
ORDER BY (country_iso2, occupation_isco4, province_code, departure_date, placement_id);

-- fct_placements: every shard's rows, sharded by cityHash64(candidate_id); reads and the loader's inserts go here.
CREATE TABLE IF NOT EXISTS slmi.fct_placements ON CLUSTER slmi AS slmi.fct_placements_local
ENGINE = Distributed(slmi, slmi, fct_placements_local, cityHash64(candidate_id));

-- dim_certification_body_schemes (0009_dim_certification_body_schemes.sql): reference data, a full copy on every node, filled on each by the loader.
CREATE TABLE IF NOT EXISTS slmi.dim_certification_body_schemes ON CLUSTER slmi
(
    body_code String COMMENT 'dim_certification_bodies.body_code',
    scheme_code String COMMENT 'dim_certification_schemes.scheme_code'
)
ENGINE = MergeTree()
ORDER BY (body_code, scheme_code);

-- dim_household_occupations (0010_dim_household_occupations.sql): reference data, a full copy on every node, filled on each by the loader.
CREATE TABLE IF NOT EXISTS slmi.dim_household_occupations ON CLUSTER slmi
(
    occupation_isco4 String COMMENT 'ISCO-08 unit group usually employed by a private household'
)
ENGINE = MergeTree()
ORDER BY occupation_isco4;

-- forecast_runs (0011_forecasts.sql): load bookkeeping, on every node, replicated across all nodes; the loader uses the coordinator's.
CREATE TABLE IF NOT EXISTS slmi.forecast_runs ON CLUSTER slmi
(
    run_id String COMMENT 'data_version and method version hashed, plus the build instant',
    data_version String COMMENT 'sha256 of the as-of date and the fingerprints (rows, sum of row hashes) of the facts read',
    method_version String COMMENT 'FORECAST_METHOD_VERSION of warehouse/src/forecast/refresh.ts',
    as_of Date COMMENT 'agg_as_of.as_of when computed',
    last_complete_month Date COMMENT 'the last month the models were fitted on; horizon 1 is the month after',
    series UInt32 COMMENT 'series forecast',
    duration_ms UInt32,
    computed_at DateTime COMMENT 'UTC',
    build_ms UInt64 COMMENT 'the same instant in milliseconds: orders two runs within one second'
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/slmi/forecast_runs', '{shard}-{replica}')
ORDER BY (build_ms, run_id);

-- forecasts (0011_forecasts.sql): load bookkeeping, on every node, replicated across all nodes; the loader uses the coordinator's.
CREATE TABLE IF NOT EXISTS slmi.forecasts ON CLUSTER slmi
(
    run_id String,
    measure String COMMENT 'slots | applications | placements | medium_high_placements',
    level String COMMENT 'national | country | country_sector (medium_high_placements: national only)',
    country_iso2 String COMMENT 'empty at national level',
    sector String COMMENT 'empty at national and country level',
    month Date COMMENT 'first day of the forecast month',
    horizon UInt8 COMMENT 'months after the last complete month, 1-12',
    partial UInt8 COMMENT '1 = the running (as-of) month, whose actual so far is incomplete',
    point Float64 COMMENT 'reconciled median forecast: country_sector rows add up to country rows, country rows to national',
    lo80 Float64,
    hi80 Float64,
    lo95 Float64,
    hi95 Float64,
    base_point Float64 COMMENT 'the series'' own forecast before reconciliation',
    method String COMMENT 'ets | seasonal_naive | mean (fallbacks for short series)'
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/slmi/forecasts', '{shard}-{replica}')
ORDER BY (run_id, measure, level, country_iso2, sector, month);

-- forecast_year_end (0011_forecasts.sql): load bookkeeping, on every node, replicated across all nodes; the loader uses the coordinator's.
CREATE TABLE IF NOT EXISTS slmi.forecast_year_end ON CLUSTER slmi
(
    run_id String,
    measure String COMMENT 'placements | medium_high_placements (the Quick Win count)',
    year UInt16,
    as_of Date,
    achieved Float64 COMMENT 'the year up to the as-of date',
    point Float64 COMMENT 'median of simulated year-end totals',
    lo80 Float64,
    hi80 Float64,
    lo95 Float64,
    hi95 Float64
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/slmi/forecast_year_end', '{shard}-{replica}')
ORDER BY (run_id, measure, year);

-- match_runs (0012_matching_runs.sql): load bookkeeping, on every node, replicated across all nodes; the loader uses the coordinator's.
CREATE TABLE IF NOT EXISTS slmi.match_runs ON CLUSTER slmi
(
    run_id String COMMENT 'unique per run: the run time in milliseconds and a random suffix',
    run_at DateTime COMMENT 'when the run finished (UTC)',
    as_of Date COMMENT 'agg_as_of.as_of the run read: lines open and candidates waiting then',
    seconds Float64 COMMENT 'wall time of the run: reading, solving three times, ranking',
    solver_status String COMMENT 'HiGHS model status of the fair solve',
    fairness String COMMENT 'the fairness configuration, JSON (null = off)',
    recommendations_per_slot UInt8,
    lines UInt32 COMMENT 'open lines',
    open_slots UInt32,
    candidates UInt32 COMMENT 'waiting candidates',
    line_profiles UInt32 COMMENT 'requirement profiles of the open lines (the demand nodes of the problem)',
    candidate_profiles UInt32 COMMENT 'capability group x province x gender x education group (supply nodes)',
    eligible_pairs UInt32 COMMENT 'profile pairs that meet the eligibility (the variables of the problem)',
    eligible_candidates UInt32 COMMENT 'waiting candidates eligible for at least one open line (the pool)',
    fillable_optimal UInt32 COMMENT 'slots the assignment with fairness fills',
    fillable_greedy UInt32 COMMENT 'slots first-come-first-served fills on the same data',
    fillable_unconstrained UInt32 COMMENT 'slots the optimum without fairness fills',
    recommendations UInt32
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/slmi/match_runs', '{shard}-{replica}')
ORDER BY run_at;

-- match_markets (0012_matching_runs.sql): load bookkeeping, on every node, replicated across all nodes; the loader uses the coordinator's.
CREATE TABLE IF NOT EXISTS slmi.match_markets ON CLUSTER slmi
(
    run_id String,
    country_iso2 String,
    occupation_isco4 String,
    open_slots UInt32,
    eligible_candidates UInt32 COMMENT 'waiting candidates eligible for at least one open line of the cell',
    fillable_optimal UInt32,
    fillable_greedy UInt32,
    fillable_unconstrained UInt32,
    recommendations UInt32
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/slmi/match_markets', '{shard}-{replica}')
ORDER BY (run_id, country_iso2, occupation_isco4);

-- match_groups (0012_matching_runs.sql): load bookkeeping, on every node, replicated across all nodes; the loader uses the coordinator's.
CREATE TABLE IF NOT EXISTS slmi.match_groups ON CLUSTER slmi
(
    run_id String,
    dimension String COMMENT 'province | gender | education',
    group_code String COMMENT 'province code, F/M, or basic/secondary/higher',
    pool UInt32 COMMENT 'waiting candidates of the group eligible for at least one open line',
    recommendations UInt32
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/slmi/match_groups', '{shard}-{replica}')
ORDER BY (run_id, dimension, group_code);

-- match_recommendations (0012_matching_runs.sql): load bookkeeping, on every node, replicated across all nodes; the loader uses the coordinator's.
CREATE TABLE IF NOT EXISTS slmi.match_recommendations ON CLUSTER slmi
(
    run_id String,
    line_id String,
    candidate_id String COMMENT 'pseudonymous',
    rank UInt16 COMMENT '1 = first on the list of the line',
    is_primary UInt8 COMMENT '1 = within the open slots of the line (the assignment), 0 = a further recommendation',
    score Float64 COMMENT 'wage, destination preference and waiting time, 0-1'
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/slmi/match_recommendations', '{shard}-{replica}')
PARTITION BY run_id
ORDER BY (line_id, rank);

-- alert_runs (0014_alerts.sql): load bookkeeping, on every node, replicated across all nodes; the loader uses the coordinator's.
CREATE TABLE IF NOT EXISTS slmi.alert_runs ON CLUSTER slmi
(
    run_id String,
    data_version String COMMENT 'the data version of the forecasts (forecast_runs.data_version)',
    method_version String COMMENT 'alertMethod() of warehouse/src/forecast/alerts.ts: the rules'' version and settings',
    as_of Date,
    last_complete_month Date COMMENT 'the last month checked',
    alerts UInt32,
    duration_ms UInt32,
    computed_at DateTime COMMENT 'UTC',
    build_ms UInt64
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/slmi/alert_runs', '{shard}-{replica}')
ORDER BY (build_ms, run_id);

-- alerts (0014_alerts.sql): load bookkeeping, on every node, replicated across all nodes; the loader uses the coordinator's.
CREATE TABLE IF NOT EXISTS slmi.alerts ON CLUSTER slmi
(
    run_id String,
    alert_id String COMMENT 'sha256 of market, measure, rule, direction and since: stable across runs',
    level String COMMENT 'country | country_sector',
    country_iso2 String,
    sector String COMMENT 'empty at country level',
    measure String COMMENT 'slots | applications | placements | fill_rate (placements per 100 demand slots of the month)',
    rule String COMMENT 'interval (2 consecutive months outside the forecast interval) | change_point (CUSUM)',
    direction String COMMENT 'up | down',
    since Date COMMENT 'first month of the movement',
    through Date COMMENT 'last month of the movement',
    detected Date COMMENT 'the month in which the rule fired',
    months UInt8 COMMENT 'months since..through',
    actual Float64 COMMENT 'sum over since..through (fill rate: mean)',
    expected Float64 COMMENT 'sum of the one-month-ahead forecasts over since..through (fill rate: mean)',
    lo80 Float64 COMMENT '80 % interval of the month through',
    hi80 Float64,
    occupations String COMMENT 'JSON [[isco4, change]]: the occupations that moved most, since..through against a year earlier',
    provinces String COMMENT 'JSON [[province_code, change]]: origin provinces that moved most (applications, placements, fill rate)',
    requirements String COMMENT 'JSON [[requirement, slots]]: the competency gap of the market now by missing requirement (agg_competency_gap)',
    as_of Date
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/slmi/alerts', '{shard}-{replica}')
ORDER BY (run_id, alert_id);

-- match_plan (0015_match_plan.sql): load bookkeeping, on every node, replicated across all nodes; the loader uses the coordinator's.
CREATE TABLE IF NOT EXISTS slmi.match_plan ON CLUSTER slmi
(
    run_id String COMMENT 'match_runs.run_id',
    province_code String COMMENT 'origin province of the candidates trained',
    kind String COMMENT 'certificate | language',
    code String COMMENT 'certification scheme code, or ISO 639-1 language code',
    level UInt8 COMMENT 'language level the course leads to (0 for certificates)',
    plan_seats UInt32 COMMENT 'seats the plan gives (each to one candidate)',
    plan_candidates UInt32 COMMENT 'candidates the plan trains',
    plan_slots UInt32 COMMENT 'slots made fillable by the plan, shared over its rows (the rows add up to the gain)',
    proportional_seats UInt32 COMMENT 'seats of the budget given to this gap in proportion to its size',
    proportional_candidates UInt32 COMMENT 'candidates those seats train (fewer when certification capacity runs out)',
    proportional_slots UInt32 COMMENT 'slots made fillable by the proportional allocation, shared the same way'
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/slmi/match_plan', '{shard}-{replica}')
ORDER BY (run_id, province_code, kind, code, level);

-- match_plan_runs (0015_match_plan.sql): load bookkeeping, on every node, replicated across all nodes; the loader uses the coordinator's.
CREATE TABLE IF NOT EXISTS slmi.match_plan_runs ON CLUSTER slmi
(
    run_id String COMMENT 'match_runs.run_id',
    budget UInt32 COMMENT 'seats of the budget (all rows)',
    seats String COMMENT 'the budget rows, JSON',
    capacity_share Float64 COMMENT 'share of each certification body''s annual assessments available to the plan',
    near_candidates UInt32 COMMENT 'waiting candidates one certificate or language level away from an open line',
    base_fillable UInt32 COMMENT 'slots fillable with no seat (optimum without fairness)',
    plan_fillable UInt32,
    proportional_fillable UInt32,
    upper_bound_fillable UInt32 COMMENT 'every near-miss candidate trained, no budget, no capacity',
    seconds Float64 COMMENT 'planner wall time (four solves)',
    solver_status String,
    plan_bound UInt32,
    budget_set_at DateTime,
    budget_source String DEFAULT 'default'
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/slmi/match_plan_runs', '{shard}-{replica}')
ORDER BY run_id;

-- audit_detail_views (0016_web_audit_database.sql): load bookkeeping, on every node, replicated across all nodes; the loader uses the coordinator's.
CREATE TABLE IF NOT EXISTS slmi_audit.audit_detail_views ON CLUSTER slmi
(
    view_id String COMMENT 'unique per view: random',
    viewed_at DateTime COMMENT 'when the view was asked for (UTC), before its data was read',
    username String COMMENT 'who looked (the log-in name)',
    role String COMMENT 'their role (officer)',
    province_code String COMMENT 'the province their view is limited to, Kemendagri code',
    subject String COMMENT 'line | candidate',
    subject_id String COMMENT 'the job-order line id or the pseudonymous candidate id asked for, as asked (at most 64 characters)',
    found UInt8 COMMENT '1 = the data was shown, 0 = no such open line or no such candidate in the province'
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/slmi_audit/audit_detail_views', '{shard}-{replica}')
ORDER BY viewed_at;

-- alert_acks (0016_web_audit_database.sql): load bookkeeping, on every node, replicated across all nodes; the loader uses the coordinator's.
CREATE TABLE IF NOT EXISTS slmi_audit.alert_acks ON CLUSTER slmi
(
    alert_id String,
    acknowledged_by String COMMENT 'user name of the minister or director',
    role String,
    acknowledged_at DateTime COMMENT 'UTC',
    acknowledged_ms UInt64
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/slmi_audit/alert_acks', '{shard}-{replica}')
ORDER BY (alert_id, acknowledged_ms);

-- match_plan_budgets (0018_match_plan_budgets.sql): load bookkeeping, on every node, replicated across all nodes; the loader uses the coordinator's.
CREATE TABLE IF NOT EXISTS slmi.match_plan_budgets ON CLUSTER slmi
(
    set_at DateTime COMMENT 'when this version was stored (UTC)',
    set_ms UInt64 COMMENT 'the same in milliseconds: orders versions stored within one second',
    set_by String COMMENT 'who stored it (the command line''s --by, else the operating-system user)',
    source String COMMENT 'the file it was read from, or default',
    seats String COMMENT 'the budget rows as JSON [{province, kind, code, seats}], or empty for the default budget'
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/slmi/match_plan_budgets', '{shard}-{replica}')
ORDER BY set_ms;

-- ops_fact_quarters (0019_fact_quarters.sql): load bookkeeping, on every node, replicated across all nodes; the loader uses the coordinator's.
CREATE TABLE IF NOT EXISTS slmi.ops_fact_quarters ON CLUSTER slmi
(
    fact_table String COMMENT 'fct_applications, fct_certifications, fct_placements or fct_trainings',
    quarter UInt32 COMMENT 'yyyyq of the date the cube is partitioned by (20251 = January to March 2025)',
    fingerprint String COMMENT 'count and sum of _row_hash of the rows of that quarter (0:0: none)',
    recorded_ms UInt64 COMMENT 'when the refresh recorded it (milliseconds): the latest row of a quarter holds'
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/slmi/ops_fact_quarters', '{shard}-{replica}')
ORDER BY (fact_table, quarter);

-- alert_acks (0016_web_audit_database.sql): a view, on every node.
CREATE VIEW IF NOT EXISTS slmi.alert_acks ON CLUSTER slmi AS SELECT alert_id, acknowledged_by, role, acknowledged_at, acknowledged_ms FROM slmi_audit.alert_acks;
