/**
 * Stored early-warning alerts (warehouse/src/forecast/alerts.ts, refresh-alerts.ts) on the tiny
 * data: the latest run holds exactly the alerts the rules give on monthly sums read here by our own
 * SQL on the facts; each breakdown equals an independent GROUP BY; Cube serves the table (not to the
 * public); acknowledging through the web stores who and when and is refused for a regional head;
 * the feed and the briefing show what Cube gives.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { alertKey, LOOKBACK, marketChecks, RULES, SENSITIVE_RULES, windowSignals } from '../../../warehouse/src/forecast/alerts.ts';
import type { Actual } from '../../../warehouse/src/forecast/hierarchy.ts';
import { refreshAlerts, refreshForecasts } from '../../../warehouse/src/forecast/index.ts';
import { monthString, parseMonth } from '../../../warehouse/src/forecast/model.ts';
import { cubeRequest, tokenFor } from '../../support/cube-client.ts';
import { form, logIn, webRequest } from '../web/web-client.ts';
import { AS_OF_SQL, cube, cubeRows, dataReady, db, num, sqlRows, sqlValue } from './harness.ts';

const LATEST = '(SELECT argMax(run_id, build_ms) FROM alert_runs)';
const web = inject('web');

let asOf = '';
let lastComplete = 0;

const DEFAULT_RULES = { ...RULES };

beforeAll(async () => {
	await dataReady();
	await refreshForecasts(db);
	// the tiny data has no alert in its last six months under the default settings: the tests use
	// the most sensitive ones the back-test scored (a run of its own; its method records them)
	Object.assign(RULES, SENSITIVE_RULES);
	await refreshAlerts(db);
	asOf = String(await sqlValue(`SELECT toString(${AS_OF_SQL})`));
	const next = new Date(`${asOf}T00:00:00Z`);
	next.setUTCDate(next.getUTCDate() + 1);
	lastComplete = next.getUTCDate() === 1 ? parseMonth(asOf) : parseMonth(asOf) - 1;
});

afterAll(async () => {
	Object.assign(RULES, DEFAULT_RULES);
	await refreshAlerts(db);
});

/** Monthly sums per country × sector, by our own SQL (the same sources as the Cube members). */
async function monthly(table: string, date: string, value: string): Promise<Actual[]> {
	const rows = await sqlRows(`SELECT country_iso2 AS c, sector AS s, toString(toStartOfMonth(${date})) AS m, ${value} AS v
		FROM ${table} WHERE ${date} <= toDate('${asOf}') GROUP BY c, s, m`);
	return rows.map((r) => ({ country: String(r.c), sector: String(r.s), month: parseMonth(String(r.m)), value: Number(r.v) }));
}

