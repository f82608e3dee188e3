/**
 * A batch of new job-order lines adds their rows to the copies of agg_job_order_lines and
 * agg_open_slots_monthly instead of recomputing the partitions they fall in (the `new keys` lines:
 * warehouse/rollups/README.md, rollups.ts newKeysOnly), and anything else — a new version of an
 * existing line, applications or placements in the partition, a new as-of date — recomputes them as
 * before. After each kind of batch, every rollup must equal a forced whole rebuild, compared by key
 * with the measures summed (agg_open_slots_monthly may then hold several rows per key), and the
 * open-slots numbers Cube computes (its measure's SQL, cube/model/open_slots.js) must be the same.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFiles } from '../../../warehouse/src/load/index.ts';
import { readRollups, refreshRollups } from '../../../warehouse/src/rollups.ts';
import { FILL_TIME_FINALISED, type Scratch, scratchWarehouse, tempDir, writeDataset } from './support.ts';

const HEADER =
	'line_id,job_order_id,updated_at,issued_date,expiry_date,status,status_date,source,scheme,country_iso2,employer_id,agency_code,sector,occupation_isco4,slots,wage_min,wage_max,wage_currency,required_certificate,required_language,required_language_level,min_education,min_experience_years,gender_requirement,age_min,age_max';
const SLOT_KEY =
	'snapshot_date, country_iso2, region_code, sector, occupation_isco4, skill_level, scheme, required_certificate, required_language';

/** A job-order line of the test's CSV. */
function line(id: string, issued: string, country: string, sector: string, isco: string, slots: number, updated = issued): string {
	const expiry = `${Number(issued.slice(0, 4)) + 1}${issued.slice(4)}`;
	const currency = { JP: 'JPY', KR: 'KRW', TW: 'TWD', DE: 'EUR' }[country] ?? 'USD';
	return `${id},J-${id},${updated}T00:00:00Z,${issued},${expiry},open,,siskop2mi,G2G,${country},GE1,,${sector},${isco},${slots},1000,1500,${currency},,,,sd,0,any,18,45`;
}

