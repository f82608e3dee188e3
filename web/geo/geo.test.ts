/**
 * Checks the built files in web/static/geo/ — what the web app actually serves — against the
 * official codes and against what MapLibre needs. Rebuild with `npx tsx web/geo/build.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, GeoJsonProperties, Geometry, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { Objects, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { buildGeoFiles } from './build.ts';
import { type Areal, edges, lat, lon, type PolygonRings, polygonsOf, type Ring } from './geometry.ts';
import { OUTPUT_DIR, readProvinces, readRegencies } from './sources.ts';

type Topo = Topology<Objects>;

interface Decoded<P> {
	properties: P;
	geometry: Areal;
}

interface ProvinceProps {
	code: string;
	name: string;
}

interface RegencyProps {
	code: string;
	province: string;
	name: string;
}

interface CountryProps {
	iso2: string;
	iso3: string;
	numeric: string | null;
	name: string;
}

/** Capitals (or, on a coast the simplified outline may miss, an inland town) of every province. */
const PLACE_IN_PROVINCE: Readonly<Record<string, Position>> = {
	'11': [95.32, 5.55], // Banda Aceh
	'12': [98.67, 3.59], // Medan
	'13': [100.37, -0.3], // Bukittinggi
	'14': [101.45, 0.51], // Pekanbaru
	'15': [103.61, -1.61], // Jambi
	'16': [104.75, -2.98], // Palembang
	'17': [102.26, -3.8], // Bengkulu
	'18': [105.26, -5.43], // Bandar Lampung
	'19': [106.11, -2.13], // Pangkal Pinang
	'21': [104.45, 0.92], // Tanjung Pinang
	'31': [106.83, -6.2], // Jakarta
	'32': [107.61, -6.91], // Bandung
	'33': [110.42, -7.0], // Semarang
	'34': [110.37, -7.8], // Yogyakarta
	'35': [112.75, -7.26], // Surabaya
	'36': [106.15, -6.12], // Serang
	'51': [115.22, -8.65], // Denpasar
	'52': [116.12, -8.58], // Mataram
	'53': [123.6, -10.17], // Kupang
	'61': [109.34, -0.03], // Pontianak
	'62': [113.92, -2.21], // Palangka Raya
	'63': [114.83, -3.44], // Banjarbaru
	'64': [117.15, -0.5], // Samarinda
	'65': [117.37, 2.84], // Tanjung Selor
	'71': [124.84, 1.47], // Manado
	'72': [119.87, -0.9], // Palu
	'73': [119.43, -5.14], // Makassar
	'74': [122.51, -3.99], // Kendari
	'75': [123.06, 0.54], // Gorontalo
	'76': [118.89, -2.68], // Mamuju
	'81': [128.18, -3.7], // Ambon
	'82': [127.57, 0.74], // Sofifi
	'91': [140.5, -2.57], // Sentani, by Jayapura
	'92': [133.5, -2.1], // Bintuni
	'93': [140.4, -8.5], // Merauke
	'94': [136.37, -3.92], // Enarotali
	'95': [138.95, -4.1], // Wamena
	'96': [132.0, -1.44], // Teminabuan
};

const EXPECTED_MISSING_REGENCIES = ['12.73', '12.76', '13.74', '13.75', '31.01', '33.71', '35.76'];

function readBuilt(name: string): string {
	return readFileSync(join(OUTPUT_DIR, name), 'utf8');
}

function readTopology(name: string): Topo {
	const parsed: unknown = JSON.parse(readBuilt(name));
	if (typeof parsed !== 'object' || parsed === null || !('type' in parsed) || parsed.type !== 'Topology') {
		throw new Error(`${name} is not a TopoJSON topology`);
	}
	// The type check above is what topojson-client itself relies on.
	return parsed as Topo;
}

function isAreal(geometry: Geometry): geometry is Areal {
	return geometry.type === 'Polygon' || geometry.type === 'MultiPolygon';
}

function decode<P>(topology: Topo, objectName: string, parse: (properties: GeoJsonProperties) => P): Decoded<P>[] {
	const object = topology.objects[objectName];
	if (object === undefined) throw new Error(`No object ${objectName}`);
	const decoded = feature(topology, object);
	const features: Feature[] = decoded.type === 'FeatureCollection' ? decoded.features : [decoded];
	return features.map((item) => {
		if (!isAreal(item.geometry)) throw new Error(`${objectName}: a feature is not a polygon`);
		return { properties: parse(item.properties), geometry: item.geometry };
	});
}

function text(properties: GeoJsonProperties, key: string): string {
	const value = properties?.[key];
	if (typeof value !== 'string') throw new Error(`Property ${key} is not a string`);
	return value;
}

function provinceProps(properties: GeoJsonProperties): ProvinceProps {
	return { code: text(properties, 'code'), name: text(properties, 'name') };
}

function regencyProps(properties: GeoJsonProperties): RegencyProps {
	return { code: text(properties, 'code'), province: text(properties, 'province'), name: text(properties, 'name') };
}

