/**
 * "Peluang untuk saya" in tests: hand-built profiles, the cells a hand-written SQL query on
 * agg_job_order_lines finds for them (each requirement written out from docs/metrics.md, not
 * taken from eligibility.ts), Cube's public table, and what a page shows.
 */
import { expect } from 'vitest';
import { queryRows, type Warehouse } from '../../warehouse/src/client.ts';
import { cubeRequest, type TestCube, tokenFor } from './cube-client.ts';

/** The documented related occupations (docs/metrics.md, "Matching rules"), written out again. */
export const RELATED: Record<string, string[]> = { '5321': ['5322'], '5322': ['5321'], '5152': ['9111'], '9111': ['5152'] };
export const EDUCATION_RANK: Record<string, number> = { none: 0, sd: 1, smp: 2, sma: 3, smk: 3, diploma: 4, s1: 5, s2: 6, s3: 7 };

export interface TestProfile {
	occupation: string;
	certs?: string[];
	language?: string;
	level?: number;
	education?: string;
	province?: string;
	experience?: number;
	gender?: 'F' | 'M';
	age?: number;
}

export function urlOf(p: TestProfile, lang: 'id' | 'en' = 'id'): string {
	const q = new URLSearchParams();
	q.set('occupation', p.occupation);
	for (const c of p.certs ?? []) q.append('cert', c);
	if (p.language) q.set('language', p.language);
	if (p.level) q.set('level', String(p.level));
	if (p.education) q.set('education', p.education);
	if (p.province) q.set('province', p.province);
	if (p.experience) q.set('experience', String(p.experience));
	if (p.gender) q.set('gender', p.gender);
	if (p.age) q.set('age', String(p.age));
	if (lang === 'en') q.set('lang', 'en');
	return `/public/peluang?${q}`;
}

const sqlList = (values: string[]) => (values.length ? values.map((v) => `'${v.replace(/'/g, '')}'`).join(', ') : "''");

/** Each requirement as SQL on agg_job_order_lines (1 = met), written from docs/metrics.md's rules. */
function conditions(p: TestProfile): Record<string, string> {
	const rank = p.education ? EDUCATION_RANK[p.education]! : 0;
	return {
		certificate: `(required_certificate = '' OR required_certificate IN (${sqlList(p.certs ?? [])}))`,
		language: p.language
			? `(required_language = '' OR (required_language = '${p.language}' AND greatest(required_language_level, 1) <= ${p.level ?? 0}))`
			: `(required_language = '')`,
		education: `(min_education_rank <= ${rank})`,
		experience: `(min_experience_years <= ${p.experience ?? 0})`,
		gender: p.gender ? `(gender_requirement IN ('any', '') OR gender_requirement = '${p.gender}')` : `(gender_requirement IN ('any', ''))`,
		age: p.age ? `((age_min = 0 AND age_max = 0) OR (${p.age} >= age_min AND ${p.age} <= age_max))` : `(age_min = 0 AND age_max = 0)`,
	};
}

const OPENING = `concat(occupation_isco4, '|', required_certificate, '|', required_language, '|', toString(required_language_level), '|',
  toString(min_education_rank), '|', toString(min_experience_years), '|', gender_requirement, '|', toString(age_min), '|', toString(age_max))`;

export interface Cell {
	country: string;
	opening: string;
	slots: number;
	missing: string;
}

/**
 * The open cells (country × requirement profile) with `unmet` requirements unmet, by SQL. With
 * `table` (Cube's public table), its withheld cells count too where the rollup has no open slot:
 * the suppression may hide a combination Cube left out (a zero) as the complement of a small
 * cell, and the page counts it withheld like any other (cube/src/suppression.ts) — such a cell
 * comes back with 0 slots.
 */
export async function sqlCells(db: Warehouse, p: TestProfile, unmet: 0 | 1, table?: Map<string, number | null>): Promise<Cell[]> {
	const c = conditions(p);
	const names = Object.keys(c);
	const occupations = [p.occupation, ...(RELATED[p.occupation] ?? [])];
	const hidden = [...(table ?? new Map<string, number | null>())].filter(([, v]) => v === null).map(([k]) => k);
	const columns = `country_iso2, occupation_isco4, required_certificate, required_language, required_language_level, min_education_rank,
	  min_experience_years, gender_requirement, age_min, age_max, open_now`;
	const zeros = hidden.length
		? `UNION ALL SELECT tupleElement(t, 1), q[1], q[2], q[3], toUInt8(q[4]), toUInt8(q[5]), toUInt8(q[6]), q[7], toUInt8(q[8]), toUInt8(q[9]), toUInt32(0)
		   FROM (SELECT arrayJoin([${hidden.map((k) => `(${sqlList([k.slice(0, k.indexOf('|'))])}, ${sqlList([k.slice(k.indexOf('|') + 1)])})`).join(', ')}]) AS t,
		     splitByChar('|', tupleElement(t, 2)) AS q)`
		: '';
	const rows = await queryRows<{ country: string; opening: string; slots: string; missing: string }>(
		db,
		`SELECT country_iso2 AS country, ${OPENING} AS opening, toString(sum(open_now)) AS slots,
		   any(multiIf(${names.map((n) => `NOT ${c[n]}, '${n}'`).join(', ')}, '')) AS missing
		 FROM (SELECT ${columns} FROM agg_job_order_lines WHERE open_now > 0 ${zeros})
		 WHERE occupation_isco4 IN (${sqlList(occupations)})
		   AND (${names.map((n) => `toUInt8(NOT ${c[n]})`).join(' + ')}) = ${unmet}
		 GROUP BY country, opening`,
	);
	return rows.map((r) => ({ country: r.country, opening: r.opening, slots: Number(r.slots), missing: unmet ? r.missing : '' }));
}

