import { describe, expect, it } from 'vitest';
import { lcg } from '../../../tests/support/lcg.ts';
import {
	type EngineOptions,
	type GroupBound,
	groupBounds,
	groupViolation,
	isFair,
	lowerUntilFair,
	type Model,
	repairFair,
} from './engine.ts';

type Fairness = NonNullable<EngineOptions['fairness']>;

/**
 * The repair as it was before its bookkeeping was kept up to date step by step (main acdd11b):
 * every step scans every node's pairs for what it allows and every pair of signatures for swaps.
 * The engine's repairFair must take exactly the same steps.
 */
function referenceRepair(m: Model, u: number[], y: number[], k: number, fairness: Fairness): number | null {
	const bounds = groupBounds(m, fairness);
	const groupIndex = new Map(bounds.map((bound, j) => [bound.key, j]));
	const G = bounds.length;
	const violation = (j: number, got: number, total: number) => groupViolation(bounds[j] as GroupBound, got, total);
	const counts = new Float64Array(G);
	let total = 0;
	const excessWith = (total: number, minus: readonly number[] | null, plus: readonly number[] | null) => {
		let e = 0;
		for (let j = 0; j < G; j++) {
			let got = counts[j] as number;
			if (minus?.includes(j)) got--;
			if (plus?.includes(j)) got++;
			e += violation(j, got, total);
		}
		return e;
	};

	// the profiles of nodes with eligible lines; a signature = the profile's groups (one per dimension)
	const nodes: number[][] = m.supplies.map(() => []);
	const signatureIndex = new Map<string, number>();
	const signatures: number[][] = [];
	const signatureOf: number[] = m.profiles.map(() => -1);
	m.profiles.forEach((profile, p) => {
		if (!(m.pairsOf[profile.s] as number[]).length) return;
		const groups = fairness.dimensions.map((d) => groupIndex.get(`${d}|${profile.groups[d]}`) as number);
		const key = groups.join(',');
		let sig = signatureIndex.get(key);
		if (sig === undefined) {
			sig = signatures.length;
			signatureIndex.set(key, sig);
			signatures.push(groups);
		}
		signatureOf[p] = sig;
		(nodes[profile.s] as number[]).push(p);
		total += u[p] ?? 0;
		for (const j of groups) counts[j] = (counts[j] as number) + (u[p] ?? 0);
	});
	const S = signatures.length;
	const size = (p: number) => (m.profiles[p] as Model['profiles'][number]).members.length;
	const canGive = (p: number) => (u[p] ?? 0) > 0;
	const canTake = (p: number) => (u[p] ?? 0) < size(p);
	// swaps[a·S + b]: (node, profile of signature a with a recommendation, other profile of b with a member to spare)
	const swaps = new Int32Array(S * S);
	const swapsBy = (a: number, b: number, by: number) => {
		swaps[a * S + b] = (swaps[a * S + b] as number) + by;
	};
	for (const list of nodes)
		for (const p of list)
			if (canGive(p)) for (const q of list) if (q !== p && canTake(q)) swapsBy(signatureOf[p] as number, signatureOf[q] as number, 1);
	/** u[p] += by, keeping counts, total and the swap table. */
	const shift = (p: number, by: number) => {
		const gave = canGive(p);
		const took = canTake(p);
		u[p] = (u[p] ?? 0) + by;
		total += by;
		for (const j of signatures[signatureOf[p] as number] as number[]) counts[j] = (counts[j] as number) + by;
		const a = signatureOf[p] as number;
		const list = nodes[(m.profiles[p] as Model['profiles'][number]).s] as number[];
		if (gave !== canGive(p)) for (const q of list) if (q !== p && canTake(q)) swapsBy(a, signatureOf[q] as number, gave ? -1 : 1);
		if (took !== canTake(p)) for (const q of list) if (q !== p && canGive(q)) swapsBy(signatureOf[q] as number, a, took ? -1 : 1);
	};

	const cap = m.lps.map((lp) => k * lp.open);
	const load = m.lps.map(() => 0);
	m.pairs.forEach((pair, i) => {
		load[pair.l] = (load[pair.l] as number) + (y[i] ?? 0);
	});
	const openOf = (l: number) => (m.lps[l] as Model['lps'][number]).open;
	/** the node's pair with room (an unfilled slot first), or -1 */
	const roomAt = (s: number, fill: boolean) => {
		let best = -1;
		for (const i of m.pairsOf[s] as number[]) {
			const l = (m.pairs[i] as Model['pairs'][number]).l;
			if ((load[l] as number) < openOf(l)) return i;
			if (!fill && best < 0 && (load[l] as number) < (cap[l] as number)) best = i;
		}
		return best;
	};
	/** the node's pair to take a recommendation from (one beyond its line profile's open slots first), or -1 */
	const takenAt = (s: number, free: boolean) => {
		let best = -1;
		for (const i of m.pairsOf[s] as number[]) {
			if ((y[i] ?? 0) <= 0) continue;
			const l = (m.pairs[i] as Model['pairs'][number]).l;
			if ((load[l] as number) > openOf(l)) return i;
			if (!free && best < 0) best = i;
		}
		return best;
	};
	const move = (i: number, by: number) => {
		y[i] = (y[i] ?? 0) + by;
		const l = (m.pairs[i] as Model['pairs'][number]).l;
		load[l] = (load[l] as number) + by;
	};

	const EPS = 1e-9;
	let excess = excessWith(total, null, null);
	while (excess > EPS) {
		// what each node allows now: an added member filling a slot / within k × slots; a removal losing no fill / any
		const addFill = new Int32Array(S).fill(-1);
		const addAny = new Int32Array(S).fill(-1);
		const removeFree = new Int32Array(S).fill(-1);
		const removeAny = new Int32Array(S).fill(-1);
		nodes.forEach((list, s) => {
			if (!list.length) return;
			const fillRoom = roomAt(s, true) >= 0;
			const anyRoom = fillRoom || roomAt(s, false) >= 0;
			const free = takenAt(s, true) >= 0;
			for (const p of list) {
				const a = signatureOf[p] as number;
				if (canTake(p) && fillRoom && (addFill[a] as number) < 0) addFill[a] = p;
				if (canTake(p) && anyRoom && (addAny[a] as number) < 0) addAny[a] = p;
				if (canGive(p) && free && (removeFree[a] as number) < 0) removeFree[a] = p;
				if (canGive(p) && (removeAny[a] as number) < 0) removeAny[a] = p;
			}
		});
		const up = new Float64Array(G);
		const down = new Float64Array(G);
		for (let j = 0; j < G; j++) {
			const now = violation(j, counts[j] as number, total);
			up[j] = violation(j, (counts[j] as number) + 1, total) - now;
			down[j] = violation(j, (counts[j] as number) - 1, total) - now;
		}
		// the best move: most fill kept (+1 add filling a slot, 0, −1 removal from a filled slot), then the largest decrease
		let best: { kind: 'swap' | 'add' | 'remove'; a: number; b: number; fill: number; delta: number } | null = null;
		const consider = (kind: 'swap' | 'add' | 'remove', a: number, b: number, fill: number, delta: number) => {
			if (delta >= -EPS) return;
			if (!best || fill > best.fill || (fill === best.fill && delta < best.delta - EPS)) best = { kind, a, b, fill, delta };
		};
		for (let a = 0; a < S; a++) {
			const ga = signatures[a] as number[];
			for (let b = 0; b < S; b++) {
				if ((swaps[a * S + b] as number) <= 0) continue;
				const gb = signatures[b] as number[];
				let delta = 0;
				for (let d = 0; d < ga.length; d++)
					if (ga[d] !== gb[d]) delta += (down[ga[d] as number] as number) + (up[gb[d] as number] as number);
				consider('swap', a, b, 0, delta);
			}
			if ((addAny[a] as number) >= 0) consider('add', -1, a, (addFill[a] as number) >= 0 ? 1 : 0, excessWith(total + 1, null, ga) - excess);
			if ((removeAny[a] as number) >= 0)
				consider('remove', a, -1, (removeFree[a] as number) >= 0 ? 0 : -1, excessWith(total - 1, ga, null) - excess);
		}
		const chosen = best as { kind: 'swap' | 'add' | 'remove'; a: number; b: number } | null;
		if (!chosen) {
			lowerUntilFair(m, u, fairness);
			return null;
		}
		let applied = false;
		if (chosen.kind === 'swap') {
			for (const list of nodes) {
				const p = list.find((x) => signatureOf[x] === chosen.a && canGive(x));
				const q = p === undefined ? undefined : list.find((x) => x !== p && signatureOf[x] === chosen.b && canTake(x));
				if (p === undefined || q === undefined) continue;
				shift(p, -1);
				shift(q, 1);
				applied = true;
				break;
			}
		} else if (chosen.kind === 'add') {
			const q = (addFill[chosen.b] as number) >= 0 ? (addFill[chosen.b] as number) : (addAny[chosen.b] as number);
			const s = (m.profiles[q] as Model['profiles'][number]).s;
			move(roomAt(s, false), 1);
			shift(q, 1);
			applied = true;
		} else {
			const p = (removeFree[chosen.a] as number) >= 0 ? (removeFree[chosen.a] as number) : (removeAny[chosen.a] as number);
			const s = (m.profiles[p] as Model['profiles'][number]).s;
			move(takenAt(s, false), -1);
			shift(p, -1);
			applied = true;
		}
		// (the move's excess was computed group by group; should the sum disagree, end by lowering)
		const next = excessWith(total, null, null);
		if (!applied || next >= excess) {
			lowerUntilFair(m, u, fairness);
			return null;
		}
		excess = next;
	}
	// every group within bounds: more members where they fill an open slot, while every bound holds
	for (let grown = true; grown; ) {
		grown = false;
		for (let s = 0; s < nodes.length && !grown; s++) {
			const i = roomAt(s, true);
			if (i < 0) continue;
			for (const q of nodes[s] as number[]) {
				if (!canTake(q) || excessWith(total + 1, null, signatures[signatureOf[q] as number] as number[]) > EPS) continue;
				move(i, 1);
				shift(q, 1);
				grown = true;
				break;
			}
		}
	}
	return m.lps.reduce((t, lp, l) => t + Math.min(lp.open, load[l] as number), 0);
}

