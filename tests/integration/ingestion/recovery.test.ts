/**
 * Exactly-once under crashes. The loader CLI runs as a child process and is killed with SIGKILL —
 * at each named point of a batch (SLMI_LOAD_FAIL_AT) and at random moments — then run again.
 * Every time, the warehouse must end up exactly as after one clean load: the same rows in every
 * fact table (same count, each key once, same values), each batch committed once with the same
 * counts, the same quarantine, no staging tables left and the lock released.
 *
 * What these tests prove is about the facts, so most runs pass --no-refresh (NO_REFRESH): the
 * after-load refresh of the rollups runs once the load lock is released and changes no fact.
 * The clean load that times the random kills, and the killed runs of the random rounds, keep it:
 * a random kill may land in the refresh, and the rerun must still converge.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { ENTITIES, entitySpecs } from '../../../common/formats.ts';
import { PACKED } from '../../../warehouse/src/load/plan-sql.ts';
import { factFingerprint, runCli, type Scratch, scratchWarehouse, seeded, tempDir, writeDataset } from './support.ts';

const data = tempDir('recovery');
/** Big enough that a random kill can land in any phase of any batch. */
const size = { lines: 900, candidates: 15_000, placements: 30_000 };
/** The update file changes every third line. */
const updatedLines = Math.ceil(size.lines / 3);
const base = join(data, 'base');
/** The CLI's flag that skips the after-load refresh (see the module comment). */
const NO_REFRESH = '--no-refresh';
const update = join(data, 'update');

/** Everything that must be identical after a crashed-and-rerun load and a clean one. */
async function state(s: Scratch): Promise<Record<string, unknown>> {
	const out: Record<string, unknown> = {};
	for (const e of ENTITIES) out[e] = await factFingerprint(s, entitySpecs[e].table, entitySpecs[e].key);
	out.committed = await s.rows(
		`SELECT entity, source, rows_read, rows_inserted, rows_updated, rows_unchanged, rows_quarantined
		FROM ops_batches WHERE state = 'committed' ORDER BY entity, source`,
	);
	out.committedTwice = await s.value(
		"SELECT count() FROM (SELECT batch_id, entity FROM ops_batches WHERE state = 'committed' GROUP BY batch_id, entity HAVING count() > 1)",
	);
	out.quarantine = await s.rows('SELECT entity, line, field, reason FROM ops_quarantine ORDER BY entity, line, field, reason');
	out.leftovers = await s.rows(
		"SELECT name FROM system.tables WHERE database = currentDatabase() AND (match(name, '^(st[gqcpw]|stj[clp])_') OR name LIKE 'ops_load_lock%')",
	);
	return out;
}

let clean: Record<string, unknown>;
let cleanSeconds = 0;
const scratches = new Set<Scratch>();
const drops: Promise<void>[] = [];
/** The next test's database, made (migrated, reference data loaded) while the test before it runs. */
let spare: Promise<Scratch> | undefined;

function makeSpare(): void {
	spare = scratchWarehouse('recovery');
	spare.catch(() => {}); // reported by the fresh() that takes it
}

/**
 * A scratch database for one test, dropped in the background when the test ends (and waited for at
 * the end of the file). Left until the end of the file, the 13 databases kept the server merging
 * their parts, and their drops took 5½ minutes one after the other (14–50 s each, load 11–16);
 * dropped right after its load, one took 1.7 s.
 */
async function fresh(drop: 'after the test' | 'by the caller' = 'after the test'): Promise<Scratch> {
	const s = await (spare ?? scratchWarehouse('recovery'));
	scratches.add(s);
	makeSpare();
	if (drop === 'after the test') onTestFinished(() => done(s));
	return s;
}

function done(s: Scratch): void {
	if (!scratches.delete(s)) return;
	const dropped = s.drop();
	dropped.catch(() => {}); // reported by afterAll
	drops.push(dropped);
}

beforeAll(async () => {
	writeDataset(base, size);
	// An update of a third of the lines (a later updated_at, one more slot): replaces rows, so a
	// crash can leave old and new versions side by side.
	mkdirSync(update, { recursive: true });
	const lines = readFileSync(join(base, 'job_order_lines.csv'), 'utf8').trimEnd().split('\n');
	const header = lines[0] as string;
	const slotsAt = header.split(',').indexOf('slots');
	const changed = lines
		.slice(1)
		.filter((_, i) => i % 3 === 0)
		.map((line) => {
			const f = line.split(',');
			f[2] = '2024-06-30T00:00:00Z';
			f[slotsAt] = String(Number(f[slotsAt]) + 1);
			return f.join(',');
		});
	writeFileSync(join(update, 'job_order_lines-update.csv'), `${[header, ...changed].join('\n')}\n`);

	const s = await fresh('by the caller');
	const started = Date.now();
	const first = await runCli(s.endpoint, [base]);
	cleanSeconds = (Date.now() - started) / 1000;
	expect(first.code, first.stderr).toBe(0);
	expect((await runCli(s.endpoint, [NO_REFRESH, update])).code).toBe(0);
	clean = await state(s);
	expect(clean.committedTwice).toBe(0);
	// Some lines get more placements than slots: the crashes also have quarantine to get right.
	expect((clean.quarantine as unknown[]).length).toBeGreaterThan(0);
	expect(clean.leftovers).toEqual([]);
	done(s);
});

