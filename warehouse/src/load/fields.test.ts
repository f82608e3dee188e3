import { describe, expect, it } from 'vitest';
import type { FieldSpec } from '../../../common/formats.ts';
import { checkDate, checkDateTime, fieldCheck, type Problem, typeCheck } from './fields.ts';

const ok = (v: string | Problem) => (typeof v === 'string' ? v : `PROBLEM: ${v.message}`);
const spec = (type: FieldSpec['type'], required = true): FieldSpec => ({ name: 'f', type, required, description: '' });

describe('dates', () => {
	it('accepts real calendar dates and rejects the rest', () => {
		expect(ok(checkDate('2024-02-29'))).toBe('2024-02-29');
		expect(ok(checkDate('2023-02-29'))).toBe("PROBLEM: '2023-02-29' is not a valid date (YYYY-MM-DD)");
		expect(ok(checkDate('2024-02-30'))).toBe("PROBLEM: '2024-02-30' is not a valid date (YYYY-MM-DD)");
		expect(ok(checkDate('2024-13-01'))).toMatch(/not a valid date/);
		expect(ok(checkDate('2024-1-01'))).toMatch(/not a valid date/);
		expect(ok(checkDate('01/02/2024'))).toMatch(/not a valid date/);
		expect(ok(checkDate('2024-01-0x'))).toMatch(/not a valid date/);
		expect(ok(checkDate('1969-12-31'))).toBe("PROBLEM: '1969-12-31' is outside 1970-01-01 … 2105-12-31");
		expect(ok(checkDate('2000-02-29'))).toBe('2000-02-29');
		expect(ok(checkDate('1900-02-29'))).toMatch(/not a valid date/);
	});

	it('turns both date-time forms into the same UTC epoch seconds', () => {
		expect(ok(checkDateTime('2024-01-10T09:30:00Z'))).toBe('1704879000');
		expect(ok(checkDateTime('2024-01-10 09:30:00'))).toBe('1704879000');
		expect(ok(checkDateTime('1970-01-01T00:00:00Z'))).toBe('0');
		for (const bad of [
			'2024-01-10',
			'2024-01-10T09:30:00',
			'2024-01-10T09:30:00+07:00',
			'2024-01-10T24:00:00Z',
			'2024-01-10T09:60:00Z',
			'2024-02-30T00:00:00Z',
			'2024-01-10T09:30:00.000Z',
		]) {
			expect(ok(checkDateTime(bad)), bad).toBe(
				`PROBLEM: '${bad}' is not a valid date-time (YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD HH:MM:SS, in UTC)`,
			);
		}
	});

	it('does not let its cache of the last value leak a result to another value', () => {
		expect(ok(checkDate('2024-02-30'))).toMatch(/PROBLEM/);
		expect(ok(checkDate('2024-02-28'))).toBe('2024-02-28');
		expect(ok(checkDate('2024-02-28'))).toBe('2024-02-28');
		expect(ok(checkDateTime('2024-01-10T09:30:00Z'))).toBe('1704879000');
		expect(ok(checkDateTime('2024-01-10T09:30:01Z'))).toBe('1704879001');
	});
});

describe('numbers', () => {
	const slots = typeCheck({ kind: 'int', min: 1, max: 100_000 });
	const wage = typeCheck({ kind: 'decimal', min: 0, max: 1e9 });

	it('checks whole numbers and their range, and normalises them', () => {
		expect(ok(slots('3'))).toBe('3');
		expect(ok(slots('007'))).toBe('7');
		expect(ok(slots('-3'))).toBe("PROBLEM: '-3' is below the minimum 1");
		expect(ok(slots('0'))).toBe("PROBLEM: '0' is below the minimum 1");
		expect(ok(slots('100001'))).toBe("PROBLEM: '100001' is above the maximum 100,000");
		expect(ok(slots('ten'))).toBe("PROBLEM: 'ten' is not a whole number");
		expect(ok(slots('3.0'))).toBe("PROBLEM: '3.0' is not a whole number");
		expect(ok(slots('1e3'))).toBe("PROBLEM: '1e3' is not a whole number");
	});

	it('checks decimals: a point, no thousands separators, normal form without trailing zeros', () => {
		expect(ok(wage('2800.50'))).toBe('2800.5');
		expect(ok(wage('1000'))).toBe('1000');
		expect(ok(wage('-0'))).toBe('0');
		expect(ok(wage('1,000'))).toBe("PROBLEM: '1,000' is not a number (digits with an optional '.' decimal point, no thousands separators)");
		expect(ok(wage('12,5'))).toMatch(/not a number/);
		expect(ok(wage('-1'))).toBe("PROBLEM: '-1' is below the minimum 0");
		expect(ok(wage('NaN'))).toMatch(/not a number/);
	});
});

