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
}

function required(env: NodeJS.ProcessEnv, name: string): string {
	const value = env[name];
	if (!value) throw new Error(`The semantic layer needs ${name} in its environment`);
	return value;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): CubeSettings {
	const secret = required(env, 'CUBEJS_API_SECRET');
	if (secret.length < 32) throw new Error('CUBEJS_API_SECRET must be at least 32 characters');
	const database = env.CLICKHOUSE_DATABASE ?? 'slmi';
	const username = env.CLICKHOUSE_USER ?? 'default';
	const password = env.CLICKHOUSE_PASSWORD ?? '';
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
	};
}
