/**
 * The minister's one-page weekly briefing (A4, print CSS; PDF through the browser's print):
 * Quick Win status (Cube: quick_win — achieved, target, pace, the projection to 31 December and
 * its 80 % band, the members the overview shows), the largest movements and the open alerts
 * (Cube: alerts). Every number is read through Cube, as on the other pages.
 */
import { error } from '@sveltejs/kit';
import { topMovements } from '$lib/alerts-text';
import { requestLang } from '$lib/i18n';
import { countryLink, loadAlerts } from '$lib/server/alerts';
import { contextFor, cubeLoad } from '$lib/server/cube';
import { loadNames } from '$lib/server/dashboard';
import type { PageServerLoad } from './$types';

/** rows that fit one A4 page with the Quick Win block */
const TOP_MOVEMENTS = 5;
const OPEN_LISTED = 6;

const num = (v: unknown) => (v === null || v === undefined || v === '' ? null : Number(v));

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.user) error(401, 'Log in');
	const context = contextFor(locals.user);
	const lang = requestLang(url);
	const [quickWin, alerts, names] = await Promise.all([
		cubeLoad(
			{
				measures: [
					'quick_win.achieved',
					'quick_win.target',
					'quick_win.progress',
					'quick_win.remaining',
					'quick_win.pace_needed_per_month',
					'quick_win.forecast',
					'quick_win.forecast_low',
					'quick_win.forecast_high',
				],
				dimensions: ['quick_win.year', 'quick_win.forecast_method', 'quick_win.as_of'],
				order: { 'quick_win.year': 'desc' },
			},
			context,
		),
		loadAlerts(context),
		loadNames(context, lang),
	]);
	// the year the latest forecast run projects (the overview's current year), else the latest year
	const rows = quickWin.data as Record<string, unknown>[];
	const q = rows.find((r) => r['quick_win.forecast_method'] === 'model') ?? rows[0] ?? {};
	const year = String(q['quick_win.year'] ?? '');
	const movements = topMovements(alerts, TOP_MOVEMENTS);
	const open = alerts.filter((a) => !a.acknowledged);
	return {
		year,
		asOf: String(q['quick_win.as_of'] ?? '').slice(0, 10),
		quickWin: {
			achieved: num(q['quick_win.achieved']),
			target: num(q['quick_win.target']),
			progress: num(q['quick_win.progress']),
			remaining: num(q['quick_win.remaining']),
			paceNeededPerMonth: num(q['quick_win.pace_needed_per_month']),
			projection: num(q['quick_win.forecast']),
			projectionLo80: num(q['quick_win.forecast_low']),
			projectionHi80: num(q['quick_win.forecast_high']),
		},
		movements: movements.map((a) => ({ ...a, link: countryLink(a, lang) })),
		open: open.slice(0, OPEN_LISTED).map((a) => ({ ...a, link: countryLink(a, lang) })),
		openTotal: open.length,
		names: { country: names.names.country, sector: names.names.sector },
	};
};
