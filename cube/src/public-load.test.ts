import { describe, expect, it } from 'vitest';
import { AccessError, Catalog, type MetaCube, type Query } from './access.ts';
import { answerPublicQuery, bucketStart, planPublicQuery, publicAnswer, publicQueryOf, publicSettingsFromEnv } from './public-load.ts';
import type { Row } from './suppression.ts';

const V = 'public_placements';
const META: MetaCube[] = [
	{
		config: {
			name: V,
			measures: [
				{ name: `${V}.placements`, type: 'number', aggType: 'count' },
				// disclosure as the model declares it in the source member's meta (access.ts disclosureOf)
				{
					name: `${V}.medium_high_placements`,
					type: 'number',
					aggType: 'sum',
					meta: { disclosure: { kind: 'count', subset_of: 'placements' } },
				},
				{
					name: `${V}.medium_high_share`,
					type: 'number',
					aggType: 'number',
					meta: { disclosure: { kind: 'derived', from: ['placements', 'medium_high_placements'] } },
				},
			],
			dimensions: [
				{ name: `${V}.sector`, type: 'string' },
				{ name: `${V}.gender`, type: 'string' },
				{ name: `${V}.departure_date`, type: 'time' },
			],
		},
	},
];
const catalog = Catalog.fromMeta(META);
const settings = { threshold: 10, maxRows: 50_000 };
const P = `${V}.placements`;
const SECTOR = `${V}.sector`;
const GENDER = `${V}.gender`;
const MONTH = `${V}.departure_date.month`;
const YEAR = `${V}.departure_date.year`;

/**
 * sector × gender: agriculture/F is small. Its column (F) is protected with health_care/F, the
 * smallest other; that row with health_care/M, and agriculture's row with agriculture/M: a 2 × 2
 * block whose cells no total gives away.
 */
const SECTOR_GENDER: Row[] = [
	{ [SECTOR]: 'agriculture', [GENDER]: 'F', [P]: '4' },
	{ [SECTOR]: 'agriculture', [GENDER]: 'M', [P]: '40' },
	{ [SECTOR]: 'domestic', [GENDER]: 'F', [P]: '300' },
	{ [SECTOR]: 'domestic', [GENDER]: 'M', [P]: '20' },
	{ [SECTOR]: 'health_care', [GENDER]: 'F', [P]: '120' },
	{ [SECTOR]: 'health_care', [GENDER]: 'M', [P]: '60' },
];

describe('planning a public query', () => {
	it('uses the query itself as the base table when it has no filters, with every count of the view', () => {
		const plan = planPublicQuery({ measures: [P], dimensions: [SECTOR] }, catalog);
		// suppression is joint across a row's counts: the view's other counts decide too
		const MH = `${V}.medium_high_placements`;
		expect(plan.base).toEqual({ measures: [P, MH], dimensions: [SECTOR], timeDimensions: [], timezone: 'UTC' });
		expect(plan.direct).toBeNull();
		expect(plan.helpers).toEqual([MH]);
	});

	it('breaks the base table down by a filtered member instead of filtering it', () => {
		const plan = planPublicQuery(
			{ measures: [P], dimensions: [SECTOR], filters: [{ member: GENDER, operator: 'equals', values: ['F'] }] },
			catalog,
		);
		expect(plan.base.dimensions).toEqual([SECTOR, GENDER]);
		expect(plan.base.filters).toBeUndefined();
		expect(plan.direct).toBeNull();
		expect(plan.baseKeys).toEqual([SECTOR, GENDER]);
		expect(plan.answerKeys).toEqual([SECTOR]);
	});

	it('asks Cube for the values when an answer cell is a sum of several base cells', () => {
		const plan = planPublicQuery(
			{ measures: [P], dimensions: [SECTOR], filters: [{ member: GENDER, operator: 'equals', values: ['F', 'M'] }] },
			catalog,
		);
		expect(plan.direct?.filters).toEqual([{ member: GENDER, operator: 'equals', values: ['F', 'M'] }]);
	});

	it('turns a period into a time breakdown at the coarsest granularity it is made of', () => {
		const year = planPublicQuery(
			{ measures: [P], timeDimensions: [{ dimension: `${V}.departure_date`, dateRange: ['2024-01-01', '2024-12-31'] }] },
			catalog,
		);
		expect(year.base.timeDimensions).toEqual([{ dimension: `${V}.departure_date`, granularity: 'year' }]);
		expect(year.time).toMatchObject({ key: YEAR, from: '2024-01-01T00:00:00.000', to: '2024-01-01T00:00:00.000' });
		expect(year.direct).toBeNull();
		const quarters = planPublicQuery(
			{ measures: [P], timeDimensions: [{ dimension: `${V}.departure_date`, dateRange: ['2024-04-01', '2024-09-30'] }] },
			catalog,
		);
		expect(quarters.time?.granularity).toBe('quarter');
		expect(quarters.direct).not.toBeNull();
		const months = planPublicQuery(
			{ measures: [P], timeDimensions: [{ dimension: `${V}.departure_date`, dateRange: ['2024-02-01', '2024-03-31'] }] },
			catalog,
		);
		expect(months.time?.granularity).toBe('month');
	});

	it('refuses a period that cuts the buckets it breaks down by', () => {
		expect(() =>
			planPublicQuery(
				{
					measures: [P],
					timeDimensions: [{ dimension: `${V}.departure_date`, granularity: 'year', dateRange: ['2024-01-01', '2024-06-30'] }],
				},
				catalog,
			),
		).toThrow(/covers whole years/);
	});

	it('adds the counts a ratio is built from, and the count a subset belongs to', () => {
		const plan = planPublicQuery({ measures: [`${V}.medium_high_share`] }, catalog);
		expect(plan.helpers.sort()).toEqual([`${V}.medium_high_placements`, P].sort());
	});

	it('refuses a query without a measure', () => {
		expect(() => planPublicQuery({ dimensions: [SECTOR] }, catalog)).toThrow(AccessError);
	});
});

