/**
 * Who is asking. Every request to the semantic layer carries an HS256 token signed with the Cube
 * secret (the web app signs one per session, server-side); its claims are the security context
 * that access rules read. A missing or bad token is a 401 with the reason, never a stack trace.
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
	if (!authorization) throw new CubejsHandlerError(401, 'Unauthorized', 'Authorization header missing');
	const token = authorization.startsWith('Bearer ') ? authorization.slice(7) : authorization;
	let claims: Record<string, unknown>;
	try {
		({ payload: claims } = await jwtVerify(token, key, { algorithms: ['HS256'] }));
	} catch (error) {
		const reason = error instanceof joseErrors.JWTExpired ? 'token expired' : 'signature or format not valid';
		throw new CubejsHandlerError(401, 'Unauthorized', `Invalid token: ${reason}`);
	}
	return parseSecurityContext(claims);
}

export function makeCheckAuth(secret: string) {
	const key = new TextEncoder().encode(secret);
	return async (req: { securityContext?: SecurityContext }, authorization?: string): Promise<void> => {
		req.securityContext = await verifyAuthorization(key, authorization);
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
