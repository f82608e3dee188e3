/**
 * The matching back-test (issue #15, item 4): freeze the data at past dates, run the engine on the
 * lines open and the candidates waiting then, and compare with what happened in the next 90 days.
 *
 * At each date D:
 * - lines open at D: issued on or before D, not yet stopped (agg_job_order_lines.stop_date, from
 *   the latest source version: a later status change is known, which is a small look-ahead), minus
 *   departures on or before D;
 * - candidates waiting at D: registered by D, not departed by D, active in the 730 days before D;
 *   their facts at D: certificates valid at D, best language level from the registration and the
 *   language courses completed by D, age at D (eligibility.ts);
 * - outcomes: departures in (D, D + 90] on those lines by those candidates.
 * Figures: slots fillable by the fair optimum, first come first served and the optimum without
 * fairness; recall@10 of the engine (share of the outcome departures whose candidate was in the
 * top 10 of the engine's list for that line) against first come first served (the first 10
 * eligible waiting candidates by registration date); each group's share of recommendations against
 * its share of the eligible pool.
 *
 * Run: `npx tsx warehouse/src/matching/backtest-cli.ts [from-year] [to-year]` against the warehouse
 * CLICKHOUSE_URL (CLICKHOUSE_USER, CLICKHOUSE_PASSWORD, CLICKHOUSE_DATABASE) names.
 */
import { queryRows, type Warehouse } from '../client.ts';
import {
	acceptedCountries,
	type CandidateFacts,
	eligibilitySql,
	isEligible,
	type LineRequirements,
	servableOccupations,
} from './eligibility.ts';
import { byRegistration, type EngineCandidate, type EngineLine, type EngineOptions, type GroupResult, runEngine } from './engine.ts';

export const HORIZON_DAYS = 90;
export const TOP_K = 10;

const dateSql = (date: string) => {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`Not a date: ${date}`);
	return `toDate('${date}')`;
};

/** What the open lines of the occupations one occupation can serve ask about (reduceFacts). */
interface DemandSummary {
	countries: Set<string>;
	certificates: Set<string>;
	languages: Set<string>;
	maxEducation: number;
	maxExperience: number;
	genderAsked: boolean;
	/** age bounds (each line's minimum and maximum + 1), distinct, ascending */
	bounds: number[];
}

/**
 * Per list of lines, the demand summary of each occupation seen: a back-test date reduces every
 * waiting candidate's facts (hundreds of thousands nationally) against the same lines (tens of
 * thousands), so the summary is made once per occupation instead of once per candidate.
 */
const summaries = new WeakMap<readonly LineRequirements[], Map<string, DemandSummary>>();

function demandSummary(occupation: string, lines: readonly LineRequirements[]): DemandSummary {
	let byOccupation = summaries.get(lines);
	if (!byOccupation) {
		byOccupation = new Map();
		summaries.set(lines, byOccupation);
	}
	const known = byOccupation.get(occupation);
	if (known) return known;
	const serves = new Set(servableOccupations(occupation));
	const demand = lines.filter((l) => serves.has(l.occupation));
	const summary: DemandSummary = {
		countries: new Set(demand.map((l) => l.country)),
		certificates: new Set(demand.map((l) => l.certificate).filter(Boolean)),
		languages: new Set(demand.map((l) => l.language).filter(Boolean)),
		maxEducation: demand.reduce((m, l) => Math.max(m, l.educationRank), 0),
		maxExperience: demand.reduce((m, l) => Math.max(m, l.experienceYears), 0),
		genderAsked: demand.some((l) => l.gender === 'F' || l.gender === 'M'),
		bounds: [...new Set(demand.flatMap((l) => [l.ageMin, l.ageMax + 1]))].sort((a, b) => a - b),
	};
	byOccupation.set(occupation, summary);
	return summary;
}

/**
 * A candidate's facts reduced to what the open lines of the occupations they can serve ask about,
 * as agg_candidate_profile reduces them: two candidates with equal reduced facts are eligible for
 * the same lines (tested in backtest.test.ts against the full facts).
 */
