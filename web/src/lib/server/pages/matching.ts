/** The matching page (`/matching`). */
import type { DimensionMember, MeasureMember } from '../../cube-members.ts';
import type { Filters } from '../../filters.ts';
import { filtered, qualifiedPeopleQuery, type Tile } from './query-kit.ts';

const GAP_MEASURES: MeasureMember[] = [
	'competency_gap.open_slots',
	'competency_gap.qualified_supply',
	'competency_gap.gap',
	'competency_gap.gap_share',
	'competency_gap.gap_certificate',
	'competency_gap.gap_language',
	'competency_gap.gap_education',
	'competency_gap.gap_experience',
	'competency_gap.gap_no_near_supply',
	'competency_gap.closable_by_certification',
	'competency_gap.closable_by_language',
	'competency_gap.closable_by_training',
];

/** Matching (padupadan): open demand against qualified supply, now. */
export function matchingQueries(filters: Filters, members: ReadonlySet<string>) {
	const gap = (name: string, dimensions: DimensionMember[], limit: number) =>
		filtered(
			name,
			'competency_gap',
			filters,
			members,
			{ measures: GAP_MEASURES, dimensions, order: { 'competency_gap.gap': 'desc' }, limit },
			null,
		);
	return {
		totals: gap('matching.totals', [], 1),
		people: qualifiedPeopleQuery('matching.qualified_people', filters, members),
		byOccupation: gap('matching.by_occupation', ['competency_gap.occupation'], 20),
		byCountry: gap('matching.by_country', ['competency_gap.country'], 20),
		cells: gap('matching.occupation_by_country', ['competency_gap.occupation', 'competency_gap.country'], 60),
	};
}

type MatchingQuery = keyof ReturnType<typeof matchingQueries>;

/**
 * The matching page's tiles (and the numbers their detail lines name): each label read through its
 * one member. Open vacancies here are the competency gap's, now: not the overview's "open vacancies"
 * at the end of the period (open_slots.open_slots), so they carry a label of their own.
 */
export const MATCHING_TILES = {
	openSlots: { query: 'totals', label: 'matching.openSlotsNow', member: 'competency_gap.open_slots' },
	qualified: { query: 'people', label: 'kpi.qualifiedSupply', member: 'supply.qualified' },
	waiting: { query: 'people', label: 'kpi.waiting', member: 'supply.waiting' },
	gap: { query: 'totals', label: 'metric.gap', member: 'competency_gap.gap' },
	closable: { query: 'totals', label: 'matching.closable', member: 'competency_gap.closable_by_training' },
} as const satisfies Record<string, Tile<MatchingQuery>>;
