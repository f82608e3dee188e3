/**
 * The one after-load path (warehouse/src/after-load.ts) with the test stack's Cube: it rebuilds
 * only the pre-aggregations (and partitions) a batch can change, keys each partition by what its
 * quarter was built from, and a refresh that fails (Cube answering an error, or unreachable) is
 * tried again. Its parts that need no Cube (the loader's command line, the ingest API and the
 * refresh after it, forecasts and alerts) are in `after-load-scratch.test.ts`, in the parallel
 * `scratch` project (vite.config.ts).
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { entitySpecs } from '../../../common/formats.ts';
import { DEFAULT_BUILD_CONCURRENCY } from '../../../cube/src/config.ts';
import { rebuildPreAggregations } from '../../../cube/src/refresh.ts';
import { AfterLoadRefresher, cubesToRebuild, quarterRange, VISIBILITY_TABLE } from '../../../warehouse/src/after-load.ts';
import { connect, queryRows } from '../../../warehouse/src/client.ts';
import { loadFiles } from '../../../warehouse/src/load/index.ts';
import { refreshRollups } from '../../../warehouse/src/rollups.ts';
import { sqlString } from '../../../warehouse/src/sql-literal.ts';
import { cubeRequest, tokenFor } from '../../support/cube-client.ts';
import { settleRefreshes } from '../../support/refresh.ts';
import { runCli, type Scratch, scratchWarehouse, tempDir, writeDataset } from './support.ts';

const size = { lines: 50, candidates: 300, placements: 200 };

/**
 * The most build statements (`CREATE TABLE … AS SELECT` of Cube's build user) ClickHouse ran at
 * once while `work` ran, and how many distinct ones it saw, from system.processes read in a loop.
 */
async function buildsAtOnce<T>(work: () => Promise<T>): Promise<{ result: T; most: number; seen: number }> {
	const admin = connect(inject('clickhouse'));
	const buildUser = inject('clickhouseUsers').cubeBuild.username;
	const ids = new Set<string>();
	let most = 0;
	let done = false;
	const sampling = (async () => {
		while (!done) {
			const rows = await queryRows<{ query_id: string }>(
				admin,
				`SELECT query_id FROM system.processes WHERE user = ${sqlString(buildUser)} AND positionCaseInsensitive(query, 'CREATE TABLE') > 0`,
			);
			most = Math.max(most, rows.length);
			for (const row of rows) ids.add(row.query_id);
		}
	})();
	try {
		const result = await work();
		return { result, most, seen: ids.size };
	} finally {
		done = true;
		await sampling;
		await admin.close();
	}
}

describe("Cube's pre-aggregations after a load", () => {
	it('rebuilds only those of the cubes a batch can change, and every one of theirs, at most two builds at once', async () => {
		const cube = inject('cube');
		if (!cube) throw new Error('the test stack has no Cube');
		// Cube's ClickHouse driver would run ten builds at once, each allowed 8 GB: at 10× scale that
		// killed ClickHouse (cube/src/config.ts buildConcurrency, default 2)
		const { result: all, most, seen } = await buildsAtOnce(() => rebuildPreAggregations({ cubeUrl: cube.url, apiSecret: cube.apiSecret }));
		expect(seen, 'build statements seen while the pre-aggregations were rebuilt').toBeGreaterThan(5);
		expect(most).toBeGreaterThanOrEqual(1);
		expect(most).toBeLessThanOrEqual(DEFAULT_BUILD_CONCURRENCY);
		const cubes = cubesToRebuild([{ batchId: 'x', entity: 'trainings' }]) ?? [];
		const some = await rebuildPreAggregations({ cubeUrl: cube.url, apiSecret: cube.apiSecret, cubes });
		const cubeOf = (id: string) => id.split('.')[0] as string;
		const expected = all.filter((p) => cubes.includes(cubeOf(p.preAggregation))).map((p) => p.preAggregation);
		expect(expected.length).toBeGreaterThan(0);
		expect(expected.length).toBeLessThan(all.length);
		expect(some.map((p) => p.preAggregation).sort()).toEqual(expected.sort());
	});
});

