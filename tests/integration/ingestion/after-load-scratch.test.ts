/**
 * The one after-load path (warehouse/src/after-load.ts) on scratch databases only: the loader's
 * command line refreshes what it loaded, the ingest API answers once a batch is committed,
 * refreshes afterwards (coalesced, outside the load lock) and says when each batch became visible,
 * and the forecasts and alerts follow a refresh under a lock of their own. Each part runs on its
 * own scratch database and no Cube is given (the rollups are checked against the facts with
 * independent SQL), so this file is one of the `scratch` project's (vite.config.ts), run beside the
 * unit files; the parts that need the test stack's Cube are in `after-load.test.ts`.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	AfterLoadRefresher,
	BackgroundMatching,
	batchesOf,
	refreshAfterLoad,
	refreshDerived,
	VISIBILITY_TABLE,
} from '../../../warehouse/src/after-load.ts';
import { connect } from '../../../warehouse/src/client.ts';
import { type IngestServer, startIngestServer } from '../../../warehouse/src/ingest/server.ts';
import { loadFiles } from '../../../warehouse/src/load/index.ts';
import { acquireLoadLock, DERIVED_LOCK_TABLE, REFRESH_LOCK_TABLE } from '../../../warehouse/src/load/lock.ts';
import { Session } from '../../../warehouse/src/load/session.ts';
import type { EngineCandidate } from '../../../warehouse/src/matching/engine.ts';
import { readAsOf, readWaitingCandidates, readWaitingCandidatesSince } from '../../../warehouse/src/matching/run.ts';
import { refreshRollups, SCANS_TABLE } from '../../../warehouse/src/rollups.ts';
import { FILL_TIME_FINALISED, runCli, type Scratch, scratchWarehouse, tempDir, writeDataset } from './support.ts';

const size = { lines: 50, candidates: 300, placements: 200 };

/** Placements per departure month and SMK flag, from the rollup and, independently, from the facts. */
async function quickWinAgainstFacts(s: Scratch): Promise<{ rollup: unknown[]; facts: unknown[] }> {
	const rollup = await s.rows(
		`SELECT toString(toStartOfMonth(departure_date)) AS month, smk, toString(sum(placements)) AS n, toString(sum(medium_high_placements)) AS mh
		FROM agg_quick_win_daily GROUP BY month, smk ORDER BY month, smk`,
	);
	const facts = await s.rows(
		`SELECT toString(toStartOfMonth(departure_date)) AS month, smk, toString(count()) AS n, toString(sum(medium_high_skill)) AS mh
		FROM fct_placements GROUP BY month, smk ORDER BY month, smk`,
	);
	return { rollup, facts };
}

/** Every row of the month-partitioned rollups, states finalised, in a fixed order. */
async function monthRollups(s: Scratch): Promise<unknown[]> {
	return [
		...(await s.rows(
			'SELECT departure_date, smk, placements, medium_high_placements FROM agg_quick_win_daily ORDER BY departure_date, smk',
		)),
		...(await s.rows(FILL_TIME_FINALISED)),
	];
}
/**
 * agg_open_slots_monthly by key, the measures summed: a batch of new lines adds their rows beside
 * those of the same key (warehouse/rollups/README.md, `new keys`), and every reader sums.
 */
const SLOT_KEY =
	'snapshot_date, country_iso2, region_code, sector, occupation_isco4, skill_level, scheme, required_certificate, required_language';
const SLOT_SUMS = `toString(snapshot_date) AS d, country_iso2, region_code, sector, occupation_isco4, skill_level, scheme, required_certificate,
	required_language, sum(open_slots) AS s, sum(open_lines) AS l, sum(open_slots_applied) AS sa, sum(open_lines_applied) AS la
	FROM agg_open_slots_monthly GROUP BY d, country_iso2, region_code, sector, occupation_isco4, skill_level, scheme, required_certificate, required_language`;
/** The "N changed partition(s) rebuilt" (or "…, only by new rows": added, warehouse/rollups/README.md `new keys`) count the refresh logged for `rollup` (fails, showing the log, when it logged none). */
function rebuiltPartitions(log: string, rollup: string): number {
	const line = new RegExp(
		`rollup ${rollup}: .*\\((?:.*), (\\d+) changed partition\\(s\\)(?: rebuilt, the others copied(?:; .*)?|, only by new rows .*)\\)`,
	).exec(log);
	expect(line, log).not.toBeNull();
	return Number(line![1]);
}

/**
 * Each view's rows changed since `before` (the batch did reach them), and equal what a forced whole
 * rebuild of every rollup computes from the same facts.
 */
