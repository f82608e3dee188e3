/**
 * Joins the BIG boundary shapes to Kemendagri codes (idn-area-data): provinces carry their code
 * already; regencies carry only names, so they are matched by province + name with an explicit
 * alias table, and every doubt stops the build.
 */
import type { Feature } from 'geojson';
import { type Areal, rewindAreal } from './geometry.ts';
import type { ProvinceRecord, ProvinceShapeProperties, RegencyRecord, RegencyShapeProperties, Shape } from './sources.ts';

export interface ProvinceProperties {
	code: string;
	name: string;
}

export interface RegencyProperties {
	code: string;
	province: string;
	name: string;
}

/**
 * The boundary files' province names (PROVINSI, WADMPR) → Kemendagri code. Written out rather than
 * matched by name because the files and idn-area-data disagree ('DKI Jakarta' vs 'Daerah Khusus
 * Ibukota Jakarta'), and a renamed or new province should stop the build, not vanish.
 */
export const PROVINCE_CODE_BY_SHAPE_NAME: Readonly<Record<string, string>> = {
	Aceh: '11',
	'Sumatera Utara': '12',
	'Sumatera Barat': '13',
	Riau: '14',
	Jambi: '15',
	'Sumatera Selatan': '16',
	Bengkulu: '17',
	Lampung: '18',
	'Kepulauan Bangka Belitung': '19',
	'Kepulauan Riau': '21',
	'DKI Jakarta': '31',
	'Jawa Barat': '32',
	'Jawa Tengah': '33',
	'Daerah Istimewa Yogyakarta': '34',
	'Jawa Timur': '35',
	Banten: '36',
	Bali: '51',
	'Nusa Tenggara Barat': '52',
	'Nusa Tenggara Timur': '53',
	'Kalimantan Barat': '61',
	'Kalimantan Tengah': '62',
	'Kalimantan Selatan': '63',
	'Kalimantan Timur': '64',
	'Kalimantan Utara': '65',
	'Sulawesi Utara': '71',
	'Sulawesi Tengah': '72',
	'Sulawesi Selatan': '73',
	'Sulawesi Tenggara': '74',
	Gorontalo: '75',
	'Sulawesi Barat': '76',
	Maluku: '81',
	'Maluku Utara': '82',
	Papua: '91',
	'Papua Barat': '92',
	'Papua Selatan': '93',
	'Papua Tengah': '94',
	'Papua Pegunungan': '95',
	'Papua Barat Daya': '96',
};

export interface RegencyAlias {
	province: string;
	/** WADMKK as written in the boundary file. */
	shapeName: string;
	/** idn-area-data's name for the same regency. */
	officialName: string;
}

/** Spelling differences only; each was checked to be the same regency (same province, same place). */
export const REGENCY_ALIASES: readonly RegencyAlias[] = [
	{ province: '12', shapeName: 'Kota Padang Sidempuan', officialName: 'Kota Padangsidimpuan' },
	{ province: '12', shapeName: 'Kota Tanjung Balai', officialName: 'Kota Tanjungbalai' },
	{ province: '17', shapeName: 'Muko Muko', officialName: 'Kabupaten Mukomuko' },
	{ province: '72', shapeName: 'Toli Toli', officialName: 'Kabupaten Toli-Toli' },
	{ province: '73', shapeName: 'Pangkajene Kepulauan', officialName: 'Kabupaten Pangkajene dan Kepulauan' },
	{ province: '73', shapeName: 'Kota Pare Pare', officialName: 'Kota Parepare' },
];

/**
 * The boundary file writes a regency as 'Bima' and a city as 'Kota Bima'; idn-area-data writes
 * 'Kabupaten Bima' and 'Kota Bima'. Dropping only the 'Kabupaten' prefix makes them comparable
 * while keeping the two apart ('Kotabaru' and 'Lima Puluh Kota' are regencies and stay intact).
 */
export function normaliseRegencyName(name: string): string {
	return name
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^(kabupaten|kab\.) /, '');
}

function regencyKey(province: string, name: string): string {
	return `${province}|${normaliseRegencyName(name)}`;
}

export function provinceCodeOfShapeName(name: string): string {
	const code = PROVINCE_CODE_BY_SHAPE_NAME[name];
	if (code === undefined) throw new Error(`Province "${name}" is not in PROVINCE_CODE_BY_SHAPE_NAME`);
	return code;
}

function indexRegencies(regencies: readonly RegencyRecord[]): Map<string, RegencyRecord> {
	const index = new Map<string, RegencyRecord>();
	for (const regency of regencies) {
		const key = regencyKey(regency.province, regency.name);
		const clash = index.get(key);
		if (clash) throw new Error(`idn-area-data: ${clash.code} and ${regency.code} both normalise to "${key}"`);
		index.set(key, regency);
	}
	return index;
}

function indexAliases(aliases: readonly RegencyAlias[]): Map<string, RegencyAlias> {
	return new Map(aliases.map((alias) => [`${alias.province}|${alias.shapeName}`, alias]));
}

export interface RegencyMatch {
	shape: Shape<RegencyShapeProperties>;
	regency: RegencyRecord;
}

export interface RegencyMatching {
	matches: RegencyMatch[];
	/** Official regencies no shape was matched to, in idn-area-data's order (by code). */
	missing: RegencyRecord[];
}

