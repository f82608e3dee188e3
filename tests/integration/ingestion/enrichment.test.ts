/**
 * The columns the loader derives at publish time, checked value by value on the valid fixture
 * set: a placement's origin comes from its candidate, its destination and occupation from its
 * job-order line, and medium_high_skill follows the SPEC rule (skill level ≥ 3, or ≥ 2 with a
 * certification passed by the departure date).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES, entitySpecs } from '../../../common/formats.ts';
import { loadFiles } from '../../../warehouse/src/load/index.ts';
import { publishedColumns } from '../../../warehouse/src/load/publish-sql.ts';
import { fixture, type Scratch, scratchWarehouse } from './support.ts';

let s: Scratch;

beforeAll(async () => {
	s = await scratchWarehouse('enrichment');
	const report = await loadFiles(s.db, [fixture('valid')]);
	expect(report.ok).toBe(true);
	expect(report.totals).toMatchObject({ read: 24, inserted: 24, quarantined: 0 });
});
afterAll(async () => {
	await s?.drop();
});

describe('enrichment', () => {
	it('writes every column of every fact table (schema and loader agree)', async () => {
		for (const entity of ENTITIES) {
			const table = entitySpecs[entity].table;
			const columns = await s.rows<{ name: string }>(
				`SELECT name FROM system.columns WHERE database = currentDatabase() AND table = '${table}' AND name != '_loaded_at' ORDER BY name`,
			);
			expect(publishedColumns(entity).sort(), table).toEqual(columns.map((c) => c.name));
		}
	});

	it('gives a placement its candidate’s origin, its line’s destination, and the Quick Win flags', async () => {
		const rows = await s.rows(
			`SELECT placement_id, province_code, regency_code, gender, age_band, education, smk, country_iso2, region_code, scheme, agency_code,
				sector, occupation_isco4, skill_level, formal, certified, medium_high_skill, wage_currency, wage_usd, line_issued_date, days_to_fill
			FROM fct_placements ORDER BY placement_id`,
		);
		expect(rows).toEqual([
			// C1 (West Java, SMK) on L1 (Japan, caregiver in a care facility, skill 2); passed caregiver on 2024-02-10, before leaving on 2024-04-01.
			{
				placement_id: 'P1',
				province_code: '32',
				regency_code: '32.12',
				gender: 'F',
				age_band: '17-24',
				education: 'smk',
				smk: 1,
				country_iso2: 'JP',
				region_code: 'east_asia',
				scheme: 'P2P',
				agency_code: 'P3MI-0001',
				sector: 'health_care',
				occupation_isco4: '5321',
				skill_level: 2,
				formal: 1,
				certified: 1,
				medium_high_skill: 1,
				wage_currency: 'JPY',
				wage_usd: 1320,
				line_issued_date: '2024-01-05',
				days_to_fill: 87,
			},
			// C3 (West Kalimantan) on L2 (Korea, welder, skill 2): failed in February, passed only after leaving → not certified.
			{
				placement_id: 'P2',
				province_code: '61',
				regency_code: '61.01',
				gender: 'M',
				age_band: '30-34',
				education: 'smp',
				smk: 0,
				country_iso2: 'KR',
				region_code: 'east_asia',
				scheme: 'G2G',
				agency_code: '',
				sector: 'engineering',
				occupation_isco4: '7212',
				skill_level: 2,
				formal: 1,
				certified: 0,
				medium_high_skill: 0,
				wage_currency: 'KRW',
				wage_usd: 1656,
				line_issued_date: '2024-01-10',
				days_to_fill: 96,
			},
			// C4 (NTB) on L3 (Taiwan, domestic work): the domestic sector is informal.
			{
				placement_id: 'P3',
				province_code: '52',
				regency_code: '52.03',
				gender: 'F',
				age_band: '40-44',
				education: 'sd',
				smk: 0,
				country_iso2: 'TW',
				region_code: 'east_asia',
				scheme: 'P2P',
				agency_code: 'P3MI-0002',
				sector: 'domestic',
				occupation_isco4: '5152',
				skill_level: 2,
				formal: 0,
				certified: 0,
				medium_high_skill: 0,
				wage_currency: 'TWD',
				wage_usd: 620,
				line_issued_date: '2024-02-01',
				days_to_fill: 79,
			},
			// C5 on L4 (Germany, nurse, skill 4): medium-high without a certificate (her only attempt: absent).
			{
				placement_id: 'P4',
				province_code: '32',
				regency_code: '32.01',
				gender: 'F',
				age_band: '25-29',
				education: 'diploma',
				smk: 0,
				country_iso2: 'DE',
				region_code: 'europe',
				scheme: 'G2G',
				agency_code: '',
				sector: 'health_care',
				occupation_isco4: '2221',
				skill_level: 4,
				formal: 1,
				certified: 0,
				medium_high_skill: 1,
				wage_currency: 'EUR',
				wage_usd: 3240,
				line_issued_date: '2024-02-15',
				days_to_fill: 76,
			},
		]);
	});

	it('fills job-order lines from the dimensions', async () => {
		expect(
			await s.rows(
				`SELECT line_id, region_code, skill_level, formal, round(wage_min_usd, 2) AS wage_min_usd, min_education_rank, status_date,
					required_language_level, agency_code, toString(updated_at) AS updated_at FROM fct_job_order_lines ORDER BY line_id`,
			),
		).toEqual([
			{
				line_id: 'L1',
				region_code: 'east_asia',
				skill_level: 2,
				formal: 1,
				wage_min_usd: 1188,
				min_education_rank: 3,
				status_date: null,
				required_language_level: 2,
				agency_code: 'P3MI-0001',
				updated_at: '2024-01-05 08:00:00',
			},
			{
				line_id: 'L2',
				region_code: 'east_asia',
				skill_level: 2,
				formal: 1,
				wage_min_usd: 1512,
				min_education_rank: 2,
				status_date: '2024-06-01',
				required_language_level: 2,
				agency_code: '',
				updated_at: '2024-01-10 09:30:00',
			},
			{
				line_id: 'L3',
				region_code: 'east_asia',
				skill_level: 2,
				formal: 0,
				wage_min_usd: 620,
				min_education_rank: 1,
				status_date: '2024-05-01',
				required_language_level: 0,
				agency_code: 'P3MI-0002',
				updated_at: '2024-02-01 00:00:00',
			},
			{
				line_id: 'L4',
				region_code: 'europe',
				skill_level: 4,
				formal: 1,
				wage_min_usd: 3024.54,
				min_education_rank: 4,
				status_date: null,
				required_language_level: 3,
				agency_code: '',
				updated_at: '2024-02-15 12:00:00',
			},
		]);
	});

	it('fills candidates, trainings, certifications and applications', async () => {
		expect(
			await s.rows(
				'SELECT candidate_id, age_band, education_rank, preferred_sector, preferred_skill_level, preferred_countries, language_level FROM fct_candidates ORDER BY candidate_id',
			),
		).toEqual([
			{
				candidate_id: 'C1',
				age_band: '17-24',
				education_rank: 3,
				preferred_sector: 'health_care',
				preferred_skill_level: 2,
				preferred_countries: ['JP', 'KR'],
				language_level: 2,
			},
			{
				candidate_id: 'C2',
				age_band: '25-29',
				education_rank: 3,
				preferred_sector: 'health_care',
				preferred_skill_level: 2,
				preferred_countries: [],
				language_level: 0,
			},
			{
				candidate_id: 'C3',
				age_band: '30-34',
				education_rank: 2,
				preferred_sector: 'engineering',
				preferred_skill_level: 2,
				preferred_countries: ['KR'],
				language_level: 2,
			},
			{
				candidate_id: 'C4',
				age_band: '40-44',
				education_rank: 1,
				preferred_sector: 'domestic',
				preferred_skill_level: 2,
				preferred_countries: ['TW', 'HK', 'SG'],
				language_level: 0,
			},
			{
				candidate_id: 'C5',
				age_band: '25-29',
				education_rank: 4,
				preferred_sector: 'health_care',
				preferred_skill_level: 4,
				preferred_countries: ['DE'],
				language_level: 3,
			},
		]);
		expect(
			await s.rows(
				'SELECT training_id, province_code, regency_code, gender, education, language_code FROM fct_trainings ORDER BY training_id',
			),
		).toEqual([
			{ training_id: 'T1', province_code: '32', regency_code: '32.12', gender: 'F', education: 'smk', language_code: 'ja' },
			{ training_id: 'T2', province_code: '61', regency_code: '61.01', gender: 'M', education: 'smp', language_code: '' },
			{ training_id: 'T3', province_code: '33', regency_code: '33.01', gender: 'F', education: 'sma', language_code: '' },
		]);
		expect(
			await s.rows('SELECT certification_id, scheme_kind, body_province, province_code FROM fct_certifications ORDER BY certification_id'),
		).toEqual([
			{ certification_id: 'X1', scheme_kind: 'bnsp', body_province: '18', province_code: '32' },
			{ certification_id: 'X2', scheme_kind: 'bnsp', body_province: '12', province_code: '61' },
			{ certification_id: 'X3', scheme_kind: 'bnsp', body_province: '21', province_code: '61' },
			{ certification_id: 'X4', scheme_kind: 'bnsp', body_province: '31', province_code: '32' },
		]);
		expect(
			await s.rows(
				'SELECT application_id, outcome_date, line_issued_date, country_iso2, occupation_isco4, skill_level, province_code, age_band FROM fct_applications ORDER BY application_id',
			),
		).toEqual([
			{
				application_id: 'A1',
				outcome_date: '2024-02-20',
				line_issued_date: '2024-01-05',
				country_iso2: 'JP',
				occupation_isco4: '5321',
				skill_level: 2,
				province_code: '32',
				age_band: '17-24',
			},
			{
				application_id: 'A2',
				outcome_date: null,
				line_issued_date: '2024-01-10',
				country_iso2: 'KR',
				occupation_isco4: '7212',
				skill_level: 2,
				province_code: '61',
				age_band: '30-34',
			},
			{
				application_id: 'A3',
				outcome_date: '2024-03-01',
				line_issued_date: '2024-02-01',
				country_iso2: 'TW',
				occupation_isco4: '5152',
				skill_level: 2,
				province_code: '52',
				age_band: '40-44',
			},
			{
				application_id: 'A4',
				outcome_date: '2024-03-05',
				line_issued_date: '2024-02-15',
				country_iso2: 'DE',
				occupation_isco4: '2221',
				skill_level: 4,
				province_code: '32',
				age_band: '25-29',
			},
		]);
	});
});
