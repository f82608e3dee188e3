/**
 * Seeded pseudo-random numbers for the generator. Nothing here reads the clock or Math.random():
 * the same keys always give the same numbers, on every machine and Node version, because only
 * 32-bit integer arithmetic (Math.imul, shifts) and IEEE division are used.
 *
 * Streams are derived, not shared: `Rng.derive(seed, STREAM, a, b, …)` hashes its keys into a
 * fresh sfc32 state, so the numbers a job-order line's story draws depend only on that line's
 * keys — adding a draw to one story, or a new distribution elsewhere, does not shift the others.
 */

/** Stream ids: one per independent purpose. Append new ones; never renumber (that reshuffles output). */
export const STREAM = {
	plan: 1,
	cellMonth: 2,
	line: 3,
	placed: 4,
	applicant: 5,
	waiting: 6,
	waitingMonth: 7,
	ids: 8,
} as const;

/** murmur3's 32-bit finaliser: a cheap, well-mixed bijection on uint32. */
export function fmix32(h: number): number {
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/** Hashes a list of integers (each taken mod 2^32) into one uint32. */
export function hashInts(keys: readonly number[], salt = 0x9e3779b9): number {
	let h = salt >>> 0;
	for (const k of keys) {
		// Numbers above 2^32 (e.g. large indices) contribute both halves.
		const lo = k >>> 0;
		const hi = Math.floor(k / 4294967296) >>> 0;
		h = fmix32(h ^ Math.imul(lo, 0xcc9e2d51));
		h = (Math.imul(h ^ (h >>> 15), 0x1b873593) + hi) >>> 0;
	}
	return fmix32(h);
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128-bit state, passes PractRand to
 * terabytes, and costs a handful of integer operations per number.
 */
export class Rng {
	private a: number;
	private b: number;
	private c: number;
	private d: number;

	constructor(s0: number, s1: number, s2: number, s3: number) {
		this.a = s0 | 0;
		this.b = s1 | 0;
		this.c = s2 | 0;
		this.d = s3 | 0;
	}

	/**
	 * A fresh stream for (seed, stream, a, b, c, d). Fixed arity, no arrays: stories derive millions
	 * of these. Unused keys are 0; streams of different purposes never share a `stream` id.
	 */
	static derive(seed: number, stream: number, a = 0, b = 0, c = 0, d = 0): Rng {
		return new Rng(0, 0, 0, 0).reset(seed, stream, a, b, c, d);
	}

	/** Re-seeds this generator in place as `derive` would (saves an allocation per story). */
	reset(seed: number, stream: number, a = 0, b = 0, c = 0, d = 0): this {
		// Two independent hash chains, so distinct keys collide with probability ~2^-64, not 2^-32.
		const ahi = Math.floor(a / 4294967296) >>> 0;
		let h = fmix32((seed ^ 0x243f6a88) >>> 0);
		let g = fmix32((seed ^ 0x85a308d3) >>> 0);
		h = fmix32((h ^ Math.imul(stream, 0xcc9e2d51)) >>> 0);
		g = fmix32((g ^ Math.imul(stream, 0x1b873593)) >>> 0);
		h = fmix32(((h ^ Math.imul(a >>> 0, 0x1b873593)) + ahi) >>> 0);
		g = fmix32(((g ^ Math.imul(a >>> 0, 0xcc9e2d51)) + ahi) >>> 0);
		h = fmix32(((h ^ Math.imul(b >>> 0, 0xcc9e2d51)) + 0x6b43a9b5) >>> 0);
		g = fmix32(((g ^ Math.imul(b >>> 0, 0x1b873593)) + 0x13198a2e) >>> 0);
		h = fmix32(((h ^ Math.imul(c >>> 0, 0x1b873593)) + 0x2545f491) >>> 0);
		g = fmix32(((g ^ Math.imul(c >>> 0, 0xcc9e2d51)) + 0x03707344) >>> 0);
		h = fmix32(((h ^ Math.imul(d >>> 0, 0xcc9e2d51)) + 0x3c6ef372) >>> 0);
		g = fmix32(((g ^ Math.imul(d >>> 0, 0x1b873593)) + 0xa4093822) >>> 0);
		this.a = h | 0;
		this.b = g | 0;
		this.c = fmix32(h ^ 0x299f31d0) | 0;
		this.d = fmix32(g ^ 0x082efa98) | 0;
		// The seed words are already hashed; a few rounds separate nearby seeds.
		for (let i = 0; i < 8; i++) this.next();
		return this;
	}

	/** uint32 */
	next(): number {
		const t = (((this.a + this.b) | 0) + this.d) | 0;
		this.d = (this.d + 1) | 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) | 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.c = (this.c + t) | 0;
		return t >>> 0;
	}

	/** [0, 1) */
	float(): number {
		return this.next() / 4294967296;
	}

	/** integer in [0, n) */
	int(n: number): number {
		return Math.floor(this.float() * n);
	}

	/** integer in [lo, hi] */
	range(lo: number, hi: number): number {
		return lo + Math.floor(this.float() * (hi - lo + 1));
	}

	chance(p: number): boolean {
		return this.float() < p;
	}

	/** Standard normal (Box–Muller, one of the pair). */
	normal(): number {
		const u = 1 - this.float();
		const v = this.float();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	/** Exponential with the given mean. */
	exp(mean: number): number {
		return -Math.log(1 - this.float()) * mean;
	}

	/** Poisson(lambda): Knuth for small means, a rounded normal above 30. */
	poisson(lambda: number): number {
		if (lambda <= 0) return 0;
		if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
		const limit = Math.exp(-lambda);
		let k = 0;
		let p = this.float();
		while (p > limit) {
			k++;
			p *= this.float();
		}
		return k;
	}

	/** Binomial(n, p): exact for small n, a clamped rounded normal for large n·p·(1−p). */
	binomial(n: number, p: number): number {
		if (p <= 0 || n <= 0) return 0;
		if (p >= 1) return n;
		const variance = n * p * (1 - p);
		if (n > 60 && variance > 12) {
			const k = Math.round(n * p + Math.sqrt(variance) * this.normal());
			return Math.max(0, Math.min(n, k));
		}
		let k = 0;
		for (let i = 0; i < n; i++) if (this.float() < p) k++;
		return k;
	}

	/** Rounds x up or down at random so that the expectation is x. */
	round(x: number): number {
		const f = Math.floor(x);
		return f + (this.float() < x - f ? 1 : 0);
	}
}

/**
 * A discrete distribution over indices 0..n-1, sampled by binary search on the cumulative weights.
 * Zero weights are never drawn.
 */
export class Discrete {
	readonly cumulative: Float64Array;
	readonly total: number;

	constructor(weights: ArrayLike<number>) {
		const cumulative = new Float64Array(weights.length);
		let total = 0;
		for (let i = 0; i < weights.length; i++) {
			const w = weights[i] ?? 0;
			if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`Discrete: bad weight ${w} at ${i}`);
			total += w;
			cumulative[i] = total;
		}
		this.cumulative = cumulative;
		this.total = total;
	}

	get size(): number {
		return this.cumulative.length;
	}

	sample(rng: Rng): number {
		const target = rng.float() * this.total;
		const c = this.cumulative;
		let lo = 0;
		let hi = c.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if ((c[mid] as number) > target) hi = mid;
			else lo = mid + 1;
		}
		// lo is the first index whose cumulative weight exceeds the target, so a zero weight (equal
		// cumulative value to its predecessor) is never returned.
		return lo;
	}

	probability(i: number): number {
		const c = this.cumulative;
		return ((c[i] as number) - (i > 0 ? (c[i - 1] as number) : 0)) / this.total;
	}
}

/**
 * A keyed bijection on [0, 2^40): a 4-round Feistel network over two 20-bit halves. Used to turn a
 * running index into an id that is unique (it is a permutation) but reveals neither the order of
 * registration nor the volume.
 */
export function permute40(index: number, key: number): number {
	if (index < 0 || index >= 2 ** 40) throw new Error(`permute40: index ${index} out of range`);
	let left = Math.floor(index / 1048576) & 0xfffff;
	let right = index & 0xfffff;
	for (let round = 0; round < 4; round++) {
		const f = fmix32((right ^ Math.imul(key + round, 0x9e3779b1)) >>> 0) & 0xfffff;
		const next = left ^ f;
		left = right;
		right = next;
	}
	return left * 1048576 + right;
}

const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 40 bits as 8 Crockford base-32 characters. */
export function base32of40(n: number): string {
	let s = '';
	let hi = Math.floor(n / 1048576);
	let lo = n % 1048576;
	for (let i = 0; i < 4; i++) {
		s = BASE32[lo & 31] + s;
		lo >>>= 5;
	}
	for (let i = 0; i < 4; i++) {
		s = BASE32[hi & 31] + s;
		hi >>>= 5;
	}
	return s;
}
