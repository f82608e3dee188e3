// Open slots, a stock (agg_open_slots_monthly: one snapshot per month, at the month end or at the
// as-of date). A stock is summed over countries, sectors, ... but not over time: open_slots takes,
// within each time bucket of the query, the latest snapshot, so
// - with a date range and no granularity it is the stock at the end of the range (the last month
//   end inside it; for "now", the as-of month);
// - with granularity month, one value per month end (the trend); with quarter or year, the value at
//   the last month end of each quarter or year;
// - with no date range at all, the stock at the as-of date.
// The rollup is dense in time (zero rows where nothing is open), so the latest snapshot in a bucket
// is the same for every group. Served from the rollup itself: a "last value" cannot be re-aggregated
// by a Cube pre-aggregation.
cube('open_slots', {
	sql_table: 'agg_open_slots_monthly',
	title: 'Open slots',
	description: 'Open demand at month ends (a stock): slots on lines not yet filled, expired, closed or cancelled',
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
		occupations: {
			relationship: 'many_to_one',
			sql: `${CUBE}.occupation_isco4 = ${occupations}.occupation_isco4`,
		},
		sectors: {
			relationship: 'many_to_one',
			sql: `${CUBE}.sector = ${sectors}.sector_code`,
		},
		certification_schemes: {
			relationship: 'many_to_one',
			sql: `${CUBE}.required_certificate = ${certification_schemes}.scheme_code`,
		},
		languages: {
			relationship: 'many_to_one',
			sql: `${CUBE}.required_language = ${languages}.language_code`,
		},
	},

	measures: {
		open_slots: {
			sql: `arraySum(arrayFilter((v, d) -> d = max(${CUBE}.snapshot_date), groupArray(${CUBE}.open_slots), groupArray(${CUBE}.snapshot_date)))`,
			type: 'number',
			title: 'Open slots',
			description:
				'Slots on lines still open (not filled, expired, closed or cancelled) at the end of the period: the latest month-end snapshot in each time bucket, summed over everything else',
			meta: {
				title_id: 'Slot terbuka',
				description_id:
					'Slot pada baris yang masih terbuka (belum terisi, kedaluwarsa, ditutup atau dibatalkan) pada akhir periode: potret akhir bulan terakhir di setiap rentang waktu, dijumlahkan untuk dimensi lain',
			},
			format: 'number',
			drill_members: [as_of, country, sector, occupation],
		},
		open_lines: {
			sql: `arraySum(arrayFilter((v, d) -> d = max(${CUBE}.snapshot_date), groupArray(${CUBE}.open_lines), groupArray(${CUBE}.snapshot_date)))`,
			type: 'number',
			title: 'Open lines',
			description: 'Lines still open at the end of the period (same rule as open slots)',
			meta: { title_id: 'Baris terbuka', description_id: 'Baris yang masih terbuka pada akhir periode (aturan sama dengan slot terbuka)' },
			format: 'number',
		},
	},

	dimensions: {
		// The access rules of this cube (cube/src/access.ts, docs/access.md), in the meta of a hidden
		// member because Cube 0.33 has no cube-level meta.
		// people: false = rows do not count people (open slots of employers' job orders, not people)
		access: {
			sql: '1',
			type: 'number',
			public: false,
			title: 'Access rules',
			description: 'Not data: carries the access rules of the cube in its meta',
			meta: { internal: true, access: { detail: 'aggregate', people: false } },
		},
		grain: {
			sql: `concat(toString(${CUBE}.snapshot_date), '/', toString(${CUBE}.country_iso2), '/', toString(${CUBE}.region_code), '/', toString(${CUBE}.sector), '/', toString(${CUBE}.occupation_isco4), '/', toString(${CUBE}.skill_level), '/', toString(${CUBE}.scheme), '/', toString(${CUBE}.required_certificate), '/', toString(${CUBE}.required_language))`,
			type: 'string',
			primary_key: true,
			public: false,
			title: 'Snapshot row',
			description: 'The row key (all grain columns): Cube needs a primary key to join',
			meta: { title_id: 'Baris potret', description_id: 'Kunci baris (semua kolom grain): Cube memerlukan kunci primer untuk join' },
			format: 'id',
		},
		as_of: {
			sql: `toDateTime(${CUBE}.snapshot_date)`,
			type: 'time',
			title: 'Snapshot date',
			description: 'Month end (or the as-of date in the latest month) at which open slots are read',
			meta: { title_id: 'Tanggal potret', description_id: 'Akhir bulan (atau tanggal data pada bulan terakhir) saat slot terbuka dibaca' },
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
		required_certificate: {
			sql: `${CUBE}.required_certificate`,
			type: 'string',
			title: 'Required certificate',
			description: 'Certification scheme required; empty = none',
			meta: { title_id: 'Sertifikat yang disyaratkan', description_id: 'Skema sertifikasi yang disyaratkan; kosong = tidak ada' },
			format: 'id',
		},
		required_language: {
			sql: `${CUBE}.required_language`,
			type: 'string',
			title: 'Required language',
			description: 'ISO 639-1 code; empty = none',
			meta: { title_id: 'Bahasa yang disyaratkan', description_id: 'Kode ISO 639-1; kosong = tidak ada' },
			format: 'id',
		},
	},
});
