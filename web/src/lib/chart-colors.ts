/**
 * Series colours from the Okabe–Ito palette, chosen to stay distinguishable for people with the
 * common forms of colour blindness; lines also differ by dash so colour is never the only cue.
 */
export const SERIES_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;

export function seriesColor(index: number): string {
	return SERIES_COLORS[index % SERIES_COLORS.length] as string;
}
