// Open demand by requirement profile, for "Peluang untuk saya" (issue #15, /public/peluang): the
// slots open at the as-of date on lines grouped by destination country and `opening`, the line's
// occupation and every requirement of the one eligibility (warehouse/src/matching/eligibility.ts,
// LineRequirements) in one key, so a page can test a visitor's profile against each cell with
// requirementsMet() and no second copy of the rules. The same grouping as the rollup
// agg_open_requirement_profiles (warehouse/rollups/), plus the offered wage range. The public reads
// it through public_openings only, as one fixed table suppressed as a whole (docs/access.md,
// "Opportunities for me").
import { shared } from './shared';

cube('openings', {
	sql: `SELECT country_iso2, occupation_isco4, required_certificate, required_language, required_language_level, min_education_rank,
    min_experience_years, gender_requirement, age_min, age_max, open_now, wage_min_usd, wage_max_usd
  FROM agg_job_order_lines WHERE open_now > 0`,
	title: 'Open demand by requirement profile',
	description: 'Slots open at the as-of date by destination country and requirement profile (occupation and every eligibility requirement)',
	refresh_key: { sql: 'SELECT count() FROM ops_rollups', every: '1 second' },

	measures: {
		open_slots: {
			sql: `${CUBE}.open_now`,
			type: 'sum',
			title: 'Open slots now',
			description: 'Slots still open at the as-of date on the lines of the profile',
			meta: {
				disclosure: { kind: 'count' },
				title_id: 'Slot terbuka saat ini',
				description_id: 'Slot yang masih terbuka pada tanggal data di baris dengan profil persyaratan ini',
			},
			format: 'number',
		},
		wage_min_usd: {
			sql: `${CUBE}.wage_min_usd`,
			type: 'min',
			title: 'Lowest offered wage (USD)',
			description: 'Lowest bottom of the offered monthly wage ranges of the open lines, USD',
			meta: {
				disclosure: { kind: 'derived', from: ['open_slots'] },
				title_id: 'Upah terendah yang ditawarkan (USD)',
				description_id: 'Batas bawah terendah rentang upah bulanan yang ditawarkan baris terbuka, USD',
			},
			format: 'number',
		},
		wage_max_usd: {
			sql: `${CUBE}.wage_max_usd`,
			type: 'max',
			title: 'Highest offered wage (USD)',
			description: 'Highest top of the offered monthly wage ranges of the open lines, USD',
			meta: {
				disclosure: { kind: 'derived', from: ['open_slots'] },
				title_id: 'Upah tertinggi yang ditawarkan (USD)',
				description_id: 'Batas atas tertinggi rentang upah bulanan yang ditawarkan baris terbuka, USD',
			},
			format: 'number',
		},
	},

	dimensions: {
		access: shared.access({ detail: 'aggregate', people: false }),
		country: shared.country(),
		opening: {
			sql: `concat(${CUBE}.occupation_isco4, '|', ${CUBE}.required_certificate, '|', ${CUBE}.required_language, '|',
        toString(${CUBE}.required_language_level), '|', toString(${CUBE}.min_education_rank), '|', toString(${CUBE}.min_experience_years), '|',
        ${CUBE}.gender_requirement, '|', toString(${CUBE}.age_min), '|', toString(${CUBE}.age_max))`,
			type: 'string',
			title: 'Requirement profile',
			description:
				'occupation|certificate|language|language level|minimum education rank|minimum experience years|gender|age min|age max (empty = none; age 0|0 = no range)',
			meta: {
				title_id: 'Profil persyaratan',
				description_id:
					'jabatan|sertifikat|bahasa|tingkat bahasa|peringkat pendidikan minimum|tahun pengalaman minimum|jenis kelamin|umur min|umur maks (kosong = tidak ada; umur 0|0 = tanpa batas)',
			},
			format: 'id',
		},
	},
});
