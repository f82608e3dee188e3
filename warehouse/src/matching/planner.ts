/**
 * The training and certification planner (issue #15 §3): given seats (language courses per
 * language and level, certification exams per scheme) for the whole country or per province, and
 * the capacity of the certification bodies, which of the candidates one requirement away from the
 * open lines to train so that the most open slots become fillable — solved exactly with HiGHS (the
 * engine's solver, `highs()` and `solveInteger()` of engine.ts) — against the baseline of seats
 * given in proportion to each gap's size. docs/matching.md "Training planner".
 *
 * Near miss: a waiting candidate who meets every requirement of an open line but one, and that one
 * is a certificate (a seat of kind `certificate`, code = the scheme) or a language level (kind
 * `language`, code = the language, level = the line's level). Other requirements (occupation,
 * destination, education, experience, gender, age) are not trainable here. A trained candidate's
 * facts get the certificate (or the language at that level), and the one eligibility
 * (`isEligible`, eligibility.ts) decides every line they are then eligible for.
 *
 * Model, on groups of interchangeable candidates (same origin province and the same eligible
 * line profiles before and after each possible seat):
 *
 *   y[l,s] ≥ 0 integer   candidates of supply node s counted towards line profile l (eligible pairs)
 *   f[l]   ≥ 0 integer   slots of l fillable,  f[l] ≤ open_l,  f[l] ≤ Σ_s y[l,s]
 *   t[g,k] ≥ 0 integer   candidates of near-miss group g given a seat of kind k
 *   Σ_l y[l,g] + Σ_k t[g,k] ≤ n_g       (untrained members of g)
 *   Σ_l y[l,(g,k)] ≤ t[g,k]             (trained members)
 *   Σ_{g,k matching row r} t[g,k] ≤ seats_r           (each seat row: national or a province, a kind or all)
 *   Σ_b z[b,p,s] ≥ Σ_{g of province p} t[g,(certificate,s)];  Σ_{p,s} z[b,p,s] ≤ capacity_b
 *                                        (exams of scheme s taken by candidates of p at body b, any province)
 *   maximise Σ f − ε Σ t   (ε < 1 / (candidates + 1): the most fillable slots, then the fewest seats)
 *
 * Slots made fillable = Σ f minus the fill without any seat (the same model, t = 0: the engine's
 * optimum without fairness). Per province and kind, that gain is shared in proportion to the slots
 * the trained candidates of the row fill in the solution (largest remainder, so the rows add up to
 * the gain): the trained flow itself can exceed the gain — a trained candidate may take a line from
 * an eligible one, who moves to a line no trained candidate could fill (two seats, one slot more).
 * The proportional baseline fixes t (each gap's seats in proportion to its size, within a gap the
 * longest waiting first, certification capacity taken greedily) and maximises Σ f − ε Σ (trained
 * flow), its rows shared the same way.
 */
import { type CandidateFacts, isEligible, type LineRequirements, servableOccupations, unmetRequirements } from './eligibility.ts';
import {
	DEFAULT_OPTIONS,
	type EngineCandidate,
	type EngineLine,
	type HighsSolution,
	highs,
	primal,
	solveInteger,
	solveRelaxation,
} from './engine.ts';

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

interface Node {
	/** line profiles its members are eligible for */
	lps: number[];
	n: number;
}

interface Group extends Node {
	province: string;
	/** earliest registration of a member: the proportional baseline trains the longest waiting first */
	registered: string;
	/** per seat key, the line profiles eligible after that seat */
	seats: Map<string, number[]>;
}

const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(12));

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