describe('stored alerts', () => {
	it('are exactly what the rules give on the facts', async () => {
		const slots = await monthly('agg_job_order_lines', 'issued_date', 'sum(slots)');
		const applications = await monthly('fct_applications', 'applied_date', 'count()');
		const placements = await monthly('fct_placements', 'departure_date', 'count()');
		const start = Math.min(...[...slots, ...applications, ...placements].map((a) => a.month));
		const expected = new Map<string, { through: string; detected: string; actual: number; expected: number }>();
		for (const m of marketChecks({ slots, applications, placements }, start, lastComplete - LOOKBACK + 1, lastComplete))
			for (const s of windowSignals(m.checks, lastComplete)) {
				const months = m.measure === 'fill_rate' ? s.through - s.since + 1 : 1;
				expected.set(alertKey(m.key, m.measure, s), {
					through: monthString(s.through),
					detected: monthString(s.detected),
					actual: s.actual / months,
					expected: s.expected / months,
				});
			}
		const stored = await sqlRows(`SELECT level, country_iso2, sector, measure, rule, direction, toString(since) AS since,
			toString(through) AS through, toString(detected) AS detected, actual, expected FROM alerts WHERE run_id = ${LATEST}`);
		const keyOf = (r: (typeof stored)[number]) =>
			[r.level, r.country_iso2, r.sector, r.measure, r.rule, r.direction, parseMonth(String(r.since))].join('|');
		expect(stored.map(keyOf).sort()).toEqual([...expected.keys()].sort());
		// the tiny data has some: the comparison is not vacuous
		expect(stored.length).toBeGreaterThan(0);
		for (const r of stored) {
			const e = expected.get(keyOf(r))!;
			expect(String(r.through)).toBe(e.through);
			expect(String(r.detected)).toBe(e.detected);
			expect(num(r.actual)!).toBeCloseTo(e.actual, 6);
			expect(num(r.expected)!).toBeCloseTo(e.expected, 6);
		}
		const run = await sqlRows(`SELECT alerts, toString(last_complete_month) AS m FROM alert_runs WHERE run_id = ${LATEST}`);
		expect(Number(run[0]!.alerts)).toBe(stored.length);
		expect(run[0]!.m).toBe(monthString(lastComplete));
	});

	it('break down by occupation and by the competency gap as an independent GROUP BY gives', async () => {
		const stored = await sqlRows(`SELECT country_iso2, sector, measure, direction, toString(since) AS since, toString(through) AS through,
			occupations, requirements FROM alerts WHERE run_id = ${LATEST}`);
		const source: Record<string, [string, string, string]> = {
			slots: ['agg_job_order_lines', 'issued_date', 'slots'],
			applications: ['fct_applications', 'applied_date', '1'],
			placements: ['fct_placements', 'departure_date', '1'],
			fill_rate: ['fct_placements', 'departure_date', '1'],
		};
		for (const a of stored) {
			const [table, date, value] = source[String(a.measure)]!;
			const market = `country_iso2 = '${a.country_iso2}'${a.sector ? ` AND sector = '${a.sector}'` : ''}`;
			const month = `toStartOfMonth(${date})`;
			const rows = await sqlRows(`SELECT occupation_isco4 AS k,
				sum(if(${month} BETWEEN toDate('${a.since}') AND toDate('${a.through}'), ${value}, 0)) AS now,
				sum(if(${month} BETWEEN addYears(toDate('${a.since}'), -1) AND addYears(toDate('${a.through}'), -1), ${value}, 0)) AS before
				FROM ${table} WHERE ${market} GROUP BY k`);
			const sign = a.direction === 'up' ? 1 : -1;
			const top = rows
				.map((r) => ({ k: String(r.k), d: Number(r.now) - Number(r.before), ok: Number(r.now) >= 5 && Number(r.before) >= 5 }))
				.filter((r) => r.ok && sign * r.d > 0)
				.sort((x, y) => sign * (y.d - x.d) || x.k.localeCompare(y.k))
				.slice(0, 3)
				.map((r) => [r.k, r.d]);
			expect(JSON.parse(String(a.occupations)), `${a.country_iso2} ${a.sector} ${a.measure}`).toEqual(top);
			const gap =
				await sqlRows(`SELECT sum(gap_certificate) AS certificate, sum(gap_language) AS language, sum(gap_experience) AS experience,
				sum(gap_education) AS education, sum(gap_no_near_supply) AS no_near_supply FROM agg_competency_gap WHERE ${market}`);
			const requirements = Object.entries(gap[0]!)
				.map(([k, v]) => [k, Number(v)] as [string, number])
				.filter(([, v]) => v > 0)
				.sort((x, y) => y[1] - x[1]);
			expect(JSON.parse(String(a.requirements))).toEqual(requirements);
		}
	});

	it('are not recomputed for an unchanged data version', async () => {
		const before = String(await sqlValue(`SELECT ${LATEST}`));
		const again = await refreshAlerts(db);
		expect(again.computed).toBe(false);
		expect(again.runId).toBe(before);
	});
});

