/**
 * The one definition of "candidate c is eligible for job-order line l" (issue #15).
 *
 * It exists twice in form but once in content: `requirementsMet()` evaluates it in TypeScript (the
 * matching engine, `engine.ts`), and `eligibilitySql` emits the same rules as ClickHouse
 * expressions that the rollups splice in through `{eligibility:name(args)}` placeholders
 * (`warehouse/src/rollups.ts`): agg_candidate_profile (valid certificates, age at the date, the
 * occupations a candidate can serve), agg_capability_match (every requirement), and through them
 * supply.qualified and the competency_gap cube. Change a rule here and both move together.
 *
 * A candidate is eligible for a line at date `at` when every one of these holds (docs/metrics.md,
 * "Matching rules"):
 * - occupation: the line's occupation is the candidate's preferred one or in its related set
 *   (RELATED_OCCUPATIONS: symmetric pairs, documented there);
 * - destination: the candidate named no preferred destination, or named the line's country;
 * - certificate: none required, or the candidate passed that scheme and it is still valid at `at`
 *   (passed on or before `at` and less than CERTIFICATE_VALIDITY_YEARS years before);
 * - language: none required, or the candidate's best level in it ≥ the required level (a language
 *   named at level 0 counts as level 1);
 * - education: education rank ≥ the minimum's rank;
 * - experience: years of experience ≥ the minimum;
 * - gender: the line asks for any gender, or the candidate's recorded gender is the one asked;
 * - age: the line states no age range (0–0), or the candidate's age at `at` is known and within
 *   [age_min, age_max]; age at `at` = age at registration + whole years since (365.25 days each),
 *   as the generator and the loader's format define it (no birth date is stored).
 * Missing data never meets a requirement: an unknown gender ('') fails a gender requirement, an
 * unknown age (0) fails an age range, no level in a language fails that language.
 */

export type Requirement = 'occupation' | 'destination' | 'certificate' | 'language' | 'education' | 'experience' | 'gender' | 'age';
export const REQUIREMENTS: readonly Requirement[] = [
	'occupation',
	'destination',
	'certificate',
	'language',
	'education',
	'experience',
	'gender',
	'age',
];

/** Years a passed certificate stays valid: BNSP competency certificates (SKK) are issued for 3 years. */
export const CERTIFICATE_VALIDITY_YEARS = 3;

/**
 * Occupations a candidate may be proposed for besides their preferred one: pairs of ISCO-08 unit
 * groups whose tasks overlap so much that employers abroad recruit them under one job title.
 * Symmetric (each pair works both ways). Kept deliberately short; add a pair only with its reason.
 * - 5321 Health care assistants ↔ 5322 Home-based personal care workers: both "personal care
 *   workers in health services" (ISCO-08 532), recruited as caregivers (kaigo, Taiwan 看護工);
 * - 5152 Domestic housekeepers ↔ 9111 Domestic cleaners and helpers: both household work (PLRT),
 *   one domestic worker job order in Hong Kong, Taiwan, Singapore and Malaysia.
 */
export const RELATED_OCCUPATIONS: readonly (readonly [string, string])[] = [
	['5321', '5322'],
	['5152', '9111'],
];

/** The occupations a candidate whose preferred occupation is `occupation` can serve, sorted. */
export function servableOccupations(occupation: string): string[] {
	const out = new Set([occupation]);
	for (const [a, b] of RELATED_OCCUPATIONS) {
		if (a === occupation) out.add(b);
		if (b === occupation) out.add(a);
	}
	return [...out].sort();
}

/** What the engine knows of a candidate (or of a group of interchangeable candidates). */
export interface CandidateFacts {
	occupation: string;
	/**
	 * accepted destinations, ['*'] = any (acceptedCountries turns "named none" into ['*']); empty =
	 * none, e.g. after reducing to the destinations with open demand
	 */
	countries: readonly string[];
	/** certification schemes held and valid at the evaluation date (see validCertificates) */
	certificates: readonly string[];
	/** best level (0–6) per language */
	languages: ReadonlyMap<string, number>;
	educationRank: number;
	experienceYears: number;
	/** 'F' | 'M'; '' = unknown */
	gender: string;
	/** age at the evaluation date (see ageAt); 0 = unknown */
	age: number;
}

