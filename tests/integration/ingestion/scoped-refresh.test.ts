/**
 * A new requirement profile in open demand recomputes only the candidates whose capabilities it
 * can change (warehouse/rollups/agg_candidate_profile.sql, the `scope of` line; README.md there):
 * those preferring an occupation whose demand (agg_occupation_demand: what the open profiles of
 * every occupation it can serve ask, related occupations included) changed; and only the
 * capability groups that can serve an occupation whose open profiles changed. The candidate
 * rollups after that scoped refresh must equal a rebuild from scratch, row for row.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFiles } from '../../../warehouse/src/load/index.ts';
import { refreshRollups } from '../../../warehouse/src/rollups.ts';
import { type Scratch, scratchWarehouse, tempDir, writeDataset } from './support.ts';

describe('the refresh after a batch that changes the open requirement profiles', () => {
	let s: Scratch;
	beforeAll(async () => {
		s = await scratchWarehouse('scoped_refresh');
		const dir = tempDir('scoped-refresh');
		writeDataset(dir, { lines: 50, candidates: 300, placements: 200 });
		expect((await loadFiles(s.db, [dir])).ok).toBe(true);
		await refreshRollups(s.db);
	});
	afterAll(async () => {
		await s?.drop();
	});

	const asOfDate = async () => String((await s.rows('SELECT toString(as_of) AS d FROM agg_as_of'))[0]!.d);
	const HEADER =
		'line_id,job_order_id,updated_at,issued_date,expiry_date,status,status_date,source,scheme,country_iso2,employer_id,agency_code,sector,occupation_isco4,slots,wage_min,wage_max,wage_currency,required_certificate,required_language,required_language_level,min_education,min_experience_years,gender_requirement,age_min,age_max';
	/** loads new open job-order lines (issued on the as-of date: it does not move) and refreshes; the refresh's log */
	const pushLines = async (tag: string, lines: (asOf: string, expiry: string) => string[]) => {
		const asOf = await asOfDate();
		const expiry = `${Number(asOf.slice(0, 4)) + 1}${asOf.slice(4)}`;
		const dir = tempDir(`scoped-refresh-${tag}`);
		writeFileSync(join(dir, 'job_order_lines-new.csv'), [HEADER, ...lines(asOf, expiry), ''].join('\n'));
		expect((await loadFiles(s.db, [dir])).ok).toBe(true);
		const logged: string[] = [];
		// in buckets of 100 candidates (3), as a large occupation's candidates are recomputed at 10× scale
		// partitions recomputed whole, as when the guess of the changed candidates does not add up
		// (the candidates alone are recomputed in one INSERT: after-load-scratch.test.ts)
		await refreshRollups(s.db, (line) => logged.push(line), { rowsPerBucket: 100, wholePartitions: true });
		expect(await asOfDate(), 'the as-of date is unchanged').toBe(asOf);
		return logged.join('\n');
	};
	const candidateRollups = async () => [
		await s.rows('SELECT * FROM agg_candidate_profile ORDER BY candidate_id'),
		await s.rows('SELECT * FROM agg_capability_match ORDER BY capability_key, occupation_isco4, country_iso2, sector'),
		await s.rows('SELECT * FROM agg_candidate_state ORDER BY candidate_id'),
	];

	it('recomputes only the candidates of the occupations that can serve a changed one, equal to a whole rebuild', async () => {
		// What open demand asks today (writeDataset): no line of 5321, none asking a certificate, 7212 only in KR.
		const asked = (occupation: string) =>
			s.rows<{ countries: string[]; certificates: string[] }>(
				`SELECT groupUniqArray(country_iso2) AS countries, groupUniqArrayIf(required_certificate, required_certificate != '') AS certificates
				FROM agg_open_requirement_profiles WHERE occupation_isco4 = '${occupation}'`,
			);
		expect(await s.value("SELECT count() FROM agg_open_requirement_profiles WHERE occupation_isco4 = '5321'"), 'no open line of 5321').toBe(
			0,
		);
		const [of7212] = await asked('7212');
		expect(of7212!.certificates).toEqual([]);
		expect(of7212!.countries).not.toContain('DE');
		// Candidates whose capabilities the new lines change: of 5322 (related to 5321) and of 7212,
		// holding a valid caregiver certificate or accepting the new destination.
		const affected = (occupation: string, country: string) =>
			s.value(
				`SELECT count() FROM agg_candidate_profile WHERE preferred_occupation_isco4 = '${occupation}'
				AND (has(valid_certificates, 'caregiver') OR has(preferred_countries, '${country}'))`,
			);
		expect(await affected('5322', 'TW'), 'candidates of 5322 that a 5321 line in TW asking caregiver concerns').toBeGreaterThan(0);
		expect(await affected('7212', 'DE'), 'candidates of 7212 that a 7212 line in DE asking caregiver concerns').toBeGreaterThan(0);
		const before = await candidateRollups();

		// A line of an occupation no open line had (5321, served by candidates of 5322 through the
		// related set), and one of 7212 asking a certificate and a destination its open lines did not.
		const log = await pushLines('new-profiles', (day, expiry) => [
			`GL-SCOPE-0,GJ-SCOPE,${day}T00:00:00Z,${day},${expiry},open,,siskop2mi,G2G,TW,GE1,,health_care,5321,4,1000,1500,TWD,caregiver,,,sd,0,any,18,45`,
			`GL-SCOPE-1,GJ-SCOPE,${day}T00:00:00Z,${day},${expiry},open,,siskop2mi,G2G,DE,GE1,,engineering,7212,3,1000,1500,EUR,caregiver,,,sd,0,any,18,45`,
		]);
		expect(await s.value("SELECT count() FROM agg_open_requirement_profiles WHERE occupation_isco4 = '5321'")).toBe(1);

		const after = await candidateRollups();
		await refreshRollups(s.db, () => {}, { force: true });
		const whole = await candidateRollups();
		// the new lines do change capabilities (in the rebuild from scratch): of candidates of 5322
		// (through 5321) and of 7212
		const changedOf = (occupation: string) =>
			(whole[0] as { preferred_occupation_isco4: string; capability_key: string }[]).filter(
				(row, i) =>
					row.preferred_occupation_isco4 === occupation &&
					row.capability_key !== (before[0] as { capability_key: string }[])[i]!.capability_key,
			).length;
		expect(changedOf('5322'), 'candidates of 5322 changed capability group').toBeGreaterThan(0);
		expect(changedOf('7212'), 'candidates of 7212 changed capability group').toBeGreaterThan(0);
		// the scoped refresh holds exactly what a rebuild from scratch computes
		expect(after[0]).toEqual(whole[0]);
		expect(after[1]).toEqual(whole[1]);
		expect(after[2]).toEqual(whole[2]);

		// The scoped path ran: the demand changed for 5321, 5322 (each serves the other) and 7212, and
		// the candidates preferring one of them — counted here, independently — were recomputed.
		const scoped = await s.value(
			"SELECT uniqExact(candidate_id) FROM fct_candidates WHERE preferred_occupation_isco4 IN ('5321', '5322', '7212')",
		);
		expect(scoped).toBeLessThan(await s.value('SELECT uniqExact(candidate_id) FROM fct_candidates'));
		const profileLine = new RegExp(
			`rollup agg_candidate_profile: .*, 3 buckets, 0 changed partition\\(s\\) rebuilt, the others copied; agg_occupation_demand changed for 3 preferred_occupation_isco4 value\\(s\\): ${scoped} candidate_id\\(s\\) recomputed in \\d+ partition\\(s\\)`,
		);
		expect(log).toMatch(profileLine);
		expect(log).toMatch(
			/rollup agg_capability_match: .*; agg_open_requirement_profiles changed for 3 preferred_occupation_isco4 value\(s\): \d+ capability_key\(s\) recomputed/,
		);
		// the most common open profile changed for 5321 only, which no candidate prefers: not rebuilt whole
		expect(log).toMatch(
			/rollup agg_candidate_state: .*changed partition\(s\) rebuilt, the others copied; agg_modal_requirements changed for 1 preferred_occupation_isco4 value\(s\), held by no capability_key[;)]/,
		);
	});

	it('recomputes the capability groups that can match a new profile even when it changes no candidate capabilities, equal to a whole rebuild', async () => {
		// a second line of 5321 in JP, where candidates of 5322 were already asked for, asking nothing
		// they were not asked: their capabilities and groups stay, the groups gain a market cell
		const before = await candidateRollups();
		const log = await pushLines('same-capabilities', (day, expiry) => [
			`GL-SCOPE-2,GJ-SCOPE-2,${day}T00:00:00Z,${day},${expiry},open,,siskop2mi,G2G,JP,GE1,,health_care,5321,2,1000,1500,JPY,,,,sd,0,any,18,45`,
		]);
		const after = await candidateRollups();
		await refreshRollups(s.db, () => {}, { force: true });
		const whole = await candidateRollups();
		expect(whole[0], 'no candidate row changed').toEqual(before[0]);
		const newCells = (whole[1] as { occupation_isco4: string; country_iso2: string }[]).filter(
			(row) => row.occupation_isco4 === '5321' && row.country_iso2 === 'JP',
		);
		expect(newCells.length, 'groups of 5322 match in the new cell').toBeGreaterThan(0);
		expect(after[0]).toEqual(whole[0]);
		expect(after[1]).toEqual(whole[1]);
		expect(after[2]).toEqual(whole[2]);
		// no candidate occupation's demand changed: no candidate was recomputed
		expect(log).toMatch(/rollup agg_candidate_profile: unchanged in \d+ ms \(.*, but in no partition it reads\)/);
		// no partition of the groups changed: only the scope brought the groups of 5322 to the new cell
		expect(log).toMatch(
			/rollup agg_capability_match: .*, 0 changed partition\(s\) rebuilt, the others copied; agg_open_requirement_profiles changed for 2 preferred_occupation_isco4 value\(s\): \d+ capability_key\(s\) recomputed/,
		);
	});

	it('recomputes many changed candidate partitions in the rollup’s buckets, not in one query, equal to a whole rebuild', async () => {
		// a pass for one candidate of each of 12 of agg_candidate_profile's 16 partitions: 12/16 of the
		// rows, more than two of its buckets of 100 candidates (3) — at 10× scale such a batch of
		// applications recomputed them in one INSERT and passed the query's memory limit
		const candidates = await s.rows<{ p: number; id: string }>(
			'SELECT toUInt32(cityHash64(candidate_id) % 16) AS p, min(candidate_id) AS id FROM fct_candidates GROUP BY p ORDER BY p LIMIT 12',
		);
		expect(candidates.length).toBe(12);
		const dir = tempDir('scoped-refresh-many-partitions');
		writeFileSync(
			join(dir, 'certifications-many.csv'),
			[
				'certification_id,candidate_id,updated_at,exam_date,scheme_code,body_code,result',
				...candidates.map((c, i) => `GX-MANY-${i},${c.id},2025-01-01T00:00:00Z,2024-06-01,caregiver,CB-003,passed`),
				'',
			].join('\n'),
		);
		expect((await loadFiles(s.db, [dir])).ok).toBe(true);
		const logged: string[] = [];
		// partitions recomputed whole, as when the guess of the changed candidates does not add up
		// (the candidates alone are recomputed in one INSERT: after-load-scratch.test.ts)
		await refreshRollups(s.db, (line) => logged.push(line), { rowsPerBucket: 100, wholePartitions: true });
		const after = await candidateRollups();
		await refreshRollups(s.db, () => {}, { force: true });
		expect(after).toEqual(await candidateRollups());
		// 12 of 16 partitions of 3 buckets' rows: ceil(3 × 12 / 16) = 3 INSERTs, each a bucket's share
		expect(logged.join('\n')).toMatch(/rollup agg_candidate_profile: .*, 3 buckets, 12 changed partition\(s\) rebuilt, the others copied/);
	});
});
