/**
 * Splits polygons that cross the ±180° meridian into pieces that each stay inside [-180, 180].
 *
 * Why: world-atlas builds its TopoJSON for d3-geo, which draws on the sphere, so it re-joins the
 * pieces Natural Earth had cut at the antimeridian. A ring of Russia (Chukotka), Fiji or Wrangel
 * Island then steps from 179.9° straight to -180°. MapLibre GL reads coordinates as a flat plane
 * and draws that step as an edge 360° long, so the polygon's fill becomes a band across the whole
 * map. Antarctica is worse: its coast is a ring that goes once round the pole (its longitudes
 * never come back), and its "exterior" is only a line along latitude -89.999.
 */
import type { Position } from 'geojson';
import { closeRing, edges, first, last, lat, lon, type PolygonRings, type Ring, samePoint, signedRingArea } from './geometry.ts';

/** A step longer than this between two vertices can only be a jump across the antimeridian. */
const HALF_TURN = 180;
const FULL_TURN = 360;
const POLE = 90;
/** world-atlas stores the South Pole as -89.999 (its quantisation grid): treat that as the pole. */
const POLE_SNAP_DEGREES = 0.01;
/** Rings with less area than this (square degrees) are the slivers clipping leaves behind. */
const MIN_PIECE_AREA = 1e-10;

interface UnwrappedRing {
	points: Ring;
	aroundPole: boolean;
}

export function crossesAntimeridian(ring: Ring): boolean {
	return edges(ring).some(([a, b]) => Math.abs(lon(b) - lon(a)) > HALF_TURN);
}

/** Longitudes made continuous: each step over 180° is taken the short way round instead. */
export function unwrapRing(ring: Ring): Ring {
	let offset = 0;
	return ring.map((point, i) => {
		const previous = ring[i - 1];
		if (previous !== undefined) {
			const step = lon(point) - lon(previous);
			if (step > HALF_TURN) offset -= FULL_TURN;
			else if (step < -HALF_TURN) offset += FULL_TURN;
		}
		return [lon(point) + offset, lat(point)];
	});
}

function snapToPole(point: Position): Position {
	return Math.abs(lat(point)) < POLE - POLE_SNAP_DEGREES ? point : [lon(point), Math.sign(lat(point)) * POLE];
}

function meanLatitude(ring: Ring): number {
	return ring.reduce((sum, point) => sum + lat(point), 0) / ring.length;
}

/**
 * A ring that goes once round a pole ends 360° from where it started once unwrapped; it only
 * encloses an area in the plane if it is closed along that pole, as Natural Earth's original is.
 */
function closeAroundPole(unwrapped: Ring): Ring {
	const points = unwrapped.slice(0, -1).map(snapToPole);
	const pole = meanLatitude(points) < 0 ? -POLE : POLE;
	return closeRing([...points, [lon(last(unwrapped)), pole], [lon(first(points)), pole]]);
}

function unwrapAndClose(ring: Ring): UnwrappedRing {
	const unwrapped = unwrapRing(ring);
	const netTurn = lon(last(unwrapped)) - lon(first(unwrapped));
	if (netTurn === 0) return { points: unwrapped, aroundPole: false };
	if (Math.abs(netTurn) !== FULL_TURN) {
		throw new Error(`A ring winds ${netTurn}° of longitude round the globe; expected 0 or ±360`);
	}
	return { points: closeAroundPole(unwrapped), aroundPole: true };
}

function hasArea(ring: Ring): boolean {
	return ring.length >= 4 && Math.abs(signedRingArea(ring)) > MIN_PIECE_AREA;
}

function longitudeRange(ring: Ring): [number, number] {
	const longitudes = ring.map(lon);
	return [Math.min(...longitudes), Math.max(...longitudes)];
}

function shiftRing(ring: Ring, degrees: number): Ring {
	return degrees === 0 ? ring : ring.map((point) => [lon(point) + degrees, lat(point)]);
}

/** Unwrapping starts each ring at its own first vertex, so a hole can land one world away from its exterior. */
function alignWith(ring: Ring, reference: Ring): Ring {
	const [refWest, refEast] = longitudeRange(reference);
	const [west, east] = longitudeRange(ring);
	const turns = Math.round((refWest + refEast - west - east) / 2 / FULL_TURN);
	return shiftRing(ring, turns * FULL_TURN);
}

function intersectAtLongitude(a: Position, b: Position, longitude: number): Position {
	const t = (longitude - lon(a)) / (lon(b) - lon(a));
	return [longitude, lat(a) + t * (lat(b) - lat(a))];
}

function withoutRepeats(ring: Ring): Ring {
	return ring.filter((point, i) => {
		const previous = ring[i - 1];
		return previous === undefined || !samePoint(point, previous);
	});
}

