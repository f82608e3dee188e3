// Public view of overseas demand: job-order slots by destination, sector and occupation, how many
// are still open, and how many were applied for and filled. No employer, agency or requirement
// detail. Every answer to the public passes small-cell suppression (docs/access.md).
view('public_demand', {
	title: 'Overseas demand (public)',
	description: 'Job-order slots from abroad and how far they were applied for and filled, at the level of detail that may be published',
	cubes: [
		{
			join_path: job_orders,
			includes: [
				// hidden: the access rules of the cube (docs/access.md)
				'access',
				'demand_slots',
				'open_slots_now',
				'applications',
				'placements',
				'application_rate',
				'fill_rate',
				'issued_date',
				'country',
				'region',
				'sector',
				'occupation',
				'scheme',
			],
		},
	],
});
