/**
 * refreshForecasts(): reads the monthly actuals from ClickHouse, forecasts every series of the
 * hierarchy (hierarchy.ts, model.ts) and stores one run in forecast_runs / forecasts /
 * forecast_year_end (migration 0011). Call it after every load, after refreshRollups() (it reads
 * agg_as_of and agg_job_order_lines). A run whose data version (as-of date and the facts'
 * fingerprints) and method version equal the latest run's is skipped; calls made while one runs
 * are coalesced into one follow-up run. Readers' version: docs/forecasting.md.
 */
import { createHash } from 'node:crypto';
import { queryRows, type Warehouse } from '../client.ts';
import { sqlString } from '../sql-literal.ts';
import { type Actual, buildHierarchy, forecastHierarchy } from './hierarchy.ts';
import { DEFAULT_BREAK_YEARS, forecastSeries, MEASURE_METHODS, monthString, parseMonth, projectYearEnd, seriesDriver } from './model.ts';

/** Bump when a change to the method changes the numbers for the same data. */
export const FORECAST_METHOD_VERSION = 'ets-ad-log+snaive-lead-select-5';
export const HORIZON = 12;
/** Runs kept in the tables (the latest is served). */
const KEEP_RUNS = 3;

export type Measure = 'slots' | 'applications' | 'placements' | 'medium_high_placements';

/** Where each measure's monthly actuals come from: the same sources as the Cube members of the same name. */
const SOURCES: Record<Measure, { table: string; date: string; value: string }> = {
	// job_orders.slots
	slots: { table: 'agg_job_order_lines', date: 'issued_date', value: 'sum(slots)' },
	// applications.applications
	applications: { table: 'fct_applications', date: 'applied_date', value: 'count()' },
	// placements.placements
	placements: { table: 'fct_placements', date: 'departure_date', value: 'count()' },
	// placements.medium_high_placements, what the Quick Win counts
	medium_high_placements: { table: 'fct_placements', date: 'departure_date', value: 'sum(medium_high_skill)' },
};
const FACTS = ['fct_job_order_lines', 'fct_applications', 'fct_placements'];

export interface ForecastRun {
	runId: string;
	dataVersion: string;
	/** false when the latest stored run already had this data version */
	computed: boolean;
	asOf: string | null;
	series: number;
	durationMs: number;
}

interface Row {
	country: string;
	sector: string;
	month: string;
	value: string;
}

/** Monthly actuals of a measure per country × sector up to the as-of date. */
export async function readActuals(db: Warehouse, measure: Measure, asOf: string): Promise<Actual[]> {
	const s = SOURCES[measure];
	const rows = await queryRows<Row>(
		db,
		`SELECT country_iso2 AS country, sector, toString(toStartOfMonth(${s.date})) AS month, toString(${s.value}) AS value
		 FROM ${s.table} WHERE ${s.date} <= toDate(${sqlString(asOf)})
		 GROUP BY country, sector, month`,
	);
	return rows.map((r) => ({ country: r.country, sector: r.sector, month: parseMonth(r.month), value: Number(r.value) }));
}

