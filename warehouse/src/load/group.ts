/**
 * Group commit: small batches of one entity that wait for the load lock together (the ingest API,
 * ingest/server.ts) are planned and published as ONE group — one combined stage, one plan, one
 * publish, one mutation, one commit insert — instead of one round of each per batch. Every batch
 * keeps what it has alone:
 * - its own id and registry rows (ops_batches: `started` when staged, then `committed` — all the
 *   group's commit rows are one INSERT, so a group commits whole or not at all);
 * - its own rows' `_batch_id` and `_line` in the fact tables, its own quarantine (file, line,
 *   field), its own counts and answer;
 * - its own refusal: a batch refused as a whole (bad header, too many bad rows, before or after
 *   the SQL checks) is refused alone, and the group is planned again without it;
 * - the order of arrival: batches that touch the same key are never in one group (the group ends
 *   before the first batch that repeats a key of an earlier one, or a batch id), so a later batch's
 *   version of a row is decided against the earlier batch's, as if loaded one after the other;
 *   placements count against a line's slots batch after batch (plan-sql.ts slotsPlanSql).
 *
 * Rows are numbered in the group's tables as `seq × 2³² + line` (sql.ts LINE_SPAN), seq being the
 * batch's place in the group; every reason and every published row gives back the batch's own line.
 *
 * A group's plan counts, as a batch's does, once its stp_… table exists; its members table
 * (stm_…, the batches and their sources) is made before. A load killed after that point is
 * finished by whoever next takes the lock (recoverGroups), exactly once per batch; a load killed
 * before leaves only staging, which is dropped, and the batches are sent again.
 */
import { createHash } from 'node:crypto';
import type { Entity } from '../../../common/formats.ts';
import { entitySpecs } from '../../../common/formats.ts';
import { type BatchInput, finishBatch, type Prepared, refuse, reportOf } from './batch.ts';
import { type BatchRecord, batchRecords, type Counts, recordState, zeroCounts } from './batches.ts';
import { crashPoint } from './crash.ts';
import { quarantineOverCap, REPORT_QUARANTINE_SAMPLE } from './limits.ts';
import type { LoadLock } from './lock.ts';
import { type BatchTables, batchTables, parseStagingTable, quarantineStageDdl, stageDdl } from './plan-sql.ts';
import type { Progress } from './progress.ts';
import { makePlan, publishQuarantine } from './publish.ts';
import { deleteReplacedSql, publishSql } from './publish-sql.ts';
import { type BatchRefused, tooManyQuarantined } from './refusals.ts';
import type { BatchReport, QuarantineSample } from './report.ts';
import type { Log, Session } from './session.ts';
import { ident, LINE_SPAN, lineOf, seqOf, str } from './sql.ts';
import { rawLines } from './stage.ts';

/** At most this many batches in one group (one load of the ingest API takes at most this many waiting pushes). */
export const MAX_GROUP_BATCHES = 50;

/** A batch larger than this (as delivered) is loaded on its own, as before. */
export const MAX_GROUP_BATCH_BYTES = 4 * 1024 * 1024;

interface Context {
	log: Log;
	progress: Progress;
	/** no staging table can exist yet (batch.ts) */
	fresh?: boolean;
}

type Staged = Prepared & { kind: 'staged' };

interface Member {
	seq: number;
	batchId: string;
	entity: Entity;
	source: string;
}

const groupTables = (t: BatchTables) => [
	t.stage,
	t.quarantine,
	t.classified,
	t.planTmp,
	t.plan,
	t.raws,
	t.candidates,
	t.lines,
	t.passes,
	t.members,
];

async function dropGroupTables(session: Session, t: BatchTables): Promise<void> {
	for (const table of groupTables(t)) await session.dropTable(table);
}

/** The group's name: a hash of its batches' ids (its tables are named like a batch's, by 16 hex digits of it). */
function groupId(entity: Entity, ids: readonly string[]): string {
	return createHash('sha256')
		.update(`group ${entity} ${ids.join(' ')}`)
		.digest('hex');
}

/**
 * The first place in `staged` whose batch repeats a key of an earlier one (the group must end
 * before it), or staged.length when none does.
 */
