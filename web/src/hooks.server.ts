import { type Handle, json } from '@sveltejs/kit';
import { isLang } from '$lib/i18n';
import { isOpenPath } from '$lib/server/open-paths';
import { applySecurityHeaders } from '$lib/server/security-headers';
import { SESSION_COOKIE, sessions } from '$lib/server/session';

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * Why a POST cannot be a log-in or any other form action, or undefined when it may be one.
 * SvelteKit answers some of these with a 500 of its own (`?/default`), others only once the
 * action reads the body; here they get a 400 that says what is wrong. No page of this app has
 * named actions, so `?/<name>` is always refused.
 */
function malformedPost(request: Request, url: URL): string | undefined {
	if (request.method !== 'POST') return undefined;
	const action = [...url.searchParams.keys()].find((key) => key.startsWith('/'));
	if (action !== undefined) return `Invalid request: this page has no form action named "${action.slice(1, 40)}"`;
	if (url.pathname === '/login') {
		const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
		if (!FORM_TYPES.includes(type)) {
			return `Invalid log-in request: send the form as ${FORM_TYPES.join(' or ')}, not ${type ? JSON.stringify(type.slice(0, 60)) : 'without a content type'}`;
		}
	}
	return undefined;
}

/**
 * The language is part of the URL (?lang=en), like every other view setting. Internal pages need
 * a session; the Cube token is made from the session's user on the server for each request.
 * Every answer that passes through here gets the security headers (security-headers.ts).
 */
export const handle: Handle = async ({ event, resolve }) => {
	const requested = event.url.searchParams.get('lang');
	event.locals.lang = isLang(requested) ? requested : 'id';
	event.locals.user = sessions.read(event.cookies.get(SESSION_COOKIE));
	const response = await respond();
	applySecurityHeaders(response.headers, { pathname: event.url.pathname, personal: event.locals.user !== undefined });
	return response;

	async function respond(): Promise<Response> {
		const malformed = malformedPost(event.request, event.url);
		if (malformed) return json({ error: malformed }, { status: 400 });
		if (!event.locals.user && !isOpenPath(event.url.pathname)) {
			const next = `${event.url.pathname}${event.url.search}`;
			// A returned (not thrown) redirect passes through here for its headers; SvelteKit turns it
			// into its JSON form for client-side navigations.
			return new Response(null, {
				status: 303,
				headers: { location: `/login?next=${encodeURIComponent(next)}${event.locals.lang === 'en' ? '&lang=en' : ''}` },
			});
		}
		return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang) });
	}
};