describe('answering a public query', () => {
	it('hides the small cell and its complements, with the marker and a list of hidden cells', () => {
		const query: Query = { measures: [P], dimensions: [SECTOR, GENDER] };
		const answer = answerPublicQuery(query, planPublicQuery(query, catalog), SECTOR_GENDER, null, settings);
		const hidden = answer.suppressed.map((s) => `${answer.data[s.row]![SECTOR]}/${answer.data[s.row]![GENDER]}`).sort();
		expect(hidden).toEqual(['agriculture/F', 'agriculture/M', 'health_care/F', 'health_care/M']);
		for (const s of answer.suppressed) expect(answer.data[s.row]![s.member]).toBe('suppressed');
		expect(answer.data.filter((r) => r[P] !== 'suppressed').map((r) => r[P])).toEqual(['300', '20']);
	});

	it('cuts a filtered answer out of the full table, so it hides the same cells', () => {
		const query: Query = { measures: [P], dimensions: [SECTOR], filters: [{ member: GENDER, operator: 'equals', values: ['M'] }] };
		const answer = answerPublicQuery(query, planPublicQuery(query, catalog), SECTOR_GENDER, null, settings);
		expect(answer.data).toEqual([
			{ [SECTOR]: 'domestic', [P]: '20' },
			{ [SECTOR]: 'agriculture', [P]: 'suppressed' },
			{ [SECTOR]: 'health_care', [P]: 'suppressed' },
		]);
	});

	it('hides a sum of base cells when one of them is hidden, and shows it exact otherwise', () => {
		const query: Query = { measures: [P], dimensions: [SECTOR], filters: [{ member: GENDER, operator: 'equals', values: ['F', 'M'] }] };
		const direct: Row[] = [
			{ [SECTOR]: 'agriculture', [P]: '44' },
			{ [SECTOR]: 'domestic', [P]: '320' },
			{ [SECTOR]: 'health_care', [P]: '180' },
		];
		const answer = answerPublicQuery(query, planPublicQuery(query, catalog), SECTOR_GENDER, direct, settings);
		expect(new Map(answer.data.map((r) => [r[SECTOR], r[P]]))).toEqual(
			new Map([
				['agriculture', 'suppressed'],
				['domestic', '320'],
				['health_care', 'suppressed'],
			]),
		);
	});

	it('hides a cell whose parts do not add up to what Cube answered (data changed in between)', () => {
		const query: Query = { measures: [P], dimensions: [SECTOR], filters: [{ member: GENDER, operator: 'equals', values: ['F', 'M'] }] };
		const direct: Row[] = [{ [SECTOR]: 'domestic', [P]: '321' }];
		const answer = answerPublicQuery(query, planPublicQuery(query, catalog), SECTOR_GENDER, direct, settings);
		expect(answer.data).toEqual([{ [SECTOR]: 'domestic', [P]: 'suppressed' }]);
	});

	it('leaves out the counts it added only to decide, and hides the ratio with its counts', () => {
		const share = `${V}.medium_high_share`;
		const mh = `${V}.medium_high_placements`;
		const rows: Row[] = [
			{ [SECTOR]: 'agriculture', [P]: '44', [mh]: '40', [share]: String(40 / 44) },
			{ [SECTOR]: 'domestic', [P]: '320', [mh]: '100', [share]: String(100 / 320) },
			{ [SECTOR]: 'health_care', [P]: '180', [mh]: '150', [share]: String(150 / 180) },
		];
		const query: Query = { measures: [share], dimensions: [SECTOR] };
		const answer = answerPublicQuery(query, planPublicQuery(query, catalog), rows, null, settings);
		for (const row of answer.data) expect(Object.keys(row).sort()).toEqual([SECTOR, share].sort());
		// agriculture: 44 − 40 = 4 people who are not medium-high: the subset is hidden, so the share is
		const hidden = answer.data.filter((r) => r[share] === 'suppressed').map((r) => r[SECTOR]);
		expect(hidden).toContain('agriculture');
	});

	it('orders after suppression with hidden cells last, then cuts', () => {
		const query: Query = { measures: [P], dimensions: [SECTOR, GENDER], order: { [P]: 'asc' }, limit: 3, offset: 1 };
		const answer = answerPublicQuery(query, planPublicQuery(query, catalog), SECTOR_GENDER, null, settings);
		expect(answer.total).toBe(6);
		expect(answer.data.map((r) => r[P])).toEqual(['300', 'suppressed', 'suppressed']);
		expect(answer.suppressed.map((s) => s.row)).toEqual([1, 2]);
	});

	it('answers a period as the slice of the time breakdown, with the time column when asked for', () => {
		const rows: Row[] = [
			{ [MONTH]: '2024-01-01T00:00:00.000', [P]: '30' },
			{ [MONTH]: '2024-02-01T00:00:00.000', [P]: '3' },
			{ [MONTH]: '2024-03-01T00:00:00.000', [P]: '50' },
			{ [MONTH]: '2024-04-01T00:00:00.000', [P]: '60' },
		];
		const query: Query = {
			measures: [P],
			timeDimensions: [{ dimension: `${V}.departure_date`, granularity: 'month', dateRange: ['2024-03-01', '2024-04-30'] }],
		};
		const answer = answerPublicQuery(query, planPublicQuery(query, catalog), rows, null, settings);
		expect(answer.data).toEqual([
			{ [MONTH]: '2024-03-01T00:00:00.000', [`${V}.departure_date`]: '2024-03-01T00:00:00.000', [P]: '50' },
			{ [MONTH]: '2024-04-01T00:00:00.000', [`${V}.departure_date`]: '2024-04-01T00:00:00.000', [P]: '60' },
		]);
	});
});