async function firstOverlap(session: Session, entity: Entity, staged: readonly Staged[]): Promise<number> {
	const key = ident(entitySpecs[entity].key);
	const union = staged
		.map((p, seq) => `SELECT ${key} AS k, toUInt32(${seq}) AS s FROM ${ident(batchTables(entity, p.input.batchId).stage)}`)
		.join(' UNION ALL ');
	const [row] = await session.rows<{ cut: string | number; n: string | number }>(
		`SELECT count() AS n, min(ss[2]) AS cut FROM (SELECT arraySort(groupUniqArray(s)) AS ss FROM (${union}) GROUP BY k HAVING length(ss) > 1)`,
	);
	return Number(row?.n) > 0 ? Number(row?.cut) : staged.length;
}

/** The group's stage and quarantine stage: its batches' rows, numbered seq × 2³² + line. */
async function combine(session: Session, entity: Entity, t: BatchTables, staged: readonly Staged[]): Promise<void> {
	const fields = entitySpecs[entity].fields.map((f) => ident(f.name)).join(', ');
	const of = (p: Staged) => batchTables(entity, p.input.batchId);
	await session.command(stageDdl(entity, t.stage));
	await session.command(
		`INSERT INTO ${ident(t.stage)} (${fields}, _line) ${staged
			.map((p, seq) => `SELECT ${fields}, _line + ${seq} * ${LINE_SPAN} FROM ${ident(of(p).stage)}`)
			.join(' UNION ALL ')}`,
	);
	await session.command(quarantineStageDdl(t.quarantine));
	await session.command(
		`INSERT INTO ${ident(t.quarantine)} (line, field, reason, raw) ${staged
			.map((p, seq) => `SELECT line + ${seq} * ${LINE_SPAN}, field, reason, raw FROM ${ident(of(p).quarantine)}`)
			.join(' UNION ALL ')}`,
	);
}

/** The raw text of the group's wanted lines, read again from each batch's bytes. */
function groupRaws(staged: readonly Staged[]) {
	const span = 2 ** 32;
	return {
		async *lines(wanted: ReadonlySet<number>): AsyncIterable<{ _line: number; _raw: string }> {
			for (const [seq, p] of staged.entries()) {
				const own = new Set([...wanted].filter((l) => Math.floor(l / span) === seq).map((l) => l % span));
				if (own.size === 0) continue;
				for await (const r of rawLines(p.input.open, p.input.format, own)) yield { _line: seq * span + r._line, _raw: r._raw };
			}
		},
	};
}

/** Thrown by the group's cap check: these batches (by seq) are refused as a whole; the others go on. */
class MembersOverCap extends Error {
	constructor(readonly refused: Map<number, BatchRefused>) {
		super(`${refused.size} batch(es) of the group fail the quarantine cap`);
	}
}

/** The per-batch quarantine cap (limits.ts), batch by batch, with the rows the SQL checks quarantined. */
function capCheck(session: Session, t: BatchTables, size: number) {
	return async (planned: number): Promise<void> => {
		if (planned === 0) return;
		const bySeq = async (sql: string) => {
			const m = new Map<number, number>();
			for (const r of await session.rows<{ s: string | number; n: string | number }>(sql)) m.set(Number(r.s), Number(r.n));
			return m;
		};
		const bad = await bySeq(`SELECT ${seqOf('line')} AS s, uniqExact(line) AS n FROM ${ident(t.quarantine)} GROUP BY s`);
		const staged = await bySeq(`SELECT ${seqOf('_line')} AS s, count() AS n FROM ${ident(t.stage)} GROUP BY s`);
		const plannedBy = await bySeq(
			`SELECT ${seqOf('_line')} AS s, count() AS n FROM ${ident(t.planTmp)} WHERE _action = 'quarantine' GROUP BY s`,
		);
		const refused = new Map<number, BatchRefused>();
		for (let seq = 0; seq < size; seq++) {
			const b = bad.get(seq) ?? 0;
			const read = b + (staged.get(seq) ?? 0) - (plannedBy.get(seq) ?? 0);
			if (!quarantineOverCap(b, read)) continue;
			// (an alias named like the column would replace it in WHERE and ORDER BY)
			const first = await session.rows<{ own_line: string | number; field: string; reason: string; raw: string }>(
				`SELECT ${lineOf('line')} AS own_line, field, reason, raw FROM ${ident(t.quarantine)} WHERE ${seqOf('line')} = ${seq} ORDER BY line, field LIMIT ${REPORT_QUARANTINE_SAMPLE}`,
			);
			refused.set(
				seq,
				tooManyQuarantined(
					b,
					read,
					first.map((r) => ({ line: Number(r.own_line), field: r.field, reason: r.reason, raw: r.raw })),
				),
			);
		}
		if (refused.size > 0) throw new MembersOverCap(refused);
	};
}

