import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * The app lives in web/ so the repository reads as the pipeline (seeds → warehouse → cube → web);
 * SvelteKit's `files` options point it there. They are marked deprecated in favour of monorepos,
 * but still supported in Kit 2, and one package with one lockfile keeps `npm ci` simple.
 * @type {import('@sveltejs/kit').Config}
 */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build/web', precompress: true }),
		files: {
			src: 'web/src',
			assets: 'web/static',
			lib: 'web/src/lib',
			routes: 'web/src/routes',
			appTemplate: 'web/src/app.html',
			errorTemplate: 'web/src/error.html',
			hooks: { server: 'web/src/hooks.server', client: 'web/src/hooks.client' },
			params: 'web/src/params',
		},
		// svelte-check type-checks what this tsconfig includes: the whole project, not only web/.
		typescript: {
			config: (tsconfig) => {
				for (const folder of ['common', 'warehouse', 'seeds', 'cube/src', 'scripts', 'web/geo']) {
					tsconfig.include.push(`../${folder}/**/*.ts`);
				}
				return tsconfig;
			},
		},
		// Everything the page needs is served by the app itself: no CDN, fonts or tiles. Inline
		// scripts are allowed by their hash, not a nonce: the public pages are rendered once per data
		// version and the same bytes sent to every visitor (public-cache.ts), where a nonce would be
		// the same for all of them.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'img-src': ['self', 'data:', 'blob:'],
				'worker-src': ['self', 'blob:'],
				'style-src': ['self', 'unsafe-inline'],
				'connect-src': ['self'],
			},
		},
	},
};

export default config;
