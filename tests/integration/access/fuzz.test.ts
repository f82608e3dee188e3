/**
 * An attacker in the tests (issue #11): seeded, bounded queries for every role against the real
 * Cube and warehouse — random members (hidden and invented too), filters with every operator and
 * hostile values, deep and/or trees, granularities, date ranges, time zones (injection payloads
 * included), limits and unknown keys, GET and POST, every endpoint, and path spellings — checking
 * each role's promises on every answer:
 *
 * - no 5xx; every refusal is JSON `{error}` with no SQL text, file path or stack trace;
 * - no row describing 1 to k − 1 people (SLMI_MIN_PEOPLE_PER_ROW, default 5) for any person's
 *   role, checked against the people measure of the cubes that count people (system token);
 * - a regional head never sees another province's candidate detail (rows, and totals equal to
 *   the system's answer with the own province added);
 * - the public sees public members only, no count from 1 to T − 1 (SLMI_SUPPRESSION_THRESHOLD),
 *   a /meta with nothing else and no member SQL, and no endpoint but /load and /meta;
 * - a path spelled another way answers 404 or exactly what the canonical path answers;
 * - an injection canary (a payload whose truth depends on hidden data) gets the same status
 *   whichever way the hidden fact goes.
 *
 * Replay: SLMI_FUZZ_SEED=<seed> (default DEFAULT_SEED), SLMI_FUZZ_QUERIES=<per role> (default
 * 400), SLMI_FUZZ_ONLY=<request ids, comma-separated> to send only those. Every violation is
 * printed with its role, request id, path as sent, query and the offending row or message; all
 * of them are written to test-output/fuzz/violations-<seed>.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../warehouse/src/client.ts';
import { tokenFor } from '../../support/cube-client.ts';
import { cube, DIRECTOR, db, MINISTER, PUBLIC, SYSTEM } from './access-client.ts';
import {
	buildRequest,
	CANARY_CONDITIONS,
	canaryPayloads,
	checkErrorBody,
	DEFAULT_SEED,
	type FuzzCatalog,
	type FuzzMember,
	type FuzzRequest,
	generateRequests,
	isCandidateDetail,
	isPublicMember,
	keyColumns,
	originProvinceMember,
	otherProvinceCells,
	peopleMeasures,
	personLevelRows,
	publicCountMeasures,
	publicMetaViolations,
	queryMembers,
	Rng,
	type Row,
	rowKey,
	sentStrings,
	smallPublicCells,
} from './fuzz-gen.ts';

const K = Number(process.env.SLMI_MIN_PEOPLE_PER_ROW ?? 5);
const T = Number(process.env.SLMI_SUPPRESSION_THRESHOLD ?? 10);
const SEED = Number(process.env.SLMI_FUZZ_SEED ?? DEFAULT_SEED);
const PER_ROLE = Number(process.env.SLMI_FUZZ_QUERIES ?? 400);
const ONLY = process.env.SLMI_FUZZ_ONLY ? new Set(process.env.SLMI_FUZZ_ONLY.split(',')) : undefined;
const CONCURRENCY = 4;

interface RoleUnderTest {
	label: string;
	claims: Record<string, unknown>;
	role: string;
	province?: string;
}
const ROLES: RoleUnderTest[] = [
	{ label: 'minister', claims: MINISTER, role: 'minister' },
	{ label: 'director', claims: DIRECTOR, role: 'director' },
	{ label: 'regional-52', claims: { role: 'regional', province: '52', sub: 'fuzz-ntb' }, role: 'regional', province: '52' },
	{ label: 'regional-35', claims: { role: 'regional', province: '35', sub: 'fuzz-jatim' }, role: 'regional', province: '35' },
	{ label: 'public', claims: PUBLIC, role: 'public' },
];

// ---------------------------------------------------------------------------------------------
// Talking to Cube over raw HTTP, so paths reach it exactly as spelled (fetch would tidy them).

const base = new URL(cube.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });

interface Answer {
	status: number;
	text: string;
	json?: Record<string, unknown>;
}

function rawRequest(method: string, path: string, token: string | null, body?: string): Promise<Answer> {
	return new Promise((resolve) => {
		const headers: Record<string, string | number> = {};
		if (token) headers.authorization = `Bearer ${token}`;
		if (body !== undefined) {
			headers['content-type'] = 'application/json';
			headers['content-length'] = Buffer.byteLength(body);
		}
		const req = http.request({ host: base.hostname, port: base.port, method, path, agent, headers, timeout: 60_000 }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let json: Record<string, unknown> | undefined;
				try {
					json = JSON.parse(text) as Record<string, unknown>;
				} catch {
					json = undefined;
				}
				resolve({ status: res.statusCode ?? 0, text, json });
			});
		});
		// no answer at all (connection reset, timeout) is reported as status 0
		req.on('error', (e) => resolve({ status: 0, text: `no answer: ${e.message}` }));
		req.on('timeout', () => req.destroy(new Error('timed out after 60 s')));
		if (body !== undefined) req.write(body);
		req.end();
	});
}

/** A request, retried while Cube answers "Continue wait". */
async function send(method: string, path: string, token: string | null, body?: string): Promise<Answer> {
	for (let attempt = 0; ; attempt++) {
		const answer = await rawRequest(method, path, token, body);
		if (answer.json?.error !== 'Continue wait' || attempt > 200) return answer;
		await new Promise((r) => setTimeout(r, 50));
	}
}

