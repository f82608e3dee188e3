/**
 * Small-cell suppression for public results: a pure function from a result table to the cells
 * that must not be shown. docs/access.md ("Suppression") explains the rules for readers; here:
 *
 * 1. primary — a count cell with 1 ≤ value < threshold is hidden. Zero stays visible: Cube leaves
 *    empty combinations out of a result, so their absence says "zero" anyway. A count that is
 *    part of another count in the same row (women among all placements) is also hidden when the
 *    difference is small, since the difference would be the disclosure.
 * 2. complementary — a table's totals are public too (the same query without a dimension), so
 *    a line of the table (the cells that differ in one dimension only) holding exactly one
 *    hidden cell would give it away by subtraction: the line's smallest other cell is hidden as
 *    well, until no line with a public total holds exactly one. Dimensions with public coarser
 *    levels (month ⊂ quarter ⊂ year, country ⊂ region) are checked at every level.
 * 3. exactness — lines can still combine to give a hidden cell away; the remaining computable
 *    cells are found exactly (a graph check up to two dimensions, linear algebra beyond) and
 *    protected with one more cell each, until none is left.
 * 4. derived — a ratio, rate or average is hidden in every row where one of the counts it is
 *    built from is hidden.
 * 5. coarser tables first (suppressWithMarginals) — which totals count as public is decided by
 *    suppressing every coarser table first, the way a query for it would be answered.
 *
 * suppressTable does steps 1–4 for one table; suppressWithMarginals is what the public API uses.
 */

/** What a hidden cell holds in a public result: a string, so no client can mistake it for a number. */
export const SUPPRESSED = 'suppressed';

export type CellValue = string | number | boolean | null;
export type Row = Record<string, CellValue>;

export interface CountMeasure {
	member: string;
	/** a count this one is part of (women ⊂ all placements): their difference is protected too */
	subsetOf?: string;
}

export interface DerivedMeasure {
	member: string;
	/** the count measures it is computed from */
	from: string[];
}

export interface SuppressionSpec {
	/** cells with 1 ≤ value < threshold are hidden */
	threshold: number;
	/** the row keys that identify a cell (time dimensions as `member.granularity`) */
	dimensions: string[];
	counts: CountMeasure[];
	derived?: DerivedMeasure[];
	/**
	 * Coarser groupings of a dimension's values whose totals are public, finest first; the whole
	 * dimension is always checked last and need not be listed.
	 */
	levels?: Record<string, Array<(value: CellValue) => string>>;
}

/** member → indexes of the rows whose cell for that member is hidden */
export type SuppressedCells = Map<string, Set<number>>;

export function countValue(value: CellValue | undefined): number {
	if (value === null || value === undefined || value === '') return 0;
	return Number(value);
}

function isPrimary(row: Row, count: CountMeasure, threshold: number): boolean {
	const value = countValue(row[count.member]);
	if (Number.isNaN(value)) return true; // not a number: hide rather than guess
	if (value > 0 && value < threshold) return true;
	if (count.subsetOf === undefined) return false;
	const difference = countValue(row[count.subsetOf]) - value;
	return Number.isNaN(difference) || (difference > 0 && difference < threshold);
}

/** A result too detailed to protect in reasonable time: the public API refuses it. */
export class SuppressionTooDetailed extends Error {}

/**
 * Above this many hidden cells linked by lines, the exact check (step 3) would take seconds; the
 * query is refused instead (a table that hides hundreds of linked cells says little anyway).
 */
export const MAX_LINKED_HIDDEN_CELLS = 400;

/** How often step 3 tries to protect one computable cell before leaving it to the coarser tables. */
const MAX_ATTEMPTS = 3;

interface Line {
	id: number;
	rows: number[];
	/** index into the dimension's levels; the last level is the whole dimension */
	level: number;
	/** the dimension this line runs along, the level function and the key its cells share */
	dimension: number;
	levelOf: (value: CellValue) => string;
	levelKey: string;
	/** the (JSON-encoded) values of `dimension` present on this line */
	present: Set<string>;
}

/**
 * Every line of the table: for each dimension and each of its levels, the rows that agree on
 * all other dimensions and on the level's key. Rows can be added later (empty combinations
 * hidden as complements), so lines are indexed by key.
 */
