/**
 * SLMI reference data (the dimensions): world regions and countries, Indonesia's 38 provinces and
 * 514 regencies, sectors, occupations, education levels, languages, certification schemes and
 * bodies, placement agencies (P3MI), placement schemes and targets.
 *
 * Both the data generator (seeds/) and the warehouse loader read these, so a code means the same
 * thing on both sides. Everything is loaded synchronously once, on first import, and frozen.
 * Sources, licences and every assumption are in data/SOURCES.md.
 *
 * Countries and regencies come from their npm packages at run time (i18n-iso-countries,
 * idn-area-data) so the packages stay the source; only their plain data files are read, never
 * their JavaScript — idn-area-data declares Node >= 22 and SLMI runs on Node 20.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { haversineKm } from '../distance.ts';
import { parseCsvRecords } from './csv.ts';

// ---------------------------------------------------------------------------------------------
// Closed code lists. The CSVs are checked against them on load, so a typo in a data file fails
// at start-up rather than as an empty chart.

export const REGION_CODES = [
	'east_asia',
	'southeast_asia',
	'south_asia',
	'central_asia',
	'middle_east',
	'europe',
	'africa',
	'americas',
	'oceania',
] as const;
export type RegionCode = (typeof REGION_CODES)[number];

export const ISLAND_GROUPS = ['sumatera', 'jawa', 'bali_nusa_tenggara', 'kalimantan', 'sulawesi', 'maluku', 'papua'] as const;
export type IslandGroup = (typeof ISLAND_GROUPS)[number];

export const REGENCY_KINDS = ['kabupaten', 'kota'] as const;
export type RegencyKind = (typeof REGENCY_KINDS)[number];

export const SECTOR_CODES = [
	'health_care',
	'manufacturing',
	'domestic',
	'agriculture',
	'hospitality',
	'other_services',
	'construction',
	'ship_crew',
	'engineering',
	'transport',
	'retail',
	'admin_finance',
	'it',
	'oil_gas',
] as const;
export type SectorCode = (typeof SECTOR_CODES)[number];

/** ISCO-08 skill levels: 1 elementary … 4 professional. */
export const SKILL_LEVELS = [1, 2, 3, 4] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];

export const EDUCATION_CODES = ['none', 'sd', 'smp', 'sma', 'smk', 'diploma', 's1', 's2', 's3'] as const;
export type EducationCode = (typeof EDUCATION_CODES)[number];

export const CERTIFICATION_SCHEME_KINDS = ['bnsp', 'professional', 'licence'] as const;
export type CertificationSchemeKind = (typeof CERTIFICATION_SCHEME_KINDS)[number];

/** lsp_p1/p2/p3 are BNSP-licensed certification bodies (first, second and third party). */
export const CERTIFICATION_BODY_KINDS = [
	'lsp_p1',
	'lsp_p2',
	'lsp_p3',
	'professional_council',
	'maritime_training',
	'licence_training',
	'licence_office',
] as const;
export type CertificationBodyKind = (typeof CERTIFICATION_BODY_KINDS)[number];

export const PLACEMENT_SCHEME_CODES = ['P2P', 'G2G', 'UKPS', 'MANDIRI'] as const;
export type PlacementSchemeCode = (typeof PLACEMENT_SCHEME_CODES)[number];

export const TARGET_SCOPES = ['national', 'education', 'occupation', 'country'] as const;
export type TargetScope = (typeof TARGET_SCOPES)[number];

/**
 * Language proficiency is one 0–6 integer on every language, aligned to the CEFR so a job order's
 * "Japanese N4" and a candidate's "JFT-Basic pass" compare directly. Index = level.
 */
