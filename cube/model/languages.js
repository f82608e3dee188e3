import { shared } from './shared';

// Language names, for labels (dim_languages).
cube('languages', {
	sql_table: 'dim_languages',
	title: 'Languages',
	description: 'Foreign languages required or spoken',

	measures: {},

	dimensions: {
		// The access rules of this cube (cube/src/access.ts, docs/access.md), in the meta of a hidden
		// member because Cube 0.33 has no cube-level meta.
		// people: false = rows do not count people (reference names and codes)
		access: shared.access({ detail: 'reference', people: false }),
		code: {
			sql: `${CUBE}.language_code`,
			type: 'string',
			primary_key: true,
			public: true,
			title: 'Language code',
			description: 'ISO 639-1 (or 639-3)',
			meta: { title_id: 'Kode bahasa', description_id: 'ISO 639-1 (atau 639-3)' },
			format: 'id',
		},
		name_en: {
			sql: `${CUBE}.name_en`,
			type: 'string',
			title: 'Language (English)',
			description: 'Name in English',
			meta: { title_id: 'Bahasa (Inggris)', description_id: 'Nama dalam bahasa Inggris' },
		},
		name_id: {
			sql: `${CUBE}.name_id`,
			type: 'string',
			title: 'Language (Indonesian)',
			description: 'Name in Indonesian',
			meta: { title_id: 'Bahasa', description_id: 'Nama dalam bahasa Indonesia' },
		},
		test_name: {
			sql: `${CUBE}.test_name`,
			type: 'string',
			title: 'Usual test',
			description: 'Usual proficiency test',
			meta: { title_id: 'Tes umum', description_id: 'Tes kemahiran yang umum' },
		},
	},
});
