// Generated from the compiled Cube model (cube/model) by `npm run generate:members`; do not edit.
// cube/src/members-module.test.ts fails when this file and the model disagree.

/** Every cube and view the web may query. */
export type CubeName =
	| 'agencies'
	| 'alerts'
	| 'applications'
	| 'certification_capacity'
	| 'certification_schemes'
	| 'certifications'
	| 'competency_gap'
	| 'countries'
	| 'data_freshness'
	| 'education_levels'
	| 'fill_time'
	| 'forecast_year_end'
	| 'forecasts'
	| 'job_orders'
	| 'languages'
	| 'matching_groups'
	| 'matching_markets'
	| 'matching_plan'
	| 'matching_plan_runs'
	| 'matching_runs'
	| 'occupations'
	| 'open_slots'
	| 'openings'
	| 'placement_schemes'
	| 'placements'
	| 'province_rates'
	| 'provinces'
	| 'public_demand'
	| 'public_openings'
	| 'public_placements'
	| 'public_provinces'
	| 'public_quick_win'
	| 'quick_win'
	| 'regencies'
	| 'regions'
	| 'sectors'
	| 'supply'
	| 'trainings';

/** Measures the web may query. */
export type MeasureMember =
	| 'alerts.actual'
	| 'alerts.change'
	| 'alerts.count'
	| 'alerts.expected'
	| 'alerts.hi80'
	| 'alerts.lo80'
	| 'alerts.open'
	| 'applications.acceptance_rate'
	| 'applications.accepted'
	| 'applications.applications'
	| 'applications.open_applications'
	| 'applications.rejected'
	| 'applications.withdrawn'
	| 'certification_capacity.annual_capacity'
	| 'certification_capacity.bodies'
	| 'certification_capacity.body_schemes'
	| 'certifications.absent'
	| 'certifications.attempts'
	| 'certifications.failed'
	| 'certifications.pass_rate'
	| 'certifications.passed'
	| 'certifications.travelled_attempts'
	| 'certifications.travelled_share'
	| 'competency_gap.closable_by_certification'
	| 'competency_gap.closable_by_language'
	| 'competency_gap.closable_by_training'
	| 'competency_gap.gap'
	| 'competency_gap.gap_certificate'
	| 'competency_gap.gap_education'
	| 'competency_gap.gap_experience'
	| 'competency_gap.gap_language'
	| 'competency_gap.gap_no_near_supply'
	| 'competency_gap.gap_share'
	| 'competency_gap.near_miss_certificate'
	| 'competency_gap.near_miss_education'
	| 'competency_gap.near_miss_experience'
	| 'competency_gap.near_miss_language'
	| 'competency_gap.open_lines'
	| 'competency_gap.open_slots'
	| 'competency_gap.qualified_supply'
	| 'data_freshness.committed_batches'
	| 'data_freshness.matching_plans'
	| 'fill_time.mean_days_to_fill'
	| 'fill_time.median_days_to_fill'
	| 'fill_time.p25_days_to_fill'
	| 'fill_time.p75_days_to_fill'
	| 'fill_time.placements'
	| 'forecast_year_end.achieved'
	| 'forecast_year_end.projection'
	| 'forecast_year_end.projection_hi80'
	| 'forecast_year_end.projection_hi95'
	| 'forecast_year_end.projection_lo80'
	| 'forecast_year_end.projection_lo95'
	| 'forecast_year_end.target'
	| 'forecasts.base_point'
	| 'forecasts.hi80'
	| 'forecasts.hi95'
	| 'forecasts.lo80'
	| 'forecasts.lo95'
	| 'forecasts.point'
	| 'job_orders.application_rate'
	| 'job_orders.applications'
	| 'job_orders.avg_wage_usd'
	| 'job_orders.demand_slots'
	| 'job_orders.fill_rate'
	| 'job_orders.lines'
	| 'job_orders.medium_high_placements'
	| 'job_orders.open_lines_now'
	| 'job_orders.open_slots_now'
	| 'job_orders.placements'
	| 'matching_groups.pool'
	| 'matching_groups.pool_share'
	| 'matching_groups.recommendation_share'
	| 'matching_groups.recommendations'
	| 'matching_markets.eligible_candidates'
	| 'matching_markets.fillable_greedy'
	| 'matching_markets.fillable_optimal'
	| 'matching_markets.fillable_unconstrained'
	| 'matching_markets.open_slots'
	| 'matching_markets.optimal_over_greedy'
	| 'matching_markets.recommendations'
	| 'matching_plan.plan_candidates'
	| 'matching_plan.plan_per_seat_over_proportional'
	| 'matching_plan.plan_seats'
	| 'matching_plan.plan_slots'
	| 'matching_plan.proportional_candidates'
	| 'matching_plan.proportional_seats'
	| 'matching_plan.proportional_slots'
	| 'matching_plan_runs.base_fillable'
	| 'matching_plan_runs.budget'
	| 'matching_plan_runs.near_candidates'
	| 'matching_plan_runs.plan_bound'
	| 'matching_plan_runs.plan_fillable'
	| 'matching_plan_runs.seconds'
	| 'matching_plan_runs.upper_bound_fillable'
	| 'matching_runs.candidate_profiles'
	| 'matching_runs.candidates'
	| 'matching_runs.eligible_candidates'
	| 'matching_runs.eligible_pairs'
	| 'matching_runs.fill_bound'
	| 'matching_runs.fillable_greedy'
	| 'matching_runs.fillable_optimal'
	| 'matching_runs.fillable_unconstrained'
	| 'matching_runs.line_profiles'
	| 'matching_runs.lines'
	| 'matching_runs.model_columns'
	| 'matching_runs.model_nonzeros'
	| 'matching_runs.model_rows'
	| 'matching_runs.open_slots'
	| 'matching_runs.seconds'
	| 'open_slots.applied_share'
	| 'open_slots.open_lines'
	| 'open_slots.open_slots'
	| 'open_slots.open_slots_applied'
	| 'openings.open_slots'
	| 'openings.wage_max_usd'
	| 'openings.wage_min_usd'
	| 'placements.avg_wage_usd'
	| 'placements.certified_placements'
	| 'placements.certified_share'
	| 'placements.female_placements'
	| 'placements.female_share'
	| 'placements.medium_high_placements'
	| 'placements.medium_high_share'
	| 'placements.placements'
	| 'placements.smk_medium_high_placements'
	| 'placements.smk_placements'
	| 'placements.wage_usd_total'
	| 'province_rates.candidates'
	| 'province_rates.candidates_per_100k'
	| 'province_rates.medium_high_per_100k'
	| 'province_rates.medium_high_placements'
	| 'province_rates.placements'
	| 'province_rates.placements_per_100k'
	| 'province_rates.population'
	| 'province_rates.working_age_person_years'
	| 'province_rates.working_age_population'
	| 'public_demand.application_rate'
	| 'public_demand.applications'
	| 'public_demand.demand_slots'
	| 'public_demand.fill_rate'
	| 'public_demand.open_slots_now'
	| 'public_demand.placements'
	| 'public_openings.open_slots'
	| 'public_openings.wage_max_usd'
	| 'public_openings.wage_min_usd'
	| 'public_placements.medium_high_placements'
	| 'public_placements.medium_high_share'
	| 'public_placements.placements'
	| 'public_provinces.candidates'
	| 'public_provinces.candidates_per_100k'
	| 'public_provinces.medium_high_per_100k'
	| 'public_provinces.medium_high_placements'
	| 'public_provinces.placements'
	| 'public_provinces.placements_per_100k'
	| 'public_provinces.population'
	| 'public_provinces.working_age_person_years'
	| 'public_provinces.working_age_population'
	| 'public_quick_win.achieved'
	| 'public_quick_win.cumulative_achieved'
	| 'public_quick_win.days_to_go'
	| 'public_quick_win.forecast'
	| 'public_quick_win.forecast_high'
	| 'public_quick_win.forecast_low'
	| 'public_quick_win.forecast_progress'
	| 'public_quick_win.linear_path'
	| 'public_quick_win.medium_high_in_month'
	| 'public_quick_win.months_elapsed'
	| 'public_quick_win.months_remaining'
	| 'public_quick_win.months_to_go'
	| 'public_quick_win.pace_needed_per_day'
	| 'public_quick_win.pace_needed_per_month'
	| 'public_quick_win.pace_so_far_per_month'
	| 'public_quick_win.progress'
	| 'public_quick_win.projected_cumulative'
	| 'public_quick_win.projected_high'
	| 'public_quick_win.projected_low'
	| 'public_quick_win.remaining'
	| 'public_quick_win.seasonal_path'
	| 'public_quick_win.smk_achieved'
	| 'public_quick_win.smk_progress'
	| 'public_quick_win.smk_target'
	| 'public_quick_win.target'
	| 'quick_win.achieved'
	| 'quick_win.cumulative_achieved'
	| 'quick_win.days_to_go'
	| 'quick_win.forecast'
	| 'quick_win.forecast_high'
	| 'quick_win.forecast_low'
	| 'quick_win.forecast_progress'
	| 'quick_win.linear_path'
	| 'quick_win.medium_high_in_month'
	| 'quick_win.months_elapsed'
	| 'quick_win.months_remaining'
	| 'quick_win.months_to_go'
	| 'quick_win.normal_years'
	| 'quick_win.pace_needed_per_day'
	| 'quick_win.pace_needed_per_month'
	| 'quick_win.pace_so_far_per_month'
	| 'quick_win.progress'
	| 'quick_win.projected_cumulative'
	| 'quick_win.projected_high'
	| 'quick_win.projected_low'
	| 'quick_win.remaining'
	| 'quick_win.seasonal_path'
	| 'quick_win.smk_achieved'
	| 'quick_win.smk_progress'
	| 'quick_win.smk_target'
	| 'quick_win.target'
	| 'supply.applied'
	| 'supply.candidates'
	| 'supply.certified'
	| 'supply.lacking_certificate'
	| 'supply.lacking_education'
	| 'supply.lacking_experience'
	| 'supply.lacking_language'
	| 'supply.placed'
	| 'supply.placed_share'
	| 'supply.qualified'
	| 'supply.qualified_share'
	| 'supply.stale'
	| 'supply.trained'
	| 'supply.waiting'
	| 'trainings.completed'
	| 'trainings.completion_rate'
	| 'trainings.dropped'
	| 'trainings.trainings';

