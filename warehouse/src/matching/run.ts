/**
 * runMatching(db): one run of the matching engine on what the warehouse holds now — the lines open
 * and the candidates waiting at the as-of date, read from the rollups (agg_job_order_lines,
 * agg_candidate_profile, whose capability columns are the candidate's facts reduced without
 * changing any eligibility) — stored in match_runs, match_markets, match_groups and
 * match_recommendations (migration 0012), and the training planner's plan on the same data in
 * match_plan and match_plan_runs (migration 0015). Called after the rollups are refreshed, at start and
 * after every load (scripts/stack.ts). Keeps the recommendations of the latest KEEP_RUNS runs.
 */
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { queryRows, type Warehouse } from '../client.ts';
import type { ClickHouseEndpoint } from '../endpoint.ts';
import { sqlString } from '../sql-literal.ts';
import { queryTsv, tsvNumbers, tsvString, tsvStrings } from '../tsv.ts';
import { readBudget } from './budget.ts';
import type { CandidateFacts } from './eligibility.ts';
import type { EngineCandidate, EngineLine, EngineOptions, EngineResult } from './engine.ts';
import { highsModule } from './linear-model.ts';
import type { CertificationBody, PlannerOptions, PlanResult } from './planner.ts';

const KEEP_RUNS = 3;

interface LineRow {
	line_id: string;
	issued: string;
	sector: string;
	open_now: number;
	wage_mid_usd: number;
	occupation_isco4: string;
	country_iso2: string;
	required_certificate: string;
	required_language: string;
	required_language_level: number;
	min_education_rank: number;
	min_experience_years: number;
	gender_requirement: string;
	age_min: number;
	age_max: number;
}

/** The open lines (open_now > 0), optionally narrowed by a SQL condition on agg_job_order_lines. */
export async function readOpenLines(db: Warehouse, where = '1'): Promise<EngineLine[]> {
	const lineRows = await queryRows<LineRow>(
		db,
		`SELECT line_id, toString(issued_date) AS issued, sector, open_now, wage_mid_usd, occupation_isco4, country_iso2,
			required_certificate, required_language, required_language_level, min_education_rank, min_experience_years,
			gender_requirement, age_min, age_max
		FROM agg_job_order_lines WHERE open_now > 0 AND (${where})`,
	);
	return lineRows.map((r) => ({
		id: r.line_id,
		issued: r.issued,
		sector: r.sector,
		open: Number(r.open_now),
		wageUsd: Number(r.wage_mid_usd),
		requirements: {
			occupation: r.occupation_isco4,
			country: r.country_iso2,
			certificate: r.required_certificate,
			language: r.required_language,
			languageLevel: Number(r.required_language_level),
			educationRank: Number(r.min_education_rank),
			experienceYears: Number(r.min_experience_years),
			gender: r.gender_requirement,
			ageMin: Number(r.age_min),
			ageMax: Number(r.age_max),
		},
	}));
}

/**
 * The waiting candidates (agg_candidate_profile, available = 1) with the facts the one eligibility
 * reads, optionally narrowed by a SQL condition on agg_candidate_profile (e.g. a province).
 */
export async function readWaitingCandidates(db: Warehouse, where = '1'): Promise<EngineCandidate[]> {
	// The candidate's own order of destinations is agg_candidate_profile's named_countries (the
	// rollup reads fct_candidates anyway); preferred_countries, sorted and distinct, scores the same
	// when there is at most one. (Before, the order was read by joining fct_candidates for the
	// waiting candidates who named two or more: about 8 s of the national read at load 15;
	// docs/matching.md "Scale".)
	// TabSeparated, not JSONEachRow, and the facts built once per capability group (candidates with
	// equal capability_key have equal cap_* columns, the key is their hash) and shared by its
	// members: nationally 571,990 rows, whose JSON objects and per-candidate facts took seconds.
	const rows = await queryTsv(
		db,
		`SELECT candidate_id, toString(registered_date), province_code, gender, education_rank,
			if(length(preferred_countries) >= 2, named_countries, preferred_countries),
			toString(capability_key), preferred_occupation_isco4,
			cap_countries, cap_certificates, cap_languages, cap_language_levels, cap_education_rank, cap_experience_years,
			cap_gender, cap_age
		FROM agg_candidate_profile WHERE available = 1 AND (${where})`,
	);
	const factsOf = new Map<string, CandidateFacts>();
	return rows.map((r) => {
		const capabilityKey = r[6] as string;
		let facts = factsOf.get(capabilityKey);
		if (!facts) {
			const levels = tsvNumbers(r[11] as string);
			facts = {
				occupation: tsvString(r[7] as string),
				countries: tsvStrings(r[8] as string),
				certificates: tsvStrings(r[9] as string),
				languages: new Map(tsvStrings(r[10] as string).map((l, i) => [l, levels[i] ?? 0])),
				educationRank: Number(r[12]),
				experienceYears: Number(r[13]),
				gender: tsvString(r[14] as string),
				age: Number(r[15]),
			};
			factsOf.set(capabilityKey, facts);
		}
		return {
			id: tsvString(r[0] as string),
			registered: r[1] as string,
			province: tsvString(r[2] as string),
			gender: tsvString(r[3] as string),
			educationRank: Number(r[4]),
			preferredCountries: tsvStrings(r[5] as string),
			capabilityKey,
			facts,
		};
	});
}

