/**
 * Log-in for the internal pages. Sessions are a signed, http-only cookie naming the user; the
 * role and province that go into the Cube token come from the server's user table, never from
 * the browser. The demo users (demo-users.ts) stand in for the ministry's identity provider.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { env } from '$env/dynamic/private';
import { DEMO_PASSWORD, DEMO_USERS, type User } from './demo-users.ts';

export { DEMO_PASSWORD, DEMO_USERS, type Role, type User } from './demo-users.ts';

export const SESSION_COOKIE = 'slmi_session';
const SESSION_HOURS = 8;

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

export function createSession(user: User, now = Date.now()): string {
	const payload = Buffer.from(JSON.stringify({ u: user.username, exp: now + SESSION_HOURS * 3600_000 })).toString('base64url');
	return `${payload}.${sign(payload)}`;
}

export function readSession(cookie: string | undefined, now = Date.now()): User | undefined {
	if (!cookie) return undefined;
	const [payload, signature] = cookie.split('.');
	if (!payload || !signature) return undefined;
	const expected = Buffer.from(sign(payload));
	const given = Buffer.from(signature);
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
	try {
		const { u, exp } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { u: string; exp: number };
		if (typeof exp !== 'number' || exp < now) return undefined;
		return DEMO_USERS.find((user) => user.username === u);
	} catch {
		return undefined;
	}
}
