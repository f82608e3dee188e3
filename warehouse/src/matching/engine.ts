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
import loadHighs from 'highs';
import { type CandidateFacts, isEligible, type LineRequirements, servableOccupations } from './eligibility.ts';

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

export interface EngineResult {
	size: {
		lines: number;
		openSlots: number;
		candidates: number;
		lineProfiles: number;
		candidateProfiles: number;
		eligiblePairs: number;
		eligibleCandidates: number;
	};
	fillableOptimal: number;
	fillableGreedy: number;
	fillableUnconstrained: number;
	status: string;
	seconds: number;
	/** the configuration the run used */
	fairness: EngineOptions['fairness'];
	recommendationsPerSlot: number;
	recommendations: Recommendation[];
	cells: CellResult[];
	groups: GroupResult[];
}

interface LineProfile {
	key: string;
	requirements: LineRequirements;
	lines: EngineLine[];
	open: number;
	wage: number;
}

interface CandidateProfile {
	key: string;
	facts: CandidateFacts;
	members: EngineCandidate[];
	groups: Record<FairnessDimension, string>;
}

const DAY_MS = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

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
	const wSum = w.wage + w.preference + w.waiting || 1;
	return (w.wage * t.wage + w.preference * t.preference + w.waiting * t.waiting) / wSum;
}

/** The destination-preference term: 1 for the first preferred country, 0.5 when the candidate named none. */
export function preferenceScore(c: Pick<EngineCandidate, 'preferredCountries'>, country: string): number {
	if (c.preferredCountries.length === 0) return 0.5;
	const at = c.preferredCountries.indexOf(country);
	return at < 0 ? 0 : 1 - at / c.preferredCountries.length;
}

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highsPromise: Promise<Highs> | undefined;
const highs = () => {
	highsPromise ??= loadHighs();
	return highsPromise;
};

interface Pair {
	l: number;
	c: number;
	score: number;
}

export interface Model {
	lps: LineProfile[];
	cps: CandidateProfile[];
	pairs: Pair[];
	pool: Map<string, number>;
	poolTotal: number;
}

const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(9));

/** The LP-format model; `fillAtLeast` set = stage 2 (maximise the score holding the fill). */
function lpText(m: Model, options: EngineOptions, fairness: boolean, fillAtLeast: number | null, fillAtMost: number | null): string {
	const k = options.recommendationsPerSlot;
	const lines: string[] = [];
	const sum = (terms: string[]) => (terms.length ? terms.join(' + ') : '0 dummy');
	lines.push('Maximize');
	if (fillAtLeast === null) lines.push(` obj: ${sum(m.lps.map((_, i) => `f${i}`))}`);
	else lines.push(` obj: ${sum(m.pairs.map((p, i) => `${num(p.score)} x${i}`))}`);
	lines.push('Subject To');
	const byL = new Map<number, number[]>();
	const byC = new Map<number, number[]>();
	m.pairs.forEach((p, i) => {
		const l = byL.get(p.l);
		if (l) l.push(i);
		else byL.set(p.l, [i]);
		const c = byC.get(p.c);
		if (c) c.push(i);
		else byC.set(p.c, [i]);
	});
	for (const [c, list] of byC) lines.push(` cand${c}: ${list.map((i) => `x${i}`).join(' + ')} <= ${m.cps[c]?.members.length}`);
	m.lps.forEach((lp, l) => {
		const list = byL.get(l) ?? [];
		if (list.length) lines.push(` line${l}: ${list.map((i) => `x${i}`).join(' + ')} <= ${k * lp.open}`);
		lines.push(` fill${l}: f${l}${list.map((i) => ` - x${i}`).join('')} <= 0`);
	});
	if (fillAtLeast !== null) lines.push(` filled: ${sum(m.lps.map((_, i) => `f${i}`))} >= ${fillAtLeast}`);
	// a valid cut: fairness can only lower the fill, so the MIP stops as soon as it reaches the bound
	if (fillAtMost !== null) lines.push(` bound: ${sum(m.lps.map((_, i) => `f${i}`))} <= ${fillAtMost}`);
	const groupVars: string[] = [];
	if (fairness && options.fairness && m.pairs.length) {
		// sparse: r = Σ x, g_j = Σ_{pairs of group j} x, then (1 − δ) p_j r − 1 ≤ g_j ≤ (1 + δ) p_j r + 1
		const { tolerance } = options.fairness;
		lines.push(` total: r${m.pairs.map((_, i) => ` - x${i}`).join('')} = 0`);
		let j = 0;
		for (const dimension of options.fairness.dimensions) {
			const groups = [...new Set(m.cps.map((c) => c.groups[dimension]))].sort();
			for (const g of groups) {
				const p = (m.pool.get(`${dimension}|${g}`) ?? 0) / m.poolTotal;
				const members = m.pairs.map((pair, i) => (m.cps[pair.c]?.groups[dimension] === g ? ` - x${i}` : '')).join('');
				lines.push(` group${j}: g${j}${members} = 0`);
				lines.push(` fu${j}: g${j} - ${num((1 + tolerance) * p)} r <= ${FAIRNESS_ROUNDING}`);
				lines.push(` fl${j}: g${j} - ${num((1 - tolerance) * p)} r >= -${FAIRNESS_ROUNDING}`);
				groupVars.push(`g${j}`);
				j++;
			}
		}
	}
	lines.push('Bounds');
	m.lps.forEach((lp, l) => {
		lines.push(` 0 <= f${l} <= ${lp.open}`);
	});
	m.pairs.forEach((p, i) => {
		lines.push(` 0 <= x${i} <= ${Math.min(m.cps[p.c]?.members.length ?? 0, k * (m.lps[p.l]?.open ?? 0))}`);
	});
	if (groupVars.length) {
		lines.push(' r >= 0');
		for (const g of groupVars) lines.push(` ${g} >= 0`);
	}
	lines.push('Generals');
	const ints = [...m.lps.map((_, i) => `f${i}`), ...m.pairs.map((_, i) => `x${i}`)];
	for (let i = 0; i < ints.length; i += 50) lines.push(` ${ints.slice(i, i + 50).join(' ')}`);
	lines.push('End');
	return lines.join('\n');
}

