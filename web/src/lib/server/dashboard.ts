/**
 * What every dashboard page needs before its own queries: who is asking (the Cube context), when
 * the data was last loaded, the filter state from the URL with defaults taken from the data, the
 * members Cube knows, and the filter bar's options with names in the reader's language.
 */
import { error, redirect } from '@sveltejs/kit';
import { type CubeName, type DimensionMember, dimensionMember, type LocalName } from '$lib/cube-members';
import type { DataError } from '$lib/data-error';
import type { FilterDimension, Filters } from '$lib/filters';
import { parseFilters } from '$lib/filters';
import { cubeTimeIso } from '$lib/format';
import { type Lang, translator } from '$lib/i18n';
import { type Option, type PackedOptions, packOptions } from '$lib/option-tags';
import { type CubeContext, type CubeQuery, contextFor, cubeLoad, cubeLoadSafe, cubeMembers } from './cube.ts';
import type { NamedQuery } from './pages/query-kit.ts';
import type { User } from './session.ts';

export interface Freshness {
	lastLoadedAt: string | null;
	/** latest event date in the data, YYYY-MM-DD */
	dataAsOf: string | null;
}

export interface PageContext {
	context: CubeContext;
	freshness: Freshness;
	filters: Filters;
	/** the default period: January of the data's latest year up to its latest month */
	defaults: { from: string; to: string };
	bounds: { from: string; to: string };
	members: Set<string>;
	options: Partial<Record<FilterDimension, Option[]>>;
}

const FIRST_MONTH = '2019-01';

function currentMonth(): string {
	return new Date().toISOString().slice(0, 7);
}

export async function loadFreshness(context: CubeContext): Promise<Freshness> {
	try {
		const { data } = await cubeLoad({ dimensions: ['data_freshness.last_loaded_at', 'data_freshness.data_as_of'] }, context);
		const row = data[0] ?? {};
		const asOf = row['data_freshness.data_as_of'];
		const loaded = row['data_freshness.last_loaded_at'];
		return {
			lastLoadedAt: cubeTimeIso(loaded),
			dataAsOf: asOf ? String(asOf).slice(0, 10) : null,
		};
	} catch {
		return { lastLoadedAt: null, dataAsOf: null };
	}
}

interface NamedRow {
	value: string;
	id: string;
	en: string;
}

const optionCache = new Map<string, { rows: NamedRow[]; expires: number }>();

/** Name lists change only with reference data: cache them for ten minutes. */
async function namedList<C extends CubeName>(
	cube: C,
	code: LocalName<C, DimensionMember>,
	nameId: LocalName<C, DimensionMember>,
	nameEn: LocalName<C, DimensionMember>,
	context: CubeContext,
): Promise<NamedRow[]> {
	const key = `${cube}.${code}`;
	const cached = optionCache.get(key);
	if (cached && cached.expires > Date.now()) return cached.rows;
	const dimensions = [code, nameId, nameEn].map((local) => dimensionMember(cube, local));
	const { data } = await cubeLoad({ dimensions, limit: 5000 }, context);
	const rows = data.map((r) => ({
		value: String(r[`${cube}.${code}`]),
		id: String(r[`${cube}.${nameId}`] ?? ''),
		en: String(r[`${cube}.${nameEn}`] ?? ''),
	}));
	optionCache.set(key, { rows, expires: Date.now() + 10 * 60_000 });
	return rows;
}

const collators: Record<Lang, Intl.Collator> = { id: new Intl.Collator('id'), en: new Intl.Collator('en') };
/** Sorted options per name list (the cached arrays of namedList) and language: sorting hundreds of names by locale took ≈ 10 ms a list on every page. */
const sortedCache = new WeakMap<NamedRow[], Partial<Record<Lang, Option[]>>>();

/** Names by code per name list and language, made once per list like the sorted options. */
const recordCache = new WeakMap<NamedRow[], Partial<Record<Lang, Record<string, string>>>>();

function sortedOptions(rows: NamedRow[], lang: Lang): Option[] {
	const byLang = sortedCache.get(rows) ?? {};
	const cached = byLang[lang];
	if (cached) return cached;
	const sorted = rows
		.map((r) => ({ value: r.value, label: (lang === 'en' ? r.en : r.id) || r.value }))
		.sort((a, b) => collators[lang].compare(a.label, b.label));
	byLang[lang] = sorted;
	sortedCache.set(rows, byLang);
	return sorted;
}

