/**
 * The access matrix, against the real Cube and the warehouse's own counts: minister and director
 * read everything; a regional head (province 52, Nusa Tenggara Barat) reads national aggregates
 * but candidate-level detail of 52 only — refused with 403 when asking for another province,
 * limited to 52 when not saying; the public reads the public views only; the loader's system
 * token reads data and builds pre-aggregations, nothing else.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MIN_PEOPLE_PER_ROW } from '../../../cube/src/config.ts';
import { queryRows } from '../../../warehouse/src/client.ts';
import { ask, byKey, DIRECTOR, db, load, MINISTER, PUBLIC, post, REGIONAL_52, SYSTEM, sqlCounts } from './access-client.ts';

/** k: rows of fewer people are dropped for every role (person-rows.test.ts); the SQL applies the same rule */
const K = Number(process.env.SLMI_MIN_PEOPLE_PER_ROW || DEFAULT_MIN_PEOPLE_PER_ROW);
const LIMIT_52 = 'Regional access is limited to candidate detail of province 52 (Nusa Tenggara Barat)';

async function expectSame(rows: Record<string, unknown>[], key: string, value: string, sql: Map<string, number>) {
	const got = byKey(rows, key, value);
	expect([...got.keys()].sort()).toEqual([...sql.keys()].sort());
	for (const [k, n] of sql) expect(Number(got.get(k)), `${key} = ${k}`).toBe(n);
}

describe('minister and director', () => {
	for (const [name, claims] of [
		['minister', MINISTER],
		['director', DIRECTOR],
	] as const) {
		it(`${name}: candidate-level detail of every province`, async () => {
			const sql = await sqlCounts(
				`SELECT province_code AS k, count() AS n FROM fct_candidates GROUP BY k HAVING uniqExact(candidate_id) >= ${K}`,
			);
			expect(sql.size, 'the test data has candidates in several provinces').toBeGreaterThan(2);
			const rows = await load(claims, { measures: ['supply.candidates'], dimensions: ['supply.province'] });
			await expectSame(rows, 'supply.province', 'supply.candidates', sql);
		});

		it(`${name}: regencies of any province`, async () => {
			const sql = await sqlCounts(
				`SELECT regency_code AS k, count() AS n FROM fct_placements WHERE province_code = '32' GROUP BY k HAVING uniqExact(candidate_id) >= ${K}`,
			);
			const rows = await load(claims, {
				measures: ['placements.placements'],
				dimensions: ['placements.regency'],
				filters: [{ member: 'placements.province', operator: 'equals', values: ['32'] }],
			});
			await expectSame(rows, 'placements.regency', 'placements.placements', sql);
		});
	}
});

describe('regional head of province 52', () => {
	it('reads national aggregates: placements of every province, for comparison', async () => {
		const sql = await sqlCounts(
			`SELECT province_code AS k, count() AS n FROM fct_placements GROUP BY k HAVING uniqExact(candidate_id) >= ${K}`,
		);
		expect(sql.size).toBeGreaterThan(2);
		const rows = await load(REGIONAL_52, { measures: ['placements.placements'], dimensions: ['placements.province'] });
		await expectSame(rows, 'placements.province', 'placements.placements', sql);
	});

	it('reads national demand and the Quick Win', async () => {
		const [demand] = await queryRows<{ n: string }>(db, 'SELECT sum(slots) AS n FROM fct_job_order_lines');
		const rows = await load(REGIONAL_52, { measures: ['job_orders.demand_slots'] });
		expect(Number(rows[0]?.['job_orders.demand_slots'])).toBe(Number(demand!.n));
		const quickWin = await ask(REGIONAL_52, 'load', { measures: ['quick_win.target'], dimensions: ['quick_win.year'] });
		expect(quickWin.status).toBe(200);
	});

	it('gets its own candidate detail, and only that, when it does not name a province', async () => {
		const sql = await sqlCounts(
			`SELECT province_code AS k, count() AS n FROM fct_candidates WHERE province_code = '52' GROUP BY k HAVING uniqExact(candidate_id) >= ${K}`,
		);
		expect(sql.get('52')).toBeGreaterThan(0);
		const byProvince = await load(REGIONAL_52, { measures: ['supply.candidates'], dimensions: ['supply.province'] });
		await expectSame(byProvince, 'supply.province', 'supply.candidates', sql);
		const total = await load(REGIONAL_52, { measures: ['supply.candidates'] });
		expect(Number(total[0]?.['supply.candidates'])).toBe(sql.get('52'));
		const named = await load(REGIONAL_52, {
			measures: ['supply.candidates'],
			filters: [{ member: 'supply.province', operator: 'equals', values: ['52'] }],
		});
		expect(Number(named[0]?.['supply.candidates'])).toBe(sql.get('52'));
	});

	it('gets applications, trainings and certification attempts of 52 only', async () => {
		for (const [cube, table, measure] of [
			['applications', 'fct_applications', 'applications'],
			['trainings', 'fct_trainings', 'trainings'],
			['certifications', 'fct_certifications', 'attempts'],
		] as const) {
			const sql = await sqlCounts(
				`SELECT province_code AS k, count() AS n FROM ${table} WHERE province_code = '52' GROUP BY k HAVING uniqExact(candidate_id) >= ${K}`,
			);
			const rows = await load(REGIONAL_52, { measures: [`${cube}.${measure}`], dimensions: [`${cube}.province`] });
			await expectSame(rows, `${cube}.province`, `${cube}.${measure}`, sql);
		}
	});

	it('gets regencies of 52 only, as detail', async () => {
		const sql = await sqlCounts(
			`SELECT regency_code AS k, count() AS n FROM fct_placements WHERE province_code = '52' GROUP BY k HAVING uniqExact(candidate_id) >= ${K}`,
		);
		const rows = await load(REGIONAL_52, { measures: ['placements.placements'], dimensions: ['placements.regency'] });
		await expectSame(rows, 'placements.regency', 'placements.placements', sql);
		for (const r of rows) expect(String(r['placements.regency'])).toMatch(/^52\./);
	});

	it('is refused, with the province it may see, when it asks for another province’s candidates', async () => {
		for (const values of [['32'], ['52', '32']]) {
			const res = await ask(REGIONAL_52, 'load', {
				measures: ['supply.candidates'],
				filters: [{ member: 'supply.province', operator: 'equals', values }],
			});
			expect(res.status).toBe(403);
			expect(res.body.error).toContain(LIMIT_52);
			expect(res.body.error).toContain('32 (Jawa Barat)');
		}
		const posted = await post(
			REGIONAL_52,
			'load',
			JSON.stringify({
				query: { measures: ['trainings.trainings'], filters: [{ member: 'trainings.province', operator: 'equals', values: ['35'] }] },
			}),
		);
		expect(posted.status).toBe(403);
		expect(posted.body.error).toContain(LIMIT_52);
	});

	it('is refused when it asks for regencies of another province', async () => {
		const res = await ask(REGIONAL_52, 'load', {
			measures: ['placements.placements'],
			filters: [{ member: 'placements.regency', operator: 'equals', values: ['32.12'] }],
		});
		expect(res.status).toBe(403);
		expect(res.body.error).toContain(LIMIT_52);
		const names = await ask(REGIONAL_52, 'load', {
			dimensions: ['regencies.name'],
			filters: [{ member: 'regencies.province', operator: 'equals', values: ['32'] }],
		});
		expect(names.status).toBe(403);
	});

	it('has the limit written into the query Cube runs (also for /sql)', async () => {
		const res = await ask(REGIONAL_52, 'sql', { measures: ['supply.candidates'] });
		expect(res.status).toBe(200);
		expect(JSON.stringify(res.body)).toContain('"52"');
	});
});

