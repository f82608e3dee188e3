// Where candidates can certify: certification bodies x the schemes each assesses, with the body's
// province and annual capacity (reference data: dim_certification_bodies,
// dim_certification_body_schemes, dim_certification_schemes, dim_provinces). Small tables, read
// directly.
import { shared, sharedJoins } from './shared';

cube('certification_capacity', {
	sql: `
    SELECT body_code, scheme_code, body_name, body_kind, province_code, island_group, scheme_kind, capacity_share
    FROM
    (
        SELECT *
        FROM
        (
            SELECT body_code, scheme_code
            FROM dim_certification_body_schemes
        )
        ANY LEFT JOIN
        (
            SELECT body_code, name AS body_name, kind AS body_kind, province_code, island_group, annual_capacity / schemes AS capacity_share
            FROM
            (
                SELECT *
                FROM dim_certification_bodies
                ANY LEFT JOIN (SELECT body_code, count() AS schemes FROM dim_certification_body_schemes GROUP BY body_code) USING body_code
            )
            ANY LEFT JOIN (SELECT province_code, island_group FROM dim_provinces) USING province_code
        ) USING body_code
    )
    ANY LEFT JOIN (SELECT scheme_code, kind AS scheme_kind FROM dim_certification_schemes) USING scheme_code
`,
	title: 'Certification capacity',
	description: 'Certification bodies, the schemes they assess and their annual capacity, by province',
	refresh_key: { sql: 'SELECT count() FROM ops_rollups', every: '1 second' },

	joins: {
		certification_schemes: sharedJoins.certification_schemes(),
		provinces: sharedJoins.provinces(),
	},

	measures: {
		bodies: {
			sql: `${CUBE}.body_code`,
			type: 'count_distinct',
			title: 'Certification bodies',
			description: 'Distinct certification bodies (LSP, test centres)',
			meta: { title_id: 'Lembaga sertifikasi', description_id: 'Jumlah lembaga sertifikasi (LSP, tempat uji) yang berbeda' },
			format: 'number',
			drill_members: [province, scheme, body],
		},
		annual_capacity: {
			sql: `${CUBE}.capacity_share`,
			type: 'sum',
			title: 'Annual assessment capacity',
			description:
				"Assessments a year; a body's capacity is shared equally among the schemes it offers, so totals over schemes equal the bodies' capacity",
			meta: {
				title_id: 'Kapasitas uji per tahun',
				description_id:
					'Jumlah uji per tahun; kapasitas satu lembaga dibagi rata ke skema yang ditawarkannya, sehingga total semua skema sama dengan kapasitas lembaga',
			},
			format: 'number',
		},
		body_schemes: {
			type: 'count',
			title: 'Body-scheme offers',
			description: 'Pairs of a body and a scheme it assesses',
			meta: { title_id: 'Penawaran skema', description_id: 'Pasangan lembaga dan skema yang diujinya' },
			format: 'number',
		},
	},

	dimensions: {
		// The access rules of this cube (cube/src/access.ts, docs/access.md), in the meta of a hidden
		// member because Cube 0.33 has no cube-level meta.
		// people: false = rows do not count people (certification bodies and their capacity, in the bodies' own province, not candidates')
		access: shared.access({ detail: 'aggregate', people: false }),
		offer: {
			sql: `concat(${CUBE}.body_code, '/', ${CUBE}.scheme_code)`,
			type: 'string',
			primary_key: true,
			public: false,
			title: 'Offer',
			description: 'body/scheme',
			meta: { title_id: 'Penawaran', description_id: 'lembaga/skema' },
			format: 'id',
		},
		body: {
			sql: `${CUBE}.body_code`,
			type: 'string',
			title: 'Certification body',
			description: 'Body code',
			meta: { title_id: 'Lembaga sertifikasi', description_id: 'Kode lembaga' },
			format: 'id',
		},
		body_name: {
			sql: `${CUBE}.body_name`,
			type: 'string',
			title: 'Certification body name',
			description: 'Name (synthetic in demo data)',
			meta: { title_id: 'Nama lembaga sertifikasi', description_id: 'Nama (sintetis pada data demo)' },
		},
		body_kind: {
			sql: `${CUBE}.body_kind`,
			type: 'string',
			title: 'Body kind',
			description: 'Kind of certification body',
			meta: { title_id: 'Jenis lembaga', description_id: 'Jenis lembaga sertifikasi' },
			format: 'id',
		},
		province: {
			sql: `${CUBE}.province_code`,
			type: 'string',
			title: 'Province of the body',
			description: 'Kemendagri code of the province where the body assesses',
			meta: { title_id: 'Provinsi lembaga', description_id: 'Kode Kemendagri provinsi tempat lembaga menguji' },
			format: 'id',
		},
		island_group: shared.island_group(),
		scheme: {
			sql: `${CUBE}.scheme_code`,
			type: 'string',
			title: 'Certification scheme',
			description: 'Scheme the body assesses',
			meta: { title_id: 'Skema sertifikasi', description_id: 'Skema yang diuji lembaga' },
			format: 'id',
		},
		kind: {
			sql: `${CUBE}.scheme_kind`,
			type: 'string',
			title: 'Scheme kind',
			description: 'bnsp, professional or licence',
			meta: { title_id: 'Jenis skema', description_id: 'bnsp, professional atau licence' },
			format: 'id',
		},
	},
});
