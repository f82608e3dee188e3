// The matching engine's latest run (warehouse/src/matching/, docs/matching.md): by destination and
// occupation, the open slots the optimal assignment could fill now against first-come-first-served
// and against the optimum without fairness constraints; and the run itself (when, how big, how
// long). Aggregates only: the recommendations (pseudonymous candidate ids) stay in the warehouse.
import { shared, sharedJoins } from './shared';

cube('matching_markets', {
	// the latest complete run: runMatching() writes the match_runs row after its parts
	sql: `SELECT * FROM match_markets WHERE run_id = (SELECT max(run_id) FROM match_runs)`,
	title: 'Matching by market',
	description: 'Latest matching run: open slots fillable now, optimal against first come first served, by destination and occupation',
	refresh_key: { sql: 'SELECT count() FROM match_runs', every: '1 second' },

	joins: {
		countries: sharedJoins.countries(),
		occupations: sharedJoins.occupations(),
	},

	measures: {
		open_slots: {
			sql: `${CUBE}.open_slots`,
			type: 'sum',
			title: 'Open slots',
			description: 'Slots open at the as-of date of the run',
			meta: { title_id: 'Slot terbuka', description_id: 'Slot terbuka pada tanggal data run' },
			format: 'number',
		},
		fillable_optimal: {
			sql: `${CUBE}.fillable_optimal`,
			type: 'sum',
			title: 'Fillable now (optimal)',
			description: 'Open slots the engine can fill with eligible waiting candidates, each recommended once, within the fairness bounds',
			meta: {
				title_id: 'Dapat diisi sekarang (optimal)',
				description_id:
					'Slot terbuka yang dapat diisi mesin dengan calon menunggu yang memenuhi syarat, tiap calon sekali, dalam batas keadilan',
			},
			format: 'number',
		},
		fillable_greedy: {
			sql: `${CUBE}.fillable_greedy`,
			type: 'sum',
			title: 'Fillable now (first come, first served)',
			description:
				'Open slots filled when each candidate, in order of registration, takes the earliest-issued eligible line with a free slot',
			meta: {
				title_id: 'Dapat diisi sekarang (siapa cepat dia dapat)',
				description_id:
					'Slot terbuka yang terisi bila tiap calon, menurut urutan pendaftaran, mengambil baris tersedia paling awal yang memenuhi syarat',
			},
			format: 'number',
		},
		fillable_unconstrained: {
			sql: `${CUBE}.fillable_unconstrained`,
			type: 'sum',
			title: 'Fillable now (no fairness bounds)',
			description: 'Open slots the optimal assignment fills without the fairness constraints',
			meta: {
				title_id: 'Dapat diisi sekarang (tanpa batas keadilan)',
				description_id: 'Slot terbuka yang diisi penugasan optimal tanpa batasan keadilan',
			},
			format: 'number',
		},
		eligible_candidates: {
			sql: `${CUBE}.eligible_candidates`,
			type: 'sum',
			title: 'Eligible candidates (counted per market)',
			description:
				'Waiting candidates eligible for at least one open line of the destination and occupation; a candidate counts in every market they are eligible for',
			meta: {
				title_id: 'Calon memenuhi syarat (dihitung per pasar)',
				description_id:
					'Calon menunggu yang memenuhi syarat setidaknya satu baris terbuka di negara dan jabatan itu; dihitung di setiap pasar',
			},
			format: 'number',
		},
		recommendations: {
			sql: `${CUBE}.recommendations`,
			type: 'sum',
			title: 'Recommendations',
			description: 'Candidates recommended to the lines (at most 3 per open slot, each candidate once)',
			meta: {
				title_id: 'Rekomendasi',
				description_id: 'Calon yang direkomendasikan ke baris (paling banyak 3 per slot, tiap calon sekali)',
			},
			format: 'number',
		},
		optimal_over_greedy: {
			sql: `${m_optimal} / NULLIF(${m_greedy}, 0)`,
			type: 'number',
			title: 'Optimal / first come, first served',
			description: 'Slots fillable by the optimal assignment / by first come, first served',
			meta: {
				title_id: 'Optimal / siapa cepat dia dapat',
				description_id: 'Slot yang dapat diisi penugasan optimal / siapa cepat dia dapat',
			},
			format: 'number',
		},
		m_optimal: {
			sql: `${CUBE}.fillable_optimal`,
			type: 'sum',
			public: false,
			title: 'Fillable optimal (ratio component)',
			description: 'Private copy of Fillable now (optimal) for ratios; see docs/metrics.md (ClickHouse alias shadowing).',
			meta: { title_id: 'Fillable optimal (komponen rasio)', description_id: 'Salinan privat untuk rasio.' },
			format: 'number',
		},
		m_greedy: {
			sql: `${CUBE}.fillable_greedy`,
			type: 'sum',
			public: false,
			title: 'Fillable greedy (ratio component)',
			description: 'Private copy of Fillable now (first come, first served) for ratios; see docs/metrics.md (ClickHouse alias shadowing).',
			meta: { title_id: 'Fillable greedy (komponen rasio)', description_id: 'Salinan privat untuk rasio.' },
			format: 'number',
		},
	},

	dimensions: {
		// The access rules of this cube (cube/src/access.ts, docs/access.md), in the meta of a hidden
		// member because Cube 0.33 has no cube-level meta.
		// people: false = rows do not count people (market cells of one run, keyed by demand attributes)
		access: shared.access({ detail: 'aggregate', people: false }),
		cell: {
			sql: `concat(${CUBE}.country_iso2, '/', ${CUBE}.occupation_isco4)`,
			type: 'string',
			primary_key: true,
			public: false,
			title: 'Market',
			description: 'destination/occupation',
			meta: { title_id: 'Pasar', description_id: 'negara tujuan/jabatan' },
			format: 'id',
		},
		country: shared.country(),
		occupation: shared.occupation(),
	},
});