describe('the public', () => {
	it('is refused candidate-level cubes and every other non-public member: 403', async () => {
		for (const query of [
			{ measures: ['supply.candidates'] },
			{ measures: ['placements.placements'] },
			{ measures: ['public_placements.placements'], dimensions: ['placements.regency'] },
			{ measures: ['job_orders.demand_slots'] },
		]) {
			const res = await ask(PUBLIC, 'load', query);
			expect(res.status, JSON.stringify(query)).toBe(403);
			expect(res.body.error).toMatch(/is not available to the public/);
		}
	});

	it('reads the public views', async () => {
		const res = await ask(PUBLIC, 'load', { measures: ['public_placements.placements'] });
		expect(res.status).toBe(200);
		const [total] = await queryRows<{ n: string }>(db, 'SELECT count() AS n FROM fct_placements');
		expect(res.body.data?.[0]?.['public_placements.placements']).toBe(total!.n);
		for (const measure of ['public_demand.demand_slots', 'public_provinces.placements', 'public_quick_win.target']) {
			expect((await ask(PUBLIC, 'load', { measures: [measure] })).status, measure).toBe(200);
		}
		const freshness = await ask(PUBLIC, 'load', { dimensions: ['data_freshness.last_loaded_at'] });
		expect(freshness.status).toBe(200);
	});

	it('gets nothing but /load and /meta', async () => {
		for (const path of ['sql', 'dry-run']) {
			const res = await ask(PUBLIC, path, { measures: ['public_placements.placements'] });
			expect(res.status, path).toBe(403);
			expect(res.body.error).toMatch(/not available to the public/);
		}
		const jobs = await post(PUBLIC, 'pre-aggregations/jobs', JSON.stringify({ action: 'get', tokens: [] }));
		expect(jobs.status).toBe(403);
	});
});

describe('the loader (system)', () => {
	it('reads data and may build pre-aggregations; people may not', async () => {
		expect((await ask(SYSTEM, 'load', { measures: ['placements.placements'] })).status).toBe(200);
		expect((await post(SYSTEM, 'pre-aggregations/jobs', JSON.stringify({ action: 'get', tokens: [] }))).status).toBe(200);
		const minister = await post(MINISTER, 'pre-aggregations/jobs', JSON.stringify({ action: 'get', tokens: [] }));
		expect(minister.status).toBe(403);
		expect(minister.body.error).toMatch(/API scope is missing: jobs/);
	});

	it('has no use for /meta', async () => {
		const res = await ask(SYSTEM, 'meta');
		expect(res.status).toBe(403);
	});
});

describe('every person', () => {
	it('is refused row-level results and internal members', async () => {
		for (const claims of [MINISTER, DIRECTOR, REGIONAL_52]) {
			const ids = await ask(claims, 'load', { measures: ['placements.placements'], dimensions: ['placements.placement_id'] });
			expect(ids.status).toBe(403);
			expect(ids.body.error).toMatch(/internal/);
			const ungrouped = await ask(claims, 'load', { dimensions: ['placements.country'], ungrouped: true });
			expect(ungrouped.status).toBe(403);
		}
	});
});
