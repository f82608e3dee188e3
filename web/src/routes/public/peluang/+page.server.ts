import { error } from '@sveltejs/kit';
import { requestLang, translator } from '$lib/i18n';
import { loadFreshness, loadNames } from '$lib/server/dashboard';
import {
	answerProfile,
	isAsked,
	loadOpenings,
	type Match,
	ProfileError,
	parseProfile,
	profileOptions,
	requirementLabels,
} from '$lib/server/peluang';
import { INCOMPLETE_HEADER } from '$lib/server/public-cache';
import { PUBLIC_CONTEXT } from '$lib/server/public-data';
import type { PageServerLoad } from './$types';

/**
 * "Peluang untuk saya": the profile is read from the URL (peluang.ts, parseProfile: a hostile one
 * is a 400 that says which field), the answer cut from the one public table. Nothing is stored.
 */
export const load: PageServerLoad = async ({ url, setHeaders }) => {
	const lang = requestLang(url);
	const t = translator(lang);
	let profile: ReturnType<typeof parseProfile>;
	try {
		profile = parseProfile(url.searchParams, lang);
	} catch (e) {
		if (e instanceof ProfileError) error(400, `${t('peluang.errorTitle')}: ${e.message}`);
		throw e;
	}
	const [freshness, { names }] = await Promise.all([loadFreshness(PUBLIC_CONTEXT), loadNames(PUBLIC_CONTEXT, lang)]);
	const asked = isAsked(profile);
	let answer: ReturnType<typeof answerProfile> | null = null;
	let threshold: number | null = null;
	let failed = false;
	if (asked) {
		try {
			const openings = await loadOpenings();
			threshold = openings.threshold;
			answer = answerProfile(profile, openings.cells);
		} catch {
			failed = true;
		}
	}
	if (!freshness.dataAsOf || failed) setHeaders({ [INCOMPLETE_HEADER]: '1' });
	const label = requirementLabels(lang);
	const requirementsOf = (m: Match): string[] => {
		const r = m.requirements;
		const out: string[] = [];
		if (r.certificate) out.push(label.certificate(r.certificate));
		if (r.language) out.push(label.language(r.language, r.languageLevel));
		if (r.educationRank > 0) out.push(label.education(r.educationRank));
		if (r.experienceYears > 0) out.push(label.experience(r.experienceYears));
		if (r.gender === 'F' || r.gender === 'M') out.push(label.gender(r.gender));
		if (r.ageMin > 0 || r.ageMax > 0) out.push(label.age(r.ageMin, r.ageMax));
		return out;
	};
	const missingOf = (m: Match): string => {
		const r = m.requirements;
		const what = m.missing[0]!;
		const value =
			what === 'certificate'
				? label.certificate(r.certificate)
				: what === 'language'
					? label.language(r.language, r.languageLevel)
					: what === 'education'
						? label.education(r.educationRank)
						: what === 'experience'
							? label.experience(r.experienceYears)
							: what === 'gender'
								? label.gender(r.gender)
								: what === 'age'
									? label.age(r.ageMin, r.ageMax)
									: '';
		return t(`peluang.missing.${what}`).replace('{what}', value);
	};
	const row = (m: Match) => ({
		country: names.country[m.country] ?? m.country,
		countryCode: m.country,
		occupation: label.occupation(m.requirements.occupation),
		occupationCode: m.requirements.occupation,
		slots: m.slots,
		wageMin: m.wageMin,
		wageMax: m.wageMax,
		requirements: requirementsOf(m),
		missing: m.missing.length ? missingOf(m) : null,
		missingKind: m.missing[0] ?? null,
		certificate: m.requirements.certificate,
	});
	return {
		lang,
		freshness,
		profile,
		asked,
		failed,
		threshold,
		options: profileOptions(lang),
		answer: answer && {
			fits: answer.fits.filter((m) => m.slots !== null).map(row),
			nearMisses: answer.nearMisses.filter((m) => m.slots !== null).map(row),
			fitSlots: answer.fitSlots,
			nearMissSlots: answer.nearMissSlots,
			fitWithheld: answer.fitWithheld,
			nearMissWithheld: answer.nearMissWithheld,
			bodies: Object.entries(answer.bodies).map(([scheme, bodies]) => ({
				scheme,
				certificate: label.certificate(scheme),
				bodies: bodies.map((b) => ({ ...b, provinceName: label.province(b.province) })),
			})),
		},
	};
};
