/**
 * The HTTP ingest API: source systems push a batch instead of dropping a file.
 *
 *   POST /v1/batches/{entity}     body: CSV (text/csv) or NDJSON (application/x-ndjson), optionally
 *                                 Content-Encoding: gzip; Authorization: Bearer <token>
 *   GET  /v1/batches/{batch_id}   the batch's state (a full id or a prefix of at least 12 hex digits)
 *
 * A request body is one batch with exactly the semantics of a file (warehouse/src/load): the
 * batch id is the sha256 of the body, so sending the same body again changes nothing. Bodies are
 * spooled to a temporary file while being read (memory stays flat) and refused above MAX_BODY_BYTES;
 * a gzip body is decoded while it arrives, so a corrupt one (400) or one that decompresses past the
 * limit (413, load/limits.ts) is refused before the load lock is taken. A body that stops arriving
 * for idleTimeoutMs is answered 408 and its connection closed.
 * Requests are loaded one load at a time (the load lock allows one loader per database anyway);
 * the requests that arrive during a load are loaded together by the next one (group commit,
 * load/group.ts), each still answered on its own.
 * Listens on 127.0.0.1 unless told otherwise: put a TLS-terminating proxy in front to expose it.
 *
 * Answers speak about the sender's data (file name, line, field) and never show a server path,
 * SQL or a stack: a failure on the server is logged here and answered with a reference to the log.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ENTITIES, type Entity } from '../../../common/formats.ts';
import { VISIBILITY_TABLE } from '../after-load.ts';
import type { Warehouse } from '../client.ts';
import { batchRecords } from '../load/batches.ts';
import { MAX_GROUP_BATCHES } from '../load/group.ts';
import {
	type BatchBody,
	BatchRefused,
	type BatchReport,
	BodyTooLargeError,
	type ClusterTarget,
	CorruptGzipError,
	dropSpooled,
	type Format,
	type LoadReport,
	LockBusyError,
	loadBatches,
	loadReferenceData,
	type SpooledBody,
	spoolBody,
} from '../load/index.ts';
import { REPORT_QUARANTINE_SAMPLE } from '../load/limits.ts';
import { quarantineSample } from '../load/publish.ts';
import { Session } from '../load/session.ts';
import { str } from '../load/sql.ts';

/** Largest accepted request body (as sent, before gzip decoding): 256 MiB, about 2 million rows. */
export const MAX_BODY_BYTES = 256 * 1024 * 1024;

export interface IngestServerOptions {
	db: Warehouse;
	port: number;
	token: string;
	host?: string;
	log?: (line: string) => void;
	maxBodyBytes?: number;
	/**
	 * called once a batch that changed facts is committed and the load lock released; the answer
	 * does not wait for it (pass an AfterLoadRefresher's request, warehouse/src/after-load.ts)
	 */
	afterLoad?: (report: LoadReport) => Promise<void> | void;
	/** what the background after-load work is doing, for `GET /v1/refresh` (idle when absent) */
	refreshState?: () => { running: boolean; pending: number };
	/** how long a request waits for another loader before answering 503 (default 60 s) */
	lockWaitMs?: number;
	/** load into a sharded cluster whose coordinator `db` is (docs/cluster.md) */
	cluster?: ClusterTarget;
	/** longest silence while a request body arrives before it is answered 408 and closed (default 15 s) */
	idleTimeoutMs?: number;
	/** longest time to receive a request's headers (default 10 s) */
	headersTimeoutMs?: number;
	/** longest time to receive a whole request, headers and body (default 15 minutes) */
	requestTimeoutMs?: number;
	/**
	 * most pushes waiting for the next load (default MAX_WAITING_PUSHES); a push beyond it is answered
	 * 503 with Retry-After instead of queueing without end
	 */
	maxWaiting?: number;
}

/** Pushes that may wait for the next load: ten full groups (load/group.ts MAX_GROUP_BATCHES). */
export const MAX_WAITING_PUSHES = 10 * MAX_GROUP_BATCHES;
/** What a push told to come back later (a full queue) is told to wait, in seconds. */
export const QUEUE_FULL_RETRY_AFTER_S = 10;

export const DEFAULT_IDLE_TIMEOUT_MS = 15_000;
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 15 * 60_000;

export interface IngestServer {
	url: string;
	/** pushes whose bodies have arrived and that wait for the next load (group commit) */
	waiting(): number;
	close(): Promise<void>;
}

const FORMATS: Record<string, Format> = {
	'text/csv': 'csv',
	'application/x-ndjson': 'ndjson',
	'application/ndjson': 'ndjson',
	'application/jsonl': 'ndjson',
};

function digest(value: string): Buffer {
	return createHash('sha256').update(value).digest();
}

