import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('$env/dynamic/private', () => ({ env: { SESSION_SECRET: 'x'.repeat(40) } }));

let session: typeof import('./session.ts');
beforeAll(async () => {
	session = await import('./session.ts');
});

describe('sessions', () => {
	it('authenticate only known users with the demo password', () => {
		expect(session.authenticate('menteri', session.DEMO_PASSWORD)?.role).toBe('minister');
		expect(session.authenticate('kepala-ntb', session.DEMO_PASSWORD)?.province).toBe('52');
		expect(session.authenticate('menteri', 'wrong')).toBeUndefined();
		expect(session.authenticate('nobody', session.DEMO_PASSWORD)).toBeUndefined();
	});

	it('round-trip a signed cookie and reject tampered or expired ones', () => {
		const user = session.authenticate('direktur', session.DEMO_PASSWORD)!;
		const cookie = session.createSession(user, 1_000);
		expect(session.readSession(cookie, 2_000)?.username).toBe('direktur');
		const [payload, signature] = cookie.split('.');
		const forged = Buffer.from(JSON.stringify({ u: 'menteri', exp: 9e15 })).toString('base64url');
		expect(session.readSession(`${forged}.${signature}`, 2_000)).toBeUndefined();
		expect(session.readSession(`${payload}.${signature}x`, 2_000)).toBeUndefined();
		expect(session.readSession(cookie, 1_000 + 9 * 3600_000)).toBeUndefined();
		expect(session.readSession(undefined)).toBeUndefined();
	});
});