cube('matching_runs', {
	sql: `SELECT * FROM match_runs WHERE run_id = (SELECT max(run_id) FROM match_runs)`,
	title: 'Matching engine run',
	description: 'The latest run of the matching engine: when, on what data, how big and how long',
	refresh_key: { sql: 'SELECT count() FROM match_runs', every: '1 second' },

	measures: {
		seconds: {
			sql: `${CUBE}.seconds`,
			type: 'max',
			title: 'Run time (s)',
			description: 'Wall time of the run: reading the data, three solves, ranking and storing',
			meta: {
				title_id: 'Waktu proses (detik)',
				description_id: 'Waktu proses: membaca data, tiga kali penyelesaian, pemeringkatan, penyimpanan',
			},
			format: 'number',
		},
		lines: {
			sql: `${CUBE}.lines`,
			type: 'max',
			title: 'Open lines',
			description: 'Open lines the run matched',
			meta: { title_id: 'Baris terbuka', description_id: 'Baris terbuka yang dicocokkan' },
			format: 'number',
		},
		open_slots: {
			sql: `${CUBE}.open_slots`,
			type: 'max',
			title: 'Open slots',
			description: 'Open slots the run matched',
			meta: { title_id: 'Slot terbuka', description_id: 'Slot terbuka yang dicocokkan' },
			format: 'number',
		},
		candidates: {
			sql: `${CUBE}.candidates`,
			type: 'max',
			title: 'Waiting candidates',
			description: 'Waiting candidates the run considered',
			meta: { title_id: 'Calon menunggu', description_id: 'Calon menunggu yang dipertimbangkan' },
			format: 'number',
		},
		eligible_candidates: {
			sql: `${CUBE}.eligible_candidates`,
			type: 'max',
			title: 'Eligible candidates',
			description: 'Waiting candidates eligible for at least one open line (each counted once)',
			meta: {
				title_id: 'Calon memenuhi syarat',
				description_id: 'Calon menunggu yang memenuhi syarat setidaknya satu baris terbuka (sekali per orang)',
			},
			format: 'number',
		},
		line_profiles: {
			sql: `${CUBE}.line_profiles`,
			type: 'max',
			title: 'Requirement profiles',
			description: 'Requirement profiles of the open lines (demand nodes of the problem)',
			meta: { title_id: 'Profil persyaratan', description_id: 'Profil persyaratan baris terbuka (simpul permintaan)' },
			format: 'number',
		},
		candidate_profiles: {
			sql: `${CUBE}.candidate_profiles`,
			type: 'max',
			title: 'Candidate profiles',
			description: 'Candidate profiles (capability group x province x gender x education group: supply nodes of the problem)',
			meta: {
				title_id: 'Profil calon',
				description_id: 'Profil calon (kelompok kemampuan x provinsi x jenis kelamin x kelompok pendidikan)',
			},
			format: 'number',
		},
		eligible_pairs: {
			sql: `${CUBE}.eligible_pairs`,
			type: 'max',
			title: 'Eligible profile pairs',
			description: 'Profile pairs that meet the eligibility (variables of the problem)',
			meta: { title_id: 'Pasangan profil memenuhi syarat', description_id: 'Pasangan profil yang memenuhi syarat (variabel masalah)' },
			format: 'number',
		},
		model_rows: {
			sql: `visitParamExtractUInt(${CUBE}.fairness, 'model_rows')`,
			type: 'max',
			title: 'Model rows',
			description: 'Constraints of the largest model the run solved (stored with its configuration)',
			meta: { title_id: 'Baris model', description_id: 'Kendala model terbesar yang diselesaikan run' },
			format: 'number',
		},
		model_columns: {
			sql: `visitParamExtractUInt(${CUBE}.fairness, 'model_columns')`,
			type: 'max',
			title: 'Model columns',
			description: 'Variables of the largest model the run solved',
			meta: { title_id: 'Kolom model', description_id: 'Variabel model terbesar yang diselesaikan run' },
			format: 'number',
		},
		model_nonzeros: {
			sql: `visitParamExtractUInt(${CUBE}.fairness, 'model_nonzeros')`,
			type: 'max',
			title: 'Model nonzeros',
			description: 'Nonzero coefficients of the largest model the run solved',
			meta: { title_id: 'Koefisien bukan nol', description_id: 'Koefisien bukan nol model terbesar yang diselesaikan run' },
			format: 'number',
		},
		fill_bound: {
			// stored with the configuration (as the model size) by warehouse/src/matching/run.ts
			sql: `visitParamExtractUInt(${CUBE}.fairness, 'fill_bound')`,
			type: 'max',
			title: 'Fillable at most (LP bound)',
			description:
				'Upper bound of the slots an assignment within the fairness bounds can fill: the optimum of its LP relaxation (equal to the fill when the run is proven optimal; 0 for runs stored before it was recorded)',
			meta: {
				title_id: 'Paling banyak dapat diisi (batas LP)',
				description_id:
					'Batas atas slot yang dapat diisi penugasan dalam batas keadilan: optimum relaksasi LP-nya (sama dengan yang terisi bila run terbukti optimal; 0 untuk run yang disimpan sebelum dicatat)',
			},
			format: 'number',
		},
		fillable_optimal: {
			sql: `${CUBE}.fillable_optimal`,
			type: 'max',
			title: 'Fillable now (optimal)',
			description: 'Open slots fillable by the optimal assignment within the fairness bounds',
			meta: {
				title_id: 'Dapat diisi sekarang (optimal)',
				description_id: 'Slot terbuka yang dapat diisi penugasan optimal dalam batas keadilan',
			},
			format: 'number',
		},
		fillable_greedy: {
			sql: `${CUBE}.fillable_greedy`,
			type: 'max',
			title: 'Fillable now (first come, first served)',
			description: 'Open slots first come, first served fills on the same data',
			meta: {
				title_id: 'Dapat diisi sekarang (siapa cepat dia dapat)',
				description_id: 'Slot terbuka yang diisi siapa cepat dia dapat pada data yang sama',
			},
			format: 'number',
		},
		fillable_unconstrained: {
			sql: `${CUBE}.fillable_unconstrained`,
			type: 'max',
			title: 'Fillable now (no fairness bounds)',
			description: 'Open slots the optimal assignment fills without the fairness constraints',
			meta: {
				title_id: 'Dapat diisi sekarang (tanpa batas keadilan)',
				description_id: 'Slot terbuka yang diisi penugasan optimal tanpa batasan keadilan',
			},
			format: 'number',
		},
	},

	dimensions: {
		// people: false = one row: the run
		access: shared.access({ detail: 'aggregate', people: false }),
		run_id: {
			sql: `${CUBE}.run_id`,
			type: 'string',
			primary_key: true,
			public: false,
			title: 'Run',
			description: 'Run id',
			meta: { title_id: 'Run', description_id: 'Id run' },
			format: 'id',
		},
		run_at: {
			sql: `${CUBE}.run_at`,
			type: 'time',
			title: 'Run at',
			description: 'When the latest run finished (UTC)',
			meta: { title_id: 'Waktu run', description_id: 'Waktu run terakhir selesai (UTC)' },
		},
		solver_status: {
			sql: `${CUBE}.solver_status`,
			type: 'string',
			title: 'Solver status',
			description:
				'Status of the fair solve: Optimal (proven), Rounded (from the LP relaxation, within the fairness bounds; see fill_bound), or Time limit reached (the best solution found kept, or without one the LP relaxation rounded; see fill_bound)',
			meta: {
				title_id: 'Status pemecah',
				description_id:
					'Status penyelesaian dengan keadilan: Optimal (terbukti), Rounded (dibulatkan dari relaksasi LP, dalam batas keadilan; lihat fill_bound), atau Time limit reached (solusi terbaik yang ditemukan disimpan, atau tanpa solusi relaksasi LP dibulatkan; lihat fill_bound)',
			},
		},
		data_as_of: {
			sql: `toDateTime(${CUBE}.as_of)`,
			type: 'time',
			title: 'Data as of',
			description: 'The as-of date of the data the run matched',
			meta: { title_id: 'Data per tanggal', description_id: 'Tanggal data yang dicocokkan run' },
		},
	},
});

