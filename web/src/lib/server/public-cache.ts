/**
 * The public pages, their CSVs and embeds, answered from what was rendered for the current data
 * version (issue #13): the first anonymous visitor of a URL after a batch lands has it rendered
 * (its Cube queries come from the result cache, result-cache.ts), everyone after gets the same
 * bytes until the data version changes. Each answer carries a strong ETag (a hash of its bytes)
 * and Last-Modified (when the data last changed); a repeat visitor sending If-None-Match or
 * If-Modified-Since gets `304 Not Modified` without a body. Only anonymous GETs of open public
 * paths are kept, and only 200 answers without a cookie. A text answer is also gzipped once when
 * rendered, and sent so to every visitor whose browser accepts it (all do): the public page's
 * 45 KiB of HTML, sent 200 at a time from one Node process, was what kept its first visit above
 * the 100 ms target (docs/performance.md).
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { DataVersion } from './data-version.ts';
import { ResultCache } from './result-cache.ts';

/**
 * Set by a public route whose answer lacks something (a table Cube did not answer): such an answer
 * is sent to its visitor but never kept, so one failure is not shown to everyone for a minute.
 */
export const INCOMPLETE_HEADER = 'x-slmi-incomplete';

/** Browsers and shared caches may reuse an answer a minute, then revalidate (a 304 when unchanged). */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, must-revalidate';

/** "Peluang untuk saya": its answers depend on a visitor's profile in the query string (peluang.ts). */
export function isProfilePath(pathname: string): boolean {
	return pathname === '/public/peluang' || pathname === '/public/peluang/__data.json';
}

/** Query parameters that are the page's own, not a visitor's profile. */
const NOT_PROFILE = new Set(['lang', 'x-sveltekit-invalidated', 'x-sveltekit-trailing-slash']);

/** Whether a URL of "Peluang untuk saya" carries a profile: such answers are never kept nor logged. */
export function carriesProfile(url: URL): boolean {
	return isProfilePath(url.pathname) && [...url.searchParams.keys()].some((key) => !NOT_PROFILE.has(key));
}

/**
 * The URLs answered this way: the public page, its open-data CSVs, the embeddable charts (and their
 * __data.json). Not "Peluang untuk saya" with a profile: every profile would be a cache entry keyed
 * by the visitor's answers (kept in memory, and pushing everyone else's pages out); its empty form
 * is kept, and its answers are cut from one cached Cube table (peluang.ts).
 */
export function isPublicCacheable(pathname: string, search = ''): boolean {
	if (isProfilePath(pathname) && carriesProfile(new URL(`${pathname}${search}`, 'http://x'))) return false;
	return isPublicPath(pathname) && isKeptQuery(search);
}

function isPublicPath(pathname: string): boolean {
	return pathname === '/public' || pathname.startsWith('/public/') || pathname.startsWith('/embed/') || pathname === '/embed';
}

/**
 * The query parameters a kept public answer may have, each once and spelt plainly: the language, the
 * year (publicYear refuses years without data on the page itself), and SvelteKit's own two of a data
 * request. Anything else — an unknown key, a repeated key, a value spelt with percent-encoding or out
 * of form — is not kept: every such spelling would be a cache entry of its own, so a visitor making up
 * queries (`?year=<random>`, `?x=<random>`) could render page after page and push the kept answers out.
 * Such a request is rendered through the overload gate instead, or sent to its URL without the
 * unknown keys (`withoutUnknownKeys`).
 */
const KEPT_QUERY: Record<string, RegExp> = {
	lang: /^(id|en)$/,
	year: /^20\d\d$/,
	'x-sveltekit-invalidated': /^[01]{1,32}$/,
	'x-sveltekit-trailing-slash': /^1$/,
};

function isKeptQuery(search: string): boolean {
	if (search === '') return true;
	const seen = new Set<string>();
	for (const pair of search.slice(1).split('&')) {
		const at = pair.indexOf('=');
		const key = at < 0 ? pair : pair.slice(0, at);
		const form = Object.hasOwn(KEPT_QUERY, key) ? KEPT_QUERY[key] : undefined;
		if (form === undefined || at < 0 || seen.has(key) || !form.test(pair.slice(at + 1))) return false;
		seen.add(key);
	}
	return true;
}

/**
 * For a public page, CSV or embed asked with query keys it does not read (`?utm_source=…` on a link in
 * a news story): its URL with only the keys it reads, which a permanent redirect sends the visitor to
 * and which is kept; undefined when there are none to drop, for "Peluang untuk saya" (its profile is
 * its query) and for SvelteKit's data requests (the page's own navigation asks only what it reads).
 */
