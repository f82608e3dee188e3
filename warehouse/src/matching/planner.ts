/**
 * The training and certification planner (issue #15 §3): given seats (language courses per
 * language and level, certification exams per scheme) for the whole country or per province, and
 * the capacity of the certification bodies, which of the candidates one requirement away from the
 * open lines to train so that the most open slots become fillable — solved with HiGHS (the
 * engine's solver, `highs()` and `solveRelaxation()` of linear-model.ts) — against the baseline of seats
 * given in proportion to each gap's size. docs/matching.md "Training planner".
 *
 * Near miss: a waiting candidate who meets every requirement of an open line but one, and that one
 * is a certificate (a seat of kind `certificate`, code = the scheme) or a language level (kind
 * `language`, code = the language, level = the line's level). Other requirements (occupation,
 * destination, education, experience, gender, age) are not trainable here. A trained candidate's
 * facts get the certificate (or the language at that level), and the one eligibility
 * (`isEligible`, eligibility.ts) decides every line they are then eligible for.
 *
 * Model. Candidates eligible for the same set of line profiles are interchangeable for the fill
 * (the engine's supply nodes); near misses also by the sets they would be eligible for after each
 * possible seat, and by the budget row that covers each seat (exams are open to candidates of any
 * province, so the province matters only through the budget rows). So the model has one node per
 * set X of line profiles and one group G per near-miss signature, whatever the province:
 *
 *   y[l,X] ≥ 0 integer   candidates of node X counted towards line profile l (l ∈ X)
 *   f[l]   ≥ 0 integer   slots of l fillable,  f[l] ≤ open_l,  f[l] ≤ Σ_X y[l,X]
 *   t[G,k] ≥ 0 integer   candidates of group G given a seat of kind k, Σ_k t[G,k] ≤ n_G
 *   Σ_l y[l,X] + Σ_{G in X, k} t[G,k] − Σ_{(G,k) leading to X} t[G,k] ≤ n_X
 *                         (untrained candidates of X less those trained away, plus those trained into X)
 *   Σ_{(G,k) under row r} t[G,k] ≤ seats_r            (each budget row: national or a province, a kind or all)
 *   Σ_b z[b,s] ≥ Σ_{G,k: exam of s} t[G,k];  Σ_s z[b,s] ≤ capacity_b   (exams of scheme s at body b)
 *   maximise Σ f − ε Σ t   (ε < 1 / (candidates + 1): the most fillable slots, then the fewest seats)
 *
 * It is the model on candidates aggregated, not an approximation of it: any integer solution
 * splits back over the candidates of each node and group. A group's seats go to its members longest
 * waiting first (the engine's order inside a profile), which gives the plan per origin province.
 * Without the budget and exam rows it is a flow (integral LP relaxation). A model larger than
 * `exactColumns` whose relaxation is fractional is rounded: seats rounded down, then the flow with
 * them held; its fill is at least `planBound` (the relaxation's) less the seats rounded away.
 *
 * Slots made fillable = Σ f minus the fill without any seat (the same model, t = 0: the engine's
 * optimum without fairness). Per province and kind, that gain is shared in proportion to the slots
 * the trained candidates of the row fill in the solution (in each node its untrained candidates
 * counted first; largest remainder, so the rows add up to the gain): the trained flow itself can exceed the gain — a trained candidate may take a line from
 * an eligible one, who moves to a line no trained candidate could fill (two seats, one slot more).
 * The proportional baseline fixes t (each gap's seats in proportion to its size, within a gap the
 * longest waiting first, certification capacity taken greedily) and maximises Σ f, its rows shared
 * the same way.
 */
import { type CandidateFacts, isEligible, type LineRequirements, servableOccupations, unmetRequirements } from './eligibility.ts';
import { byRegistration, DEFAULT_OPTIONS, type EngineCandidate, type EngineLine } from './engine.ts';
import { highs, LinearModelBuilder, type ModelSolution, solveRelaxation, variableValue } from './linear-model.ts';

export type SeatKind = 'certificate' | 'language';

/** One kind of seat: a certificate exam of a scheme, or a language course to a level. */
export interface Seat {
	kind: SeatKind;
	/** scheme code, or ISO 639-1 language code */
	code: string;
	/** the level the course leads to (language); 0 for certificates */
	level: number;
}

/** A budget row: at most `seats` seats for candidates of `province` ('*' = any) of `kind` ('*' = any). */
export interface SeatRow {
	province: string;
	kind: SeatKind | '*';
	/** scheme or language code, '*' = any */
	code: string;
	seats: number;
}

export interface CertificationBody {
	code: string;
	province: string;
	/** assessments a year */
	annualCapacity: number;
	schemes: readonly string[];
}