/**
 * Names of every code a page shows, keyed by code, in the reader's language: the one place codes
 * become words (the names are the reference data of common/reference, through Cube's dimension
 * cubes). The public context gets only what its views expose.
 */
export interface Names {
	country: Record<string, string>;
	province: Record<string, string>;
	/** regency short names ('Indramayu', 'Kota Cirebon'); the same in both languages */
	regency: Record<string, string>;
	sector: Record<string, string>;
	occupation: Record<string, string>;
	region: Record<string, string>;
	/** certification schemes ('caregiver' → 'Perawat lansia (caregiver)') */
	certificate: Record<string, string>;
	/** ISO 639 languages ('ar' → 'Bahasa Arab') */
	language: Record<string, string>;
	/** education levels ('sd' → 'SD/sederajat') */
	education: Record<string, string>;
}

export async function loadNames(
	context: CubeContext,
	lang: Lang,
): Promise<{ names: Names; options: Partial<Record<FilterDimension, Option[]>>; unavailable: ReadonlySet<CubeName> }> {
	const internal: CubeContext = context.role === 'public' ? context : { role: 'director', sub: 'names' };
	// the lists Cube could not answer just now (busy, down): a page then shows codes for names, and a
	// page about one place cannot tell an unknown code from a list it could not read (503, not 404)
	const unavailable = new Set<CubeName>();
	const safe = async <C extends CubeName>(
		cube: C,
		code: LocalName<C, DimensionMember>,
		nameId: LocalName<C, DimensionMember>,
		nameEn: LocalName<C, DimensionMember>,
	) => {
		try {
			return await namedList(cube, code, nameId, nameEn, internal);
		} catch {
			unavailable.add(cube);
			return [];
		}
	};
	const internalOnly = <C extends CubeName>(
		cube: C,
		code: LocalName<C, DimensionMember>,
		nameId: LocalName<C, DimensionMember>,
		nameEn: LocalName<C, DimensionMember>,
	) => (context.role === 'public' ? Promise.resolve([]) : safe(cube, code, nameId, nameEn));
	const [countries, provinces, sectors, occupations, regions, certificates, languages, educationLevels, regencies, withData] =
		await Promise.all([
			safe('countries', 'code', 'name_id', 'name_en'),
			safe('provinces', 'code', 'name', 'name'),
			safe('sectors', 'code', 'name_id', 'name_en'),
			safe('occupations', 'code', 'title_id', 'title_en'),
			safe('regions', 'code', 'name_id', 'name_en'),
			internalOnly('certification_schemes', 'code', 'title_id', 'title_en'),
			internalOnly('languages', 'code', 'name_id', 'name_en'),
			internalOnly('education_levels', 'code', 'name_id', 'name_en'),
			internalOnly('regencies', 'code', 'short_name', 'short_name'),
			countriesWithData(context),
		]);
	// Without a prototype, a filter value from the URL such as `constructor` or `__proto__` looks up
	// nothing instead of Object's own members (which broke the page with a 500).
	const toRecord = (rows: NamedRow[]): Record<string, string> => {
		const byLang = recordCache.get(rows) ?? {};
		const cached = byLang[lang];
		if (cached) return cached;
		const record = Object.assign(
			Object.create(null),
			Object.fromEntries(rows.map((r) => [r.value, (lang === 'en' ? r.en : r.id) || r.value])),
		);
		byLang[lang] = record;
		recordCache.set(rows, byLang);
		return record;
	};
	return {
		names: {
			country: toRecord(countries),
			province: toRecord(provinces),
			sector: toRecord(sectors),
			occupation: toRecord(occupations),
			region: toRecord(regions),
			certificate: toRecord(certificates),
			language: toRecord(languages),
			education: toRecord(educationLevels),
			regency: toRecord(regencies),
		},
		options: {
			// only destinations with data for this role, not all 249 ISO countries (issue #12, 13b)
			country: sortedOptions(countries, lang).filter((c) => withData.has(c.value)),
			region: sortedOptions(regions, lang),
			province: sortedOptions(provinces, lang),
			sector: sortedOptions(sectors, lang),
			occupation: sortedOptions(occupations, lang),
		},
		unavailable,
	};
}

