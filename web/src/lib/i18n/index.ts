import { en } from './en.ts';
import { id } from './id.ts';

export type MessageKey = keyof typeof id;
export type Dictionary = Record<MessageKey, string>;
export const LANGS = ['id', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const dictionaries: Record<Lang, Dictionary> = { id, en };

export function isLang(value: unknown): value is Lang {
	return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** A translator for one language; Indonesian is the default. */
export function translator(lang: Lang): (key: MessageKey) => string {
	const dictionary = dictionaries[lang];
	return (key) => dictionary[key];
}

/**
 * The language of a request, from its URL. Loads must read it here rather than from
 * `locals`: SvelteKit reruns a load on a client-side navigation only when the URL parameters it
 * read have changed, so a load that never reads `lang` would keep the old language's labels.
 */
export function requestLang(url: URL): Lang {
	const requested = url.searchParams.get('lang');
	return isLang(requested) ? requested : 'id';
}
