// Trainings (fct_trainings): language, skill and pre-departure orientation courses at LPK, BLK and
// SMK, by the day they ended.
import { shared, sharedJoins } from './shared';

cube('trainings', {
	sql_table: 'fct_trainings',
	title: 'Trainings',
	description: 'Training enrolments of candidates, by end date',
	refresh_key: { sql: 'SELECT count() FROM ops_batches', every: '1 second' },

	joins: {
		provinces: sharedJoins.provinces(),
		regencies: sharedJoins.regencies(),
		languages: {
			relationship: 'many_to_one',
			sql: `${CUBE}.language_code = ${languages}.language_code`,
		},
		occupations: sharedJoins.occupations(),
	},

	measures: {
		people: {
			sql: `${CUBE}.candidate_id`,
			// exact (cube/src/dialect.ts): `approx` only makes the distinct count mergeable in pre-aggregations
			type: 'count_distinct_approx',
			public: false,
			title: 'People',
			description:
				'Distinct candidates the row describes (exact: one candidate can enrol in several trainings). Access rule: docs/access.md.',
			meta: { internal: true, title_id: 'Orang', description_id: 'Jumlah calon pekerja berbeda dalam baris (tepat).' },
			format: 'number',
		},
		trainings: {
			type: 'count',
			title: 'Trainings',
			description: 'Training enrolments that ended in the period (completed or dropped)',
			meta: { title_id: 'Pelatihan', description_id: 'Jumlah pelatihan yang berakhir dalam periode (selesai atau berhenti)' },
			format: 'number',
			drill_members: [end_date, kind, institution_kind, province, language],
		},
		completed: {
			type: 'count',
			filters: [{ sql: `${CUBE}.result = 'completed'` }],
			title: 'Completed trainings',
			description: 'Trainings completed',
			meta: { title_id: 'Pelatihan selesai', description_id: 'Pelatihan yang diselesaikan' },
			format: 'number',
			drill_members: [end_date, kind, institution_kind, province, language],
		},
		dropped: {
			type: 'count',
			filters: [{ sql: `${CUBE}.result = 'dropped'` }],
			title: 'Dropped trainings',
			description: 'Trainings the candidate dropped out of',
			meta: { title_id: 'Pelatihan berhenti', description_id: 'Pelatihan yang tidak diselesaikan' },
			format: 'number',
		},
		completion_rate: {
			sql: `${t_completed} / NULLIF(${t_trainings}, 0)`,
			type: 'number',
			title: 'Completion rate',
			description: 'Completed / trainings',
			meta: { title_id: 'Tingkat penyelesaian', description_id: 'Selesai / jumlah pelatihan' },
			format: 'percent',
		},
		t_trainings: {
			type: 'count',
			public: false,
			title: 'Trainings (ratio component)',
			description: 'Private copy of Trainings for ratios; see docs/metrics.md (ClickHouse alias shadowing).',
			meta: { title_id: 'Trainings (komponen rasio)', description_id: 'Salinan privat untuk rasio.' },
			format: 'number',
		},
		t_completed: {
			type: 'count',
			public: false,
			filters: [{ sql: `${CUBE}.result = 'completed'` }],
			title: 'Completed trainings (ratio component)',
			description: 'Private copy of Completed trainings for ratios; see docs/metrics.md (ClickHouse alias shadowing).',
			meta: { title_id: 'Completed trainings (komponen rasio)', description_id: 'Salinan privat untuk rasio.' },
			format: 'number',
		},
	},

	dimensions: {
		// The access rules of this cube (cube/src/access.ts, docs/access.md), in the meta of a hidden
		// member because Cube 0.33 has no cube-level meta.
		access: shared.access({ detail: 'candidate', province: 'province', people: 'people' }),
		training_id: {
			sql: `${CUBE}.training_id`,
			type: 'string',
			primary_key: true,
			public: false,
			title: 'Id',
			description: 'Natural key (pseudonymous)',
			meta: { title_id: 'Id', description_id: 'Kunci alami (pseudonim)' },
			format: 'id',
		},
		end_date: {
			sql: `toDateTime(${CUBE}.end_date)`,
			type: 'time',
			title: 'End date',
			description: 'Last day of the training (completion or drop-out)',
			meta: { title_id: 'Tanggal selesai', description_id: 'Hari terakhir pelatihan (selesai atau berhenti)' },
		},
		start_date: {
			sql: `toDateTime(${CUBE}.start_date)`,
			type: 'time',
			title: 'Start date',
			description: 'First day of the training',
			meta: { title_id: 'Tanggal mulai', description_id: 'Hari pertama pelatihan' },
		},
		kind: {
			sql: `${CUBE}.kind`,
			type: 'string',
			title: 'Training kind',
			description: 'language, skill or orientation (pre-departure)',
			meta: {
				title_id: 'Jenis pelatihan',
				description_id: 'language (bahasa), skill (keterampilan) atau orientation (orientasi pra-pemberangkatan)',
			},
			format: 'id',
		},
		institution_kind: {
			sql: `${CUBE}.institution_kind`,
			type: 'string',
			title: 'Institution kind',
			description: 'LPK (private), BLK (public) or SMK',
			meta: { title_id: 'Jenis lembaga', description_id: 'LPK (swasta), BLK (pemerintah) atau SMK' },
			format: 'id',
		},
		institution_province: {
			sql: `${CUBE}.institution_province`,
			type: 'string',
			title: 'Province of the institution',
			description: 'Kemendagri code of the province of the training institution',
			meta: { title_id: 'Provinsi lembaga pelatihan', description_id: 'Kode Kemendagri provinsi lembaga pelatihan' },
			format: 'id',
		},
		language: {
			sql: `${CUBE}.language_code`,
			type: 'string',
			title: 'Language',
			description: 'For language trainings: the language (ISO 639-1)',
			meta: { title_id: 'Bahasa', description_id: 'Untuk pelatihan bahasa: bahasanya (ISO 639-1)' },
			format: 'id',
		},
		language_level: {
			sql: `${CUBE}.language_level`,
			type: 'number',
			title: 'Language level reached',
			description: 'For language trainings: the level reached on the 0-6 scale',
			meta: { title_id: 'Tingkat bahasa dicapai', description_id: 'Untuk pelatihan bahasa: tingkat yang dicapai (skala 0-6)' },
			format: 'id',
		},
		occupation: {
			sql: `${CUBE}.occupation_isco4`,
			type: 'string',
			title: 'Occupation trained for',
			description: 'KBJI 2014 / ISCO-08 unit group (4 digits); titles in the occupations cube',
			meta: {
				title_id: 'Jabatan yang dilatih',
				description_id: 'Kelompok unit KBJI 2014 / ISCO-08 (4 digit); nama jabatan ada di kubus occupations',
			},
			format: 'id',
		},
		result: {
			sql: `${CUBE}.result`,
			type: 'string',
			title: 'Result',
			description: 'completed or dropped',
			meta: { title_id: 'Hasil', description_id: 'completed (selesai) atau dropped (berhenti)' },
			format: 'id',
		},
		province: shared.province_2(),
		regency: shared.regency(),
		gender: shared.gender(),
		education: shared.education(),
	},

	pre_aggregations: {
		// Ordered narrow to wide: Cube answers from the first one that covers the query.
		national_monthly: {
			type: 'rollup',
			external: false,
			measures: [CUBE.trainings, CUBE.completed, CUBE.dropped, CUBE.t_trainings, CUBE.t_completed, CUBE.people],
			dimensions: [CUBE.kind, CUBE.result],
			time_dimension: CUBE.end_date,
			granularity: 'month',
			refresh_key: { sql: 'SELECT count() FROM ops_batches' },
			indexes: { main: { columns: [CUBE.kind] } },
		},
		// Filter bar and the province page.
		filter_bar_monthly: {
			type: 'rollup',
			external: false,
			measures: [CUBE.trainings, CUBE.completed, CUBE.dropped, CUBE.t_trainings, CUBE.t_completed, CUBE.people],
			dimensions: [CUBE.province, CUBE.gender, CUBE.kind, CUBE.institution_kind, CUBE.language, CUBE.occupation, CUBE.result],
			time_dimension: CUBE.end_date,
			granularity: 'month',
			refresh_key: { sql: 'SELECT count() FROM ops_batches' },
			indexes: { main: { columns: [CUBE.province, CUBE.kind] } },
		},
		// Regencies, institutions, levels.
		detailed_monthly: {
			type: 'rollup',
			external: false,
			measures: [CUBE.trainings, CUBE.completed, CUBE.dropped, CUBE.t_trainings, CUBE.t_completed, CUBE.people],
			dimensions: [
				CUBE.province,
				CUBE.gender,
				CUBE.kind,
				CUBE.institution_kind,
				CUBE.language,
				CUBE.occupation,
				CUBE.result,
				CUBE.regency,
				CUBE.education,
				CUBE.institution_province,
				CUBE.language_level,
			],
			time_dimension: CUBE.end_date,
			granularity: 'month',
			refresh_key: { sql: 'SELECT count() FROM ops_batches' },
			indexes: { main: { columns: [CUBE.province, CUBE.kind] } },
		},
	},
});
