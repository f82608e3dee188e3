import { describe, expect, it } from 'vitest';
import {
	acceptedCountries,
	addYears,
	ageAt,
	type CandidateFacts,
	certificateValid,
	eligibilitySql,
	expandEligibility,
	isEligible,
	type LineRequirements,
	servableOccupations,
	unmetRequirements,
	validCertificates,
} from './eligibility.ts';

// A caregiver line in Japan and a candidate who meets every requirement of it.
const line: LineRequirements = {
	occupation: '5322',
	country: 'JP',
	certificate: 'KAIGO',
	language: 'ja',
	languageLevel: 3,
	educationRank: 3,
	experienceYears: 1,
	gender: 'F',
	ageMin: 20,
	ageMax: 35,
};
const candidate: CandidateFacts = {
	occupation: '5322',
	countries: ['JP', 'TW'],
	certificates: ['KAIGO'],
	languages: new Map([['ja', 3]]),
	educationRank: 3,
	experienceYears: 2,
	gender: 'F',
	age: 28,
};
const with_ = (patch: Partial<CandidateFacts>): CandidateFacts => ({ ...candidate, ...patch });
const lineWith = (patch: Partial<LineRequirements>): LineRequirements => ({ ...line, ...patch });

describe('eligibility: each requirement met or missing', () => {
	it('the complete candidate meets every requirement', () => {
		expect(unmetRequirements(candidate, line)).toEqual([]);
		expect(isEligible(candidate, line)).toBe(true);
	});

	it.each<[string, Partial<CandidateFacts>, string]>([
		['another occupation', { occupation: '5120' }, 'occupation'],
		['a destination not accepted', { countries: ['TW'] }, 'destination'],
		['no certificate', { certificates: [] }, 'certificate'],
		['another certificate', { certificates: ['CHEF'] }, 'certificate'],
		['a language level below', { languages: new Map([['ja', 2]]) }, 'language'],
		['another language only', { languages: new Map([['ko', 6]]) }, 'language'],
		['education below the minimum', { educationRank: 2 }, 'education'],
		['experience below the minimum', { experienceYears: 0 }, 'experience'],
		['the other gender', { gender: 'M' }, 'gender'],
		['too young', { age: 19 }, 'age'],
		['too old', { age: 36 }, 'age'],
	])('%s: only that requirement is unmet', (_, patch, requirement) => {
		expect(unmetRequirements(with_(patch), line)).toEqual([requirement]);
		expect(isEligible(with_(patch), line)).toBe(false);
	});

	it('bounds are inclusive: the minimum level, education, experience and both age limits meet', () => {
		expect(isEligible(with_({ experienceYears: 1, age: 20 }), line)).toBe(true);
		expect(isEligible(with_({ age: 35 }), line)).toBe(true);
	});

	it('a requirement the line does not state is met by anyone', () => {
		const open = lineWith({
			certificate: '',
			language: '',
			languageLevel: 0,
			educationRank: 0,
			experienceYears: 0,
			gender: 'any',
			ageMin: 0,
			ageMax: 0,
		});
		const bare = with_({ certificates: [], languages: new Map(), educationRank: 0, experienceYears: 0, gender: '', age: 0 });
		expect(unmetRequirements(bare, open)).toEqual([]);
	});

	it('no preferred destination accepts every destination; an empty list after reduction accepts none', () => {
		expect(isEligible(with_({ countries: acceptedCountries([]) }), line)).toBe(true);
		expect(isEligible(with_({ countries: ['*'] }), line)).toBe(true);
		expect(unmetRequirements(with_({ countries: [] }), line)).toEqual(['destination']);
	});

	it('a language named at level 0 asks for level 1', () => {
		const some = lineWith({ languageLevel: 0 });
		expect(isEligible(with_({ languages: new Map([['ja', 1]]) }), some)).toBe(true);
		expect(unmetRequirements(with_({ languages: new Map([['ja', 0]]) }), some)).toEqual(['language']);
	});
});

