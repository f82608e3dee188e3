// Public view of the provinces: placements and registered candidates per 100,000 working-age
// residents, so provinces compare fairly. Province level only. Every answer to the public passes
// small-cell suppression (docs/access.md).
view('public_provinces', {
	title: 'Provinces (public)',
	description: 'Placements and registrations per province, absolute and per 100,000 working-age residents',
	cubes: [
		{
			join_path: province_rates,
			includes: [
				// hidden: the access rules of the cube (access) and its count of people per row (docs/access.md)
				'access',
				'people',
				'placements',
				'medium_high_placements',
				'candidates',
				'working_age_person_years',
				'working_age_population',
				'population',
				'placements_per_100k',
				'medium_high_per_100k',
				'candidates_per_100k',
				'month',
				'province',
				'island_group',
			],
		},
	],
});
