import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildAgenciesCsv } from './build.ts';
import {
	agencies,
	certificationBodies,
	certificationBodiesByScheme,
	certificationBodySchemes,
	certificationSchemes,
	countries,
	countryByIso2,
	countryByNumeric,
	educationByCode,
	educationLevels,
	iscoSkillLevel,
	LANGUAGE_TEST_LEVELS,
	languages,
	occupationByIsco4,
	occupations,
	occupationsByCertificationScheme,
	placementSchemes,
	provinceByCode,
	provinces,
	regencies,
	regenciesByProvince,
	regencyShortName,
	regionByCode,
	regions,
	schemeOccupations,
	sectorByCode,
	sectors,
	targets,
} from './index.ts';

// facts.md §10.1: Kemendagri codes with the six Papua provinces 91–96, and the BPS and ISO codes
// that differ for them.
const FACTS_PROVINCE_CODES = `
	11 12 13 14 15 16 17 18 19 21 31 32 33 34 35 36 51 52 53
	61 62 63 64 65 71 72 73 74 75 76 81 82 91 92 93 94 95 96
`
	.trim()
	.split(/\s+/);
const FACTS_PAPUA_CODES: Record<string, { bps: string; iso: string; name: string }> = {
	'91': { bps: '94', iso: 'ID-PA', name: 'Papua' },
	'92': { bps: '91', iso: 'ID-PB', name: 'Papua Barat' },
	'93': { bps: '95', iso: 'ID-PS', name: 'Papua Selatan' },
	'94': { bps: '96', iso: 'ID-PT', name: 'Papua Tengah' },
	'95': { bps: '97', iso: 'ID-PE', name: 'Papua Pegunungan' },
	'96': { bps: '92', iso: 'ID-PD', name: 'Papua Barat Daya' },
};

// facts.md §5: licensed P3MI by province, April 2024 (424 in total).
const FACTS_AGENCIES_PER_PROVINCE: Record<string, number> = {
	'31': 129,
	'32': 113,
	'35': 77,
	'33': 32,
	'36': 16,
	'51': 14,
	'52': 14,
	'12': 8,
	'13': 1,
	'61': 1,
	'65': 1,
	'53': 1,
	'16': 1,
};

const JAVA = new Set(['31', '32', '33', '34', '35', '36']);
/** The range SOURCES.md states for Java's share of certification capacity. */
const JAVA_CAPACITY_SHARE = { min: 0.75, max: 0.85 };

function countBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
	return counts;
}

describe('provinces', () => {
	it('are the 38 Kemendagri codes of facts.md §10.1, each once', () => {
		const codes = provinces.map((p) => p.code);
		expect(new Set(codes).size).toBe(codes.length);
		expect([...codes].sort()).toEqual(FACTS_PROVINCE_CODES);
	});

	it('carry the Papua BPS and ISO codes that differ from Kemendagri', () => {
		for (const [code, expected] of Object.entries(FACTS_PAPUA_CODES)) {
			const province = provinceByCode.get(code);
			expect(province).toMatchObject({ bps_code: expected.bps, iso_3166_2: expected.iso, name: expected.name });
		}
		for (const province of provinces.filter((p) => !(p.code in FACTS_PAPUA_CODES))) {
			expect(province.bps_code).toBe(province.code);
		}
		expect(new Set(provinces.map((p) => p.bps_code)).size).toBe(38);
		expect(new Set(provinces.map((p) => p.iso_3166_2)).size).toBe(38);
	});

	it('add up to Indonesia’s 2024 population, with a plausible working-age share each', () => {
		const total = provinces.reduce((sum, p) => sum + p.population_2024, 0);
		expect(total).toBeGreaterThan(281_000_000);
		expect(total).toBeLessThan(284_000_000);
		for (const p of provinces) {
			const share = p.working_age_population_2024 / p.population_2024;
			expect(share, p.name).toBeGreaterThan(0.6);
			expect(share, p.name).toBeLessThan(0.75);
		}
		const java = provinces.filter((p) => p.island_group === 'jawa').map((p) => p.code);
		expect(java.sort()).toEqual([...JAVA].sort());
	});
});