type CountRow = Record<'s' | 'inserted' | 'updated' | 'unchanged' | 'superseded', string | number>;

/**
 * Publishes a group's complete plan and commits its batches (publish.ts publishPlan, for many
 * batches at once): quarantine, new versions, the one mutation for replaced versions, then one
 * INSERT of every batch's `committed` row. `guard`: an earlier attempt may have written rows.
 */
export async function publishGroup(
	session: Session,
	lock: LoadLock,
	entity: Entity,
	t: BatchTables,
	members: readonly Member[],
	options: { guard: boolean; log: Log },
): Promise<Map<number, { counts: Counts; quarantine: QuarantineSample[] }>> {
	const spec = entitySpecs[entity];
	const ids = members.map((m) => m.batchId);
	const counts = new Map<number, Counts>(
		members.map((m) => [m.seq, { read: 0, inserted: 0, updated: 0, unchanged: 0, superseded: 0, quarantined: 0 }]),
	);
	for (const r of await session.rows<CountRow>(
		`SELECT ${seqOf('_line')} AS s, countIf(_action = 'insert') AS inserted, countIf(_action = 'update') AS updated,
			countIf(_action = 'unchanged') AS unchanged, countIf(_action = 'superseded') AS superseded FROM ${ident(t.plan)} GROUP BY s`,
	)) {
		const c = counts.get(Number(r.s));
		if (!c) continue;
		c.inserted = Number(r.inserted);
		c.updated = Number(r.updated);
		c.unchanged = Number(r.unchanged);
		c.superseded = Number(r.superseded);
	}
	for (const r of await session.rows<{ s: string | number; n: string | number }>(
		`SELECT ${seqOf('line')} AS s, uniqExact(line) AS n FROM ${ident(t.quarantine)} WHERE ${lineOf('line')} > 0 GROUP BY s`,
	)) {
		const c = counts.get(Number(r.s));
		if (c) c.quarantined = Number(r.n);
	}
	for (const c of counts.values()) c.read = c.inserted + c.updated + c.unchanged + c.superseded + c.quarantined;

	// 1. Quarantine entries, exactly once per batch: the group's, all or none.
	const idList = ids.map(str).join(', ');
	const sources = members.map((m) => str(m.source)).join(', ');
	await publishQuarantine(
		session,
		t.quarantine,
		`batch_id IN (${idList}) AND entity = ${str(entity)}`,
		`SELECT [${idList}][${seqOf('line')} + 1], ${str(entity)}, [${sources}][${seqOf('line')} + 1], ${lineOf('line')}, field, reason, raw FROM ${ident(t.quarantine)}`,
		options.log,
	);

	// 2. New versions into the fact table, each row with its own batch's id and line.
	const total = [...counts.values()].reduce((a, c) => ({ written: a.written + c.inserted + c.updated, updated: a.updated + c.updated }), {
		written: 0,
		updated: 0,
	});
	if (total.written > 0) {
		await session.command(publishSql(entity, t, ids, { guard: options.guard, layout: 'lookups' }), session.publishSettings);
		crashPoint('mid-publish', entity);
	}

	// 3. Old versions out: one mutation for the whole group, waited for.
	if (total.updated > 0) {
		await session.command(deleteReplacedSql(entity, t, ids));
		await session.waitForMutations(spec.table, options.log);
	}
	crashPoint('before-commit', entity);

	// 4. Commit, last: one INSERT for every batch of the group.
	await lock.assertHeld();
	const samples = new Map<number, QuarantineSample[]>();
	for (const r of await session.rows<{ s: string | number; own_line: string | number; field: string; reason: string }>(
		`SELECT ${seqOf('line')} AS s, ${lineOf('line')} AS own_line, field, reason FROM ${ident(t.quarantine)} ORDER BY line, field LIMIT ${REPORT_QUARANTINE_SAMPLE} BY s`,
	)) {
		const list = samples.get(Number(r.s)) ?? [];
		list.push({ line: Number(r.own_line), field: r.field, reason: r.reason });
		samples.set(Number(r.s), list);
	}
	await session.insertJson(
		'ops_batches',
		members.map((m) => {
			const c = counts.get(m.seq) as Counts;
			return {
				batch_id: m.batchId,
				entity: m.entity,
				source: m.source,
				state: 'committed',
				rows_read: c.read,
				rows_inserted: c.inserted,
				rows_updated: c.updated,
				rows_unchanged: c.unchanged,
				rows_quarantined: c.quarantined,
				message: '',
			};
		}),
	);
	crashPoint('after-commit', entity);
	await dropGroupTables(session, t);
	return new Map(members.map((m) => [m.seq, { counts: counts.get(m.seq) as Counts, quarantine: samples.get(m.seq) ?? [] }]));
}

