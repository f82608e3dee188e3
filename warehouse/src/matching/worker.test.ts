import { describe, expect, it } from 'vitest';
import { lcg } from '../../../tests/support/lcg.ts';
import type { CandidateFacts } from './eligibility.ts';
import { type EngineCandidate, type EngineLine, runEngine } from './engine.ts';
import { planTraining } from './planner.ts';
import { packResult, solveInWorker, unpackRecommendations } from './run.ts';

// a seeded market: two occupations, certificates and a language asked by some lines, five provinces
const rand = lcg(7);
const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
const lines: EngineLine[] = Array.from({ length: 40 }, (_, i) => ({
	id: `L${i}`,
	issued: `2026-0${1 + (i % 9)}-01`,
	sector: 'hospitality',
	open: 1 + Math.floor(rand() * 8),
	wageUsd: 800 + Math.floor(rand() * 900),
	requirements: {
		occupation: pick(['5120', '5322']),
		country: pick(['JP', 'TW', 'KR']),
		certificate: pick(['', '', 'COOK', 'CARE']),
		language: pick(['', '', 'ja']),
		languageLevel: 2,
		educationRank: 0,
		experienceYears: 0,
		gender: 'any',
		ageMin: 0,
		ageMax: 0,
	},
}));
const candidates: EngineCandidate[] = Array.from({ length: 400 }, (_, i) => {
	const facts: CandidateFacts = {
		occupation: pick(['5120', '5322']),
		countries: ['*'],
		certificates: rand() < 0.4 ? [pick(['COOK', 'CARE'])] : [],
		languages: new Map(rand() < 0.3 ? [['ja', 1 + Math.floor(rand() * 3)]] : []),
		educationRank: pick([1, 2, 3, 4]),
		experienceYears: 0,
		gender: rand() < 0.6 ? 'F' : 'M',
		age: 30,
	};
	return {
		id: `c${i}`,
		registered: `2025-${String(1 + (i % 12)).padStart(2, '0')}-01`,
		province: pick(['32', '33', '35', '52', '53']),
		gender: facts.gender,
		educationRank: facts.educationRank,
		preferredCountries: [],
		capabilityKey: JSON.stringify({ ...facts, languages: [...facts.languages] }),
		facts,
	};
});
const asOf = '2026-11-15';

describe('the engine and planner in a worker thread', () => {
	it('answers what the same engine and planner answer in this thread, while this thread keeps running', async () => {
		let ticks = 0;
		const timer = setInterval(() => ticks++, 1);
		const solving = solveInWorker({ candidates, lines, bodies: [], engine: { asOf }, planner: {} });
		const [read, engine, plan] = await Promise.all([solving.read, solving.engine, solving.plan]);
		// given its input, the worker reads nothing
		expect(read).toEqual({ asOf, lines: lines.length, candidates: candidates.length, seconds: 0, candidatesRead: null });
		clearInterval(timer);
		// this thread's timers ran while the worker solved (an engine solving in this thread blocks them)
		expect(ticks).toBeGreaterThan(0);
		const here = await runEngine(candidates, lines, { asOf });
		expect(engine.fillableOptimal).toBeGreaterThan(0);
		// (timings aside)
		expect({ ...engine, seconds: 0, steps: null }).toEqual({ ...here, seconds: 0, steps: null });
		const planHere = await planTraining(candidates, lines, [], {});
		expect({ ...plan, seconds: 0 }).toEqual({ ...planHere, seconds: 0 });
	});

	it('hands the recommendations over as columns that give back the same list, and as objects when an id holds a newline', async () => {
		const result = await runEngine(candidates, lines, { asOf });
		const packed = packResult(result);
		expect(packed).not.toBeNull();
		expect(unpackRecommendations(packed!.packed.packed)).toEqual(result.recommendations);
		expect(packResult({ ...result, recommendations: [] })?.packed.packed).toMatchObject({ lineIds: '', candidateIds: '' });
		expect(unpackRecommendations(packResult({ ...result, recommendations: [] })!.packed.packed)).toEqual([]);
		const odd = { ...result, recommendations: [{ ...result.recommendations[0]!, candidateId: 'a\nb' }] };
		expect(packResult(odd)).toBeNull();
	});

	it('rejects with the engine’s own message when the engine fails', async () => {
		// a candidate without facts: the engine throws reading them
		const broken = [{ ...(candidates[0] as EngineCandidate), facts: undefined as unknown as CandidateFacts }];
		const solving = solveInWorker({ candidates: broken, lines, bodies: [], engine: { asOf }, planner: null });
		await expect(solving.engine).rejects.toThrow(/Cannot read properties of undefined/);
		await expect(solving.plan).rejects.toThrow(/no planner/);
	});

	it('reads its input itself when told where: a warehouse that does not answer is its rejection', async () => {
		// nothing listens on port 1: the worker's own connection is refused (the read succeeding is
		// tested against the stack's warehouse, tests/integration/metrics/matching-worker.test.ts)
		const nowhere = { url: 'http://127.0.0.1:1', username: 'default', password: '', database: 'default' };
		const solving = solveInWorker({ read: nowhere, engine: {}, planner: {} });
		await expect(solving.read).rejects.toThrow(/ECONNREFUSED/);
		await expect(solving.engine).rejects.toThrow(/ECONNREFUSED/);
		await expect(solving.plan).rejects.toThrow(/ECONNREFUSED/);
	});

	it('a failed read awaited alone (as runMatching does, stopping there) leaves no unhandled rejection behind', async () => {
		// at 10× scale the read failed and the engine's rejection, awaited by nobody, ended the process
		const unhandled: unknown[] = [];
		const note = (reason: unknown) => unhandled.push(reason);
		process.on('unhandledRejection', note);
		try {
			const nowhere = { url: 'http://127.0.0.1:1', username: 'default', password: '', database: 'default' };
			const solving = solveInWorker({ read: nowhere, engine: {}, planner: {} });
			await expect(solving.read).rejects.toThrow(/ECONNREFUSED/);
			// Node reports an unhandled rejection after the microtasks of the turn it happened in
			await new Promise((resolve) => setTimeout(resolve, 200));
			expect(unhandled).toEqual([]);
		} finally {
			process.off('unhandledRejection', note);
		}
	});
});
