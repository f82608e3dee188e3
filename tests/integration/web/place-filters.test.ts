/**
 * A page about one place is that place: `/markets/SA?country=TW` or `/provinces/52?province=35`
 * (a filter kept from the page the reader came from) showed a filter bar contradicting the page.
 * Such a request is answered with a redirect to the same address without that filter — every other
 * filter and the language kept — for a full page load and for SvelteKit's client-side data request.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { logIn, webRequest } from './web-client.ts';

const web = inject('web')!;
let cookie: string;

beforeAll(async () => {
	cookie = await logIn(web.url, 'menteri', '127.0.0.61');
});

const CASES = [
	['/markets/SA?country=TW&from=2025-01&to=2025-06&lang=en', '/markets/SA?from=2025-01&to=2025-06&lang=en'],
	['/markets/SA?sector=manufacturing&country=SA', '/markets/SA?sector=manufacturing'],
	['/provinces/52?province=35&scheme=P2P', '/provinces/52?scheme=P2P'],
	['/provinces/52?province=35,33', '/provinces/52'],
] as const;

describe('a filter of the page’s own place', () => {
	for (const [asked, answered] of CASES) {
		it(`${asked} → ${answered}`, async () => {
			const page = await webRequest(web.url, asked, { cookie });
			expect(page.status).toBe(307);
			expect(page.header('location')).toBe(answered);
			// the same for a client-side navigation's data request
			const [path, search] = asked.split('?') as [string, string];
			const data = await webRequest(web.url, `${path}/__data.json?${search}`, { cookie });
			expect(data.status).toBe(200);
			expect(JSON.parse(data.body)).toMatchObject({ type: 'redirect', location: answered });
			// and the address it leads to is the page itself
			const target = await webRequest(web.url, answered, { cookie });
			expect(target.status).toBe(200);
		});
	}

	it('leaves a page without such a filter alone', async () => {
		for (const path of ['/markets/SA?from=2025-01', '/provinces/52?lang=en', '/markets?country=TW', '/provinces?province=35']) {
			expect((await webRequest(web.url, path, { cookie })).status, path).toBe(200);
		}
	});
});
