import { describe, expect, it } from 'vitest';
import { keptAnswerUrl, originOf } from './kept-answer.ts';

const origin = 'http://127.0.0.1:3000';
const get = (url: string, headers: Record<string, string> = {}) => keptAnswerUrl({ method: 'GET', url, headers }, origin);

describe('keptAnswerUrl (which requests the http layer may answer from the public cache)', () => {
	it('takes anonymous GETs of the public paths, spelt as the URL parser reads them', () => {
		for (const url of [
			'/public',
			'/public?lang=en',
			'/public/__data.json?x-sveltekit-invalidated=01',
			'/public/data/placements-by-country.csv?year=2026&lang=en',
			'/embed/placements-by-month',
			'/embed/placements-by-month/__data.json',
			'/public/peluang',
			'/public/peluang?lang=en',
		]) {
			expect(get(url)?.href, url).toBe(`${origin}${url}`);
		}
	});

	it('leaves everything else to SvelteKit', () => {
		for (const url of [
			'/',
			'/login',
			'/markets',
			'/_app/version.json',
			'/publicity',
			'/public/',
			'/PUBLIC',
			'//public',
			'/./public',
			'/public/.',
			'/public/..',
			'/embed/../public',
			'/embed/%2e%2e/public',
			'/%70ublic',
			'/public/data/%70lacements-by-country.csv',
			'/embed/',
			'/public\\data',
			'/public?',
			'/public#top',
			'/public?lang=en#top',
			'/public/peluang?sector=health_care',
			'/public/peluang/__data.json?sector=health_care',
			'/public/peluang/__data.json?x-sveltekit-trailing-slash=1&sector=health_care',
			'/public/data/x.csv?q=a b',
			'/public/ä',
			'http://evil.example/public',
			'@evil.example/public',
			'*',
			'',
		]) {
			expect(get(url), url).toBeUndefined();
		}
	});

	it('leaves other methods, sessions and bodies to SvelteKit', () => {
		for (const method of ['HEAD', 'POST', 'OPTIONS', 'get']) {
			expect(keptAnswerUrl({ method, url: '/public', headers: {} }, origin), method).toBeUndefined();
		}
		expect(get('/public', { cookie: 'slmi_session=x' })).toBeUndefined();
		expect(get('/public', { cookie: '' })).toBeUndefined();
		expect(get('/public', { 'content-type': 'text/plain' })).toBeUndefined();
		expect(get('/public', { 'content-length': '0' })).toBeUndefined();
		expect(get('/public', { 'transfer-encoding': 'chunked' })).toBeUndefined();
		expect(get('/public', { accept: 'text/html', 'accept-encoding': 'gzip', 'if-none-match': '"x"' })).toBeDefined();
	});

	it('reads ORIGIN as adapter-node does', () => {
		expect(originOf(' http://127.0.0.1:3000/ ')).toBe('http://127.0.0.1:3000');
		expect(originOf('https://data.example.go.id/some/path')).toBe('https://data.example.go.id');
		expect(originOf(undefined)).toBeUndefined();
		expect(originOf('ftp://x')).toBeUndefined();
		expect(originOf('not a url')).toBeUndefined();
	});
});
