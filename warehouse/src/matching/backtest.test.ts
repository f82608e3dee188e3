import { describe, expect, it } from 'vitest';
import { lcg } from '../../../tests/support/lcg.ts';
import { backtestOn, exposureGini, firstComeLists, quarterEnds, reduceFacts, solveNote, TOP_K } from './backtest.ts';
import { type CandidateFacts, isEligible, type LineRequirements } from './eligibility.ts';
import type { EngineCandidate, EngineLine } from './engine.ts';

const line = (patch: Partial<LineRequirements>): LineRequirements => ({
	occupation: '5322',
	country: 'JP',
	certificate: '',
	language: '',
	languageLevel: 0,
	educationRank: 0,
	experienceYears: 0,
	gender: 'any',
	ageMin: 0,
	ageMax: 0,
	...patch,
});
const lines: LineRequirements[] = [
	line({ certificate: 'KAIGO', language: 'ja', languageLevel: 3, ageMin: 20, ageMax: 35, gender: 'F' }),
	line({ occupation: '5321', country: 'TW', language: 'zh', languageLevel: 1, educationRank: 3, ageMin: 18, ageMax: 45 }),
	line({ country: 'DE', language: 'de', languageLevel: 4, experienceYears: 2, educationRank: 4 }),
	line({ occupation: '5120', country: 'JP', ageMin: 21, ageMax: 40, gender: 'M' }),
	line({ country: 'HK' }),
];

describe('reduceFacts', () => {
	it('keeps every eligibility of the full facts, for a grid of candidates', () => {
		let checked = 0;
		for (const occupation of ['5322', '5321', '5120'])
			for (const countries of [['*'], ['JP'], ['TW', 'KR'], ['SA']])
				for (const certificates of [[], ['KAIGO'], ['KAIGO', 'CHEF']])
					for (const languages of [
						new Map(),
						new Map([['ja', 3]]),
						new Map([
							['zh', 2],
							['de', 4],
							['ko', 5],
						]),
					])
						for (const educationRank of [1, 3, 5])
							for (const experienceYears of [0, 2, 9])
								for (const gender of ['F', 'M', ''])
									for (const age of [0, 17, 18, 20, 35, 36, 45, 46]) {
										const facts: CandidateFacts = {
											occupation,
											countries,
											certificates,
											languages,
											educationRank,
											experienceYears,
											gender,
											age,
										};
										const reduced = reduceFacts(facts, lines);
										for (const l of lines) {
											expect(isEligible(reduced, l), JSON.stringify({ ...facts, languages: [...languages], line: l })).toBe(
												isEligible(facts, l),
											);
											checked++;
										}
									}
		expect(checked).toBeGreaterThan(10_000);
	});

	it('makes candidates who differ only in what no open line asks about identical', () => {
		const a: CandidateFacts = {
			occupation: '5120',
			countries: ['JP', 'SA'],
			certificates: ['CHEF'],
			languages: new Map([['ar', 3]]),
			educationRank: 6,
			experienceYears: 12,
			gender: 'M',
			age: 30,
		};
		const b: CandidateFacts = {
			...a,
			countries: ['JP'],
			certificates: [],
			languages: new Map(),
			educationRank: 2,
			experienceYears: 0,
			age: 33,
		};
		expect(reduceFacts(a, lines)).toEqual(reduceFacts(b, lines));
	});
});

describe('quarterEnds', () => {
	it('lists the four quarter ends of each year', () => {
		expect(quarterEnds(2024, 2025)).toEqual([
			'2024-03-31',
			'2024-06-30',
			'2024-09-30',
			'2024-12-31',
			'2025-03-31',
			'2025-06-30',
			'2025-09-30',
			'2025-12-31',
		]);
	});
});

describe('exposureGini', () => {
	const g = (group: string, pool: number, recommendations: number) => ({ dimension: 'province' as const, group, pool, recommendations });
	it('is 0 when every group is recommended at the same rate, and grows as one group takes the recommendations', () => {
		expect(exposureGini([g('32', 100, 50), g('52', 300, 150)])).toBeCloseTo(0, 12);
		// all to the group of 1 in 4 members: mean exposure 0.25; |1 - 0| weighted 2·(1·3)/16 / (2·0.25) = 0.75
		expect(exposureGini([g('32', 100, 100), g('52', 300, 0)])).toBeCloseTo(0.75, 12);
		expect(exposureGini([g('32', 100, 0), g('52', 300, 0)])).toBe(0);
	});
});

