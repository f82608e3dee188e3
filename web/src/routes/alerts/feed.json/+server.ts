/**
 * The alerts as a machine-readable feed (JSON Feed 1.1, https://jsonfeed.org/version/1.1), for
 * logged-in users only (the session cookie; without one the hooks send the log-in page). Each item
 * carries the alert's words in the requested language and its values under `_slmi`, exactly as
 * Cube's `alerts` cube gives them. Newest first.
 */
import { json } from '@sveltejs/kit';
import { alertWords } from '$lib/alerts-text';
import { requestLang, translator } from '$lib/i18n';
import { countryLink, loadAlerts } from '$lib/server/alerts';
import { contextFor } from '$lib/server/cube';
import { loadNames } from '$lib/server/dashboard';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	if (!locals.user) return json({ error: 'unauthorised' }, { status: 401 });
	const context = contextFor(locals.user);
	const lang = requestLang(url);
	const t = translator(lang);
	const [alerts, names] = await Promise.all([loadAlerts(context), loadNames(context, lang)]);
	return json(
		{
			version: 'https://jsonfeed.org/version/1.1',
			title: `SLMI — ${t('alerts.title')}`,
			home_page_url: `${url.origin}/alerts${lang === 'en' ? '?lang=en' : ''}`,
			feed_url: `${url.origin}${url.pathname}${url.search}`,
			language: lang,
			items: alerts.map((a) => {
				const w = alertWords(a, t, lang, names.names);
				return {
					id: a.id,
					url: `${url.origin}${countryLink(a, lang)}`,
					title: `${w.market}: ${w.what}`,
					content_text: `${w.amount}. ${w.period}. ${w.rule}.`,
					date_published: `${a.detected}-01T00:00:00Z`,
					tags: [a.measure, a.rule, a.direction, a.acknowledged ? 'acknowledged' : 'open'],
					_slmi: {
						level: a.level,
						country: a.country,
						sector: a.sector,
						measure: a.measure,
						rule: a.rule,
						direction: a.direction,
						since: a.since,
						through: a.through,
						detected: a.detected,
						months: a.months,
						actual: a.actual,
						expected: a.expected,
						change: a.change,
						lo80: a.lo80,
						hi80: a.hi80,
						occupations: a.occupations,
						provinces: a.provinces,
						requirements: a.requirements,
						acknowledged: a.acknowledged,
						acknowledged_by: a.acknowledgedBy || null,
						acknowledged_at: a.acknowledgedAt || null,
						as_of: a.asOf,
					},
				};
			}),
		},
		{ headers: { 'cache-control': 'private, no-store' } },
	);
};
