import { error } from '@sveltejs/kit';
import { requestLang, translator } from '$lib/i18n';
import { dropFilterOfPlace, errorsOf, ignoredOf, loadNames, pageContext, runQueries, scopesOf, staticOptions } from '$lib/server/dashboard';
import { provinceQueries, readProvince } from '$lib/server/pages/province';
import type { PageServerLoad } from './$types';

interface MissingRegency {
	code: string;
	province: string;
	name: string;
}

export const load: PageServerLoad = async ({ locals, url, params, fetch }) => {
	const code = params.code;
	if (!/^\d{2}$/.test(code)) error(404, 'Unknown province');
	dropFilterOfPlace(url, 'province');
	const page = await pageContext(locals.user, url);
	const regencyParam = url.searchParams.get('regency');
	const regency = regencyParam?.startsWith(`${code}.`) && /^\d{2}\.\d{2}$/.test(regencyParam) ? regencyParam : null;
	const queries = provinceQueries(page.filters, page.members, code, regency);
	const [names, r, missingResponse] = await Promise.all([
		loadNames(page.context, requestLang(url)),
		runQueries(queries, page.context),
		fetch('/geo/regencies-missing.json'),
	]);
	const name = names.names.province[code];
	if (!name) error(404, `Unknown province ${code}`);
	const missing = ((await missingResponse.json()) as MissingRegency[]).filter((m) => m.province === code);

	const isOwnProvince = page.context.role !== 'regional' || page.context.province === code;
	return {
		code,
		name,
		regency,
		regencyName: regency ? (names.names.regency[regency] ?? regency) : null,
		isOwnProvince,
		missing,
		filters: page.filters,
		bounds: page.bounds,
		freshness: page.freshness,
		options: { ...names.options, ...staticOptions(translator(requestLang(url)) as never) },
		ignored: ignoredOf(queries),
		errors: errorsOf(r),
		scope: scopesOf(queries, page.context, names.names.province, translator(requestLang(url))),
		...readProvince(r, names.names),
	};
};
