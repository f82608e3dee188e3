/** The matching page (`/matching`). */
import type { DimensionMember, MeasureMember } from '../../cube-members.ts';
import type { Filters } from '../../filters.ts';
import { MATCHING_FIRST_ROWS, MATCHING_LONG_TABLES, type MatchingLongTable } from '../../matching-tables.ts';
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

const ENGINE_MARKET_MEASURES: MeasureMember[] = [
	'matching_markets.open_slots',
	'matching_markets.fillable_optimal',
	'matching_markets.fillable_greedy',
	'matching_markets.fillable_unconstrained',
	'matching_markets.eligible_candidates',
];

const PLAN_MEASURES: MeasureMember[] = [
	'matching_plan.plan_seats',
	'matching_plan.plan_candidates',
	'matching_plan.plan_slots',
	'matching_plan.proportional_seats',
	'matching_plan.proportional_candidates',
	'matching_plan.proportional_slots',
	'matching_plan.plan_per_seat_over_proportional',
];

/** Markets shown in the engine's table: the largest by open slots (a national run has ~1,000). */
export const ENGINE_MARKETS_TOP = 25;

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
		// the engine's latest run: assignment against first come first served, by market (the
		// largest markets by open slots), the fairness groups, and the run itself
		engineMarkets: filtered(
			'matching.engine_markets',
			'matching_markets',
			filters,
			members,
			{
				measures: ENGINE_MARKET_MEASURES,
				dimensions: ['matching_markets.occupation', 'matching_markets.country'],
				order: { 'matching_markets.open_slots': 'desc' },
				limit: ENGINE_MARKETS_TOP,
			},
			null,
		),
		engineTotals: filtered('matching.engine_totals', 'matching_markets', filters, members, { measures: ENGINE_MARKET_MEASURES }, null),
		engineGroups: filtered(
			'matching.engine_groups',
			'matching_groups',
			filters,
			members,
			{
				measures: [
					'matching_groups.pool',
					'matching_groups.recommendations',
					'matching_groups.pool_share',
					'matching_groups.recommendation_share',
				],
				dimensions: ['matching_groups.dimension', 'matching_groups.group'],
				order: { 'matching_groups.dimension': 'asc', 'matching_groups.pool': 'desc' },
				limit: 200,
			},
			null,
		),
		// the training planner of the latest run: by the candidates' origin province, and its totals
		planByProvince: filtered(
			'matching.plan_by_province',
			'matching_plan',
			filters,
			members,
			{
				measures: PLAN_MEASURES,
				dimensions: ['matching_plan.province'],
				order: { 'matching_plan.plan_slots': 'desc', 'matching_plan.province': 'asc' },
				limit: 100,
			},
			null,
		),
		planTotals: filtered('matching.plan_totals', 'matching_plan', filters, members, { measures: PLAN_MEASURES }, null),
		planRun: filtered(
			'matching.plan_run',
			'matching_plan_runs',
			filters,
			members,
			{
				measures: [
					'matching_plan_runs.budget',
					'matching_plan_runs.near_candidates',
					'matching_plan_runs.base_fillable',
					'matching_plan_runs.plan_fillable',
					'matching_plan_runs.plan_bound',
					'matching_plan_runs.upper_bound_fillable',
					'matching_plan_runs.seconds',
				],
				dimensions: ['matching_plan_runs.budget_source', 'matching_plan_runs.budget_set_at'],
			},
			null,
		),
		engineRun: filtered(
			'matching.engine_run',
			'matching_runs',
			filters,
			members,
			{
				measures: [
					'matching_runs.seconds',
					'matching_runs.lines',
					'matching_runs.candidates',
					'matching_runs.line_profiles',
					'matching_runs.candidate_profiles',
					'matching_runs.eligible_pairs',
					'matching_runs.model_rows',
					'matching_runs.model_columns',
					'matching_runs.model_nonzeros',
					'matching_runs.fill_bound',
					'matching_runs.fillable_optimal',
				],
				dimensions: ['matching_runs.run_at', 'matching_runs.data_as_of', 'matching_runs.solver_status'],
			},
			null,
		),
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
	engineOpen: { query: 'engineTotals', label: 'matching.engineOpenSlots', member: 'matching_markets.open_slots' },
	engineOptimal: { query: 'engineTotals', label: 'matching.fillableOptimal', member: 'matching_markets.fillable_optimal' },
	engineGreedy: { query: 'engineTotals', label: 'matching.fillableGreedy', member: 'matching_markets.fillable_greedy' },
	engineUnconstrained: {
		query: 'engineTotals',
		label: 'matching.fillableUnconstrained',
		member: 'matching_markets.fillable_unconstrained',
	},
	planBudget: { query: 'planRun', label: 'matching.planBudget', member: 'matching_plan_runs.budget' },
	planBase: { query: 'planRun', label: 'matching.planBase', member: 'matching_plan_runs.base_fillable' },
	planSlots: { query: 'planTotals', label: 'matching.planSlots', member: 'matching_plan.plan_slots' },
	propSlots: { query: 'planTotals', label: 'matching.propSlots', member: 'matching_plan.proportional_slots' },
	planRatio: { query: 'planTotals', label: 'matching.planPerSeatRatio', member: 'matching_plan.plan_per_seat_over_proportional' },
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
	// the engine's latest run by market: the tiles' labels, the same members
	engine: {
		openSlots: { query: 'engineMarkets', label: 'matching.engineOpenSlots', member: 'matching_markets.open_slots' },
		optimal: { query: 'engineMarkets', label: 'matching.fillableOptimal', member: 'matching_markets.fillable_optimal' },
		greedy: { query: 'engineMarkets', label: 'matching.fillableGreedy', member: 'matching_markets.fillable_greedy' },
		unconstrained: { query: 'engineMarkets', label: 'matching.fillableUnconstrained', member: 'matching_markets.fillable_unconstrained' },
	},
	// the training plan by origin province: the plan against proportional allocation
	plan: {
		planSeats: { query: 'planByProvince', label: 'matching.planSeats', member: 'matching_plan.plan_seats' },
		planCandidates: { query: 'planByProvince', label: 'matching.planCandidates', member: 'matching_plan.plan_candidates' },
		planSlots: { query: 'planByProvince', label: 'matching.planSlots', member: 'matching_plan.plan_slots' },
		propSeats: { query: 'planByProvince', label: 'matching.propSeats', member: 'matching_plan.proportional_seats' },
		propCandidates: { query: 'planByProvince', label: 'matching.propCandidates', member: 'matching_plan.proportional_candidates' },
		propSlots: { query: 'planByProvince', label: 'matching.propSlots', member: 'matching_plan.proportional_slots' },
		ratio: { query: 'planByProvince', label: 'matching.planPerSeatRatio', member: 'matching_plan.plan_per_seat_over_proportional' },
	},
} as const satisfies Record<string, Record<string, Column<MatchingQuery>>>;

