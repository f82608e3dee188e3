/**
 * The words of an alert (the alerts page, the weekly briefing and the feed say the same): what
 * moved, by how much, since when. Pure; names come from the page's names (Cube's dimension cubes).
 */
import { formatMonthLong, formatPer100, formatValue } from './format.ts';
import type { Lang, MessageKey } from './i18n/index.ts';
import type { LabelKey } from './labels.ts';

/**
 * The label of an alert's breakdown by missing requirement: these are the competency gap's figures
 * (agg_competency_gap, read by Cube's competency_gap.gap_*), so they carry that member's catalogue
 * label, the same words the overview and /matching put on the same numbers (lib/labels.ts).
 */
const GAP_LABELS: Record<string, LabelKey> = {
	certificate: 'gap.certificate',
	language: 'gap.language',
	education: 'gap.education',
	experience: 'gap.experience',
	no_near_supply: 'matching.noNearSupply',
};
export function gapLabel(requirement: string): LabelKey | null {
	return GAP_LABELS[requirement] ?? null;
}

export interface AlertLike {
	country: string;
	sector: string;
	measure: string;
	rule: string;
	direction: 'up' | 'down';
	since: string;
	through: string;
	detected: string;
	actual: number;
	expected: number;
	change: number;
	changeShare: number | null;
}

export interface AlertWords {
	market: string;
	what: string;
	amount: string;
	period: string;
	rule: string;
}

export function alertWords(
	a: AlertLike,
	t: (key: MessageKey) => string,
	lang: Lang,
	names: { country: Record<string, string>; sector: Record<string, string> },
): AlertWords {
	const country = names.country[a.country] ?? a.country;
	const market = a.sector ? `${country} × ${names.sector[a.sector] ?? a.sector}` : country;
	// The monthly "fill rate" is placements departing in the month per 100 slots issued in it, a
	// flow ratio that passes 100 when a month issues few slots: it is written as that count (one
	// decimal, no % sign), so "766,7" reads as 766.7 placements per 100 new slots, not a share.
	const rate = a.measure === 'fill_rate';
	const amount = (v: number) => (rate ? formatPer100(v, lang) : formatValue(Math.round(v), 'number', lang));
	const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${amount(Math.abs(v))}`;
	const share = a.changeShare === null ? '' : formatValue(Math.abs(a.changeShare), 'percent', lang);
	return {
		market,
		what: t('alerts.what')
			.replace('{measure}', t(`alerts.measure.${a.measure}` as MessageKey))
			.replace('{direction}', t(a.direction === 'up' ? 'alerts.up' : 'alerts.down'))
			.replace('{share}', share)
			.replace(/\s+/g, ' ')
			.trim(),
		amount: t('alerts.amount')
			.replace('{actual}', amount(a.actual))
			.replace('{expected}', amount(a.expected))
			.replace('{change}', signed(a.change)),
		// one month: "Since May 2026"; several: "April 2026 – May 2026" (not "Since April 2026 – May 2026")
		period: `${
			a.through !== a.since
				? t('alerts.sinceThrough').replace('{since}', formatMonthLong(a.since, lang)).replace('{through}', formatMonthLong(a.through, lang))
				: t('alerts.since').replace('{month}', formatMonthLong(a.since, lang))
		}, ${t('alerts.detected').replace('{month}', formatMonthLong(a.detected, lang))}`,
		rule: t(`alerts.rule.${a.rule}` as MessageKey),
	};
}

/** The measures counted in people or slots, whose changes can be ranked against each other. */
const COUNT_MEASURES = new Set(['slots', 'applications', 'placements']);

/**
 * The weekly briefing's "top movements": the alerts on counted measures (demand slots,
 * applications, placements) with the largest absolute change against the forecast, largest first.
 * Ranking by the relative change put markets of a few dozen people on top (+294 % on a base of
 * 38); the monthly fill rate is a ratio with no common unit, so its alerts stay in the open list.
 */
export function topMovements<T extends AlertLike & { id: string }>(alerts: readonly T[], n: number): T[] {
	return alerts
		.filter((a) => COUNT_MEASURES.has(a.measure))
		.sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.id.localeCompare(b.id))
		.slice(0, n);
}
