/**
 * The generator proper: it walks the issue months and, for every job-order line, tells the line's
 * whole story before moving on — the line, then each candidate placed on it (registration,
 * trainings, certifications, application, orientation, departure), then the candidates who applied
 * and were turned down, withdrew or are still waiting. A second pass writes the idle waiting supply:
 * people who registered and never applied. Nothing proportional to the number of rows is kept:
 * per cell, a ring of its last few lines (so a placed candidate's earlier, failed application can
 * point at a real line); everything else is the plan.
 *
 * Coherence is by construction: a candidate is first made to meet the line (gender, age,
 * education, experience, language by registration or a completed course, certificate passed at a
 * body that certifies the scheme), and a rejected applicant is then made to miss exactly the
 * requirement named as the reason. `lacks()` states the rule and is what the tests check.
 */
import { occupations, smkMajors } from '../../common/reference/index.ts';
import { addMonths, daysInMonth, monthStartDay, wholeYears, yearOfDay, yearOfMonth } from './dates.ts';
import { JAVA_PROVINCES, roundWage, type Scheme, typicalWage, wageFloor } from './markets.ts';
import { type Cell, departureLags, educationRank, FIRST_DEPARTURE_MONTH, FIRST_ISSUE_MONTH, type Plan, yearIndex } from './plan.ts';
import { ApplicationRow, CandidateRow, CertificationRow, LineRow, PlacementRow, type RowSink, TrainingRow } from './records.ts';
import { base32of40, Discrete, hashInts, permute40, Rng, STREAM } from './rng.ts';

/** Mean days from a line's issue to a placed candidate's application: applications come early. */
const PLACED_APPLICATION_DELAY = 4;
/** Mean days from issue to the other applications. */
const OTHER_APPLICATION_DELAY = 5;
/** A P-to-P line accepts applications for WINDOW_MIN + Exp(WINDOW_MEAN − WINDOW_MIN) days, unless it expires first. */
const WINDOW_MIN = 20;
const WINDOW_MEAN = 85;
/** Share of lines that close early with no placement that are cancelled rather than closed. */
const CANCEL_SHARE = 0.25;
/** Minimum days between application and departure (medical, visa, contract). */
const MIN_PROCESSING: Readonly<Record<Scheme, number>> = { P2P: 30, G2G: 30, MANDIRI: 10, UKPS: 14 };
/** Expiry: 3, 6, 9 or 12 months after issue. */
const EXPIRY_MONTHS = [3, 6, 9, 12] as const;
const EXPIRY_WEIGHTS = new Discrete([0.35, 0.45, 0, 0.2]);
/** Share of placed candidates who had applied to another line of the same market before, and failed. */
const EARLIER_APPLICATION_SHARE = 0.1;
/**
 * Idle registrations: share fully qualified for the market they want; the rest miss something.
 * None since generator 1.2.0 (issue #15): someone who meets every requirement of the job they
 * registered for applies — an idle registration is one that could not (2 % before).
 */
const IDLE_QUALIFIED_SHARE = 0;
type IdleMiss = 'certificate' | 'language' | 'experience' | 'education';
/** What an unqualified idle registrant lacks first, among the requirements their market has [assumption, docs/data.md §5.14]. */
const IDLE_MISS_WEIGHTS: readonly (readonly [IdleMiss, number])[] = [
	['certificate', 0.65],
	['language', 0.25],
	['experience', 0.06],
	['education', 0.04],
];
/**
 * Share of them who lack a second requirement too (two steps away: not a near miss on a line that
 * asks both). Generator 1.2.0: weights 65 / 25 / 6 / 4 and half with a second miss (55 / 35 and
 * 35 % before), so that the certificate stays the largest part of the national gap once every
 * Taiwan line asks Mandarin (docs/data.md §5.15).
 */
const IDLE_SECOND_MISS = 0.5;
/** Relative weight of markets with no competency barrier (see blocking) in what idle registrants want. */
const IDLE_OPEN_MARKET_WEIGHT = 0.15;

/** Whether (nearly) every line of the market asks a certificate or a language: lacking it keeps a candidate out of the whole market. */
function blocking(cell: Cell): boolean {
	const req = cell.req;
	return (req.certificates.length > 0 && req.certificateProbability >= 0.85) || req.languageProbability >= 0.85;
}

/** Id prefixes: job order, job-order line, training, certification, application, placement. */
type IdPrefix = 'JO' | 'JL' | 'TR' | 'CE' | 'AP' | 'PL';

export type Lack = '' | 'certificate' | 'language' | 'education' | 'experience' | 'age' | 'gender';
type Reason = Exclude<Lack, ''> | 'medical' | 'employer_choice' | 'withdrawn';

/**
 * What an idle registrant who is not qualified for `line` (the market's typical line) lacks, as MISS
 * bits: one requirement drawn by IDLE_MISS_WEIGHTS among those the line has, and with
 * IDLE_SECOND_MISS a second one. In a market where (nearly) every line asks a certificate or a
 * language (`blocking`), what they lack includes that requirement (one of them where both are), so
 * no line of the market takes them.
 */
