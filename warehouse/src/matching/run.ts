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
import type { Worker } from 'node:worker_threads';
import { queryRows, type Warehouse } from '../client.ts';
import type { ClickHouseEndpoint } from '../endpoint.ts';
import { sqlString } from '../sql-literal.ts';
import { tsWorker } from '../ts-worker.ts';
import { forEachTsvRow, queryTsv, tsvNumbers, tsvString, tsvStrings } from '../tsv.ts';
import { readBudget } from './budget.ts';
import type { CandidateFacts } from './eligibility.ts';
import {
	type EngineCandidate,
	type EngineLine,
	type EngineOptions,
	type EngineResult,
	inWaitingOrder,
	type Recommendation,
	sameFacts,
} from './engine.ts';
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

/** The columns of a waiting candidate the engine reads (agg_candidate_profile), in readCandidateRows' order. */
const CANDIDATE_COLUMNS = `candidate_id, toString(registered_date), province_code, gender, education_rank,
			if(length(preferred_countries) >= 2, named_countries, preferred_countries),
			toString(capability_key), preferred_occupation_isco4,
			cap_countries, cap_certificates, cap_languages, cap_language_levels, cap_education_rank, cap_experience_years,
			cap_gender, cap_age`;

/**
 * The incremental read (readWaitingCandidatesSince) splits the candidates into this many buckets
 * of candidate_id and compares each bucket's count and sum of agg_candidate_profile's
 * matching_row_hash (a hash of the id and of every column above, stored when the rollup is built)
 * with those of the rows it keeps: nationally ≈ 35 waiting candidates a bucket, so a batch of 1,000
 * candidates names ≈ 1,000 buckets, ≈ 35,000 ids and hashes to scan.
 */
export const READ_BUCKETS = 16_384;
const BUCKET_OF = `cityHash64(candidate_id) % ${READ_BUCKETS}`;

/**
 * The waiting candidates' rows (with `where`) in waiting order (engine.ts inWaitingOrder: the
 * engine then only checks it), each with its row hash and bucket when `hashes` (the incremental
 * read's; else '' and 0: the officer's detail path reads through a view of the allowed columns,
 * web-access.ts, which has no matching_row_hash). `factsOf`: the facts kept per capability group,
 * shared with the rows read (and added to).
 */
async function readCandidateRows(
	db: Warehouse,
	where: string,
	factsOf: Map<string, CandidateFacts>,
	hashes = true,
): Promise<{ candidates: EngineCandidate[]; hashes: string[]; buckets: number[]; built: Map<string, CandidateFacts> }> {
	// TabSeparated, not JSONEachRow, and the facts built once per capability group (candidates with
	// equal capability_key have equal cap_* columns, the key is their hash) and shared by its
	// members: nationally 571,990 rows, whose JSON objects and per-candidate facts took seconds.
	// Sorted by ClickHouse: the engine's own sort of 571,990 candidates took ≈ 1 s.
	/** facts built from these rows (the caller may compare them with kept ones) */
	const built = new Map<string, CandidateFacts>();
	const rowHashes: string[] = [];
	const buckets: number[] = [];
	const candidates: EngineCandidate[] = [];
	// each row made a candidate as the answer streams in (forEachTsvRow): at 10× scale the answer
	// as one string was longer than V8 allows
	await forEachTsvRow(
		db,
		`SELECT ${CANDIDATE_COLUMNS}, ${hashes ? `toString(matching_row_hash), ${BUCKET_OF}` : "'', 0"}
		FROM agg_candidate_profile WHERE available = 1 AND (${where})
		ORDER BY registered_date, candidate_id`,
		(r) => {
			const capabilityKey = r[6] as string;
			let facts = built.get(capabilityKey);
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
				const kept = factsOf.get(capabilityKey);
				if (kept && sameFacts(kept, facts)) facts = kept;
				else factsOf.set(capabilityKey, facts);
				built.set(capabilityKey, facts);
			}
			rowHashes.push(r[16] as string);
			buckets.push(Number(r[17]));
			candidates.push({
				id: tsvString(r[0] as string),
				registered: r[1] as string,
				province: tsvString(r[2] as string),
				gender: tsvString(r[3] as string),
				educationRank: Number(r[4]),
				preferredCountries: tsvStrings(r[5] as string),
				capabilityKey,
				facts,
			});
		},
	);
	return { candidates, hashes: rowHashes, buckets, built };
}