interface Solution {
	status: string;
	fill: number;
	x: number[];
	f: number[];
}

async function solve(m: Model, options: EngineOptions, fairness: boolean, fillAtMost: number | null = null): Promise<Solution> {
	const solver = await highs();
	// the fill is solved exactly; the score, a tie-break among optimal fills, to within SCORE_GAP
	const settings = { output_flag: false, time_limit: options.timeLimitSeconds, mip_rel_gap: 0 } as const;
	const scoreSettings = { ...settings, mip_rel_gap: SCORE_GAP } as const;
	const value = (solution: { Columns: Record<string, unknown> }, name: string) =>
		Math.round((solution.Columns[name] as { Primal?: number } | undefined)?.Primal ?? 0);
	const scoreStage = (fill: number) => {
		const second = solver.solve(lpText(m, options, fairness, fill, null), scoreSettings);
		if (second.Status !== 'Optimal' && second.Status !== 'Time limit reached') return null;
		const solution = {
			status: second.Status,
			fill,
			x: m.pairs.map((_, i) => value(second, `x${i}`)),
			f: m.lps.map((_, i) => value(second, `f${i}`)),
		};
		// Out of time, the best solution found still holds the fill (a constraint), only its score
		// is not proven best; the run stores the status. Without a solution at all, give up.
		if (second.Status !== 'Optimal' && (fill === 0 || solution.f.reduce((t, v) => t + v, 0) < fill)) return null;
		return solution;
	};
	// When an upper bound is known (the fill without fairness), try it first: if the score stage is
	// feasible at the bound, the bound is the optimum and the fill stage is not needed.
	if (fillAtMost !== null) {
		const atBound = scoreStage(fillAtMost);
		if (atBound) return atBound;
	}
	const first = solver.solve(lpText(m, options, fairness, null, fillAtMost), settings);
	if (first.Status !== 'Optimal') throw new Error(`Matching: the solver stopped with status ${first.Status}`);
	const solution = scoreStage(Math.round(first.ObjectiveValue));
	if (!solution) throw new Error('Matching: the solver found no solution at the optimal fill (score stage)');
	return solution;
}

/** Whether recommendations `x` keep every group within its bounds (the rows of lpText). */
export function isFair(m: Model, x: readonly number[], fairness: NonNullable<EngineOptions['fairness']>): boolean {
	const total = x.reduce((t, v) => t + v, 0);
	for (const dimension of fairness.dimensions) {
		const counts = new Map<string, number>();
		m.pairs.forEach((p, i) => {
			const g = m.cps[p.c]?.groups[dimension] as string;
			counts.set(g, (counts.get(g) ?? 0) + (x[i] ?? 0));
		});
		for (const g of new Set(m.cps.map((c) => c.groups[dimension]))) {
			const p = (m.pool.get(`${dimension}|${g}`) ?? 0) / m.poolTotal;
			const n = counts.get(g) ?? 0;
			const eps = 1e-9;
			if (n > (1 + fairness.tolerance) * p * total + FAIRNESS_ROUNDING + eps) return false;
			if (n < (1 - fairness.tolerance) * p * total - FAIRNESS_ROUNDING - eps) return false;
		}
	}
	return true;
}

