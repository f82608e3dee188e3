/**
 * "Peluang untuk saya" (issue #15, /public/peluang): a prospective worker or a vocational school
 * enters a profile, and sees the open demand that fits it, the near misses (one requirement
 * missing, and which) and, for a missing certificate, the nearest certification bodies.
 *
 * Nothing about the visitor is stored or sent on:
 * - the profile lives in the URL's query string, validated here against allowlists (every field is
 *   hostile; anything else is a 400 that says which field and why);
 * - Cube is asked one fixed, profile-independent question (public_openings: country × requirement
 *   profile, suppressed as a whole — docs/access.md, "Opportunities for me"), so the profile never
 *   reaches Cube, its logs or the result cache; the answer is cut from that one table here;
 * - hooks.server.ts keeps /public/peluang with a profile out of the public page cache (its key
 *   is the URL), sends it `private, no-store`, sets no cookie, and nothing logs a query string.
 *
 * Eligibility is the one definition, warehouse/src/matching/eligibility.ts (requirementsMet),
 * applied to each cell's requirement profile.
 *
 * Differencing: every shown number is one cell of the one suppressed table, shown or hidden the
 * same for every visitor. Totals add only shown cells; a hidden cell is only counted ("n more
 * withheld"), so two profiles' answers together say nothing the table does not.
 */
import { haversineKm } from '../../../../common/distance.ts';
import {
	type CandidateFacts,
	type LineRequirements,
	type Requirement,
	servableOccupations,
	unmetRequirements,
} from '../../../../warehouse/src/matching/eligibility.ts';
import type { Lang } from '../i18n/index.ts';
import { translator } from '../i18n/index.ts';
import { type CubeQuery, cubeLoad } from './cube.ts';
import { PUBLIC_CONTEXT } from './public-data.ts';
import { REFERENCE } from './reference.generated.ts';

// The reference data, from the generated copy (common/reference/web-reference.ts)
const EDUCATION_CODES = REFERENCE.educationLevels.map((e) => e.code);
type EducationCode = (typeof REFERENCE.educationLevels)[number]['code'];
const LANGUAGE_LEVEL_CEFR = REFERENCE.languageLevels;
const index = <T, K extends keyof T>(rows: readonly T[], key: K) => new Map(rows.map((r) => [String(r[key]), r]));
const occupationByIsco4 = index(REFERENCE.occupations, 'isco4');
const smkMajorByCode = index(REFERENCE.smkMajors, 'code');
const certificationSchemeByCode = index(REFERENCE.certificationSchemes, 'code');
const languageByCode = index(REFERENCE.languages, 'code');
const educationByCode = index(REFERENCE.educationLevels, 'code');
const provinceByCode = index(REFERENCE.provinces, 'code');
const certificationBodyByCode = index(REFERENCE.certificationBodies, 'code');
const certificationBodiesByScheme = new Map<string, readonly string[]>(Object.entries(REFERENCE.bodiesByScheme));

/** Straight-line km between two provinces' capitals (0 within one). */
export function provinceDistanceKm(a: string, b: string): number {
	const p = provinceByCode.get(a);
	const q = provinceByCode.get(b);
	if (!p || !q) throw new Error(`No capital for province ${p ? b : a}`);
	return a === b ? 0 : haversineKm(p, q);
}

/** The one question the page asks Cube, the same for every visitor. */
export const OPENINGS_QUERY: CubeQuery = {
	measures: ['public_openings.open_slots', 'public_openings.wage_min_usd', 'public_openings.wage_max_usd'],
	dimensions: ['public_openings.country', 'public_openings.opening'],
};

/** Query-string parameters of a profile (and the page's own `lang`); anything else is refused. */
export const PROFILE_FIELDS = [
	'occupation',
	'major',
	'cert',
	'language',
	'level',
	'education',
	'province',
	'experience',
	'gender',
	'age',
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];
const ALLOWED_PARAMS = new Set<string>([...PROFILE_FIELDS, 'lang']);
/** at most this many certificates, query parameters and characters per value */
export const MAX_CERTIFICATES = 5;
const MAX_PARAMS = 20;
const MAX_VALUE_LENGTH = 40;

