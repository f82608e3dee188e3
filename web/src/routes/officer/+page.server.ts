import { officerLines, requireOfficer } from '$lib/server/officer';
import type { PageServerLoad } from './$types';

/** The officer's home: the open lines to choose from (aggregate, not audited) and a candidate id box. */
export const load: PageServerLoad = async ({ locals }) => {
	const officer = requireOfficer(locals.user);
	const lines = await officerLines(locals.user);
	return { province: officer.province, lines: lines.slice(0, 300), lineCount: lines.length };
};
