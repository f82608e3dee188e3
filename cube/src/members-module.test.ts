/**
 * The checked-in member module (common/cube-members.generated.ts) is what the model compiles to:
 * a member renamed or removed in cube/model without `npm run generate:members` fails here, and the
 * web's queries typed with the module then fail `npm run check`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CUBE_MEMBERS } from '../../common/cube-members.generated.ts';
import { MEMBERS_MODULE, memberRows, membersModule } from './members-module.ts';
import { compiledMeta } from './model-meta.ts';

describe('the generated member module', () => {
	it('equals what the compiled model generates (run `npm run generate:members` after changing cube/model)', async () => {
		expect(readFileSync(MEMBERS_MODULE, 'utf8')).toBe(await membersModule());
	}, 30_000);

	it('lists every visible member of the model with its kind and format, and no hidden one', async () => {
		const meta = await compiledMeta();
		const all = meta.flatMap(({ config }) => [
			...(config.measures ?? []).map((m) => ({ ...m, kind: 'measure' })),
			...(config.dimensions ?? []).map((d) => ({ ...d, kind: d.type === 'time' ? 'time' : 'dimension' })),
		]);
		const visible = all.filter((m) => m.isVisible !== false && m.meta?.internal !== true);
		expect(Object.keys(CUBE_MEMBERS).sort()).toEqual(visible.map((m) => m.name).sort());
		for (const m of visible) expect(CUBE_MEMBERS[m.name as keyof typeof CUBE_MEMBERS].kind, m.name).toBe(m.kind);
		for (const hidden of all.filter((m) => !visible.includes(m))) expect(CUBE_MEMBERS, hidden.name).not.toHaveProperty([hidden.name]);
		// formats come through: a ratio is a percent, a count a number (docs/metrics.md)
		expect(CUBE_MEMBERS['placements.medium_high_share'].format).toBe('percent');
		expect(CUBE_MEMBERS['placements.placements']).toMatchObject({ kind: 'measure', format: 'number', title_id: 'Penempatan' });
		expect(memberRows(meta as never).length).toBe(visible.length);
	}, 30_000);
});
