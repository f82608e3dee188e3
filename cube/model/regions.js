import { shared } from './shared';

// Names of world regions, for labels (dim_regions).
cube('regions', {
	sql_table: 'dim_regions',
	title: 'World regions',
	description: 'SLMI world regions (UN M49 sub-regions, adjusted)',

	measures: {},

	dimensions: {
		// The access rules of this cube (cube/src/access.ts, docs/access.md), in the meta of a hidden
		// member because Cube 0.33 has no cube-level meta.
		// people: false = rows do not count people (reference names and codes)
		access: shared.access({ detail: 'reference', people: false }),
		code: {
			sql: `${CUBE}.region_code`,
			type: 'string',
			primary_key: true,
			public: true,
			title: 'Region code',
			description: 'SLMI region code',
			meta: { title_id: 'Kode kawasan', description_id: 'Kode kawasan SLMI' },
			format: 'id',
		},
		name_en: {
			sql: `${CUBE}.name_en`,
			type: 'string',
			title: 'Region (English)',
			description: 'Region name in English',
			meta: { title_id: 'Kawasan (Inggris)', description_id: 'Nama kawasan dalam bahasa Inggris' },
		},
		name_id: {
			sql: `${CUBE}.name_id`,
			type: 'string',
			title: 'Region (Indonesian)',
			description: 'Region name in Indonesian',
			meta: { title_id: 'Kawasan', description_id: 'Nama kawasan dalam bahasa Indonesia' },
		},
	},
});