function idleMisses(r: Rng, cell: Cell, line: LineRow): number {
	const has: Record<IdleMiss, boolean> = {
		certificate: line.required_certificate !== '',
		language: line.required_language !== '',
		experience: line.min_experience_years >= 1,
		education: educationRank(line.min_education) >= 2,
	};
	const draw = (exclude: number): number => {
		let total = 0;
		for (const [k, w] of IDLE_MISS_WEIGHTS) if (has[k] && !(exclude & MISS[k])) total += w;
		if (total === 0) return 0;
		let u = r.float() * total;
		for (const [k, w] of IDLE_MISS_WEIGHTS) {
			if (!has[k] || exclude & MISS[k]) continue;
			if (u < w) return MISS[k];
			u -= w;
		}
		return 0;
	};
	let miss = draw(0);
	if (r.chance(IDLE_SECOND_MISS)) miss |= draw(miss);
	const req = cell.req;
	const blocksCertificate = has.certificate && req.certificateProbability >= 0.85;
	const blocksLanguage = has.language && req.languageProbability >= 0.85;
	// What they lack must include a requirement (nearly) every line asks: lacking the language where
	// only half the lines ask it (Hong Kong's Cantonese) left them eligible for the other half.
	const blocks = (blocksCertificate ? MISS.certificate : 0) | (blocksLanguage ? MISS.language : 0);
	if (blocks !== 0 && !(miss & blocks)) {
		miss |= blocksCertificate && (!blocksLanguage || r.chance(0.5)) ? MISS.certificate : MISS.language;
	}
	return miss;
}

/** Requirements a made-up candidate should miss, as bits (an idle registration may miss several). */
const MISS: Readonly<Record<Exclude<Lack, ''>, number>> = { certificate: 1, language: 2, education: 4, experience: 8, age: 16, gender: 32 };
function missOf(lack: Lack): number {
	return lack === '' ? 0 : MISS[lack];
}

/** Hubs where candidates from elsewhere train: Jakarta, East Java, West Java, Central Java. */
const TRAINING_HUBS = new Discrete([0.35, 0.25, 0.25, 0.15]);
const TRAINING_HUB_CODES = ['31', '35', '32', '33'];
const POPULAR = ['HK', 'TW', 'MY', 'SG', 'JP', 'KR', 'SA'];
const HOUSEHOLD = new Set(['9111', '5311', '5152', '5322', '5321']);

/** What a candidate has, for the requirement checks (one language course and one certificate at most). */
export class CandidateState extends CandidateRow {
	educationRank = 0;
	trainedLanguage = '';
	trainedLevel = 0;
	/** day a completed language course ended, -1 if none */
	trainedEnd = -1;
	certificate = '';
	/** day the certificate was passed, -1 if none */
	certificatePassed = -1;
}

function languageLevelAt(c: CandidateState, code: string, day: number): number {
	let level = c.language_code === code ? c.language_level : 0;
	if (c.trainedLanguage === code && c.trainedEnd >= 0 && c.trainedEnd <= day && c.trainedLevel > level) level = c.trainedLevel;
	return level;
}

/** The first requirement of `line` the candidate does not meet on `day`, or '' if none. */
export function lacks(c: CandidateState, line: LineRow, day: number): Lack {
	if (
		line.required_certificate !== '' &&
		!(c.certificate === line.required_certificate && c.certificatePassed >= 0 && c.certificatePassed <= day)
	) {
		return 'certificate';
	}
	if (line.required_language !== '' && languageLevelAt(c, line.required_language, day) < line.required_language_level) return 'language';
	if (c.educationRank < educationRank(line.min_education)) return 'education';
	if (c.experience_years < line.min_experience_years) return 'experience';
	const age = c.age + wholeYears(c.registered_date, day);
	if (age < line.age_min || age > line.age_max) return 'age';
	if (line.gender_requirement !== 'any' && line.gender_requirement !== c.gender) return 'gender';
	return '';
}

/**
 * A unit of generation with its own id space: the lines issued in one year (with every story on
 * them), or the idle registrations of one year. Shards are independent — ids carry the shard's
 * code and each shard's random streams depend only on its own keys — so they can run in any order
 * or in parallel and the output, written in shard order, is the same.
 */
export interface Shard {
	/** fixed by definition (not by how many shards there are): lines of year Y → Y − 2018, idle of Y → 16 + Y − 2019 */
	readonly index: number;
	readonly kind: 'lines' | 'idle';
	readonly firstMonth: number;
	readonly lastMonth: number;
}

export function shardsFor(untilMonth: number): Shard[] {
	const shards: Shard[] = [];
	for (let year = yearOfMonth(FIRST_ISSUE_MONTH); year <= yearOfMonth(untilMonth); year++) {
		shards.push({
			index: year - 2018,
			kind: 'lines',
			firstMonth: Math.max(FIRST_ISSUE_MONTH, year * 12),
			lastMonth: Math.min(year * 12 + 11, untilMonth),
		});
	}
	for (let year = yearOfMonth(FIRST_DEPARTURE_MONTH); year <= yearOfMonth(untilMonth); year++) {
		shards.push({ index: 16 + year - 2019, kind: 'idle', firstMonth: year * 12, lastMonth: Math.min(year * 12 + 11, untilMonth) });
	}
	return shards;
}

export interface GeneratorCounts {
	lines: number;
	candidates: number;
	trainings: number;
	certifications: number;
	applications: number;
	placements: number;
}

/** Course / attempt plan of a candidate before it is laid out in time. */
interface Preparation {
	languageCourse: boolean;
	languageCompleted: boolean;
	languageLevel: number;
	languageDays: number;
	skillCourse: boolean;
	skillCompleted: boolean;
	skillDays: number;
	/** certification attempts in order; the last may be 'passed' */
	attempts: { scheme: string; result: 'passed' | 'failed' | 'absent' }[];
}