const tokens = new Map<string, string>();
async function token(claims: Record<string, unknown>): Promise<string> {
	const key = JSON.stringify(claims);
	if (!tokens.has(key)) tokens.set(key, await tokenFor(cube, claims));
	return tokens.get(key)!;
}

const systemCache = new Map<string, Promise<Answer>>();
/** A /load with the loader's system token (no role rules), cached by query. */
function systemLoad(query: unknown): Promise<Answer> {
	const body = JSON.stringify({ query });
	if (!systemCache.has(body))
		systemCache.set(
			body,
			token(SYSTEM).then((t) => send('POST', '/cubejs-api/v1/load', t, body)),
		);
	return systemCache.get(body)!;
}

// The people measure is hidden (`public: false`), and Cube 0.33 answers no /load naming a
// hidden member, whoever asks. So the people counts come from the SQL Cube writes for the
// loader's token (/sql, which names hidden members fine), run on the warehouse.
const SqlString = createRequire(createRequire(import.meta.url).resolve('@cubejs-backend/clickhouse-driver'))('sqlstring') as {
	format(sql: string, values: unknown[]): string;
};

/** One value as Cube's rows and the warehouse's rows both spell it (times as YYYY-MM-DDTHH:MM:SS). */
function sameValue(value: unknown): unknown {
	if (value === null || value === undefined) return null;
	const text = String(value);
	const time = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?Z?$/.exec(text);
	return time ? `${time[1]}T${time[2]}` : text;
}

/**
 * /sql names a pre-aggregation by its base name; the table the orchestrator reads carries its
 * versions and build time (`<name>_<content>_<structure>_<built at, base 36>`): take the newest.
 */
async function withBuiltTables(sql: string): Promise<string> {
	const named = [...new Set([...sql.matchAll(/\b(\w+_pre_aggregations)\.(\w+)\b/g)].map((m) => `${m[1]}.${m[2]}`))];
	let out = sql;
	for (const name of named) {
		const [schema, table] = name.split('.') as [string, string];
		const tables = await queryRows<{ name: string }>(
			db,
			`SELECT name FROM system.tables WHERE database = '${schema}' AND startsWith(name, '${table}_')`,
		);
		const built = tables
			.filter((t) => /^[a-z0-9]+_[a-z0-9]+_[a-z0-9]+$/.test(t.name.slice(table.length + 1)))
			.map((t) => ({ name: t.name, at: Number.parseInt(t.name.split('_').at(-1)!, 36) }))
			.sort((a, b) => b.at - a.at)[0];
		if (built) out = out.split(name).join(`${schema}.${built.name}`);
	}
	return out;
}

const rowsCache = new Map<string, Promise<Row[] | string>>();
/** The rows of a query as the loader's token would get them, hidden members included; or why not. */
function systemRows(query: Q): Promise<Row[] | string> {
	const key = JSON.stringify(query);
	if (!rowsCache.has(key)) {
		rowsCache.set(
			key,
			(async () => {
				const answer = await send('POST', '/cubejs-api/v1/sql', await token(SYSTEM), JSON.stringify({ query }));
				const sql = (answer.json?.sql as { sql?: [string, unknown[]]; aliasNameToMember?: Record<string, string> } | undefined) ?? {};
				if (answer.status !== 200 || !sql.sql || !sql.aliasNameToMember) return `/sql ${answer.status}: ${short(answer.text, 150)}`;
				const rows = await queryRows<Row>(db, await withBuiltTables(SqlString.format(sql.sql[0], sql.sql[1] ?? [])));
				const names = sql.aliasNameToMember;
				return rows.map((r) => Object.fromEntries(Object.entries(r).map(([alias, v]) => [names[alias] ?? alias, sameValue(v)])));
			})().catch((e: Error) => `warehouse: ${short(e.message, 150)}`),
		);
	}
	return rowsCache.get(key)!;
}

// ---------------------------------------------------------------------------------------------
// The catalogue: Cube's own compiler over the model files (every member, hidden ones too, as the
// semantic layer's access rules see them), and real values of string dimensions.

