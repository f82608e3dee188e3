/**
 * world-atlas countries → one feature per ISO 3166-1 country, keyed the way the ministry's data
 * is (alpha-2, alpha-3, numeric), with geometry MapLibre can draw across the antimeridian.
 */
import type { Feature, LineString } from 'geojson';
import countries from 'i18n-iso-countries';
import { feature, merge } from 'topojson-client';
import type { MultiPolygon, Polygon } from 'topojson-specification';
import { artificialEdges, splitAtAntimeridian } from './antimeridian.ts';
import { type Areal, arealFrom, first, lon, type PolygonRings, polygonsOf, rewindPolygon } from './geometry.ts';
import type { WorldAtlas } from './sources.ts';

export interface CountryProperties {
	iso2: string;
	iso3: string;
	/** ISO 3166-1 numeric, three digits; null for the user-assigned codes below. */
	numeric: string | null;
	name: string;
}

type AtlasGeometry = Polygon<{ name: string }> | MultiPolygon<{ name: string }>;

/**
 * Natural Earth features that ISO 3166 counts as part of another country, as do the UN, Indonesia
 * and any data reported by ISO code; they are dissolved into that country.
 */
export const MERGED_INTO_NUMERIC: Readonly<Record<string, string>> = {
	Somaliland: '706', // Somalia
	'N. Cyprus': '196', // Cyprus
	'Ashmore and Cartier Is.': '036', // Australia (world-atlas gives it Australia's id as a second feature)
};

/**
 * Features with no ISO 3166-1 code keep a user-assigned one (ISO never assigns XA–XZ), so a data
 * join simply finds nothing there and the map shows them as "no data" rather than as a hole.
 */
export const USER_ASSIGNED_CODES: Readonly<Record<string, { iso2: string; iso3: string }>> = {
	Kosovo: { iso2: 'XK', iso3: 'XKX' }, // the code the EU, World Bank and i18n-iso-countries use
	'Siachen Glacier': { iso2: 'XS', iso3: 'XSG' }, // disputed between India and Pakistan; made up here
};

/** Natural Earth's "Indian Ocean Ter." holds two ISO territories, told apart by longitude. */
const INDIAN_OCEAN_TERRITORIES = 'Indian Ocean Ter.';
const CHRISTMAS_ISLAND_WEST_OF = 100;
const CHRISTMAS_ISLAND: CountryProperties = { iso2: 'CX', iso3: 'CXR', numeric: '162', name: 'Christmas I.' };
const COCOS_ISLANDS: CountryProperties = { iso2: 'CC', iso3: 'CCK', numeric: '166', name: 'Cocos (Keeling) Is.' };

type CountryFeature = Feature<Areal, CountryProperties>;

function isAreal(geometry: WorldAtlas['objects']['countries']['geometries'][number]): geometry is AtlasGeometry {
	return geometry.type === 'Polygon' || geometry.type === 'MultiPolygon';
}

function nameOf(geometry: AtlasGeometry): string {
	const name = geometry.properties?.name;
	if (typeof name !== 'string') throw new Error(`world-atlas geometry ${geometry.id} has no name`);
	return name;
}

function isoProperties(numeric: string, name: string): CountryProperties {
	const iso2 = countries.numericToAlpha2(numeric);
	const iso3 = iso2 === undefined ? undefined : countries.alpha2ToAlpha3(iso2);
	if (iso2 === undefined || iso3 === undefined) throw new Error(`No ISO alpha code for ${numeric} (${name})`);
	return { iso2, iso3, numeric, name };
}

function countryKey(geometry: AtlasGeometry, name: string): string {
	if (geometry.id !== undefined) return String(geometry.id);
	if (name in USER_ASSIGNED_CODES || name === INDIAN_OCEAN_TERRITORIES) return name;
	throw new Error(`world-atlas feature "${name}" has no ISO code and no rule in world.ts`);
}

interface CountryGroup {
	key: string;
	/** The feature that gives the country its name. */
	principal: AtlasGeometry;
	/** Features merged into it (MERGED_INTO_NUMERIC). */
	parts: AtlasGeometry[];
}

