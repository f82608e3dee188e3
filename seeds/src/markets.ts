/**
 * What a job in a destination looks like: which occupations each market hires Indonesians for
 * (and how that mix moves from 2019 to 2026), what a job-order line asks of a candidate
 * (certificate, language and level, education, experience, gender, age), how many slots a line
 * has, the contract length and the wage in local currency. Sources are facts.md sections (§);
 * everything else is [assumption] and listed in docs/data.md.
 */
import { type Country, countryByIso2, occupationByIsco4, type SectorCode } from '../../common/reference/index.ts';
import { dayOf, yearOfDay } from './dates.ts';

export type Scheme = 'P2P' | 'G2G' | 'UKPS' | 'MANDIRI';

/** [isco4, weight in 2019, weight in 2026]; years between are interpolated linearly. */
export type Mix = readonly (readonly [string, number, number])[];

/**
 * P-to-P occupation mixes by destination. §4.3 and §10.3 map the SISKOP2MI labels: house maid /
 * domestic worker → 9111, caregiver → 5322 (home) / 5321 (institution), general worker → 9329,
 * plantation → 9211, construction → 9313, operator production → 8189. The per-country mixes are
 * [assumption] shaped by §2–§4: Hong Kong and Singapore are household work (§4.3: house maids ≈
 * HK placements), Taiwan is home caregivers plus factories (§6.1: caregiver vacancies in Taiwan),
 * Malaysia is plantations, factories and construction (§3.1: NTB is male and Malaysia-oriented),
 * Italy's ~3,500 a year are read as cruise-ship hospitality crew, Türkiye as spa and hospitality.
 */
const P2P_MIX: Readonly<Record<string, Mix>> = {
	HK: [
		['9111', 93, 85],
		['5311', 3, 3],
		['5322', 3, 9],
		['5152', 1, 1],
		['5321', 0, 1],
		['5120', 0, 1],
	],
	TW: [
		['5322', 58, 52],
		['5321', 3, 6],
		['9111', 5, 3],
		['9329', 18, 12],
		['8189', 6, 9],
		['8212', 3, 6],
		['8142', 1, 2],
		['7212', 0.5, 2],
		['9313', 2, 2],
		['6223', 2, 2],
		['9216', 1, 1],
		['6121', 0.5, 0.5],
	],
	MY: [
		['9211', 45, 42],
		['9111', 14, 10],
		['9329', 18, 16],
		['8189', 4, 7],
		['8153', 1, 2],
		['9313', 12, 10],
		['7112', 1, 2],
		['5120', 1, 1.5],
		['5131', 1, 1.5],
		['8332', 1, 2],
		['7212', 0.5, 1.5],
		['6223', 0.5, 0.5],
		['5414', 0.5, 0.5],
		['9112', 1, 1],
	],
	SG: [
		['9111', 88, 82],
		['5311', 3, 3],
		['5322', 5, 8],
		['5131', 1, 2],
		['9112', 1, 1],
		['8189', 1, 2],
		['5321', 1, 2],
	],
	SA: [
		['9111', 72, 60],
		['8322', 6, 7],
		['5322', 5, 7],
		['5120', 4, 6],
		['5131', 4, 6],
		['9112', 4, 5],
		['5414', 1, 2],
		['3221', 1, 2],
		['7212', 1, 2],
		['5142', 1, 1],
	],
	KR: [
		['6223', 30, 30],
		['9329', 30, 30],
		['8189', 20, 20],
		['9313', 10, 10],
		['6111', 10, 10],
	],
	JP: [
		['5322', 10, 12],
		['5321', 8, 12],
		['8160', 15, 14],
		['8189', 15, 12],
		['7212', 4, 6],
		['9313', 8, 6],
		['7112', 3, 4],
		['6111', 12, 9],
		['5120', 6, 8],
		['5131', 3, 4],
		['9412', 2, 2],
		['7231', 2, 3],
		['8212', 5, 4],
		['6223', 3, 2],
		['9112', 2, 2],
		['8332', 0, 2],
	],
	BN: [
		['9111', 40, 35],
		['9313', 20, 20],
		['9211', 15, 15],
		['5120', 5, 7],
		['5131', 5, 6],
		['9329', 8, 8],
		['7112', 4, 5],
		['8332', 3, 4],
	],
	IT: [
		['5131', 30, 28],
		['5120', 20, 20],
		['9112', 15, 14],
		['4224', 5, 6],
		['8350', 10, 10],
		['5142', 8, 8],
		['3434', 4, 6],
		['9412', 8, 8],
	],
	TR: [
		['5142', 35, 25],
		['5131', 15, 15],
		['5120', 10, 10],
		['5322', 10, 15],
		['9111', 10, 8],
		['9329', 10, 12],
		['8189', 5, 8],
		['7212', 3, 5],
		['4224', 2, 2],
	],
	PL: [
		['9329', 30, 25],
		['8189', 15, 15],
		['7212', 15, 15],
		['8332', 10, 12],
		['9313', 10, 10],
		['5120', 5, 6],
		['5131', 5, 5],
		['8212', 5, 7],
		['6111', 5, 5],
	],
	AE: [
		['9111', 40, 30],
		['5131', 15, 17],
		['5120', 10, 12],
		['5142', 8, 8],
		['8322', 5, 6],
		['5414', 5, 6],
		['5223', 5, 6],
		['9112', 7, 8],
		['4224', 3, 4],
		['3221', 2, 3],
	],
	ZM: [
		['9313', 35, 35],
		['7112', 15, 15],
		['8111', 15, 15],
		['8342', 10, 10],
		['7212', 10, 10],
		['8332', 10, 10],
		['5120', 5, 5],
	],
	QA: [
		['9111', 40, 30],
		['5131', 15, 18],
		['5120', 10, 12],
		['9112', 10, 10],
		['5414', 10, 10],
		['9313', 10, 12],
		['8322', 5, 8],
	],
	KW: [
		['9111', 70, 60],
		['5131', 8, 10],
		['5120', 8, 10],
		['8322', 8, 10],
		['9112', 6, 10],
	],
	MV: [
		['5131', 30, 28],
		['5120', 15, 15],
		['9112', 15, 15],
		['5142', 20, 20],
		['4224', 10, 10],
		['3434', 5, 7],
		['7127', 5, 5],
	],
	PG: [
		['9211', 40, 38],
		['9313', 20, 20],
		['8332', 10, 10],
		['7212', 10, 10],
		['7233', 10, 10],
		['8342', 10, 12],
	],
	HU: [
		['8212', 30, 28],
		['9329', 30, 25],
		['8189', 20, 22],
		['7212', 10, 12],
		['5131', 10, 13],
	],
	SK: [
		['8212', 25, 25],
		['9329', 30, 25],
		['8189', 20, 22],
		['7212', 15, 15],
		['7223', 10, 13],
	],
	RO: [
		['9313', 25, 20],
		['7212', 15, 15],
		['9329', 25, 22],
		['8189', 15, 18],
		['5120', 10, 12],
		['8332', 10, 13],
	],
	BG: [
		['5131', 20, 20],
		['5120', 15, 15],
		['9112', 15, 15],
		['9329', 20, 20],
		['7212', 10, 10],
		['9313', 10, 10],
		['8332', 10, 10],
	],
	DE: [
		['3221', 25, 25],
		['5321', 25, 25],
		['7212', 10, 10],
		['5120', 10, 10],
		['7411', 10, 10],
		['8332', 10, 10],
		['7231', 10, 10],
	],
	LK: [
		['5131', 30, 30],
		['5120', 20, 20],
		['9112', 20, 20],
		['5142', 30, 30],
	],
};

