/**
 * The data generator's API. `generate()` writes one data set to a folder in the interchange
 * format (common/formats.ts) and a manifest; `generateRows()` sends the same rows to any RowSink
 * (the calibration tests aggregate national volumes in memory that way, without files).
 *
 *   const report = await generate({ scale: 'tiny', until: '2026-11-15', outDir: '/tmp/x', format: 'csv' });
 *
 * Same options ⇒ byte-identical files: no clock, no Math.random(), one seeded PRNG per story, ids
 * per shard. The work is split into shards (story.ts) that worker threads generate in parallel
 * into part files; the main thread appends the parts to the final files in shard order, hashing
 * as it goes — the same bytes as generating the shards one after another in one thread.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ENTITIES, type Entity } from '../../common/formats.ts';
import { dayOf, monthOfDay } from './dates.ts';
import { FileSink, type Format, type WrittenFile } from './file-sink.ts';
import { Plan, type Scale } from './plan.ts';
import { csvHeader, type RowSink } from './records.ts';
import { Generator, type GeneratorCounts, type Shard, shardsFor } from './story.ts';

export type { Format } from './file-sink.ts';
export type { Scale } from './plan.ts';

/** Bump when a change alters the output for the same options (it is written to the manifest). */
export const GENERATOR_VERSION = '1.2.0';

export interface GenerateOptions {
	scale: Scale;
	/** default 2026 */
	seed?: number;
	/** last day of data, inclusive, 'YYYY-MM-DD' */
	until: string;
	outDir: string;
	format: Format;
	/**
	 * Worker threads (0 = generate in this thread). Default: one per CPU (at most 8) for national
	 * and large, 0 for tiny (starting a thread costs more than tiny's whole run). The output does
	 * not depend on it.
	 */
	workers?: number;
}

export interface GeneratedFile {
	entity: Entity;
	/** file name, relative to outDir */
	path: string;
	rows: number;
	sha256: string;
}

export interface GenerateReport {
	options: Required<GenerateOptions>;
	files: GeneratedFile[];
	rows: Record<Entity, number>;
	totalRows: number;
	seconds: number;
	rowsPerSecond: number;
	/** peak resident set size of this process (worker threads share it) */
	peakRssBytes: number;
}

export const DEFAULT_SEED = 2026;

export interface RowOptions {
	scale: Scale;
	seed?: number;
	until: string;
}

function validate(options: RowOptions): Required<RowOptions> {
	const seed = options.seed ?? DEFAULT_SEED;
	if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`seed must be an integer 0–4294967295, got ${seed}`);
	if (!['tiny', 'national', 'large'].includes(options.scale)) throw new Error(`unknown scale ${options.scale}`);
	dayOf(options.until);
	return { scale: options.scale, seed, until: options.until };
}

const ZERO: GeneratorCounts = { lines: 0, candidates: 0, trainings: 0, certifications: 0, applications: 0, placements: 0 };

/** Generates every row, shard after shard, and hands it to `sink`; resolves with the row counts. */
export async function generateRows(options: RowOptions, sink: RowSink): Promise<GeneratorCounts> {
	const { scale, seed, until } = validate(options);
	const plan = new Plan({ scale, until });
	const generator = new Generator(plan, seed, sink);
	for (const shard of shardsFor(plan.untilMonth)) await generator.runShard(shard);
	return generator.counts;
}

function countsByEntity(c: GeneratorCounts): Record<Entity, number> {
	return {
		job_order_lines: c.lines,
		candidates: c.candidates,
		trainings: c.trainings,
		certifications: c.certifications,
		applications: c.applications,
		placements: c.placements,
	};
}

/** The final files: created on first use (with the CSV header), appended to, hashed as written. */
class FinalFiles {
	private readonly files = new Map<
		string,
		{ entity: Entity; year: number; name: string; stream: WriteStream; hash: ReturnType<typeof createHash>; rows: number }
	>();

	constructor(
		private readonly dir: string,
		private readonly format: Format,
	) {}

	async append(part: WrittenFile, partDir: string): Promise<void> {
		const ext = this.format === 'csv' ? 'csv' : 'ndjson';
		const name = `${part.entity}-${part.year}.${ext}`;
		let f = this.files.get(name);
		if (!f) {
			f = {
				entity: part.entity,
				year: part.year,
				name,
				stream: createWriteStream(join(this.dir, name)),
				hash: createHash('sha256'),
				rows: 0,
			};
			this.files.set(name, f);
			if (this.format === 'csv') {
				const header = Buffer.from(csvHeader(part.entity), 'latin1');
				f.hash.update(header);
				f.stream.write(header);
			}
		}
		const path = join(partDir, part.path);
		for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
			f.hash.update(chunk as Buffer);
			if (!f.stream.write(chunk)) await once(f.stream, 'drain');
		}
		f.rows += part.rows;
		await unlink(path);
	}

	async close(): Promise<WrittenFile[]> {
		const all = [...this.files.values()];
		await Promise.all(all.map((f) => new Promise<void>((resolve, reject) => f.stream.once('error', reject).end(resolve))));
		return all
			.sort((a, b) => ENTITIES.indexOf(a.entity) - ENTITIES.indexOf(b.entity) || a.year - b.year)
			.map((f) => ({ entity: f.entity, path: f.name, year: f.year, rows: f.rows, bytes: 0, sha256: f.hash.digest('hex') }));
	}
}

