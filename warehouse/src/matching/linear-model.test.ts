import { describe, expect, it } from 'vitest';
import { lcg } from '../../../tests/support/lcg.ts';
import { highs, LinearModelBuilder, primal, solveRelaxation, variableValue } from './linear-model.ts';

/**
 * A seeded model of the kinds of rows and bounds the engine writes (lpText): ±1 and other
 * coefficients (some with more than nine decimals, some zero, a first term other than 1), rows of
 * ≤, ≥ and = (some right-hand sides and bounds fractional), bounds of a range, fixed, or from 0 up,
 * columns first named in the bounds, generals.
 */
function seeded(seed: number, write?: (v: number) => string) {
	const rand = lcg(seed);
	const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
	const b = new LinearModelBuilder(write);
	const n = 5 + Math.floor(rand() * 30);
	// two blocks of variables (as the engine's y, f, u), declared in an order other than the columns'
	const split = Math.floor(n / 2);
	const z = b.variables('z', n - split);
	const x = b.variables('x', split);
	const names = Array.from({ length: n }, (_, j) => (j < split ? x + j : z + j - split));
	const subset = () => names.filter(() => rand() < 0.3);
	const coef = () => pick([1, 1, 1, -1, -1, 2, 0, rand(), -rand(), Math.round(rand() * 1e12) / 1e12, 1 / 3, -rand() * 1e-5]);
	const objective = subset();
	b.objective(
		objective,
		objective.map(() => Math.round(rand() * 1e12) / 1e12),
		rand() < 0.7,
	);
	const rows = 3 + Math.floor(rand() * 20);
	for (let i = 0; i < rows; i++) {
		const terms = subset();
		if (!terms.length) continue;
		b.row(
			`r${i}`,
			terms,
			terms.map(coef),
			pick(['<=', '>=', '='] as const),
			Math.floor(rand() * 20) - 3 + pick([0, 0, 1 / 3]),
			rand() < 0.2,
		);
	}
	for (const name of names)
		if (rand() < 0.8) {
			const kind = pick(['range', 'fixed', 'up'] as const);
			const hi = Math.floor(rand() * 10) + pick([0, 0, 1 / 7]);
			if (kind === 'range') b.bound(name, 0, hi);
			else if (kind === 'fixed') b.bound(name, hi, hi, true);
			else b.bound(name, 0, Number.POSITIVE_INFINITY);
		}
	for (const name of names) if (rand() < 0.3) b.general(name);
	return { model: b.build(n), variables: names };
}

describe('the linear model handed to HiGHS as arrays', () => {
	it('is the model HiGHS reads from its LP text, and solves alike', async () => {
		const solver = await highs();
		const statuses = new Set<string>();
		// seeds 1–60 as the engine writes numbers (nine decimals), 61–90 as the planner does (twelve significant digits)
		for (let seed = 1; seed <= 90; seed++) {
			const { model, variables } = seeded(seed, seed > 60 ? (v) => v.toPrecision(12) : undefined);
			// what HiGHS's LP reader makes of the text (its relaxation: without the Generals section)
			const read = solver.createModel();
			read.readModel({ format: 'lp', data: `${model.text.slice(0, model.text.indexOf('\nGenerals\n'))}\nEnd` });
			const fromText = read.getLp('csc');
			const textNames = Array.from({ length: fromText.numCols }, (_, j) => read.getColName(j));
			read.dispose();
			const passed = solver.createModel();
			passed.passModel({ ...model.data, sense: solver.constants.objectiveSense.maximize });
			const fromArrays = passed.getLp('csc');
			passed.dispose();
			expect(
				Array.from({ length: model.data.numCols }, (_, j) => model.columnName(j)),
				`seed ${seed}`,
			).toEqual(textNames);
			for (const key of ['numCols', 'numRows', 'sense', 'offset'] as const)
				expect(fromArrays[key], `seed ${seed} ${key}`).toBe(fromText[key]);
			for (const key of ['colCost', 'colLower', 'colUpper', 'rowLower', 'rowUpper'] as const)
				expect(Array.from(fromArrays[key]), `seed ${seed} ${key}`).toEqual(Array.from(fromText[key]));
			for (const key of ['starts', 'indices', 'values'] as const)
				expect(Array.from(fromArrays.matrix[key]), `seed ${seed} matrix ${key}`).toEqual(Array.from(fromText.matrix[key]));
			// and the relaxation solved from either form gives the same answer
			const a = solveRelaxation(solver, model.text, { output_flag: false });
			const b = solveRelaxation(solver, model, { output_flag: false });
			statuses.add(a.Status);
			expect(b.Status, `seed ${seed}`).toBe(a.Status);
			if (a.Status === 'Optimal') {
				expect(b.ObjectiveValue, `seed ${seed}`).toBe(a.ObjectiveValue);
				for (const v of variables) {
					const j = model.columnOf(v);
					const name = j < 0 ? '' : model.columnName(j);
					expect(variableValue(model, b, v), `seed ${seed} ${name}`).toBe(primal(a, name));
				}
				expect(b.integral).toBe(a.integral);
			}
		}
		// the seeds reach optimal and other outcomes
		expect(statuses.has('Optimal')).toBe(true);
		expect(statuses.size).toBeGreaterThan(1);
	});
});
