/**
 * The officer's detail path (issue #15 §2, docs/access.md "Officers"): for an open job-order line,
 * the ranked eligible candidates of one province with every requirement met or missing and the
 * terms of their score; for one candidate of that province, the open lines they are eligible for
 * or one requirement away from. Person-level (pseudonymous ids, never names or national ids), so it
 * is served by the web app server-side to the officer role only, and every view is written to
 * audit_detail_views *before* its data is read (recordView): no audit row, no data.
 *
 * Eligibility is the one definition (eligibility.ts: requirementsMet over the facts readOpenLines /
 * readWaitingCandidates read for the engine, run.ts); the score terms are the engine's (scoreTerms).
 */
import { randomBytes } from 'node:crypto';
import { queryRows, type Warehouse } from '../client.ts';
import { sqlString } from '../sql-literal.ts';
import { eligibilitySql, REQUIREMENTS, type Requirement, requirementsMet, servableOccupations } from './eligibility.ts';
import {
	DEFAULT_OPTIONS,
	type EngineCandidate,
	type EngineLine,
	lineProfileKey,
	lineProfiles,
	maxProfileWage,
	type ScoreTerms,
	scoreTerms,
	weightedScore,
} from './engine.ts';
import { readAsOf, readOpenLines, readWaitingCandidates } from './run.ts';

/** Most candidates (or lines) one page of a view lists; the count of all is given beside. */
export const DETAIL_LIST_LIMIT = 200;

/** Which page of a view's lists, and how long a page is (DETAIL_LIST_LIMIT unless a test says). */
export interface DetailPage {
	page: number;
	size?: number;
}

/** How many pages a view's lists take (its longest list decides; at least 1). */
export function detailPages(size: number, ...counts: number[]): number {
	return Math.max(1, ...counts.map((n) => Math.ceil(n / size)));
}

function pageOf<T>(list: readonly T[], { page, size = DETAIL_LIST_LIMIT }: DetailPage): T[] {
	return list.slice((page - 1) * size, page * size);
}

/** A line id or candidate id as it may be asked for: printable, no spaces, at most 64 characters. */
export const DETAIL_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export interface RequirementCheck {
	requirement: Requirement;
	met: boolean;
	/** what the line asks, as text ('' = nothing asked) */
	required: string;
	/** what the candidate has, as text ('' = unknown) */
	has: string;
}

export interface LineSummary {
	id: string;
	country: string;
	occupation: string;
	sector: string;
	issued: string;
	open: number;
	wageUsd: number;
}

export interface EngineRank {
	rank: number;
	/** within the line's open slots (the assignment) rather than a further recommendation */
	primary: boolean;
}

export interface RankedCandidate {
	id: string;
	/** position on this list */
	position: number;
	/** the engine's rank for the line in its latest run, when it recommended this candidate */
	engine: EngineRank | null;
	terms: ScoreTerms;
	score: number;
	checks: RequirementCheck[];
}

export interface NearCandidate {
	id: string;
	missing: Requirement;
	checks: RequirementCheck[];
}

export interface LineDetail {
	asOf: string;
	runId: string | null;
	line: LineSummary;
	requirements: RequirementCheck[];
	eligibleCount: number;
	eligible: RankedCandidate[];
	nearCount: number;
	near: NearCandidate[];
	/** this page (1-based) of `pages`: both lists are cut at the same page */
	page: number;
	pages: number;
	weights: typeof DEFAULT_OPTIONS.weights;
}

export interface CandidateLine {
	line: LineSummary;
	/** '' = eligible; else the one requirement missing */
	missing: Requirement | '';
	engine: EngineRank | null;
	terms: ScoreTerms;
	score: number;
	checks: RequirementCheck[];
}

export interface CandidateDetail {
	asOf: string;
	runId: string | null;
	candidate: { id: string; province: string; registered: string };
	eligibleCount: number;
	nearCount: number;
	lines: CandidateLine[];
	/** this page (1-based) of `pages`: the eligible and the near lines are cut at the same page */
	page: number;
	pages: number;
	weights: typeof DEFAULT_OPTIONS.weights;
}

