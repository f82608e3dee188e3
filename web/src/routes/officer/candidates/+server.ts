import { error, redirect } from '@sveltejs/kit';
import { requireOfficer } from '$lib/server/officer';
import type { RequestHandler } from './$types';

/** The candidate id box of /officer: sends the officer to the candidate's (audited) page. */
export const GET: RequestHandler = ({ locals, url }) => {
	requireOfficer(locals.user);
	const id = (url.searchParams.get('id') ?? '').trim();
	if (!/^[A-Za-z0-9._:-]{1,64}$/.test(id)) error(404, 'Not found');
	const lang = url.searchParams.get('lang') === 'en' ? '?lang=en' : '';
	redirect(303, `/officer/candidates/${encodeURIComponent(id)}${lang}`);
};