describe('ids, enums and codes', () => {
	it('checks ids', () => {
		const id = typeCheck({ kind: 'id' });
		expect(ok(id('PL05.00_0-z'))).toBe('PL05.00_0-z');
		expect(ok(id('a b'))).toBe("PROBLEM: 'a b' is not a valid id (1–64 characters: letters, digits, '.', '_' or '-')");
		expect(ok(id('x'.repeat(65)))).toMatch(/not a valid id/);
		expect(ok(id('Cé1'))).toMatch(/not a valid id/);
	});

	it('checks enums exactly, listing what is allowed', () => {
		const status = typeCheck({ kind: 'enum', values: ['open', 'closed'] });
		expect(ok(status('open'))).toBe('open');
		expect(ok(status('Open'))).toBe("PROBLEM: 'Open' is not one of: open, closed");
	});

	it('checks codes against the reference lists, suggesting the right case', () => {
		const country = typeCheck({ kind: 'code', list: 'country' });
		expect(ok(country('KR'))).toBe('KR');
		expect(ok(country('kr'))).toBe("PROBLEM: 'kr' is not a known country code (ISO 3166-1 alpha-2) — did you mean 'KR'?");
		expect(ok(country('XX'))).toBe("PROBLEM: 'XX' is not a known country code (ISO 3166-1 alpha-2, e.g. 'KR')");
		const regency = typeCheck({ kind: 'code', list: 'regency' });
		expect(ok(regency('32.12'))).toBe('32.12');
		expect(ok(regency('32.99'))).toBe("PROBLEM: '32.99' is not a known regency code (Kemendagri PP.RR, e.g. '32.12')");
		expect(ok(typeCheck({ kind: 'code', list: 'occupation' })('5322'))).toBe('5322');
		expect(ok(typeCheck({ kind: 'code', list: 'sector' })('Domestic'))).toBe(
			"PROBLEM: 'Domestic' is not a known sector code — did you mean 'domestic'?",
		);
		expect(ok(typeCheck({ kind: 'code', list: 'currency' })('IDR'))).toBe('IDR');
	});

	it("checks ';'-lists: each code, no empty entries, no repeats, at most max", () => {
		const countries = typeCheck({ kind: 'codes', list: 'country', max: 3 });
		expect(ok(countries('JP; KR'))).toBe('JP;KR');
		expect(ok(countries('JP;;KR'))).toBe("PROBLEM: 'JP;;KR' has an empty entry; separate codes with ';' (e.g. 'KR;JP')");
		expect(ok(countries('JP;JP'))).toBe("PROBLEM: 'JP;JP' lists a code twice");
		expect(ok(countries('JP;KR;TW;HK'))).toBe("PROBLEM: 'JP;KR;TW;HK' lists 4 codes; at most 3 are allowed");
		expect(ok(countries('JP;XX'))).toBe("PROBLEM: 'XX' is not a known country code (ISO 3166-1 alpha-2, e.g. 'KR')");
	});
});

describe('presence, length and whitespace', () => {
	it('requires required fields and leaves optional ones empty', () => {
		expect(ok(fieldCheck(spec({ kind: 'id' }))(undefined))).toBe('PROBLEM: is empty, but it is required');
		expect(ok(fieldCheck(spec({ kind: 'id' }))('   '))).toBe('PROBLEM: is empty, but it is required');
		expect(ok(fieldCheck(spec({ kind: 'id' }, false))(''))).toBe('');
	});

	it('trims surrounding whitespace', () => {
		expect(ok(fieldCheck(spec({ kind: 'code', list: 'province' }))(' 32 '))).toBe('32');
	});

	it('rejects a field over 4,096 characters before anything else', () => {
		expect(ok(fieldCheck(spec({ kind: 'id' }))('x'.repeat(4097)))).toBe('PROBLEM: field too long: 4,097 characters (the limit is 4,096)');
		expect(ok(fieldCheck(spec({ kind: 'id' }))('x'.repeat(64)))).toBe('x'.repeat(64));
	});
});
