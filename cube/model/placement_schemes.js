import { shared } from './shared';

// Placement scheme names, for labels (dim_schemes).
cube('placement_schemes', {
	sql_table: 'dim_schemes',
	title: 'Placement schemes',
	description: 'P2P, G2G, UKPS and MANDIRI',

	measures: {},

	dimensions: {
		// The access rules of this cube (cube/src/access.ts, docs/access.md), in the meta of a hidden
		// member because Cube 0.33 has no cube-level meta.
		// people: false = rows do not count people (reference names and codes)
		access: shared.access({ detail: 'reference', people: false }),
		code: {
			sql: `${CUBE}.scheme`,
			type: 'string',
			primary_key: true,
			public: true,
			title: 'Scheme code',
			description: 'Placement scheme code',
			meta: { title_id: 'Kode skema', description_id: 'Kode skema penempatan' },
			format: 'id',
		},
		name_en: {
			sql: `${CUBE}.name_en`,
			type: 'string',
			title: 'Scheme (English)',
			description: 'Name in English',
			meta: { title_id: 'Skema (Inggris)', description_id: 'Nama dalam bahasa Inggris' },
		},
		name_id: {
			sql: `${CUBE}.name_id`,
			type: 'string',
			title: 'Scheme (Indonesian)',
			description: 'Name in Indonesian',
			meta: { title_id: 'Skema', description_id: 'Nama dalam bahasa Indonesia' },
		},
	},
});