async function compileCatalog(): Promise<FuzzCatalog> {
	const require = createRequire(import.meta.url);
	const { prepareCompiler } = require('@cubejs-backend/schema-compiler');
	const { FileRepository } = require('@cubejs-backend/server-core');
	const modelDir = fileURLToPath(new URL('../../../cube/model', import.meta.url));
	// Cube joins the path onto the working directory, as in cube/src/server.ts
	const { compiler, metaTransformer } = prepareCompiler(new FileRepository(relative(process.cwd(), modelDir)), {});
	await compiler.compile();
	type Conf = { name: string; type?: string; aggType?: string; isVisible?: boolean; meta?: Record<string, unknown> };
	const cubes = metaTransformer.cubes as {
		isVisible: boolean;
		config: { name: string; type: string; measures: Conf[]; dimensions: Conf[]; segments: Conf[] };
	}[];
	const members: FuzzMember[] = [];
	for (const { config } of cubes) {
		const add = (kind: FuzzMember['kind'], m: Conf) =>
			members.push({
				name: m.name,
				cube: config.name,
				kind,
				type: kind === 'segment' ? 'segment' : String(m.type),
				aggType: m.aggType,
				visible: m.isVisible !== false,
				meta: m.meta,
			});
		for (const m of config.measures ?? []) add('measure', m);
		for (const d of config.dimensions ?? []) add('dimension', d);
		for (const s of config.segments ?? []) add('segment', s);
	}
	const catalog: FuzzCatalog = {
		cubes: cubes.map((c) => c.config.name).sort(),
		views: cubes.filter((c) => c.config.type === 'view').map((c) => c.config.name),
		members: members.sort((a, b) => (a.name < b.name ? -1 : 1)),
		values: {},
	};
	const wanted = catalog.members.filter((m) => m.kind === 'dimension' && m.type === 'string' && m.visible);
	await pool(wanted, async (m) => {
		const body = JSON.stringify({ query: { dimensions: [m.name], order: { [m.name]: 'asc' }, limit: 40 } });
		let res = await send('POST', '/cubejs-api/v1/load', await token(SYSTEM), body);
		for (let retry = 0; retry < 3 && res.status !== 200; retry++)
			res = await send('POST', '/cubejs-api/v1/load', await token(SYSTEM), body);
		// the requests a seed gives depend on these values: a pool that failed to load would change them
		if (res.status !== 200 || !Array.isArray(res.json?.data)) throw new Error(`values of ${m.name}: ${res.status} ${short(res.text, 200)}`);
		catalog.values[m.name] = (res.json.data as Row[]).map((r) => String(r[m.name])).filter((v) => v !== 'null');
	});
	catalog.values = Object.fromEntries(Object.entries(catalog.values).sort(([a], [b]) => (a < b ? -1 : 1)));
	return catalog;
}

async function pool<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < items.length) await work(items[next++]!);
		}),
	);
}

// ---------------------------------------------------------------------------------------------
// Promises, checked on every answer.

type Promise_ =
	| 'no 5xx'
	| 'clean errors'
	| 'no person-level rows'
	| 'regional: own province only'
	| 'public: public members only'
	| 'public: small counts hidden'
	| 'public: /meta lists public only'
	| 'public: /load and /meta only'
	| 'exact paths'
	| 'injection canary'
	| 'wildcards are literal'
	| 'pre-aggregation jobs: the loader only'
	| 'no GraphQL';

interface Violation {
	promise: Promise_;
	role: string;
	id: string;
	endpoint: string;
	method: string;
	spelling: string;
	path: string;
	query: string;
	status: number;
	detail: string;
}

interface Tally {
	sent: number;
	byStatus: Record<string, number>;
	checks: Record<string, number>;
	unchecked: Record<string, number>;
}

const violations: Violation[] = [];
const tallies = new Map<string, Tally>();
let started = 0;

function tally(role: string): Tally {
	if (!tallies.has(role)) tallies.set(role, { sent: 0, byStatus: {}, checks: {}, unchecked: {} });
	return tallies.get(role)!;
}

function short(text: string, n = 700): string {
	return text.length > n ? `${text.slice(0, n)}…(${text.length} chars)` : text;
}

function report(promise: Promise_, role: RoleUnderTest, req: FuzzRequest, status: number, detail: string): void {
	violations.push({
		promise,
		role: role.label,
		id: req.id,
		endpoint: req.endpoint,
		method: req.method,
		spelling: req.spelling,
		path: short(decodeURIComponent(req.path.replace(/%(?![0-9A-F]{2})/gi, '%25')), 300),
		query: short(JSON.stringify(req.query ?? req.body ?? null)),
		status,
		detail: short(detail, 500),
	});
}

