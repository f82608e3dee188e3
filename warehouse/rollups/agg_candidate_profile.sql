-- One row per registered candidate with everything the supply side of the matching needs: who
-- they are, what they can show (certificates passed, best level per language, education,
-- experience), how far they have come in the pipeline, and whether they are still available.
-- Built before agg_candidate_state because the matching (agg_capability_match) groups these rows
-- into capability groups and agg_candidate_state reads the result back.
--
-- Rules (docs/metrics.md, "Supply"):
-- - trained = completed a language or skill training (pre-departure orientation does not count);
-- - certified = passed at least one certification attempt;
-- - placed = departed at least once; available = not placed and not stale;
-- - stale = not placed, and no registration, course (any kind, any result), certification
--   attempt (any result) or application in the 730 days before the as-of date: registrations
--   are not withdrawn when people give up, so a silent two-year-old registration is not counted
--   as someone waiting (two years is also how long a job-seeker card, kartu AK/I, stays valid).
-- Only events up to the as-of date count.
--
-- The cap_* columns are the candidate's capabilities reduced to what open demand for the
-- occupations they can serve asks about (certificates and languages some open line requires,
-- education and experience capped at the highest open requirement, destinations that have open
-- lines, '*' for "any destination", gender only where some line asks for one, age reduced to the
-- age-range boundaries of open demand): candidates with the same cap_* are interchangeable for the
-- eligibility (warehouse/src/matching/eligibility.ts) and share one capability_key. Certificates
-- count only while valid at the as-of date.
--
-- At 10× national scale the per-candidate GROUP BY and joins outgrow one query's memory, so it is
-- built in buckets of candidate_id (warehouse/src/rollups.ts): every row depends on one candidate.
-- buckets: one per 4000000 rows of fct_candidates
--
-- For the same reason a batch rebuilds only the candidates it touched: the table is split into 16
-- partitions by candidate_id, and the runner recomputes only the partitions whose rows of the five
-- fact tables changed, copying the others (warehouse/rollups/README.md). The as-of date applies to
-- everyone: when it changes, the table is rebuilt whole. The requirements of open demand do not:
-- a candidate's cap_* read only the row of their preferred occupation in agg_occupation_demand
-- (what the open profiles of every occupation they can serve, the related ones included, ask
-- about), so when open demand changes, only the candidates of the occupations whose row changed
-- are recomputed, wherever they are, and every other row is kept (the `scope of` line: the runner
-- fingerprints agg_occupation_demand per occupation). A new requirement profile that asks nothing
-- new of any occupation, or open slots changing, change no row of it and recompute nobody.
-- Within a changed partition, only the candidates whose rows changed are recomputed when the
-- fingerprints prove the others' did not (the `changed keys` line: input_rows and input_hash hold
-- the count and sum of _row_hash of every row of the candidate in the five fact tables, so the
-- runner compares what the facts hold for the other candidates with what their rows were computed
-- from): a first application recomputes one candidate, not the 190,000 of a sixteenth.
-- partitions: cityHash64(candidate_id) % 16 of fct_candidates, fct_certifications, fct_trainings, fct_applications, fct_placements
-- changed keys: candidate_id, its inputs counted in input_rows and hashed in input_hash
-- reads of agg_as_of: as_of
-- scope of agg_occupation_demand: the candidate_id whose preferred_occupation_isco4 is in preferred_occupation_isco4
CREATE TABLE agg_candidate_profile
(
    candidate_id String,
    registered_date Date,
    province_code String,
    regency_code String,
    gender String,
    age UInt8 COMMENT 'at registration',
    age_now UInt16 COMMENT 'at the as-of date (eligibility.ts age_at); 0 = unknown',
    age_band String COMMENT 'at registration',
    education String,
    education_rank UInt8,
    smk UInt8 COMMENT '1 = vocational-school (SMK) graduate',
    smk_major String,
    preferred_occupation_isco4 String,
    preferred_sector String,
    preferred_skill_level UInt8,
    preferred_countries Array(String) COMMENT 'sorted; empty = any destination',
    named_countries Array(String) COMMENT 'the same destinations as the candidate named them: their order of preference (the score, preferenceScore)',
    experience_years UInt8,
    language_codes Array(String) COMMENT 'languages declared or trained (completed), sorted',
    language_levels Array(UInt8) COMMENT 'best level (0-6) for each entry of language_codes',
    best_language_code String COMMENT 'language with the highest level, empty when none',
    best_language_level UInt8,
    certificates Array(String) COMMENT 'certification schemes passed, sorted',
    valid_certificates Array(String) COMMENT 'of them, passed and still valid at the as-of date (eligibility.ts certificate_valid), sorted',
    trained UInt8,
    first_trained_date Date COMMENT '1970-01-01 = never',
    certified UInt8,
    first_certified_date Date COMMENT '1970-01-01 = never',
    applied UInt8,
    first_applied_date Date COMMENT '1970-01-01 = never',
    placed UInt8,
    first_placed_date Date COMMENT '1970-01-01 = never',
    last_activity_date Date COMMENT 'latest of registration, course, certification attempt, application',
    stale UInt8 COMMENT 'not placed and inactive for 730 days before the as-of date',
    available UInt8 COMMENT 'not placed and not stale: waiting',
    pipeline_stage String COMMENT 'furthest stage reached: registered, trained, certified, applied, placed',
    cap_countries Array(String) COMMENT '[*] = any destination, else the accepted destinations with open demand for the occupation',
    cap_certificates Array(String),
    cap_languages Array(String),
    cap_language_levels Array(UInt8) COMMENT 'aligned with cap_languages',
    cap_education_rank UInt8,
    cap_experience_years UInt8,
    cap_gender String COMMENT 'gender if some open line the candidate could serve asks for one, else empty (no open line asks)',
    cap_age UInt16 COMMENT 'age_now reduced to the largest age boundary of open demand at or below it (1 if none, 0 = unknown): meets the same age ranges',
    servable_occupations Array(String) COMMENT 'the preferred occupation and its related set (eligibility.ts)',
    capability_key UInt64 COMMENT 'hash of occupation and the cap_* columns',
    as_of Date,
    matching_row_hash UInt64 COMMENT 'hash of candidate_id and every column the matching engine reads of the row (warehouse/src/matching/run.ts CANDIDATE_COLUMNS): summed per bucket of candidate_id by the incremental read of the engine',
    input_rows UInt32 COMMENT 'the candidate''s rows in the five fact tables, every one (no as-of filter): what the row was computed from (the runner''s changed keys proof)',
    input_hash UInt64 COMMENT 'sum of _row_hash of those rows (modulo 2^64)'
)
ENGINE = MergeTree()
PARTITION BY cityHash64(candidate_id) % 16
ORDER BY (province_code, regency_code, candidate_id);