/** A row of the gap tables and charts: what the page shows of it, nothing more. */
export type GapRow = { label: string } & Record<keyof typeof MATCHING_TABLES.gap, number | null>;

/** Where the page data keeps each long table's rows, and the query they come from. */
const LONG_TABLE_ROWS = {
	'engine-markets': { rows: 'engineMarkets', query: 'engineMarkets' },
	'engine-fairness': { rows: 'engineGroups', query: 'engineGroups' },
	'plan-by-province': { rows: 'planRows', query: 'planByProvince' },
	'gap-cells': { rows: 'cells', query: 'cells' },
} as const satisfies Record<MatchingLongTable, { rows: string; query: MatchingQuery }>;

/** The query whose answer fills a long table (its error is the table's). */
export function longTableQuery(table: MatchingLongTable): MatchingQuery {
	return LONG_TABLE_ROWS[table].query;
}

type Matching = ReturnType<typeof readMatching>;

/** Every row of one long table, as the page data carries them. */
export function longTableRows(data: Matching, table: MatchingLongTable): readonly object[] {
	return data[LONG_TABLE_ROWS[table].rows];
}

/**
 * The page's data with each long table cut to its first rows unless the URL asks for it whole, and
 * how many rows each has (the "show all" line).
 */
export function firstRowsOf(data: Matching, whole: readonly MatchingLongTable[]) {
	const cut = <T>(rows: T[], table: MatchingLongTable) => (whole.includes(table) ? rows : rows.slice(0, MATCHING_FIRST_ROWS));
	const rowCounts = Object.fromEntries(MATCHING_LONG_TABLES.map((table) => [table, longTableRows(data, table).length])) as Record<
		MatchingLongTable,
		number
	>;
	return {
		...data,
		engineMarkets: cut(data.engineMarkets, 'engine-markets'),
		engineGroups: cut(data.engineGroups, 'engine-fairness'),
		planRows: cut(data.planRows, 'plan-by-province'),
		cells: cut(data.cells, 'gap-cells'),
		rowCounts,
	};
}