/** Minor destinations by world region. */
const REGION_MIX: Readonly<Record<string, Mix>> = {
	middle_east: [
		['9111', 50, 40],
		['5131', 15, 18],
		['5120', 10, 12],
		['9112', 10, 10],
		['8322', 10, 10],
		['5142', 5, 10],
	],
	europe: [
		['5131', 20, 20],
		['5120', 15, 15],
		['9112', 10, 10],
		['8350', 10, 10],
		['5142', 10, 10],
		['5322', 10, 10],
		['7212', 10, 10],
		['9329', 15, 15],
	],
	oceania: [
		['5131', 20, 20],
		['5120', 15, 15],
		['9211', 25, 25],
		['8160', 10, 10],
		['9112', 10, 10],
		['5322', 10, 10],
		['8350', 10, 10],
	],
	americas: [
		['5131', 25, 25],
		['5120', 15, 15],
		['9112', 15, 15],
		['8350', 15, 15],
		['5322', 15, 15],
		['5142', 15, 15],
	],
	east_asia: [
		['5131', 20, 20],
		['5120', 15, 15],
		['9329', 20, 20],
		['5142', 15, 15],
		['9111', 15, 15],
		['7212', 5, 5],
		['4110', 5, 5],
		['2512', 5, 5],
	],
	southeast_asia: [
		['5131', 20, 20],
		['5120', 15, 15],
		['9329', 20, 20],
		['5142', 15, 15],
		['9111', 15, 15],
		['7212', 5, 5],
		['4110', 5, 5],
		['2512', 5, 5],
	],
	south_asia: [
		['5131', 30, 30],
		['5120', 20, 20],
		['9112', 20, 20],
		['5142', 30, 30],
	],
	central_asia: [
		['9313', 30, 30],
		['7212', 20, 20],
		['8332', 20, 20],
		['5120', 15, 15],
		['5131', 15, 15],
	],
	africa: [
		['9313', 30, 30],
		['8111', 20, 20],
		['7212', 15, 15],
		['8332', 15, 15],
		['5120', 10, 10],
		['7233', 10, 10],
	],
};

/**
 * G2G: Korea EPS (manufacturing, fishery, agriculture, construction; §5), Japan IM Japan / EPA
 * care workers and nurses (§5), Germany Triple Win nurses (§5), Taiwan fishing crew (§4.3).
 */