export function withoutUnknownKeys(url: URL): string | undefined {
	if (!isPublicPath(url.pathname) || isProfilePath(url.pathname) || url.pathname.endsWith('/__data.json')) return undefined;
	const keys = [...url.searchParams.keys()];
	if (keys.every((key) => Object.hasOwn(KEPT_QUERY, key))) return undefined;
	const kept = new URLSearchParams();
	for (const [key, value] of url.searchParams) if (Object.hasOwn(KEPT_QUERY, key) && !kept.has(key)) kept.append(key, value);
	const query = kept.toString();
	return `${url.pathname}${query ? `?${query}` : ''}`;
}

export interface Rendered {
	status: number;
	headers: [string, string][];
	body: Uint8Array<ArrayBuffer>;
	etag: string;
	lastModified: string | null;
	/** the body gzipped, for a text answer worth it (kept answers only) */
	gzip?: Uint8Array<ArrayBuffer>;
	/** what the http layer sends of it, by representation (PublicCache.kept) */
	sent?: Map<string, SentParts>;
}

/** Smaller bodies are sent as they are: gzip's header and a second representation cost more than they save. */
const GZIP_MIN_BYTES = 1024;
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml)|image\/svg\+xml)/i;

/** The gzip representation's validator: its own strong tag (its bytes differ), derived from the plain one. */
export function gzipEtag(etag: string): string {
	return `${etag.slice(0, -1)}.gz"`;
}

/**
 * Whether `Accept-Encoding` allows gzip: named (or `*`) with a q-value above 0, and not refused by
 * name. No header means identity only (RFC 9110 §12.5.3 allows any coding then; curl, monitoring
 * probes and scripts that send none get the plain bytes they can read).
 */
export function acceptsGzip(header: string | null): boolean {
	if (header === null) return false;
	let star: boolean | undefined;
	for (const part of header.split(',')) {
		const [coding = '', ...params] = part.trim().toLowerCase().split(';');
		const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
		const allowed = q === undefined || Number(q) > 0;
		if (coding.trim() === 'gzip' || coding.trim() === 'x-gzip') return allowed;
		if (coding.trim() === '*') star = allowed;
	}
	return star === true;
}

