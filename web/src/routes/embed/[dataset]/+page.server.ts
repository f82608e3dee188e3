import { error } from '@sveltejs/kit';
import { requestLang } from '$lib/i18n';
import { loadFreshness, loadNames } from '$lib/server/dashboard';
import { INCOMPLETE_HEADER } from '$lib/server/public-cache';
import { isPublicDataset, PUBLIC_CONTEXT, publicTable, publicYear } from '$lib/server/public-data';
import type { PageServerLoad } from './$types';

/** An embeddable public chart: /embed/<dataset>?year=2026&lang=en, for other sites' iframes. */
export const load: PageServerLoad = async ({ params, url, setHeaders }) => {
	if (!isPublicDataset(params.dataset)) error(404, `Unknown dataset ${params.dataset}`);
	const freshness = await loadFreshness(PUBLIC_CONTEXT);
	const latestYear = (freshness.dataAsOf ?? new Date().toISOString()).slice(0, 4);
	const { year, refused } = publicYear(url.searchParams.get('year'), latestYear, requestLang(url));
	if (refused) error(404, refused);
	const { names } = await loadNames(PUBLIC_CONTEXT, requestLang(url));
	const table = await publicTable(params.dataset, year, requestLang(url), names);
	// hooks.server.ts answers it with validators from what was rendered for the data version (public-cache.ts)
	setHeaders({ 'cache-control': 'public, max-age=60', ...(table.error || !freshness.dataAsOf ? { [INCOMPLETE_HEADER]: '1' } : {}) });
	return { year, freshness, table };
};
