import { describe, expect, it } from 'vitest';
import { answerProfile, type OpeningCell, ProfileError, parseOpening, parseProfile, provinceDistanceKm } from './peluang.ts';

const profile = (query: string) => parseProfile(new URLSearchParams(query), 'en');

describe('a profile from the query string', () => {
	it('reads every field, a major as its occupation', () => {
		const p = profile('major=caregiver&cert=caregiver&language=ja&level=3&education=smk&province=61&experience=2&gender=F&age=22');
		expect(p).toMatchObject({
			occupation: '5322',
			major: 'caregiver',
			certificates: ['caregiver'],
			language: 'ja',
			level: 3,
			education: 'smk',
		});
		expect(profile('')).toMatchObject({ occupation: '', certificates: [] });
	});

	it('refuses, naming the field, anything outside the allowlists', () => {
		for (const [query, field] of [
			['constructor=1', 'constructor'],
			['occupation=toString', 'occupation'],
			['cert=hasOwnProperty', 'cert'],
			['experience=0x10', 'experience'],
			['age=14', 'age'],
			['level=2', 'level'],
			['occupation=5322&major=perhotelan', 'major'],
		] as const) {
			expect(() => profile(query), query).toThrow(ProfileError);
			try {
				profile(query);
			} catch (e) {
				expect((e as ProfileError).field, query).toBe(field);
				expect((e as ProfileError).message, query).toContain(`"${field}"`);
			}
		}
	});
});

describe('a profile’s answer', () => {
	const cell = (opening: string, slots: number | null, country = 'JP'): OpeningCell => ({
		country,
		requirements: parseOpening(country, opening)!,
		slots,
		wageMin: slots === null ? null : 1000,
		wageMax: slots === null ? null : 1500,
	});
	it('fits, near misses with the one missing requirement, totals of shown cells only', () => {
		const cells = [
			cell('5322||||3|0|any|0|0', 40),
			cell('5321||||3|0|any|0|0', null), // related occupation, withheld
			cell('5322|caregiver|||3|0|any|0|0', 30),
			cell('5322|caregiver|ja|3|3|0|any|0|0', 25), // two missing: neither
			cell('7212||||3|0|any|0|0', 90), // another occupation: neither
		];
		const a = answerProfile(profile('occupation=5322&education=sma&province=61'), cells);
		expect(a.fits.map((m) => m.slots)).toEqual([40, null]);
		expect(a.fitSlots).toBe(40);
		expect(a.fitWithheld).toBe(1);
		expect(a.nearMisses.map((m) => [m.slots, m.missing])).toEqual([[30, ['certificate']]]);
		expect(a.bodies.caregiver?.length).toBeGreaterThan(0);
		const km = a.bodies.caregiver!.map((b) => b.distanceKm!);
		expect(km).toEqual([...km].sort((x, y) => x - y));
	});
	it('measures straight lines between capitals', () => {
		expect(provinceDistanceKm('31', '31')).toBe(0);
		// Jakarta – Pontianak is about 720 km as the crow flies
		expect(Math.round(provinceDistanceKm('31', '61') / 10) * 10).toBeGreaterThan(650);
		expect(provinceDistanceKm('31', '61')).toBeLessThan(800);
	});
});