/** An answer without what changes from one request to the next. */
function comparable(answer: Answer): string {
	if (!answer.json) return `${answer.status} ${answer.text}`;
	const { lastRefreshTime: _t, requestId: _r, slowQuery: _s, ...rest } = answer.json;
	// rows of a query without an order come in any order
	const sorted = (rows: unknown) => (Array.isArray(rows) ? rows.map((r) => JSON.stringify(r)).sort() : rows);
	if ('data' in rest) rest.data = sorted(rest.data);
	if (Array.isArray(rest.results)) rest.results = (rest.results as Q[]).map((r) => ({ ...r, data: sorted(r.data), lastRefreshTime: null }));
	return `${answer.status} ${JSON.stringify(rest)}`;
}

type Q = Record<string, unknown>;

function containsMember(filter: unknown, members: ReadonlySet<string>): boolean {
	return queryMembers({ filters: [filter] }).some((m) => members.has(m));
}

/** Member names of one cube or view as another's, anywhere in a query or in rows. */
function renamed<T>(value: T, pairs: readonly [string, string][]): T {
	if (!pairs.length) return value;
	let text = JSON.stringify(value);
	for (const [from, to] of pairs) text = text.split(`"${from}.`).join(`"${to}.`);
	return JSON.parse(text) as T;
}

/** Each result of a /load answer: the query Cube ran (after the role's rewrite) and its rows. */
function results(json: Record<string, unknown>): { query: Q; data: Row[] }[] {
	if (Array.isArray(json.results))
		return (json.results as { query: Q; data: Row[] }[]).map((r) => ({ query: r.query ?? {}, data: r.data ?? [] }));
	return [{ query: (json.query as Q) ?? {}, data: (json.data as Row[]) ?? [] }];
}

let catalog: FuzzCatalog;
let people: Record<string, string>;
/** the cube each view reads (its join_path), for the people check */
const viewSource: Record<string, string> = {};
let publicCounts: Set<string>;
let measureNames: Set<string>;

async function checkPeople(role: RoleUnderTest, req: FuzzRequest, status: number, ran: Q, data: Row[]): Promise<void> {
	const t = tally(role.label);
	// A view without a people measure of its own is checked on the cube it reads, under that
	// cube's member names.
	const renames: [string, string][] = [];
	const peopleNames = new Set<string>();
	for (const c of new Set(queryMembers(ran).map((m) => m.split('.')[0]!))) {
		if (people[c]) peopleNames.add(people[c]);
		else if (viewSource[c] && people[viewSource[c]]) {
			renames.push([c, viewSource[c]]);
			peopleNames.add(people[viewSource[c]]!);
		}
	}
	if (!peopleNames.size || !data.length) return;
	if (ran.ungrouped || (Array.isArray(ran.timeDimensions) && (ran.timeDimensions as Q[]).some((td) => td.compareDateRange))) {
		t.unchecked['no person-level rows'] = (t.unchecked['no person-level rows'] ?? 0) + 1;
		return;
	}
	// Same rows: the same breakdown, the same filters (measure filters only drop rows), the
	// people of every people-counting cube of the query, no limit.
	const filters = ((ran.filters as unknown[]) ?? []).filter((f) => !containsMember(f, measureNames));
	const check: Q = renamed(
		{ dimensions: ran.dimensions ?? [], timeDimensions: ran.timeDimensions ?? [], filters, segments: ran.segments ?? [] },
		renames,
	);
	check.measures = [...peopleNames];
	check.limit = 50_000;
	if (ran.timezone !== undefined) check.timezone = ran.timezone;
	const peopleRows = await systemRows(check);
	if (typeof peopleRows === 'string') {
		t.unchecked['no person-level rows'] = (t.unchecked['no person-level rows'] ?? 0) + 1;
		if (process.env.SLMI_FUZZ_DEBUG) console.log(`[fuzz] ${req.id}: people not counted (${peopleRows}) for ${JSON.stringify(check)}`);
		return;
	}
	const answerMeasures = new Set([...((ran.measures as string[]) ?? []), ...measureNames]);
	const columns = keyColumns(data[0]!, answerMeasures);
	const counts = new Map<string, Record<string, number>>();
	const back = renames.map(([view, cube]) => [cube, view] as [string, string]);
	for (const row of renamed(peopleRows, back)) {
		// Cube's rows also carry a time dimension without its granularity: the same value
		for (const c of columns) if (!(c in row)) row[c] = Object.entries(row).find(([k]) => k.startsWith(`${c}.`))?.[1] ?? null;
		counts.set(rowKey(row, columns), Object.fromEntries([...peopleNames].map((m) => [m, Number(row[m] ?? 0)])));
	}
	const keyed = data.map((row) => ({ ...row, ...Object.fromEntries(columns.map((c) => [c, sameValue(row[c])])) }));
	t.checks['no person-level rows'] = (t.checks['no person-level rows'] ?? 0) + data.length;
	const unmatched = keyed.filter((row) => !counts.has(rowKey(row, columns))).length;
	if (unmatched)
		t.unchecked['person-level: rows without a people count'] = (t.unchecked['person-level: rows without a people count'] ?? 0) + unmatched;
	const bad = personLevelRows(keyed, columns, counts, K);
	if (bad.length) {
		const sample = bad.slice(0, 2).map((b) => `${JSON.stringify(b.row)} = ${JSON.stringify(b.people)} people`);
		report(
			'no person-level rows',
			role,
			req,
			status,
			`${bad.length} of ${data.length} rows describe 1–${K - 1} people; e.g. ${sample.join('; ')}`,
		);
	}
}

