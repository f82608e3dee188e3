import { shared } from './shared';

// Quick Win: medium-to-high-skill placements against the year's target (dim_targets, metric
// medium_high_placements; 500,000 for 2026), with a year-end forecast, computed here in SQL over the
// agg_quick_win_daily rollup - never in the browser. One row per target year and month:
// - year-level members (target, achieved, progress, forecast and its band, paces, months) repeat on
//   every month row and are read with max(); query one year at a time (filter on year);
// - month-level members (medium_high_in_month, cumulative_achieved, linear_path, seasonal_path,
//   projected_cumulative) draw the monthly trend against the path to the target (group by month).
// Forecast (docs/metrics.md): for each earlier complete "normal" year (all 12 months in the data,
// 2020-2021 excluded), the share of that year's medium-to-high-skill placements made by the as-of
// day of the year; forecast = achieved / mean share, band = achieved / max share .. achieved / min
// share. With no normal year, the linear pace: achieved x days in year / days elapsed.
cube('quick_win', {
	sql: `
    SELECT
        year, addMonths(toDate(concat(toString(year), '-01-01')), month_number - 1) AS month, month_number, as_of, target, smk_target, achieved, smk_achieved, days_elapsed, days_in_year,
        months_elapsed, months_remaining, months_to_go, days_to_go, normal_years, mean_share, min_share, max_share, forecast_method, forecast, forecast_low, forecast_high,
        greatest(toFloat64(target) - achieved, 0) AS remaining,
        -- the gap spread over the months not yet complete (the running month counts as a whole month), so
        -- pace x months to go = the gap: it never exceeds the gap (it read gap / fractional months remaining,
        -- 395,557 a month in December against a gap of 364,129)
        remaining / nullIf(months_to_go, 0) AS pace_needed_per_month,
        remaining / nullIf(days_to_go, 0) AS pace_needed_per_day,
        achieved / nullIf(months_elapsed, 0) AS pace_so_far_per_month,
        monthly[month_number] AS medium_high_in_month,
        if(month <= as_of, arrayCumSum(monthly)[month_number], NULL) AS cumulative_achieved,
        toFloat64(target) * month_number / 12 AS linear_path,
        if(normal_years > 0, target * mean_cumulative_share[month_number], target * month_number / 12) AS seasonal_path,
        -- complete months: achieved; the running as-of month: the projection at its end (not below what
        -- is achieved); later months: the forecast's path, which reaches the forecast in December
        multiIf(addMonths(month, 1) <= addDays(as_of, 1), toFloat64(arrayCumSum(monthly)[month_number]),
           month <= as_of, greatest(toFloat64(arrayCumSum(monthly)[month_number]),
               ifNull(if(normal_years > 0, forecast * mean_cumulative_share[month_number], forecast * month_number / 12), 0)),
           if(normal_years > 0, forecast * mean_cumulative_share[month_number], forecast * month_number / 12)) AS projected_cumulative,
        -- the forecast band along the same path: low and high instead of the forecast (December = forecast_low / forecast_high)
        multiIf(addMonths(month, 1) <= addDays(as_of, 1), toFloat64(arrayCumSum(monthly)[month_number]),
           month <= as_of, greatest(toFloat64(arrayCumSum(monthly)[month_number]),
               ifNull(if(normal_years > 0, forecast_low * mean_cumulative_share[month_number], forecast_low * month_number / 12), 0)),
           if(normal_years > 0, forecast_low * mean_cumulative_share[month_number], forecast_low * month_number / 12)) AS projected_low,
        multiIf(addMonths(month, 1) <= addDays(as_of, 1), toFloat64(arrayCumSum(monthly)[month_number]),
           month <= as_of, greatest(toFloat64(arrayCumSum(monthly)[month_number]),
               ifNull(if(normal_years > 0, forecast_high * mean_cumulative_share[month_number], forecast_high * month_number / 12), 0)),
           if(normal_years > 0, forecast_high * mean_cumulative_share[month_number], forecast_high * month_number / 12)) AS projected_high
    FROM
    (
        SELECT
            *,
            multiIf(days_elapsed >= days_in_year, 'complete', days_elapsed = 0, 'not_started', normal_years > 0, 'seasonal', 'linear') AS forecast_method,
            multiIf(forecast_method = 'complete', toFloat64(achieved), forecast_method = 'not_started', NULL,
                    forecast_method = 'seasonal', achieved / nullIf(mean_share, 0), achieved * days_in_year / days_elapsed) AS forecast,
            multiIf(forecast_method = 'seasonal', achieved / nullIf(max_share, 0), forecast) AS forecast_low,
            multiIf(forecast_method = 'seasonal', achieved / nullIf(min_share, 0), forecast) AS forecast_high
        FROM
        (
            SELECT
                year, target, smk_target, achieved, smk_achieved, monthly, as_of,
                toDayOfYear(toDate(concat(toString(year), '-12-31'))) AS days_in_year,
                multiIf(toYear(as_of) > year, days_in_year, toYear(as_of) < year, 0, toDayOfYear(as_of)) AS days_elapsed,
                days_elapsed / days_in_year * 12 AS months_elapsed,
                12 - months_elapsed AS months_remaining,
                -- months not yet complete at the as-of date, the running month included (0 for a past year)
                multiIf(toYear(as_of) > year, 0, toYear(as_of) < year, 12,
                    12 - (toMonth(as_of) - if(toMonth(addDays(as_of, 1)) != toMonth(as_of), 0, 1))) AS months_to_go,
                -- days after the as-of date until 31 December
                days_in_year - days_elapsed AS days_to_go,
                length(shares) AS normal_years,
                arrayReduce('avg', shares) AS mean_share,
                arrayReduce('min', shares) AS min_share,
                arrayReduce('max', shares) AS max_share,
                mean_cumulative_share
            FROM
            (
                SELECT
                    year, target, smk_target, achieved, smk_achieved, monthly,
                    (SELECT max(as_of) FROM agg_as_of) AS as_of,
                    -- shares of the totals of normal years reached by the as-of day of the year (a scalar: as_of is one date)
                    (
                        SELECT groupArray(share)
                        FROM
                        (
                            SELECT
                                toYear(departure_date) AS share_year,
                                sumIf(medium_high_placements, toDayOfYear(departure_date) <= (SELECT toDayOfYear(max(as_of)) FROM agg_as_of))
                                    / sum(medium_high_placements) AS share
                            FROM agg_quick_win_daily
                            WHERE toYear(departure_date) < (SELECT toYear(max(as_of)) FROM agg_as_of) AND toYear(departure_date) NOT IN (2020, 2021)
                            GROUP BY share_year
                            HAVING uniqExact(toMonth(departure_date)) = 12 AND sum(medium_high_placements) > 0
                        )
                    ) AS shares,
                    -- mean cumulative share of the total of a year by the end of each month, over the same normal years
                    (
                        SELECT avgForEach(cumulative_share)
                        FROM
                        (
                            SELECT
                                toYear(departure_date) AS normal_year,
                                arrayMap(c -> c / sum(medium_high_placements), arrayCumSum(sumForEach(arrayConcat(arrayResize(emptyArrayUInt64(), toMonth(departure_date) - 1, toUInt64(0)), [toUInt64(medium_high_placements)], arrayResize(emptyArrayUInt64(), 12 - toMonth(departure_date), toUInt64(0)))))) AS cumulative_share
                            FROM agg_quick_win_daily
                            WHERE toYear(departure_date) < (SELECT toYear(max(as_of)) FROM agg_as_of) AND toYear(departure_date) NOT IN (2020, 2021)
                            GROUP BY normal_year
                            HAVING uniqExact(toMonth(departure_date)) = 12 AND sum(medium_high_placements) > 0
                        )
                    ) AS mean_cumulative_share
                FROM
                (
                    -- targets and placements side by side without a JOIN: the Cube driver sets
                    -- join_use_nulls, and 18.16 cannot make the monthly array Nullable
                    SELECT year, sum(year_target) AS target, sum(year_smk_target) AS smk_target, sum(year_achieved) AS achieved,
                        sum(year_smk_achieved) AS smk_achieved, sumForEach(year_monthly) AS monthly
                    FROM
                    (
                        SELECT
                            year, sumIf(value, scope = 'national') AS year_target, sumIf(value, scope = 'education' AND scope_code = 'smk') AS year_smk_target,
                            toUInt64(0) AS year_achieved, toUInt64(0) AS year_smk_achieved, arrayMap(k -> toUInt64(0), range(12)) AS year_monthly
                        FROM dim_targets
                        WHERE metric = 'medium_high_placements'
                        GROUP BY year
                        UNION ALL
                        SELECT
                            toUInt16(toYear(departure_date)), toUInt64(0), toUInt64(0), sum(medium_high_placements), sumIf(medium_high_placements, smk = 1),
                            -- monthly totals as a 12-element array, built without a lambda (18.16 loses columns read only inside one)
                            sumForEach(arrayConcat(arrayResize(emptyArrayUInt64(), toMonth(departure_date) - 1, toUInt64(0)), [toUInt64(medium_high_placements)], arrayResize(emptyArrayUInt64(), 12 - toMonth(departure_date), toUInt64(0))))
                        FROM agg_quick_win_daily
                        GROUP BY toUInt16(toYear(departure_date))
                    )
                    GROUP BY year
                    HAVING target > 0
                )
            )
        )
    )
    ARRAY JOIN arrayMap(k -> k + 1, range(12)) AS month_number
`,
	title: 'Quick Win',
	description: 'Progress and year-end forecast of medium-to-high-skill placements against the Quick Win target',
	refresh_key: { sql: 'SELECT count() FROM ops_rollups', every: '1 second' },

	measures: {
		people: {
			// every row repeats its year's achieved count (rows are year x month)
			sql: `${CUBE}.achieved`,
			type: 'max',
			public: false,
			title: 'People',
			description: 'Medium-to-high-skill placements of the year the row belongs to (docs/access.md).',
			meta: { internal: true, title_id: 'Orang', description_id: 'Penempatan keterampilan menengah-tinggi pada tahun baris.' },
			format: 'number',
		},
		target: {
			sql: `${CUBE}.target`,
			type: 'max',
			title: 'Quick Win target',
			description: 'Medium-to-high-skill placements targeted for the year (dim_targets; 500,000 for 2026)',
			meta: {
				disclosure: { kind: 'open' },
				title_id: 'Target Quick Win',
				description_id: 'Target penempatan keterampilan menengah-tinggi tahun itu (dim_targets; 500.000 untuk 2026)',
			},
			format: 'number',
		},
		achieved: {
			sql: `${CUBE}.achieved`,
			type: 'max',
			title: 'Achieved',
			description: 'Medium-to-high-skill placements in the year up to the as-of date',
			meta: {
				disclosure: { kind: 'count' },
				title_id: 'Capaian',
				description_id: 'Penempatan keterampilan menengah-tinggi tahun itu sampai tanggal data',
			},
			format: 'number',
		},
		progress: {
			sql: `max(${CUBE}.achieved) / NULLIF(max(${CUBE}.target), 0)`,
			type: 'number',
			title: 'Quick Win progress',
			description: 'Achieved / target',
			meta: {
				disclosure: { kind: 'derived', from: ['achieved'] },
				title_id: 'Kemajuan Quick Win',
				description_id: 'Capaian / target',
			},
			format: 'percent',
		},
		forecast: {
			sql: `${CUBE}.forecast`,
			type: 'max',
			title: 'Year-end forecast',
			description: 'Projected year-end total: achieved / the mean share of a normal year reached by the same day (seasonal pace)',
			meta: {
				disclosure: { kind: 'derived', from: ['achieved'] },
				title_id: 'Proyeksi akhir tahun',
				description_id:
					'Proyeksi total akhir tahun: capaian / rata-rata pangsa tahun normal yang tercapai pada hari yang sama (pola musiman)',
			},
			format: 'number',
		},
		forecast_low: {
			sql: `${CUBE}.forecast_low`,
			type: 'max',
			title: 'Forecast, low',
			description: 'Achieved / the largest share of a normal year reached by the same day',
			meta: {
				disclosure: { kind: 'derived', from: ['achieved'] },
				title_id: 'Proyeksi, batas bawah',
				description_id: 'Capaian / pangsa terbesar tahun normal pada hari yang sama',
			},
			format: 'number',
		},
		forecast_high: {
			sql: `${CUBE}.forecast_high`,
			type: 'max',
			title: 'Forecast, high',
			description: 'Achieved / the smallest share of a normal year reached by the same day',
			meta: {
				disclosure: { kind: 'derived', from: ['achieved'] },
				title_id: 'Proyeksi, batas atas',
				description_id: 'Capaian / pangsa terkecil tahun normal pada hari yang sama',
			},
			format: 'number',
		},
		forecast_progress: {
			sql: `max(${CUBE}.forecast) / NULLIF(max(${CUBE}.target), 0)`,
			type: 'number',
			title: 'Forecast / target',
			description: 'Year-end forecast as a share of the target',
			meta: {
				disclosure: { kind: 'derived', from: ['achieved'] },
				title_id: 'Proyeksi / target',
				description_id: 'Proyeksi akhir tahun sebagai pangsa target',
			},
			format: 'percent',
		},
		pace_needed_per_month: {
			sql: `${CUBE}.pace_needed_per_month`,
			type: 'max',
			title: 'Pace needed per month',
			description:
				'(target - achieved) / months to go: the months not yet complete at the as-of date, the running month counted whole, so pace x months to go = the gap',
			meta: {
				disclosure: { kind: 'derived', from: ['achieved'] },
				title_id: 'Laju yang dibutuhkan per bulan',
				description_id:
					'(target - capaian) / bulan tersisa: bulan yang belum lengkap pada tanggal data, bulan berjalan dihitung utuh, sehingga laju x bulan tersisa = sisa target',
			},
			format: 'number',
		},
		remaining: {
			sql: `${CUBE}.remaining`,
			type: 'max',
			title: 'Remaining to the target',
			description: 'target - achieved (0 once the target is reached)',
			meta: {
				disclosure: { kind: 'derived', from: ['achieved'] },
				title_id: 'Sisa menuju target',
				description_id: 'target - capaian (0 bila target tercapai)',
			},
			format: 'number',
		},
		pace_needed_per_day: {
			sql: `${CUBE}.pace_needed_per_day`,
			type: 'max',
			title: 'Pace needed per day',
			description: '(target - achieved) / days after the as-of date until 31 December',
			meta: {
				disclosure: { kind: 'derived', from: ['achieved'] },
				title_id: 'Laju yang dibutuhkan per hari',
				description_id: '(target - capaian) / hari sesudah tanggal data sampai 31 Desember',
			},
			format: 'number',
		},
		months_to_go: {
			sql: `${CUBE}.months_to_go`,
			type: 'max',
			title: 'Months to go',
			description: 'Months of the year not yet complete at the as-of date, the running month included (0 for a past year)',
			meta: {
				disclosure: { kind: 'open' },
				title_id: 'Bulan tersisa',
				description_id: 'Bulan dalam tahun yang belum lengkap pada tanggal data, termasuk bulan berjalan (0 untuk tahun lampau)',
			},
			format: 'number',
		},
		days_to_go: {
			sql: `${CUBE}.days_to_go`,
			type: 'max',
			title: 'Days to go',
			description: 'Days after the as-of date until 31 December',
			meta: {
				disclosure: { kind: 'open' },
				title_id: 'Hari tersisa',
				description_id: 'Hari sesudah tanggal data sampai 31 Desember',
			},
			format: 'number',
		},
		pace_so_far_per_month: {
			sql: `${CUBE}.pace_so_far_per_month`,
			type: 'max',
			title: 'Pace so far per month',
			description: 'Achieved / months elapsed',
			meta: {
				disclosure: { kind: 'derived', from: ['achieved'] },
				title_id: 'Laju sejauh ini per bulan',
				description_id: 'Capaian / bulan yang telah berlalu',
			},
			format: 'number',
		},
		months_elapsed: {
			sql: `${CUBE}.months_elapsed`,
			type: 'max',
			title: 'Months elapsed',
			description: 'Months of the year up to the as-of date (fractional: days / days in year x 12)',
			meta: {
				disclosure: { kind: 'open' },
				title_id: 'Bulan berlalu',
				description_id: 'Bulan dalam tahun sampai tanggal data (pecahan: hari / hari dalam setahun x 12)',
			},
			format: 'number',
		},
		months_remaining: {
			sql: `${CUBE}.months_remaining`,
			type: 'max',
			title: 'Months remaining',
			description: '12 - months elapsed',
			meta: {
				disclosure: { kind: 'open' },
				title_id: 'Sisa bulan',
				description_id: '12 - bulan berlalu',
			},
			format: 'number',
		},
		normal_years: {
			sql: `${CUBE}.normal_years`,
			type: 'max',
			title: 'Normal years used',
			description: 'Complete earlier years (2020-2021 excluded) the seasonal forecast averages over; 0 = linear pace',
			meta: {
				title_id: 'Tahun normal yang dipakai',
				description_id: 'Tahun lengkap sebelumnya (2020-2021 dikecualikan) yang dirata-ratakan proyeksi musiman; 0 = laju linear',
			},
			format: 'number',
		},
		smk_target: {
			sql: `${CUBE}.smk_target`,
			type: 'max',
			title: 'SMK target',
			description: 'Medium-to-high-skill placements of SMK graduates targeted (300,000 for 2026)',
			meta: {
				disclosure: { kind: 'open' },
				title_id: 'Target SMK',
				description_id: 'Target penempatan menengah-tinggi lulusan SMK (300.000 untuk 2026)',
			},
			format: 'number',
		},
		smk_achieved: {
			sql: `${CUBE}.smk_achieved`,
			type: 'max',
			title: 'SMK achieved',
			description: 'Medium-to-high-skill placements of SMK graduates in the year up to the as-of date',
			meta: {
				disclosure: { kind: 'count' },
				title_id: 'Capaian SMK',
				description_id: 'Penempatan menengah-tinggi lulusan SMK tahun itu sampai tanggal data',
			},
			format: 'number',
		},
		smk_progress: {
			sql: `max(${CUBE}.smk_achieved) / NULLIF(max(${CUBE}.smk_target), 0)`,
			type: 'number',
			title: 'SMK progress',
			description: 'SMK achieved / SMK target',
			meta: {
				disclosure: { kind: 'derived', from: ['smk_achieved'] },
				title_id: 'Kemajuan SMK',
				description_id: 'Capaian SMK / target SMK',
			},
			format: 'percent',
		},
		medium_high_in_month: {
			sql: `${CUBE}.medium_high_in_month`,
			type: 'sum',
			title: 'Medium-to-high-skill placements in the month',
			description: 'Placements counted for the Quick Win in each month',
			meta: {
				disclosure: { kind: 'count' },
				title_id: 'Penempatan menengah-tinggi dalam bulan',
				description_id: 'Penempatan yang dihitung Quick Win setiap bulan',
			},
			format: 'number',
		},
		cumulative_achieved: {
			sql: `${CUBE}.cumulative_achieved`,
			type: 'max',
			title: 'Cumulative achieved',
			description:
				'Medium-to-high-skill placements from 1 January to the end of the month (in the as-of month: to the as-of date; empty after it)',
			meta: {
				disclosure: { kind: 'count' },
				title_id: 'Capaian kumulatif',
				description_id:
					'Penempatan menengah-tinggi dari 1 Januari sampai akhir bulan (pada bulan data: sampai tanggal data; kosong sesudahnya)',
			},
			format: 'number',
		},
		linear_path: {
			sql: `${CUBE}.linear_path`,
			type: 'max',
			title: 'Straight-line path',
			description: 'target x months / 12: where the count must be at the end of the month on an even pace',
			meta: {
				disclosure: { kind: 'open' },
				title_id: 'Jalur linear',
				description_id: 'target x bulan / 12: posisi yang harus dicapai pada akhir bulan dengan laju rata',
			},
			format: 'number',
		},
		seasonal_path: {
			sql: `${CUBE}.seasonal_path`,
			type: 'max',
			title: 'Seasonal path',
			description: 'target x the mean share of a normal year reached by the end of the month',
			meta: {
				disclosure: { kind: 'derived', from: ['achieved'] },
				title_id: 'Jalur musiman',
				description_id: 'target x rata-rata pangsa tahun normal yang tercapai pada akhir bulan',
			},
			format: 'number',
		},
		projected_cumulative: {
			sql: `${CUBE}.projected_cumulative`,
			type: 'max',
			title: 'Projected cumulative',
			description:
				'Achieved in complete months; from the running (as-of) month on, the projection at the end of each month: the year-end forecast x the mean share of a normal year reached by then (never below the achieved count), so December equals the year-end forecast',
			meta: {
				disclosure: { kind: 'derived', from: ['achieved'] },
				title_id: 'Proyeksi kumulatif',
				description_id:
					'Capaian pada bulan yang sudah lengkap; mulai bulan berjalan (bulan data), proyeksi pada akhir setiap bulan: proyeksi akhir tahun x rata-rata pangsa tahun normal yang tercapai saat itu (tidak di bawah capaian), sehingga Desember sama dengan proyeksi akhir tahun',
			},
			format: 'number',
		},
		projected_low: {
			sql: `${CUBE}.projected_low`,
			type: 'max',
			title: 'Projected cumulative, low',
			description:
				'The projected path with the low forecast instead of the forecast (December = forecast_low); achieved in complete months',
			meta: {
				disclosure: { kind: 'derived', from: ['achieved'] },
				title_id: 'Proyeksi kumulatif, batas bawah',
				description_id: 'Jalur proyeksi dengan batas bawah proyeksi (Desember = batas bawah); capaian pada bulan yang sudah lengkap',
			},
			format: 'number',
		},
		projected_high: {
			sql: `${CUBE}.projected_high`,
			type: 'max',
			title: 'Projected cumulative, high',
			description:
				'The projected path with the high forecast instead of the forecast (December = forecast_high); achieved in complete months',
			meta: {
				disclosure: { kind: 'derived', from: ['achieved'] },
				title_id: 'Proyeksi kumulatif, batas atas',
				description_id: 'Jalur proyeksi dengan batas atas proyeksi (Desember = batas atas); capaian pada bulan yang sudah lengkap',
			},
			format: 'number',
		},
	},

	dimensions: {
		// The access rules of this cube (cube/src/access.ts, docs/access.md), in the meta of a hidden
		// member because Cube 0.33 has no cube-level meta.
		access: shared.access({ detail: 'aggregate', people: 'people' }),
		row_key: {
			sql: `concat(toString(${CUBE}.year), '-', toString(${CUBE}.month_number))`,
			type: 'string',
			primary_key: true,
			public: false,
			title: 'Year and month',
			description: 'year-month',
			meta: { title_id: 'Tahun dan bulan', description_id: 'tahun-bulan' },
			format: 'id',
		},
		year: {
			sql: `${CUBE}.year`,
			type: 'number',
			title: 'Year',
			description: 'Target year',
			meta: { title_id: 'Tahun', description_id: 'Tahun target' },
			format: 'id',
		},
		month: {
			sql: `toDateTime(${CUBE}.month)`,
			type: 'time',
			title: 'Month',
			description: 'Month of the target year (first day)',
			meta: { period: 'month', title_id: 'Bulan', description_id: 'Bulan dalam tahun target (hari pertama)' },
		},
		month_number: {
			sql: `${CUBE}.month_number`,
			type: 'number',
			title: 'Month number',
			description: '1-12',
			meta: { title_id: 'Nomor bulan', description_id: '1-12' },
			format: 'id',
		},
		as_of: {
			sql: `toDateTime(${CUBE}.as_of)`,
			type: 'time',
			title: 'As of',
			description: 'The date the progress is read at (latest event date in the data)',
			meta: { title_id: 'Per tanggal', description_id: 'Tanggal kemajuan dibaca (tanggal kejadian terbaru dalam data)' },
		},
		forecast_method: {
			sql: `${CUBE}.forecast_method`,
			type: 'string',
			title: 'Forecast method',
			description: 'seasonal, linear (no normal year to learn from), complete (past year) or not_started',
			meta: {
				title_id: 'Metode proyeksi',
				description_id: 'seasonal (musiman), linear (tanpa tahun normal), complete (tahun lampau) atau not_started (belum mulai)',
			},
		},
	},
});