cube('matching_groups', {
	// each fairness group of the latest run, with its dimension's totals for the shares
	sql: `SELECT *, pool / greatest(pool_total, 1) AS pool_share, recommendations / greatest(recommendations_total, 1) AS recommendation_share
		FROM (SELECT * FROM match_groups WHERE run_id = (SELECT max(run_id) FROM match_runs))
		ANY LEFT JOIN
		(
			SELECT run_id, dimension, sum(pool) AS pool_total, sum(recommendations) AS recommendations_total
			FROM match_groups WHERE run_id = (SELECT max(run_id) FROM match_runs) GROUP BY run_id, dimension
		) USING (run_id, dimension)`,
	title: 'Matching fairness by group',
	description:
		'Latest matching run: each origin province, gender and education group, its share of the recommendations against its share of the eligible pool',
	refresh_key: { sql: 'SELECT count() FROM match_runs', every: '1 second' },

	measures: {
		// the k rule's count of people per row (internal; the same people the pool counts)
		people: {
			sql: `${CUBE}.pool`,
			type: 'sum',
			public: false,
			title: 'People',
			description: 'Waiting candidates of the group eligible for at least one open line, for the k rule',
			meta: { internal: true, title_id: 'Orang', description_id: 'Calon menunggu kelompok itu, untuk aturan k.' },
			format: 'number',
		},
		pool: {
			sql: `${CUBE}.pool`,
			type: 'sum',
			title: 'Eligible pool',
			description: 'Waiting candidates of the group eligible for at least one open line',
			meta: {
				title_id: 'Kumpulan memenuhi syarat',
				description_id: 'Calon menunggu kelompok itu yang memenuhi syarat setidaknya satu baris terbuka',
			},
			format: 'number',
		},
		recommendations: {
			sql: `${CUBE}.recommendations`,
			type: 'sum',
			title: 'Recommendations',
			description: 'Candidates of the group the engine recommended',
			meta: { title_id: 'Rekomendasi', description_id: 'Calon kelompok itu yang direkomendasikan mesin' },
			format: 'number',
		},
		pool_share: {
			sql: `${CUBE}.pool_share`,
			type: 'sum',
			title: 'Share of the eligible pool',
			description: "The group's share of the eligible pool, within its dimension (query one dimension at a time)",
			meta: {
				title_id: 'Pangsa kumpulan memenuhi syarat',
				description_id: 'Pangsa kelompok dalam kumpulan memenuhi syarat, dalam dimensinya',
			},
			format: 'percent',
		},
		recommendation_share: {
			sql: `${CUBE}.recommendation_share`,
			type: 'sum',
			title: 'Share of recommendations',
			description:
				"The group's share of the recommendations, within its dimension (fairness: within ±20 % of its pool share, one person of rounding)",
			meta: {
				title_id: 'Pangsa rekomendasi',
				description_id:
					'Pangsa kelompok dalam rekomendasi, dalam dimensinya (keadilan: dalam ±20 % pangsa kumpulannya, pembulatan satu orang)',
			},
			format: 'percent',
		},
	},

	dimensions: {
		// a row counts people (the group's eligible pool): groups of fewer than k are not served
		access: shared.access({ detail: 'aggregate', people: 'people' }),
		key: {
			sql: `concat(${CUBE}.dimension, '/', ${CUBE}.group_code)`,
			type: 'string',
			primary_key: true,
			public: false,
			title: 'Group',
			description: 'dimension/group',
			meta: { title_id: 'Kelompok', description_id: 'dimensi/kelompok' },
			format: 'id',
		},
		dimension: {
			sql: `${CUBE}.dimension`,
			type: 'string',
			title: 'Fairness dimension',
			description: 'province, gender or education',
			meta: { title_id: 'Dimensi keadilan', description_id: 'provinsi, jenis kelamin atau pendidikan' },
		},
		group: {
			sql: `${CUBE}.group_code`,
			type: 'string',
			title: 'Group',
			description: 'Province code, F/M, or basic/secondary/higher',
			meta: { title_id: 'Kelompok', description_id: 'Kode provinsi, F/M, atau dasar/menengah/tinggi' },
		},
	},
});