function countryProps(properties: GeoJsonProperties): CountryProps {
	const numeric = properties?.numeric;
	if (numeric !== null && typeof numeric !== 'string') throw new Error('numeric is neither a string nor null');
	return { iso2: text(properties, 'iso2'), iso3: text(properties, 'iso3'), numeric, name: text(properties, 'name') };
}

function ringsOf(geometry: Areal): Ring[] {
	return polygonsOf(geometry).flat();
}

function longitudeSpan(ring: Ring): number {
	const longitudes = ring.map(lon);
	return Math.max(...longitudes) - Math.min(...longitudes);
}

function bbox(geometry: Areal): [number, number, number, number] {
	const points = ringsOf(geometry).flat();
	const longitudes = points.map(lon);
	const latitudes = points.map(lat);
	return [Math.min(...longitudes), Math.min(...latitudes), Math.max(...longitudes), Math.max(...latitudes)];
}

function bboxContains([west, south, east, north]: [number, number, number, number], point: Position): boolean {
	return lon(point) >= west && lon(point) <= east && lat(point) >= south && lat(point) <= north;
}

/** Even-odd ray casting; enough for telling which province a town lies in. */
function ringContains(ring: Ring, point: Position): boolean {
	return edges(ring).reduce((inside, [a, b]) => {
		const crosses = lat(a) > lat(point) !== lat(b) > lat(point);
		const crossingLongitude = lon(a) + ((lat(point) - lat(a)) / (lat(b) - lat(a))) * (lon(b) - lon(a));
		return crosses && lon(point) < crossingLongitude ? !inside : inside;
	}, false);
}

function polygonContains([exterior, ...holes]: PolygonRings, point: Position): boolean {
	return exterior !== undefined && ringContains(exterior, point) && !holes.some((hole) => ringContains(hole, point));
}

function contains(geometry: Areal, point: Position): boolean {
	return polygonsOf(geometry).some((polygon) => polygonContains(polygon, point));
}

function codesOf<P extends { code: string }>(features: readonly Decoded<P>[]): string[] {
	return features.map((item) => item.properties.code);
}

function duplicates(values: readonly string[]): string[] {
	return values.filter((value, i) => values.indexOf(value) !== i);
}

function byIso2(countries: readonly Decoded<CountryProps>[], iso2: string): Decoded<CountryProps> {
	const country = countries.find((item) => item.properties.iso2 === iso2);
	if (country === undefined) throw new Error(`No country ${iso2}`);
	return country;
}

const provinces = decode(readTopology('provinces.topo.json'), 'provinces', provinceProps);
const regencies = decode(readTopology('regencies.topo.json'), 'regencies', regencyProps);
const worldTopology = readTopology('world.topo.json');
const countries = decode(worldTopology, 'countries', countryProps);
const officialRegencies = readRegencies();

describe('provinces.topo.json', () => {
	it('has the 38 provinces, one each, with the codes 11–96 of idn-area-data', () => {
		const codes = codesOf(provinces);
		expect(codes).toHaveLength(38);
		expect(duplicates(codes)).toEqual([]);
		expect([...codes].sort()).toEqual(
			readProvinces()
				.map((province) => province.code)
				.sort(),
		);
		expect(codes).toEqual(expect.arrayContaining(['91', '92', '93', '94', '95', '96']));
	});

	it("puts a town of each province inside that province's bounding box", () => {
		for (const province of provinces) {
			const place = PLACE_IN_PROVINCE[province.properties.code];
			expect(place, province.properties.code).toBeDefined();
			if (place) expect(bboxContains(bbox(province.geometry), place), province.properties.code).toBe(true);
		}
	});

	it("puts each town inside its own province's outline and no other's (bounding boxes of Papua overlap)", () => {
		for (const [code, place] of Object.entries(PLACE_IN_PROVINCE)) {
			const containing = provinces.filter((province) => contains(province.geometry, place));
			expect(codesOf(containing), `town of ${code}`).toEqual([code]);
		}
	});
});

describe('regencies.topo.json', () => {
	it('has exactly the 10 regencies of Nusa Tenggara Barat, Kota and Kabupaten Bima apart', () => {
		const ntb = regencies.filter((regency) => regency.properties.province === '52');
		expect(ntb).toHaveLength(10);
		const bima = ntb.filter((regency) => regency.properties.name.endsWith(' Bima')).map((regency) => regency.properties.name);
		expect(bima.sort()).toEqual(['Kabupaten Bima', 'Kota Bima']);
	});

	it('uses only idn-area-data codes, each once, with its province and name', () => {
		const official = new Map(officialRegencies.map((regency) => [regency.code, regency]));
		expect(duplicates(codesOf(regencies))).toEqual([]);
		for (const { properties } of regencies) {
			expect(official.get(properties.code), properties.code).toEqual(properties);
		}
	});

	it('together with regencies-missing.json accounts for all 514 regencies', () => {
		const missing: unknown = JSON.parse(readBuilt('regencies-missing.json'));
		expect(Array.isArray(missing)).toBe(true);
		const missingCodes = (missing as RegencyProps[]).map((regency) => regency.code);
		expect(missingCodes).toEqual(EXPECTED_MISSING_REGENCIES);
		expect(regencies.length + missingCodes.length).toBe(514);
		expect(officialRegencies).toHaveLength(514);
		expect([...codesOf(regencies), ...missingCodes].sort()).toEqual(officialRegencies.map((r) => r.code).sort());
	});

	it('is split into one file per province holding exactly that province’s regencies', () => {
		const perProvince = provinces.flatMap(({ properties: { code } }) => {
			const own = decode(readTopology(`regencies-${code}.topo.json`), 'regencies', regencyProps);
			expect(
				own.every((regency) => regency.properties.province === code),
				code,
			).toBe(true);
			return codesOf(own);
		});
		expect(perProvince.sort()).toEqual(codesOf(regencies).sort());
	});
});

