/**
 * The semantic-layer process. Cube 0.33.65 is the newest release whose server runs without its
 * downloaded Rust module; its routes are mounted on our own express app so that it listens on
 * loopback only (CubejsServer.listen() binds every interface) and error bodies are cleaned up.
 * NODE_ENV=production makes Cube check tokens; without Cube Store, cache and queue are in memory.
 *
 * Access (docs/access.md): only the routes SLMI uses exist, spelled exactly (routes.ts); every
 * request's query is checked against an allowlist before Cube reads it (query-schema.ts via
 * queryChecks); tokens are checked in checkAuth (auth.ts); every role's rules run in
 * queryRewrite (access.ts); the public's requests never reach Cube's routes directly — publicGate
 * answers /load through small-cell suppression (public-load.ts) and /meta with the public views.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import { systemCatalogRows } from '../../warehouse/src/client.ts';
import { AccessError, Catalog, type MetaCube, type Query, rewriteQuery, visibleCubes } from './access.ts';
import { apiScopes, makeCheckAuth, type SecurityContext, tokenVerifier } from './auth.ts';
import { BUILD_TIMEOUT_SECONDS, settingsFromEnv } from './config.ts';
import { SlmiClickHouseQuery } from './dialect.ts';
import { errorHygiene, errorResponse, notFound, queryChecks, RequestError, requestQuery } from './errors.ts';
import { continueVersionsAfter, LegacyClickHouseDriver } from './legacy-clickhouse-driver.ts';
import { memoizeCubeNormalizeQuery } from './normalize-query.ts';
import { type CoreLike, parseDateRanges, postPartitionJobs } from './partition-jobs.ts';
import { lazyPromiseTimeout } from './promise-timeout.ts';
import { type CubeLoadResult, publicAnswer, publicQueryOf, publicSettingsFromEnv, runPublicLoad } from './public-load.ts';
import { exactRoutes } from './routes.ts';
import { SuppressionTooDetailed } from './suppression.ts';
import { memoizeGatewayVisibleMeta } from './visible-meta.ts';

process.env.NODE_ENV = 'production';
process.env.CUBEJS_CACHE_AND_QUEUE_DRIVER = 'memory';

const settings = settingsFromEnv();
const publicSettings = publicSettingsFromEnv();
const queryLimit = Number(process.env.CUBEJS_DB_QUERY_LIMIT ?? 50_000);
const chUrl = new URL(settings.clickhouse.url);
const modelDir = fileURLToPath(new URL('../model', import.meta.url));
// every check of every request reads the one verification of its token (auth.ts)
const verifyToken = tokenVerifier(new TextEncoder().encode(settings.apiSecret));

const driverOptions = {
	host: chUrl.hostname,
	port: chUrl.port,
	protocol: chUrl.protocol,
	username: settings.clickhouse.username,
	password: settings.clickhouse.password,
	database: settings.clickhouse.database,
	// Only read for external (Cube Store) pre-aggregations, which this deployment has none of:
	// true makes Cube copy them out with a SELECT instead of writing temporary tables into ClickHouse.
	// Ours live in ClickHouse and are built through the driver's build path (legacy-clickhouse-driver.ts).
	readOnly: true,
	preAggregationsSchema: settings.preAggregationsSchema,
	build: settings.build,
};

// CommonJS packages whose named exports Node's ESM loader cannot see.
const require = createRequire(import.meta.url);
const { CubejsServerCore } = require('@cubejs-backend/server-core') as typeof import('@cubejs-backend/server-core');
const { CubejsHandlerError } = require('@cubejs-backend/api-gateway') as typeof import('@cubejs-backend/api-gateway');

/**
 * Marks the security context of the queries the public suppression pipeline runs. A symbol
 * cannot come from a token's claims, so no caller can present a public query as already
 * protected; queryRewrite refuses every other public query.
 */