export class Generator {
	private readonly plan: Plan;
	private readonly seed: number;
	private readonly sink: RowSink;
	readonly counts: GeneratorCounts = { lines: 0, candidates: 0, trainings: 0, certifications: 0, applications: 0, placements: 0 };
	// Id counters, per shard; ids are prefix + shard code + counter.
	private shardIndex = 0;
	private readonly prefixes: Record<IdPrefix, string> = { JO: '', JL: '', TR: '', CE: '', AP: '', PL: '' };
	private lineCounter = 0;
	private jobOrderCounter = 0;
	private candidateCounter = 0;
	private trainingCounter = 0;
	private certificationCounter = 0;
	private applicationCounter = 0;
	private placementCounter = 0;
	private readonly candidateKey: number;
	private readonly employerKey: number;
	private readonly candidate = new CandidateState();
	private readonly training = new TrainingRow();
	private readonly certification = new CertificationRow();
	private readonly application = new ApplicationRow();
	private readonly placement = new PlacementRow();
	private readonly recentLines = new Map<number, LineRow[]>();
	private readonly occupationsBySector = new Map<string, string[]>();
	private readonly smkBySector = new Map<string, string[]>();
	private readonly idleCellSamplers = new Map<number, Discrete>();
	private readonly p2pCells: Cell[];
	// One reusable generator per purpose, re-seeded for every story (no allocation per story).
	private readonly lineRng = new Rng(0, 0, 0, 0);
	private readonly placedRng = new Rng(0, 0, 0, 0);
	private readonly applicantRng = new Rng(0, 0, 0, 0);
	private readonly idleRng = new Rng(0, 0, 0, 0);

	constructor(plan: Plan, seed: number, sink: RowSink) {
		this.plan = plan;
		this.seed = seed;
		this.sink = sink;
		this.candidateKey = hashInts([seed, 0xc0ffee]);
		this.employerKey = hashInts([seed, 0xe1e1]);
		for (const o of occupations) {
			const list = this.occupationsBySector.get(o.sector) ?? [];
			list.push(o.isco4);
			this.occupationsBySector.set(o.sector, list);
		}
		for (const m of smkMajors) {
			const sector = occupations.find((o) => o.isco4 === m.isco4_hint)?.sector ?? '';
			const list = this.smkBySector.get(sector) ?? [];
			list.push(m.code);
			this.smkBySector.set(sector, list);
		}
		this.p2pCells = plan.cells.filter((c) => c.scheme === 'P2P');
	}

	/** Generates one shard's rows into the sink. */
	async runShard(shard: Shard): Promise<void> {
		this.shardIndex = shard.index;
		const code = shard.index.toString(36).padStart(2, '0');
		for (const k of Object.keys(this.prefixes) as IdPrefix[]) this.prefixes[k] = `${k}${code}`;
		this.lineCounter = 0;
		this.jobOrderCounter = 0;
		this.candidateCounter = 0;
		this.trainingCounter = 0;
		this.certificationCounter = 0;
		this.applicationCounter = 0;
		this.placementCounter = 0;
		this.recentLines.clear();
		if (shard.kind === 'idle') await this.idleSupply(shard.firstMonth, shard.lastMonth);
		else await this.lines(shard.firstMonth, shard.lastMonth);
	}

	/** prefix + shard code + 9-digit counter, e.g. JL08000001234 (decimal: the fastest to format). */
	private id(prefix: IdPrefix, n: number): string {
		return this.prefixes[prefix] + (1e9 + n).toString().slice(1);
	}

	private async lines(firstMonth: number, lastMonth: number): Promise<void> {
		const plan = this.plan;
		for (let month = firstMonth; month <= lastMonth; month++) {
			const start = monthStartDay(month);
			const days = month === plan.untilMonth ? plan.untilDay - start + 1 : daysInMonth(month);
			const partial = days / daysInMonth(month);
			const yi = yearIndex(yearOfMonth(month));
			let jobOrder:
				| { key: string; id: string; employer: string; agency: string; issue: number; source: LineRow['source']; lines: number }
				| undefined;
			for (const cell of plan.cells) {
				const expected = (cell.byIssueMonth[month - FIRST_ISSUE_MONTH] as number) * plan.factor * partial;
				if (!(expected > 0)) continue;
				const lags = departureLags(cell, month);
				if (!lags) continue;
				const fill = cell.fill[yi] as number;
				let budget = expected / fill;
				const rng = Rng.derive(this.seed, STREAM.cellMonth, month, cell.index);
				let j = 0;
				while (budget > 0) {
					let slots = cell.req.slotsMean <= 1 ? 1 : 1 + Math.floor(rng.exp(cell.req.slotsMean - 0.5));
					if (slots > cell.req.slotsMax) slots = cell.req.slotsMax;
					if (slots > budget) {
						// The last line is kept with probability budget/slots, so expected slots equal the budget.
						if (!rng.chance(budget / slots)) break;
						budget = 0;
					} else budget -= slots;
					const r = this.lineRng.reset(this.seed, STREAM.line, month, cell.index, j);
					const key = `${cell.iso2}|${cell.scheme}`;
					// A job order often has several lines (occupations) for the same employer and day.
					if (!jobOrder || jobOrder.key !== key || jobOrder.lines >= 4 || !r.chance(0.3)) {
						const issue = start + r.int(days);
						jobOrder = {
							key,
							id: this.id('JO', this.jobOrderCounter++),
							employer: this.employer(r, cell),
							agency: cell.scheme === 'P2P' ? plan.agency(r, cell.iso2, issue) : '',
							issue,
							source: sourceOf(r, cell.scheme, yearOfMonth(month)),
							lines: 0,
						};
					}
					jobOrder.lines++;
					this.lineStory(r, cell, month, slots, lags, jobOrder);
					j++;
					if (this.sink.congested) await this.sink.drain?.();
				}
			}
		}
	}

