/**
 * Cube 0.33's OrchestratorApi races every query against promise-timeout's `timeout(promise, ms)`
 * (its "Continue wait" after `continueWaitTimeout`), and promise-timeout makes the `TimeoutError`
 * it may reject with in advance, reading its stack (`this.stack = Error().stack`) for every query:
 * V8 formats the stack there and then, through the source maps tsx turns on, whether the time runs
 * out or not (≈ 6 % of Cube's CPU per warm /load, docs/performance.md, "Cube per-request
 * overhead"). `lazyPromiseTimeout` replaces the module's `timeout` with one that makes the same
 * `TimeoutError` only when the time is up: the same race, the same settling, the same error class
 * (the OrchestratorApi tells a timeout by `instanceof promiseTimeout.TimeoutError`).
 */
import { createRequire } from 'node:module';

export interface PromiseTimeoutModule {
	timeout<T>(promise: Promise<T>, timeoutMillis: number): Promise<T>;
	TimeoutError: new () => Error;
}

/** The copy of promise-timeout that Cube's OrchestratorApi (server-core) loads. */
export function cubePromiseTimeout(): PromiseTimeoutModule {
	const requireFromServerCore = createRequire(createRequire(import.meta.url).resolve('@cubejs-backend/server-core'));
	return requireFromServerCore('promise-timeout') as PromiseTimeoutModule;
}

/**
 * Makes `module.timeout` create its TimeoutError when the timer fires instead of before the race.
 * OrchestratorApi reads `promise_timeout.timeout` at each call, so the replacement is what it uses.
 * After a Cube upgrade, check that server-core still calls promise-timeout this way (the test beside
 * this file races through the module Cube loads).
 */
export function lazyPromiseTimeout(module: PromiseTimeoutModule = cubePromiseTimeout()): void {
	const { TimeoutError } = module;
	module.timeout = <T>(promise: Promise<T>, timeoutMillis: number): Promise<T> => {
		let timer: NodeJS.Timeout | undefined;
		const expired = new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new TimeoutError()), timeoutMillis);
		});
		return Promise.race([promise, expired]).then(
			(value) => {
				clearTimeout(timer);
				return value;
			},
			(error: unknown) => {
				clearTimeout(timer);
				throw error;
			},
		);
	};
}
