/**
 * Waits until the ingest API's background after-load work (the coalesced refresh of rollups and
 * Cube's pre-aggregations, and the matching run after it) is done. A test file that pushes
 * batches calls it last: otherwise the refresh it started runs on while the next file's pages
 * load, and Cube makes those pages wait behind the rebuild (CI, 2026-12-04: 90 s timeouts).
 */
export async function settleRefreshes(ingest: { url: string; token: string } | null, limitMs = 10 * 60_000): Promise<void> {
	if (!ingest) return;
	const until = Date.now() + limitMs;
	while (Date.now() < until) {
		const res = await fetch(`${ingest.url}/v1/refresh`, { headers: { authorization: `Bearer ${ingest.token}` } });
		if (!res.ok) throw new Error(`GET /v1/refresh answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
		const state = (await res.json()) as { running: boolean; pending: number };
		if (!state.running && state.pending === 0) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`the after-load refresh was still running after ${limitMs / 1000} s`);
}
