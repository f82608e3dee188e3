/**
 * Fills every dim_* table from common/reference (the only source of the codes). Each table's
 * contents are replaced in one step — rows go to a side table, then
 * `ALTER TABLE dim_x REPLACE PARTITION tuple() FROM side` swaps them in atomically — so a
 * dashboard never sees a half-filled dimension, and running it again changes nothing.
 */
import * as ref from '../../../common/reference/index.ts';
import type { Warehouse } from '../client.ts';
import { Session } from './session.ts';
import { ident } from './sql.ts';

type Row = Record<string, string | number>;

const flag = (b: boolean) => (b ? 1 : 0);

/** Every dimension table and its rows, in column order of the migrations. */
export function referenceRows(): Record<string, Row[]> {
	return {
		dim_regions: ref.regions.map((r) => ({ region_code: r.code, name_en: r.name_en, name_id: r.name_id })),
		dim_countries: ref.countries.map((c) => ({
			country_iso2: c.iso2,
			country_iso3: c.iso3,
			country_numeric: c.numeric,
			name_en: c.name_en,
			name_id: c.name_id,
			region_code: c.region,
		})),
		dim_provinces: ref.provinces.map((p) => ({
			province_code: p.code,
			province_bps: p.bps_code,
			province_iso: p.iso_3166_2,
			name: p.name,
			island_group: p.island_group,
			population: p.population_2024,
			working_age_population: p.working_age_population_2024,
		})),
		dim_regencies: ref.regencies.map((r) => ({
			regency_code: r.code,
			province_code: r.province,
			name: r.name,
			short_name: r.short_name,
			kind: r.kind,
		})),
		dim_sectors: ref.sectors.map((s) => ({ sector_code: s.code, name_en: s.name_en, name_id: s.name_id, formal: flag(s.formal) })),
		dim_occupations: ref.occupations.map((o) => ({
			occupation_isco4: o.isco4,
			title_en: o.title_en,
			title_id: o.title_id,
			skill_level: o.skill_level,
			sector_code: o.sector,
			priority_quick_win: flag(o.priority_quick_win),
		})),
		dim_education_levels: ref.educationLevels.map((e) => ({
			education_code: e.code,
			rank: e.rank,
			name_en: e.name_en,
			name_id: e.name_id,
		})),
		dim_languages: ref.languages.map((l) => ({ language_code: l.code, name_en: l.name_en, name_id: l.name_id, test_name: l.test_name })),
		dim_certification_schemes: ref.certificationSchemes.map((s) => ({
			scheme_code: s.code,
			title_en: s.title_en,
			title_id: s.title_id,
			kind: s.kind,
		})),
		dim_scheme_occupations: ref.schemeOccupations.map((so) => ({ scheme_code: so.scheme, occupation_isco4: so.isco4 })),
		dim_household_occupations: [...ref.householdOccupations].map((isco4) => ({ occupation_isco4: isco4 })),
		dim_certification_body_schemes: ref.certificationBodySchemes.map((bs) => ({ body_code: bs.body, scheme_code: bs.scheme })),
		dim_certification_bodies: ref.certificationBodies.map((b) => ({
			body_code: b.code,
			name: b.name,
			province_code: b.province,
			kind: b.kind,
			annual_capacity: b.annual_capacity,
		})),
		dim_agencies: ref.agencies.map((a) => ({
			agency_code: a.code,
			name: a.name,
			province_code: a.province,
			licensed_since: a.licensed_since,
		})),
		dim_schemes: ref.placementSchemes.map((s) => ({ scheme: s.code, name_en: s.name_en, name_id: s.name_id })),
		dim_currencies: ref.currencies.map((c) => ({
			currency: c.code,
			usd_per_unit: c.usd_per_unit,
			rate_source: 'fixed rate from common/reference/data/currencies.csv (rounded 2025 average; see SOURCES.md)',
		})),
		dim_targets: ref.targets.map((t) => ({
			year: t.year,
			scope: t.scope,
			scope_code: t.scope_code,
			metric: t.metric,
			value: t.value,
			source: t.source,
		})),
	};
}

export interface ReferenceReport {
	/** rows per dim_* table */
	tables: Record<string, number>;
}

export async function loadReferenceData(db: Warehouse): Promise<ReferenceReport> {
	const session = await Session.open(db);
	const tables: Record<string, number> = {};
	for (const [table, rows] of Object.entries(referenceRows())) {
		const side = `${ident(table)}__next`;
		await session.dropTable(side);
		await session.command(`CREATE TABLE ${side} AS ${table}`);
		await session.insertJson(side, rows);
		await session.command(`ALTER TABLE ${table} REPLACE PARTITION tuple() FROM ${side}`);
		await session.dropTable(side);
		tables[table] = rows.length;
	}
	return { tables };
}
