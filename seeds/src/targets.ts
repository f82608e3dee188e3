/**
 * The calibration targets: every public figure the generator reproduces, with its place in
 * shared/facts.md (§ = section). Figures marked [assumption] are choices made where facts.md has
 * no number; docs/data.md lists them with the reasoning. Nothing else in seeds/ holds a
 * calibration number — change a target here and the plan re-derives everything from it.
 */

/** First and last years the placement series covers. Lines start a few months earlier (see plan.ts). */
export const FIRST_YEAR = 2019;

/**
 * Yearly placements, the annual-report series of §1.1: 2019–2023 exclude contract extensions,
 * 2024–2025 include them (27,737 in 2024, §5) — the brief's series, kept as published.
 * 2026 and 2027 are [assumption]: +9.4 % then +4.6 %; 2027 only feeds job-order lines issued
 * before `until` whose departures fall after it.
 */
export const YEARLY_PLACEMENTS: Readonly<Record<number, number>> = {
	2019: 276_553,
	2020: 113_173,
	2021: 72_624,
	2022: 200_761,
	2023: 274_965,
	2024: 297_434,
	2025: 296_948,
	2026: 325_000,
	2027: 340_000,
};

/**
 * Monthly placements (§1.2). Published months are used as they are; the other months are derived
 * from published partial sums (Jan–Sep, Jan–Oct, H1 …) and, where nothing is published, follow
 * the §1.2 pattern (peaks in Jan and Mar–Apr, troughs in Feb, Sep and Dec, a dip in the Lebaran
 * month). Every year sums to YEARLY_PLACEMENTS.
 */
export const MONTHLY_PLACEMENTS: Readonly<Record<number, readonly number[]>> = {
	// [assumption] no monthly series found; Lebaran fell on 5 June 2019.
	2019: scaleTo(276_553, [8.6, 7.4, 9.0, 9.3, 8.4, 6.6, 8.9, 8.7, 7.8, 8.8, 8.5, 8.0]),
	// [assumption] placements were suspended from 18 Mar to 29 Jul 2020 (Kepmenaker 151/2020),
	// and the year sums to 113,173.
	2020: [26_000, 22_000, 11_000, 500, 400, 600, 1_500, 8_000, 9_500, 11_000, 11_500, 11_173],
	// Feb 4,231, Mar 7,071, H1 36,218, Sep 6,322, Oct 6,733, Jan–Oct 59,078 (§1.2).
	2021: [5_900, 4_231, 7_071, 6_900, 5_316, 6_800, 4_700, 5_105, 6_322, 6_733, 6_900, 6_646],
	// Feb 5,658, Jan–Sep 122,870, Sep 21,737, Oct 24,088, Jan–Oct 146,955 (§1.2).
	2022: [6_900, 5_658, 8_400, 9_800, 9_600, 13_600, 20_300, 26_875, 21_737, 24_088, 27_500, 26_306],
	// Feb 24,788, H1 135,791, Aug 28,927, Jan–Oct 237,992, Nov 19,468, Dec 17,505 (§1.2).
	2023: [23_500, 24_788, 24_000, 20_500, 21_000, 22_003, 25_500, 28_927, 23_000, 24_774, 19_468, 17_505],
	// Jan 27,243 … Oct 22,865 and Nov+Dec 47,043 (§1.2).
	2024: [27_243, 23_716, 28_981, 29_803, 25_500, 25_253, 23_397, 23_197, 20_436, 22_865, 24_500, 22_543],
	// Jan 25,642, Feb 23,373, Mar 22,376, Jun 22,324, Jan–Jul 150,521, Jan–1 Nov 236,364,
	// to 15 Dec 286,422 (§1.1–1.2).
	2025: [25_642, 23_373, 22_376, 18_500, 20_800, 22_324, 17_506, 29_000, 27_000, 29_843, 33_000, 27_584],
	// [assumption] the 2024 monthly shape.
	2026: scaleTo(325_000, [27_243, 23_716, 28_981, 29_803, 25_500, 25_253, 23_397, 23_197, 20_436, 22_865, 24_500, 22_543]),
	2027: scaleTo(340_000, [27_243, 23_716, 28_981, 29_803, 25_500, 25_253, 23_397, 23_197, 20_436, 22_865, 24_500, 22_543]),
};