/**
 * Plans and publishes staged batches of one entity, keys disjoint, as one group. A batch refused
 * by the cap is refused alone and the group planned again without it. Returns every batch's report
 * (in the order given); throws only what publishing a batch alone would turn into `failed`.
 */
async function finishGroup(session: Session, lock: LoadLock, staged: Staged[], ctx: Context): Promise<BatchReport[]> {
	const entity = staged[0]?.input.entity as Entity;
	const reports = new Map<Staged, BatchReport>();
	let members = [...staged];
	while (members.length > 1) {
		const ids = members.map((p) => p.input.batchId);
		const t = batchTables(entity, groupId(entity, ids));
		const list: Member[] = members.map((p, seq) => ({ seq, batchId: p.input.batchId, entity, source: p.input.source }));
		if (!ctx.fresh) await dropGroupTables(session, t);
		await combine(session, entity, t, members);
		// Before the plan counts (the rename at the end of makePlan): a recovery finds the batches here.
		await session.command(`CREATE TABLE ${ident(t.members)} (seq UInt32, batch_id String, source String) ENGINE = Log`);
		await session.insertJson(
			t.members,
			list.map((m) => ({ seq: m.seq, batch_id: m.batchId, source: m.source })),
		);
		try {
			await makePlan(session, entity, t, groupRaws(members), capCheck(session, t, members.length));
		} catch (error) {
			if (!(error instanceof MembersOverCap)) throw error;
			await dropGroupTables(session, t);
			for (const [seq, refusal] of error.refused) {
				const p = members[seq] as Staged;
				reports.set(p, await refuse(session, p.input, p.started, refusal.message, refusal.entries));
			}
			members = members.filter((_, seq) => !error.refused.has(seq));
			continue;
		}
		ctx.log(`  group of ${members.length} ${entity} batches: one plan (${t.plan}), one publish, one commit`);
		crashPoint('after-plan', entity);
		const guard = members.some((p) => (p.previous?.attempts ?? 0) > 0);
		const results = await publishGroup(session, lock, entity, t, list, { guard, log: ctx.log });
		for (const [seq, p] of members.entries()) {
			const r = results.get(seq);
			reports.set(
				p,
				reportOf(p.input, p.started, { status: 'committed', counts: r?.counts ?? zeroCounts(), quarantine: r?.quarantine ?? [] }),
			);
			// A staged batch has only these two tables.
			const own = batchTables(entity, p.input.batchId);
			await session.dropTable(own.stage);
			await session.dropTable(own.quarantine);
		}
		members = [];
	}
	// One left: loaded alone, as before.
	for (const p of members) reports.set(p, await finishBatch(session, lock, p, ctx));
	return staged.map((p) => reports.get(p) as BatchReport);
}

/**
 * Loads batches under a lock already held, in the order given: runs of the same entity are
 * grouped (finishGroup); a batch too large, or one whose id or keys repeat those of an earlier
 * batch of the run, starts the next group. `onReport` hears of each batch as soon as it is
 * committed (or refused). A batch that fails on the server stops the load: the batches after it
 * are not loaded ('failed', "not loaded: …"), as loadFiles stops after a failed file.
 */
