import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { DataVersion } from './data-version.ts';
import { acceptsGzip, gzipEtag, isPublicCacheable, PublicCache, withoutUnknownKeys } from './public-cache.ts';

const version = { id: 'v1', changedAt: '2026-12-05T10:00:00.000Z' } as DataVersion;
const html = `<!doctype html><html><body>${'<p>Penempatan per negara tujuan</p>'.repeat(200)}</body></html>`;
const page = () => new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } });

async function visit(cache: PublicCache, headers: Record<string, string>, render = page) {
	return cache.respond(new URL('http://x/public'), version, new Headers(headers), async () => render());
}

describe('Accept-Encoding', () => {
	it.each([
		['gzip, deflate, br, zstd', true],
		['GZIP', true],
		['br;q=1.0, gzip;q=0.8', true],
		['x-gzip', true],
		['*', true],
		['*;q=0.5', true],
		['gzip;q=0', false],
		['gzip; q=0.000, *', false],
		['*;q=0', false],
		['deflate, br', false],
		['identity', false],
		['', false],
	])('%j → %s', (header, gzip) => {
		expect(acceptsGzip(header)).toBe(gzip);
	});

	it('without the header, the plain bytes', () => {
		expect(acceptsGzip(null)).toBe(false);
	});
});

describe('a kept public answer', () => {
	it('is gzipped once and sent so to whoever accepts it, plain to everyone else', async () => {
		const cache = new PublicCache(1 << 20, 60_000);
		let renders = 0;
		const counted = () => {
			renders++;
			return page();
		};
		const plain = await visit(cache, {}, counted);
		const packed = await visit(cache, { 'accept-encoding': 'gzip, br' }, counted);
		expect(renders).toBe(1);
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(await plain.text()).toBe(html);
		expect(packed.headers.get('content-encoding')).toBe('gzip');
		const bytes = Buffer.from(await packed.arrayBuffer());
		expect(gunzipSync(bytes).toString('utf8')).toBe(html);
		expect(bytes.length).toBeLessThan(html.length / 10);
		expect(Number(packed.headers.get('content-length'))).toBe(bytes.length);
		expect(packed.headers.get('etag')).toBe(gzipEtag(plain.headers.get('etag') ?? ''));
		expect(packed.headers.get('vary')).toBe('Cookie, Accept-Encoding');
		expect(plain.headers.get('vary')).toBe('Cookie, Accept-Encoding');
	});

	it('answers 304 for either representation’s tag, with that representation’s tag', async () => {
		const cache = new PublicCache(1 << 20, 60_000);
		const tag = (await visit(cache, {})).headers.get('etag') ?? '';
		for (const sent of [tag, gzipEtag(tag), `W/${gzipEtag(tag)}`]) {
			const repeat = await visit(cache, { 'accept-encoding': 'gzip', 'if-none-match': sent });
			expect(repeat.status, sent).toBe(304);
			expect(repeat.headers.get('etag')).toBe(gzipEtag(tag));
		}
		expect((await visit(cache, { 'if-none-match': '"other"' })).status).toBe(200);
	});

	it('is not gzipped when small, not text, or already encoded', async () => {
		for (const render of [
			() => new Response('<p>kecil</p>', { headers: { 'content-type': 'text/html' } }),
			() => new Response(new Uint8Array(4096), { headers: { 'content-type': 'image/png' } }),
			() => new Response(html, { headers: { 'content-type': 'text/html', 'content-encoding': 'br' } }),
		]) {
			const answer = await visit(new PublicCache(1 << 20, 60_000), { 'accept-encoding': 'gzip' }, render);
			expect(answer.headers.get('content-encoding')).not.toBe('gzip');
			expect(answer.headers.get('vary')).toBe('Cookie');
		}
	});
});

describe('which public URLs are kept', () => {
	it('only the keys a public answer reads, each once, spelt plainly: made-up queries cannot fill the cache', () => {
		for (const search of ['', '?lang=en', '?lang=id&year=2025', '?year=2024&lang=en', '?lang=en&x-sveltekit-invalidated=01'])
			expect(isPublicCacheable('/public', search), search).toBe(true);
		expect(isPublicCacheable('/public/data/demand-by-country.csv', '?year=2025&lang=en')).toBe(true);
		expect(isPublicCacheable('/public/peluang/__data.json', '?x-sveltekit-trailing-slash=1')).toBe(true);
		for (const search of [
			'?utm_source=x',
			'?lang=en&junk=1',
			'?lang=en&lang=en',
			'?lang=%65n',
			'?lang=fr',
			'?lang',
			'?lang=',
			'?year=1999x',
			'?year=2025&year=2024',
			'?year=%32025',
			'?',
			'?&',
			'?constructor=1',
			'?__proto__=1',
			'?x-sveltekit-invalidated=2',
		])
			expect(isPublicCacheable('/public', search), search).toBe(false);
		// a visitor's profile is never kept, whatever its spelling
		expect(isPublicCacheable('/public/peluang', '?sector=health_care')).toBe(false);
		expect(isPublicCacheable('/dashboard', '')).toBe(false);
	});

	it('unknown keys are dropped by a redirect to the URL the page reads, known ones kept as asked', () => {
		const at = (path: string) => withoutUnknownKeys(new URL(path, 'http://x'));
		expect(at('/public?utm_source=berita&lang=en')).toBe('/public?lang=en');
		expect(at('/public?lang=en&utm_source=berita&year=2024&lang=id')).toBe('/public?lang=en&year=2024');
		expect(at('/embed/placements-by-month?fbclid=1')).toBe('/embed/placements-by-month');
		expect(at('/public/data/demand-by-country.csv?year=2025&ref=x')).toBe('/public/data/demand-by-country.csv?year=2025');
		// nothing to drop, a profile, a data request, or not a public path: no redirect
		for (const path of [
			'/public',
			'/public?lang=en&year=2025',
			'/public/peluang?sector=x',
			'/public/__data.json?utm=1',
			'/dashboard?utm=1',
		])
			expect(at(path), path).toBeUndefined();
	});
});
