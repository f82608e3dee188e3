/**
 * The loader: interchange files (common/formats.ts) or HTTP bodies → validated, enriched facts,
 * exactly once. docs/ingestion.md explains it for the people who send data; publish.ts explains
 * the exactly-once argument; lock.ts the one-loader-per-database lock.
 *
 *   loadFiles(db, ['seeds/out/tiny'], { progress: true, afterLoad })   files or directories
 *   loadBatch(db, 'placements', body, { source: 'http 10.0.0.5', format: 'csv' })
 *   loadReferenceData(db)                                              dim_* from common/reference
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { ENTITIES, type Entity, entityOfFile, entitySpecs } from '../../../common/formats.ts';
import type { Warehouse } from '../client.ts';
import { type BatchInput, discardBatch, finishBatch, type Prepared, prepareBatch } from './batch.ts';
import { zeroCounts } from './batches.ts';
import { type ClusterTarget, openCluster, referenceSessions } from './cluster-target.ts';
import { loadInGroups, recoverGroups } from './group.ts';
import { acquireLoadLock, type LoadLock } from './lock.ts';
import { Progress } from './progress.ts';
import { recover } from './publish.ts';
import { loadReferenceData } from './reference-data.ts';
import { BodyTooLargeError, corruptGzip, decompressedLimit, decompressedTooLarge, gunzipChecked } from './refusals.ts';
import { type BatchReport, formatBatch, type LoadReport, sumCounts } from './report.ts';
import { type Log, Session } from './session.ts';
import type { Format } from './stage.ts';

export type { Counts } from './batches.ts';
export type { ClusterTarget } from './cluster-target.ts';
export { LockBusyError } from './lock.ts';
export { loadReferenceData, type ReferenceReport } from './reference-data.ts';
export { BatchRefused, BodyTooLargeError, CorruptGzipError, TooManyQuarantinedError } from './refusals.ts';
export type { BatchReport, BatchStatus, LoadReport, QuarantineSample } from './report.ts';
export { formatBatch, formatReport } from './report.ts';
export type { Format } from './stage.ts';

export interface LoadOptions {
	log?: Log;
	/** progress bar on a terminal, periodic lines otherwise (default false) */
	progress?: boolean;
	/**
	 * runs after a load that changed facts, once the load lock is released (warehouse/src/after-load.ts:
	 * rollups and Cube's pre-aggregations); the load's promise waits for it
	 */
	afterLoad?: (report: LoadReport) => Promise<void>;
	/** how long to wait for another loader to finish (default 30 minutes) */
	lockWaitMs?: number;
	/** load into a sharded cluster whose coordinator `db` is (docs/cluster.md) */
	cluster?: ClusterTarget;
}

const FILE_PATTERN = /\.(csv|ndjson|jsonl)(\.gz)?$/i;

/** How many files may be staged ahead of the one being published. */
const STAGE_AHEAD = 2;

export function formatOfFile(path: string): Format | undefined {
	const m = FILE_PATTERN.exec(path);
	if (!m) return undefined;
	return m[1]?.toLowerCase() === 'csv' ? 'csv' : 'ndjson';
}

interface FileEntry {
	path: string;
	entity?: Entity;
	format?: Format;
	problem?: string;
}

async function discover(paths: readonly string[], log: Log): Promise<FileEntry[]> {
	const files: FileEntry[] = [];
	const visit = async (path: string, explicit: boolean): Promise<void> => {
		const info = await stat(path);
		if (info.isDirectory()) {
			const names = (await readdir(path)).filter((n) => !n.startsWith('.')).sort();
			for (const name of names) await visit(join(path, name), false);
			return;
		}
		const entity = entityOfFile(basename(path));
		const format = formatOfFile(path);
		if (entity && format) {
			files.push({ path, entity, format });
		} else if (explicit) {
			files.push({
				path,
				problem: `cannot tell the ${entity ? 'format' : 'entity'} from the file name; name files like ${ENTITIES[0]}.csv or placements-2025-03.ndjson (.csv, .ndjson or .jsonl, optionally .gz)`,
			});
		} else {
			log(`  skipping ${path}: not an interchange file name`);
		}
	};
	for (const p of paths) await visit(resolve(p), true);
	const order = (e?: Entity) => (e ? ENTITIES.indexOf(e) : -1);
	return files.sort((a, b) => order(a.entity) - order(b.entity) || a.path.localeCompare(b.path));
}

