/**
 * The batch registry, ops_batches: one row per state change (started, committed, failed). A
 * batch's state is its latest row; `committed` outranks the others, so a batch committed in the
 * same second it was started still reads as committed.
 */
import type { Entity } from '../../../common/formats.ts';
import type { Session } from './session.ts';
import { str } from './sql.ts';

export type BatchState = 'started' | 'committed' | 'failed';

export interface Counts {
	read: number;
	inserted: number;
	updated: number;
	unchanged: number;
	/** older versions than the warehouse holds; not a column of ops_batches: read − all the others */
	superseded: number;
	quarantined: number;
}

export const zeroCounts = (): Counts => ({ read: 0, inserted: 0, updated: 0, unchanged: 0, superseded: 0, quarantined: 0 });

export interface BatchRecord {
	batchId: string;
	entity: Entity;
	state: BatchState;
	source: string;
	counts: Counts;
	message: string;
	/** UTC, 'YYYY-MM-DD hh:mm:ss' */
	at: string;
	/** how many times a load of this batch was started */
	attempts: number;
}

interface Row {
	batch_id: string;
	entity: Entity;
	state: BatchState;
	source: string;
	rows_read: string | number;
	rows_inserted: string | number;
	rows_updated: string | number;
	rows_unchanged: string | number;
	rows_quarantined: string | number;
	message: string;
	at: string;
}

const rank: Record<BatchState, number> = { started: 0, failed: 1, committed: 2 };

function countsOf(row: Row): Counts {
	const c = {
		read: Number(row.rows_read),
		inserted: Number(row.rows_inserted),
		updated: Number(row.rows_updated),
		unchanged: Number(row.rows_unchanged),
		quarantined: Number(row.rows_quarantined),
		superseded: 0,
	};
	c.superseded = Math.max(0, c.read - c.inserted - c.updated - c.unchanged - c.quarantined);
	return c;
}

/** Every entity's record of a batch id (normally one); `hash16` may be a prefix of the id. */
export async function batchRecords(session: Session, batchIdOrPrefix: string, entity?: Entity): Promise<BatchRecord[]> {
	const where = [`startsWith(batch_id, ${str(batchIdOrPrefix)})`];
	if (entity) where.push(`entity = ${str(entity)}`);
	const rows = await session.rows<Row>(
		`SELECT batch_id, entity, state, source, rows_read, rows_inserted, rows_updated, rows_unchanged, rows_quarantined, message,
			formatDateTime(at, '%Y-%m-%d %H:%M:%S', 'UTC') AS at
		FROM ops_batches WHERE ${where.join(' AND ')} ORDER BY at, state`,
	);
	const byKey = new Map<string, Row[]>();
	for (const row of rows) {
		const key = `${row.batch_id}/${row.entity}`;
		byKey.set(key, [...(byKey.get(key) ?? []), row]);
	}
	return [...byKey.values()].map((list) => {
		const latest = list.reduce((a, b) => (b.at > a.at || (b.at === a.at && rank[b.state] > rank[a.state]) ? b : a));
		const committed = list.find((r) => r.state === 'committed');
		const chosen = committed ?? latest;
		return {
			batchId: chosen.batch_id,
			entity: chosen.entity,
			state: chosen.state,
			source: chosen.source,
			counts: countsOf(chosen),
			message: chosen.message,
			at: chosen.at,
			attempts: list.filter((r) => r.state === 'started').length,
		};
	});
}

export async function batchRecord(session: Session, batchId: string, entity: Entity): Promise<BatchRecord | undefined> {
	return (await batchRecords(session, batchId, entity)).find((r) => r.batchId === batchId);
}

export async function recordState(
	session: Session,
	b: { batchId: string; entity: Entity; source: string },
	state: BatchState,
	counts: Counts = zeroCounts(),
	message = '',
): Promise<void> {
	await session.insertJson('ops_batches', [
		{
			batch_id: b.batchId,
			entity: b.entity,
			source: b.source,
			state,
			rows_read: counts.read,
			rows_inserted: counts.inserted,
			rows_updated: counts.updated,
			rows_unchanged: counts.unchanged,
			rows_quarantined: counts.quarantined,
			message,
		},
	]);
}