export interface Profile {
	occupation: string;
	/** the SMK major the occupation came from, if the visitor chose one */
	major: string;
	certificates: string[];
	language: string;
	level: number;
	education: EducationCode | '';
	province: string;
	experience: number;
	gender: '' | 'F' | 'M';
	age: number;
}

export class ProfileError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
	}
}

const own = (map: ReadonlyMap<string, unknown>, key: string) => map.has(key);

/** A whole number from `min` to `max` written plainly (no sign, no exponent, no spaces). */
function wholeNumber(value: string, min: number, max: number): number | null {
	if (!/^\d{1,3}$/.test(value)) return null;
	const n = Number(value);
	return n >= min && n <= max ? n : null;
}

/**
 * The profile in a query string, or a ProfileError naming the first field that is not allowed
 * (messages in the page's language). An empty query string is the empty profile (the form only).
 */
export function parseProfile(params: URLSearchParams, lang: Lang): Profile {
	const t = translator(lang);
	const fail = (field: string, key: Parameters<typeof t>[0], extra: Record<string, string> = {}): never => {
		let message = t(key).replace('{field}', field);
		for (const [k, v] of Object.entries(extra)) message = message.replace(`{${k}}`, v);
		throw new ProfileError(field, message);
	};
	const keys = [...params.keys()];
	if (keys.length > MAX_PARAMS) fail('', 'peluang.error.tooMany', { n: String(MAX_PARAMS) });
	for (const key of keys) {
		if (!ALLOWED_PARAMS.has(key)) fail(key.replace(/[^\w-]/g, '?').slice(0, 20), 'peluang.error.unknown');
	}
	const single = (field: ProfileField): string => {
		const values = params.getAll(field);
		if (values.length > 1) fail(field, 'peluang.error.repeated');
		const value = values[0] ?? '';
		if (value.length > MAX_VALUE_LENGTH) fail(field, 'peluang.error.invalid');
		return value;
	};
	if (params.getAll('lang').length > 1) fail('lang', 'peluang.error.repeated');

	const occupationIn = single('occupation');
	const major = single('major');
	if (occupationIn !== '' && !own(occupationByIsco4, occupationIn)) fail('occupation', 'peluang.error.invalid');
	if (major !== '' && !own(smkMajorByCode, major)) fail('major', 'peluang.error.invalid');
	const fromMajor = major === '' ? '' : smkMajorByCode.get(major)!.isco4;
	if (occupationIn !== '' && fromMajor !== '' && occupationIn !== fromMajor) fail('major', 'peluang.error.conflict');
	const occupation = occupationIn || fromMajor;

	const certificates = params.getAll('cert');
	if (certificates.length > MAX_CERTIFICATES) fail('cert', 'peluang.error.tooManyCerts', { n: String(MAX_CERTIFICATES) });
	for (const c of certificates)
		if (c.length > MAX_VALUE_LENGTH || !own(certificationSchemeByCode, c)) fail('cert', 'peluang.error.invalid');

	const language = single('language');
	if (language !== '' && !own(languageByCode, language)) fail('language', 'peluang.error.invalid');
	const levelText = single('level');
	const level = levelText === '' ? 0 : wholeNumber(levelText, 0, LANGUAGE_LEVEL_CEFR.length - 1);
	if (level === null) fail('level', 'peluang.error.invalid');
	if (language === '' && level !== 0) fail('level', 'peluang.error.levelWithoutLanguage');

	const education = single('education');
	if (education !== '' && !(EDUCATION_CODES as readonly string[]).includes(education)) fail('education', 'peluang.error.invalid');
	const province = single('province');
	if (province !== '' && !own(provinceByCode, province)) fail('province', 'peluang.error.invalid');
	const experienceText = single('experience');
	const experience = experienceText === '' ? 0 : wholeNumber(experienceText, 0, 50);
	if (experience === null) fail('experience', 'peluang.error.invalid');
	const gender = single('gender');
	if (gender !== '' && gender !== 'F' && gender !== 'M') fail('gender', 'peluang.error.invalid');
	const ageText = single('age');
	const age = ageText === '' ? 0 : wholeNumber(ageText, 15, 80);
	if (age === null) fail('age', 'peluang.error.invalid');

	return {
		occupation,
		major,
		certificates: [...new Set(certificates)].sort(),
		language,
		level: level ?? 0,
		education: education as EducationCode | '',
		province,
		experience: experience ?? 0,
		gender: gender as Profile['gender'],
		age: age ?? 0,
	};
}