const G2G_MIX: Readonly<Record<string, Mix>> = {
	KR: [
		['9329', 45, 35],
		['8189', 25, 30],
		['8212', 5, 8],
		['6223', 10, 10],
		['9216', 3, 3],
		['6111', 7, 8],
		['9313', 5, 6],
	],
	JP: [
		['5321', 60, 55],
		['3221', 30, 30],
		['2221', 10, 15],
	],
	DE: [
		['2221', 40, 40],
		['3221', 60, 60],
	],
	TW: [['6223', 100, 100]],
};

const DOMESTIC_OCCUPATIONS: ReadonlySet<string> = new Set(['9111', '5311', '5152', '5322']);

export function country(iso2: string): Country {
	const c = countryByIso2.get(iso2);
	if (!c) throw new Error(`Unknown country ${iso2}`);
	return c;
}

/** Occupation mix of a destination and scheme (weights, not yet normalised). */
export function occupationMix(iso2: string, scheme: Scheme): Mix {
	if (scheme === 'G2G') {
		const mix = G2G_MIX[iso2];
		if (!mix) throw new Error(`No G2G mix for ${iso2}`);
		return mix;
	}
	const base = P2P_MIX[iso2] ?? REGION_MIX[country(iso2).region];
	if (!base) throw new Error(`No occupation mix for ${iso2}`);
	// A company placing its own staff (UKPS) does not employ household workers.
	if (scheme === 'UKPS') {
		const formal = base.filter(([isco]) => !DOMESTIC_OCCUPATIONS.has(isco) && isco !== '9111');
		return formal.length > 0
			? formal
			: [
					['9329', 1, 1],
					['8189', 1, 1],
					['7212', 1, 1],
					['5120', 1, 1],
				];
	}
	return base;
}

export function interpolateMix(mix: Mix, year: number): Map<string, number> {
	const t = Math.min(1, Math.max(0, (year - 2019) / 7));
	const out = new Map<string, number>();
	for (const [isco, a, b] of mix) out.set(isco, a + (b - a) * t);
	return out;
}

// ---------------------------------------------------------------------------------------------
// Currencies and wages (§7)

const EURO = new Set(['IT', 'DE', 'SK', 'NL', 'ES', 'FR', 'GR', 'AT', 'HR', 'LT', 'CY', 'MT', 'PT', 'LV', 'EE', 'SI', 'BE', 'IE', 'FI']);
const LOCAL_CURRENCY: Readonly<Record<string, string>> = {
	HK: 'HKD',
	TW: 'TWD',
	MY: 'MYR',
	SG: 'SGD',
	BN: 'BND',
	JP: 'JPY',
	KR: 'KRW',
	SA: 'SAR',
	AE: 'AED',
	QA: 'QAR',
	KW: 'KWD',
	OM: 'OMR',
	BH: 'BHD',
	JO: 'JOD',
	PL: 'PLN',
	HU: 'HUF',
	RO: 'RON',
	BG: 'BGN',
	CZ: 'CZK',
	GB: 'GBP',
	AU: 'AUD',
	NZ: 'NZD',
	CN: 'CNY',
	MV: 'MVR',
	PG: 'PGK',
	ZM: 'ZMW',
};

/**
 * ISO 4217 currency of wages in a destination (currencies.csv). [assumption] Türkiye is quoted in
 * US dollars: contracts for foreign spa, hospitality and care workers there are, and a fixed
 * TRY→USD rate (the warehouse's wage_usd) would turn 2019 lira wages into a few tens of dollars.
 * Countries without their own row in currencies.csv use USD.
 */
export function currencyOf(iso2: string): string {
	if (EURO.has(iso2)) return 'EUR';
	return LOCAL_CURRENCY[iso2] ?? 'USD';
}

/** A step schedule: value from each date on. */
type Steps = readonly (readonly [string, number])[];

function memoSteps(steps: Steps): (day: number) => number {
	const days = steps.map(([d, v]) => [dayOf(d), v] as const);
	return (day) => {
		let value = (days[0] as readonly [number, number])[1];
		for (const [d, v] of days) if (day >= d) value = v;
		return value;
	};
}

/**
 * Hong Kong Minimum Allowable Wage for foreign domestic helpers, HK$ (§7): 4,410 → 4,520
 * (Oct 2019) → 4,630 → 4,730 (1 Oct 2022) → 4,870 (30 Sep 2023) → 4,990 (28 Sep 2024) → 5,100
 * (late Sep 2025, [U]). The date of the 4,630 step is not in facts.md: [assumption] 1 Oct 2021.
 */
