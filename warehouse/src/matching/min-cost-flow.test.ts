import { describe, expect, it } from 'vitest';
import { seededRandom as random } from '../forecast/model.ts';
import { maxFill } from './flow.ts';
import { highs } from './linear-model.ts';
import { type MinCostFlowProblem, minCostFlow } from './min-cost-flow.ts';

/**
 * A seeded network shaped like the engine's score stage (engine.ts, scoreFlow): supply nodes →
 * line profiles → a fill and an extra node → one sink, integer capacities and costs. At even seeds
 * as the engine builds it — pair capacities min(supply, k × open), the sink taking the most fill
 * there is (flow.ts) — at odd seeds with random capacities and fill, some with no flow at all.
 */
function network(seed: number): MinCostFlowProblem {
	const rand = random(seed);
	const S = 2 + Math.floor(rand() * 20);
	const L = 1 + Math.floor(rand() * 12);
	const k = 1 + Math.floor(rand() * 3);
	const open = Array.from({ length: L }, () => Math.floor(rand() * 6));
	const supply = Array.from({ length: S }, () => Math.floor(rand() * 7));
	const engine = seed % 2 === 0;
	const pairs: { s: number; l: number; cap: number; cost: number }[] = [];
	for (let s = 0; s < S; s++)
		for (let l = 0; l < L; l++)
			if (rand() < 0.3) {
				const cap = 1 + Math.floor(rand() * 8);
				pairs.push({ s, l, cap: engine ? Math.min(supply[s] as number, k * (open[l] as number)) : cap, cost: Math.floor(rand() * 1000) });
			}
	const held = engine ? maxFill({ supply, open, recommendationsPerSlot: k, pairs, exact: true }) : null;
	// the engine holds what a feasible assignment sends: where every candidate cannot be placed, send none
	const sent = held && !held.feasible ? supply.map(() => 0) : supply;
	const total = sent.reduce((t, v) => t + v, 0);
	const fill = held ? (held.feasible ? held.fill : 0) : Math.floor(rand() * (total + 1));
	const arcs: MinCostFlowProblem['arcs'][number][] = pairs.map((p) => ({ from: p.s, to: S + p.l, cap: p.cap, cost: p.cost }));
	const fillNode = S + L;
	const extraNode = fillNode + 1;
	const sink = fillNode + 2;
	open.forEach((o, l) => {
		arcs.push({ from: S + l, to: fillNode, cap: o, cost: 0 });
		arcs.push({ from: S + l, to: extraNode, cap: (k - 1) * o, cost: 0 });
	});
	arcs.push({ from: fillNode, to: sink, cap: fill, cost: 0 });
	arcs.push({ from: extraNode, to: sink, cap: total - fill, cost: 0 });
	const balance = [...sent, ...open.map(() => 0), 0, 0, -total];
	return { balance, arcs };
}

/** The same problem as an LP in HiGHS (a network LP: its optimum is the integer one). */
async function byHighs(p: MinCostFlowProblem): Promise<{ status: string; cost: number }> {
	const solver = await highs();
	const rows = p.balance.map((b, v) => {
		const terms = p.arcs.flatMap((a, e) => [...(a.from === v ? [` + x${e}`] : []), ...(a.to === v ? [` - x${e}`] : [])]);
		return ` n${v}: ${terms.length ? terms.join('') : '0 dummy'} = ${b}`;
	});
	const text = [
		'Minimize',
		` obj: ${p.arcs.map((a, e) => `${a.cost} x${e}`).join(' + ') || '0 dummy'}`,
		'Subject To',
		...rows,
		'Bounds',
		...p.arcs.map((a, e) => ` 0 <= x${e} <= ${a.cap}`),
		' dummy = 0',
		'End',
	].join('\n');
	const solved = solver.solve(text, { output_flag: false } as never);
	return { status: solved.Status, cost: solved.ObjectiveValue };
}

describe('minimum-cost flow (network simplex)', () => {
	it('finds the LP optimum of 300 seeded networks, or no flow exactly when the LP is infeasible', async () => {
		let feasible = 0;
		let infeasible = 0;
		for (let seed = 1; seed <= 300; seed++) {
			const p = network(seed);
			const flow = minCostFlow(p);
			const lp = await byHighs(p);
			if (!flow) {
				expect(lp.status, `seed ${seed}`).toBe('Infeasible');
				// the engine's networks always have a flow (fixedFill placed every candidate sent)
				expect(seed % 2, `seed ${seed}`).toBe(1);
				infeasible++;
				continue;
			}
			feasible++;
			expect(lp.status, `seed ${seed}`).toBe('Optimal');
			expect(flow.cost, `seed ${seed}`).toBeCloseTo(lp.cost, 6);
			// the flow itself: within capacities, every balance met, integral, its cost as stated
			const net = p.balance.map(() => 0);
			p.arcs.forEach((a, e) => {
				const x = flow.flow[e] as number;
				expect(Number.isInteger(x) && x >= 0 && x <= a.cap, `seed ${seed} arc ${e}`).toBe(true);
				net[a.from] = (net[a.from] as number) + x;
				net[a.to] = (net[a.to] as number) - x;
			});
			expect(net, `seed ${seed}`).toEqual(p.balance.map((b) => b + 0));
			expect(p.arcs.reduce((t, a, e) => t + a.cost * (flow.flow[e] as number), 0)).toBe(flow.cost);
		}
		// both kinds occur
		expect(feasible).toBeGreaterThan(50);
		expect(infeasible).toBeGreaterThan(10);
	});

	it('takes the cheaper of two routes and leaves no flow unplaced', () => {
		// 0 supplies 3; 1 → 2 costs 1, 1 → 3 costs 5; both reach the sink 4 with room for 2 each
		const solved = minCostFlow({
			balance: [3, 0, 0, 0, -3],
			arcs: [
				{ from: 0, to: 1, cap: 3, cost: 0 },
				{ from: 1, to: 2, cap: 2, cost: 1 },
				{ from: 1, to: 3, cap: 2, cost: 5 },
				{ from: 2, to: 4, cap: 2, cost: 0 },
				{ from: 3, to: 4, cap: 2, cost: 0 },
			],
		});
		expect(solved?.flow).toEqual([3, 2, 1, 2, 1]);
		expect(solved?.cost).toBe(7);
		expect(minCostFlow({ balance: [3, -3], arcs: [{ from: 0, to: 1, cap: 2, cost: 0 }] })).toBeNull();
	});
});
