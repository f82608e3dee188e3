/**
 * Failed log-ins are counted per user name and per client address in a fixed window: after
 * `limit` failures within `windowMs` of the first, that key is locked until the window ends, and
 * every log-in on it is refused (429) without a look at the password — the right password too,
 * or a lock would only slow an attacker who guessed it. Addresses get a higher limit than names
 * because an office or a carrier puts many people behind one address; IPv6 addresses count per
 * /64, the block one subscriber usually holds.
 *
 * The counts live in this web process's memory: a restart forgets them, and several web
 * processes behind one proxy each count on their own, so a guesser gets up to N times the limits
 * with N processes (docs/performance.md "How serving scales past one machine"; a shared counter
 * would make them exact). A lock also stops the real user for its window; that is the price of refusing a
 * guessed password.
 */

export interface ThrottleRule {
	limit: number;
	windowMs: number;
}

export const USER_RULE: ThrottleRule = { limit: 5, windowMs: 15 * 60_000 };
export const ADDRESS_RULE: ThrottleRule = { limit: 20, windowMs: 15 * 60_000 };

interface Window {
	failures: number;
	started: number;
}

export class LoginThrottle {
	private readonly windows = new Map<string, Window>();

	constructor(
		private readonly rules: { user: ThrottleRule; address: ThrottleRule; maxKeys: number } = {
			user: USER_RULE,
			address: ADDRESS_RULE,
			maxKeys: 100_000,
		},
	) {}

	/** Seconds until a log-in for this user from this address may be tried again; 0 when it may now. */
	retryAfter(username: string, address: string, now = Date.now()): number {
		const waits = this.keys(username, address).map(([key, rule]) => {
			const window = this.current(key, rule, now);
			return window && window.failures >= rule.limit ? Math.ceil((window.started + rule.windowMs - now) / 1000) : 0;
		});
		return Math.max(0, ...waits);
	}

	recordFailure(username: string, address: string, now = Date.now()): void {
		for (const [key, rule] of this.keys(username, address)) {
			const window = this.current(key, rule, now);
			if (window) window.failures++;
			else this.start(key, now);
		}
	}

	/** A right password clears the user name's count; the address keeps its own. */
	recordSuccess(username: string): void {
		this.windows.delete(`user:${username}`);
	}

	get size(): number {
		return this.windows.size;
	}

	private keys(username: string, address: string): [string, ThrottleRule][] {
		return [
			[`user:${username}`, this.rules.user],
			[`address:${addressKey(address)}`, this.rules.address],
		];
	}

	private current(key: string, rule: ThrottleRule, now: number): Window | undefined {
		const window = this.windows.get(key);
		if (window && now - window.started >= rule.windowMs) {
			this.windows.delete(key);
			return undefined;
		}
		return window;
	}

	private start(key: string, now: number): void {
		if (this.windows.size >= this.rules.maxKeys) this.sweep(now);
		this.windows.set(key, { failures: 1, started: now });
	}

	/**
	 * Drops ended windows, then the oldest unlocked ones, and only then the oldest locked ones: a
	 * flood of made-up user names must not push a real lock out of the table.
	 */
	private sweep(now: number): void {
		const longest = Math.max(this.rules.user.windowMs, this.rules.address.windowMs);
		for (const [key, window] of this.windows) if (now - window.started >= longest) this.windows.delete(key);
		const smallest = Math.min(this.rules.user.limit, this.rules.address.limit);
		for (const [key, window] of this.windows) {
			if (this.windows.size < this.rules.maxKeys) return;
			if (window.failures < smallest) this.windows.delete(key);
		}
		for (const key of this.windows.keys()) {
			if (this.windows.size < this.rules.maxKeys) return;
			this.windows.delete(key);
		}
	}
}

/**
 * The throttling key of a client address: IPv4 as is (also when written IPv4-mapped, ::ffff:a.b.c.d),
 * IPv6 by its first 64 bits.
 */
export function addressKey(address: string): string {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped) return mapped[1] as string;
	if (!address.includes(':')) return address;
	const [head = '', tail = ''] = (address.split('%')[0] ?? '').toLowerCase().split('::');
	const headGroups = head ? head.split(':') : [];
	const tailGroups = address.includes('::') && tail ? tail.split(':') : [];
	const missing = 8 - headGroups.length - tailGroups.length;
	const groups = [...headGroups, ...Array(Math.max(0, missing)).fill('0'), ...tailGroups];
	return `${groups
		.slice(0, 4)
		.map((g) => g.replace(/^0+(?=.)/, ''))
		.join(':')}::/64`;
}

/** The web process's log-in throttle. */
export const loginThrottle = new LoginThrottle();