describe('regencies', () => {
	it('are the 514 of idn-area-data, each in an existing province, with unique codes', () => {
		expect(regencies).toHaveLength(514);
		expect(new Set(regencies.map((r) => r.code)).size).toBe(514);
		for (const regency of regencies) {
			expect(provinceByCode.has(regency.province), regency.code).toBe(true);
			expect(regency.code.startsWith(`${regency.province}.`)).toBe(true);
		}
		expect(regenciesByProvince.size).toBe(38);
	});

	it('give Nusa Tenggara Barat its 10 (8 kabupaten, Kota Mataram and Kota Bima)', () => {
		const ntb = regenciesByProvince.get('52') ?? [];
		expect(ntb).toHaveLength(10);
		expect(ntb.filter((r) => r.kind === 'kota').map((r) => r.short_name)).toEqual(['Kota Mataram', 'Kota Bima']);
		expect(ntb.find((r) => r.code === '52.03')?.short_name).toBe('Lombok Timur');
	});

	it('shorten names for charts without making city and regency collide', () => {
		expect(regencyShortName('Kabupaten Indramayu')).toBe('Indramayu');
		expect(regencyShortName('Kota Cirebon')).toBe('Kota Cirebon');
		expect(regencyShortName('Kota Administrasi Jakarta Pusat')).toBe('Kota Jakarta Pusat');
		expect(regencyShortName('Kabupaten Administrasi Kepulauan Seribu')).toBe('Kepulauan Seribu');
		expect(() => regencyShortName('Distrik X')).toThrow();
		const labels = regencies.map((r) => `${r.province}/${r.short_name}`);
		expect(new Set(labels).size).toBe(labels.length);
		expect(regencies.filter((r) => r.kind === 'kota')).toHaveLength(98);
	});
});

describe('countries', () => {
	it('cover ISO 3166-1 (249 codes, not Kosovo) with three-digit numeric codes', () => {
		expect(countries).toHaveLength(249);
		expect(countryByIso2.has('XK')).toBe(false);
		expect(countryByIso2.has('ID')).toBe(true);
		for (const c of countries) {
			expect(c.iso2).toMatch(/^[A-Z]{2}$/);
			expect(c.iso3).toMatch(/^[A-Z]{3}$/);
			expect(c.numeric).toMatch(/^\d{3}$/);
		}
		expect(countryByNumeric.get('158')?.iso2).toBe('TW');
	});

	it('each have a region that exists in regions.csv, and every region is used', () => {
		for (const c of countries) expect(regionByCode.has(c.region), c.iso2).toBe(true);
		expect(new Set(countries.map((c) => c.region))).toEqual(new Set(regions.map((r) => r.code)));
	});

	it('put the main destinations in the regions the ministry reports them under', () => {
		const regionOf = (iso2: string) => countryByIso2.get(iso2)?.region;
		expect(['HK', 'TW', 'JP', 'KR', 'CN'].map(regionOf)).toEqual(Array(5).fill('east_asia'));
		expect(['MY', 'SG', 'BN'].map(regionOf)).toEqual(Array(3).fill('southeast_asia'));
		expect(['SA', 'AE', 'QA', 'KW', 'OM', 'TR', 'EG'].map(regionOf)).toEqual(Array(7).fill('middle_east'));
		expect(['IT', 'PL', 'DE', 'HU', 'SK', 'RO', 'CY'].map(regionOf)).toEqual(Array(7).fill('europe'));
		expect(['ZM', 'PG', 'MV', 'AU'].map(regionOf)).toEqual(['africa', 'oceania', 'south_asia', 'oceania']);
	});

	it('have Indonesian names for the top destinations', () => {
		const expected: Record<string, string> = {
			HK: 'Hong Kong',
			TW: 'Taiwan',
			MY: 'Malaysia',
			JP: 'Jepang',
			SG: 'Singapura',
			KR: 'Korea Selatan',
			SA: 'Arab Saudi',
			IT: 'Italia',
			BN: 'Brunei Darussalam',
			TR: 'Turki',
			PL: 'Polandia',
			AE: 'Uni Emirat Arab',
			DE: 'Jerman',
			AU: 'Australia',
		};
		for (const [iso2, name] of Object.entries(expected)) expect(countryByIso2.get(iso2)?.name_id, iso2).toBe(name);
	});

	it('use short English names, not the package’s official forms', () => {
		expect(countryByIso2.get('TW')?.name_en).toBe('Taiwan');
		expect(countryByIso2.get('KR')?.name_en).toBe('South Korea');
		expect(countryByIso2.get('CN')?.name_en).toBe('China');
		expect(countryByIso2.get('SE')?.name_id).toBe('Swedia');
		for (const c of countries) {
			expect(c.name_en.trim()).not.toBe('');
			expect(c.name_id.trim()).not.toBe('');
		}
	});
});

