import { error, fail } from '@sveltejs/kit';
import { requestLang } from '$lib/i18n';
import { ACK_ROLES, AckRefused, acknowledge, countryLink, loadAlerts } from '$lib/server/alerts';
import { contextFor } from '$lib/server/cube';
import { loadNames } from '$lib/server/dashboard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.user) error(401, 'Log in');
	const context = contextFor(locals.user);
	const lang = requestLang(url);
	const [alerts, names] = await Promise.all([loadAlerts(context), loadNames(context, lang)]);
	return {
		alerts: alerts.map((a) => ({ ...a, link: countryLink(a, lang) })),
		names: {
			country: names.names.country,
			sector: names.names.sector,
			occupation: names.names.occupation,
			province: names.names.province,
		},
		canAcknowledge: ACK_ROLES.includes(locals.user.role),
	};
};

export const actions: Actions = {
	// the one action of the page (the hooks refuse named actions: none other exists)
	default: async ({ locals, request }) => {
		if (!locals.user) error(401, 'Log in');
		const form = await request.formData();
		const id = String(form.get('id') ?? '');
		const at = new Date();
		try {
			await acknowledge(locals.user, id, contextFor(locals.user), at);
		} catch (e) {
			if (e instanceof AckRefused) return fail(e.message === 'role' ? 403 : 400, { refused: e.message, id });
			throw e;
		}
		// said back to the page: Cube renews the alerts' refresh key in the background, so the reload
		// right after this action can still answer from its cache (the browser test saw it for 30 s)
		return { acknowledged: id, by: locals.user.username, at: at.toISOString().slice(0, 19).replace('T', ' ') };
	},
};
