// Time to fill (agg_fill_time): days from job-order issue to departure, kept as a mergeable
// quantileTiming state per departure month and filter-bar slice, so the median at any grain is a
// merge of states, never a scan of fct_placements. Monthly: a date range selects whole months.
import { shared, sharedJoins } from './shared';

cube('fill_time', {
	sql_table: 'agg_fill_time',
	title: 'Time to fill',
	description: 'Days from job-order issue to departure, by departure month',
	refresh_key: { sql: 'SELECT count() FROM ops_rollups', every: '1 second' },

	joins: {
		countries: sharedJoins.countries(),
		regions: sharedJoins.regions(),
		provinces: sharedJoins.provinces(),
		occupations: sharedJoins.occupations(),
		sectors: sharedJoins.sectors(),
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
			// The exact median from the merged histogram (keys = days, sorted; values = placements):
			// the day at which the cumulative count first reaches half of n, and the day at which it
			// first exceeds half of n, averaged (for an odd n they are the same day).
			sql: `(arrayFirst((d, c) -> c * 2 >= arraySum(sumMapMerge(${CUBE}.days_to_fill_histogram).2), sumMapMerge(${CUBE}.days_to_fill_histogram).1, arrayCumSum(sumMapMerge(${CUBE}.days_to_fill_histogram).2))
				+ arrayFirst((d, c) -> c * 2 > arraySum(sumMapMerge(${CUBE}.days_to_fill_histogram).2), sumMapMerge(${CUBE}.days_to_fill_histogram).1, arrayCumSum(sumMapMerge(${CUBE}.days_to_fill_histogram).2))) / 2`,
			type: 'number',
			title: 'Median days to fill',
			description:
				'Median of (departure date - job-order issue date) over the placements that departed in the period: the middle value, or for an even count the mean of the two middle values',
			meta: {
				title_id: 'Median hari pengisian',
				description_id:
					'Median (tanggal keberangkatan - tanggal terbit job order) atas penempatan yang berangkat dalam periode: nilai tengah, atau untuk jumlah genap rata-rata dua nilai tengah',
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
		access: shared.access({ detail: 'aggregate', province: 'province', people: 'people' }),
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
			description: 'Month of departure (first day); date ranges must cover whole months (others are refused)',
			meta: {
				period: 'month',
				title_id: 'Bulan keberangkatan',
				description_id: 'Bulan keberangkatan (hari pertama); rentang tanggal harus mencakup bulan utuh (selain itu ditolak)',
			},
		},
		country: shared.country(),
		region: shared.region(),
		province: shared.province(),
		sector: shared.sector(),
		occupation: shared.occupation(),
		skill_level: shared.skill_level(),
		scheme: shared.scheme(),
		gender: shared.gender(),
	},
});