export interface Viewer {
	username: string;
	role: string;
	province: string;
}

export type Subject = 'line' | 'candidate';

const dateTime = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');

/**
 * Writes the audit row of one view (who, which line or candidate, when). Called before any data of
 * the view is read; when it fails the view fails.
 */
export async function recordView(db: Warehouse, viewer: Viewer, subject: Subject, subjectId: string, at = new Date()): Promise<string> {
	const viewId = `${at.getTime()}-${randomBytes(6).toString('hex')}`;
	await db.insert({
		table: 'audit_detail_views',
		values: [
			{
				view_id: viewId,
				viewed_at: dateTime(at),
				username: viewer.username,
				role: viewer.role,
				province_code: viewer.province,
				subject,
				subject_id: subjectId.slice(0, 64),
			},
		],
		format: 'JSONEachRow',
	});
	return viewId;
}

export interface AuditRow {
	view_id: string;
	viewed_at: string;
	username: string;
	role: string;
	province_code: string;
	subject: Subject;
	subject_id: string;
}

/** The audit, newest first. */
export async function readAudit(db: Warehouse, limit = 500): Promise<{ total: number; rows: AuditRow[] }> {
	const [count] = await queryRows<{ n: string }>(db, 'SELECT toString(count()) AS n FROM audit_detail_views');
	const rows = await queryRows<AuditRow>(
		db,
		`SELECT view_id, toString(viewed_at) AS viewed_at, username, role, province_code, subject, subject_id
		FROM audit_detail_views ORDER BY viewed_at DESC, view_id DESC LIMIT ${Math.max(1, Math.floor(limit))}`,
	);
	return { total: Number(count?.n ?? 0), rows };
}

function checksOf(c: EngineCandidate, line: EngineLine): RequirementCheck[] {
	const met = requirementsMet(c.facts, line.requirements);
	const r = line.requirements;
	const f = c.facts;
	const languages = [...f.languages].map(([l, level]) => `${l} ${level}`).join(', ');
	const text: Record<Requirement, [string, string]> = {
		occupation: [r.occupation, f.occupation],
		destination: [r.country, f.countries.includes('*') ? '*' : f.countries.join(', ')],
		certificate: [r.certificate, f.certificates.join(', ')],
		language: [r.language === '' ? '' : `${r.language} ${Math.max(r.languageLevel, 1)}`, languages],
		education: [r.educationRank === 0 ? '' : String(r.educationRank), String(f.educationRank)],
		experience: [r.experienceYears === 0 ? '' : String(r.experienceYears), String(f.experienceYears)],
		gender: [r.gender === 'any' ? '' : r.gender, f.gender],
		age: [r.ageMin === 0 && r.ageMax === 0 ? '' : `${r.ageMin}-${r.ageMax}`, f.age === 0 ? '' : String(f.age)],
	};
	return REQUIREMENTS.map((requirement) => ({
		requirement,
		met: met[requirement],
		required: text[requirement][0],
		has: text[requirement][1],
	}));
}

function summary(line: EngineLine): LineSummary {
	return {
		id: line.id,
		country: line.requirements.country,
		occupation: line.requirements.occupation,
		sector: line.sector,
		issued: line.issued,
		open: line.open,
		wageUsd: line.wageUsd,
	};
}

async function latestRun(db: Warehouse): Promise<string | null> {
	const [run] = await queryRows<{ run_id: string }>(db, 'SELECT run_id FROM match_runs ORDER BY run_at DESC, run_id DESC LIMIT 1');
	return run?.run_id ?? null;
}

/**
 * What the score weighs, as the engine weighs it (engine.ts): a line's wage is its line profile's
 * (the slot-weighted mean wage of the open lines with the same requirements, `lineProfiles`), over
 * the highest profile wage; the waiting time over the longest wait of any waiting candidate. So a
 * candidate's score shown here is the engine's for the same data (a line's own wage against the best
 * single line's would differ from it wherever a profile holds lines with different wages).
 * `openLines`: the caller's read of the open lines (both pages need them anyway; read once).
 */