export function reduceFacts(facts: CandidateFacts, lines: readonly LineRequirements[]): CandidateFacts {
	const { countries, certificates, languages, maxEducation, maxExperience, genderAsked, bounds } = demandSummary(facts.occupation, lines);
	// the largest bound at or below the age (binary search: a national date reduces 500,000 candidates)
	let lo = 0;
	let hi = bounds.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if ((bounds[mid] as number) <= facts.age) lo = mid + 1;
		else hi = mid;
	}
	const ageBound = lo > 0 ? Math.max(bounds[lo - 1] as number, 1) : 1;
	return {
		occupation: facts.occupation,
		countries: facts.countries.includes('*') ? ['*'] : facts.countries.filter((c) => countries.has(c)).sort(),
		certificates: facts.certificates.filter((c) => certificates.has(c)).sort(),
		languages: new Map([...facts.languages].filter(([l]) => languages.has(l)).sort()),
		educationRank: Math.min(facts.educationRank, maxEducation),
		experienceYears: Math.min(facts.experienceYears, maxExperience),
		gender: genderAsked ? facts.gender : '',
		age: facts.age === 0 ? 0 : ageBound,
	};
}

const factsKey = (f: CandidateFacts) =>
	JSON.stringify([f.occupation, f.countries, f.certificates, [...f.languages], f.educationRank, f.experienceYears, f.gender, f.age]);

interface CandidateAtRow {
	candidate_id: string;
	registered: string;
	province_code: string;
	gender: string;
	education_rank: number;
	preferred_occupation_isco4: string;
	preferred_countries: string[];
	experience_years: number;
	age_at: number;
	language_code: string;
	language_level: number;
	valid_certificates: string[];
	trained_languages: string[];
	trained_levels: number[];
}

