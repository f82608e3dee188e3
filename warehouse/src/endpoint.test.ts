import { describe, expect, it } from 'vitest';
import { endpointFromEnv } from './endpoint.ts';

describe('endpointFromEnv', () => {
	it('starts nothing-external when CLICKHOUSE_URL is absent', () => {
		expect(endpointFromEnv({})).toBeUndefined();
		expect(endpointFromEnv({ CLICKHOUSE_URL: '  ' })).toBeUndefined();
	});

	it('reads url, credentials and database', () => {
		expect(
			endpointFromEnv({
				CLICKHOUSE_URL: 'http://ch.example:8123/',
				CLICKHOUSE_USER: 'slmi',
				CLICKHOUSE_PASSWORD: 's3cret',
				CLICKHOUSE_DATABASE: 'prod',
			}),
		).toEqual({ url: 'http://ch.example:8123', username: 'slmi', password: 's3cret', database: 'prod' });
	});

	it('defaults the user and database', () => {
		expect(endpointFromEnv({ CLICKHOUSE_URL: 'https://ch:8443' })).toEqual({
			url: 'https://ch:8443',
			username: 'default',
			password: '',
			database: 'slmi',
		});
	});

	it('rejects a native-protocol or malformed url with a message naming the variable', () => {
		expect(() => endpointFromEnv({ CLICKHOUSE_URL: 'tcp://ch:9000' })).toThrow(/CLICKHOUSE_URL must use http/);
		expect(() => endpointFromEnv({ CLICKHOUSE_URL: 'not a url' })).toThrow(/CLICKHOUSE_URL is not a URL/);
	});
});
