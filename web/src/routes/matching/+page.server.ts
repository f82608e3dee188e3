import { requestLang, translator } from '$lib/i18n';
import {
	errorsOf,
	ignoredOf,
	loadNames,
	num,
	pageContext,
	runQueries,
	type SafeResult,
	scopesOf,
	staticOptions,
} from '$lib/server/dashboard';
import { MATCHING_TILES, matchingQueries } from '$lib/server/pages/matching';
import { readTiles, tileLabels } from '$lib/server/pages/query-kit';
import type { PageServerLoad } from './$types';

export interface GapRow {
	occupation: string;
	country: string;
	label: string;
	openSlots: number | null;
	qualified: number | null;
	gap: number | null;
	gapShare: number | null;
	certificate: number | null;
	language: number | null;
	education: number | null;
	experience: number | null;
	noNearSupply: number | null;
	byCertification: number | null;
	byLanguage: number | null;
	byTraining: number | null;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const page = await pageContext(locals.user, url);
	const queries = matchingQueries(page.filters, page.members);
	const [names, r] = await Promise.all([loadNames(page.context, requestLang(url)), runQueries(queries, page.context)]);
	const rows = (result: SafeResult, label: (occupation: string, country: string) => string): GapRow[] =>
		result.data.map((d) => {
			const occupation = String(d['competency_gap.occupation'] ?? '');
			const country = String(d['competency_gap.country'] ?? '');
			return {
				occupation,
				country,
				label: label(occupation, country),
				openSlots: num(d['competency_gap.open_slots']),
				qualified: num(d['competency_gap.qualified_supply']),
				gap: num(d['competency_gap.gap']),
				gapShare: num(d['competency_gap.gap_share']),
				certificate: num(d['competency_gap.gap_certificate']),
				language: num(d['competency_gap.gap_language']),
				education: num(d['competency_gap.gap_education']),
				experience: num(d['competency_gap.gap_experience']),
				noNearSupply: num(d['competency_gap.gap_no_near_supply']),
				byCertification: num(d['competency_gap.closable_by_certification']),
				byLanguage: num(d['competency_gap.closable_by_language']),
				byTraining: num(d['competency_gap.closable_by_training']),
			};
		});
	const occ = (code: string) => names.names.occupation[code] ?? code;
	const ctry = (code: string) => names.names.country[code] ?? code;
	const cells = rows(r.cells, (o, c) => `${occ(o)} — ${ctry(c)}`);
	// Certification first, then language training: the two parts add up to closable_by_training and
	// never count a cell's slot twice (closable_by_certification + closable_by_language would).
	const closable = [...cells]
		.map((c) => ({ ...c, closable: c.byTraining ?? 0 }))
		.filter((c) => c.closable > 0)
		.sort((a, b) => b.closable - a.closable)
		.slice(0, 12);
	const totals = rows(r.totals, () => '')[0] ?? null;
	return {
		// open slots but no gap: the cards say "no gap" rather than draw empty bars or "no data"
		noGap: (totals?.openSlots ?? 0) > 0 && (totals?.gap ?? 0) === 0,
		filters: page.filters,
		bounds: page.bounds,
		freshness: page.freshness,
		options: { ...names.options, ...staticOptions(translator(requestLang(url)) as never) },
		ignored: ignoredOf(queries),
		errors: errorsOf(r),
		scope: scopesOf(queries, page.context, names.names.province, translator(requestLang(url))),
		totals,
		labels: tileLabels(MATCHING_TILES),
		tiles: readTiles(MATCHING_TILES, r),
		byOccupation: rows(r.byOccupation, (o) => occ(o)),
		byCountry: rows(r.byCountry, (_o, c) => ctry(c)),
		cells,
		closable,
	};
};