/** A job-order line batch in the interchange format, all issued on `issued` (as the freshness bench writes them). */
function linesBatch(tag: string, count: number, issued: string): string {
	const expiry = `${Number(issued.slice(0, 4)) + 1}${issued.slice(4)}`;
	const rows = [
		'line_id,job_order_id,updated_at,issued_date,expiry_date,status,status_date,source,scheme,country_iso2,employer_id,agency_code,sector,occupation_isco4,slots,wage_min,wage_max,wage_currency,required_certificate,required_language,required_language_level,min_education,min_experience_years,gender_requirement,age_min,age_max',
	];
	for (let i = 0; i < count; i++)
		rows.push(
			`CUBE14-${tag}-${i},CUBE14J-${tag},${issued}T00:00:00Z,${issued},${expiry},open,,siskop2mi,G2G,JP,CUBE14-E${i % 3},,health_care,5322,${1 + i},1000,1500,JPY,,,,sd,0,any,18,45`,
		);
	return `${rows.join('\n')}\n`;
}

/**
 * What the minister reads of `cubeName` for each query, each answered from the pre-aggregation its
 * name gives (`<cube>_<name>`, its partitions), not from the table under the cube: rows sorted.
 */
async function preAggregatedAnswers(
	cubeName: string,
	queries: readonly { name: string; query: Record<string, unknown> }[],
): Promise<Record<string, unknown>> {
	const cube = inject('cube');
	if (!cube) throw new Error('the test stack has no Cube');
	const token = await tokenFor(cube, { role: 'minister' });
	const out: Record<string, unknown> = {};
	for (const { name, query } of queries) {
		const { status, body } = await cubeRequest(cube, 'load', token, { ...query, limit: 50_000 });
		expect(status, body.error).toBe(200);
		const plan = await cubeRequest(cube, 'sql', token, { ...query, limit: 50_000 });
		expect(plan.status, plan.body.error).toBe(200);
		expect(JSON.stringify(plan.body.sql), name).toContain(`${cubeName}_${name}`);
		out[name] = (body.data ?? []).map((r) => JSON.stringify(Object.entries(r).sort())).sort();
	}
	return out;
}

