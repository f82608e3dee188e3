/**
 * Helpers for the ingestion tests. Each test file gets its own scratch database on the test
 * server the global setup provides (`inject('clickhouse')`): created, migrated and filled with
 * reference data here, dropped at the end — the shared `slmi` database is never touched.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { inject } from 'vitest';
import { connect, ensureDatabase, queryRows, systemCatalogRows, type Warehouse } from '../../../warehouse/src/client.ts';
import { auditDatabase, type ClickHouseEndpoint } from '../../../warehouse/src/endpoint.ts';
import { loadReferenceData } from '../../../warehouse/src/load/index.ts';
import { migrate } from '../../../warehouse/src/migrate.ts';
import { type CliResult, runNode } from '../../support/process.ts';

export const projectRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const fixtures = join(projectRoot, 'tests', 'fixtures', 'ingestion');
export const fixture = (...parts: string[]) => join(fixtures, ...parts);

export interface Scratch {
	endpoint: ClickHouseEndpoint;
	db: Warehouse;
	/** rows of a query, numbers as numbers where ClickHouse sends them as strings */
	rows<T = Record<string, unknown>>(sql: string): Promise<T[]>;
	/** a single number */
	value(sql: string): Promise<number>;
	drop(): Promise<void>;
}

/** A fresh database named after the test, migrated, with reference data. */
export async function scratchWarehouse(label: string): Promise<Scratch> {
	const base = inject('clickhouse');
	const database = `ingest_${label.replace(/[^a-z0-9]/gi, '_')}_${randomBytes(3).toString('hex')}`;
	const endpoint = { ...base, database };
	await ensureDatabase(endpoint);
	const db = connect(endpoint);
	await migrate(db);
	await loadReferenceData(db);
	// A look at system.tables/columns while a loader drops its staging tables fails now and then on
	// 18.16 (systemCatalogRows): retried as the product's own looks are.
	const rows = <T>(sql: string) =>
		/\bsystem\.(tables|columns)\b/.test(sql) ? systemCatalogRows(() => queryRows<T>(db, sql)) : queryRows<T>(db, sql);
	return {
		endpoint,
		db,
		rows,
		async value(sql) {
			const [row] = await rows<Record<string, unknown>>(sql);
			return Number(Object.values(row ?? {})[0]);
		},
		async drop() {
			await db.close();
			const admin = connect(endpoint, { database: false });
			// the web's audit database migration 0016 made beside it too (left behind, it piled up on the scratch server)
			for (const name of [database, auditDatabase(database)]) await admin.command({ query: `DROP DATABASE IF EXISTS ${name}` });
			await admin.close();
		},
	};
}

/**
 * agg_fill_time by key, its aggregate states finalised: equal states may be written in another order
 * (a quantileTiming state of two values held them as 49, 260 in one build and 260, 49 in another),
 * so comparing the stored bytes of two builds fails now and then although they hold the same values.
 */
export const FILL_TIME_FINALISED = `SELECT departure_month, country_iso2, region_code, province_code, sector, occupation_isco4, skill_level, scheme, gender,
	sum(placements) AS p, sum(days_to_fill_sum) AS d, toString(quantileTimingMerge(0.5)(days_to_fill_state)) AS q,
	toString(sumMapMerge(days_to_fill_histogram)) AS h
FROM agg_fill_time
GROUP BY departure_month, country_iso2, region_code, province_code, sector, occupation_isco4, skill_level, scheme, gender
ORDER BY departure_month, country_iso2, region_code, province_code, sector, occupation_isco4, skill_level, scheme, gender`;

export function tempDir(label: string): string {
	return mkdtempSync(join(tmpdir(), `slmi-${label}-`));
}

export type { CliResult };

const loaderCli = join(projectRoot, 'warehouse', 'src', 'load', 'cli.ts');
let compiledCli: Promise<string> | undefined;

