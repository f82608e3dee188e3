/**
 * The plan: everything the generator decides before it writes a row, derived from targets.ts and
 * the reference data. It is small (proportional to destinations × occupations × months, never to
 * the number of rows) and fully deterministic.
 *
 * A *cell* is one (destination, scheme, occupation). For every cell the plan fixes
 * - placements per departure month (yearly totals × destination shares × scheme split ×
 *   occupation mix, fitted to the published occupation counts, spread over months by the monthly
 *   series);
 * - how those placements come from job-order lines issued 0–10 months earlier (lag distribution),
 *   hence the expected placements on lines issued in each month;
 * - the demand side: slots demanded per placement (fill fraction) and applications per slot,
 *   fitted so that the 1 Dec 2025 snapshot has ~351,743 active P-to-P slots, 19.46 % applied,
 *   split by destination and sector as the ministry published;
 * - who is placed: female share (fitted per year), province of origin given destination and
 *   gender (fitted to destination and province margins at once), education (fitted per year),
 *   the voluntary certification rate (fitted to the medium-high-skill share).
 */
import {
	agencies,
	certificationBodiesByScheme,
	certificationBodyByCode,
	certificationSchemesByOccupation,
	countryByIso2,
	EDUCATION_CODES,
	educationByCode,
	occupationByIsco4,
	provinces,
	type RegionCode,
	regenciesByProvince,
	type SectorCode,
} from '../../common/reference/index.ts';
import { dayOf, monthIndex, monthOfDay, yearOfMonth } from './dates.ts';
import { ipf } from './ipf.ts';
import {
	currencyOf,
	interpolateMix,
	JAVA_PROVINCES,
	occupationMix,
	provinceAffinity,
	type Requirement,
	requirementFor,
	type Scheme,
	schemesFor,
} from './markets.ts';
import { Discrete, hashInts, type Rng } from './rng.ts';
import {
	COUNTRY_PLACEMENTS,
	DEMAND_SKILL_TREND,
	EDUCATION_SHARES,
	FEMALE_SHARE,
	G2G_PLACEMENTS,
	IDLE_REGISTRATIONS,
	MANDIRI_COUNTRY_WEIGHTS,
	MANDIRI_SHARE,
	MEDIUM_HIGH_SHARE,
	MONTHLY_PLACEMENTS,
	OCCUPATION_TARGETS,
	PROVINCE_SHARES,
	PROVINCE_TAIL_2014,
	REGENCY_POCKETS,
	REMAINING_BY_COUNTRY,
	REMAINING_BY_SECTOR,
	SMK_SHARE_OF_SENIOR_SECONDARY,
	SNAPSHOT,
	TAIL_COUNTRIES,
	UKPS_COUNTRY_WEIGHTS,
	UKPS_SHARE,
	YEARLY_PLACEMENTS,
} from './targets.ts';

export type Scale = 'tiny' | 'national' | 'large';

/** Rows relative to the national volumes. */
export const SCALE_FACTOR: Readonly<Record<Scale, number>> = { tiny: 1 / 400, national: 1, large: 10 };

/** Years with their own parameters: 2019 … 2027 (index 0 … 8). Earlier dates use 2019's, later 2027's. */
export const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027] as const;
export function yearIndex(year: number): number {
	return Math.min(YEARS.length - 1, Math.max(0, year - 2019));
}

/** First month job-order lines are issued: four months before the first departures. */
export const FIRST_ISSUE_MONTH = monthIndex(2018, 9);
/** First departure month. */
export const FIRST_DEPARTURE_MONTH = monthIndex(2019, 1);
/** Departure months are generated this far past `until`, so recent lines carry their future placements. */
const FUTURE_MONTHS = 12;
/** The monthly plan always runs to the end of 2027, whatever `until` is, so the demand fit does not depend on it. */
const LAST_PLAN_MONTH = monthIndex(2027, 12);

/**
 * Design constants of the demand model, matched by the line life cycle in story.ts:
 * - ACTIVE_YEARS: mean time a P-to-P line accepts applications (issue → close/expiry), in years;
 * - APPLIED_BY_SNAPSHOT: share of an active line's lifetime applications already made at a
 *   snapshot date (applications come early in a line's life).
 */
export const ACTIVE_YEARS = 0.205;
export const APPLIED_BY_SNAPSHOT = 0.95;

/** Lag from issue month to departure month, by scheme: [months, weight]. P-to-P: 2–10 months (§ brief: typically 2–8). */
const LAGS: Readonly<Record<Scheme, readonly (readonly [number, number])[]>> = {
	P2P: [
		[2, 14],
		[3, 22],
		[4, 20],
		[5, 15],
		[6, 11],
		[7, 8],
		[8, 5],
		[9, 3],
		[10, 2],
	],
	G2G: [
		[2, 10],
		[3, 25],
		[4, 25],
		[5, 20],
		[6, 12],
		[7, 8],
	],
	MANDIRI: [
		[0, 20],
		[1, 50],
		[2, 25],
		[3, 5],
	],
	UKPS: [
		[1, 30],
		[2, 40],
		[3, 20],
		[4, 10],
	],
};

/** Fill fraction (placements per slot) and applications per placement for the non-P2P schemes [assumption]. */
const OTHER_SCHEME_FILL: Readonly<Record<Exclude<Scheme, 'P2P'>, number>> = { G2G: 0.85, MANDIRI: 0.95, UKPS: 0.8 };
const OTHER_SCHEME_APPS_PER_PLACEMENT = 1.15;

