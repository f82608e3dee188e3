/**
 * The web app's result cache (issue #13): Cube's answers kept in this process, keyed by
 * (query, scope, data version), and shared by every user of the same scope. A scope is the set of
 * users Cube answers the same way (cube/src/access.ts `rewriteQuery`, cube/src/auth.ts):
 * - `minister` and `director`: read everything (kept apart all the same, so a rule added for one
 *   role later can never leak the other's answer);
 * - `regional:<province>`: Cube limits candidate-level detail to that province, so every province
 *   is its own scope;
 * - `public`: the public views through the suppression pipeline only.
 * `sub` (the user name) is only logged by Cube and is not part of a scope.
 *
 * Entries are dropped when the data version changes (a batch landed, the rollups were rebuilt:
 * data-version.ts), and least recently used first beyond a memory bound. Each is asked again after
 * a maximum age (60 s; 5 s while the data settles: the pre-aggregations Cube serves are rebuilt
 * after the last change the version sees, see data-version.ts): for as long again after that age,
 * a request for it is answered at once from the kept answer of the same version while one refresh
 * runs in the background (stale while revalidate, as data-version.ts's clock does), so no request
 * waits for Cube because an answer it had grew old — before, every user of a page waited for the
 * page's 20–35 refreshes at once, every minute (issue #13, the page mix). An answer older than
 * twice its age is never given. Identical queries in flight are sent to Cube once (single flight).
 * Failures are never cached; a failed refresh leaves the kept answer until its stale time ends.
 */

export interface Scoped {
	role: 'minister' | 'director' | 'regional' | 'public';
	province?: string;
}

/** The cache scope of a Cube context: the users Cube answers identically. */
export function cacheScope(context: Scoped): string {
	switch (context.role) {
		case 'minister':
		case 'director':
		case 'public':
			return context.role;
		case 'regional':
			if (!context.province) throw new Error('A regional context must name its province');
			return `regional:${context.province}`;
		default:
			throw new Error(`No cache scope for role ${String((context as { role: unknown }).role)}`);
	}
}

/**
 * Strings JSON writes as they are between quotes: no quote, backslash, control or non-ASCII
 * character. Member names, codes and dates all are; quoting them here skips JSON.stringify, which
 * in this process is core-js's wrapper (loaded with @cubejs-client/core), twice as slow as Node's
 * own — a page makes 20–35 keys (docs/performance.md, "Per-page server work").
 */