	private employer(r: Rng, cell: Cell): string {
		// [synthetic] a pool per destination, sizes log-uniform so a few employers post many orders.
		const pool = 50 + Math.round((cell.yearly[6] as number) / 4);
		const index = Math.floor(Math.exp(r.float() * Math.log(pool)));
		const countryKey = (cell.iso2.charCodeAt(0) << 8) | cell.iso2.charCodeAt(1);
		return `EM${cell.iso2}${base32of40(permute40(index, this.employerKey ^ countryKey))}`;
	}

	private lineStory(
		r: Rng,
		cell: Cell,
		month: number,
		slots: number,
		lags: { lags: number[]; sampler: Discrete },
		jobOrder: { id: string; employer: string; agency: string; issue: number; source: LineRow['source'] },
	): void {
		const plan = this.plan;
		const req = cell.req;
		const issue = jobOrder.issue;
		const yi = yearIndex(yearOfMonth(month));
		const line = new LineRow();
		line.line_id = this.id('JL', this.lineCounter++);
		line.job_order_id = jobOrder.id;
		line.issued_date = issue;
		line.source = jobOrder.source;
		line.scheme = cell.scheme;
		line.country_iso2 = cell.iso2;
		line.employer_id = jobOrder.employer;
		line.agency_code = jobOrder.agency;
		line.sector = cell.sector;
		line.occupation_isco4 = cell.isco4;
		line.skill_level = cell.skill;
		line.slots = slots;
		line.wage_currency = cell.currency;
		if (req.certificates.length > 0 && r.chance(req.certificateProbability)) {
			line.required_certificate = req.certificates[r.int(req.certificates.length)] as string;
		}
		if (r.chance(req.languageProbability)) {
			line.required_language = req.language;
			line.required_language_level = req.languageLevels[r.int(req.languageLevels.length)] as number;
		}
		line.min_education = req.minEducation;
		line.min_experience_years = r.chance(req.experienceProbability) ? req.experienceYears : 0;
		const g = r.float();
		line.gender_requirement = g < cell.requireF ? 'F' : g < cell.requireF + cell.requireM ? 'M' : 'any';
		line.age_min = req.ageMin;
		line.age_max = req.ageMax;
		// Wages (§7): the legal floor where there is one, else the market's typical wage.
		const floor = wageFloor(cell.iso2, cell.isco4, issue);
		const typical = typicalWage(cell.iso2, cell.isco4, issue);
		if (floor > 0 && typical <= floor * 1.001) {
			line.wage_min = r.chance(0.7) ? floor : Math.max(floor, roundWage(floor * (1 + 0.06 * r.float())));
		} else {
			line.wage_min = Math.max(floor, roundWage(typical * (0.92 + 0.16 * r.float())));
		}
		line.wage_max = Math.max(
			roundWage(line.wage_min * (1.03 + 0.25 * r.float())),
			wageFloor(cell.iso2, cell.isco4, issue + 365),
			line.wage_min,
		);
		const contract = req.contractMonths[r.int(req.contractMonths.length)] as number;

		// Placements on this line, their departures and the application/acceptance that precede them.
		const placed = r.binomial(slots, cell.fill[yi] as number);
		const minProcessing = MIN_PROCESSING[cell.scheme];
		const departures: number[] = [];
		const applied: number[] = [];
		const accepted: number[] = [];
		let lastApplied = issue;
		let lastAccepted = issue;
		for (let k = 0; k < placed; k++) {
			const m = month + (lags.lags[lags.sampler.sample(r)] as number);
			let dep = monthStartDay(m) + r.int(daysInMonth(m));
			if (dep - issue < minProcessing + 5) dep = issue + minProcessing + 5 + r.int(10);
			const app = issue + Math.min(Math.floor(r.exp(PLACED_APPLICATION_DELAY)), dep - issue - minProcessing);
			const room = dep - app - 7;
			const acc = app + Math.min(room, 3 + r.int(19));
			departures.push(dep);
			applied.push(app);
			accepted.push(acc);
			if (app > lastApplied) lastApplied = app;
			if (acc > lastAccepted) lastAccepted = acc;
		}
		// Expiry: 3–12 months, long enough to cover the applications.
		let e = EXPIRY_WEIGHTS.sample(r);
		while (e < EXPIRY_MONTHS.length - 1 && addMonths(issue, EXPIRY_MONTHS[e] as number) <= lastApplied) e++;
		line.expiry_date = addMonths(issue, EXPIRY_MONTHS[e] as number);
		// When the line stops accepting applications, and why.
		let end = issue + Math.max(WINDOW_MIN + Math.floor(r.exp(WINDOW_MEAN - WINDOW_MIN)), lastApplied - issue + 1 + r.int(14));
		let status: LineRow['status'];
		if (placed === slots && placed > 0) {
			status = 'filled';
			end = lastAccepted;
		} else if (end >= line.expiry_date) {
			end = line.expiry_date;
			status = 'closed';
		} else status = placed === 0 && r.chance(CANCEL_SHARE) ? 'cancelled' : 'closed';
		line.window_end = end;
		// The file shows the line as the source saw it on `until`.
		if (end <= plan.untilDay) {
			line.status = status;
			line.status_date = end;
		} else {
			line.status = 'open';
			line.status_date = -1;
		}
		line.updated_day = line.status_date >= 0 ? line.status_date : issue;
		line.updated_second = r.int(86_400);
		this.sink.line(line);
		this.counts.lines++;

		let ring = this.recentLines.get(cell.index);
		if (!ring) {
			ring = [];
			this.recentLines.set(cell.index, ring);
		}
		const earlier = ring.slice();
		ring.push(line);
		if (ring.length > 6) ring.shift();

		for (let k = 0; k < placed; k++) {
			const pr = this.placedRng.reset(this.seed, STREAM.placed, line.issued_date, cell.index, this.lineCounter, k);
			this.placedStory(pr, cell, line, applied[k] as number, accepted[k] as number, departures[k] as number, contract, earlier);
		}
		const others = r.poisson(slots * (cell.otherApplicationsPerSlot[yi] as number));
		const windowDays = end - issue;
		for (let k = 0; k < others; k++) {
			const ar = this.applicantRng.reset(this.seed, STREAM.applicant, line.issued_date, cell.index, this.lineCounter, k);
			const app = issue + Math.min(Math.floor(ar.exp(OTHER_APPLICATION_DELAY)), windowDays);
			this.applicantStory(ar, cell, line, app, status === 'cancelled');
		}
	}