export interface LineRequirements {
	occupation: string;
	country: string;
	/** scheme code, '' = none */
	certificate: string;
	/** ISO 639-1, '' = none */
	language: string;
	languageLevel: number;
	educationRank: number;
	experienceYears: number;
	/** 'any' | 'F' | 'M' */
	gender: string;
	ageMin: number;
	ageMax: number;
}

/** The accepted destinations of a candidate who named `preferred`: ['*'] (any) when none. */
export function acceptedCountries(preferred: readonly string[]): string[] {
	return preferred.length === 0 ? ['*'] : [...preferred];
}

/** Adds whole years to a YYYY-MM-DD date as ClickHouse's addYears does (29 February → 28 February). */
export function addYears(date: string, years: number): string {
	const y = Number(date.slice(0, 4)) + years;
	const m = Number(date.slice(5, 7));
	const d = Number(date.slice(8, 10));
	const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return `${String(y).padStart(4, '0')}-${date.slice(5, 7)}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Whether a certificate passed on `passed` is valid at `at` (both YYYY-MM-DD). */
export function certificateValid(passed: string, at: string): boolean {
	return passed <= at && at < addYears(passed, CERTIFICATE_VALIDITY_YEARS);
}

/** The schemes among `passes` (one per pass) still valid at `at`, sorted and distinct. */
export function validCertificates(passes: readonly { scheme: string; passed: string }[], at: string): string[] {
	return [...new Set(passes.filter((p) => certificateValid(p.passed, at)).map((p) => p.scheme))].sort();
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

/** Age at `at` from the age at registration; 0 (unknown) stays 0. */
export function ageAt(ageAtRegistration: number, registered: string, at: string): number {
	if (ageAtRegistration <= 0) return 0;
	return ageAtRegistration + Math.floor((dayNumber(at) - dayNumber(registered)) / 365.25);
}

/** Each rule, on its own: whether `c` meets that requirement of `line`. */
const RULES: Record<Requirement, (c: CandidateFacts, line: LineRequirements) => boolean> = {
	occupation: (c, line) => c.occupation === line.occupation || servableOccupations(c.occupation).includes(line.occupation),
	destination: (c, line) => c.countries.includes('*') || c.countries.includes(line.country),
	certificate: (c, line) => line.certificate === '' || c.certificates.includes(line.certificate),
	language: (c, line) => line.language === '' || (c.languages.get(line.language) ?? 0) >= Math.max(line.languageLevel, 1),
	education: (c, line) => c.educationRank >= line.educationRank,
	experience: (c, line) => c.experienceYears >= line.experienceYears,
	gender: (c, line) => line.gender === 'any' || line.gender === '' || (c.gender !== '' && c.gender === line.gender),
	age: (c, line) => (line.ageMin === 0 && line.ageMax === 0) || (c.age > 0 && c.age >= line.ageMin && c.age <= line.ageMax),
};

/** Each requirement of `line`, met (true) or not by `c`. */
export function requirementsMet(c: CandidateFacts, line: LineRequirements): Record<Requirement, boolean> {
	const met = {} as Record<Requirement, boolean>;
	for (const r of REQUIREMENTS) met[r] = RULES[r](c, line);
	return met;
}

/** The requirements of `line` that `c` does not meet, in REQUIREMENTS order. */
export function unmetRequirements(c: CandidateFacts, line: LineRequirements): Requirement[] {
	return REQUIREMENTS.filter((r) => !RULES[r](c, line));
}

/**
 * Whether `c` meets every requirement of `line`: the rules above, stopping at the first unmet
 * (the engine asks it for every capability group and line profile of an occupation: millions of
 * times nationally).
 */
export function isEligible(c: CandidateFacts, line: LineRequirements): boolean {
	for (const r of REQUIREMENTS) if (!RULES[r](c, line)) return false;
	return true;
}

// ---------------------------------------------------------------------------------------------
// The same rules as ClickHouse SQL (valid on 18.16 and current releases). Each function takes
// SQL expressions (column names) and returns a boolean (UInt8) or value expression.

const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function servableOccupationsSql(occupation: string): string {
	const codes = [...new Set(RELATED_OCCUPATIONS.flat())].sort();
	if (codes.length === 0) return `[${occupation}]`;
	const branches = codes.map((code) => {
		const others = servableOccupations(code).filter((o) => o !== code);
		return `${occupation} = ${quote(code)}, [${others.map(quote).join(', ')}]`;
	});
	return `arraySort(arrayConcat([${occupation}], multiIf(${branches.join(', ')}, emptyArrayString())))`;
}

export const eligibilitySql = {
	/** Array(String): the occupations a candidate preferring `occupation` can serve, sorted. */
	servable_occupations: (occupation: string) => servableOccupationsSql(occupation),
	occupation: (candidateOccupation: string, lineOccupation: string) =>
		`has(${servableOccupationsSql(candidateOccupation)}, ${lineOccupation})`,
	/** `countries` holding '*' = any destination (see acceptedCountries); empty = none */
	destination: (countries: string, lineCountry: string) => `(has(${countries}, '*') OR has(${countries}, ${lineCountry}))`,
	/** whether a certificate passed on `passed` is valid at `at` */
	certificate_valid: (passed: string, at: string) => `(${passed} <= ${at} AND ${at} < addYears(${passed}, ${CERTIFICATE_VALIDITY_YEARS}))`,
	/** `certificates`: the valid ones (certificate_valid) */
	certificate: (certificates: string, lineCertificate: string) => `(${lineCertificate} = '' OR has(${certificates}, ${lineCertificate}))`,
	language: (languages: string, levels: string, lineLanguage: string, lineLevel: string) =>
		`(${lineLanguage} = '' OR ${levels}[indexOf(${languages}, ${lineLanguage})] >= greatest(${lineLevel}, 1))`,
	education: (rank: string, lineRank: string) => `(${rank} >= ${lineRank})`,
	experience: (years: string, lineYears: string) => `(${years} >= ${lineYears})`,
	gender: (gender: string, lineGender: string) => `(${lineGender} IN ('any', '') OR (${gender} != '' AND ${gender} = ${lineGender}))`,
	/** age at `at` (UInt16) from the age at registration; 0 = unknown stays 0 */
	age_at: (age: string, registered: string, at: string) =>
		`toUInt16(if(${age} = 0, 0, ${age} + floor((toUInt32(${at}) - toUInt32(${registered})) / 365.25)))`,
	age: (age: string, ageMin: string, ageMax: string) =>
		`((${ageMin} = 0 AND ${ageMax} = 0) OR (${age} > 0 AND ${age} >= ${ageMin} AND ${age} <= ${ageMax}))`,
} satisfies Record<string, (...args: string[]) => string>;

export type EligibilitySqlName = keyof typeof eligibilitySql;

/** Splits `a, f(b, c), d` at top-level commas. */
function splitArguments(text: string): string[] {
	const out: string[] = [];
	let depth = 0;
	let current = '';
	for (const ch of text) {
		if (ch === '(' || ch === '[') depth++;
		if (ch === ')' || ch === ']') depth--;
		if (ch === ',' && depth === 0) {
			out.push(current.trim());
			current = '';
		} else current += ch;
	}
	if (current.trim() !== '') out.push(current.trim());
	return out;
}

const PLACEHOLDER = /\{eligibility:([a-z_]+)\(/g;

/**
 * Replaces every `{eligibility:name(arg, …)}` in `sql` by eligibilitySql[name](arg, …). Arguments
 * are SQL expressions and may nest parentheses.
 */
export function expandEligibility(sql: string): string {
	let out = '';
	let from = 0;
	PLACEHOLDER.lastIndex = 0;
	for (let m = PLACEHOLDER.exec(sql); m; m = PLACEHOLDER.exec(sql)) {
		const name = m[1] as string;
		const fn = (eligibilitySql as Record<string, (...args: string[]) => string>)[name];
		if (!fn) throw new Error(`Unknown eligibility placeholder {eligibility:${name}(…)}`);
		let depth = 1;
		let i = m.index + m[0].length;
		for (; i < sql.length && depth > 0; i++) {
			if (sql[i] === '(') depth++;
			else if (sql[i] === ')') depth--;
		}
		if (depth !== 0 || sql[i] !== '}') throw new Error(`Unclosed placeholder {eligibility:${name}(…)}`);
		const args = splitArguments(sql.slice(m.index + m[0].length, i - 1));
		if (args.length !== fn.length) throw new Error(`{eligibility:${name}} takes ${fn.length} arguments, got ${args.length}`);
		out += sql.slice(from, m.index) + fn(...args);
		from = i + 1;
		PLACEHOLDER.lastIndex = from;
	}
	return out + sql.slice(from);
}
