/**
 * What the access tests share: requests to the real Cube as any role (GET or POST, with a given
 * token or none), and the warehouse for independent counts.
 */
import { inject } from 'vitest';
import { connect, queryRows, type Warehouse } from '../../../warehouse/src/client.ts';
import { type CubeResponse, cubeRequest, type TestCube, tokenFor } from '../../support/cube-client.ts';

export const cube: TestCube = inject('cube')!;
export const db: Warehouse = connect(inject('clickhouse'));

export type Claims = Record<string, unknown>;
export const MINISTER: Claims = { role: 'minister', sub: 'test-minister' };
export const DIRECTOR: Claims = { role: 'director', sub: 'test-director' };
export const REGIONAL_52: Claims = { role: 'regional', province: '52', sub: 'test-ntb' };
export const PUBLIC: Claims = { role: 'public' };
export const SYSTEM: Claims = { role: 'system', sub: 'test-loader' };

export async function ask(claims: Claims, path: string, query?: unknown): Promise<CubeResponse> {
	return cubeRequest(cube, path, await tokenFor(cube, claims), query);
}

/** A POST /load, as the web app sends it; retries while Cube answers "Continue wait". */
export async function post(claims: Claims | null, path: string, body: string): Promise<CubeResponse> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (claims) headers.authorization = `Bearer ${await tokenFor(cube, claims)}`;
	for (let attempt = 0; attempt < 120; attempt++) {
		const res = await fetch(`${cube.url}/cubejs-api/v1/${path}`, { method: 'POST', headers, body });
		const json = (await res.json()) as CubeResponse['body'];
		if (json.error === 'Continue wait') continue;
		return { status: res.status, body: json };
	}
	throw new Error(`Cube kept answering "Continue wait" for POST ${path}`);
}

/** A GET with a raw query string and an explicit Authorization header (or none). */
export async function rawGet(path: string, authorization: string | null, rawQuery?: string): Promise<CubeResponse> {
	const url = `${cube.url}/cubejs-api/v1/${path}${rawQuery === undefined ? '' : `?query=${encodeURIComponent(rawQuery)}`}`;
	const res = await fetch(url, { headers: authorization ? { authorization } : {} });
	const text = await res.text();
	let body: CubeResponse['body'];
	try {
		body = JSON.parse(text) as CubeResponse['body'];
	} catch {
		body = { error: `not JSON: ${text.slice(0, 200)}` };
	}
	return { status: res.status, body };
}

export async function load(claims: Claims, query: unknown): Promise<Record<string, string | number | null>[]> {
	const { status, body } = await ask(claims, 'load', query);
	if (status !== 200) throw new Error(`Cube ${status}: ${body.error}`);
	return body.data ?? [];
}

/** SQL counts keyed by the first column. */
export async function sqlCounts(sql: string): Promise<Map<string, number>> {
	const rows = await queryRows<{ k: string; n: string }>(db, sql);
	return new Map(rows.map((r) => [String(r.k), Number(r.n)]));
}

export function byKey(rows: Record<string, unknown>[], key: string, value: string): Map<string, string> {
	return new Map(rows.map((r) => [String(r[key]), String(r[value])]));
}
