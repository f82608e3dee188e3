/**
 * Plan → publish → commit, and recovery of a batch a killed load left half-done.
 *
 * Exactly-once rests on three facts:
 * - the plan (stp_…) is made before anything visible changes, and only counts once complete
 *   (it is written under a _tmp name and renamed, which is atomic);
 * - every publish step is idempotent given the plan: the quarantine copy is compared by count and
 *   redone if partial, the fact insert skips keys already written by this batch (`_batch_id`),
 *   the delete of replaced versions spares this batch's rows;
 * - the batch is committed last, and a committed batch is never loaded again.
 * So whoever next takes the load lock finishes any complete plan it finds (recover), and drops
 * staging without a plan (that batch simply loads again from its file).
 */
import { type Entity, entitySpecs } from '../../../common/formats.ts';
import { batchRecords, type Counts, recordState } from './batches.ts';
import { deleteReplacedOnCluster } from './cluster-target.ts';
import { crashPoint } from './crash.ts';
import { QUARANTINE_FLUSH_ROWS, quarantineOverCap, REPORT_QUARANTINE_SAMPLE } from './limits.ts';
import type { LoadLock } from './lock.ts';
import {
	type BatchTables,
	batchTables,
	classifySql,
	lookedUpAttributes,
	lookupTablesSql,
	PACKED,
	parseStagingTable,
	planCountsSql,
	planQuarantineSql,
	rawsDdl,
	slotsPlanSql,
} from './plan-sql.ts';
import { deleteReplacedSql, type PlanLayout, publishSql } from './publish-sql.ts';
import { tooManyQuarantined } from './refusals.ts';
import type { BatchReport, QuarantineSample } from './report.ts';
import type { Log, Session } from './session.ts';
import { ident, str } from './sql.ts';
import { type Format, rawLines, type StageOptions } from './stage.ts';

export interface BatchMeta {
	batchId: string;
	entity: Entity;
	source: string;
}

export async function dropBatchTables(session: Session, t: BatchTables): Promise<void> {
	for (const table of [t.stage, t.quarantine, t.classified, t.planTmp, t.plan, t.raws, t.candidates, t.lines, t.passes])
		await session.dropTable(table);
}

/**
 * Publishing's first step, for one batch or a group (group.ts): the staged quarantine entries
 * (`quarantine`, a staging table) into ops_quarantine exactly once. The rows already there for
 * `batchWhere` are kept when they are all of them; a partial copy (a publish killed half-way) is
 * deleted, waited for, and written again. `select` gives (batch_id, entity, source, line, field,
 * reason, raw) from the staging table.
 */
export async function publishQuarantine(
	session: Session,
	quarantine: string,
	batchWhere: string,
	select: string,
	log?: Log,
): Promise<void> {
	const staged = await count(session, `SELECT count() AS n FROM ${ident(quarantine)}`);
	const present = await count(session, `SELECT count() AS n FROM ops_quarantine WHERE ${batchWhere}`);
	if (present === staged) return;
	if (present > 0) {
		await session.command(`ALTER TABLE ops_quarantine DELETE WHERE ${batchWhere}`);
		await session.waitForMutations('ops_quarantine', log);
	}
	await session.command(`INSERT INTO ops_quarantine (batch_id, entity, source, line, field, reason, raw)
			${select}`);
}

export async function count(session: Session, sql: string): Promise<number> {
	const [row] = await session.rows<{ n: string | number }>(sql);
	return Number(row?.n ?? 0);
}

/**
 * Where the plan reads the raw text of the rows it quarantines: a batch's bytes, or (a group,
 * group.ts) a function giving the raw text of the wanted plan lines.
 */
export type RawSource =
	| { format: Format; open: StageOptions['open'] }
	| { lines: (wanted: ReadonlySet<number>) => AsyncIterable<{ _line: number; _raw: string }> };

async function fetchRaws(session: Session, t: BatchTables, source: RawSource): Promise<void> {
	await session.dropTable(t.raws);
	await session.command(rawsDdl(t.raws));
	const wanted = await session.rows<{ _line: string | number }>(
		`SELECT DISTINCT _line FROM ${ident(t.planTmp)} WHERE _action = 'quarantine'`,
	);
	let rows: { _line: number; _raw: string }[] = [];
	const lines = new Set(wanted.map((w) => Number(w._line)));
	for await (const row of 'lines' in source ? source.lines(lines) : rawLines(source.open, source.format, lines)) {
		rows.push(row);
		if (rows.length >= QUARANTINE_FLUSH_ROWS) {
			await session.insertJson(t.raws, rows);
			rows = [];
		}
	}
	await session.insertJson(t.raws, rows);
}

/**
 * Steps 1–4 of plan-sql.ts, the reasons, then the atomic rename that makes the plan count.
 * `capCheck` replaces the per-batch quarantine cap (a group checks it batch by batch, group.ts).
 */
