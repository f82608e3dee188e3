import { json, redirect } from '@sveltejs/kit';
import { isLang } from '$lib/i18n';
import { SESSION_COOKIE, sessionCookieOptions, sessions } from '$lib/server/session';
import type { RequestHandler } from './$types';

/**
 * Ends the session on the server, then deletes the cookie with the attributes it was set with.
 * Only a POST from this site's own pages: SvelteKit checks Origin for form bodies only, and a
 * bodiless cross-site POST must not log anyone out either.
 */
export const POST: RequestHandler = ({ cookies, url, request }) => {
	if (request.headers.get('origin') !== url.origin) {
		return json({ error: 'Log-out refused: the request did not come from this site (Origin header)' }, { status: 403 });
	}
	sessions.revoke(cookies.get(SESSION_COOKIE));
	const { maxAge: _, ...attributes } = sessionCookieOptions(url);
	cookies.delete(SESSION_COOKIE, attributes);
	// the log-in page in the language the reader was using
	redirect(
		303,
		isLang(url.searchParams.get('lang')) && url.searchParams.get('lang') !== 'id'
			? `/login?lang=${url.searchParams.get('lang')}`
			: '/login',
	);
};
