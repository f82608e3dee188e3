/**
 * The fuzzer's generator and checks, without Cube: a seed always gives the same attacks, path
 * spellings are what they say, and each check catches what it is meant to (and only that).
 */
import { describe, expect, it } from 'vitest';
import {
	checkErrorBody,
	type FuzzCatalog,
	generateRequests,
	isCandidateDetail,
	leakIn,
	otherProvinceCells,
	peopleMeasures,
	personLevelRows,
	publicMetaViolations,
	Rng,
	rowKey,
	sentStrings,
	smallPublicCells,
	spellPath,
} from './fuzz-gen.ts';

const catalog: FuzzCatalog = {
	cubes: ['placements', 'public_placements', 'supply', 'provinces'],
	views: ['public_placements'],
	members: [
		{ name: 'placements.placements', cube: 'placements', kind: 'measure', type: 'number', aggType: 'count', visible: true },
		{ name: 'placements.p_placements', cube: 'placements', kind: 'measure', type: 'number', aggType: 'count', visible: false },
		{ name: 'placements.placement_id', cube: 'placements', kind: 'dimension', type: 'string', visible: false },
		{ name: 'placements.province', cube: 'placements', kind: 'dimension', type: 'string', visible: true },
		{ name: 'placements.gender', cube: 'placements', kind: 'dimension', type: 'string', visible: true },
		{ name: 'placements.departure_date', cube: 'placements', kind: 'dimension', type: 'time', visible: true },
		{ name: 'supply.candidates', cube: 'supply', kind: 'measure', type: 'number', aggType: 'count', visible: true },
		{ name: 'supply.province', cube: 'supply', kind: 'dimension', type: 'string', visible: true },
		{ name: 'supply.regency', cube: 'supply', kind: 'dimension', type: 'string', visible: true },
		{ name: 'supply.registered_date', cube: 'supply', kind: 'dimension', type: 'time', visible: true },
		{ name: 'public_placements.placements', cube: 'public_placements', kind: 'measure', type: 'number', aggType: 'count', visible: true },
		{ name: 'public_placements.province', cube: 'public_placements', kind: 'dimension', type: 'string', visible: true },
		{ name: 'public_placements.departure_date', cube: 'public_placements', kind: 'dimension', type: 'time', visible: true },
		{ name: 'provinces.code', cube: 'provinces', kind: 'dimension', type: 'string', visible: true },
	],
	values: { 'placements.province': ['32', '35', '52'], 'placements.gender': ['F', 'M'] },
};

describe('fuzz generator', () => {
	it('gives the same requests for the same seed, and other requests for another seed', () => {
		for (const role of ['minister', 'regional', 'public']) {
			const a = generateRequests(7, catalog, role, role, 300);
			const b = generateRequests(7, catalog, role, role, 300);
			expect(JSON.stringify(a)).toBe(JSON.stringify(b));
			expect(JSON.stringify(generateRequests(8, catalog, role, role, 300))).not.toBe(JSON.stringify(a));
		}
	});

	it('covers every endpoint, both methods, every spelling, canaries and hostile material', () => {
		const requests = generateRequests(1, catalog, 'minister', 'minister', 2000);
		expect(new Set(requests.map((r) => r.endpoint))).toEqual(
			new Set(['load', 'sql', 'dry-run', 'meta', 'meta-extended', 'graphql', 'subscribe', 'jobs']),
		);
		expect(new Set(requests.map((r) => r.method))).toEqual(new Set(['GET', 'POST']));
		expect(new Set(requests.map((r) => r.spelling)).size).toBe(8);
		expect(requests.some((r) => r.canary?.kind === 'timezone')).toBe(true);
		expect(requests.some((r) => r.canary?.kind === 'value')).toBe(true);
		const text = JSON.stringify(requests.map((r) => r.query));
		for (const needle of [
			'placements.p_placements',
			'placements.placement_id',
			'"or"',
			'"timezone"',
			'"ungrouped"',
			'fct_candidates',
			'"%"',
		]) {
			expect(text, needle).toContain(needle);
		}
		// a canary's two halves differ only in the condition
		const canary = requests.find((r) => r.canary)!;
		expect(canary.body ?? canary.path).not.toBe(canary.canary!.twin.body ?? canary.canary!.twin.path);
		expect((canary.body ?? decodeURIComponent(canary.path)).replace('> 0', '< 0')).toBe(
			canary.canary!.twin.body ?? decodeURIComponent(canary.canary!.twin.path),
		);
	});

	it('spells paths the ways it says', () => {
		const rng = new Rng(3);
		const p = '/cubejs-api/v1/load?query=%7B%7D';
		expect(spellPath(rng, p, 'canonical')).toBe(p);
		expect(spellPath(rng, p, 'upper')).toBe('/CUBEJS-API/V1/LOAD?query=%7B%7D');
		expect(spellPath(rng, p, 'trailing-slash')).toBe('/cubejs-api/v1/load/?query=%7B%7D');
		expect(spellPath(rng, p, 'double-slash')).toMatch(/^\/cubejs-api\/?\/v1\/?\/load\?/);
		expect(spellPath(rng, p, 'double-slash')).toContain('//');
		expect(spellPath(rng, p, 'dot-segment')).toContain('/./');
		expect(spellPath(rng, p, 'dotdot')).toContain('/x/../');
		expect(decodeURIComponent(spellPath(rng, p, 'percent-letter').split('?')[0]!)).toBe('/cubejs-api/v1/load');
		expect(spellPath(rng, p, 'percent-letter')).toMatch(/%[0-9A-F]{2}.*\?/);
		const mixed = spellPath(rng, p, 'mixed');
		expect(mixed).not.toBe(p);
		expect(mixed.toLowerCase()).toBe(p.toLowerCase());
	});
});