	private placedStory(
		r: Rng,
		cell: Cell,
		line: LineRow,
		appDay: number,
		acceptDay: number,
		depDay: number,
		contract: number,
		earlier: LineRow[],
	): void {
		const until = this.plan.untilDay;
		const c = this.buildCandidate(r, cell, line, yearOfDay(depDay), appDay, depDay, 0, false);
		if (!c) return;
		// Some placed candidates had applied to another line of the same market before — and been turned down for what they lacked then.
		if (earlier.length > 0 && r.chance(EARLIER_APPLICATION_SHARE)) {
			const other = earlier[r.int(earlier.length)] as LineRow;
			const from = Math.max(other.issued_date, c.registered_date + 1);
			const to = Math.min(other.window_end, appDay - 10, until);
			if (to >= from) {
				const day = from + r.int(to - from + 1);
				const lack = lacks(c, other, day);
				const reason: Reason = lack !== '' ? lack : r.chance(0.3) ? 'withdrawn' : 'employer_choice';
				this.emitApplication(r, c, other, day, reason === 'withdrawn' ? 'withdrawn' : 'rejected', day + 3 + r.int(28), reason);
			}
		}
		if (appDay <= until) this.emitApplication(r, c, line, appDay, 'accepted', acceptDay, '');
		// Pre-departure orientation, after acceptance, in the last days before departure.
		const orientationEnd = depDay - 1 - r.int(Math.max(1, Math.min(10, depDay - acceptDay - 2)));
		const orientationStart = Math.max(acceptDay + 1, orientationEnd - r.int(3));
		if (orientationEnd <= until) {
			const t = this.training;
			t.training_id = this.id('TR', this.trainingCounter++);
			t.candidate_id = c.candidate_id;
			t.start_date = orientationStart;
			t.end_date = orientationEnd;
			t.updated_day = orientationEnd;
			t.updated_second = r.int(86_400);
			t.kind = 'orientation';
			t.institution_kind = r.chance(0.7) ? 'BLK' : 'LPK';
			t.institution_province = r.chance(0.85) ? c.province_code : '31';
			t.language_code = '';
			t.language_level = -1;
			t.occupation_isco4 = '';
			t.result = 'completed';
			this.sink.training(t, c);
			this.counts.trainings++;
		}
		if (depDay <= until) {
			const p = this.placement;
			p.placement_id = this.id('PL', this.placementCounter++);
			p.candidate_id = c.candidate_id;
			p.line_id = line.line_id;
			p.departure_date = depDay;
			p.updated_day = depDay;
			p.updated_second = r.int(86_400);
			const floor = wageFloor(cell.iso2, cell.isco4, depDay);
			let wage = roundWage(line.wage_min + (line.wage_max - line.wage_min) * r.float());
			if (wage < floor) wage = floor;
			if (wage < line.wage_min) wage = line.wage_min;
			if (wage > line.wage_max) wage = line.wage_max;
			p.wage = wage;
			p.contract_months = contract;
			const certified = c.certificatePassed >= 0 && c.certificatePassed <= depDay && cell.schemes.includes(c.certificate);
			this.sink.placement(p, line, c, certified);
			this.counts.placements++;
		}
	}

	private applicantStory(r: Rng, cell: Cell, line: LineRow, appDay: number, cancelled: boolean): void {
		// What the applicant lacked: only requirements this line has can be missed.
		const weights: [Reason, number][] = [
			['certificate', line.required_certificate !== '' ? 45 : 0],
			['language', line.required_language !== '' ? 35 : 0],
			['education', educationRank(line.min_education) >= 2 ? 8 : 0],
			['experience', line.min_experience_years >= 1 ? 8 : 0],
			['age', 4],
			['gender', line.gender_requirement !== 'any' ? 2 : 0],
			['medical', 8],
			['employer_choice', 8],
			['withdrawn', 8],
		];
		let total = 0;
		for (const [, w] of weights) total += w;
		let u = r.float() * total;
		let reason: Reason = 'employer_choice';
		for (const [k, w] of weights) {
			if (u < w) {
				reason = k;
				break;
			}
			u -= w;
		}
		if (cancelled && reason !== 'withdrawn') reason = 'employer_choice';
		const lack: Lack = reason === 'medical' || reason === 'employer_choice' || reason === 'withdrawn' ? '' : reason;
		const c = this.buildCandidate(r, cell, line, yearOfDay(appDay), appDay, -1, missOf(lack), false);
		if (!c || appDay > this.plan.untilDay) return;
		const outcomeDay = appDay + 3 + r.int(38);
		this.emitApplication(r, c, line, appDay, reason === 'withdrawn' ? 'withdrawn' : 'rejected', outcomeDay, reason);
	}