/** Integer parts proportional to `weights`, summing exactly to `total` (largest remainders). */
export function scaleTo(total: number, weights: readonly number[]): number[] {
	const sum = weights.reduce((a, b) => a + b, 0);
	const raw = weights.map((w) => (w / sum) * total);
	const out = raw.map(Math.floor);
	let missing = total - out.reduce((a, b) => a + b, 0);
	const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
	for (const [, i] of order) {
		if (missing <= 0) break;
		out[i] = (out[i] as number) + 1;
		missing--;
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Destinations (§2)

/**
 * Placements by destination and year, for the named countries. Sources: 2024 top 20 (§2.1),
 * 2023 top 10 (§2.2), 2021/2022 (§2.3), 2025 Taiwan 89,960 (§2.3). The rest is [assumption]:
 * 2019 follows §11.1 (MY ~30 %, TW ~25 %, HK ~25 %, SG ~7 %, SA ~2.5 %); 2020 keeps Q1 near
 * 2019 and then the 2021 shape; 2025 keeps the 2024 shape with Taiwan at 89,960, HK/MY lower, and
 * Japan and Türkiye rising as the May/Jun 2025 monthly figures show (§2.3: JP ~1.67k, TR ~1.6k a
 * month); 2026 continues the shift to Japan, Korea, Türkiye, Germany. Each year's remainder goes to
 * TAIL_COUNTRIES.
 */
export const COUNTRY_PLACEMENTS: Readonly<Record<string, readonly number[]>> = {
	//     2019    2020    2021    2022    2023    2024    2025    2026
	HK: [69_000, 52_000, 52_278, 60_096, 65_916, 99_773, 88_000, 86_000],
	TW: [69_000, 33_500, 7_789, 53_459, 83_216, 84_581, 89_960, 98_000],
	MY: [83_000, 14_000, 563, 43_163, 72_260, 51_723, 44_000, 44_000],
	SG: [19_000, 4_500, 3_217, 6_624, 7_898, 10_819, 10_700, 11_000],
	SA: [7_000, 1_800, 2_500, 5_000, 6_310, 7_759, 8_000, 8_500],
	KR: [6_500, 1_000, 174, 11_554, 12_580, 10_750, 7_300, 9_500],
	JP: [5_000, 1_000, 359, 5_832, 9_673, 12_720, 18_000, 26_000],
	BN: [5_000, 800, 4, 513, 2_872, 3_183, 3_200, 3_300],
	IT: [2_000, 900, 1_000, 2_500, 3_519, 3_535, 3_600, 3_800],
	TR: [1_000, 300, 500, 1_500, 2_289, 2_630, 12_000, 17_000],
	PL: [1_000, 600, 1_200, 2_000, 1_500, 1_320, 1_600, 2_200],
	AE: [2_000, 600, 800, 1_500, 1_300, 1_244, 1_500, 2_200],
	ZM: [300, 100, 100, 400, 600, 857, 800, 800],
	QA: [1_500, 400, 600, 1_200, 900, 783, 800, 900],
	KW: [1_200, 300, 400, 900, 700, 640, 650, 700],
	MV: [500, 100, 100, 400, 500, 591, 600, 700],
	PG: [400, 150, 150, 400, 450, 456, 450, 500],
	HU: [200, 100, 150, 300, 350, 427, 500, 800],
	SK: [150, 50, 100, 200, 300, 404, 500, 900],
	RO: [150, 50, 100, 200, 300, 377, 450, 700],
	BG: [50, 20, 50, 100, 150, 200, 400, 900],
	DE: [150, 60, 80, 150, 200, 250, 400, 1_500],
	LK: [60, 30, 36, 99, 60, 50, 50, 50],
};

/**
 * The long tail (§2.1 "smallest destinations", §11.1: spread the rest over ~60 minor countries,
 * Zipf). Order = rank; weight of rank r is 1/r.
 */
export const TAIL_COUNTRIES: readonly string[] = [
	'OM',
	'AU',
	'CN',
	'NL',
	'CZ',
	'ES',
	'BH',
	'JO',
	'NZ',
	'FR',
	'GR',
	'MX',
	'RS',
	'KH',
	'US',
	'GB',
	'TH',
	'VN',
	'AT',
	'HR',
	'LT',
	'CY',
	'MT',
	'PT',
	'FJ',
	'PW',
	'TL',
	'DM',
	'LV',
	'EE',
	'SI',
	'BE',
	'CA',
	'IE',
	'CH',
	'SE',
	'NO',
	'DK',
	'FI',
	'LB',
	'EG',
	'MA',
	'ZA',
	'NG',
	'MU',
	'SC',
	'MH',
	'SB',
	'KZ',
	'GE',
	'AZ',
	'MD',
	'BA',
	'MK',
	'AL',
	'CG',
	'BF',
	'ER',
	'TC',
];

// ---------------------------------------------------------------------------------------------
// Schemes (§5)

/**
 * G2G placements by destination and year. Korea EPS 2023 11,569 and 2024 10,090; Japan 314/311;
 * Germany (Triple Win) 84/114 (§5). G2G total 2022 11,811; 2025 to 1 Nov 6,398 (§5). Taiwan G2G =
 * fishing crew (§4.3: 988 registered fishing PMI in 2023 through G2G with Taiwan and Korea).
 * Other years [assumption].
 */
export const G2G_PLACEMENTS: Readonly<Record<string, readonly number[]>> = {
	//     2019   2020  2021    2022    2023    2024   2025   2026
	KR: [6_300, 900, 150, 11_200, 11_569, 10_090, 6_900, 9_000],
	JP: [300, 100, 50, 250, 314, 311, 300, 400],
	DE: [50, 20, 30, 60, 84, 114, 150, 300],
	TW: [200, 50, 20, 300, 400, 400, 350, 400],
};

/**
 * Share of all placements that are perseorangan / MANDIRI: 2022 14,079 (7.0 %), 2023 18,908
 * (6.9 %), 2024 21,631 (7.3 %) (§5); 2025 [assumption] 9 % (26,008 to 1 Nov = 11 % incl.
 * extensions; the brief's 7–9 %); 2019–2021 and 2026 [assumption].
 */
export const MANDIRI_SHARE: readonly number[] = [0.065, 0.06, 0.05, 0.07, 0.069, 0.073, 0.09, 0.09];
/** UKPS 962 in 2024 = 0.32 % (§5); other years [assumption] the same share. */
export const UKPS_SHARE = 0.0032;

/** [assumption] where MANDIRI (self-arranged) placements go: direct-hire household and Gulf markets. */
export const MANDIRI_COUNTRY_WEIGHTS: Readonly<Record<string, number>> = {
	HK: 0.3,
	TW: 0.15,
	MY: 0.12,
	SA: 0.08,
	SG: 0.05,
	AE: 0.04,
	JP: 0.04,
	QA: 0.03,
	KW: 0.03,
	TR: 0.03,
	BN: 0.03,
	IT: 0.02,
	PL: 0.02,
	OM: 0.01,
	AU: 0.01,
	NZ: 0.01,
	US: 0.005,
	GB: 0.005,
};
/** [assumption] where UKPS (companies placing their own staff) go. */
export const UKPS_COUNTRY_WEIGHTS: Readonly<Record<string, number>> = {
	MY: 0.25,
	JP: 0.2,
	SG: 0.1,
	TW: 0.1,
	AE: 0.1,
	SA: 0.05,
	KR: 0.05,
	QA: 0.05,
	PG: 0.05,
	ZM: 0.05,
};

// ---------------------------------------------------------------------------------------------
// Origin provinces (§3)

/**
 * Placements by province of origin (Kemendagri code) and year, where known: 2023 and 2025 top 10
 * (§3.1); 2024 top 5 from the annual report (§3.1: Jatim 26.67 %, Jateng 66,611, Jabar 61,556,
 * NTB 31,031, Lampung 25,162). Shares for 2019–2022 and 2026 and for the unnamed provinces are
 * [assumption] (2019 leans to Jabar: Indramayu 23,435 and Cirebon 12,180 in 2019, §3.2; 2020–2021
 * lean to Jatim, the Hong Kong province, §3.1 origin by destination). Values are shares of the
 * year; PROVINCE_TAIL_2014 spreads whatever is left.
 */
export const PROVINCE_SHARES: Readonly<Record<number, Readonly<Record<string, number>>>> = {
	2019: {
		'35': 0.24,
		'33': 0.21,
		'32': 0.24,
		'52': 0.115,
		'18': 0.065,
		'12': 0.035,
		'51': 0.025,
		'36': 0.016,
		'73': 0.01,
		'53': 0.012,
		'16': 0.007,
	},
	2020: {
		'35': 0.28,
		'33': 0.22,
		'32': 0.2,
		'52': 0.08,
		'18': 0.08,
		'12': 0.03,
		'51': 0.025,
		'36': 0.014,
		'73': 0.008,
		'53': 0.01,
		'16': 0.007,
	},
	2021: {
		'35': 0.3,
		'33': 0.23,
		'32': 0.19,
		'52': 0.06,
		'18': 0.09,
		'12': 0.025,
		'51': 0.025,
		'36': 0.013,
		'73': 0.006,
		'53': 0.008,
		'16': 0.007,
	},
	2022: {
		'35': 0.255,
		'33': 0.215,
		'32': 0.195,
		'52': 0.115,
		'18': 0.08,
		'12': 0.038,
		'51': 0.032,
		'36': 0.012,
		'73': 0.007,
		'53': 0.007,
		'16': 0.007,
	},
	2023: share(
		{
			'35': 68_069,
			'33': 59_009,
			'32': 52_961,
			'52': 33_949,
			'18': 21_539,
			'12': 10_550,
			'51': 9_359,
			'36': 3_183,
			'16': 2_088,
			'73': 2_076,
			'53': 1_900,
		},
		274_965,
	),
	2024: {
		'35': 0.2667,
		'33': 66_611 / 297_434,
		'32': 61_556 / 297_434,
		'52': 31_031 / 297_434,
		'18': 25_162 / 297_434,
		'12': 0.025,
		'51': 0.032,
		'36': 0.012,
		'73': 0.016,
		'53': 0.011,
		'16': 0.006,
	},
	2025: share(
		{
			'35': 69_925,
			'32': 62_358,
			'33': 62_276,
			'52': 35_215,
			'18': 24_175,
			'51': 10_059,
			'73': 7_173,
			'53': 4_163,
			'36': 3_658,
			'12': 3_545,
		},
		296_948,
	),
	2026: {
		'35': 0.232,
		'32': 0.212,
		'33': 0.21,
		'52': 0.112,
		'18': 0.08,
		'51': 0.036,
		'73': 0.026,
		'53': 0.015,
		'36': 0.014,
		'12': 0.013,
		'31': 0.006,
	},
};

function share(counts: Readonly<Record<string, number>>, total: number): Record<string, number> {
	const out: Record<string, number> = {};
	for (const [k, v] of Object.entries(counts)) out[k] = v / total;
	return out;
}

/**
 * The long tail of origins: Jan–Sep 2014 counts for every province (§3.1, BNP2TKI), used as
 * relative weights for the provinces a year's PROVINCE_SHARES does not name. [assumption] where
 * the 2014 list has no entry: Sumatera Selatan 2,000 (absent from the list; 2,088 in 2023),
 * Kalimantan Utara 100 of Kaltim's 429 (split off in 2012), and the four Papua provinces created in
 * 2022 share their parents' 37 (Papua) and 38 (Papua Barat). That gives Papua, Maluku and
 * Gorontalo a few to a few tens a year, as in 2023 (Maluku Utara 12, Papua Barat 15, Gorontalo 20,
 * §3.1).
 */
export const PROVINCE_TAIL_2014: Readonly<Record<string, number>> = {
	'32': 79_862,
	'33': 69_459,
	'35': 60_163,
	'52': 45_163,
	'18': 12_891,
	'12': 10_740,
	'36': 7_445,
	'51': 6_544,
	'73': 6_347,
	'31': 6_097,
	'53': 4_338,
	'61': 4_263,
	'34': 2_961,
	'16': 2_000,
	'13': 954,
	'21': 873,
	'71': 864,
	'63': 722,
	'11': 710,
	'14': 678,
	'15': 654,
	'72': 651,
	'64': 329,
	'65': 100,
	'74': 370,
	'76': 349,
	'17': 221,
	'62': 72,
	'19': 37,
	'81': 248,
	'82': 86,
	'75': 34,
	'91': 12,
	'93': 8,
	'94': 9,
	'95': 8,
	'92': 20,
	'96': 18,
};

/**
 * Regencies within a province (§3.2, §11.3): shares of the province's placements for the named
 * pockets; the rest of the province's regencies share the remainder (Zipf by code order, cities
 * at half weight). Derivations:
 * - Jabar: Indramayu 9,531 of ~31k Jabar placements in H1 2025 ≈ 30 % (§3.2; §11.3 suggests
 *   15–20 %, but every Indramayu series is 30–39 % of Jabar); Cirebon 5,070 H1 2025 ≈ 16 %;
 *   Cianjur, Sukabumi, Subang, Karawang, Majalengka from the Jan–Sep 2014 West Java list.
 * - Jateng: Cilacap 5,664 of ~31k in H1 2025 ≈ 18 %; Kendal 2019 7,743; then Brebes, Kebumen,
 *   Banyumas (§11.3).
 * - Jatim: the 2019 ranking Ponorogo 9,699, Blitar 9,176, Tulungagung 8,636, Malang 7,953,
 *   Banyuwangi 6,352, Madiun 4,919 (§3.2).
 * - NTB: cumulative 2007–Jun 2022 by regency (§3.1): Lombok Timur 43.9 %, Lombok Tengah 27.5 %, …
 * - Lampung (Lampung Timur main, §11.3), Sumut, Bali, NTT, Banten, Sulsel: [assumption] on the
 *   §10.2 regencies.
 */
export const REGENCY_POCKETS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
	'32': { Indramayu: 0.3, Cirebon: 0.15, Cianjur: 0.08, Sukabumi: 0.065, Subang: 0.065, Karawang: 0.06, Majalengka: 0.045 },
	'33': { Cilacap: 0.18, Kendal: 0.12, Brebes: 0.08, Kebumen: 0.07, Banyumas: 0.06, Grobogan: 0.05, Tegal: 0.05 },
	'35': {
		Ponorogo: 0.13,
		Blitar: 0.12,
		Tulungagung: 0.11,
		Malang: 0.11,
		Banyuwangi: 0.085,
		Madiun: 0.065,
		Kediri: 0.05,
		Trenggalek: 0.04,
		Jember: 0.04,
	},
	'52': {
		'Lombok Timur': 0.439,
		'Lombok Tengah': 0.275,
		'Lombok Barat': 0.125,
		Sumbawa: 0.064,
		Bima: 0.032,
		'Kota Mataram': 0.023,
		'Lombok Utara': 0.019,
		Dompu: 0.012,
		'Sumbawa Barat': 0.01,
		'Kota Bima': 0.001,
	},
	'18': { 'Lampung Timur': 0.3, 'Lampung Tengah': 0.2, 'Lampung Selatan': 0.1, Pringsewu: 0.07, Tanggamus: 0.07 },
	'12': { 'Deli Serdang': 0.2, Asahan: 0.18, 'Batu Bara': 0.1, Langkat: 0.08, 'Kota Tanjungbalai': 0.07 },
	'51': { Buleleng: 0.25, Karangasem: 0.2, Jembrana: 0.15 },
	'53': { 'Flores Timur': 0.2, Kupang: 0.15, Sikka: 0.1, Ende: 0.08 },
	'36': { Serang: 0.2, Tangerang: 0.2, Lebak: 0.15, Pandeglang: 0.12 },
	'73': { Bone: 0.15, Pinrang: 0.12, 'Sidenreng Rappang': 0.1, Soppeng: 0.08 },
};

// ---------------------------------------------------------------------------------------------
// Worker characteristics (§4)

/**
 * Female share of placements. 2021 87.9 % (§4.1); 2023 61 % (Jan–Oct 61.7 %, H1 60.3 %, Menaker
 * 61 %); 2024 66.5 % [derived from Jan–Aug 68.4 %, Feb 63.6 %, Apr 69.8 %]; 2025 63.1 %
 * (187,468 of 296,948). 2019 [assumption] 69 %, 2020 [assumption] 78 % (Hong Kong dominant after
 * March), 2022 [assumption] 61 % (Oct 2022 59 %), 2026 [assumption] 60 % (manufacturing,
 * welding and Korea grow).
 */
export const FEMALE_SHARE: readonly number[] = [0.69, 0.78, 0.879, 0.61, 0.61, 0.665, 0.631, 0.6];

/**
 * Education of placements (§4.4): 2022–2024 S2/S3 0.02 %, S1 1 %, Diploma 2 %, SMA/SMK 44 %,
 * SMP 31 %, SD 22 %; 2019–2021 [assumption] lower (the returnee survey and "65 % SD–SMP" in
 * 2017, §4.4); 2025–2026 [assumption] rising with the skill shift. SMK's share of SMA+SMK is
 * [assumption] 35 % in 2019 rising to 50 % in 2026 (Quick Win counts SMK graduates, §6.2).
 * Order: none, sd, smp, sma+smk, diploma, s1, s2+s3.
 */
export const EDUCATION_SHARES: Readonly<Record<number, readonly number[]>> = {
	2019: [0, 0.26, 0.33, 0.38, 0.02, 0.0098, 0.0002],
	2020: [0, 0.25, 0.33, 0.39, 0.02, 0.0098, 0.0002],
	2021: [0, 0.24, 0.33, 0.4, 0.02, 0.0098, 0.0002],
	2022: [0, 0.22, 0.31, 0.44, 0.02, 0.0098, 0.0002],
	2023: [0, 0.22, 0.31, 0.44, 0.02, 0.0098, 0.0002],
	2024: [0, 0.22, 0.31, 0.44, 0.02, 0.0098, 0.0002],
	2025: [0, 0.2, 0.3, 0.465, 0.022, 0.0128, 0.0002],
	2026: [0, 0.17, 0.28, 0.505, 0.028, 0.0168, 0.0002],
};
export const SMK_SHARE_OF_SENIOR_SECONDARY: readonly number[] = [0.35, 0.37, 0.39, 0.41, 0.43, 0.45, 0.47, 0.5];

/**
 * Occupation targets for 2023–2025 (§4.3), as counts per year, by ISCO group:
 * house maid + "domestic worker" labels → 9111 (§10.3), caregivers → 5321/5322, general worker →
 * 9329, plantation → 9211, construction → 9313. The "domestic worker" label is [assumption]
 * ~8,000 in 2024 (in the top 5 but unpublished) and ~10,000 in 2023. 2024 uses the to-30-Dec
 * counts. Construction in 2023 and 2025 is [assumption].
 */
export const OCCUPATION_TARGETS: Readonly<Record<number, Readonly<Record<string, number>>>> = {
	2023: { '9111': 66_362 + 10_000, care: 54_665, '9211': 25_163, '9329': 21_000, '9313': 9_000 },
	2024: { '9111': 99_485 + 8_000, care: 51_582, '9211': 20_033, '9329': 22_446, '9313': 8_695 },
	2025: { '9111': 76_773 + 14_466, care: 53_574, '9211': 27_828, '9329': 17_250, '9313': 8_000 },
};

/**
 * Medium-to-high-skill share of placements (skill level ≥ 3, or ≥ 2 with a certificate passed
 * before departure). No published series: [assumption]. Up to 2025 it is what the occupation mix
 * gives with certificates only where lines require them plus a small voluntary rate (Taiwan's
 * certified caregivers alone are ~15 %); 2026 rises to 50 % as the Quick Win pushes certification
 * — growing, but with ~325k placements a year that is ~160k in 2026, far off the Quick Win's
 * 500,000 (§6.2). Generator 1.2.0 (every Taiwan factory-operator line asks its certificate, issue
 * #15) puts the years before 2026 above this series — the required certificates alone give more —
 * so 2026 was raised from 45 % to stay clearly above 2025 (docs/data.md §5.9).
 */
export const MEDIUM_HIGH_SHARE: readonly number[] = [0.25, 0.28, 0.19, 0.29, 0.34, 0.31, 0.35, 0.5];

// ---------------------------------------------------------------------------------------------
// Demand (§6.1, §6.2)

/** The snapshot the ministry quoted: 351,743 active P-to-P vacancies on 1 Dec 2025, 19.46 % applied (§6.1, §12). */
export const SNAPSHOT = { date: '2025-12-01', activeSlots: 351_743, appliedShare: 0.1946 } as const;

/** Remaining (not yet applied) P-to-P vacancies by destination, 8 Dec 2025 (§6.1); 'other' = the rest. */
export const REMAINING_BY_COUNTRY: Readonly<Record<string, number>> = {
	TW: 201_227,
	MY: 23_896,
	HK: 19_153,
	SG: 13_115,
	TR: 10_369,
	BG: 3_041,
	AE: 2_490,
	BN: 2_016,
	PL: 1_699,
	IT: 983,
	other: 7_876,
};

/** Remaining P-to-P vacancies by sector, 8 Dec 2025 (§6.1); 'other' = transport, retail, admin/finance, IT, oil & gas. */
export const REMAINING_BY_SECTOR: Readonly<Record<string, number>> = {
	health_care: 101_880,
	manufacturing: 72_943,
	domestic: 60_116,
	agriculture: 24_649,
	hospitality: 16_640,
	other_services: 4_580,
	construction: 1_877,
	ship_crew: 1_565,
	engineering: 664,
	other: 951,
};

/** 2025 job-order projection, 1,630,365 slots (§6.2): the order of magnitude of yearly demand. */
export const DEMAND_2025_PROJECTION = 1_630_365;

/**
 * Demand shifts from low to medium/high skill (§6.2, §12): [assumption] slots demanded per
 * placement grow 6 % a year for skilled cells and shrink 4 % a year for elementary ones, relative
 * to 2025.
 */
export const DEMAND_SKILL_TREND = { skilled: 0.06, elementary: -0.04 } as const;

/** Never-placed registrations that never apply (the idle waiting supply), per year [assumption]. */
export const IDLE_REGISTRATIONS: Readonly<Record<number, number>> = {
	2018: 20_000,
	2019: 90_000,
	2020: 50_000,
	2021: 40_000,
	2022: 80_000,
	2023: 100_000,
	2024: 110_000,
	2025: 130_000,
	2026: 180_000,
};

/**
 * The competency gap at the as-of date [assumption, sourced; docs/data.md §5.15]: the share of open
 * slots that no eligible waiting candidate could take (the competency_gap cube's gap ÷ open slots,
 * with the one eligibility of warehouse/src/matching/eligibility.ts), and what the nearest
 * candidates lack. No split is published; the ranges follow the ministry's diagnosis:
 * - §6.1 / §12: of ~350,000 active P-to-P vacancies only ~19 % are applied for (19.46 % on 1 Dec
 *   2025; 81 % remaining on 23 Nov 2025), "because of the competency gap" (the minister, 4 Dec
 *   2025), so most open slots have nobody eligible waiting — at most the ~81 % nobody applies for;
 * - the competencies the minister names: certificates (BNSP certification centralised on Java,
 *   BP3MI Kalbar 17 Dec 2025), language for Japan, Korea, Taiwan and Germany, medium-high skills —
 *   so a certificate is the largest part, a language level the second, experience and education
 *   small, and the rest is demand no waiting candidate is one step from (recruitment, not training).
 * Checked on `tiny` (the test data) by tests/integration/metrics/demo-gap.test.ts. Generator 1.2.0
 * at national scale: 50.8 % of open slots, certificate 47 %, language 31 %, experience + education
 * 1.5 %, no near supply 20 % (docs/data.md §5.15; 40.3 % with 1.1.0).
 */
export const COMPETENCY_GAP = {
	gapShare: [0.5, 0.8],
	split: {
		certificate: [0.3, 0.6],
		language: [0.12, 0.35],
		experienceOrEducation: [0, 0.1],
		noNearSupply: [0.15, 0.45],
	},
	/** destinations whose language the minister names (§12): Japanese, Korean, Mandarin, German */
	languageMarkets: ['JP', 'KR', 'TW', 'DE'],
	/** share of the language part of the gap that lies in those markets, at least */
	languageMarketsShare: 0.75,
} as const satisfies {
	gapShare: readonly [number, number];
	split: Record<string, readonly [number, number]>;
	languageMarkets: readonly string[];
	languageMarketsShare: number;
};
