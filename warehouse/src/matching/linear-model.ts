/**
 * Linear models for HiGHS (WebAssembly), as the matching engine (engine.ts) and the training
 * planner (planner.ts) write them: built once by index (`LinearModelBuilder`), handed to HiGHS as
 * arrays (`passModel`), the LP text written only when it is asked for; and the solver itself,
 * compiled once per process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import loadHighs from 'highs';

export type Highs = Awaited<ReturnType<typeof loadHighs>>;
export type HighsSolution = ReturnType<Highs['solve']>;

let compiled: WebAssembly.Module | undefined;
/**
 * HiGHS's WebAssembly, compiled once per process. A compiled module passed to a worker thread
 * (`workerData`) is the same module there, with the code V8 has optimised so far: V8 compiles the
 * solver's hot functions to optimised code only while they run, so a fresh process's first
 * national solve took ≈ 1 s more CPU than the next (docs/matching.md "Scale", fifth pass), and every
 * worker (one per matching run, run.ts) paid it again when each compiled its own.
 */
export function highsModule(): WebAssembly.Module {
	compiled ??= new WebAssembly.Module(readFileSync(createRequire(import.meta.url).resolve('highs/runtime')));
	return compiled;
}

/** In a worker: use the module compiled by the process that started it (before the first `highs()`). */
export function useHighsModule(module: WebAssembly.Module): void {
	compiled ??= module;
}

let highsPromise: Promise<Highs> | undefined;
/** The HiGHS solver, instantiated once per thread from highsModule(). */
export const highs = (): Promise<Highs> => {
	highsPromise ??= loadHighs({
		instantiateWasm(imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) {
			const module = highsModule();
			WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module));
			return {};
		},
	} as never);
	return highsPromise;
};

export interface ProblemSize {
	rows: number;
	columns: number;
	nonzeros: number;
}

/** The value HiGHS reads from a number the engine's LP text writes (nine decimals; −0 read as 0). */
export const asWritten = (v: number) => (Number.isInteger(v) ? v + 0 : Number(v.toFixed(9)));

/**
 * A linear model built once and handed to HiGHS in either of two forms: `data` (arrays, as the LP
 * relaxations are solved) and `text` (LP format, written only when asked for: integer programs,
 * tests). The arrays are exactly what HiGHS's LP reader makes of the text: columns in the order
 * they first appear in it (objective, then rows in order, then bounds), every number as the text
 * writes it (nine decimals), zero coefficients dropped. So HiGHS solves the same model from
 * either, pivot for pivot. HiGHS spent about half of the national fair LP's time reading its 6 MB
 * text (docs/matching.md "Scale", fourth pass); names are not passed with the arrays.
 */
export interface LinearModel extends ProblemSize {
	readonly text: string;
	data: {
		numCols: number;
		numRows: number;
		colCost: Float64Array;
		colLower: Float64Array;
		colUpper: Float64Array;
		rowLower: Float64Array;
		rowUpper: Float64Array;
		/** compressed by column: row indices and values of column j at starts[j] … starts[j + 1] */
		matrix: { format: 'csc'; numRows: number; numCols: number; starts: Int32Array; indices: Int32Array; values: Float64Array };
	};
	/** the column of a variable (LinearModelBuilder.variables), −1 if it appears nowhere */
	columnOf(variable: number): number;
	/** the LP text's name of column j */
	columnName(j: number): string;
}

/**
 * A solution of a LinearModel: status, objective, and each column's value (`colValue`, by
 * LinearModel.columnOf); from the LP text (an integer program), the values by name (`Columns`).
 */
export type ModelSolution = HighsSolution & { colValue?: Float64Array };

/** The value of a column by name in a solution of the LP text (HiGHS's one-shot `solve`); 0 if absent. */
export const primal = (solution: { Columns: Record<string, unknown> }, name: string) =>
	(solution.Columns[name] as { Primal?: number } | undefined)?.Primal ?? 0;

/** A variable's value in a solution of `model`, from the arrays or the text alike; 0 if it appears nowhere. */
export function variableValue(model: LinearModel, solution: ModelSolution, variable: number): number {
	const j = model.columnOf(variable);
	if (j < 0) return 0;
	return solution.colValue ? (solution.colValue[j] as number) : primal(solution, model.columnName(j));
}

type Sense = '<=' | '>=' | '=';

/**
 * Builds a LinearModel row by row, by variable index: maximise, rows `name: terms sense rhs`,
 * bounds, generals. Variables come in named blocks (`variables('y', n)`: y0 … y(n−1)); their names
 * are written only with the text. A variable becomes a column where it first appears, as in the
 * text; one that appears nowhere is no column (HiGHS's reader would not see it either).
 */