/** The as-of date of the rollups: lines open and candidates waiting then. */
export async function readAsOf(db: Warehouse): Promise<string> {
	const [asOfRow] = await queryRows<{ as_of: string }>(db, 'SELECT toString(as_of) AS as_of FROM agg_as_of');
	return String(asOfRow?.as_of);
}

export async function readMatchingInput(db: Warehouse): Promise<{ asOf: string; lines: EngineLine[]; candidates: EngineCandidate[] }> {
	const [asOf, lines, candidates] = await Promise.all([readAsOf(db), readOpenLines(db), readWaitingCandidates(db)]);
	return { asOf, lines, candidates };
}

/** The certification bodies with the schemes they assess (dim_certification_bodies, common/reference). */
export async function readCertificationBodies(db: Warehouse): Promise<CertificationBody[]> {
	const rows = await queryRows<{ body_code: string; province_code: string; annual_capacity: number; schemes: string[] }>(
		db,
		`SELECT body_code, province_code, annual_capacity, schemes
		FROM dim_certification_bodies
		ANY LEFT JOIN (SELECT body_code, groupArray(scheme_code) AS schemes FROM dim_certification_body_schemes GROUP BY body_code) USING body_code
		ORDER BY body_code`,
	);
	return rows.map((r) => ({
		code: r.body_code,
		province: r.province_code,
		annualCapacity: Number(r.annual_capacity),
		schemes: r.schemes ?? [],
	}));
}

export interface MatchingRun {
	runId: string;
	asOf: string;
	result: EngineResult;
	/** null when the planner failed (logged; the run is stored without a plan) */
	plan: PlanResult | null;
}

/**
 * What the worker thread (worker.ts) is given: the lines, candidates and certification bodies, or
 * where to read them (`read`: the worker reads them itself, readMatchingInput and
 * readCertificationBodies, as of the warehouse's as-of date).
 */
export type WorkerInput = (
	| {
			candidates: EngineCandidate[];
			lines: EngineLine[];
			bodies: CertificationBody[];
			engine: Partial<EngineOptions> & { asOf: string };
	  }
	| { read: ClickHouseEndpoint; engine: Partial<Omit<EngineOptions, 'asOf'>> }
) & {
	/** null: no plan */
	planner: Partial<PlannerOptions> | null;
	/**
	 * the worker thread's nice value (0–19, higher = lower CPU priority), set by the thread on itself:
	 * on Linux a nice value is a thread's own, so the caller's event loop keeps its priority; elsewhere
	 * it would apply to the whole process, so it is set on Linux only (after-load.ts BackgroundMatching)
	 */
	nice?: number;
};

/** What solveInWorker hands the worker: its input and HiGHS's compiled WebAssembly. */
export type WorkerData = WorkerInput & { highs: WebAssembly.Module };

/** What the worker read (with `read`), or was given. */
export interface WorkerRead {
	asOf: string;
	lines: number;
	candidates: number;
	/** reading the input, in the worker (0 when it was given) */
	seconds: number;
}

/**
 * The engine (and then the planner) in a worker thread: the caller's event loop keeps serving while
 * HiGHS solves — and, given `read`, while the worker reads the input (at national scale 564,105
 * candidates' JSON parsed over 16–83 s, which in the caller held its event loop up to 0.6 s at a
 * time, docs/matching.md). The worker (worker-entry.mjs) loads worker.ts through tsx's API.
 */
