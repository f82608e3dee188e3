/**
 * GeoJSON features → simplified, quantised TopoJSON, the form the web app downloads.
 * TopoJSON stores each shared border once, as small integer steps, so tiled areas such as
 * regencies take a fraction of their GeoJSON size, and simplifying keeps neighbours' borders equal.
 */
import type { Feature, FeatureCollection, LineString } from 'geojson';
import { feature, meshArcs, quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import { type Filter, filter, presimplify, simplify } from 'topojson-simplify';
import type {
	Arc,
	ArcIndexes,
	GeometryCollection,
	GeometryObject,
	MultiLineString,
	Objects,
	Positions,
	Topology,
} from 'topojson-specification';
import { type Areal, first, polygonsOf, signedRingArea } from './geometry.ts';

export interface TopologyOptions {
	objectName: string;
	/** Visvalingam weight: a vertex whose triangle spans less than this (square degrees) is removed. */
	simplifyArea: number;
	/** Islands smaller than this (square degrees) are dropped, except each feature's largest polygon. */
	minRingArea: number;
	/** Grid steps across the bounding box; 1e5 over Indonesia's 46° is about 50 m. */
	quantization: number;
}

/**
 * Snapping inputs to a fine grid first makes vertices that differ only by floating-point noise
 * (e.g. both sides of a clipped edge) one point, so their borders become one shared arc.
 */
const TOPOLOGY_GRID = 1e6;

/*
 * @types/topojson-server types properties as GeoJsonProperties (which allows null), while
 * -client and -simplify use {}; buildTopology converts once, and everything here uses these.
 */
type Topo = Topology<Objects>;

function geometryCollection(topo: Topo, objectName: string): GeometryCollection {
	const object = topo.objects[objectName];
	if (object?.type !== 'GeometryCollection') throw new Error(`Topology has no geometry collection "${objectName}"`);
	return object;
}

function exteriorRings(geometry: GeometryObject): ArcIndexes[] {
	if (geometry.type === 'Polygon') return geometry.arcs.slice(0, 1);
	if (geometry.type === 'MultiPolygon') return geometry.arcs.map((polygon) => first(polygon));
	return [];
}

function ringArea(topo: Topo, ring: ArcIndexes): number {
	const decoded = feature(topo, { type: 'Polygon', arcs: [ring] });
	return Math.abs(signedRingArea(first(decoded.geometry.coordinates)));
}

function largestRing(topo: Topo, rings: readonly ArcIndexes[]): ArcIndexes | undefined {
	const withAreas = rings.map((ring) => ({ ring, area: ringArea(topo, ring) }));
	return withAreas.reduce<{ ring?: ArcIndexes; area: number }>((best, next) => (next.area > best.area ? next : best), { area: -1 }).ring;
}

/** The filter compares arrays by identity: topojson-simplify hands it the geometry's own ring arrays. */
function largestExteriorRings(topo: Topo, objectName: string): Set<ArcIndexes> {
	const largest = new Set<ArcIndexes>();
	for (const geometry of geometryCollection(topo, objectName).geometries) {
		const ring = largestRing(topo, exteriorRings(geometry));
		if (ring !== undefined) largest.add(ring);
	}
	return largest;
}

/** Enough vertices, beside the arcs' fixed endpoints, for even a single-arc ring to keep an area. */
const VERTICES_KEPT_PER_PROTECTED_RING = 3;

function arcNumber(index: number): number {
	// A negative index is the one's complement of an arc used in reverse.
	return index < 0 ? ~index : index;
}

function arcOf(topo: Topo, index: number): Arc {
	const arc = topo.arcs[arcNumber(index)];
	if (arc === undefined) throw new Error(`Topology has no arc ${index}`);
	return arc;
}

/** presimplify stores each vertex's Visvalingam weight as its third coordinate. */
function weightOf(point: Positions): number {
	return point[2] ?? 0;
}

/**
 * Visvalingam removes every vertex of a small island whose triangles fall under the threshold,
 * leaving a ring of two points: a small country (St-Barthélemy) would vanish. Giving its most
 * significant vertices infinite weight keeps the best few-point outline of it instead.
 */
function keepMinimalShapes(presimplified: Topo, rings: ReadonlySet<ArcIndexes>): void {
	for (const ring of rings) {
		const interior = ring.flatMap((index) => arcOf(presimplified, index).filter((point) => Number.isFinite(weightOf(point))));
		interior.sort((a, b) => weightOf(b) - weightOf(a));
		for (const point of interior.slice(0, VERTICES_KEPT_PER_PROTECTED_RING)) point[2] = Number.POSITIVE_INFINITY;
	}
}

function islandFilter(topo: Topo, protectedRings: ReadonlySet<ArcIndexes>, minRingArea: number): Filter {
	// @types/topojson-simplify declares the ring as coordinates; the library passes arc indexes.
	return (ring, interior) => {
		const arcs = ring as unknown as ArcIndexes;
		if (protectedRings.has(arcs)) return true;
		const area = ringArea(topo, arcs);
		// Holes stay whatever their size: a hole is often another feature (Vatican in Italy, Lesotho
		// in South Africa), and filling it would paint the neighbour's colour over that feature.
		return area > 0 && (interior || area >= minRingArea);
	};
}

function areaOf(topo: Topo, geometry: GeometryObject): number {
	const decoded = feature(topo, geometry);
	if (decoded.type !== 'Feature') return 0;
	const shape = decoded.geometry;
	if (shape.type !== 'Polygon' && shape.type !== 'MultiPolygon') return 0;
	return polygonsOf(shape).reduce((sum, polygon) => sum + Math.abs(signedRingArea(first(polygon))), 0);
}

/** A feature that lost every polygon would silently vanish from the map, so stop the build instead. */
function assertEveryFeatureHasArea(topo: Topo, objectName: string): void {
	for (const geometry of geometryCollection(topo, objectName).geometries) {
		if (areaOf(topo, geometry) === 0) {
			throw new Error(`${objectName}: feature ${JSON.stringify(geometry.properties)} has no area left after simplifying`);
		}
	}
}

/** Temporary object whose lines force arc breaks where the hidden edges start and end. */
const HIDDEN_EDGES = 'hiddenEdges';
/** Name of the outline object written beside the polygons when some edges are hidden. */
export const OUTLINES = 'outlines';

/** Splits a stitched line wherever it runs over a hidden arc, keeping the visible runs. */
function visibleRuns(line: ArcIndexes, hidden: ReadonlySet<number>): ArcIndexes[] {
	const runs: ArcIndexes[] = [];
	let run: ArcIndexes = [];
	for (const index of line) {
		if (!hidden.has(arcNumber(index))) {
			run.push(index);
		} else if (run.length > 0) {
			runs.push(run);
			run = [];
		}
	}
	return run.length > 0 ? [...runs, run] : runs;
}

/**
 * Replaces the hidden-edge lines by one MultiLineString of every coast and border, each once,
 * without the hidden edges: what a map should stroke, while the polygons are what it fills.
 */
function withOutlines(topo: Topo, objectName: string): Topo {
	const { [HIDDEN_EDGES]: hiddenObject, ...objects } = topo.objects;
	const hiddenLines = hiddenObject?.type === 'GeometryCollection' ? hiddenObject.geometries : [];
	const hidden = new Set(hiddenLines.flatMap((line) => (line.type === 'LineString' ? line.arcs.map(arcNumber) : [])));
	const mesh = meshArcs(topo, geometryCollection(topo, objectName));
	const outlines: MultiLineString = { type: 'MultiLineString', arcs: mesh.arcs.flatMap((line) => visibleRuns(line, hidden)) };
	return { ...topo, objects: { ...objects, [OUTLINES]: outlines } };
}

/**
 * Features → quantised topology with one object, options.objectName. When hiddenEdges are given
 * (edges that only close a polygon, see antimeridian.ts), a second object, OUTLINES, holds the
 * lines to stroke without them; the hidden edges are added as lines first so that topojson makes
 * each of them an arc of its own, which can then be left out.
 */
export function buildTopology<P>(
	features: readonly Feature<Areal, P>[],
	options: TopologyOptions,
	hiddenEdges: readonly Feature<LineString>[] = [],
): Topo {
	const collection: FeatureCollection<Areal, P> = { type: 'FeatureCollection', features: [...features] };
	const hiddenCollection: FeatureCollection<LineString> = { type: 'FeatureCollection', features: [...hiddenEdges] };
	const objects = { [options.objectName]: collection, ...(hiddenEdges.length > 0 ? { [HIDDEN_EDGES]: hiddenCollection } : {}) };
	const presimplified = presimplify(topology(objects, TOPOLOGY_GRID) as Topo);
	// Each feature keeps its largest polygon through both steps, so none can disappear from the map.
	const protectedRings = largestExteriorRings(presimplified, options.objectName);
	keepMinimalShapes(presimplified, protectedRings);
	const simplified = simplify(presimplified, options.simplifyArea);
	const filtered = filter(simplified, islandFilter(simplified, protectedRings, options.minRingArea)) as Topo;
	assertEveryFeatureHasArea(filtered, options.objectName);
	const quantised = quantize(filtered, options.quantization);
	assertEveryFeatureHasArea(quantised, options.objectName);
	return hiddenEdges.length > 0 ? withOutlines(quantised, options.objectName) : quantised;
}

export function serialise(value: unknown): string {
	return `${JSON.stringify(value)}\n`;
}
