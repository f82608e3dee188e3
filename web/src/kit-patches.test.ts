/**
 * The changes vite.config.ts makes to SvelteKit's server runtime as the app is built (KIT_PATCHES),
 * applied here by the same Vite pipeline. The ETag one is checked against the running server
 * (tests/integration/web/security.test.ts); this file checks that the content policy's hashes
 * are the ones Kit's own JavaScript SHA-256 gives.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

type Sha256 = (data: string) => string;

const crypto = fileURLToPath(new URL('../../node_modules/@sveltejs/kit/src/runtime/server/page/crypto.js', import.meta.url));

describe("Kit's page/crypto.js as built", () => {
	it("hashes an inline script with Node's SHA-256 to the digest Kit's own code gives", async () => {
		const kit = (await import(/* @vite-ignore */ crypto)) as { sha256: Sha256; sha256_in_javascript?: Sha256 };
		expect(kit.sha256_in_javascript, 'the patch was not applied').toBeTypeOf('function');
		const own = kit.sha256_in_javascript as Sha256;
		const scripts = [
			'',
			'abc',
			'{ __sveltekit_x = { base: new URL(".", location).pathname.slice(0, -1) }; }',
			'data: [{type:"data",data:{name:"Côte d’Ivoire — 日本",n:.05}}]',
			'x'.repeat(20_000),
			'\ud800 lone surrogate',
		];
		for (const script of scripts) expect(kit.sha256(script), script.slice(0, 40)).toBe(own(script));
		// the digest of "abc" (FIPS 180-2), so both are SHA-256 in base64, not merely the same function
		expect(kit.sha256('abc')).toBe('ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
	});
});
