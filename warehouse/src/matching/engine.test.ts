import { describe, expect, it } from 'vitest';
import { lcg } from '../../../tests/support/lcg.ts';
import type { CandidateFacts, LineRequirements } from './eligibility.ts';
import { isEligible } from './eligibility.ts';
import {
	byRegistration,
	DEFAULT_OPTIONS,
	type EngineCandidate,
	type EngineLine,
	educationGroup,
	inWaitingOrder,
	newNodeCache,
	runEngine,
	scoreTerms,
	weightedScore,
} from './engine.ts';

const base: LineRequirements = {
	occupation: '5120',
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
	occupation: '5120',
	countries: ['*'],
	certificates: [],
	languages: new Map(),
	educationRank: 3,
	experienceYears: 0,
	gender: 'F',
	age: 30,
	...patch,
});
const line = (id: string, issued: string, open: number, patch: Partial<LineRequirements> = {}, wageUsd = 1000): EngineLine => ({
	id,
	issued,
	sector: 'hospitality',
	open,
	wageUsd,
	requirements: { ...base, ...patch },
});
const candidate = (id: string, registered: string, f: CandidateFacts, province = '32'): EngineCandidate => ({
	id,
	registered,
	province,
	gender: f.gender,
	educationRank: f.educationRank,
	preferredCountries: [],
	capabilityKey: JSON.stringify({ ...f, languages: [...f.languages] }),
	facts: f,
});
const asOf = '2026-11-15';

// A seeded market where fairness binds: certificates, languages and provinces unevenly spread,
// tight bounds. Solved exactly (integer program) and rounded (exactColumns 0, the national path).
const market = (seed: number) => {
	const rand = lcg(seed);
	const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
	const lines = Array.from({ length: 24 }, (_, i) =>
		line(`L${i}`, `2026-0${1 + (i % 9)}-01`, 1 + Math.floor(rand() * 6), {
			occupation: pick(['5120', '5322']),
			certificate: pick(['', '', 'COOK', 'CARE']),
			country: pick(['JP', 'TW', 'KR']),
		}),
	);
	const candidates = Array.from({ length: 160 }, (_, i) => {
		const province = pick(['32', '33', '35', '52', '53']);
		// certificates concentrated in West Java and Central Java: fairness has to pull the others in
		const certified = province === '32' || province === '33' ? rand() < 0.7 : rand() < 0.15;
		const f = facts({
			occupation: pick(['5120', '5322']),
			certificates: certified ? [pick(['COOK', 'CARE'])] : [],
			gender: rand() < 0.6 ? 'F' : 'M',
			educationRank: pick([1, 2, 3, 3, 4]),
			countries: rand() < 0.8 ? ['*'] : [pick(['JP', 'TW', 'KR'])],
		});
		return candidate(`c${String(i).padStart(3, '0')}`, `2025-${String(1 + (i % 12)).padStart(2, '0')}-01`, f, province);
	});
	return { lines, candidates };
};

