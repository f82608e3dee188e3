import { shared } from './shared';

// Names of destination countries, for labels (dim_countries, from common/reference).
cube('countries', {
	sql_table: 'dim_countries',
	title: 'Countries',
	description: 'Destination countries (ISO 3166-1) with names in Indonesian and English',

	measures: {},

	dimensions: {
		// The access rules of this cube (cube/src/access.ts, docs/access.md), in the meta of a hidden
		// member because Cube 0.33 has no cube-level meta.
		// people: false = rows do not count people (reference names and codes)
		access: shared.access({ detail: 'reference', people: false }),
		code: {
			sql: `${CUBE}.country_iso2`,
			type: 'string',
			primary_key: true,
			public: true,
			title: 'Country code',
			description: 'ISO 3166-1 alpha-2',
			meta: { title_id: 'Kode negara', description_id: 'ISO 3166-1 alpha-2' },
			format: 'id',
		},
		iso3: {
			sql: `${CUBE}.country_iso3`,
			type: 'string',
			title: 'ISO alpha-3 code',
			description: 'ISO 3166-1 alpha-3',
			meta: { title_id: 'Kode ISO alpha-3', description_id: 'ISO 3166-1 alpha-3' },
			format: 'id',
		},
		numeric: {
			sql: `${CUBE}.country_numeric`,
			type: 'string',
			title: 'ISO numeric code',
			description: 'ISO 3166-1 numeric, three digits (the world-atlas map feature id)',
			meta: { title_id: 'Kode numerik ISO', description_id: 'ISO 3166-1 numerik, tiga digit (id fitur peta world-atlas)' },
			format: 'id',
		},
		name_en: {
			sql: `${CUBE}.name_en`,
			type: 'string',
			title: 'Country (English)',
			description: 'Country name in English',
			meta: { title_id: 'Negara (Inggris)', description_id: 'Nama negara dalam bahasa Inggris' },
		},
		name_id: {
			sql: `${CUBE}.name_id`,
			type: 'string',
			title: 'Country (Indonesian)',
			description: 'Country name in Indonesian',
			meta: { title_id: 'Negara', description_id: 'Nama negara dalam bahasa Indonesia' },
		},
		region: {
			sql: `${CUBE}.region_code`,
			type: 'string',
			title: 'Region',
			description: 'World region code (regions cube)',
			meta: { title_id: 'Kawasan', description_id: 'Kode kawasan dunia (kubus regions)' },
			format: 'id',
		},
	},
});
