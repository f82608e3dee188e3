import { viewCandidate } from '$lib/server/officer';
import type { PageServerLoad } from './$types';

/** A candidate of the officer's province and the lines they fit: audited before it is read (officer.ts). */
export const load: PageServerLoad = async ({ locals, params, url }) => ({
	detail: await viewCandidate(locals.user, params.id, url.searchParams.get('page')),
});
