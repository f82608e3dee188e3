import { type Handle, json } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { isLang, translator } from '$lib/i18n';
import { answerLifetimeMs, currentDataVersion, onDataVersionChange, resultCacheStats } from '$lib/server/cube';
import { KEPT_ANSWER, type KeptAnswer, keptAnswerOf, originOf } from '$lib/server/kept-answer';
import { isDetailPath, isOfficerPath, isOpenPath } from '$lib/server/open-paths';
import { Busy, Gate } from '$lib/server/overload';
import { carriesProfile, isPublicCacheable, PublicCache, withoutUnknownKeys } from '$lib/server/public-cache';
import { envNumber } from '$lib/server/result-cache';
import { applySecurityHeaders } from '$lib/server/security-headers';
import { SESSION_COOKIE, sessions } from '$lib/server/session';

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * Why a POST cannot be a log-in or any other form action, or undefined when it may be one.
 * SvelteKit answers some of these with a 500 of its own (`?/default`), others only once the
 * action reads the body; here they get a 400 that says what is wrong. No page of this app has
 * named actions, so `?/<name>` is always refused.
 */
function malformedPost(request: Request, url: URL): string | undefined {
	if (request.method !== 'POST') return undefined;
	const action = [...url.searchParams.keys()].find((key) => key.startsWith('/'));
	if (action !== undefined) return `Invalid request: this page has no form action named "${action.slice(1, 40)}"`;
	if (url.pathname === '/login') {
		const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
		if (!FORM_TYPES.includes(type)) {
			return `Invalid log-in request: send the form as ${FORM_TYPES.join(' or ')}, not ${type ? JSON.stringify(type.slice(0, 60)) : 'without a content type'}`;
		}
	}
	return undefined;
}

const MiB = 1024 * 1024;

/**
 * Rendered public answers per data version (public-cache.ts): 32 MiB by default
 * (SLMI_PUBLIC_CACHE_MB; 0 renders every request).
 */
const publicCache = new PublicCache(envNumber(env.SLMI_PUBLIC_CACHE_MB, 32) * MiB, envNumber(env.SLMI_RESULT_CACHE_SECONDS, 60) * 1000);
onDataVersionChange((version) => publicCache.dropOtherVersions(version.id));
const publicCacheOn = () => envNumber(env.SLMI_PUBLIC_CACHE_MB, 32) !== 0;

// what web/server.js answers before SvelteKit: kept public answers for anonymous GETs (kept-answer.ts)
(globalThis as typeof globalThis & { [KEPT_ANSWER]?: KeptAnswer })[KEPT_ANSWER] = keptAnswerOf({
	cache: publicCache,
	origin: originOf(env.ORIGIN),
	enabled: publicCacheOn,
	version: currentDataVersion,
});

/**
 * Requests rendered at once (a page asks Cube many queries; rendering more at a time only makes
 * each wait longer), how many more may wait and how long: beyond that, 503 with Retry-After at
 * once rather than a hang (overload.ts). Answers from the public cache do not count.
 */
const renderGate = new Gate({
	concurrency: envNumber(env.SLMI_WEB_CONCURRENCY, 32),
	queue: envNumber(env.SLMI_WEB_QUEUE, 1000),
	waitMs: envNumber(env.SLMI_WEB_WAIT_MS, 15_000),
	retryAfterSeconds: 2,
});

// SLMI_CACHE_STATS_SECONDS=N logs the caches' and queues' counts every N seconds (the benchmark sets it)
const statsSeconds = envNumber(env.SLMI_CACHE_STATS_SECONDS, 0);
if (statsSeconds > 0) {
	setInterval(() => {
		console.log(
			`[cache] results ${JSON.stringify(resultCacheStats())} public ${JSON.stringify(publicCache.stats())} renders ${JSON.stringify(renderGate.stats())}`,
		);
	}, statsSeconds * 1000).unref();
}

