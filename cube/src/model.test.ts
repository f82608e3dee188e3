/**
 * The data model defines each shared dimension and join once (cube/model/shared.js) and compiles.
 * A dimension or join copied byte for byte into a second cube fails here: import it instead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compiledMeta, MODEL_DIR } from './model-meta.ts';

/** `name: { … }` blocks of one section (`dimensions`, `joins`) of a cube file. */
function blocks(source: string, section: string): { name: string; body: string }[] {
	const start = source.indexOf(`\t${section}: {`);
	if (start < 0) return [];
	const end = source.indexOf('\n\t},\n', start);
	return [...source.slice(start, end + 5).matchAll(/^\t\t([a-z_0-9]+): \{\n[\s\S]*?\n\t\t\},\n/gm)].map((m) => ({
		name: m[1]!,
		body: m[0],
	}));
}

describe('the data model', () => {
	for (const section of ['dimensions', 'joins']) {
		it(`defines no ${section.slice(0, -1)} twice: shared ones come from shared.js`, () => {
			const seen = new Map<string, string>();
			const repeated: string[] = [];
			for (const file of readdirSync(MODEL_DIR).filter((f) => f.endsWith('.js'))) {
				for (const { name, body } of blocks(readFileSync(`${MODEL_DIR}${file}`, 'utf8'), section)) {
					if (name === 'access') continue; // each cube's own access rule, declared beside its data
					const first = seen.get(body);
					if (first) repeated.push(`${file}: ${name} (same as ${first})`);
					else seen.set(body, `${file}: ${name}`);
				}
			}
			expect(repeated).toEqual([]);
		});
	}

	it('compiles, with the shared dimensions in every cube that imports them', async () => {
		const meta = await compiledMeta();
		const dims = (cube: string) => meta.find((c) => c.config.name === cube)?.config.dimensions?.map((d) => d.name) ?? [];
		expect(dims('placements')).toEqual(expect.arrayContaining(['placements.country', 'placements.gender', 'placements.age_band']));
		expect(dims('job_orders')).toEqual(expect.arrayContaining(['job_orders.country', 'job_orders.agency']));
	}, 30_000);
});