describe("Cube's partitioned pre-aggregations after a batch", () => {
	const cube = inject('cube');
	const ingest = inject('ingest');
	const admin = connect(inject('clickhouse'));
	const schema = `${inject('clickhouse').database}_pre_aggregations`;
	afterAll(async () => {
		await settleRefreshes(ingest);
		await admin.close();
	});

	/** Every query the dashboards can ask of job_orders' pre-aggregations: each of the three, all time, every measure. */
	const measures = [
		'lines',
		'demand_slots',
		'applications',
		'application_rate',
		'placements',
		'medium_high_placements',
		'fill_rate',
		'open_slots_now',
		'open_lines_now',
		'avg_wage_usd',
	].map((m) => `job_orders.${m}`);
	const month = [{ dimension: 'job_orders.issued_date', granularity: 'month' }];
	const queries = [
		{ name: 'national_monthly', query: { measures, timeDimensions: month } },
		{
			name: 'filter_bar_monthly',
			query: { measures, dimensions: ['job_orders.country', 'job_orders.sector', 'job_orders.scheme'], timeDimensions: month },
		},
		{
			name: 'detailed_monthly',
			query: { measures, dimensions: ['job_orders.status', 'job_orders.agency', 'job_orders.required_certificate'], timeDimensions: month },
		},
	];
	const answers = () => preAggregatedAnswers('job_orders', queries);

	/** job_orders' pre-aggregation tables: each version's name and the partition it holds (its first day, '' when unpartitioned). */
	async function tables(): Promise<Map<string, { preAggregation: string; partition: string }>> {
		const rows = await queryRows<{ name: string }>(
			admin,
			`SELECT name FROM system.tables WHERE database = '${schema}' AND startsWith(name, 'job_orders_')`,
		);
		const out = new Map<string, { preAggregation: string; partition: string }>();
		for (const { name } of rows) {
			const m = /^(job_orders_[a-z_]+?)(\d{8})?_[a-z0-9]+_[a-z0-9]+_[a-z0-9]+$/.exec(name);
			if (m) out.set(name, { preAggregation: m[1] as string, partition: m[2] ?? '' });
		}
		return out;
	}

	it('rebuilds only the partitions of the quarter a batch of lines touched, one per pre-aggregation, and every query answers as after a whole rebuild', async () => {
		if (!cube || !ingest) throw new Error('the test stack has no Cube or ingest API');
		await settleRefreshes(ingest);
		// a quarter of the data that is neither the first nor the last
		const quarters = await queryRows<{ q: number; first: string }>(
			admin,
			'SELECT toYear(issued_date) * 10 + toQuarter(issued_date) AS q, toString(toStartOfQuarter(min(issued_date))) AS first FROM agg_job_order_lines GROUP BY q ORDER BY q',
		);
		expect(quarters.length, 'quarters in the test data').toBeGreaterThan(3);
		const quarter = quarters[Math.floor(quarters.length / 2)]!;
		const issued = `${quarter.first.slice(0, 8)}17`;
		const inQuarter = `toYear(issued_date) * 10 + toQuarter(issued_date) = ${quarter.q}`;
		const linesBefore = Number(
			(await queryRows<{ n: string }>(admin, `SELECT toString(count()) AS n FROM agg_job_order_lines WHERE ${inQuarter}`))[0]?.n,
		);

		const before = await tables();
		const res = await fetch(`${ingest.url}/v1/batches/job_order_lines`, {
			method: 'POST',
			headers: { authorization: `Bearer ${ingest.token}`, 'content-type': 'text/csv', 'x-slmi-source': 'after-load-test' },
			body: linesBatch(randomBytes(3).toString('hex'), 4, issued),
		});
		const report = (await res.json()) as { status?: string };
		expect(res.status, JSON.stringify(report)).toBe(200);
		expect(report.status).toBe('committed');
		await settleRefreshes(ingest);

		// Cube built one new table per pre-aggregation of job_orders, each the partition of that quarter…
		const after = await tables();
		const built = [...after].filter(([name]) => !before.has(name)).map(([, t]) => `${t.preAggregation}${t.partition}`);
		const first = quarter.first.replaceAll('-', '');
		expect(built.sort()).toEqual([
			`job_orders_detailed_monthly${first}`,
			`job_orders_filter_bar_monthly${first}`,
			`job_orders_national_monthly${first}`,
		]);
		// …out of one partition per quarter of the data, the others kept as they were
		const partitions = new Set(
			[...after.values()].filter((t) => t.preAggregation === 'job_orders_national_monthly' && t.partition !== '').map((t) => t.partition),
		);
		expect(partitions.size).toBeGreaterThanOrEqual(quarters.length);

		// Every query answers with the batch…
		const incremental = await answers();
		const linesNow = Number(
			(await queryRows<{ n: string }>(admin, `SELECT toString(count()) AS n FROM agg_job_order_lines WHERE ${inQuarter}`))[0]?.n,
		);
		expect(linesNow).toBe(linesBefore + 4);
		const token = await tokenFor(cube, { role: 'minister' });
		const start = new Date(`${quarter.first}T00:00:00Z`);
		const to = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3, 0)).toISOString().slice(0, 10);
		const { body } = await cubeRequest(cube, 'load', token, {
			measures: ['job_orders.lines'],
			timeDimensions: [{ dimension: 'job_orders.issued_date', dateRange: [quarter.first, to] }],
		});
		expect(Number(body.data?.[0]?.['job_orders.lines'])).toBe(linesNow);
		// …and exactly as after a whole rebuild of every partition.
		await rebuildPreAggregations({ cubeUrl: cube.url, apiSecret: cube.apiSecret, cubes: ['job_orders'] });
		expect(await answers()).toEqual(incremental);
	});

	it("keys each partition by what its quarter was built from: a load changes the key of its quarter only, without Cube reading the rollup's rows", async () => {
		if (!cube || !ingest) throw new Error('the test stack has no Cube or ingest API');
		await settleRefreshes(ingest);
		const quarters = await queryRows<{ q: number; first: string }>(
			admin,
			'SELECT toYear(issued_date) * 10 + toQuarter(issued_date) AS q, toString(toStartOfQuarter(min(issued_date))) AS first FROM agg_job_order_lines GROUP BY q ORDER BY q',
		);
		// a quarter the partition test above did not touch, neither the first nor the last
		const quarter = quarters[Math.floor(quarters.length / 3)]!;
		const neighbour = quarters[Math.floor(quarters.length / 3) + 1]!;
		const token = await tokenFor(cube, { role: 'minister' });
		const query = (q: { first: string }) => {
			const start = new Date(`${q.first}T00:00:00Z`);
			const to = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3, 0)).toISOString().slice(0, 10);
			return { measures: ['job_orders.lines'], timeDimensions: [{ dimension: 'job_orders.issued_date', dateRange: [q.first, to] }] };
		};
		// The refresh key Cube compiled for the partitions of each pre-aggregation, its parameters the
		// partition's range (Cube's placeholders), run for a quarter as Cube runs it for that partition.
		const plan = await cubeRequest(cube, 'sql', token, query(quarter));
		expect(plan.status, plan.body.error).toBe(200);
		const [[keySql, keyParams]] = (plan.body.sql as { preAggregations: { invalidateKeyQueries: [string, string[]][] }[] })
			.preAggregations[0]!.invalidateKeyQueries as [[string, string[]]];
		// a lookup of what the rollup refresh recorded, not a scan of the rollup's rows
		expect(keySql).toContain('ops_rollup_months');
		expect(keySql).not.toContain('FROM agg_job_order_lines');
		const keyOf = async (q: { first: string }) => {
			const bounds: Record<string, string> = {
				__FROM_PARTITION_RANGE: `${q.first}T00:00:00.000`,
				__TO_PARTITION_RANGE: `${q.first}T23:59:59.999`,
			};
			let i = 0;
			const sql = keySql.replace(/\?/g, () => `'${bounds[keyParams[i++] as string]}'`);
			return (await queryRows<Record<string, string>>(admin, sql)).map((r) => Object.values(r)[0]);
		};
		const keys = { quarter: await keyOf(quarter), neighbour: await keyOf(neighbour) };
		expect(keys.quarter).not.toEqual(keys.neighbour);
		const tablesBefore = await tables();

		// The command line with no Cube to tell (no CUBE_URL): facts and rollup change, Cube builds nothing.
		const dir = tempDir('quarter-key');
		writeFileSync(join(dir, 'job_order_lines-key.csv'), linesBatch(randomBytes(3).toString('hex'), 3, `${quarter.first.slice(0, 8)}11`));
		const loaded = await runCli(inject('clickhouse'), [dir], { env: { CUBE_URL: '' } });
		expect(loaded.code, loaded.stderr).toBe(0);
		expect(await keyOf(quarter)).not.toEqual(keys.quarter);
		expect(await keyOf(neighbour)).toEqual(keys.neighbour);

		// The after-load path's partition job for that quarter: Cube answers with the lines, and built
		// that quarter's partition of each pre-aggregation and nothing else.
		const linesNow = Number(
			(
				await queryRows<{ n: string }>(
					admin,
					`SELECT toString(count()) AS n FROM agg_job_order_lines WHERE toYear(issued_date) * 10 + toQuarter(issued_date) = ${quarter.q}`,
				)
			)[0]?.n,
		);
		await rebuildPreAggregations({
			cubeUrl: cube.url,
			apiSecret: cube.apiSecret,
			cubes: ['job_orders'],
			dateRanges: { job_orders: [quarterRange(Number(quarter.q))] },
		});
		const { body } = await cubeRequest(cube, 'load', token, query(quarter));
		expect(Number(body.data?.[0]?.['job_orders.lines'])).toBe(linesNow);
		const built = [...(await tables())].filter(([name]) => !tablesBefore.has(name)).map(([, t]) => `${t.preAggregation}${t.partition}`);
		const first = quarter.first.replaceAll('-', '');
		expect(built.sort()).toEqual([
			`job_orders_detailed_monthly${first}`,
			`job_orders_filter_bar_monthly${first}`,
			`job_orders_national_monthly${first}`,
		]);
	});

	// The cubes read straight off a fact (warehouse/src/fact-quarters.ts), partitioned by year.

	/** A cube's pre-aggregation tables: each version's name and the pre-aggregation with the partition it holds (its first day). */
	async function partitionTables(cubeName: string): Promise<Map<string, string>> {
		const rows = await queryRows<{ name: string }>(
			admin,
			`SELECT name FROM system.tables WHERE database = '${schema}' AND startsWith(name, '${cubeName}_')`,
		);
		const out = new Map<string, string>();
		for (const { name } of rows) {
			const m = new RegExp(`^(${cubeName}_[a-z_]+?)(\\d{8})?_[a-z0-9]+_[a-z0-9]+_[a-z0-9]+$`).exec(name);
			if (m) out.set(name, `${m[1]}${m[2] ?? ''}`);
		}
		return out;
	}
	const applicationTables = () => partitionTables('applications');

	/** Cube's count of applications in a year, and month by month over the data, as the minister sees them. */
	async function applicationAnswers(year: number): Promise<{ year: number; months: string[] }> {
		if (!cube) throw new Error('the test stack has no Cube');
		const token = await tokenFor(cube, { role: 'minister' });
		const inYear = await cubeRequest(cube, 'load', token, {
			measures: ['applications.applications'],
			timeDimensions: [{ dimension: 'applications.applied_date', dateRange: [`${year}-01-01`, `${year}-12-31`] }],
		});
		expect(inYear.status, inYear.body.error).toBe(200);
		const query = {
			measures: ['applications.applications', 'applications.accepted', 'applications.open_applications'],
			dimensions: ['applications.country', 'applications.outcome'],
			timeDimensions: [{ dimension: 'applications.applied_date', granularity: 'month' }],
			limit: 50_000,
		};
		const months = await cubeRequest(cube, 'load', token, query);
		expect(months.status, months.body.error).toBe(200);
		// answered from the partitioned pre-aggregation, not from the fact table
		const plan = await cubeRequest(cube, 'sql', token, query);
		expect(JSON.stringify(plan.body.sql)).toContain('applications_filter_bar_monthly');
		return {
			year: Number(inYear.body.data?.[0]?.['applications.applications']),
			months: (months.body.data ?? []).map((r) => JSON.stringify(Object.entries(r).sort())).sort(),
		};
	}

	it('rebuilds only the years whose applications changed — both when a correction moves one to another year — and answers as the facts and a whole rebuild do', async () => {
		if (!cube || !ingest) throw new Error('the test stack has no Cube or ingest API');
		await settleRefreshes(ingest);
		const years = (
			await queryRows<{ y: number }>(admin, 'SELECT toYear(applied_date) AS y FROM fct_applications GROUP BY y ORDER BY y')
		).map((r) => Number(r.y));
		expect(years.length, 'years in the test data').toBeGreaterThan(3);
		// an application of a year neither first nor last, moved by a correction into the next year
		const [from, to] = [years[Math.floor(years.length / 2)]!, years[Math.floor(years.length / 2) + 1]!];
		const fields = entitySpecs.applications.fields.map((f) => f.name);
		const [row] = await queryRows<Record<string, string>>(
			admin,
			`SELECT application_id, candidate_id, line_id, formatDateTime(updated_at + 86400, '%Y-%m-%dT%H:%M:%SZ') AS updated_at
			FROM fct_applications WHERE toYear(applied_date) = ${from} ORDER BY application_id LIMIT 1`,
		);
		expect(row).toBeDefined();
		const values: Record<string, string> = {
			...row,
			applied_date: `${to}-05-20`,
			outcome: 'pending',
			outcome_date: '',
			rejection_reason: '',
		};
		const count = async (year: number) =>
			Number(
				(
					await queryRows<{ n: string }>(admin, `SELECT toString(count()) AS n FROM fct_applications WHERE toYear(applied_date) = ${year}`)
				)[0]?.n,
			);
		const factsBefore = [await count(from), await count(to)];

		const before = await applicationTables();
		const res = await fetch(`${ingest.url}/v1/batches/applications`, {
			method: 'POST',
			headers: { authorization: `Bearer ${ingest.token}`, 'content-type': 'text/csv', 'x-slmi-source': 'after-load-test' },
			body: `${fields.join(',')}\n${fields.map((f) => values[f] ?? '').join(',')}\n`,
		});
		const report = (await res.json()) as { status?: string; counts?: { updated?: number } };
		expect(res.status, JSON.stringify(report)).toBe(200);
		expect(report.status).toBe('committed');
		expect(report.counts?.updated).toBe(1);
		await settleRefreshes(ingest);

		// the facts moved the application…
		expect([await count(from), await count(to)]).toEqual([factsBefore[0]! - 1, factsBefore[1]! + 1]);
		// …and Cube built the two years' partitions of each pre-aggregation of applications, nothing else
		const built = [...(await applicationTables())].filter(([name]) => !before.has(name)).map(([, t]) => t);
		expect(built.sort()).toEqual(
			['applications_detailed_monthly', 'applications_filter_bar_monthly', 'applications_national_monthly']
				.flatMap((p) => [from, to].map((y) => `${p}${y}0101`))
				.sort(),
		);
		// Cube answers as the facts: one fewer in the old year, one more in the new
		const incremental = { from: await applicationAnswers(from), to: await applicationAnswers(to) };
		expect([incremental.from.year, incremental.to.year]).toEqual([factsBefore[0]! - 1, factsBefore[1]! + 1]);
		// …and exactly as after a whole rebuild of every partition
		await rebuildPreAggregations({ cubeUrl: cube.url, apiSecret: cube.apiSecret, cubes: ['applications'] });
		expect({ from: await applicationAnswers(from), to: await applicationAnswers(to) }).toEqual(incremental);
	});

	/** What the minister reads of supply, each from the pre-aggregation named: a year's cohort, and month by month over the data. */
	async function supplyAnswers(year: number): Promise<Record<string, unknown>> {
		const measures = ['candidates', 'trained', 'certified', 'applied', 'placed', 'waiting', 'qualified', 'lacking_certificate'].map(
			(m) => `supply.${m}`,
		);
		const month = [{ dimension: 'supply.registered_date', granularity: 'month' }];
		return preAggregatedAnswers('supply', [
			{
				name: 'national_monthly',
				query: { measures, timeDimensions: [{ dimension: 'supply.registered_date', dateRange: [`${year}-01-01`, `${year}-12-31`] }] },
			},
			{ name: 'filter_bar_monthly', query: { measures, dimensions: ['supply.province', 'supply.pipeline_stage'], timeDimensions: month } },
			{
				name: 'detailed_monthly',
				query: { measures, dimensions: ['supply.regency', 'supply.missing_certificate'], timeDimensions: month },
			},
		]);
	}

	/** Per registration year: agg_candidate_state's row count and a hash of its rows' every column, taken independently of _row_hash. */
	async function stateByYear(): Promise<Map<number, string>> {
		const rows = await queryRows<{ y: number; f: string }>(
			admin,
			"SELECT toYear(registered_date) AS y, concat(toString(count()), ':', toString(sum(cityHash64(*)))) AS f FROM agg_candidate_state GROUP BY y",
		);
		return new Map(rows.map((r) => [Number(r.y), r.f]));
	}

	it("rebuilds only the registration years of supply whose candidates' rows changed — one for a first application — and answers as a whole rebuild does", async () => {
		if (!cube || !ingest) throw new Error('the test stack has no Cube or ingest API');
		await settleRefreshes(ingest);
		const [{ until }] = (await queryRows<{ until: string }>(admin, 'SELECT toString(applications_until) AS until FROM agg_as_of')) as [
			{ until: string },
		];
		const years = [...(await stateByYear()).keys()].sort();
		expect(years.length, 'registration years in the test data').toBeGreaterThan(3);
		// a waiting candidate who never applied, registered in a year neither first nor last, and a line
		// issued by then; the application is dated on the latest application date, so the as-of date stays
		const [candidate] = await queryRows<{ candidate_id: string; y: number }>(
			admin,
			`SELECT candidate_id, toYear(registered_date) AS y FROM agg_candidate_state
			WHERE applied = 0 AND placed = 0 AND toYear(registered_date) NOT IN (${years[0]}, ${years.at(-1)})
			AND registered_date <= toDate('${until}') ORDER BY candidate_id LIMIT 1`,
		);
		const [line] = await queryRows<{ line_id: string }>(
			admin,
			`SELECT line_id FROM fct_job_order_lines WHERE issued_date <= toDate('${until}') ORDER BY line_id LIMIT 1`,
		);
		expect(candidate && line, 'a candidate who never applied and a line').toBeTruthy();
		const year = Number(candidate!.y);
		const [stateBefore, tablesBefore, answersBefore] = [await stateByYear(), await partitionTables('supply'), await supplyAnswers(year)];

		const res = await fetch(`${ingest.url}/v1/batches/applications`, {
			method: 'POST',
			headers: { authorization: `Bearer ${ingest.token}`, 'content-type': 'text/csv', 'x-slmi-source': 'after-load-test' },
			body: `application_id,candidate_id,line_id,updated_at,applied_date,outcome,outcome_date,rejection_reason\nAFTERLOAD-SUPPLY-1,${candidate!.candidate_id},${line!.line_id},${until}T00:00:00Z,${until},pending,,\n`,
		});
		const report = (await res.json()) as { status?: string; counts?: { inserted?: number } };
		expect(res.status, JSON.stringify(report)).toBe(200);
		expect(report.counts?.inserted).toBe(1);
		await settleRefreshes(ingest);

		// the years whose rows changed, told by hashing every column of every row (not by _row_hash)…
		const stateAfter = await stateByYear();
		const changed = [...new Set([...stateBefore.keys(), ...stateAfter.keys()])]
			.filter((y) => stateBefore.get(y) !== stateAfter.get(y))
			.sort();
		expect(changed).toContain(year);
		expect(changed.length).toBeLessThan(years.length);
		// …are the partitions Cube built of supply's three pre-aggregations, and no other
		const built = [...(await partitionTables('supply'))].filter(([name]) => !tablesBefore.has(name)).map(([, t]) => t);
		expect(built.sort()).toEqual(
			['supply_detailed_monthly', 'supply_filter_bar_monthly', 'supply_national_monthly']
				.flatMap((p) => changed.map((y) => `${p}${y}0101`))
				.sort(),
		);
		// the candidate counts as applied in their year's cohort
		const incremental = await supplyAnswers(year);
		const applied = (a: Record<string, unknown>) => JSON.parse((a.national_monthly as string[])[0] as string) as [string, string][];
		const appliedOf = (a: Record<string, unknown>) => Number(Object.fromEntries(applied(a))['supply.applied']);
		expect(appliedOf(incremental)).toBe(appliedOf(answersBefore) + 1);
		// …and every answer is as after a whole rebuild of every partition
		await rebuildPreAggregations({ cubeUrl: cube.url, apiSecret: cube.apiSecret, cubes: ['supply'] });
		expect(await supplyAnswers(year)).toEqual(incremental);
	});
});