async function gated(event: { url: URL; locals: App.Locals }, render: () => Promise<Response>): Promise<Response> {
	try {
		return await renderGate.run(render);
	} catch (error) {
		if (!(error instanceof Busy)) throw error;
		return new Response(translator(event.locals.lang)('error.busy'), {
			status: 503,
			headers: { 'retry-after': String(error.retryAfterSeconds), 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
		});
	}
}

/**
 * The language is part of the URL (?lang=en), like every other view setting. Internal pages need
 * a session; the Cube token is made from the session's user on the server for each request.
 * Every answer that passes through here gets the security headers (security-headers.ts).
 */
export const handle: Handle = async ({ event, resolve }) => {
	const requested = event.url.searchParams.get('lang');
	event.locals.lang = isLang(requested) ? requested : 'id';
	event.locals.user = sessions.read(event.cookies.get(SESSION_COOKIE));
	// a visitor's profile (/public/peluang?…) is theirs: no shared cache or back button keeps it
	event.locals.personal = event.locals.user !== undefined || carriesProfile(new URL(event.request.url));
	const response = await cachedOrRendered();
	applySecurityHeaders(response.headers, { pathname: event.url.pathname, personal: event.locals.personal });
	return response;

	/** Anonymous public answers come from what was rendered for the current data version. */
	async function cachedOrRendered(): Promise<Response> {
		// a page's own fetch of another route is part of a request already admitted
		const render = () => (event.isSubRequest ? respond() : gated(event, respond));
		// the URL as asked: SvelteKit's event.url drops the `/__data.json` of a data request, whose answer
		// differs, and its `x-sveltekit-trailing-slash` (`/public/peluang/` would not be a profile path)
		const asked = new URL(event.request.url);
		const canonical = event.request.method === 'GET' && !event.locals.user ? withoutUnknownKeys(asked) : undefined;
		if (canonical !== undefined)
			return new Response(null, { status: 301, headers: { location: canonical, 'cache-control': 'public, max-age=3600' } });
		if (event.request.method !== 'GET' || event.locals.user || !isPublicCacheable(asked.pathname, asked.search)) return render();
		if (!publicCacheOn()) return render();
		const version = await currentDataVersion();
		if (!version) return render();
		return publicCache.respond(asked, version, event.request.headers, render, answerLifetimeMs());
	}

	async function respond(): Promise<Response> {
		const malformed = malformedPost(event.request, event.url);
		if (malformed) return json({ error: malformed }, { status: 400 });
		const path = event.url.pathname;
		// person-level detail and its audit: refused to the public outright, not sent to log in, and to
		// every role but the officer (detail) and the minister (audit) before any load runs — also for
		// `__data.json`, whose errors SvelteKit would answer with 200 (the loads check the role again)
		const role = event.locals.user?.role;
		const refused = isDetailPath(path) && (isOfficerPath(path) ? role !== 'officer' : role !== 'minister');
		if (refused) {
			return new Response(translator(event.locals.lang)('officer.forbidden'), {
				status: 403,
				headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
			});
		}
		// officers see their audited detail pages and the public ones, never the dashboards (they hold no Cube token)
		if (event.locals.user?.role === 'officer' && !isOfficerPath(path) && !isOpenPath(path) && path !== '/logout') {
			return new Response(null, { status: 303, headers: { location: `/officer${event.locals.lang === 'en' ? '?lang=en' : ''}` } });
		}
		if (!event.locals.user && !isOpenPath(event.url.pathname)) {
			const next = `${event.url.pathname}${event.url.search}`;
			// A returned (not thrown) redirect passes through here for its headers; SvelteKit turns it
			// into its JSON form for client-side navigations.
			return new Response(null, {
				status: 303,
				headers: { location: `/login?next=${encodeURIComponent(next)}${event.locals.lang === 'en' ? '&lang=en' : ''}` },
			});
		}
		return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang) });
	}
};
