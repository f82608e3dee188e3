import { readAuditFor } from '$lib/server/officer';
import type { PageServerLoad } from './$types';

/** The minister's audit of the officers' detail views, newest first (server-side; no cube). */
export const load: PageServerLoad = async ({ locals }) => ({ audit: await readAuditFor(locals.user) });
