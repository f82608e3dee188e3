import { describe, expect, it } from 'vitest';
import { AGE_BANDS, ageBand, ageBandSql, mediumHighSkillSql } from './derived.ts';
import { formatHolder, parseHolder } from './lock.ts';
import { Progress } from './progress.ts';
import { str } from './sql.ts';

describe('age bands', () => {
	it('cover 17 to 70 without gaps, as the fct_candidates COMMENT lists them', () => {
		expect(AGE_BANDS.map((b) => b.label)).toEqual(['17-24', '25-29', '30-34', '35-39', '40-44', '45+']);
		expect([17, 24, 25, 29, 30, 44, 45, 70].map(ageBand)).toEqual(['17-24', '17-24', '25-29', '25-29', '30-34', '40-44', '45+', '45+']);
	});

	it('are the same rule in SQL', () => {
		expect(ageBandSql('a')).toBe(
			"multiIf(a <= 24, '17-24', a <= 29, '25-29', a <= 34, '30-34', a <= 39, '35-39', a <= 44, '40-44', '45+')",
		);
		expect(mediumHighSkillSql('s', 'c')).toBe('toUInt8(s >= 3 OR (s >= 2 AND c = 1))');
	});
});

describe('load lock holder', () => {
	it('round-trips through the text ClickHouse shows as the column default', () => {
		const holder = { id: '0f0e-1', host: 'etl-1.kp2mi', pid: 4711, since: '2026-11-22T23:40:29' };
		expect(parseHolder(formatHolder(holder))).toEqual(holder);
		expect(parseHolder(`'${formatHolder(holder)}'`)).toEqual(holder);
		expect(parseHolder('nonsense')).toBeUndefined();
	});
});

describe('SQL string literals', () => {
	it('escape quotes and backslashes', () => {
		expect(str("it's a\\b")).toBe("'it\\'s a\\\\b'");
	});
});

describe('progress', () => {
	it('redraws one line on a terminal and writes plain lines otherwise', async () => {
		const tty: string[] = [];
		const p = new Progress(true, { isTTY: true, write: (t) => tty.push(t) });
		p.start('placements.csv', 1000);
		p.addBytes(500);
		await new Promise((r) => setTimeout(r, 120));
		p.addRows(10);
		const line = tty.at(-1) ?? '';
		expect(line.startsWith('\r\x1b[K')).toBe(true);
		expect(line.slice(4)).toMatch(/^placements\.csv █+░+ 50% {2}10 rows {2}\d+ rows\/s$/);
		p.done();
		expect(tty.at(-1)).toBe('\r\x1b[K');
		const plain: string[] = [];
		const q = new Progress(true, { isTTY: false, write: (t) => plain.push(t) });
		q.start('x.csv', 0);
		q.addRows(5);
		expect(plain).toEqual([]);
		const off = new Progress(false, { isTTY: true, write: (t) => plain.push(t) });
		off.start('y.csv', 10);
		off.addRows(1);
		expect(plain).toEqual([]);
	});
});
