import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it, vi } from 'vitest';

vi.mock('$env/dynamic/private', () => ({ env: {} }));

const { CUBE_TOKEN_SECONDS, CubeError, contextFor, describeFailure, signCubeToken } = await import('./cube.ts');

const SECRET = 's'.repeat(40);

describe('Cube tokens the web signs', () => {
	it('carry iat and an exp minutes later, and verify with the shared secret', async () => {
		const now = Date.UTC(2026, 10, 15, 8, 0, 0);
		const token = await signCubeToken(contextFor({ username: 'kepala-ntb', role: 'regional', province: '52' }), SECRET, now);
		const claims = decodeJwt(token);
		expect(decodeProtectedHeader(token).alg).toBe('HS256');
		expect(claims.iat).toBe(now / 1000);
		expect(claims.exp).toBe(now / 1000 + CUBE_TOKEN_SECONDS);
		expect(CUBE_TOKEN_SECONDS).toBeLessThanOrEqual(30 * 60);
		expect(claims).toMatchObject({ role: 'regional', province: '52', sub: 'kepala-ntb' });
		const { payload } = await jwtVerify(token, new TextEncoder().encode(SECRET), { currentDate: new Date(now + 60_000) });
		expect(payload.role).toBe('regional');
		await expect(
			jwtVerify(token, new TextEncoder().encode(SECRET), { currentDate: new Date(now + (CUBE_TOKEN_SECONDS + 1) * 1000) }),
		).rejects.toThrow(/exp/);
	});

	it('give the public context nothing but its role', async () => {
		const claims = decodeJwt(await signCubeToken(contextFor(undefined), SECRET));
		expect(Object.keys(claims).sort()).toEqual(['exp', 'iat', 'role']);
		expect(claims.role).toBe('public');
	});
});

describe('a failed query', () => {
	it("keeps Cube's message for the server log and gives the page only its kind", () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		const message = 'Regional access is limited to candidate detail of province 52; this query asks for province 35 in supply.province';
		const kind = describeFailure(new CubeError(message, 403), { role: 'regional', province: '52', sub: 'kepala-ntb' });
		expect(kind).toBe('refused');
		expect(log).toHaveBeenCalledOnce();
		expect(String(log.mock.calls[0]?.[0])).toContain(message);
		expect(describeFailure(new CubeError('Cube answered 500', 500), { role: 'minister' })).toBe('unavailable');
		expect(describeFailure(new Error('fetch failed'), { role: 'minister' })).toBe('unavailable');
		log.mockRestore();
	});
});
