// The competency gap at the as-of date (agg_competency_gap): one row per market cell (occupation x
// destination x sector) with open demand. The gap is computed per cell and then summed, so it adds
// up across cells; qualified supply counts a candidate once per cell they could serve. Matching
// rules and the split by missing requirement: docs/metrics.md and warehouse/rollups/.
import { shared, sharedJoins } from './shared';

cube('competency_gap', {
	sql_table: 'agg_competency_gap',
	title: 'Competency gap',
	description: 'Open demand against qualified supply, per market cell (occupation x destination x sector), now',
	refresh_key: { sql: 'SELECT count() FROM ops_rollups', every: '1 second' },

	joins: {
		countries: sharedJoins.countries(),
		regions: sharedJoins.regions(),
		occupations: sharedJoins.occupations(),
		sectors: sharedJoins.sectors(),
	},

	measures: {
		open_slots: {
			sql: `${CUBE}.open_slots`,
			type: 'sum',
			title: 'Open slots',
			description: 'Slots open at the as-of date',
			meta: { title_id: 'Slot terbuka', description_id: 'Slot terbuka pada tanggal data' },
			format: 'number',
			drill_members: [country, occupation, sector],
		},
		open_lines: {
			sql: `${CUBE}.open_lines`,
			type: 'sum',
			title: 'Open lines',
			description: 'Lines open at the as-of date',
			meta: { title_id: 'Baris terbuka', description_id: 'Baris terbuka pada tanggal data' },
			format: 'number',
		},
		qualified_supply: {
			sql: `${CUBE}.qualified_supply`,
			type: 'sum',
			title: 'Qualified supply',
			description:
				'Waiting candidates who prefer the occupation, accept the destination and meet every requirement of at least one open line there (counted once per market cell: occupation x destination x sector, so a candidate who could serve two sectors counts in both)',
			meta: {
				title_id: 'Pasokan memenuhi syarat',
				description_id:
					'Calon pekerja menunggu yang meminati jabatan, menerima negara tujuan, dan memenuhi semua syarat setidaknya satu baris terbuka di sana (dihitung sekali per sel pasar: jabatan x negara x sektor, sehingga calon yang dapat mengisi dua sektor dihitung di keduanya)',
			},
			format: 'number',
			drill_members: [country, occupation, sector],
		},
		gap: {
			sql: `${CUBE}.gap`,
			type: 'sum',
			title: 'Competency gap',
			description: 'max(0, open slots - qualified supply), per market cell (occupation x destination x sector), summed',
			meta: {
				title_id: 'Kesenjangan kompetensi',
				description_id: 'maks(0, slot terbuka - pasokan memenuhi syarat), per sel pasar (jabatan x negara tujuan x sektor), dijumlahkan',
			},
			format: 'number',
			drill_members: [country, occupation, sector],
		},
		gap_share: {
			sql: `${g_gap} / NULLIF(${g_open_slots}, 0)`,
			type: 'number',
			title: 'Gap share of open slots',
			description: 'Competency gap / open slots',
			meta: { title_id: 'Pangsa kesenjangan', description_id: 'Kesenjangan kompetensi / slot terbuka' },
			format: 'percent',
		},
		gap_certificate: {
			sql: `${CUBE}.gap_certificate`,
			type: 'sum',
			title: 'Gap: certificate',
			description: 'Part of the gap covered by candidates who lack only a certificate',
			meta: {
				title_id: 'Kesenjangan: sertifikat',
				description_id: 'Bagian kesenjangan yang dapat diisi calon yang hanya kurang sertifikat',
			},
			format: 'number',
		},
		gap_language: {
			sql: `${CUBE}.gap_language`,
			type: 'sum',
			title: 'Gap: language',
			description: 'Then by candidates who lack only a language level',
			meta: { title_id: 'Kesenjangan: bahasa', description_id: 'Lalu oleh calon yang hanya kurang tingkat bahasa' },
			format: 'number',
		},
		gap_experience: {
			sql: `${CUBE}.gap_experience`,
			type: 'sum',
			title: 'Gap: experience',
			description: 'Then by candidates who lack only experience',
			meta: { title_id: 'Kesenjangan: pengalaman', description_id: 'Lalu oleh calon yang hanya kurang pengalaman' },
			format: 'number',
		},
		gap_education: {
			sql: `${CUBE}.gap_education`,
			type: 'sum',
			title: 'Gap: education',
			description: 'Then by candidates who lack only education',
			meta: { title_id: 'Kesenjangan: pendidikan', description_id: 'Lalu oleh calon yang hanya kurang pendidikan' },
			format: 'number',
		},
		gap_no_near_supply: {
			sql: `${CUBE}.gap_no_near_supply`,
			type: 'sum',
			title: 'Gap: no near supply',
			description: 'The rest of the gap: no waiting candidate is one requirement away',
			meta: {
				title_id: 'Kesenjangan: tanpa pasokan dekat',
				description_id: 'Sisa kesenjangan: tidak ada calon menunggu yang hanya kurang satu syarat',
			},
			format: 'number',
		},
		closable_by_training: {
			sql: `${CUBE}.gap_certificate + ${CUBE}.gap_language`,
			type: 'sum',
			title: 'Closable by certification or language training',
			description:
				'Part of the gap that candidates who lack only a certificate, then those who lack only a language level, would close (gap: certificate + gap: language; each candidate counted once, never more than the gap)',
			meta: {
				title_id: 'Dapat ditutup dengan sertifikasi atau pelatihan bahasa',
				description_id:
					'Bagian kesenjangan yang dapat ditutup calon yang hanya kurang sertifikat, lalu calon yang hanya kurang tingkat bahasa (kesenjangan: sertifikat + kesenjangan: bahasa; tiap calon dihitung sekali, tidak pernah melebihi kesenjangan)',
			},
			format: 'number',
			drill_members: [country, occupation, sector],
		},
		closable_by_certification: {
			sql: `${CUBE}.closable_by_certification`,
			type: 'sum',
			title: 'Closable by certification',
			description:
				'min(gap, candidates who lack only a certificate): what certification would close on its own; not additive with closable_by_language (use closable_by_training for the total)',
			meta: { title_id: 'Dapat ditutup dengan sertifikasi', description_id: 'min(kesenjangan, calon yang hanya kurang sertifikat)' },
			format: 'number',
		},
		closable_by_language: {
			sql: `${CUBE}.closable_by_language`,
			type: 'sum',
			title: 'Closable by language training',
			description:
				'min(gap, candidates who lack only a language level): what language training would close on its own; not additive with closable_by_certification (use closable_by_training for the total)',
			meta: {
				title_id: 'Dapat ditutup dengan pelatihan bahasa',
				description_id: 'min(kesenjangan, calon yang hanya kurang tingkat bahasa)',
			},
			format: 'number',
		},
		near_miss_certificate: {
			sql: `${CUBE}.near_miss_certificate`,
			type: 'sum',
			title: 'Near misses: certificate',
			description: 'Waiting candidates who would qualify with the certificate alone',
			meta: { title_id: 'Hampir memenuhi: sertifikat', description_id: 'Calon menunggu yang memenuhi syarat bila punya sertifikat saja' },
			format: 'number',
		},
		near_miss_language: {
			sql: `${CUBE}.near_miss_language`,
			type: 'sum',
			title: 'Near misses: language',
			description: 'Waiting candidates who would qualify with the language level alone',
			meta: { title_id: 'Hampir memenuhi: bahasa', description_id: 'Calon menunggu yang memenuhi syarat bila tingkat bahasanya cukup' },
			format: 'number',
		},
		near_miss_education: {
			sql: `${CUBE}.near_miss_education`,
			type: 'sum',
			title: 'Near misses: education',
			description: 'Waiting candidates who would qualify with the education alone',
			meta: { title_id: 'Hampir memenuhi: pendidikan', description_id: 'Calon menunggu yang memenuhi syarat bila pendidikannya cukup' },
			format: 'number',
		},
		near_miss_experience: {
			sql: `${CUBE}.near_miss_experience`,
			type: 'sum',
			title: 'Near misses: experience',
			description: 'Waiting candidates who would qualify with the experience alone',
			meta: { title_id: 'Hampir memenuhi: pengalaman', description_id: 'Calon menunggu yang memenuhi syarat bila pengalamannya cukup' },
			format: 'number',
		},
		g_gap: {
			sql: `${CUBE}.gap`,
			type: 'sum',
			public: false,
			title: 'Competency gap (ratio component)',
			description: 'Private copy of Competency gap for ratios; see docs/metrics.md (ClickHouse alias shadowing).',
			meta: { title_id: 'Competency gap (komponen rasio)', description_id: 'Salinan privat untuk rasio.' },
			format: 'number',
		},
		g_open_slots: {
			sql: `${CUBE}.open_slots`,
			type: 'sum',
			public: false,
			title: 'Open slots (ratio component)',
			description: 'Private copy of Open slots for ratios; see docs/metrics.md (ClickHouse alias shadowing).',
			meta: { title_id: 'Open slots (komponen rasio)', description_id: 'Salinan privat untuk rasio.' },
			format: 'number',
		},
	},

	dimensions: {
		// The access rules of this cube (cube/src/access.ts, docs/access.md), in the meta of a hidden
		// member because Cube 0.33 has no cube-level meta.
		// people: false = rows do not count people (market cells (occupation x destination x sector), keyed by demand attributes only)
		access: shared.access({ detail: 'aggregate', people: false }),
		cell: {
			sql: `concat(${CUBE}.occupation_isco4, '/', ${CUBE}.country_iso2, '/', ${CUBE}.sector)`,
			type: 'string',
			primary_key: true,
			public: false,
			title: 'Market cell',
			description: 'occupation/destination/sector',
			meta: { title_id: 'Sel pasar', description_id: 'jabatan/negara tujuan/sektor' },
			format: 'id',
		},
		occupation: shared.occupation(),
		country: shared.country(),
		region: shared.region(),
		sector: shared.sector(),
		skill_level: shared.skill_level(),
	},
});
