/**
 * What a reader must never be shown (issue #12 items 8 and 9), read from a page as it is: raw codes
 * (snake_case such as `nurse_str`, Cube member names such as `placements.country`, regency codes
 * such as "35.07"), unformatted ISO dates, English dictionary text or month names on an Indonesian
 * page and Indonesian on an English one, a date field the browser draws in its own language, Cube's
 * error text. Used by `words.test.ts` (every role's pages) and `layout.test.ts` (the minister's
 * pages it loads anyway at desktop width: `WORDS_READ_BY_LAYOUT`).
 */
import type { Page } from 'playwright-core';
import { MONTH_NAMES } from '../../web/src/lib/format.ts';
import { en } from '../../web/src/lib/i18n/en.ts';
import { id } from '../../web/src/lib/i18n/id.ts';

/**
 * The minister's pages whose words `layout.test.ts` reads on its desktop visits (1280×900, both
 * languages, the same waits), so `words.test.ts` does not load them a second time for the minister:
 * each is in layout's `PAGES`, and layout checks that they still are.
 */
export const WORDS_READ_BY_LAYOUT = ['/', '/markets', '/markets/SA', '/provinces/52', '/matching', '/public'];

/** Everything a reader can see or hear on the page, one string per place. */
export async function readableTexts(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		// The language switch names the other language in that language, and a demo user's title is
		// their name: both are meant as they are.
		const own = [...document.querySelectorAll('[data-testid="lang-switch"]')].map((e) => (e as HTMLElement).innerText);
		let text = document.body.innerText;
		for (const o of own) text = text.replace(o, '');
		const out: string[] = [text];
		for (const element of document.querySelectorAll('[aria-label], [title], [alt]')) {
			if (element.matches('[data-testid="lang-switch"], .user')) continue;
			for (const name of ['aria-label', 'title', 'alt']) {
				const value = element.getAttribute(name);
				if (value) out.push(value);
			}
		}
		for (const option of document.querySelectorAll('option')) out.push(option.textContent ?? '');
		// A date field the browser draws speaks the browser's language ("January 2026" on an
		// Indonesian page) and never shows in innerText: name the field itself as a problem.
		for (const input of document.querySelectorAll(
			'input[type="month"], input[type="date"], input[type="week"], input[type="datetime-local"]',
		)) {
			out.push(`BROWSER-DRAWN ${(input as HTMLInputElement).type} field ${(input as HTMLInputElement).name}`);
		}
		type Chart = { getOption(): Record<string, unknown> };
		for (const element of document.querySelectorAll<HTMLElement & { slmiChart?: Chart }>('.chart')) {
			const option = element.slmiChart?.getOption();
			if (!option) continue;
			const list = (v: unknown) => (Array.isArray(v) ? v : v ? [v] : []) as Record<string, unknown>[];
			for (const axis of [...list(option.xAxis), ...list(option.yAxis)]) {
				for (const d of list(axis.data)) out.push(typeof d === 'object' && d ? String((d as { value?: unknown }).value ?? '') : String(d));
				if (axis.name) out.push(String(axis.name));
			}
			for (const series of list(option.series)) if (series.name) out.push(String(series.name));
			for (const title of list(option.title)) if (title.text) out.push(String(title.text));
		}
		return out;
	});
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A dictionary text as a whole phrase (not inside a longer word). */
const phrase = (text: string) => new RegExp(`(^|[^\\p{L}])${escapeRegExp(text)}($|[^\\p{L}])`, 'u');

/** Texts of one language's dictionary that the other language's page must not show. */
function onlyIn(mine: Record<string, string>, other: Record<string, string>): string[] {
	return Object.keys(mine)
		.map((key) => [mine[key]?.replace(/\{[a-z]+\}.*$/s, '').trim() ?? '', other[key]?.trim() ?? ''] as const)
		.filter(([text, theirs]) => text.length > 4 && !theirs.includes(text) && !Object.values(other).some((o) => o === text))
		.map(([text]) => text);
}
/** MapLibre's own English labels (its default locale), which an Indonesian page must replace. */
const MAPLIBRE_ENGLISH = ['Map', 'Map region', 'Toggle attribution', 'Map feedback', 'MapLibre logo', 'Zoom in', 'Zoom out'];
/**
 * Month names (full and short) of one language that the other language writes differently: an
 * Indonesian page must not say "January" or "Aug", an English one not "Januari" or "Agu".
 */
function monthsOnlyIn(mine: 'id' | 'en', other: 'id' | 'en'): string[] {
	const names = (lang: 'id' | 'en') => [...MONTH_NAMES[lang], ...MONTH_NAMES[lang].map((name) => name.slice(0, 3))];
	return names(mine).filter((name) => !names(other).includes(name));
}
const englishOnly = [...onlyIn(en, id), ...monthsOnlyIn('en', 'id')];
const indonesianOnly = [...onlyIn(id, en), ...monthsOnlyIn('id', 'en')];

/** What must never reach a reader. */
const RAW = [
	{ what: 'a snake_case code', pattern: /\b[a-z][a-z0-9]*_[a-z0-9_]+\b/g },
	{ what: 'a Cube member name', pattern: /\b[a-z][a-z_]+\.[a-z][a-z_0-9]+\b/g },
	{ what: 'an unformatted ISO date', pattern: /\b\d{4}-\d{2}(-\d{2})?\b/g },
	{ what: "a date field drawn in the browser's language", pattern: /BROWSER-DRAWN [a-z-]+ field \w*/g },
	// (not a time: Indonesian writes 17.11 WIB)
	{ what: 'a regency code', pattern: /\b\d{2}\.\d{2}\b(?! WIB)/g },
	// Cube's own refusals and failures ("… is not available to the public", "Regional access is limited …")
	{
		what: 'a Cube error',
		pattern: /\b(Cube|query|member|not available to the public|Regional access|Forbidden|Unauthorized|Continue wait)\b/g,
	},
];

/** What a page in `lang` shows that a reader must not be shown (`readableTexts`), one line each; empty when nothing. */
export function problems(texts: string[], lang: 'id' | 'en'): string[] {
	const found = new Set<string>();
	const all = texts.join('\n');
	for (const { what, pattern } of RAW) for (const match of all.matchAll(pattern)) found.add(`${what}: "${match[0]}"`);
	if (lang === 'id') for (const text of texts) if (MAPLIBRE_ENGLISH.includes(text.trim())) found.add(`English map label: "${text.trim()}"`);
	for (const text of lang === 'id' ? englishOnly : indonesianOnly) {
		if (phrase(text).test(all)) found.add(`${lang === 'id' ? 'English' : 'Indonesian'} text: "${text}"`);
	}
	return [...found].sort();
}