class Lines {
	readonly all: Line[] = [];
	readonly ofRow: Line[][] = [];
	private readonly byKey = new Map<string, Line>();
	private readonly levels: Array<Array<(value: CellValue) => string>>;

	constructor(
		private readonly dimensions: string[],
		levels: SuppressionSpec['levels'],
	) {
		this.levels = dimensions.map((d) => [...(levels?.[d] ?? []), () => '*']);
	}

	add(row: Row, index: number): void {
		const encoded = this.dimensions.map((d) => JSON.stringify(row[d] ?? null));
		const memberships: Line[] = [];
		this.dimensions.forEach((dimension, d) => {
			this.levels[d]!.forEach((levelOf, level) => {
				const levelKey = levelOf(row[dimension] ?? null);
				const key = [d, level, ...encoded.map((e, o) => (o === d ? JSON.stringify(levelKey) : e))].join('\u0000');
				let line = this.byKey.get(key);
				if (!line) {
					line = { id: this.all.length, rows: [], level, dimension: d, levelOf, levelKey, present: new Set() };
					this.byKey.set(key, line);
					this.all.push(line);
				}
				line.rows.push(index);
				line.present.add(encoded[d]!);
				memberships.push(line);
			});
		});
		this.ofRow[index] = memberships;
	}

	/** A cell alone on a line equals that line's public total. */
	exposed(index: number): boolean {
		return this.ofRow[index]!.some((line) => line.rows.length === 1);
	}
}

function rowKey(row: Row, dimensions: string[]): string {
	return JSON.stringify(dimensions.map((d) => row[d] ?? null));
}

// A prime below 2^26: products of two residues stay exact in a double.
const PRIME = 67_108_859;

function inverse(a: number): number {
	let [r0, r1, s0, s1] = [PRIME, a, 0, 1];
	while (r1 !== 0) {
		const q = Math.floor(r0 / r1);
		[r0, r1] = [r1, r0 - q * r1];
		[s0, s1] = [s1, s0 - q * s1];
	}
	return ((s0 % PRIME) + PRIME) % PRIME;
}

function lineTotal(line: Line, values: number[]): number {
	let total = 0;
	for (const row of line.rows) total += values[row]!;
	return total;
}

/** A line's total is public unless it is small itself: then its own query hides it. */
function totalIsPublic(total: number, threshold: number): boolean {
	return !(total > 0 && total < threshold);
}

/** Whether a line's total is known to the public (for one measure). */
type Known = (line: Line) => boolean;

/**
 * The finest line through a cell, along one dimension, whose total is public: the public sum
 * the cell belongs to once nested sums are made disjoint (see bridgeCells); none if the cell is
 * on no public line along that dimension.
 */
function sumLine(lines: Lines, cell: number, dimension: number, known: Known): Line | undefined {
	return lines.ofRow[cell]!.find((l) => l.dimension === dimension && known(l));
}

/**
 * The exact check for tables of one or two dimensions, in linear time. Along one dimension the
 * public totals of a cell's lines are nested (month ⊂ quarter ⊂ year ⊂ all), and nested sums
 * carry the same information as the disjoint sums "cells of this line not on a finer public
 * line"; so each hidden cell sits in at most one such sum per dimension, or in none (free).
 * With sums as nodes and hidden cells as edges between their two sums (or the free node), the
 * values that can change without changing any public total are exactly the cycles of this
 * graph, and a hidden cell is computable exactly when it is on no cycle: a bridge.
 */