/**
 * A page about one place whose code is not in its list of names: 404 when the list was read (an
 * unknown code), 503 with Retry-After when Cube could not answer the list just now — under load,
 * a known country must not be called unknown.
 */
export function unknownPlace(
	names: { unavailable: ReadonlySet<CubeName> },
	list: CubeName,
	lang: Lang,
	setHeaders: (headers: Record<string, string>) => void,
	unknown: string,
): never {
	if (names.unavailable.has(list)) {
		setHeaders({ 'retry-after': '5', 'cache-control': 'no-store' });
		error(503, translator(lang)('error.unavailable'));
	}
	error(404, unknown);
}

const withDataCache = new Map<string, { codes: Set<string>; expires: number }>();

/**
 * Destinations with job orders or placements, as this role's Cube answers them (any period): the
 * country filter offers these rather than every ISO country. An empty set if Cube refuses both.
 */
async function countriesWithData(context: CubeContext): Promise<Set<string>> {
	// the public pages have no country filter, and these cubes are not public
	if (context.role === 'public') return new Set();
	const key = JSON.stringify([context.role, context.province ?? '']);
	const cached = withDataCache.get(key);
	if (cached && cached.expires > Date.now()) return cached.codes;
	const queries: (CubeQuery & { dimensions: DimensionMember[] })[] = [
		{ measures: ['job_orders.demand_slots'], dimensions: ['job_orders.country'], limit: 5000 },
		{ measures: ['placements.placements'], dimensions: ['placements.country'], limit: 5000 },
	];
	const results = await Promise.all(queries.map((query) => cubeLoadSafe(query, context)));
	const codes = new Set<string>();
	results.forEach((result, i) => {
		const member = queries[i]?.dimensions[0];
		if (member) for (const row of result.data) if (row[member]) codes.add(String(row[member]));
	});
	if (results.every((r) => r.error === null)) withDataCache.set(key, { codes, expires: Date.now() + 10 * 60_000 });
	return codes;
}

/** The filter bar's options as the page's data carries them: one string per dimension (option-tags.ts). */
export function filterOptions(options: Partial<Record<FilterDimension, Option[]>>): Partial<Record<FilterDimension, PackedOptions>> {
	const packed: Partial<Record<FilterDimension, PackedOptions>> = {};
	for (const [dimension, list] of Object.entries(options) as [FilterDimension, Option[]][]) packed[dimension] = packOptions(list);
	return packed;
}

const staticLists = new Map<Lang, Partial<Record<FilterDimension, Option[]>>>();

/** The options that come from the code lists, not from the data: the same arrays for every request of a language (so packOptions packs each once). */
export function staticOptions(lang: Lang): Partial<Record<FilterDimension, Option[]>> {
	let lists = staticLists.get(lang);
	if (lists === undefined) {
		const tr = translator(lang) as (key: string) => string;
		lists = {
			skill_level: ['1', '2', '3', '4'].map((v) => ({ value: v, label: tr(`skill.${v}`) })),
			scheme: ['P2P', 'G2G', 'UKPS', 'MANDIRI'].map((v) => ({ value: v, label: tr(`scheme.${v}`) })),
			gender: ['F', 'M'].map((v) => ({ value: v, label: tr(`gender.${v}`) })),
		};
		staticLists.set(lang, lists);
	}
	return lists;
}

export async function pageContext(user: User | undefined, url: URL): Promise<Omit<PageContext, 'options'>> {
	const context = contextFor(user);
	const [freshness, members] = await Promise.all([loadFreshness(context), cubeMembers(context).catch(() => new Set<string>())]);
	const latest = freshness.dataAsOf?.slice(0, 7) ?? currentMonth();
	const defaults = { from: `${latest.slice(0, 4)}-01`, to: latest };
	const bounds = { from: FIRST_MONTH, to: latest };
	return { context, freshness, filters: parseFilters(url.searchParams, defaults), defaults, bounds, members };
}

