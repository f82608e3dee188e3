import { describe, expect, it } from 'vitest';
import { isOpenPath } from './open-paths.ts';

describe('isOpenPath', () => {
	it('opens the public pages, embeds, log-in and static assets', () => {
		for (const path of [
			'/public',
			'/public/data/placements.csv',
			'/embed/placements-trend',
			'/login',
			'/geo/provinces.topo.json',
			'/_app/x.js',
		]) {
			expect(isOpenPath(path), path).toBe(true);
		}
	});

	it('keeps internal pages closed, including look-alike paths', () => {
		for (const path of ['/', '/markets', '/provinces/52', '/matching', '/publicity', '/login-as-admin', '/embedded']) {
			expect(isOpenPath(path), path).toBe(false);
		}
	});
});