function bridgeCells(lines: Lines, dimensions: number, hidden: Set<number>, known: Known): number[] {
	const FREE = 0;
	const nodeIds = new Map<number, number>([[-1, FREE]]);
	const nodeOf = (cell: number, dimension: number): number => {
		const key = sumLine(lines, cell, dimension, known)?.id ?? -1;
		let id = nodeIds.get(key);
		if (id === undefined) {
			id = nodeIds.size;
			nodeIds.set(key, id);
		}
		return id;
	};
	const cells = [...hidden].sort((a, b) => a - b);
	const ends = cells.map((cell) => [nodeOf(cell, 0), dimensions > 1 ? nodeOf(cell, 1) : FREE] as const);
	const incident: Array<Array<[edge: number, to: number]>> = Array.from({ length: nodeIds.size }, () => []);
	ends.forEach(([a, b], edge) => {
		if (a === b) return; // both sums free: a loop, never computable
		incident[a]!.push([edge, b]);
		incident[b]!.push([edge, a]);
	});
	// Tarjan's bridges, iteratively (tables can be long), with parallel edges kept apart by id.
	const order = new Array<number>(incident.length).fill(-1);
	const low = new Array<number>(incident.length).fill(0);
	const bridges: number[] = [];
	let clock = 0;
	for (let root = 0; root < incident.length; root++) {
		if (order[root] !== -1) continue;
		const stack: Array<{ node: number; viaEdge: number; next: number }> = [{ node: root, viaEdge: -1, next: 0 }];
		order[root] = low[root] = clock++;
		while (stack.length) {
			const frame = stack[stack.length - 1]!;
			const edges = incident[frame.node]!;
			if (frame.next < edges.length) {
				const [edge, to] = edges[frame.next++]!;
				if (edge === frame.viaEdge) continue;
				if (order[to] === -1) {
					order[to] = low[to] = clock++;
					stack.push({ node: to, viaEdge: edge, next: 0 });
				} else low[frame.node] = Math.min(low[frame.node]!, order[to]!);
				continue;
			}
			stack.pop();
			const parent = stack[stack.length - 1];
			if (!parent) continue;
			low[parent.node] = Math.min(low[parent.node]!, low[frame.node]!);
			if (low[frame.node]! > order[parent.node]!) bridges.push(cells[frame.viaEdge]!);
		}
	}
	return bridges.sort((a, b) => a - b);
}

/**
 * The hidden cells an attacker can still compute exactly from the shown cells and the public
 * line totals (a total that is itself small is hidden by its own query and left out). Two hidden
 * cells per line is not always enough: lines combine (two rows hidden in the same two columns
 * give away a third hidden cell of one of those rows). Up to two dimensions the graph check
 * above is exact and fast; beyond, each group of hidden cells linked by lines is solved as a
 * linear system, modulo a prime so the arithmetic is exact, and a cell is computable when the
 * reduced system has a row naming it alone.
 */
function computableCells(lines: Lines, dimensions: number, hidden: Set<number>, known: Known): number[] {
	if (dimensions <= 2) return bridgeCells(lines, dimensions, hidden, known);
	return solvedCells(lines.all, hidden, known);
}

function solvedCells(lines: readonly Line[], hidden: Set<number>, known: Known): number[] {
	const cells = [...hidden].sort((a, b) => a - b);
	const column = new Map(cells.map((row, i) => [row, i]));
	const parent = cells.map((_, i) => i);
	const find = (i: number): number => {
		while (parent[i] !== i) {
			parent[i] = parent[parent[i]!]!;
			i = parent[i]!;
		}
		return i;
	};
	const equations = new Map<string, number[]>();
	for (const line of lines) {
		const cols: number[] = [];
		for (const row of line.rows) {
			const c = column.get(row);
			if (c !== undefined) cols.push(c);
		}
		if (cols.length === 0 || !known(line)) continue;
		cols.sort((a, b) => a - b);
		equations.set(cols.join(','), cols);
		for (const c of cols) parent[find(c)] = find(cols[0]!);
	}
	const systems = new Map<number, number[][]>();
	for (const cols of equations.values()) {
		const root = find(cols[0]!);
		const system = systems.get(root);
		if (system) system.push(cols);
		else systems.set(root, [cols]);
	}
	const computable: number[] = [];
	for (const system of systems.values()) {
		const members = [...new Set(system.flat())].sort((a, b) => a - b);
		if (members.length > MAX_LINKED_HIDDEN_CELLS) {
			throw new SuppressionTooDetailed(`${members.length} hidden cells depend on each other (at most ${MAX_LINKED_HIDDEN_CELLS})`);
		}
		const local = new Map(members.map((c, i) => [c, i]));
		const n = members.length;
		const matrix = system.map((cols) => {
			const equation = new Float64Array(n);
			for (const c of cols) equation[local.get(c)!] = 1;
			return equation;
		});
		const pivots: number[] = [];
		for (let c = 0, rank = 0; c < n && rank < matrix.length; c++) {
			let pivot = rank;
			while (pivot < matrix.length && matrix[pivot]![c] === 0) pivot++;
			if (pivot === matrix.length) continue;
			[matrix[rank], matrix[pivot]] = [matrix[pivot]!, matrix[rank]!];
			const pivotRow = matrix[rank]!;
			const scale = inverse(pivotRow[c]!);
			for (let j = c; j < n; j++) pivotRow[j] = (pivotRow[j]! * scale) % PRIME;
			for (let i = 0; i < matrix.length; i++) {
				const row = matrix[i]!;
				const factor = row[c]!;
				if (i === rank || factor === 0) continue;
				for (let j = c; j < n; j++) if (pivotRow[j] !== 0) row[j] = (((row[j]! - factor * pivotRow[j]!) % PRIME) + PRIME) % PRIME;
			}
			pivots.push(c);
			rank++;
		}
		pivots.forEach((c, r) => {
			const row = matrix[r]!;
			let alone = true;
			for (let j = 0; j < n && alone; j++) if (j !== c && row[j] !== 0) alone = false;
			if (alone) computable.push(cells[members[c]!]!);
		});
	}
	return computable.sort((a, b) => a - b);
}

