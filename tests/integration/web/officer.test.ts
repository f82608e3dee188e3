/**
 * The officer's audited detail path (issue #15 §2, docs/access.md "Officers"), over raw HTTP to the
 * real web app on the tiny data:
 * - an officer sees, for an open line, exactly the waiting candidates of their own province that
 *   meet every requirement — compared with hand-written eligibility SQL on the facts for that line
 *   and province (not the eligibility module the page uses); a candidate's page lists exactly the
 *   open lines hand-written SQL finds eligible;
 * - another province's candidate is a 404 that shows nothing, whatever the spelling or query keys;
 * - every detail view writes exactly one audit row (who, role, province, what), newest first on the
 *   minister's /audit; the director, a regional head, the public and the officer get 403 there;
 * - director, regional head and the public get 403 for every detail route (also __data.json);
 * - no response holds a name or a national id (NIK: 16 digits), and Cube refuses an officer token.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, queryRows } from '../../../warehouse/src/client.ts';
import { auditDatabase } from '../../../warehouse/src/endpoint.ts';
import { candidateDetail, lineDetail } from '../../../warehouse/src/matching/detail.ts';
import { cubeRequest, tokenFor } from '../../support/cube-client.ts';
import { LEAK, logIn, type WebResponse, webRequest } from './web-client.ts';

const web = inject('web')!;
const cube = inject('cube')!;
const db = connect(inject('clickhouse'));
// the audit lives in the audit database, where the web's writer writes it (migration 0016)
const AUDIT = `${auditDatabase(inject('clickhouse').database)}.audit_detail_views`;
const base = web.url;

const sql = <T = Record<string, string>>(query: string) => queryRows<T>(db, query);
const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

let asOf = '';
const cookies: Record<string, string> = {};
/** the line the test reads: an open line with eligible waiting candidates in Nusa Tenggara Barat (52) */
let lineId = '';

/**
 * The waiting candidates of `province` eligible for `line`, by hand from the facts (latest version
 * of each line and candidate; valid certificates and completed language courses up to the as-of
 * date; the related occupations of docs/metrics.md written out). Waiting = agg_candidate_profile's
 * `available` (not placed, not stale).
 */
async function eligibleByHand(line: string, province: string): Promise<string[]> {
	const at = `toDate('${asOf}')`;
	const rows = await sql<{ candidate_id: string }>(`
		SELECT candidate_id FROM
		(
			SELECT * FROM
			(
				SELECT * FROM
				(
					SELECT candidate_id, 1 AS k, tupleElement(c, 1) AS pref_occupation, tupleElement(c, 2) AS pref_countries, tupleElement(c, 3) AS education_rank,
						tupleElement(c, 4) AS experience_years, tupleElement(c, 5) AS gender, tupleElement(c, 6) AS age,
						tupleElement(c, 7) AS registered_date, tupleElement(c, 8) AS declared_language, tupleElement(c, 9) AS declared_level,
						tupleElement(c, 10) AS province_code
					FROM (SELECT candidate_id, argMax(tuple(preferred_occupation_isco4, preferred_countries, education_rank, experience_years, gender, age,
						registered_date, language_code, language_level, province_code), updated_at) AS c FROM fct_candidates GROUP BY candidate_id)
				)
				WHERE province_code = ${q(province)} AND candidate_id IN (SELECT candidate_id FROM agg_candidate_profile WHERE available = 1)
			)
			ALL INNER JOIN
			(
				SELECT 1 AS k, tupleElement(l, 1) AS occupation_isco4,
					tupleElement(l, 2) AS country_iso2, tupleElement(l, 3) AS required_certificate, tupleElement(l, 4) AS required_language,
					tupleElement(l, 5) AS required_language_level, tupleElement(l, 6) AS min_education_rank,
					tupleElement(l, 7) AS min_experience_years, tupleElement(l, 8) AS gender_requirement,
					tupleElement(l, 9) AS age_min, tupleElement(l, 10) AS age_max
				FROM (SELECT argMax(tuple(occupation_isco4, country_iso2, required_certificate, required_language, required_language_level,
					min_education_rank, min_experience_years, gender_requirement, age_min, age_max), updated_at) AS l
					FROM fct_job_order_lines WHERE line_id = ${q(line)})
			) USING k
		)
		ANY LEFT JOIN
		(
			SELECT candidate_id,
				groupUniqArrayIf(code, kind = 'certificate' AND day <= ${at} AND ${at} < addYears(day, 3)) AS valid_schemes,
				groupArrayIf(code, kind = 'language') AS trained_languages,
				groupArrayIf(level, kind = 'language') AS trained_levels
			FROM
			(
				SELECT candidate_id, 'certificate' AS kind, scheme_code AS code, exam_date AS day, toUInt8(0) AS level
				FROM fct_certifications WHERE result = 'passed'
				UNION ALL
				SELECT candidate_id, 'language', language_code, end_date, max(language_level)
				FROM fct_trainings WHERE kind = 'language' AND result = 'completed' AND end_date <= ${at}
				GROUP BY candidate_id, language_code, end_date
			)
			GROUP BY candidate_id
		) USING candidate_id
		WHERE (occupation_isco4 = pref_occupation
				OR (occupation_isco4, pref_occupation) IN (('5321', '5322'), ('5322', '5321'), ('5152', '9111'), ('9111', '5152')))
			AND (empty(pref_countries) OR has(pref_countries, country_iso2))
			AND (required_certificate = '' OR has(valid_schemes, required_certificate))
			AND (required_language = ''
				OR greatest(if(declared_language = required_language, declared_level, 0), trained_levels[indexOf(trained_languages, required_language)])
					>= greatest(required_language_level, 1))
			AND education_rank >= min_education_rank
			AND experience_years >= min_experience_years
			AND (gender_requirement = 'any' OR (gender != '' AND gender = gender_requirement))
			AND ((age_min = 0 AND age_max = 0)
				OR (age > 0 AND age_min <= if(age = 0, 0, age + intDiv((toUInt32(${at}) - toUInt32(registered_date)) * 100, 36525))
					AND if(age = 0, 0, age + intDiv((toUInt32(${at}) - toUInt32(registered_date)) * 100, 36525)) <= age_max))
		ORDER BY candidate_id`);
	return rows.map((r) => r.candidate_id);
}

