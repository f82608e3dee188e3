/**
 * Raw HTTP to the running web app, the way an attacker would send it: exact paths (no URL
 * normalisation), any header, any body, and a chosen source address. Linux routes all of
 * 127.0.0.0/8 to loopback, so a test that trips the per-address log-in throttle sends from its
 * own 127.0.0.x and never locks out the browser journeys, which come from 127.0.0.1.
 */
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';

export interface WebResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
	/** the body's bytes as sent (gzipped when the answer says content-encoding: gzip) */
	raw: Buffer;
	/** the Set-Cookie lines */
	cookies: string[];
	header(name: string): string | undefined;
}

export interface WebRequest {
	method?: string;
	headers?: Record<string, string>;
	body?: string | Buffer;
	/** source address, e.g. '127.0.0.7' */
	from?: string;
	cookie?: string;
}

export function webRequest(base: string, path: string, options: WebRequest = {}): Promise<WebResponse> {
	const url = new URL(base);
	// A browser's Accept: without it, SvelteKit answers form posts as JSON for its own client script.
	const headers: Record<string, string> = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', ...options.headers };
	if (options.cookie) headers.cookie = options.cookie;
	if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			{
				host: url.hostname,
				port: url.port,
				method: options.method ?? 'GET',
				path,
				headers,
				localAddress: options.from,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => {
					const setCookie = res.headers['set-cookie'];
					const raw = Buffer.concat(chunks);
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						body: raw.toString('utf8'),
						raw,
						cookies: Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [],
						header(name) {
							const value = res.headers[name.toLowerCase()];
							return Array.isArray(value) ? value.join(', ') : value;
						},
					});
				});
				res.on('error', reject);
			},
		);
		req.on('error', reject);
		if (options.body !== undefined) req.write(options.body);
		req.end();
	});
}

export const DEMO_PASSWORD = 'slmi-demo';

export function form(fields: Record<string, string>): string {
	return new URLSearchParams(fields).toString();
}

/** A same-origin log-in POST (SvelteKit refuses form posts without a matching Origin). */
export function postLogin(base: string, fields: Record<string, string>, options: { query?: string; from?: string; cookie?: string } = {}) {
	return webRequest(base, `/login${options.query ?? ''}`, {
		method: 'POST',
		headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
		body: form(fields),
		from: options.from,
		cookie: options.cookie,
	});
}

/** `name=value` of the session cookie a response sets, for the next request's Cookie header. */
export function sessionCookie(response: WebResponse): string {
	const line = response.cookies.find((c) => c.startsWith('slmi_session='));
	if (!line) throw new Error(`no session cookie in ${response.status} response: ${JSON.stringify(response.cookies)}`);
	return line.split(';')[0] as string;
}

export async function logIn(base: string, username: string, from?: string): Promise<string> {
	const response = await postLogin(base, { username, password: DEMO_PASSWORD }, { from });
	if (response.status !== 303) throw new Error(`log-in as ${username} answered ${response.status}`);
	return sessionCookie(response);
}

/** Attributes of one Set-Cookie line, lower-cased names: { httponly: '', samesite: 'Lax', … }. */
export function cookieAttributes(line: string): Record<string, string> {
	const [, ...parts] = line.split(';');
	return Object.fromEntries(
		parts.map((part) => {
			const [name, ...value] = part.trim().split('=');
			return [(name ?? '').toLowerCase(), value.join('=')];
		}),
	);
}

/** An error answer must say what is wrong without showing the server's insides. */
export const LEAK = /node_modules|\.js:\d+|\.ts:\d+|\bat [\w.<>]+ \(|\/work\/|build\/web|SELECT |"stack"|Error: /;

/** A port nothing listens on now. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}
