/**
 * The words under "pace still needed" — the same on the overview and the public page: per day,
 * what is left, over how many months (one month left says so in the singular) and days.
 */
import type { MessageKey } from './i18n/index.ts';

export interface Pace {
	paceNeededPerDay: number | null;
	remaining: number | null;
	monthsToGo: number | null;
	daysToGo: number | null;
}

export function paceDetail(t: (key: MessageKey) => string, pace: Pace, n: (v: number | null) => string): string {
	return t(pace.monthsToGo === 1 ? 'kpi.paceDetailLastMonth' : 'kpi.paceDetail')
		.replace('{day}', n(pace.paceNeededPerDay))
		.replace('{gap}', n(pace.remaining))
		.replace('{months}', n(pace.monthsToGo))
		.replace('{days}', n(pace.daysToGo));
}
