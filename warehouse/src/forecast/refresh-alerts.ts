/**
 * refreshAlerts(): the early-warning alerts (alerts.ts) on the warehouse's facts, stored in
 * alert_runs / alerts (migration 0014). Called in the after-load path right after
 * refreshForecasts(); skipped when the data version (the forecasts') and alertMethod() (version and RULES) equal
 * the latest run's (with the same RULES); calls made while one runs are coalesced into one follow-up run. Each alert is
 * broken down by occupation and origin province (the months of the movement against the same
 * months a year earlier) and by the market's competency gap now (agg_competency_gap, the members
 * competency_gap.gap_* in Cube). Readers' version: docs/forecasting.md "Early warning".
 */
import { createHash } from 'node:crypto';
import { queryRows, type Warehouse } from '../client.ts';
import { sqlString } from '../sql-literal.ts';
import { type AlertMeasure, alertKey, alertMethod, LOOKBACK, marketChecks, WINDOW, windowSignals } from './alerts.ts';
import type { SeriesKey } from './hierarchy.ts';
import { monthString, parseMonth } from './model.ts';
import { dataVersion, readActuals } from './refresh.ts';

const KEEP_RUNS = 3;
/** entries listed per breakdown */
export const BREAKDOWN_TOP = 3;
/** a breakdown entry whose both periods count fewer than this is left out (small counts of people) */
export const BREAKDOWN_MIN = 5;
/** the requirement columns of agg_competency_gap (Cube: competency_gap.gap_certificate, …) */
export const REQUIREMENTS = ['certificate', 'language', 'experience', 'education', 'no_near_supply'] as const;

export interface AlertRun {
	runId: string;
	computed: boolean;
	alerts: number;
	durationMs: number;
}

