import { describe, expect, it } from 'vitest';
import { isNewer } from '../data-mark.ts';
import { DataEvents } from './data-events.ts';
import type { DataVersion } from './data-version.ts';

const version = (visibleAt: string | null, lastLoadedAt = '2026-12-01T00:00:00.000Z'): DataVersion => ({
	id: `v.${visibleAt}`,
	lastLoadedAt,
	changedAt: visibleAt,
	visibleAt,
});

/** Reads a stream's text until `done` says it has what it waits for. */
async function readUntil(
	body: ReadableStream<Uint8Array>,
	done: (text: string) => boolean,
): Promise<{ text: string; reader: ReadableStreamDefaultReader<Uint8Array> }> {
	const reader = body.getReader();
	const decoder = new TextDecoder();
	let text = '';
	while (!done(text)) {
		const { value, done: ended } = await reader.read();
		if (ended) break;
		text += decoder.decode(value);
	}
	return { text, reader };
}

const events = (text: string) => [...text.matchAll(/event: data\ndata: (.*)\n\n/g)].map((m) => JSON.parse(m[1] as string));

describe('DataEvents', () => {
	it('pushes the current mark on connect and every change to every open stream, reading the version once per tick for all', async () => {
		let current = version('2026-12-01T10:00:00.000Z');
		let reads = 0;
		const hub = new DataEvents(
			async () => {
				reads++;
				return current;
			},
			{ pollMs: 10, maxStreams: 10, lifetimeMs: 60_000, keepAliveMs: 60_000 },
		);
		const streams = [hub.open(), hub.open(), hub.open()];
		for (const res of streams) expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
		const first = await Promise.all(streams.map((res) => readUntil(res.body!, (t) => events(t).length >= 1)));
		for (const { text } of first)
			expect(events(text)[0]).toEqual({ visibleAt: '2026-12-01T10:00:00.000Z', lastLoadedAt: '2026-12-01T00:00:00.000Z' });

		const readsBefore = reads;
		const started = Date.now();
		await new Promise((resolve) => setTimeout(resolve, 200));
		// one watcher: at most one read per tick for the three streams (a timer never fires early)
		expect(reads - readsBefore).toBeLessThanOrEqual(Math.floor((Date.now() - started) / 10) + 1);
		current = version('2026-12-01T10:05:00.000Z', '2026-12-01T10:04:00.000Z');
		for (const { reader } of first) {
			const decoder = new TextDecoder();
			let text = '';
			while (!events(text).some((e) => e.visibleAt === '2026-12-01T10:05:00.000Z')) text += decoder.decode((await reader.read()).value);
			await reader.cancel();
		}
		expect(hub.stats().open).toBe(0);
	});

	it('refuses streams beyond its limit, and ends a stream after its lifetime so the browser reconnects', async () => {
		const hub = new DataEvents(async () => version(null), { pollMs: 10, maxStreams: 1, lifetimeMs: 50, keepAliveMs: 60_000 });
		const one = hub.open();
		expect(one.status).toBe(200);
		const refused = hub.open();
		expect(refused.status).toBe(503);
		expect(refused.headers.get('retry-after')).toBeTruthy();
		const { text } = await readUntil(one.body!, () => false);
		expect(text).toMatch(/^retry: \d+/);
		expect(hub.stats()).toMatchObject({ open: 0, refused: 1 });
		expect(hub.open().status).toBe(200);
	});
});

describe('isNewer', () => {
	it('is true only for a later visible mark', () => {
		const shown = { visibleAt: '2026-12-01T10:00:00.000Z', lastLoadedAt: null };
		expect(isNewer(null, shown)).toBe(false);
		expect(isNewer({ visibleAt: null, lastLoadedAt: null }, shown)).toBe(false);
		expect(isNewer(shown, shown)).toBe(false);
		expect(isNewer({ visibleAt: '2026-12-01T10:00:01.000Z', lastLoadedAt: null }, shown)).toBe(true);
		expect(isNewer({ visibleAt: '2026-12-01T10:00:01.000Z', lastLoadedAt: null }, { visibleAt: null, lastLoadedAt: null })).toBe(true);
	});
});
