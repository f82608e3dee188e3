// Public view of the Quick Win target (at least 500,000 medium-to-high-skill placements in 2026):
// national progress, the year-end projection of the forecast method with its 80 % band (a national
// aggregate of the latest forecast run; the per-market forecasts stay closed to the public), the pace
// still needed and the monthly path. Query one year at a time (filter on year).
// Every answer to the public passes small-cell suppression (docs/access.md).
view('public_quick_win', {
	title: 'Quick Win (public)',
	description: 'National progress towards the Quick Win placement target, with forecast',
	cubes: [
		{
			join_path: quick_win,
			includes: [
				// hidden: the access rules of the cube (access) and its count of people per row (docs/access.md)
				'access',
				'people',
				'target',
				'achieved',
				'progress',
				'forecast',
				'forecast_low',
				'forecast_high',
				'forecast_progress',
				'pace_needed_per_month',
				'pace_needed_per_day',
				'remaining',
				'months_to_go',
				'days_to_go',
				'pace_so_far_per_month',
				'months_elapsed',
				'months_remaining',
				'smk_target',
				'smk_achieved',
				'smk_progress',
				'medium_high_in_month',
				'cumulative_achieved',
				'linear_path',
				'seasonal_path',
				'projected_cumulative',
				'projected_low',
				'projected_high',
				'year',
				'month',
				'forecast_method',
			],
		},
	],
});
