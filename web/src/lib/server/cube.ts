/**
 * The web app's only way to data: Cube's REST API, called server-side with a token signed for the
 * user's role. The secret never leaves the server; the browser gets rendered pages and JSON of
 * aggregates only.
 */
import { env } from '$env/dynamic/private';
import { SignJWT } from 'jose';

export interface CubeQuery {
	measures?: string[];
	dimensions?: string[];
	timeDimensions?: { dimension: string; granularity?: string; dateRange?: string | [string, string] }[];
	filters?: { member: string; operator: string; values?: string[] }[];
	order?: Record<string, 'asc' | 'desc'> | [string, 'asc' | 'desc'][];
	limit?: number;
}

export interface CubeContext {
	role: 'minister' | 'director' | 'regional' | 'public';
	province?: string;
	sub?: string;
}

export type CubeRow = Record<string, string | number | null>;

export interface CubeResult {
	data: CubeRow[];
	lastRefreshTime?: string;
}

export class CubeError extends Error {
	constructor(
		message: string,
		readonly status: number,
	) {
		super(message);
	}
}

const tokenCache = new Map<string, { token: string; expires: number }>();

async function tokenFor(context: CubeContext): Promise<string> {
	const cacheKey = JSON.stringify(context);
	const cached = tokenCache.get(cacheKey);
	if (cached && cached.expires > Date.now() + 60_000) return cached.token;
	const secret = env.CUBEJS_API_SECRET;
	if (!secret) throw new CubeError('CUBEJS_API_SECRET is not set on the web server', 500);
	const token = await new SignJWT({ ...context })
		.setProtectedHeader({ alg: 'HS256' })
		.setIssuedAt()
		.setExpirationTime('15m')
		.sign(new TextEncoder().encode(secret));
	tokenCache.set(cacheKey, { token, expires: Date.now() + 15 * 60_000 });
	return token;
}

function cubeUrl(): string {
	return env.CUBE_URL ?? 'http://127.0.0.1:4000';
}

/** Runs one query; Cube answers "Continue wait" while a query is still running, so poll. */
export async function cubeLoad(query: CubeQuery, context: CubeContext): Promise<CubeResult> {
	const token = await tokenFor(context);
	const url = `${cubeUrl()}/cubejs-api/v1/load`;
	for (let attempt = 0; attempt < 120; attempt++) {
		const res = await fetch(url, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ query }),
		});
		const body = (await res.json()) as { error?: string; data?: CubeRow[]; lastRefreshTime?: string };
		if (body.error === 'Continue wait') continue;
		if (!res.ok || body.error) throw new CubeError(body.error ?? `Cube answered ${res.status}`, res.status);
		return { data: body.data ?? [], lastRefreshTime: body.lastRefreshTime };
	}
	throw new CubeError('The semantic layer did not answer in time', 504);
}