export class LinearModelBuilder {
	/**
	 * `write`: how the text writes a number that is not an integer (the engine: nine decimals; the
	 * planner: twelve significant digits, its ε is ≈ 10⁻⁶); the arrays hold the value HiGHS reads back.
	 */
	constructor(private readonly write: (v: number) => string = (v) => v.toFixed(9)) {}
	private readonly blockStart: number[] = [];
	private num(v: number): string {
		return Number.isInteger(v) ? String(v) : this.write(v);
	}
	/** the value HiGHS reads from num(v) (−0 read as 0) */
	private asWritten(v: number): number {
		return Number.isInteger(v) ? v + 0 : Number(this.write(v));
	}
	private readonly blockPrefix: string[] = [];
	/** a block of one variable named exactly its prefix */
	private readonly blockSingle: boolean[] = [];
	private variableCount = 0;
	private columnOfVariable = new Int32Array(64).fill(-1);
	private readonly variableOfColumn: number[] = [];
	private readonly cost: number[] = [];
	private readonly lower: number[] = [];
	private readonly upper: number[] = [];
	/** rows, flat: row r's columns and coefficients (as written) at rowStart[r] … rowStart[r + 1] */
	private readonly rowStart: number[] = [0];
	private readonly rowColumns: number[] = [];
	private readonly rowCoefs: number[] = [];
	private readonly rowName: string[] = [];
	private readonly rowSense: Sense[] = [];
	private readonly rowRhs: number[] = [];
	private readonly rowExplicit: ('none' | 'rest')[] = [];
	private objectiveColumns: number[] = [];
	private objectiveCoefs: number[] = [];
	private objectiveExplicit = false;
	private readonly bounds: { column: number; lo: number; hi: number; fixed: boolean }[] = [];
	private readonly generals: number[] = [];
	private dummy = -1;
	rows = 0;
	nonzeros = 0;

	/** `count` variables named `prefix`0 … ; returns the first one's index */
	variables(prefix: string, count: number): number {
		const first = this.variableCount;
		this.blockStart.push(first);
		this.blockPrefix.push(prefix);
		this.blockSingle.push(false);
		this.variableCount += count;
		if (this.columnOfVariable.length < this.variableCount) {
			const grown = new Int32Array(Math.max(this.variableCount, 2 * this.columnOfVariable.length)).fill(-1);
			grown.set(this.columnOfVariable);
			this.columnOfVariable = grown;
		}
		return first;
	}

	/** one variable named `name` */
	variable(name: string): number {
		const v = this.variables(name, 1);
		this.blockSingle[this.blockSingle.length - 1] = true;
		return v;
	}

	private variableName(v: number): string {
		let b = this.blockStart.length - 1;
		while ((this.blockStart[b] as number) > v) b--;
		return this.blockSingle[b] ? (this.blockPrefix[b] as string) : `${this.blockPrefix[b]}${v - (this.blockStart[b] as number)}`;
	}

	/** the column of a variable, added (bounds 0 … ∞, as the LP format's default) where it first appears */
	private column(v: number): number {
		let j = this.columnOfVariable[v] as number;
		if (j < 0) {
			j = this.variableOfColumn.length;
			this.columnOfVariable[v] = j;
			this.variableOfColumn.push(v);
			this.cost.push(0);
			this.lower.push(0);
			this.upper.push(Number.POSITIVE_INFINITY);
		}
		return j;
	}

	/** the text's placeholder of an empty objective or row: a column `dummy` */
	private dummyColumn(): void {
		if (this.dummy < 0) this.dummy = this.variable('dummy');
		this.column(this.dummy);
	}

	objective(variables: ArrayLike<number>, coefs: ArrayLike<number>, explicit: boolean): void {
		if (!variables.length) this.dummyColumn();
		const columns: number[] = [];
		const written: number[] = [];
		for (let i = 0; i < variables.length; i++) {
			const j = this.column(variables[i] as number);
			const c = this.asWritten(coefs[i] as number);
			columns.push(j);
			written.push(c);
			this.cost[j] = c;
		}
		this.objectiveColumns = columns;
		this.objectiveCoefs = written;
		this.objectiveExplicit = explicit;
	}

	/** `explicit`: the coefficients after the first written out even when ±1 */
	row(name: string, variables: ArrayLike<number>, coefs: ArrayLike<number>, sense: Sense, rhs: number, explicit = false): void {
		if (!variables.length) this.dummyColumn();
		for (let i = 0; i < variables.length; i++) {
			this.rowColumns.push(this.column(variables[i] as number));
			this.rowCoefs.push(this.asWritten(coefs[i] as number));
		}
		this.rowStart.push(this.rowColumns.length);
		this.rowName.push(name);
		this.rowSense.push(sense);
		this.rowRhs.push(rhs);
		this.rowExplicit.push(explicit ? 'rest' : 'none');
		this.rows++;
		this.nonzeros += variables.length;
	}

