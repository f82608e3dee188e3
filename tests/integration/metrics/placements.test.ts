/**
 * Placements and applications through Cube equal the same definitions computed on the facts
 * (docs/metrics.md): nationally, for a country, a province and a month range.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
	cubeRow,
	cubeRows,
	d,
	dataReady,
	expectBreakdown,
	expectRow,
	K,
	pickSlices,
	type Slices,
	sqlRow,
	sqlRows,
	standardSlices,
} from './harness.ts';

// Slices come from the data (the busiest country and province, the last three whole months).
const s: Slices = await pickSlices();
const slices = standardSlices(s);

beforeAll(dataReady);

describe('placements', () => {
	const measures = [
		'placements',
		'medium_high_placements',
		'medium_high_share',
		'smk_placements',
		'smk_medium_high_placements',
		'female_placements',
		'female_share',
		'certified_placements',
		'certified_share',
		'wage_usd_total',
		'avg_wage_usd',
	];
	for (const slice of slices) {
		it(`answers every measure as the facts do: ${slice.name}`, async () => {
			// All measures in one query: ratios together with their components is the case that
			// breaks on ClickHouse alias shadowing when a rollup serves it.
			const actual = await cubeRow({
				measures: measures.map((m) => `placements.${m}`),
				...slice.cube('placements.departure_date', 'placements'),
			});
			const expected = await sqlRow(`
				SELECT
					count() AS placements,
					sum(medium_high_skill) AS medium_high_placements,
					sum(medium_high_skill) / count() AS medium_high_share,
					sum(smk) AS smk_placements,
					sum(smk * medium_high_skill) AS smk_medium_high_placements,
					countIf(gender = 'F') AS female_placements,
					countIf(gender = 'F') / count() AS female_share,
					sum(certified) AS certified_placements,
					avg(certified) AS certified_share,
					sum(wage_usd) AS wage_usd_total,
					avg(wage_usd) AS avg_wage_usd
				FROM fct_placements
				WHERE ${slice.where('departure_date')}`);
			expect(Number(expected.placements), `${slice.name} has placements`).toBeGreaterThan(0);
			expectRow(actual, expected, slice.name);
		});
	}

	it('breaks down by country and month as the facts do', async () => {
		const actual = await cubeRows({
			measures: ['placements.placements', 'placements.medium_high_share'],
			dimensions: ['placements.country'],
			timeDimensions: [{ dimension: 'placements.departure_date', dateRange: s.range, granularity: 'month' }],
		});
		const expected = await sqlRows(`
			SELECT country_iso2, toString(toStartOfMonth(departure_date)) AS month, count() AS n, avg(medium_high_skill) AS share
			FROM fct_placements
			WHERE departure_date BETWEEN ${d(s.range[0])} AND ${d(s.range[1])}
			GROUP BY country_iso2, month HAVING uniqExact(candidate_id) >= ${K}`);
		expectBreakdown(
			actual,
			expected,
			{ cube: (r) => `${r.country} ${String(r['departure_date.month']).slice(0, 10)}`, sql: (r) => `${r.country_iso2} ${r.month}` },
			{ placements: 'n', medium_high_share: 'share' },
			'country x month',
		);
	});

	it('breaks down by regency within a province as the facts do', async () => {
		const actual = await cubeRows({
			measures: ['placements.placements', 'placements.female_share'],
			dimensions: ['placements.regency'],
			filters: [{ member: 'placements.province', operator: 'equals', values: [s.province] }],
		});
		const expected = await sqlRows(`
			SELECT regency_code, count() AS n, countIf(gender = 'F') / count() AS female
			FROM fct_placements WHERE province_code = '${s.province}' GROUP BY regency_code HAVING uniqExact(candidate_id) >= ${K}`);
		expectBreakdown(
			actual,
			expected,
			{ cube: (r) => String(r.regency), sql: (r) => String(r.regency_code) },
			{ placements: 'n', female_share: 'female' },
			'regency',
		);
	});
});

describe('applications', () => {
	for (const slice of slices) {
		it(`counts and rates applications as the facts do: ${slice.name}`, async () => {
			const actual = await cubeRow({
				measures: ['applications.applications', 'applications.accepted', 'applications.rejected', 'applications.acceptance_rate'],
				...slice.cube('applications.applied_date', 'applications'),
			});
			const expected = await sqlRow(`
				SELECT
					count() AS applications,
					countIf(outcome = 'accepted') AS accepted,
					countIf(outcome = 'rejected') AS rejected,
					countIf(outcome = 'accepted') / countIf(outcome IN ('accepted', 'rejected')) AS acceptance_rate
				FROM fct_applications
				WHERE ${slice.where('applied_date')}`);
			expect(Number(expected.applications), `${slice.name} has applications`).toBeGreaterThan(0);
			expectRow(actual, expected, slice.name);
		});
	}

	it('splits rejections by reason as the facts do', async () => {
		const actual = await cubeRows({ measures: ['applications.rejected'], dimensions: ['applications.rejection_reason'] });
		const expected = await sqlRows(
			`SELECT rejection_reason, count() AS n FROM fct_applications WHERE outcome = 'rejected' GROUP BY rejection_reason`,
		);
		expectBreakdown(
			actual.filter((r) => Number(r.rejected) > 0),
			expected,
			{ cube: (r) => String(r.rejection_reason), sql: (r) => String(r.rejection_reason) },
			{ rejected: 'n' },
			'rejection reason',
		);
	});
});
