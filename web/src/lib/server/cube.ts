/**
 * The web app's only way to data: Cube's REST API through Cube's own client
 * (`@cubejs-client/core`: its query types, ResultSet and "Continue wait" handling), called
 * server-side with a token signed for the user's role. The secret never leaves the server; the
 * browser gets rendered pages and JSON of aggregates only.
 */

import {
	type BinaryOperator,
	type CubeJSApiOptions,
	CubejsApi,
	type DateRange,
	type ITransport,
	type ITransportResponse,
	type LoadResponse,
	type Query,
	type ResultSet,
	type TimeDimensionGranularity,
	type UnaryOperator,
} from '@cubejs-client/core';
import { SignJWT } from 'jose';
import { env } from '$env/dynamic/private';
import type { CubeMember, DimensionMember, MeasureMember, TimeMember } from '../cube-members.ts';
import { type DataError, dataErrorOf } from '../data-error.ts';
import { type DataVersion, VersionClock, versionOf, versionQuery } from './data-version.ts';
import { Busy, Gate } from './overload.ts';
import { cacheKey, envNumber, ResultCache } from './result-cache.ts';

/** A filter on a member the model has (common/cube-members.generated.ts), with Cube's operators. */
export type CubeQueryFilter =
	| { member: CubeMember; operator: BinaryOperator; values: string[] }
	| { member: CubeMember; operator: UnaryOperator; values?: never };

/**
 * Cube's `Query`, with every member name typed by the generated contract: a member the model
 * does not have fails `npm run check` instead of a chart at run time.
 */
export interface CubeQuery extends Omit<Query, 'measures' | 'dimensions' | 'timeDimensions' | 'filters' | 'order' | 'segments'> {
	measures?: MeasureMember[];
	/** time dimensions may be grouped by as they are, without a granularity */
	dimensions?: (DimensionMember | TimeMember)[];
	timeDimensions?: { dimension: TimeMember; granularity?: TimeDimensionGranularity; dateRange?: DateRange }[];
	filters?: CubeQueryFilter[];
	order?: Partial<Record<CubeMember, 'asc' | 'desc'>> | [CubeMember, 'asc' | 'desc'][];
}

export interface CubeContext {
	role: 'minister' | 'director' | 'regional' | 'public';
	province?: string;
	sub?: string;
}

/**
 * A row of Cube's answer: keyed by member, and a time dimension by `member.granularity`
 * (`placements.departure_date.month`). Typed so a row read of a name the model lacks fails the check.
 */
export type CubeRowKey = CubeMember | `${TimeMember}.${TimeDimensionGranularity}`;
export type CubeRow = { [K in CubeRowKey]?: string | number | null };

export interface CubeResult {
	data: CubeRow[];
	/** Cube's ResultSet of the answer (pivot, series, tablePivot, drill-down) */
	resultSet?: ResultSet<CubeRow>;
	lastRefreshTime?: string;
	/** public answers: row index → members withheld for privacy (their value is the marker string) */
	suppressed?: Record<number, string[]>;
	threshold?: number;
}

interface SuppressionAnnotation {
	threshold: number;
	marker: string;
	suppressed: { row: number; member: string }[];
}

function suppressedByRow(annotation: SuppressionAnnotation | undefined): Record<number, string[]> | undefined {
	if (!annotation) return undefined;
	const byRow: Record<number, string[]> = {};
	for (const { row, member } of annotation.suppressed) {
		byRow[row] = [...(byRow[row] ?? []), member];
	}
	return byRow;
}

export class CubeError extends Error {
	/** set once describeFailure has logged it (a refusal from the result cache is logged once per data version) */
	logged = false;
	constructor(
		message: string,
		readonly status: number,
	) {
		super(message);
	}
}

/**
 * Cube tokens live 15 minutes (`iat` and `exp` set): Cube refuses tokens without `exp` or with a
 * lifetime over 24 hours, and a leaked one stops working soon. Tokens are reused per context until
 * a minute before they expire.
 */
export const CUBE_TOKEN_SECONDS = 15 * 60;

export async function signCubeToken(context: CubeContext, secret: string, now = Date.now()): Promise<string> {
	const issuedAt = Math.floor(now / 1000);
	return new SignJWT({ ...context })
		.setProtectedHeader({ alg: 'HS256' })
		.setIssuedAt(issuedAt)
		.setExpirationTime(issuedAt + CUBE_TOKEN_SECONDS)
		.sign(new TextEncoder().encode(secret));
}

const tokenCache = new Map<string, { token: string; expires: number }>();

