/**
 * Choropleth classes. Quantile breaks (each class holds about as many areas) keep a map readable
 * when a few areas dwarf the rest, as Jawa Timur and Hong Kong do. The palette is ColorBrewer's
 * sequential YlGnBu, which stays distinguishable for the common forms of colour blindness.
 */
export const PALETTE = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'] as const;
export const NO_DATA_COLOR = '#d9d9d9';

export interface ColorScale {
	/** upper bounds of each class except the last, ascending */
	breaks: number[];
	colors: string[];
	colorOf(value: number | null | undefined): string;
}

export function quantileBreaks(values: readonly number[], classes: number): number[] {
	const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	if (sorted.length === 0) return [];
	const breaks: number[] = [];
	for (let i = 1; i < classes; i++) {
		const value = sorted[Math.min(sorted.length - 1, Math.floor((i * sorted.length) / classes))] as number;
		// A break at the minimum would leave the first class empty.
		if (value > (sorted[0] as number) && (breaks.length === 0 || value > (breaks[breaks.length - 1] as number))) breaks.push(value);
	}
	return breaks;
}

export function colorScale(values: readonly number[], palette: readonly string[] = PALETTE): ColorScale {
	const breaks = quantileBreaks(values, palette.length);
	// With fewer distinct breaks than classes, use the darker end of the palette so the largest
	// values still read as "most".
	const colors = palette.slice(palette.length - (breaks.length + 1));
	return {
		breaks,
		colors,
		colorOf(value) {
			if (value === null || value === undefined || !Number.isFinite(value)) return NO_DATA_COLOR;
			let index = breaks.findIndex((b) => value < b);
			if (index === -1) index = breaks.length;
			return colors[index] as string;
		},
	};
}
