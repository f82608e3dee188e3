/**
 * The story holds together, checked on the written `tiny` files (not on the generator's own
 * state): references resolve, dates are in order, placed candidates meet their line's
 * requirements at departure, rejections name what the candidate lacked, certification happens
 * mostly on Java, and the waiting supply is large and mostly under-qualified. The requirement
 * rules are re-implemented here from the files, independently of story.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificationBodyByCode, certificationSchemesByBody, educationByCode, regencyByCode } from '../../common/reference/index.ts';
import { generate } from './generate.ts';
import { type Row, readOutput } from './read-output.ts';

const JAVA = new Set(['31', '32', '33', '34', '35', '36']);
const root = mkdtempSync(join(tmpdir(), 'slmi-coherence-'));

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const rank = (code: string) => educationByCode.get(code as never)?.rank ?? -1;
/** Age on a day: age at registration + whole (365.25-day) years since — the rule docs/data.md states. */
const ageOn = (c: Row, iso: string) => Number(c.age) + Math.floor((day(iso) - day(c.registered_date as string)) / 365.25);

let rows: ReturnType<typeof readOutput>['rows'];
const lineById = new Map<string, Row>();
const candidateById = new Map<string, Row>();
const trainingsOf = new Map<string, Row[]>();
const certificationsOf = new Map<string, Row[]>();
const applicationsOf = new Map<string, Row[]>();
const placementOf = new Map<string, Row>();
let until: string;

function group(list: Row[], key: string, into: Map<string, Row[]>): void {
	for (const r of list) {
		const k = r[key] as string;
		const l = into.get(k) ?? [];
		l.push(r);
		into.set(k, l);
	}
}