const attr = (html: string, name: string) => [...html.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) => m[1] as string);
const auditCount = async (username: string) =>
	Number((await sql<{ n: string }>(`SELECT toString(count()) AS n FROM ${AUDIT} WHERE username = ${q(username)}`))[0]?.n);

/** A national id (NIK) is 16 digits; names would come as name/nama fields. */
function expectNoIdentity(response: WebResponse): void {
	expect(response.body).not.toMatch(/(?<![\d.])\d{16}(?![\d.])/);
	expect(response.body).not.toMatch(/"(full_?name|nama|nik|name_person)"/i);
	expect(response.body).not.toMatch(LEAK);
}

const get = (path: string, who?: string) => webRequest(base, path, { cookie: who ? cookies[who] : undefined });

beforeAll(async () => {
	asOf = String((await sql<{ a: string }>('SELECT toString(as_of) AS a FROM agg_as_of'))[0]?.a);
	for (const [user, from] of [
		['petugas-ntb', '127.0.0.151'],
		['petugas-jatim', '127.0.0.152'],
		['menteri', '127.0.0.153'],
		['direktur', '127.0.0.154'],
		['kepala-ntb', '127.0.0.155'],
	] as const) {
		cookies[user] = await logIn(base, user, from);
	}
	// an open line with the most waiting candidates of NTB eligible by hand
	const open = await sql<{ line_id: string }>('SELECT line_id FROM agg_job_order_lines WHERE open_now > 0 ORDER BY line_id');
	let best = -1;
	for (const { line_id } of open.slice(0, 60)) {
		const n = (await eligibleByHand(line_id, '52')).length;
		if (n > best) [best, lineId] = [n, line_id];
	}
}, 300_000);