describe('firstComeLists', () => {
	it('gives each line the first TOP_K eligible candidates by registration date, as a scan of every candidate does', () => {
		// deterministic pseudo-random candidates (LCG), many sharing registration dates
		let seed = 7;
		const next = (n: number) => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return seed % n;
		};
		const pick = <T>(xs: readonly T[]) => xs[next(xs.length)] as T;
		const candidates: EngineCandidate[] = Array.from({ length: 3000 }, (_, i) => {
			const full: CandidateFacts = {
				occupation: pick(['5322', '5321', '5120']),
				countries: pick([['*'], ['JP'], ['TW', 'KR'], ['HK', 'JP']]),
				certificates: pick([[], ['KAIGO']]),
				languages: pick([new Map(), new Map([['ja', 3]]), new Map([['zh', 2]]), new Map([['de', 4]])]),
				educationRank: pick([1, 3, 5]),
				experienceYears: pick([0, 2, 9]),
				gender: pick(['F', 'M', '']),
				age: pick([19, 25, 33, 41, 50]),
			};
			const facts = reduceFacts(full, lines);
			return {
				id: `C${String(i).padStart(5, '0')}`,
				registered: `2024-0${1 + next(9)}-1${next(10)}`,
				province: '52',
				gender: full.gender,
				educationRank: full.educationRank,
				preferredCountries: [],
				capabilityKey: JSON.stringify([
					facts.occupation,
					facts.countries,
					facts.certificates,
					[...facts.languages],
					facts.educationRank,
					facts.experienceYears,
					facts.gender,
					facts.age,
				]),
				facts,
			};
		});
		const engineLines: EngineLine[] = lines.map((requirements, i) => ({
			id: `L${i}`,
			issued: '2024-01-01',
			sector: 'S',
			open: 5,
			wageUsd: 500,
			requirements,
		}));
		const byRegistration = [...candidates].sort((a, b) =>
			a.registered < b.registered ? -1 : a.registered > b.registered ? 1 : a.id < b.id ? -1 : 1,
		);
		const lists = firstComeLists(candidates);
		let nonEmpty = 0;
		for (const l of engineLines) {
			const scan = byRegistration
				.filter((c) => isEligible(c.facts, l.requirements))
				.slice(0, TOP_K)
				.map((c) => c.id);
			expect([...lists(l)]).toEqual(scan);
			if (scan.length === TOP_K) nonEmpty++;
		}
		expect(nonEmpty).toBeGreaterThanOrEqual(2);
	});
});

