/**
 * The web app's only way to data: Cube's REST API, called server-side with a token signed for the
 * user's role. The secret never leaves the server; the browser gets rendered pages and JSON of
 * aggregates only.
 */

import { SignJWT } from 'jose';
import { env } from '$env/dynamic/private';
import { type DataError, dataErrorOf } from '../data-error.ts';

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
	/** public answers: row index → members withheld for privacy (their value is the marker string) */
	suppressed?: Record<number, string[]>;
	threshold?: number;
}

interface SuppressionAnnotation {
	threshold: number;
	marker: string;
	suppressed: { row: number; member: string }[];
}

function suppressedByRow(annotation: SuppressionAnnotation | undefined): Record<number, string[]> | undefined {
	if (!annotation) return undefined;
	const byRow: Record<number, string[]> = {};
	for (const { row, member } of annotation.suppressed) {
		byRow[row] = [...(byRow[row] ?? []), member];
	}
	return byRow;
}

export class CubeError extends Error {
	constructor(
		message: string,
		readonly status: number,
	) {
		super(message);
	}
}

/**
 * Cube tokens live 15 minutes (`iat` and `exp` set): Cube refuses tokens without `exp` or with a
 * lifetime over 24 hours, and a leaked one stops working soon. Tokens are reused per context until
 * a minute before they expire.
 */
export const CUBE_TOKEN_SECONDS = 15 * 60;

export async function signCubeToken(context: CubeContext, secret: string, now = Date.now()): Promise<string> {
	const issuedAt = Math.floor(now / 1000);
	return new SignJWT({ ...context })
		.setProtectedHeader({ alg: 'HS256' })
		.setIssuedAt(issuedAt)
		.setExpirationTime(issuedAt + CUBE_TOKEN_SECONDS)
		.sign(new TextEncoder().encode(secret));
}

const tokenCache = new Map<string, { token: string; expires: number }>();

async function tokenFor(context: CubeContext): Promise<string> {
	const cacheKey = JSON.stringify(context);
	const cached = tokenCache.get(cacheKey);
	if (cached && cached.expires > Date.now() + 60_000) return cached.token;
	const secret = env.CUBEJS_API_SECRET;
	if (!secret) throw new CubeError('CUBEJS_API_SECRET is not set on the web server', 500);
	const now = Date.now();
	const token = await signCubeToken(context, secret, now);
	tokenCache.set(cacheKey, { token, expires: now + CUBE_TOKEN_SECONDS * 1000 });
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
		const body = (await res.json()) as { error?: string; data?: CubeRow[]; lastRefreshTime?: string; slmi?: SuppressionAnnotation };
		if (body.error === 'Continue wait') continue;
		if (!res.ok || body.error) throw new CubeError(body.error ?? `Cube answered ${res.status}`, res.status);
		return {
			data: body.data ?? [],
			lastRefreshTime: body.lastRefreshTime,
			suppressed: suppressedByRow(body.slmi),
			threshold: body.slmi?.threshold,
		};
	}
	throw new CubeError('The semantic layer did not answer in time', 504);
}

interface MetaResponse {
	cubes?: { name: string; measures: { name: string }[]; dimensions: { name: string }[] }[];
	error?: string;
}

let metaCache: { members: Set<string>; expires: number } | undefined;

/** Every member name Cube knows (public-role context sees only public views). Cached 5 minutes. */
export async function cubeMembers(context: CubeContext): Promise<Set<string>> {
	if (context.role !== 'public' && metaCache && metaCache.expires > Date.now()) return metaCache.members;
	const res = await fetch(`${cubeUrl()}/cubejs-api/v1/meta`, { headers: { authorization: `Bearer ${await tokenFor(context)}` } });
	const body = (await res.json()) as MetaResponse;
	if (!res.ok || body.error) throw new CubeError(body.error ?? `Cube meta answered ${res.status}`, res.status);
	const members = new Set<string>();
	for (const cube of body.cubes ?? []) for (const m of [...cube.measures, ...cube.dimensions]) members.add(m.name);
	if (context.role !== 'public') metaCache = { members, expires: Date.now() + 5 * 60_000 };
	return members;
}

/** The Cube security context for a logged-in user, or the public one. */
export function contextFor(
	user: { username: string; role: 'minister' | 'director' | 'regional'; province?: string } | undefined,
): CubeContext {
	if (!user) return { role: 'public' };
	return { role: user.role, province: user.province, sub: user.username };
}

/**
 * Runs a query and turns failures into a message for the chart card instead of a failed page:
 * one unavailable chart must not blank the whole dashboard.
 */
export async function cubeLoadSafe(query: CubeQuery, context: CubeContext): Promise<CubeResult & { error: DataError | null }> {
	try {
		return { ...(await cubeLoad(query, context)), error: null };
	} catch (error) {
		return { data: [], error: describeFailure(error, context, query) };
	}
}

/**
 * Logs a failed query with Cube's own message (it names members, and is for the SLMI team) and
 * returns only its kind, which the page words for the reader (issue #12, item 8).
 */
export function describeFailure(error: unknown, context: CubeContext, query?: CubeQuery): DataError {
	const status = error instanceof CubeError ? error.status : undefined;
	const message = error instanceof Error ? error.message : String(error);
	console.error(
		`[cube] ${status ?? 'error'} for ${context.role}${context.province ? ` ${context.province}` : ''}: ${message}${query ? ` — ${JSON.stringify(query)}` : ''}`,
	);
	return dataErrorOf(status);
}