export interface Cell {
	readonly index: number;
	readonly iso2: string;
	readonly region: RegionCode;
	readonly currency: string;
	readonly scheme: Scheme;
	readonly isco4: string;
	readonly skill: number;
	readonly sector: SectorCode;
	readonly req: Requirement;
	/** certification schemes for the occupation (empty: none exists) */
	readonly schemes: readonly string[];
	/** placements per year (national scale), YEARS order */
	readonly yearly: Float64Array;
	/** share of women among placements, per year */
	readonly female: Float64Array;
	/** probability a line requires F / M */
	readonly requireF: number;
	readonly requireM: number;
	/** probability a placed candidate is a woman when the line accepts any gender, per year */
	readonly femaleIfAny: Float64Array;
	/** placements per slot demanded, per year */
	readonly fill: Float64Array;
	/** applications that do not end in a placement, per slot, per year */
	readonly otherApplicationsPerSlot: Float64Array;
	readonly lags: readonly (readonly [number, number])[];
	/** placements by departure month (national scale), indexed from FIRST_DEPARTURE_MONTH */
	readonly monthly: Float64Array;
	/** expected placements (national scale) on lines issued in each month, from FIRST_ISSUE_MONTH */
	readonly byIssueMonth: Float64Array;
}

export interface PlanInput {
	readonly scale: Scale;
	readonly until: string;
}

export class Plan {
	readonly scale: Scale;
	readonly factor: number;
	readonly untilDay: number;
	readonly untilMonth: number;
	readonly lastDepartureMonth: number;
	readonly cells: Cell[] = [];
	/** placements per month (national), from FIRST_DEPARTURE_MONTH */
	readonly monthlyTotals: Float64Array;
	/** applications per placement on P-to-P lines */
	readonly p2pApplicationsPerPlacement: number;
	/** voluntary certification probability for level-2 placements whose line does not require one, per year */
	readonly voluntaryCertification: Float64Array;
	/** [year][cell][gender 0=M,1=F] → province index */
	private readonly provinceSamplers: Discrete[][][];
	/** [year][cell] → education index (EDUCATION_CODES) */
	private readonly educationSamplers: Discrete[][];
	readonly provinceCodes: readonly string[];
	private readonly regencySamplers = new Map<string, { codes: string[]; sampler: Discrete }>();
	private readonly bodySamplers = new Map<string, Map<string, { codes: string[]; sampler: Discrete }>>();
	private readonly agencyPickers = new Map<string, AgencyPicker>();
	/** idle (never-applying) registrations per month (national), from FIRST_DEPARTURE_MONTH */
	readonly idleMonthly: Float64Array;
	/** demand-calibration figures, for the docs and tests */
	readonly demandCheck: { p2pSlots2025: number; remainingTarget: number; applicationsPerPlacement: number };

	constructor(input: PlanInput) {
		this.scale = input.scale;
		this.factor = SCALE_FACTOR[input.scale];
		this.untilDay = dayOf(input.until);
		this.untilMonth = monthOfDay(this.untilDay);
		if (this.untilMonth < FIRST_DEPARTURE_MONTH) throw new Error(`until ${input.until} is before the first departures (2019-01)`);
		if (yearOfMonth(this.untilMonth) > 2026) throw new Error(`until ${input.until}: targets exist to the end of 2026`);
		this.lastDepartureMonth = this.untilMonth + FUTURE_MONTHS;
		this.provinceCodes = provinces.map((p) => p.code);

		const countryYear = buildCountryTotals();
		const schemeYear = splitSchemes(countryYear);
		buildCells(this.cells, schemeYear);
		fitOccupations(this.cells);
		this.monthlyTotals = new Float64Array(LAST_PLAN_MONTH - FIRST_DEPARTURE_MONTH + 1);
		spreadOverMonths(this.cells, this.monthlyTotals, LAST_PLAN_MONTH);
		fitGender(this.cells);
		this.voluntaryCertification = fitMediumHigh(this.cells);
		const demand = fitDemand(this.cells);
		this.p2pApplicationsPerPlacement = demand.applicationsPerPlacement;
		this.demandCheck = demand;
		planIssueMonths(this.cells, this.untilMonth);
		this.provinceSamplers = fitProvinces(this.cells, this.provinceCodes);
		this.educationSamplers = fitEducation(this.cells);
		this.idleMonthly = new Float64Array(this.untilMonth - FIRST_DEPARTURE_MONTH + 1);
		for (let m = FIRST_DEPARTURE_MONTH; m <= this.untilMonth; m++) {
			const y = yearOfMonth(m);
			this.idleMonthly[m - FIRST_DEPARTURE_MONTH] = (IDLE_REGISTRATIONS[y] ?? 0) / 12;
		}
	}

	/** Samples a province code for a placed candidate of a cell, by departure year and gender. */
	province(rng: Rng, year: number, cell: Cell, female: boolean): string {
		const sampler = this.provinceSamplers[yearIndex(year)]?.[cell.index]?.[female ? 1 : 0];
		if (!sampler) throw new Error('province sampler missing');
		return this.provinceCodes[sampler.sample(rng)] as string;
	}

	education(rng: Rng, year: number, cell: Cell): string {
		const sampler = this.educationSamplers[yearIndex(year)]?.[cell.index];
		if (!sampler) throw new Error('education sampler missing');
		return EDUCATION_CODES[sampler.sample(rng)] as string;
	}

	/** Regency of origin within a province: named pockets first (§3.2, §11.3), then a Zipf tail. */
	regency(rng: Rng, province: string): string {
		let entry = this.regencySamplers.get(province);
		if (!entry) {
			entry = buildRegencySampler(province);
			this.regencySamplers.set(province, entry);
		}
		return entry.codes[entry.sampler.sample(rng)] as string;
	}

