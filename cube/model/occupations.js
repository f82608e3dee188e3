import { shared } from './shared';

// Occupation titles, for labels (dim_occupations).
cube('occupations', {
	sql_table: 'dim_occupations',
	title: 'Occupations',
	description: 'KBJI 2014 / ISCO-08 unit groups with titles in Indonesian and English',

	measures: {},

	dimensions: {
		// The access rules of this cube (cube/src/access.ts, docs/access.md), in the meta of a hidden
		// member because Cube 0.33 has no cube-level meta.
		// people: false = rows do not count people (reference names and codes)
		access: shared.access({ detail: 'reference', people: false }),
		code: {
			sql: `${CUBE}.occupation_isco4`,
			type: 'string',
			primary_key: true,
			public: true,
			title: 'Occupation code',
			description: 'KBJI 2014 / ISCO-08 unit group',
			meta: { title_id: 'Kode jabatan', description_id: 'Kelompok unit KBJI 2014 / ISCO-08' },
			format: 'id',
		},
		title_en: {
			sql: `${CUBE}.title_en`,
			type: 'string',
			title: 'Occupation (English)',
			description: 'ISCO-08 title',
			meta: { title_id: 'Jabatan (Inggris)', description_id: 'Nama jabatan ISCO-08' },
		},
		title_id: {
			sql: `${CUBE}.title_id`,
			type: 'string',
			title: 'Occupation (Indonesian)',
			description: 'KBJI 2014 title',
			meta: { title_id: 'Jabatan', description_id: 'Nama jabatan KBJI 2014' },
		},
		skill_level: {
			sql: `${CUBE}.skill_level`,
			type: 'number',
			title: 'Skill level',
			description: 'ISCO-08 skill level 1-4',
			meta: { title_id: 'Tingkat keterampilan', description_id: 'Tingkat keterampilan ISCO-08 1-4' },
			format: 'id',
		},
		sector: {
			sql: `${CUBE}.sector_code`,
			type: 'string',
			title: 'Usual sector',
			description: 'Usual SISKOP2MI sector of the occupation',
			meta: { title_id: 'Sektor umum', description_id: 'Sektor SISKOP2MI yang umum untuk jabatan ini' },
			format: 'id',
		},
		priority_quick_win: {
			sql: `${CUBE}.priority_quick_win`,
			type: 'number',
			title: 'Quick Win priority',
			description: 'A Quick Win 2026 priority occupation (1 = yes)',
			meta: { title_id: 'Prioritas Quick Win', description_id: 'Jabatan prioritas Quick Win 2026 (1 = ya)' },
			format: 'id',
		},
	},
});
