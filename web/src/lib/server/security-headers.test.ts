import { describe, expect, it } from 'vitest';
import { applySecurityHeaders } from './security-headers.ts';

const KIT_POLICY = "default-src 'self'; script-src 'self' 'nonce-abc'; connect-src 'self'";

function headersFor(pathname: string, init: Record<string, string> = {}, personal = false): Headers {
	const headers = new Headers(init);
	applySecurityHeaders(headers, { pathname, personal });
	return headers;
}

describe('applySecurityHeaders', () => {
	it('forbids framing outside /embed, keeping the page’s own policy', () => {
		for (const path of ['/', '/login', '/public', '/public/data/x.csv', '/embedded', '/nope']) {
			const headers = headersFor(path, { 'content-security-policy': KIT_POLICY });
			expect(headers.get('content-security-policy'), path).toBe(`${KIT_POLICY}; frame-ancestors 'none'`);
			expect(headers.get('x-frame-options'), path).toBe('DENY');
		}
	});

	it('adds a policy to answers that had none (redirects, files, JSON)', () => {
		const headers = headersFor('/markets', { location: '/login' });
		expect(headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
		expect(headers.get('x-frame-options')).toBe('DENY');
	});

	it('lets any site frame /embed pages and changes nothing else in their policy', () => {
		const headers = headersFor('/embed/placements-by-month', { 'content-security-policy': KIT_POLICY, 'x-frame-options': 'DENY' });
		expect(headers.get('content-security-policy')).toBe(`${KIT_POLICY}; frame-ancestors *`);
		expect(headers.has('x-frame-options')).toBe(false);
	});

	it('replaces a frame-ancestors directive rather than adding a second one', () => {
		const headers = headersFor('/', { 'content-security-policy': `frame-ancestors *; ${KIT_POLICY}` });
		expect(headers.get('content-security-policy')).toBe(`${KIT_POLICY}; frame-ancestors 'none'`);
	});

	it('keeps personal answers and cookie-setting answers out of caches', () => {
		expect(headersFor('/', {}, true).get('cache-control')).toBe('private, no-store');
		expect(headersFor('/public/data/x.csv', { 'cache-control': 'public, max-age=300' }, true).get('cache-control')).toBe(
			'private, no-store',
		);
		expect(headersFor('/login', { 'set-cookie': 'slmi_session=x' }).get('cache-control')).toBe('private, no-store');
		expect(headersFor('/public/data/x.csv', { 'cache-control': 'public, max-age=300' }).get('cache-control')).toBe('public, max-age=300');
	});

	it('always sends nosniff and a same-origin referrer policy', () => {
		const headers = headersFor('/embed/x');
		expect(headers.get('x-content-type-options')).toBe('nosniff');
		expect(headers.get('referrer-policy')).toBe('same-origin');
	});
});