export interface PlannerOptions {
	seats: readonly SeatRow[];
	/** share of a body's annual capacity available to the plan (the planning period: a quarter) */
	capacityShare: number;
	timeLimitSeconds: number;
	/** the largest plan model (columns) solved as an integer program; a larger one is rounded (solveModel) */
	exactColumns: number;
}

/** One seat per this many candidates one training away (national budget, any kind), at least MIN. */
export const DEFAULT_SEAT_SHARE = 0.1;
export const DEFAULT_MIN_SEATS = 10;
/** A quarter of a year of each certification body's assessments: the planning period. */
export const DEFAULT_CAPACITY_SHARE = 0.25;

/**
 * The default budget when none is configured: a national pool of seats of any kind, one for every
 * ten candidates one training away (at least 10) — an assumption for the demo, docs/matching.md.
 */
export function defaultSeats(nearCandidates: number): SeatRow[] {
	return [{ province: '*', kind: '*', code: '*', seats: Math.max(DEFAULT_MIN_SEATS, Math.round(DEFAULT_SEAT_SHARE * nearCandidates)) }];
}

export interface PlanRow {
	province: string;
	kind: SeatKind;
	code: string;
	level: number;
	plan: { seats: number; candidates: number; slots: number };
	proportional: { seats: number; candidates: number; slots: number };
}

export interface PlanResult {
	/** slots fillable with no seat (the optimum without fairness) */
	baseFillable: number;
	/** with the plan's seats / the proportional seats */
	planFillable: number;
	/**
	 * No plan within the budget and capacities fills more (the plan model's LP relaxation, rounded
	 * down); equal to planFillable when the plan is proven optimal.
	 */
	planBound: number;
	proportionalFillable: number;
	/** slots fillable if every near-miss candidate got the seat they need, without any budget or capacity */
	upperBoundFillable: number;
	/** waiting candidates one training away from an open line */
	nearCandidates: number;
	/** seats of the budget (sum of its rows) */
	budget: number;
	/** the budget rows and the capacity share used */
	seats: SeatRow[];
	capacityShare: number;
	rows: PlanRow[];
	status: string;
	seconds: number;
	size: { groups: number; variables: number; constraints: number };
}

const seatKey = (s: Seat) => `${s.kind}|${s.code}|${s.level}`;
const seatOf = (key: string): Seat => {
	const [kind, code, level] = key.split('|') as [SeatKind, string, string];
	return { kind, code, level: Number(level) };
};

/** The candidate's facts after the seat: the certificate held, or the language at the level. */
export function trained(facts: CandidateFacts, seat: Seat): CandidateFacts {
	if (seat.kind === 'certificate') return { ...facts, certificates: [...new Set([...facts.certificates, seat.code])].sort() };
	const languages = new Map(facts.languages);
	languages.set(seat.code, Math.max(languages.get(seat.code) ?? 0, seat.level));
	return { ...facts, languages };
}

/** The seat that closes the one missing requirement of `line` for `facts`, or null when none does. */
export function seatFor(facts: CandidateFacts, line: LineRequirements): Seat | null {
	const unmet = unmetRequirements(facts, line);
	if (unmet.length !== 1) return null;
	if (unmet[0] === 'certificate') return { kind: 'certificate', code: line.certificate, level: 0 };
	if (unmet[0] === 'language') return { kind: 'language', code: line.language, level: Math.max(line.languageLevel, 1) };
	return null;
}

interface LineProfile {
	requirements: LineRequirements;
	open: number;
}

/** A waiting candidate one training away, as seats are handed out: longest waiting first. */
interface Member {
	id: string;
	registered: string;
}

/**
 * Near-miss candidates of one origin province with the same eligible line profiles now and after
 * each possible seat: what the proportional baseline allocates to (a gap is a province × seat)
 * and what the plan's seats are handed out to, per province.
 */
interface Group {
	province: string;
	/** the set of line profiles eligible now (index into Build.sets) */
	set: number;
	/** per seat key, the set eligible after that seat (Build.sets; a strict superset of `set`) */
	seats: Map<string, number>;
	/** longest waiting first (registration, then id: the engine's order inside a profile) */
	members: Member[];
}

/**
 * Groups of any province that the plan model cannot tell apart: the same sets now and after each
 * seat, and each seat under the same budget row (certification exams are open to candidates of
 * any province, so the province matters to the model only through the budget rows). Seats are
 * decided per merged group, then handed to its members longest waiting first.
 */
interface Merged {
	set: number;
	seats: Map<string, number>;
	/** per seat key, the budget row that covers it (-1: none) */
	rows: Map<string, number>;
	/** the province groups merged, in index order */
	groups: number[];
	n: number;
}

