import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('$env/dynamic/private', () => ({ env: { SESSION_SECRET: 'x'.repeat(40) } }));

let session: typeof import('./session.ts');
beforeAll(async () => {
	session = await import('./session.ts');
});

const MINUTE = 60_000;

describe('sessions', () => {
	it('authenticate only known users with the demo password', () => {
		expect(session.authenticate('menteri', session.DEMO_PASSWORD)?.role).toBe('minister');
		expect(session.authenticate('kepala-ntb', session.DEMO_PASSWORD)?.province).toBe('52');
		expect(session.authenticate('menteri', 'wrong')).toBeUndefined();
		expect(session.authenticate('nobody', session.DEMO_PASSWORD)).toBeUndefined();
	});

	it('round-trip a cookie and reject tampered, made-up or foreign ones', () => {
		const store = new session.SessionStore();
		const other = new session.SessionStore();
		const user = session.authenticate('direktur', session.DEMO_PASSWORD)!;
		const cookie = store.create(user, 1_000);
		expect(store.read(cookie, 2_000)?.username).toBe('direktur');
		const [id, signature] = cookie.split('.') as [string, string];
		expect(id.length).toBeGreaterThanOrEqual(43);
		expect(store.read(`${id}.${signature}x`, 2_000)).toBeUndefined();
		expect(store.read(`${id}x.${signature}`, 2_000)).toBeUndefined();
		expect(store.read(`${id}.${signature}.x`, 2_000)).toBeUndefined();
		const forged = Buffer.from(JSON.stringify({ u: 'menteri', exp: 9e15 })).toString('base64url');
		expect(store.read(`${forged}.${signature}`, 2_000)).toBeUndefined();
		// signed with the right secret but never issued by this store: no row, no session
		expect(other.read(cookie, 2_000)).toBeUndefined();
		expect(store.read(undefined)).toBeUndefined();
		expect(store.read('')).toBeUndefined();
	});

	it('give every log-in its own random id', () => {
		const store = new session.SessionStore();
		const user = session.DEMO_USERS[0]!;
		const ids = new Set(Array.from({ length: 100 }, () => store.create(user, 0).split('.')[0]));
		expect(ids.size).toBe(100);
	});

	it('end a session on log-out: the same cookie no longer reads', () => {
		const store = new session.SessionStore();
		const cookie = store.create(session.DEMO_USERS[0]!, 0);
		const other = store.create(session.DEMO_USERS[0]!, 0);
		store.revoke(cookie);
		expect(store.read(cookie, 1)).toBeUndefined();
		expect(store.read(other, 1)?.username).toBe('menteri');
		store.revoke('garbage');
		store.revoke(undefined);
		expect(store.size).toBe(1);
	});

	it('end a session after 30 idle minutes, and keep it alive while it is used', () => {
		const store = new session.SessionStore();
		const idle = store.create(session.DEMO_USERS[0]!, 0);
		const busy = store.create(session.DEMO_USERS[1]!, 0);
		for (let t = 10 * MINUTE; t <= 60 * MINUTE; t += 10 * MINUTE) expect(store.read(busy, t)?.username, `${t}`).toBe('direktur');
		expect(store.read(idle, 30 * MINUTE - 1)?.username).toBe('menteri');
		expect(store.read(idle, 60 * MINUTE)).toBeUndefined();
		// once ended it stays ended, even at a time that would have been within the idle limit
		expect(store.read(idle, 30 * MINUTE)).toBeUndefined();
	});

	it('end every session 8 hours after log-in, however busy', () => {
		const store = new session.SessionStore();
		const cookie = store.create(session.DEMO_USERS[0]!, 0);
		let t = 0;
		for (; t <= 8 * 60 * MINUTE; t += 20 * MINUTE) expect(store.read(cookie, t)?.username, `${t}`).toBe('menteri');
		expect(store.read(cookie, 8 * 60 * MINUTE + 1)).toBeUndefined();
	});

	it('forget ended sessions when new ones start, and bound the table', () => {
		const store = new session.SessionStore({ idleMs: 30 * MINUTE, absoluteMs: 8 * 60 * MINUTE, maxSessions: 3 });
		const user = session.DEMO_USERS[0]!;
		store.create(user, 0);
		store.create(user, 0);
		store.create(user, 31 * MINUTE);
		expect(store.size).toBe(1);
		const cookies = [1, 2, 3, 4].map((i) => store.create(user, 31 * MINUTE + i));
		expect(store.size).toBe(3);
		expect(store.read(cookies[0], 32 * MINUTE)).toBeUndefined();
		expect(store.read(cookies[3], 32 * MINUTE)?.username).toBe('menteri');
	});

	it('use the same cookie attributes for setting and deleting, Secure only over https', () => {
		expect(session.sessionCookieOptions(new URL('http://127.0.0.1:3000/login'))).toEqual({
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: false,
			maxAge: 8 * 3600,
		});
		expect(session.sessionCookieOptions(new URL('https://slmi.example/login')).secure).toBe(true);
	});
});