export async function makePlan(
	session: Session,
	entity: Entity,
	t: BatchTables,
	raws: RawSource,
	capCheck?: (planned: number) => Promise<void>,
): Promise<void> {
	const spec = entitySpecs[entity];
	await session.dropTable(t.classified);
	await session.dropTable(t.planTmp);
	// Two cheap questions that let the common case skip whole lookups. Keys are counted by their
	// 64-bit hash (3× cheaper than the strings on 18.16): a collision can only make the batch look
	// as if it had duplicates, which runs the exact duplicate lookup; it can never hide one.
	const duplicates = (await count(session, `SELECT count() - uniqExact(cityHash64(${ident(spec.key)})) AS n FROM ${ident(t.stage)}`)) > 0;
	const factRows = (await count(session, `SELECT count() AS n FROM ${ident(spec.table)}`)) > 0;
	const global = session.cluster !== undefined;
	// The referenced facts, looked up once for the keys the stage mentions; they stay until the commit (publish reads them too).
	for (const lookup of lookupTablesSql(entity, t, global)) {
		await session.dropTable(lookup.table);
		await session.command(lookup.sql);
	}
	await session.command(classifySql(entity, t, { duplicates, factRows, global }));
	if (entity === 'placements') await session.command(slotsPlanSql(t, global));
	const planned = await count(session, `SELECT count() AS n FROM ${ident(t.planTmp)} WHERE _action = 'quarantine'`);
	if (planned > 0) {
		await fetchRaws(session, t, raws);
		await session.command(planQuarantineSql(entity, t));
		await session.dropTable(t.raws);
	}
	if (capCheck) await capCheck(planned);
	else if (planned > 0) {
		// The per-batch quarantine cap (limits.ts), now with the rows only the warehouse could judge
		// (duplicates, unknown references, slots). Checked before the plan counts: nothing to recover.
		const bad = await count(session, `SELECT uniqExact(line) AS n FROM ${ident(t.quarantine)}`);
		const read = bad + (await count(session, `SELECT count() AS n FROM ${ident(t.stage)}`)) - planned;
		if (quarantineOverCap(bad, read)) {
			const first = await session.rows<{ line: string | number; field: string; reason: string; raw: string }>(
				`SELECT line, field, reason, raw FROM ${ident(t.quarantine)} ORDER BY line, field LIMIT ${REPORT_QUARANTINE_SAMPLE}`,
			);
			throw tooManyQuarantined(
				bad,
				read,
				first.map((r) => ({ line: Number(r.line), field: r.field, reason: r.reason, raw: r.raw })),
			);
		}
	}
	await session.command(`RENAME TABLE ${ident(t.planTmp)} TO ${ident(t.plan)}`);
	await session.dropTable(t.classified);
}

export async function quarantineSample(session: Session, table: string, where = '1'): Promise<QuarantineSample[]> {
	const rows = await session.rows<{ line: string | number; field: string; reason: string }>(
		`SELECT line, field, reason FROM ${ident(table)} WHERE ${where} ORDER BY line, field LIMIT ${REPORT_QUARANTINE_SAMPLE}`,
	);
	return rows.map((r) => ({ line: Number(r.line), field: r.field, reason: r.reason }));
}

/**
 * Where a plan's looked-up attributes are (publish-sql.ts PlanLayout). This loader's plans keep
 * none (they are in the batch's lookup tables); a plan a killed older loader left behind has them
 * packed (`c_attrs`, `l_attrs`) or, older still, as columns of their own (`l_country_iso2` …).
 */
async function planLayout(session: Session, entity: Entity, plan: string): Promise<PlanLayout> {
	const packed = lookedUpAttributes(entity).find((c) => c in PACKED) as keyof typeof PACKED | undefined;
	if (!packed) return 'lookups';
	const columns = new Set((await session.rows<{ name: string }>(`DESCRIBE TABLE ${ident(plan)}`)).map((c) => c.name));
	if (columns.has(packed)) return 'packed';
	if (columns.has(PACKED[packed].as[0])) return 'legacy';
	return 'lookups';
}

/** Optional: publish in slices of this many lines (bounds the enrichment joins' memory on huge batches). */
function publishSliceLines(): number {
	const n = Number(process.env.SLMI_LOAD_PUBLISH_SLICE_LINES ?? 0);
	return Number.isInteger(n) && n > 0 ? n : 0;
}

export interface PublishResult {
	counts: Counts;
	quarantine: QuarantineSample[];
}

/**
 * Publishes a complete plan and commits the batch. `guard` is set when an earlier attempt may
 * already have written some of the batch's rows.
 */
