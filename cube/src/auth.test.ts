import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { verifyAuthorization } from './auth.ts';

const key = new TextEncoder().encode('a-test-secret-that-is-long-enough-for-hs256');
const now = Math.floor(Date.now() / 1000);

async function refusal(jwt: SignJWT): Promise<string> {
	const token = await jwt.setProtectedHeader({ alg: 'HS256' }).sign(key);
	try {
		await verifyAuthorization(key, `Bearer ${token}`);
	} catch (error) {
		const e = error as { status?: number; message: string };
		return `${e.status} ${e.message}`;
	}
	return 'accepted';
}

describe('token lifetime', () => {
	it('accepts a token that expires within 24 hours', async () => {
		expect(await refusal(new SignJWT({ role: 'minister' }).setIssuedAt().setExpirationTime('15m'))).toBe('accepted');
		expect(await refusal(new SignJWT({ role: 'minister' }).setIssuedAt().setExpirationTime('24h'))).toBe('accepted');
		expect(await refusal(new SignJWT({ role: 'minister' }).setExpirationTime('1h'))).toBe('accepted');
	});

	it('refuses a token without exp, or living longer than 24 hours', async () => {
		expect(await refusal(new SignJWT({ role: 'minister' }).setIssuedAt())).toBe('401 Invalid token: it has no expiry (exp)');
		expect(await refusal(new SignJWT({ role: 'minister' }))).toMatch(/^401 .*no expiry/);
		expect(await refusal(new SignJWT({ role: 'minister' }).setIssuedAt().setExpirationTime('25h'))).toMatch(/^401 .*longer than 24 hours/);
		expect(await refusal(new SignJWT({ role: 'minister' }).setExpirationTime(now + 25 * 3600))).toMatch(/longer than 24 hours/);
		// an iat in the future does not stretch the lifetime
		expect(await refusal(new SignJWT({ role: 'minister' }).setIssuedAt(now + 10 * 86400).setExpirationTime(now + 10 * 86400 + 60))).toMatch(
			/longer than 24 hours/,
		);
		expect(await refusal(new SignJWT({ role: 'minister' }).setIssuedAt(now - 30 * 3600).setExpirationTime('1h'))).toMatch(
			/longer than 24 hours/,
		);
	});

	it('says when a token is not valid yet, or expired', async () => {
		expect(await refusal(new SignJWT({ role: 'minister' }).setIssuedAt().setNotBefore('5m').setExpirationTime('1h'))).toBe(
			'401 Invalid token: not valid yet',
		);
		expect(await refusal(new SignJWT({ role: 'minister' }).setIssuedAt(now - 120).setExpirationTime(now - 60))).toBe(
			'401 Invalid token: token expired',
		);
	});
});
