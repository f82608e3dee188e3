import { describe, expect, it } from 'vitest';
import { endpointFromEnv, usersFromEnv } from './endpoint.ts';

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

describe('usersFromEnv', () => {
	const base = { CLICKHOUSE_URL: 'http://ch:8123', CLICKHOUSE_USER: 'admin', CLICKHOUSE_PASSWORD: 'a' };
	it('gives each component its own credentials when set', () => {
		const got = usersFromEnv({
			...base,
			CLICKHOUSE_LOADER_USER: 'loader',
			CLICKHOUSE_LOADER_PASSWORD: 'l',
			CLICKHOUSE_CUBE_USER: 'cube',
			CLICKHOUSE_CUBE_PASSWORD: 'c',
			CLICKHOUSE_CUBE_BUILD_USER: 'build',
			CLICKHOUSE_CUBE_BUILD_PASSWORD: 'b',
			CLICKHOUSE_WEB_READER_USER: 'reader',
			CLICKHOUSE_WEB_READER_PASSWORD: 'r',
			CLICKHOUSE_WEB_WRITER_USER: 'writer',
			CLICKHOUSE_WEB_WRITER_PASSWORD: 'w',
		});
		expect(got?.shared).toEqual([]);
		expect(Object.values(got?.users ?? {}).map((u) => `${u.username}:${u.password}`)).toEqual([
			'admin:a',
			'loader:l',
			'cube:c',
			'build:b',
			'reader:r',
			'writer:w',
		]);
		// the web's writer is confined to the audit database
		expect(got?.users.webWriter.database).toBe('slmi_audit');
		expect(got?.users.webReader.database).toBe('slmi');
	});
	it("falls back to the admin's credentials and says which components share them; Cube's builds to Cube's user", () => {
		expect(usersFromEnv({})).toBeUndefined();
		const one = usersFromEnv(base);
		expect(one?.shared).toEqual(['cube', 'loader', 'webWriter', 'cubeBuild', 'webReader']);
		expect(one?.users.loader.username).toBe('admin');
		const cubeOnly = usersFromEnv({ ...base, CLICKHOUSE_CUBE_USER: 'cube', CLICKHOUSE_CUBE_PASSWORD: 'c' });
		expect(cubeOnly?.shared).toEqual(['loader', 'webWriter', 'webReader']);
		expect(cubeOnly?.users.cubeBuild).toMatchObject({ username: 'cube', password: 'c' });
	});
});