/**
 * The waiting candidates (agg_candidate_profile, available = 1) with the facts the one eligibility
 * reads, optionally narrowed by a SQL condition on agg_candidate_profile (e.g. a province), in
 * waiting order.
 */
export async function readWaitingCandidates(db: Warehouse, where = '1'): Promise<EngineCandidate[]> {
	// The candidate's own order of destinations is agg_candidate_profile's named_countries (the
	// rollup reads fct_candidates anyway); preferred_countries, sorted and distinct, scores the same
	// when there is at most one. (Before, the order was read by joining fct_candidates for the
	// waiting candidates who named two or more: about 8 s of the national read at load 15;
	// docs/matching.md "Scale".)
	return (await readCandidateRows(db, where, new Map(), false)).candidates;
}

/** One bucket of candidate ids (READ_BUCKETS) as the incremental read keeps it. */
interface KeptBucket {
	ids: Set<string>;
	/** the sum of their matching_row_hash modulo 2^64, as ClickHouse sums a UInt64 column */
	sum: bigint;
}

/**
 * What the incremental read keeps between runs (in the matching worker, run.ts solveInWorker): the
 * waiting candidates in waiting order, each one's row hash (matching_row_hash, decimal) and the
 * buckets they fall in, the facts per capability group, and which warehouse and as-of date they
 * are of.
 */
export interface CandidateReadCache {
	source: string;
	asOf: string;
	candidates: EngineCandidate[];
	hashOf: Map<string, string>;
	bucketOf: Map<number, KeptBucket>;
	factsOf: Map<string, CandidateFacts>;
}

const U64 = (1n << 64n) - 1n;

/** Keeps one candidate's row (id, hash, bucket) in the cache's hashes and buckets. */
function keepRow(cache: CandidateReadCache, id: string, hash: string, bucket: number): void {
	let kept = cache.bucketOf.get(bucket);
	if (!kept) {
		kept = { ids: new Set(), sum: 0n };
		cache.bucketOf.set(bucket, kept);
	}
	kept.ids.add(id);
	kept.sum = (kept.sum + BigInt(hash)) & U64;
	cache.hashOf.set(id, hash);
}

/** Above this many new, changed or withdrawn candidates the whole set is read again (nationally 571,990). */
export const INCREMENTAL_READ_LIMIT = 50_000;

/** How many changed candidates one query of the incremental read re-reads (≈ 65 KB of ids). */
export const INCREMENTAL_READ_CHUNK = 5_000;

/** Two lists in waiting order merged into one. */
function mergeWaiting(a: readonly EngineCandidate[], b: readonly EngineCandidate[]): EngineCandidate[] {
	const out: EngineCandidate[] = new Array(a.length + b.length);
	let i = 0;
	let j = 0;
	let k = 0;
	while (i < a.length && j < b.length) {
		const x = a[i] as EngineCandidate;
		const y = b[j] as EngineCandidate;
		const xFirst = x.registered < y.registered || (x.registered === y.registered && x.id < y.id);
		out[k++] = xFirst ? x : y;
		if (xFirst) i++;
		else j++;
	}
	while (i < a.length) out[k++] = a[i++] as EngineCandidate;
	while (j < b.length) out[k++] = b[j++] as EngineCandidate;
	return out;
}

