import { describe, expect, it } from 'vitest';
import { lcg } from '../../../tests/support/lcg.ts';
import type { CandidateFacts, LineRequirements } from './eligibility.ts';
import { isEligible, unmetRequirements } from './eligibility.ts';
import type { EngineCandidate, EngineLine } from './engine.ts';
import {
	type CertificationBody,
	type PlanResult,
	perSeat,
	planTraining,
	proportional,
	type Seat,
	type SeatRow,
	seatFor,
	trained,
} from './planner.ts';

const base: LineRequirements = {
	occupation: '5321',
	country: 'JP',
	certificate: '',
	language: '',
	languageLevel: 0,
	educationRank: 0,
	experienceYears: 0,
	gender: 'any',
	ageMin: 0,
	ageMax: 0,
};
const facts = (patch: Partial<CandidateFacts> = {}): CandidateFacts => ({
	occupation: '5321',
	countries: ['*'],
	certificates: [],
	languages: new Map(),
	educationRank: 3,
	experienceYears: 0,
	gender: 'F',
	age: 30,
	...patch,
});
const line = (id: string, open: number, patch: Partial<LineRequirements> = {}): EngineLine => ({
	id,
	issued: '2026-01-01',
	sector: 'health',
	open,
	wageUsd: 1000,
	requirements: { ...base, ...patch },
});
const candidate = (id: string, f: CandidateFacts, province = '52', registered = '2025-01-01'): EngineCandidate => ({
	id,
	registered,
	province,
	gender: f.gender,
	educationRank: f.educationRank,
	preferredCountries: [],
	capabilityKey: JSON.stringify({ ...f, languages: [...f.languages] }),
	facts: f,
});
const national = (seats: number): SeatRow[] => [{ province: '*', kind: '*', code: '*', seats }];
const body = (code: string, schemes: string[], annualCapacity = 1000, province = '31'): CertificationBody => ({
	code,
	province,
	annualCapacity,
	schemes,
});
const seatKeyOf = (s: Pick<Seat, 'kind' | 'code' | 'level'> | null) => (s ? `${s.kind}|${s.code}|${s.level}` : '');
const total = (r: PlanResult, side: 'plan' | 'proportional', what: 'seats' | 'candidates' | 'slots') =>
	r.rows.reduce((s, row) => s + row[side][what], 0);

/** A seeded case: three occupations, two certificates, two languages, three provinces, two bodies. */
const variedCase = (first = 7, size = { lines: 12, candidates: 60 }) => {
	const rand = lcg(first);
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
	const lines = Array.from({ length: size.lines }, (_, i) =>
		line(`L${i}`, 1 + Math.floor(rand() * 4), {
			occupation: pick(['5321', '5322', '7212']),
			certificate: pick(['', 'caregiver', 'welder_smaw']),
			language: pick(['', 'ja', 'ko']),
			languageLevel: 1 + Math.floor(rand() * 4),
			educationRank: pick([0, 3]),
		}),
	);
	const candidates = Array.from({ length: size.candidates }, (_, i) =>
		candidate(
			`c${i}`,
			facts({
				occupation: pick(['5321', '5322', '7212']),
				certificates: rand() < 0.3 ? [pick(['caregiver', 'welder_smaw'])] : [],
				languages: new Map(rand() < 0.5 ? [[pick(['ja', 'ko']), Math.floor(rand() * 5)]] : []),
				educationRank: pick([2, 3, 4]),
			}),
			pick(['52', '61', '35']),
			`2025-${String(1 + Math.floor(rand() * 9)).padStart(2, '0')}-01`,
		),
	);
	const bodies = [body('B1', ['caregiver'], 12, '35'), body('B2', ['welder_smaw', 'caregiver'], 20, '31')];
	return { lines, candidates, bodies };
};

/**
 * The most slots fillable by candidates one by one: a maximum matching of people to open slots
 * (augmenting paths), `eligible[p][l]` whether person p is eligible for line l.
 */
