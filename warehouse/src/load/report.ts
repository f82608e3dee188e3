/** What a load returns and prints: per batch counts, the first quarantine reasons, a summary. */
import type { Entity } from '../../../common/formats.ts';
import { type Counts, zeroCounts } from './batches.ts';

export type BatchStatus =
	/** loaded: the fact table now holds the batch's rows */
	| 'committed'
	/** these exact bytes were loaded before; nothing changed */
	| 'skipped'
	/** unusable as a whole (empty file, bad header, unknown entity); the same bytes will be rejected again */
	| 'rejected'
	/** the load went wrong (server error, lost lock); run it again */
	| 'failed'
	/** not attempted because a batch it depends on was rejected or failed */
	| 'not-loaded';

export interface QuarantineSample {
	line: number;
	field: string;
	reason: string;
}

export interface BatchReport {
	batchId: string;
	entity: Entity | undefined;
	source: string;
	status: BatchStatus;
	counts: Counts;
	/** the first REPORT_QUARANTINE_SAMPLE quarantine reasons, in line order */
	quarantine: QuarantineSample[];
	/** why a batch was rejected, failed, skipped or not loaded */
	message?: string;
	/** finished from the plan a killed load left behind */
	recovered?: boolean;
	seconds: number;
}

export interface LoadReport {
	batches: BatchReport[];
	/** batches a killed earlier load had left half-published, finished before this load started */
	recovered: BatchReport[];
	totals: Counts;
	seconds: number;
	/** false when any batch was rejected, failed or not loaded */
	ok: boolean;
}

export function sumCounts(reports: readonly BatchReport[]): Counts {
	const total = zeroCounts();
	for (const r of reports) {
		if (r.status !== 'committed') continue;
		for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += r.counts[k];
	}
	return total;
}

const n = (x: number) => x.toLocaleString('en');

export function formatCounts(c: Counts): string {
	return `${n(c.read)} read: ${n(c.inserted)} inserted, ${n(c.updated)} updated, ${n(c.unchanged)} unchanged, ${n(c.superseded)} superseded, ${n(c.quarantined)} quarantined`;
}

export function formatBatch(r: BatchReport): string {
	const what = `${r.source} (${r.entity ?? 'unknown entity'}, batch ${r.batchId.slice(0, 12) || '—'})`;
	switch (r.status) {
		case 'committed': {
			const rate = r.seconds > 0 ? `, ${n(Math.round(r.counts.read / r.seconds))} rows/s` : '';
			return `✓ ${what}${r.recovered ? ' [recovered]' : ''}: ${formatCounts(r.counts)} in ${r.seconds.toFixed(1)} s${rate}`;
		}
		case 'skipped':
			return `= ${what}: ${r.message ?? 'already loaded, nothing changed'}`;
		case 'rejected':
			return `✗ ${what}: rejected — ${r.message ?? ''}`;
		case 'failed':
			return `✗ ${what}: failed — ${r.message ?? ''}`;
		case 'not-loaded':
			return `- ${what}: not loaded — ${r.message ?? ''}`;
	}
}

export function formatReport(report: LoadReport): string {
	const lines: string[] = [];
	for (const r of report.recovered) lines.push(formatBatch(r));
	for (const r of report.batches) {
		lines.push(formatBatch(r));
		for (const q of r.quarantine.slice(0, 5)) lines.push(`    ${q.reason}`);
		if (r.counts.quarantined > 5 && r.quarantine.length > 0) lines.push('    … (all reasons: ops_quarantine, by batch_id)');
	}
	const t = report.totals;
	const rate = report.seconds > 0 ? ` — ${n(Math.round(t.read / report.seconds))} rows/s overall` : '';
	const bad = report.batches.filter((b) => b.status === 'rejected' || b.status === 'failed' || b.status === 'not-loaded').length;
	const skipped = report.batches.filter((b) => b.status === 'skipped').length;
	lines.push(
		`Loaded ${report.batches.filter((b) => b.status === 'committed').length} of ${report.batches.length} batch(es) in ${report.seconds.toFixed(1)} s: ${formatCounts(t)}${rate}.` +
			(skipped ? ` ${skipped} batch(es) were already loaded.` : '') +
			(bad ? ` ${bad} batch(es) rejected, failed or not loaded.` : ''),
	);
	return lines.join('\n');
}
