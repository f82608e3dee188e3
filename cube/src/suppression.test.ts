import { describe, expect, it } from 'vitest';
import {
	applySuppression,
	type Row,
	SUPPRESSED,
	type SuppressionSpec,
	SuppressionTooDetailed,
	suppressTable,
	suppressWithMarginals,
} from './suppression.ts';

const T = 10;

function hiddenRows(rows: Row[], spec: SuppressionSpec, member = 'n'): string[] {
	const outcome = suppressWithMarginals(rows, spec);
	const cells = outcome.cells.get(member) ?? new Set();
	return [...cells].map((i) => spec.dimensions.map((d) => outcome.rows[i]![d]).join('/')).sort();
}

function oneD(values: Record<string, number>): Row[] {
	return Object.entries(values).map(([k, n]) => ({ k, n: String(n) }));
}

function twoD(table: Record<string, Record<string, number>>): Row[] {
	return Object.entries(table).flatMap(([r, cols]) => Object.entries(cols).map(([c, n]) => ({ r, c, n: String(n) })));
}

const spec1: SuppressionSpec = { threshold: T, dimensions: ['k'], counts: [{ member: 'n' }] };
const spec2: SuppressionSpec = { threshold: T, dimensions: ['r', 'c'], counts: [{ member: 'n' }] };

/**
 * What an attacker learns from the public API: the table and every coarser table they can also
 * ask for (each dimension kept, cut to a coarser level, or left out), each suppressed on its own
 * the way the API does. Every shown cell of every table is an equation over the hidden cells of
 * the finest table; a hidden cell (of any of these tables) is computable when its sum of finest
 * cells lies in the span of those equations (exact rational elimination on small tables).
 * Returns the computable cells, as "table:key".
 */
function derivableCells(input: Row[], spec: SuppressionSpec, member = 'n'): string[] {
	const base = suppressWithMarginals(input, spec);
	const baseHidden = [...(base.cells.get(member) ?? [])];
	const column = new Map(baseHidden.map((row, i) => [row, i]));
	const dims = spec.dimensions;
	// each dimension: kept as it is (with its levels), cut to each coarser level, or left out
	const choices = dims.map((d) => {
		const levels = spec.levels?.[d] ?? [];
		return [
			{ map: (v: unknown) => v, levels },
			...levels.map((levelOf, i) => ({
				map: levelOf as (v: unknown) => unknown,
				levels: levels.slice(i + 1).map((f) => (v: unknown) => f(v as never)),
			})),
			null,
		];
	});
	const equations: { vector: number[]; label: string; hidden: boolean }[] = [];
	const combos: ((typeof choices)[number][number] | null)[][] = [[]];
	for (const options of choices) combos.splice(0, combos.length, ...combos.flatMap((c) => options.map((o) => [...c, o])));
	combos.forEach((combo, t) => {
		const kept = dims.filter((_, i) => combo[i]);
		const cells = new Map<string, { row: Row; parts: number[] }>();
		base.rows.forEach((row, index) => {
			const mapped: Row = {};
			dims.forEach((d, i) => {
				if (combo[i]) mapped[d] = combo[i]!.map(row[d]) as Row[string];
			});
			const key = JSON.stringify(kept.map((d) => mapped[d]));
			const cell = cells.get(key) ?? { row: { ...mapped, [member]: '0' }, parts: [] };
			cell.row[member] = String(Number(cell.row[member]) + Number(row[member]));
			cell.parts.push(index);
			cells.set(key, cell);
		});
		const table = [...cells.values()];
		const isBase = combo.every((c, i) => c && c.map === choices[i]![0]!.map);
		const levels = Object.fromEntries(kept.map((d) => [d, combo[dims.indexOf(d)]!.levels])) as SuppressionSpec['levels'];
		const outcome = isBase
			? base
			: suppressWithMarginals(
					table.map((c) => c.row),
					{ ...spec, dimensions: kept, levels },
				);
		const hiddenHere = outcome.cells.get(member) ?? new Set<number>();
		table.forEach((cell, i) => {
			const vector = baseHidden.map(() => 0);
			for (const part of cell.parts) if (column.has(part)) vector[column.get(part)!] = 1;
			if (vector.every((x) => x === 0)) return;
			equations.push({ vector, label: `${t}:${JSON.stringify(kept.map((d) => cell.row[d]))}`, hidden: hiddenHere.has(i) });
		});
	});
	const known = equations.filter((e) => !e.hidden).map((e) => e.vector);
	const rank = (matrix: number[][]): number => {
		const m = matrix.map((r) => [...r]);
		let r = 0;
		for (let c = 0; c < baseHidden.length && r < m.length; c++) {
			const pivot = m.findIndex((row, i) => i >= r && Math.abs(row[c]!) > 1e-9);
			if (pivot < 0) continue;
			[m[r], m[pivot]] = [m[pivot]!, m[r]!];
			for (let i = 0; i < m.length; i++) {
				if (i === r) continue;
				const f = m[i]![c]! / m[r]![c]!;
				for (let j = 0; j < baseHidden.length; j++) m[i]![j]! -= f * m[r]![j]!;
			}
			r++;
		}
		return r;
	};
	const knownRank = rank(known);
	return equations.filter((e) => e.hidden && rank([...known, e.vector]) === knownRank).map((e) => e.label);
}