async function expectChangedAsWholeRebuild(s: Scratch, views: { rows: () => Promise<unknown[]>; before: unknown[] }[]): Promise<void> {
	const incremental = [];
	for (const view of views) {
		const rows = await view.rows();
		expect(rows).not.toEqual(view.before);
		incremental.push(rows);
	}
	await refreshRollups(s.db, () => {}, { force: true });
	for (const [i, view] of views.entries()) expect(incremental[i]).toEqual(await view.rows());
}
describe('the loader command line', () => {
	let s: Scratch;
	beforeAll(async () => {
		s = await scratchWarehouse('cli_refresh');
	});
	afterAll(async () => {
		await s?.drop();
	});

	it('refreshes the rollups after a load, so rollup-based metrics agree with the facts', async () => {
		// A first load, with the rollups built from it (as npm start leaves them).
		const first = tempDir('cli-refresh-1');
		writeDataset(first, size);
		const loaded = await loadFiles(s.db, [first]);
		expect(loaded.ok).toBe(true);
		await refreshRollups(s.db);
		const before = await quickWinAgainstFacts(s);
		expect(before.rollup).toEqual(before.facts);

		// Then a monthly export with more placements, loaded with the command line.
		const second = tempDir('cli-refresh-2');
		writeDataset(second, { ...size, placements: size.placements * 3 });
		const only = join(second, 'only');
		mkdirSync(only);
		copyFileSync(join(second, 'placements.csv'), join(only, 'placements.csv'));
		// …and a correction that moves an early placement to another month: its old month changes too.
		const [header, row] = readFileSync(join(first, 'placements.csv'), 'utf8').split('\n') as [string, string];
		const [id, candidate, line, , departure, wage, months] = row.split(',') as string[];
		const moved = new Date(Date.parse(`${departure}T00:00:00Z`) + 45 * 86_400_000).toISOString().slice(0, 10);
		writeFileSync(
			join(only, 'placements-correction.csv'),
			`${header}\n${id},${candidate},${line},2024-06-01T00:00:00Z,${moved},${wage},${months}\n`,
		);
		const movedFrom = await s.value(`SELECT toYYYYMM(departure_date) FROM fct_placements WHERE placement_id = '${id}'`);
		const placementsBefore = await s.value('SELECT count() FROM fct_placements');
		const result = await runCli(s.endpoint, [only]);
		expect(result.code, result.stderr).toBe(0);
		expect(await s.value('SELECT count() FROM fct_placements')).toBeGreaterThan(placementsBefore);

		expect(await s.value(`SELECT toYYYYMM(departure_date) FROM fct_placements WHERE placement_id = '${id}'`)).not.toBe(movedFrom);

		const after = await quickWinAgainstFacts(s);
		expect(after.rollup).toEqual(after.facts);
		expect(result.stderr).toMatch(/refreshed after load/);
		// It says when the load became visible before it runs what is derived from the data, and then how long that took.
		const said = (pattern: RegExp) => result.stderr.search(pattern);
		expect(said(/refreshed after load/), result.stderr).toBeLessThan(
			said(/visible on the dashboards since \d\d:\d\d:\d\d UTC; now the forecasts and alerts, then the matching engine/),
		);
		expect(said(/visible on the dashboards since/)).toBeLessThan(
			said(/the forecasts and alerts, then the matching engine done in \d+\.\d s/),
		);
		// The month-partitioned rollups were rebuilt for the changed months only…
		expect(result.stderr).toMatch(/rollup agg_quick_win_daily: .*changed month\(s\) rebuilt/);
		expect(result.stderr).toMatch(/rollup agg_fill_time: .*changed month\(s\) rebuilt/);
		// …and hold exactly what a whole rebuild computes.
		const incremental = await monthRollups(s);
		await refreshRollups(s.db, () => {}, { force: true });
		expect(incremental).toEqual(await monthRollups(s));
	});

	it('rebuilds only the candidate partitions a batch touched, equal to a whole rebuild, also when a correction moves a row to another partition', async () => {
		await refreshRollups(s.db);
		const partition = async (candidate: string) => s.value(`SELECT cityHash64('${candidate}') % 16`);
		// an existing certification, corrected to belong to a candidate of another partition
		const [moved] = await s.rows(
			'SELECT certification_id, candidate_id, toString(exam_date) AS exam, scheme_code, body_code, result FROM fct_certifications ORDER BY certification_id LIMIT 1',
		);
		const from = String(moved!.candidate_id);
		const candidates = (await s.rows('SELECT candidate_id FROM fct_candidates ORDER BY candidate_id')).map((r) => String(r.candidate_id));
		let to = '';
		for (const c of candidates) if ((await partition(c)) !== (await partition(from))) to = c;
		expect(to, 'a candidate in another partition').not.toBe('');
		// …and a new pass for a third candidate
		const third = candidates.find((c) => c !== from && c !== to)!;
		const dir = tempDir('cli-partitions');
		writeFileSync(
			join(dir, 'certifications-fix.csv'),
			[
				'certification_id,candidate_id,updated_at,exam_date,scheme_code,body_code,result',
				`${moved!.certification_id},${to},2025-01-01T00:00:00Z,${moved!.exam},${moved!.scheme_code},${moved!.body_code},${moved!.result}`,
				`GX-NEW-1,${third},2025-01-01T00:00:00Z,2023-06-01,caregiver,CB-003,passed`,
				'',
			].join('\n'),
		);
		const profiles = () =>
			s.rows(
				`SELECT candidate_id, certificates, valid_certificates, certified, first_certified_date, last_activity_date, stale, available,
					pipeline_stage, cap_certificates, capability_key, as_of
				FROM agg_candidate_profile ORDER BY candidate_id`,
			);
		const before = await profiles();
		const result = await runCli(s.endpoint, [dir]);
		expect(result.code, result.stderr).toBe(0);
		// one current version per key, now the moved one
		expect(await s.rows(`SELECT candidate_id FROM fct_certifications WHERE certification_id = '${moved!.certification_id}'`)).toEqual([
			{ candidate_id: to },
		]);

		const touched = new Set([await partition(from), await partition(to), await partition(third)]);
		expect(rebuiltPartitions(result.stderr, 'agg_candidate_profile')).toBe(touched.size);
		await expectChangedAsWholeRebuild(s, [{ rows: profiles, before }]);
	});

	it('rebuilds only the destination countries a placements batch touched in agg_open_slots_monthly, equal to a whole rebuild, also when a correction moves a placement to another country', async () => {
		await refreshRollups(s.db);
		const partition = async (country: string) => s.value(`SELECT cityHash64('${country}') % 32`);
		// lines with slots left, and a placement on one of them moved to a line of another country's partition
		const [moved] = await s.rows<{ placement_id: string; candidate_id: string; country_iso2: string; registered: string }>(
			`SELECT placement_id, candidate_id, country_iso2, toString(registered_date) AS registered
			FROM fct_placements ANY INNER JOIN (SELECT candidate_id, registered_date FROM fct_candidates) USING candidate_id
			ORDER BY placement_id LIMIT 1`,
		);
		const asOf = String((await s.rows('SELECT toString(as_of) AS d FROM agg_as_of'))[0]!.d);
		// departing on the line's issue date or the candidate's registration, whichever is later, not after the as-of date
		const lines = await s.rows<{ line_id: string; country_iso2: string; day: string }>(
			`SELECT line_id, country_iso2, toString(greatest(issued_date, toDate('${moved!.registered}'))) AS day
			FROM agg_job_order_lines WHERE open_now >= 2 AND greatest(issued_date, toDate('${moved!.registered}')) <= as_of ORDER BY line_id`,
		);
		let target: (typeof lines)[number] | undefined;
		for (const l of lines) if ((await partition(l.country_iso2)) !== (await partition(moved!.country_iso2))) target = l;
		expect(target, 'an open line in another partition').toBeDefined();
		const day = target!.day;
		const dir = tempDir('cli-open-slots');
		writeFileSync(
			join(dir, 'placements-fix.csv'),
			[
				'placement_id,candidate_id,line_id,updated_at,departure_date,wage,contract_months',
				`${moved!.placement_id},${moved!.candidate_id},${target!.line_id},2025-02-01T00:00:00Z,${day},1200,24`,
				'',
			].join('\n'),
		);
		const slots = () =>
			s.rows(
				`SELECT ${SLOT_SUMS} ORDER BY d, country_iso2, region_code, sector, occupation_isco4, skill_level, scheme, required_certificate, required_language`,
			);
		const before = await slots();
		const result = await runCli(s.endpoint, [dir]);
		expect(result.code, result.stderr).toBe(0);
		expect(await s.rows(`SELECT line_id FROM fct_placements WHERE placement_id = '${moved!.placement_id}'`)).toEqual([
			{ line_id: target!.line_id },
		]);
		expect(String((await s.rows('SELECT toString(as_of) AS d FROM agg_as_of'))[0]!.d), 'the as-of date is unchanged').toBe(asOf);

		const touched = new Set([await partition(moved!.country_iso2), await partition(target!.country_iso2)]);
		expect(rebuiltPartitions(result.stderr, 'agg_open_slots_monthly')).toBe(touched.size);
		await expectChangedAsWholeRebuild(s, [{ rows: slots, before }]);
	});
	it('rebuilds only the job-order-line partitions a placements batch touched, equal to a whole rebuild, also when a correction moves a placement to a line of another partition', async () => {
		await refreshRollups(s.db);
		const partition = async (line: string) =>
			s.value(`SELECT toYear(issued_date) * 10 + toQuarter(issued_date) FROM fct_job_order_lines WHERE line_id = '${line}'`);
		const [moved] = await s.rows<{ placement_id: string; candidate_id: string; line_id: string; registered: string }>(
			`SELECT placement_id, candidate_id, line_id, toString(registered_date) AS registered
			FROM fct_placements ANY INNER JOIN (SELECT candidate_id, registered_date FROM fct_candidates) USING candidate_id
			ORDER BY placement_id DESC LIMIT 1`,
		);
		const lines = await s.rows<{ line_id: string; day: string }>(
			`SELECT line_id, toString(greatest(issued_date, toDate('${moved!.registered}'))) AS day
			FROM agg_job_order_lines WHERE open_now >= 2 AND greatest(issued_date, toDate('${moved!.registered}')) <= as_of ORDER BY line_id`,
		);
		let target: (typeof lines)[number] | undefined;
		for (const l of lines) if ((await partition(l.line_id)) !== (await partition(moved!.line_id))) target = l;
		expect(target, 'an open line in another partition').toBeDefined();
		const asOf = await s.value('SELECT toUInt32(as_of) FROM agg_as_of');
		const dir = tempDir('cli-lines');
		writeFileSync(
			join(dir, 'placements-lines.csv'),
			[
				'placement_id,candidate_id,line_id,updated_at,departure_date,wage,contract_months',
				`${moved!.placement_id},${moved!.candidate_id},${target!.line_id},2025-03-01T00:00:00Z,${target!.day},1300,24`,
				'',
			].join('\n'),
		);
		const lineRows = () => s.rows('SELECT * FROM agg_job_order_lines ORDER BY line_id');
		const before = await lineRows();
		const result = await runCli(s.endpoint, [dir]);
		expect(result.code, result.stderr).toBe(0);
		expect(await s.rows(`SELECT line_id FROM fct_placements WHERE placement_id = '${moved!.placement_id}'`)).toEqual([
			{ line_id: target!.line_id },
		]);
		expect(await s.value('SELECT toUInt32(as_of) FROM agg_as_of'), 'the as-of date is unchanged').toBe(asOf);

		const touched = new Set([await partition(moved!.line_id), await partition(target!.line_id)]);
		expect(rebuiltPartitions(result.stderr, 'agg_job_order_lines')).toBe(touched.size);
		await expectChangedAsWholeRebuild(s, [{ rows: lineRows, before }]);
	});

	it("reads a line's applications through agg_line_activity: a batch of applications recomputes the line's quarter and country with them, equal to a whole rebuild; a batch of lines leaves agg_line_activity as it is", async () => {
		await refreshRollups(s.db);
		const asOf = await s.value('SELECT toUInt32(as_of) FROM agg_as_of');
		// a line of the earliest quarter and a candidate who has not applied to it, registered by a day the line accepts
		const [pick] = await s.rows<{ line_id: string; candidate_id: string; day: string }>(
			`SELECT line_id, candidate_id, toString(greatest(issued_date, registered_date)) AS day
			FROM (SELECT line_id, issued_date, 1 AS k FROM fct_job_order_lines ORDER BY issued_date, line_id LIMIT 1)
			ALL INNER JOIN (SELECT candidate_id, registered_date, 1 AS k FROM fct_candidates) USING k
			WHERE greatest(issued_date, registered_date) <= (SELECT as_of FROM agg_as_of)
				AND (line_id, candidate_id) NOT IN (SELECT line_id, candidate_id FROM fct_applications)
			ORDER BY candidate_id LIMIT 1`,
		);
		expect(pick, 'a line and a candidate who has not applied to it').toBeDefined();
		const dir = tempDir('cli-activity');
		writeFileSync(
			join(dir, 'applications-activity.csv'),
			[
				'application_id,candidate_id,line_id,updated_at,applied_date,outcome,outcome_date,rejection_reason',
				`ACT-NEW-1,${pick!.candidate_id},${pick!.line_id},2025-03-01T00:00:00Z,${pick!.day},accepted,${pick!.day},`,
				'',
			].join('\n'),
		);
		const lineRows = () => s.rows('SELECT * FROM agg_job_order_lines ORDER BY line_id');
		const activityRows = () => s.rows('SELECT * FROM agg_line_activity ORDER BY line_id');
		const slotRows = () =>
			s.rows(
				`SELECT ${SLOT_SUMS} ORDER BY d, country_iso2, region_code, sector, occupation_isco4, skill_level, scheme, required_certificate, required_language`,
			);
		const before = { lines: await lineRows(), activity: await activityRows() };
		const result = await runCli(s.endpoint, [dir]);
		expect(result.code, result.stderr).toBe(0);
		expect(await s.value('SELECT toUInt32(as_of) FROM agg_as_of'), 'the as-of date is unchanged').toBe(asOf);
		expect(rebuiltPartitions(result.stderr, 'agg_job_order_lines')).toBe(1);
		// agg_line_activity recomputed the lines whose applications changed, not their partition
		expect(result.stderr).toMatch(
			/rollup agg_line_activity: .*, 1 changed partition\(s\) rebuilt, the others copied; of those, 1 recomputed only for their \d+ changed line_id\(s\), the other rows kept/,
		);
		// the line counts the new application, as the facts say
		const counts = (table: string) =>
			s.rows(`SELECT toString(applications) AS n, toString(accepted_applications) AS a FROM ${table} WHERE line_id = '${pick!.line_id}'`);
		expect(await counts('agg_job_order_lines')).toEqual(
			await s.rows(
				`SELECT toString(count()) AS n, toString(countIf(outcome = 'accepted')) AS a FROM fct_applications WHERE line_id = '${pick!.line_id}'`,
			),
		);
		const slots = await slotRows();
		await expectChangedAsWholeRebuild(s, [
			{ rows: lineRows, before: before.lines },
			{ rows: activityRows, before: before.activity },
		]);
		expect(slots).toEqual(await slotRows());

		// a batch of lines only: agg_line_activity is neither rebuilt nor copied
		const builds = () => s.value("SELECT count() FROM ops_rollups WHERE rollup_name = 'agg_line_activity'");
		const built = await builds();
		const lines = tempDir('cli-activity-lines');
		writeFileSync(
			join(lines, 'job_order_lines-activity.csv'),
			[
				'line_id,job_order_id,updated_at,issued_date,expiry_date,status,status_date,source,scheme,country_iso2,employer_id,agency_code,sector,occupation_isco4,slots,wage_min,wage_max,wage_currency,required_certificate,required_language,required_language_level,min_education,min_experience_years,gender_requirement,age_min,age_max',
				`ACT-LINE-1,ACT-JOB,2025-03-01T00:00:00Z,${pick!.day},${pick!.day},open,,siskop2mi,G2G,JP,QE1,,health_care,5322,2,1000,1500,JPY,,,,sd,0,any,18,45`,
				'',
			].join('\n'),
		);
		const second = await runCli(s.endpoint, [lines]);
		expect(second.code, second.stderr).toBe(0);
		expect(second.stderr).not.toMatch(/rollup agg_line_activity:/);
		expect(await builds()).toBe(built);
		const afterLines = { lines: await lineRows(), slots: await slotRows() };
		await refreshRollups(s.db, () => {}, { force: true });
		expect(afterLines).toEqual({ lines: await lineRows(), slots: await slotRows() });
	});

	it('rebuilds only the issue quarters of agg_job_order_lines a batch of lines touched, however many lines, equal to a whole rebuild, also when a line with placements moves to another quarter', async () => {
		await refreshRollups(s.db);
		const quarter = (date: string) => `toYear(toDate('${date}')) * 10 + toQuarter(toDate('${date}'))`;
		const asOf = String((await s.rows<{ d: string }>('SELECT toString(as_of) AS d FROM agg_as_of'))[0]!.d);
		// a line with placements, moved to a quarter before its own (its placements keep the issue date they were loaded with)
		const [line] = await s.rows<Record<string, string>>(
			`SELECT line_id, job_order_id, toString(issued_date) AS issued, toString(addDays(issued_date, -200)) AS moved, toString(expiry_date) AS expiry,
				status, ifNull(toString(status_date), '') AS status_date, source, scheme, country_iso2, employer_id, agency_code, sector, occupation_isco4,
				toString(slots) AS slots, toString(wage_min) AS wage_min, toString(wage_max) AS wage_max, wage_currency,
				required_certificate, required_language, toString(required_language_level) AS language_level, min_education,
				toString(min_experience_years) AS experience, gender_requirement, toString(age_min) AS age_min, toString(age_max) AS age_max
			FROM fct_job_order_lines WHERE line_id IN (SELECT line_id FROM fct_placements) ORDER BY line_id LIMIT 1`,
		);
		expect(line, 'a line with placements').toBeDefined();
		const expiry = `${Number(asOf.slice(0, 4)) + 1}${asOf.slice(4)}`;
		const header =
			'line_id,job_order_id,updated_at,issued_date,expiry_date,status,status_date,source,scheme,country_iso2,employer_id,agency_code,sector,occupation_isco4,slots,wage_min,wage_max,wage_currency,required_certificate,required_language,required_language_level,min_education,min_experience_years,gender_requirement,age_min,age_max';
		const dir = tempDir('cli-lines-quarter');
		writeFileSync(
			join(dir, 'job_order_lines-quarter.csv'),
			[
				header,
				// 40 new lines issued on the as-of date: one quarter (16 partitions by line hash held them all)
				...Array.from(
					{ length: 40 },
					(_, i) =>
						`QL-NEW-${i},QJ-NEW,${asOf}T00:00:00Z,${asOf},${expiry},open,,siskop2mi,G2G,JP,QE1,,health_care,5322,${1 + (i % 4)},1000,1500,JPY,,,,sd,0,any,18,45`,
				),
				`${line!.line_id},${line!.job_order_id},${asOf}T00:00:00Z,${line!.moved},${line!.expiry},${line!.status},${line!.status_date},${line!.source},${line!.scheme},${line!.country_iso2},${line!.employer_id},${line!.agency_code},${line!.sector},${line!.occupation_isco4},${line!.slots},${line!.wage_min},${line!.wage_max},${line!.wage_currency},${line!.required_certificate},${line!.required_language},${line!.required_language ? line!.language_level : ''},${line!.min_education},${line!.experience},${line!.gender_requirement},${line!.age_min},${line!.age_max}`,
				'',
			].join('\n'),
		);
		const lineRows = () => s.rows('SELECT * FROM agg_job_order_lines ORDER BY line_id');
		const before = await lineRows();
		const result = await runCli(s.endpoint, [dir]);
		expect(result.code, result.stderr).toBe(0);
		expect(String((await s.rows<{ d: string }>('SELECT toString(as_of) AS d FROM agg_as_of'))[0]!.d), 'the as-of date is unchanged').toBe(
			asOf,
		);
		expect(await s.rows(`SELECT toString(issued_date) AS d FROM fct_job_order_lines WHERE line_id = '${line!.line_id}'`)).toEqual([
			{ d: line!.moved },
		]);
		const expected = await s.rows<{ q: number }>(
			`SELECT DISTINCT toUInt32(q) AS q FROM (SELECT arrayJoin([${quarter(asOf)}, ${quarter(line!.issued!)}, ${quarter(line!.moved!)}]) AS q)`,
		);
		expect(rebuiltPartitions(result.stderr, 'agg_job_order_lines')).toBe(expected.length);
		// the moved line still counts every placement (those carry the old issue date), as the facts say
		expect(await s.value(`SELECT placements FROM agg_job_order_lines WHERE line_id = '${line!.line_id}'`)).toBe(
			await s.value(`SELECT count() FROM fct_placements WHERE line_id = '${line!.line_id}'`),
		);
		await expectChangedAsWholeRebuild(s, [{ rows: lineRows, before }]);

		// Later, a batch touching only the moved line's new quarter: its placements, which still carry
		// the old issue date (an untouched quarter now), are counted with it all the same.
		const later = tempDir('cli-lines-quarter-later');
		writeFileSync(
			join(later, 'job_order_lines-later.csv'),
			[
				header,
				`QL-LATER,QJ-LATER,${asOf}T00:00:00Z,${line!.moved},${expiry},open,,siskop2mi,G2G,JP,QE1,,health_care,5322,2,1000,1500,JPY,,,,sd,0,any,18,45`,
				'',
			].join('\n'),
		);
		const second = await runCli(s.endpoint, [later]);
		expect(second.code, second.stderr).toBe(0);
		expect(rebuiltPartitions(second.stderr, 'agg_job_order_lines')).toBe(1);
		expect(
			await s.value(
				`SELECT count() FROM fct_placements WHERE line_id = '${line!.line_id}' AND line_issued_date = toDate('${line!.issued}')`,
			),
		).toBeGreaterThan(0);
		expect(await s.value(`SELECT placements FROM agg_job_order_lines WHERE line_id = '${line!.line_id}'`)).toBe(
			await s.value(`SELECT count() FROM fct_placements WHERE line_id = '${line!.line_id}'`),
		);
		const afterLater = await lineRows();
		await refreshRollups(s.db, () => {}, { force: true });
		expect(afterLater).toEqual(await lineRows());
	});

	it('rebuilds only the capability-group partitions a candidates batch touched in agg_capability_match and agg_candidate_state, equal to a whole rebuild, also when a correction moves a candidate to another group', async () => {
		await refreshRollups(s.db);
		// candidates corrected to prefer another occupation (their capability group, and key, changes),
		// and new registrations on the as-of date (waiting: they join capability groups)
		const asOf = String((await s.rows('SELECT toString(as_of) AS d FROM agg_as_of'))[0]!.d);
		const corrected = await s.rows<Record<string, string>>(
			`SELECT candidate_id, toString(registered_date) AS registered, province_code, regency_code, gender, toString(age) AS age, education,
				smk_major, preferred_occupation_isco4 AS occupation, arrayStringConcat(preferred_countries, ';') AS countries, language_code,
				toString(language_level) AS language_level, toString(experience_years) AS experience
			FROM fct_candidates ORDER BY candidate_id LIMIT 5`,
		);
		expect(corrected.length).toBe(5);
		const occupations = ['5322', '7212', '5152', '2221'];
		const csvRow = (c: Record<string, string>, id: string, registered: string, occupation: string) =>
			`${id},2026-01-01T00:00:00Z,${registered},${c.province_code},${c.regency_code},${c.gender},${c.age},${c.education},${c.smk_major},${occupation},${c.countries},${c.language_code ? `${c.language_code},${c.language_level}` : ','},${c.experience}`;
		const dir = tempDir('cli-groups');
		writeFileSync(
			join(dir, 'candidates-fix.csv'),
			[
				'candidate_id,updated_at,registered_date,province_code,regency_code,gender,age,education,smk_major,preferred_occupation_isco4,preferred_countries,language_code,language_level,experience_years',
				...corrected.map((c, i) => csvRow(c, c.candidate_id!, c.registered!, occupations.filter((o) => o !== c.occupation)[i % 3]!)),
				...corrected.slice(0, 3).map((c, i) => csvRow(c, `GN-NEW-${i}`, asOf, occupations[i]!)),
				'',
			].join('\n'),
		);
		// what each rollup reads of its inputs, per row (independently of the runner's fingerprints)
		const groupInputs = () =>
			s.rows<{ k: string; row: string }>(
				`SELECT toString(capability_key % 16) AS k, toString(cityHash64(capability_key, available, preferred_occupation_isco4, servable_occupations,
					cap_countries, cap_certificates, cap_languages, cap_language_levels, cap_education_rank, cap_experience_years, cap_gender, cap_age)) AS row
				FROM agg_candidate_profile`,
			);
		const stateInputs = async () => [
			...(await s.rows<{ k: string; row: string }>(
				'SELECT toString(capability_key % 16) AS k, toString(cityHash64(*)) AS row FROM agg_candidate_profile',
			)),
			...(await s.rows<{ k: string; row: string }>(
				"SELECT toString(capability_key % 16) AS k, concat('m', toString(cityHash64(capability_key, qualified))) AS row FROM agg_capability_match",
			)),
		];
		/** the partitions holding a row that is in one multiset and not the other */
		const changedPartitions = (a: { k: string; row: string }[], b: { k: string; row: string }[]) => {
			const count = new Map<string, number>();
			for (const r of a) count.set(`${r.k}/${r.row}`, (count.get(`${r.k}/${r.row}`) ?? 0) + 1);
			for (const r of b) count.set(`${r.k}/${r.row}`, (count.get(`${r.k}/${r.row}`) ?? 0) - 1);
			return new Set([...count].filter(([, n]) => n !== 0).map(([key]) => key.split('/')[0]));
		};
		const matchRows = () => s.rows('SELECT * FROM agg_capability_match ORDER BY capability_key, occupation_isco4, country_iso2, sector');
		const stateRows = () => s.rows('SELECT * FROM agg_candidate_state ORDER BY candidate_id');
		const keyOf = async () =>
			new Map(
				(
					await s.rows<{ candidate_id: string; p: string }>(
						'SELECT candidate_id, toString(capability_key % 16) AS p FROM agg_candidate_profile',
					)
				).map((r) => [r.candidate_id, r.p]),
			);
		const [groupsBefore, stateBefore, partitionsBefore] = [await groupInputs(), await stateInputs(), await keyOf()];
		const [matchBefore, statesBefore] = [await matchRows(), await stateRows()];

		const result = await runCli(s.endpoint, [dir]);
		expect(result.code, result.stderr).toBe(0);
		expect(String((await s.rows('SELECT toString(as_of) AS d FROM agg_as_of'))[0]!.d), 'the as-of date is unchanged').toBe(asOf);
		expect(await s.value("SELECT sum(available) FROM agg_candidate_profile WHERE candidate_id LIKE 'GN-NEW-%'"), 'the new ones wait').toBe(
			3,
		);
		expect(result.stderr).toMatch(/rollup agg_candidate_profile: .*changed partition\(s\) rebuilt/);
		const partitionsAfter = await keyOf();
		expect(
			corrected.some((c) => partitionsBefore.get(c.candidate_id!) !== partitionsAfter.get(c.candidate_id!)),
			'a corrected candidate moved to a capability group in another partition',
		).toBe(true);

		const expectedMatch = changedPartitions(groupsBefore, await groupInputs());
		const expectedState = changedPartitions(stateBefore, await stateInputs());
		for (const [name, expected] of [
			['agg_capability_match', expectedMatch],
			['agg_candidate_state', expectedState],
		] as const) {
			expect(expected.size, name).toBeGreaterThan(0);
			expect(expected.size, `${name}: not every partition changed`).toBeLessThan(16);
			expect(rebuiltPartitions(result.stderr, name), name).toBe(expected.size);
		}
		await expectChangedAsWholeRebuild(s, [
			{ rows: matchRows, before: matchBefore },
			{ rows: stateRows, before: statesBefore },
		]);
	});
	it('keeps the candidate rollups as they are when a batch of job-order lines changes no requirement profile, equal to a whole rebuild', async () => {
		await refreshRollups(s.db);
		const asOf = String((await s.rows('SELECT toString(as_of) AS d FROM agg_as_of'))[0]!.d);
		// an open requirement profile of the dataset's lines (writeDataset): new lines join it, changing its slots only
		const [cell] = await s.rows<{ occupation_isco4: string; country_iso2: string; sector: string }>(
			`SELECT occupation_isco4, country_iso2, sector FROM agg_open_requirement_profiles
			WHERE required_certificate = '' AND required_language = '' AND min_education_rank = (SELECT rank FROM dim_education_levels WHERE education_code = 'sd')
				AND min_experience_years = 0 AND gender_requirement = 'any' AND age_min = 18 AND age_max = 45
			ORDER BY occupation_isco4, country_iso2, sector LIMIT 1`,
		);
		expect(cell, 'an open profile without requirements').toBeDefined();
		const currency = { JP: 'JPY', KR: 'KRW', TW: 'TWD', DE: 'EUR' }[cell!.country_iso2 as 'JP'];
		const expiry = `${Number(asOf.slice(0, 4)) + 1}${asOf.slice(4)}`;
		const dir = tempDir('cli-new-lines');
		writeFileSync(
			join(dir, 'job_order_lines-new.csv'),
			[
				'line_id,job_order_id,updated_at,issued_date,expiry_date,status,status_date,source,scheme,country_iso2,employer_id,agency_code,sector,occupation_isco4,slots,wage_min,wage_max,wage_currency,required_certificate,required_language,required_language_level,min_education,min_experience_years,gender_requirement,age_min,age_max',
				...[0, 1, 2].map(
					(i) =>
						`GL-NEW-${i},GJ-NEW,${asOf}T00:00:00Z,${asOf},${expiry},open,,siskop2mi,G2G,${cell!.country_iso2},GE1,,${cell!.sector},${cell!.occupation_isco4},${3 + i},1000,1500,${currency},,,,sd,0,any,18,45`,
				),
				'',
			].join('\n'),
		);
		const candidateRollups = async () => [
			await s.rows('SELECT * FROM agg_candidate_profile ORDER BY candidate_id'),
			await s.rows('SELECT * FROM agg_capability_match ORDER BY capability_key, occupation_isco4, country_iso2, sector'),
			await s.rows('SELECT * FROM agg_candidate_state ORDER BY candidate_id'),
		];
		const slots = await s.value('SELECT sum(open_slots) FROM agg_open_requirement_profiles');
		const result = await runCli(s.endpoint, [dir]);
		expect(result.code, result.stderr).toBe(0);
		expect(String((await s.rows('SELECT toString(as_of) AS d FROM agg_as_of'))[0]!.d), 'the as-of date is unchanged').toBe(asOf);
		expect(await s.value('SELECT sum(open_slots) FROM agg_open_requirement_profiles')).toBe(slots + 3 + 4 + 5);
		for (const name of ['agg_candidate_profile', 'agg_capability_match', 'agg_candidate_state'])
			expect(result.stderr, name).toMatch(new RegExp(`rollup ${name}: unchanged in \\d+ ms \\(.*, but in no partition it reads\\)`));
		expect(result.stderr).toMatch(/rollup agg_job_order_lines: .*changed partition\(s\)/);
		// the as-of date did not move: agg_as_of (keyed on its rows) and what reads it besides the lines are not rebuilt
		expect(result.stderr).not.toMatch(/rollup agg_as_of:/);
		expect(result.stderr).not.toMatch(/rollup agg_province_month:/);
		const kept = await candidateRollups();
		const provinces = () => s.rows('SELECT * FROM agg_province_month ORDER BY province_code, month');
		const keptProvinces = await provinces();
		await refreshRollups(s.db, () => {}, { force: true });
		expect(kept).toEqual(await candidateRollups());
		expect(keptProvinces).toEqual(await provinces());
	});

	/** Applications of `n` candidates (by default first ones: who never applied nor were placed), each to a line issued by then they have not applied to, as a file. */
	async function applicationsFile(
		n: number,
		label: string,
		who = 'applied = 0 AND placed = 0',
	): Promise<{ dir: string; candidates: string[] }> {
		const picks = await s.rows<{ line_id: string; candidate_id: string; day: string }>(
			`SELECT any(line_id) AS line_id, candidate_id, toString(any(day)) AS day
			FROM (
				SELECT line_id, candidate_id, greatest(issued_date, registered_date) AS day
				FROM (SELECT line_id, issued_date, 1 AS k FROM fct_job_order_lines ORDER BY issued_date, line_id LIMIT 1)
				ALL INNER JOIN (SELECT candidate_id, registered_date, 1 AS k FROM agg_candidate_state WHERE ${who}) USING k
				WHERE greatest(issued_date, registered_date) <= (SELECT as_of FROM agg_as_of)
					AND (line_id, candidate_id) NOT IN (SELECT line_id, candidate_id FROM fct_applications)
			)
			GROUP BY candidate_id ORDER BY candidate_id LIMIT ${n}`,
		);
		expect(picks.length, `${n} candidates (${who})`).toBe(n);
		const dir = tempDir(label);
		writeFileSync(
			join(dir, `applications-${label}.csv`),
			[
				'application_id,candidate_id,line_id,updated_at,applied_date,outcome,outcome_date,rejection_reason',
				...picks.map((p, i) => `${label.toUpperCase()}-${i},${p.candidate_id},${p.line_id},2025-03-01T00:00:00Z,${p.day},pending,,`),
				'',
			].join('\n'),
		);
		return { dir, candidates: picks.map((p) => p.candidate_id) };
	}
	const profileRows = () => s.rows('SELECT * FROM agg_candidate_profile ORDER BY candidate_id');
	const matchRows = () => s.rows('SELECT * FROM agg_capability_match ORDER BY capability_key, occupation_isco4, country_iso2, sector');
	const stateRows = () => s.rows('SELECT * FROM agg_candidate_state ORDER BY candidate_id');

	it('recomputes only the candidates whose facts a batch changed, and only their capability groups, the other rows kept — equal to a whole rebuild', async () => {
		await refreshRollups(s.db);
		// waiting ones: their application changes no availability, so no capability group
		const { dir, candidates } = await applicationsFile(3, 'first-apps', 'available = 1 AND applied = 0');
		const partitions = new Set<number>();
		for (const c of candidates) partitions.add(await s.value(`SELECT cityHash64('${c}') % 16`));
		const groups = new Set<number>();
		for (const c of candidates)
			groups.add(await s.value(`SELECT capability_key % 16 FROM agg_candidate_profile WHERE candidate_id = '${c}'`));
		const before = { profile: await profileRows(), match: await matchRows(), state: await stateRows() };
		const loaded = await loadFiles(s.db, [dir]);
		expect(loaded.ok).toBe(true);
		const logged: string[] = [];
		// only the rows loaded since the last build count in the guess (no margin), so it is exactly this batch's candidates
		await refreshRollups(s.db, (line) => logged.push(line), { changedKeysMarginSeconds: 0 });
		const log = logged.join('\n');
		expect(log).toMatch(
			new RegExp(
				`rollup agg_candidate_profile: .*, ${partitions.size} changed partition\\(s\\) rebuilt, the others copied; of those, ${partitions.size} recomputed only for their 3 changed candidate_id\\(s\\), the other rows kept`,
			),
		);
		// a first application changes the candidates' pipeline, not their capabilities: the groups' matches stay
		expect(log).toMatch(/rollup agg_capability_match: unchanged in \d+ ms/);
		const state = new RegExp(
			`rollup agg_candidate_state: .*, ${groups.size} changed partition\\(s\\) rebuilt, the others copied; of those, ${groups.size} recomputed only for their (\\d+) changed capability_key\\(s\\), the other rows kept`,
		).exec(log);
		expect(state, log).not.toBeNull();
		expect(Number(state![1])).toBeGreaterThanOrEqual(groups.size);
		expect(Number(state![1])).toBeLessThanOrEqual(3);
		// the candidates now show their application, as the facts say
		expect(
			await s.rows(
				`SELECT candidate_id, applied, pipeline_stage FROM agg_candidate_state WHERE candidate_id IN ('${candidates.join("', '")}') ORDER BY candidate_id`,
			),
		).toEqual(candidates.map((c) => ({ candidate_id: c, applied: 1, pipeline_stage: 'applied' })));
		const match = await matchRows();
		expect(match).toEqual(before.match);
		await expectChangedAsWholeRebuild(s, [
			{ rows: profileRows, before: before.profile },
			{ rows: stateRows, before: before.state },
		]);
		expect(match).toEqual(await matchRows());
	});

	it("recomputes a partition whole when a candidate's facts changed there but not as the guess saw them (a row whose load time is long past), equal to a whole rebuild", async () => {
		// two new candidates of one partition (everyone of the data set has applied and been placed by now)
		const asOf = String((await s.rows('SELECT toString(as_of) AS d FROM agg_as_of'))[0]!.d);
		const [pair] = await s.rows<{ a: string; b: string }>(
			`SELECT arrayElement(groupArray(id), 1) AS a, arrayElement(groupArray(id), 2) AS b
			FROM (SELECT concat('GQ-', toString(number)) AS id FROM system.numbers LIMIT 100) GROUP BY cityHash64(id) % 16 HAVING count() >= 2 LIMIT 1`,
		);
		const [base] = await s.rows<Record<string, string>>(
			'SELECT province_code, regency_code, gender, toString(age) AS age, education FROM fct_candidates ORDER BY candidate_id LIMIT 1',
		);
		const registered = tempDir('guessed-candidates');
		writeFileSync(
			join(registered, 'candidates-guessed.csv'),
			[
				'candidate_id,updated_at,registered_date,province_code,regency_code,gender,age,education,smk_major,preferred_occupation_isco4,preferred_countries,language_code,language_level,experience_years',
				...[pair!.a, pair!.b].map(
					(id) =>
						`${id},2026-01-01T00:00:00Z,${asOf},${base!.province_code},${base!.regency_code},${base!.gender},${base!.age},${base!.education},,5322,JP,,,0`,
				),
				'',
			].join('\n'),
		);
		expect((await loadFiles(s.db, [registered])).ok).toBe(true);
		// the build below starts in a later second than the registrations' load time (`_loaded_at`
		// counts whole seconds): the next refresh's guess, from that build's start, does not take b
		await new Promise((resolve) => setTimeout(resolve, 1_100));
		await refreshRollups(s.db);
		expect(
			await s.rows(
				`SELECT candidate_id, pipeline_stage FROM agg_candidate_profile WHERE candidate_id IN ('${pair!.a}', '${pair!.b}') ORDER BY candidate_id`,
			),
		).toEqual([
			{ candidate_id: pair!.a, pipeline_stage: 'registered' },
			{ candidate_id: pair!.b, pipeline_stage: 'registered' },
		]);
		// a's first application, loaded as usual…
		const [line] = await s.rows<{ line_id: string }>(
			`SELECT line_id FROM fct_job_order_lines WHERE issued_date <= toDate('${asOf}') ORDER BY line_id LIMIT 1`,
		);
		const dir = tempDir('guessed');
		writeFileSync(
			join(dir, 'applications-guessed.csv'),
			[
				'application_id,candidate_id,line_id,updated_at,applied_date,outcome,outcome_date,rejection_reason',
				`GUESSED-1,${pair!.a},${line!.line_id},2026-01-01T00:00:00Z,${asOf},pending,,`,
				'',
			].join('\n'),
		);
		// …and a completed language course of b written straight into the facts with a load time of
		// 2001: no guess by load time finds it
		await s.db.command({
			query: `INSERT INTO fct_trainings (training_id, candidate_id, updated_at, start_date, end_date, kind, institution_kind, institution_province,
				language_code, language_level, occupation_isco4, result, province_code, regency_code, gender, education, _batch_id, _line, _row_hash, _loaded_at)
				VALUES ('SNEAKY-1', '${pair!.b}', '2025-01-01 00:00:00', toDate('${asOf}') - 60, toDate('${asOf}') - 1, 'language', 'lpk', '${base!.province_code}',
				'ja', 4, '', 'completed', '${base!.province_code}', '${base!.regency_code}', '${base!.gender}', '${base!.education}', 'sneaky', 1,
				cityHash64('SNEAKY-1'), toDateTime('2001-01-01 00:00:00'))`,
		});
		const other = { candidate_id: pair!.b };
		const before = { profile: await profileRows(), state: await stateRows() };
		const loaded = await loadFiles(s.db, [dir]);
		expect(loaded.ok).toBe(true);
		const logged: string[] = [];
		await refreshRollups(s.db, (line) => logged.push(line), { changedKeysMarginSeconds: 0 });
		const log = logged.join('\n');
		// the fingerprints do not add up for the candidate not guessed: the partition is recomputed whole
		expect(log).toMatch(/rollup agg_candidate_profile: .*, 1 changed partition\(s\) rebuilt, the others copied; decided in/);
		expect(log).not.toMatch(/rollup agg_candidate_profile: .*recomputed only for/);
		// …and the rollups reading it do not take only the guessed candidates' groups either
		expect(log).not.toMatch(/rollup agg_candidate_state: .*recomputed only for/);
		expect(await s.rows(`SELECT trained, pipeline_stage FROM agg_candidate_profile WHERE candidate_id = '${other!.candidate_id}'`)).toEqual(
			[{ trained: 1, pipeline_stage: 'trained' }],
		);
		await expectChangedAsWholeRebuild(s, [
			{ rows: profileRows, before: before.profile },
			{ rows: stateRows, before: before.state },
		]);
	});
	it("recomputes 1,000 new candidates one by one although their ids, spelled out in the statements, pass ClickHouse's default 256 KiB max_query_size — equal to a whole rebuild", async () => {
		await refreshRollups(s.db);
		const asOf = String((await s.rows('SELECT toString(as_of) AS d FROM agg_as_of'))[0]!.d);
		const [base] = await s.rows<Record<string, string>>(
			'SELECT province_code, regency_code, gender, toString(age) AS age, education FROM fct_candidates ORDER BY candidate_id LIMIT 1',
		);
		// ids of the longest form the interchange format takes (64 characters): agg_candidate_profile's
		// statement spells them in each of its twelve reads of the facts, ≈ 800 KiB
		const ids = Array.from({ length: 1_000 }, (_, i) => `LONG-${'x'.repeat(51)}-${String(i).padStart(7, '0')}`);
		expect(ids.every((id) => id.length === 64)).toBe(true);
		const dir = tempDir('long-ids');
		writeFileSync(
			join(dir, 'candidates-long-ids.csv'),
			[
				'candidate_id,updated_at,registered_date,province_code,regency_code,gender,age,education,smk_major,preferred_occupation_isco4,preferred_countries,language_code,language_level,experience_years',
				...ids.map(
					(id) =>
						`${id},2026-01-01T00:00:00Z,${asOf},${base!.province_code},${base!.regency_code},${base!.gender},${base!.age},${base!.education},,5322,JP,,,0`,
				),
				'',
			].join('\n'),
		);
		const before = { profile: await profileRows(), state: await stateRows() };
		expect((await loadFiles(s.db, [dir])).ok).toBe(true);
		const logged: string[] = [];
		await refreshRollups(s.db, (line) => logged.push(line), { changedKeysMarginSeconds: 0 });
		expect(logged.join('\n')).toMatch(/rollup agg_candidate_profile: .*recomputed only for their 1000 changed candidate_id\(s\)/);
		expect(await s.value(`SELECT count() FROM agg_candidate_state WHERE startsWith(candidate_id, 'LONG-')`)).toBe(1_000);
		await expectChangedAsWholeRebuild(s, [
			{ rows: profileRows, before: before.profile },
			{ rows: stateRows, before: before.state },
		]);
	});
});

