import { viewLine } from '$lib/server/officer';
import type { PageServerLoad } from './$types';

/** An open line's candidates of the officer's province: audited before it is read (officer.ts). */
export const load: PageServerLoad = async ({ locals, params, url }) => ({
	detail: await viewLine(locals.user, params.id, url.searchParams.get('page')),
});