/** A profile is asked about once it names an occupation (or a major): the rest may stay empty. */
export function isAsked(profile: Profile): boolean {
	return profile.occupation !== '';
}

/** The requirement profile of a public_openings cell (cube/model/openings.js, `opening`). */
export function parseOpening(country: string, opening: string): LineRequirements | null {
	const parts = opening.split('|');
	if (parts.length !== 9) return null;
	const [occupation, certificate, language, level, education, experience, gender, ageMin, ageMax] = parts as [
		string,
		string,
		string,
		string,
		string,
		string,
		string,
		string,
		string,
	];
	return {
		occupation,
		country,
		certificate,
		language,
		languageLevel: Number(level),
		educationRank: Number(education),
		experienceYears: Number(experience),
		gender,
		ageMin: Number(ageMin),
		ageMax: Number(ageMax),
	};
}

/** What the one eligibility knows of a visitor: any destination; missing data stays missing. */
export function candidateOf(profile: Profile): CandidateFacts {
	return {
		occupation: profile.occupation,
		countries: ['*'],
		certificates: profile.certificates,
		languages: new Map(profile.language ? [[profile.language, profile.level]] : []),
		// no education given = rank 0 (meets only "no minimum")
		educationRank: profile.education ? educationByCode.get(profile.education)!.rank : 0,
		experienceYears: profile.experience,
		gender: profile.gender,
		age: profile.age,
	};
}

export interface OpeningCell {
	country: string;
	requirements: LineRequirements;
	/** null = withheld (suppressed) */
	slots: number | null;
	wageMin: number | null;
	wageMax: number | null;
}

export interface NearestBody {
	code: string;
	name: string;
	province: string;
	distanceKm: number | null;
}

export interface Match extends OpeningCell {
	missing: Requirement[];
}

export interface PeluangAnswer {
	fits: Match[];
	nearMisses: Match[];
	/** shown slots only: a withheld cell adds nothing */
	fitSlots: number;
	nearMissSlots: number;
	fitWithheld: number;
	nearMissWithheld: number;
	/** missing certificate → nearest certification bodies for it */
	bodies: Record<string, NearestBody[]>;
}

const num = (v: unknown): number | null => {
	if (v === null || v === undefined || v === '' || v === 'suppressed') return null;
	const n = Number(v);
	return Number.isFinite(n) ? n : null;
};

/** The whole public table (one Cube question per data version, from the result cache). */
export async function loadOpenings(): Promise<{ cells: OpeningCell[]; threshold: number | null }> {
	const result = await cubeLoad(OPENINGS_QUERY, PUBLIC_CONTEXT);
	const cells: OpeningCell[] = [];
	result.data.forEach((row, index) => {
		const requirements = parseOpening(String(row['public_openings.country'] ?? ''), String(row['public_openings.opening'] ?? ''));
		if (!requirements) return;
		const hidden = (result.suppressed?.[index] ?? []).includes('public_openings.open_slots');
		cells.push({
			country: requirements.country,
			requirements,
			slots: hidden ? null : num(row['public_openings.open_slots']),
			wageMin: hidden ? null : num(row['public_openings.wage_min_usd']),
			wageMax: hidden ? null : num(row['public_openings.wage_max_usd']),
		});
	});
	return { cells, threshold: result.threshold ?? null };
}

/** The certification bodies of `scheme`, nearest to `province` first (all of them when no province). */
export function nearestBodies(scheme: string, province: string, limit = 3): NearestBody[] {
	const bodies = (certificationBodiesByScheme.get(scheme) ?? []).map((code) => {
		const body = certificationBodyByCode.get(code)!;
		return {
			code,
			name: body.name,
			province: body.province,
			distanceKm: province ? Math.round(provinceDistanceKm(province, body.province)) : null,
		};
	});
	bodies.sort((a, b) => (a.distanceKm ?? 0) - (b.distanceKm ?? 0) || (a.code < b.code ? -1 : 1));
	return bodies.slice(0, limit);
}

const bySlots = (a: Match, b: Match) =>
	(a.slots === null ? 1 : 0) - (b.slots === null ? 1 : 0) ||
	(b.slots ?? 0) - (a.slots ?? 0) ||
	(a.country < b.country ? -1 : a.country > b.country ? 1 : 0) ||
	(a.requirements.occupation < b.requirements.occupation ? -1 : 1);