INSERT INTO agg_candidate_profile
SELECT
    candidate_id, registered_date, province_code, regency_code, gender, age, age_now_value, age_band, education, education_rank, is_smk, smk_major,
    preferred_occupation_isco4, preferred_sector, preferred_skill_level, accepted_countries, named_countries, experience_years,
    arrayMap(t -> tupleElement(t, 1), lang_pairs) AS langs,
    arrayMap(t -> tupleElement(t, 2), lang_pairs) AS levels,
    if(empty(levels), '', langs[indexOf(levels, arrayReduce('max', levels))]),
    if(empty(levels), 0, arrayReduce('max', levels)),
    passed_certificates,
    valid_passed_certificates,
    toUInt8(n_trainings > 0), first_trained,
    toUInt8(n_certificates > 0), first_certified,
    toUInt8(n_applications > 0), first_applied,
    toUInt8(n_placements > 0) AS is_placed, first_placed,
    greatest(registered_date, last_event) AS last_activity,
    toUInt8(is_placed = 0 AND last_activity < profile_as_of - 730) AS is_stale,
    toUInt8(is_placed = 0 AND is_stale = 0),
    multiIf(n_placements > 0, 'placed', n_applications > 0, 'applied', n_certificates > 0, 'certified', n_trainings > 0, 'trained', 'registered'),
    if(empty(accepted_countries), ['*'], arrayFilter(c -> has(demand_countries, c), accepted_countries)) AS cap_c,
    arrayFilter(c -> has(demand_certificates, c), valid_passed_certificates) AS cap_cert,
    arrayFilter(l -> has(demand_languages, l), langs) AS cap_lang,
    arrayFilter((v, l) -> has(demand_languages, l), levels, langs) AS cap_level,
    least(education_rank, demand_max_education_rank) AS cap_edu,
    least(experience_years, demand_max_experience) AS cap_exp,
    if(demand_gender_required, gender, '') AS cap_g,
    if(age_now_value = 0, 0, greatest(1, arrayReduce('max', arrayFilter(b -> b <= age_now_value, demand_age_bounds)))) AS cap_a,
    {eligibility:servable_occupations(preferred_occupation_isco4)},
    cityHash64(
        preferred_occupation_isco4, arrayStringConcat(cap_c, ','), arrayStringConcat(cap_cert, ','), arrayStringConcat(cap_lang, ','),
        arrayStringConcat(arrayMap(x -> toString(x), cap_level), ','), cap_edu, cap_exp, cap_g, cap_a
    ) AS cap_key,
    profile_as_of,
    -- what the engine reads of the row (run.ts CANDIDATE_COLUMNS), the id included; arrays joined
    -- first (18.16 hashes no arrays)
    cityHash64(
        candidate_id, toString(registered_date), province_code, gender, education_rank,
        arrayStringConcat(if(length(accepted_countries) >= 2, named_countries, accepted_countries), '|'), cap_key,
        preferred_occupation_isco4, arrayStringConcat(cap_c, '|'), arrayStringConcat(cap_cert, '|'), arrayStringConcat(cap_lang, '|'),
        arrayStringConcat(arrayMap(x -> toString(x), cap_level), '|'), cap_edu, cap_exp, cap_g, cap_a
    ),
    source_rows, source_hash
