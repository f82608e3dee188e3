import { describe, expect, it } from 'vitest';
import { isRoute, rawPath } from './routes.ts';

describe('routes', () => {
	it('know the routes SLMI uses, spelled one way', () => {
		expect(isRoute('GET', '/cubejs-api/v1/load?query=%7B%7D')).toBe(true);
		expect(isRoute('POST', '/cubejs-api/v1/load')).toBe(true);
		expect(isRoute('GET', '/cubejs-api/v1/meta')).toBe(true);
		expect(isRoute('POST', '/cubejs-api/v1/pre-aggregations/jobs')).toBe(true);
	});

	it('refuse every other spelling, method and route', () => {
		for (const [method, url] of [
			['GET', '/Cubejs-api/v1/meta?extended'],
			['GET', '/CUBEJS-API/v1/load'],
			['GET', '/cubejs-api/v1/meta/'],
			['GET', '//cubejs-api/v1/meta'],
			['GET', '/cubejs-api//v1/meta'],
			['GET', '/cubejs-api/v1/%6Deta'],
			['GET', '/cubejs-api%2Fv1%2Fmeta'],
			['GET', '/cubejs-api\\v1\\meta'],
			['GET', '/cubejs-api/v1/./meta'],
			['GET', '/cubejs-api/x/../v1/meta'],
			['GET', '/cubejs-api/v1/meta;x'],
			['GET', 'http://127.0.0.1/cubejs-api/v1/meta'],
			['HEAD', '/cubejs-api/v1/meta'],
			['POST', '/cubejs-api/v1/meta'],
			['GET', '/cubejs-api/v1/subscribe'],
			['POST', '/cubejs-api/graphql'],
			['GET', '/readyz'],
			['GET', '/'],
		]) {
			expect(isRoute(method!, url!), `${method} ${url}`).toBe(false);
		}
	});

	it('read the path as sent, up to the query string', () => {
		expect(rawPath('/a/b?c=/d')).toBe('/a/b');
		expect(rawPath('/a/b#x')).toBe('/a/b');
		expect(rawPath('/a/%2e%2e/b')).toBe('/a/%2e%2e/b');
	});
});
