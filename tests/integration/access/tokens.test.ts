/**
 * Only tokens signed with the Cube secret get in; the reason for a refusal is in the body, and no
 * body carries a stack trace.
 */
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { tokenFor } from '../../support/cube-client.ts';
import { ask, cube, MINISTER, post, rawGet } from './access-client.ts';

const QUERY = JSON.stringify({ measures: ['placements.placements'] });

function unsigned(claims: Record<string, unknown>): string {
	const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
	return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

describe('tokens', () => {
	it('answer a signed token', async () => {
		const { status, body } = await ask(MINISTER, 'load', JSON.parse(QUERY));
		expect(status).toBe(200);
		expect(Number(body.data?.[0]?.['placements.placements'])).toBeGreaterThan(0);
	});

	it('refuse a request without a token: 401', async () => {
		const res = await rawGet('load', null, QUERY);
		expect(res.status).toBe(401);
		expect(res.body.error).toMatch(/Authorization header missing/);
		expect((await post(null, 'load', JSON.stringify({ query: JSON.parse(QUERY) }))).status).toBe(401);
	});

	it('refuse a token that is not signed with the secret, garbage, or unsigned: 401', async () => {
		const wrong = await new SignJWT({ role: 'minister' })
			.setProtectedHeader({ alg: 'HS256' })
			.setExpirationTime('5m')
			.sign(new TextEncoder().encode('some-other-secret-that-is-long-enough-0000'));
		for (const token of [wrong, 'not-a-token', unsigned({ role: 'minister' })]) {
			const res = await rawGet('load', `Bearer ${token}`, QUERY);
			expect(res.status, token).toBe(401);
			expect(res.body.error).toMatch(/Invalid token/);
		}
	});

	it('refuse an expired token: 401 saying so', async () => {
		const expired = await new SignJWT({ role: 'minister' })
			.setProtectedHeader({ alg: 'HS256' })
			.setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
			.setExpirationTime(Math.floor(Date.now() / 1000) - 60)
			.sign(new TextEncoder().encode(cube.apiSecret));
		const res = await rawGet('load', `Bearer ${expired}`, QUERY);
		expect(res.status).toBe(401);
		expect(res.body.error).toBe('Invalid token: token expired');
	});

	it('refuse a token without an expiry, or with a lifetime over 24 hours: 401', async () => {
		const key = new TextEncoder().encode(cube.apiSecret);
		const now = Math.floor(Date.now() / 1000);
		const cases: [string, SignJWT, RegExp][] = [
			['no exp', new SignJWT({ role: 'minister' }).setIssuedAt(), /Invalid token: it has no expiry/],
			['no exp nor iat', new SignJWT({ role: 'minister' }), /Invalid token: it has no expiry/],
			['25 h', new SignJWT({ role: 'minister' }).setIssuedAt().setExpirationTime('25h'), /Invalid token: it lives longer than 24 hours/],
			['25 h, no iat', new SignJWT({ role: 'minister' }).setExpirationTime(now + 25 * 3600), /longer than 24 hours/],
			['iat back-dated', new SignJWT({ role: 'minister' }).setIssuedAt(now - 30 * 3600).setExpirationTime('1h'), /longer than 24 hours/],
			['exp not a number', new SignJWT({ role: 'minister', exp: 'never' } as never).setIssuedAt(), /Invalid token/],
		];
		for (const [name, jwt, message] of cases) {
			const token = await jwt.setProtectedHeader({ alg: 'HS256' }).sign(key);
			for (const path of ['load', 'meta']) {
				const res = await rawGet(path, `Bearer ${token}`, path === 'load' ? QUERY : undefined);
				expect(res.status, `${name} ${path}`).toBe(401);
				expect(res.body.error, name).toMatch(message);
			}
		}
		const day = await new SignJWT({ role: 'minister' })
			.setProtectedHeader({ alg: 'HS256' })
			.setIssuedAt()
			.setExpirationTime('24h')
			.sign(key);
		expect((await rawGet('load', `Bearer ${day}`, QUERY)).status).toBe(200);
	});

	it('refuse a token that is not valid yet: 401 saying so', async () => {
		const key = new TextEncoder().encode(cube.apiSecret);
		for (const claims of [{ role: 'minister' }, { role: 'public' }]) {
			const early = await new SignJWT(claims)
				.setProtectedHeader({ alg: 'HS256' })
				.setIssuedAt()
				.setNotBefore('10m')
				.setExpirationTime('20m')
				.sign(key);
			const path = claims.role === 'public' ? 'meta' : 'load';
			const res = await rawGet(path, `Bearer ${early}`, path === 'load' ? QUERY : undefined);
			expect(res.status, claims.role).toBe(401);
			expect(res.body.error).toBe('Invalid token: not valid yet');
		}
	});

	it('refuse a signed token without a valid role, or a regional one without a valid province: 403', async () => {
		for (const claims of [
			{},
			{ role: 'admin' },
			{ role: 'regional' },
			{ role: 'regional', province: 'NTB' },
			{ role: 'regional', province: '99' },
		]) {
			const res = await rawGet('load', `Bearer ${await tokenFor(cube, claims)}`, QUERY);
			expect(res.status, JSON.stringify(claims)).toBe(403);
			expect(res.body.error).toMatch(/role|province/);
		}
	});

	it('never put a stack trace into an error body', async () => {
		const bodies = [
			await rawGet('load', null, QUERY),
			await rawGet('load', 'Bearer x', QUERY),
			await rawGet('load', `Bearer ${await tokenFor(cube, { role: 'admin' })}`, QUERY),
		];
		for (const { body } of bodies) {
			expect(body).not.toHaveProperty('stack');
			expect(JSON.stringify(body)).not.toMatch(/node_modules|at .*\.js:\d+/);
		}
	});
});