describe('sectors and occupations', () => {
	it('give every occupation an existing sector and the skill level of its ISCO major group', () => {
		for (const o of occupations) {
			expect(sectorByCode.has(o.sector), o.isco4).toBe(true);
			expect(o.skill_level, o.isco4).toBe(iscoSkillLevel(o.isco4));
		}
		expect(new Set(occupations.map((o) => o.sector))).toEqual(new Set(sectors.map((s) => s.code)));
	});

	it('include every ISCO code facts.md §10.3 suggests for SISKOP2MI job labels', () => {
		const facts = `
			5322 5321 9111 5311 2221 3221 9211 6112 8189 8219 9329
			7212 9313 6222 6223 8350 9216 5120 5131 4224 9112 8332
		`
			.trim()
			.split(/\s+/);
		for (const isco4 of facts) expect(occupationByIsco4.has(isco4), isco4).toBe(true);
	});

	it('flag the Quick Win 2026 occupations, all of them medium skill or above', () => {
		const quickWin = occupations.filter((o) => o.priority_quick_win).map((o) => o.isco4);
		for (const isco4 of ['5322', '5321', '7212', '5120', '5131', '4224', '2221', '3221', '8332', '8189']) {
			expect(quickWin, isco4).toContain(isco4);
		}
		for (const isco4 of quickWin) expect(occupationByIsco4.get(isco4)?.skill_level).toBeGreaterThanOrEqual(2);
	});

	it('treat only domestic work as informal by default', () => {
		expect(sectors.filter((s) => !s.formal).map((s) => s.code)).toEqual(['domestic']);
	});
});

describe('education and languages', () => {
	it('rank education so SMA and SMK tie and everything else is strictly ordered', () => {
		expect(educationByCode.get('sma')?.rank).toBe(educationByCode.get('smk')?.rank);
		const ranks = educationLevels.map((e) => e.rank);
		expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
		expect(new Set(ranks).size).toBe(educationLevels.length - 1);
	});

	it('map language tests onto the 0–6 scale', () => {
		for (const level of Object.values(LANGUAGE_TEST_LEVELS)) {
			expect(level).toBeGreaterThanOrEqual(0);
			expect(level).toBeLessThanOrEqual(6);
		}
		expect(LANGUAGE_TEST_LEVELS['JLPT N4']).toBe(LANGUAGE_TEST_LEVELS['JFT-Basic A2']);
		for (const code of ['en', 'ja', 'ko', 'zh', 'de', 'ar', 'tr']) {
			expect(
				languages.some((l) => l.code === code),
				code,
			).toBe(true);
		}
	});
});

