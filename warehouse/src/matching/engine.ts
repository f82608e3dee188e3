/**
 * Padupadan, the matching engine (issue #15): for the lines open now and the candidates waiting
 * now, which candidates to recommend to which line so that the most open slots can be filled,
 * then with the best score (wage, the candidate's order of preferred destinations, time waiting),
 * within configurable fairness bounds.
 *
 * Method. Lines are grouped into requirement profiles (same occupation, destination, sector and
 * every requirement: interchangeable for the eligibility), candidates into candidate profiles
 * (same capability group — interchangeable for the eligibility, see agg_candidate_profile — and
 * same fairness groups: origin province, gender, education group). Eligibility is decided once per
 * profile pair by `eligibility.ts`. On these profiles it solves, exactly, with HiGHS (WASM):
 *
 *   x[l,c] ≥ 0 integer   candidates of profile c recommended to line profile l (only eligible pairs)
 *   f[l]   ≥ 0 integer   slots of l fillable by them
 *   Σ_l x[l,c] ≤ n_c                 every candidate is recommended to at most one line
 *   Σ_c x[l,c] ≤ k · open_l          no line is recommended more than k (3) × its open slots
 *   f[l] ≤ open_l,  f[l] ≤ Σ_c x[l,c]
 *   for every fairness dimension and group g with pool share p_g (share of the candidates eligible
 *   for at least one open line): (1 − δ) p_g Σx − 1 ≤ Σ_{c∈g} x ≤ (1 + δ) p_g Σx + 1   (δ = 0.2;
 *   the 1 is the rounding of one person, FAIRNESS_ROUNDING)
 *
 * first maximising Σ f (slots fillable), then, holding Σ f at that optimum, maximising Σ score·x.
 * Without fairness the constraint matrix is a transportation problem (totally unimodular); with
 * it, integrality is imposed (MIP). The same model without the fairness rows gives the
 * unconstrained optimum; a first-come-first-served greedy (candidates by registration date, each
 * to the earliest-issued eligible line with a free slot) gives the baseline.
 *
 * Individuals are then ranked inside each profile (longest waiting first) and dealt to the lines of
 * the line profile: first up to each line's open slots (lines by wage, highest first), then up to k
 * × open slots; a line's recommendations are ranked by the individual score.
 */
import { type CandidateFacts, isEligible, type LineRequirements, servableOccupations } from './eligibility.ts';
import { maxFill } from './flow.ts';
import {
	asWritten,
	highs,
	type LinearModel,
	LinearModelBuilder,
	type ModelSolution,
	type ProblemSize,
	solveInteger,
	solveRelaxation,
	variableValue,
} from './linear-model.ts';
import { type CostArc, minCostFlow } from './min-cost-flow.ts';

export interface EngineCandidate {
	id: string;
	registered: string;
	province: string;
	/** recorded gender, for fairness ('' = unknown) */
	gender: string;
	educationRank: number;
	/** preferred destinations in the candidate's order; empty = any */
	preferredCountries: readonly string[];
	/** key of the capability group: candidates with equal keys have equal `facts` */
	capabilityKey: string;
	facts: CandidateFacts;
}

export interface EngineLine {
	id: string;
	issued: string;
	sector: string;
	/** slots open now */
	open: number;
	wageUsd: number;
	requirements: LineRequirements;
}

export type FairnessDimension = 'province' | 'gender' | 'education';

export interface EngineOptions {
	/** the date the engine runs at (waiting time is counted to it) */
	asOf: string;
	/** fairness: each group's share of recommendations within ±tolerance of its pool share; null = off */
	fairness: { dimensions: readonly FairnessDimension[]; tolerance: number } | null;
	/** at most this many recommendations per open slot of a line */
	recommendationsPerSlot: number;
	/** weights of the score terms (normalised to sum 1) */
	weights: { wage: number; preference: number; waiting: number };
	/** HiGHS time limit per solve, seconds */
	timeLimitSeconds: number;
	/**
	 * The largest fair model (columns) solved as an integer program when its LP relaxation comes out
	 * fractional; a larger one is rounded from the relaxation instead (see `solve`).
	 */
	exactColumns: number;
}

/**
 * Slack of the fairness bounds, in recommendations: a group's count may miss its bound by one, the
 * rounding of a whole person. Without it a group of one eligible candidate (a province with a
 * single eligible person) forces the total into a narrow window or to zero: on the tiny data at two
 * quarter ends the strict bounds allowed no recommendation at all.
 */
export const FAIRNESS_ROUNDING = 1;

/**
 * Relative gap to which the score stage is solved: the fill is exact, the score (wage, preference,
 * waiting: a tie-break among the assignments with the most slots) within 0.1 % of the best.
 */
export const SCORE_GAP = 1e-3;

export const DEFAULT_OPTIONS: Omit<EngineOptions, 'asOf'> = {
	fairness: { dimensions: ['province', 'gender', 'education'], tolerance: 0.2 },
	recommendationsPerSlot: 3,
	weights: { wage: 0.5, preference: 0.3, waiting: 0.2 },
	timeLimitSeconds: 120,
	exactColumns: 20_000,
};

/** Education groups for fairness: basic (up to SMP), secondary (SMA, SMK), higher (diploma and up). */
export function educationGroup(rank: number): string {
	return rank <= 2 ? 'basic' : rank === 3 ? 'secondary' : 'higher';
}

export interface Recommendation {
	lineId: string;
	candidateId: string;
	/** 1 = first on the line's list */
	rank: number;
	/** within the line's open slots (the assignment) rather than a further recommendation */
	primary: boolean;
	score: number;
}

export interface CellResult {
	country: string;
	occupation: string;
	openSlots: number;
	eligibleCandidates: number;
	fillableOptimal: number;
	fillableGreedy: number;
	fillableUnconstrained: number;
	recommendations: number;
}

export interface GroupResult {
	dimension: FairnessDimension;
	group: string;
	/** candidates of the group eligible for at least one open line */
	pool: number;
	recommendations: number;
}

export type EngineStep = 'nodes' | 'unconstrained' | 'fair' | 'greedy' | 'individuals' | 'summary';

export interface EngineResult {
	size: {
		lines: number;
		openSlots: number;
		candidates: number;
		lineProfiles: number;
		candidateProfiles: number;
		eligiblePairs: number;
		eligibleCandidates: number;
		/** of the largest model solved (the fair one, when fairness is on) */
		rows: number;
		columns: number;
		nonzeros: number;
	};
	fillableOptimal: number;
	fillableGreedy: number;
	fillableUnconstrained: number;
	/**
	 * What the fill with fairness can at most be: the optimum of its LP relaxation (rounded down).
	 * Equal to fillableOptimal when the run is proven optimal.
	 */
	fillBound: number;
	/** 'Optimal', 'Rounded' (from the fair LP relaxation, see fillBound), or HiGHS's status when it stopped early */
	status: string;
	seconds: number;
	/**
	 * Each step's wall and CPU seconds (CPU: of the whole process, the steadier figure on a shared
	 * machine): building the nodes and pairs, the fill without fairness (without fairness: the whole
	 * solve), the fair solve, first come first served, ranking the individuals, the per-market and
	 * per-group figures.
	 */
	steps: Record<EngineStep, { seconds: number; cpuSeconds: number }>;
	/** the configuration the run used */
	fairness: EngineOptions['fairness'];
	recommendationsPerSlot: number;
	recommendations: Recommendation[];
	cells: CellResult[];
	groups: GroupResult[];
}

/** The open lines with the same requirements (any sector: the sector decides no eligibility). */
export interface LineProfile {
	key: string;
	requirements: LineRequirements;
	/** highest wage first, then by issue */
	lines: EngineLine[];
	open: number;
	/** the slot-weighted mean of its lines' wages: the wage the score weighs for each of its lines */
	wage: number;
}

/**
 * A supply node: the candidates whose facts make them eligible for exactly the same line profiles
 * (capability groups merged by their set of eligible line profiles). Interchangeable for the fill
 * and for every constraint but fairness, whose groups are its `profiles`.
 */
interface Supply {
	key: string;
	members: EngineCandidate[];
	/** line profiles the members are eligible for */
	lps: number[];
	/** fairness profiles: members of the node by origin province × gender × education group */
	profiles: number[];
	waitSum: number;
	/** per destination, the members' summed preference score (members naming no destination: noPref) */
	prefSum: Map<string, number>;
	noPref: number;
}

interface FairProfile {
	s: number;
	groups: Record<FairnessDimension, string>;
	members: EngineCandidate[];
}

/**
 * What the nodes step keeps between runs (one per long-lived worker, run.ts `solveInWorker`): per
 * capability group its facts and, per line profile (by its requirements' key) tested for it, whether
 * the group is eligible. After a small batch almost every group and line profile is the same, so a
 * re-solve tests only the new pairs (nationally 790,946 tests over 33,064 groups × 1,495 line
 * profiles, ≈ a third of the nodes step). A group whose facts differ from the kept ones (compared
 * field by field) starts afresh; groups no longer waiting are dropped after the run.
 */
export interface NodeCache {
	groups: Map<string, { facts: CandidateFacts; eligible: Map<string, boolean> }>;
	/**
	 * The candidates' side of the last run's nodes, kept whole: reused when the next run has the same
	 * as-of date, the same candidates (the same objects, in the same order: the reader gives a changed
	 * candidate as a new object, run.ts) and the same line profiles (keys, in order) — then every
	 * capability group is eligible for the same line profiles, so the nodes, their members, fairness
	 * profiles and sums, the pool and the waiting order are what they were; only the pairs' scores
	 * (the line profiles' wages) are computed again. After a batch of job-order lines of profiles
	 * already open, a re-solve then does no per-candidate work (nationally 560,131 candidates: ≈ 1.5 s,
	 * docs/matching.md "Scale", ninth pass). Null: none kept (else the whole nodes step, as before).
	 */
	kept: KeptNodes | null;
}

