import { shared } from './shared';

// Education level names, for labels (dim_education_levels).
cube('education_levels', {
	sql_table: 'dim_education_levels',
	title: 'Education levels',
	description: 'Education levels with their rank for minimum-education comparisons',

	measures: {},

	dimensions: {
		// The access rules of this cube (cube/src/access.ts, docs/access.md), in the meta of a hidden
		// member because Cube 0.33 has no cube-level meta.
		// people: false = rows do not count people (reference names and codes)
		access: shared.access({ detail: 'reference', people: false }),
		code: {
			sql: `${CUBE}.education_code`,
			type: 'string',
			primary_key: true,
			public: true,
			title: 'Education code',
			description: 'Education level code',
			meta: { title_id: 'Kode pendidikan', description_id: 'Kode jenjang pendidikan' },
			format: 'id',
		},
		rank: {
			sql: `${CUBE}.rank`,
			type: 'number',
			title: 'Rank',
			description: 'Order for minimum-education comparisons (SMA and SMK share a rank)',
			meta: { title_id: 'Peringkat', description_id: 'Urutan untuk perbandingan pendidikan minimum (SMA dan SMK setara)' },
			format: 'id',
		},
		name_en: {
			sql: `${CUBE}.name_en`,
			type: 'string',
			title: 'Education (English)',
			description: 'Name in English',
			meta: { title_id: 'Pendidikan (Inggris)', description_id: 'Nama dalam bahasa Inggris' },
		},
		name_id: {
			sql: `${CUBE}.name_id`,
			type: 'string',
			title: 'Education (Indonesian)',
			description: 'Name in Indonesian',
			meta: { title_id: 'Pendidikan', description_id: 'Nama dalam bahasa Indonesia' },
		},
	},
});