/** Cube's public table: `country|opening` → shown slots, or null when withheld. */
export async function publicTable(cube: TestCube): Promise<Map<string, number | null>> {
	const token = await tokenFor(cube, { role: 'public' });
	const { status, body } = await cubeRequest(cube, 'load', token, {
		measures: ['public_openings.open_slots', 'public_openings.wage_min_usd', 'public_openings.wage_max_usd'],
		dimensions: ['public_openings.country', 'public_openings.opening'],
	});
	expect(status, String(body.error)).toBe(200);
	const out = new Map<string, number | null>();
	for (const row of body.data ?? []) {
		const v = row['public_openings.open_slots'];
		out.set(`${row['public_openings.country']}|${row['public_openings.opening']}`, v === 'suppressed' ? null : Number(v));
	}
	return out;
}

export interface Shown {
	country: string;
	occupation: string;
	slots: number;
	missing: string | null;
}

/** What the page shows: each fit / near miss as its data attributes, and the two totals. */
export function readPage(html: string) {
	const items = (testid: string): Shown[] =>
		[...html.matchAll(new RegExp(`<li[^>]*data-testid="${testid}"[^>]*>`, 'g'))].map((m) => {
			const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(m[0])?.[1] ?? null;
			return {
				country: attr('data-country')!,
				occupation: attr('data-occupation')!,
				slots: Number(attr('data-slots')),
				missing: attr('data-missing'),
			};
		});
	const total = (testid: string) => Number(new RegExp(`data-testid="${testid}"[^>]*data-slots="(\\d+)"`).exec(html)?.[1] ?? Number.NaN);
	const withheld = (testid: string) => Number(new RegExp(`data-testid="${testid}"[^>]*data-n="(\\d+)"`).exec(html)?.[1] ?? 0);
	return {
		fits: items('peluang-fit'),
		near: items('peluang-near'),
		fitTotal: total('peluang-fit-total'),
		nearTotal: total('peluang-near-total'),
		fitWithheld: withheld('peluang-fit-withheld'),
		nearWithheld: withheld('peluang-near-withheld'),
		bodies: [
			...html.matchAll(/data-testid="peluang-body" data-scheme="([^"]*)" data-body="([^"]*)" data-province="([^"]*)" data-km="([^"]*)"/g),
		].map((m) => ({ scheme: m[1]!, body: m[2]!, province: m[3]!, km: Number(m[4]) })),
	};
}

export const key = (s: { country: string; occupation: string; slots: number; missing?: string | null }) =>
	`${s.country}|${s.occupation}|${s.slots}|${s.missing ?? ''}`;

/** What the page must show for `cells`: the shown ones, their total, and how many are withheld. */
export function expected(cells: Cell[], table: Map<string, number | null>) {
	const shown = cells.filter((c) => {
		const v = table.get(`${c.country}|${c.opening}`);
		expect(v, `${c.country}|${c.opening} is a cell of the public table`).not.toBeUndefined();
		if (v !== null) expect(v, `${c.country}|${c.opening}: the public table has SQL's value`).toBe(c.slots);
		return v !== null;
	});
	return {
		items: shown
			.map((c) => key({ country: c.country, occupation: c.opening.split('|')[0]!, slots: c.slots, missing: c.missing || null }))
			.sort(),
		total: shown.reduce((s, c) => s + c.slots, 0),
		withheld: cells.length - shown.length,
		hidden: cells.filter((c) => table.get(`${c.country}|${c.opening}`) === null),
	};
}

/**
 * Profiles around the occupation of the largest cell asking for a certificate that Cube's public
 * `table` shows, with that cell's certificate and language (in the tiny data most cells are
 * withheld: small counts and their complements) — then one with everything around the occupation
 * of the largest withheld cell, whose answers are withheld.
 */
export async function pickProfiles(table: Map<string, number | null>): Promise<TestProfile[]> {
	const largest = (shown: boolean) =>
		[...table]
			.filter(([k, v]) => (v !== null) === shown && k.split('|')[2] !== '')
			.sort(([ka, a], [kb, b]) => (b ?? 0) - (a ?? 0) || (ka < kb ? -1 : 1))[0]?.[0];
	const top = largest(true);
	const hidden = largest(false);
	expect(top, 'the public table shows a cell that asks for a certificate').toBeDefined();
	expect(hidden, 'the public table withholds a cell that asks for a certificate').toBeDefined();
	// key: country|occupation|certificate|language|…
	const [, occupation, cert, asked] = (top as string).split('|') as [string, string, string, string];
	const certs = [cert];
	const language = asked || 'ja';
	const [, hiddenOccupation, hiddenCert, hiddenLanguage] = (hidden as string).split('|') as [string, string, string, string];
	return [
		// a school leaver from West Kalimantan: no certificate, no language, little experience
		{ occupation, education: 'smk', province: '61', experience: 1, age: 19 },
		// the same with the certificate: differs by one requirement
		{ occupation, education: 'smk', province: '61', experience: 1, age: 19, certs },
		// everything: the most that can fit, as a woman and as a man
		{ occupation, certs, language, level: 6, education: 's3', province: '31', experience: 30, gender: 'F', age: 30 },
		{ occupation, certs, language, level: 6, education: 's3', province: '31', experience: 30, gender: 'M', age: 30 },
		// everything, where the answers are withheld
		{
			occupation: hiddenOccupation,
			certs: [hiddenCert],
			language: hiddenLanguage || 'ja',
			level: 6,
			education: 's3',
			province: '31',
			experience: 30,
			gender: 'F',
			age: 30,
		},
	];
}