export async function publishPlan(
	session: Session,
	lock: LoadLock,
	meta: BatchMeta,
	options: { guard: boolean; log: Log },
): Promise<PublishResult> {
	const spec = entitySpecs[meta.entity];
	const t = batchTables(meta.entity, meta.batchId);
	const [c] = await session.rows<Record<'inserted' | 'updated' | 'unchanged' | 'superseded' | 'quarantined', string | number>>(
		planCountsSql(t),
	);
	if (!c) throw new Error('plan counts missing');
	const counts: Counts = {
		inserted: Number(c.inserted),
		updated: Number(c.updated),
		unchanged: Number(c.unchanged),
		superseded: Number(c.superseded),
		quarantined: Number(c.quarantined),
		read: 0,
	};
	counts.read = counts.inserted + counts.updated + counts.unchanged + counts.superseded + counts.quarantined;

	// 1. Quarantine entries, exactly once per batch.
	await publishQuarantine(
		session,
		t.quarantine,
		`batch_id = ${str(meta.batchId)} AND entity = ${str(meta.entity)}`,
		`SELECT ${str(meta.batchId)}, ${str(meta.entity)}, ${str(meta.source)}, line, field, reason, raw FROM ${ident(t.quarantine)}`,
		options.log,
	);

	// 2. New versions into the fact table.
	const global = session.cluster !== undefined;
	const layout = await planLayout(session, meta.entity, t.plan);
	const slice = publishSliceLines();
	if (slice > 0) {
		const [bounds] = await session.rows<{ lo: string | number; hi: string | number; n: string | number }>(
			`SELECT min(_line) AS lo, max(_line) AS hi, count() AS n FROM ${ident(t.plan)} WHERE _action IN ('insert', 'update')`,
		);
		if (bounds && Number(bounds.n) > 0) {
			for (let lo = Number(bounds.lo); lo <= Number(bounds.hi); lo += slice) {
				await session.command(
					publishSql(meta.entity, t, meta.batchId, { guard: options.guard, range: [lo, lo + slice - 1], global, layout }),
					session.publishSettings,
				);
				crashPoint('mid-publish', meta.entity);
			}
		}
	} else if (counts.inserted + counts.updated > 0) {
		await session.command(publishSql(meta.entity, t, meta.batchId, { guard: options.guard, global, layout }), session.publishSettings);
		crashPoint('mid-publish', meta.entity);
	}

	// 3. Old versions out: one mutation per batch, waited for.
	if (counts.updated > 0 && session.cluster) {
		await deleteReplacedOnCluster(session, session.cluster, meta.entity, t, meta.batchId, options.log);
	} else if (counts.updated > 0) {
		await session.command(deleteReplacedSql(meta.entity, t, meta.batchId));
		await session.waitForMutations(spec.table, options.log);
	}
	crashPoint('before-commit', meta.entity);

	// 4. Commit, last.
	await lock.assertHeld();
	const quarantine = await quarantineSample(session, t.quarantine);
	await recordState(session, meta, 'committed', counts);
	crashPoint('after-commit', meta.entity);
	await dropBatchTables(session, t);
	return { counts, quarantine };
}

/**
 * Run right after taking the lock: stops statements a dead loader left running, finishes every
 * complete plan it left (roll forward), and drops staging that has no plan.
 */
export async function recover(
	session: Session,
	lock: LoadLock,
	log: Log,
	/** finishes the complete plans of groups of batches (group.ts recoverGroups) */
	groups?: (session: Session, lock: LoadLock, log: Log) => Promise<BatchReport[]>,
): Promise<BatchReport[]> {
	const killed = await session.killLeftoverQueries();
	if (killed > 0) log(`Stopped ${killed} statement(s) left running by a load that was killed.`);
	const reports: BatchReport[] = groups ? await groups(session, lock, log) : [];
	const staging = (await session.tables('st%')).map((name) => ({ name, parsed: parseStagingTable(name) }));
	for (const { parsed } of staging) {
		if (parsed?.kind !== 'stp' || parsed.tmp) continue;
		const records = await batchRecords(session, parsed.hash16, parsed.entity);
		const record = records.find((r) => r.state !== 'committed') ?? records[0];
		if (!record || record.state === 'committed') continue;
		const started = Date.now();
		log(
			`Finishing batch ${record.batchId.slice(0, 12)} (${record.entity} from ${record.source}), left half-loaded by a load that was killed …`,
		);
		// The same table set must exist for the full id (hash16 is its prefix).
		const result = await publishPlan(session, lock, record, { guard: true, log });
		reports.push({
			batchId: record.batchId,
			entity: record.entity,
			source: record.source,
			status: 'committed',
			counts: result.counts,
			quarantine: result.quarantine,
			recovered: true,
			seconds: (Date.now() - started) / 1000,
		});
	}
	for (const { name, parsed } of staging) if (parsed) await session.dropTable(name);
	return reports;
}
