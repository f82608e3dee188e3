import { describe, expect, it } from 'vitest';
import { VersionClock, versionOf, versionQuery } from './data-version.ts';
import { Busy, Gate } from './overload.ts';
import { cacheKey, cacheScope, ResultCache, stableJson } from './result-cache.ts';

const query = { measures: ['supply.candidates'], dimensions: ['supply.province'] };
const size = () => 100;

describe('cache scopes (the users Cube answers identically, cube/src/access.ts)', () => {
	it('keep every regional province, the director, the minister and the public apart', () => {
		const scopes = [
			{ role: 'regional', province: '52' },
			{ role: 'regional', province: '35' },
			{ role: 'director' },
			{ role: 'minister' },
			{ role: 'public' },
		] as const;
		const keys = scopes.map((s) => cacheKey(query, s, 'v1'));
		expect(new Set(keys).size).toBe(scopes.length);
		expect(() => cacheScope({ role: 'regional' })).toThrow(/province/);
	});

	it('share one entry between users of one scope, whatever their user name', () => {
		expect(cacheKey(query, { role: 'regional', province: '52', sub: 'a' } as never, 'v1')).toBe(
			cacheKey(query, { role: 'regional', province: '52', sub: 'b' } as never, 'v1'),
		);
		expect(cacheKey(query, { role: 'director' }, 'v1')).not.toBe(cacheKey(query, { role: 'director' }, 'v2'));
	});

	it('read a query the same whatever the order of its keys', () => {
		expect(stableJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(stableJson({ a: [{ c: 3, d: 2 }], b: 1 }));
	});

	it('write what JSON.stringify writes, keys sorted and undefined members left out', () => {
		const strings = [
			'',
			'placements.departure_date',
			'a"b',
			'back\\slash',
			'tab\there',
			'line\nbreak',
			'Côte d’Ivoire',
			'\u0000',
			'\ud800',
			'x/y:z,1-2 3',
		];
		for (const s of strings) expect(stableJson(s)).toBe(JSON.stringify(s));
		const query = {
			measures: ['a.b'],
			filters: [{ member: 'a"c', operator: 'equals', values: ['JP', 'é'] }],
			limit: 5,
			offset: undefined,
			ok: true,
			none: null,
		};
		expect(stableJson(query)).toBe(
			JSON.stringify({
				filters: [{ member: 'a"c', operator: 'equals', values: ['JP', 'é'] }],
				limit: 5,
				measures: ['a.b'],
				none: null,
				ok: true,
			}),
		);
		expect(stableJson({ z: { b: [1, 'x'], a: 2.5 }, '"': 0 })).toBe('{"\\"":0,"z":{"a":2.5,"b":[1,"x"]}}');
	});
});

describe('ResultCache', () => {
	it('answers a scope from its own entry only', async () => {
		const cache = new ResultCache<string>({ maxBytes: 10_000, maxAgeMs: 60_000 });
		const ntb = cacheKey(query, { role: 'regional', province: '52' }, 'v1');
		const jatim = cacheKey(query, { role: 'regional', province: '35' }, 'v1');
		expect(await cache.get(jatim, 'v1', async () => 'jatim', size)).toBe('jatim');
		expect(await cache.get(ntb, 'v1', async () => 'ntb', size)).toBe('ntb');
		expect(await cache.get(jatim, 'v1', async () => 'asked again', size)).toBe('jatim');
		expect(cache.stats()).toMatchObject({ hits: 1, misses: 2 });
	});

	it('sends identical queries in flight once', async () => {
		const cache = new ResultCache<number>({ maxBytes: 10_000, maxAgeMs: 60_000 });
		let loads = 0;
		let release: (v: number) => void = () => {};
		const load = () => {
			loads += 1;
			return new Promise<number>((r) => {
				release = r;
			});
		};
		const answers = Array.from({ length: 20 }, () => cache.get('k', 'v1', load, size));
		release(7);
		expect(await Promise.all(answers)).toEqual(Array(20).fill(7));
		expect(loads).toBe(1);
		expect(cache.stats().coalesced).toBe(19);
	});

	it('never keeps a failure', async () => {
		const cache = new ResultCache<number>({ maxBytes: 10_000, maxAgeMs: 60_000 });
		await expect(cache.get('k', 'v1', () => Promise.reject(new Error('down')), size)).rejects.toThrow('down');
		expect(await cache.get('k', 'v1', async () => 1, size)).toBe(1);
	});

	it('asks again for a new data version or after the maximum age', async () => {
		let now = 0;
		const cache = new ResultCache<string>({ maxBytes: 10_000, maxAgeMs: 1000 }, () => now);
		await cache.get('k', 'v1', async () => 'old', size);
		expect(await cache.get('k', 'v2', async () => 'new', size)).toBe('new');
		now = 1001;
		expect(await cache.get('k', 'v2', async () => 'newer', size)).toBe('newer');
		// an answer kept briefly (while the data settles) is asked again after its own age
		await cache.get('short', 'v2', async () => 'first', size, 10);
		now += 11;
		expect(await cache.get('short', 'v2', async () => 'second', size)).toBe('second');
		cache.dropOtherVersions('v3');
		expect(cache.stats().entries).toBe(0);
	});

	it('gives an answer past its age at once, asking for the new one once in the background', async () => {
		let now = 0;
		const cache = new ResultCache<string>({ maxBytes: 10_000, maxAgeMs: 1000, staleMs: 1000 }, () => now);
		await cache.get('k', 'v1', async () => 'old', size);
		now = 1500;
		let loads = 0;
		let release: (v: string) => void = () => {};
		const backgrounds: boolean[] = [];
		const refresh = (background: boolean) => {
			backgrounds.push(background);
			loads += 1;
			return new Promise<string>((r) => {
				release = r;
			});
		};
		// 20 requests while Cube has not answered the refresh: none of them waits for it
		const answered = await Promise.race([
			Promise.all(Array.from({ length: 20 }, () => cache.get('k', 'v1', refresh, size))),
			new Promise((r) => setTimeout(() => r('waited for Cube'), 50)),
		]);
		expect(answered).toEqual(Array(20).fill('old'));
		expect(loads).toBe(1);
		// the load is told it runs in the background (cube.ts gives such refreshes fewer places)
		expect(backgrounds).toEqual([true]);
		release('new');
		await new Promise((r) => setTimeout(r, 0));
		expect(await cache.get('k', 'v1', refresh, size)).toBe('new');
		expect(loads).toBe(1);
		expect(cache.stats()).toMatchObject({ stale: 20, refreshes: 1, misses: 1, hits: 1 });
	});

	it('never gives an answer older than twice its age, or of another data version', async () => {
		let now = 0;
		const cache = new ResultCache<string>({ maxBytes: 10_000, maxAgeMs: 1000, staleMs: 1000 }, () => now);
		await cache.get('k', 'v1', async () => 'old', size);
		now = 2001;
		expect(await cache.get('k', 'v1', async () => 'asked', size)).toBe('asked');
		expect(await cache.get('k', 'v2', async () => 'v2', size)).toBe('v2');
		// an answer kept briefly (while the data settles, 10 ms) is given stale only as briefly
		await cache.get('short', 'v2', async () => 'first', size, 10);
		now += 21;
		expect(await cache.get('short', 'v2', async () => 'second', size)).toBe('second');
		expect(cache.stats().stale).toBe(0);
	});

	it('keeps the answer it had when the refresh fails, and never keeps the failure', async () => {
		let now = 0;
		const cache = new ResultCache<string>({ maxBytes: 10_000, maxAgeMs: 1000, staleMs: 1000 }, () => now);
		await cache.get('k', 'v1', async () => 'old', size);
		now = 1200;
		expect(await cache.get('k', 'v1', () => Promise.reject(new Error('down')), size)).toBe('old');
		await new Promise((r) => setTimeout(r, 0));
		expect(await cache.get('k', 'v1', async () => 'new', size)).toBe('old');
		await new Promise((r) => setTimeout(r, 0));
		expect(await cache.get('k', 'v1', async () => 'newer', size)).toBe('new');
	});

	it('peeks at a kept answer of the version within its age only: never loads, never waits, never stale', async () => {
		let now = 0;
		const cache = new ResultCache<string>({ maxBytes: 10_000, maxAgeMs: 1000, staleMs: 1000 }, () => now);
		expect(cache.peek('k', 'v1')).toBeUndefined();
		let release: (v: string) => void = () => {};
		const pending = cache.get('k', 'v1', () => new Promise<string>((r) => (release = r)), size);
		expect(cache.peek('k', 'v1'), 'a load in flight is not waited for').toBeUndefined();
		release('kept');
		await pending;
		expect(cache.peek('k', 'v1')).toBe('kept');
		expect(cache.peek('k', 'v2'), 'another data version').toBeUndefined();
		now = 1000;
		expect(cache.peek('k', 'v1')).toBe('kept');
		now = 1001;
		expect(cache.peek('k', 'v1'), 'past its age: only get answers stale (and asks again)').toBeUndefined();
		expect(cache.stats()).toMatchObject({ entries: 1, hits: 2, misses: 1, stale: 0, refreshes: 0 });
	});

	it('stays within its byte budget, dropping the least recently used', async () => {
		const cache = new ResultCache<string>({ maxBytes: 1000, maxAgeMs: 60_000 });
		for (const k of ['a', 'b', 'c'])
			await cache.get(
				k,
				'v1',
				async () => k,
				() => 240,
			);
		await cache.get('a', 'v1', async () => 'again', size); // a is now the most recent
		for (const k of ['d', 'e'])
			await cache.get(
				k,
				'v1',
				async () => k,
				() => 240,
			);
		expect(cache.stats().bytes).toBeLessThanOrEqual(1000);
		expect(await cache.get('a', 'v1', async () => 'dropped', size)).toBe('a');
		expect(await cache.get('b', 'v1', async () => 'dropped', size)).toBe('dropped');
	});
});

describe('versionOf', () => {
	const row = {
		'data_freshness.committed_batches': '54',
		'data_freshness.matching_plans': '3',
		'data_freshness.last_loaded_at': '2026-12-05T10:00:00.000',
		'data_freshness.rollups_built_at': '2026-12-05T10:00:01.000',
		'data_freshness.last_visible_at': '2026-12-05T10:00:02.000',
		'data_freshness.forecast_computed_at': '2026-12-05T10:00:03.000',
		'data_freshness.matching_run_at': '2026-12-05T10:00:04.000',
	};
	it('is a new version when any member the version query reads changes, and the same for the same row', () => {
		const members = [...(versionQuery.measures ?? []), ...(versionQuery.dimensions ?? [])];
		// every member the query asks for is in the row above, and nothing else
		expect(Object.keys(row).sort()).toEqual([...members].sort());
		const id = versionOf([row]).id;
		expect(versionOf([{ ...row }]).id).toBe(id);
		for (const member of members) {
			const value = row[member as keyof typeof row];
			const changed = /T/.test(value) ? value.replace('10:00', '10:05') : String(Number(value) + 1);
			// e.g. a training plan stored after its run (match_plan_runs): /matching's plan section changes
			expect(versionOf([{ ...row, [member]: changed }]).id, member).not.toBe(id);
		}
	});
	it('says when the data last changed and when the latest batch became visible', () => {
		expect(versionOf([row])).toMatchObject({
			lastLoadedAt: '2026-12-05T10:00:00.000Z',
			changedAt: '2026-12-05T10:00:04.000Z',
			visibleAt: '2026-12-05T10:00:02.000Z',
		});
		expect(versionOf([])).toMatchObject({ lastLoadedAt: null, changedAt: null, visibleAt: null });
	});
});

describe('VersionClock', () => {
	it('reads the version once per interval however many ask, and says when it changed', async () => {
		let now = 0;
		let reads = 0;
		let id = 'v1';
		const clock = new VersionClock(
			async () => {
				reads += 1;
				return { id, lastLoadedAt: null, changedAt: null, visibleAt: null };
			},
			1000,
			() => now,
		);
		const seen: string[] = [];
		clock.onChange((v) => seen.push(v.id));
		await Promise.all(Array.from({ length: 10 }, () => clock.get()));
		expect(reads).toBe(1);
		id = 'v2';
		expect((await clock.get())?.id).toBe('v1');
		now = 1000;
		// past the interval: the last version answers at once while the next is read
		expect((await clock.get())?.id).toBe('v1');
		await new Promise((r) => setTimeout(r, 0));
		expect((await clock.get())?.id).toBe('v2');
		expect(reads).toBe(2);
		expect(seen).toEqual(['v1', 'v2']);
		// the change (not the first read) starts the time the data settles
		expect(clock.settling()).toBe(true);
		now = 1000 + 120_000;
		expect(clock.settling()).toBe(false);
	});
});

describe('VersionClock on a slow Cube', () => {
	it('never makes a request wait for a re-read once a version is known', async () => {
		let now = 0;
		let hang = false;
		const clock = new VersionClock(
			() => (hang ? new Promise<never>(() => {}) : Promise.resolve({ id: 'v1', lastLoadedAt: null, changedAt: null, visibleAt: null })),
			1000,
			() => now,
		);
		expect((await clock.get())?.id).toBe('v1');
		hang = true;
		now = 5000;
		const answered = await Promise.race([clock.get(), new Promise((r) => setTimeout(() => r('waited'), 50))]);
		expect(answered).toMatchObject({ id: 'v1' });
	});
});

describe('Gate', () => {
	it('runs a bounded number at once, queues a bounded number and refuses the rest at once', async () => {
		const gate = new Gate({ concurrency: 2, queue: 2, waitMs: 60_000, retryAfterSeconds: 3 });
		const releases: (() => void)[] = [];
		const job = () => new Promise<void>((r) => releases.push(r));
		const running = [gate.run(job), gate.run(job), gate.run(job), gate.run(job)];
		const refused = gate.run(job);
		await expect(refused).rejects.toBeInstanceOf(Busy);
		await expect(refused).rejects.toMatchObject({ retryAfterSeconds: 3 });
		expect(gate.stats()).toMatchObject({ running: 2, waiting: 2 });
		while (releases.length) {
			releases.shift()?.();
			await new Promise((r) => setTimeout(r, 0));
		}
		await Promise.all(running);
		expect(gate.stats()).toMatchObject({ running: 0, waiting: 0 });
	});

	it('gives up on a wait after waitMs', async () => {
		const gate = new Gate({ concurrency: 1, queue: 5, waitMs: 10, retryAfterSeconds: 1 });
		let release: () => void = () => {};
		const first = gate.run(() => new Promise<void>((r) => (release = r)));
		await expect(gate.run(async () => 1)).rejects.toBeInstanceOf(Busy);
		release();
		await first;
		expect(await gate.run(async () => 2)).toBe(2);
	});
});
