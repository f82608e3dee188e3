// Placements: departures of Indonesian migrant workers (one row per departure).
cube('placements', {
	sql_table: 'fct_placements',
	title: 'Placements',
	description: 'Departures of migrant workers (PMI) abroad',

	measures: {
		placements: {
			type: 'count',
			title: 'Placements',
			description: 'Number of departures in the period',
			meta: { title_id: 'Penempatan', description_id: 'Jumlah keberangkatan dalam periode' },
			format: 'number',
		},
	},

	dimensions: {
		placement_id: {
			sql: 'placement_id',
			type: 'string',
			primary_key: true,
			shown: false,
		},
		// ClickHouse 18.16 compares Date with DateTime as raw numbers; Cube's date-range filters
		// compare with DateTime literals, so the column must be cast first.
		departure_date: {
			sql: 'toDateTime(departure_date)',
			type: 'time',
			title: 'Departure date',
			meta: { title_id: 'Tanggal keberangkatan' },
		},
		country: {
			sql: 'country_iso2',
			type: 'string',
			title: 'Destination country',
			meta: { title_id: 'Negara tujuan' },
		},
		province: {
			sql: 'province_code',
			type: 'string',
			title: 'Province of origin',
			meta: { title_id: 'Provinsi asal' },
		},
	},
});