beforeAll(async () => {
	const dir = join(root, 'tiny');
	await generate({ scale: 'tiny', until: '2026-11-15', outDir: dir, format: 'csv' });
	const out = readOutput(dir);
	rows = out.rows;
	until = out.manifest.options.until;
	for (const l of rows.job_order_lines) lineById.set(l.line_id as string, l);
	for (const c of rows.candidates) candidateById.set(c.candidate_id as string, c);
	group(rows.trainings, 'candidate_id', trainingsOf);
	group(rows.certifications, 'candidate_id', certificationsOf);
	group(rows.applications, 'candidate_id', applicationsOf);
	for (const p of rows.placements) placementOf.set(p.candidate_id as string, p);
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** What the candidate lacks for the line on a day, from the files; '' if nothing. Same order as the generator's reasons. */
function lacks(c: Row, line: Row, on: string): string {
	const id = c.candidate_id as string;
	if (line.required_certificate) {
		const ok = (certificationsOf.get(id) ?? []).some(
			(x) => x.scheme_code === line.required_certificate && x.result === 'passed' && (x.exam_date as string) <= on,
		);
		if (!ok) return 'certificate';
	}
	if (line.required_language) {
		let level = c.language_code === line.required_language ? Number(c.language_level) : 0;
		for (const t of trainingsOf.get(id) ?? []) {
			if (t.kind === 'language' && t.result === 'completed' && t.language_code === line.required_language && (t.end_date as string) <= on) {
				level = Math.max(level, Number(t.language_level));
			}
		}
		if (level < Number(line.required_language_level)) return 'language';
	}
	if (rank(c.education as string) < rank(line.min_education as string)) return 'education';
	if (Number(c.experience_years) < Number(line.min_experience_years)) return 'experience';
	const age = ageOn(c, on);
	if (age < Number(line.age_min) || age > Number(line.age_max)) return 'age';
	if (line.gender_requirement !== 'any' && line.gender_requirement !== c.gender) return 'gender';
	return '';
}

describe('references', () => {
	it('every reference resolves and regencies lie in their province', () => {
		for (const p of rows.placements) {
			expect(lineById.has(p.line_id as string)).toBe(true);
			expect(candidateById.has(p.candidate_id as string)).toBe(true);
		}
		for (const a of rows.applications) {
			expect(lineById.has(a.line_id as string)).toBe(true);
			expect(candidateById.has(a.candidate_id as string)).toBe(true);
		}
		for (const t of rows.trainings) expect(candidateById.has(t.candidate_id as string)).toBe(true);
		for (const x of rows.certifications) expect(candidateById.has(x.candidate_id as string)).toBe(true);
		for (const c of rows.candidates) expect(regencyByCode.get(c.regency_code as string)?.province).toBe(c.province_code);
	});

	it('keys are unique', () => {
		expect(new Set(rows.job_order_lines.map((r) => r.line_id)).size).toBe(rows.job_order_lines.length);
		expect(new Set(rows.applications.map((r) => r.application_id)).size).toBe(rows.applications.length);
		expect(new Set(rows.trainings.map((r) => r.training_id)).size).toBe(rows.trainings.length);
		expect(new Set(rows.certifications.map((r) => r.certification_id)).size).toBe(rows.certifications.length);
		expect(new Set(rows.placements.map((r) => r.placement_id)).size).toBe(rows.placements.length);
	});

	it('places a candidate at most once and never more candidates than a line has slots', () => {
		expect(placementOf.size).toBe(rows.placements.length);
		const perLine = new Map<string, number>();
		for (const p of rows.placements) perLine.set(p.line_id as string, (perLine.get(p.line_id as string) ?? 0) + 1);
		for (const [id, n] of perLine) expect(n).toBeLessThanOrEqual(Number(lineById.get(id)?.slots));
		// each placement has the accepted application it came from
		for (const p of rows.placements) {
			const accepted = (applicationsOf.get(p.candidate_id as string) ?? []).filter(
				(a) => a.line_id === p.line_id && a.outcome === 'accepted',
			);
			expect(accepted).toHaveLength(1);
		}
	});
});

describe('dates', () => {
	it('lines: issued < expiry, status_date within, nothing after `until`', () => {
		for (const l of rows.job_order_lines) {
			const issued = l.issued_date as string;
			expect(issued <= until).toBe(true);
			const months = (day(l.expiry_date as string) - day(issued)) / 30.44;
			expect(months).toBeGreaterThan(2.9);
			expect(months).toBeLessThan(12.2);
			if (l.status_date) {
				expect(
					l.status_date >= issued && (l.status_date as string) <= (l.expiry_date as string) && (l.status_date as string) <= until,
				).toBe(true);
			} else {
				expect(l.status).toBe('open');
				expect((l.expiry_date as string) >= until).toBe(true);
			}
		}
	});

	it('applications fall in their line window: issued ≤ applied ≤ expiry (and ≤ close)', () => {
		for (const a of rows.applications) {
			const l = lineById.get(a.line_id as string) as Row;
			const applied = a.applied_date as string;
			expect(applied >= (l.issued_date as string) && applied <= (l.expiry_date as string)).toBe(true);
			if (l.status_date) expect(applied <= (l.status_date as string)).toBe(true);
			expect(applied >= (candidateById.get(a.candidate_id as string)?.registered_date as string)).toBe(true);
			if (a.outcome_date) expect((a.outcome_date as string) >= applied && (a.outcome_date as string) <= until).toBe(true);
		}
	});

	it('placed candidates: registered ≤ trainings ≤ certifications ≤ application ≤ orientation ≤ departure', () => {
		for (const p of rows.placements) {
			const id = p.candidate_id as string;
			const c = candidateById.get(id) as Row;
			const line = lineById.get(p.line_id as string) as Row;
			const app = (applicationsOf.get(id) ?? []).find((a) => a.line_id === p.line_id && a.outcome === 'accepted') as Row;
			const dep = p.departure_date as string;
			const trainings = trainingsOf.get(id) ?? [];
			const certs = certificationsOf.get(id) ?? [];
			for (const t of trainings)
				expect((t.start_date as string) >= (c.registered_date as string) && (t.start_date as string) <= (t.end_date as string)).toBe(true);
			const courses = trainings.filter((t) => t.kind !== 'orientation');
			const lastCourse = courses.reduce((m, t) => ((t.end_date as string) > m ? (t.end_date as string) : m), '');
			for (const x of certs) {
				expect((x.exam_date as string) >= lastCourse).toBe(true);
				expect((x.exam_date as string) <= (app.applied_date as string)).toBe(true);
			}
			expect(lastCourse <= (app.applied_date as string)).toBe(true);
			expect((app.applied_date as string) <= (app.outcome_date as string) && (app.outcome_date as string) < dep).toBe(true);
			const orientation = trainings.filter((t) => t.kind === 'orientation');
			expect(orientation).toHaveLength(1);
			const o = orientation[0] as Row;
			expect(o.result).toBe('completed');
			expect((o.start_date as string) > (app.outcome_date as string) && (o.end_date as string) < dep).toBe(true);
			expect(dep > (line.issued_date as string) && dep <= until).toBe(true);
		}
	});

	it('days from issue to departure are realistic per scheme (P2P mostly 2–8 months)', () => {
		const bySchemes = new Map<string, number[]>();
		for (const p of rows.placements) {
			const l = lineById.get(p.line_id as string) as Row;
			const d = day(p.departure_date as string) - day(l.issued_date as string);
			bySchemes.set(l.scheme as string, [...(bySchemes.get(l.scheme as string) ?? []), d]);
		}
		const q = (list: number[], f: number) => [...list].sort((a, b) => a - b)[Math.floor(f * (list.length - 1))] as number;
		const p2p = bySchemes.get('P2P') as number[];
		expect(q(p2p, 0.1)).toBeGreaterThanOrEqual(45);
		expect(q(p2p, 0.5)).toBeGreaterThan(90);
		expect(q(p2p, 0.5)).toBeLessThan(200);
		expect(q(p2p, 0.9)).toBeLessThan(280);
		expect(q(bySchemes.get('MANDIRI') as number[], 0.5)).toBeLessThan(q(p2p, 0.5));
	});
});

/** The certificate of each household and care occupation (scheme_occupations.csv). */
const HOUSEHOLD_CERTIFICATE: Readonly<Record<string, string>> = {
	'9111': 'domestic_worker',
	'5152': 'domestic_worker',
	'5311': 'babysitter',
	'5321': 'caregiver',
	'5322': 'caregiver',
};

describe('requirements', () => {
	it('every placed candidate meets the line at application and at departure', () => {
		const failures: string[] = [];
		for (const p of rows.placements) {
			const c = candidateById.get(p.candidate_id as string) as Row;
			const line = lineById.get(p.line_id as string) as Row;
			const app = (applicationsOf.get(c.candidate_id as string) ?? []).find((a) => a.line_id === p.line_id) as Row;
			for (const on of [app.applied_date as string, p.departure_date as string]) {
				const lack = lacks(c, line, on);
				if (lack) failures.push(`${c.candidate_id} on ${line.line_id} ${on}: ${lack}`);
			}
			expect(Number(p.wage)).toBeGreaterThanOrEqual(Number(line.wage_min));
			expect(Number(p.wage)).toBeLessThanOrEqual(Number(line.wage_max));
		}
		expect(failures.slice(0, 10)).toEqual([]);
	});

	it('certificates come from a body that certifies the scheme', () => {
		for (const x of rows.certifications) {
			expect(certificationSchemesByBody.get(x.body_code as string)).toContain(x.scheme_code);
		}
	});

	it('rejections name what the candidate lacked; employer choice, medical and withdrawals were qualified', () => {
		const failures: string[] = [];
		let rejected = 0;
		for (const a of rows.applications) {
			if (a.outcome !== 'rejected' && a.outcome !== 'withdrawn') continue;
			rejected++;
			const c = candidateById.get(a.candidate_id as string) as Row;
			const lack = lacks(c, lineById.get(a.line_id as string) as Row, a.applied_date as string);
			const expected = ['employer_choice', 'medical', 'withdrawn'].includes(a.rejection_reason as string) ? '' : a.rejection_reason;
			if (lack !== expected) failures.push(`${a.application_id}: reason ${a.rejection_reason}, lacks "${lack}"`);
		}
		expect(rejected).toBeGreaterThan(500);
		expect(failures.slice(0, 10)).toEqual([]);
		const reasons = new Set(rows.applications.map((a) => a.rejection_reason));
		for (const r of ['certificate', 'language', 'education', 'experience', 'age', 'employer_choice', 'withdrawn', 'medical'])
			expect(reasons).toContain(r);
	});

	it('lines ask what their market asks (Japan N4, Korea EPS, Taiwan caregivers, Germany nurses)', () => {
		for (const l of rows.job_order_lines) {
			if (l.country_iso2 === 'JP') {
				expect(l.required_language).toBe('ja');
				expect(Number(l.required_language_level)).toBeGreaterThanOrEqual(2);
			}
			if (l.country_iso2 === 'KR' && l.scheme === 'G2G') {
				expect([l.required_language, l.required_language_level, l.age_min, l.age_max]).toEqual(['ko', '2', '18', '39']);
			}
			if (l.country_iso2 === 'TW' && (l.occupation_isco4 === '5322' || l.occupation_isco4 === '5321'))
				expect(l.required_certificate).toBe('caregiver');
			// Household and care work in Hong Kong, Singapore and Taiwan: every line asks the occupation's
			// BNSP certificate; in Taiwan every household, care and factory line asks Mandarin (issue #15).
			if (['HK', 'SG', 'TW'].includes(l.country_iso2 as string) && HOUSEHOLD_CERTIFICATE[l.occupation_isco4 as string]) {
				expect(l.required_certificate, `${l.line_id} ${l.country_iso2} ${l.occupation_isco4}`).toBe(
					HOUSEHOLD_CERTIFICATE[l.occupation_isco4 as string],
				);
			}
			if (l.country_iso2 === 'TW' && (HOUSEHOLD_CERTIFICATE[l.occupation_isco4 as string] || l.sector === 'manufacturing')) {
				expect(l.required_language, `${l.line_id} ${l.occupation_isco4}`).toBe('zh');
				expect(Number(l.required_language_level)).toBeGreaterThanOrEqual(1);
			}
			if (l.country_iso2 === 'DE' && ['2221', '3221'].includes(l.occupation_isco4 as string)) {
				expect(l.required_certificate).toBe('nurse_str');
				expect(l.required_language).toBe('de');
				expect(Number(l.required_language_level)).toBeGreaterThanOrEqual(3);
			}
			if (l.scheme === 'P2P') expect(l.agency_code).not.toBe('');
			else expect(l.agency_code).toBe('');
			if (l.scheme === 'G2G') expect(l.source).toBe('g2g');
		}
	});

	it('gender follows the market: HK/TW care > 95 % women, Korea and Malaysian plantations > 90 % men', () => {
		const share = (pred: (l: Row) => boolean) => {
			const list = rows.placements.filter((p) => pred(lineById.get(p.line_id as string) as Row));
			const women = list.filter((p) => candidateById.get(p.candidate_id as string)?.gender === 'F').length;
			return { n: list.length, f: women / list.length };
		};
		const hk = share((l) => l.country_iso2 === 'HK');
		const twCare = share((l) => l.country_iso2 === 'TW' && l.occupation_isco4 === '5322');
		const kr = share((l) => l.country_iso2 === 'KR');
		const myField = share((l) => l.country_iso2 === 'MY' && ['9211', '9313'].includes(l.occupation_isco4 as string));
		expect(hk.f).toBeGreaterThan(0.95);
		expect(twCare.f).toBeGreaterThan(0.95);
		expect(kr.f).toBeLessThan(0.1);
		// a tiny sample: the national test holds Malaysian field work to > 90 % men
		expect(myField.f).toBeLessThan(0.15);
	});
});

describe('supply', () => {
	it('certification sits on Java: candidates from elsewhere certify less often and mostly away from home', () => {
		let javaAttempts = 0;
		let otherAttempts = 0;
		let otherAway = 0;
		for (const x of rows.certifications) {
			const c = candidateById.get(x.candidate_id as string) as Row;
			const body = certificationBodyByCode.get(x.body_code as string);
			if (JAVA.has(c.province_code as string)) javaAttempts++;
			else {
				otherAttempts++;
				if (body?.province !== c.province_code) otherAway++;
			}
		}
		const javaCandidates = rows.candidates.filter((c) => JAVA.has(c.province_code as string)).length;
		const otherCandidates = rows.candidates.length - javaCandidates;
		expect(otherAway / otherAttempts).toBeGreaterThan(0.6);
		expect(otherAttempts / otherCandidates).toBeLessThan(javaAttempts / javaCandidates);
	});

	it('the waiting supply is large and mostly under-qualified for the open demand', () => {
		const open = rows.job_order_lines.filter((l) => l.status === 'open');
		const openSlots = open.reduce((s, l) => s + Number(l.slots), 0);
		const openByOccupation = new Map<string, Row[]>();
		group(open, 'occupation_isco4', openByOccupation);
		const accepted = new Set(rows.applications.filter((a) => a.outcome === 'accepted').map((a) => a.candidate_id));
		const waiting = rows.candidates.filter((c) => !placementOf.has(c.candidate_id as string) && !accepted.has(c.candidate_id));
		let withDemand = 0;
		let coverage = 0;
		let mostlyQualified = 0;
		const missing = new Map<string, number>();
		for (const c of waiting) {
			// open lines in the occupation and destinations the candidate registered for (none listed = any)
			const wanted = (c.preferred_countries as string) === '' ? undefined : new Set((c.preferred_countries as string).split(';'));
			const lines = (openByOccupation.get(c.preferred_occupation_isco4 as string) ?? []).filter(
				(l) => !wanted || wanted.has(l.country_iso2 as string),
			);
			if (lines.length === 0) continue;
			withDemand++;
			// qualified supply (SPEC §4.2): meets a line's occupation, certificate, language and education
			const asOfUntil = { ...c, experience_years: '99', age: '30', registered_date: until };
			let met = 0;
			let all = 0;
			for (const l of lines) {
				const gap = lacks(asOfUntil, { ...l, gender_requirement: 'any', age_min: '17', age_max: '70' }, until);
				all += Number(l.slots);
				if (gap === '') met += Number(l.slots);
				else missing.set(gap, (missing.get(gap) ?? 0) + Number(l.slots));
			}
			coverage += met / all;
			if (met / all >= 0.5) mostlyQualified++;
		}
		expect(waiting.length).toBeGreaterThan(0.4 * rows.placements.length);
		expect(withDemand).toBeGreaterThan(0.3 * waiting.length);
		// on average a waiting candidate meets the requirements of a minority of the open slots they
		// want (30–38 % for seeds 2026, 7, 11, 3; the bound leaves room for tiny's sampling noise)
		expect(coverage / withDemand).toBeLessThan(0.45);
		expect(mostlyQualified / withDemand).toBeLessThan(0.45);
		expect(openSlots).toBeGreaterThan(0);
		// what they lack is mostly certificates and language
		const total = [...missing.values()].reduce((a, b) => a + b, 0);
		expect(((missing.get('certificate') ?? 0) + (missing.get('language') ?? 0)) / total).toBeGreaterThan(0.6);
	});
});
