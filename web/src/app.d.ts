// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Lang } from '$lib/i18n';
import type { User } from '$lib/server/session';

declare global {
	namespace App {
		interface Locals {
			lang: Lang;
			user: User | undefined;
		}
	}
}