describe('fuzz checks', () => {
	it('finds SQL, warehouse errors, paths and stack traces in errors, but not the asker’s own words', () => {
		expect(leakIn('The warehouse could not answer this query')).toBeUndefined();
		expect(leakIn('"limit" must be a whole number from 1 to 50000')).toBeUndefined();
		expect(leakIn('Code: 47, e.displayText() = DB::Exception: Missing columns')).toMatch(/warehouse error/);
		expect(leakIn("Syntax error near toTimeZone(placements.departure_date, 'X')")).toMatch(/SQL function/);
		expect(leakIn('SELECT count(*) FROM fct_candidates')).toMatch(/SQL text/);
		expect(leakIn('Error\n    at Object.<anonymous> (/work/x/node_modules/a.js:10:5)')).toBeDefined();
		expect(leakIn('failed in /work/wt/cube/src/server.ts')).toMatch(/file path/);
		expect(leakIn("'SELECT 1' not found for path 'x.SELECT 1'", ['SELECT 1'])).toBeUndefined();
		const echoed = sentStrings({ path: '', query: { measures: ['fct_candidates.nope'] } });
		expect(leakIn("Cube 'fct_candidates' not found for path 'fct_candidates.nope'", echoed)).toBeUndefined();
		expect(leakIn('Expected table name patterns: slmi_pre_aggregations.supply_monthly_*')).toMatch(/internal table name/);
		expect(checkErrorBody(400, '{"error":"bad"}', [])).toBeUndefined();
		expect(checkErrorBody(400, '<html>bad</html>', [])).toMatch(/not JSON/);
		expect(checkErrorBody(500, '{"message":"x"}', [])).toMatch(/not \{error\}/);
		expect(checkErrorBody(400, '{"error":"x","stack":"at y"}', [])).toMatch(/stack/);
	});

	it('counts people per row by the answer’s breakdown, and flags rows of 1 to k − 1 people', () => {
		const columns = ['placements.gender', 'placements.province'];
		const rows = [
			{ 'placements.province': '52', 'placements.gender': 'F', 'placements.placements': '3' },
			{ 'placements.province': '52', 'placements.gender': 'M', 'placements.placements': '40' },
			{ 'placements.province': '35', 'placements.gender': 'F', 'placements.placements': '0' },
		];
		const people = new Map(rows.map((r) => [rowKey(r, columns), { 'placements.people': Number(r['placements.placements']) }]));
		const bad = personLevelRows(rows, columns, people, 5);
		expect(bad.map((b) => b.row)).toEqual([rows[0]]);
		expect(personLevelRows(rows, columns, people, 3)).toEqual([]);
	});

	it('reads the people measure from the model when it declares one', () => {
		expect(peopleMeasures(catalog).supply).toBe('supply.candidates');
		const declared: FuzzCatalog = {
			...catalog,
			members: [
				...catalog.members,
				{ name: 'supply.people', cube: 'supply', kind: 'measure', type: 'number', aggType: 'countDistinct', visible: false },
			],
		};
		expect(peopleMeasures(declared)).toEqual({ supply: 'supply.people' });
	});

	it('finds shown public counts under the threshold, other provinces, and non-public /meta', () => {
		const counts = new Set(['public_placements.placements']);
		const rows = [
			{ 'public_placements.province': '52', 'public_placements.placements': '9' },
			{ 'public_placements.province': '35', 'public_placements.placements': 'suppressed' },
			{ 'public_placements.province': '32', 'public_placements.placements': '0' },
			{ 'public_placements.province': '11', 'public_placements.placements': '10' },
		];
		expect(smallPublicCells(rows, counts, 10)).toEqual([{ row: 0, member: 'public_placements.placements', value: '9' }]);

		const cells = otherProvinceCells(
			[
				{ 'supply.province': '52', 'supply.regency': '52.01', 'certifications.body_province': '31' },
				{ 'supply.province': '35', 'supply.regency': '52.02' },
				{ 'supply.regency': '35.07' },
			],
			'52',
		);
		expect(cells.map((c) => `${c.row}/${c.member}`)).toEqual(['1/supply.province', '2/supply.regency']);
		expect(isCandidateDetail({ measures: ['supply.candidates'] })).toBe(true);
		expect(isCandidateDetail({ measures: ['placements.placements'], dimensions: ['placements.regency'] })).toBe(true);
		expect(isCandidateDetail({ measures: ['placements.placements'], dimensions: ['placements.province'] })).toBe(false);

		expect(publicMetaViolations({ cubes: [{ name: 'public_placements', measures: [{ name: 'public_placements.placements' }] }] })).toEqual(
			[],
		);
		expect(publicMetaViolations({ cubes: [{ name: 'supply', measures: [] }] })[0]).toMatch(/non-public/);
		expect(
			publicMetaViolations({ cubes: [{ name: 'countries', dimensions: [{ name: 'countries.code', sql: 'country_iso2' }] }] })[0],
		).toMatch(/member SQL/);
	});
});