export const LANGUAGE_LEVEL_CEFR = ['none', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type LanguageLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/**
 * Where common test results sit on that scale. Approximate, as the tests' own CEFR claims are;
 * the reasoning is in data/SOURCES.md (languages.csv).
 */
export const LANGUAGE_TEST_LEVELS: Readonly<Record<string, LanguageLevel>> = Object.freeze({
	'JLPT N5': 1,
	'JLPT N4': 2,
	'JLPT N3': 3,
	'JLPT N2': 4,
	'JLPT N1': 5,
	'JFT-Basic A2': 2,
	'EPS-TOPIK pass': 2,
	'TOPIK 1': 1,
	'TOPIK 2': 2,
	'TOPIK 3': 3,
	'TOPIK 4': 4,
	'TOPIK 5': 5,
	'TOPIK 6': 6,
	'HSK 1': 1,
	'HSK 2': 2,
	'HSK 3': 3,
	'HSK 4': 4,
	'HSK 5': 5,
	'HSK 6': 6,
	'IELTS 4.0': 3,
	'IELTS 5.5': 4,
	'IELTS 7.0': 5,
	'IELTS 8.5': 6,
	'Goethe A1': 1,
	'Goethe A2': 2,
	'Goethe B1': 3,
	'Goethe B2': 4,
	'Goethe C1': 5,
	'Goethe C2': 6,
});

// ---------------------------------------------------------------------------------------------
// Row types. Field names are the CSV column names: they are the contract with seeds/ and warehouse/.

export interface Region {
	readonly code: RegionCode;
	readonly name_en: string;
	readonly name_id: string;
}

export interface Country {
	/** ISO 3166-1 alpha-2 */
	readonly iso2: string;
	/** ISO 3166-1 alpha-3 */
	readonly iso3: string;
	/** ISO 3166-1 numeric, three digits with leading zeros (the world-atlas feature id) */
	readonly numeric: string;
	readonly name_en: string;
	readonly name_id: string;
	readonly region: RegionCode;
}

export interface Province {
	/** Kemendagri code, '11'–'96' */
	readonly code: string;
	/** BPS code; differs from the Kemendagri code for the six Papua provinces */
	readonly bps_code: string;
	readonly iso_3166_2: string;
	readonly name: string;
	readonly island_group: IslandGroup;
	readonly population_2024: number;
	/** Aged 15–64; the per-capita denominator. Partly assumed — see SOURCES.md. */
	readonly working_age_population_2024: number;
}

export interface Regency {
	/** Kemendagri code 'PP.RR', e.g. '32.12' */
	readonly code: string;
	/** Kemendagri province code, e.g. '32' */
	readonly province: string;
	/** Official name, e.g. 'Kabupaten Indramayu', 'Kota Cirebon' */
	readonly name: string;
	readonly kind: RegencyKind;
	/** Chart label: 'Indramayu', but 'Kota Cirebon' because Kabupaten Cirebon exists too */
	readonly short_name: string;
}

export interface Sector {
	readonly code: SectorCode;
	readonly name_en: string;
	readonly name_id: string;
	/** Default formality of the sector; a placement with a household employer is informal regardless. */
	readonly formal: boolean;
}

export interface Occupation {
	/** ISCO-08 = KBJI 2014 unit group */
	readonly isco4: string;
	readonly title_en: string;
	readonly title_id: string;
	readonly skill_level: SkillLevel;
	readonly sector: SectorCode;
	readonly priority_quick_win: boolean;
}

export interface EducationLevel {
	readonly code: EducationCode;
	/** Order for "minimum education" comparisons; SMA and SMK share a rank. */
	readonly rank: number;
	readonly name_en: string;
	readonly name_id: string;
}

export interface Language {
	/** ISO 639-1, or ISO 639-3 where there is no two-letter code (yue, Cantonese) */
	readonly code: string;
	readonly name_en: string;
	readonly name_id: string;
	/** Usual proficiency test; empty when there is no standard one */
	readonly test_name: string;
}

export interface CertificationScheme {
	readonly code: string;
	readonly title_en: string;
	readonly title_id: string;
	readonly kind: CertificationSchemeKind;
}

export interface SchemeOccupation {
	readonly scheme: string;
	readonly isco4: string;
}

export interface CertificationBody {
	readonly code: string;
	/** Synthetic (demo data) */
	readonly name: string;
	readonly province: string;
	readonly kind: CertificationBodyKind;
	/** Assessments a year (synthetic) */
	readonly annual_capacity: number;
}

export interface CertificationBodyScheme {
	readonly body: string;
	readonly scheme: string;
}

export interface Agency {
	readonly code: string;
	/** Synthetic (demo data) */
	readonly name: string;
	readonly province: string;
	/** ISO date, YYYY-MM-DD */
	readonly licensed_since: string;
}

export interface PlacementScheme {
	readonly code: PlacementSchemeCode;
	readonly name_en: string;
	readonly name_id: string;
}

export interface Target {
	readonly year: number;
	readonly scope: TargetScope;
	/** Code within the scope (education code, ISO2 country, ISCO code); empty for national */
	readonly scope_code: string;
	readonly metric: string;
	readonly value: number;
	readonly source: string;
}

// ---------------------------------------------------------------------------------------------
// Loading helpers

const DATA_DIR = new URL('./data/', import.meta.url);
const requireFromHere = createRequire(import.meta.url);

type CsvRow = Readonly<Record<string, string>>;

function readTable(file: string, columns: readonly string[]): CsvRow[] {
	return parseCsvRecords(readFileSync(new URL(file, DATA_DIR), 'utf8'), columns);
}

function readPackageFile(specifier: string): string {
	return readFileSync(requireFromHere.resolve(specifier), 'utf8');
}

function get(row: CsvRow, column: string): string {
	const value = row[column];
	if (value === undefined) throw new Error(`Missing column ${column}`);
	return value;
}

function oneOf<T extends string | number>(allowed: readonly T[], value: string | number, where: string): T {
	const match = allowed.find((candidate) => String(candidate) === String(value));
	if (match === undefined) throw new Error(`${where}: "${value}" is not one of ${allowed.join(', ')}`);
	return match;
}

function integer(value: string, where: string): number {
	if (!/^\d+$/.test(value)) throw new Error(`${where}: "${value}" is not a whole number`);
	return Number(value);
}

function flag(value: string, where: string): boolean {
	if (value !== '0' && value !== '1') throw new Error(`${where}: "${value}" is not 0 or 1`);
	return value === '1';
}

function matching(pattern: RegExp, value: string, where: string): string {
	if (!pattern.test(value)) throw new Error(`${where}: "${value}" does not match ${pattern}`);
	return value;
}

function frozen<T extends object>(rows: T[]): readonly T[] {
	for (const row of rows) Object.freeze(row);
	return Object.freeze(rows);
}

/** A lookup map that refuses duplicate keys: a duplicated code in a data file is a bug, not a merge. */
function indexBy<T, K>(rows: readonly T[], key: (row: T) => K, what: string): ReadonlyMap<K, T> {
	const map = new Map<K, T>();
	for (const row of rows) {
		const k = key(row);
		if (map.has(k)) throw new Error(`Duplicate ${what} ${String(k)}`);
		map.set(k, row);
	}
	return map;
}

function groupBy<T, K, V>(rows: readonly T[], key: (row: T) => K, value: (row: T) => V): ReadonlyMap<K, readonly V[]> {
	const map = new Map<K, V[]>();
	for (const row of rows) {
		const k = key(row);
		const list = map.get(k) ?? [];
		list.push(value(row));
		map.set(k, list);
	}
	for (const list of map.values()) Object.freeze(list);
	return map;
}

function requireKey<K>(map: ReadonlyMap<K, unknown>, key: K, where: string): K {
	if (!map.has(key)) throw new Error(`${where}: unknown code ${String(key)}`);
	return key;
}

// ---------------------------------------------------------------------------------------------
// Regions and countries

export const regions: readonly Region[] = frozen(
	readTable('regions.csv', ['code', 'name_en', 'name_id']).map((row) => ({
		code: oneOf(REGION_CODES, get(row, 'code'), 'regions.csv'),
		name_en: get(row, 'name_en'),
		name_id: get(row, 'name_id'),
	})),
);
export const regionByCode: ReadonlyMap<RegionCode, Region> = indexBy(regions, (r) => r.code, 'region');

/** Alpha-2 codes i18n-iso-countries ships that are not ISO 3166-1 assignments (Kosovo is user-assigned). */
const NOT_ISO_3166_1: ReadonlySet<string> = new Set(['XK']);

interface CountryNamesFile {
	readonly countries: Readonly<Record<string, string | readonly string[]>>;
}

function parseCountryNames(json: string, file: string): CountryNamesFile {
	const parsed: unknown = JSON.parse(json);
	if (typeof parsed !== 'object' || parsed === null || !('countries' in parsed)) {
		throw new Error(`${file}: no "countries" object`);
	}
	const countries: unknown = parsed.countries;
	if (typeof countries !== 'object' || countries === null) throw new Error(`${file}: "countries" is not an object`);
	const names: Record<string, string | readonly string[]> = {};
	for (const [code, name] of Object.entries(countries)) {
		if (typeof name === 'string' || (Array.isArray(name) && name.every((n) => typeof n === 'string'))) {
			names[code] = name;
		} else {
			throw new Error(`${file}: unexpected name for ${code}`);
		}
	}
	return { countries: names };
}

function parseCountryCodes(json: string): readonly (readonly [string, string, string])[] {
	const parsed: unknown = JSON.parse(json);
	if (!Array.isArray(parsed)) throw new Error('i18n-iso-countries codes.json is not an array');
	return parsed.map((entry: unknown) => {
		if (!Array.isArray(entry)) throw new Error('i18n-iso-countries codes.json: entry is not an array');
		const [alpha2, alpha3, numeric] = entry;
		if (typeof alpha2 !== 'string' || typeof alpha3 !== 'string' || typeof numeric !== 'string') {
			throw new Error('i18n-iso-countries codes.json: entry is not [alpha2, alpha3, numeric, …]');
		}
		return [alpha2, alpha3, numeric] as const;
	});
}

/** i18n-iso-countries lists some names as [official, short, …]; the first is the default it shows. */
function firstName(names: CountryNamesFile, iso2: string, locale: string): string {
	const name = names.countries[iso2];
	const first = typeof name === 'string' ? name : name?.[0];
	if (!first) throw new Error(`i18n-iso-countries has no ${locale} name for ${iso2}`);
	return first;
}

function loadCountries(): Country[] {
	const codes = parseCountryCodes(readPackageFile('i18n-iso-countries/codes.json')).filter(([iso2]) => !NOT_ISO_3166_1.has(iso2));
	const iso2Codes = new Set(codes.map(([iso2]) => iso2));
	const en = parseCountryNames(readPackageFile('i18n-iso-countries/langs/en.json'), 'langs/en.json');
	const id = parseCountryNames(readPackageFile('i18n-iso-countries/langs/id.json'), 'langs/id.json');

	const regionOf = new Map<string, RegionCode>();
	for (const row of readTable('country_regions.csv', ['iso2', 'region'])) {
		const iso2 = get(row, 'iso2');
		if (!iso2Codes.has(iso2)) throw new Error(`country_regions.csv: ${iso2} is not an ISO 3166-1 code`);
		if (regionOf.has(iso2)) throw new Error(`country_regions.csv: ${iso2} listed twice`);
		regionOf.set(iso2, oneOf(REGION_CODES, get(row, 'region'), `country_regions.csv ${iso2}`));
	}

	const overrides = indexBy(
		readTable('country_name_overrides.csv', ['iso2', 'name_en', 'name_id']),
		(row) => get(row, 'iso2'),
		'country name override',
	);
	for (const iso2 of overrides.keys()) {
		if (!iso2Codes.has(iso2)) throw new Error(`country_name_overrides.csv: ${iso2} is not an ISO 3166-1 code`);
	}

	return codes.map(([iso2, iso3, numeric]) => {
		const override = overrides.get(iso2);
		const region = regionOf.get(iso2);
		if (!region) throw new Error(`country_regions.csv has no region for ${iso2}`);
		return {
			iso2,
			iso3,
			numeric: matching(/^\d{3}$/, numeric, `numeric code of ${iso2}`),
			name_en: (override && get(override, 'name_en')) || firstName(en, iso2, 'en'),
			name_id: (override && get(override, 'name_id')) || firstName(id, iso2, 'id'),
			region,
		};
	});
}

export const countries: readonly Country[] = frozen(loadCountries());
export const countryByIso2: ReadonlyMap<string, Country> = indexBy(countries, (c) => c.iso2, 'country');
export const countryByIso3: ReadonlyMap<string, Country> = indexBy(countries, (c) => c.iso3, 'country');
export const countryByNumeric: ReadonlyMap<string, Country> = indexBy(countries, (c) => c.numeric, 'country');

// ---------------------------------------------------------------------------------------------
// Provinces and regencies

export const provinces: readonly Province[] = frozen(
	readTable('provinces.csv', [
		'code',
		'bps_code',
		'iso_3166_2',
		'name',
		'island_group',
		'population_2024',
		'working_age_population_2024',
	]).map((row) => {
		const code = matching(/^\d{2}$/, get(row, 'code'), 'provinces.csv code');
		return {
			code,
			bps_code: matching(/^\d{2}$/, get(row, 'bps_code'), `provinces.csv ${code} bps_code`),
			iso_3166_2: matching(/^ID-[A-Z]{2}$/, get(row, 'iso_3166_2'), `provinces.csv ${code} iso_3166_2`),
			name: get(row, 'name'),
			island_group: oneOf(ISLAND_GROUPS, get(row, 'island_group'), `provinces.csv ${code}`),
			population_2024: integer(get(row, 'population_2024'), `provinces.csv ${code} population_2024`),
			working_age_population_2024: integer(get(row, 'working_age_population_2024'), `provinces.csv ${code} working_age_population_2024`),
		};
	}),
);
export const provinceByCode: ReadonlyMap<string, Province> = indexBy(provinces, (p) => p.code, 'province');
export const provinceByBpsCode: ReadonlyMap<string, Province> = indexBy(provinces, (p) => p.bps_code, 'BPS province');

/** A province's capital and where it lies (WGS84 degrees, rounded to 0.01°): data/SOURCES.md. */
export interface ProvinceCapital {
	province: string;
	capital: string;
	lat: number;
	lon: number;
}

function degrees(value: string, limit: number, where: string): number {
	if (!/^-?\d{1,3}\.\d{2}$/.test(value) || Math.abs(Number(value)) > limit) throw new Error(`${where}: "${value}" is not a coordinate`);
	return Number(value);
}

export const provinceCapitals: readonly ProvinceCapital[] = frozen(
	readTable('province_capitals.csv', ['province', 'capital', 'lat', 'lon']).map((row) => {
		const province = requireKey(provinceByCode, get(row, 'province'), 'province_capitals.csv');
		return {
			province,
			capital: get(row, 'capital'),
			lat: degrees(get(row, 'lat'), 90, `province_capitals.csv ${province} lat`),
			lon: degrees(get(row, 'lon'), 180, `province_capitals.csv ${province} lon`),
		};
	}),
);
export const provinceCapitalByCode: ReadonlyMap<string, ProvinceCapital> = indexBy(provinceCapitals, (c) => c.province, 'province capital');

/**
 * Great-circle distance in km between two provinces' capitals (haversine, Earth radius 6,371 km):
 * a straight line, not a travel distance; 0 within a province.
 */
export function provinceDistanceKm(a: string, b: string): number {
	const p = provinceCapitalByCode.get(a);
	const q = provinceCapitalByCode.get(b);
	if (!p || !q) throw new Error(`No capital for province ${p ? b : a}`);
	return a === b ? 0 : haversineKm(p, q);
}

/**
 * 'Kabupaten Indramayu' → 'Indramayu'; a city keeps "Kota" because many share a name with the
 * regency around them (Kota/Kabupaten Cirebon, Bima, Malang …). Jakarta's "Administrasi" is dropped.
 */
export function regencyShortName(name: string): string {
	const city = /^Kota (?:Administrasi )?(.+)$/.exec(name);
	if (city) return `Kota ${city[1]}`;
	const regency = /^Kabupaten (?:Administrasi )?(.+)$/.exec(name);
	if (regency?.[1]) return regency[1];
	throw new Error(`Regency name "${name}" starts with neither Kabupaten nor Kota`);
}

function loadRegencies(): Regency[] {
	const rows = parseCsvRecords(readPackageFile('idn-area-data/data/regencies.csv'), ['code', 'province_code', 'name']);
	return rows.map((row) => {
		const code = matching(/^\d{2}\.\d{2}$/, get(row, 'code'), 'idn-area-data regency code');
		const province = requireKey(provinceByCode, get(row, 'province_code'), `idn-area-data regency ${code}`);
		const name = get(row, 'name');
		return {
			code,
			province,
			name,
			kind: name.startsWith('Kota ') ? 'kota' : 'kabupaten',
			short_name: regencyShortName(name),
		};
	});
}

export const regencies: readonly Regency[] = frozen(loadRegencies());
export const regencyByCode: ReadonlyMap<string, Regency> = indexBy(regencies, (r) => r.code, 'regency');
export const regenciesByProvince: ReadonlyMap<string, readonly Regency[]> = groupBy(
	regencies,
	(r) => r.province,
	(r) => r,
);

// ---------------------------------------------------------------------------------------------
// Sectors and occupations

export const sectors: readonly Sector[] = frozen(
	readTable('sectors.csv', ['code', 'name_en', 'name_id', 'formal']).map((row) => ({
		code: oneOf(SECTOR_CODES, get(row, 'code'), 'sectors.csv'),
		name_en: get(row, 'name_en'),
		name_id: get(row, 'name_id'),
		formal: flag(get(row, 'formal'), `sectors.csv ${get(row, 'code')} formal`),
	})),
);
export const sectorByCode: ReadonlyMap<SectorCode, Sector> = indexBy(sectors, (s) => s.code, 'sector');

export const occupations: readonly Occupation[] = frozen(
	readTable('occupations.csv', ['isco4', 'title_en', 'title_id', 'skill_level', 'sector', 'priority_quick_win']).map((row) => {
		const isco4 = matching(/^\d{4}$/, get(row, 'isco4'), 'occupations.csv isco4');
		return {
			isco4,
			title_en: get(row, 'title_en'),
			title_id: get(row, 'title_id'),
			skill_level: oneOf(SKILL_LEVELS, get(row, 'skill_level'), `occupations.csv ${isco4} skill_level`),
			sector: oneOf(SECTOR_CODES, get(row, 'sector'), `occupations.csv ${isco4} sector`),
			priority_quick_win: flag(get(row, 'priority_quick_win'), `occupations.csv ${isco4} priority_quick_win`),
		};
	}),
);
export const occupationByIsco4: ReadonlyMap<string, Occupation> = indexBy(occupations, (o) => o.isco4, 'occupation');

/**
 * The ISCO-08 skill level of a unit group follows from its major group (first digit); 0 (armed
 * forces) is not used here.
 */
export function iscoSkillLevel(isco4: string): SkillLevel {
	const major = isco4[0];
	if (major === '1' || major === '2') return 4;
	if (major === '3') return 3;
	if (major === '9') return 1;
	if (major !== undefined && major >= '4' && major <= '8') return 2;
	throw new Error(`No skill level for ISCO code ${isco4}`);
}

// ---------------------------------------------------------------------------------------------
// Education and languages

export const educationLevels: readonly EducationLevel[] = frozen(
	readTable('education_levels.csv', ['code', 'rank', 'name_en', 'name_id']).map((row) => ({
		code: oneOf(EDUCATION_CODES, get(row, 'code'), 'education_levels.csv'),
		rank: integer(get(row, 'rank'), `education_levels.csv ${get(row, 'code')} rank`),
		name_en: get(row, 'name_en'),
		name_id: get(row, 'name_id'),
	})),
);
export const educationByCode: ReadonlyMap<EducationCode, EducationLevel> = indexBy(educationLevels, (e) => e.code, 'education level');

export const languages: readonly Language[] = frozen(
	readTable('languages.csv', ['code', 'name_en', 'name_id', 'test_name']).map((row) => ({
		code: matching(/^[a-z]{2,3}$/, get(row, 'code'), 'languages.csv code'),
		name_en: get(row, 'name_en'),
		name_id: get(row, 'name_id'),
		test_name: get(row, 'test_name'),
	})),
);
export const languageByCode: ReadonlyMap<string, Language> = indexBy(languages, (l) => l.code, 'language');

// ---------------------------------------------------------------------------------------------
// Certification

export const certificationSchemes: readonly CertificationScheme[] = frozen(
	readTable('certification_schemes.csv', ['code', 'title_en', 'title_id', 'kind']).map((row) => ({
		code: matching(/^[a-z0-9_]+$/, get(row, 'code'), 'certification_schemes.csv code'),
		title_en: get(row, 'title_en'),
		title_id: get(row, 'title_id'),
		kind: oneOf(CERTIFICATION_SCHEME_KINDS, get(row, 'kind'), `certification_schemes.csv ${get(row, 'code')}`),
	})),
);
export const certificationSchemeByCode: ReadonlyMap<string, CertificationScheme> = indexBy(
	certificationSchemes,
	(s) => s.code,
	'certification scheme',
);

export const schemeOccupations: readonly SchemeOccupation[] = frozen(
	readTable('scheme_occupations.csv', ['scheme', 'isco4']).map((row) => ({
		scheme: requireKey(certificationSchemeByCode, get(row, 'scheme'), 'scheme_occupations.csv'),
		isco4: requireKey(occupationByIsco4, get(row, 'isco4'), 'scheme_occupations.csv'),
	})),
);
indexBy(schemeOccupations, (so) => `${so.scheme}/${so.isco4}`, 'scheme_occupations.csv pair');
/** Certification scheme code → the ISCO codes it certifies for. */
export const occupationsByCertificationScheme: ReadonlyMap<string, readonly string[]> = groupBy(
	schemeOccupations,
	(so) => so.scheme,
	(so) => so.isco4,
);
/** ISCO code → the certification schemes that qualify for it (absent = none needed or none defined). */
export const certificationSchemesByOccupation: ReadonlyMap<string, readonly string[]> = groupBy(
	schemeOccupations,
	(so) => so.isco4,
	(so) => so.scheme,
);

export const certificationBodies: readonly CertificationBody[] = frozen(
	readTable('certification_bodies.csv', ['code', 'name', 'province', 'kind', 'annual_capacity']).map((row) => {
		const code = get(row, 'code');
		return {
			code,
			name: get(row, 'name'),
			province: requireKey(provinceByCode, get(row, 'province'), `certification_bodies.csv ${code}`),
			kind: oneOf(CERTIFICATION_BODY_KINDS, get(row, 'kind'), `certification_bodies.csv ${code}`),
			annual_capacity: integer(get(row, 'annual_capacity'), `certification_bodies.csv ${code} annual_capacity`),
		};
	}),
);
export const certificationBodyByCode: ReadonlyMap<string, CertificationBody> = indexBy(
	certificationBodies,
	(b) => b.code,
	'certification body',
);

export const certificationBodySchemes: readonly CertificationBodyScheme[] = frozen(
	readTable('certification_body_schemes.csv', ['body', 'scheme']).map((row) => ({
		body: requireKey(certificationBodyByCode, get(row, 'body'), 'certification_body_schemes.csv'),
		scheme: requireKey(certificationSchemeByCode, get(row, 'scheme'), 'certification_body_schemes.csv'),
	})),
);
indexBy(certificationBodySchemes, (bs) => `${bs.body}/${bs.scheme}`, 'certification_body_schemes.csv pair');
export const certificationSchemesByBody: ReadonlyMap<string, readonly string[]> = groupBy(
	certificationBodySchemes,
	(bs) => bs.body,
	(bs) => bs.scheme,
);
export const certificationBodiesByScheme: ReadonlyMap<string, readonly string[]> = groupBy(
	certificationBodySchemes,
	(bs) => bs.scheme,
	(bs) => bs.body,
);

// ---------------------------------------------------------------------------------------------
// Agencies, placement schemes, targets

export const agencies: readonly Agency[] = frozen(
	readTable('agencies.csv', ['code', 'name', 'province', 'licensed_since']).map((row) => {
		const code = get(row, 'code');
		return {
			code,
			name: get(row, 'name'),
			province: requireKey(provinceByCode, get(row, 'province'), `agencies.csv ${code}`),
			licensed_since: matching(/^\d{4}-\d{2}-\d{2}$/, get(row, 'licensed_since'), `agencies.csv ${code}`),
		};
	}),
);
export const agencyByCode: ReadonlyMap<string, Agency> = indexBy(agencies, (a) => a.code, 'agency');

export const placementSchemes: readonly PlacementScheme[] = frozen(
	readTable('schemes.csv', ['code', 'name_en', 'name_id']).map((row) => ({
		code: oneOf(PLACEMENT_SCHEME_CODES, get(row, 'code'), 'schemes.csv'),
		name_en: get(row, 'name_en'),
		name_id: get(row, 'name_id'),
	})),
);
export const placementSchemeByCode: ReadonlyMap<PlacementSchemeCode, PlacementScheme> = indexBy(
	placementSchemes,
	(s) => s.code,
	'placement scheme',
);

export const targets: readonly Target[] = frozen(
	readTable('targets.csv', ['year', 'scope', 'scope_code', 'metric', 'value', 'source']).map((row, index) => {
		const where = `targets.csv row ${index + 2}`;
		return {
			year: integer(get(row, 'year'), where),
			scope: oneOf(TARGET_SCOPES, get(row, 'scope'), where),
			scope_code: get(row, 'scope_code'),
			metric: matching(/^[a-z_]+$/, get(row, 'metric'), where),
			value: integer(get(row, 'value'), where),
			source: get(row, 'source'),
		};
	}),
);
indexBy(targets, (t) => `${t.year}/${t.scope}/${t.scope_code}/${t.metric}`, 'target');

// ---------------------------------------------------------------------------------------------
// Currencies and SMK majors (added for the interchange format's `currency` and `smk_major` lists)

export interface Currency {
	code: string;
	/** fixed conversion rate used for every wage_usd column, so wages compare across years */
	usd_per_unit: number;
	name_en: string;
	name_id: string;
}

export const currencies: readonly Currency[] = frozen(
	readTable('currencies.csv', ['code', 'usd_per_unit', 'name_en', 'name_id']).map((row) => {
		const code = matching(/^[A-Z]{3}$/, get(row, 'code'), 'currencies.csv code');
		const rate = Number(get(row, 'usd_per_unit'));
		if (!(rate > 0)) throw new Error(`currencies.csv ${code}: usd_per_unit must be a positive number`);
		return { code, usd_per_unit: rate, name_en: get(row, 'name_en'), name_id: get(row, 'name_id') };
	}),
);
export const currencyByCode: ReadonlyMap<string, Currency> = indexBy(currencies, (c) => c.code, 'currency');

export interface SmkMajor {
	code: string;
	name_en: string;
	name_id: string;
	/** the occupation the major usually leads to, used by the generator */
	isco4_hint: string;
}

export const smkMajors: readonly SmkMajor[] = frozen(
	readTable('smk_majors.csv', ['code', 'name_en', 'name_id', 'isco4_hint']).map((row) => {
		const code = matching(/^[a-z0-9_]+$/, get(row, 'code'), 'smk_majors.csv code');
		return {
			code,
			name_en: get(row, 'name_en'),
			name_id: get(row, 'name_id'),
			isco4_hint: requireKey(occupationByIsco4, get(row, 'isco4_hint'), `smk_majors.csv ${code}`),
		};
	}),
);
export const smkMajorByCode: ReadonlyMap<string, SmkMajor> = indexBy(smkMajors, (m) => m.code, 'SMK major');

/**
 * Occupations usually employed by private households: informal in BP2MI's terms whatever their
 * sector (data/SOURCES.md, household_occupations.csv).
 */
export const householdOccupations: ReadonlySet<string> = new Set(
	readTable('household_occupations.csv', ['isco4', 'note']).map((row) =>
		requireKey(occupationByIsco4, get(row, 'isco4'), 'household_occupations.csv'),
	),
);