const HK_MAW = memoSteps([
	['2000-01-01', 4_410],
	['2019-10-01', 4_520],
	['2021-10-01', 4_630],
	['2022-10-01', 4_730],
	['2023-09-30', 4_870],
	['2024-09-28', 4_990],
	['2025-09-27', 5_100],
]);
/** Taiwan household caregiver / domestic helper minimum, NT$ (§7): 17,000 → 20,000 for contracts from ~Sep 2022. */
const TW_HOUSEHOLD_MIN = memoSteps([
	['2000-01-01', 17_000],
	['2022-09-01', 20_000],
]);
/** Taiwan basic wage, NT$/month: 28,590 from Jan 2025 (§7); earlier years and 2026 [assumption]. */
const TW_BASIC = memoSteps([
	['2000-01-01', 23_100],
	['2020-01-01', 23_800],
	['2021-01-01', 24_000],
	['2022-01-01', 25_250],
	['2023-01-01', 26_400],
	['2024-01-01', 27_470],
	['2025-01-01', 28_590],
	['2026-01-01', 29_500],
]);
/** Korea minimum wage, ₩/month at 209 h: 2,010,580 (2023) … 2,096,270 (2025), ₩10,320/h in 2026 (§7); 2019–2022 [assumption]. */
const KR_MIN = memoSteps([
	['2000-01-01', 1_745_150],
	['2020-01-01', 1_795_310],
	['2021-01-01', 1_822_480],
	['2022-01-01', 1_914_440],
	['2023-01-01', 2_010_580],
	['2024-01-01', 2_060_740],
	['2025-01-01', 2_096_270],
	['2026-01-01', 2_156_880],
]);
/** Malaysia: RM1,500 for Indonesian domestic workers from the 1 Apr 2022 MoU (§7); before, RM1,200 [assumption]. */
const MY_DOMESTIC = memoSteps([
	['2000-01-01', 1_200],
	['2022-04-01', 1_500],
]);
/** Malaysia minimum wage orders [assumption]: RM1,100 (2019), 1,200 (Feb 2020), 1,500 (May 2022), 1,700 (Feb 2025). */
const MY_MIN = memoSteps([
	['2000-01-01', 1_100],
	['2020-02-01', 1_200],
	['2022-05-01', 1_500],
	['2025-02-01', 1_700],
]);

/** Statutory minimum wages in the EU destinations, local currency/month [assumption: national minimum-wage decrees]. */
const EU_MIN: Readonly<Record<string, readonly number[]>> = {
	//     2019     2020     2021     2022     2023     2024     2025     2026
	PL: [2_250, 2_600, 2_800, 3_010, 3_600, 4_300, 4_666, 4_806],
	HU: [149_000, 161_000, 167_400, 200_000, 232_000, 266_800, 290_800, 322_800],
	SK: [520, 580, 623, 646, 700, 750, 816, 915],
	RO: [2_080, 2_230, 2_300, 2_550, 3_000, 3_700, 4_050, 4_325],
	BG: [560, 610, 650, 710, 780, 933, 1_077, 1_213],
	CZ: [13_350, 14_600, 15_200, 16_200, 17_300, 18_900, 20_800, 22_400],
};

/**
 * Japan, Specified Skilled Worker scheduled monthly earnings in June 2023, ¥ (§7, MHLW): average
 * ¥198,000; construction ¥226,900, manufacturing ¥192,600, accommodation/food ¥216,700,
 * medical/welfare ¥216,300; professional/technical ¥296,700. Agriculture, welding and driving are
 * [assumption]. Other years: ±2 % a year [assumption].
 */
function japanBase(isco: string): number {
	const sector = occupationByIsco4.get(isco)?.sector;
	if (isco === '2221' || isco === '3221') return 296_700;
	if (sector === 'health_care') return 216_300;
	if (sector === 'construction') return 226_900;
	if (sector === 'hospitality') return 216_700;
	if (sector === 'manufacturing') return 192_600;
	if (sector === 'agriculture' || sector === 'ship_crew') return 185_000;
	if (isco === '7212') return 210_000;
	if (isco === '8332') return 250_000;
	return 198_000;
}

/**
 * Level-1 monthly wage in 2025 by destination, local currency [assumption], calibrated to the
 * BP2MI averages for 2021–2023 where they exist (§7: SG Rp6.49 jt, MY Rp5.06 jt, HK Rp8.42 jt,
 * TW Rp10.96 jt, JP Rp17.9 jt) and to statutory floors elsewhere (QA min. QAR 1,000).
 */
const BASE_2025: Readonly<Record<string, number>> = {
	SG: 700,
	SA: 1_500,
	AE: 1_200,
	QA: 1_200,
	KW: 110,
	OM: 120,
	BH: 130,
	JO: 300,
	BN: 380,
	TR: 650,
	GB: 1_900,
	AU: 3_900,
	NZ: 3_700,
	CN: 5_500,
	MV: 8_000,
	PG: 1_000,
	ZM: 6_500,
	EUR: 1_250,
	USD: 600,
};

const SKILL_MULTIPLIER = [0, 1, 1.25, 1.7, 2.6] as const;

