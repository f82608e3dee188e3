/**
 * The web app's server: adapter-node's own (build/web/index.js: its listening, timeouts and graceful
 * shutdown as they are), with one step in front of SvelteKit. A request the public cache holds an
 * answer for (an anonymous GET of a public page, CSV or embed kept for the current data version,
 * web/src/lib/server/kept-answer.ts) is answered from it here, without adapter-node's Request,
 * SvelteKit's `respond`, our `handle` and a Response stream; everything else goes to adapter-node's
 * handler as before. The answer is written as adapter-node's `setResponse` writes a Response: the
 * same headers in the same order, the status, the body in one write (chunked when it has no
 * Content-Length), so the bytes on the wire are the same whichever path answered.
 *
 * The web build (scripts/web-build.ts) copies this file to build/web/server.js; the stack starts
 * that (scripts/stack.ts), with adapter-node's environment as before (PORT, HOST, ORIGIN, …). Plain
 * JavaScript: it runs in Node as it is, outside Vite's bundle, and reaches the bundle's cache
 * through the function the hook module leaves on globalThis. Without ORIGIN (adapter-node then reads
 * the Host header) nothing is answered here.
 */
import { server } from './index.js';

const KEPT_ANSWER = Symbol.for('slmi.keptAnswer');
/** @type {import('./src/lib/server/kept-answer.ts').KeptAnswer | undefined} */
const keptAnswer = globalThis[KEPT_ANSWER];
if (!keptAnswer) throw new Error('web/server.js: the hook module did not provide the kept public answers (hooks.server.ts)');

const http = server.server;
if (!http) throw new Error('web/server.js: adapter-node started no http server');
// polka's listener (it defers to its handler with setImmediate); adapter-node's request counter for
// the graceful shutdown is another listener and still sees every request
const polka = server.attach;
if (typeof polka !== 'function') throw new Error('web/server.js: no polka listener to put the kept answers in front of');
http.removeListener('request', polka);
http.prependListener('request', (req, res) => {
	const pending = keptAnswer(req);
	if (pending === undefined) return polka(req, res);
	pending.then(
		(parts) => (parts ? send(res, parts) : polka(req, res)),
		(error) => {
			console.error('kept public answer failed; SvelteKit answers', error);
			polka(req, res);
		},
	);
});

/**
 * @param {import('node:http').ServerResponse} res
 * @param {import('./src/lib/server/public-cache.ts').SentParts} parts
 */
function send(res, parts) {
	for (const [name, value] of parts.headers) res.setHeader(name, value);
	res.writeHead(parts.status);
	if (parts.body) res.write(parts.body);
	res.end();
}