describe('eligibility: missing data never meets a requirement', () => {
	it('unknown gender fails a gender requirement', () => {
		expect(unmetRequirements(with_({ gender: '' }), line)).toEqual(['gender']);
	});
	it('unknown age fails an age range, even one starting at 0', () => {
		expect(unmetRequirements(with_({ age: 0 }), line)).toEqual(['age']);
		expect(unmetRequirements(with_({ age: 0 }), lineWith({ ageMin: 0, ageMax: 60 }))).toEqual(['age']);
		expect(ageAt(0, '2020-01-01', '2025-01-01')).toBe(0);
	});
	it('no recorded level in the language fails it', () => {
		expect(unmetRequirements(with_({ languages: new Map() }), line)).toEqual(['language']);
	});
	it('an empty candidate meets nothing that is asked', () => {
		const empty: CandidateFacts = {
			occupation: '5322',
			countries: ['*'],
			certificates: [],
			languages: new Map(),
			educationRank: 0,
			experienceYears: 0,
			gender: '',
			age: 0,
		};
		expect(unmetRequirements(empty, line)).toEqual(['certificate', 'language', 'education', 'experience', 'gender', 'age']);
	});
});

describe('eligibility: certificates expire', () => {
	it('is valid from the exam day for three years, not after', () => {
		expect(certificateValid('2022-06-01', '2022-05-31')).toBe(false);
		expect(certificateValid('2022-06-01', '2022-06-01')).toBe(true);
		expect(certificateValid('2022-06-01', '2025-05-31')).toBe(true);
		expect(certificateValid('2022-06-01', '2025-06-01')).toBe(false);
	});
	it('an expired certificate does not meet the requirement; a renewed one does', () => {
		const passes = [{ scheme: 'KAIGO', passed: '2020-03-01' }];
		const at = '2024-03-01';
		expect(validCertificates(passes, at)).toEqual([]);
		expect(unmetRequirements(with_({ certificates: validCertificates(passes, at) }), line)).toEqual(['certificate']);
		const renewed = [...passes, { scheme: 'KAIGO', passed: '2023-01-10' }];
		expect(validCertificates(renewed, at)).toEqual(['KAIGO']);
	});
	it('adds years as ClickHouse does: 29 February becomes 28 February', () => {
		expect(addYears('2020-02-29', 3)).toBe('2023-02-28');
		expect(addYears('2020-02-29', 4)).toBe('2024-02-29');
		expect(addYears('2021-12-31', 3)).toBe('2024-12-31');
	});
});

describe('eligibility: age at the evaluation date', () => {
	it('adds whole years of 365.25 days since registration', () => {
		expect(ageAt(25, '2020-01-01', '2020-12-31')).toBe(25);
		expect(ageAt(25, '2020-01-01', '2021-01-01')).toBe(26);
		expect(ageAt(25, '2020-01-01', '2024-12-31')).toBe(29);
		expect(ageAt(25, '2020-01-01', '2025-01-01')).toBe(30);
	});
});

describe('eligibility: related occupations', () => {
	it('a home-based personal care worker may serve a health care assistant line and back', () => {
		expect(isEligible(with_({ occupation: '5321' }), line)).toBe(true);
		expect(isEligible(candidate, lineWith({ occupation: '5321' }))).toBe(true);
		expect(servableOccupations('9111')).toEqual(['5152', '9111']);
	});
	it('an occupation outside the set serves only itself', () => {
		expect(servableOccupations('5120')).toEqual(['5120']);
		expect(unmetRequirements(with_({ occupation: '5152' }), line)).toEqual(['occupation']);
	});
});

describe('eligibility as SQL', () => {
	it('expands placeholders with nested arguments into the emitted expressions', () => {
		const sql = 'SELECT {eligibility:certificate_valid(event_date, (SELECT as_of FROM agg_as_of))} AS v, {eligibility:education(a, b)}';
		expect(expandEligibility(sql)).toBe(
			`SELECT ${eligibilitySql.certificate_valid('event_date', '(SELECT as_of FROM agg_as_of)')} AS v, ${eligibilitySql.education('a', 'b')}`,
		);
		expect(eligibilitySql.certificate_valid('d', 'x')).toBe('(d <= x AND x < addYears(d, 3))');
	});
	it('refuses an unknown name or a wrong number of arguments', () => {
		expect(() => expandEligibility('{eligibility:nationality(a, b)}')).toThrow(/Unknown/);
		expect(() => expandEligibility('{eligibility:education(a)}')).toThrow(/takes 2 arguments/);
	});
	it('lists the related occupations of a code in SQL', () => {
		expect(eligibilitySql.servable_occupations('occ')).toContain("occ = '5321', ['5322']");
	});
});