export interface StoredAlert {
	alert_id: string;
	level: string;
	country_iso2: string;
	sector: string;
	measure: AlertMeasure;
	rule: string;
	direction: string;
	since: string;
	through: string;
	detected: string;
	months: number;
	actual: number;
	expected: number;
	lo80: number;
	hi80: number;
	occupations: string;
	provinces: string;
	requirements: string;
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** Where a breakdown reads: the facts of the measure (fill rate: placements). */
const BREAKDOWN_SOURCE: Record<AlertMeasure, { table: string; date: string; value: string; province: boolean }> = {
	slots: { table: 'agg_job_order_lines', date: 'issued_date', value: 'sum(slots)', province: false },
	applications: { table: 'fct_applications', date: 'applied_date', value: 'count()', province: true },
	placements: { table: 'fct_placements', date: 'departure_date', value: 'count()', province: true },
	fill_rate: { table: 'fct_placements', date: 'departure_date', value: 'count()', province: true },
};

/**
 * The members (occupations or origin provinces) whose count moved most over the alert's months
 * against the same months a year earlier, in the alert's direction.
 */
async function breakdown(
	db: Warehouse,
	key: SeriesKey,
	measure: AlertMeasure,
	column: 'occupation_isco4' | 'province_code',
	since: number,
	through: number,
	direction: string,
): Promise<[string, number][]> {
	const s = BREAKDOWN_SOURCE[measure];
	const where = [`country_iso2 = ${sqlString(key.country)}`];
	if (key.sector) where.push(`sector = ${sqlString(key.sector)}`);
	const now = `${s.date} >= toDate(${sqlString(monthString(since))}) AND ${s.date} < addMonths(toDate(${sqlString(monthString(through))}), 1)`;
	const before = `${s.date} >= toDate(${sqlString(monthString(since - 12))}) AND ${s.date} < addMonths(toDate(${sqlString(monthString(through - 12))}), 1)`;
	const value = s.value === 'count()' ? '1' : s.value.replace(/^sum\((.*)\)$/, '$1');
	const rows = await queryRows<{ k: string; now: string; before: string }>(
		db,
		`SELECT ${column} AS k, toString(sum(if(${now}, ${value}, 0))) AS now, toString(sum(if(${before}, ${value}, 0))) AS before
		 FROM ${s.table} WHERE ${where.join(' AND ')} AND ((${now}) OR (${before}))
		 GROUP BY k`,
	);
	const sign = direction === 'up' ? 1 : -1;
	return rows
		.map((r) => ({ k: r.k, now: Number(r.now), before: Number(r.before) }))
		.filter((r) => r.now >= BREAKDOWN_MIN && r.before >= BREAKDOWN_MIN && sign * (r.now - r.before) > 0)
		.sort((a, b) => sign * (b.now - b.before) - sign * (a.now - a.before) || a.k.localeCompare(b.k))
		.slice(0, BREAKDOWN_TOP)
		.map((r) => [r.k, r.now - r.before]);
}

/** The market's competency gap now by missing requirement (largest first, zeros left out). */
async function requirements(db: Warehouse, key: SeriesKey): Promise<[string, number][]> {
	const where = [`country_iso2 = ${sqlString(key.country)}`];
	if (key.sector) where.push(`sector = ${sqlString(key.sector)}`);
	const [row] = await queryRows<Record<string, string>>(
		db,
		`SELECT ${REQUIREMENTS.map((r) => `toString(sum(gap_${r})) AS ${r}`).join(', ')} FROM agg_competency_gap WHERE ${where.join(' AND ')}`,
	);
	return REQUIREMENTS.map((r) => [r, Number(row?.[r] ?? 0)] as [string, number])
		.filter(([, v]) => v > 0)
		.sort((a, b) => b[1] - a[1]);
}

async function compute(db: Warehouse, log: (line: string) => void, options: { force?: boolean }): Promise<AlertRun> {
	const started = Date.now();
	const [asOfRow] = await queryRows<{ as_of: string; n: string }>(
		db,
		'SELECT toString(max(as_of)) AS as_of, toString(count()) AS n FROM agg_as_of',
	);
	const asOf = asOfRow && Number(asOfRow.n) > 0 ? asOfRow.as_of : null;
	if (!asOf) return { runId: '', computed: false, alerts: 0, durationMs: Date.now() - started };
	const version = await dataVersion(db, asOf);
	const [latest] = await queryRows<{ run_id: string; data_version: string; method_version: string; alerts: string }>(
		db,
		'SELECT run_id, data_version, method_version, toString(alerts) AS alerts FROM alert_runs ORDER BY build_ms DESC LIMIT 1',
	);
	if (!options.force && latest && latest.data_version === version && latest.method_version === alertMethod()) {
		log(`alerts: data version ${version} already checked (run ${latest.run_id})`);
		return { runId: latest.run_id, computed: false, alerts: Number(latest.alerts), durationMs: Date.now() - started };
	}
	// the last complete month, as for the forecasts
	const d = new Date(`${asOf}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + 1);
	const lastComplete = d.getUTCDate() === 1 ? parseMonth(asOf) : parseMonth(asOf) - 1;

	const [slots, applications, placements] = await Promise.all([
		readActuals(db, 'slots', asOf),
		readActuals(db, 'applications', asOf),
		readActuals(db, 'placements', asOf),
	]);
	const all = [...slots, ...applications, ...placements];
	const now = new Date();
	const runId = `${isoDate(now).replaceAll('-', '')}-${createHash('sha256').update(`${version}|${alertMethod()}|${now.getTime()}`).digest('hex').slice(0, 12)}`;
	const rows: Record<string, unknown>[] = [];
	if (all.length > 0) {
		const start = Math.min(...all.map((a) => a.month));
		const markets = marketChecks({ slots, applications, placements }, start, lastComplete - LOOKBACK + 1, lastComplete);
		for (const m of markets) {
			for (const s of windowSignals(m.checks, lastComplete)) {
				const months = s.through - s.since + 1;
				const mean = m.measure === 'fill_rate' ? months : 1;
				const province = BREAKDOWN_SOURCE[m.measure].province;
				rows.push({
					run_id: runId,
					alert_id: createHash('sha256')
						.update(alertKey(m.key, m.measure, s))
						.digest('hex')
						.slice(0, 16),
					level: m.key.level,
					country_iso2: m.key.country,
					sector: m.key.sector,
					measure: m.measure,
					rule: s.rule,
					direction: s.direction,
					since: monthString(s.since),
					through: monthString(s.through),
					detected: monthString(s.detected),
					months,
					actual: s.actual / mean,
					expected: s.expected / mean,
					lo80: s.lo80,
					hi80: s.hi80,
					occupations: JSON.stringify(await breakdown(db, m.key, m.measure, 'occupation_isco4', s.since, s.through, s.direction)),
					provinces: JSON.stringify(
						province ? await breakdown(db, m.key, m.measure, 'province_code', s.since, s.through, s.direction) : [],
					),
					requirements: JSON.stringify(await requirements(db, m.key)),
					as_of: asOf,
				});
			}
		}
	}
	if (rows.length) await db.insert({ table: 'alerts', values: rows, format: 'JSONEachRow' });
	const durationMs = Date.now() - started;
	await db.insert({
		table: 'alert_runs',
		values: [
			{
				run_id: runId,
				data_version: version,
				method_version: alertMethod(),
				as_of: asOf,
				last_complete_month: monthString(lastComplete),
				alerts: rows.length,
				duration_ms: durationMs,
				computed_at: now.toISOString().slice(0, 19).replace('T', ' '),
				build_ms: now.getTime(),
			},
		],
		format: 'JSONEachRow',
	});
	const old = await queryRows<{ run_id: string }>(
		db,
		`SELECT run_id FROM alert_runs ORDER BY build_ms DESC LIMIT 1000 OFFSET ${KEEP_RUNS}`,
	);
	if (old.length) {
		const list = old.map((r) => sqlString(r.run_id)).join(', ');
		for (const table of ['alerts', 'alert_runs']) await db.command({ query: `ALTER TABLE ${table} DELETE WHERE run_id IN (${list})` });
	}
	log(
		`alerts: ${rows.length} alerts over the ${WINDOW} months to ${monthString(lastComplete).slice(0, 7)}, run ${runId} in ${(durationMs / 1000).toFixed(1)} s`,
	);
	return { runId, computed: true, alerts: rows.length, durationMs };
}

let running: Promise<AlertRun> | null = null;
let queued: Promise<AlertRun> | null = null;

/** Brings the stored alerts up to date with the data (coalesced like refreshForecasts). */
export function refreshAlerts(db: Warehouse, log: (line: string) => void = () => {}, options: { force?: boolean } = {}): Promise<AlertRun> {
	if (!running) {
		running = compute(db, log, options).finally(() => {
			running = null;
		});
		return running;
	}
	if (!queued) {
		queued = running
			.catch(() => undefined)
			.then(() => {
				queued = null;
				return refreshAlerts(db, log, options);
			});
	}
	return queued;
}