// The training and certification planner of the latest run (warehouse/src/matching/planner.ts,
// docs/matching.md "Training planner"): seats the plan gives by the candidates' origin province and
// the seat (certificate exam of a scheme, language course to a level), against seats given in
// proportion to each gap's size. Counts of a plan, no candidate ids.
cube('matching_plan', {
	sql: `SELECT * FROM match_plan WHERE run_id = (SELECT max(run_id) FROM match_runs)`,
	title: 'Training plan',
	description:
		'Latest matching run: seats for language courses and certification exams given to the candidates one requirement away, by origin province and seat, the plan against proportional allocation',
	// the plan is stored after its run (warehouse/src/matching/run.ts): a new run, then its plan
	refresh_key: { sql: 'SELECT (SELECT count() FROM match_runs) + (SELECT count() FROM match_plan_runs)', every: '1 second' },

	joins: {
		provinces: sharedJoins.provinces(),
	},

	measures: {
		plan_seats: {
			sql: `${CUBE}.plan_seats`,
			type: 'sum',
			title: 'Seats (plan)',
			description: 'Seats the plan gives, each to one candidate one certificate or language level away from an open line',
			meta: {
				title_id: 'Kursi (rencana)',
				description_id: 'Kursi yang diberikan rencana, masing-masing untuk satu calon yang kurang satu sertifikat atau tingkat bahasa',
			},
			format: 'number',
		},
		plan_candidates: {
			sql: `${CUBE}.plan_candidates`,
			type: 'sum',
			title: 'Candidates trained (plan)',
			description: 'Candidates the plan trains or certifies',
			meta: { title_id: 'Calon dilatih (rencana)', description_id: 'Calon yang dilatih atau disertifikasi menurut rencana' },
			format: 'number',
		},
		plan_slots: {
			sql: `${CUBE}.plan_slots`,
			type: 'sum',
			title: 'Slots made fillable (plan)',
			description:
				'Open slots that become fillable with the plan: fill with the seats minus fill without, shared over provinces and seats in proportion to the slots their trained candidates fill',
			meta: {
				title_id: 'Slot menjadi dapat diisi (rencana)',
				description_id:
					'Slot terbuka yang menjadi dapat diisi dengan rencana: isian dengan kursi dikurangi tanpa kursi, dibagi ke provinsi dan kursi menurut slot yang diisi calon terlatihnya',
			},
			format: 'number',
		},
		proportional_seats: {
			sql: `${CUBE}.proportional_seats`,
			type: 'sum',
			title: 'Seats (proportional)',
			description: "Seats of the same budget given to each gap in proportion to its size (the gap's near-miss candidates)",
			meta: {
				title_id: 'Kursi (proporsional)',
				description_id: 'Kursi anggaran yang sama dibagi ke tiap kesenjangan sebanding ukurannya (calon yang kurang satu syarat)',
			},
			format: 'number',
		},
		proportional_candidates: {
			sql: `${CUBE}.proportional_candidates`,
			type: 'sum',
			title: 'Candidates trained (proportional)',
			description: 'Candidates the proportional seats train (fewer than the seats when certification capacity runs out)',
			meta: {
				title_id: 'Calon dilatih (proporsional)',
				description_id: 'Calon yang dilatih kursi proporsional (lebih sedikit bila kapasitas sertifikasi habis)',
			},
			format: 'number',
		},
		proportional_slots: {
			sql: `${CUBE}.proportional_slots`,
			type: 'sum',
			title: 'Slots made fillable (proportional)',
			description: 'Open slots that become fillable with the proportional seats, shared the same way',
			meta: {
				title_id: 'Slot menjadi dapat diisi (proporsional)',
				description_id: 'Slot terbuka yang menjadi dapat diisi dengan kursi proporsional, dibagi dengan cara yang sama',
			},
			format: 'number',
		},
		plan_per_seat_over_proportional: {
			sql: `(${m_plan_slots} / NULLIF(${m_plan_candidates}, 0)) / NULLIF(${m_proportional_slots} / NULLIF(${m_proportional_candidates}, 0), 0)`,
			type: 'number',
			title: 'Slots per seat: plan ÷ proportional',
			description: 'Slots made fillable per candidate trained by the plan, divided by the same for the proportional allocation',
			meta: {
				title_id: 'Slot per kursi: rencana ÷ proporsional',
				description_id:
					'Slot yang menjadi dapat diisi per calon dilatih menurut rencana, dibagi angka yang sama untuk alokasi proporsional',
			},
			format: 'number',
		},
		m_plan_slots: {
			sql: `${CUBE}.plan_slots`,
			type: 'sum',
			public: false,
			title: 'Plan slots (ratio component)',
			description: 'Private copy of Slots made fillable (plan) for ratios; see docs/metrics.md (ClickHouse alias shadowing).',
			meta: { title_id: 'Slot rencana (komponen rasio)', description_id: 'Salinan privat untuk rasio.' },
			format: 'number',
		},
		m_plan_candidates: {
			sql: `${CUBE}.plan_candidates`,
			type: 'sum',
			public: false,
			title: 'Plan candidates (ratio component)',
			description: 'Private copy of Candidates trained (plan) for ratios.',
			meta: { title_id: 'Calon rencana (komponen rasio)', description_id: 'Salinan privat untuk rasio.' },
			format: 'number',
		},
		m_proportional_slots: {
			sql: `${CUBE}.proportional_slots`,
			type: 'sum',
			public: false,
			title: 'Proportional slots (ratio component)',
			description: 'Private copy of Slots made fillable (proportional) for ratios.',
			meta: { title_id: 'Slot proporsional (komponen rasio)', description_id: 'Salinan privat untuk rasio.' },
			format: 'number',
		},
		m_proportional_candidates: {
			sql: `${CUBE}.proportional_candidates`,
			type: 'sum',
			public: false,
			title: 'Proportional candidates (ratio component)',
			description: 'Private copy of Candidates trained (proportional) for ratios.',
			meta: { title_id: 'Calon proporsional (komponen rasio)', description_id: 'Salinan privat untuk rasio.' },
			format: 'number',
		},
	},

	dimensions: {
		// Rows are the seats of a plan per province and seat, not people's records (like
		// competency_gap): no k rule; regional heads see it nationally, as the other match cubes.
		access: shared.access({ detail: 'aggregate', province: 'province', people: false }),
		key: {
			sql: `concat(${CUBE}.province_code, '/', ${CUBE}.kind, '/', ${CUBE}.code, '/', toString(${CUBE}.level))`,
			type: 'string',
			primary_key: true,
			public: false,
			title: 'Row',
			description: 'province/kind/code/level',
			meta: { title_id: 'Baris', description_id: 'provinsi/jenis/kode/tingkat' },
			format: 'id',
		},
		province: shared.province(),
		kind: {
			sql: `${CUBE}.kind`,
			type: 'string',
			title: 'Seat kind',
			description: 'certificate (an exam of a scheme) or language (a course to a level)',
			meta: { title_id: 'Jenis kursi', description_id: 'certificate (ujian skema) atau language (kursus ke satu tingkat)' },
		},
		code: {
			sql: `${CUBE}.code`,
			type: 'string',
			title: 'Scheme or language',
			description: 'Certification scheme code, or ISO 639-1 language code',
			meta: { title_id: 'Skema atau bahasa', description_id: 'Kode skema sertifikasi, atau kode bahasa ISO 639-1' },
		},
		level: {
			sql: `${CUBE}.level`,
			type: 'number',
			title: 'Language level',
			description: 'The level a language course leads to (0 for certificates)',
			meta: { title_id: 'Tingkat bahasa', description_id: 'Tingkat yang dicapai kursus bahasa (0 untuk sertifikat)' },
		},
	},
});