/** The nodes of a run, as NodeCache keeps them (see there). */
interface KeptNodes {
	asOf: string;
	/** the candidates as given (a copy of the list: the caller's array may change) */
	candidates: EngineCandidate[];
	lpKeys: string[];
	supplies: Supply[];
	profiles: FairProfile[];
	pool: Map<string, number>;
	poolTotal: number;
	/** the supply node of each eligible waiting candidate, in waiting order (first come, first served) */
	order: number[];
	maxWait: number;
}

export function newNodeCache(): NodeCache {
	return { groups: new Map(), kept: null };
}

/** Whether the kept nodes hold for this run's candidates, line profiles and as-of date (NodeCache.kept). */
function keptNodesHold(
	kept: KeptNodes | null,
	candidates: readonly EngineCandidate[],
	lps: readonly LineProfile[],
	asOf: string,
): kept is KeptNodes {
	if (!kept || kept.asOf !== asOf || kept.candidates.length !== candidates.length || kept.lpKeys.length !== lps.length) return false;
	for (let l = 0; l < lps.length; l++) if ((lps[l] as LineProfile).key !== kept.lpKeys[l]) return false;
	for (let i = 0; i < candidates.length; i++) if (candidates[i] !== kept.candidates[i]) return false;
	return true;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** Equal facts, field by field (eligibility.ts CandidateFacts). */
export function sameFacts(a: CandidateFacts, b: CandidateFacts): boolean {
	if (a === b) return true;
	if (
		a.occupation !== b.occupation ||
		a.educationRank !== b.educationRank ||
		a.experienceYears !== b.experienceYears ||
		a.gender !== b.gender ||
		a.age !== b.age ||
		!sameList(a.countries, b.countries) ||
		!sameList(a.certificates, b.certificates) ||
		a.languages.size !== b.languages.size
	)
		return false;
	for (const [language, level] of a.languages) if (b.languages.get(language) !== level) return false;
	return true;
}

const DAY_MS = 86_400_000;
/** Day numbers of dates (YYYY-MM-DD), parsed once each: a national run asks for 570,000 candidates' waits, over a few thousand dates. */
const dayNumbers = new Map<string, number>();
const dayNumber = (date: string) => {
	let day = dayNumbers.get(date);
	if (day === undefined) {
		day = Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
		if (dayNumbers.size > 100_000) dayNumbers.clear();
		dayNumbers.set(date, day);
	}
	return day;
};
const days = (from: string, to: string) => dayNumber(to) - dayNumber(from);

function requirementsKey(r: LineRequirements): string {
	return [
		r.occupation,
		r.country,
		r.certificate,
		r.language,
		r.languageLevel,
		r.educationRank,
		r.experienceYears,
		r.gender,
		r.ageMin,
		r.ageMax,
	].join('|');
}

/**
 * The line profiles of the open lines (`open` > 0), sorted by key. The one definition of the wage
 * the score weighs: the engine's, and the officer's detail view's (detail.ts) for any open line.
 */
export function lineProfiles(lines: readonly EngineLine[]): LineProfile[] {
	const byKey = new Map<string, LineProfile>();
	for (const line of lines) {
		if (!(line.open > 0)) continue;
		const key = requirementsKey(line.requirements);
		let lp = byKey.get(key);
		if (!lp) {
			lp = { key, requirements: line.requirements, lines: [], open: 0, wage: 0 };
			byKey.set(key, lp);
		}
		lp.lines.push(line);
		lp.wage += line.wageUsd * line.open;
		lp.open += line.open;
	}
	const lps = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
	for (const lp of lps) {
		lp.wage /= lp.open;
		lp.lines.sort((a, b) => b.wageUsd - a.wageUsd || byIssue(a, b));
	}
	return lps;
}

/** The wage term's normaliser: the highest profile wage (line profiles' wages, not single lines'). */
export const maxProfileWage = (lps: readonly LineProfile[]): number => lps.reduce((m, lp) => Math.max(m, lp.wage), 1e-9);

/** The key of a line's profile (lineProfiles groups by it). */
export const lineProfileKey = (line: Pick<EngineLine, 'requirements'>): string => requirementsKey(line.requirements);

/**
 * Why a candidate ranks where they do on a line: the terms of the score, each in [0, 1] — the
 * line's wage against the best-paid line profile, the line's country in the candidate's order of
 * preferred destinations, and the time waiting against the longest wait. The engine ranks by
 * weightedScore of these; the officer's detail view (detail.ts) shows them.
 */
export interface ScoreTerms {
	wage: number;
	preference: number;
	/** days waiting at the as-of date */
	waitingDays: number;
	/** waitingDays ÷ the longest wait of any waiting candidate */
	waiting: number;
}

export function scoreTerms(
	c: Pick<EngineCandidate, 'preferredCountries' | 'registered'>,
	country: string,
	wage: number,
	asOf: string,
	norm: { maxWage: number; maxWait: number },
): ScoreTerms {
	const waitingDays = days(c.registered, asOf);
	return { wage: wage / norm.maxWage, preference: preferenceScore(c, country), waitingDays, waiting: waitingDays / norm.maxWait };
}

export function weightedScore(t: ScoreTerms, w: EngineOptions['weights']): number {
	return weightedSum(w.wage * t.wage, w.preference * t.preference, w.waiting * t.waiting, w);
}

/**
 * The score from its three weighted terms (each already × its weight): their sum over the weights'
 * sum. weightedScore's, and the engine's ranking of individuals, which weighs each member's waiting
 * term once per node (runEngine): one formula, so the same numbers to the last bit.
 */
function weightedSum(wage: number, preference: number, waiting: number, w: EngineOptions['weights']): number {
	return (wage + preference + waiting) / (w.wage + w.preference + w.waiting || 1);
}

/** The destination-preference term: 1 for the first preferred country, 0.5 when the candidate named none. */
export function preferenceScore(c: Pick<EngineCandidate, 'preferredCountries'>, country: string): number {
	if (c.preferredCountries.length === 0) return 0.5;
	const at = c.preferredCountries.indexOf(country);
	return at < 0 ? 0 : 1 - at / c.preferredCountries.length;
}

interface Pair {
	l: number;
	s: number;
	/** mean score of the node's members for the line profile */
	score: number;
}

export interface Model {
	lps: LineProfile[];
	supplies: Supply[];
	profiles: FairProfile[];
	pairs: Pair[];
	pool: Map<string, number>;
	poolTotal: number;
	/** pair indices by supply node */
	pairsOf: number[][];
}

/**
 * The fairness groups of a model's rows: the fairness profiles of nodes with an eligible line
 * (`used`, in order), and per dimension each group's profiles (groups in name order).
 */
function fairGroups(m: Model, fairness: NonNullable<EngineOptions['fairness']>) {
	const used = new Set<number>();
	m.pairsOf.forEach((list, s) => {
		if (list.length) for (const p of (m.supplies[s] as Supply).profiles) used.add(p);
	});
	const profiles = [...used].sort((a, b) => a - b);
	const groups = fairness.dimensions.map((dimension) => {
		const byGroup = new Map<string, number[]>();
		for (const p of profiles) {
			const g = (m.profiles[p] as FairProfile).groups[dimension];
			const list = byGroup.get(g);
			if (list) list.push(p);
			else byGroup.set(g, [p]);
		}
		return { dimension, members: [...byGroup].sort((a, b) => (a[0] < b[0] ? -1 : 1)) };
	});
	return { profiles, groups, count: groups.reduce((t, d) => t + d.members.length, 0) };
}

/** A model of lpText and where its variables start: y (per pair), f (per line profile), u (per fairness profile). */
interface EngineLp {
	lp: LinearModel;
	y: number;
	f: number;
	u: number;
}

/** The columns of lpText's model (the integer ones, and with fairness rows r and the g), without building it. */
function lpColumns(m: Model, options: EngineOptions, fairness: boolean): number {
	if (!(fairness && options.fairness !== null && m.pairs.length > 0)) return m.lps.length + m.pairs.length;
	const { profiles, count } = fairGroups(m, options.fairness);
	return m.lps.length + m.pairs.length + profiles.length + (count ? count + 1 : 0);
}

/**
 * The model (LinearModel: arrays, LP text when asked); `fillAtLeast` set = stage 2 (maximise the
 * score holding the fill). Variables: y (pair: recommendations of a supply node to a line
 * profile), f (fill of a line profile), with fairness u (recommendations of a fairness profile), r
 * and g (group totals). Written by index (names only in the text): the national fair model has
 * 96,575 columns, and looking up their names took 1.6 s of the fair step.
 */
function lpText(
	m: Model,
	options: EngineOptions,
	fairness: boolean,
	fillAtLeast: number | null,
	fillAtMost: number | null,
	fixedU: readonly number[] | null = null,
): EngineLp {
	const k = options.recommendationsPerSlot;
	const L = m.lps.length;
	const P = m.pairs.length;
	const b = new LinearModelBuilder();
	const f = b.variables('f', L);
	const y = b.variables('y', P);
	const u = b.variables('u', m.profiles.length);
	const range = (from: number, n: number) => Int32Array.from({ length: n }, (_, i) => from + i);
	const ones = (n: number, sign = 1) => new Float64Array(n).fill(sign);
	const fs = range(f, L);
	if (fillAtLeast === null) b.objective(fs, ones(L), false);
	else
		b.objective(
			range(y, P),
			m.pairs.map((p) => p.score),
			true,
		);
	const byL: number[][] = m.lps.map(() => []);
	m.pairs.forEach((p, i) => {
		(byL[p.l] as number[]).push(i);
	});
	const withFairness = fairness && options.fairness !== null && P > 0;
	const vars: number[] = [];
	const coefs: number[] = [];
	const term = (v: number, c: number) => {
		vars.push(v);
		coefs.push(c);
	};
	const row = (name: string, sense: '<=' | '>=' | '=', rhs: number, explicit = false) => {
		b.row(name, vars, coefs, sense, rhs, explicit);
		vars.length = 0;
		coefs.length = 0;
	};
	m.pairsOf.forEach((list, s) => {
		if (!list.length) return;
		const supply = m.supplies[s] as Supply;
		for (const i of list) term(y + i, 1);
		// the node's recommendations are those of its fairness profiles
		if (withFairness) {
			for (const p of supply.profiles) term(u + p, -1);
			row(`split${s}`, '=', 0);
		} else row(`cand${s}`, '<=', supply.members.length);
	});
	m.lps.forEach((lp, l) => {
		const list = byL[l] as number[];
		if (list.length) {
			for (const i of list) term(y + i, 1);
			row(`line${l}`, '<=', k * lp.open);
		}
		term(f + l, 1);
		for (const i of list) term(y + i, -1);
		row(`fill${l}`, '<=', 0);
	});
	if (fillAtLeast !== null) b.row('filled', fs, ones(L), '>=', fillAtLeast);
	// a valid cut: fairness can only lower the fill, so the MIP stops as soon as it reaches the bound
	if (fillAtMost !== null) b.row('bound', fs, ones(L), '<=', fillAtMost);
	const groups = withFairness && options.fairness ? fairGroups(m, options.fairness) : null;
	let r = -1;
	let g = -1;
	// with every u fixed the group rows are constants (the caller checked them with isFair)
	if (groups && options.fairness && !fixedU) {
		r = b.variable('r');
		g = b.variables('g', groups.count);
		// sparse: r = Σ u, g_j = Σ_{profiles of group j} u, then (1 − δ) p_j r − 1 ≤ g_j ≤ (1 + δ) p_j r + 1
		const boundOf = new Map(groupBounds(m, options.fairness).map((bound) => [bound.key, bound]));
		term(r, 1);
		for (const p of groups.profiles) term(u + p, -1);
		row('total', '=', 0);
		let j = 0;
		for (const { dimension, members: byGroup } of groups.groups)
			for (const [name, members] of byGroup) {
				const key = `${dimension}|${name}`;
				const bound = boundOf.get(key) ?? { key, hi: 0, lo: 0 };
				term(g + j, 1);
				for (const p of members) term(u + p, -1);
				row(`group${j}`, '=', 0);
				term(g + j, 1);
				term(r, -bound.hi);
				row(`fu${j}`, '<=', FAIRNESS_ROUNDING, true);
				term(g + j, 1);
				term(r, -bound.lo);
				row(`fl${j}`, '>=', -FAIRNESS_ROUNDING, true);
				j++;
			}
	}
	m.lps.forEach((lp, l) => {
		b.bound(f + l, 0, lp.open);
	});
	m.pairs.forEach((p, i) => {
		b.bound(y + i, 0, Math.min(m.supplies[p.s]?.members.length ?? 0, k * (m.lps[p.l]?.open ?? 0)));
	});
	const us = groups?.profiles ?? [];
	for (const p of us) {
		const fixed = fixedU?.[p] ?? 0;
		b.bound(u + p, fixedU ? fixed : 0, fixedU ? fixed : (m.profiles[p]?.members.length ?? 0), fixedU !== null);
	}
	const groupColumns = r >= 0 && groups?.count ? groups.count + 1 : 0;
	if (groupColumns) {
		b.bound(r, 0, Number.POSITIVE_INFINITY);
		for (let j = 0; j < groupColumns - 1; j++) b.bound(g + j, 0, Number.POSITIVE_INFINITY);
	}
	for (let l = 0; l < L; l++) b.general(f + l);
	for (let i = 0; i < P; i++) b.general(y + i);
	for (const p of us) b.general(u + p);
	return { lp: b.build(L + P + us.length + groupColumns), y, f, u };
}

interface Solution {
	status: string;
	fill: number;
	/** an upper bound of the fill (its LP relaxation's, rounded down); = fill when proven optimal */
	bound: number;
	/** per pair */
	y: number[];
	/** per line profile */
	f: number[];
	/** per fairness profile (with fairness); null = the node's members in waiting order */
	u: number[] | null;
	size: ProblemSize;
}

const larger = (a: ProblemSize, b: ProblemSize): ProblemSize => {
	const { rows, columns, nonzeros } = b.nonzeros > a.nonzeros ? b : a;
	return { rows, columns, nonzeros };
};

async function solve(m: Model, options: EngineOptions, fairness: boolean, fillAtMost: number | null = null): Promise<Solution> {
	const solver = await highs();
	// the fill is solved exactly; the score, a tie-break among optimal fills, to within SCORE_GAP
	const settings = { output_flag: false, time_limit: options.timeLimitSeconds, mip_rel_gap: 0 } as const;
	const scoreSettings = { ...settings, mip_rel_gap: SCORE_GAP } as const;
	let size: ProblemSize = { rows: 0, columns: 0, nonzeros: 0 };
	const run = (model: EngineLp, s: typeof settings | typeof scoreSettings) => {
		size = larger(size, model.lp);
		return solveInteger(solver, model.lp, s);
	};
	const read = (model: EngineLp, solved: ModelSolution, fill: number, status: string, bound = fill, u?: readonly number[]): Solution => {
		const value = (variable: number) => Math.round(variableValue(model.lp, solved, variable));
		return {
			status,
			fill,
			bound,
			y: m.pairs.map((_, i) => value(model.y + i)),
			f: m.lps.map((_, i) => value(model.f + i)),
			u: fairness && options.fairness ? (u ? [...u] : m.profiles.map((_, p) => value(model.u + p))) : null,
			size,
		};
	};
	const fair = fairness && options.fairness !== null && m.pairs.length > 0;
	// the fill model, built when it is solved (nationally the score model at the bound settles the
	// fill, and the fill model's size is the score model's: the same columns, one row for another)
	let fillModelBuilt: EngineLp | undefined;
	const fillModel = () => {
		fillModelBuilt ??= lpText(m, options, fairness, null, fillAtMost);
		return fillModelBuilt;
	};
	if (fair && lpColumns(m, options, fairness) > options.exactColumns) {
		const rounded = roundFair(fillModel);
		if (rounded) return rounded;
		// the rounding broke a fairness bound: the integer program, within the time limit, below
	}

	/**
	 * A large fair model whose LP relaxation is fractional (the fairness rows make it more than a
	 * flow): the relaxation's recommendations per fairness profile rounded to whole people (below),
	 * then held fixed — which leaves a flow again, solved integral — for the fill and then the score.
	 * Deterministic and a few LP solves long, where the integer program ran past any time limit at
	 * national scale. The fill may fall short of the relaxation's (`bound`); both are stored. `status`
	 * names how the caller got here ('Time limit reached': the MIP found nothing). Null when a
	 * relaxation is not solved or a fixed model comes out fractional.
	 */
	function roundFair(model: () => EngineLp, status = 'Rounded'): Solution | null {
		// the best score at the bound first: feasible there, the bound is the relaxation's fill optimum
		let bound: number | null = null;
		const scoreAt = (fill: number) => {
			const scoreModel = lpText(m, options, true, fill, null);
			size = larger(size, scoreModel.lp);
			return { model: scoreModel, solution: solveRelaxation(solver, scoreModel.lp, scoreSettings) };
		};
		let relaxed: ReturnType<typeof scoreAt> | null = null;
		if (fillAtMost !== null) {
			const r = scoreAt(fillAtMost);
			if (r.solution.Status === 'Optimal') {
				bound = fillAtMost;
				relaxed = r;
			}
		}
		if (bound === null || !relaxed) {
			const fillLp = solveRelaxation(solver, model().lp, settings);
			size = larger(size, model().lp);
			if (fillLp.Status !== 'Optimal') return null;
			bound = Math.floor(fillLp.ObjectiveValue + 1e-6);
			relaxed = scoreAt(bound);
			if (relaxed.solution.Status !== 'Optimal') return null;
		}
		// integral at the relaxation's best fill: proven optimal, however the caller got here
		if (relaxed.solution.integral) return read(relaxed.model, relaxed.solution, bound, 'Optimal');
		// Rounded down, the relaxation's recommendations per fairness profile may leave a group a
		// fraction outside its bounds (the bounds allow one person of rounding, and a binding bound is
		// met exactly by the relaxation), and are carried by an integral flow (less to carry than the
		// relaxation's flow: feasible, and a flow's simplex optimum is integral). From there the groups
		// are repaired by what each step costs in fill (repairFair), keeping that flow feasible, so the
		// model with the repaired recommendations fixed is feasible too.
		const fairness = options.fairness;
		if (!fairness) return null;
		const { model: scored, solution } = relaxed;
		const u = m.profiles.map((_, p) => Math.floor(variableValue(scored.lp, solution, scored.u + p) + 1e-6));
		const start = fixedFill(u);
		if (!start) return null;
		repairFair(m, u, start.y, options.recommendationsPerSlot, fairness);
		return isFair(m, u, fairness) ? fixedRun(u, bound, status) : null;
	}

	/**
	 * The most slots fillable with the recommendations per fairness profile fixed: a maximum flow
	 * (flow.ts) in which every supply node sends exactly its members recommended; null if no flow
	 * sends them all (the held model infeasible).
	 */
	function fixedFill(u: readonly number[]): Solution | null {
		const flow = fillFlow(m, options, u);
		return flow.feasible ? { status: 'Rounded', fill: flow.fill, bound: 0, y: flow.y, f: flow.f, u: [...u], size } : null;
	}

	/**
	 * With the recommendations per fairness profile fixed: the fill (a maximum flow), then the score
	 * at it (a minimum-cost flow, scoreFlow; the LP only should the flow find nothing).
	 */
	function fixedRun(u: readonly number[], bound: number, status: string): Solution | null {
		const filled = fixedFill(u);
		if (!filled) return null;
		const flow = scoreFlow(m, options, u, filled.fill);
		if (flow) return { ...filled, status, bound, y: flow.y, f: flow.f };
		const fixedModel = lpText(m, options, true, filled.fill, null, u);
		const fixedScore = solveRelaxation(solver, fixedModel.lp, scoreSettings);
		return fixedScore.integral ? read(fixedModel, fixedScore, filled.fill, status, bound, u) : { ...filled, status, bound };
	}

	const scoreStage = (fill: number, bound: number): Solution | null => {
		const scoreModel = lpText(m, options, fairness, fill, null);
		const second = run(scoreModel, scoreSettings);
		if (second.Status !== 'Optimal' && second.Status !== 'Time limit reached') return null;
		const solution = read(scoreModel, second, fill, second.Status, bound);
		// Out of time, the best solution found still holds the fill (a constraint), only its score
		// is not proven best; the run stores the status. Without a solution at all, give up.
		if (second.Status !== 'Optimal' && (fill === 0 || solution.f.reduce((t, v) => t + v, 0) < fill)) return null;
		return solution;
	};
	// When an upper bound is known (the fill without fairness), try it first: if the score stage is
	// feasible at the bound, the bound is the optimum and the fill stage is not needed.
	if (fillAtMost !== null) {
		const atBound = scoreStage(fillAtMost, fillAtMost);
		if (atBound) return atBound;
	}
	const first = run(fillModel(), settings);
	// Out of time with a solution found, the fill is kept: the status says it is not proven best,
	// and the bound (the relaxation's fill, or the one without fairness) how far it may be from it.
	const found = first.Status === 'Time limit reached' && Number.isFinite(first.ObjectiveValue) && first.ObjectiveValue >= 1;
	const relaxedFill = first.relaxation.Status === 'Optimal' ? Math.floor(first.relaxation.ObjectiveValue + 1e-6) : Number.POSITIVE_INFINITY;
	const limitBound = Math.min(relaxedFill, fillAtMost ?? Number.POSITIVE_INFINITY);
	if (first.Status === 'Time limit reached' && !found && fair) {
		// Out of time without a solution (a national back-test date did): the relaxation rounded to
		// a fair assignment, as for a large model, its status saying the time limit was hit.
		const rounded = roundFair(fillModel, 'Time limit reached');
		if (rounded) return { ...rounded, bound: Math.max(rounded.fill, Math.min(rounded.bound, limitBound)) };
	}
	if (first.Status !== 'Optimal' && !found) throw new Error(`Matching: the solver stopped with status ${first.Status}`);
	const fill = Math.round(first.ObjectiveValue);
	const bound = first.Status === 'Optimal' ? fill : Number.isFinite(limitBound) ? Math.max(fill, limitBound) : fill;
	if (found) return read(fillModel(), first, fill, first.Status, bound);
	const solution = scoreStage(fill, bound);
	if (!solution) throw new Error('Matching: the solver found no solution at the optimal fill (score stage)');
	return { ...solution, size };
}

/**
 * The most slots fillable as a maximum flow (flow.ts): without `u`, each supply node sends at most
 * its members (the model without fairness: the same optimum as its LP); with `u` (per fairness
 * profile), each node sends exactly its profiles' recommendations.
 */
function fillFlow(m: Model, options: EngineOptions, u: readonly number[] | null = null) {
	return maxFill({
		supply: m.supplies.map((supply, s) =>
			!(m.pairsOf[s] as number[]).length ? 0 : u ? supply.profiles.reduce((t, p) => t + (u[p] ?? 0), 0) : supply.members.length,
		),
		open: m.lps.map((lp) => lp.open),
		recommendationsPerSlot: options.recommendationsPerSlot,
		pairs: m.pairs,
		exact: u !== null,
	});
}

/**
 * The score stage with the recommendations per fairness profile `u` held, as a minimum-cost flow
 * (min-cost-flow.ts) rather than an LP: the same optimum (Σ score·y at the fill `fill`, the most
 * there is with `u` held: fixedFill), exact. Network: supply node s (supply Σ_{p∈s} u[p], every
 * one placed) → line profile l for each eligible pair (capacity min(members, k × open), the LP's
 * bound; cost 10⁹ − score in units of 10⁻⁹ — the LP text's nine decimals — so costs are
 * non-negative integers: every unit crosses one pair arc, and the constant does not move the
 * optimum) → a "fill" node (capacity open_l) or an "extra" node ((k − 1) × open_l) → the sink, which
 * takes exactly `fill` from the fill node and the rest from the extra node. Any assignment of the
 * LP fills Σ_l min(open_l, load_l) ≤ `fill` (the maximum), so the LP's fill row holds with equality
 * and its f_l = min(open_l, load_l): the flow's fill arcs carry just that. Null when no such flow
 * exists or the pivots run out (the caller solves the LP then).
 */
export function scoreFlow(m: Model, options: EngineOptions, u: readonly number[], fill: number): { y: number[]; f: number[] } | null {
	const k = options.recommendationsPerSlot;
	const S = m.supplies.length;
	const L = m.lps.length;
	const fillNode = S + L;
	const extraNode = fillNode + 1;
	const sink = fillNode + 2;
	const balance = new Array<number>(sink + 1).fill(0);
	let total = 0;
	m.supplies.forEach((supply, s) => {
		if (!(m.pairsOf[s] as number[]).length) return;
		const sent = supply.profiles.reduce((t, p) => t + (u[p] ?? 0), 0);
		balance[s] = sent;
		total += sent;
	});
	balance[sink] = -total;
	const arcs: CostArc[] = m.pairs.map((p) => ({
		from: p.s,
		to: S + p.l,
		cap: Math.min(m.supplies[p.s]?.members.length ?? 0, k * (m.lps[p.l]?.open ?? 0)),
		cost: 1e9 - Math.round(asWritten(p.score) * 1e9),
	}));
	m.lps.forEach((lp, l) => {
		arcs.push({ from: S + l, to: fillNode, cap: lp.open, cost: 0 });
		arcs.push({ from: S + l, to: extraNode, cap: (k - 1) * lp.open, cost: 0 });
	});
	arcs.push({ from: fillNode, to: sink, cap: fill, cost: 0 });
	arcs.push({ from: extraNode, to: sink, cap: Math.max(0, total - fill), cost: 0 });
	const solved = minCostFlow({ balance, arcs });
	if (!solved) return null;
	const y = m.pairs.map((_, i) => solved.flow[i] as number);
	const f = m.lps.map((_, l) => solved.flow[m.pairs.length + 2 * l] as number);
	return f.reduce((t, v) => t + v, 0) === fill ? { y, f } : null;
}

/**
 * How far per-profile recommendations `u` are outside the fairness bounds (the rows of lpText):
 * the sum over groups of the recommendations above a group's upper or below its lower bound.
 */
export function fairnessExcess(m: Model, u: readonly number[], fairness: NonNullable<EngineOptions['fairness']>): number {
	const total = u.reduce((t, v) => t + v, 0);
	const counts = new Map<string, number>();
	m.profiles.forEach((p, i) => {
		for (const dimension of fairness.dimensions) {
			const key = `${dimension}|${p.groups[dimension]}`;
			counts.set(key, (counts.get(key) ?? 0) + (u[i] ?? 0));
		}
	});
	return excessOfCounts(groupBounds(m, fairness), counts, total);
}

/** A fairness group of the chosen dimensions (`dimension|group`) and its bounds as rates of all recommendations: (1 ± tolerance) × its share of the eligible pool. */
export interface GroupBound {
	key: string;
	hi: number;
	lo: number;
}

/** The bounds of every group of the chosen dimensions, in the pool's order. */
export function groupBounds(m: Model, fairness: NonNullable<EngineOptions['fairness']>): GroupBound[] {
	const bounds: GroupBound[] = [];
	for (const [key, n] of m.pool) {
		if (!fairness.dimensions.includes(key.slice(0, key.indexOf('|')) as FairnessDimension)) continue;
		const share = n / m.poolTotal;
		bounds.push({ key, hi: (1 + fairness.tolerance) * share, lo: (1 - fairness.tolerance) * share });
	}
	return bounds;
}

/** How many of `total` recommendations a group that got `got` of them lies above its upper or below its lower bound (one person of rounding allowed). The one formula of fairnessExcess, lowerUntilFair and repairFair. */
export function groupViolation(bound: GroupBound, got: number, total: number): number {
	return Math.max(0, got - bound.hi * total - FAIRNESS_ROUNDING) + Math.max(0, bound.lo * total - FAIRNESS_ROUNDING - got);
}

/** fairnessExcess of recommendations already counted per group (`dimension|group` → people) and in total. */
function excessOfCounts(bounds: readonly GroupBound[], counts: ReadonlyMap<string, number>, total: number): number {
	let excess = 0;
	for (const bound of bounds) excess += groupViolation(bound, counts.get(bound.key) ?? 0, total);
	return excess;
}

/**
 * Lowers per-profile recommendations `u`, one person at a time, until every group is within its
 * bounds: each time the one whose removal leaves the groups nearest their bounds (profiles of the
 * same province, gender and education group count alike: the largest of them loses one). Ends at
 * worst with none (every bound holds then: one person of rounding). Lowering never makes a fixed
 * model infeasible: a node carries less. It chooses by the groups alone, not by the fill it gives
 * away: only repairFair's last resort.
 */
export function lowerUntilFair(m: Model, u: number[], fairness: NonNullable<EngineOptions['fairness']>): void {
	const keysOf = (p: FairProfile) => fairness.dimensions.map((d) => `${d}|${p.groups[d]}`);
	const bySignature = new Map<string, number[]>();
	m.profiles.forEach((p, i) => {
		const signature = keysOf(p).join('/');
		const list = bySignature.get(signature);
		if (list) list.push(i);
		else bySignature.set(signature, [i]);
	});
	const counts = new Map<string, number>();
	let total = 0;
	m.profiles.forEach((p, i) => {
		total += u[i] ?? 0;
		for (const key of keysOf(p)) counts.set(key, (counts.get(key) ?? 0) + (u[i] ?? 0));
	});
	const bounds = groupBounds(m, fairness);
	const excessNow = () => excessOfCounts(bounds, counts, total);
	const shift = (p: number, by: number) => {
		u[p] = (u[p] ?? 0) + by;
		total += by;
		for (const key of keysOf(m.profiles[p] as FairProfile)) counts.set(key, (counts.get(key) ?? 0) + by);
	};
	let excess = excessNow();
	while (excess > 1e-9 && total > 0) {
		let best = -1;
		let bestExcess = Number.POSITIVE_INFINITY;
		for (const list of bySignature.values()) {
			let p = -1;
			for (const i of list) if ((u[i] ?? 0) > 0 && (p < 0 || (u[i] ?? 0) > (u[p] ?? 0))) p = i;
			if (p < 0) continue;
			shift(p, -1);
			const e = excessNow();
			shift(p, 1);
			if (e < bestExcess - 1e-9) {
				best = p;
				bestExcess = e;
			}
		}
		shift(best, -1);
		excess = bestExcess;
	}
}

/**
 * Brings per-profile recommendations `u` within every group's bounds at the least loss of fill.
 * `y` (per pair) is an integral flow that carries `u` (Σ_l y[l,s] = Σ_{p∈s} u[p], no line profile
 * over k × its open slots); every step keeps it so, so the model with `u` fixed stays feasible and
 * fills at least what `y` fills. A step is the move that brings the groups strictly nearer their
 * bounds (fairnessExcess) losing the least fill, then the one that brings them nearest:
 *  - swap: one recommendation of a supply node passes from one of its fairness profiles to another
 *    (the node's members are eligible for the same lines: the flow is unchanged, no fill lost);
 *  - add: one more member of a profile, to a line profile below k × its open slots (one with an
 *    unfilled slot first: the fill grows by one);
 *  - remove: one recommendation fewer, from a line profile recommended beyond its open slots first
 *    (no fill lost), else from a filled slot (one lost).
 * Lowering alone (lowerUntilFair, the earlier rounding) chose only by the groups: a small province a
 * fraction of a person below its lower bound was brought within it by lowering everyone else's
 * recommendations, hundreds for one person; nationally at 2024-06-30 that gave away 14,455 of
 * 162,845 fillable slots (docs/matching.md). Every step lowers the excess strictly, so no state
 * repeats and the repair ends; should no move lower it, lowerUntilFair finishes (always possible).
 * Then, with every group within its bounds, members are added where they fill an open slot while
 * every bound still holds. Returns the fill of `y`, or null when lowerUntilFair had to finish (`y`
 * no longer carries `u` then).
 */
export function repairFair(m: Model, u: number[], y: number[], k: number, fairness: NonNullable<EngineOptions['fairness']>): number | null {
	const bounds = groupBounds(m, fairness);
	const groupIndex = new Map(bounds.map((bound, j) => [bound.key, j]));
	const G = bounds.length;
	const violation = (j: number, got: number, total: number) => groupViolation(bounds[j] as GroupBound, got, total);
	const counts = new Float64Array(G);
	let total = 0;
	const excessWith = (total: number, minus: readonly number[] | null, plus: readonly number[] | null) => {
		let e = 0;
		for (let j = 0; j < G; j++) {
			let got = counts[j] as number;
			if (minus?.includes(j)) got--;
			if (plus?.includes(j)) got++;
			e += violation(j, got, total);
		}
		return e;
	};

	// the profiles of nodes with eligible lines; a signature = the profile's groups (one per dimension)
	const nodes: number[][] = m.supplies.map(() => []);
	const signatureIndex = new Map<string, number>();
	const signatures: number[][] = [];
	const signatureOf: number[] = m.profiles.map(() => -1);
	m.profiles.forEach((profile, p) => {
		if (!(m.pairsOf[profile.s] as number[]).length) return;
		const groups = fairness.dimensions.map((d) => groupIndex.get(`${d}|${profile.groups[d]}`) as number);
		const key = groups.join(',');
		let sig = signatureIndex.get(key);
		if (sig === undefined) {
			sig = signatures.length;
			signatureIndex.set(key, sig);
			signatures.push(groups);
		}
		signatureOf[p] = sig;
		(nodes[profile.s] as number[]).push(p);
		total += u[p] ?? 0;
		for (const j of groups) counts[j] = (counts[j] as number) + (u[p] ?? 0);
	});
	const S = signatures.length;
	const size = (p: number) => (m.profiles[p] as FairProfile).members.length;
	const canGive = (p: number) => (u[p] ?? 0) > 0;
	const canTake = (p: number) => (u[p] ?? 0) < size(p);
	// swaps[a·S + b]: (node, profile of signature a with a recommendation, other profile of b with a member to spare)
	const swaps = new Int32Array(S * S);
	const swapsBy = (a: number, b: number, by: number) => {
		swaps[a * S + b] = (swaps[a * S + b] as number) + by;
	};
	for (const list of nodes)
		for (const p of list)
			if (canGive(p)) for (const q of list) if (q !== p && canTake(q)) swapsBy(signatureOf[p] as number, signatureOf[q] as number, 1);
	/** u[p] += by, keeping counts, total and the swap table. */
	const shift = (p: number, by: number) => {
		const gave = canGive(p);
		const took = canTake(p);
		u[p] = (u[p] ?? 0) + by;
		total += by;
		for (const j of signatures[signatureOf[p] as number] as number[]) counts[j] = (counts[j] as number) + by;
		const a = signatureOf[p] as number;
		const list = nodes[(m.profiles[p] as FairProfile).s] as number[];
		if (gave !== canGive(p)) for (const q of list) if (q !== p && canTake(q)) swapsBy(a, signatureOf[q] as number, gave ? -1 : 1);
		if (took !== canTake(p)) for (const q of list) if (q !== p && canGive(q)) swapsBy(signatureOf[q] as number, a, took ? -1 : 1);
	};

	const cap = m.lps.map((lp) => k * lp.open);
	const load = m.lps.map(() => 0);
	m.pairs.forEach((pair, i) => {
		load[pair.l] = (load[pair.l] as number) + (y[i] ?? 0);
	});
	const openOf = (l: number) => (m.lps[l] as LineProfile).open;
	/** the node's pair with room (an unfilled slot first), or -1 */
	const roomAt = (s: number, fill: boolean) => {
		let best = -1;
		for (const i of m.pairsOf[s] as number[]) {
			const l = (m.pairs[i] as Pair).l;
			if ((load[l] as number) < openOf(l)) return i;
			if (!fill && best < 0 && (load[l] as number) < (cap[l] as number)) best = i;
		}
		return best;
	};
	/** the node's pair to take a recommendation from (one beyond its line profile's open slots first), or -1 */
	const takenAt = (s: number, free: boolean) => {
		let best = -1;
		for (const i of m.pairsOf[s] as number[]) {
			if ((y[i] ?? 0) <= 0) continue;
			const l = (m.pairs[i] as Pair).l;
			if ((load[l] as number) > openOf(l)) return i;
			if (!free && best < 0) best = i;
		}
		return best;
	};
	const move = (i: number, by: number) => {
		y[i] = (y[i] ?? 0) + by;
		const l = (m.pairs[i] as Pair).l;
		load[l] = (load[l] as number) + by;
	};

	// What each supply node allows now — room for an added member filling a slot / within k × slots,
	// a removal losing no fill — and, per signature, how many profiles allow each move: kept up to
	// date as each step changes one line profile's load and one or two profiles' recommendations,
	// instead of scanning every node's pairs at every step (on the larger open book the repair takes
	// 8,277 steps: 28 s CPU that way, docs/matching.md "Scale", sixth pass).
	const fillRoom = new Uint8Array(nodes.length);
	const anyRoom = new Uint8Array(nodes.length);
	const free = new Uint8Array(nodes.length);
	const ADD_FILL = 1;
	const ADD_ANY = 2;
	const REMOVE_FREE = 4;
	const REMOVE_ANY = 8;
	/** per signature and move (ADD_FILL, ADD_ANY, REMOVE_FREE, REMOVE_ANY: index 0–3), the profiles that allow it */
	const allowing = [new Int32Array(S), new Int32Array(S), new Int32Array(S), new Int32Array(S)] as const;
	const allows = new Uint8Array(m.profiles.length);
	const movesOf = (p: number) => {
		const s = (m.profiles[p] as FairProfile).s;
		let bits = 0;
		if (canTake(p)) bits |= (fillRoom[s] ? ADD_FILL : 0) | (anyRoom[s] ? ADD_ANY : 0);
		if (canGive(p)) bits |= (free[s] ? REMOVE_FREE : 0) | REMOVE_ANY;
		return bits;
	};
	const mark = (p: number) => {
		const bits = movesOf(p);
		const was = allows[p] as number;
		if (bits === was) return;
		const a = signatureOf[p] as number;
		for (let b = 0; b < 4; b++) {
			const by = ((bits >> b) & 1) - ((was >> b) & 1);
			if (by) (allowing[b] as Int32Array)[a] = ((allowing[b] as Int32Array)[a] as number) + by;
		}
		allows[p] = bits;
	};
	// per pair what it offers its node (what roomAt and takenAt look for), per node how many of its
	// pairs offer each: below its line profile's open slots (1), below k × them (2), a recommendation
	// at a line profile recommended beyond its open slots (4)
	const offers = new Uint8Array(m.pairs.length);
	const offering = [new Int32Array(nodes.length), new Int32Array(nodes.length), new Int32Array(nodes.length)] as const;
	const offersOf = (i: number) => {
		const l = (m.pairs[i] as Pair).l;
		const at = load[l] as number;
		return (at < openOf(l) ? 1 : 0) | (at < (cap[l] as number) ? 2 : 0) | ((y[i] ?? 0) > 0 && at > openOf(l) ? 4 : 0);
	};
	const refreshNode = (s: number) => {
		fillRoom[s] = offering[0][s] ? 1 : 0;
		anyRoom[s] = fillRoom[s] || offering[1][s] ? 1 : 0;
		free[s] = offering[2][s] ? 1 : 0;
		for (const p of nodes[s] as number[]) mark(p);
	};
	/** pair i's offers counted anew; true if they changed */
	const offer = (i: number) => {
		const bits = offersOf(i);
		const was = offers[i] as number;
		if (bits === was) return false;
		const s = (m.pairs[i] as Pair).s;
		for (let b = 0; b < 3; b++) {
			const by = ((bits >> b) & 1) - ((was >> b) & 1);
			if (by) (offering[b] as Int32Array)[s] = ((offering[b] as Int32Array)[s] as number) + by;
		}
		offers[i] = bits;
		return true;
	};
	/** the pairs at each line profile (of nodes with profiles): a move there changes what they offer */
	const pairsAt: number[][] = m.lps.map(() => []);
	m.pairs.forEach((pair, i) => {
		if (!(nodes[pair.s] as number[]).length) return;
		(pairsAt[pair.l] as number[]).push(i);
		offer(i);
	});
	nodes.forEach((list, s) => {
		if (list.length) refreshNode(s);
	});
	const moveMarked = (i: number, by: number) => {
		move(i, by);
		for (const j of pairsAt[(m.pairs[i] as Pair).l] as number[]) if (offer(j)) refreshNode((m.pairs[j] as Pair).s);
	};
	const shiftMarked = (p: number, by: number) => {
		shift(p, by);
		mark(p);
	};
	// each signature's profiles in the order of the nodes, then of each node's list: the first that allows a move is the one moved
	const profilesOf: number[][] = signatures.map(() => []);
	for (const list of nodes) for (const p of list) (profilesOf[signatureOf[p] as number] as number[]).push(p);
	const firstAllowing = (a: number, bit: number) => (profilesOf[a] as number[]).find((p) => ((allows[p] as number) & bit) !== 0) ?? -1;

	// excessWith(total ± 1, …) of every signature at once: each group's term with and without the
	// signature's person computed once per step, then summed per signature in the same order (the
	// same numbers; with `includes` per group and signature it took most of the repair's time)
	const inSignature = new Uint8Array(S * G);
	signatures.forEach((groups, a) => {
		for (const j of groups) inSignature[a * G + j] = 1;
	});
	const unmoved = new Float64Array(G);
	const moved = new Float64Array(G);
	/** out[a] = excessWith(total + by, …) with one person more (by 1) or fewer (by −1) in signature a's groups, for the signatures `allowed` */
	const excessEach = (by: 1 | -1, out: Float64Array, allowed: Int32Array) => {
		for (let j = 0; j < G; j++) {
			unmoved[j] = violation(j, counts[j] as number, total + by);
			moved[j] = violation(j, (counts[j] as number) + by, total + by);
		}
		for (let a = 0; a < S; a++) {
			if (!allowed[a]) continue;
			let e = 0;
			for (let j = 0, i = a * G; j < G; j++, i++) e += (inSignature[i] ? moved[j] : unmoved[j]) as number;
			out[a] = e;
		}
	};

	const EPS = 1e-9;
	let excess = excessWith(total, null, null);
	const addDelta = new Float64Array(S);
	const removeExcess = new Float64Array(S);
	const up = new Float64Array(G);
	const leavesLowering = new Uint8Array(S);
	const joinsLowering = new Int32Array(S);
	const down = new Float64Array(G);
	while (excess > EPS) {
		// the best move: most fill kept (+1 add filling a slot, 0, −1 removal from a filled slot), then the largest decrease
		let best: { kind: 'swap' | 'add' | 'remove'; a: number; b: number; fill: number; delta: number } | null = null;
		const consider = (kind: 'swap' | 'add' | 'remove', a: number, b: number, fill: number, delta: number) => {
			if (delta >= -EPS) return;
			if (!best || fill > best.fill || (fill === best.fill && delta < best.delta - EPS)) best = { kind, a, b, fill, delta };
		};
		let filling = false;
		excessEach(1, addDelta, allowing[1]);
		for (let a = 0; a < S; a++) {
			if (!allowing[1][a]) continue;
			addDelta[a] = (addDelta[a] as number) - excess;
			if (allowing[0][a] && (addDelta[a] as number) < -EPS) filling = true;
		}
		if (filling) {
			// an added member filling a slot lowers the excess: no swap or removal (less fill) can be
			// chosen, and the adds filling a slot compare among themselves as in the full scan below
			for (let a = 0; a < S; a++) if (allowing[0][a]) consider('add', -1, a, 1, addDelta[a] as number);
		} else {
			excessEach(-1, removeExcess, allowing[3]);
			for (let j = 0; j < G; j++) {
				const now = violation(j, counts[j] as number, total);
				up[j] = violation(j, (counts[j] as number) + 1, total) - now;
				down[j] = violation(j, (counts[j] as number) - 1, total) - now;
			}
			// A swap lowers the excess only if its person leaves a group where one fewer lowers it or
			// joins one where one more does (every other term is ≥ 0): the other pairs of signatures
			// would be turned down anyway, and are not looked at (most of the S² at every step)
			let lowering = 0;
			for (let a = 0; a < S; a++) {
				let leaves = 0;
				for (const j of signatures[a] as number[]) {
					if ((down[j] as number) < 0) leaves = 1;
					if ((up[j] as number) < 0 && joinsLowering[lowering - 1] !== a) joinsLowering[lowering++] = a;
				}
				leavesLowering[a] = leaves;
			}
			for (let a = 0; a < S; a++) {
				const ga = signatures[a] as number[];
				const all = leavesLowering[a] === 1;
				for (let n = 0, to = all ? S : lowering; n < to; n++) {
					const b = all ? n : (joinsLowering[n] as number);
					if ((swaps[a * S + b] as number) <= 0) continue;
					const gb = signatures[b] as number[];
					let delta = 0;
					for (let d = 0; d < ga.length; d++)
						if (ga[d] !== gb[d]) delta += (down[ga[d] as number] as number) + (up[gb[d] as number] as number);
					consider('swap', a, b, 0, delta);
				}
				if (allowing[1][a]) consider('add', -1, a, allowing[0][a] ? 1 : 0, addDelta[a] as number);
				if (allowing[3][a]) consider('remove', a, -1, allowing[2][a] ? 0 : -1, (removeExcess[a] as number) - excess);
			}
		}
		const chosen = best as { kind: 'swap' | 'add' | 'remove'; a: number; b: number } | null;
		if (!chosen) {
			lowerUntilFair(m, u, fairness);
			return null;
		}
		let applied = false;
		if (chosen.kind === 'swap') {
			for (const list of nodes) {
				const p = list.find((x) => signatureOf[x] === chosen.a && canGive(x));
				const q = p === undefined ? undefined : list.find((x) => x !== p && signatureOf[x] === chosen.b && canTake(x));
				if (p === undefined || q === undefined) continue;
				shiftMarked(p, -1);
				shiftMarked(q, 1);
				applied = true;
				break;
			}
		} else if (chosen.kind === 'add') {
			const q = allowing[0][chosen.b] ? firstAllowing(chosen.b, ADD_FILL) : firstAllowing(chosen.b, ADD_ANY);
			const s = (m.profiles[q] as FairProfile).s;
			moveMarked(roomAt(s, false), 1);
			shiftMarked(q, 1);
			applied = true;
		} else {
			const p = allowing[2][chosen.a] ? firstAllowing(chosen.a, REMOVE_FREE) : firstAllowing(chosen.a, REMOVE_ANY);
			const s = (m.profiles[p] as FairProfile).s;
			moveMarked(takenAt(s, false), -1);
			shiftMarked(p, -1);
			applied = true;
		}
		// (the move's excess was computed group by group; should the sum disagree, end by lowering)
		const next = excessWith(total, null, null);
		if (!applied || next >= excess) {
			lowerUntilFair(m, u, fairness);
			return null;
		}
		excess = next;
	}
	// every group within bounds: more members where they fill an open slot, while every bound holds
	for (let grown = true; grown; ) {
		grown = false;
		for (let s = 0; s < nodes.length && !grown; s++) {
			const i = roomAt(s, true);
			if (i < 0) continue;
			for (const q of nodes[s] as number[]) {
				if (!canTake(q) || excessWith(total + 1, null, signatures[signatureOf[q] as number] as number[]) > EPS) continue;
				move(i, 1);
				shift(q, 1);
				grown = true;
				break;
			}
		}
	}
	return m.lps.reduce((t, lp, l) => t + Math.min(lp.open, load[l] as number), 0);
}

/** Whether per-profile recommendations `u` keep every group within its bounds. */
export function isFair(m: Model, u: readonly number[], fairness: NonNullable<EngineOptions['fairness']>): boolean {
	return fairnessExcess(m, u, fairness) <= 1e-9;
}

/** Waiting order: registration date, then id (first come, first served; longest waiting first). */
export const byRegistration = (a: { registered: string; id: string }, b: { registered: string; id: string }) =>
	a.registered < b.registered ? -1 : a.registered > b.registered ? 1 : a.id < b.id ? -1 : 1;

/** Lines in the order of issue: by issue date, then id (first come, first served takes the earliest). */
export const byIssue = (a: { issued: string; id: string }, b: { issued: string; id: string }) =>
	a.issued < b.issued ? -1 : a.issued > b.issued ? 1 : a.id < b.id ? -1 : 1;

/** Whether the candidates are in waiting order already (dates in text order, each date's ids in order). */
export function inOrder(candidates: readonly { registered: string; id: string }[]): boolean {
	for (let i = 1; i < candidates.length; i++) {
		const a = candidates[i - 1] as { registered: string; id: string };
		const b = candidates[i] as { registered: string; id: string };
		if (a.registered < b.registered) continue;
		if (a.registered > b.registered || !(a.id < b.id)) return false;
	}
	return true;
}

/**
 * The candidates in waiting order (byRegistration): grouped by registration date, the dates in
 * order, each date's candidates by id — the comparator's order, without comparing 571,990 date
 * strings one pair at a time (the national sort took ≈ 1 s).
 */
export function inWaitingOrder<C extends { registered: string; id: string }>(candidates: readonly C[]): C[] {
	// already in that order (the reader's, run.ts): a copy, without sorting
	if (inOrder(candidates)) return [...candidates];
	const byDate = new Map<string, C[]>();
	for (const c of candidates) {
		const list = byDate.get(c.registered);
		if (list) list.push(c);
		else byDate.set(c.registered, [c]);
	}
	const out: C[] = [];
	// the dates in the comparator's (text) order
	for (const date of [...byDate.keys()].sort()) {
		const list = (byDate.get(date) as C[]).sort((a, b) => (a.id < b.id ? -1 : 1));
		for (const c of list) out.push(c);
	}
	return out;
}

/**
 * First come, first served: candidates by registration, each to the earliest-issued eligible line
 * with a free slot. `waiting`: the supply node of each candidate eligible for some line, in
 * registration order.
 */
function greedy(m: Model, waiting: readonly number[]): Map<string, number> {
	// every open line's place in the order of issue (date, then id): lines compare by one number
	const inIssueOrder = m.lps.flatMap((lp) => lp.lines).sort(byIssue);
	const rank = new Map(inIssueOrder.map((line, i) => [line, i]));
	// each line profile's lines in that order, and the first with a free slot (lines only fill up)
	const queue = m.lps.map((lp) => lp.lines.map((line) => rank.get(line) as number).sort((a, b) => a - b));
	const head = new Int32Array(m.lps.length);
	const free = Int32Array.from(inIssueOrder, (line) => line.open);
	// a node whose line profiles are all full stays so: its later candidates are skipped
	const full = new Uint8Array(m.supplies.length);
	for (const s of waiting) {
		if (full[s]) continue;
		let best = -1;
		let bestL = -1;
		for (const l of (m.supplies[s] as Supply).lps) {
			const q = queue[l] as number[];
			let h = head[l] as number;
			while (h < q.length && (free[q[h] as number] as number) <= 0) h++;
			head[l] = h;
			const line = q[h];
			if (line !== undefined && (best < 0 || line < best)) {
				best = line;
				bestL = l;
			}
		}
		if (bestL < 0) full[s] = 1;
		else free[best] = (free[best] as number) - 1;
	}
	const filled = new Map<string, number>();
	inIssueOrder.forEach((line, i) => {
		const taken = line.open - (free[i] as number);
		if (taken > 0) filled.set(line.id, taken);
	});
	return filled;
}

/**
 * The candidates' side of the nodes (NodeCache.kept): the supply nodes (capability groups merged by
 * the line profiles they are eligible for, each eligibility tested once and kept in `cache`), their
 * members in waiting order, fairness profiles and sums, the pool, and the waiting order.
 */
function candidateNodes(candidates: readonly EngineCandidate[], lps: readonly LineProfile[], asOf: string, cache: NodeCache): KeptNodes {
	const lpKeys = new Set(lps.map((lp) => lp.key));
	const lpsByOccupation = new Map<string, number[]>();
	// and by destination: a capability group that names destinations is eligible only for line
	// profiles of those (the destination rule, eligibility.ts), so only those are tested — a third
	// of the national time of the nodes went to testing every line profile of the occupation
	const lpsByDestination = new Map<string, number[]>();
	lps.forEach((lp, l) => {
		const list = lpsByOccupation.get(lp.requirements.occupation);
		if (list) list.push(l);
		else lpsByOccupation.set(lp.requirements.occupation, [l]);
		const key = `${lp.requirements.occupation}|${lp.requirements.country}`;
		const byDestination = lpsByDestination.get(key);
		if (byDestination) byDestination.push(l);
		else lpsByDestination.set(key, [l]);
	});
	const candidateLps = (facts: CandidateFacts): number[] => {
		const occupations = servableOccupations(facts.occupation);
		if (facts.countries.includes('*')) return occupations.flatMap((o) => lpsByOccupation.get(o) ?? []);
		return occupations.flatMap((o) => [...new Set(facts.countries)].flatMap((country) => lpsByDestination.get(`${o}|${country}`) ?? []));
	};

	// supply nodes: capability groups (equal facts) merged when eligible for the same line profiles
	// (the node of each capability group once: per candidate, joining its list of line profiles
	// into the node's key took seconds nationally)
	const supplyOf = new Map<string, Supply>();
	const supplyMap = new Map<string, Supply>();
	// every candidate in waiting order once (each node's members, and first come first served, are in it)
	const waiting = inWaitingOrder(candidates);
	// also by the facts object itself: the reader shares one per capability group (run.ts), and an
	// object's look-up costs less than hashing 571,990 key strings (equal facts, equal node)
	const supplyOfFacts = new Map<CandidateFacts, Supply>();
	/** each waiting candidate's node, in waiting order (first come first served reads it below) */
	const supplyAt: Supply[] = new Array(waiting.length);
	/** the capability groups of this run: the cache keeps only these */
	const seenGroups = new Set<string>();
	for (let w = 0; w < waiting.length; w++) {
		const c = waiting[w] as EngineCandidate;
		let supply = supplyOfFacts.get(c.facts);
		if (!supply) {
			supply = supplyOf.get(c.capabilityKey);
			if (!supply) {
				const facts = c.facts;
				let group = cache.groups.get(c.capabilityKey);
				if (!group || !sameFacts(group.facts, facts)) {
					group = { facts, eligible: new Map() };
					cache.groups.set(c.capabilityKey, group);
				} else group.facts = facts;
				seenGroups.add(c.capabilityKey);
				const tested = group.eligible;
				const candidateList = candidateLps(facts);
				const eligible = candidateList
					.filter((l) => {
						const lp = lps[l] as LineProfile;
						let yes = tested.get(lp.key);
						if (yes === undefined) {
							yes = isEligible(facts, lp.requirements);
							tested.set(lp.key, yes);
						}
						return yes;
					})
					.sort((a, b) => a - b);
				// line profiles no longer open: forgotten once they are most of the group's kept tests
				if (tested.size > 2 * candidateList.length + 16) for (const key of tested.keys()) if (!lpKeys.has(key)) tested.delete(key);
				const key = eligible.join(',');
				supply = supplyMap.get(key);
				if (!supply) {
					supply = { key, members: [], lps: eligible, profiles: [], waitSum: 0, prefSum: new Map(), noPref: 0 };
					supplyMap.set(key, supply);
				}
				supplyOf.set(c.capabilityKey, supply);
			}
			supplyOfFacts.set(c.facts, supply);
		}
		supplyAt[w] = supply;
		supply.members.push(c);
	}
	const supplies = [...supplyMap.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
	if (cache.groups.size > seenGroups.size) for (const key of cache.groups.keys()) if (!seenGroups.has(key)) cache.groups.delete(key);

	// the longest wait is the first candidate's in waiting order (dates as YYYY-MM-DD sort as dates)
	const maxWait = waiting.length ? Math.max(1, days((waiting[0] as EngineCandidate).registered, asOf)) : 1;

	// A candidate's fairness profile within its node (province × gender × education group), its key
	// and the pool's keys of its groups, looked up once per distinct province, gender and education
	// rank rather than built as strings per candidate (571,990 nationally).
	interface Signature {
		key: string;
		groups: Record<FairnessDimension, string>;
		poolKeys: string[];
	}
	const signatures = new Map<string, Map<string, Map<number, Signature>>>();
	const signatureOf = (c: EngineCandidate): Signature => {
		let byGender = signatures.get(c.province);
		if (!byGender) {
			byGender = new Map();
			signatures.set(c.province, byGender);
		}
		let byRank = byGender.get(c.gender);
		if (!byRank) {
			byRank = new Map();
			byGender.set(c.gender, byRank);
		}
		let signature = byRank.get(c.educationRank);
		if (!signature) {
			const groups = { province: c.province, gender: c.gender, education: educationGroup(c.educationRank) };
			signature = {
				key: `${groups.province}|${groups.gender}|${groups.education}`,
				groups,
				poolKeys: (['province', 'gender', 'education'] as const).map((d) => `${d}|${groups[d]}`),
			};
			byRank.set(c.educationRank, signature);
		}
		return signature;
	};

	const profiles: FairProfile[] = [];
	const pool = new Map<string, number>();
	let poolTotal = 0;
	supplies.forEach((supply, s) => {
		const byProfile = new Map<string, FairProfile>();
		const eligible = supply.lps.length > 0;
		let lastRegistered = '';
		let lastWait = 0;
		for (const c of supply.members) {
			// members are in waiting order: runs of the same registration date
			if (c.registered !== lastRegistered) {
				lastRegistered = c.registered;
				lastWait = days(c.registered, asOf);
			}
			supply.waitSum += lastWait;
			if (c.preferredCountries.length === 0) supply.noPref++;
			else if (c.preferredCountries.length === 1) {
				const country = c.preferredCountries[0] as string;
				supply.prefSum.set(country, (supply.prefSum.get(country) ?? 0) + 1);
			} else
				for (const country of new Set(c.preferredCountries))
					supply.prefSum.set(country, (supply.prefSum.get(country) ?? 0) + preferenceScore(c, country));
			const signature = signatureOf(c);
			let p = byProfile.get(signature.key);
			if (!p) {
				p = { s, groups: signature.groups, members: [] };
				byProfile.set(signature.key, p);
				// the pool's groups in the order the members first show them (groupBounds reads it in that order)
				if (eligible) for (const key of signature.poolKeys) if (!pool.has(key)) pool.set(key, 0);
			}
			p.members.push(c);
		}
		for (const key of [...byProfile.keys()].sort()) {
			supply.profiles.push(profiles.length);
			profiles.push(byProfile.get(key) as FairProfile);
		}
		const n = supply.members.length;
		if (eligible) {
			poolTotal += n;
			for (const p of byProfile.values()) {
				const signature = signatureOf(p.members[0] as EngineCandidate);
				for (const key of signature.poolKeys) pool.set(key, (pool.get(key) as number) + p.members.length);
			}
		}
	});
	const supplyIndex = new Map(supplies.map((supply, s) => [supply, s]));
	const order: number[] = [];
	for (const supply of supplyAt) if (supply.lps.length) order.push(supplyIndex.get(supply) as number);
	return { asOf, candidates: [...candidates], lpKeys: lps.map((lp) => lp.key), supplies, profiles, pool, poolTotal, order, maxWait };
}

export async function runEngine(
	candidates: readonly EngineCandidate[],
	lines: readonly EngineLine[],
	partial: Partial<EngineOptions> & { asOf: string },
	/** kept between runs (see NodeCache); without, every eligibility is tested */
	cache: NodeCache = newNodeCache(),
): Promise<EngineResult> {
	const started = performance.now();
	const steps = {} as EngineResult['steps'];
	const cpu = () => {
		const { user, system } = process.cpuUsage();
		return (user + system) / 1e6;
	};
	let stepStart = started;
	let stepCpu = cpu();
	const step = (name: EngineStep) => {
		const now = performance.now();
		const cpuNow = cpu();
		steps[name] = { seconds: (now - stepStart) / 1000, cpuSeconds: cpuNow - stepCpu };
		stepStart = now;
		stepCpu = cpuNow;
	};
	const options: EngineOptions = { ...DEFAULT_OPTIONS, ...partial };
	const open = lines.filter((l) => l.open > 0);

	// demand nodes
	const lps = lineProfiles(open);
	const nodes = keptNodesHold(cache.kept, candidates, lps, options.asOf)
		? cache.kept
		: candidateNodes(candidates, lps, options.asOf, cache);
	cache.kept = nodes;
	const { supplies, profiles, pool, poolTotal, maxWait } = nodes;
	const maxWage = maxProfileWage(lps);
	const pairs: Pair[] = [];
	const pairsOf: number[][] = [];
	supplies.forEach((supply, s) => {
		const n = supply.members.length;
		const list: number[] = [];
		for (const l of supply.lps) {
			const lp = lps[l] as LineProfile;
			const pref = ((supply.prefSum.get(lp.requirements.country) ?? 0) + 0.5 * supply.noPref) / n;
			// the node's mean score: the score terms averaged over its members (linear, so the mean of scores)
			const waitingDays = supply.waitSum / n;
			const terms = { wage: lp.wage / maxWage, preference: pref, waitingDays, waiting: waitingDays / maxWait };
			const mean = weightedScore(terms, options.weights);
			list.push(pairs.length);
			pairs.push({ l, s, score: mean });
		}
		pairsOf.push(list);
	});
	const model: Model = { lps, supplies, profiles, pairs, pool, poolTotal, pairsOf };
	step('nodes');

	const empty = pairs.length === 0;
	// the optimum without fairness first: a transportation problem, fast, and an upper bound for the fair one
	const none: Solution = {
		status: 'Optimal',
		fill: 0,
		bound: 0,
		y: [],
		f: lps.map(() => 0),
		u: null,
		size: { rows: 0, columns: 0, nonzeros: 0 },
	};
	// (with fairness on, only its fill is used: a maximum flow, flow.ts; without, the score stage is
	// solved at the flow's fill, the most there is)
	const flow = empty ? null : fillFlow(model, options);
	const unconstrained: Solution = !flow
		? none
		: options.fairness === null
			? await solve(model, { ...options, fairness: null }, false, flow.fill)
			: { ...none, fill: flow.fill, bound: flow.fill, y: flow.y, f: flow.f };
	step('unconstrained');
	const optimal: Solution = empty || options.fairness === null ? unconstrained : await solve(model, options, true, unconstrained.fill);
	step('fair');
	const greedyFilled = greedy(model, nodes.order);
	step('greedy');

	// individuals: each node's recommended members (per fairness profile, longest waiting first;
	// without fairness, the node's longest waiting), then each line profile takes, of those, the
	// ones with the best score for it (line profiles in order of the pair's score)
	const perLp = new Map<number, { cand: EngineCandidate; score: number }[]>();
	// weightedScore(scoreTerms(cand, country, wage)) in parts (weightedSum), each member's weighted
	// waiting term computed once per node instead of once per pair of its node (the national run
	// scores 367,000 member × pair)
	const w = options.weights;
	supplies.forEach((supply, s) => {
		const list = pairsOf[s] as number[];
		const total = list.reduce((t, i) => t + (optimal.y[i] ?? 0), 0);
		if (total === 0) return;
		const u = optimal.u;
		let chosen: { cand: EngineCandidate; waiting: number }[] = (
			u ? supply.profiles.flatMap((p) => (profiles[p] as FairProfile).members.slice(0, u[p] ?? 0)) : supply.members.slice(0, total)
		).map((cand) => ({ cand, waiting: w.waiting * (days(cand.registered, options.asOf) / maxWait) }));
		const order = list.filter((i) => (optimal.y[i] ?? 0) > 0).sort((a, b) => (pairs[b] as Pair).score - (pairs[a] as Pair).score || a - b);
		for (const i of order) {
			const p = pairs[i] as Pair;
			const lp = lps[p.l] as LineProfile;
			const country = lp.requirements.country;
			const wageTerm = w.wage * (lp.wage / maxWage);
			const scored = chosen.map((c) => ({
				cand: c.cand,
				score: weightedSum(wageTerm, w.preference * preferenceScore(c.cand, country), c.waiting, w),
			}));
			const y = optimal.y[i] ?? 0;
			// the line profile's list is sorted below: what is taken counts, not its order; taking
			// every one left (always the node's last pair, often its only one) needs no sort
			let take = scored;
			if (y < scored.length) {
				take = scored.sort((a, b) => b.score - a.score || (a.cand.id < b.cand.id ? -1 : 1)).slice(0, y);
				const taken = new Set(take.map((t) => t.cand));
				chosen = chosen.filter((c) => !taken.has(c.cand));
			} else chosen = [];
			const got = perLp.get(p.l);
			if (got) for (const t of take) got.push(t);
			else perLp.set(p.l, take);
		}
	});
	const recommendations: Recommendation[] = [];
	// recommendations per province, gender and education rank, counted on the individuals
	// recommended; per group (`dimension|group`) below
	const recsBy = { province: new Map<string, number>(), gender: new Map<string, number>(), education: new Map<number, number>() };
	for (const [l, list] of perLp) {
		const lp = lps[l] as LineProfile;
		list.sort((a, b) => b.score - a.score || (a.cand.id < b.cand.id ? -1 : 1));
		const dealt = new Map<string, { cand: EngineCandidate; score: number; primary: boolean }[]>();
		let next = 0;
		for (const pass of [1, options.recommendationsPerSlot]) {
			for (const line of lp.lines) {
				const got = dealt.get(line.id) ?? [];
				while (got.length < pass * line.open && next < list.length) {
					const item = list[next++] as { cand: EngineCandidate; score: number };
					got.push({ cand: item.cand, score: item.score, primary: pass === 1 });
				}
				dealt.set(line.id, got);
			}
		}
		for (const [lineId, got] of dealt) {
			got.forEach((g, i) => {
				recommendations.push({ lineId, candidateId: g.cand.id, rank: i + 1, primary: g.primary, score: g.score });
				recsBy.province.set(g.cand.province, (recsBy.province.get(g.cand.province) ?? 0) + 1);
				recsBy.gender.set(g.cand.gender, (recsBy.gender.get(g.cand.gender) ?? 0) + 1);
				recsBy.education.set(g.cand.educationRank, (recsBy.education.get(g.cand.educationRank) ?? 0) + 1);
			});
		}
	}

	const recs = new Map<string, number>();
	const count = (key: string, n: number) => recs.set(key, (recs.get(key) ?? 0) + n);
	for (const [province, n] of recsBy.province) count(`province|${province}`, n);
	for (const [gender, n] of recsBy.gender) count(`gender|${gender}`, n);
	for (const [rank, n] of recsBy.education) count(`education|${educationGroup(rank)}`, n);
	step('individuals');
	// per market (destination) x occupation
	const cells = new Map<string, CellResult>();
	const cell = (r: LineRequirements) => {
		const key = `${r.country}|${r.occupation}`;
		let v = cells.get(key);
		if (!v) {
			v = {
				country: r.country,
				occupation: r.occupation,
				openSlots: 0,
				eligibleCandidates: 0,
				fillableOptimal: 0,
				fillableGreedy: 0,
				fillableUnconstrained: 0,
				recommendations: 0,
			};
			cells.set(key, v);
		}
		return v;
	};
	const eligibleIn = new Map<string, Set<number>>();
	for (const p of pairs) {
		const r = (lps[p.l] as LineProfile).requirements;
		const key = `${r.country}|${r.occupation}`;
		eligibleIn.set(key, (eligibleIn.get(key) ?? new Set()).add(p.s));
	}
	lps.forEach((lp, l) => {
		const v = cell(lp.requirements);
		v.openSlots += lp.open;
		v.fillableOptimal += optimal.f[l] ?? 0;
		v.fillableUnconstrained += unconstrained.f[l] ?? 0;
		for (const line of lp.lines) v.fillableGreedy += greedyFilled.get(line.id) ?? 0;
	});
	for (const [key, set] of eligibleIn) {
		const v = cells.get(key) as CellResult;
		for (const s of set) v.eligibleCandidates += (supplies[s] as Supply).members.length;
	}
	pairs.forEach((p, i) => {
		cell((lps[p.l] as LineProfile).requirements).recommendations += optimal.y[i] ?? 0;
	});

	const groups: GroupResult[] = [];
	for (const [key, n] of pool) {
		const [dim, g] = key.split('|') as [FairnessDimension, string];
		groups.push({ dimension: dim, group: g, pool: n, recommendations: recs.get(key) ?? 0 });
	}
	groups.sort((a, b) => (a.dimension + a.group < b.dimension + b.group ? -1 : 1));
	step('summary');

	return {
		size: {
			lines: open.length,
			openSlots: open.reduce((t, l) => t + l.open, 0),
			candidates: candidates.length,
			lineProfiles: lps.length,
			candidateProfiles: supplies.filter((s) => s.lps.length).length,
			eligiblePairs: pairs.length,
			eligibleCandidates: poolTotal,
			...larger(unconstrained.size, optimal.size),
		},
		fillableOptimal: optimal.fill,
		fillableGreedy: [...greedyFilled.values()].reduce((t, n) => t + n, 0),
		fillableUnconstrained: unconstrained.fill,
		fillBound: optimal.bound,
		status: optimal.status,
		seconds: (performance.now() - started) / 1000,
		steps,
		fairness: options.fairness,
		recommendationsPerSlot: options.recommendationsPerSlot,
		recommendations,
		cells: [...cells.values()].sort((a, b) => (a.country + a.occupation < b.country + b.occupation ? -1 : 1)),
		groups,
	};
}
