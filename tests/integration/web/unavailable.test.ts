/**
 * A page about one place (a destination country, a province) cannot tell an unknown code from a
 * list of names Cube could not answer just now (busy, restarting): it must then say the data is
 * unavailable, 503 with Retry-After, never 404 "Unknown country" for Saudi Arabia (issue #13:
 * overload is answered with 503 and Retry-After). A web process of its own whose Cube answers
 * nothing (its address has no listener) shows it; the test stack's own web, with Cube up, still
 * answers 404 for a code that is not a country.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type RunningService, startWeb } from '../../../scripts/stack.ts';
import { en } from '../../../web/src/lib/i18n/en.ts';
import { id } from '../../../web/src/lib/i18n/id.ts';
import { DEMO_PASSWORD, form, freePort, logIn, sessionCookie, webRequest } from './web-client.ts';

const base = inject('web')!.url;
const cube = inject('cube')!;

/** The message as the error page shows it (HTML-escaped). */
const shown = (text: string) => text.replace(/&/g, '&amp;').replace(/'/g, '&#39;');

describe('a place page when Cube cannot answer its list of names', () => {
	let web: RunningService;
	beforeAll(async () => {
		web = await startWeb(
			{
				port: await freePort(),
				cubeUrl: `http://127.0.0.1:${await freePort()}`,
				cubeApiSecret: cube.apiSecret,
				sessionSecret: randomBytes(32).toString('hex'),
				name: 'web-no-cube',
			},
			() => {},
		);
	});
	afterAll(async () => {
		await web?.stop();
	});

	it('answers 503 with Retry-After and says the data is unavailable, in both languages, not "unknown"', async () => {
		const login = await webRequest(web.url, '/login', {
			method: 'POST',
			headers: { origin: web.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: form({ username: 'menteri', password: DEMO_PASSWORD }),
			from: '127.0.0.41',
		});
		expect(login.status).toBe(303);
		const cookie = sessionCookie(login);
		for (const [path, message] of [
			['/markets/SA', id['error.unavailable']],
			['/markets/SA?lang=en', en['error.unavailable']],
			['/provinces/52', id['error.unavailable']],
			['/provinces/52?lang=en', en['error.unavailable']],
		] as const) {
			const page = await webRequest(web.url, path, { cookie });
			expect(page.status, `${path}: ${page.body.slice(0, 300)}`).toBe(503);
			expect(page.headers['retry-after'], path).toMatch(/^\d+$/);
			expect(page.body, path).toContain(shown(message));
			expect(page.body, path).not.toMatch(/Unknown (country|province)/);
		}
	});

	it('still answers 404 for a code that is not a country or province when Cube is up', async () => {
		const cookie = await logIn(base, 'menteri', '127.0.0.42');
		for (const path of ['/markets/QQ', '/provinces/99']) {
			const page = await webRequest(base, path, { cookie });
			expect(page.status, path).toBe(404);
			expect(page.body, path).toMatch(/Unknown (country|province)/);
		}
	});
});
