import { describe, expect, it } from 'vitest';
import { colorScale, NO_DATA_COLOR, PALETTE, quantileBreaks } from './color-scale.ts';

describe('quantileBreaks', () => {
	it('splits values into classes of about equal size', () => {
		expect(quantileBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5)).toEqual([3, 5, 7, 9]);
	});

	it('drops repeated breaks when many values are equal', () => {
		expect(quantileBreaks([0, 0, 0, 0, 0, 0, 0, 0, 5, 100], 5)).toEqual([5]);
	});

	it('returns no breaks for no values', () => {
		expect(quantileBreaks([], 5)).toEqual([]);
	});
});

describe('colorScale', () => {
	it('gives the lightest class to the smallest and the darkest to the largest value', () => {
		const scale = colorScale([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect(scale.colorOf(1)).toBe(PALETTE[0]);
		expect(scale.colorOf(10)).toBe(PALETTE[4]);
		expect(scale.colorOf(5)).toBe(PALETTE[2]);
	});

	it('marks missing values with the no-data colour, not the lowest class', () => {
		const scale = colorScale([1, 2, 3]);
		expect(scale.colorOf(null)).toBe(NO_DATA_COLOR);
		expect(scale.colorOf(undefined)).toBe(NO_DATA_COLOR);
		expect(scale.colorOf(Number.NaN)).toBe(NO_DATA_COLOR);
	});

	it('keeps the darkest colour for the maximum when values are few', () => {
		const scale = colorScale([0, 0, 0, 0, 0, 0, 0, 0, 5, 100]);
		expect(scale.colorOf(100)).toBe(PALETTE[4]);
		expect(scale.colorOf(0)).toBe(PALETTE[3]);
	});
});