/**
 * The loader CLI compiled once into one ES module, run with plain node: started with
 * `node --import tsx` it took about 1 s more per start (tsx's loader and the transform of each of
 * its ~45 source files, measured on the 2-core machine), and the crash tests start it dozens of
 * times. The same sources (esbuild, as tsx uses), packages left as imports; each file's
 * `import.meta.url` stays its own, so the paths the loader finds its migrations, rollups and
 * Cube model by are the ones `npx tsx warehouse/src/load/cli.ts` uses. Written under .slmi/, named
 * by its content (the test files of one run share it; edited sources give a new one).
 */
function loaderModule(): Promise<string> {
	compiledCli ??= (async () => {
		const result = await build({
			entryPoints: [loaderCli],
			bundle: true,
			platform: 'node',
			format: 'esm',
			target: 'node20',
			packages: 'external',
			write: false,
			logLevel: 'silent',
			plugins: [
				{
					name: 'own-import-meta-url',
					setup(b) {
						b.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
							const source = readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
							if (/\bimport\.meta\b/.test(source)) throw new Error(`${args.path}: import.meta other than import.meta.url: not bundled`);
							return { contents: source, loader: /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js' };
						});
					},
				},
			],
		});
		const code = result.outputFiles[0]?.contents;
		if (!code) throw new Error('esbuild wrote no loader module');
		const dir = join(projectRoot, '.slmi', 'test-cache');
		const file = join(dir, `loader-cli-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
		if (!existsSync(file)) {
			mkdirSync(dir, { recursive: true });
			const part = `${file}.${process.pid}`;
			writeFileSync(part, code);
			renameSync(part, file);
		}
		return file;
	})();
	return compiledCli;
}

/**
 * Runs the loader CLI as a child process against the scratch database. `killAfterMs` sends
 * SIGKILL after that delay (a crash at a random moment); `env` adds e.g. SLMI_LOAD_FAIL_AT.
 */
export async function runCli(
	endpoint: ClickHouseEndpoint,
	args: string[],
	options: { env?: Record<string, string>; killAfterMs?: number } = {},
): Promise<CliResult> {
	// One process (not a CLI such as tsx's that would run the loader in a child of its own):
	// SIGKILL must hit the loader itself.
	return runNode(
		[await loaderModule(), '--no-progress', ...args],
		{
			CLICKHOUSE_URL: endpoint.url,
			CLICKHOUSE_USER: endpoint.username,
			CLICKHOUSE_PASSWORD: endpoint.password,
			CLICKHOUSE_DATABASE: endpoint.database,
			...options.env,
		},
		{ killAfterMs: options.killAfterMs },
	);
}

/** A small deterministic pseudo-random sequence (the same data on every run). */
export function seeded(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (Math.imul(s, 1103515245) + 12345) >>> 0;
		return s / 2 ** 32;
	};
}

/**
 * Writes a consistent data set of job-order lines, candidates, certifications and placements
 * (every reference resolves, no line over its slots) for the crash and throughput tests.
 */
export function writeDataset(dir: string, size: { lines: number; candidates: number; placements: number }): void {
	mkdirSync(dir, { recursive: true });
	const rnd = seeded(7);
	const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)] as T;
	const day = (n: number) => new Date(Date.UTC(2023, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
	const markets = [
		{ country: 'JP', currency: 'JPY', sector: 'health_care', isco: '5322', cert: 'caregiver' },
		{ country: 'KR', currency: 'KRW', sector: 'engineering', isco: '7212', cert: 'welder_smaw' },
		{ country: 'TW', currency: 'TWD', sector: 'domestic', isco: '5152', cert: 'domestic_worker' },
		{ country: 'DE', currency: 'EUR', sector: 'health_care', isco: '2221', cert: 'caregiver' },
	];
	const regencies = ['32.12', '32.01', '33.01', '61.01', '52.03', '35.07'];
	const lineIssued: number[] = [];
	const lineMarket: (typeof markets)[number][] = [];
	const lines = [
		'line_id,job_order_id,updated_at,issued_date,expiry_date,status,status_date,source,scheme,country_iso2,employer_id,agency_code,sector,occupation_isco4,slots,wage_min,wage_max,wage_currency,required_certificate,required_language,required_language_level,min_education,min_experience_years,gender_requirement,age_min,age_max',
	];
	for (let i = 0; i < size.lines; i++) {
		const m = pick(markets);
		const issued = Math.floor(rnd() * 300);
		lineIssued.push(issued);
		lineMarket.push(m);
		const p2p = i % 3 !== 0;
		lines.push(
			`GL${i},GJ${i >> 1},${day(issued)}T00:00:00Z,${day(issued)},${day(issued + 365)},open,,siskop2mi,${p2p ? 'P2P' : 'G2G'},${m.country},GE${i % 50},${p2p ? `P3MI-000${1 + (i % 9)}` : ''},${m.sector},${m.isco},${20 + (i % 30)},1000,1500,${m.currency},,,,sd,0,any,18,45`,
		);
	}
	const registered: number[] = [];
	const candidates = [
		'candidate_id,updated_at,registered_date,province_code,regency_code,gender,age,education,smk_major,preferred_occupation_isco4,preferred_countries,language_code,language_level,experience_years',
	];
	for (let i = 0; i < size.candidates; i++) {
		const regency = pick(regencies);
		const reg = Math.floor(rnd() * 300);
		registered.push(reg);
		const smk = i % 4 === 0;
		candidates.push(
			`GC${i},${day(reg)} 08:00:00,${day(reg)},${regency.slice(0, 2)},${regency},${i % 5 < 3 ? 'F' : 'M'},${18 + (i % 30)},${smk ? 'smk' : 'sma'},${smk ? 'caregiver' : ''},${pick(markets).isco},${pick(markets).country},,,${i % 6}`,
		);
	}
	const certifications = ['certification_id,candidate_id,updated_at,exam_date,scheme_code,body_code,result'];
	for (let i = 0; i < size.candidates; i += 3) {
		const exam = (registered[i] as number) + 10 + Math.floor(rnd() * 200);
		certifications.push(`GX${i},GC${i},${day(exam)}T00:00:00Z,${day(exam)},caregiver,CB-003,${rnd() < 0.7 ? 'passed' : 'failed'}`);
	}
	const placements = ['placement_id,candidate_id,line_id,updated_at,departure_date,wage,contract_months'];
	for (let i = 0; i < size.placements; i++) {
		const c = i % size.candidates;
		const l = Math.floor(i / 10) % size.lines;
		const departure = Math.max(registered[c] as number, lineIssued[l] as number) + 20 + Math.floor(rnd() * 200);
		placements.push(`GP${i},GC${c},GL${l},${day(departure)}T00:00:00Z,${day(departure)},${1000 + Math.floor(rnd() * 500)},24`);
	}
	writeFileSync(join(dir, 'job_order_lines.csv'), `${lines.join('\n')}\n`);
	writeFileSync(join(dir, 'candidates.csv'), `${candidates.join('\r\n')}\r\n`);
	writeFileSync(join(dir, 'certifications.csv'), `${certifications.join('\n')}\n`);
	writeFileSync(join(dir, 'placements.csv'), `${placements.join('\n')}\n`);
}

/** Fingerprint of a fact table's contents (all columns but _loaded_at), to compare two databases. */
export async function factFingerprint(s: Scratch, table: string, key: string): Promise<{ rows: number; keys: number; hash: string }> {
	const columns = await s.rows<{ name: string }>(
		`SELECT name FROM system.columns WHERE database = currentDatabase() AND table = '${table}' AND name != '_loaded_at' ORDER BY name`,
	);
	const list = columns.map((c) => `ifNull(toString(${c.name}), 'NULL')`).join(', ');
	const [row] = await s.rows<{ rows: string; keys: string; hash: string }>(
		`SELECT count() AS rows, uniqExact(${key}) AS keys, toString(sum(cityHash64(${list}))) AS hash FROM ${table}`,
	);
	return { rows: Number(row?.rows), keys: Number(row?.keys), hash: String(row?.hash) };
}