afterAll(async () => {
	if (spare) scratches.add(await spare);
	for (const s of [...scratches]) done(s);
	await Promise.all(drops);
});

describe('a load killed at a named point, then run again', () => {
	for (const point of ['after-stage', 'after-plan', 'mid-publish', 'before-commit', 'after-commit']) {
		it(`placements: ${point}`, async () => {
			const s = await fresh();
			// Published in slices: mid-publish is killed after the first one, and after-commit proves that
			// a batch published slice by slice equals a clean load. Slices of 1,000 lines only where the
			// kill needs them: each slice reads the whole plan, and 30 of them made the load killed at
			// after-commit take 59 s (load 13); in slices of 10,000 the 30,000 placements are three.
			const crashed = await runCli(s.endpoint, [NO_REFRESH, base], {
				env: { SLMI_LOAD_FAIL_AT: `placements:${point}`, SLMI_LOAD_PUBLISH_SLICE_LINES: point === 'mid-publish' ? '1000' : '10000' },
			});
			expect(crashed.signal).toBe('SIGKILL');
			expect(crashed.stderr).toContain(`SLMI_LOAD_FAIL_AT=placements:${point}`);
			// The dead loader left its lock behind; the next one sees the process is gone and takes over.
			expect(await s.value("SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = 'ops_load_lock'")).toBe(1);
			if (point === 'mid-publish') {
				// Killed after the first slice of 1,000 lines: some placements are in, not all.
				const partial = await s.value('SELECT count() FROM fct_placements');
				expect(partial).toBeGreaterThan(0);
				expect(partial).toBeLessThanOrEqual(1000);
			}
			const rerun = await runCli(s.endpoint, [NO_REFRESH, base]);
			expect(rerun.code, rerun.stderr).toBe(0);
			expect(rerun.stderr).toMatch(/Taking over the load lock from pid \d+ on \S+ since \S+: that process no longer exists\./);
			// Past the plan, the rerun finishes the batch from the plan (before it, it loads the file again).
			if (['after-plan', 'mid-publish', 'before-commit'].includes(point))
				expect(rerun.stderr).toContain('left half-loaded by a load that was killed');
			expect((await runCli(s.endpoint, [NO_REFRESH, update])).code).toBe(0);
			expect(await state(s)).toEqual(clean);
		});
	}

	for (const layout of ['packed', 'legacy'] as const) {
		it(`placements: after-plan, the plan in the layout of an older loader (${layout} attributes)`, async () => {
			// A plan a killed older loader left must still publish after an upgrade. Loaders of 6 December
			// 2026 and before kept the looked-up attributes in the plan, packed (c_attrs, l_attrs …); older
			// ones had each attribute in a column of its own. This loader keeps them in the batch's lookup
			// tables (stj…): the test rewrites its plan into the old layout from them, drops them (an older
			// loader never made them), then runs the load again.
			const s = await fresh();
			const crashed = await runCli(s.endpoint, [NO_REFRESH, base], { env: { SLMI_LOAD_FAIL_AT: 'placements:after-plan' } });
			expect(crashed.signal).toBe('SIGKILL');
			const [plan] = await s.rows<{ name: string }>(
				"SELECT name FROM system.tables WHERE database = currentDatabase() AND match(name, '^stp_placements_[0-9a-f]{16}$')",
			);
			expect(plan).toBeDefined();
			const name = (plan as { name: string }).name;
			const h = name.slice('stp_placements_'.length);
			const columns = (await s.rows<{ name: string }>(`DESCRIBE TABLE ${name}`)).map((c) => c.name);
			expect(columns).not.toContain('c_attrs');
			const get = (lookup: string, column: string, key: string) => `joinGet('${lookup}_placements_${h}', '${column}', ${key})`;
			const packed = [
				`${get('stjl', 'l_attrs', 'line_id')} AS l_attrs`,
				`${get('stjl', 'l_skill_level', 'line_id')} AS l_skill_level`,
				`${get('stjl', 'l_formal', 'line_id')} AS l_formal`,
				`${get('stjc', 'c_attrs', 'candidate_id')} AS c_attrs`,
				`${get('stjp', 'p_has_pass', 'candidate_id')} AS p_has_pass`,
				`${get('stjp', 'p_first_pass', 'candidate_id')} AS p_first_pass`,
			];
			const unpacked = (Object.keys(PACKED) as (keyof typeof PACKED)[]).flatMap((c) =>
				PACKED[c].as.map((a, i) => `splitByChar('\\x1F', ${c})[${i + 1}] AS ${a}`),
			);
			const withPacked = `SELECT ${columns.join(', ')}, ${packed.join(', ')} FROM ${name} ANY LEFT JOIN (SELECT _line, candidate_id FROM stg_placements_${h}) USING _line`;
			const select =
				layout === 'packed'
					? withPacked
					: `SELECT ${[...columns, 'l_skill_level', 'l_formal', 'p_has_pass', 'p_first_pass', ...unpacked].join(', ')} FROM (${withPacked})`;
			await s.db.command({ query: `CREATE TABLE old_plan ENGINE = Log AS ${select}` });
			for (const lookup of ['stjc', 'stjl', 'stjp']) await s.db.command({ query: `DROP TABLE ${lookup}_placements_${h}` });
			await s.db.command({ query: `DROP TABLE ${name}` });
			await s.db.command({ query: `RENAME TABLE old_plan TO ${name}` });
			const rerun = await runCli(s.endpoint, [NO_REFRESH, base]);
			expect(rerun.code, rerun.stderr).toBe(0);
			expect(rerun.stderr).toContain('left half-loaded by a load that was killed');
			expect((await runCli(s.endpoint, [NO_REFRESH, update])).code).toBe(0);
			expect(await state(s)).toEqual(clean);
		});
	}

	for (const point of ['mid-publish', 'before-commit']) {
		it(`an update batch: ${point} (old and new versions side by side until recovery)`, async () => {
			const s = await fresh();
			expect((await runCli(s.endpoint, [NO_REFRESH, base])).code).toBe(0);
			const crashed = await runCli(s.endpoint, [NO_REFRESH, update], { env: { SLMI_LOAD_FAIL_AT: `job_order_lines:${point}` } });
			expect(crashed.signal).toBe('SIGKILL');
			if (point === 'mid-publish') {
				// New versions are in, old ones not yet deleted: both versions of each updated line.
				expect(await s.value('SELECT count() FROM fct_job_order_lines')).toBe(size.lines + updatedLines);
			}
			const rerun = await runCli(s.endpoint, [NO_REFRESH, update]);
			expect(rerun.code, rerun.stderr).toBe(0);
			expect(await s.value('SELECT count() FROM fct_job_order_lines')).toBe(size.lines);
			expect(await state(s)).toEqual(clean);
		});
	}
});