	private emitApplication(
		r: Rng,
		c: CandidateState,
		line: LineRow,
		appDay: number,
		outcome: 'accepted' | 'rejected' | 'withdrawn',
		outcomeDay: number,
		reason: string,
	): void {
		const until = this.plan.untilDay;
		if (appDay > until) return;
		const a = this.application;
		a.application_id = this.id('AP', this.applicationCounter++);
		a.candidate_id = c.candidate_id;
		a.line_id = line.line_id;
		a.applied_date = appDay;
		if (outcomeDay <= until) {
			a.outcome = outcome;
			a.outcome_date = outcomeDay;
			a.rejection_reason = outcome === 'accepted' ? '' : reason;
		} else {
			// Not decided by `until`: shortlisted if the agency has looked at it, else pending.
			const shortlistDay = appDay + 2 + r.int(6);
			const shortlisted = outcome !== 'withdrawn' && shortlistDay <= until && r.chance(0.6);
			a.outcome = shortlisted ? 'shortlisted' : 'pending';
			a.outcome_date = shortlisted ? shortlistDay : -1;
			a.rejection_reason = '';
		}
		a.updated_day = a.outcome_date >= 0 ? a.outcome_date : appDay;
		a.updated_second = r.int(86_400);
		this.sink.application(a, line, c);
		this.counts.applications++;
	}