const dimensions = ['province', 'gender', 'education'] as const;

/**
 * A seeded model as the engine builds it (supply nodes, their fairness profiles, line profiles,
 * pairs, the pool) and a start as the rounding leaves it: recommendations per profile `u`, carried
 * by an integral `y` (each node's pairs carry its profiles' recommendations, no line profile over
 * k × its open slots), often outside the groups' bounds and short of the slots.
 */
function seeded(seed: number, k: number) {
	const rand = lcg(seed);
	const int = (n: number) => Math.floor(rand() * n);
	const L = 3 + int(10);
	const lps = Array.from({ length: L }, () => ({ open: 1 + int(6) }));
	const N = 4 + int(16);
	const values: Record<(typeof dimensions)[number], string[]> = {
		province: ['11', '32', '33', '52', '91'],
		gender: ['F', 'M'],
		education: ['basic', 'secondary', 'higher'],
	};
	const profiles: { s: number; groups: Record<(typeof dimensions)[number], string>; members: unknown[] }[] = [];
	const supplies = Array.from({ length: N }, (_, s) => {
		const own: number[] = [];
		for (let n = 1 + int(4); n > 0; n--) {
			own.push(profiles.length);
			const groups = {
				province: values.province[int(5)] as string,
				gender: values.gender[int(2)] as string,
				education: values.education[int(3)] as string,
			};
			profiles.push({ s, groups, members: Array.from({ length: 1 + int(8) }) });
		}
		return { profiles: own };
	});
	const pairs: { l: number; s: number; score: number }[] = [];
	const pairsOf: number[][] = supplies.map(() => []);
	supplies.forEach((_, s) => {
		if (rand() < 0.1) return; // a node with no eligible line
		for (let l = 0; l < L; l++)
			if (rand() < 0.35) {
				(pairsOf[s] as number[]).push(pairs.length);
				pairs.push({ l, s, score: rand() });
			}
	});
	// the eligible pool: the profiles' members and others, skewed towards some groups
	const pool = new Map<string, number>();
	let poolTotal = 0;
	const count = (groups: Record<string, string>, n: number) => {
		poolTotal += n;
		for (const d of dimensions) pool.set(`${d}|${groups[d]}`, (pool.get(`${d}|${groups[d]}`) ?? 0) + n);
	};
	for (const p of profiles) count(p.groups, p.members.length);
	for (let n = int(6); n > 0; n--)
		count({ province: values.province[int(2)] as string, gender: 'F', education: values.education[int(3)] as string }, 1 + int(20));
	const m = { lps, supplies, profiles, pairs, pool, poolTotal, pairsOf } as unknown as Model;
	// the start: per profile a random number of its members, carried by the node's pairs where there is room
	const u = profiles.map(() => 0);
	const y = pairs.map(() => 0);
	const load = lps.map(() => 0);
	supplies.forEach((supply, s) => {
		for (const p of supply.profiles) {
			const want = int((profiles[p]?.members.length ?? 0) + 1);
			for (let n = 0; n < want; n++) {
				const free = (pairsOf[s] as number[]).filter(
					(i) => (load[pairs[i]?.l as number] as number) < k * (lps[pairs[i]?.l as number]?.open ?? 0),
				);
				if (!free.length) break;
				const i = free[int(free.length)] as number;
				y[i] = (y[i] as number) + 1;
				load[pairs[i]?.l as number] = (load[pairs[i]?.l as number] as number) + 1;
				u[p] = (u[p] as number) + 1;
			}
		}
	});
	return { m, u, y };
}

