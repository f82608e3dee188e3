// Per-capita rates by province of origin (agg_province_month). Rates are per 100,000 working-age
// residents per year: events / working-age person-years x 100,000. Person-years add up across
// provinces and months (a month contributes population x days / days in the year; the as-of month
// only the days up to the as-of date), so any set of provinces over any run of months gives a ratio
// of two sums. For one whole year this is simply events per 100,000 residents aged 15-64.
import { shared, sharedJoins } from './shared';

cube('province_rates', {
	sql_table: 'agg_province_month',
	title: 'Province rates',
	description: 'Placements and registrations per 100,000 working-age residents, by province and month',
	refresh_key: { sql: 'SELECT count() FROM ops_rollups', every: '1 second' },

	joins: {
		provinces: sharedJoins.provinces(),
	},

	measures: {
		people: {
			// departures and registrations are two sets of people; the row describes at least the larger
			sql: `greatest(sum(${CUBE}.placements), sum(${CUBE}.candidates_registered))`,
			type: 'number',
			public: false,
			title: 'People',
			description: 'The larger of departures and registrations in the row (agg_province_month holds no worker ids; docs/access.md).',
			meta: { internal: true, title_id: 'Orang', description_id: 'Yang lebih besar dari keberangkatan dan pendaftaran dalam baris.' },
			format: 'number',
		},
		placements: {
			sql: `${CUBE}.placements`,
			type: 'sum',
			title: 'Placements',
			description: 'Departures of people from the province in the period',
			meta: {
				disclosure: { kind: 'count' },
				title_id: 'Penempatan',
				description_id: 'Keberangkatan warga provinsi dalam periode',
			},
			format: 'number',
			drill_members: [province, month],
		},
		medium_high_placements: {
			sql: `${CUBE}.medium_high_placements`,
			type: 'sum',
			title: 'Medium-to-high-skill placements',
			description: 'Medium-to-high-skill departures from the province',
			meta: {
				disclosure: { kind: 'count', subset_of: 'placements' },
				title_id: 'Penempatan menengah-tinggi',
				description_id: 'Keberangkatan keterampilan menengah-tinggi dari provinsi',
			},
			format: 'number',
		},
		candidates: {
			sql: `${CUBE}.candidates_registered`,
			type: 'sum',
			title: 'Candidates registered',
			description: 'Candidates from the province registered in the period',
			meta: {
				disclosure: { kind: 'count' },
				title_id: 'Calon pekerja terdaftar',
				description_id: 'Calon pekerja dari provinsi yang mendaftar dalam periode',
			},
			format: 'number',
		},
		working_age_person_years: {
			sql: `${CUBE}.working_age_person_years`,
			type: 'sum',
			title: 'Working-age person-years',
			description: 'Working-age population x the share of a year the period covers: the per-capita denominator',
			meta: {
				disclosure: { kind: 'open' },
				title_id: 'Orang-tahun usia kerja',
				description_id: 'Penduduk usia kerja x bagian tahun yang dicakup periode: penyebut per kapita',
			},
			format: 'number',
		},
		working_age_population: {
			sql: `sum(${CUBE}.working_age_population) / NULLIF(uniqExact(${CUBE}.month), 0)`,
			type: 'number',
			title: 'Working-age population',
			description: 'Population aged 15-64 of the provinces selected (a stock, not summed over months)',
			meta: {
				disclosure: { kind: 'open' },
				title_id: 'Penduduk usia kerja',
				description_id: 'Penduduk berumur 15-64 tahun di provinsi yang dipilih (stok, tidak dijumlahkan antarbulan)',
			},
			format: 'number',
		},
		population: {
			sql: `sum(${CUBE}.population) / NULLIF(uniqExact(${CUBE}.month), 0)`,
			type: 'number',
			title: 'Population',
			description: 'Population of the provinces selected (a stock)',
			meta: {
				disclosure: { kind: 'open' },
				title_id: 'Penduduk',
				description_id: 'Jumlah penduduk provinsi yang dipilih (stok)',
			},
			format: 'number',
		},
		placements_per_100k: {
			sql: `${r_placements} / NULLIF(${r_person_years}, 0) * 100000`,
			type: 'number',
			title: 'Placements per 100,000 working-age residents a year',
			description: 'Placements / working-age person-years x 100,000: for one whole year, placements per 100,000 people aged 15-64',
			meta: {
				disclosure: { kind: 'derived', from: ['placements'] },
				title_id: 'Penempatan per 100.000 penduduk usia kerja per tahun',
				description_id:
					'Penempatan / orang-tahun usia kerja x 100.000: untuk satu tahun penuh, penempatan per 100.000 penduduk berumur 15-64',
			},
			format: 'number',
		},
		medium_high_per_100k: {
			sql: `${r_medium_high} / NULLIF(${r_person_years}, 0) * 100000`,
			type: 'number',
			title: 'Medium-to-high-skill placements per 100,000 a year',
			description: 'Medium-to-high-skill placements / working-age person-years x 100,000',
			meta: {
				disclosure: { kind: 'derived', from: ['medium_high_placements'] },
				title_id: 'Penempatan menengah-tinggi per 100.000 per tahun',
				description_id: 'Penempatan keterampilan menengah-tinggi / orang-tahun usia kerja x 100.000',
			},
			format: 'number',
		},
		candidates_per_100k: {
			sql: `${r_candidates} / NULLIF(${r_person_years}, 0) * 100000`,
			type: 'number',
			title: 'Candidates per 100,000 working-age residents a year',
			description: 'Candidates registered / working-age person-years x 100,000',
			meta: {
				disclosure: { kind: 'derived', from: ['candidates'] },
				title_id: 'Calon pekerja per 100.000 penduduk usia kerja per tahun',
				description_id: 'Calon pekerja terdaftar / orang-tahun usia kerja x 100.000',
			},
			format: 'number',
		},
		r_placements: {
			sql: `${CUBE}.placements`,
			type: 'sum',
			public: false,
			title: 'Placements (ratio component)',
			description: 'Private copy of Placements for ratios; see docs/metrics.md (ClickHouse alias shadowing).',
			meta: { title_id: 'Placements (komponen rasio)', description_id: 'Salinan privat untuk rasio.' },
			format: 'number',
		},
		r_medium_high: {
			sql: `${CUBE}.medium_high_placements`,
			type: 'sum',
			public: false,
			title: 'Medium-to-high-skill placements (ratio component)',
			description: 'Private copy of Medium-to-high-skill placements for ratios; see docs/metrics.md (ClickHouse alias shadowing).',
			meta: { title_id: 'Medium-to-high-skill placements (komponen rasio)', description_id: 'Salinan privat untuk rasio.' },
			format: 'number',
		},
		r_candidates: {
			sql: `${CUBE}.candidates_registered`,
			type: 'sum',
			public: false,
			title: 'Candidates (ratio component)',
			description: 'Private copy of Candidates for ratios; see docs/metrics.md (ClickHouse alias shadowing).',
			meta: { title_id: 'Candidates (komponen rasio)', description_id: 'Salinan privat untuk rasio.' },
			format: 'number',
		},
		r_person_years: {
			sql: `${CUBE}.working_age_person_years`,
			type: 'sum',
			public: false,
			title: 'Person-years (ratio component)',
			description: 'Private copy of Person-years for ratios; see docs/metrics.md (ClickHouse alias shadowing).',
			meta: { title_id: 'Person-years (komponen rasio)', description_id: 'Salinan privat untuk rasio.' },
			format: 'number',
		},
	},

	dimensions: {
		// The access rules of this cube (cube/src/access.ts, docs/access.md), in the meta of a hidden
		// member because Cube 0.33 has no cube-level meta.
		access: shared.access({ detail: 'aggregate', province: 'province', people: 'people' }),
		cell: {
			sql: `concat(toString(${CUBE}.month), '/', ${CUBE}.province_code)`,
			type: 'string',
			primary_key: true,
			public: false,
			title: 'Month and province',
			description: 'month/province',
			meta: { title_id: 'Bulan dan provinsi', description_id: 'bulan/provinsi' },
			format: 'id',
		},
		month: {
			sql: `toDateTime(${CUBE}.month)`,
			type: 'time',
			title: 'Month',
			description: 'Calendar month (first day); date ranges must cover whole months (others are refused)',
			meta: {
				period: 'month',
				title_id: 'Bulan',
				description_id: 'Bulan kalender (hari pertama); rentang tanggal harus mencakup bulan utuh (selain itu ditolak)',
			},
		},
		year: {
			sql: `${CUBE}.year`,
			type: 'number',
			title: 'Year',
			description: 'Calendar year',
			meta: { title_id: 'Tahun', description_id: 'Tahun kalender' },
			format: 'id',
		},
		province: shared.province(),
		island_group: shared.island_group(),
	},
});
