/**
 * The public page, its CSVs and embeds are answered from what was rendered for the current data
 * version (web/src/lib/server/public-cache.ts): validators and 304 for repeat visitors, a new
 * answer once a batch lands — Cube's fresh answer, with its suppressed cells still withheld.
 */
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { publicDatasetQuery } from '../../../web/src/lib/server/queries.ts';
import { cubeLoad } from '../../support/cube-client.ts';
import { settleRefreshes } from '../../support/refresh.ts';
import { parseCsv } from '../../support/spreadsheet.ts';
import { TEST_UNTIL } from '../../support/test-data.ts';
import { webRequest } from './web-client.ts';

const web = inject('web')!;
const cube = inject('cube')!;
const ingest = inject('ingest')!;
// the batch this file pushes is refreshed in the background: the next file's pages must not load behind it
afterAll(() => settleRefreshes(ingest));
const year = TEST_UNTIL.slice(0, 4);

describe('public answers per data version', () => {
	it('carry validators, and a repeat visitor gets 304 Not Modified', async () => {
		// a page before its __data.json and after: each keeps its own answer
		for (const path of [
			'/public',
			'/public/__data.json',
			'/public?lang=en',
			'/public/data/demand-by-country.csv',
			'/embed/placements-by-month/__data.json',
			'/embed/placements-by-month',
			'/public/__data.json',
		]) {
			const first = await webRequest(web.url, path);
			expect(first.status, path).toBe(200);
			const etag = first.header('etag') ?? '';
			expect(etag, path).toMatch(/^"[\w-]+"$/);
			expect(Date.parse(first.header('last-modified') ?? ''), path).not.toBeNaN();
			expect(first.header('cache-control'), path).toMatch(/^public, /);
			expect(first.header('vary'), path).toMatch(/cookie/i);
			const type = path.includes('__data.json') ? /json/ : path.endsWith('.csv') ? /text\/csv/ : /text\/html/;
			expect(first.header('content-type'), path).toMatch(type);

			const again = await webRequest(web.url, path);
			expect(again.header('etag'), path).toBe(etag);
			expect(again.body, `${path}: the same bytes for every visitor`).toBe(first.body);

			const repeat = await webRequest(web.url, path, { headers: { 'if-none-match': etag } });
			expect(repeat.status, path).toBe(304);
			expect(repeat.body, path).toBe('');
			expect(repeat.header('etag'), path).toBe(etag);
			const since = await webRequest(web.url, path, { headers: { 'if-modified-since': first.header('last-modified') ?? '' } });
			expect(since.status, path).toBe(304);
			const stale = await webRequest(web.url, path, { headers: { 'if-none-match': '"something-else"' } });
			expect(stale.status, path).toBe(200);
			expect(stale.body, path).toBe(first.body);
		}
	});

	it('are sent gzipped to a browser that accepts it: the same bytes unpacked, their own tag, 304 for either tag', async () => {
		const browser = { 'accept-encoding': 'gzip, deflate, br, zstd' };
		for (const path of ['/public', '/public?lang=en', '/public/__data.json', '/public/data/demand-by-country.csv']) {
			const plain = await webRequest(web.url, path);
			expect(plain.header('content-encoding'), `${path}: no Accept-Encoding, no gzip`).toBeUndefined();
			const packed = await webRequest(web.url, path, { headers: browser });
			expect(packed.status, path).toBe(200);
			expect(packed.header('content-encoding'), path).toBe('gzip');
			expect(packed.header('vary'), path).toMatch(/cookie/i);
			expect(packed.header('vary'), path).toMatch(/accept-encoding/i);
			expect(Number(packed.header('content-length')), path).toBe(packed.raw.length);
			expect(gunzipSync(packed.raw).toString('utf8'), `${path}: the same answer`).toBe(plain.body);
			expect(packed.raw.length, path).toBeLessThan(plain.raw.length / 2);
			expect(packed.header('etag'), `${path}: another representation, another tag`).not.toBe(plain.header('etag'));
			for (const tag of [packed.header('etag'), plain.header('etag')]) {
				const repeat = await webRequest(web.url, path, { headers: { ...browser, 'if-none-match': tag ?? '' } });
				expect(repeat.status, `${path} with ${tag}`).toBe(304);
				expect(repeat.raw.length).toBe(0);
			}
			const refused = await webRequest(web.url, path, { headers: { 'accept-encoding': 'gzip;q=0, identity' } });
			expect(refused.header('content-encoding'), `${path}: gzip refused`).toBeUndefined();
			expect(refused.body).toBe(plain.body);
		}
	});

	it('changes when a batch lands, to Cube’s fresh answer with the same cells withheld', async () => {
		const path = `/public/data/demand-by-country.csv?year=${year}&lang=en`;
		const before = await webRequest(web.url, path);
		expect(before.status).toBe(200);
		const etag = before.header('etag');
		// the destination with the most demand this year (rows come largest first): shown, not withheld
		const [head, ...beforeRows] = parseCsv(before.body.trim(), ',');
		const code = head!.indexOf('Code');
		const demand = head!.findIndex((c) => /demand/i.test(c));
		expect(code).toBeGreaterThanOrEqual(0);
		expect(demand).toBeGreaterThan(code);
		const top = beforeRows.find((r) => !Number.isNaN(Number(r[demand])));
		expect(top, 'a destination with demand shown').toBeDefined();
		const country = top![code]!;
		const slotsBefore = Number(top![demand]);

		// a new job-order line of 5 slots for that destination, issued this year, through the ingest API
		const id = randomBytes(4).toString('hex');
		const batch = [
			'line_id,job_order_id,updated_at,issued_date,expiry_date,status,status_date,source,scheme,country_iso2,employer_id,agency_code,sector,occupation_isco4,slots,wage_min,wage_max,wage_currency,required_certificate,required_language,required_language_level,min_education,min_experience_years,gender_requirement,age_min,age_max',
			`L-SERVE-${id},JO-SERVE-${id},${year}-06-10T08:00:00Z,${year}-06-10,${year}-12-31,open,,siskop2mi,P2P,${country},EMP-SERVE-1,P3MI-0001,health_care,5321,5,1000,1200,USD,,,,sma,0,any,18,40`,
		].join('\n');
		const res = await fetch(`${ingest.url}/v1/batches/job_order_lines`, {
			method: 'POST',
			headers: { authorization: `Bearer ${ingest.token}`, 'content-type': 'text/csv', 'x-slmi-source': 'public-cache-test' },
			body: `${batch}\n`,
		});
		const report = (await res.json()) as { status?: string; counts?: { inserted?: number } };
		expect(res.status, JSON.stringify(report)).toBe(200);
		expect(report).toMatchObject({ status: 'committed', counts: { inserted: 1 } });

		// the next visitor after the data version changed gets a new answer (read within seconds, not asserted on time)
		await expect.poll(async () => (await webRequest(web.url, path)).header('etag'), { timeout: 60_000, interval: 500 }).not.toBe(etag);
		const after = await webRequest(web.url, path);
		const stillOld = await webRequest(web.url, path, { headers: { 'if-none-match': etag ?? '' } });
		expect(stillOld.status, 'the old tag no longer matches').toBe(200);

		// the same numbers as Cube answers the public now, cell for cell, withheld cells withheld
		const fresh = await cubeLoad(cube, { role: 'public' }, publicDatasetQuery('demand-by-country', year));
		const [, ...lines] = parseCsv(after.body.trim(), ',');
		expect(lines).toHaveLength(fresh.length);
		let withheld = 0;
		for (const line of lines) {
			const row = fresh.find((r) => r['public_demand.country'] === line[code]);
			expect(row, line[code]).toBeDefined();
			const value = row!['public_demand.demand_slots'];
			if (value === 'suppressed') {
				withheld++;
				expect(Number.isNaN(Number(line[demand])) && line[demand] !== '', `${line[code]} withheld`).toBe(true);
			} else expect(Number(line[demand]), String(line[code])).toBe(Number(value));
		}
		// the 5 new slots are in
		expect(Number(lines.find((r) => r[code] === country)?.[demand])).toBe(slotsBefore + 5);
		console.log(`public-cache: ${lines.length} countries, ${withheld} withheld`);
	});
});
