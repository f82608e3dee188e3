/**
 * Settings the semantic-layer process reads from its environment. The stack (scripts/stack.ts)
 * starts it with these; in production they come from the deployment.
 */
export interface CubeSettings {
	port: number;
	apiSecret: string;
	/** Cube's queries run as this user (read-only; docs/access.md "ClickHouse users") */
	clickhouse: { url: string; username: string; password: string; database: string };
	/** pre-aggregation builds (CREATE/DROP in preAggregationsSchema) run as this user */
	build: { username: string; password: string };
	/** database where Cube stores its pre-aggregation tables */
	preAggregationsSchema: string;
	/**
	 * k: every result row of a query on a cube that counts people describes at least this many
	 * people, for every role but the system (SLMI_MIN_PEOPLE_PER_ROW, default 5; docs/access.md)
	 */
	minPeoplePerRow: number;
	/**
	 * pre-aggregation builds Cube runs at once (SLMI_CUBE_BUILD_CONCURRENCY, default 2: one per core
	 * of the reference machine). Cube's ClickHouse driver would run 10, each allowed the build
	 * profile's memory (8 GB): at 10× scale that killed ClickHouse (docs/performance.md, "Memory at 10× scale").
	 */
	buildConcurrency: number;
}

export const DEFAULT_MIN_PEOPLE_PER_ROW = 5;
export const DEFAULT_BUILD_CONCURRENCY = 2;
/**
 * Seconds Cube lets one pre-aggregation build run before it gives up on it, and the limit ClickHouse
 * puts on the build user's statements (max_execution_time of the slmi_cube_build profile: the
 * project's own server takes it from here, warehouse/src/local-server.ts CUBE_BUILD_LIMITS). Cube's
 * own default, 10 minutes, is shorter than a full build of the applications pre-aggregation at 10× scale.
 */
export const BUILD_TIMEOUT_SECONDS = 1800;
/** the public suppression threshold's default; public-load.ts reads the setting with the same parser */
export const DEFAULT_SUPPRESSION_THRESHOLD = 10;

/** A whole-number setting in decimal digits only ('1e1', '10.0' and ' 0x10' are refused), within [min, max]. */
export function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(value) || value < min || value > max)
		throw new Error(`${name} must be a whole number from ${min} to ${max}, got '${raw}'`);
	return value;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
	const value = env[name];
	if (!value) throw new Error(`The semantic layer needs ${name} in its environment`);
	return value;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): CubeSettings {
	const secret = required(env, 'CUBEJS_API_SECRET');
	if (secret.length < 32) throw new Error('CUBEJS_API_SECRET must be at least 32 characters');
	// With a playground secret Cube 0.33 re-checks every token ours refuses with its own check,
	// which wants no expiry and no role: only the catalogue test's separate diagnostic Cube may
	// run with one (docs/access.md, "Residual risks").
	if (env.CUBEJS_PLAYGROUND_AUTH_SECRET && env.SLMI_DIAGNOSTIC_CUBE !== 'yes')
		throw new Error(
			'CUBEJS_PLAYGROUND_AUTH_SECRET is set: it lets Cube accept tokens SLMI refuses; unset it (it is for a diagnostic Cube only)',
		);
	const database = env.CLICKHOUSE_DATABASE ?? 'slmi';
	const username = env.CLICKHOUSE_USER ?? 'default';
	const password = env.CLICKHOUSE_PASSWORD ?? '';
	const minPeoplePerRow = wholeNumber(env, 'SLMI_MIN_PEOPLE_PER_ROW', DEFAULT_MIN_PEOPLE_PER_ROW, 1, 1000);
	// The public's cells pass a threshold of their own; a lower one would publish what people
	// with a login may not see.
	const threshold = wholeNumber(env, 'SLMI_SUPPRESSION_THRESHOLD', DEFAULT_SUPPRESSION_THRESHOLD, 1, 1000);
	if (threshold < minPeoplePerRow)
		throw new Error(
			`SLMI_SUPPRESSION_THRESHOLD (${threshold}) must be at least SLMI_MIN_PEOPLE_PER_ROW (${minPeoplePerRow}): the public may not see smaller groups than people with a login`,
		);
	return {
		port: Number(env.CUBE_PORT ?? 4000),
		apiSecret: secret,
		clickhouse: {
			url: required(env, 'CLICKHOUSE_URL'),
			username,
			password,
			database,
		},
		build: {
			username: env.CLICKHOUSE_BUILD_USER || username,
			password: env.CLICKHOUSE_BUILD_USER ? (env.CLICKHOUSE_BUILD_PASSWORD ?? '') : password,
		},
		preAggregationsSchema: env.CUBE_PRE_AGGREGATIONS_SCHEMA ?? `${database}_pre_aggregations`,
		minPeoplePerRow,
		buildConcurrency: wholeNumber(env, 'SLMI_CUBE_BUILD_CONCURRENCY', DEFAULT_BUILD_CONCURRENCY, 1, 10),
	};
}