describe('primary suppression', () => {
	it('hides a count of 1..threshold-1 and its complement', () => {
		expect(hiddenRows(oneD({ a: 5, b: 20, c: 30 }), spec1)).toEqual(['a', 'b']);
	});

	it('hides nothing when no cell is small', () => {
		expect(hiddenRows(oneD({ a: 10, b: 20 }), spec1)).toEqual([]);
	});

	it('shows a true zero and never picks it as a complement while a non-zero cell is left', () => {
		expect(hiddenRows(oneD({ a: 0, b: 20 }), spec1)).toEqual([]);
		expect(hiddenRows(oneD({ a: 0, b: 5, c: 30 }), spec1)).toEqual(['b', 'c']);
	});

	it('adds no complement when the total is itself small (its own query hides it)', () => {
		expect(hiddenRows(oneD({ a: 0, b: 5 }), spec1)).toEqual(['b']);
		expect(hiddenRows(oneD({ a: 3, b: 4 }), spec1)).toEqual(['a', 'b']);
	});

	it('picks a zero as a complement only when no non-zero cell is left', () => {
		// column p: x/p = 3 needs a partner; y/p = 40 is y's only non-zero cell, whose row total
		// would give it away, so y's zero (y/q) is hidden with it
		const rows = twoD({ x: { p: 3, q: 50 }, y: { p: 40, q: 0 } });
		const hidden = hiddenRows(rows, spec2);
		expect(hidden).toContain('x/p');
		expect(derivableCells(rows, spec2)).toEqual([]);
	});

	it('treats a missing or empty count as zero and a non-number as hidden', () => {
		const rows: Row[] = [
			{ k: 'a', n: null },
			{ k: 'b', n: 'x' },
			{ k: 'c', n: '50' },
			{ k: 'd', n: '60' },
		];
		// the total is not a number either, so it is hidden and b needs no complement
		expect(hiddenRows(rows, spec1)).toEqual(['b']);
	});

	it('uses the threshold it is given', () => {
		expect(hiddenRows(oneD({ a: 4, b: 20, c: 30 }), { ...spec1, threshold: 5 })).toEqual(['a', 'b']);
		expect(hiddenRows(oneD({ a: 5, b: 20, c: 30 }), { ...spec1, threshold: 5 })).toEqual([]);
		expect(hiddenRows(oneD({ a: 1, b: 20 }), { ...spec1, threshold: 1 })).toEqual([]);
		expect(() => suppressTable([], { ...spec1, threshold: 0 })).toThrow(/at least 1/);
	});
});

