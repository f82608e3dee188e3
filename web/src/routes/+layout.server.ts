import { requestLang } from '$lib/i18n';
import { currentDataVersion } from '$lib/server/cube';
import { markOf } from '$lib/server/data-events';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => ({
	lang: requestLang(url),
	// the data this page is rendered with: a newer mark pushed to the page offers a reload (NewDataNotice)
	dataMark: markOf(await currentDataVersion()),
	user: locals.user
		? {
				username: locals.user.username,
				displayName: locals.user.displayName,
				role: locals.user.role,
				province: locals.user.province ?? null,
			}
		: null,
});
