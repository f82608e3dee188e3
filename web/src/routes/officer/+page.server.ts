import { error } from '@sveltejs/kit';
import { requestLang, translator } from '$lib/i18n';
import { LineChoiceError, selectLines } from '$lib/officer-lines';
import { loadNames } from '$lib/server/dashboard';
import { officerLines, requireOfficer } from '$lib/server/officer';
import type { PageServerLoad } from './$types';

/**
 * The officer's home: the open lines to choose from (aggregate, not audited), filtered by
 * destination and occupation and in pages (lib/officer-lines.ts), and a candidate id box.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const officer = requireOfficer(locals.user);
	const lang = requestLang(url);
	// Names are reference data (countries, occupations, provinces): read with the internal context
	// loadNames uses for every logged-in role; an officer has no Cube context of its own.
	const [lines, names] = await Promise.all([officerLines(locals.user), loadNames({ role: 'director', sub: 'names' }, lang)]);
	let choice: ReturnType<typeof selectLines>;
	try {
		choice = selectLines(lines, url.searchParams);
	} catch (e) {
		if (e instanceof LineChoiceError)
			error(400, translator(lang)('officer.error.invalid').replace('{field}', translator(lang)(`officer.field.${e.field}`)));
		throw e;
	}
	return {
		province: officer.province,
		provinceName: names.names.province[officer.province] ?? officer.province,
		country: url.searchParams.get('country') ?? '',
		occupation: url.searchParams.get('occupation') ?? '',
		names: { country: names.names.country, occupation: names.names.occupation },
		...choice,
	};
};
