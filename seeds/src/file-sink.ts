/**
 * Writes rows to `<outDir>/<entity>-<YYYY>.<csv|ndjson>`, one file per entity and year of the
 * entity's partition date. Rows are formatted straight into a 256 KiB byte buffer per file
 * (records.ts), so no per-row string is built — at millions of rows, garbage collection of such
 * strings cost more than the rest of the generator. A full buffer is hashed (sha256) and handed to a write stream; when a
 * stream's own buffer is full the sink reports itself congested and the generator waits for
 * 'drain' before making more rows, so memory stays flat however many rows are written.
 */
import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { ENTITIES, type Entity } from '../../common/formats.ts';
import { yearOfDay } from './dates.ts';
import {
	type ApplicationRow,
	applicationCsv,
	applicationJson,
	ByteWriter,
	type CandidateRow,
	type CertificationRow,
	candidateCsv,
	candidateJson,
	certificationCsv,
	certificationJson,
	csvHeader,
	type Formatter,
	type LineRow,
	lineCsv,
	lineJson,
	MAX_ROW_BYTES,
	type PlacementRow,
	placementCsv,
	placementJson,
	type RowSink,
	type TrainingRow,
	trainingCsv,
	trainingJson,
} from './records.ts';

export type Format = 'csv' | 'ndjson';

export interface WrittenFile {
	entity: Entity;
	/** file name, relative to the output folder */
	path: string;
	year: number;
	rows: number;
	bytes: number;
	sha256: string;
}

const CHUNK_BYTES = 256 * 1024;
const STREAM_BUFFER = 1024 * 1024;
const FIRST_YEAR = 2000;
const YEARS = 60;

class OutFile {
	readonly stream: WriteStream;
	readonly hash: Hash = createHash('sha256');
	readonly out = new ByteWriter(CHUNK_BYTES);
	rows = 0;
	bytes = 0;
	blocked = false;

	constructor(
		readonly entity: Entity,
		readonly year: number,
		readonly name: string,
		dir: string,
		header: string,
	) {
		this.stream = createWriteStream(join(dir, name), { highWaterMark: STREAM_BUFFER });
		this.out.str(header);
	}

	/** Makes room for one more row; returns false when the stream asks the writer to wait. */
	reserve(): boolean {
		return this.out.pos + MAX_ROW_BYTES > CHUNK_BYTES ? this.flush() : true;
	}

	flush(): boolean {
		const w = this.out;
		if (w.pos === 0) return true;
		const full = w.buffer.subarray(0, w.pos);
		// The stream keeps the buffer until it is written, so the next rows go to a new one.
		w.buffer = Buffer.allocUnsafe(CHUNK_BYTES);
		w.pos = 0;
		this.hash.update(full);
		this.bytes += full.length;
		const ok = this.stream.write(full);
		if (!ok) this.blocked = true;
		return ok;
	}
}

export class FileSink implements RowSink {
	congested = false;
	private readonly files = new Map<string, OutFile>();
	/** entity index × year → file, so finding a row's file costs two array reads */
	private readonly byEntityYear: (OutFile | undefined)[] = new Array(ENTITIES.length * YEARS);
	private readonly format: Format;
	private readonly dir: string;

	private readonly header: boolean;
	private readonly prefix: string;

	/**
	 * `header: false` and a `prefix` make part files (one shard's rows, no CSV header) that
	 * generate.ts appends to the final files in shard order.
	 */
	constructor(dir: string, format: Format, { header = true, prefix = '' }: { header?: boolean; prefix?: string } = {}) {
		this.dir = dir;
		this.format = format;
		this.header = header;
		this.prefix = prefix;
	}

	private file(entityIndex: number, day: number): OutFile {
		const year = yearOfDay(day);
		const slot = entityIndex * YEARS + year - FIRST_YEAR;
		const f = this.byEntityYear[slot];
		if (f) return f;
		const entity = ENTITIES[entityIndex] as Entity;
		const key = `${entity}-${year}`;
		const ext = this.format === 'csv' ? 'csv' : 'ndjson';
		const created = new OutFile(
			entity,
			year,
			`${this.prefix}${key}.${ext}`,
			this.dir,
			this.format === 'csv' && this.header ? csvHeader(entity) : '',
		);
		this.files.set(key, created);
		this.byEntityYear[slot] = created;
		return created;
	}

	private add<R>(f: OutFile, format: Formatter<R>, row: R): void {
		if (!f.reserve()) this.congested = true;
		format(f.out, row);
		f.rows++;
	}

	line(row: LineRow): void {
		this.add(this.file(0, row.issued_date), this.format === 'csv' ? lineCsv : lineJson, row);
	}

	candidate(row: CandidateRow): void {
		this.add(this.file(1, row.registered_date), this.format === 'csv' ? candidateCsv : candidateJson, row);
	}

	training(row: TrainingRow): void {
		this.add(this.file(2, row.end_date), this.format === 'csv' ? trainingCsv : trainingJson, row);
	}

	certification(row: CertificationRow): void {
		this.add(this.file(3, row.exam_date), this.format === 'csv' ? certificationCsv : certificationJson, row);
	}

	application(row: ApplicationRow): void {
		this.add(this.file(4, row.applied_date), this.format === 'csv' ? applicationCsv : applicationJson, row);
	}

	placement(row: PlacementRow): void {
		this.add(this.file(5, row.departure_date), this.format === 'csv' ? placementCsv : placementJson, row);
	}

	async drain(): Promise<void> {
		const waits: Promise<unknown>[] = [];
		for (const f of this.files.values()) {
			if (f.blocked) {
				f.blocked = false;
				if (f.stream.writableNeedDrain) waits.push(once(f.stream, 'drain'));
			}
		}
		await Promise.all(waits);
		this.congested = false;
	}

	/** Flushes and closes every file; returns them in entity order, then year. */
	async close(): Promise<WrittenFile[]> {
		const all = [...this.files.values()];
		for (const f of all) f.flush();
		await Promise.all(
			all.map(
				(f) =>
					new Promise<void>((resolve, reject) => {
						f.stream.once('error', reject);
						f.stream.end(() => resolve());
					}),
			),
		);
		return all
			.sort((a, b) => ENTITIES.indexOf(a.entity) - ENTITIES.indexOf(b.entity) || a.year - b.year)
			.map((f) => ({ entity: f.entity, path: f.name, year: f.year, rows: f.rows, bytes: f.bytes, sha256: f.hash.digest('hex') }));
	}
}
