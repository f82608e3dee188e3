import { requestLang } from '$lib/i18n';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => ({
	lang: requestLang(url),
	user: locals.user
		? {
				username: locals.user.username,
				displayName: locals.user.displayName,
				role: locals.user.role,
				province: locals.user.province ?? null,
			}
		: null,
});
