import { describe, expect, it } from 'vitest';
import { BudgetError, parseBudgetCsv } from './budget-file.ts';

const HEADER = 'province,kind,code,seats';
const problems = (text: string) => {
	try {
		parseBudgetCsv(text, 'seats.csv');
	} catch (error) {
		expect(error).toBeInstanceOf(BudgetError);
		return (error as Error).message.split('\n');
	}
	throw new Error('the file was accepted');
};

describe('parseBudgetCsv', () => {
	it('reads national, provincial, kind and code rows in file order', () => {
		expect(
			parseBudgetCsv(`${HEADER}\n52,certificate,caregiver,100\n35,language,ja,40\n*,language,ko,500\n35,certificate,*,1000\n`, 'seats.csv'),
		).toEqual([
			{ province: '52', kind: 'certificate', code: 'caregiver', seats: 100 },
			{ province: '35', kind: 'language', code: 'ja', seats: 40 },
			{ province: '*', kind: 'language', code: 'ko', seats: 500 },
			{ province: '35', kind: 'certificate', code: '*', seats: 1000 },
		]);
		expect(parseBudgetCsv(`${HEADER}\n*,*,*,5000\n`, 'seats.csv')).toEqual([{ province: '*', kind: '*', code: '*', seats: 5000 }]);
	});

	it('names file, line and field for every problem, counting blank lines', () => {
		expect(
			problems(
				`${HEADER}\n\n99,certificate,caregiver,1\n52,course,*,1\n52,certificate,welding-x,1\n52,language,xx,1\n52,*,ja,1\n52,*,*,-1\n52,*,*,1.5\n`,
			),
		).toEqual([
			"seats.csv, line 3, field province: '99' is not a province code of the reference data (e.g. 52), nor * for any province",
			"seats.csv, line 4, field kind: 'course' is not certificate, language or *",
			"seats.csv, line 5, field code: 'welding-x' is not a certification scheme code of the reference data",
			"seats.csv, line 6, field code: 'xx' is not a language code of the reference data (ISO 639-1, e.g. ja)",
			"seats.csv, line 7, field code: 'ja' needs a kind: with kind * the code must be *",
			"seats.csv, line 8, field seats: '-1' is not a whole number from 0 to 1,000,000",
			"seats.csv, line 9, field seats: '1.5' is not a whole number from 0 to 1,000,000",
		]);
	});

	it('refuses rows that overlap (the planner keeps rows apart), too many seats, no rows, a wrong header', () => {
		const overlaps = (first: string) =>
			`seats.csv, line 3, field province: overlaps line 2 (${first}): each seat must be covered by one row only, so a national row (*) and a province's row of the same kind and code cannot both be given`;
		expect(problems(`${HEADER}\n52,language,ja,1\n52,language,ja,2\n`)).toEqual([overlaps('52,language,ja')]);
		expect(problems(`${HEADER}\n*,language,ja,1\n52,language,*,2\n`)).toEqual([overlaps('*,language,ja')]);
		expect(problems(`${HEADER}\n*,*,*,1\n52,certificate,caregiver,2\n`)).toEqual([overlaps('*,*,*')]);
		// apart: another province, another kind, another code
		expect(
			parseBudgetCsv(`${HEADER}\n52,language,ja,1\n35,language,ja,1\n52,certificate,*,1\n52,language,ko,1\n`, 'seats.csv'),
		).toHaveLength(4);
		expect(problems(`${HEADER}\n*,*,*,1000001\n`)[0]).toContain("field seats: '1000001'");
		expect(problems(`${HEADER}\n`)).toEqual([
			'seats.csv: no budget rows after the header (to go back to the default budget, use --default)',
		]);
		expect(problems('province,kind,seats\n52,language,1\n')[0]).toMatch(
			/^seats\.csv: Header is "province,kind,seats", expected "province,kind,code,seats"/,
		);
	});
});
