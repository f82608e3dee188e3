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
import { shared, sharedJoins } from './shared';

cube('open_slots', {
	sql_table: 'agg_open_slots_monthly',
	title: 'Open slots',
	description: 'Open demand at month ends (a stock): slots on lines not yet filled, expired, closed or cancelled',
	refresh_key: { sql: 'SELECT count() FROM ops_rollups', every: '1 second' },

	joins: {
		countries: sharedJoins.countries(),
		regions: sharedJoins.regions(),
		occupations: sharedJoins.occupations(),
		sectors: sharedJoins.sectors(),
		certification_schemes: sharedJoins.certification_schemes_by_required_certificate(),
		languages: sharedJoins.languages(),
	},

	measures: {
		open_slots: {
			sql: `arraySum(arrayFilter((v, d) -> d = max(${CUBE}.snapshot_date), groupArray(${CUBE}.open_slots), groupArray(${CUBE}.snapshot_date)))`,
			type: 'number',
			title: 'Open slots',
			description:
				'Slots on lines still open (not filled, expired, closed or cancelled) at the end of the period: read at the last month end inside the date range (at the as-of date when the range reaches the as-of month; periods are whole months), per time bucket, summed over everything else',
			meta: {
				title_id: 'Slot terbuka',
				description_id:
					'Slot pada baris yang masih terbuka (belum terisi, kedaluwarsa, ditutup atau dibatalkan) pada akhir periode: dibaca pada akhir bulan terakhir dalam rentang tanggal (pada tanggal data bila rentang mencapai bulan data; periode berupa bulan utuh), per rentang waktu, dijumlahkan untuk dimensi lain',
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
		open_slots_applied: {
			sql: `arraySum(arrayFilter((v, d) -> d = max(${CUBE}.snapshot_date), groupArray(${CUBE}.open_slots_applied), groupArray(${CUBE}.snapshot_date)))`,
			type: 'number',
			title: 'Open slots applied for',
			description:
				'Open slots (same rule and date as open slots) on lines that had at least one application, of any outcome, on or before that date',
			meta: {
				title_id: 'Slot terbuka yang sudah dilamar',
				description_id:
					'Slot terbuka (aturan dan tanggal sama dengan slot terbuka) pada baris yang sudah menerima setidaknya satu lamaran, apa pun hasilnya, pada atau sebelum tanggal itu',
			},
			format: 'number',
		},
		applied_share: {
			sql: `arraySum(arrayFilter((v, d) -> d = max(${CUBE}.snapshot_date), groupArray(${CUBE}.open_slots_applied), groupArray(${CUBE}.snapshot_date))) / NULLIF(arraySum(arrayFilter((v, d) -> d = max(${CUBE}.snapshot_date), groupArray(${CUBE}.open_slots), groupArray(${CUBE}.snapshot_date))), 0)`,
			type: 'number',
			title: 'Share of open slots applied for',
			description:
				'The ministry\'s "applied" share of vacancies: open slots applied for / open slots, at the end of the period (at most 100 %). Not the application rate, which is applications / slots issued in the period',
			meta: {
				title_id: 'Pangsa slot terbuka yang sudah dilamar',
				description_id:
					'Pangsa lowongan "sudah dilamar" versi kementerian: slot terbuka yang sudah dilamar / slot terbuka, pada akhir periode (paling tinggi 100 %). Bukan tingkat lamaran, yaitu lamaran / slot yang terbit dalam periode',
			},
			format: 'percent',
		},
	},

	dimensions: {
		// The access rules of this cube (cube/src/access.ts, docs/access.md), in the meta of a hidden
		// member because Cube 0.33 has no cube-level meta.
		// people: false = rows do not count people (open slots of employers' job orders, not people)
		access: shared.access({ detail: 'aggregate', people: false }),
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
			meta: {
				period: 'month',
				title_id: 'Tanggal potret',
				description_id: 'Akhir bulan (atau tanggal data pada bulan terakhir) saat slot terbuka dibaca',
			},
		},
		country: shared.country(),
		region: shared.region(),
		sector: shared.sector(),
		occupation: shared.occupation(),
		skill_level: shared.skill_level(),
		scheme: shared.scheme(),
		required_certificate: {
			sql: `${CUBE}.required_certificate`,
			type: 'string',
			title: 'Required certificate',
			description: 'Certification scheme required; empty = none',
			meta: { title_id: 'Sertifikat yang disyaratkan', description_id: 'Skema sertifikasi yang disyaratkan; kosong = tidak ada' },
			format: 'id',
		},
		required_language: shared.required_language(),
	},
});
