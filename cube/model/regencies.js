import { shared } from './shared';

// Names of regencies and cities, for labels and maps (dim_regencies; names ODbL, see common/reference/data/SOURCES.md).
cube('regencies', {
	sql_table: 'dim_regencies',
	title: 'Regencies',
	description: 'Regencies and cities (kabupaten/kota) of Indonesia',

	measures: {},

	dimensions: {
		// The access rules of this cube (cube/src/access.ts, docs/access.md), in the meta of a hidden
		// member because Cube 0.33 has no cube-level meta.
		// people: false = rows do not count people (reference names and codes)
		access: shared.access({ detail: 'reference', province: 'province', people: false }),
		code: {
			sql: `${CUBE}.regency_code`,
			type: 'string',
			primary_key: true,
			public: true,
			title: 'Regency code',
			description: 'Kemendagri code PP.RR',
			meta: { title_id: 'Kode kabupaten/kota', description_id: 'Kode Kemendagri PP.RR' },
			format: 'id',
		},
		province: {
			sql: `${CUBE}.province_code`,
			type: 'string',
			title: 'Province code',
			description: 'Kemendagri province code',
			meta: { title_id: 'Kode provinsi', description_id: 'Kode Kemendagri provinsi' },
			format: 'id',
		},
		name: {
			sql: `${CUBE}.name`,
			type: 'string',
			title: 'Regency',
			description: 'Official name (Kabupaten X / Kota Y)',
			meta: { title_id: 'Kabupaten/kota', description_id: 'Nama resmi (Kabupaten X / Kota Y)' },
		},
		short_name: {
			sql: `${CUBE}.short_name`,
			type: 'string',
			title: 'Regency (short)',
			description: 'Chart label',
			meta: { title_id: 'Kabupaten/kota (singkat)', description_id: 'Label grafik' },
		},
		kind: {
			sql: `${CUBE}.kind`,
			type: 'string',
			title: 'Kind',
			description: 'kabupaten or kota',
			meta: { title_id: 'Jenis', description_id: 'kabupaten atau kota' },
		},
	},
});
