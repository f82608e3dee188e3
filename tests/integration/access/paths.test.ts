/**
 * Cube's HTTP surface answers exactly the paths SLMI uses, spelled one way. Express routes
 * case-insensitively and forgives a trailing slash while the access checks compared paths
 * exactly, so `GET /Cubejs-api/v1/meta?extended` gave the public every cube with member SQL and
 * `/CUBEJS-API/v1/load` skipped the input checks. Any other spelling is now a 404 that reaches no
 * handler. Requests go out through node:http so that the path is sent as written (fetch would
 * resolve dot segments and backslashes first).
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { tokenFor } from '../../support/cube-client.ts';
import { type Claims, cube, DIRECTOR, MINISTER, PUBLIC, REGIONAL_52, SYSTEM } from './access-client.ts';

interface Answer {
	status: number;
	body: Record<string, unknown>;
	text: string;
}

async function send(method: string, path: string, claims: Claims | null, body?: string): Promise<Answer> {
	const url = new URL(cube.url);
	const headers: Record<string, string> = {};
	if (claims) headers.authorization = `Bearer ${await tokenFor(cube, claims)}`;
	if (body !== undefined) headers['content-type'] = 'application/json';
	return new Promise((resolve, reject) => {
		const req = http.request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (chunk) => {
				text += chunk;
			});
			res.on('end', () => {
				let parsed: Record<string, unknown>;
				try {
					parsed = JSON.parse(text) as Record<string, unknown>;
				} catch {
					parsed = { notJson: text.slice(0, 200) };
				}
				resolve({ status: res.statusCode ?? 0, body: parsed, text });
			});
		});
		req.on('error', reject);
		req.end(body);
	});
}

const LOAD_QUERY = `?query=${encodeURIComponent(JSON.stringify({ measures: ['placements.placements'] }))}`;
const PUBLIC_QUERY = `?query=${encodeURIComponent(JSON.stringify({ measures: ['public_placements.placements'] }))}`;

/** Every spelling of a canonical path that is not the canonical one. */
function variants(path: string): string[] {
	const [, api, version, ...rest] = path.split('/');
	const tail = rest.join('/');
	const last = rest.at(-1)!;
	return [
		path.toUpperCase(),
		`/${api![0]!.toUpperCase()}${api!.slice(1)}/${version}/${tail}`,
		`/${api}/${version!.toUpperCase()}/${tail}`,
		`/${api}/${version}/${tail.toUpperCase()}`,
		`/${path}`,
		`/${api}//${version}/${tail}`,
		`/${api}/${version}//${tail}`,
		`${path}/`,
		`${path}//`,
		`/${api}/${version}/${tail.replace(last, `%${last.charCodeAt(0).toString(16)}${last.slice(1)}`)}`,
		`/${api}%2F${version}%2F${tail}`,
		`/${api!.replace('-', '%2D')}/${version}/${tail}`,
		`/${api}\\${version}\\${tail}`,
		`/${api}/${version}/./${tail}`,
		`/${api}/x/../${version}/${tail}`,
		`/${api}/${version}/${tail};x`,
		`${path}%00`,
	];
}

function expectNotFound(answer: Answer, what: string): void {
	expect(answer.status, `${what}: ${answer.text.slice(0, 200)}`).toBe(404);
	expect(answer.body.error, what).toMatch(/^Not found/);
	expect(answer.text, what).not.toMatch(/"cubes"|"data"|"sql"|SELECT|fct_/);
}

const ROLES: Claims[] = [PUBLIC, MINISTER, DIRECTOR, REGIONAL_52, SYSTEM];