	/**
	 * Makes a candidate who meets `line` on `appDay` except for the requirements in `miss` (MISS
	 * bits), and writes the candidate
	 * with the courses and certification attempts that got them there (those on or before
	 * `until`). Returns undefined if the registration itself is after `until`.
	 *
	 * `forward`: for the idle supply — the story runs forward from the registration day (passed as
	 * `appDay`) instead of backward from an application.
	 */
	private buildCandidate(
		r: Rng,
		cell: Cell,
		line: LineRow,
		year: number,
		appDay: number,
		depDay: number,
		miss: number,
		forward: boolean,
	): CandidateState | undefined {
		const plan = this.plan;
		const until = plan.untilDay;
		const c = this.candidate;
		const yi = yearIndex(year);
		// A keyed permutation of (shard, counter): unique, but says nothing about order or volume.
		c.candidate_id = `C${base32of40(permute40(this.shardIndex * 2 ** 34 + this.candidateCounter, this.candidateKey & 0x7fffffff))}`;
		// Gender: the line's rule, or the market's share; 'gender' applicants are of the other one.
		let female: boolean;
		if (miss & MISS.gender) female = line.gender_requirement === 'M';
		else if (line.gender_requirement !== 'any') female = line.gender_requirement === 'F';
		else female = r.chance(cell.femaleIfAny[yi] as number);
		c.gender = female ? 'F' : 'M';
		c.province_code = plan.province(r, year, cell, female);
		c.regency_code = plan.regency(r, c.province_code);
		const java = JAVA_PROVINCES.has(c.province_code);
		// Education: the fitted distribution, which never goes below the line's minimum.
		const minRank = educationRank(line.min_education);
		let education = plan.education(r, year, cell);
		if (miss & MISS.education)
			education = minRank >= 5 ? 'diploma' : minRank === 4 ? (r.chance(0.5) ? 'sma' : 'smk') : minRank === 3 ? 'smp' : 'sd';
		c.education = education;
		c.educationRank = educationRank(education);
		c.smk_major = '';
		if (education === 'smk') {
			const majors = this.smkBySector.get(cell.sector);
			c.smk_major = majors && r.chance(0.6) ? (majors[r.int(majors.length)] as string) : (smkMajors[r.int(smkMajors.length)]?.code ?? '');
		}
		// Experience.
		const minExp = line.min_experience_years;
		c.experience_years = miss & MISS.experience ? r.int(minExp) : Math.min(40, minExp + Math.floor(r.exp(minExp > 0 ? 2 : 1.2)));
		c.preferred_occupation_isco4 = cell.isco4;
		if (r.chance(0.15)) {
			const same = this.occupationsBySector.get(cell.sector);
			if (same) c.preferred_occupation_isco4 = same[r.int(same.length)] as string;
		}
		// An idle registrant names the market they registered for (the advertised job abroad); applicants
		// may name a few more.
		c.preferred_countries = forward ? cell.iso2 : this.preferredCountries(r, cell.iso2);

		// Language: the level declared at registration, and a course if it is not enough.
		const prep: Preparation = {
			languageCourse: false,
			languageCompleted: false,
			languageLevel: 0,
			languageDays: 45 + r.int(106),
			skillCourse: false,
			skillCompleted: true,
			skillDays: HOUSEHOLD.has(cell.isco4) ? 60 + r.int(51) : 20 + r.int(56),
			attempts: [],
		};
		const code = line.required_language;
		const level = line.required_language_level;
		c.language_code = '';
		c.language_level = -1;
		c.trainedLanguage = '';
		c.trainedLevel = 0;
		c.trainedEnd = -1;
		if (code !== '') {
			let registered: number;
			if (miss & MISS.language) {
				registered = r.int(level);
				const v = r.float();
				if (v < 0.35) {
					prep.languageCourse = true; // dropped out
				} else if (v < 0.6 && level - 1 > registered) {
					prep.languageCourse = true;
					prep.languageCompleted = true;
					prep.languageLevel = level - 1;
				}
			} else if (r.chance(cell.req.languageAtRegistration)) {
				registered = Math.min(6, level + (r.chance(0.2) ? 1 : 0));
			} else {
				registered = r.int(level);
				prep.languageCourse = true;
				prep.languageCompleted = true;
				prep.languageLevel = Math.min(6, level + (r.chance(0.15) ? 1 : 0));
			}
			if (registered > 0) {
				c.language_code = code;
				c.language_level = registered;
			}
			if (prep.languageCourse) c.trainedLanguage = code;
		} else if (r.chance(0.2)) {
			c.language_code = 'en';
			c.language_level = 1 + r.int(2);
		}

		// Certification: the line's certificate passed before applying; 'certificate' applicants did not get it.
		const required = line.required_certificate;
		const attemptShare = java ? 1 : 0.5; // certification is far away for non-Java candidates
		if (required !== '') {
			if (miss & MISS.certificate) {
				const v = r.float();
				const alternatives = cell.schemes.filter((s) => s !== required);
				if (v < 0.35 * attemptShare) prep.attempts.push({ scheme: required, result: r.chance(0.75) ? 'failed' : 'absent' });
				else if (v < 0.45 * attemptShare && alternatives.length > 0) {
					prep.attempts.push({ scheme: alternatives[r.int(alternatives.length)] as string, result: 'passed' });
				}
			} else {
				if (r.chance(0.12)) prep.attempts.push({ scheme: required, result: r.chance(0.75) ? 'failed' : 'absent' });
				prep.attempts.push({ scheme: required, result: 'passed' });
			}
		} else if (
			!(miss & MISS.certificate) &&
			cell.skill === 2 &&
			cell.schemes.length > 0 &&
			r.chance(plan.voluntaryCertification[yi] as number)
		) {
			prep.attempts.push({ scheme: cell.schemes[0] as string, result: 'passed' });
		}
		if (prep.attempts.length > 0) {
			prep.skillCourse = r.chance(0.85);
		} else if (miss & MISS.certificate || r.chance(0.12)) {
			prep.skillCourse = r.chance(0.5);
			prep.skillCompleted = !(miss & MISS.certificate) || r.chance(0.5);
		}

		// Lay the story out in time.
		let languageStart = -1;
		let languageEnd = -1;
		let skillStart = -1;
		let skillEnd = -1;
		const attemptDays: number[] = [];
		let registered: number;
		if (!forward) {
			let t = appDay;
			for (let i = prep.attempts.length - 1; i >= 0; i--) {
				t -= i === prep.attempts.length - 1 ? 5 + r.int(41) : 30 + r.int(61);
				attemptDays[i] = t;
			}
			if (prep.skillCourse) {
				skillEnd = t - 1 - r.int(20);
				skillStart = skillEnd - prep.skillDays;
				t = skillStart;
			}
			if (prep.languageCourse) {
				languageEnd = t - 1 - r.int(20);
				languageStart = languageEnd - prep.languageDays;
				t = languageStart;
			}
			registered = t === appDay ? appDay - 7 - r.int(194) : t - 3 - r.int(58);
		} else {
			registered = appDay;
			let t = registered + 3 + r.int(38);
			if (prep.languageCourse) {
				languageStart = t;
				languageEnd = t + prep.languageDays;
				t = languageEnd + 1 + r.int(20);
			}
			if (prep.skillCourse) {
				skillStart = t;
				skillEnd = t + prep.skillDays;
				t = skillEnd + 1 + r.int(20);
			}
			for (let i = 0; i < prep.attempts.length; i++) {
				t += i === 0 ? 5 + r.int(41) : 30 + r.int(61);
				attemptDays[i] = t;
			}
		}
		if (registered > until) return undefined;
		c.registered_date = registered;
		c.updated_day = registered;
		c.updated_second = r.int(86_400);
		if (prep.languageCourse && prep.languageCompleted) {
			c.trainedLevel = prep.languageLevel;
			c.trainedEnd = languageEnd;
		}
		c.certificate = '';
		c.certificatePassed = -1;
		for (let i = 0; i < prep.attempts.length; i++) {
			const a = prep.attempts[i] as Preparation['attempts'][number];
			if (a.result === 'passed') {
				c.certificate = a.scheme;
				c.certificatePassed = attemptDays[i] as number;
			}
		}

		// Age at registration, so that the age rule holds on the application and departure days.
		const reference = depDay >= 0 ? depDay : appDay;
		if (miss & MISS.age) {
			const tooYoung = line.age_min > 18 && r.chance(0.5);
			const ageAtApp = tooYoung ? Math.max(17, line.age_min - 1 - r.int(2)) : line.age_max + 1 + r.int(4);
			c.age = Math.max(17, ageAtApp - wholeYears(registered, appDay));
		} else {
			const hi = Math.max(line.age_min, line.age_max - 1);
			let target = Math.round(cell.req.ageMean + cell.req.ageSd * r.normal());
			if (target < line.age_min) target = line.age_min + r.int(3);
			if (target > hi) target = hi - r.int(3);
			if (target < line.age_min) target = line.age_min;
			let age = target - wholeYears(registered, reference);
			if (age + wholeYears(registered, forward ? registered : appDay) < line.age_min) age++;
			c.age = Math.max(17, age);
		}

		this.candidateCounter++;
		this.sink.candidate(c);
		this.counts.candidates++;
		if (prep.languageCourse && languageEnd <= until) {
			this.emitTraining(
				r,
				c,
				'language',
				languageStart,
				languageEnd,
				prep.languageCompleted,
				java,
				code,
				prep.languageCompleted ? prep.languageLevel : -1,
				'',
			);
		}
		if (prep.skillCourse && skillEnd <= until) {
			this.emitTraining(r, c, 'skill', skillStart, skillEnd, prep.skillCompleted, java, '', -1, cell.isco4);
		}
		for (let i = 0; i < prep.attempts.length; i++) {
			const day = attemptDays[i] as number;
			if (day > until) continue;
			const a = prep.attempts[i] as Preparation['attempts'][number];
			const x = this.certification;
			x.certification_id = this.id('CE', this.certificationCounter++);
			x.candidate_id = c.candidate_id;
			x.exam_date = day;
			x.updated_day = day;
			x.updated_second = r.int(86_400);
			x.scheme_code = a.scheme;
			x.body_code = plan.body(r, a.scheme, c.province_code);
			x.result = a.result;
			this.sink.certification(x, c);
			this.counts.certifications++;
		}
		return c;
	}

