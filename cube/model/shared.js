// Dimensions that several cubes define the same way, defined once here; cubes import them:
//   import { shared } from './shared';   …   country: shared.country(),
// Each is a function returning a fresh definition (Cube annotates member definitions, so two cubes
// must not share one object). Cube 0.33 takes `export const` only (not `export function` nor
// `export { … }`). A member SQL is a function of CUBE, as Cube makes of `${CUBE}` in a cube file.
export const shared = {
	// applications, placements, supply
	age_band: () => ({
		sql: (CUBE) => `${CUBE}.age_band`,
		type: 'string',
		title: 'Age band',
		description: 'Age band at registration: 17-24, 25-29, 30-34, 35-39, 40-44, 45+',
		meta: { title_id: 'Kelompok umur', description_id: 'Kelompok umur saat pendaftaran: 17-24, 25-29, 30-34, 35-39, 40-44, 45+' },
		format: 'id',
	}),
	// applications, job_orders, placements
	agency: () => ({
		sql: (CUBE) => `${CUBE}.agency_code`,
		type: 'string',
		title: 'Placement agency (P3MI)',
		description: 'P3MI licence code; empty for G2G, UKPS and individual placements',
		meta: { title_id: 'P3MI', description_id: 'Kode izin P3MI; kosong untuk penempatan G2G, UKPS dan mandiri' },
		format: 'id',
	}),
	// applications, competency_gap, fill_time, job_orders, open_slots, placements
	country: () => ({
		sql: (CUBE) => `${CUBE}.country_iso2`,
		type: 'string',
		title: 'Destination country',
		description: 'ISO 3166-1 alpha-2 code of the destination country; names in the countries cube',
		meta: { title_id: 'Negara tujuan', description_id: 'Kode ISO 3166-1 alpha-2 negara tujuan; nama ada di kubus countries' },
		format: 'id',
	}),
	// applications, certifications, placements, supply, trainings
	education: () => ({
		sql: (CUBE) => `${CUBE}.education`,
		type: 'string',
		title: 'Education',
		description: 'Highest completed education (code; names in the education_levels cube)',
		meta: { title_id: 'Pendidikan', description_id: 'Pendidikan terakhir yang ditamatkan (kode; nama di kubus education_levels)' },
		format: 'id',
	}),
	// job_orders, placements
	formal: () => ({
		sql: (CUBE) => `${CUBE}.formal`,
		type: 'number',
		title: 'Formal sector',
		description: 'Formal-sector employment (1 = yes, 0 = no)',
		meta: { title_id: 'Sektor formal', description_id: 'Pekerjaan sektor formal (1 = ya, 0 = tidak)' },
		format: 'id',
	}),
	// applications, certifications, fill_time, placements, supply, trainings
	gender: () => ({
		sql: (CUBE) => `${CUBE}.gender`,
		type: 'string',
		title: 'Gender',
		description: 'F (female) or M (male)',
		meta: { title_id: 'Jenis kelamin', description_id: 'F (perempuan) atau M (laki-laki)' },
		format: 'id',
	}),
	// certification_capacity, province_rates, provinces
	island_group: () => ({
		sql: (CUBE) => `${CUBE}.island_group`,
		type: 'string',
		title: 'Island group',
		description: 'Island group of the province',
		meta: { title_id: 'Kelompok pulau', description_id: 'Kelompok pulau provinsi' },
	}),
	// applications, competency_gap, fill_time, job_orders, open_slots, placements
	occupation: () => ({
		sql: (CUBE) => `${CUBE}.occupation_isco4`,
		type: 'string',
		title: 'Occupation',
		description: 'KBJI 2014 / ISCO-08 unit group (4 digits); titles in the occupations cube',
		meta: { title_id: 'Jabatan', description_id: 'Kelompok unit KBJI 2014 / ISCO-08 (4 digit); nama jabatan ada di kubus occupations' },
		format: 'id',
	}),
	// applications, fill_time, placements, province_rates, supply
	province: () => ({
		sql: (CUBE) => `${CUBE}.province_code`,
		type: 'string',
		title: 'Province of origin',
		description: 'Kemendagri code (11-96) of the province the worker or candidate comes from',
		meta: { title_id: 'Provinsi asal', description_id: 'Kode Kemendagri (11-96) provinsi asal pekerja atau calon pekerja' },
		format: 'id',
	}),
	// certifications, trainings
	province_2: () => ({
		sql: (CUBE) => `${CUBE}.province_code`,
		type: 'string',
		title: 'Province of origin of the candidate',
		description: 'Kemendagri code (11-96) of the province the worker or candidate comes from',
		meta: { title_id: 'Provinsi asal peserta', description_id: 'Kode Kemendagri (11-96) provinsi asal pekerja atau calon pekerja' },
		format: 'id',
	}),
	// applications, certifications, placements, supply, trainings
	regency: () => ({
		sql: (CUBE) => `${CUBE}.regency_code`,
		type: 'string',
		title: 'Regency of origin',
		description: 'Kemendagri code (PP.RR) of the regency or city of origin',
		meta: { title_id: 'Kabupaten/kota asal', description_id: 'Kode Kemendagri (PP.RR) kabupaten atau kota asal' },
		format: 'id',
	}),
	// applications, competency_gap, fill_time, job_orders, open_slots, placements
	region: () => ({
		sql: (CUBE) => `${CUBE}.region_code`,
		type: 'string',
		title: 'Destination region',
		description: 'World region of the destination (SLMI grouping of UN M49 sub-regions)',
		meta: { title_id: 'Kawasan tujuan', description_id: 'Kawasan dunia negara tujuan (pengelompokan SLMI atas subkawasan UN M49)' },
		format: 'id',
	}),
	// job_orders, open_slots
	required_language: () => ({
		sql: (CUBE) => `${CUBE}.required_language`,
		type: 'string',
		title: 'Required language',
		description: 'ISO 639-1 code; empty = none',
		meta: { title_id: 'Bahasa yang disyaratkan', description_id: 'Kode ISO 639-1; kosong = tidak ada' },
		format: 'id',
	}),
	// applications, fill_time, job_orders, open_slots, placements
	scheme: () => ({
		sql: (CUBE) => `${CUBE}.scheme`,
		type: 'string',
		title: 'Placement scheme',
		description: 'P2P (through a P3MI agency), G2G, UKPS (company placing its own staff) or MANDIRI (individual)',
		meta: {
			title_id: 'Skema penempatan',
			description_id: 'P2P (melalui P3MI), G2G, UKPS (untuk kepentingan perusahaan sendiri) atau MANDIRI (perseorangan)',
		},
		format: 'id',
	}),
	// applications, competency_gap, fill_time, job_orders, open_slots, placements
	sector: () => ({
		sql: (CUBE) => `${CUBE}.sector`,
		type: 'string',
		title: 'Sector',
		description: 'SISKOP2MI sector code of the job',
		meta: { title_id: 'Sektor', description_id: 'Kode sektor SISKOP2MI pekerjaan' },
		format: 'id',
	}),
	// applications, competency_gap, fill_time, job_orders, open_slots, placements
	skill_level: () => ({
		sql: (CUBE) => `${CUBE}.skill_level`,
		type: 'number',
		title: 'Skill level',
		description: 'ISCO-08 skill level of the occupation, 1 (elementary) to 4 (professional)',
		meta: { title_id: 'Tingkat keterampilan', description_id: 'Tingkat keterampilan ISCO-08 jabatan, 1 (dasar) sampai 4 (profesional)' },
		format: 'id',
	}),
	// placements, supply
	smk: () => ({
		sql: (CUBE) => `${CUBE}.smk`,
		type: 'number',
		title: 'SMK graduate',
		description: 'Vocational-school (SMK) graduate (1 = yes, 0 = no)',
		meta: { title_id: 'Lulusan SMK', description_id: 'Lulusan sekolah menengah kejuruan (1 = ya, 0 = tidak)' },
		format: 'id',
	}),
	// every cube and view: its access rules (cube/src/access.ts, docs/access.md), in the meta of a
	// hidden member because Cube 0.33 has no cube-level meta
	access: (rule) => ({
		sql: () => '1',
		type: 'number',
		public: false,
		title: 'Access rules',
		description: 'Not data: carries the access rules of the cube in its meta',
		meta: { internal: true, access: rule },
	}),
};

