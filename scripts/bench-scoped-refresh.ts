/**
 * The rollup refresh after one new job-order line (issue #14): by default the bench's first
 * freshness push (one line of 5322 in JP, asking sd, no experience, ages 18–45), timed, then a
 * forced whole rebuild of every rollup, timed, and the three candidate rollups compared (row count
 * and sum of row hashes) between the two (docs/ingestion.md §5a, "A new requirement profile").
 *
 *   npx tsx scripts/bench-scoped-refresh.ts --load <seed folder> [--occupation 7212 --country DE]
 *       # a fresh database `scoped_refresh` on the 'scratch' instance (data folder --name), loaded
 *       # from the folder with the loader, rollups built, then the push; dropped at the end
 *   npx tsx scripts/bench-scoped-refresh.ts --instance bench --name bench-freshness-national
 *       # an already loaded warehouse (e.g. by scripts/bench-freshness.ts --load): the line stays
 *
 * Uses SLMI_PORT_OFFSET like every instance.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { occupationByIsco4 } from '../common/reference/index.ts';
import { connect, ensureDatabase, queryRows } from '../warehouse/src/client.ts';
import { loadFiles, loadReferenceData } from '../warehouse/src/load/index.ts';
import { migrate } from '../warehouse/src/migrate.ts';
import { refreshRollups } from '../warehouse/src/rollups.ts';
import type { InstanceName } from './instances.ts';
import { startWarehouse } from './stack.ts';

const { values: args } = parseArgs({
	options: {
		instance: { type: 'string', default: 'scratch' },
		name: { type: 'string', default: 'bench-scoped-refresh' },
		load: { type: 'string' },
		occupation: { type: 'string', default: '5322' },
		country: { type: 'string', default: 'JP' },
	},
});
const load = () =>
	loadavg()
		.map((l) => l.toFixed(1))
		.join(', ');
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const warehouse = await startWarehouse(args.instance as InstanceName, log, args.name);
const endpoint = args.load ? { ...warehouse.endpoint, database: 'scoped_refresh' } : warehouse.endpoint;
const db = connect(endpoint);
try {
	if (args.load) {
		const admin = connect(endpoint, { database: false });
		await admin.command({ query: `DROP DATABASE IF EXISTS ${endpoint.database}` });
		await admin.close();
		await ensureDatabase(endpoint);
		await migrate(db);
		await loadReferenceData(db);
		if (!(await loadFiles(db, [args.load])).ok) throw new Error(`loading ${args.load} failed`);
	}
	let started = Date.now();
	await refreshRollups(db, log);
	log(`rollups up to date in ${Date.now() - started} ms`);
	const [row] = await queryRows<{ d: string }>(db, 'SELECT toString(as_of) AS d FROM agg_as_of');
	const month = String(row?.d).slice(0, 7);
	const issued = `${month}-02`;
	const expiry = `${Number(month.slice(0, 4)) + 1}${month.slice(4)}-02`;
	const tag = Date.now().toString(36);
	// the occupation's own sector: the loader refuses a line coded to another (rules.ts)
	const sector = occupationByIsco4.get(String(args.occupation))?.sector;
	if (!sector) throw new Error(`--occupation ${args.occupation} is not in common/reference/data/occupations.csv`);
	const dir = mkdtempSync(join(tmpdir(), 'slmi-scoped-refresh-'));
	writeFileSync(
		join(dir, 'job_order_lines-push.csv'),
		[
			'line_id,job_order_id,updated_at,issued_date,expiry_date,status,status_date,source,scheme,country_iso2,employer_id,agency_code,sector,occupation_isco4,slots,wage_min,wage_max,wage_currency,required_certificate,required_language,required_language_level,min_education,min_experience_years,gender_requirement,age_min,age_max',
			`SCOPED-${tag},SCOPEDJ-${tag},${issued}T00:00:00Z,${issued},${expiry},open,,siskop2mi,G2G,${args.country},BENCH-E0,,${sector},${args.occupation},1,1000,1500,JPY,,,,sd,0,any,18,45`,
			'',
		].join('\n'),
	);
	if (!(await loadFiles(db, [dir])).ok) throw new Error('the push failed');
	log(`pushed 1 line of ${args.occupation} in ${args.country} (load average ${load()})`);
	started = Date.now();
	await refreshRollups(db, log);
	log(`refresh after the push: ${Date.now() - started} ms (load average ${load()})`);
	const tables = ['agg_candidate_profile', 'agg_capability_match', 'agg_candidate_state'];
	const fingerprint = async () =>
		Promise.all(
			tables.map(async (table) => {
				const [f] = await queryRows<{ f: string }>(
					db,
					`SELECT concat(toString(count()), ':', toString(sum(cityHash64(*)))) AS f FROM ${table}`,
				);
				return `${table}=${f?.f}`;
			}),
		);
	const scoped = await fingerprint();
	started = Date.now();
	await refreshRollups(db, log, { force: true });
	log(`whole rebuild (forced, every rollup): ${Date.now() - started} ms (load average ${load()})`);
	const whole = await fingerprint();
	log(scoped.join(' ') === whole.join(' ') ? `equal to the whole rebuild: ${whole.join(' ')}` : `DIFFERENT: ${scoped} vs ${whole}`);
	if (scoped.join(' ') !== whole.join(' ')) process.exitCode = 1;
	if (args.load) await db.command({ query: `DROP DATABASE ${endpoint.database}` });
} finally {
	await db.close();
	await warehouse.stop();
}
