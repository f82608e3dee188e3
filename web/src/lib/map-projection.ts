/**
 * Web Mercator as MapLibre GL uses it (512-pixel world at zoom 0), so a map drawn as SVG first
 * (ChoroplethMap.svelte) and MapLibre, which takes over when the person pans or zooms, show the
 * same place at the same pixel. `fitCamera` is MapLibre's `fitBounds` for a map without rotation
 * (camera_helper.ts `cameraForBoxAndBearing`), `constrainCamera` its `defaultConstrain` for a map
 * with `renderWorldCopies: false` and the default zoom range (mercator_transform.ts); MapLibre is
 * then created at the camera these give, and applies the same constraint to it, which leaves it as
 * it is. The browser tests compare the two renderers' projections and colours after the takeover.
 */
import type { Position } from 'geojson';
import { bbox, meshArcs } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

const TILE_SIZE = 512;
/** MapLibre's MAX_VALID_LATITUDE: Mercator's square world ends there. */
const MAX_LATITUDE = 85.051129;
/** MapLibre's default minZoom and maxZoom. */
const MIN_ZOOM = -2;
const MAX_ZOOM = 22;

/** Where a map looks: the zoom and the centre in Mercator units (0..1 across the world, y down). */
export interface Camera {
	zoom: number;
	x: number;
	y: number;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export const mercatorX = (lng: number) => (180 + lng) / 360;
export const mercatorY = (lat: number) =>
	(180 - (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (clamp(lat, -MAX_LATITUDE, MAX_LATITUDE) * Math.PI) / 360))) / 360;
const longitude = (x: number) => x * 360 - 180;
const latitude = (y: number) => (360 / Math.PI) * Math.atan(Math.exp(((180 - y * 360) * Math.PI) / 180)) - 90;

/** The centre as MapLibre's `center` option takes it. */
export const centerOf = (camera: Camera): [number, number] => [longitude(camera.x), latitude(camera.y)];

/** MapLibre's `defaultConstrain` without max bounds: nothing beyond the poles or ±180° is shown. */
export function constrainCamera(camera: Camera, width: number, height: number): Camera {
	let zoom = clamp(camera.zoom, MIN_ZOOM, MAX_ZOOM);
	const worldSize = TILE_SIZE * 2 ** zoom;
	const minY = mercatorY(MAX_LATITUDE) * worldSize;
	const maxY = mercatorY(-MAX_LATITUDE) * worldSize;
	const almost180 = 180 - 1e-10;
	const minX = mercatorX(-almost180) * worldSize;
	const maxX = mercatorX(almost180) * worldSize;
	const scaleY = maxY - minY < height ? height / (maxY - minY) : 0;
	const scaleX = maxX - minX < width ? width / (maxX - minX) : 0;
	let x = camera.x * worldSize;
	let y = camera.y * worldSize;
	const scale = Math.max(scaleX, scaleY);
	if (scale) {
		// zoomed in until the world fills the view in the short direction
		if (scaleX) x = (maxX + minX) / 2;
		if (scaleY) y = (maxY + minY) / 2;
		const next = { zoom: zoom + Math.log2(scale), x: x / worldSize, y: y / worldSize };
		return next;
	}
	if (y - height / 2 < minY) y = minY + height / 2;
	if (y + height / 2 > maxY) y = maxY - height / 2;
	if (x - width / 2 < minX) x = minX + width / 2;
	if (x + width / 2 > maxX) x = maxX - width / 2;
	zoom = clamp(zoom, MIN_ZOOM, MAX_ZOOM);
	return { zoom, x: x / worldSize, y: y / worldSize };
}

