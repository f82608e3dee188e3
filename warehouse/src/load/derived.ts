/**
 * The rules behind the columns the loader derives (as opposed to copies from a dimension or
 * another fact). Each is defined once, here, as SQL over the publish query's columns, and
 * docs/ingestion.md quotes them. Formality is NOT a rule here: it is data — a formal sector
 * (dim_sectors.formal) and an occupation not usually employed by households
 * (dim_household_occupations), both from common/reference/data/.
 */

/** Age bands at registration, as the fct_candidates.age_band COMMENT lists them. */
export const AGE_BANDS = [
	{ label: '17-24', max: 24 },
	{ label: '25-29', max: 29 },
	{ label: '30-34', max: 34 },
	{ label: '35-39', max: 39 },
	{ label: '40-44', max: 44 },
	{ label: '45+', max: Number.POSITIVE_INFINITY },
] as const;

const OLDEST = AGE_BANDS[AGE_BANDS.length - 1] as (typeof AGE_BANDS)[number];

export function ageBand(age: number): string {
	return (AGE_BANDS.find((b) => age <= b.max) ?? OLDEST).label;
}

/** SQL for the band of an integer age expression. */
export function ageBandSql(age: string): string {
	const branches = AGE_BANDS.filter((b) => Number.isFinite(b.max)).flatMap((b) => [`${age} <= ${b.max}`, `'${b.label}'`]);
	return `multiIf(${branches.join(', ')}, '${OLDEST.label}')`;
}

/**
 * certified: the candidate had passed a certification (any scheme: the column COMMENT says
 * "held a passed certification before departure") on or before the departure date.
 * `hasPass` / `firstPass` come from the earliest passed exam of the candidate.
 */
export function certifiedSql(hasPass: string, firstPass: string, departure: string): string {
	return `toUInt8(${hasPass} = 1 AND ${firstPass} <= ${departure})`;
}

/** medium_high_skill (SPEC glossary): ISCO skill level ≥ 3, or ≥ 2 with a recognised certificate. */
export function mediumHighSkillSql(skillLevel: string, certified: string): string {
	return `toUInt8(${skillLevel} >= 3 OR (${skillLevel} >= 2 AND ${certified} = 1))`;
}

/** smk: a vocational-school graduate (education code 'smk'), the Quick Win 300k sub-target. */
export function smkSql(education: string): string {
	return `toUInt8(${education} = 'smk')`;
}
