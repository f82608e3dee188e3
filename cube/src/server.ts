/**
 * The semantic-layer process. Cube 0.33.65 is the newest release whose server runs without its
 * downloaded Rust module; its routes are mounted on our own express app so that it listens on
 * loopback only (CubejsServer.listen() binds every interface) and error bodies are cleaned up.
 * NODE_ENV=production makes Cube check tokens; without Cube Store, cache and queue are in memory.
 */
import http from 'node:http';
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { apiScopes, makeCheckAuth, type SecurityContext } from './auth.ts';
import { settingsFromEnv } from './config.ts';
import { errorHygiene, notFound } from './errors.ts';
import { LegacyClickHouseDriver } from './legacy-clickhouse-driver.ts';

process.env.NODE_ENV = 'production';
process.env.CUBEJS_CACHE_AND_QUEUE_DRIVER = 'memory';

const settings = settingsFromEnv();
const chUrl = new URL(settings.clickhouse.url);
const modelDir = fileURLToPath(new URL('../model', import.meta.url));

// CommonJS package whose named exports Node's ESM loader cannot see.
const { CubejsServerCore } = createRequire(import.meta.url)('@cubejs-backend/server-core') as typeof import('@cubejs-backend/server-core');
const core = new CubejsServerCore({
	dbType: 'clickhouse',
	// Cube joins schemaPath onto the working directory, so an absolute path would not be found.
	schemaPath: relative(process.cwd(), modelDir),
	apiSecret: settings.apiSecret,
	telemetry: false,
	preAggregationsSchema: settings.preAggregationsSchema,
	// One compiled model and one orchestrator for every role: per-role ids would build every
	// pre-aggregation once per role. Access rules live in queryRewrite instead.
	contextToAppId: () => 'slmi',
	contextToOrchestratorId: () => 'slmi',
	scheduledRefreshTimer: false,
	scheduledRefreshContexts: async () => [{ securityContext: { role: 'system' } }],
	checkAuth: makeCheckAuth(settings.apiSecret) as never,
	contextToApiScopes: ((context: SecurityContext | undefined) => apiScopes(context)) as never,
	// The 1.6 driver is built on a newer base-driver than 0.33's type declarations; at run time
	// the orchestrator only calls the methods checked in the lab (docs/architecture.md).
	driverFactory: (() =>
		new LegacyClickHouseDriver({
			host: chUrl.hostname,
			port: chUrl.port,
			protocol: chUrl.protocol,
			username: settings.clickhouse.username,
			password: settings.clickhouse.password,
			database: settings.clickhouse.database,
			readOnly: false,
		})) as never,
	logger: (message: string, params: Record<string, unknown>) => {
		if (/error/i.test(message) || params?.error) console.error(`[cube] ${message} ${JSON.stringify(params?.error ?? '').slice(0, 500)}`);
	},
});

const app = express();
app.use(express.json({ limit: '1mb' }));
app.use(errorHygiene);
await core.initApp(app);
app.use(notFound);

const server = http.createServer(app);
await new Promise<void>((resolve) => server.listen(settings.port, '127.0.0.1', resolve));
console.log(`cube ready on http://127.0.0.1:${settings.port}`);

async function shutdown(): Promise<void> {
	server.close();
	await core.shutdown().catch(() => {});
	process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
