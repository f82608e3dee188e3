import { shared } from './shared';

// Placement agency names, for labels (dim_agencies).
cube('agencies', {
	sql_table: 'dim_agencies',
	title: 'Placement agencies',
	description: 'Licensed placement agencies (P3MI); synthetic names in demo data',

	measures: {},

	dimensions: {
		// The access rules of this cube (cube/src/access.ts, docs/access.md), in the meta of a hidden
		// member because Cube 0.33 has no cube-level meta.
		// people: false = rows do not count people (reference names and codes)
		access: shared.access({ detail: 'reference', people: false }),
		code: {
			sql: `${CUBE}.agency_code`,
			type: 'string',
			primary_key: true,
			public: true,
			title: 'Agency code',
			description: 'P3MI licence code',
			meta: { title_id: 'Kode P3MI', description_id: 'Kode izin P3MI' },
			format: 'id',
		},
		name: {
			sql: `${CUBE}.name`,
			type: 'string',
			title: 'Agency',
			description: 'Agency name',
			meta: { title_id: 'P3MI', description_id: 'Nama P3MI' },
		},
		province: {
			sql: `${CUBE}.province_code`,
			type: 'string',
			title: 'Province of the agency',
			description: 'Kemendagri code of the province where the agency is registered',
			meta: { title_id: 'Provinsi P3MI', description_id: 'Kode Kemendagri provinsi tempat P3MI terdaftar' },
			format: 'id',
		},
		licensed_since: {
			sql: `toDateTime(${CUBE}.licensed_since)`,
			type: 'time',
			title: 'Licensed since',
			description: 'Date of the licence',
			meta: { title_id: 'Berizin sejak', description_id: 'Tanggal izin' },
		},
	},
});
