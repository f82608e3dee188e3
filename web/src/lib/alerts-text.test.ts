import { describe, expect, it } from 'vitest';
import { type AlertLike, alertWords, topMovements } from './alerts-text.ts';
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

	it('writes a movement over several months as a span, and one month as "since"', () => {
		const span = alertWords(base, t, lang, names).period;
		const may = lang === 'id' ? 'Mei 2026' : 'May 2026';
		const june = lang === 'id' ? 'Juni 2026' : 'June 2026';
		expect(span).toBe(lang === 'id' ? `${may} – ${june}, terdeteksi ${june}` : `${may} – ${june}, detected ${june}`);
		expect(span).not.toMatch(/Sejak|Since/);
		const one = alertWords({ ...base, through: '2026-05', detected: '2026-05' }, t, lang, names).period;
		expect(one).toBe(lang === 'id' ? `Sejak ${may}, terdeteksi ${may}` : `Since ${may}, detected ${may}`);
	});
});

describe('topMovements (the weekly briefing)', () => {
	const alert = (id: string, measure: string, change: number, expected: number) => ({
		...base,
		id,
		measure,
		change,
		expected,
		actual: expected + change,
		changeShare: change / expected,
	});

	it('ranks the counted measures by their absolute change, not by the relative change of a small market', () => {
		const alerts = [
			alert('zambia-construction-fill', 'fill_rate', 111.6, 37.9), // +294 %, a ratio
			alert('tiny-market', 'placements', 30, 10), // +300 %, 30 people
			alert('germany', 'placements', 359, 511), // +70 %
			alert('turkiye-health', 'placements', 925, 1327), // +70 %
			alert('malaysia-slots', 'slots', -2400, 9000), // −27 %
			alert('japan-applications', 'applications', 359, 900), // ties with germany on size
		];
		expect(topMovements(alerts, 4).map((a) => a.id)).toEqual(['malaysia-slots', 'turkiye-health', 'germany', 'japan-applications']);
		expect(topMovements(alerts, 10).map((a) => a.id)).not.toContain('zambia-construction-fill');
		expect(topMovements(alerts, 10)).toHaveLength(5);
	});
});