describe('a load killed at a random moment, then run again', () => {
	const random = seeded(2026);
	for (let round = 1; round <= 3; round++) {
		it(`round ${round}`, async () => {
			const s = await fresh();
			// Somewhere between start-up and the end of a clean load (which took cleanSeconds, start-up included).
			const killAfterMs = Math.round(cleanSeconds * 1000 * (0.3 + 0.65 * random()));
			// With the refresh, as the clean load that timed it: the kill may land in the refresh.
			const crashed = await runCli(s.endpoint, [base], { killAfterMs });
			// Killed somewhere (or, if the load was quicker than the delay, not at all): either way the rerun must converge.
			expect(crashed.signal === 'SIGKILL' || crashed.code === 0, `killed after ${killAfterMs} ms`).toBe(true);
			const committed = await s.value("SELECT count() FROM ops_batches WHERE state = 'committed'");
			console.log(
				`random kill round ${round}: SIGKILL after ${killAfterMs} ms (${crashed.signal ?? 'finished first'}), ${committed} of 4 batches committed by then`,
			);
			const rerun = await runCli(s.endpoint, [NO_REFRESH, base]);
			expect(rerun.code, `killed after ${killAfterMs} ms\n${rerun.stderr}`).toBe(0);
			expect((await runCli(s.endpoint, [NO_REFRESH, update])).code).toBe(0);
			expect(await state(s), `killed after ${killAfterMs} ms`).toEqual(clean);
		});
	}
});

describe('the load lock', () => {
	it('makes a second loader wait for the first, which then has nothing left to do', async () => {
		const s = await fresh();
		const first = runCli(s.endpoint, [NO_REFRESH, base]);
		// Start the second once the first holds the lock.
		for (let i = 0; i < 200; i++) {
			if ((await s.value("SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = 'ops_load_lock'")) === 1) break;
			await new Promise((r) => setTimeout(r, 50));
		}
		const second = await runCli(s.endpoint, [NO_REFRESH, base]);
		const one = await first;
		expect(one.code, one.stderr).toBe(0);
		expect(second.code, second.stderr).toBe(0);
		expect(second.stderr).toMatch(/Waiting for the load running against database \S+ \(pid \d+ on \S+ since \S+\) to finish/);
		expect(second.stdout).toMatch(/Loaded 0 of 4 batch\(es\)/);
		expect((await runCli(s.endpoint, [NO_REFRESH, update])).code).toBe(0);
		expect(await state(s)).toEqual(clean);
	});
});
