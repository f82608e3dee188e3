/**
 * Builds the boundary files the web app serves itself (web/static/geo/), so maps work with no tile
 * server and no internet. Run: npx tsx web/geo/build.ts
 *
 * Deterministic: the same inputs give byte-identical files (no timestamps, sorted features), so a
 * rebuild shows up in git only when an input or this code changed; geo.test.ts checks that.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Feature, LineString } from 'geojson';
import type { Topology } from 'topojson-specification';
import { FIT_PADDING, fitCamera, PRECOMPUTED_PATHS, topologyBounds, topologyPaths, WIDEST_MAP } from '../src/lib/map-projection.ts';
import type { Areal } from './geometry.ts';
import { matchRegencies, type ProvinceProperties, provinceFeatures, type RegencyProperties, regencyFeatures } from './indonesia.ts';
import {
	OUTPUT_DIR,
	type RegencyRecord,
	readPackageVersion,
	readProvinceShapes,
	readProvinces,
	readRegencies,
	readRegencyShapes,
	readWorldAtlas,
} from './sources.ts';
import { buildTopology, serialise, type TopologyOptions } from './topology.ts';
import { artificialEdgeLines, worldFeatures } from './world.ts';

export const ATTRIBUTION = {
	indonesia: 'Batas wilayah: BIG, via GeoJson-Indonesia-38-Provinsi (MIT)',
	world: 'Natural Earth via world-atlas (ISC/public domain)',
} as const;

/*
 * Simplification weights are triangle areas in square degrees. At zoom 4 (all of Indonesia on a
 * screen) one pixel is about 0.002 square degrees, at zoom 7 (one province) about 0.00003.
 */
const PROVINCES: TopologyOptions = {
	objectName: 'provinces',
	simplifyArea: 1e-4,
	minRingArea: 2e-4,
	quantization: 1e5,
};

/** The all-Indonesia regency map is seen at country zoom, like the provinces. */
const REGENCIES: TopologyOptions = {
	objectName: 'regencies',
	simplifyArea: 1e-4,
	minRingArea: 1e-4,
	quantization: 1e5,
};

/** A province page zooms in on one province, so its file keeps the source's full detail. */
const PROVINCE_REGENCIES: TopologyOptions = {
	objectName: 'regencies',
	simplifyArea: 0,
	minRingArea: 0,
	quantization: 1e5,
};

/** Seen at zoom 1–4 as a backdrop for destination countries; one pixel at zoom 3 is ~0.008. */
const WORLD: TopologyOptions = {
	objectName: 'countries',
	simplifyArea: 3e-3,
	minRingArea: 1e-3,
	// 100,000 steps of exactly 0.0036° across -180..180, so the cuts at ±180° and 0° (antimeridian.ts)
	// stay on grid lines instead of moving by half a step.
	quantization: 100_001,
};

export interface GeoFile {
	name: string;
	content: string;
	/** TopoJSON object names: the features' object, and 'outlines' where the world has one. */
	objects?: string[];
	features?: number;
	attribution?: string;
}

type ArealFeatures<P> = readonly Feature<Areal, P>[];

function topologyFile<P>(
	name: string,
	features: ArealFeatures<P>,
	options: TopologyOptions,
	attribution: string,
	hiddenEdges: readonly Feature<LineString>[] = [],
): GeoFile {
	const topology = buildTopology(features, options, hiddenEdges);
	return { name, content: serialise(topology), objects: Object.keys(topology.objects), features: features.length, attribution };
}

function regencyFilesPerProvince(provinces: ArealFeatures<ProvinceProperties>, regencies: ArealFeatures<RegencyProperties>): GeoFile[] {
	return provinces.map(({ properties: { code } }) => {
		const own = regencies.filter((regency) => regency.properties.province === code);
		if (own.length === 0) throw new Error(`Province ${code} has no regency shapes`);
		return topologyFile(`regencies-${code}.topo.json`, own, PROVINCE_REGENCIES, ATTRIBUTION.indonesia);
	});
}

/**
 * The SVG paths of a boundary file (`PRECOMPUTED_PATHS`, web/src/lib/map-projection.ts): what the
 * browser would otherwise project from the TopoJSON before a map's first picture, made once here
 * from the file just built, at the zoom of the widest map.
 */
