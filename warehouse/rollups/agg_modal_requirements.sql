-- The most common open requirement profile of each occupation at the as-of date: the requirement
-- combination with the most open slots across all destinations (ties: the lowest requirements
-- win, deterministically). agg_candidate_state compares each waiting, not-qualified candidate with
-- it ("what do my candidates lack"). Kept apart from agg_candidate_state so that open slots
-- changing without changing any occupation's most common profile (most batches of lines or
-- placements) leave this table, and so agg_candidate_state's input read whole, unchanged.
CREATE TABLE agg_modal_requirements
(
    occupation_isco4 String,
    modal_certificate String COMMENT 'certification scheme code, empty = none',
    modal_language String COMMENT 'ISO 639-1, empty = none',
    modal_language_level UInt8,
    modal_education_rank UInt8,
    modal_experience_years UInt8
)
ENGINE = MergeTree()
ORDER BY occupation_isco4;

INSERT INTO agg_modal_requirements
SELECT
    occupation_isco4,
    tupleElement(modal, 1),
    tupleElement(modal, 2),
    tupleElement(modal, 3),
    tupleElement(modal, 4),
    tupleElement(modal, 5)
FROM
(
    SELECT
        occupation_isco4,
        -- most open slots first; among equals the lowest requirements, so the choice never depends on row order
        argMax(
            (required_certificate, required_language, required_language_level, min_education_rank, min_experience_years),
            (profile_slots, -toInt32(required_language_level), -toInt32(min_education_rank), -toInt32(min_experience_years), required_certificate = '', required_certificate, required_language)
        ) AS modal
    FROM
    (
        SELECT
            occupation_isco4, required_certificate, required_language, required_language_level, min_education_rank, min_experience_years,
            sum(open_slots) AS profile_slots
        FROM agg_open_requirement_profiles
        GROUP BY occupation_isco4, required_certificate, required_language, required_language_level, min_education_rank, min_experience_years
    )
    GROUP BY occupation_isco4
);
