// Demand: one row per job-order line (agg_job_order_lines), with the applications and placements
// made on it up to the as-of date. Demand, applications and placements share this one grain, so
// application rate and fill rate are ratios of sums over the same lines (those issued in the period)
// and cannot fan out: docs/metrics.md, "The common grain".
import { quartersIn, shared, sharedJoins } from './shared';

// A partition's refresh key: what agg_job_order_lines' quarter was built from, as the rollup refresh
// recorded it (warehouse/src/rollups.ts) — the fingerprint of that quarter's sources in the last
// build (ops_rollup_months), of the inputs read whole (the as-of date, recorded under month
// 4294967295) and the rollup's definition. The quarter's rows are a function of exactly those, so the
// key changes when and only when they may have. A small lookup instead of hashing the quarter's rows
// (Cube renews every partition's key every 10 s while queries read it: ~40 scans per
// pre-aggregation). The refresh records these after it swapped the new table in, so a key can lag
// the rows for a moment, never lead them.
const quarterKey = (quarter) => `SELECT concat(toString(count()), ':', toString(sum(cityHash64(month, fingerprint))), ':',
	(SELECT argMax(definition_hash, build_ms) FROM ops_rollups WHERE rollup_name = 'agg_job_order_lines'))
	FROM ops_rollup_months
	WHERE rollup_name = 'agg_job_order_lines'
	AND input_key = (SELECT argMax(input_key, build_ms) FROM ops_rollups WHERE rollup_name = 'agg_job_order_lines')
	AND (month = 4294967295 OR ${quarter})`;