describe('the officer sees the candidates of their own province only', () => {
	it("lists exactly the line's eligible waiting candidates of the province, by hand-written SQL", async () => {
		expect(lineId).not.toBe('');
		for (const [user, province] of [
			['petugas-ntb', '52'],
			['petugas-jatim', '35'],
		] as const) {
			const expected = await eligibleByHand(lineId, province);
			const page = await get(`/officer/lines/${lineId}`, user);
			expect(page.status).toBe(200);
			const listed = attr(page.body, 'data-candidate');
			expect(Number(/data-testid="eligible-count">(\d+)</.exec(page.body)?.[1])).toBe(expected.length);
			expect([...listed].sort()).toEqual(expected.slice(0, 200));
			// every listed candidate is of the officer's province (facts, latest version)
			if (listed.length > 0) {
				const provinces = await sql<{ p: string }>(
					`SELECT DISTINCT argMax(province_code, updated_at) AS p FROM fct_candidates WHERE candidate_id IN (${listed.map(q).join(', ')}) GROUP BY candidate_id`,
				);
				expect(provinces.map((r) => r.p)).toEqual([province]);
			}
			// near misses are of the province too, and one requirement is shown missing for each
			const near = attr(page.body, 'data-near');
			for (const id of near) expect(expected).not.toContain(id);
			expectNoIdentity(page);
		}
		expect((await eligibleByHand(lineId, '52')).length, 'the tiny data has an eligible NTB candidate for some open line').toBeGreaterThan(
			0,
		);
	});

	it('shows every requirement met or missing in words, not colour only', async () => {
		const page = await get(`/officer/lines/${lineId}?lang=en`, 'petugas-ntb');
		expect(page.status).toBe(200);
		const row = page.body.split('data-candidate="')[1] ?? '';
		expect(row).toContain('data-requirement="certificate"');
		expect(row).toMatch(/✓<\/span> <strong>Certificate<\/strong>\s*met/);
		const id = await get(`/officer/lines/${lineId}`, 'petugas-ntb');
		expect(id.body).toMatch(/<strong>Sertifikat<\/strong>\s*terpenuhi/);
	});

	it("a candidate's page lists exactly the open lines they are eligible for, by hand-written SQL", async () => {
		const [candidate] = await eligibleByHand(lineId, '52');
		const page = await get(`/officer/candidates/${candidate}`, 'petugas-ntb');
		expect(page.status).toBe(200);
		const eligibleLines = [...page.body.matchAll(/data-line="([^"]+)" data-missing=""/g)].map((m) => m[1] as string);
		expect(eligibleLines).toContain(lineId);
		// lines of other occupations cannot fit (the related pairs of docs/metrics.md, written out)
		const [pref] = await sql<{ o: string }>(
			`SELECT argMax(preferred_occupation_isco4, updated_at) AS o FROM fct_candidates WHERE candidate_id = ${q(candidate as string)}`,
		);
		const related: Record<string, string> = { '5321': '5322', '5322': '5321', '5152': '9111', '9111': '5152' };
		const occupations = [pref?.o ?? '', related[pref?.o ?? ''] ?? ''].filter((o) => o !== '');
		const open = await sql<{ line_id: string }>(
			`SELECT line_id FROM agg_job_order_lines WHERE open_now > 0 AND occupation_isco4 IN (${occupations.map(q).join(', ')})`,
		);
		const byHand: string[] = [];
		for (const { line_id } of open) if ((await eligibleByHand(line_id, '52')).includes(candidate as string)) byHand.push(line_id);
		expect([...eligibleLines].sort()).toEqual(byHand.sort());
		// the near misses too are lines of an occupation the candidate can serve, each missing
		// another requirement (a line of another occupation is no near miss)
		const near = [...page.body.matchAll(/data-line="([^"]+)" data-missing="([a-z]+)"/g)].map((m) => ({
			line: m[1] as string,
			missing: m[2],
		}));
		expect(near.length).toBeGreaterThan(0);
		expect(near.filter((n) => n.missing === 'occupation')).toEqual([]);
		const servable = new Set(open.map((l) => l.line_id));
		expect(near.filter((n) => !servable.has(n.line))).toEqual([]);
		expectNoIdentity(page);
	}, 300_000);

	it("another province's candidate is a 404 that shows nothing, whatever the spelling", async () => {
		const [jatim] = await eligibleByHand(lineId, '35');
		const other =
			jatim ??
			(
				await sql<{ c: string }>("SELECT candidate_id AS c FROM agg_candidate_profile WHERE available = 1 AND province_code = '35' LIMIT 1")
			)[0]?.c;
		expect(other).toBeDefined();
		for (const path of [
			`/officer/candidates/${other}`,
			`/officer/candidates/${other}?province=35`,
			`/officer/candidates/${other}/__data.json`,
			`/officer/candidates/${other}/__data.json?x-sveltekit-invalidated=01`,
			`/officer/candidates/${encodeURIComponent(other as string)}%20`,
			`/officer/candidates?id=${other}`,
		]) {
			const res = await get(path, 'petugas-ntb');
			const body = res.status === 303 ? (await get(res.header('location') as string, 'petugas-ntb')).body : res.body;
			expect(body, path).not.toContain(`data-candidate-id`);
			expect(body, path).not.toContain('data-testid="candidate-lines"');
			expect(body, path).not.toMatch(/"lines":\[\{/);
		}
		// the line page of NTB's officer never names a Jawa Timur candidate, even asked with province keys
		const jatimAll = await eligibleByHand(lineId, '35');
		for (const path of [`/officer/lines/${lineId}?province=35`, `/officer/lines/${lineId}/__data.json?province=35`]) {
			const res = await get(path, 'petugas-ntb');
			for (const id of jatimAll) expect(res.body, path).not.toContain(id);
		}
	});

	it('hostile ids and spellings never give a 500 or data', async () => {
		for (const path of [
			"/officer/lines/'%20OR%201=1",
			'/officer/lines/..%2F..%2Faudit',
			'/officer/lines/%00',
			`/officer/lines/${'x'.repeat(4000)}`,
			'/officer/candidates/__proto__',
			'/OFFICER/lines/x',
			'/officer//lines/x',
		]) {
			const res = await get(path, 'petugas-ntb');
			expect(res.status, path).toBeGreaterThanOrEqual(300);
			expect(res.status, path).toBeLessThan(500);
			expect(res.body, path).not.toContain('data-candidate=');
			expect(res.body).not.toMatch(LEAK);
		}
	});
});

