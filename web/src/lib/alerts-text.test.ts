import { describe, expect, it } from 'vitest';
import { type AlertLike, alertWords } from './alerts-text.ts';
import { formatValue } from './format.ts';
import { type Lang, translator } from './i18n/index.ts';

const base: AlertLike = {
	country: 'MY',
	sector: 'ABK',
	measure: 'fill_rate',
	rule: 'cusum',
	direction: 'up',
	since: '2026-05',
	through: '2026-06',
	detected: '2026-06',
	actual: 766.666,
	expected: 82.3,
	change: 684.366,
	changeShare: 8.312,
};
const names = { country: { MY: 'Malaysia' }, sector: { ABK: 'ABK' } };

describe.each(['id', 'en'] as const)('alertWords (%s)', (lang: Lang) => {
	const t = translator(lang);

	it('writes the monthly fill rate as placements per 100 new slots, never as a share above 100 %', () => {
		const w = alertWords(base, t, lang, names);
		const dec = lang === 'id' ? ',' : '.';
		expect(w.amount).toBe(
			t('alerts.amount').replace('{actual}', `766${dec}7`).replace('{expected}', `82${dec}3`).replace('{change}', `+684${dec}4`),
		);
		expect(w.amount).not.toContain('%');
		expect(w.what).toContain(t('alerts.measure.fill_rate'));
		expect(t('alerts.measure.fill_rate')).toMatch(/100/);
	});

	it('writes counts as whole numbers and the change against the forecast as the tiles write a percentage', () => {
		const w = alertWords(
			{ ...base, measure: 'placements', actual: 1372.4, expected: 676.2, change: 696.2, changeShare: 1.03 },
			t,
			lang,
			names,
		);
		expect(w.amount).toContain(formatValue(1372, 'number', lang));
		expect(w.amount).toContain(`+${formatValue(696, 'number', lang)}`);
		expect(w.what).toContain(formatValue(1.03, 'percent', lang));
	});
});