FROM
(
SELECT *
FROM
(
    SELECT *
    FROM
    (
        SELECT *
        FROM
        (
            SELECT *
            FROM
            (
                SELECT
                    candidate_id, registered_date, province_code, regency_code, gender, age, age_now_value, age_band, education, education_rank,
                    toUInt8(education = 'smk' OR smk_major != '') AS is_smk, smk_major,
                    preferred_occupation_isco4, preferred_sector, preferred_skill_level,
                    arraySort(arrayDistinct(preferred_countries)) AS accepted_countries,
                    preferred_countries AS named_countries,
                    experience_years,
                    (SELECT as_of FROM agg_as_of) AS profile_as_of,
                    {eligibility:age_at(age, registered_date, profile_as_of)} AS age_now_value
                FROM fct_candidates
                WHERE cityHash64(candidate_id) % {buckets:UInt32} = {bucket:UInt32} AND {in_partitions}
            )
            ANY LEFT JOIN
            (
                -- the count and sum of _row_hash of every row of the candidate in the five split tables
                SELECT candidate_id, toUInt32(count()) AS source_rows, sum(_row_hash) AS source_hash
                FROM
                (
                    SELECT candidate_id, _row_hash FROM fct_candidates
                    WHERE cityHash64(candidate_id) % {buckets:UInt32} = {bucket:UInt32} AND {in_partitions}
                    UNION ALL
                    SELECT candidate_id, _row_hash FROM fct_certifications
                    WHERE cityHash64(candidate_id) % {buckets:UInt32} = {bucket:UInt32} AND {in_partitions}
                    UNION ALL
                    SELECT candidate_id, _row_hash FROM fct_trainings
                    WHERE cityHash64(candidate_id) % {buckets:UInt32} = {bucket:UInt32} AND {in_partitions}
                    UNION ALL
                    SELECT candidate_id, _row_hash FROM fct_applications
                    WHERE cityHash64(candidate_id) % {buckets:UInt32} = {bucket:UInt32} AND {in_partitions}
                    UNION ALL
                    SELECT candidate_id, _row_hash FROM fct_placements
                    WHERE cityHash64(candidate_id) % {buckets:UInt32} = {bucket:UInt32} AND {in_partitions}
                )
                GROUP BY candidate_id
            ) USING candidate_id
        )
        ANY LEFT JOIN
        (
            SELECT
                candidate_id,
                arraySort(groupUniqArrayIf(event_code, event_kind = 'certificate')) AS passed_certificates,
                arraySort(groupUniqArrayIf(event_code, event_kind = 'certificate'
                    AND {eligibility:certificate_valid(event_date, (SELECT as_of FROM agg_as_of))})) AS valid_passed_certificates,
                countIf(event_kind = 'training') AS n_trainings,
                countIf(event_kind = 'certificate') AS n_certificates,
                countIf(event_kind = 'application') AS n_applications,
                countIf(event_kind = 'placement') AS n_placements,
                minIf(event_date, event_kind = 'training') AS first_trained,
                minIf(event_date, event_kind = 'certificate') AS first_certified,
                minIf(event_date, event_kind = 'application') AS first_applied,
                minIf(event_date, event_kind = 'placement') AS first_placed,
                maxIf(event_date, event_kind != 'placement') AS last_event
            FROM
            (
                -- every attempt and every course is activity; only a pass certifies, only a
                -- completed language or skill course trains
                SELECT candidate_id, if(result = 'passed', 'certificate', 'attempt') AS event_kind, exam_date AS event_date, scheme_code AS event_code
                FROM fct_certifications
                WHERE exam_date <= (SELECT as_of FROM agg_as_of) AND cityHash64(candidate_id) % {buckets:UInt32} = {bucket:UInt32} AND {in_partitions}
                UNION ALL
                SELECT candidate_id, if(result = 'completed' AND kind IN ('language', 'skill'), 'training', 'course'), end_date, ''
                FROM fct_trainings
                WHERE end_date <= (SELECT as_of FROM agg_as_of) AND cityHash64(candidate_id) % {buckets:UInt32} = {bucket:UInt32} AND {in_partitions}
                UNION ALL
                SELECT candidate_id, 'application', applied_date, ''
                FROM fct_applications
                WHERE cityHash64(candidate_id) % {buckets:UInt32} = {bucket:UInt32} AND {in_partitions}
                UNION ALL
                SELECT candidate_id, 'placement', departure_date, ''
                FROM fct_placements
                WHERE cityHash64(candidate_id) % {buckets:UInt32} = {bucket:UInt32} AND {in_partitions}
            )
            GROUP BY candidate_id
        ) USING candidate_id
    )
    ANY LEFT JOIN
    (
        SELECT candidate_id, arraySort(groupArray((language_code, best_level))) AS lang_pairs
        FROM
        (
            SELECT candidate_id, language_code, max(level) AS best_level
            FROM
            (
                SELECT candidate_id, language_code, language_level AS level
                FROM fct_candidates
                WHERE language_code != '' AND cityHash64(candidate_id) % {buckets:UInt32} = {bucket:UInt32} AND {in_partitions}
                UNION ALL
                SELECT candidate_id, language_code, language_level
                FROM fct_trainings
                WHERE kind = 'language' AND result = 'completed' AND language_code != '' AND end_date <= (SELECT as_of FROM agg_as_of)
                    AND cityHash64(candidate_id) % {buckets:UInt32} = {bucket:UInt32} AND {in_partitions}
            )
            GROUP BY candidate_id, language_code
        )
        GROUP BY candidate_id
    ) USING candidate_id
)
ANY LEFT JOIN
(
    -- what open demand asks of the candidates of each occupation: the demand of every occupation
    -- they can serve (agg_occupation_demand)
    SELECT
        preferred_occupation_isco4, demand_countries, demand_certificates, demand_languages, demand_max_education_rank,
        demand_max_experience, demand_gender_required, demand_age_bounds
    FROM agg_occupation_demand
) USING preferred_occupation_isco4
)
-- 18.16 drops subquery columns that are used only inside a lambda ("Unknown identifier"); naming
-- them here, in an always-true condition, keeps them. Harmless on current releases.
WHERE length(demand_countries) >= 0 AND length(demand_certificates) >= 0 AND length(demand_languages) >= 0 AND length(demand_age_bounds) >= 0;
