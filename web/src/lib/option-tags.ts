/**
 * The <option> tags of the filter bar's selects (FilterBar.svelte, MonthSelect.svelte), written as
 * one string each and put into the select with `{@html}`. Every dashboard page renders about 300
 * options (two month lists of ~96 months, the countries, provinces, occupations …); written by
 * Svelte's renderer each was a component-level element with its own escaping and hydration marks,
 * about 7 % of the web process's CPU for a warm page (docs/performance.md, "Per-page server work").
 * The month lists, the same for every page of a language and period, are written once and kept.
 * What a reader sees and submits is the same markup as before: one `<option value=…>` per choice,
 * the chosen one marked `selected` so the page shows it without JavaScript too.
 */
import { monthsBetween } from './filters.ts';
import { formatMonthLong } from './format.ts';
import type { Lang } from './i18n/index.ts';

export interface Option {
	value: string;
	label: string;
}

const ESCAPED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text and attribute values as HTML (the four characters that could end or open markup). */
export function escapeHtml(text: string): string {
	return /[&<>"]/.test(text) ? text.replace(/[&<>"]/g, (c) => ESCAPED[c] as string) : text;
}

function optionTag(option: Option): string {
	return `<option value="${escapeHtml(option.value)}">${escapeHtml(option.label)}</option>`;
}

/** The first option whose value is `selected` carries the attribute, as a select shows one choice. */
function markSelected(tags: string, selected: string): string {
	const open = `<option value="${escapeHtml(selected)}">`;
	const at = tags.indexOf(open);
	return at < 0 ? tags : `${tags.slice(0, at + open.length - 1)} selected>${tags.slice(at + open.length)}`;
}

/**
 * A filter's options as a page's data carries them: one `value<TAB>label` line per option. SvelteKit
 * writes a page's data into the page as a script (devalue); a list as one string instead of an
 * object per option made that about four times cheaper for the ~190 options of the filter bar,
 * and a third smaller (docs/performance.md, "Per-page server work").
 */
export type PackedOptions = string;

const SEPARATORS = /[\t\n]/g;
const packedLists = new WeakMap<readonly Option[], PackedOptions>();

/** The options as one string; the server's lists are cached arrays, so each is packed once. */
export function packOptions(options: readonly Option[]): PackedOptions {
	let packed = packedLists.get(options);
	if (packed === undefined) {
		packed = options.map((o) => `${o.value.replace(SEPARATORS, ' ')}\t${o.label.replace(SEPARATORS, ' ')}`).join('\n');
		packedLists.set(options, packed);
	}
	return packed;
}

export function unpackOptions(packed: PackedOptions): Option[] {
	if (packed === '') return [];
	return packed.split('\n').map((line) => {
		const tab = line.indexOf('\t');
		return { value: line.slice(0, tab), label: line.slice(tab + 1) };
	});
}

/** The tags of the packed lists already written (a few per language and role: bounded all the same). */
const written = new Map<PackedOptions, string>();
const WRITTEN_KEPT = 256;

function listTags(list: readonly Option[] | PackedOptions): string {
	if (typeof list !== 'string') return list.map(optionTag).join('');
	let tags = written.get(list);
	if (tags === undefined) {
		tags = unpackOptions(list).map(optionTag).join('');
		if (written.size >= WRITTEN_KEPT) written.delete(written.keys().next().value as string);
		written.set(list, tags);
	}
	return tags;
}

/** The options of `lists` in their order, the first of value `selected` marked. */
export function optionTags(lists: readonly (readonly Option[] | PackedOptions)[], selected: string): string {
	let tags = '';
	for (const list of lists) tags += listTags(list);
	return markSelected(tags, selected);
}

/** The month lists already written, per language and period (a handful: the bounds move once a month). */
const monthLists = new Map<string, string>();
const MONTH_LISTS_KEPT = 32;

/**
 * The months from `min` to `max` named in the language ("Januari 2026"), grouped by year in
 * <optgroup>s, `selected` marked; a chosen month outside the bounds (a hand-edited link) is
 * offered too, so the select shows what the page shows.
 */
export function monthOptionTags(lang: Lang, min: string, max: string, selected: string): string {
	const from = selected < min ? selected : min;
	const to = selected > max ? selected : max;
	const key = `${lang}|${from}|${to}`;
	let tags = monthLists.get(key);
	if (tags === undefined) {
		tags = '';
		let year = '';
		for (const month of monthsBetween(from, to)) {
			if (month.slice(0, 4) !== year) {
				tags += `${year ? '</optgroup>' : ''}<optgroup label="${month.slice(0, 4)}">`;
				year = month.slice(0, 4);
			}
			tags += optionTag({ value: month, label: formatMonthLong(month, lang) });
		}
		if (year) tags += '</optgroup>';
		if (monthLists.size >= MONTH_LISTS_KEPT) monthLists.delete(monthLists.keys().next().value as string);
		monthLists.set(key, tags);
	}
	return markSelected(tags, selected);
}
