/**
 * One call to a running Cube's REST API (`/cubejs-api/v1/<path>`), waiting out Cube's
 * "Continue wait": Cube answers HTTP 200 with `{"error":"Continue wait"}` when a request outlasts
 * its own wait (a query still running, a pre-aggregation job list still being made); asked again, it
 * answers from where it got to. Every caller outside Cube's own client (the pre-aggregation jobs,
 * the disclosure audit, the benchmarks) goes through here, so they all wait the same way and
 * none can spin for ever.
 */

export interface CubeRestCall {
	/** Cube's base URL, e.g. http://127.0.0.1:4000 */
	url: string;
	bearer: string;
	/** e.g. 'load', 'sql', 'meta', 'pre-aggregations/jobs' */
	path: string;
	/** POSTed as JSON; no body = GET */
	body?: unknown;
	/** give up with an error once "Continue wait" has lasted this long (default 10 minutes) */
	timeoutMs?: number;
	/** pause between asking again (default 100 ms) */
	pollMs?: number;
}

export interface CubeRestAnswer<T> {
	status: number;
	body: T & { error?: string };
}

export async function cubeRest<T = Record<string, unknown>>(call: CubeRestCall): Promise<CubeRestAnswer<T>> {
	const { url, bearer, path, body, timeoutMs = 600_000, pollMs = 100 } = call;
	const started = Date.now();
	for (;;) {
		const res = await fetch(`${url}/cubejs-api/v1/${path}`, {
			method: body === undefined ? 'GET' : 'POST',
			headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const json = (await res.json().catch(() => ({}))) as T & { error?: string };
		if (!(res.status === 200 && json.error === 'Continue wait')) return { status: res.status, body: json };
		if (Date.now() - started > timeoutMs) throw new Error(`Cube /${path}: still "Continue wait" after ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, pollMs));
	}
}