const PUBLIC_PIPELINE = Symbol('slmi.publicPipeline');
type PipelineContext = SecurityContext & { [PUBLIC_PIPELINE]?: true };
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
	// How many pre-aggregation builds run at once (config.ts buildConcurrency), and for how long one
	// may run; queries keep the driver's own queue (10 at once).
	orchestratorOptions: {
		preAggregationsOptions: { queueOptions: { concurrency: settings.buildConcurrency, executionTimeout: BUILD_TIMEOUT_SECONDS } },
	},
	scheduledRefreshContexts: async () => [{ securityContext: { role: 'system' } }],
	checkAuth: makeCheckAuth(verifyToken) as never,
	contextToApiScopes: ((context: SecurityContext | undefined) => apiScopes(context)) as never,
	// Every role's rules (access.ts), for /load, /sql and /dry-run alike.
	queryRewrite: (async (query: Query, context: { securityContext?: PipelineContext }) => {
		const securityContext = context.securityContext;
		if (!securityContext) throw new CubejsHandlerError(401, 'Unauthorized', 'Authorization header missing');
		try {
			return rewriteQuery(query, securityContext, await catalog(), {
				publicPipeline: securityContext[PUBLIC_PIPELINE] === true,
				publicLimits: publicSettings,
				minPeoplePerRow: settings.minPeoplePerRow,
			});
		} catch (error) {
			if (error instanceof AccessError)
				throw new CubejsHandlerError(error.status, error.status === 403 ? 'Forbidden' : 'Bad Request', error.message);
			throw error;
		}
	}) as never,
	// The 1.6 driver is built on a newer base-driver than 0.33's type declarations; at run time
	// the orchestrator only calls the methods checked in the lab (docs/architecture.md).
	driverFactory: (() => new LegacyClickHouseDriver(driverOptions)) as never,
	// LIKE filters that match the user's text literally and exact distinct counts of people that
	// pre-aggregations can hold (dialect.ts, clickhouse-query.ts).
	dialectFactory: (() => SlmiClickHouseQuery) as never,
	logger: (message: string, params: Record<string, unknown>) => {
		if (/error/i.test(message) || params?.error) console.error(`[cube] ${message} ${JSON.stringify(params?.error ?? '').slice(0, 500)}`);
	},
});

// What the compiled model holds, for the access rules; rebuilt when the model is recompiled.
let catalogCache: { meta: unknown; catalog: Catalog } | undefined;
async function catalog(): Promise<Catalog> {
	const requestId = `${randomUUID()}-span-1`;
	const compilerApi = await core.getCompilerApi({ securityContext: { role: 'system' }, requestId } as never);
	const meta = (await compilerApi.metaConfig({ requestId })) as MetaCube[];
	if (catalogCache?.meta !== meta) catalogCache = { meta, catalog: Catalog.fromMeta(meta) };
	return catalogCache.catalog;
}

type GatewayResponder = (body: Record<string, unknown>, options?: { status?: number }) => void;
interface Gateway {
	load(request: { query: unknown; context: unknown; res: GatewayResponder; queryType?: string }): Promise<void>;
	meta(request: { context: unknown; res: GatewayResponder }): Promise<void>;
}
// apiGateway() is protected in the type declarations; it is the instance initApp mounted.
const gateway = (core as unknown as { apiGateway(): Gateway }).apiGateway();
// once per compiled model instead of once per request (visible-meta.ts)
memoizeGatewayVisibleMeta(gateway);
// Cube's "Continue wait" race makes its TimeoutError only when the time is up (promise-timeout.ts)
lazyPromiseTimeout();
// each distinct query validated and normalised once, not twice per /load (normalize-query.ts)
memoizeCubeNormalizeQuery();

function gatewayContext(securityContext: PipelineContext) {
	return { securityContext, authInfo: securityContext, signedWithPlaygroundAuthSecret: false, requestId: `${randomUUID()}-span-1` };
}

