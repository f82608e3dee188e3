import { shared } from './shared';

// Year-end projections of the latest forecast run (warehouse/src/forecast/, docs/forecasting.md):
// the year's total of placements and of medium-to-high-skill placements (the Quick Win count),
// projected from the same model as `forecasts` by simulating the rest of the year: achieved so
// far + simulated months; the point is the median of the simulated totals, the bands their 10-90 %
// and 2.5-97.5 % quantiles. One row per measure (query one measure at a time, filter `measure`).
cube('forecast_year_end', {
	sql: `
    SELECT run_id, measure, year, as_of, achieved, point, lo80, hi80, lo95, hi95, target
    FROM
    (
        SELECT *
        FROM forecast_year_end
        WHERE run_id = (SELECT argMax(run_id, build_ms) FROM forecast_runs)
    )
    ANY LEFT JOIN
    (
        SELECT year, toFloat64(sumIf(value, scope = 'national')) AS target
        FROM dim_targets
        WHERE metric = 'medium_high_placements'
        GROUP BY year
    ) USING year
`,
	title: 'Year-end projection',
	description: 'Projected calendar-year totals of placements and of Quick Win placements, with 80 % and 95 % bands (latest forecast run)',
	refresh_key: { sql: 'SELECT max(build_ms) FROM forecast_runs', every: '1 second' },

	measures: {
		achieved: {
			sql: `${CUBE}.achieved`,
			type: 'max',
			title: 'Achieved so far',
			description: 'The year up to the as-of date',
			meta: { title_id: 'Capaian sejauh ini', description_id: 'Tahun berjalan sampai tanggal data' },
			format: 'number',
		},
		projection: {
			sql: `${CUBE}.point`,
			type: 'max',
			title: 'Year-end projection',
			description: 'Median of the simulated year-end totals (achieved + forecast of the remaining months)',
			meta: {
				title_id: 'Proyeksi akhir tahun',
				description_id: 'Median total akhir tahun hasil simulasi (capaian + prakiraan bulan-bulan tersisa)',
			},
			format: 'number',
		},
		projection_lo80: {
			sql: `${CUBE}.lo80`,
			type: 'max',
			title: 'Year-end projection, 80 % low',
			description: '10 % quantile of the simulated year-end totals',
			meta: { title_id: 'Proyeksi akhir tahun, batas bawah 80 %', description_id: 'Kuantil 10 % total akhir tahun hasil simulasi' },
			format: 'number',
		},
		projection_hi80: {
			sql: `${CUBE}.hi80`,
			type: 'max',
			title: 'Year-end projection, 80 % high',
			description: '90 % quantile of the simulated year-end totals',
			meta: { title_id: 'Proyeksi akhir tahun, batas atas 80 %', description_id: 'Kuantil 90 % total akhir tahun hasil simulasi' },
			format: 'number',
		},
		projection_lo95: {
			sql: `${CUBE}.lo95`,
			type: 'max',
			title: 'Year-end projection, 95 % low',
			description: '2.5 % quantile of the simulated year-end totals',
			meta: { title_id: 'Proyeksi akhir tahun, batas bawah 95 %', description_id: 'Kuantil 2,5 % total akhir tahun hasil simulasi' },
			format: 'number',
		},
		projection_hi95: {
			sql: `${CUBE}.hi95`,
			type: 'max',
			title: 'Year-end projection, 95 % high',
			description: '97.5 % quantile of the simulated year-end totals',
			meta: { title_id: 'Proyeksi akhir tahun, batas atas 95 %', description_id: 'Kuantil 97,5 % total akhir tahun hasil simulasi' },
			format: 'number',
		},
		target: {
			sql: `${CUBE}.target`,
			type: 'max',
			title: 'Quick Win target of the year',
			description: 'dim_targets, medium_high_placements, national (compare with the medium_high_placements projection)',
			meta: {
				title_id: 'Target Quick Win tahun itu',
				description_id: 'dim_targets, medium_high_placements, nasional (bandingkan dengan proyeksi medium_high_placements)',
			},
			format: 'number',
		},
	},

	dimensions: {
		// The access rules of this cube (cube/src/access.ts, docs/access.md), in the meta of a hidden
		// member because Cube 0.33 has no cube-level meta.
		// people: false = national model outputs, not records of people
		access: shared.access({ detail: 'aggregate', people: false }),
		measure: {
			sql: `${CUBE}.measure`,
			type: 'string',
			title: 'Projected measure',
			description: 'placements or medium_high_placements (the Quick Win count)',
			meta: { title_id: 'Ukuran yang diproyeksikan', description_id: 'placements atau medium_high_placements (hitungan Quick Win)' },
			format: 'id',
		},
		year: {
			sql: `${CUBE}.year`,
			type: 'number',
			title: 'Year',
			description: 'Calendar year projected',
			meta: { title_id: 'Tahun', description_id: 'Tahun kalender yang diproyeksikan' },
			format: 'id',
		},
		as_of: {
			sql: `toDateTime(${CUBE}.as_of)`,
			type: 'time',
			title: 'Projection data as of',
			description: 'The as-of date of the data the projection starts from',
			meta: { title_id: 'Data proyeksi per', description_id: 'Tanggal data awal proyeksi' },
		},
	},
});
