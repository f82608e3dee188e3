import { describe, expect, it } from 'vitest';
import { artificialEdges, crossesAntimeridian, splitAtAntimeridian, unwrapRing } from './antimeridian.ts';
import { lon, type PolygonRings, type Ring, signedRingArea } from './geometry.ts';

/** A 20°-wide box centred on the antimeridian, written the way world-atlas writes such rings. */
const ACROSS_ANTIMERIDIAN: Ring = [
	[170, 10],
	[-170, 10],
	[-170, 20],
	[170, 20],
	[170, 10],
];

/**
 * Antarctica as world-atlas stores it: an "exterior" that is only a line along -89.999, and the
 * coast as a ring that goes once round the pole, jumping from 180° back to -180°.
 */
const ROUND_THE_SOUTH_POLE: PolygonRings = [
	[
		[-180, -89.999],
		[90, -89.999],
		[0, -89.999],
		[-90, -89.999],
		[-180, -89.999],
	],
	[
		[-180, -70],
		[-90, -72],
		[0, -70],
		[90, -68],
		[179, -70],
		[-180, -70],
	],
];

function totalArea(polygons: readonly PolygonRings[]): number {
	return polygons.reduce((sum, polygon) => sum + Math.abs(signedRingArea(polygon[0] ?? [])), 0);
}

function longitudeRange(polygon: PolygonRings): [number, number] {
	const longitudes = polygon.flat().map(lon);
	return [Math.min(...longitudes), Math.max(...longitudes)];
}

describe('unwrapRing', () => {
	it('takes each step across the antimeridian the short way round', () => {
		expect(unwrapRing(ACROSS_ANTIMERIDIAN).map(lon)).toEqual([170, 190, 190, 170, 170]);
	});
});

describe('splitAtAntimeridian', () => {
	it('returns a polygon that does not cross unchanged', () => {
		const polygon: PolygonRings = [
			[
				[100, 0],
				[110, 0],
				[110, 10],
				[100, 0],
			],
		];
		expect(crossesAntimeridian(polygon[0] ?? [])).toBe(false);
		expect(splitAtAntimeridian(polygon)).toEqual([polygon]);
	});

	it('cuts a ring that crosses into a piece on each side, losing no area', () => {
		const pieces = splitAtAntimeridian([ACROSS_ANTIMERIDIAN]);
		expect(pieces.map(longitudeRange).sort()).toEqual([
			[-180, -170],
			[170, 180],
		]);
		expect(totalArea(pieces)).toBeCloseTo(200, 9);
	});

	it('closes a ring round the pole along the pole and halves it, so no piece is wider than 180°', () => {
		const pieces = splitAtAntimeridian(ROUND_THE_SOUTH_POLE);
		expect(pieces).toHaveLength(2);
		expect(pieces.map(longitudeRange).sort()).toEqual([
			[-180, 0],
			[0, 180],
		]);
		expect(pieces.every((polygon) => polygon.flat().some(([, latitude]) => latitude === -90))).toBe(true);
	});

	it('names the cut and pole edges as artificial, and no coast', () => {
		const artificial = splitAtAntimeridian([ACROSS_ANTIMERIDIAN]).flatMap(artificialEdges);
		expect(artificial).toHaveLength(2);
		expect(artificial.every((edge) => edge.every((point) => Math.abs(lon(point)) === 180))).toBe(true);
	});
});