/**
 * The waiting candidates, as readWaitingCandidates reads them, re-reading only the rows that changed
 * since `cache` (kept from the previous run). ClickHouse sums agg_candidate_profile's
 * matching_row_hash (stored when the rollup is built: a hash of the id and of every column read)
 * per bucket of candidate_id (READ_BUCKETS); the buckets whose count or sum differ from the kept
 * rows' are scanned for their ids and hashes, the rows whose hash is new or changed are re-read,
 * and the kept candidates of those buckets no longer there are dropped. So a small batch costs
 * one aggregate over the table and a few thousand short rows, not every waiting candidate's id and
 * hash in JavaScript (nationally 571,990: ≈ 1.7 s of parsing).
 *
 * A full read (the cache rebuilt) without a cache, when the warehouse or the as-of date differ (every
 * age and wait moves with it), when more than INCREMENTAL_READ_LIMIT rows differ, when an id shows
 * twice, or when a re-read group's facts differ from the kept ones under the same capability key.
 * Returns the cache to keep (the same object, updated), how many rows were re-read and how many
 * ids and hashes were scanned. The changed rows are read `chunk` ids at a time: ClickHouse refuses
 * a query text over `max_query_size` (256 KiB by default), ≈ 20,000 quoted ids.
 */
export async function readWaitingCandidatesSince(
	db: Warehouse,
	source: string,
	asOf: string,
	cache: CandidateReadCache | null,
	chunk = INCREMENTAL_READ_CHUNK,
): Promise<{ cache: CandidateReadCache; read: 'full' | 'incremental'; rows: number; scanned: number }> {
	const full = async () => {
		const factsOf = new Map<string, CandidateFacts>();
		const { candidates, hashes, buckets } = await readCandidateRows(db, '1', factsOf);
		const fresh: CandidateReadCache = { source, asOf, candidates, hashOf: new Map(), bucketOf: new Map(), factsOf };
		for (let i = 0; i < candidates.length; i++)
			keepRow(fresh, (candidates[i] as EngineCandidate).id, hashes[i] as string, buckets[i] as number);
		// a candidate id twice (not expected of the rollup): no incremental read can keep that exactly
		if (fresh.hashOf.size !== candidates.length) {
			fresh.hashOf.clear();
			fresh.bucketOf.clear();
		}
		return { cache: fresh, read: 'full' as const, rows: candidates.length, scanned: 0 };
	};
	if (!cache || cache.source !== source || cache.asOf !== asOf || cache.hashOf.size !== cache.candidates.length) return full();
	// the buckets whose rows differ from the kept ones (new, changed or gone)
	const sums = await queryTsv(
		db,
		`SELECT ${BUCKET_OF} AS bucket, count(), sum(matching_row_hash) FROM agg_candidate_profile WHERE available = 1 GROUP BY bucket`,
	);
	const differ = new Set<number>();
	const seen = new Set<number>();
	for (const [b, count, sum] of sums) {
		const bucket = Number(b);
		seen.add(bucket);
		const kept = cache.bucketOf.get(bucket);
		if (!kept || kept.ids.size !== Number(count) || kept.sum.toString() !== sum) differ.add(bucket);
	}
	for (const [bucket, kept] of cache.bucketOf) if (!seen.has(bucket) && kept.ids.size > 0) differ.add(bucket);
	if (differ.size === 0) return { cache, read: 'incremental', rows: 0, scanned: 0 };
	// their ids and hashes (every bucket's when most differ: the list would be longer than the scan)
	const inBuckets = differ.size > READ_BUCKETS / 4 ? '1' : `${BUCKET_OF} IN (${[...differ].join(', ')})`;
	const scan = await queryTsv(
		db,
		`SELECT candidate_id, toString(matching_row_hash) FROM agg_candidate_profile WHERE available = 1 AND ${inBuckets}`,
	);
	const now = new Set<string>();
	const changed: string[] = [];
	for (const r of scan) {
		const id = tsvString(r[0] as string);
		if (now.has(id)) return full();
		now.add(id);
		if (cache.hashOf.get(id) !== r[1]) changed.push(id);
	}
	const gone = new Set<string>(changed);
	/** the kept candidates of the buckets scanned, and their bucket */
	const keptIn = new Map<string, number>();
	for (const bucket of inBuckets === '1' ? cache.bucketOf.keys() : differ)
		for (const id of cache.bucketOf.get(bucket)?.ids ?? []) {
			keptIn.set(id, bucket);
			if (!now.has(id)) gone.add(id);
		}
	if (gone.size > INCREMENTAL_READ_LIMIT) return full();
	if (gone.size === 0) return { cache, read: 'incremental', rows: 0, scanned: scan.length };
	const factsOf = new Map(cache.factsOf);
	const fresh = {
		candidates: [] as EngineCandidate[],
		hashes: [] as string[],
		buckets: [] as number[],
		built: new Map<string, CandidateFacts>(),
	};
	for (let at = 0; at < changed.length; at += chunk) {
		const part = await readCandidateRows(
			db,
			`candidate_id IN (${changed
				.slice(at, at + chunk)
				.map(sqlString)
				.join(', ')})`,
			factsOf,
		);
		for (let i = 0; i < part.candidates.length; i++) {
			fresh.candidates.push(part.candidates[i] as EngineCandidate);
			fresh.hashes.push(part.hashes[i] as string);
			fresh.buckets.push(part.buckets[i] as number);
		}
		for (const [key, facts] of part.built) {
			// one key read with two sets of facts in two chunks: not one key, one set of facts
			if ((fresh.built.get(key) ?? facts) !== facts) return full();
			fresh.built.set(key, facts);
		}
	}
	// a group re-read with other facts than the kept ones under its key: not one key, one set of facts
	for (const [key, facts] of fresh.built) {
		const kept = cache.factsOf.get(key);
		if (kept && kept !== facts) return full();
	}
	const kept = cache.candidates.filter((c) => !gone.has(c.id));
	for (const id of gone) {
		const hash = cache.hashOf.get(id);
		const bucket = cache.bucketOf.get(keptIn.get(id) ?? -1);
		// a new candidate (nothing kept), or a kept one outside the buckets scanned (not possible: a
		// candidate's bucket is a function of their id)
		if (hash === undefined) continue;
		if (!bucket?.ids.delete(id)) return full();
		bucket.sum = (bucket.sum - BigInt(hash)) & U64;
		cache.hashOf.delete(id);
	}
	for (let i = 0; i < fresh.candidates.length; i++)
		keepRow(cache, (fresh.candidates[i] as EngineCandidate).id, fresh.hashes[i] as string, fresh.buckets[i] as number);
	const candidates = mergeWaiting(kept, inWaitingOrder(fresh.candidates));
	if (cache.hashOf.size !== candidates.length) return full();
	cache.candidates = candidates;
	cache.factsOf = factsOf;
	// groups no longer waiting: forgotten once they are many
	if (factsOf.size > 2 * fresh.built.size + 100_000) {
		const used = new Set(candidates.map((c) => c.capabilityKey));
		for (const key of factsOf.keys()) if (!used.has(key)) factsOf.delete(key);
	}
	return { cache, read: 'incremental', rows: fresh.candidates.length, scanned: scan.length };
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
 * where to read them (`read`: the worker reads them itself, as readMatchingInput and
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
	 * the worker thread's nice value (0–19, higher = lower CPU priority), set by the thread on itself
	 * (a thread per nice value, solveInWorker):
	 * on Linux a nice value is a thread's own, so the caller's event loop keeps its priority; elsewhere
	 * it would apply to the whole process, so it is set on Linux only (after-load.ts BackgroundMatching)
	 */
	nice?: number;
};

/** What the worker thread is started with: HiGHS's compiled WebAssembly and its nice value. */
export interface WorkerSetup {
	highs: WebAssembly.Module;
	nice?: number;
}

/** What the worker read (with `read`), or was given. */
export interface WorkerRead {
	asOf: string;
	lines: number;
	candidates: number;
	/** reading the input, in the worker (0 when it was given) */
	seconds: number;
	/**
	 * how the candidates were read (null when given): in full, or only the rows changed since the
	 * worker's previous read (`rows`: the rows read; `scanned`: the ids and hashes scanned to find them)
	 */
	candidatesRead: { how: 'full' | 'incremental'; rows: number; scanned: number } | null;
}

/**
 * An engine's recommendations as the worker thread hands them over: columns instead of one object
 * each (nationally ≈ 170,000–225,000), the numbers in typed arrays whose buffers are transferred, the
 * ids in one string each. Structured-cloning the objects cost ≈ 0.5–1 s between the worker's end and
 * the result in the caller's thread (docs/matching.md "Scale", ninth pass). unpackRecommendations
 * gives back the same list.
 */
export interface PackedRecommendations {
	/** the distinct line ids, joined by newlines */
	lineIds: string;
	/** per recommendation, its line's place in lineIds */
	line: Int32Array;
	/** the candidate ids, joined by newlines */
	candidateIds: string;
	rank: Int32Array;
	primary: Uint8Array;
	score: Float64Array;
}

/** The engine's result with its recommendations packed, and the buffers to transfer; null when an id holds a newline. */
export function packResult(
	result: EngineResult,
): { packed: Omit<EngineResult, 'recommendations'> & { packed: PackedRecommendations }; transfer: ArrayBuffer[] } | null {
	const recs = result.recommendations;
	const n = recs.length;
	const lineIndex = new Map<string, number>();
	const line = new Int32Array(n);
	const rank = new Int32Array(n);
	const primary = new Uint8Array(n);
	const score = new Float64Array(n);
	const candidates: string[] = new Array(n);
	for (let i = 0; i < n; i++) {
		const r = recs[i] as Recommendation;
		let at = lineIndex.get(r.lineId);
		if (at === undefined) {
			if (r.lineId.includes('\n')) return null;
			at = lineIndex.size;
			lineIndex.set(r.lineId, at);
		}
		if (r.candidateId.includes('\n')) return null;
		line[i] = at;
		rank[i] = r.rank;
		primary[i] = r.primary ? 1 : 0;
		score[i] = r.score;
		candidates[i] = r.candidateId;
	}
	const { recommendations: _, ...rest } = result;
	return {
		packed: {
			...rest,
			packed: { lineIds: [...lineIndex.keys()].join('\n'), line, candidateIds: candidates.join('\n'), rank, primary, score },
		},
		transfer: [line.buffer, rank.buffer, primary.buffer, score.buffer] as ArrayBuffer[],
	};
}

/** The recommendations of a packed result, as the engine gave them. */
export function unpackRecommendations(p: PackedRecommendations): Recommendation[] {
	const lineIds = p.lineIds === '' ? [] : p.lineIds.split('\n');
	const n = p.rank.length;
	const candidateIds = n === 0 ? [] : p.candidateIds.split('\n');
	const out: Recommendation[] = new Array(n);
	for (let i = 0; i < n; i++)
		out[i] = {
			lineId: lineIds[p.line[i] as number] as string,
			candidateId: candidateIds[i] as string,
			rank: p.rank[i] as number,
			primary: p.primary[i] === 1,
			score: p.score[i] as number,
		};
	return out;
}

interface Settle<T> {
	resolve: (r: T) => void;
	reject: (e: Error) => void;
}

interface PendingRun {
	read: Settle<WorkerRead>;
	engine: Settle<EngineResult>;
	plan: Settle<PlanResult>;
}

/** The worker threads of this process, one per nice value, each with its runs not yet done. */
const workers = new Map<number, { worker: Worker; pending: Map<number, PendingRun> }>();
let nextRun = 1;

function matchingWorker(nice: number): { worker: Worker; pending: Map<number, PendingRun> } {
	const running = workers.get(nice);
	if (running) return running;
	// HiGHS compiled once in this process and handed to the worker (linear-model.ts highsModule)
	const setup: WorkerSetup = { highs: highsModule(), ...(nice ? { nice } : {}) };
	const worker = tsWorker(new URL('./worker.ts', import.meta.url), setup);
	const pending = new Map<number, PendingRun>();
	const entry = { worker, pending };
	workers.set(nice, entry);
	const failAll = (error: Error) => {
		// a thread that failed is not used again: the next run starts a new one
		if (workers.get(nice) === entry) workers.delete(nice);
		for (const run of pending.values()) {
			run.read.reject(error);
			run.engine.reject(error);
			run.plan.reject(error);
		}
		pending.clear();
	};
	worker.on(
		'message',
		(m: { id: number; read?: WorkerRead; engine?: EngineResult; error?: string; plan?: PlanResult; planError?: string; done?: true }) => {
			const run = pending.get(m.id);
			if (!run) return;
			if (m.read) run.read.resolve(m.read);
			else if (m.engine) {
				const { packed, ...rest } = m.engine as EngineResult & { packed?: PackedRecommendations };
				run.engine.resolve(packed ? { ...rest, recommendations: unpackRecommendations(packed) } : m.engine);
			} else if (m.error !== undefined) {
				const error = new Error(m.error);
				run.read.reject(error);
				run.engine.reject(error);
				run.plan.reject(error);
			} else if (m.plan) run.plan.resolve(m.plan);
			else if (m.planError !== undefined) run.plan.reject(new Error(m.planError));
			else if (m.done) {
				pending.delete(m.id);
				// an idle thread does not keep the process alive
				if (pending.size === 0) worker.unref();
			}
		},
	);
	worker.on('error', failAll);
	worker.on('exit', (code) => failAll(new Error(`the matching worker stopped (exit code ${code}) before it answered`)));
	return entry;
}

/**
 * The engine (and then the planner) in a worker thread: the caller's event loop keeps serving while
 * HiGHS solves — and, given `read`, while the worker reads the input (at national scale 564,105
 * candidates' JSON parsed over 16–83 s, which in the caller held its event loop up to 0.6 s at a
 * time, docs/matching.md). The worker (ts-worker.ts) loads worker.ts through tsx's API. It
 * lives on between runs (one per nice value, runs one after the other, idle it does not keep the
 * process alive) and keeps what the next run reuses: the input it read, the nodes' eligibility,
 * HiGHS (worker.ts).
 */
export function solveInWorker(input: WorkerInput): {
	read: Promise<WorkerRead>;
	engine: Promise<EngineResult>;
	plan: Promise<PlanResult>;
} {
	const { nice, ...runInput } = input;
	const { worker, pending } = matchingWorker(nice && process.platform === 'linux' ? nice : 0);
	const settle = {} as PendingRun;
	const read = new Promise<WorkerRead>((resolve, reject) => {
		settle.read = { resolve, reject };
	});
	const engine = new Promise<EngineResult>((resolve, reject) => {
		settle.engine = { resolve, reject };
	});
	const plan = new Promise<PlanResult>((resolve, reject) => {
		settle.plan = { resolve, reject };
	});
	// a plan nobody awaits (no planner, or the engine failed) must not be an unhandled rejection;
	// nor a read whose failure the caller learns from the engine, nor an engine whose caller stopped
	// at the read's failure (runMatching awaits the read first): at 10× scale a failed read (the
	// answer too long for one string) rejected the unawaited engine too, and ended the whole process
	// — the stack's ingest API with it
	plan.catch(() => {});
	read.catch(() => {});
	engine.catch(() => {});
	if (!input.planner) settle.plan.reject(new Error('no planner asked for'));
	const id = nextRun++;
	pending.set(id, settle);
	worker.ref();
	worker.postMessage({ id, input: runInput });
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
		`Matching: ${result.fillableOptimal} of ${result.size.openSlots} open slots fillable (first come first served ${result.fillableGreedy}, without fairness ${result.fillableUnconstrained}); ${result.size.lineProfiles} x ${result.size.candidateProfiles} nodes, ${result.size.eligiblePairs} eligible pairs; model ${result.size.rows} rows x ${result.size.columns} columns, ${result.size.nonzeros} nonzeros; ${result.status}; ${seconds.toFixed(1)} s${read ? ` (reading the input in the worker: ${input.seconds.toFixed(1)} s${input.candidatesRead?.how === 'incremental' ? `, ${input.candidatesRead.rows} candidates re-read of ${input.candidatesRead.scanned} ids scanned` : ', in full'})` : ''}; engine steps (wall/CPU s): ${Object.entries(
			result.steps,
		)
			.map(([name, t]) => `${name} ${t.seconds.toFixed(1)}/${t.cpuSeconds.toFixed(1)}`)
			.join(', ')}`,
	);
	return { runId, asOf, result, plan };
}
