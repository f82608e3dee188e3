/**
 * `/matching/rows` (issue #13): the rest of a long table of /matching, beyond its first rows. It
 * answers only the page's parameters — anything else is 400 with a message in Indonesian and
 * English and nothing of the server's insides — only to whoever may open the page (not logged in:
 * sent to log in; an officer: to their own pages), and its rows are what the page shows: the
 * training plan per province equals SQL on the stored plan, for the minister and a regional head
 * alike (the plan is a national aggregate), and the first rows are the page's first view.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, queryRows } from '../../../warehouse/src/client.ts';
import { MATCHING_FIRST_ROWS, MATCHING_LONG_TABLES } from '../../../web/src/lib/matching-tables.ts';
import { settleRefreshes } from '../../support/refresh.ts';
import { LEAK, logIn, webRequest } from './web-client.ts';

const web = inject('web');
if (!web) throw new Error('the web app is not running');
const base = web.url;
const db = connect(inject('clickhouse'));
const get = (path: string, cookie?: string) => webRequest(base, path, { cookie, headers: { accept: 'application/json' } });
let minister: string;

beforeAll(async () => {
	minister = await logIn(base, 'menteri');
});
afterAll(async () => {
	await db.close();
});

interface Answer {
	table: string;
	rows: Record<string, number | string | null>[];
	total: number;
	error: string | null;
	message?: { id: string; en: string };
}

describe('/matching/rows refuses what the page would not send', () => {
	const hostile = [
		'',
		'?table=',
		'?table=nope',
		'?table=__proto__',
		'?table=constructor',
		'?table=toString',
		'?table=gap-cells%00',
		'?table=GAP-CELLS',
		'?table=gap-cells&table=plan-by-province',
		'?table=gap-cells&x=1',
		'?table=gap-cells&__proto__=1',
		'?table=gap-cells&constructor=1',
		'?table=gap-cells&all=gap-cells',
		`?table=gap-cells&${'k'.repeat(3000)}=1`,
		'?table=gap-cells&from=2026-13',
		"?table=gap-cells&to=2026-01'%20OR%201=1",
		'?table=gap-cells&country=SAU,%3Cscript%3E',
		'?table=gap-cells&country=',
		`?table=gap-cells&country=${Array.from({ length: 21 }, (_, i) => `C${i}`).join(',')}`,
		'?table=gap-cells&province=52&province=35',
		'?table=gap-cells&lang=fr',
		'?table=gap-cells&lang[]=en',
	];
	it.each(hostile)('%s: 400 with a message in both languages', async (query) => {
		const response = await get(`/matching/rows${query}`, minister);
		expect(response.status).toBe(400);
		const body = JSON.parse(response.body) as Answer;
		expect(body.message?.id).toMatch(/\S/);
		expect(body.message?.en).toMatch(/\S/);
		expect(body.message?.id).not.toBe(body.message?.en);
		expect(response.body).not.toMatch(LEAK);
		expect(response.body.length).toBeLessThan(600);
		expect(response.header('cache-control')).toContain('no-store');
	});
});

describe('/matching/rows answers whoever may open /matching, and only them', () => {
	it('not logged in: sent to log in, nothing of the rows', async () => {
		const response = await get('/matching/rows?table=plan-by-province');
		expect(response.status).toBe(303);
		expect(response.header('location')).toMatch(/^\/login\?next=%2Fmatching%2Frows/);
		expect(response.body).toBe('');
	});
	it('a placement officer (no dashboards): sent to their own pages', async () => {
		const response = await get('/matching/rows?table=plan-by-province', await logIn(base, 'petugas-ntb', '127.0.0.171'));
		expect(response.status).toBe(303);
		expect(response.header('location')).toBe('/officer');
		expect(response.body).toBe('');
	});
	it('a forged session cookie: sent to log in', async () => {
		const response = await get('/matching/rows?table=plan-by-province', 'slmi_session=eyJ1IjoibWVudGVyaSJ9.AAAA');
		expect(response.status).toBe(303);
		expect(response.header('location')).toMatch(/^\/login\?/);
	});
});

describe('/matching/rows: the rows the page shows', () => {
	it('the training plan per province equals SQL on the stored plan, for the minister and a regional head', async () => {
		await settleRefreshes(inject('ingest'));
		const provinces = await queryRows<Record<string, string>>(
			db,
			`SELECT sum(plan_seats) AS ps, sum(plan_candidates) AS pc, sum(plan_slots) AS pl,
				sum(proportional_seats) AS qs, sum(proportional_candidates) AS qc, sum(proportional_slots) AS ql
			 FROM match_plan WHERE run_id = (SELECT max(run_id) FROM match_runs)
			 GROUP BY province_code ORDER BY pl DESC, province_code`,
		);
		if (provinces.length === 0) throw new Error('the test stack stores a training plan with the matching run');
		const stored = provinces.map((p) => [p.ps, p.pc, p.pl, p.qs, p.qc, p.ql].map(Number).join('|'));
		const numbers = (r: Answer['rows'][number]) =>
			[r.planSeats, r.planCandidates, r.planSlots, r.propSeats, r.propCandidates, r.propSlots].map(Number).join('|');
		const regional = await logIn(base, 'kepala-ntb', '127.0.0.172');
		for (const cookie of [minister, regional]) {
			// the web follows a newly stored plan within its data version's read (as the browser test)
			await expect
				.poll(
					async () => {
						const body = JSON.parse((await get('/matching/rows?table=plan-by-province&lang=en', cookie)).body) as Answer;
						return body.rows.map(numbers);
					},
					{ timeout: 30_000, interval: 1000 },
				)
				.toEqual(stored);
			const body = JSON.parse((await get('/matching/rows?table=plan-by-province', cookie)).body) as Answer;
			expect(body.total).toBe(provinces.length);
			expect(body.error).toBeNull();
		}
	});

	it('every long table: its first rows are the page first view, and the page says how many there are', async () => {
		const page = await get('/matching?lang=en', minister);
		expect(page.status).toBe(200);
		for (const table of MATCHING_LONG_TABLES) {
			const response = await get(`/matching/rows?table=${table}&lang=en`, minister);
			expect(response.status, table).toBe(200);
			const body = JSON.parse(response.body) as Answer;
			expect(body.error, table).toBeNull();
			expect(body.rows.length, table).toBe(body.total);
			// the first view's table: as many rows as the first rows, the first row's label among them
			const card = page.body.slice(page.body.indexOf(`data-chart-id="${table}"`));
			const tbody = card.slice(card.indexOf('<tbody'), card.indexOf('</tbody>'));
			expect((tbody.match(/<tr/g) ?? []).length, table).toBe(Math.min(MATCHING_FIRST_ROWS, body.total));
			const label = String(body.rows[0]?.label ?? body.rows[0]?.dimension ?? '');
			if (table !== 'engine-fairness') expect(tbody, table).toContain(label.replace(/&/g, '&amp;'));
			if (body.total > MATCHING_FIRST_ROWS)
				expect(card.slice(0, card.indexOf('</section>')), table).toContain(`Showing ${MATCHING_FIRST_ROWS} of ${body.total} rows.`);
		}
	});
});