/** Lines open and candidates waiting at `date`, with the candidates' facts at that date. */
export async function readMatchingInputAt(
	db: Warehouse,
	date: string,
): Promise<{ lines: EngineLine[]; candidates: EngineCandidate[]; full: Map<string, CandidateFacts> }> {
	const at = dateSql(date);
	const lineRows = await queryRows<Record<string, string | number>>(
		db,
		`SELECT line_id, toString(issued_date) AS issued, sector, toInt64(slots) - toInt64(departed) AS open, wage_mid_usd, occupation_isco4, country_iso2,
			required_certificate, required_language, required_language_level, min_education_rank, min_experience_years, gender_requirement, age_min, age_max
		FROM (SELECT * FROM agg_job_order_lines WHERE issued_date <= ${at} AND ${at} < stop_date)
		ANY LEFT JOIN (SELECT line_id, count() AS departed FROM fct_placements WHERE departure_date <= ${at} GROUP BY line_id) USING line_id
		WHERE departed < slots`,
	);
	const candidateRows = await queryRows<CandidateAtRow>(
		db,
		`SELECT candidate_id, toString(registered_date) AS registered, province_code, gender, education_rank, preferred_occupation_isco4, preferred_countries,
			experience_years, ${eligibilitySql.age_at('age', 'registered_date', at)} AS age_at, language_code, language_level,
			valid_certificates, trained_languages, trained_levels
		FROM
		(
			SELECT * FROM fct_candidates WHERE registered_date <= ${at} ORDER BY updated_at DESC LIMIT 1 BY candidate_id
		)
		ANY LEFT JOIN
		(
			SELECT candidate_id,
				groupUniqArrayIf(code, kind = 'certificate' AND valid = 1) AS valid_certificates,
				groupArrayIf(code, kind = 'language') AS trained_languages,
				groupArrayIf(level, kind = 'language') AS trained_levels,
				maxIf(day, kind != 'placement') AS last_event,
				countIf(kind = 'placement') AS departures
			FROM
			(
				SELECT candidate_id, if(result = 'passed', 'certificate', 'attempt') AS kind, scheme_code AS code, exam_date AS day, toUInt8(0) AS level,
					toUInt8(${eligibilitySql.certificate_valid('exam_date', at)}) AS valid
				FROM fct_certifications WHERE exam_date <= ${at}
				UNION ALL
				SELECT candidate_id, if(kind = 'language' AND result = 'completed' AND language_code != '', 'language', 'course'), language_code, end_date, language_level, toUInt8(0)
				FROM fct_trainings WHERE end_date <= ${at}
				UNION ALL
				SELECT candidate_id, 'application', '', applied_date, toUInt8(0), toUInt8(0) FROM fct_applications WHERE applied_date <= ${at}
				UNION ALL
				SELECT candidate_id, 'placement', '', departure_date, toUInt8(0), toUInt8(0) FROM fct_placements WHERE departure_date <= ${at}
			)
			GROUP BY candidate_id
		) USING candidate_id
		WHERE departures = 0 AND greatest(registered_date, last_event) >= ${at} - 730`,
	);
	const lines: EngineLine[] = lineRows.map((r) => ({
		id: String(r.line_id),
		issued: String(r.issued),
		sector: String(r.sector),
		open: Number(r.open),
		wageUsd: Number(r.wage_mid_usd),
		requirements: {
			occupation: String(r.occupation_isco4),
			country: String(r.country_iso2),
			certificate: String(r.required_certificate),
			language: String(r.required_language),
			languageLevel: Number(r.required_language_level),
			educationRank: Number(r.min_education_rank),
			experienceYears: Number(r.min_experience_years),
			gender: String(r.gender_requirement),
			ageMin: Number(r.age_min),
			ageMax: Number(r.age_max),
		},
	}));
	const demand = lines.map((l) => l.requirements);
	const full = new Map<string, CandidateFacts>();
	const candidates: EngineCandidate[] = candidateRows.map((r) => {
		const languages = new Map<string, number>();
		if (r.language_code) languages.set(r.language_code, Number(r.language_level));
		r.trained_languages.forEach((l, i) => {
			languages.set(l, Math.max(languages.get(l) ?? 0, Number(r.trained_levels[i] ?? 0)));
		});
		const facts: CandidateFacts = {
			occupation: r.preferred_occupation_isco4,
			countries: acceptedCountries(r.preferred_countries),
			certificates: [...r.valid_certificates].sort(),
			languages,
			educationRank: Number(r.education_rank),
			experienceYears: Number(r.experience_years),
			gender: r.gender,
			age: Number(r.age_at),
		};
		full.set(r.candidate_id, facts);
		const reduced = reduceFacts(facts, demand);
		return {
			id: r.candidate_id,
			registered: r.registered,
			province: r.province_code,
			gender: r.gender,
			educationRank: Number(r.education_rank),
			preferredCountries: r.preferred_countries,
			capabilityKey: factsKey(reduced),
			facts: reduced,
		};
	});
	return { lines, candidates, full };
}

export interface BacktestPoint {
	date: string;
	openSlots: number;
	waiting: number;
	eligible: number;
	fillableOptimal: number;
	fillableGreedy: number;
	fillableUnconstrained: number;
	/** the fair solve: 'Optimal', 'Rounded' or 'Time limit reached' (EngineResult.status) */
	status: string;
	/** no fair assignment fills more (EngineResult.fillBound); = fillableOptimal when proven optimal */
	fillBound: number;
	/** departures in the next HORIZON_DAYS days on lines open at the date by candidates waiting then */
	outcomes: number;
	/** of them, by a candidate eligible for the line at the date */
	outcomesEligible: number;
	recallEngine: number;
	recallFcfs: number;
	groups: GroupResult[];
	/** exposure Gini over origin provinces (exposureGini) */
	exposureGini: number;
	seconds: number;
}