describe('settings', () => {
	it('read the threshold and limits from the environment, and refuse nonsense', () => {
		expect(publicSettingsFromEnv({})).toEqual({ threshold: 10, maxRows: 50_000 });
		expect(publicSettingsFromEnv({ SLMI_SUPPRESSION_THRESHOLD: '5' })).toMatchObject({ threshold: 5 });
		expect(() => publicSettingsFromEnv({ SLMI_SUPPRESSION_THRESHOLD: 'ten' })).toThrow(/SLMI_SUPPRESSION_THRESHOLD/);
		expect(() => publicSettingsFromEnv({ SLMI_SUPPRESSION_THRESHOLD: '0' })).toThrow();
		// the same parser as config.ts: the two may never disagree about one setting
		expect(() => publicSettingsFromEnv({ SLMI_SUPPRESSION_THRESHOLD: '1e1' })).toThrow(/whole number/);
		// the breakdown is no longer a setting: a deployment still setting it is told so at start
		expect(() => publicSettingsFromEnv({ SLMI_PUBLIC_MAX_BREAKDOWN: '2' })).toThrow(/no longer a setting/);
	});

	it('find the bucket a day falls in', () => {
		expect(bucketStart('2024-05-17', 'quarter')).toBe('2024-04-01T00:00:00.000');
		expect(bucketStart('2024-05-17', 'year')).toBe('2024-01-01T00:00:00.000');
		expect(bucketStart('2024-05-17', 'month')).toBe('2024-05-01T00:00:00.000');
	});
});

describe('a public /load from Cube\'s own client (queryType "multi")', () => {
	const q = { measures: [`${V}.placements`] };

	it('takes one query, bare or in a one-element list, and answers in the multi shape ResultSet reads', () => {
		expect(publicQueryOf(q, undefined)).toEqual({ query: q, multi: false });
		expect(publicQueryOf(q, 'multi')).toEqual({ query: q, multi: true });
		expect(publicQueryOf([q], 'multi')).toEqual({ query: q, multi: true });
		const body = { query: q, data: [{ [`${V}.placements`]: '12' }], slmi: { threshold: 10, marker: '<10', suppressed: [] } };
		expect(publicAnswer(body, false)).toBe(body);
		expect(publicAnswer(body, true)).toEqual({
			queryType: 'regularQuery',
			results: [body],
			pivotQuery: { ...q, queryType: 'regularQuery' },
		});
		expect(publicAnswer({ error: 'no' }, true)).toEqual({ error: 'no' });
	});

	it('refuses a blend of two queries, and a list without queryType', () => {
		expect(() => publicQueryOf([q, q], 'multi')).toThrow(AccessError);
		expect(() => publicQueryOf([q], undefined)).toThrow(/one at a time/);
		expect(() => publicQueryOf('x', 'multi')).toThrow(/one JSON object/);
	});
});