describe("the officer's score is the engine's", () => {
	it("each recommended candidate's score on a line's page is the one the engine stored for that line and candidate", async () => {
		const [run] = await sql<{ run_id: string }>('SELECT run_id FROM match_runs ORDER BY run_at DESC, run_id DESC LIMIT 1');
		expect(run, 'the stack ran the engine').toBeDefined();
		const stored = await sql<{ line_id: string; candidate_id: string; score: number }>(
			`SELECT line_id, candidate_id, score FROM match_recommendations WHERE run_id = ${q(run!.run_id)}
				AND candidate_id IN (SELECT candidate_id FROM agg_candidate_profile WHERE province_code = '52')
			ORDER BY line_id, candidate_id`,
		);
		const scoreOf = new Map(stored.map((r) => [`${r.line_id}|${r.candidate_id}`, Number(r.score)]));
		// the lines with the most recommended NTB candidates; their scores differ from a line's own
		// wage over the best single line's wherever a line profile's lines pay differently
		const perLine = new Map<string, number>();
		for (const r of stored) perLine.set(r.line_id, (perLine.get(r.line_id) ?? 0) + 1);
		const lines = [...perLine].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 12);
		let compared = 0;
		for (const [line] of lines) {
			const detail = await lineDetail(db, line, '52', { page: 1, size: 100_000 });
			for (const c of detail!.eligible) {
				if (!c.engine) continue;
				expect(c.score, `${line} ${c.id}`).toBeCloseTo(scoreOf.get(`${line}|${c.id}`) as number, 12);
				compared++;
			}
			// and on the candidate's own page, for this line
			const first = detail!.eligible.find((c) => c.engine);
			if (first) {
				const own = await candidateDetail(db, first.id, '52', { page: 1, size: 100_000 });
				const shown = own!.lines.find((l) => l.line.id === line);
				expect(shown?.score, `${first.id} on ${line}`).toBeCloseTo(scoreOf.get(`${line}|${first.id}`) as number, 12);
			}
		}
		expect(compared, 'recommended NTB candidates compared').toBeGreaterThanOrEqual(10);
	});
});

