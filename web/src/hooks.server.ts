import { type Handle, redirect } from '@sveltejs/kit';
import { isLang } from '$lib/i18n';
import { isOpenPath } from '$lib/server/open-paths';
import { readSession, SESSION_COOKIE } from '$lib/server/session';

/**
 * The language is part of the URL (?lang=en), like every other view setting. Internal pages need
 * a session; the Cube token is made from the session's user on the server for each request.
 */
export const handle: Handle = async ({ event, resolve }) => {
	const requested = event.url.searchParams.get('lang');
	event.locals.lang = isLang(requested) ? requested : 'id';
	event.locals.user = readSession(event.cookies.get(SESSION_COOKIE));
	if (!event.locals.user && !isOpenPath(event.url.pathname)) {
		const next = `${event.url.pathname}${event.url.search}`;
		redirect(303, `/login?next=${encodeURIComponent(next)}${event.locals.lang === 'en' ? '&lang=en' : ''}`);
	}
	const response = await resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang) });
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	return response;
};