describe('repairFair (the rounding of large fair models)', () => {
	it('takes the same steps as the repair that rescans every node at every step, and ends fair with y carrying u', () => {
		const fairness: Fairness = { dimensions: [...dimensions], tolerance: 0.1 };
		let repaired = 0;
		let lowered = 0;
		for (let seed = 1; seed <= 300; seed++) {
			const k = 1 + (seed % 3);
			const { m, u, y } = seeded(seed, k);
			const [u0, y0] = [[...u], [...y]];
			const fill = repairFair(m, u, y, k, fairness);
			const [ur, yr] = [[...u0], [...y0]];
			const reference = referenceRepair(m, ur, yr, k, fairness);
			expect(fill, `seed ${seed} fill`).toBe(reference);
			expect(u, `seed ${seed} u`).toEqual(ur);
			expect(y, `seed ${seed} y`).toEqual(yr);
			expect(isFair(m, u, fairness), `seed ${seed} fair`).toBe(true);
			if (fill === null) {
				lowered++;
				continue;
			}
			if (u.some((v, p) => v !== u0[p])) repaired++;
			// y still carries u, within k × the open slots, and fills what it says
			const load = m.lps.map(() => 0);
			m.pairs.forEach((pair, i) => {
				load[pair.l] = (load[pair.l] as number) + (y[i] as number);
				expect(y[i], `seed ${seed} pair ${i}`).toBeGreaterThanOrEqual(0);
			});
			m.lps.forEach((lp, l) => {
				expect(load[l], `seed ${seed} line profile ${l}`).toBeLessThanOrEqual(k * lp.open);
			});
			m.supplies.forEach((supply, s) => {
				const sent = (m.pairsOf[s] as number[]).reduce((t, i) => t + (y[i] as number), 0);
				expect(sent, `seed ${seed} node ${s}`).toBe(supply.profiles.reduce((t, p) => t + (u[p] as number), 0));
			});
			expect(fill).toBe(m.lps.reduce((t, lp, l) => t + Math.min(lp.open, load[l] as number), 0));
		}
		// the seeds exercise the repair's steps, not only starts that are fair already
		expect(repaired).toBeGreaterThan(100);
		expect(lowered).toBeLessThan(300);
	});
});
