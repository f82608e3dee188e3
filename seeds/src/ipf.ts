/**
 * Iterative proportional fitting (raking) of a two-way table: scales a seed matrix until its row
 * sums and column sums match given margins. Zero seeds stay zero, so structural rules ("a nurse
 * line needs a bachelor's degree", "no Malaysian plantation work from a Hong Kong-only province")
 * survive the fit. Used to make destinations × provinces, cells × education, months × cells agree
 * with every published margin at once.
 */

export interface IpfResult {
	/** row-major, rows × cols */
	readonly table: Float64Array;
	/** largest relative gap left on any margin */
	readonly maxGap: number;
	readonly iterations: number;
}

export function ipf(
	seed: Float64Array,
	rows: number,
	cols: number,
	rowTargets: ArrayLike<number>,
	colTargets: ArrayLike<number>,
	{ maxIterations = 200, tolerance = 1e-6 }: { maxIterations?: number; tolerance?: number } = {},
): IpfResult {
	if (seed.length !== rows * cols) throw new Error('ipf: seed size does not match rows × cols');
	const table = Float64Array.from(seed);
	let rowSum = 0;
	let colSum = 0;
	for (let r = 0; r < rows; r++) rowSum += rowTargets[r] as number;
	for (let c = 0; c < cols; c++) colSum += colTargets[c] as number;
	// Margins that disagree on the grand total cannot both be met; fit the columns to the rows'.
	const colScale = colSum > 0 ? rowSum / colSum : 0;
	let maxGap = Number.POSITIVE_INFINITY;
	let iterations = 0;
	for (; iterations < maxIterations && maxGap > tolerance; iterations++) {
		for (let r = 0; r < rows; r++) {
			let s = 0;
			for (let c = 0; c < cols; c++) s += table[r * cols + c] as number;
			const target = rowTargets[r] as number;
			const f = s > 0 ? target / s : 0;
			for (let c = 0; c < cols; c++) table[r * cols + c] = (table[r * cols + c] as number) * f;
		}
		maxGap = 0;
		for (let c = 0; c < cols; c++) {
			let s = 0;
			for (let r = 0; r < rows; r++) s += table[r * cols + c] as number;
			const target = (colTargets[c] as number) * colScale;
			const f = s > 0 ? target / s : 0;
			if (target > 0) maxGap = Math.max(maxGap, Math.abs(s - target) / target);
			for (let r = 0; r < rows; r++) table[r * cols + c] = (table[r * cols + c] as number) * f;
		}
		for (let r = 0; r < rows; r++) {
			let s = 0;
			for (let c = 0; c < cols; c++) s += table[r * cols + c] as number;
			const target = rowTargets[r] as number;
			if (target > 0) maxGap = Math.max(maxGap, Math.abs(s - target) / target);
		}
	}
	return { table, maxGap, iterations };
}
