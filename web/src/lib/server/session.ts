/**
 * Log-in for the internal pages. A session lives on the server (an in-memory table in this web
 * process); the browser's http-only cookie carries only its random id, signed so that a guessed or
 * altered id is refused before the table is read. Log-out deletes the row, so a copied cookie stops
 * working at once. A session ends after 30 minutes without a request (idle) and 8 hours after
 * log-in (absolute), whichever comes first. The role and province that go into the Cube token come
 * from the server's user table, never from the browser. The demo users (demo-users.ts) stand in for
 * the ministry's identity provider.
 *
 * The table is per process: a restart logs everyone out, and several web processes behind one
 * address keep each user on the process holding their session (the proxy's cookie prefix,
 * scripts/haproxy.ts; docs/performance.md "How serving scales past one machine").
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { env } from '$env/dynamic/private';
import { DEMO_PASSWORD, DEMO_USERS, type User } from './demo-users.ts';

export { DEMO_PASSWORD, DEMO_USERS, type Role, type User } from './demo-users.ts';

export const SESSION_COOKIE = 'slmi_session';
export const SESSION_ABSOLUTE_MS = 8 * 3600_000;
export const SESSION_IDLE_MS = 30 * 60_000;
/** Longer is refused without a look at the password (and never echoed back into the page). */
export const MAX_USERNAME_LENGTH = 64;
export const MAX_PASSWORD_LENGTH = 256;

function secret(): string {
	const value = env.SESSION_SECRET;
	if (!value || value.length < 32) throw new Error('SESSION_SECRET (32+ characters) is not set on the web server');
	return value;
}

function sign(payload: string): string {
	return createHmac('sha256', secret()).update(payload).digest('base64url');
}

export function authenticate(username: string, password: string): User | undefined {
	const user = DEMO_USERS.find((u) => u.username === username);
	const given = Buffer.from(password);
	const expected = Buffer.from(DEMO_PASSWORD);
	const ok = given.length === expected.length && timingSafeEqual(given, expected);
	return user && ok ? user : undefined;
}

/**
 * The cookie's attributes, the same when it is set and when it is deleted: a deletion carrying
 * `Secure` over http is ignored by browsers, which would keep the cookie.
 */
export function sessionCookieOptions(url: URL): { path: string; httpOnly: boolean; sameSite: 'lax'; secure: boolean; maxAge: number } {
	return { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', maxAge: SESSION_ABSOLUTE_MS / 1000 };
}

interface StoredSession {
	username: string;
	created: number;
	lastSeen: number;
}

/** The server-side session table; the clock is a parameter so tests can move time. */
export class SessionStore {
	private readonly sessions = new Map<string, StoredSession>();

	constructor(
		private readonly limits: { idleMs: number; absoluteMs: number; maxSessions: number } = {
			idleMs: SESSION_IDLE_MS,
			absoluteMs: SESSION_ABSOLUTE_MS,
			maxSessions: 100_000,
		},
	) {}

	/** Starts a session and returns the cookie value: `<random id>.<HMAC of the id>`. */
	create(user: User, now = Date.now()): string {
		this.sweep(now);
		const id = randomBytes(32).toString('base64url');
		this.sessions.set(id, { username: user.username, created: now, lastSeen: now });
		return `${id}.${sign(id)}`;
	}

	/** The user of a live session (and marks it used), or undefined. */
	read(cookie: string | undefined, now = Date.now()): User | undefined {
		const id = this.verifiedId(cookie);
		if (!id) return undefined;
		const session = this.sessions.get(id);
		if (!session) return undefined;
		if (this.expired(session, now)) {
			this.sessions.delete(id);
			return undefined;
		}
		session.lastSeen = now;
		return DEMO_USERS.find((user) => user.username === session.username);
	}

	/** Ends the session a cookie names; a cookie naming no session is ignored. */
	revoke(cookie: string | undefined): void {
		const id = this.verifiedId(cookie);
		if (id) this.sessions.delete(id);
	}

	get size(): number {
		return this.sessions.size;
	}

	private verifiedId(cookie: string | undefined): string | undefined {
		if (!cookie || cookie.length > 200) return undefined;
		const [id, signature, extra] = cookie.split('.');
		if (!id || !signature || extra !== undefined) return undefined;
		const expected = Buffer.from(sign(id));
		const given = Buffer.from(signature);
		if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
		return id;
	}

	private expired(session: StoredSession, now: number): boolean {
		return now - session.lastSeen > this.limits.idleMs || now - session.created > this.limits.absoluteMs;
	}

	/** Drops ended sessions, and the oldest ones if the table is still full. */
	private sweep(now: number): void {
		for (const [id, session] of this.sessions) if (this.expired(session, now)) this.sessions.delete(id);
		for (const id of this.sessions.keys()) {
			if (this.sessions.size < this.limits.maxSessions) break;
			this.sessions.delete(id);
		}
	}
}

/** The web process's sessions. */
export const sessions = new SessionStore();