/**
 * Every agg_ table as row count and sum of row hashes (aggregate-state columns, whose bytes may
 * differ for equal states, left out of the hash: agg_fill_time is compared finalised, monthRollups).
 */
async function everyRollup(s: Scratch): Promise<unknown[]> {
	const columns = await s.rows<{ table: string; name: string }>(
		`SELECT table, name FROM system.columns WHERE database = currentDatabase() AND match(table, '^agg_[a-z0-9_]+$')
			AND NOT startsWith(type, 'AggregateFunction') ORDER BY table, name`,
	);
	const tables = [...new Set(columns.map((c) => c.table))];
	const result: unknown[] = [];
	for (const table of tables) {
		const list = columns.filter((c) => c.table === table).map((c) => c.name);
		// agg_open_slots_monthly by key, its measures summed (SLOT_SUMS)
		const from =
			table === 'agg_open_slots_monthly'
				? `(SELECT ${SLOT_KEY}, sum(open_slots) AS open_slots, sum(open_lines) AS open_lines, sum(open_slots_applied) AS open_slots_applied,
					sum(open_lines_applied) AS open_lines_applied FROM ${table} GROUP BY ${SLOT_KEY})`
				: table;
		result.push({ table, ...(await s.rows(`SELECT count() AS n, toString(sum(cityHash64(${list.join(', ')}))) AS h FROM ${from}`))[0] });
	}
	return [...result, ...(await monthRollups(s))];
}