describe('complementary suppression, one dimension', () => {
	it('hides one more cell when the hidden cells of a line hold less than twice the threshold', () => {
		// 3 + 7 would prove both small (total − shown = 10): the smallest cell that brings the
		// hidden part to 2T joins them
		expect(hiddenRows(oneD({ a: 3, b: 7, c: 30, d: 40 }), spec1)).toEqual(['a', 'b', 'c']);
		expect(hiddenRows(oneD({ a: 3, b: 7, c: 5, d: 40 }), spec1)).toEqual(['a', 'b', 'c', 'd']);
	});

	it('hides every cell when all are small', () => {
		expect(hiddenRows(oneD({ a: 3, b: 7, c: 1 }), spec1)).toEqual(['a', 'b', 'c']);
	});

	it('breaks ties between equally small complements by the cell key, whatever the row order', () => {
		expect(hiddenRows(oneD({ c: 20, a: 3, b: 20 }), spec1)).toEqual(['a', 'b']);
		expect(hiddenRows(oneD({ b: 20, c: 20, a: 3 }), spec1)).toEqual(['a', 'b']);
	});

	it('leaves a single-cell table alone except for its own primary rule', () => {
		expect(hiddenRows(oneD({ a: 4 }), spec1)).toEqual(['a']);
		expect(hiddenRows(oneD({ a: 40 }), spec1)).toEqual([]);
	});

	it('leaves no hidden cell computable from the total', () => {
		const rows = oneD({ a: 5, b: 20, c: 30, d: 11 });
		expect(derivableCells(rows, spec1)).toEqual([]);
	});
});

describe('complementary suppression, two dimensions', () => {
	it('protects rows and columns until stable', () => {
		// one small cell: its row and its column each need a second hidden cell, and the cell
		// that closes both is the one where they cross
		const rows = twoD({
			x: { p: 3, q: 50, r: 60 },
			y: { p: 40, q: 45, r: 70 },
			z: { p: 80, q: 90, r: 100 },
		});
		expect(hiddenRows(rows, spec2)).toEqual(['x/p', 'x/q', 'y/p', 'y/q']);
		expect(derivableCells(rows, spec2)).toEqual([]);
	});

	it('handles several small cells in different rows and columns', () => {
		const rows = twoD({
			x: { p: 3, q: 50, r: 60, s: 12 },
			y: { p: 40, q: 4, r: 70, s: 33 },
			z: { p: 80, q: 90, r: 9, s: 100 },
			w: { p: 21, q: 22, r: 23, s: 24 },
		});
		const hidden = hiddenRows(rows, spec2);
		expect(hidden).toEqual(expect.arrayContaining(['x/p', 'y/q', 'z/r']));
		expect(derivableCells(rows, spec2)).toEqual([]);
	});

	it('prefers a complement that is not alone in its other line', () => {
		// x/q is the smallest other cell of row x, but it is the only cell of column q: its value
		// is column q's public total, so hiding it would protect nothing
		const rows = twoD({
			x: { p: 3, q: 11, r: 60 },
			y: { p: 40, r: 70 },
		});
		const hidden = hiddenRows(rows, spec2);
		expect(hidden).not.toContain('x/q');
		expect(derivableCells(rows, spec2)).toEqual([]);
	});

	it('has no single hidden cell in any line of random tables, and none computable', () => {
		let seed = 7;
		const random = () => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return seed / 2 ** 31;
		};
		for (let trial = 0; trial < 200; trial++) {
			const table: Record<string, Record<string, number>> = {};
			const nr = 2 + Math.floor(random() * 4);
			const nc = 2 + Math.floor(random() * 4);
			for (let r = 0; r < nr; r++) {
				table[`r${r}`] = {};
				for (let c = 0; c < nc; c++) {
					const u = random();
					if (u < 0.1) continue; // an empty combination: not in a Cube result
					table[`r${r}`]![`c${c}`] = u < 0.35 ? 1 + Math.floor(random() * 9) : 10 + Math.floor(random() * 90);
				}
			}
			const rows = twoD(table);
			const outcome = suppressTable(rows, spec2);
			const cells = outcome.cells.get('n')!;
			rows.forEach((row, i) => {
				const n = Number(row.n);
				if (n > 0 && n < T) expect(cells.has(i), `small cell ${row.r}/${row.c} in trial ${trial}`).toBe(true);
			});
			for (let i = rows.length; i < outcome.rows.length; i++) expect(cells.has(i), 'an added row is hidden').toBe(true);
			for (const d of ['r', 'c']) {
				const other = d === 'r' ? 'c' : 'r';
				const lines = new Map<string, number[]>();
				outcome.rows.forEach((row, i) => {
					lines.set(String(row[other]), [...(lines.get(String(row[other])) ?? []), i]);
				});
				for (const line of lines.values()) {
					const hidden = line.filter((i) => cells.has(i)).length;
					if (line.length > 1) expect(hidden, `trial ${trial}: a line with one hidden cell`).not.toBe(1);
				}
			}
			expect(derivableCells(rows, spec2), `trial ${trial}`).toEqual([]);
		}
	});
});

