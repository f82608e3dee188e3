/**
 * Plain-coordinate helpers shared by the Indonesian and world builds. Everything here works on
 * longitude/latitude degrees as a flat plane, which is how MapLibre GL reads GeoJSON.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

export type Ring = Position[];
/** One polygon: exterior ring first, then its holes. */
export type PolygonRings = Ring[];
export type Areal = Polygon | MultiPolygon;

/*
 * GeoJSON types a position as number[]; every position here has a longitude and a latitude, so
 * these two accessors are the one place that says so.
 */
export function lon(point: Position): number {
	return point[0]!;
}

export function lat(point: Position): number {
	return point[1]!;
}

/** Consecutive vertex pairs of a closed ring (its last vertex repeats its first). */
export function edges(ring: Ring): [Position, Position][] {
	return ring.slice(1).map((point, i) => [ring[i]!, point]);
}

export function first<T>(items: readonly T[]): T {
	if (items.length === 0) throw new Error('Expected a non-empty list');
	return items[0]!;
}

export function last<T>(items: readonly T[]): T {
	if (items.length === 0) throw new Error('Expected a non-empty list');
	return items[items.length - 1]!;
}

/** Positive for counter-clockwise rings (shoelace formula). */
export function signedRingArea(ring: Ring): number {
	const twiceArea = edges(closeRing(ring)).reduce((sum, [a, b]) => sum + lon(a) * lat(b) - lon(b) * lat(a), 0);
	return twiceArea / 2;
}

export function polygonsOf(geometry: Areal): PolygonRings[] {
	return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

export function arealFrom(polygons: PolygonRings[]): Areal {
	return polygons.length === 1 ? { type: 'Polygon', coordinates: first(polygons) } : { type: 'MultiPolygon', coordinates: polygons };
}

function withOrientation(ring: Ring, counterClockwise: boolean): Ring {
	const isCounterClockwise = signedRingArea(ring) > 0;
	return isCounterClockwise === counterClockwise ? ring : [...ring].reverse();
}

/**
 * RFC 7946 winding (exterior counter-clockwise, holes clockwise). MapLibre does not care, but
 * other consumers (d3-geo with a rewind, turf, GIS tools) then read the files without guessing.
 */
export function rewindPolygon(polygon: PolygonRings): PolygonRings {
	return polygon.map((ring, index) => withOrientation(ring, index === 0));
}

export function rewindAreal(geometry: Areal): Areal {
	return arealFrom(polygonsOf(geometry).map(rewindPolygon));
}

export function samePoint(a: Position, b: Position): boolean {
	return lon(a) === lon(b) && lat(a) === lat(b);
}

export function closeRing(points: Ring): Ring {
	if (points.length === 0) return points;
	const start = first(points);
	return samePoint(start, last(points)) ? points : [...points, [lon(start), lat(start)]];
}