describe('the scans that decide a refresh, reused within one process', () => {
	let s: Scratch;
	beforeAll(async () => {
		s = await scratchWarehouse('scan_reuse');
	});
	afterAll(async () => {
		await s?.drop();
	});

	it('reuses the scans of the tables no batch touched and misses no touched one: after a batch of each entity, every rollup equals a whole rebuild', async () => {
		const first = tempDir('scan-reuse-1');
		writeDataset(first, size);
		expect((await loadFiles(s.db, [first])).ok).toBe(true);
		await refreshRollups(s.db);
		// the next batches: more of every entity (new keys, and new versions of the first ones), one entity at a time
		const next = tempDir('scan-reuse-2');
		writeDataset(next, { lines: size.lines + 10, candidates: size.candidates + 30, placements: size.placements + 40 });
		writeFileSync(
			join(next, 'trainings.ndjson'),
			`${[
				'{"training_id":"GT1","candidate_id":"GC1","updated_at":"2024-01-10T00:00:00Z","start_date":"2023-11-10","end_date":"2024-01-10","kind":"language","institution_kind":"LPK","institution_province":"32","language_code":"ja","language_level":2,"result":"completed"}',
				'{"training_id":"GT2","candidate_id":"GC2","updated_at":"2024-02-01T00:00:00Z","start_date":"2023-11-01","end_date":"2024-01-31","kind":"skill","institution_kind":"BLK","institution_province":"61","occupation_isco4":"7212","result":"completed"}',
			].join('\n')}\n`,
		);
		writeFileSync(
			join(next, 'applications.csv'),
			[
				'application_id,candidate_id,line_id,updated_at,applied_date,outcome,outcome_date,rejection_reason',
				'GA1,GC1,GL1,2024-02-20T00:00:00Z,2024-01-20,accepted,2024-02-20,',
				'GA2,GC3,GL2,2024-02-01T00:00:00Z,2024-02-01,pending,,',
				'',
			].join('\n'),
		);
		for (const file of [
			'job_order_lines.csv',
			'candidates.csv',
			'certifications.csv',
			'placements.csv',
			'trainings.ndjson',
			'applications.csv',
		]) {
			const dir = tempDir(`scan-reuse-${file.split('.')[0]}`);
			copyFileSync(join(next, file), join(dir, file));
			const loaded = await loadFiles(s.db, [dir]);
			expect(loaded.ok, file).toBe(true);
			const log: string[] = [];
			await refreshRollups(s.db, (line) => log.push(line));
			// the shortcut was taken (the other entities' tables were not scanned again)…
			expect(log.join('\n'), file).toMatch(
				/rollup fingerprints: [1-9]\d* scan\(s\) of fct_\/dim_ tables unchanged since an earlier refresh reused/,
			);
			// …and missed nothing: every rollup as a whole rebuild from the facts computes it
			const incremental = await everyRollup(s);
			await refreshRollups(s.db, () => {}, { force: true });
			expect(incremental, file).toEqual(await everyRollup(s));
		}
		// six loads, each refreshed and then rebuilt whole: minutes on a busy machine
	}, 600_000);
});