interface Build {
	lps: LineProfile[];
	nodes: Node[];
	groups: Group[];
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
	// per capability group: eligible line profiles, and per seat the line profiles eligible after it
	const capability = new Map<string, { lps: number[]; seats: Map<string, number[]> }>();
	const nodes = new Map<string, Node>();
	const groups = new Map<string, Group>();
	for (const c of candidates) {
		let cap = capability.get(c.capabilityKey);
		if (!cap) {
			const servable = servableOccupations(c.facts.occupation).flatMap((o) => byOccupation.get(o) ?? []);
			const eligible = servable.filter((l) => isEligible(c.facts, (lps[l] as LineProfile).requirements)).sort((a, b) => a - b);
			const seats = new Map<string, number[]>();
			for (const l of servable) {
				const seat = seatFor(c.facts, (lps[l] as LineProfile).requirements);
				if (!seat || seats.has(seatKey(seat))) continue;
				const after = trained(c.facts, seat);
				seats.set(
					seatKey(seat),
					servable.filter((m) => isEligible(after, (lps[m] as LineProfile).requirements)).sort((a, b) => a - b),
				);
			}
			cap = { lps: eligible, seats };
			capability.set(c.capabilityKey, cap);
		}
		if (cap.seats.size === 0) {
			if (cap.lps.length === 0) continue;
			const key = cap.lps.join(',');
			const node = nodes.get(key);
			if (node) node.n++;
			else nodes.set(key, { lps: cap.lps, n: 1 });
			continue;
		}
		const key = `${c.province}/${cap.lps.join(',')}/${[...cap.seats]
			.map(([k, v]) => `${k}:${v.join(',')}`)
			.sort()
			.join(';')}`;
		const group = groups.get(key);
		if (group) {
			group.n++;
			if (c.registered < group.registered) group.registered = c.registered;
		} else groups.set(key, { province: c.province, lps: cap.lps, n: 1, registered: c.registered, seats: cap.seats });
	}
	const sorted = <T>(m: Map<string, T>) => [...m.keys()].sort().map((k) => m.get(k) as T);
	return { lps, nodes: sorted(nodes), groups: sorted(groups) };
}

interface Fixed {
	/** per group, per seat key: candidates trained (the proportional baseline); null = the solver decides */
	t: Map<string, number>[] | null;
	/** no seats at all (the base fill), or no budget and no capacity (the upper bound) */
	mode: 'base' | 'plan' | 'fixed' | 'unbounded';
}

interface Solved {
	status: string;
	fill: number;
	/** per group and seat key: trained, and trained flow */
	t: Map<string, number>[];
	flow: Map<string, number>[];
	rows: number;
	columns: number;
}