/** Dimensions that are not time dimensions. */
export type DimensionMember =
	| 'agencies.code'
	| 'agencies.name'
	| 'agencies.province'
	| 'alerts.acknowledged'
	| 'alerts.acknowledged_by'
	| 'alerts.country'
	| 'alerts.direction'
	| 'alerts.id'
	| 'alerts.level'
	| 'alerts.measure'
	| 'alerts.months'
	| 'alerts.occupations'
	| 'alerts.provinces'
	| 'alerts.requirements'
	| 'alerts.rule'
	| 'alerts.run_id'
	| 'alerts.sector'
	| 'applications.age_band'
	| 'applications.agency'
	| 'applications.country'
	| 'applications.education'
	| 'applications.gender'
	| 'applications.occupation'
	| 'applications.outcome'
	| 'applications.province'
	| 'applications.regency'
	| 'applications.region'
	| 'applications.rejection_reason'
	| 'applications.scheme'
	| 'applications.sector'
	| 'applications.skill_level'
	| 'certification_capacity.body'
	| 'certification_capacity.body_kind'
	| 'certification_capacity.body_name'
	| 'certification_capacity.island_group'
	| 'certification_capacity.kind'
	| 'certification_capacity.province'
	| 'certification_capacity.scheme'
	| 'certification_schemes.code'
	| 'certification_schemes.kind'
	| 'certification_schemes.title_en'
	| 'certification_schemes.title_id'
	| 'certifications.body'
	| 'certifications.body_province'
	| 'certifications.education'
	| 'certifications.gender'
	| 'certifications.province'
	| 'certifications.regency'
	| 'certifications.result'
	| 'certifications.scheme'
	| 'certifications.scheme_kind'
	| 'certifications.travelled'
	| 'competency_gap.country'
	| 'competency_gap.occupation'
	| 'competency_gap.region'
	| 'competency_gap.sector'
	| 'competency_gap.skill_level'
	| 'countries.code'
	| 'countries.iso3'
	| 'countries.name_en'
	| 'countries.name_id'
	| 'countries.numeric'
	| 'countries.region'
	| 'education_levels.code'
	| 'education_levels.name_en'
	| 'education_levels.name_id'
	| 'education_levels.rank'
	| 'fill_time.country'
	| 'fill_time.gender'
	| 'fill_time.occupation'
	| 'fill_time.province'
	| 'fill_time.region'
	| 'fill_time.scheme'
	| 'fill_time.sector'
	| 'fill_time.skill_level'
	| 'forecast_year_end.measure'
	| 'forecast_year_end.year'
	| 'forecasts.country'
	| 'forecasts.horizon'
	| 'forecasts.level'
	| 'forecasts.measure'
	| 'forecasts.method'
	| 'forecasts.partial'
	| 'forecasts.run_id'
	| 'forecasts.sector'
	| 'job_orders.agency'
	| 'job_orders.country'
	| 'job_orders.formal'
	| 'job_orders.gender_requirement'
	| 'job_orders.min_education'
	| 'job_orders.min_experience_years'
	| 'job_orders.occupation'
	| 'job_orders.open_now'
	| 'job_orders.region'
	| 'job_orders.required_certificate'
	| 'job_orders.required_language'
	| 'job_orders.required_language_level'
	| 'job_orders.scheme'
	| 'job_orders.sector'
	| 'job_orders.skill_level'
	| 'job_orders.source'
	| 'job_orders.status'
	| 'languages.code'
	| 'languages.name_en'
	| 'languages.name_id'
	| 'languages.test_name'
	| 'matching_groups.dimension'
	| 'matching_groups.group'
	| 'matching_markets.country'
	| 'matching_markets.occupation'
	| 'matching_plan.code'
	| 'matching_plan.kind'
	| 'matching_plan.level'
	| 'matching_plan.province'
	| 'matching_plan_runs.budget_source'
	| 'matching_runs.solver_status'
	| 'occupations.code'
	| 'occupations.priority_quick_win'
	| 'occupations.sector'
	| 'occupations.skill_level'
	| 'occupations.title_en'
	| 'occupations.title_id'
	| 'open_slots.country'
	| 'open_slots.occupation'
	| 'open_slots.region'
	| 'open_slots.required_certificate'
	| 'open_slots.required_language'
	| 'open_slots.scheme'
	| 'open_slots.sector'
	| 'open_slots.skill_level'
	| 'openings.country'
	| 'openings.opening'
	| 'placement_schemes.code'
	| 'placement_schemes.name_en'
	| 'placement_schemes.name_id'
	| 'placements.age_band'
	| 'placements.agency'
	| 'placements.certified'
	| 'placements.country'
	| 'placements.education'
	| 'placements.formal'
	| 'placements.gender'
	| 'placements.medium_high'
	| 'placements.occupation'
	| 'placements.province'
	| 'placements.regency'
	| 'placements.region'
	| 'placements.scheme'
	| 'placements.sector'
	| 'placements.skill_level'
	| 'placements.smk'
	| 'province_rates.island_group'
	| 'province_rates.province'
	| 'province_rates.year'
	| 'provinces.bps_code'
	| 'provinces.code'
	| 'provinces.island_group'
	| 'provinces.iso_code'
	| 'provinces.name'
	| 'provinces.population'
	| 'provinces.working_age_population'
	| 'public_demand.country'
	| 'public_demand.occupation'
	| 'public_demand.region'
	| 'public_demand.scheme'
	| 'public_demand.sector'
	| 'public_openings.country'
	| 'public_openings.opening'
	| 'public_placements.country'
	| 'public_placements.gender'
	| 'public_placements.occupation'
	| 'public_placements.province'
	| 'public_placements.region'
	| 'public_placements.scheme'
	| 'public_placements.sector'
	| 'public_provinces.island_group'
	| 'public_provinces.province'
	| 'public_quick_win.forecast_method'
	| 'public_quick_win.year'
	| 'quick_win.forecast_method'
	| 'quick_win.month_number'
	| 'quick_win.year'
	| 'regencies.code'
	| 'regencies.kind'
	| 'regencies.name'
	| 'regencies.province'
	| 'regencies.short_name'
	| 'regions.code'
	| 'regions.name_en'
	| 'regions.name_id'
	| 'sectors.code'
	| 'sectors.formal'
	| 'sectors.name_en'
	| 'sectors.name_id'
	| 'supply.accepts_any_country'
	| 'supply.age_band'
	| 'supply.best_language'
	| 'supply.best_language_level'
	| 'supply.education'
	| 'supply.experience_years'
	| 'supply.gender'
	| 'supply.missing_certificate'
	| 'supply.missing_language'
	| 'supply.pipeline_stage'
	| 'supply.preferred_occupation'
	| 'supply.preferred_sector'
	| 'supply.preferred_skill_level'
	| 'supply.province'
	| 'supply.regency'
	| 'supply.smk'
	| 'supply.smk_major'
	| 'trainings.education'
	| 'trainings.gender'
	| 'trainings.institution_kind'
	| 'trainings.institution_province'
	| 'trainings.kind'
	| 'trainings.language'
	| 'trainings.language_level'
	| 'trainings.occupation'
	| 'trainings.province'
	| 'trainings.regency'
	| 'trainings.result';

/** Time dimensions: the only members `timeDimensions` accepts (they are dimensions too). */
export type TimeMember =
	| 'agencies.licensed_since'
	| 'alerts.acknowledged_at'
	| 'alerts.as_of'
	| 'alerts.detected'
	| 'alerts.since'
	| 'alerts.through'
	| 'applications.applied_date'
	| 'certifications.exam_date'
	| 'data_freshness.data_as_of'
	| 'data_freshness.forecast_computed_at'
	| 'data_freshness.last_loaded_at'
	| 'data_freshness.last_visible_at'
	| 'data_freshness.matching_run_at'
	| 'data_freshness.rollups_built_at'
	| 'fill_time.departure_month'
	| 'forecast_year_end.as_of'
	| 'forecasts.as_of'
	| 'forecasts.last_complete_month'
	| 'forecasts.month'
	| 'job_orders.expiry_date'
	| 'job_orders.issued_date'
	| 'matching_plan_runs.budget_set_at'
	| 'matching_runs.data_as_of'
	| 'matching_runs.run_at'
	| 'open_slots.as_of'
	| 'placements.departure_date'
	| 'province_rates.month'
	| 'public_demand.issued_date'
	| 'public_placements.departure_date'
	| 'public_provinces.month'
	| 'public_quick_win.month'
	| 'quick_win.as_of'
	| 'quick_win.month'
	| 'supply.registered_date'
	| 'trainings.end_date'
	| 'trainings.start_date';

export type CubeMember = MeasureMember | DimensionMember | TimeMember;

export interface CubeMemberInfo {
	cube: CubeName;
	kind: 'measure' | 'dimension' | 'time';
	/** Cube's type: number, count, sum, string, time, … */
	type: string;
	/** Cube's `format` (percent, currency, number, …), a view's member the format of the cube member it includes; null when the model sets none */
	format: string | null;
	title: string;
	title_id: string | null;
}

