/**
 * One label, one definition (issue #12, item 3): every label key that a tile, a table column or a
 * chart series shows a metric under is bound here to exactly one Cube member. The page modules (`server/pages/*.ts`) read a tile's
 * number through its label's member and hand the label key to the page, so a tile cannot show
 * "qualified candidates" read from one definition on one page and another on the next; a number
 * that measures something else needs a label of its own. `labels.test.ts` walks every page module
 * against this catalogue and the generated member list.
 */
import type { MeasureMember } from './cube-members.ts';
import type { MessageKey } from './i18n/index.ts';

export const LABELS = {
	// the Quick Win (national, yearly)
	'kpi.quickWin': 'quick_win.progress',
	'kpi.paceNeeded': 'quick_win.pace_needed_per_month',
	// the Quick Win by month of the year (the band's low and high are one label over two members, left out)
	'overview.inMonth': 'quick_win.medium_high_in_month',
	'overview.cumulative': 'quick_win.cumulative_achieved',
	'overview.pathToTarget': 'quick_win.seasonal_path',
	'overview.projected': 'quick_win.projected_cumulative',
	// placements, by departure date in the period
	'kpi.placementsYtd': 'placements.placements',
	'markets.metric.placements': 'placements.placements',
	'metric.placements': 'placements.placements',
	'provinces.metric.placements': 'placements.placements',
	'country.female': 'placements.female_share',
	'kpi.mediumHigh': 'placements.medium_high_placements',
	'kpi.mediumHighShare': 'placements.medium_high_share',
	// job orders, by issue date in the period
	'markets.metric.demand': 'job_orders.demand_slots',
	'country.lines': 'job_orders.lines',
	'country.applications': 'job_orders.applications',
	// departures on the lines issued in the period (the fill rate's numerator), not placements by departure date
	'metric.placementsOnLines': 'job_orders.placements',
	'kpi.fillRate': 'job_orders.fill_rate',
	'markets.metric.fill_rate': 'job_orders.fill_rate',
	'kpi.applicationRate': 'job_orders.application_rate',
	'markets.metric.wage': 'job_orders.avg_wage_usd',
	'country.medianDays': 'fill_time.median_days_to_fill',
	// applications rejected in the period, by application date
	'country.rejected': 'applications.rejected',
	// open slots at the end of the period (a stock)
	'kpi.openSlots': 'open_slots.open_slots',
	// open slots and the gap now (the competency gap: a snapshot)
	'matching.openSlotsNow': 'competency_gap.open_slots',
	'metric.gap': 'competency_gap.gap',
	'matching.closable': 'competency_gap.closable_by_training',
	'metric.qualifiedPerMarket': 'competency_gap.qualified_supply',
	'matching.gapShare': 'competency_gap.gap_share',
	'gap.certificate': 'competency_gap.gap_certificate',
	'matching.byCertification': 'competency_gap.gap_certificate',
	'gap.language': 'competency_gap.gap_language',
	'matching.thenLanguage': 'competency_gap.gap_language',
	'gap.education': 'competency_gap.gap_education',
	'gap.experience': 'competency_gap.gap_experience',
	'matching.noNearSupply': 'competency_gap.gap_no_near_supply',
	// the matching engine's latest run
	'matching.engineOpenSlots': 'matching_markets.open_slots',
	'matching.fillableOptimal': 'matching_markets.fillable_optimal',
	'matching.fillableGreedy': 'matching_markets.fillable_greedy',
	'matching.fillableUnconstrained': 'matching_markets.fillable_unconstrained',
	// the training planner of the latest run
	'matching.planBudget': 'matching_plan_runs.budget',
	'matching.planBase': 'matching_plan_runs.base_fillable',
	'matching.planSeats': 'matching_plan.plan_seats',
	'matching.planCandidates': 'matching_plan.plan_candidates',
	'matching.planSlots': 'matching_plan.plan_slots',
	'matching.propSeats': 'matching_plan.proportional_seats',
	'matching.propCandidates': 'matching_plan.proportional_candidates',
	'matching.propSlots': 'matching_plan.proportional_slots',
	'matching.planPerSeatRatio': 'matching_plan.plan_per_seat_over_proportional',
	// people now (stocks): waiting, and qualified for an open job order
	'kpi.qualifiedSupply': 'supply.qualified',
	'kpi.waiting': 'supply.waiting',
	'province.waiting': 'supply.waiting',
	// people registered in the period (a flow)
	'province.registeredInPeriod': 'supply.candidates',
	// per 100,000 inhabitants, in the period
	'provinces.metric.per_capita': 'province_rates.placements_per_100k',
	'provinces.candidatesPerCapita': 'province_rates.candidates_per_100k',
	'provinces.metric.candidates': 'province_rates.candidates',
	// certification exams in the period
	'province.passRate': 'certifications.pass_rate',
	'province.attemptsHere': 'certifications.attempts',
	// certification bodies and their capacity per year (reference data, no period)
	'province.bodies': 'certification_capacity.bodies',
	'province.annualCapacity': 'certification_capacity.annual_capacity',
} as const satisfies Partial<Record<MessageKey, MeasureMember>>;

export type LabelKey = keyof typeof LABELS;

/**
 * Views that expose a cube's members under the view's name without changing them (Cube `view`
 * with `includes`): `public_quick_win.progress` is `quick_win.progress`. Only these are the same
 * definition under another name; the public cubes with their own suppression (public_placements,
 * public_demand, public_provinces) are not listed.
 */
export const VIEW_OF = { public_quick_win: 'quick_win' } as const;

/** The member a (view) member reads: the cube's own member for a view's included one. */
export function definitionOf(member: string): string {
	const [cube, name] = member.split('.') as [string, string];
	const base = (VIEW_OF as Record<string, string>)[cube];
	return base ? `${base}.${name}` : member;
}