describe('a date whose fair solve runs out of time', () => {
	// A seeded market where fairness binds (tight ±10 % bounds, certificates concentrated in two
	// provinces), small enough to be solved as an integer program, whose relaxation is fractional at
	// some seeds: there the integer program runs, and a time limit of 0 s stops it before any solution.
	const market = (seed: number) => {
		const rand = lcg(seed);
		const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
		const engineLines: EngineLine[] = Array.from({ length: 24 }, (_, i) => ({
			id: `L${i}`,
			issued: `2024-0${1 + (i % 9)}-01`,
			sector: 'S',
			open: 1 + Math.floor(rand() * 6),
			wageUsd: 800,
			requirements: line({
				occupation: pick(['5120', '5322']),
				certificate: pick(['', '', 'COOK', 'CARE']),
				country: pick(['JP', 'TW', 'KR']),
				gender: 'any',
			}),
		}));
		const full = new Map<string, CandidateFacts>();
		const candidates: EngineCandidate[] = Array.from({ length: 160 }, (_, i) => {
			const province = pick(['32', '33', '35', '52', '53']);
			const certified = province === '32' || province === '33' ? rand() < 0.7 : rand() < 0.15;
			const facts: CandidateFacts = {
				occupation: pick(['5120', '5322']),
				countries: rand() < 0.8 ? ['*'] : [pick(['JP', 'TW', 'KR'])],
				certificates: certified ? [pick(['COOK', 'CARE'])] : [],
				languages: new Map(),
				educationRank: pick([1, 2, 3, 3, 4]),
				experienceYears: 0,
				gender: rand() < 0.6 ? 'F' : 'M',
				age: 30,
			};
			const id = `c${String(i).padStart(3, '0')}`;
			full.set(id, facts);
			return {
				id,
				registered: `2023-${String(1 + (i % 12)).padStart(2, '0')}-01`,
				province,
				gender: facts.gender,
				educationRank: facts.educationRank,
				preferredCountries: [],
				capabilityKey: JSON.stringify({ ...facts, languages: [] }),
				facts,
			};
		});
		return { lines: engineLines, candidates, full };
	};
	const fairness = { dimensions: ['province', 'gender', 'education'] as const, tolerance: 0.1 };

	it('counts the best fair assignment it has and says "time limit, gap N %" instead of failing or claiming optimal', async () => {
		let limited = 0;
		// seeds 1–4: the integer program runs, and the rounding it falls back to reaches the bound (at
		// 3 it filled one slot less before the rounding's repair weighed the fill); 5: the relaxation
		// is integral
		for (const seed of [1, 2, 3, 4, 5]) {
			const input = market(seed);
			const exact = await backtestOn(input, [], '2024-12-31', { fairness, recommendationsPerSlot: 2 });
			const cut = await backtestOn(input, [], '2024-12-31', { fairness, recommendationsPerSlot: 2, timeLimitSeconds: 0 });
			expect(exact.status, `seed ${seed}`).toBe('Optimal');
			expect(solveNote(exact)).toBe('optimal');
			// what does not depend on the fair solve is the same
			expect(cut.fillableUnconstrained).toBe(exact.fillableUnconstrained);
			expect(cut.fillableGreedy).toBe(exact.fillableGreedy);
			if (cut.status === 'Optimal') {
				// the relaxation was integral: no integer program ran, the time limit did not matter
				expect(cut.fillableOptimal).toBe(exact.fillableOptimal);
				continue;
			}
			limited++;
			expect(cut.status, `seed ${seed}`).toBe('Time limit reached');
			// the proven optimum, whose fill the stated bound covers
			expect(cut.fillableOptimal, `seed ${seed}`).toBe(exact.fillableOptimal);
			expect(cut.fillBound).toBeGreaterThanOrEqual(exact.fillableOptimal);
			expect(cut.fillBound).toBeLessThanOrEqual(cut.fillableUnconstrained);
			const gap = (100 * (cut.fillBound - cut.fillableOptimal)) / cut.fillBound;
			expect(solveNote(cut)).toBe(`time limit, gap ${gap.toFixed(1)} %`);
			// and the groups still within their bounds (±10 %, one person of rounding)
			const total = cut.groups.filter((g) => g.dimension === 'province').reduce((t, g) => t + g.recommendations, 0);
			expect(total).toBeGreaterThan(0);
			for (const g of cut.groups) {
				const share = g.pool / cut.eligible;
				expect(g.recommendations, `seed ${seed} ${g.dimension} ${g.group}`).toBeLessThanOrEqual(1.1 * share * total + 1 + 1e-9);
				expect(g.recommendations, `seed ${seed} ${g.dimension} ${g.group}`).toBeGreaterThanOrEqual(0.9 * share * total - 1 - 1e-9);
			}
		}
		// the seeds reach the integer program, not only integral relaxations
		expect(limited).toBeGreaterThan(0);
	});

	it('writes the other endings', () => {
		expect(solveNote({ status: 'Rounded', fillableOptimal: 190, fillBound: 200 })).toBe('rounded, gap 5.0 %');
		expect(solveNote({ status: 'Time limit reached', fillableOptimal: 0, fillBound: 0 })).toBe('time limit, gap 0.0 %');
		expect(solveNote({ status: 'Time limit reached', fillableOptimal: 65, fillBound: 66 })).toBe('time limit, gap 1.5 %');
	});
});
