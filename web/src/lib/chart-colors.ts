/**
 * Series colours from the Okabe–Ito palette, chosen to stay distinguishable for people with the
 * common forms of colour blindness; lines also differ by dash so colour is never the only cue.
 */
export const SERIES_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;

export function seriesColor(index: number): string {
	return SERIES_COLORS[index % SERIES_COLORS.length] as string;
}

/** ECharts' legend item: the symbol (25 px), the gap before its text (5 px) and between items and rows (10 px). */
const LEGEND_SYMBOL = 25 + 5;
const LEGEND_GAP = 10;
/** one row of legend: the 14 px symbol or 12 px text line, and the gap to the next row */
export const LEGEND_ROW = 24;

let measurer: CanvasRenderingContext2D | null | undefined;
/** The width ECharts draws `text` in its default legend font (12px sans-serif), or an estimate without a canvas. */
function textWidth(text: string): number {
	if (measurer === undefined) measurer = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
	if (!measurer) return text.length * 7;
	measurer.font = '12px sans-serif';
	return measurer.measureText(text).width;
}

/**
 * The rows a plain (wrapping) ECharts legend of `names` takes in `width` px. The charts give the
 * plot area that much room instead of a one-row scrolling legend, which hid entries behind "1/2"
 * arrows (on /matching the grey "no candidate near" bars had no visible legend entry).
 */
export function legendRows(names: readonly string[], width: number): number {
	let rows = 1;
	let used = 0;
	for (const name of names) {
		const item = LEGEND_SYMBOL + Math.ceil(textWidth(name) * 1.05);
		if (used > 0 && used + LEGEND_GAP + item > width) {
			rows++;
			used = item;
		} else used += (used > 0 ? LEGEND_GAP : 0) + item;
	}
	return rows;
}
