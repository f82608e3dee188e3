/**
 * The officer's list of open job-order lines: filtered by destination and occupation and cut in
 * pages (issue #15 §2: a province's officer chooses among tens of thousands of national lines, and
 * the first 300 by open slots were all they could reach). Pure: the values come from the URL and
 * are checked against the lines' own codes (an allowlist), never passed on unchecked.
 */
import type { LineSummary } from '../../../warehouse/src/matching/detail.ts';

export const OFFICER_PAGE_SIZE = 300;

export interface LineChoice {
	country: string;
	occupation: string;
	page: number;
}

export interface LinePage {
	rows: LineSummary[];
	/** lines matching the filters */
	total: number;
	/** all open lines */
	all: number;
	page: number;
	pages: number;
	/** codes that occur among the open lines, with their number of lines, for the filters */
	countries: { code: string; lines: number }[];
	occupations: { code: string; lines: number }[];
}

/** Which URL field is not an allowed value (for a 400 that names it). */
export class LineChoiceError extends Error {
	constructor(readonly field: 'country' | 'occupation' | 'page') {
		super(`invalid ${field}`);
	}
}

function counts(lines: readonly LineSummary[], key: 'country' | 'occupation'): { code: string; lines: number }[] {
	const by = new Map<string, number>();
	for (const l of lines) by.set(l[key], (by.get(l[key]) ?? 0) + 1);
	return [...by].map(([code, n]) => ({ code, lines: n })).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * Reads `country`, `occupation` and `page` from the URL: empty or absent means all (page 1); a
 * country or occupation that no open line has, or a page that is not a whole number from 1 to the
 * last page, is refused.
 */
export function selectLines(lines: readonly LineSummary[], params: URLSearchParams, pageSize = OFFICER_PAGE_SIZE): LinePage {
	const countries = counts(lines, 'country');
	const country = params.get('country') ?? '';
	if (country !== '' && !countries.some((c) => c.code === country)) throw new LineChoiceError('country');
	const inCountry = country === '' ? lines : lines.filter((l) => l.country === country);
	// the occupations offered are those of the chosen country's lines
	const occupations = counts(inCountry, 'occupation');
	const occupation = params.get('occupation') ?? '';
	if (occupation !== '' && !occupations.some((o) => o.code === occupation)) throw new LineChoiceError('occupation');
	const chosen = occupation === '' ? inCountry : inCountry.filter((l) => l.occupation === occupation);
	const pages = Math.max(1, Math.ceil(chosen.length / pageSize));
	const pageText = params.get('page') ?? '1';
	if (!/^[1-9][0-9]{0,5}$/.test(pageText) || Number(pageText) > pages) throw new LineChoiceError('page');
	const page = Number(pageText);
	return {
		rows: chosen.slice((page - 1) * pageSize, page * pageSize),
		total: chosen.length,
		all: lines.length,
		page,
		pages,
		countries,
		occupations,
	};
}

/** `?page=…` of a detail view's lists, the language kept ("?" for the first page in Indonesian). */
export function detailPageHref(page: number, lang: 'id' | 'en'): string {
	const params = new URLSearchParams();
	if (page > 1) params.set('page', String(page));
	if (lang === 'en') params.set('lang', 'en');
	const query = params.toString();
	return query ? `?${query}` : '?';
}

/** The URL of another page of the same choice (the language kept). */
export function linePageHref(choice: LineChoice, lang: 'id' | 'en'): string {
	const params = new URLSearchParams();
	if (choice.country) params.set('country', choice.country);
	if (choice.occupation) params.set('occupation', choice.occupation);
	if (choice.page > 1) params.set('page', String(choice.page));
	if (lang === 'en') params.set('lang', 'en');
	const query = params.toString();
	return `/officer${query ? `?${query}` : ''}`;
}
