/**
 * The disclosure auditor (cube/src/disclosure-audit.ts) against the real public surface: every
 * public view, every attribute, every granularity, as a visitor gets them through Cube with a
 * public token, solved by an attacker with a linear-programming solver (HiGHS). No small cell may
 * be narrowed below the documented protection: upper bound ≥ T, lower bound ≤ value / 2.
 * The web's public CSVs must add nothing: each of their numbers is a cell the audit already has.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { PUBLIC_FIXED_TABLES } from '../../../cube/src/access.ts';
import { type AuditReport, type AuditTable, auditCube, describeFinding, type PublicMeta } from '../../../cube/src/disclosure-audit.ts';
import { PUBLIC_ATTRIBUTES, PUBLIC_TIME } from '../../../cube/src/public-families.ts';
import { tokenFor } from '../../support/cube-client.ts';
import { ask, cube, PUBLIC, SYSTEM } from './access-client.ts';

const web = inject('web') as { url: string };

let tables: AuditTable[] = [];
let year = '';
let report: AuditReport;

describe('disclosure audit of the public surface', () => {
	it('collects every public table and finds no small cell narrowed below the protection', async () => {
		// the last complete year of the test data (its last year is cut by the as-of date)
		const byYear = await ask(PUBLIC, 'load', {
			measures: ['public_placements.placements'],
			timeDimensions: [{ dimension: 'public_placements.departure_date', granularity: 'year' }],
		});
		const years = (byYear.body.data ?? []).map((r) => String(r['public_placements.departure_date.year']).slice(0, 4)).sort();
		year = years.at(-2) ?? years.at(-1)!;
		// the same code path as the benchmark's national audit (scripts/bench.ts)
		const result = await auditCube(cube.url, { public: await tokenFor(cube, PUBLIC), truth: await tokenFor(cube, SYSTEM) }, year);
		({ report, tables } = result);
		const { threshold } = result;
		// kept for a look at what the attacker had (not an input of any test)
		mkdirSync('.slmi', { recursive: true });
		writeFileSync('.slmi/disclosure-audit-tables.json', JSON.stringify({ threshold, tables }));
		console.log(
			`disclosure audit of ${year}: ${report.tables} tables, ${report.cells} cells, ${report.suppressed} hidden, ${report.primary} small (1–${threshold - 1}), ` +
				`${report.violations.length} under-protected, ${report.exact.length} computed exactly, ${report.shownElsewhere.length} hidden in one view and shown in another, ${report.linearPrograms} linear programs in ${report.seconds} s; ` +
				`narrowest: ${report.narrowest ? describeFinding(report.narrowest) : 'none'}`,
		);
		expect(report.tables).toBeGreaterThan(40);
		expect(report.primary, 'the test data has small cells to protect').toBeGreaterThan(20);
		expect(report.inconsistent, 'tables of different views that count the same people agree').toEqual([]);
		// No small cell computed, proven small (upper bound below T) or pinned from below (lower
		// bound above half its value), and none shown by one table and hidden by another.
		expect(report.violations.map(describeFinding)).toEqual([]);
		expect(report.exact).toEqual([]);
		expect(report.shownElsewhere.filter((f) => f.value >= 1 && f.value < threshold).map(describeFinding)).toEqual([]);
	}, 600_000);

	it('audits every public breakdown: each non-time dimension of a public view is a declared attribute', async () => {
		const meta = (await ask(PUBLIC, 'meta')).body as unknown as PublicMeta;
		// the Quick Win view's year and forecast method are not attributes of people (national
		// figures, a choice of forecast), and its counts are audited by month
		const notAttributes = ['public_quick_win.year', 'public_quick_win.forecast_method'];
		const undeclared = meta.cubes
			.filter((c) => c.name.startsWith('public_'))
			.flatMap((c) => c.dimensions.filter((d) => d.type !== 'time').map((d) => d.name))
			.filter((d) => !notAttributes.includes(d) && PUBLIC_ATTRIBUTES[d.split('.')[1]!] === undefined);
		expect(undeclared, 'declare them in PUBLIC_ATTRIBUTES (cube/src/public-families.ts) with their hierarchy').toEqual([]);
		// Fixed tables without a period (public_openings, "Peluang untuk saya") are suppressed as one
		// whole table with both margins public, but not yet in the auditor's program: a residual
		// named in docs/access.md ("Opportunities for me"), exempted here by name, not silently.
		const fixed = Object.keys(PUBLIC_FIXED_TABLES);
		expect(fixed).toEqual(['public_openings']);
		for (const view of meta.cubes.filter((c) => c.name.startsWith('public_') && c.name !== 'public_quick_win' && !fixed.includes(c.name))) {
			expect(PUBLIC_TIME[view.name], `${view.name} needs its time dimension in PUBLIC_TIME`).toBeDefined();
		}
	});

	it('the public CSVs show only cells the audit saw, hidden where it saw them hidden', async () => {
		expect(tables.length).toBeGreaterThan(0);
		const datasets: [string, string, string | null, string][] = [
			['placements-by-month', 'public_placements', null, 'public_placements.placements'],
			['placements-by-country', 'public_placements', 'country', 'public_placements.placements'],
			['placements-by-province', 'public_placements', 'province', 'public_placements.placements'],
			['demand-by-country', 'public_demand', 'country', 'public_demand.demand_slots'],
		];
		let compared = 0;
		for (const [dataset, view, attribute, member] of datasets) {
			const res = await fetch(`${web.url}/public/data/${dataset}.csv?year=${year}&lang=en`);
			expect(res.status, dataset).toBe(200);
			const [header, ...lines] = (await res.text()).trim().split(/\r?\n/);
			const columns = header!.split(',');
			const codeColumn = attribute ? columns.indexOf('Code') : 0;
			const valueColumn = columns.findIndex((c) => /Placements|Demand/i.test(c));
			const granularity = attribute ? 'year' : 'month';
			const table = tables.find((t) => t.view === view && t.attribute === attribute && t.granularity === granularity)!;
			for (const line of lines) {
				const cellsOf = line.split(',');
				const code = cellsOf[codeColumn]!.replace(/"/g, '');
				const shown = cellsOf[valueColumn]!;
				const row = table.rows.find(
					(r) => String(r.period).startsWith(attribute ? year : code) && (attribute ? String(r.attribute) === code : true),
				);
				const cell = row?.[member];
				if (cell === undefined) continue;
				if (cell === 'suppressed') expect(Number.isNaN(Number(shown)) || shown === '', `${dataset} ${year} ${code}`).toBe(true);
				else expect(Number(shown), `${dataset} ${year} ${code}`).toBe(Number(cell));
				compared++;
			}
		}
		expect(compared).toBeGreaterThan(10);
	}, 120_000);
});