async function checkRegional(role: RoleUnderTest, req: FuzzRequest, status: number, sent: Q, ran: Q, data: Row[]): Promise<void> {
	const province = role.province!;
	const t = tally(role.label);
	if (!isCandidateDetail(sent) && !isCandidateDetail(ran)) return;
	t.checks['regional: own province only'] = (t.checks['regional: own province only'] ?? 0) + 1;
	const cells = otherProvinceCells(data, province);
	if (cells.length) {
		report(
			'regional: own province only',
			role,
			req,
			status,
			`${cells.length} cells outside ${province}; e.g. row ${JSON.stringify(data[cells[0]!.row])}`,
		);
		return;
	}
	// The same question asked by the loader: the shape Cube ran (measures, breakdown), the filters
	// the head sent, and the own province added to every cube of the query that has one.
	const cubes = [...new Set([...queryMembers(sent), ...queryMembers(ran)].map((m) => m.split('.')[0]!))];
	const own = cubes.flatMap((c) => {
		const member = originProvinceMember(catalog, c);
		return member ? [{ member, operator: 'equals', values: [province] }] : [];
	});
	const check: Q = {
		measures: ran.measures ?? [],
		dimensions: ran.dimensions ?? [],
		timeDimensions: ran.timeDimensions ?? [],
		segments: ran.segments ?? [],
		filters: [...(Array.isArray(sent.filters) ? sent.filters : []), ...own],
		limit: 50_000,
	};
	if (ran.timezone !== undefined) check.timezone = ran.timezone;
	const answer = await systemLoad(check);
	if (answer.status !== 200 || !answer.json) {
		t.unchecked['regional: own province only'] = (t.unchecked['regional: own province only'] ?? 0) + 1;
		return;
	}
	// Every row the head got is a row of the own province's answer, with the same numbers (a cell
	// the layer hid — not a number — is fine; a row it left out too).
	const measures = new Set((ran.measures as string[]) ?? []);
	const expected = (answer.json.data as Row[]) ?? [];
	if (!data.length) return;
	const columns = keyColumns(data[0]!, new Set([...measures, ...measureNames]));
	const byKey = new Map(expected.map((r) => [rowKey(r, columns), r]));
	const wrong: string[] = [];
	for (const row of data) {
		const mine = byKey.get(rowKey(row, columns));
		if (!mine) {
			wrong.push(`${JSON.stringify(row)} is not a row of ${province}'s answer`);
			continue;
		}
		for (const m of measures) {
			const shown = Number(row[m]);
			if (row[m] !== null && Number.isFinite(shown) && shown !== Number(mine[m])) {
				wrong.push(`${m} = ${String(row[m])} where ${province} alone has ${String(mine[m])} in ${JSON.stringify(row)}`);
			}
		}
	}
	if (wrong.length)
		report(
			'regional: own province only',
			role,
			req,
			status,
			`${wrong.length} rows or cells beyond ${province}; e.g. ${wrong.slice(0, 2).join('; ')}`,
		);
}

/**
 * /sql and /dry-run of candidate detail for a regional head: the plan must carry the own
 * province — in the SQL's parameters, and as `province = own` on every cube of each normalised
 * query that has an origin province.
 */
function checkRegionalPlan(role: RoleUnderTest, req: FuzzRequest, status: number, json: Record<string, unknown>): void {
	const province = role.province!;
	const sent = Array.isArray(req.query) ? (req.query as Q[]) : [(req.query ?? {}) as Q];
	if (!sent.some((q) => isCandidateDetail(q))) return;
	const t = tally(role.label);
	t.checks['regional: own province only'] = (t.checks['regional: own province only'] ?? 0) + 1;
	if (req.endpoint === 'sql') {
		// a blended query's /sql is a list of { sql } (one per query), a single one is { sql }
		const plans = (Array.isArray(json) ? (json as Q[]).map((p) => p.sql) : [json.sql]) as { sql?: [string, unknown[]] }[];
		for (const [i, plan] of plans.entries()) {
			if (!isCandidateDetail(sent[i] ?? {})) continue;
			if (!(plan?.sql?.[1] ?? []).map(String).includes(province)) {
				report(
					'regional: own province only',
					role,
					req,
					status,
					`the SQL's parameters do not hold ${province}: ${short(JSON.stringify(plan?.sql ?? null), 300)}`,
				);
			}
		}
		return;
	}
	for (const q of (json.normalizedQueries as Q[] | undefined) ?? []) {
		const cubes = [...new Set(queryMembers(q).map((m) => m.split('.')[0]!))];
		if (!isCandidateDetail(q)) continue;
		const filters = (q.filters as { member?: string; operator?: string; values?: unknown[] }[] | undefined) ?? [];
		for (const c of cubes) {
			const member = originProvinceMember(catalog, c);
			if (!member) continue;
			const limited = filters.some(
				(f) => f.member === member && f.operator === 'equals' && JSON.stringify(f.values) === JSON.stringify([province]),
			);
			if (!limited)
				report(
					'regional: own province only',
					role,
					req,
					status,
					`the plan has no ${member} = ${province}: ${short(JSON.stringify(q.filters ?? []), 300)}`,
				);
		}
	}
}