async function norms(
	db: Warehouse,
	asOf: string,
	openLines: Promise<EngineLine[]>,
): Promise<{ maxWage: number; maxWait: number; wageOf: (line: EngineLine) => number }> {
	const [lines, [row]] = await Promise.all([
		openLines,
		queryRows<{ max_wait: number }>(
			db,
			`SELECT toInt64(toDate(${sqlString(asOf)})) - toInt64(min(registered_date)) AS max_wait FROM agg_candidate_profile WHERE available = 1`,
		),
	]);
	const lps = lineProfiles(lines);
	const wages = new Map(lps.map((lp) => [lp.key, lp.wage]));
	return {
		maxWage: maxProfileWage(lps),
		maxWait: Math.max(Number(row?.max_wait ?? 0), 1),
		wageOf: (line) => wages.get(lineProfileKey(line)) ?? line.wageUsd,
	};
}

async function engineRanks(db: Warehouse, runId: string | null, where: string): Promise<Map<string, EngineRank>> {
	if (!runId) return new Map();
	const rows = await queryRows<{ line_id: string; candidate_id: string; rank: number; is_primary: number }>(
		db,
		`SELECT line_id, candidate_id, rank, is_primary FROM match_recommendations WHERE run_id = ${sqlString(runId)} AND (${where})`,
	);
	return new Map(rows.map((r) => [`${r.line_id}|${r.candidate_id}`, { rank: Number(r.rank), primary: Number(r.is_primary) === 1 }]));
}

const byEngineThenScore = (a: { engine: EngineRank | null; score: number; id: string }, b: typeof a) =>
	(a.engine?.rank ?? Number.POSITIVE_INFINITY) - (b.engine?.rank ?? Number.POSITIVE_INFINITY) ||
	b.score - a.score ||
	(a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * An open line's candidates of `province`: the eligible ones ranked (the engine's recommendations
 * of its latest run first, in its order, then by score), and those one requirement away (other
 * than the occupation: a candidate of another occupation is not a near miss of this line).
 * undefined when no open line has this id.
 */
export async function lineDetail(
	db: Warehouse,
	lineId: string,
	province: string,
	at: DetailPage = { page: 1 },
): Promise<LineDetail | undefined> {
	// every open line is read once: the line itself is among them, and the score's norms weigh them all
	const [lines, asOf, runId] = await Promise.all([readOpenLines(db), readAsOf(db), latestRun(db)]);
	const line = lines.find((l) => l.id === lineId);
	if (!line) return undefined;
	const [candidates, norm] = await Promise.all([
		readWaitingCandidates(
			db,
			`province_code = ${sqlString(province)} AND ${eligibilitySql.occupation('preferred_occupation_isco4', sqlString(line.requirements.occupation))}`,
		),
		norms(db, asOf, Promise.resolve(lines)),
	]);
	const ranks = await engineRanks(db, runId, `line_id = ${sqlString(line.id)}`);
	const eligible: RankedCandidate[] = [];
	const near: NearCandidate[] = [];
	for (const c of candidates) {
		const checks = checksOf(c, line);
		const missing = checks.filter((k) => !k.met);
		if (missing.length === 0) {
			const terms = scoreTerms(c, line.requirements.country, norm.wageOf(line), asOf, norm);
			eligible.push({
				id: c.id,
				position: 0,
				engine: ranks.get(`${line.id}|${c.id}`) ?? null,
				terms,
				score: weightedScore(terms, DEFAULT_OPTIONS.weights),
				checks,
			});
		} else if (missing.length === 1) near.push({ id: c.id, missing: missing[0]!.requirement, checks });
	}
	eligible.sort(byEngineThenScore);
	eligible.forEach((c, i) => {
		c.position = i + 1;
	});
	near.sort((a, b) => REQUIREMENTS.indexOf(a.missing) - REQUIREMENTS.indexOf(b.missing) || (a.id < b.id ? -1 : 1));
	const probe: EngineCandidate = {
		id: '',
		registered: asOf,
		province,
		gender: '',
		educationRank: 0,
		preferredCountries: [],
		capabilityKey: '',
		facts: {
			occupation: '',
			countries: [],
			certificates: [],
			languages: new Map(),
			educationRank: 0,
			experienceYears: 0,
			gender: '',
			age: 0,
		},
	};
	const pages = detailPages(at.size ?? DETAIL_LIST_LIMIT, eligible.length, near.length);
	// a page past the last is not found, like an unknown line
	if (at.page > pages) return undefined;
	return {
		asOf,
		runId,
		line: summary(line),
		requirements: checksOf(probe, line).map((k) => ({ ...k, met: true, has: '' })),
		eligibleCount: eligible.length,
		eligible: pageOf(eligible, at),
		nearCount: near.length,
		near: pageOf(near, at),
		page: at.page,
		pages,
		weights: DEFAULT_OPTIONS.weights,
	};
}