export function solveInWorker(input: WorkerInput): {
	read: Promise<WorkerRead>;
	engine: Promise<EngineResult>;
	plan: Promise<PlanResult>;
} {
	// HiGHS compiled once in this process and shared with every worker (linear-model.ts highsModule):
	// each matching run's worker then starts from the code V8 has optimised in the runs before
	const workerData: WorkerData = { ...input, highs: highsModule() };
	const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), { workerData });
	let settleRead: { resolve: (r: WorkerRead) => void; reject: (e: Error) => void } | undefined;
	let settleEngine: { resolve: (r: EngineResult) => void; reject: (e: Error) => void } | undefined;
	let settlePlan: { resolve: (r: PlanResult) => void; reject: (e: Error) => void } | undefined;
	const read = new Promise<WorkerRead>((resolve, reject) => {
		settleRead = { resolve, reject };
	});
	const engine = new Promise<EngineResult>((resolve, reject) => {
		settleEngine = { resolve, reject };
	});
	const plan = new Promise<PlanResult>((resolve, reject) => {
		settlePlan = { resolve, reject };
	});
	// a plan nobody awaits (no planner, or the engine failed) must not be an unhandled rejection;
	// nor a read whose failure the caller learns from the engine
	plan.catch(() => {});
	read.catch(() => {});
	const fail = (error: Error) => {
		settleRead?.reject(error);
		settleEngine?.reject(error);
		settlePlan?.reject(error);
	};
	worker.on('message', (m: { read?: WorkerRead; engine?: EngineResult; error?: string; plan?: PlanResult; planError?: string }) => {
		if (m.read) settleRead?.resolve(m.read);
		else if (m.engine) settleEngine?.resolve(m.engine);
		else if (m.error !== undefined) fail(new Error(m.error));
		else if (m.plan) settlePlan?.resolve(m.plan);
		else if (m.planError !== undefined) settlePlan?.reject(new Error(m.planError));
	});
	worker.on('error', fail);
	worker.on('exit', (code) => fail(new Error(`the matching worker stopped (exit code ${code}) before it answered`)));
	if (!input.planner) settlePlan?.reject(new Error('no planner asked for'));
	return { read, engine, plan };
}

const dateTime = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');

/**
 * Runs the engine on the warehouse's current state and stores the run. With `read` (the endpoint
 * `db` connects to), the worker thread reads the input itself: this process's event loop (in the
 * stack, the one answering the ingest API) stays free while it does; without, it is read here.
 */