/** A TCP proxy to `target` that listens only once `open` is called: until then its port refuses connections. */
function lateProxy(target: URL): { port: Promise<number>; open(): Promise<void>; close(): Promise<void> } {
	const sockets = new Set<Socket>();
	let server: Server | undefined;
	const port = new Promise<number>((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const p = (probe.address() as { port: number }).port;
			probe.close(() => resolve(p));
		});
	});
	return {
		port,
		async open() {
			server = createServer((client) => {
				const upstream = tcpConnect(Number(target.port), target.hostname);
				for (const s of [client, upstream]) {
					sockets.add(s);
					s.on('close', () => sockets.delete(s));
					s.on('error', () => {});
				}
				client.pipe(upstream).pipe(client);
			});
			const p = await port;
			await new Promise<void>((resolve) => server!.listen(p, '127.0.0.1', resolve));
		},
		async close() {
			for (const s of sockets) s.destroy();
			await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
		},
	};
}

describe('a refresh that fails', () => {
	let s: Scratch;
	beforeAll(async () => {
		s = await scratchWarehouse('refresh_retry');
		const data = tempDir('refresh-retry');
		writeDataset(data, size);
		for (const name of ['job_order_lines.csv', 'candidates.csv', 'certifications.csv']) {
			const report = await loadFiles(s.db, [join(data, name)]);
			expect(report.ok).toBe(true);
		}
		await refreshRollups(s.db);
	});
	afterAll(async () => {
		await s?.drop();
	});

	/**
	 * rebuildPreAggregations of the trainings' cubes through a proxy in front of Cube: `answer` sees
	 * each jobs request (its action) and Cube's answer, and may give another (status, body) instead.
	 * Returns what the build gave or threw, its log, and the selectors of the `post`s Cube answered.
	 */
	async function buildBehindFront(
		answer: (action: string, upstream: { status: number; body: string }) => { status: number; body: string } | undefined,
	) {
		const cube = inject('cube');
		if (!cube) throw new Error('the test stack has no Cube');
		const posts: unknown[] = [];
		const front = createHttpServer(async (req, res) => {
			const chunks: Buffer[] = [];
			for await (const chunk of req) chunks.push(chunk as Buffer);
			const body = Buffer.concat(chunks);
			const upstream = await fetch(`${cube.url}${req.url}`, {
				method: req.method,
				headers: { authorization: String(req.headers.authorization ?? ''), 'content-type': 'application/json' },
				...(req.method === 'POST' ? { body } : {}),
			});
			let out = { status: upstream.status, body: Buffer.from(await upstream.arrayBuffer()).toString('utf8') };
			if (req.url?.endsWith('/pre-aggregations/jobs')) {
				const asked = JSON.parse(body.toString('utf8')) as { action: string; selector?: unknown };
				out = answer(asked.action, out) ?? out;
				if (asked.action === 'post' && out.status === 200) posts.push(asked.selector);
			}
			res.writeHead(out.status, { 'content-type': 'application/json' }).end(out.body);
		});
		await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
		const logged: string[] = [];
		try {
			const port = (front.address() as { port: number }).port;
			const built = await rebuildPreAggregations({
				cubeUrl: `http://127.0.0.1:${port}`,
				apiSecret: cube.apiSecret,
				cubes: cubesToRebuild([{ batchId: 'x', entity: 'trainings' }]),
				log: (line) => logged.push(line),
			}).catch((error: Error) => error);
			return { built, logged, posts };
		} finally {
			await new Promise((resolve) => front.close(resolve));
		}
	}

	it("asks Cube's jobs API again when it answers a server error, and the build goes through", async () => {
		// the first job request gets a 500 (as Cube 0.33 answers when a table it had listed was
		// dropped meanwhile), everything after it goes through
		let refused = 0;
		const { built, logged } = await buildBehindFront(() => {
			if (refused > 0) return undefined;
			refused++;
			return { status: 500, body: JSON.stringify({ error: 'Internal error in the semantic layer' }) };
		});
		if (built instanceof Error) throw built;
		expect(refused).toBe(1);
		expect(built.length).toBeGreaterThan(0);
		expect(built.every((b) => b.status === 'done')).toBe(true);
		// our 500, asked again once (Cube may answer a 500 of its own meanwhile — a table it listed
		// dropped by a concurrent build, refresh.ts — which is asked again the same way)
		expect(logged.filter((l) => /HTTP 500 Internal error in the semantic layer; asking again \(1 of 2\)/.test(l))).toHaveLength(1);
	});

	/**
	 * The first status answer says one partition's build job failed with `status` (as Cube 0.33
	 * reports a build that read a table another build had just dropped); everything else goes through.
	 */
	async function buildWithFailedJob(status: string) {
		let failedOne: string | undefined;
		const result = await buildBehindFront((action, upstream) => {
			if (action !== 'get' || failedOne || upstream.status !== 200) return undefined;
			const statuses = JSON.parse(upstream.body) as { status: string; selector?: { preAggregations?: string[] } }[];
			const first = statuses[0];
			if (!first) return undefined;
			failedOne = first.selector?.preAggregations?.[0];
			first.status = status;
			return { status: 200, body: JSON.stringify(statuses) };
		});
		return { ...result, failedOne };
	}

	it("builds a partition again whose job failed on a table dropped meanwhile (Cube 0.33's race), and the build goes through", async () => {
		const gone =
			"failure: Query failed: Error: Code: 60, e.displayText() = DB::Exception: Table slmi_pre_aggregations.training_rollup_x doesn't exist., e.what() = DB::Exception";
		const { built, failedOne, logged, posts } = await buildWithFailedJob(gone);
		if (built instanceof Error) throw built;
		expect(failedOne).toMatch(/^[a-z_]+\.[a-z_]+$/);
		// the first post, then one for the failed pre-aggregation alone
		expect(posts).toHaveLength(2);
		expect(posts[1]).toEqual({ contexts: [{ securityContext: { role: 'system' } }], timezones: ['UTC'], preAggregations: [failedOne] });
		expect(built.length).toBeGreaterThan(0);
		expect(built.every((b) => b.status === 'done')).toBe(true);
		expect(built.some((b) => b.preAggregation === failedOne)).toBe(true);
		expect(logged.filter((l) => /building again \(1 of 2\)/.test(l))).toHaveLength(1);
	});

	it('fails the build when a job failed for any other reason, and builds nothing again', async () => {
		const { built, posts } = await buildWithFailedJob('failure: Query failed: Error: Code: 241, Memory limit exceeded');
		expect(built).toBeInstanceOf(Error);
		expect((built as Error).message).toMatch(/^Pre-aggregation build failed: [a-z_]+\.[a-z_]+: failure: .*Code: 241/);
		expect(posts).toHaveLength(1);
	});

	it('is tried again: Cube unreachable for the first attempt, the batch becomes visible once it answers', async () => {
		const cube = inject('cube');
		if (!cube) throw new Error('the test stack has no Cube');
		const proxy = lateProxy(new URL(cube.url));
		const logged: string[] = [];
		const refresher = new AfterLoadRefresher({
			db: s.db,
			cube: { url: `http://127.0.0.1:${await proxy.port}`, apiSecret: cube.apiSecret },
			matching: 'skip',
			log: (line) => {
				logged.push(line);
				// the first attempt failed on a refused connection: Cube comes up
				if (/after-load refresh failed \(attempt 1\)/.test(line)) void proxy.open();
			},
		});
		try {
			const dir = tempDir('refresh-retry-batch');
			writeFileSync(
				join(dir, 'placements.csv'),
				'placement_id,candidate_id,line_id,updated_at,departure_date,wage,contract_months\nRT1,GC201,GL1,2023-12-01T00:00:00Z,2023-12-01,1200,24\nRT2,GC202,GL2,2023-12-01T00:00:00Z,2023-12-01,1200,24\n',
			);
			const report = await loadFiles(s.db, [dir]);
			expect(report.ok).toBe(true);
			const batchId = report.batches[0]!.batchId;
			refresher.request(report);
			await refresher.idle();

			expect(logged.filter((l) => /after-load refresh failed/.test(l))).toHaveLength(1);
			expect(logged.join('\n')).toMatch(/attempt 1\): .*(fetch failed|ECONNREFUSED)/);
			expect(logged.join('\n')).toMatch(/refreshed after load in \d+ ms: .*[1-9]\d* pre-aggregation partition\(s\).*1 batch\(es\) visible/);
			// visible once, after the attempt that succeeded
			expect(await s.value(`SELECT count() FROM ${VISIBILITY_TABLE} WHERE batch_id = '${batchId}'`)).toBe(1);
			expect(await s.value('SELECT sum(placements) FROM agg_quick_win_daily')).toBe(await s.value('SELECT count() FROM fct_placements'));
		} finally {
			await refresher.idle();
			await proxy.close();
		}
	});
});