describe('matching engine', () => {
	it('first come first served fills 1 slot where the optimum fills 2', async () => {
		// The first registered candidate holds the certificate the second line asks for; FCFS gives
		// them the first-issued line, so the second candidate (no certificate) finds nothing.
		const lines = [line('L1', '2026-01-01', 1), line('L2', '2026-02-01', 1, { certificate: 'COOK' })];
		const candidates = [candidate('c1', '2025-01-01', facts({ certificates: ['COOK'] })), candidate('c2', '2025-06-01', facts())];
		const result = await runEngine(candidates, lines, { asOf, fairness: null, recommendationsPerSlot: 1 });
		expect(result.fillableGreedy).toBe(1);
		expect(result.fillableOptimal).toBe(2);
		expect(result.fillableUnconstrained).toBe(2);
		const primary = result.recommendations.filter((r) => r.primary);
		expect(primary.map((r) => `${r.lineId}:${r.candidateId}`).sort()).toEqual(['L1:c2', 'L2:c1']);
	});

	it('never recommends an ineligible pair, nor a line more than k times its open slots, nor a candidate twice', async () => {
		const lines = [
			line('L1', '2026-01-01', 2, { language: 'ja', languageLevel: 2 }),
			line('L2', '2026-01-05', 1, { gender: 'M' }),
			line('L3', '2026-01-09', 1, { country: 'TW', ageMin: 20, ageMax: 30 }),
		];
		const candidates = [
			candidate('a', '2025-01-01', facts({ languages: new Map([['ja', 3]]) })),
			candidate('b', '2025-02-01', facts({ gender: 'M' })),
			candidate('c', '2025-03-01', facts({ gender: 'M', age: 31 })),
			candidate('d', '2025-04-01', facts({ age: 25, countries: ['TW'] })),
			candidate('e', '2025-05-01', facts({ gender: '', age: 0 })),
			candidate('f', '2025-06-01', facts({ languages: new Map([['ja', 2]]), gender: 'M' })),
			candidate('g', '2025-07-01', facts({ languages: new Map([['ja', 1]]) })),
		];
		const k = 3;
		const result = await runEngine(candidates, lines, { asOf, fairness: null, recommendationsPerSlot: k });
		const byId = new Map(candidates.map((c) => [c.id, c]));
		const lineById = new Map(lines.map((l) => [l.id, l]));
		for (const r of result.recommendations) {
			expect(isEligible(byId.get(r.candidateId)!.facts, lineById.get(r.lineId)!.requirements), `${r.candidateId} → ${r.lineId}`).toBe(true);
		}
		for (const l of lines) expect(result.recommendations.filter((r) => r.lineId === l.id).length).toBeLessThanOrEqual(k * l.open);
		const ids = result.recommendations.map((r) => r.candidateId);
		expect(new Set(ids).size).toBe(ids.length);
		// every slot can be filled: a, f → L1; b, c or f → L2; d → L3
		expect(result.fillableOptimal).toBe(4);
		expect(result.recommendations.filter((r) => r.primary).length).toBe(4);
	});

	it('keeps each group within ±20 % of its share of the eligible pool', async () => {
		// Four candidates from each of two provinces, eligible for one line with one slot; the West
		// Java ones have waited longer (a higher score), so without fairness all three
		// recommendations go to them.
		const lines = [line('L1', '2026-01-01', 1)];
		const candidates = [
			...[1, 2, 3, 4].map((i) => candidate(`w${i}`, `2024-0${i}-01`, facts(), '32')),
			...[1, 2, 3, 4].map((i) => candidate(`n${i}`, `2026-0${i}-01`, facts(), '52')),
		];
		const unfair = await runEngine(candidates, lines, { asOf, fairness: null, recommendationsPerSlot: 3 });
		expect(unfair.recommendations.map((r) => r.candidateId).sort()).toEqual(['w1', 'w2', 'w3']);

		const fair = await runEngine(candidates, lines, {
			asOf,
			fairness: { dimensions: ['province'], tolerance: 0.2 },
			recommendationsPerSlot: 3,
		});
		expect(fair.fillableOptimal).toBe(1);
		expect(fair.fillableUnconstrained).toBe(1);
		const total = fair.groups.filter((g) => g.dimension === 'province').reduce((t, g) => t + g.recommendations, 0);
		const poolTotal = fair.groups.filter((g) => g.dimension === 'province').reduce((t, g) => t + g.pool, 0);
		expect(total).toBeGreaterThan(0);
		for (const g of fair.groups.filter((x) => x.dimension === 'province')) {
			const share = g.recommendations / total;
			const poolShare = g.pool / poolTotal;
			expect(g.recommendations, g.group).toBeGreaterThanOrEqual(0.8 * poolShare * total - 1 - 1e-9);
			expect(g.recommendations, g.group).toBeLessThanOrEqual(1.2 * poolShare * total + 1 + 1e-9);
			expect(share).toBeGreaterThan(0);
		}
		expect(fair.recommendations.map((r) => r.candidateId).filter((id) => id.startsWith('n')).length).toBeGreaterThan(0);
	});

	it('fairness costs slots only when it must: fill with fairness ≤ without', async () => {
		// Only West Java candidates are eligible for the second line; the pool is half and half.
		const lines = [line('L1', '2026-01-01', 1), line('L2', '2026-01-01', 2, { certificate: 'COOK' })];
		const candidates = [
			candidate('w1', '2025-01-01', facts({ certificates: ['COOK'] }), '32'),
			candidate('w2', '2025-01-02', facts({ certificates: ['COOK'] }), '32'),
			candidate('n1', '2025-01-03', facts(), '52'),
		];
		const result = await runEngine(candidates, lines, {
			asOf,
			fairness: { dimensions: ['province'], tolerance: 0.2 },
			recommendationsPerSlot: 1,
		});
		expect(result.fillableUnconstrained).toBe(3);
		expect(result.fillableOptimal).toBeLessThanOrEqual(result.fillableUnconstrained);
		const west = result.groups.find((g) => g.group === '32')!;
		const total = result.groups.filter((g) => g.dimension === 'province').reduce((t, g) => t + g.recommendations, 0);
		expect(west.recommendations).toBeLessThanOrEqual(1.2 * (2 / 3) * total + 1 + 1e-9);
	});

	it('gives up slots when no fair recommendation list fills them, and not when the tolerance allows', async () => {
		// Pool: six West Java candidates with the certificate, six from NTB without: half and half.
		// Without fairness the six certified fill the certificate line and two from NTB the other:
		// 8 slots, 6 of 8 recommendations (75 %) to West Java, above 50 % + 20 % even with the one
		// person of rounding (0.6 x 8 + 1 = 5.8). NTB candidates can only go to the 2-slot line, so
		// a fair list is at most 5 + 2.
		const lines = [line('L1', '2026-01-01', 2), line('L2', '2026-01-01', 6, { certificate: 'COOK' })];
		const candidates = [
			...[1, 2, 3, 4, 5, 6].map((i) => candidate(`w${i}`, `2025-01-0${i}`, facts({ certificates: ['COOK'] }), '32')),
			...[1, 2, 3, 4, 5, 6].map((i) => candidate(`n${i}`, `2025-02-0${i}`, facts(), '52')),
		];
		const strict = await runEngine(candidates, lines, {
			asOf,
			fairness: { dimensions: ['province'], tolerance: 0.2 },
			recommendationsPerSlot: 1,
		});
		expect(strict.fillableUnconstrained).toBe(8);
		expect(strict.fillableOptimal).toBe(7);
		const west = strict.recommendations.filter((r) => r.candidateId.startsWith('w')).length;
		expect(west).toBeLessThanOrEqual(0.6 * strict.recommendations.length + 1);
		const loose = await runEngine(candidates, lines, {
			asOf,
			fairness: { dimensions: ['province'], tolerance: 0.5 },
			recommendationsPerSlot: 1,
		});
		expect(loose.fillableOptimal).toBe(8);
	});

	it('lets a group of one be left out or included: the bounds allow one person of rounding', async () => {
		// One NTB candidate among nine from West Java, all eligible for one line of two slots: with
		// strict bounds no list of at most 6 could hold NTB's 10 % ± 20 %; with the rounding both fill.
		const lines = [line('L1', '2026-01-01', 2)];
		const candidates = [
			...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => candidate(`w${i}`, `2025-01-0${i}`, facts(), '32')),
			candidate('n1', '2025-03-01', facts(), '52'),
		];
		const r = await runEngine(candidates, lines, { asOf, fairness: { dimensions: ['province'], tolerance: 0.2 } });
		expect(r.fillableOptimal).toBe(2);
	});

	it('reports the problem size and per-market figures that add up', async () => {
		const lines = [line('L1', '2026-01-01', 2), line('L2', '2026-01-01', 1, { country: 'TW' })];
		const candidates = [candidate('a', '2025-01-01', facts()), candidate('b', '2025-01-01', facts({ countries: ['JP'] }))];
		const r = await runEngine(candidates, lines, { asOf, fairness: null });
		expect(r.size).toMatchObject({ lines: 2, openSlots: 3, candidates: 2, lineProfiles: 2, eligibleCandidates: 2 });
		expect(r.cells.reduce((t, c) => t + c.fillableOptimal, 0)).toBe(r.fillableOptimal);
		expect(r.cells.reduce((t, c) => t + c.openSlots, 0)).toBe(3);
		expect(r.fillableOptimal).toBe(2);
	});

	it('stores for every recommendation the score weightedScore(scoreTerms(…)) gives, to the last bit', async () => {
		// the engine computes the score in parts (each member's waiting term once per node); one
		// definition of the score still holds: weightedScore over scoreTerms, against the best-paid
		// line profile and the longest wait. Each line its own profile here, so a profile's wage is its line's
		// (whole dollars: a profile's wage is the mean over its lines' slots, × open ÷ open).
		const rand = lcg(17);
		const countries = ['JP', 'TW', 'KR', 'SA'] as const;
		const lines = countries.flatMap((country, i) =>
			['', 'COOK', 'CARE'].map((certificate, j) =>
				line(`L${i}${j}`, `2026-0${1 + j}-01`, 1 + Math.floor(rand() * 3), { country, certificate }, 700 + Math.floor(rand() * 1300)),
			),
		);
		const candidates = Array.from({ length: 60 }, (_, i) => {
			const c = candidate(
				`c${String(i).padStart(2, '0')}`,
				`20${String(20 + Math.floor(rand() * 6))}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-0${1 + Math.floor(rand() * 9)}`,
				facts({ certificates: rand() < 0.5 ? [['COOK', 'CARE'][Math.floor(rand() * 2)] as string] : [] }),
				['32', '33', '52'][i % 3],
			);
			const preferred = countries.filter(() => rand() < 0.4);
			return { ...c, preferredCountries: preferred.sort(() => rand() - 0.5) };
		});
		for (const fairness of [null, DEFAULT_OPTIONS.fairness]) {
			const r = await runEngine(candidates, lines, { asOf, fairness });
			expect(r.recommendations.length).toBeGreaterThan(20);
			const byId = new Map(candidates.map((c) => [c.id, c]));
			const lineOf = new Map(lines.map((l) => [l.id, l]));
			const norm = {
				maxWage: Math.max(...lines.map((l) => l.wageUsd)),
				maxWait: Math.max(...candidates.map((c) => (Date.parse(asOf) - Date.parse(c.registered)) / 86_400_000)),
			};
			for (const rec of r.recommendations) {
				const l = lineOf.get(rec.lineId) as EngineLine;
				const c = byId.get(rec.candidateId) as EngineCandidate;
				expect(rec.score).toBe(weightedScore(scoreTerms(c, l.requirements.country, l.wageUsd, asOf, norm), DEFAULT_OPTIONS.weights));
			}
		}
	});

	it('merges candidates eligible for the same line profiles into one supply node and states the model size', async () => {
		// a, b and c differ in their facts (experience 1, 5 and 9 years, different provinces) but the
		// lines ask for none of it: one supply node; d (no certificate) is eligible for L1 only
		const lines = [line('L1', '2026-01-01', 2), line('L2', '2026-01-01', 1, { certificate: 'COOK' })];
		const cook = (years: number) => facts({ certificates: ['COOK'], experienceYears: years });
		const candidates = [
			candidate('a', '2025-01-01', cook(1), '32'),
			candidate('b', '2025-02-01', cook(5), '33'),
			candidate('c', '2025-03-01', cook(9), '52'),
			candidate('d', '2025-04-01', facts(), '52'),
		];
		const r = await runEngine(candidates, lines, { asOf });
		expect(r.size).toMatchObject({ lineProfiles: 2, candidateProfiles: 2, eligiblePairs: 3, eligibleCandidates: 4 });
		// the fair model: y for 3 pairs, f for 2 line profiles, u for 4 fairness profiles, r and 2 + 2 + 1 group totals
		expect(r.size.columns).toBe(3 + 2 + 4 + 1 + 5);
		expect(r.size.rows).toBeGreaterThan(0);
		expect(r.size.nonzeros).toBeGreaterThan(r.size.columns);
		expect(r.fillableOptimal).toBe(3);
		expect(r.status).toBe('Optimal');
	});

	it('fills first come first served as a candidate-by-candidate replay does', async () => {
		// The engine serves candidates by supply node and lines by their place in the order of issue,
		// skipping a node once its line profiles are full; the replay below walks every candidate
		// and every line. Markets where lines fill up and dates tie (order then by id).
		for (let seed = 1; seed <= 20; seed++) {
			const { lines, candidates } = market(seed);
			const free = new Map(lines.map((l) => [l.id, l.open]));
			const byIssue = [...lines].sort((a, b) => (a.issued < b.issued ? -1 : a.issued > b.issued ? 1 : a.id < b.id ? -1 : 1));
			const waiting = [...candidates].sort((a, b) =>
				a.registered < b.registered ? -1 : a.registered > b.registered ? 1 : a.id < b.id ? -1 : 1,
			);
			const filled = new Map<string, number>();
			for (const c of waiting) {
				const l = byIssue.find((l) => (free.get(l.id) ?? 0) > 0 && isEligible(c.facts, l.requirements));
				if (!l) continue;
				free.set(l.id, (free.get(l.id) ?? 0) - 1);
				const cell = `${l.requirements.country}|${l.requirements.occupation}`;
				filled.set(cell, (filled.get(cell) ?? 0) + 1);
			}
			const r = await runEngine(candidates, lines, { asOf, fairness: null, recommendationsPerSlot: 2 });
			expect(r.fillableGreedy, `seed ${seed}`).toBe([...filled.values()].reduce((t, n) => t + n, 0));
			for (const cell of r.cells)
				expect(cell.fillableGreedy, `seed ${seed} ${cell.country} ${cell.occupation}`).toBe(
					filled.get(`${cell.country}|${cell.occupation}`) ?? 0,
				);
			expect(r.fillableGreedy, `seed ${seed}: lines fill up`).toBeLessThan(candidates.length);
		}
	});

	describe('large fair models: rounded from the LP relaxation', () => {
		const fairness = { dimensions: ['province', 'gender', 'education'] as const, tolerance: 0.1 };

		it('keeps every group within its bounds, never beats the exact optimum, and states a bound at or above it', async () => {
			let rounded = 0;
			for (let seed = 1; seed <= 12; seed++) {
				const { lines, candidates } = market(seed);
				const exact = await runEngine(candidates, lines, { asOf, fairness, recommendationsPerSlot: 2 });
				const r = await runEngine(candidates, lines, { asOf, fairness, recommendationsPerSlot: 2, exactColumns: 0 });
				expect(exact.status, `seed ${seed}`).toBe('Optimal');
				expect(exact.fillBound).toBe(exact.fillableOptimal);
				expect(['Optimal', 'Rounded']).toContain(r.status);
				if (r.status === 'Rounded') rounded++;
				expect(r.fillableOptimal, `seed ${seed}`).toBeLessThanOrEqual(exact.fillableOptimal);
				expect(r.fillBound, `seed ${seed}`).toBeGreaterThanOrEqual(exact.fillableOptimal);
				expect(r.fillBound).toBeLessThanOrEqual(r.fillableUnconstrained);
				// the groups, counted on the individuals recommended, within ±10 % of their pool share (± 1 person)
				const total = r.recommendations.length;
				expect(total, `seed ${seed}`).toBeGreaterThan(0);
				for (const g of r.groups) {
					const share = g.pool / r.size.eligibleCandidates;
					expect(g.recommendations, `seed ${seed} ${g.dimension} ${g.group}`).toBeLessThanOrEqual(1.1 * share * total + 1 + 1e-9);
					expect(g.recommendations, `seed ${seed} ${g.dimension} ${g.group}`).toBeGreaterThanOrEqual(0.9 * share * total - 1 - 1e-9);
				}
				// and the rules every run keeps
				const byId = new Map(candidates.map((c) => [c.id, c]));
				const lineById = new Map(lines.map((l) => [l.id, l]));
				for (const rec of r.recommendations)
					expect(isEligible(byId.get(rec.candidateId)!.facts, lineById.get(rec.lineId)!.requirements)).toBe(true);
				for (const l of lines) expect(r.recommendations.filter((rec) => rec.lineId === l.id).length).toBeLessThanOrEqual(2 * l.open);
				expect(new Set(r.recommendations.map((rec) => rec.candidateId)).size).toBe(total);
				expect(r.recommendations.filter((rec) => rec.primary).length).toBe(r.fillableOptimal);
			}
			// the seeds exercise the rounding itself, not only relaxations that come out integral
			expect(rounded).toBeGreaterThan(0);
		});

		it('repairs the rounded groups by swapping and adding recommendations, not by giving away fill', async () => {
			// At these seeds rounding the relaxation up got stuck, and lowering recommendations one
			// person at a time by the groups alone filled 68, 74 and 82 slots where a fair assignment
			// fills 70, 78 and 86 (the exact integer program's optimum; the national back-test lost
			// 14,455 slots that way, docs/matching.md).
			for (const seed of [3, 15, 17]) {
				const { lines, candidates } = market(seed);
				const exact = await runEngine(candidates, lines, { asOf, fairness, recommendationsPerSlot: 2 });
				const r = await runEngine(candidates, lines, { asOf, fairness, recommendationsPerSlot: 2, exactColumns: 0 });
				expect(r.status, `seed ${seed}`).toBe('Rounded');
				expect(r.fillableOptimal, `seed ${seed}`).toBe(exact.fillableOptimal);
				expect(r.fillBound, `seed ${seed}`).toBe(exact.fillableOptimal);
				const total = r.recommendations.length;
				for (const g of r.groups) {
					const share = g.pool / r.size.eligibleCandidates;
					expect(g.recommendations, `seed ${seed} ${g.dimension} ${g.group}`).toBeLessThanOrEqual(1.1 * share * total + 1 + 1e-9);
					expect(g.recommendations, `seed ${seed} ${g.dimension} ${g.group}`).toBeGreaterThanOrEqual(0.9 * share * total - 1 - 1e-9);
				}
				for (const l of lines) expect(r.recommendations.filter((rec) => rec.lineId === l.id).length).toBeLessThanOrEqual(2 * l.open);
				expect(r.recommendations.filter((rec) => rec.primary).length).toBe(r.fillableOptimal);
			}
		});
	});

	it('puts candidates in waiting order as the comparator does, dates grouped', () => {
		const rand = lcg(7);
		const dates = ['2025-01-01', '2024-12-31', '2025-01-10', '2025-1-2', '2024-02-29'];
		const people = Array.from({ length: 400 }, (_, i) => ({
			id: `c${Math.floor(rand() * 1e6)}-${i}`,
			registered: dates[Math.floor(rand() * dates.length)] as string,
		}));
		expect(inWaitingOrder(people)).toEqual([...people].sort(byRegistration));
	});

	it('answers after a change as a fresh run does when it keeps the nodes’ eligibility between runs', async () => {
		// one cache through four runs, each compared with a run without one: a line profile opened and
		// one closed, candidates withdrawn and new ones (a new capability group), a group whose facts
		// changed under the same key, the first input again
		const cache = newNodeCache();
		const first = market(3);
		const rand = lcg(11);
		const opened = [...first.lines, line('L99', '2026-05-01', 3, { occupation: '5120', certificate: 'CARE', country: 'KR' })];
		const changedLines = opened.map((l, i) => (i === 2 ? { ...l, open: 0 } : l));
		const withdrawn = first.candidates.filter(() => rand() > 0.1);
		const added = [
			...withdrawn,
			candidate('n1', '2025-03-15', facts({ occupation: '5120', certificates: ['CARE'], countries: ['KR'] }), '52'),
			candidate('n2', '2024-12-01', facts({ occupation: '5322', languages: new Map([['ko', 3]]) }), '53'),
		];
		// the same capability key as before with other facts: the kept tests of that key no longer hold
		const target = added.find((c) => c.facts.certificates.length === 0) as EngineCandidate;
		const regrouped = added.map((c) =>
			c.capabilityKey === target.capabilityKey ? { ...c, facts: { ...c.facts, certificates: ['COOK', 'CARE'] } } : c,
		);
		const inputs = [
			{ candidates: first.candidates, lines: first.lines },
			{ candidates: added, lines: changedLines },
			{ candidates: regrouped, lines: changedLines },
			{ candidates: first.candidates, lines: first.lines },
		];
		const results: string[] = [];
		for (const { candidates, lines } of inputs) {
			const kept = await runEngine(candidates, lines, { asOf }, cache);
			const fresh = await runEngine(candidates, lines, { asOf });
			expect({ ...kept, seconds: 0, steps: null }).toEqual({ ...fresh, seconds: 0, steps: null });
			results.push(JSON.stringify([fresh.size, fresh.recommendations]));
		}
		// the changes changed what is eligible (else the comparison shows nothing)
		expect(new Set(results.slice(0, 3)).size).toBe(3);
	});

	it('answers as a fresh run does when it reuses the kept nodes, and builds them again when they no longer hold', async () => {
		// the candidates' side of the nodes is kept whole while the candidates (the same objects), the
		// line profiles (keys) and the as-of date stay; each run is compared with a run without a cache
		const cache = newNodeCache();
		const { lines, candidates } = market(4);
		const template = lines[5] as EngineLine;
		// more lines of a profile already open (the freshness bench's pushes), at another wage
		const more = [...lines, { ...template, id: 'L90', issued: '2026-10-02', open: 4, wageUsd: 2400 }];
		// a line's open slots and wage changed
		const changed = more.map((l, i) => (i === 7 ? { ...l, open: l.open + 3, wageUsd: 1700 } : l));
		// a new line profile (a requirement no open line asks for): eligibility changes, the nodes must be built again
		const opened = [...changed, line('L91', '2026-10-03', 5, { occupation: '5120', country: 'TW', ageMin: 20, ageMax: 40 })];
		// one candidate given again as a new object registered earlier (same facts): the waiting order and waits change
		const moved = candidates.map((c, i) => (i === 17 ? { ...c, registered: '2024-01-15' } : c));
		const runs: { candidates: EngineCandidate[]; lines: EngineLine[]; asOf: string; reused: boolean }[] = [
			{ candidates, lines, asOf, reused: false },
			{ candidates, lines: more, asOf, reused: true },
			{ candidates, lines: changed, asOf, reused: true },
			{ candidates, lines: opened, asOf, reused: false },
			{ candidates, lines: opened, asOf: '2026-12-01', reused: false },
			{ candidates: moved, lines: opened, asOf: '2026-12-01', reused: false },
			{ candidates: [...moved], lines: opened, asOf: '2026-12-01', reused: true },
		];
		const results: string[] = [];
		for (const run of runs) {
			const before = cache.kept;
			const kept = await runEngine(run.candidates, run.lines, { asOf: run.asOf }, cache);
			expect(cache.kept === before, `reused at run ${results.length + 1}`).toBe(run.reused);
			const fresh = await runEngine(run.candidates, run.lines, { asOf: run.asOf });
			expect({ ...kept, seconds: 0, steps: null }, `run ${results.length + 1}`).toEqual({ ...fresh, seconds: 0, steps: null });
			results.push(JSON.stringify([fresh.size, fresh.recommendations, fresh.groups]));
		}
		// each change changed the answer (else the comparison shows nothing), but the copy of the same list
		expect(new Set(results).size).toBe(6);
	});

	it('takes candidates already in waiting order as they are', () => {
		const { candidates } = market(5);
		const sorted = inWaitingOrder(candidates);
		expect(inWaitingOrder(sorted)).toEqual(sorted);
		expect(inWaitingOrder([...sorted].reverse())).toEqual(sorted);
	});

	it('groups education into basic, secondary and higher', () => {
		expect([0, 1, 2, 3, 4, 7].map(educationGroup)).toEqual(['basic', 'basic', 'basic', 'secondary', 'higher', 'higher']);
	});
});
