/**
 * What the web app may read and write in ClickHouse (docs/access.md "The web app's ClickHouse
 * users"). 18.16 has no GRANT, so the least privilege is built from what its users.xml enforces:
 *
 * - The **detail database** (`<db>_detail`) holds one Distributed table per table the officer's
 *   detail path reads, with only the columns it reads, over the project's database on this server
 *   through the cluster DETAIL_SOURCE_CLUSTER. The web's reader (`slmi_web_reader`, readonly=1) may
 *   use this database only: every other table and column of the project's database is refused by
 *   ClickHouse. The Distributed tables log in to the server as DETAIL_SOURCE_USER (read-only, the
 *   project's database), whose password only the server's config holds — the web never has it.
 *   18.16 checks a view's or a Merge table's source tables against the caller's databases
 *   (measured), so neither could do this; a Distributed table's query runs as the cluster's user.
 * - The **audit database** (`<db>_audit`, migration 0016) holds what the web writes — the audit of
 *   detail views and alert acknowledgements. The web's writer (`slmi_web_writer`, allow_ddl=0) may
 *   use this database only and only insert and read there (no DROP, TRUNCATE, ALTER, RENAME).
 *
 * On current ClickHouse the same is a GRANT SELECT(columns) per table (docs/access.md).
 */
import { queryRows, type Warehouse } from './client.ts';
import { sqlString } from './sql-literal.ts';

/** The cluster (in the server's <remote_servers>) the detail tables read through: the server itself. */
export const DETAIL_SOURCE_CLUSTER = 'slmi_detail_source';
/** The user the detail tables' queries run as on the project's database (read-only). */
export const DETAIL_SOURCE_USER = 'slmi_detail_source';

/** The database the web's reader may use. */
export function detailDatabase(database: string): string {
	return `${database}_detail`;
}

/**
 * The tables and columns the detail path reads (warehouse/src/matching/detail.ts and the readers
 * of run.ts it calls): nothing else of the project's database is readable with the web's reader.
 * A column the path starts to read must be added here (its test fails with "Unknown identifier").
 */
export const DETAIL_TABLES: Readonly<Record<string, readonly string[]>> = {
	agg_job_order_lines: [
		'line_id',
		'issued_date',
		'sector',
		'open_now',
		'wage_mid_usd',
		'occupation_isco4',
		'country_iso2',
		'required_certificate',
		'required_language',
		'required_language_level',
		'min_education_rank',
		'min_experience_years',
		'gender_requirement',
		'age_min',
		'age_max',
	],
	agg_candidate_profile: [
		'candidate_id',
		'registered_date',
		'province_code',
		'available',
		'gender',
		'education_rank',
		'preferred_occupation_isco4',
		// sorted and distinct; named_countries in the candidate's own order (readWaitingCandidates)
		'preferred_countries',
		'named_countries',
		'cap_countries',
		'cap_certificates',
		'cap_languages',
		'cap_language_levels',
		'cap_education_rank',
		'cap_experience_years',
		'cap_gender',
		'cap_age',
		'capability_key',
	],
	agg_as_of: ['as_of'],
	match_runs: ['run_id', 'run_at'],
	match_recommendations: ['run_id', 'line_id', 'candidate_id', 'rank', 'is_primary'],
};

const ident = (name: string) => {
	if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`'${name}' is not a plain identifier`);
	return name;
};

/**
 * (Re)creates the detail database's Distributed tables as the admin, with the column types the
 * project's tables have now (after migrations and rollups: run at every start, so a rebuilt or
 * changed rollup is followed). Throws when a table or column of DETAIL_TABLES is missing, or when
 * the server has no DETAIL_SOURCE_CLUSTER (a ministry's server must add it: docs/access.md).
 */
export async function ensureDetailDatabase(admin: Warehouse, database: string): Promise<string> {
	const db = ident(database);
	const target = detailDatabase(db);
	const [cluster] = await queryRows<{ n: string }>(
		admin,
		`SELECT toString(count()) AS n FROM system.clusters WHERE cluster = ${sqlString(DETAIL_SOURCE_CLUSTER)}`,
	);
	if (Number(cluster?.n ?? 0) === 0) {
		throw new Error(
			`The ClickHouse server has no cluster '${DETAIL_SOURCE_CLUSTER}' in <remote_servers>: the web's detail reader cannot be confined (docs/access.md "The web app's ClickHouse users")`,
		);
	}
	const columns = await queryRows<{ table: string; name: string; type: string }>(
		admin,
		`SELECT table, name, type FROM system.columns WHERE database = ${sqlString(db)} AND table IN (${Object.keys(DETAIL_TABLES).map(sqlString).join(', ')})`,
	);
	await admin.command({ query: `CREATE DATABASE IF NOT EXISTS ${target}` });
	for (const [table, wanted] of Object.entries(DETAIL_TABLES)) {
		const types = new Map(columns.filter((c) => c.table === table).map((c) => [c.name, c.type]));
		const missing = wanted.filter((c) => !types.has(c));
		if (missing.length > 0)
			throw new Error(`${db}.${table} lacks ${missing.join(', ')} (the web's detail tables, warehouse/src/web-access.ts)`);
		const body = wanted.map((c) => `${ident(c)} ${types.get(c)}`).join(', ');
		const create = `CREATE TABLE ${target}.${ident(table)} (${body}) ENGINE = Distributed(${DETAIL_SOURCE_CLUSTER}, ${db}, ${table})`;
		const [existing] = await queryRows<{ create_table_query: string }>(
			admin,
			`SELECT create_table_query FROM system.tables WHERE database = ${sqlString(target)} AND name = ${sqlString(table)}`,
		);
		// unchanged: keep it (ClickHouse formats the statement with other spaces)
		if (existing?.create_table_query.replace(/\s+/g, '') === create.replace(/\s+/g, '')) continue;
		await admin.command({ query: `DROP TABLE IF EXISTS ${target}.${table}` });
		await admin.command({ query: create });
	}
	// a table the path no longer reads is no longer readable (e.g. fct_candidates until 6 December 2026)
	const stale = await queryRows<{ name: string }>(
		admin,
		`SELECT name FROM system.tables WHERE database = ${sqlString(target)} AND name NOT IN (${Object.keys(DETAIL_TABLES).map(sqlString).join(', ')})`,
	);
	for (const { name } of stale) await admin.command({ query: `DROP TABLE IF EXISTS ${target}.${ident(name)}` });
	return target;
}