cube('matching_plan_runs', {
	sql: `SELECT * FROM match_plan_runs WHERE run_id = (SELECT max(run_id) FROM match_runs)`,
	title: 'Training plan: budget and totals',
	description: 'The training planner of the latest matching run: its seat budget and the slots fillable with and without seats',
	// the plan is stored after its run (warehouse/src/matching/run.ts): a new run, then its plan
	refresh_key: { sql: 'SELECT (SELECT count() FROM match_runs) + (SELECT count() FROM match_plan_runs)', every: '1 second' },

	measures: {
		budget: {
			sql: `${CUBE}.budget`,
			type: 'max',
			title: 'Seat budget',
			description: 'Seats the planner may give (language courses and certification exams)',
			meta: { title_id: 'Anggaran kursi', description_id: 'Kursi yang boleh diberikan perencana (kursus bahasa dan ujian sertifikasi)' },
			format: 'number',
		},
		near_candidates: {
			sql: `${CUBE}.near_candidates`,
			type: 'max',
			title: 'Candidates one training away',
			description: 'Waiting candidates one certificate or language level away from an open line',
			meta: {
				title_id: 'Calon kurang satu pelatihan',
				description_id: 'Calon menunggu yang kurang satu sertifikat atau tingkat bahasa untuk satu baris terbuka',
			},
			format: 'number',
		},
		base_fillable: {
			sql: `${CUBE}.base_fillable`,
			type: 'max',
			title: 'Fillable without seats',
			description: 'Open slots fillable now with no seat given (the optimum without fairness bounds)',
			meta: { title_id: 'Dapat diisi tanpa kursi', description_id: 'Slot terbuka yang dapat diisi sekarang tanpa kursi' },
			format: 'number',
		},
		plan_fillable: {
			sql: `${CUBE}.plan_fillable`,
			type: 'max',
			title: 'Fillable with the plan',
			description: "Open slots fillable with the plan's seats (the fill without seats plus the slots the plan makes fillable)",
			meta: {
				title_id: 'Dapat diisi dengan rencana',
				description_id: 'Slot terbuka yang dapat diisi dengan kursi rencana (isian tanpa kursi ditambah slot yang menjadi dapat diisi)',
			},
			format: 'number',
		},
		plan_bound: {
			sql: `${CUBE}.plan_bound`,
			type: 'max',
			title: 'Fillable by any plan, at most',
			description:
				"The most open slots any plan within the budget and the certification bodies' capacity could make fillable (the plan model's LP relaxation, rounded down); equal to Fillable with the plan when the plan is proven optimal; 0 = not recorded (runs before migration 0017)",
			meta: {
				title_id: 'Dapat diisi rencana mana pun, paling banyak',
				description_id:
					'Slot terbuka terbanyak yang dapat dibuat dapat diisi oleh rencana mana pun dalam anggaran dan kapasitas lembaga sertifikasi (relaksasi LP model rencana, dibulatkan ke bawah); sama dengan isian rencana bila rencana terbukti optimal; 0 = tidak tercatat (run sebelum migrasi 0017)',
			},
			format: 'number',
		},
		upper_bound_fillable: {
			sql: `${CUBE}.upper_bound_fillable`,
			type: 'max',
			title: 'Fillable if every near miss were trained',
			description: 'Open slots fillable if every candidate one training away got it (no budget, no capacity limit)',
			meta: {
				title_id: 'Dapat diisi bila semua dilatih',
				description_id: 'Slot terbuka yang dapat diisi bila semua calon yang kurang satu pelatihan mendapatkannya',
			},
			format: 'number',
		},
		seconds: {
			sql: `${CUBE}.seconds`,
			type: 'max',
			title: 'Planner run time (s)',
			description: 'Wall time of the planner within the run (four solves)',
			meta: { title_id: 'Waktu perencana (detik)', description_id: 'Waktu proses perencana dalam run (empat penyelesaian)' },
			format: 'number',
		},
	},

	dimensions: {
		// people: false = one row: the run's plan
		access: shared.access({ detail: 'aggregate', people: false }),
		budget_source: {
			sql: `${CUBE}.budget_source`,
			type: 'string',
			title: 'Budget from',
			description:
				"Where the plan's seat budget came from: the file the ministry's budget was read from (warehouse/src/matching/budget-cli.ts), default (the planner's assumption: one national pool, one seat per ten candidates one training away), or given (a benchmark's own)",
			meta: {
				title_id: 'Sumber anggaran',
				description_id:
					'Asal anggaran kursi rencana: berkas anggaran kementerian (budget-cli.ts), default (asumsi perencana: satu kumpulan nasional, satu kursi per sepuluh calon yang kurang satu pelatihan), atau given (anggaran benchmark)',
			},
		},
		budget_set_at: {
			sql: `${CUBE}.budget_set_at`,
			type: 'time',
			title: 'Budget set at',
			description: "When the ministry's budget the plan used was stored (UTC); 1970-01-01 for the default budget",
			meta: {
				title_id: 'Anggaran ditetapkan',
				description_id: 'Waktu anggaran kementerian yang dipakai rencana disimpan (UTC); 1970-01-01 untuk anggaran default',
			},
		},
		run_id: {
			sql: `${CUBE}.run_id`,
			type: 'string',
			primary_key: true,
			public: false,
			title: 'Run',
			description: 'Run id',
			meta: { title_id: 'Run', description_id: 'Id run' },
			format: 'id',
		},
	},
});
