import { describe, expect, it } from 'vitest';
import { formatValue } from './format.ts';
import { translator } from './i18n/index.ts';
import { runStatusText } from './run-status.ts';

describe('the engine run status in words', () => {
	for (const lang of ['id', 'en'] as const) {
		const t = translator(lang);
		const n = (v: number | null) => formatValue(v, 'number', lang);
		it(`names each status, with the fill against its bound when rounded (${lang})`, () => {
			const optimal = runStatusText(t, { status: 'Optimal', fillable: 10, fillBound: 10 }, n);
			const atBound = runStatusText(t, { status: 'Rounded', fillable: 186784, fillBound: 186784 }, n);
			const below = runStatusText(t, { status: 'Rounded', fillable: 186700, fillBound: 186784 }, n);
			const timeLimit = runStatusText(t, { status: 'Time limit reached', fillable: 5, fillBound: 9 }, n);
			// the solver's English codes are not shown as they are in Indonesian
			if (lang === 'id') for (const text of [optimal, atBound, below, timeLimit]) expect(text).not.toMatch(/Rounded|Time limit/);
			expect(new Set([optimal, atBound, below, timeLimit]).size).toBe(4);
			expect(atBound).toContain(n(186784));
			expect(below).toContain(n(186700));
			expect(below).toContain(n(186784));
			expect(timeLimit).toContain(n(9));
			for (const text of [optimal, atBound, below, timeLimit]) expect(text).not.toMatch(/\{|\}/);
			expect(runStatusText(t, { status: 'Infeasible', fillable: 0, fillBound: 0 }, n)).toContain('Infeasible');
		});
	}
});
