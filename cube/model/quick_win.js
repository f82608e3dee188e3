import { shared } from './shared';

// Quick Win: medium-to-high-skill placements against the year's target (dim_targets, metric
// medium_high_placements; 500,000 for 2026), with a year-end forecast, computed here in SQL over the
// agg_quick_win_daily rollup - never in the browser. One row per target year and month:
// - year-level members (target, achieved, progress, forecast and its band, paces, months) repeat on
//   every month row and are read with max(); query one year at a time (filter on year);
// - month-level members (medium_high_in_month, cumulative_achieved, linear_path, seasonal_path,
//   projected_cumulative) draw the monthly trend against the path to the target (group by month).
// Year-end projection (docs/forecasting.md): the forecast method's, read from the latest forecast
// run (warehouse/src/forecast/, tables forecast_year_end and forecasts, measure
// medium_high_placements): forecast = the median of the simulated year-end totals, band = their
// calibrated 80 % interval (10-90 % quantiles). Only the year the run projects has one (a past year:
// its achieved total; a year not started or without a run: none). The projected monthly path spreads
// projection - (complete months' total) over the remaining months in proportion to the stored
// monthly forecasts, so December equals the projection. There is no other year-end projection.
cube('quick_win', {
	sql: `
    SELECT
        year, addMonths(toDate(concat(toString(year), '-01-01')), month_number - 1) AS month, month_number, as_of, target, smk_target, achieved, smk_achieved, days_elapsed, days_in_year,
        months_elapsed, months_remaining, months_to_go, days_to_go, normal_years, forecast_method, forecast, forecast_low, forecast_high, fy_as_of,
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
        -- share of the rest of the year's forecast reached by the end of the month (the stored monthly
        -- forecasts; evenly by month when there are none)
        if(fc_rest > 0, (fc_cumulative[month_number] - fc_cumulative[complete_months]) / fc_rest,
           (month_number - complete_months) / greatest(12 - complete_months, 1)) AS rest_share,
        -- complete months: achieved; from the running month on: the complete months' total + (projection -
        -- that total) x rest_share, never below what is achieved, so December = the projection
        multiIf(month_number <= complete_months, toFloat64(arrayCumSum(monthly)[month_number]), forecast IS NULL, NULL,
           greatest(toFloat64(arrayCumSum(monthly)[month_number]), complete_total + (forecast - complete_total) * rest_share)) AS projected_cumulative,
        -- the 80 % band along the same path (December = forecast_low / forecast_high)
        multiIf(month_number <= complete_months, toFloat64(arrayCumSum(monthly)[month_number]), forecast_low IS NULL, NULL,
           greatest(toFloat64(arrayCumSum(monthly)[month_number]), complete_total + (forecast_low - complete_total) * rest_share)) AS projected_low,
        multiIf(month_number <= complete_months, toFloat64(arrayCumSum(monthly)[month_number]), forecast_high IS NULL, NULL,
           greatest(toFloat64(arrayCumSum(monthly)[month_number]), complete_total + (forecast_high - complete_total) * rest_share)) AS projected_high
    FROM
    (
        SELECT
            *,
            multiIf(days_elapsed >= days_in_year, 'complete', days_elapsed = 0, 'not_started', year = fy_year, 'model', 'none') AS forecast_method,
            multiIf(forecast_method = 'complete', toFloat64(achieved), forecast_method = 'model', fy_point, NULL) AS forecast,
            multiIf(forecast_method = 'complete', toFloat64(achieved), forecast_method = 'model', fy_lo80, NULL) AS forecast_low,
            multiIf(forecast_method = 'complete', toFloat64(achieved), forecast_method = 'model', fy_hi80, NULL) AS forecast_high,
            -- months complete at the as-of date, their total, and the stored monthly forecasts' sum over the rest
            12 - months_to_go AS complete_months,
            toFloat64(arrayCumSum(monthly)[complete_months]) AS complete_total,
            arrayCumSum(fc_monthly) AS fc_cumulative,
            fc_cumulative[12] - fc_cumulative[complete_months] AS fc_rest
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
                mean_cumulative_share, fy_year, fy_point, fy_lo80, fy_hi80, fy_as_of, fc_monthly
            FROM
            (
                SELECT
                    year, target, smk_target, achieved, smk_achieved, monthly,
                    (SELECT max(as_of) FROM agg_as_of) AS as_of,
                    -- the latest forecast run's Quick Win year-end (scalars: 0 when there is no run)
                    (SELECT any(year) FROM forecast_year_end WHERE measure = 'medium_high_placements' AND run_id = (SELECT argMax(run_id, build_ms) FROM forecast_runs)) AS fy_year,
                    (SELECT any(point) FROM forecast_year_end WHERE measure = 'medium_high_placements' AND run_id = (SELECT argMax(run_id, build_ms) FROM forecast_runs)) AS fy_point,
                    (SELECT any(lo80) FROM forecast_year_end WHERE measure = 'medium_high_placements' AND run_id = (SELECT argMax(run_id, build_ms) FROM forecast_runs)) AS fy_lo80,
                    (SELECT any(hi80) FROM forecast_year_end WHERE measure = 'medium_high_placements' AND run_id = (SELECT argMax(run_id, build_ms) FROM forecast_runs)) AS fy_hi80,
                    (SELECT any(as_of) FROM forecast_year_end WHERE measure = 'medium_high_placements' AND run_id = (SELECT argMax(run_id, build_ms) FROM forecast_runs)) AS fy_as_of,
                    -- its national monthly forecasts of the projected year as a 12-element array (0 where none)
                    (
                        SELECT sumForEach(arrayConcat(arrayResize(emptyArrayFloat64(), toMonth(month) - 1, toFloat64(0)), [point], arrayResize(emptyArrayFloat64(), 12 - toMonth(month), toFloat64(0))))
                        FROM forecasts
                        WHERE measure = 'medium_high_placements' AND level = 'national'
                            AND run_id = (SELECT argMax(run_id, build_ms) FROM forecast_runs)
                            AND toYear(month) = (SELECT any(year) FROM forecast_year_end WHERE measure = 'medium_high_placements' AND run_id = (SELECT argMax(run_id, build_ms) FROM forecast_runs))
                    ) AS fc_monthly,
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
	// the rollups and the latest forecast run (the projection)
	refresh_key: { sql: 'SELECT (SELECT count() FROM ops_rollups) + (SELECT max(build_ms) FROM forecast_runs)', every: '1 second' },

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
			description:
				'Projected year-end total: the median of the year-end totals simulated by the forecast method (latest forecast run, docs/forecasting.md); a past year: its total',
			meta: {
				disclosure: { kind: 'derived', from: ['achieved'] },
				title_id: 'Proyeksi akhir tahun',
				description_id:
					'Proyeksi total akhir tahun: median total akhir tahun hasil simulasi metode prakiraan (proses prakiraan terbaru, docs/forecasting.md); tahun lampau: totalnya',
			},
			format: 'number',
		},
		forecast_low: {
			sql: `${CUBE}.forecast_low`,
			type: 'max',
			title: 'Forecast, 80 % low',
			description: 'Low end of the calibrated 80 % band of the year-end projection (10 % quantile of the simulated totals)',
			meta: {
				disclosure: { kind: 'derived', from: ['achieved'] },
				title_id: 'Proyeksi, batas bawah 80 %',
				description_id: 'Batas bawah pita 80 % terkalibrasi proyeksi akhir tahun (kuantil 10 % total hasil simulasi)',
			},
			format: 'number',
		},
		forecast_high: {
			sql: `${CUBE}.forecast_high`,
			type: 'max',
			title: 'Forecast, 80 % high',
			description: 'High end of the calibrated 80 % band of the year-end projection (90 % quantile of the simulated totals)',
			meta: {
				disclosure: { kind: 'derived', from: ['achieved'] },
				title_id: 'Proyeksi, batas atas 80 %',
				description_id: 'Batas atas pita 80 % terkalibrasi proyeksi akhir tahun (kuantil 90 % total hasil simulasi)',
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
			description: 'Complete earlier years (2020-2021 excluded) the seasonal target path averages over; 0 = linear path',
			meta: {
				title_id: 'Tahun normal yang dipakai',
				description_id: 'Tahun lengkap sebelumnya (2020-2021 dikecualikan) yang dirata-ratakan jalur target musiman; 0 = jalur linear',
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
				"Achieved in complete months; from the running (as-of) month on: the complete months' total + (year-end forecast - that total) x the share of the rest of the year's stored monthly forecasts reached by the end of the month (never below the achieved count), so December equals the year-end forecast",
			meta: {
				disclosure: { kind: 'derived', from: ['achieved'] },
				title_id: 'Proyeksi kumulatif',
				description_id:
					'Capaian pada bulan yang sudah lengkap; mulai bulan berjalan (bulan data): total bulan lengkap + (proyeksi akhir tahun - total itu) x pangsa prakiraan bulanan tersimpan sisa tahun yang tercapai pada akhir bulan (tidak di bawah capaian), sehingga Desember sama dengan proyeksi akhir tahun',
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
			description: 'model (the forecast run projects this year), complete (past year), not_started, or none (no forecast run for the year)',
			meta: {
				title_id: 'Metode proyeksi',
				description_id:
					'model (proses prakiraan memproyeksikan tahun ini), complete (tahun lampau), not_started (belum mulai) atau none (tanpa proses prakiraan untuk tahun itu)',
			},
		},
	},
});
