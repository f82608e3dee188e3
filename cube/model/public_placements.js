// Public view of placements: how many Indonesians leave for work abroad, where to, to do what and
// from which province, by month. Only what may be published: no regency, no age or education
// (with the province they would single people out), no agency, no wages. Every answer to the
// public passes small-cell suppression (cube/src/suppression.ts, docs/access.md).
view('public_placements', {
	title: 'Placements (public)',
	description: 'Departures of Indonesian migrant workers, at the level of detail that may be published',
	cubes: [
		{
			join_path: placements,
			includes: [
				// hidden: the access rules of the cube (access) and its count of people per row (docs/access.md)
				'access',
				'people',
				'placements',
				'medium_high_placements',
				'medium_high_share',
				'departure_date',
				'country',
				'region',
				'province',
				'sector',
				'occupation',
				'gender',
				'scheme',
			],
		},
	],
});
