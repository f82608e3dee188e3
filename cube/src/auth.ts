/**
 * Who is asking. Every request to the semantic layer carries an HS256 token signed with the Cube
 * secret (the web app signs one per session, server-side); its claims are the security context
 * that access rules read. A missing or bad token is a 401 with the reason, never a stack trace;
 * so is a token without an expiry, valid for more than 24 hours, or not valid yet.
 */
import { createRequire } from 'node:module';
import { errors as joseErrors, jwtVerify } from 'jose';
import { provinceByCode } from '../../common/reference/index.ts';

const { CubejsHandlerError } = createRequire(import.meta.url)(
	'@cubejs-backend/api-gateway',
) as typeof import('@cubejs-backend/api-gateway');

export const ROLES = ['minister', 'director', 'regional', 'public', 'system'] as const;
export type Role = (typeof ROLES)[number];

export interface SecurityContext {
	role: Role;
	/** Kemendagri province code: required for the regional role */
	province?: string;
	/** user name, for the log */
	sub?: string;
}

export function parseSecurityContext(claims: Record<string, unknown>): SecurityContext {
	const role = claims.role;
	if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
		throw new CubejsHandlerError(403, 'Forbidden', `Token has no valid role (expected one of ${ROLES.join(', ')})`);
	}
	const context: SecurityContext = { role: role as Role };
	if (role === 'regional') {
		if (typeof claims.province !== 'string' || !provinceByCode.has(claims.province)) {
			throw new CubejsHandlerError(403, 'Forbidden', 'A regional token must name its province (two-digit Kemendagri code, 11–96)');
		}
		context.province = claims.province;
	}
	if (typeof claims.sub === 'string') context.sub = claims.sub;
	return context;
}

/**
 * The security context of an Authorization header (a bare token or `Bearer <token>`).
 * @throws CubejsHandlerError 401 when the header is missing or the token is not valid, 403 when
 * its claims name no valid role.
 */
export async function verifyAuthorization(key: Uint8Array, authorization: string | undefined): Promise<SecurityContext> {
	return (await verifiedToken(key, authorization)).context;
}

/** verifyAuthorization, with the token's expiry (seconds since 1970). */
async function verifiedToken(key: Uint8Array, authorization: string | undefined): Promise<{ context: SecurityContext; exp: number }> {
	if (!authorization) throw new CubejsHandlerError(401, 'Unauthorized', 'Authorization header missing');
	const token = tokenOf(authorization);
	let claims: Record<string, unknown>;
	try {
		({ payload: claims } = await jwtVerify(token, key, { algorithms: ['HS256'] }));
	} catch (error) {
		throw new CubejsHandlerError(401, 'Unauthorized', `Invalid token: ${refusal(error)}`);
	}
	const exp = checkLifetime(claims);
	return { context: parseSecurityContext(claims), exp };
}

function refusal(error: unknown): string {
	if (error instanceof joseErrors.JWTExpired) return 'token expired';
	if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'nbf') return 'not valid yet';
	return 'signature or format not valid';
}

/** The longest a token may be valid: a leaked token must stop working within a day. */
export const MAX_TOKEN_LIFETIME_S = 24 * 3600;

/**
 * A token must say when it expires, at most 24 hours after it was issued and after now (an `iat`
 * in the future must not stretch the lifetime). jwtVerify has already refused an expired token
 * and a malformed `exp`, `iat` or `nbf`.
 */
function checkLifetime(claims: Record<string, unknown>): number {
	if (typeof claims.exp !== 'number') throw new CubejsHandlerError(401, 'Unauthorized', 'Invalid token: it has no expiry (exp)');
	const now = Math.floor(Date.now() / 1000);
	const from = typeof claims.iat === 'number' ? Math.min(claims.iat, now) : now;
	if (claims.exp - from > MAX_TOKEN_LIFETIME_S) {
		throw new CubejsHandlerError(401, 'Unauthorized', 'Invalid token: it lives longer than 24 hours (exp - iat)');
	}
	return claims.exp;
}

/** The token an Authorization header carries (a bare token or `Bearer <token>`), as verifyAuthorization reads it. */
function tokenOf(authorization: string): string {
	return authorization.startsWith('Bearer ') ? authorization.slice(7) : authorization;
}

/** How many valid tokens one Cube process remembers (the web app signs one per scope and reuses it). */
export const REMEMBERED_TOKENS = 1000;

export type TokenVerifier = (authorization: string | undefined) => Promise<SecurityContext>;

/**
 * verifyAuthorization, remembering each valid token until it expires. A /load passes three checks
 * that each need the asker (the query allowlist, the public gate, Cube's checkAuth), and
 * WebCrypto's HMAC check cost 0.2-0.3 ms of Cube's CPU each time, ~9 % of a warm /load
 * (docs/performance.md, "Cube per-request overhead"). The same token string always carries the
 * same claims under the same key, so its asker is the same; of the checks, only the expiry can
 * refuse a token later than it was accepted (`nbf` and the 24-hour lifetime, measured from
 * min(iat, now), only ever stop refusing), so a remembered token is checked against the clock
 * every time and verified again, and refused, once `exp` has passed. Refused tokens are never
 * remembered. Each call returns its own copy, so no caller can change what the next one reads.
 */
export function tokenVerifier(key: Uint8Array): TokenVerifier {
	const remembered = new Map<string, { context: SecurityContext; exp: number }>();
	return async (authorization) => {
		const token = authorization ? tokenOf(authorization) : '';
		const known = remembered.get(token);
		// jose's own rule: expired once exp <= now, in whole seconds
		if (known && known.exp > Math.floor(Date.now() / 1000)) return { ...known.context };
		remembered.delete(token);
		const verified = await verifiedToken(key, authorization);
		if (remembered.size >= REMEMBERED_TOKENS) remembered.delete(remembered.keys().next().value as string);
		remembered.set(token, verified);
		return { ...verified.context };
	};
}

export function makeCheckAuth(verify: TokenVerifier) {
	return async (req: { securityContext?: SecurityContext }, authorization?: string): Promise<void> => {
		req.securityContext = await verify(authorization);
	};
}

/**
 * Cube's API scopes per role. Only the loader's system token may trigger pre-aggregation builds
 * (`jobs`), and it needs nothing else but data; GraphQL is nobody's (it would bypass the public
 * suppression pipeline, which only serves /load).
 */
export async function apiScopes(context: SecurityContext | undefined): Promise<string[]> {
	if (context?.role === 'system') return ['data', 'jobs'];
	return ['meta', 'data'];
}