cube('job_orders', {
	sql_table: 'agg_job_order_lines',
	title: 'Job orders',
	description: 'Job-order lines (demand) with their applications, placements and open slots, by issue date',
	refresh_key: { sql: 'SELECT count() FROM ops_rollups', every: '1 second' },

	joins: {
		countries: sharedJoins.countries(),
		regions: sharedJoins.regions(),
		occupations: sharedJoins.occupations(),
		sectors: sharedJoins.sectors(),
		placement_schemes: sharedJoins.placement_schemes(),
		certification_schemes: sharedJoins.certification_schemes_by_required_certificate(),
		languages: sharedJoins.languages(),
		education_levels: {
			relationship: 'many_to_one',
			sql: `${CUBE}.min_education = ${education_levels}.education_code`,
		},
		agencies: sharedJoins.agencies(),
	},

	measures: {
		lines: {
			type: 'count',
			title: 'Job-order lines',
			description: 'Job-order lines issued in the period',
			meta: { title_id: 'Baris job order', description_id: 'Jumlah baris job order yang terbit dalam periode' },
			format: 'number',
			drill_members: [issued_date, country, sector, occupation, scheme, status],
		},
		demand_slots: {
			sql: `${CUBE}.slots`,
			type: 'sum',
			title: 'Demand slots',
			description: 'Workers demanded on the job-order lines issued in the period',
			meta: {
				disclosure: { kind: 'count' },
				title_id: 'Slot permintaan',
				description_id: 'Jumlah pekerja yang diminta pada baris job order yang terbit dalam periode',
			},
			format: 'number',
			drill_members: [issued_date, country, sector, occupation, scheme, status],
		},
		applications: {
			sql: `${CUBE}.applications`,
			type: 'sum',
			title: 'Applications on these lines',
			description: 'Applications made (up to the as-of date) to the lines issued in the period',
			meta: {
				disclosure: { kind: 'count' },
				title_id: 'Lamaran pada baris ini',
				description_id: 'Lamaran (sampai tanggal data) pada baris job order yang terbit dalam periode',
			},
			format: 'number',
			drill_members: [issued_date, country, sector, occupation, scheme, status],
		},
		application_rate: {
			sql: `${j_applications} / NULLIF(${j_slots}, 0)`,
			type: 'number',
			title: 'Application rate',
			description:
				'Applications on the lines issued in the period / their demand slots: applications per slot, above 100 % when slots get several applications. Not the ministry\'s "19.46 % applied" share of open vacancies: that is open_slots.applied_share',
			meta: {
				disclosure: { kind: 'derived', from: ['applications', 'demand_slots'] },
				title_id: 'Tingkat lamaran',
				description_id:
					'Lamaran pada baris yang terbit dalam periode / slot permintaannya: lamaran per slot, di atas 100 % bila satu slot menerima beberapa lamaran. Bukan pangsa "19,46 % dilamar" versi kementerian atas lowongan terbuka: itu open_slots.applied_share',
			},
			format: 'percent',
		},
		placements: {
			sql: `${CUBE}.placements`,
			type: 'sum',
			title: 'Placements on these lines',
			description: 'Departures (up to the as-of date) on the lines issued in the period',
			meta: {
				disclosure: { kind: 'count' },
				title_id: 'Penempatan pada baris ini',
				description_id: 'Keberangkatan (sampai tanggal data) pada baris job order yang terbit dalam periode',
			},
			format: 'number',
			drill_members: [issued_date, country, sector, occupation, scheme, status],
		},
		medium_high_placements: {
			sql: `${CUBE}.medium_high_placements`,
			type: 'sum',
			title: 'Medium-to-high-skill placements on these lines',
			description: 'Medium-to-high-skill departures on the lines issued in the period',
			meta: {
				title_id: 'Penempatan menengah-tinggi pada baris ini',
				description_id: 'Keberangkatan keterampilan menengah-tinggi pada baris yang terbit dalam periode',
			},
			format: 'number',
		},
		fill_rate: {
			sql: `${j_placements} / NULLIF(${j_slots}, 0)`,
			type: 'number',
			title: 'Fill rate',
			description: 'Placements on the lines issued in the period / their demand slots',
			meta: {
				disclosure: { kind: 'derived', from: ['placements', 'demand_slots'] },
				title_id: 'Tingkat keterisian',
				description_id: 'Penempatan pada baris yang terbit dalam periode / slot permintaannya',
			},
			format: 'percent',
		},
		open_slots_now: {
			sql: `${CUBE}.open_now`,
			type: 'sum',
			title: 'Open slots now',
			description: 'Slots still open at the as-of date on the lines issued in the period (not filled, expired, closed or cancelled)',
			meta: {
				disclosure: { kind: 'count' },
				title_id: 'Slot terbuka saat ini',
				description_id:
					'Slot yang masih terbuka pada tanggal data di baris yang terbit dalam periode (belum terisi, kedaluwarsa, ditutup atau dibatalkan)',
			},
			format: 'number',
			drill_members: [issued_date, country, sector, occupation, scheme, status],
		},
		open_lines_now: {
			type: 'count',
			filters: [{ sql: `${CUBE}.open_now > 0` }],
			title: 'Open lines now',
			description: 'Lines issued in the period that are still open at the as-of date',
			meta: { title_id: 'Baris terbuka saat ini', description_id: 'Baris yang terbit dalam periode dan masih terbuka pada tanggal data' },
			format: 'number',
		},
		avg_wage_usd: {
			sql: `${j_wage_slots} / NULLIF(${j_slots}, 0)`,
			type: 'number',
			title: 'Average offered wage (USD)',
			description: 'Slot-weighted average of the midpoint of the offered monthly wage range, USD',
			meta: {
				title_id: 'Rata-rata upah ditawarkan (USD)',
				description_id: 'Rata-rata (tertimbang slot) titik tengah rentang upah bulanan yang ditawarkan, USD',
			},
			format: 'currency',
		},
		j_slots: {
			sql: `${CUBE}.slots`,
			type: 'sum',
			public: false,
			title: 'Demand slots (ratio component)',
			description: 'Private copy of Demand slots for ratios; see docs/metrics.md (ClickHouse alias shadowing).',
			meta: { title_id: 'Demand slots (komponen rasio)', description_id: 'Salinan privat untuk rasio.' },
			format: 'number',
		},
		j_applications: {
			sql: `${CUBE}.applications`,
			type: 'sum',
			public: false,
			title: 'Applications (ratio component)',
			description: 'Private copy of Applications for ratios; see docs/metrics.md (ClickHouse alias shadowing).',
			meta: { title_id: 'Applications (komponen rasio)', description_id: 'Salinan privat untuk rasio.' },
			format: 'number',
		},
		j_placements: {
			sql: `${CUBE}.placements`,
			type: 'sum',
			public: false,
			title: 'Placements (ratio component)',
			description: 'Private copy of Placements for ratios; see docs/metrics.md (ClickHouse alias shadowing).',
			meta: { title_id: 'Placements (komponen rasio)', description_id: 'Salinan privat untuk rasio.' },
			format: 'number',
		},
		j_wage_slots: {
			sql: `${CUBE}.wage_mid_usd * ${CUBE}.slots`,
			type: 'sum',
			public: false,
			title: 'Offered wage x slots (ratio component)',
			description: 'Private copy of Offered wage x slots for ratios; see docs/metrics.md (ClickHouse alias shadowing).',
			meta: { title_id: 'Offered wage x slots (komponen rasio)', description_id: 'Salinan privat untuk rasio.' },
			format: 'number',
		},
	},

	dimensions: {
		// The access rules of this cube (cube/src/access.ts, docs/access.md), in the meta of a hidden
		// member because Cube 0.33 has no cube-level meta.
		// people: false = rows do not count people (employers' job-order lines: slots, not people; rows are keyed by demand attributes)
		access: shared.access({ detail: 'aggregate', people: false }),
		line_id: {
			sql: `${CUBE}.line_id`,
			type: 'string',
			primary_key: true,
			public: false,
			title: 'Id',
			description: 'Natural key (pseudonymous)',
			meta: { title_id: 'Id', description_id: 'Kunci alami (pseudonim)' },
			format: 'id',
		},
		issued_date: {
			sql: `toDateTime(${CUBE}.issued_date)`,
			type: 'time',
			title: 'Issue date',
			description: 'Date the job order was issued or registered',
			meta: { title_id: 'Tanggal terbit', description_id: 'Tanggal job order diterbitkan atau didaftarkan' },
		},
		expiry_date: {
			sql: `toDateTime(${CUBE}.expiry_date)`,
			type: 'time',
			title: 'Expiry date',
			description: 'Last day the line accepts candidates',
			meta: { title_id: 'Tanggal kedaluwarsa', description_id: 'Hari terakhir baris menerima kandidat' },
		},
		country: shared.country(),
		region: shared.region(),
		sector: shared.sector(),
		occupation: shared.occupation(),
		skill_level: shared.skill_level(),
		scheme: shared.scheme(),
		agency: shared.agency(),
		status: {
			sql: `${CUBE}.status`,
			type: 'string',
			title: 'Status',
			description: 'open, filled, closed or cancelled, as in the latest source version',
			meta: { title_id: 'Status', description_id: 'open, filled, closed atau cancelled, menurut versi sumber terakhir' },
			format: 'id',
		},
		source: {
			sql: `${CUBE}.source`,
			type: 'string',
			title: 'Source',
			description: 'siskop2mi, embassy or g2g',
			meta: { title_id: 'Sumber', description_id: 'siskop2mi, embassy (perwakilan RI) atau g2g' },
			format: 'id',
		},
		required_certificate: {
			sql: `${CUBE}.required_certificate`,
			type: 'string',
			title: 'Required certificate',
			description: 'Certification scheme a candidate must hold; empty = none',
			meta: {
				title_id: 'Sertifikat yang disyaratkan',
				description_id: 'Skema sertifikasi yang wajib dimiliki kandidat; kosong = tidak ada',
			},
			format: 'id',
		},
		required_language: shared.required_language(),
		required_language_level: {
			sql: `${CUBE}.required_language_level`,
			type: 'number',
			title: 'Required language level',
			description: 'Minimum level on the 0-6 scale (0 = no language required)',
			meta: { title_id: 'Tingkat bahasa yang disyaratkan', description_id: 'Tingkat minimum pada skala 0-6 (0 = tanpa syarat bahasa)' },
			format: 'id',
		},
		min_education: {
			sql: `${CUBE}.min_education`,
			type: 'string',
			title: 'Minimum education',
			description: 'Minimum education level (code)',
			meta: { title_id: 'Pendidikan minimum', description_id: 'Jenjang pendidikan minimum (kode)' },
			format: 'id',
		},
		min_experience_years: {
			sql: `${CUBE}.min_experience_years`,
			type: 'number',
			title: 'Minimum experience (years)',
			description: 'Years of experience required',
			meta: { title_id: 'Pengalaman minimum (tahun)', description_id: 'Tahun pengalaman yang disyaratkan' },
			format: 'id',
		},
		gender_requirement: {
			sql: `${CUBE}.gender_requirement`,
			type: 'string',
			title: 'Gender requirement',
			description: 'any, F or M',
			meta: { title_id: 'Syarat jenis kelamin', description_id: 'any (bebas), F atau M' },
			format: 'id',
		},
		formal: shared.formal(),
		open_now: {
			sql: `toUInt8(${CUBE}.open_now > 0)`,
			type: 'number',
			title: 'Open now',
			description: 'The line is open at the as-of date (1 = yes, 0 = no)',
			meta: { title_id: 'Terbuka saat ini', description_id: 'Baris masih terbuka pada tanggal data (1 = ya, 0 = tidak)' },
			format: 'id',
		},
	},

	// Partitioned by the quarter a line was issued in, as agg_job_order_lines is: after a batch the
	// refresh (warehouse/src/after-load.ts) has Cube rebuild only the quarters of the rollup it
	// rebuilt (cube/src/partition-jobs.ts). Each partition's refresh key is what the rollup's quarter
	// was built from (quarterKey above; FILTER_PARAMS carries the partition's range), so a query
	// finds a partition stale only when its own quarter changed; the build range is whole quarters,
	// so a line issued later in the last quarter never falls outside it. docs/ingestion.md §5a.
	pre_aggregations: {
		// Ordered narrow to wide: Cube answers from the first one that covers the query.
		// National tiles and monthly series.
		national_monthly: {
			type: 'rollup',
			external: false,
			measures: [
				CUBE.lines,
				CUBE.demand_slots,
				CUBE.applications,
				CUBE.placements,
				CUBE.medium_high_placements,
				CUBE.open_slots_now,
				CUBE.open_lines_now,
				CUBE.j_slots,
				CUBE.j_applications,
				CUBE.j_placements,
				CUBE.j_wage_slots,
			],
			dimensions: [],
			time_dimension: CUBE.issued_date,
			granularity: 'month',
			partition_granularity: 'quarter',
			build_range_start: { sql: 'SELECT toDateTime(toStartOfQuarter(min(issued_date))) FROM agg_job_order_lines' },
			build_range_end: { sql: 'SELECT toDateTime(addMonths(toStartOfQuarter(max(issued_date)), 3)) - 1 FROM agg_job_order_lines' },
			refresh_key: { sql: quarterKey(FILTER_PARAMS.job_orders.issued_date.filter(quartersIn('month'))) },
			// no dimensions: sorted by a measure column (ClickHouse needs an ORDER BY)
			indexes: { main: { columns: [CUBE.lines] } },
		},
		// Every filter-bar dimension the lines have (origin does not apply to demand).
		filter_bar_monthly: {
			type: 'rollup',
			external: false,
			measures: [
				CUBE.lines,
				CUBE.demand_slots,
				CUBE.applications,
				CUBE.placements,
				CUBE.medium_high_placements,
				CUBE.open_slots_now,
				CUBE.open_lines_now,
				CUBE.j_slots,
				CUBE.j_applications,
				CUBE.j_placements,
				CUBE.j_wage_slots,
			],
			dimensions: [CUBE.country, CUBE.region, CUBE.sector, CUBE.occupation, CUBE.skill_level, CUBE.scheme],
			time_dimension: CUBE.issued_date,
			granularity: 'month',
			partition_granularity: 'quarter',
			build_range_start: { sql: 'SELECT toDateTime(toStartOfQuarter(min(issued_date))) FROM agg_job_order_lines' },
			build_range_end: { sql: 'SELECT toDateTime(addMonths(toStartOfQuarter(max(issued_date)), 3)) - 1 FROM agg_job_order_lines' },
			refresh_key: { sql: quarterKey(FILTER_PARAMS.job_orders.issued_date.filter(quartersIn('month'))) },
			indexes: { main: { columns: [CUBE.country, CUBE.sector, CUBE.occupation] } },
		},
		// Requirements, status and agencies: the country page drill-down to lines.
		detailed_monthly: {
			type: 'rollup',
			external: false,
			measures: [
				CUBE.lines,
				CUBE.demand_slots,
				CUBE.applications,
				CUBE.placements,
				CUBE.medium_high_placements,
				CUBE.open_slots_now,
				CUBE.open_lines_now,
				CUBE.j_slots,
				CUBE.j_applications,
				CUBE.j_placements,
				CUBE.j_wage_slots,
			],
			dimensions: [
				CUBE.country,
				CUBE.region,
				CUBE.sector,
				CUBE.occupation,
				CUBE.skill_level,
				CUBE.scheme,
				CUBE.status,
				CUBE.source,
				CUBE.required_certificate,
				CUBE.required_language,
				CUBE.required_language_level,
				CUBE.min_education,
				CUBE.min_experience_years,
				CUBE.gender_requirement,
				CUBE.formal,
				CUBE.open_now,
				CUBE.agency,
			],
			time_dimension: CUBE.issued_date,
			granularity: 'month',
			partition_granularity: 'quarter',
			build_range_start: { sql: 'SELECT toDateTime(toStartOfQuarter(min(issued_date))) FROM agg_job_order_lines' },
			build_range_end: { sql: 'SELECT toDateTime(addMonths(toStartOfQuarter(max(issued_date)), 3)) - 1 FROM agg_job_order_lines' },
			refresh_key: { sql: quarterKey(FILTER_PARAMS.job_orders.issued_date.filter(quartersIn('month'))) },
			indexes: { main: { columns: [CUBE.country, CUBE.sector, CUBE.occupation] } },
		},
	},
});