function checkPublicLoad(role: RoleUnderTest, req: FuzzRequest, status: number, ran: Q, data: Row[]): void {
	const t = tally(role.label);
	t.checks['public: public members only'] = (t.checks['public: public members only'] ?? 0) + 1;
	const members = new Set([...queryMembers(ran), ...data.flatMap((r) => Object.keys(r).map((k) => k.split('.').slice(0, 2).join('.')))]);
	const hidden = new Set(catalog.members.filter((m) => !m.visible).map((m) => m.name));
	const notPublic = [...members].filter((m) => !isPublicMember(m) || hidden.has(m));
	if (notPublic.length) report('public: public members only', role, req, status, `answered with ${notPublic.join(', ')}`);
	t.checks['public: small counts hidden'] = (t.checks['public: small counts hidden'] ?? 0) + data.length;
	const small = smallPublicCells(data, publicCounts, T);
	if (small.length) {
		report(
			'public: small counts hidden',
			role,
			req,
			status,
			`${small.length} shown counts from 1 to ${T - 1}; e.g. ${small[0]!.member} = ${String(small[0]!.value)} in ${JSON.stringify(data[small[0]!.row])}`,
		);
	}
}

async function checkAnswer(role: RoleUnderTest, req: FuzzRequest, answer: Answer): Promise<void> {
	const t = tally(role.label);
	const { status } = answer;
	t.byStatus[status] = (t.byStatus[status] ?? 0) + 1;
	const count = (p: Promise_) => {
		t.checks[p] = (t.checks[p] ?? 0) + 1;
	};
	count('no 5xx');
	if (status >= 500 || status === 0) report('no 5xx', role, req, status, short(answer.text, 300));
	if (status < 200 || status >= 300) {
		count('clean errors');
		const broken = checkErrorBody(status, answer.text, sentStrings(req));
		if (broken) report('clean errors', role, req, status, broken);
	}
	if (req.spelling !== 'canonical') {
		count('exact paths');
		if (status !== 404) {
			const canonical = await send(req.method, req.canonicalPath, await token(role.claims), req.body);
			if (comparable(canonical) !== comparable(answer)) {
				report(
					'exact paths',
					role,
					req,
					status,
					`${req.spelling} spelling answered ${status} (${short(answer.text, 160)}); the canonical path answered ${canonical.status} (${short(canonical.text, 160)})`,
				);
			}
		}
	}
	if (status < 200 || status >= 300 || !answer.json) return;
	if (role.role === 'public' && !['load', 'meta', 'meta-extended'].includes(req.endpoint)) {
		count('public: /load and /meta only');
		report('public: /load and /meta only', role, req, status, `public answered on ${req.endpoint}: ${short(answer.text, 200)}`);
	}
	if (req.endpoint === 'jobs') {
		count('pre-aggregation jobs: the loader only');
		report(
			'pre-aggregation jobs: the loader only',
			role,
			req,
			status,
			`a ${role.role} token reached pre-aggregation jobs: ${short(answer.text, 200)}`,
		);
	}
	if (req.endpoint === 'graphql' && role.role !== 'public') {
		count('no GraphQL');
		report('no GraphQL', role, req, status, `GraphQL answered a ${role.role} token: ${short(answer.text, 200)}`);
	}
	if (role.role === 'public' && (req.endpoint === 'meta' || req.endpoint === 'meta-extended')) {
		count('public: /meta lists public only');
		for (const v of publicMetaViolations(answer.json)) report('public: /meta lists public only', role, req, status, v);
	}
	if (role.role === 'regional' && (req.endpoint === 'sql' || req.endpoint === 'dry-run')) checkRegionalPlan(role, req, status, answer.json);
	if (req.endpoint !== 'load' || (!answer.json.data && !answer.json.results)) return;
	const sent = Array.isArray(req.query) ? (req.query as Q[]) : [(req.query ?? {}) as Q];
	for (const [i, { query: ran, data }] of results(answer.json).entries()) {
		if (role.role === 'public') checkPublicLoad(role, req, status, ran, data);
		else {
			await checkPeople(role, req, status, ran, data);
			if (role.role === 'regional') await checkRegional(role, req, status, sent[i] ?? ran, ran, data);
		}
	}
}