async function sha256OfFile(path: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

function openFile(path: string, bytes: number): BatchInput['open'] {
	return (onBytes) => {
		const file = createReadStream(path, { highWaterMark: 256 * 1024 });
		file.on('data', (chunk) => onBytes(chunk.length));
		return /\.gz$/i.test(path) ? gunzipChecked(file, bytes) : file;
	};
}

/** Everything done under the lock: recovery first, then the work, then the hook. */
async function underLock<T>(
	db: Warehouse,
	options: { log: Log; lockWaitMs?: number; cluster?: ClusterTarget },
	work: (session: Session, lock: LoadLock, recovered: BatchReport[]) => Promise<T>,
): Promise<T> {
	const session = await Session.open(db, options.cluster && (await openCluster(db, options.cluster)));
	const lock = await acquireLoadLock(session, { waitMs: options.lockWaitMs, log: options.log });
	try {
		const recovered = await recover(session, lock, options.log, recoverGroups);
		for (const r of recovered) options.log(formatBatch(r));
		return await work(session, lock, recovered);
	} finally {
		await lock.release();
	}
}

function changedFacts(report: LoadReport): boolean {
	return report.recovered.length > 0 || report.batches.some((b) => b.status === 'committed' && b.counts.inserted + b.counts.updated > 0);
}

export async function loadFiles(db: Warehouse, paths: readonly string[], options: LoadOptions = {}): Promise<LoadReport> {
	const log = options.log ?? (() => {});
	const started = Date.now();
	const files = await discover(paths, log);
	const progress = new Progress(options.progress === true);
	const report = await underLock(
		db,
		{ log, lockWaitMs: options.lockWaitMs, cluster: options.cluster },
		async (session, lock, recovered) => {
			for (const node of referenceSessions(session)) await loadReferenceData(node.db);
			const batches: BatchReport[] = [];
			const blocked = new Map<Entity, string>();
			const seen = new Map<string, string>();
			let stop: string | undefined;
			const ctx = { log, progress };
			const notAttempted = (file: FileEntry, status: BatchReport['status'], message?: string): Prepared & { kind: 'done' } => ({
				kind: 'done',
				report: { batchId: '', entity: file.entity, source: file.path, counts: zeroCounts(), quarantine: [], seconds: 0, status, message },
			});
			const prepare = async (file: FileEntry): Promise<Prepared> => {
				try {
					return await prepareFile(file);
				} catch (error) {
					return notAttempted(file, 'failed', (error as Error).message);
				}
			};
			const prepareFile = async (file: FileEntry): Promise<Prepared> => {
				if (file.problem || !file.entity || !file.format) return notAttempted(file, 'rejected', file.problem);
				if (stop) return notAttempted(file, 'not-loaded', stop);
				const info = await stat(file.path);
				const input: BatchInput = {
					entity: file.entity,
					format: file.format,
					source: file.path,
					batchId: await sha256OfFile(file.path),
					bytes: info.size,
					open: openFile(file.path, info.size),
				};
				const key = `${input.batchId}/${input.entity}`;
				const twin = seen.get(key);
				if (twin) {
					const skipped = notAttempted(file, 'skipped', `same bytes as ${twin}, loaded in this run`);
					return { kind: 'done', report: { ...skipped.report, batchId: input.batchId } };
				}
				seen.set(key, file.path);
				return prepareBatch(session, input, ctx);
			};

			// Staging the next files (mostly Node's work) overlaps with planning and publishing this one
			// (ClickHouse's work); stagings run one after another, plans and publishes one at a time,
			// in file order. At most STAGE_AHEAD batches wait staged, which bounds the disk they use.
			const staged: Promise<Prepared>[] = [];
			let chain: Promise<unknown> = Promise.resolve();
			const stageUpTo = (k: number) => {
				while (staged.length <= k && staged.length < files.length) {
					const file = files[staged.length] as FileEntry;
					const p = chain.then(() => prepare(file));
					chain = p.catch(() => {});
					staged.push(p);
				}
			};
			try {
				for (let i = 0; i < files.length; i++) {
					const file = files[i] as FileEntry;
					stageUpTo(i + STAGE_AHEAD);
					const prepared = await (staged[i] as Promise<Prepared>);
					const dep = file.entity && entitySpecs[file.entity].dependsOn.find((e) => blocked.has(e));
					let result: BatchReport;
					if (prepared.kind === 'staged' && (stop || dep)) {
						const why = stop ?? `it refers to ${dep}, and ${blocked.get(dep as Entity)}`;
						await discardBatch(session, prepared, why);
						result = { ...notAttempted(file, 'not-loaded', why).report, batchId: prepared.input.batchId };
					} else {
						result = await finishBatch(session, lock, prepared, ctx);
					}
					batches.push(result);
					progress.done();
					log(formatBatch(result));
					if (file.entity && result.status === 'rejected') blocked.set(file.entity, `${file.path} was rejected`);
					if (file.entity && result.status === 'failed') {
						blocked.set(file.entity, `${file.path} failed`);
						// A failed batch may have left a plan half-published; nothing else may change until the
						// next load finishes it (publish.ts), so this load stops here.
						stop = `an earlier batch failed (${file.path}); run the load again`;
					}
				}
			} finally {
				// Nothing may go on touching the database once the lock is released.
				await Promise.allSettled(staged);
			}
			const report: LoadReport = {
				batches,
				recovered,
				totals: sumCounts([...recovered, ...batches]),
				seconds: (Date.now() - started) / 1000,
				ok: batches.every((b) => b.status === 'committed' || b.status === 'skipped'),
			};
			return report;
		},
	);
	// Outside the lock: the next load need not wait for the refresh (after-load.ts has its own lock).
	if (options.afterLoad && changedFacts(report)) await options.afterLoad(report);
	return report;
}

export interface LoadBatchOptions {
	/** who sent it (HTTP client, system name); recorded with the batch and every quarantined row */
	source: string;
	format: Format;
	/** the body is gzip-compressed (the batch id is the hash of the compressed bytes) */
	gzip?: boolean;
	/** refuse a streamed body larger than this (BodyTooLargeError) */
	maxBytes?: number;
	log?: Log;
	afterLoad?: (report: LoadReport) => Promise<void>;
	/** how long to wait for another loader (default 60 s; then LockBusyError) */
	lockWaitMs?: number;
	/** load into a sharded cluster whose coordinator `db` is (docs/cluster.md) */
	cluster?: ClusterTarget;
}

/** A body written to a temporary file (spoolBody); loadBatch reads it from there. */
export interface SpooledBody {
	path: string;
	/** sha256 of the bytes as received */
	batchId: string;
	bytes: number;
}

export interface SpoolOptions {
	/** refuse a body larger than this, as sent (BodyTooLargeError) */
	maxBytes?: number;
	/**
	 * The body is gzip: decode it while it arrives, so a corrupt body (CorruptGzipError) or one that
	 * decompresses past decompressedLimit (BodyTooLargeError) is refused before the load lock is taken.
	 */
	gzip?: boolean;
	/** the size the sender declared (Content-Length): the decompression limit holds from the first byte */
	declaredBytes?: number;
	/** aborts the spooling (e.g. the upload stalled) */
	signal?: AbortSignal;
	/** called for every chunk that arrives (an idle timer) */
	onChunk?: () => void;
}

/** Counts what a gzip body decompresses to while it is spooled; never keeps the output. */
class GzipProbe {
	private readonly gunzip = createGunzip();
	private out = 0;
	private failure: Error | undefined;
	private readonly ended: Promise<void>;

	constructor(private readonly compressedSoFar: () => number) {
		this.ended = new Promise<void>((resolve) => {
			this.gunzip.on('data', (chunk: Buffer) => {
				this.out += chunk.length;
				if (this.out > decompressedLimit(this.compressedSoFar())) this.fail(decompressedTooLarge(this.compressedSoFar()));
			});
			this.gunzip.on('error', (error: NodeJS.ErrnoException) => {
				this.fail(error.code?.startsWith('Z_') ? corruptGzip(error.message) : error);
				resolve();
			});
			this.gunzip.on('end', resolve);
			this.gunzip.on('close', resolve);
		});
	}

	private fail(error: Error): void {
		this.failure ??= error;
		this.gunzip.destroy();
	}

	check(): void {
		if (this.failure) throw this.failure;
	}

	async write(chunk: Buffer): Promise<void> {
		this.check();
		if (!this.gunzip.write(chunk)) {
			await new Promise<void>((resolve) => {
				const done = () => {
					this.gunzip.off('drain', done);
					this.gunzip.off('close', done);
					resolve();
				};
				this.gunzip.on('drain', done);
				this.gunzip.on('close', done);
			});
		}
		this.check();
	}

	async end(): Promise<void> {
		this.check();
		this.gunzip.end();
		await this.ended;
		this.check();
	}

	destroy(): void {
		this.gunzip.destroy();
	}
}

/**
 * Writes a streamed body to a temporary file while hashing it, so the load can read it twice and
 * memory stays flat. The caller removes the file (dropSpooled) when done.
 */
export async function spoolBody(body: Readable, options: SpoolOptions | number = {}): Promise<SpooledBody> {
	const o: SpoolOptions = typeof options === 'number' ? { maxBytes: options } : options;
	const maxBytes = o.maxBytes;
	const path = join(tmpdir(), `slmi-batch-${randomUUID()}`);
	const hash = createHash('sha256');
	let bytes = 0;
	const probe = o.gzip ? new GzipProbe(() => Math.max(bytes, o.declaredBytes ?? 0)) : undefined;
	try {
		await pipeline(
			body,
			async function* (source: AsyncIterable<Buffer>) {
				for await (const chunk of source) {
					o.onChunk?.();
					bytes += chunk.length;
					if (maxBytes !== undefined && bytes > maxBytes) {
						throw new BodyTooLargeError(`the body is larger than ${maxBytes.toLocaleString('en')} bytes`);
					}
					hash.update(chunk);
					await probe?.write(chunk);
					yield chunk;
				}
				await probe?.end();
			},
			createWriteStream(path),
			o.signal ? { signal: o.signal } : {},
		);
	} catch (error) {
		probe?.destroy();
		await rm(path, { force: true });
		throw error;
	}
	return { path, batchId: hash.digest('hex'), bytes };
}

export async function dropSpooled(body: SpooledBody): Promise<void> {
	await rm(body.path, { force: true });
}

function isSpooled(body: unknown): body is SpooledBody {
	return typeof body === 'object' && body !== null && 'path' in body && 'batchId' in body && !Buffer.isBuffer(body);
}

/**
 * Loads one batch: a Buffer, a stream (spooled to a temporary file first, so it can be read twice
 * and memory stays flat), or a body already spooled with spoolBody. A load of one: loadBatches.
 */
export async function loadBatch(
	db: Warehouse,
	entity: Entity,
	body: Buffer | Readable | SpooledBody,
	options: LoadBatchOptions,
): Promise<BatchReport> {
	const { source, format, gzip, maxBytes, ...loadOptions } = options;
	const ownSpool = Buffer.isBuffer(body) || isSpooled(body) ? undefined : await spoolBody(body, { maxBytes, gzip });
	try {
		const [report] = await loadBatches(
			db,
			[{ entity, body: ownSpool ?? (body as Buffer | SpooledBody), format, source, gzip, maxBytes }],
			loadOptions,
		);
		return report as BatchReport;
	} finally {
		if (ownSpool) await dropSpooled(ownSpool);
	}
}

/** One batch of loadBatches: a Buffer or a body already spooled (spoolBody). */
export interface BatchBody {
	entity: Entity;
	body: Buffer | SpooledBody;
	format: Format;
	/** who sent it (recorded with the batch and its quarantined rows) */
	source: string;
	gzip?: boolean;
	maxBytes?: number;
}

function batchInput(b: BatchBody): BatchInput {
	const { entity, body } = b;
	if (!ENTITIES.includes(entity)) throw new Error(`Unknown entity '${entity}'; one of ${ENTITIES.join(', ')}`);
	const gunzip = (stream: AsyncIterable<Buffer>, compressed: number) => (b.gzip ? gunzipChecked(stream, compressed) : stream);
	if (Buffer.isBuffer(body)) {
		if (b.maxBytes !== undefined && body.length > b.maxBytes) {
			throw new BodyTooLargeError(`the body is larger than ${b.maxBytes.toLocaleString('en')} bytes`);
		}
		return {
			entity,
			format: b.format,
			source: b.source,
			batchId: createHash('sha256').update(body).digest('hex'),
			bytes: body.length,
			open: (onBytes) => {
				onBytes(body.length);
				return gunzip(Readable.from([body]), body.length);
			},
		};
	}
	const { path, bytes } = body;
	return {
		entity,
		format: b.format,
		source: b.source,
		batchId: body.batchId,
		bytes,
		open: (onBytes) => {
			const file = createReadStream(path, { highWaterMark: 256 * 1024 });
			file.on('data', (chunk) => onBytes(chunk.length));
			return gunzip(file, bytes);
		},
	};
}

export interface LoadBatchesOptions {
	log?: Log;
	/** runs once after the load, outside the lock, when it changed facts (not awaited by onReport) */
	afterLoad?: (report: LoadReport) => Promise<void>;
	/** how long to wait for another loader (default 60 s; then LockBusyError) */
	lockWaitMs?: number;
	cluster?: ClusterTarget;
	/** each batch's report as soon as it is committed or refused (a group commits together, group.ts) */
	onReport?: (index: number, report: BatchReport) => void;
}

/**
 * Loads several batches as ONE load: one lock take, and the small batches of one entity planned,
 * published and committed together in groups (group.ts), each batch keeping its own id, registry
 * rows, quarantine, counts and report. The ingest API loads the pushes that waited for the lock
 * this way. Reports in the order given.
 */
export async function loadBatches(db: Warehouse, bodies: readonly BatchBody[], options: LoadBatchesOptions = {}): Promise<BatchReport[]> {
	const log = options.log ?? (() => {});
	const started = Date.now();
	const inputs = bodies.map(batchInput);
	const lockOptions = { log, lockWaitMs: options.lockWaitMs ?? 60_000, cluster: options.cluster };
	const load = await underLock(db, lockOptions, async (session, lock, recovered): Promise<LoadReport> => {
		for (const node of referenceSessions(session)) {
			const [dims] = await node.rows<{ n: string | number }>('SELECT count() AS n FROM dim_countries');
			if (Number(dims?.n) === 0) await loadReferenceData(node.db);
		}
		// Recovery dropped every staging table, and a batch id comes back only after its first copy committed or was refused.
		const ctx = { log, progress: new Progress(false), fresh: true };
		const batches = await loadInGroups(
			session,
			lock,
			inputs,
			ctx,
			(i, r) => options.onReport?.(i, r),
			(input) => prepareBatch(session, input, ctx),
		);
		return {
			batches,
			recovered,
			totals: sumCounts([...recovered, ...batches]),
			seconds: (Date.now() - started) / 1000,
			ok: batches.every((b) => b.status === 'committed' || b.status === 'skipped'),
		};
	});
	if (options.afterLoad && changedFacts(load)) await options.afterLoad(load);
	return load.batches;
}