describe('the scans that decide a refresh, reused by another process (ops_rollup_scans)', () => {
	let s: Scratch;
	beforeAll(async () => {
		s = await scratchWarehouse('scan_store');
	});
	afterAll(async () => {
		await s?.drop();
	});

	it('a new connection reuses the scans of the tables no batch touched since, takes again those of the table that changed, and the rollups equal a whole rebuild', async () => {
		const first = tempDir('scan-store-1');
		writeDataset(first, size);
		expect((await loadFiles(s.db, [first])).ok).toBe(true);
		// merged now, so that no background merge changes another table's parts (hence its signature) meanwhile
		for (const { name } of await s.rows<{ name: string }>(
			`SELECT name FROM system.tables WHERE database = currentDatabase() AND match(name, '^(fct|dim)_') AND engine LIKE '%MergeTree'`,
		))
			await s.db.command({ query: `OPTIMIZE TABLE ${name} FINAL` });
		await refreshRollups(s.db);
		// a batch of job-order lines: fct_job_order_lines changes, no other fct_/dim_ table
		const next = tempDir('scan-store-2');
		writeDataset(next, { lines: size.lines + 10, candidates: size.candidates, placements: size.placements });
		const lines = tempDir('scan-store-lines');
		copyFileSync(join(next, 'job_order_lines.csv'), join(lines, 'job_order_lines.csv'));
		expect((await loadFiles(s.db, [lines])).ok).toBe(true);
		const before = await everyRollup(s);
		const [{ t: firstSaved }] = (await s.rows(`SELECT toString(max(saved_ms)) AS t FROM ${SCANS_TABLE}`)) as [{ t: string }];
		// a new process: a connection of its own holds no scan in memory
		const other = connect(s.endpoint);
		const log: string[] = [];
		try {
			await refreshRollups(other, (line) => log.push(line));
		} finally {
			await other.close();
		}
		const counts = /rollup fingerprints: (\d+) scan\(s\) .* reused \((\d+) of them stored by an earlier process\), (\d+) taken/.exec(
			log.join('\n'),
		);
		expect(counts, log.join('\n')).not.toBeNull();
		const [, reused, stored, taken] = counts!.map(Number) as [number, number, number, number];
		// which scans were taken again (and stored anew); read before the whole rebuild below stores its own
		const entries = await s.rows<{ h: string; touched: number; again: number }>(
			`SELECT concat(scan_hash, ' ', arrayStringConcat(extractAll(any(signature), '([a-z0-9_]+)='), ',')) AS h,
				max(match(signature, '(^| )(fct_job_order_lines|dim_[a-z0-9_]+)=')) AS touched, max(saved_ms > ${firstSaved}) AS again
			FROM ${SCANS_TABLE} GROUP BY scan_hash ORDER BY h`,
		);
		// the batch reached the rollups, and they hold what a whole rebuild computes
		const incremental = await everyRollup(s);
		expect(incremental).not.toEqual(before);
		await refreshRollups(s.db, () => {}, { force: true });
		expect(incremental).toEqual(await everyRollup(s));
		// the other scans came from what the first connection stored…
		expect(stored).toBe(reused);
		expect(reused).toBeGreaterThan(0);
		// …and exactly those that read fct_job_order_lines were taken again, with those of the reference
		// tables (every load replaces them: loadReferenceData), no other
		expect(entries.filter((e) => Number(e.again) === 1).map((e) => e.h)).toEqual(
			entries.filter((e) => Number(e.touched) === 1).map((e) => e.h),
		);
		expect(taken).toBe(entries.filter((e) => Number(e.again) === 1).length);
		expect(taken).toBeGreaterThan(0);
	}, 300_000);
});

