import type { Handle } from '@sveltejs/kit';
import { isLang } from '$lib/i18n';

/** The language is part of the URL (?lang=en), like every other view setting: links keep it. */
export const handle: Handle = async ({ event, resolve }) => {
	const requested = event.url.searchParams.get('lang');
	event.locals.lang = isLang(requested) ? requested : 'id';
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang) });
};