export async function dataVersion(db: Warehouse, asOf: string): Promise<string> {
	const hash = createHash('sha256').update(asOf);
	for (const table of FACTS) {
		const [row] = await queryRows<{ n: string; h: string }>(
			db,
			`SELECT toString(count()) AS n, toString(sum(_row_hash)) AS h FROM ${table}`,
		);
		hash.update(`|${table}:${row?.n}:${row?.h}`);
	}
	return hash.digest('hex').slice(0, 16);
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const lastDayOfMonth = (date: string) => {
	const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
	d.setUTCMonth(d.getUTCMonth() + 1);
	d.setUTCDate(0);
	return isoDate(d);
};

async function compute(db: Warehouse, log: (line: string) => void, options: { force?: boolean }): Promise<ForecastRun> {
	const started = Date.now();
	const [asOfRow] = await queryRows<{ as_of: string; n: string }>(
		db,
		'SELECT toString(max(as_of)) AS as_of, toString(count()) AS n FROM agg_as_of',
	);
	const asOf = asOfRow && Number(asOfRow.n) > 0 ? asOfRow.as_of : null;
	if (!asOf) {
		log('forecasts: no data (agg_as_of is empty), nothing to forecast');
		return { runId: '', dataVersion: '', computed: false, asOf: null, series: 0, durationMs: Date.now() - started };
	}
	const version = await dataVersion(db, asOf);
	const [latest] = await queryRows<{ run_id: string; data_version: string; method_version: string; series: string }>(
		db,
		'SELECT run_id, data_version, method_version, toString(series) AS series FROM forecast_runs ORDER BY build_ms DESC LIMIT 1',
	);
	if (!options.force && latest && latest.data_version === version && latest.method_version === FORECAST_METHOD_VERSION) {
		log(`forecasts: data version ${version} already forecast (run ${latest.run_id})`);
		return {
			runId: latest.run_id,
			dataVersion: version,
			computed: false,
			asOf,
			series: Number(latest.series),
			durationMs: Date.now() - started,
		};
	}

	// the running month (as-of month unless as-of is its last day) is partial: fit on the months before it
	const asOfMonth = parseMonth(asOf);
	const monthComplete = lastDayOfMonth(asOf) === asOf;
	const lastComplete = monthComplete ? asOfMonth : asOfMonth - 1;
	const runningMonth = monthComplete ? null : asOfMonth;
	const now = new Date();
	const runId = `${isoDate(now).replaceAll('-', '')}-${createHash('sha256').update(`${version}|${FORECAST_METHOD_VERSION}|${now.getTime()}`).digest('hex').slice(0, 12)}`;

	const forecastRows: Record<string, unknown>[] = [];
	const yearEndRows: Record<string, unknown>[] = [];
	let series = 0;
	const row = (
		measure: Measure,
		level: string,
		country: string,
		sector: string,
		month: number,
		h: number,
		step: { point: number; lo80: number; hi80: number; lo95: number; hi95: number },
		base: number,
		method: string,
	) => ({
		run_id: runId,
		measure,
		level,
		country_iso2: country,
		sector,
		month: monthString(month),
		horizon: h,
		partial: month === runningMonth ? 1 : 0,
		point: step.point,
		lo80: step.lo80,
		hi80: step.hi80,
		lo95: step.lo95,
		hi95: step.hi95,
		base_point: base,
		method,
	});

	const measures = ['slots', 'applications', 'placements', 'medium_high_placements'] as const;
	const allActuals = new Map<string, Actual[]>();
	for (const measure of measures) allActuals.set(measure, await readActuals(db, measure, asOf));
	for (const measure of measures) {
		const actuals = allActuals.get(measure)!;
		if (actuals.length === 0) continue;
		const start = Math.min(...actuals.map((a) => a.month));
		if (start > lastComplete) continue;
		const hierarchy = buildHierarchy(actuals, start, lastComplete);
		const national = hierarchy.series.get('national||')!.series;
		const runningSoFar = runningMonth === null ? null : actuals.filter((a) => a.month === runningMonth).reduce((s, a) => s + a.value, 0);
		// the same method as the back-test (scripts/bench-forecast.ts): the measure's naive weight and leading series
		const method = MEASURE_METHODS[measure]!;
		const driverActuals = method.driver ? allActuals.get(method.driver) : undefined;
		const driver = driverActuals?.length ? buildHierarchy(driverActuals, start, lastComplete) : undefined;
		const nationalDriver = seriesDriver(national, driver?.series.get('national||')?.series, DEFAULT_BREAK_YEARS);
		if (measure === 'medium_high_placements') {
			// the Quick Win count: national only
			const f = forecastSeries(national, {
				horizon: HORIZON,
				breakYears: DEFAULT_BREAK_YEARS,
				naiveWeight: method.naiveWeight,
				select: method.select,
				driver: nationalDriver,
			});
			f.steps.forEach((step, k) => {
				forecastRows.push(row(measure, 'national', '', '', f.start + k, k + 1, step, step.point, f.method));
			});
			series++;
		} else {
			const nodes = forecastHierarchy(hierarchy, HORIZON, DEFAULT_BREAK_YEARS, {
				naiveWeight: method.naiveWeight,
				select: method.select,
				driver,
			});
			for (const n of nodes)
				n.steps.forEach((step, k) => {
					forecastRows.push(row(measure, n.key.level, n.key.country, n.key.sector, n.start + k, k + 1, step, n.base[k]!.point, n.method));
				});
			series += nodes.length;
		}
		if (measure === 'placements' || measure === 'medium_high_placements') {
			const y = projectYearEnd(national, runningSoFar, {
				breakYears: DEFAULT_BREAK_YEARS,
				naiveWeight: method.naiveWeight,
				select: method.select,
				driver: nationalDriver,
			});
			yearEndRows.push({
				run_id: runId,
				measure,
				year: y.year,
				as_of: asOf,
				achieved: y.achieved,
				point: y.point,
				lo80: y.lo80,
				hi80: y.hi80,
				lo95: y.lo95,
				hi95: y.hi95,
			});
		}
	}

	// rows first, the run last: Cube serves the latest run, which then already has all its rows
	if (forecastRows.length) await db.insert({ table: 'forecasts', values: forecastRows, format: 'JSONEachRow' });
	if (yearEndRows.length) await db.insert({ table: 'forecast_year_end', values: yearEndRows, format: 'JSONEachRow' });
	const durationMs = Date.now() - started;
	await db.insert({
		table: 'forecast_runs',
		values: [
			{
				run_id: runId,
				data_version: version,
				method_version: FORECAST_METHOD_VERSION,
				as_of: asOf,
				last_complete_month: monthString(lastComplete),
				series,
				duration_ms: durationMs,
				computed_at: now.toISOString().slice(0, 19).replace('T', ' '),
				build_ms: now.getTime(),
			},
		],
		format: 'JSONEachRow',
	});
	await pruneRuns(db);
	log(`forecasts: ${series} series, ${forecastRows.length} rows, run ${runId} in ${(durationMs / 1000).toFixed(1)} s`);
	return { runId, dataVersion: version, computed: true, asOf, series, durationMs };
}

/** Deletes all but the last KEEP_RUNS runs (ALTER … DELETE: valid on 18.16 and current releases). */
async function pruneRuns(db: Warehouse): Promise<void> {
	const old = await queryRows<{ run_id: string }>(
		db,
		`SELECT run_id FROM forecast_runs ORDER BY build_ms DESC LIMIT 1000 OFFSET ${KEEP_RUNS}`,
	);
	if (old.length === 0) return;
	const list = old.map((r) => sqlString(r.run_id)).join(', ');
	for (const table of ['forecasts', 'forecast_year_end', 'forecast_runs'])
		await db.command({ query: `ALTER TABLE ${table} DELETE WHERE run_id IN (${list})` });
}

let running: Promise<ForecastRun> | null = null;
let queued: Promise<ForecastRun> | null = null;

/**
 * Brings the stored forecasts up to date with the data. Calls during a run share one follow-up
 * run (coalesced); a call with unchanged data returns the latest run without computing.
 */
export function refreshForecasts(
	db: Warehouse,
	log: (line: string) => void = () => {},
	options: { force?: boolean } = {},
): Promise<ForecastRun> {
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
				return refreshForecasts(db, log, options);
			});
	}
	return queued;
}