describe('the ingest API and the refresh after it', () => {
	const token = 'after-load-token-0123456789';
	let s: Scratch;
	let server: IngestServer;
	let refresher: AfterLoadRefresher;
	const logged: string[] = [];

	beforeAll(async () => {
		s = await scratchWarehouse('ingest_refresh');
		const data = tempDir('ingest-refresh');
		writeDataset(data, size);
		// Reference facts (lines, candidates) loaded and refreshed first; the API then gets placements.
		for (const name of ['job_order_lines.csv', 'candidates.csv', 'certifications.csv']) {
			const report = await loadFiles(s.db, [join(data, name)]);
			expect(report.ok).toBe(true);
		}
		await refreshRollups(s.db);
		refresher = new AfterLoadRefresher({ db: s.db, cube: null, log: (line) => logged.push(line) });
		server = await startIngestServer({
			db: s.db,
			port: 0,
			token,
			// A push waiting on the load lock for a refresh would be refused quickly.
			lockWaitMs: 5_000,
			afterLoad: (report) => refresher.request(report),
		});
	});
	afterAll(async () => {
		await server?.close();
		await refresher?.idle();
		await s?.drop();
	});

	const placements = (from: number, count: number) => {
		const rows = ['placement_id,candidate_id,line_id,updated_at,departure_date,wage,contract_months'];
		for (let i = from; i < from + count; i++) {
			rows.push(`HP${i},GC${200 + (i % 100)},GL${i % size.lines},2023-12-01T00:00:00Z,2023-12-01,1200,24`);
		}
		return `${rows.join('\n')}\n`;
	};

	const post = (body: string) =>
		fetch(`${server.url}/v1/batches/placements`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'x-slmi-source': 'after-load-test' },
			body,
		});

	const status = async (batchId: string) => {
		const res = await fetch(`${server.url}/v1/batches/${batchId}`, { headers: { authorization: `Bearer ${token}` } });
		expect(res.status).toBe(200);
		return (await res.json()) as { state: string; visible_at: string | null };
	};

	it('answers once a batch is committed, coalesces the refreshes and records when each batch became visible', async () => {
		// Another process's refresh holds the refresh lock: pushes must still be committed and answered.
		const blocker = await Session.open(s.db, undefined, 'refresh');
		const held = await acquireLoadLock(blocker, { table: REFRESH_LOCK_TABLE, what: 'refresh' });
		const bodies = [placements(0, 3), placements(3, 2), placements(5, 4)];
		const answers = [];
		let released = false;
		try {
			for (const body of bodies) {
				const res = await post(body);
				answers.push({ status: res.status, json: (await res.json()) as { batch_id: string; status: string } });
			}
			for (const a of answers) {
				expect(a.status).toBe(200);
				expect(a.json.status).toBe('committed');
				const state = await status(a.json.batch_id);
				expect(state.state).toBe('committed');
				// the refresh cannot have run: it waits for the lock
				expect(state.visible_at).toBeNull();
			}
			await held.release();
			released = true;
		} finally {
			if (!released) await held.release();
		}
		await refresher.idle();

		const visible = [];
		for (const a of answers) visible.push((await status(a.json.batch_id)).visible_at);
		for (const v of visible) expect(v).toMatch(/^\d{4}-\d\d-\d\dT/);
		// The first batch's refresh was waiting when the other two landed: they share the next one.
		expect(visible[1], logged.join('\n')).toBe(visible[2]);
		expect(await s.value('SELECT count() FROM (SELECT DISTINCT visible_ms FROM ops_batch_visibility)'), logged.join('\n')).toBe(2);

		// Nothing doubled, and the rollups agree with the facts.
		expect(await s.value('SELECT count() FROM fct_placements')).toBe(9);
		expect(await s.value('SELECT uniqExact(placement_id) FROM fct_placements')).toBe(9);
		const after = await quickWinAgainstFacts(s);
		expect(after.rollup).toEqual(after.facts);
	});

	it('never shows a half-applied batch: while batches land and commit, every reading holds each batch whole or not at all', async () => {
		const sizes = [7, 13];
		const base = {
			facts: await s.value('SELECT count() FROM fct_placements'),
			quickWin: await s.value('SELECT sum(placements) FROM agg_quick_win_daily'),
			provinces: await s.value('SELECT sum(placements) FROM agg_province_month'),
			lines: await s.value('SELECT sum(placements) FROM agg_job_order_lines'),
		};
		// The readings a dashboard can see: the batch totals it may show (none, either, both).
		const allowed = (start: number) => new Set([start, start + sizes[0]!, start + sizes[1]!, start + sizes[0]! + sizes[1]!]);
		const seen: Record<keyof typeof base, Set<number>> = { facts: new Set(), quickWin: new Set(), provinces: new Set(), lines: new Set() };
		let stop = false;
		const reader = (async () => {
			while (!stop) {
				seen.facts.add(await s.value('SELECT count() FROM fct_placements'));
				seen.quickWin.add(await s.value('SELECT sum(placements) FROM agg_quick_win_daily'));
				seen.provinces.add(await s.value('SELECT sum(placements) FROM agg_province_month'));
				seen.lines.add(await s.value('SELECT sum(placements) FROM agg_job_order_lines'));
			}
		})();
		try {
			const answers = await Promise.all([post(placements(40, sizes[0]!)), post(placements(60, sizes[1]!))]);
			for (const res of answers) expect(res.status).toBe(200);
			await refresher.idle();
		} finally {
			stop = true;
			await reader;
		}
		for (const key of Object.keys(base) as (keyof typeof base)[]) {
			const wrong = [...seen[key]].filter((v) => !allowed(base[key]).has(v));
			expect(wrong, `${key}: readings outside {none, either, both batches} of ${base[key]}`).toEqual([]);
		}
		// …and in the end every reading holds both.
		expect(await s.value('SELECT sum(placements) FROM agg_quick_win_daily')).toBe(base.quickWin + sizes[0]! + sizes[1]!);
		expect(await s.value('SELECT sum(placements) FROM agg_province_month')).toBe(base.provinces + sizes[0]! + sizes[1]!);
	});

	it('takes two pushes sent at once: both committed, neither refused, both eventually visible', async () => {
		const before = await s.value('SELECT count() FROM fct_placements');
		const answers = await Promise.all([post(placements(20, 5)), post(placements(30, 6))]);
		const ids: string[] = [];
		for (const res of answers) {
			expect(res.status).toBe(200);
			ids.push(((await res.json()) as { batch_id: string }).batch_id);
		}
		await refresher.idle();
		for (const id of ids) expect((await status(id)).visible_at).not.toBeNull();
		expect(await s.value('SELECT count() FROM fct_placements')).toBe(before + 11);
		const after = await quickWinAgainstFacts(s);
		expect(after.rollup).toEqual(after.facts);
	});
});

