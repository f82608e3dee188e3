/**
 * A minimum-cost flow by the primal network simplex method: the engine's score stage with the
 * recommendations per fairness profile held (engine.ts, `scoreFlow`), which HiGHS solved as an LP
 * of ~100,000 columns in about 2 s at national scale (docs/matching.md "Scale"). The method follows
 * the textbook one as LEMON's NetworkSimplex implements it (Kiraly & Kovacs, "Efficient
 * implementations of minimum-cost flow algorithms", 2012): an artificial root joined to every node,
 * a strongly feasible spanning tree, block-search pricing, and the leaving arc chosen so that the
 * tree stays strongly feasible (no cycling). Exact on integer data: capacities, supplies and costs
 * are integers, every flow and potential stays an integer below 2^53.
 */

export interface CostArc {
	from: number;
	to: number;
	/** capacity (lower bound 0) */
	cap: number;
	/** cost per unit, an integer ≥ 0 */
	cost: number;
}

export interface MinCostFlowProblem {
	/** per node: supply (> 0) or demand (< 0); they sum to 0 */
	balance: readonly number[];
	arcs: readonly CostArc[];
	/** give up (null) after this many pivots */
	maxPivots?: number;
}

export interface MinCostFlowSolution {
	/** per arc */
	flow: number[];
	cost: number;
	pivots: number;
}

const LOWER = 1;
const TREE = 0;
const UPPER = -1;
const UP = 1;
const DOWN = -1;

