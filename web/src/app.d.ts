// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Lang } from '$lib/i18n';
import type { User } from '$lib/server/session';

declare global {
	namespace App {
		interface Locals {
			lang: Lang;
			user: User | undefined;
			/**
			 * the answer is this visitor's own (a logged-in user, a public profile): `private, no-store`
			 * (security-headers.ts), and rendered without an ETag (vite.config.ts, KIT_PATCHES)
			 */
			personal: boolean;
		}
	}
}