function lcg(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

/** A random sparse table: about 10 % empty combinations, a share of small cells, the rest 10–99. */
function randomTable(random: () => number, sizes: number[], smallShare: number): Row[] {
	const rows: Row[] = [];
	const walk = (prefix: string[]) => {
		if (prefix.length === sizes.length) {
			const u = random();
			if (u < 0.1) return;
			const n = random() < smallShare ? 1 + Math.floor(random() * 9) : 10 + Math.floor(random() * 90);
			const row: Row = { n: String(n) };
			prefix.forEach((v, i) => {
				row[`d${i}`] = v;
			});
			rows.push(row);
			return;
		}
		for (let v = 0; v < sizes[prefix.length]!; v++) walk([...prefix, `v${v}`]);
	};
	walk([]);
	return rows;
}

describe('lines that combine', () => {
	it('hides one more cell when two rows hidden in the same columns would give a third cell away', () => {
		// rows x and w hide the same two columns (p, q); w also hides s, which y hides too: without
		// an extra cell, x's two hidden cells fix w's (p + q), so w/s and then y/s are computable
		const rows = twoD({
			x: { p: 5, q: 45, r: 93 },
			w: { p: 15, q: 6, s: 51 },
			y: { r: 69, s: 8, t: 70 },
			z: { p: 67, q: 61, r: 60, t: 80 },
		});
		expect(derivableCells(rows, spec2)).toEqual([]);
	});

	it('hides an empty combination when no cell of a line is left to hide', () => {
		// column p needs a second hidden cell, but its only other cell (y/p) is y's whole row
		const rows = twoD({
			x: { p: 2, q: 4 },
			y: { p: 16 },
			z: { q: 8 },
		});
		const outcome = suppressTable(rows, spec2);
		expect(outcome.added).toBeGreaterThan(0);
		for (let i = rows.length; i < outcome.rows.length; i++) expect(outcome.cells.get('n')!.has(i)).toBe(true);
		expect(derivableCells(rows, spec2)).toEqual([]);
	});

	it('leaves nothing computable in random tables of one and two dimensions, with and without hierarchies', () => {
		const random = lcg(42);
		const parent = (v: unknown) => `g${Math.floor(Number(String(v).slice(1)) / 3)}`;
		for (let trial = 0; trial < 150; trial++) {
			const twoDims = trial % 3 !== 0;
			const withLevels = trial % 2 === 1;
			// With a hierarchy, every group has three values: a group with one value only (a region
			// with one country) repeats that value's cells in the coarser table, where they are
			// protected by that table's own suppression (docs/access.md, residual risks).
			const first = withLevels ? 3 * (1 + Math.floor(random() * 3)) : 2 + Math.floor(random() * 8);
			const sizes = twoDims ? [first, 2 + Math.floor(random() * 8)] : [first];
			const rows = randomTable(random, sizes, 0.15 + random() * 0.4);
			const spec: SuppressionSpec = {
				threshold: T,
				dimensions: sizes.map((_, i) => `d${i}`),
				counts: [{ member: 'n' }],
				levels: withLevels ? { d0: [parent] } : undefined,
			};
			expect(derivableCells(rows, spec), `trial ${trial}`).toEqual([]);
		}
	});

	it('keeps every line of random three-dimensional tables from holding one hidden cell, and nearly always leaves nothing computable', () => {
		// Three dimensions are best effort: lines and their totals are protected, and computable
		// cells are searched for exactly, but a total hidden in a coarser table is not checked
		// against combinations of cells here. That is why public queries break down by at most two
		// things unless SLMI_PUBLIC_MAX_BREAKDOWN says otherwise (docs/access.md).
		const random = lcg(3);
		let checked = 0;
		let leaking = 0;
		for (let trial = 0; trial < 40; trial++) {
			const rows = randomTable(
				random,
				[2 + Math.floor(random() * 3), 2 + Math.floor(random() * 3), 2 + Math.floor(random() * 3)],
				0.1 + random() * 0.2,
			);
			const spec: SuppressionSpec = { threshold: T, dimensions: ['d0', 'd1', 'd2'], counts: [{ member: 'n' }] };
			try {
				if (derivableCells(rows, spec).length) leaking++;
				checked++;
			} catch (error) {
				if (!(error instanceof SuppressionTooDetailed)) throw error;
			}
		}
		expect(checked).toBeGreaterThan(30);
		expect(leaking).toBeLessThanOrEqual(3);
	});

	it('refuses a table whose hidden cells link up beyond what it can check', () => {
		const rows = randomTable(lcg(9), [14, 14, 14], 0.3);
		expect(() => suppressTable(rows, { threshold: T, dimensions: ['d0', 'd1', 'd2'], counts: [{ member: 'n' }] })).toThrow(
			SuppressionTooDetailed,
		);
	});

	it('hides the same cells whatever the order of the rows', () => {
		const rows = randomTable(lcg(17), [6, 7], 0.3);
		const spec: SuppressionSpec = { threshold: T, dimensions: ['d0', 'd1'], counts: [{ member: 'n' }] };
		const reference = hiddenRows(rows, { ...spec, dimensions: ['d0', 'd1'] });
		const shuffled = [...rows].sort(() => 0).reverse();
		expect(hiddenRows(shuffled, spec)).toEqual(reference);
		expect(hiddenRows([...rows.slice(7), ...rows.slice(0, 7)], spec)).toEqual(reference);
	});
});

describe('hierarchies', () => {
	const month = 'm.month';
	const levels = {
		[month]: [
			(v: unknown) => `${String(v).slice(0, 4)}-Q${Math.floor((Number(String(v).slice(5, 7)) - 1) / 3) + 1}`,
			(v: unknown) => String(v).slice(0, 4),
		],
	};
	const months = (values: number[]) =>
		values.map((n, i) => ({ [month]: `2024-${String(i + 1).padStart(2, '0')}-01T00:00:00.000`, n: String(n) }));

	it('keeps a lone hidden month from being computed from its quarter total', () => {
		const rows = months([5, 50, 60, 11, 70, 80]);
		const spec: SuppressionSpec = { threshold: T, dimensions: [month], counts: [{ member: 'n' }], levels };
		const hidden = hiddenRows(rows, spec);
		// the complement is in the same quarter (February), not April, the smallest overall
		expect(hidden).toEqual(['2024-01-01T00:00:00.000', '2024-02-01T00:00:00.000']);
		expect(derivableCells(rows, spec)).toEqual([]);
	});

	it('reaches into the next level when a group has nothing else to hide', () => {
		// January is the only month of its quarter with data: the quarter total gives it away, so
		// protection comes from the year: a second quarter's cell is hidden
		const rows = [
			{ [month]: '2024-01-01T00:00:00.000', n: '4' },
			{ [month]: '2024-04-01T00:00:00.000', n: '30' },
			{ [month]: '2024-05-01T00:00:00.000', n: '20' },
		];
		const spec: SuppressionSpec = { threshold: T, dimensions: [month], counts: [{ member: 'n' }], levels };
		const hidden = hiddenRows(rows, spec);
		expect(hidden).toContain('2024-01-01T00:00:00.000');
		expect(hidden.length).toBeGreaterThanOrEqual(2);
		// the quarter total is public and equals January: that is what the quarter query hides
		// (4 < threshold); within this table the year total must not give January away
		expect(hidden).not.toEqual(['2024-01-01T00:00:00.000']);
	});
});

describe('subsets and derived measures', () => {
	it('hides a subset whose difference to its superset is small, and the whole row with it', () => {
		const rows: Row[] = [
			{ k: 'a', all: '40', women: '37' },
			{ k: 'b', all: '50', women: '20' },
			{ k: 'c', all: '60', women: '30' },
		];
		const spec: SuppressionSpec = { threshold: T, dimensions: ['k'], counts: [{ member: 'all' }, { member: 'women', subsetOf: 'all' }] };
		const { cells } = suppressTable(rows, spec);
		// joint: the row whose difference is small hides both counts, and so does its complement
		expect([...cells.get('all')!].sort()).toEqual([0, 1]);
		expect([...cells.get('women')!].sort()).toEqual([0, 1]);
	});

	it('hides every count and ratio of a row where one count is hidden: the two small cells protect each other', () => {
		const rows: Row[] = [
			{ k: 'a', placements: '5', slots: '100', fill_rate: '0.05' },
			{ k: 'b', placements: '20', slots: '40', fill_rate: '0.5' },
			{ k: 'c', placements: '30', slots: '3', fill_rate: '10' },
			{ k: 'd', placements: '90', slots: '100', fill_rate: '0.9' },
		];
		const spec: SuppressionSpec = {
			threshold: T,
			dimensions: ['k'],
			counts: [{ member: 'placements' }, { member: 'slots' }],
			derived: [{ member: 'fill_rate', from: ['placements', 'slots'] }],
		};
		const { cells } = suppressTable(rows, spec);
		expect([...cells.get('placements')!].sort()).toEqual([0, 2]);
		expect([...cells.get('slots')!].sort()).toEqual([0, 2]);
		expect([...cells.get('fill_rate')!].sort()).toEqual([0, 2]);
	});

	it('refuses a ratio whose count is not in the result', () => {
		expect(() =>
			suppressTable([{ k: 'a', r: '1' }], { threshold: T, dimensions: ['k'], counts: [], derived: [{ member: 'r', from: ['n'] }] }),
		).toThrow(/not a count in this result/);
	});
});

describe('the marker', () => {
	it('replaces hidden cells with the string marker, never a number, and leaves the input alone', () => {
		const rows = oneD({ a: 5, b: 20, c: 30 });
		const out = applySuppression(rows, suppressTable(rows, spec1).cells);
		expect(out.map((r) => r.n)).toEqual([SUPPRESSED, SUPPRESSED, '30']);
		expect(SUPPRESSED).toBe('suppressed');
		expect(Number.isNaN(Number(SUPPRESSED))).toBe(true);
		expect(rows[0]!.n).toBe('5');
	});
});

describe('a hidden total bounded from below by its shown parts', () => {
	// national data, June 2025: sectors `it` and `retail` had one occupation each (3 and 5
	// placements), hidden in the sector table with agriculture as their complement. In the
	// occupation table agriculture's June line was protected by one hidden occupation holding 61
	// placements but no medium-high placements, so its shown occupations gave agriculture's
	// medium-high count exactly from below, and the June column of the sector table then left
	// it + retail ≤ 5 medium-high placements (true 3 and 2): both proven small.
	const sector: Record<string, string> = {
		i1: 'it',
		r1: 'retail',
		g1: 'agri',
		g2: 'agri',
		g3: 'agri',
		b1: 'big',
		b2: 'big',
		b3: 'big',
		x1: 'big',
	};
	const monthRow = { i1: [30, 30], r1: [40, 20], g1: [60, 0], g2: [2000, 80], g3: [900, 90], b1: [3000, 300], b2: [4000, 200] };
	const data: Record<string, Record<string, number[]>> = {
		m1: { i1: [3, 3], r1: [5, 2], g1: [61, 0], g2: [2000, 78], g3: [900, 90], x1: [8, 8], b3: [50, 20], b1: [3000, 300], b2: [4000, 200] },
		m2: monthRow,
		m3: monthRow,
		m4: monthRow,
	};
	const rows: Row[] = Object.entries(data).flatMap(([c, cells]) =>
		Object.entries(cells).map(([o, [p, h]]) => ({ o, c, p: String(p), h: String(h) })),
	);
	const spec: SuppressionSpec = {
		threshold: T,
		dimensions: ['o', 'c'],
		counts: [{ member: 'p' }, { member: 'h', subsetOf: 'p' }],
		levels: { o: [(v) => sector[String(v)]!] },
	};

	it('keeps at least the threshold (or all) of every count hidden on a line whose total is hidden', () => {
		const fine = suppressWithMarginals(rows, spec);
		const bySector = new Map<string, Row>();
		for (const r of rows) {
			const key = `${sector[String(r.o)]}|${r.c}`;
			const cell: Row = bySector.get(key) ?? { s: sector[String(r.o)]!, c: r.c!, p: 0, h: 0 };
			cell.p = Number(cell.p) + Number(r.p);
			cell.h = Number(cell.h) + Number(r.h);
			bySector.set(key, cell);
		}
		const sectorRows = [...bySector.values()];
		const coarse = suppressWithMarginals(sectorRows, { ...spec, dimensions: ['s', 'c'], levels: {} });
		const hiddenCoarse = coarse.cells.get('p')!;
		expect([...hiddenCoarse].map((i) => `${coarse.rows[i]!.s}/${coarse.rows[i]!.c}`)).toContain('agri/m1');
		for (const member of ['p', 'h']) {
			const hiddenFine = fine.cells.get(member)!;
			for (const i of hiddenCoarse) {
				const { s, c } = coarse.rows[i]!;
				if (Number(coarse.rows[i]![member]) === 0) continue;
				const line = fine.rows.map((r, j) => [r, j] as const).filter(([r]) => sector[String(r.o)] === s && r.c === c);
				const hiddenMass = line.reduce((sum, [r, j]) => sum + (hiddenFine.has(j) ? Number(r[member]) : 0), 0);
				expect(hiddenMass, `${member} hidden in ${s}/${c}`).toBeGreaterThanOrEqual(Math.min(T, Number(coarse.rows[i]![member])));
			}
			// the attacker's bound: the m1 column of the sector table gives the hidden sectors'
			// sum; each hidden sector is at least its shown occupations; what is left bounds `it`
			const column = coarse.rows.map((r, j) => [r, j] as const).filter(([r]) => r.c === 'm1');
			const hiddenSum = column.reduce((sum, [r, j]) => sum + (hiddenCoarse.has(j) ? Number(r[member]) : 0), 0);
			const shownParts = fine.rows.reduce(
				(sum, r, j) =>
					sum +
					(r.c === 'm1' &&
					!['it', 'retail'].includes(sector[String(r.o)]!) &&
					!hiddenFine.has(j) &&
					hiddenCoarse.has(coarse.rows.findIndex((x) => x.s === sector[String(r.o)] && x.c === 'm1'))
						? Number(r[member])
						: 0),
				0,
			);
			expect(hiddenSum - shownParts, `${member}: upper bound of it + retail in m1`).toBeGreaterThanOrEqual(T);
		}
	});
});