	/** `fixed`: written `name = lo` (lo = hi) */
	bound(v: number, lo: number, hi: number, fixed = false): void {
		const j = this.column(v);
		this.bounds.push({ column: j, lo, hi, fixed });
		this.lower[j] = this.asWritten(lo);
		this.upper[j] = this.asWritten(hi);
	}

	general(v: number): void {
		this.generals.push(v);
	}

	/** terms as the LP text writes them: `a + b - c`, coefficients other than ±1 with nine decimals (`explicit`: every one) */
	private terms(columns: readonly number[], coefs: readonly number[], from: number, to: number, explicit: 'none' | 'all' | 'rest'): string {
		if (from === to) return '0 dummy';
		let text = '';
		for (let i = from; i < to; i++) {
			const name = this.variableName(this.variableOfColumn[columns[i] as number] as number);
			const c = coefs[i] as number;
			if (i === from) text += c === 1 && explicit !== 'all' ? name : c < 0 ? `-${this.num(-c)} ${name}` : `${this.num(c)} ${name}`;
			else if (explicit === 'none' && (c === 1 || c === -1)) text += ` ${c > 0 ? '+' : '-'} ${name}`;
			else text += ` ${c < 0 || Object.is(c, -0) ? '-' : '+'} ${this.num(Math.abs(c))} ${name}`;
		}
		return text;
	}

	private writeText(): string {
		const lines = [
			'Maximize',
			` obj: ${this.terms(this.objectiveColumns, this.objectiveCoefs, 0, this.objectiveColumns.length, this.objectiveExplicit ? 'all' : 'none')}`,
			'Subject To',
		];
		for (let r = 0; r < this.rowName.length; r++) {
			const terms = this.terms(
				this.rowColumns,
				this.rowCoefs,
				this.rowStart[r] as number,
				this.rowStart[r + 1] as number,
				this.rowExplicit[r] as 'none' | 'rest',
			);
			lines.push(` ${this.rowName[r]}: ${terms} ${this.rowSense[r]} ${this.num(this.rowRhs[r] as number)}`);
		}
		lines.push('Bounds');
		for (const { column, lo, hi, fixed } of this.bounds) {
			const name = this.variableName(this.variableOfColumn[column] as number);
			lines.push(
				fixed
					? ` ${name} = ${this.num(lo)}`
					: hi === Number.POSITIVE_INFINITY
						? ` ${name} >= ${this.num(lo)}`
						: ` ${this.num(lo)} <= ${name} <= ${this.num(hi)}`,
			);
		}
		lines.push('Generals');
		for (let i = 0; i < this.generals.length; i += 50)
			lines.push(
				` ${this.generals
					.slice(i, i + 50)
					.map((v) => this.variableName(v))
					.join(' ')}`,
			);
		lines.push('End');
		return lines.join('\n');
	}

	build(columns: number): LinearModel {
		const numCols = this.variableOfColumn.length;
		const numRows = this.rowName.length;
		const rowLower = new Float64Array(numRows);
		const rowUpper = new Float64Array(numRows);
		for (let r = 0; r < numRows; r++) {
			const sense = this.rowSense[r] as Sense;
			const rhs = this.asWritten(this.rowRhs[r] as number);
			rowLower[r] = sense === '<=' ? Number.NEGATIVE_INFINITY : rhs;
			rowUpper[r] = sense === '>=' ? Number.POSITIVE_INFINITY : rhs;
		}
		// by column: each column's entries in row order (zero coefficients dropped, as the reader does)
		const starts = new Int32Array(numCols + 1);
		const rowColumns = this.rowColumns;
		const rowCoefs = this.rowCoefs;
		for (let i = 0; i < rowColumns.length; i++)
			if (rowCoefs[i] !== 0) starts[(rowColumns[i] as number) + 1] = (starts[(rowColumns[i] as number) + 1] as number) + 1;
		for (let j = 0; j < numCols; j++) starts[j + 1] = (starts[j + 1] as number) + (starts[j] as number);
		const fill = starts.slice(0, numCols);
		const indices = new Int32Array(starts[numCols] as number);
		const values = new Float64Array(starts[numCols] as number);
		for (let r = 0; r < numRows; r++)
			for (let i = this.rowStart[r] as number; i < (this.rowStart[r + 1] as number); i++) {
				const v = rowCoefs[i] as number;
				if (v === 0) continue;
				const j = rowColumns[i] as number;
				const at = fill[j] as number;
				indices[at] = r;
				values[at] = v;
				fill[j] = at + 1;
			}
		let written: string | undefined;
		const builder = this;
		const columnOfVariable = this.columnOfVariable;
		const variableCount = this.variableCount;
		return {
			get text() {
				written ??= builder.writeText();
				return written;
			},
			rows: this.rows,
			columns,
			nonzeros: this.nonzeros,
			columnOf: (v: number) => (v >= 0 && v < variableCount ? (columnOfVariable[v] as number) : -1),
			columnName: (j: number) => this.variableName(this.variableOfColumn[j] as number),
			data: {
				numCols,
				numRows,
				colCost: Float64Array.from(this.cost),
				colLower: Float64Array.from(this.lower),
				colUpper: Float64Array.from(this.upper),
				rowLower,
				rowUpper,
				matrix: { format: 'csc', numRows, numCols, starts, indices, values },
			},
		};
	}
}