/**
 * A waiting candidate of `province`: the open lines they are eligible for (ranked as on the
 * lines' lists) and those one requirement away (other than the occupation). undefined when no
 * waiting candidate of that province has this id — also when one of another province has it.
 */
export async function candidateDetail(
	db: Warehouse,
	candidateId: string,
	province: string,
	at: DetailPage = { page: 1 },
): Promise<CandidateDetail | undefined> {
	const [candidate] = await readWaitingCandidates(
		db,
		`candidate_id = ${sqlString(candidateId)} AND province_code = ${sqlString(province)}`,
	);
	if (!candidate || candidate.province !== province) return undefined;
	const [asOf, runId] = await Promise.all([readAsOf(db), latestRun(db)]);
	// The open lines read once: the score's norms need every line's profile, the list only the
	// lines of the occupations this candidate can serve (eligibility.ts: the occupation rule).
	const open = readOpenLines(db);
	const servable = new Set(servableOccupations(candidate.facts.occupation));
	const [all, norm, ranks] = await Promise.all([
		open,
		norms(db, asOf, open),
		engineRanks(db, runId, `candidate_id = ${sqlString(candidate.id)}`),
	]);
	const lines = all.filter((line) => servable.has(line.requirements.occupation));
	const out: CandidateLine[] = [];
	for (const line of lines) {
		const checks = checksOf(candidate, line);
		const missing = checks.filter((k) => !k.met);
		if (missing.length > 1) continue;
		const terms = scoreTerms(candidate, line.requirements.country, norm.wageOf(line), asOf, norm);
		out.push({
			line: summary(line),
			missing: missing[0]?.requirement ?? '',
			engine: ranks.get(`${line.id}|${candidate.id}`) ?? null,
			terms,
			score: weightedScore(terms, DEFAULT_OPTIONS.weights),
			checks,
		});
	}
	const eligible = out.filter((l) => l.missing === '').sort((a, b) => byEngineThenScore({ ...a, id: a.line.id }, { ...b, id: b.line.id }));
	const near = out
		.filter((l) => l.missing !== '')
		.sort((a, b) => REQUIREMENTS.indexOf(a.missing as Requirement) - REQUIREMENTS.indexOf(b.missing as Requirement) || b.score - a.score);
	const pages = detailPages(at.size ?? DETAIL_LIST_LIMIT, eligible.length, near.length);
	if (at.page > pages) return undefined;
	return {
		asOf,
		runId,
		candidate: { id: candidate.id, province: candidate.province, registered: candidate.registered },
		eligibleCount: eligible.length,
		nearCount: near.length,
		lines: [...pageOf(eligible, at), ...pageOf(near, at)],
		page: at.page,
		pages,
		weights: DEFAULT_OPTIONS.weights,
	};
}

/** The open lines, for the officer's list to pick from (no person-level data). */
export async function openLines(db: Warehouse): Promise<LineSummary[]> {
	const lines = await readOpenLines(db);
	return lines.map(summary).sort((a, b) => b.open - a.open || (a.id < b.id ? -1 : 1));
}