/** The flow meeting every balance at the least total cost, or null when none exists (or past maxPivots). */
export function minCostFlow(problem: MinCostFlowProblem): MinCostFlowSolution | null {
	const n = problem.balance.length;
	const m = problem.arcs.length;
	if (problem.balance.reduce((t, b) => t + b, 0) !== 0) return null;
	const root = n;
	const all = m + n;
	const source = new Int32Array(all);
	const target = new Int32Array(all);
	const cap = new Float64Array(all);
	const cost = new Float64Array(all);
	const flow = new Float64Array(all);
	const state = new Int8Array(all);
	let maxCost = 0;
	problem.arcs.forEach((a, e) => {
		source[e] = a.from;
		target[e] = a.to;
		cap[e] = a.cap;
		cost[e] = a.cost;
		state[e] = LOWER;
		if (a.cost > maxCost) maxCost = a.cost;
	});
	const ART_COST = (maxCost + 1) * (n + 1);
	// the tree: parent, the arc to it and its direction, depth; children as doubly linked lists
	const parent = new Int32Array(n + 1).fill(-1);
	const pred = new Int32Array(n + 1).fill(-1);
	const predDir = new Int8Array(n + 1);
	const depth = new Int32Array(n + 1);
	const firstChild = new Int32Array(n + 1).fill(-1);
	const nextSibling = new Int32Array(n + 1).fill(-1);
	const prevSibling = new Int32Array(n + 1).fill(-1);
	const pi = new Float64Array(n + 1);
	const addChild = (p: number, c: number) => {
		parent[c] = p;
		prevSibling[c] = -1;
		nextSibling[c] = firstChild[p] as number;
		if ((firstChild[p] as number) >= 0) prevSibling[firstChild[p] as number] = c;
		firstChild[p] = c;
	};
	const removeChild = (c: number) => {
		const p = parent[c] as number;
		const prev = prevSibling[c] as number;
		const next = nextSibling[c] as number;
		if (prev >= 0) nextSibling[prev] = next;
		else firstChild[p] = next;
		if (next >= 0) prevSibling[next] = prev;
		prevSibling[c] = -1;
		nextSibling[c] = -1;
	};
	for (let u = 0; u < n; u++) {
		const e = m + u;
		cap[e] = Number.POSITIVE_INFINITY;
		state[e] = TREE;
		const b = problem.balance[u] as number;
		if (b >= 0) {
			source[e] = u;
			target[e] = root;
			flow[e] = b;
			cost[e] = 0;
			predDir[u] = UP;
			pi[u] = 0;
		} else {
			source[e] = root;
			target[e] = u;
			flow[e] = -b;
			cost[e] = ART_COST;
			predDir[u] = DOWN;
			pi[u] = ART_COST;
		}
		pred[u] = e;
		depth[u] = 1;
		addChild(root, u);
	}

	const blockSize = Math.max(10, Math.ceil(Math.sqrt(m)));
	let nextArc = 0;
	const maxPivots = problem.maxPivots ?? 50 * (m + n) + 1000;
	let pivots = 0;
	const stack: number[] = [];
	for (;;) {
		// pricing: the most violating arc of the first block that has one
		let inArc = -1;
		let min = 0;
		let count = blockSize;
		let e = nextArc;
		for (let scanned = 0; scanned < m; scanned++) {
			const c = (state[e] as number) * ((cost[e] as number) + (pi[source[e] as number] as number) - (pi[target[e] as number] as number));
			if (c < min) {
				min = c;
				inArc = e;
			}
			e = e + 1 === m ? 0 : e + 1;
			if (--count === 0) {
				if (min < 0) break;
				count = blockSize;
			}
		}
		if (inArc < 0) break;
		nextArc = e;
		if (++pivots > maxPivots) return null;

		// the cycle: the entering arc and the tree paths from its ends to where they join
		let first: number;
		let second: number;
		if (state[inArc] === LOWER) {
			first = source[inArc] as number;
			second = target[inArc] as number;
		} else {
			first = target[inArc] as number;
			second = source[inArc] as number;
		}
		let a = source[inArc] as number;
		let b = target[inArc] as number;
		while (a !== b) {
			if ((depth[a] as number) >= (depth[b] as number)) a = parent[a] as number;
			else b = parent[b] as number;
		}
		const join = a;
		// the leaving arc: the blocking arc met last on the cycle from the join (strongly feasible)
		let delta = cap[inArc] as number;
		let result = 0;
		let uOut = -1;
		for (let u = first; u !== join; u = parent[u] as number) {
			const t = pred[u] as number;
			const d = predDir[u] === DOWN ? (cap[t] as number) - (flow[t] as number) : (flow[t] as number);
			if (d < delta) {
				delta = d;
				uOut = u;
				result = 1;
			}
		}
		for (let u = second; u !== join; u = parent[u] as number) {
			const t = pred[u] as number;
			const d = predDir[u] === UP ? (cap[t] as number) - (flow[t] as number) : (flow[t] as number);
			if (d <= delta) {
				delta = d;
				uOut = u;
				result = 2;
			}
		}
		if (delta === Number.POSITIVE_INFINITY) return null; // a negative cycle of unbounded capacity: not our networks
		if (delta > 0) {
			const val = (state[inArc] as number) * delta;
			flow[inArc] = (flow[inArc] as number) + val;
			for (let u = source[inArc] as number; u !== join; u = parent[u] as number)
				flow[pred[u] as number] = (flow[pred[u] as number] as number) - (predDir[u] as number) * val;
			for (let u = target[inArc] as number; u !== join; u = parent[u] as number)
				flow[pred[u] as number] = (flow[pred[u] as number] as number) + (predDir[u] as number) * val;
		}
		if (result === 0) {
			// the entering arc itself blocks: it goes from one bound to the other
			state[inArc] = -(state[inArc] as number);
			continue;
		}
		const uIn = result === 1 ? first : second;
		const vIn = result === 1 ? second : first;
		const outArc = pred[uOut] as number;
		state[inArc] = TREE;
		state[outArc] = (flow[outArc] as number) === 0 ? LOWER : UPPER;
		// re-hang the subtree below the leaving arc from the entering arc: reverse the path uIn … uOut
		removeChild(uOut);
		let child = uIn;
		let childPred = inArc;
		let childDir = source[inArc] === uIn ? UP : DOWN;
		let newParent = vIn;
		for (;;) {
			const oldParent = parent[child] as number;
			const oldPred = pred[child] as number;
			const oldDir = predDir[child] as number;
			if (child !== uOut) removeChild(child);
			addChild(newParent, child);
			pred[child] = childPred;
			predDir[child] = childDir;
			if (child === uOut) break;
			newParent = child;
			childPred = oldPred;
			childDir = -oldDir;
			child = oldParent;
		}
		// potentials and depths of the re-hung subtree
		const sigma =
			(predDir[uIn] === UP ? (pi[vIn] as number) - (cost[inArc] as number) : (pi[vIn] as number) + (cost[inArc] as number)) -
			(pi[uIn] as number);
		stack.push(uIn);
		while (stack.length) {
			const u = stack.pop() as number;
			pi[u] = (pi[u] as number) + sigma;
			depth[u] = (depth[parent[u] as number] as number) + 1;
			for (let c = firstChild[u] as number; c >= 0; c = nextSibling[c] as number) stack.push(c);
		}
	}
	for (let e = m; e < all; e++) if ((flow[e] as number) !== 0) return null;
	let total = 0;
	for (let e = 0; e < m; e++) total += (flow[e] as number) * (cost[e] as number);
	return { flow: Array.from(flow.subarray(0, m)), cost: total, pivots };
}