async function solveModel(
	b: Build,
	bodies: readonly CertificationBody[],
	options: PlannerOptions,
	fixed: Fixed,
	epsilon: number,
): Promise<Solved> {
	const { lps, nodes, groups } = b;
	const rows: string[] = [];
	const bounds: string[] = [];
	const ints: string[] = [];
	const obj: string[] = [];
	const yOf = new Map<number, string[]>();
	let yCount = 0;
	const y = (l: number) => {
		const name = `y${yCount++}`;
		yOf.set(l, [...(yOf.get(l) ?? []), name]);
		ints.push(name);
		return name;
	};
	nodes.forEach((node, s) => {
		const ys = node.lps.map((l) => y(l));
		if (ys.length) rows.push(` n${s}: ${ys.join(' + ')} <= ${node.n}`);
	});
	const tName = (g: number, k: number) => `t${g}_${k}`;
	const trainedY: { g: number; key: string; names: string[] }[] = [];
	const seatVars: { g: number; key: string; name: string; seat: Seat; province: string }[] = [];
	groups.forEach((group, g) => {
		const ys = group.lps.map((l) => y(l));
		const ts: string[] = [];
		if (fixed.mode !== 'base') {
			[...group.seats.keys()].forEach((key, k) => {
				const after = group.seats.get(key) as number[];
				const name = tName(g, k);
				const yt = after.map((l) => y(l));
				trainedY.push({ g, key, names: yt });
				seatVars.push({ g, key, name, seat: seatOf(key), province: group.province });
				ts.push(name);
				ints.push(name);
				if (yt.length) rows.push(` tr${g}_${k}: ${yt.join(' + ')} - ${name} <= 0`);
				const given = fixed.t ? (fixed.t[g]?.get(key) ?? 0) : undefined;
				if (given !== undefined) bounds.push(` ${given} <= ${name} <= ${given}`);
				else bounds.push(` 0 <= ${name} <= ${group.n}`);
				if (fixed.mode === 'fixed') obj.push(...yt.map((v) => `- ${num(epsilon)} ${v}`));
				else obj.push(`- ${num(epsilon)} ${name}`);
			});
		}
		if (ys.length || ts.length) rows.push(` g${g}: ${[...ys, ...ts].join(' + ')} <= ${group.n}`);
	});
	lps.forEach((lp, l) => {
		const ys = yOf.get(l) ?? [];
		rows.push(` f${l}: fl${l}${ys.map((v) => ` - ${v}`).join('')} <= 0`);
		bounds.push(` 0 <= fl${l} <= ${lp.open}`);
		ints.push(`fl${l}`);
	});
	if (fixed.mode === 'plan') {
		options.seats.forEach((row, r) => {
			const ts = seatVars.filter((v) => matches(row, v.province, v.seat)).map((v) => v.name);
			if (ts.length) rows.push(` seats${r}: ${ts.join(' + ')} <= ${Math.max(0, Math.floor(row.seats))}`);
		});
		// certification exams: each body assesses its schemes, for candidates of any province
		const demand = new Map<string, string[]>();
		for (const v of seatVars) {
			if (v.seat.kind !== 'certificate') continue;
			const key = `${v.province}|${v.seat.code}`;
			demand.set(key, [...(demand.get(key) ?? []), v.name]);
		}
		const perBody = new Map<number, string[]>();
		let zCount = 0;
		for (const [key, ts] of [...demand].sort((a, b2) => (a[0] < b2[0] ? -1 : 1))) {
			const scheme = key.split('|')[1] as string;
			const zs: string[] = [];
			bodies.forEach((body, i) => {
				if (!body.schemes.includes(scheme)) return;
				const name = `z${zCount++}`;
				zs.push(name);
				perBody.set(i, [...(perBody.get(i) ?? []), name]);
				ints.push(name);
			});
			rows.push(` exam${rows.length}: ${ts.join(' + ')}${zs.map((z) => ` - ${z}`).join('')} <= 0`);
		}
		for (const [i, zs] of perBody) {
			const capacity = Math.floor((bodies[i] as CertificationBody).annualCapacity * options.capacityShare);
			rows.push(` body${i}: ${zs.join(' + ')} <= ${capacity}`);
		}
	}
	const text = [
		'Maximize',
		` obj: ${lps.map((_, l) => `fl${l}`).join(' + ') || '0 dummy'}${obj.length ? ` ${obj.join(' ')}` : ''}`,
		'Subject To',
		...(rows.length ? rows : [' none: dummy <= 0']),
		'Bounds',
		...bounds,
		'Generals',
		...Array.from({ length: Math.ceil(ints.length / 50) }, (_, i) => ` ${ints.slice(i * 50, i * 50 + 50).join(' ')}`),
		'End',
	].join('\n');
	const solver = await highs();
	const settings = { output_flag: false, time_limit: options.timeLimitSeconds, mip_rel_gap: 0 };
	let relaxed: (HighsSolution & { integral: boolean }) | null = null;
	if (fixed.mode === 'plan' && ints.length > options.exactColumns) {
		// Large (national: 1.97 M columns × 126 k rows, where the MIP found nothing in its time
		// limit): the relaxation's seats rounded down keep every budget and capacity row (each is a
		// ≤ row of seats, and the exams of floored seats still fit the bodies: a flow), and with the
		// seats held the rest is a flow again — the baseline's 'fixed' model. It fills at most the
		// relaxation's slots fewer than the seats rounded away.
		relaxed = solveRelaxation(solver, text, settings);
		if (relaxed.Status === 'Optimal' && !relaxed.integral) {
			const t = groups.map(() => new Map<string, number>());
			for (const v of seatVars) t[v.g]?.set(v.key, Math.floor(primal(relaxed as HighsSolution, v.name) + 1e-6));
			const rounded = await solveModel(b, bodies, options, { t, mode: 'fixed' }, epsilon);
			return { ...rounded, status: rounded.status === 'Optimal' ? 'Rounded' : rounded.status, rows: rows.length, columns: ints.length };
		}
	}
	// an integral relaxation solved above is the integer optimum already (solveInteger would solve it again)
	const solved: HighsSolution = relaxed?.integral ? relaxed : solveInteger(solver, text, settings);
	if (solved.Status !== 'Optimal' && solved.Status !== 'Time limit reached')
		throw new Error(`Training planner: the solver stopped with status ${solved.Status}`);
	const value = (name: string) => Math.round((solved.Columns[name] as { Primal?: number } | undefined)?.Primal ?? 0);
	const t = groups.map(() => new Map<string, number>());
	const flow = groups.map(() => new Map<string, number>());
	for (const v of seatVars) t[v.g]?.set(v.key, value(v.name));
	for (const v of trainedY)
		flow[v.g]?.set(
			v.key,
			v.names.reduce((s, n) => s + value(n), 0),
		);
	return {
		status: solved.Status,
		fill: lps.reduce((s, _, l) => s + value(`fl${l}`), 0),
		t,
		flow,
		rows: rows.length,
		columns: ints.length,
	};
}

