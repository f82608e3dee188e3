/**
 * What the public surface publishes, declared once for the suppression pipeline (public-load.ts)
 * and the disclosure auditor (disclosure-audit.ts):
 *
 * - attributes: the non-time dimensions of the public views, by their short name (a view's
 *   `province` and another view's `province` are the same attribute), each with the coarser
 *   attribute it rolls up to from the public reference data (common/reference): country → region,
 *   province → island group, occupation → sector. A public table is "time × one attribute"
 *   (access.ts, checkPublicQuery), so its family is that attribute with its hierarchy and the
 *   time hierarchy (month → quarter → year → all time);
 * - quantities: which measures of different views count the same people
 *   (public_provinces.placements are public_placements.placements by province and month). Each
 *   quantity is protected in one canonical view — the first one listing it — and every other
 *   view hides a cell of it exactly where the canonical view does;
 * - relations the public knows between quantities (medium-high ⊂ placements; for occupations of
 *   skill level 3–4 the two are equal, for level 1 medium-high is 0: docs/metrics.md), used by
 *   the auditor's attacker.
 *
 * docs/access.md ("The public", "Suppression") explains the rules for readers.
 */
import { countryByIso2, occupationByIsco4, provinceByCode } from '../../common/reference/index.ts';

export interface PublicAttribute {
	/** the coarser attribute it rolls up to, and how a value maps to it */
	parent?: { attribute: string; of: (value: string) => string };
}

export const PUBLIC_ATTRIBUTES: Readonly<Record<string, PublicAttribute>> = {
	country: { parent: { attribute: 'region', of: (v) => countryByIso2.get(v)?.region ?? `?${v}` } },
	region: {},
	province: { parent: { attribute: 'island_group', of: (v) => provinceByCode.get(v)?.island_group ?? `?${v}` } },
	island_group: {},
	occupation: { parent: { attribute: 'sector', of: (v) => occupationByIsco4.get(v)?.sector ?? `?${v}` } },
	sector: {},
	// public_openings' requirement profile: `occupation|certificate|…` (cube/model/openings.js)
	opening: { parent: { attribute: 'occupation', of: (v) => v.split('|')[0] ?? v } },
	gender: {},
	scheme: {},
};

/** The coarser attributes of one, finest first (province → [island_group]). */
export function ancestorsOf(attribute: string): { attribute: string; of: (value: string) => string }[] {
	const out: { attribute: string; of: (value: string) => string }[] = [];
	let of = (v: string) => v;
	for (let a = PUBLIC_ATTRIBUTES[attribute]?.parent; a; a = PUBLIC_ATTRIBUTES[a.attribute]?.parent) {
		const below = of;
		const step = a.of;
		of = (v: string) => step(below(v));
		out.push({ attribute: a.attribute, of });
	}
	return out;
}

/** The finer attribute that rolls up to this one (island_group → province), if any. */
export function childOf(attribute: string): string | undefined {
	return Object.entries(PUBLIC_ATTRIBUTES).find(([, a]) => a.parent?.attribute === attribute)?.[0];
}

/**
 * Count measures of different views that count the same people, by the same time: the quantity
 * they are. Measures not listed are a quantity of their own (`view.member`).
 */
export const PUBLIC_QUANTITIES: Readonly<Record<string, string>> = {
	'public_placements.placements': 'placements',
	'public_placements.medium_high_placements': 'medium_high_placements',
	'public_provinces.placements': 'placements',
	'public_provinces.medium_high_placements': 'medium_high_placements',
	'public_quick_win.medium_high_in_month': 'medium_high_placements',
};

/**
 * Count measures that equal another view's quantity over all time only (same people, another
 * time axis): placements on job orders, by the order's issue date, are all placements — by
 * country, region, sector, occupation and scheme the all-time totals of the two views agree
 * (checked on the test data). In a table without a period they are hidden wherever the
 * canonical view hides that quantity; by period they are their own quantity.
 */
export const ALL_TIME_QUANTITIES: Readonly<Record<string, string>> = {
	'public_demand.placements': 'placements',
};

/** The view whose suppression decides a quantity's hidden cells everywhere. */
export const CANONICAL_VIEW: Readonly<Record<string, string>> = {
	placements: 'public_placements',
	medium_high_placements: 'public_placements',
};

export function quantityOf(member: string): string {
	return PUBLIC_QUANTITIES[member] ?? member;
}

/** The time dimension of each public view (the period of its tables). */
export const PUBLIC_TIME: Readonly<Record<string, string>> = {
	public_placements: 'public_placements.departure_date',
	public_provinces: 'public_provinces.month',
	public_demand: 'public_demand.issued_date',
	public_quick_win: 'public_quick_win.month',
};

/** Relations between quantities the public knows, for every cell of a family. */
export interface QuantityRelation {
	/** part ≤ whole in every cell */
	part: string;
	whole: string;
	/** on this attribute, cells whose value makes part = whole ('equal') or part = 0 ('zero') */
	by?: { attribute: string; rule: (value: string) => 'equal' | 'zero' | 'between' };
}

export const QUANTITY_RELATIONS: readonly QuantityRelation[] = [
	{
		part: 'medium_high_placements',
		whole: 'placements',
		by: {
			attribute: 'occupation',
			rule: (v) => {
				const level = occupationByIsco4.get(v)?.skill_level;
				return level === undefined ? 'between' : level >= 3 ? 'equal' : level === 1 ? 'zero' : 'between';
			},
		},
	},
	{ part: 'public_demand.open_slots_now', whole: 'public_demand.demand_slots' },
];
