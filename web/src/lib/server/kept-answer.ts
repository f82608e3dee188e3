/**
 * Kept public answers at the Node http layer (issue #13). A public page, CSV or embed that is kept
 * for the current data version (public-cache.ts) is the same bytes for every anonymous visitor, yet
 * each request went through adapter-node's conversion to a Request, SvelteKit's `respond` and our
 * `handle` before the cache answered, and the Response's stream back to Node: most of its CPU at
 * 200 clients (docs/performance.md, "Kept public answers before SvelteKit"). The server entry
 * (web/server.js) asks `keptAnswer` first and sends what it gives as SvelteKit's path would have;
 * anything it does not give goes to SvelteKit as before.
 *
 * It gives only what SvelteKit's path would give from the same cache entry, for the same request:
 * - GET only (HEAD and the rest are rendered as before), without any Cookie (SvelteKit reads the
 *   session; a logged-in visitor never gets a kept answer), without a body (SvelteKit's request
 *   conversion refuses a GET with one: 400);
 * - a path and query spelt exactly as the URL parser reads them — no dot segments, backslashes,
 *   `//`, characters it would escape, fragment or empty `?` — and a path without a trailing slash or
 *   a percent-encoding: any other spelling goes to SvelteKit,
 *   which answers it as before (a redirect, a 404, a log-in, or the same kept answer);
 * - the URL as adapter-node builds it (ORIGIN + the request line's target), so the cache key is
 *   the one `handle` uses; only the URLs `handle` keeps (`isPublicCacheable`: never a profile of
 *   "Peluang untuk saya");
 * - an answer already kept for the current data version and within its age: never a render, never
 *   a wait for one, never a stale answer; it only reads the cache, so no request can put anything in
 *   it this way;
 * - the headers `handle` adds (security-headers.ts) on the same parts public-cache.ts answers with,
 *   304 for If-None-Match / If-Modified-Since and gzip by Accept-Encoding included.
 * The overload gate is untouched: kept answers never counted in it, renders still do.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { DataVersion } from './data-version.ts';
import { isPublicCacheable, type PublicCache, type SentParts } from './public-cache.ts';
import { applySecurityHeaders } from './security-headers.ts';

/** Where the hook module leaves `keptAnswer` for web/server.js (outside the bundle, so no import). */
export const KEPT_ANSWER = Symbol.for('slmi.keptAnswer');

/** What web/server.js passes: Node's IncomingMessage has these. */
export interface HttpRequest {
	method?: string;
	url?: string;
	headers: IncomingHttpHeaders;
}

/** Undefined at once for a request it cannot answer; else the answer kept for it, if any. */
export type KeptAnswer = (request: HttpRequest) => Promise<SentParts | undefined> | undefined;

/** Headers that make SvelteKit's path answer otherwise: a session, or a body (which a GET may not have). */
const NOT_ANSWERED_WITH = ['cookie', 'content-type', 'content-length', 'transfer-encoding'];

/**
 * The URL of a request `keptAnswer` may answer, built as adapter-node builds it (`origin` + the
 * request target), or undefined when it goes to SvelteKit.
 */
export function keptAnswerUrl(request: HttpRequest, origin: string): URL | undefined {
	if (request.method !== 'GET') return undefined;
	if (NOT_ANSWERED_WITH.some((name) => request.headers[name] !== undefined)) return undefined;
	const target = request.url;
	if (target === undefined || !target.startsWith('/') || target.startsWith('//')) return undefined;
	let url: URL;
	try {
		url = new URL(origin + target);
	} catch {
		return undefined;
	}
	// the same characters after parsing: no spelling the parser rewrites reaches the cache this way;
	// nor a trailing slash (SvelteKit redirects it) or a percent-encoded path (SvelteKit decodes it)
	if (`${url.pathname}${url.search}` !== target || url.pathname.endsWith('/') || url.pathname.includes('%')) return undefined;
	return isPublicCacheable(url.pathname, url.search) ? url : undefined;
}

/** Node's request headers read as a Request's Headers reads them (adapter-node passes them so). */
function headersOf(headers: IncomingHttpHeaders) {
	return {
		get(name: string): string | null {
			const value = headers[name];
			return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
		},
	};
}

/**
 * `keptAnswer` for the hook's cache. `origin` is adapter-node's ORIGIN (its `url.origin`); without
 * one adapter-node reads the Host header, and every request goes to SvelteKit. `enabled` is read per
 * request, as `handle` reads SLMI_PUBLIC_CACHE_MB.
 */
export function keptAnswerOf(options: {
	cache: PublicCache;
	origin: string | undefined;
	enabled: () => boolean;
	version: () => Promise<DataVersion | null>;
}): KeptAnswer {
	const { cache, origin } = options;
	return (request) => {
		if (origin === undefined || !options.enabled()) return undefined;
		const url = keptAnswerUrl(request, origin);
		if (url === undefined) return undefined;
		return options.version().then((version) => {
			if (!version) return undefined;
			// the path as `handle` passes it (without `/__data.json`) makes no difference here: both
			// spellings are embeddable or neither (security-headers.ts), and a kept answer is never personal
			return cache.kept(url, version, headersOf(request.headers), (headers) =>
				applySecurityHeaders(headers, { pathname: url.pathname, personal: false }),
			);
		});
	};
}

/** Origin as adapter-node reads its ORIGIN (`parse_origin`): undefined when unset or not http(s). */
export function originOf(value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	try {
		const url = new URL(value.trim());
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
	} catch {
		return undefined;
	}
}