describe('long lists come in pages', () => {
	it("a line's candidates and a candidate's lines, page after page, are exactly the whole list in the same order", async () => {
		const whole = await lineDetail(db, lineId, '52', { page: 1, size: 100_000 });
		expect(whole!.eligible.length, 'the chosen line has at least 3 eligible NTB candidates').toBeGreaterThanOrEqual(3);
		expect(whole!.pages).toBe(1);
		const pages = Math.ceil(Math.max(whole!.eligible.length, whole!.near.length) / 2);
		const eligible: string[] = [];
		const near: string[] = [];
		for (let page = 1; page <= pages; page++) {
			const part = await lineDetail(db, lineId, '52', { page, size: 2 });
			expect([part!.page, part!.pages]).toEqual([page, pages]);
			expect(part!.eligibleCount).toBe(whole!.eligibleCount);
			eligible.push(...part!.eligible.map((c) => `${c.position}:${c.id}`));
			near.push(...part!.near.map((c) => c.id));
		}
		expect(eligible).toEqual(whole!.eligible.map((c) => `${c.position}:${c.id}`));
		expect(near).toEqual(whole!.near.map((c) => c.id));
		expect(await lineDetail(db, lineId, '52', { page: pages + 1, size: 2 })).toBeUndefined();

		const candidate = whole!.eligible[0]!.id;
		const all = await candidateDetail(db, candidate, '52', { page: 1, size: 100_000 });
		// one line a page: as many pages as the longer of the two lists
		const linePages = Math.max(1, all!.eligibleCount, all!.nearCount);
		const lines: string[] = [];
		for (let page = 1; page <= linePages; page++) {
			const part = await candidateDetail(db, candidate, '52', { page, size: 1 });
			expect(part!.pages).toBe(linePages);
			lines.push(...part!.lines.map((l) => `${l.missing}|${l.line.id}`));
		}
		const byKind = (xs: string[]) => [xs.filter((x) => x.startsWith('|')), xs.filter((x) => !x.startsWith('|'))];
		const expected = all!.lines.map((l) => `${l.missing}|${l.line.id}`);
		// each kind (eligible, one away) keeps its order across the pages
		expect(byKind(lines)).toEqual(byKind(expected));
	});

	it('the page is read from the URL as a whole number within the pages, else 404 that shows nothing', async () => {
		const first = await get(`/officer/lines/${lineId}`, 'petugas-ntb');
		const one = await get(`/officer/lines/${lineId}?page=1`, 'petugas-ntb');
		expect(one.status).toBe(200);
		expect(attr(one.body, 'data-candidate')).toEqual(attr(first.body, 'data-candidate'));
		// the test line's lists fit one page (the first test): page 2 does not exist
		for (const page of ['0', '2', '-1', '1.5', 'abc', "1'", '1e2', '9999999', '']) {
			const res = await get(`/officer/lines/${lineId}?page=${encodeURIComponent(page)}`, 'petugas-ntb');
			expect(res.status, `page=${page}`).toBe(404);
			expect(attr(res.body, 'data-candidate'), `page=${page}`).toEqual([]);
		}
	});
});

describe('hostile query parameters on the officer pages', () => {
	it('answer a 2xx or 4xx, never a 500 or a stack trace, and never another province', async () => {
		const params = [
			'province=35',
			'province=%27%20OR%201%3D1',
			'id=__proto__',
			`x=${'y'.repeat(4000)}`,
			'lang=en&lang=id',
			'next=//evil.example',
		];
		const jatim = await eligibleByHand(lineId, '35');
		for (const path of ['/officer', `/officer/lines/${lineId}`, '/officer/candidates']) {
			for (const p of params) {
				const res = await get(`${path}?${p}`, 'petugas-ntb');
				expect(res.status, `${path}?${p}`).toBeLessThan(500);
				expect(res.body, `${path}?${p}`).not.toMatch(LEAK);
				for (const id of jatim) expect(res.body).not.toContain(id);
			}
		}
	});
});