/** First come, first served: candidates by registration, each to the earliest-issued eligible line with a free slot. */
function greedy(m: Model): Map<string, number> {
	const free = new Map<string, number>();
	for (const lp of m.lps) for (const line of lp.lines) free.set(line.id, line.open);
	const eligibleLps = new Map<number, number[]>();
	for (const p of m.pairs) {
		const list = eligibleLps.get(p.c);
		if (list) list.push(p.l);
		else eligibleLps.set(p.c, [p.l]);
	}
	const members: { c: number; cand: EngineCandidate }[] = [];
	m.cps.forEach((cp, c) => {
		for (const cand of cp.members) members.push({ c, cand });
	});
	members.sort((a, b) =>
		a.cand.registered < b.cand.registered ? -1 : a.cand.registered > b.cand.registered ? 1 : a.cand.id < b.cand.id ? -1 : 1,
	);
	const filled = new Map<string, number>();
	for (const { c } of members) {
		let best: EngineLine | undefined;
		for (const l of eligibleLps.get(c) ?? []) {
			for (const line of m.lps[l]?.lines ?? []) {
				if ((free.get(line.id) ?? 0) <= 0) continue;
				if (!best || line.issued < best.issued || (line.issued === best.issued && line.id < best.id)) best = line;
			}
		}
		if (best) {
			free.set(best.id, (free.get(best.id) ?? 0) - 1);
			filled.set(best.id, (filled.get(best.id) ?? 0) + 1);
		}
	}
	return filled;
}

