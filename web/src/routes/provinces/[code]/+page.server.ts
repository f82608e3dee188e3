import { error } from '@sveltejs/kit';
import { requestLang, translator } from '$lib/i18n';
import { errorsOf, ignoredOf, loadNames, num, pageContext, runQueries, scopesOf, staticOptions } from '$lib/server/dashboard';
import { PROVINCE_TILES, provinceQueries } from '$lib/server/pages/province';
import { readTiles, tileLabels } from '$lib/server/pages/query-kit';
import type { PageServerLoad } from './$types';

interface MissingRegency {
	code: string;
	province: string;
	name: string;
}

const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));

export const load: PageServerLoad = async ({ locals, url, params, fetch }) => {
	const code = params.code;
	if (!/^\d{2}$/.test(code)) error(404, 'Unknown province');
	const page = await pageContext(locals.user, url);
	const regencyParam = url.searchParams.get('regency');
	const regency = regencyParam?.startsWith(`${code}.`) && /^\d{2}\.\d{2}$/.test(regencyParam) ? regencyParam : null;
	const queries = provinceQueries(page.filters, page.members, code, regency);
	const [names, r, missingResponse] = await Promise.all([
		loadNames(page.context, requestLang(url)),
		runQueries(queries, page.context),
		fetch('/geo/regencies-missing.json'),
	]);
	const name = names.names.province[code];
	if (!name) error(404, `Unknown province ${code}`);
	const missing = ((await missingResponse.json()) as MissingRegency[]).filter((m) => m.province === code);

	// Regency names are reference data, read with the names of every other code: a regional head
	// looking at another province is refused its regency detail, not the names of its regencies.
	const regencyName = (rc: string) => names.names.regency[rc] ?? rc;
	const placementsByRegency = new Map(r.byRegency.data.map((d) => [s(d['placements.regency']), num(d['placements.placements'])]));
	const candidatesByRegency = new Map(r.candidatesByRegency.data.map((d) => [s(d['supply.regency']), d]));
	const supplyNowByRegency = new Map(r.supplyNowByRegency.data.map((d) => [s(d['supply.regency']), d]));
	const regencyCodes = [...new Set([...placementsByRegency.keys(), ...candidatesByRegency.keys(), ...supplyNowByRegency.keys()])].filter(
		Boolean,
	);
	const totals = r.placements.data[0] ?? {};
	const funnel = r.funnel.data[0] ?? {};
	const cert = r.certifications.data[0] ?? {};
	const tiles = readTiles(PROVINCE_TILES, r);
	const isOwnProvince = page.context.role !== 'regional' || page.context.province === code;
	return {
		code,
		name,
		regency,
		regencyName: regency ? regencyName(regency) : null,
		isOwnProvince,
		missing,
		filters: page.filters,
		bounds: page.bounds,
		freshness: page.freshness,
		options: { ...names.options, ...staticOptions(translator(requestLang(url)) as never) },
		ignored: ignoredOf(queries),
		errors: errorsOf(r),
		scope: scopesOf(queries, page.context, names.names.province, translator(requestLang(url))),
		labels: tileLabels(PROVINCE_TILES),
		kpi: {
			...tiles,
			femaleShare: num(totals['placements.female_share']),
			attempts: num(cert['certifications.attempts']),
			travelledShare: num(cert['certifications.travelled_share']),
		},
		funnel: [
			{ stage: 'registered', value: num(funnel['supply.candidates']) },
			{ stage: 'trained', value: num(funnel['supply.trained']) },
			{ stage: 'certified', value: num(funnel['supply.certified']) },
			{ stage: 'applied', value: num(funnel['supply.applied']) },
			{ stage: 'placed', value: num(funnel['supply.placed']) },
		],
		waiting: tiles.waiting,
		qualified: tiles.qualified,
		regencies: regencyCodes
			.map((rc) => {
				const c = candidatesByRegency.get(rc);
				const now = supplyNowByRegency.get(rc);
				return {
					code: rc,
					name: regencyName(rc),
					placements: placementsByRegency.get(rc) ?? null,
					candidates: num(c?.['supply.candidates']),
					waiting: num(now?.['supply.waiting']),
					qualified: num(now?.['supply.qualified']),
				};
			})
			.sort((a, b) => (b.placements ?? 0) - (a.placements ?? 0)),
		destinations: r.destinations.data.map((d) => ({
			code: s(d['placements.country']),
			name: names.names.country[s(d['placements.country'])] ?? s(d['placements.country']),
			placements: num(d['placements.placements']),
		})),
		occupations: r.occupations.data.map((d) => ({
			code: s(d['placements.occupation']),
			name: names.names.occupation[s(d['placements.occupation'])] ?? s(d['placements.occupation']),
			placements: num(d['placements.placements']),
		})),
		lacking: r.lacking.data
			.filter((d) => s(d['supply.missing_certificate']) !== '')
			.map((d) => ({
				scheme: names.names.certificate[s(d['supply.missing_certificate'])] ?? s(d['supply.missing_certificate']),
				waiting: num(d['supply.waiting']),
			})),
		certifiedWhere: r.certifiedWhere.data.map((d) => ({
			province: names.names.province[s(d['certifications.body_province'])] ?? s(d['certifications.body_province']),
			attempts: num(d['certifications.attempts']),
		})),
		capacity: r.capacity.data.map((d) => ({
			code: s(d['certification_capacity.province']),
			province: names.names.province[s(d['certification_capacity.province'])] ?? s(d['certification_capacity.province']),
			bodies: num(d['certification_capacity.bodies']),
			capacity: num(d['certification_capacity.annual_capacity']),
		})),
	};
};