describe('path spellings', () => {
	it('the spellings of the issue answer 404, never data', async () => {
		expectNotFound(await send('GET', '/Cubejs-api/v1/meta?extended', PUBLIC), 'public /Cubejs-api/v1/meta?extended');
		const big = `?query=${encodeURIComponent(JSON.stringify({ measures: ['placements.placements'], limit: 100_000 }))}`;
		for (const claims of ROLES) {
			expectNotFound(await send('GET', `/CUBEJS-API/v1/load${big}`, claims), `${claims.role} /CUBEJS-API/v1/load`);
			expectNotFound(await send('GET', '/Cubejs-api/v1/meta?extended', claims), `${claims.role} /Cubejs-api/v1/meta?extended`);
		}
	});

	it('every other spelling of every endpoint answers 404 for every role', async () => {
		const endpoints: [string, string, string, string | undefined][] = [
			['GET', '/cubejs-api/v1/load', LOAD_QUERY, undefined],
			['POST', '/cubejs-api/v1/load', '', JSON.stringify({ query: { measures: ['placements.placements'] } })],
			['GET', '/cubejs-api/v1/sql', LOAD_QUERY, undefined],
			['GET', '/cubejs-api/v1/dry-run', LOAD_QUERY, undefined],
			['GET', '/cubejs-api/v1/meta', '', undefined],
			['POST', '/cubejs-api/v1/pre-aggregations/jobs', '', JSON.stringify({ action: 'get', tokens: [] })],
		];
		let checked = 0;
		for (const [method, path, query, body] of endpoints) {
			for (const variant of variants(path)) {
				for (const claims of [...ROLES, null]) {
					expectNotFound(await send(method, `${variant}${query}`, claims, body), `${claims?.role ?? 'no token'} ${method} ${variant}`);
					checked++;
				}
			}
		}
		expect(checked).toBeGreaterThan(500);
	});

	it('the canonical spellings still answer', async () => {
		expect((await send('GET', `/cubejs-api/v1/load${LOAD_QUERY}`, MINISTER)).status).toBe(200);
		expect((await send('GET', `/cubejs-api/v1/load${PUBLIC_QUERY}`, PUBLIC)).status).toBe(200);
		expect((await send('GET', '/cubejs-api/v1/meta', PUBLIC)).status).toBe(200);
		expect((await send('GET', `/cubejs-api/v1/sql${LOAD_QUERY}`, MINISTER)).status).toBe(200);
		const jobs = await send('POST', '/cubejs-api/v1/pre-aggregations/jobs', SYSTEM, JSON.stringify({ action: 'get', tokens: [] }));
		expect(jobs.status).toBe(200);
	});

	it("Cube's other routes, and other methods on ours, are not there", async () => {
		const others: [string, string][] = [
			['GET', '/'],
			['GET', '/readyz'],
			['GET', '/livez'],
			['POST', '/cubejs-api/graphql'],
			['GET', `/cubejs-api/v1/subscribe${LOAD_QUERY}`],
			['GET', '/cubejs-api/v1/run-scheduled-refresh'],
			['POST', '/cubejs-api/v1/pre-aggregations/can-use'],
			['GET', '/cubejs-system/v1/context'],
			['DELETE', '/cubejs-api/v1/load'],
			['PUT', '/cubejs-api/v1/load'],
			['POST', '/cubejs-api/v1/meta'],
			['GET', '/cubejs-api/v1/pre-aggregations/jobs'],
			['HEAD', '/cubejs-api/v1/meta'],
			['OPTIONS', '/cubejs-api/v1/load'],
		];
		for (const [method, path] of others) {
			for (const claims of [MINISTER, SYSTEM, PUBLIC]) {
				const answer = await send(method, path, claims, method === 'POST' ? '{}' : undefined);
				expect(answer.status, `${claims.role} ${method} ${path}`).toBe(404);
				if (method !== 'HEAD') expect(answer.body.error, `${method} ${path}`).toMatch(/^Not found/);
			}
		}
	});
});

describe('/meta?extended (member SQL)', () => {
	it('is refused to every role', async () => {
		for (const claims of ROLES) {
			const answer = await send('GET', '/cubejs-api/v1/meta?extended', claims);
			expect(answer.status, String(claims.role)).toBe(400);
			expect(answer.body.error).toMatch(/"extended"/);
			expect(answer.text).not.toMatch(/"cubes"|"sql"/);
		}
		const other = await send('GET', '/cubejs-api/v1/meta?foo=1', MINISTER);
		expect(other.status).toBe(400);
		expect(other.body.error).toMatch(/"foo"/);
	});
});
