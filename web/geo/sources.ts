/**
 * Reads the build's inputs and checks their shape once, here, so the rest of the build can trust
 * its types: the two boundary GeoJSONs copied into ./source, idn-area-data's official codes, and
 * world-atlas's countries.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Feature } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Areal } from './geometry.ts';

const require = createRequire(import.meta.url);

export const SOURCE_DIR = fileURLToPath(new URL('./source/', import.meta.url));
export const OUTPUT_DIR = fileURLToPath(new URL('../static/geo/', import.meta.url));

export const PROVINCE_SHAPES_FILE = 'indonesia_provinsi.geojson';
export const REGENCY_SHAPES_FILE = 'indonesia_kabupaten.geojson';
export const WORLD_ATLAS_FILE = 'world-atlas/countries-50m.json';

export interface ProvinceRecord {
	/** Kemendagri code, two digits: '11'..'96'. */
	code: string;
	name: string;
}

export interface RegencyRecord {
	/** Kemendagri code 'PP.RR', e.g. '52.03'. */
	code: string;
	/** Code of its province, e.g. '52'. */
	province: string;
	/** Official name with its kind, e.g. 'Kabupaten Bima', 'Kota Bima'. */
	name: string;
}

export interface ProvinceShapeProperties {
	KODE_PROV: string;
	PROVINSI: string;
}

export interface RegencyShapeProperties {
	WADMPR: string;
	WADMKK: string;
}

export type Shape<P> = Feature<Areal, P>;

export type WorldAtlas = Topology<{ countries: GeometryCollection<{ name: string }> }>;

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readJson(path: string): unknown {
	return JSON.parse(readFileSync(path, 'utf8'));
}

export type CsvRow = Readonly<Record<string, string>>;

/**
 * idn-area-data's CSVs are plain (no quoting); a quote would mean the format changed under us,
 * and a naive split would then mis-read names, so refuse rather than guess.
 */
export function parseCsv(text: string): CsvRow[] {
	if (text.includes('"')) throw new Error('CSV contains quotes; parseCsv only reads unquoted CSV');
	const [header, ...rows] = text.trim().split(/\r?\n/);
	if (header === undefined) throw new Error('CSV is empty');
	const columns = header.split(',');
	return rows.map((row, index) => {
		const cells = row.split(',');
		if (cells.length !== columns.length) throw new Error(`CSV row ${index + 2} has ${cells.length} cells: ${row}`);
		return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? '']));
	});
}

function field(row: CsvRow, column: string): string {
	const value = row[column];
	if (value === undefined) throw new Error(`CSV has no column "${column}"`);
	return value;
}

function readIdnAreaCsv(name: string): CsvRow[] {
	return parseCsv(readFileSync(require.resolve(`idn-area-data/data/${name}`), 'utf8'));
}

export function readProvinces(): ProvinceRecord[] {
	return readIdnAreaCsv('provinces.csv').map((row) => ({ code: field(row, 'code'), name: field(row, 'name') }));
}

export function readRegencies(): RegencyRecord[] {
	return readIdnAreaCsv('regencies.csv').map((row) => ({
		code: field(row, 'code'),
		province: field(row, 'province_code'),
		name: field(row, 'name'),
	}));
}

function isAreal(value: unknown): value is Areal {
	return isRecord(value) && (value.type === 'Polygon' || value.type === 'MultiPolygon') && Array.isArray(value.coordinates);
}

function stringProperties<K extends string>(value: unknown, keys: readonly K[], where: string): Record<K, string> {
	if (!isRecord(value)) throw new Error(`${where}: feature has no properties`);
	const entries = keys.map((key) => {
		const property = value[key];
		if (typeof property !== 'string') throw new Error(`${where}: property ${key} is not a string`);
		return [key, property] as const;
	});
	return Object.fromEntries(entries) as Record<K, string>;
}

function readShapes<K extends string>(file: string, keys: readonly K[]): Shape<Record<K, string>>[] {
	const collection = readJson(`${SOURCE_DIR}${file}`);
	if (!isRecord(collection) || !Array.isArray(collection.features)) throw new Error(`${file}: not a FeatureCollection`);
	return collection.features.map((input: unknown, index: number): Shape<Record<K, string>> => {
		const where = `${file} feature ${index}`;
		if (!isRecord(input) || !isAreal(input.geometry)) throw new Error(`${where}: geometry is not a (Multi)Polygon`);
		return { type: 'Feature', geometry: input.geometry, properties: stringProperties(input.properties, keys, where) };
	});
}

export function readProvinceShapes(): Shape<ProvinceShapeProperties>[] {
	return readShapes(PROVINCE_SHAPES_FILE, ['KODE_PROV', 'PROVINSI']);
}

export function readRegencyShapes(): Shape<RegencyShapeProperties>[] {
	return readShapes(REGENCY_SHAPES_FILE, ['WADMPR', 'WADMKK']);
}

export function readWorldAtlas(): WorldAtlas {
	const atlas = readJson(require.resolve(WORLD_ATLAS_FILE));
	if (!isRecord(atlas) || atlas.type !== 'Topology' || !isRecord(atlas.objects)) {
		throw new Error(`${WORLD_ATLAS_FILE}: not a TopoJSON topology`);
	}
	const countries = atlas.objects.countries;
	if (!isRecord(countries) || countries.type !== 'GeometryCollection' || !Array.isArray(countries.geometries)) {
		throw new Error(`${WORLD_ATLAS_FILE}: has no countries collection`);
	}
	// Checked enough to trust the remaining structure, which topojson-client decodes itself.
	return atlas as unknown as WorldAtlas;
}

export function readPackageVersion(name: string): string {
	const manifest = readJson(require.resolve(`${name}/package.json`));
	if (!isRecord(manifest) || typeof manifest.version !== 'string') throw new Error(`${name}: no version`);
	return manifest.version;
}