describe('world.topo.json', () => {
	it('has the destination countries the ministry reports on, with ISO codes', () => {
		const expected: CountryProps[] = [
			{ iso2: 'HK', iso3: 'HKG', numeric: '344', name: 'Hong Kong' },
			{ iso2: 'SG', iso3: 'SGP', numeric: '702', name: 'Singapore' },
			{ iso2: 'SA', iso3: 'SAU', numeric: '682', name: 'Saudi Arabia' },
			{ iso2: 'TW', iso3: 'TWN', numeric: '158', name: 'Taiwan' },
			{ iso2: 'ID', iso3: 'IDN', numeric: '360', name: 'Indonesia' },
		];
		for (const country of expected) expect(byIso2(countries, country.iso2).properties).toEqual(country);
	});

	it('has one feature per code, and no feature without a code', () => {
		expect(duplicates(countries.map((country) => country.properties.iso2))).toEqual([]);
		expect(duplicates(countries.map((country) => country.properties.iso3))).toEqual([]);
		expect(countries.every((country) => /^[A-Z]{2}$/.test(country.properties.iso2))).toBe(true);
	});

	it('folds Somaliland and N. Cyprus into their ISO countries', () => {
		const names = countries.map((country) => country.properties.name);
		expect(names).not.toContain('Somaliland');
		expect(names).not.toContain('N. Cyprus');
		expect(byIso2(countries, 'SO').properties.name).toBe('Somalia');
	});

	it('has no ring spanning more than 180° of longitude (a ring that wide smears across the map)', () => {
		const tooWide = countries.flatMap((country) =>
			ringsOf(country.geometry)
				.filter((ring) => longitudeSpan(ring) > 180)
				.map(() => country.properties.iso2),
		);
		expect(tooWide).toEqual([]);
	});

	it('has no edge jumping across the antimeridian and no longitude outside ±180°', () => {
		for (const country of countries) {
			const rings = ringsOf(country.geometry);
			const jumps = rings.flatMap(edges).filter(([a, b]) => Math.abs(lon(b) - lon(a)) > 180);
			expect(jumps, country.properties.iso2).toEqual([]);
			const [west, , east] = bbox(country.geometry);
			expect(west >= -180 && east <= 180, country.properties.iso2).toBe(true);
		}
	});

	it('keeps Russia and Fiji on both sides of the antimeridian rather than dropping a side', () => {
		for (const iso2 of ['RU', 'FJ']) {
			const [west, , east] = bbox(byIso2(countries, iso2).geometry);
			expect(west, iso2).toBe(-180);
			expect(east, iso2).toBe(180);
		}
	});

	it('leaves the cut along ±180° out of the outlines object', () => {
		const outlines = feature(worldTopology, worldTopology.objects.outlines ?? { type: null });
		const geometry = outlines.type === 'Feature' ? outlines.geometry : null;
		expect(geometry?.type).toBe('MultiLineString');
		const lines = geometry?.type === 'MultiLineString' ? geometry.coordinates : [];
		const cutSegments = lines.flatMap(edges).filter(([a, b]) => lon(a) === lon(b) && Math.abs(lon(a)) === 180);
		expect(cutSegments).toEqual([]);
	});
});

describe('the build', () => {
	const built = buildGeoFiles();

	it('reproduces the committed files byte for byte (deterministic and up to date)', () => {
		for (const file of built) expect(readBuilt(file.name) === file.content, file.name).toBe(true);
	});

	it('stays within the size budgets', () => {
		const bytes = (name: string): number => Buffer.byteLength(readBuilt(name));
		expect(bytes('provinces.topo.json')).toBeLessThan(300 * 1024);
		expect(bytes('regencies.topo.json')).toBeLessThan(600 * 1024);
		expect(bytes('world.topo.json')).toBeLessThan(500 * 1024);
	});

	it('lists every other file in the manifest with its true size', () => {
		const manifest: unknown = JSON.parse(readBuilt('manifest.json'));
		const files = (manifest as { files: { file: string; bytes: number }[] }).files;
		const expected = built.filter((file) => file.name !== 'manifest.json');
		expect(files.map((file) => file.file)).toEqual(expected.map((file) => file.name));
		for (const file of files) expect(file.bytes, file.file).toBe(Buffer.byteLength(readBuilt(file.file)));
	});
});