describe('what is derived from the data: forecasts and alerts', () => {
	let s: Scratch;
	beforeAll(async () => {
		s = await scratchWarehouse('derived');
		const data = tempDir('derived');
		writeDataset(data, size);
		expect((await loadFiles(s.db, [data])).ok).toBe(true);
		await refreshAfterLoad({ db: s.db, cube: null, matching: 'skip' }, []);
	});
	afterAll(async () => {
		await s?.drop();
	});

	it('follows the refresh once it has released its lock, under a lock of its own: the next refresh never waits for it', async () => {
		const dir = tempDir('derived-batch');
		writeFileSync(
			join(dir, 'placements.csv'),
			'placement_id,candidate_id,line_id,updated_at,departure_date,wage,contract_months\nDV1,GC205,GL5,2023-12-01T00:00:00Z,2023-12-01,1200,24\n',
		);
		const report = await loadFiles(s.db, [dir]);
		expect(report.ok).toBe(true);
		const batchId = report.batches[0]!.batchId;
		const runsBefore = await s.value('SELECT count() FROM forecast_runs');
		expect(runsBefore, 'the forecasts of the data as loaded').toBeGreaterThan(0);

		// Another process's forecasts hold their lock.
		const blocker = await Session.open(s.db, undefined, 'derived');
		const held = await acquireLoadLock(blocker, { table: DERIVED_LOCK_TABLE, what: 'forecast and alert refresh' });
		let finished = false;
		const refresh = refreshAfterLoad({ db: s.db, cube: null, matching: 'skip' }, batchesOf(report)).then(() => {
			finished = true;
		});
		try {
			// The batch becomes visible while its forecasts wait…
			let visible = 0;
			for (let i = 0; i < 600 && visible === 0; i++) {
				await new Promise((r) => setTimeout(r, 100));
				visible = await s.value(`SELECT count() FROM ${VISIBILITY_TABLE} WHERE batch_id = '${batchId}'`);
			}
			expect(visible).toBe(1);
			expect(finished).toBe(false);
			// …and the refresh lock is free: another refresh takes it at once.
			const other = await acquireLoadLock(await Session.open(s.db, undefined, 'refresh'), {
				table: REFRESH_LOCK_TABLE,
				what: 'refresh',
				waitMs: 0,
			});
			await other.release();
			expect(await s.value('SELECT count() FROM forecast_runs')).toBe(runsBefore);
		} finally {
			await held.release();
		}
		await refresh;
		// Then the forecasts of the data with the batch.
		expect(await s.value('SELECT count() FROM forecast_runs')).toBe(runsBefore + 1);
		expect(await s.value(`SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = '${DERIVED_LOCK_TABLE}'`)).toBe(
			0,
		);
	});

	/** A load of one new placement (its own id), not yet refreshed. */
	const onePlacement = async (id: string) => {
		const dir = tempDir(`derived-${id}`);
		writeFileSync(
			join(dir, 'placements.csv'),
			`placement_id,candidate_id,line_id,updated_at,departure_date,wage,contract_months\n${id},GC2${id.slice(-1)}1,GL${id.slice(-1)},2023-12-01T00:00:00Z,2023-12-01,1200,24\n`,
		);
		const report = await loadFiles(s.db, [dir]);
		expect(report.ok).toBe(true);
		return report;
	};
	const derivedRuns = async () => ({
		forecasts: await s.value('SELECT count() FROM forecast_runs'),
		engine: await s.value('SELECT count() FROM match_runs'),
	});

	it('waits for the refreshes to pause: refreshes in quick succession cause one forecast and engine run, a lone batch still gets its own', async () => {
		// the refresher's rule as in the stack, with a shorter quiet time; no run forced by the interval
		const matching = new BackgroundMatching(s.db, () => {}, undefined, { quietMs: 1_500, intervalMs: 10 * 60_000 });
		const refresher = new AfterLoadRefresher({ db: s.db, cube: null, matching });
		const reports = [await onePlacement('DQ1'), await onePlacement('DQ2'), await onePlacement('DQ3')];
		const before = await derivedRuns();
		// three refreshes one after the other, as under sustained pushes (each batch lands as the last refresh ends)
		for (const report of reports) {
			refresher.request(report);
			await refresher.idle();
		}
		expect(refresher.state().running, 'the derived run is pending: GET /v1/refresh says so').toBe(true);
		await matching.idle();
		// one run (forecasts, alerts, engine) after the three refreshes
		expect(await derivedRuns()).toEqual({ forecasts: before.forecasts + 1, engine: before.engine + 1 });

		// a lone batch, once the refreshes have paused: its own run, soon after it is visible
		refresher.request(await onePlacement('DQ4'));
		await refresher.idle();
		const visibleAt = Date.now();
		await matching.idle();
		expect(Date.now() - visibleAt).toBeLessThan(60_000);
		// (the forecasts themselves are skipped when the facts they read are unchanged: the engine's run counts)
		expect((await derivedRuns()).engine).toBe(before.engine + 2);
		expect(refresher.state()).toEqual({ running: false, pending: 0 });
	});

	it('is never starved: while a refresh keeps waiting, the derived run starts once its interval has passed', async () => {
		const matching = new BackgroundMatching(s.db, () => {}, undefined, { quietMs: 10 * 60_000, intervalMs: 1_000 });
		const refresher = new AfterLoadRefresher({ db: s.db, cube: null, matching, lockWaitMs: 10 * 60_000 });
		const before = await derivedRuns();
		// another process's refresh holds the refresh lock: this refresher waits, busy all along
		const blocker = await Session.open(s.db, undefined, 'refresh');
		const held = await acquireLoadLock(blocker, { table: REFRESH_LOCK_TABLE, what: 'refresh' });
		try {
			refresher.request(await onePlacement('DQ5'));
			// what an earlier refresh asked for
			matching.request();
			let after = before;
			for (let i = 0; i < 600 && after.engine === before.engine; i++) {
				await new Promise((r) => setTimeout(r, 100));
				after = await derivedRuns();
			}
			expect(after.engine).toBe(before.engine + 1);
			expect(refresher.refreshing).toBe(true);
		} finally {
			await held.release();
		}
		await refresher.idle();
		await matching.idle();
	});

	it('given the endpoint, the forecasts and alerts run in a worker thread of their own and store the run for the data as it is', async () => {
		const lines: string[] = [];
		const matching = new BackgroundMatching(s.db, (line) => lines.push(line), s.endpoint, { quietMs: 500, intervalMs: 10 * 60_000 });
		const refresher = new AfterLoadRefresher({ db: s.db, cube: null, matching });
		refresher.request(await onePlacement('DW1'));
		await refresher.idle();
		await matching.idle();
		// one run, in a thread other than this one (the main thread's id is 0)
		expect(matching.derivedThreads).toHaveLength(1);
		expect(matching.derivedThreads[0]).toBeGreaterThan(0);
		// it stored the forecasts and alerts of the new data, as the latest runs (its log came through)
		const logged = (what: string) =>
			new RegExp(`^${what}: .* run (\\S+) in `).exec(lines.find((l) => l.startsWith(`${what}: `)) ?? '')?.[1];
		const latest = async (table: string) =>
			(await s.rows<{ run_id: string }>(`SELECT run_id FROM ${table} ORDER BY build_ms DESC LIMIT 1`))[0]?.run_id;
		expect(logged('forecasts'), lines.join('\n')).toBeDefined();
		expect(await latest('forecast_runs')).toBe(logged('forecasts'));
		expect(await latest('alert_runs')).toBe(logged('alerts'));
		// …for the data version as it is: the same run in this thread finds both done
		const again: string[] = [];
		await refreshDerived(s.db, (line) => again.push(line));
		expect(
			again.some((l) => /^forecasts: data version \w+ already forecast/.test(l)),
			again.join('\n'),
		).toBe(true);
		expect(
			again.some((l) => /^alerts: data version \w+ already checked/.test(l)),
			again.join('\n'),
		).toBe(true);
	});
});

