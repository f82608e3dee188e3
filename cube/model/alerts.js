import { shared, sharedJoins } from './shared';

// Early-warning alerts of the latest run (warehouse/src/forecast/alerts.ts, refresh-alerts.ts;
// docs/forecasting.md "Early warning"): one row per alert, a market (country or country x sector)
// whose demand slots, applications, placements or fill rate left its forecast interval two
// months in a row or showed a change point, with its breakdown, joined with the latest
// acknowledgement (alert_acks, written by the web app for the minister and directors).
// Access: model outputs per market (people: false), like `forecasts`: every logged-in role, regional
// heads included (they read national market aggregates elsewhere too); the public has no view.
cube('alerts', {
	sql: `
    SELECT *, if(ifNull(ack_ms, 0) > 0, 1, 0) AS acknowledged, ack_by AS acknowledged_by,
        if(ifNull(ack_ms, 0) > 0, toDateTime(intDiv(ack_ms, 1000)), NULL) AS acknowledged_at
    FROM
    (
        SELECT * FROM alerts WHERE run_id = (SELECT argMax(run_id, build_ms) FROM alert_runs)
    )
    ANY LEFT JOIN
    (
        SELECT alert_id, argMax(acknowledged_by, acknowledged_ms) AS ack_by, max(acknowledged_ms) AS ack_ms
        FROM alert_acks GROUP BY alert_id
    ) USING alert_id
`,
	// ifNull: Cube's ClickHouse profile sets join_use_nulls, so an alert nobody acknowledged joins NULLs
	title: 'Early-warning alerts',
	description: 'Markets whose demand, applications, placements or fill rate left their forecast interval or changed course (latest run)',
	refresh_key: {
		sql: 'SELECT concat(toString(max(build_ms)), (SELECT toString(max(acknowledged_ms)) FROM alert_acks)) FROM alert_runs',
		every: '1 second',
	},

	joins: {
		countries: sharedJoins.countries(),
		sectors: sharedJoins.sectors(),
	},

	measures: {
		count: {
			type: 'count',
			title: 'Alerts',
			description: 'Alerts of the latest run',
			meta: { title_id: 'Peringatan', description_id: 'Peringatan putaran terakhir' },
			format: 'number',
		},
		open: {
			type: 'count',
			filters: [{ sql: `${CUBE}.acknowledged = 0` }],
			title: 'Open alerts',
			description: 'Alerts not yet acknowledged',
			meta: { title_id: 'Peringatan terbuka', description_id: 'Peringatan yang belum diakui' },
			format: 'number',
		},
		actual: {
			sql: `${CUBE}.actual`,
			type: 'sum',
			title: 'Actual',
			description: 'Sum over the months of the movement (fill rate: the mean of its monthly rates); read one alert at a time',
			meta: {
				title_id: 'Realisasi',
				description_id: 'Jumlah selama bulan pergerakan (keterisian: rata-rata tingkat bulanannya); baca satu peringatan sekaligus',
			},
			format: 'number',
		},
		expected: {
			sql: `${CUBE}.expected`,
			type: 'sum',
			title: 'Expected',
			description: 'The one-month-ahead forecasts over the same months (fill rate: mean)',
			meta: { title_id: 'Yang diharapkan', description_id: 'Prakiraan satu bulan ke depan untuk bulan yang sama (keterisian: rata-rata)' },
			format: 'number',
		},
		change: {
			sql: `${CUBE}.actual - ${CUBE}.expected`,
			type: 'sum',
			title: 'Change against forecast',
			description: 'Actual minus expected',
			meta: { title_id: 'Perubahan terhadap prakiraan', description_id: 'Realisasi dikurangi yang diharapkan' },
			format: 'number',
		},
		lo80: {
			sql: `${CUBE}.lo80`,
			type: 'max',
			title: '80 % low of the last month',
			description: 'Lower end of the 80 % interval of the last month of the movement (one alert)',
			meta: {
				title_id: 'Batas bawah 80 % bulan terakhir',
				description_id: 'Batas bawah interval 80 % bulan terakhir pergerakan (satu peringatan)',
			},
			format: 'number',
		},
		hi80: {
			sql: `${CUBE}.hi80`,
			type: 'max',
			title: '80 % high of the last month',
			description: 'Upper end of the 80 % interval of the last month of the movement (one alert)',
			meta: {
				title_id: 'Batas atas 80 % bulan terakhir',
				description_id: 'Batas atas interval 80 % bulan terakhir pergerakan (satu peringatan)',
			},
			format: 'number',
		},
	},

	dimensions: {
		// people: false = rows are model outputs per market and month, not records of people
		access: shared.access({ detail: 'aggregate', people: false }),
		alert_id: {
			sql: `${CUBE}.alert_id`,
			type: 'string',
			primary_key: true,
			public: false,
			title: 'Alert key',
			description: 'Stable id of the alert (market, measure, rule, direction, since)',
			meta: { title_id: 'Peringatan', description_id: 'Id tetap peringatan (pasar, ukuran, aturan, arah, sejak)' },
			format: 'id',
		},
		// the same id, queryable (Cube hides primary keys): the web acknowledges by it
		id: {
			sql: `${CUBE}.alert_id`,
			type: 'string',
			title: 'Alert',
			description: 'Stable id of the alert (market, measure, rule, direction, since)',
			meta: { title_id: 'Peringatan', description_id: 'Id tetap peringatan (pasar, ukuran, aturan, arah, sejak)' },
			format: 'id',
		},
		country: shared.country(),
		sector: shared.sector(),
		level: {
			sql: `${CUBE}.level`,
			type: 'string',
			title: 'Market level',
			description: 'country (destination) or country_sector',
			meta: { title_id: 'Tingkat pasar', description_id: 'country (negara tujuan) atau country_sector (negara x sektor)' },
			format: 'id',
		},
		measure: {
			sql: `${CUBE}.measure`,
			type: 'string',
			title: 'What moved',
			description: 'slots (demand), applications, placements or fill_rate (placements per 100 demand slots of the month)',
			meta: {
				title_id: 'Yang bergerak',
				description_id:
					'slots (permintaan), applications (lamaran), placements (penempatan) atau fill_rate (penempatan per 100 slot permintaan bulan itu)',
			},
			format: 'id',
		},
		rule: {
			sql: `${CUBE}.rule`,
			type: 'string',
			title: 'Alert rule',
			description: 'interval: two consecutive months outside the 95 % forecast interval; change_point: a CUSUM change point',
			meta: {
				title_id: 'Aturan peringatan',
				description_id: 'interval: dua bulan berturut-turut di luar interval prakiraan 95 %; change_point: titik perubahan CUSUM',
			},
			format: 'id',
		},
		direction: {
			sql: `${CUBE}.direction`,
			type: 'string',
			title: 'Direction',
			description: 'up or down against the forecast',
			meta: { title_id: 'Arah', description_id: 'up (naik) atau down (turun) terhadap prakiraan' },
			format: 'id',
		},
		since: {
			sql: `toDateTime(${CUBE}.since)`,
			type: 'time',
			title: 'Since',
			description: 'First month of the movement',
			meta: { title_id: 'Sejak', description_id: 'Bulan pertama pergerakan' },
		},
		through: {
			sql: `toDateTime(${CUBE}.through)`,
			type: 'time',
			title: 'Through',
			description: 'Last month of the movement',
			meta: { title_id: 'Hingga', description_id: 'Bulan terakhir pergerakan' },
		},
		detected: {
			sql: `toDateTime(${CUBE}.detected)`,
			type: 'time',
			title: 'Detected in',
			description: 'The month in which the rule fired',
			meta: { title_id: 'Terdeteksi pada', description_id: 'Bulan saat aturan terpenuhi' },
		},
		months: {
			sql: `${CUBE}.months`,
			type: 'number',
			title: 'Months',
			description: 'Months of the movement (since to through)',
			meta: { title_id: 'Bulan', description_id: 'Jumlah bulan pergerakan (sejak hingga)' },
			format: 'number',
		},
		occupations: {
			sql: `${CUBE}.occupations`,
			type: 'string',
			title: 'Occupations that moved',
			description: 'JSON list of [ISCO-08 code, change against the same months a year earlier], largest first',
			meta: {
				title_id: 'Jabatan yang bergerak',
				description_id: 'Daftar JSON [kode ISCO-08, perubahan terhadap bulan yang sama setahun sebelumnya], terbesar dahulu',
			},
			format: 'id',
		},
		provinces: {
			sql: `${CUBE}.provinces`,
			type: 'string',
			title: 'Origin provinces that moved',
			description: 'JSON list of [province code, change against the same months a year earlier] (applications, placements, fill rate)',
			meta: {
				title_id: 'Provinsi asal yang bergerak',
				description_id:
					'Daftar JSON [kode provinsi, perubahan terhadap bulan yang sama setahun sebelumnya] (lamaran, penempatan, keterisian)',
			},
			format: 'id',
		},
		requirements: {
			sql: `${CUBE}.requirements`,
			type: 'string',
			title: 'Missing requirements',
			description: 'JSON list of [requirement, slots]: the market competency gap now by missing requirement (competency_gap.gap_*)',
			meta: {
				title_id: 'Persyaratan yang kurang',
				description_id:
					'Daftar JSON [persyaratan, slot]: kesenjangan kompetensi pasar saat ini menurut persyaratan yang kurang (competency_gap.gap_*)',
			},
			format: 'id',
		},
		acknowledged: {
			sql: `${CUBE}.acknowledged`,
			type: 'number',
			title: 'Acknowledged',
			description: '1 = acknowledged by the minister or a director',
			meta: { title_id: 'Diakui', description_id: '1 = sudah diakui menteri atau direktur' },
			format: 'id',
		},
		acknowledged_by: {
			sql: `${CUBE}.acknowledged_by`,
			type: 'string',
			title: 'Acknowledged by',
			description: 'User who acknowledged it (latest)',
			meta: { title_id: 'Diakui oleh', description_id: 'Pengguna yang mengakuinya (terakhir)' },
			format: 'id',
		},
		acknowledged_at: {
			sql: `${CUBE}.acknowledged_at`,
			type: 'time',
			title: 'Acknowledged at',
			description: 'When it was acknowledged (UTC)',
			meta: { title_id: 'Diakui pada', description_id: 'Kapan diakui (UTC)' },
		},
		as_of: {
			sql: `toDateTime(${CUBE}.as_of)`,
			type: 'time',
			title: 'Alerts data as of',
			description: 'The as-of date of the data the alerts were computed on',
			meta: { title_id: 'Data peringatan per', description_id: 'Tanggal data yang dipakai untuk menghitung peringatan' },
		},
		run_id: {
			sql: `${CUBE}.run_id`,
			type: 'string',
			title: 'Alert run',
			description: 'Id of the stored run (alert_runs)',
			meta: { title_id: 'Putaran peringatan', description_id: 'Id putaran yang disimpan (alert_runs)' },
			format: 'id',
		},
	},
});