async function tokenFor(context: CubeContext): Promise<string> {
	const cacheKey = JSON.stringify(context);
	const cached = tokenCache.get(cacheKey);
	if (cached && cached.expires > Date.now() + 60_000) return cached.token;
	const secret = env.CUBEJS_API_SECRET;
	if (!secret) throw new CubeError('CUBEJS_API_SECRET is not set on the web server', 500);
	const now = Date.now();
	const token = await signCubeToken(context, secret, now);
	tokenCache.set(cacheKey, { token, expires: now + CUBE_TOKEN_SECONDS * 1000 });
	return token;
}

function cubeUrl(): string {
	return env.CUBE_URL ?? 'http://127.0.0.1:4000';
}

/**
 * Cube's client polls while Cube answers "Continue wait" and has no limit of its own; one query
 * gets this many answers before the page says the semantic layer did not answer in time.
 */
const MAX_ANSWERS = 120;
/** …and at most this long in all, so a page never hangs on a busy Cube (issue #13: no long hangs) */
const MAX_WAIT_MS = 45_000;

/**
 * The client's transport on the server: Node's own fetch (the client's default, cross-fetch,
 * would bring node-fetch 2), always POST (queries can be longer than a URL), and the answer limit
 * above. The token is the role's, signed once by tokenFor and reused until shortly before it expires.
 */
class ServerTransport implements ITransport<Response> {
	constructor(
		private readonly apiUrl: string,
		private readonly token: string,
	) {}

	request(method: string, { baseRequestId, ...params }: Record<string, unknown>): ITransportResponse<Response> {
		const url = `${this.apiUrl}/${method}`;
		const body = JSON.stringify(params);
		const token = this.token;
		let answers = 0;
		const started = Date.now();
		const send = async <R>(callback: (result: Response, resubscribe: () => Promise<R>) => R): Promise<R> => {
			answers += 1;
			if (answers > MAX_ANSWERS || Date.now() - started > MAX_WAIT_MS)
				throw new CubeError('The semantic layer did not answer in time', 504);
			let res: Response;
			try {
				res = await fetch(url, {
					method: 'POST',
					headers: {
						authorization: `Bearer ${token}`,
						'content-type': 'application/json',
						'x-request-id': `${baseRequestId}-span-${answers}`,
					},
					body,
					// the bound holds within one answer too: a request Cube never answers is given up
					signal: AbortSignal.timeout(Math.max(1, MAX_WAIT_MS - (Date.now() - started))),
				});
			} catch (error) {
				if (error instanceof Error && error.name === 'TimeoutError') throw new CubeError('The semantic layer did not answer in time', 504);
				throw error;
			}
			return callback(res, () => send(callback));
		};
		return { subscribe: send };
	}
}

// The type declarations of @cubejs-client/core 0.33 leave out CubejsApi's constructor
// (src/index.js: `constructor(apiToken, options)`). The default export, `cubejs()`, only wraps it,
// and Node's ES module loader hands this CommonJS package's `module.exports` over as the default.
const CubeApi = CubejsApi as unknown as new (token: string, options: CubeJSApiOptions) => CubejsApi;

/** What our Cube adds to a public answer (cube/src/public-load.ts): the cells withheld for privacy. */
type SlmiResult = LoadResponse<CubeRow>['results'][number] & { slmi?: SuppressionAnnotation };

/**
 * Cube 0.33 answers 500 "Table <schema>_pre_aggregations.<table> doesn't exist" (ClickHouse code 60)
 * when it chose a pre-aggregation partition that a refresh replaced and dropped while the query
 * ran (seen once in the CI of b785f80). Asked again, Cube plans with the new table: the chart shows
 * the answer instead of "unavailable". Any other failure is passed on at once.
 */
const PRE_AGGREGATION_SWAP_ATTEMPTS = 3;
export function preAggregationSwapped(error: unknown): boolean {
	return (
		error instanceof CubeError &&
		error.status >= 500 &&
		/Code: 60\b/.test(error.message) &&
		/Table \S+_pre_aggregations\.\S+ doesn't exist/.test(error.message)
	);
}

/** Runs one query through Cube's client, which waits out Cube's "Continue wait"; no cache. */
async function loadFromCube(query: CubeQuery, context: CubeContext): Promise<CubeResult> {
	const token = await tokenFor(context);
	const api = new CubeApi(token, {
		apiUrl: `${cubeUrl()}/cubejs-api/v1`,
		transport: new ServerTransport(`${cubeUrl()}/cubejs-api/v1`, token),
	});
	let resultSet: ResultSet<CubeRow> | undefined;
	for (let attempt = 1; !resultSet; attempt++) {
		try {
			resultSet = (await cubeGate().run(() => api.load(query))) as ResultSet<CubeRow>;
		} catch (error) {
			if (error instanceof Busy) throw new CubeError(error.message, 503);
			const failure = asCubeError(error);
			if (attempt >= PRE_AGGREGATION_SWAP_ATTEMPTS || !preAggregationSwapped(failure)) throw failure;
			await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
		}
	}
	// ResultSet keeps the answer as Cube sent it (src/ResultSet.js); its declarations do not list it.
	const answer = (resultSet as unknown as { loadResponse: LoadResponse<CubeRow> }).loadResponse.results[0] as SlmiResult | undefined;
	return {
		data: resultSet.rawData(),
		resultSet,
		lastRefreshTime: answer?.lastRefreshTime,
		suppressed: suppressedByRow(answer?.slmi),
		threshold: answer?.slmi?.threshold,
	};
}