/**
 * A page about one country or province (`/markets/SA`, `/provinces/52`) is that place: a filter
 * of the same dimension in its URL (`/markets/SA?country=TW`, kept from the page the reader came
 * from) would show a filter bar that contradicts the page. The page is answered without it: a
 * redirect to the same URL minus that filter, so the address shared is the page shown.
 */
export function dropFilterOfPlace(url: URL, dimension: 'country' | 'province'): void {
	if (!url.searchParams.has(dimension)) return;
	const next = new URLSearchParams(url.searchParams);
	next.delete(dimension);
	const search = next.toString();
	redirect(307, `${url.pathname}${search ? `?${search}` : ''}`);
}

export type SafeResult = Awaited<ReturnType<typeof cubeLoadSafe>>;

/** Runs a page's named queries in parallel; a failed query becomes an error on its own chart. */
export async function runQueries<K extends string>(queries: Record<K, NamedQuery>, context: CubeContext): Promise<Record<K, SafeResult>> {
	const keys = Object.keys(queries) as K[];
	const results = await Promise.all(keys.map((key) => cubeLoadSafe(queries[key].query, context)));
	return Object.fromEntries(keys.map((key, i) => [key, results[i]])) as Record<K, SafeResult>;
}

export function ignoredOf<K extends string>(queries: Record<K, NamedQuery>): Record<K, string[]> {
	return Object.fromEntries((Object.keys(queries) as K[]).map((key) => [key, queries[key].ignored])) as Record<K, string[]>;
}

export function errorsOf<K extends string>(results: Record<K, SafeResult>): Record<K, DataError | null> {
	return Object.fromEntries((Object.keys(results) as K[]).map((key) => [key, results[key].error])) as Record<K, DataError | null>;
}

/**
 * Cubes whose rows describe candidates. For a regional head, Cube limits every query on them to the
 * own province (cube/src/access.ts, `detail: 'candidate'`; docs/access.md); queries on the other
 * cubes answer nationally unless the page filters a province.
 */
const CANDIDATE_CUBES = new Set(['supply', 'applications', 'certifications', 'trainings']);

/** The provinces a query's answer covers: the province filter it applies, else [] (national). */
export function scopeOf(named: NamedQuery, context: CubeContext): string[] {
	const q = named.query;
	const members = [...(q.measures ?? []), ...(q.dimensions ?? [])];
	const cubes = new Set(members.map((m) => m.split('.')[0] ?? ''));
	const provinces = new Set<string>();
	for (const f of q.filters ?? []) {
		const filter = f as { member?: string; operator?: string; values?: string[] };
		if (!filter.member || filter.operator !== 'equals') continue;
		const [cube, field] = filter.member.split('.');
		if (field === 'province' && cube && cubes.has(cube)) for (const v of filter.values ?? []) provinces.add(v);
		if (field === 'regency' && cube && cubes.has(cube)) for (const v of filter.values ?? []) provinces.add(v.slice(0, 2));
	}
	if (provinces.size === 0 && context.role === 'regional' && context.province) {
		const candidateDetail = [...cubes].some((c) => CANDIDATE_CUBES.has(c)) || members.some((m) => m.includes('regency'));
		if (candidateDetail) provinces.add(context.province);
	}
	return [...provinces].sort();
}

/** Each query's scope as the badge on its tile or card says it: "Nasional", "Provinsi NTB", "3 provinsi". */
export function scopesOf<K extends string>(
	queries: Record<K, NamedQuery>,
	context: CubeContext,
	provinceNames: Record<string, string>,
	t: (key: 'scope.national' | 'scope.province' | 'scope.provinces') => string,
): Record<K, string> {
	const label = (codes: string[]) =>
		codes.length === 0
			? t('scope.national')
			: codes.length === 1
				? t('scope.province').replace('{name}', provinceNames[codes[0] as string] ?? (codes[0] as string))
				: t('scope.provinces').replace('{n}', String(codes.length));
	return Object.fromEntries((Object.keys(queries) as K[]).map((key) => [key, label(scopeOf(queries[key], context))])) as Record<K, string>;
}

/** A number from a Cube cell (Cube returns numbers as strings), or null. */
export { num } from './pages/query-kit.ts';
