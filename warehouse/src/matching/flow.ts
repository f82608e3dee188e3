/**
 * The engine's fill without fairness and its fill with the recommendations per fairness profile
 * held, as maximum flows (issue #15 §1: the re-solve within the freshness budget). Both are
 * transportation problems — supply nodes (candidates) to line profiles, every arc's capacity an
 * integer — so a combinatorial maximum flow gives the same optimum as the LP the engine solved
 * with HiGHS before, exactly and integral, in milliseconds instead of seconds of LP text and
 * simplex at national scale (docs/matching.md "Scale").
 *
 * Network: source → supply node s (capacity: the candidates it may send), s → line profile l for
 * every eligible pair (unbounded: the line's own arcs bound it), l → sink twice — a "fill" arc of
 * capacity open_l (a slot filled) and an "extra" arc of capacity (k − 1) × open_l (recommended
 * beyond the open slots, filling nothing). The fill is the flow on the fill arcs.
 *
 * Two phases (Dinic's algorithm, BFS levels and blocking flows): first the maximum flow through
 * the fill arcs alone, which is the most slots fillable; then, when every candidate sent must be
 * placed (`exact`), the extra arcs are opened and the flow augmented further. An augmenting path
 * enters the sink once and never leaves it, so no arc into the sink loses flow: the fill of phase
 * 1 is kept, and phase 2 ends at the maximum flow of the whole network — every candidate placed
 * if any flow places them all. (Any flow's paths that end on fill arcs are a flow of the fill-only
 * network, so no flow fills more than phase 1.)
 */

export interface FlowProblem {
	/** per supply node: how many candidates it may (or, with `exact`, must) send */
	supply: readonly number[];
	/** per line profile: open slots */
	open: readonly number[];
	/** at most this many recommendations per open slot of a line (k ≥ 1) */
	recommendationsPerSlot: number;
	/** eligible pairs: supply node s, line profile l */
	pairs: readonly { s: number; l: number }[];
	/** every supply node must send all of `supply` (the model with the recommendations per fairness profile held) */
	exact: boolean;
}

export interface FlowSolution {
	/** slots filled: Σ_l min(open_l, Σ_s y[l,s]) at the maximum */
	fill: number;
	/** per pair: candidates of s recommended to l */
	y: number[];
	/** per line profile: slots filled */
	f: number[];
	/** with `exact`: whether every supply node could send all it must (false: the held model is infeasible) */
	feasible: boolean;
}

export function maxFill(problem: FlowProblem): FlowSolution {
	const S = problem.supply.length;
	const L = problem.open.length;
	const source = S + L;
	const sink = S + L + 1;
	const n = S + L + 2;
	const edgeCount = 2 * (S + problem.pairs.length + 2 * L);
	const to = new Int32Array(edgeCount);
	const cap = new Float64Array(edgeCount);
	const next = new Int32Array(edgeCount);
	const head = new Int32Array(n).fill(-1);
	let m = 0;
	const arc = (a: number, b: number, c: number) => {
		to[m] = b;
		cap[m] = c;
		next[m] = head[a] as number;
		head[a] = m++;
		to[m] = a;
		cap[m] = 0;
		next[m] = head[b] as number;
		head[b] = m++;
		return m - 2;
	};
	let total = 0;
	for (let s = 0; s < S; s++) {
		total += problem.supply[s] as number;
		arc(source, s, problem.supply[s] as number);
	}
	const pairArc = problem.pairs.map((p) => arc(p.s, S + p.l, Number.POSITIVE_INFINITY));
	const fillArc = problem.open.map((open, l) => arc(S + l, sink, open));
	const extraArc = problem.open.map((_, l) => arc(S + l, sink, 0));

	const level = new Int32Array(n);
	const iter = new Int32Array(n);
	const queue = new Int32Array(n);
	const bfs = () => {
		level.fill(-1);
		level[source] = 0;
		let qh = 0;
		let qt = 0;
		queue[qt++] = source;
		while (qh < qt) {
			const v = queue[qh++] as number;
			for (let e = head[v] as number; e >= 0; e = next[e] as number) {
				const w = to[e] as number;
				if ((cap[e] as number) > 0 && (level[w] as number) < 0) {
					level[w] = (level[v] as number) + 1;
					queue[qt++] = w;
				}
			}
		}
		return (level[sink] as number) >= 0;
	};
	// an augmenting path along increasing levels, iteratively (paths can zigzag through many nodes)
	const stack = new Int32Array(n);
	const edgeOn = new Int32Array(n);
	const augment = (): number => {
		let depth = 0;
		stack[0] = source;
		let pushed = 0;
		while (true) {
			const v = stack[depth] as number;
			if (v === sink) {
				let bottleneck = Number.POSITIVE_INFINITY;
				for (let d = 0; d < depth; d++) bottleneck = Math.min(bottleneck, cap[edgeOn[d] as number] as number);
				for (let d = 0; d < depth; d++) {
					const e = edgeOn[d] as number;
					cap[e] = (cap[e] as number) - bottleneck;
					cap[e ^ 1] = (cap[e ^ 1] as number) + bottleneck;
				}
				pushed += bottleneck;
				// back to the source: the next path starts again from the current arcs
				depth = 0;
				continue;
			}
			let e = iter[v] as number;
			while (e >= 0) {
				const w = to[e] as number;
				if ((cap[e] as number) > 0 && (level[w] as number) === (level[v] as number) + 1) break;
				e = next[e] as number;
			}
			iter[v] = e;
			if (e >= 0) {
				edgeOn[depth] = e;
				stack[++depth] = to[e] as number;
				continue;
			}
			// dead end: no path from v this phase
			if (depth === 0) return pushed;
			level[v] = -1;
			depth--;
			const back = edgeOn[depth] as number;
			iter[stack[depth] as number] = next[back] as number;
		}
	};
	const maxflow = () => {
		let flow = 0;
		while (bfs()) {
			iter.set(head);
			flow += augment();
		}
		return flow;
	};

	const fill = maxflow();
	let placed = fill;
	if (problem.exact && placed < total) {
		const extra = Math.max(0, problem.recommendationsPerSlot - 1);
		problem.open.forEach((open, l) => {
			cap[extraArc[l] as number] = extra * open;
		});
		placed += maxflow();
	}
	return {
		fill,
		y: pairArc.map((e) => cap[e ^ 1] as number),
		f: fillArc.map((e) => cap[e ^ 1] as number),
		feasible: !problem.exact || placed === total,
	};
}