function describeShape(shape: Shape<RegencyShapeProperties>): string {
	return `"${shape.properties.WADMKK}" (${shape.properties.WADMPR})`;
}

function assertNoDuplicateCodes(matches: readonly RegencyMatch[]): void {
	const shapesByCode = new Map<string, string[]>();
	for (const { shape, regency } of matches) {
		shapesByCode.set(regency.code, [...(shapesByCode.get(regency.code) ?? []), describeShape(shape)]);
	}
	const duplicates = [...shapesByCode].filter(([, shapes]) => shapes.length > 1);
	if (duplicates.length > 0) {
		const lines = duplicates.map(([code, shapes]) => `  ${code}: ${shapes.join(', ')}`);
		throw new Error(`Several shapes matched the same regency code:\n${lines.join('\n')}`);
	}
}

/**
 * Matches every shape to exactly one official regency. Throws, listing all problems at once, when
 * a shape matches nothing, two shapes share a code, or an alias is no longer needed (a stale
 * alias would hide a real change in either source).
 */
export function matchRegencies(
	shapes: readonly Shape<RegencyShapeProperties>[],
	regencies: readonly RegencyRecord[],
	aliases: readonly RegencyAlias[] = REGENCY_ALIASES,
): RegencyMatching {
	const byKey = indexRegencies(regencies);
	const aliasByShape = indexAliases(aliases);
	const usedAliases = new Set<RegencyAlias>();
	const matches: RegencyMatch[] = [];
	const unmatched: string[] = [];
	for (const shape of shapes) {
		const province = provinceCodeOfShapeName(shape.properties.WADMPR);
		const alias = aliasByShape.get(`${province}|${shape.properties.WADMKK}`);
		if (alias) usedAliases.add(alias);
		const regency = byKey.get(regencyKey(province, alias?.officialName ?? shape.properties.WADMKK));
		if (regency) matches.push({ shape, regency });
		else unmatched.push(describeShape(shape) + (alias ? ` via alias "${alias.officialName}"` : ''));
	}
	if (unmatched.length > 0) {
		throw new Error(`${unmatched.length} regency shape(s) match no idn-area-data regency:\n  ${unmatched.join('\n  ')}`);
	}
	assertNoDuplicateCodes(matches);
	const unused = aliases.filter((alias) => !usedAliases.has(alias));
	if (unused.length > 0) {
		throw new Error(`Unused regency aliases (remove them): ${unused.map((a) => a.shapeName).join(', ')}`);
	}
	const matchedCodes = new Set(matches.map((match) => match.regency.code));
	const missing = regencies.filter((regency) => !matchedCodes.has(regency.code));
	return { matches, missing };
}

function byCode<P extends { code: string }>(a: Feature<Areal, P>, b: Feature<Areal, P>): number {
	return a.properties.code.localeCompare(b.properties.code, 'en');
}

export function regencyFeatures(matches: readonly RegencyMatch[]): Feature<Areal, RegencyProperties>[] {
	return matches
		.map(
			({ shape, regency }): Feature<Areal, RegencyProperties> => ({
				type: 'Feature',
				geometry: rewindAreal(shape.geometry),
				properties: { code: regency.code, province: regency.province, name: regency.name },
			}),
		)
		.sort(byCode);
}

function assertSameCodes(found: readonly string[], expected: readonly string[], what: string): void {
	const foundSet = new Set(found);
	const absent = expected.filter((code) => !foundSet.has(code));
	const extra = [...foundSet].filter((code) => !expected.includes(code));
	if (found.length !== foundSet.size || absent.length > 0 || extra.length > 0) {
		throw new Error(`${what}: duplicated, absent [${absent.join(', ')}] or unknown [${extra.join(', ')}] codes`);
	}
}

function provinceFeature(
	shape: Shape<ProvinceShapeProperties>,
	nameByCode: ReadonlyMap<string, string>,
): Feature<Areal, ProvinceProperties> {
	const { KODE_PROV: code, PROVINSI: shapeName } = shape.properties;
	if (provinceCodeOfShapeName(shapeName) !== code) {
		throw new Error(`Province shape "${shapeName}" has KODE_PROV ${code}, the table says ${provinceCodeOfShapeName(shapeName)}`);
	}
	const name = nameByCode.get(code);
	if (name === undefined) throw new Error(`Province code ${code} is not in idn-area-data`);
	return { type: 'Feature', geometry: rewindAreal(shape.geometry), properties: { code, name } };
}

/** One feature per province, named as idn-area-data names it, so map and tables agree. */
export function provinceFeatures(
	shapes: readonly Shape<ProvinceShapeProperties>[],
	provinces: readonly ProvinceRecord[],
): Feature<Areal, ProvinceProperties>[] {
	const officialCodes = provinces.map((province) => province.code);
	assertSameCodes(Object.values(PROVINCE_CODE_BY_SHAPE_NAME), officialCodes, 'PROVINCE_CODE_BY_SHAPE_NAME');
	const nameByCode = new Map(provinces.map((province) => [province.code, province.name]));
	const features = shapes.map((shape) => provinceFeature(shape, nameByCode)).sort(byCode);
	assertSameCodes(
		features.map((feature) => feature.properties.code),
		officialCodes,
		'Province shapes',
	);
	return features;
}