interface ShardDone {
	shard: number;
	files: WrittenFile[];
	counts: GeneratorCounts;
}

/** Runs the shards on `workers` threads; appends each shard's parts in shard order as soon as it and all before it are done. */
async function generateParallel(
	options: Required<GenerateOptions>,
	shards: Shard[],
): Promise<{ files: WrittenFile[]; counts: GeneratorCounts }> {
	const partDir = join(options.outDir, '.parts');
	await mkdir(partDir, { recursive: true });
	const final = new FinalFiles(options.outDir, options.format);
	const results = new Map<number, ShardDone>();
	const waiting = new Map<number, () => void>();
	const counts = { ...ZERO };
	const queue = [...shards];
	const pool: Worker[] = [];
	let failure: unknown;
	const done = new Promise<void>((resolve, reject) => {
		let running = 0;
		const next = (worker: Worker) => {
			const shard = queue.shift();
			if (!shard) {
				void worker.terminate();
				if (--running === 0) resolve();
				return;
			}
			worker.postMessage(shard);
		};
		for (let i = 0; i < Math.min(options.workers, shards.length); i++) {
			// A plain .mjs entry registers the TypeScript loader (tsx), then imports the worker module.
			const worker = new Worker(new URL('./shard-worker.mjs', import.meta.url), {
				workerData: { scale: options.scale, seed: options.seed, until: options.until, format: options.format, partDir },
			});
			running++;
			pool.push(worker);
			worker.on('message', (message: ShardDone) => {
				results.set(message.shard, message);
				waiting.get(message.shard)?.();
				next(worker);
			});
			worker.on('error', (error) => {
				failure = error;
				for (const w of pool) void w.terminate();
				reject(error);
			});
			worker.once('online', () => next(worker));
		}
	});
	done.catch(() => {});
	for (const shard of shards) {
		if (!results.has(shard.index)) {
			await Promise.race([new Promise<void>((resolve) => waiting.set(shard.index, resolve)), done.then(() => undefined)]);
			if (failure) throw failure;
		}
		const result = results.get(shard.index);
		if (!result) throw failure ?? new Error(`shard ${shard.index} produced no result`);
		for (const part of result.files) await final.append(part, partDir);
		for (const k of Object.keys(counts) as (keyof GeneratorCounts)[]) counts[k] += result.counts[k];
		results.delete(shard.index);
	}
	await done;
	await rm(partDir, { recursive: true, force: true });
	return { files: await final.close(), counts };
}

/**
 * Wipes and recreates `outDir`, writes the data files, then `manifest.json` last (through a
 * rename, so its presence means the set is complete).
 */
export async function generate(options: GenerateOptions): Promise<GenerateReport> {
	const started = process.hrtime.bigint();
	const base = validate(options);
	if (options.format !== 'csv' && options.format !== 'ndjson') throw new Error(`unknown format ${options.format}`);
	const workers = options.workers ?? (base.scale === 'tiny' ? 0 : Math.min(8, availableParallelism()));
	const full: Required<GenerateOptions> = { ...base, outDir: options.outDir, format: options.format, workers };
	await rm(full.outDir, { recursive: true, force: true });
	await mkdir(full.outDir, { recursive: true });
	let written: WrittenFile[];
	let counts: GeneratorCounts;
	if (workers > 0) {
		({ files: written, counts } = await generateParallel(full, shardsFor(monthOfDay(dayOf(full.until)))));
	} else {
		const sink = new FileSink(full.outDir, full.format);
		counts = await generateRows(base, sink);
		written = await sink.close();
	}
	const rows = countsByEntity(counts);
	for (const entity of ENTITIES) {
		const inFiles = written.filter((f) => f.entity === entity).reduce((s, f) => s + f.rows, 0);
		if (inFiles !== rows[entity]) throw new Error(`internal: ${entity} counted ${rows[entity]} rows but wrote ${inFiles}`);
	}
	const files = written.map(({ entity, path, rows: n, sha256 }) => ({ entity, path, rows: n, sha256 }));
	const totalRows = ENTITIES.reduce((s, e) => s + rows[e], 0);
	// The manifest holds only what the options determine (not the folder, the time or the number
	// of workers), so it is byte-identical across runs too.
	const manifest = {
		generator: 'slmi-seeds',
		version: GENERATOR_VERSION,
		options: { scale: full.scale, seed: full.seed, until: full.until, format: full.format },
		files,
		rows,
		totalRows,
	};
	const tmp = join(full.outDir, 'manifest.json.tmp');
	await writeFile(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
	await rename(tmp, join(full.outDir, 'manifest.json'));
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	return {
		options: full,
		files,
		rows,
		totalRows,
		seconds,
		rowsPerSecond: totalRows / seconds,
		peakRssBytes: process.resourceUsage().maxRSS * 1024,
	};
}