/** What the matching page shows, read from its queries' rows. */
export function readMatching(r: QueryResults<MatchingQuery>, names: Names) {
	// each row carries its label, the code its chart selects by (occupation or country) where it has
	// one, and the gap columns: the closable and by-certification/-language figures are the
	// "where training closes the gap" card's alone, so only its rows carry them
	const rows = (result: QueryResults<MatchingQuery>[MatchingQuery], label: (occupation: string, country: string) => string) =>
		result.data.map((d) => {
			const occupation = String(d['competency_gap.occupation'] ?? '');
			const country = String(d['competency_gap.country'] ?? '');
			return {
				occupation,
				country,
				row: { label: label(occupation, country), ...readColumns(MATCHING_TABLES.gap, d) } satisfies GapRow,
				d,
			};
		});
	const occ = (code: string) => names.occupation[code] ?? code;
	const ctry = (code: string) => names.country[code] ?? code;
	const cellRows = rows(r.cells, (o, c) => `${occ(o)} — ${ctry(c)}`);
	const cells: GapRow[] = cellRows.map((c) => c.row);
	// Certification first, then language training: the two parts add up to closable_by_training and
	// never count a cell's slot twice (closable_by_certification + closable_by_language would).
	const closable = cellRows
		.map((c) => ({ label: c.row.label, ...readColumns(MATCHING_TABLES.closable, c.d) }))
		.map((c) => ({ ...c, closable: c.closable ?? 0 }))
		.filter((c) => c.closable > 0)
		.sort((a, b) => b.closable - a.closable)
		.slice(0, 12);
	const totals = rows(r.totals, () => '')[0]?.row ?? null;
	const engineRow = (d: Record<string, unknown>) => ({
		occupation: String(d['matching_markets.occupation'] ?? ''),
		country: String(d['matching_markets.country'] ?? ''),
		...readColumns(MATCHING_TABLES.engine, d),
		eligible: num(d['matching_markets.eligible_candidates']),
	});
	const engineMarkets = r.engineMarkets.data.map((d) => {
		const { occupation, country, ...row } = engineRow(d);
		return { label: `${occ(occupation)} — ${ctry(country)}`, ...row };
	});
	const run = r.engineRun.data[0];
	const engineRun = run
		? {
				runAt: String(run['matching_runs.run_at'] ?? ''),
				dataAsOf: String(run['matching_runs.data_as_of'] ?? ''),
				status: String(run['matching_runs.solver_status'] ?? ''),
				seconds: num(run['matching_runs.seconds']),
				lines: num(run['matching_runs.lines']),
				candidates: num(run['matching_runs.candidates']),
				lineProfiles: num(run['matching_runs.line_profiles']),
				candidateProfiles: num(run['matching_runs.candidate_profiles']),
				pairs: num(run['matching_runs.eligible_pairs']),
				rows: num(run['matching_runs.model_rows']),
				columns: num(run['matching_runs.model_columns']),
				nonzeros: num(run['matching_runs.model_nonzeros']),
				fillBound: num(run['matching_runs.fill_bound']),
				fillable: num(run['matching_runs.fillable_optimal']),
			}
		: null;
	const groupName = (dimension: string, code: string) => (dimension === 'province' ? (names.province[code] ?? code) : code);
	const engineGroups = r.engineGroups.data.map((d) => {
		const dimension = String(d['matching_groups.dimension'] ?? '');
		const code = String(d['matching_groups.group'] ?? '');
		const poolShare = num(d['matching_groups.pool_share']);
		const recommendationShare = num(d['matching_groups.recommendation_share']);
		return {
			dimension,
			code,
			label: groupName(dimension, code),
			pool: num(d['matching_groups.pool']),
			recommendations: num(d['matching_groups.recommendations']),
			poolShare,
			recommendationShare,
		};
	});
	const planRows = r.planByProvince.data.map((d) => {
		const code = String(d['matching_plan.province'] ?? '');
		return { label: names.province[code] ?? code, ...readColumns(MATCHING_TABLES.plan, d) };
	});
	const planTotals = r.planTotals.data[0] ? readColumns(MATCHING_TABLES.plan, r.planTotals.data[0]) : null;
	const pr = r.planRun.data[0];
	const planRun = pr
		? {
				nearCandidates: num(pr['matching_plan_runs.near_candidates']),
				planFillable: num(pr['matching_plan_runs.plan_fillable']),
				// 0: a run stored before the bound was (migration 0017)
				planBound: num(pr['matching_plan_runs.plan_bound']) || null,
				upperBound: num(pr['matching_plan_runs.upper_bound_fillable']),
				seconds: num(pr['matching_plan_runs.seconds']),
				// the ministry's budget file and when it was stored, or 'default' (budget.ts)
				budgetSource: String(pr['matching_plan_runs.budget_source'] ?? 'default'),
				budgetSetAt: String(pr['matching_plan_runs.budget_set_at'] ?? ''),
			}
		: null;
	return {
		planRows,
		planTotals,
		planRun,
		// open slots but no gap: the cards say "no gap" rather than draw empty bars or "no data"
		noGap: (totals?.openSlots ?? 0) > 0 && (totals?.gap ?? 0) === 0,
		totals,
		labels: tileLabels(MATCHING_TILES),
		columns: columnLabels(MATCHING_TABLES),
		tiles: readTiles(MATCHING_TILES, r),
		byOccupation: rows(r.byOccupation, occ).map((o) => ({ occupation: o.occupation, ...o.row })),
		byCountry: rows(r.byCountry, (_o, c) => ctry(c)).map((c) => ({ country: c.country, ...c.row })),
		cells,
		closable,
		engineTotals: r.engineTotals.data[0] ? engineRow(r.engineTotals.data[0]) : null,
		engineMarkets,
		engineGroups,
		engineRun,
	};
}
