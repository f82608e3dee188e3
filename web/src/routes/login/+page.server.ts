import { fail, redirect } from '@sveltejs/kit';
import { authenticate, createSession, DEMO_PASSWORD, DEMO_USERS, SESSION_COOKIE } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

/** Only same-site paths: a crafted ?next= must not send a user to another host. */
function safeNext(next: string | null): string {
	return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return { demoUsers: DEMO_USERS.map((u) => ({ username: u.username, displayName: u.displayName })), demoPassword: DEMO_PASSWORD };
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const form = await request.formData();
		const username = String(form.get('username') ?? '');
		const user = authenticate(username, String(form.get('password') ?? ''));
		if (!user) return fail(401, { username, failed: true });
		cookies.set(SESSION_COOKIE, createSession(user), {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: 8 * 3600,
		});
		redirect(303, safeNext(url.searchParams.get('next')));
	},
};