describe('the matching engine’s incremental read (warehouse/src/matching/run.ts readWaitingCandidatesSince)', () => {
	let s: Scratch;
	beforeAll(async () => {
		s = await scratchWarehouse('match_read');
	});
	afterAll(async () => {
		await s?.drop();
	});

	it('re-reads only the changed candidates after each kind of batch and holds exactly what a full read holds', async () => {
		const first = tempDir('match-read-1');
		writeDataset(first, size);
		expect((await loadFiles(s.db, [first])).ok).toBe(true);
		await refreshRollups(s.db);
		const asOf = await readAsOf(s.db);
		const source = 'scratch';
		const start = await readWaitingCandidatesSince(s.db, source, asOf, null);
		expect(start.read).toBe('full');
		expect(start.cache.candidates).toEqual(await readWaitingCandidates(s.db));
		let cache = start.cache;
		const rowsOf = (file: string) => readFileSync(join(first, file), 'utf8').split(/\r?\n/);
		const rowOf = (file: string, id: string) => (rowsOf(file).find((r) => r.startsWith(`${id},`)) as string).split(',');
		/** a batch of `files` (rows without the header), loaded and refreshed; then both reads compared */
		const batch = async (label: string, files: Record<string, string[]>) => {
			const dir = tempDir(`match-read-${label}`);
			for (const [file, rows] of Object.entries(files)) writeFileSync(join(dir, file), `${[rowsOf(file)[0], ...rows].join('\n')}\n`);
			const loaded = await loadFiles(s.db, [dir]);
			expect(loaded.ok, label).toBe(true);
			await refreshRollups(s.db);
			// the batches keep the as-of date (a moved one is a full read by design)
			expect(await readAsOf(s.db), label).toBe(asOf);
			const previous = cache.candidates;
			// two ids a query: the changed rows come in several queries, as tens of thousands do nationally
			const since = await readWaitingCandidatesSince(s.db, source, asOf, cache, 2);
			const full = await readWaitingCandidates(s.db);
			expect(since.read, label).toBe('incremental');
			// the same candidates, facts and order (both in waiting order)
			expect(since.cache.candidates, label).toEqual(full);
			// the batch did change the engine's input (else the comparison shows nothing)
			expect(since.cache.candidates, label).not.toEqual(previous);
			cache = since.cache;
			return { rows: since.rows, scanned: since.scanned, candidates: full.length, previous: previous.length };
		};
		const stamp = `${asOf}T23:00:00Z`;

		// a line that asks for the caregiver certificate (many candidates' reduced facts change with
		// it), and one closed
		const open = rowOf('job_order_lines.csv', 'GL1');
		open[0] = 'GL900';
		open[2] = stamp;
		open[3] = asOf;
		open[4] = `${Number(asOf.slice(0, 4)) + 1}${asOf.slice(4)}`;
		open[18] = 'caregiver';
		const closed = rowOf('job_order_lines.csv', 'GL2');
		closed[2] = stamp;
		closed[5] = 'closed';
		closed[6] = asOf;
		const lines = await batch('lines', { 'job_order_lines.csv': [open.join(','), closed.join(',')] });
		expect(lines.rows).toBeGreaterThan(0);

		// a candidate changed (experience, destination) and a new one
		const changed = rowOf('candidates.csv', 'GC250');
		changed[1] = `${asOf} 23:00:00`;
		changed[10] = changed[10] === 'KR' ? 'DE' : 'KR';
		changed[13] = '9';
		const added = rowOf('candidates.csv', 'GC251');
		added[0] = 'GC900';
		added[1] = `${asOf} 23:00:00`;
		added[2] = asOf;
		const candidates = await batch('candidates', { 'candidates.csv': [changed.join(','), added.join(',')] });
		expect(candidates).toMatchObject({ rows: 2, candidates: candidates.previous + 1, previous: candidates.previous });
		// only the buckets of candidate_id whose sums moved were scanned, not every waiting candidate
		expect(candidates.scanned).toBeGreaterThanOrEqual(2);
		expect(candidates.scanned).toBeLessThan(candidates.previous);

		// a certificate passed by a waiting candidate who holds none, of the occupation of the line asking for it
		const uncertified = cache.candidates.find(
			(c) => c.facts.occupation === open[13] && c.facts.certificates.length === 0,
		) as EngineCandidate;
		expect(uncertified).toBeDefined();
		const certificates = await batch('certifications', {
			'certifications.csv': [`GX900,${uncertified.id},${stamp},${asOf},caregiver,CB-003,passed`],
		});
		expect(certificates.rows).toBe(1);

		// a candidate who names two destinations, then the same two in the other order: only the
		// order the engine scores changes (their sorted destinations, reduced facts and capability
		// key stay), so a row hash or bucket sum that misses that order misses the change
		const inFile = new Set(rowsOf('candidates.csv').map((r) => r.split(',')[0]));
		const naming = cache.candidates.find(
			(c) => inFile.has(c.id) && c.id !== 'GC250' && c.id !== uncertified.id && c.preferredCountries.join(';') !== 'JP;KR',
		) as EngineCandidate;
		const named = rowOf('candidates.csv', naming.id);
		named[1] = `${asOf} 23:30:00`;
		named[10] = 'JP;KR';
		await batch('two destinations', { 'candidates.csv': [named.join(',')] });
		const capabilityKey = cache.candidates.find((c) => c.id === naming.id)?.capabilityKey;
		named[1] = `${asOf} 23:45:00`;
		named[10] = 'KR;JP';
		const reordered = await batch('destinations reordered', { 'candidates.csv': [named.join(',')] });
		expect(reordered).toMatchObject({ rows: 1, candidates: reordered.previous });
		expect(cache.candidates.find((c) => c.id === naming.id)).toMatchObject({ preferredCountries: ['KR', 'JP'], capabilityKey });

		// a candidate placed: no longer waiting
		const leaving = cache.candidates.find((c) => c.id !== uncertified.id) as EngineCandidate;
		const placed = await batch('placements', { 'placements.csv': [`GP900,${leaving.id},GL900,${stamp},${asOf},1200,24`] });
		expect(placed).toMatchObject({ rows: 0, candidates: placed.previous - 1, previous: placed.previous });
	}, 600_000);
});
