import { describe, expect, it } from 'vitest';
import { GENERATOR_VERSION } from '../seeds/src/generate.ts';
import { demoDataNotice } from './stack.ts';

const stamp = (generator: string) => ({
	generator,
	scale: 'national' as const,
	until: '2026-12-04',
	seed: 2026,
	loadedAt: '2026-12-04T21:00:00Z',
});

describe('demoDataNotice', () => {
	it('says nothing when the loaded demo data is of this checkout generator', () => {
		expect(demoDataNotice(stamp(GENERATOR_VERSION))).toBeNull();
	});

	it('names both versions and the way to reload when they differ', () => {
		const notice = demoDataNotice(stamp('1.0.0'), '1.1.0');
		expect(notice).toContain('generator 1.0.0');
		expect(notice).toContain("this checkout's generator is 1.1.0");
		expect(notice).toContain('npm start -- --reload-demo');
	});

	it('says when there is no record of what was loaded', () => {
		expect(demoDataNotice(null, '1.1.0')).toContain('no record of its generator');
	});
});