interface Build {
	lps: LineProfile[];
	/**
	 * Sets of line profiles (sorted indices), sorted by key: the supply nodes of the flow. A set
	 * holds the candidates eligible for exactly those line profiles — untrained ones, and trained
	 * ones whose set after the seat it is: interchangeable for the fill (as the engine's supply nodes).
	 */
	sets: number[][];
	/** per set: waiting candidates whose eligible set it is now (near misses included) */
	n: number[];
	groups: Group[];
}

function matches(row: SeatRow, province: string, seat: Seat): boolean {
	return (
		(row.province === '*' || row.province === province) &&
		(row.kind === '*' || row.kind === seat.kind) &&
		(row.code === '*' || row.code === seat.code)
	);
}

/** Splits `total` over `sizes` in proportion (largest remainder), never more than a size. */
export function proportional(total: number, sizes: readonly number[]): number[] {
	const sum = sizes.reduce((t, v) => t + v, 0);
	if (sum === 0 || total <= 0) return sizes.map(() => 0);
	const give = Math.min(total, sum);
	const exact = sizes.map((v) => (give * v) / sum);
	const out = exact.map(Math.floor);
	let left = give - out.reduce((t, v) => t + v, 0);
	const order = exact.map((v, i) => ({ i, r: v - Math.floor(v) })).sort((a, b) => b.r - a.r || a.i - b.i);
	for (const { i } of order) {
		if (left <= 0) break;
		if ((out[i] as number) < (sizes[i] as number)) {
			out[i] = (out[i] as number) + 1;
			left--;
		}
	}
	return out;
}

