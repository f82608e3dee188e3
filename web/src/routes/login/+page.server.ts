import { fail, redirect } from '@sveltejs/kit';
import { isLang } from '$lib/i18n';
import { safeNext } from '$lib/server/open-paths';
import {
	authenticate,
	DEMO_PASSWORD,
	DEMO_USERS,
	MAX_PASSWORD_LENGTH,
	MAX_USERNAME_LENGTH,
	SESSION_COOKIE,
	sessionCookieOptions,
	sessions,
} from '$lib/server/session';
import { loginThrottle } from '$lib/server/throttle';
import type { Actions, PageServerLoad } from './$types';

export type InvalidLogin = 'malformed' | 'missing' | 'tooLong';

/** The two fields of a log-in form, or why the form is not one. */
async function readLogin(request: Request): Promise<{ username: string; password: string } | { invalid: InvalidLogin }> {
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return { invalid: 'malformed' };
	}
	const username = form.getAll('username');
	const password = form.getAll('password');
	if (username.length > 1 || password.length > 1) return { invalid: 'malformed' };
	const [name, secret] = [username[0], password[0]];
	if (typeof name !== 'string' || typeof secret !== 'string' || !name || !secret) return { invalid: 'missing' };
	if (name.length > MAX_USERNAME_LENGTH || secret.length > MAX_PASSWORD_LENGTH) return { invalid: 'tooLong' };
	return { username: name, password: secret };
}

/**
 * Where a log-in leads: the safe `next` page, in the language the log-in page was shown in (a
 * reader who chose English on the public page stays in English).
 */
function afterLogIn(url: URL): string {
	const next = safeNext(url.searchParams.get('next'), url.origin);
	const lang = url.searchParams.get('lang');
	if (!isLang(lang) || lang === 'id') return next;
	const target = new URL(next, url.origin);
	if (!target.searchParams.has('lang')) target.searchParams.set('lang', lang);
	return `${target.pathname}${target.search}${target.hash}`;
}

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, afterLogIn(url));
	return { demoUsers: DEMO_USERS.map((u) => ({ username: u.username, displayName: u.displayName })), demoPassword: DEMO_PASSWORD };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress, setHeaders }) => {
		const login = await readLogin(request);
		if ('invalid' in login) return fail(400, { invalid: login.invalid });
		const { username, password } = login;
		// From here to the count below nothing awaits, so a burst of parallel guesses is counted one by one.
		const address = getClientAddress();
		const wait = loginThrottle.retryAfter(username, address);
		if (wait > 0) {
			setHeaders({ 'retry-after': String(wait) });
			return fail(429, { username, retryMinutes: Math.ceil(wait / 60) });
		}
		const user = authenticate(username, password);
		if (!user) {
			loginThrottle.recordFailure(username, address);
			return fail(401, { username, failed: true });
		}
		loginThrottle.recordSuccess(username);
		// A new id at every log-in: a session id planted before the log-in never becomes a live one.
		sessions.revoke(cookies.get(SESSION_COOKIE));
		cookies.set(SESSION_COOKIE, sessions.create(user), sessionCookieOptions(url));
		redirect(303, afterLogIn(url));
	},
};