/** Constant-time comparison: both sides are hashed first, so neither length nor content leaks through timing. */
export function tokenMatches(header: string | undefined, token: string): boolean {
	const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
	const given = m?.[1] ?? '';
	return timingSafeEqual(digest(given), digest(token)) && given.length > 0;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const text = `${JSON.stringify(body, null, 2)}\n`;
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
	res.end(text);
}

/**
 * Server paths out of a text meant for the sender: an absolute path (a file the CLI loaded, a
 * temporary file) becomes its file name, which is what names the sender's data.
 */
export function withoutPaths(text: string): string {
	return text
		.replace(/(?<![\w.~-])(?:[A-Za-z]:)?(?:[\\/][^\s'"`()<>,;:\\/]+)+[\\/]([^\s'"`()<>,;:\\/]+)/g, '$1')
		.replace(/(?<![\w.~-])(?:[A-Za-z]:)?[\\/](?:tmp|var|srv|home|root|etc|usr|opt|data|mnt|work)\b[^\s'"`()<>,;]*/g, '(server file)');
}

/** What a batch came from, as the sender may see it: an HTTP source as is, a loaded file by its name. */
function publicSource(source: string): string {
	return source.startsWith('http ') ? source : withoutPaths(source);
}

const SERVER_FAILURE = 'The load failed on the server; nothing of this batch was loaded. Send it again';

/** A message about a batch, for the sender: the data's problems as they are, a server failure as a reference. */
function publicMessage(status: string, message: string | undefined, log: (line: string) => void, context: string): string | undefined {
	if (!message) return undefined;
	if (status === 'failed' && !/^(rejected|not loaded):/.test(message)) {
		const ref = randomUUID().slice(0, 8);
		log(`ingest: ${context} failed [ref ${ref}]: ${message}`);
		return `${SERVER_FAILURE}; if it fails again, give the operator the reference ${ref}.`;
	}
	return withoutPaths(message);
}

/** When each batch became visible on the dashboards (after-load.ts), 'YYYY-MM-DDThh:mm:ss.sssZ' by batch/entity. */
async function visibility(session: Session, batchIds: string[]): Promise<Map<string, string>> {
	const result = new Map<string, string>();
	if (batchIds.length === 0 || !(await session.tableExists(VISIBILITY_TABLE))) return result;
	const rows = await session.rows<{ batch_id: string; entity: string; ms: string | number }>(
		`SELECT batch_id, entity, toString(min(visible_ms)) AS ms FROM ${VISIBILITY_TABLE} WHERE batch_id IN (${batchIds.map(str).join(', ')}) GROUP BY batch_id, entity`,
	);
	for (const r of rows) result.set(`${r.batch_id}/${r.entity}`, new Date(Number(r.ms)).toISOString());
	return result;
}

function batchJson(report: BatchReport, log: (line: string) => void): Record<string, unknown> {
	const message = publicMessage(report.status, report.message, log, `batch ${report.batchId.slice(0, 12)}`);
	return {
		batch_id: report.batchId,
		entity: report.entity,
		source: publicSource(report.source),
		status: report.status,
		error: report.status === 'rejected' || report.status === 'failed' ? message : undefined,
		message,
		counts: report.counts,
		quarantine: report.quarantine
			.slice(0, REPORT_QUARANTINE_SAMPLE)
			.map((q) => ({ line: q.line, field: q.field, reason: withoutPaths(q.reason) })),
		recovered: report.recovered === true ? true : undefined,
		seconds: report.seconds,
	};
}

class UploadStalled extends Error {}

export async function startIngestServer(options: IngestServerOptions): Promise<IngestServer> {
	const log = options.log ?? (() => {});
	const maxBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
	const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
	if (!options.token) throw new Error('startIngestServer needs a non-empty token');
	await loadReferenceData(options.db);
	// Group commit: one load at a time from this process (other processes queue on the database
	// lock); the pushes that arrive while a load runs wait here and are then loaded together as the
	// next load (loadBatches: one lock take, and small batches of one entity planned and committed
	// as one group, load/group.ts), each answered when that load ends.
	interface Waiting {
		body: BatchBody;
		resolve: (report: BatchReport) => void;
		reject: (error: unknown) => void;
	}
	let waiting: Waiting[] = [];
	let loading = false;
	const drain = async (): Promise<void> => {
		loading = true;
		try {
			while (waiting.length > 0) {
				const group = waiting.slice(0, MAX_GROUP_BATCHES);
				waiting = waiting.slice(group.length);
				try {
					// Answered when the load ends (right after its last commit and the lock's release), once
					// the refresh is requested: a client that then asks GET /v1/refresh sees it pending.
					const reports = await loadBatches(
						options.db,
						group.map((w) => w.body),
						{
							log,
							lockWaitMs: options.lockWaitMs,
							cluster: options.cluster,
							// Not awaited: the answers go out as soon as the batches are committed; the refresh
							// (coalesced, outside the load lock) records when they became visible.
							afterLoad: options.afterLoad
								? async (load) => {
										Promise.resolve()
											.then(() => options.afterLoad?.(load))
											.catch((error: Error) => log(`ingest: after-load refresh failed: ${error.message}`));
									}
								: undefined,
						},
					);
					for (const [i, w] of group.entries()) w.resolve(reports[i] as BatchReport);
				} catch (error) {
					for (const w of group) w.reject(error);
				}
			}
		} finally {
			loading = false;
		}
	};
	const load = (body: BatchBody): Promise<BatchReport> =>
		new Promise<BatchReport>((resolve, reject) => {
			waiting.push({ body, resolve, reject });
			if (!loading) void drain();
		});
	// Overload: beyond maxWaiting pushes waiting, a push is told to come back (503, Retry-After) —
	// asked before its body is read and again once it has been, as others may have arrived meanwhile.
	const maxWaiting = options.maxWaiting ?? MAX_WAITING_PUSHES;
	const queueFull = (res: ServerResponse, entity: Entity, source: string): boolean => {
		if (waiting.length < maxWaiting) return false;
		log(`ingest: ${entity} from ${source}: ${waiting.length} pushes wait for the next load; answered 503`);
		send(
			res,
			503,
			{
				error: `${waiting.length} batches are waiting to be loaded; nothing of this one was loaded. Send it again in ${QUEUE_FULL_RETRY_AFTER_S} s.`,
			},
			{ 'retry-after': String(QUEUE_FULL_RETRY_AFTER_S), connection: 'close' },
		);
		return true;
	};

	async function post(req: IncomingMessage, res: ServerResponse, entity: Entity): Promise<void> {
		const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
		const format = FORMATS[type];
		if (!format) {
			req.resume();
			send(res, 415, { error: `Content-Type must be text/csv or application/x-ndjson, got '${type || '(none)'}'` });
			return;
		}
		const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
		if (encoding !== 'identity' && encoding !== 'gzip') {
			req.resume();
			send(res, 415, { error: `Content-Encoding must be gzip or absent, got '${encoding}'` });
			return;
		}
		const declared = Number(req.headers['content-length'] ?? Number.NaN);
		if (Number.isFinite(declared) && declared > maxBytes) {
			send(
				res,
				413,
				{
					error: `The body is ${declared.toLocaleString('en')} bytes; the limit is ${maxBytes.toLocaleString('en')} bytes. Split the batch.`,
				},
				{ connection: 'close' },
			);
			req.destroy();
			return;
		}
		const client = String(req.headers['x-slmi-source'] ?? req.headers['user-agent'] ?? 'unknown client').slice(0, 100);
		const source = `http ${req.socket.remoteAddress ?? '?'} ${client}`;
		const gzip = encoding === 'gzip';
		if (queueFull(res, entity, source)) {
			// its body is not read: the connection goes once the answer is out
			res.once('finish', () => req.destroy());
			return;
		}
		// A body that stops arriving is answered 408 and its connection closed; it never reaches the lock.
		const stall = new AbortController();
		let timer: NodeJS.Timeout | undefined;
		let stalled = false;
		const idle = () => {
			clearTimeout(timer);
			timer = setTimeout(() => {
				stalled = true;
				log(`ingest: ${entity} from ${source}: the body stopped arriving; answered 408`);
				send(
					res,
					408,
					{ error: `The request body stopped arriving (nothing for ${Math.round(idleMs / 1000)} s); nothing was loaded. Send it again.` },
					{ connection: 'close' },
				);
				// Aborting the spool destroys the request and its socket: only once the answer is out.
				res.once('finish', () => stall.abort(new UploadStalled()));
			}, idleMs);
		};
		idle();
		let body: SpooledBody | undefined;
		try {
			body = await spoolBody(req, {
				maxBytes,
				gzip,
				declaredBytes: Number.isFinite(declared) ? declared : undefined,
				signal: stall.signal,
				onChunk: idle,
			});
			clearTimeout(timer);
			const spooled = body;
			if (queueFull(res, entity, source)) return;
			const report = await load({ entity, body: spooled, format, gzip, maxBytes, source });
			const status = report.status === 'committed' || report.status === 'skipped' ? 200 : report.status === 'rejected' ? 422 : 500;
			log(`ingest: ${entity} from ${source}: ${report.status} (${report.counts.read} read, ${report.counts.quarantined} quarantined)`);
			send(res, status, batchJson(report, log));
		} catch (error) {
			clearTimeout(timer);
			if (stalled) {
				// answered when it stalled
			} else if (error instanceof BodyTooLargeError) {
				send(res, 413, { error: `${withoutPaths(error.message)}; split the batch.` }, { connection: 'close' });
				req.destroy();
			} else if (error instanceof CorruptGzipError) {
				send(res, 400, { error: `The body is not valid gzip: ${withoutPaths(error.message)}.` }, { connection: 'close' });
				req.destroy();
			} else if (error instanceof BatchRefused) {
				send(res, 422, { error: withoutPaths(error.message) });
			} else if (error instanceof LockBusyError) {
				log(`ingest: ${entity} from ${source}: ${error.message}`);
				send(res, 503, { error: 'Another load is running against the warehouse; try again later.' }, { 'retry-after': '60' });
			} else {
				send(res, 500, { error: publicMessage('failed', (error as Error).message, log, `${entity} from ${source}`) });
			}
		} finally {
			if (body) await dropSpooled(body);
		}
	}

	async function get(res: ServerResponse, id: string): Promise<void> {
		const session = await Session.open(options.db, undefined, 'read');
		const records = await batchRecords(session, id);
		if (records.length === 0) {
			send(res, 404, { error: `No batch ${id}` });
			return;
		}
		const visible = await visibility(
			session,
			records.map((r) => r.batchId),
		);
		const batches = [];
		for (const r of records) {
			batches.push({
				batch_id: r.batchId,
				entity: r.entity,
				source: publicSource(r.source),
				state: r.state,
				at: r.at,
				// when the dashboards answer with it (after the coalesced refresh); null until then
				visible_at: r.state === 'committed' ? (visible.get(`${r.batchId}/${r.entity}`) ?? null) : undefined,
				message: publicMessage(r.state, r.message || undefined, log, `batch ${r.batchId.slice(0, 12)}`),
				counts: r.counts,
				quarantine: (await quarantineSample(session, 'ops_quarantine', `batch_id = ${str(r.batchId)} AND entity = ${str(r.entity)}`)).map(
					(q) => ({ ...q, reason: withoutPaths(q.reason) }),
				),
			});
		}
		send(res, 200, batches.length === 1 ? batches[0] : { batches });
	}

	const server = createServer(
		{
			headersTimeout: options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
			requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
			// Node checks the two timeouts above on this interval (30 s by default).
			connectionsCheckingInterval: Math.min(1000, options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS),
		},
		(req, res) => {
			const url = new URL(req.url ?? '/', 'http://localhost');
			const parts = url.pathname.split('/').filter(Boolean);
			const handle = async () => {
				if (!tokenMatches(req.headers.authorization, options.token)) {
					req.resume();
					send(res, 401, { error: 'Missing or wrong bearer token' }, { 'www-authenticate': 'Bearer' });
					return;
				}
				// GET /v1/refresh: whether refreshes (and the matching run after them) are still going,
				// so a client that pushed batches can wait until the dashboards answer with all of them
				if (parts.length === 2 && parts[0] === 'v1' && parts[1] === 'refresh' && req.method === 'GET') {
					send(res, 200, options.refreshState?.() ?? { running: false, pending: 0 });
					return;
				}
				if (parts.length !== 3 || parts[0] !== 'v1' || parts[1] !== 'batches') {
					req.resume();
					send(res, 404, { error: 'Not found; POST /v1/batches/{entity} or GET /v1/batches/{batch_id}' });
					return;
				}
				const target = parts[2] as string;
				if (req.method === 'POST') {
					if (!(ENTITIES as readonly string[]).includes(target)) {
						req.resume();
						send(res, 404, { error: `Unknown entity '${target}'; one of ${ENTITIES.join(', ')}` });
						return;
					}
					await post(req, res, target as Entity);
				} else if (req.method === 'GET') {
					if (!/^[0-9a-f]{12,64}$/.test(target)) {
						send(res, 404, { error: 'A batch id is 12 to 64 lowercase hex digits' });
						return;
					}
					await get(res, target);
				} else {
					req.resume();
					send(res, 405, { error: 'Use POST or GET' }, { allow: 'GET, POST' });
				}
			};
			handle().catch((error: Error) => {
				if (!res.headersSent) send(res, 500, { error: publicMessage('failed', error.message, log, `${req.method} ${url.pathname}`) });
				else log(`ingest: ${req.method} ${url.pathname} failed: ${error.message}`);
			});
		},
	);
	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, host, () => resolve());
	});
	const address = server.address() as AddressInfo;
	const url = `http://${host}:${address.port}`;
	log(`ingest API listening on ${url}`);
	return {
		url,
		waiting: () => waiting.length,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections?.();
			}),
	};
}
