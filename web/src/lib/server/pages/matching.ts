/** The matching page (`/matching`). */
import type { DimensionMember, MeasureMember } from '../../cube-members.ts';
import type { Filters } from '../../filters.ts';
import type { Names } from '../dashboard.ts';
import {
	type Column,
	columnLabels,
	filtered,
	num,
	type QueryResults,
	qualifiedPeopleQuery,
	readColumns,
	readTiles,
	type Tile,
	tileLabels,
} from './query-kit.ts';

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

/**
 * The matching tables' columns (and the chart series drawn from them): each label read through its
 * one member. `gap` heads the three gap tables (by occupation, by country, by cell), `closable` the
 * "where training closes the gap" table.
 */
export const MATCHING_TABLES = {
	gap: {
		openSlots: { query: 'cells', label: 'matching.openSlotsNow', member: 'competency_gap.open_slots' },
		qualified: { query: 'cells', label: 'metric.qualifiedPerMarket', member: 'competency_gap.qualified_supply' },
		gap: { query: 'cells', label: 'metric.gap', member: 'competency_gap.gap' },
		gapShare: { query: 'cells', label: 'matching.gapShare', member: 'competency_gap.gap_share' },
		certificate: { query: 'cells', label: 'gap.certificate', member: 'competency_gap.gap_certificate' },
		language: { query: 'cells', label: 'gap.language', member: 'competency_gap.gap_language' },
		education: { query: 'cells', label: 'gap.education', member: 'competency_gap.gap_education' },
		experience: { query: 'cells', label: 'gap.experience', member: 'competency_gap.gap_experience' },
		noNearSupply: { query: 'cells', label: 'matching.noNearSupply', member: 'competency_gap.gap_no_near_supply' },
	},
	closable: {
		gap: { query: 'cells', label: 'metric.gap', member: 'competency_gap.gap' },
		closable: { query: 'cells', label: 'matching.closable', member: 'competency_gap.closable_by_training' },
		certificate: { query: 'cells', label: 'matching.byCertification', member: 'competency_gap.gap_certificate' },
		language: { query: 'cells', label: 'matching.thenLanguage', member: 'competency_gap.gap_language' },
	},
} as const satisfies Record<string, Record<string, Column<MatchingQuery>>>;

export interface GapRow {
	occupation: string;
	country: string;
	label: string;
	openSlots: number | null;
	qualified: number | null;
	gap: number | null;
	gapShare: number | null;
	certificate: number | null;
	language: number | null;
	education: number | null;
	experience: number | null;
	noNearSupply: number | null;
	byCertification: number | null;
	byLanguage: number | null;
	byTraining: number | null;
}

/** What the matching page shows, read from its queries' rows. */
export function readMatching(r: QueryResults<MatchingQuery>, names: Names) {
	const rows = (result: QueryResults<MatchingQuery>[MatchingQuery], label: (occupation: string, country: string) => string): GapRow[] =>
		result.data.map((d) => {
			const occupation = String(d['competency_gap.occupation'] ?? '');
			const country = String(d['competency_gap.country'] ?? '');
			return {
				occupation,
				country,
				label: label(occupation, country),
				...readColumns(MATCHING_TABLES.gap, d),
				byCertification: num(d['competency_gap.closable_by_certification']),
				byLanguage: num(d['competency_gap.closable_by_language']),
				byTraining: readColumns(MATCHING_TABLES.closable, d).closable,
			};
		});
	const occ = (code: string) => names.occupation[code] ?? code;
	const ctry = (code: string) => names.country[code] ?? code;
	const cells = rows(r.cells, (o, c) => `${occ(o)} — ${ctry(c)}`);
	// Certification first, then language training: the two parts add up to closable_by_training and
	// never count a cell's slot twice (closable_by_certification + closable_by_language would).
	const closable = [...cells]
		.map((c) => ({ ...c, closable: c.byTraining ?? 0 }))
		.filter((c) => c.closable > 0)
		.sort((a, b) => b.closable - a.closable)
		.slice(0, 12);
	const totals = rows(r.totals, () => '')[0] ?? null;
	return {
		// open slots but no gap: the cards say "no gap" rather than draw empty bars or "no data"
		noGap: (totals?.openSlots ?? 0) > 0 && (totals?.gap ?? 0) === 0,
		totals,
		labels: tileLabels(MATCHING_TILES),
		columns: columnLabels(MATCHING_TABLES),
		tiles: readTiles(MATCHING_TILES, r),
		byOccupation: rows(r.byOccupation, (o) => occ(o)),
		byCountry: rows(r.byCountry, (_o, c) => ctry(c)),
		cells,
		closable,
	};
}
