/**
 * The matching engine's stored run (issue #15): the stack runs it after loading the tiny data.
 * - every recommended pair meets the eligibility, checked here by hand-written SQL on the facts
 *   (not by the eligibility module the engine and the rollups share);
 * - the stored per-market figures and the run's totals equal independent SQL over the stored
 *   recommendations, and Cube serves exactly them to the minister;
 * - the fairness bounds and the 3-per-slot cap hold in what was stored;
 * - the public sees none of it, and no role gets candidate ids through Cube.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ask, DIRECTOR, PUBLIC, REGIONAL_52 } from '../access/access-client.ts';
import { cubeRow, cubeRows, d, dataReady, expectSame, type Row, sqlRow, sqlRows } from './harness.ts';

let runId = '';
let asOf = '';

beforeAll(async () => {
	await dataReady();
	const run = await sqlRow('SELECT max(run_id) AS run_id, toString(max(as_of)) AS as_of FROM match_runs');
	runId = String(run.run_id);
	asOf = d(String(run.as_of));
});

const recommendations = () => `(SELECT line_id, candidate_id, is_primary FROM match_recommendations WHERE run_id = '${runId}')`;

describe('the stored matching run', () => {
	it('exists for the loaded data and recommends someone', async () => {
		expect(runId).not.toBe('');
		const run = await sqlRow(
			`SELECT fillable_optimal, recommendations, toString(as_of) AS as_of FROM match_runs WHERE run_id = '${runId}'`,
		);
		expect(Number(run.recommendations)).toBeGreaterThan(0);
		expect(String(run.as_of)).toBe(String((await sqlRow('SELECT toString(as_of) AS a FROM agg_as_of')).a));
	});

	it('keeps the recommendations of the latest three runs only', async () => {
		const kept = await sqlRows('SELECT DISTINCT run_id FROM match_recommendations');
		const latest = await sqlRows('SELECT run_id FROM match_runs ORDER BY run_id DESC LIMIT 3');
		expect(kept.length).toBeLessThanOrEqual(3);
		for (const k of kept) expect(latest.map((r) => r.run_id)).toContain(k.run_id);
	});

	it('every recommended pair meets every requirement, read from the facts by hand', async () => {
		// one version per line and candidate: the latest
		const rows = await sqlRows(`
			SELECT
				count() AS pairs,
				sum(open_ok) AS open_ok,
				sum(occupation_ok) AS occupation_ok,
				sum(destination_ok) AS destination_ok,
				sum(certificate_ok) AS certificate_ok,
				sum(language_ok) AS language_ok,
				sum(education_ok) AS education_ok,
				sum(experience_ok) AS experience_ok,
				sum(gender_ok) AS gender_ok,
				sum(age_ok) AS age_ok,
				sum(waiting_ok) AS waiting_ok
			FROM
			(
				SELECT
					toUInt8(issued_date <= ${asOf} AND ${asOf} <= expiry_date AND (status = 'open' OR ${asOf} < ifNull(status_date, toDate(updated_at)))) AS open_ok,
					toUInt8(occupation_isco4 = pref_occupation
						OR (occupation_isco4, pref_occupation) IN (('5321', '5322'), ('5322', '5321'), ('5152', '9111'), ('9111', '5152'))) AS occupation_ok,
					toUInt8(empty(pref_countries) OR has(pref_countries, country_iso2)) AS destination_ok,
					toUInt8(required_certificate = '' OR has(valid_schemes, required_certificate)) AS certificate_ok,
					toUInt8(required_language = ''
						OR greatest(if(declared_language = required_language, declared_level, 0), trained_levels[indexOf(trained_languages, required_language)])
							>= greatest(required_language_level, 1)) AS language_ok,
					toUInt8(education_rank >= min_education_rank) AS education_ok,
					toUInt8(experience_years >= min_experience_years) AS experience_ok,
					toUInt8(gender_requirement = 'any' OR (gender != '' AND gender = gender_requirement)) AS gender_ok,
					toUInt8((age_min = 0 AND age_max = 0)
						OR (age > 0 AND age_min <= age_now AND age_now <= age_max)) AS age_ok,
					toUInt8(placed = 0) AS waiting_ok
				FROM
				(
					SELECT *, if(age = 0, 0, age + intDiv((toUInt32(${asOf}) - toUInt32(registered_date)) * 100, 36525)) AS age_now
					FROM
					(
						SELECT *
						FROM
						(
							SELECT *
							FROM
							(
								SELECT *
								FROM ${recommendations()}
								ANY LEFT JOIN
								(
									SELECT line_id, tupleElement(l, 1) AS issued_date, tupleElement(l, 2) AS expiry_date, tupleElement(l, 3) AS status,
										tupleElement(l, 4) AS status_date, tupleElement(l, 5) AS updated_at, tupleElement(l, 6) AS occupation_isco4,
										tupleElement(l, 7) AS country_iso2, tupleElement(l, 8) AS required_certificate, tupleElement(l, 9) AS required_language,
										tupleElement(l, 10) AS required_language_level, tupleElement(l, 11) AS min_education_rank,
										tupleElement(l, 12) AS min_experience_years, tupleElement(l, 13) AS gender_requirement,
										tupleElement(l, 14) AS age_min, tupleElement(l, 15) AS age_max
									FROM (SELECT line_id, argMax(tuple(issued_date, expiry_date, status, status_date, updated_at, occupation_isco4, country_iso2,
										required_certificate, required_language, required_language_level, min_education_rank, min_experience_years,
										gender_requirement, age_min, age_max), updated_at) AS l FROM fct_job_order_lines GROUP BY line_id)
								) USING line_id
							)
							ANY LEFT JOIN
							(
								SELECT candidate_id, tupleElement(c, 1) AS pref_occupation, tupleElement(c, 2) AS pref_countries, tupleElement(c, 3) AS education_rank,
									tupleElement(c, 4) AS experience_years, tupleElement(c, 5) AS gender, tupleElement(c, 6) AS age,
									tupleElement(c, 7) AS registered_date, tupleElement(c, 8) AS declared_language, tupleElement(c, 9) AS declared_level
								FROM (SELECT candidate_id, argMax(tuple(preferred_occupation_isco4, preferred_countries, education_rank, experience_years, gender, age,
									registered_date, language_code, language_level), updated_at) AS c FROM fct_candidates GROUP BY candidate_id)
							) USING candidate_id
						)
						ANY LEFT JOIN
						(
							-- passed, on or before the date, less than three years before it; language courses completed by then; departures
							SELECT candidate_id,
								groupUniqArrayIf(code, kind = 'certificate' AND day <= ${asOf} AND ${asOf} < addYears(day, 3)) AS valid_schemes,
								groupArrayIf(code, kind = 'language') AS trained_languages,
								groupArrayIf(level, kind = 'language') AS trained_levels,
								countIf(kind = 'placement') AS placed
							FROM
							(
								SELECT candidate_id, 'certificate' AS kind, scheme_code AS code, exam_date AS day, toUInt8(0) AS level
								FROM fct_certifications WHERE result = 'passed'
								UNION ALL
								SELECT candidate_id, 'language', language_code, end_date, max(language_level)
								FROM fct_trainings WHERE kind = 'language' AND result = 'completed' AND end_date <= ${asOf}
								GROUP BY candidate_id, language_code, end_date
								UNION ALL
								SELECT candidate_id, 'placement', '', departure_date, toUInt8(0) FROM fct_placements
							)
							GROUP BY candidate_id
						) USING candidate_id
					)
				)
			)`);
		const r = rows[0] as Row;
		const pairs = Number(r.pairs);
		expect(pairs).toBeGreaterThan(0);
		for (const requirement of [
			'open',
			'occupation',
			'destination',
			'certificate',
			'language',
			'education',
			'experience',
			'gender',
			'age',
			'waiting',
		]) {
			expect(Number(r[`${requirement}_ok`]), `${requirement}: pairs that meet it, of ${pairs}`).toBe(pairs);
		}
	});

	it('recommends each candidate once and no line more than 3 times its open slots', async () => {
		const once = await sqlRow(`SELECT count() AS n, uniqExact(candidate_id) AS people FROM ${recommendations()}`);
		expect(Number(once.people)).toBe(Number(once.n));
		const over = await sqlRow(`
			SELECT countIf(recs > 3 * open_now) AS over, countIf(primaries > open_now) AS over_primary
			FROM (SELECT line_id, count() AS recs, sum(is_primary) AS primaries FROM ${recommendations()} GROUP BY line_id)
			ANY LEFT JOIN (SELECT line_id, open_now FROM agg_job_order_lines) USING line_id`);
		expect(Number(over.over)).toBe(0);
		expect(Number(over.over_primary)).toBe(0);
	});

	it('keeps every group within ±20 % of its share of the eligible pool (one person of rounding)', async () => {
		const groups = await sqlRows(`SELECT dimension, group_code, pool, recommendations FROM match_groups WHERE run_id = '${runId}'`);
		for (const dimension of ['province', 'gender', 'education']) {
			const list = groups.filter((g) => g.dimension === dimension);
			const pool = list.reduce((t, g) => t + Number(g.pool), 0);
			const recs = list.reduce((t, g) => t + Number(g.recommendations), 0);
			expect(recs, dimension).toBeGreaterThan(0);
			// within ±20 % of the pool share, up to one person of rounding (docs/matching.md)
			for (const g of list) {
				const expected = (Number(g.pool) / pool) * recs;
				expect(Number(g.recommendations), `${dimension} ${g.group_code}`).toBeGreaterThanOrEqual(0.8 * expected - 1 - 1e-9);
				expect(Number(g.recommendations), `${dimension} ${g.group_code}`).toBeLessThanOrEqual(1.2 * expected + 1 + 1e-9);
			}
		}
	});

	it('stores per-market figures equal to SQL over its recommendations, and Cube serves them', async () => {
		const expected = await sqlRows(`
			SELECT country_iso2, occupation_isco4, sum(is_primary) AS fillable_optimal, count() AS recommendations
			FROM ${recommendations()}
			ANY LEFT JOIN (SELECT line_id, any(country_iso2) AS country_iso2, any(occupation_isco4) AS occupation_isco4 FROM fct_job_order_lines GROUP BY line_id)
			USING line_id
			GROUP BY country_iso2, occupation_isco4`);
		expect(expected.length).toBeGreaterThan(0);
		const stored = await sqlRows(
			`SELECT country_iso2, occupation_isco4, fillable_optimal, recommendations FROM match_markets WHERE run_id = '${runId}' AND recommendations > 0`,
		);
		const key = (r: Row) => `${r.country_iso2}/${r.occupation_isco4}`;
		expect(stored.map(key).sort()).toEqual(expected.map(key).sort());
		const served = await cubeRows({
			measures: ['matching_markets.fillable_optimal', 'matching_markets.recommendations'],
			dimensions: ['matching_markets.country', 'matching_markets.occupation'],
		});
		const servedBy = new Map(served.map((r) => [`${r.country}/${r.occupation}`, r]));
		for (const e of expected) {
			const s = stored.find((r) => key(r) === key(e));
			expectSame(s?.fillable_optimal, e.fillable_optimal, `stored ${key(e)}`);
			expectSame(s?.recommendations, e.recommendations, `stored ${key(e)}`);
			expectSame(servedBy.get(key(e))?.fillable_optimal, e.fillable_optimal, `Cube ${key(e)}`);
			expectSame(servedBy.get(key(e))?.recommendations, e.recommendations, `Cube ${key(e)}`);
		}
		// open slots per market, from the facts as the supply test reads them
		const open = await sqlRows(`
			SELECT country_iso2, occupation_isco4, sum(toInt64(slots) - toInt64(departed)) AS open_slots
			FROM
			(
				SELECT * FROM fct_job_order_lines
				WHERE issued_date <= ${asOf} AND ${asOf} <= expiry_date AND (status = 'open' OR ${asOf} < ifNull(status_date, toDate(updated_at)))
			)
			ANY LEFT JOIN (SELECT line_id, count() AS departed FROM fct_placements GROUP BY line_id) USING line_id
			WHERE departed < slots
			GROUP BY country_iso2, occupation_isco4`);
		const openServed = await cubeRows({
			measures: ['matching_markets.open_slots'],
			dimensions: ['matching_markets.country', 'matching_markets.occupation'],
		});
		const openBy = new Map(openServed.map((r) => [`${r.country}/${r.occupation}`, r.open_slots]));
		expect(openServed.length).toBe(open.length);
		for (const o of open) expectSame(openBy.get(key(o)), o.open_slots, `open ${key(o)}`);
	});

	it("the run's totals equal SQL over its recommendations, through Cube", async () => {
		const expected = await sqlRow(`SELECT sum(is_primary) AS fillable_optimal FROM ${recommendations()}`);
		const run = await cubeRow({
			measures: [
				'matching_runs.fillable_optimal',
				'matching_runs.fillable_greedy',
				'matching_runs.fillable_unconstrained',
				'matching_runs.seconds',
			],
		});
		expectSame(run.fillable_optimal, expected.fillable_optimal, 'fillable_optimal');
		expect(Number(run.fillable_unconstrained)).toBeGreaterThanOrEqual(Number(run.fillable_optimal));
		expect(Number(run.seconds)).toBeGreaterThan(0);
		const markets = await cubeRow({ measures: ['matching_markets.fillable_optimal', 'matching_markets.fillable_greedy'] });
		expectSame(markets.fillable_optimal, run.fillable_optimal, 'markets add up to the run');
		expectSame(markets.fillable_greedy, run.fillable_greedy, 'markets add up to the run (greedy)');
	});
});

describe('who sees the matching figures', () => {
	const query = { measures: ['matching_markets.fillable_optimal'], dimensions: ['matching_markets.country'] };

	it('directors and regional heads get the aggregates; the public neither sees nor queries them', async () => {
		expect((await ask(DIRECTOR, 'load', query)).status).toBe(200);
		expect((await ask(REGIONAL_52, 'load', query)).status).toBe(200);
		const meta = await ask(PUBLIC, 'meta');
		const names = ((meta.body.cubes ?? []) as { name: string }[]).map((c) => c.name);
		expect(names.length, 'the public sees its own views').toBeGreaterThan(0);
		expect(names.filter((n) => n.startsWith('matching'))).toEqual([]);
		expect((await ask(PUBLIC, 'load', query)).status).toBe(403);
	});

	it('no cube carries a candidate id of a recommendation', async () => {
		const meta = await ask(DIRECTOR, 'meta');
		const members = ((meta.body.cubes ?? []) as { name: string; dimensions: { name: string }[] }[])
			.filter((c) => c.name.startsWith('matching'))
			.flatMap((c) => c.dimensions.map((m) => m.name));
		expect(members.length).toBeGreaterThan(0);
		expect(members.filter((m) => /candidate|line_id/.test(m))).toEqual([]);
	});
});
