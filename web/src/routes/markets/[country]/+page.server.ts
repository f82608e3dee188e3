import { error } from '@sveltejs/kit';
import { monthsBetween } from '$lib/filters';
import { requestLang, translator } from '$lib/i18n';
import { errorsOf, ignoredOf, loadNames, num, pageContext, runQueries, scopesOf, staticOptions } from '$lib/server/dashboard';
import { COUNTRY_TILES, countryQueries } from '$lib/server/pages/country';
import { readTiles, tileLabels } from '$lib/server/pages/query-kit';
import type { PageServerLoad } from './$types';

const label = (v: unknown) => (v === null || v === undefined ? '' : String(v));
/** The reader's name of a code ('' stays '': no requirement). */
const nameOf = (names: Record<string, string>, v: unknown) => (label(v) ? (names[label(v)] ?? label(v)) : '');

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const code = params.country.toUpperCase();
	if (!/^[A-Z]{2}$/.test(code)) error(404, 'Unknown country');
	const page = await pageContext(locals.user, url);
	// The country of this page is a filter like any other: every query applies it.
	const filters = { ...page.filters, values: { ...page.filters.values, country: [code] } };
	const sector = filters.values.sector.length === 1 ? (filters.values.sector[0] ?? null) : null;
	const occupation = filters.values.occupation.length === 1 ? (filters.values.occupation[0] ?? null) : null;
	const { level, breakdown, queries } = countryQueries(filters, page.members, { sector, occupation });
	const [names, r] = await Promise.all([loadNames(page.context, requestLang(url)), runQueries(queries, page.context)]);
	if (!names.names.country[code]) error(404, `Unknown country ${code}`);
	const totals = r.totals.data[0] ?? {};
	const placed = r.placements.data[0] ?? {};
	const fill = r.fillTime.data[0] ?? {};
	const nameOfBreakdown = (v: string) => (breakdown === 'sector' ? names.names.sector[v] : names.names.occupation[v]) ?? v;
	const gapFor = new Map(r.gap.data.map((g) => [label(g[`competency_gap.${breakdown}`]), g]));
	return {
		code,
		name: names.names.country[code],
		level,
		breakdown,
		sector,
		sectorName: sector ? (names.names.sector[sector] ?? sector) : null,
		occupation,
		occupationName: occupation ? (names.names.occupation[occupation] ?? occupation) : null,
		filters: page.filters,
		bounds: page.bounds,
		freshness: page.freshness,
		options: { ...names.options, ...staticOptions(translator(requestLang(url)) as never) },
		ignored: ignoredOf(queries),
		errors: errorsOf(r),
		scope: scopesOf(queries, page.context, names.names.province, translator(requestLang(url))),
		limits: { breakdown: queries.breakdown.query.limit ?? null, lines: queries.lines.query.limit ?? null },
		labels: tileLabels(COUNTRY_TILES),
		kpi: {
			...readTiles(COUNTRY_TILES, r),
			lines: num(totals['job_orders.lines']),
			applications: num(totals['job_orders.applications']),
			placementsOnLines: num(totals['job_orders.placements']),
			femaleShare: num(placed['placements.female_share']),
			p25Days: num(fill['fill_time.p25_days_to_fill']),
			p75Days: num(fill['fill_time.p75_days_to_fill']),
		},
		trend: mergeMonths(
			monthsBetween(page.filters.from, page.filters.to),
			r.demandTrend.data.map((d) => [label(d['job_orders.issued_date.month']).slice(0, 7), num(d['job_orders.demand_slots'])]),
			r.placementTrend.data.map((d) => [label(d['placements.departure_date.month']).slice(0, 7), num(d['placements.placements'])]),
		),
		breakdownRows: r.breakdown.data.map((d) => {
			const id = label(d[`job_orders.${breakdown}`]);
			const g = gapFor.get(id);
			return {
				id,
				name: nameOfBreakdown(id),
				demand: num(d['job_orders.demand_slots']),
				placements: num(d['job_orders.placements']),
				fillRate: num(d['job_orders.fill_rate']),
				wage: num(d['job_orders.avg_wage_usd']),
				openSlots: num(g?.['competency_gap.open_slots']),
				qualified: num(g?.['competency_gap.qualified_supply']),
				gap: num(g?.['competency_gap.gap']),
			};
		}),
		// open slots in the gap query: with none the card has no data, with some and no gap row it has no gap
		gapOpenSlots: r.gap.data.reduce((sum, g) => sum + (num(g['competency_gap.open_slots']) ?? 0), 0),
		gapRows: r.gap.data
			.filter((g) => (num(g['competency_gap.gap']) ?? 0) > 0)
			.map((g) => ({
				id: label(g[`competency_gap.${breakdown}`]),
				name: nameOfBreakdown(label(g[`competency_gap.${breakdown}`])),
				openSlots: num(g['competency_gap.open_slots']),
				qualified: num(g['competency_gap.qualified_supply']),
				gap: num(g['competency_gap.gap']),
				certificate: num(g['competency_gap.gap_certificate']),
				language: num(g['competency_gap.gap_language']),
				education: num(g['competency_gap.gap_education']),
				experience: num(g['competency_gap.gap_experience']),
			})),
		lines: r.lines.data.map((d) => ({
			occupation: names.names.occupation[label(d['job_orders.occupation'])] ?? label(d['job_orders.occupation']),
			certificate: nameOf(names.names.certificate, d['job_orders.required_certificate']),
			language: nameOf(names.names.language, d['job_orders.required_language']),
			languageLevel: num(d['job_orders.required_language_level']),
			education: nameOf(names.names.education, d['job_orders.min_education']),
			experience: num(d['job_orders.min_experience_years']),
			gender: label(d['job_orders.gender_requirement']),
			lines: num(d['job_orders.lines']),
			demand: num(d['job_orders.demand_slots']),
			applications: num(d['job_orders.applications']),
			placements: num(d['job_orders.placements']),
			fillRate: num(d['job_orders.fill_rate']),
			wage: num(d['job_orders.avg_wage_usd']),
		})),
		agencies: r.agencies.data.map((d) => ({
			code: label(d['job_orders.agency']) || null,
			demand: num(d['job_orders.demand_slots']),
			placements: num(d['job_orders.placements']),
			fillRate: num(d['job_orders.fill_rate']),
		})),
		rejections: r.rejections.data
			.filter((d) => label(d['applications.rejection_reason']) !== '')
			.map((d) => ({ reason: label(d['applications.rejection_reason']), rejected: num(d['applications.rejected']) })),
	};
};

/** Two monthly count series on one axis of every month in the period; a month without rows is 0. */
function mergeMonths(months: string[], a: [string, number | null][], b: [string, number | null][]) {
	const ma = new Map(a);
	const mb = new Map(b);
	return months.map((m) => ({ month: m, demand: ma.get(m) ?? 0, placements: mb.get(m) ?? 0 }));
}
