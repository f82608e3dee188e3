import { describe, expect, it } from 'vitest';
import { matchRegencies, normaliseRegencyName, type RegencyAlias } from './indonesia.ts';
import type { RegencyRecord, RegencyShapeProperties, Shape } from './sources.ts';

const OFFICIAL: RegencyRecord[] = [
	{ code: '52.06', province: '52', name: 'Kabupaten Bima' },
	{ code: '52.72', province: '52', name: 'Kota Bima' },
	{ code: '52.71', province: '52', name: 'Kota Mataram' },
	{ code: '72.04', province: '72', name: 'Kabupaten Toli-Toli' },
];

function shape(province: string, regency: string): Shape<RegencyShapeProperties> {
	return {
		type: 'Feature',
		geometry: { type: 'Polygon', coordinates: [] },
		properties: { WADMPR: province, WADMKK: regency },
	};
}

const TOLI_TOLI: RegencyAlias = { province: '72', shapeName: 'Toli Toli', officialName: 'Kabupaten Toli-Toli' };

function matchedCodes(shapes: Shape<RegencyShapeProperties>[], aliases: RegencyAlias[] = []): string[] {
	return matchRegencies(shapes, OFFICIAL, aliases).matches.map((match) => match.regency.code);
}

describe('normaliseRegencyName', () => {
	it("drops only 'Kabupaten', so a Kota and a Kabupaten of the same name stay apart", () => {
		expect(normaliseRegencyName('Kabupaten Bima')).toBe('bima');
		expect(normaliseRegencyName('Kota  Bima')).toBe('kota bima');
		expect(normaliseRegencyName('Kotabaru')).toBe('kotabaru');
		expect(normaliseRegencyName('Lima Puluh Kota')).toBe('lima puluh kota');
	});
});

describe('matchRegencies', () => {
	it('matches by province and name, telling Kota Bima from Kabupaten Bima', () => {
		expect(matchedCodes([shape('Nusa Tenggara Barat', 'Bima'), shape('Nusa Tenggara Barat', 'Kota Bima')])).toEqual(['52.06', '52.72']);
	});

	it('lists the official regencies no shape matched', () => {
		const { missing } = matchRegencies([shape('Nusa Tenggara Barat', 'Bima')], OFFICIAL, []);
		expect(missing.map((regency) => regency.code)).toEqual(['52.72', '52.71', '72.04']);
	});

	it('uses the alias table for spelling differences', () => {
		expect(matchedCodes([shape('Sulawesi Tengah', 'Toli Toli')], [TOLI_TOLI])).toEqual(['72.04']);
	});

	it('fails on a shape that matches nothing', () => {
		expect(() => matchedCodes([shape('Sulawesi Tengah', 'Toli Toli')])).toThrow(/match no idn-area-data regency/);
	});

	it('fails when two shapes match the same code', () => {
		expect(() => matchedCodes([shape('Nusa Tenggara Barat', 'Bima'), shape('Nusa Tenggara Barat', 'Kabupaten Bima')])).toThrow(/52\.06/);
	});

	it('fails on an alias no shape needs any more', () => {
		expect(() => matchedCodes([shape('Nusa Tenggara Barat', 'Bima')], [TOLI_TOLI])).toThrow(/Unused regency aliases/);
	});

	it('fails on a province missing from the explicit province table', () => {
		expect(() => matchedCodes([shape('Nusa Tenggara', 'Bima')])).toThrow(/not in PROVINCE_CODE_BY_SHAPE_NAME/);
	});
});
