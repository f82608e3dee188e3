import { afterEach, describe, expect, it } from 'vitest';
import { cubePromiseTimeout, lazyPromiseTimeout, type PromiseTimeoutModule } from './promise-timeout.ts';

// The module Cube's OrchestratorApi races its queries with; each test gets it back as it was.
const cube = cubePromiseTimeout();
const original = cube.timeout;
afterEach(() => {
	cube.timeout = original;
});

/** How many stacks V8 formats while `run` goes on (each read of an error's `stack`, once per error). */
async function stacksFormatted(run: () => Promise<unknown>): Promise<number> {
	const own = Error.prepareStackTrace;
	let formatted = 0;
	Error.prepareStackTrace = (error, frames) => {
		formatted++;
		return own ? own(error, frames) : `${error}\n${frames.map((f) => `    at ${f}`).join('\n')}`;
	};
	try {
		await run();
	} finally {
		Error.prepareStackTrace = own;
	}
	return formatted;
}

const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe("promise-timeout's race, without a stack made for every query (promise-timeout.ts)", () => {
	it('formats no stack when the query settles in time (promise-timeout itself formats one per call)', async () => {
		const races = (module: PromiseTimeoutModule) => async () => {
			for (let i = 0; i < 5; i++) await module.timeout(later(1, i), 5_000);
		};
		expect(await stacksFormatted(races(cube))).toBeGreaterThanOrEqual(5);
		lazyPromiseTimeout(cube);
		expect(await stacksFormatted(races(cube))).toBe(0);
	});

	it("settles as promise-timeout does: the query's value, its error, or promise-timeout's TimeoutError", async () => {
		lazyPromiseTimeout(cube);
		await expect(cube.timeout(later(5, 'rows'), 1_000)).resolves.toBe('rows');
		const failure = new Error('ClickHouse refused');
		await expect(cube.timeout(Promise.reject(failure), 1_000)).rejects.toBe(failure);
		const late = cube.timeout(later(200, 'too late'), 20);
		await expect(late).rejects.toBeInstanceOf(cube.TimeoutError);
		await expect(late).rejects.toMatchObject({ message: 'Timeout', name: 'TimeoutError' });
	});

	it("is the copy Cube's OrchestratorApi calls", async () => {
		const { createRequire } = await import('node:module');
		const serverCore = createRequire(createRequire(import.meta.url).resolve('@cubejs-backend/server-core'));
		const { OrchestratorApi } = serverCore('./dist/src/core/OrchestratorApi') as {
			OrchestratorApi: new (
				driverFactory: unknown,
				logger: unknown,
				options: Record<string, unknown>,
			) => { orchestrator: unknown; executeQuery(query: object): Promise<unknown> };
		};
		lazyPromiseTimeout(cube);
		let raced = 0;
		const lazy = cube.timeout;
		cube.timeout = (promise, ms) => {
			raced++;
			return lazy(promise, ms);
		};
		const api = Object.create(OrchestratorApi.prototype) as {
			orchestrator: unknown;
			logger: unknown;
			continueWaitTimeout: number;
			options: Record<string, unknown>;
			executeQuery(query: object): Promise<unknown>;
		};
		Object.assign(api, {
			logger: () => {},
			continueWaitTimeout: 5,
			options: { contextToDbType: async () => 'clickhouse', contextToExternalDbType: () => undefined },
			orchestrator: { fetchQuery: async () => ({ data: [{ n: 1 }] }) },
		});
		await expect(api.executeQuery({ query: 'SELECT 1', values: [], requestId: 'test' })).resolves.toMatchObject({ data: [{ n: 1 }] });
		expect(raced).toBe(1);
	});
});