export async function runEngine(
	candidates: readonly EngineCandidate[],
	lines: readonly EngineLine[],
	partial: Partial<EngineOptions> & { asOf: string },
): Promise<EngineResult> {
	const started = performance.now();
	const options: EngineOptions = { ...DEFAULT_OPTIONS, ...partial };
	const open = lines.filter((l) => l.open > 0);

	const lpMap = new Map<string, LineProfile>();
	for (const line of open) {
		const key = `${requirementsKey(line.requirements)}|${line.sector}`;
		let lp = lpMap.get(key);
		if (!lp) {
			lp = { key, requirements: line.requirements, lines: [], open: 0, wage: 0 };
			lpMap.set(key, lp);
		}
		lp.lines.push(line);
		lp.wage += line.wageUsd * line.open;
		lp.open += line.open;
	}
	const lps = [...lpMap.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
	for (const lp of lps) {
		lp.wage /= lp.open;
		lp.lines.sort((a, b) => b.wageUsd - a.wageUsd || (a.issued < b.issued ? -1 : a.issued > b.issued ? 1 : a.id < b.id ? -1 : 1));
	}

	const cpMap = new Map<string, CandidateProfile>();
	for (const c of candidates) {
		const groups = { province: c.province, gender: c.gender, education: educationGroup(c.educationRank) };
		const key = `${c.capabilityKey}|${groups.province}|${groups.gender}|${groups.education}`;
		let cp = cpMap.get(key);
		if (!cp) {
			cp = { key, facts: c.facts, members: [], groups };
			cpMap.set(key, cp);
		}
		cp.members.push(c);
	}
	const cps = [...cpMap.values()].sort((a, b) => (a.key < b.key ? -1 : 1));

	// reduce, not Math.max(...list): a spread of a national list overflows the call stack
	const maxWage = lps.reduce((m, lp) => Math.max(m, lp.wage), 1e-9);
	const maxWait = candidates.reduce((m, c) => Math.max(m, days(c.registered, options.asOf)), 1);
	const score = (c: EngineCandidate, country: string, wage: number) =>
		weightedScore(scoreTerms(c, country, wage, options.asOf, { maxWage, maxWait }), options.weights);

	const pairs: Pair[] = [];
	const eligibleCp = new Set<number>();
	// only the line profiles of occupations the candidate profile can serve are worth testing
	const lpsByOccupation = new Map<string, number[]>();
	lps.forEach((lp, l) => {
		const list = lpsByOccupation.get(lp.requirements.occupation);
		if (list) list.push(l);
		else lpsByOccupation.set(lp.requirements.occupation, [l]);
	});
	cps.forEach((cp, c) => {
		const candidates = servableOccupations(cp.facts.occupation).flatMap((o) => lpsByOccupation.get(o) ?? []);
		candidates.forEach((l) => {
			const lp = lps[l] as LineProfile;
			if (!isEligible(cp.facts, lp.requirements)) return;
			const mean = cp.members.reduce((t, m) => t + score(m, lp.requirements.country, lp.wage), 0) / cp.members.length;
			pairs.push({ l, c, score: mean });
			eligibleCp.add(c);
		});
	});
	const pool = new Map<string, number>();
	let poolTotal = 0;
	for (const c of eligibleCp) {
		const cp = cps[c] as CandidateProfile;
		poolTotal += cp.members.length;
		for (const d of ['province', 'gender', 'education'] as const) {
			const key = `${d}|${cp.groups[d]}`;
			pool.set(key, (pool.get(key) ?? 0) + cp.members.length);
		}
	}
	const model: Model = { lps, cps, pairs, pool, poolTotal };

	const empty = pairs.length === 0;
	// the optimum without fairness first: a transportation problem, fast, and an upper bound for the fair one
	const none: Solution = { status: 'Optimal', fill: 0, x: [], f: lps.map(() => 0) };
	const unconstrained: Solution = empty ? none : await solve(model, { ...options, fairness: null }, false);
	// When the optimum without fairness is already fair it is also the fair optimum (the fair
	// solutions are a subset, and it is best on fill and score over the larger set); otherwise the
	// fair MIP, the slow part (most of a minute on a synthetic 200,000-candidate instance).
	const optimal: Solution =
		empty || options.fairness === null || isFair(model, unconstrained.x, options.fairness)
			? unconstrained
			: await solve(model, options, true, unconstrained.fill);
	const greedyFilled = greedy(model);

	// individuals: each profile's members, longest waiting first, dealt to the line profiles
	const perLp = new Map<number, { cand: EngineCandidate; score: number }[]>();
	const taken = new Map<number, number>();
	const order = pairs.map((p, i) => ({ p, n: optimal.x[i] ?? 0 })).filter((e) => e.n > 0);
	order.sort((a, b) => b.p.score - a.p.score || a.p.l - b.p.l);
	for (const cp of cps)
		cp.members.sort((a, b) => (a.registered < b.registered ? -1 : a.registered > b.registered ? 1 : a.id < b.id ? -1 : 1));
	for (const { p, n } of order) {
		const cp = cps[p.c] as CandidateProfile;
		const lp = lps[p.l] as LineProfile;
		const from = taken.get(p.c) ?? 0;
		const chosen = cp.members.slice(from, from + n);
		taken.set(p.c, from + n);
		const list = perLp.get(p.l) ?? [];
		for (const cand of chosen) list.push({ cand, score: score(cand, lp.requirements.country, lp.wage) });
		perLp.set(p.l, list);
	}
	const recommendations: Recommendation[] = [];
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
					got.push({ ...item, primary: pass === 1 });
				}
				dealt.set(line.id, got);
			}
		}
		for (const [lineId, got] of dealt) {
			got.forEach((g, i) => {
				recommendations.push({ lineId, candidateId: g.cand.id, rank: i + 1, primary: g.primary, score: g.score });
			});
		}
	}

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
		eligibleIn.set(key, (eligibleIn.get(key) ?? new Set()).add(p.c));
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
		for (const c of set) v.eligibleCandidates += (cps[c] as CandidateProfile).members.length;
	}
	pairs.forEach((p, i) => {
		cell((lps[p.l] as LineProfile).requirements).recommendations += optimal.x[i] ?? 0;
	});

	const groups: GroupResult[] = [];
	for (const d of ['province', 'gender', 'education'] as const) {
		const recs = new Map<string, number>();
		pairs.forEach((p, i) => {
			const g = (cps[p.c] as CandidateProfile).groups[d];
			recs.set(g, (recs.get(g) ?? 0) + (optimal.x[i] ?? 0));
		});
		for (const [key, n] of pool) {
			const [dim, g] = key.split('|') as [FairnessDimension, string];
			if (dim === d) groups.push({ dimension: d, group: g, pool: n, recommendations: recs.get(g) ?? 0 });
		}
	}
	groups.sort((a, b) => (a.dimension + a.group < b.dimension + b.group ? -1 : 1));

	return {
		size: {
			lines: open.length,
			openSlots: open.reduce((t, l) => t + l.open, 0),
			candidates: candidates.length,
			lineProfiles: lps.length,
			candidateProfiles: cps.length,
			eligiblePairs: pairs.length,
			eligibleCandidates: poolTotal,
		},
		fillableOptimal: optimal.fill,
		fillableGreedy: [...greedyFilled.values()].reduce((t, n) => t + n, 0),
		fillableUnconstrained: unconstrained.fill,
		status: optimal.status,
		seconds: (performance.now() - started) / 1000,
		fairness: options.fairness,
		recommendationsPerSlot: options.recommendationsPerSlot,
		recommendations,
		cells: [...cells.values()].sort((a, b) => (a.country + a.occupation < b.country + b.occupation ? -1 : 1)),
		groups,
	};
}
