// Time to fill (agg_fill_time): days from job-order issue to departure, kept as a mergeable
// quantileTiming state per departure month and filter-bar slice, so the median at any grain is a
// merge of states, never a scan of fct_placements. Monthly: a date range selects whole months.
cube('fill_time', {
	sql_table: 'agg_fill_time',
	title: 'Time to fill',
	description: 'Days from job-order issue to departure, by departure month',
	refresh_key: { sql: 'SELECT count() FROM ops_rollups', every: '1 second' },

	joins: {
		countries: {
			relationship: 'many_to_one',
			sql: `${CUBE}.country_iso2 = ${countries}.country_iso2`,
		},
		regions: {
			relationship: 'many_to_one',
			sql: `${CUBE}.region_code = ${regions}.region_code`,
		},
		provinces: {
			relationship: 'many_to_one',
			sql: `${CUBE}.province_code = ${provinces}.province_code`,
		},
		occupations: {
			relationship: 'many_to_one',
			sql: `${CUBE}.occupation_isco4 = ${occupations}.occupation_isco4`,
		},
		sectors: {
			relationship: 'many_to_one',
			sql: `${CUBE}.sector = ${sectors}.sector_code`,
		},
	},

	measures: {
		people: {
			sql: `${CUBE}.placements`,
			type: 'sum',
			public: false,
			title: 'People',
			description:
				'Departures the row describes. agg_fill_time holds no worker ids, so a worker who departs twice in one month and slice counts twice (docs/access.md).',
			meta: { internal: true, title_id: 'Orang', description_id: 'Jumlah keberangkatan dalam baris.' },
			format: 'number',
		},
		median_days_to_fill: {
			sql: `quantileTimingMerge(0.5)(${CUBE}.days_to_fill_state)`,
			type: 'number',
			title: 'Median days to fill',
			description: 'Median of (departure date - job-order issue date) over the placements that departed in the period',
			meta: {
				title_id: 'Median hari pengisian',
				description_id: 'Median (tanggal keberangkatan - tanggal terbit job order) atas penempatan yang berangkat dalam periode',
			},
			format: 'number',
			drill_members: [departure_month, country, occupation],
		},
		p25_days_to_fill: {
			sql: `quantileTimingMerge(0.25)(${CUBE}.days_to_fill_state)`,
			type: 'number',
			title: 'Days to fill, 25th percentile',
			description: 'A quarter of the placements departed within this many days of the issue date',
			meta: {
				title_id: 'Hari pengisian, persentil ke-25',
				description_id: 'Seperempat penempatan berangkat dalam jumlah hari ini sejak job order terbit',
			},
			format: 'number',
		},
		p75_days_to_fill: {
			sql: `quantileTimingMerge(0.75)(${CUBE}.days_to_fill_state)`,
			type: 'number',
			title: 'Days to fill, 75th percentile',
			description: 'Three quarters of the placements departed within this many days of the issue date',
			meta: {
				title_id: 'Hari pengisian, persentil ke-75',
				description_id: 'Tiga perempat penempatan berangkat dalam jumlah hari ini sejak job order terbit',
			},
			format: 'number',
		},
		mean_days_to_fill: {
			sql: `sum(${CUBE}.days_to_fill_sum) / NULLIF(sum(${CUBE}.placements), 0)`,
			type: 'number',
			title: 'Mean days to fill',
			description: 'Average of (departure date - issue date) over the placements that departed in the period',
			meta: {
				title_id: 'Rata-rata hari pengisian',
				description_id: 'Rata-rata (tanggal keberangkatan - tanggal terbit) atas penempatan yang berangkat dalam periode',
			},
			format: 'number',
		},
		placements: {
			sql: `${CUBE}.placements`,
			type: 'sum',
			title: 'Placements',
			description: 'Placements the distribution is computed over',
			meta: { title_id: 'Penempatan', description_id: 'Penempatan yang menjadi dasar perhitungan' },
			format: 'number',
		},
	},

	dimensions: {
		// The access rules of this cube (cube/src/access.ts, docs/access.md), in the meta of a hidden
		// member because Cube 0.33 has no cube-level meta.
		access: {
			sql: '1',
			type: 'number',
			public: false,
			title: 'Access rules',
			description: 'Not data: carries the access rules of the cube in its meta',
			meta: { internal: true, access: { detail: 'aggregate', province: 'province', people: 'people' } },
		},
		grain: {
			sql: `concat(toString(${CUBE}.departure_month), '/', toString(${CUBE}.country_iso2), '/', toString(${CUBE}.region_code), '/', toString(${CUBE}.province_code), '/', toString(${CUBE}.sector), '/', toString(${CUBE}.occupation_isco4), '/', toString(${CUBE}.skill_level), '/', toString(${CUBE}.scheme), '/', toString(${CUBE}.gender))`,
			type: 'string',
			primary_key: true,
			public: false,
			title: 'Distribution row',
			description: 'The row key (all grain columns): Cube needs a primary key to join',
			meta: { title_id: 'Baris distribusi', description_id: 'Kunci baris (semua kolom grain): Cube memerlukan kunci primer untuk join' },
			format: 'id',
		},
		departure_month: {
			sql: `toDateTime(${CUBE}.departure_month)`,
			type: 'time',
			title: 'Departure month',
			description: 'Month of departure (first day); date ranges select whole months',
			meta: { title_id: 'Bulan keberangkatan', description_id: 'Bulan keberangkatan (hari pertama); rentang tanggal memilih bulan utuh' },
		},
		country: {
			sql: `${CUBE}.country_iso2`,
			type: 'string',
			title: 'Destination country',
			description: 'ISO 3166-1 alpha-2 code of the destination country; names in the countries cube',
			meta: { title_id: 'Negara tujuan', description_id: 'Kode ISO 3166-1 alpha-2 negara tujuan; nama ada di kubus countries' },
			format: 'id',
		},
		region: {
			sql: `${CUBE}.region_code`,
			type: 'string',
			title: 'Destination region',
			description: 'World region of the destination (SLMI grouping of UN M49 sub-regions)',
			meta: { title_id: 'Kawasan tujuan', description_id: 'Kawasan dunia negara tujuan (pengelompokan SLMI atas subkawasan UN M49)' },
			format: 'id',
		},
		province: {
			sql: `${CUBE}.province_code`,
			type: 'string',
			title: 'Province of origin',
			description: 'Kemendagri code (11-96) of the province the worker or candidate comes from',
			meta: { title_id: 'Provinsi asal', description_id: 'Kode Kemendagri (11-96) provinsi asal pekerja atau calon pekerja' },
			format: 'id',
		},
		sector: {
			sql: `${CUBE}.sector`,
			type: 'string',
			title: 'Sector',
			description: 'SISKOP2MI sector code of the job',
			meta: { title_id: 'Sektor', description_id: 'Kode sektor SISKOP2MI pekerjaan' },
			format: 'id',
		},
		occupation: {
			sql: `${CUBE}.occupation_isco4`,
			type: 'string',
			title: 'Occupation',
			description: 'KBJI 2014 / ISCO-08 unit group (4 digits); titles in the occupations cube',
			meta: { title_id: 'Jabatan', description_id: 'Kelompok unit KBJI 2014 / ISCO-08 (4 digit); nama jabatan ada di kubus occupations' },
			format: 'id',
		},
		skill_level: {
			sql: `${CUBE}.skill_level`,
			type: 'number',
			title: 'Skill level',
			description: 'ISCO-08 skill level of the occupation, 1 (elementary) to 4 (professional)',
			meta: { title_id: 'Tingkat keterampilan', description_id: 'Tingkat keterampilan ISCO-08 jabatan, 1 (dasar) sampai 4 (profesional)' },
			format: 'id',
		},
		scheme: {
			sql: `${CUBE}.scheme`,
			type: 'string',
			title: 'Placement scheme',
			description: 'P2P (through a P3MI agency), G2G, UKPS (company placing its own staff) or MANDIRI (individual)',
			meta: {
				title_id: 'Skema penempatan',
				description_id: 'P2P (melalui P3MI), G2G, UKPS (untuk kepentingan perusahaan sendiri) atau MANDIRI (perseorangan)',
			},
			format: 'id',
		},
		gender: {
			sql: `${CUBE}.gender`,
			type: 'string',
			title: 'Gender',
			description: 'F (female) or M (male)',
			meta: { title_id: 'Jenis kelamin', description_id: 'F (perempuan) atau M (laki-laki)' },
			format: 'id',
		},
	},
});