/** MapLibre's `fitBounds(bounds, { padding })` in a view of width × height pixels, constrained. */
export function fitCamera(bounds: [number, number, number, number], width: number, height: number, padding: number): Camera {
	const [west, south, east, north] = bounds;
	const [x0, x1] = [mercatorX(west), mercatorX(east)];
	const [y0, y1] = [mercatorY(north), mercatorY(south)];
	const scale = Math.min((width - 2 * padding) / ((x1 - x0) * TILE_SIZE), (height - 2 * padding) / ((y1 - y0) * TILE_SIZE));
	const zoom = Math.min(Math.log2(scale), MAX_ZOOM);
	return constrainCamera({ zoom, x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, width, height);
}

/**
 * How high a map box must be, per pixel of its width, to show `bounds` edge to edge in Web Mercator
 * with nothing more above and below: a box w wide fits them exactly (`fitCamera` touching the padding
 * on all four sides) at a height of (w − 2 × padding) × this + 2 × padding. Indonesia's is ≈ 0.37.
 */
export function mercatorAspect([west, south, east, north]: [number, number, number, number]): number {
	return (mercatorY(south) - mercatorY(north)) / (mercatorX(east) - mercatorX(west));
}

/** A longitude/latitude's pixel in a view of width × height pixels (MapLibre's `project`). */
export function projector(camera: Camera, width: number, height: number): (position: Position) => [number, number] {
	const worldSize = TILE_SIZE * 2 ** camera.zoom;
	const [dx, dy] = [width / 2 - camera.x * worldSize, height / 2 - camera.y * worldSize];
	return ([lng = 0, lat = 0]) => [mercatorX(lng) * worldSize + dx, mercatorY(lat) * worldSize + dy];
}

/**
 * The camera zoomed by `delta` around the pixel (px, py) of a width × height view: the place under
 * that pixel stays there (MapLibre's zoom `around`); not constrained.
 */
export function zoomAround(camera: Camera, delta: number, px: number, py: number, width: number, height: number): Camera {
	const zoom = clamp(camera.zoom + delta, MIN_ZOOM, MAX_ZOOM);
	const [before, after] = [TILE_SIZE * 2 ** camera.zoom, TILE_SIZE * 2 ** zoom];
	const [dx, dy] = [px - width / 2, py - height / 2];
	return { zoom, x: camera.x + dx / before - dx / after, y: camera.y + dy / before - dy / after };
}

/**
 * How far one wheel event zooms, as MapLibre's scroll zoom (scroll_zoom.ts) takes a single turn: a
 * sigmoid of the wheel's delta (lines counted as 40 pixels, a quarter with Shift), at the mouse
 * wheel's rate (1/450) or, for a delta under 4 pixels (a touchpad), its default rate (1/100).
 */
export function wheelZoom({ deltaY, deltaMode, shiftKey }: { deltaY: number; deltaMode: number; shiftKey: boolean }): number {
	let value = deltaMode === 1 ? deltaY * 40 : deltaY;
	if (shiftKey) value /= 4;
	if (value === 0) return 0;
	const rate = Math.abs(value) > 4.000244140625 ? 1 / 450 : 1 / 100;
	const scale = 2 / (1 + Math.exp(-Math.abs(value) * rate));
	return value > 0 ? -Math.log2(scale) : Math.log2(scale);
}

/**
 * The SVG's coordinates are tenths of a pixel at the zoom its paths were made for: integers, so its
 * path data is short. The SVG's `viewBox` (`svgViewBox`) scales them to the map's camera.
 */
export const SVG_UNITS_PER_PIXEL = 10;
/**
 * A point closer than this to the last one kept (in tenths of a pixel, either direction) is left
 * out: half a pixel, as MapLibre's GeoJSON source simplifies to about 0.4 pixel before it draws.
 */
const MIN_STEP = 5;

/** A line of integer points (x, y interleaved) as relative SVG path data, less what is under half a pixel. */
function pathOf(points: ArrayLike<number>, close: boolean): string {
	const n = points.length / 2;
	let part = '';
	let kept = 0;
	let [px, py] = [0, 0];
	for (let i = 0; i < n; i++) {
		const [ix, iy] = [points[2 * i] as number, points[2 * i + 1] as number];
		if (kept === 0) part = `M${ix} ${iy}`;
		else {
			const [dx, dy] = [ix - px, iy - py];
			if (dx === 0 && dy === 0) continue;
			if (Math.abs(dx) < MIN_STEP && Math.abs(dy) < MIN_STEP && i < n - 1) continue;
			part += `l${dx} ${dy}`;
		}
		[px, py] = [ix, iy];
		kept++;
	}
	// a ring smaller than a pixel draws nothing
	if (kept < (close ? 3 : 2)) return '';
	return close ? `${part}z` : part;
}

/**
 * A map's SVG paths: each area's (by the id property, with its name) and the outlines as one path,
 * in tenths of a pixel of Web Mercator at `zoom` (0, 0 is the world's top-left corner: 180° W,
 * 85.05° N), with points under half a pixel at that zoom left out. The same paths serve every
 * camera: the SVG's `viewBox` scales and moves them (`svgViewBox`). `bounds` is the areas' extent.
 * Made by the build for the large files (`PRECOMPUTED_PATHS`, web/geo/build.ts) and by the browser
 * for the others.
 */
export interface SvgPaths {
	zoom: number;
	bounds: [number, number, number, number];
	areas: { id: string; name: string; d: string }[];
	outlines: string;
}

/**
 * SVG paths straight from the topology's arcs: each arc is projected once (a border shared by two
 * areas and the outline is one arc) and no GeoJSON is built; the rings are the arcs joined, as
 * topojson-client's `feature` joins them. The outlines are `meshArcs` of `outlineObject` (every
 * arc once: the world's `outlines` leaves out the cuts at 180° and 0°, web/geo/README.md).
 */
export function topologyPaths(
	topology: Topology,
	object: string,
	outlineObject: string | undefined,
	idProperty: string,
	zoom: number,
): SvgPaths {
	const [kx, ky] = topology.transform?.scale ?? [1, 1];
	const [tx, ty] = topology.transform?.translate ?? [0, 0];
	const delta = topology.transform !== undefined;
	// `projector` at the world's corner, written out without an array per point: in the browser this
	// loop runs once per page, before it has been optimised, over every point of the file
	const units = TILE_SIZE * 2 ** zoom * SVG_UNITS_PER_PIXEL;
	// one loop in this function (not a callback per arc), so the browser optimises it while it runs
	const arcs: Int32Array[] = new Array(topology.arcs.length);
	const [degrees, maxLatitude] = [Math.PI / 180, MAX_LATITUDE];
	for (let a = 0; a < topology.arcs.length; a++) {
		const arc = topology.arcs[a] as number[][];
		const out = new Int32Array(arc.length * 2);
		let x = 0;
		let y = 0;
		for (let i = 0; i < arc.length; i++) {
			const point = arc[i] as number[];
			if (delta) {
				x += point[0] as number;
				y += point[1] as number;
			} else {
				x = point[0] as number;
				y = point[1] as number;
			}
			// mercatorX and mercatorY
			const lng = x * kx + tx;
			let lat = y * ky + ty;
			lat = lat > maxLatitude ? maxLatitude : lat < -maxLatitude ? -maxLatitude : lat;
			out[2 * i] = Math.round(((180 + lng) / 360) * units);
			out[2 * i + 1] = Math.round(((180 - Math.log(Math.tan(Math.PI / 4 + (lat * degrees) / 2)) / degrees) / 360) * units);
		}
		arcs[a] = out;
	}
	/** a ring or line given as arc indexes (~i: arc i reversed), as one run of points */
	const joined = (indexes: number[]): Int32Array => {
		let length = 0;
		for (const index of indexes) length += (arcs[index < 0 ? ~index : index] as Int32Array).length;
		const out = new Int32Array(length);
		let at = 0;
		for (const index of indexes) {
			const arc = arcs[index < 0 ? ~index : index] as Int32Array;
			const n = arc.length / 2;
			// each arc after the first starts where the last ended
			for (let k = at === 0 ? 0 : 1; k < n; k++) {
				const j = index < 0 ? n - 1 - k : k;
				out[at++] = arc[2 * j] as number;
				out[at++] = arc[2 * j + 1] as number;
			}
		}
		return out.subarray(0, at);
	};
	const collection = topology.objects[object] as GeometryCollection;
	const areas = collection.geometries.map((geometry) => {
		const props = (geometry.properties ?? {}) as Record<string, unknown>;
		const polygons = geometry.type === 'Polygon' ? [geometry.arcs] : geometry.type === 'MultiPolygon' ? geometry.arcs : [];
		let d = '';
		for (const polygon of polygons) for (const ring of polygon) d += pathOf(joined(ring), true);
		const id = String(props[idProperty] ?? '');
		return { id, name: String(props.name ?? id), d };
	});
	const mesh = meshArcs(topology, topology.objects[outlineObject ?? object] as GeometryCollection);
	const outlines = mesh.arcs.map((line) => pathOf(joined(line), false)).join('');
	return { zoom, bounds: topologyBounds(topology), areas, outlines };
}

/**
 * The SVG's `viewBox` ([x, y, width, height] in the paths' units) that shows `camera` in a view of
 * width × height pixels: the paths are drawn where `projector(camera, …)` puts their points.
 */
export function svgViewBox(camera: Camera, width: number, height: number, pathsZoom: number): [number, number, number, number] {
	const world = TILE_SIZE * 2 ** pathsZoom * SVG_UNITS_PER_PIXEL;
	// the paths' units per pixel of the view
	const k = SVG_UNITS_PER_PIXEL * 2 ** (pathsZoom - camera.zoom);
	return [camera.x * world - (width / 2) * k, camera.y * world - (height / 2) * k, width * k, height * k];
}

/** The areas' extent, [west, south, east, north], from the topology's arcs (topojson-client's `bbox`). */
export const topologyBounds = (topology: Topology) => bbox(topology) as [number, number, number, number];

/** The widest a map is drawn: a card at the page's widest (1,280 px less its margins) and 360 px high. */
export const WIDEST_MAP = { width: 1248, height: 360 };
/** pixels kept free around the areas when a map fits them (MapLibre's fitBounds padding) */
export const FIT_PADDING = 8;

/**
 * Boundary files whose SVG paths web/geo/build.ts writes beside them (`paths`), for the object,
 * outlines and id the app's maps draw: the browser then fetches those and projects nothing. They
 * are made at the zoom of the widest map (`WIDEST_MAP`, fitted to `bounds` or, without, to the
 * areas), so a point under half a pixel there is left out; a narrower map shows the same paths
 * scaled down. The other files (a province's regencies, small) are projected by the browser.
 */
export const PRECOMPUTED_PATHS: {
	file: string;
	paths: string;
	object: string;
	outlineObject?: string;
	idProperty: string;
	bounds?: [number, number, number, number];
}[] = [
	{ file: 'world.topo.json', paths: 'world.paths.json', object: 'countries', outlineObject: 'outlines', idProperty: 'iso2' },
	// the province maps' view (web/src/routes/provinces, PublicDatasetChart.svelte)
	{
		file: 'provinces.topo.json',
		paths: 'provinces.paths.json',
		object: 'provinces',
		idProperty: 'code',
		bounds: [94.9, -11.1, 141.1, 6.1],
	},
];