/** A strong validator for a body: equal bytes, equal tag. */
export function etagOf(body: Uint8Array<ArrayBuffer>): string {
	return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** If-None-Match (a list of tags, or *) or, without it, If-Modified-Since: may the client keep what it has? */
export function notModified(request: RequestHeaders, rendered: Pick<Rendered, 'etag' | 'lastModified'>): boolean {
	const ifNoneMatch = request.get('if-none-match');
	if (ifNoneMatch !== null) {
		if (ifNoneMatch.trim() === '*') return true;
		// either representation's tag: both are the same content
		const tags = [rendered.etag, gzipEtag(rendered.etag)];
		return ifNoneMatch.split(',').some((tag) => tags.includes(tag.trim().replace(/^W\//, '')));
	}
	const since = request.get('if-modified-since');
	if (since === null || rendered.lastModified === null) return false;
	const sinceMs = Date.parse(since);
	return Number.isFinite(sinceMs) && Date.parse(rendered.lastModified) <= sinceMs;
}

/** HTTP dates have whole seconds: the data's change time, rounded up so If-Modified-Since compares right. */
function httpDate(iso: string | null): string | null {
	if (!iso) return null;
	const ms = Date.parse(iso);
	return Number.isFinite(ms) ? new Date(Math.ceil(ms / 1000) * 1000).toUTCString() : null;
}

async function renderOnce(render: () => Promise<Response>, version: DataVersion): Promise<Rendered> {
	const response = await render();
	const body = new Uint8Array(await response.arrayBuffer());
	const rendered: Rendered = {
		status: response.status,
		headers: [...response.headers],
		body,
		etag: etagOf(body),
		lastModified: httpDate(version.changedAt),
	};
	const type = response.headers.get('content-type') ?? '';
	if (cacheable(rendered) && body.byteLength >= GZIP_MIN_BYTES && COMPRESSIBLE.test(type) && !response.headers.has('content-encoding')) {
		const gzip = gzipSync(body, { level: 6 });
		if (gzip.byteLength < body.byteLength) rendered.gzip = new Uint8Array(gzip);
	}
	return rendered;
}

/** What answer() sends: a status, the headers and the body (none for a 304). */
interface AnswerParts {
	status: number;
	headers: Headers;
	body: Uint8Array<ArrayBuffer> | null;
}

/** A kept answer as the http layer sends it (web/server.js): its header lines made once per representation. */
export interface SentParts {
	status: number;
	headers: [string, string][];
	body: Uint8Array<ArrayBuffer> | null;
}

/** The request headers an answer reads (a Request's Headers, or Node's request headers at the http layer). */
export interface RequestHeaders {
	get(name: string): string | null;
}

/** Which of a kept answer's representations a request gets: gzipped or not, and whether a 304. */
function representation(rendered: Rendered, request: RequestHeaders): { gzip: boolean; notModified: boolean } {
	return {
		gzip: rendered.gzip !== undefined && acceptsGzip(request.get('accept-encoding')),
		notModified: notModified(request, rendered),
	};
}

/** The answer for one visitor, from the rendered bytes: 304 when they have them already. */
export function answer(rendered: Rendered, request: RequestHeaders): Response {
	const parts = answerParts(rendered, representation(rendered, request));
	return new Response(parts.body, { status: parts.status, headers: parts.headers });
}

function answerParts(rendered: Rendered, chosen: { gzip: boolean; notModified: boolean }): AnswerParts {
	const headers = new Headers(rendered.headers);
	headers.delete(INCOMPLETE_HEADER);
	if (!cacheable(rendered)) return { status: rendered.status, headers, body: rendered.body };
	const gzip = chosen.gzip ? rendered.gzip : undefined;
	headers.set('etag', gzip ? gzipEtag(rendered.etag) : rendered.etag);
	if (rendered.lastModified) headers.set('last-modified', rendered.lastModified);
	headers.set('cache-control', PUBLIC_CACHE_CONTROL);
	// kept for visitors without a session only: a shared cache must not give it to a logged-in one;
	// and per encoding, when there is a gzipped one
	headers.set('vary', rendered.gzip ? 'Cookie, Accept-Encoding' : 'Cookie');
	if (chosen.notModified) {
		const kept = new Headers();
		for (const name of ['etag', 'last-modified', 'cache-control', 'content-security-policy', 'vary']) {
			const value = headers.get(name);
			if (value !== null) kept.set(name, value);
		}
		return { status: 304, headers: kept, body: null };
	}
	if (gzip) {
		headers.set('content-encoding', 'gzip');
		headers.set('content-length', String(gzip.byteLength));
		return { status: 200, headers, body: gzip };
	}
	return { status: 200, headers, body: rendered.body };
}

function headerBytes(r: Rendered): number {
	return r.headers.reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0);
}

function cacheable(r: Rendered): boolean {
	return r.status === 200 && !r.headers.some(([name]) => ['set-cookie', INCOMPLETE_HEADER].includes(name.toLowerCase()));
}

/** One URL's answer at one data version: its path and query as asked. */
function keyOf(url: URL, version: DataVersion): string {
	return `${version.id}\u0000${url.pathname}${url.search}`;
}

/** Rendered public answers by URL and data version, within a byte budget (LRU). */
export class PublicCache {
	private readonly cache: ResultCache<Rendered>;
	private keptAnswers = 0;

	constructor(maxBytes: number, maxAgeMs: number) {
		this.cache = new ResultCache<Rendered>({ maxBytes, maxAgeMs });
	}

	/** The answer for `url` (path and query) at `version`: rendered once, then the same bytes for everyone. */
	async respond(url: URL, version: DataVersion, request: Headers, render: () => Promise<Response>, maxAgeMs?: number): Promise<Response> {
		const rendered = await this.cache.get(
			keyOf(url, version),
			version.id,
			() => renderOnce(render, version),
			// an answer that must not be kept is "too big" to store (ResultCache keeps nothing over a quarter of its budget)
			// (its header lines count five times: as rendered, and as `kept` sends each of its four representations)
			(r) => (cacheable(r) ? r.body.byteLength + (r.gzip?.byteLength ?? 0) + 5 * headerBytes(r) + 512 : Number.POSITIVE_INFINITY),
			maxAgeMs,
		);
		return answer(rendered, request);
	}

	/**
	 * The answer kept for `url` at `version`, without rendering or waiting: undefined when none is
	 * kept and within its age (then `respond` renders it, or waits for the render under way).
	 * `finish` adds what `handle` adds to every answer of this URL (the security headers); the header
	 * lines of each representation (plain, gzip, 304 of either) are made once and kept with the answer.
	 */
	kept(url: URL, version: DataVersion, request: RequestHeaders, finish: (headers: Headers) => void): SentParts | undefined {
		const rendered = this.cache.peek(keyOf(url, version), version.id);
		if (rendered === undefined) return undefined;
		this.keptAnswers += 1;
		const chosen = representation(rendered, request);
		const which = `${chosen.gzip}/${chosen.notModified}`;
		rendered.sent ??= new Map();
		let sent = rendered.sent.get(which);
		if (sent === undefined) {
			const parts = answerParts(rendered, chosen);
			finish(parts.headers);
			sent = { status: parts.status, headers: [...parts.headers], body: parts.body };
			rendered.sent.set(which, sent);
		}
		return sent;
	}

	dropOtherVersions(version: string): void {
		this.cache.dropOtherVersions(version);
	}

	/** `kept`: the answers given at the http layer (web/server.js), also counted in `hits` */
	stats() {
		return { ...this.cache.stats(), kept: this.keptAnswers };
	}
}
