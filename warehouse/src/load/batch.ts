/**
 * One batch, start to finish, under the load lock, in two halves:
 * - prepare: skip if committed; stage (parse + field checks). Mostly Node's work, and it changes
 *   nothing anyone reads, so loadFiles prepares the next file while ClickHouse finishes this one;
 * - finish: plan (SQL checks and versioning), publish, commit — in file order, one at a time.
 * See publish.ts for why a batch killed at any point ends up loaded exactly once.
 */
import type { Entity } from '../../../common/formats.ts';
import { type BatchRecord, batchRecord, recordState, zeroCounts } from './batches.ts';
import { crashPoint } from './crash.ts';
import type { LoadLock } from './lock.ts';
import { batchTables, quarantineStageDdl, stageDdl } from './plan-sql.ts';
import type { Progress } from './progress.ts';
import { dropBatchTables, makePlan, publishPlan, quarantineSample } from './publish.ts';
import { BatchRefused, type RefusalEntry } from './refusals.ts';
import type { BatchReport } from './report.ts';
import type { Log, Session } from './session.ts';
import { str } from './sql.ts';
import { type Format, stageBatch } from './stage.ts';

export interface BatchInput {
	entity: Entity;
	format: Format;
	/** file path or HTTP client, as recorded in ops_batches and ops_quarantine */
	source: string;
	/** sha256 of the bytes as delivered, hex */
	batchId: string;
	/** size as delivered, for progress */
	bytes: number;
	/** the (decompressed) bytes; may be called more than once */
	open: (onBytes: (n: number) => void) => AsyncIterable<Buffer | Uint8Array | string>;
}

export type Prepared =
	/** nothing more to do: skipped, rejected or failed */
	| { kind: 'done'; report: BatchReport }
	/** staged, waiting to be planned and published */
	| { kind: 'staged'; input: BatchInput; previous: BatchRecord | undefined; started: number };

interface Context {
	log: Log;
	progress: Progress;
	/** no staging table of this batch can exist (recovery dropped them all, group.ts loadInGroups): skip dropping them first */
	fresh?: boolean;
}

export function reportOf(input: BatchInput, started: number, partial: Partial<BatchReport> & Pick<BatchReport, 'status'>): BatchReport {
	return {
		batchId: input.batchId,
		entity: input.entity,
		source: input.source,
		counts: zeroCounts(),
		quarantine: [],
		seconds: (Date.now() - started) / 1000,
		...partial,
	};
}

export async function prepareBatch(session: Session, input: BatchInput, ctx: Context): Promise<Prepared> {
	const started = Date.now();
	const meta = { batchId: input.batchId, entity: input.entity, source: input.source };
	const t = batchTables(input.entity, input.batchId);
	try {
		const previous = await batchRecord(session, input.batchId, input.entity);
		if (previous?.state === 'committed') {
			return {
				kind: 'done',
				report: reportOf(input, started, {
					status: 'skipped',
					counts: previous.counts,
					message: `already loaded${previous.source !== input.source ? ` from ${previous.source}` : ''} at ${previous.at} UTC, nothing changed`,
					quarantine: await quarantineSample(
						session,
						'ops_quarantine',
						`batch_id = ${str(input.batchId)} AND entity = ${str(input.entity)}`,
					),
				}),
			};
		}
		ctx.progress.start(input.source, input.bytes);
		if (!ctx.fresh) await dropBatchTables(session, t);
		await session.command(stageDdl(input.entity, t.stage));
		await session.command(quarantineStageDdl(t.quarantine));
		const staged = await stageBatch(session, {
			entity: input.entity,
			format: input.format,
			open: input.open,
			tables: t,
			progress: ctx.progress,
			begin: () => recordState(session, meta, 'started'),
		});
		ctx.progress.done();
		if (staged.kind === 'rejected') return { kind: 'done', report: await refuse(session, input, started, staged.message, staged.entries) };
		crashPoint('after-stage', input.entity);
		return { kind: 'staged', input, previous, started };
	} catch (error) {
		ctx.progress.done();
		if (error instanceof BatchRefused) {
			return { kind: 'done', report: await refuse(session, input, started, error.message, error.entries) };
		}
		const message = (error as Error).message;
		await recordState(session, meta, 'failed', zeroCounts(), message).catch(() => {});
		return { kind: 'done', report: reportOf(input, started, { status: 'failed', message }) };
	}
}

/**
 * A batch refused as a whole (bad header, empty, too large once decompressed, corrupt gzip, too many
 * bad rows): its staging is dropped, nothing is loaded, and the first problems are recorded. The
 * same bytes are refused the same way every time: recorded once.
 */
export async function refuse(
	session: Session,
	input: BatchInput,
	started: number,
	message: string,
	entries: RefusalEntry[],
): Promise<BatchReport> {
	const meta = { batchId: input.batchId, entity: input.entity, source: input.source };
	await dropBatchTables(session, batchTables(input.entity, input.batchId));
	const where = `batch_id = ${str(input.batchId)} AND entity = ${str(input.entity)}`;
	const [known] = await session.rows<{ n: string | number }>(`SELECT count() AS n FROM ops_quarantine WHERE ${where}`);
	if (Number(known?.n) === 0) {
		await session.insertJson(
			'ops_quarantine',
			entries.map((e) => ({ batch_id: input.batchId, entity: input.entity, source: input.source, ...e })),
		);
		await recordState(session, meta, 'failed', zeroCounts(), `rejected: ${message}`);
	}
	return reportOf(input, started, {
		status: 'rejected',
		message,
		quarantine: entries.map(({ line, field, reason }) => ({ line, field, reason })),
	});
}

/** Drops a staged batch that will not be published after all, and says why in ops_batches. */
export async function discardBatch(session: Session, prepared: Prepared, why: string): Promise<void> {
	if (prepared.kind !== 'staged') return;
	const { input } = prepared;
	await dropBatchTables(session, batchTables(input.entity, input.batchId));
	await recordState(session, input, 'failed', zeroCounts(), `not loaded: ${why}`);
}

export async function finishBatch(session: Session, lock: LoadLock, prepared: Prepared, ctx: Context): Promise<BatchReport> {
	if (prepared.kind === 'done') return prepared.report;
	const { input, previous, started } = prepared;
	const meta = { batchId: input.batchId, entity: input.entity, source: input.source };
	try {
		const t = batchTables(input.entity, input.batchId);
		await makePlan(session, input.entity, t, input);
		crashPoint('after-plan', input.entity);
		const result = await publishPlan(session, lock, meta, { guard: (previous?.attempts ?? 0) > 0, log: ctx.log });
		return reportOf(input, started, { status: 'committed', counts: result.counts, quarantine: result.quarantine });
	} catch (error) {
		if (error instanceof BatchRefused) return refuse(session, input, started, error.message, error.entries);
		const message = (error as Error).message;
		await recordState(session, meta, 'failed', zeroCounts(), message).catch(() => {});
		return reportOf(input, started, { status: 'failed', message });
	}
}