export async function runMatching(
	db: Warehouse,
	log: (line: string) => void = () => {},
	options: Partial<Omit<EngineOptions, 'asOf'>> & { planner?: Partial<PlannerOptions>; read?: ClickHouseEndpoint; nice?: number } = {},
): Promise<MatchingRun> {
	const started = performance.now();
	const { planner: given, read, nice, ...engineOptions } = options;
	// the seat budget: the caller's, else the ministry's stored one (budget.ts), else the planner's default
	const budget = given?.seats ? null : await readBudget(db);
	const planner: Partial<PlannerOptions> = { ...given, ...(budget ? { seats: budget.seats } : {}) };
	const budgetSource = given?.seats ? 'given' : (budget?.source ?? 'default');
	const solving = read
		? solveInWorker({ read, engine: engineOptions, planner, nice })
		: await (async () => {
				const [{ asOf, lines, candidates }, bodies] = await Promise.all([readMatchingInput(db), readCertificationBodies(db)]);
				return solveInWorker({ candidates, lines, bodies, engine: { ...engineOptions, asOf }, planner, nice });
			})();
	const input = await solving.read;
	const { asOf } = input;
	const result = await solving.engine;
	// the engine's run time (reading and solving), without the planner's (match_plan_runs.seconds)
	const seconds = (performance.now() - started) / 1000;
	const now = new Date();
	const runId = `${now.getTime()}-${randomBytes(3).toString('hex')}`;

	// Every column is given: 18.16 fills omitted JSONEachRow fields with the type's default.
	if (result.recommendations.length > 0) {
		await db.insert({
			table: 'match_recommendations',
			values: result.recommendations.map((r) => ({
				run_id: runId,
				line_id: r.lineId,
				candidate_id: r.candidateId,
				rank: r.rank,
				is_primary: r.primary ? 1 : 0,
				score: r.score,
			})),
			format: 'JSONEachRow',
		});
	}
	if (result.cells.length > 0) {
		await db.insert({
			table: 'match_markets',
			values: result.cells.map((c) => ({
				run_id: runId,
				country_iso2: c.country,
				occupation_isco4: c.occupation,
				open_slots: c.openSlots,
				eligible_candidates: c.eligibleCandidates,
				fillable_optimal: c.fillableOptimal,
				fillable_greedy: c.fillableGreedy,
				fillable_unconstrained: c.fillableUnconstrained,
				recommendations: c.recommendations,
			})),
			format: 'JSONEachRow',
		});
	}
	if (result.groups.length > 0) {
		await db.insert({
			table: 'match_groups',
			values: result.groups.map((g) => ({
				run_id: runId,
				dimension: g.dimension,
				group_code: g.group,
				pool: g.pool,
				recommendations: g.recommendations,
			})),
			format: 'JSONEachRow',
		});
	}
	// the run row last: a run is visible (Cube reads the latest run) only once its parts are stored
	await db.insert({
		table: 'match_runs',
		values: [
			{
				run_id: runId,
				run_at: dateTime(now),
				as_of: asOf,
				seconds,
				solver_status: result.status,
				// the configuration, and the size of the largest model solved (no column of its own: a
				// migration for them waits for the migration numbers of other branches, docs/matching.md)
				fairness: JSON.stringify({
					...(result.fairness ? { dimensions: result.fairness.dimensions, tolerance: result.fairness.tolerance } : { dimensions: null }),
					model_rows: result.size.rows,
					model_columns: result.size.columns,
					model_nonzeros: result.size.nonzeros,
					fill_bound: result.fillBound,
				}),
				recommendations_per_slot: result.recommendationsPerSlot,
				lines: result.size.lines,
				open_slots: result.size.openSlots,
				candidates: result.size.candidates,
				line_profiles: result.size.lineProfiles,
				candidate_profiles: result.size.candidateProfiles,
				eligible_pairs: result.size.eligiblePairs,
				eligible_candidates: result.size.eligibleCandidates,
				fillable_optimal: result.fillableOptimal,
				fillable_greedy: result.fillableGreedy,
				fillable_unconstrained: result.fillableUnconstrained,
				recommendations: result.recommendations.length,
			},
		],
		format: 'JSONEachRow',
	});
	// The training planner on the same lines and candidates (docs/matching.md "Training planner"),
	// stored after the run: the engine's figures are visible without waiting for the planner (at
	// national scale minutes longer); the plan cubes show the latest run's plan once it is stored
	// (match_plan_runs last), and nothing of an older run meanwhile. A failing plan is logged and
	// the run stays without one.
	const plan = await solving.plan.catch((error: Error) => {
		log(`Training planner failed: ${error.message}`);
		return null;
	});
	if (plan && plan.rows.length > 0) {
		await db.insert({
			table: 'match_plan',
			values: plan.rows.map((r) => ({
				run_id: runId,
				province_code: r.province,
				kind: r.kind,
				code: r.code,
				level: r.level,
				plan_seats: r.plan.seats,
				plan_candidates: r.plan.candidates,
				plan_slots: r.plan.slots,
				proportional_seats: r.proportional.seats,
				proportional_candidates: r.proportional.candidates,
				proportional_slots: r.proportional.slots,
			})),
			format: 'JSONEachRow',
		});
	}
	if (plan)
		await db.insert({
			table: 'match_plan_runs',
			values: [
				{
					run_id: runId,
					budget: plan.budget,
					seats: JSON.stringify(plan.seats),
					capacity_share: plan.capacityShare,
					near_candidates: plan.nearCandidates,
					base_fillable: plan.baseFillable,
					plan_fillable: plan.planFillable,
					plan_bound: plan.planBound,
					proportional_fillable: plan.proportionalFillable,
					upper_bound_fillable: plan.upperBoundFillable,
					seconds: plan.seconds,
					solver_status: plan.status,
					budget_set_at: budget?.setAt ?? '1970-01-01 00:00:00',
					budget_source: budgetSource,
				},
			],
			format: 'JSONEachRow',
		});
	const old = await queryRows<{ run_id: string }>(
		db,
		`SELECT run_id FROM match_runs ORDER BY run_at DESC, run_id DESC LIMIT 1000 OFFSET ${KEEP_RUNS}`,
	);
	const kept = new Set(
		(
			await queryRows<{ p: string }>(
				db,
				"SELECT DISTINCT partition AS p FROM system.parts WHERE database = currentDatabase() AND table = 'match_recommendations' AND active",
			)
		).map((r) => r.p),
	);
	for (const { run_id } of old) {
		if ([...kept].some((p) => p.includes(run_id)))
			await db.command({ query: `ALTER TABLE match_recommendations DROP PARTITION ${sqlString(run_id)}` });
	}
	if (plan)
		log(
			`Training planner: ${plan.budget} seats (budget: ${budgetSource}) make ${plan.planFillable - plan.baseFillable} more slots fillable (proportional allocation ${plan.proportionalFillable - plan.baseFillable}; no plan more than ${plan.planBound - plan.baseFillable}); ${plan.nearCandidates} candidates one training away; ${plan.status}; ${plan.seconds.toFixed(1)} s`,
		);
	log(
		`Matching: ${result.fillableOptimal} of ${result.size.openSlots} open slots fillable (first come first served ${result.fillableGreedy}, without fairness ${result.fillableUnconstrained}); ${result.size.lineProfiles} x ${result.size.candidateProfiles} nodes, ${result.size.eligiblePairs} eligible pairs; model ${result.size.rows} rows x ${result.size.columns} columns, ${result.size.nonzeros} nonzeros; ${result.status}; ${seconds.toFixed(1)} s${read ? ` (reading the input in the worker: ${input.seconds.toFixed(1)} s)` : ''}; engine steps (wall/CPU s): ${Object.entries(
			result.steps,
		)
			.map(([name, t]) => `${name} ${t.seconds.toFixed(1)}/${t.cpuSeconds.toFixed(1)}`)
			.join(', ')}`,
	);
	return { runId, asOf, result, plan };
}