/**
 * Requests to Cube at once from this process, and how many more may wait (overload.ts): Cube and
 * ClickHouse answer a few queries at a time best on this machine; beyond the queue a chart says
 * the data is unavailable at once instead of after a long wait.
 */
let gate: Gate | undefined;
function cubeGate(): Gate {
	gate ??= new Gate({
		concurrency: envNumber(env.SLMI_CUBE_CONCURRENCY, 16),
		queue: envNumber(env.SLMI_CUBE_QUEUE, 1000),
		waitMs: envNumber(env.SLMI_CUBE_WAIT_MS, 10_000),
		retryAfterSeconds: 2,
	});
	return gate;
}

/**
 * Background refreshes of answers past their age (result-cache.ts) at once: at most 4 of the
 * Cube gate's 16 places (SLMI_CUBE_REFRESH_CONCURRENCY). Answers kept together age together — a
 * page's 20–35 for each scope — and hundreds of refreshes queued in front of them would make the
 * requests that do wait for Cube (a query not asked before) wait behind them all.
 */
let refreshes: Gate | undefined;
function refreshGate(): Gate {
	refreshes ??= new Gate({
		concurrency: envNumber(env.SLMI_CUBE_REFRESH_CONCURRENCY, 4),
		queue: 100_000,
		waitMs: 10 * 60_000,
		retryAfterSeconds: 2,
	});
	return refreshes;
}

/**
 * The result cache (result-cache.ts): 64 MiB of answers by default (SLMI_RESULT_CACHE_MB; 0 turns
 * it off), each asked again after 60 s (SLMI_RESULT_CACHE_SECONDS; 5 s for two minutes after the
 * data changed, SLMI_DATA_SETTLE_SECONDS) and only for the data version it was computed for; for
 * as long again (at most SLMI_RESULT_CACHE_STALE_SECONDS, default the same 60 s; 0: requests wait
 * for the new answer) it is still given while the new one is asked in the background.
 */
/**
 * What the cache keeps: an answer, or Cube's refusal (400, 403). A refusal depends only on the
 * query and the scope, so a regional head's page does not ask Cube again for the cards it is
 * refused on every visit.
 */
type Kept = { result: CubeResult } | { refusal: CubeError };
let cache: ResultCache<Kept> | undefined;
let clock: VersionClock | undefined;

function resultCache(): ResultCache<Kept> {
	cache ??= new ResultCache<Kept>({
		maxBytes: envNumber(env.SLMI_RESULT_CACHE_MB, 64) * 1024 * 1024,
		maxAgeMs: envNumber(env.SLMI_RESULT_CACHE_SECONDS, 60) * 1000,
		staleMs: envNumber(env.SLMI_RESULT_CACHE_STALE_SECONDS, envNumber(env.SLMI_RESULT_CACHE_SECONDS, 60)) * 1000,
	});
	return cache;
}

/** The data version's own read goes to Cube directly, as a role that may read data_freshness. */
const VERSION_CONTEXT: CubeContext = { role: 'director', sub: 'data-version' };

function versionClock(): VersionClock {
	if (!clock) {
		clock = new VersionClock(
			async () => versionOf((await loadFromCube(versionQuery, VERSION_CONTEXT)).data),
			envNumber(env.SLMI_DATA_VERSION_MS, 1000),
			Date.now,
			envNumber(env.SLMI_DATA_SETTLE_SECONDS, 120) * 1000,
		);
		clock.onChange((version) => resultCache().dropOtherVersions(version.id));
	}
	return clock;
}

/** Calls `listener` whenever the data version changes (the public answers are dropped then too). */
export function onDataVersionChange(listener: (version: DataVersion) => void): void {
	versionClock().onChange(listener);
}

/**
 * How long an answer computed now may be kept: the cache's maximum age, or 5 s while the data
 * settles after a change (data-version.ts, `settling`).
 */
export function answerLifetimeMs(): number {
	return versionClock().settling() ? 5000 : envNumber(env.SLMI_RESULT_CACHE_SECONDS, 60) * 1000;
}

/** The current data version (data-version.ts), or null when it cannot be read. */
export function currentDataVersion(): Promise<DataVersion | null> {
	return versionClock().get();
}

/** The result cache's counts, for the benchmark and the logs. */
export function resultCacheStats() {
	return { ...resultCache().stats(), gate: cubeGate().stats(), refreshGate: refreshGate().stats() };
}

