// Names and populations of provinces, for labels and maps (dim_provinces).
import { shared } from './shared';

cube('provinces', {
	sql_table: 'dim_provinces',
	title: 'Provinces',
	description: 'The 38 provinces of Indonesia with population',

	measures: {},

	dimensions: {
		// The access rules of this cube (cube/src/access.ts, docs/access.md), in the meta of a hidden
		// member because Cube 0.33 has no cube-level meta.
		// people: false = rows do not count people (reference names and codes)
		access: shared.access({ detail: 'reference', province: 'code', people: false }),
		code: {
			sql: `${CUBE}.province_code`,
			type: 'string',
			primary_key: true,
			public: true,
			title: 'Province code',
			description: 'Kemendagri code, 11-96',
			meta: { title_id: 'Kode provinsi', description_id: 'Kode Kemendagri, 11-96' },
			format: 'id',
		},
		bps_code: {
			sql: `${CUBE}.province_bps`,
			type: 'string',
			title: 'BPS code',
			description: 'BPS province code (differs for the Papua provinces)',
			meta: { title_id: 'Kode BPS', description_id: 'Kode provinsi BPS (berbeda untuk provinsi-provinsi Papua)' },
			format: 'id',
		},
		iso_code: {
			sql: `${CUBE}.province_iso`,
			type: 'string',
			title: 'ISO 3166-2 code',
			description: 'ISO 3166-2:ID code',
			meta: { title_id: 'Kode ISO 3166-2', description_id: 'Kode ISO 3166-2:ID' },
			format: 'id',
		},
		name: {
			sql: `${CUBE}.name`,
			type: 'string',
			title: 'Province',
			description: 'Province name',
			meta: { title_id: 'Provinsi', description_id: 'Nama provinsi' },
		},
		island_group: shared.island_group(),
		population: {
			sql: `${CUBE}.population`,
			type: 'number',
			title: 'Population',
			description: 'Mid-2024 population (BPS projection)',
			meta: { title_id: 'Penduduk', description_id: 'Jumlah penduduk pertengahan 2024 (proyeksi BPS)' },
			format: 'number',
		},
		working_age_population: {
			sql: `${CUBE}.working_age_population`,
			type: 'number',
			title: 'Working-age population',
			description: 'Population aged 15-64 (mid-2024)',
			meta: { title_id: 'Penduduk usia kerja', description_id: 'Penduduk berumur 15-64 tahun (pertengahan 2024)' },
			format: 'number',
		},
	},
});
