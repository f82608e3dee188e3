/**
 * The checked-in member module (common/cube-members.generated.ts) is what the model compiles to:
 * a member renamed or removed in cube/model without `npm run generate:members` fails here, and the
 * web's queries typed with the module then fail `npm run check`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CUBE_MEMBERS } from '../../common/cube-members.generated.ts';
import { MEMBERS_MODULE, memberRows, membersModule } from './members-module.ts';
import { compiledMeta, compiledModel } from './model-meta.ts';

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

	it("gives a view's member the format of the cube member it includes (Cube 0.33 drops `format` on views)", async () => {
		const { cubes, aliases } = await compiledModel();
		const formatOf = new Map(
			cubes.flatMap(({ config }) =>
				[...(config.measures ?? []), ...(config.dimensions ?? [])].map((m) => [m.name, (m as { format?: string }).format ?? null] as const),
			),
		);
		const views = cubes.filter(({ config }) => (config as { type?: string }).type === 'view');
		expect(views.length, 'the model has views').toBeGreaterThan(0);
		let formatted = 0;
		for (const { config } of views) {
			for (const m of config.measures ?? []) {
				const info = CUBE_MEMBERS[m.name as keyof typeof CUBE_MEMBERS];
				if (!info) continue; // hidden
				const alias = aliases[m.name];
				// our views include a cube's members under their own names
				expect(alias?.split('.')[1], `${m.name} includes a cube member of its name`).toBe(m.name.split('.')[1]);
				const own = formatOf.get(alias as string) ?? null;
				expect(info.format, `${m.name} has the format of ${alias}`).toBe(own);
				if (own !== null) formatted++;
			}
		}
		expect(formatted, 'view measures with a format').toBeGreaterThan(10);
		expect(CUBE_MEMBERS['public_quick_win.progress'].format).toBe(CUBE_MEMBERS['quick_win.progress'].format);
		expect(CUBE_MEMBERS['public_demand.fill_rate'].format).toBe('percent');
	}, 30_000);
});