/** Approximate memory of an answer: its rows as JSON, twice (the rows and the ResultSet's copy), in UTF-16. */
function answerBytes(kept: Kept): number {
	return 'result' in kept ? JSON.stringify(kept.result.data).length * 4 + 1024 : 2048;
}

/**
 * Runs one query: from the result cache when this scope already asked it for the current data
 * version, else through Cube (once, however many ask at the same time); `fresh` always asks Cube.
 */
export async function cubeLoad(query: CubeQuery, context: CubeContext, options: { fresh?: boolean } = {}): Promise<CubeResult> {
	// fresh: answers that change without a new data version (alert acknowledgements) skip the cache
	if (options.fresh || envNumber(env.SLMI_RESULT_CACHE_MB, 64) === 0) return loadFromCube(query, context);
	const version = await currentDataVersion();
	if (!version) return loadFromCube(query, context);
	const kept = await resultCache().get(
		cacheKey(query, context, version.id),
		version.id,
		(background) =>
			(background ? refreshGate().run(() => loadFromCube(query, context)) : loadFromCube(query, context)).then(
				(result) => ({ result }),
				(error: unknown) => {
					if (error instanceof CubeError && (error.status === 400 || error.status === 403)) return { refusal: error };
					throw error;
				},
			),
		answerBytes,
		answerLifetimeMs(),
	);
	if ('refusal' in kept) throw kept.refusal;
	// callers get their own list (the rows are shared and never changed by the pages)
	return { ...kept.result, data: kept.result.data.slice() };
}

/** The client's RequestError (message = Cube's `error`, with the HTTP status) as ours. */
function asCubeError(error: unknown): unknown {
	if (error instanceof CubeError || !(error instanceof Error)) return error;
	const status = (error as Error & { status?: unknown }).status;
	if (typeof status !== 'number') return error;
	return new CubeError(error.message || `Cube answered ${status}`, status);
}

interface MetaResponse {
	cubes?: { name: string; measures: { name: string }[]; dimensions: { name: string }[] }[];
	error?: string;
}

let metaCache: { members: Set<string>; expires: number } | undefined;

/** Every member name Cube knows (public-role context sees only public views). Cached 5 minutes. */
export async function cubeMembers(context: CubeContext): Promise<Set<string>> {
	if (context.role !== 'public' && metaCache && metaCache.expires > Date.now()) return metaCache.members;
	const res = await fetch(`${cubeUrl()}/cubejs-api/v1/meta`, { headers: { authorization: `Bearer ${await tokenFor(context)}` } });
	const body = (await res.json()) as MetaResponse;
	if (!res.ok || body.error) throw new CubeError(body.error ?? `Cube meta answered ${res.status}`, res.status);
	const members = new Set<string>();
	for (const cube of body.cubes ?? []) for (const m of [...cube.measures, ...cube.dimensions]) members.add(m.name);
	if (context.role !== 'public') metaCache = { members, expires: Date.now() + 5 * 60_000 };
	return members;
}

/**
 * The Cube security context for a logged-in user, or the public one. Officers get none: their
 * pages read the audited detail path only (officer.ts), and hooks.server.ts keeps them off the
 * dashboards.
 */
export function contextFor(
	user: { username: string; role: 'minister' | 'director' | 'regional' | 'officer'; province?: string } | undefined,
): CubeContext {
	if (!user) return { role: 'public' };
	if (user.role === 'officer') throw new CubeError('Officers read the audited detail path, not Cube', 403);
	return { role: user.role, province: user.province, sub: user.username };
}

/**
 * Runs a query and turns failures into a message for the chart card instead of a failed page:
 * one unavailable chart must not blank the whole dashboard.
 */
export async function cubeLoadSafe(query: CubeQuery, context: CubeContext): Promise<CubeResult & { error: DataError | null }> {
	try {
		return { ...(await cubeLoad(query, context)), error: null };
	} catch (error) {
		return { data: [], error: describeFailure(error, context, query) };
	}
}

/**
 * Logs a failed query with Cube's own message (it names members, and is for the SLMI team) and
 * returns only its kind, which the page words for the reader (issue #12, item 8).
 */
export function describeFailure(error: unknown, context: CubeContext, query?: CubeQuery): DataError {
	const status = error instanceof CubeError ? error.status : undefined;
	const message = error instanceof Error ? error.message : String(error);
	if (error instanceof CubeError) {
		if (error.logged) return dataErrorOf(status);
		error.logged = true;
	}
	console.error(
		`[cube] ${status ?? 'error'} for ${context.role}${context.province ? ` ${context.province}` : ''}: ${message}${query ? ` — ${JSON.stringify(query)}` : ''}`,
	);
	return dataErrorOf(status);
}
