/**
 * Talks to the running Cube the way the web app does — REST with an HS256 token — so integration
 * tests can ask as any role.
 */
import { SignJWT } from 'jose';

export interface TestCube {
	url: string;
	apiSecret: string;
}

export async function tokenFor(cube: TestCube, claims: Record<string, unknown>): Promise<string> {
	return new SignJWT(claims)
		.setProtectedHeader({ alg: 'HS256' })
		.setIssuedAt()
		.setExpirationTime('10m')
		.sign(new TextEncoder().encode(cube.apiSecret));
}

export interface CubeResponse {
	status: number;
	body: { data?: Record<string, string | number | null>[]; error?: string; [key: string]: unknown };
}

export async function cubeRequest(cube: TestCube, path: string, token: string | null, query?: unknown): Promise<CubeResponse> {
	const url = new URL(`${cube.url}/cubejs-api/v1/${path}`);
	if (query !== undefined) url.searchParams.set('query', JSON.stringify(query));
	for (let attempt = 0; attempt < 120; attempt++) {
		const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
		const body = (await res.json()) as CubeResponse['body'];
		if (body.error === 'Continue wait') continue;
		return { status: res.status, body };
	}
	throw new Error(`Cube kept answering "Continue wait" for ${path}`);
}

export async function cubeLoad(
	cube: TestCube,
	claims: Record<string, unknown>,
	query: unknown,
): Promise<Record<string, string | number | null>[]> {
	const { status, body } = await cubeRequest(cube, 'load', await tokenFor(cube, claims), query);
	if (status !== 200) throw new Error(`Cube ${status}: ${body.error}`);
	return body.data ?? [];
}
