import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WEB_REFERENCE_MODULE, webReferenceModule } from './web-reference.ts';

describe('the web app’s copy of the reference data', () => {
	it('is what common/reference holds (run `npm run generate:web-reference` after changing it)', () => {
		expect(readFileSync(WEB_REFERENCE_MODULE, 'utf8')).toBe(webReferenceModule());
	});
});