function build(candidates: readonly EngineCandidate[], lines: readonly EngineLine[]): Build {
	const lpMap = new Map<string, LineProfile>();
	for (const line of lines) {
		if (line.open <= 0) continue;
		const key = JSON.stringify(line.requirements);
		const lp = lpMap.get(key);
		if (lp) lp.open += line.open;
		else lpMap.set(key, { requirements: line.requirements, open: line.open });
	}
	const keys = [...lpMap.keys()].sort();
	const lps = keys.map((k) => lpMap.get(k) as LineProfile);
	const byOccupation = new Map<string, number[]>();
	lps.forEach((lp, l) => {
		byOccupation.set(lp.requirements.occupation, [...(byOccupation.get(lp.requirements.occupation) ?? []), l]);
	});
	// sets interned by key (renumbered in key order at the end)
	const setIds = new Map<string, number>();
	const setLists: number[][] = [];
	const intern = (list: number[]) => {
		const key = list.join(',');
		let id = setIds.get(key);
		if (id === undefined) {
			id = setLists.length;
			setIds.set(key, id);
			setLists.push(list);
		}
		return id;
	};
	// per capability group: the eligible set, and per seat the set eligible after it
	const capability = new Map<string, { set: number; seats: Map<string, number>; signature: string }>();
	const counts: number[] = [];
	const groups = new Map<string, Group>();
	for (const c of candidates) {
		let cap = capability.get(c.capabilityKey);
		if (!cap) {
			const servable = servableOccupations(c.facts.occupation).flatMap((o) => byOccupation.get(o) ?? []);
			const set = intern(servable.filter((l) => isEligible(c.facts, (lps[l] as LineProfile).requirements)).sort((a, b) => a - b));
			const seats = new Map<string, number>();
			for (const l of servable) {
				const seat = seatFor(c.facts, (lps[l] as LineProfile).requirements);
				if (!seat || seats.has(seatKey(seat))) continue;
				const after = trained(c.facts, seat);
				seats.set(
					seatKey(seat),
					intern(servable.filter((m) => isEligible(after, (lps[m] as LineProfile).requirements)).sort((a, b) => a - b)),
				);
			}
			const signature = `${set}/${[...seats]
				.map(([k, v]) => `${k}:${v}`)
				.sort()
				.join(';')}`;
			cap = { set, seats, signature };
			capability.set(c.capabilityKey, cap);
		}
		if (cap.seats.size === 0 && (setLists[cap.set] as number[]).length === 0) continue;
		counts[cap.set] = (counts[cap.set] ?? 0) + 1;
		if (cap.seats.size === 0) continue;
		const key = `${c.province}/${cap.signature}`;
		const group = groups.get(key);
		const member = { id: c.id, registered: c.registered };
		if (group) group.members.push(member);
		else groups.set(key, { province: c.province, set: cap.set, seats: cap.seats, members: [member] });
	}
	// deterministic whatever the order of the input: sets in key order, groups in the order of their content
	const setKeys = [...setIds.keys()].sort();
	const renumber = new Map(setKeys.map((k, i) => [setIds.get(k) as number, i]));
	const to = (id: number) => renumber.get(id) as number;
	const sets = setKeys.map((k) => setLists[setIds.get(k) as number] as number[]);
	const n = setKeys.map((k) => counts[setIds.get(k) as number] ?? 0);
	const out = [...groups.values()].map((g) => ({
		...g,
		set: to(g.set),
		seats: new Map([...g.seats].map(([k, v]) => [k, to(v)] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1))),
		members: g.members.sort(byRegistration),
	}));
	const groupKey = (g: Group) => `${g.province}/${g.set}/${[...g.seats].map(([k, v]) => `${k}:${v}`).join(';')}`;
	const sortedGroups = out.map((g) => ({ g, key: groupKey(g) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
	return { lps, sets, n, groups: sortedGroups.map((x) => x.g) };
}

/** The province groups merged where the plan model cannot tell them apart (see Merged). */
function merge(b: Build, seats: readonly SeatRow[]): Merged[] {
	const merged = new Map<string, Merged>();
	b.groups.forEach((group, g) => {
		const rows = new Map([...group.seats.keys()].map((k) => [k, seats.findIndex((r) => matches(r, group.province, seatOf(k)))] as const));
		const key = `${group.set}/${[...group.seats].map(([k, v]) => `${k}:${v}:${rows.get(k)}`).join(';')}`;
		const m = merged.get(key);
		if (m) {
			m.groups.push(g);
			m.n += group.members.length;
		} else merged.set(key, { set: group.set, seats: group.seats, rows, groups: [g], n: group.members.length });
	});
	return [...merged.keys()].sort().map((k) => merged.get(k) as Merged);
}

interface Fixed {
	/** per merged group, per seat key: candidates trained (the proportional baseline, or a rounded plan); null = the solver decides */
	t: Map<string, number>[] | null;
	/** no seats at all (the base fill), or no budget and no capacity (the upper bound) */
	mode: 'base' | 'plan' | 'fixed' | 'unbounded';
}

interface Solved {
	status: string;
	fill: number;
	/** no integer solution of the model fills more (its LP relaxation's); = fill when solved exactly */
	bound: number;
	/** per merged group and seat key: candidates trained */
	t: Map<string, number>[];
	/** per set: slots its candidates fill (untrained and trained) */
	flow: number[];
	rows: number;
	columns: number;
}

/**
 * The plan model on merged groups (the header's model, aggregated): one node per set of line
 * profiles, holding its untrained candidates and the trained ones whose set after the seat it is.
 *
 *   node X:  Σ_l y[l,X] + (seats given out of X) − Σ_{(G,k) → X} t[G,k] ≤ n_X
 *   group G with several seats: Σ_k t[G,k] ≤ w_G ≤ n_G, w_G given out of its set
 *
 * Without budget and exam rows every column has at most one +1 and one −1 (a flow: its LP
 * relaxation is integral); those rows make the plan a flow with side constraints.
 */
async function solveModel(
	b: Build,
	merged: readonly Merged[],
	bodies: readonly CertificationBody[],
	options: PlannerOptions,
	fixed: Fixed,
	epsilon: number,
	nearCandidates: number,
): Promise<Solved> {
	const { lps, sets } = b;
	// Built by index and handed to HiGHS as arrays (linear-model.ts), the text written only for an
	// integer program: the rows, bounds and generals in the order the LP text always had, so the
	// columns come in the same order and HiGHS solves the same model.
	const model = new LinearModelBuilder((v) => v.toPrecision(12));
	type Term = [variable: number, coef: number];
	type Row = { name: string; terms: Term[]; rhs?: number };
	const rows: Row[] = [];
	const bounds: [variable: number, lo: number, hi: number][] = [];
	const ints: number[] = [];
	const obj: Term[] = [];
	const withSeats = fixed.mode !== 'base';
	const fl = model.variables('fl', lps.length);
	// per set: the terms of its node row besides its y's
	const nodeTerms = sets.map(() => [] as Term[]);
	const fed = sets.map(() => false);
	const seatVars: { m: number; key: string; variable: number; seat: Seat; row: number }[] = [];
	if (withSeats)
		merged.forEach((group, m) => {
			const several = group.seats.size > 1;
			const w = several ? model.variable(`w${m}`) : -1;
			if (several) {
				(nodeTerms[group.set] as Term[]).push([w, 1]);
				bounds.push([w, 0, group.n]);
				ints.push(w);
			}
			const ts: Term[] = [];
			const first = model.variables(`t${m}_`, group.seats.size);
			[...group.seats].forEach(([key, after], k) => {
				const t = first + k;
				seatVars.push({ m, key, variable: t, seat: seatOf(key), row: group.rows.get(key) ?? -1 });
				ts.push([t, 1]);
				ints.push(t);
				if (!several) (nodeTerms[group.set] as Term[]).push([t, 1]);
				(nodeTerms[after] as Term[]).push([t, -1]);
				fed[after] = true;
				// a seat no budget row covers has no seats (not unlimited ones)
				const uncovered = fixed.mode === 'plan' && (group.rows.get(key) ?? -1) < 0;
				const given = fixed.t ? (fixed.t[m]?.get(key) ?? 0) : uncovered ? 0 : undefined;
				bounds.push(given !== undefined ? [t, given, given] : [t, 0, group.n]);
				if (fixed.mode !== 'fixed') obj.push([t, -epsilon]);
			});
			if (several) rows.push({ name: `grp${m}`, terms: [...ts, [w, -1]] });
		});
	const yOf = lps.map(() => [] as number[]);
	const yOfSet: number[][] = sets.map(() => []);
	sets.forEach((set, x) => {
		const terms = nodeTerms[x] as Term[];
		// a set nobody is in, now or after a seat, has no node
		const first = (b.n[x] ?? 0) > 0 || fed[x] ? model.variables(`y${x}_`, set.length) : -1;
		const ys = first < 0 ? [] : set.map((_, i) => first + i);
		ys.forEach((y, i) => {
			(yOf[set[i] as number] as number[]).push(y);
			ints.push(y);
		});
		yOfSet[x] = ys;
		if (ys.length || terms.length) rows.push({ name: `n${x}`, terms: [...ys.map((y): Term => [y, 1]), ...terms], rhs: b.n[x] ?? 0 });
	});
	lps.forEach((lp, l) => {
		rows.push({ name: `f${l}`, terms: [[fl + l, 1], ...(yOf[l] as number[]).map((y): Term => [y, -1])] });
		bounds.push([fl + l, 0, lp.open]);
		ints.push(fl + l);
	});
	if (fixed.mode === 'plan') {
		options.seats.forEach((row, r) => {
			const ts = seatVars.filter((v) => v.row === r).map((v): Term => [v.variable, 1]);
			if (ts.length) rows.push({ name: `seats${r}`, terms: ts, rhs: Math.max(0, Math.floor(row.seats)) });
		});
		// certification exams: each body assesses its schemes, for candidates of any province
		const demand = new Map<string, number[]>();
		for (const v of seatVars) if (v.seat.kind === 'certificate') demand.set(v.seat.code, [...(demand.get(v.seat.code) ?? []), v.variable]);
		const perBody = new Map<number, number[]>();
		let zCount = 0;
		for (const [scheme, ts] of [...demand].sort((a, b2) => (a[0] < b2[0] ? -1 : 1))) {
			const zs: number[] = [];
			bodies.forEach((body, i) => {
				if (!body.schemes.includes(scheme)) return;
				const z = model.variable(`z${zCount++}`);
				zs.push(z);
				perBody.set(i, [...(perBody.get(i) ?? []), z]);
				ints.push(z);
			});
			rows.push({ name: `exam${rows.length}`, terms: [...ts.map((t): Term => [t, 1]), ...zs.map((z): Term => [z, -1])] });
		}
		for (const [i, zs] of perBody) {
			const capacity = Math.floor((bodies[i] as CertificationBody).annualCapacity * options.capacityShare);
			rows.push({ name: `body${i}`, terms: zs.map((z): Term => [z, 1]), rhs: capacity });
		}
	}
	const objective: Term[] = [...lps.map((_, l): Term => [fl + l, 1]), ...obj];
	model.objective(
		objective.map(([v]) => v),
		objective.map(([, c]) => c),
		false,
	);
	if (!rows.length) model.row('none', [model.variable('dummy')], [1], '<=', 0);
	for (const row of rows) {
		model.row(
			row.name,
			row.terms.map(([v]) => v),
			row.terms.map(([, c]) => c),
			'<=',
			row.rhs ?? 0,
		);
	}
	for (const [v, lo, hi] of bounds) model.bound(v, lo, hi, false);
	for (const v of ints) model.general(v);
	const columns = ints.length;
	const lp = model.build(columns);
	const solver = await highs();
	const settings = { output_flag: false, time_limit: options.timeLimitSeconds, mip_rel_gap: 0 };
	// the LP relaxation first: integral, it is the integer optimum; its objective bounds the fill
	// (Σ f − ε Σ t, and ε Σ t < 1/2: no integer plan fills more than objective + ε · candidates)
	const relaxed = solveRelaxation(solver, lp, settings);
	const relaxedBound = relaxed.Status === 'Optimal' ? Math.floor(relaxed.ObjectiveValue + epsilon * nearCandidates + 1e-6) : Number.NaN;
	if (fixed.mode === 'plan' && relaxed.Status === 'Optimal' && !relaxed.integral && columns > options.exactColumns) {
		// Large: the relaxation's seats rounded down keep every budget row and every body's capacity
		// (each a ≤ row of seats; the exams of rounded-down seats still fit the bodies, a flow), and
		// with the seats held the rest is a flow again (the baseline's 'fixed' model). Each seat
		// rounded away costs at most one slot: the fill is at least the bound less those seats.
		const t = merged.map(() => new Map<string, number>());
		for (const v of seatVars) t[v.m]?.set(v.key, Math.floor(variableValue(lp, relaxed, v.variable) + 1e-6));
		const rounded = await solveModel(b, merged, bodies, options, { t, mode: 'fixed' }, epsilon, nearCandidates);
		return {
			...rounded,
			status: rounded.status === 'Optimal' ? 'Rounded' : rounded.status,
			bound: relaxedBound,
			rows: rows.length,
			columns,
		};
	}
	const solved: ModelSolution = relaxed.integral || relaxed.Status === 'Infeasible' ? relaxed : solver.solve(lp.text, settings as never);
	if (solved.Status !== 'Optimal' && solved.Status !== 'Time limit reached')
		throw new Error(`Training planner: the solver stopped with status ${solved.Status}`);
	const value = (v: number) => Math.round(variableValue(lp, solved, v));
	const t = merged.map(() => new Map<string, number>());
	for (const v of seatVars) t[v.m]?.set(v.key, value(v.variable));
	const fill = lps.reduce((s, _, l) => s + value(fl + l), 0);
	return {
		status: solved.Status,
		fill,
		bound: solved.Status === 'Optimal' ? fill : relaxedBound,
		t,
		flow: yOfSet.map((ys) => ys.reduce((s, y) => s + value(y), 0)),
		rows: rows.length,
		columns,
	};
}

/**
 * Slots the trained candidates of each merged group and seat fill in a solution, counting in each
 * set its untrained candidates first (the rest of its flow is the trained ones'). Summed, at least
 * the gain over the fill without seats: the untrained parts alone are a flow without seats.
 */
function trainedFlow(b: Build, merged: readonly Merged[], solved: Solved): Map<string, number>[] {
	const out = b.sets.map(() => 0);
	const feeders = b.sets.map(() => [] as { m: number; key: string; t: number }[]);
	merged.forEach((group, m) => {
		for (const [key, after] of group.seats) {
			const t = solved.t[m]?.get(key) ?? 0;
			out[group.set] = (out[group.set] as number) + t;
			if (t > 0) (feeders[after] as { m: number; key: string; t: number }[]).push({ m, key, t });
		}
	});
	const flow = merged.map(() => new Map<string, number>());
	feeders.forEach((list, x) => {
		if (!list.length) return;
		const untrained = (b.n[x] ?? 0) - (out[x] as number);
		const used = Math.max(0, (solved.flow[x] ?? 0) - untrained);
		const shares = proportional(
			used,
			list.map((f) => f.t),
		);
		list.forEach((f, i) => {
			flow[f.m]?.set(f.key, shares[i] as number);
		});
	});
	return flow;
}

/**
 * The plan's seats of each merged group handed to its members, longest waiting first (seat keys
 * in order): per province group and seat key, candidates trained.
 */
function handOut(b: Build, merged: readonly Merged[], t: readonly Map<string, number>[]): Map<string, number>[] {
	const out = b.groups.map(() => new Map<string, number>());
	merged.forEach((group, m) => {
		const total = [...(t[m]?.values() ?? [])].reduce((s, v) => s + v, 0);
		if (total === 0) return;
		const members = group.groups.flatMap((g) => (b.groups[g] as Group).members.map((member) => ({ ...member, g }))).sort(byRegistration);
		let next = 0;
		for (const key of group.seats.keys()) {
			for (let i = 0; i < (t[m]?.get(key) ?? 0); i++) {
				const member = members[next++];
				if (!member) break;
				const got = out[member.g] as Map<string, number>;
				got.set(key, (got.get(key) ?? 0) + 1);
			}
		}
	});
	return out;
}

/**
 * The proportional baseline's seats: each budget row's seats split over the gaps it covers
 * (province × seat kind; size = near-miss candidates of the province who need that seat) in
 * proportion to their size; within a gap, groups by longest waiting first; certificate exams then
 * taken greedily from the bodies of the scheme (the candidates' own province first, then the body
 * with most left). Returns per province group and seat key the candidates trained, and per gap the seats given.
 */
function proportionalSeats(
	b: Build,
	bodies: readonly CertificationBody[],
	options: PlannerOptions,
): { t: Map<string, number>[]; allocated: Map<string, number> } {
	const gaps = new Map<string, number[]>();
	b.groups.forEach((group, g) => {
		for (const key of group.seats.keys()) {
			const gap = `${group.province}|${key}`;
			gaps.set(gap, [...(gaps.get(gap) ?? []), g]);
		}
	});
	const gapKeys = [...gaps.keys()].sort();
	const size = (gap: string) => (gaps.get(gap) as number[]).reduce((s, g) => s + (b.groups[g] as Group).members.length, 0);
	const left = b.groups.map((group) => group.members.length);
	const allocated = new Map<string, number>();
	const t = b.groups.map(() => new Map<string, number>());
	const capacity = bodies.map((body) => Math.floor(body.annualCapacity * options.capacityShare));
	for (const row of options.seats) {
		const covered = gapKeys.filter((gap) => {
			const [province, ...rest] = gap.split('|');
			return matches(row, province as string, seatOf(rest.join('|')));
		});
		const shares = proportional(
			Math.max(0, Math.floor(row.seats)),
			covered.map((gap) => Math.max(0, size(gap) - (allocated.get(gap) ?? 0))),
		);
		covered.forEach((gap, i) => {
			const seats = shares[i] as number;
			if (seats <= 0) return;
			allocated.set(gap, (allocated.get(gap) ?? 0) + seats);
			const [province, ...rest] = gap.split('|');
			const key = rest.join('|');
			const seat = seatOf(key);
			let want = seats;
			const registered = (g: number) => ((b.groups[g] as Group).members[0] as Member).registered;
			const members = [...(gaps.get(gap) as number[])].sort((x, y) =>
				registered(x) < registered(y) ? -1 : registered(x) > registered(y) ? 1 : x - y,
			);
			for (const g of members) {
				if (want <= 0) break;
				let take = Math.min(want, left[g] as number);
				if (seat.kind === 'certificate') {
					// exams: the bodies of the scheme, own province first, then the one with most left
					const order = bodies
						.map((body, i2) => ({ body, i: i2 }))
						.filter((x) => x.body.schemes.includes(seat.code))
						.sort(
							(x, y) =>
								Number(y.body.province === province) - Number(x.body.province === province) ||
								(capacity[y.i] as number) - (capacity[x.i] as number) ||
								x.i - y.i,
						);
					let got = 0;
					for (const { i: bi } of order) {
						const use = Math.min(take - got, capacity[bi] as number);
						capacity[bi] = (capacity[bi] as number) - use;
						got += use;
						if (got >= take) break;
					}
					take = got;
				}
				if (take <= 0) continue;
				t[g]?.set(key, (t[g]?.get(key) ?? 0) + take);
				left[g] = (left[g] as number) - take;
				want -= take;
			}
		});
	}
	return { t, allocated };
}

/** Waiting candidates one certificate or language level away from an open line. */
export function nearCandidates(candidates: readonly EngineCandidate[], lines: readonly EngineLine[]): number {
	return build(candidates, lines).groups.reduce((s, g) => s + g.members.length, 0);
}

export async function planTraining(
	candidates: readonly EngineCandidate[],
	lines: readonly EngineLine[],
	bodies: readonly CertificationBody[],
	partial: Partial<PlannerOptions> = {},
): Promise<PlanResult> {
	const started = performance.now();
	const b = build(candidates, lines);
	const nearCandidates = b.groups.reduce((s, g) => s + g.members.length, 0);
	const options: PlannerOptions = {
		seats: partial.seats ?? defaultSeats(nearCandidates),
		capacityShare: partial.capacityShare ?? DEFAULT_CAPACITY_SHARE,
		timeLimitSeconds: partial.timeLimitSeconds ?? 120,
		exactColumns: partial.exactColumns ?? DEFAULT_OPTIONS.exactColumns,
	};
	// budget rows are separate pools: a province's seat of one kind may match only one row
	for (const group of b.groups)
		for (const key of group.seats.keys()) {
			const n = options.seats.filter((r) => matches(r, group.province, seatOf(key))).length;
			if (n > 1) throw new Error(`Training planner: ${n} budget rows cover province ${group.province}, seat ${key}; rows must not overlap`);
		}
	const merged = merge(b, options.seats);
	// ε below 1 / (seats + 1): the fewest seats never costs a fillable slot
	const epsilon = 1 / (2 * (nearCandidates + 1));
	const solve = (fixed: Fixed) => solveModel(b, merged, bodies, options, fixed, epsilon, nearCandidates);
	const base = await solve({ t: null, mode: 'base' });
	const plan = await solve({ t: null, mode: 'plan' });
	const upper = await solve({ t: null, mode: 'unbounded' });
	const prop = proportionalSeats(b, bodies, options);
	// the baseline's seats per merged group (the model's unit), from its seats per province group
	const propMerged = merged.map((group) => {
		const t = new Map<string, number>();
		for (const g of group.groups) for (const [key, v] of prop.t[g] ?? []) t.set(key, (t.get(key) ?? 0) + v);
		return t;
	});
	const fixed = await solve({ t: propMerged, mode: 'fixed' });

	// per province group and seat: candidates trained, and the slots they fill (a merged group's
	// share split over its province groups in proportion to the candidates each had trained)
	const perGroup = (t: readonly Map<string, number>[], solved: Solved) => {
		const flow = trainedFlow(b, merged, solved);
		const slots = b.groups.map(() => new Map<string, number>());
		merged.forEach((group, m) => {
			for (const key of group.seats.keys()) {
				const shares = proportional(
					flow[m]?.get(key) ?? 0,
					group.groups.map((g) => t[g]?.get(key) ?? 0),
				);
				group.groups.forEach((g, i) => {
					slots[g]?.set(key, shares[i] as number);
				});
			}
		});
		return slots;
	};
	const planT = handOut(b, merged, plan.t);
	const planSlots = perGroup(planT, plan);
	const propSlots = perGroup(prop.t, fixed);

	const out = new Map<string, PlanRow>();
	const row = (province: string, key: string) => {
		const k = `${province}|${key}`;
		let r = out.get(k);
		if (!r) {
			const seat = seatOf(key);
			r = {
				province,
				kind: seat.kind,
				code: seat.code,
				level: seat.level,
				plan: { seats: 0, candidates: 0, slots: 0 },
				proportional: { seats: 0, candidates: 0, slots: 0 },
			};
			out.set(k, r);
		}
		return r;
	};
	b.groups.forEach((group, g) => {
		for (const key of group.seats.keys()) {
			const pt = planT[g]?.get(key) ?? 0;
			const pf = planSlots[g]?.get(key) ?? 0;
			const qt = prop.t[g]?.get(key) ?? 0;
			const qf = propSlots[g]?.get(key) ?? 0;
			if (pt + pf + qt + qf === 0) continue;
			const r = row(group.province, key);
			r.plan.seats += pt;
			r.plan.candidates += pt;
			r.plan.slots += pf;
			r.proportional.candidates += qt;
			r.proportional.slots += qf;
		}
	});
	// The gain is shared over the rows in proportion to the slots their trained candidates fill in
	// the solution: that flow can exceed the gain (a trained candidate takes a line from an eligible
	// one, who moves to a line only the trained could not fill), so it is no additive measure itself.
	const rowList = [...out.values()];
	const share = (side: 'plan' | 'proportional', gain: number) => {
		const shares = proportional(
			gain,
			rowList.map((r) => r[side].slots),
		);
		rowList.forEach((r, i) => {
			r[side].slots = shares[i] as number;
		});
	};
	share('plan', plan.fill - base.fill);
	share('proportional', fixed.fill - base.fill);
	for (const [gap, seats] of prop.allocated) {
		const [province, ...rest] = gap.split('|');
		row(province as string, rest.join('|')).proportional.seats += seats;
	}
	const statuses = [base, plan, upper, fixed].map((s) => s.status);
	return {
		baseFillable: base.fill,
		planFillable: plan.fill,
		planBound: Number.isFinite(plan.bound) ? Math.max(plan.fill, plan.bound) : plan.fill,
		proportionalFillable: fixed.fill,
		upperBoundFillable: upper.fill,
		nearCandidates,
		budget: options.seats.reduce((s, r) => s + Math.max(0, Math.floor(r.seats)), 0),
		seats: [...options.seats],
		capacityShare: options.capacityShare,
		rows: [...out.values()].sort((x, y) =>
			x.province !== y.province ? (x.province < y.province ? -1 : 1) : seatKey(x) < seatKey(y) ? -1 : 1,
		),
		status: statuses.find((s) => s !== 'Optimal') ?? 'Optimal',
		seconds: (performance.now() - started) / 1000,
		size: { groups: merged.length, variables: plan.columns, constraints: plan.rows },
	};
}

/** Slots made fillable per seat used (candidates trained); 0 when no seat was used. */
export function perSeat(slots: number, seats: number): number {
	return seats > 0 ? slots / seats : 0;
}