// Joins that several cubes declare the same way (to the name cubes), defined once: `countries:
// sharedJoins.countries(),`. The SQL is a function of the cubes it names, as Cube makes of
// `${CUBE}` and `${countries}` in a cube file.
export const sharedJoins = {
	// job_orders, placements
	agencies: () => ({
		relationship: 'many_to_one',
		sql: (CUBE, agencies) => `${CUBE}.agency_code = ${agencies}.agency_code`,
	}),
	// certification_capacity, certifications
	certification_schemes: () => ({
		relationship: 'many_to_one',
		sql: (CUBE, certification_schemes) => `${CUBE}.scheme_code = ${certification_schemes}.scheme_code`,
	}),
	// job_orders, open_slots
	certification_schemes_by_required_certificate: () => ({
		relationship: 'many_to_one',
		sql: (CUBE, certification_schemes) => `${CUBE}.required_certificate = ${certification_schemes}.scheme_code`,
	}),
	// applications, competency_gap, fill_time, job_orders, open_slots, placements
	countries: () => ({
		relationship: 'many_to_one',
		sql: (CUBE, countries) => `${CUBE}.country_iso2 = ${countries}.country_iso2`,
	}),
	// placements, supply
	education_levels: () => ({
		relationship: 'many_to_one',
		sql: (CUBE, education_levels) => `${CUBE}.education = ${education_levels}.education_code`,
	}),
	// job_orders, open_slots
	languages: () => ({
		relationship: 'many_to_one',
		sql: (CUBE, languages) => `${CUBE}.required_language = ${languages}.language_code`,
	}),
	// applications, competency_gap, fill_time, job_orders, open_slots, placements, trainings
	occupations: () => ({
		relationship: 'many_to_one',
		sql: (CUBE, occupations) => `${CUBE}.occupation_isco4 = ${occupations}.occupation_isco4`,
	}),
	// job_orders, placements
	placement_schemes: () => ({
		relationship: 'many_to_one',
		sql: (CUBE, placement_schemes) => `${CUBE}.scheme = ${placement_schemes}.scheme`,
	}),
	// applications, certification_capacity, certifications, fill_time, placements, province_rates, supply, trainings
	provinces: () => ({
		relationship: 'many_to_one',
		sql: (CUBE, provinces) => `${CUBE}.province_code = ${provinces}.province_code`,
	}),
	// applications, certifications, placements, supply, trainings
	regencies: () => ({
		relationship: 'many_to_one',
		sql: (CUBE, regencies) => `${CUBE}.regency_code = ${regencies}.regency_code`,
	}),
	// applications, competency_gap, fill_time, job_orders, open_slots, placements
	regions: () => ({
		relationship: 'many_to_one',
		sql: (CUBE, regions) => `${CUBE}.region_code = ${regions}.region_code`,
	}),
	// applications, competency_gap, fill_time, job_orders, open_slots, placements
	sectors: () => ({
		relationship: 'many_to_one',
		sql: (CUBE, sectors) => `${CUBE}.sector = ${sectors}.sector_code`,
	}),
};