/**
 * The proportional baseline's seats: each budget row's seats split over the gaps it covers
 * (province × seat kind; size = near-miss candidates of the province who need that seat) in
 * proportion to their size; within a gap, groups by longest waiting first; certificate exams then
 * taken greedily from the bodies of the scheme (the candidates' own province first, then the body
 * with most left). Returns per group and seat key the candidates trained, and per gap the seats given.
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
	const size = (gap: string) => (gaps.get(gap) as number[]).reduce((s, g) => s + (b.groups[g] as Group).n, 0);
	const left = b.groups.map((group) => group.n);
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
			const registered = (g: number) => (b.groups[g] as Group).registered;
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
	return build(candidates, lines).groups.reduce((s, g) => s + g.n, 0);
}

export async function planTraining(
	candidates: readonly EngineCandidate[],
	lines: readonly EngineLine[],
	bodies: readonly CertificationBody[],
	partial: Partial<PlannerOptions> = {},
): Promise<PlanResult> {
	const started = performance.now();
	const b = build(candidates, lines);
	const nearCandidates = b.groups.reduce((s, g) => s + g.n, 0);
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
	// ε below 1 / (seats + 1): the fewest seats (or trained flow) never costs a fillable slot
	const epsilon = 1 / (2 * (nearCandidates + 1));
	const base = await solveModel(b, bodies, options, { t: null, mode: 'base' }, epsilon);
	const plan = await solveModel(b, bodies, options, { t: null, mode: 'plan' }, epsilon);
	const upper = await solveModel(b, bodies, options, { t: null, mode: 'unbounded' }, epsilon);
	const prop = proportionalSeats(b, bodies, options);
	const fixed = await solveModel(b, bodies, options, { t: prop.t, mode: 'fixed' }, epsilon);

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
			const planT = plan.t[g]?.get(key) ?? 0;
			const planFlow = plan.flow[g]?.get(key) ?? 0;
			const propT = fixed.t[g]?.get(key) ?? 0;
			const propFlow = fixed.flow[g]?.get(key) ?? 0;
			if (planT + planFlow + propT + propFlow === 0) continue;
			const r = row(group.province, key);
			r.plan.seats += planT;
			r.plan.candidates += planT;
			r.plan.slots += planFlow;
			r.proportional.candidates += propT;
			r.proportional.slots += propFlow;
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
		size: { groups: b.groups.length, variables: plan.columns, constraints: plan.rows },
	};
}

/** Slots made fillable per seat used (candidates trained); 0 when no seat was used. */
export function perSeat(slots: number, seats: number): number {
	return seats > 0 ? slots / seats : 0;
}
