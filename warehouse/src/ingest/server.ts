/**
 * The HTTP ingest API: source systems push a batch instead of dropping a file.
 *
 *   POST /v1/batches/{entity}     body: CSV (text/csv) or NDJSON (application/x-ndjson), optionally
 *                                 Content-Encoding: gzip; Authorization: Bearer <token>
 *   GET  /v1/batches/{batch_id}   the batch's state (a full id or a prefix of at least 12 hex digits)
 *
 * A request body is one batch with exactly the semantics of a file (warehouse/src/load): the
 * batch id is the sha256 of the body, so sending the same body again changes nothing. Bodies are
 * spooled to a temporary file while being read (memory stays flat) and refused above MAX_BODY_BYTES.
 * Requests are loaded one at a time (the load lock allows one loader per database anyway).
 * Listens on 127.0.0.1 unless told otherwise: put a TLS-terminating proxy in front to expose it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ENTITIES, type Entity } from '../../../common/formats.ts';
import type { Warehouse } from '../client.ts';
import { batchRecords } from '../load/batches.ts';
import {
	type BatchReport,
	BodyTooLargeError,
	type ClusterTarget,
	dropSpooled,
	type Format,
	type LoadReport,
	LockBusyError,
	loadBatch,
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
	/** runs after a batch that changed facts, still under the load lock (refresh rollups here) */
	afterLoad?: (report: LoadReport) => Promise<void>;
	/** how long a request waits for another loader before answering 503 (default 60 s) */
	lockWaitMs?: number;
	/** load into a sharded cluster whose coordinator `db` is (docs/cluster.md) */
	cluster?: ClusterTarget;
}

export interface IngestServer {
	url: string;
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

function batchJson(report: BatchReport): Record<string, unknown> {
	return {
		batch_id: report.batchId,
		entity: report.entity,
		source: report.source,
		status: report.status,
		message: report.message,
		counts: report.counts,
		quarantine: report.quarantine.slice(0, REPORT_QUARANTINE_SAMPLE),
		recovered: report.recovered === true ? true : undefined,
		seconds: report.seconds,
	};
}

export async function startIngestServer(options: IngestServerOptions): Promise<IngestServer> {
	const log = options.log ?? (() => {});
	const maxBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
	if (!options.token) throw new Error('startIngestServer needs a non-empty token');
	await loadReferenceData(options.db);
	// One batch at a time from this process; other processes queue on the database lock.
	let queue: Promise<unknown> = Promise.resolve();
	const serially = <T>(work: () => Promise<T>): Promise<T> => {
		const run = queue.then(work, work);
		queue = run.catch(() => {});
		return run;
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
		let body: SpooledBody | undefined;
		try {
			body = await spoolBody(req, maxBytes);
			const spooled = body;
			const report = await serially(() =>
				loadBatch(options.db, entity, spooled, {
					source,
					format,
					gzip: encoding === 'gzip',
					maxBytes,
					log,
					afterLoad: options.afterLoad,
					lockWaitMs: options.lockWaitMs,
					cluster: options.cluster,
				}),
			);
			const status = report.status === 'committed' || report.status === 'skipped' ? 200 : report.status === 'rejected' ? 422 : 500;
			log(`ingest: ${entity} from ${source}: ${report.status} (${report.counts.read} read, ${report.counts.quarantined} quarantined)`);
			send(res, status, batchJson(report));
		} catch (error) {
			if (error instanceof BodyTooLargeError) {
				send(res, 413, { error: `${error.message}; split the batch.` }, { connection: 'close' });
				req.destroy();
			} else if (error instanceof LockBusyError) {
				send(res, 503, { error: error.message }, { 'retry-after': '60' });
			} else {
				log(`ingest: ${entity} from ${source} failed: ${(error as Error).message}`);
				send(res, 500, { error: (error as Error).message });
			}
		} finally {
			if (body) await dropSpooled(body);
		}
	}

	async function get(res: ServerResponse, id: string): Promise<void> {
		const session = await Session.open(options.db);
		const records = await batchRecords(session, id);
		if (records.length === 0) {
			send(res, 404, { error: `No batch ${id}` });
			return;
		}
		const batches = [];
		for (const r of records) {
			batches.push({
				batch_id: r.batchId,
				entity: r.entity,
				source: r.source,
				state: r.state,
				at: r.at,
				message: r.message || undefined,
				counts: r.counts,
				quarantine: await quarantineSample(session, 'ops_quarantine', `batch_id = ${str(r.batchId)} AND entity = ${str(r.entity)}`),
			});
		}
		send(res, 200, batches.length === 1 ? batches[0] : { batches });
	}

	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const parts = url.pathname.split('/').filter(Boolean);
		const handle = async () => {
			if (!tokenMatches(req.headers.authorization, options.token)) {
				req.resume();
				send(res, 401, { error: 'Missing or wrong bearer token' }, { 'www-authenticate': 'Bearer' });
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
			log(`ingest: ${req.method} ${url.pathname} failed: ${error.message}`);
			if (!res.headersSent) send(res, 500, { error: error.message });
		});
	});
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
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections?.();
			}),
	};
}