describe('alerts through Cube', () => {
	it('serve the stored alerts to the minister and to a regional head, and nothing to the public', async () => {
		const stored = await sqlRows(`SELECT alert_id, actual, expected FROM alerts WHERE run_id = ${LATEST} ORDER BY alert_id`);
		for (const claims of [{ role: 'minister' }, { role: 'regional', province: '52' }]) {
			const served = await cubeRows(
				{ measures: ['alerts.actual', 'alerts.expected'], dimensions: ['alerts.id'], order: { 'alerts.id': 'asc' } },
				claims,
			);
			expect(served.map((r) => r.id)).toEqual(stored.map((r) => r.alert_id));
			served.forEach((r, k) => {
				expect(num(r.actual)!).toBeCloseTo(num(stored[k]!.actual)!, 6);
				expect(num(r.expected)!).toBeCloseTo(num(stored[k]!.expected)!, 6);
			});
		}
		const { status } = await cubeRequest(cube, 'load', await tokenFor(cube, { role: 'public' }), { measures: ['alerts.count'] });
		expect(status).toBe(403);
	});
});

describe.skipIf(!web)('acknowledging an alert, the feed and the briefing', () => {
	const base = web?.url ?? '';
	const post = (cookie: string, id: string) =>
		webRequest(base, '/alerts', {
			method: 'POST',
			cookie,
			headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
			body: form({ id }),
		});

	it('stores who and when for a director, and is refused for a regional head', async () => {
		const id = String(await sqlValue(`SELECT alert_id FROM alerts WHERE run_id = ${LATEST} ORDER BY alert_id LIMIT 1`));
		const regional = await logIn(base, 'kepala-ntb', '127.0.0.61');
		const refused = await post(regional, id);
		expect(refused.status).toBe(403);
		expect(Number(await sqlValue(`SELECT count() FROM alert_acks WHERE alert_id = '${id}' AND acknowledged_by = 'kepala-ntb'`))).toBe(0);

		const director = await logIn(base, 'direktur', '127.0.0.62');
		const before = Date.now();
		const done = await post(director, id);
		expect(done.status).toBe(200);
		const [ack] = await sqlRows(`SELECT acknowledged_by, role, acknowledged_ms FROM alert_acks WHERE alert_id = '${id}'
			ORDER BY acknowledged_ms DESC LIMIT 1`);
		expect(ack).toMatchObject({ acknowledged_by: 'direktur', role: 'director' });
		expect(Number(ack!.acknowledged_ms)).toBeGreaterThanOrEqual(before - 1000);
		expect(Number(ack!.acknowledged_ms)).toBeLessThanOrEqual(Date.now());
		// an id that is no alert is refused
		expect((await post(director, '0123456789abcdef')).status).toBe(400);
		// Cube says so (the page reads it there)
		await expect
			.poll(
				async () =>
					(
						await cubeRows({ dimensions: ['alerts.acknowledged_by'], filters: [{ member: 'alerts.id', operator: 'equals', values: [id] }] })
					)[0]?.acknowledged_by,
				{
					timeout: 15_000,
				},
			)
			.toBe('direktur');
	});

	it('the feed needs a log-in and carries the values Cube gives', async () => {
		expect((await webRequest(base, '/alerts/feed.json')).status).toBe(303);
		const cookie = await logIn(base, 'menteri', '127.0.0.63');
		const feed = await webRequest(base, '/alerts/feed.json?lang=en', { cookie, headers: { accept: 'application/json' } });
		expect(feed.status).toBe(200);
		const body = JSON.parse(feed.body) as { items: { id: string; _slmi: { actual: number; expected: number; change: number } }[] };
		const served = await cubeRows({ measures: ['alerts.actual', 'alerts.expected', 'alerts.change'], dimensions: ['alerts.id'] });
		expect(body.items.map((i) => i.id).sort()).toEqual(served.map((r) => String(r.id)).sort());
		for (const item of body.items) {
			const r = served.find((s) => s.id === item.id)!;
			expect(item._slmi.actual).toBeCloseTo(num(r.actual)!, 6);
			expect(item._slmi.expected).toBeCloseTo(num(r.expected)!, 6);
			expect(item._slmi.change).toBeCloseTo(num(r.change)!, 6);
		}
	});
});
