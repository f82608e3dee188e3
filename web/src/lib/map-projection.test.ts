import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import {
	centerOf,
	constrainCamera,
	fitCamera,
	mercatorAspect,
	mercatorX,
	mercatorY,
	projector,
	SVG_UNITS_PER_PIXEL,
	svgViewBox,
	topologyPaths,
	wheelZoom,
	zoomAround,
} from './map-projection.ts';

const geo = (file: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../static/geo', file), 'utf8')) as Topology;

describe('fitCamera (MapLibre fitBounds)', () => {
	it('fits the bounds inside the padding, touching it in one direction', () => {
		const bounds: [number, number, number, number] = [94.9, -11.1, 141.1, 6.1];
		for (const [width, height] of [
			[1248, 360],
			[358, 360],
		] as const) {
			const camera = fitCamera(bounds, width, height, 8);
			const project = projector(camera, width, height);
			const [west, north] = project([bounds[0], bounds[3]]);
			const [east, south] = project([bounds[2], bounds[1]]);
			expect(west).toBeGreaterThanOrEqual(8 - 1e-6);
			expect(east).toBeLessThanOrEqual(width - 8 + 1e-6);
			expect(north).toBeGreaterThanOrEqual(8 - 1e-6);
			expect(south).toBeLessThanOrEqual(height - 8 + 1e-6);
			// centred, and as large as the view allows
			expect(Math.abs(west + east - width)).toBeLessThan(1e-6);
			expect(Math.min(Math.abs(west - 8), Math.abs(north - 8))).toBeLessThan(1e-6);
		}
	});

	it('fits the bounds on all four sides in a box as high as their Mercator aspect says', () => {
		for (const bounds of [
			[94.9, -11.1, 141.1, 6.1],
			[-20, -45, 160, 62],
			[115.8, -9.1, 119.3, -8.0],
		] as [number, number, number, number][]) {
			for (const width of [358, 600]) {
				const height = (width - 16) * mercatorAspect(bounds) + 16;
				const [west, north] = projector(fitCamera(bounds, width, height, 8), width, height)([bounds[0], bounds[3]]);
				const [east, south] = projector(fitCamera(bounds, width, height, 8), width, height)([bounds[2], bounds[1]]);
				expect([west, east, north, south].map((v) => Number(v?.toFixed(6)))).toEqual([8, width - 8, 8, Number((height - 8).toFixed(6))]);
			}
		}
	});

	it('never shows beyond ±180° or the poles (renderWorldCopies: false), and constraining again changes nothing', () => {
		for (const width of [390, 1248, 3000]) {
			const camera = fitCamera([-20, -45, 160, 62], width, 360, 8);
			const project = projector(camera, width, 360);
			expect(project([-180, 0])[0]).toBeLessThanOrEqual(1e-6);
			expect(project([180, 0])[0]).toBeGreaterThanOrEqual(width - 1e-6);
			expect(project([0, 85.051129])[1]).toBeLessThanOrEqual(1e-6);
			expect(constrainCamera(camera, width, 360)).toEqual(camera);
		}
	});

	it('gives the centre back as longitude and latitude', () => {
		const [lng, lat] = centerOf({ zoom: 3, x: mercatorX(117.5), y: mercatorY(-8.7) });
		expect(lng).toBeCloseTo(117.5, 9);
		expect(lat).toBeCloseTo(-8.7, 9);
	});
});

describe('topologyPaths', () => {
	it("starts each area's path at its first point in Mercator tenths of a pixel at the paths' zoom, and closes every ring", () => {
		const topology = geo('regencies-52.topo.json');
		const collection = topology.objects.regencies as GeometryCollection;
		const view = { camera: fitCamera([115.8, -9.1, 119.4, -8.0], 800, 360, 8), width: 800, height: 360 };
		const paths = topologyPaths(topology, 'regencies', undefined, 'code', view.camera.zoom);
		expect(paths.zoom).toBe(view.camera.zoom);
		expect(paths.areas.map((a) => a.id)).toEqual(collection.geometries.map((g) => String((g.properties as { code: string }).code)));
		expect(paths.areas.map((a) => a.name)).toEqual(collection.geometries.map((g) => String((g.properties as { name: string }).name)));
		const [kx, ky] = topology.transform?.scale ?? [1, 1];
		const [tx, ty] = topology.transform?.translate ?? [0, 0];
		const world = 512 * 2 ** paths.zoom * SVG_UNITS_PER_PIXEL;
		// the viewBox puts a path's point where projector() puts the place
		const project = projector(view.camera, view.width, view.height);
		const [bx, by, bw, bh] = svgViewBox(view.camera, view.width, view.height, paths.zoom);
		expect(bw / bh).toBeCloseTo(view.width / view.height, 9);
		collection.geometries.forEach((geometry, i) => {
			const ring = geometry.type === 'Polygon' ? geometry.arcs[0] : geometry.type === 'MultiPolygon' ? geometry.arcs[0]?.[0] : undefined;
			const first = ring?.[0] as number;
			const arc = topology.arcs[first < 0 ? ~first : first] as number[][];
			let [x, y] = [0, 0];
			const points = arc.map(([dx = 0, dy = 0]) => {
				[x, y] = [x + dx, y + dy];
				return [x * kx + tx, y * ky + ty];
			});
			const start = (first < 0 ? points.at(-1) : points[0]) as [number, number];
			const [mx, my] = [Math.round(mercatorX(start[0]) * world), Math.round(mercatorY(start[1]) * world)];
			const d = paths.areas[i]?.d ?? '';
			expect(d.startsWith(`M${mx} ${my}l`), d.slice(0, 20)).toBe(true);
			const [px, py] = project(start);
			expect(Math.abs(((mx - bx) / bw) * view.width - px)).toBeLessThan(0.1);
			expect(Math.abs(((my - by) / bh) * view.height - py)).toBeLessThan(0.1);
			expect(d.endsWith('z')).toBe(true);
			expect(d.split('M').length - 1, 'one sub-path per ring').toBe(d.split('z').length - 1);
		});
		expect(paths.outlines.startsWith('M')).toBe(true);
		expect(paths.outlines.includes('z'), 'outlines are lines, not rings').toBe(false);
	});

	it('gives the same picture at any camera: the viewBox follows the camera, the paths do not', () => {
		const bounds: [number, number, number, number] = [94.9, -11.1, 141.1, 6.1];
		const camera = fitCamera(bounds, 1248, 360, 8);
		const place: [number, number] = [117.5, -8.7];
		for (const [zoom, width] of [
			[camera.zoom, 1248],
			[camera.zoom - 1.3, 390],
			[camera.zoom + 2.5, 700],
		] as const) {
			const view = { ...camera, zoom };
			const [bx, by, bw, bh] = svgViewBox(view, width, 360, camera.zoom);
			const world = 512 * 2 ** camera.zoom * SVG_UNITS_PER_PIXEL;
			const [px, py] = projector(view, width, 360)(place);
			expect(((mercatorX(place[0]) * world - bx) / bw) * width).toBeCloseTo(px, 6);
			expect(((mercatorY(place[1]) * world - by) / bh) * 360).toBeCloseTo(py, 6);
		}
	});
});

describe('the SVG camera before MapLibre takes over', () => {
	it('zooms around the pointer: the place under it stays there', () => {
		const camera = fitCamera([94.9, -11.1, 141.1, 6.1], 1248, 360, 8);
		const place: [number, number] = [110.4, -7.0];
		const [px, py] = projector(camera, 1248, 360)(place);
		const zoomed = zoomAround(camera, 0.7, px, py, 1248, 360);
		expect(zoomed.zoom).toBeCloseTo(camera.zoom + 0.7, 12);
		const [qx, qy] = projector(zoomed, 1248, 360)(place);
		expect(qx).toBeCloseTo(px, 6);
		expect(qy).toBeCloseTo(py, 6);
	});

	it("zooms one wheel turn as far as MapLibre's scroll zoom does", () => {
		// MapLibre: scale = 2 / (1 + exp(-|delta| / 450)) for a mouse wheel's turn, zoom in for a negative delta
		const turn = Math.log2(2 / (1 + Math.exp(-100 / 450)));
		expect(wheelZoom({ deltaY: -100, deltaMode: 0, shiftKey: false })).toBeCloseTo(turn, 12);
		expect(wheelZoom({ deltaY: 100, deltaMode: 0, shiftKey: false })).toBeCloseTo(-turn, 12);
		expect(wheelZoom({ deltaY: -3, deltaMode: 1, shiftKey: false })).toBeCloseTo(Math.log2(2 / (1 + Math.exp(-120 / 450))), 12);
		expect(wheelZoom({ deltaY: 0, deltaMode: 0, shiftKey: false })).toBe(0);
	});
});
