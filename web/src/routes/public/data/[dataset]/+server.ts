import { error } from '@sveltejs/kit';
import { exportFileName } from '$lib/export';
import { isLang, translator } from '$lib/i18n';
import { loadFreshness, loadNames } from '$lib/server/dashboard';
import { INCOMPLETE_HEADER } from '$lib/server/public-cache';
import { isPublicDataset, PUBLIC_CONTEXT, publicTable, publicYear } from '$lib/server/public-data';
import { tableCsv } from '$lib/table';
import type { RequestHandler } from './$types';

/** Open data: /public/data/<dataset>.csv?year=2026&lang=en — the same numbers as the public charts. */
export const GET: RequestHandler = async ({ params, url }) => {
	const name = params.dataset.replace(/\.csv$/, '');
	if (!isPublicDataset(name)) error(404, `Unknown dataset ${name}`);
	const lang = isLang(url.searchParams.get('lang')) ? (url.searchParams.get('lang') as 'id' | 'en') : 'id';
	const freshness = await loadFreshness(PUBLIC_CONTEXT);
	const latestYear = (freshness.dataAsOf ?? new Date().toISOString()).slice(0, 4);
	const { year, refused } = publicYear(url.searchParams.get('year'), latestYear, lang);
	if (refused) error(404, refused);
	const { names } = await loadNames(PUBLIC_CONTEXT, lang);
	const result = await publicTable(name, year, lang, names);
	if (result.error) error(502, translator(lang)(`error.${result.error}`));
	const csv = tableCsv(result.table, translator(lang)('suppressed.marker'));
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			// the format stays the documented machine CSV; only the name says place, year and language
			'content-disposition': `attachment; filename="${exportFileName({ dataset: name, scope: 'IDN', period: [year], lang, ext: 'csv' })}"`,
			'cache-control': 'public, max-age=60',
			// hooks.server.ts keeps it for the data version only when the year came from the data (public-cache.ts)
			...(freshness.dataAsOf ? {} : { [INCOMPLETE_HEADER]: '1' }),
		},
	});
};
