import { shared } from './shared';

// Certification scheme names, for labels (dim_certification_schemes).
cube('certification_schemes', {
	sql_table: 'dim_certification_schemes',
	title: 'Certification schemes',
	description: 'BNSP competency schemes, professional registrations and licences',

	measures: {},

	dimensions: {
		// The access rules of this cube (cube/src/access.ts, docs/access.md), in the meta of a hidden
		// member because Cube 0.33 has no cube-level meta.
		// people: false = rows do not count people (reference names and codes)
		access: shared.access({ detail: 'reference', people: false }),
		code: {
			sql: `${CUBE}.scheme_code`,
			type: 'string',
			primary_key: true,
			public: true,
			title: 'Scheme code',
			description: 'Certification scheme code',
			meta: { title_id: 'Kode skema', description_id: 'Kode skema sertifikasi' },
			format: 'id',
		},
		title_en: {
			sql: `${CUBE}.title_en`,
			type: 'string',
			title: 'Scheme (English)',
			description: 'Scheme title in English',
			meta: { title_id: 'Skema (Inggris)', description_id: 'Nama skema dalam bahasa Inggris' },
		},
		title_id: {
			sql: `${CUBE}.title_id`,
			type: 'string',
			title: 'Scheme (Indonesian)',
			description: 'Scheme title in Indonesian',
			meta: { title_id: 'Skema', description_id: 'Nama skema dalam bahasa Indonesia' },
		},
		kind: {
			sql: `${CUBE}.kind`,
			type: 'string',
			title: 'Kind',
			description: 'bnsp, professional or licence',
			meta: { title_id: 'Jenis', description_id: 'bnsp, professional atau licence' },
		},
	},
});
