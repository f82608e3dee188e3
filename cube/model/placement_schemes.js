// Placement scheme names, for labels (dim_schemes).
cube('placement_schemes', {
	sql_table: 'dim_schemes',
	title: 'Placement schemes',
	description: 'P2P, G2G, UKPS and MANDIRI',

	measures: {},

	dimensions: {
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
