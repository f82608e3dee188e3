import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { tokenVerifier, verifyAuthorization } from './auth.ts';

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

describe('each token verified once until it expires (tokenVerifier)', () => {
	const sign = (claims: Record<string, unknown>, expires: string | number = '1h', notBefore?: number) => {
		const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(expires);
		return (notBefore === undefined ? jwt : jwt.setNotBefore(notBefore)).sign(key);
	};
	const status = (promise: Promise<unknown>) =>
		promise.then(
			(c) => c,
			(e: { status?: number }) => e.status,
		);

	it('gives every token its own asker, whatever was verified before it', async () => {
		const verify = tokenVerifier(key);
		const [minister, regional, otherProvince, expired] = await Promise.all([
			sign({ role: 'minister', sub: 'm' }),
			sign({ role: 'regional', province: '52', sub: 'r' }),
			sign({ role: 'regional', province: '35', sub: 'r' }),
			sign({ role: 'minister' }, now - 60),
		]);
		for (let round = 0; round < 2; round++) {
			expect(await verify(`Bearer ${minister}`)).toEqual({ role: 'minister', sub: 'm' });
			expect(await verify(`Bearer ${regional}`)).toEqual({ role: 'regional', province: '52', sub: 'r' });
			expect(await verify(otherProvince)).toEqual({ role: 'regional', province: '35', sub: 'r' });
			// Cube's checkAuth passes the token without "Bearer "
			expect(await verify(regional)).toEqual({ role: 'regional', province: '52', sub: 'r' });
			expect(await status(verify(`Bearer ${expired}`))).toBe(401);
			expect(await status(verify(`Bearer ${minister}x`))).toBe(401);
			expect(await status(verify(`Bearer ${minister.slice(0, -2)}`))).toBe(401);
			expect(await status(verify(undefined))).toBe(401);
			expect(await status(verify('Bearer '))).toBe(401);
		}
		// a verifier with another key knows none of them
		expect(await status(tokenVerifier(new TextEncoder().encode('another-secret-that-is-long-enough-for-hs256'))(minister))).toBe(401);
	});

	it('refuses a remembered token once it expires, and accepts a refused one once it is valid', async () => {
		const verify = tokenVerifier(key);
		// two seconds, so the first is still valid when first verified whenever in the second this runs
		const at = Math.floor(Date.now() / 1000) + 2;
		const expiring = await sign({ role: 'minister' }, at);
		const notYet = await sign({ role: 'director' }, '1h', at);
		expect(await verify(`Bearer ${expiring}`)).toEqual({ role: 'minister' });
		expect(await status(verify(`Bearer ${notYet}`))).toBe(401);
		await new Promise((resolve) => setTimeout(resolve, at * 1000 + 1100 - Date.now()));
		expect(await status(verify(`Bearer ${expiring}`))).toBe(401);
		expect(await verify(`Bearer ${notYet}`)).toEqual({ role: 'director' });
	});

	it('gives each caller its own copy of the asker', async () => {
		const verify = tokenVerifier(key);
		const token = await sign({ role: 'regional', province: '52' });
		const seen = await verify(`Bearer ${token}`);
		seen.role = 'minister';
		delete seen.province;
		expect(await verify(token)).toEqual({ role: 'regional', province: '52' });
	});
});
