/**
 * No dashboard query ever sees a half-applied batch (issue #14): while two batches pushed through
 * the ingest API commit at the same time and the refresh after them rebuilds the rollups and
 * Cube's pre-aggregations, a dashboard's query through Cube (the placements tile, answered from a
 * pre-aggregation) and the same count in SQL on the facts are read again and again; every reading
 * holds each batch whole or not at all, and in the end both. Raw SQL on the facts is read too: it
 * may see part of a batch whose rows span monthly partitions (printed, see below).
 *
 * after-load.test.ts proves the same for the facts and rollups on a scratch database; this file
 * reads through Cube on the test stack.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { cubeLoad } from '../../support/cube-client.ts';
import { settleRefreshes } from '../../support/refresh.ts';
import { sqlRows, sqlValue } from '../metrics/harness.ts';

const cube = inject('cube')!;
const ingest = inject('ingest')!;
afterAll(() => settleRefreshes(ingest));

const tile = async () =>
	Number((await cubeLoad(cube, { role: 'director' }, { measures: ['placements.placements'] }))[0]?.['placements.placements'] ?? 0);
const facts = async () => Number(await sqlValue('SELECT count() FROM fct_placements'));

async function push(rows: string[]): Promise<string> {
	const res = await fetch(`${ingest.url}/v1/batches/placements`, {
		method: 'POST',
		headers: { authorization: `Bearer ${ingest.token}`, 'content-type': 'text/csv', 'x-slmi-source': 'concurrent-batches-test' },
		body: `placement_id,candidate_id,line_id,updated_at,departure_date,wage,contract_months\n${rows.join('\n')}\n`,
	});
	const report = (await res.json()) as { status?: string; batch_id?: string };
	expect(res.status, JSON.stringify(report)).toBe(200);
	expect(report.status).toBe('committed');
	return report.batch_id as string;
}

async function visible(batchId: string): Promise<boolean> {
	const res = await fetch(`${ingest.url}/v1/batches/${batchId}`, { headers: { authorization: `Bearer ${ingest.token}` } });
	return ((await res.json()) as { visible_at?: string | null }).visible_at != null;
}

describe('batches landing while dashboards query', () => {
	it('never shows a dashboard query a half-applied batch, while another batch commits at the same time', async () => {
		await settleRefreshes(ingest);
		const base = { tile: await tile(), facts: await facts() };
		expect(base.tile, 'settled: the tile is the facts').toBe(base.facts);

		// copies of existing placements under new ids, in two batches of different sizes
		const sizes = [2, 3] as const;
		const sources = await sqlRows(
			// one copy per line, on lines with a slot left (the loader checks slots; the test warehouse
			// is kept between runs, and earlier runs used up the lines with eight slots left)
			`SELECT candidate_id, line_id, toString(departure_date) AS day, wage, contract_months
			FROM fct_placements ANY INNER JOIN (SELECT line_id FROM agg_job_order_lines WHERE open_now >= 1) USING line_id
			ORDER BY placement_id LIMIT 1 BY line_id LIMIT 5`,
		);
		const run = randomBytes(3).toString('hex');
		expect(sources).toHaveLength(sizes[0] + sizes[1]);
		const rows = sources.map(
			(p, i) => `P-CONC-${run}-${i},${p.candidate_id},${p.line_id},${p.day}T00:00:00Z,${p.day},${p.wage},${p.contract_months}`,
		);
		const batches = [rows.slice(0, sizes[0]), rows.slice(sizes[0], sizes[0] + sizes[1])];

		const allowed = (start: number) => new Set([start, start + sizes[0], start + sizes[1], start + sizes[0] + sizes[1]]);
		const seen = { tile: new Set<number>(), facts: new Set<number>() };
		let readings = 0;
		let stop = false;
		const reader = (async () => {
			while (!stop) {
				const [t, f] = await Promise.all([tile(), facts()]);
				seen.tile.add(t);
				seen.facts.add(f);
				readings++;
			}
		})();
		try {
			const ids = await Promise.all(batches.map((b) => push(b)));
			await expect.poll(async () => (await Promise.all(ids.map(visible))).every(Boolean), { timeout: 300_000, interval: 500 }).toBe(true);
			// a few more readings after both became visible
			const until = readings + 5;
			await expect.poll(() => readings >= until, { timeout: 60_000, interval: 100 }).toBe(true);
		} finally {
			stop = true;
			await reader;
		}
		// What dashboards read (Cube: rollups and pre-aggregations, rebuilt after the commit) holds each
		// batch whole or not at all. Raw SQL on the facts need not: an INSERT whose rows fall in several
		// monthly partitions writes one part per partition, each visible on its own (ClickHouse does not
		// make such an INSERT atomic; docs/ingestion.md "What a reader of the raw facts may see"), and
		// these copies depart in different months. Those readings are printed, not asserted.
		const wrong = [...seen.tile].filter((v) => !allowed(base.tile).has(v));
		expect(wrong, `tile: readings outside {none, either, both batches} of ${base.tile}`).toEqual([]);
		const partial = [...seen.facts].filter((v) => !allowed(base.facts).has(v));
		if (partial.length) console.log(`concurrent batches: raw fact counts between batches (not on any dashboard): ${partial.join(', ')}`);
		expect(await tile(), 'visible: the tile holds both batches').toBe(base.tile + sizes[0] + sizes[1]);
		expect(await facts()).toBe(base.facts + sizes[0] + sizes[1]);
		console.log(`concurrent batches: ${readings} readings, tile values ${[...seen.tile].join(', ')}`);
	}, 480_000);
});