export async function loadInGroups(
	session: Session,
	lock: LoadLock,
	inputs: readonly BatchInput[],
	ctx: Context,
	onReport: (index: number, report: BatchReport) => void,
	prepare: (input: BatchInput) => Promise<Prepared>,
): Promise<BatchReport[]> {
	const reports: BatchReport[] = new Array(inputs.length);
	const report = (i: number, r: BatchReport) => {
		reports[i] = r;
		onReport(i, r);
	};
	let stop: string | undefined;
	let carried: { index: number; staged: Staged }[] = [];
	let next = 0;
	while (next < inputs.length || carried.length > 0) {
		// The next run: carried-over staged batches first, then more inputs of the same entity.
		const run = [...carried];
		carried = [];
		const entity = run[0]?.staged.input.entity ?? inputs[next]?.entity;
		const ids = new Set(run.map((r) => r.staged.input.batchId));
		// Into a cluster every batch is loaded alone (its replaced versions are deleted node by node, cluster-target.ts).
		const most = session.cluster ? 1 : MAX_GROUP_BATCHES;
		while (next < inputs.length && run.length < most && !stop) {
			const input = inputs[next] as BatchInput;
			if (input.entity !== entity || ids.has(input.batchId)) break;
			if (input.bytes > MAX_GROUP_BATCH_BYTES && run.length > 0) break;
			const index = next++;
			ids.add(input.batchId);
			const prepared = await prepare(input);
			if (prepared.kind === 'done') report(index, prepared.report);
			else run.push({ index, staged: prepared });
			if (input.bytes > MAX_GROUP_BATCH_BYTES) break;
		}
		if (stop) {
			for (const r of run)
				report(r.index, reportOf(r.staged.input, r.staged.started, { status: 'failed', message: `not loaded: ${stop}` }));
			for (; next < inputs.length; next++) {
				const input = inputs[next] as BatchInput;
				report(next, reportOf(input, Date.now(), { status: 'failed', message: `not loaded: ${stop}` }));
			}
			break;
		}
		if (run.length === 0) continue;
		const cut =
			run.length > 1
				? await firstOverlap(
						session,
						entity as Entity,
						run.map((r) => r.staged),
					)
				: run.length;
		const group = run.slice(0, cut);
		carried = run.slice(cut);
		let results: BatchReport[];
		try {
			results = await finishGroup(
				session,
				lock,
				group.map((r) => r.staged),
				ctx,
			);
		} catch (error) {
			const message = (error as Error).message;
			results = [];
			for (const r of group) {
				await recordState(session, r.staged.input, 'failed', zeroCounts(), message).catch(() => {});
				results.push(reportOf(r.staged.input, r.staged.started, { status: 'failed', message }));
			}
		}
		for (const [k, r] of group.entries()) {
			const result = results[k] as BatchReport;
			report(r.index, result);
			if (result.status === 'failed') stop = 'an earlier batch of the same load failed; send it again';
		}
	}
	return reports;
}

/**
 * Run right after taking the lock (publish.ts recover): finishes every group whose plan is
 * complete and whose batches are not committed yet, exactly as the killed load would have.
 */
export async function recoverGroups(session: Session, lock: LoadLock, log: Log): Promise<BatchReport[]> {
	const reports: BatchReport[] = [];
	for (const name of await session.tables('stm%')) {
		const parsed = parseStagingTable(name);
		if (parsed?.kind !== 'stm') continue;
		const t = batchTables(parsed.entity, parsed.hash16);
		if (!(await session.tableExists(t.plan))) continue;
		const rows = await session.rows<{ seq: string | number; batch_id: string; source: string }>(
			`SELECT seq, batch_id, source FROM ${ident(t.members)} ORDER BY seq`,
		);
		const members: Member[] = rows.map((r) => ({ seq: Number(r.seq), batchId: r.batch_id, entity: parsed.entity, source: r.source }));
		const records: (BatchRecord | undefined)[] = [];
		for (const m of members) records.push((await batchRecords(session, m.batchId, m.entity)).find((r) => r.batchId === m.batchId));
		// The group's commit is one INSERT: one batch committed means all are.
		if (members.length === 0 || records.some((r) => r?.state === 'committed')) continue;
		const started = Date.now();
		log(`Finishing a group of ${members.length} ${parsed.entity} batches, left half-loaded by a load that was killed …`);
		const results = await publishGroup(session, lock, parsed.entity, t, members, { guard: true, log });
		for (const m of members) {
			const r = results.get(m.seq);
			reports.push({
				batchId: m.batchId,
				entity: m.entity,
				source: m.source,
				status: 'committed',
				counts: r?.counts ?? zeroCounts(),
				quarantine: r?.quarantine ?? [],
				recovered: true,
				seconds: (Date.now() - started) / 1000,
			});
		}
	}
	return reports;
}