export interface SuppressionOutcome {
	/** the input rows, followed by any empty combinations that had to be hidden as complements */
	rows: Row[];
	/** how many rows were added at the end */
	added: number;
	/** member → indexes (into `rows`) of the hidden cells */
	cells: SuppressedCells;
}

/**
 * Whether the total of a line is shown to the public, for one count measure: the line through
 * `row` along dimension `line.dimension` at level `line.level` is a cell of a coarser table.
 */
export type KnownTotal = (member: string, line: { dimension: number; level: number; levelKey: string }, row: Row) => boolean;

/**
 * Finds the cells to hide (steps 1–4 of the file comment) and returns them with the rows they
 * index. Without `knownTotal`, every line total that is not small counts as public.
 * Deterministic: the same table in any row order hides the same cells.
 *
 * @throws SuppressionTooDetailed when too many hidden cells depend on each other
 */
export function suppressTable(input: Row[], spec: SuppressionSpec, knownTotal?: KnownTotal): SuppressionOutcome {
	if (!(spec.threshold >= 1)) throw new Error(`Suppression threshold must be at least 1, got ${spec.threshold}`);
	const { dimensions, threshold } = spec;
	const rows = [...input];
	const keys = rows.map((row) => rowKey(row, dimensions));
	const byKey = (a: number, b: number) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0);
	const lines = new Lines(dimensions, spec.levels);
	for (const index of rows.map((_, i) => i).sort(byKey)) {
		lines.add(rows[index]!, index);
	}
	// the values of each dimension seen in the result, for complements Cube left out
	const observed = dimensions.map((d) => {
		const seen = new Map<string, CellValue>();
		for (const row of input) seen.set(JSON.stringify(row[d] ?? null), row[d] ?? null);
		return [...seen].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	});
	const valuesBy = new Map(spec.counts.map((count) => [count.member, rows.map((row) => countValue(row[count.member]))]));
	// Joint across the measures of a row: a row hidden for one count is hidden for all of them (a
	// shown count beside a hidden one can give it away: medium-high placements equal placements
	// for skill levels 3–4), so every measure shares one set of hidden rows.
	const hiddenRows = new Set(input.flatMap((row, index) => (spec.counts.some((count) => isPrimary(row, count, threshold)) ? [index] : [])));
	const hiddenBy = new Map(spec.counts.map((count) => [count.member, hiddenRows]));

	const addEmptyRow = (row: Row): number => {
		const index = rows.length;
		rows.push(row);
		keys.push(rowKey(row, dimensions));
		lines.add(row, index);
		for (const values of valuesBy.values()) values.push(0);
		return index;
	};

	/**
	 * The cell to hide beside a lone hidden one. In order of preference: the smallest non-zero
	 * cell that is not alone on another line; the smallest non-zero cell that is (its own line
	 * then needs a complement too); a cell holding zero; and last a combination that is not in
	 * the result at all (a zero Cube left out), which then enters the result as a hidden row.
	 */
	const complementFor = (
		line: Line,
		hidden: Set<number>,
		values: number[],
		accept?: (candidate: number) => boolean,
		need = 1,
		allowEmpty = true,
	): number | undefined => {
		let best: number | undefined;
		let bestRank: [number, number] = [0, 0];
		for (const candidate of line.rows) {
			if (hidden.has(candidate) || (accept && !accept(candidate))) continue;
			const value = values[candidate]!;
			// a cell bringing the line's hidden total to the threshold first (the smallest such),
			// else the largest that does not; cells alone on another line after those; zeros last
			const enough = value >= need;
			const rank: [number, number] = [
				value > 0 ? (lines.exposed(candidate) ? 2 : 0) + (enough ? 0 : 1) : 4,
				value > 0 && !enough ? -value : value,
			];
			if (
				best === undefined ||
				rank[0] - bestRank[0] < 0 ||
				(rank[0] === bestRank[0] && (rank[1] < bestRank[1] || (rank[1] === bestRank[1] && keys[candidate]! < keys[best]!)))
			) {
				best = candidate;
				bestRank = rank;
			}
		}
		if (best !== undefined) return best;
		if (!allowEmpty) return undefined;
		// an empty combination sits on the finest lines only (it adds nothing to a coarser one)
		if (accept && line !== lines.ofRow[line.rows[0]!]!.find((l) => l.dimension === line.dimension)) return undefined;
		const dimension = dimensions[line.dimension]!;
		for (const [encoded, value] of observed[line.dimension]!) {
			if (line.present.has(encoded) || line.levelOf(value) !== line.levelKey) continue;
			const template = rows[line.rows[0]!]!;
			const row: Row = {};
			for (const d of dimensions) row[d] = template[d] ?? null;
			row[dimension] = value;
			for (const count of spec.counts) row[count.member] = '0';
			return addEmptyRow(row);
		}
		return undefined;
	};

	// Without the coarser tables at hand, a line's total counts as public unless it is small.
	const knownFor = (member: string, values: number[]): Known =>
		knownTotal ? (line) => knownTotal(member, line, rows[line.rows[0]!]!) : (line) => totalIsPublic(lineTotal(line, values), threshold);

	// 1. no line with a public total may hold exactly one hidden cell, and no line whose total is
	//    hidden in the coarser table may hold none (the hidden total would be the sum of shown
	//    cells): a worklist of lines whose count of hidden cells reaches one
	const protectLines = (hidden: Set<number>, values: number[], known: Known): boolean => {
		const inLine: number[] = [];
		const queue: Line[] = [];
		const mark = (index: number) => {
			for (const line of lines.ofRow[index]!) {
				inLine[line.id] = (inLine[line.id] ?? 0) + 1;
				if (inLine[line.id] === 1) queue.push(line);
			}
		};
		for (const line of lines.all) if (!known(line) && lineTotal(line, values) > 0) queue.push(line);
		for (const index of [...hidden].sort(byKey)) mark(index);
		let added = false;
		const hiddenSum = (line: Line) => {
			let sum = 0;
			for (const row of line.rows) if (hidden.has(row)) sum += values[row]!;
			return sum;
		};
		for (let next = queue.shift(); next; next = queue.shift()) {
			const count = inLine[next.id] ?? 0;
			// On a line with a public total the hidden cells together are known (total − shown):
			// one alone is given away, and together below the threshold they are all proven small.
			// A line whose total the coarser table hides must not be the sum of shown cells, and its
			// hidden cells together must not be small either: the attacker bounds them by the
			// hidden total's own bounds minus the shown cells.
			// The margin asked of a public line is twice the threshold: the attacker also bounds the
			// other hidden cells through their own lines, which eats into what a cell could hold.
			// On a hidden-total line, hidden cells holding nothing of this count (zero medium-high
			// placements beside 61 placements) protect nothing: the shown cells then give the hidden
			// total exactly from below, which takes the slack its own table relies on (national
			// data, June 2025: it + retail proven ≤ 5). So there the hidden cells must hold at least
			// the threshold, or all the line holds, of every count.
			const sum = count > 0 ? hiddenSum(next) : 0;
			const margin = known(next) ? 2 * threshold : threshold;
			const small = known(next) ? sum > 0 && sum < margin : sum < margin && sum < lineTotal(next, values);
			const needed = known(next) ? count === 1 || small : small;
			if (!needed) continue;
			// the mass rule only takes cells that add to the mass (zeros would not)
			const accept = !known(next) || (count !== 1 && small) ? (c: number) => values[c]! > 0 : undefined;
			const complement = complementFor(next, hidden, values, accept, margin - sum);
			if (complement === undefined) continue;
			hidden.add(complement);
			mark(complement);
			added = true;
			queue.push(next); // look again: one more may not be enough
		}
		return added;
	};

	// Rows added for one measure hold no data at all, so they are hidden for every measure (a
	// visible zero beside one would tell what it holds). Repeat until nothing changes.
	const attempts = new Map<number, number>();
	const lowAttempts = new Map<number, number>();
	for (let progress = true; progress; ) {
		progress = false;
		for (const count of spec.counts) {
			const hidden = hiddenBy.get(count.member)!;
			const values = valuesBy.get(count.member)!;
			const known = knownFor(count.member, values);
			for (let index = input.length; index < rows.length; index++) hidden.add(index);
			if (protectLines(hidden, values, known)) progress = true;
			// 2. nor may lines combine to give one away: hide one more cell beside each computable
			//    cell, then check everything again. Up to two dimensions the cell to hide must share
			//    the computable cell's public sum, or it changes nothing; a cell no other cell shares
			//    a sum with can only be protected by the coarser tables, so attempts are capped.
			for (const cell of computableCells(lines, dimensions.length, hidden, known).sort(byKey)) {
				const tried = attempts.get(cell) ?? 0;
				if (tried >= MAX_ATTEMPTS) continue;
				attempts.set(cell, tried + 1);
				for (let d = 0; d < dimensions.length; d++) {
					const line = dimensions.length <= 2 ? sumLine(lines, cell, d, known) : lines.ofRow[cell]!.find((l) => l.dimension === d);
					if (!line) continue;
					const accept = dimensions.length <= 2 ? (c: number) => sumLine(lines, c, d, known) === line : undefined;
					const complement = complementFor(line, hidden, values, accept);
					if (complement === undefined) continue;
					hidden.add(complement);
					progress = true;
					break;
				}
			}
			// 3. nor pin a small cell from below: it can lose only what the cycles of hidden cells
			//    through it can take, so those cycles must run through cells holding at least half
			//    its value. A small cell that is a bridge once the weaker hidden cells are left out
			//    gets one more hidden cell of that size beside it (tables of up to two dimensions,
			//    where the graph check is exact).
			if (dimensions.length > 2) continue;
			const byNeed = new Map<number, number[]>();
			for (const cell of hidden) {
				const value = values[cell]!;
				if (cell >= input.length || !(value > 0 && value < threshold)) continue;
				const need = Math.ceil(value / 2);
				byNeed.set(need, [...(byNeed.get(need) ?? []), cell]);
			}
			for (const [need, cells] of [...byNeed].sort(([a], [b]) => a - b)) {
				const strong = new Set([...hidden].filter((c) => values[c]! >= need));
				const bridges = new Set(bridgeCells(lines, dimensions.length, strong, known));
				for (const cell of cells.filter((c) => bridges.has(c)).sort(byKey)) {
					const tried = lowAttempts.get(cell) ?? 0;
					if (tried >= MAX_ATTEMPTS) continue;
					lowAttempts.set(cell, tried + 1);
					for (let d = 0; d < dimensions.length; d++) {
						const sum = sumLine(lines, cell, d, known);
						const line = sum ?? lines.ofRow[cell]!.find((l) => l.dimension === d);
						if (!line) continue;
						const accept = (c: number) => values[c]! >= need && (!sum || sumLine(lines, c, d, known) === sum);
						const complement = complementFor(line, hidden, values, accept, need, false);
						if (complement === undefined) continue;
						hidden.add(complement);
						progress = true;
						break;
					}
				}
			}
		}
	}

	return { rows, added: rows.length - input.length, cells: withDerived(hiddenBy, spec.derived) };
}