/**
 * Exposure Gini over the groups of one fairness dimension: each group's recommendations per
 * eligible member (its exposure), Gini-weighted by the group's pool. 0 = every group's members
 * are recommended at the same rate; 1 = all recommendations go to one group's members.
 */
export function exposureGini(groups: readonly GroupResult[], dimension: GroupResult['dimension'] = 'province'): number {
	const list = groups.filter((g) => g.dimension === dimension && g.pool > 0);
	const weight = list.reduce((t, g) => t + g.pool, 0);
	const mean = list.reduce((t, g) => t + g.recommendations, 0) / Math.max(weight, 1);
	if (weight === 0 || mean === 0) return 0;
	let sum = 0;
	for (const a of list) for (const b of list) sum += a.pool * b.pool * Math.abs(a.recommendations / a.pool - b.recommendations / b.pool);
	return sum / (2 * weight * weight * mean);
}

/**
 * First come, first served: for a line, the first TOP_K eligible waiting candidates by registration
 * date (then id). Candidates with equal reduced facts are eligible for the same lines (reduceFacts),
 * so a line's list is the earliest TOP_K of the first TOP_K of each eligible group — a scan of every
 * waiting candidate per line took most of a national date's half hour. Lists are kept per line.
 */
export function firstComeLists(candidates: readonly EngineCandidate[]): (line: EngineLine) => Set<string> {
	const waiting = [...candidates].sort(byRegistration);
	const order = new Map(waiting.map((c, i) => [c.id, i]));
	const groups = new Map<string, { facts: CandidateFacts; first: EngineCandidate[] }>();
	for (const c of waiting) {
		let group = groups.get(c.capabilityKey);
		if (!group) {
			group = { facts: c.facts, first: [] };
			groups.set(c.capabilityKey, group);
		}
		if (group.first.length < TOP_K) group.first.push(c);
	}
	// a line can only take groups whose occupation serves its occupation: index them by it
	const byOccupation = new Map<string, { facts: CandidateFacts; first: EngineCandidate[] }[]>();
	for (const group of groups.values())
		for (const occupation of servableOccupations(group.facts.occupation)) {
			const list = byOccupation.get(occupation);
			if (list) list.push(group);
			else byOccupation.set(occupation, [group]);
		}
	const lists = new Map<string, Set<string>>();
	return (line) => {
		let top = lists.get(line.id);
		if (!top) {
			const firsts = (byOccupation.get(line.requirements.occupation) ?? [])
				.filter((g) => isEligible(g.facts, line.requirements))
				.flatMap((g) => g.first);
			firsts.sort((a, b) => (order.get(a.id) as number) - (order.get(b.id) as number));
			top = new Set(firsts.slice(0, TOP_K).map((c) => c.id));
			lists.set(line.id, top);
		}
		return top;
	};
}

/**
 * How the fair solve of a date ended, for the tables: "optimal", or how far from the bound it may
 * be — "rounded, gap N %" (a large model rounded from its relaxation) or "time limit, gap N %" (the
 * solver ran out of time; the best fair assignment found is counted). Gap = (bound − fill) ÷ bound.
 */
export function solveNote(p: Pick<BacktestPoint, 'status' | 'fillableOptimal' | 'fillBound'>): string {
	if (p.status === 'Optimal') return 'optimal';
	const gap = p.fillBound > 0 ? (100 * (p.fillBound - p.fillableOptimal)) / p.fillBound : 0;
	const what = p.status === 'Rounded' ? 'rounded' : p.status === 'Time limit reached' ? 'time limit' : p.status;
	return `${what}, gap ${gap.toFixed(1)} %`;
}

export async function backtestAt(db: Warehouse, date: string, options: Partial<Omit<EngineOptions, 'asOf'>> = {}): Promise<BacktestPoint> {
	const started = performance.now();
	const input = await readMatchingInputAt(db, date);
	const at = dateSql(date);
	const outcomeRows = await queryRows<{ candidate_id: string; line_id: string }>(
		db,
		`SELECT candidate_id, line_id FROM fct_placements WHERE departure_date > ${at} AND departure_date <= ${at} + ${HORIZON_DAYS}`,
	);
	const point = await backtestOn(input, outcomeRows, date, options);
	return { ...point, seconds: (performance.now() - started) / 1000 };
}