	/**
	 * A certification body for a scheme, for a candidate from a province. Capacity sits mostly on
	 * Java, so candidates from elsewhere mostly travel (SPEC §1; facts §12, BP3MI Kalbar): a body
	 * in the candidate's own province gets a bonus, but a small local LSP cannot absorb its whole
	 * province. Driving licences are taken at the home province's office.
	 */
	body(rng: Rng, scheme: string, province: string): string {
		let byProvince = this.bodySamplers.get(scheme);
		if (!byProvince) {
			byProvince = new Map();
			this.bodySamplers.set(scheme, byProvince);
		}
		let entry = byProvince.get(province);
		if (!entry) {
			entry = buildBodySampler(scheme, province);
			byProvince.set(province, entry);
		}
		return entry.codes[entry.sampler.sample(rng)] as string;
	}

	/** A P3MI licensed on or before the issue day, favouring agencies that specialise in the destination. */
	agency(rng: Rng, iso2: string, issueDay: number): string {
		let picker = this.agencyPickers.get(iso2);
		if (!picker) {
			picker = new AgencyPicker(iso2);
			this.agencyPickers.set(iso2, picker);
		}
		return picker.pick(rng, issueDay);
	}
}

// ---------------------------------------------------------------------------------------------
// Destinations and schemes

function yearValue(row: readonly number[] | undefined, yi: number, total2026: number): number {
	if (!row) return 0;
	if (yi < row.length) return row[yi] as number;
	// 2027: the 2026 value grown like the national total.
	return (row[row.length - 1] as number) * ((YEARLY_PLACEMENTS[2027] as number) / total2026);
}

/** Country → placements per year (national), named countries plus the Zipf tail. */
function buildCountryTotals(): Map<string, Float64Array> {
	const out = new Map<string, Float64Array>();
	const total2026 = YEARLY_PLACEMENTS[2026] as number;
	for (const iso2 of [...Object.keys(COUNTRY_PLACEMENTS), ...TAIL_COUNTRIES]) {
		if (!countryByIso2.has(iso2)) throw new Error(`targets: unknown country ${iso2}`);
		if (out.has(iso2)) throw new Error(`targets: ${iso2} listed twice`);
		out.set(iso2, new Float64Array(YEARS.length));
	}
	const zipf = TAIL_COUNTRIES.map((_, r) => 1 / (r + 1));
	const zipfSum = zipf.reduce((a, b) => a + b, 0);
	YEARS.forEach((year, yi) => {
		const total = YEARLY_PLACEMENTS[year] as number;
		let named = 0;
		for (const [iso2, row] of Object.entries(COUNTRY_PLACEMENTS)) {
			const v = yearValue(row, yi, total2026);
			(out.get(iso2) as Float64Array)[yi] = v;
			named += v;
		}
		const tail = total - named;
		if (tail < 0.001 * total) throw new Error(`targets: named destinations exceed the ${year} total`);
		TAIL_COUNTRIES.forEach((iso2, r) => {
			(out.get(iso2) as Float64Array)[yi] = (tail * (zipf[r] as number)) / zipfSum;
		});
	});
	return out;
}

type SchemeYear = Map<string, Map<Scheme, Float64Array>>;

function allocateShare(
	countryYear: Map<string, Float64Array>,
	weights: Readonly<Record<string, number>>,
	totalOf: (yi: number) => number,
	cap: number,
): Map<string, Float64Array> {
	const out = new Map<string, Float64Array>();
	for (const iso2 of Object.keys(weights)) out.set(iso2, new Float64Array(YEARS.length));
	YEARS.forEach((_, yi) => {
		let remaining = totalOf(yi);
		let open = new Set(Object.keys(weights));
		// Water-filling: a destination cannot take more than `cap` of its own placements.
		for (let pass = 0; pass < 5 && remaining > 1e-9 && open.size > 0; pass++) {
			const wsum = [...open].reduce((s, k) => s + (weights[k] as number), 0);
			const next = new Set<string>();
			let given = 0;
			for (const iso2 of open) {
				const row = out.get(iso2) as Float64Array;
				const limit = cap * ((countryYear.get(iso2) as Float64Array)[yi] as number);
				const want = (remaining * (weights[iso2] as number)) / wsum;
				const room = limit - (row[yi] as number);
				const give = Math.min(want, room);
				row[yi] = (row[yi] as number) + give;
				given += give;
				if (want < room) next.add(iso2);
			}
			remaining -= given;
			open = next;
		}
	});
	return out;
}

function splitSchemes(countryYear: Map<string, Float64Array>): SchemeYear {
	const total2026 = YEARLY_PLACEMENTS[2026] as number;
	const mandiri = allocateShare(
		countryYear,
		MANDIRI_COUNTRY_WEIGHTS,
		(yi) => (MANDIRI_SHARE[Math.min(yi, MANDIRI_SHARE.length - 1)] as number) * (YEARLY_PLACEMENTS[YEARS[yi] as number] as number),
		0.5,
	);
	const ukps = allocateShare(
		countryYear,
		UKPS_COUNTRY_WEIGHTS,
		(yi) => UKPS_SHARE * (YEARLY_PLACEMENTS[YEARS[yi] as number] as number),
		0.3,
	);
	const out: SchemeYear = new Map();
	for (const [iso2, totals] of countryYear) {
		const schemes = new Map<Scheme, Float64Array>();
		const g2g = new Float64Array(YEARS.length);
		const g2gRow = G2G_PLACEMENTS[iso2];
		const p2p = new Float64Array(YEARS.length);
		YEARS.forEach((year, yi) => {
			g2g[yi] = yearValue(g2gRow, yi, total2026);
			const rest = (totals[yi] as number) - (g2g[yi] as number) - (mandiri.get(iso2)?.[yi] ?? 0) - (ukps.get(iso2)?.[yi] ?? 0);
			if (rest < -1e-6) throw new Error(`targets: ${iso2} ${year} has more G2G/MANDIRI/UKPS than placements`);
			p2p[yi] = Math.max(0, rest);
		});
		schemes.set('P2P', p2p);
		if (g2gRow) schemes.set('G2G', g2g);
		const m = mandiri.get(iso2);
		if (m) schemes.set('MANDIRI', m);
		const u = ukps.get(iso2);
		if (u) schemes.set('UKPS', u);
		out.set(iso2, schemes);
	}
	return out;
}