const PLAIN_STRING = /^[\w .:,/-]*$/;

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` are one query. */
export function stableJson(value: unknown): string {
	if (typeof value === 'string') return PLAIN_STRING.test(value) ? `"${value}"` : JSON.stringify(value);
	if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
	if (value && typeof value === 'object') {
		let out = '';
		for (const key of Object.keys(value).sort()) {
			const v = (value as Record<string, unknown>)[key];
			if (v !== undefined) out += `${out ? ',' : ''}${stableJson(key)}:${stableJson(v)}`;
		}
		return `{${out}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

export function cacheKey(query: unknown, context: Scoped, version: string): string {
	return `${cacheScope(context)}\u0000${version}\u0000${stableJson(query)}`;
}

export interface CacheLimits {
	/** estimated bytes of all entries together */
	maxBytes: number;
	/** entries older than this are asked again (ms) */
	maxAgeMs: number;
	/**
	 * for how long past its age an entry of the current version is still answered while it is
	 * asked again in the background (ms; at most the entry's own age; 0: never, callers wait)
	 */
	staleMs?: number;
}

export interface CacheStats {
	entries: number;
	bytes: number;
	hits: number;
	misses: number;
	coalesced: number;
	evicted: number;
	/** answers given from an entry past its age while it was asked again */
	stale: number;
	/** background refreshes started for such entries */
	refreshes: number;
}

interface Entry<V> {
	value: V;
	bytes: number;
	version: string;
	expires: number;
	/** until when it is answered (stale) while being asked again */
	staleUntil: number;
}

/**
 * A least-recently-used map with a byte budget (Map keeps insertion order: a hit moves the entry to
 * the end, eviction takes from the start), plus single flight for loads in progress.
 */
export class ResultCache<V> {
	private readonly entries = new Map<string, Entry<V>>();
	private readonly inFlight = new Map<string, Promise<V>>();
	private bytes = 0;
	private readonly counts = { hits: 0, misses: 0, coalesced: 0, evicted: 0, stale: 0, refreshes: 0 };

	constructor(
		private readonly limits: CacheLimits,
		private readonly now: () => number = Date.now,
	) {}

	/**
	 * The cached answer for `key`, or the answer `load` gives (sent once however many callers ask
	 * meanwhile), kept when `size` says how big it is, for `maxAgeMs` (default: the cache's limit).
	 * Past that age, and for as long again (at most `staleMs`), the kept answer is given at once
	 * while `load` runs once in the background to replace it (called with `background` true, so the
	 * caller can keep such refreshes from crowding out the loads requests wait for).
	 */
	async get(
		key: string,
		version: string,
		load: (background: boolean) => Promise<V>,
		size: (value: V) => number,
		maxAgeMs?: number,
	): Promise<V> {
		const entry = this.entries.get(key);
		const now = this.now();
		if (entry && entry.version === version && now <= entry.staleUntil) {
			this.entries.delete(key);
			this.entries.set(key, entry);
			if (now <= entry.expires) {
				this.counts.hits += 1;
				return entry.value;
			}
			this.counts.stale += 1;
			if (!this.inFlight.has(key)) {
				this.counts.refreshes += 1;
				// a failed refresh is not kept, and the stale answer stays until its time ends
				this.loadOnce(key, version, () => load(true), size, maxAgeMs).catch(() => {});
			}
			return entry.value;
		}
		if (entry) this.remove(key);
		const pending = this.inFlight.get(key);
		if (pending) {
			this.counts.coalesced += 1;
			return pending;
		}
		this.counts.misses += 1;
		return this.loadOnce(key, version, () => load(false), size, maxAgeMs);
	}

	/**
	 * The kept answer for `key` of `version` while it is within its age, else undefined: never
	 * loads, never waits for a load in flight, never gives a stale answer (that asks again, which
	 * only `get` does). A hit counts and moves the entry to the end, as in `get`.
	 */
	peek(key: string, version: string): V | undefined {
		const entry = this.entries.get(key);
		if (!entry || entry.version !== version || this.now() > entry.expires) return undefined;
		this.entries.delete(key);
		this.entries.set(key, entry);
		this.counts.hits += 1;
		return entry.value;
	}

	/** Runs `load` for `key` (the single flight every caller of the key shares) and keeps its answer. */
	private async loadOnce(key: string, version: string, load: () => Promise<V>, size: (value: V) => number, maxAgeMs?: number): Promise<V> {
		const promise = load().then((value) => {
			this.store(key, version, value, size(value), Math.min(maxAgeMs ?? this.limits.maxAgeMs, this.limits.maxAgeMs));
			return value;
		});
		this.inFlight.set(key, promise);
		try {
			return await promise;
		} finally {
			this.inFlight.delete(key);
		}
	}

	/** Drops every entry of another data version (called when the version changes). */
	dropOtherVersions(version: string): void {
		for (const [key, entry] of this.entries) if (entry.version !== version) this.remove(key);
	}

	clear(): void {
		this.entries.clear();
		this.bytes = 0;
	}

	stats(): CacheStats {
		return { entries: this.entries.size, bytes: this.bytes, ...this.counts };
	}

	private store(key: string, version: string, value: V, bytes: number, maxAgeMs: number): void {
		if (bytes > this.limits.maxBytes / 4) return; // one huge answer must not flush everyone else's
		this.remove(key);
		const expires = this.now() + maxAgeMs;
		const staleMs = Math.min(maxAgeMs, this.limits.staleMs ?? 0);
		this.entries.set(key, { value, bytes, version, expires, staleUntil: expires + staleMs });
		this.bytes += bytes;
		for (const oldest of this.entries.keys()) {
			if (this.bytes <= this.limits.maxBytes) break;
			this.remove(oldest);
			this.counts.evicted += 1;
		}
	}

	private remove(key: string): void {
		const entry = this.entries.get(key);
		if (!entry) return;
		this.entries.delete(key);
		this.bytes -= entry.bytes;
	}
}

/** A positive whole number from the environment, or the default. */
export function envNumber(raw: string | undefined, fallback: number): number {
	const n = Number(raw);
	return raw !== undefined && raw !== '' && Number.isFinite(n) && n >= 0 ? n : fallback;
}