/** The legal floor for an occupation in a destination on a date (0 = none). */
export function wageFloor(iso2: string, isco: string, day: number): number {
	const household = DOMESTIC_OCCUPATIONS.has(isco) || isco === '5321';
	switch (iso2) {
		case 'HK':
			return household ? HK_MAW(day) : 0;
		case 'TW':
			return household ? TW_HOUSEHOLD_MIN(day) : TW_BASIC(day);
		case 'KR':
			return KR_MIN(day);
		case 'MY':
			return household ? MY_DOMESTIC(day) : MY_MIN(day);
		default: {
			const eu = EU_MIN[iso2];
			return eu ? (eu[Math.min(7, Math.max(0, yearOfDay(day) - 2019))] as number) : 0;
		}
	}
}

/** Rounds a synthetic wage to three significant figures, so it reads like a quoted wage. */
export function roundWage(value: number): number {
	if (value <= 0) return 0;
	const step = 10 ** Math.max(0, Math.floor(Math.log10(value)) - 2);
	return Math.round(value / step) * step;
}

/** The typical monthly wage (before a line's own spread) for an occupation in a destination on a date. */
export function typicalWage(iso2: string, isco: string, day: number): number {
	const skill = occupationByIsco4.get(isco)?.skill_level ?? 1;
	const year = yearOfDay(day);
	const floor = wageFloor(iso2, isco, day);
	switch (iso2) {
		case 'HK':
			return floor > 0 ? floor : 13_000 * SKILL_MULTIPLIER[skill];
		case 'TW':
			// Home caregivers' regular pay was NT$21,300 in Jun 2025 (§7), a little above the floor.
			return floor * (DOMESTIC_OCCUPATIONS.has(isco) ? 1.03 : 1.04 + 0.1 * (skill - 1));
		case 'KR':
			return floor * (1.05 + 0.08 * (skill - 1));
		case 'MY':
			return floor * (1 + 0.12 * (skill - 1));
		case 'JP':
			return japanBase(isco) * (1 + 0.02 * (year - 2023));
		default: {
			if (floor > 0) return floor * (1 + 0.2 * (skill - 1));
			const currency = currencyOf(iso2);
			const base = BASE_2025[iso2] ?? BASE_2025[currency] ?? BASE_2025.USD ?? 600;
			// Germany's nurses earn Rp40–50 jt (§5), far above the generic skill ladder.
			if (iso2 === 'DE' && (isco === '2221' || isco === '3221')) return 2_900 * (1 + 0.03 * (year - 2025));
			return base * SKILL_MULTIPLIER[skill] * (1 + 0.03 * (year - 2025));
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Line requirements

export interface Requirement {
	/** certification scheme required, with probability */
	readonly certificates: readonly string[];
	readonly certificateProbability: number;
	readonly language: string;
	readonly languageLevels: readonly number[];
	readonly languageProbability: number;
	readonly minEducation: string;
	readonly experienceYears: number;
	readonly experienceProbability: number;
	readonly ageMin: number;
	readonly ageMax: number;
	readonly ageMean: number;
	readonly ageSd: number;
	/** share of placed candidates who declared the required language level at registration */
	readonly languageAtRegistration: number;
	readonly slotsMean: number;
	readonly slotsMax: number;
	readonly contractMonths: readonly number[];
	/** share of placements that are women, before the yearly calibration */
	readonly female: number;
	/** may the female share be moved by the yearly calibration? */
	readonly flexibleGender: boolean;
}

const MIDDLE_EAST = new Set(['SA', 'AE', 'QA', 'KW', 'OM', 'BH', 'JO', 'LB', 'EG']);
const EAST_EUROPE = new Set(['PL', 'HU', 'SK', 'RO', 'BG', 'CZ', 'HR', 'LT', 'LV', 'EE', 'SI', 'RS', 'MD', 'BA', 'MK', 'AL']);
const ENGLISH_WEST = new Set(['AU', 'NZ', 'GB', 'US', 'CA', 'IE']);

/** Certification schemes that certify an occupation (scheme_occupations.csv), in a fixed order. */
export function schemesFor(isco: string, table: ReadonlyMap<string, readonly string[]>): readonly string[] {
	if (isco === '7212') return ['welder_smaw', 'welder_gmaw', 'welder_gtaw'];
	return [...(table.get(isco) ?? [])].sort();
}

/**
 * Destinations where every household and care line asks the BNSP competency certificate of its
 * occupation (issue #15) [assumption]: CPMI bound for Singapore certify with BNSP (BP3MI Kalbar,
 * 17 Dec 2025, §12: "centralised on Java"), Hong Kong and Taiwan household workers and caregivers
 * take the 600-hour course and its competency test (§4.3, §5.1 P3MI duties). Until generator 1.2.0
 * 80–95 % of those lines asked it, and the few that did not took every uncertified candidate.
 */
const CERTIFIED_HOUSEHOLD: ReadonlySet<string> = new Set(['HK', 'SG', 'TW']);

const LICENCES = new Set(['sim_b2', 'sim_a', 'forklift_sio', 'seafarer_bst', 'security_guard', 'nurse_str', 'physio_str']);

function certificateProbability(iso2: string, isco: string, scheme: Scheme, first: string, skill: number, sector: SectorCode): number {
	if (!first) return 0;
	if (scheme === 'G2G' && iso2 === 'KR') return 0; // EPS tests skills itself, not through BNSP
	if (LICENCES.has(first)) return 1;
	switch (isco) {
		case '5321':
		case '5322':
			return CERTIFIED_HOUSEHOLD.has(iso2) || iso2 === 'JP' || iso2 === 'DE' ? 1 : 0.85;
		case '9111':
			// BNSP competency certificates for household workers (§4.3 labels; §5.1 P3MI duties) — [assumption]
			return CERTIFIED_HOUSEHOLD.has(iso2) ? 1 : MIDDLE_EAST.has(iso2) || iso2 === 'MY' ? 0.6 : 0.5;
		case '5152':
			return CERTIFIED_HOUSEHOLD.has(iso2) ? 1 : 0.9;
		case '5311':
			return CERTIFIED_HOUSEHOLD.has(iso2) ? 1 : 0.8;
		case '7212':
			return 0.9;
		case '5142':
			return 0.8;
		case '9329':
		case '9313':
		case '9211':
		case '9412':
		case '9112':
			return iso2 === 'JP' ? 0.5 : 0.08;
	}
	if (sector === 'manufacturing') {
		if (iso2 === 'JP') return 0.7;
		// Taiwan's factory operators certify (production operator, BNSP) on every line since generator
		// 1.2.0 (issue #15: certificates for the skilled markets) [assumption]; 40 % before.
		if (iso2 === 'TW') return 1;
		if (iso2 === 'MY' || iso2 === 'KR') return 0.15;
		if (EAST_EUROPE.has(iso2)) return 0.45;
		return 0.3;
	}
	if (sector === 'hospitality') return skill >= 3 ? 0.8 : isco === '5120' ? 0.6 : 0.45;
	if (sector === 'construction' || sector === 'agriculture') return iso2 === 'JP' ? 0.6 : 0.35;
	return 0.55;
}

function languageFor(iso2: string, isco: string, scheme: Scheme, sector: SectorCode): [string, number[], number, number] {
	const household = DOMESTIC_OCCUPATIONS.has(isco) || isco === '5321';
	// [code, levels, probability the line asks for it, share of placed who had it at registration]
	if (iso2 === 'JP') return ['ja', isco === '2221' ? [3] : [2], 1, 0.3]; // JLPT N4 / JFT-Basic (SSW); N3 for nurses
	if (iso2 === 'KR') return ['ko', [2], scheme === 'G2G' ? 1 : 0.8, 0.8]; // EPS-TOPIK pass
	if (iso2 === 'DE') return ['de', isco === '2221' || isco === '3221' ? [3, 4] : [2, 3], 1, 0.1]; // Goethe B1–B2 for nurses
	// Taiwan: Mandarin (zh ≥ 1) on every household, care and factory line — the language the minister
	// names for Taiwan (§12; issue #15) [assumption]; factory lines asked it on 50 % until generator 1.2.0.
	if (iso2 === 'TW') return ['zh', [1], household || sector === 'manufacturing' ? 1 : 0.2, 0.25];
	if (iso2 === 'HK') return household ? ['yue', [1], 0.55, 0.2] : ['en', [2], 0.5, 0.4];
	if (iso2 === 'SG') return ['en', [1], 0.7, 0.4];
	if (iso2 === 'MY' || iso2 === 'BN') return ['ms', [1], 0.03, 0.8];
	if (MIDDLE_EAST.has(iso2)) return household || isco === '8322' ? ['ar', [1], 0.4, 0.3] : ['en', [2], 0.6, 0.4];
	if (iso2 === 'TR') return sector === 'hospitality' || sector === 'other_services' ? ['en', [1], 0.45, 0.4] : ['tr', [1], 0.15, 0.1];
	if (iso2 === 'IT' || iso2 === 'MV') return ['en', [2], 0.85, 0.45];
	if (ENGLISH_WEST.has(iso2)) return ['en', [3], 0.9, 0.35];
	if (EAST_EUROPE.has(iso2)) return ['en', [1], 0.5, 0.4];
	return ['en', [1], 0.5, 0.4];
}

function minEducationFor(iso2: string, isco: string, skill: number, sector: SectorCode): string {
	if (isco === '2221') return 's1';
	if (isco === '2264' || isco === '2512' || skill === 3) {
		return isco === '3434' || isco === '3512' ? 'sma' : 'diploma';
	}
	if (iso2 === 'JP') return skill >= 2 ? 'sma' : 'smp';
	if (iso2 === 'KR') return 'smp';
	if (skill === 2) {
		if (sector === 'hospitality' || sector === 'retail' || sector === 'admin_finance' || sector === 'other_services') return 'sma';
		return 'smp';
	}
	return 'sd';
}

function experienceFor(iso2: string, isco: string, sector: SectorCode): [number, number] {
	switch (isco) {
		case '7212':
			return [2, 0.8];
		case '2221':
		case '3221':
			return [iso2 === 'DE' ? 2 : 1, 0.7];
		case '3434':
			return [3, 0.9];
		case '8332':
		case '8322':
		case '8342':
			return [2, 0.8];
		case '5120':
		case '5142':
			return [1, 0.5];
		case '9111':
			return [1, iso2 === 'HK' || iso2 === 'SG' ? 0.12 : 0.05];
	}
	if (sector === 'engineering') return [1, 0.6];
	return [1, 0.04];
}

/** [min, max, mean, sd] of age at departure — §11.4 and §4.5 (Korea EPS 18–39; SSW average 28.9). */
function ageFor(iso2: string, isco: string, sector: SectorCode): [number, number, number, number] {
	if (iso2 === 'KR') return [18, 39, 27, 4.5];
	if (iso2 === 'JP') return [18, 40, 27, 4.5];
	if (DOMESTIC_OCCUPATIONS.has(isco) || isco === '5321') {
		return MIDDLE_EAST.has(iso2) ? [21, 40, 31, 5.5] : [21, 45, 32, 6.5];
	}
	if (isco === '2221' || isco === '3221') return [22, 40, 28, 4];
	if (isco === '8332' || isco === '8322') return [23, 50, 34, 6];
	if (isco === '7212') return [20, 45, 30, 6];
	if (sector === 'hospitality' || sector === 'other_services' || sector === 'retail') return [20, 40, 27, 4.5];
	if (sector === 'manufacturing') return [18, 40, 27, 5];
	if (sector === 'agriculture' || sector === 'construction' || sector === 'ship_crew') return [18, 45, 30, 7];
	return [18, 45, 29, 6];
}

/** §11.5: HK, TW caregivers, SG and SA household work > 95 % female; Korea EPS ~98 % male; MY plantation/construction/ABK > 90 % male. */
function femaleFor(iso2: string, isco: string, sector: SectorCode): [number, boolean] {
	if (iso2 === 'KR') return [0.02, false];
	if (isco === '9111' || isco === '5311' || isco === '5152') return [iso2 === 'MY' || iso2 === 'BN' ? 0.96 : 0.99, false];
	if (isco === '5322' || isco === '5321')
		return [iso2 === 'TW' || iso2 === 'HK' || iso2 === 'SG' ? 0.98 : iso2 === 'JP' ? 0.75 : 0.88, false];
	if (sector === 'ship_crew' || sector === 'construction' || isco === '7212' || isco === '8332' || isco === '8322' || isco === '8342') {
		return [0.03, false];
	}
	if (sector === 'oil_gas' || isco === '5414') return [0.04, false];
	if (iso2 === 'MY' && sector === 'agriculture') return [0.06, false];
	if (isco === '5142') return [0.92, false];
	if (isco === '2221' || isco === '3221') return [0.8, false];
	if (sector === 'agriculture') return [0.2, true];
	if (sector === 'manufacturing') return [iso2 === 'TW' ? 0.35 : iso2 === 'MY' ? 0.4 : 0.3, true];
	if (sector === 'hospitality' || sector === 'retail') return [0.5, true];
	return [0.3, true];
}

/** [mean, max] slots per line [assumption]: agencies' demand letters (SIP2MI) bundle many workers. */
function slotsFor(iso2: string, scheme: Scheme, sector: SectorCode): [number, number] {
	if (scheme === 'MANDIRI') return [1, 1];
	if (scheme === 'UKPS') return [3, 15];
	if (scheme === 'G2G') return iso2 === 'KR' ? [3, 20] : [5, 40];
	if (iso2 === 'TW') return sector === 'health_care' ? [12, 200] : sector === 'domestic' ? [5, 60] : [25, 400];
	if (iso2 === 'MY') return sector === 'agriculture' ? [40, 500] : sector === 'domestic' ? [5, 60] : [30, 400];
	if (iso2 === 'HK') return [8, 80];
	if (iso2 === 'SG') return [6, 60];
	if (iso2 === 'JP' || iso2 === 'KR') return [6, 60];
	if (MIDDLE_EAST.has(iso2)) return sector === 'domestic' ? [8, 100] : [10, 150];
	return [8, 120];
}

/** Contract lengths in months (§5: Korea 3 years; Taiwan 3-year permits; cruise contracts 6–10 months [assumption]). */
function contractFor(iso2: string, scheme: Scheme): number[] {
	if (iso2 === 'KR' || iso2 === 'TW') return [36];
	if (iso2 === 'JP') return scheme === 'G2G' ? [36] : [12, 36, 36];
	if (iso2 === 'IT') return [8, 9, 10];
	if (iso2 === 'DE') return [36];
	return [24];
}

export function requirementFor(
	iso2: string,
	isco: string,
	scheme: Scheme,
	schemeTable: ReadonlyMap<string, readonly string[]>,
): Requirement {
	const occupation = occupationByIsco4.get(isco);
	if (!occupation) throw new Error(`Unknown occupation ${isco}`);
	const { sector, skill_level: skill } = occupation;
	const certificates = schemesFor(isco, schemeTable);
	const [language, languageLevels, languageProbability, languageAtRegistration] = languageFor(iso2, isco, scheme, sector);
	const [experienceYears, experienceProbability] = experienceFor(iso2, isco, sector);
	const [ageMin, ageMax, ageMean, ageSd] = ageFor(iso2, isco, sector);
	const [female, flexibleGender] = femaleFor(iso2, isco, sector);
	const [slotsMean, slotsMax] = slotsFor(iso2, scheme, sector);
	return {
		certificates,
		certificateProbability: certificateProbability(iso2, isco, scheme, certificates[0] ?? '', skill, sector),
		language,
		languageLevels,
		languageProbability,
		minEducation: minEducationFor(iso2, isco, skill, sector),
		experienceYears,
		experienceProbability,
		ageMin,
		ageMax,
		ageMean,
		ageSd,
		languageAtRegistration,
		slotsMean,
		slotsMax,
		contractMonths: contractFor(iso2, scheme),
		female,
		flexibleGender,
	};
}

/**
 * Which provinces send workers where (a multiplier on the province's overall share; the yearly
 * calibration then fits the province and destination totals exactly). [assumption] from §3.1:
 * NTB is male and Malaysia-oriented, East Java sends to Hong Kong (33.5 % of Jatim PMI in 2024),
 * West Java's Indramayu/Cirebon pockets send to the Middle East, Malaysia and Taiwan, Bali sends
 * hospitality and spa workers, the border provinces (Kalbar, Kaltara, Kepri, NTT, Sulsel) send to
 * Malaysia and Brunei, Jakarta and Yogyakarta send the more skilled.
 */
export function provinceAffinity(province: string, iso2: string, isco: string, female: boolean): number {
	const occupation = occupationByIsco4.get(isco);
	const sector = occupation?.sector;
	const skill = occupation?.skill_level ?? 1;
	const hospitality = sector === 'hospitality' || isco === '5142' || isco === '8350';
	let a = 1;
	switch (province) {
		case '52': // NTB
			a *= iso2 === 'MY' ? 5 : iso2 === 'BN' ? 2 : iso2 === 'SA' ? 1.5 : iso2 === 'HK' ? 0.3 : iso2 === 'TW' ? 0.6 : 1;
			a *= female ? 0.6 : 2;
			break;
		case '35': // Jatim
			a *= iso2 === 'HK' ? 2 : iso2 === 'TW' ? 1.3 : iso2 === 'KR' || iso2 === 'JP' ? 1.2 : 1;
			break;
		case '33': // Jateng
			a *= iso2 === 'TW' ? 1.3 : iso2 === 'HK' ? 1.2 : iso2 === 'KR' ? 1.3 : iso2 === 'JP' || iso2 === 'SG' ? 1.2 : 1;
			break;
		case '32': // Jabar
			a *= MIDDLE_EAST.has(iso2) ? 3 : iso2 === 'TW' ? 1.2 : iso2 === 'HK' ? 0.6 : 1;
			break;
		case '18': // Lampung
			a *= iso2 === 'TW' || iso2 === 'SG' ? 1.2 : 1;
			break;
		case '12': // Sumut
			a *= iso2 === 'MY' ? 3 : iso2 === 'KR' ? 1.5 : 1;
			a *= female ? 0.8 : 1.3;
			break;
		case '51': // Bali
			a *= hospitality ? 10 : 1;
			a *= iso2 === 'TR' ? 5 : iso2 === 'IT' || iso2 === 'MV' ? 8 : iso2 === 'JP' ? 2 : iso2 === 'AE' ? 2 : 1;
			break;
		case '61': // Kalbar
			a *= iso2 === 'MY' ? 6 : iso2 === 'BN' ? 3 : 1;
			break;
		case '65': // Kaltara (Nunukan–Tawau)
			a *= iso2 === 'MY' ? 10 : 1;
			break;
		case '21': // Kepri
			a *= iso2 === 'MY' || iso2 === 'SG' ? 3 : 1;
			break;
		case '53': // NTT
			a *= iso2 === 'MY' ? 5 : 1;
			a *= female ? 0.8 : 1.3;
			break;
		case '73': // Sulsel
			a *= iso2 === 'MY' ? 4 : iso2 === 'BN' ? 2 : iso2 === 'KR' || iso2 === 'JP' ? 1.5 : 1;
			break;
		case '31': // DKI
		case '34': // DIY
			a *= skill >= 3 ? 3 : skill === 2 ? 1.5 : 0.6;
			a *= hospitality ? 2 : 1;
			a *= iso2 === 'JP' || country(iso2).region === 'europe' ? 2 : 1;
			break;
		case '36': // Banten
			a *= iso2 === 'TW' ? 1.3 : MIDDLE_EAST.has(iso2) ? 1.5 : 1;
			break;
	}
	return a;
}

/** Java (DKI, Jabar, Jateng, DIY, Jatim, Banten): where certification capacity sits (SOURCES.md). */
export const JAVA_PROVINCES: ReadonlySet<string> = new Set(['31', '32', '33', '34', '35', '36']);