// The quarters a partition spans, as yyyyq numbers compared with `column` (toYear * 10 +
// toQuarter), from the start and end of its range (Cube parameters, 'YYYY-MM-DDTHH:mm:ss.SSS'): for
// FILTER_PARAMS.<cube>.<date>.filter(); one quarter for a quarter's partition, four for a year's;
// with no range, every quarter.
const quarterNumber = (at) => `(toUInt32(substring(${at}, 1, 4)) * 10 + intDiv(toUInt32(substring(${at}, 6, 2)) + 2, 3))`;
export const quartersIn = (column) => (from, to) => `${column} BETWEEN ${quarterNumber(from)} AND ${quarterNumber(to)}`;

// The pre-aggregations of a cube read straight off a fact table (applications, certifications,
// placements, trainings) are partitioned by the year of a date, so a batch rebuilds only the years
// whose facts it changed (warehouse/src/fact-quarters.ts; by year, not quarter: a whole build makes
// one table per partition, and Cube's bookkeeping per table — about 0.2 s here — made the test
// stack's whole build 118 s with quarters instead of about 25 s). A partition's refresh key is the
// fingerprints of its quarters as the after-load refresh recorded them before the build
// (ops_fact_quarters): a lookup, not a scan of the partition's rows (Cube renews every partition's
// key every 10 s while queries read it). The build range is whole years, so a row dated later in the
// last year never falls outside it. docs/ingestion.md §5a "Years of a fact".
export const factQuarterKey = (table, quarters) =>
	`SELECT concat(toString(count()), ':', toString(sum(cityHash64(quarter, fingerprint)))) FROM (
	SELECT quarter, argMax(fingerprint, recorded_ms) AS fingerprint FROM ops_fact_quarters
	WHERE fact_table = '${table}' AND ${quarters} GROUP BY quarter)`;
export const factRangeStart = (table, column) => `SELECT toDateTime(toStartOfYear(min(${column}))) FROM ${table}`;
export const factRangeEnd = (table, column) => `SELECT toDateTime(addYears(toStartOfYear(max(${column})), 1)) - 1 FROM ${table}`;