function buildCells(cells: Cell[], schemeYear: SchemeYear): void {
	for (const [iso2, schemes] of schemeYear) {
		const country = countryByIso2.get(iso2);
		if (!country) throw new Error(`unknown country ${iso2}`);
		for (const scheme of ['P2P', 'G2G', 'UKPS', 'MANDIRI'] as const) {
			const totals = schemes.get(scheme);
			if (!totals) continue;
			const mix = occupationMix(iso2, scheme);
			const perOccupation = new Map<string, Float64Array>();
			YEARS.forEach((year, yi) => {
				const weights = interpolateMix(mix, year);
				let sum = 0;
				for (const w of weights.values()) sum += w;
				for (const [isco, w] of weights) {
					let row = perOccupation.get(isco);
					if (!row) {
						row = new Float64Array(YEARS.length);
						perOccupation.set(isco, row);
					}
					row[yi] = sum > 0 ? ((totals[yi] as number) * w) / sum : 0;
				}
			});
			for (const [isco, yearly] of perOccupation) {
				const occupation = occupationByIsco4.get(isco);
				if (!occupation) throw new Error(`markets: unknown occupation ${isco}`);
				const req = requirementFor(iso2, isco, scheme, certificationSchemesByOccupation);
				const schemesForOccupation = schemesFor(isco, certificationSchemesByOccupation);
				const rF = req.female >= 0.9 ? 0.85 : req.female <= 0.1 ? 0 : 0.05;
				const rM = req.female <= 0.1 ? 0.8 : req.female >= 0.9 ? 0 : 0.05;
				cells.push({
					index: cells.length,
					iso2,
					region: country.region,
					currency: currencyOf(iso2),
					scheme,
					isco4: isco,
					skill: occupation.skill_level,
					sector: occupation.sector,
					req,
					schemes: schemesForOccupation,
					yearly,
					female: new Float64Array(YEARS.length).fill(req.female),
					requireF: rF,
					requireM: rM,
					femaleIfAny: new Float64Array(YEARS.length),
					fill: new Float64Array(YEARS.length),
					otherApplicationsPerSlot: new Float64Array(YEARS.length),
					lags: LAGS[scheme],
					monthly: new Float64Array(0),
					byIssueMonth: new Float64Array(0),
				});
			}
		}
	}
}

const OCCUPATION_GROUPS = ['9111', 'care', '9211', '9329', '9313', 'rest'] as const;
function occupationGroup(isco: string): number {
	if (isco === '5321' || isco === '5322') return 1;
	const i = OCCUPATION_GROUPS.indexOf(isco as (typeof OCCUPATION_GROUPS)[number]);
	return i >= 0 ? i : 5;
}

/** Fits each (destination, scheme)'s occupation mix to the published occupation counts (§4.3), 2023–2025. */
function fitOccupations(cells: Cell[]): void {
	const rowKey = (c: Cell) => `${c.iso2}|${c.scheme}`;
	const rows = [...new Set(cells.map(rowKey))];
	const rowIndex = new Map(rows.map((k, i) => [k, i]));
	const G = OCCUPATION_GROUPS.length;
	for (const [yearText, targets] of Object.entries(OCCUPATION_TARGETS)) {
		const yi = yearIndex(Number(yearText));
		const seed = new Float64Array(rows.length * G);
		for (const c of cells) {
			const r = rowIndex.get(rowKey(c)) as number;
			seed[r * G + occupationGroup(c.isco4)] = (seed[r * G + occupationGroup(c.isco4)] as number) + (c.yearly[yi] as number);
		}
		const rowTotals = new Float64Array(rows.length);
		for (let r = 0; r < rows.length; r++) for (let g = 0; g < G; g++) rowTotals[r] = (rowTotals[r] as number) + (seed[r * G + g] as number);
		const total = rowTotals.reduce((a, b) => a + b, 0);
		const colTargets = OCCUPATION_GROUPS.map((g) => (g === 'rest' ? 0 : (targets[g] ?? 0)));
		colTargets[G - 1] = total - colTargets.reduce((a, b) => a + b, 0);
		const fit = ipf(seed, rows.length, G, rowTotals, colTargets, { maxIterations: 500 });
		for (const c of cells) {
			const r = rowIndex.get(rowKey(c)) as number;
			const g = occupationGroup(c.isco4);
			const s = seed[r * G + g] as number;
			if (s > 0) c.yearly[yi] = ((c.yearly[yi] as number) * (fit.table[r * G + g] as number)) / s;
		}
	}
}