async function run(role: RoleUnderTest, req: FuzzRequest): Promise<Answer> {
	const t = tally(role.label);
	t.sent++;
	const answer = await send(req.method, req.path, await token(role.claims), req.body);
	await checkAnswer(role, req, answer);
	if (req.canary) {
		t.sent++;
		const twin = await send(req.canary.twin.method, req.canary.twin.path, await token(role.claims), req.canary.twin.body);
		await checkAnswer(role, req.canary.twin, twin);
		t.checks['injection canary'] = (t.checks['injection canary'] ?? 0) + 1;
		if (twin.status !== answer.status) {
			report(
				'injection canary',
				role,
				req,
				answer.status,
				`${req.canary.kind} payload: ${answer.status} when "${CANARY_CONDITIONS[0]}", ${twin.status} when "${CANARY_CONDITIONS[1]}" — a one-bit oracle on hidden data`,
			);
		}
	}
	return answer;
}

async function runAll(role: RoleUnderTest, requests: readonly FuzzRequest[]): Promise<void> {
	await pool(
		requests.filter((r) => !ONLY || ONLY.has(r.id)),
		async (r) => {
			await run(role, r);
		},
	);
}

function violationsOf(label: string, fixed: boolean): Violation[] {
	return violations.filter((v) => v.role === label && v.id.includes('fixed') === fixed);
}

