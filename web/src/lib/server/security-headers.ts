/**
 * Headers every answer of the web app carries. Framing: only /embed pages may be put in another
 * site's frame (that is what they are for); every other answer forbids it twice, with CSP
 * `frame-ancestors 'none'` for current browsers and `X-Frame-Options: DENY` for old ones. The rest
 * of the content policy (svelte.config.js, kit.csp) is the same everywhere, /embed included.
 * Answers for a logged-in user, or that set a cookie, are `private, no-store`: a shared cache or
 * the browser's back button must not show one user's pages to the next person at the desk.
 */
import { isEmbeddablePath } from './open-paths.ts';

export function applySecurityHeaders(headers: Headers, request: { pathname: string; personal: boolean }): void {
	const embeddable = isEmbeddablePath(request.pathname);
	const ancestors = embeddable ? 'frame-ancestors *' : "frame-ancestors 'none'";
	const policy = headers.get('content-security-policy');
	const others = (policy ?? '')
		.split(';')
		.map((directive) => directive.trim())
		.filter((directive) => directive && !/^frame-ancestors\b/i.test(directive));
	headers.set('content-security-policy', [...others, ancestors].join('; '));
	if (embeddable) headers.delete('x-frame-options');
	else headers.set('x-frame-options', 'DENY');
	headers.set('x-content-type-options', 'nosniff');
	headers.set('referrer-policy', 'same-origin');
	if (request.personal || headers.has('set-cookie')) headers.set('cache-control', 'private, no-store');
}
