/**
 * Certification, training and certification capacity through Cube equal the facts and the
 * reference tables (docs/metrics.md).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cubeRow, cubeRows, d, dataReady, expectBreakdown, expectRow, K, pickSlices, type Slices, sqlRow, sqlRows } from './harness.ts';

const s: Slices = await pickSlices();

beforeAll(dataReady);

const inRange = (col: string) => `${col} BETWEEN ${d(s.range[0])} AND ${d(s.range[1])}`;

describe('certifications', () => {
	const measures = ['attempts', 'passed', 'failed', 'absent', 'pass_rate', 'travelled_attempts', 'travelled_share'].map(
		(m) => `certifications.${m}`,
	);
	const expectedSql = (where: string) => `
		SELECT
			count() AS attempts,
			countIf(result = 'passed') AS passed,
			countIf(result = 'failed') AS failed,
			countIf(result = 'absent') AS absent,
			countIf(result = 'passed') / count() AS pass_rate,
			countIf(body_province != province_code) AS travelled_attempts,
			countIf(body_province != province_code) / count() AS travelled_share
		FROM fct_certifications WHERE ${where}`;
	const slices: [string, Parameters<typeof cubeRow>[0], string][] = [
		['national', {}, '1'],
		[
			`province ${s.province}`,
			{ filters: [{ member: 'certifications.province', operator: 'equals', values: [s.province] }] },
			`province_code = '${s.province}'`,
		],
		[
			`exams ${s.range.join('..')}`,
			{ timeDimensions: [{ dimension: 'certifications.exam_date', dateRange: s.range }] },
			inRange('exam_date'),
		],
		[
			`province ${s.province} in ${s.range.join('..')}`,
			{
				filters: [{ member: 'certifications.province', operator: 'equals', values: [s.province] }],
				timeDimensions: [{ dimension: 'certifications.exam_date', dateRange: s.range }],
			},
			`province_code = '${s.province}' AND ${inRange('exam_date')}`,
		],
	];
	for (const [name, query, where] of slices) {
		it(`attempts, pass rate and travel as the facts say: ${name}`, async () => {
			const expected = await sqlRow(expectedSql(where));
			expect(Number(expected.attempts), `${name} has attempts`).toBeGreaterThan(0);
			expectRow(await cubeRow({ measures, ...query }), expected, name);
		});
	}

	it('by scheme, as the facts say', async () => {
		const actual = await cubeRows({
			measures: ['certifications.attempts', 'certifications.pass_rate'],
			dimensions: ['certifications.scheme'],
		});
		const expected = await sqlRows(
			`SELECT scheme_code, count() AS n, countIf(result = 'passed') / count() AS rate FROM fct_certifications GROUP BY scheme_code HAVING uniqExact(candidate_id) >= ${K}`,
		);
		expectBreakdown(
			actual,
			expected,
			{ cube: (r) => String(r.scheme), sql: (r) => String(r.scheme_code) },
			{ attempts: 'n', pass_rate: 'rate' },
			'scheme',
		);
	});
});

describe('trainings', () => {
	const measures = ['trainings', 'completed', 'dropped', 'completion_rate'].map((m) => `trainings.${m}`);
	const expectedSql = (where: string) => `
		SELECT count() AS trainings, countIf(result = 'completed') AS completed, countIf(result = 'dropped') AS dropped,
			countIf(result = 'completed') / count() AS completion_rate
		FROM fct_trainings WHERE ${where}`;
	const slices: [string, Parameters<typeof cubeRow>[0], string][] = [
		['national', {}, '1'],
		[
			`province ${s.province}`,
			{ filters: [{ member: 'trainings.province', operator: 'equals', values: [s.province] }] },
			`province_code = '${s.province}'`,
		],
		[`ended ${s.range.join('..')}`, { timeDimensions: [{ dimension: 'trainings.end_date', dateRange: s.range }] }, inRange('end_date')],
		['language courses', { filters: [{ member: 'trainings.kind', operator: 'equals', values: ['language'] }] }, "kind = 'language'"],
	];
	for (const [name, query, where] of slices) {
		it(`as the facts say: ${name}`, async () => {
			const expected = await sqlRow(expectedSql(where));
			expect(Number(expected.trainings), `${name} has trainings`).toBeGreaterThan(0);
			expectRow(await cubeRow({ measures, ...query }), expected, name);
		});
	}
});

describe('certification capacity', () => {
	it('bodies and annual capacity by province equal the reference tables', async () => {
		const actual = await cubeRows({
			measures: ['certification_capacity.bodies', 'certification_capacity.annual_capacity'],
			dimensions: ['certification_capacity.province'],
		});
		// a body assesses in one province, so over all its schemes its capacity counts once
		const expected = await sqlRows(`
			SELECT province_code, count() AS bodies, sum(annual_capacity) AS capacity
			FROM dim_certification_bodies WHERE body_code IN (SELECT body_code FROM dim_certification_body_schemes)
			GROUP BY province_code`);
		expectBreakdown(
			actual,
			expected,
			{ cube: (r) => String(r.province), sql: (r) => String(r.province_code) },
			{ bodies: 'bodies', annual_capacity: 'capacity' },
			'province',
		);
	});

	it('per scheme: the bodies offering it, each contributing its capacity shared among its schemes', async () => {
		const actual = await cubeRows({
			measures: ['certification_capacity.bodies', 'certification_capacity.annual_capacity'],
			dimensions: ['certification_capacity.scheme'],
		});
		const expected = await sqlRows(`
			SELECT scheme_code, count() AS bodies, sum(annual_capacity / offered) AS capacity
			FROM
			(
				SELECT * FROM dim_certification_body_schemes
				ANY LEFT JOIN (SELECT body_code, annual_capacity FROM dim_certification_bodies) USING body_code
			)
			ANY LEFT JOIN (SELECT body_code, count() AS offered FROM dim_certification_body_schemes GROUP BY body_code) USING body_code
			GROUP BY scheme_code`);
		expectBreakdown(
			actual,
			expected,
			{ cube: (r) => String(r.scheme), sql: (r) => String(r.scheme_code) },
			{ bodies: 'bodies', annual_capacity: 'capacity' },
			'scheme',
		);
	});
});