describe('every detail view is audited', () => {
	it('writes exactly one audit row per view, before the data', async () => {
		const [candidate] = await eligibleByHand(lineId, '52');
		for (const path of [`/officer/lines/${lineId}`, `/officer/candidates/${candidate}`, `/officer/lines/${lineId}/__data.json`]) {
			const before = await auditCount('petugas-ntb');
			const res = await get(path, 'petugas-ntb');
			expect(res.status, path).toBe(200);
			expect(await auditCount('petugas-ntb'), path).toBe(before + 1);
		}
		const [last] = await sql<Record<string, string>>(
			`SELECT username, role, province_code, subject, subject_id FROM ${AUDIT} WHERE username = 'petugas-ntb' ORDER BY viewed_at DESC, view_id DESC LIMIT 1`,
		);
		expect(last).toEqual({ username: 'petugas-ntb', role: 'officer', province_code: '52', subject: 'line', subject_id: lineId });
		// a look at another province's candidate is recorded too (as asked), and shows nothing
		const before = await auditCount('petugas-jatim');
		const res = await get(`/officer/candidates/${candidate}`, 'petugas-jatim');
		expect(res.status).toBe(404);
		expect(await auditCount('petugas-jatim')).toBe(before + 1);
	});

	it('the minister sees the audit rows, newest first', async () => {
		await get(`/officer/lines/${lineId}`, 'petugas-jatim');
		const page = await get('/audit', 'menteri');
		expect(page.status).toBe(200);
		const shown = attr(page.body, 'data-view');
		const newest = await sql<{ view_id: string }>(`SELECT view_id FROM ${AUDIT} ORDER BY viewed_at DESC, view_id DESC LIMIT 500`);
		expect(shown).toEqual(newest.map((r) => r.view_id));
		expect(page.body).toContain('petugas-jatim');
		expectNoIdentity(page);
	});

	it('nobody else reads the audit', async () => {
		for (const who of ['direktur', 'kepala-ntb', 'petugas-ntb', undefined]) {
			for (const path of ['/audit', '/audit/__data.json']) {
				const res = await get(path, who);
				expect(res.status, `${who ?? 'public'} ${path}`).toBe(403);
				expect(res.body).not.toContain('data-view=');
			}
		}
	});
});

describe('other roles get 403 for detail', () => {
	it('director, regional head and the public are refused every detail route', async () => {
		const [candidate] = await eligibleByHand(lineId, '52');
		const before = Number((await sql<{ n: string }>(`SELECT toString(count()) AS n FROM ${AUDIT}`))[0]?.n);
		for (const who of ['direktur', 'kepala-ntb', 'menteri', undefined]) {
			for (const path of [
				`/officer/lines/${lineId}`,
				`/officer/lines/${lineId}/__data.json`,
				`/officer/candidates/${candidate}`,
				`/officer/candidates/${candidate}/__data.json`,
				`/officer/candidates?id=${candidate}`,
			]) {
				const res = await get(path, who);
				expect(res.status, `${who ?? 'public'} ${path}`).toBe(403);
				expect(res.body).not.toContain(candidate as string);
			}
		}
		// refusals are not views: nothing was read, so nothing to audit
		expect(Number((await sql<{ n: string }>(`SELECT toString(count()) AS n FROM ${AUDIT}`))[0]?.n)).toBe(before);
	});

	it("an officer token sent to Cube directly (the web bypassed) never gets another province's candidate detail", async () => {
		// NTB's officer asks Jawa Timur's candidates, by province, by regency, with and without a
		// filter, on every route that answers data; each must be refused before any row is read
		const token = await tokenFor(cube, { role: 'officer', province: '52', sub: 'petugas-ntb' });
		const queries = [
			{
				measures: ['supply.candidates'],
				dimensions: ['supply.province'],
				filters: [{ member: 'supply.province', operator: 'equals', values: ['35'] }],
			},
			{ measures: ['supply.candidates'], filters: [{ member: 'supply.province', operator: 'equals', values: ['35'] }] },
			{ measures: ['supply.candidates'], dimensions: ['supply.province'] },
			{
				measures: ['placements.placements'],
				dimensions: ['placements.regency'],
				filters: [{ member: 'placements.province', operator: 'equals', values: ['35'] }],
			},
		];
		for (const query of queries)
			for (const path of ['load', 'sql', 'dry-run']) {
				const res = await cubeRequest(cube, path, token, query);
				expect(res.status, `${path} ${JSON.stringify(query)}`).toBe(403);
				expect(JSON.stringify(res.body), path).not.toMatch(/"data"|"sql"/);
			}
		// the same officer's token claiming the other province gets no more
		const claimsJatim = await tokenFor(cube, { role: 'officer', province: '35', sub: 'petugas-ntb' });
		expect((await cubeRequest(cube, 'load', claimsJatim, queries[0])).status).toBe(403);
	});

	it('Cube refuses an officer token on every route (the officer has no Cube access at all)', async () => {
		const token = await tokenFor(cube, { role: 'officer', province: '52', sub: 'petugas-ntb' });
		const query = { measures: ['matching_markets.open_slots'] };
		for (const path of ['load', 'sql', 'dry-run', 'meta']) {
			const res = await cubeRequest(cube, path, token, path === 'meta' ? undefined : query);
			expect(res.status, path).toBe(403);
		}
	});
});