/** Cuts a profile's answer from the table: fits (nothing missing) and near misses (one missing). */
export function answerProfile(profile: Profile, cells: readonly OpeningCell[]): PeluangAnswer {
	const candidate = candidateOf(profile);
	const fits: Match[] = [];
	const nearMisses: Match[] = [];
	for (const cell of cells) {
		const missing = unmetRequirements(candidate, cell.requirements);
		if (missing.length === 0) fits.push({ ...cell, missing });
		else if (missing.length === 1 && missing[0] !== 'occupation') nearMisses.push({ ...cell, missing });
	}
	fits.sort(bySlots);
	nearMisses.sort(bySlots);
	const shown = (list: Match[]) => list.reduce((s, m) => s + (m.slots ?? 0), 0);
	const withheld = (list: Match[]) => list.filter((m) => m.slots === null).length;
	const bodies: Record<string, NearestBody[]> = {};
	for (const m of nearMisses) {
		if (m.missing[0] === 'certificate' && !(m.requirements.certificate in bodies)) {
			bodies[m.requirements.certificate] = nearestBodies(m.requirements.certificate, profile.province);
		}
	}
	return {
		fits,
		nearMisses,
		fitSlots: shown(fits),
		nearMissSlots: shown(nearMisses),
		fitWithheld: withheld(fits),
		nearMissWithheld: withheld(nearMisses),
		bodies,
	};
}

/** The choices of the form, in the page's language. */
export function profileOptions(lang: Lang) {
	const title = (o: { title_en: string; title_id: string }) => (lang === 'en' ? o.title_en : o.title_id);
	const name = (o: { name_en: string; name_id: string }) => (lang === 'en' ? o.name_en : o.name_id);
	const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, lang);
	return {
		occupations: REFERENCE.occupations.map((o) => ({ value: o.isco4, label: `${title(o)} (${o.isco4})` })).sort(byLabel),
		majors: REFERENCE.smkMajors.map((m) => ({ value: m.code, label: name(m) })).sort(byLabel),
		certificates: REFERENCE.certificationSchemes.map((c) => ({ value: c.code, label: title(c) })).sort(byLabel),
		languages: REFERENCE.languages.map((l) => ({ value: l.code, label: name(l) })).sort(byLabel),
		levels: LANGUAGE_LEVEL_CEFR.map((cefr, level) => ({ value: String(level), label: level === 0 ? '—' : `${level} (${cefr})` })),
		education: REFERENCE.educationLevels.map((e) => ({ value: e.code, label: name(e), rank: e.rank })),
		provinces: REFERENCE.provinces.map((p) => ({ value: p.code, label: p.name })).sort(byLabel),
	};
}

/** Names for what a cell requires, in the page's language. */
export function requirementLabels(lang: Lang) {
	const t = translator(lang);
	const byRank = new Map<number, string>();
	for (const e of REFERENCE.educationLevels) if (!byRank.has(e.rank)) byRank.set(e.rank, lang === 'en' ? e.name_en : e.name_id);
	return {
		occupation: (code: string) => {
			const o = occupationByIsco4.get(code);
			return o ? (lang === 'en' ? o.title_en : o.title_id) : code;
		},
		certificate: (code: string) => {
			const c = certificationSchemeByCode.get(code);
			return c ? (lang === 'en' ? c.title_en : c.title_id) : code;
		},
		language: (code: string, level: number) => {
			const l = languageByCode.get(code);
			return `${l ? (lang === 'en' ? l.name_en : l.name_id) : code} ≥ ${Math.max(level, 1)} (${LANGUAGE_LEVEL_CEFR[Math.max(level, 1)] ?? ''})`;
		},
		education: (rank: number) => byRank.get(rank) ?? String(rank),
		experience: (years: number) => t('peluang.years').replace('{n}', String(years)),
		gender: (g: string) => (g === 'F' ? t('peluang.gender.F') : g === 'M' ? t('peluang.gender.M') : ''),
		age: (min: number, max: number) => t('peluang.ageRange').replace('{min}', String(min)).replace('{max}', String(max)),
		province: (code: string) => provinceByCode.get(code)?.name ?? code,
	};
}

export { servableOccupations };
