import { describe, expect, it } from 'vitest';
import { formatValue } from './format.ts';
import { translator } from './i18n/index.ts';
import { paceDetail } from './pace.ts';

describe.each(['id', 'en'] as const)('paceDetail (%s)', (lang) => {
	const t = translator(lang);
	const n = (v: number | null) => formatValue(v, 'number', lang);
	const pace = { paceNeededPerDay: 13477, remaining: 363866, daysToGo: 27 };

	it('one month left is written in the singular, never "1 months"', () => {
		const text = paceDetail(t, { ...pace, monthsToGo: 1 }, n);
		expect(text).toBe(t('kpi.paceDetailLastMonth').replace('{day}', n(13477)).replace('{gap}', n(363866)).replace('{days}', '27'));
		expect(text).not.toMatch(/\b1 months\b/);
	});

	it('several months left name their number', () => {
		expect(paceDetail(t, { ...pace, monthsToGo: 3 }, n)).toContain(lang === 'en' ? 'in 3 months' : 'dalam 3 bulan');
	});
});
