import { shared } from './shared';

// Sector names, for labels (dim_sectors).
cube('sectors', {
	sql_table: 'dim_sectors',
	title: 'Sectors',
	description: 'SISKOP2MI demand sectors',

	measures: {},

	dimensions: {
		// The access rules of this cube (cube/src/access.ts, docs/access.md), in the meta of a hidden
		// member because Cube 0.33 has no cube-level meta.
		// people: false = rows do not count people (reference names and codes)
		access: shared.access({ detail: 'reference', people: false }),
		code: {
			sql: `${CUBE}.sector_code`,
			type: 'string',
			primary_key: true,
			public: true,
			title: 'Sector code',
			description: 'SISKOP2MI sector code',
			meta: { title_id: 'Kode sektor', description_id: 'Kode sektor SISKOP2MI' },
			format: 'id',
		},
		name_en: {
			sql: `${CUBE}.name_en`,
			type: 'string',
			title: 'Sector (English)',
			description: 'Sector name in English',
			meta: { title_id: 'Sektor (Inggris)', description_id: 'Nama sektor dalam bahasa Inggris' },
		},
		name_id: {
			sql: `${CUBE}.name_id`,
			type: 'string',
			title: 'Sector (Indonesian)',
			description: 'Sector name in Indonesian',
			meta: { title_id: 'Sektor', description_id: 'Nama sektor dalam bahasa Indonesia' },
		},
		formal: {
			sql: `${CUBE}.formal`,
			type: 'number',
			title: 'Formal',
			description: 'Formal-sector employment (1 = yes)',
			meta: { title_id: 'Formal', description_id: 'Pekerjaan sektor formal (1 = ya)' },
			format: 'id',
		},
	},
});