/** One date's figures from its input (readMatchingInputAt) and the departures after it. */
export async function backtestOn(
	input: Awaited<ReturnType<typeof readMatchingInputAt>>,
	outcomeRows: readonly { candidate_id: string; line_id: string }[],
	date: string,
	options: Partial<Omit<EngineOptions, 'asOf'>> = {},
): Promise<BacktestPoint> {
	const started = performance.now();
	const { lines, candidates, full } = input;
	const result = await runEngine(candidates, lines, { ...options, asOf: date });
	const lineById = new Map(lines.map((l) => [l.id, l]));
	const waiting = new Map(candidates.map((c) => [c.id, c]));
	const outcomes = outcomeRows.filter((o) => lineById.has(o.line_id) && waiting.has(o.candidate_id));
	const engineTop = new Set(result.recommendations.filter((r) => r.rank <= TOP_K).map((r) => `${r.lineId}|${r.candidateId}`));
	const fcfsList = firstComeLists(candidates);
	let eligibleOutcomes = 0;
	let engineHits = 0;
	let fcfsHits = 0;
	for (const o of outcomes) {
		const line = lineById.get(o.line_id) as EngineLine;
		if (isEligible(full.get(o.candidate_id) as CandidateFacts, line.requirements)) eligibleOutcomes++;
		if (engineTop.has(`${o.line_id}|${o.candidate_id}`)) engineHits++;
		if (fcfsList(line).has(o.candidate_id)) fcfsHits++;
	}
	return {
		date,
		openSlots: result.size.openSlots,
		waiting: result.size.candidates,
		eligible: result.size.eligibleCandidates,
		fillableOptimal: result.fillableOptimal,
		fillableGreedy: result.fillableGreedy,
		fillableUnconstrained: result.fillableUnconstrained,
		status: result.status,
		fillBound: result.fillBound,
		outcomes: outcomes.length,
		outcomesEligible: eligibleOutcomes,
		recallEngine: outcomes.length ? engineHits / outcomes.length : 0,
		recallFcfs: outcomes.length ? fcfsHits / outcomes.length : 0,
		groups: result.groups,
		exposureGini: exposureGini(result.groups),
		seconds: (performance.now() - started) / 1000,
	};
}

/** Quarter ends from `from` to `to` (inclusive), YYYY-MM-DD. */
export function quarterEnds(fromYear: number, toYear: number): string[] {
	const out: string[] = [];
	for (let y = fromYear; y <= toYear; y++) for (const md of ['03-31', '06-30', '09-30', '12-31']) out.push(`${y}-${md}`);
	return out;
}

export async function backtest(db: Warehouse, dates: readonly string[], log: (line: string) => void = () => {}): Promise<BacktestPoint[]> {
	const points: BacktestPoint[] = [];
	for (const date of dates) {
		// One date whose solve fails (e.g. out of time on a busy machine) is reported and skipped:
		// the others still say something.
		const p = await backtestAt(db, date).catch((error: Error) => {
			log(`${date}: failed: ${error.message}`);
			return null;
		});
		if (!p) continue;
		log(
			`${date}: open ${p.openSlots}, fillable fair ${p.fillableOptimal} (${solveNote(p)}) / FCFS ${p.fillableGreedy} / no fairness ${p.fillableUnconstrained}; recall@${TOP_K} engine ${(p.recallEngine * 100).toFixed(0)} % vs FCFS ${(p.recallFcfs * 100).toFixed(0)} % of ${p.outcomes} departures (${p.outcomesEligible} eligible); exposure Gini (provinces) ${p.exposureGini.toFixed(3)}; ${p.seconds.toFixed(1)} s`,
		);
		points.push(p);
	}
	return points;
}
