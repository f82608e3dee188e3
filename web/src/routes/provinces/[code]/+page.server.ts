import { error } from '@sveltejs/kit';
import { requestLang, translator } from '$lib/i18n';
import {
	dropFilterOfPlace,
	errorsOf,
	filterOptions,
	ignoredOf,
	loadNames,
	pageContext,
	runQueries,
	scopesOf,
	staticOptions,
	unknownPlace,
} from '$lib/server/dashboard';
import { provinceQueries, readProvince } from '$lib/server/pages/province';
import regenciesBounds from '../../../../static/geo/regencies-bounds.json';
import regenciesMissing from '../../../../static/geo/regencies-missing.json';
import type { PageServerLoad } from './$types';

interface MissingRegency {
	code: string;
	province: string;
	name: string;
}

/**
 * Regencies the boundary file lacks, built into the server (the same file the browser can fetch).
 * It was fetched from /geo/ on every visit: SvelteKit's server-side fetch of a static file is a
 * real HTTP request to the app's own ORIGIN (adapter-node reads only server assets in place), so
 * under load each province page waited its turn a second time behind every other request, and
 * behind the proxy it went out through HAProxy to either web process (issue #13, the page mix).
 */
const MISSING_REGENCIES: readonly MissingRegency[] = regenciesMissing;

/**
 * Each province's regency file's extent, [west, south, east, north] (web/geo/build.ts, the same the
 * browser computes from the file): the regency map is given it with the page, so its box has the
 * right height from the first paint instead of changing once the boundaries arrive (on a phone the
 * height follows the extent, ChoroplethMap.svelte).
 */
const REGENCY_BOUNDS: Readonly<Record<string, readonly number[]>> = regenciesBounds;

function regencyBoundsOf(code: string): [number, number, number, number] | undefined {
	const [west, south, east, north] = REGENCY_BOUNDS[code] ?? [];
	return west === undefined || south === undefined || east === undefined || north === undefined ? undefined : [west, south, east, north];
}

export const load: PageServerLoad = async ({ locals, url, params, setHeaders }) => {
	const code = params.code;
	if (!/^\d{2}$/.test(code)) error(404, 'Unknown province');
	dropFilterOfPlace(url, 'province');
	const page = await pageContext(locals.user, url);
	const regencyParam = url.searchParams.get('regency');
	const regency = regencyParam?.startsWith(`${code}.`) && /^\d{2}\.\d{2}$/.test(regencyParam) ? regencyParam : null;
	const queries = provinceQueries(page.filters, page.members, code, regency);
	const [names, r] = await Promise.all([loadNames(page.context, requestLang(url)), runQueries(queries, page.context)]);
	const name = names.names.province[code];
	if (!name) unknownPlace(names, 'provinces', requestLang(url), setHeaders, `Unknown province ${code}`);
	const missing = MISSING_REGENCIES.filter((m) => m.province === code);

	const isOwnProvince = page.context.role !== 'regional' || page.context.province === code;
	return {
		code,
		name,
		regency,
		regencyName: regency ? (names.names.regency[regency] ?? regency) : null,
		isOwnProvince,
		missing,
		regencyBounds: regencyBoundsOf(code),
		filters: page.filters,
		bounds: page.bounds,
		freshness: page.freshness,
		options: filterOptions({ ...names.options, ...staticOptions(requestLang(url)) }),
		ignored: ignoredOf(queries),
		errors: errorsOf(r),
		scope: scopesOf(queries, page.context, names.names.province, translator(requestLang(url))),
		...readProvince(r, names.names),
	};
};
