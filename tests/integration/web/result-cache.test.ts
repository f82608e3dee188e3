/**
 * The web app's result cache is shared by the users of one scope only (issue #13): the same page
 * asked by the director, the regional head of Jawa Barat and the regional head of Nusa Tenggara
 * Barat, one after the other, must give each the answer Cube gives that role — never an answer
 * cached for another (web/src/lib/server/result-cache.ts, cacheScope).
 */
import { unflatten } from 'devalue';
import { describe, expect, inject, it } from 'vitest';
import { logIn, webRequest } from './web-client.ts';

const base = inject('web')!.url;

interface ProvincePage {
	errors: Record<string, string | null>;
	funnel: { stage: string; value: number | null }[];
	isOwnProvince: boolean;
}

/** A page's server data as SvelteKit's client reads it (`__data.json`, devalue-encoded). */
async function pageData<T>(path: string, cookie?: string): Promise<T> {
	const response = await webRequest(base, `${path}/__data.json`, { cookie });
	expect(response.status, `${path}: ${response.body.slice(0, 200)}`).toBe(200);
	const nodes = (JSON.parse(response.body) as { nodes: ({ type: string; data: unknown[] } | null)[] }).nodes;
	const page = nodes.at(-1);
	if (page?.type !== 'data') throw new Error(`no page data for ${path}`);
	return unflatten(page.data) as T;
}

describe('result cache scopes', () => {
	it("never gives a regional head the director's or another province's cached answer", async () => {
		const director = await logIn(base, 'direktur', '127.0.0.31');
		// kepala-jatim may be locked by security.test.ts's throttle test (same web process)
		const jabar = await logIn(base, 'kepala-jabar', '127.0.0.32');
		const ntb = await logIn(base, 'kepala-ntb', '127.0.0.33');

		// Jawa Barat's province page, asked twice by each in turn: the second asks come from the cache.
		const asked: Record<string, ProvincePage[]> = { director: [], jabar: [], ntb: [] };
		for (let round = 0; round < 2; round++) {
			asked.director!.push(await pageData<ProvincePage>('/provinces/32', director));
			asked.jabar!.push(await pageData<ProvincePage>('/provinces/32', jabar));
			asked.ntb!.push(await pageData<ProvincePage>('/provinces/32', ntb));
		}
		for (const [who, pages] of Object.entries(asked)) expect(pages[1], `${who}: the same answer when asked again`).toEqual(pages[0]);

		const [d, j, n] = [asked.director![0]!, asked.jabar![0]!, asked.ntb![0]!];
		// the director and Jawa Barat's own head see its candidate funnel, the same numbers
		expect(d.errors.funnel).toBeNull();
		expect(d.funnel.some((s) => (s.value ?? 0) > 0)).toBe(true);
		expect(j.errors.funnel).toBeNull();
		expect(j.funnel).toEqual(d.funnel);
		// Nusa Tenggara Barat's head is refused it by Cube, after both were cached
		expect(n.isOwnProvince).toBe(false);
		expect(n.errors.funnel).toBe('refused');
		expect(n.funnel.every((s) => s.value === null)).toBe(true);
	});
});