/** One Sutherland–Hodgman pass; the boundary is vertical, so intersections land exactly on it. */
function clipToHalfPlane(ring: Ring, longitude: number, keepEast: boolean): Ring {
	const inside = (point: Position): boolean => (keepEast ? lon(point) >= longitude : lon(point) <= longitude);
	const output: Ring = [];
	for (const [a, b] of edges(ring)) {
		if (inside(a)) output.push(a);
		if (inside(a) !== inside(b)) output.push(intersectAtLongitude(a, b, longitude));
	}
	return output.length === 0 ? [] : closeRing(withoutRepeats(output));
}

function clipToStrip(ring: Ring, west: number, east: number): Ring {
	return clipToHalfPlane(clipToHalfPlane(ring, west, true), east, false);
}

/** Shifting by whole turns brings a strip back into [-180, 180] without moving it on the globe. */
function turnsBackIntoRange(west: number): number {
	return -FULL_TURN * Math.floor((west + HALF_TURN) / FULL_TURN);
}

/**
 * Cuts a polygon at every strip boundary it straddles. Strips are one world wide, or half a world
 * for a polygon round a pole, so that no piece spans more than 180° of longitude (a ring that
 * wide is what a smeared band looks like, and the tests check for it).
 */
function clipToStrips(polygon: PolygonRings, width: number): PolygonRings[] {
	const exterior = first(polygon);
	const holes = polygon.slice(1);
	const [minLongitude, maxLongitude] = longitudeRange(exterior);
	const firstStrip = Math.floor((minLongitude + HALF_TURN) / width);
	const lastStrip = Math.ceil((maxLongitude + HALF_TURN) / width) - 1;
	const pieces: PolygonRings[] = [];
	for (let strip = firstStrip; strip <= lastStrip; strip++) {
		const west = -HALF_TURN + strip * width;
		const east = west + width;
		const clippedExterior = clipToStrip(exterior, west, east);
		if (!hasArea(clippedExterior)) continue;
		const clippedHoles = holes.map((hole) => clipToStrip(hole, west, east)).filter(hasArea);
		const shift = turnsBackIntoRange(west);
		pieces.push([clippedExterior, ...clippedHoles].map((ring) => shiftRing(ring, shift)));
	}
	return pieces;
}

/**
 * An exterior that closes to nothing was only the line along the pole; what it "enclosed"
 * (Antarctica's coast, stored as its hole) is the real outline, so each such ring stands alone.
 */
function regroup(rings: readonly UnwrappedRing[]): UnwrappedRing[][] {
	const [exterior, ...holes] = rings;
	const realHoles = holes.filter((hole) => hasArea(hole.points));
	if (exterior === undefined) return [];
	return hasArea(exterior.points) ? [[exterior, ...realHoles]] : realHoles.map((hole) => [hole]);
}

function clipUnwrapped(rings: readonly UnwrappedRing[]): PolygonRings[] {
	const reference = first(rings).points;
	const aligned = rings.map((ring, i) => (i === 0 ? ring.points : alignWith(ring.points, reference)));
	const width = rings.some((ring) => ring.aroundPole) ? HALF_TURN : FULL_TURN;
	return clipToStrips(aligned, width);
}

/**
 * Returns the polygon unchanged when no ring crosses the antimeridian (the usual case), else its
 * pieces, each within [-180, 180].
 */
export function splitAtAntimeridian(polygon: PolygonRings): PolygonRings[] {
	if (!polygon.some(crossesAntimeridian)) return [polygon];
	return regroup(polygon.map(unwrapAndClose)).flatMap(clipUnwrapped);
}

function touchesPole(polygon: PolygonRings): boolean {
	return polygon.some((ring) => ring.some((point) => Math.abs(lat(point)) === POLE));
}

function isArtificialEdge(a: Position, b: Position, aroundPole: boolean): boolean {
	const alongMeridian = lon(a) === lon(b) && (Math.abs(lon(a)) === HALF_TURN || (aroundPole && lon(a) === 0));
	const alongPole = lat(a) === lat(b) && Math.abs(lat(a)) === POLE;
	return alongMeridian || alongPole;
}

/**
 * The edges splitAtAntimeridian made that are no real coast or border: along ±180°, along 0° in a
 * piece round a pole, and along the pole. A fill needs them; an outline drawn with them shows a
 * straight line through Chukotka, Fiji and Antarctica.
 */
export function artificialEdges(polygon: PolygonRings): Ring[] {
	const aroundPole = touchesPole(polygon);
	return polygon.flatMap((ring) => edges(ring).filter(([a, b]) => isArtificialEdge(a, b, aroundPole)));
}
