/**
 * Reconciliation: forecasts of a total and of its parts made separately do not add up; these
 * functions move each one, in proportion to its forecast variance, until they do (weighted least
 * squares under the constraint total = Σ parts, the "WLS-var" / diagonal MinT solution for one
 * level). A hierarchy (nation → countries → country × sector) is reconciled top-down one level at
 * a time: nation against its countries, then each reconciled country against its sectors.
 *
 * With d = total − Σ parts and V = v_total + Σ v_i:
 *   part_i' = part_i + v_i / V · d,   total' = total − v_total / V · d   (so total' = Σ part_i').
 * A part pushed below zero is set to zero and the rest re-solved without it. Interval bounds move
 * with their point by the same factor (point' / point); a zero point moves them by the same amount
 * instead; and the reconciled interval also keeps the series' own (the hull of both, `moved`).
 */
import { type Forecast, type Interval, Z95 } from './model.ts';

/** Forecast variance on the count scale, read from the 95 % interval. */
export function varianceOf(step: Interval): number {
	const sd = (step.hi95 - step.lo95) / (2 * Z95);
	return Math.max(sd * sd, 1e-9);
}

function shifted(step: Interval, point: number): Interval {
	if (step.point > 0) {
		const f = point / step.point;
		return { point, lo80: step.lo80 * f, hi80: step.hi80 * f, lo95: step.lo95 * f, hi95: step.hi95 * f };
	}
	const d = point - step.point;
	const up = (v: number) => Math.max(0, v + d);
	return { point, lo80: up(step.lo80), hi80: up(step.hi80), lo95: up(step.lo95), hi95: up(step.hi95) };
}

/**
 * The reconciled interval: the series' own interval moved with its point, widened where needed to
 * keep the own interval too (the hull of both). Reconciling medians moves small series a long way
 * relative to their size (the total's median is above the sum of its parts' medians, and a small
 * count has a large variance for its size), and moving their bounds with the point alone lifted
 * lower bounds above the zeros and small counts that happened (72 % held in the back-test's small
 * series against 81 % before reconciliation).
 */
function moved(step: Interval, point: number): Interval {
	const m = shifted(step, point);
	return {
		point,
		lo80: Math.min(step.lo80, m.lo80),
		hi80: Math.max(step.hi80, m.hi80),
		lo95: Math.min(step.lo95, m.lo95),
		hi95: Math.max(step.hi95, m.hi95),
	};
}

/**
 * Reconciles one month: a total and its parts. `fixedTotal`: the total is already final (it was
 * reconciled one level up) and only the parts move.
 */
export function reconcileStep(total: Interval, parts: Interval[], fixedTotal = false): { total: Interval; parts: Interval[] } {
	if (parts.length === 0) return { total, parts };
	const vTotal = fixedTotal ? 0 : varianceOf(total);
	const v = parts.map(varianceOf);
	const free = parts.map(() => true);
	let points = parts.map((p) => p.point);
	let totalPoint = total.point;
	for (let round = 0; round <= parts.length; round++) {
		const sumFree = parts.reduce((s, p, i) => s + (free[i] ? p.point : 0), 0);
		const vFree = v.reduce((s, x, i) => s + (free[i] ? x : 0), 0);
		const d = total.point - sumFree;
		const V = vTotal + vFree;
		if (V <= 0) {
			// every part is clipped at zero and the total is fixed: nothing left to move
			points = parts.map(() => 0);
			totalPoint = fixedTotal ? total.point : 0;
			break;
		}
		points = parts.map((p, i) => (free[i] ? p.point + (v[i]! / V) * d : 0));
		totalPoint = total.point - (vTotal / V) * d;
		const negative = points.map((p, i) => free[i] && p < 0);
		if (!negative.some(Boolean)) break;
		negative.forEach((n, i) => {
			if (n) free[i] = false;
		});
	}
	// a fixed total with every part clipped keeps its own value only if some part can carry it
	if (fixedTotal && Math.abs(points.reduce((a, b) => a + b, 0) - total.point) > 1e-6 * Math.max(1, total.point)) {
		const sum = parts.reduce((s, p) => s + p.point, 0);
		points = parts.map((p) => (sum > 0 ? (p.point / sum) * total.point : total.point / parts.length));
		totalPoint = total.point;
	}
	return { total: moved(total, totalPoint), parts: parts.map((p, i) => moved(p, points[i]!)) };
}

/** A node of the hierarchy: its own forecast and its children (keys of `forecasts`). */
export interface HierarchyNode {
	key: string;
	children: HierarchyNode[];
}

/**
 * Reconciles every month of a hierarchy of forecasts (same start and horizon for all), top-down,
 * returning new forecasts keyed like the input. The root is moved only by its children's
 * variance; every lower node is final once its parent is.
 */
export function reconcileHierarchy(root: HierarchyNode, forecasts: ReadonlyMap<string, Forecast>): Map<string, Interval[]> {
	const out = new Map<string, Interval[]>();
	const visit = (node: HierarchyNode, fixed: boolean) => {
		const own = fixed ? out.get(node.key)! : forecasts.get(node.key)!.steps;
		if (node.children.length === 0) {
			if (!fixed) out.set(node.key, own);
			return;
		}
		const childSteps = node.children.map((c) => forecasts.get(c.key)!.steps);
		const total: Interval[] = [];
		const parts: Interval[][] = node.children.map(() => []);
		own.forEach((step, h) => {
			const r = reconcileStep(
				step,
				childSteps.map((s) => s[h]!),
				fixed,
			);
			total.push(r.total);
			r.parts.forEach((p, i) => {
				parts[i]!.push(p);
			});
		});
		out.set(node.key, total);
		node.children.forEach((c, i) => {
			out.set(c.key, parts[i]!);
		});
		for (const c of node.children) visit(c, true);
	};
	visit(root, false);
	return out;
}
