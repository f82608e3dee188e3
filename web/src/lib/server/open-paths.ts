/**
 * Pages anyone may open without logging in: the public story, embeds, the log-in page, assets, and
 * the stream that tells open pages of new data (it says only when data was loaded, which the
 * public page shows too).
 */
const OPEN_EXACT = ['/public', '/embed', '/login', '/favicon.svg', '/robots.txt', '/data-events'];
const OPEN_PREFIXES = ['/public/', '/embed/', '/geo/', '/_app/'];

export function isOpenPath(pathname: string): boolean {
	return OPEN_EXACT.includes(pathname) || OPEN_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}

/** The officer's pages: the only internal pages an officer may open (hooks.server.ts). */
export function isOfficerPath(pathname: string): boolean {
	return pathname === '/officer' || pathname.startsWith('/officer/');
}

/** Person-level detail and its audit: refused (403) to anyone not logged in, not sent to log in. */
export function isDetailPath(pathname: string): boolean {
	return pathname.startsWith('/officer/') || pathname === '/audit' || pathname.startsWith('/audit/');
}

/** Pages other sites may put in a frame: the embeddable public charts only. */
export function isEmbeddablePath(pathname: string): boolean {
	return pathname === '/embed' || pathname.startsWith('/embed/');
}

const MAX_NEXT_LENGTH = 2000;
/** Printable ASCII without space: what a path and query of this app are made of once percent-encoded. */
const PRINTABLE = /^[\x21-\x7e]*$/;
// Browsers drop tab and newline from URLs and read `\` as `/`, so `/\evil` and `/<tab>/evil` open
// another host; any whitespace or control character is refused rather than guessed at.
const UNSAFE_DECODED = /[\\\s\p{Cc}]/u;

/** Percent-decodes until nothing changes (a double-encoded `%255C` is a `\` two steps later). */
function fullyDecoded(value: string): string | undefined {
	let current = value;
	for (let i = 0; i < 5; i++) {
		let next: string;
		try {
			next = decodeURIComponent(current);
		} catch {
			return undefined;
		}
		if (next === current) return current;
		current = next;
	}
	return undefined;
}

/**
 * Where a log-in may send the browser (?next=): a path on this site, or '/'. Only paths that start
 * with a single '/' and stay on `origin` once resolved the way a browser resolves a Location
 * header; backslashes, whitespace and control characters are refused in the raw value and in
 * every decoding of it, and so is anything that resolves to a `//` (protocol-relative) path.
 * Returns the path as resolved (`/a/../b` → `/b`), so the Location header is what was checked.
 */
export function safeNext(next: string | null | undefined, origin: string): string {
	if (!next || next.length > MAX_NEXT_LENGTH || !PRINTABLE.test(next)) return '/';
	if (!next.startsWith('/') || next.startsWith('//')) return '/';
	const decoded = fullyDecoded(next);
	if (decoded === undefined || UNSAFE_DECODED.test(decoded) || decoded.startsWith('//')) return '/';
	let url: URL;
	try {
		url = new URL(next, origin);
	} catch {
		return '/';
	}
	if (url.origin !== new URL(origin).origin) return '/';
	const resolved = `${url.pathname}${url.search}${url.hash}`;
	if (!resolved.startsWith('/') || resolved.startsWith('//') || resolved.includes('\\')) return '/';
	const resolvedDecoded = fullyDecoded(url.pathname);
	if (resolvedDecoded === undefined || resolvedDecoded.startsWith('//')) return '/';
	return resolved;
}
