import { shared, sharedJoins } from './shared';

// Forecasts of the latest run (warehouse/src/forecast/, docs/forecasting.md): one row per measure
// (slots, applications, placements, medium_high_placements) x series (national, country, country x
// sector) x forecast month, 1-12 months after the last complete month. Points are reconciled:
// country_sector rows add up to their country's row and country rows to the national row, so
// `point` may be summed over the parts of one level. The bounds describe ONE series: filter to one
// measure, one level and one series (national, or a country / country x sector) before reading them.
cube('forecasts', {
	sql: `
    SELECT
        *,
        (SELECT argMax(as_of, build_ms) FROM forecast_runs) AS as_of,
        (SELECT argMax(last_complete_month, build_ms) FROM forecast_runs) AS last_complete_month
    FROM forecasts
    WHERE run_id = (SELECT argMax(run_id, build_ms) FROM forecast_runs)
`,
	title: 'Forecasts',
	description:
		'Monthly forecasts of demand slots, applications and placements per destination country x sector and nationally, with 80 % and 95 % intervals (latest run)',
	refresh_key: { sql: 'SELECT max(build_ms) FROM forecast_runs', every: '1 second' },

	joins: {
		countries: sharedJoins.countries(),
		sectors: sharedJoins.sectors(),
	},

	measures: {
		point: {
			sql: `${CUBE}.point`,
			type: 'sum',
			title: 'Forecast',
			description:
				'Median forecast of the month, reconciled so that the parts add up to the totals; sum it only over the parts of one level of one measure',
			meta: {
				title_id: 'Prakiraan',
				description_id:
					'Prakiraan median bulan itu, direkonsiliasi agar bagian-bagian berjumlah sama dengan totalnya; jumlahkan hanya bagian dari satu tingkat satu ukuran',
			},
			format: 'number',
		},
		lo80: {
			sql: `${CUBE}.lo80`,
			type: 'max',
			title: 'Forecast, 80 % low',
			description: 'Lower end of the 80 % interval of one series (never add bounds over series)',
			meta: {
				title_id: 'Prakiraan, batas bawah 80 %',
				description_id: 'Batas bawah interval 80 % satu deret (batas tidak boleh dijumlahkan antarderet)',
			},
			format: 'number',
		},
		hi80: {
			sql: `${CUBE}.hi80`,
			type: 'max',
			title: 'Forecast, 80 % high',
			description: 'Upper end of the 80 % interval of one series',
			meta: { title_id: 'Prakiraan, batas atas 80 %', description_id: 'Batas atas interval 80 % satu deret' },
			format: 'number',
		},
		lo95: {
			sql: `${CUBE}.lo95`,
			type: 'max',
			title: 'Forecast, 95 % low',
			description: 'Lower end of the 95 % interval of one series',
			meta: { title_id: 'Prakiraan, batas bawah 95 %', description_id: 'Batas bawah interval 95 % satu deret' },
			format: 'number',
		},
		hi95: {
			sql: `${CUBE}.hi95`,
			type: 'max',
			title: 'Forecast, 95 % high',
			description: 'Upper end of the 95 % interval of one series',
			meta: { title_id: 'Prakiraan, batas atas 95 %', description_id: 'Batas atas interval 95 % satu deret' },
			format: 'number',
		},
		base_point: {
			sql: `${CUBE}.base_point`,
			type: 'sum',
			title: 'Forecast before reconciliation',
			description: "The series' own forecast before the parts were made to add up to the totals",
			meta: {
				title_id: 'Prakiraan sebelum rekonsiliasi',
				description_id: 'Prakiraan deret itu sendiri sebelum bagian-bagian disesuaikan dengan totalnya',
			},
			format: 'number',
		},
	},

	dimensions: {
		// The access rules of this cube (cube/src/access.ts, docs/access.md), in the meta of a hidden
		// member because Cube 0.33 has no cube-level meta.
		// people: false = rows are model outputs per market and month, not records of people
		access: shared.access({ detail: 'aggregate', people: false }),
		row_key: {
			sql: `concat(${CUBE}.measure, '|', ${CUBE}.level, '|', ${CUBE}.country_iso2, '|', ${CUBE}.sector, '|', toString(${CUBE}.month))`,
			type: 'string',
			primary_key: true,
			public: false,
			title: 'Id',
			description: 'Measure, series and month of the row',
			meta: { title_id: 'Id', description_id: 'Ukuran, deret dan bulan baris' },
			format: 'id',
		},
		measure: {
			sql: `${CUBE}.measure`,
			type: 'string',
			title: 'Forecast measure',
			description:
				'slots (job_orders.slots), applications (applications.applications), placements (placements.placements) or medium_high_placements (the Quick Win count, national only)',
			meta: {
				title_id: 'Ukuran prakiraan',
				description_id:
					'slots (job_orders.slots), applications (applications.applications), placements (placements.placements) atau medium_high_placements (hitungan Quick Win, hanya nasional)',
			},
			format: 'id',
		},
		level: {
			sql: `${CUBE}.level`,
			type: 'string',
			title: 'Series level',
			description: 'national, country (destination) or country_sector',
			meta: {
				title_id: 'Tingkat deret',
				description_id: 'national (nasional), country (negara tujuan) atau country_sector (negara x sektor)',
			},
			format: 'id',
		},
		country: shared.country(),
		sector: shared.sector(),
		month: {
			sql: `toDateTime(${CUBE}.month)`,
			type: 'time',
			title: 'Forecast month',
			description: 'The month forecast',
			meta: { title_id: 'Bulan prakiraan', description_id: 'Bulan yang diprakirakan' },
		},
		horizon: {
			sql: `${CUBE}.horizon`,
			type: 'number',
			title: 'Months ahead',
			description: 'Months after the last complete month (1 = the running month when the data ends mid-month)',
			meta: {
				title_id: 'Bulan ke depan',
				description_id: 'Bulan setelah bulan lengkap terakhir (1 = bulan berjalan bila data berakhir di tengah bulan)',
			},
			format: 'number',
		},
		partial: {
			sql: `${CUBE}.partial`,
			type: 'number',
			title: 'Running month',
			description: '1 = the as-of month, whose actual so far is incomplete',
			meta: { title_id: 'Bulan berjalan', description_id: '1 = bulan tanggal data, yang realisasinya sejauh ini belum lengkap' },
			format: 'id',
		},
		method: {
			sql: `${CUBE}.method`,
			type: 'string',
			title: 'Forecast method',
			description:
				'ets (damped-trend Holt-Winters on log counts), damped_trend (the same without seasonality, chosen per series on in-sample errors), or seasonal_naive / mean for series under two / one year long',
			meta: {
				title_id: 'Metode prakiraan',
				description_id:
					'ets (Holt-Winters tren teredam pada log jumlah), damped_trend (sama tanpa musiman, dipilih per deret dari galat dalam sampel), atau seasonal_naive / mean untuk deret kurang dari dua / satu tahun',
			},
			format: 'id',
		},
		as_of: {
			sql: `toDateTime(${CUBE}.as_of)`,
			type: 'time',
			title: 'Forecast data as of',
			description: 'The as-of date of the data the run was computed on',
			meta: { title_id: 'Data prakiraan per', description_id: 'Tanggal data yang dipakai untuk menghitung prakiraan' },
		},
		last_complete_month: {
			sql: `toDateTime(${CUBE}.last_complete_month)`,
			type: 'time',
			title: 'Last complete month',
			description: 'The last month the models were fitted on',
			meta: { title_id: 'Bulan lengkap terakhir', description_id: 'Bulan terakhir yang dipakai untuk menyesuaikan model' },
		},
		run_id: {
			sql: `${CUBE}.run_id`,
			type: 'string',
			title: 'Forecast run',
			description: 'Id of the stored run (forecast_runs)',
			meta: { title_id: 'Putaran prakiraan', description_id: 'Id putaran yang disimpan (forecast_runs)' },
			format: 'id',
		},
	},
});