	private emitTraining(
		r: Rng,
		c: CandidateState,
		kind: 'language' | 'skill',
		start: number,
		end: number,
		completed: boolean,
		java: boolean,
		language: string,
		level: number,
		isco: string,
	): void {
		const t = this.training;
		t.training_id = this.id('TR', this.trainingCounter++);
		t.candidate_id = c.candidate_id;
		t.start_date = start;
		t.end_date = end;
		t.updated_day = end;
		t.updated_second = r.int(86_400);
		t.kind = kind;
		const smk = c.education === 'smk' && kind === 'skill' && r.chance(0.35);
		t.institution_kind = smk ? 'SMK' : r.chance(kind === 'language' ? 0.85 : 0.6) ? 'LPK' : 'BLK';
		// Courses are mostly local; candidates from provinces with few institutes go to the Java hubs.
		const local = smk || r.chance(java ? 0.85 : 0.55);
		t.institution_province = local ? c.province_code : (TRAINING_HUB_CODES[TRAINING_HUBS.sample(r)] as string);
		t.language_code = language;
		t.language_level = level;
		t.occupation_isco4 = isco;
		t.result = completed ? 'completed' : 'dropped';
		this.sink.training(t, c);
		this.counts.trainings++;
	}

	private preferredCountries(r: Rng, iso2: string): string {
		const v = r.float();
		if (v < 0.15) return '';
		if (v < 0.4) return iso2;
		let out = iso2;
		const extra = 1 + r.int(2);
		for (let i = 0; i < extra; i++) {
			const other = POPULAR[r.int(POPULAR.length)] as string;
			if (!out.includes(other)) out += `;${other}`;
		}
		return out;
	}

	/**
	 * The idle waiting supply: registrations that never apply. Each wants a market (drawn by
	 * demand, so the big Taiwan care demand attracts many); most lack what that market asks.
	 */
	private async idleSupply(firstMonth: number, lastMonth: number): Promise<void> {
		const plan = this.plan;
		for (let month = firstMonth; month <= lastMonth; month++) {
			const start = monthStartDay(month);
			const days = month === plan.untilMonth ? plan.untilDay - start + 1 : daysInMonth(month);
			const partial = days / daysInMonth(month);
			const year = yearOfMonth(month);
			const yi = yearIndex(year);
			let sampler = this.idleCellSamplers.get(yi);
			if (!sampler) {
				// Registrants follow the demand (slots), leaning to skilled work — the jobs SMK Go Global
				// and the Quick Win advertise; elementary jobs are mostly filled through agencies' own
				// recruiting, not by people registering on their own [assumption].
				sampler = new Discrete(
					this.p2pCells.map(
						(c) =>
							((c.yearly[yi] as number) / (c.fill[yi] as number) || 0) *
							(c.skill >= 2 ? 3 : 0.5) *
							(blocking(c) ? 1 : IDLE_OPEN_MARKET_WEIGHT),
					),
				);
				this.idleCellSamplers.set(yi, sampler);
			}
			const mr = Rng.derive(this.seed, STREAM.waitingMonth, month);
			const n = mr.round((plan.idleMonthly[month - FIRST_DEPARTURE_MONTH] as number) * plan.factor * partial);
			for (let k = 0; k < n; k++) {
				const r = this.idleRng.reset(this.seed, STREAM.waiting, month, k);
				const cell = this.p2pCells[sampler.sample(r)] as Cell;
				// What the market typically asks, drawn as for a line.
				const line = this.typicalLine(r, cell);
				const registered = start + r.int(days);
				// Most registrants lack what the market asks (the competency gap, §12): one requirement
				// — the certificate or the language above all — and some a second one too.
				const miss = r.chance(IDLE_QUALIFIED_SHARE) ? 0 : idleMisses(r, cell, line);
				this.buildCandidate(r, cell, line, year, registered, -1, miss, true);
				if (this.sink.congested) await this.sink.drain?.();
			}
		}
	}

	private readonly scratchLine = new LineRow();

	/** What a market asks: each requirement that a good share (a quarter or more) of its lines have. */
	private typicalLine(r: Rng, cell: Cell): LineRow {
		const req = cell.req;
		const line = this.scratchLine;
		line.required_certificate =
			req.certificates.length > 0 && req.certificateProbability >= 0.25 ? (req.certificates[r.int(req.certificates.length)] as string) : '';
		line.required_language = req.languageProbability >= 0.25 ? req.language : '';
		line.required_language_level = line.required_language !== '' ? (req.languageLevels[r.int(req.languageLevels.length)] as number) : -1;
		line.min_education = req.minEducation;
		line.min_experience_years = req.experienceProbability >= 0.25 ? req.experienceYears : 0;
		line.gender_requirement = 'any';
		line.age_min = req.ageMin;
		line.age_max = req.ageMax;
		return line;
	}
}

function sourceOf(r: Rng, scheme: Scheme, year: number): LineRow['source'] {
	if (scheme === 'G2G') return 'g2g';
	// Missions abroad legalise some orders (MANDIRI) and, from 2025, issue job orders (§12, 14 Jul 2025).
	if (scheme === 'MANDIRI') return r.chance(0.3) ? 'embassy' : 'siskop2mi';
	if (scheme === 'P2P') return r.chance(year >= 2025 ? 0.08 : 0.03) ? 'embassy' : 'siskop2mi';
	return 'siskop2mi';
}