export const CUBE_MEMBERS: Readonly<Record<CubeMember, CubeMemberInfo>> = {
	'agencies.code': { cube: 'agencies', kind: 'dimension', type: 'string', format: 'id', title: 'Agency code', title_id: 'Kode P3MI' },
	'agencies.licensed_since': {
		cube: 'agencies',
		kind: 'time',
		type: 'time',
		format: null,
		title: 'Licensed since',
		title_id: 'Berizin sejak',
	},
	'agencies.name': { cube: 'agencies', kind: 'dimension', type: 'string', format: null, title: 'Agency', title_id: 'P3MI' },
	'agencies.province': {
		cube: 'agencies',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Province of the agency',
		title_id: 'Provinsi P3MI',
	},
	'alerts.acknowledged': { cube: 'alerts', kind: 'dimension', type: 'number', format: 'id', title: 'Acknowledged', title_id: 'Diakui' },
	'alerts.acknowledged_at': { cube: 'alerts', kind: 'time', type: 'time', format: null, title: 'Acknowledged at', title_id: 'Diakui pada' },
	'alerts.acknowledged_by': {
		cube: 'alerts',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Acknowledged by',
		title_id: 'Diakui oleh',
	},
	'alerts.actual': { cube: 'alerts', kind: 'measure', type: 'number', format: 'number', title: 'Actual', title_id: 'Realisasi' },
	'alerts.as_of': { cube: 'alerts', kind: 'time', type: 'time', format: null, title: 'Alerts data as of', title_id: 'Data peringatan per' },
	'alerts.change': {
		cube: 'alerts',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Change against forecast',
		title_id: 'Perubahan terhadap prakiraan',
	},
	'alerts.count': { cube: 'alerts', kind: 'measure', type: 'number', format: 'number', title: 'Alerts', title_id: 'Peringatan' },
	'alerts.country': {
		cube: 'alerts',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Destination country',
		title_id: 'Negara tujuan',
	},
	'alerts.detected': { cube: 'alerts', kind: 'time', type: 'time', format: null, title: 'Detected in', title_id: 'Terdeteksi pada' },
	'alerts.direction': { cube: 'alerts', kind: 'dimension', type: 'string', format: 'id', title: 'Direction', title_id: 'Arah' },
	'alerts.expected': { cube: 'alerts', kind: 'measure', type: 'number', format: 'number', title: 'Expected', title_id: 'Yang diharapkan' },
	'alerts.hi80': {
		cube: 'alerts',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: '80 % high of the last month',
		title_id: 'Batas atas 80 % bulan terakhir',
	},
	'alerts.id': { cube: 'alerts', kind: 'dimension', type: 'string', format: 'id', title: 'Alert', title_id: 'Peringatan' },
	'alerts.level': { cube: 'alerts', kind: 'dimension', type: 'string', format: 'id', title: 'Market level', title_id: 'Tingkat pasar' },
	'alerts.lo80': {
		cube: 'alerts',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: '80 % low of the last month',
		title_id: 'Batas bawah 80 % bulan terakhir',
	},
	'alerts.measure': { cube: 'alerts', kind: 'dimension', type: 'string', format: 'id', title: 'What moved', title_id: 'Yang bergerak' },
	'alerts.months': { cube: 'alerts', kind: 'dimension', type: 'number', format: 'number', title: 'Months', title_id: 'Bulan' },
	'alerts.occupations': {
		cube: 'alerts',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Occupations that moved',
		title_id: 'Jabatan yang bergerak',
	},
	'alerts.open': {
		cube: 'alerts',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Open alerts',
		title_id: 'Peringatan terbuka',
	},
	'alerts.provinces': {
		cube: 'alerts',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Origin provinces that moved',
		title_id: 'Provinsi asal yang bergerak',
	},
	'alerts.requirements': {
		cube: 'alerts',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Missing requirements',
		title_id: 'Persyaratan yang kurang',
	},
	'alerts.rule': { cube: 'alerts', kind: 'dimension', type: 'string', format: 'id', title: 'Alert rule', title_id: 'Aturan peringatan' },
	'alerts.run_id': { cube: 'alerts', kind: 'dimension', type: 'string', format: 'id', title: 'Alert run', title_id: 'Putaran peringatan' },
	'alerts.sector': { cube: 'alerts', kind: 'dimension', type: 'string', format: 'id', title: 'Sector', title_id: 'Sektor' },
	'alerts.since': { cube: 'alerts', kind: 'time', type: 'time', format: null, title: 'Since', title_id: 'Sejak' },
	'alerts.through': { cube: 'alerts', kind: 'time', type: 'time', format: null, title: 'Through', title_id: 'Hingga' },
	'applications.acceptance_rate': {
		cube: 'applications',
		kind: 'measure',
		type: 'number',
		format: 'percent',
		title: 'Acceptance rate',
		title_id: 'Tingkat penerimaan',
	},
	'applications.accepted': {
		cube: 'applications',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Accepted applications',
		title_id: 'Lamaran diterima',
	},
	'applications.age_band': {
		cube: 'applications',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Age band',
		title_id: 'Kelompok umur',
	},
	'applications.agency': {
		cube: 'applications',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Placement agency (P3MI)',
		title_id: 'P3MI',
	},
	'applications.applications': {
		cube: 'applications',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Applications',
		title_id: 'Lamaran',
	},
	'applications.applied_date': {
		cube: 'applications',
		kind: 'time',
		type: 'time',
		format: null,
		title: 'Application date',
		title_id: 'Tanggal lamaran',
	},
	'applications.country': {
		cube: 'applications',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Destination country',
		title_id: 'Negara tujuan',
	},
	'applications.education': {
		cube: 'applications',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Education',
		title_id: 'Pendidikan',
	},
	'applications.gender': {
		cube: 'applications',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Gender',
		title_id: 'Jenis kelamin',
	},
	'applications.occupation': {
		cube: 'applications',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Occupation',
		title_id: 'Jabatan',
	},
	'applications.open_applications': {
		cube: 'applications',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Undecided applications',
		title_id: 'Lamaran belum diputus',
	},
	'applications.outcome': { cube: 'applications', kind: 'dimension', type: 'string', format: 'id', title: 'Outcome', title_id: 'Hasil' },
	'applications.province': {
		cube: 'applications',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Province of origin',
		title_id: 'Provinsi asal',
	},
	'applications.regency': {
		cube: 'applications',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Regency of origin',
		title_id: 'Kabupaten/kota asal',
	},
	'applications.region': {
		cube: 'applications',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Destination region',
		title_id: 'Kawasan tujuan',
	},
	'applications.rejected': {
		cube: 'applications',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Rejected applications',
		title_id: 'Lamaran ditolak',
	},
	'applications.rejection_reason': {
		cube: 'applications',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Rejection reason',
		title_id: 'Alasan penolakan',
	},
	'applications.scheme': {
		cube: 'applications',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Placement scheme',
		title_id: 'Skema penempatan',
	},
	'applications.sector': { cube: 'applications', kind: 'dimension', type: 'string', format: 'id', title: 'Sector', title_id: 'Sektor' },
	'applications.skill_level': {
		cube: 'applications',
		kind: 'dimension',
		type: 'number',
		format: 'id',
		title: 'Skill level',
		title_id: 'Tingkat keterampilan',
	},
	'applications.withdrawn': {
		cube: 'applications',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Withdrawn applications',
		title_id: 'Lamaran ditarik',
	},
	'certification_capacity.annual_capacity': {
		cube: 'certification_capacity',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Annual assessment capacity',
		title_id: 'Kapasitas uji per tahun',
	},
	'certification_capacity.bodies': {
		cube: 'certification_capacity',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Certification bodies',
		title_id: 'Lembaga sertifikasi',
	},
	'certification_capacity.body': {
		cube: 'certification_capacity',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Certification body',
		title_id: 'Lembaga sertifikasi',
	},
	'certification_capacity.body_kind': {
		cube: 'certification_capacity',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Body kind',
		title_id: 'Jenis lembaga',
	},
	'certification_capacity.body_name': {
		cube: 'certification_capacity',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Certification body name',
		title_id: 'Nama lembaga sertifikasi',
	},
	'certification_capacity.body_schemes': {
		cube: 'certification_capacity',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Body-scheme offers',
		title_id: 'Penawaran skema',
	},
	'certification_capacity.island_group': {
		cube: 'certification_capacity',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Island group',
		title_id: 'Kelompok pulau',
	},
	'certification_capacity.kind': {
		cube: 'certification_capacity',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Scheme kind',
		title_id: 'Jenis skema',
	},
	'certification_capacity.province': {
		cube: 'certification_capacity',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Province of the body',
		title_id: 'Provinsi lembaga',
	},
	'certification_capacity.scheme': {
		cube: 'certification_capacity',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Certification scheme',
		title_id: 'Skema sertifikasi',
	},
	'certification_schemes.code': {
		cube: 'certification_schemes',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Scheme code',
		title_id: 'Kode skema',
	},
	'certification_schemes.kind': {
		cube: 'certification_schemes',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Kind',
		title_id: 'Jenis',
	},
	'certification_schemes.title_en': {
		cube: 'certification_schemes',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Scheme (English)',
		title_id: 'Skema (Inggris)',
	},
	'certification_schemes.title_id': {
		cube: 'certification_schemes',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Scheme (Indonesian)',
		title_id: 'Skema',
	},
	'certifications.absent': {
		cube: 'certifications',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Absent',
		title_id: 'Tidak hadir',
	},
	'certifications.attempts': {
		cube: 'certifications',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Certification attempts',
		title_id: 'Uji sertifikasi',
	},
	'certifications.body': {
		cube: 'certifications',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Certification body',
		title_id: 'Lembaga sertifikasi',
	},
	'certifications.body_province': {
		cube: 'certifications',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Province of the certification body',
		title_id: 'Provinsi lembaga sertifikasi',
	},
	'certifications.education': {
		cube: 'certifications',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Education',
		title_id: 'Pendidikan',
	},
	'certifications.exam_date': {
		cube: 'certifications',
		kind: 'time',
		type: 'time',
		format: null,
		title: 'Exam date',
		title_id: 'Tanggal uji',
	},
	'certifications.failed': {
		cube: 'certifications',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Failed',
		title_id: 'Tidak lulus',
	},
	'certifications.gender': {
		cube: 'certifications',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Gender',
		title_id: 'Jenis kelamin',
	},
	'certifications.pass_rate': {
		cube: 'certifications',
		kind: 'measure',
		type: 'number',
		format: 'percent',
		title: 'Pass rate',
		title_id: 'Tingkat kelulusan',
	},
	'certifications.passed': {
		cube: 'certifications',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Passed',
		title_id: 'Lulus',
	},
	'certifications.province': {
		cube: 'certifications',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Province of origin of the candidate',
		title_id: 'Provinsi asal peserta',
	},
	'certifications.regency': {
		cube: 'certifications',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Regency of origin',
		title_id: 'Kabupaten/kota asal',
	},
	'certifications.result': { cube: 'certifications', kind: 'dimension', type: 'string', format: 'id', title: 'Result', title_id: 'Hasil' },
	'certifications.scheme': {
		cube: 'certifications',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Certification scheme',
		title_id: 'Skema sertifikasi',
	},
	'certifications.scheme_kind': {
		cube: 'certifications',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Scheme kind',
		title_id: 'Jenis skema',
	},
	'certifications.travelled': {
		cube: 'certifications',
		kind: 'dimension',
		type: 'number',
		format: 'id',
		title: 'Certified in another province',
		title_id: 'Uji di provinsi lain',
	},
	'certifications.travelled_attempts': {
		cube: 'certifications',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Attempts in another province',
		title_id: 'Uji di provinsi lain',
	},
	'certifications.travelled_share': {
		cube: 'certifications',
		kind: 'measure',
		type: 'number',
		format: 'percent',
		title: 'Share certified in another province',
		title_id: 'Pangsa uji di provinsi lain',
	},
	'competency_gap.closable_by_certification': {
		cube: 'competency_gap',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Closable by certification',
		title_id: 'Dapat ditutup dengan sertifikasi',
	},
	'competency_gap.closable_by_language': {
		cube: 'competency_gap',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Closable by language training',
		title_id: 'Dapat ditutup dengan pelatihan bahasa',
	},
	'competency_gap.closable_by_training': {
		cube: 'competency_gap',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Closable by certification or language training',
		title_id: 'Dapat ditutup dengan sertifikasi atau pelatihan bahasa',
	},
	'competency_gap.country': {
		cube: 'competency_gap',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Destination country',
		title_id: 'Negara tujuan',
	},
	'competency_gap.gap': {
		cube: 'competency_gap',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Competency gap',
		title_id: 'Kesenjangan kompetensi',
	},
	'competency_gap.gap_certificate': {
		cube: 'competency_gap',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Gap: certificate',
		title_id: 'Kesenjangan: sertifikat',
	},
	'competency_gap.gap_education': {
		cube: 'competency_gap',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Gap: education',
		title_id: 'Kesenjangan: pendidikan',
	},
	'competency_gap.gap_experience': {
		cube: 'competency_gap',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Gap: experience',
		title_id: 'Kesenjangan: pengalaman',
	},
	'competency_gap.gap_language': {
		cube: 'competency_gap',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Gap: language',
		title_id: 'Kesenjangan: bahasa',
	},
	'competency_gap.gap_no_near_supply': {
		cube: 'competency_gap',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Gap: no near supply',
		title_id: 'Kesenjangan: tanpa pasokan dekat',
	},
	'competency_gap.gap_share': {
		cube: 'competency_gap',
		kind: 'measure',
		type: 'number',
		format: 'percent',
		title: 'Gap share of open slots',
		title_id: 'Pangsa kesenjangan',
	},
	'competency_gap.near_miss_certificate': {
		cube: 'competency_gap',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Near misses: certificate',
		title_id: 'Hampir memenuhi: sertifikat',
	},
	'competency_gap.near_miss_education': {
		cube: 'competency_gap',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Near misses: education',
		title_id: 'Hampir memenuhi: pendidikan',
	},
	'competency_gap.near_miss_experience': {
		cube: 'competency_gap',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Near misses: experience',
		title_id: 'Hampir memenuhi: pengalaman',
	},
	'competency_gap.near_miss_language': {
		cube: 'competency_gap',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Near misses: language',
		title_id: 'Hampir memenuhi: bahasa',
	},
	'competency_gap.occupation': {
		cube: 'competency_gap',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Occupation',
		title_id: 'Jabatan',
	},
	'competency_gap.open_lines': {
		cube: 'competency_gap',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Open lines',
		title_id: 'Baris terbuka',
	},
	'competency_gap.open_slots': {
		cube: 'competency_gap',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Open slots',
		title_id: 'Slot terbuka',
	},
	'competency_gap.qualified_supply': {
		cube: 'competency_gap',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Qualified supply',
		title_id: 'Pasokan memenuhi syarat',
	},
	'competency_gap.region': {
		cube: 'competency_gap',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Destination region',
		title_id: 'Kawasan tujuan',
	},
	'competency_gap.sector': { cube: 'competency_gap', kind: 'dimension', type: 'string', format: 'id', title: 'Sector', title_id: 'Sektor' },
	'competency_gap.skill_level': {
		cube: 'competency_gap',
		kind: 'dimension',
		type: 'number',
		format: 'id',
		title: 'Skill level',
		title_id: 'Tingkat keterampilan',
	},
	'countries.code': { cube: 'countries', kind: 'dimension', type: 'string', format: 'id', title: 'Country code', title_id: 'Kode negara' },
	'countries.iso3': {
		cube: 'countries',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'ISO alpha-3 code',
		title_id: 'Kode ISO alpha-3',
	},
	'countries.name_en': {
		cube: 'countries',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Country (English)',
		title_id: 'Negara (Inggris)',
	},
	'countries.name_id': {
		cube: 'countries',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Country (Indonesian)',
		title_id: 'Negara',
	},
	'countries.numeric': {
		cube: 'countries',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'ISO numeric code',
		title_id: 'Kode numerik ISO',
	},
	'countries.region': { cube: 'countries', kind: 'dimension', type: 'string', format: 'id', title: 'Region', title_id: 'Kawasan' },
	'data_freshness.committed_batches': {
		cube: 'data_freshness',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Loaded batches',
		title_id: 'Batch dimuat',
	},
	'data_freshness.data_as_of': {
		cube: 'data_freshness',
		kind: 'time',
		type: 'time',
		format: null,
		title: 'Data as of',
		title_id: 'Data per tanggal',
	},
	'data_freshness.forecast_computed_at': {
		cube: 'data_freshness',
		kind: 'time',
		type: 'time',
		format: null,
		title: 'Forecasts computed at',
		title_id: 'Prakiraan dihitung',
	},
	'data_freshness.last_loaded_at': {
		cube: 'data_freshness',
		kind: 'time',
		type: 'time',
		format: null,
		title: 'Last loaded at',
		title_id: 'Terakhir dimuat',
	},
	'data_freshness.last_visible_at': {
		cube: 'data_freshness',
		kind: 'time',
		type: 'time',
		format: null,
		title: 'Last batch visible at',
		title_id: 'Batch terakhir tampil',
	},
	'data_freshness.matching_plans': {
		cube: 'data_freshness',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Training plans stored',
		title_id: 'Rencana pelatihan tersimpan',
	},
	'data_freshness.matching_run_at': {
		cube: 'data_freshness',
		kind: 'time',
		type: 'time',
		format: null,
		title: 'Matching run at',
		title_id: 'Padupadan dijalankan',
	},
	'data_freshness.rollups_built_at': {
		cube: 'data_freshness',
		kind: 'time',
		type: 'time',
		format: null,
		title: 'Rollups built at',
		title_id: 'Agregat dibangun',
	},
	'education_levels.code': {
		cube: 'education_levels',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Education code',
		title_id: 'Kode pendidikan',
	},
	'education_levels.name_en': {
		cube: 'education_levels',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Education (English)',
		title_id: 'Pendidikan (Inggris)',
	},
	'education_levels.name_id': {
		cube: 'education_levels',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Education (Indonesian)',
		title_id: 'Pendidikan',
	},
	'education_levels.rank': {
		cube: 'education_levels',
		kind: 'dimension',
		type: 'number',
		format: 'id',
		title: 'Rank',
		title_id: 'Peringkat',
	},
	'fill_time.country': {
		cube: 'fill_time',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Destination country',
		title_id: 'Negara tujuan',
	},
	'fill_time.departure_month': {
		cube: 'fill_time',
		kind: 'time',
		type: 'time',
		format: null,
		title: 'Departure month',
		title_id: 'Bulan keberangkatan',
	},
	'fill_time.gender': { cube: 'fill_time', kind: 'dimension', type: 'string', format: 'id', title: 'Gender', title_id: 'Jenis kelamin' },
	'fill_time.mean_days_to_fill': {
		cube: 'fill_time',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Mean days to fill',
		title_id: 'Rata-rata hari pengisian',
	},
	'fill_time.median_days_to_fill': {
		cube: 'fill_time',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Median days to fill',
		title_id: 'Median hari pengisian',
	},
	'fill_time.occupation': { cube: 'fill_time', kind: 'dimension', type: 'string', format: 'id', title: 'Occupation', title_id: 'Jabatan' },
	'fill_time.p25_days_to_fill': {
		cube: 'fill_time',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Days to fill, 25th percentile',
		title_id: 'Hari pengisian, persentil ke-25',
	},
	'fill_time.p75_days_to_fill': {
		cube: 'fill_time',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Days to fill, 75th percentile',
		title_id: 'Hari pengisian, persentil ke-75',
	},
	'fill_time.placements': {
		cube: 'fill_time',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Placements',
		title_id: 'Penempatan',
	},
	'fill_time.province': {
		cube: 'fill_time',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Province of origin',
		title_id: 'Provinsi asal',
	},
	'fill_time.region': {
		cube: 'fill_time',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Destination region',
		title_id: 'Kawasan tujuan',
	},
	'fill_time.scheme': {
		cube: 'fill_time',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Placement scheme',
		title_id: 'Skema penempatan',
	},
	'fill_time.sector': { cube: 'fill_time', kind: 'dimension', type: 'string', format: 'id', title: 'Sector', title_id: 'Sektor' },
	'fill_time.skill_level': {
		cube: 'fill_time',
		kind: 'dimension',
		type: 'number',
		format: 'id',
		title: 'Skill level',
		title_id: 'Tingkat keterampilan',
	},
	'forecast_year_end.achieved': {
		cube: 'forecast_year_end',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Achieved so far',
		title_id: 'Capaian sejauh ini',
	},
	'forecast_year_end.as_of': {
		cube: 'forecast_year_end',
		kind: 'time',
		type: 'time',
		format: null,
		title: 'Projection data as of',
		title_id: 'Data proyeksi per',
	},
	'forecast_year_end.measure': {
		cube: 'forecast_year_end',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Projected measure',
		title_id: 'Ukuran yang diproyeksikan',
	},
	'forecast_year_end.projection': {
		cube: 'forecast_year_end',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Year-end projection',
		title_id: 'Proyeksi akhir tahun',
	},
	'forecast_year_end.projection_hi80': {
		cube: 'forecast_year_end',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Year-end projection, 80 % high',
		title_id: 'Proyeksi akhir tahun, batas atas 80 %',
	},
	'forecast_year_end.projection_hi95': {
		cube: 'forecast_year_end',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Year-end projection, 95 % high',
		title_id: 'Proyeksi akhir tahun, batas atas 95 %',
	},
	'forecast_year_end.projection_lo80': {
		cube: 'forecast_year_end',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Year-end projection, 80 % low',
		title_id: 'Proyeksi akhir tahun, batas bawah 80 %',
	},
	'forecast_year_end.projection_lo95': {
		cube: 'forecast_year_end',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Year-end projection, 95 % low',
		title_id: 'Proyeksi akhir tahun, batas bawah 95 %',
	},
	'forecast_year_end.target': {
		cube: 'forecast_year_end',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Quick Win target of the year',
		title_id: 'Target Quick Win tahun itu',
	},
	'forecast_year_end.year': {
		cube: 'forecast_year_end',
		kind: 'dimension',
		type: 'number',
		format: 'id',
		title: 'Year',
		title_id: 'Tahun',
	},
	'forecasts.as_of': {
		cube: 'forecasts',
		kind: 'time',
		type: 'time',
		format: null,
		title: 'Forecast data as of',
		title_id: 'Data prakiraan per',
	},
	'forecasts.base_point': {
		cube: 'forecasts',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Forecast before reconciliation',
		title_id: 'Prakiraan sebelum rekonsiliasi',
	},
	'forecasts.country': {
		cube: 'forecasts',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Destination country',
		title_id: 'Negara tujuan',
	},
	'forecasts.hi80': {
		cube: 'forecasts',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Forecast, 80 % high',
		title_id: 'Prakiraan, batas atas 80 %',
	},
	'forecasts.hi95': {
		cube: 'forecasts',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Forecast, 95 % high',
		title_id: 'Prakiraan, batas atas 95 %',
	},
	'forecasts.horizon': {
		cube: 'forecasts',
		kind: 'dimension',
		type: 'number',
		format: 'number',
		title: 'Months ahead',
		title_id: 'Bulan ke depan',
	},
	'forecasts.last_complete_month': {
		cube: 'forecasts',
		kind: 'time',
		type: 'time',
		format: null,
		title: 'Last complete month',
		title_id: 'Bulan lengkap terakhir',
	},
	'forecasts.level': {
		cube: 'forecasts',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Series level',
		title_id: 'Tingkat deret',
	},
	'forecasts.lo80': {
		cube: 'forecasts',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Forecast, 80 % low',
		title_id: 'Prakiraan, batas bawah 80 %',
	},
	'forecasts.lo95': {
		cube: 'forecasts',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Forecast, 95 % low',
		title_id: 'Prakiraan, batas bawah 95 %',
	},
	'forecasts.measure': {
		cube: 'forecasts',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Forecast measure',
		title_id: 'Ukuran prakiraan',
	},
	'forecasts.method': {
		cube: 'forecasts',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Forecast method',
		title_id: 'Metode prakiraan',
	},
	'forecasts.month': { cube: 'forecasts', kind: 'time', type: 'time', format: null, title: 'Forecast month', title_id: 'Bulan prakiraan' },
	'forecasts.partial': {
		cube: 'forecasts',
		kind: 'dimension',
		type: 'number',
		format: 'id',
		title: 'Running month',
		title_id: 'Bulan berjalan',
	},
	'forecasts.point': { cube: 'forecasts', kind: 'measure', type: 'number', format: 'number', title: 'Forecast', title_id: 'Prakiraan' },
	'forecasts.run_id': {
		cube: 'forecasts',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Forecast run',
		title_id: 'Putaran prakiraan',
	},
	'forecasts.sector': { cube: 'forecasts', kind: 'dimension', type: 'string', format: 'id', title: 'Sector', title_id: 'Sektor' },
	'job_orders.agency': {
		cube: 'job_orders',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Placement agency (P3MI)',
		title_id: 'P3MI',
	},
	'job_orders.application_rate': {
		cube: 'job_orders',
		kind: 'measure',
		type: 'number',
		format: 'percent',
		title: 'Application rate',
		title_id: 'Tingkat lamaran',
	},
	'job_orders.applications': {
		cube: 'job_orders',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Applications on these lines',
		title_id: 'Lamaran pada baris ini',
	},
	'job_orders.avg_wage_usd': {
		cube: 'job_orders',
		kind: 'measure',
		type: 'number',
		format: 'currency',
		title: 'Average offered wage (USD)',
		title_id: 'Rata-rata upah ditawarkan (USD)',
	},
	'job_orders.country': {
		cube: 'job_orders',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Destination country',
		title_id: 'Negara tujuan',
	},
	'job_orders.demand_slots': {
		cube: 'job_orders',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Demand slots',
		title_id: 'Slot permintaan',
	},
	'job_orders.expiry_date': {
		cube: 'job_orders',
		kind: 'time',
		type: 'time',
		format: null,
		title: 'Expiry date',
		title_id: 'Tanggal kedaluwarsa',
	},
	'job_orders.fill_rate': {
		cube: 'job_orders',
		kind: 'measure',
		type: 'number',
		format: 'percent',
		title: 'Fill rate',
		title_id: 'Tingkat keterisian',
	},
	'job_orders.formal': {
		cube: 'job_orders',
		kind: 'dimension',
		type: 'number',
		format: 'id',
		title: 'Formal sector',
		title_id: 'Sektor formal',
	},
	'job_orders.gender_requirement': {
		cube: 'job_orders',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Gender requirement',
		title_id: 'Syarat jenis kelamin',
	},
	'job_orders.issued_date': {
		cube: 'job_orders',
		kind: 'time',
		type: 'time',
		format: null,
		title: 'Issue date',
		title_id: 'Tanggal terbit',
	},
	'job_orders.lines': {
		cube: 'job_orders',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Job-order lines',
		title_id: 'Baris job order',
	},
	'job_orders.medium_high_placements': {
		cube: 'job_orders',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Medium-to-high-skill placements on these lines',
		title_id: 'Penempatan menengah-tinggi pada baris ini',
	},
	'job_orders.min_education': {
		cube: 'job_orders',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Minimum education',
		title_id: 'Pendidikan minimum',
	},
	'job_orders.min_experience_years': {
		cube: 'job_orders',
		kind: 'dimension',
		type: 'number',
		format: 'id',
		title: 'Minimum experience (years)',
		title_id: 'Pengalaman minimum (tahun)',
	},
	'job_orders.occupation': {
		cube: 'job_orders',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Occupation',
		title_id: 'Jabatan',
	},
	'job_orders.open_lines_now': {
		cube: 'job_orders',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Open lines now',
		title_id: 'Baris terbuka saat ini',
	},
	'job_orders.open_now': {
		cube: 'job_orders',
		kind: 'dimension',
		type: 'number',
		format: 'id',
		title: 'Open now',
		title_id: 'Terbuka saat ini',
	},
	'job_orders.open_slots_now': {
		cube: 'job_orders',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Open slots now',
		title_id: 'Slot terbuka saat ini',
	},
	'job_orders.placements': {
		cube: 'job_orders',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Placements on these lines',
		title_id: 'Penempatan pada baris ini',
	},
	'job_orders.region': {
		cube: 'job_orders',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Destination region',
		title_id: 'Kawasan tujuan',
	},
	'job_orders.required_certificate': {
		cube: 'job_orders',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Required certificate',
		title_id: 'Sertifikat yang disyaratkan',
	},
	'job_orders.required_language': {
		cube: 'job_orders',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Required language',
		title_id: 'Bahasa yang disyaratkan',
	},
	'job_orders.required_language_level': {
		cube: 'job_orders',
		kind: 'dimension',
		type: 'number',
		format: 'id',
		title: 'Required language level',
		title_id: 'Tingkat bahasa yang disyaratkan',
	},
	'job_orders.scheme': {
		cube: 'job_orders',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Placement scheme',
		title_id: 'Skema penempatan',
	},
	'job_orders.sector': { cube: 'job_orders', kind: 'dimension', type: 'string', format: 'id', title: 'Sector', title_id: 'Sektor' },
	'job_orders.skill_level': {
		cube: 'job_orders',
		kind: 'dimension',
		type: 'number',
		format: 'id',
		title: 'Skill level',
		title_id: 'Tingkat keterampilan',
	},
	'job_orders.source': { cube: 'job_orders', kind: 'dimension', type: 'string', format: 'id', title: 'Source', title_id: 'Sumber' },
	'job_orders.status': { cube: 'job_orders', kind: 'dimension', type: 'string', format: 'id', title: 'Status', title_id: 'Status' },
	'languages.code': { cube: 'languages', kind: 'dimension', type: 'string', format: 'id', title: 'Language code', title_id: 'Kode bahasa' },
	'languages.name_en': {
		cube: 'languages',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Language (English)',
		title_id: 'Bahasa (Inggris)',
	},
	'languages.name_id': {
		cube: 'languages',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Language (Indonesian)',
		title_id: 'Bahasa',
	},
	'languages.test_name': { cube: 'languages', kind: 'dimension', type: 'string', format: null, title: 'Usual test', title_id: 'Tes umum' },
	'matching_groups.dimension': {
		cube: 'matching_groups',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Fairness dimension',
		title_id: 'Dimensi keadilan',
	},
	'matching_groups.group': {
		cube: 'matching_groups',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Group',
		title_id: 'Kelompok',
	},
	'matching_groups.pool': {
		cube: 'matching_groups',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Eligible pool',
		title_id: 'Kumpulan memenuhi syarat',
	},
	'matching_groups.pool_share': {
		cube: 'matching_groups',
		kind: 'measure',
		type: 'number',
		format: 'percent',
		title: 'Share of the eligible pool',
		title_id: 'Pangsa kumpulan memenuhi syarat',
	},
	'matching_groups.recommendation_share': {
		cube: 'matching_groups',
		kind: 'measure',
		type: 'number',
		format: 'percent',
		title: 'Share of recommendations',
		title_id: 'Pangsa rekomendasi',
	},
	'matching_groups.recommendations': {
		cube: 'matching_groups',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Recommendations',
		title_id: 'Rekomendasi',
	},
	'matching_markets.country': {
		cube: 'matching_markets',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Destination country',
		title_id: 'Negara tujuan',
	},
	'matching_markets.eligible_candidates': {
		cube: 'matching_markets',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Eligible candidates (counted per market)',
		title_id: 'Calon memenuhi syarat (dihitung per pasar)',
	},
	'matching_markets.fillable_greedy': {
		cube: 'matching_markets',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Fillable now (first come, first served)',
		title_id: 'Dapat diisi sekarang (siapa cepat dia dapat)',
	},
	'matching_markets.fillable_optimal': {
		cube: 'matching_markets',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Fillable now (optimal)',
		title_id: 'Dapat diisi sekarang (optimal)',
	},
	'matching_markets.fillable_unconstrained': {
		cube: 'matching_markets',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Fillable now (no fairness bounds)',
		title_id: 'Dapat diisi sekarang (tanpa batas keadilan)',
	},
	'matching_markets.occupation': {
		cube: 'matching_markets',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Occupation',
		title_id: 'Jabatan',
	},
	'matching_markets.open_slots': {
		cube: 'matching_markets',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Open slots',
		title_id: 'Slot terbuka',
	},
	'matching_markets.optimal_over_greedy': {
		cube: 'matching_markets',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Optimal / first come, first served',
		title_id: 'Optimal / siapa cepat dia dapat',
	},
	'matching_markets.recommendations': {
		cube: 'matching_markets',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Recommendations',
		title_id: 'Rekomendasi',
	},
	'matching_plan.code': {
		cube: 'matching_plan',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Scheme or language',
		title_id: 'Skema atau bahasa',
	},
	'matching_plan.kind': {
		cube: 'matching_plan',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Seat kind',
		title_id: 'Jenis kursi',
	},
	'matching_plan.level': {
		cube: 'matching_plan',
		kind: 'dimension',
		type: 'number',
		format: null,
		title: 'Language level',
		title_id: 'Tingkat bahasa',
	},
	'matching_plan.plan_candidates': {
		cube: 'matching_plan',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Candidates trained (plan)',
		title_id: 'Calon dilatih (rencana)',
	},
	'matching_plan.plan_per_seat_over_proportional': {
		cube: 'matching_plan',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Slots per seat: plan ÷ proportional',
		title_id: 'Slot per kursi: rencana ÷ proporsional',
	},
	'matching_plan.plan_seats': {
		cube: 'matching_plan',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Seats (plan)',
		title_id: 'Kursi (rencana)',
	},
	'matching_plan.plan_slots': {
		cube: 'matching_plan',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Slots made fillable (plan)',
		title_id: 'Slot menjadi dapat diisi (rencana)',
	},
	'matching_plan.proportional_candidates': {
		cube: 'matching_plan',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Candidates trained (proportional)',
		title_id: 'Calon dilatih (proporsional)',
	},
	'matching_plan.proportional_seats': {
		cube: 'matching_plan',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Seats (proportional)',
		title_id: 'Kursi (proporsional)',
	},
	'matching_plan.proportional_slots': {
		cube: 'matching_plan',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Slots made fillable (proportional)',
		title_id: 'Slot menjadi dapat diisi (proporsional)',
	},
	'matching_plan.province': {
		cube: 'matching_plan',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Province of origin',
		title_id: 'Provinsi asal',
	},
	'matching_plan_runs.base_fillable': {
		cube: 'matching_plan_runs',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Fillable without seats',
		title_id: 'Dapat diisi tanpa kursi',
	},
	'matching_plan_runs.budget': {
		cube: 'matching_plan_runs',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Seat budget',
		title_id: 'Anggaran kursi',
	},
	'matching_plan_runs.budget_set_at': {
		cube: 'matching_plan_runs',
		kind: 'time',
		type: 'time',
		format: null,
		title: 'Budget set at',
		title_id: 'Anggaran ditetapkan',
	},
	'matching_plan_runs.budget_source': {
		cube: 'matching_plan_runs',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Budget from',
		title_id: 'Sumber anggaran',
	},
	'matching_plan_runs.near_candidates': {
		cube: 'matching_plan_runs',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Candidates one training away',
		title_id: 'Calon kurang satu pelatihan',
	},
	'matching_plan_runs.plan_bound': {
		cube: 'matching_plan_runs',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Fillable by any plan, at most',
		title_id: 'Dapat diisi rencana mana pun, paling banyak',
	},
	'matching_plan_runs.plan_fillable': {
		cube: 'matching_plan_runs',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Fillable with the plan',
		title_id: 'Dapat diisi dengan rencana',
	},
	'matching_plan_runs.seconds': {
		cube: 'matching_plan_runs',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Planner run time (s)',
		title_id: 'Waktu perencana (detik)',
	},
	'matching_plan_runs.upper_bound_fillable': {
		cube: 'matching_plan_runs',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Fillable if every near miss were trained',
		title_id: 'Dapat diisi bila semua dilatih',
	},
	'matching_runs.candidate_profiles': {
		cube: 'matching_runs',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Candidate profiles',
		title_id: 'Profil calon',
	},
	'matching_runs.candidates': {
		cube: 'matching_runs',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Waiting candidates',
		title_id: 'Calon menunggu',
	},
	'matching_runs.data_as_of': {
		cube: 'matching_runs',
		kind: 'time',
		type: 'time',
		format: null,
		title: 'Data as of',
		title_id: 'Data per tanggal',
	},
	'matching_runs.eligible_candidates': {
		cube: 'matching_runs',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Eligible candidates',
		title_id: 'Calon memenuhi syarat',
	},
	'matching_runs.eligible_pairs': {
		cube: 'matching_runs',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Eligible profile pairs',
		title_id: 'Pasangan profil memenuhi syarat',
	},
	'matching_runs.fill_bound': {
		cube: 'matching_runs',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Fillable at most (LP bound)',
		title_id: 'Paling banyak dapat diisi (batas LP)',
	},
	'matching_runs.fillable_greedy': {
		cube: 'matching_runs',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Fillable now (first come, first served)',
		title_id: 'Dapat diisi sekarang (siapa cepat dia dapat)',
	},
	'matching_runs.fillable_optimal': {
		cube: 'matching_runs',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Fillable now (optimal)',
		title_id: 'Dapat diisi sekarang (optimal)',
	},
	'matching_runs.fillable_unconstrained': {
		cube: 'matching_runs',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Fillable now (no fairness bounds)',
		title_id: 'Dapat diisi sekarang (tanpa batas keadilan)',
	},
	'matching_runs.line_profiles': {
		cube: 'matching_runs',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Requirement profiles',
		title_id: 'Profil persyaratan',
	},
	'matching_runs.lines': {
		cube: 'matching_runs',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Open lines',
		title_id: 'Baris terbuka',
	},
	'matching_runs.model_columns': {
		cube: 'matching_runs',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Model columns',
		title_id: 'Kolom model',
	},
	'matching_runs.model_nonzeros': {
		cube: 'matching_runs',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Model nonzeros',
		title_id: 'Koefisien bukan nol',
	},
	'matching_runs.model_rows': {
		cube: 'matching_runs',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Model rows',
		title_id: 'Baris model',
	},
	'matching_runs.open_slots': {
		cube: 'matching_runs',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Open slots',
		title_id: 'Slot terbuka',
	},
	'matching_runs.run_at': { cube: 'matching_runs', kind: 'time', type: 'time', format: null, title: 'Run at', title_id: 'Waktu run' },
	'matching_runs.seconds': {
		cube: 'matching_runs',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Run time (s)',
		title_id: 'Waktu proses (detik)',
	},
	'matching_runs.solver_status': {
		cube: 'matching_runs',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Solver status',
		title_id: 'Status pemecah',
	},
	'occupations.code': {
		cube: 'occupations',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Occupation code',
		title_id: 'Kode jabatan',
	},
	'occupations.priority_quick_win': {
		cube: 'occupations',
		kind: 'dimension',
		type: 'number',
		format: 'id',
		title: 'Quick Win priority',
		title_id: 'Prioritas Quick Win',
	},
	'occupations.sector': {
		cube: 'occupations',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Usual sector',
		title_id: 'Sektor umum',
	},
	'occupations.skill_level': {
		cube: 'occupations',
		kind: 'dimension',
		type: 'number',
		format: 'id',
		title: 'Skill level',
		title_id: 'Tingkat keterampilan',
	},
	'occupations.title_en': {
		cube: 'occupations',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Occupation (English)',
		title_id: 'Jabatan (Inggris)',
	},
	'occupations.title_id': {
		cube: 'occupations',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Occupation (Indonesian)',
		title_id: 'Jabatan',
	},
	'open_slots.applied_share': {
		cube: 'open_slots',
		kind: 'measure',
		type: 'number',
		format: 'percent',
		title: 'Share of open slots applied for',
		title_id: 'Pangsa slot terbuka yang sudah dilamar',
	},
	'open_slots.as_of': { cube: 'open_slots', kind: 'time', type: 'time', format: null, title: 'Snapshot date', title_id: 'Tanggal potret' },
	'open_slots.country': {
		cube: 'open_slots',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Destination country',
		title_id: 'Negara tujuan',
	},
	'open_slots.occupation': {
		cube: 'open_slots',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Occupation',
		title_id: 'Jabatan',
	},
	'open_slots.open_lines': {
		cube: 'open_slots',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Open lines',
		title_id: 'Baris terbuka',
	},
	'open_slots.open_slots': {
		cube: 'open_slots',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Open slots',
		title_id: 'Slot terbuka',
	},
	'open_slots.open_slots_applied': {
		cube: 'open_slots',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Open slots applied for',
		title_id: 'Slot terbuka yang sudah dilamar',
	},
	'open_slots.region': {
		cube: 'open_slots',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Destination region',
		title_id: 'Kawasan tujuan',
	},
	'open_slots.required_certificate': {
		cube: 'open_slots',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Required certificate',
		title_id: 'Sertifikat yang disyaratkan',
	},
	'open_slots.required_language': {
		cube: 'open_slots',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Required language',
		title_id: 'Bahasa yang disyaratkan',
	},
	'open_slots.scheme': {
		cube: 'open_slots',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Placement scheme',
		title_id: 'Skema penempatan',
	},
	'open_slots.sector': { cube: 'open_slots', kind: 'dimension', type: 'string', format: 'id', title: 'Sector', title_id: 'Sektor' },
	'open_slots.skill_level': {
		cube: 'open_slots',
		kind: 'dimension',
		type: 'number',
		format: 'id',
		title: 'Skill level',
		title_id: 'Tingkat keterampilan',
	},
	'openings.country': {
		cube: 'openings',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Destination country',
		title_id: 'Negara tujuan',
	},
	'openings.open_slots': {
		cube: 'openings',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Open slots now',
		title_id: 'Slot terbuka saat ini',
	},
	'openings.opening': {
		cube: 'openings',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Requirement profile',
		title_id: 'Profil persyaratan',
	},
	'openings.wage_max_usd': {
		cube: 'openings',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Highest offered wage (USD)',
		title_id: 'Upah tertinggi yang ditawarkan (USD)',
	},
	'openings.wage_min_usd': {
		cube: 'openings',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Lowest offered wage (USD)',
		title_id: 'Upah terendah yang ditawarkan (USD)',
	},
	'placement_schemes.code': {
		cube: 'placement_schemes',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Scheme code',
		title_id: 'Kode skema',
	},
	'placement_schemes.name_en': {
		cube: 'placement_schemes',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Scheme (English)',
		title_id: 'Skema (Inggris)',
	},
	'placement_schemes.name_id': {
		cube: 'placement_schemes',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Scheme (Indonesian)',
		title_id: 'Skema',
	},
	'placements.age_band': {
		cube: 'placements',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Age band',
		title_id: 'Kelompok umur',
	},
	'placements.agency': {
		cube: 'placements',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Placement agency (P3MI)',
		title_id: 'P3MI',
	},
	'placements.avg_wage_usd': {
		cube: 'placements',
		kind: 'measure',
		type: 'number',
		format: 'currency',
		title: 'Average monthly wage (USD)',
		title_id: 'Rata-rata upah bulanan (USD)',
	},
	'placements.certified': {
		cube: 'placements',
		kind: 'dimension',
		type: 'number',
		format: 'id',
		title: 'Certified',
		title_id: 'Bersertifikat',
	},
	'placements.certified_placements': {
		cube: 'placements',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Certified placements',
		title_id: 'Penempatan bersertifikat',
	},
	'placements.certified_share': {
		cube: 'placements',
		kind: 'measure',
		type: 'number',
		format: 'percent',
		title: 'Certified share',
		title_id: 'Pangsa bersertifikat',
	},
	'placements.country': {
		cube: 'placements',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Destination country',
		title_id: 'Negara tujuan',
	},
	'placements.departure_date': {
		cube: 'placements',
		kind: 'time',
		type: 'time',
		format: null,
		title: 'Departure date',
		title_id: 'Tanggal keberangkatan',
	},
	'placements.education': {
		cube: 'placements',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Education',
		title_id: 'Pendidikan',
	},
	'placements.female_placements': {
		cube: 'placements',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Female placements',
		title_id: 'Penempatan perempuan',
	},
	'placements.female_share': {
		cube: 'placements',
		kind: 'measure',
		type: 'number',
		format: 'percent',
		title: 'Female share',
		title_id: 'Pangsa perempuan',
	},
	'placements.formal': {
		cube: 'placements',
		kind: 'dimension',
		type: 'number',
		format: 'id',
		title: 'Formal sector',
		title_id: 'Sektor formal',
	},
	'placements.gender': { cube: 'placements', kind: 'dimension', type: 'string', format: 'id', title: 'Gender', title_id: 'Jenis kelamin' },
	'placements.medium_high': {
		cube: 'placements',
		kind: 'dimension',
		type: 'number',
		format: 'id',
		title: 'Medium-to-high skill',
		title_id: 'Keterampilan menengah-tinggi',
	},
	'placements.medium_high_placements': {
		cube: 'placements',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Medium-to-high-skill placements',
		title_id: 'Penempatan keterampilan menengah-tinggi',
	},
	'placements.medium_high_share': {
		cube: 'placements',
		kind: 'measure',
		type: 'number',
		format: 'percent',
		title: 'Medium-to-high-skill share',
		title_id: 'Pangsa keterampilan menengah-tinggi',
	},
	'placements.occupation': {
		cube: 'placements',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Occupation',
		title_id: 'Jabatan',
	},
	'placements.placements': {
		cube: 'placements',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Placements',
		title_id: 'Penempatan',
	},
	'placements.province': {
		cube: 'placements',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Province of origin',
		title_id: 'Provinsi asal',
	},
	'placements.regency': {
		cube: 'placements',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Regency of origin',
		title_id: 'Kabupaten/kota asal',
	},
	'placements.region': {
		cube: 'placements',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Destination region',
		title_id: 'Kawasan tujuan',
	},
	'placements.scheme': {
		cube: 'placements',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Placement scheme',
		title_id: 'Skema penempatan',
	},
	'placements.sector': { cube: 'placements', kind: 'dimension', type: 'string', format: 'id', title: 'Sector', title_id: 'Sektor' },
	'placements.skill_level': {
		cube: 'placements',
		kind: 'dimension',
		type: 'number',
		format: 'id',
		title: 'Skill level',
		title_id: 'Tingkat keterampilan',
	},
	'placements.smk': { cube: 'placements', kind: 'dimension', type: 'number', format: 'id', title: 'SMK graduate', title_id: 'Lulusan SMK' },
	'placements.smk_medium_high_placements': {
		cube: 'placements',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'SMK medium-to-high-skill placements',
		title_id: 'Penempatan menengah-tinggi lulusan SMK',
	},
	'placements.smk_placements': {
		cube: 'placements',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'SMK graduate placements',
		title_id: 'Penempatan lulusan SMK',
	},
	'placements.wage_usd_total': {
		cube: 'placements',
		kind: 'measure',
		type: 'number',
		format: 'currency',
		title: 'Total monthly wages (USD)',
		title_id: 'Total upah bulanan (USD)',
	},
	'province_rates.candidates': {
		cube: 'province_rates',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Candidates registered',
		title_id: 'Calon pekerja terdaftar',
	},
	'province_rates.candidates_per_100k': {
		cube: 'province_rates',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Candidates per 100,000 working-age residents a year',
		title_id: 'Calon pekerja per 100.000 penduduk usia kerja per tahun',
	},
	'province_rates.island_group': {
		cube: 'province_rates',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Island group',
		title_id: 'Kelompok pulau',
	},
	'province_rates.medium_high_per_100k': {
		cube: 'province_rates',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Medium-to-high-skill placements per 100,000 a year',
		title_id: 'Penempatan menengah-tinggi per 100.000 per tahun',
	},
	'province_rates.medium_high_placements': {
		cube: 'province_rates',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Medium-to-high-skill placements',
		title_id: 'Penempatan menengah-tinggi',
	},
	'province_rates.month': { cube: 'province_rates', kind: 'time', type: 'time', format: null, title: 'Month', title_id: 'Bulan' },
	'province_rates.placements': {
		cube: 'province_rates',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Placements',
		title_id: 'Penempatan',
	},
	'province_rates.placements_per_100k': {
		cube: 'province_rates',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Placements per 100,000 working-age residents a year',
		title_id: 'Penempatan per 100.000 penduduk usia kerja per tahun',
	},
	'province_rates.population': {
		cube: 'province_rates',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Population',
		title_id: 'Penduduk',
	},
	'province_rates.province': {
		cube: 'province_rates',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Province of origin',
		title_id: 'Provinsi asal',
	},
	'province_rates.working_age_person_years': {
		cube: 'province_rates',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Working-age person-years',
		title_id: 'Orang-tahun usia kerja',
	},
	'province_rates.working_age_population': {
		cube: 'province_rates',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Working-age population',
		title_id: 'Penduduk usia kerja',
	},
	'province_rates.year': { cube: 'province_rates', kind: 'dimension', type: 'number', format: 'id', title: 'Year', title_id: 'Tahun' },
	'provinces.bps_code': { cube: 'provinces', kind: 'dimension', type: 'string', format: 'id', title: 'BPS code', title_id: 'Kode BPS' },
	'provinces.code': {
		cube: 'provinces',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Province code',
		title_id: 'Kode provinsi',
	},
	'provinces.island_group': {
		cube: 'provinces',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Island group',
		title_id: 'Kelompok pulau',
	},
	'provinces.iso_code': {
		cube: 'provinces',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'ISO 3166-2 code',
		title_id: 'Kode ISO 3166-2',
	},
	'provinces.name': { cube: 'provinces', kind: 'dimension', type: 'string', format: null, title: 'Province', title_id: 'Provinsi' },
	'provinces.population': {
		cube: 'provinces',
		kind: 'dimension',
		type: 'number',
		format: 'number',
		title: 'Population',
		title_id: 'Penduduk',
	},
	'provinces.working_age_population': {
		cube: 'provinces',
		kind: 'dimension',
		type: 'number',
		format: 'number',
		title: 'Working-age population',
		title_id: 'Penduduk usia kerja',
	},
	'public_demand.application_rate': {
		cube: 'public_demand',
		kind: 'measure',
		type: 'number',
		format: 'percent',
		title: 'Application Rate',
		title_id: 'Tingkat lamaran',
	},
	'public_demand.applications': {
		cube: 'public_demand',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Applications',
		title_id: 'Lamaran pada baris ini',
	},
	'public_demand.country': {
		cube: 'public_demand',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Country',
		title_id: 'Negara tujuan',
	},
	'public_demand.demand_slots': {
		cube: 'public_demand',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Demand Slots',
		title_id: 'Slot permintaan',
	},
	'public_demand.fill_rate': {
		cube: 'public_demand',
		kind: 'measure',
		type: 'number',
		format: 'percent',
		title: 'Fill Rate',
		title_id: 'Tingkat keterisian',
	},
	'public_demand.issued_date': {
		cube: 'public_demand',
		kind: 'time',
		type: 'time',
		format: null,
		title: 'Issued Date',
		title_id: 'Tanggal terbit',
	},
	'public_demand.occupation': {
		cube: 'public_demand',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Occupation',
		title_id: 'Jabatan',
	},
	'public_demand.open_slots_now': {
		cube: 'public_demand',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Open Slots Now',
		title_id: 'Slot terbuka saat ini',
	},
	'public_demand.placements': {
		cube: 'public_demand',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Placements',
		title_id: 'Penempatan pada baris ini',
	},
	'public_demand.region': {
		cube: 'public_demand',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Region',
		title_id: 'Kawasan tujuan',
	},
	'public_demand.scheme': {
		cube: 'public_demand',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Scheme',
		title_id: 'Skema penempatan',
	},
	'public_demand.sector': { cube: 'public_demand', kind: 'dimension', type: 'string', format: 'id', title: 'Sector', title_id: 'Sektor' },
	'public_openings.country': {
		cube: 'public_openings',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Country',
		title_id: 'Negara tujuan',
	},
	'public_openings.open_slots': {
		cube: 'public_openings',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Open Slots',
		title_id: 'Slot terbuka saat ini',
	},
	'public_openings.opening': {
		cube: 'public_openings',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Opening',
		title_id: 'Profil persyaratan',
	},
	'public_openings.wage_max_usd': {
		cube: 'public_openings',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Wage Max Usd',
		title_id: 'Upah tertinggi yang ditawarkan (USD)',
	},
	'public_openings.wage_min_usd': {
		cube: 'public_openings',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Wage Min Usd',
		title_id: 'Upah terendah yang ditawarkan (USD)',
	},
	'public_placements.country': {
		cube: 'public_placements',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Country',
		title_id: 'Negara tujuan',
	},
	'public_placements.departure_date': {
		cube: 'public_placements',
		kind: 'time',
		type: 'time',
		format: null,
		title: 'Departure Date',
		title_id: 'Tanggal keberangkatan',
	},
	'public_placements.gender': {
		cube: 'public_placements',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Gender',
		title_id: 'Jenis kelamin',
	},
	'public_placements.medium_high_placements': {
		cube: 'public_placements',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Medium High Placements',
		title_id: 'Penempatan keterampilan menengah-tinggi',
	},
	'public_placements.medium_high_share': {
		cube: 'public_placements',
		kind: 'measure',
		type: 'number',
		format: 'percent',
		title: 'Medium High Share',
		title_id: 'Pangsa keterampilan menengah-tinggi',
	},
	'public_placements.occupation': {
		cube: 'public_placements',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Occupation',
		title_id: 'Jabatan',
	},
	'public_placements.placements': {
		cube: 'public_placements',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Placements',
		title_id: 'Penempatan',
	},
	'public_placements.province': {
		cube: 'public_placements',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Province',
		title_id: 'Provinsi asal',
	},
	'public_placements.region': {
		cube: 'public_placements',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Region',
		title_id: 'Kawasan tujuan',
	},
	'public_placements.scheme': {
		cube: 'public_placements',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Scheme',
		title_id: 'Skema penempatan',
	},
	'public_placements.sector': {
		cube: 'public_placements',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Sector',
		title_id: 'Sektor',
	},
	'public_provinces.candidates': {
		cube: 'public_provinces',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Candidates',
		title_id: 'Calon pekerja terdaftar',
	},
	'public_provinces.candidates_per_100k': {
		cube: 'public_provinces',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Candidates Per100 K',
		title_id: 'Calon pekerja per 100.000 penduduk usia kerja per tahun',
	},
	'public_provinces.island_group': {
		cube: 'public_provinces',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Island Group',
		title_id: 'Kelompok pulau',
	},
	'public_provinces.medium_high_per_100k': {
		cube: 'public_provinces',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Medium High Per100 K',
		title_id: 'Penempatan menengah-tinggi per 100.000 per tahun',
	},
	'public_provinces.medium_high_placements': {
		cube: 'public_provinces',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Medium High Placements',
		title_id: 'Penempatan menengah-tinggi',
	},
	'public_provinces.month': { cube: 'public_provinces', kind: 'time', type: 'time', format: null, title: 'Month', title_id: 'Bulan' },
	'public_provinces.placements': {
		cube: 'public_provinces',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Placements',
		title_id: 'Penempatan',
	},
	'public_provinces.placements_per_100k': {
		cube: 'public_provinces',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Placements Per100 K',
		title_id: 'Penempatan per 100.000 penduduk usia kerja per tahun',
	},
	'public_provinces.population': {
		cube: 'public_provinces',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Population',
		title_id: 'Penduduk',
	},
	'public_provinces.province': {
		cube: 'public_provinces',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Province',
		title_id: 'Provinsi asal',
	},
	'public_provinces.working_age_person_years': {
		cube: 'public_provinces',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Working Age Person Years',
		title_id: 'Orang-tahun usia kerja',
	},
	'public_provinces.working_age_population': {
		cube: 'public_provinces',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Working Age Population',
		title_id: 'Penduduk usia kerja',
	},
	'public_quick_win.achieved': {
		cube: 'public_quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Achieved',
		title_id: 'Capaian',
	},
	'public_quick_win.cumulative_achieved': {
		cube: 'public_quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Cumulative Achieved',
		title_id: 'Capaian kumulatif',
	},
	'public_quick_win.days_to_go': {
		cube: 'public_quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Days to Go',
		title_id: 'Hari tersisa',
	},
	'public_quick_win.forecast': {
		cube: 'public_quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Forecast',
		title_id: 'Proyeksi akhir tahun',
	},
	'public_quick_win.forecast_high': {
		cube: 'public_quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Forecast High',
		title_id: 'Proyeksi, batas atas 80 %',
	},
	'public_quick_win.forecast_low': {
		cube: 'public_quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Forecast Low',
		title_id: 'Proyeksi, batas bawah 80 %',
	},
	'public_quick_win.forecast_method': {
		cube: 'public_quick_win',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Forecast Method',
		title_id: 'Metode proyeksi',
	},
	'public_quick_win.forecast_progress': {
		cube: 'public_quick_win',
		kind: 'measure',
		type: 'number',
		format: 'percent',
		title: 'Forecast Progress',
		title_id: 'Proyeksi / target',
	},
	'public_quick_win.linear_path': {
		cube: 'public_quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Linear Path',
		title_id: 'Jalur linear',
	},
	'public_quick_win.medium_high_in_month': {
		cube: 'public_quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Medium High in Month',
		title_id: 'Penempatan menengah-tinggi dalam bulan',
	},
	'public_quick_win.month': { cube: 'public_quick_win', kind: 'time', type: 'time', format: null, title: 'Month', title_id: 'Bulan' },
	'public_quick_win.months_elapsed': {
		cube: 'public_quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Months Elapsed',
		title_id: 'Bulan berlalu',
	},
	'public_quick_win.months_remaining': {
		cube: 'public_quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Months Remaining',
		title_id: 'Sisa bulan',
	},
	'public_quick_win.months_to_go': {
		cube: 'public_quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Months to Go',
		title_id: 'Bulan tersisa',
	},
	'public_quick_win.pace_needed_per_day': {
		cube: 'public_quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Pace Needed Per Day',
		title_id: 'Laju yang dibutuhkan per hari',
	},
	'public_quick_win.pace_needed_per_month': {
		cube: 'public_quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Pace Needed Per Month',
		title_id: 'Laju yang dibutuhkan per bulan',
	},
	'public_quick_win.pace_so_far_per_month': {
		cube: 'public_quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Pace so Far Per Month',
		title_id: 'Laju sejauh ini per bulan',
	},
	'public_quick_win.progress': {
		cube: 'public_quick_win',
		kind: 'measure',
		type: 'number',
		format: 'percent',
		title: 'Progress',
		title_id: 'Kemajuan Quick Win',
	},
	'public_quick_win.projected_cumulative': {
		cube: 'public_quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Projected Cumulative',
		title_id: 'Proyeksi kumulatif',
	},
	'public_quick_win.projected_high': {
		cube: 'public_quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Projected High',
		title_id: 'Proyeksi kumulatif, batas atas',
	},
	'public_quick_win.projected_low': {
		cube: 'public_quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Projected Low',
		title_id: 'Proyeksi kumulatif, batas bawah',
	},
	'public_quick_win.remaining': {
		cube: 'public_quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Remaining',
		title_id: 'Sisa menuju target',
	},
	'public_quick_win.seasonal_path': {
		cube: 'public_quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Seasonal Path',
		title_id: 'Jalur musiman',
	},
	'public_quick_win.smk_achieved': {
		cube: 'public_quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Smk Achieved',
		title_id: 'Capaian SMK',
	},
	'public_quick_win.smk_progress': {
		cube: 'public_quick_win',
		kind: 'measure',
		type: 'number',
		format: 'percent',
		title: 'Smk Progress',
		title_id: 'Kemajuan SMK',
	},
	'public_quick_win.smk_target': {
		cube: 'public_quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Smk Target',
		title_id: 'Target SMK',
	},
	'public_quick_win.target': {
		cube: 'public_quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Target',
		title_id: 'Target Quick Win',
	},
	'public_quick_win.year': { cube: 'public_quick_win', kind: 'dimension', type: 'number', format: 'id', title: 'Year', title_id: 'Tahun' },
	'quick_win.achieved': { cube: 'quick_win', kind: 'measure', type: 'number', format: 'number', title: 'Achieved', title_id: 'Capaian' },
	'quick_win.as_of': { cube: 'quick_win', kind: 'time', type: 'time', format: null, title: 'As of', title_id: 'Per tanggal' },
	'quick_win.cumulative_achieved': {
		cube: 'quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Cumulative achieved',
		title_id: 'Capaian kumulatif',
	},
	'quick_win.days_to_go': {
		cube: 'quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Days to go',
		title_id: 'Hari tersisa',
	},
	'quick_win.forecast': {
		cube: 'quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Year-end forecast',
		title_id: 'Proyeksi akhir tahun',
	},
	'quick_win.forecast_high': {
		cube: 'quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Forecast, 80 % high',
		title_id: 'Proyeksi, batas atas 80 %',
	},
	'quick_win.forecast_low': {
		cube: 'quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Forecast, 80 % low',
		title_id: 'Proyeksi, batas bawah 80 %',
	},
	'quick_win.forecast_method': {
		cube: 'quick_win',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Forecast method',
		title_id: 'Metode proyeksi',
	},
	'quick_win.forecast_progress': {
		cube: 'quick_win',
		kind: 'measure',
		type: 'number',
		format: 'percent',
		title: 'Forecast / target',
		title_id: 'Proyeksi / target',
	},
	'quick_win.linear_path': {
		cube: 'quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Straight-line path',
		title_id: 'Jalur linear',
	},
	'quick_win.medium_high_in_month': {
		cube: 'quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Medium-to-high-skill placements in the month',
		title_id: 'Penempatan menengah-tinggi dalam bulan',
	},
	'quick_win.month': { cube: 'quick_win', kind: 'time', type: 'time', format: null, title: 'Month', title_id: 'Bulan' },
	'quick_win.month_number': {
		cube: 'quick_win',
		kind: 'dimension',
		type: 'number',
		format: 'id',
		title: 'Month number',
		title_id: 'Nomor bulan',
	},
	'quick_win.months_elapsed': {
		cube: 'quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Months elapsed',
		title_id: 'Bulan berlalu',
	},
	'quick_win.months_remaining': {
		cube: 'quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Months remaining',
		title_id: 'Sisa bulan',
	},
	'quick_win.months_to_go': {
		cube: 'quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Months to go',
		title_id: 'Bulan tersisa',
	},
	'quick_win.normal_years': {
		cube: 'quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Normal years used',
		title_id: 'Tahun normal yang dipakai',
	},
	'quick_win.pace_needed_per_day': {
		cube: 'quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Pace needed per day',
		title_id: 'Laju yang dibutuhkan per hari',
	},
	'quick_win.pace_needed_per_month': {
		cube: 'quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Pace needed per month',
		title_id: 'Laju yang dibutuhkan per bulan',
	},
	'quick_win.pace_so_far_per_month': {
		cube: 'quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Pace so far per month',
		title_id: 'Laju sejauh ini per bulan',
	},
	'quick_win.progress': {
		cube: 'quick_win',
		kind: 'measure',
		type: 'number',
		format: 'percent',
		title: 'Quick Win progress',
		title_id: 'Kemajuan Quick Win',
	},
	'quick_win.projected_cumulative': {
		cube: 'quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Projected cumulative',
		title_id: 'Proyeksi kumulatif',
	},
	'quick_win.projected_high': {
		cube: 'quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Projected cumulative, high',
		title_id: 'Proyeksi kumulatif, batas atas',
	},
	'quick_win.projected_low': {
		cube: 'quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Projected cumulative, low',
		title_id: 'Proyeksi kumulatif, batas bawah',
	},
	'quick_win.remaining': {
		cube: 'quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Remaining to the target',
		title_id: 'Sisa menuju target',
	},
	'quick_win.seasonal_path': {
		cube: 'quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Seasonal path',
		title_id: 'Jalur musiman',
	},
	'quick_win.smk_achieved': {
		cube: 'quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'SMK achieved',
		title_id: 'Capaian SMK',
	},
	'quick_win.smk_progress': {
		cube: 'quick_win',
		kind: 'measure',
		type: 'number',
		format: 'percent',
		title: 'SMK progress',
		title_id: 'Kemajuan SMK',
	},
	'quick_win.smk_target': {
		cube: 'quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'SMK target',
		title_id: 'Target SMK',
	},
	'quick_win.target': {
		cube: 'quick_win',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Quick Win target',
		title_id: 'Target Quick Win',
	},
	'quick_win.year': { cube: 'quick_win', kind: 'dimension', type: 'number', format: 'id', title: 'Year', title_id: 'Tahun' },
	'regencies.code': {
		cube: 'regencies',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Regency code',
		title_id: 'Kode kabupaten/kota',
	},
	'regencies.kind': { cube: 'regencies', kind: 'dimension', type: 'string', format: null, title: 'Kind', title_id: 'Jenis' },
	'regencies.name': { cube: 'regencies', kind: 'dimension', type: 'string', format: null, title: 'Regency', title_id: 'Kabupaten/kota' },
	'regencies.province': {
		cube: 'regencies',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Province code',
		title_id: 'Kode provinsi',
	},
	'regencies.short_name': {
		cube: 'regencies',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Regency (short)',
		title_id: 'Kabupaten/kota (singkat)',
	},
	'regions.code': { cube: 'regions', kind: 'dimension', type: 'string', format: 'id', title: 'Region code', title_id: 'Kode kawasan' },
	'regions.name_en': {
		cube: 'regions',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Region (English)',
		title_id: 'Kawasan (Inggris)',
	},
	'regions.name_id': {
		cube: 'regions',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Region (Indonesian)',
		title_id: 'Kawasan',
	},
	'sectors.code': { cube: 'sectors', kind: 'dimension', type: 'string', format: 'id', title: 'Sector code', title_id: 'Kode sektor' },
	'sectors.formal': { cube: 'sectors', kind: 'dimension', type: 'number', format: 'id', title: 'Formal', title_id: 'Formal' },
	'sectors.name_en': {
		cube: 'sectors',
		kind: 'dimension',
		type: 'string',
		format: null,
		title: 'Sector (English)',
		title_id: 'Sektor (Inggris)',
	},
	'sectors.name_id': { cube: 'sectors', kind: 'dimension', type: 'string', format: null, title: 'Sector (Indonesian)', title_id: 'Sektor' },
	'supply.accepts_any_country': {
		cube: 'supply',
		kind: 'dimension',
		type: 'number',
		format: 'id',
		title: 'Accepts any destination',
		title_id: 'Menerima semua negara',
	},
	'supply.age_band': { cube: 'supply', kind: 'dimension', type: 'string', format: 'id', title: 'Age band', title_id: 'Kelompok umur' },
	'supply.applied': { cube: 'supply', kind: 'measure', type: 'number', format: 'number', title: 'Applied', title_id: 'Melamar' },
	'supply.best_language': {
		cube: 'supply',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Best language',
		title_id: 'Bahasa terbaik',
	},
	'supply.best_language_level': {
		cube: 'supply',
		kind: 'dimension',
		type: 'number',
		format: 'id',
		title: 'Best language level',
		title_id: 'Tingkat bahasa terbaik',
	},
	'supply.candidates': {
		cube: 'supply',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Candidates',
		title_id: 'Calon pekerja',
	},
	'supply.certified': { cube: 'supply', kind: 'measure', type: 'number', format: 'number', title: 'Certified', title_id: 'Bersertifikat' },
	'supply.education': { cube: 'supply', kind: 'dimension', type: 'string', format: 'id', title: 'Education', title_id: 'Pendidikan' },
	'supply.experience_years': {
		cube: 'supply',
		kind: 'dimension',
		type: 'number',
		format: 'id',
		title: 'Experience (years)',
		title_id: 'Pengalaman (tahun)',
	},
	'supply.gender': { cube: 'supply', kind: 'dimension', type: 'string', format: 'id', title: 'Gender', title_id: 'Jenis kelamin' },
	'supply.lacking_certificate': {
		cube: 'supply',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Lacking the certificate',
		title_id: 'Belum punya sertifikat',
	},
	'supply.lacking_education': {
		cube: 'supply',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Lacking the education',
		title_id: 'Kurang pendidikan',
	},
	'supply.lacking_experience': {
		cube: 'supply',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Lacking the experience',
		title_id: 'Kurang pengalaman',
	},
	'supply.lacking_language': {
		cube: 'supply',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Lacking the language level',
		title_id: 'Kurang tingkat bahasa',
	},
	'supply.missing_certificate': {
		cube: 'supply',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Missing certificate',
		title_id: 'Sertifikat yang kurang',
	},
	'supply.missing_language': {
		cube: 'supply',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Missing language',
		title_id: 'Bahasa yang kurang',
	},
	'supply.pipeline_stage': { cube: 'supply', kind: 'dimension', type: 'string', format: 'id', title: 'Pipeline stage', title_id: 'Tahap' },
	'supply.placed': { cube: 'supply', kind: 'measure', type: 'number', format: 'number', title: 'Placed', title_id: 'Ditempatkan' },
	'supply.placed_share': {
		cube: 'supply',
		kind: 'measure',
		type: 'number',
		format: 'percent',
		title: 'Placed share',
		title_id: 'Pangsa ditempatkan',
	},
	'supply.preferred_occupation': {
		cube: 'supply',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Preferred occupation',
		title_id: 'Jabatan yang diminati',
	},
	'supply.preferred_sector': {
		cube: 'supply',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Preferred sector',
		title_id: 'Sektor yang diminati',
	},
	'supply.preferred_skill_level': {
		cube: 'supply',
		kind: 'dimension',
		type: 'number',
		format: 'id',
		title: 'Skill level',
		title_id: 'Tingkat keterampilan',
	},
	'supply.province': {
		cube: 'supply',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Province of origin',
		title_id: 'Provinsi asal',
	},
	'supply.qualified': {
		cube: 'supply',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Qualified and waiting',
		title_id: 'Memenuhi syarat dan menunggu',
	},
	'supply.qualified_share': {
		cube: 'supply',
		kind: 'measure',
		type: 'number',
		format: 'percent',
		title: 'Qualified share of waiting',
		title_id: 'Pangsa memenuhi syarat',
	},
	'supply.regency': {
		cube: 'supply',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Regency of origin',
		title_id: 'Kabupaten/kota asal',
	},
	'supply.registered_date': {
		cube: 'supply',
		kind: 'time',
		type: 'time',
		format: null,
		title: 'Registration date',
		title_id: 'Tanggal pendaftaran',
	},
	'supply.smk': { cube: 'supply', kind: 'dimension', type: 'number', format: 'id', title: 'SMK graduate', title_id: 'Lulusan SMK' },
	'supply.smk_major': { cube: 'supply', kind: 'dimension', type: 'string', format: 'id', title: 'SMK major', title_id: 'Jurusan SMK' },
	'supply.stale': {
		cube: 'supply',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Stale registrations',
		title_id: 'Pendaftaran tidak aktif',
	},
	'supply.trained': { cube: 'supply', kind: 'measure', type: 'number', format: 'number', title: 'Trained', title_id: 'Terlatih' },
	'supply.waiting': { cube: 'supply', kind: 'measure', type: 'number', format: 'number', title: 'Waiting', title_id: 'Menunggu' },
	'trainings.completed': {
		cube: 'trainings',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Completed trainings',
		title_id: 'Pelatihan selesai',
	},
	'trainings.completion_rate': {
		cube: 'trainings',
		kind: 'measure',
		type: 'number',
		format: 'percent',
		title: 'Completion rate',
		title_id: 'Tingkat penyelesaian',
	},
	'trainings.dropped': {
		cube: 'trainings',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Dropped trainings',
		title_id: 'Pelatihan berhenti',
	},
	'trainings.education': { cube: 'trainings', kind: 'dimension', type: 'string', format: 'id', title: 'Education', title_id: 'Pendidikan' },
	'trainings.end_date': { cube: 'trainings', kind: 'time', type: 'time', format: null, title: 'End date', title_id: 'Tanggal selesai' },
	'trainings.gender': { cube: 'trainings', kind: 'dimension', type: 'string', format: 'id', title: 'Gender', title_id: 'Jenis kelamin' },
	'trainings.institution_kind': {
		cube: 'trainings',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Institution kind',
		title_id: 'Jenis lembaga',
	},
	'trainings.institution_province': {
		cube: 'trainings',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Province of the institution',
		title_id: 'Provinsi lembaga pelatihan',
	},
	'trainings.kind': {
		cube: 'trainings',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Training kind',
		title_id: 'Jenis pelatihan',
	},
	'trainings.language': { cube: 'trainings', kind: 'dimension', type: 'string', format: 'id', title: 'Language', title_id: 'Bahasa' },
	'trainings.language_level': {
		cube: 'trainings',
		kind: 'dimension',
		type: 'number',
		format: 'id',
		title: 'Language level reached',
		title_id: 'Tingkat bahasa dicapai',
	},
	'trainings.occupation': {
		cube: 'trainings',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Occupation trained for',
		title_id: 'Jabatan yang dilatih',
	},
	'trainings.province': {
		cube: 'trainings',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Province of origin of the candidate',
		title_id: 'Provinsi asal peserta',
	},
	'trainings.regency': {
		cube: 'trainings',
		kind: 'dimension',
		type: 'string',
		format: 'id',
		title: 'Regency of origin',
		title_id: 'Kabupaten/kota asal',
	},
	'trainings.result': { cube: 'trainings', kind: 'dimension', type: 'string', format: 'id', title: 'Result', title_id: 'Hasil' },
	'trainings.start_date': { cube: 'trainings', kind: 'time', type: 'time', format: null, title: 'Start date', title_id: 'Tanggal mulai' },
	'trainings.trainings': {
		cube: 'trainings',
		kind: 'measure',
		type: 'number',
		format: 'number',
		title: 'Trainings',
		title_id: 'Pelatihan',
	},
};