/** HiGHS's model status codes by name, as its one-shot `solve` reports them. */
const MODEL_STATUS = [
	'Not Set',
	'Load error',
	'Model error',
	'Presolve error',
	'Solve error',
	'Postsolve error',
	'Empty',
	'Optimal',
	'Infeasible',
	'Primal infeasible or unbounded',
	'Unbounded',
	'Bound on objective reached',
	'Target for objective reached',
	'Time limit reached',
	'Iteration limit reached',
	'Unknown',
];

/**
 * Solves a LinearModel's arrays (`data`, continuous: its LP relaxation) in a HiGHS instance of its
 * own, with the one-shot `solve`'s steps (a fresh solver, the model, the options, one run) but
 * without writing and parsing the LP text. The answer: status, objective, each column's value.
 */
function solveArrays(solver: Highs, model: LinearModel, settings: Record<string, unknown>): ModelSolution {
	const instance = solver.createModel();
	try {
		instance.options.set(settings as Record<string, string | number | boolean>);
		instance.passModel({ ...model.data, sense: solver.constants.objectiveSense.maximize });
		instance.run();
		const status = MODEL_STATUS[instance.getModelStatus()] ?? 'Unknown';
		const solved = status === 'Optimal' || status === 'Time limit reached';
		const colValue = solved ? Float64Array.from(instance.getSolution().colValue) : new Float64Array(model.data.numCols);
		return { Status: status, ObjectiveValue: instance.getObjectiveValue(), Columns: {}, Rows: [], colValue } as unknown as ModelSolution;
	} finally {
		instance.dispose();
	}
}

/**
 * The LP relaxation of a model (an LP-format text: without its Generals section; a LinearModel:
 * its arrays, solveArrays), and whether it came out integral. The time limit of `settings` is the
 * integer program's, not the relaxation's: a relaxation is what the bound and the rounding start
 * from (cut off, it gives neither: one possible cause of the national back-test date that failed,
 * docs/matching.md), and solving it takes seconds where the integer program can take hours.
 */
export function solveRelaxation(
	solver: Highs,
	model: string | LinearModel,
	settings: Record<string, unknown>,
): ModelSolution & { integral: boolean } {
	const { time_limit: _mipLimit, ...lpSettings } = settings;
	let relaxation: ModelSolution;
	let values: ArrayLike<number>;
	if (typeof model === 'string') {
		const at = model.indexOf('\nGenerals\n');
		relaxation = solver.solve(`${model.slice(0, at)}\nEnd`, { ...lpSettings, solver: 'simplex' } as never);
		values = Object.values(relaxation.Columns as Record<string, { Primal?: number }>).map((c) => c.Primal ?? 0);
	} else {
		relaxation = solveArrays(solver, model, { ...lpSettings, solver: 'simplex' });
		values = relaxation.colValue as Float64Array;
	}
	let integral = relaxation.Status === 'Optimal';
	for (let j = 0; integral && j < values.length; j++) {
		const v = values[j] as number;
		integral = Math.abs(v - Math.round(v)) < 1e-6;
	}
	return { ...relaxation, integral };
}

/**
 * Solves a model whose variables must be integers: first its LP relaxation. An integral LP optimum
 * is the integer optimum (the relaxation's optimum bounds it), so the MIP (from the LP text) is
 * solved only when some variable comes out fractional, or the relaxation is not solved.
 */
export function solveInteger(
	solver: Highs,
	model: LinearModel,
	settings: Record<string, unknown>,
): ModelSolution & { relaxed: boolean; relaxation: ModelSolution & { integral: boolean } } {
	const relaxation = solveRelaxation(solver, model, settings);
	if (relaxation.Status === 'Infeasible' || relaxation.integral) return { ...relaxation, relaxed: true, relaxation };
	return { ...solver.solve(model.text, settings as never), relaxed: false, relaxation };
}
