import { describe, expect, it } from 'vitest';
import { seededRandom as random } from '../forecast/model.ts';
import { type FlowProblem, maxFill } from './flow.ts';
import { highs } from './linear-model.ts';

function market(seed: number, exact: boolean): FlowProblem {
	const rand = random(seed);
	const S = 3 + Math.floor(rand() * 25);
	const L = 2 + Math.floor(rand() * 15);
	const pairs: { s: number; l: number }[] = [];
	for (let s = 0; s < S; s++) for (let l = 0; l < L; l++) if (rand() < 0.25) pairs.push({ s, l });
	return {
		supply: Array.from({ length: S }, () => Math.floor(rand() * 9)),
		open: Array.from({ length: L }, () => Math.floor(rand() * 7)),
		recommendationsPerSlot: 1 + Math.floor(rand() * 3),
		pairs,
		exact,
	};
}

/** The same model as an integer program in HiGHS, written out here (as the engine's lpText did before the flow). */
async function byHighs(p: FlowProblem): Promise<{ status: string; fill: number }> {
	const solver = await highs();
	const k = p.recommendationsPerSlot;
	const rows: string[] = [];
	p.supply.forEach((n, s) => {
		const ys = p.pairs.flatMap((pair, i) => (pair.s === s ? [`y${i}`] : []));
		if (ys.length) rows.push(` c${s}: ${ys.join(' + ')} ${p.exact ? '=' : '<='} ${n}`);
		else if (p.exact && n > 0) rows.push(` c${s}: dummy = ${n}`);
	});
	p.open.forEach((open, l) => {
		const ys = p.pairs.flatMap((pair, i) => (pair.l === l ? [`y${i}`] : []));
		if (ys.length) rows.push(` k${l}: ${ys.join(' + ')} <= ${k * open}`);
		rows.push(` f${l}: x${l}${ys.map((y) => ` - ${y}`).join('')} <= 0`);
	});
	const text = [
		'Maximize',
		` obj: ${p.open.map((_, l) => `x${l}`).join(' + ')}`,
		'Subject To',
		...rows,
		'Bounds',
		...p.open.map((open, l) => ` 0 <= x${l} <= ${open}`),
		' dummy = 0',
		'Generals',
		` ${[...p.open.map((_, l) => `x${l}`), ...p.pairs.map((_, i) => `y${i}`)].join(' ')}`,
		'End',
	].join('\n');
	const solution = solver.solve(text, { output_flag: false, mip_rel_gap: 0 } as never);
	return { status: solution.Status, fill: Math.round(solution.ObjectiveValue) };
}

function check(p: FlowProblem, solution: ReturnType<typeof maxFill>) {
	const k = p.recommendationsPerSlot;
	const sent = p.supply.map(() => 0);
	const load = p.open.map(() => 0);
	p.pairs.forEach((pair, i) => {
		const y = solution.y[i] as number;
		expect(Number.isInteger(y) && y >= 0).toBe(true);
		sent[pair.s] = (sent[pair.s] as number) + y;
		load[pair.l] = (load[pair.l] as number) + y;
	});
	p.supply.forEach((n, s) => {
		if (p.exact && solution.feasible) expect(sent[s]).toBe(n);
		else expect(sent[s]).toBeLessThanOrEqual(n);
	});
	p.open.forEach((open, l) => {
		expect(load[l]).toBeLessThanOrEqual(k * open);
		expect(solution.f[l]).toBeLessThanOrEqual(Math.min(open, load[l] as number));
	});
	expect(solution.f.reduce((t, v) => t + v, 0)).toBe(solution.fill);
}

describe('maximum flow for the fill (flow.ts)', () => {
	it('fills 2 where first come first served fills 1 (the engine test case, as a flow)', () => {
		// supply node 0 (holds the certificate) is eligible for both lines, node 1 only for the first
		const p: FlowProblem = {
			supply: [1, 1],
			open: [1, 1],
			recommendationsPerSlot: 1,
			pairs: [
				{ s: 0, l: 0 },
				{ s: 0, l: 1 },
				{ s: 1, l: 0 },
			],
			exact: false,
		};
		const solution = maxFill(p);
		expect(solution.fill).toBe(2);
		expect(solution.y).toEqual([0, 1, 1]);
	});

	it('equals the integer program without fairness on 200 seeded markets', async () => {
		for (let seed = 1; seed <= 200; seed++) {
			const p = market(seed, false);
			const solution = maxFill(p);
			check(p, solution);
			expect(solution.fill, `seed ${seed}`).toBe((await byHighs(p)).fill);
		}
	});

	it('with every candidate sent held (the fair model with u fixed): the same fill as the integer program, or infeasible when it is', async () => {
		let infeasible = 0;
		for (let seed = 1; seed <= 200; seed++) {
			const drawn = market(seed, true);
			// hold what a feasible assignment sends for half the markets: scale the supply down
			const p = seed % 2 === 0 ? { ...drawn, supply: drawn.supply.map((n) => Math.floor(n / 3)) } : drawn;
			const solution = maxFill(p);
			const mip = await byHighs(p);
			check(p, solution);
			if (mip.status === 'Infeasible') {
				infeasible++;
				expect(solution.feasible, `seed ${seed}`).toBe(false);
			} else {
				expect(mip.status).toBe('Optimal');
				expect(solution.feasible, `seed ${seed}`).toBe(true);
				expect(solution.fill, `seed ${seed}`).toBe(mip.fill);
			}
		}
		// both kinds occur
		expect(infeasible).toBeGreaterThan(10);
		expect(infeasible).toBeLessThan(190);
	});
});