function pathsFiles(files: readonly GeoFile[]): GeoFile[] {
	return PRECOMPUTED_PATHS.map((entry) => {
		const source = files.find((file) => file.name === entry.file);
		if (!source) throw new Error(`${entry.paths}: no ${entry.file} built`);
		const topology = JSON.parse(source.content) as Topology;
		const { zoom } = fitCamera(entry.bounds ?? topologyBounds(topology), WIDEST_MAP.width, WIDEST_MAP.height, FIT_PADDING);
		const paths = topologyPaths(topology, entry.object, entry.outlineObject, entry.idProperty, zoom);
		const { object, outlineObject, idProperty } = entry;
		return {
			name: entry.paths,
			content: serialise({ object, outlineObject, idProperty, ...paths }),
			features: paths.areas.length,
			attribution: source.attribution,
		};
	});
}

/**
 * Each province's regency file's extent, `{ "52": [west, south, east, north], … }`: exactly what the
 * browser computes from the file (`topologyBounds`), known to the server before the file is fetched,
 * so a province page's map box has its height from the first paint (on a phone it follows the
 * extent's aspect) and the camera fitted to it does not change when the file arrives.
 */
function regencyBoundsFile(files: readonly GeoFile[]): GeoFile {
	const bounds: Record<string, [number, number, number, number]> = {};
	for (const file of files) {
		const code = /^regencies-(\d{2})\.topo\.json$/.exec(file.name)?.[1];
		if (code !== undefined) bounds[code] = topologyBounds(JSON.parse(file.content) as Topology);
	}
	return { name: 'regencies-bounds.json', content: serialise(bounds), features: Object.keys(bounds).length };
}

function missingFile(missing: readonly RegencyRecord[]): GeoFile {
	const list = missing.map(({ code, province, name }) => ({ code, province, name }));
	return { name: 'regencies-missing.json', content: serialise(list), features: list.length };
}

function sources(): Record<string, string> {
	return {
		indonesia:
			'BIG boundaries via github.com/mashadinoor/Indonesia-Geojson-2026 (commit c95911f), a fork of ' +
			'github.com/ardian28/GeoJson-Indonesia-38-Provinsi; MIT, (c) 2024 Ardian Saputra Hasibuan',
		codes: `idn-area-data ${readPackageVersion('idn-area-data')} (MIT), Kepmendagri 100.1.1-6117/2022`,
		world: `world-atlas ${readPackageVersion('world-atlas')} countries-50m (Natural Earth 4.1.0)`,
	};
}

function manifestFile(files: readonly GeoFile[]): GeoFile {
	const manifest = {
		attribution: ATTRIBUTION,
		sources: sources(),
		files: files.map((file) => ({
			file: file.name,
			...(file.objects === undefined ? {} : { objects: file.objects }),
			features: file.features,
			bytes: Buffer.byteLength(file.content),
			...(file.attribution === undefined ? {} : { attribution: file.attribution }),
		})),
	};
	return { name: 'manifest.json', content: `${JSON.stringify(manifest, null, '\t')}\n` };
}

/** Everything the build writes, in memory: the tests compare it with the committed files. */
export function buildGeoFiles(): GeoFile[] {
	const provinces = provinceFeatures(readProvinceShapes(), readProvinces());
	const { matches, missing } = matchRegencies(readRegencyShapes(), readRegencies());
	const regencies = regencyFeatures(matches);
	const countries = worldFeatures(readWorldAtlas());
	const files = [
		topologyFile('provinces.topo.json', provinces, PROVINCES, ATTRIBUTION.indonesia),
		topologyFile('regencies.topo.json', regencies, REGENCIES, ATTRIBUTION.indonesia),
		...regencyFilesPerProvince(provinces, regencies),
		missingFile(missing),
		topologyFile('world.topo.json', countries, WORLD, ATTRIBUTION.world, artificialEdgeLines(countries)),
	];
	const all = [...files, regencyBoundsFile(files), ...pathsFiles(files)];
	return [...all, manifestFile(all)];
}

/** Files a previous build wrote but this one does not (e.g. a province renumbered) would linger. */
function removeStaleFiles(directory: string, keep: ReadonlySet<string>): void {
	for (const name of readdirSync(directory)) {
		if (name.endsWith('.json') && !keep.has(name)) rmSync(join(directory, name));
	}
}

function writeGeoFiles(files: readonly GeoFile[]): void {
	mkdirSync(OUTPUT_DIR, { recursive: true });
	removeStaleFiles(OUTPUT_DIR, new Set(files.map((file) => file.name)));
	for (const file of files) writeFileSync(join(OUTPUT_DIR, file.name), file.content);
}

function kilobytes(content: string): string {
	return `${(Buffer.byteLength(content) / 1024).toFixed(1)} KB`;
}

function main(): void {
	const files = buildGeoFiles();
	writeGeoFiles(files);
	for (const file of files) console.log(`${file.name.padEnd(28)} ${kilobytes(file.content).padStart(10)}  ${file.features ?? ''}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