/** Spreads each cell's yearly placements over the months of the year (§1.2). */
function spreadOverMonths(cells: Cell[], monthlyTotals: Float64Array, lastMonth: number): void {
	const months = lastMonth - FIRST_DEPARTURE_MONTH + 1;
	for (const c of cells) (c as { monthly: Float64Array }).monthly = new Float64Array(months);
	for (let year = yearOfMonth(FIRST_DEPARTURE_MONTH); year <= yearOfMonth(lastMonth); year++) {
		const yi = yearIndex(year);
		const byMonth = MONTHLY_PLACEMENTS[year];
		if (!byMonth) throw new Error(`targets: no monthly series for ${year}`);
		const yearTotal = byMonth.reduce((a, b) => a + b, 0);
		const seed = new Float64Array(12 * cells.length);
		const colTargets = new Float64Array(cells.length);
		const cellTotal = cells.reduce((s, c) => s + (c.yearly[yi] as number), 0);
		for (const c of cells) colTargets[c.index] = ((c.yearly[yi] as number) * yearTotal) / cellTotal;
		for (let mo = 0; mo < 12; mo++) {
			for (const c of cells) {
				let s = 1;
				// 2020: Jan–Mar look like 2019, the rest like 2021 (the COVID collapse).
				if (year === 2020) {
					const ref = mo < 3 ? 0 : 2;
					s = ((c.yearly[ref] as number) + 1e-3) / ((c.yearly[1] as number) + 1e-3);
				}
				// Mar–May 2024: Malaysia closed recruitment in manufacturing, construction and agriculture (§1.2).
				if (year === 2024 && c.iso2 === 'MY' && mo >= 2 && mo <= 4 && c.sector !== 'domestic') s = 0.45;
				seed[mo * cells.length + c.index] = s;
			}
		}
		const fit = ipf(seed, 12, cells.length, byMonth, colTargets, { maxIterations: 300, tolerance: 1e-8 });
		for (let mo = 0; mo < 12; mo++) {
			const m = monthIndex(year, mo + 1);
			if (m > lastMonth) break;
			monthlyTotals[m - FIRST_DEPARTURE_MONTH] = byMonth[mo] as number;
			for (const c of cells) c.monthly[m - FIRST_DEPARTURE_MONTH] = fit.table[mo * cells.length + c.index] as number;
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Who is placed

function logit(p: number): number {
	const q = Math.min(0.999, Math.max(0.001, p));
	return Math.log(q / (1 - q));
}
function sigmoid(x: number): number {
	return 1 / (1 + Math.exp(-x));
}

/** Moves the female share of the flexible cells (factories, hospitality, farms) so each year matches §4.1. */
function fitGender(cells: Cell[]): void {
	YEARS.forEach((_, yi) => {
		const target = FEMALE_SHARE[Math.min(yi, FEMALE_SHARE.length - 1)] as number;
		const share = (shift: number) => {
			let f = 0;
			let t = 0;
			for (const c of cells) {
				const p = c.req.flexibleGender ? sigmoid(logit(c.req.female) + shift) : c.req.female;
				f += (c.yearly[yi] as number) * p;
				t += c.yearly[yi] as number;
			}
			return f / t;
		};
		let lo = -8;
		let hi = 8;
		for (let i = 0; i < 60; i++) {
			const mid = (lo + hi) / 2;
			if (share(mid) < target) lo = mid;
			else hi = mid;
		}
		const shift = (lo + hi) / 2;
		for (const c of cells) {
			const p = c.req.flexibleGender ? sigmoid(logit(c.req.female) + shift) : c.req.female;
			c.female[yi] = p;
			const any = 1 - c.requireF - c.requireM;
			c.femaleIfAny[yi] = any > 0 ? Math.min(1, Math.max(0, (p - c.requireF) / any)) : 0;
		}
	});
}

/**
 * The voluntary certification rate (level-2 placements whose line does not require a certificate
 * but who certify anyway) that makes each year's medium-high share match MEDIUM_HIGH_SHARE.
 */
function fitMediumHigh(cells: Cell[]): Float64Array {
	const out = new Float64Array(YEARS.length);
	YEARS.forEach((_, yi) => {
		const target = MEDIUM_HIGH_SHARE[Math.min(yi, MEDIUM_HIGH_SHARE.length - 1)] as number;
		let fixed = 0;
		let optional = 0;
		let total = 0;
		for (const c of cells) {
			const p = c.yearly[yi] as number;
			total += p;
			if (c.skill >= 3) fixed += p;
			else if (c.skill === 2) {
				fixed += p * c.req.certificateProbability;
				if (c.schemes.length > 0) optional += p * (1 - c.req.certificateProbability);
			}
		}
		out[yi] = optional > 0 ? Math.min(0.95, Math.max(0, (target * total - fixed) / optional)) : 0;
	});
	return out;
}

function sectorGroup(sector: SectorCode): string {
	return sector in REMAINING_BY_SECTOR ? sector : 'other';
}

/** Demand tilt by sector: skilled and care demand goes unfilled more than domestic work [assumption]. */
const SECTOR_TILT: Readonly<Record<string, number>> = {
	health_care: 2,
	manufacturing: 2,
	domestic: 0.7,
	agriculture: 1,
	hospitality: 1.5,
	other_services: 1,
	construction: 0.6,
	ship_crew: 1,
	engineering: 1,
	other: 1,
};

/**
 * The demand side, fitted to the ministry's 1 Dec 2025 snapshot (§6.1): remaining (unapplied)
 * P-to-P slots are split by destination and sector as on 8 Dec 2025, then each cell's slots
 * follow from a stock–flow identity around the snapshot: stock ≈ yearly slots × ACTIVE_YEARS, and
 * the applied part of the stock ≈ yearly applications × ACTIVE_YEARS × APPLIED_BY_SNAPSHOT. The
 * flow is that of the lines issued in Sep–Nov 2025 (placements on them, annualised), since those
 * are the lines active on 1 Dec.
 */
function fitDemand(cells: Cell[]): { p2pSlots2025: number; remainingTarget: number; applicationsPerPlacement: number } {
	const yi2025 = yearIndex(2025);
	const p2p = cells.filter((c) => c.scheme === 'P2P');
	const flow = new Map<Cell, number>();
	for (const c of p2p) {
		let f = 0;
		for (let m = monthIndex(2025, 9); m <= monthIndex(2025, 11); m++) f += issueFlow(c, m);
		flow.set(c, f * 4);
	}
	const flowOf = (c: Cell) => flow.get(c) as number;
	const remainingTarget = SNAPSHOT.activeSlots * (1 - SNAPSHOT.appliedShare);
	const namedCountries = Object.keys(REMAINING_BY_COUNTRY).filter((k) => k !== 'other');
	const countryKeys = [...new Set(p2p.map((c) => c.iso2))];
	const groups = Object.keys(REMAINING_BY_SECTOR);
	const countryTotalRemaining = Object.values(REMAINING_BY_COUNTRY).reduce((a, b) => a + b, 0);
	const otherPlacements = p2p.filter((c) => !namedCountries.includes(c.iso2)).reduce((s, c) => s + flowOf(c), 0);
	const rowTargets = countryKeys.map((iso2) => {
		const named = REMAINING_BY_COUNTRY[iso2];
		if (named !== undefined) return (named / countryTotalRemaining) * remainingTarget;
		const placements = p2p.filter((c) => c.iso2 === iso2).reduce((s, c) => s + flowOf(c), 0);
		return (((REMAINING_BY_COUNTRY.other as number) / countryTotalRemaining) * remainingTarget * placements) / otherPlacements;
	});
	const sectorTotal = Object.values(REMAINING_BY_SECTOR).reduce((a, b) => a + b, 0);
	const colTargets = groups.map((g) => ((REMAINING_BY_SECTOR[g] as number) / sectorTotal) * remainingTarget);
	const seed = new Float64Array(countryKeys.length * groups.length);
	const ci = new Map(countryKeys.map((k, i) => [k, i]));
	const gi = new Map(groups.map((k, i) => [k, i]));
	const block = (c: Cell) => (ci.get(c.iso2) as number) * groups.length + (gi.get(sectorGroup(c.sector)) as number);
	for (const c of p2p) {
		const k = block(c);
		seed[k] = (seed[k] as number) + flowOf(c) * (SECTOR_TILT[sectorGroup(c.sector)] ?? 1);
	}
	const fit = ipf(seed, countryKeys.length, groups.length, rowTargets, colTargets, { maxIterations: 1000 });
	// Within a destination × sector, remaining slots follow placements, tilted to skilled work.
	const weightOf = (c: Cell) => flowOf(c) * (c.skill >= 2 ? 1.5 : 1);
	const blockWeight = new Float64Array(seed.length);
	for (const c of p2p) blockWeight[block(c)] = (blockWeight[block(c)] as number) + weightOf(c);
	// Applications per placement, so that the snapshot's applied share is 19.46 %: with slots F a
	// year and applications A a year, the stock is F·ACTIVE_YEARS, of which A·ACTIVE_YEARS·
	// APPLIED_BY_SNAPSHOT applied; the remaining part is the target, so F = R / (ACTIVE_YEARS·(1 − s))
	// and A = F·s / APPLIED_BY_SNAPSHOT.
	const share = SNAPSHOT.appliedShare;
	const placementFlow = p2p.reduce((s, c) => s + flowOf(c), 0);
	const slotFlow = remainingTarget / (ACTIVE_YEARS * (1 - share));
	const apf = (slotFlow * share) / APPLIED_BY_SNAPSHOT / placementFlow;
	const fills: number[] = [];
	for (const c of p2p) {
		const k = block(c);
		const bw = blockWeight[k] as number;
		const remaining = bw > 0 ? ((fit.table[k] as number) * weightOf(c)) / bw : 0;
		const p = flowOf(c);
		const slots = remaining / ACTIVE_YEARS + APPLIED_BY_SNAPSHOT * apf * p;
		const f = slots > 0 && p > 0 ? Math.min(0.95, p / slots) : 0;
		if (f > 0) fills.push(f);
		c.fill[yi2025] = f;
	}
	fills.sort((a, b) => a - b);
	const medianFill = fills[Math.floor(fills.length / 2)] ?? 0.3;
	for (const c of cells) {
		if (c.scheme !== 'P2P') {
			const f = OTHER_SCHEME_FILL[c.scheme];
			c.fill.fill(f);
			c.otherApplicationsPerSlot.fill((OTHER_SCHEME_APPS_PER_PLACEMENT - 1) * f);
			continue;
		}
		const base = (c.fill[yi2025] as number) > 0 ? (c.fill[yi2025] as number) : medianFill;
		const trend = c.skill >= 2 ? DEMAND_SKILL_TREND.skilled : DEMAND_SKILL_TREND.elementary;
		YEARS.forEach((year, yi) => {
			// Slots per placement grow with the trend: demand(year) = placements × (1 + trend × (year − 2025)) / fill(2025).
			const demandFactor = Math.max(0.3, 1 + trend * (year - 2025));
			const f = Math.min(0.95, Math.max(0.01, base / demandFactor));
			c.fill[yi] = f;
			c.otherApplicationsPerSlot[yi] = Math.max(0, (apf - 1) * f);
		});
	}
	let p2pSlots2025 = 0;
	for (const c of p2p)
		for (let m = monthIndex(2025, 1); m <= monthIndex(2025, 12); m++) p2pSlots2025 += issueFlow(c, m) / (c.fill[yi2025] as number);
	return { p2pSlots2025, remainingTarget, applicationsPerPlacement: apf };
}

/** Expected placements (national) on the cell's lines issued in month `issueMonth`, whatever `until` is. */
function issueFlow(c: Cell, issueMonth: number): number {
	let sum = 0;
	for (const [lag, w] of c.lags) {
		const m = issueMonth + lag;
		const idx = m - FIRST_DEPARTURE_MONTH;
		if (idx < 0 || idx >= c.monthly.length) continue;
		sum += ((c.monthly[idx] as number) * w) / lagNorm(c, m);
	}
	return sum;
}

/**
 * Expected placements on lines issued in each month: a departure in month m comes from a line
 * issued m − lag months earlier, lag drawn from the scheme's LAGS. Lines start in
 * FIRST_ISSUE_MONTH, so early-2019 departures are renormalised onto the months that exist.
 */
function planIssueMonths(cells: Cell[], untilMonth: number): void {
	for (const c of cells) {
		const byIssue = new Float64Array(untilMonth - FIRST_ISSUE_MONTH + 1);
		for (let i = FIRST_ISSUE_MONTH; i <= untilMonth; i++) byIssue[i - FIRST_ISSUE_MONTH] = issueFlow(c, i);
		(c as { byIssueMonth: Float64Array }).byIssueMonth = byIssue;
	}
}

/** Sum of the lag weights of the issue months that exist for departure month m. */
function lagNorm(cell: Cell, m: number): number {
	let norm = 0;
	for (const [lag, w] of cell.lags) if (m - lag >= FIRST_ISSUE_MONTH) norm += w;
	return norm;
}

/** Departure-month distribution of the placements on a line issued in month `issueMonth` (offsets = lags). */
export function departureLags(cell: Cell, issueMonth: number): { lags: number[]; sampler: Discrete } | undefined {
	const lags: number[] = [];
	const weights: number[] = [];
	for (const [lag, w] of cell.lags) {
		const m = issueMonth + lag;
		const idx = m - FIRST_DEPARTURE_MONTH;
		if (idx < 0 || idx >= cell.monthly.length) continue;
		const v = ((cell.monthly[idx] as number) * w) / lagNorm(cell, m);
		if (v > 0) {
			lags.push(lag);
			weights.push(v);
		}
	}
	if (lags.length === 0) return undefined;
	return { lags, sampler: new Discrete(weights) };
}

/**
 * Province of origin given destination cell and gender, per year: a three-way fit of
 * (cell × gender) × province to the destination totals, the gender split and the province
 * shares (§3.1), seeded with provinceAffinity.
 */
function fitProvinces(cells: Cell[], codes: readonly string[]): Discrete[][][] {
	const P = codes.length;
	const out: Discrete[][][] = [];
	YEARS.forEach((year, yi) => {
		const shares = PROVINCE_SHARES[Math.min(year, 2026)] as Readonly<Record<string, number>>;
		const named = Object.values(shares).reduce((a, b) => a + b, 0);
		const tailWeight = codes.filter((p) => !(p in shares)).reduce((s, p) => s + (PROVINCE_TAIL_2014[p] ?? 0), 0);
		const colShare = codes.map((p) => shares[p] ?? ((1 - named) * (PROVINCE_TAIL_2014[p] ?? 0)) / tailWeight);
		const rows = cells.length * 2;
		const rowTargets = new Float64Array(rows);
		const seed = new Float64Array(rows * P);
		let total = 0;
		for (const c of cells) {
			const p = c.yearly[yi] as number;
			total += p;
			for (let g = 0; g < 2; g++) {
				const r = c.index * 2 + g;
				const f = c.female[yi] as number;
				rowTargets[r] = p * (g === 1 ? f : 1 - f);
				for (let k = 0; k < P; k++) {
					seed[r * P + k] = (colShare[k] as number) * provinceAffinity(codes[k] as string, c.iso2, c.isco4, g === 1);
				}
			}
		}
		const colTargets = colShare.map((s) => s * total);
		const fit = ipf(seed, rows, P, rowTargets, colTargets, { maxIterations: 300, tolerance: 1e-7 });
		out.push(
			cells.map((c) =>
				[0, 1].map((g) => {
					const r = c.index * 2 + g;
					const row = fit.table.subarray(r * P, r * P + P);
					const sum = row.reduce((a, b) => a + b, 0);
					return new Discrete(sum > 0 ? row : colShare);
				}),
			),
		);
	});
	return out;
}

/** Education seeds by the line's minimum (rows: none, sd, smp, sma, smk, diploma, s1, s2, s3). */
const EDUCATION_SEED: Readonly<Record<string, readonly number[]>> = {
	sd: [0, 0.35, 0.38, 0.15, 0.09, 0.02, 0.01, 0.0002, 0],
	smp: [0, 0, 0.5, 0.27, 0.2, 0.02, 0.01, 0.0002, 0],
	sma: [0, 0, 0, 0.45, 0.45, 0.07, 0.03, 0.0005, 0],
	diploma: [0, 0, 0, 0, 0, 0.75, 0.24, 0.01, 0],
	s1: [0, 0, 0, 0, 0, 0, 0.9, 0.1, 0],
};

/** Education of placements given the cell, per year, fitted to §4.4 (never below the line's minimum). */
function fitEducation(cells: Cell[]): Discrete[][] {
	const E = EDUCATION_CODES.length;
	const out: Discrete[][] = [];
	YEARS.forEach((year, yi) => {
		const s = EDUCATION_SHARES[Math.min(year, 2026)] as readonly number[];
		const smk = SMK_SHARE_OF_SENIOR_SECONDARY[Math.min(yi, SMK_SHARE_OF_SENIOR_SECONDARY.length - 1)] as number;
		const senior = s[3] as number;
		const targetShare = [s[0], s[1], s[2], senior * (1 - smk), senior * smk, s[4], s[5], s[6], 0] as number[];
		const seed = new Float64Array(cells.length * E);
		const rowTargets = new Float64Array(cells.length);
		let total = 0;
		for (const c of cells) {
			const v = EDUCATION_SEED[c.req.minEducation];
			if (!v) throw new Error(`no education seed for ${c.req.minEducation}`);
			rowTargets[c.index] = c.yearly[yi] as number;
			total += c.yearly[yi] as number;
			for (let e = 0; e < E; e++) seed[c.index * E + e] = v[e] as number;
		}
		const fit = ipf(
			seed,
			cells.length,
			E,
			rowTargets,
			targetShare.map((x) => x * total),
			{ maxIterations: 500, tolerance: 1e-7 },
		);
		out.push(
			cells.map((c) => {
				const row = fit.table.subarray(c.index * E, c.index * E + E);
				const sum = row.reduce((a, b) => a + b, 0);
				return new Discrete(sum > 0 ? row : (EDUCATION_SEED[c.req.minEducation] as readonly number[]));
			}),
		);
	});
	return out;
}

export function educationRank(code: string): number {
	const e = educationByCode.get(code as (typeof EDUCATION_CODES)[number]);
	if (!e) throw new Error(`unknown education ${code}`);
	return e.rank;
}

// ---------------------------------------------------------------------------------------------
// Regencies, certification bodies, agencies

function buildRegencySampler(province: string): { codes: string[]; sampler: Discrete } {
	const list = regenciesByProvince.get(province);
	if (!list || list.length === 0) throw new Error(`no regencies for province ${province}`);
	const pockets = REGENCY_POCKETS[province] ?? {};
	const codes = list.map((r) => r.code);
	const weights = new Float64Array(list.length);
	let named = 0;
	for (const [name, share] of Object.entries(pockets)) {
		const i = list.findIndex((r) => r.short_name === name);
		if (i < 0) throw new Error(`targets: regency "${name}" not found in province ${province}`);
		weights[i] = share;
		named += share;
	}
	// The rest: Zipf by code order among unnamed regencies, cities at half weight.
	let rank = 0;
	const tail: number[] = [];
	list.forEach((r, i) => {
		if ((weights[i] as number) > 0) return;
		rank++;
		tail[i] = (1 / rank ** 0.6) * (r.kind === 'kota' ? 0.5 : 1);
	});
	const tailSum = tail.reduce((s, w) => s + (w ?? 0), 0);
	const rest = Math.max(0, 1 - named);
	list.forEach((_, i) => {
		const w = tail[i];
		if (w !== undefined) weights[i] = tailSum > 0 ? (rest * w) / tailSum : 0;
	});
	return { codes, sampler: new Discrete(weights) };
}

const LICENCE_OFFICE_SCHEMES = new Set(['sim_a', 'sim_b2']);

function buildBodySampler(scheme: string, province: string): { codes: string[]; sampler: Discrete } {
	const bodies = certificationBodiesByScheme.get(scheme);
	if (!bodies || bodies.length === 0) throw new Error(`no certification body for scheme ${scheme}`);
	const codes: string[] = [];
	const weights: number[] = [];
	for (const code of bodies) {
		const body = certificationBodyByCode.get(code);
		if (!body) continue;
		let w = body.annual_capacity;
		if (LICENCE_OFFICE_SCHEMES.has(scheme)) w = body.province === province ? 1 : 0;
		else if (body.province === province) w *= JAVA_PROVINCES.has(province) ? 8 : 5;
		codes.push(code);
		weights.push(w);
	}
	if (weights.every((w) => w === 0)) throw new Error(`no body for ${scheme} reachable from ${province}`);
	return { codes, sampler: new Discrete(weights) };
}

/** Agencies sorted by licence date, with cumulative weights, so one binary search finds those licensed by a day. */
class AgencyPicker {
	private readonly codes: string[] = [];
	private readonly since: number[] = [];
	private readonly cumulative: number[] = [];

	constructor(iso2: string) {
		const sorted = [...agencies].sort((a, b) =>
			a.licensed_since < b.licensed_since ? -1 : a.licensed_since > b.licensed_since ? 1 : a.code < b.code ? -1 : 1,
		);
		let total = 0;
		const major = ['HK', 'TW', 'MY', 'SG', 'SA', 'JP', 'KR', 'TR', 'AE', 'BN', 'IT', 'PL'];
		for (const a of sorted) {
			const h = hashInts([Number(a.code.slice(5)), 77]);
			// [synthetic] agency size: log-normal-ish from a hash; each agency specialises in two markets.
			const size = Math.exp(((h & 0xffff) / 0xffff) * 3);
			const spec1 = major[(h >>> 16) % major.length];
			const spec2 = major[(h >>> 20) % major.length];
			const w = size * (iso2 === spec1 || iso2 === spec2 ? 8 : 1);
			total += w;
			this.codes.push(a.code);
			this.since.push(dayOf(a.licensed_since));
			this.cumulative.push(total);
		}
	}

	pick(rng: Rng, day: number): string {
		let lo = 0;
		let hi = this.since.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if ((this.since[mid] as number) <= day) lo = mid + 1;
			else hi = mid;
		}
		const n = Math.max(1, lo);
		const target = rng.float() * (this.cumulative[n - 1] as number);
		let a = 0;
		let b = n - 1;
		while (a < b) {
			const mid = (a + b) >>> 1;
			if ((this.cumulative[mid] as number) > target) b = mid;
			else a = mid + 1;
		}
		return this.codes[a] as string;
	}
}