/** A date `days` after an ISO date. */
function plusDays(date: string, days: number): string {
	return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('the refresh after a batch of new job-order lines', () => {
	let s: Scratch;
	beforeAll(async () => {
		s = await scratchWarehouse('new_lines');
		const dir = tempDir('new-lines');
		writeDataset(dir, { lines: 50, candidates: 300, placements: 200 });
		expect((await loadFiles(s.db, [dir])).ok).toBe(true);
		await refreshRollups(s.db);
	});
	afterAll(async () => {
		await s?.drop();
	});

	const asOfDate = async () => String((await s.rows<{ d: string }>('SELECT toString(as_of) AS d FROM agg_as_of'))[0]!.d);
	/** Loads each file as its own batch (name → CSV lines, entity from the name). */
	const load = async (files: Record<string, string[]>) => {
		for (const [name, rows] of Object.entries(files)) {
			const dir = tempDir(`new-lines-${name.replace(/\W/g, '')}`);
			writeFileSync(join(dir, name), [...rows, ''].join('\n'));
			const report = await loadFiles(s.db, [dir]);
			expect(report.ok, JSON.stringify(report.batches)).toBe(true);
		}
	};
	/** One refresh (covering every batch loaded since the last); its log. */
	const refresh = async () => {
		const logged: string[] = [];
		await refreshRollups(s.db, (l) => logged.push(l));
		return logged.join('\n');
	};
	/** How many partitions of `rollup` the refresh says it built by adding new rows to their copy (0: none). */
	const addedPartitions = (log: string, rollup: string) =>
		Number(new RegExp(`rollup ${rollup}: .*?(\\d+) changed(?: partition\\(s\\),)? only by new rows`).exec(log)?.[1] ?? 0);

	/**
	 * Every rollup, by key with the measures summed: agg_open_slots_monthly grouped by its key,
	 * agg_fill_time's aggregate states finalised (FILL_TIME_FINALISED: the bytes of equal states may
	 * differ between two builds — seen in CI on 8 December 2026); the others row for row (each holds
	 * one row per key), sorted.
	 */
	const everyRollup = async () => {
		const out: Record<string, unknown[]> = {};
		for (const { name } of readRollups()) {
			if (name === 'agg_open_slots_monthly') {
				out[name] = await s.rows(
					`SELECT ${SLOT_KEY}, toString(sum(open_slots)) AS s, toString(sum(open_lines)) AS l, toString(sum(open_slots_applied)) AS sa,
						toString(sum(open_lines_applied)) AS la
					FROM agg_open_slots_monthly GROUP BY ${SLOT_KEY} ORDER BY ${SLOT_KEY}`,
				);
			} else if (name === 'agg_fill_time') {
				out[name] = await s.rows(FILL_TIME_FINALISED);
			} else {
				out[name] = (await s.rows(`SELECT * FROM ${name}`)).map((r) => JSON.stringify(r)).sort();
			}
		}
		return out;
	};
	/** Cube's open_slots measures (cube/model/open_slots.js) by country and quarter, and by sector at the latest snapshot. */
	const cubeNumbers = async () => {
		const latest = (column: string) =>
			`toString(arraySum(arrayFilter((v, d) -> d = max(snapshot_date), groupArray(${column}), groupArray(snapshot_date))))`;
		const measures = `${latest('open_slots')} AS slots, ${latest('open_lines')} AS lines, ${latest('open_slots_applied')} AS applied`;
		return [
			await s.rows(
				`SELECT country_iso2, toString(toStartOfQuarter(snapshot_date)) AS q, ${measures} FROM agg_open_slots_monthly GROUP BY country_iso2, q ORDER BY country_iso2, q`,
			),
			await s.rows(`SELECT sector, ${measures} FROM agg_open_slots_monthly GROUP BY sector ORDER BY sector`),
		];
	};
	/** The rollups and Cube's numbers equal what a forced whole rebuild computes from the same facts. */
	const expectAsWholeRebuild = async () => {
		const incremental = { rollups: await everyRollup(), cube: await cubeNumbers() };
		await refreshRollups(s.db, () => {}, { force: true });
		const whole = { rollups: await everyRollup(), cube: await cubeNumbers() };
		for (const name of Object.keys(whole.rollups)) expect(incremental.rollups[name], name).toEqual(whole.rollups[name]);
		expect(incremental.cube).toEqual(whole.cube);
	};

	it('adds the rows of new lines to the copies, several batches in one refresh and refresh after refresh, equal to a whole rebuild', async () => {
		const asOf = await asOfDate();
		const openBefore = await s.value(
			"SELECT sum(open_slots) FROM agg_open_slots_monthly WHERE snapshot_date = (SELECT max(snapshot_date) FROM agg_open_slots_monthly) AND country_iso2 = 'JP'",
		);
		// two batches, one refresh (coalesced): new lines of an existing market, a slice no line had
		// (a new occupation in KR) and a line issued before every other of its slice (its zero rows
		// start earlier)
		await load({
			'job_order_lines-a.csv': [
				HEADER,
				...[0, 1, 2, 3, 4].map((i) => line(`NL-A${i}`, plusDays(asOf, -i), 'JP', 'health_care', '5322', 2 + i)),
			],
			'job_order_lines-b.csv': [
				HEADER,
				line('NL-B0', plusDays(asOf, -3), 'KR', 'engineering', '7223', 4),
				line('NL-B1', plusDays(asOf, -2), 'KR', 'engineering', '7223', 1),
				line('NL-B2', '2022-06-15', 'TW', 'domestic', '5152', 3),
			],
		});
		const first = await refresh();
		expect(addedPartitions(first, 'agg_job_order_lines'), first).toBeGreaterThan(0);
		expect(addedPartitions(first, 'agg_open_slots_monthly'), first).toBeGreaterThan(0);
		expect(first).not.toMatch(/rollup agg_line_activity:/);
		// the JP lines are open at the as-of date: their slots count there
		expect(
			await s.value(
				"SELECT sum(open_slots) FROM agg_open_slots_monthly WHERE snapshot_date = (SELECT max(snapshot_date) FROM agg_open_slots_monthly) AND country_iso2 = 'JP'",
			),
		).toBe(openBefore + 2 + 3 + 4 + 5 + 6);
		// again, on copies that already hold added rows (several rows per key)
		await load({
			'job_order_lines-c.csv': [
				HEADER,
				line('NL-C0', asOf, 'JP', 'health_care', '5322', 7),
				line('NL-C1', asOf, 'KR', 'engineering', '7223', 2),
			],
		});
		const second = await refresh();
		expect(addedPartitions(second, 'agg_job_order_lines'), second).toBe(1);
		expect(addedPartitions(second, 'agg_open_slots_monthly'), second).toBeGreaterThan(0);
		expect(
			await s.value(`SELECT count() FROM (SELECT ${SLOT_KEY} FROM agg_open_slots_monthly GROUP BY ${SLOT_KEY} HAVING count() > 1)`),
			'keys with more than one row',
		).toBeGreaterThan(0);
		expect(await asOfDate(), 'the as-of date is unchanged').toBe(asOf);
		await expectAsWholeRebuild();
	});

	it('recomputes a partition where an existing line changed, even with new lines beside it, equal to a whole rebuild', async () => {
		const asOf = await asOfDate();
		// an existing line of the as-of quarter: a new version with more slots, and a new line of its quarter and country
		const [old] = await s.rows<{ line_id: string; issued: string; country_iso2: string; sector: string; isco: string; slots: number }>(
			`SELECT line_id, toString(issued_date) AS issued, country_iso2, sector, occupation_isco4 AS isco, slots FROM fct_job_order_lines
			WHERE line_id LIKE 'NL-A%' ORDER BY line_id LIMIT 1`,
		);
		await load({
			'job_order_lines-update.csv': [
				HEADER,
				line(old!.line_id, old!.issued, old!.country_iso2, old!.sector, old!.isco, Number(old!.slots) + 10, plusDays(asOf, 0)).replace(
					'T00:00:00Z',
					'T12:00:00Z',
				),
				line('NL-U0', asOf, old!.country_iso2, old!.sector, old!.isco, 1),
			],
		});
		expect(await s.value(`SELECT slots FROM fct_job_order_lines WHERE line_id = '${old!.line_id}'`)).toBe(Number(old!.slots) + 10);
		const log = await refresh();
		expect(log).toMatch(/rollup agg_job_order_lines: .*1 changed partition\(s\) rebuilt/);
		await expectAsWholeRebuild();
		expect(addedPartitions(log, 'agg_job_order_lines'), log).toBe(0);
		expect(addedPartitions(log, 'agg_open_slots_monthly'), log).toBe(0);
	});

	it('recomputes the partitions of a new line once it has applications or placements, also in the refresh that adds it, equal to a whole rebuild', async () => {
		const asOf = await asOfDate();
		const [candidate] = await s.rows<{ candidate_id: string }>(
			`SELECT candidate_id FROM fct_candidates WHERE registered_date <= toDate('${asOf}') ORDER BY candidate_id LIMIT 2`,
		);
		// a new line alone: added
		await load({ 'job_order_lines-d.csv': [HEADER, line('NL-D0', plusDays(asOf, -5), 'DE', 'health_care', '2221', 3)] });
		const added = await refresh();
		expect(addedPartitions(added, 'agg_job_order_lines'), added).toBe(1);
		// its application and placement: recomputed (the application and placement partitions changed)
		await load({
			'applications-d.csv': [
				'application_id,candidate_id,line_id,updated_at,applied_date,outcome,outcome_date,rejection_reason',
				`NA-D0,${candidate!.candidate_id},NL-D0,${asOf}T00:00:00Z,${plusDays(asOf, -4)},accepted,${plusDays(asOf, -3)},`,
			],
			'placements-d.csv': [
				'placement_id,candidate_id,line_id,updated_at,departure_date,wage,contract_months',
				`NP-D0,${candidate!.candidate_id},NL-D0,${asOf}T00:00:00Z,${plusDays(asOf, -1)},1200,24`,
			],
		});
		const activity = await refresh();
		expect(await s.value("SELECT placements FROM agg_job_order_lines WHERE line_id = 'NL-D0'")).toBe(1);
		expect(addedPartitions(activity, 'agg_job_order_lines'), activity).toBe(0);
		expect(addedPartitions(activity, 'agg_open_slots_monthly'), activity).toBe(0);
		// a new line and its application in one refresh: recomputed too
		await load({
			'job_order_lines-e.csv': [HEADER, line('NL-E0', plusDays(asOf, -5), 'DE', 'health_care', '2221', 2)],
			'applications-e.csv': [
				'application_id,candidate_id,line_id,updated_at,applied_date,outcome,outcome_date,rejection_reason',
				`NA-E0,${candidate!.candidate_id},NL-E0,${asOf}T00:00:00Z,${plusDays(asOf, -4)},pending,,`,
			],
		});
		const both = await refresh();
		expect(await s.value("SELECT applications FROM agg_job_order_lines WHERE line_id = 'NL-E0'")).toBe(1);
		expect(addedPartitions(both, 'agg_job_order_lines'), both).toBe(0);
		await expectAsWholeRebuild();
	});

	it('adds the lines of a batch committed between the fingerprints and the guess too, and the next refresh starts from them', async () => {
		const asOf = await asOfDate();
		await load({ 'job_order_lines-h.csv': [HEADER, line('NL-H0', plusDays(asOf, -2), 'JP', 'health_care', '5322', 2)] });
		// under a stream of pushes a batch commits while the refresh runs: here, after its fingerprint
		// scans and before it guesses the new lines (which then include this batch's)
		let pushed = false;
		const logged: string[] = [];
		await refreshRollups(s.db, (l) => logged.push(l), {
			beforeNewKeysGuess: async (rollup) => {
				if (rollup !== 'agg_job_order_lines' || pushed) return;
				pushed = true;
				await load({ 'job_order_lines-i.csv': [HEADER, line('NL-I0', plusDays(asOf, -1), 'JP', 'health_care', '5322', 3)] });
			},
		});
		const log = logged.join('\n');
		expect(pushed).toBe(true);
		expect(addedPartitions(log, 'agg_job_order_lines'), log).toBe(1);
		expect(addedPartitions(log, 'agg_open_slots_monthly'), log).toBeGreaterThan(0);
		expect(await s.value("SELECT count() FROM agg_job_order_lines WHERE line_id IN ('NL-H0', 'NL-I0')")).toBe(2);
		// what it recorded is what the table holds: the next refresh has no line left to add or recompute
		const next = await refresh();
		expect(next).not.toMatch(/rollup agg_job_order_lines: .*(rebuilt|only by new rows)/);
		expect(next).not.toMatch(/rollup agg_open_slots_monthly: .*(rebuilt|only by new rows)/);
		await expectAsWholeRebuild();
	});

	it('rebuilds whole when a new line moves the as-of date, equal to a whole rebuild', async () => {
		const asOf = await asOfDate();
		const later = plusDays(asOf, 40);
		await load({ 'job_order_lines-f.csv': [HEADER, line('NL-F0', later, 'JP', 'health_care', '5322', 3)] });
		const log = await refresh();
		expect(await asOfDate()).toBe(later);
		expect(addedPartitions(log, 'agg_job_order_lines'), log).toBe(0);
		expect(addedPartitions(log, 'agg_open_slots_monthly'), log).toBe(0);
		await expectAsWholeRebuild();
		// and new lines after it are added again
		await load({ 'job_order_lines-g.csv': [HEADER, line('NL-G0', later, 'TW', 'domestic', '5152', 5)] });
		const again = await refresh();
		expect(addedPartitions(again, 'agg_open_slots_monthly'), again).toBeGreaterThan(0);
		await expectAsWholeRebuild();
	});
});
