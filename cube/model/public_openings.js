// Public view of open demand by requirement profile (issue #15, "Peluang untuk saya"): one fixed
// table, destination country x requirement profile, no period, no filters (cube/src/access.ts,
// PUBLIC_FIXED_TABLES). Suppressed as a whole with both margins public: countries roll up to
// regions, profiles to occupations and sectors (public-families.ts), so no profile's answer cut
// from it, nor any two, can give a hidden cell away (docs/access.md, "Opportunities for me").
view('public_openings', {
	title: 'Open demand by requirement profile (public)',
	description: 'Slots open now by destination country and requirement profile, at the level of detail that may be published',
	cubes: [
		{
			join_path: openings,
			includes: ['access', 'open_slots', 'wage_min_usd', 'wage_max_usd', 'country', 'opening'],
		},
	],
});