/** Per promise: how many, and the shortest reproductions. */
function describeViolations(found: readonly Violation[]): string {
	const groups = new Map<string, Violation[]>();
	for (const v of found) groups.set(v.promise, [...(groups.get(v.promise) ?? []), v]);
	const lines: string[] = [];
	for (const [promise, list] of groups) {
		lines.push(`${promise}: ${list.length} (seed ${SEED})`);
		for (const v of [...list].sort((a, b) => a.query.length - b.query.length).slice(0, 3)) {
			lines.push(`  [${v.role} ${v.id}] ${v.method} ${v.path.slice(0, 120)} → ${v.status}`);
			lines.push(`    query: ${v.query.slice(0, 400)}`);
			lines.push(`    broke: ${v.detail}`);
		}
	}
	return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

/** FNV-1a of a text, to show two runs generated the same requests. */
function fingerprint(text: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
	return h.toString(16).padStart(8, '0');
}
const fingerprints: Record<string, string> = {};

beforeAll(async () => {
	started = Date.now();
	catalog = await compileCatalog();
	fingerprints.catalog = fingerprint(JSON.stringify(catalog));
	people = peopleMeasures(catalog);
	for (const view of catalog.views) {
		const file = new URL(`../../../cube/model/${view}.js`, import.meta.url);
		const source = existsSync(file) ? readFileSync(file, 'utf8') : '';
		const cube = /join_path:\s*([a-z_]+)/.exec(source)?.[1];
		if (cube) viewSource[view] = cube;
	}
	publicCounts = publicCountMeasures(catalog);
	measureNames = new Set(catalog.members.filter((m) => m.kind === 'measure').map((m) => m.name));
}, 300_000);

afterAll(() => {
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	const sent = [...tallies.values()].reduce((n, t) => n + t.sent, 0);
	const lines = [
		`fuzz seed ${SEED}: ${sent} requests (${ONLY ? `replaying ${[...ONLY].join(', ')}` : `${PER_ROLE} generated per role, plus canary twins and fixed cases`}) and ${systemCache.size + rowsCache.size} system-token check queries in ${seconds} s; k = ${K}, T = ${T}`,
	];
	for (const [label, t] of tallies) {
		const statuses = Object.entries(t.byStatus)
			.map(([s, n]) => `${s}:${n}`)
			.join(' ');
		const checks = Object.entries(t.checks)
			.map(([p, n]) => `${p} ${n}`)
			.join(', ');
		const unchecked = Object.entries(t.unchecked)
			.map(([p, n]) => `${p} ${n}`)
			.join(', ');
		lines.push(`  ${label}: ${t.sent} requests; status ${statuses}; checked ${checks}${unchecked ? `; could not check ${unchecked}` : ''}`);
	}
	const byPromise = new Map<string, number>();
	for (const v of violations) byPromise.set(v.promise, (byPromise.get(v.promise) ?? 0) + 1);
	lines.push(
		`  fingerprints (same seed and data → same requests): ${Object.entries(fingerprints)
			.map(([k, v]) => `${k} ${v}`)
			.join(', ')}`,
	);
	lines.push(
		`  violations: ${violations.length}${violations.length ? ` (${[...byPromise].map(([p, n]) => `${p} ${n}`).join(', ')})` : ''}`,
	);
	console.log(lines.join('\n'));
	const dir = fileURLToPath(new URL('../../../test-output/fuzz/', import.meta.url));
	mkdirSync(dir, { recursive: true });
	writeFileSync(
		`${dir}violations-${SEED}.json`,
		JSON.stringify({ seed: SEED, perRole: PER_ROLE, k: K, threshold: T, summary: lines, fingerprints, violations }, null, '\t'),
	);
	agent.destroy();
});

describe('the attacks the issue found, as fixed cases', () => {
	it('none of them works any more', async () => {
		const rng = new Rng(SEED);
		const regional = ROLES[2]!;
		const publicRole = ROLES[4]!;
		const fixed: [RoleUnderTest, FuzzRequest][] = [];
		// 1. the time-zone oracle: a regional head reading hidden counts one bit at a time
		const oracle = (condition: string, id: string) =>
			buildRequest(rng, {
				id,
				role: 'regional',
				endpoint: 'load',
				method: 'GET',
				// no date range (Cube would parse the zone), by day (no monthly rollup answers it)
				query: {
					measures: ['supply.candidates'],
					dimensions: ['supply.smk_major'],
					timeDimensions: [{ dimension: 'supply.registered_date', granularity: 'day' }],
					timezone: canaryPayloads(condition).timezone[1],
				},
			});
		fixed.push([
			regional,
			{
				...oracle(CANARY_CONDITIONS[0], 'fixed:timezone-oracle'),
				canary: { kind: 'timezone', twin: oracle(CANARY_CONDITIONS[1], 'fixed:timezone-oracle~') },
			},
		]);
		// 2. person-level rows by grouping placements on every personal attribute and the day
		const grouping = {
			measures: ['placements.placements'],
			dimensions: [
				'placements.province',
				'placements.gender',
				'placements.age_band',
				'placements.education',
				'placements.occupation',
				'placements.country',
				'placements.agency',
				'placements.certified',
				'placements.smk',
			],
			timeDimensions: [{ dimension: 'placements.departure_date', granularity: 'day' }],
			limit: 50_000,
		};
		for (const role of ROLES.slice(0, 3)) {
			fixed.push([
				role,
				buildRequest(rng, { id: `fixed:grouping-${role.label}`, role: role.role, endpoint: 'load', method: 'POST', query: grouping }),
			]);
		}
		// 3. the public gate bypassed by letter case
		const metaExtended = buildRequest(rng, { id: 'fixed:meta-extended-case', role: 'public', endpoint: 'meta-extended' });
		fixed.push([publicRole, { ...metaExtended, spelling: 'mixed', path: '/Cubejs-api/v1/meta?extended' }]);
		const caseBypass = buildRequest(rng, {
			id: 'fixed:load-upper-limit',
			role: 'public',
			endpoint: 'load',
			method: 'GET',
			query: { measures: ['public_placements.placements'], dimensions: ['public_placements.occupation'], limit: 100_000 },
		});
		fixed.push([
			publicRole,
			{ ...caseBypass, spelling: 'upper', path: caseBypass.path.replace('/cubejs-api/v1/load', '/CUBEJS-API/v1/load') },
		]);
		for (const [role, req] of fixed) if (!ONLY || ONLY.has(req.id)) await run(role, req);

		// 4. LIKE wildcards: startsWith "%" must match values starting with "%" (none), not all
		const minister = ROLES[0]!;
		for (const [operator, value] of [
			['startsWith', '%'],
			['contains', '_'],
			['endsWith', '%'],
		] as const) {
			const req = buildRequest(rng, {
				id: `fixed:wildcard-${operator}`,
				role: 'minister',
				endpoint: 'load',
				method: 'GET',
				query: { measures: ['placements.placements'], filters: [{ member: 'placements.country', operator, values: [value] }] },
			});
			if (ONLY && !ONLY.has(req.id)) continue;
			const answer = await run(minister, req);
			tally(minister.label).checks['wildcards are literal'] = (tally(minister.label).checks['wildcards are literal'] ?? 0) + 1;
			const n = Number((answer.json?.data as Row[] | undefined)?.[0]?.['placements.placements'] ?? 0);
			if (answer.status === 200 && n > 0)
				report('wildcards are literal', minister, req, 200, `${operator} ${JSON.stringify(value)} matched ${n} placements`);
		}
		const found = violations.filter((v) => v.id.startsWith('fixed:'));
		expect(found.length, describeViolations(found)).toBe(0);
	}, 300_000);
});

describe('random attacks per role', () => {
	for (const role of ROLES) {
		it(`${role.label}: every answer keeps the role's promises`, async () => {
			const requests = generateRequests(SEED, catalog, role.role, role.label, PER_ROLE);
			fingerprints[role.label] = fingerprint(JSON.stringify(requests));
			await runAll(role, requests);
			const found = violationsOf(role.label, false);
			expect(found.length, describeViolations(found)).toBe(0);
		}, 600_000);
	}
});