const maxFill = (eligible: readonly (readonly boolean[])[], open: readonly number[]): number => {
	const holders = open.map(() => [] as number[]);
	const augment = (p: number, seen: boolean[]): boolean => {
		for (let l = 0; l < open.length; l++) {
			if (seen[l] || !eligible[p]?.[l]) continue;
			seen[l] = true;
			const held = holders[l] as number[];
			if (held.length < (open[l] as number)) {
				held.push(p);
				return true;
			}
			for (let i = 0; i < held.length; i++)
				if (augment(held[i] as number, seen)) {
					held[i] = p;
					return true;
				}
		}
		return false;
	};
	let fill = 0;
	for (let p = 0; p < eligible.length; p++)
		if (
			augment(
				p,
				open.map(() => false),
			)
		)
			fill++;
	return fill;
};

/**
 * The exact plan by trying every allocation: each candidate one training away gets no seat or one
 * of the seats that close a line for them, within the national budget and the exams the bodies can
 * assess (Hall's condition over the schemes); the most slots fillable by candidates one by one.
 * With `everyone`, each of them gets a seat (a seat only adds lines: the upper bound).
 */
const exhaustivePlan = (
	candidates: readonly EngineCandidate[],
	lines: readonly EngineLine[],
	bodies: readonly CertificationBody[],
	budget: number,
	capacityShare: number,
	everyone = false,
): number => {
	const open = lines.filter((l) => l.open > 0);
	// per candidate: no seat, then each seat that closes a line; with each, the lines eligible for
	const options = candidates.map((c) => {
		const seats = new Map<string, Seat>();
		for (const l of open) {
			const seat = seatFor(c.facts, l.requirements);
			if (seat) seats.set(seatKeyOf(seat), seat);
		}
		return [null, ...seats.values()].map((seat) => {
			const after = seat ? trained(c.facts, seat) : c.facts;
			return { seat, eligible: open.map((l) => isEligible(after, l.requirements)) };
		});
	});
	const capacity = bodies.map((b) => Math.floor(b.annualCapacity * capacityShare));
	const examsFit = (chosen: readonly number[]) => {
		const demand = new Map<string, number>();
		chosen.forEach((o, i) => {
			const seat = options[i]?.[o]?.seat;
			if (seat?.kind === 'certificate') demand.set(seat.code, (demand.get(seat.code) ?? 0) + 1);
		});
		const schemes = [...demand.keys()];
		for (let mask = 1; mask < 1 << schemes.length; mask++) {
			const subset = schemes.filter((_, i) => mask & (1 << i));
			const need = subset.reduce((t, s) => t + (demand.get(s) ?? 0), 0);
			const can = bodies.reduce((t, b, i) => t + (b.schemes.some((s) => subset.includes(s)) ? (capacity[i] as number) : 0), 0);
			if (need > can) return false;
		}
		return true;
	};
	let best = 0;
	const chosen = candidates.map(() => 0);
	const walk = (i: number, used: number) => {
		if (i === candidates.length) {
			if (examsFit(chosen))
				best = Math.max(
					best,
					maxFill(
						chosen.map((o, j) => options[j]?.[o]?.eligible ?? []),
						open.map((l) => l.open),
					),
				);
			return;
		}
		const choices = (options[i] as unknown[]).length;
		if (!everyone || choices === 1) walk(i + 1, used);
		if (used >= budget) return;
		for (let o = 1; o < choices; o++) {
			chosen[i] = o;
			walk(i + 1, used + 1);
			chosen[i] = 0;
		}
	};
	walk(0, 0);
	return best;
};