/** Step 4: a derived measure is hidden in every row where one of its counts is. */
function withDerived(counts: SuppressedCells, derived: DerivedMeasure[] = []): SuppressedCells {
	const cells: SuppressedCells = new Map(counts);
	for (const measure of derived) {
		const hidden = new Set<number>();
		for (const source of measure.from) {
			const sourceCells = counts.get(source);
			if (!sourceCells) throw new Error(`${measure.member} is derived from ${source}, which is not a count in this result`);
			for (const index of sourceCells) hidden.add(index);
		}
		cells.set(measure.member, hidden);
	}
	return cells;
}

/**
 * Suppression that agrees with every coarser table the public can ask for. The same counts can be
 * asked at many levels (country or region, month or year, with or without a dimension), and each
 * answer is suppressed on its own; tables suppressed independently could be combined to undo
 * each other (a region total hidden as a complement, recomputed from its countries). So tables
 * are suppressed top-down: every coarser table first (on its own, recursively, exactly as a
 * query for it would be), then this one, treating as known only the totals those tables show
 * and keeping every total they hide from being the sum of cells shown here.
 *
 * Counts must add up (sums and counts), as coarser tables are built by adding rows.
 */
export function suppressWithMarginals(input: Row[], spec: SuppressionSpec): SuppressionOutcome {
	const { dimensions } = spec;
	const levels = dimensions.map((d) => spec.levels?.[d] ?? []);
	const dropped = levels.map((l) => l.length + 1);
	const memo = new Map<string, { outcome: SuppressionOutcome; index: Map<string, number> }>();

	// state per dimension: 0 = as is, k = its k-th coarser level, levels + 1 = left out
	const table = (states: number[]): { outcome: SuppressionOutcome; index: Map<string, number> } => {
		const signature = states.join(',');
		const cached = memo.get(signature);
		if (cached) return cached;
		const kept = dimensions.map((_, i) => i).filter((i) => states[i]! < dropped[i]!);
		const levelValue = (row: Row, i: number): CellValue =>
			states[i] === 0 ? (row[dimensions[i]!] ?? null) : levels[i]![states[i]! - 1]!(row[dimensions[i]!] ?? null);
		let rows: Row[];
		if (states.every((s) => s === 0)) rows = input;
		else {
			const cells = new Map<string, Row>();
			for (const row of input) {
				const key = JSON.stringify(kept.map((i) => levelValue(row, i)));
				let cell = cells.get(key);
				if (!cell) {
					cell = {};
					for (const i of kept) cell[dimensions[i]!] = levelValue(row, i);
					for (const c of spec.counts) cell[c.member] = 0;
					cells.set(key, cell);
				}
				for (const c of spec.counts) cell[c.member] = Number(cell[c.member]) + countValue(row[c.member]);
			}
			rows = [...cells.values()];
		}
		const subspec: SuppressionSpec = {
			threshold: spec.threshold,
			dimensions: kept.map((i) => dimensions[i]!),
			counts: spec.counts,
			levels: Object.fromEntries(kept.map((i) => [dimensions[i]!, levels[i]!.slice(states[i]!)])),
		};
		const known: KnownTotal = (member, line, row) => {
			const i = kept[line.dimension]!;
			const parentStates = [...states];
			parentStates[i] = states[i]! + line.level + 1;
			const parent = table(parentStates);
			const key = JSON.stringify(
				dimensions
					.map((_, j) => j)
					.filter((j) => parentStates[j]! < dropped[j]!)
					.map((j) => (j === i ? line.levelKey : (row[dimensions[j]!] ?? null))),
			);
			const at = parent.index.get(key);
			return at === undefined || !(parent.outcome.cells.get(member)?.has(at) ?? false);
		};
		const outcome = suppressTable(rows, subspec, known);
		const index = new Map<string, number>();
		outcome.rows.forEach((row, i) => {
			index.set(JSON.stringify(subspec.dimensions.map((d) => row[d] ?? null)), i);
		});
		const result = { outcome, index };
		memo.set(signature, result);
		return result;
	};

	const { outcome } = table(dimensions.map(() => 0));
	return { ...outcome, cells: withDerived(outcome.cells, spec.derived) };
}

/** The rows with every hidden cell replaced by the marker; the input is not changed. */
export function applySuppression(rows: Row[], cells: SuppressedCells): Row[] {
	const out = rows.map((row) => ({ ...row }));
	for (const [member, indexes] of cells) for (const index of indexes) out[index]![member] = SUPPRESSED;
	return out;
}
