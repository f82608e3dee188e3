/**
 * "Peluang untuk saya" (/public/peluang, issue #15) over raw HTTP against the real stack:
 * - for hand-built profiles the page's fits and near misses are the cells a hand-written SQL
 *   query on agg_job_order_lines finds (every requirement written out here, not taken from
 *   eligibility.ts), with Cube's public table deciding which cells are shown;
 * - a withheld cell is never shown, and differencing two profiles' totals gives only shown cells;
 * - hostile query strings are a 400 that names the field, in the page's language, never a 500;
 * - nothing is stored: no cookie, `private, no-store`, no public-cache entry (no ETag), no row
 *   written in the warehouse.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, queryRows, type Warehouse } from '../../../warehouse/src/client.ts';
import { cubeRequest, tokenFor } from '../../support/cube-client.ts';
import {
	type Cell,
	expected,
	key,
	pickProfiles,
	publicTable as publicTableOf,
	readPage,
	sqlCells as sqlCellsOf,
	type TestProfile,
	urlOf,
} from '../../support/peluang.ts';
import { webRequest } from './web-client.ts';

const web = inject('web')!;
const cube = inject('cube')!;
let db: Warehouse;

let profiles: TestProfile[] = [];

beforeAll(async () => {
	db = connect(inject('clickhouse'));
	profiles = await pickProfiles(await publicTableOf(cube));
});
const sqlCells = (p: TestProfile, unmet: 0 | 1, table?: Map<string, number | null>): Promise<Cell[]> => sqlCellsOf(db, p, unmet, table);
const publicTable = () => publicTableOf(cube);

describe('Peluang untuk saya', () => {
	it('shows, for hand-built profiles, the fits and near misses SQL finds on the rollup, withheld cells withheld', async () => {
		const table = await publicTable();
		expect(
			[...table.values()].some((v) => v === null),
			'the tiny data withhold some cells',
		).toBe(true);
		let shownFits = 0;
		let shownNear = 0;
		let withheld = 0;
		for (const p of profiles) {
			for (const lang of ['id', 'en'] as const) {
				const res = await webRequest(web.url, urlOf(p, lang));
				expect(res.status, urlOf(p, lang)).toBe(200);
				const page = readPage(res.body);
				const fits = expected(await sqlCells(p, 0, table), table);
				const near = expected(await sqlCells(p, 1, table), table);
				expect(page.fits.map(key).sort(), `${urlOf(p, lang)} fits`).toEqual(fits.items);
				expect(page.fitTotal, `${urlOf(p, lang)} fit total`).toBe(fits.total);
				expect(page.fitWithheld, `${urlOf(p, lang)} withheld fits`).toBe(fits.withheld);
				expect(page.near.map(key).sort(), `${urlOf(p, lang)} near misses`).toEqual(near.items);
				expect(page.nearTotal, `${urlOf(p, lang)} near-miss total`).toBe(near.total);
				expect(page.nearWithheld, `${urlOf(p, lang)} withheld near misses`).toBe(near.withheld);
				shownFits += fits.items.length;
				shownNear += near.items.length;
				withheld += fits.withheld + near.withheld;
			}
		}
		// the profiles read shown fits, shown near misses and withheld cells
		expect(
			[shownFits, shownNear, withheld].every((n) => n > 0),
			`${shownFits} fits, ${shownNear} near, ${withheld} withheld`,
		).toBe(true);
	});

	it('names the nearest certification bodies of a missing certificate, with distances from the visitor’s province', async () => {
		// everything but the certificate, from West Kalimantan
		const p: TestProfile = { ...profiles[2]!, certs: [], province: '61' };
		const page = readPage((await webRequest(web.url, urlOf(p))).body);
		const missingCerts = [
			...new Set((await sqlCells(p, 1)).filter((c) => c.missing === 'certificate').map((c) => c.opening.split('|')[1]!)),
		].sort();
		expect(missingCerts.length, 'a certificate is the only requirement missing for some open demand').toBeGreaterThan(0);
		const shownCerts = [...new Set(page.bodies.map((b) => b.scheme))].sort();
		const { certificationBodiesByScheme: offered } = await import('../../../common/reference/index.ts');
		expect(shownCerts).toEqual(missingCerts.filter((c) => (offered.get(c) ?? []).length > 0));
		// independent: the bodies of each scheme from the reference table, by haversine between capitals
		const { certificationBodiesByScheme, certificationBodyByCode, provinceCapitalByCode } = await import(
			'../../../common/reference/index.ts'
		);
		const from = provinceCapitalByCode.get(p.province!)!;
		const km = (province: string) => {
			const to = provinceCapitalByCode.get(province)!;
			const r = Math.PI / 180;
			const h =
				Math.sin(((to.lat - from.lat) * r) / 2) ** 2 +
				Math.cos(from.lat * r) * Math.cos(to.lat * r) * Math.sin(((to.lon - from.lon) * r) / 2) ** 2;
			return province === p.province ? 0 : Math.round(2 * 6371 * Math.asin(Math.sqrt(h)));
		};
		for (const scheme of shownCerts) {
			const all = (certificationBodiesByScheme.get(scheme) ?? [])
				.map((b) => km(certificationBodyByCode.get(b)!.province))
				.sort((a, b) => a - b);
			const shown = page.bodies.filter((b) => b.scheme === scheme);
			expect(shown.length).toBe(Math.min(3, all.length));
			expect(shown.map((b) => b.km)).toEqual(all.slice(0, shown.length));
			for (const b of shown) expect(b.km).toBe(km(certificationBodyByCode.get(b.body)!.province));
		}
	});

	it('lets no two profiles give a withheld cell away by difference', async () => {
		const table = await publicTable();
		const [without, withCert] = [profiles[0]!, profiles[1]!];
		const a = readPage((await webRequest(web.url, urlOf(without))).body);
		const b = readPage((await webRequest(web.url, urlOf(withCert))).body);
		const before = new Set((await sqlCells(without, 0)).map((c) => `${c.country}|${c.opening}`));
		const added = (await sqlCells(withCert, 0)).filter((c) => !before.has(`${c.country}|${c.opening}`));
		// the difference of the two totals is exactly the shown cells among those the certificate adds:
		// a withheld cell among them adds nothing to either total
		const shownAdded = added.filter((c) => table.get(`${c.country}|${c.opening}`) !== null).reduce((s, c) => s + c.slots, 0);
		expect(b.fitTotal - a.fitTotal).toBe(shownAdded);
		const hiddenAdded = added.filter((c) => table.get(`${c.country}|${c.opening}`) === null);
		const all = added.reduce((s, c) => s + c.slots, 0);
		if (hiddenAdded.length) expect(b.fitTotal - a.fitTotal, 'the difference is not the true one, which holds withheld cells').not.toBe(all);
		// and across all four profiles: every number shown is a shown cell of the public table
		for (const p of profiles) {
			const page = readPage((await webRequest(web.url, urlOf(p))).body);
			for (const s of [...page.fits, ...page.near]) {
				const cells = [...table.entries()].filter(([k, v]) => k.startsWith(`${s.country}|${s.occupation}|`) && v === s.slots);
				expect(cells.length, `${key(s)} is a shown cell`).toBeGreaterThan(0);
			}
		}
	});

	it('serves public_openings to the public only as the one fixed table', async () => {
		const token = await tokenFor(cube, { role: 'public' });
		for (const query of [
			{ measures: ['public_openings.open_slots'], dimensions: ['public_openings.country'] },
			{ measures: ['public_openings.open_slots'], dimensions: ['public_openings.opening'] },
			{
				measures: ['public_openings.open_slots'],
				dimensions: ['public_openings.country', 'public_openings.opening'],
				filters: [{ member: 'public_openings.country', operator: 'equals', values: ['JP'] }],
			},
		]) {
			const res = await cubeRequest(cube, 'load', token, query);
			expect(res.status, JSON.stringify(query)).toBe(400);
			expect(String(res.body.error)).toMatch(/one fixed table/);
		}
	});

	it('refuses hostile query strings with a 400 that names the field, in the page’s language', async () => {
		const cases: [string, string][] = [
			['occupation=9999', 'occupation'],
			['occupation=5322&occupation=5321', 'occupation'],
			['occupation=5322&cert=__proto__', 'cert'],
			['occupation=5322&cert=constructor', 'cert'],
			['occupation=5322&evil=1', 'evil'],
			['occupation=5322&__proto__=1', '__proto__'],
			['occupation=5322&experience=-1', 'experience'],
			['occupation=5322&experience=1e2', 'experience'],
			['occupation=5322&experience=%20', 'experience'],
			['occupation=5322&level=3', 'level'],
			['occupation=5322&language=ja&level=9', 'level'],
			['occupation=5322&province=%00', 'province'],
			['occupation=5322&province=..%2F31', 'province'],
			['occupation=5322&age=abc', 'age'],
			['occupation=5322&gender=X', 'gender'],
			['occupation=5322&education=%3Cscript%3E', 'education'],
			[`occupation=${'9'.repeat(4000)}`, 'occupation'],
			['occupation=5322&major=perhotelan', 'major'],
			['major=nope', 'major'],
			[`occupation=5322${'&cert=caregiver'.repeat(6)}`, 'cert'],
			['occupation=5322&lang=en&lang=id', 'lang'],
		];
		for (const [query, field] of cases) {
			for (const lang of ['id', 'en'] as const) {
				const path = `/public/peluang?${query}${lang === 'en' && !query.includes('lang=') ? '&lang=en' : ''}`;
				const res = await webRequest(web.url, path);
				expect(res.status, path).toBe(400);
				expect(res.body, path).toMatch(new RegExp(`(&quot;|")${field}(&quot;|")`));
				expect(res.body, path).toContain(
					lang === 'en' || query.includes('lang=en&') ? 'This profile cannot be read' : 'Profil ini tidak dapat dibaca',
				);
				expect(res.body, path).not.toMatch(/at \w+ \(|node_modules|Error:/);
				expect(res.cookies, path).toEqual([]);
				const data = await webRequest(web.url, path.replace('/public/peluang?', '/public/peluang/__data.json?'));
				expect(data.status, `${path} __data.json`).not.toBe(500);
			}
		}
	});

	it('stores nothing: no cookie, private no-store, no public-cache entry, no row written', async () => {
		const rows = async () =>
			(
				await queryRows<{ n: string }>(
					db,
					`SELECT toString(sum(rows)) AS n FROM system.parts WHERE active AND database = currentDatabase()`,
				)
			)[0]!.n;
		const tables = async () =>
			(await queryRows<{ n: string }>(db, `SELECT toString(count()) AS n FROM system.tables WHERE database = currentDatabase()`))[0]!.n;
		const [rowsBefore, tablesBefore] = [await rows(), await tables()];
		for (const p of profiles) {
			for (const path of [
				urlOf(p),
				urlOf(p, 'en'),
				urlOf(p).replace('/public/peluang?', '/public/peluang/__data.json?'),
				// SvelteKit's client asks this way for `/public/peluang/?…`: the same profile, never kept either
				urlOf(p).replace('/public/peluang?', '/public/peluang/__data.json?x-sveltekit-trailing-slash=1&'),
			]) {
				for (let i = 0; i < 2; i++) {
					const res = await webRequest(web.url, path);
					expect(res.status, path).toBe(200);
					expect(res.cookies, path).toEqual([]);
					expect(res.header('cache-control'), path).toBe('private, no-store');
					// answered afresh, not from the public page cache (whose answers carry Last-Modified)
					expect(res.header('last-modified'), path).toBeUndefined();
					expect(res.header('referrer-policy'), path).toBe('same-origin');
				}
			}
		}
		expect(await rows(), 'rows in the warehouse').toBe(rowsBefore);
		expect(await tables(), 'tables in the warehouse').toBe(tablesBefore);
		// the empty form is the same for everyone and is kept like the other public pages
		const form = await webRequest(web.url, '/public/peluang');
		expect(form.status).toBe(200);
		expect(form.header('cache-control')).toMatch(/^public, /);
		expect(form.cookies).toEqual([]);
	});

	it('is linked from the public page in both languages', async () => {
		expect((await webRequest(web.url, '/public')).body).toMatch(/href="\/public\/peluang"/);
		expect((await webRequest(web.url, '/public?lang=en')).body).toMatch(/href="\/public\/peluang\?lang=en"/);
	});
});