/** Groups the atlas's geometries by the country they end up in. */
function groupByCountry(geometries: readonly AtlasGeometry[]): CountryGroup[] {
	const principals = new Map<string, AtlasGeometry>();
	const parts = new Map<string, AtlasGeometry[]>();
	for (const geometry of geometries) {
		const name = nameOf(geometry);
		const target = MERGED_INTO_NUMERIC[name];
		if (target !== undefined) {
			parts.set(target, [...(parts.get(target) ?? []), geometry]);
			continue;
		}
		const key = countryKey(geometry, name);
		if (principals.has(key)) throw new Error(`world-atlas has two features for ${key}`);
		principals.set(key, geometry);
	}
	for (const target of parts.keys()) {
		if (!principals.has(target)) throw new Error(`MERGED_INTO_NUMERIC names ${target}, which world-atlas lacks`);
	}
	return [...principals].map(([key, principal]) => ({ key, principal, parts: parts.get(key) ?? [] }));
}

function decode(atlas: WorldAtlas, geometry: AtlasGeometry): Areal {
	return geometry.type === 'Polygon' ? feature(atlas, geometry).geometry : feature(atlas, geometry).geometry;
}

/** merge() dissolves the shared border, so Somalia does not show a line where Somaliland's was. */
function groupGeometry(atlas: WorldAtlas, group: CountryGroup): Areal {
	return group.parts.length === 0 ? decode(atlas, group.principal) : merge(atlas, [group.principal, ...group.parts]);
}

function splitIndianOceanTerritories(geometry: Areal): CountryFeature[] {
	const polygons = polygonsOf(geometry);
	const isChristmas = (polygon: PolygonRings): boolean => lon(first(first(polygon))) > CHRISTMAS_ISLAND_WEST_OF;
	return [
		{ properties: CHRISTMAS_ISLAND, polygons: polygons.filter(isChristmas) },
		{ properties: COCOS_ISLANDS, polygons: polygons.filter((polygon) => !isChristmas(polygon)) },
	].map(({ properties, polygons }) => ({ type: 'Feature', geometry: arealFrom(polygons), properties }));
}

function countryFeatures(key: string, name: string, geometry: Areal): CountryFeature[] {
	if (key === INDIAN_OCEAN_TERRITORIES) return splitIndianOceanTerritories(geometry);
	const userAssigned = USER_ASSIGNED_CODES[key];
	const properties = userAssigned ? { ...userAssigned, numeric: null, name } : isoProperties(key, name);
	return [{ type: 'Feature', geometry, properties }];
}

/** Every polygon cut at ±180° and wound per RFC 7946; see antimeridian.ts for why. */
export function drawableOnPlane(geometry: Areal): Areal {
	return arealFrom(polygonsOf(geometry).flatMap(splitAtAntimeridian).map(rewindPolygon));
}

export function worldFeatures(atlas: WorldAtlas): CountryFeature[] {
	const geometries = atlas.objects.countries.geometries.filter(isAreal);
	if (geometries.length !== atlas.objects.countries.geometries.length) {
		throw new Error('world-atlas has a country without polygons');
	}
	const features = groupByCountry(geometries).flatMap((group) =>
		countryFeatures(group.key, nameOf(group.principal), groupGeometry(atlas, group)),
	);
	return features
		.map((country) => ({ ...country, geometry: drawableOnPlane(country.geometry) }))
		.sort((a, b) => a.properties.iso2.localeCompare(b.properties.iso2, 'en'));
}

/** The cut edges of every country, for buildTopology to leave out of the outlines it draws. */
export function artificialEdgeLines(features: readonly CountryFeature[]): Feature<LineString>[] {
	return features.flatMap((country) =>
		polygonsOf(country.geometry)
			.flatMap(artificialEdges)
			.map((edge): Feature<LineString> => ({ type: 'Feature', geometry: { type: 'LineString', coordinates: edge }, properties: null })),
	);
}
