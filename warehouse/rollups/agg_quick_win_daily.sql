-- Placements per departure day, split by SMK graduates: the input of the Quick Win progress and
-- forecast (cube/model/quick_win.js), which needs cumulative counts up to the same day of the year
-- in earlier years (the seasonal pace). A few thousand rows for a decade.
-- months: partitioned by month of fct_placements.departure_date
CREATE TABLE agg_quick_win_daily
(
    departure_date Date,
    smk UInt8 COMMENT '1 = vocational-school (SMK) graduates, the 300,000 sub-target of Quick Win 2026',
    placements UInt64,
    medium_high_placements UInt64 COMMENT 'what the Quick Win counts'
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(departure_date)
ORDER BY (departure_date, smk);

INSERT INTO agg_quick_win_daily
SELECT departure_date, smk, count(), sum(medium_high_skill)
FROM fct_placements
WHERE {in_months}
GROUP BY departure_date, smk;
