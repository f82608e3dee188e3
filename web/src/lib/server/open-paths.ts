/** Pages anyone may open without logging in: the public story, embeds, the log-in page, assets. */
const OPEN_EXACT = ['/public', '/embed', '/login', '/favicon.svg', '/robots.txt'];
const OPEN_PREFIXES = ['/public/', '/embed/', '/geo/', '/_app/'];

export function isOpenPath(pathname: string): boolean {
	return OPEN_EXACT.includes(pathname) || OPEN_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}