/** One /load through Cube's gateway in this process, waiting out Cube's "Continue wait". */
async function loadInCube(query: unknown): Promise<CubeLoadResult> {
	const context = gatewayContext({ role: 'public', [PUBLIC_PIPELINE]: true });
	const deadline = Date.now() + 110_000;
	for (;;) {
		const result = await new Promise<CubeLoadResult>((resolve) => {
			gateway.load({ query, context, res: (body, options) => resolve({ status: options?.status ?? 200, body }) });
		});
		if (result.body.error !== 'Continue wait' || Date.now() > deadline) return result;
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** /meta as a role sees it (access.ts visibleCubes): the public only its views; nobody internal members. */
async function answerMeta(context: SecurityContext, res: Response): Promise<void> {
	await gateway.meta({
		context: gatewayContext(context),
		res: (body, options) => {
			const cubes = Array.isArray(body.cubes) ? visibleCubes(body.cubes as { name: string }[], context) : undefined;
			res.status(options?.status ?? 200).json(cubes ? { ...body, cubes } : body);
		},
	});
}

/**
 * The public's way in: /load through the suppression pipeline, /meta with the public views
 * only, nothing else. Other roles go on to Cube's routes, where queryRewrite applies their rules.
 */
async function publicGate(req: Request, res: Response, next: NextFunction): Promise<void> {
	if (!req.path.startsWith('/cubejs-api/')) return next();
	let context: SecurityContext;
	try {
		context = await verifyToken(req.headers.authorization);
	} catch {
		return next(); // Cube's checkAuth answers with the same 401 / 403
	}
	if (context.role !== 'public') {
		// /meta without internal members (views show the members they include, hidden or not)
		if (req.path === '/cubejs-api/v1/meta' && req.method === 'GET') return answerMeta(context, res);
		return next();
	}
	try {
		if (req.path === '/cubejs-api/v1/load' && (req.method === 'GET' || req.method === 'POST')) {
			const { query, multi } = publicQueryOf(requestQuery(req), req.method === 'GET' ? req.query.queryType : req.body?.queryType);
			const { status, body } = await runPublicLoad(query, await catalog(), publicSettings, loadInCube);
			res.status(status).json(publicAnswer(body, multi));
			return;
		}
		if (req.path === '/cubejs-api/v1/meta' && req.method === 'GET') return answerMeta(context, res);
		throw new AccessError(
			403,
			`${req.method} ${req.path} is not available to the public (public access is /cubejs-api/v1/load and /cubejs-api/v1/meta)`,
		);
	} catch (error) {
		if (error instanceof AccessError || error instanceof RequestError) res.status(error.status).json({ error: error.message });
		else if (error instanceof SuppressionTooDetailed) {
			res
				.status(400)
				.json({ error: `This breakdown is too detailed to publish (${error.message}); use fewer dimensions or a coarser period` });
		} else next(error);
	}
}

const app = express();
// Routes match exactly as written (routes.ts); both settings must be made before the first
// app.use, which creates the router.
app.set('case sensitive routing', true);
app.set('strict routing', true);
// No client revalidates Cube's answers (the web app asks server-side, without If-None-Match), and
// hashing every answer for an ETag cost ~1 % of Cube's CPU per /load (docs/performance.md).
app.set('etag', false);
app.use(exactRoutes);
app.use(errorHygiene);
app.use(express.json({ limit: '1mb' }));
app.use(errorResponse); // a body that is not JSON stops here, before Cube's own error handler
app.use(
	queryChecks(queryLimit, (req) =>
		verifyToken(req.headers.authorization).then(
			(c) => c.role,
			() => undefined,
		),
	),
);
app.use(publicGate);
/**
 * SLMI's extension of Cube's jobs API: a `post` whose selector has `dateRanges` builds only the
 * partitions of the cubes named there that overlap them (partition-jobs.ts). Only a token with the
 * jobs scope (the system role) gets here; any other request goes on to Cube's route, which answers
 * it as before (401, 403, or a build of every partition).
 */
app.post('/cubejs-api/v1/pre-aggregations/jobs', async (req: Request, res: Response, next: NextFunction) => {
	const body = req.body as { action?: unknown; selector?: { cubes?: unknown; timezones?: unknown; dateRanges?: unknown } } | undefined;
	if (body?.action !== 'post' || body.selector?.dateRanges === undefined) return next();
	let context: SecurityContext;
	try {
		context = await verifyToken(req.headers.authorization);
	} catch {
		return next();
	}
	if (!(await apiScopes(context)).includes('jobs')) return next();
	let dateRanges: ReturnType<typeof parseDateRanges>;
	const cubes = body.selector.cubes;
	try {
		dateRanges = parseDateRanges(body.selector.dateRanges);
		if (cubes !== undefined && !(Array.isArray(cubes) && cubes.every((c) => typeof c === 'string')))
			throw new Error('selector.cubes must be a list of cube names');
	} catch (error) {
		res.status(400).json({ error: (error as Error).message });
		return;
	}
	try {
		const tokens = await postPartitionJobs(
			core as unknown as CoreLike,
			{ role: 'system' },
			{
				cubes: cubes as string[] | undefined,
				timezones: ['UTC'],
				dateRanges,
			},
		);
		res.json(tokens);
	} catch (error) {
		next(error);
	}
});
// Continue pre-aggregation versions after the newest table an earlier process built.
{
	const driver = new LegacyClickHouseDriver(driverOptions);
	// Retried: another Cube (scale-out) may drop a pre-aggregation table meanwhile, which fails the read on 18.16.
	const tables = await systemCatalogRows(() =>
		driver.query<{ name: string }>('SELECT name FROM system.tables WHERE database = ?', [settings.preAggregationsSchema]),
	);
	continueVersionsAfter(tables.map((t) => t.name));
	await driver.release();
}
await core.initApp(app);
app.use(notFound);
app.use(errorResponse);

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