describe('certification', () => {
	it('resolve every scheme/occupation and body/scheme pair', () => {
		const schemeCodes = new Set(certificationSchemes.map((s) => s.code));
		for (const so of schemeOccupations) {
			expect(schemeCodes.has(so.scheme)).toBe(true);
			expect(occupationByIsco4.has(so.isco4)).toBe(true);
		}
		const bodyCodes = new Set(certificationBodies.map((b) => b.code));
		for (const bs of certificationBodySchemes) {
			expect(bodyCodes.has(bs.body)).toBe(true);
			expect(schemeCodes.has(bs.scheme)).toBe(true);
		}
		for (const body of certificationBodies) expect(provinceByCode.has(body.province), body.code).toBe(true);
	});

	it('let every scheme be certified somewhere and for some occupation', () => {
		for (const scheme of certificationSchemes) {
			expect(certificationBodiesByScheme.get(scheme.code)?.length, scheme.code).toBeGreaterThan(0);
			expect(occupationsByCertificationScheme.get(scheme.code)?.length, scheme.code).toBeGreaterThan(0);
		}
	});

	it('cover welder, caregiver, nurse, hospitality and truck-driver occupations', () => {
		const certified = new Set(schemeOccupations.map((so) => so.isco4));
		for (const isco4 of ['7212', '5322', '5321', '2221', '3221', '5120', '5131', '4224', '8332']) {
			expect(certified.has(isco4), isco4).toBe(true);
		}
	});

	it('sit mostly on Java, in the range SOURCES.md states', () => {
		const share = (bodies: typeof certificationBodies) => {
			const total = bodies.reduce((sum, b) => sum + b.annual_capacity, 0);
			const java = bodies.filter((b) => JAVA.has(b.province)).reduce((sum, b) => sum + b.annual_capacity, 0);
			return java / total;
		};
		const bnsp = certificationBodies.filter((b) => b.kind.startsWith('lsp_'));
		for (const value of [share(bnsp), share(certificationBodies)]) {
			expect(value).toBeGreaterThanOrEqual(JAVA_CAPACITY_SHARE.min);
			expect(value).toBeLessThanOrEqual(JAVA_CAPACITY_SHARE.max);
		}
		// West Kalimantan has BNSP capacity only for plantation work: caregiver candidates there travel.
		const kalbarSchemes = certificationBodySchemes
			.filter((bs) => certificationBodies.find((b) => b.code === bs.body && b.kind.startsWith('lsp_'))?.province === '61')
			.map((bs) => bs.scheme);
		expect(kalbarSchemes).toEqual(['plantation_worker']);
	});
});

describe('agencies, schemes and targets', () => {
	it('match the April 2024 P3MI counts of facts.md §5', () => {
		expect(agencies).toHaveLength(424);
		const counts = countBy(agencies, (a) => a.province);
		for (const [province, count] of Object.entries(FACTS_AGENCIES_PER_PROVINCE)) {
			expect(counts.get(province), province).toBe(count);
		}
		for (const agency of agencies) expect(provinceByCode.has(agency.province), agency.code).toBe(true);
		expect(new Set(agencies.map((a) => a.code)).size).toBe(424);
		expect(new Set(agencies.map((a) => a.name)).size).toBe(424);
	});

	it('are regenerated byte for byte by build.ts', () => {
		const onDisk = readFileSync(new URL('./data/agencies.csv', import.meta.url), 'utf8');
		expect(buildAgenciesCsv()).toBe(onDisk);
	});

	it('name the four placement schemes', () => {
		expect(placementSchemes.map((s) => s.code)).toEqual(['P2P', 'G2G', 'UKPS', 'MANDIRI']);
	});

	it('hold the Quick Win 2026 target and its split, each with a source', () => {
		const quickWin = (scope: string, scopeCode: string) =>
			targets.find((t) => t.year === 2026 && t.metric === 'medium_high_placements' && t.scope === scope && t.scope_code === scopeCode)
				?.value;
		expect(quickWin('national', '')).toBe(500_000);
		expect((quickWin('education', 'smk') ?? 0) + (quickWin('education', 'other') ?? 0)).toBe(500_000);
		for (const t of targets) {
			expect(t.source.trim(), `${t.year} ${t.metric}`).not.toBe('');
			if (t.scope === 'national') expect(t.scope_code).toBe('');
			if (t.scope === 'country') expect(countryByIso2.has(t.scope_code)).toBe(true);
			if (t.scope === 'occupation') expect(occupationByIsco4.has(t.scope_code)).toBe(true);
			if (t.scope === 'education') {
				expect(t.scope_code === 'other' || educationLevels.some((e) => e.code === t.scope_code)).toBe(true);
			}
		}
	});
});

describe('the loaded tables', () => {
	it('are frozen so no caller can change them for everyone else', () => {
		expect(Object.isFrozen(countries)).toBe(true);
		expect(Object.isFrozen(countries[0])).toBe(true);
		expect(Object.isFrozen(regencies[0])).toBe(true);
		expect(Object.isFrozen(regenciesByProvince.get('32'))).toBe(true);
	});
});