describe('training planner', () => {
	it('a seat unlocks a line only for a candidate missing exactly the requirement it trains', async () => {
		const lines = [line('L1', 2, { certificate: 'caregiver', language: 'ja', languageLevel: 3 })];
		const candidates = [
			candidate('near', facts({ languages: new Map([['ja', 3]]) })), // misses the certificate only
			candidate('far', facts()), // misses the certificate and the language
			candidate('elsewhere', facts({ languages: new Map([['ja', 3]]), countries: ['TW'] })), // misses the certificate and the destination
		];
		// expected from the case: the candidates with exactly one unmet requirement, and it trainable
		const near = candidates.filter((c) => seatFor(c.facts, lines[0]!.requirements) !== null);
		expect(near.map((c) => c.id)).toEqual(['near']);
		const r = await planTraining(candidates, lines, [body('B1', ['caregiver'])], { seats: national(5) });
		expect(r.nearCandidates).toBe(near.length);
		expect(r.baseFillable).toBe(candidates.filter((c) => isEligible(c.facts, lines[0]!.requirements)).length);
		expect(r.planFillable - r.baseFillable).toBe(Math.min(near.length, 2));
		expect(r.rows).toEqual([
			{
				province: '52',
				kind: 'certificate',
				code: 'caregiver',
				level: 0,
				plan: { seats: near.length, candidates: near.length, slots: near.length },
				proportional: { seats: near.length, candidates: near.length, slots: near.length },
			},
		]);
	});

	it('a language course raises the level: it unlocks lines up to that level, not above', async () => {
		const lines = [line('L3', 1, { language: 'ja', languageLevel: 3 }), line('L5', 1, { language: 'ja', languageLevel: 5 })];
		const c = candidate('c', facts({ languages: new Map([['ja', 2]]) }));
		const r = await planTraining([c], lines, [], { seats: national(1) });
		// one seat, one candidate: at most one slot; the course to level 3 or to 5 both make one fillable
		expect(r.planFillable - r.baseFillable).toBe(1);
		expect(total(r, 'plan', 'seats')).toBe(1);
		const seat = r.rows.find((row) => row.plan.seats > 0)!;
		expect(seat.kind).toBe('language');
		expect(lines.some((l) => l.requirements.languageLevel === seat.level)).toBe(true);
	});

	it('the capacity of certification bodies binds', async () => {
		const lines = [line('L1', 10, { certificate: 'caregiver' })];
		const candidates = Array.from({ length: 6 }, (_, i) => candidate(`c${i}`, facts(), i < 3 ? '61' : '52'));
		const bodies = [body('B1', ['caregiver'], 8, '31'), body('B2', ['cook'], 400, '61')];
		const capacityShare = 0.25;
		const r = await planTraining(candidates, lines, bodies, { seats: national(5), capacityShare });
		// exams available for the scheme: the bodies assessing it, a quarter of their year each
		const exams = bodies
			.filter((b) => b.schemes.includes('caregiver'))
			.reduce((s, b) => s + Math.floor(b.annualCapacity * capacityShare), 0);
		const expected = Math.min(exams, 5, candidates.length, lines[0]!.open);
		expect(expected).toBe(2); // the case is built so that the capacity, not the seats, binds
		expect(r.planFillable - r.baseFillable).toBe(expected);
		expect(total(r, 'plan', 'candidates')).toBe(expected);
		expect(total(r, 'proportional', 'candidates')).toBeLessThanOrEqual(exams);
		// without a body for the scheme nobody can be certified
		const none = await planTraining(candidates, lines, [body('B2', ['cook'])], { seats: national(5) });
		expect(none.planFillable).toBe(none.baseFillable);
	});

	it('seats per province bind per province', async () => {
		const lines = [line('L1', 10, { certificate: 'caregiver' })];
		const candidates = Array.from({ length: 6 }, (_, i) => candidate(`c${i}`, facts(), i < 3 ? '61' : '52'));
		const seats: SeatRow[] = [
			{ province: '61', kind: 'certificate', code: 'caregiver', seats: 1 },
			{ province: '52', kind: '*', code: '*', seats: 2 },
		];
		const r = await planTraining(candidates, lines, [body('B1', ['caregiver'])], { seats });
		for (const p of ['61', '52']) {
			const budget = seats.filter((s) => s.province === p).reduce((t, s) => t + s.seats, 0);
			const people = candidates.filter((c) => c.province === p).length;
			const got = r.rows.filter((row) => row.province === p).reduce((t, row) => t + row.plan.seats, 0);
			expect(got).toBe(Math.min(budget, people));
		}
	});

	it('the plan beats allocating seats in proportion to the gaps, and never the upper bound', async () => {
		// gap A: 9 candidates missing the caregiver certificate for a line of 1 slot;
		// gap B: 1 candidate missing Japanese level 3 for a line of 5 slots; 2 seats
		const lines = [line('A', 1, { certificate: 'caregiver' }), line('B', 5, { occupation: '7212', language: 'ja', languageLevel: 3 })];
		const candidates = [
			...Array.from({ length: 9 }, (_, i) => candidate(`a${i}`, facts(), '52', `2024-0${i + 1}-01`)),
			candidate('b', facts({ occupation: '7212', languages: new Map([['ja', 1]]) }), '52', '2025-06-01'),
		];
		const seats = 2;
		const r = await planTraining(candidates, lines, [body('B1', ['caregiver'])], { seats: national(seats) });
		// hand computation: each gap's size = the people who need that seat
		const gapA = candidates.filter((c) => seatFor(c.facts, lines[0]!.requirements)?.kind === 'certificate').length;
		const gapB = candidates.filter((c) => seatFor(c.facts, lines[1]!.requirements)?.kind === 'language').length;
		const [toA, toB] = proportional(seats, [gapA, gapB]) as [number, number];
		const propGain = Math.min(toA, lines[0]!.open) + Math.min(toB, lines[1]!.open);
		const planGain = Math.min(seats, Math.min(gapA, lines[0]!.open) + Math.min(gapB, lines[1]!.open));
		expect(r.baseFillable).toBe(0);
		expect(r.proportionalFillable - r.baseFillable).toBe(propGain);
		expect(r.planFillable - r.baseFillable).toBe(planGain);
		expect(planGain).toBeGreaterThan(propGain);
		// the upper bound: every near-miss candidate trained, no budget
		expect(r.upperBoundFillable).toBe(Math.min(gapA, lines[0]!.open) + Math.min(gapB, lines[1]!.open));
		expect(r.planFillable).toBeLessThanOrEqual(r.upperBoundFillable);
		// per province and kind, the slots add up to the gain; per seat used, the plan is better
		expect(total(r, 'plan', 'slots')).toBe(planGain);
		expect(total(r, 'proportional', 'slots')).toBe(propGain);
		expect(perSeat(total(r, 'plan', 'slots'), total(r, 'plan', 'candidates'))).toBeGreaterThan(
			perSeat(total(r, 'proportional', 'slots'), total(r, 'proportional', 'candidates')),
		);
	});

	it('on a varied case: plan ≥ proportional, ≤ the upper bound and the budget, slots add up to the gains', async () => {
		const { lines, candidates, bodies } = variedCase();
		for (const budget of [0, 3, 8, 20]) {
			const r = await planTraining(candidates, lines, bodies, { seats: national(budget) });
			const nearIds = candidates.filter((c) => lines.some((l) => l.open > 0 && seatFor(c.facts, l.requirements) !== null));
			expect(r.nearCandidates).toBe(nearIds.length);
			expect(r.planFillable).toBeGreaterThanOrEqual(r.proportionalFillable);
			expect(r.proportionalFillable).toBeGreaterThanOrEqual(r.baseFillable);
			expect(r.planFillable).toBeLessThanOrEqual(r.upperBoundFillable);
			expect(r.planFillable - r.baseFillable).toBeLessThanOrEqual(budget);
			expect(total(r, 'plan', 'slots')).toBe(r.planFillable - r.baseFillable);
			expect(total(r, 'proportional', 'slots')).toBe(r.proportionalFillable - r.baseFillable);
			expect(total(r, 'plan', 'seats')).toBeLessThanOrEqual(budget);
			expect(total(r, 'proportional', 'seats')).toBeLessThanOrEqual(budget);
			// the plan trains only people one training away, each by the requirement they miss
			for (const row of r.rows.filter((x) => x.plan.seats > 0)) {
				const needing = candidates.filter(
					(c) =>
						c.province === row.province &&
						lines.some((l) => {
							const s = seatFor(c.facts, l.requirements);
							return s && s.kind === row.kind && s.code === row.code && s.level === row.level;
						}),
				);
				expect(row.plan.candidates).toBeLessThanOrEqual(needing.length);
			}
		}
		// sanity of the case: some near misses exist, some of each kind missing
		const kinds = new Set(
			candidates.flatMap((c) =>
				lines
					.map((l) => unmetRequirements(c.facts, l.requirements))
					.filter((u) => u.length === 1)
					.map((u) => u[0]),
			),
		);
		expect(kinds.has('certificate') && kinds.has('language')).toBe(true);
	});

	it('a large plan is rounded from its relaxation: within budget and capacity, never above the exact plan', async () => {
		let rounded = 0;
		// seeds 29, 31 and 40 have fractional relaxations at 15 seats (found by trying seeds 1–80)
		for (const seed of [1, 2, 29, 31, 40]) {
			const { lines, candidates, bodies } = variedCase(seed, { lines: 16, candidates: 90 });
			for (const budget of [2, 7, 15]) {
				const options = { seats: national(budget), capacityShare: 0.25 };
				const exact = await planTraining(candidates, lines, bodies, options);
				const r = await planTraining(candidates, lines, bodies, { ...options, exactColumns: 0 });
				expect(exact.status).toBe('Optimal');
				expect(['Optimal', 'Rounded']).toContain(r.status);
				if (r.status === 'Rounded') rounded++;
				expect(r.baseFillable).toBe(exact.baseFillable);
				expect(r.planFillable, `seed ${seed}, ${budget} seats`).toBeLessThanOrEqual(exact.planFillable);
				// the stated bound holds: the exact plan is its own bound, and no plan fills more than the rounded one's
				expect(exact.planBound).toBe(exact.planFillable);
				expect(r.planBound).toBeGreaterThanOrEqual(exact.planFillable);
				expect(r.planFillable).toBeGreaterThanOrEqual(r.baseFillable);
				expect(total(r, 'plan', 'seats')).toBeLessThanOrEqual(budget);
				expect(total(r, 'plan', 'slots')).toBe(r.planFillable - r.baseFillable);
				// exams within what the bodies of each scheme can assess in the period
				for (const scheme of ['caregiver', 'welder_smaw']) {
					const seats = r.rows.filter((x) => x.kind === 'certificate' && x.code === scheme).reduce((t, x) => t + x.plan.seats, 0);
					const capacity = bodies.filter((b) => b.schemes.includes(scheme)).reduce((t, b) => t + Math.floor(b.annualCapacity * 0.25), 0);
					expect(seats, `seed ${seed} ${scheme}`).toBeLessThanOrEqual(capacity);
				}
			}
		}
		// the seeds reach the rounding itself, not only relaxations that come out integral
		expect(rounded).toBeGreaterThan(0);
	});

	it('on small cases the plan is the exact optimum over every allocation of seats to candidates', async () => {
		let cases = 0;
		let gained = 0;
		for (const seed of [3, 5, 11, 29]) {
			const { lines, candidates, bodies } = variedCase(seed, { lines: 6, candidates: 18 });
			const near = candidates.filter((c) => lines.some((l) => seatFor(c.facts, l.requirements) !== null)).length;
			for (const budget of [1, 2, 4]) {
				const r = await planTraining(candidates, lines, bodies, { seats: national(budget), capacityShare: 0.25 });
				expect(r.status).toBe('Optimal');
				expect(r.nearCandidates).toBe(near);
				expect(r.baseFillable, `seed ${seed}`).toBe(exhaustivePlan(candidates, lines, bodies, 0, 0.25));
				expect(r.planFillable, `seed ${seed}, ${budget} seats`).toBe(exhaustivePlan(candidates, lines, bodies, budget, 0.25));
				// proven optimal: the stated bound is the plan itself
				expect(r.planBound).toBe(r.planFillable);
				cases++;
				if (r.planFillable > r.baseFillable) gained++;
			}
			// the upper bound: every candidate one training away trained, no budget, no capacity
			const unlimited = [body('ALL', ['caregiver', 'welder_smaw'], 4 * candidates.length)];
			const r = await planTraining(candidates, lines, bodies, { seats: national(0) });
			expect(r.upperBoundFillable, `seed ${seed}`).toBe(exhaustivePlan(candidates, lines, unlimited, candidates.length, 1, true));
		}
		// the cases are not trivial: seats make slots fillable in most of them
		expect(gained).toBeGreaterThan(cases / 2);
	});

	it('the model does not grow with the provinces under a national budget; each seat goes to the longest waiting', async () => {
		const { lines, candidates, bodies } = variedCase(7, { lines: 16, candidates: 120 });
		const provinces = ['11', '12', '13', '31', '32', '33', '35', '51', '52', '53', '61', '64', '73', '81', '91'];
		const spread = candidates.map((c, i) => ({ ...c, province: provinces[i % provinces.length] as string }));
		const options = { seats: national(9), capacityShare: 0.25 };
		const one = await planTraining(candidates, lines, bodies, options);
		const many = await planTraining(spread, lines, bodies, options);
		// candidates of different provinces are interchangeable for a national budget and for the
		// exams (open to any province): the same model, the same fills
		expect(many.size).toEqual(one.size);
		for (const k of ['baseFillable', 'planFillable', 'planBound', 'proportionalFillable', 'upperBoundFillable'] as const)
			expect(many[k], k).toBe(one[k]);
		expect(one.planFillable).toBeGreaterThan(one.baseFillable);
		// per province: the seats of a group of interchangeable candidates go to its longest waiting
		// members, wherever they live (here: seats of one kind, within the candidates needing them)
		for (const row of many.rows) {
			const needing = spread.filter((c) => lines.some((l) => l.open > 0 && seatKeyOf(seatFor(c.facts, l.requirements)) === seatKeyOf(row)));
			expect(row.plan.candidates).toBeLessThanOrEqual(needing.filter((c) => c.province === row.province).length);
		}
		expect(total(many, 'plan', 'seats')).toBe(total(one, 'plan', 'seats'));
		expect(total(many, 'plan', 'slots')).toBe(many.planFillable - many.baseFillable);
	});

	it('a seat goes to the longest-waiting of interchangeable candidates, whichever province they are from', async () => {
		const lines = [line('L1', 2, { certificate: 'caregiver' })];
		// five candidates alike but for province and registration; the two longest waiting are in 61 and 91
		const registered: Record<string, string> = {
			'11': '2025-05-01',
			'35': '2025-03-01',
			'52': '2025-04-01',
			'61': '2024-02-01',
			'91': '2024-07-01',
		};
		const candidates = Object.entries(registered).map(([province, date]) => candidate(`c${province}`, facts(), province, date));
		const r = await planTraining(candidates, lines, [body('B1', ['caregiver'])], { seats: national(2) });
		const longest = [...candidates].sort((a, b) => (a.registered < b.registered ? -1 : 1)).slice(0, 2);
		expect(r.planFillable - r.baseFillable).toBe(2);
		expect(r.rows.filter((row) => row.plan.seats > 0).map((row) => [row.province, row.plan.seats])).toEqual(
			longest.map((c) => [c.province, 1]).sort(),
		);
		// with a budget per province the provinces are apart: only 35 and 52 have seats
		const apart = await planTraining(candidates, lines, [body('B1', ['caregiver'])], {
			seats: ['35', '52'].map((province) => ({ province, kind: '*', code: '*', seats: 1 })),
		});
		expect(apart.rows.filter((row) => row.plan.seats > 0).map((row) => row.province)).toEqual(['35', '52']);
	});

	it('proportional(): largest remainder, never more than a gap', () => {
		expect(proportional(2, [9, 1])).toEqual([2, 0]);
		expect(proportional(10, [3, 1])).toEqual([3, 1]);
		expect(proportional(5, [1, 1, 1]).reduce((s, v) => s + v, 0)).toBe(3);
		expect(proportional(0, [4])).toEqual([0]);
	});
});
